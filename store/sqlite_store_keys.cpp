// Application keys (applicatiesleutels), the municipalities they may act for, and the client
// certificates they are bound to (canonical subjects and fingerprints, store.h).
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "store/sqlite_store.h"

namespace isi {
namespace {

// What CreateKey writes, then the brute-force bookkeeping (7-9), then the client certificate.
constexpr const char* kKeyColumns =
    "key_id, gemeentecode, roles, password_hash, omschrijving, created_at, revoked_at, "
    "failed_count, failure_window_start, locked_until, certificaat_subject, certificaat_sha256";
constexpr const char* kCreateKeyColumns =
    "key_id, gemeentecode, roles, password_hash, omschrijving, created_at, revoked_at, "
    "certificaat_subject, certificaat_sha256";

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
  key->certificate_subject = stmt.Text(10);
  key->certificate_sha256 = stmt.Text(11);
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

// --- client certificates -----------------------------------------------------------------------

// XN_FLAG_RFC2253 without ASN1_STRFLGS_ESC_MSB: RFC 4514 strings are UTF-8, so characters
// beyond ASCII ("Súdwest-Fryslân") stay as they are instead of becoming \XX escapes.
constexpr unsigned long kSubjectFlags =
    static_cast<unsigned long>(XN_FLAG_RFC2253) & ~static_cast<unsigned long>(ASN1_STRFLGS_ESC_MSB);
constexpr size_t kMaxSubjectText = 4096;

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct NameFree {
  void operator()(X509_NAME* n) const { X509_NAME_free(n); }
};
struct ObjectFree {
  void operator()(ASN1_OBJECT* o) const { ASN1_OBJECT_free(o); }
};
struct CertFree {
  void operator()(X509* x) const { X509_free(x); }
};

std::string OpenSslReason() {
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "onbekende fout";
  const char* reason = ERR_reason_error_string(e);
  return reason != nullptr ? reason : "onbekende fout";
}

Status PrintSubject(const X509_NAME* name, std::string* out) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr || X509_NAME_print_ex(bio.get(), name, 0, kSubjectFlags) < 0)
    return Status::Internal("kan certificaatsubject niet weergeven: " + OpenSslReason());
  char* data = nullptr;
  const long len = BIO_ctrl(bio.get(), BIO_CTRL_INFO, 0, static_cast<void*>(&data));
  out->assign(data != nullptr && len > 0 ? data : "", len > 0 ? static_cast<size_t>(len) : 0);
  return Status::Ok();
}

Status BadSubject(const std::string& why) {
  return Status::InvalidArgument("ongeldig certificaatsubject: " + why, "certificate_subject");
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// One attribute (type=value) of a relative distinguished name; value in UTF-8, unescaped.
struct Ava {
  std::string type;
  std::string value;
};
using Rdn = std::vector<Ava>;

// Splits a subject into RDNs separated by `sep` (',' for RFC 4514, '/' for OpenSSL's slash
// form) and AVAs inside one by '+'. '\' escapes a character or gives a byte as two hex digits.
// In RFC 4514 form blanks after a separator and unescaped blanks at the end of a value are
// dropped, and the characters that must be escaped are refused when they are not.
Status SplitSubject(const std::string& text, char sep, std::vector<Rdn>* rdns) {
  const bool rfc = sep == ',';
  size_t i = 0;
  const size_t n = text.size();
  Rdn rdn;
  for (;;) {
    Ava ava;
    if (rfc)
      while (i < n && IsBlank(text[i])) ++i;
    // The attribute type, up to '='.
    const size_t type_start = i;
    while (i < n && text[i] != '=' && text[i] != sep && text[i] != '+') ++i;
    ava.type = text.substr(type_start, i - type_start);
    if (i >= n || text[i] != '=')
      return BadSubject(ava.type.empty() ? "een attribuut ontbreekt"
                                         : "'" + ava.type + "' heeft geen '='");
    if (ava.type.empty()) return BadSubject("een attribuut zonder naam voor '='");
    ++i;  // '='
    if (IsBlank(ava.type.back()) || IsBlank(ava.type.front()) || (i < n && IsBlank(text[i])))
      return BadSubject(
          "spaties rond '=' (zoals in de standaarduitvoer van openssl x509 -subject, die de "
          "onderdelen in omgekeerde volgorde geeft); gebruik openssl x509 -noout -subject "
          "-nameopt RFC2253, of geef het certificaat zelf (--certificaat)");
    if (i < n && text[i] == '#')
      return BadSubject(
          "hexadecimale waarden (#...) worden niet ondersteund; geef het certificaat zelf "
          "(--certificaat)");
    // The value, up to an unescaped separator or '+'.
    size_t kept = 0;  // length of ava.value up to and including its last escaped character
    while (i < n && text[i] != sep && text[i] != '+') {
      const char c = text[i];
      if (c == '\\') {
        if (i + 1 >= n) return BadSubject("'\\' aan het eind");
        const int hi = HexValue(text[i + 1]);
        const int lo = i + 2 < n ? HexValue(text[i + 2]) : -1;
        if (hi >= 0 && lo >= 0) {
          ava.value.push_back(static_cast<char>(hi * 16 + lo));
          i += 3;
        } else if (std::string(" ,+\"\\<>;=#/").find(text[i + 1]) != std::string::npos) {
          ava.value.push_back(text[i + 1]);
          i += 2;
        } else {
          return BadSubject(std::string("onbekende escape '\\") + text[i + 1] + "'");
        }
        kept = ava.value.size();
        continue;
      }
      if (rfc && std::string("\"<>;").find(c) != std::string::npos)
        return BadSubject(std::string("'") + c + "' in een waarde moet met '\\' ervoor");
      ava.value.push_back(c);
      if (!IsBlank(c)) kept = ava.value.size();
      ++i;
    }
    if (rfc) ava.value.resize(kept);
    if (ava.value.empty()) return BadSubject("lege waarde voor " + ava.type);
    rdn.push_back(std::move(ava));
    if (i < n && text[i] == '+') {
      ++i;
      continue;
    }
    rdns->push_back(std::move(rdn));
    rdn.clear();
    if (i >= n) return Status::Ok();
    ++i;  // the separator
    if (i >= n) return BadSubject(std::string("'") + sep + "' aan het eind");
  }
}

// The object for an attribute type: an OpenSSL short or long name ("CN", "commonName") or a
// dotted OID; names also in another case ("cn", "emailaddress").
ASN1_OBJECT* AttributeType(const std::string& type) {
  if (ASN1_OBJECT* obj = OBJ_txt2obj(type.c_str(), 0)) return obj;
  ERR_clear_error();
  // The names of the attribute types found in subjects, to find them in any case.
  // clang-format off
  static const char* const kNames[] = {
      "CN", "O", "OU", "L", "ST", "C", "DC", "UID", "SN", "GN", "emailAddress", "serialNumber",
      "organizationIdentifier", "title", "street", "postalCode", "businessCategory", "pseudonym",
      "initials", "dnQualifier", "generationQualifier", "name", "description", "givenName",
      "surname", "commonName", "organizationName", "organizationalUnitName", "localityName",
      "stateOrProvinceName", "countryName", "domainComponent", "userId"};
  // clang-format on
  for (const char* known : kNames) {
    if (type.size() != std::char_traits<char>::length(known)) continue;
    bool same = true;
    for (size_t k = 0; k < type.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(type[k])) ==
             std::tolower(static_cast<unsigned char>(known[k]));
    if (same) return OBJ_txt2obj(known, 0);
  }
  return nullptr;
}

// The key's certificate binding in canonical form (store.h): both empty, or a subject with an
// optional fingerprint.
Status CanonicalBinding(const std::string& subject, const std::string& sha256,
                        std::string* canonical_subject, std::string* canonical_sha256) {
  canonical_subject->clear();
  canonical_sha256->clear();
  if (subject.empty()) {
    if (!sha256.empty())
      return Status::InvalidArgument(
          "een certificaatvingerafdruk kan alleen samen met een certificaatsubject",
          "certificate_sha256");
    return Status::Ok();
  }
  if (Status s = CanonicalCertificateSubject(subject, canonical_subject); !s.ok()) return s;
  if (!sha256.empty())
    if (Status s = CanonicalCertificateSha256(sha256, canonical_sha256); !s.ok()) return s;
  return Status::Ok();
}

}  // namespace

Status CanonicalCertificateSubject(const std::string& text, std::string* out) {
  std::string t = text;
  while (!t.empty() && (IsBlank(t.back()) || t.back() == '\n' || t.back() == '\r')) t.pop_back();
  size_t start = 0;
  while (start < t.size() && IsBlank(t[start])) ++start;
  t.erase(0, start);
  if (t.rfind("subject=", 0) == 0) t.erase(0, 8);
  if (t.empty()) return BadSubject("leeg");
  if (t.size() > kMaxSubjectText) return BadSubject("langer dan 4096 tekens");
  const bool slash_form = t[0] == '/';
  std::vector<Rdn> rdns;
  if (Status s = SplitSubject(slash_form ? t.substr(1) : t, slash_form ? '/' : ',', &rdns); !s.ok())
    return s;
  // RFC 4514 lists the most specific RDN first, the certificate (and the slash form) last.
  // OpenSSL prints the attributes inside a multi-valued RDN reversed as well, so that its own
  // output reads back unchanged.
  if (!slash_form) {
    std::reverse(rdns.begin(), rdns.end());
    for (Rdn& rdn : rdns) std::reverse(rdn.begin(), rdn.end());
  }
  std::unique_ptr<X509_NAME, NameFree> name(X509_NAME_new());
  if (name == nullptr) return Status::Internal("geen geheugen voor certificaatsubject");
  for (const Rdn& rdn : rdns) {
    for (size_t k = 0; k < rdn.size(); ++k) {
      const Ava& ava = rdn[k];
      std::unique_ptr<ASN1_OBJECT, ObjectFree> type(AttributeType(ava.type));
      if (type == nullptr) return BadSubject("onbekend attribuut '" + ava.type + "'");
      // set 0: a new RDN at the end; -1: one more attribute in the RDN before it.
      if (X509_NAME_add_entry_by_OBJ(name.get(), type.get(), MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(ava.value.data()),
                                     static_cast<int>(ava.value.size()), -1, k == 0 ? 0 : -1) != 1)
        return BadSubject("waarde van " + ava.type + " niet toegestaan (" + OpenSslReason() + ")");
    }
  }
  return PrintSubject(name.get(), out);
}

Status CanonicalCertificateSha256(const std::string& text, std::string* out) {
  std::string t = text;
  if (const size_t eq = t.find('='); eq != std::string::npos) {
    std::string prefix = t.substr(0, eq);
    for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (prefix.find("sha256") == std::string::npos ||
        prefix.find("fingerprint") == std::string::npos)
      return Status::InvalidArgument(
          "ongeldige certificaatvingerafdruk: '" + prefix + "=' is geen SHA-256-vingerafdruk",
          "certificate_sha256");
    t.erase(0, eq + 1);
  }
  std::string hex;
  for (char c : t) {
    if (c == ':' || IsBlank(c) || c == '\n' || c == '\r') continue;
    if (HexValue(c) < 0)
      return Status::InvalidArgument(
          "ongeldige certificaatvingerafdruk: alleen hexadecimale cijfers en ':'",
          "certificate_sha256");
    hex.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (hex.size() != 64)
    return Status::InvalidArgument("ongeldige certificaatvingerafdruk: SHA-256 heeft 64 "
                                   "hexadecimale cijfers, niet " + std::to_string(hex.size()),
                                   "certificate_sha256");
  *out = std::move(hex);
  return Status::Ok();
}

Status CertificateIdentity(const x509_st* cert, std::string* subject, std::string* sha256) {
  if (cert == nullptr) return Status::Internal("geen certificaat");
  if (Status s = PrintSubject(X509_get_subject_name(cert), subject); !s.ok()) return s;
  if (sha256 == nullptr) return Status::Ok();
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(cert, EVP_sha256(), md, &len) != 1)
    return Status::Internal("kan certificaatvingerafdruk niet berekenen: " + OpenSslReason());
  sha256->clear();
  static const char kHex[] = "0123456789abcdef";
  for (unsigned int k = 0; k < len; ++k) {
    sha256->push_back(kHex[md[k] >> 4]);
    sha256->push_back(kHex[md[k] & 0x0f]);
  }
  return Status::Ok();
}

Status ReadCertificateIdentity(const std::string& path, std::string* subject, std::string* sha256) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_file(path.c_str(), "r"));
  if (bio == nullptr) {
    ERR_clear_error();
    return Status::InvalidArgument("kan certificaat " + path + " niet lezen", "certificate");
  }
  std::unique_ptr<X509, CertFree> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (cert == nullptr) {
    ERR_clear_error();
    return Status::InvalidArgument(path + " bevat geen PEM-certificaat", "certificate");
  }
  return CertificateIdentity(cert.get(), subject, sha256);
}

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
  std::string subject, sha256;
  if (Status s =
          CanonicalBinding(key.certificate_subject, key.certificate_sha256, &subject, &sha256);
      !s.ok()) {
    return s;
  }

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
                                    kCreateKeyColumns +
                                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
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
  insert.BindText(8, subject);
  insert.BindText(9, sha256);
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
  // Asked on every request: cached while the database is unchanged (see BeginRead). Any
  // change to a key (a lock, a failed login, revocation by isi-admin) is a commit, which
  // empties the cache of every connection.
  sqlite::Transaction tx(conn_.get());
  if (Status s = BeginRead(&tx); !s.ok()) return s;
  if (auto it = keys_.find(key_id); it != keys_.end()) {
    *out = it->second;
    return tx.Commit();
  }
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
  if (keys_.size() >= kMaxCachedKeys) keys_.clear();
  keys_[key_id] = key;
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

Status SqliteStore::SetKeyCertificate(const std::string& key_id, const std::string& subject,
                                      const std::string& sha256) {
  std::string canonical_subject, canonical_sha256;
  if (Status s = CanonicalBinding(subject, sha256, &canonical_subject, &canonical_sha256); !s.ok())
    return s;
  sqlite::Stmt update;
  if (Status s = conn_->Prepare(
          "UPDATE applicatiesleutels SET certificaat_subject = ?2, certificaat_sha256 = ?3 "
          "WHERE key_id = ?1",
          &update);
      !s.ok()) {
    return s;
  }
  update.BindText(1, key_id);
  update.BindText(2, canonical_subject);
  update.BindText(3, canonical_sha256);
  if (Status s = update.Run(); !s.ok()) return s;
  if (conn_->Changes() == 0) return Status::NotFound("applicatiesleutel niet gevonden");
  return Status::Ok();
}

}  // namespace isi
