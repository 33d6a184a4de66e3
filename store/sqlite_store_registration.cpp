// Registrations (issue 6): SaveRegistration, the one write path of the municipality's
// registrations (model/registratie.h). Load, version check, rules, persist and commit all happen
// in one IMMEDIATE transaction, so no other writer comes between the check and the write. The
// protocol record is written by the caller, before (store/protocol_log.h).
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/dossier_columns.h"
#include "store/sqlite_store.h"

namespace isi {
namespace {

using columns::BindColumns;
using columns::ColumnList;
using columns::ColumnNames;

// --- SQL texts, derived from the column lists of dossier_columns.h ----------------------------

std::string Placeholders(size_t from, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += (i == 0 ? "?" : ", ?") + std::to_string(from + i);
  return s;
}

// "a = ?first, b = ?first+1, ..." over the columns of T, leaving out `skip` (may be null).
template <typename T>
std::string Assignments(size_t first, const char* skip) {
  std::string s;
  size_t i = first;
  for (const char* name : ColumnNames<T>()) {
    if (skip != nullptr && std::string(name) == skip) continue;
    if (!s.empty()) s += ", ";
    s += std::string(name) + " = ?" + std::to_string(i++);
  }
  return s;
}

// personen: every column of the Dossier but the key; ?1 = bsn, ?2 = the versie read,
// ?3 = updated_at, then the columns. The versie condition is a second guard behind the check
// in SaveRegistration (the IMMEDIATE transaction already excludes other writers).
const std::string& UpdatePersonSql() {
  static const std::string sql = "UPDATE personen SET updated_at = ?3, " +
                                 Assignments<Dossier>(4, "bsn") + " WHERE bsn = ?1 AND versie = ?2";
  return sql;
}

// Binds the columns of `d` except bsn from parameter `first` on, in the order of
// UpdatePersonSql.
void BindPersonColumns(sqlite::Stmt& stmt, int first, const Dossier& d) {
  int i = first;
  columns::VisitColumns(d, [&](const char* name, auto&& field) {
    if (std::string(name) == "bsn") return;
    columns::BindValue(stmt, i++, field);
  });
}

// A sub-record table keyed by bsn.
template <typename T>
struct Table {
  const char* name;

  // INSERT (bsn, columns...) with ?1 = bsn.
  std::string InsertSql() const {
    return std::string("INSERT INTO ") + name + " (bsn, " + ColumnList<T>() + ") VALUES (" +
           Placeholders(1, ColumnNames<T>().size() + 1) + ")";
  }
  // UPDATE by id; ?1 = id, ?2 = bsn, then the columns.
  std::string UpdateSql() const {
    return std::string("UPDATE ") + name + " SET " + Assignments<T>(3, nullptr) +
           " WHERE id = ?1 AND bsn = ?2";
  }
  std::string DeleteByIdSql() const {
    return std::string("DELETE FROM ") + name + " WHERE id = ?1 AND bsn = ?2";
  }
  std::string DeleteAllSql() const {
    return std::string("DELETE FROM ") + name + " WHERE bsn = ?1";
  }
};

constexpr Table<Handhaving> kHandhavingen{"handhavingen"};
constexpr Table<Verlenging> kVerlengingen{"verlengingen"};
constexpr Table<Inburgeringsvoorziening> kVoorzieningen{"voorzieningen"};
constexpr Table<Vrijstelling> kVrijstellingen{"vrijstellingen"};

// Runs `stmt` and checks that it changed exactly one row.
Status RunOne(sqlite::Connection* conn, sqlite::Stmt& stmt, const char* table) {
  if (Status s = stmt.Run(); !s.ok()) return s;
  if (conn->Changes() != 1) {
    return Status::Internal(std::string("registratie: rij in ") + table + " niet gevonden");
  }
  return Status::Ok();
}

template <typename T>
Status InsertRow(sqlite::Connection* conn, const Table<T>& table, const std::string& bsn,
                 const T& x) {
  sqlite::Stmt insert;
  if (Status s = conn->Prepare(table.InsertSql(), &insert); !s.ok()) return s;
  insert.BindText(1, bsn);
  BindColumns(insert, 2, x);
  return insert.Run();
}

Status DeleteAll(sqlite::Connection* conn, const char* sql, const std::string& bsn) {
  sqlite::Stmt del;
  if (Status s = conn->Prepare(sql, &del); !s.ok()) return s;
  del.BindText(1, bsn);
  return del.Run();
}

// The handhaving and its verlengingen are few and carry no id: replaced as a whole.
Status ReplaceHandhaving(sqlite::Connection* conn, const std::string& bsn,
                         const std::optional<Handhaving>& h) {
  if (Status s = DeleteAll(conn, kVerlengingen.DeleteAllSql().c_str(), bsn); !s.ok()) return s;
  if (Status s = DeleteAll(conn, kHandhavingen.DeleteAllSql().c_str(), bsn); !s.ok()) return s;
  if (!h) return Status::Ok();
  if (Status s = InsertRow(conn, kHandhavingen, bsn, *h); !s.ok()) return s;
  for (const Verlenging& v : h->verlengingen) {
    if (Status s = InsertRow(conn, kVerlengingen, bsn, v); !s.ok()) return s;
  }
  return Status::Ok();
}

// Brings the rows of `table` for `bsn` from `before` to `after`: rows whose id is kept are
// updated, rows gone are deleted, rows with id 0 are inserted (their id is set in `after`).
// An id in `after` that was not in `before` is a bug of the rules: Internal.
template <typename T>
Status SyncRows(sqlite::Connection* conn, const Table<T>& table, const std::string& bsn,
                const std::vector<T>& before, std::vector<T>* after) {
  std::set<int64_t> old_ids;
  for (const T& x : before) old_ids.insert(x.id);
  std::set<int64_t> kept;
  for (const T& x : *after) {
    if (x.id == 0) continue;
    if (old_ids.count(x.id) == 0 || !kept.insert(x.id).second) {
      return Status::Internal(std::string("registratie: onbekend of dubbel id in ") + table.name);
    }
  }
  for (int64_t id : old_ids) {
    if (kept.count(id) != 0) continue;
    sqlite::Stmt del;
    if (Status s = conn->Prepare(table.DeleteByIdSql(), &del); !s.ok()) return s;
    del.BindInt(1, id);
    del.BindText(2, bsn);
    if (Status s = RunOne(conn, del, table.name); !s.ok()) return s;
  }
  for (T& x : *after) {
    if (x.id == 0) {
      if (Status s = InsertRow(conn, table, bsn, x); !s.ok()) return s;
      x.id = conn->LastInsertRowid();
      continue;
    }
    sqlite::Stmt update;
    if (Status s = conn->Prepare(table.UpdateSql(), &update); !s.ok()) return s;
    update.BindInt(1, x.id);
    update.BindText(2, bsn);
    BindColumns(update, 3, x);
    if (Status s = RunOne(conn, update, table.name); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Status SqliteStore::SaveRegistration(const std::string& gemeentecode, const std::string& bsn,
                                     int64_t expected_versie,
                                     const std::function<Status(Dossier*)>& apply,
                                     int64_t at, Dossier* after) {
  // IMMEDIATE: the write lock from the read on, so the version checked is the version replaced.
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;

  Dossier before;
  if (Status s = LoadDossierByBsn(gemeentecode, bsn, &before); !s.ok()) return s;
  if (before.versie != expected_versie) {
    return Status::Conflict("het dossier is intussen gewijzigd (versie " +
                            std::to_string(before.versie) + ", verwacht " +
                            std::to_string(expected_versie) + ")")
        .WithReason("VersieVerouderd");
  }
  Dossier d = before;
  if (Status s = apply(&d); !s.ok()) return s;  // nothing written: the guard rolls back
  if (d.kop.bsn != before.kop.bsn) return Status::Internal("registratie wijzigde het BSN");

  d.versie = expected_versie + 1;
  {
    sqlite::Stmt update;
    if (Status s = conn_->Prepare(UpdatePersonSql(), &update); !s.ok()) return s;
    update.BindText(1, bsn);
    update.BindInt(2, expected_versie);
    update.BindInt(3, at);
    BindPersonColumns(update, 4, d);
    if (Status s = RunOne(conn_.get(), update, "personen"); !s.ok()) return s;
  }
  if (Status s = ReplaceHandhaving(conn_.get(), bsn, d.handhaving); !s.ok()) return s;
  if (Status s = SyncRows(conn_.get(), kVoorzieningen, bsn, before.voorzieningen, &d.voorzieningen);
      !s.ok()) {
    return s;
  }
  if (Status s =
          SyncRows(conn_.get(), kVrijstellingen, bsn, before.vrijstellingen, &d.vrijstellingen);
      !s.ok()) {
    return s;
  }

  // The dossier as stored, read in the same transaction as the write.
  Dossier stored;
  if (Status s = LoadDossierByBsn(gemeentecode, bsn, &stored); !s.ok()) return s;
  // synchronous=FULL: once COMMIT returns, the registration is on disk.
  if (Status s = tx.Commit(); !s.ok()) return s;
  *after = std::move(stored);
  return Status::Ok();
}

}  // namespace isi
