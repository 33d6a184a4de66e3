// Mutations of the daily refresh (issue 5): what the population register (GBA/BRP), the IND and
// DUO deliver about a person, as the refresh parses them from the mutation files
// (wsdl/mutaties/{gba,ind,duo}.xsd) and the rules (model/signaalregels.h) apply them.
//
// Plain values. A mutation carries the person (BSN, A-nummer), its kind, its date and the new
// values of that kind. The new values are kept compactly as (field, text) pairs in their
// schema's lexical form; MutatieVelden() says which fields a kind has, and the parser
// (tools/refresh/mutatie_parser.h) guarantees that a Mutatie it hands out has exactly the
// required fields, each well-formed (ControleerWaarde), so the typed getters below only return
// nullopt for an optional field that is absent.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/codes.h"
#include "model/date.h"
#include "model/status.h"

namespace isi {

// The three sources of mutations, each with its own schema.
enum class Bron { kGba, kInd, kDuo };
const char* Token(Bron v);  // "GBA", "IND", "DUO"
template <>
std::optional<Bron> ParseToken<Bron>(std::string_view token);

// The kinds of mutation. Token() is the element name in the source's schema.
enum class MutatieSoort {
  // Population register (GBA/BRP)
  kVerhuizing,                 // moved to another municipality
  kVertrekBuitenland,          // settled abroad (now in the RNI)
  kVestigingUitBuitenland,     // came back from abroad and settled in a municipality
  kOverlijden,                 // deceased
  kWijzigingGeboortedatum,     // birth date corrected
  kWijzigingNationaliteit,     // nationality changed
  kWijzigingVerblijfsrecht,    // lawful residence gained or lost
  kWijzigingAsielindicatie,    // asylum indication changed
  kWijzigingPersoonsgegevens,  // name, sex, birthplace, address in the same municipality, ...
  // IND
  kVerblijfsdoel,  // residence purpose temporary / permanent (monthly exchange)
  kNieuwkomer,     // marked as a newcomer by the IND (may be a person ISI does not know yet)
  // DUO
  kEindeInschrijving,          // no longer enrolled in education (temporary exemption lapses)
  kDiploma,                    // diploma registered (inburgeringsdiploma, NT2, exempting diploma)
  kExamenuitslag,              // result of one part of the inburgeringsexamen
  kExamenaanmelding,           // application for an exam
  kKorteVrijstellingstoets,    // the short exemption test passed
  kGedeeltelijkeVrijstelling,  // partial exemption granted by DUO
};
const char* Token(MutatieSoort v);
template <>
std::optional<MutatieSoort> ParseToken<MutatieSoort>(std::string_view token);
// The source whose schema has this kind.
Bron BronVan(MutatieSoort soort);
// All kinds, in the order above.
const std::vector<MutatieSoort>& MutatieSoorten();

// The kind of diploma DUO registers (mutation kDiploma).
enum class Diplomasoort {
  kInburgeringsdiploma,  // the Wi2007 inburgeringsexamen passed (seed 000 SS016)
  kStaatsexamenNt2,      // staatsexamen NT2: full exemption by DUO (seed 003 "Registratie NT2")
  kVrijstellendDiploma,  // another diploma from DUO's register that gives a full exemption
};
const char* Token(Diplomasoort v);
template <>
std::optional<Diplomasoort> ParseToken<Diplomasoort>(std::string_view token);

// The new values a mutation can carry. Token() is the element name in the schemas; the address
// parts are children of an <Adres> element, whose presence is the field kAdres (empty text): a
// mutation with an address replaces the whole address.
enum class Veld {
  kGemeente,
  kAdres,
  kPostcode,
  kWoonplaats,
  kStraatnaam,
  kHuisnummer,
  kHuisnummertoevoeging,
  kHuisnummeraanduiding,
  kLocatieomschrijving,
  kLand,
  kGeboortedatum,
  kNationaliteit1,
  kNationaliteit2,
  kRechtmatigVerblijf,
  kDatumBeslissing,
  kAsielgerechtigd,
  kVoornamen,
  kVoorvoegsels,
  kAchternaam,
  kGeslacht,
  kGeboorteland,
  kGeboorteplaats,
  kDatumVestigingInNederland,
  kCodeGeheim,
  kVerblijfsdoel,
  kDiplomasoort,
  kNiveau,
  kExamen,
  kExamenniveau,
  kUitslag,
  kProfiel,
  kVariant,
  kKader,
  kExamenonderdeel,
};
const char* Token(Veld v);
template <>
std::optional<Veld> ParseToken<Veld>(std::string_view token);
// True for the parts of an address (children of <Adres>).
bool IsAdresVeld(Veld v);

// One field of a kind: whether the kind requires it. Address parts are listed under kAdres by
// AdresVelden().
struct Veldspec {
  Veld veld;
  bool verplicht;
};
// The fields of `soort`, in schema order (besides Persoon and Datum, which every kind has).
const std::vector<Veldspec>& MutatieVelden(MutatieSoort soort);
// The parts of an <Adres>, in schema order.
const std::vector<Veldspec>& AdresVelden();

// Ok when `tekst` is a well-formed value of `veld` (its type in the schemas: a date, a boolean
// "true"/"false", a 4-digit municipality code, a postcode "1234AB", a house number 1..99999, an
// enumeration token, or non-empty text of at most 200 characters). InvalidArgument with a Dutch
// reason otherwise.
Status ControleerWaarde(Veld veld, std::string_view tekst);

struct Waarde {
  Veld veld;
  std::string tekst;
};

struct Mutatie {
  int volgnummer = 0;  // 1-based position among the mutations of its file
  MutatieSoort soort = MutatieSoort::kWijzigingPersoonsgegevens;
  std::string bsn;
  std::optional<std::string> anummer;
  Date datum;                   // the date of the change itself
  std::vector<Waarde> waarden;  // at most one per field

  bool Heeft(Veld v) const { return Tekst(v) != nullptr; }
  // The field's text, nullptr when absent.
  const std::string* Tekst(Veld v) const;
  std::optional<std::string> OptTekst(Veld v) const;
  std::optional<Date> DatumVan(Veld v) const;
  std::optional<bool> Bool(Veld v) const;
  std::optional<int> Int(Veld v) const;
  template <typename E>
  std::optional<E> Enum(Veld v) const {
    const std::string* t = Tekst(v);
    return t == nullptr ? std::nullopt : ParseToken<E>(*t);
  }
  // Sets (or replaces) a field.
  void Zet(Veld v, std::string tekst);
};

// A mutation the refresh did not apply, with the reason (seed: never silently skipped).
struct Weigering {
  std::string bestand_id;
  int volgnummer = 0;  // 0: the whole file was refused
  std::string bsn;     // as delivered (may be malformed); empty when unknown
  std::string soort;   // the element name as delivered
  std::string reden;   // Dutch, for the operator
};

// One mutation file as parsed.
struct Mutatiebestand {
  Bron bron = Bron::kGba;
  std::string bestand_id;
  Date aanmaakdatum;
  std::string pad;                     // where it was read from
  std::vector<Mutatie> mutaties;       // the well-formed mutations, in file order
  std::vector<Weigering> weigeringen;  // mutations refused while parsing, in file order
};

}  // namespace isi
