// SqliteStore signals: the sorted keyset list (SelectSignals, Store::SortValue), the change
// feed (SignalChanges) and status changes (ChangeSignalStatus).
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "store/store.h"
#include "tests/store/store_test_support.h"

using namespace isi;
using namespace isi::testing;

namespace {

constexpr const char* kOwn = "0363";
constexpr const char* kOther = "0599";
const char* const kCodes[] = {"SS001", "SS052", "SS016", "SS008", "SS065", "SS011"};
constexpr SignaalStatus kStatussen[] = {SignaalStatus::kNieuw, SignaalStatus::kInBehandeling,
                                        SignaalStatus::kAfgehandeld};

// Persons with repeating surnames (ties), some without A-nummer, and their signals in every
// status, with repeating codes and dates, for the own and another municipality.
struct SignalData {
  std::vector<Dossier> persons;
  std::vector<Signaal> signalen;
};

SignalData MakeSignalData(int persons) {
  SignalData data;
  for (int i = 0; i < persons; ++i) {
    Dossier d = MinimalDossier(MakeBsn(i), i % 6 == 5 ? kOther : kOwn);
    d.kop.naam.achternaam = std::string(i % 3 == 0 ? "Öztürk" : "Bakker") + std::to_string(i % 11);
    if (i % 4 != 0) d.kop.anummer = MakeANummer(i);
    data.persons.push_back(d);
    for (int k = 0; k < 1 + i % 3; ++k) {
      Signaal s = MakeSignaal(d.kop.bsn, (i + k) % 5 == 0 ? kOther : kOwn, kCodes[(i + k) % 6],
                              kStatussen[(i * 7 + k) % 3]);
      s.datum = D(2020 + (i + k) % 3, 1 + (i * 3 + k) % 12, 1 + (i + 2 * k) % 4);
      data.signalen.push_back(s);
    }
  }
  return data;
}

std::unique_ptr<Store> Load(const TempDir& dir, const SignalData& data) {
  auto store = OpenStore(dir.File("isi.db"));
  Status s = store->InsertPersons(data.persons, data.signalen);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

int Rank(SignaalStatus s) {
  switch (s) {
    case SignaalStatus::kNieuw:
      return 0;
    case SignaalStatus::kInBehandeling:
      return 1;
    case SignaalStatus::kAfgehandeld:
      return 2;
  }
  return 3;
}

// The test's own ordering of rows: by the column (status by workflow, A-nummer "" when absent),
// then by id; reversed as a whole for descending.
bool Before(const SignaalRij& a, const SignaalRij& b, SignaalSortering sortering, bool desc) {
  auto key = [sortering](const SignaalRij& r) -> std::tuple<int, std::string> {
    switch (sortering) {
      case SignaalSortering::kStatus:
        return {Rank(r.status), ""};
      case SignaalSortering::kBsn:
        return {0, r.bsn};
      case SignaalSortering::kANummer:
        return {0, r.anummer.value_or("")};
      case SignaalSortering::kAchternaam:
        return {0, r.achternaam};
      case SignaalSortering::kCode:
        return {0, r.code};
      case SignaalSortering::kDatum:
        return {0, r.datum.ToString()};
    }
    return {};
  };
  auto ka = std::make_tuple(key(a), a.id);
  auto kb = std::make_tuple(key(b), b.id);
  return desc ? kb < ka : ka < kb;
}

struct Page {
  std::vector<SignaalRij> rows;
  int64_t total = -1;
  int64_t open = -1;
};

Page Select(Store& store, const SignaalSelectie& sel, const std::optional<SignaalPositie>& after,
            int limit) {
  Page p;
  Status s = store.SelectSignals(sel, after, limit, &p.rows, &p.total, &p.open);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return p;
}

// All rows page by page, continuing from Store::SortValue of each page's last row.
std::vector<SignaalRij> AllPages(Store& store, const SignaalSelectie& sel, int page_size) {
  std::vector<SignaalRij> all;
  std::optional<SignaalPositie> after;
  for (int guard = 0; guard < 100000; ++guard) {
    Page p = Select(store, sel, after, page_size);
    all.insert(all.end(), p.rows.begin(), p.rows.end());
    if (p.rows.size() < static_cast<size_t>(page_size)) return all;
    after = SignaalPositie{Store::SortValue(p.rows.back(), sel.sortering), p.rows.back().id};
  }
  FAIL("paging did not end");
  return all;
}

std::vector<int64_t> Ids(const std::vector<SignaalRij>& rows) {
  std::vector<int64_t> ids;
  for (const SignaalRij& r : rows) ids.push_back(r.id);
  return ids;
}

SignaalSelectie Own() {
  SignaalSelectie s;
  s.gemeentecode = kOwn;
  return s;
}

}  // namespace

TEST_CASE("SelectSignals: every sort column, both directions, pages equal one sorted list",
          "[store][signalen]") {
  TempDir dir;
  const SignalData data = MakeSignalData(240);
  auto store = Load(dir, data);

  // The whole list of the own municipality, in one page.
  SignaalSelectie all_sel = Own();
  Page all = Select(*store, all_sel, std::nullopt, 100000);
  int64_t own_count = 0, own_open = 0;
  for (const Signaal& s : data.signalen) {
    if (s.gemeentecode != kOwn) continue;
    ++own_count;
    if (s.status != SignaalStatus::kAfgehandeld) ++own_open;
  }
  REQUIRE(static_cast<int64_t>(all.rows.size()) == own_count);
  CHECK(all.total == own_count);
  CHECK(all.open == own_open);

  for (SignaalSortering sortering :
       {SignaalSortering::kStatus, SignaalSortering::kBsn, SignaalSortering::kANummer,
        SignaalSortering::kAchternaam, SignaalSortering::kCode, SignaalSortering::kDatum}) {
    for (bool desc : {false, true}) {
      SECTION(std::string(Token(sortering)) + (desc ? " aflopend" : " oplopend")) {
        SignaalSelectie sel = Own();
        sel.sortering = sortering;
        sel.aflopend = desc;
        std::vector<SignaalRij> expected = all.rows;
        std::sort(expected.begin(), expected.end(), [&](const SignaalRij& a, const SignaalRij& b) {
          return Before(a, b, sortering, desc);
        });
        const std::vector<SignaalRij> one_page = Select(*store, sel, std::nullopt, 100000).rows;
        CHECK(Ids(one_page) == Ids(expected));
        for (int page_size : {1, 7, 10}) {
          INFO("page size " << page_size);
          CHECK(Ids(AllPages(*store, sel, page_size)) == Ids(expected));
        }
      }
    }
  }
}

TEST_CASE("SelectSignals: rows carry the person, the description, version and change number",
          "[store][signalen]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  Dossier d = MinimalDossier(MakeBsn(1), kOwn);
  d.kop.anummer = MakeANummer(1);
  d.kop.naam.achternaam = "El Amrani";
  Dossier zonder = MinimalDossier(MakeBsn(2), kOwn);
  Signaal s = MakeSignaal(d.kop.bsn, kOwn, "SS016", SignaalStatus::kInBehandeling);
  s.datum = D(2023, 5, 6);
  REQUIRE(store
              ->InsertPersons({d, zonder}, {s, MakeSignaal(zonder.kop.bsn, kOwn, "SS001",
                                                           SignaalStatus::kNieuw)})
              .ok());
  SignaalSelectie sel = Own();
  sel.bsn = d.kop.bsn;
  Page p = Select(*store, sel, std::nullopt, 10);
  REQUIRE(p.rows.size() == 1);
  const SignaalRij r = p.rows[0];
  CHECK(r.id > 0);
  CHECK(r.status == SignaalStatus::kInBehandeling);
  CHECK(r.bsn == d.kop.bsn);
  CHECK(r.anummer == d.kop.anummer);
  CHECK(r.achternaam == "El Amrani");
  CHECK(r.code == "SS016");
  CHECK(r.omschrijving == FindSignaal("SS016")->omschrijving);
  CHECK(r.datum == D(2023, 5, 6));
  CHECK(r.versie == 1);
  CHECK(r.wijzigingsvolgnummer > 0);

  sel.bsn = zonder.kop.bsn;
  p = Select(*store, sel, std::nullopt, 10);
  REQUIRE(p.rows.size() == 1);
  CHECK_FALSE(p.rows[0].anummer.has_value());
  CHECK(Store::SortValue(p.rows[0], SignaalSortering::kANummer).empty());

  // Sort values as the rows show them: the status token, the ISO date.
  CHECK(Store::SortValue(r, SignaalSortering::kStatus) == "InBehandeling");
  CHECK(Store::SortValue(r, SignaalSortering::kDatum) == "2023-05-06");
  CHECK(Store::SortValue(r, SignaalSortering::kBsn) == d.kop.bsn);
  CHECK(Store::SortValue(r, SignaalSortering::kANummer) == *d.kop.anummer);
  CHECK(Store::SortValue(r, SignaalSortering::kAchternaam) == "El Amrani");
  CHECK(Store::SortValue(r, SignaalSortering::kCode) == "SS016");

  // A name change of the person reaches the signal rows (kept in step by the store).
  {
    RawDb raw(dir.File("isi.db"));
    REQUIRE(raw.Exec("UPDATE personen SET achternaam = 'Amrani', anummer = NULL WHERE bsn = '" +
                     d.kop.bsn + "'") == SQLITE_OK);
  }
  sel.bsn = d.kop.bsn;
  sel.sortering = SignaalSortering::kAchternaam;
  p = Select(*store, sel, std::nullopt, 10);
  REQUIRE(p.rows.size() == 1);
  CHECK(p.rows[0].achternaam == "Amrani");
  CHECK_FALSE(p.rows[0].anummer.has_value());
}

TEST_CASE("SelectSignals: every filter alone and combined; the open count ignores them",
          "[store][signalen]") {
  TempDir dir;
  const SignalData data = MakeSignalData(180);
  auto store = Load(dir, data);
  const std::vector<SignaalRij> all = Select(*store, Own(), std::nullopt, 100000).rows;
  const int64_t open = Select(*store, Own(), std::nullopt, 0).open;
  std::map<std::string, std::optional<std::string>> anummer_of;
  for (const Dossier& d : data.persons) anummer_of[d.kop.bsn] = d.kop.anummer;
  const Dossier& someone = data.persons[7];
  REQUIRE(someone.kop.anummer.has_value());

  std::vector<std::pair<std::string, SignaalSelectie>> cases;
  auto add = [&](std::string name, auto&& set) {
    SignaalSelectie s = Own();
    set(s);
    cases.emplace_back(std::move(name), s);
  };
  add("bsn", [&](SignaalSelectie& s) { s.bsn = someone.kop.bsn; });
  add("anummer", [&](SignaalSelectie& s) { s.anummer = someone.kop.anummer; });
  add("unknown anummer", [&](SignaalSelectie& s) { s.anummer = MakeANummer(5000); });
  add("code", [&](SignaalSelectie& s) { s.code = "SS052"; });
  add("datum vanaf", [&](SignaalSelectie& s) { s.datum_vanaf = D(2021, 6, 1); });
  add("datum tot en met", [&](SignaalSelectie& s) { s.datum_tot_en_met = D(2020, 3, 2); });
  add("one day, bounds inclusive", [&](SignaalSelectie& s) {
    s.datum_vanaf = D(2021, 4, 3);
    s.datum_tot_en_met = D(2021, 4, 3);
  });
  for (SignaalStatus st : kStatussen) {
    add(std::string("status ") + Token(st), [st](SignaalSelectie& s) { s.status = st; });
  }
  add("code, status and dates", [&](SignaalSelectie& s) {
    s.code = "SS001";
    s.status = SignaalStatus::kNieuw;
    s.datum_vanaf = D(2020, 6, 1);
    s.datum_tot_en_met = D(2022, 6, 1);
    s.sortering = SignaalSortering::kAchternaam;
    s.aflopend = false;
  });
  add("bsn and status", [&](SignaalSelectie& s) {
    s.bsn = someone.kop.bsn;
    s.status = SignaalStatus::kAfgehandeld;
    s.sortering = SignaalSortering::kStatus;
  });
  add("bsn of a person with signals elsewhere only", [&](SignaalSelectie& s) {
    s.bsn = data.persons[5].kop.bsn;  // of kOther, signals partly for kOther
  });

  for (const auto& [name, sel] : cases) {
    SECTION(name) {
      std::vector<SignaalRij> expected;
      for (const SignaalRij& r : all) {
        if (sel.bsn && r.bsn != *sel.bsn) continue;
        if (sel.anummer && anummer_of[r.bsn] != sel.anummer) continue;
        if (sel.code && r.code != *sel.code) continue;
        if (sel.datum_vanaf && r.datum < *sel.datum_vanaf) continue;
        if (sel.datum_tot_en_met && *sel.datum_tot_en_met < r.datum) continue;
        if (sel.status && r.status != *sel.status) continue;
        expected.push_back(r);
      }
      std::sort(expected.begin(), expected.end(), [&](const SignaalRij& a, const SignaalRij& b) {
        return Before(a, b, sel.sortering, sel.aflopend);
      });
      Page first = Select(*store, sel, std::nullopt, 4);
      CHECK(first.total == static_cast<int64_t>(expected.size()));
      CHECK(first.open == open);
      CHECK(Ids(AllPages(*store, sel, 4)) == Ids(expected));
    }
  }
}

TEST_CASE("SelectSignals: another municipality's signals never appear", "[store][signalen]") {
  TempDir dir;
  const SignalData data = MakeSignalData(120);
  auto store = Load(dir, data);
  std::set<std::string> codes_other;
  SignaalSelectie other;
  other.gemeentecode = kOther;
  const std::vector<SignaalRij> theirs = Select(*store, other, std::nullopt, 100000).rows;
  const std::vector<SignaalRij> ours = Select(*store, Own(), std::nullopt, 100000).rows;
  int64_t n_other = 0;
  for (const Signaal& s : data.signalen) n_other += s.gemeentecode == kOther ? 1 : 0;
  CHECK(static_cast<int64_t>(theirs.size()) == n_other);
  CHECK(ours.size() + theirs.size() == data.signalen.size());
  std::set<int64_t> their_ids;
  for (const SignaalRij& r : theirs) their_ids.insert(r.id);
  for (const SignaalRij& r : ours) CHECK(their_ids.count(r.id) == 0);
}

TEST_CASE("SelectSignals: keyset paging stays correct when signals change between pages",
          "[store][signalen]") {
  TempDir dir;
  const SignalData data = MakeSignalData(150);
  auto store = Load(dir, data);
  SignaalSelectie sel = Own();
  sel.sortering = SignaalSortering::kDatum;
  sel.aflopend = false;
  const std::vector<SignaalRij> before = Select(*store, sel, std::nullopt, 100000).rows;

  // Page through; between pages insert signals dated before and after the position.
  std::vector<SignaalRij> seen;
  std::optional<SignaalPositie> after;
  std::set<int64_t> ids_before;
  for (const SignaalRij& r : before) ids_before.insert(r.id);
  int round = 0;
  for (;;) {
    Page p = Select(*store, sel, after, 9);
    seen.insert(seen.end(), p.rows.begin(), p.rows.end());
    if (p.rows.size() < 9) break;
    after = SignaalPositie{Store::SortValue(p.rows.back(), sel.sortering), p.rows.back().id};
    Signaal early = MakeSignaal(data.persons[0].kop.bsn, kOwn, "SS001", SignaalStatus::kNieuw);
    early.datum = D(2019, 1, 1);  // before every position: never seen
    Signaal late = MakeSignaal(data.persons[1].kop.bsn, kOwn, "SS001", SignaalStatus::kNieuw);
    late.datum = D(2030, 1, 1).AddDays(round++);  // after every position: seen once
    REQUIRE(store->InsertPersons({}, {early, late}).ok());
  }
  std::vector<int64_t> seen_ids = Ids(seen);
  std::set<int64_t> unique(seen_ids.begin(), seen_ids.end());
  CHECK(unique.size() == seen_ids.size());
  for (int64_t id : ids_before) CHECK(unique.count(id) == 1);
  int late_seen = 0;
  for (const SignaalRij& r : seen) {
    if (ids_before.count(r.id) != 0) continue;
    CHECK(r.datum.year == 2030);
    ++late_seen;
  }
  CHECK(late_seen == round);
  CHECK(std::is_sorted(seen.begin(), seen.end(), [&](const SignaalRij& a, const SignaalRij& b) {
    return Before(a, b, sel.sortering, sel.aflopend);
  }));
}

TEST_CASE("SelectSignals: both counts follow status changes, this connection's and another's",
          "[store][signalen]") {
  // The counts are kept between pages while nothing changes (see SqliteStore::BeginRead).
  TempDir dir;
  const SignalData data = MakeSignalData(120);
  auto store = Load(dir, data);
  REQUIRE(store->CreateKey(MakeKey("ak_0363_cvs", kOwn)).ok());
  auto other = OpenStore(dir.File("isi.db"), false);
  SignaalSelectie nieuw = Own();
  nieuw.status = SignaalStatus::kNieuw;

  const Page start = Select(*store, nieuw, std::nullopt, 3);
  REQUIRE(start.total >= 2);
  REQUIRE(start.rows.size() >= 2);
  CHECK(Select(*store, nieuw, std::nullopt, 3).total == start.total);

  // This connection takes one in behandeling: one fewer Nieuw, as many open.
  SignaalRij changed;
  const SignaalRij& first = start.rows[0];
  REQUIRE(store->ChangeSignalStatus(kOwn, first.id, first.versie, SignaalStatus::kInBehandeling,
                                    "ak_0363_cvs", 1700000000, &changed)
              .ok());
  Page p = Select(*store, nieuw, std::nullopt, 3);
  CHECK(p.total == start.total - 1);
  CHECK(p.open == start.open);

  // Another connection closes the second: one fewer Nieuw and one fewer open.
  const SignaalRij& second = start.rows[1];
  REQUIRE(other->ChangeSignalStatus(kOwn, second.id, second.versie, SignaalStatus::kAfgehandeld,
                                    "ak_0363_cvs", 1700000000, &changed)
              .ok());
  p = Select(*store, nieuw, std::nullopt, 3);
  CHECK(p.total == start.total - 2);
  CHECK(p.open == start.open - 1);
}

TEST_CASE("SelectSignals: a status and a date window are counted and paged from one index",
          "[store][signalen]") {
  // The queries of SelectSignals with a status and a date window (the default sort, by datum),
  // as it builds them. Without an index that leads with the status, SQLite reads the table
  // row of every signal in the window (seconds' worth on a large municipality per page).
  TempDir dir;
  const SignalData data = MakeSignalData(40);
  auto store = Load(dir, data);
  RawDb raw(dir.File("isi.db"));
  const std::string where =
      " FROM signalen s WHERE s.gemeentecode = ?1 AND s.datum >= ?5 AND s.datum <= ?6"
      " AND s.status = ?7";
  const std::string count_plan = raw.QueryPlan("SELECT count(*)" + where);
  INFO(count_plan);
  CHECK_THAT(count_plan, Catch::Contains("COVERING INDEX signalen_gemeente_status_datum"));
  const std::string page_plan =
      raw.QueryPlan("SELECT s.id" + where + " AND s.datum > ?8 ORDER BY s.datum, s.id LIMIT ?10");
  INFO(page_plan);
  CHECK_THAT(page_plan, Catch::Contains("signalen_gemeente_status_datum"));
  CHECK_THAT(page_plan, !Catch::Contains("TEMP B-TREE"));  // in index order, no sort
}

TEST_CASE("SelectSignals: a position with an unknown status token is refused",
          "[store][signalen]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  SignaalSelectie sel = Own();
  sel.sortering = SignaalSortering::kStatus;
  std::vector<SignaalRij> rows;
  int64_t total = 0, open = 0;
  Status s = store->SelectSignals(sel, SignaalPositie{"Onbekend", 3}, 10, &rows, &total, &open);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(store->SelectSignals(sel, std::nullopt, -1, &rows, &total, &open).code() ==
        Status::Code::kInvalidArgument);
}

// --- ChangeSignalStatus ------------------------------------------------------------------------

namespace {

// One signal of kOwn in status `from`; returns its row.
SignaalRij OneSignal(Store& store, SignaalStatus from, int n) {
  Dossier d = MinimalDossier(MakeBsn(n), kOwn);
  REQUIRE(store.InsertPersons({d}, {MakeSignaal(d.kop.bsn, kOwn, "SS001", from)}).ok());
  SignaalSelectie sel = Own();
  sel.bsn = d.kop.bsn;
  Page p = Select(store, sel, std::nullopt, 10);
  REQUIRE(p.rows.size() == 1);
  return p.rows[0];
}

}  // namespace

TEST_CASE("ChangeSignalStatus: the three allowed transitions; every other one is refused",
          "[store][signalen]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->CreateKey(MakeKey("ak_0363_cvs", kOwn)).ok());
  int n = 0;
  for (SignaalStatus from : kStatussen) {
    for (SignaalStatus to : kStatussen) {
      const bool allowed =
          (from == SignaalStatus::kNieuw && to != SignaalStatus::kNieuw) ||
          (from == SignaalStatus::kInBehandeling && to == SignaalStatus::kAfgehandeld);
      SECTION(std::string(Token(from)) + " -> " + Token(to)) {
        const SignaalRij before = OneSignal(*store, from, ++n);
        SignaalRij out;
        Status s = store->ChangeSignalStatus(kOwn, before.id, before.versie, to, "ak_0363_cvs",
                                             1700000100, &out);
        RawDb raw(dir.File("isi.db"));
        const std::string history =
            "SELECT count(*) FROM signaal_statushistorie WHERE signaal_id = " +
            std::to_string(before.id);
        if (allowed) {
          INFO(s.ToString());
          REQUIRE(s.ok());
          CHECK(out.id == before.id);
          CHECK(out.status == to);
          CHECK(out.versie == before.versie + 1);
          CHECK(out.wijzigingsvolgnummer > before.wijzigingsvolgnummer);
          CHECK(out.bsn == before.bsn);
          CHECK(out.omschrijving == before.omschrijving);
          CHECK(raw.Int(history) == 1);
          const std::string row =
              "FROM signaal_statushistorie WHERE signaal_id = " + std::to_string(before.id);
          CHECK(raw.Text("SELECT van_status " + row) == Token(from));
          CHECK(raw.Text("SELECT naar_status " + row) == Token(to));
          CHECK(raw.Int("SELECT at " + row) == 1700000100);
          CHECK(raw.Text("SELECT key_id " + row) == "ak_0363_cvs");
          CHECK(raw.Int("SELECT updated_at FROM signalen WHERE id = " +
                        std::to_string(before.id)) == 1700000100);
        } else {
          CHECK(s.code() == Status::Code::kConflict);
          CHECK(s.reason() == "OngeldigeStatusovergang");
          CHECK(raw.Int(history) == 0);
          CHECK(raw.Text("SELECT status FROM signalen WHERE id = " + std::to_string(before.id)) ==
                Token(from));
        }
      }
    }
  }
}

TEST_CASE("ChangeSignalStatus: stale version, unknown id, other municipality, unknown key",
          "[store][signalen]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  const SignaalRij sig = OneSignal(*store, SignaalStatus::kNieuw, 1);
  SignaalRij out;

  SECTION("a stale version is VersieVerouderd, also for an allowed transition") {
    SignaalRij moved;
    REQUIRE(store
                ->ChangeSignalStatus(kOwn, sig.id, sig.versie, SignaalStatus::kInBehandeling, "", 1,
                                     &moved)
                .ok());
    Status s = store->ChangeSignalStatus(kOwn, sig.id, sig.versie, SignaalStatus::kAfgehandeld, "",
                                         2, &out);
    CHECK(s.code() == Status::Code::kConflict);
    CHECK(s.reason() == "VersieVerouderd");
    // With the current version it goes through.
    REQUIRE(store
                ->ChangeSignalStatus(kOwn, sig.id, moved.versie, SignaalStatus::kAfgehandeld, "", 3,
                                     &out)
                .ok());
    CHECK(out.versie == sig.versie + 2);
    RawDb raw(dir.File("isi.db"));
    CHECK(raw.Int("SELECT count(*) FROM signaal_statushistorie") == 2);
    // No key: a change by the store's own processes, recorded without one.
    CHECK(raw.Int("SELECT count(*) FROM signaal_statushistorie WHERE key_id IS NULL") == 2);
  }
  SECTION("an unknown id and another municipality's signal are the same NotFound") {
    Status unknown =
        store->ChangeSignalStatus(kOwn, sig.id + 1000, 1, SignaalStatus::kAfgehandeld, "", 1, &out);
    Status other = store->ChangeSignalStatus(kOther, sig.id, sig.versie,
                                             SignaalStatus::kAfgehandeld, "", 1, &out);
    CHECK(unknown.code() == Status::Code::kNotFound);
    CHECK(other.code() == Status::Code::kNotFound);
    CHECK(unknown.message() == other.message());
  }
  SECTION("an unknown key is InvalidArgument and changes nothing") {
    Status s = store->ChangeSignalStatus(kOwn, sig.id, sig.versie, SignaalStatus::kAfgehandeld,
                                         "ak_bestaat_niet", 1, &out);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    RawDb raw(dir.File("isi.db"));
    CHECK(raw.Text("SELECT status FROM signalen WHERE id = " + std::to_string(sig.id)) == "Nieuw");
  }
}

// --- SignalChanges -----------------------------------------------------------------------------

TEST_CASE("SignalChanges: inserts and changes show up once, in order, nothing missed",
          "[store][signalen]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  std::vector<Dossier> persons;
  std::vector<Signaal> signalen;
  for (int i = 0; i < 30; ++i) {
    persons.push_back(MinimalDossier(MakeBsn(i), kOwn));
    signalen.push_back(MakeSignaal(persons.back().kop.bsn, i % 3 == 0 ? kOther : kOwn, "SS001",
                                   SignaalStatus::kNieuw));
  }
  REQUIRE(store->InsertPersons(persons, signalen).ok());

  // A poller that reads in small pages from the last number it saw.
  int64_t last = 0;
  auto poll = [&]() {
    std::vector<SignaalRij> got;
    for (;;) {
      std::vector<SignaalRij> rows;
      REQUIRE(store->SignalChanges(kOwn, last, 4, &rows).ok());
      for (const SignaalRij& r : rows) {
        CHECK(r.wijzigingsvolgnummer > last);
        last = r.wijzigingsvolgnummer;
        got.push_back(r);
      }
      if (rows.size() < 4) return got;
    }
  };

  std::vector<SignaalRij> inserted = poll();
  REQUIRE(inserted.size() == 20);  // the own municipality's only
  std::set<int64_t> ids;
  for (const SignaalRij& r : inserted) ids.insert(r.id);
  CHECK(ids.size() == 20);
  CHECK(poll().empty());

  // One change: seen once, in its new state.
  SignaalRij changed;
  REQUIRE(store
              ->ChangeSignalStatus(kOwn, inserted[3].id, 1, SignaalStatus::kInBehandeling, "", 10,
                                   &changed)
              .ok());
  std::vector<SignaalRij> got = poll();
  REQUIRE(got.size() == 1);
  CHECK(got[0].id == inserted[3].id);
  CHECK(got[0].status == SignaalStatus::kInBehandeling);
  CHECK(got[0].wijzigingsvolgnummer == changed.wijzigingsvolgnummer);

  // Changed twice between polls: once, latest state. Plus a new signal, and a change of the
  // other municipality, which this feed never shows.
  SignaalRij tmp;
  REQUIRE(
      store
          ->ChangeSignalStatus(kOwn, inserted[5].id, 1, SignaalStatus::kInBehandeling, "", 11, &tmp)
          .ok());
  REQUIRE(
      store->ChangeSignalStatus(kOwn, inserted[5].id, 2, SignaalStatus::kAfgehandeld, "", 12, &tmp)
          .ok());
  REQUIRE(store
              ->InsertPersons(
                  {}, {MakeSignaal(persons[1].kop.bsn, kOwn, "SS052", SignaalStatus::kNieuw)})
              .ok());
  std::vector<SignaalRij> theirs;
  REQUIRE(store->SignalChanges(kOther, 0, 100, &theirs).ok());
  REQUIRE(theirs.size() == 10);
  REQUIRE(
      store->ChangeSignalStatus(kOther, theirs[0].id, 1, SignaalStatus::kAfgehandeld, "", 13, &tmp)
          .ok());
  REQUIRE(
      store->ChangeSignalStatus(kOwn, inserted[0].id, 1, SignaalStatus::kAfgehandeld, "", 14, &tmp)
          .ok());
  got = poll();
  REQUIRE(got.size() == 3);
  CHECK(got[0].id == inserted[5].id);
  CHECK(got[0].status == SignaalStatus::kAfgehandeld);
  CHECK(got[0].versie == 3);
  CHECK(got[1].code == "SS052");
  CHECK(got[2].id == inserted[0].id);
  CHECK(got[0].wijzigingsvolgnummer < got[1].wijzigingsvolgnummer);
  CHECK(got[1].wijzigingsvolgnummer < got[2].wijzigingsvolgnummer);
  CHECK(poll().empty());

  // From 0 again: every own signal once, in change order.
  std::vector<SignaalRij> everything;
  REQUIRE(store->SignalChanges(kOwn, 0, 1000, &everything).ok());
  CHECK(everything.size() == 21);
  CHECK(std::is_sorted(everything.begin(), everything.end(),
                       [](const SignaalRij& a, const SignaalRij& b) {
                         return a.wijzigingsvolgnummer < b.wijzigingsvolgnummer;
                       }));
}
