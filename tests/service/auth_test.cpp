// Authentication (application key + password against the store, with the verified-password
// cache) and authorisation (cumulative roles, acting for a municipality).
//
// Every slow path costs one argon2id check (tens of milliseconds): the keys share one hash
// and the store is made once for the whole binary.
#include "service/auth.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "model/clock.h"
#include "store/password.h"
#include "store/store.h"
#include "tests/support/test_env.h"

using namespace isi;
using namespace isi::testing;

namespace {

const char kPassword[] = "juist-wachtwoord-0034";
const char kOtherPassword[] = "ander-wachtwoord-0034";
const char kKey[] = "ak_0034_unit";
const char kRevokedKey[] = "ak_0034_revoked";
const char kOngeldigeInlog[] = "Applicatiesleutel of wachtwoord onjuist";
const int64_t kNow = 1700000000;

void Require(const Status& s) {
  INFO(s.ToString());
  REQUIRE(s.ok());
}

ApplicationKey MakeKey(const std::string& id, const std::string& hash, std::vector<int> roles) {
  ApplicationKey k;
  k.key_id = id;
  k.gemeentecode = "0034";
  k.roles = std::move(roles);
  k.acts_for = {"0363"};
  k.password_hash = hash;
  k.omschrijving = "unit test";
  k.created_at = kNow;
  return k;
}

std::unique_ptr<Store> OpenStore(const std::string& path) {
  std::unique_ptr<Store> store;
  StoreOptions options;
  options.create_if_missing = true;
  Require(OpenSqliteStore(path, options, &store));
  return store;
}

// One store with a valid key and a revoked key, both with password kPassword.
struct World {
  TempDir dir;
  std::string hash;
  std::unique_ptr<Store> store;

  World() {
    Require(HashPassword(kPassword, &hash));
    store = OpenStore(dir.File("isi.db"));
    Require(store->CreateKey(MakeKey(kKey, hash, {3})));
    Require(store->CreateKey(MakeKey(kRevokedKey, hash, {6})));
    Require(store->RevokeKey(kRevokedKey, kNow - 60));
  }
};

World& TheWorld() {
  static World world;
  return world;
}

FixedClock TestClock() { return FixedClock(kNow, Date{2023, 11, 14}); }

Caller CallerWithRoles(std::vector<int> roles) {
  Caller c;
  c.key_id = "ak_test";
  c.gemeentecode = "0034";
  c.roles = std::move(roles);
  return c;
}

}  // namespace

// --- Caller ------------------------------------------------------------------------------------

TEST_CASE("Caller: roles are cumulative", "[service]") {
  SECTION("role 2 has only role 2") {
    Caller c = CallerWithRoles({2});
    CHECK(c.HasRole(Rol::kRaadplegenBsn));
    CHECK_FALSE(c.HasRole(Rol::kRaadplegenSelectie));
    CHECK_FALSE(c.HasRole(Rol::kMuteren));
    CHECK_FALSE(c.HasRole(Rol::kAlleInclusiefSignalen));
  }
  SECTION("role 3 includes 2 but not 5") {
    Caller c = CallerWithRoles({3});
    CHECK(c.HasRole(Rol::kRaadplegenBsn));
    CHECK(c.HasRole(Rol::kRaadplegenSelectie));
    CHECK_FALSE(c.HasRole(Rol::kMuteren));
    CHECK_FALSE(c.HasRole(Rol::kAlleInclusiefSignalen));
  }
  SECTION("role 5 includes 3 but not 6") {
    Caller c = CallerWithRoles({5});
    CHECK(c.HasRole(Rol::kRaadplegenSelectie));
    CHECK(c.HasRole(Rol::kMuteren));
    CHECK_FALSE(c.HasRole(Rol::kAlleInclusiefSignalen));
  }
  SECTION("role 6 has everything") {
    Caller c = CallerWithRoles({6});
    CHECK(c.HasRole(Rol::kRaadplegenBsn));
    CHECK(c.HasRole(Rol::kRaadplegenSelectie));
    CHECK(c.HasRole(Rol::kMuteren));
    CHECK(c.HasRole(Rol::kAlleInclusiefSignalen));
  }
  SECTION("the highest of several roles counts") {
    Caller c = CallerWithRoles({2, 5});
    CHECK(c.HasRole(Rol::kMuteren));
    CHECK_FALSE(c.HasRole(Rol::kAlleInclusiefSignalen));
  }
  SECTION("no roles, no rights") {
    Caller c = CallerWithRoles({});
    CHECK_FALSE(c.HasRole(Rol::kRaadplegenBsn));
  }
}

TEST_CASE("Caller: may act for its own and granted municipalities only", "[service]") {
  Caller c = CallerWithRoles({2});
  c.acts_for = {"0363", "0599"};
  CHECK(c.MayActFor("0034").ok());
  CHECK(c.MayActFor("0363").ok());
  CHECK(c.MayActFor("0599").ok());
  Status other = c.MayActFor("0014");
  CHECK(other.code() == Status::Code::kForbidden);
  CHECK_THAT(other.message(), Catch::Contains("0014"));
  CHECK(c.MayActFor("").code() == Status::Code::kForbidden);
  CHECK(c.MayActFor("003").code() == Status::Code::kForbidden);  // no prefix matching
}

// --- Authenticator -----------------------------------------------------------------------------

TEST_CASE("Authenticator: the right password is Ok and fills the caller", "[service]") {
  World& w = TheWorld();
  FixedClock clock = TestClock();
  Authenticator auth(clock, 300, 2);
  Caller caller;
  Status s = auth.Authenticate(*w.store, kKey, kPassword, &caller);
  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(caller.key_id == kKey);
  CHECK(caller.gemeentecode == "0034");
  CHECK(caller.roles == std::vector<int>{3});
  CHECK(caller.acts_for == std::vector<std::string>{"0363"});
  CHECK(caller.HasRole(Rol::kRaadplegenBsn));
  CHECK(caller.MayActFor("0363").ok());
}

TEST_CASE("Authenticator: every failed login gives the same Unauthenticated message", "[service]") {
  World& w = TheWorld();
  FixedClock clock = TestClock();
  Authenticator auth(clock, 300, 2);
  const std::string long_key(129, 'k');
  const std::string long_password(1025, 'p');
  struct Attempt {
    const char* what;
    const char* key;
    const char* password;
  } attempts[] = {
      {"wrong password", kKey, kOtherPassword},
      {"unknown key", "ak_0034_unknown", kPassword},
      {"revoked key with the right password", kRevokedKey, kPassword},
      {"no credentials", nullptr, nullptr},
      {"no password", kKey, nullptr},
      {"empty key", "", kPassword},
      {"empty password", kKey, ""},
      {"overlong key", long_key.c_str(), kPassword},
      {"overlong password", kKey, long_password.c_str()},
  };
  for (const Attempt& a : attempts) {
    INFO(a.what);
    Caller caller;
    caller.key_id = "untouched";
    Status s = auth.Authenticate(*w.store, a.key, a.password, &caller);
    CHECK(s.code() == Status::Code::kUnauthenticated);
    CHECK(s.message() == kOngeldigeInlog);
    CHECK(caller.key_id == "untouched");
  }
}

TEST_CASE("Authenticator: a wrong password is refused while the right one is cached", "[service]") {
  World& w = TheWorld();
  FixedClock clock = TestClock();
  Authenticator auth(clock, 300, 2);
  Caller caller;
  REQUIRE(auth.Authenticate(*w.store, kKey, kPassword, &caller).ok());
  CHECK(auth.Authenticate(*w.store, kKey, kOtherPassword, &caller).code() ==
        Status::Code::kUnauthenticated);
  CHECK(auth.Authenticate(*w.store, kKey, "", &caller).code() == Status::Code::kUnauthenticated);
  // The right one still works (from the cache) after the failures.
  CHECK(auth.Authenticate(*w.store, kKey, kPassword, &caller).ok());
}

TEST_CASE("Authenticator: a key revoked after a cached login is refused at once", "[service]") {
  World& w = TheWorld();
  std::unique_ptr<Store> store = OpenStore(w.dir.File("revoke.db"));
  Require(store->CreateKey(MakeKey("ak_0034_soon_revoked", w.hash, {2})));
  FixedClock clock = TestClock();
  Authenticator auth(clock, 3600, 2);
  Caller caller;
  REQUIRE(auth.Authenticate(*store, "ak_0034_soon_revoked", kPassword, &caller).ok());

  Require(store->RevokeKey("ak_0034_soon_revoked", kNow + 1));
  Status s = auth.Authenticate(*store, "ak_0034_soon_revoked", kPassword, &caller);
  CHECK(s.code() == Status::Code::kUnauthenticated);
  CHECK(s.message() == kOngeldigeInlog);
}

TEST_CASE("Authenticator: a cached password does not survive a new password for the key",
          "[service]") {
  // The same key id in two stores with different password hashes: the cache entry of the first
  // must not let the old password in against the second.
  World& w = TheWorld();
  std::string other_hash;
  Require(HashPassword(kOtherPassword, &other_hash));
  std::unique_ptr<Store> renewed = OpenStore(w.dir.File("renewed.db"));
  Require(renewed->CreateKey(MakeKey(kKey, other_hash, {3})));

  FixedClock clock = TestClock();
  Authenticator auth(clock, 3600, 2);
  Caller caller;
  REQUIRE(auth.Authenticate(*w.store, kKey, kPassword, &caller).ok());
  CHECK(auth.Authenticate(*renewed, kKey, kPassword, &caller).code() ==
        Status::Code::kUnauthenticated);
  CHECK(auth.Authenticate(*renewed, kKey, kOtherPassword, &caller).ok());
  // And the other way round: the new cache entry does not let the new password into the old.
  CHECK(auth.Authenticate(*w.store, kKey, kOtherPassword, &caller).code() ==
        Status::Code::kUnauthenticated);
}

TEST_CASE("Authenticator: after the cache expires the password is verified again", "[service]") {
  // Expiry cannot be observed without timing; what must hold is that the answers stay right
  // across it: the right password is still Ok, a wrong one still refused.
  World& w = TheWorld();
  FixedClock clock = TestClock();
  Authenticator auth(clock, 60, 1);
  Caller caller;
  REQUIRE(auth.Authenticate(*w.store, kKey, kPassword, &caller).ok());

  clock.Set(kNow + 61, Date{2023, 11, 14});
  CHECK(auth.Authenticate(*w.store, kKey, kOtherPassword, &caller).code() ==
        Status::Code::kUnauthenticated);
  caller = Caller{};
  CHECK(auth.Authenticate(*w.store, kKey, kPassword, &caller).ok());
  CHECK(caller.key_id == kKey);
}

// --- refusals for the log ----------------------------------------------------------------------

TEST_CASE("Authenticator: each refusal names its reason, for the log only", "[service][log]") {
  World& w = TheWorld();
  std::unique_ptr<Store> store = OpenStore(w.dir.File("reasons.db"));
  Require(store->CreateKey(MakeKey(kKey, w.hash, {3})));
  Require(store->CreateKey(MakeKey(kRevokedKey, w.hash, {3})));
  Require(store->RevokeKey(kRevokedKey, kNow - 60));
  Require(store->CreateKey(MakeKey("ak_0034_to_lock", w.hash, {3})));
  FixedClock clock = TestClock();
  Authenticator auth(clock, 300, 2);
  const std::string long_key(129, 'k');
  struct Attempt {
    const char* key;
    const char* password;
    AuthRefusal refusal;
  } attempts[] = {
      {kKey, kPassword, AuthRefusal::kNone},
      {nullptr, nullptr, AuthRefusal::kNoCredentials},
      {"", "", AuthRefusal::kNoCredentials},
      {"ak_0034_unknown", kPassword, AuthRefusal::kUnknownKey},
      {"", kPassword, AuthRefusal::kUnknownKey},
      {long_key.c_str(), kPassword, AuthRefusal::kUnknownKey},
      {kKey, kOtherPassword, AuthRefusal::kWrongPassword},
      {kKey, nullptr, AuthRefusal::kWrongPassword},
      {kRevokedKey, kPassword, AuthRefusal::kRevoked},
      {kRevokedKey, kOtherPassword, AuthRefusal::kRevoked},
  };
  for (const Attempt& a : attempts) {
    INFO((a.key != nullptr ? a.key : "(null)") << " -> " << AuthRefusalName(a.refusal));
    Caller caller;
    AuthRefusal refusal = AuthRefusal::kLocked;
    const Status s =
        auth.Authenticate(*store, a.key, a.password, ClientCertificateCheck{}, &caller, &refusal);
    CHECK(refusal == a.refusal);
    CHECK(s.ok() == (a.refusal == AuthRefusal::kNone));
  }
  // Locked: one failure locks the key under this policy; the next attempt is kLocked.
  auth.SetLockPolicy(1, 3600, 3600);
  Caller caller;
  AuthRefusal refusal = AuthRefusal::kNone;
  auth.Authenticate(*store, "ak_0034_to_lock", kOtherPassword, ClientCertificateCheck{}, &caller,
                    &refusal);
  CHECK(refusal == AuthRefusal::kWrongPassword);
  const Status locked = auth.Authenticate(*store, "ak_0034_to_lock", kPassword,
                                          ClientCertificateCheck{}, &caller, &refusal);
  CHECK(locked.code() == Status::Code::kLocked);
  CHECK(refusal == AuthRefusal::kLocked);
  // An enforced check without a certificate (never so on a real connection) with the right
  // password: the certificate is the reason.
  ClientCertificateCheck enforced;
  enforced.enforced = true;
  auth.Authenticate(*store, kKey, kPassword, enforced, &caller, &refusal);
  CHECK(refusal == AuthRefusal::kCertificateMismatch);
}

TEST_CASE("Refused authentication log line: UTC time, address, key, reason, subject",
          "[service][log]") {
  // 2023-11-14T22:13:20Z
  SECTION("the fields in order, the subject quoted") {
    CHECK(RefusedAuthenticationLine(kNow, "192.0.2.7", "ak_0034_cvs", AuthRefusal::kWrongPassword,
                                    "CN=cvs.almere.nl,O=Gemeente Almere,C=NL") ==
          "2023-11-14T22:13:20Z aanmelding geweigerd ip=192.0.2.7 sleutel=ak_0034_cvs "
          "reden=wachtwoord-onjuist certificaat=\"CN=cvs.almere.nl,O=Gemeente Almere,C=NL\"\n");
  }
  SECTION("without a certificate, without a key") {
    CHECK(RefusedAuthenticationLine(kNow, "::1", nullptr, AuthRefusal::kUnknownKey, "") ==
          "2023-11-14T22:13:20Z aanmelding geweigerd ip=::1 sleutel= reden=onbekende-sleutel\n");
  }
  SECTION("every reason has its own word") {
    CHECK(std::string(AuthRefusalName(AuthRefusal::kLocked)) == "geblokkeerd");
    CHECK(std::string(AuthRefusalName(AuthRefusal::kRevoked)) == "ingetrokken");
    CHECK(std::string(AuthRefusalName(AuthRefusal::kCertificateMismatch)) == "certificaat-onjuist");
  }
  SECTION("a key id keeps [A-Za-z0-9_-] only and at most 64 bytes: no line break, no markup") {
    const std::string line = RefusedAuthenticationLine(
        kNow, "127.0.0.1", "ak_0034\n2023-11-14T00:00:00Z aanmelding <b>\"x\"</b>\xc3\xab",
        AuthRefusal::kUnknownKey, "");
    CHECK(line.find(" sleutel=ak_0034?2023-11-14T00?00?00Z?aanmelding??b??x???b??? ") !=
          std::string::npos);
    CHECK(line.find('\n') == line.size() - 1);
    const std::string long_key(100, 'k');
    CHECK(
        RefusedAuthenticationLine(kNow, "127.0.0.1", long_key.c_str(), AuthRefusal::kUnknownKey, "")
            .find(" sleutel=" + std::string(64, 'k') + " ") != std::string::npos);
  }
  SECTION("a subject keeps printable ASCII but '\"', at most 256 bytes") {
    const std::string line =
        RefusedAuthenticationLine(kNow, "127.0.0.1", "k", AuthRefusal::kCertificateMismatch,
                                  "CN=J\xc3\xabrgen \"x\"\r\nO=<y>" + std::string(300, 'z'));
    CHECK(line.find("certificaat=\"CN=J??rgen ?x???O=<y>" + std::string(256 - 21, 'z') + "\"\n") !=
          std::string::npos);
    CHECK(line.find('\n') == line.size() - 1);
  }
}

TEST_CASE("LogRefusedAuthentication: one write per refusal, nothing for a challenge",
          "[service][log]") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  LogRefusedAuthentication(fds[1], kNow, "127.0.0.1", "ak_x", AuthRefusal::kNoCredentials, "");
  LogRefusedAuthentication(fds[1], kNow, "127.0.0.1", "ak_x", AuthRefusal::kNone, "");
  LogRefusedAuthentication(fds[1], kNow, "127.0.0.1", "ak_x", AuthRefusal::kRevoked, "");
  close(fds[1]);
  std::string text;
  char buf[512];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
    text.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  CHECK(text == RefusedAuthenticationLine(kNow, "127.0.0.1", "ak_x", AuthRefusal::kRevoked, ""));
}
