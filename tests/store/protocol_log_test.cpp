// ProtocolLog (store/protocol_log.h): the hash chain in its own file, group commit from many
// threads, the move of records out of stores of earlier releases, and tamper detection.
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/audit_chain.h"
#include "store/protocol_log.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"

using namespace isi;
using namespace isi::testing;

namespace {

AuditRecord Record(int64_t at, const std::string& bsn, const std::string& outcome = "Geleverd") {
  AuditRecord r;
  r.at = at;
  r.key_id = "ak_0363_test";
  r.gemeentecode = "0363";
  r.operation = "RaadplegenPersoon";
  r.bsn = bsn;
  r.outcome = outcome;
  return r;
}

// A store at `path` (created) and its protocol file; REQUIREs success.
std::unique_ptr<ProtocolLog> OpenLog(const std::string& path, int busy_timeout_ms = 5000,
                                     int checkpoint_frames = 1000) {
  OpenStore(path);
  ProtocolLogOptions options;
  options.create_if_missing = true;
  options.busy_timeout_ms = busy_timeout_ms;
  options.checkpoint_frames = checkpoint_frames;
  std::unique_ptr<ProtocolLog> log;
  Status s = OpenProtocolLog(path, options, &log);
  INFO(s.message());
  REQUIRE(s.ok());
  return log;
}

void Verify(ProtocolLog& log, int64_t expect_checked) {
  int64_t checked = -1, bad = -1;
  REQUIRE(log.Verify(&checked, &bad).ok());
  CHECK(checked == expect_checked);
  CHECK(bad == 0);
}

}  // namespace

TEST_CASE("ProtocolLog: records form a SHA-256 hash chain from 64 zeros", "[store][audit]") {
  TempDir dir;
  auto log = OpenLog(dir.File("isi.db"));
  AuditRecord first = Record(1700000000, "111222333");
  REQUIRE(log->Append(&first).ok());
  CHECK(first.id > 0);
  CHECK(first.prev_hash == std::string(64, '0'));
  // printf '%s' "<64 zeros>|1700000000|ak_0363_test|0363|RaadplegenPersoon|111222333|Geleverd"
  //   | sha256sum
  CHECK(first.hash == "4ddf9cd9e93aad4a0cba2a30dcb23f60b0fb3fd781a689c079f641b574f59807");

  AuditRecord second = Record(1700000001, "", "NietGeauthenticeerd");
  second.key_id = "";
  REQUIRE(log->Append(&second).ok());
  CHECK(second.id > first.id);
  CHECK(second.prev_hash == first.hash);
  CHECK(second.hash == AuditRecordHash(second));

  std::vector<AuditRecord> all, one;
  REQUIRE(log->List("", &all).ok());
  REQUIRE(log->List("111222333", &one).ok());
  REQUIRE(all.size() == 2);
  CHECK(all[0].hash == first.hash);
  CHECK(all[1].outcome == "NietGeauthenticeerd");
  REQUIRE(one.size() == 1);
  CHECK(one[0].id == first.id);
  Verify(*log, 2);

  // In a file of its own beside the store, and it survives reopening.
  log.reset();
  RawDb raw(ProtocolLogPath(dir.File("isi.db")));
  CHECK(raw.Int("SELECT count(*) FROM protocol") == 2);
  CHECK(raw.Text("PRAGMA journal_mode") == "wal");
  RawDb store(dir.File("isi.db"));
  CHECK(store.Int("SELECT count(*) FROM protocol") == 0);
}

TEST_CASE("ProtocolLog: an empty chain is intact; a missing file is refused unless created",
          "[store][audit]") {
  TempDir dir;
  const std::string path = dir.File("isi.db");
  OpenStore(path);
  std::unique_ptr<ProtocolLog> log;
  Status s = OpenProtocolLog(path, ProtocolLogOptions{}, &log);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("protocolbestand"));
  CHECK(OpenProtocolLog(dir.File("none.db"), ProtocolLogOptions{}, &log).code() ==
        Status::Code::kInvalidArgument);

  log = OpenLog(path);
  Verify(*log, 0);
}

TEST_CASE("ProtocolLog: a file that is not a protocol file is refused", "[store][audit]") {
  TempDir dir;
  const std::string path = dir.File("isi.db");
  OpenStore(path);
  {
    RawDb other(ProtocolLogPath(path));
    REQUIRE(other.Exec("CREATE TABLE x (y INTEGER)") == SQLITE_OK);
  }
  std::unique_ptr<ProtocolLog> log;
  ProtocolLogOptions options;
  options.create_if_missing = true;
  Status s = OpenProtocolLog(path, options, &log);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("geen protocolbestand"));
}

TEST_CASE("ProtocolLog: a call's records are chained in the given order after the existing chain",
          "[store][audit]") {
  TempDir dir;
  auto log = OpenLog(dir.File("isi.db"));
  AuditRecord single = Record(1000, MakeBsn(0));
  REQUIRE(log->Append(&single).ok());

  std::vector<AuditRecord> batch;
  for (int i = 1; i <= 20; ++i) batch.push_back(Record(1000 + i, MakeBsn(i)));
  REQUIRE(log->Append(&batch).ok());
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
  REQUIRE(log->Append(&after).ok());
  CHECK(after.prev_hash == batch.back().hash);

  std::vector<AuditRecord> none;
  REQUIRE(log->Append(&none).ok());
  Verify(*log, 22);
  std::vector<AuditRecord> stored;
  REQUIRE(log->List("", &stored).ok());
  REQUIRE(stored.size() == 22);
  CHECK(stored[5].hash == batch[4].hash);
}

TEST_CASE("ProtocolLog: concurrent callers are all durable, each call consecutive, chain intact",
          "[store][audit]") {
  TempDir dir;
  auto log = OpenLog(dir.File("isi.db"));
  constexpr int kThreads = 8;
  constexpr int kCalls = 40;
  std::vector<std::vector<std::vector<AuditRecord>>> answered(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int c = 0; c < kCalls; ++c) {
        std::vector<AuditRecord> call;
        for (int k = 0; k <= (t + c) % 3; ++k)
          call.push_back(Record(t * 1000 + c, MakeBsn(t * 1000 + c * 10 + k)));
        if (!log->Append(&call).ok()) return;
        answered[t].push_back(std::move(call));
      }
    });
  }
  for (auto& th : threads) th.join();

  std::vector<AuditRecord> stored;
  REQUIRE(log->List("", &stored).ok());
  size_t expected = 0;
  std::set<int64_t> ids;
  for (int t = 0; t < kThreads; ++t) {
    REQUIRE(answered[t].size() == static_cast<size_t>(kCalls));
    for (const auto& call : answered[t]) {
      for (size_t k = 0; k < call.size(); ++k) {
        ++expected;
        ids.insert(call[k].id);
        if (k > 0) CHECK(call[k].id == call[k - 1].id + 1);  // consecutive in the chain
        // What the caller was told is what is stored.
        REQUIRE(call[k].id >= 1);
        REQUIRE(static_cast<size_t>(call[k].id) <= stored.size());
        CHECK(stored[static_cast<size_t>(call[k].id - 1)].hash == call[k].hash);
        CHECK(stored[static_cast<size_t>(call[k].id - 1)].bsn == call[k].bsn);
      }
    }
  }
  CHECK(stored.size() == expected);
  CHECK(ids.size() == expected);
  Verify(*log, static_cast<int64_t>(expected));
}

TEST_CASE("ProtocolLog: the WAL is checkpointed, so it stays bounded however many records",
          "[store][audit]") {
  // SQLite's automatic checkpoint is off for the protocol file (it would run inside a request's
  // commit); the log's own checkpoints must keep the WAL from growing. Every call dirties a
  // few pages, so these 8,000 records without a checkpoint leave a WAL of about 40 MB. With
  // checkpoints from 100 frames on, and by the caller from 400 frames (1.6 MB), it restarts
  // long before that.
  TempDir dir;
  auto log = OpenLog(dir.File("isi.db"), 5000, /*checkpoint_frames=*/100);
  constexpr int kThreads = 4;
  constexpr int kCalls = 1000;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int c = 0; c < kCalls; ++c) {
        std::vector<AuditRecord> call = {Record(c, MakeBsn(t * 7919 + c * 31)),
                                         Record(c, MakeBsn(t * 7919 + c * 31 + 1))};
        if (!log->Append(&call).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  Verify(*log, int64_t{kThreads} * kCalls * 2);
  const auto wal = std::filesystem::file_size(ProtocolLogPath(dir.File("isi.db")) + "-wal");
  INFO("WAL bytes " << wal);
  CHECK(wal < 4u * 1024 * 1024);
}

TEST_CASE("ProtocolLog: a version 1 file loses its bsn index; records, chain and lookups stay",
          "[store][audit]") {
  // The index on bsn cost every record a random page write; version 2 drops it, and the
  // records of one BSN are then found by a scan.
  TempDir dir;
  const std::string store = dir.File("isi.db");
  {
    auto log = OpenLog(store);
    std::vector<AuditRecord> records = {Record(1, "111222333"), Record(2, "123456782"),
                                        Record(3, "111222333")};
    REQUIRE(log->Append(&records).ok());
  }
  {
    RawDb raw(ProtocolLogPath(store));  // as release 1 left it
    REQUIRE(raw.Exec("CREATE INDEX protocol_bsn ON protocol (bsn, id)") == SQLITE_OK);
    REQUIRE(raw.Exec("PRAGMA user_version = 1") == SQLITE_OK);
  }
  ProtocolLogOptions options;
  std::unique_ptr<ProtocolLog> log;
  REQUIRE(OpenProtocolLog(store, options, &log).ok());
  {
    RawDb raw(ProtocolLogPath(store));
    CHECK(raw.Int("PRAGMA user_version") == 2);
    CHECK(raw.Text("SELECT group_concat(name) FROM sqlite_schema WHERE type = 'index' AND "
                   "tbl_name = 'protocol' AND name NOT LIKE 'sqlite_%'") == "protocol_at");
  }
  std::vector<AuditRecord> found;
  REQUIRE(log->List("111222333", &found).ok());
  REQUIRE(found.size() == 2);
  CHECK(found[0].at == 1);
  CHECK(found[1].at == 3);
  AuditRecord next = Record(4, "111222333");
  REQUIRE(log->Append(&next).ok());
  CHECK(next.id == 4);
  REQUIRE(log->List("111222333", &found).ok());
  CHECK(found.size() == 3);
  Verify(*log, 4);
}

TEST_CASE("ProtocolLog: a failing write writes nothing and leaves the records untouched",
          "[store][audit]") {
  TempDir dir;
  auto log = OpenLog(dir.File("isi.db"), /*busy_timeout_ms=*/50);
  std::vector<AuditRecord> batch = {Record(1, "111222333"), Record(2, "111222333")};
  {
    // Another process holds the protocol file's write lock: the batch cannot start.
    RawDb other(ProtocolLogPath(dir.File("isi.db")));
    REQUIRE(other.Exec("BEGIN IMMEDIATE") == SQLITE_OK);
    CHECK(log->Append(&batch).code() == Status::Code::kUnavailable);
    REQUIRE(other.Exec("ROLLBACK") == SQLITE_OK);
  }
  CHECK(batch[0].id == 0);
  CHECK(batch[0].hash.empty());
  std::vector<AuditRecord> stored;
  REQUIRE(log->List("", &stored).ok());
  CHECK(stored.empty());
  REQUIRE(log->Append(&batch).ok());  // and the writer carries on
  Verify(*log, 2);
}

TEST_CASE("ProtocolLog: records are written while the store's write lock is held (refresh)",
          "[store][audit]") {
  TempDir dir;
  const std::string path = dir.File("isi.db");
  auto log = OpenLog(path, /*busy_timeout_ms=*/50);
  auto store = OpenStore(path, false, /*busy_timeout_ms=*/50);
  REQUIRE(store->InsertPersons({MinimalDossier("111222333")}, {}).ok());
  RawDb refresh(path);
  REQUIRE(refresh.Exec("BEGIN IMMEDIATE") == SQLITE_OK);
  REQUIRE(refresh.Exec("UPDATE personen SET achternaam = 'Nieuw'") == SQLITE_OK);
  // A read of the store and its protocol record, as the service does, while the write is open.
  Dossier d;
  CHECK(store->GetDossierByBsn("0363", "111222333", &d).ok());
  CHECK(d.kop.naam.achternaam != "Nieuw");
  AuditRecord r = Record(1, "111222333");
  CHECK(log->Append(&r).ok());
  REQUIRE(refresh.Exec("COMMIT") == SQLITE_OK);
}

TEST_CASE("ProtocolLog: from inclusive, to exclusive, oldest first", "[store][audit]") {
  TempDir dir;
  auto log = OpenLog(dir.File("isi.db"));
  std::vector<AuditRecord> batch;
  for (int64_t at : {100, 199, 200, 200, 250, 299, 300, 400})
    batch.push_back(Record(at, MakeBsn(static_cast<int>(at))));
  REQUIRE(log->Append(&batch).ok());
  std::vector<AuditRecord> out;
  REQUIRE(log->ListPeriod(200, 300, &out).ok());
  REQUIRE(out.size() == 4);
  CHECK(out[0].at == 200);
  CHECK(out[1].at == 200);
  CHECK(out[2].at == 250);
  CHECK(out[3].at == 299);
  CHECK(out[0].id < out[1].id);
  CHECK(out[0].hash == batch[2].hash);
  REQUIRE(log->ListPeriod(300, 300, &out).ok());
  CHECK(out.empty());
  REQUIRE(log->ListPeriod(0, 1000, &out).ok());
  CHECK(out.size() == batch.size());
  REQUIRE(log->ListPeriod(401, 1000, &out).ok());
  CHECK(out.empty());
}

namespace {

// Writes `n` chained records into the store's own protocol table, as releases before the
// protocol file did. Returns them.
std::vector<AuditRecord> WriteLegacyRecords(const std::string& path, int n) {
  OpenStore(path);
  RawDb raw(path);
  std::vector<AuditRecord> records;
  std::string prev(kAuditGenesisHash);
  for (int i = 0; i < n; ++i) {
    AuditRecord r = Record(1600000000 + i, MakeBsn(i));
    r.id = i + 1;
    r.prev_hash = prev;
    r.hash = AuditRecordHash(r);
    prev = r.hash;
    REQUIRE(raw.Exec("INSERT INTO protocol (id, at, key_id, gemeentecode, operation, bsn, outcome, "
                     "prev_hash, hash) VALUES (" +
                     std::to_string(r.id) + ", " + std::to_string(r.at) + ", '" + r.key_id +
                     "', '0363', 'RaadplegenPersoon', '" + r.bsn + "', 'Geleverd', '" +
                     r.prev_hash + "', '" + r.hash + "')") == SQLITE_OK);
    records.push_back(r);
  }
  return records;
}

}  // namespace

TEST_CASE("ProtocolLog: records of a store of an earlier release move into the protocol file",
          "[store][audit]") {
  TempDir dir;
  const std::string path = dir.File("isi.db");
  const std::vector<AuditRecord> legacy = WriteLegacyRecords(path, 5);

  SECTION("moved, chain continued, removed from the store, which refuses new ones") {
    auto log = OpenLog(path);
    AuditRecord next = Record(1700000000, "111222333");
    REQUIRE(log->Append(&next).ok());
    CHECK(next.id == 6);
    CHECK(next.prev_hash == legacy.back().hash);
    std::vector<AuditRecord> all;
    REQUIRE(log->List("", &all).ok());
    REQUIRE(all.size() == 6);
    CHECK(all[2].hash == legacy[2].hash);
    Verify(*log, 6);
    RawDb store(path);
    CHECK(store.Int("SELECT count(*) FROM protocol") == 0);
    CHECK(store.Exec("INSERT INTO protocol VALUES (9, 1, 'k', '0363', 'x', '', 'x', '" +
                     std::string(64, '0') + "', '" + std::string(64, '1') + "')") ==
          SQLITE_CONSTRAINT);
  }
  SECTION("a move cut off after the copy is completed at the next opening") {
    // The copy made, the store not yet emptied: open once (moves), then put the rows back.
    {
      auto log = OpenLog(path);
    }
    {
      RawDb store(path);
      REQUIRE(store.Exec("DROP TRIGGER protocol_moved") == SQLITE_OK);
      for (const AuditRecord& r : legacy) {
        REQUIRE(store.Exec("INSERT INTO protocol (id, at, key_id, gemeentecode, operation, bsn, "
                           "outcome, prev_hash, hash) VALUES (" +
                           std::to_string(r.id) + ", " + std::to_string(r.at) + ", '" + r.key_id +
                           "', '0363', 'RaadplegenPersoon', '" + r.bsn + "', 'Geleverd', '" +
                           r.prev_hash + "', '" + r.hash + "')") == SQLITE_OK);
      }
    }
    auto log = OpenLog(path);
    Verify(*log, 5);  // not copied twice
    RawDb store(path);
    CHECK(store.Int("SELECT count(*) FROM protocol") == 0);
  }
  SECTION("records in both files that differ are refused, nothing lost") {
    {
      auto log = OpenLog(dir.File("isi.db"));
      AuditRecord r = Record(1, "111222333");
      REQUIRE(log->Append(&r).ok());  // moves the 5, appends a 6th
    }
    {
      RawDb store(path);
      REQUIRE(store.Exec("DROP TRIGGER protocol_moved") == SQLITE_OK);
      REQUIRE(store.Exec("INSERT INTO protocol (id, at, key_id, gemeentecode, operation, bsn, "
                         "outcome, prev_hash, hash) VALUES (1, 1, 'k', '0363', 'x', '', 'x', '" +
                         std::string(64, '0') + "', '" + std::string(64, '2') + "')") == SQLITE_OK);
    }
    std::unique_ptr<ProtocolLog> log;
    Status s = OpenProtocolLog(path, ProtocolLogOptions{}, &log);
    CHECK_FALSE(s.ok());
    CHECK_THAT(s.message(), Catch::Contains("verschillen"));
    RawDb store(path);
    CHECK(store.Int("SELECT count(*) FROM protocol") == 1);
    RawDb file(ProtocolLogPath(path));
    CHECK(file.Int("SELECT count(*) FROM protocol") == 6);
  }
}

TEST_CASE("ProtocolLog: tampering is detected at the first altered record", "[store][audit]") {
  TempDir dir;
  const std::string path = dir.File("isi.db");
  auto log = OpenLog(path);
  for (int i = 0; i < 5; ++i) {
    AuditRecord r = Record(1700000000 + i, i % 2 ? "111222333" : MakeBsn(i));
    REQUIRE(log->Append(&r).ok());
  }
  RawDb raw(ProtocolLogPath(path));

  // The triggers refuse changes through SQL by mistake...
  CHECK(raw.Exec("UPDATE protocol SET outcome = 'NietGevonden' WHERE id = 3") == SQLITE_CONSTRAINT);
  CHECK(raw.Exec("DELETE FROM protocol WHERE id = 3") == SQLITE_CONSTRAINT);
  // ...but someone with the file can drop them; then the chain tells.
  REQUIRE(raw.Exec("DROP TRIGGER protocol_no_update; DROP TRIGGER protocol_no_delete") ==
          SQLITE_OK);
  int64_t checked = -1, bad = -1;

  SECTION("a field altered") {
    REQUIRE(raw.Exec("UPDATE protocol SET bsn = '999999990' WHERE id = 3") == SQLITE_OK);
    REQUIRE(log->Verify(&checked, &bad).ok());
    CHECK(bad == 3);
    CHECK(checked == 3);
  }
  SECTION("a field altered and its hash recomputed breaks the next link") {
    REQUIRE(raw.Exec("UPDATE protocol SET at = at + 1 WHERE id = 3") == SQLITE_OK);
    std::vector<AuditRecord> all;
    REQUIRE(log->List("", &all).ok());
    std::string rehash = AuditRecordHash(all[2]);
    REQUIRE(raw.Exec("UPDATE protocol SET hash = '" + rehash + "' WHERE id = 3") == SQLITE_OK);
    REQUIRE(log->Verify(&checked, &bad).ok());
    CHECK(bad == 4);
  }
  SECTION("a record removed from the middle") {
    REQUIRE(raw.Exec("DELETE FROM protocol WHERE id = 2") == SQLITE_OK);
    REQUIRE(log->Verify(&checked, &bad).ok());
    CHECK(bad == 3);
  }
}
