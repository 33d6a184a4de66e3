// Integration tests of the registrations (issue 6) against the real isi-server over TLS with the
// generated client: each seed-003 rule accepted and refused through the service, the dossier
// read back with RaadplegenPersoon after every registration, role 5, and two writers racing
// with the same version.
#include <catch2/catch.hpp>
#include <ctime>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "service/client.h"
#include "store/store.h"
#include "tests/support/fixtures.h"
#include "tests/support/server_world.h"

using namespace isi;
using namespace isi::testing;

namespace {

const char kPassword[] = "registraties-test-password";
const char kK5[] = "ak_0034_muteren", kK3[] = "ak_0034_alleen_selectie";
// Persons of 0034, each in the state one rule needs (valid BSNs by the elfproef).
const char kPlichtig[] = "200000007";      // obliged, handhaving by 0034, voorzieningen of 0034 and of 0363
const char kZonderHandhaving[] = "200000019";
const char kVrijwillig[] = "200000020";
const char kDiploma[] = "200000032";
const char kDuo[] = "200000044";           // a DUO partial exemption Taal A1
const char kRace[] = "200000056";

Date Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

struct World : ServerWorld {
  World() {
    auto store = CreateStore();
    auto person = [](const char* bsn) {
      Dossier d = RichDossier(bsn, "", "0034");
      d.kop.anummer.reset();
      return d;
    };
    Dossier plichtig = person(kPlichtig);
    plichtig.voorzieningen[1].geregistreerd_door_gemeente = "0363";  // registered by another municipality
    Dossier zonder = person(kZonderHandhaving);
    zonder.handhaving.reset();
    zonder.voorzieningen.clear();
    Dossier vrijwillig = person(kVrijwillig);
    vrijwillig.indicatie.inburgeringsplichtig.reset();
    vrijwillig.indicatie.vrijwillig_inburgeraar = true;
    vrijwillig.handhaving.reset();
    vrijwillig.voorzieningen.clear();
    Dossier diploma = person(kDiploma);
    diploma.examens.inburgeringsdiploma_behaald = true;
    diploma.examens.datum_diploma_behaald = Date{2012, 6, 1};
    diploma.persoonsgegevens.indicatie_diploma_behaald = true;
    Dossier duo = person(kDuo);
    duo.vrijstellingen = {Vrijstelling{0, SoortVrijstelling::kGedeeltelijk, VrijstellingDoor::kDuo, Date{2009, 9, 1},
                                       std::nullopt, VrijgesteldExamenonderdeel::kTaal, NiveauDiploma::kA1}};
    Require(store->InsertPersons({plichtig, zonder, vrijwillig, diploma, duo, person(kRace)}, {}));
    AddKey(*store, kK5, "0034", {5}, kPassword);
    AddKey(*store, kK3, "0034", {3}, kPassword);
    store.reset();
    Start({"--workers", "4"});
  }
  ClientOptions Options(const std::string& key = kK5) const { return ServerWorld::Options(key, kPassword); }
};

World& W() {
  static World world;
  return world;
}

// The dossier as RaadplegenPersoon shows it now (copied out of the client's memory).
struct Snapshot {
  LONG64 versie = 0;
  bool handhaving = false;
  std::string einde_handhaving;
  size_t verlengingen = 0;
  std::vector<std::pair<LONG64, std::string>> voorzieningen;  // id, geregistreerd door
  std::vector<std::string> voorziening_einde;
  size_t vrijstellingen = 0;
  std::optional<bool> plichtig;
  std::optional<isi__RedenNietInburgeringsplichtig> reden;
  bool ontheffing = false;
};

Snapshot Read(const std::string& bsn) {
  IsiClient client(W().Options());
  ClientFault fault;
  auto* r = client.RaadplegenPersoon("0034", bsn, std::nullopt, &fault);
  INFO(fault.code << ": " << fault.melding);
  REQUIRE(r != nullptr);
  const isi__Dossier& d = *r->Dossier;
  Snapshot s;
  s.versie = d.Versie;
  s.handhaving = d.Handhaving != nullptr;
  if (d.Handhaving) {
    s.einde_handhaving = d.Handhaving->EindeHandhavingstermijn;
    s.verlengingen = d.Handhaving->Verlenging.size();
  }
  for (auto* v : d.Inburgeringsvoorziening) {
    s.voorzieningen.push_back({v->VoorzieningId ? *v->VoorzieningId : 0, v->GeregistreerdDoorGemeente});
    s.voorziening_einde.push_back(v->DatumEinde ? *v->DatumEinde : "");
  }
  s.vrijstellingen = d.Vrijstelling.size();
  if (d.Indicatie->Inburgeringsplichtig) s.plichtig = *d.Indicatie->Inburgeringsplichtig;
  if (d.Indicatie->RedenNietInburgeringsplichtig) s.reden = *d.Indicatie->RedenNietInburgeringsplichtig;
  s.ontheffing = d.Indicatie->Ontheffing != nullptr;
  return s;
}

// A voorziening request of `bsn`, starting `days_ago` days before today.
struct VoorzieningVraag {
  _isi__MuterenVoorziening req;
  isi__Doelgroep doelgroep = isi__Doelgroep::Werkende;
  isi__SoortVoorziening soort = isi__SoortVoorziening::Regulier;
  std::string start;
  LONG64 id = 0;
  std::string einde, reden = "Traject afgerond";
  VoorzieningVraag(const std::string& bsn, LONG64 versie, int days_ago) {
    start = Today().AddDays(-days_ago).ToString();
    req.Gemeentecode = "0034";
    req.BSN = bsn;
    req.Versie = versie;
    req.Actie = isi__Actie::Registreren;
    req.Doelgroep = &doelgroep;
    req.Soort = &soort;
    req.DatumStart = &start;
  }
};

}  // namespace

TEST_CASE("MuterenHandhaving: extension with reason is recorded and read back; another municipality's handhaving is refused", "[integration][registratie]") {
  IsiClient client(W().Options());
  Snapshot before = Read(kPlichtig);
  REQUIRE(before.handhaving);
  _isi__MuterenHandhaving req;
  req.Gemeentecode = "0034";
  req.BSN = kPlichtig;
  req.Versie = before.versie;
  req.Actie = isi__Actie::Wijzigen;
  std::string einde = "2015-03-01", reden = "Ziekte";
  req.EindeHandhavingstermijn = &einde;
  req.RedenVerlenging = &reden;
  ClientFault fault;
  auto* r = client.MuterenHandhaving(req, &fault);
  INFO(fault.code << ": " << fault.melding);
  REQUIRE(r != nullptr);
  CHECK(r->NieuweVersie == before.versie + 1);
  REQUIRE(r->Handhaving != nullptr);
  CHECK(r->Handhaving->EindeHandhavingstermijn == einde);
  Snapshot after = Read(kPlichtig);
  CHECK(after.versie == before.versie + 1);
  CHECK(after.einde_handhaving == einde);
  CHECK(after.verlengingen == before.verlengingen + 1);

  SECTION("registering a second handhaving is refused") {
    req.Actie = isi__Actie::Registreren;
    req.Versie = after.versie;
    std::string begin = "2016-01-01", eind = "2019-01-01";
    req.BeginHandhaving = &begin;
    req.EindeHandhavingstermijn = &eind;
    req.RedenVerlenging = nullptr;
    CHECK(client.MuterenHandhaving(req, &fault) == nullptr);
    CHECK(fault.code == "HandhavingBestaatAl");
    CHECK(Read(kPlichtig).versie == after.versie);
  }
}

TEST_CASE("MuterenVoorziening: the rules of seed 003", "[integration][registratie]") {
  IsiClient client(W().Options());
  ClientFault fault;
  SECTION("an obliged person with handhaving gets a voorziening; it is read back with its id") {
    Snapshot before = Read(kPlichtig);
    VoorzieningVraag v(kPlichtig, before.versie, 10);
    auto* r = client.MuterenVoorziening(v.req, &fault);
    INFO(fault.code << ": " << fault.melding);
    REQUIRE(r != nullptr);
    CHECK(r->Inburgeringsvoorziening.size() == before.voorzieningen.size() + 1);
    Snapshot after = Read(kPlichtig);
    CHECK(after.voorzieningen.size() == before.voorzieningen.size() + 1);
    for (const auto& [id, door] : after.voorzieningen) CHECK(id > 0);
  }
  SECTION("an obliged person without handhaving: VoorzieningVereistHandhaving") {
    VoorzieningVraag v(kZonderHandhaving, Read(kZonderHandhaving).versie, 10);
    CHECK(client.MuterenVoorziening(v.req, &fault) == nullptr);
    CHECK(fault.code == "VoorzieningVereistHandhaving");
  }
  SECTION("geestelijk bedienaar for a volunteer: refused; regulier: accepted") {
    VoorzieningVraag v(kVrijwillig, Read(kVrijwillig).versie, 10);
    v.soort = isi__SoortVoorziening::GeestelijkBedienaar;
    CHECK(client.MuterenVoorziening(v.req, &fault) == nullptr);
    CHECK(fault.code == "GeestelijkBedienaarNietVoorVrijwilliger");
    v.soort = isi__SoortVoorziening::Regulier;
    CHECK(client.MuterenVoorziening(v.req, &fault) != nullptr);
  }
  SECTION("later than eight weeks after its start: refused, pointing to the mutatieverzoek") {
    VoorzieningVraag v(kPlichtig, Read(kPlichtig).versie, 70);
    CHECK(client.MuterenVoorziening(v.req, &fault) == nullptr);
    CHECK(fault.code == "RegistratietermijnVerstreken");
    CHECK(fault.melding.find("mutatie") != std::string::npos);
  }
  SECTION("aanbod door another municipality is allowed (registered by the acting one)") {
    VoorzieningVraag v(kPlichtig, Read(kPlichtig).versie, 5);
    std::string x = "0363";
    v.req.AanbodDoorGemeente = &x;
    auto* r = client.MuterenVoorziening(v.req, &fault);
    REQUIRE(r != nullptr);
    bool found = false;
    for (auto* row : r->Inburgeringsvoorziening)
      if (row->AanbodDoorGemeente == "0363" && row->GeregistreerdDoorGemeente == "0034" && row->DatumStart == v.start) found = true;
    CHECK(found);
  }
  SECTION("another municipality's voorziening can be seen but not ended; its own can") {
    Snapshot s = Read(kPlichtig);
    LONG64 own = 0, other = 0;
    for (const auto& [id, door] : s.voorzieningen) {
      if (door != "0034") other = id;
      else if (own == 0) own = id;  // the fixture's own voorziening, which started in 2008
    }
    REQUIRE(own > 0);
    REQUIRE(other > 0);
    _isi__MuterenVoorziening req;
    req.Gemeentecode = "0034";
    req.BSN = kPlichtig;
    req.Versie = s.versie;
    req.Actie = isi__Actie::Beeindigen;
    req.VoorzieningId = &other;
    std::string einde = "2013-01-01", reden = "Verhuisd";
    req.DatumEinde = &einde;
    req.RedenEinde = &reden;
    CHECK(client.MuterenVoorziening(req, &fault) == nullptr);
    CHECK(fault.code == "VoorzieningVanAndereGemeente");
    req.VoorzieningId = &own;
    auto* r = client.MuterenVoorziening(req, &fault);
    INFO(fault.code << ": " << fault.melding);
    REQUIRE(r != nullptr);
    Snapshot after = Read(kPlichtig);
    CHECK(after.voorzieningen.size() == s.voorzieningen.size());  // ended, not removed
  }
}

TEST_CASE("MuterenVrijstelling: full exemption is an indication; DUO's is only exceeded", "[integration][registratie]") {
  IsiClient client(W().Options());
  ClientFault fault;
  auto vraag = [&](const char* bsn, isi__GevraagdeVrijstelling soort, std::optional<isi__NiveauDiploma> niveau) {
    _isi__MuterenVrijstelling req;
    req.Gemeentecode = "0034";
    req.BSN = bsn;
    req.Versie = Read(bsn).versie;
    req.Actie = isi__Actie::Registreren;
    static thread_local isi__GevraagdeVrijstelling s;
    static thread_local isi__VrijgesteldExamenonderdeel taal = isi__VrijgesteldExamenonderdeel::Taal;
    static thread_local isi__NiveauDiploma n;
    static thread_local std::string start = "2024-01-01";
    s = soort;
    req.Soort = &s;
    req.DatumStart = &start;
    if (soort == isi__GevraagdeVrijstelling::Gedeeltelijk) req.Examenonderdeel = &taal;
    if (niveau) {
      n = *niveau;
      req.Niveau = &n;
    }
    return client.MuterenVrijstelling(req, &fault);
  };
  CHECK(vraag(kPlichtig, isi__GevraagdeVrijstelling::Geheel, std::nullopt) == nullptr);
  CHECK(fault.code == "GeheleVrijstellingIsIndicatie");
  CHECK(vraag(kDuo, isi__GevraagdeVrijstelling::Gedeeltelijk, isi__NiveauDiploma::A1) == nullptr);
  CHECK(fault.code == "VrijstellingDuoNietOverschrijven");
  const size_t before = Read(kDuo).vrijstellingen;
  CHECK(vraag(kDuo, isi__GevraagdeVrijstelling::Gedeeltelijk, isi__NiveauDiploma::A2) != nullptr);  // higher level
  CHECK(Read(kDuo).vrijstellingen == before + 1);
  CHECK(vraag(kZonderHandhaving, isi__GevraagdeVrijstelling::Tijdelijk, std::nullopt) == nullptr);
  CHECK(fault.code == "TijdelijkeVrijstellingVereistPlichtEnHandhaving");
}

TEST_CASE("MuterenIndicatie and MuterenOntheffing: plicht, reden and ontheffing; nothing after a diploma", "[integration][registratie]") {
  IsiClient client(W().Options());
  ClientFault fault;
  _isi__MuterenIndicatie req;
  req.Gemeentecode = "0034";
  req.BSN = kDiploma;
  req.Versie = Read(kDiploma).versie;
  req.Actie = isi__Actie::Wijzigen;
  bool nee = false;
  std::string datum = "2013-01-01";
  isi__RedenNietInburgeringsplichtig reden = isi__RedenNietInburgeringsplichtig::GeheelVrijgesteld;
  req.Inburgeringsplichtig = &nee;
  req.Datum = &datum;
  req.Reden = &reden;
  CHECK(client.MuterenIndicatie(req, &fault) == nullptr);
  CHECK(fault.code == "PlichtBlijftNaDiploma");
  VoorzieningVraag v(kDiploma, Read(kDiploma).versie, 5);
  CHECK(client.MuterenVoorziening(v.req, &fault) == nullptr);
  CHECK(fault.code == "NaDiplomaGeenWijziging");

  // A full exemption the right way: plicht = nee, reden GeheelVrijgesteld.
  req.BSN = kRace;
  req.Versie = Read(kRace).versie;
  auto* r = client.MuterenIndicatie(req, &fault);
  INFO(fault.code << ": " << fault.melding);
  REQUIRE(r != nullptr);
  Snapshot s = Read(kRace);
  CHECK(s.plichtig == false);
  CHECK(s.reden == isi__RedenNietInburgeringsplichtig::GeheelVrijgesteld);

  _isi__MuterenOntheffing o;
  o.Gemeentecode = "0034";
  o.BSN = kZonderHandhaving;
  o.Versie = Read(kZonderHandhaving).versie;
  o.Actie = isi__Actie::Registreren;
  isi__SoortOntheffing soort = isi__SoortOntheffing::MedischeGronden;
  o.Soort = &soort;
  o.Datum = &datum;
  REQUIRE(client.MuterenOntheffing(o, &fault) != nullptr);
  Snapshot t = Read(kZonderHandhaving);
  CHECK(t.ontheffing);
  CHECK(t.plichtig == false);
  CHECK(t.reden == isi__RedenNietInburgeringsplichtig::OntheffingMedischeGronden);
}

TEST_CASE("Registrations: unknown person, stale version, role 5 and two racing writers", "[integration][registratie]") {
  ClientFault fault;
  IsiClient client(W().Options());
  VoorzieningVraag unknown("200000068", 1, 5);
  CHECK(client.MuterenVoorziening(unknown.req, &fault) == nullptr);
  CHECK(fault.code == "PersoonNietInIsi");

  VoorzieningVraag stale(kPlichtig, Read(kPlichtig).versie - 1, 5);
  CHECK(client.MuterenVoorziening(stale.req, &fault) == nullptr);
  CHECK(fault.code == "VersieVerouderd");

  IsiClient rol3(W().Options(kK3));
  VoorzieningVraag v(kPlichtig, Read(kPlichtig).versie, 5);
  CHECK(rol3.MuterenVoorziening(v.req, &fault) == nullptr);
  CHECK(fault.code == "NietGeautoriseerd");

  // Two writers with the same version: exactly one wins.
  const LONG64 versie = Read(kRace).versie;
  std::vector<std::string> codes(2);
  std::vector<std::thread> writers;
  for (int i = 0; i < 2; ++i)
    writers.emplace_back([&, i] {
      IsiClient c(W().Options());
      _isi__MuterenHandhaving req;
      req.Gemeentecode = "0034";
      req.BSN = kRace;
      req.Versie = versie;
      req.Actie = isi__Actie::Wijzigen;
      std::string einde = i == 0 ? "2015-01-01" : "2016-01-01", reden = "Zwangerschap";
      req.EindeHandhavingstermijn = &einde;
      req.RedenVerlenging = &reden;
      ClientFault f;
      codes[static_cast<size_t>(i)] = c.MuterenHandhaving(req, &f) != nullptr ? "ok" : f.code;
    });
  for (auto& t : writers) t.join();
  std::sort(codes.begin(), codes.end());
  CHECK(codes == std::vector<std::string>{"VersieVerouderd", "ok"});
  CHECK(Read(kRace).versie == versie + 1);
}

TEST_CASE("Registrations: the attempt is on record before the change, the outcome after it", "[integration][audit]") {
  auto protocol = W().OpenProtocol();
  std::vector<AuditRecord> before;
  REQUIRE(protocol->List(kZonderHandhaving, &before).ok());
  ClientFault fault;
  IsiClient client(W().Options());
  const LONG64 versie = Read(kZonderHandhaving).versie;
  VoorzieningVraag stale(kZonderHandhaving, versie + 7, 5);
  CHECK(client.MuterenVoorziening(stale.req, &fault) == nullptr);
  CHECK(fault.code == "VersieVerouderd");
  VoorzieningVraag ok(kZonderHandhaving, versie, 5);
  REQUIRE(client.MuterenVoorziening(ok.req, &fault) != nullptr);

  std::vector<AuditRecord> after;
  REQUIRE(protocol->List(kZonderHandhaving, &after).ok());
  // Read() above and below writes RaadplegenPersoon records too: look at the registrations.
  std::vector<std::string> seen;
  for (size_t i = before.size(); i < after.size(); ++i) {
    if (after[i].operation != "MuterenVoorziening") continue;
    CHECK(after[i].key_id == kK5);
    CHECK(after[i].gemeentecode == "0034");
    seen.push_back(after[i].outcome);
  }
  CHECK(seen == std::vector<std::string>{"Aangevraagd", "Geweigerd:VersieVerouderd", "Aangevraagd",
                                         "Geregistreerd"});
  int64_t checked = 0, bad = -1;
  REQUIRE(protocol->Verify(&checked, &bad).ok());
  CHECK(bad == 0);
}

TEST_CASE("README examples: every registration request file gets an answer of its operation", "[integration][raw]") {
  // Run first in a fresh world these files succeed; after other tests the versions have moved on
  // (VersieVerouderd), and the voorziening's start date may lie beyond eight weeks: still answers
  // of the operation, from the fault catalogue.
  for (const char* op : {"MuterenHandhaving", "MuterenVoorziening", "MuterenVrijstelling", "MuterenIndicatie",
                         "MuterenOntheffing"}) {
    INFO(op);
    std::string body = ReadFile(std::string(ISI_SOURCE_DIR) + "/tests/requests/" + op + ".xml");
    int status = 0;
    std::string r = RawHttps(W().server->port(), W().ca_file,
                             SoapPost(body, kK5, kPassword, std::string("urn:nl:isi-koppeling:berichten_v1#") + op), &status);
    if (status == 200) {
      CHECK(r.find(std::string("<isi:") + op + "Response>") != std::string::npos);
    } else {
      CHECK(status == 500);
      CHECK((r.find("VersieVerouderd") != std::string::npos || r.find("RegistratietermijnVerstreken") != std::string::npos));
    }
  }
}
