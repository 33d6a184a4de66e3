#include "model/clock.h"

#include <ctime>

namespace isi {

int64_t SystemClock::NowUnixSeconds() const { return static_cast<int64_t>(std::time(nullptr)); }

Date SystemClock::Today() const {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace isi
