#include "service/input_guard.h"

#include <regex.h>
#include <strings.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>

#include "isiH.h"

namespace isi {
namespace {

std::atomic<InputGuard* (*)(struct soap*)> g_get_guard{nullptr};
std::atomic<int (*)(struct soap*, const char*, const char*)> g_default_parsehdr{nullptr};
std::atomic<int (*)(struct soap*)> g_default_parse{nullptr};
std::atomic<size_t (*)(struct soap*, char*, size_t)> g_default_recv{nullptr};
std::atomic<int (*)(struct soap*)> g_default_prepareinitrecv{nullptr};
// Written once by InstallInputGuard before any connection is served.
InputGuardLimits g_limits;

InputGuard* GuardFor(struct soap* soap) {
  auto get = g_get_guard.load();
  return get != nullptr ? get(soap) : nullptr;
}

// gSOAP starts to receive a message: its HTTP header comes first.
int PrepareInitRecv(struct soap* soap) {
  if (InputGuard* guard = GuardFor(soap)) {
    guard->set_limits(g_limits);
    guard->BeginHeader();
  }
  auto fallback = g_default_prepareinitrecv.load();
  return fallback != nullptr ? fallback(soap) : SOAP_OK;
}

int PrepareRecv(struct soap* soap, const char* data, size_t n) {
  InputGuard* guard = GuardFor(soap);
  return guard == nullptr ? SOAP_OK : guard->Scan(data, n);
}

// After the HTTP header: refuse a declared body above the limit, remember where the body
// ends, and follow the chunk framing of a chunked one.
int ParseHttp(struct soap* soap) {
  int rc = g_default_parse.load()(soap);
  InputGuard* guard = GuardFor(soap);
  if (guard == nullptr) return rc;
  // gSOAP also parses a response's status line: "GET 200" or "XYZ 306" would leave status 200
  // or 306 (and sometimes that error) and be answered with that status. A request's status is a
  // method (SOAP_POST and up); anything else is a bad request.
  if (soap->status > 0 && soap->status < SOAP_POST && (rc == SOAP_OK || rc == soap->status)) {
    guard->EndHeader(false);
    soap->status = SOAP_POST;  // answer as to a request, not as a response to a response
    return guard->Refuse(kHttpBadRequest);
  }
  guard->EndHeader(rc == SOAP_OK);
  if (rc != SOAP_OK) return rc;
  const size_t buffered = soap->buflen - soap->bufidx;
  if (soap->imode & SOAP_IO_CHUNK) {
    guard->SetChunked();
    return guard->ScanChunkFraming(soap->buf + soap->bufidx, buffered);
  }
  if (soap->length > guard->limits().max_body_bytes) return guard->Refuse(kHttpPayloadTooLarge);
  if (soap->length > 0) guard->SetBodyLength(soap->length, buffered);
  return rc;
}

// Never read beyond the declared body: at its end the parser sees EOF at once. Nothing more is
// read of a request the guard refused (a chunk size above the limit, a DTD, ...): the fault then
// reports the violation, and a refused 5 MB body is not read to its end.
size_t Recv(struct soap* soap, char* buf, size_t len) {
  InputGuard* guard = GuardFor(soap);
  if (guard == nullptr) return g_default_recv.load()(soap, buf, len);
  if (guard->violation() != 0) return 0;
  size_t allowed = guard->BodyAllowance(len);
  if (allowed == 0) return 0;
  size_t n = g_default_recv.load()(soap, buf, allowed);
  guard->ConsumeBody(n);
  if (n > 0 && guard->ScanChunkFraming(buf, n) != 0) return 0;
  return n;
}

// Compressed request bodies are refused outright (415) instead of being inflated.
int ParseHeader(struct soap* soap, const char* key, const char* val) {
  if (strcasecmp(key, "Content-Encoding") == 0 && strcasecmp(val, "identity") != 0)
    return kHttpUnsupportedMediaType;
  if (strcasecmp(key, "Transfer-Encoding") == 0 && strcasecmp(val, "chunked") != 0)
    return kHttpUnsupportedMediaType;
  auto fallback = g_default_parsehdr.load();
  return fallback != nullptr ? fallback(soap, key, val) : SOAP_OK;
}

// xs:pattern: gSOAP passes the pattern of the schema type with every string it reads.
int ValidatePattern(struct soap*, const char* pattern, const char* value) {
  if (pattern == nullptr || MatchesXsdPattern(pattern, value != nullptr ? value : "")) return SOAP_OK;
  return SOAP_PATTERN;
}

bool IsSpace(unsigned char b) { return b == ' ' || b == '\t' || b == '\n' || b == '\r'; }

int HexDigit(unsigned char b) {
  if (b >= '0' && b <= '9') return b - '0';
  if (b >= 'a' && b <= 'f') return b - 'a' + 10;
  if (b >= 'A' && b <= 'F') return b - 'A' + 10;
  return -1;
}

// --- xs:pattern -> POSIX extended regular expression ---------------------------------------

// Appends the bracket expression for an XSD character class body [p, end of class).
// Returns false for what the subset does not cover (class subtraction, \p{..}, ...).
bool TranslateClass(const char*& p, std::string* out) {
  std::string items;
  bool negated = false, dash = false, bracket = false, caret = false;
  if (*p == '^') {
    negated = true;
    ++p;
  }
  for (; *p != '\0'; ++p) {
    const char c = *p;
    if (c == ']') {
      if (items.empty() && !dash && !bracket && !caret) return false;  // "[]"
      if (items.empty() && caret && !dash && !bracket) return false;    // would read as negation
      *out += '[';
      if (negated) *out += '^';
      if (bracket) *out += ']';  // a literal ']' must come first
      *out += items;
      if (caret) *out += '^';  // a literal '^' must not come first
      if (dash) *out += '-';   // a literal '-' must come last
      *out += ']';
      return true;
    }
    if (c == '[') return false;  // subtraction: not in the subset
    if (c == '-' && (items.empty() || p[1] == ']')) {
      dash = true;
      continue;
    }
    if (c == '\\') {
      const char e = *++p;
      switch (e) {
        case 'd': items += "0-9"; break;
        case 's': items += " \t\n\r"; break;
        case 'n': items += '\n'; break;
        case 'r': items += '\r'; break;
        case 't': items += '\t'; break;
        case '-': dash = true; break;
        case ']': bracket = true; break;
        case '^': caret = true; break;
        case '\\': case '.': case '[': case '{': case '}': case '(': case ')':
        case '*': case '+': case '?': case '|': case '$':
          items += e;  // literal inside a bracket expression
          break;
        default: return false;
      }
      continue;
    }
    if (c == '^') {
      caret = true;
      continue;
    }
    items += c;  // a character or a range ("A-Z")
  }
  return false;  // no closing ']'
}

bool TranslatePattern(const char* xsd, std::string* out) {
  *out = "^(";
  for (const char* p = xsd; *p != '\0'; ++p) {
    const char c = *p;
    if (c == '[') {
      ++p;
      if (!TranslateClass(p, out)) return false;
    } else if (c == '\\') {
      const char e = *++p;
      switch (e) {
        case 'd': *out += "[0-9]"; break;
        case 's': *out += "[ \t\n\r]"; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case '-': *out += '-'; break;
        case '\\': case '.': case '[': case ']': case '{': case '}': case '(': case ')':
        case '*': case '+': case '?': case '|': case '^': case '$':
          *out += '\\';
          *out += e;
          break;
        default: return false;
      }
    } else if (c == '.') {
      *out += "[^\n\r]";  // XSD's '.' is any character but a line end
    } else if (c == '^' || c == '$') {
      *out += '\\';  // no anchors in XSD: literal characters
      *out += c;
    } else {
      *out += c;  // literals, ( ) | and the quantifiers ? * + {n,m} mean the same in ERE
    }
  }
  *out += ")$";
  return true;
}

// A compiled pattern (RAII around regex_t); `ok` false when it is outside the subset.
struct CompiledPattern {
  regex_t re{};
  bool ok = false;
  explicit CompiledPattern(const char* xsd) {
    std::string ere;
    ok = TranslatePattern(xsd, &ere) && regcomp(&re, ere.c_str(), REG_EXTENDED | REG_NOSUB) == 0;
  }
  ~CompiledPattern() {
    if (ok) regfree(&re);
  }
  CompiledPattern(const CompiledPattern&) = delete;
  CompiledPattern& operator=(const CompiledPattern&) = delete;
};

}  // namespace

bool MatchesXsdPattern(const char* pattern, const char* value) {
  // Per thread: regexec on a shared regex_t takes a lock in glibc. The contract has a handful
  // of patterns, so the cache stays small.
  thread_local std::unordered_map<std::string, std::unique_ptr<CompiledPattern>> cache;
  auto it = cache.find(pattern);
  if (it == cache.end())
    it = cache.emplace(pattern, std::make_unique<CompiledPattern>(pattern)).first;
  const CompiledPattern& compiled = *it->second;
  return compiled.ok && regexec(&compiled.re, value, 0, nullptr, 0) == 0;
}

int InputGuard::ScanHeader(const char* data, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const auto b = static_cast<unsigned char>(data[i]);
    if (++header_bytes_ > limits_.max_header_bytes) return kHttpHeaderTooLarge;
    if (b == '\r') continue;
    if (b != '\n') {
      ++line_bytes_;
      continue;
    }
    if (line_bytes_ == 0) {  // the empty line: the header ends here
      phase_ = Phase::kHeaderDone;  // judge nothing more until gSOAP has parsed the header
      return 0;
    }
    line_bytes_ = 0;
    if (++header_fields_ > limits_.max_header_fields) return kHttpHeaderTooLarge;
  }
  return 0;
}

int InputGuard::ScanChunkFraming(const char* data, size_t n) {
  if (!chunked_ || phase_ != Phase::kBody) return 0;
  for (size_t i = 0; i < n; ++i) {
    const auto b = static_cast<unsigned char>(data[i]);
    switch (chunk_state_) {
      case ChunkState::kSize:
        if (int d = HexDigit(b); d >= 0) {
          chunk_size_ = chunk_size_ * 16 + static_cast<uint64_t>(d);
          if (chunk_size_ > limits_.max_body_bytes) return Refuse(kHttpPayloadTooLarge);
        } else if (b == ';') {
          chunk_state_ = ChunkState::kExtension;
        } else if (b == '\r') {
          chunk_state_ = ChunkState::kSizeEnd;
        } else if (b == '\n') {
          chunk_state_ = chunk_size_ == 0 ? ChunkState::kTrailer : ChunkState::kData;
        }
        break;
      case ChunkState::kExtension:
      case ChunkState::kSizeEnd:
        if (b == '\n') chunk_state_ = chunk_size_ == 0 ? ChunkState::kTrailer : ChunkState::kData;
        break;
      case ChunkState::kData: {
        const uint64_t take = std::min<uint64_t>(chunk_size_, n - i);
        chunk_size_ -= take;
        i += static_cast<size_t>(take) - 1;
        if (chunk_size_ == 0) chunk_state_ = ChunkState::kDataEnd;
        break;
      }
      case ChunkState::kDataEnd:
        if (b == '\n') chunk_state_ = ChunkState::kSize;
        break;
      case ChunkState::kTrailer:
        return 0;
    }
  }
  return 0;
}

int InputGuard::ScanBody(const char* data, size_t n) {
  body_bytes_ += n;
  if (body_bytes_ > limits_.max_body_bytes) return kHttpPayloadTooLarge;
  for (size_t i = 0; i < n; ++i) {
    const auto b = static_cast<unsigned char>(data[i]);
    if (need_ > 0) {
      if (b < lo_ || b > hi_) return kIsiErrorUtf8;
      lo_ = 0x80;
      hi_ = 0xBF;
      --need_;
      continue;  // a continuation byte changes no markup state
    }
    if (b < 0x80) {
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') return kIsiErrorUtf8;
    } else if (b >= 0xC2 && b <= 0xDF) {
      need_ = 1;
    } else if (b == 0xE0) {
      need_ = 2, lo_ = 0xA0;
    } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
      need_ = 2;
    } else if (b == 0xED) {
      need_ = 2, hi_ = 0x9F;  // no UTF-16 surrogates
    } else if (b == 0xF0) {
      need_ = 3, lo_ = 0x90;
    } else if (b >= 0xF1 && b <= 0xF3) {
      need_ = 3;
    } else if (b == 0xF4) {
      need_ = 3, hi_ = 0x8F;  // nothing above U+10FFFF
    } else {
      return kIsiErrorUtf8;
    }
    // Markup, on the first byte of each character (a lead byte stands for its character).
    switch (markup_) {
      case 0:
        if (b == '<') markup_ = 1;
        break;
      case 1:  // after '<'
        if (b == '!') {
          markup_ = 2;
        } else if (b == '/' || b == '?') {
          markup_ = 0;  // an end tag or a processing instruction: no attributes to count
        } else if (b != '<') {
          markup_ = 3;  // a start tag: its name begins
          quote_ = 0;
          after_space_ = want_value_ = false;
          attributes_ = 0;
        }
        break;
      case 2:  // after "<!": only a comment or a CDATA section may follow
        if (b != '-' && b != '[') return kIsiErrorDtd;
        markup_ = 0;
        break;
      default:  // inside a start tag: count the attribute names
        if (quote_ != 0) {
          if (b == static_cast<unsigned char>(quote_)) quote_ = 0, after_space_ = true;
        } else if (b == '>') {
          markup_ = 0;
        } else if (IsSpace(b)) {
          after_space_ = true;
        } else if (b == '=') {
          want_value_ = true, after_space_ = false;
        } else if (b == '"' || b == '\'') {
          quote_ = static_cast<char>(b), want_value_ = after_space_ = false;
        } else if (b == '/') {
          after_space_ = false;
        } else if (want_value_) {
          want_value_ = after_space_ = false;  // an unquoted value, not a name
        } else if (after_space_) {
          after_space_ = false;
          if (++attributes_ > limits_.max_attributes) return kIsiErrorAttributes;
        }
        break;
    }
  }
  return 0;
}

bool RequestBytesSeen(struct soap* soap) {
  InputGuard* guard = GuardFor(soap);
  return guard != nullptr && guard->bytes_seen() > 0;
}

int GuardViolation(struct soap* soap) {
  InputGuard* guard = GuardFor(soap);
  return guard != nullptr ? guard->violation() : 0;
}

void InstallInputGuard(struct soap* soap, InputGuard* (*get)(struct soap*),
                       const InputGuardLimits& limits) {
  g_get_guard.store(get);
  g_limits = limits;
  if (soap->fparsehdr != ParseHeader) {
    g_default_parsehdr.store(soap->fparsehdr);
    soap->fparsehdr = ParseHeader;
  }
  if (soap->fparse != ParseHttp) {
    g_default_parse.store(soap->fparse);
    soap->fparse = ParseHttp;
  }
  if (soap->frecv != Recv) {
    g_default_recv.store(soap->frecv);
    soap->frecv = Recv;
  }
  if (soap->fprepareinitrecv != PrepareInitRecv) {
    g_default_prepareinitrecv.store(soap->fprepareinitrecv);
    soap->fprepareinitrecv = PrepareInitRecv;
  }
  soap->fpreparerecv = PrepareRecv;
  soap->fsvalidate = ValidatePattern;
}

}  // namespace isi
