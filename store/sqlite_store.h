// SqliteStore: the Store implementation on SQLite, internal to the store layer.
//
// Others use it through store.h (Store, OpenSqliteStore); this header exists so the
// implementation can be split by concern over several files:
//   sqlite_store.cpp          opening, pragmas, counts, municipalities
//   sqlite_store_persons.cpp  reading dossiers and bulk-inserting persons and signals
//   sqlite_store_keys.cpp     application keys
//   sqlite_store_audit.cpp    protocol (audit) hash chain
//
// Durability: WAL with synchronous=FULL, so every committed transaction (and in particular
// every acknowledged audit record) has been fsynced to the WAL before Commit() returns. The
// bulk load commits once per InsertPersons call, so FULL costs one fsync per batch.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/sqlite.h"
#include "store/store.h"

namespace isi {

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
  Status AppendAudit(AuditRecord* record) override;
  Status ListAudit(const std::string& bsn, std::vector<AuditRecord>* out) override;
  Status VerifyAuditChain(int64_t* records_checked, int64_t* first_bad_id) override;

 private:
  // Loads the dossier of the visible person found by `person` (a prepared SELECT of the
  // personen columns, parameters bound); NotFound when it returns no row.
  Status LoadDossier(sqlite::Stmt* person, const std::string& gemeentecode, Dossier* out);
  Status InsertSignals(const std::vector<Signaal>& signalen, int64_t now);

  std::unique_ptr<sqlite::Connection> conn_;
};

}  // namespace isi
