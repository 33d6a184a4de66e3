#include "tools/admin_support.h"

#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <ctime>
#include <optional>

#include "model/date.h"

namespace isi::admin {

bool ParseUint64(std::string_view text, uint64_t* out) {
  if (text.empty() || text.size() > 20) return false;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return false;
    value = value * 10 + digit;
  }
  *out = value;
  return true;
}

bool ParseInt64(std::string_view text, int64_t* out) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  uint64_t magnitude = 0;
  if (!ParseUint64(text, &magnitude)) return false;
  const uint64_t limit = negative ? static_cast<uint64_t>(INT64_MAX) + 1 : INT64_MAX;
  if (magnitude > limit) return false;
  if (negative) {
    *out = magnitude == limit ? INT64_MIN : -static_cast<int64_t>(magnitude);
  } else {
    *out = static_cast<int64_t>(magnitude);
  }
  return true;
}

std::vector<std::string> SplitCommas(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    size_t start = 0;
    while (start <= item.size()) {
      size_t comma = item.find(',', start);
      if (comma == std::string::npos) comma = item.size();
      if (comma > start) out.push_back(item.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}

Status ParseRoles(const std::vector<std::string>& items, std::vector<int>* roles) {
  roles->clear();
  for (const auto& piece : SplitCommas(items)) {
    uint64_t role = 0;
    if (!ParseUint64(piece, &role) || (role != 2 && role != 3 && role != 5 && role != 6))
      return Status::InvalidArgument(
          "ongeldige rol '" + piece + "': rollen zijn 2, 3, 5 en 6 (bijvoorbeeld --roles 2,3,5,6)",
          "roles");
    roles->push_back(static_cast<int>(role));
  }
  if (roles->empty())
    return Status::InvalidArgument("geef minstens één rol op (2, 3, 5 of 6)", "roles");
  std::sort(roles->begin(), roles->end());
  roles->erase(std::unique(roles->begin(), roles->end()), roles->end());
  return Status::Ok();
}

std::string JsonQuote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string JoinInts(const std::vector<int>& values, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += separator;
    out += std::to_string(values[i]);
  }
  return out;
}

std::string FormatUtc(int64_t unix_seconds) {
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return std::to_string(unix_seconds);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Status ParsePeriod(std::string_view van, std::string_view tot, int64_t* from, int64_t* to) {
  const std::optional<Date> begin = Date::Parse(van);
  if (!begin)
    return Status::InvalidArgument(
        "--van moet een datum JJJJ-MM-DD zijn, niet '" + std::string(van) + "'", "van");
  const std::optional<Date> end = Date::Parse(tot);
  if (!end)
    return Status::InvalidArgument(
        "--tot moet een datum JJJJ-MM-DD zijn, niet '" + std::string(tot) + "'", "tot");
  if (*end <= *begin)
    return Status::InvalidArgument("--tot (" + end->ToString() +
                                       ", niet inbegrepen) moet na --van (" + begin->ToString() +
                                       ") liggen",
                                   "tot");
  constexpr int64_t kSecondsPerDay = 86'400;
  *from = begin->ToDays() * kSecondsPerDay;
  *to = end->ToDays() * kSecondsPerDay;
  return Status::Ok();
}

std::string CsvField(std::string_view text) {
  std::string field;
  if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                        text.front() == '@' || text.front() == '\t' || text.front() == '\r'))
    field += '\'';
  field += text;
  if (field.find_first_of(";\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string AuditCsvHeader() {
  return "id;at;key_id;gemeentecode;operation;bsn;outcome;prev_hash;hash\n";
}

std::string AuditCsvLine(const AuditRecord& r) {
  std::string line = std::to_string(r.id);
  for (const std::string& field : {FormatUtc(r.at), r.key_id, r.gemeentecode, r.operation, r.bsn,
                                   r.outcome, r.prev_hash, r.hash}) {
    line += ';';
    line += CsvField(field);
  }
  line += '\n';
  return line;
}

std::string AuditJson(const AuditRecord& r) {
  return "{\"id\": " + std::to_string(r.id) + ", \"at\": " + JsonQuote(FormatUtc(r.at)) +
         ", \"key_id\": " + JsonQuote(r.key_id) +
         ", \"gemeentecode\": " + JsonQuote(r.gemeentecode) +
         ", \"operation\": " + JsonQuote(r.operation) + ", \"bsn\": " + JsonQuote(r.bsn) +
         ", \"outcome\": " + JsonQuote(r.outcome) + ", \"prev_hash\": " + JsonQuote(r.prev_hash) +
         ", \"hash\": " + JsonQuote(r.hash) + "}";
}

Status OpenSslRandomBytes(unsigned char* out, size_t n) {
  if (n > static_cast<size_t>(INT_MAX) || RAND_bytes(out, static_cast<int>(n)) != 1)
    return Status::Internal("OpenSSL RAND_bytes faalde");
  return Status::Ok();
}

Status NewKeyCredentials(const std::string& gemeentecode, const RandomBytes& random,
                         KeyCredentials* out) {
  unsigned char id[8];
  if (Status s = random(id, sizeof id); !s.ok()) return s;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key_id = "ak_" + gemeentecode + "_";
  for (unsigned char b : id) {
    key_id += kHex[b >> 4];
    key_id += kHex[b & 0x0f];
  }

  // Rejection sampling: only bytes below the largest multiple of the alphabet size are used,
  // so every character is equally likely.
  const size_t n = kPasswordAlphabet.size();
  const size_t limit = 256 - 256 % n;
  std::string password;
  unsigned char buf[64];
  while (password.size() < kPasswordLength) {
    if (Status s = random(buf, sizeof buf); !s.ok()) return s;
    for (unsigned char b : buf) {
      if (b >= limit || password.size() == kPasswordLength) continue;
      password += kPasswordAlphabet[b % n];
    }
  }
  out->key_id = std::move(key_id);
  out->password = std::move(password);
  return Status::Ok();
}

}  // namespace isi::admin
