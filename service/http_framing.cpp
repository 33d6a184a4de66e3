#include "service/http_framing.h"

#include <http_parser.h>

#include <algorithm>
#include <cctype>
#include <climits>

namespace isi {

struct RequestFramer::Parser {
  http_parser parser;
  http_parser_settings settings;
};

namespace {

RequestFramer* FramerOf(http_parser* p) { return static_cast<RequestFramer*>(p->data); }

std::string Trimmed(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

bool EqualsNoCase(const std::string& a, const char* b) {
  size_t i = 0;
  for (; i < a.size() && b[i] != '\0'; ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return i == a.size() && b[i] == '\0';
}

}  // namespace

RequestFramer::RequestFramer(const FramingLimits& limits)
    : limits_(limits), parser_(std::make_unique<Parser>()) {
  http_parser_settings_init(&parser_->settings);
  parser_->settings.on_header_field = [](http_parser* p, const char* at, size_t n) {
    return OnHeaderField(p, at, n);
  };
  parser_->settings.on_header_value = [](http_parser* p, const char* at, size_t n) {
    return OnHeaderValue(p, at, n);
  };
  parser_->settings.on_headers_complete = [](http_parser* p) { return OnHeadersComplete(p); };
  parser_->settings.on_body = [](http_parser* p, const char* at, size_t n) {
    return OnBody(p, at, n);
  };
  parser_->settings.on_message_complete = [](http_parser* p) { return OnMessageComplete(p); };
  parser_->settings.on_chunk_header = [](http_parser* p) { return OnChunkHeader(p); };
  Reset();
}

RequestFramer::~RequestFramer() = default;

void RequestFramer::Reset() {
  http_parser_init(&parser_->parser, HTTP_REQUEST);
  parser_->parser.data = this;
  state_ = State::kIncomplete;
  fed_ = 0;
  request_length_ = 0;
  headers_complete_ = false;
  body_bytes_ = 0;
  base_ = nullptr;
  field_.clear();
  in_value_ = false;
  field_offset_ = 0;
  expect_value_.clear();
  expect_continue_ = false;
  expect_name_offset_ = 0;
}

bool RequestFramer::wants_continue() const {
  return headers_complete_ && expect_continue_ && state_ == State::kIncomplete;
}

RequestFramer::State RequestFramer::Feed(const char* buffer, size_t from, size_t to) {
  if (state_ != State::kIncomplete || to <= from) return state_;
  base_ = buffer;
  const size_t n = to - from;
  const size_t parsed = http_parser_execute(&parser_->parser, &parser_->settings, buffer + from, n);
  const auto err = static_cast<http_errno>(parser_->parser.http_errno);
  if (state_ == State::kHandOver) {  // a callback found a limit crossed
    fed_ += parsed;
    return state_;
  }
  if (err == HPE_PAUSED) {  // paused by OnMessageComplete: the request ends here
    http_parser_pause(&parser_->parser, 0);
    request_length_ = fed_ + parsed;
    fed_ += parsed;
    state_ = State::kComplete;
    return state_;
  }
  fed_ += parsed;
  if (err != HPE_OK || parsed != n || parser_->parser.upgrade) {
    state_ = State::kHandOver;  // not HTTP we frame: gSOAP will say what is wrong
    return state_;
  }
  if (!headers_complete_ && fed_ > limits_.max_header_bytes) state_ = State::kHandOver;
  return state_;
}

int RequestFramer::OnHeaderField(void* p, const char* at, size_t length) {
  RequestFramer* f = FramerOf(static_cast<http_parser*>(p));
  if (f->in_value_) f->EndHeaderLine();
  if (f->field_.empty()) f->field_offset_ = static_cast<size_t>(at - f->base_);
  if (f->field_.size() < 32) f->field_.append(at, std::min<size_t>(length, 32 - f->field_.size()));
  return 0;
}

int RequestFramer::OnHeaderValue(void* p, const char* at, size_t length) {
  RequestFramer* f = FramerOf(static_cast<http_parser*>(p));
  f->in_value_ = true;
  if (EqualsNoCase(f->field_, "expect") && f->expect_value_.size() < 64)
    f->expect_value_.append(at, std::min<size_t>(length, 64 - f->expect_value_.size()));
  return 0;
}

void RequestFramer::EndHeaderLine() {
  if (EqualsNoCase(field_, "expect")) {
    expect_continue_ = EqualsNoCase(Trimmed(expect_value_), "100-continue");
    expect_name_offset_ = field_offset_;
  }
  field_.clear();
  expect_value_.clear();
  in_value_ = false;
}

int RequestFramer::OnHeadersComplete(void* p) {
  auto* hp = static_cast<http_parser*>(p);
  RequestFramer* f = FramerOf(hp);
  if (f->in_value_) f->EndHeaderLine();
  f->headers_complete_ = true;
  // A declared body beyond the limit is not waited for: the input guard refuses it (413) from
  // the header. (A header beyond its limit that came all at once is framed; the guard refuses
  // it with 431.)
  if ((hp->flags & F_CHUNKED) == 0 && hp->content_length != ULLONG_MAX &&
      hp->content_length > f->limits_.max_body_bytes) {
    f->state_ = State::kHandOver;
    return -1;  // stop parsing; Feed() sees kHandOver
  }
  return 0;
}

int RequestFramer::OnBody(void* p, const char*, size_t length) {
  RequestFramer* f = FramerOf(static_cast<http_parser*>(p));
  f->body_bytes_ += length;
  if (f->body_bytes_ > f->limits_.max_body_bytes) {
    f->state_ = State::kHandOver;
    return 1;  // stop
  }
  return 0;
}

int RequestFramer::OnChunkHeader(void* p) {
  auto* hp = static_cast<http_parser*>(p);
  RequestFramer* f = FramerOf(hp);
  // A chunk announced beyond the limit is not waited for (hp->content_length: its size).
  if (hp->content_length > f->limits_.max_body_bytes - std::min(f->body_bytes_, f->limits_.max_body_bytes)) {
    f->state_ = State::kHandOver;
    return -1;
  }
  return 0;
}

int RequestFramer::OnMessageComplete(void* p) {
  http_parser_pause(static_cast<http_parser*>(p), 1);
  return 0;
}

}  // namespace isi
