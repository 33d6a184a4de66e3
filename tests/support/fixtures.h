// Hand-made test data: a dossier with every section filled, so that a test can check each
// field it reads back. Synthetic persons only (valid BSNs by the elfproef).
#pragma once

#include <string>

#include "model/dossier.h"

namespace isi::testing {

// A person of `gemeente` with every section of the dossier filled: handhaving with one
// verlenging, two voorzieningen (one duaal), a gedeeltelijke vrijstelling, a boete of 125.50,
// and two examenonderdelen. The address is secret when `geheim`.
Dossier RichDossier(const std::string& bsn, const std::string& anummer, const std::string& gemeente,
                    bool geheim = false);

}  // namespace isi::testing
