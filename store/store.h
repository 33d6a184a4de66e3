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

#include "model/dossier.h"
#include "model/status.h"

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
};

// One protocol (audit) record: who looked at which person, when, and with what outcome.
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

  // Stores a new key. Conflict when key_id exists; InvalidArgument for an unknown municipality
  // or a role outside {2,3,5,6}.
  virtual Status CreateKey(const ApplicationKey& key) = 0;
  // The key with this id, revoked or not. NotFound when there is none.
  virtual Status FindKey(const std::string& key_id, ApplicationKey* out) = 0;
  // All keys, ordered by key_id.
  virtual Status ListKeys(std::vector<ApplicationKey>* out) = 0;
  // Marks the key revoked at `at`. NotFound when there is none; revoking twice is Ok.
  virtual Status RevokeKey(const std::string& key_id, int64_t at) = 0;

  // --- Protocollering --------------------------------------------------------------------

  // Appends a record to the hash chain (sets id, prev_hash and hash) and makes it durable
  // before returning Ok.
  virtual Status AppendAudit(AuditRecord* record) = 0;
  // Records for one BSN (all when bsn is empty), oldest first.
  virtual Status ListAudit(const std::string& bsn, std::vector<AuditRecord>* out) = 0;
  // Recomputes the hash chain from the first record (whose prev_hash is 64 zeros), in id
  // order, within one consistent snapshot. Sets *records_checked to the number of records
  // examined and *first_bad_id to the id of the first record whose prev_hash is not its
  // predecessor's hash or whose hash does not match its contents; 0 when the chain is intact.
  // Ok whenever the check could run, intact or not; Unavailable/Internal when it could not.
  virtual Status VerifyAuditChain(int64_t* records_checked, int64_t* first_bad_id) = 0;
};

struct StoreOptions {
  bool create_if_missing = false;  // create the file and apply all migrations
  int busy_timeout_ms = 5000;
};

// Opens (and migrates to the latest schema version) the SQLite store at `path` with WAL
// journaling, foreign keys on and the busy timeout set. InvalidArgument when the file does not
// exist and create_if_missing is false, or when it is not an ISI store; Internal otherwise.
Status OpenSqliteStore(const std::string& path, const StoreOptions& options,
                       std::unique_ptr<Store>* out);

}  // namespace isi
