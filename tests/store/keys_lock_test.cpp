// SqliteStore application keys: uitbesteding (GrantActFor, RevokeActFor) and brute-force
// locking (RecordAuthFailure, ResetAuthFailures).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "store/store.h"
#include "tests/store/store_test_support.h"

using namespace isi;
using namespace isi::testing;

namespace {

ApplicationKey Find(Store& store, const std::string& key_id) {
  ApplicationKey key;
  Status s = store.FindKey(key_id, &key);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return key;
}

}  // namespace

TEST_CASE("Keys: acting for other municipalities is granted, listed and taken back",
          "[store][keys]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->CreateKey(MakeKey("ak_0363", "0363")).ok());
  REQUIRE(store->CreateKey(MakeKey("ak_0599", "0599")).ok());

  REQUIRE(store->GrantActFor("ak_0363", "0034").ok());
  REQUIRE(store->GrantActFor("ak_0363", "0014").ok());
  REQUIRE(store->GrantActFor("ak_0363", "0034").ok());  // twice is Ok
  REQUIRE(store->GrantActFor("ak_0363", "0363").ok());  // its own: implied, not stored
  CHECK(Find(*store, "ak_0363").acts_for == std::vector<std::string>{"0014", "0034"});
  CHECK(Find(*store, "ak_0599").acts_for.empty());

  std::vector<ApplicationKey> all;
  REQUIRE(store->ListKeys(&all).ok());
  REQUIRE(all.size() == 2);
  CHECK(all[0].acts_for == std::vector<std::string>{"0014", "0034"});
  CHECK(all[1].acts_for.empty());

  REQUIRE(store->RevokeActFor("ak_0363", "0034").ok());
  REQUIRE(store->RevokeActFor("ak_0363", "0034").ok());  // not granted (any more): Ok
  REQUIRE(store->RevokeActFor("ak_0363", "0599").ok());
  CHECK(Find(*store, "ak_0363").acts_for == std::vector<std::string>{"0014"});

  CHECK(store->GrantActFor("ak_onbekend", "0034").code() == Status::Code::kNotFound);
  CHECK(store->RevokeActFor("ak_onbekend", "0034").code() == Status::Code::kNotFound);
  Status s = store->GrantActFor("ak_0363", "9998");
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.field() == "gemeentecode");
}

TEST_CASE("Keys: FindKey sees at once what another connection changed", "[store][keys]") {
  // FindKey answers from a cache while the database is unchanged: every change made elsewhere
  // (isi-admin, another worker's failed login) must show in the next answer.
  TempDir dir;
  auto server = OpenStore(dir.File("isi.db"));
  auto admin = OpenStore(dir.File("isi.db"), false);
  REQUIRE(server->CreateKey(MakeKey("ak_0363", "0363")).ok());
  CHECK(Find(*server, "ak_0363").acts_for.empty());
  CHECK(Find(*server, "ak_0363").acts_for.empty());  // twice: from the cache

  REQUIRE(admin->GrantActFor("ak_0363", "0034").ok());
  CHECK(Find(*server, "ak_0363").acts_for == std::vector<std::string>{"0034"});

  bool locked = false;
  for (int i = 0; i < 3; ++i)
    REQUIRE(admin->RecordAuthFailure("ak_0363", 1000 + i, 3, 600, 900, &locked).ok());
  REQUIRE(locked);
  ApplicationKey key = Find(*server, "ak_0363");
  REQUIRE(key.locked_until.has_value());
  CHECK(*key.locked_until == 1002 + 900);

  // The server's own write is seen too.
  REQUIRE(server->ResetAuthFailures("ak_0363").ok());
  key = Find(*server, "ak_0363");
  CHECK_FALSE(key.locked_until.has_value());
  CHECK(key.failed_count == 0);

  REQUIRE(admin->RevokeKey("ak_0363", 2000).ok());
  CHECK(Find(*server, "ak_0363").revoked_at == std::optional<int64_t>(2000));

  RawDb raw(dir.File("isi.db"));
  REQUIRE(raw.Exec("DELETE FROM sleutel_gemeenten") == SQLITE_OK);
  CHECK(Find(*server, "ak_0363").acts_for.empty());
}

TEST_CASE("Keys: a new key has no failures and no lock", "[store][keys]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->CreateKey(MakeKey("ak_0363", "0363")).ok());
  ApplicationKey key = Find(*store, "ak_0363");
  CHECK(key.failed_count == 0);
  CHECK(key.failure_window_start == 0);
  CHECK_FALSE(key.locked_until.has_value());
}

TEST_CASE("Keys: N failures within the window lock the key until at + lock_s",
          "[store][keys][lock]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->CreateKey(MakeKey("ak_0363", "0363")).ok());
  const int kMax = 5, kWindow = 300, kLock = 900;
  const int64_t t0 = 1700000000;
  bool locked = true;

  for (int i = 0; i < kMax - 1; ++i) {
    REQUIRE(store->RecordAuthFailure("ak_0363", t0 + 60 * i, kMax, kWindow, kLock, &locked).ok());
    CHECK_FALSE(locked);
  }
  ApplicationKey key = Find(*store, "ak_0363");
  CHECK(key.failed_count == kMax - 1);
  CHECK(key.failure_window_start == t0);
  CHECK_FALSE(key.locked_until.has_value());

  // The fifth, still inside [t0, t0 + 300): locked.
  REQUIRE(store->RecordAuthFailure("ak_0363", t0 + 299, kMax, kWindow, kLock, &locked).ok());
  CHECK(locked);
  key = Find(*store, "ak_0363");
  CHECK(key.failed_count == kMax);
  REQUIRE(key.locked_until.has_value());
  CHECK(*key.locked_until == t0 + 299 + kLock);

  SECTION("a failure while locked, in a new window, keeps the lock as it was") {
    REQUIRE(store->RecordAuthFailure("ak_0363", t0 + 400, kMax, kWindow, kLock, &locked).ok());
    CHECK(locked);
    key = Find(*store, "ak_0363");
    CHECK(*key.locked_until == t0 + 299 + kLock);
    CHECK(key.failed_count == 1);
    CHECK(key.failure_window_start == t0 + 400);
  }
  SECTION("failures beyond the limit within the window extend the lock") {
    REQUIRE(store->RecordAuthFailure("ak_0363", t0 + 299, kMax, 3600, kLock, &locked).ok());
    REQUIRE(store->RecordAuthFailure("ak_0363", t0 + 500, kMax, 3600, kLock, &locked).ok());
    CHECK(locked);
    key = Find(*store, "ak_0363");
    CHECK(key.failed_count == kMax + 2);
    CHECK(*key.locked_until == t0 + 500 + kLock);
  }
  SECTION("after the lock has run out, counting starts afresh") {
    const int64_t later = t0 + 299 + kLock;
    REQUIRE(store->RecordAuthFailure("ak_0363", later, kMax, kWindow, kLock, &locked).ok());
    CHECK_FALSE(locked);
    key = Find(*store, "ak_0363");
    CHECK(key.failed_count == 1);
    CHECK(key.failure_window_start == later);
    CHECK_FALSE(key.locked_until.has_value());
  }
  SECTION("ResetAuthFailures unlocks and clears the count") {
    REQUIRE(store->ResetAuthFailures("ak_0363").ok());
    key = Find(*store, "ak_0363");
    CHECK(key.failed_count == 0);
    CHECK_FALSE(key.locked_until.has_value());
    REQUIRE(store->RecordAuthFailure("ak_0363", t0 + 310, kMax, kWindow, kLock, &locked).ok());
    CHECK_FALSE(locked);
    CHECK(Find(*store, "ak_0363").failed_count == 1);
  }
}

TEST_CASE("Keys: N failures spread over two windows do not lock", "[store][keys][lock]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->CreateKey(MakeKey("ak_0363", "0363")).ok());
  const int kMax = 3, kWindow = 60, kLock = 600;
  const int64_t t0 = 1700000000;
  bool locked = true;
  REQUIRE(store->RecordAuthFailure("ak_0363", t0, kMax, kWindow, kLock, &locked).ok());
  REQUIRE(store->RecordAuthFailure("ak_0363", t0 + 59, kMax, kWindow, kLock, &locked).ok());
  CHECK_FALSE(locked);
  // t0 + 60 is no longer in the window that started at t0: a new window, count 1.
  REQUIRE(store->RecordAuthFailure("ak_0363", t0 + 60, kMax, kWindow, kLock, &locked).ok());
  CHECK_FALSE(locked);
  ApplicationKey key = Find(*store, "ak_0363");
  CHECK(key.failed_count == 1);
  CHECK(key.failure_window_start == t0 + 60);
  REQUIRE(store->RecordAuthFailure("ak_0363", t0 + 100, kMax, kWindow, kLock, &locked).ok());
  CHECK_FALSE(locked);
  REQUIRE(store->RecordAuthFailure("ak_0363", t0 + 119, kMax, kWindow, kLock, &locked).ok());
  CHECK(locked);  // three within [t0 + 60, t0 + 120)
}

TEST_CASE("Keys: failures of an unknown key and bad limits are refused", "[store][keys][lock]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->CreateKey(MakeKey("ak_0363", "0363")).ok());
  bool locked = false;
  CHECK(store->RecordAuthFailure("ak_onbekend", 1, 5, 60, 60, &locked).code() ==
        Status::Code::kNotFound);
  CHECK(store->ResetAuthFailures("ak_onbekend").code() == Status::Code::kNotFound);
  CHECK(store->RecordAuthFailure("ak_0363", 1, 0, 60, 60, &locked).code() ==
        Status::Code::kInvalidArgument);
  CHECK(store->RecordAuthFailure("ak_0363", 1, 5, 0, 60, &locked).code() ==
        Status::Code::kInvalidArgument);
  CHECK(Find(*store, "ak_0363").failed_count == 0);
}

TEST_CASE("Keys: failures of one key do not touch another", "[store][keys][lock]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  REQUIRE(store->CreateKey(MakeKey("ak_a", "0363")).ok());
  REQUIRE(store->CreateKey(MakeKey("ak_b", "0363")).ok());
  bool locked = false;
  for (int i = 0; i < 3; ++i) {
    REQUIRE(store->RecordAuthFailure("ak_a", 1000 + i, 3, 60, 60, &locked).ok());
  }
  CHECK(locked);
  CHECK(Find(*store, "ak_b").failed_count == 0);
  CHECK_FALSE(Find(*store, "ak_b").locked_until.has_value());
}
