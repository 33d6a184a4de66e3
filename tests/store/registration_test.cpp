// SqliteStore::SaveRegistration (issue 6) on a real SQLite file: every section persisted and read
// back, ids kept, versions, refusals that write nothing, the protocol record in the chain, the
// visibility of persons, and two connections racing on one version.
#include <catch2/catch.hpp>
#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "model/registratie.h"
#include "store/store.h"
#include "tests/extract/dossier_compare.h"
#include "tests/store/store_test_support.h"

using namespace isi;
using namespace isi::testing;

namespace {

constexpr const char* kEigen = "0363";
constexpr const char* kAndere = "0599";
const RegistratieContext kCtx{kEigen, Date{2024, 6, 1}};

// An obliged person of 0363 with a handhaving, a voorziening of another municipality, a
// voorziening of its own and a partial exemption by DUO; a bare person of 0363 and one of 0599.
struct Persons {
  std::string plichtig = MakeBsn(1);
  std::string kaal = MakeBsn(2);
  std::string elders = MakeBsn(3);
};

Dossier PlichtigeMetHistorie(const std::string& bsn) {
  Dossier d = MinimalDossier(bsn, kEigen);
  d.indicatie.inburgeringsplichtig = true;
  d.indicatie.datum_inburgeringsplicht = D(2012, 3, 1);
  Handhaving h;
  h.gehandhaafd_door_gemeente = kEigen;
  h.eerste_handhaving_door_gemeente = kAndere;
  h.begin_handhaving = D(2020, 1, 1);
  h.einde_handhavingstermijn = D(2025, 1, 1);
  h.verlengingen.push_back(Verlenging{D(2022, 1, 1), D(2025, 1, 1), "ziekte"});
  d.handhaving = h;
  Inburgeringsvoorziening oud;
  oud.aanbod_door_gemeente = kAndere;
  oud.geregistreerd_door_gemeente = kAndere;
  oud.doelgroep = Doelgroep::kWerkende;
  oud.soort = SoortVoorziening::kRegulier;
  oud.datum_start = D(2019, 5, 1);
  d.voorzieningen.push_back(oud);
  Inburgeringsvoorziening eigen = oud;
  eigen.aanbod_door_gemeente = kEigen;
  eigen.geregistreerd_door_gemeente = kEigen;
  eigen.soort = SoortVoorziening::kDuaal;
  eigen.vorm_duaal_traject = VormDuaalTraject::kInburgeringMetWerk;
  eigen.datum_start = D(2021, 5, 1);
  d.voorzieningen.push_back(eigen);
  Vrijstelling duo;
  duo.soort = SoortVrijstelling::kGedeeltelijk;
  duo.door = VrijstellingDoor::kDuo;
  duo.datum_start = D(2018, 1, 1);
  duo.examenonderdeel = VrijgesteldExamenonderdeel::kTaal;
  duo.niveau = NiveauDiploma::kA1;
  d.vrijstellingen.push_back(duo);
  Boete b;
  b.datum_toekennen = D(2021, 1, 1);
  b.reden = "verwijtbaar";
  b.bedrag_centen = 25000;
  b.soort = "Bestuurlijke boete";
  d.boetes.push_back(b);
  return d;
}

std::unique_ptr<Store> Load(const TempDir& dir, const Persons& p) {
  auto store = OpenStore(dir.File("isi.db"));
  Status s =
      store->InsertPersons({PlichtigeMetHistorie(p.plichtig), MinimalDossier(p.kaal, kEigen),
                            MinimalDossier(p.elders, kAndere)},
                           {MakeSignaal(p.plichtig, kEigen, "SS001", SignaalStatus::kNieuw)});
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

constexpr int64_t kAt = 1717200000;  // the moment of every registration here

Dossier Get(Store& store, const std::string& bsn, const std::string& gemeente = kEigen) {
  Dossier d;
  Status s = store.GetDossierByBsn(gemeente, bsn, &d);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return d;
}

// Saves with the current versie; REQUIREs success and that *after is what a new read gives.
Dossier Save(Store& store, const std::string& bsn, const std::function<Status(Dossier*)>& apply) {
  const int64_t versie = Get(store, bsn).versie;
  Dossier after;
  Status s = store.SaveRegistration(kEigen, bsn, versie, apply, kAt, &after);
  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(after.versie == versie + 1);
  const std::vector<std::string> diffs = DossierDifferences(after, Get(store, bsn));
  for (const std::string& diff : diffs) UNSCOPED_INFO(diff);
  CHECK(diffs.empty());
  return after;
}

// Row counts of every table a registration may write, and the person's versie.
struct Snapshot {
  int64_t handhavingen, verlengingen, voorzieningen, vrijstellingen, versie;
  std::string personen;
  bool operator==(const Snapshot&) const = default;
};

Snapshot Take(const TempDir& dir, const std::string& bsn) {
  RawDb raw(dir.File("isi.db"));
  const std::string where = " WHERE bsn = '" + bsn + "'";
  Snapshot s;
  s.handhavingen = raw.Int("SELECT count(*) FROM handhavingen" + where);
  s.verlengingen = raw.Int("SELECT count(*) FROM verlengingen" + where);
  s.voorzieningen = raw.Int("SELECT count(*) FROM voorzieningen" + where);
  s.vrijstellingen = raw.Int("SELECT count(*) FROM vrijstellingen" + where);
  s.versie = raw.Int("SELECT versie FROM personen" + where);
  s.personen = raw.Text(
      "SELECT coalesce(inburgeringsplichtig, '-') || ' ' || "
      "coalesce(reden_niet_inburgeringsplichtig, '-') || ' ' || updated_at FROM personen" +
      where);
  return s;
}

}  // namespace

TEST_CASE("SaveRegistration: a handhaving is persisted and read back", "[store][registratie]") {
  TempDir dir;
  Persons p;
  auto store = Load(dir, p);
  HandhavingOpdracht o;
  o.begin_handhaving = D(2024, 5, 1);
  o.einde_handhavingstermijn = D(2027, 5, 1);
  Save(*store, p.kaal, [&](Dossier* d) { return ApplyHandhaving(kCtx, o, d); });
  Dossier d = Get(*store, p.kaal);
  REQUIRE(d.handhaving);
  CHECK(d.handhaving->gehandhaafd_door_gemeente == kEigen);
  CHECK(d.handhaving->eerste_handhaving_door_gemeente == kEigen);
  CHECK(d.handhaving->begin_handhaving == D(2024, 5, 1));
  CHECK(d.handhaving->einde_handhavingstermijn == D(2027, 5, 1));
  CHECK(d.handhaving->verlengingen.empty());

  SECTION("an extension adds a verlenging to the ones before") {
    HandhavingOpdracht v;
    v.actie = Actie::kWijzigen;
    v.einde_handhavingstermijn = D(2026, 6, 1);
    v.reden_verlenging = "opleiding";
    Save(*store, p.plichtig, [&](Dossier* x) { return ApplyHandhaving(kCtx, v, x); });
    Dossier e = Get(*store, p.plichtig);
    REQUIRE(e.handhaving);
    CHECK(e.handhaving->eerste_handhaving_door_gemeente == kAndere);
    CHECK(e.handhaving->einde_handhavingstermijn == D(2026, 6, 1));
    REQUIRE(e.handhaving->verlengingen.size() == 2);
    CHECK(e.handhaving->verlengingen[0].reden_verlenging == "ziekte");
    CHECK(e.handhaving->verlengingen[1].datum_verlenging == D(2024, 6, 1));
    CHECK(e.handhaving->verlengingen[1].nieuwe_einddatum == D(2026, 6, 1));
    CHECK(e.handhaving->verlengingen[1].reden_verlenging == "opleiding");
  }
  SECTION("beeindigen removes the handhaving and its verlengingen") {
    HandhavingOpdracht b;
    b.actie = Actie::kBeeindigen;
    Save(*store, p.plichtig, [&](Dossier* x) { return ApplyHandhaving(kCtx, b, x); });
    CHECK_FALSE(Get(*store, p.plichtig).handhaving);
    RawDb raw(dir.File("isi.db"));
    CHECK(raw.Int("SELECT count(*) FROM verlengingen WHERE bsn = '" + p.plichtig + "'") == 0);
  }
}

TEST_CASE("SaveRegistration: voorzieningen are inserted with a new id, kept ids stay",
          "[store][registratie]") {
  TempDir dir;
  Persons p;
  auto store = Load(dir, p);
  const Dossier before = Get(*store, p.plichtig);
  REQUIRE(before.voorzieningen.size() == 2);
  const int64_t oud_id = before.voorzieningen[0].id;
  const int64_t eigen_id = before.voorzieningen[1].id;

  VoorzieningOpdracht o;
  o.aanbod_door_gemeente = kAndere;
  o.doelgroep = Doelgroep::kNietUitkeringsgerechtigdeEnGeenWerk;
  o.soort = SoortVoorziening::kDuaal;
  o.indicatie_pib = true;
  o.vorm_duaal_traject = VormDuaalTraject::kMaatschappelijkeActivering;
  o.datum_start = D(2024, 5, 1);
  o.datum_einde = D(2025, 5, 1);
  o.reden_einde = "termijn";
  Dossier after =
      Save(*store, p.plichtig, [&](Dossier* d) { return ApplyVoorziening(kCtx, o, d); });

  Dossier d = Get(*store, p.plichtig);
  REQUIRE(d.voorzieningen.size() == 3);
  CHECK(d.voorzieningen[0].id == oud_id);
  CHECK(d.voorzieningen[1].id == eigen_id);
  const Inburgeringsvoorziening& v = d.voorzieningen[2];
  CHECK(v.id > eigen_id);
  CHECK(v.id == after.voorzieningen[2].id);
  CHECK(v.aanbod_door_gemeente == kAndere);
  CHECK(v.geregistreerd_door_gemeente == kEigen);
  CHECK(v.doelgroep == Doelgroep::kNietUitkeringsgerechtigdeEnGeenWerk);
  CHECK(v.soort == SoortVoorziening::kDuaal);
  CHECK(v.indicatie_pib);
  CHECK(v.vorm_duaal_traject == VormDuaalTraject::kMaatschappelijkeActivering);
  CHECK(v.datum_start == D(2024, 5, 1));
  CHECK(v.datum_einde == D(2025, 5, 1));
  CHECK(v.reden_einde == "termijn");
  // The other sections are as they were.
  CHECK(d.handhaving->verlengingen.size() == 1);
  CHECK(d.vrijstellingen.size() == 1);
  CHECK(d.boetes.size() == 1);
  CHECK(d.signalen.nieuw == 1);

  SECTION("wijzigen keeps the id and changes the row in place") {
    VoorzieningOpdracht w;
    w.actie = Actie::kWijzigen;
    w.id = eigen_id;
    w.soort = SoortVoorziening::kTaalkennis;
    Save(*store, p.plichtig, [&](Dossier* x) { return ApplyVoorziening(kCtx, w, x); });
    Dossier e = Get(*store, p.plichtig);
    REQUIRE(e.voorzieningen.size() == 3);
    CHECK(e.voorzieningen[1].id == eigen_id);
    CHECK(e.voorzieningen[1].soort == SoortVoorziening::kTaalkennis);
    CHECK_FALSE(e.voorzieningen[1].vorm_duaal_traject);
    CHECK(e.voorzieningen[0].id == oud_id);
    CHECK(e.voorzieningen[2].id == v.id);
  }
  SECTION("beeindigen sets datum einde and reden einde") {
    VoorzieningOpdracht b;
    b.actie = Actie::kBeeindigen;
    b.id = eigen_id;
    b.datum_einde = D(2024, 5, 31);
    b.reden_einde = "verhuisd";
    Save(*store, p.plichtig, [&](Dossier* x) { return ApplyVoorziening(kCtx, b, x); });
    Dossier e = Get(*store, p.plichtig);
    CHECK(e.voorzieningen[1].id == eigen_id);
    CHECK(e.voorzieningen[1].datum_einde == D(2024, 5, 31));
    CHECK(e.voorzieningen[1].reden_einde == "verhuisd");
  }
}

TEST_CASE("SaveRegistration: vrijstellingen are inserted, changed and withdrawn by id",
          "[store][registratie]") {
  TempDir dir;
  Persons p;
  auto store = Load(dir, p);
  const int64_t duo_id = Get(*store, p.plichtig).vrijstellingen[0].id;

  VrijstellingOpdracht tijdelijk;
  tijdelijk.soort = GevraagdeVrijstelling::kTijdelijk;
  tijdelijk.datum_start = D(2024, 2, 1);
  tijdelijk.datum_einde = D(2025, 2, 1);
  Save(*store, p.plichtig, [&](Dossier* d) { return ApplyVrijstelling(kCtx, tijdelijk, d); });
  VrijstellingOpdracht hoger;
  hoger.soort = GevraagdeVrijstelling::kGedeeltelijk;
  hoger.datum_start = D(2024, 3, 1);
  hoger.examenonderdeel = VrijgesteldExamenonderdeel::kTaal;
  hoger.niveau = NiveauDiploma::kA2;
  Save(*store, p.plichtig, [&](Dossier* d) { return ApplyVrijstelling(kCtx, hoger, d); });

  Dossier d = Get(*store, p.plichtig);
  REQUIRE(d.vrijstellingen.size() == 3);
  CHECK(d.vrijstellingen[0].id == duo_id);
  CHECK(d.vrijstellingen[0].door == VrijstellingDoor::kDuo);
  CHECK(d.vrijstellingen[0].niveau == NiveauDiploma::kA1);
  const Vrijstelling& t = d.vrijstellingen[1];
  CHECK(t.soort == SoortVrijstelling::kTijdelijk);
  CHECK(t.door == VrijstellingDoor::kGemeente);
  CHECK(t.datum_start == D(2024, 2, 1));
  CHECK(t.datum_einde == D(2025, 2, 1));
  CHECK_FALSE(t.examenonderdeel);
  CHECK_FALSE(t.niveau);
  const Vrijstelling& g = d.vrijstellingen[2];
  CHECK(g.soort == SoortVrijstelling::kGedeeltelijk);
  CHECK(g.door == VrijstellingDoor::kGemeente);
  CHECK(g.datum_start == D(2024, 3, 1));
  CHECK_FALSE(g.datum_einde);
  CHECK(g.examenonderdeel == VrijgesteldExamenonderdeel::kTaal);
  CHECK(g.niveau == NiveauDiploma::kA2);

  // Withdrawing the gedeeltelijke deletes its row; the others keep their ids.
  const int64_t tijdelijk_id = t.id;
  VrijstellingOpdracht weg;
  weg.actie = Actie::kBeeindigen;
  weg.id = g.id;
  Save(*store, p.plichtig, [&](Dossier* x) { return ApplyVrijstelling(kCtx, weg, x); });
  Dossier e = Get(*store, p.plichtig);
  REQUIRE(e.vrijstellingen.size() == 2);
  CHECK(e.vrijstellingen[0].id == duo_id);
  CHECK(e.vrijstellingen[1].id == tijdelijk_id);
  RawDb raw(dir.File("isi.db"));
  CHECK(raw.Int("SELECT count(*) FROM vrijstellingen WHERE id = " + std::to_string(g.id)) == 0);
}

TEST_CASE("SaveRegistration: indicatie and ontheffing are persisted in personen",
          "[store][registratie]") {
  TempDir dir;
  Persons p;
  auto store = Load(dir, p);
  IndicatieOpdracht nee;
  nee.inburgeringsplichtig = false;
  nee.datum = D(2024, 5, 1);
  nee.reden = RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet;
  Save(*store, p.kaal, [&](Dossier* d) { return ApplyIndicatie(kCtx, nee, d); });
  Dossier d = Get(*store, p.kaal);
  CHECK(d.indicatie.inburgeringsplichtig == false);
  CHECK(d.indicatie.datum_inburgeringsplicht == D(2024, 5, 1));
  CHECK(d.indicatie.reden_niet_inburgeringsplichtig ==
        RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet);
  CHECK(d.kop.naam.achternaam == "Jansen");  // the other personen columns are kept

  OntheffingOpdracht o;
  o.soort = SoortOntheffing::kEvidentIngeburgerd;
  o.datum = D(2024, 4, 15);
  Save(*store, p.plichtig, [&](Dossier* x) { return ApplyOntheffing(kCtx, o, x); });
  Dossier e = Get(*store, p.plichtig);
  REQUIRE(e.indicatie.ontheffing);
  CHECK(e.indicatie.ontheffing->soort == SoortOntheffing::kEvidentIngeburgerd);
  CHECK(e.indicatie.ontheffing->datum == D(2024, 4, 15));
  CHECK(e.indicatie.inburgeringsplichtig == false);
  CHECK(e.indicatie.reden_niet_inburgeringsplichtig ==
        RedenNietInburgeringsplichtig::kOntheffingEvidentIngeburgerd);

  OntheffingOpdracht weg;
  weg.actie = Actie::kBeeindigen;
  Save(*store, p.plichtig, [&](Dossier* x) { return ApplyOntheffing(kCtx, weg, x); });
  Dossier f = Get(*store, p.plichtig);
  CHECK_FALSE(f.indicatie.ontheffing);
  CHECK_FALSE(f.indicatie.inburgeringsplichtig);
  CHECK_FALSE(f.indicatie.reden_niet_inburgeringsplichtig);
}

TEST_CASE("SaveRegistration: every registration increments versie by one", "[store][registratie]") {
  TempDir dir;
  Persons p;
  auto store = Load(dir, p);
  CHECK(Get(*store, p.kaal).versie == 1);
  IndicatieOpdracht ja;
  ja.inburgeringsplichtig = true;
  ja.datum = D(2024, 1, 1);
  for (int64_t i = 1; i <= 3; ++i) {
    Dossier after = Save(*store, p.kaal, [&](Dossier* d) { return ApplyIndicatie(kCtx, ja, d); });
    CHECK(after.versie == i + 1);
    CHECK(Get(*store, p.kaal).versie == i + 1);
  }
  CHECK(Get(*store, p.plichtig).versie == 1);  // other persons untouched
}

TEST_CASE("SaveRegistration: a stale versie is refused and nothing is written",
          "[store][registratie]") {
  TempDir dir;
  Persons p;
  auto store = Load(dir, p);
  const Snapshot before = Take(dir, p.plichtig);
  bool called = false;
  Dossier after;
  for (int64_t stale : {0, 2}) {
    Status s = store->SaveRegistration(
        kEigen, p.plichtig, stale,
        [&](Dossier* d) {
          called = true;
          d->indicatie.inburgeringsplichtig = false;
          return Status::Ok();
        },
        kAt, &after);
    CHECK(s.code() == Status::Code::kConflict);
    CHECK(s.reason() == "VersieVerouderd");
  }
  CHECK_FALSE(called);
  CHECK(Take(dir, p.plichtig) == before);
}

TEST_CASE("SaveRegistration: a refusal of the rules writes nothing", "[store][registratie]") {
  TempDir dir;
  Persons p;
  auto store = Load(dir, p);
  const Snapshot before = Take(dir, p.plichtig);
  // The voorziening of 0599 may be seen, not changed.
  const int64_t andere = Get(*store, p.plichtig).voorzieningen[0].id;
  VoorzieningOpdracht o;
  o.actie = Actie::kWijzigen;
  o.id = andere;
  o.soort = SoortVoorziening::kTaalkennis;
  Dossier after;
  Status s = store->SaveRegistration(
      kEigen, p.plichtig, 1, [&](Dossier* d) { return ApplyVoorziening(kCtx, o, d); }, kAt,
      &after);
  CHECK(s.code() == Status::Code::kConflict);
  CHECK(s.reason() == "VoorzieningVanAndereGemeente");

  // Also when the rules changed the dossier before failing: the store never writes it.
  s = store->SaveRegistration(
      kEigen, p.plichtig, 1,
      [](Dossier* d) {
        d->handhaving.reset();
        d->voorzieningen.clear();
        return Status::InvalidArgument("geweigerd", "Veld");
      },
      kAt, &after);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(Take(dir, p.plichtig) == before);
}

TEST_CASE("SaveRegistration: a person of another municipality or unknown is NotFound",
          "[store][registratie]") {
  TempDir dir;
  Persons p;
  auto store = Load(dir, p);
  const Snapshot before = Take(dir, p.elders);
  bool called = false;
  auto apply = [&](Dossier*) {
    called = true;
    return Status::Ok();
  };
  Dossier after;
  Status s = store->SaveRegistration(kEigen, p.elders, 1, apply, kAt, &after);
  CHECK(s.code() == Status::Code::kNotFound);
  s = store->SaveRegistration(kEigen, MakeBsn(99), 1, apply, kAt, &after);
  CHECK(s.code() == Status::Code::kNotFound);
  CHECK_FALSE(called);
  CHECK(Take(dir, p.elders) == before);
  // The person's own municipality can.
  s = store->SaveRegistration(kAndere, p.elders, 1, apply, kAt, &after);
  CHECK(s.ok());
  CHECK(after.versie == 2);
}

TEST_CASE("SaveRegistration: two connections racing on one versie, exactly one wins",
          "[store][registratie]") {
  TempDir dir;
  Persons p;
  Load(dir, p);
  auto a = OpenStore(dir.File("isi.db"), false);
  auto b = OpenStore(dir.File("isi.db"), false);
  for (int round = 0; round < 5; ++round) {
    const int64_t versie = Get(*a, p.plichtig).versie;
    std::latch start(2);
    Status results[2];
    auto writer = [&](Store* store, int i) {
      VrijstellingOpdracht o;
      o.soort = GevraagdeVrijstelling::kGedeeltelijk;
      o.examenonderdeel = i == 0 ? VrijgesteldExamenonderdeel::kTgnWib
                                 : VrijgesteldExamenonderdeel::kKnsCertificaatNederland;
      Dossier after;
      start.arrive_and_wait();
      results[i] = store->SaveRegistration(
          kEigen, p.plichtig, versie, [&](Dossier* d) { return ApplyVrijstelling(kCtx, o, d); },
          kAt, &after);
    };
    std::thread ta(writer, a.get(), 0);
    std::thread tb(writer, b.get(), 1);
    ta.join();
    tb.join();
    INFO(results[0].ToString() << " / " << results[1].ToString());
    const int wins = (results[0].ok() ? 1 : 0) + (results[1].ok() ? 1 : 0);
    REQUIRE(wins == 1);
    const Status& lost = results[0].ok() ? results[1] : results[0];
    CHECK(lost.code() == Status::Code::kConflict);
    CHECK(lost.reason() == "VersieVerouderd");
    Dossier d = Get(*a, p.plichtig);
    CHECK(d.versie == versie + 1);
    CHECK(d.vrijstellingen.size() == static_cast<size_t>(2 + round));
  }
}
