// What the extract files contain: the rows, their columns (header, meaning, cell) and the
// selection rules of ISI_VANAF2011 and Termijnoverschrijdingen (seed 000 §3.8, seed 003 "Lijst
// handhaving en termijnoverschrijding"). Pure functions of the dossier and the date; the
// builder (extract_builder.h) streams rows through them.
//
// Conventions in every file: codes are the wire tokens of the berichtenboek (model/codes.h);
// booleans Ja/Nee, empty when ISI has no value; a person with a secret address (code geheim)
// has empty address columns, as RaadplegenPersoon delivers no Adres for them.
#pragma once

#include <string>
#include <vector>

#include "model/date.h"
#include "model/dossier.h"
#include "model/selectie.h"
#include "tools/extract/table.h"

namespace isi::extract {

// --- ISI extract (xlsx): one sheet per section ------------------------------------------------

template <typename T>
struct SubRow {
  const Dossier& dossier;
  const T& record;
};

struct IsiSheets {
  Columns<Dossier> personen;    // one row per person
  Columns<Dossier> handhaving;  // one row per person with a handhaving
  Columns<SubRow<Verlenging>> verlengingen;
  Columns<SubRow<Inburgeringsvoorziening>> voorzieningen;
  Columns<SubRow<Vrijstelling>> vrijstellingen;
  Columns<SubRow<Boete>> boetes;
  Columns<SubRow<Examenonderdeel>> examens;
};
const IsiSheets& IsiExtractSheets();

// --- Signaallijst (csv) -------------------------------------------------------------------

const Columns<SignaalRij>& SignaallijstColumns();

// --- ISI_VANAF2011 (csv) ------------------------------------------------------------------

inline constexpr Date kVanaf2011{2011, 1, 1};
// A person "entered ISI from 2011 on" when datum_inburgeringsplicht or
// datum_vestiging_in_nederland is on or after 2011-01-01.
bool IsVanaf2011(const Dossier& d);
const Columns<Dossier>& Vanaf2011Columns();

// --- Termijnoverschrijdingen (csv) --------------------------------------------------------

// The groups of seed 003, in its order; kOverig for a person in none of them.
enum class TermijnGroep {
  kNederlandseNationaliteit,
  kTurkseNationaliteit,
  kOuderDan65,
  kVrijgesteldDoorDuo,
  kVertrokkenUitNederland,
  kOverig,
};
const char* GroepNaam(TermijnGroep g);
// What the seed suggests the municipality does for a person of this group.
const char* VoorgesteldeActie(TermijnGroep g);

// On the list at `peildatum`: ISI actief, not deceased, with a handhaving whose (extended) term
// ended before `peildatum` (einde_handhavingstermijn < peildatum), and no inburgeringsdiploma.
bool IsTermijnoverschrijding(const Dossier& d, const Date& peildatum);
// The groups `d` belongs to at `peildatum`, in seed order; {kOverig} when none:
//   Nederlandse / Turkse nationaliteit: nationaliteit 1 or 2 is "Nederlandse" / "Turkse";
//   ouder dan 65: 65 years or older on peildatum;
//   vrijgesteld door DUO: indicatie gehele vrijstelling door DUO;
//   vertrokken uit Nederland: datum vertrek uit Nederland at least one year before peildatum.
std::vector<TermijnGroep> TermijnGroepen(const Dossier& d, const Date& peildatum);

struct TermijnRij {
  const Dossier& dossier;
  Date peildatum;
  std::vector<TermijnGroep> groepen;  // TermijnGroepen(dossier, peildatum); front() is primary
};
const Columns<TermijnRij>& TermijnoverschrijdingenColumns();

}  // namespace isi::extract
