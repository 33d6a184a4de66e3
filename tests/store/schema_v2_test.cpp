// Schema version 2 (the message book): a store written at version 1 opens, migrates and keeps
// its data; the new columns are filled for existing rows.
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "model/codes.h"
#include "store/audit_chain.h"
#include "store/protocol_log.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"

using namespace isi;
using namespace isi::testing;

namespace {

// A person row as version 1 knows it (only the NOT NULL columns and the A-nummer).
std::string V1Person(const std::string& bsn, const char* anummer, const std::string& gemeente,
                     const std::string& achternaam) {
  auto q = [](const std::string& s) { return "'" + s + "'"; };
  return "INSERT INTO personen (bsn, anummer, voornamen, achternaam, geboortedatum, herkomst, "
         "woongemeente, geboortedatum_persoonsgegevens, geslacht, indicatie_diploma_behaald, "
         "indicatie_schuld_aanwezig, indicatie_gehele_vrijstelling_door_duo, "
         "examenaanvraag_aanwezig, code_geheim, vrijwillig_inburgeraar, plicht_pardonregeling, "
         "plicht_asielgerechtigd, inburgeringsdiploma_behaald, deelgenomen_volledig_examen, "
         "volledige_deelname_nt2, examens_examenaanvraag, wet, updated_at) VALUES (" +
         q(bsn) + ", " + (anummer != nullptr ? q(anummer) : "NULL") + ", 'Amina', " +
         q(achternaam) + ", '1979-04-05', 'IsiActief', " + q(gemeente) +
         ", '1979-04-05', 'Vrouw', 0, 0, 0, " + q(Token(ExamenaanvraagKader::kGeenExamenaanvraag)) +
         ", " + q(Token(CodeGeheim::kGeenBeperking)) + ", 0, 0, 0, 0, 0, " +
         q(Token(VolledigeDeelnameNt2::kGeenVolledigeDeelname)) + ", " +
         q(Token(ExamenaanvraagKader::kGeenExamenaanvraag)) + ", " + q(Token(Wet::kWi2007)) +
         ", 1600000000)";
}

std::string V1Signal(const std::string& bsn, const std::string& gemeente, const char* status) {
  return "INSERT INTO signalen (bsn, gemeentecode, code, status, datum, created_at, updated_at) "
         "VALUES ('" +
         bsn + "', '" + gemeente + "', 'SS001', '" + status +
         "', '2022-02-02', 1600000000, 1600000000)";
}

// Creates a store at schema version 1 with two persons, three signals, a key with failures
// and one audit record.
void MakeV1Store(const std::string& path, const std::string& bsn1, const std::string& bsn2,
                 AuditRecord* audit) {
  std::unique_ptr<sqlite::Connection> conn;
  REQUIRE(sqlite::Connection::Open(path, true, &conn).ok());
  REQUIRE(conn->Exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON").ok());
  REQUIRE(MigrateSchema(conn.get(), {IsiMigrations().front()}).ok());
  int64_t version = 0;
  REQUIRE(conn->QueryInt("PRAGMA user_version", &version).ok());
  REQUIRE(version == 1);
  auto exec = [&](const std::string& sql) {
    Status s = conn->Exec(sql.c_str());
    INFO(s.ToString() << "\n" << sql);
    REQUIRE(s.ok());
  };
  exec(V1Person(bsn1, "4020209358", "0363", "Haddou"));
  exec(V1Person(bsn2, nullptr, "0599", "Yilmaz"));
  exec(V1Signal(bsn1, "0363", "Nieuw"));
  exec(V1Signal(bsn2, "0599", "Afgehandeld"));
  exec(V1Signal(bsn1, "0363", "InBehandeling"));
  exec(
      "INSERT INTO applicatiesleutels (key_id, gemeentecode, roles, password_hash, created_at, "
      "failed_count, locked_until) VALUES ('ak_v1', '0363', '2,6', 'hash', 1, 2, NULL)");
  exec("INSERT INTO sleutel_gemeenten (key_id, gemeentecode) VALUES ('ak_v1', '0034')");
  audit->at = 1600000000;
  audit->key_id = "ak_v1";
  audit->gemeentecode = "0363";
  audit->operation = "RaadplegenPersoon";
  audit->bsn = bsn1;
  audit->outcome = "Geleverd";
  audit->prev_hash = std::string(kAuditGenesisHash);
  audit->hash = AuditRecordHash(*audit);
  exec(
      "INSERT INTO protocol (at, key_id, gemeentecode, operation, bsn, outcome, prev_hash, hash) "
      "VALUES (1600000000, 'ak_v1', '0363', 'RaadplegenPersoon', '" +
      bsn1 + "', 'Geleverd', '" + audit->prev_hash + "', '" + audit->hash + "')");
}

}  // namespace

TEST_CASE("Schema v2: a version 1 store migrates on open and keeps its data", "[store][schema]") {
  TempDir dir;
  const std::string path = dir.File("v1.db");
  const std::string bsn1 = MakeBsn(1), bsn2 = MakeBsn(2);
  AuditRecord audit;
  MakeV1Store(path, bsn1, bsn2, &audit);

  auto store = OpenStore(path, /*create=*/false);
  {
    RawDb raw(path);
    // Migrates on to the latest version (3 and 4: the daily refresh, issue 5).
    CHECK(raw.Int("PRAGMA user_version") == LatestSchemaVersion());
    CHECK(LatestSchemaVersion() >= 2);
    // Existing signals took their id as change number; the counter continues after them.
    CHECK(raw.Int("SELECT count(*) FROM signalen WHERE wijzigingsvolgnummer <> id") == 0);
    CHECK(raw.Int("SELECT laatste FROM signaal_wijzigingsteller") == 3);
    CHECK(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = "
                  "'personen_woongemeente_geboortedatum'") == 0);
    CHECK(raw.Int("PRAGMA foreign_key_check") == -1);  // no violations
  }
  CHECK(Count(*store) == 2);

  Dossier d;
  REQUIRE(store->GetDossierByBsn("0363", bsn1, &d).ok());
  CHECK(d.kop.naam.achternaam == "Haddou");
  CHECK_FALSE(d.kop.vorige_woongemeente.has_value());
  CHECK(d.signalen.totaal == 2);
  CHECK(d.signalen.nieuw == 1);

  // Signals: the person's name and A-nummer copied, in the feed in id order.
  std::vector<SignaalRij> changes;
  REQUIRE(store->SignalChanges("0363", 0, 10, &changes).ok());
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].wijzigingsvolgnummer == changes[0].id);
  CHECK(changes[0].achternaam == "Haddou");
  CHECK(changes[0].anummer == std::optional<std::string>("4020209358"));
  CHECK(changes[1].status == SignaalStatus::kInBehandeling);
  SignaalSelectie sel;
  sel.gemeentecode = "0599";
  sel.sortering = SignaalSortering::kAchternaam;
  std::vector<SignaalRij> rows;
  int64_t total = 0, open = 0;
  REQUIRE(store->SelectSignals(sel, std::nullopt, 10, &rows, &total, &open).ok());
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].achternaam == "Yilmaz");
  CHECK_FALSE(rows[0].anummer.has_value());
  CHECK(open == 0);

  // New signals and changes number on after the existing ones.
  REQUIRE(
      store->InsertPersons({}, {MakeSignaal(bsn1, "0363", "SS052", SignaalStatus::kNieuw)}).ok());
  SignaalRij changed;
  REQUIRE(store
              ->ChangeSignalStatus("0363", changes[0].id, 1, SignaalStatus::kAfgehandeld, "ak_v1",
                                   1700000000, &changed)
              .ok());
  REQUIRE(store->SignalChanges("0363", changes[1].wijzigingsvolgnummer, 10, &changes).ok());
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].code == "SS052");
  CHECK(changes[0].wijzigingsvolgnummer == 4);
  CHECK(changes[1].wijzigingsvolgnummer == 5);

  // Keys keep their failures and uitbesteding; the window starts unset.
  ApplicationKey key;
  REQUIRE(store->FindKey("ak_v1", &key).ok());
  CHECK(key.failed_count == 2);
  CHECK(key.failure_window_start == 0);
  CHECK(key.acts_for == std::vector<std::string>{"0034"});

  // The version 1 record moves into the protocol file, and the chain continues from it.
  std::unique_ptr<ProtocolLog> protocol;
  ProtocolLogOptions po;
  po.create_if_missing = true;
  REQUIRE(OpenProtocolLog(path, po, &protocol).ok());
  AuditRecord next;
  next.at = 1700000001;
  REQUIRE(protocol->Append(&next).ok());
  CHECK(next.prev_hash == audit.hash);
  int64_t checked = 0, bad = -1;
  REQUIRE(protocol->Verify(&checked, &bad).ok());
  CHECK(checked == 2);
  CHECK(bad == 0);

  // Selection works on the migrated persons.
  PersoonSelectie ps;
  ps.gemeentecode = "0363";
  ps.geslacht = Geslacht::kVrouw;
  std::vector<PersoonRij> persons;
  REQUIRE(store->SelectPersons(ps, "", 20, &persons, &total).ok());
  REQUIRE(persons.size() == 1);
  CHECK(persons[0].bsn == bsn1);
  CHECK(persons[0].signaal_aanwezig);  // InBehandeling (version 1) and the new Nieuw
}

TEST_CASE("Schema v2: a signal inserted without a change number is refused", "[store][schema]") {
  TempDir dir;
  const std::string path = dir.File("isi.db");
  auto store = OpenStore(path);
  REQUIRE(store->InsertPersons({MinimalDossier(MakeBsn(1))}, {}).ok());
  RawDb raw(path);
  CHECK(raw.Exec("INSERT INTO signalen (bsn, gemeentecode, code, status, datum, created_at, "
                 "updated_at) VALUES ('" +
                 MakeBsn(1) + "', '0363', 'SS001', 'Nieuw', '2024-01-01', 1, 1)") != SQLITE_OK);
}
