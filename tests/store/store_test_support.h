// Helpers shared by the store tests: temporary stores, raw SQLite access, and small persons,
// signals and keys to put in them.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "model/date.h"
#include "model/dossier.h"
#include "model/status.h"
#include "store/store.h"

namespace isi::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The raw C API, for what the Store deliberately cannot do (tamper, purge, inspect pragmas,
// query plans).
class RawDb {
 public:
  explicit RawDb(const std::string& path);
  ~RawDb();
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Runs `sql`; returns the SQLite result code.
  int Exec(const std::string& sql);
  // The first column of the first row as an integer; -1 when there is no row.
  int64_t Int(const std::string& sql);
  // The first column of the first row as text; "" when there is no row.
  std::string Text(const std::string& sql);
  // EXPLAIN QUERY PLAN of `sql` (parameters unbound), one detail line per plan node.
  std::string QueryPlan(const std::string& sql);

 private:
  sqlite3* db_ = nullptr;
};

// Opens (creating by default) the store at `path`; REQUIREs success.
std::unique_ptr<Store> OpenStore(const std::string& path, bool create = true,
                                 int busy_timeout_ms = 5000);
Status TryOpen(const std::string& path, bool create);

// The n-th valid BSN (elfproef) from 100000000 on; increasing with n for n < 1000000.
std::string MakeBsn(int n);
// The n-th valid A-nummer of a fixed sequence (distinct for distinct n < 100000).
std::string MakeANummer(int n);

inline Date D(int y, int m, int d) { return Date{y, m, d}; }

// A person with only what the schema requires.
Dossier MinimalDossier(const std::string& bsn, const std::string& gemeente = "0363");

Signaal MakeSignaal(const std::string& bsn, const std::string& gemeente, const char* code,
                    SignaalStatus status);

ApplicationKey MakeKey(const std::string& id, const std::string& gemeente);

// CountPersons, REQUIREd to succeed.
int64_t Count(Store& store);

}  // namespace isi::testing
