// The SQLite schema of the ISI store and its versioned migrations.
//
// The schema version is PRAGMA user_version; PRAGMA application_id marks a file as an ISI store.
// Migration N takes a store from version N-1 to N and runs in one BEGIN IMMEDIATE transaction
// together with setting user_version, so a failed migration leaves the previous version intact
// and two processes opening an old store at once migrate it only once.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "model/status.h"
#include "store/sqlite.h"

namespace isi {

// PRAGMA application_id of an ISI store: "ISI1" in ASCII.
inline constexpr int64_t kIsiApplicationId = 0x49534931;

struct Migration {
  int version;  // the user_version after this migration; 1, 2, 3, ... without gaps
  // Applies the migration inside the migration's transaction (do not BEGIN/COMMIT here).
  std::function<Status(sqlite::Connection*)> apply;
};

// The migrations of the ISI store, oldest first.
const std::vector<Migration>& IsiMigrations();

// The version of the newest migration in IsiMigrations().
int LatestSchemaVersion();

// Brings the database on `conn` to the newest version in `migrations` (ordered, without gaps).
// InvalidArgument when the database is newer than the newest migration (a store written by a
// newer release); Unavailable/Internal when SQLite fails, in which case the failing migration
// is rolled back and the store keeps its previous version.
Status MigrateSchema(sqlite::Connection* conn, const std::vector<Migration>& migrations);

}  // namespace isi
