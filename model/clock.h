// Clock: the injectable source of "now" and "today".
//
// "Today" decides signals, terms and ages; tests pin it with FixedClock.
#pragma once

#include <cstdint>

#include "model/date.h"

namespace isi {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch (UTC).
  virtual int64_t NowUnixSeconds() const = 0;
  // Today's date in the Netherlands (Europe/Amsterdam).
  virtual Date Today() const = 0;
};

// The real clock. Today() uses the process's local time zone (set TZ=Europe/Amsterdam).
class SystemClock final : public Clock {
 public:
  int64_t NowUnixSeconds() const override;
  Date Today() const override;
};

// A clock that stands still (tests, reproducible data generation).
class FixedClock final : public Clock {
 public:
  FixedClock(int64_t unix_seconds, Date today) : now_(unix_seconds), today_(today) {}
  int64_t NowUnixSeconds() const override { return now_; }
  Date Today() const override { return today_; }
  void Set(int64_t unix_seconds, Date today) { now_ = unix_seconds; today_ = today; }

 private:
  int64_t now_;
  Date today_;
};

}  // namespace isi
