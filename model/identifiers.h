// Identifiers of persons and municipalities, validated as ISI does.
#pragma once

#include <string_view>

namespace isi {

// BSN: exactly 9 ASCII digits (leading zeros kept), not 000000000, and
// sum(d[i] * (9 - i), i = 0..7) - d[8] divisible by 11 (elfproef).
bool IsValidBsn(std::string_view bsn);

// A-nummer: exactly 10 ASCII digits, first digit not 0, no two adjacent digits equal,
// digit sum mod 11 is 0 or 5, and sum(d[i] * 2^i, i = 0..9) divisible by 11.
bool IsValidANummer(std::string_view anummer);

// Gemeentecode: exactly 4 ASCII digits (CBS code with leading zeros). Syntax only.
bool IsWellFormedGemeentecode(std::string_view code);

}  // namespace isi
