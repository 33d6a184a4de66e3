// The texts that travel with the data in every zip: DISCLAIMER.txt (seed 000 §3.8) and
// LEGENDA.txt (what the file holds, its format, and every column with its meaning, generated
// from the column lists so it always matches). UTF-8 with byte order mark, CRLF line ends, so
// Notepad on any Windows version shows them right.
#pragma once

#include <string>

#include "model/date.h"
#include "store/extract_catalogue.h"

namespace isi::extract {

inline constexpr const char* kLegendaName = "LEGENDA.txt";
inline constexpr const char* kDisclaimerName = "DISCLAIMER.txt";

// The disclaimer of §3.8 "Downloaden bestand".
std::string DisclaimerText();

// The legend of a generated kind (not kDiplomamodellenboek) for `gemeentecode` and `datum`.
std::string LegendText(ExtractKind kind, const std::string& gemeentecode, const Date& datum);

}  // namespace isi::extract
