#include "store/sqlite.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdint>
#include <utility>

namespace isi::sqlite {
namespace {

// SQLITE_TRANSIENT without the old-style cast of the macro: SQLite copies the bound text.
const sqlite3_destructor_type kTransient =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<intptr_t>(-1));

bool FileExists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

// --- Stmt ----------------------------------------------------------------------------------

Stmt::Stmt(Connection* conn, sqlite3_stmt* stmt, bool* in_use)
    : conn_(conn), stmt_(stmt), in_use_(in_use) {}

Stmt::Stmt(Stmt&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      bind_rc_(other.bind_rc_),
      last_rc_(other.last_rc_) {}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    Release();
    conn_ = std::exchange(other.conn_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    in_use_ = std::exchange(other.in_use_, nullptr);
    bind_rc_ = other.bind_rc_;
    last_rc_ = other.last_rc_;
  }
  return *this;
}

Stmt::~Stmt() { Release(); }

void Stmt::Release() {
  if (stmt_ == nullptr) return;
  if (in_use_ != nullptr) {
    Reset();
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
  in_use_ = nullptr;
  conn_ = nullptr;
}

void Stmt::Reset() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = SQLITE_OK;
}

void Stmt::BindText(int param, std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, param, value.data(), value.size(), kTransient, SQLITE_UTF8);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Stmt::BindInt(int param, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, param, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Stmt::BindNull(int param) {
  int rc = sqlite3_bind_null(stmt_, param);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Stmt::BindOptText(int param, const std::optional<std::string>& value) {
  if (value) {
    BindText(param, *value);
  } else {
    BindNull(param);
  }
}

void Stmt::BindOptInt(int param, std::optional<int64_t> value) {
  if (value) {
    BindInt(param, *value);
  } else {
    BindNull(param);
  }
}

Status Stmt::Step(bool* row) {
  *row = false;
  if (bind_rc_ != SQLITE_OK) {
    last_rc_ = bind_rc_;
    return conn_->Error(bind_rc_, "parameter binden");
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    last_rc_ = SQLITE_OK;
    *row = true;
    return Status::Ok();
  }
  if (rc == SQLITE_DONE) {
    last_rc_ = SQLITE_OK;
    return Status::Ok();
  }
  last_rc_ = rc;
  Status s = conn_->Error(rc, "statement uitvoeren");
  // Reset now so the failed statement releases its locks before the caller rolls back.
  sqlite3_reset(stmt_);
  return s;
}

Status Stmt::Run() {
  bool row = false;
  Status s = Step(&row);
  sqlite3_reset(stmt_);
  return s;
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Stmt::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return {};
  auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_, col));
  return std::string(reinterpret_cast<const char*>(text), size);
}

std::string Stmt::ExpandedSql() const {
  char* expanded = sqlite3_expanded_sql(stmt_);
  if (expanded == nullptr) return {};
  std::string out(expanded);
  sqlite3_free(expanded);
  return out;
}

// --- Connection ----------------------------------------------------------------------------

Status Connection::Open(const std::string& path, bool create, std::unique_ptr<Connection>* out) {
  if (!create && !FileExists(path)) {
    return Status::InvalidArgument("store bestaat niet: " + path);
  }
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status::Internal("store openen mislukt (" + path + "): " + msg);
  }
  sqlite3_extended_result_codes(db, 1);
  out->reset(new Connection(db));
  return Status::Ok();
}

Connection::~Connection() {
  for (auto& [sql, slot] : cache_) sqlite3_finalize(slot.stmt);
  // close_v2: should a private Stmt outlive us by mistake, closing is deferred, not refused.
  sqlite3_close_v2(db_);
}

Status Connection::Prepare(const std::string& sql, Stmt* out) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    *out = Stmt(this, it->second.stmt, &it->second.in_use);
    return Status::Ok();
  }
  sqlite3_stmt* stmt = nullptr;
  unsigned flags = it == cache_.end() ? SQLITE_PREPARE_PERSISTENT : 0;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), flags, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "statement voorbereiden");
  if (it != cache_.end()) {  // cached one is busy: this caller gets a private statement
    *out = Stmt(this, stmt, nullptr);
    return Status::Ok();
  }
  auto [slot, inserted] = cache_.emplace(sql, CachedStmt{stmt, true});
  (void)inserted;
  *out = Stmt(this, stmt, &slot->second.in_use);
  return Status::Ok();
}

Status Connection::Exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  sqlite3_free(err);  // the same text is still available from sqlite3_errmsg
  return Error(rc, "SQL uitvoeren");
}

Status Connection::QueryInt(const char* sql, int64_t* out) {
  Stmt stmt;
  if (Status s = Prepare(sql, &stmt); !s.ok()) return s;
  bool row = false;
  if (Status s = stmt.Step(&row); !s.ok()) return s;
  *out = row ? stmt.Int(0) : 0;
  return Status::Ok();
}

int64_t Connection::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

void Connection::SetWalHook(std::function<void(int frames)> hook) {
  wal_hook_ = std::move(hook);
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3*, const char*, int frames) {
        static_cast<Connection*>(self)->wal_hook_(frames);
        return SQLITE_OK;
      },
      this);
}

Status Connection::CurrentContent(ContentState* out) {
  ContentState state;
  if (Status s = QueryInt("PRAGMA data_version", &state.data_version); !s.ok()) return s;
  state.own_changes = sqlite3_total_changes64(db_);
  *out = state;
  return Status::Ok();
}

bool Connection::InAutocommit() const { return sqlite3_get_autocommit(db_) != 0; }

Status Connection::Error(int rc, std::string_view what) const {
  int primary = rc & 0xff;
  std::string detail = sqlite3_errmsg(db_);
  if (detail == "not an error" || detail.empty()) detail = sqlite3_errstr(rc);
  if (primary == SQLITE_NOTADB) {
    return Status::InvalidArgument("bestand is geen SQLite-database (" + std::string(what) + ")");
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Status::Unavailable("database bezet bij " + std::string(what) + ": " + detail);
  }
  return Status::Internal("SQLite-fout bij " + std::string(what) + ": " + detail + " (" +
                          sqlite3_errstr(rc) + ")");
}

// --- Transaction ---------------------------------------------------------------------------

Transaction::~Transaction() {
  if (active_ && !conn_->InAutocommit()) {
    Stmt rollback;
    if (conn_->Prepare("ROLLBACK", &rollback).ok()) (void)rollback.Run();
  }
}

Status Transaction::Begin(Mode mode) {
  Stmt begin;
  Status s = conn_->Prepare(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN", &begin);
  if (s.ok()) s = begin.Run();
  if (s.ok()) active_ = true;
  return s;
}

Status Transaction::Commit() {
  Stmt commit;
  Status s = conn_->Prepare("COMMIT", &commit);
  if (s.ok()) s = commit.Run();
  // After a failed COMMIT the transaction may still be open; the destructor rolls it back.
  if (s.ok()) active_ = false;
  return s;
}

}  // namespace isi::sqlite
