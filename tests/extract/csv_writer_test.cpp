// CSV for Dutch spreadsheets: quoting, formula-injection neutralisation, BOM, CRLF, formats.
#include "tools/extract/csv_writer.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/test_env.h"

using namespace isi;
using namespace isi::extract;

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("CsvField: plain text passes unchanged", "[extract][csv]") {
  CHECK(CsvField("Jansen") == "Jansen");
  CHECK(CsvField("") == "");
  CHECK(CsvField("Çelik Ömer") == "Çelik Ömer");
  CHECK(CsvField("'s-Gravenhage") == "'s-Gravenhage");
  CHECK(CsvField("a,b") == "a,b");  // a comma is not our separator
}

TEST_CASE("CsvField: separator, quote and line breaks are quoted per RFC 4180", "[extract][csv]") {
  CHECK(CsvField("a;b") == "\"a;b\"");
  CHECK(CsvField("zeg \"hoi\"") == "\"zeg \"\"hoi\"\"\"");
  CHECK(CsvField("regel 1\nregel 2") == "\"regel 1\nregel 2\"");
  CHECK(CsvField("a\r\nb") == "\"a\r\nb\"");
  CHECK(CsvField(" spatie") == "\" spatie\"");
  CHECK(CsvField("spatie ") == "\"spatie \"");
}

TEST_CASE("CsvField: a cell that a spreadsheet would run as a formula is made inert",
          "[extract][csv]") {
  CHECK(CsvField("=1+2") == "'=1+2");
  CHECK(CsvField("+31 6 12345678") == "'+31 6 12345678");
  CHECK(CsvField("-2") == "'-2");
  CHECK(CsvField("@SUM(A1)") == "'@SUM(A1)");
  CHECK(CsvField("\tTAB") == "'\tTAB");
  CHECK(CsvField("\rCR") == "\"'\rCR\"");
  // Neutralised and quoted.
  CHECK(CsvField("=HYPERLINK(\"http://x\";\"klik\")") ==
        "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\"");
  // Only the first character counts.
  CHECK(CsvField("a=b") == "a=b");
}

TEST_CASE("CsvWriter: BOM, header, ';' and CRLF; typed cells in Dutch formats", "[extract][csv]") {
  testing::TempDir dir;
  const std::string path = dir.File("t.csv");
  CsvWriter w;
  REQUIRE(w.Open(path, {"Naam", "Datum", "Ja/Nee", "Aantal", "Bedrag", "Leeg"}).ok());
  w.Text("=cmd|' /C calc'!A0");
  w.DateValue(Date{2026, 3, 7});
  w.YesNo(true);
  w.Integer(int64_t{42});
  w.Money(12550);
  w.Empty();
  REQUIRE(w.EndRow().ok());
  w.Text(std::optional<std::string>{});
  w.DateValue(std::optional<Date>{});
  w.YesNo(std::optional<bool>{false});
  w.Integer(int64_t{-1});
  w.Money(5);
  w.Text("x;y");
  REQUIRE(w.EndRow().ok());
  REQUIRE(w.Close().ok());
  CHECK(w.rows() == 2);
  CHECK(Slurp(path) ==
        "\xEF\xBB\xBFNaam;Datum;Ja/Nee;Aantal;Bedrag;Leeg\r\n"
        "'=cmd|' /C calc'!A0;07-03-2026;Ja;42;125,50;\r\n"
        ";;Nee;-1;0,05;\"x;y\"\r\n");
}

TEST_CASE("CsvWriter: a row with the wrong number of cells is an error", "[extract][csv]") {
  testing::TempDir dir;
  CsvWriter w;
  REQUIRE(w.Open(dir.File("t.csv"), {"A", "B"}).ok());
  w.Text("alleen een");
  Status s = w.EndRow();
  CHECK(s.code() == Status::Code::kInternal);
  // The error sticks.
  w.Text("a");
  w.Text("b");
  CHECK(!w.EndRow().ok());
  CHECK(!w.Close().ok());
}

TEST_CASE("CsvWriter: a file that cannot be created is Internal", "[extract][csv]") {
  CsvWriter w;
  CHECK(w.Open("/nonexistent-dir/x.csv", {"A"}).code() == Status::Code::kInternal);
}
