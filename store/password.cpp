#include "store/password.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <cstdint>
#include <vector>

namespace isi {
namespace {

constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19456;
constexpr uint32_t kParallelism = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr size_t kMaxPasswordBytes = 1024;

// Bounds accepted when verifying: room for stronger parameters later, none for abuse.
constexpr uint64_t kMaxMemoryKiB = 1u << 20;  // 1 GiB
constexpr uint64_t kMaxTimeCost = 16;
constexpr uint64_t kMaxParallelism = 16;

// Parses the decimal number at s[*pos] and advances *pos. False when there is none or it is
// implausibly long.
bool ParseNumber(std::string_view s, size_t* pos, uint64_t* out) {
  size_t start = *pos;
  uint64_t value = 0;
  while (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9' && *pos - start < 10) {
    value = value * 10 + static_cast<uint64_t>(s[*pos] - '0');
    ++*pos;
  }
  *out = value;
  return *pos > start && (*pos >= s.size() || s[*pos] < '0' || s[*pos] > '9');
}

bool Expect(std::string_view s, size_t* pos, std::string_view literal) {
  if (s.substr(*pos, literal.size()) != literal) return false;
  *pos += literal.size();
  return true;
}

// "$argon2id$v=19$m=<m>,t=<t>,p=<p>$" with sane m, t, p.
bool HasSaneHeader(std::string_view s) {
  size_t pos = 0;
  uint64_t m = 0, t = 0, p = 0;
  return Expect(s, &pos, "$argon2id$v=19$m=") && ParseNumber(s, &pos, &m) &&
         Expect(s, &pos, ",t=") && ParseNumber(s, &pos, &t) && Expect(s, &pos, ",p=") &&
         ParseNumber(s, &pos, &p) && Expect(s, &pos, "$") && m >= 8 && m <= kMaxMemoryKiB &&
         t >= 1 && t <= kMaxTimeCost && p >= 1 && p <= kMaxParallelism;
}

}  // namespace

Status HashPassword(std::string_view password, std::string* encoded) {
  if (password.empty()) return Status::InvalidArgument("wachtwoord is leeg", "password");
  if (password.size() > kMaxPasswordBytes) {
    return Status::InvalidArgument("wachtwoord is langer dan 1024 bytes", "password");
  }
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, static_cast<int>(sizeof salt)) != 1) {
    return Status::Internal("RAND_bytes mislukt");
  }
  size_t length =
      argon2_encodedlen(kTimeCost, kMemoryKiB, kParallelism, static_cast<uint32_t>(kSaltBytes),
                        static_cast<uint32_t>(kHashBytes), Argon2_id);
  std::vector<char> buffer(length + 1, '\0');
  int rc =
      argon2id_hash_encoded(kTimeCost, kMemoryKiB, kParallelism, password.data(), password.size(),
                            salt, sizeof salt, kHashBytes, buffer.data(), buffer.size());
  if (rc != ARGON2_OK) {
    return Status::Internal(std::string("argon2id mislukt: ") + argon2_error_message(rc));
  }
  encoded->assign(buffer.data());
  return Status::Ok();
}

bool VerifyPassword(const std::string& encoded, std::string_view password) {
  if (!HasSaneHeader(encoded) || password.size() > kMaxPasswordBytes) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

const std::string& DummyPasswordHash() {
  static const std::string kDummy = [] {
    unsigned char random[32];
    std::string password;
    if (RAND_bytes(random, static_cast<int>(sizeof random)) == 1) {
      static constexpr char kHex[] = "0123456789abcdef";
      for (unsigned char c : random) {
        password.push_back(kHex[c >> 4]);
        password.push_back(kHex[c & 0x0f]);
      }
    } else {
      password = "dummy-password-rand-failed";  // still a valid hash, never a key's password
    }
    std::string encoded;
    if (!HashPassword(password, &encoded).ok()) {
      // argon2 itself failed; a well-formed hash with our parameters keeps the timing close.
      encoded =
          "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
          "Qm2bJ0W2YHq0cZ8bXWJ3u7ZlW4VqUlk6Wv6t1mO0k1g";
    }
    return encoded;
  }();
  return kDummy;
}

}  // namespace isi
