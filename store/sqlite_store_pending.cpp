// Placeholders for Store methods whose implementation is being written (issue 4: streaming
// reads). Each answers Internal "nog niet geimplementeerd" and is removed from this file when
// its real implementation lands. When this file is empty, delete it.
#include "store/sqlite_store.h"

namespace isi {
namespace {
Status Pending(const char* what) {
  return Status::Internal(std::string(what) + ": nog niet geimplementeerd");
}
}  // namespace

// --- issue 4: streaming reads ---
Status SqliteStore::ForEachDossier(const std::string&, const std::function<Status(const Dossier&)>&) {
  return Pending("ForEachDossier");
}
Status SqliteStore::ForEachSignal(const std::string&, const std::function<Status(const SignaalRij&)>&) {
  return Pending("ForEachSignal");
}

}  // namespace isi
