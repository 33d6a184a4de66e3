// Streaming reads for the extract files: every dossier and every signal of a municipality, in
// one read snapshot, in memory independent of the number of persons.
//
// ForEachDossier is a merge join: one cursor over the municipality's persons ordered by BSN, and
// one cursor per sub-record table (joined to the same persons) ordered by (BSN, the dossier's
// order for that table), plus one grouped cursor of signal counts. Each cursor is read once,
// front to back; only the current person's sub-records are in memory. The column lists and
// readers are those of dossier_columns.h, shared with GetDossierByBsn.
//
// Query plans: the visible persons are two BSN-ordered index walks (residents through
// personen_selectie, gewezen ingezetenen through personen_vorige_woongemeente) merged by
// UNION ALL ... ORDER BY, which SQLite executes as a merge, not a sort. A sub-record cursor adds
// an index lookup per person (the tables' (bsn, date) indexes) and at most a sort of one
// person's records. The indexes are named with INDEXED BY, as in sqlite_store_selection.cpp, so
// a schema change that would silently turn these walks into sorts of a whole municipality fails
// loudly instead.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "model/codes.h"
#include "store/dossier_columns.h"
#include "store/sqlite_store.h"

namespace isi {
namespace {

using columns::ColumnNames;
using columns::HasId;
using columns::ReadColumns;

// The two halves of the visibility rule (store.h "Visibility", VisiblePersonSql in
// sqlite_store_persons.cpp), each walkable in BSN order. ?1 is the municipality.
struct Half {
  const char* from;
  const char* where;
};
constexpr Half kResidents = {"personen p INDEXED BY personen_selectie",
                             "p.woongemeente = ?1 AND p.purged = 0"};
constexpr Half kGewezen = {
    "personen p INDEXED BY personen_vorige_woongemeente",
    "p.woongemeente = '1999' AND p.vorige_woongemeente = ?1 AND ?1 <> '1999' AND p.purged = 0"};

// "c.a, c.b, c.c" for the columns of T.
template <typename T>
std::string QualifiedColumns(const char* alias) {
  std::string list;
  for (const char* name : ColumnNames<T>()) {
    if (!list.empty()) list += ", ";
    list += std::string(alias) + "." + name;
  }
  return list;
}

// SELECT `columns` for both halves (each joined with `join`), merged on `order` (result column
// numbers).
std::string VisibleSql(const std::string& columns, const std::string& join,
                       const std::string& order) {
  std::string sql;
  for (const Half& half : {kResidents, kGewezen}) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += "SELECT " + columns + " FROM " + half.from + join + " WHERE " + half.where;
  }
  return sql + " ORDER BY " + order;
}

const std::string& PersonsSql() {
  // bsn is the first column of the Dossier's column list (dossier_columns.h).
  static const std::string sql = VisibleSql(QualifiedColumns<Dossier>("p"), "", "1");
  return sql;
}

// Sub-records of the visible persons: (bsn, order date, row id, columns...), ordered by bsn,
// then as the Dossier promises and GetDossierByBsn reads them: by `order_date`, the row id
// breaking ties (both NULL for handhavingen, at most one per person).
template <typename T>
std::string ChildrenSql(const char* table, const char* order_date) {
  std::string columns = "p.bsn, ";
  columns += order_date != nullptr ? std::string("c.") + order_date + ", c.id, " : "NULL, NULL, ";
  columns += QualifiedColumns<T>("c");
  return VisibleSql(columns, std::string(" JOIN ") + table + " c ON c.bsn = p.bsn", "1, 2, 3");
}

// Signal counts per person and status of the signals this municipality received (as
// LoadDossier counts them), one row per BSN in BSN order: a walk of signalen_gemeente_bsn
// (gemeentecode, bsn, id), no sort. BSNs of persons not visible are skipped by the merge.
constexpr const char* kSignalCountsSql =
    "SELECT s.bsn, sum(s.status = 'Nieuw'), sum(s.status = 'InBehandeling'), "
    "sum(s.status = 'Afgehandeld') FROM signalen s INDEXED BY signalen_gemeente_bsn "
    "WHERE s.gemeentecode = ?1 GROUP BY s.bsn ORDER BY s.bsn";

// The municipality's signals in date order (index signalen_gemeente_datum: no sort).
const std::string& SignalsSql() {
  static const std::string sql = std::string("SELECT ") + kSignaalRijColumns +
                                 " FROM signalen s WHERE s.gemeentecode = ?1 "
                                 "ORDER BY s.datum, s.id";
  return sql;
}

Status Corrupt(const char* table) {
  // Never the row's contents: they are personal data.
  return Status::Internal(std::string("onleesbare waarde in tabel ") + table +
                          " (onbekend token of datum)");
}

// A cursor over rows whose first column is a BSN, ascending, read in step with the persons
// cursor.
class BsnCursor {
 public:
  Status Open(sqlite::Connection* conn, const std::string& sql, const std::string& gemeentecode) {
    if (Status s = conn->Prepare(sql, &stmt_); !s.ok()) return s;
    stmt_.BindText(1, gemeentecode);
    return Advance();
  }

  // Skips rows of BSNs before `bsn` (none are expected: all cursors see the same persons) and
  // tells whether the current row is of `bsn`.
  Status SeekTo(const std::string& bsn, bool* at) {
    while (has_row_ && row_bsn_ < bsn) {
      if (Status s = Advance(); !s.ok()) return s;
    }
    *at = has_row_ && row_bsn_ == bsn;
    return Status::Ok();
  }

  Status Advance() {
    if (Status s = stmt_.Step(&has_row_); !s.ok()) return s;
    if (has_row_) row_bsn_ = stmt_.Text(0);
    return Status::Ok();
  }

  const sqlite::Stmt& row() const { return stmt_; }

 private:
  sqlite::Stmt stmt_;
  bool has_row_ = false;
  std::string row_bsn_;
};

// The sub-records of one table, taken person by person.
template <typename T>
class ChildCursor {
 public:
  ChildCursor(const char* table, const char* order_date) : table_(table), order_date_(order_date) {}

  Status Open(sqlite::Connection* conn, const std::string& gemeentecode) {
    return cursor_.Open(conn, ChildrenSql<T>(table_, order_date_), gemeentecode);
  }

  // Replaces *out with the records of `bsn`.
  Status Take(const std::string& bsn, std::vector<T>* out) {
    out->clear();
    for (;;) {
      bool at = false;
      if (Status s = cursor_.SeekTo(bsn, &at); !s.ok()) return s;
      if (!at) return Status::Ok();
      T& x = out->emplace_back();
      if constexpr (HasId<T>) x.id = cursor_.row().Int(2);
      if (!ReadColumns(cursor_.row(), 3, x)) return Corrupt(table_);
      if (Status s = cursor_.Advance(); !s.ok()) return s;
    }
  }

 private:
  const char* table_;
  const char* order_date_;
  BsnCursor cursor_;
};

}  // namespace

Status SqliteStore::ForEachDossier(const std::string& gemeentecode,
                                   const std::function<Status(const Dossier&)>& fn) {
  // One snapshot for all cursors, so a person and their sub-records agree.
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kDeferred); !s.ok()) return s;

  sqlite::Stmt persons;
  if (Status s = conn_->Prepare(PersonsSql(), &persons); !s.ok()) return s;
  persons.BindText(1, gemeentecode);

  // The same tables and orders as LoadDossier (sqlite_store_persons.cpp).
  ChildCursor<Handhaving> handhavingen("handhavingen", nullptr);
  ChildCursor<Verlenging> verlengingen("verlengingen", "datum_verlenging");
  ChildCursor<Inburgeringsvoorziening> voorzieningen("voorzieningen", "datum_start");
  ChildCursor<Vrijstelling> vrijstellingen("vrijstellingen", "datum_start");
  ChildCursor<Boete> boetes("boetes", "datum_toekennen");
  ChildCursor<Examenonderdeel> onderdelen("examenonderdelen", "datum_deelname");
  BsnCursor counts;
  for (Status s :
       {handhavingen.Open(conn_.get(), gemeentecode), verlengingen.Open(conn_.get(), gemeentecode),
        voorzieningen.Open(conn_.get(), gemeentecode),
        vrijstellingen.Open(conn_.get(), gemeentecode), boetes.Open(conn_.get(), gemeentecode),
        onderdelen.Open(conn_.get(), gemeentecode),
        counts.Open(conn_.get(), kSignalCountsSql, gemeentecode)}) {
    if (!s.ok()) return s;
  }

  Dossier d;
  std::vector<Handhaving> handhaving;  // at most one per person (primary key)
  for (;;) {
    bool row = false;
    if (Status s = persons.Step(&row); !s.ok()) return s;
    if (!row) break;
    d = Dossier{};
    if (!ReadColumns(persons, 0, d)) return Corrupt("personen");
    const std::string& bsn = d.kop.bsn;

    bool at = false;
    if (Status s = counts.SeekTo(bsn, &at); !s.ok()) return s;
    if (at) {
      Signaaltelling& t = d.signalen;
      t.nieuw = static_cast<int>(counts.row().Int(1));
      t.in_behandeling = static_cast<int>(counts.row().Int(2));
      t.afgehandeld = static_cast<int>(counts.row().Int(3));
      t.totaal = t.nieuw + t.in_behandeling + t.afgehandeld;
    }
    if (Status s = handhavingen.Take(bsn, &handhaving); !s.ok()) return s;
    if (!handhaving.empty()) {
      d.handhaving = std::move(handhaving.front());
      if (Status s = verlengingen.Take(bsn, &d.handhaving->verlengingen); !s.ok()) return s;
    }
    if (Status s = voorzieningen.Take(bsn, &d.voorzieningen); !s.ok()) return s;
    if (Status s = vrijstellingen.Take(bsn, &d.vrijstellingen); !s.ok()) return s;
    if (Status s = boetes.Take(bsn, &d.boetes); !s.ok()) return s;
    if (Status s = onderdelen.Take(bsn, &d.examens.onderdelen); !s.ok()) return s;
    if (Status s = fn(d); !s.ok()) return s;
  }
  return tx.Commit();
}

Status SqliteStore::ForEachSignal(const std::string& gemeentecode,
                                  const std::function<Status(const SignaalRij&)>& fn) {
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kDeferred); !s.ok()) return s;
  sqlite::Stmt stmt;
  if (Status s = conn_->Prepare(SignalsSql(), &stmt); !s.ok()) return s;
  stmt.BindText(1, gemeentecode);
  SignaalRij r;
  for (;;) {
    bool row = false;
    if (Status s = stmt.Step(&row); !s.ok()) return s;
    if (!row) break;
    if (Status s = ReadSignaalRij(stmt, 0, &r); !s.ok()) return s;
    if (Status s = fn(r); !s.ok()) return s;
  }
  return tx.Commit();
}

}  // namespace isi
