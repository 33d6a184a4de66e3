// InputGuard: checks every received byte before gSOAP parses it.
//
// gSOAP skips a DOCTYPE silently (turning entities into 0x7F), reads invalid UTF-8 as Latin-1
// and inflates gzip bodies without bound. SOAP forbids DTDs, the contract is UTF-8, and we
// accept no compressed requests. The guard refuses all three before the parser sees them:
// the request then fails with kIsiErrorDtd / kIsiErrorUtf8 / 415, which service/fault.cpp
// maps onto an OngeldigVerzoek fault.
//
// gSOAP also reads past the end of a Content-Length body when the XML in it is incomplete,
// waiting for the receive timeout. The guard ends the body where Content-Length says it ends,
// so a truncated message gets its fault at once.
#pragma once

#include <cstddef>
#include <cstdint>

struct soap;

namespace isi {

// gSOAP error codes of our own, set by the guard. They must stay below SOAP_STOP (1000) and
// above the HTTP range: gSOAP silently drops a connection on codes >= SOAP_STOP.
inline constexpr int kIsiErrorDtd = 901;
inline constexpr int kIsiErrorUtf8 = 902;

class InputGuard {
 public:
  // Forget any partial state (call when a new connection starts).
  void Reset() { *this = InputGuard(); }
  // Starts counting the bytes of a new request on the same connection (keep-alive).
  void StartRequest() {
    bytes_ = 0;
    violation_ = 0;
    body_limited_ = false;
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
  // Bytes scanned since Reset() or StartRequest().
  size_t bytes_seen() const { return bytes_; }
  // Scans the next bytes of the stream. Returns 0, kIsiErrorDtd when a "<!" other than a
  // comment or CDATA section appears, or kIsiErrorUtf8 for invalid UTF-8 (overlong forms,
  // surrogates, code points above U+10FFFF) and for C0 control characters that XML 1.0
  // forbids. Sequences split across calls are handled.
  int Scan(const char* data, size_t n) {
    int rc = ScanBytes(data, n);
    if (rc != 0) violation_ = rc;
    return rc;
  }

 private:
  int ScanBytes(const char* data, size_t n);

  int need_ = 0;  // continuation bytes still expected
  unsigned char lo_ = 0x80, hi_ = 0xBF;
  int markup_ = 0;  // 0: nothing, 1: after '<', 2: after "<!"
  size_t bytes_ = 0;
  int violation_ = 0;
  bool body_limited_ = false;
  uint64_t body_remaining_ = 0;
};

// True when the guard of the connection `soap` serves has seen any bytes: the peer sent
// (part of) a request, as opposed to a connection that was opened and left silent.
bool RequestBytesSeen(struct soap* soap);

// Installs the guard on `soap` (fpreparerecv, fparsehdr, fparse and frecv hooks). `get` returns the guard of
// the connection that `soap` currently serves, or null for a context that serves no connection.
void InstallInputGuard(struct soap* soap, InputGuard* (*get)(struct soap*));

}  // namespace isi
