#include "model/identifiers.h"

#include <catch2/catch.hpp>
#include <string>

using namespace isi;

TEST_CASE("IsValidBsn: accepts numbers that pass the elfproef", "[model][bsn]") {
  CHECK(IsValidBsn("111222333"));  // 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3 - 3 = 66
  CHECK(IsValidBsn("123456782"));
  CHECK(IsValidBsn("004002313"));  // the manual's example, leading zeros kept
}

TEST_CASE("IsValidBsn: refuses wrong check digit, length, non-digits and all zeros", "[model][bsn]") {
  CHECK_FALSE(IsValidBsn("123456789"));
  CHECK_FALSE(IsValidBsn("12345678"));
  CHECK_FALSE(IsValidBsn("1234567820"));
  CHECK_FALSE(IsValidBsn("12345678a"));
  CHECK_FALSE(IsValidBsn(" 23456782"));
  CHECK_FALSE(IsValidBsn("000000000"));
  CHECK_FALSE(IsValidBsn(""));
}

TEST_CASE("IsValidBsn: exactly one check digit in ten makes an 8-digit prefix valid", "[model][bsn]") {
  // For every prefix at most one last digit satisfies the elfproef.
  for (int prefix = 10000000; prefix < 10000100; ++prefix) {
    int valid = 0;
    for (char d = '0'; d <= '9'; ++d)
      if (IsValidBsn(std::to_string(prefix) + d)) ++valid;
    CHECK(valid <= 1);
  }
}

TEST_CASE("IsValidANummer: applies all four A-nummer rules", "[model][anummer]") {
  CHECK(IsValidANummer("4020209358"));  // example from the manual
  CHECK(IsValidANummer("4020208962"));
  CHECK_FALSE(IsValidANummer("0123456789"));   // leading zero
  CHECK_FALSE(IsValidANummer("4020209357"));   // check fails
  CHECK_FALSE(IsValidANummer("1123456789"));   // adjacent equal digits
  CHECK_FALSE(IsValidANummer("402020935"));    // too short
  CHECK_FALSE(IsValidANummer("40202093581"));  // too long
  CHECK_FALSE(IsValidANummer("40202x9358"));
}

TEST_CASE("IsWellFormedGemeentecode: four digits", "[model]") {
  CHECK(IsWellFormedGemeentecode("0014"));
  CHECK(IsWellFormedGemeentecode("1999"));
  CHECK_FALSE(IsWellFormedGemeentecode("14"));
  CHECK_FALSE(IsWellFormedGemeentecode("00140"));
  CHECK_FALSE(IsWellFormedGemeentecode("00a4"));
}
