// InputGuard: the byte scanner that refuses DTDs, invalid UTF-8 and forbidden control
// characters before gSOAP parses them, the Content-Length body limit, and the gSOAP hooks.
#include "service/input_guard.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <sstream>
#include <string>

#include "isiH.h"

using namespace isi;

namespace {

// Scans `bytes` in one call on a fresh guard.
int ScanOnce(const std::string& bytes) {
  InputGuard guard;
  return guard.Scan(bytes.data(), bytes.size());
}

// Scans `first` and then `second` on the same guard; returns the second call's result.
int ScanSplit(const std::string& first, const std::string& second, int* first_rc = nullptr) {
  InputGuard guard;
  int rc = guard.Scan(first.data(), first.size());
  if (first_rc != nullptr) *first_rc = rc;
  return guard.Scan(second.data(), second.size());
}

// The guard of a context is kept in soap->user (the same getter in every test file, because
// InstallInputGuard remembers one getter for the whole process).
InputGuard* GuardFromUser(struct soap* soap) { return static_cast<InputGuard*>(soap->user); }

// A bare gSOAP context, freed on destruction.
struct Context {
  struct soap* soap = soap_new();
  ~Context() {
    soap_destroy(soap);
    soap_end(soap);
    soap_free(soap);
  }
};

}  // namespace

TEST_CASE("InputGuard: valid UTF-8 with Dutch and Arabic text passes", "[service]") {
  CHECK(ScanOnce("<Naam>Ali\xC3\xABn Ru\xC3\xAF"
                 "s</Naam>") == 0);                                  // Aliën Ruïs
  CHECK(ScanOnce("\xD8\xA3\xD9\x85\xD9\x8A\xD9\x86\xD8\xA9") == 0);  // Arabic
  CHECK(ScanOnce("\xE2\x82\xAC 125,50") == 0);                       // euro sign (3 bytes)
  CHECK(ScanOnce("\xF0\x9F\x98\x80") == 0);                          // U+1F600 (4 bytes)
  CHECK(ScanOnce("\xF4\x8F\xBF\xBF") == 0);                          // U+10FFFF, the last
  CHECK(ScanOnce("\xEE\x80\x80") == 0);                              // U+E000, after surrogates
}

TEST_CASE("InputGuard: tab, CR and LF are allowed", "[service]") {
  CHECK(ScanOnce("<a>\t1\r\n2\n</a>") == 0);
}

TEST_CASE("InputGuard: invalid UTF-8 is refused", "[service]") {
  SECTION("overlong two-byte form of NUL") { CHECK(ScanOnce("a\xC0\x80") == kIsiErrorUtf8); }
  SECTION("overlong two-byte form with C1") { CHECK(ScanOnce("\xC1\xBF") == kIsiErrorUtf8); }
  SECTION("overlong three-byte form") { CHECK(ScanOnce("\xE0\x80\x80") == kIsiErrorUtf8); }
  SECTION("overlong four-byte form") { CHECK(ScanOnce("\xF0\x8F\xBF\xBF") == kIsiErrorUtf8); }
  SECTION("UTF-16 surrogate") { CHECK(ScanOnce("\xED\xA0\x80") == kIsiErrorUtf8); }
  SECTION("code point above U+10FFFF") { CHECK(ScanOnce("\xF4\x90\x80\x80") == kIsiErrorUtf8); }
  SECTION("lead byte F5") { CHECK(ScanOnce("\xF5\x80\x80\x80") == kIsiErrorUtf8); }
  SECTION("stray continuation byte") { CHECK(ScanOnce("abc\x80") == kIsiErrorUtf8); }
  SECTION("lead byte followed by ASCII") {
    CHECK(ScanOnce("\xC3"
                   "a") == kIsiErrorUtf8);
  }
  SECTION("Latin-1 byte, as an ISO-8859-1 client would send it") {
    CHECK(ScanOnce("Ali\xEBn</Naam>") == kIsiErrorUtf8);
  }
}

TEST_CASE("InputGuard: C0 control characters that XML forbids are refused", "[service]") {
  CHECK(ScanOnce(std::string("a\x01"
                             "b")) == kIsiErrorUtf8);
  CHECK(ScanOnce(std::string("a\x1F")) == kIsiErrorUtf8);
  CHECK(ScanOnce(std::string("a\0b", 3)) == kIsiErrorUtf8);
  CHECK(ScanOnce(std::string("a\x0B")) == kIsiErrorUtf8);  // vertical tab
}

TEST_CASE("InputGuard: a DOCTYPE or ENTITY declaration is refused", "[service]") {
  CHECK(ScanOnce("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]>") == kIsiErrorDtd);
  CHECK(ScanOnce("<!ENTITY a \"b\">") == kIsiErrorDtd);
  CHECK(ScanOnce("<!doctype x>") == kIsiErrorDtd);
  CHECK(ScanOnce("<!\xC3\xA9") == kIsiErrorDtd);  // "<!" followed by a multibyte character
}

TEST_CASE("InputGuard: comments and CDATA sections pass", "[service]") {
  CHECK(ScanOnce("<a><!--comment--><![CDATA[x < y]]></a>") == 0);
  CHECK(ScanOnce("<!-- a -->") == 0);
  CHECK(ScanOnce("<![CDATA[x]]>") == 0);
  CHECK(ScanOnce("a <! b") == kIsiErrorDtd);  // "<!" + space is not a comment either
  CHECK(ScanOnce("<a>!</a>") == 0);           // '!' not right after '<'
}

TEST_CASE("InputGuard: a DOCTYPE split across two reads is refused", "[service]") {
  int first = -1;
  CHECK(ScanSplit("<?xml version=\"1.0\"?><", "!DOCTYPE x>", &first) == kIsiErrorDtd);
  CHECK(first == 0);
  CHECK(ScanSplit("<!", "DOCTYPE x>", &first) == kIsiErrorDtd);
  CHECK(first == 0);
  CHECK(ScanSplit("<!", "-- ok -->") == 0);
  CHECK(ScanSplit("<", "![CDATA[x]]>") == 0);
}

TEST_CASE("InputGuard: a multibyte sequence split across two reads is judged as a whole",
          "[service]") {
  int first = -1;
  SECTION("valid sequence split after the lead byte") {
    CHECK(ScanSplit("Ali\xC3",
                    "\xAB"
                    "n",
                    &first) == 0);
    CHECK(first == 0);
  }
  SECTION("valid four-byte sequence split in the middle") {
    CHECK(ScanSplit("\xF0\x9F", "\x98\x80", &first) == 0);
    CHECK(first == 0);
  }
  SECTION("surrogate split after the lead byte") {
    CHECK(ScanSplit("\xED", "\xA0\x80", &first) == kIsiErrorUtf8);
    CHECK(first == 0);
  }
  SECTION("overlong form split after the lead byte") {
    CHECK(ScanSplit("\xE0", "\x80\x80", &first) == kIsiErrorUtf8);
  }
  SECTION("truncated sequence followed by ASCII in the next read") {
    CHECK(ScanSplit("\xE2\x82", "<", &first) == kIsiErrorUtf8);
    CHECK(first == 0);
  }
}

TEST_CASE("InputGuard: a violation is sticky per request and cleared by StartRequest",
          "[service]") {
  InputGuard guard;
  CHECK(guard.violation() == 0);
  const std::string bad = "<!DOCTYPE x>";
  REQUIRE(guard.Scan(bad.data(), bad.size()) == kIsiErrorDtd);
  CHECK(guard.violation() == kIsiErrorDtd);

  // A later clean read in the same request does not clear the reason.
  guard.Reset();
  const std::string control = "\x01";
  REQUIRE(guard.Scan(control.data(), control.size()) == kIsiErrorUtf8);
  const std::string ok = "abc";
  CHECK(guard.Scan(ok.data(), ok.size()) == 0);
  CHECK(guard.violation() == kIsiErrorUtf8);

  // The next request on the connection starts clean.
  guard.StartRequest();
  CHECK(guard.violation() == 0);
  CHECK(guard.Scan(ok.data(), ok.size()) == 0);
  CHECK(guard.violation() == 0);
}

TEST_CASE("InputGuard: Reset forgets a violation and a half-read sequence", "[service]") {
  InputGuard guard;
  const std::string bad = "\xC0\x80";
  REQUIRE(guard.Scan(bad.data(), bad.size()) == kIsiErrorUtf8);
  guard.Reset();
  CHECK(guard.violation() == 0);

  const std::string lead = "\xC3";
  REQUIRE(guard.Scan(lead.data(), lead.size()) == 0);
  guard.Reset();  // a new connection: the lead byte of the old one is forgotten
  const std::string ascii = "POST";
  CHECK(guard.Scan(ascii.data(), ascii.size()) == 0);
}

TEST_CASE("InputGuard: bytes_seen counts every scanned byte until StartRequest", "[service]") {
  InputGuard guard;
  CHECK(guard.bytes_seen() == 0);
  guard.Scan("POST / HTTP/1.1\r\n", 17);
  guard.Scan("\xC3", 1);
  guard.Scan("\xAB", 1);
  CHECK(guard.bytes_seen() == 19);
  guard.Scan("", 0);
  CHECK(guard.bytes_seen() == 19);
  guard.StartRequest();
  CHECK(guard.bytes_seen() == 0);
  guard.Scan("ab", 2);
  CHECK(guard.bytes_seen() == 2);
  guard.Reset();
  CHECK(guard.bytes_seen() == 0);
}

TEST_CASE("InputGuard: the body is unlimited until SetBodyLength", "[service]") {
  InputGuard guard;
  CHECK(guard.BodyAllowance(4096) == 4096);
  CHECK(guard.BodyAllowance(SIZE_MAX) == SIZE_MAX);
  guard.ConsumeBody(1000000);
  CHECK(guard.BodyAllowance(4096) == 4096);
}

TEST_CASE("InputGuard: the body ends where Content-Length says", "[service]") {
  InputGuard guard;
  SECTION("part of the body was buffered with the header") {
    guard.SetBodyLength(100, 40);
    CHECK(guard.BodyAllowance(4096) == 60);
    CHECK(guard.BodyAllowance(10) == 10);
    guard.ConsumeBody(25);
    CHECK(guard.BodyAllowance(4096) == 35);
    guard.ConsumeBody(35);
    CHECK(guard.BodyAllowance(4096) == 0);
    guard.ConsumeBody(5);  // never wraps below zero
    CHECK(guard.BodyAllowance(4096) == 0);
  }
  SECTION("exactly the whole body was buffered") {
    guard.SetBodyLength(100, 100);
    CHECK(guard.BodyAllowance(4096) == 0);
  }
  SECTION("more than the body was buffered (a pipelined next request)") {
    guard.SetBodyLength(100, 150);
    CHECK(guard.BodyAllowance(4096) == 0);
  }
  SECTION("nothing was buffered") {
    guard.SetBodyLength(100, 0);
    CHECK(guard.BodyAllowance(4096) == 100);
  }
  SECTION("a body larger than size_t reads is capped by the request") {
    guard.SetBodyLength(UINT64_C(1) << 40, 0);
    CHECK(guard.BodyAllowance(4096) == 4096);
  }
  SECTION("StartRequest lifts the limit for the next request") {
    guard.SetBodyLength(10, 10);
    guard.StartRequest();
    CHECK(guard.BodyAllowance(4096) == 4096);
  }
}

TEST_CASE("InputGuard: the installed hooks scan, refuse compression and end the body",
          "[service]") {
  Context ctx;
  InputGuard guard;
  ctx.soap->user = &guard;
  InstallInputGuard(ctx.soap, GuardFromUser);

  SECTION("received bytes are scanned") {
    REQUIRE(ctx.soap->fpreparerecv != nullptr);
    CHECK_FALSE(RequestBytesSeen(ctx.soap));
    CHECK(ctx.soap->fpreparerecv(ctx.soap, "<a>", 3) == 0);
    CHECK(RequestBytesSeen(ctx.soap));
    CHECK(ctx.soap->fpreparerecv(ctx.soap, "<!DOCTYPE", 9) == kIsiErrorDtd);
    CHECK(guard.violation() == kIsiErrorDtd);
  }
  SECTION("a compressed body is refused with 415") {
    CHECK(ctx.soap->fparsehdr(ctx.soap, "Content-Encoding", "gzip") == 415);
    CHECK(ctx.soap->fparsehdr(ctx.soap, "content-encoding", "deflate") == 415);
    CHECK(ctx.soap->fparsehdr(ctx.soap, "Transfer-Encoding", "gzip, chunked") == 415);
    CHECK(ctx.soap->fparsehdr(ctx.soap, "Content-Encoding", "identity") != 415);
    CHECK(ctx.soap->fparsehdr(ctx.soap, "Transfer-Encoding", "chunked") != 415);
  }
  SECTION("reads stop at the end of the declared body") {
    std::istringstream in("0123456789abcdefghij");
    ctx.soap->is = &in;
    guard.SetBodyLength(12, 0);
    char buf[64];
    CHECK(ctx.soap->frecv(ctx.soap, buf, sizeof buf) == 12);
    CHECK(std::string(buf, 12) == "0123456789ab");
    CHECK(ctx.soap->frecv(ctx.soap, buf, sizeof buf) == 0);
    ctx.soap->is = nullptr;
  }
  SECTION("installing twice keeps the hooks working (no self-recursion)") {
    InstallInputGuard(ctx.soap, GuardFromUser);
    CHECK(ctx.soap->fparsehdr(ctx.soap, "Content-Encoding", "gzip") == 415);
    std::istringstream in("abc");
    ctx.soap->is = &in;
    char buf[8];
    CHECK(ctx.soap->frecv(ctx.soap, buf, sizeof buf) == 3);
    ctx.soap->is = nullptr;
  }
  ctx.soap->user = nullptr;
}

TEST_CASE("InputGuard: a context that serves no connection is not guarded", "[service]") {
  Context ctx;
  InstallInputGuard(ctx.soap, GuardFromUser);  // soap->user is null: no guard
  CHECK_FALSE(RequestBytesSeen(ctx.soap));
  CHECK(ctx.soap->fpreparerecv(ctx.soap, "<!DOCTYPE", 9) == 0);
}
