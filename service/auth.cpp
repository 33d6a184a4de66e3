#include "service/auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <stdexcept>
#include <string_view>

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

// `text` cut to `max` bytes, each byte for which `keep` is false written as '?'.
std::string Sanitised(std::string_view text, size_t max, bool (*keep)(unsigned char)) {
  std::string out(text.substr(0, max));
  for (char& c : out)
    if (!keep(static_cast<unsigned char>(c))) c = '?';
  return out;
}

bool KeyIdByte(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Printable ASCII, but the quote that ends the subject in the log line.
bool SubjectByte(unsigned char c) { return c >= 0x20 && c <= 0x7e && c != '"'; }

}  // namespace

const char* AuthRefusalName(AuthRefusal refusal) {
  switch (refusal) {
    case AuthRefusal::kNone:
      return "geen";
    case AuthRefusal::kNoCredentials:
      return "geen-gegevens";
    case AuthRefusal::kUnknownKey:
      return "onbekende-sleutel";
    case AuthRefusal::kWrongPassword:
      return "wachtwoord-onjuist";
    case AuthRefusal::kLocked:
      return "geblokkeerd";
    case AuthRefusal::kRevoked:
      return "ingetrokken";
    case AuthRefusal::kCertificateMismatch:
      return "certificaat-onjuist";
  }
  return "?";
}

std::string RefusedAuthenticationLine(int64_t now, const std::string& peer_ip, const char* key_id,
                                      AuthRefusal refusal, const std::string& certificate_subject) {
  char when[32] = "?";
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm utc{};
  if (gmtime_r(&t, &utc) != nullptr) std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::string line = std::string(when) + " aanmelding geweigerd ip=" + peer_ip +
                     " sleutel=" + Sanitised(key_id != nullptr ? key_id : "", 64, KeyIdByte) +
                     " reden=" + AuthRefusalName(refusal);
  if (!certificate_subject.empty())
    line += " certificaat=\"" + Sanitised(certificate_subject, 256, SubjectByte) + "\"";
  line += '\n';
  return line;
}

void LogRefusedAuthentication(int fd, int64_t now, const std::string& peer_ip, const char* key_id,
                              AuthRefusal refusal, const std::string& certificate_subject) {
  if (refusal == AuthRefusal::kNone || refusal == AuthRefusal::kNoCredentials) return;
  const std::string line =
      RefusedAuthenticationLine(now, peer_ip, key_id, refusal, certificate_subject);
  // One write(2) of a few hundred bytes: atomic on pipes (below PIPE_BUF) and O_APPEND files.
  if (::write(fd, line.data(), line.size()) < 0) {
    // Best effort: nothing sensible to do when stderr is gone.
  }
}

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
                                   const ClientCertificateCheck& certificate, Caller* out,
                                   AuthRefusal* refusal) {
  AuthRefusal ignored;
  AuthRefusal& why = refusal != nullptr ? *refusal : ignored;
  why = AuthRefusal::kNone;
  const std::string key_id = key_id_c != nullptr ? key_id_c : "";
  const std::string password = password_c != nullptr ? password_c : "";
  const char* const refused =
      certificate.enforced ? kOngeldigeInlogMetCertificaat : kOngeldigeInlog;
  if (key_id.empty() || key_id.size() > 128 || password.size() > 1024) {
    // Same work as a wrong password, so that timing says nothing.
    VerifySlow(DummyPasswordHash(), password.substr(0, 1024));
    why = key_id.empty() && password.empty()      ? AuthRefusal::kNoCredentials
          : key_id.empty() || key_id.size() > 128 ? AuthRefusal::kUnknownKey
                                                  : AuthRefusal::kWrongPassword;
    return Status::Unauthenticated(refused);
  }

  ApplicationKey key;
  Status s = store.FindKey(key_id, &key);
  if (s.code() == Status::Code::kNotFound) {
    VerifySlow(DummyPasswordHash(), password);
    why = AuthRefusal::kUnknownKey;
    return Status::Unauthenticated(refused);
  }
  if (!s.ok()) return s;

  const int64_t now = clock_.NowUnixSeconds();
  if (key.locked_until && *key.locked_until > now) {
    why = AuthRefusal::kLocked;
    return Status::Locked("Applicatiesleutel tijdelijk geblokkeerd na te veel mislukte aanmeldingen; probeer het over " +
                          std::to_string((*key.locked_until - now + 59) / 60) + " minuten opnieuw")
        .WithReason("SleutelGeblokkeerd");
  }
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
  if (!accepted || key.revoked_at.has_value()) {
    why = key.revoked_at.has_value() ? AuthRefusal::kRevoked
          : !verified                ? AuthRefusal::kWrongPassword
                                     : AuthRefusal::kCertificateMismatch;
    return Status::Unauthenticated(refused);
  }
  if (key.failed_count > 0)
    if (Status r = store.ResetAuthFailures(key_id); !r.ok()) return r;

  out->key_id = key.key_id;
  out->gemeentecode = key.gemeentecode;
  out->roles = key.roles;
  out->acts_for = key.acts_for;
  return Status::Ok();
}

}  // namespace isi
