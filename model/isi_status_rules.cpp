// The rules of seed 003 "ISI actief en definitief", one row per line of the seed.
#include "model/isi_status_rules.h"

#include <algorithm>

namespace isi {
namespace {

bool Overleden(const Dossier& d, Date) { return d.persoonsgegevens.datum_overlijden.has_value(); }

// Living abroad (RNI, woongemeente 1999) and left the Netherlands a year ago or longer.
bool LangerDanJaarVertrokken(const Dossier& d, Date peil) {
  const auto& vertrek = d.persoonsgegevens.datum_vertrek_uit_nederland;
  return d.kop.woongemeente == "1999" && vertrek && *vertrek <= peil.AddYears(-1);
}

bool Pensioenleeftijd(const Dossier& d, Date peil) {
  return peil.YearsSince(d.kop.geboortedatum) >= kPensioenleeftijd;
}

bool NederlandseNationaliteit(const Dossier& d, Date) {
  const auto& p = d.persoonsgegevens;
  return p.nationaliteit1 == "Nederlandse" || p.nationaliteit2 == "Nederlandse";
}

// Under another law (Wi2013, Wi2021): not a Wi2007 person at all.
bool AndereWet(const Dossier& d, Date) { return d.wet != Wet::kWi2007; }

// The municipality found the person outside the law's scope (indicatie reason 4). A volunteer
// (e.g. an EU citizen) keeps taking part and stays actief ("vrijwillige inburgeraar zijn").
bool ValtNietOnderDeWet(const Dossier& d, Date) {
  return d.indicatie.reden_niet_inburgeringsplichtig ==
             RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet &&
         !d.indicatie.vrijwillig_inburgeraar;
}

// Fully exempted: by DUO (NT2, short exemption test, exempting diploma) or by the
// municipality (indicatie reason 1) — unless the NT2 diploma is followed by a voorziening, see
// DiplomaZonderLatereVoorziening.
bool GeheelVrijgesteld(const Dossier& d, Date) {
  const bool nt2 =
      d.examens.volledige_deelname_nt2 == VolledigeDeelnameNt2::kVoorAlleOnderdelenGeslaagd;
  if (nt2) return false;  // judged as a diploma below
  return d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo ||
         d.indicatie.reden_niet_inburgeringsplichtig ==
             RedenNietInburgeringsplichtig::kGeheelVrijgesteld;
}

// An ontheffing (medical grounds, evidently integrated) ends the obligation like a full
// exemption. (Interpretation: the seed lists "geheel vrijgesteld"; an ontheffing is the
// municipality's equivalent decision and the portal shows such persons in definitief.)
bool Ontheffing(const Dossier& d, Date) {
  const auto reden = d.indicatie.reden_niet_inburgeringsplichtig;
  return d.indicatie.ontheffing.has_value() ||
         reden == RedenNietInburgeringsplichtig::kOntheffingMedischeGronden ||
         reden == RedenNietInburgeringsplichtig::kOntheffingEvidentIngeburgerd;
}

// The inburgeringsexamen or NT2 passed, without a voorziening that started after the diploma.
bool DiplomaZonderLatereVoorziening(const Dossier& d, Date) {
  std::optional<Date> diploma;
  if (d.examens.inburgeringsdiploma_behaald || d.persoonsgegevens.indicatie_diploma_behaald) {
    diploma = d.examens.datum_diploma_behaald.value_or(Date{1800, 1, 1});
  }
  if (d.examens.volledige_deelname_nt2 == VolledigeDeelnameNt2::kVoorAlleOnderdelenGeslaagd) {
    const Date nt2 = d.examens.datum_volledige_deelname_nt2.value_or(Date{1800, 1, 1});
    if (!diploma || nt2 < *diploma) diploma = nt2;
  }
  if (!diploma) return false;
  return std::none_of(d.voorzieningen.begin(), d.voorzieningen.end(),
                      [&](const Inburgeringsvoorziening& v) { return v.datum_start > *diploma; });
}

struct DefinitiefRegel {
  const char* reden;  // the seed's words
  bool (*geldt)(const Dossier&, Date);
};

// Seed 003, "ISI definitief: Hierin staan personen, die ...". (ISI actief holds everyone else:
// obliged, temporarily not obliged, volunteers, possibly obliged later, and those whose
// diploma was followed by a voorziening.)
constexpr DefinitiefRegel kDefinitiefRegels[] = {
    {"zijn overleden", Overleden},
    {"vertrokken zijn naar het buitenland (langer dan een jaar)", LangerDanJaarVertrokken},
    {"niet onder de werking van de WI vallen (65+)", Pensioenleeftijd},
    {"niet onder de werking van de WI vallen (Nederlandse nationaliteit)",
     NederlandseNationaliteit},
    {"niet onder de werking van de WI vallen (andere wet)", AndereWet},
    {"niet onder de werking van de WI vallen (indicatie)", ValtNietOnderDeWet},
    {"geheel vrijgesteld zijn", GeheelVrijgesteld},
    {"geheel vrijgesteld zijn (ontheffing)", Ontheffing},
    {"het inburgeringsexamen of diploma NT2 hebben gehaald zonder voorziening of met voorziening "
     "startend vóór het behalen van het diploma",
     DiplomaZonderLatereVoorziening},
};

}  // namespace

HerkomstOordeel BepaalHerkomst(const Dossier& d, Date peildatum) {
  for (const DefinitiefRegel& r : kDefinitiefRegels) {
    if (r.geldt(d, peildatum)) return {Herkomst::kIsiDefinitief, r.reden};
  }
  return {Herkomst::kIsiActief, nullptr};
}

std::vector<std::string> DefinitiefRedenen() {
  std::vector<std::string> out;
  for (const DefinitiefRegel& r : kDefinitiefRegels) out.emplace_back(r.reden);
  return out;
}

std::optional<Herkomst> Verplaatsing(const Dossier& voor, const Dossier& na, Date peildatum) {
  const Herkomst nu = na.kop.herkomst;
  const Herkomst regels_na = BepaalHerkomst(na, peildatum).herkomst;
  if (nu == Herkomst::kIsiActief && regels_na == Herkomst::kIsiDefinitief) {
    return Herkomst::kIsiDefinitief;
  }
  if (nu == Herkomst::kIsiDefinitief && regels_na == Herkomst::kIsiActief &&
      BepaalHerkomst(voor, peildatum).herkomst == Herkomst::kIsiDefinitief) {
    return Herkomst::kIsiActief;
  }
  return std::nullopt;
}

}  // namespace isi
