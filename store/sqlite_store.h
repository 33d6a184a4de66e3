// SqliteStore: the Store implementation on SQLite, internal to the store layer.
//
// Others use it through store.h (Store, OpenSqliteStore); this header exists so the
// implementation can be split by concern over several files:
//   sqlite_store.cpp          opening, pragmas, counts, municipalities
//   sqlite_store_persons.cpp  reading dossiers and bulk-inserting persons and signals
//   sqlite_store_selection.cpp  ZoekenPersonen (SelectPersons) and OnderWelkeWet (WhichLaw)
//   sqlite_store_signals.cpp  signal list, change feed, status changes, change numbers
//   sqlite_store_keys.cpp     application keys, uitbesteding, brute-force locking, client
//                             certificates (canonical subjects and fingerprints)
//   sqlite_store_extract.cpp  streaming reads for the extract files
//   sqlite_store_registration.cpp  registrations (SaveRegistration)
//
// The protocol (audit) chain is not here: it has a file of its own (protocol_log.h).
//
// Durability: WAL with synchronous=FULL, so every committed transaction has been fsynced to the
// WAL before Commit() returns. The
// bulk load commits once per InsertPersons call, so FULL costs one fsync per batch.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/sqlite.h"
#include "store/store.h"

namespace isi {

// The visibility rule of store.h as an SQL condition: the personen row (columns qualified with
// `prefix`, e.g. "p." or "") is of the municipality bound to parameter ?`param` and not purged.
// Every read of persons for a municipality uses it.
std::string VisiblePersonSql(const std::string& prefix, int param);

// The SELECT list of a SignaalRij over `signalen s` (which carries copies of the person's
// achternaam and A-nummer), read back by ReadSignaalRij. Shared by the signal list, the change
// feed and the extract.
extern const char* const kSignaalRijColumns;
// Reads the columns of kSignaalRijColumns, starting at result column `first`; Internal when a
// stored token, date or signal code is not one this release knows.
Status ReadSignaalRij(const sqlite::Stmt& stmt, int first, SignaalRij* out);

class SqliteStore final : public Store {
 public:
  // Takes a connection on which OpenSqliteStore has set the pragmas and migrated the schema.
  explicit SqliteStore(std::unique_ptr<sqlite::Connection> conn) : conn_(std::move(conn)) {}

  Status GetDossierByBsn(const std::string& gemeentecode, const std::string& bsn,
                         Dossier* out) override;
  Status GetDossierByANummer(const std::string& gemeentecode, const std::string& anummer,
                             Dossier* out) override;
  Status InsertPersons(const std::vector<Dossier>& persons,
                       const std::vector<Signaal>& signalen) override;
  Status CountPersons(int64_t* out) override;
  Status GemeenteExists(const std::string& gemeentecode, bool* out) override;
  Status CreateKey(const ApplicationKey& key) override;
  Status FindKey(const std::string& key_id, ApplicationKey* out) override;
  Status ListKeys(std::vector<ApplicationKey>* out) override;
  Status RevokeKey(const std::string& key_id, int64_t at) override;

  // Message book (sqlite_store_selection.cpp, sqlite_store_signals.cpp).
  Status SelectPersons(const PersoonSelectie& selectie, const std::string& after_bsn, int limit,
                       std::vector<PersoonRij>* rows, int64_t* total) override;
  Status SelectSignals(const SignaalSelectie& selectie, const std::optional<SignaalPositie>& after,
                       int limit, std::vector<SignaalRij>* rows, int64_t* total,
                       int64_t* niet_afgehandeld) override;
  Status SignalChanges(const std::string& gemeentecode, int64_t since, int limit,
                       std::vector<SignaalRij>* rows) override;
  Status ChangeSignalStatus(const std::string& gemeentecode, int64_t id, int64_t expected_versie,
                            SignaalStatus to, const std::string& key_id, int64_t at,
                            SignaalRij* out) override;
  Status WhichLaw(const std::string& bsn, const std::string& gemeentecode, WetInfo* out) override;
  // Registrations (sqlite_store_registration.cpp).
  Status SaveRegistration(const std::string& gemeentecode, const std::string& bsn,
                          int64_t expected_versie, const std::function<Status(Dossier*)>& apply,
                          int64_t at, Dossier* after) override;
  // Keys (sqlite_store_keys.cpp).
  Status GrantActFor(const std::string& key_id, const std::string& gemeentecode) override;
  Status RevokeActFor(const std::string& key_id, const std::string& gemeentecode) override;
  Status RecordAuthFailure(const std::string& key_id, int64_t at, int max_failures, int window_s,
                           int lock_s, bool* locked) override;
  Status ResetAuthFailures(const std::string& key_id) override;
  Status SetKeyCertificate(const std::string& key_id, const std::string& subject,
                           const std::string& sha256) override;
  // Streaming reads for extracts (sqlite_store_extract.cpp).
  Status ForEachDossier(const std::string& gemeentecode,
                        const std::function<Status(const Dossier&)>& fn) override;
  Status ForEachSignal(const std::string& gemeentecode,
                       const std::function<Status(const SignaalRij&)>& fn) override;

 private:
  // Loads the dossier of the visible person found by `person` (a prepared SELECT of the
  // personen columns, parameters bound); NotFound when it returns no row.
  Status LoadDossier(sqlite::Stmt* person, const std::string& gemeentecode, Dossier* out);
  // LoadDossier for the person with this BSN visible to `gemeentecode`, within the caller's
  // transaction (GetDossierByBsn, SaveRegistration).
  Status LoadDossierByBsn(const std::string& gemeentecode, const std::string& bsn, Dossier* out);
  Status InsertSignals(const std::vector<Signaal>& signalen, int64_t now);
  // Takes `n` >= 1 consecutive change numbers for signals; *first is the lowest. Must run inside
  // a write transaction, which makes the numbers visible in commit order.
  Status TakeChangeNumbers(int64_t n, int64_t* first);

  // Answers that repeat while the database does not change, kept per connection: the count(s)
  // of a selection, asked again with every page of it, and the application key, asked on every
  // request. BeginRead starts a read transaction and first forgets every answer of another
  // content state (sqlite::Connection::ContentState), so what is cached is exactly what the
  // query would return in that transaction's snapshot. Only read-only transactions use them.
  Status BeginRead(sqlite::Transaction* tx);
  // The single integer `count` (prepared, parameters bound) returns, within a BeginRead
  // transaction: from the cache, or run and then cached.
  Status CachedCount(sqlite::Stmt* count, int64_t* out);

  // Bounds of those caches; a full cache starts over (keys are few, and the pages of one
  // selection follow each other). A count's key is its SQL text, about 0.5 KB: at most
  // about 130 KB per worker.
  static constexpr size_t kMaxCachedCounts = 256;
  static constexpr size_t kMaxCachedKeys = 256;

  std::unique_ptr<sqlite::Connection> conn_;
  sqlite::Connection::ContentState cached_content_;
  std::unordered_map<std::string, int64_t> counts_;         // by expanded SQL
  std::unordered_map<std::string, ApplicationKey> keys_;    // by key id
};

}  // namespace isi
