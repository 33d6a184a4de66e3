// Store::ForEachDossier and Store::ForEachSignal on SqliteStore: the same dossiers as
// GetDossierByBsn, for exactly the persons it shows, in BSN order; signals in date order.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "store/store.h"
#include "tests/extract/dossier_compare.h"
#include "tests/support/test_env.h"
#include "tools/generator.h"

using namespace isi;

namespace {

std::unique_ptr<Store> NewStore(const std::string& path) {
  StoreOptions options;
  options.create_if_missing = true;
  std::unique_ptr<Store> store;
  Status s = OpenSqliteStore(path, options, &store);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

// Fills `store` with `persons` synthetic persons (and their signals) over `gemeenten`.
void Generate(Store* store, int64_t persons, const std::vector<std::string>& gemeenten) {
  GeneratorOptions options;
  options.seed = 42;
  options.persons = persons;
  options.gemeenten = gemeenten;
  options.today = Date{2026, 11, 23};
  Generator generator(options);
  std::vector<Dossier> batch;
  std::vector<Signaal> signalen;
  while (generator.NextBatch(100, &batch, &signalen)) {
    Status s = store->InsertPersons(batch, signalen);
    INFO(s.ToString());
    REQUIRE(s.ok());
  }
}

// Every BSN in the store (all municipalities), read with the raw C API.
std::vector<std::string> AllBsns(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT bsn FROM personen ORDER BY bsn", -1, &stmt, nullptr) ==
          SQLITE_OK);
  std::vector<std::string> bsns;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    bsns.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close_v2(db);
  return bsns;
}

// (datum, id, status, bsn, code) of the signals of `gemeente`, raw, in (datum, id) order.
std::vector<std::string> RawSignals(const std::string& path, const std::string& gemeente) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT datum || ' ' || id || ' ' || status || ' ' || bsn || ' ' || "
                             "code FROM signalen WHERE gemeentecode = ?1 ORDER BY datum, id",
                             -1, &stmt, nullptr) == SQLITE_OK);
  sqlite3_bind_text(stmt, 1, gemeente.c_str(), -1, nullptr);
  std::vector<std::string> rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close_v2(db);
  return rows;
}

}  // namespace

TEST_CASE("ForEachDossier yields exactly the dossiers GetDossierByBsn shows, in BSN order",
          "[extract][store]") {
  testing::TempDir dir;
  const std::string path = dir.File("isi.db");
  auto store = NewStore(path);
  Generate(store.get(), 400, {"0034", "0014", "0363"});
  const std::vector<std::string> all = AllBsns(path);
  REQUIRE(all.size() == 400);

  for (const std::string gemeente : {"0034", "0014", "0080"}) {
    CAPTURE(gemeente);
    std::vector<Dossier> streamed;
    Status s = store->ForEachDossier(gemeente, [&](const Dossier& d) {
      streamed.push_back(d);
      return Status::Ok();
    });
    INFO(s.ToString());
    REQUIRE(s.ok());
    for (size_t i = 1; i < streamed.size(); ++i) {
      REQUIRE(streamed[i - 1].kop.bsn < streamed[i].kop.bsn);
    }
    std::map<std::string, const Dossier*> by_bsn;
    for (const Dossier& d : streamed) by_bsn[d.kop.bsn] = &d;

    size_t visible = 0;
    bool gewezen = false;
    for (const std::string& bsn : all) {
      Dossier expected;
      Status g = store->GetDossierByBsn(gemeente, bsn, &expected);
      if (g.code() == Status::Code::kNotFound) {
        REQUIRE(by_bsn.count(bsn) == 0);
        continue;
      }
      REQUIRE(g.ok());
      ++visible;
      REQUIRE(by_bsn.count(bsn) == 1);
      CAPTURE(bsn);
      CHECK(testing::DossierDifferences(expected, *by_bsn[bsn]) == std::vector<std::string>{});
      if (expected.kop.woongemeente == "1999") gewezen = true;
    }
    CHECK(visible == streamed.size());
    if (gemeente == std::string("0080")) {
      CHECK(streamed.empty());
    } else {
      CHECK(streamed.size() > 50);
      CHECK(gewezen);  // the generator makes gewezen ingezetenen; they must be streamed too
    }
  }
}

TEST_CASE("ForEachDossier stops at the first error of the callback and returns it",
          "[extract][store]") {
  testing::TempDir dir;
  auto store = NewStore(dir.File("isi.db"));
  Generate(store.get(), 60, {"0034"});
  int calls = 0;
  Status s = store->ForEachDossier("0034", [&](const Dossier&) {
    return ++calls == 5 ? Status::Conflict("stop") : Status::Ok();
  });
  CHECK(s.code() == Status::Code::kConflict);
  CHECK(s.message() == "stop");
  CHECK(calls == 5);
  // The connection is usable afterwards (the read transaction was rolled back).
  int after = 0;
  REQUIRE(store
              ->ForEachDossier("0034",
                               [&](const Dossier&) {
                                 ++after;
                                 return Status::Ok();
                               })
              .ok());
  CHECK(after == 60);
}

TEST_CASE("ForEachSignal yields the municipality's signals in date then id order",
          "[extract][store]") {
  testing::TempDir dir;
  const std::string path = dir.File("isi.db");
  auto store = NewStore(path);
  Generate(store.get(), 150, {"0034", "0014"});
  for (const std::string gemeente : {"0034", "0014", "0080"}) {
    CAPTURE(gemeente);
    std::vector<std::string> got;
    std::set<std::string> bsns;
    Status s = store->ForEachSignal(gemeente, [&](const SignaalRij& r) {
      got.push_back(r.datum.ToString() + " " + std::to_string(r.id) + " " + Token(r.status) + " " +
                    r.bsn + " " + r.code);
      CHECK(!r.omschrijving.empty());
      CHECK(!r.achternaam.empty());
      CHECK(r.wijzigingsvolgnummer > 0);
      bsns.insert(r.bsn);
      return Status::Ok();
    });
    REQUIRE(s.ok());
    CHECK(got == RawSignals(path, gemeente));
    if (gemeente != std::string("0080")) CHECK(got.size() > 20);
  }
}
