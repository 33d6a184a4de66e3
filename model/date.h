// Date: a calendar date without time zone, as ISI and xsd:date use it.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isi {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Strictly "YYYY-MM-DD" (the xsd:date lexical form without time zone), a real calendar date
  // with year 1800..9999. nullopt for anything else.
  static std::optional<Date> Parse(std::string_view iso);
  // Days since 1970-01-01 (negative before) and back.
  static Date FromDays(int64_t days);
  int64_t ToDays() const;

  // "YYYY-MM-DD".
  std::string ToString() const;
  bool IsValid() const;

  Date AddDays(int64_t n) const { return FromDays(ToDays() + n); }
  // Adds calendar months; the day is clamped to the end of the target month (31 Jan + 1 = 28/29 Feb).
  Date AddMonths(int n) const;
  Date AddYears(int n) const { return AddMonths(12 * n); }

  // Whole years from `birth` to this date (age on this date).
  int YearsSince(const Date& birth) const;

  auto operator<=>(const Date&) const = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

}  // namespace isi
