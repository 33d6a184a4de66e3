// Placeholders for Store methods whose implementation is being written (issue 3: message book;
// issue 4: streaming reads). Each answers Internal "nog niet geimplementeerd" and is removed
// from this file when its real implementation lands. When this file is empty, delete it.
#include "store/sqlite_store.h"

namespace isi {
namespace {
Status Pending(const char* what) {
  return Status::Internal(std::string(what) + ": nog niet geimplementeerd");
}
}  // namespace

// --- issue 3: selection and signals ---
Status SqliteStore::SelectPersons(const PersoonSelectie&, const std::string&, int,
                                  std::vector<PersoonRij>*, int64_t*) {
  return Pending("SelectPersons");
}
Status SqliteStore::SelectSignals(const SignaalSelectie&, const std::optional<SignaalPositie>&, int,
                                  std::vector<SignaalRij>*, int64_t*, int64_t*) {
  return Pending("SelectSignals");
}
Status SqliteStore::SignalChanges(const std::string&, int64_t, int, std::vector<SignaalRij>*) {
  return Pending("SignalChanges");
}
Status SqliteStore::ChangeSignalStatus(const std::string&, int64_t, int64_t, SignaalStatus,
                                       const std::string&, int64_t, SignaalRij*) {
  return Pending("ChangeSignalStatus");
}
Status SqliteStore::WhichLaw(const std::string&, const std::string&, WetInfo*) {
  return Pending("WhichLaw");
}
std::string Store::SortValue(const SignaalRij&, SignaalSortering) { return {}; }
// --- issue 3: keys ---
Status SqliteStore::GrantActFor(const std::string&, const std::string&) { return Pending("GrantActFor"); }
Status SqliteStore::RevokeActFor(const std::string&, const std::string&) { return Pending("RevokeActFor"); }
Status SqliteStore::RecordAuthFailure(const std::string&, int64_t, int, int, int, bool* locked) {
  *locked = false;
  return Pending("RecordAuthFailure");
}
Status SqliteStore::ResetAuthFailures(const std::string&) { return Pending("ResetAuthFailures"); }
// --- issue 3: audit ---
Status SqliteStore::AppendAudits(std::vector<AuditRecord>*) { return Pending("AppendAudits"); }
Status SqliteStore::ListAuditPeriod(int64_t, int64_t, std::vector<AuditRecord>*) {
  return Pending("ListAuditPeriod");
}
// --- issue 4: streaming reads ---
Status SqliteStore::ForEachDossier(const std::string&, const std::function<Status(const Dossier&)>&) {
  return Pending("ForEachDossier");
}
Status SqliteStore::ForEachSignal(const std::string&, const std::function<Status(const SignaalRij&)>&) {
  return Pending("ForEachSignal");
}

}  // namespace isi
