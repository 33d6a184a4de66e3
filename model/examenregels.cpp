#include "model/examenregels.h"

#include <algorithm>
#include <span>

namespace isi {
namespace {

constexpr Examen kOudeVorm[] = {Examen::kToetsGesprokenNederlands,
                                Examen::kKennisNederlandseMaatschappij, Examen::kPraktijkexamen};
constexpr Examen kNieuweVorm[] = {Examen::kLeesvaardigheid, Examen::kLuistervaardigheid,
                                  Examen::kSpreekvaardigheid, Examen::kSchrijfvaardigheid,
                                  Examen::kKennisNederlandseMaatschappij};

bool IsTaal(Examen e) {
  return e != Examen::kKennisNederlandseMaatschappij && e != Examen::kPraktijkexamen &&
         e != Examen::kKorteVrijstellingstoets;
}

// The outcome of one part: passed (date, after a failed attempt?) or exempted (date).
struct Onderdeel {
  bool gehaald = false;
  Date datum;
  bool herkansing = false;
  bool vrijgesteld = false;
  bool a1 = false;
};

Onderdeel BeoordeelOnderdeel(const Dossier& d, Examen e) {
  Onderdeel o;
  bool gezakt = false;
  std::optional<Date> geslaagd;
  for (const Examenonderdeel& x : d.examens.onderdelen) {
    if (x.examen != e) continue;
    if (x.uitslag == Uitslag::kGeslaagd) {
      if (!geslaagd || x.datum_deelname < *geslaagd) {
        geslaagd = x.datum_deelname;
        o.herkansing = gezakt;
        o.vrijgesteld = x.indicatie_vrijgesteld;
        o.a1 = x.niveau == ExamenNiveau::kA1;
      }
    } else if (x.uitslag == Uitslag::kNietGeslaagd) {
      gezakt = true;
    }
  }
  if (geslaagd) {
    o.gehaald = true;
    o.datum = *geslaagd;
    return o;
  }
  for (const Vrijstelling& v : d.vrijstellingen) {
    if (v.soort != SoortVrijstelling::kGedeeltelijk || !v.examenonderdeel) continue;
    if (!DektVrijstelling(*v.examenonderdeel, e)) continue;
    if (!o.gehaald || v.datum_start < o.datum) {
      o.gehaald = true;
      o.vrijgesteld = true;
      o.datum = v.datum_start;
      o.a1 = v.niveau == NiveauDiploma::kA1;
    }
  }
  return o;
}

std::optional<Diplomauitslag> BeoordeelVorm(const Dossier& d, std::span<const Examen> vorm) {
  Diplomauitslag u;
  bool eerste = true;
  bool a1 = false;
  for (Examen e : vorm) {
    Onderdeel o = BeoordeelOnderdeel(d, e);
    if (!o.gehaald) return std::nullopt;
    if (eerste || o.datum > u.datum) u.datum = o.datum;
    eerste = false;
    u.herkansing = u.herkansing || o.herkansing;
    u.met_vrijstelling = u.met_vrijstelling || o.vrijgesteld;
    a1 = a1 || (IsTaal(e) && o.a1);
  }
  u.niveau = a1 ? NiveauDiploma::kA1 : NiveauDiploma::kA2;
  return u;
}

}  // namespace

bool DektVrijstelling(VrijgesteldExamenonderdeel onderdeel, Examen e) {
  const bool kns = e == Examen::kKennisNederlandseMaatschappij;
  const bool gesproken = e == Examen::kToetsGesprokenNederlands ||
                         e == Examen::kSpreekvaardigheid || e == Examen::kLuistervaardigheid;
  switch (onderdeel) {
    case VrijgesteldExamenonderdeel::kTaal:
      return IsTaal(e);
    case VrijgesteldExamenonderdeel::kKnsCertificaatNederland:
      return kns;
    case VrijgesteldExamenonderdeel::kTgnWibEnKns:
      return kns || gesproken;
    case VrijgesteldExamenonderdeel::kTgnWib:
      return gesproken;
  }
  return false;
}

bool IsVrijgesteldVoor(const Dossier& d, Examen e) {
  return std::any_of(d.vrijstellingen.begin(), d.vrijstellingen.end(), [&](const Vrijstelling& v) {
    return v.soort == SoortVrijstelling::kGedeeltelijk && v.examenonderdeel &&
           DektVrijstelling(*v.examenonderdeel, e);
  });
}

std::optional<Diplomauitslag> BepaalDiploma(const Dossier& d) {
  std::optional<Diplomauitslag> oud = BeoordeelVorm(d, kOudeVorm);
  std::optional<Diplomauitslag> nieuw = BeoordeelVorm(d, kNieuweVorm);
  if (oud && nieuw) return oud->datum <= nieuw->datum ? oud : nieuw;
  return oud ? oud : nieuw;
}

}  // namespace isi
