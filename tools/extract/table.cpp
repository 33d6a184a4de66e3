#include "tools/extract/table.h"

#include <cstdio>

namespace isi::extract {

std::string DutchDate(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d.day, d.month, d.year);
  return buf;
}

}  // namespace isi::extract
