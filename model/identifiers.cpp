#include "model/identifiers.h"

namespace isi {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

bool IsValidBsn(std::string_view s) {
  if (s.size() != 9 || !AllDigits(s) || s == "000000000") return false;
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (s[i] - '0') * (9 - i);
  sum -= s[8] - '0';
  return sum % 11 == 0;
}

bool IsValidANummer(std::string_view s) {
  if (s.size() != 10 || !AllDigits(s) || s[0] == '0') return false;
  int digit_sum = 0;
  long weighted = 0;
  for (int i = 0; i < 10; ++i) {
    int d = s[i] - '0';
    if (i > 0 && s[i] == s[i - 1]) return false;
    digit_sum += d;
    weighted += static_cast<long>(d) << i;
  }
  int r = digit_sum % 11;
  return (r == 0 || r == 5) && weighted % 11 == 0;
}

bool IsWellFormedGemeentecode(std::string_view s) { return s.size() == 4 && AllDigits(s); }

}  // namespace isi
