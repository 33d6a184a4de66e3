#include "tools/generator.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "model/codes.h"
#include "model/identifiers.h"

using namespace isi;

namespace {

GeneratorOptions Options(uint64_t seed, int64_t persons) {
  GeneratorOptions o;
  o.seed = seed;
  o.persons = persons;
  o.today = Date{2025, 6, 15};
  return o;
}

struct Generated {
  std::vector<Dossier> persons;
  std::vector<Signaal> signalen;
};

Generated GenerateAll(const GeneratorOptions& options, size_t batch = 997) {
  Generator g(options);
  Generated all;
  std::vector<Dossier> persons;
  std::vector<Signaal> signalen;
  while (g.NextBatch(batch, &persons, &signalen)) {
    for (auto& p : persons) all.persons.push_back(std::move(p));
    for (auto& s : signalen) all.signalen.push_back(std::move(s));
  }
  return all;
}

// A canonical text of everything in a dossier that the generator fills, for equality checks.
std::string Fingerprint(const Dossier& d) {
  std::string s;
  auto add = [&](const std::string& v) {
    s += v;
    s += '|';
  };
  auto date = [&](const std::optional<Date>& v) { add(v ? v->ToString() : "-"); };
  auto opt = [&](const std::optional<std::string>& v) { add(v ? *v : "-"); };
  add(d.kop.bsn);
  opt(d.kop.anummer);
  add(d.kop.naam.voornamen + "/" + d.kop.naam.voorvoegsels + "/" + d.kop.naam.achternaam);
  add(d.kop.geboortedatum.ToString());
  add(Token(d.kop.herkomst));
  add(d.kop.woongemeente);
  opt(d.kop.vorige_woongemeente);
  const auto& p = d.persoonsgegevens;
  add(Token(p.geslacht));
  opt(p.geboorteland);
  opt(p.nationaliteit1);
  opt(p.nationaliteit2);
  opt(p.adres.postcode);
  opt(p.adres.straatnaam);
  add(p.adres.huisnummer ? std::to_string(*p.adres.huisnummer) : "-");
  opt(p.adres.huisnummertoevoeging);
  date(p.datum_vestiging_in_nederland);
  date(p.datum_vertrek_uit_nederland);
  date(p.datum_overlijden);
  add(Token(p.code_geheim));
  add(d.indicatie.inburgeringsplichtig ? (*d.indicatie.inburgeringsplichtig ? "J" : "N") : "-");
  date(d.indicatie.datum_inburgeringsplicht);
  if (d.handhaving) {
    add(d.handhaving->begin_handhaving.ToString());
    add(d.handhaving->einde_handhavingstermijn.ToString());
    for (const auto& v : d.handhaving->verlengingen) add(v.reden_verlenging);
  }
  for (const auto& v : d.voorzieningen) {
    add(Token(v.soort));
    add(v.datum_start.ToString());
    date(v.datum_einde);
  }
  for (const auto& v : d.vrijstellingen) add(Token(v.soort) + v.datum_start.ToString());
  for (const auto& b : d.boetes)
    add(std::to_string(b.bedrag_centen) + b.datum_toekennen.ToString());
  for (const auto& e : d.examens.onderdelen)
    add(std::string(Token(e.examen)) + Token(e.uitslag) + e.datum_deelname.ToString());
  add(Token(d.wet));
  return s;
}

std::string Fingerprint(const Signaal& s) {
  return s.bsn + s.code + Token(s.status) + s.datum.ToString() + s.gemeentecode;
}

// The municipality a person is "of" (store.h): the one they live in, or for a gewezen
// ingezetene the one they left.
std::string GemeenteOf(const Dossier& d) {
  return d.kop.vorige_woongemeente.value_or(d.kop.woongemeente);
}

}  // namespace

TEST_CASE("Generator: the same seed and options give identical data, whatever the batch size",
          "[generator]") {
  const Generated a = GenerateAll(Options(42, 3000), 1000);
  const Generated b = GenerateAll(Options(42, 3000), 77);
  REQUIRE(a.persons.size() == 3000);
  REQUIRE(b.persons.size() == 3000);
  REQUIRE(a.signalen.size() == b.signalen.size());
  for (size_t i = 0; i < a.persons.size(); ++i)
    REQUIRE(Fingerprint(a.persons[i]) == Fingerprint(b.persons[i]));
  for (size_t i = 0; i < a.signalen.size(); ++i)
    REQUIRE(Fingerprint(a.signalen[i]) == Fingerprint(b.signalen[i]));
}

TEST_CASE("Generator: seed 2007 still gives the same demo sample persons (golden values)",
          "[generator]") {
  // The first three rich dossiers per municipality, as isi-admin generate shows them. They must
  // not move when the generator learns something new (they did not when gewezen ingezetenen
  // came in): README and demo scripts point people at them.
  const Generated all = GenerateAll(Options(2007, 5000), 1000);
  std::map<std::string, std::vector<std::string>> samples;
  for (const auto& d : all.persons) {
    auto& list = samples[d.kop.woongemeente];
    if (list.size() < 3 && IsRichDossier(d)) list.push_back(d.kop.bsn);
  }
  CHECK(samples["0014"] == std::vector<std::string>{"040267714", "193119092", "708023903"});
  CHECK(samples["0034"] == std::vector<std::string>{"132756225", "847482236", "399312675"});
  CHECK(samples["0363"] == std::vector<std::string>{"276747987", "063350415", "389064841"});
  CHECK(samples["0599"] == std::vector<std::string>{"628816601", "389431606", "662776458"});
}

TEST_CASE("Generator: a different seed gives different persons", "[generator]") {
  const Generated a = GenerateAll(Options(1, 200));
  const Generated b = GenerateAll(Options(2, 200));
  int same_bsn = 0;
  int same_dossier = 0;
  for (size_t i = 0; i < a.persons.size(); ++i) {
    if (a.persons[i].kop.bsn == b.persons[i].kop.bsn) ++same_bsn;
    if (Fingerprint(a.persons[i]) == Fingerprint(b.persons[i])) ++same_dossier;
  }
  CHECK(same_bsn < 5);
  CHECK(same_dossier == 0);
}

TEST_CASE("Generator: produces exactly the requested number of persons, then stops",
          "[generator]") {
  Generator g(Options(7, 25));
  std::vector<Dossier> persons;
  std::vector<Signaal> signalen;
  REQUIRE(g.NextBatch(10, &persons, &signalen));
  CHECK(persons.size() == 10);
  REQUIRE(g.NextBatch(10, &persons, &signalen));
  REQUIRE(g.NextBatch(10, &persons, &signalen));
  CHECK(persons.size() == 5);
  CHECK(g.produced() == 25);
  CHECK_FALSE(g.NextBatch(10, &persons, &signalen));
  CHECK(persons.empty());
  CHECK(signalen.empty());

  Generator none(Options(7, 0));
  CHECK_FALSE(none.NextBatch(10, &persons, &signalen));
}

TEST_CASE("Generator: every BSN and A-nummer is valid and unique over 200k persons",
          "[generator][slow]") {
  Generator g(Options(20250615, 200'000));
  std::unordered_set<std::string> bsns;
  std::unordered_set<std::string> anummers;
  bsns.reserve(200'000);
  anummers.reserve(200'000);
  std::vector<Dossier> persons;
  std::vector<Signaal> signalen;
  int64_t invalid = 0;
  int64_t duplicate = 0;
  int64_t without_anummer = 0;
  while (g.NextBatch(10'000, &persons, &signalen)) {
    for (const auto& d : persons) {
      if (!IsValidBsn(d.kop.bsn)) ++invalid;
      if (!bsns.insert(d.kop.bsn).second) ++duplicate;
      if (!d.kop.anummer) {
        ++without_anummer;
        continue;
      }
      if (!IsValidANummer(*d.kop.anummer)) ++invalid;
      if (!anummers.insert(*d.kop.anummer).second) ++duplicate;
    }
    for (const auto& s : signalen)
      if (bsns.count(s.bsn) == 0) ++invalid;  // a signal's person comes in the same batch
  }
  CHECK(invalid == 0);
  CHECK(duplicate == 0);
  CHECK(bsns.size() == 200'000);
  CHECK(without_anummer > 0);
  CHECK(without_anummer < 10'000);
}

TEST_CASE("Generator: persons live only in the requested municipalities, each gets some",
          "[generator]") {
  SECTION("the default five") {
    const Generated all = GenerateAll(Options(3, 2000));
    std::map<std::string, int> per_gemeente;
    for (const auto& d : all.persons) ++per_gemeente[GemeenteOf(d)];
    CHECK(per_gemeente.size() == 5);
    for (const auto& code : DefaultGeneratorGemeenten()) CHECK(per_gemeente[code] > 0);
    for (const auto& s : all.signalen) CHECK(per_gemeente.count(s.gemeentecode) == 1);
  }
  SECTION("an explicit list, with as many persons as municipalities") {
    GeneratorOptions o = Options(3, 3);
    o.gemeenten = {"0935", "1999", "0080"};
    const Generated all = GenerateAll(o);
    std::set<std::string> seen;
    for (const auto& d : all.persons) seen.insert(GemeenteOf(d));
    CHECK(seen == std::set<std::string>{"0080", "0935", "1999"});
  }
  SECTION("woonplaats is the municipality's name; RNI persons have no address") {
    GeneratorOptions o = Options(3, 500);
    o.gemeenten = {"0518", "1999"};
    for (const auto& d : GenerateAll(o).persons) {
      if (d.kop.woongemeente == "0518") {
        CHECK(d.persoonsgegevens.adres.woonplaats == "'s-Gravenhage");
        REQUIRE(d.persoonsgegevens.adres.postcode);
        CHECK(d.persoonsgegevens.adres.postcode->size() == 6);
      } else {
        CHECK_FALSE(d.persoonsgegevens.adres.woonplaats);
        CHECK(d.persoonsgegevens.datum_vertrek_uit_nederland);
      }
    }
  }
}

TEST_CASE("Generator: about 3% of each municipality's persons are gewezen ingezetenen",
          "[generator]") {
  const Date today{2025, 6, 15};
  GeneratorOptions o = Options(8, 30'000);
  o.gemeenten = {"0014", "0363", "0599", "1999"};
  const Generated all = GenerateAll(o);
  std::map<std::string, int> woonachtig;
  std::map<std::string, int> gewezen;
  for (const auto& d : all.persons) {
    INFO("BSN " << d.kop.bsn);
    const auto& p = d.persoonsgegevens;
    if (!d.kop.vorige_woongemeente) {
      ++woonachtig[d.kop.woongemeente];
      // Living in a real municipality means living here: an address, no departure.
      if (d.kop.woongemeente != "1999") {
        CHECK(p.adres.postcode.has_value());
        CHECK_FALSE(p.datum_vertrek_uit_nederland);
      }
      continue;
    }
    ++gewezen[*d.kop.vorige_woongemeente];
    CHECK(d.kop.woongemeente == "1999");
    CHECK(*d.kop.vorige_woongemeente != "1999");
    REQUIRE(p.datum_vertrek_uit_nederland);
    CHECK(*p.datum_vertrek_uit_nederland <= today);
    CHECK(*p.datum_vertrek_uit_nederland > *p.datum_vestiging_in_nederland);
    CHECK_FALSE(p.adres.postcode);
    CHECK_FALSE(p.adres.woonplaats);
    CHECK_FALSE(p.adres.straatnaam);
    CHECK_FALSE(p.adres.huisnummer);
    CHECK_FALSE(p.indicatie_betrouwbaar_adres);
    CHECK_FALSE(p.datum_overlijden);
    CHECK_FALSE(IsRichDossier(d));
    // Left over a year ago: ISI definitief; within the year: still ISI actief (may come back).
    if (d.kop.herkomst == Herkomst::kIsiActief)
      CHECK(*p.datum_vertrek_uit_nederland > today.AddYears(-1));
  }
  CHECK(gewezen.count("1999") == 0);  // RNI persons have no former municipality of their own
  for (const std::string code : {"0014", "0363", "0599"}) {
    INFO(code << ": " << woonachtig[code] << " woonachtig, " << gewezen[code] << " gewezen");
    const double share = gewezen[code] / static_cast<double>(woonachtig[code] + gewezen[code]);
    CHECK(share > 0.02);
    CHECK(share < 0.045);
  }
  // Both kinds: ISI actief (left within the year) and definitief (emigrated).
  std::set<Herkomst> herkomst;
  for (const auto& d : all.persons)
    if (d.kop.vorige_woongemeente) herkomst.insert(d.kop.herkomst);
  CHECK(herkomst.size() == 2);
}

TEST_CASE("Generator: every municipality has signals in every status, even in a tiny data set",
          "[generator]") {
  GeneratorOptions o = Options(21, 4);
  o.gemeenten = {"0014", "0034", "0363", "1999"};
  const Generated all = GenerateAll(o);
  std::map<std::string, std::set<SignaalStatus>> statussen;
  for (const auto& s : all.signalen) statussen[s.gemeentecode].insert(s.status);
  for (const auto& code : o.gemeenten) {
    INFO(code);
    CHECK(statussen[code].size() == 3);
  }
}

TEST_CASE("Generator: one municipality's signals vary enough to test sorting and paging",
          "[generator]") {
  GeneratorOptions o = Options(5, 3000);
  o.gemeenten = {"0014", "0363"};
  const Generated all = GenerateAll(o);
  // Groningen is the small one: a few hundred persons.
  std::map<std::string, int> codes;
  std::map<SignaalStatus, int> statussen;
  std::set<Date> dates;
  std::set<int> years;
  std::set<std::string> bsns;
  int signals = 0;
  for (const auto& s : all.signalen) {
    if (s.gemeentecode != "0014") continue;
    ++signals;
    ++codes[s.code];
    ++statussen[s.status];
    dates.insert(s.datum);
    years.insert(s.datum.year);
    bsns.insert(s.bsn);
  }
  INFO(signals << " signals, " << codes.size() << " codes, " << dates.size() << " dates");
  CHECK(signals > 200);
  CHECK(codes.size() >= 18);
  for (const auto& [code, n] : codes) CHECK(n < signals / 3);  // no code dominates a page
  for (const auto status :
       {SignaalStatus::kNieuw, SignaalStatus::kInBehandeling, SignaalStatus::kAfgehandeld})
    CHECK(statussen[status] >= 20);
  CHECK(years.size() >= 15);  // spread from 2008 to today
  CHECK(dates.size() > static_cast<size_t>(signals) * 8 / 10);
  CHECK(dates.size() < static_cast<size_t>(signals));  // and some ties, for the id tie-break
  CHECK(bsns.size() < static_cast<size_t>(signals));   // persons with several signals
}

TEST_CASE("Generator: the data has the realistic mix the demo needs", "[generator]") {
  const Generated all = GenerateAll(Options(11, 20'000));
  const double n = static_cast<double>(all.persons.size());
  int actief = 0, definitief = 0, volunteers = 0, obliged = 0, undetermined = 0, deceased = 0;
  int vertrokken = 0, geheim = 0, oudkomer = 0, nieuwkomer = 0, handhaving = 0, verlenging = 0;
  int voorziening = 0, duaal = 0, vrij_tijdelijk = 0, vrij_gedeeltelijk = 0, boete = 0;
  int examen = 0, diploma = 0, definitief_diploma = 0, rich = 0, other_law = 0, toevoeging = 0;
  int voorvoegsel = 0, nt2 = 0, ontheffing = 0;
  std::set<std::string> landen;
  std::set<SignaalStatus> statussen;
  std::set<std::string> codes;
  for (const auto& d : all.persons) {
    const bool act = d.kop.herkomst == Herkomst::kIsiActief;
    act ? ++actief : ++definitief;
    if (d.indicatie.vrijwillig_inburgeraar) ++volunteers;
    if (d.indicatie.inburgeringsplichtig == true) ++obliged;
    if (!d.indicatie.inburgeringsplichtig) ++undetermined;
    if (d.persoonsgegevens.datum_overlijden) ++deceased;
    if (d.persoonsgegevens.datum_vertrek_uit_nederland) ++vertrokken;
    if (d.persoonsgegevens.code_geheim == CodeGeheim::kGeheim) ++geheim;
    if (d.indicatie.categorie == Categorie::kOudkomer) ++oudkomer;
    if (d.indicatie.categorie == Categorie::kNieuwkomer) ++nieuwkomer;
    if (d.indicatie.ontheffing) ++ontheffing;
    if (d.handhaving) ++handhaving;
    if (d.handhaving && !d.handhaving->verlengingen.empty()) ++verlenging;
    if (!d.voorzieningen.empty()) ++voorziening;
    for (const auto& v : d.voorzieningen)
      if (v.soort == SoortVoorziening::kDuaal) ++duaal;
    for (const auto& v : d.vrijstellingen)
      v.soort == SoortVrijstelling::kTijdelijk ? ++vrij_tijdelijk : ++vrij_gedeeltelijk;
    if (!d.boetes.empty()) ++boete;
    if (!d.examens.onderdelen.empty()) ++examen;
    if (d.examens.inburgeringsdiploma_behaald) {
      ++diploma;
      if (!act) ++definitief_diploma;
    }
    if (d.examens.volledige_deelname_nt2 != VolledigeDeelnameNt2::kGeenVolledigeDeelname) ++nt2;
    if (IsRichDossier(d)) ++rich;
    if (d.wet != Wet::kWi2007) ++other_law;
    if (d.persoonsgegevens.adres.huisnummertoevoeging) ++toevoeging;
    if (!d.kop.naam.voorvoegsels.empty()) ++voorvoegsel;
    landen.insert(d.persoonsgegevens.geboorteland.value_or(""));
  }
  for (const auto& s : all.signalen) {
    statussen.insert(s.status);
    codes.insert(s.code);
  }
  // About 70/30 actief/definitief.
  CHECK(actief / n > 0.65);
  CHECK(actief / n < 0.75);
  CHECK(definitief > 0);
  CHECK(volunteers / n > 0.10);
  CHECK(obliged / n > 0.40);
  CHECK(undetermined > 0);
  CHECK(deceased > 0);
  CHECK(vertrokken > 0);
  CHECK(geheim > 0);
  CHECK(oudkomer > 0);
  CHECK(nieuwkomer > 0);
  CHECK(ontheffing > 0);
  CHECK(handhaving > 0);
  CHECK(verlenging > 0);
  CHECK(voorziening > 0);
  CHECK(duaal > 0);
  CHECK(vrij_tijdelijk > 0);
  CHECK(vrij_gedeeltelijk > 0);
  CHECK(boete > 0);
  CHECK(examen > 0);
  CHECK(diploma > 0);
  CHECK(definitief_diploma > 0);
  CHECK(nt2 > 0);
  CHECK(rich / n > 0.05);
  CHECK(other_law > 0);
  CHECK(other_law / n < 0.15);
  CHECK(toevoeging > 0);
  CHECK(voorvoegsel > 0);
  CHECK(landen.size() >= 15);
  CHECK(statussen.size() == 3);
  CHECK(codes.size() >= 20);
}

TEST_CASE("Generator: dossiers are internally consistent", "[generator]") {
  const Date today{2025, 6, 15};
  const Generated all = GenerateAll(Options(99, 20'000));
  std::map<std::string, const Dossier*> by_bsn;
  for (const auto& d : all.persons) by_bsn[d.kop.bsn] = &d;
  for (const auto& d : all.persons) {
    INFO("BSN " << d.kop.bsn);
    const auto& p = d.persoonsgegevens;
    REQUIRE(d.kop.geboortedatum.IsValid());
    CHECK(d.kop.geboortedatum == p.geboortedatum);
    CHECK(d.kop.geboortedatum >= Date{1950, 1, 1});
    CHECK(d.kop.geboortedatum <= Date{2008, 12, 31});
    REQUIRE(p.datum_vestiging_in_nederland);
    CHECK(*p.datum_vestiging_in_nederland > d.kop.geboortedatum);
    CHECK(*p.datum_vestiging_in_nederland <= today);
    if (p.datum_overlijden) {
      CHECK(d.kop.herkomst == Herkomst::kIsiDefinitief);
      CHECK(*p.datum_overlijden <= today);
    }
    if (d.indicatie.vrijwillig_inburgeraar) CHECK(d.indicatie.inburgeringsplichtig == false);
    if (d.indicatie.datum_inburgeringsplicht)
      CHECK(*d.indicatie.datum_inburgeringsplicht <= Date{2012, 12, 31});
    if (d.wet == Wet::kWi2007 && d.indicatie.inburgeringsplichtig == true)
      CHECK(d.indicatie.datum_inburgeringsplicht.has_value());
    if (d.handhaving) {
      const auto& h = *d.handhaving;
      CHECK(d.indicatie.inburgeringsplichtig == true);
      CHECK(h.begin_handhaving >= Date{2008, 1, 1});
      CHECK(h.begin_handhaving <= Date{2012, 12, 31});
      CHECK(h.begin_handhaving < h.einde_handhavingstermijn);
      Date last = h.begin_handhaving;
      for (const auto& v : h.verlengingen) {
        CHECK(v.datum_verlenging > last);
        CHECK(!v.reden_verlenging.empty());
        last = v.datum_verlenging;
      }
      if (!h.verlengingen.empty())
        CHECK(h.verlengingen.back().nieuwe_einddatum == h.einde_handhavingstermijn);
    }
    for (const auto& v : d.voorzieningen) {
      if (d.indicatie.vrijwillig_inburgeraar)
        CHECK(v.soort != SoortVoorziening::kGeestelijkBedienaar);
      CHECK(v.vorm_duaal_traject.has_value() == (v.soort == SoortVoorziening::kDuaal));
      if (d.indicatie.inburgeringsplichtig == true) CHECK(d.handhaving.has_value());
      if (v.datum_einde) {
        CHECK(v.datum_start <= *v.datum_einde);
        CHECK(v.reden_einde.has_value());
      }
      CHECK(v.datum_start <= today);
    }
    for (size_t i = 1; i < d.voorzieningen.size(); ++i)
      CHECK(d.voorzieningen[i - 1].datum_start <= d.voorzieningen[i].datum_start);
    for (const auto& v : d.vrijstellingen) {
      if (v.soort == SoortVrijstelling::kTijdelijk) {
        REQUIRE(v.datum_einde);
        CHECK(v.datum_start < *v.datum_einde);
        CHECK(d.indicatie.inburgeringsplichtig == true);
        CHECK(d.handhaving.has_value());
        CHECK_FALSE(v.examenonderdeel);
      } else {
        CHECK_FALSE(v.datum_einde);
        CHECK(v.examenonderdeel.has_value());
        CHECK(v.niveau.has_value() == (v.examenonderdeel == VrijgesteldExamenonderdeel::kTaal));
      }
    }
    for (const auto& b : d.boetes) {
      CHECK(b.bedrag_centen > 0);
      CHECK(!b.reden.empty());
      CHECK(b.datum_toekennen <= today);
      CHECK(d.handhaving.has_value());
    }
    for (const auto& e : d.examens.onderdelen) {
      CHECK(e.datum_deelname >= d.kop.geboortedatum.AddYears(16));
      CHECK(e.datum_deelname <= today);
    }
    if (d.examens.inburgeringsdiploma_behaald) {
      CHECK(d.examens.datum_diploma_behaald.has_value());
      CHECK(d.examens.indicatie_geslaagd.has_value());
      CHECK(p.indicatie_diploma_behaald);
      CHECK(p.niveau_inburgeringsdiploma.has_value());
      // ISI actief holds no one with a diploma and no voorziening after it.
      CHECK(d.kop.herkomst == Herkomst::kIsiDefinitief);
    }
    CHECK(p.examenaanvraag_aanwezig == d.examens.examenaanvraag);
    if (d.indicatie.ontheffing) CHECK(d.indicatie.inburgeringsplichtig == false);
    CHECK(d.signalen.totaal ==
          d.signalen.nieuw + d.signalen.in_behandeling + d.signalen.afgehandeld);
    CHECK(d.signalen.totaal <= 3);
  }
  std::map<std::string, int> signal_count;
  for (const auto& s : all.signalen) {
    INFO("signal " << s.code << " for " << s.bsn);
    REQUIRE(by_bsn.count(s.bsn) == 1);
    CHECK(s.gemeentecode == GemeenteOf(*by_bsn[s.bsn]));
    CHECK(FindSignaal(s.code) != nullptr);
    CHECK(s.datum >= Date{2008, 1, 1});
    CHECK(s.datum <= today);
    ++signal_count[s.bsn];
  }
  for (const auto& [bsn, count] : signal_count) CHECK(by_bsn[bsn]->signalen.totaal == count);
}

TEST_CASE("ValidateGeneratorOptions: refuses out-of-range counts, unknown municipalities and dates",
          "[generator]") {
  CHECK(ValidateGeneratorOptions(Options(1, 0)).ok());
  CHECK(ValidateGeneratorOptions(Options(1, kMaxGeneratedPersons)).ok());
  CHECK(ValidateGeneratorOptions(Options(1, -1)).field() == "persons");
  CHECK(ValidateGeneratorOptions(Options(1, kMaxGeneratedPersons + 1)).field() == "persons");
  GeneratorOptions o = Options(1, 10);
  o.gemeenten = {"0014", "9999"};
  CHECK(ValidateGeneratorOptions(o).field() == "gemeenten");
  o.gemeenten = {"0014", "0014"};
  CHECK(ValidateGeneratorOptions(o).field() == "gemeenten");
  o.gemeenten = {};
  o.today = Date{2012, 12, 31};
  CHECK(ValidateGeneratorOptions(o).field() == "today");
  CHECK_THROWS_AS(Generator(o), std::invalid_argument);
}
