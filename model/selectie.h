// Read models of the message book beyond the dossier: selection rows, signal rows, which law
// applies (seed 000 §3.3, §3.6, §3.10). Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/codes.h"
#include "model/date.h"

namespace isi {

// Verblijf criterion of ZoekenPersonen (seed 000 §3.2).
enum class Verblijf {
  kWoonachtigInGemeente,  // woongemeente is the acting municipality
  kGewezenIngezetenen,    // left the municipality for abroad (woongemeente 1999 RNI, vorige = acting)
};
const char* Token(Verblijf v);
template <>
std::optional<Verblijf> ParseToken<Verblijf>(std::string_view token);

// Criteria of ZoekenPersonen. At least one of the birth-date bounds, geslacht or nationaliteit
// (the service checks that).
struct PersoonSelectie {
  std::string gemeentecode;
  std::optional<Date> geboortedatum_vanaf;
  std::optional<Date> geboortedatum_tot_en_met;
  std::optional<Geslacht> geslacht;
  std::optional<std::string> nationaliteit;  // first nationality, exact (e.g. "Marokkaanse")
  std::optional<Herkomst> herkomst;          // empty: ISI actief and definitief
  std::optional<Verblijf> verblijf;          // empty: both
};

// One row of "Gevonden personen" (seed 000 §3.3).
struct PersoonRij {
  std::string bsn;
  std::optional<std::string> anummer;
  std::string voornamen;
  std::string voorvoegsels;
  std::string achternaam;
  Date geboortedatum;
  Geslacht geslacht = Geslacht::kOnbekend;
  Herkomst herkomst = Herkomst::kIsiActief;
  std::optional<Date> datum_overlijden;
  bool signaal_aanwezig = false;  // a signal Nieuw or In behandeling for the acting municipality
};

// Sort columns of ZoekenSignalen (seed 000 §3.6); Omschrijving sorts as Code.
enum class SignaalSortering { kStatus, kBsn, kANummer, kAchternaam, kCode, kDatum };
const char* Token(SignaalSortering v);
template <>
std::optional<SignaalSortering> ParseToken<SignaalSortering>(std::string_view token);

struct SignaalSelectie {
  std::string gemeentecode;
  std::optional<std::string> bsn;
  std::optional<std::string> anummer;
  std::optional<std::string> code;
  std::optional<Date> datum_vanaf;
  std::optional<Date> datum_tot_en_met;
  std::optional<SignaalStatus> status;
  SignaalSortering sortering = SignaalSortering::kDatum;
  bool aflopend = true;
};

// One row of "Gevonden signalen" (seed 000 §3.6), plus what a CVS needs to act on it.
struct SignaalRij {
  int64_t id = 0;
  SignaalStatus status = SignaalStatus::kNieuw;
  std::string bsn;
  std::optional<std::string> anummer;
  std::string achternaam;
  std::string code;
  std::string omschrijving;
  Date datum;
  int64_t versie = 1;               // for WijzigenSignaalstatus (optimistic concurrency)
  int64_t wijzigingsvolgnummer = 0; // global, increasing with every insert or status change
};

// Where a keyset page ends: the sort value and id of its last row.
struct SignaalPositie {
  std::string sorteerwaarde;
  int64_t id = 0;
};

// Which law applies (seed 000 §3.10).
struct WetInfo {
  Wet wet = Wet::kGeen;              // kGeen also for an unknown BSN
  bool overleden = false;
  bool woonachtig_in_gemeente = false;
};

}  // namespace isi
