// The inburgeringsexamen of Wi2007 as the refresh needs it: which parts make the exam, which
// part a partial exemption covers, and whether a dossier's results and exemptions add up to the
// inburgeringsdiploma (seed 000 SS016: "geslaagd of (gedeeltelijk) vrijgesteld voor alle
// onderdelen").
//
// The exam had two forms: until 2012 Toets Gesproken Nederlands, Kennis van de Nederlandse
// Maatschappij and the praktijkexamen; from 2012 (seed 003 "Vrijstelling") the four language
// skills (lezen, luisteren, spreken, schrijven) and KNM. A diploma needs every part of one form.
#pragma once

#include <optional>

#include "model/codes.h"
#include "model/date.h"
#include "model/dossier.h"

namespace isi {

// Whether a partial exemption for `onderdeel` exempts from exam part `examen`: Taal covers the
// language parts, KnsCertificaatNederland covers KNM, TgnWib covers the spoken parts (TGN,
// spreken, luisteren), TgnWibEnKns both of the latter. (The synthetic generator uses the same
// mapping.)
bool DektVrijstelling(VrijgesteldExamenonderdeel onderdeel, Examen examen);

// Whether the dossier has a partial exemption (by DUO or the municipality) covering `examen`.
bool IsVrijgesteldVoor(const Dossier& d, Examen examen);

struct Diplomauitslag {
  Date datum;                     // the date the last missing part was passed or exempted
  bool herkansing = false;        // some part was passed only after a failed attempt
  bool met_vrijstelling = false;  // some part was exempted instead of passed
  NiveauDiploma niveau = NiveauDiploma::kA2;  // A1 when a language part was passed at A1
};

// The diploma the dossier's exam results and partial exemptions add up to, or nullopt when no
// form of the exam is complete.
std::optional<Diplomauitslag> BepaalDiploma(const Dossier& d);

}  // namespace isi
