// The refresh as a whole: files in order, a file applied once, a corrupt file among good ones,
// refusals reported and never fatal, ISI actief/definitief moves, the summary, and the store's
// optimistic check between snapshot and commit.
#include "tools/refresh/refresh.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "model/isi_status_rules.h"
#include "tests/refresh/refresh_test_support.h"
#include "tools/generator.h"

using namespace isi;
using namespace isi::testing;

namespace {

Waarde W(Veld v, std::string t) { return Waarde{v, std::move(t)}; }

RuweMutatie Achternaam(const std::string& bsn, const std::string& naam, Date d = kPeil) {
  return Mut(MutatieSoort::kWijzigingPersoonsgegevens, bsn, d, {W(Veld::kAchternaam, naam)});
}

int64_t Count(const std::string& pad, const std::string& sql) { return RawDb(pad).Int(sql); }

}  // namespace

TEST_CASE("Refresh: files apply in order, each mutation of a person after the previous",
          "[refresh]") {
  RefreshOmgeving env;
  env.Voeg(Persoon(1, "0363"));
  const std::string bsn = MakeBsn(1);
  const std::string a = env.Bestand(Bron::kGba, "GBA-A", {Achternaam(bsn, "Eerste")});
  const std::string b = env.Bestand(Bron::kGba, "GBA-B", {Achternaam(bsn, "Tweede")});
  auto r = env.Refresh(kPeil, {b, a});
  CHECK(r.toegepast == 2);
  CHECK(env.Lees("0363", bsn).kop.naam.achternaam == "Eerste");  // a came last
  // One SS052 per person and municipality per run, however many changes.
  CHECK(env.Signalen(bsn) == std::vector<std::string>{"0363:SS052"});
}

TEST_CASE("Refresh: a file already applied is not applied again, also within one run",
          "[refresh]") {
  RefreshOmgeving env;
  env.Voeg(Persoon(1, "0363"));
  const std::string bsn = MakeBsn(1);
  const std::string f = env.Bestand(Bron::kGba, "GBA-1", {Achternaam(bsn, "Haddou")});
  auto r1 = env.Refresh(kPeil, {f, f});
  REQUIRE(r1.bestanden.size() == 2);
  CHECK(r1.bestanden[0].soort == refresh::BestandUitkomst::Soort::kToegepast);
  CHECK(r1.bestanden[1].soort == refresh::BestandUitkomst::Soort::kAlToegepast);
  CHECK(r1.toegepast == 1);

  // The same BestandId under another name and another content is still the same delivery.
  const std::string kopie = env.Bestand(Bron::kGba, "GBA-1", {Achternaam(bsn, "Anders")});
  auto r2 = env.Refresh(kPeil.AddDays(1), {kopie});
  CHECK(r2.bestanden[0].soort == refresh::BestandUitkomst::Soort::kAlToegepast);
  CHECK(r2.toegepast == 0);
  CHECK(r2.signalen == 0);
  CHECK(env.Lees("0363", bsn).kop.naam.achternaam == "Haddou");
  CHECK(env.Signalen(bsn).size() == 1);
  CHECK(Count(env.pad(), "SELECT count(*) FROM applied_files") == 1);
  CHECK(Count(env.pad(), "SELECT count(*) FROM refresh_runs") == 2);
  CHECK(RawDb(env.pad()).Text("SELECT bron || ' ' || aanmaakdatum FROM applied_files") ==
        "GBA 2025-03-10");
}

TEST_CASE("Refresh: a corrupt file is refused whole; the other files are applied", "[refresh]") {
  RefreshOmgeving env;
  env.Voeg(Persoon(1, "0363"));
  const std::string bsn = MakeBsn(1);
  const std::string goed = env.Bestand(Bron::kGba, "GBA-goed", {Achternaam(bsn, "Haddou")});
  const std::string kapot = env.Tekst("kapot.xml",
                                      "<GbaMutaties xmlns=\"urn:isi-koppeling:"
                                      "mutaties:gba:1\"><BestandId>GBA-kapot");
  const std::string vreemd = env.Tekst("vreemd.xml", "<Bericht/>");
  const std::string toekomst =
      env.Bestand(Bron::kGba, "GBA-later", {Achternaam(bsn, "X")}, kPeil.AddDays(1));
  const std::string weg = env.File("bestaat-niet.xml");
  auto r = env.Refresh(kPeil, {kapot, goed, vreemd, toekomst, weg});
  CHECK(r.doorgevoerd);
  REQUIRE(r.bestanden.size() == 5);
  using S = refresh::BestandUitkomst::Soort;
  CHECK(r.bestanden[0].soort == S::kGeweigerd);
  CHECK(r.bestanden[0].reden.find("geen geldige XML") != std::string::npos);
  CHECK(r.bestanden[1].soort == S::kToegepast);
  CHECK(r.bestanden[2].soort == S::kGeweigerd);
  CHECK(r.bestanden[2].reden.find("onbekend wortelelement") != std::string::npos);
  CHECK(r.bestanden[3].soort == S::kGeweigerd);
  CHECK(r.bestanden[3].reden.find("ligt na de peildatum") != std::string::npos);
  CHECK(r.bestanden[4].soort == S::kGeweigerd);
  CHECK(env.Lees("0363", bsn).kop.naam.achternaam == "Haddou");
  // A refused file is not recorded: delivered again, corrected, it is applied.
  CHECK(Count(env.pad(), "SELECT count(*) FROM applied_files") == 1);
  auto later = env.Refresh(kPeil.AddDays(1), {toekomst});
  CHECK(later.bestanden[0].soort == S::kToegepast);
}

TEST_CASE("Refresh: refusals are reported per mutation with a reason and never stop the rest",
          "[refresh]") {
  RefreshOmgeving env;
  env.Voeg(Persoon(1, "0363"));
  Dossier dood = Persoon(3, "0363");
  dood.persoonsgegevens.datum_overlijden = Date{2024, 1, 1};
  dood.kop.herkomst = Herkomst::kIsiDefinitief;
  env.Voeg(dood);
  const std::string bsn = MakeBsn(1);
  RuweMutatie ander_anummer = Achternaam(bsn, "Y");
  ander_anummer.anummer = MakeANummer(9);
  auto r = env.EenBestand(Bron::kGba, {Achternaam(MakeBsn(50), "Onbekend"),            // 1 unknown
                                       Achternaam(bsn, "Toekomst", kPeil.AddDays(2)),  // 2 future
                                       Mut(MutatieSoort::kVerhuizing, bsn, kPeil,
                                           {W(Veld::kGemeente, "0363"), W(Veld::kAdres, ""),
                                            W(Veld::kWoonplaats, "Amsterdam")}),  // 3 same gem.
                                       Mut(MutatieSoort::kVerhuizing, bsn, kPeil,
                                           {W(Veld::kGemeente, "4321"), W(Veld::kAdres, ""),
                                            W(Veld::kWoonplaats, "Nergens")}),  // 4 unknown gem.
                                       ander_anummer,                           // 5 A-nummer
                                       Achternaam(dood.kop.bsn, "Z"),           // 6 deceased
                                       Mut(MutatieSoort::kOverlijden, bsn, kPeil),      // 7 ok
                                       Achternaam(bsn, "Na de dood"),                   // 8 purged
                                       Achternaam(bsn, "Geboren", Date{1970, 1, 1})});  // 9 purged
  CHECK(r.toegepast == 1);
  CHECK(r.geweigerd == 8);
  REQUIRE(r.weigeringen.size() == 8);
  std::vector<std::string> redenen;
  for (const Weigering& w : r.weigeringen) redenen.push_back(w.reden);
  CHECK(redenen[0] == "onbekende persoon: BSN staat niet in ISI");
  CHECK(redenen[1] == "datum 2025-03-12 ligt na de peildatum 2025-03-10");
  CHECK(redenen[2].find("verhuizing binnen de gemeente") == 0);
  CHECK(redenen[3] == "onbekende gemeente 4321");
  CHECK(redenen[4] == "A-nummer hoort niet bij dit BSN");
  CHECK(redenen[5] == "persoon is overleden");
  CHECK(redenen[6] == "persoon is overleden; de gegevens zijn geschoond");
  CHECK(r.weigeringen[0].volgnummer == 1);
  CHECK(r.weigeringen[7].volgnummer == 9);
  CHECK(r.weigeringen[3].soort == "Verhuizing");
  CHECK(r.geschoond == 1);
}

TEST_CASE("Refresh: a newcomer the IND reports twice, and an A-nummer in use", "[refresh]") {
  RefreshOmgeving env;
  env.Voeg(Persoon(1, "0363"));
  auto nieuwkomer = [](const std::string& bsn, const std::string& anummer) {
    RuweMutatie m = Mut(MutatieSoort::kNieuwkomer, bsn, kPeil,
                        {W(Veld::kAchternaam, "Osman"), W(Veld::kGeboortedatum, "1991-01-01"),
                         W(Veld::kGeslacht, "Vrouw"), W(Veld::kGemeente, "0599")});
    m.anummer = anummer;
    return m;
  };
  auto r =
      env.EenBestand(Bron::kInd, {nieuwkomer(MakeBsn(20), MakeANummer(20)),
                                  nieuwkomer(MakeBsn(20), MakeANummer(20)),  // known now: no change
                                  nieuwkomer(MakeBsn(21), MakeANummer(1)),   // A-nummer of person 1
                                  nieuwkomer(MakeBsn(22), MakeANummer(20)),  // A-nummer just given
                                  Mut(MutatieSoort::kNieuwkomer, MakeBsn(23))});  // no data
  CHECK(r.nieuwe_personen == 1);
  CHECK(r.toegepast == 2);
  CHECK(r.zonder_wijziging == 1);
  REQUIRE(r.weigeringen.size() == 3);
  CHECK(r.weigeringen[0].reden == "A-nummer is al van een andere persoon");
  CHECK(r.weigeringen[1].reden == "A-nummer is al van een andere persoon");
  CHECK(r.weigeringen[2].reden.find("onbekende persoon") == 0);
  CHECK(env.Lees("0599", MakeBsn(20)).kop.anummer == MakeANummer(20));
  CHECK(env.Signalen(MakeBsn(20)) == std::vector<std::string>{"0599:SS064"});
}

TEST_CASE("Refresh: ISI actief and definitief move by the seed's rules", "[refresh][status]") {
  RefreshOmgeving env;
  // Abroad for over a year: moves to definitief on the day.
  Dossier weg = Persoon(1, "1999");
  weg.kop.vorige_woongemeente = "0363";
  weg.persoonsgegevens.adres = Adres{};
  weg.persoonsgegevens.datum_vertrek_uit_nederland = kPeil.AddYears(-1);
  env.Voeg(weg);
  // Reaches 65 today.
  Dossier oud = Persoon(3, "0363");
  oud.kop.geboortedatum = oud.persoonsgegevens.geboortedatum = kPeil.AddYears(-65);
  env.Voeg(oud);
  // In definitief because abroad long ago; comes back: actief again.
  Dossier terug = Persoon(4, "1999");
  terug.kop.vorige_woongemeente = "0034";
  terug.kop.herkomst = Herkomst::kIsiDefinitief;
  terug.persoonsgegevens.adres = Adres{};
  terug.persoonsgegevens.datum_vertrek_uit_nederland = Date{2015, 1, 1};
  env.Voeg(terug);
  // Definitief for a reason the rules do not know (placed there by hand): stays.
  Dossier hand = Persoon(5, "0363");
  hand.kop.herkomst = Herkomst::kIsiDefinitief;
  env.Voeg(hand);
  // Naturalised: definitief.
  env.Voeg(Persoon(6, "0363"));

  auto r = env.EenBestand(
      Bron::kGba,
      {Mut(MutatieSoort::kVestigingUitBuitenland, terug.kop.bsn, kPeil,
           {W(Veld::kGemeente, "0034"), W(Veld::kAdres, ""), W(Veld::kWoonplaats, "Almere")}),
       Achternaam(hand.kop.bsn, "Bakker"),
       Mut(MutatieSoort::kWijzigingNationaliteit, MakeBsn(6), kPeil,
           {W(Veld::kNationaliteit1, "Nederlandse"), W(Veld::kNationaliteit2, "Marokkaanse")})});
  CHECK(r.naar_definitief == 3);
  CHECK(r.naar_actief == 1);
  CHECK(env.Lees("0363", weg.kop.bsn).kop.herkomst == Herkomst::kIsiDefinitief);
  CHECK(env.Lees("0363", oud.kop.bsn).kop.herkomst == Herkomst::kIsiDefinitief);
  CHECK(env.Lees("0034", terug.kop.bsn).kop.herkomst == Herkomst::kIsiActief);
  CHECK(env.Lees("0363", hand.kop.bsn).kop.herkomst == Herkomst::kIsiDefinitief);
  CHECK(env.Lees("0363", MakeBsn(6)).kop.herkomst == Herkomst::kIsiDefinitief);
  CHECK(env.Signalen(terug.kop.bsn) == std::vector<std::string>{"0034:SS001"});  // > a year
  // The versie of a person the refresh changed went up (a CVS with the old one must reload).
  CHECK(env.Lees("0363", oud.kop.bsn).versie == 2);
}

TEST_CASE("Refresh: the synthetic data agree with the actief/definitief rules",
          "[refresh][status]") {
  GeneratorOptions o;
  o.seed = 21;
  o.persons = 3000;
  o.today = Date{2026, 11, 23};
  Generator g(o);
  std::vector<Dossier> batch;
  std::vector<Signaal> signalen;
  int64_t anders = 0;
  int64_t totaal = 0;
  while (g.NextBatch(500, &batch, &signalen)) {
    for (const Dossier& d : batch) {
      ++totaal;
      if (BepaalHerkomst(d, o.today).herkomst != d.kop.herkomst) ++anders;
    }
  }
  // The first refresh on such a store moves nobody.
  INFO(anders << " of " << totaal);
  CHECK(anders == 0);
}

TEST_CASE("RefreshStore: a person changed between snapshot and commit refuses the commit",
          "[refresh][store]") {
  RefreshOmgeving env;
  env.Voeg(Persoon(1, "0363"));
  env.Voeg(Persoon(2, "0363"));
  std::unique_ptr<RefreshStore> rs;
  REQUIRE(OpenSqliteRefreshStore(env.pad(), StoreOptions{}, &rs).ok());
  REQUIRE(rs->BeginSnapshot().ok());
  std::vector<PersoonToestand> personen;
  REQUIRE(rs->LoadPersons({MakeBsn(1), MakeBsn(2)}, [&](const std::string&, PersoonToestand&& p) {
              personen.push_back(std::move(p));
              return Status::Ok();
            }).ok());
  REQUIRE(rs->EndSnapshot().ok());
  REQUIRE(personen.size() == 2);
  RefreshCommit c;
  c.peildatum = kPeil;
  c.bestanden.push_back({"GBA-race", Bron::kGba, kPeil});
  for (const PersoonToestand& voor : personen) {
    PersoonToestand na = voor;
    na.dossier.kop.naam.achternaam = "Refresh";
    PersoonWijziging w;
    REQUIRE(MaakPersoonWijziging(voor, na, &w).ok());
    c.personen.push_back(std::move(w));
  }
  c.signalen.push_back({MakeBsn(1), "0363", "SS052", kPeil, "Refresh", std::nullopt, std::nullopt});
  // Meanwhile someone else changes person 2 (a registration bumps its versie).
  REQUIRE(RawDb(env.pad()).Exec("UPDATE personen SET versie = versie + 1, achternaam = 'Gemeente' "
                                "WHERE bsn = '" +
                                MakeBsn(2) + "'") == 0);
  CommitResultaat res;
  Status s = rs->Commit(c, CommitOpties{}, &res);
  CHECK(s.code() == Status::Code::kConflict);
  // Nothing of the refresh landed.
  CHECK(env.Lees("0363", MakeBsn(1)).kop.naam.achternaam == "El Amrani");
  CHECK(env.Lees("0363", MakeBsn(2)).kop.naam.achternaam == "Gemeente");
  CHECK(Count(env.pad(), "SELECT count(*) FROM signalen") == 0);
  CHECK(Count(env.pad(), "SELECT count(*) FROM applied_files") == 0);
  CHECK(Count(env.pad(), "SELECT count(*) FROM refresh_runs") == 0);
}

TEST_CASE(
    "Refresh: without files, only the date's signals and moves; the window starts after "
    "the previous run",
    "[refresh]") {
  RefreshOmgeving env;
  Dossier d = Persoon(1, "0363");
  Handhaving h;
  h.gehandhaafd_door_gemeente = h.eerste_handhaving_door_gemeente = "0363";
  h.begin_handhaving = Date{2020, 1, 1};
  h.einde_handhavingstermijn = kPeil.AddDays(-3);  // ended three days before
  d.handhaving = h;
  env.Voeg(d);
  auto eerste = env.Refresh(kPeil.AddDays(-5), {});
  CHECK(eerste.signalen == 0);
  CHECK_FALSE(eerste.vorige_peildatum);
  // Five days later: the end passed in between, so it is raised now, once.
  auto r = env.Refresh(kPeil, {});
  CHECK(r.vorige_peildatum == kPeil.AddDays(-5));
  CHECK(r.signalen_per_code == std::map<std::string, int64_t>{{"SS066", 1}});
  CHECK(env.Signalen(d.kop.bsn) == std::vector<std::string>{"0363:SS066"});
  CHECK(RawDb(env.pad()).Text("SELECT gebeurtenisdatum FROM tijdsignalen") ==
        kPeil.AddDays(-3).ToString());
}

TEST_CASE("Refresh: a person registered by a municipality during the refresh makes it recompute",
          "[refresh]") {
  RefreshOmgeving env;
  env.Voeg(Persoon(1, "0363"));
  const std::string bsn = MakeBsn(1);
  const std::string f = env.Bestand(Bron::kGba, "GBA-race", {Achternaam(bsn, "Refresh")});
  std::unique_ptr<RefreshStore> rs;
  REQUIRE(OpenSqliteRefreshStore(env.pad(), StoreOptions{}, &rs).ok());
  refresh::RefreshOpties o;
  o.peildatum = kPeil;
  o.nu = 1741600000;
  int berekend = 0;
  o.voortgang = [&](std::string_view fase, int64_t, int64_t) {
    // While the first attempt computes from its snapshot, a registration changes the person.
    if (fase == "berekenen" && berekend++ == 0) {
      REQUIRE(RawDb(env.pad()).Exec("UPDATE personen SET versie = versie + 1, voornamen = "
                                    "'Gemeente' WHERE bsn = '" +
                                    bsn + "'") == 0);
    }
  };
  refresh::RefreshRapport r;
  REQUIRE(refresh::VoerRefreshUit(rs.get(), {f}, o, &r).ok());
  CHECK(r.pogingen == 2);
  const Dossier d = env.Lees("0363", bsn);
  CHECK(d.kop.naam.voornamen == "Gemeente");  // the registration is kept
  CHECK(d.kop.naam.achternaam == "Refresh");  // and the refresh applied on top of it
  CHECK(d.versie == 3);
  CHECK(env.Signalen(bsn) == std::vector<std::string>{"0363:SS052"});
}
