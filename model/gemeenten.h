// Municipalities known to the demo and the synthetic data (real CBS codes and names).
#pragma once

#include <string_view>
#include <vector>

namespace isi {

struct Gemeente {
  const char* code;  // CBS code, 4 digits
  const char* naam;
};

// A fixed list of real municipalities, plus 1999 (RNI, persons not resident anywhere).
const std::vector<Gemeente>& BekendeGemeenten();
// nullptr when `code` is not in BekendeGemeenten().
const Gemeente* FindGemeente(std::string_view code);

}  // namespace isi
