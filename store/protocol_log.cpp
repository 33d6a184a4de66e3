// ProtocolLog on SQLite: the protocol file, group commit by a leading caller, checkpoints on a
// thread of their own, and the move of records out of stores written by earlier releases.
#include "store/protocol_log.h"

#include <sys/stat.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

#include "store/audit_chain.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace isi {
namespace {

// PRAGMA application_id of a protocol file: "ISIP" in ASCII.
constexpr int64_t kProtocolApplicationId = 0x49534950;

constexpr const char* kProtocolSchemaV1 = R"sql(
-- Protocollering: an append-only hash chain (see store/audit_chain.h). key_id is free text:
-- it need not name a key of the store. Written once per answered request, so it carries only
-- the indexes its readers need: no AUTOINCREMENT (rows are never deleted, so ids are never
-- reused) and no index on hash (the chain, not uniqueness, shows tampering); every index on a
-- random key costs a page per record.
CREATE TABLE protocol (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  key_id TEXT NOT NULL,
  gemeentecode TEXT NOT NULL,
  operation TEXT NOT NULL,
  bsn TEXT NOT NULL,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX protocol_bsn ON protocol (bsn, id);
CREATE INDEX protocol_at ON protocol (at, id);
-- Guards against mistakes, not against someone with write access to the file: the hash chain
-- is what detects tampering.
CREATE TRIGGER protocol_no_update BEFORE UPDATE ON protocol
BEGIN SELECT RAISE(ABORT, 'protocol is append-only'); END;
CREATE TRIGGER protocol_no_delete BEFORE DELETE ON protocol
BEGIN SELECT RAISE(ABORT, 'protocol is append-only'); END;
PRAGMA application_id = 1230195024;  -- kProtocolApplicationId, "ISIP"
)sql";
static_assert(kProtocolApplicationId == 1230195024, "keep the schema's application_id in step");

// Version 2: no index on bsn. Each record landed on a random leaf of it, so a selection page
// of 20 persons wrote some 20 index pages (80 KiB) to the WAL and again at the checkpoint; it
// was the largest single cost of a page (BENCHMARKS.md). The records of one BSN are asked
// for rarely (an inzageverzoek, isi-admin audit export --bsn) and a scan of the file reads
// about 5 million records a second.
constexpr const char* kProtocolSchemaV2 = "DROP INDEX IF EXISTS protocol_bsn;";

const std::vector<Migration>& ProtocolMigrations() {
  static const std::vector<Migration> migrations = {
      {1, [](sqlite::Connection* c) { return c->Exec(kProtocolSchemaV1); }},
      {2, [](sqlite::Connection* c) { return c->Exec(kProtocolSchemaV2); }},
  };
  return migrations;
}

constexpr const char* kColumns =
    "id, at, key_id, gemeentecode, operation, bsn, outcome, prev_hash, hash";

bool FileExists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

void ReadRecord(const sqlite::Stmt& stmt, AuditRecord* r) {
  r->id = stmt.Int(0);
  r->at = stmt.Int(1);
  r->key_id = stmt.Text(2);
  r->gemeentecode = stmt.Text(3);
  r->operation = stmt.Text(4);
  r->bsn = stmt.Text(5);
  r->outcome = stmt.Text(6);
  r->prev_hash = stmt.Text(7);
  r->hash = stmt.Text(8);
}

// Runs `select` (columns as kColumns, parameters bound) to the end into *out.
Status ReadAll(sqlite::Stmt& select, std::vector<AuditRecord>* out) {
  std::vector<AuditRecord> records;
  for (;;) {
    bool row = false;
    if (Status s = select.Step(&row); !s.ok()) return s;
    if (!row) break;
    ReadRecord(select, &records.emplace_back());
  }
  *out = std::move(records);
  return Status::Ok();
}

Status QueryCount(sqlite::Connection* conn, const char* sql, int64_t* out) {
  return conn->QueryInt(sql, out);
}

// Opens the protocol file with the busy timeout, WAL and synchronous=FULL, checks that it is
// a protocol file (or an empty database that may become one) and migrates it.
Status OpenConnection(const std::string& path, const ProtocolLogOptions& options,
                      std::unique_ptr<sqlite::Connection>* out) {
  std::unique_ptr<sqlite::Connection> conn;
  if (Status s = sqlite::Connection::Open(path, options.create_if_missing, &conn); !s.ok()) {
    if (s.code() == Status::Code::kInvalidArgument)
      return Status::InvalidArgument("geen protocolbestand: " + path);
    return s;
  }
  const std::string busy = "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms);
  if (Status s = conn->Exec(busy.c_str()); !s.ok()) return s;
  int64_t application_id = 0;
  int64_t version = 0;
  if (Status s = conn->QueryInt("PRAGMA application_id", &application_id); !s.ok()) return s;
  if (Status s = conn->QueryInt("PRAGMA user_version", &version); !s.ok()) return s;
  if (application_id == 0) {
    int64_t objects = 0;
    if (Status s = conn->QueryInt("SELECT count(*) FROM sqlite_schema", &objects); !s.ok())
      return s;
    if (objects > 0 || version != 0)
      return Status::InvalidArgument("geen protocolbestand (andere database): " + path);
  } else if (application_id != kProtocolApplicationId) {
    return Status::InvalidArgument("geen protocolbestand (andere application_id): " + path);
  }
  {
    sqlite::Stmt wal;
    if (Status s = conn->Prepare("PRAGMA journal_mode = WAL", &wal); !s.ok()) return s;
    bool row = false;
    if (Status s = wal.Step(&row); !s.ok()) return s;
    if (!row || wal.Text(0) != "wal")
      return Status::Internal("WAL-journaling kon niet worden ingeschakeld voor " + path);
  }
  if (Status s = conn->Exec("PRAGMA synchronous = FULL"); !s.ok()) return s;
  if (Status s = MigrateSchema(conn.get(), ProtocolMigrations()); !s.ok()) return s;
  *out = std::move(conn);
  return Status::Ok();
}

// Moves the records of the store's own `protocol` table (releases before the protocol file)
// into the protocol file. Two transactions, one per file (WAL does not make a transaction over
// two files atomic): first the copy (skipped when an earlier, cut-off move already copied
// them), then the removal from the store. Afterwards the store's table refuses new rows.
Status MoveLegacyRecords(sqlite::Connection* conn, const std::string& store_path) {
  {
    sqlite::Stmt attach;
    if (Status s = conn->Prepare("ATTACH DATABASE ?1 AS store", &attach); !s.ok()) return s;
    attach.BindText(1, store_path);
    if (Status s = attach.Run(); !s.ok()) return s;
  }
  struct Detach {
    sqlite::Connection* conn;
    ~Detach() { (void)conn->Exec("DETACH DATABASE store"); }
  } detach{conn};

  int64_t has_table = 0;
  if (Status s = QueryCount(conn,
                            "SELECT count(*) FROM store.sqlite_schema "
                            "WHERE type = 'table' AND name = 'protocol'",
                            &has_table);
      !s.ok()) {
    return s;
  }
  if (has_table == 0) return Status::Ok();
  int64_t legacy = 0;
  if (Status s = QueryCount(conn, "SELECT count(*) FROM store.protocol", &legacy); !s.ok())
    return s;
  if (legacy == 0) return Status::Ok();

  {
    sqlite::Transaction tx(conn);
    if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
    int64_t copied = 0;
    int64_t present = 0;
    if (Status s = QueryCount(conn,
                              "SELECT count(*) FROM store.protocol l JOIN main.protocol p "
                              "ON p.id = l.id AND p.hash = l.hash",
                              &copied);
        !s.ok()) {
      return s;
    }
    if (Status s = QueryCount(conn, "SELECT count(*) FROM main.protocol", &present); !s.ok())
      return s;
    if (copied != legacy) {
      if (present != 0) {
        return Status::Internal(
            "de protocolrecords in de store en in het protocolbestand verschillen; "
            "verplaatsen is niet mogelijk");
      }
      if (Status s = conn->Exec(
              "INSERT INTO main.protocol (id, at, key_id, gemeentecode, operation, bsn, outcome, "
              "prev_hash, hash) SELECT id, at, key_id, gemeentecode, operation, bsn, outcome, "
              "prev_hash, hash FROM store.protocol ORDER BY id");
          !s.ok()) {
        return s;
      }
    }
    if (Status s = tx.Commit(); !s.ok()) return s;
  }
  sqlite::Transaction tx(conn);
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
  if (Status s = conn->Exec(
          "DROP TRIGGER IF EXISTS store.protocol_no_delete;"
          "DROP TRIGGER IF EXISTS store.protocol_moved;"
          "DELETE FROM store.protocol;"
          "CREATE TRIGGER store.protocol_moved BEFORE INSERT ON protocol "
          "BEGIN SELECT RAISE(ABORT, 'protocol records live in the protocol file'); END;");
      !s.ok()) {
    return s;
  }
  return tx.Commit();
}

// Group commit as in leveldb's DBImpl::Write: callers queue; the caller at the front of the
// queue (the leader) writes the records of every caller queued at that moment in one
// transaction and one fsync, then wakes them. No thread sits between a request and its fsync.
// The WAL is checkpointed by a thread of its own, so no caller waits for a checkpoint inside
// its commit (as SQLite's automatic checkpoint would make it).
class SqliteProtocolLog final : public ProtocolLog {
 public:
  SqliteProtocolLog(std::unique_ptr<sqlite::Connection> writer,
                    std::unique_ptr<sqlite::Connection> reader,
                    std::unique_ptr<sqlite::Connection> checkpointer, int checkpoint_frames)
      : write_conn_(std::move(writer)),
        read_conn_(std::move(reader)),
        checkpoint_conn_(std::move(checkpointer)),
        checkpoint_frames_(checkpoint_frames) {
    write_conn_->SetWalHook([this](int frames) {
      wal_frames_ = frames;
      if (frames < checkpoint_frames_) return;
      std::lock_guard<std::mutex> lock(checkpoint_mu_);
      checkpoint_wanted_ = true;
      checkpoint_cv_.notify_one();
    });
    checkpoint_thread_ = std::thread(&SqliteProtocolLog::CheckpointLoop, this);
  }

  // Every Append must have returned (the owner stops its callers first).
  ~SqliteProtocolLog() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    {
      std::lock_guard<std::mutex> lock(checkpoint_mu_);
      checkpoint_stopping_ = true;
    }
    checkpoint_cv_.notify_one();
    checkpoint_thread_.join();
  }

  Status Append(std::vector<AuditRecord>* records) override {
    if (records->empty()) return Status::Ok();
    Pending pending;
    pending.records = records;
    std::unique_lock<std::mutex> lock(mu_);
    if (stopping_) return Status::Unavailable("protocollering wordt afgesloten");
    queue_.push_back(&pending);
    pending.wake.wait(lock, [&] {
      return pending.done || (queue_.front() == &pending && !leader_checkpointing_);
    });
    if (pending.done) return pending.status;  // a leader wrote our records

    // Leader: everyone queued now, this caller first. Only the leader touches write_conn_.
    const std::vector<Pending*> batch(queue_.begin(), queue_.end());
    lock.unlock();
    const Status status = WriteBatch(batch);
    lock.lock();
    // Notified while holding the lock: a follower cannot return (and destroy its Pending)
    // before the notify is done.
    for (Pending* p : batch) {
      queue_.pop_front();
      p->status = status;
      p->done = true;
      if (p != &pending) p->wake.notify_one();
    }
    if (wal_frames_ >= 4 * checkpoint_frames_) {
      // The checkpoint thread did not get the WAL restarted: it races the writes that follow
      // the frames it copies, and the WAL restarts only when a write begins with every frame
      // copied. So checkpoint here, after the thread's pass, with the next batch held back:
      // this pass copies everything, and the next batch starts the WAL over. Only this
      // caller's answer and the next batch wait for it.
      leader_checkpointing_ = true;
      lock.unlock();
      {
        std::lock_guard<std::mutex> pass(checkpoint_pass_mu_);
        (void)write_conn_->Exec("PRAGMA wal_checkpoint(PASSIVE)");
      }
      wal_frames_ = 0;
      lock.lock();
      leader_checkpointing_ = false;
    }
    if (!queue_.empty()) queue_.front()->wake.notify_one();  // the next leader
    return status;
  }

  Status Append(AuditRecord* record) override {
    std::vector<AuditRecord> one{*record};
    if (Status s = Append(&one); !s.ok()) return s;
    *record = std::move(one.front());
    return Status::Ok();
  }

  Status List(const std::string& bsn, std::vector<AuditRecord>* out) override {
    std::lock_guard<std::mutex> lock(read_mu_);
    sqlite::Stmt select;
    const std::string sql = std::string("SELECT ") + kColumns + " FROM protocol" +
                            (bsn.empty() ? "" : " WHERE bsn = ?1") + " ORDER BY id";
    if (Status s = read_conn_->Prepare(sql, &select); !s.ok()) return s;
    if (!bsn.empty()) select.BindText(1, bsn);
    return ReadAll(select, out);
  }

  Status ListPeriod(int64_t from, int64_t to, std::vector<AuditRecord>* out) override {
    std::lock_guard<std::mutex> lock(read_mu_);
    sqlite::Stmt select;
    if (Status s = read_conn_->Prepare(std::string("SELECT ") + kColumns +
                                           " FROM protocol WHERE at >= ?1 AND at < ?2 ORDER BY id",
                                       &select);
        !s.ok()) {
      return s;
    }
    select.BindInt(1, from);
    select.BindInt(2, to);
    return ReadAll(select, out);
  }

  Status Verify(int64_t* records_checked, int64_t* first_bad_id) override {
    std::lock_guard<std::mutex> lock(read_mu_);
    sqlite::Transaction tx(read_conn_.get());
    if (Status s = tx.Begin(sqlite::Transaction::Mode::kDeferred); !s.ok()) return s;
    sqlite::Stmt select;
    if (Status s = read_conn_->Prepare(
            std::string("SELECT ") + kColumns + " FROM protocol ORDER BY id", &select);
        !s.ok()) {
      return s;
    }
    int64_t checked = 0;
    int64_t bad = 0;
    std::string expected_prev(kAuditGenesisHash);
    AuditRecord r;
    for (;;) {
      bool row = false;
      if (Status s = select.Step(&row); !s.ok()) return s;
      if (!row) break;
      ReadRecord(select, &r);
      ++checked;
      if (r.prev_hash != expected_prev || AuditRecordHash(r) != r.hash) {
        bad = r.id;
        break;
      }
      expected_prev = r.hash;
    }
    select.Reset();
    if (Status s = tx.Commit(); !s.ok()) return s;
    *records_checked = checked;
    *first_bad_id = bad;
    return Status::Ok();
  }

 private:
  // One Append call waiting for its batch.
  struct Pending {
    std::vector<AuditRecord>* records = nullptr;
    Status status = Status::Ok();    // guarded by mu_
    bool done = false;               // guarded by mu_
    std::condition_variable wake;    // done, or this caller leads now
  };

  // Runs a PASSIVE checkpoint whenever a commit left checkpoint_frames_ or more in the WAL. A
  // failed checkpoint (e.g. busy) is simply tried again after a later commit.
  void CheckpointLoop() {
    std::unique_lock<std::mutex> lock(checkpoint_mu_);
    for (;;) {
      checkpoint_cv_.wait(lock, [this] { return checkpoint_stopping_ || checkpoint_wanted_; });
      if (checkpoint_stopping_) return;
      checkpoint_wanted_ = false;
      lock.unlock();
      {
        std::lock_guard<std::mutex> pass(checkpoint_pass_mu_);
        (void)checkpoint_conn_->Exec("PRAGMA wal_checkpoint(PASSIVE)");
      }
      lock.lock();
    }
  }

  // All records of `batch` in one IMMEDIATE transaction, chained after the last record on
  // disk. The callers' records are updated only after the commit succeeded.
  Status WriteBatch(const std::vector<Pending*>& batch) {
    std::vector<std::vector<AuditRecord>> chained;
    chained.reserve(batch.size());
    for (const Pending* p : batch) chained.push_back(*p->records);

    sqlite::Connection* conn = write_conn_.get();
    // IMMEDIATE: no other process can append between reading the last hash and inserting.
    sqlite::Transaction tx(conn);
    if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
    std::string prev_hash;
    {
      sqlite::Stmt last;
      if (Status s = conn->Prepare("SELECT hash FROM protocol ORDER BY id DESC LIMIT 1", &last);
          !s.ok()) {
        return s;
      }
      bool row = false;
      if (Status s = last.Step(&row); !s.ok()) return s;
      prev_hash = row ? last.Text(0) : std::string(kAuditGenesisHash);
    }
    sqlite::Stmt insert;
    if (Status s = conn->Prepare(
            "INSERT INTO protocol (at, key_id, gemeentecode, operation, bsn, outcome, prev_hash, "
            "hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            &insert);
        !s.ok()) {
      return s;
    }
    for (std::vector<AuditRecord>& records : chained) {
      for (AuditRecord& r : records) {
        r.prev_hash = prev_hash;
        r.hash = AuditRecordHash(r);
        insert.BindInt(1, r.at);
        insert.BindText(2, r.key_id);
        insert.BindText(3, r.gemeentecode);
        insert.BindText(4, r.operation);
        insert.BindText(5, r.bsn);
        insert.BindText(6, r.outcome);
        insert.BindText(7, r.prev_hash);
        insert.BindText(8, r.hash);
        if (Status s = insert.Run(); !s.ok()) return s;
        insert.Reset();
        r.id = conn->LastInsertRowid();
        prev_hash = r.hash;
      }
    }
    // synchronous=FULL: once COMMIT returns, the records are on disk.
    if (Status s = tx.Commit(); !s.ok()) return s;
    for (size_t i = 0; i < batch.size(); ++i) *batch[i]->records = std::move(chained[i]);
    return Status::Ok();
  }

  std::unique_ptr<sqlite::Connection> write_conn_;  // the current leader's only
  std::mutex read_mu_;
  std::unique_ptr<sqlite::Connection> read_conn_;  // guarded by read_mu_

  std::mutex mu_;
  std::deque<Pending*> queue_;         // guarded by mu_; the front is the leader
  bool leader_checkpointing_ = false;  // guarded by mu_; the front waits while true
  bool stopping_ = false;              // guarded by mu_
  int wal_frames_ = 0;                 // after the last commit; the leader's only

  std::unique_ptr<sqlite::Connection> checkpoint_conn_;  // the checkpoint thread's only
  const int checkpoint_frames_;
  std::mutex checkpoint_pass_mu_;  // held while a checkpoint runs, by the thread or a leader
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_wanted_ = false;    // guarded by checkpoint_mu_
  bool checkpoint_stopping_ = false;  // guarded by checkpoint_mu_
  std::thread checkpoint_thread_;
};

}  // namespace

std::string ProtocolLogPath(const std::string& store_path) { return store_path + "-protocol"; }

Status OpenProtocolLog(const std::string& store_path, const ProtocolLogOptions& options,
                       std::unique_ptr<ProtocolLog>* out) {
  if (!FileExists(store_path)) return Status::InvalidArgument("store bestaat niet: " + store_path);
  const std::string path = ProtocolLogPath(store_path);
  std::unique_ptr<sqlite::Connection> writer;
  if (Status s = OpenConnection(path, options, &writer); !s.ok()) return s;
  if (Status s = MoveLegacyRecords(writer.get(), store_path); !s.ok()) return s;
  ProtocolLogOptions existing = options;
  existing.create_if_missing = false;
  std::unique_ptr<sqlite::Connection> reader;
  if (Status s = OpenConnection(path, existing, &reader); !s.ok()) return s;
  std::unique_ptr<sqlite::Connection> checkpointer;
  if (Status s = OpenConnection(path, existing, &checkpointer); !s.ok()) return s;
  *out = std::make_unique<SqliteProtocolLog>(std::move(writer), std::move(reader),
                                             std::move(checkpointer),
                                             std::max(1, options.checkpoint_frames));
  return Status::Ok();
}

}  // namespace isi
