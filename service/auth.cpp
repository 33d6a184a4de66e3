#include "service/auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <stdexcept>

#include "store/password.h"

namespace isi {
namespace {

const char kOngeldigeInlog[] = "Applicatiesleutel of wachtwoord onjuist";
// Under mutual TLS every refusal names the certificate too: one message for all of them.
const char kOngeldigeInlogMetCertificaat[] =
    "Applicatiesleutel, wachtwoord of clientcertificaat onjuist";

// True when `key` may be used with the connection's client certificate under `check`.
bool BoundToCertificate(const ClientCertificateCheck& check, const ApplicationKey& key) {
  if (!check.enforced) return true;
  if (check.certificate == nullptr) return false;  // the handshake requires one; never trust less
  if (key.certificate_subject.empty()) return check.allow_unbound_keys;
  std::string subject, sha256;
  if (!CertificateIdentity(check.certificate, &subject,
                           key.certificate_sha256.empty() ? nullptr : &sha256)
           .ok())
    return false;
  if (subject.empty() || subject != key.certificate_subject) return false;
  return key.certificate_sha256.empty() || sha256 == key.certificate_sha256;
}

}  // namespace

ClientCertificateCheck ClientCertificateCheckFor(const ServerConfig& config, const ssl_st* ssl) {
  ClientCertificateCheck check;
  if (config.client_ca_file.empty()) return check;
  check.enforced = true;
  check.allow_unbound_keys = config.client_cert_binding == kClientCertBindingRegistered;
  check.certificate = ssl != nullptr ? SSL_get0_peer_certificate(ssl) : nullptr;
  return check;
}

bool Caller::HasRole(Rol required) const {
  const int need = static_cast<int>(required);
  return std::any_of(roles.begin(), roles.end(), [need](int r) { return r >= need; });
}

Status Caller::MayActFor(const std::string& code) const {
  if (code == gemeentecode) return Status::Ok();
  if (std::find(acts_for.begin(), acts_for.end(), code) != acts_for.end()) return Status::Ok();
  return Status::Forbidden("Deze applicatiesleutel mag niet optreden voor gemeente " + code);
}

Authenticator::Authenticator(const Clock& clock, int cache_seconds, int max_parallel_hashes)
    : clock_(clock),
      cache_seconds_(cache_seconds),
      max_parallel_hashes_(std::max(1, max_parallel_hashes)),
      pepper_(32, '\0') {
  if (RAND_bytes(reinterpret_cast<unsigned char*>(pepper_.data()), static_cast<int>(pepper_.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
}

void Authenticator::SetLockPolicy(int max_failures, int window_s, int lock_s) {
  max_failures_ = max_failures;
  window_s_ = window_s;
  lock_s_ = lock_s;
}

std::string Authenticator::Digest(const std::string& key_id, const std::string& password) const {
  std::string input = pepper_;
  input += key_id;
  input.push_back('\0');
  input += password;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(input.data(), input.size(), md, &len, EVP_sha256(), nullptr);
  OPENSSL_cleanse(input.data(), input.size());
  return std::string(reinterpret_cast<char*>(md), len);
}

bool Authenticator::VerifySlow(const std::string& encoded, const std::string& password) {
  // argon2id needs 19 MiB per check: bound how many run at once.
  {
    std::unique_lock<std::mutex> lock(mu_);
    hash_slot_free_.wait(lock, [this] { return hashes_running_ < max_parallel_hashes_; });
    ++hashes_running_;
  }
  bool ok = VerifyPassword(encoded, password);
  {
    std::lock_guard<std::mutex> lock(mu_);
    --hashes_running_;
  }
  hash_slot_free_.notify_one();
  return ok;
}

Status Authenticator::Authenticate(Store& store, const char* key_id, const char* password,
                                   Caller* out) {
  return Authenticate(store, key_id, password, ClientCertificateCheck{}, out);
}

Status Authenticator::Authenticate(Store& store, const char* key_id_c, const char* password_c,
                                   const ClientCertificateCheck& certificate, Caller* out) {
  const std::string key_id = key_id_c != nullptr ? key_id_c : "";
  const std::string password = password_c != nullptr ? password_c : "";
  const char* const refused =
      certificate.enforced ? kOngeldigeInlogMetCertificaat : kOngeldigeInlog;
  if (key_id.empty() || key_id.size() > 128 || password.size() > 1024) {
    // Same work as a wrong password, so that timing says nothing.
    VerifySlow(DummyPasswordHash(), password.substr(0, 1024));
    return Status::Unauthenticated(refused);
  }

  ApplicationKey key;
  Status s = store.FindKey(key_id, &key);
  if (s.code() == Status::Code::kNotFound) {
    VerifySlow(DummyPasswordHash(), password);
    return Status::Unauthenticated(refused);
  }
  if (!s.ok()) return s;

  const int64_t now = clock_.NowUnixSeconds();
  if (key.locked_until && *key.locked_until > now)
    return Status::Locked("Applicatiesleutel tijdelijk geblokkeerd na te veel mislukte aanmeldingen; probeer het over " +
                          std::to_string((*key.locked_until - now + 59) / 60) + " minuten opnieuw")
        .WithReason("SleutelGeblokkeerd");
  const std::string digest = Digest(key_id, password);
  bool verified = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(key_id);
    if (it != cache_.end() && it->second.expires_at > now &&
        it->second.password_hash == key.password_hash && it->second.digest.size() == digest.size() &&
        CRYPTO_memcmp(it->second.digest.data(), digest.data(), digest.size()) == 0) {
      verified = true;
    }
  }
  if (!verified) {
    verified = VerifySlow(key.password_hash, password);
    if (verified) {
      std::lock_guard<std::mutex> lock(mu_);
      if (cache_.size() > 10000) cache_.clear();  // bounded; keys are few
      cache_[key_id] = Entry{digest, key.password_hash, now + cache_seconds_};
    }
  }
  // Checked after the password, whatever its outcome, so that a refusal for the certificate
  // takes the same work as one for the password and says nothing about it; and it counts
  // towards the lock like a wrong password.
  const bool accepted = verified && BoundToCertificate(certificate, key);
  if (!accepted && !key.revoked_at && max_failures_ > 0) {
    bool locked = false;
    Status r = store.RecordAuthFailure(key_id, now, max_failures_, window_s_, lock_s_, &locked);
    if (!r.ok()) return r;
  }
  if (!accepted || key.revoked_at.has_value()) return Status::Unauthenticated(refused);
  if (key.failed_count > 0)
    if (Status r = store.ResetAuthFailures(key_id); !r.ok()) return r;

  out->key_id = key.key_id;
  out->gemeentecode = key.gemeentecode;
  out->roles = key.roles;
  out->acts_for = key.acts_for;
  return Status::Ok();
}

}  // namespace isi
