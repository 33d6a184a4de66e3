// Authentication and authorisation of callers: one stage before dispatch.
//
// A caller authenticates with HTTP Basic over TLS: user = application key id, password = the
// key's password. Unknown key, wrong password, revoked key and missing credentials all give the
// same Unauthenticated status with the same message, after the same (argon2id) amount of work.
//
// Under mutual TLS (isi-server --client-ca) the key must also be bound to the client certificate
// of the connection (store.h: ApplicationKey::certificate_subject, certificate_sha256): a key
// bound to another subject or fingerprint, and by default a key bound to none, is refused in
// the same way, with one message for every refusal and after the same work, so that the answer
// tells nobody which keys exist, which are bound, or that a password was right.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/clock.h"
#include "model/codes.h"
#include "model/status.h"
#include "service/config.h"
#include "store/store.h"

struct ssl_st;  // OpenSSL's SSL: the TLS connection a request came in on

namespace isi {

// What mutual TLS asks of the key of one request.
struct ClientCertificateCheck {
  bool enforced = false;                 // --client-ca: the key must be bound to `certificate`
  bool allow_unbound_keys = false;       // --client-cert-binding registered: keys bound to no
                                         // certificate pass with any certificate of the CA
  const x509_st* certificate = nullptr;  // the connection's verified client certificate, if any
};

// The check for a request on the TLS connection `ssl` under `config`: not enforced without
// --client-ca; otherwise enforced against the connection's client certificate (borrowed from
// `ssl`, valid while the connection is). `ssl` may be null (no TLS: nothing to match).
ClientCertificateCheck ClientCertificateCheckFor(const ServerConfig& config, const ssl_st* ssl);

// The authenticated caller of one request.
struct Caller {
  std::string key_id;
  std::string gemeentecode;           // the key's own municipality
  std::vector<int> roles;             // as registered (2, 3, 5, 6)
  std::vector<std::string> acts_for;  // municipalities it may act for besides its own

  // Roles are cumulative (seed 003): 3 includes 2, 5 includes 3, 6 includes everything.
  bool HasRole(Rol required) const;
  // Ok when the caller may act for `gemeentecode` (its own or granted by uitbesteding),
  // Forbidden otherwise.
  Status MayActFor(const std::string& gemeentecode) const;
};

// Why an authentication was refused. For the operator's log only: the caller gets the same
// answer for each (a locked key excepted, which is SleutelGeblokkeerd).
enum class AuthRefusal {
  kNone,                 // not refused (accepted, or the store failed)
  kNoCredentials,        // neither key nor password: the HTTP Basic challenge, not an attempt
  kUnknownKey,           // no such key (also an empty or overlong key id)
  kWrongPassword,        // the key exists; the password is not its password
  kLocked,               // the key is locked after too many failures
  kRevoked,              // the key is revoked (whatever the password)
  kCertificateMismatch,  // the right password, but the key is not bound to the certificate
};

// The reason's word in the log: "onbekende-sleutel", "wachtwoord-onjuist", "geblokkeerd",
// "ingetrokken", "certificaat-onjuist" ("geen-gegevens", "geen" for the others).
const char* AuthRefusalName(AuthRefusal refusal);

// The log line of a refused authentication, ending in '\n', for example (one line)
//   2026-05-04T09:12:00Z aanmelding geweigerd ip=192.0.2.7 sleutel=ak_0034_cvs
//   reden=wachtwoord-onjuist certificaat="CN=cvs.almere.nl,O=Gemeente Almere,C=NL"
// (certificaat= only when the connection has a client certificate). `now`: Unix seconds, written
// as ISO 8601 UTC. `key_id`: as the caller sent it (null: none), cut to 64 bytes, each byte
// outside [A-Za-z0-9_-] written as '?'. `certificate_subject` (empty: none): cut to 256 bytes,
// each byte that is not printable ASCII, and '"', written as '?'. So no caller can put a line
// break or markup in the log. The password is never an argument, so it is never in the line.
std::string RefusedAuthenticationLine(int64_t now, const std::string& peer_ip, const char* key_id,
                                      AuthRefusal refusal, const std::string& certificate_subject);

// Writes RefusedAuthenticationLine(...) to file descriptor `fd` (the server: stderr) with a single
// write(2), so that lines of concurrent workers never interleave. Best effort: a failed write is
// ignored. Writes nothing for kNone and kNoCredentials.
void LogRefusedAuthentication(int fd, int64_t now, const std::string& peer_ip, const char* key_id,
                              AuthRefusal refusal, const std::string& certificate_subject);

// Thread-safe; one instance shared by all workers.
class Authenticator {
 public:
  // `cache_seconds`: how long a verified password is remembered (as a keyed SHA-256, never in
  // clear) so that later requests skip the deliberately slow argon2id check. Revocation is
  // still checked against the store on every request.
  Authenticator(const Clock& clock, int cache_seconds, int max_parallel_hashes);

  // Brute-force limiting: `max_failures` failed logins of one key within `window_s` lock it
  // for `lock_s` (seed: at most 100 an hour). 0 failures disables the limit.
  void SetLockPolicy(int max_failures, int window_s, int lock_s);

  // Authenticates key/password against `store`. `key_id`/`password` may be null (no
  // credentials). Ok fills `out`; otherwise Unauthenticated, Locked (reason
  // "SleutelGeblokkeerd") while the key is locked, or Unavailable/Internal when the store fails.
  // A failed password of an existing key counts towards its lock.
  Status Authenticate(Store& store, const char* key_id, const char* password, Caller* out);

  // The same, and when `certificate.enforced` the key must be bound to the client certificate:
  // its registered subject (and fingerprint, when it has one) equal to the certificate's in the
  // canonical forms of store.h; a key bound to none passes only with allow_unbound_keys. A key
  // that is not is Unauthenticated with the same message as a wrong password (under mutual TLS
  // every refusal says "Applicatiesleutel, wachtwoord of clientcertificaat onjuist"), after the
  // same password check, and counts towards the key's lock like a wrong password.
  // `refusal` (may be null) gets why a request was refused, kNone when it was not.
  Status Authenticate(Store& store, const char* key_id, const char* password,
                      const ClientCertificateCheck& certificate, Caller* out,
                      AuthRefusal* refusal = nullptr);

 private:
  struct Entry {
    std::string digest;         // keyed SHA-256 of the password
    std::string password_hash;  // the stored hash it was verified against
    int64_t expires_at = 0;
  };
  std::string Digest(const std::string& key_id, const std::string& password) const;
  bool VerifySlow(const std::string& encoded, const std::string& password);

  const Clock& clock_;
  const int cache_seconds_;
  const int max_parallel_hashes_;
  int max_failures_ = 100;
  int window_s_ = 3600;
  int lock_s_ = 3600;
  std::string pepper_;  // random per process

  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;  // guarded by mu_
  std::condition_variable hash_slot_free_;
  int hashes_running_ = 0;  // guarded by mu_
};

}  // namespace isi
