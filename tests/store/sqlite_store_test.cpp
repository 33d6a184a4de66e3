// SqliteStore against real SQLite files in a temporary directory.
#include <sqlite3.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "model/gemeenten.h"
#include "model/identifiers.h"
#include "store/audit_chain.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"

using namespace isi;
using namespace isi::testing;

namespace {

// A dossier with every field set, to non-default values where the model allows, and two
// records of each repeating part.
Dossier FullDossier() {
  Dossier d;
  d.kop.naam = {"Fatima Zahra", "van der", "Bakker"};
  d.kop.bsn = "111222333";
  d.kop.anummer = "4020209358";
  d.kop.geboortedatum = D(1985, 3, 14);
  d.kop.herkomst = Herkomst::kIsiDefinitief;
  d.kop.woongemeente = "0363";

  auto& pg = d.persoonsgegevens;
  pg.geboortedatum = D(1985, 3, 14);
  pg.geslacht = Geslacht::kVrouw;
  pg.geboorteland = "Marokko";
  pg.geboorteplaats = "Casablanca";
  pg.nationaliteit1 = "Marokkaanse";
  pg.nationaliteit2 = "Nederlandse";
  pg.adres.postcode = "1011AB";
  pg.adres.woonplaats = "Amsterdam";
  pg.adres.straatnaam = "Damrak";
  pg.adres.huisnummer = 42;
  pg.adres.huisnummertoevoeging = "A";
  pg.adres.huisnummeraanduiding = "by";
  pg.adres.locatieomschrijving = "woonboot";
  pg.indicatie_betrouwbaar_adres = false;
  pg.datum_vestiging_in_nederland = D(2005, 6, 1);
  pg.datum_vertrek_uit_nederland = D(2020, 2, 29);
  pg.recht_op_lening_en_vergoeding = true;
  pg.indicatie_asielgerechtigd = false;
  pg.indicatie_verblijfsdoel = Verblijfsdoel::kTijdelijkVerblijf;
  pg.indicatie_rechtmatig_verblijf = true;
  pg.indicatie_pardonregeling = false;
  pg.indicatie_persoonsvolgend_budget = true;
  pg.persoonsvolgend_budget_gebruikt = false;
  pg.in_azc_gehuisvest = true;
  pg.datum_beslissing_verblijfsrecht = D(2005, 5, 20);
  pg.indicatie_diploma_behaald = true;
  pg.niveau_inburgeringsdiploma = NiveauDiploma::kA2;
  pg.indicatie_schuld_aanwezig = true;
  pg.indicatie_gehele_vrijstelling_door_duo = true;
  pg.examenaanvraag_aanwezig = ExamenaanvraagKader::kNaturalisatie;
  pg.code_geheim = CodeGeheim::kGeheim;
  pg.datum_overlijden = D(2023, 12, 31);

  auto& ind = d.indicatie;
  ind.inburgeringsplichtig = false;
  ind.datum_inburgeringsplicht = D(2007, 1, 1);
  ind.reden_niet_inburgeringsplichtig = RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet;
  ind.vrijwillig_inburgeraar = true;
  ind.categorie = Categorie::kNieuwkomer;
  ind.pardonregeling = true;
  ind.asielgerechtigd = true;
  ind.ontheffing = Ontheffing{SoortOntheffing::kEvidentIngeburgerd, D(2008, 8, 8)};

  Handhaving h;
  h.gehandhaafd_door_gemeente = "0363";
  h.eerste_handhaving_door_gemeente = "0599";
  h.begin_handhaving = D(2008, 1, 1);
  h.einde_handhavingstermijn = D(2013, 1, 1);
  h.verlengingen = {{D(2010, 1, 1), D(2012, 1, 1), "ziekte"},
                    {D(2011, 6, 1), D(2013, 1, 1), "zwangerschap"}};
  d.handhaving = h;

  Inburgeringsvoorziening v1;
  v1.aanbod_door_gemeente = "0363";
  v1.geregistreerd_door_gemeente = "0599";
  v1.doelgroep = Doelgroep::kUitkeringsgerechtigde;
  v1.soort = SoortVoorziening::kDuaal;
  v1.indicatie_pib = true;
  v1.vorm_duaal_traject = VormDuaalTraject::kInburgeringMetOpvoedingsondersteuning;
  v1.datum_start = D(2008, 2, 1);
  v1.datum_einde = D(2009, 2, 1);
  v1.reden_einde = "afgerond";
  Inburgeringsvoorziening v2;
  v2.aanbod_door_gemeente = "0344";
  v2.geregistreerd_door_gemeente = "0344";
  v2.doelgroep = Doelgroep::kNietUitkeringsgerechtigdeEnGeenWerk;
  v2.soort = SoortVoorziening::kTaalkennis;
  v2.datum_start = D(2009, 3, 1);
  d.voorzieningen = {v1, v2};

  Vrijstelling f1;
  f1.soort = SoortVrijstelling::kTijdelijk;
  f1.door = VrijstellingDoor::kGemeente;
  f1.datum_start = D(2009, 1, 1);
  f1.datum_einde = D(2010, 1, 1);
  f1.examenonderdeel = VrijgesteldExamenonderdeel::kKnsCertificaatNederland;
  f1.niveau = NiveauDiploma::kA1;
  Vrijstelling f2;
  f2.soort = SoortVrijstelling::kGedeeltelijk;
  f2.door = VrijstellingDoor::kDuo;
  f2.datum_start = D(2011, 1, 1);
  d.vrijstellingen = {f1, f2};

  d.boetes = {{D(2012, 5, 5), "niet tijdig ingeburgerd", 125050, "Bestuurlijke boete"},
              {D(2013, 5, 5), "verwijtbaar", 0, "Herhaling"}};

  Examens& ex = d.examens;
  ex.inburgeringsdiploma_behaald = true;
  ex.datum_diploma_behaald = D(2012, 7, 1);
  ex.diploma_gemeente = "0363";
  ex.indicatie_geslaagd = IndicatieGeslaagd::kZonderHerkansingMetVrijstelling;
  ex.deelgenomen_volledig_examen = true;
  ex.gemeente_volledige_deelname = "0599";
  ex.volledige_deelname_nt2 = VolledigeDeelnameNt2::kVoorAlleOnderdelenGeslaagd;
  ex.datum_volledige_deelname_nt2 = D(2012, 6, 1);
  ex.gemeente_volledige_deelname_nt2 = "0344";
  ex.examenaanvraag = ExamenaanvraagKader::kWetInburgering;
  Examenonderdeel e1;
  e1.examen = Examen::kToetsGesprokenNederlands;
  e1.niveau = ExamenNiveau::kP2;
  e1.uitslag = Uitslag::kNietOpKomenDagen;
  e1.profiel = "Werk";
  e1.variant = "Digitaal";
  e1.datum_deelname = D(2011, 11, 11);
  e1.gemeente_behaald = "0014";
  e1.indicatie_vrijgesteld = true;
  Examenonderdeel e2;
  e2.examen = Examen::kKorteVrijstellingstoets;
  e2.uitslag = Uitslag::kGeslaagd;
  e2.datum_deelname = D(2012, 1, 2);
  ex.onderdelen = {e1, e2};

  d.versie = 7;
  d.wet = Wet::kWi2013;
  return d;
}

}  // namespace

// --- Opening and migrations ------------------------------------------------------------------

TEST_CASE("SqliteStore: a new store gets the latest schema version and reopens unchanged",
          "[store][schema]") {
  TempDir dir;
  const std::string path = dir.File("isi.db");
  {
    auto store = OpenStore(path);
    bool exists = false;
    REQUIRE(store->GemeenteExists("0363", &exists).ok());
    CHECK(exists);
    REQUIRE(store->GemeenteExists("1999", &exists).ok());
    CHECK(exists);
    REQUIRE(store->GemeenteExists("9998", &exists).ok());
    CHECK_FALSE(exists);
    REQUIRE(store->InsertPersons({MinimalDossier("111222333")}, {}).ok());
  }
  for (int i = 0; i < 2; ++i) {  // reopening migrates nothing and loses nothing
    auto store = OpenStore(path, /*create=*/false);
    CHECK(Count(*store) == 1);
  }
  RawDb raw(path);
  CHECK(raw.Int("PRAGMA user_version") == LatestSchemaVersion());
  CHECK(raw.Int("PRAGMA application_id") == kIsiApplicationId);
  CHECK(raw.Int("SELECT count(*) FROM gemeenten") ==
        static_cast<int64_t>(BekendeGemeenten().size()));
  CHECK(raw.Int("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'") == 1);
}

TEST_CASE("SqliteStore: a missing file without create_if_missing is InvalidArgument",
          "[store][schema]") {
  TempDir dir;
  Status s = TryOpen(dir.File("missing.db"), /*create=*/false);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK_FALSE(std::filesystem::exists(dir.File("missing.db")));
}

TEST_CASE("SqliteStore: a store of a newer schema version is refused with InvalidArgument",
          "[store][schema]") {
  TempDir dir;
  const std::string path = dir.File("isi.db");
  OpenStore(path);
  {
    RawDb raw(path);
    REQUIRE(raw.Exec("PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1)) ==
            SQLITE_OK);
  }
  Status s = TryOpen(path, /*create=*/false);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("nieuwer"));
}

TEST_CASE("SqliteStore: a file that is not an ISI store is refused with InvalidArgument",
          "[store][schema]") {
  TempDir dir;
  SECTION("another SQLite database") {
    const std::string path = dir.File("other.db");
    {
      RawDb raw(path);
      REQUIRE(raw.Exec("CREATE TABLE t (x INTEGER)") == SQLITE_OK);
    }
    CHECK(TryOpen(path, /*create=*/true).code() == Status::Code::kInvalidArgument);
  }
  SECTION("a text file") {
    const std::string path = dir.File("notes.txt");
    std::ofstream(path) << "Dit is geen database, maar een tekstbestand van enige lengte.\n"
                        << std::string(200, 'x');
    CHECK(TryOpen(path, /*create=*/true).code() == Status::Code::kInvalidArgument);
  }
  SECTION("an empty database without create_if_missing") {
    const std::string path = dir.File("empty.db");
    { RawDb raw(path); }
    CHECK(TryOpen(path, /*create=*/false).code() == Status::Code::kInvalidArgument);
  }
}

TEST_CASE("MigrateSchema: an older store is migrated step by step; a failing step rolls back",
          "[store][schema]") {
  TempDir dir;
  std::unique_ptr<sqlite::Connection> conn;
  REQUIRE(sqlite::Connection::Open(dir.File("m.db"), true, &conn).ok());
  std::vector<Migration> migrations = {
      {1, [](sqlite::Connection* c) { return c->Exec("CREATE TABLE a (x INTEGER)"); }},
  };
  REQUIRE(MigrateSchema(conn.get(), migrations).ok());
  int64_t version = 0;
  REQUIRE(conn->QueryInt("PRAGMA user_version", &version).ok());
  CHECK(version == 1);

  // A later release adds two migrations; the second fails halfway.
  migrations.push_back({2, [](sqlite::Connection* c) { return c->Exec("CREATE TABLE b (y)"); }});
  migrations.push_back({3, [](sqlite::Connection* c) {
                          Status s = c->Exec("CREATE TABLE c (z INTEGER)");
                          if (!s.ok()) return s;
                          return c->Exec("THIS IS NOT SQL");
                        }});
  Status s = MigrateSchema(conn.get(), migrations);
  CHECK(s.code() == Status::Code::kInternal);
  REQUIRE(conn->QueryInt("PRAGMA user_version", &version).ok());
  CHECK(version == 2);  // migration 2 committed, 3 rolled back entirely
  int64_t tables = 0;
  REQUIRE(conn->QueryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'c'", &tables).ok());
  CHECK(tables == 0);

  // Fixed migration 3: applying again continues from 2.
  migrations[2].apply = [](sqlite::Connection* c) { return c->Exec("CREATE TABLE c (z)"); };
  REQUIRE(MigrateSchema(conn.get(), migrations).ok());
  REQUIRE(conn->QueryInt("PRAGMA user_version", &version).ok());
  CHECK(version == 3);
  // And once more is a no-op.
  REQUIRE(MigrateSchema(conn.get(), migrations).ok());
}

// --- Dossiers --------------------------------------------------------------------------------

TEST_CASE("SqliteStore: a full dossier with every sub-record round-trips field by field",
          "[store][dossier]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  const Dossier in = FullDossier();
  REQUIRE(store->InsertPersons({in}, {}).ok());
  Dossier out;
  Status s = store->GetDossierByBsn("0363", "111222333", &out);
  INFO(s.ToString());
  REQUIRE(s.ok());

  CHECK(out.kop.naam.voornamen == in.kop.naam.voornamen);
  CHECK(out.kop.naam.voorvoegsels == in.kop.naam.voorvoegsels);
  CHECK(out.kop.naam.achternaam == in.kop.naam.achternaam);
  CHECK(out.kop.bsn == in.kop.bsn);
  CHECK(out.kop.anummer == in.kop.anummer);
  CHECK(out.kop.geboortedatum == in.kop.geboortedatum);
  CHECK(out.kop.herkomst == in.kop.herkomst);
  CHECK(out.kop.woongemeente == in.kop.woongemeente);

  const auto& a = out.persoonsgegevens;
  const auto& b = in.persoonsgegevens;
  CHECK(a.geboortedatum == b.geboortedatum);
  CHECK(a.geslacht == b.geslacht);
  CHECK(a.geboorteland == b.geboorteland);
  CHECK(a.geboorteplaats == b.geboorteplaats);
  CHECK(a.nationaliteit1 == b.nationaliteit1);
  CHECK(a.nationaliteit2 == b.nationaliteit2);
  CHECK(a.adres.postcode == b.adres.postcode);
  CHECK(a.adres.woonplaats == b.adres.woonplaats);
  CHECK(a.adres.straatnaam == b.adres.straatnaam);
  CHECK(a.adres.huisnummer == b.adres.huisnummer);
  CHECK(a.adres.huisnummertoevoeging == b.adres.huisnummertoevoeging);
  CHECK(a.adres.huisnummeraanduiding == b.adres.huisnummeraanduiding);
  CHECK(a.adres.locatieomschrijving == b.adres.locatieomschrijving);
  CHECK(a.indicatie_betrouwbaar_adres == b.indicatie_betrouwbaar_adres);
  CHECK(a.datum_vestiging_in_nederland == b.datum_vestiging_in_nederland);
  CHECK(a.datum_vertrek_uit_nederland == b.datum_vertrek_uit_nederland);
  CHECK(a.recht_op_lening_en_vergoeding == b.recht_op_lening_en_vergoeding);
  CHECK(a.indicatie_asielgerechtigd == b.indicatie_asielgerechtigd);
  CHECK(a.indicatie_verblijfsdoel == b.indicatie_verblijfsdoel);
  CHECK(a.indicatie_rechtmatig_verblijf == b.indicatie_rechtmatig_verblijf);
  CHECK(a.indicatie_pardonregeling == b.indicatie_pardonregeling);
  CHECK(a.indicatie_persoonsvolgend_budget == b.indicatie_persoonsvolgend_budget);
  CHECK(a.persoonsvolgend_budget_gebruikt == b.persoonsvolgend_budget_gebruikt);
  CHECK(a.in_azc_gehuisvest == b.in_azc_gehuisvest);
  CHECK(a.datum_beslissing_verblijfsrecht == b.datum_beslissing_verblijfsrecht);
  CHECK(a.indicatie_diploma_behaald == b.indicatie_diploma_behaald);
  CHECK(a.niveau_inburgeringsdiploma == b.niveau_inburgeringsdiploma);
  CHECK(a.indicatie_schuld_aanwezig == b.indicatie_schuld_aanwezig);
  CHECK(a.indicatie_gehele_vrijstelling_door_duo == b.indicatie_gehele_vrijstelling_door_duo);
  CHECK(a.examenaanvraag_aanwezig == b.examenaanvraag_aanwezig);
  CHECK(a.code_geheim == b.code_geheim);
  CHECK(a.datum_overlijden == b.datum_overlijden);

  const auto& i = out.indicatie;
  const auto& j = in.indicatie;
  CHECK(i.inburgeringsplichtig == j.inburgeringsplichtig);
  CHECK(i.datum_inburgeringsplicht == j.datum_inburgeringsplicht);
  CHECK(i.reden_niet_inburgeringsplichtig == j.reden_niet_inburgeringsplichtig);
  CHECK(i.vrijwillig_inburgeraar == j.vrijwillig_inburgeraar);
  CHECK(i.categorie == j.categorie);
  CHECK(i.pardonregeling == j.pardonregeling);
  CHECK(i.asielgerechtigd == j.asielgerechtigd);
  REQUIRE(i.ontheffing.has_value());
  CHECK(i.ontheffing->soort == j.ontheffing->soort);
  CHECK(i.ontheffing->datum == j.ontheffing->datum);

  REQUIRE(out.handhaving.has_value());
  CHECK(out.handhaving->gehandhaafd_door_gemeente == in.handhaving->gehandhaafd_door_gemeente);
  CHECK(out.handhaving->eerste_handhaving_door_gemeente ==
        in.handhaving->eerste_handhaving_door_gemeente);
  CHECK(out.handhaving->begin_handhaving == in.handhaving->begin_handhaving);
  CHECK(out.handhaving->einde_handhavingstermijn == in.handhaving->einde_handhavingstermijn);
  REQUIRE(out.handhaving->verlengingen.size() == 2);
  for (size_t k = 0; k < 2; ++k) {
    const auto& x = out.handhaving->verlengingen[k];
    const auto& y = in.handhaving->verlengingen[k];
    CHECK(x.datum_verlenging == y.datum_verlenging);
    CHECK(x.nieuwe_einddatum == y.nieuwe_einddatum);
    CHECK(x.reden_verlenging == y.reden_verlenging);
  }

  REQUIRE(out.voorzieningen.size() == 2);
  for (size_t k = 0; k < 2; ++k) {
    const auto& x = out.voorzieningen[k];
    const auto& y = in.voorzieningen[k];
    CHECK(x.id > 0);
    CHECK(x.aanbod_door_gemeente == y.aanbod_door_gemeente);
    CHECK(x.geregistreerd_door_gemeente == y.geregistreerd_door_gemeente);
    CHECK(x.doelgroep == y.doelgroep);
    CHECK(x.soort == y.soort);
    CHECK(x.indicatie_pib == y.indicatie_pib);
    CHECK(x.vorm_duaal_traject == y.vorm_duaal_traject);
    CHECK(x.datum_start == y.datum_start);
    CHECK(x.datum_einde == y.datum_einde);
    CHECK(x.reden_einde == y.reden_einde);
  }
  CHECK(out.voorzieningen[0].id != out.voorzieningen[1].id);

  REQUIRE(out.vrijstellingen.size() == 2);
  for (size_t k = 0; k < 2; ++k) {
    const auto& x = out.vrijstellingen[k];
    const auto& y = in.vrijstellingen[k];
    CHECK(x.id > 0);
    CHECK(x.soort == y.soort);
    CHECK(x.door == y.door);
    CHECK(x.datum_start == y.datum_start);
    CHECK(x.datum_einde == y.datum_einde);
    CHECK(x.examenonderdeel == y.examenonderdeel);
    CHECK(x.niveau == y.niveau);
  }

  REQUIRE(out.boetes.size() == 2);
  for (size_t k = 0; k < 2; ++k) {
    CHECK(out.boetes[k].datum_toekennen == in.boetes[k].datum_toekennen);
    CHECK(out.boetes[k].reden == in.boetes[k].reden);
    CHECK(out.boetes[k].bedrag_centen == in.boetes[k].bedrag_centen);
    CHECK(out.boetes[k].soort == in.boetes[k].soort);
  }

  const auto& ex = out.examens;
  const auto& ey = in.examens;
  CHECK(ex.inburgeringsdiploma_behaald == ey.inburgeringsdiploma_behaald);
  CHECK(ex.datum_diploma_behaald == ey.datum_diploma_behaald);
  CHECK(ex.diploma_gemeente == ey.diploma_gemeente);
  CHECK(ex.indicatie_geslaagd == ey.indicatie_geslaagd);
  CHECK(ex.deelgenomen_volledig_examen == ey.deelgenomen_volledig_examen);
  CHECK(ex.gemeente_volledige_deelname == ey.gemeente_volledige_deelname);
  CHECK(ex.volledige_deelname_nt2 == ey.volledige_deelname_nt2);
  CHECK(ex.datum_volledige_deelname_nt2 == ey.datum_volledige_deelname_nt2);
  CHECK(ex.gemeente_volledige_deelname_nt2 == ey.gemeente_volledige_deelname_nt2);
  CHECK(ex.examenaanvraag == ey.examenaanvraag);
  REQUIRE(ex.onderdelen.size() == 2);
  for (size_t k = 0; k < 2; ++k) {
    const auto& x = ex.onderdelen[k];
    const auto& y = ey.onderdelen[k];
    CHECK(x.examen == y.examen);
    CHECK(x.niveau == y.niveau);
    CHECK(x.uitslag == y.uitslag);
    CHECK(x.profiel == y.profiel);
    CHECK(x.variant == y.variant);
    CHECK(x.datum_deelname == y.datum_deelname);
    CHECK(x.gemeente_behaald == y.gemeente_behaald);
    CHECK(x.indicatie_vrijgesteld == y.indicatie_vrijgesteld);
  }

  CHECK(out.versie == 7);
  CHECK(out.wet == Wet::kWi2013);
  CHECK(out.signalen.totaal == 0);
}

TEST_CASE("SqliteStore: a minimal dossier round-trips with empty optionals and no sub-records",
          "[store][dossier]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->InsertPersons({MinimalDossier("111222333")}, {}).ok());
  Dossier out;
  REQUIRE(store->GetDossierByBsn("0363", "111222333", &out).ok());
  CHECK_FALSE(out.kop.anummer.has_value());
  CHECK(out.kop.naam.voorvoegsels.empty());
  CHECK_FALSE(out.persoonsgegevens.adres.huisnummer.has_value());
  CHECK_FALSE(out.persoonsgegevens.indicatie_betrouwbaar_adres.has_value());
  CHECK_FALSE(out.indicatie.inburgeringsplichtig.has_value());
  CHECK_FALSE(out.indicatie.ontheffing.has_value());
  CHECK_FALSE(out.handhaving.has_value());
  CHECK(out.voorzieningen.empty());
  CHECK(out.vrijstellingen.empty());
  CHECK(out.boetes.empty());
  CHECK(out.examens.onderdelen.empty());
  CHECK(out.versie == 1);
  CHECK(out.wet == Wet::kWi2007);
}

TEST_CASE("SqliteStore: sub-records come back oldest first whatever the insert order",
          "[store][dossier]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  Dossier d = FullDossier();
  std::swap(d.voorzieningen[0], d.voorzieningen[1]);
  std::swap(d.boetes[0], d.boetes[1]);
  std::swap(d.examens.onderdelen[0], d.examens.onderdelen[1]);
  std::swap(d.handhaving->verlengingen[0], d.handhaving->verlengingen[1]);
  REQUIRE(store->InsertPersons({d}, {}).ok());
  Dossier out;
  REQUIRE(store->GetDossierByBsn("0363", "111222333", &out).ok());
  CHECK(out.voorzieningen[0].datum_start < out.voorzieningen[1].datum_start);
  CHECK(out.boetes[0].datum_toekennen < out.boetes[1].datum_toekennen);
  CHECK(out.examens.onderdelen[0].datum_deelname < out.examens.onderdelen[1].datum_deelname);
  CHECK(out.handhaving->verlengingen[0].datum_verlenging <
        out.handhaving->verlengingen[1].datum_verlenging);
}

TEST_CASE("SqliteStore: signal counts per status are those of the acting municipality",
          "[store][dossier][signalen]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  const std::string bsn = "111222333";
  const std::string other = MakeBsn(7);
  std::vector<Signaal> signalen = {
      MakeSignaal(bsn, "0363", "SS001", SignaalStatus::kNieuw),
      MakeSignaal(bsn, "0363", "SS004", SignaalStatus::kNieuw),
      MakeSignaal(bsn, "0363", "SS009", SignaalStatus::kNieuw),
      MakeSignaal(bsn, "0363", "SS012", SignaalStatus::kInBehandeling),
      MakeSignaal(bsn, "0363", "SS016", SignaalStatus::kAfgehandeld),
      MakeSignaal(bsn, "0363", "SS052", SignaalStatus::kAfgehandeld),
      // Not counted: another municipality's signal for the same person, another person's.
      MakeSignaal(bsn, "0599", "SS001", SignaalStatus::kNieuw),
      MakeSignaal(other, "0363", "SS001", SignaalStatus::kNieuw),
  };
  REQUIRE(store->InsertPersons({MinimalDossier(bsn), MinimalDossier(other)}, signalen).ok());
  Dossier out;
  REQUIRE(store->GetDossierByBsn("0363", bsn, &out).ok());
  CHECK(out.signalen.nieuw == 3);
  CHECK(out.signalen.in_behandeling == 1);
  CHECK(out.signalen.afgehandeld == 2);
  CHECK(out.signalen.totaal == 6);
}

TEST_CASE("SqliteStore: counts given in an inserted dossier are ignored", "[store][signalen]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  Dossier d = MinimalDossier("111222333");
  d.signalen = {5, 5, 0, 0};
  REQUIRE(store->InsertPersons({d}, {}).ok());
  Dossier out;
  REQUIRE(store->GetDossierByBsn("0363", "111222333", &out).ok());
  CHECK(out.signalen.totaal == 0);
  CHECK(out.signalen.nieuw == 0);
}

TEST_CASE("SqliteStore: a person is found by A-nummer within the own municipality",
          "[store][dossier]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->InsertPersons({FullDossier()}, {}).ok());
  Dossier out;
  REQUIRE(store->GetDossierByANummer("0363", "4020209358", &out).ok());
  CHECK(out.kop.bsn == "111222333");
  CHECK(out.voorzieningen.size() == 2);
  CHECK(store->GetDossierByANummer("0599", "4020209358", &out).code() == Status::Code::kNotFound);
  CHECK(store->GetDossierByANummer("0363", "1010101010", &out).code() == Status::Code::kNotFound);
}

TEST_CASE("SqliteStore: person of another municipality is NotFound like an unknown BSN",
          "[store][dossier]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->InsertPersons({FullDossier()}, {}).ok());
  Dossier out;
  Status other = store->GetDossierByBsn("0599", "111222333", &out);
  Status unknown = store->GetDossierByBsn("0363", MakeBsn(3), &out);
  CHECK(other.code() == Status::Code::kNotFound);
  CHECK(unknown.code() == Status::Code::kNotFound);
  CHECK(other.message() == unknown.message());
  CHECK(other.field() == unknown.field());
  CHECK(other.message().find("111222333") == std::string::npos);
}

TEST_CASE("SqliteStore: a purged person is NotFound", "[store][dossier]") {
  TempDir dir;
  const std::string path = dir.File("isi.db");
  auto store = OpenStore(path);
  REQUIRE(store->InsertPersons({FullDossier()}, {}).ok());
  {
    RawDb raw(path);
    REQUIRE(raw.Exec("UPDATE personen SET purged = 1 WHERE bsn = '111222333'") == SQLITE_OK);
  }
  Dossier out;
  CHECK(store->GetDossierByBsn("0363", "111222333", &out).code() == Status::Code::kNotFound);
  CHECK(store->GetDossierByANummer("0363", "4020209358", &out).code() == Status::Code::kNotFound);
  CHECK(Count(*store) == 0);
}

// --- Bulk insert -----------------------------------------------------------------------------

TEST_CASE("SqliteStore: a duplicate BSN is refused naming it, and nothing of the batch is written",
          "[store][insert]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->InsertPersons({FullDossier()}, {}).ok());
  REQUIRE(Count(*store) == 1);

  SECTION("already in the store") {
    Dossier again = MinimalDossier("111222333");
    Status s =
        store->InsertPersons({MinimalDossier(MakeBsn(1)), again},
                             {MakeSignaal(MakeBsn(1), "0363", "SS001", SignaalStatus::kNieuw)});
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains("111222333"));
  }
  SECTION("twice in the same batch") {
    Status s = store->InsertPersons({MinimalDossier(MakeBsn(1)), MinimalDossier(MakeBsn(1))}, {});
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains(MakeBsn(1)));
  }
  SECTION("a duplicate A-nummer") {
    Dossier d = MinimalDossier(MakeBsn(1));
    d.kop.anummer = "4020209358";
    Status s = store->InsertPersons({d}, {});
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains(MakeBsn(1)));
    CHECK(s.field() == "anummer");
  }
  CHECK(Count(*store) == 1);
  Dossier out;
  CHECK(store->GetDossierByBsn("0363", MakeBsn(1), &out).code() == Status::Code::kNotFound);
  // The original is untouched.
  REQUIRE(store->GetDossierByBsn("0363", "111222333", &out).ok());
  CHECK(out.voorzieningen.size() == 2);
  CHECK(out.signalen.totaal == 0);
}

TEST_CASE("SqliteStore: invalid persons and signals are refused before anything is written",
          "[store][insert]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  const Dossier good = MinimalDossier(MakeBsn(1));
  Status s;
  SECTION("BSN failing the elfproef") {
    s = store->InsertPersons({good, MinimalDossier("111222334")}, {});
    CHECK_THAT(s.message(), Catch::Contains("111222334"));
  }
  SECTION("invalid A-nummer") {
    Dossier d = MinimalDossier("111222333");
    d.kop.anummer = "4020209359";
    s = store->InsertPersons({good, d}, {});
    CHECK_THAT(s.message(), Catch::Contains("111222333"));
  }
  SECTION("unknown woongemeente") {
    s = store->InsertPersons({good, MinimalDossier("111222333", "9998")}, {});
    CHECK_THAT(s.message(), Catch::Contains("111222333"));
  }
  SECTION("invalid date") {
    Dossier d = MinimalDossier("111222333");
    d.persoonsgegevens.datum_overlijden = Date{2023, 2, 30};
    s = store->InsertPersons({good, d}, {});
    CHECK(s.field() == "datum_overlijden");
  }
  SECTION("vorm duaal traject on a voorziening that is not duaal") {
    Dossier d = FullDossier();
    d.voorzieningen[0].soort = SoortVoorziening::kRegulier;
    s = store->InsertPersons({good, d}, {});
    CHECK_THAT(s.message(), Catch::Contains("111222333"));
  }
  SECTION("signal with an unknown code") {
    s = store->InsertPersons({good},
                             {MakeSignaal(good.kop.bsn, "0363", "SS999", SignaalStatus::kNieuw)});
  }
  SECTION("signal for a person not in the store") {
    s = store->InsertPersons({good},
                             {MakeSignaal("111222333", "0363", "SS001", SignaalStatus::kNieuw)});
    CHECK_THAT(s.message(), Catch::Contains("111222333"));
  }
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(Count(*store) == 0);
}

TEST_CASE("SqliteStore: a busy database is Unavailable, not Internal", "[store]") {
  TempDir dir;
  const std::string path = dir.File("isi.db");
  auto store = OpenStore(path, true, /*busy_timeout_ms=*/50);
  RawDb other(path);
  REQUIRE(other.Exec("BEGIN IMMEDIATE") == SQLITE_OK);
  CHECK(store->InsertPersons({MinimalDossier("111222333")}, {}).code() ==
        Status::Code::kUnavailable);
  // Readers are not blocked by a writer in WAL mode.
  int64_t n = -1;
  CHECK(store->CountPersons(&n).ok());
  REQUIRE(other.Exec("COMMIT") == SQLITE_OK);
  CHECK(store->InsertPersons({MinimalDossier("111222333")}, {}).ok());
}

// --- Application keys ------------------------------------------------------------------------

TEST_CASE("SqliteStore: application keys are created, found, listed and revoked", "[store][keys]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  ApplicationKey k = MakeKey("ak_0363_b", "0363");
  k.acts_for = {"0599", "0344", "0363"};
  REQUIRE(store->CreateKey(k).ok());
  REQUIRE(store->CreateKey(MakeKey("ak_0014_a", "0014")).ok());

  ApplicationKey found;
  REQUIRE(store->FindKey("ak_0363_b", &found).ok());
  CHECK(found.key_id == "ak_0363_b");
  CHECK(found.gemeentecode == "0363");
  CHECK(found.roles == std::vector<int>{2, 6});
  CHECK(found.acts_for == std::vector<std::string>{"0344", "0599"});  // own one implied
  CHECK(found.password_hash == k.password_hash);
  CHECK(found.omschrijving == "CVS leverancier");
  CHECK(found.created_at == 1700000000);
  CHECK_FALSE(found.revoked_at.has_value());

  std::vector<ApplicationKey> all;
  REQUIRE(store->ListKeys(&all).ok());
  REQUIRE(all.size() == 2);
  CHECK(all[0].key_id == "ak_0014_a");
  CHECK(all[0].acts_for.empty());
  CHECK(all[1].key_id == "ak_0363_b");
  CHECK(all[1].acts_for.size() == 2);

  REQUIRE(store->RevokeKey("ak_0363_b", 1700000500).ok());
  REQUIRE(store->RevokeKey("ak_0363_b", 1700000900).ok());  // twice is Ok, first moment kept
  REQUIRE(store->FindKey("ak_0363_b", &found).ok());
  CHECK(found.revoked_at == 1700000500);

  CHECK(store->RevokeKey("ak_none", 1).code() == Status::Code::kNotFound);
  CHECK(store->FindKey("ak_none", &found).code() == Status::Code::kNotFound);
}

TEST_CASE("SqliteStore: a key is refused for a duplicate id, unknown municipality or bad role",
          "[store][keys]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->CreateKey(MakeKey("ak_1", "0363")).ok());
  CHECK(store->CreateKey(MakeKey("ak_1", "0599")).code() == Status::Code::kConflict);

  CHECK(store->CreateKey(MakeKey("ak_2", "9998")).code() == Status::Code::kInvalidArgument);
  ApplicationKey acts = MakeKey("ak_3", "0363");
  acts.acts_for = {"9998"};
  CHECK(store->CreateKey(acts).code() == Status::Code::kInvalidArgument);
  ApplicationKey role = MakeKey("ak_4", "0363");
  role.roles = {2, 4};
  Status s = store->CreateKey(role);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.field() == "roles");
  role.roles = {};
  CHECK(store->CreateKey(role).code() == Status::Code::kInvalidArgument);

  std::vector<ApplicationKey> all;
  REQUIRE(store->ListKeys(&all).ok());
  REQUIRE(all.size() == 1);
  CHECK(all[0].gemeentecode == "0363");  // the refused duplicate changed nothing
}

// --- Volume (run explicitly: store_test "[.bench]") -----------------------------------------

TEST_CASE("SqliteStore: bulk load of 100k persons with sub-records in batches of 10k",
          "[.bench][store]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  const Dossier tmpl = FullDossier();
  const int kPersons = 100000, kBatch = 10000;
  int64_t prefix = 10000000;
  auto next_bsn = [&] {
    for (;; ++prefix) {
      std::string s = std::to_string(prefix);
      int sum = 0;
      for (int i = 0; i < 8; ++i) sum += (s[i] - '0') * (9 - i);
      if (sum % 11 == 10) continue;
      ++prefix;
      return s + static_cast<char>('0' + sum % 11);
    }
  };
  const auto& gemeenten = BekendeGemeenten();
  auto start = std::chrono::steady_clock::now();
  for (int made = 0; made < kPersons;) {
    std::vector<Dossier> batch;
    std::vector<Signaal> signalen;
    for (int i = 0; i < kBatch; ++i, ++made) {
      Dossier d = tmpl;
      d.kop.bsn = next_bsn();
      d.kop.anummer.reset();
      d.kop.woongemeente = gemeenten[static_cast<size_t>(made) % gemeenten.size()].code;
      signalen.push_back(
          MakeSignaal(d.kop.bsn, d.kop.woongemeente, "SS001", SignaalStatus::kNieuw));
      batch.push_back(std::move(d));
    }
    Status st = store->InsertPersons(batch, signalen);
    INFO(st.ToString());
    REQUIRE(st.ok());
  }
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("inserted " << kPersons << " full dossiers in " << seconds << " s");
  CHECK(Count(*store) == kPersons);
}
