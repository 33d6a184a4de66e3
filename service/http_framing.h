// RequestFramer: where one HTTP/1.1 request ends in the bytes a connection delivers.
//
// The server reads requests without a worker (service/server.h): a client that sends slowly
// holds a connection slot, never a thread. The framer tells when the bytes read so far hold a
// whole request (request line, header, and the body by Content-Length or chunked framing), so
// the request can be handed to a worker that parses it from memory. It frames, it does not
// judge: gSOAP and the input guard (service/input_guard.h) still parse and refuse the request
// with the right fault. So when a limit is crossed before the request is whole (a header too
// large, a declared or chunked body too long) or the bytes are not HTTP, the framer says
// kHandOver: the worker then answers from what has arrived (413, 431, a fault) and the
// connection closes.
//
// Parsing is done by Debian's http-parser (nodejs/http-parser 2.9), which also refuses
// request smuggling (Content-Length together with Transfer-Encoding, duplicate lengths).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace isi {

struct FramingLimits {
  size_t max_header_bytes = 8 * 1024;  // request line and header
  uint64_t max_body_bytes = 64 * 1024;  // declared or de-chunked
};

class RequestFramer {
 public:
  enum class State {
    kIncomplete,  // more bytes needed
    kComplete,    // a whole request: request_length() bytes from its first byte
    kHandOver,    // not framable within the limits: hand over what there is, then close
  };

  explicit RequestFramer(const FramingLimits& limits);
  ~RequestFramer();
  RequestFramer(const RequestFramer&) = delete;
  RequestFramer& operator=(const RequestFramer&) = delete;

  // Frames the bytes buffer[from, to) of a buffer that holds this request from offset 0 (the
  // bytes before `from` were fed earlier). Once kComplete or kHandOver, further calls return
  // the same state until Reset().
  State Feed(const char* buffer, size_t from, size_t to);

  // Starts on the next request (pipelined bytes are fed again by the caller).
  void Reset();

  State state() const { return state_; }
  // Bytes of the request, from its first byte; valid when kComplete.
  size_t request_length() const { return request_length_; }
  // Whether any byte of this request has been fed.
  bool started() const { return fed_ > 0; }
  // The header is complete and asked "Expect: 100-continue", and the body has not all come.
  bool wants_continue() const;
  // Offset of the name of the Expect header line, when wants_continue().
  size_t expect_name_offset() const { return expect_name_offset_; }

 private:
  struct Parser;
  static int OnHeaderField(void* parser, const char* at, size_t length);
  static int OnHeaderValue(void* parser, const char* at, size_t length);
  static int OnHeadersComplete(void* parser);
  static int OnBody(void* parser, const char* at, size_t length);
  static int OnChunkHeader(void* parser);
  static int OnMessageComplete(void* parser);
  void EndHeaderLine();

  FramingLimits limits_;
  std::unique_ptr<Parser> parser_;
  State state_ = State::kIncomplete;
  size_t fed_ = 0;  // bytes of this request fed so far
  size_t request_length_ = 0;
  bool headers_complete_ = false;
  uint64_t body_bytes_ = 0;

  // The header line being parsed (only its name's start and a short lower-case prefix matter).
  const char* base_ = nullptr;  // the buffer of the current Feed()
  std::string field_;           // lower-case name, truncated
  bool in_value_ = false;
  size_t field_offset_ = 0;
  std::string expect_value_;
  bool expect_continue_ = false;
  size_t expect_name_offset_ = 0;
};

}  // namespace isi
