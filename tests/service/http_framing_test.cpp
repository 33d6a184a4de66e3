// RequestFramer (service/http_framing.h): where a request ends, fed in any pieces; what is
// handed over unframed; Expect: 100-continue.
#include <catch2/catch.hpp>

#include <string>

#include "service/http_framing.h"

using isi::FramingLimits;
using isi::RequestFramer;
using State = RequestFramer::State;

namespace {

std::string Post(const std::string& body, const std::string& extra = "") {
  return "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\n" + extra +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Feeds `bytes` in pieces of `step` bytes, as a connection would deliver them.
State FeedInSteps(RequestFramer& f, const std::string& bytes, size_t step) {
  State s = State::kIncomplete;
  for (size_t from = 0; from < bytes.size() && s == State::kIncomplete; from += step)
    s = f.Feed(bytes.data(), from, std::min(bytes.size(), from + step));
  return s;
}

}  // namespace

TEST_CASE("RequestFramer: a request is complete exactly at its last byte, in any pieces", "[framing]") {
  const std::string request = Post("<a>" + std::string(3000, 'x') + "</a>");
  for (size_t step : {size_t{1}, size_t{7}, size_t{100}, request.size()}) {
    INFO("step " << step);
    RequestFramer f(FramingLimits{});
    CHECK(FeedInSteps(f, request.substr(0, request.size() - 1), step) == State::kIncomplete);
    CHECK(f.started());
    CHECK(f.Feed(request.data(), request.size() - 1, request.size()) == State::kComplete);
    CHECK(f.request_length() == request.size());
  }
}

TEST_CASE("RequestFramer: pipelined requests are framed one at a time", "[framing]") {
  const std::string first = Post("<a/>");
  const std::string get = "GET /?wsdl HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string both = first + get + "POST / HT";
  RequestFramer f(FramingLimits{});
  REQUIRE(f.Feed(both.data(), 0, both.size()) == State::kComplete);
  CHECK(f.request_length() == first.size());
  const std::string rest = both.substr(first.size());
  f.Reset();
  CHECK_FALSE(f.started());
  REQUIRE(f.Feed(rest.data(), 0, rest.size()) == State::kComplete);
  CHECK(f.request_length() == get.size());  // a GET has no body
}

TEST_CASE("RequestFramer: a chunked body ends with its last chunk", "[framing]") {
  const std::string request =
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\n<a>x<\r\n3\r\n/a>\r\n0\r\n\r\n";
  RequestFramer f(FramingLimits{});
  CHECK(FeedInSteps(f, request, 3) == State::kComplete);
  CHECK(f.request_length() == request.size());
}

TEST_CASE("RequestFramer: what cannot be framed within the limits is handed over at once", "[framing]") {
  FramingLimits limits;
  limits.max_header_bytes = 1024;
  limits.max_body_bytes = 4096;
  RequestFramer f(limits);
  SECTION("a declared body beyond the limit, before any of it arrives") {
    const std::string head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2147483648\r\n\r\n";
    CHECK(f.Feed(head.data(), 0, head.size()) == State::kHandOver);
  }
  SECTION("a chunk announced beyond the limit") {
    const std::string head =
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFF\r\nab";
    CHECK(f.Feed(head.data(), 0, head.size()) == State::kHandOver);
  }
  SECTION("chunks that add up beyond the limit") {
    std::string bytes = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 5; ++i) bytes += "400\r\n" + std::string(1024, 'x') + "\r\n";
    CHECK(FeedInSteps(f, bytes, 500) == State::kHandOver);
  }
  SECTION("a header that does not end within its limit") {
    const std::string bytes = "POST / HTTP/1.1\r\nX-Long: " + std::string(2000, 'a');
    CHECK(FeedInSteps(f, bytes, 100) == State::kHandOver);
  }
  SECTION("not HTTP") {
    const std::string bytes = "\x16\x03\x01 hello there\r\n\r\n";
    CHECK(f.Feed(bytes.data(), 0, bytes.size()) == State::kHandOver);
  }
  SECTION("request smuggling: Content-Length with Transfer-Encoding") {
    const std::string bytes =
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    CHECK(f.Feed(bytes.data(), 0, bytes.size()) == State::kHandOver);
  }
  SECTION("two different Content-Lengths") {
    const std::string bytes =
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde";
    CHECK(f.Feed(bytes.data(), 0, bytes.size()) == State::kHandOver);
  }
  // Once handed over, it stays so until Reset().
  const std::string more = "x";
  CHECK(f.Feed(more.data(), 0, 1) == State::kHandOver);
}

TEST_CASE("RequestFramer: Expect: 100-continue is noticed once the header is complete", "[framing]") {
  const std::string request = Post(std::string(100, 'x'), "expect:  100-Continue \r\n");
  const size_t header_end = request.find("\r\n\r\n") + 4;
  RequestFramer f(FramingLimits{});
  f.Feed(request.data(), 0, header_end - 2);
  CHECK_FALSE(f.wants_continue());  // the header is not complete yet
  f.Feed(request.data(), header_end - 2, header_end);
  REQUIRE(f.wants_continue());
  CHECK(request.compare(f.expect_name_offset(), 6, "expect") == 0);
  CHECK(f.Feed(request.data(), header_end, request.size()) == State::kComplete);
  CHECK_FALSE(f.wants_continue());  // the body is here

  RequestFramer g(FramingLimits{});
  const std::string plain = Post(std::string(100, 'x'), "X-Expect: 100-continue\r\n");
  g.Feed(plain.data(), 0, plain.find("\r\n\r\n") + 4);
  CHECK_FALSE(g.wants_continue());
}
