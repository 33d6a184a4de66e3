// ZoekenPersonen (SelectPersons): keyset pages in BSN order with the total of the same
// snapshot; and OnderWelkeWet (WhichLaw).
//
// Query plan. The indexes of schema version 2 each start with the municipality, then one
// criterion column, then bsn, and carry every criterion column, so a count or a page reads
// index entries only (plus the table rows of the page itself). The count goes first and walks
// the index of the most selective criterion given (nationality, then birth date range, then
// sex). The page then either
//  - walks the municipality's persons in BSN order from the keyset position, through the index
//    of an equality criterion (nationality, sex: personen_nationaliteit, personen_geslacht) or
//    else through personen_selectie (municipality, bsn), testing the other criteria on the index
//    entry: no sort, and about limit * (persons walked / matches) entries read; or,
//  - without a nationality, when a birth date range matches at most kSortAtMost persons, takes
//    the range through personen_geboortedatum and sorts the matches by BSN: a small sort
//    instead of a long walk past persons outside the range.
// Gewezen ingezetenen (woongemeente 1999, vorige = X) come from personen_vorige_woongemeente;
// with both kinds the two BSN-ordered streams are merged (UNION ALL ... ORDER BY ... LIMIT).
// The index is named with INDEXED BY: these queries are time-critical, and a schema change that
// would silently change their plan must fail loudly (the tests run every variant) instead.
#include <string>
#include <vector>

#include "store/sqlite_store.h"

namespace isi {
namespace {

constexpr const char* kPersoonRijColumns =
    "p.bsn, p.anummer, p.voornamen, p.voorvoegsels, p.achternaam, p.geboortedatum, p.geslacht, "
    "p.herkomst, p.datum_overlijden, "
    "EXISTS (SELECT 1 FROM signalen s WHERE s.bsn = p.bsn AND s.gemeentecode = ?1 "
    "AND s.status IN ('Nieuw', 'InBehandeling'))";

bool ReadPersoonRij(const sqlite::Stmt& stmt, PersoonRij* r) {
  r->bsn = stmt.Text(0);
  if (!stmt.IsNull(1)) r->anummer = stmt.Text(1);
  r->voornamen = stmt.Text(2);
  r->voorvoegsels = stmt.Text(3);
  r->achternaam = stmt.Text(4);
  std::optional<Date> geboortedatum = Date::Parse(stmt.Text(5));
  std::optional<Geslacht> geslacht = ParseToken<Geslacht>(stmt.Text(6));
  std::optional<Herkomst> herkomst = ParseToken<Herkomst>(stmt.Text(7));
  if (!geboortedatum || !geslacht || !herkomst) return false;
  r->geboortedatum = *geboortedatum;
  r->geslacht = *geslacht;
  r->herkomst = *herkomst;
  if (!stmt.IsNull(8)) {
    r->datum_overlijden = Date::Parse(stmt.Text(8));
    if (!r->datum_overlijden) return false;
  }
  r->signaal_aanwezig = stmt.Int(9) != 0;
  return true;
}

// A birth date range matching at most this many persons is sorted rather than walked.
constexpr int64_t kSortAtMost = 1000;

// The SQL of one selection. Parameters: ?1 gemeente, ?2 after_bsn and ?3 limit (page only),
// ?4 geboortedatum vanaf, ?5 tot en met, ?6 geslacht, ?7 nationaliteit, ?8 herkomst (each only
// when given).
struct SelectionSql {
  bool residents = false;  // woongemeente = X
  bool gewezen = false;    // woongemeente = 1999 and vorige_woongemeente = X
  bool has_date = false;
  bool has_geslacht = false;
  bool has_nationaliteit = false;
  std::string criteria;  // " AND ..." common to both kinds

  std::string Residents(const char* index) const {
    return std::string(" FROM personen p INDEXED BY ") + index +
           " WHERE p.woongemeente = ?1 AND p.purged = 0" + criteria;
  }
  std::string Gewezen() const {
    return " FROM personen p INDEXED BY personen_vorige_woongemeente"
           " WHERE p.vorige_woongemeente = ?1 AND p.woongemeente = '1999' AND p.purged = 0" +
           criteria;
  }

  // The residents' index for counting: that of the most selective criterion.
  const char* CountIndex() const {
    if (has_nationaliteit) return "personen_nationaliteit";
    if (has_date) return "personen_geboortedatum";
    if (has_geslacht) return "personen_geslacht";
    return "personen_selectie";
  }
  // The residents' index for a page, given the total.
  const char* PageIndex(int64_t total) const {
    if (has_nationaliteit) return "personen_nationaliteit";
    if (has_date && total <= kSortAtMost) return "personen_geboortedatum";
    if (has_geslacht) return "personen_geslacht";
    return "personen_selectie";
  }

  std::string CountSql() const {
    std::string sql = "SELECT 0";
    if (residents) sql += " + (SELECT count(*)" + Residents(CountIndex()) + ")";
    if (gewezen) sql += " + (SELECT count(*)" + Gewezen() + ")";
    return sql;
  }

  std::string PageSql(int64_t total) const {
    const std::string select = std::string("SELECT ") + kPersoonRijColumns;
    std::string sql;
    if (residents) sql = select + Residents(PageIndex(total)) + " AND p.bsn > ?2";
    if (residents && gewezen) sql += " UNION ALL ";
    if (gewezen) sql += select + Gewezen() + " AND p.bsn > ?2";
    // A compound SELECT orders by a result column: SQLite merges the two ordered sides.
    return sql + (residents && gewezen ? " ORDER BY 1" : " ORDER BY p.bsn") + " LIMIT ?3";
  }
};

SelectionSql MakeSelectionSql(const PersoonSelectie& selectie) {
  SelectionSql sql;
  sql.residents = !selectie.verblijf || *selectie.verblijf == Verblijf::kWoonachtigInGemeente;
  // RNI itself has no gewezen ingezetenen (and its residents would otherwise come twice).
  sql.gewezen = (!selectie.verblijf || *selectie.verblijf == Verblijf::kGewezenIngezetenen) &&
                selectie.gemeentecode != "1999";
  sql.has_date = selectie.geboortedatum_vanaf || selectie.geboortedatum_tot_en_met;
  sql.has_geslacht = selectie.geslacht.has_value();
  sql.has_nationaliteit = selectie.nationaliteit.has_value();
  std::string& c = sql.criteria;
  if (selectie.geboortedatum_vanaf) c += " AND p.geboortedatum >= ?4";
  if (selectie.geboortedatum_tot_en_met) c += " AND p.geboortedatum <= ?5";
  if (selectie.geslacht) c += " AND p.geslacht = ?6";
  if (selectie.nationaliteit) c += " AND p.nationaliteit1 = ?7";
  if (selectie.herkomst) c += " AND p.herkomst = ?8";
  return sql;
}

void BindCriteria(sqlite::Stmt& stmt, const PersoonSelectie& selectie) {
  stmt.BindText(1, selectie.gemeentecode);
  if (selectie.geboortedatum_vanaf) stmt.BindText(4, selectie.geboortedatum_vanaf->ToString());
  if (selectie.geboortedatum_tot_en_met) {
    stmt.BindText(5, selectie.geboortedatum_tot_en_met->ToString());
  }
  if (selectie.geslacht) stmt.BindText(6, Token(*selectie.geslacht));
  if (selectie.nationaliteit) stmt.BindText(7, *selectie.nationaliteit);
  if (selectie.herkomst) stmt.BindText(8, Token(*selectie.herkomst));
}

}  // namespace

Status SqliteStore::SelectPersons(const PersoonSelectie& selectie, const std::string& after_bsn,
                                  int limit, std::vector<PersoonRij>* rows, int64_t* total) {
  if (limit < 0) return Status::InvalidArgument("limit is negatief", "limit");
  const SelectionSql sql = MakeSelectionSql(selectie);
  if (!sql.residents && !sql.gewezen) {  // gewezen ingezetenen of the RNI: there are none
    rows->clear();
    *total = 0;
    return Status::Ok();
  }

  // One snapshot: the total belongs to the page. The count goes first: it picks the plan.
  // The count is cached: a client walking the pages of one selection asks it again each time.
  sqlite::Transaction tx(conn_.get());
  if (Status s = BeginRead(&tx); !s.ok()) return s;
  int64_t matching = 0;
  {
    sqlite::Stmt count;
    if (Status s = conn_->Prepare(sql.CountSql(), &count); !s.ok()) return s;
    BindCriteria(count, selectie);
    if (Status s = CachedCount(&count, &matching); !s.ok()) return s;
  }
  std::vector<PersoonRij> found;
  if (matching > 0 && limit > 0) {
    sqlite::Stmt page;
    if (Status s = conn_->Prepare(sql.PageSql(matching), &page); !s.ok()) return s;
    BindCriteria(page, selectie);
    page.BindText(2, after_bsn);
    page.BindInt(3, limit);
    for (;;) {
      bool row = false;
      if (Status s = page.Step(&row); !s.ok()) return s;
      if (!row) break;
      if (!ReadPersoonRij(page, &found.emplace_back())) {
        return Status::Internal("onleesbare waarde in tabel personen (onbekend token of datum)");
      }
    }
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  *rows = std::move(found);
  *total = matching;
  return Status::Ok();
}

Status SqliteStore::WhichLaw(const std::string& bsn, const std::string& gemeentecode,
                             WetInfo* out) {
  sqlite::Stmt select;
  if (Status s = conn_->Prepare(
          "SELECT wet, datum_overlijden IS NOT NULL, woongemeente = ?2 AND purged = 0 "
          "FROM personen WHERE bsn = ?1",
          &select);
      !s.ok()) {
    return s;
  }
  select.BindText(1, bsn);
  select.BindText(2, gemeentecode);
  bool row = false;
  if (Status s = select.Step(&row); !s.ok()) return s;
  WetInfo info;
  if (row) {
    std::optional<Wet> wet = ParseToken<Wet>(select.Text(0));
    if (!wet) return Status::Internal("onleesbare waarde in tabel personen (onbekende wet)");
    info.wet = *wet;
    info.overleden = select.Int(1) != 0;
    info.woonachtig_in_gemeente = select.Int(2) != 0;
  }
  *out = info;
  return Status::Ok();
}

}  // namespace isi
