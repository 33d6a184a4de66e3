// ISI actief and ISI definitief (seed 003 "ISI actief en definitief"): which part of ISI a
// person belongs in, and when the daily refresh moves a person from one to the other.
//
// A person is ISI definitief when one of the rules in kDefinitiefRegels (isi_status_rules.cpp,
// one row per line of the seed) holds on the peildatum, and ISI actief otherwise. The refresh
// applies this only to persons it has a reason to look at (a mutation, or a date that passed),
// and conservatively:
//  - actief -> definitief whenever a rule holds;
//  - definitief -> actief only when the rules held before this refresh's mutations and no longer
//    hold after them (e.g. a person who had emigrated over a year ago settles here again).
//    A person the municipality or DUO placed in definitief for a reason these rules do not
//    know stays there.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/codes.h"
#include "model/date.h"
#include "model/dossier.h"

namespace isi {

// The pension age: from then on a person is out of the law's scope ("65+", seed 003).
inline constexpr int kPensioenleeftijd = 65;

struct HerkomstOordeel {
  Herkomst herkomst = Herkomst::kIsiActief;
  // For definitief: the seed's line that applies ("zijn overleden", ...); nullptr for actief.
  const char* reden = nullptr;
};

// Where the person belongs on `peildatum` by the rules of seed 003.
HerkomstOordeel BepaalHerkomst(const Dossier& d, Date peildatum);

// The move the refresh makes for a person whose dossier was `voor` before this refresh's
// mutations and is `na` after them (the same dossier when only time passed): the new herkomst,
// or nullopt when the person stays where na.kop.herkomst says. See the header comment.
std::optional<Herkomst> Verplaatsing(const Dossier& voor, const Dossier& na, Date peildatum);

// The reasons for ISI definitief, in the order the rules are tried (for review).
std::vector<std::string> DefinitiefRedenen();

}  // namespace isi
