// Hardening (issue 7): hostile input against the real isi-server over real TLS. Every test
// asserts behaviour (a fault with our catalogue code, an HTTP status, a refused handshake,
// bounded memory); measured times are printed, never asserted.
//
//   1  DOCTYPE in any form                      5  xs:pattern and other facets; injection strings
//   2  hostile XML structures                   6  HTTP methods, Server header, SOAPAction
//   3  oversized requests, bounded memory       8  TLS versions, suites, compression, renegotiation,
//   4  compressed / non-SOAP / SOAP 1.2 bodies     mutual TLS; sslscan when installed
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "store/password.h"
#include "store/store.h"
#include "tests/support/fixtures.h"
#include "tests/support/raw_tls.h"
#include "tests/support/test_env.h"

using namespace isi;
using namespace isi::testing;

namespace {

const char kBsn[] = "111222333";  // person of Almere (0034)
const char kANummer[] = "4020209358";
const char kKey[] = "ak_0034_hardening";
const char kPassword[] = "hardening-test-password-0034";
const char kNs[] = "urn:nl:isi-koppeling:berichten_v1";

std::string Action(const std::string& operation) { return std::string(kNs) + "#" + operation; }

struct World {
  TempDir dir;
  std::string store_path = dir.File("isi.db");
  std::string certs = dir.File("certs");
  std::string ca_file = dir.File("certs/ca.pem");
  std::unique_ptr<ServerProcess> server;

  World() {
    MakeDevCerts(certs);
    std::unique_ptr<Store> store;
    StoreOptions options;
    options.create_if_missing = true;
    Require(OpenSqliteStore(store_path, options, &store));
    Signaal s;
    s.code = "SS001";
    s.status = SignaalStatus::kNieuw;
    s.datum = {2013, 8, 26};
    s.bsn = kBsn;
    s.gemeentecode = "0034";
    Require(store->InsertPersons({RichDossier(kBsn, kANummer, "0034")}, {s}));
    ApplicationKey key;
    key.key_id = kKey;
    key.gemeentecode = "0034";
    key.roles = {6};  // every operation
    key.created_at = 1700000000;
    Require(HashPassword(kPassword, &key.password_hash));
    Require(store->CreateKey(key));
    store.reset();
    server = std::make_unique<ServerProcess>(store_path, certs, std::vector<std::string>{"--workers", "2"});
  }
  static void Require(const Status& s) {
    if (!s.ok()) throw std::runtime_error("test setup: " + s.ToString());
  }
  TlsOptions Tls() const {
    TlsOptions o;
    o.ca_file = ca_file;
    return o;
  }
};

World& W() {
  static World world;
  return world;
}

// One answer of the server, with the parts of a fault picked out.
struct Answer {
  std::string text;
  int status = 0;
  std::string code;         // <isi:Code> of the detail
  std::string faultstring;  // SOAP 1.1 faultstring or SOAP 1.2 Reason/Text
  std::string veld;         // <isi:Veld>
  double ms = 0;
};

// The text between the first `open` (from `from` on; an open ending in '>' may carry attributes
// when given without it) and the next `close` after it; "" when either is missing. Plain string
// search: std::regex recurses once per character and overflows the stack on the 60k answers
// under AddressSanitizer.
std::string Between(const std::string& text, const std::string& open, const std::string& close,
                    size_t from = 0) {
  size_t at = text.find(open, from);
  if (at == std::string::npos) return "";
  at += open.size();
  if (open.back() != '>') {  // "<tag" with attributes: skip to the end of the start tag
    at = text.find('>', at);
    if (at == std::string::npos) return "";
    ++at;
  }
  const size_t end = text.find(close, at);
  return end == std::string::npos ? "" : text.substr(at, end - at);
}

Answer Parse(std::string text, double ms) {
  Answer a;
  a.text = std::move(text);
  a.status = HttpStatus(a.text);
  a.code = Between(a.text, "<isi:Fout><isi:Code>", "</isi:Code>");
  a.faultstring = Between(a.text, "<faultstring>", "</faultstring>");
  if (a.faultstring.empty()) a.faultstring = Between(a.text, "<SOAP-ENV:Text", "</SOAP-ENV:Text>");
  a.veld = Between(a.text, "<isi:Veld>", "</isi:Veld>");
  a.ms = ms;
  return a;
}

// Sends raw bytes on a new TLS connection (in `parts`, one write each) and reads the answer.
Answer SendRaw(const std::vector<std::string>& parts) {
  const auto start = std::chrono::steady_clock::now();
  TlsConnection c(W().server->port(), W().Tls());
  REQUIRE(c.ok());
  for (const auto& p : parts)
    if (!c.Send(p)) break;  // the server may refuse early and close
  std::string text = c.ReadUntilClose();
  const std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
  return Parse(std::move(text), ms.count());
}

Answer Post(const std::string& body, const std::string& action = Action("RaadplegenPersoon")) {
  return SendRaw({SoapPost(body, kKey, kPassword, action)});
}

// A POST whose header carries `extra` header lines (each ending in CRLF) and Content-Length
// `declared` (default: the body's size).
std::string PostWith(const std::string& body, const std::string& extra, long long declared = -1) {
  std::string req = SoapPost(body, kKey, kPassword, Action("RaadplegenPersoon"));
  const auto end = req.find("\r\n\r\n");
  std::string header = req.substr(0, end + 2);
  if (declared >= 0)
    header = std::regex_replace(header, std::regex("Content-Length: [0-9]+"),
                                "Content-Length: " + std::to_string(declared));
  return header + extra + "\r\n" + req.substr(end + 4);
}

std::string Envelope(const std::string& inner, const std::string& prolog =
                                                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>") {
  return prolog +
         "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:isi=\"urn:nl:isi-koppeling:berichten_v1\"><s:Body>" +
         inner + "</s:Body></s:Envelope>";
}

const std::string kLookup = std::string("<isi:RaadplegenPersoon><isi:Gemeentecode>0034</isi:Gemeentecode><isi:BSN>") +
                            kBsn + "</isi:BSN></isi:RaadplegenPersoon>";

// The lookup with `x` inserted right after the operation's start tag.
std::string LookupWith(const std::string& x) {
  std::string inner = kLookup;
  inner.insert(std::string("<isi:RaadplegenPersoon>").size(), x);
  return Envelope(inner);
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Distinct attribute names a, b, ..., Z, aa, ab, ...
std::string Attributes(size_t n) {
  const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out;
  for (size_t i = 0, len = 1, count = 0; count < n; ++i) {
    size_t pow = 1;
    for (size_t k = 0; k < len; ++k) pow *= letters.size();
    if (i == pow) {
      i = 0;
      ++len;
    }
    std::string name;
    for (size_t k = 0, v = i; k < len; ++k, v /= letters.size()) name += letters[v % letters.size()];
    out += " " + name + "=\"\"";
    ++count;
  }
  return out;
}

void Print(std::string what, const Answer& a) {
  what.erase(std::remove_if(what.begin(), what.end(), [](char c) { return c == '\r' || c == '\n'; }), what.end());
  std::printf("[hardening] %-48s HTTP %d %-16s %8.1f ms  %s\n", what.c_str(), a.status, a.code.c_str(),
              a.ms, a.faultstring.substr(0, 70).c_str());
  std::fflush(stdout);
}

// The request was refused with a catalogue fault (never an empty reply, never InterneFout).
void CheckRefused(const Answer& a) {
  INFO(a.text.substr(0, 600));
  CHECK(a.status >= 400);
  CHECK(a.code == "OngeldigVerzoek");
  CHECK(a.text.find("Fault>") != std::string::npos);
}

// The normal lookup still works.
void CheckStillServing() {
  Answer a = Post(Envelope(kLookup));
  INFO(a.text.substr(0, 400));
  CHECK(a.status == 200);
  CHECK(a.text.find(std::string("<isi:BSN>") + kBsn + "</isi:BSN>") != std::string::npos);
}

long RssKb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// A loopback TCP listener that should never be contacted (the target of external entities).
class Tripwire {
 public:
  Tripwire() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 8) != 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error("tripwire listener failed");
    port_ = ntohs(addr.sin_port);
    ::fcntl(fd_, F_SETFL, O_NONBLOCK);
  }
  ~Tripwire() { ::close(fd_); }
  Tripwire(const Tripwire&) = delete;
  Tripwire& operator=(const Tripwire&) = delete;
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
  }
  // Connections made to it so far.
  int Contacts() {
    int n = 0;
    for (int s; (s = ::accept(fd_, nullptr, nullptr)) >= 0; ++n) ::close(s);
    return n;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace

// --- 1. DTDs ------------------------------------------------------------------------------

TEST_CASE("Hardening: a DOCTYPE in any form is refused as a DTD and nothing is fetched", "[hardening][dtd]") {
  Tripwire tripwire;
  const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  const std::string inner = kLookup;
  auto with = [&](const std::string& dtd, const std::string& gemeente = "0034") {
    std::string i = inner;
    i.replace(i.find("0034"), 4, gemeente);
    return Envelope(i, decl + dtd);
  };
  std::string lol = "<!ENTITY lol0 \"lol\">";
  for (int i = 1; i <= 9; ++i)
    lol += "<!ENTITY lol" + std::to_string(i) + " \"" + Repeat("&lol" + std::to_string(i - 1) + ";", 10) + "\">";
  const struct {
    const char* name;
    std::string body;
  } cases[] = {
      {"external entity (http)", with("<!DOCTYPE x [<!ENTITY e SYSTEM \"" + tripwire.Url("xxe") + "\">]>", "&e;")},
      {"external entity (file)", with("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;")},
      {"external DTD", with("<!DOCTYPE x SYSTEM \"" + tripwire.Url("x.dtd") + "\">")},
      {"parameter entity", with("<!DOCTYPE x [<!ENTITY % p SYSTEM \"" + tripwire.Url("p.dtd") + "\"> %p;]>")},
      {"billion laughs", with("<!DOCTYPE x [" + lol + "]>", "&lol9;")},
      {"quadratic blowup", with("<!DOCTYPE x [<!ENTITY a \"" + std::string(20000, 'a') + "\">]>",
                                Repeat("&a;", 2000))},
      {"DOCTYPE on its own line", with("\n<!DOCTYPE x>\n")},
      {"lower case doctype", with("<!doctype x>")},
      {"mixed case and spaces", with("  <!DocType   x  >")},
      {"space after <!", with("<! DOCTYPE x>")},
      {"after a comment", with("<!-- hi --><!DOCTYPE x>")},
      {"after a byte order mark", "\xEF\xBB\xBF" + with("<!DOCTYPE x>")},
      {"ENTITY declared inside the body", Envelope("<!ENTITY e \"x\">" + inner)},
      {"inside an element", LookupWith("<!DOCTYPE x>")},
  };
  for (const auto& c : cases) {
    Answer a = Post(c.body);
    Print(std::string("dtd: ") + c.name, a);
    INFO(c.name);
    CheckRefused(a);
    CHECK(a.faultstring == "Een DOCTYPE (DTD) of ENTITY is in SOAP-berichten niet toegestaan");
    CHECK(a.text.find("root:") == std::string::npos);
  }
  SECTION("a DOCTYPE split across two TLS records") {
    const std::string body = with("<!DOCTYPE x>");
    const std::string req = SoapPost(body, kKey, kPassword, Action("RaadplegenPersoon"));
    const auto cut = req.find("<!DOCTYPE") + 1;
    Answer a = SendRaw({req.substr(0, cut), req.substr(cut)});
    CheckRefused(a);
    CHECK(a.faultstring == "Een DOCTYPE (DTD) of ENTITY is in SOAP-berichten niet toegestaan");
  }
  CHECK(tripwire.Contacts() == 0);  // nothing was fetched
  CheckStillServing();
}

// --- 2. Hostile structures ------------------------------------------------------------------

TEST_CASE("Hardening: hostile XML structures get a fault, also just under the size limit", "[hardening][xml]") {
  const size_t limit = 64 * 1024;
  const struct {
    const char* name;
    std::string body;
    int status;           // expected HTTP status
    const char* message;  // expected faultstring (prefix); null: any OngeldigVerzoek
  } cases[] = {
      {"100k deep nesting", LookupWith(Repeat("<a>", 100000)), 413, "Het verzoek is te groot"},
      {"30k unclosed tags", LookupWith(Repeat("<isi:BSN>", 30000)), 413, "Het verzoek is te groot"},
      {"25k attributes on one element", LookupWith("<isi:X" + Attributes(25000) + "/>"), 413, "Het verzoek is te groot"},
      {"25k sibling elements", LookupWith(Repeat("<a/>", 25000)), 413, "Het verzoek is te groot"},
      {"100k-character element name", LookupWith("<" + std::string(100000, 'a') + "/>"), 413, "Het verzoek is te groot"},
      // Under the limit: the parser's own limits and the guard answer.
      {"18k deep nesting (< 64 KiB)", LookupWith(Repeat("<a>", 18000)), 500, nullptr},
      {"6k nested BSN elements (< 64 KiB)", LookupWith(Repeat("<isi:BSN>", 6000)), 500, nullptr},
      {"9,500 attributes (< 64 KiB)",
       Envelope("<isi:RaadplegenPersoon><isi:Gemeentecode" + Attributes(9500) +
                ">0034</isi:Gemeentecode></isi:RaadplegenPersoon>"),
       500, "Een element heeft te veel attributen"},
      {"65 attributes", Envelope("<isi:RaadplegenPersoon" + Attributes(65) + ">" + kLookup.substr(23)), 500,
       "Een element heeft te veel attributen"},
      {"65 namespace declarations",
       Envelope("<isi:RaadplegenPersoon" + std::regex_replace(Attributes(65), std::regex(" ([a-zA-Z]+)="), " xmlns:$1=") + ">" +
                kLookup.substr(23)),
       500, "Een element heeft te veel attributen"},
      {"12k sibling elements (< 64 KiB)", LookupWith(Repeat("<a/>", 12000)), 500, nullptr},
      {"1,200 repeated BSN elements (< 64 KiB)", LookupWith(Repeat(std::string("<isi:BSN>") + kBsn + "</isi:BSN>", 1200)), 500, nullptr},
      {"60k-character element name", LookupWith("<" + std::string(60000, 'a') + "/>"), 500, nullptr},
      {"60k-character value", Envelope(std::regex_replace(kLookup, std::regex("0034"), std::string(60000, '0'))), 500,
       "Een waarde is te lang of te kort"},
  };
  for (const auto& c : cases) {
    Answer a = Post(c.body);
    Print("xml: " + std::string(c.name) + " (" + std::to_string(c.body.size() / 1024) + " KiB)", a);
    INFO(c.name << ", " << c.body.size() << " bytes");
    if (c.status == 500) CHECK(c.body.size() < limit);
    CheckRefused(a);
    CHECK(a.status == c.status);
    if (c.message != nullptr) CHECK_THAT(a.faultstring, Catch::StartsWith(c.message));
  }
  SECTION("64 attributes and a request just under the limit are still served") {
    Answer a = Post(Envelope("<isi:RaadplegenPersoon" + Attributes(60) + ">" + kLookup.substr(23)));
    CHECK(a.status == 200);
    std::string padded = LookupWith("<!--" + std::string(limit - 1200, ' ') + "-->");
    REQUIRE(padded.size() < limit);
    Answer b = Post(padded);
    Print("xml: valid request of " + std::to_string(padded.size()) + " bytes", b);
    CHECK(b.status == 200);
    std::string over = LookupWith("<!--" + std::string(limit, ' ') + "-->");
    Answer c = Post(over);
    CheckRefused(c);
    CHECK(c.status == 413);
  }
  CheckStillServing();
}

// --- 3. Oversized requests -------------------------------------------------------------------

TEST_CASE("Hardening: oversized requests are refused early, memory stays bounded", "[hardening][size]") {
  const pid_t pid = W().server->pid();
  for (int i = 0; i < 5; ++i) CheckStillServing();  // warm up: every worker has served
  const long rss_before = RssKb(pid);
  const std::string body = Envelope(kLookup);
  const std::string filler = LookupWith("<!--" + std::string(5 * 1024 * 1024, ' ') + "-->");
  auto chunked = [&](const std::string& chunks) {
    std::string req = PostWith("", "Transfer-Encoding: chunked\r\n");
    req = std::regex_replace(req, std::regex("Content-Length: 0\r\n"), "");
    return req + chunks;
  };
  std::string five_mb_chunks;
  for (size_t at = 0; at < filler.size(); at += 8192) {
    const std::string part = filler.substr(at, 8192);
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", part.size());
    five_mb_chunks += size + part + "\r\n";
  }
  five_mb_chunks += "0\r\n\r\n";
  auto header_only = [](const std::string& req) { return req.substr(0, req.find("\r\n\r\n") + 4); };
  std::string many_headers;
  for (int i = 0; i < 2000; ++i) many_headers += "X-H" + std::to_string(i) + ": v\r\n";

  const struct {
    const char* name;
    std::vector<std::string> parts;  // written one after the other
    int status;
  } cases[] = {
      // Only the header is sent: the answer must not wait for the body.
      {"Content-Length 2 GB (header only)", {header_only(PostWith(body, "", 2LL * 1024 * 1024 * 1024))}, 413},
      {"5 MB body with its Content-Length", {PostWith(filler, "")}, 413},
      {"chunked 5 MB body", {chunked(five_mb_chunks)}, 413},
      {"chunk size FFFFFFFFFFFF", {chunked("FFFFFFFFFFFF\r\n" + body)}, 413},
      {"20 KB header line", {PostWith(body, "X-Big: " + std::string(20000, 'a') + "\r\n")}, 431},
      {"2,000 header lines", {PostWith(body, many_headers)}, 431},
  };
  for (int round = 0; round < 3; ++round) {
    for (const auto& c : cases) {
      Answer a = SendRaw(c.parts);
      if (round == 0) Print(std::string("size: ") + c.name, a);
      INFO(c.name);
      CheckRefused(a);
      CHECK(a.status == c.status);
      CHECK_THAT(a.faultstring, Catch::StartsWith(c.status == 413 ? "Het verzoek is te groot" : "De HTTP-header is te groot"));
      CheckStillServing();
    }
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", body.size());
    Answer small = SendRaw({chunked(size + body + "\r\n0\r\n\r\n")});
    CHECK(small.status == 200);  // a small chunked request is served
  }
  const long rss_after = RssKb(pid);
  std::printf("[hardening] server RSS before %ld kB, after the oversized requests %ld kB\n", rss_before, rss_after);
  REQUIRE(rss_before > 0);
#if defined(__SANITIZE_ADDRESS__)
  // Under AddressSanitizer (tools/test-sanitize) freed memory sits in its quarantine and every
  // allocation has shadow memory: growth says nothing about the server's own bound there.
  WARN("AddressSanitizer build: RSS bound not checked");
#else
  CHECK(rss_after - rss_before < 10 * 1024);
#endif
}

// --- 4. Bodies that are not SOAP 1.1 ---------------------------------------------------------

TEST_CASE("Hardening: compressed, non-SOAP, SOAP 1.2 and namespace-less bodies get a clear fault", "[hardening][soap]") {
  const std::string body = Envelope(kLookup);
  SECTION("gzip and deflate are 415") {
    for (const char* header : {"Content-Encoding: gzip\r\n", "Content-Encoding: deflate\r\n", "Content-Encoding: br\r\n",
                               "Transfer-Encoding: gzip, chunked\r\n"}) {
      // The body: gzip magic bytes and binary noise (the header alone decides).
      Answer a = SendRaw({PostWith(std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xfe", 12), header)});
      Print(std::string("soap: ") + header, a);
      INFO(header);
      CheckRefused(a);
      CHECK(a.status == 415);
      CHECK_THAT(a.faultstring, Catch::StartsWith("Niet-ondersteund inhoudstype"));
    }
  }
  SECTION("bodies that are not a SOAP envelope") {
    const struct {
      const char* name;
      std::string body;
      const char* message;
    } cases[] = {
        {"plain text", "hello", "Het bericht is geen SOAP 1.1-envelope"},
        {"JSON", "{\"Gemeentecode\": \"0034\"}", "Het bericht is geen SOAP 1.1-envelope"},
        {"XML, no envelope", "<?xml version=\"1.0\"?><RaadplegenPersoon/>", "Het bericht is geen SOAP 1.1-envelope"},
        {"envelope without namespace",
         "<Envelope><Body><RaadplegenPersoon><Gemeentecode>0034</Gemeentecode></RaadplegenPersoon></Body></Envelope>",
         "Het bericht is geen SOAP 1.1-envelope"},
        {"envelope with an unbound prefix",
         "<s:Envelope><s:Body>" + kLookup + "</s:Body></s:Envelope>", nullptr},
        {"operation without namespace",
         Envelope("<RaadplegenPersoon><Gemeentecode>0034</Gemeentecode></RaadplegenPersoon>"), nullptr},
        {"SOAP 1.2 envelope",
         std::regex_replace(body, std::regex("http://schemas.xmlsoap.org/soap/envelope/"),
                            "http://www.w3.org/2003/05/soap-envelope"),
         "SOAP 1.2 wordt niet ondersteund"},
        {"empty body", "", "Het bericht is leeg"},
        {"only the XML declaration", "<?xml version=\"1.0\"?>", nullptr},
    };
    for (const auto& c : cases) {
      Answer a = Post(c.body);
      Print(std::string("soap: ") + c.name, a);
      INFO(c.name);
      CheckRefused(a);
      if (c.message != nullptr) CHECK_THAT(a.faultstring, Catch::StartsWith(c.message));
    }
  }
  CheckStillServing();
}

// --- 5. Facets and injection -----------------------------------------------------------------

namespace {

// One operation's request: its fields in schema order with a valid value each; a field with
// an empty value is sent only when it is the one under test.
struct Operation {
  std::string name;
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::string> text_fields;  // the string-typed fields (not numbers or booleans)
};

const std::vector<Operation>& Operations() {
  static const std::vector<Operation> ops = {
      {"RaadplegenPersoon", {{"Gemeentecode", "0034"}, {"BSN", kBsn}}, {"Gemeentecode", "BSN"}},
      {"RaadplegenPersoon", {{"Gemeentecode", "0034"}, {"ANummer", kANummer}}, {"ANummer"}},
      {"OnderWelkeWet", {{"Gemeentecode", "0034"}, {"BSN", kBsn}}, {"Gemeentecode", "BSN"}},
      {"ZoekenPersonen",
       {{"Gemeentecode", "0034"}, {"GeboortedatumVanaf", "1970-01-01"}, {"GeboortedatumTotEnMet", "1989-12-31"},
        {"Geslacht", "Vrouw"}, {"Nationaliteit", "Marokkaanse"}, {"Herkomst", "IsiActief"},
        {"Verblijf", "WoonachtigInGemeente"}, {"PaginaGrootte", "20"}, {"Vervolgsleutel", ""}},
       {"Gemeentecode", "GeboortedatumVanaf", "GeboortedatumTotEnMet", "Geslacht", "Nationaliteit", "Herkomst",
        "Verblijf", "Vervolgsleutel"}},
      {"ZoekenSignalen",
       {{"Gemeentecode", "0034"}, {"BSN", kBsn}, {"ANummer", ""}, {"Code", "SS001"}, {"DatumVanaf", "2013-01-01"},
        {"DatumTotEnMet", "2014-01-01"}, {"Status", "Nieuw"}, {"Sortering", "Datum"}, {"Volgorde", "Aflopend"},
        {"PaginaGrootte", "10"}, {"Vervolgsleutel", ""}},
       {"Gemeentecode", "BSN", "Code", "DatumVanaf", "DatumTotEnMet", "Status", "Sortering", "Volgorde",
        "Vervolgsleutel"}},
      {"ZoekenSignaalwijzigingen", {{"Gemeentecode", "0034"}, {"Sinds", ""}, {"Maximum", "100"}},
       {"Gemeentecode", "Sinds"}},
      {"WijzigenSignaalstatus",
       {{"Gemeentecode", "0034"}, {"SignaalId", "999999"}, {"Versie", "1"}, {"NieuweStatus", "InBehandeling"}},
       {"Gemeentecode", "NieuweStatus"}},
      {"OpvragenBestandenlijst", {{"Gemeentecode", "0034"}}, {"Gemeentecode"}},
      {"OphalenBestand", {{"Gemeentecode", "0034"}, {"Naam", "isi_0034.zip"}}, {"Gemeentecode", "Naam"}},
      {"MuterenHandhaving",
       {{"Gemeentecode", "0034"}, {"BSN", kBsn}, {"Versie", "1"}, {"Actie", "Wijzigen"},
        {"BeginHandhaving", ""}, {"EindeHandhavingstermijn", "2014-09-01"}, {"RedenVerlenging", "Ziekte"}},
       {"Gemeentecode", "BSN", "Actie", "BeginHandhaving", "EindeHandhavingstermijn", "RedenVerlenging"}},
      {"MuterenVoorziening",
       {{"Gemeentecode", "0034"}, {"BSN", kBsn}, {"Versie", "1"}, {"Actie", "Registreren"},
        {"AanbodDoorGemeente", "0363"}, {"Doelgroep", "Werkende"}, {"Soort", "Duaal"}, {"IndicatiePib", "false"},
        {"VormDuaalTraject", "InburgeringMetWerk"}, {"DatumStart", "2026-11-02"}, {"DatumEinde", ""},
        {"RedenEinde", ""}},
       {"Gemeentecode", "BSN", "Actie", "AanbodDoorGemeente", "Doelgroep", "Soort", "VormDuaalTraject", "DatumStart",
        "DatumEinde", "RedenEinde"}},
      {"MuterenVrijstelling",
       {{"Gemeentecode", "0034"}, {"BSN", kBsn}, {"Versie", "1"}, {"Actie", "Registreren"}, {"Soort", "Gedeeltelijk"},
        {"DatumStart", "2024-01-01"}, {"DatumEinde", ""}, {"Examenonderdeel", "Taal"}, {"Niveau", "A2"}},
       {"Gemeentecode", "BSN", "Actie", "Soort", "DatumStart", "DatumEinde", "Examenonderdeel", "Niveau"}},
      {"MuterenIndicatie",
       {{"Gemeentecode", "0034"}, {"BSN", kBsn}, {"Versie", "1"}, {"Actie", "Wijzigen"},
        {"Inburgeringsplichtig", "false"}, {"Datum", "2013-01-01"}, {"Reden", "GeheelVrijgesteld"}},
       {"Gemeentecode", "BSN", "Actie", "Datum", "Reden"}},
      {"MuterenOntheffing",
       {{"Gemeentecode", "0034"}, {"BSN", kBsn}, {"Versie", "1"}, {"Actie", "Registreren"},
        {"Soort", "EvidentIngeburgerd"}, {"Datum", "2013-01-01"}},
       {"Gemeentecode", "BSN", "Actie", "Soort", "Datum"}},
  };
  return ops;
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// The operation's request with `field` set to `value` (raw XML text, already escaped).
std::string Request(const Operation& op, const std::string& field, const std::string& value) {
  std::string inner = "<isi:" + op.name + ">";
  for (const auto& [name, valid] : op.fields) {
    const bool tested = name == field;
    if (!tested && valid.empty()) continue;
    inner += "<isi:" + name + ">" + (tested ? value : valid) + "</isi:" + name + ">";
  }
  return Envelope(inner + "</isi:" + op.name + ">");
}

// The dossier's current version (registrations must name it, else they stop at VersieVerouderd
// before their text reaches the store).
std::string CurrentVersie() {
  Answer a = Post(Envelope(kLookup));
  const size_t dossier = a.text.find("<isi:Dossier>");
  return dossier == std::string::npos ? "" : Between(a.text, "<isi:Versie>", "</isi:Versie>", dossier);
}

Answer Call(const Operation& op, const std::string& field, const std::string& value) {
  if (op.name.rfind("Muteren", 0) != 0) return Post(Request(op, field, value), Action(op.name));
  Operation current = op;
  static int extension = 0;  // every extension of the term must end later than the one before
  for (auto& [name, valid] : current.fields) {
    if (name == "Versie") valid = CurrentVersie();
    if (name == "EindeHandhavingstermijn" && name != field) {
      const int n = extension++;
      char date[32];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2015 + n / 300, 1 + n / 25 % 12, 1 + n % 25);
      valid = date;
    }
  }
  return Post(Request(current, field, value), Action(op.name));
}

// The request of operation `name` that has field `field`.
const Operation& Op(const std::string& name, const std::string& field) {
  for (const auto& op : Operations())
    if (op.name == name && std::any_of(op.fields.begin(), op.fields.end(), [&](const auto& f) { return f.first == field; }))
      return op;
  throw std::runtime_error("no operation " + name + " with " + field);
}

}  // namespace

TEST_CASE("Hardening: the valid base request of every operation passes the facets", "[hardening][facets]") {
  for (const auto& op : Operations()) {
    Answer a = Call(op, "", "");
    Print("base: " + op.name, a);
    INFO(op.name << "\n" << a.text.substr(0, 800));
    CHECK(a.status != 0);
    CHECK(a.code != "InterneFout");
    if (a.code == "OngeldigVerzoek") CHECK(a.veld.empty());  // no field of the base is refused
  }
}

TEST_CASE("Hardening: a field outside its pattern, length, enumeration or date is refused naming it",
          "[hardening][facets]") {
  const struct {
    const char* operation;
    const char* field;
    std::string value;
  } cases[] = {
      {"RaadplegenPersoon", "Gemeentecode", "34"},
      {"RaadplegenPersoon", "Gemeentecode", "00341"},
      {"RaadplegenPersoon", "Gemeentecode", "0o34"},
      {"RaadplegenPersoon", "Gemeentecode", ""},
      {"RaadplegenPersoon", "Gemeentecode", " 0034"},
      {"RaadplegenPersoon", "BSN", "11122233"},
      {"RaadplegenPersoon", "BSN", "1112223334"},
      {"RaadplegenPersoon", "BSN", "11122233X"},
      {"RaadplegenPersoon", "BSN", "111222333\n0"},
      {"RaadplegenPersoon", "BSN", "\xD9\xA1\xD9\xA1\xD9\xA1\xD9\xA2\xD9\xA2\xD9\xA2\xD9\xA3\xD9\xA3\xD9\xA3"},  // Arabic-Indic digits
      {"RaadplegenPersoon", "ANummer", "0123456789"},
      {"RaadplegenPersoon", "ANummer", "402020935"},
      {"ZoekenSignalen", "Code", "SX001"},
      {"ZoekenSignalen", "Code", "SS01"},
      {"ZoekenSignalen", "Code", "ss001"},
      {"OphalenBestand", "Naam", "../etc/passwd"},
      {"OphalenBestand", "Naam", ".hidden"},
      {"OphalenBestand", "Naam", "a/b"},
      {"OphalenBestand", "Naam", "a" + std::string(128, 'b')},
      {"OphalenBestand", "Naam", "naam met spatie"},
      {"MuterenVoorziening", "AanbodDoorGemeente", "363"},
      // length
      {"MuterenHandhaving", "RedenVerlenging", std::string(201, 'x')},
      {"ZoekenPersonen", "Nationaliteit", ""},
      {"ZoekenPersonen", "Nationaliteit", std::string(101, 'x')},
      {"ZoekenPersonen", "Vervolgsleutel", std::string(1001, 'x')},
      // enumeration
      {"ZoekenPersonen", "Geslacht", "Anders"},
      {"ZoekenSignalen", "Status", "nieuw"},
      {"MuterenHandhaving", "Actie", "Verwijderen"},
      // date
      {"ZoekenPersonen", "GeboortedatumVanaf", "1970-02-30"},
      {"ZoekenPersonen", "GeboortedatumTotEnMet", "31-12-1989"},
      {"MuterenHandhaving", "EindeHandhavingstermijn", "2014-13-01"},
      {"MuterenIndicatie", "Datum", "gisteren"},
  };
  for (const auto& c : cases) {
    Answer a = Call(Op(c.operation, c.field), c.field, XmlEscape(c.value));
    Print(std::string("facet: ") + c.operation + "/" + c.field + " = " + c.value.substr(0, 16), a);
    INFO(c.operation << " " << c.field << " = '" << c.value << "'\n" << a.text.substr(0, 800));
    CheckRefused(a);
    CHECK(a.veld == c.field);
  }
  SECTION("values that match the patterns pass them") {
    // A file name may start with '-' or '_' and contain dots: not found, but not refused.
    for (const char* naam : {"-x.zip", "_a.b-c", "isi_0034_2026-01-01.csv", "A"}) {
      Answer a = Call(Op("OphalenBestand", "Naam"), "Naam", naam);
      INFO(naam << "\n" << a.text.substr(0, 600));
      CHECK(a.code == "NietGevonden");
    }
  }
}

TEST_CASE("Hardening: injection strings in every string field get a fault or not-found, never a database error",
          "[hardening][injection]") {
  const std::vector<std::string> hostile = {
      "' OR '1'='1",
      "0034' OR 1=1 --",
      "1; DROP TABLE persoon; --",
      "\" OR \"\"=\"",
      "' UNION SELECT sql FROM sqlite_master --",
      "x' AND randomblob(1000000000) AND '1'='1",
      "' or count(//*)>0 or 'a'='a",
      "//*[local-name()='BSN']",
      "<script>alert(1)</script>",
      "${jndi:ldap://127.0.0.1:1/x}",
      "%s%s%s%s%n",
      "../../../../etc/passwd",
      "\\'; SELECT 1; --",
      "\xCE\xA9' OR '\xCE\xA9'='\xCE\xA9",
  };
  // Markers of a leaked database error or stack trace (our inputs contain none of them).
  const std::vector<std::string> leaks = {"SQLITE_", "sqlite3", "no such table", "syntax error", "database is locked",
                                          "constraint failed", "unrecognized token", "std::", "terminate called",
                                          "what():", "<script"};
  int answered = 0, faults = 0;
  for (const auto& op : Operations()) {
    for (const auto& field : op.text_fields) {
      for (const auto& value : hostile) {
        Answer a = Call(op, field, XmlEscape(value));
        INFO(op.name << "/" << field << " = " << value << "\n" << a.text.substr(0, 800));
        if (std::getenv("ISI_HARDENING_VERBOSE")) Print("inject: " + op.name + "/" + field, a);
        REQUIRE(a.status != 0);  // never an empty reply
        if (a.status == 200) {
          CHECK(a.text.find(op.name + "Response") != std::string::npos);
          ++answered;
        } else {
          CHECK(!a.code.empty());
          CHECK(a.code != "InterneFout");
          CHECK(a.code != "TijdelijkNietBeschikbaar");
          ++faults;
        }
        for (const auto& leak : leaks) CHECK(a.text.find(leak) == std::string::npos);
      }
    }
  }
  std::printf("[hardening] injection: %d faults, %d harmless answers\n", faults, answered);
  CheckStillServing();  // the tables are all still there
}

// --- 6. HTTP methods, headers, SOAPAction ----------------------------------------------------

TEST_CASE("Hardening: only POST and GET ?wsdl are served; the Server header names no version", "[hardening][http]") {
  for (const char* request : {"GET / HTTP/1.1", "GET /other HTTP/1.1", "GET /?wsdlx HTTP/1.1", "PUT / HTTP/1.1",
                              "DELETE / HTTP/1.1", "TRACE / HTTP/1.1", "OPTIONS * HTTP/1.1", "OPTIONS / HTTP/1.1",
                              "HEAD / HTTP/1.1", "HEAD /?wsdl HTTP/1.1", "PATCH / HTTP/1.1", "CONNECT localhost:443 HTTP/1.1",
                              "PROPFIND / HTTP/1.1"}) {
    Answer a = SendRaw({std::string(request) + "\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"});
    Print(std::string("http: ") + request, a);
    INFO(request << "\n" << a.text.substr(0, 400));
    CHECK(a.status == 405);
    CHECK(a.text.find("Server: isi-koppeling\r\n") != std::string::npos);
  }
  // A line that gSOAP could read as a response status ("<word> <3 digits>") is no request.
  for (const char* line : {"GET 200", "POST 598", "XYZ 306", "gth: 249"}) {
    Answer a = SendRaw({std::string(line) + "\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"});
    Print(std::string("http: ") + line, a);
    INFO(line << "\n" << a.text.substr(0, 400));
    CHECK(a.status == 400);
    CHECK(a.code == "OngeldigVerzoek");
  }
  Answer wsdl = SendRaw({"GET /?wsdl HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"});
  CHECK(wsdl.status == 200);
  for (const Answer* a : {&wsdl}) {
    const std::string header = a->text.substr(0, a->text.find("\r\n\r\n"));
    INFO(header);
    CHECK(header.find("Server: isi-koppeling\r\n") != std::string::npos);
    CHECK(header.find("gSOAP") == std::string::npos);
    CHECK(header.find("2.8") == std::string::npos);
  }
  SECTION("a SOAPAction that names another operation than the body") {
    Answer a = Post(Envelope(kLookup), Action("ZoekenPersonen"));
    CheckRefused(a);
    CHECK(a.veld == "SOAPAction");
    const std::string header = a.text.substr(0, a.text.find("\r\n\r\n"));
    CHECK(header.find("Server: isi-koppeling\r\n") != std::string::npos);
  }
}

// --- 8. TLS ------------------------------------------------------------------------------------

TEST_CASE("TLS: only TLS 1.2 and 1.3 are accepted", "[hardening][tls]") {
  auto handshake = [](int version, bool legacy = false) {
    TlsOptions o = W().Tls();
    o.min_version = o.max_version = version;
    o.legacy = legacy;
    if (legacy) o.ciphers = "ALL:@SECLEVEL=0";
    TlsConnection c(W().server->port(), o);
    INFO(c.error());
    return c.ok();
  };
  CHECK_FALSE(handshake(TLS1_VERSION, true));
  CHECK_FALSE(handshake(TLS1_1_VERSION, true));
  CHECK(handshake(TLS1_2_VERSION));
  CHECK(handshake(TLS1_3_VERSION));
}

TEST_CASE("TLS: TLS 1.2 offers only ECDHE key exchange with AEAD ciphers", "[hardening][tls]") {
  for (const char* cipher : {"AES128-SHA", "AES256-GCM-SHA384", "AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-SHA",
                             "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES128-SHA256", "DHE-RSA-AES128-GCM-SHA256",
                             "ECDHE-ECDSA-NULL-SHA", "ECDHE-ECDSA-DES-CBC3-SHA", "ECDHE-ECDSA-CAMELLIA128-SHA256"}) {
    TlsOptions o = W().Tls();
    o.min_version = o.max_version = TLS1_2_VERSION;
    o.legacy = true;
    o.ciphers = std::string(cipher) + ":@SECLEVEL=0";
    TlsConnection c(W().server->port(), o);
    INFO(cipher << ": " << c.error());
    CHECK_FALSE(c.ok());
  }
  TlsOptions o = W().Tls();
  o.min_version = o.max_version = TLS1_2_VERSION;
  TlsConnection c(W().server->port(), o);
  REQUIRE(c.ok());
  CHECK(c.cipher().rfind("ECDHE-", 0) == 0);
  CHECK((c.cipher().find("GCM") != std::string::npos || c.cipher().find("CHACHA20") != std::string::npos));
  SECTION("TLS 1.3 agrees on elliptic curves only (no finite-field DHE groups)") {
    TlsOptions ff = W().Tls();
    ff.min_version = TLS1_3_VERSION;
    ff.groups = "ffdhe2048:ffdhe3072";
    TlsConnection d(W().server->port(), ff);
    INFO(d.error());
    CHECK_FALSE(d.ok());
  }
}

TEST_CASE("TLS: no compression, even when the client offers DEFLATE", "[hardening][tls]") {
  CHECK(ServerHelloCompression(W().server->port()) == 0);
}

TEST_CASE("TLS: a client-initiated renegotiation is refused", "[hardening][tls]") {
  TlsOptions o = W().Tls();
  o.min_version = o.max_version = TLS1_2_VERSION;
  TlsConnection c(W().server->port(), o, 3000);
  REQUIRE(c.ok());
  CHECK_FALSE(c.Renegotiate());
  INFO(c.error());
  CheckStillServing();
}

TEST_CASE("TLS: sslscan finds only TLS 1.2/1.3, ECDHE with AEAD, no renegotiation or compression",
          "[hardening][tls][sslscan]") {
  const char* sslscan = "/usr/bin/sslscan";
  if (access(sslscan, X_OK) != 0) {
    WARN("sslscan is not installed (apt-get install sslscan); the in-process TLS probes above still ran");
    return;
  }
  std::string xml;
  RunCommand({sslscan, "--no-colour", "--no-heartbleed", "--xml=-",
              "127.0.0.1:" + std::to_string(W().server->port())}, &xml);
  INFO(xml);
  REQUIRE(xml.find("<ssltest") != std::string::npos);
  const std::regex protocol("<protocol type=\"(ssl|tls)\" version=\"([0-9.]+)\" enabled=\"([01])\"");
  int enabled = 0;
  for (std::sregex_iterator it(xml.begin(), xml.end(), protocol), end; it != end; ++it) {
    const std::string version = (*it)[1].str() + (*it)[2].str();
    if ((*it)[3] == "1") {
      ++enabled;
      CHECK((version == "tls1.2" || version == "tls1.3"));
    }
  }
  CHECK(enabled == 2);
  const std::regex cipher("<cipher status=\"[a-z]+\" sslversion=\"([^\"]+)\"[^>]* cipher=\"([^\"]+)\"");
  int ciphers = 0;
  for (std::sregex_iterator it(xml.begin(), xml.end(), cipher), end; it != end; ++it) {
    ++ciphers;
    const std::string version = (*it)[1], name = (*it)[2];
    INFO(version << " " << name);
    if (version == "TLSv1.3") {
      CHECK(name.rfind("TLS_", 0) == 0);
    } else {
      CHECK(version == "TLSv1.2");
      CHECK(name.rfind("ECDHE-", 0) == 0);
      CHECK((name.find("GCM") != std::string::npos || name.find("CHACHA20") != std::string::npos));
    }
  }
  CHECK(ciphers > 0);
  CHECK(xml.find("<renegotiation supported=\"1\"") == std::string::npos);
  CHECK(xml.find("<compression supported=\"1\"") == std::string::npos);
  CHECK(xml.find("name=\"ffdhe") == std::string::npos);
}

TEST_CASE("TLS: with --client-ca a client must present a certificate signed by that CA", "[hardening][tls][mtls]") {
  ServerProcess server(W().store_path, W().certs, {"--workers", "1", "--client-ca", W().ca_file});
  const std::string get_wsdl = "GET /?wsdl HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  auto fetch = [&](TlsOptions o, int version, int port = 0) {
    o.min_version = o.max_version = version;
    TlsConnection c(port != 0 ? port : server.port(), o);
    if (!c.ok()) return 0;
    c.Send(get_wsdl);
    return HttpStatus(c.ReadUntilClose());
  };
  TlsOptions without = W().Tls();
  TlsOptions with = W().Tls();
  with.client_cert = W().certs + "/client.pem";
  with.client_key = W().certs + "/client.key";
  SECTION("TLS 1.2: the handshake fails without a certificate") {
    TlsOptions o = without;
    o.min_version = o.max_version = TLS1_2_VERSION;
    TlsConnection c(server.port(), o);
    CHECK_FALSE(c.ok());
    CHECK(fetch(with, TLS1_2_VERSION) == 200);
  }
  SECTION("TLS 1.3: no answer without a certificate") {
    CHECK(fetch(without, TLS1_3_VERSION) == 0);
    CHECK(fetch(with, TLS1_3_VERSION) == 200);
  }
  SECTION("a certificate of another CA is refused") {
    TempDir other;
    std::string out;
    REQUIRE(RunCommand({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                        "-nodes", "-subj", "/CN=stranger", "-days", "2", "-keyout", other.File("k.pem"), "-out",
                        other.File("c.pem")},
                       &out) == 0);
    TlsOptions stranger = W().Tls();
    stranger.client_cert = other.File("c.pem");
    stranger.client_key = other.File("k.pem");
    CHECK(fetch(stranger, TLS1_2_VERSION) == 0);
    CHECK(fetch(stranger, TLS1_3_VERSION) == 0);
  }
  // The server without --client-ca does not ask for one.
  CHECK(fetch(without, TLS1_3_VERSION, W().server->port()) == 200);
}
