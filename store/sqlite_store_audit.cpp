// Protocollering: the append-only, hash-chained protocol table.
#include <string>
#include <vector>

#include "store/audit_chain.h"
#include "store/sqlite_store.h"

namespace isi {
namespace {

constexpr const char* kAuditColumns =
    "id, at, key_id, gemeentecode, operation, bsn, outcome, prev_hash, hash";

void ReadAudit(const sqlite::Stmt& stmt, AuditRecord* r) {
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

}  // namespace

Status SqliteStore::AppendAudit(AuditRecord* record) {
  std::vector<AuditRecord> one{*record};
  if (Status s = AppendAudits(&one); !s.ok()) return s;
  *record = std::move(one.front());
  return Status::Ok();
}

Status SqliteStore::AppendAudits(std::vector<AuditRecord>* records) {
  if (records->empty()) return Status::Ok();
  std::vector<AuditRecord> chained = *records;
  // IMMEDIATE: no other writer can append between reading the last hash and inserting ours.
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
  if (Status s = AppendAuditsInTransaction(&chained); !s.ok()) return s;
  // synchronous=FULL: once COMMIT returns, the records are on disk.
  if (Status s = tx.Commit(); !s.ok()) return s;
  *records = std::move(chained);
  return Status::Ok();
}

Status SqliteStore::AppendAuditsInTransaction(std::vector<AuditRecord>* records) {
  std::string prev_hash;
  {
    sqlite::Stmt last;
    if (Status s = conn_->Prepare("SELECT hash FROM protocol ORDER BY id DESC LIMIT 1", &last);
        !s.ok()) {
      return s;
    }
    bool row = false;
    if (Status s = last.Step(&row); !s.ok()) return s;
    prev_hash = row ? last.Text(0) : std::string(kAuditGenesisHash);
  }
  sqlite::Stmt insert;
  if (Status s = conn_->Prepare(
          "INSERT INTO protocol (at, key_id, gemeentecode, operation, bsn, outcome, prev_hash, "
          "hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          &insert);
      !s.ok()) {
    return s;
  }
  for (AuditRecord& r : *records) {
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
    r.id = conn_->LastInsertRowid();
    prev_hash = r.hash;
  }
  return Status::Ok();
}

namespace {

// Runs `select` (columns as kAuditColumns, parameters bound) to the end into *out.
Status ReadAudits(sqlite::Stmt& select, std::vector<AuditRecord>* out) {
  std::vector<AuditRecord> records;
  for (;;) {
    bool row = false;
    if (Status s = select.Step(&row); !s.ok()) return s;
    if (!row) break;
    ReadAudit(select, &records.emplace_back());
  }
  *out = std::move(records);
  return Status::Ok();
}

}  // namespace

Status SqliteStore::ListAudit(const std::string& bsn, std::vector<AuditRecord>* out) {
  sqlite::Stmt select;
  std::string sql = std::string("SELECT ") + kAuditColumns + " FROM protocol" +
                    (bsn.empty() ? "" : " WHERE bsn = ?1") + " ORDER BY id";
  if (Status s = conn_->Prepare(sql, &select); !s.ok()) return s;
  if (!bsn.empty()) select.BindText(1, bsn);
  return ReadAudits(select, out);
}

Status SqliteStore::ListAuditPeriod(int64_t from, int64_t to, std::vector<AuditRecord>* out) {
  sqlite::Stmt select;
  if (Status s = conn_->Prepare(std::string("SELECT ") + kAuditColumns +
                                    " FROM protocol WHERE at >= ?1 AND at < ?2 ORDER BY id",
                                &select);
      !s.ok()) {
    return s;
  }
  select.BindInt(1, from);
  select.BindInt(2, to);
  return ReadAudits(select, out);
}

Status SqliteStore::VerifyAuditChain(int64_t* records_checked, int64_t* first_bad_id) {
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kDeferred); !s.ok()) return s;
  sqlite::Stmt select;
  if (Status s = conn_->Prepare(
          std::string("SELECT ") + kAuditColumns + " FROM protocol ORDER BY id", &select);
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
    ReadAudit(select, &r);
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

}  // namespace isi
