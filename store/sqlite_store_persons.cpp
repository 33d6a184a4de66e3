// Dossiers: reading one person with a fixed number of queries, and the bulk insert.
#include <sqlite3.h>

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "model/identifiers.h"
#include "store/dossier_columns.h"
#include "store/sqlite_store.h"

namespace isi {
namespace {

using columns::BindColumns;
using columns::ColumnList;
using columns::ColumnNames;
using columns::HasId;
using columns::ReadColumns;

// "?, ?, ?" with n placeholders.
std::string Placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i == 0 ? "?" : ", ?";
  return s;
}

// --- SQL texts, built once from the column lists in dossier_columns.h -------------------

std::string SelectPersonSql(const char* where) {
  return "SELECT " + ColumnList<Dossier>() + " FROM personen WHERE " + where + " AND " +
         VisiblePersonSql("", 2);
}

const std::string& SelectPersonByBsnSql() {
  static const std::string sql = SelectPersonSql("bsn = ?1");
  return sql;
}

const std::string& SelectPersonByANummerSql() {
  static const std::string sql = SelectPersonSql("anummer = ?1");
  return sql;
}

const std::string& InsertPersonSql() {
  static const std::string sql = "INSERT INTO personen (" + ColumnList<Dossier>() +
                                 ", updated_at) VALUES (" +
                                 Placeholders(ColumnNames<Dossier>().size() + 1) + ")";
  return sql;
}

// A sub-record table keyed by bsn: INSERT (bsn, columns...) and SELECT ([id,] columns...).
template <typename T>
std::string InsertChildSql(const char* table) {
  return std::string("INSERT INTO ") + table + " (bsn, " + ColumnList<T>() + ") VALUES (" +
         Placeholders(ColumnNames<T>().size() + 1) + ")";
}

template <typename T>
std::string SelectChildSql(const char* table, const char* order_by) {
  std::string sql = "SELECT ";
  if constexpr (HasId<T>) sql += "id, ";
  sql += ColumnList<T>() + " FROM " + table + " WHERE bsn = ?1";
  if (order_by != nullptr) sql += std::string(" ORDER BY ") + order_by;
  return sql;
}

// One sub-record table: its name and ordering, with the SQL derived from them.
template <typename T>
struct ChildTable {
  const char* table;
  const char* order_by;  // "oldest first" as the Dossier promises; id breaks ties

  const std::string& InsertSql() const {
    static const std::string sql = InsertChildSql<T>(table);
    return sql;
  }
  const std::string& SelectSql() const {
    static const std::string sql = SelectChildSql<T>(table, order_by);
    return sql;
  }
};

// Each T appears in exactly one table, so the function-local statics above are per table.
constexpr ChildTable<Handhaving> kHandhavingen{"handhavingen", nullptr};
constexpr ChildTable<Verlenging> kVerlengingen{"verlengingen", "datum_verlenging, id"};
constexpr ChildTable<Inburgeringsvoorziening> kVoorzieningen{"voorzieningen", "datum_start, id"};
constexpr ChildTable<Vrijstelling> kVrijstellingen{"vrijstellingen", "datum_start, id"};
constexpr ChildTable<Boete> kBoetes{"boetes", "datum_toekennen, id"};
constexpr ChildTable<Examenonderdeel> kExamenonderdelen{"examenonderdelen", "datum_deelname, id"};

// The signal's columns, created_at, updated_at, wijzigingsvolgnummer; achternaam and anummer
// are copied from the person (schema version 2).
std::string MakeInsertSignaalSql() {
  const std::vector<const char*> names = ColumnNames<Signaal>();
  size_t bsn = 0;
  while (bsn < names.size() && std::string_view(names[bsn]) != "bsn") ++bsn;
  const std::string person = "FROM personen WHERE bsn = ?" + std::to_string(bsn + 1);
  // coalesce: a signal without its person fails on the foreign key, not on NOT NULL.
  return "INSERT INTO signalen (" + ColumnList<Signaal>() +
         ", created_at, updated_at, wijzigingsvolgnummer, achternaam, anummer) VALUES (" +
         Placeholders(names.size() + 3) + ", coalesce((SELECT achternaam " + person +
         "), ''), (SELECT anummer " + person + "))";
}

const std::string& InsertSignaalSql() {
  static const std::string sql = MakeInsertSignaalSql();
  return sql;
}

constexpr const char* kCountSignalsSql =
    "SELECT status, count(*) FROM signalen WHERE bsn = ?1 AND gemeentecode = ?2 GROUP BY status";

Status Corrupt(const char* table) {
  // Never the row's contents: they are personal data.
  return Status::Internal(std::string("onleesbare waarde in tabel ") + table +
                          " (onbekend token of datum)");
}

// Reads all rows of `table` for `bsn` into *out.
template <typename T>
Status LoadChildren(sqlite::Connection* conn, const ChildTable<T>& table, const std::string& bsn,
                    std::vector<T>* out) {
  sqlite::Stmt stmt;
  if (Status s = conn->Prepare(table.SelectSql(), &stmt); !s.ok()) return s;
  stmt.BindText(1, bsn);
  out->clear();
  for (;;) {
    bool row = false;
    if (Status s = stmt.Step(&row); !s.ok()) return s;
    if (!row) return Status::Ok();
    T& x = out->emplace_back();
    int first = 0;
    if constexpr (HasId<T>) x.id = stmt.Int(first++);
    if (!ReadColumns(stmt, first, x)) return Corrupt(table.table);
  }
}

// --- Validation before anything is written -----------------------------------------------

// InvalidArgument naming the BSN (the caller is the bulk loader, which needs to know which).
Status Invalid(const std::string& bsn, const std::string& what, std::string field = {}) {
  return Status::InvalidArgument(what + " bij BSN " + bsn, std::move(field));
}

// Every Date among the columns of `x` is a real calendar date.
template <typename T>
Status CheckDates(const T& x, const std::string& bsn) {
  const char* bad = nullptr;
  columns::VisitColumns(x, [&](const char* name, auto&& field) {
    using F = std::remove_cvref_t<decltype(field)>;
    if constexpr (std::is_same_v<F, Date>) {
      if (!field.IsValid() && bad == nullptr) bad = name;
    } else if constexpr (std::is_same_v<F, std::optional<Date>>) {
      if (field && !field->IsValid() && bad == nullptr) bad = name;
    }
  });
  if (bad != nullptr) return Invalid(bsn, std::string("ongeldige datum in ") + bad, bad);
  return Status::Ok();
}

template <typename T>
Status CheckDates(const std::vector<T>& xs, const std::string& bsn) {
  for (const T& x : xs) {
    if (Status s = CheckDates(x, bsn); !s.ok()) return s;
  }
  return Status::Ok();
}

Status ValidateDossier(const Dossier& d) {
  const std::string& bsn = d.kop.bsn;
  if (!IsValidBsn(bsn)) return Status::InvalidArgument("ongeldig BSN " + bsn, "bsn");
  if (d.kop.anummer && !IsValidANummer(*d.kop.anummer)) {
    return Invalid(bsn, "ongeldig A-nummer", "anummer");
  }
  if (!IsWellFormedGemeentecode(d.kop.woongemeente)) {
    return Invalid(bsn, "ongeldige woongemeente", "woongemeente");
  }
  if (d.kop.vorige_woongemeente && !IsWellFormedGemeentecode(*d.kop.vorige_woongemeente)) {
    return Invalid(bsn, "ongeldige vorige woongemeente", "vorige_woongemeente");
  }
  if (d.indicatie.ontheffing && !d.indicatie.ontheffing->datum.IsValid()) {
    return Invalid(bsn, "ongeldige datum in ontheffing_datum", "ontheffing_datum");
  }
  Status s = CheckDates(d, bsn);
  if (s.ok() && d.handhaving) s = CheckDates(*d.handhaving, bsn);
  if (s.ok() && d.handhaving) s = CheckDates(d.handhaving->verlengingen, bsn);
  if (s.ok()) s = CheckDates(d.voorzieningen, bsn);
  if (s.ok()) s = CheckDates(d.vrijstellingen, bsn);
  if (s.ok()) s = CheckDates(d.boetes, bsn);
  if (s.ok()) s = CheckDates(d.examens.onderdelen, bsn);
  return s;
}

Status ValidateSignaal(const Signaal& sig) {
  if (!IsValidBsn(sig.bsn)) return Status::InvalidArgument("signaal met ongeldig BSN " + sig.bsn);
  if (FindSignaal(sig.code) == nullptr) {
    return Invalid(sig.bsn, "onbekende signaalcode in signaal", "code");
  }
  if (!IsWellFormedGemeentecode(sig.gemeentecode)) {
    return Invalid(sig.bsn, "ongeldige gemeentecode in signaal", "gemeentecode");
  }
  if (!sig.datum.IsValid()) return Invalid(sig.bsn, "ongeldige datum in signaal", "datum");
  return Status::Ok();
}

// Turns a failed INSERT into the Status the caller should see: constraint failures are the
// caller's data (InvalidArgument naming the BSN), anything else stays Unavailable/Internal.
Status InsertError(const Status& s, int rc, const std::string& bsn, const char* table) {
  switch (rc) {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Status::InvalidArgument("BSN " + bsn + " komt al voor", "bsn");
    case SQLITE_CONSTRAINT_UNIQUE:
      return Invalid(bsn, "A-nummer komt al voor", "anummer");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Invalid(bsn, std::string("onbekende gemeente of persoon in ") + table);
    default:
      if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        return Invalid(bsn, std::string("gegevens in ") + table + " voldoen niet aan het schema (" +
                                s.message() + ")");
      }
      return s;
  }
}

// Binds bsn to parameter 1 and the columns of `x` after it, runs, resets.
template <typename T>
Status InsertChild(sqlite::Stmt& stmt, const std::string& bsn, const T& x, const char* table) {
  stmt.BindText(1, bsn);
  BindColumns(stmt, 2, x);
  Status s = stmt.Run();
  if (!s.ok()) s = InsertError(s, stmt.last_rc(), bsn, table);
  stmt.Reset();
  return s;
}

template <typename T>
Status InsertChildren(sqlite::Stmt& stmt, const std::string& bsn, const std::vector<T>& xs,
                      const char* table) {
  for (const T& x : xs) {
    if (Status s = InsertChild(stmt, bsn, x, table); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

std::string VisiblePersonSql(const std::string& prefix, int param) {
  const std::string x = "?" + std::to_string(param);
  return "(" + prefix + "woongemeente = " + x + " OR (" + prefix + "woongemeente = '1999' AND " +
         prefix + "vorige_woongemeente = " + x + ")) AND " + prefix + "purged = 0";
}

// --- Reading ---------------------------------------------------------------------------------

Status SqliteStore::GetDossierByBsn(const std::string& gemeentecode, const std::string& bsn,
                                    Dossier* out) {
  // One snapshot for all queries, so the dossier is never half of an update.
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kDeferred); !s.ok()) return s;
  if (Status s = LoadDossierByBsn(gemeentecode, bsn, out); !s.ok()) return s;
  return tx.Commit();
}

Status SqliteStore::LoadDossierByBsn(const std::string& gemeentecode, const std::string& bsn,
                                     Dossier* out) {
  sqlite::Stmt person;
  if (Status s = conn_->Prepare(SelectPersonByBsnSql(), &person); !s.ok()) return s;
  person.BindText(1, bsn);
  person.BindText(2, gemeentecode);
  return LoadDossier(&person, gemeentecode, out);
}

Status SqliteStore::GetDossierByANummer(const std::string& gemeentecode, const std::string& anummer,
                                        Dossier* out) {
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kDeferred); !s.ok()) return s;
  sqlite::Stmt person;
  if (Status s = conn_->Prepare(SelectPersonByANummerSql(), &person); !s.ok()) return s;
  person.BindText(1, anummer);
  person.BindText(2, gemeentecode);
  if (Status s = LoadDossier(&person, gemeentecode, out); !s.ok()) return s;
  return tx.Commit();
}

// Queries: person, signal counts, handhaving, verlengingen (only with a handhaving),
// voorzieningen, vrijstellingen, boetes, examenonderdelen: at most 8, whatever the dossier.
Status SqliteStore::LoadDossier(sqlite::Stmt* person, const std::string& gemeentecode,
                                Dossier* out) {
  bool row = false;
  if (Status s = person->Step(&row); !s.ok()) return s;
  // The same answer for an unknown BSN, another municipality's person and a purged person.
  if (!row) return Status::NotFound("persoon niet gevonden");
  Dossier d;
  if (!ReadColumns(*person, 0, d)) return Corrupt("personen");
  person->Reset();
  const std::string bsn = d.kop.bsn;

  {
    sqlite::Stmt counts;
    if (Status s = conn_->Prepare(kCountSignalsSql, &counts); !s.ok()) return s;
    counts.BindText(1, bsn);
    counts.BindText(2, gemeentecode);
    for (;;) {
      if (Status s = counts.Step(&row); !s.ok()) return s;
      if (!row) break;
      auto status = ParseToken<SignaalStatus>(counts.Text(0));
      if (!status) return Corrupt("signalen");
      int n = static_cast<int>(counts.Int(1));
      switch (*status) {
        case SignaalStatus::kNieuw:
          d.signalen.nieuw = n;
          break;
        case SignaalStatus::kInBehandeling:
          d.signalen.in_behandeling = n;
          break;
        case SignaalStatus::kAfgehandeld:
          d.signalen.afgehandeld = n;
          break;
      }
      d.signalen.totaal += n;
    }
  }

  {
    sqlite::Stmt handhaving;
    if (Status s = conn_->Prepare(kHandhavingen.SelectSql(), &handhaving); !s.ok()) return s;
    handhaving.BindText(1, bsn);
    if (Status s = handhaving.Step(&row); !s.ok()) return s;
    if (row) {
      Handhaving& h = d.handhaving.emplace();
      if (!ReadColumns(handhaving, 0, h)) return Corrupt("handhavingen");
      handhaving.Reset();
      if (Status s = LoadChildren(conn_.get(), kVerlengingen, bsn, &h.verlengingen); !s.ok()) {
        return s;
      }
    }
  }

  if (Status s = LoadChildren(conn_.get(), kVoorzieningen, bsn, &d.voorzieningen); !s.ok()) {
    return s;
  }
  if (Status s = LoadChildren(conn_.get(), kVrijstellingen, bsn, &d.vrijstellingen); !s.ok()) {
    return s;
  }
  if (Status s = LoadChildren(conn_.get(), kBoetes, bsn, &d.boetes); !s.ok()) return s;
  if (Status s = LoadChildren(conn_.get(), kExamenonderdelen, bsn, &d.examens.onderdelen);
      !s.ok()) {
    return s;
  }
  *out = std::move(d);
  return Status::Ok();
}

// --- Bulk insert -----------------------------------------------------------------------------

Status SqliteStore::InsertPersons(const std::vector<Dossier>& persons,
                                  const std::vector<Signaal>& signalen) {
  // Refuse bad input before taking the write lock.
  for (const Dossier& d : persons) {
    if (Status s = ValidateDossier(d); !s.ok()) return s;
  }
  for (const Signaal& sig : signalen) {
    if (Status s = ValidateSignaal(sig); !s.ok()) return s;
  }
  if (persons.empty() && signalen.empty()) return Status::Ok();

  // All or nothing: any failure below returns before Commit() and the guard rolls back.
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
  const int64_t now = static_cast<int64_t>(std::time(nullptr));

  // Each statement is prepared once and reused for every row; uniqueness of BSN and A-nummer
  // is left to the indexes (no SELECT per row).
  sqlite::Stmt person, handhaving, verlenging, voorziening, vrijstelling, boete, onderdeel;
  for (auto [stmt, sql] :
       {std::pair{&person, &InsertPersonSql()}, std::pair{&handhaving, &kHandhavingen.InsertSql()},
        std::pair{&verlenging, &kVerlengingen.InsertSql()},
        std::pair{&voorziening, &kVoorzieningen.InsertSql()},
        std::pair{&vrijstelling, &kVrijstellingen.InsertSql()},
        std::pair{&boete, &kBoetes.InsertSql()},
        std::pair{&onderdeel, &kExamenonderdelen.InsertSql()}}) {
    if (Status s = conn_->Prepare(*sql, stmt); !s.ok()) return s;
  }

  for (const Dossier& d : persons) {
    const std::string& bsn = d.kop.bsn;
    int next = BindColumns(person, 1, d);
    person.BindInt(next, now);
    if (Status s = person.Run(); !s.ok()) return InsertError(s, person.last_rc(), bsn, "personen");
    person.Reset();

    if (d.handhaving) {
      if (Status s = InsertChild(handhaving, bsn, *d.handhaving, "handhavingen"); !s.ok()) {
        return s;
      }
      if (Status s = InsertChildren(verlenging, bsn, d.handhaving->verlengingen, "verlengingen");
          !s.ok()) {
        return s;
      }
    }
    if (Status s = InsertChildren(voorziening, bsn, d.voorzieningen, "voorzieningen"); !s.ok()) {
      return s;
    }
    if (Status s = InsertChildren(vrijstelling, bsn, d.vrijstellingen, "vrijstellingen"); !s.ok()) {
      return s;
    }
    if (Status s = InsertChildren(boete, bsn, d.boetes, "boetes"); !s.ok()) return s;
    if (Status s = InsertChildren(onderdeel, bsn, d.examens.onderdelen, "examenonderdelen");
        !s.ok()) {
      return s;
    }
  }
  if (Status s = InsertSignals(signalen, now); !s.ok()) return s;
  return tx.Commit();
}

Status SqliteStore::InsertSignals(const std::vector<Signaal>& signalen, int64_t now) {
  if (signalen.empty()) return Status::Ok();
  // Signals of one batch become visible to the change feed together, numbered in input order.
  int64_t number = 0;
  if (Status s = TakeChangeNumbers(static_cast<int64_t>(signalen.size()), &number); !s.ok()) {
    return s;
  }
  sqlite::Stmt insert;
  if (Status s = conn_->Prepare(InsertSignaalSql(), &insert); !s.ok()) return s;
  for (const Signaal& sig : signalen) {
    int next = BindColumns(insert, 1, sig);
    insert.BindInt(next, now);
    insert.BindInt(next + 1, now);
    insert.BindInt(next + 2, number++);
    if (Status s = insert.Run(); !s.ok()) {
      return InsertError(s, insert.last_rc(), sig.bsn, "signalen");
    }
    insert.Reset();
  }
  return Status::Ok();
}

}  // namespace isi
