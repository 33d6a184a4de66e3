// SqliteStore protocollering beyond single records: AppendAudits (one transaction, chained in
// order) and ListAuditPeriod.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "store/audit_chain.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"

using namespace isi;
using namespace isi::testing;

namespace {

AuditRecord Record(int64_t at, const std::string& bsn) {
  AuditRecord r;
  r.at = at;
  r.key_id = "ak_0363_cvs";
  r.gemeentecode = "0363";
  r.operation = "ZoekenPersonen";
  r.bsn = bsn;
  r.outcome = "Geleverd";
  return r;
}

}  // namespace

TEST_CASE("AppendAudits: records are chained in the given order after the existing chain",
          "[store][audit]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  AuditRecord single = Record(1000, MakeBsn(0));
  REQUIRE(store->AppendAudit(&single).ok());

  std::vector<AuditRecord> batch;
  for (int i = 1; i <= 20; ++i) batch.push_back(Record(1000 + i, MakeBsn(i)));
  REQUIRE(store->AppendAudits(&batch).ok());
  std::string prev = single.hash;
  int64_t prev_id = single.id;
  for (size_t i = 0; i < batch.size(); ++i) {
    const AuditRecord& r = batch[i];
    CHECK(r.bsn == MakeBsn(static_cast<int>(i) + 1));  // order kept
    CHECK(r.id == prev_id + 1);
    CHECK(r.prev_hash == prev);
    CHECK(r.hash == AuditRecordHash(r));
    prev = r.hash;
    prev_id = r.id;
  }
  AuditRecord after = Record(2000, MakeBsn(30));
  REQUIRE(store->AppendAudit(&after).ok());
  CHECK(after.prev_hash == batch.back().hash);

  std::vector<AuditRecord> none;
  REQUIRE(store->AppendAudits(&none).ok());

  int64_t checked = 0, bad = -1;
  REQUIRE(store->VerifyAuditChain(&checked, &bad).ok());
  CHECK(checked == 22);
  CHECK(bad == 0);

  std::vector<AuditRecord> stored;
  REQUIRE(store->ListAudit("", &stored).ok());
  REQUIRE(stored.size() == 22);
  CHECK(stored[5].hash == batch[4].hash);
}

TEST_CASE("AppendAudits: a failing batch writes nothing and leaves the records untouched",
          "[store][audit]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"), true, /*busy_timeout_ms=*/50);
  std::vector<AuditRecord> batch = {Record(1, "111222333"), Record(2, "111222333")};
  {
    // Another connection holds the write lock: the batch cannot start.
    RawDb other(dir.File("isi.db"));
    REQUIRE(other.Exec("BEGIN IMMEDIATE") == SQLITE_OK);
    CHECK(store->AppendAudits(&batch).code() == Status::Code::kUnavailable);
    REQUIRE(other.Exec("ROLLBACK") == SQLITE_OK);
  }
  CHECK(batch[0].id == 0);
  CHECK(batch[0].hash.empty());
  std::vector<AuditRecord> stored;
  REQUIRE(store->ListAudit("", &stored).ok());
  CHECK(stored.empty());
}

TEST_CASE("ListAuditPeriod: from inclusive, to exclusive, oldest first", "[store][audit]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  std::vector<AuditRecord> batch;
  for (int64_t at : {100, 199, 200, 200, 250, 299, 300, 400}) {
    batch.push_back(Record(at, MakeBsn(static_cast<int>(at))));
  }
  REQUIRE(store->AppendAudits(&batch).ok());
  std::vector<AuditRecord> out;
  REQUIRE(store->ListAuditPeriod(200, 300, &out).ok());
  REQUIRE(out.size() == 4);
  CHECK(out[0].at == 200);
  CHECK(out[1].at == 200);
  CHECK(out[2].at == 250);
  CHECK(out[3].at == 299);
  CHECK(out[0].id < out[1].id);
  CHECK(out[0].hash == batch[2].hash);

  REQUIRE(store->ListAuditPeriod(300, 300, &out).ok());
  CHECK(out.empty());
  REQUIRE(store->ListAuditPeriod(0, 1000, &out).ok());
  CHECK(out.size() == batch.size());
  REQUIRE(store->ListAuditPeriod(401, 1000, &out).ok());
  CHECK(out.empty());
}
