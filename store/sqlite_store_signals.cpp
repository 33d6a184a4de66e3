// Signals of a municipality: the sorted, keyset-paged list (ZoekenSignalen), the change feed,
// status changes with their history (WijzigenSignaalstatus), and the change numbers.
//
// A signal belongs to the municipality that received it (signalen.gemeentecode), whatever
// happened to the person since: a municipality keeps seeing the SS008 (deceased) or SS011
// (settled abroad) signals it has to act on, also after the person left its view.
//
// Every sort column has an index (gemeentecode, column, id) (schema version 2; achternaam and
// anummer are copies of the person's kept on the signal for this), so a page is a walk of
// `limit` index entries from the keyset position, whatever the number of signals.
#include <sqlite3.h>

#include <string>
#include <vector>

#include "store/sqlite_store.h"

namespace isi {
namespace {

// The workflow rank of a status token (Nieuw 0, InBehandeling 1, Afgehandeld 2; NULL for
// anything else). Sorting by status compares ranks, never the tokens' spelling. With operand
// "s.status" this is the expression of the index signalen_gemeente_statusvolgorde (schema
// version 2); keep the two identical or the status sort falls back to sorting.
std::string StatusRankSql(const std::string& operand) {
  return "(CASE " + operand +
         " WHEN 'Nieuw' THEN 0 WHEN 'InBehandeling' THEN 1 WHEN 'Afgehandeld' THEN 2 END)";
}

// One sort column of ZoekenSignalen, defined once for SQL and for Store::SortValue: `value` is
// the sort value of a row as the caller sees it (SignaalPositie.sorteerwaarde); `compared`
// turns such a value (a column or a bound parameter) into what SQL orders by.
struct SortColumn {
  const char* column;  // over signalen s; the index expression of schema version 2
  bool by_status_rank;
  std::string (*value)(const SignaalRij& row);

  std::string Compared(const std::string& operand) const {
    return by_status_rank ? StatusRankSql(operand) : operand;
  }
  std::string ColumnSql() const { return Compared(column); }
};

const SortColumn& SortColumnOf(SignaalSortering sortering) {
  static const SortColumn kStatus{"s.status", true,
                                  [](const SignaalRij& r) { return std::string(Token(r.status)); }};
  static const SortColumn kBsn{"s.bsn", false, [](const SignaalRij& r) { return r.bsn; }};
  // No A-nummer sorts as "" (before every A-nummer).
  static const SortColumn kANummer{"coalesce(s.anummer, '')", false,
                                   [](const SignaalRij& r) { return r.anummer.value_or(""); }};
  static const SortColumn kAchternaam{"s.achternaam", false,
                                      [](const SignaalRij& r) { return r.achternaam; }};
  // Omschrijving sorts as Code: the description follows from the code.
  static const SortColumn kCode{"s.code", false, [](const SignaalRij& r) { return r.code; }};
  // ISO dates as stored: text order is date order.
  static const SortColumn kDatum{"s.datum", false,
                                 [](const SignaalRij& r) { return r.datum.ToString(); }};
  switch (sortering) {
    case SignaalSortering::kStatus:
      return kStatus;
    case SignaalSortering::kBsn:
      return kBsn;
    case SignaalSortering::kANummer:
      return kANummer;
    case SignaalSortering::kAchternaam:
      return kAchternaam;
    case SignaalSortering::kCode:
      return kCode;
    case SignaalSortering::kDatum:
      return kDatum;
  }
  return kDatum;
}

constexpr const char* kFromSignalen = " FROM signalen s";

bool IsAllowedTransition(SignaalStatus from, SignaalStatus to) {
  return (from == SignaalStatus::kNieuw && to == SignaalStatus::kInBehandeling) ||
         (from == SignaalStatus::kNieuw && to == SignaalStatus::kAfgehandeld) ||
         (from == SignaalStatus::kInBehandeling && to == SignaalStatus::kAfgehandeld);
}

Status CorruptSignal() {
  return Status::Internal("onleesbare waarde in tabel signalen (onbekend token, datum of code)");
}

// Steps `stmt` to the end, appending every row as a SignaalRij.
Status ReadSignalRows(sqlite::Stmt& stmt, std::vector<SignaalRij>* rows) {
  for (;;) {
    bool row = false;
    if (Status s = stmt.Step(&row); !s.ok()) return s;
    if (!row) return Status::Ok();
    if (Status s = ReadSignaalRij(stmt, 0, &rows->emplace_back()); !s.ok()) return s;
  }
}

// Reads signal `id` (any municipality) into *out; NotFound when there is none.
Status LoadSignal(sqlite::Connection* conn, int64_t id, SignaalRij* out) {
  sqlite::Stmt select;
  if (Status s = conn->Prepare(
          std::string("SELECT ") + kSignaalRijColumns + kFromSignalen + " WHERE s.id = ?1",
          &select);
      !s.ok()) {
    return s;
  }
  select.BindInt(1, id);
  bool row = false;
  if (Status s = select.Step(&row); !s.ok()) return s;
  if (!row) return Status::NotFound("signaal niet gevonden");
  return ReadSignaalRij(select, 0, out);
}

}  // namespace

const char* const kSignaalRijColumns =
    "s.id, s.status, s.bsn, s.anummer, s.achternaam, s.code, s.datum, s.versie, "
    "s.wijzigingsvolgnummer";

Status ReadSignaalRij(const sqlite::Stmt& stmt, int first, SignaalRij* out) {
  SignaalRij r;
  r.id = stmt.Int(first);
  std::optional<SignaalStatus> status = ParseToken<SignaalStatus>(stmt.Text(first + 1));
  if (!status) return CorruptSignal();
  r.status = *status;
  r.bsn = stmt.Text(first + 2);
  if (!stmt.IsNull(first + 3)) r.anummer = stmt.Text(first + 3);
  r.achternaam = stmt.Text(first + 4);
  r.code = stmt.Text(first + 5);
  const SignaalDefinitie* def = FindSignaal(r.code);
  if (def == nullptr) return CorruptSignal();
  r.omschrijving = def->omschrijving;
  std::optional<Date> datum = Date::Parse(stmt.Text(first + 6));
  if (!datum) return CorruptSignal();
  r.datum = *datum;
  r.versie = stmt.Int(first + 7);
  r.wijzigingsvolgnummer = stmt.Int(first + 8);
  *out = std::move(r);
  return Status::Ok();
}

std::string Store::SortValue(const SignaalRij& row, SignaalSortering sortering) {
  return SortColumnOf(sortering).value(row);
}

Status SqliteStore::TakeChangeNumbers(int64_t n, int64_t* first) {
  sqlite::Stmt take;
  if (Status s =
          conn_->Prepare("UPDATE signaal_wijzigingsteller SET laatste = laatste + ?1 WHERE id = 1 "
                         "RETURNING laatste",
                         &take);
      !s.ok()) {
    return s;
  }
  take.BindInt(1, n);
  bool row = false;
  if (Status s = take.Step(&row); !s.ok()) return s;
  if (!row) return Status::Internal("tabel signaal_wijzigingsteller is leeg");
  *first = take.Int(0) - n + 1;
  take.Reset();
  return Status::Ok();
}

// Parameters: ?1 gemeente, ?2 bsn, ?3 anummer, ?4 code, ?5 datum vanaf, ?6 datum tot en met,
// ?7 status (each only when given), ?8 and ?9 the position after which to continue, ?10 limit.
Status SqliteStore::SelectSignals(const SignaalSelectie& selectie,
                                  const std::optional<SignaalPositie>& after, int limit,
                                  std::vector<SignaalRij>* rows, int64_t* total,
                                  int64_t* niet_afgehandeld) {
  if (limit < 0) return Status::InvalidArgument("limit is negatief", "limit");
  const SortColumn& sort = SortColumnOf(selectie.sortering);
  if (after && sort.by_status_rank && !ParseToken<SignaalStatus>(after->sorteerwaarde)) {
    return Status::InvalidArgument("ongeldige sorteerwaarde in de positie", "sorteerwaarde");
  }

  std::string where = " WHERE s.gemeentecode = ?1";
  if (selectie.bsn) where += " AND s.bsn = ?2";
  // The person's A-nummer (the authoritative one, through its index), not the signal's copy.
  if (selectie.anummer) where += " AND s.bsn = (SELECT bsn FROM personen WHERE anummer = ?3)";
  if (selectie.code) where += " AND s.code = ?4";
  if (selectie.datum_vanaf) where += " AND s.datum >= ?5";
  if (selectie.datum_tot_en_met) where += " AND s.datum <= ?6";
  if (selectie.status) where += " AND s.status = ?7";
  auto bind_criteria = [&](sqlite::Stmt& stmt) {
    stmt.BindText(1, selectie.gemeentecode);
    if (selectie.bsn) stmt.BindText(2, *selectie.bsn);
    if (selectie.anummer) stmt.BindText(3, *selectie.anummer);
    if (selectie.code) stmt.BindText(4, *selectie.code);
    if (selectie.datum_vanaf) stmt.BindText(5, selectie.datum_vanaf->ToString());
    if (selectie.datum_tot_en_met) stmt.BindText(6, selectie.datum_tot_en_met->ToString());
    if (selectie.status) stmt.BindText(7, Token(*selectie.status));
  };

  // The page: rows with (key, id) beyond the position (key, id) = (?8, ?9), in key order then
  // id order. Written as its two halves, each a range that the index (gemeentecode, key, id)
  // seeks to and reads in order: "same key, id beyond" then "key beyond". (SQLite seeks a
  // row-value comparison (key, id) > (?8, ?9) on the key only, and would read the whole group
  // of the position's key, e.g. all Afgehandeld signals, for every page.)
  const char* direction = selectie.aflopend ? " DESC" : " ASC";
  const char* beyond = selectie.aflopend ? " < " : " > ";
  const std::string key = sort.ColumnSql();
  const std::string select = std::string("SELECT ") + kSignaalRijColumns + kFromSignalen + where;
  const std::string same_key_sql = select + " AND " + key + " = " + sort.Compared("?8") +
                                   " AND s.id" + beyond + "?9 ORDER BY s.id" + direction +
                                   " LIMIT ?10";
  const std::string beyond_key_sql =
      select + (after ? " AND " + key + beyond + sort.Compared("?8") : std::string()) +
      " ORDER BY " + key + direction + ", s.id" + direction + " LIMIT ?10";
  const std::string count_sql = std::string("SELECT count(*)") + kFromSignalen + where;

  // One snapshot for the page and both counts; the counts are cached (see BeginRead).
  sqlite::Transaction tx(conn_.get());
  if (Status s = BeginRead(&tx); !s.ok()) return s;
  std::vector<SignaalRij> found;
  auto read_page = [&](const std::string& sql) -> Status {
    const int64_t wanted = limit - static_cast<int64_t>(found.size());
    if (wanted <= 0) return Status::Ok();
    sqlite::Stmt page;
    if (Status s = conn_->Prepare(sql, &page); !s.ok()) return s;
    bind_criteria(page);
    if (after) {
      page.BindText(8, after->sorteerwaarde);
      page.BindInt(9, after->id);
    }
    page.BindInt(10, wanted);
    return ReadSignalRows(page, &found);
  };
  if (after) {
    if (Status s = read_page(same_key_sql); !s.ok()) return s;
  }
  if (Status s = read_page(beyond_key_sql); !s.ok()) return s;
  int64_t matching = 0;
  {
    sqlite::Stmt count;
    if (Status s = conn_->Prepare(count_sql, &count); !s.ok()) return s;
    bind_criteria(count);
    if (Status s = CachedCount(&count, &matching); !s.ok()) return s;
  }
  int64_t open = 0;
  {
    sqlite::Stmt count;
    if (Status s = conn_->Prepare("SELECT count(*) FROM signalen WHERE gemeentecode = ?1 "
                                  "AND status IN ('Nieuw', 'InBehandeling')",
                                  &count);
        !s.ok()) {
      return s;
    }
    count.BindText(1, selectie.gemeentecode);
    if (Status s = CachedCount(&count, &open); !s.ok()) return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  *rows = std::move(found);
  *total = matching;
  *niet_afgehandeld = open;
  return Status::Ok();
}

Status SqliteStore::SignalChanges(const std::string& gemeentecode, int64_t since, int limit,
                                  std::vector<SignaalRij>* rows) {
  if (limit < 0) return Status::InvalidArgument("limit is negatief", "limit");
  sqlite::Stmt select;
  if (Status s = conn_->Prepare(std::string("SELECT ") + kSignaalRijColumns + kFromSignalen +
                                    " WHERE s.gemeentecode = ?1 AND s.wijzigingsvolgnummer > ?2 "
                                    "ORDER BY s.wijzigingsvolgnummer LIMIT ?3",
                                &select);
      !s.ok()) {
    return s;
  }
  select.BindText(1, gemeentecode);
  select.BindInt(2, since);
  select.BindInt(3, limit);
  std::vector<SignaalRij> found;
  if (Status s = ReadSignalRows(select, &found); !s.ok()) return s;
  *rows = std::move(found);
  return Status::Ok();
}

Status SqliteStore::ChangeSignalStatus(const std::string& gemeentecode, int64_t id,
                                       int64_t expected_versie, SignaalStatus to,
                                       const std::string& key_id, int64_t at, SignaalRij* out) {
  // IMMEDIATE: nobody changes the signal between our version check and our update.
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
  SignaalStatus from = SignaalStatus::kNieuw;
  {
    sqlite::Stmt select;
    if (Status s = conn_->Prepare(
            "SELECT status, versie FROM signalen WHERE id = ?1 AND gemeentecode = ?2", &select);
        !s.ok()) {
      return s;
    }
    select.BindInt(1, id);
    select.BindText(2, gemeentecode);
    bool row = false;
    if (Status s = select.Step(&row); !s.ok()) return s;
    // Another municipality's signal gets the same answer as an unknown id.
    if (!row) return Status::NotFound("signaal niet gevonden");
    std::optional<SignaalStatus> status = ParseToken<SignaalStatus>(select.Text(0));
    if (!status) return CorruptSignal();
    from = *status;
    const int64_t versie = select.Int(1);
    // The version first: a caller with a stale view cannot judge the transition.
    if (versie != expected_versie) {
      return Status::Conflict("het signaal is intussen gewijzigd (versie " +
                              std::to_string(versie) + ", verwacht " +
                              std::to_string(expected_versie) + ")")
          .WithReason("VersieVerouderd");
    }
    if (!IsAllowedTransition(from, to)) {
      return Status::Conflict(std::string("statusovergang ") + Token(from) + " -> " + Token(to) +
                              " is niet toegestaan")
          .WithReason("OngeldigeStatusovergang");
    }
  }

  int64_t number = 0;
  if (Status s = TakeChangeNumbers(1, &number); !s.ok()) return s;
  {
    sqlite::Stmt update;
    if (Status s =
            conn_->Prepare("UPDATE signalen SET status = ?2, versie = versie + 1, updated_at = ?3, "
                           "wijzigingsvolgnummer = ?4 WHERE id = ?1",
                           &update);
        !s.ok()) {
      return s;
    }
    update.BindInt(1, id);
    update.BindText(2, Token(to));
    update.BindInt(3, at);
    update.BindInt(4, number);
    if (Status s = update.Run(); !s.ok()) return s;
  }
  {
    sqlite::Stmt history;
    if (Status s = conn_->Prepare(
            "INSERT INTO signaal_statushistorie (signaal_id, van_status, naar_status, at, key_id) "
            "VALUES (?1, ?2, ?3, ?4, ?5)",
            &history);
        !s.ok()) {
      return s;
    }
    history.BindInt(1, id);
    history.BindText(2, Token(from));
    history.BindText(3, Token(to));
    history.BindInt(4, at);
    // No key: a change by the store's own processes (the daily refresh).
    if (key_id.empty()) {
      history.BindNull(5);
    } else {
      history.BindText(5, key_id);
    }
    if (Status s = history.Run(); !s.ok()) {
      if (history.last_rc() == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return Status::InvalidArgument("onbekende applicatiesleutel", "key_id");
      }
      return s;
    }
  }
  SignaalRij row;
  if (Status s = LoadSignal(conn_.get(), id, &row); !s.ok()) return s;
  // synchronous=FULL: once COMMIT returns, the change and its history are on disk.
  if (Status s = tx.Commit(); !s.ok()) return s;
  *out = std::move(row);
  return Status::Ok();
}

}  // namespace isi
