// argon2id password hashing for application keys.
#include "store/password.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

using namespace isi;

TEST_CASE("Password: a hash verifies the right password and not a wrong one", "[password]") {
  std::string encoded;
  REQUIRE(HashPassword("correct horse battery staple", &encoded).ok());
  CHECK_THAT(encoded, Catch::StartsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
  CHECK(VerifyPassword(encoded, "correct horse battery staple"));
  CHECK_FALSE(VerifyPassword(encoded, "correct horse battery stapl"));
  CHECK_FALSE(VerifyPassword(encoded, "Correct horse battery staple"));
  CHECK_FALSE(VerifyPassword(encoded, ""));
}

TEST_CASE("Password: the same password hashes differently each time (random salt)", "[password]") {
  std::string a, b;
  REQUIRE(HashPassword("geheim-wachtwoord", &a).ok());
  REQUIRE(HashPassword("geheim-wachtwoord", &b).ok());
  CHECK(a != b);
  CHECK(VerifyPassword(a, "geheim-wachtwoord"));
  CHECK(VerifyPassword(b, "geheim-wachtwoord"));
}

TEST_CASE("Password: an empty or overlong password is refused", "[password]") {
  std::string encoded;
  CHECK(HashPassword("", &encoded).code() == Status::Code::kInvalidArgument);
  CHECK(HashPassword(std::string(1025, 'x'), &encoded).code() == Status::Code::kInvalidArgument);
  CHECK(HashPassword(std::string(1024, 'x'), &encoded).ok());
}

TEST_CASE("Password: malformed encoded hashes never verify", "[password]") {
  std::string good;
  REQUIRE(HashPassword("wachtwoord", &good).ok());
  const std::string malformed[] = {
      "",
      "wachtwoord",
      "$argon2id$",
      "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",   // not argon2id
      "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",  // old version
      "$argon2id$v=19$m=19456,t=2,p=1$!!!$???",
      "$argon2id$v=19$m=4294967295,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",  // absurd memory
      "$argon2id$v=19$m=19456,t=4000000000,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo",
      "$argon2id$v=19$m=19456,t=2,p=1$",
      good.substr(0, good.size() - 5),  // truncated hash
      good + "AAAA",                    // longer hash
  };
  for (const std::string& m : malformed) {
    INFO(m);
    CHECK_FALSE(VerifyPassword(m, "wachtwoord"));
  }
}

TEST_CASE("Password: the dummy hash is a valid argon2id hash, the same each call", "[password]") {
  const std::string& dummy = DummyPasswordHash();
  CHECK_THAT(dummy, Catch::StartsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
  CHECK(&DummyPasswordHash() == &dummy);
  CHECK_FALSE(VerifyPassword(dummy, ""));
  CHECK_FALSE(VerifyPassword(dummy, "wachtwoord"));
}

TEST_CASE("Password: verifying against the dummy hash costs about as much as a real one",
          "[password]") {
  std::string real;
  REQUIRE(HashPassword("wachtwoord", &real).ok());
  (void)DummyPasswordHash();  // computed once, outside the measurement
  auto time = [](const std::string& encoded) {
    auto start = std::chrono::steady_clock::now();
    (void)VerifyPassword(encoded, "fout");
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  double real_s = time(real);
  double dummy_s = time(DummyPasswordHash());
  // Same parameters, so the same work; generous bounds against a noisy shared machine.
  CHECK(dummy_s > real_s / 4);
  CHECK(dummy_s < real_s * 4);
}
