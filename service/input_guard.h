// InputGuard: checks every received byte before gSOAP parses it.
//
// gSOAP skips a DOCTYPE silently (turning entities into 0x7F), reads invalid UTF-8 as Latin-1,
// inflates gzip bodies without bound, parses an element with thousands of attributes in
// quadratic time, accepts any number of HTTP header lines and reads a declared 2 GB body up
// to its own limit. SOAP forbids DTDs, the contract is UTF-8, and we accept no compressed
// requests. The guard refuses all of these before the parser sees them:
//   - in the HTTP header: a line longer than, or a header larger than, the limits, or more
//     header fields than allowed: 431;
//   - a declared Content-Length or a chunk size above the body limit, or a (chunked) body
//     that grows beyond it: 413; Content-Encoding other than identity: 415;
//   - in the body: a DTD (kIsiErrorDtd), invalid UTF-8 (kIsiErrorUtf8), an element with more
//     attributes than allowed (kIsiErrorAttributes).
// service/fault.cpp maps each onto an OngeldigVerzoek fault; the HTTP ones keep their status.
//
// gSOAP also reads past the end of a Content-Length body when the XML in it is incomplete,
// waiting for the receive timeout. The guard ends the body where Content-Length says it ends,
// so a truncated message gets its fault at once.
//
// Finally the guard enforces the xs:pattern facets of the contract, which gSOAP leaves to a
// callback (soap->fsvalidate): a value that does not match fails with SOAP_PATTERN and the
// fault names the element.
#pragma once

#include <cstddef>
#include <cstdint>

struct soap;

namespace isi {

// gSOAP error codes of our own, set by the guard. They must stay below SOAP_STOP (1000) and
// above the HTTP range: gSOAP silently drops a connection on codes >= SOAP_STOP.
inline constexpr int kIsiErrorDtd = 901;
inline constexpr int kIsiErrorUtf8 = 902;
inline constexpr int kIsiErrorAttributes = 904;

// HTTP statuses the guard answers with (gSOAP sends them as the status of the fault).
inline constexpr int kHttpBadRequest = 400;
inline constexpr int kHttpPayloadTooLarge = 413;
inline constexpr int kHttpUnsupportedMediaType = 415;
inline constexpr int kHttpHeaderTooLarge = 431;

// What one request may be. The defaults are those of isi-server (service/config.h).
struct InputGuardLimits {
  uint64_t max_body_bytes = 64 * 1024;  // the body after the HTTP header (de-chunked)
  size_t max_header_bytes = 8 * 1024;   // the HTTP request line plus all header lines
  int max_header_fields = 50;           // header lines after the request line
  int max_attributes = 64;              // attributes (namespace declarations included) per element
};

class InputGuard {
 public:
  // Forget any partial state (call when a new connection starts). The limits stay.
  void Reset() {
    const InputGuardLimits limits = limits_;
    *this = InputGuard();
    limits_ = limits;
  }
  void set_limits(const InputGuardLimits& limits) { limits_ = limits; }
  const InputGuardLimits& limits() const { return limits_; }

  // Starts counting the bytes of a new request on the same connection (keep-alive).
  void StartRequest() {
    phase_ = Phase::kBody;
    bytes_ = 0;
    violation_ = 0;
    body_limited_ = false;
    body_bytes_ = 0;
    chunked_ = false;
  }
  // A new HTTP message begins: the bytes that follow are its header (the installed hooks call
  // this when gSOAP starts to receive). Until then, and after EndHeader(), bytes are body.
  void BeginHeader() {
    Reset();
    phase_ = Phase::kHeader;
  }
  // gSOAP has parsed the header: what follows is the body (`ok`), or nothing more is judged
  // because the header was refused.
  void EndHeader(bool ok) { phase_ = ok ? Phase::kBody : Phase::kRefused; }
  // The body is chunked: chunk sizes are checked by ScanChunkFraming.
  void SetChunked() {
    chunked_ = true;
    chunk_state_ = ChunkState::kSize;
    chunk_size_ = 0;
  }

  // The HTTP header said Content-Length `length`; `buffered` body bytes were already read
  // along with the header.
  void SetBodyLength(uint64_t length, uint64_t buffered) {
    body_limited_ = true;
    body_remaining_ = length > buffered ? length - buffered : 0;
  }
  // How many more bytes may be read for this request's body (SIZE_MAX when unbounded).
  size_t BodyAllowance(size_t want) const {
    if (!body_limited_) return want;
    return body_remaining_ < want ? static_cast<size_t>(body_remaining_) : want;
  }
  void ConsumeBody(size_t n) {
    if (body_limited_) body_remaining_ = n < body_remaining_ ? body_remaining_ - n : 0;
  }
  // The error Scan() last returned for this request (0: none). gSOAP sometimes replaces the
  // error of a failed read with its own; this keeps the real reason.
  int violation() const { return violation_; }
  // Records a violation found outside Scan (an oversized declared body, a chunk size); nothing
  // more of this request is judged, so the first reason stands.
  int Refuse(int error) {
    phase_ = Phase::kRefused;
    return violation_ = error;
  }
  // Bytes scanned since Reset() or StartRequest().
  size_t bytes_seen() const { return bytes_; }

  // Scans the next received bytes: header bytes (after BeginHeader) against the header limits,
  // body bytes as XML. Returns 0 or the error of the first violation:
  //   431 for the header limits; 413 when the body grows beyond max_body_bytes;
  //   kIsiErrorDtd when a "<!" other than a comment or CDATA section appears;
  //   kIsiErrorUtf8 for invalid UTF-8 (overlong forms, surrogates, code points above
  //   U+10FFFF) and for C0 control characters that XML 1.0 forbids;
  //   kIsiErrorAttributes when one element has more than max_attributes attributes.
  // Sequences split across calls are handled. Bytes after the end of the header in the same
  // call are not judged: gSOAP hands them over again once it has parsed the header.
  int Scan(const char* data, size_t n) {
    bytes_ += n;
    if (phase_ == Phase::kHeaderDone || phase_ == Phase::kRefused) return 0;
    int rc = phase_ == Phase::kHeader ? ScanHeader(data, n) : ScanBody(data, n);
    if (rc != 0) violation_ = rc;
    return rc;
  }
  // Follows the chunk framing of raw (still chunked) body bytes; 413 for a chunk size above
  // max_body_bytes. No-op unless SetChunked() was called for this request.
  int ScanChunkFraming(const char* data, size_t n);

 private:
  // kHeaderDone: the header ended, gSOAP parses it; kRefused: it was refused.
  enum class Phase { kBody, kHeader, kHeaderDone, kRefused };
  enum class ChunkState { kSize, kExtension, kSizeEnd, kData, kDataEnd, kTrailer };
  int ScanHeader(const char* data, size_t n);
  int ScanBody(const char* data, size_t n);

  InputGuardLimits limits_;
  Phase phase_ = Phase::kBody;
  // UTF-8
  int need_ = 0;  // continuation bytes still expected
  unsigned char lo_ = 0x80, hi_ = 0xBF;
  // markup: 0 nothing, 1 after '<', 2 after "<!", 3 inside a start tag
  int markup_ = 0;
  char quote_ = 0;           // inside a start tag: the quote of the attribute value we are in
  bool after_space_ = false;  // inside a start tag: whitespace (or a closing quote) came last
  bool want_value_ = false;   // inside a start tag: '=' came, the value has not started yet
  int attributes_ = 0;        // attributes of the current start tag
  // header
  size_t header_bytes_ = 0;
  int header_fields_ = -1;
  size_t line_bytes_ = 0;
  int header_end_ = 0;  // how much of "\r\n\r\n" (or "\n\n") was seen
  // body
  size_t bytes_ = 0;
  uint64_t body_bytes_ = 0;
  int violation_ = 0;
  bool body_limited_ = false;
  uint64_t body_remaining_ = 0;
  bool chunked_ = false;
  ChunkState chunk_state_ = ChunkState::kSize;
  uint64_t chunk_size_ = 0;
};

// True when the guard of the connection `soap` serves has seen any bytes: the peer sent
// (part of) a request, as opposed to a connection that was opened and left silent.
bool RequestBytesSeen(struct soap* soap);

// The violation the guard of `soap`'s connection found in the current request (0: none).
int GuardViolation(struct soap* soap);

// Checks `value` against the XML Schema pattern `pattern` (anchored at both ends, as XSD
// patterns are). Supports the XSD regex subset the contract uses: literals, character classes
// with ranges and escapes (\d, \-, \., ...), groups, alternatives and the quantifiers ? * +
// {n} {n,m}; matching is bytewise, so classes must be ASCII. Returns true on a match; false
// otherwise and for a pattern outside the subset (fail closed). Compiled patterns are cached
// per thread.
bool MatchesXsdPattern(const char* pattern, const char* value);

// Installs the guard on `soap`: the fprepareinitrecv, fpreparerecv, fparsehdr, fparse and
// frecv hooks, and fsvalidate for xs:pattern. `get` returns the guard of the connection that
// `soap` currently serves, or null for a context that serves no connection. `limits` apply to
// every guard the hooks see (the last installation wins: one set per process).
void InstallInputGuard(struct soap* soap, InputGuard* (*get)(struct soap*),
                       const InputGuardLimits& limits = InputGuardLimits());

}  // namespace isi
