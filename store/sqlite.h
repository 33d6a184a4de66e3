// Small RAII wrappers around the SQLite C API, internal to the store layer.
//
// Connection owns a sqlite3* and a cache of prepared statements; Stmt borrows one of those
// statements and resets it when it goes out of scope; Transaction rolls back on destruction
// unless committed. sqlite3.h stays out of this header (and therefore out of store.h): the
// handles are forward-declared.
//
// Errors: every call that talks to SQLite returns a Status built by Connection::Error():
// SQLITE_BUSY/SQLITE_LOCKED become Unavailable, SQLITE_NOTADB (the file is not a database)
// InvalidArgument, everything else Internal with the SQLite message. SQLite messages name tables,
// columns and constraints, never bound values, so they contain no personal data.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace isi::sqlite {

class Connection;

// A prepared statement borrowed from Connection::Prepare. Move-only. On destruction (and on
// Reset()) the statement is reset and its bindings cleared, so the next user starts clean.
// Parameters and columns are numbered as in SQLite: parameters from 1, columns from 0.
class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Binding never fails loudly: a bind error is remembered and returned by the next Step()
  // or Run(). Text is copied by SQLite.
  void BindText(int param, std::string_view value);
  void BindInt(int param, int64_t value);
  void BindNull(int param);
  void BindOptText(int param, const std::optional<std::string>& value);
  void BindOptInt(int param, std::optional<int64_t> value);

  // Advances to the next row: *row is true when a row is available, false when the statement
  // is done. Unavailable/Internal on SQLite errors (see last_rc() for the exact code).
  Status Step(bool* row);
  // Runs a statement that returns no rows to completion (extra rows are ignored).
  Status Run();
  // Resets the statement and clears its bindings so it can be executed again.
  void Reset();

  // The extended SQLite result code of the last Step()/Run() (SQLITE_OK after success), e.g.
  // SQLITE_CONSTRAINT_PRIMARYKEY. Lets callers turn constraint failures into InvalidArgument.
  int last_rc() const { return last_rc_; }

  // The statement's SQL with the bound parameters written in as literals (text quoted, so
  // different bindings give different strings): a cache key for the statement's answer.
  // Empty when SQLite cannot build it (out of memory): then there is no key.
  std::string ExpandedSql() const;

  // Column accessors for the current row. Text of a NULL column is "".
  bool IsNull(int col) const;
  int64_t Int(int col) const;
  std::string Text(int col) const;

 private:
  friend class Connection;
  Stmt(Connection* conn, sqlite3_stmt* stmt, bool* in_use);
  void Release();

  Connection* conn_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  bool* in_use_ = nullptr;  // the cache slot's flag; null when this Stmt owns stmt_
  int bind_rc_ = 0;         // first bind error since the last Reset()
  int last_rc_ = 0;
};

// One database connection. Used by one thread at a time (opened in SQLite's multi-thread
// mode). Finalizes its cached statements and closes the handle on destruction.
class Connection {
 public:
  // Opens `path` read-write with extended result codes on. With `create` false a missing file
  // is InvalidArgument; other failures are Internal.
  static Status Open(const std::string& path, bool create, std::unique_ptr<Connection>* out);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // A statement for `sql` (one statement), prepared once per connection and cached by its
  // text. When the cached statement is still in use (nested use of the same SQL), a private
  // statement is prepared for this caller instead.
  Status Prepare(const std::string& sql, Stmt* out);
  // Runs one or more statements without parameters or results (DDL, pragmas).
  Status Exec(const char* sql);
  // Runs a single-value query such as "PRAGMA user_version" and returns the integer result
  // (0 when it returns no row).
  Status QueryInt(const char* sql, int64_t* out);

  // The rowid of the last successful INSERT on this connection.
  int64_t LastInsertRowid() const;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int64_t Changes() const;
  // Identifies the database content this connection reads now. Run it as the first statement
  // of a read transaction: it then describes that transaction's snapshot. Two equal states mean
  // equal content: `data_version` changes when another connection (of any process) commits,
  // `own_changes` when this one writes a row (sqlite3_total_changes64).
  struct ContentState {
    int64_t data_version = -1;
    int64_t own_changes = -1;
    bool operator==(const ContentState& o) const {
      return data_version == o.data_version && own_changes == o.own_changes;
    }
  };
  Status CurrentContent(ContentState* out);

  // Calls `hook(frames)` after every commit on this connection, with the number of frames now
  // in the WAL (sqlite3_wal_hook). It replaces SQLite's automatic checkpoint, so the owner
  // checkpoints. The hook runs inside the commit: it must be quick and must not use this
  // connection.
  void SetWalHook(std::function<void(int frames)> hook);

  // Whether the connection is outside an explicit transaction.
  bool InAutocommit() const;

  // The Status for SQLite result `rc` while doing `what` (a short, data-free description).
  Status Error(int rc, std::string_view what) const;

  sqlite3* handle() const { return db_; }

 private:
  struct CachedStmt {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  std::unordered_map<std::string, CachedStmt> cache_;  // node-based: slot addresses are stable
  std::function<void(int)> wal_hook_;
};

// A transaction on a Connection. Begin() starts it; the destructor rolls back unless Commit()
// succeeded. Not nestable (SQLite has no nested BEGIN).
class Transaction {
 public:
  enum class Mode {
    kDeferred,   // BEGIN: a consistent snapshot for reads, takes the write lock on first write
    kImmediate,  // BEGIN IMMEDIATE: takes the write lock now (waits up to the busy timeout)
  };

  explicit Transaction(Connection* conn) : conn_(conn) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // Unavailable when the write lock cannot be had within the busy timeout.
  Status Begin(Mode mode);
  // Makes the transaction's writes durable (per PRAGMA synchronous).
  Status Commit();

 private:
  Connection* conn_;
  bool active_ = false;
};

}  // namespace isi::sqlite
