#include "service/paging.h"

#include <openssl/evp.h>

#include "store/audit_chain.h"

#include <charconv>
#include <vector>

namespace isi {
namespace {

constexpr char kSep = '\x1f';  // unit separator: cannot occur in BSNs, codes, dates or names

// The first 8 hex digits of the SHA-256 of `text`: enough to tell queries apart.
std::string Sha256Hex8(const std::string& text) { return Sha256Hex(text).substr(0, 8); }

std::string Base64Url(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

bool FromBase64Url(std::string in, std::string* out) {
  for (char& c : in) {
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
    else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  const size_t pad = (4 - in.size() % 4) % 4;
  if (pad == 3) return false;
  in.append(pad, '=');
  std::string buf(in.size() / 4 * 3 + 1, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(buf.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  if (n < 0) return false;
  buf.resize(static_cast<size_t>(n) - pad);
  *out = std::move(buf);
  return true;
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == kSep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

template <typename T>
std::string Opt(const std::optional<T>& v) {
  if (!v) return "-";
  if constexpr (std::is_same_v<T, Date>) return v->ToString();
  else if constexpr (std::is_same_v<T, std::string>) return *v;
  else return Token(*v);
}

Status BadToken(const char* field) {
  return Status::InvalidArgument(
      std::string(field) + " is ongeldig of hoort niet bij deze zoekvraag; begin opnieuw zonder " + field,
      field);
}

// Decodes "<prefix><base64url(payload)>" and checks the fingerprint in its last part.
bool Open(const std::string& token, const char* prefix, const std::string& fingerprint,
          std::vector<std::string>* parts) {
  const std::string p(prefix);
  if (token.size() > 1000 || token.rfind(p, 0) != 0) return false;
  std::string payload;
  if (!FromBase64Url(token.substr(p.size()), &payload)) return false;
  *parts = Split(payload);
  return !parts->empty() && parts->back() == fingerprint;
}

}  // namespace

std::string Fingerprint(const PersoonSelectie& s) {
  return Sha256Hex8("p|" + s.gemeentecode + "|" + Opt(s.geboortedatum_vanaf) + "|" +
                    Opt(s.geboortedatum_tot_en_met) + "|" + Opt(s.geslacht) + "|" +
                    Opt(s.nationaliteit) + "|" + Opt(s.herkomst) + "|" + Opt(s.verblijf));
}

std::string Fingerprint(const SignaalSelectie& s) {
  return Sha256Hex8("s|" + s.gemeentecode + "|" + Opt(s.bsn) + "|" + Opt(s.anummer) + "|" +
                    Opt(s.code) + "|" + Opt(s.datum_vanaf) + "|" + Opt(s.datum_tot_en_met) + "|" +
                    Opt(s.status) + "|" + Token(s.sortering) + "|" + (s.aflopend ? "d" : "a"));
}

std::string EncodePersonenToken(const std::string& last_bsn, const std::string& fingerprint) {
  return "p1." + Base64Url(last_bsn + kSep + fingerprint);
}

Status DecodePersonenToken(const std::string& token, const std::string& fingerprint,
                           const char* field, std::string* last_bsn) {
  std::vector<std::string> parts;
  if (!Open(token, "p1.", fingerprint, &parts) || parts.size() != 2 || parts[0].size() != 9)
    return BadToken(field);
  *last_bsn = parts[0];
  return Status::Ok();
}

std::string EncodeSignalenToken(const SignaalPositie& position, const std::string& fingerprint) {
  return "s1." + Base64Url(position.sorteerwaarde + kSep + std::to_string(position.id) + kSep +
                           fingerprint);
}

Status DecodeSignalenToken(const std::string& token, const std::string& fingerprint,
                           const char* field, SignaalPositie* position) {
  std::vector<std::string> parts;
  if (!Open(token, "s1.", fingerprint, &parts) || parts.size() != 3) return BadToken(field);
  int64_t id = 0;
  auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), id);
  if (ec != std::errc() || end != parts[1].data() + parts[1].size() || id <= 0) return BadToken(field);
  position->sorteerwaarde = parts[0];
  position->id = id;
  return Status::Ok();
}

std::string EncodeWijzigingenToken(int64_t since) { return "w1." + std::to_string(since); }

Status DecodeWijzigingenToken(const std::string& token, const char* field, int64_t* since) {
  if (token.rfind("w1.", 0) != 0 || token.size() > 24) return BadToken(field);
  const char* begin = token.data() + 3;
  const char* end = token.data() + token.size();
  int64_t v = -1;
  auto [p, ec] = std::from_chars(begin, end, v);
  if (ec != std::errc() || p != end || v < 0) return BadToken(field);
  *since = v;
  return Status::Ok();
}

}  // namespace isi
