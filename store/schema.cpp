#include "store/schema.h"

#include <string>

#include "model/gemeenten.h"

namespace isi {
namespace {

// Version 1: the whole ISI data model. Conventions:
//  - enumerations are stored as their wire tokens (Token() in model/codes.h); enumeration
//    columns carry no CHECK list so that a new token needs no table rebuild;
//  - dates are 'YYYY-MM-DD' TEXT, booleans INTEGER 0/1 (NULL = unknown where the model has an
//    optional), money INTEGER cents, moments INTEGER unix seconds;
//  - STRICT tables, so a wrong type is an error instead of a silent conversion.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE gemeenten (
  code TEXT NOT NULL PRIMARY KEY CHECK (length(code) = 4),
  naam TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- One row per person in ISI. Kop, Persoonsgegevens, Indicatie and the scalar part of Examens;
-- the repeating parts live in the tables below, keyed by bsn.
CREATE TABLE personen (
  bsn TEXT NOT NULL PRIMARY KEY CHECK (length(bsn) = 9),
  anummer TEXT UNIQUE CHECK (anummer IS NULL OR length(anummer) = 10),
  voornamen TEXT NOT NULL,
  voorvoegsels TEXT NOT NULL DEFAULT '',
  achternaam TEXT NOT NULL,
  geboortedatum TEXT NOT NULL CHECK (length(geboortedatum) = 10),
  herkomst TEXT NOT NULL CHECK (herkomst IN ('IsiActief', 'IsiDefinitief')),
  woongemeente TEXT NOT NULL REFERENCES gemeenten (code),
  -- Persoonsgegevens
  geboortedatum_persoonsgegevens TEXT NOT NULL CHECK (length(geboortedatum_persoonsgegevens) = 10),
  geslacht TEXT NOT NULL,
  geboorteland TEXT,
  geboorteplaats TEXT,
  nationaliteit1 TEXT,
  nationaliteit2 TEXT,
  postcode TEXT,
  woonplaats TEXT,
  straatnaam TEXT,
  huisnummer INTEGER,
  huisnummertoevoeging TEXT,
  huisnummeraanduiding TEXT,
  locatieomschrijving TEXT,
  indicatie_betrouwbaar_adres INTEGER CHECK (indicatie_betrouwbaar_adres IN (0, 1)),
  datum_vestiging_in_nederland TEXT,
  datum_vertrek_uit_nederland TEXT,
  recht_op_lening_en_vergoeding INTEGER CHECK (recht_op_lening_en_vergoeding IN (0, 1)),
  indicatie_asielgerechtigd INTEGER CHECK (indicatie_asielgerechtigd IN (0, 1)),
  indicatie_verblijfsdoel TEXT,
  indicatie_rechtmatig_verblijf INTEGER CHECK (indicatie_rechtmatig_verblijf IN (0, 1)),
  indicatie_pardonregeling INTEGER CHECK (indicatie_pardonregeling IN (0, 1)),
  indicatie_persoonsvolgend_budget INTEGER CHECK (indicatie_persoonsvolgend_budget IN (0, 1)),
  persoonsvolgend_budget_gebruikt INTEGER CHECK (persoonsvolgend_budget_gebruikt IN (0, 1)),
  in_azc_gehuisvest INTEGER CHECK (in_azc_gehuisvest IN (0, 1)),
  datum_beslissing_verblijfsrecht TEXT,
  indicatie_diploma_behaald INTEGER NOT NULL CHECK (indicatie_diploma_behaald IN (0, 1)),
  niveau_inburgeringsdiploma TEXT,
  indicatie_schuld_aanwezig INTEGER NOT NULL CHECK (indicatie_schuld_aanwezig IN (0, 1)),
  indicatie_gehele_vrijstelling_door_duo INTEGER NOT NULL
      CHECK (indicatie_gehele_vrijstelling_door_duo IN (0, 1)),
  examenaanvraag_aanwezig TEXT NOT NULL,
  code_geheim TEXT NOT NULL,
  datum_overlijden TEXT,
  -- Indicatie
  inburgeringsplichtig INTEGER CHECK (inburgeringsplichtig IN (0, 1)),
  datum_inburgeringsplicht TEXT,
  reden_niet_inburgeringsplichtig TEXT,
  vrijwillig_inburgeraar INTEGER NOT NULL CHECK (vrijwillig_inburgeraar IN (0, 1)),
  categorie TEXT,
  plicht_pardonregeling INTEGER NOT NULL CHECK (plicht_pardonregeling IN (0, 1)),
  plicht_asielgerechtigd INTEGER NOT NULL CHECK (plicht_asielgerechtigd IN (0, 1)),
  ontheffing_soort TEXT,
  ontheffing_datum TEXT,
  -- Examens (scalar part)
  inburgeringsdiploma_behaald INTEGER NOT NULL CHECK (inburgeringsdiploma_behaald IN (0, 1)),
  datum_diploma_behaald TEXT,
  diploma_gemeente TEXT,
  indicatie_geslaagd TEXT,
  deelgenomen_volledig_examen INTEGER NOT NULL CHECK (deelgenomen_volledig_examen IN (0, 1)),
  gemeente_volledige_deelname TEXT,
  volledige_deelname_nt2 TEXT NOT NULL,
  datum_volledige_deelname_nt2 TEXT,
  gemeente_volledige_deelname_nt2 TEXT,
  examens_examenaanvraag TEXT NOT NULL,
  -- Which law applies, optimistic-concurrency version, bookkeeping
  wet TEXT NOT NULL,
  versie INTEGER NOT NULL DEFAULT 1 CHECK (versie >= 1),
  purged INTEGER NOT NULL DEFAULT 0 CHECK (purged IN (0, 1)),
  updated_at INTEGER NOT NULL,
  CHECK ((ontheffing_soort IS NULL) = (ontheffing_datum IS NULL))
) STRICT;
-- Selection (birth date range within a municipality) and lookup by A-nummer.
CREATE INDEX personen_woongemeente_geboortedatum ON personen (woongemeente, geboortedatum, bsn);
CREATE INDEX personen_anummer ON personen (anummer);

-- Handhaving: at most one per person.
CREATE TABLE handhavingen (
  bsn TEXT NOT NULL PRIMARY KEY REFERENCES personen (bsn) ON DELETE CASCADE,
  gehandhaafd_door_gemeente TEXT NOT NULL CHECK (length(gehandhaafd_door_gemeente) = 4),
  eerste_handhaving_door_gemeente TEXT NOT NULL
      CHECK (length(eerste_handhaving_door_gemeente) = 4),
  begin_handhaving TEXT NOT NULL,
  einde_handhavingstermijn TEXT NOT NULL
) STRICT;

CREATE TABLE verlengingen (
  id INTEGER PRIMARY KEY,
  bsn TEXT NOT NULL REFERENCES handhavingen (bsn) ON DELETE CASCADE,
  datum_verlenging TEXT NOT NULL,
  nieuwe_einddatum TEXT NOT NULL,
  reden_verlenging TEXT NOT NULL
) STRICT;
CREATE INDEX verlengingen_bsn ON verlengingen (bsn);

CREATE TABLE voorzieningen (
  id INTEGER PRIMARY KEY,
  bsn TEXT NOT NULL REFERENCES personen (bsn) ON DELETE CASCADE,
  aanbod_door_gemeente TEXT NOT NULL CHECK (length(aanbod_door_gemeente) = 4),
  geregistreerd_door_gemeente TEXT NOT NULL CHECK (length(geregistreerd_door_gemeente) = 4),
  doelgroep TEXT NOT NULL,
  soort TEXT NOT NULL,
  indicatie_pib INTEGER NOT NULL CHECK (indicatie_pib IN (0, 1)),
  vorm_duaal_traject TEXT CHECK (vorm_duaal_traject IS NULL OR soort = 'Duaal'),
  datum_start TEXT NOT NULL,
  datum_einde TEXT,
  reden_einde TEXT
) STRICT;
CREATE INDEX voorzieningen_bsn ON voorzieningen (bsn, datum_start);

CREATE TABLE vrijstellingen (
  id INTEGER PRIMARY KEY,
  bsn TEXT NOT NULL REFERENCES personen (bsn) ON DELETE CASCADE,
  soort TEXT NOT NULL,
  door TEXT NOT NULL,
  datum_start TEXT NOT NULL,
  datum_einde TEXT,
  examenonderdeel TEXT,
  niveau TEXT
) STRICT;
CREATE INDEX vrijstellingen_bsn ON vrijstellingen (bsn, datum_start);

CREATE TABLE boetes (
  id INTEGER PRIMARY KEY,
  bsn TEXT NOT NULL REFERENCES personen (bsn) ON DELETE CASCADE,
  datum_toekennen TEXT NOT NULL,
  reden TEXT NOT NULL,
  bedrag_centen INTEGER NOT NULL CHECK (bedrag_centen >= 0),
  soort TEXT NOT NULL
) STRICT;
CREATE INDEX boetes_bsn ON boetes (bsn, datum_toekennen);

CREATE TABLE examenonderdelen (
  id INTEGER PRIMARY KEY,
  bsn TEXT NOT NULL REFERENCES personen (bsn) ON DELETE CASCADE,
  examen TEXT NOT NULL,
  niveau TEXT,
  uitslag TEXT NOT NULL,
  profiel TEXT,
  variant TEXT,
  datum_deelname TEXT NOT NULL,
  gemeente_behaald TEXT,
  indicatie_vrijgesteld INTEGER NOT NULL CHECK (indicatie_vrijgesteld IN (0, 1))
) STRICT;
CREATE INDEX examenonderdelen_bsn ON examenonderdelen (bsn, datum_deelname);

-- Signals raised for a person in a municipality.
CREATE TABLE signalen (
  id INTEGER PRIMARY KEY,
  bsn TEXT NOT NULL REFERENCES personen (bsn),
  gemeentecode TEXT NOT NULL REFERENCES gemeenten (code),
  code TEXT NOT NULL CHECK (length(code) = 5),
  status TEXT NOT NULL CHECK (status IN ('Nieuw', 'InBehandeling', 'Afgehandeld')),
  datum TEXT NOT NULL,
  versie INTEGER NOT NULL DEFAULT 1 CHECK (versie >= 1),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX signalen_gemeente_status ON signalen (gemeentecode, status);
CREATE INDEX signalen_gemeente_updated ON signalen (gemeentecode, updated_at, id);
-- Also covers the per-person counts of the dossier (bsn, gemeentecode, status).
CREATE INDEX signalen_bsn ON signalen (bsn, gemeentecode, status);

-- Application keys (applicatiesleutels) with which a CVS authenticates.
CREATE TABLE applicatiesleutels (
  key_id TEXT NOT NULL PRIMARY KEY CHECK (length(key_id) BETWEEN 1 AND 128),
  gemeentecode TEXT NOT NULL REFERENCES gemeenten (code),
  roles TEXT NOT NULL CHECK (roles <> ''),  -- ascending, comma-separated: "2,3,5,6"
  password_hash TEXT NOT NULL CHECK (password_hash <> ''),
  omschrijving TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),  -- brute-force limiting
  locked_until INTEGER
) STRICT;

-- Municipalities a key may act for besides its own (uitbesteding).
CREATE TABLE sleutel_gemeenten (
  key_id TEXT NOT NULL REFERENCES applicatiesleutels (key_id) ON DELETE CASCADE,
  gemeentecode TEXT NOT NULL REFERENCES gemeenten (code),
  PRIMARY KEY (key_id, gemeentecode)
) STRICT, WITHOUT ROWID;

-- Status changes of signals: who moved which signal from which status to which, when.
CREATE TABLE signaal_statushistorie (
  id INTEGER PRIMARY KEY,
  signaal_id INTEGER NOT NULL REFERENCES signalen (id) ON DELETE CASCADE,
  van_status TEXT NOT NULL,
  naar_status TEXT NOT NULL,
  at INTEGER NOT NULL,
  key_id TEXT REFERENCES applicatiesleutels (key_id)  -- NULL: changed by the daily refresh
) STRICT;
CREATE INDEX signaal_statushistorie_signaal ON signaal_statushistorie (signaal_id, id);

-- Protocollering: an append-only hash chain (see store/audit_chain.h). key_id is free text,
-- not a foreign key: failed logins with unknown keys are recorded too.
CREATE TABLE protocol (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  key_id TEXT NOT NULL,
  gemeentecode TEXT NOT NULL,
  operation TEXT NOT NULL,
  bsn TEXT NOT NULL,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX protocol_bsn ON protocol (bsn, id);
-- Guards against mistakes, not against someone with write access to the file: the hash chain
-- is what detects tampering.
CREATE TRIGGER protocol_no_update BEFORE UPDATE ON protocol
BEGIN SELECT RAISE(ABORT, 'protocol is append-only'); END;
CREATE TRIGGER protocol_no_delete BEFORE DELETE ON protocol
BEGIN SELECT RAISE(ABORT, 'protocol is append-only'); END;

-- Daily refresh bookkeeping: which delivered files have been applied.
CREATE TABLE applied_files (
  file_id TEXT NOT NULL PRIMARY KEY,
  applied_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

PRAGMA application_id = 1230194993;  -- kIsiApplicationId, "ISI1"
)sql";

static_assert(kIsiApplicationId == 1230194993, "keep kSchemaV1's PRAGMA application_id in step");

// Version 2: the message book (issue 3). Stores at version 1 exist, so this only adds (and
// drops what it supersedes):
//  - personen.vorige_woongemeente: for a person who left for abroad (woongemeente 1999, RNI),
//    the municipality they left; such a gewezen ingezetene stays visible to it;
//  - indexes for ZoekenPersonen (see sqlite_store_selection.cpp): each starts with the
//    municipality (or vorige_woongemeente), then the column it serves, then bsn, and carries
//    every criterion column, so pages and counts are read from the index alone and a page
//    never sorts more than a small match set. personen_geboortedatum extends version 1's
//    personen_woongemeente_geboortedatum, which it replaces;
//  - signalen.wijzigingsvolgnummer: a global change number, taken from the one-row
//    signaal_wijzigingsteller inside the write transaction of every insert and status change
//    (existing rows get their id, the counter starts after the highest); the trigger refuses
//    an insert that forgot it, so the change feed (Store::SignalChanges) cannot miss a row;
//  - signalen.achternaam and signalen.anummer: copies of the person's, so the signal list sorts
//    on them through an index instead of joining and sorting all of a municipality's signals.
//    Filled on insert and kept in step by the trigger personen_naam_naar_signalen;
//  - indexes for sorting a municipality's signals per column (status in workflow order and
//    A-nummer "" when absent via expression indexes) and for the change feed;
//    signalen_gemeente_updated is superseded by the change number;
//  - applicatiesleutels.failure_window_start: start of the brute-force counting window;
//  - protocol_at: ListAuditPeriod.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE personen ADD COLUMN vorige_woongemeente TEXT REFERENCES gemeenten (code);
DROP INDEX personen_woongemeente_geboortedatum;
CREATE INDEX personen_selectie ON personen
    (woongemeente, bsn, geboortedatum, geslacht, nationaliteit1, herkomst, purged);
CREATE INDEX personen_geboortedatum ON personen
    (woongemeente, geboortedatum, bsn, geslacht, nationaliteit1, herkomst, purged);
CREATE INDEX personen_geslacht ON personen
    (woongemeente, geslacht, bsn, geboortedatum, nationaliteit1, herkomst, purged);
CREATE INDEX personen_nationaliteit ON personen
    (woongemeente, nationaliteit1, bsn, geboortedatum, geslacht, herkomst, purged);
CREATE INDEX personen_vorige_woongemeente ON personen
    (vorige_woongemeente, bsn, woongemeente, geboortedatum, geslacht, nationaliteit1, herkomst,
     purged)
    WHERE vorige_woongemeente IS NOT NULL;

ALTER TABLE signalen ADD COLUMN wijzigingsvolgnummer INTEGER NOT NULL DEFAULT 0;
UPDATE signalen SET wijzigingsvolgnummer = id;
CREATE TABLE signaal_wijzigingsteller (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  laatste INTEGER NOT NULL CHECK (laatste >= 0)
) STRICT;
INSERT INTO signaal_wijzigingsteller (id, laatste)
    VALUES (1, (SELECT coalesce(max(id), 0) FROM signalen));
CREATE TRIGGER signalen_wijzigingsvolgnummer_verplicht BEFORE INSERT ON signalen
    WHEN NEW.wijzigingsvolgnummer <= 0
BEGIN SELECT RAISE(ABORT, 'signalen.wijzigingsvolgnummer ontbreekt'); END;
CREATE UNIQUE INDEX signalen_gemeente_wijziging ON signalen (gemeentecode, wijzigingsvolgnummer);
DROP INDEX signalen_gemeente_updated;

ALTER TABLE signalen ADD COLUMN achternaam TEXT NOT NULL DEFAULT '';
ALTER TABLE signalen ADD COLUMN anummer TEXT;
UPDATE signalen SET achternaam = p.achternaam, anummer = p.anummer
    FROM personen p WHERE p.bsn = signalen.bsn;
CREATE TRIGGER personen_naam_naar_signalen AFTER UPDATE OF achternaam, anummer ON personen
    WHEN OLD.achternaam IS NOT NEW.achternaam OR OLD.anummer IS NOT NEW.anummer
BEGIN
  UPDATE signalen SET achternaam = NEW.achternaam, anummer = NEW.anummer WHERE bsn = NEW.bsn;
END;

-- Sort orders of the signal list; the id is the tie-breaker. The expressions must stay
-- identical to those of SortColumnOf() in sqlite_store_signals.cpp.
CREATE INDEX signalen_gemeente_statusvolgorde ON signalen (gemeentecode,
    (CASE status WHEN 'Nieuw' THEN 0 WHEN 'InBehandeling' THEN 1 WHEN 'Afgehandeld' THEN 2 END),
    id);
CREATE INDEX signalen_gemeente_bsn ON signalen (gemeentecode, bsn, id);
CREATE INDEX signalen_gemeente_anummer ON signalen (gemeentecode, coalesce(anummer, ''), id);
CREATE INDEX signalen_gemeente_achternaam ON signalen (gemeentecode, achternaam, id);
CREATE INDEX signalen_gemeente_code ON signalen (gemeentecode, code, id);
CREATE INDEX signalen_gemeente_datum ON signalen (gemeentecode, datum, id);

ALTER TABLE applicatiesleutels ADD COLUMN failure_window_start INTEGER NOT NULL DEFAULT 0;

CREATE INDEX protocol_at ON protocol (at);
)sql";

// Version 3: the daily refresh (issue 5; store/refresh_store.h). Only adds:
//  - handhavingen_einde: finds the terms ending in a window (SS004, SS066) without a scan;
//  - personen.profiel_laatste_aanmelding: the profile of the latest exam application (SS062);
//  - applied_files: the source, creation date and refresh run of each applied file;
//  - refresh_runs: one row per committed refresh, with its peildatum (the previous run's
//    peildatum starts the window of the time-driven signals) and its counts;
//  - tijdsignalen: each time-driven signal raised (BSN, code, event date), so that it is raised
//    once and not on every refresh after its date.
constexpr const char* kSchemaV3 = R"sql(
CREATE INDEX handhavingen_einde ON handhavingen (einde_handhavingstermijn, bsn);
ALTER TABLE personen ADD COLUMN profiel_laatste_aanmelding TEXT;
ALTER TABLE applied_files ADD COLUMN bron TEXT;
ALTER TABLE applied_files ADD COLUMN aanmaakdatum TEXT;
ALTER TABLE applied_files ADD COLUMN refresh_id INTEGER;
CREATE TABLE refresh_runs (
  id INTEGER PRIMARY KEY,
  peildatum TEXT NOT NULL CHECK (length(peildatum) = 10),
  started_at INTEGER NOT NULL,
  committed_at INTEGER NOT NULL,
  bestanden INTEGER NOT NULL,
  toegepast INTEGER NOT NULL,
  geweigerd INTEGER NOT NULL,
  signalen INTEGER NOT NULL,
  naar_definitief INTEGER NOT NULL,
  naar_actief INTEGER NOT NULL,
  geschoond INTEGER NOT NULL
) STRICT;
CREATE INDEX refresh_runs_peildatum ON refresh_runs (peildatum);
CREATE TABLE tijdsignalen (
  bsn TEXT NOT NULL,
  code TEXT NOT NULL CHECK (length(code) = 5),
  gebeurtenisdatum TEXT NOT NULL CHECK (length(gebeurtenisdatum) = 10),
  PRIMARY KEY (bsn, code, gebeurtenisdatum)
) STRICT, WITHOUT ROWID;
)sql";

// Version 4: the daily refresh's candidates for "abroad for over a year" (ISI actief persons
// in the RNI, by date of departure): a small partial index, so that finding them does not read
// the table rows of every person abroad.
constexpr const char* kSchemaV4 = R"sql(
CREATE INDEX personen_actief_vertrokken ON personen (datum_vertrek_uit_nederland, bsn)
    WHERE woongemeente = '1999' AND herkomst = 'IsiActief' AND purged = 0;
)sql";

// Version 5: mutual TLS (issue 7): the client certificate an application key must come with,
// by subject and optionally also by SHA-256 fingerprint, in the canonical forms of store.h
// (CanonicalCertificateSubject, CanonicalCertificateSha256). '' is "none"; existing keys get
// none. A fingerprint only with a subject.
constexpr const char* kSchemaV5 = R"sql(
ALTER TABLE applicatiesleutels ADD COLUMN certificaat_subject TEXT NOT NULL DEFAULT ''
    CHECK (length(certificaat_subject) <= 4096);
ALTER TABLE applicatiesleutels ADD COLUMN certificaat_sha256 TEXT NOT NULL DEFAULT ''
    CHECK (certificaat_sha256 = '' OR
           (length(certificaat_sha256) = 64 AND certificaat_subject <> ''));
)sql";

// Version 6: signal selections with a status. A count or page with a status and a date window
// went through signalen_gemeente_datum and read the table row of every signal in the window
// to test its status (on 1M persons: 2,264 rows, 5-6 ms, for 104 matches). This index answers
// both from its entries alone, and serves the open count that signalen_gemeente_status served.
// Building it takes about 3 s on 1M persons (900k signals), once.
constexpr const char* kSchemaV6 = R"sql(
CREATE INDEX signalen_gemeente_status_datum ON signalen (gemeentecode, status, datum, id);
DROP INDEX signalen_gemeente_status;
)sql";

Status ApplyV1(sqlite::Connection* conn) {
  if (Status s = conn->Exec(kSchemaV1); !s.ok()) return s;
  sqlite::Stmt insert;
  if (Status s = conn->Prepare("INSERT INTO gemeenten (code, naam) VALUES (?1, ?2)", &insert);
      !s.ok()) {
    return s;
  }
  for (const Gemeente& g : BekendeGemeenten()) {
    insert.BindText(1, g.code);
    insert.BindText(2, g.naam);
    if (Status s = insert.Run(); !s.ok()) return s;
    insert.Reset();
  }
  return Status::Ok();
}

Status ApplyV2(sqlite::Connection* conn) { return conn->Exec(kSchemaV2); }

Status ApplyV3(sqlite::Connection* conn) { return conn->Exec(kSchemaV3); }

Status ApplyV4(sqlite::Connection* conn) { return conn->Exec(kSchemaV4); }

Status ApplyV5(sqlite::Connection* conn) { return conn->Exec(kSchemaV5); }

Status ApplyV6(sqlite::Connection* conn) { return conn->Exec(kSchemaV6); }

Status ReadVersion(sqlite::Connection* conn, int64_t* version) {
  return conn->QueryInt("PRAGMA user_version", version);
}

}  // namespace

const std::vector<Migration>& IsiMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, ApplyV1},
      {2, ApplyV2},
      {3, ApplyV3},
      {4, ApplyV4},
      {5, ApplyV5},
      {6, ApplyV6},
  };
  return kMigrations;
}

int LatestSchemaVersion() { return IsiMigrations().back().version; }

Status MigrateSchema(sqlite::Connection* conn, const std::vector<Migration>& migrations) {
  int latest = migrations.empty() ? 0 : migrations.back().version;
  int64_t version = 0;
  if (Status s = ReadVersion(conn, &version); !s.ok()) return s;
  if (version > latest) {
    return Status::InvalidArgument("store heeft schemaversie " + std::to_string(version) +
                                   ", nieuwer dan deze software kent (" + std::to_string(latest) +
                                   ")");
  }
  for (const Migration& m : migrations) {
    if (m.version <= version) continue;
    sqlite::Transaction tx(conn);
    if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
    // Another process may have migrated while we waited for the write lock.
    if (Status s = ReadVersion(conn, &version); !s.ok()) return s;
    if (m.version <= version) continue;
    if (version != m.version - 1) {
      return Status::Internal("migratie " + std::to_string(m.version) + " verwacht versie " +
                              std::to_string(m.version - 1) + ", store heeft " +
                              std::to_string(version));
    }
    if (Status s = m.apply(conn); !s.ok()) {
      if (s.code() == Status::Code::kUnavailable) return s;
      return Status::Internal("migratie " + std::to_string(m.version) + " mislukt: " + s.message());
    }
    std::string set_version = "PRAGMA user_version = " + std::to_string(m.version);
    if (Status s = conn->Exec(set_version.c_str()); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
    version = m.version;
  }
  return Status::Ok();
}

}  // namespace isi
