// Opening an ISI store, and the small queries that belong to no particular concern.
#include "store/sqlite_store.h"

#include <memory>
#include <string>
#include <utility>

#include "store/schema.h"

namespace isi {

Status OpenSqliteStore(const std::string& path, const StoreOptions& options,
                       std::unique_ptr<Store>* out) {
  std::unique_ptr<sqlite::Connection> conn;
  if (Status s = sqlite::Connection::Open(path, options.create_if_missing, &conn); !s.ok()) {
    return s;
  }
  // First, so that everything below waits for other connections instead of failing.
  std::string busy = "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms);
  if (Status s = conn->Exec(busy.c_str()); !s.ok()) return s;

  // Is this an ISI store, an empty database we may initialise, or something else?
  int64_t application_id = 0;
  int64_t version = 0;
  if (Status s = conn->QueryInt("PRAGMA application_id", &application_id); !s.ok()) return s;
  if (Status s = conn->QueryInt("PRAGMA user_version", &version); !s.ok()) return s;
  if (application_id == 0) {
    int64_t objects = 0;
    if (Status s = conn->QueryInt("SELECT count(*) FROM sqlite_schema", &objects); !s.ok()) {
      return s;
    }
    if (objects > 0 || version != 0) {
      return Status::InvalidArgument("geen ISI-store (andere database): " + path);
    }
    if (!options.create_if_missing) {
      return Status::InvalidArgument("geen ISI-store (lege database): " + path);
    }
  } else if (application_id != kIsiApplicationId) {
    return Status::InvalidArgument("geen ISI-store (andere application_id): " + path);
  }

  // journal_mode answers with the mode in effect; anything but "wal" (e.g. a read-only
  // directory) would silently weaken our guarantees.
  {
    sqlite::Stmt wal;
    if (Status s = conn->Prepare("PRAGMA journal_mode = WAL", &wal); !s.ok()) return s;
    bool row = false;
    if (Status s = wal.Step(&row); !s.ok()) return s;
    if (!row || wal.Text(0) != "wal") {
      return Status::Internal("WAL-journaling kon niet worden ingeschakeld voor " + path);
    }
  }
  if (Status s = conn->Exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"); !s.ok()) {
    return s;
  }
  if (options.mmap_bytes > 0) {
    const std::string mmap = "PRAGMA mmap_size = " + std::to_string(options.mmap_bytes);
    if (Status s = conn->Exec(mmap.c_str()); !s.ok()) return s;
  }
  int64_t foreign_keys = 0;
  if (Status s = conn->QueryInt("PRAGMA foreign_keys", &foreign_keys); !s.ok()) return s;
  if (foreign_keys != 1) return Status::Internal("SQLite ondersteunt geen foreign keys");

  if (Status s = MigrateSchema(conn.get(), IsiMigrations()); !s.ok()) return s;
  *out = std::make_unique<SqliteStore>(std::move(conn));
  return Status::Ok();
}

Status SqliteStore::BeginRead(sqlite::Transaction* tx) {
  if (Status s = tx->Begin(sqlite::Transaction::Mode::kDeferred); !s.ok()) return s;
  sqlite::Connection::ContentState now;
  if (Status s = conn_->CurrentContent(&now); !s.ok()) return s;
  if (!(now == cached_content_)) {
    counts_.clear();
    keys_.clear();
    cached_content_ = now;
  }
  return Status::Ok();
}

Status SqliteStore::CachedCount(sqlite::Stmt* count, int64_t* out) {
  std::string key = count->ExpandedSql();
  if (!key.empty()) {
    if (auto it = counts_.find(key); it != counts_.end()) {
      *out = it->second;
      return Status::Ok();
    }
  }
  bool row = false;
  if (Status s = count->Step(&row); !s.ok()) return s;
  const int64_t value = row ? count->Int(0) : 0;
  if (!key.empty()) {
    if (counts_.size() >= kMaxCachedCounts) counts_.clear();
    counts_.emplace(std::move(key), value);
  }
  *out = value;
  return Status::Ok();
}

Status SqliteStore::CountPersons(int64_t* out) {
  return conn_->QueryInt("SELECT count(*) FROM personen WHERE purged = 0", out);
}

Status SqliteStore::GemeenteExists(const std::string& gemeentecode, bool* out) {
  sqlite::Stmt stmt;
  if (Status s = conn_->Prepare("SELECT 1 FROM gemeenten WHERE code = ?1", &stmt); !s.ok()) {
    return s;
  }
  stmt.BindText(1, gemeentecode);
  bool row = false;
  if (Status s = stmt.Step(&row); !s.ok()) return s;
  *out = row;
  return Status::Ok();
}

}  // namespace isi
