#include "tools/admin_support.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

using namespace isi;
using namespace isi::admin;

TEST_CASE("ParseUint64/ParseInt64: accept plain decimal numbers only", "[admin]") {
  uint64_t u = 0;
  CHECK(ParseUint64("0", &u));
  CHECK(u == 0);
  CHECK(ParseUint64("18446744073709551615", &u));
  CHECK(u == UINT64_MAX);
  CHECK_FALSE(ParseUint64("18446744073709551616", &u));
  CHECK_FALSE(ParseUint64("", &u));
  CHECK_FALSE(ParseUint64("-1", &u));
  CHECK_FALSE(ParseUint64("+1", &u));
  CHECK_FALSE(ParseUint64(" 1", &u));
  CHECK_FALSE(ParseUint64("1e6", &u));
  CHECK_FALSE(ParseUint64("0x10", &u));

  int64_t i = 0;
  CHECK(ParseInt64("1000000", &i));
  CHECK(i == 1000000);
  CHECK(ParseInt64("-5", &i));
  CHECK(i == -5);
  CHECK(ParseInt64("-9223372036854775808", &i));
  CHECK(i == INT64_MIN);
  CHECK_FALSE(ParseInt64("9223372036854775808", &i));
  CHECK_FALSE(ParseInt64("-", &i));
  CHECK_FALSE(ParseInt64("1.5", &i));
}

TEST_CASE("ParseRoles: ascending distinct roles out of 2, 3, 5, 6", "[admin]") {
  std::vector<int> roles;
  REQUIRE(ParseRoles({"6,2", "3", "2"}, &roles).ok());
  CHECK(roles == std::vector<int>{2, 3, 6});
  CHECK(ParseRoles({"2,3,5,6"}, &roles).ok());
  CHECK(roles == std::vector<int>{2, 3, 5, 6});
  CHECK(ParseRoles({"4"}, &roles).field() == "roles");
  CHECK(ParseRoles({"2,x"}, &roles).code() == Status::Code::kInvalidArgument);
  CHECK(ParseRoles({","}, &roles).code() == Status::Code::kInvalidArgument);
  CHECK(ParseRoles({}, &roles).code() == Status::Code::kInvalidArgument);
}

TEST_CASE("SplitCommas: splits each item and drops empty pieces", "[admin]") {
  CHECK(SplitCommas({"0014,0034", "0363", ",0599,"}) ==
        std::vector<std::string>{"0014", "0034", "0363", "0599"});
  CHECK(SplitCommas({}).empty());
}

TEST_CASE("JsonQuote: escapes quotes, backslashes and control characters, keeps UTF-8", "[admin]") {
  CHECK(JsonQuote("abc") == "\"abc\"");
  CHECK(JsonQuote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(JsonQuote("x\ny\t\x01") == "\"x\\ny\\t\\u0001\"");
  CHECK(JsonQuote("cliëntvolgsysteem") == "\"cliëntvolgsysteem\"");
}

TEST_CASE("FormatUtc: ISO 8601 in UTC", "[admin]") {
  CHECK(FormatUtc(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatUtc(1750000000) == "2025-06-15T15:06:40Z");
}

TEST_CASE("NewKeyCredentials: key id names the municipality, password is long and unambiguous",
          "[admin]") {
  unsigned char next = 0;
  const RandomBytes counter = [&](unsigned char* out, size_t n) {
    for (size_t i = 0; i < n; ++i) out[i] = next++;
    return Status::Ok();
  };
  KeyCredentials c;
  REQUIRE(NewKeyCredentials("0034", counter, &c).ok());
  CHECK(c.key_id == "ak_0034_0001020304050607");
  CHECK(c.password.size() == kPasswordLength);
  CHECK(c.password.size() >= 24);
  for (char ch : c.password) CHECK(kPasswordAlphabet.find(ch) != std::string_view::npos);
  for (char ambiguous : std::string("0Oo1lI"))
    CHECK(c.password.find(ambiguous) == std::string::npos);

  SECTION("real randomness gives a different key and password every time") {
    std::set<std::string> seen;
    for (int i = 0; i < 20; ++i) {
      REQUIRE(NewKeyCredentials("0363", OpenSslRandomBytes, &c).ok());
      CHECK(c.key_id.size() == std::string("ak_0363_").size() + 16);
      CHECK(c.key_id.rfind("ak_0363_", 0) == 0);
      seen.insert(c.key_id);
      seen.insert(c.password);
    }
    CHECK(seen.size() == 40);
  }
  SECTION("a failing random source is reported, not papered over") {
    const RandomBytes broken = [](unsigned char*, size_t) { return Status::Internal("kapot"); };
    CHECK(NewKeyCredentials("0034", broken, &c).code() == Status::Code::kInternal);
  }
}

TEST_CASE("ParsePeriod: --van inclusive, --tot exclusive, both at 00:00 UTC", "[admin]") {
  int64_t from = 0;
  int64_t to = 0;
  REQUIRE(ParsePeriod("2025-03-01", "2025-04-01", &from, &to).ok());
  CHECK(FormatUtc(from) == "2025-03-01T00:00:00Z");
  CHECK(FormatUtc(to) == "2025-04-01T00:00:00Z");
  REQUIRE(ParsePeriod("2024-02-29", "2024-03-01", &from, &to).ok());
  CHECK(to - from == 86'400);

  CHECK(ParsePeriod("2025-3-1", "2025-04-01", &from, &to).field() == "van");
  CHECK(ParsePeriod("2025-02-30", "2025-04-01", &from, &to).field() == "van");
  CHECK(ParsePeriod("2025-03-01", "april", &from, &to).field() == "tot");
  CHECK(ParsePeriod("2025-03-01", "2025-03-01", &from, &to).field() == "tot");
  CHECK(ParsePeriod("2025-03-02", "2025-03-01", &from, &to).field() == "tot");
}

TEST_CASE("CsvField: quotes separators and quotes, defuses spreadsheet formulas", "[admin]") {
  CHECK(CsvField("") == "");
  CHECK(CsvField("ak_0034_0123456789abcdef") == "ak_0034_0123456789abcdef");
  CHECK(CsvField("Sint-Michielsgestel") == "Sint-Michielsgestel");
  CHECK(CsvField("'s-Gravenhage") == "'s-Gravenhage");
  CHECK(CsvField("Hüseyin") == "Hüseyin");
  CHECK(CsvField("a;b") == "\"a;b\"");
  CHECK(CsvField("zeg \"hoi\"") == "\"zeg \"\"hoi\"\"\"");
  CHECK(CsvField("regel\nregel") == "\"regel\nregel\"");
  CHECK(CsvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(CsvField("+31") == "'+31");
  CHECK(CsvField("-1") == "'-1");
  CHECK(CsvField("@SUM(A1)") == "'@SUM(A1)");
}

TEST_CASE("AuditCsvLine/AuditJson: every field, time as ISO 8601 UTC", "[admin]") {
  AuditRecord r;
  r.id = 17;
  r.at = 1750000000;
  r.key_id = "ak_0034_0123456789abcdef";
  r.gemeentecode = "0034";
  r.operation = "RaadplegenPersoon";
  r.bsn = "111222333";
  r.outcome = "Geleverd";
  r.prev_hash = std::string(64, 'a');
  r.hash = std::string(64, 'b');
  CHECK(AuditCsvHeader() == "id;at;key_id;gemeentecode;operation;bsn;outcome;prev_hash;hash\n");
  CHECK(AuditCsvLine(r) ==
        "17;2025-06-15T15:06:40Z;ak_0034_0123456789abcdef;0034;"
        "RaadplegenPersoon;111222333;Geleverd;" +
            std::string(64, 'a') + ";" + std::string(64, 'b') + "\n");
  CHECK(AuditJson(r) ==
        "{\"id\": 17, \"at\": \"2025-06-15T15:06:40Z\", \"key_id\": \"ak_0034_0123456789abcdef\", "
        "\"gemeentecode\": \"0034\", \"operation\": \"RaadplegenPersoon\", \"bsn\": \"111222333\", "
        "\"outcome\": \"Geleverd\", \"prev_hash\": \"" +
            std::string(64, 'a') + "\", \"hash\": \"" + std::string(64, 'b') + "\"}");

  SECTION("a failed login with an unknown key: empty fields stay empty, odd key ids are defused") {
    r.key_id = "=1+1;x";
    r.bsn.clear();
    r.gemeentecode.clear();
    CHECK(AuditCsvLine(r).find(";\"'=1+1;x\";;RaadplegenPersoon;;Geleverd;") != std::string::npos);
  }
}
