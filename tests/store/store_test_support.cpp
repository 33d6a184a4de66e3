#include "tests/store/store_test_support.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <vector>

#include "model/identifiers.h"

namespace isi::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "isi_store_test_XXXXXX");
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  REQUIRE(mkdtemp(buf.data()) != nullptr);
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

RawDb::RawDb(const std::string& path) {
  REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                          nullptr) == SQLITE_OK);
}

RawDb::~RawDb() { sqlite3_close_v2(db_); }

int RawDb::Exec(const std::string& sql) {
  return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
}

int64_t RawDb::Int(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  int64_t value = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return value;
}

std::string RawDb::Text(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  std::string value;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    if (text != nullptr) value = reinterpret_cast<const char*>(text);
  }
  sqlite3_finalize(stmt);
  return value;
}

std::string RawDb::QueryPlan(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  const std::string explain = "EXPLAIN QUERY PLAN " + sql;
  INFO(sqlite3_errmsg(db_));
  REQUIRE(sqlite3_prepare_v2(db_, explain.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  std::string plan;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
    plan += "\n";
  }
  sqlite3_finalize(stmt);
  return plan;
}

std::unique_ptr<Store> OpenStore(const std::string& path, bool create, int busy_timeout_ms) {
  StoreOptions options;
  options.create_if_missing = create;
  options.busy_timeout_ms = busy_timeout_ms;
  std::unique_ptr<Store> store;
  Status s = OpenSqliteStore(path, options, &store);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

Status TryOpen(const std::string& path, bool create) {
  StoreOptions options;
  options.create_if_missing = create;
  std::unique_ptr<Store> store;
  return OpenSqliteStore(path, options, &store);
}

std::string MakeBsn(int n) {
  for (int prefix = 10000000 + n;; prefix += 1000000) {
    std::string s = std::to_string(prefix);
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += (s[i] - '0') * (9 - i);
    int check = sum % 11;
    if (check == 10) continue;
    s += static_cast<char>('0' + check);
    if (IsValidBsn(s)) return s;
  }
}

std::string MakeANummer(int n) {
  static std::vector<std::string> found;
  static int64_t next = 1010101010;
  while (found.size() <= static_cast<size_t>(n)) {
    std::string s = std::to_string(next++);
    if (IsValidANummer(s)) found.push_back(s);
  }
  return found[static_cast<size_t>(n)];
}

Dossier MinimalDossier(const std::string& bsn, const std::string& gemeente) {
  Dossier d;
  d.kop.bsn = bsn;
  d.kop.naam = {"Jan", "", "Jansen"};
  d.kop.geboortedatum = D(1980, 1, 1);
  d.kop.woongemeente = gemeente;
  d.persoonsgegevens.geboortedatum = D(1980, 1, 1);
  return d;
}

Signaal MakeSignaal(const std::string& bsn, const std::string& gemeente, const char* code,
                    SignaalStatus status) {
  Signaal s;
  s.bsn = bsn;
  s.gemeentecode = gemeente;
  s.code = code;
  s.status = status;
  s.datum = D(2024, 1, 15);
  return s;
}

ApplicationKey MakeKey(const std::string& id, const std::string& gemeente) {
  ApplicationKey k;
  k.key_id = id;
  k.gemeentecode = gemeente;
  k.roles = {6, 2};
  k.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA";
  k.omschrijving = "CVS leverancier";
  k.created_at = 1700000000;
  return k;
}

int64_t Count(Store& store) {
  int64_t n = -1;
  REQUIRE(store.CountPersons(&n).ok());
  return n;
}

}  // namespace isi::testing
