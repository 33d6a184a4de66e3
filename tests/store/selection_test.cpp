// SqliteStore::SelectPersons (ZoekenPersonen) and WhichLaw (OnderWelkeWet), checked against an
// independent filter over the persons the test inserted.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/store.h"
#include "tests/store/store_test_support.h"

using namespace isi;
using namespace isi::testing;

namespace {

constexpr const char* kOwn = "0363";
constexpr const char* kOther = "0599";
const char* const kNationaliteiten[] = {"Marokkaanse", "Turkse", "Surinaamse", "Syrische"};

// A population of several thousand persons: residents of the own and another municipality,
// gewezen ingezetenen of both (woongemeente 1999), RNI residents without a previous
// municipality, purged persons, with birth dates, sexes, nationalities and herkomst spread so
// that every criterion splits them; and signals that decide signaal_aanwezig.
struct Population {
  std::vector<Dossier> persons;
  std::vector<Signaal> signalen;
  std::set<std::string> purged;
  // Per municipality, the persons with a Nieuw or InBehandeling signal of it.
  std::map<std::string, std::set<std::string>> open_signal;

  const Dossier& Find(const std::string& bsn) const {
    for (const Dossier& d : persons) {
      if (d.kop.bsn == bsn) return d;
    }
    FAIL("unknown BSN " << bsn);
    return persons.front();
  }
};

Dossier MakePerson(int i, const std::string& woongemeente,
                   const std::optional<std::string>& vorige) {
  Dossier d = MinimalDossier(MakeBsn(i), woongemeente);
  d.kop.vorige_woongemeente = vorige;
  d.kop.naam = {"Voornaam" + std::to_string(i), i % 5 == 0 ? "van" : "",
                "Achternaam" + std::to_string(i % 97)};
  if (i % 4 != 0) d.kop.anummer = MakeANummer(i);
  // Birth dates over 1950..1999; days 1..28 so every date is valid.
  d.kop.geboortedatum = D(1950 + (i * 7) % 50, 1 + (i * 5) % 12, 1 + (i * 11) % 28);
  d.persoonsgegevens.geboortedatum = d.kop.geboortedatum;
  static constexpr Geslacht kGeslachten[] = {Geslacht::kMan, Geslacht::kVrouw, Geslacht::kMan,
                                             Geslacht::kVrouw, Geslacht::kOnbekend};
  d.persoonsgegevens.geslacht = kGeslachten[i % 5];
  if (i % 9 != 0) d.persoonsgegevens.nationaliteit1 = kNationaliteiten[(i / 3) % 4];
  d.persoonsgegevens.nationaliteit2 = kNationaliteiten[i % 4];  // never a criterion
  d.kop.herkomst = i % 3 == 0 ? Herkomst::kIsiDefinitief : Herkomst::kIsiActief;
  if (i % 31 == 0) d.persoonsgegevens.datum_overlijden = D(2020, 2, 2);
  return d;
}

Population MakePopulation(int n) {
  Population p;
  for (int i = 0; i < n; ++i) {
    std::string woon = kOwn;
    std::optional<std::string> vorige;
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
        woon = kOther;
        break;
      case 3:  // a gewezen ingezetene of the own municipality
        woon = "1999";
        vorige = kOwn;
        break;
      case 4:
        if (i % 20 == 4) {  // of the other municipality
          woon = "1999";
          vorige = kOther;
        } else {  // in the RNI without a previous municipality
          woon = "1999";
        }
        break;
      default:
        break;
    }
    p.persons.push_back(MakePerson(i, woon, vorige));
    const std::string& bsn = p.persons.back().kop.bsn;
    // Signals: of the own municipality in each status, and open ones of the other.
    switch (i % 7) {
      case 0:
        p.signalen.push_back(MakeSignaal(bsn, kOwn, "SS001", SignaalStatus::kNieuw));
        p.open_signal[kOwn].insert(bsn);
        break;
      case 1:
        p.signalen.push_back(MakeSignaal(bsn, kOwn, "SS052", SignaalStatus::kInBehandeling));
        p.open_signal[kOwn].insert(bsn);
        break;
      case 2:
        p.signalen.push_back(MakeSignaal(bsn, kOwn, "SS016", SignaalStatus::kAfgehandeld));
        break;
      case 3:
        p.signalen.push_back(MakeSignaal(bsn, kOther, "SS001", SignaalStatus::kNieuw));
        p.open_signal[kOther].insert(bsn);
        break;
      default:
        break;
    }
  }
  return p;
}

// Inserts the population and purges every 23rd person behind the store's back.
std::unique_ptr<Store> LoadPopulation(const TempDir& dir, Population* p) {
  auto store = OpenStore(dir.File("isi.db"));
  Status s = store->InsertPersons(p->persons, p->signalen);
  INFO(s.ToString());
  REQUIRE(s.ok());
  RawDb raw(dir.File("isi.db"));
  for (size_t i = 0; i < p->persons.size(); i += 23) {
    const std::string& bsn = p->persons[i].kop.bsn;
    REQUIRE(raw.Exec("UPDATE personen SET purged = 1 WHERE bsn = '" + bsn + "'") == SQLITE_OK);
    p->purged.insert(bsn);
  }
  return store;
}

// The independent answer: the BSNs of the persons `selectie` should find, ascending.
std::vector<std::string> Expected(const Population& p, const PersoonSelectie& sel) {
  std::vector<std::string> bsns;
  for (const Dossier& d : p.persons) {
    if (p.purged.count(d.kop.bsn) != 0) continue;
    const bool resident = d.kop.woongemeente == sel.gemeentecode;
    const bool gewezen = d.kop.woongemeente == "1999" && sel.gemeentecode != "1999" &&
                         d.kop.vorige_woongemeente == sel.gemeentecode;
    if (sel.verblijf == Verblijf::kWoonachtigInGemeente && !resident) continue;
    if (sel.verblijf == Verblijf::kGewezenIngezetenen && !gewezen) continue;
    if (!resident && !gewezen) continue;
    if (sel.geboortedatum_vanaf && d.kop.geboortedatum < *sel.geboortedatum_vanaf) continue;
    if (sel.geboortedatum_tot_en_met && *sel.geboortedatum_tot_en_met < d.kop.geboortedatum) {
      continue;
    }
    if (sel.geslacht && d.persoonsgegevens.geslacht != *sel.geslacht) continue;
    if (sel.nationaliteit && d.persoonsgegevens.nationaliteit1 != *sel.nationaliteit) continue;
    if (sel.herkomst && d.kop.herkomst != *sel.herkomst) continue;
    bsns.push_back(d.kop.bsn);
  }
  std::sort(bsns.begin(), bsns.end());
  return bsns;
}

// Pages through the whole selection with `page_size`; checks every page's total and order.
std::vector<PersoonRij> AllPages(Store& store, const PersoonSelectie& sel, int page_size,
                                 int64_t expected_total) {
  std::vector<PersoonRij> all;
  std::string after;
  for (int guard = 0; guard < 100000; ++guard) {
    std::vector<PersoonRij> rows;
    int64_t total = -1;
    Status s = store.SelectPersons(sel, after, page_size, &rows, &total);
    INFO(s.ToString());
    REQUIRE(s.ok());
    CHECK(total == expected_total);
    REQUIRE(rows.size() <= static_cast<size_t>(page_size));
    for (const PersoonRij& r : rows) {
      REQUIRE(r.bsn > after);  // strictly after the position, ascending
      after = r.bsn;
      all.push_back(r);
    }
    if (rows.size() < static_cast<size_t>(page_size)) return all;
  }
  FAIL("paging did not end");
  return all;
}

std::vector<std::string> Bsns(const std::vector<PersoonRij>& rows) {
  std::vector<std::string> out;
  for (const PersoonRij& r : rows) out.push_back(r.bsn);
  return out;
}

PersoonSelectie Own() {
  PersoonSelectie s;
  s.gemeentecode = kOwn;
  return s;
}

}  // namespace

TEST_CASE("SelectPersons: every criterion alone and combined finds exactly the matching persons",
          "[store][selectie]") {
  TempDir dir;
  Population p = MakePopulation(3000);
  auto store = LoadPopulation(dir, &p);

  std::vector<std::pair<std::string, PersoonSelectie>> cases;
  auto add = [&](std::string name, auto&& set) {
    PersoonSelectie s = Own();
    set(s);
    cases.emplace_back(std::move(name), s);
  };
  add("geboortedatum vanaf", [](PersoonSelectie& s) { s.geboortedatum_vanaf = D(1980, 1, 1); });
  add("geboortedatum tot en met",
      [](PersoonSelectie& s) { s.geboortedatum_tot_en_met = D(1960, 6, 15); });
  add("wide birth date range (walked in BSN order)", [](PersoonSelectie& s) {
    s.geboortedatum_vanaf = D(1955, 1, 1);
    s.geboortedatum_tot_en_met = D(1995, 12, 31);
  });
  add("narrow birth date range (few matches, sorted)", [](PersoonSelectie& s) {
    s.geboortedatum_vanaf = D(1971, 1, 1);
    s.geboortedatum_tot_en_met = D(1971, 12, 31);
  });
  add("one birth day (bounds inclusive)", [&](PersoonSelectie& s) {
    s.geboortedatum_vanaf = p.persons[5].kop.geboortedatum;
    s.geboortedatum_tot_en_met = p.persons[5].kop.geboortedatum;
  });
  add("empty birth date range", [](PersoonSelectie& s) {
    s.geboortedatum_vanaf = D(1990, 1, 1);
    s.geboortedatum_tot_en_met = D(1980, 1, 1);
  });
  for (Geslacht g : {Geslacht::kMan, Geslacht::kVrouw, Geslacht::kOnbekend}) {
    add(std::string("geslacht ") + Token(g), [g](PersoonSelectie& s) { s.geslacht = g; });
  }
  for (const char* nat : kNationaliteiten) {
    add(std::string("nationaliteit ") + nat, [nat](PersoonSelectie& s) { s.nationaliteit = nat; });
  }
  add("nationaliteit nobody has", [](PersoonSelectie& s) { s.nationaliteit = "Zweedse"; });
  add("nationaliteit is the first only", [](PersoonSelectie& s) {
    s.nationaliteit = "Syrische";
    s.geslacht = Geslacht::kOnbekend;
  });
  for (Herkomst h : {Herkomst::kIsiActief, Herkomst::kIsiDefinitief}) {
    add(std::string("geslacht Man, herkomst ") + Token(h), [h](PersoonSelectie& s) {
      s.geslacht = Geslacht::kMan;
      s.herkomst = h;
    });
  }
  for (Verblijf v : {Verblijf::kWoonachtigInGemeente, Verblijf::kGewezenIngezetenen}) {
    add(std::string("geslacht Vrouw, verblijf ") + Token(v), [v](PersoonSelectie& s) {
      s.geslacht = Geslacht::kVrouw;
      s.verblijf = v;
    });
    add(std::string("nationaliteit, verblijf ") + Token(v), [v](PersoonSelectie& s) {
      s.nationaliteit = "Turkse";
      s.verblijf = v;
    });
    add(std::string("narrow date, verblijf ") + Token(v), [v](PersoonSelectie& s) {
      s.geboortedatum_vanaf = D(1962, 1, 1);
      s.geboortedatum_tot_en_met = D(1963, 12, 31);
      s.verblijf = v;
    });
  }
  add("everything at once", [](PersoonSelectie& s) {
    s.geboortedatum_vanaf = D(1950, 1, 1);
    s.geboortedatum_tot_en_met = D(1990, 12, 31);
    s.geslacht = Geslacht::kVrouw;
    s.nationaliteit = "Marokkaanse";
    s.herkomst = Herkomst::kIsiActief;
    s.verblijf = Verblijf::kWoonachtigInGemeente;
  });
  add("date and sex", [](PersoonSelectie& s) {
    s.geboortedatum_vanaf = D(1975, 1, 1);
    s.geslacht = Geslacht::kMan;
  });
  add("herkomst only", [](PersoonSelectie& s) { s.herkomst = Herkomst::kIsiDefinitief; });
  add("no criteria (the service demands one; the store copes)", [](PersoonSelectie&) {});
  add("the other municipality", [](PersoonSelectie& s) {
    s.gemeentecode = kOther;
    s.geslacht = Geslacht::kVrouw;
  });
  add("RNI itself: its residents once, no gewezen ingezetenen", [](PersoonSelectie& s) {
    s.gemeentecode = "1999";
    s.geboortedatum_vanaf = D(1950, 1, 1);
  });
  add("a municipality without persons", [](PersoonSelectie& s) {
    s.gemeentecode = "0014";
    s.geslacht = Geslacht::kMan;
  });

  for (const auto& [name, sel] : cases) {
    SECTION(name) {
      const std::vector<std::string> expected = Expected(p, sel);
      const std::vector<PersoonRij> rows =
          AllPages(*store, sel, 20, static_cast<int64_t>(expected.size()));
      CHECK(Bsns(rows) == expected);
      for (const PersoonRij& r : rows) {
        const Dossier& d = p.Find(r.bsn);
        CHECK(r.anummer == d.kop.anummer);
        CHECK(r.voornamen == d.kop.naam.voornamen);
        CHECK(r.voorvoegsels == d.kop.naam.voorvoegsels);
        CHECK(r.achternaam == d.kop.naam.achternaam);
        CHECK(r.geboortedatum == d.kop.geboortedatum);
        CHECK(r.geslacht == d.persoonsgegevens.geslacht);
        CHECK(r.herkomst == d.kop.herkomst);
        CHECK(r.datum_overlijden == d.persoonsgegevens.datum_overlijden);
        // Open signals of the acting municipality only: never the other's, never Afgehandeld.
        CHECK(r.signaal_aanwezig == (p.open_signal[sel.gemeentecode].count(r.bsn) != 0));
      }
    }
  }
}

TEST_CASE("SelectPersons: pages of 1, 7 and 20 collect every matching BSN exactly once",
          "[store][selectie]") {
  TempDir dir;
  Population p = MakePopulation(4000);
  auto store = LoadPopulation(dir, &p);

  PersoonSelectie wide = Own();
  wide.geboortedatum_vanaf = D(1950, 1, 1);  // everyone visible: residents and gewezen merged
  PersoonSelectie man = Own();
  man.geslacht = Geslacht::kMan;
  PersoonSelectie narrow = Own();
  narrow.geboortedatum_vanaf = D(1960, 1, 1);
  narrow.geboortedatum_tot_en_met = D(1964, 12, 31);
  for (const PersoonSelectie& sel : {wide, man, narrow}) {
    const std::vector<std::string> expected = Expected(p, sel);
    REQUIRE(expected.size() > 100);
    for (int page_size : {1, 7, 20}) {
      INFO("page size " << page_size << ", " << expected.size() << " matches");
      CHECK(Bsns(AllPages(*store, sel, page_size, static_cast<int64_t>(expected.size()))) ==
            expected);
    }
  }
}

TEST_CASE("SelectPersons: persons of other municipalities never appear", "[store][selectie]") {
  TempDir dir;
  Population p = MakePopulation(1500);
  auto store = LoadPopulation(dir, &p);
  std::set<std::string> not_own;
  for (const Dossier& d : p.persons) {
    bool own = d.kop.woongemeente == kOwn ||
               (d.kop.woongemeente == "1999" && d.kop.vorige_woongemeente == kOwn);
    if (!own || p.purged.count(d.kop.bsn) != 0) not_own.insert(d.kop.bsn);
  }
  PersoonSelectie sel = Own();
  sel.geboortedatum_vanaf = D(1900, 1, 1);
  std::vector<PersoonRij> rows =
      AllPages(*store, sel, 50, static_cast<int64_t>(Expected(p, sel).size()));
  REQUIRE_FALSE(rows.empty());
  for (const PersoonRij& r : rows) CHECK(not_own.count(r.bsn) == 0);
}

TEST_CASE("SelectPersons: gewezen ingezetenen are of the municipality they left",
          "[store][selectie]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  Dossier resident = MinimalDossier(MakeBsn(1), kOwn);
  Dossier gewezen = MinimalDossier(MakeBsn(2), "1999");
  gewezen.kop.vorige_woongemeente = kOwn;
  Dossier elders = MinimalDossier(MakeBsn(3), "1999");
  elders.kop.vorige_woongemeente = kOther;
  Dossier rni = MinimalDossier(MakeBsn(4), "1999");
  // Moved on to another municipality: the previous one no longer sees them.
  Dossier verhuisd = MinimalDossier(MakeBsn(5), kOther);
  verhuisd.kop.vorige_woongemeente = kOwn;
  REQUIRE(store->InsertPersons({resident, gewezen, elders, rni, verhuisd}, {}).ok());

  auto select = [&](const std::string& gemeente, std::optional<Verblijf> verblijf) {
    PersoonSelectie sel;
    sel.gemeentecode = gemeente;
    sel.geslacht = Geslacht::kOnbekend;
    sel.verblijf = verblijf;
    std::vector<PersoonRij> rows;
    int64_t total = -1;
    REQUIRE(store->SelectPersons(sel, "", 20, &rows, &total).ok());
    CHECK(total == static_cast<int64_t>(rows.size()));
    return Bsns(rows);
  };
  using V = std::vector<std::string>;
  CHECK(select(kOwn, std::nullopt) == V{resident.kop.bsn, gewezen.kop.bsn});
  CHECK(select(kOwn, Verblijf::kWoonachtigInGemeente) == V{resident.kop.bsn});
  CHECK(select(kOwn, Verblijf::kGewezenIngezetenen) == V{gewezen.kop.bsn});
  CHECK(select(kOther, Verblijf::kGewezenIngezetenen) == V{elders.kop.bsn});
  CHECK(select("1999", std::nullopt) == V{gewezen.kop.bsn, elders.kop.bsn, rni.kop.bsn});
  CHECK(select("1999", Verblijf::kGewezenIngezetenen).empty());

  // The dossier follows the same rule and says where the person came from.
  Dossier out;
  REQUIRE(store->GetDossierByBsn(kOwn, gewezen.kop.bsn, &out).ok());
  CHECK(out.kop.woongemeente == "1999");
  CHECK(out.kop.vorige_woongemeente == std::optional<std::string>(kOwn));
  CHECK(store->GetDossierByBsn(kOther, gewezen.kop.bsn, &out).code() == Status::Code::kNotFound);
  CHECK(store->GetDossierByBsn(kOwn, verhuisd.kop.bsn, &out).code() == Status::Code::kNotFound);
  REQUIRE(store->GetDossierByBsn(kOther, verhuisd.kop.bsn, &out).ok());
  CHECK(out.kop.vorige_woongemeente == std::optional<std::string>(kOwn));
  REQUIRE(store->GetDossierByBsn(kOwn, resident.kop.bsn, &out).ok());
  CHECK_FALSE(out.kop.vorige_woongemeente.has_value());
}

TEST_CASE("SelectPersons: keyset paging stays correct when persons are inserted between pages",
          "[store][selectie]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  // Even n now, odd n later: the later BSNs fall among the earlier ones.
  std::vector<Dossier> first;
  for (int i = 0; i < 400; i += 2) first.push_back(MakePerson(i, kOwn, std::nullopt));
  REQUIRE(store->InsertPersons(first, {}).ok());
  std::set<std::string> original;
  for (const Dossier& d : first) original.insert(d.kop.bsn);

  PersoonSelectie sel = Own();
  sel.geboortedatum_vanaf = D(1900, 1, 1);
  std::vector<std::string> seen;
  std::set<std::string> inserted;
  std::set<std::string> inserted_ahead;  // inserted with a BSN after the position at the time
  std::string after;
  int next = 1;
  for (;;) {
    std::vector<PersoonRij> rows;
    int64_t total = 0;
    REQUIRE(store->SelectPersons(sel, after, 13, &rows, &total).ok());
    CHECK(total == static_cast<int64_t>(original.size() + inserted.size()));
    for (const PersoonRij& r : rows) seen.push_back(r.bsn);
    if (rows.size() < 13) break;
    after = rows.back().bsn;
    // Three new persons and a signal between pages.
    std::vector<Dossier> more;
    for (int k = 0; k < 3 && next < 400; ++k, next += 2) {
      more.push_back(MakePerson(next, kOwn, std::nullopt));
      inserted.insert(more.back().kop.bsn);
      if (more.back().kop.bsn > after) inserted_ahead.insert(more.back().kop.bsn);
    }
    REQUIRE(store
                ->InsertPersons(
                    more, {MakeSignaal(more.front().kop.bsn, kOwn, "SS001", SignaalStatus::kNieuw)})
                .ok());
  }
  // Ascending without repeats; every original person; a newcomer exactly when it lay ahead.
  REQUIRE_FALSE(inserted_ahead.empty());
  REQUIRE(inserted_ahead.size() < inserted.size());
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
  std::set<std::string> seen_set(seen.begin(), seen.end());
  for (const std::string& bsn : original) CHECK(seen_set.count(bsn) == 1);
  for (const std::string& bsn : inserted) {
    INFO(bsn);
    CHECK(seen_set.count(bsn) == inserted_ahead.count(bsn));
  }
}

TEST_CASE("SelectPersons: the total follows every change, also another connection's",
          "[store][selectie]") {
  // The store keeps a selection's total between its pages (the count is the costly part of a
  // page); a change by anyone must show in the next page's total. Both ways of reading the
  // file: through a memory map (as isi-server does) and with read().
  const int64_t mmap_bytes = GENERATE(int64_t{0}, int64_t{64} * 1024 * 1024);
  INFO("mmap_bytes " << mmap_bytes);
  TempDir dir;
  Population p = MakePopulation(600);
  LoadPopulation(dir, &p);
  StoreOptions options;
  options.mmap_bytes = mmap_bytes;
  std::unique_ptr<Store> reader;
  REQUIRE(OpenSqliteStore(dir.File("isi.db"), options, &reader).ok());
  auto writer = OpenStore(dir.File("isi.db"), false);  // another connection, as a refresh
  RawDb raw(dir.File("isi.db"));                       // and as anything else writing the file

  PersoonSelectie sel = Own();
  sel.geboortedatum_vanaf = D(1950, 1, 1);
  sel.geboortedatum_tot_en_met = D(1999, 12, 31);
  auto total_of_page = [&](const std::string& after) {
    std::vector<PersoonRij> rows;
    int64_t total = -1;
    Status s = reader->SelectPersons(sel, after, 5, &rows, &total);
    INFO(s.ToString());
    REQUIRE(s.ok());
    return total;
  };
  const auto expected = static_cast<int64_t>(Expected(p, sel).size());
  REQUIRE(expected > 20);
  CHECK(total_of_page("") == expected);
  CHECK(total_of_page(MakeBsn(0)) == expected);  // unchanged: the same total

  // Another connection inserts two matching persons.
  std::vector<Dossier> more = {MakePerson(5001, kOwn, std::nullopt),
                               MakePerson(5011, kOwn, std::nullopt)};
  for (Dossier& d : more) {
    d.kop.geboortedatum = D(1980, 6, 1);
    d.persoonsgegevens.geboortedatum = d.kop.geboortedatum;
  }
  REQUIRE(writer->InsertPersons(more, {}).ok());
  CHECK(total_of_page(MakeBsn(0)) == expected + 2);

  // A write straight to the file: one of them moves away.
  REQUIRE(raw.Exec("UPDATE personen SET woongemeente = '0599' WHERE bsn = '" + more[0].kop.bsn +
                   "'") == SQLITE_OK);
  CHECK(total_of_page(MakeBsn(0)) == expected + 1);

  // The reader's own write (MakePerson's birth dates all lie in 1950..1999).
  REQUIRE(reader->InsertPersons({MakePerson(5021, kOwn, std::nullopt)}, {}).ok());
  CHECK(total_of_page(MakeBsn(0)) == expected + 2);
}

TEST_CASE("SelectPersons: a page of 0 rows still counts; a negative limit is refused",
          "[store][selectie]") {
  TempDir dir;
  Population p = MakePopulation(200);
  auto store = LoadPopulation(dir, &p);
  PersoonSelectie sel = Own();
  sel.geslacht = Geslacht::kMan;
  std::vector<PersoonRij> rows(3);
  int64_t total = -1;
  REQUIRE(store->SelectPersons(sel, "", 0, &rows, &total).ok());
  CHECK(rows.empty());
  CHECK(total == static_cast<int64_t>(Expected(p, sel).size()));
  CHECK(store->SelectPersons(sel, "", -1, &rows, &total).code() == Status::Code::kInvalidArgument);
  // After the last BSN there is nothing, but the total stays.
  REQUIRE(store->SelectPersons(sel, "999999999", 20, &rows, &total).ok());
  CHECK(rows.empty());
  CHECK(total == static_cast<int64_t>(Expected(p, sel).size()));
}

// --- WhichLaw ----------------------------------------------------------------------------------

TEST_CASE("WhichLaw: answers for any BSN; woonachtig only for the own, living, unpurged person",
          "[store][wet]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  Dossier own = MinimalDossier(MakeBsn(1), kOwn);
  own.wet = Wet::kWi2013;
  Dossier other = MinimalDossier(MakeBsn(2), kOther);
  other.wet = Wet::kWi2021;
  Dossier deceased = MinimalDossier(MakeBsn(3), kOwn);
  deceased.persoonsgegevens.datum_overlijden = D(2021, 3, 4);
  Dossier gewezen = MinimalDossier(MakeBsn(4), "1999");
  gewezen.kop.vorige_woongemeente = kOwn;
  Dossier purged = MinimalDossier(MakeBsn(5), kOwn);
  purged.wet = Wet::kWi2013;
  REQUIRE(store->InsertPersons({own, other, deceased, gewezen, purged}, {}).ok());
  {
    RawDb raw(dir.File("isi.db"));
    REQUIRE(raw.Exec("UPDATE personen SET purged = 1 WHERE bsn = '" + purged.kop.bsn + "'") ==
            SQLITE_OK);
  }
  auto law = [&](const Dossier& d) {
    WetInfo info;
    info.woonachtig_in_gemeente = true;  // must be overwritten
    REQUIRE(store->WhichLaw(d.kop.bsn, kOwn, &info).ok());
    return info;
  };
  WetInfo w = law(own);
  CHECK(w.wet == Wet::kWi2013);
  CHECK_FALSE(w.overleden);
  CHECK(w.woonachtig_in_gemeente);

  w = law(other);
  CHECK(w.wet == Wet::kWi2021);
  CHECK_FALSE(w.woonachtig_in_gemeente);

  w = law(deceased);
  CHECK(w.wet == Wet::kWi2007);
  CHECK(w.overleden);
  CHECK(w.woonachtig_in_gemeente);

  w = law(gewezen);  // visible to the municipality, but does not live there
  CHECK_FALSE(w.woonachtig_in_gemeente);

  w = law(purged);  // the law is still answered
  CHECK(w.wet == Wet::kWi2013);
  CHECK_FALSE(w.woonachtig_in_gemeente);

  WetInfo unknown;
  unknown.overleden = true;
  unknown.woonachtig_in_gemeente = true;
  REQUIRE(store->WhichLaw(MakeBsn(99), kOwn, &unknown).ok());
  CHECK(unknown.wet == Wet::kGeen);
  CHECK_FALSE(unknown.overleden);
  CHECK_FALSE(unknown.woonachtig_in_gemeente);
}
