#include "model/date.h"

#include <catch2/catch.hpp>

using namespace isi;

TEST_CASE("Date::Parse: accepts only real YYYY-MM-DD dates", "[model][date]") {
  REQUIRE(Date::Parse("2024-02-29"));
  CHECK(Date::Parse("2024-02-29")->ToString() == "2024-02-29");
  CHECK_FALSE(Date::Parse("2023-02-29"));
  CHECK_FALSE(Date::Parse("2023-13-01"));
  CHECK_FALSE(Date::Parse("2023-00-10"));
  CHECK_FALSE(Date::Parse("2023-1-01"));
  CHECK_FALSE(Date::Parse("01-05-2007"));       // portal format is not the wire format
  CHECK_FALSE(Date::Parse("2023-01-01Z"));
  CHECK_FALSE(Date::Parse("2023-01-01+01:00"));
  CHECK_FALSE(Date::Parse("1799-12-31"));
  CHECK_FALSE(Date::Parse(""));
}

TEST_CASE("Date: days round-trip and arithmetic", "[model][date]") {
  CHECK(Date{1970, 1, 1}.ToDays() == 0);
  CHECK(Date{2000, 3, 1}.ToDays() - Date{2000, 2, 28}.ToDays() == 2);
  for (int64_t d = -80000; d < 80000; d += 37) CHECK(Date::FromDays(d).ToDays() == d);
  CHECK(Date{2024, 1, 31}.AddMonths(1) == Date{2024, 2, 29});
  CHECK(Date{2023, 12, 15}.AddMonths(6) == Date{2024, 6, 15});
  CHECK(Date{2024, 2, 29}.AddYears(1) == Date{2025, 2, 28});
}

TEST_CASE("Date::YearsSince: age on a date", "[model][date]") {
  Date birth{2008, 6, 15};
  CHECK(Date{2026, 6, 14}.YearsSince(birth) == 17);
  CHECK(Date{2026, 6, 15}.YearsSince(birth) == 18);
}
