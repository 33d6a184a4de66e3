// Model dossier -> generated contract types: every section filled, the secret address left
// out, amounts in euros, and a drift guard over every enumeration value of the model.
#include "service/dossier_mapping.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "model/codes.h"
#include "tests/support/fixtures.h"

using namespace isi;
using namespace isi::testing;

namespace {

const char kBsn[] = "111222333";
const char kANummer[] = "4020209358";
const char kGemeente[] = "0034";

// A bare gSOAP context; everything ToSoap allocates is freed with it.
struct Context {
  struct soap* soap = soap_new();
  ~Context() {
    soap_destroy(soap);
    soap_end(soap);
    soap_free(soap);
  }
};

std::string Opt(const std::string* s) { return s != nullptr ? *s : std::string("<null>"); }

// The wire amount of a boete of `cents`.
std::string Bedrag(int64_t cents) {
  Context ctx;
  Dossier d = RichDossier(kBsn, kANummer, kGemeente);
  d.boetes[0].bedrag_centen = cents;
  isi__Dossier* out = nullptr;
  Status s = ToSoap(ctx.soap, d, &out);
  INFO(s.ToString());
  REQUIRE(s.ok());
  REQUIRE(out->Boete.size() == 1);
  return out->Boete[0]->Bedrag;
}

// Sets every value of model enumeration E in turn (via `set`) and checks that ToSoap accepts
// it and that the contract's token (via `wire`) is the model's token. The values are counted
// through Token/ParseToken, so a value added to the model is covered without touching this.
template <typename E, typename Set, typename Wire>
void EveryValueReachesTheContract(const char* where, Set set, Wire wire) {
  int count = 0;
  for (int i = 0; i < 64; ++i) {
    const E value = static_cast<E>(i);
    const std::optional<E> parsed = ParseToken<E>(Token(value));
    if (!parsed || *parsed != value) break;
    ++count;
    INFO(where << " = " << Token(value));
    Context ctx;
    Dossier d = RichDossier(kBsn, kANummer, kGemeente);
    set(d, value);
    isi__Dossier* out = nullptr;
    Status s = ToSoap(ctx.soap, d, &out);
    INFO(s.ToString());
    REQUIRE(s.ok());
    REQUIRE(out != nullptr);
    CHECK(std::string(wire(ctx.soap, *out)) == Token(value));
  }
  INFO(where);
  CHECK(count >= 2);
}

}  // namespace

TEST_CASE("ToSoap: a rich dossier fills every section", "[service]") {
  Context ctx;
  Dossier d = RichDossier(kBsn, kANummer, kGemeente);
  d.signalen = {4, 2, 1, 1};
  d.versie = 7;
  isi__Dossier* out = nullptr;
  Status s = ToSoap(ctx.soap, d, &out);
  INFO(s.ToString());
  REQUIRE(s.ok());
  REQUIRE(out != nullptr);

  SECTION("kop") {
    REQUIRE(out->Kop != nullptr);
    REQUIRE(out->Kop->Naam != nullptr);
    CHECK(Opt(out->Kop->Naam->Voornamen) == "Amina Fatima");
    CHECK(Opt(out->Kop->Naam->Voorvoegsels) == "el");
    CHECK(out->Kop->Naam->Achternaam == "Haddou");
    CHECK(out->Kop->BSN == kBsn);
    CHECK(Opt(out->Kop->ANummer) == kANummer);
    CHECK(out->Kop->Geboortedatum == "1981-04-04");
    CHECK(out->Kop->Herkomst == isi__Herkomst::IsiActief);
    CHECK(out->Kop->Woongemeente == kGemeente);
  }
  SECTION("signalen and versie") {
    REQUIRE(out->Signalen != nullptr);
    CHECK(out->Signalen->Totaal == 4);
    CHECK(out->Signalen->Nieuw == 2);
    CHECK(out->Signalen->InBehandeling == 1);
    CHECK(out->Signalen->Afgehandeld == 1);
    CHECK(out->Versie == 7);
  }
  SECTION("persoonsgegevens with the address") {
    const isi__Persoonsgegevens* p = out->Persoonsgegevens;
    REQUIRE(p != nullptr);
    CHECK(p->Geboortedatum == "1981-04-04");
    CHECK(p->Geslacht == isi__Geslacht::Vrouw);
    CHECK(Opt(p->Geboorteland) == "Marokko");
    CHECK(Opt(p->Geboorteplaats) == "Nador");
    CHECK(Opt(p->Nationaliteit1) == "Marokkaanse");
    CHECK(p->Nationaliteit2 == nullptr);
    REQUIRE(p->Adres != nullptr);
    CHECK(Opt(p->Adres->Postcode) == "1315AB");
    CHECK(Opt(p->Adres->Woonplaats) == "Almere");
    CHECK(Opt(p->Adres->Straatnaam) == "Stadhuisplein");
    REQUIRE(p->Adres->Huisnummer != nullptr);
    CHECK(*p->Adres->Huisnummer == 1);
    CHECK(Opt(p->Adres->Huisnummertoevoeging) == "A");
    CHECK(p->Adres->Huisnummeraanduiding == nullptr);
    CHECK(p->Adres->Locatieomschrijving == nullptr);
    REQUIRE(p->IndicatieBetrouwbaarAdres != nullptr);
    CHECK(*p->IndicatieBetrouwbaarAdres);
    CHECK(Opt(p->DatumVestigingInNederland) == "2006-05-01");
    CHECK(p->DatumVertrekUitNederland == nullptr);
    REQUIRE(p->RechtOpLeningEnVergoeding != nullptr);
    CHECK(*p->RechtOpLeningEnVergoeding);
    REQUIRE(p->IndicatieAsielgerechtigd != nullptr);
    CHECK_FALSE(*p->IndicatieAsielgerechtigd);
    REQUIRE(p->IndicatieVerblijfsdoel != nullptr);
    CHECK(*p->IndicatieVerblijfsdoel == isi__Verblijfsdoel::PermanentVerblijf);
    REQUIRE(p->IndicatieRechtmatigVerblijf != nullptr);
    CHECK(*p->IndicatieRechtmatigVerblijf);
    CHECK(p->IndicatiePersoonsvolgendBudget == nullptr);
    REQUIRE(p->PersoonsvolgendBudgetGebruikt != nullptr);
    CHECK_FALSE(*p->PersoonsvolgendBudgetGebruikt);
    CHECK(p->InAzcGehuisvest == nullptr);
    CHECK_FALSE(p->IndicatieDiplomaBehaald);
    CHECK(p->NiveauInburgeringsdiploma == nullptr);
    CHECK(p->IndicatieSchuldAanwezig);
    CHECK_FALSE(p->IndicatieGeheleVrijstellingDoorDuo);
    CHECK(p->ExamenaanvraagAanwezig == isi__ExamenaanvraagKader::WetInburgering);
    CHECK(p->CodeGeheim == isi__CodeGeheim::GeenBeperking);
    CHECK(p->DatumOverlijden == nullptr);
  }
  SECTION("indicatie") {
    const isi__Indicatie* i = out->Indicatie;
    REQUIRE(i != nullptr);
    REQUIRE(i->Inburgeringsplichtig != nullptr);
    CHECK(*i->Inburgeringsplichtig);
    CHECK(Opt(i->DatumInburgeringsplicht) == "2008-03-01");
    CHECK(i->RedenNietInburgeringsplichtig == nullptr);
    REQUIRE(i->Categorie != nullptr);
    CHECK(*i->Categorie == isi__Categorie::Oudkomer);
    CHECK(i->Ontheffing == nullptr);
  }
  SECTION("handhaving with its verlenging") {
    const isi__Handhaving* h = out->Handhaving;
    REQUIRE(h != nullptr);
    CHECK(h->GehandhaafdDoorGemeente == kGemeente);
    CHECK(h->EersteHandhavingDoorGemeente == "0363");
    CHECK(h->BeginHandhaving == "2008-03-01");
    CHECK(h->EindeHandhavingstermijn == "2014-03-01");
    REQUIRE(h->Verlenging.size() == 1);
    CHECK(h->Verlenging[0]->DatumVerlenging == "2013-02-01");
    CHECK(h->Verlenging[0]->NieuweEinddatum == "2014-03-01");
    CHECK(h->Verlenging[0]->RedenVerlenging == "Ziekte");
  }
  SECTION("voorzieningen in order, the duaal one with its vorm") {
    REQUIRE(out->Inburgeringsvoorziening.size() == 2);
    const isi__Inburgeringsvoorziening* v1 = out->Inburgeringsvoorziening[0];
    CHECK(v1->AanbodDoorGemeente == kGemeente);
    CHECK(v1->GeregistreerdDoorGemeente == kGemeente);
    CHECK(v1->Doelgroep == isi__Doelgroep::Uitkeringsgerechtigde);
    CHECK(v1->Soort == isi__SoortVoorziening::Duaal);
    CHECK(v1->IndicatiePib);
    REQUIRE(v1->VormDuaalTraject != nullptr);
    CHECK(*v1->VormDuaalTraject == isi__VormDuaalTraject::InburgeringMetWerk);
    CHECK(v1->DatumStart == "2008-06-01");
    CHECK(Opt(v1->DatumEinde) == "2010-06-01");
    CHECK(Opt(v1->RedenEinde) == "Traject afgerond");
    const isi__Inburgeringsvoorziening* v2 = out->Inburgeringsvoorziening[1];
    CHECK(v2->AanbodDoorGemeente == "0363");
    CHECK(v2->Soort == isi__SoortVoorziening::Regulier);
    CHECK(v2->VormDuaalTraject == nullptr);
    CHECK(v2->DatumStart == "2011-01-10");
    CHECK(v2->DatumEinde == nullptr);
    CHECK(v2->RedenEinde == nullptr);
  }
  SECTION("vrijstelling") {
    REQUIRE(out->Vrijstelling.size() == 1);
    const isi__Vrijstelling* v = out->Vrijstelling[0];
    CHECK(v->Soort == isi__SoortVrijstelling::Gedeeltelijk);
    CHECK(v->Door == isi__VrijstellingDoor::DUO);
    CHECK(v->DatumStart == "2009-09-01");
    CHECK(v->DatumEinde == nullptr);
    REQUIRE(v->Examenonderdeel != nullptr);
    CHECK(*v->Examenonderdeel == isi__VrijgesteldExamenonderdeel::Taal);
    REQUIRE(v->Niveau != nullptr);
    CHECK(*v->Niveau == isi__NiveauDiploma::A2);
  }
  SECTION("boete") {
    REQUIRE(out->Boete.size() == 1);
    CHECK(out->Boete[0]->DatumToekennen == "2012-05-01");
    CHECK(out->Boete[0]->Reden == "Niet tijdig examen behaald");
    CHECK(out->Boete[0]->Bedrag == "125.50");
    CHECK(out->Boete[0]->Soort == "Bestuurlijke boete");
  }
  SECTION("examens with their onderdelen") {
    const isi__Examens* e = out->Examens;
    REQUIRE(e != nullptr);
    CHECK_FALSE(e->InburgeringsdiplomaBehaald);
    CHECK(e->DatumDiplomaBehaald == nullptr);
    CHECK(e->IndicatieGeslaagd == nullptr);
    CHECK(e->DeelgenomenVolledigExamen);
    CHECK(Opt(e->GemeenteVolledigeDeelname) == kGemeente);
    CHECK(e->VolledigeDeelnameNt2 == isi__VolledigeDeelnameNt2::AanAlleOnderdelenDeelgenomen);
    CHECK(Opt(e->DatumVolledigeDeelnameNt2) == "2011-11-11");
    CHECK(Opt(e->GemeenteVolledigeDeelnameNt2) == kGemeente);
    CHECK(e->Examenaanvraag == isi__ExamenaanvraagKader::WetInburgering);
    REQUIRE(e->Examenonderdeel.size() == 2);
    const isi__Examenonderdeel* knm = e->Examenonderdeel[0];
    CHECK(knm->Examen == isi__Examen::KennisNederlandseMaatschappij);
    CHECK(knm->Niveau == nullptr);
    CHECK(knm->Uitslag == isi__Uitslag::Geslaagd);
    CHECK(knm->DatumDeelname == "2010-03-15");
    CHECK(Opt(knm->GemeenteBehaald) == kGemeente);
    CHECK(knm->Profiel == nullptr);
    const isi__Examenonderdeel* spreken = e->Examenonderdeel[1];
    CHECK(spreken->Examen == isi__Examen::Spreekvaardigheid);
    REQUIRE(spreken->Niveau != nullptr);
    CHECK(*spreken->Niveau == isi__ExamenNiveau::A2);
    CHECK(spreken->Uitslag == isi__Uitslag::NietGeslaagd);
    CHECK(Opt(spreken->Profiel) == "Werk");
    CHECK(Opt(spreken->Variant) == "Portfolio");
    CHECK(spreken->GemeenteBehaald == nullptr);
    CHECK_FALSE(spreken->IndicatieVrijgesteld);
  }
}

TEST_CASE("ToSoap: a secret address is left out, the rest is delivered", "[service]") {
  Context ctx;
  Dossier d = RichDossier(kBsn, kANummer, kGemeente, /*geheim=*/true);
  isi__Dossier* out = nullptr;
  REQUIRE(ToSoap(ctx.soap, d, &out).ok());
  const isi__Persoonsgegevens* p = out->Persoonsgegevens;
  REQUIRE(p != nullptr);
  CHECK(p->Adres == nullptr);
  CHECK(p->CodeGeheim == isi__CodeGeheim::Geheim);
  CHECK(Opt(p->Geboorteland) == "Marokko");
  CHECK(out->Kop->BSN == kBsn);
  CHECK(out->Boete.size() == 1);
}

TEST_CASE("ToSoap: a dossier without an address has no Adres element", "[service]") {
  Context ctx;
  Dossier d = RichDossier(kBsn, kANummer, kGemeente);
  d.persoonsgegevens.adres = Adres{};
  isi__Dossier* out = nullptr;
  REQUIRE(ToSoap(ctx.soap, d, &out).ok());
  CHECK(out->Persoonsgegevens->Adres == nullptr);

  d.persoonsgegevens.adres.locatieomschrijving = "Woonboot bij de Stadhuisbrug";
  REQUIRE(ToSoap(ctx.soap, d, &out).ok());
  REQUIRE(out->Persoonsgegevens->Adres != nullptr);
  CHECK(Opt(out->Persoonsgegevens->Adres->Locatieomschrijving) == "Woonboot bij de Stadhuisbrug");
  CHECK(out->Persoonsgegevens->Adres->Postcode == nullptr);
}

TEST_CASE("ToSoap: optional sections stay absent when the model has none", "[service]") {
  Context ctx;
  Dossier d = RichDossier(kBsn, kANummer, kGemeente);
  d.kop.anummer.reset();
  d.kop.naam.voornamen.clear();
  d.kop.naam.voorvoegsels.clear();
  d.handhaving.reset();
  d.voorzieningen.clear();
  d.vrijstellingen.clear();
  d.boetes.clear();
  d.examens.onderdelen.clear();
  isi__Dossier* out = nullptr;
  REQUIRE(ToSoap(ctx.soap, d, &out).ok());
  CHECK(out->Kop->ANummer == nullptr);
  CHECK(out->Kop->Naam->Voornamen == nullptr);
  CHECK(out->Kop->Naam->Voorvoegsels == nullptr);
  CHECK(out->Handhaving == nullptr);
  CHECK(out->Inburgeringsvoorziening.empty());
  CHECK(out->Vrijstelling.empty());
  CHECK(out->Boete.empty());
  REQUIRE(out->Examens != nullptr);
  CHECK(out->Examens->Examenonderdeel.empty());
}

TEST_CASE("ToSoap: an ontheffing is delivered with its soort and datum", "[service]") {
  Context ctx;
  Dossier d = RichDossier(kBsn, kANummer, kGemeente);
  d.indicatie.inburgeringsplichtig = false;
  d.indicatie.reden_niet_inburgeringsplichtig =
      RedenNietInburgeringsplichtig::kOntheffingMedischeGronden;
  d.indicatie.ontheffing = Ontheffing{SoortOntheffing::kMedischeGronden, Date{2010, 2, 3}};
  isi__Dossier* out = nullptr;
  REQUIRE(ToSoap(ctx.soap, d, &out).ok());
  REQUIRE(out->Indicatie->Ontheffing != nullptr);
  CHECK(out->Indicatie->Ontheffing->Soort == isi__SoortOntheffing::MedischeGronden);
  CHECK(out->Indicatie->Ontheffing->Datum == "2010-02-03");
  REQUIRE(out->Indicatie->RedenNietInburgeringsplichtig != nullptr);
  CHECK(*out->Indicatie->RedenNietInburgeringsplichtig ==
        isi__RedenNietInburgeringsplichtig::OntheffingMedischeGronden);
}

TEST_CASE("ToSoap: amounts are euros with two decimals", "[service]") {
  CHECK(Bedrag(12550) == "125.50");
  CHECK(Bedrag(5) == "0.05");
  CHECK(Bedrag(0) == "0.00");
  CHECK(Bedrag(100) == "1.00");
  CHECK(Bedrag(99) == "0.99");
  CHECK(Bedrag(123456789) == "1234567.89");
}

TEST_CASE("ToSoap: a model value the contract does not know is Internal, not a wrong value",
          "[service]") {
  Context ctx;
  Dossier d = RichDossier(kBsn, kANummer, kGemeente);
  d.persoonsgegevens.geslacht = static_cast<Geslacht>(42);
  isi__Dossier* out = nullptr;
  Status s = ToSoap(ctx.soap, d, &out);
  CHECK(s.code() == Status::Code::kInternal);
  CHECK(out == nullptr);
  CHECK(ctx.soap->error == SOAP_OK);  // the context stays usable for the fault
}

// DRIFT GUARD: a token added to the model but missing from wsdl/isi.wsdl fails here.
TEST_CASE("ToSoap: every value of every model enumeration has a counterpart in the contract",
          "[service]") {
  using D = Dossier;
  using O = isi__Dossier;
  using S = struct soap*;
  EveryValueReachesTheContract<Herkomst>(
      "Kop.Herkomst", [](D& d, Herkomst v) { d.kop.herkomst = v; },
      [](S s, const O& o) { return soap_isi__Herkomst2s(s, o.Kop->Herkomst); });
  EveryValueReachesTheContract<Geslacht>(
      "Persoonsgegevens.Geslacht", [](D& d, Geslacht v) { d.persoonsgegevens.geslacht = v; },
      [](S s, const O& o) { return soap_isi__Geslacht2s(s, o.Persoonsgegevens->Geslacht); });
  EveryValueReachesTheContract<Verblijfsdoel>(
      "Persoonsgegevens.IndicatieVerblijfsdoel",
      [](D& d, Verblijfsdoel v) { d.persoonsgegevens.indicatie_verblijfsdoel = v; },
      [](S s, const O& o) {
        return soap_isi__Verblijfsdoel2s(s, *o.Persoonsgegevens->IndicatieVerblijfsdoel);
      });
  EveryValueReachesTheContract<ExamenaanvraagKader>(
      "Persoonsgegevens.ExamenaanvraagAanwezig",
      [](D& d, ExamenaanvraagKader v) { d.persoonsgegevens.examenaanvraag_aanwezig = v; },
      [](S s, const O& o) {
        return soap_isi__ExamenaanvraagKader2s(s, o.Persoonsgegevens->ExamenaanvraagAanwezig);
      });
  EveryValueReachesTheContract<ExamenaanvraagKader>(
      "Examens.Examenaanvraag", [](D& d, ExamenaanvraagKader v) { d.examens.examenaanvraag = v; },
      [](S s, const O& o) {
        return soap_isi__ExamenaanvraagKader2s(s, o.Examens->Examenaanvraag);
      });
  EveryValueReachesTheContract<CodeGeheim>(
      "Persoonsgegevens.CodeGeheim", [](D& d, CodeGeheim v) { d.persoonsgegevens.code_geheim = v; },
      [](S s, const O& o) { return soap_isi__CodeGeheim2s(s, o.Persoonsgegevens->CodeGeheim); });
  EveryValueReachesTheContract<NiveauDiploma>(
      "Persoonsgegevens.NiveauInburgeringsdiploma",
      [](D& d, NiveauDiploma v) { d.persoonsgegevens.niveau_inburgeringsdiploma = v; },
      [](S s, const O& o) {
        return soap_isi__NiveauDiploma2s(s, *o.Persoonsgegevens->NiveauInburgeringsdiploma);
      });
  EveryValueReachesTheContract<NiveauDiploma>(
      "Vrijstelling.Niveau", [](D& d, NiveauDiploma v) { d.vrijstellingen[0].niveau = v; },
      [](S s, const O& o) { return soap_isi__NiveauDiploma2s(s, *o.Vrijstelling[0]->Niveau); });
  EveryValueReachesTheContract<RedenNietInburgeringsplichtig>(
      "Indicatie.RedenNietInburgeringsplichtig",
      [](D& d, RedenNietInburgeringsplichtig v) {
        d.indicatie.reden_niet_inburgeringsplichtig = v;
      },
      [](S s, const O& o) {
        return soap_isi__RedenNietInburgeringsplichtig2s(
            s, *o.Indicatie->RedenNietInburgeringsplichtig);
      });
  EveryValueReachesTheContract<Categorie>(
      "Indicatie.Categorie", [](D& d, Categorie v) { d.indicatie.categorie = v; },
      [](S s, const O& o) { return soap_isi__Categorie2s(s, *o.Indicatie->Categorie); });
  EveryValueReachesTheContract<SoortOntheffing>(
      "Indicatie.Ontheffing.Soort",
      [](D& d, SoortOntheffing v) {
        d.indicatie.ontheffing = Ontheffing{v, Date{2010, 2, 3}};
      },
      [](S s, const O& o) {
        return soap_isi__SoortOntheffing2s(s, o.Indicatie->Ontheffing->Soort);
      });
  EveryValueReachesTheContract<Doelgroep>(
      "Inburgeringsvoorziening.Doelgroep",
      [](D& d, Doelgroep v) { d.voorzieningen[0].doelgroep = v; },
      [](S s, const O& o) {
        return soap_isi__Doelgroep2s(s, o.Inburgeringsvoorziening[0]->Doelgroep);
      });
  EveryValueReachesTheContract<SoortVoorziening>(
      "Inburgeringsvoorziening.Soort",
      [](D& d, SoortVoorziening v) { d.voorzieningen[0].soort = v; },
      [](S s, const O& o) {
        return soap_isi__SoortVoorziening2s(s, o.Inburgeringsvoorziening[0]->Soort);
      });
  EveryValueReachesTheContract<VormDuaalTraject>(
      "Inburgeringsvoorziening.VormDuaalTraject",
      [](D& d, VormDuaalTraject v) { d.voorzieningen[0].vorm_duaal_traject = v; },
      [](S s, const O& o) {
        return soap_isi__VormDuaalTraject2s(s, *o.Inburgeringsvoorziening[0]->VormDuaalTraject);
      });
  EveryValueReachesTheContract<SoortVrijstelling>(
      "Vrijstelling.Soort", [](D& d, SoortVrijstelling v) { d.vrijstellingen[0].soort = v; },
      [](S s, const O& o) { return soap_isi__SoortVrijstelling2s(s, o.Vrijstelling[0]->Soort); });
  EveryValueReachesTheContract<VrijstellingDoor>(
      "Vrijstelling.Door", [](D& d, VrijstellingDoor v) { d.vrijstellingen[0].door = v; },
      [](S s, const O& o) { return soap_isi__VrijstellingDoor2s(s, o.Vrijstelling[0]->Door); });
  EveryValueReachesTheContract<VrijgesteldExamenonderdeel>(
      "Vrijstelling.Examenonderdeel",
      [](D& d, VrijgesteldExamenonderdeel v) { d.vrijstellingen[0].examenonderdeel = v; },
      [](S s, const O& o) {
        return soap_isi__VrijgesteldExamenonderdeel2s(s, *o.Vrijstelling[0]->Examenonderdeel);
      });
  EveryValueReachesTheContract<IndicatieGeslaagd>(
      "Examens.IndicatieGeslaagd",
      [](D& d, IndicatieGeslaagd v) { d.examens.indicatie_geslaagd = v; },
      [](S s, const O& o) {
        return soap_isi__IndicatieGeslaagd2s(s, *o.Examens->IndicatieGeslaagd);
      });
  EveryValueReachesTheContract<VolledigeDeelnameNt2>(
      "Examens.VolledigeDeelnameNt2",
      [](D& d, VolledigeDeelnameNt2 v) { d.examens.volledige_deelname_nt2 = v; },
      [](S s, const O& o) {
        return soap_isi__VolledigeDeelnameNt22s(s, o.Examens->VolledigeDeelnameNt2);
      });
  EveryValueReachesTheContract<Examen>(
      "Examenonderdeel.Examen", [](D& d, Examen v) { d.examens.onderdelen[0].examen = v; },
      [](S s, const O& o) { return soap_isi__Examen2s(s, o.Examens->Examenonderdeel[0]->Examen); });
  EveryValueReachesTheContract<ExamenNiveau>(
      "Examenonderdeel.Niveau", [](D& d, ExamenNiveau v) { d.examens.onderdelen[0].niveau = v; },
      [](S s, const O& o) {
        return soap_isi__ExamenNiveau2s(s, *o.Examens->Examenonderdeel[0]->Niveau);
      });
  EveryValueReachesTheContract<Uitslag>(
      "Examenonderdeel.Uitslag", [](D& d, Uitslag v) { d.examens.onderdelen[0].uitslag = v; },
      [](S s, const O& o) {
        return soap_isi__Uitslag2s(s, o.Examens->Examenonderdeel[0]->Uitslag);
      });
}
