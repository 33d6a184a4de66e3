// The registration rules of seed 003 (model/registratie.h): for every rule an accepted and a
// refused case on hand-made dossiers; a refusal leaves the dossier as it was.
#include "model/registratie.h"

#include <catch2/catch.hpp>
#include <optional>
#include <sstream>
#include <string>

using namespace isi;

namespace {

constexpr const char* kEigen = "0363";
constexpr const char* kAndere = "0599";
const Date kVandaag{2024, 6, 1};
const RegistratieContext kCtx{kEigen, kVandaag};

Date D(int y, int m, int d) { return Date{y, m, d}; }

// An obliged person of the acting municipality, without handhaving, voorziening or diploma.
Dossier Plichtig() {
  Dossier d;
  d.kop.bsn = "123456782";
  d.kop.woongemeente = kEigen;
  d.indicatie.inburgeringsplichtig = true;
  d.indicatie.datum_inburgeringsplicht = D(2010, 1, 1);
  d.versie = 7;
  return d;
}

Handhaving HandhavingVan(const std::string& gemeente) {
  Handhaving h;
  h.gehandhaafd_door_gemeente = gemeente;
  h.eerste_handhaving_door_gemeente = gemeente;
  h.begin_handhaving = D(2020, 1, 1);
  h.einde_handhavingstermijn = D(2025, 1, 1);
  return h;
}

Dossier Gehandhaafd(const std::string& gemeente = kEigen) {
  Dossier d = Plichtig();
  d.handhaving = HandhavingVan(gemeente);
  return d;
}

Dossier Vrijwilliger() {
  Dossier d = Plichtig();
  d.indicatie.inburgeringsplichtig.reset();
  d.indicatie.datum_inburgeringsplicht.reset();
  d.indicatie.vrijwillig_inburgeraar = true;
  return d;
}

Inburgeringsvoorziening VoorzieningVan(int64_t id, const std::string& gemeente) {
  Inburgeringsvoorziening v;
  v.id = id;
  v.aanbod_door_gemeente = gemeente;
  v.geregistreerd_door_gemeente = gemeente;
  v.doelgroep = Doelgroep::kWerkende;
  v.soort = SoortVoorziening::kDuaal;
  v.vorm_duaal_traject = VormDuaalTraject::kInburgeringMetWerk;
  v.datum_start = D(2024, 3, 1);
  return v;
}

Vrijstelling GedeeltelijkDoor(int64_t id, VrijstellingDoor door,
                              VrijgesteldExamenonderdeel onderdeel,
                              std::optional<NiveauDiploma> niveau) {
  Vrijstelling v;
  v.id = id;
  v.soort = SoortVrijstelling::kGedeeltelijk;
  v.door = door;
  v.datum_start = D(2023, 1, 1);
  v.examenonderdeel = onderdeel;
  v.niveau = niveau;
  return v;
}

Vrijstelling TijdelijkDoor(int64_t id, VrijstellingDoor door) {
  Vrijstelling v;
  v.id = id;
  v.soort = SoortVrijstelling::kTijdelijk;
  v.door = door;
  v.datum_start = D(2023, 1, 1);
  return v;
}

// Every part of the dossier the rules may touch, as text: equal text, equal dossier.
std::string Describe(const Dossier& d) {
  std::ostringstream out;
  auto opt = [&](const auto& o, auto&& f) {
    if (o) {
      f(*o);
    } else {
      out << "-";
    }
    out << "|";
  };
  auto date = [&](const Date& x) { out << x.ToString(); };
  auto token = [&](const auto& x) { out << Token(x); };
  auto text = [&](const std::string& x) { out << x; };
  auto flag = [&](bool x) { out << (x ? "ja" : "nee"); };
  const Indicatie& ind = d.indicatie;
  out << "versie " << d.versie << "\nindicatie ";
  opt(ind.inburgeringsplichtig, flag);
  opt(ind.datum_inburgeringsplicht, date);
  opt(ind.reden_niet_inburgeringsplichtig, token);
  flag(ind.vrijwillig_inburgeraar);
  opt(ind.ontheffing,
      [&](const Ontheffing& o) { out << Token(o.soort) << " " << o.datum.ToString(); });
  out << "\nhandhaving ";
  opt(d.handhaving, [&](const Handhaving& h) {
    out << h.gehandhaafd_door_gemeente << " " << h.eerste_handhaving_door_gemeente << " "
        << h.begin_handhaving.ToString() << " " << h.einde_handhavingstermijn.ToString();
    for (const Verlenging& v : h.verlengingen) {
      out << " [" << v.datum_verlenging.ToString() << " " << v.nieuwe_einddatum.ToString() << " "
          << v.reden_verlenging << "]";
    }
  });
  for (const Inburgeringsvoorziening& v : d.voorzieningen) {
    out << "\nvoorziening " << v.id << " " << v.aanbod_door_gemeente << " "
        << v.geregistreerd_door_gemeente << " " << Token(v.doelgroep) << " " << Token(v.soort)
        << " ";
    flag(v.indicatie_pib);
    out << " ";
    opt(v.vorm_duaal_traject, token);
    date(v.datum_start);
    out << " ";
    opt(v.datum_einde, date);
    opt(v.reden_einde, text);
  }
  for (const Vrijstelling& v : d.vrijstellingen) {
    out << "\nvrijstelling " << v.id << " " << Token(v.soort) << " " << Token(v.door) << " ";
    date(v.datum_start);
    out << " ";
    opt(v.datum_einde, date);
    opt(v.examenonderdeel, token);
    opt(v.niveau, token);
  }
  return out.str();
}

// REQUIREs that `apply` on `d` is refused with Conflict `reason` and leaves `d` as it was.
template <typename Apply>
Status RequireRefused(Dossier d, const std::string& reason, Apply&& apply) {
  const std::string was = Describe(d);
  Status s = apply(&d);
  INFO(s.ToString());
  REQUIRE(s.code() == Status::Code::kConflict);
  REQUIRE(s.reason() == reason);
  REQUIRE(!s.message().empty());
  REQUIRE(Describe(d) == was);
  return s;
}

// REQUIREs InvalidArgument naming `field`, and `d` unchanged.
template <typename Apply>
void RequireInvalid(Dossier d, const std::string& field, Apply&& apply) {
  const std::string was = Describe(d);
  Status s = apply(&d);
  INFO(s.ToString());
  REQUIRE(s.code() == Status::Code::kInvalidArgument);
  REQUIRE(s.field() == field);
  REQUIRE(Describe(d) == was);
}

// REQUIREs Ok and returns the changed dossier.
template <typename Apply>
Dossier RequireAccepted(Dossier d, Apply&& apply) {
  Status s = apply(&d);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return d;
}

HandhavingOpdracht NieuweHandhaving() {
  HandhavingOpdracht o;
  o.begin_handhaving = D(2024, 5, 1);
  o.einde_handhavingstermijn = D(2027, 5, 1);
  return o;
}

VoorzieningOpdracht NieuweVoorziening() {
  VoorzieningOpdracht o;
  o.doelgroep = Doelgroep::kUitkeringsgerechtigde;
  o.soort = SoortVoorziening::kRegulier;
  o.datum_start = D(2024, 5, 1);
  return o;
}

VrijstellingOpdracht NieuweVrijstelling(GevraagdeVrijstelling soort) {
  VrijstellingOpdracht o;
  o.soort = soort;
  if (soort == GevraagdeVrijstelling::kTijdelijk) o.datum_start = D(2024, 5, 1);
  if (soort == GevraagdeVrijstelling::kGedeeltelijk) {
    o.examenonderdeel = VrijgesteldExamenonderdeel::kTaal;
    o.niveau = NiveauDiploma::kA2;
  }
  return o;
}

IndicatieOpdracht PlichtOpdracht(bool plicht,
                                 std::optional<RedenNietInburgeringsplichtig> reden = {}) {
  IndicatieOpdracht o;
  o.inburgeringsplichtig = plicht;
  o.datum = D(2024, 5, 1);
  o.reden = reden;
  return o;
}

OntheffingOpdracht NieuweOntheffing(SoortOntheffing soort) {
  OntheffingOpdracht o;
  o.soort = soort;
  o.datum = D(2024, 4, 1);
  return o;
}

auto Handhaven(const HandhavingOpdracht& o) {
  return [o](Dossier* d) { return ApplyHandhaving(kCtx, o, d); };
}
auto Voorzien(const VoorzieningOpdracht& o, const RegistratieContext& ctx = kCtx) {
  return [o, ctx](Dossier* d) { return ApplyVoorziening(ctx, o, d); };
}
auto Vrijstellen(const VrijstellingOpdracht& o) {
  return [o](Dossier* d) { return ApplyVrijstelling(kCtx, o, d); };
}
auto Indiceren(const IndicatieOpdracht& o) {
  return [o](Dossier* d) { return ApplyIndicatie(kCtx, o, d); };
}
auto Ontheffen(const OntheffingOpdracht& o) {
  return [o](Dossier* d) { return ApplyOntheffing(kCtx, o, d); };
}

}  // namespace

// --- General: after a diploma ------------------------------------------------------------------

TEST_CASE("Registratie NaDiplomaGeenWijziging: every registration after a diploma is refused",
          "[model][registratie]") {
  Dossier d = Gehandhaafd();
  SECTION("diploma in the exam data") { d.examens.inburgeringsdiploma_behaald = true; }
  SECTION("diploma in the persoonsgegevens") {
    d.persoonsgegevens.indicatie_diploma_behaald = true;
  }

  Status s = RequireRefused(d, "NaDiplomaGeenWijziging", Voorzien(NieuweVoorziening()));
  CHECK(s.message().find("Bijvoorbeeld als een kandidaat al het diploma heeft behaald") !=
        std::string::npos);
  CHECK(s.message().find("sci@duo.nl") != std::string::npos);
  HandhavingOpdracht verleng;
  verleng.actie = Actie::kWijzigen;
  verleng.einde_handhavingstermijn = D(2026, 1, 1);
  verleng.reden_verlenging = "ziekte";
  RequireRefused(d, "NaDiplomaGeenWijziging", Handhaven(verleng));
  RequireRefused(d, "NaDiplomaGeenWijziging",
                 Vrijstellen(NieuweVrijstelling(GevraagdeVrijstelling::kGedeeltelijk)));
  RequireRefused(d, "NaDiplomaGeenWijziging", Indiceren(PlichtOpdracht(true)));
  IndicatieOpdracht weg;
  weg.actie = Actie::kBeeindigen;
  RequireRefused(d, "NaDiplomaGeenWijziging", Indiceren(weg));
  RequireRefused(d, "NaDiplomaGeenWijziging",
                 Ontheffen(NieuweOntheffing(SoortOntheffing::kMedischeGronden)));
}

TEST_CASE(
    "Registratie NaDiplomaGeenWijziging: without a diploma the same registrations are accepted",
    "[model][registratie]") {
  Dossier d = RequireAccepted(Gehandhaafd(), Voorzien(NieuweVoorziening()));
  CHECK(d.voorzieningen.size() == 1);
  d = RequireAccepted(Plichtig(), Indiceren(PlichtOpdracht(true)));
  CHECK(d.indicatie.inburgeringsplichtig == true);
}

TEST_CASE("Registratie PlichtBlijftNaDiploma: plicht = nee after a diploma is refused",
          "[model][registratie]") {
  Dossier d = Plichtig();
  d.examens.inburgeringsdiploma_behaald = true;
  for (Actie actie : {Actie::kRegistreren, Actie::kWijzigen}) {
    IndicatieOpdracht o = PlichtOpdracht(false, RedenNietInburgeringsplichtig::kGeheelVrijgesteld);
    o.actie = actie;
    Status s = RequireRefused(d, "PlichtBlijftNaDiploma", Indiceren(o));
    CHECK(s.message().find("gewezen inburgeringsplichtig") != std::string::npos);
  }
}

TEST_CASE("Registratie PlichtBlijftNaDiploma: plicht = nee without a diploma is accepted",
          "[model][registratie]") {
  Dossier d = RequireAccepted(
      Plichtig(),
      Indiceren(PlichtOpdracht(false, RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet)));
  CHECK(d.indicatie.inburgeringsplichtig == false);
  CHECK(d.indicatie.reden_niet_inburgeringsplichtig ==
        RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet);
}

// --- Handhaving --------------------------------------------------------------------------------

TEST_CASE("Registratie handhaving: registreren needs begin and einde, einde after begin",
          "[model][registratie]") {
  HandhavingOpdracht o = NieuweHandhaving();
  SECTION("refused") {
    HandhavingOpdracht zonder_begin = o;
    zonder_begin.begin_handhaving.reset();
    RequireInvalid(Plichtig(), "BeginHandhaving", Handhaven(zonder_begin));
    HandhavingOpdracht zonder_einde = o;
    zonder_einde.einde_handhavingstermijn.reset();
    RequireInvalid(Plichtig(), "EindeHandhavingstermijn", Handhaven(zonder_einde));
    HandhavingOpdracht zelfde_dag = o;
    zelfde_dag.einde_handhavingstermijn = o.begin_handhaving;
    RequireInvalid(Plichtig(), "EindeHandhavingstermijn", Handhaven(zelfde_dag));
  }
  SECTION("accepted") {
    o.einde_handhavingstermijn = o.begin_handhaving->AddDays(1);
    Dossier d = RequireAccepted(Plichtig(), Handhaven(o));
    REQUIRE(d.handhaving);
    CHECK(d.handhaving->begin_handhaving == D(2024, 5, 1));
    CHECK(d.handhaving->einde_handhavingstermijn == D(2024, 5, 2));
    CHECK(d.handhaving->gehandhaafd_door_gemeente == kEigen);
    CHECK(d.handhaving->eerste_handhaving_door_gemeente == kEigen);
    CHECK(d.handhaving->verlengingen.empty());
    CHECK(d.versie == 7);  // the store bumps it
  }
}

TEST_CASE("Registratie HandhavingBestaatAl: a second handhaving of the same municipality is refused",
          "[model][registratie]") {
  RequireRefused(Gehandhaafd(), "HandhavingBestaatAl", Handhaven(NieuweHandhaving()));
}

TEST_CASE("Registratie: after a move the new municipality takes over the handhaving",
          "[model][registratie]") {
  const Dossier before = Gehandhaafd(kAndere);
  Dossier d = RequireAccepted(before, Handhaven(NieuweHandhaving()));
  REQUIRE(d.handhaving);
  CHECK(d.handhaving->gehandhaafd_door_gemeente != kAndere);
  CHECK(d.handhaving->eerste_handhaving_door_gemeente == before.handhaving->eerste_handhaving_door_gemeente);
  CHECK(d.handhaving->verlengingen.size() == before.handhaving->verlengingen.size());
  CHECK(d.handhaving->begin_handhaving == NieuweHandhaving().begin_handhaving);
}

TEST_CASE("Registratie GeenHandhaving: wijzigen or beeindigen without handhaving is refused",
          "[model][registratie]") {
  HandhavingOpdracht o;
  o.actie = Actie::kWijzigen;
  o.einde_handhavingstermijn = D(2026, 1, 1);
  RequireRefused(Plichtig(), "GeenHandhaving", Handhaven(o));
  o = {};
  o.actie = Actie::kBeeindigen;
  RequireRefused(Plichtig(), "GeenHandhaving", Handhaven(o));
}

TEST_CASE("Registratie HandhavingVanAndereGemeente: only the enforcing municipality changes it",
          "[model][registratie]") {
  HandhavingOpdracht wijzig;
  wijzig.actie = Actie::kWijzigen;
  wijzig.einde_handhavingstermijn = D(2026, 1, 1);
  HandhavingOpdracht beeindig;
  beeindig.actie = Actie::kBeeindigen;
  SECTION("refused for another municipality's handhaving") {
    RequireRefused(Gehandhaafd(kAndere), "HandhavingVanAndereGemeente", Handhaven(wijzig));
    RequireRefused(Gehandhaafd(kAndere), "HandhavingVanAndereGemeente", Handhaven(beeindig));
  }
  SECTION("accepted for the own handhaving") {
    Dossier d = RequireAccepted(Gehandhaafd(), Handhaven(wijzig));
    CHECK(d.handhaving->einde_handhavingstermijn == D(2026, 1, 1));
    d = RequireAccepted(Gehandhaafd(), Handhaven(beeindig));
    CHECK_FALSE(d.handhaving);
  }
}

TEST_CASE("Registratie handhaving: an extension ends after the current end and is recorded",
          "[model][registratie]") {
  HandhavingOpdracht o;
  o.actie = Actie::kWijzigen;
  o.reden_verlenging = "medische omstandigheden";
  SECTION("refused: not after the current end, no reden, a begin with it") {
    o.einde_handhavingstermijn = D(2025, 1, 1);  // the current end
    RequireInvalid(Gehandhaafd(), "EindeHandhavingstermijn", Handhaven(o));
    o.einde_handhavingstermijn = D(2026, 1, 1);
    o.reden_verlenging = "";
    RequireInvalid(Gehandhaafd(), "RedenVerlenging", Handhaven(o));
    o.reden_verlenging = "x";
    o.begin_handhaving = D(2021, 1, 1);
    RequireInvalid(Gehandhaafd(), "BeginHandhaving", Handhaven(o));
  }
  SECTION("accepted: a Verlenging dated today") {
    o.einde_handhavingstermijn = D(2026, 1, 1);
    Dossier d = RequireAccepted(Gehandhaafd(), Handhaven(o));
    REQUIRE(d.handhaving->verlengingen.size() == 1);
    const Verlenging& v = d.handhaving->verlengingen[0];
    CHECK(v.datum_verlenging == kVandaag);
    CHECK(v.nieuwe_einddatum == D(2026, 1, 1));
    CHECK(v.reden_verlenging == "medische omstandigheden");
    CHECK(d.handhaving->einde_handhavingstermijn == D(2026, 1, 1));
    CHECK(d.handhaving->begin_handhaving == D(2020, 1, 1));
    // A second extension is appended after the first.
    o.einde_handhavingstermijn = D(2027, 1, 1);
    o.reden_verlenging = "opleiding";
    d = RequireAccepted(d, Handhaven(o));
    REQUIRE(d.handhaving->verlengingen.size() == 2);
    CHECK(d.handhaving->verlengingen[1].reden_verlenging == "opleiding");
  }
}

TEST_CASE("Registratie handhaving: a correction without reden changes the term",
          "[model][registratie]") {
  HandhavingOpdracht o;
  o.actie = Actie::kWijzigen;
  SECTION("refused: no einde, or einde not after begin") {
    RequireInvalid(Gehandhaafd(), "EindeHandhavingstermijn", Handhaven(o));
    o.einde_handhavingstermijn = D(2020, 1, 1);
    RequireInvalid(Gehandhaafd(), "EindeHandhavingstermijn", Handhaven(o));
  }
  SECTION("accepted: an earlier end and a new begin, no Verlenging") {
    o.begin_handhaving = D(2020, 2, 1);
    o.einde_handhavingstermijn = D(2024, 12, 1);
    Dossier d = RequireAccepted(Gehandhaafd(), Handhaven(o));
    CHECK(d.handhaving->begin_handhaving == D(2020, 2, 1));
    CHECK(d.handhaving->einde_handhavingstermijn == D(2024, 12, 1));
    CHECK(d.handhaving->verlengingen.empty());
  }
}

// --- Inburgeringsvoorziening -------------------------------------------------------------------

TEST_CASE("Registratie voorziening: registreren needs doelgroep, soort and datum start",
          "[model][registratie]") {
  VoorzieningOpdracht o = NieuweVoorziening();
  SECTION("refused") {
    VoorzieningOpdracht x = o;
    x.doelgroep.reset();
    RequireInvalid(Gehandhaafd(), "Doelgroep", Voorzien(x));
    x = o;
    x.soort.reset();
    RequireInvalid(Gehandhaafd(), "Soort", Voorzien(x));
    x = o;
    x.datum_start.reset();
    RequireInvalid(Gehandhaafd(), "DatumStart", Voorzien(x));
  }
  SECTION("accepted: registered and offered by the acting municipality, id 0 for the store") {
    Dossier d = RequireAccepted(Gehandhaafd(), Voorzien(o));
    REQUIRE(d.voorzieningen.size() == 1);
    const Inburgeringsvoorziening& v = d.voorzieningen[0];
    CHECK(v.id == 0);
    CHECK(v.aanbod_door_gemeente == kEigen);
    CHECK(v.geregistreerd_door_gemeente == kEigen);
    CHECK(v.doelgroep == Doelgroep::kUitkeringsgerechtigde);
    CHECK(v.soort == SoortVoorziening::kRegulier);
    CHECK_FALSE(v.indicatie_pib);
    CHECK(v.datum_start == D(2024, 5, 1));
    CHECK_FALSE(v.datum_einde);
  }
}

TEST_CASE("Registratie voorziening: a vorm duaal traject only with soort Duaal",
          "[model][registratie]") {
  VoorzieningOpdracht o = NieuweVoorziening();
  o.vorm_duaal_traject = VormDuaalTraject::kInburgeringMetVrijwilligerswerk;
  RequireInvalid(Gehandhaafd(), "VormDuaalTraject", Voorzien(o));
  o.soort = SoortVoorziening::kDuaal;
  Dossier d = RequireAccepted(Gehandhaafd(), Voorzien(o));
  CHECK(d.voorzieningen[0].vorm_duaal_traject ==
        VormDuaalTraject::kInburgeringMetVrijwilligerswerk);
}

TEST_CASE("Registratie voorziening: datum einde not before datum start", "[model][registratie]") {
  VoorzieningOpdracht o = NieuweVoorziening();
  o.datum_einde = D(2024, 4, 30);
  o.reden_einde = "verhuisd";
  RequireInvalid(Gehandhaafd(), "DatumEinde", Voorzien(o));
  o.datum_einde = o.datum_start;
  Dossier d = RequireAccepted(Gehandhaafd(), Voorzien(o));
  CHECK(d.voorzieningen[0].datum_einde == D(2024, 5, 1));
  CHECK(d.voorzieningen[0].reden_einde == "verhuisd");
}

TEST_CASE("Registratie RegistratietermijnVerstreken: within eight weeks of the start",
          "[model][registratie]") {
  VoorzieningOpdracht o = NieuweVoorziening();
  o.datum_start = kVandaag.AddDays(-57);
  Status s = RequireRefused(Gehandhaafd(), "RegistratietermijnVerstreken", Voorzien(o));
  CHECK(s.message().find("binnen acht weken na de startdatum") != std::string::npos);
  CHECK(s.message().find("mutatieformulier") != std::string::npos);
  CHECK(s.message().find("sci@duo.nl") != std::string::npos);

  o.datum_start = kVandaag.AddDays(-56);  // the last day of the term
  RequireAccepted(Gehandhaafd(), Voorzien(o));
  o.datum_start = kVandaag.AddDays(30);  // a start in the future
  RequireAccepted(Gehandhaafd(), Voorzien(o));
}

TEST_CASE("Registratie VoorzieningVereistHandhaving: an obliged person needs handhaving",
          "[model][registratie]") {
  Status s =
      RequireRefused(Plichtig(), "VoorzieningVereistHandhaving", Voorzien(NieuweVoorziening()));
  CHECK(s.message().find("geen sprake is van handhaving") != std::string::npos);
  RequireAccepted(Gehandhaafd(), Voorzien(NieuweVoorziening()));
  // No handhaving for volunteers: their voorziening needs none.
  RequireAccepted(Vrijwilliger(), Voorzien(NieuweVoorziening()));
}

TEST_CASE("Registratie GeestelijkBedienaarNietVoorVrijwilliger", "[model][registratie]") {
  VoorzieningOpdracht o = NieuweVoorziening();
  o.soort = SoortVoorziening::kGeestelijkBedienaar;
  SECTION("refused for a volunteer, registering or changing to that soort") {
    RequireRefused(Vrijwilliger(), "GeestelijkBedienaarNietVoorVrijwilliger", Voorzien(o));
    Dossier d = Vrijwilliger();
    d.voorzieningen.push_back(VoorzieningVan(5, kEigen));
    VoorzieningOpdracht wijzig;
    wijzig.actie = Actie::kWijzigen;
    wijzig.id = 5;
    wijzig.soort = SoortVoorziening::kGeestelijkBedienaar;
    RequireRefused(d, "GeestelijkBedienaarNietVoorVrijwilliger", Voorzien(wijzig));
  }
  SECTION("accepted for an obliged person") {
    Dossier d = RequireAccepted(Gehandhaafd(), Voorzien(o));
    CHECK(d.voorzieningen[0].soort == SoortVoorziening::kGeestelijkBedienaar);
  }
}

TEST_CASE(
    "Registratie voorziening: aanbod door gemeente defaults to the acting one, may be another",
    "[model][registratie]") {
  VoorzieningOpdracht o = NieuweVoorziening();
  o.aanbod_door_gemeente = "599";
  RequireInvalid(Gehandhaafd(), "AanbodDoorGemeente", Voorzien(o));
  // Seed 003: gemeente Y registers, "aanbod door gemeente" X.
  o.aanbod_door_gemeente = kAndere;
  Dossier d = RequireAccepted(Gehandhaafd(), Voorzien(o));
  CHECK(d.voorzieningen[0].aanbod_door_gemeente == kAndere);
  CHECK(d.voorzieningen[0].geregistreerd_door_gemeente == kEigen);
}

TEST_CASE("Registratie voorziening: wijzigen replaces the fields given", "[model][registratie]") {
  Dossier d = Gehandhaafd();
  d.voorzieningen.push_back(VoorzieningVan(5, kEigen));
  d.voorzieningen.push_back(VoorzieningVan(6, kEigen));
  d.voorzieningen[1].datum_start = D(2024, 4, 1);
  VoorzieningOpdracht o;
  o.actie = Actie::kWijzigen;
  SECTION("refused: unknown id (RecordNietGevonden), no id") {
    o.id = 99;
    RequireRefused(d, "RecordNietGevonden", Voorzien(o));
    o.id = 0;
    RequireInvalid(d, "VoorzieningId", Voorzien(o));
  }
  SECTION("accepted: soort Regulier drops the vorm duaal traject, order by start kept") {
    o.id = 6;
    o.soort = SoortVoorziening::kRegulier;
    o.indicatie_pib = true;
    o.datum_start = D(2024, 2, 1);
    Dossier after = RequireAccepted(d, Voorzien(o));
    REQUIRE(after.voorzieningen.size() == 2);
    const Inburgeringsvoorziening& v = after.voorzieningen[0];
    CHECK(v.id == 6);
    CHECK(v.soort == SoortVoorziening::kRegulier);
    CHECK_FALSE(v.vorm_duaal_traject);
    CHECK(v.indicatie_pib);
    CHECK(v.datum_start == D(2024, 2, 1));
    CHECK(v.doelgroep == Doelgroep::kWerkende);
    CHECK(after.voorzieningen[1].id == 5);
  }
}

TEST_CASE("Registratie VoorzieningVanAndereGemeente: seen, not changed by the new municipality",
          "[model][registratie]") {
  Dossier d = Gehandhaafd();
  d.voorzieningen.push_back(VoorzieningVan(5, kAndere));
  Inburgeringsvoorziening eigen = VoorzieningVan(6, kEigen);
  eigen.aanbod_door_gemeente = kAndere;  // offered by another, registered by us
  d.voorzieningen.push_back(eigen);
  VoorzieningOpdracht wijzig;
  wijzig.actie = Actie::kWijzigen;
  wijzig.doelgroep = Doelgroep::kWerkende;
  VoorzieningOpdracht beeindig;
  beeindig.actie = Actie::kBeeindigen;
  beeindig.datum_einde = D(2024, 5, 1);
  beeindig.reden_einde = "verhuisd";
  SECTION("refused for the voorziening registered by another municipality") {
    wijzig.id = beeindig.id = 5;
    Status s = RequireRefused(d, "VoorzieningVanAndereGemeente", Voorzien(wijzig));
    CHECK(s.message().find("niet door de nieuwe woongemeente") != std::string::npos);
    RequireRefused(d, "VoorzieningVanAndereGemeente", Voorzien(beeindig));
  }
  SECTION("accepted for the own registration, whoever offered it") {
    wijzig.id = beeindig.id = 6;
    RequireAccepted(d, Voorzien(wijzig));
    Dossier after = RequireAccepted(d, Voorzien(beeindig));
    CHECK(after.voorzieningen[1].datum_einde == D(2024, 5, 1));
  }
}

TEST_CASE("Registratie voorziening: beeindigen needs datum einde (not before start) and reden",
          "[model][registratie]") {
  Dossier d = Gehandhaafd();
  d.voorzieningen.push_back(VoorzieningVan(5, kEigen));
  VoorzieningOpdracht o;
  o.actie = Actie::kBeeindigen;
  o.id = 5;
  SECTION("refused") {
    o.reden_einde = "voltooid";
    RequireInvalid(d, "DatumEinde", Voorzien(o));
    o.datum_einde = D(2024, 2, 1);
    RequireInvalid(d, "DatumEinde", Voorzien(o));
    o.datum_einde = D(2024, 5, 1);
    o.reden_einde.reset();
    RequireInvalid(d, "RedenEinde", Voorzien(o));
    o.reden_einde = "voltooid";
    o.id = 77;
    RequireRefused(d, "RecordNietGevonden", Voorzien(o));
  }
  SECTION("accepted") {
    o.datum_einde = D(2024, 5, 1);
    o.reden_einde = "voltooid";
    Dossier after = RequireAccepted(d, Voorzien(o));
    CHECK(after.voorzieningen[0].datum_einde == D(2024, 5, 1));
    CHECK(after.voorzieningen[0].reden_einde == "voltooid");
    CHECK(after.voorzieningen[0].soort == SoortVoorziening::kDuaal);
  }
}

// --- Vrijstelling ------------------------------------------------------------------------------

TEST_CASE("Registratie GeheleVrijstellingIsIndicatie: a full exemption is not a vrijstelling",
          "[model][registratie]") {
  VrijstellingOpdracht o = NieuweVrijstelling(GevraagdeVrijstelling::kGeheel);
  o.datum_start = D(2024, 5, 1);
  Status s = RequireRefused(Gehandhaafd(), "GeheleVrijstellingIsIndicatie", Vrijstellen(o));
  CHECK(s.message().find("Een gehele vrijstelling kan niet geregistreerd worden in het scherm "
                         "vrijstellingen") != std::string::npos);
  CHECK(s.message().find("inburgeringsplicht op Nee met als reden Persoon is geheel vrijgesteld") !=
        std::string::npos);
  // The way seed 003 names: the indicatie.
  Dossier d = RequireAccepted(
      Gehandhaafd(),
      Indiceren(PlichtOpdracht(false, RedenNietInburgeringsplichtig::kGeheelVrijgesteld)));
  CHECK(d.vrijstellingen.empty());
  CHECK(d.indicatie.reden_niet_inburgeringsplichtig ==
        RedenNietInburgeringsplichtig::kGeheelVrijgesteld);
}

TEST_CASE("Registratie TijdelijkeVrijstellingVereistPlichtEnHandhaving", "[model][registratie]") {
  VrijstellingOpdracht o = NieuweVrijstelling(GevraagdeVrijstelling::kTijdelijk);
  SECTION("refused without handhaving, or without plicht = ja") {
    RequireRefused(Plichtig(), "TijdelijkeVrijstellingVereistPlichtEnHandhaving", Vrijstellen(o));
    Dossier d = Gehandhaafd();
    d.indicatie.inburgeringsplichtig.reset();
    RequireRefused(d, "TijdelijkeVrijstellingVereistPlichtEnHandhaving", Vrijstellen(o));
    d.indicatie.inburgeringsplichtig = false;
    RequireRefused(d, "TijdelijkeVrijstellingVereistPlichtEnHandhaving", Vrijstellen(o));
  }
  SECTION("accepted with plicht = ja and a handhaving; the municipality's") {
    o.datum_einde = D(2025, 5, 1);
    Dossier d = RequireAccepted(Gehandhaafd(), Vrijstellen(o));
    REQUIRE(d.vrijstellingen.size() == 1);
    const Vrijstelling& v = d.vrijstellingen[0];
    CHECK(v.id == 0);
    CHECK(v.soort == SoortVrijstelling::kTijdelijk);
    CHECK(v.door == VrijstellingDoor::kGemeente);
    CHECK(v.datum_start == D(2024, 5, 1));
    CHECK(v.datum_einde == D(2025, 5, 1));
  }
}

TEST_CASE(
    "Registratie vrijstelling: a tijdelijke needs datum start; einde optional, not before start",
    "[model][registratie]") {
  VrijstellingOpdracht o = NieuweVrijstelling(GevraagdeVrijstelling::kTijdelijk);
  VrijstellingOpdracht x = o;
  x.datum_start.reset();
  RequireInvalid(Gehandhaafd(), "DatumStart", Vrijstellen(x));
  x = o;
  x.datum_einde = D(2024, 4, 1);
  RequireInvalid(Gehandhaafd(), "DatumEinde", Vrijstellen(x));
  x = o;
  x.examenonderdeel = VrijgesteldExamenonderdeel::kTaal;
  RequireInvalid(Gehandhaafd(), "Examenonderdeel", Vrijstellen(x));
  x = {};
  RequireInvalid(Gehandhaafd(), "Soort", Vrijstellen(x));
  Dossier d = RequireAccepted(Gehandhaafd(), Vrijstellen(o));
  CHECK_FALSE(d.vrijstellingen[0].datum_einde);
}

TEST_CASE(
    "Registratie vrijstelling: a gedeeltelijke names an examenonderdeel, a niveau for Taal only",
    "[model][registratie]") {
  VrijstellingOpdracht o = NieuweVrijstelling(GevraagdeVrijstelling::kGedeeltelijk);
  SECTION("refused") {
    VrijstellingOpdracht x = o;
    x.examenonderdeel.reset();
    RequireInvalid(Plichtig(), "Examenonderdeel", Vrijstellen(x));
    x = o;
    x.niveau.reset();
    RequireInvalid(Plichtig(), "Niveau", Vrijstellen(x));
    x = o;
    x.examenonderdeel = VrijgesteldExamenonderdeel::kKnsCertificaatNederland;
    RequireInvalid(Plichtig(), "Niveau", Vrijstellen(x));
    x = o;
    x.datum_einde = D(2025, 1, 1);
    RequireInvalid(Plichtig(), "DatumEinde", Vrijstellen(x));
  }
  SECTION("accepted: Taal with niveau, KNS without; datum start defaults to today") {
    Dossier d = RequireAccepted(Plichtig(), Vrijstellen(o));
    REQUIRE(d.vrijstellingen.size() == 1);
    CHECK(d.vrijstellingen[0].soort == SoortVrijstelling::kGedeeltelijk);
    CHECK(d.vrijstellingen[0].door == VrijstellingDoor::kGemeente);
    CHECK(d.vrijstellingen[0].niveau == NiveauDiploma::kA2);
    CHECK(d.vrijstellingen[0].datum_start == kVandaag);
    o.examenonderdeel = VrijgesteldExamenonderdeel::kKnsCertificaatNederland;
    o.niveau.reset();
    o.datum_start = D(2024, 1, 1);
    d = RequireAccepted(d, Vrijstellen(o));
    REQUIRE(d.vrijstellingen.size() == 2);
    CHECK(d.vrijstellingen[0].examenonderdeel ==
          VrijgesteldExamenonderdeel::kKnsCertificaatNederland);
    CHECK(d.vrijstellingen[0].datum_start == D(2024, 1, 1));
  }
}

TEST_CASE("Registratie VrijstellingDuoNietOverschrijven: DUO's partial exemption is only exceeded",
          "[model][registratie]") {
  Dossier d = Gehandhaafd();
  d.vrijstellingen.push_back(GedeeltelijkDoor(
      3, VrijstellingDoor::kDuo, VrijgesteldExamenonderdeel::kTaal, NiveauDiploma::kA1));
  d.vrijstellingen.push_back(GedeeltelijkDoor(4, VrijstellingDoor::kDuo,
                                              VrijgesteldExamenonderdeel::kKnsCertificaatNederland,
                                              std::nullopt));
  VrijstellingOpdracht o = NieuweVrijstelling(GevraagdeVrijstelling::kGedeeltelijk);
  SECTION("refused: the same onderdeel at the same niveau, or without niveau") {
    o.niveau = NiveauDiploma::kA1;
    Status s = RequireRefused(d, "VrijstellingDuoNietOverschrijven", Vrijstellen(o));
    CHECK(s.message().find("Deze vrijstelling kan niet worden overschreven") != std::string::npos);
    o.examenonderdeel = VrijgesteldExamenonderdeel::kKnsCertificaatNederland;
    o.niveau.reset();
    RequireRefused(d, "VrijstellingDuoNietOverschrijven", Vrijstellen(o));
  }
  SECTION("refused: a lower niveau than DUO's") {
    d.vrijstellingen[0].niveau = NiveauDiploma::kA2;
    o.niveau = NiveauDiploma::kA1;
    RequireRefused(d, "VrijstellingDuoNietOverschrijven", Vrijstellen(o));
  }
  SECTION("refused: changing or ending DUO's partial exemption") {
    VrijstellingOpdracht wijzig;
    wijzig.actie = Actie::kWijzigen;
    wijzig.id = 3;
    wijzig.niveau = NiveauDiploma::kA2;
    RequireRefused(d, "VrijstellingDuoNietOverschrijven", Vrijstellen(wijzig));
    VrijstellingOpdracht beeindig;
    beeindig.actie = Actie::kBeeindigen;
    beeindig.id = 4;
    RequireRefused(d, "VrijstellingDuoNietOverschrijven", Vrijstellen(beeindig));
  }
  SECTION("accepted: a higher niveau, or another examenonderdeel") {
    o.niveau = NiveauDiploma::kA2;
    Dossier after = RequireAccepted(d, Vrijstellen(o));
    CHECK(after.vrijstellingen.size() == 3);
    o.examenonderdeel = VrijgesteldExamenonderdeel::kTgnWib;
    o.niveau.reset();
    after = RequireAccepted(d, Vrijstellen(o));
    CHECK(after.vrijstellingen.size() == 3);
    // DUO's rows are untouched.
    CHECK(after.vrijstellingen[0].id == 3);
    CHECK(after.vrijstellingen[0].niveau == NiveauDiploma::kA1);
  }
}

TEST_CASE(
    "Registratie vrijstelling: DUO's tijdelijke vrijstelling may be changed into the "
    "municipality's",
    "[model][registratie]") {
  // Seed 003 "Vrijstelling door DUO": "U kunt deze tijdelijke vrijstelling aanpassen door de
  // vrijstelling te veranderen in een Tijdelijke vrijstelling door gemeente of een Gedeeltelijke
  // vrijstelling."
  Dossier d = Gehandhaafd();
  d.vrijstellingen.push_back(TijdelijkDoor(8, VrijstellingDoor::kDuo));
  VrijstellingOpdracht o;
  o.actie = Actie::kWijzigen;
  o.id = 8;
  o.soort = GevraagdeVrijstelling::kGedeeltelijk;
  o.examenonderdeel = VrijgesteldExamenonderdeel::kTgnWibEnKns;
  Dossier after = RequireAccepted(d, Vrijstellen(o));
  REQUIRE(after.vrijstellingen.size() == 1);
  CHECK(after.vrijstellingen[0].id == 8);
  CHECK(after.vrijstellingen[0].door == VrijstellingDoor::kGemeente);
  CHECK(after.vrijstellingen[0].soort == SoortVrijstelling::kGedeeltelijk);
  CHECK(after.vrijstellingen[0].examenonderdeel == VrijgesteldExamenonderdeel::kTgnWibEnKns);
  o.soort = GevraagdeVrijstelling::kGeheel;
  RequireRefused(d, "GeheleVrijstellingIsIndicatie", Vrijstellen(o));

  // Made the municipality's tijdelijke vrijstelling: the rule for registering one holds.
  VrijstellingOpdracht tijdelijk;
  tijdelijk.actie = Actie::kWijzigen;
  tijdelijk.id = 8;
  tijdelijk.datum_einde = D(2025, 1, 1);
  after = RequireAccepted(d, Vrijstellen(tijdelijk));
  CHECK(after.vrijstellingen[0].door == VrijstellingDoor::kGemeente);
  CHECK(after.vrijstellingen[0].soort == SoortVrijstelling::kTijdelijk);
  CHECK(after.vrijstellingen[0].datum_einde == D(2025, 1, 1));
  d.handhaving.reset();
  RequireRefused(d, "TijdelijkeVrijstellingVereistPlichtEnHandhaving", Vrijstellen(tijdelijk));
}

TEST_CASE("Registratie vrijstelling: wijzigen and beeindigen by id", "[model][registratie]") {
  Dossier d = Gehandhaafd();
  d.vrijstellingen.push_back(TijdelijkDoor(1, VrijstellingDoor::kGemeente));
  d.vrijstellingen.push_back(GedeeltelijkDoor(
      2, VrijstellingDoor::kGemeente, VrijgesteldExamenonderdeel::kTaal, NiveauDiploma::kA1));
  VrijstellingOpdracht o;
  SECTION("refused: unknown id, no id, an end before the start") {
    o.actie = Actie::kWijzigen;
    o.id = 42;
    RequireRefused(d, "RecordNietGevonden", Vrijstellen(o));
    o.actie = Actie::kBeeindigen;
    RequireRefused(d, "RecordNietGevonden", Vrijstellen(o));
    o.id = 0;
    RequireInvalid(d, "VrijstellingId", Vrijstellen(o));
    o.id = 1;
    RequireInvalid(d, "DatumEinde", Vrijstellen(o));
    o.datum_einde = D(2022, 1, 1);
    RequireInvalid(d, "DatumEinde", Vrijstellen(o));
  }
  SECTION("accepted: beeindigen sets the end of a tijdelijke, withdraws a gedeeltelijke") {
    o.actie = Actie::kBeeindigen;
    o.id = 1;
    o.datum_einde = D(2024, 5, 31);
    Dossier after = RequireAccepted(d, Vrijstellen(o));
    CHECK(after.vrijstellingen[0].datum_einde == D(2024, 5, 31));
    o = {};
    o.actie = Actie::kBeeindigen;
    o.id = 2;
    after = RequireAccepted(after, Vrijstellen(o));
    REQUIRE(after.vrijstellingen.size() == 1);
    CHECK(after.vrijstellingen[0].id == 1);
  }
  SECTION("accepted: wijzigen the niveau; changing the onderdeel from Taal drops the niveau") {
    o.actie = Actie::kWijzigen;
    o.id = 2;
    o.niveau = NiveauDiploma::kA2;
    Dossier after = RequireAccepted(d, Vrijstellen(o));
    CHECK(after.vrijstellingen[1].niveau == NiveauDiploma::kA2);
    o.niveau.reset();
    o.examenonderdeel = VrijgesteldExamenonderdeel::kTgnWib;
    after = RequireAccepted(after, Vrijstellen(o));
    CHECK(after.vrijstellingen[1].examenonderdeel == VrijgesteldExamenonderdeel::kTgnWib);
    CHECK_FALSE(after.vrijstellingen[1].niveau);
  }
}

// --- Indicatie inburgeringsplicht --------------------------------------------------------------

TEST_CASE("Registratie indicatie: plicht and datum required; reden with nee only",
          "[model][registratie]") {
  SECTION("refused") {
    IndicatieOpdracht o = PlichtOpdracht(true);
    o.inburgeringsplichtig.reset();
    RequireInvalid(Plichtig(), "Inburgeringsplichtig", Indiceren(o));
    o = PlichtOpdracht(true);
    o.datum.reset();
    RequireInvalid(Plichtig(), "Datum", Indiceren(o));
    RequireInvalid(Plichtig(), "Reden", Indiceren(PlichtOpdracht(false)));
    RequireInvalid(
        Plichtig(), "Reden",
        Indiceren(PlichtOpdracht(true, RedenNietInburgeringsplichtig::kGeheelVrijgesteld)));
  }
  SECTION("accepted: ja clears an old reden; wijzigen like registreren") {
    Dossier d = Plichtig();
    d.indicatie.inburgeringsplichtig = false;
    d.indicatie.reden_niet_inburgeringsplichtig =
        RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet;
    IndicatieOpdracht o = PlichtOpdracht(true);
    o.actie = Actie::kWijzigen;
    d = RequireAccepted(d, Indiceren(o));
    CHECK(d.indicatie.inburgeringsplichtig == true);
    CHECK(d.indicatie.datum_inburgeringsplicht == D(2024, 5, 1));
    CHECK_FALSE(d.indicatie.reden_niet_inburgeringsplichtig);
  }
}

TEST_CASE("Registratie indicatie: beeindigen makes the indication undetermined again",
          "[model][registratie]") {
  IndicatieOpdracht o;
  o.actie = Actie::kBeeindigen;
  Dossier d = Plichtig();
  d.indicatie.inburgeringsplichtig = false;
  d.indicatie.reden_niet_inburgeringsplichtig = RedenNietInburgeringsplichtig::kGeheelVrijgesteld;
  d = RequireAccepted(d, Indiceren(o));
  CHECK_FALSE(d.indicatie.inburgeringsplichtig);
  CHECK_FALSE(d.indicatie.datum_inburgeringsplicht);
  CHECK_FALSE(d.indicatie.reden_niet_inburgeringsplichtig);
}

TEST_CASE("Registratie indicatie: plicht = ja ends DUO's running tijdelijke vrijstelling",
          "[model][registratie]") {
  Dossier d = Gehandhaafd();
  d.indicatie.inburgeringsplichtig.reset();
  d.vrijstellingen.push_back(TijdelijkDoor(1, VrijstellingDoor::kDuo));
  d.vrijstellingen.push_back(TijdelijkDoor(2, VrijstellingDoor::kGemeente));
  SECTION("ja: ended today") {
    Dossier after = RequireAccepted(d, Indiceren(PlichtOpdracht(true)));
    CHECK(after.vrijstellingen[0].datum_einde == kVandaag);
    CHECK_FALSE(after.vrijstellingen[1].datum_einde);
  }
  SECTION("nee: left running") {
    Dossier after = RequireAccepted(
        d,
        Indiceren(PlichtOpdracht(false, RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet)));
    CHECK_FALSE(after.vrijstellingen[0].datum_einde);
  }
}

// --- Ontheffing --------------------------------------------------------------------------------

TEST_CASE("Registratie ontheffing: registreren needs soort and datum and sets plicht = nee",
          "[model][registratie]") {
  SECTION("refused") {
    OntheffingOpdracht o = NieuweOntheffing(SoortOntheffing::kMedischeGronden);
    o.soort.reset();
    RequireInvalid(Plichtig(), "Soort", Ontheffen(o));
    o = NieuweOntheffing(SoortOntheffing::kMedischeGronden);
    o.datum.reset();
    RequireInvalid(Plichtig(), "Datum", Ontheffen(o));
  }
  SECTION("accepted: medische gronden") {
    Dossier d =
        RequireAccepted(Plichtig(), Ontheffen(NieuweOntheffing(SoortOntheffing::kMedischeGronden)));
    REQUIRE(d.indicatie.ontheffing);
    CHECK(d.indicatie.ontheffing->soort == SoortOntheffing::kMedischeGronden);
    CHECK(d.indicatie.ontheffing->datum == D(2024, 4, 1));
    CHECK(d.indicatie.inburgeringsplichtig == false);
    CHECK(d.indicatie.datum_inburgeringsplicht == D(2024, 4, 1));
    CHECK(d.indicatie.reden_niet_inburgeringsplichtig ==
          RedenNietInburgeringsplichtig::kOntheffingMedischeGronden);
  }
  SECTION("accepted: evident ingeburgerd") {
    Dossier d = RequireAccepted(Plichtig(),
                                Ontheffen(NieuweOntheffing(SoortOntheffing::kEvidentIngeburgerd)));
    CHECK(d.indicatie.reden_niet_inburgeringsplichtig ==
          RedenNietInburgeringsplichtig::kOntheffingEvidentIngeburgerd);
  }
}

TEST_CASE("Registratie ontheffing: beeindigen removes it and the indication it set",
          "[model][registratie]") {
  OntheffingOpdracht o;
  o.actie = Actie::kBeeindigen;
  SECTION("refused without an ontheffing") {
    RequireRefused(Plichtig(), "RecordNietGevonden", Ontheffen(o));
  }
  SECTION("accepted: the ontheffing's reden goes with it") {
    Dossier d = RequireAccepted(Plichtig(),
                                Ontheffen(NieuweOntheffing(SoortOntheffing::kEvidentIngeburgerd)));
    d = RequireAccepted(d, Ontheffen(o));
    CHECK_FALSE(d.indicatie.ontheffing);
    CHECK_FALSE(d.indicatie.inburgeringsplichtig);
    CHECK_FALSE(d.indicatie.datum_inburgeringsplicht);
    CHECK_FALSE(d.indicatie.reden_niet_inburgeringsplichtig);
  }
  SECTION("accepted: another reden registered since stays") {
    Dossier d =
        RequireAccepted(Plichtig(), Ontheffen(NieuweOntheffing(SoortOntheffing::kMedischeGronden)));
    d.indicatie.reden_niet_inburgeringsplichtig =
        RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet;
    d = RequireAccepted(d, Ontheffen(o));
    CHECK_FALSE(d.indicatie.ontheffing);
    CHECK(d.indicatie.inburgeringsplichtig == false);
    CHECK(d.indicatie.reden_niet_inburgeringsplichtig ==
          RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet);
  }
}
