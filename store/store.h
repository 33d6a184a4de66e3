// Store: the ISI register as the service and the tools see it.
//
// One Store object wraps one database connection and is used by one thread at a time; a server
// opens one per worker. Every method returns a Status: NotFound, InvalidArgument, Conflict,
// Unavailable (database busy beyond the busy timeout) or Internal (unexpected SQLite error; the
// message names the SQLite error but never contains personal data).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <functional>

#include "model/dossier.h"
#include "model/selectie.h"
#include "model/status.h"

struct x509_st;  // OpenSSL's X509 (client certificates of keys, below)

namespace isi {

// An application key (applicatiesleutel) with which a CVS authenticates.
struct ApplicationKey {
  std::string key_id;             // public identifier, e.g. "ak_0034_5f2c9e1a"
  std::string gemeentecode;       // the municipality the key belongs to
  std::vector<int> roles;         // subset of {2, 3, 5, 6}, ascending
  std::vector<std::string> acts_for;  // other municipalities it may act for (uitbesteding)
  std::string password_hash;      // argon2id encoded hash; never the password
  std::string omschrijving;       // free text for the administrator
  int64_t created_at = 0;         // unix seconds
  std::optional<int64_t> revoked_at;
  // Brute-force limiting (failed authentications in the current window).
  int failed_count = 0;
  int64_t failure_window_start = 0;     // unix seconds
  std::optional<int64_t> locked_until;  // unix seconds; locked while now < locked_until
  // Mutual TLS (isi-server --client-ca): the client certificate the key must come with, in the
  // canonical forms below. An empty subject: no certificate registered. A fingerprint pins one
  // certificate and is only ever set together with a subject.
  std::string certificate_subject;  // e.g. "CN=cvs.almere.nl,O=Gemeente Almere,C=NL"
  std::string certificate_sha256;   // 64 lowercase hex digits, or empty
};

// --- Client certificates of application keys --------------------------------------------------
//
// A key is bound to a client certificate by the certificate's subject and, optionally, also by
// its SHA-256 fingerprint. Both are stored and compared in one canonical form, so that the
// comparison is plain string equality:
//  - subject: RFC 4514 as OpenSSL prints it with XN_FLAG_RFC2253 but UTF-8 left unescaped (the
//    same as `openssl x509 -noout -subject -nameopt RFC2253,-esc_msb` after "subject="): most
//    specific RDN first, short attribute names (CN, O, OU, L, ST, C, serialNumber, ...), ',' between
//    RDNs and '+' inside one, no spaces around either, special characters escaped with '\';
//  - fingerprint: SHA-256 over the DER encoding of the certificate, 64 lowercase hex digits.

// The canonical form of a subject as an administrator types it. Accepted: RFC 4514/2253 order
// ("CN=cvs 0034,O=Gemeente Almere,C=NL", also with ", " between RDNs, attribute names in any
// case, \-escapes including \XX hex bytes, a leading "subject=") and OpenSSL's slash form in
// certificate order ("/C=NL/O=Gemeente Almere/CN=cvs 0034", as `openssl req -subj` takes it).
// InvalidArgument, with the reason, for an empty or malformed name, an unknown attribute type,
// a value the attribute does not allow (C=Nederland), a #hex value, and spaces around '='
// (OpenSSL's default one-line output "C = NL, O = ...", which lists the RDNs in the reverse
// order and would never match).
Status CanonicalCertificateSubject(const std::string& text, std::string* out);

// The canonical form of a SHA-256 fingerprint: from 64 hex digits in any case, with or without
// ':' between the bytes, optionally after "sha256 Fingerprint=" (`openssl x509 -fingerprint
// -sha256`). InvalidArgument otherwise.
Status CanonicalCertificateSha256(const std::string& text, std::string* out);

// The canonical subject of `cert` (OpenSSL's X509) and, when `sha256` is not null, its
// fingerprint. Internal when OpenSSL fails.
Status CertificateIdentity(const x509_st* cert, std::string* subject, std::string* sha256);

// The same for the first certificate in the PEM file `path`. InvalidArgument (naming the file)
// when it cannot be read or holds no PEM certificate.
Status ReadCertificateIdentity(const std::string& path, std::string* subject, std::string* sha256);

// One protocol (audit) record: who looked at which person, when, and with what outcome. The
// records live in the protocol file beside the store (store/protocol_log.h).
struct AuditRecord {
  int64_t id = 0;           // assigned by the store
  int64_t at = 0;           // unix seconds
  std::string key_id;       // empty when the caller was not authenticated
  std::string gemeentecode; // the municipality acted for
  std::string operation;    // "RaadplegenPersoon"
  std::string bsn;          // the person delivered or asked for; empty if none
  std::string outcome;      // "Geleverd", "NietGevonden", ...
  std::string prev_hash;    // hex SHA-256 of the previous record (chain), set by the store
  std::string hash;         // hex SHA-256 over prev_hash and this record, set by the store
};

class Store {
 public:
  virtual ~Store() = default;

  // --- Persons ---------------------------------------------------------------------------

  // The whole dossier of the person with this BSN, if that person is in ISI, not purged, and
  // belongs to municipality `gemeentecode` (kop.woongemeente). A person of another municipality
  // gives exactly the same NotFound as an unknown BSN. Assembled with a fixed number of
  // queries, whatever the number of sub-records.
  virtual Status GetDossierByBsn(const std::string& gemeentecode, const std::string& bsn,
                                 Dossier* out) = 0;
  // As GetDossierByBsn, by A-nummer.
  virtual Status GetDossierByANummer(const std::string& gemeentecode, const std::string& anummer,
                                     Dossier* out) = 0;

  // Visibility, everywhere below and in GetDossier*: a person is "of" municipality X when
  // woongemeente = X, or woongemeente = 1999 (RNI) and vorige_woongemeente = X (a gewezen
  // ingezetene of X), and the person is not purged.

  // --- Selection (ZoekenPersonen) ------------------------------------------------------------

  // Persons of selectie.gemeentecode matching every given criterion, ordered by BSN, strictly
  // after `after_bsn` (empty: from the start), at most `limit` rows. `*total` = the number of
  // matching persons over all pages (counted in the same snapshot). `limit` 0 gives only the
  // total; a negative limit is InvalidArgument.
  virtual Status SelectPersons(const PersoonSelectie& selectie, const std::string& after_bsn,
                               int limit, std::vector<PersoonRij>* rows, int64_t* total) = 0;

  // --- Signals (ZoekenSignalen, WijzigenSignaalstatus) ------------------------------------

  // Signals of selectie.gemeentecode matching every given criterion, ordered by the chosen
  // column (ascending or descending) and then by id in the same direction, strictly after
  // `after` (nullopt: from the start), at most `limit`. `*total` counts all matching signals;
  // `*niet_afgehandeld` counts the municipality's signals with status Nieuw or In behandeling
  // (whatever the criteria). SignaalPositie.sorteerwaarde is the value of the sort column as
  // this method returns it in rows (status token, BSN, A-nummer or "", achternaam, code, date).
  // A signal is of the municipality that received it (its gemeentecode), also when the person
  // has since left that municipality's view (moved, deceased, purged); this holds for the
  // other signal methods too. InvalidArgument for a negative limit or a status position that
  // is not a status token.
  virtual Status SelectSignals(const SignaalSelectie& selectie,
                               const std::optional<SignaalPositie>& after, int limit,
                               std::vector<SignaalRij>* rows, int64_t* total,
                               int64_t* niet_afgehandeld) = 0;
  // The sort value of `row` for `sortering`, as SelectSignals compares it.
  static std::string SortValue(const SignaalRij& row, SignaalSortering sortering);

  // Signals of `gemeentecode` created or changed after change number `since` (0: all), in
  // change order, at most `limit`. Every insert and status change takes the next global change
  // number in its write transaction, so polling with the last number seen misses nothing and
  // returns each change once (a signal changed twice shows up once, in its latest state).
  virtual Status SignalChanges(const std::string& gemeentecode, int64_t since, int limit,
                               std::vector<SignaalRij>* rows) = 0;

  // Moves signal `id` of `gemeentecode` to `to` when its version is `expected_versie`:
  // Nieuw -> InBehandeling, Nieuw -> Afgehandeld, InBehandeling -> Afgehandeld. Records the
  // transition (from, to, at, key_id) in the status history, bumps versie and the change
  // number, and returns the new row in `out`; durable when Ok. NotFound when the signal does
  // not exist for that municipality; Conflict with reason "VersieVerouderd" when the version
  // differs, "OngeldigeStatusovergang" for any other transition (including to itself).
  virtual Status ChangeSignalStatus(const std::string& gemeentecode, int64_t id,
                                    int64_t expected_versie, SignaalStatus to,
                                    const std::string& key_id, int64_t at, SignaalRij* out) = 0;

  // --- Registrations (issue 6) ------------------------------------------------------------

  // Changes the dossier of `bsn` (visible to `gemeentecode`) in one write transaction: loads it,
  // refuses with Conflict reason "VersieVerouderd" when its versie is not `expected_versie`,
  // calls `apply` on it (the rules; its non-Ok status is returned and nothing is written),
  // persists every section (personen columns, handhaving and verlengingen, voorzieningen and
  // vrijstellingen keeping the ids of existing rows and assigning ids to new ones), sets versie
  // to expected_versie + 1 and its change moment to `at`, and commits (durable when Ok). The
  // protocol record is the caller's, in the protocol file (store/protocol_log.h). `*after` gets the dossier as now stored. NotFound when the person
  // is not visible to the municipality (municipalities do not create persons).
  virtual Status SaveRegistration(const std::string& gemeentecode, const std::string& bsn,
                                  int64_t expected_versie,
                                  const std::function<Status(Dossier*)>& apply,
                                  int64_t at, Dossier* after) = 0;

  // --- Which law applies (OnderWelkeWet) --------------------------------------------------

  // For any BSN (also of other municipalities, and deceased/purged persons): the law, whether
  // the person is deceased, whether the person is of `gemeentecode`. Ok with wet = kGeen for a
  // BSN the store does not know. "Of" here is woonachtig_in_gemeente: woongemeente =
  // gemeentecode and not purged; a gewezen ingezetene (abroad, woongemeente 1999) does not live
  // there, although GetDossier* still shows that person to the municipality they left.
  virtual Status WhichLaw(const std::string& bsn, const std::string& gemeentecode,
                          WetInfo* out) = 0;

  // --- Streaming reads (extract files) ----------------------------------------------------

  // Calls `fn` for the whole dossier of every person of `gemeentecode` (ISI actief and
  // definitief), ordered by BSN, within one read snapshot and in memory independent of the
  // number of persons (sub-records are merged from ordered cursors, not queried per person).
  // Stops and returns fn's status when it is not Ok.
  virtual Status ForEachDossier(const std::string& gemeentecode,
                                const std::function<Status(const Dossier&)>& fn) = 0;
  // Calls `fn` for every signal of `gemeentecode`, ordered by datum then id, one snapshot.
  virtual Status ForEachSignal(const std::string& gemeentecode,
                               const std::function<Status(const SignaalRij&)>& fn) = 0;

  // --- Bulk load (synthetic data, imports) -------------------------------------------------

  // Inserts persons with all their sub-records and signals in one transaction; all or nothing.
  // InvalidArgument (naming the BSN) when a BSN or A-nummer is invalid or already present.
  // Signal counts in the dossiers are ignored: they are derived from `signalen`.
  virtual Status InsertPersons(const std::vector<Dossier>& persons,
                               const std::vector<Signaal>& signalen) = 0;
  // Number of persons in the store (all municipalities; purged persons are not counted).
  virtual Status CountPersons(int64_t* out) = 0;

  // --- Municipalities ------------------------------------------------------------------------

  // True when `gemeentecode` is a municipality known to the store.
  virtual Status GemeenteExists(const std::string& gemeentecode, bool* out) = 0;

  // --- Application keys ------------------------------------------------------------------

  // Stores a new key. Conflict when key_id exists; InvalidArgument for an unknown municipality,
  // a role outside {2,3,5,6}, or a certificate subject or fingerprint that the canonical forms
  // refuse or a fingerprint without a subject (both are stored canonical).
  virtual Status CreateKey(const ApplicationKey& key) = 0;
  // The key with this id, revoked or not. NotFound when there is none.
  virtual Status FindKey(const std::string& key_id, ApplicationKey* out) = 0;
  // All keys, ordered by key_id.
  virtual Status ListKeys(std::vector<ApplicationKey>* out) = 0;
  // Marks the key revoked at `at`. NotFound when there is none; revoking twice is Ok.
  virtual Status RevokeKey(const std::string& key_id, int64_t at) = 0;

  // Lets the key act for `gemeentecode` as well (uitbesteding); granting twice is Ok.
  // NotFound for an unknown key, InvalidArgument for an unknown municipality.
  virtual Status GrantActFor(const std::string& key_id, const std::string& gemeentecode) = 0;
  // Takes that back; Ok when it was not granted. NotFound for an unknown key.
  virtual Status RevokeActFor(const std::string& key_id, const std::string& gemeentecode) = 0;
  // Counts a failed authentication of an existing key at `at`. The window restarts when it is
  // older than `window_s`; when the count reaches `max_failures` within it, the key is locked
  // until at + lock_s. `*locked` tells whether the key is locked now.
  // The window is [failure_window_start, failure_window_start + window_s): a failure at or after
  // its end, or after a lock has run out, starts a new window with count 1. A failure that
  // brings the count to max_failures or more (re)locks; a lock is never shortened. NotFound for
  // an unknown key; InvalidArgument when max_failures or window_s < 1 or lock_s < 0.
  virtual Status RecordAuthFailure(const std::string& key_id, int64_t at, int max_failures,
                                   int window_s, int lock_s, bool* locked) = 0;
  // Clears the failure count and any lock (after a successful login, or by the administrator).
  // NotFound for an unknown key.
  virtual Status ResetAuthFailures(const std::string& key_id) = 0;
  // Binds the key to the client certificate with `subject` and, when `sha256` is not empty,
  // that fingerprint (any form CanonicalCertificateSubject/-Sha256 accept; stored canonical),
  // replacing an earlier binding. An empty subject removes the binding. NotFound for an unknown
  // key; InvalidArgument (field "certificate_subject" or "certificate_sha256") for a subject or
  // fingerprint that is refused, or a fingerprint without a subject.
  virtual Status SetKeyCertificate(const std::string& key_id, const std::string& subject,
                                   const std::string& sha256) = 0;
};

struct StoreOptions {
  bool create_if_missing = false;  // create the file and apply all migrations
  int busy_timeout_ms = 5000;
  // Read the file through a memory map of at most this many bytes (PRAGMA mmap_size; SQLite
  // caps it at its SQLITE_MAX_MMAP_SIZE, 2 GiB on Debian); 0: through read(). The map saves a
  // copy of every page read into each connection's own cache, at a price: an I/O error while
  // reading the mapped file ends the process (SIGBUS) instead of failing the query.
  int64_t mmap_bytes = 0;
};

// Opens (and migrates to the latest schema version) the SQLite store at `path` with WAL
// journaling, foreign keys on and the busy timeout set. InvalidArgument when the file does not
// exist and create_if_missing is false, or when it is not an ISI store; Internal otherwise.
Status OpenSqliteStore(const std::string& path, const StoreOptions& options,
                       std::unique_ptr<Store>* out);

}  // namespace isi
