// Registrations a municipality makes in ISI (seed 003; issue 6): handhaving,
// inburgeringsvoorziening, vrijstelling, indicatie inburgeringsplicht and ontheffing.
//
// Each Apply* function checks the rules of seed 003 against the current dossier and, when they
// all hold, changes the dossier in memory; the store persists the result atomically with its
// protocol record (Store::SaveRegistration). Refusals:
//   - InvalidArgument (field set) for a malformed request (a missing field for the action,
//     an end before a start, a vorm duaal traject on a non-duaal voorziening, ...);
//   - Conflict with reason() = the rule's stable fault code and a message that quotes the rule:
//       NaDiplomaGeenWijziging                   changes after a diploma are refused
//       PlichtBlijftNaDiploma                    plicht = nee after a diploma ("gewezen inburgeringsplichtig")
//       VoorzieningVereistHandhaving             a voorziening for an obliged person needs handhaving
//       GeestelijkBedienaarNietVoorVrijwilliger  "geestelijk bedienaar" is not for volunteers
//       VoorzieningVanAndereGemeente             another municipality's voorziening may be seen, not changed
//       RegistratietermijnVerstreken             a voorziening is registered within eight weeks of its start
//       GeheleVrijstellingIsIndicatie            a full exemption is indicatie plicht = nee, reden geheel vrijgesteld
//       TijdelijkeVrijstellingVereistPlichtEnHandhaving
//       VrijstellingDuoNietOverschrijven         a DUO partial exemption is only exceeded, never overwritten
//       HandhavingBestaatAl / GeenHandhaving / HandhavingVanAndereGemeente
//       RecordNietGevonden                       the id of a voorziening/vrijstelling is not in the dossier
//                                                (or there is no ontheffing to change or end)
// Every registration of a person with a diploma (examens.inburgeringsdiploma_behaald or
// persoonsgegevens.indicatie_diploma_behaald) is refused with NaDiplomaGeenWijziging, except
// an indicatie plicht = nee, which gets PlichtBlijftNaDiploma (the diploma is checked first).
// On any refusal *d is left exactly as it was. The dossier's versie is not touched here (the
// store bumps it). New voorzieningen and vrijstellingen get id 0 (the store assigns ids) and are
// inserted in datum_start order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/dossier.h"
#include "model/status.h"

namespace isi {

enum class Actie { kRegistreren, kWijzigen, kBeeindigen };

// Who registers, and when ("today" decides the eight-week term).
struct RegistratieContext {
  std::string gemeentecode;  // the acting municipality
  Date vandaag;
};

// Registreren: begin + einde: a new handhaving by the acting municipality, or, after a move,
//   taking over another municipality's (eerste handhaving door and verlengingen stay); refused
//   with HandhavingBestaatAl when the acting municipality already enforces.
// Wijzigen: a new einde; with reden_verlenging it is an extension (recorded as a Verlenging,
//   the new end after the current one), without it a correction of the term.
// Beeindigen: the acting municipality stops enforcing (its handhaving is removed).
// Wijzigen and Beeindigen act only on the acting municipality's own handhaving (gehandhaafd door);
// a correction may also give a new begin_handhaving, an extension may not.
struct HandhavingOpdracht {
  Actie actie = Actie::kRegistreren;
  std::optional<Date> begin_handhaving;
  std::optional<Date> einde_handhavingstermijn;
  std::optional<std::string> reden_verlenging;
};

// Registreren: a new voorziening (geregistreerd door = acting municipality; aanbod door may be
//   another municipality). Wijzigen: the voorziening `id`, fields given replace the old ones.
// Beeindigen: the voorziening `id` gets datum_einde and reden_einde.
// Only a voorziening registered by the acting municipality may be changed or ended. The eight-
// week term (vandaag <= datum_start + 56 days) holds for Registreren. A vorm duaal traject is
// dropped when Wijzigen sets a soort other than Duaal.
struct VoorzieningOpdracht {
  Actie actie = Actie::kRegistreren;
  int64_t id = 0;
  std::optional<std::string> aanbod_door_gemeente;  // default: the acting municipality
  std::optional<Doelgroep> doelgroep;
  std::optional<SoortVoorziening> soort;
  std::optional<bool> indicatie_pib;
  std::optional<VormDuaalTraject> vorm_duaal_traject;
  std::optional<Date> datum_start;
  std::optional<Date> datum_einde;
  std::optional<std::string> reden_einde;
};

// The soort a caller may ask for; kGeheel is always refused (GeheleVrijstellingIsIndicatie).
enum class GevraagdeVrijstelling { kTijdelijk, kGedeeltelijk, kGeheel };

// Registreren: a vrijstelling door de gemeente. Tijdelijk: datum_start required, datum_einde
//   optional; gedeeltelijk: examenonderdeel (niveau for Taal only), no datum_einde, datum_start
//   defaults to ctx.vandaag.
// Wijzigen: vrijstelling `id`; the fields given replace the old ones (fields that no longer fit
//   a changed soort or examenonderdeel are dropped). A changed vrijstelling is the municipality's.
// Beeindigen: a tijdelijke vrijstelling `id` gets datum_einde; a gedeeltelijke (which has no end)
//   is withdrawn (removed from the dossier).
// A gedeeltelijke vrijstelling door DUO is never changed or ended
// (VrijstellingDuoNietOverschrijven); a tijdelijke door DUO may be, as seed 003 "Vrijstelling
// door DUO" describes.
struct VrijstellingOpdracht {
  Actie actie = Actie::kRegistreren;
  int64_t id = 0;
  std::optional<GevraagdeVrijstelling> soort;
  std::optional<Date> datum_start;
  std::optional<Date> datum_einde;
  std::optional<VrijgesteldExamenonderdeel> examenonderdeel;
  std::optional<NiveauDiploma> niveau;
};

// Registreren/Wijzigen: the indication (plicht ja/nee with datum; reden required with nee).
// Beeindigen: the indication is removed (undetermined again).
// Setting plicht = ja (from anything else) ends each running tijdelijke vrijstelling door DUO
// today (seed 003: "Ook als u de inburgeringsplicht verandert in 'ja' wordt de tijdelijke
// vrijstelling beëindigd").
struct IndicatieOpdracht {
  Actie actie = Actie::kRegistreren;
  std::optional<bool> inburgeringsplichtig;
  std::optional<Date> datum;
  std::optional<RedenNietInburgeringsplichtig> reden;
};

// Registreren: an ontheffing (medical grounds or evident ingeburgerd) with its date; the
//   indication becomes plicht = nee per that date with the matching reden. Wijzigen: the fields
//   given replace those of the existing ontheffing (same effect on the indication).
// Beeindigen: the ontheffing is removed; when the indication's reden is still the ontheffing's,
//   the indication is removed with it (undetermined again).
struct OntheffingOpdracht {
  Actie actie = Actie::kRegistreren;
  std::optional<SoortOntheffing> soort;
  std::optional<Date> datum;
};

// Wire tokens ("Registreren", "Geheel", ...) as in wsdl/isi.wsdl.
const char* Token(Actie v);
template <>
std::optional<Actie> ParseToken<Actie>(std::string_view token);
const char* Token(GevraagdeVrijstelling v);
template <>
std::optional<GevraagdeVrijstelling> ParseToken<GevraagdeVrijstelling>(std::string_view token);

Status ApplyHandhaving(const RegistratieContext& ctx, const HandhavingOpdracht& o, Dossier* d);
Status ApplyVoorziening(const RegistratieContext& ctx, const VoorzieningOpdracht& o, Dossier* d);
Status ApplyVrijstelling(const RegistratieContext& ctx, const VrijstellingOpdracht& o, Dossier* d);
Status ApplyIndicatie(const RegistratieContext& ctx, const IndicatieOpdracht& o, Dossier* d);
Status ApplyOntheffing(const RegistratieContext& ctx, const OntheffingOpdracht& o, Dossier* d);

}  // namespace isi
