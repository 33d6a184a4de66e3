// Password hashing for application keys: argon2id with the OWASP parameters (m = 19456 KiB,
// t = 2, p = 1), a 16-byte random salt and a 32-byte hash, stored as the standard encoded
// string "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>".
#pragma once

#include <string>
#include <string_view>

#include "model/status.h"

namespace isi {

// Hashes `password` with a fresh salt from OpenSSL RAND_bytes and sets *encoded. Each call
// takes about as long as a VerifyPassword (deliberately slow). InvalidArgument for an empty
// password or one longer than 1024 bytes; Internal when the random generator or argon2 fails.
Status HashPassword(std::string_view password, std::string* encoded);

// True when `password` matches the encoded argon2id hash `encoded`. False for a wrong
// password and for anything malformed: not argon2id, not version 19, cost parameters beyond
// sane bounds (so a tampered hash cannot make us allocate gigabytes). Never throws.
bool VerifyPassword(const std::string& encoded, std::string_view password);

// A valid encoded argon2id hash of a random, forgotten password, computed once per process.
// Verify against it when the key is unknown, so that an unknown key takes as long as a wrong
// password.
const std::string& DummyPasswordHash();

}  // namespace isi
