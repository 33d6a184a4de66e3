#include "model/codes.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace isi;

TEST_CASE("Codes: tokens round-trip and unknown tokens are refused", "[model][codes]") {
  CHECK(std::string(Token(Geslacht::kVrouw)) == "Vrouw");
  CHECK(ParseToken<Geslacht>("Vrouw") == Geslacht::kVrouw);
  CHECK_FALSE(ParseToken<Geslacht>("vrouw"));
  CHECK(std::string(Token(VrijstellingDoor::kDuo)) == "DUO");
  CHECK(ParseToken<SignaalStatus>("InBehandeling") == SignaalStatus::kInBehandeling);
  for (auto v : {VormDuaalTraject::kInburgeringMetWerk, VormDuaalTraject::kOverig})
    CHECK(ParseToken<VormDuaalTraject>(Token(v)) == v);
}

TEST_CASE("Signaalcodes: the 25 codes of the manual, each with a text", "[model][signalen]") {
  const auto& codes = Signaalcodes();
  CHECK(codes.size() == 25);
  std::set<std::string> seen;
  for (const auto& s : codes) {
    CHECK(std::string(s.code).size() == 5);
    CHECK(std::string(s.omschrijving).size() > 10);
    seen.insert(s.code);
  }
  CHECK(seen.size() == 25);
  REQUIRE(FindSignaal("SS008"));
  CHECK(std::string(FindSignaal("SS008")->omschrijving) == "Persoon is volgens GBA overleden");
  CHECK(FindSignaal("SS013") == nullptr);
}
