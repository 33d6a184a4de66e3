// Synthetic mutation files for a store (`isi-admin generate-mutations`): realistic GBA, IND and
// DUO deliveries about the store's persons, for tests, demos and benchmarks.
//
// Deterministic: the same store, options and seed give the same files. Each mutation fits the
// person it is about (a move goes to another municipality, a return from abroad is for someone
// abroad, an enrolment ends only where a temporary exemption runs, exam results go to persons
// without a diploma, ...), and later mutations see the effect of earlier ones (nobody moves
// after dying). Mutation dates lie in the 20 days up to the peildatum. On request a fraction
// is invalid in the ways the refresh must report: a BSN failing the elfproef, a person ISI does
// not know, an impossible date, an unknown kind, a date after the peildatum, a move to the
// municipality the person already lives in. (Files with an unknown kind or an impossible date
// do not validate against the XSDs, by design.)
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/date.h"
#include "model/mutatie.h"
#include "model/status.h"
#include "store/refresh_store.h"

namespace isi::refresh {

struct GeneratieOpties {
  Date peildatum;      // the files' creation date; no mutation is dated after it
  int64_t aantal = 0;  // mutations over all files, 0..10,000,000
  uint64_t seed = 0;
  double ongeldig = 0;  // fraction of invalid mutations, 0..1
};

struct GegenereerdBestand {
  Bron bron = Bron::kGba;
  std::string bestand_id;  // "GBA-2025-03-01-s42"
  std::string xml;
  int64_t mutaties = 0;
  int64_t ongeldig = 0;
  std::map<std::string, int64_t> per_soort;  // element name -> count
};

// InvalidArgument (field "aantal", "ongeldig") for options out of range, or when the store has
// no living person to write about; the store's status when reading fails. One file per source
// that got at least one mutation, in the order GBA, IND, DUO.
Status GenereerMutaties(RefreshStore* store, const GeneratieOpties& opties,
                        std::vector<GegenereerdBestand>* out);

}  // namespace isi::refresh
