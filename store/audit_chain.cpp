#include "store/audit_chain.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace isi {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) {
    // Only when OpenSSL cannot allocate or is broken: not an expected failure.
    throw std::runtime_error("SHA-256 via OpenSSL EVP mislukt");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

std::string AuditRecordHash(const AuditRecord& r) {
  std::string text;
  text.reserve(r.prev_hash.size() + r.key_id.size() + r.gemeentecode.size() + r.operation.size() +
               r.bsn.size() + r.outcome.size() + 32);
  text.append(r.prev_hash).append("|");
  text.append(std::to_string(r.at)).append("|");
  text.append(r.key_id).append("|");
  text.append(r.gemeentecode).append("|");
  text.append(r.operation).append("|");
  text.append(r.bsn).append("|");
  text.append(r.outcome);
  return Sha256Hex(text);
}

}  // namespace isi
