// The rules of the daily refresh: what a mutation does to a person in ISI, which signals of the
// manual (seed 000 §3.7) it raises, and which signals a date raises.
//
// All rules live in signaalregels.cpp in three tables a domain expert can review against §3.7:
//   kMutatieregels  one row per mutation kind: what it changes in ISI and when it is refused;
//   kSignaalregels  one row per (mutation kind, signal): the condition on the person before and
//                   after the mutation, and the manual's "Oorzaak" quoted;
//   kTijdregels     one row per time-driven signal (SS004, SS007, SS066): the event date, the
//                   condition, and the manual's "Oorzaak".
// Every one of the 25 codes of Signaalcodes() appears in at least one row (tested).
//
// Recipient: a signal always goes to the municipality the person is of after the change
// (GemeenteVan), never to another one: a move raises SS001 for the new municipality and
// nothing for the old; a person who left for abroad stays of the municipality they left.
// The actief/definitief moves are in model/isi_status_rules.h.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.h"
#include "model/dossier.h"
#include "model/mutatie.h"
#include "model/status.h"

namespace isi {

// One person as the refresh reads and changes it.
struct PersoonToestand {
  bool bestaat = false;    // false: ISI does not know the BSN (an IND newcomer may create it)
  bool geschoond = false;  // purged after death: only BSN, law and date of death are left
  Dossier dossier;         // signal counts (dossier.signalen) are not maintained here
  // The profile of the person's latest exam application (SS062); not part of the dossier.
  std::optional<std::string> profiel_laatste_aanmelding;
};

// The municipality the person is of (store.h's visibility rule): the woongemeente, or for a
// gewezen ingezetene (woongemeente 1999, RNI, with a vorige woongemeente) the municipality
// they left. Signals go there.
std::string GemeenteVan(const Dossier& d);

// What the rules may ask beyond the person.
struct RegelContext {
  Date peildatum;  // the refresh's date: "today"
  // Municipalities ISI knows (the store's gemeenten table).
  std::function<bool(std::string_view gemeentecode)> gemeente_bekend;
  // Municipalities with a CVS (an application key of their own or by uitbesteding): only they
  // receive SS065 (seed 000 §3.7 SS065 "Vervolgactie").
  std::function<bool(std::string_view gemeentecode)> heeft_cvs;
  // A-nummers already used by another person (an IND newcomer must not reuse one).
  std::function<bool(std::string_view anummer)> anummer_in_gebruik;
};

// A signal to raise.
struct SignaalOpdracht {
  std::string code;          // "SS001"
  std::string gemeentecode;  // the recipient
  // Time-driven signals: the date of the event (e.g. the end of the term), which with the BSN
  // and code identifies the signal so it is raised once, not every day. Empty otherwise.
  std::optional<Date> gebeurtenis;
};

struct MutatieUitkomst {
  // Ok: applied. Otherwise the reason it was refused (Dutch); the person is then unchanged.
  Status status;
  bool gewijzigd = false;  // applied and something in ISI changed
  bool geschoond = false;  // the person was purged (deceased)
  std::vector<SignaalOpdracht> signalen;
};

// Applies mutation `m` to `p` by kMutatieregels and raises the signals of kSignaalregels.
// Refuses (and leaves `p` as it was) a mutation dated after ctx.peildatum, for a person ISI
// does not know (except an IND newcomer), for a deceased or purged person, with an A-nummer
// that is not the person's, and for the kind's own reasons.
MutatieUitkomst PasMutatieToe(const Mutatie& m, PersoonToestand* p, const RegelContext& ctx);

// The time-driven signals of kTijdregels whose event date lies in (vorige, ctx.peildatum] and
// whose condition holds for `p` on ctx.peildatum. The caller drops those already raised on an
// earlier day (same BSN, code and event date).
std::vector<SignaalOpdracht> TijdSignalen(const PersoonToestand& p, Date vorige,
                                          const RegelContext& ctx);

// The date ranges in which a person's data must fall for a time-driven signal or a
// time-driven actief -> definitief move to become due in (vorige, peildatum]; the store uses
// them to find the candidates (a superset: the rules decide).
struct TijdVensters {
  Date einde_van, einde_tot;                                    // handhavingstermijn ends (SS066)
  Date einde_over_zes_maanden_van, einde_over_zes_maanden_tot;  // idem (SS004)
  Date geboren_van, geboren_tot;                                // birth dates (SS007)
  Date geboren_uiterlijk;     // pension age reached on the peildatum
  Date vertrokken_uiterlijk;  // left for abroad a year ago or longer
};
TijdVensters VenstersVoor(Date vorige, Date peildatum);

// Purges the personal data of a deceased person (seed 000 §3.7 SS008: "De persoonsgegevens
// worden geschoond"): keeps BSN, law, date of death, woongemeente and vorige woongemeente (to
// which the signals went) and herkomst definitief; clears names, A-nummer, birth data, address,
// indications and every sub-record. The birth dates become 1800-01-01, a placeholder the
// schema needs.
void Schoon(PersoonToestand* p);

// --- Review support -------------------------------------------------------------------------

// One rule as text: what raises the signal, on which condition, and the manual's cause.
struct RegelBeschrijving {
  std::string code;
  std::string aanleiding;  // the mutation kind's element name, or the time event
  std::string voorwaarde;
  std::string oorzaak;
};
// Every row of kSignaalregels and kTijdregels, in table order.
std::vector<RegelBeschrijving> Signaalregels();

// One row of kMutatieregels as text.
struct MutatieregelBeschrijving {
  MutatieSoort soort;
  std::string wijziging;  // what it changes in ISI
  std::string weigering;  // when it is refused (besides the general reasons)
};
std::vector<MutatieregelBeschrijving> Mutatieregels();

}  // namespace isi
