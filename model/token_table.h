// Lookups in a fixed table of (enumeration value, wire token) pairs: the one implementation
// behind every Token() / ParseToken() of the model (codes.cpp, mutatie.cpp). Internal to model/.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace isi::token_table {

// The value whose token is `token` (case-sensitive), or nullopt.
template <typename E, size_t N>
std::optional<E> Lookup(const std::pair<E, const char*> (&table)[N], std::string_view token) {
  for (const auto& [value, name] : table)
    if (token == name) return value;
  return std::nullopt;
}

// The token of `v`; "?" when the table lacks it (a bug the model tests catch).
template <typename E, size_t N>
const char* Name(const std::pair<E, const char*> (&table)[N], E v) {
  for (const auto& [value, name] : table)
    if (value == v) return name;
  return "?";
}

}  // namespace isi::token_table
