// Application keys (applicatiesleutels) and the municipalities they may act for.
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/sqlite_store.h"

namespace isi {
namespace {

// The first seven are what CreateKey writes; the rest is brute-force bookkeeping.
constexpr const char* kKeyColumns =
    "key_id, gemeentecode, roles, password_hash, omschrijving, created_at, revoked_at, "
    "failed_count, failure_window_start, locked_until";
constexpr const char* kCreateKeyColumns =
    "key_id, gemeentecode, roles, password_hash, omschrijving, created_at, revoked_at";

bool IsKnownRole(int role) { return role == 2 || role == 3 || role == 5 || role == 6; }

// {2, 3, 6} -> "2,3,6"
std::string FormatRoles(const std::vector<int>& roles) {
  std::string s;
  for (int r : roles) {
    if (!s.empty()) s += ",";
    s += std::to_string(r);
  }
  return s;
}

// "2,3,6" -> {2, 3, 6}; false for anything else.
bool ParseRoles(const std::string& text, std::vector<int>* roles) {
  roles->clear();
  size_t pos = 0;
  while (pos < text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(pos, comma - pos);
    if (part.size() != 1 || part[0] < '0' || part[0] > '9') return false;
    int role = part[0] - '0';
    if (!IsKnownRole(role)) return false;
    roles->push_back(role);
    pos = comma + 1;
  }
  return !roles->empty() && text.back() != ',';
}

// Reads one applicatiesleutels row (columns as kKeyColumns) into *key, without acts_for.
bool ReadKey(const sqlite::Stmt& stmt, ApplicationKey* key) {
  key->key_id = stmt.Text(0);
  key->gemeentecode = stmt.Text(1);
  key->password_hash = stmt.Text(3);
  key->omschrijving = stmt.Text(4);
  key->created_at = stmt.Int(5);
  if (stmt.IsNull(6)) {
    key->revoked_at.reset();
  } else {
    key->revoked_at = stmt.Int(6);
  }
  key->failed_count = static_cast<int>(stmt.Int(7));
  key->failure_window_start = stmt.Int(8);
  if (stmt.IsNull(9)) {
    key->locked_until.reset();
  } else {
    key->locked_until = stmt.Int(9);
  }
  key->acts_for.clear();
  return ParseRoles(stmt.Text(2), &key->roles);
}

Status CorruptKey() { return Status::Internal("onleesbare rollen in tabel applicatiesleutels"); }

// The municipality of key `key_id` into *gemeentecode; NotFound when there is no such key.
Status KeyGemeente(sqlite::Connection* conn, const std::string& key_id, std::string* gemeentecode) {
  sqlite::Stmt select;
  if (Status s =
          conn->Prepare("SELECT gemeentecode FROM applicatiesleutels WHERE key_id = ?1", &select);
      !s.ok()) {
    return s;
  }
  select.BindText(1, key_id);
  bool row = false;
  if (Status s = select.Step(&row); !s.ok()) return s;
  if (!row) return Status::NotFound("applicatiesleutel niet gevonden");
  *gemeentecode = select.Text(0);
  return Status::Ok();
}

}  // namespace

Status SqliteStore::CreateKey(const ApplicationKey& key) {
  if (key.key_id.empty() || key.key_id.size() > 128) {
    return Status::InvalidArgument("key_id moet 1 tot 128 tekens lang zijn", "key_id");
  }
  if (key.password_hash.empty()) {
    return Status::InvalidArgument("password_hash ontbreekt", "password_hash");
  }
  std::set<int> roles;
  for (int r : key.roles) {
    if (!IsKnownRole(r)) {
      return Status::InvalidArgument("onbekende rol " + std::to_string(r) + " (2, 3, 5 of 6)",
                                     "roles");
    }
    roles.insert(r);
  }
  if (roles.empty()) return Status::InvalidArgument("een sleutel heeft minstens één rol", "roles");
  // Acting for its own municipality is implied; it is not stored as uitbesteding.
  std::set<std::string> acts_for(key.acts_for.begin(), key.acts_for.end());
  acts_for.erase(key.gemeentecode);

  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
  bool exists = false;
  if (Status s = GemeenteExists(key.gemeentecode, &exists); !s.ok()) return s;
  if (!exists) {
    return Status::InvalidArgument("onbekende gemeente " + key.gemeentecode, "gemeentecode");
  }
  for (const std::string& code : acts_for) {
    if (Status s = GemeenteExists(code, &exists); !s.ok()) return s;
    if (!exists) return Status::InvalidArgument("onbekende gemeente " + code, "acts_for");
  }

  sqlite::Stmt insert;
  if (Status s = conn_->Prepare(std::string("INSERT INTO applicatiesleutels (") +
                                    kCreateKeyColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                &insert);
      !s.ok()) {
    return s;
  }
  insert.BindText(1, key.key_id);
  insert.BindText(2, key.gemeentecode);
  insert.BindText(3, FormatRoles(std::vector<int>(roles.begin(), roles.end())));
  insert.BindText(4, key.password_hash);
  insert.BindText(5, key.omschrijving);
  insert.BindInt(6, key.created_at);
  insert.BindOptInt(7, key.revoked_at);
  if (Status s = insert.Run(); !s.ok()) {
    if (insert.last_rc() == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return Status::Conflict("applicatiesleutel " + key.key_id + " bestaat al");
    }
    return s;
  }

  sqlite::Stmt act;
  if (Status s = conn_->Prepare(
          "INSERT INTO sleutel_gemeenten (key_id, gemeentecode) VALUES (?1, ?2)", &act);
      !s.ok()) {
    return s;
  }
  for (const std::string& code : acts_for) {
    act.BindText(1, key.key_id);
    act.BindText(2, code);
    if (Status s = act.Run(); !s.ok()) return s;
    act.Reset();
  }
  return tx.Commit();
}

Status SqliteStore::FindKey(const std::string& key_id, ApplicationKey* out) {
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kDeferred); !s.ok()) return s;
  ApplicationKey key;
  {
    sqlite::Stmt select;
    if (Status s = conn_->Prepare(
            std::string("SELECT ") + kKeyColumns + " FROM applicatiesleutels WHERE key_id = ?1",
            &select);
        !s.ok()) {
      return s;
    }
    select.BindText(1, key_id);
    bool row = false;
    if (Status s = select.Step(&row); !s.ok()) return s;
    if (!row) return Status::NotFound("applicatiesleutel niet gevonden");
    if (!ReadKey(select, &key)) return CorruptKey();
  }
  {
    sqlite::Stmt acts;
    if (Status s = conn_->Prepare(
            "SELECT gemeentecode FROM sleutel_gemeenten WHERE key_id = ?1 ORDER BY gemeentecode",
            &acts);
        !s.ok()) {
      return s;
    }
    acts.BindText(1, key_id);
    for (;;) {
      bool row = false;
      if (Status s = acts.Step(&row); !s.ok()) return s;
      if (!row) break;
      key.acts_for.push_back(acts.Text(0));
    }
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  *out = std::move(key);
  return Status::Ok();
}

Status SqliteStore::ListKeys(std::vector<ApplicationKey>* out) {
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kDeferred); !s.ok()) return s;
  std::vector<ApplicationKey> keys;
  std::map<std::string, size_t> index;
  {
    sqlite::Stmt select;
    if (Status s = conn_->Prepare(
            std::string("SELECT ") + kKeyColumns + " FROM applicatiesleutels ORDER BY key_id",
            &select);
        !s.ok()) {
      return s;
    }
    for (;;) {
      bool row = false;
      if (Status s = select.Step(&row); !s.ok()) return s;
      if (!row) break;
      ApplicationKey& key = keys.emplace_back();
      if (!ReadKey(select, &key)) return CorruptKey();
      index[key.key_id] = keys.size() - 1;
    }
  }
  {
    sqlite::Stmt acts;
    if (Status s = conn_->Prepare(
            "SELECT key_id, gemeentecode FROM sleutel_gemeenten ORDER BY key_id, gemeentecode",
            &acts);
        !s.ok()) {
      return s;
    }
    for (;;) {
      bool row = false;
      if (Status s = acts.Step(&row); !s.ok()) return s;
      if (!row) break;
      auto it = index.find(acts.Text(0));
      if (it != index.end()) keys[it->second].acts_for.push_back(acts.Text(1));
    }
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  *out = std::move(keys);
  return Status::Ok();
}

Status SqliteStore::RevokeKey(const std::string& key_id, int64_t at) {
  sqlite::Stmt update;
  // COALESCE: revoking again keeps the first moment of revocation.
  if (Status s = conn_->Prepare(
          "UPDATE applicatiesleutels SET revoked_at = COALESCE(revoked_at, ?2) WHERE key_id = ?1",
          &update);
      !s.ok()) {
    return s;
  }
  update.BindText(1, key_id);
  update.BindInt(2, at);
  if (Status s = update.Run(); !s.ok()) return s;
  if (conn_->Changes() == 0) return Status::NotFound("applicatiesleutel niet gevonden");
  return Status::Ok();
}

Status SqliteStore::GrantActFor(const std::string& key_id, const std::string& gemeentecode) {
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
  std::string own;
  if (Status s = KeyGemeente(conn_.get(), key_id, &own); !s.ok()) return s;
  bool exists = false;
  if (Status s = GemeenteExists(gemeentecode, &exists); !s.ok()) return s;
  if (!exists) return Status::InvalidArgument("onbekende gemeente " + gemeentecode, "gemeentecode");
  // Acting for its own municipality is implied, as in CreateKey.
  if (gemeentecode == own) return Status::Ok();
  sqlite::Stmt insert;
  if (Status s = conn_->Prepare(
          "INSERT OR IGNORE INTO sleutel_gemeenten (key_id, gemeentecode) VALUES (?1, ?2)",
          &insert);
      !s.ok()) {
    return s;
  }
  insert.BindText(1, key_id);
  insert.BindText(2, gemeentecode);
  if (Status s = insert.Run(); !s.ok()) return s;
  return tx.Commit();
}

Status SqliteStore::RevokeActFor(const std::string& key_id, const std::string& gemeentecode) {
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
  std::string own;
  if (Status s = KeyGemeente(conn_.get(), key_id, &own); !s.ok()) return s;
  sqlite::Stmt remove;
  if (Status s = conn_->Prepare(
          "DELETE FROM sleutel_gemeenten WHERE key_id = ?1 AND gemeentecode = ?2", &remove);
      !s.ok()) {
    return s;
  }
  remove.BindText(1, key_id);
  remove.BindText(2, gemeentecode);
  if (Status s = remove.Run(); !s.ok()) return s;
  return tx.Commit();
}

// One UPDATE (atomic on its own), so two workers counting failures of the same key at once
// cannot lose one. A new window starts with this failure when there is none yet, when the
// current one started window_s or more seconds ago, or when a lock has run out. Every failure
// that brings the count to max_failures or beyond (re)locks the key until at + lock_s; a lock
// in force is never shortened.
Status SqliteStore::RecordAuthFailure(const std::string& key_id, int64_t at, int max_failures,
                                      int window_s, int lock_s, bool* locked) {
  if (max_failures < 1 || window_s < 1 || lock_s < 0) {
    return Status::InvalidArgument("max_failures en window_s moeten positief zijn, lock_s >= 0");
  }
  sqlite::Stmt update;
  if (Status s = conn_->Prepare(
          "UPDATE applicatiesleutels SET "
          "  failed_count = CASE WHEN restart THEN 1 ELSE failed_count + 1 END, "
          "  failure_window_start = CASE WHEN restart THEN ?2 ELSE failure_window_start END, "
          "  locked_until = CASE "
          "    WHEN (CASE WHEN restart THEN 1 ELSE failed_count + 1 END) >= ?3 "
          "      THEN max(?2 + ?5, coalesce(locked_until, 0)) "
          "    WHEN locked_until > ?2 THEN locked_until "
          "    ELSE NULL END "
          "FROM (SELECT failed_count = 0 OR ?2 - failure_window_start >= ?4 "
          "             OR coalesce(locked_until <= ?2, 0) AS restart "
          "      FROM applicatiesleutels WHERE key_id = ?1) "
          "WHERE key_id = ?1 "
          "RETURNING locked_until IS NOT NULL AND ?2 < locked_until",
          &update);
      !s.ok()) {
    return s;
  }
  update.BindText(1, key_id);
  update.BindInt(2, at);
  update.BindInt(3, max_failures);
  update.BindInt(4, window_s);
  update.BindInt(5, lock_s);
  bool row = false;
  if (Status s = update.Step(&row); !s.ok()) return s;
  if (!row) return Status::NotFound("applicatiesleutel niet gevonden");
  *locked = update.Int(0) != 0;
  update.Reset();
  return Status::Ok();
}

Status SqliteStore::ResetAuthFailures(const std::string& key_id) {
  sqlite::Stmt update;
  if (Status s = conn_->Prepare(
          "UPDATE applicatiesleutels SET failed_count = 0, failure_window_start = 0, "
          "locked_until = NULL WHERE key_id = ?1",
          &update);
      !s.ok()) {
    return s;
  }
  update.BindText(1, key_id);
  if (Status s = update.Run(); !s.ok()) return s;
  if (conn_->Changes() == 0) return Status::NotFound("applicatiesleutel niet gevonden");
  return Status::Ok();
}

}  // namespace isi
