// Per signal code of the manual (seed 000 §3.7): a store state and a mutation (or a date) in,
// the expected signal for the right municipality out, and no signal for anyone else. Each test
// has a bystander of another municipality who must get nothing.
#include "model/signaalregels.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "model/codes.h"
#include "tests/refresh/refresh_test_support.h"

using namespace isi;
using namespace isi::testing;

namespace {

using Codes = std::multiset<std::string>;

Codes AlsSet(const std::vector<std::string>& v) { return Codes(v.begin(), v.end()); }

// A store with the target person (n = 1, given) and a bystander (n = 2, Almere).
struct Geval {
  RefreshOmgeving env;
  std::string bsn;
  std::string omstander = MakeBsn(2);

  explicit Geval(const Dossier& d) : bsn(d.kop.bsn) {
    env.Voeg(d);
    env.Voeg(Persoon(2, "0034"));
  }
  // The signals of the refresh: the target's, and nothing for the bystander or anyone else.
  Codes Signalen() {
    CHECK(env.Signalen(omstander).empty());
    Codes alle = AlsSet(env.AlleSignalen());
    Codes eigen;
    for (const std::string& s : env.Signalen(bsn)) eigen.insert(bsn + ":" + s);
    CHECK(alle == eigen);
    return AlsSet(env.Signalen(bsn));
  }
};

Waarde W(Veld v, std::string t) { return Waarde{v, std::move(t)}; }

std::vector<Waarde> AdresVan(const std::string& woonplaats) {
  return {W(Veld::kAdres, ""), W(Veld::kPostcode, "1311AB"), W(Veld::kWoonplaats, woonplaats),
          W(Veld::kStraatnaam, "Stationsstraat"), W(Veld::kHuisnummer, "12")};
}

std::vector<Waarde> Plus(std::vector<Waarde> a, const std::vector<Waarde>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Handhaving HandhavingDoor(const std::string& gemeente, Date einde) {
  Handhaving h;
  h.gehandhaafd_door_gemeente = gemeente;
  h.eerste_handhaving_door_gemeente = gemeente;
  h.begin_handhaving = Date{2010, 1, 1};
  h.einde_handhavingstermijn = einde;
  return h;
}

Inburgeringsvoorziening LopendeVoorziening() {
  Inburgeringsvoorziening v;
  v.aanbod_door_gemeente = "0363";
  v.geregistreerd_door_gemeente = "0363";
  v.datum_start = Date{2024, 9, 1};
  return v;
}

Examenonderdeel Geslaagd(Examen e, Date d) {
  Examenonderdeel x;
  x.examen = e;
  x.uitslag = Uitslag::kGeslaagd;
  x.datum_deelname = d;
  if (e != Examen::kKennisNederlandseMaatschappij) x.niveau = ExamenNiveau::kA2;
  return x;
}

}  // namespace

TEST_CASE("Signaalregels: every code of the manual is raised by at least one rule",
          "[refresh][signalen]") {
  std::set<std::string> gedekt;
  for (const RegelBeschrijving& r : Signaalregels()) {
    CHECK(FindSignaal(r.code) != nullptr);
    CHECK_FALSE(r.oorzaak.empty());
    CHECK_FALSE(r.voorwaarde.empty());
    gedekt.insert(r.code);
  }
  for (const SignaalDefinitie& s : Signaalcodes()) {
    INFO(s.code);
    CHECK(gedekt.count(s.code) == 1);
  }
  CHECK(Mutatieregels().size() == MutatieSoorten().size());
}

TEST_CASE("SS001: a move raises SS001 for the new municipality, nothing for the old",
          "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  auto r =
      g.env.EenBestand(Bron::kGba, {Mut(MutatieSoort::kVerhuizing, g.bsn, kPeil,
                                        Plus({W(Veld::kGemeente, "0034")}, AdresVan("Almere")))});
  CHECK(r.toegepast == 1);
  CHECK(g.Signalen() == Codes{"0034:SS001"});
  CHECK(g.env.Ziet("0034", g.bsn));
  CHECK_FALSE(g.env.Ziet("0363", g.bsn));
  CHECK(g.env.Lees("0034", g.bsn).persoonsgegevens.adres.woonplaats == "Almere");
}

TEST_CASE("SS002: a temporary residence purpose from the IND", "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  g.env.EenBestand(Bron::kInd, {Mut(MutatieSoort::kVerblijfsdoel, g.bsn, kPeil,
                                    {W(Veld::kVerblijfsdoel, "TijdelijkVerblijf")})});
  CHECK(g.Signalen() == Codes{"0363:SS002"});
  CHECK(g.env.Lees("0363", g.bsn).persoonsgegevens.indicatie_verblijfsdoel ==
        Verblijfsdoel::kTijdelijkVerblijf);
}

TEST_CASE("SS003: lawful residence lost according to the GBA", "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  g.env.EenBestand(Bron::kGba, {Mut(MutatieSoort::kWijzigingVerblijfsrecht, g.bsn, kPeil,
                                    {W(Veld::kRechtmatigVerblijf, "false")})});
  CHECK(g.Signalen() == Codes{"0363:SS003"});
}

TEST_CASE("SS004: six months before the end of the term, once, for the enforcing municipality",
          "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  d.handhaving = HandhavingDoor("0363", kPeil.AddMonths(6));
  // Lives in 0363 but enforced by 0034: "wordt door u gehandhaafd" holds for nobody.
  Dossier ander = Persoon(3, "0363");
  ander.handhaving = HandhavingDoor("0034", kPeil.AddMonths(6));
  Geval g(d);
  g.env.Voeg(ander);
  g.env.Refresh(kPeil, {});
  CHECK(g.env.Signalen(ander.kop.bsn).empty());
  g.env.Refresh(kPeil.AddDays(1), {});  // the next day: not again
  g.env.Refresh(kPeil, {});             // the same day again: not again
  CHECK(AlsSet(g.env.Signalen(g.bsn)) == Codes{"0363:SS004"});
  CHECK(g.env.Signalen(g.omstander).empty());
}

TEST_CASE("SS005: the temporary exemption lapses when the enrolment ends", "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  Vrijstelling v;
  v.soort = SoortVrijstelling::kTijdelijk;
  v.door = VrijstellingDoor::kDuo;
  v.datum_start = Date{2024, 1, 1};
  v.datum_einde = Date{2026, 1, 1};
  d.vrijstellingen.push_back(v);
  Geval g(d);
  g.env.EenBestand(Bron::kDuo, {Mut(MutatieSoort::kEindeInschrijving, g.bsn, kPeil)});
  CHECK(g.Signalen() == Codes{"0363:SS005"});
  CHECK(g.env.Lees("0363", g.bsn).vrijstellingen.at(0).datum_einde == kPeil);
}

TEST_CASE("SS006: full exemption by DUO for the NT2 diploma; the person goes to definitief",
          "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  auto r = g.env.EenBestand(Bron::kDuo, {Mut(MutatieSoort::kDiploma, g.bsn, kPeil,
                                             {W(Veld::kDiplomasoort, "StaatsexamenNt2")})});
  CHECK(g.Signalen() == Codes{"0363:SS006"});
  Dossier d = g.env.Lees("0363", g.bsn);
  CHECK(d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo);
  CHECK(d.kop.herkomst == Herkomst::kIsiDefinitief);
  CHECK(r.naar_definitief == 1);
}

TEST_CASE("SS007: reaching 18, once, when DUO knows no exemption", "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  d.kop.geboortedatum = d.persoonsgegevens.geboortedatum = kPeil.AddYears(-18);
  d.indicatie.inburgeringsplichtig.reset();
  Dossier vrijgesteld = Persoon(3, "0363");  // also 18 today, but with a temporary exemption
  vrijgesteld.kop.geboortedatum = vrijgesteld.persoonsgegevens.geboortedatum = d.kop.geboortedatum;
  Vrijstelling v;
  v.soort = SoortVrijstelling::kTijdelijk;
  v.door = VrijstellingDoor::kDuo;
  v.datum_start = Date{2024, 1, 1};
  vrijgesteld.vrijstellingen.push_back(v);
  Geval g(d);
  g.env.Voeg(vrijgesteld);
  g.env.Refresh(kPeil.AddDays(-1), {});  // the day before: not yet
  CHECK(g.env.Signalen(g.bsn).empty());
  g.env.Refresh(kPeil, {});
  g.env.Refresh(kPeil.AddDays(1), {});
  CHECK(AlsSet(g.env.Signalen(g.bsn)) == Codes{"0363:SS007"});
  CHECK(g.env.Signalen(vrijgesteld.kop.bsn).empty());
  CHECK(g.env.Signalen(g.omstander).empty());
}

TEST_CASE("SS008: a death raises SS008, then the person is purged and disappears from view",
          "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  d.handhaving = HandhavingDoor("0363", Date{2030, 1, 1});
  d.voorzieningen.push_back(LopendeVoorziening());
  Geval g(d);
  auto r = g.env.EenBestand(Bron::kGba, {Mut(MutatieSoort::kOverlijden, g.bsn, kPeil)});
  CHECK(g.Signalen() == Codes{"0363:SS008"});
  CHECK(r.geschoond == 1);
  CHECK_FALSE(g.env.Ziet("0363", g.bsn));
  WetInfo wet;
  REQUIRE(g.env.store().WhichLaw(g.bsn, "0363", &wet).ok());
  CHECK(wet.wet == Wet::kWi2007);
  CHECK(wet.overleden);
  CHECK_FALSE(wet.woonachtig_in_gemeente);
  RawDb raw(g.env.pad());
  CHECK(raw.Text("SELECT achternaam || voornamen || coalesce(anummer, '') || "
                 "coalesce(postcode, '') FROM personen WHERE bsn = '" +
                 g.bsn + "'") == "");
  CHECK(raw.Int("SELECT purged FROM personen WHERE bsn = '" + g.bsn + "'") == 1);
  for (const char* t :
       {"handhavingen", "voorzieningen", "vrijstellingen", "boetes", "examenonderdelen"}) {
    CHECK(raw.Int(std::string("SELECT count(*) FROM ") + t + " WHERE bsn = '" + g.bsn + "'") == 0);
  }
  // The municipality keeps its SS008 signal to act on.
  SignaalSelectie sel;
  sel.gemeentecode = "0363";
  std::vector<SignaalRij> rows;
  int64_t total = 0, open = 0;
  REQUIRE(g.env.store().SelectSignals(sel, std::nullopt, 10, &rows, &total, &open).ok());
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].code == "SS008");
}

TEST_CASE("SS009: a corrected birth date", "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  g.env.EenBestand(Bron::kGba, {Mut(MutatieSoort::kWijzigingGeboortedatum, g.bsn, kPeil,
                                    {W(Veld::kGeboortedatum, "1979-12-31")})});
  CHECK(g.Signalen() == Codes{"0363:SS009"});
  CHECK(g.env.Lees("0363", g.bsn).kop.geboortedatum == Date{1979, 12, 31});
}

TEST_CASE("SS010: back in the Netherlands within a year, for the municipality of settlement",
          "[refresh][signalen]") {
  Dossier d = Persoon(1, "1999");
  d.kop.vorige_woongemeente = "0363";
  d.persoonsgegevens.adres = Adres{};
  d.persoonsgegevens.datum_vertrek_uit_nederland = Date{2024, 10, 1};
  Geval g(d);
  g.env.EenBestand(Bron::kGba, {Mut(MutatieSoort::kVestigingUitBuitenland, g.bsn, kPeil,
                                    Plus({W(Veld::kGemeente, "0034")}, AdresVan("Almere")))});
  CHECK(g.Signalen() == Codes{"0034:SS010"});
  CHECK(g.env.Ziet("0034", g.bsn));
  CHECK_FALSE(g.env.Ziet("0363", g.bsn));
}

TEST_CASE("SS011: settled abroad; the municipality left keeps the person as gewezen ingezetene",
          "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  g.env.EenBestand(Bron::kGba, {Mut(MutatieSoort::kVertrekBuitenland, g.bsn, kPeil,
                                    {W(Veld::kLand, "Marokko")})});
  CHECK(g.Signalen() == Codes{"0363:SS011"});
  Dossier d = g.env.Lees("0363", g.bsn);
  CHECK(d.kop.woongemeente == "1999");
  CHECK(d.kop.vorige_woongemeente == "0363");
  CHECK(d.kop.herkomst == Herkomst::kIsiActief);  // definitief only after a year
}

TEST_CASE("SS012: a changed nationality", "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  g.env.EenBestand(Bron::kGba, {Mut(MutatieSoort::kWijzigingNationaliteit, g.bsn, kPeil,
                                    {W(Veld::kNationaliteit1, "Turkse")})});
  CHECK(g.Signalen() == Codes{"0363:SS012"});
}

TEST_CASE("SS015: a changed asylum indication", "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  g.env.EenBestand(Bron::kGba, {Mut(MutatieSoort::kWijzigingAsielindicatie, g.bsn, kPeil,
                                    {W(Veld::kAsielgerechtigd, "true")})});
  CHECK(g.Signalen() == Codes{"0363:SS015"});
}

TEST_CASE("SS016: the last exam part passed gives the diploma", "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  for (Examen e : {Examen::kKennisNederlandseMaatschappij, Examen::kLeesvaardigheid,
                   Examen::kLuistervaardigheid, Examen::kSpreekvaardigheid}) {
    d.examens.onderdelen.push_back(Geslaagd(e, Date{2024, 11, 1}));
  }
  Geval g(d);
  auto r = g.env.EenBestand(
      Bron::kDuo, {Mut(MutatieSoort::kExamenuitslag, g.bsn, kPeil,
                       {W(Veld::kExamen, "Schrijfvaardigheid"), W(Veld::kExamenniveau, "A2"),
                        W(Veld::kUitslag, "Geslaagd")})});
  CHECK(g.Signalen() == Codes{"0363:SS016"});  // no SS065: 0363 has no CVS here
  Dossier na = g.env.Lees("0363", g.bsn);
  CHECK(na.examens.inburgeringsdiploma_behaald);
  CHECK(na.examens.datum_diploma_behaald == kPeil);
  CHECK(na.indicatie.inburgeringsplichtig == true);  // stays: "gewezen inburgeringsplichtig"
  CHECK(na.kop.herkomst == Herkomst::kIsiDefinitief);
  CHECK(r.naar_definitief == 1);
}

TEST_CASE("SS017: the short exemption test passed", "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  g.env.EenBestand(Bron::kDuo, {Mut(MutatieSoort::kKorteVrijstellingstoets, g.bsn, kPeil)});
  CHECK(g.Signalen() == Codes{"0363:SS017"});
  CHECK(g.env.Lees("0363", g.bsn).persoonsgegevens.indicatie_gehele_vrijstelling_door_duo);
}

TEST_CASE("SS031: a volunteer with an exempting diploma (SS006 is for the obliged)",
          "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  d.indicatie.inburgeringsplichtig = false;
  d.indicatie.vrijwillig_inburgeraar = true;
  Geval g(d);
  g.env.EenBestand(Bron::kDuo, {Mut(MutatieSoort::kDiploma, g.bsn, kPeil,
                                    {W(Veld::kDiplomasoort, "VrijstellendDiploma")})});
  CHECK(g.Signalen() == Codes{"0363:SS031"});
}

TEST_CASE("SS033: a volunteer turns out to have lived here eight years at school age",
          "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  d.indicatie.inburgeringsplichtig = false;
  d.indicatie.vrijwillig_inburgeraar = true;
  Geval g(d);
  g.env.EenBestand(Bron::kGba, {Mut(MutatieSoort::kWijzigingPersoonsgegevens, g.bsn, kPeil,
                                    {W(Veld::kDatumVestigingInNederland, "1986-08-15")})});
  CHECK(g.Signalen() == Codes{"0363:SS033", "0363:SS052"});
}

TEST_CASE("SS050: permanent residence purpose for someone not (yet) obliged",
          "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  d.indicatie.inburgeringsplichtig.reset();
  d.persoonsgegevens.indicatie_verblijfsdoel = Verblijfsdoel::kTijdelijkVerblijf;
  Geval g(d);
  g.env.EenBestand(Bron::kInd, {Mut(MutatieSoort::kVerblijfsdoel, g.bsn, kPeil,
                                    {W(Veld::kVerblijfsdoel, "PermanentVerblijf")})});
  CHECK(g.Signalen() == Codes{"0363:SS050"});
}

TEST_CASE("SS052: personal data changed according to the GBA", "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  g.env.EenBestand(Bron::kGba, {Mut(MutatieSoort::kWijzigingPersoonsgegevens, g.bsn, kPeil,
                                    {W(Veld::kAchternaam, "Haddou")})});
  CHECK(g.Signalen() == Codes{"0363:SS052"});
  CHECK(g.env.Lees("0363", g.bsn).kop.naam.achternaam == "Haddou");
}

TEST_CASE("SS060: lawful residence after 2007 makes a long-time resident a nieuwkomer",
          "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  d.persoonsgegevens.indicatie_rechtmatig_verblijf = false;
  d.persoonsgegevens.datum_vestiging_in_nederland = Date{2003, 4, 1};
  Geval g(d);
  g.env.EenBestand(
      Bron::kGba,
      {Mut(MutatieSoort::kWijzigingVerblijfsrecht, g.bsn, kPeil,
           {W(Veld::kRechtmatigVerblijf, "true"), W(Veld::kDatumBeslissing, "2025-02-01")})});
  CHECK(g.Signalen() == Codes{"0363:SS003", "0363:SS060"});
  CHECK(g.env.Lees("0363", g.bsn).indicatie.categorie == Categorie::kNieuwkomer);
}

TEST_CASE("SS061: an exam application while partly exempt for that exam", "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  d.voorzieningen.push_back(LopendeVoorziening());
  Vrijstelling v;
  v.soort = SoortVrijstelling::kGedeeltelijk;
  v.door = VrijstellingDoor::kDuo;
  v.datum_start = Date{2023, 1, 1};
  v.examenonderdeel = VrijgesteldExamenonderdeel::kTaal;
  v.niveau = NiveauDiploma::kA2;
  d.vrijstellingen.push_back(v);
  Geval g(d);
  g.env.EenBestand(Bron::kDuo,
                   {Mut(MutatieSoort::kExamenaanmelding, g.bsn, kPeil,
                        {W(Veld::kExamen, "Leesvaardigheid"), W(Veld::kKader, "WetInburgering")})});
  CHECK(g.Signalen() == Codes{"0363:SS061"});
}

TEST_CASE("SS062: an exam application with another profile than the previous one",
          "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  d.voorzieningen.push_back(LopendeVoorziening());
  Geval g(d);
  g.env.EenBestand(Bron::kDuo,
                   {Mut(MutatieSoort::kExamenaanmelding, g.bsn, kPeil.AddDays(-1),
                        {W(Veld::kExamen, "Praktijkexamen"), W(Veld::kKader, "WetInburgering"),
                         W(Veld::kProfiel, "Werk")})},
                   kPeil.AddDays(-1));
  CHECK(g.env.Signalen(g.bsn).empty());
  g.env.EenBestand(Bron::kDuo,
                   {Mut(MutatieSoort::kExamenaanmelding, g.bsn, kPeil,
                        {W(Veld::kExamen, "Praktijkexamen"), W(Veld::kKader, "WetInburgering"),
                         W(Veld::kProfiel, "Ondernemerschap")})});
  CHECK(g.Signalen() == Codes{"0363:SS062"});
}

TEST_CASE("SS064: the IND adds a newcomer ISI did not know", "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  const std::string nieuw = MakeBsn(7);
  auto r = g.env.EenBestand(
      Bron::kInd, {Mut(MutatieSoort::kNieuwkomer, nieuw, kPeil,
                       Plus({W(Veld::kVoornamen, "Omar"), W(Veld::kAchternaam, "Karimi"),
                             W(Veld::kGeboortedatum, "1990-05-05"), W(Veld::kGeslacht, "Man"),
                             W(Veld::kNationaliteit1, "Afghaanse"), W(Veld::kGemeente, "0034")},
                            AdresVan("Almere")))});
  CHECK(r.nieuwe_personen == 1);
  CHECK(AlsSet(g.env.AlleSignalen()) == Codes{nieuw + ":0034:SS064"});
  Dossier d = g.env.Lees("0034", nieuw);
  CHECK(d.indicatie.categorie == Categorie::kNieuwkomer);
  CHECK(d.kop.herkomst == Herkomst::kIsiActief);
  CHECK(d.wet == Wet::kWi2007);
}

TEST_CASE("SS065: exam results and DUO partial exemptions, only for a municipality with a CVS",
          "[refresh][signalen]") {
  Geval g(Persoon(1, "0363"));
  g.env.Cvs("0363");
  Dossier zonder_cvs = Persoon(3, "0034");
  g.env.Voeg(zonder_cvs);
  g.env.EenBestand(
      Bron::kDuo,
      {Mut(MutatieSoort::kExamenuitslag, g.bsn, kPeil,
           {W(Veld::kExamen, "KennisNederlandseMaatschappij"), W(Veld::kUitslag, "NietGeslaagd")}),
       Mut(MutatieSoort::kGedeeltelijkeVrijstelling, g.bsn, kPeil,
           {W(Veld::kExamenonderdeel, "KnsCertificaatNederland")}),
       Mut(MutatieSoort::kExamenuitslag, zonder_cvs.kop.bsn, kPeil,
           {W(Veld::kExamen, "KennisNederlandseMaatschappij"), W(Veld::kUitslag, "Geslaagd")})});
  CHECK(g.env.Signalen(zonder_cvs.kop.bsn).empty());
  CHECK(g.Signalen() == Codes{"0363:SS065"});  // once per person and run
  CHECK(g.env.Lees("0363", g.bsn).vrijstellingen.size() == 1);
}

TEST_CASE("SS066: the end of the term, once, for the enforcing municipality",
          "[refresh][signalen]") {
  Dossier d = Persoon(1, "0363");
  d.handhaving = HandhavingDoor("0363", kPeil);
  Dossier klaar = Persoon(3, "0363");  // diploma: no longer enforced
  klaar.handhaving = HandhavingDoor("0363", kPeil);
  klaar.examens.inburgeringsdiploma_behaald = true;
  klaar.examens.datum_diploma_behaald = Date{2024, 1, 1};
  klaar.persoonsgegevens.indicatie_diploma_behaald = true;
  klaar.kop.herkomst = Herkomst::kIsiDefinitief;
  Geval g(d);
  g.env.Voeg(klaar);
  g.env.Refresh(kPeil, {});
  g.env.Refresh(kPeil.AddDays(1), {});
  CHECK(AlsSet(g.env.Signalen(g.bsn)) == Codes{"0363:SS066"});
  CHECK(g.env.Signalen(klaar.kop.bsn).empty());
  CHECK(g.env.Signalen(g.omstander).empty());
}
