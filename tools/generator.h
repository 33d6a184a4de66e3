// Generator: deterministic synthetic ISI data (persons with whole dossiers, and their signals)
// for demos, load tests and the integration tests.
//
// Same options (seed, persons, gemeenten, today) give byte-identical data on every platform:
// the generator uses its own PRNG (xoshiro256**) and integer arithmetic only, never the
// implementation-defined std:: distributions. Person i depends only on the options and i, plus
// the BSN/A-nummer walks, which are consumed in person order; so the batch size never changes
// the data.
//
// What the data looks like (all dates valid and consistent, none after `today`):
//  - unique, valid BSNs (elfproef) and A-nummers, derived from a keyed permutation of the
//    number space, so uniqueness needs no set even for millions of persons;
//  - names, countries and nationalities typical of Wi2007 inburgeraars, Dutch addresses with
//    postcodes of the person's municipality; woonplaats is the municipality's name;
//  - about 70% ISI actief, 30% ISI definitief (diploma, deceased, emigrated, fully exempt,
//    naturalised, pension age, or under another law); mostly Wi2007;
//  - gewezen ingezetenen: about 3% of each requested municipality's persons left for abroad
//    (emigrated over a year ago: ISI definitief; within the year: ISI actief). They have
//    kop.woongemeente "1999" (RNI), kop.vorige_woongemeente = the requested municipality,
//    datum_vertrek_uit_nederland set and no address; their signals stay with that municipality.
//    Every other person of a real municipality lives there: an address, no departure date.
//    Persons requested for 1999 itself have no vorige_woongemeente;
//  - obliged persons (oudkomer/nieuwkomer) with handhaving 2008..2012, terms of 5 or 3.5 years,
//    verlengingen; volunteers; persons not yet determined; voorzieningen, vrijstellingen,
//    boetes, exams with retakes and diplomas;
//  - 0..3 signals per person in every status, dated 2008..today, for the person's municipality
//    (for a gewezen ingezetene the one they left); most of the 25 codes occur in every
//    municipality of a few hundred persons, and the first person of each municipality has three
//    signals, one in each status, so every status is present even in a tiny data set.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/date.h"
#include "model/dossier.h"
#include "model/status.h"

namespace isi {

// The most persons one generator run may produce (the BSN space has room for about 9x more).
inline constexpr int64_t kMaxGeneratedPersons = 10'000'000;

struct GeneratorOptions {
  uint64_t seed = 0;
  int64_t persons = 0;  // 0..kMaxGeneratedPersons
  // CBS codes from BekendeGemeenten() (1999 = RNI allowed), no duplicates; persons are spread
  // over them, each gets at least one when persons >= gemeenten.size(). Empty means
  // DefaultGeneratorGemeenten().
  std::vector<std::string> gemeenten;
  // The data's "today": no date lies after it. 2013-01-01 .. 2050-12-31.
  Date today{2025, 1, 1};
};

// The municipalities used when GeneratorOptions::gemeenten is empty:
// 0014 Groningen, 0034 Almere, 0344 Utrecht, 0363 Amsterdam, 0599 Rotterdam.
const std::vector<std::string>& DefaultGeneratorGemeenten();

// Ok when `options` can be generated; otherwise InvalidArgument with a Dutch message naming the
// offending field ("persons", "gemeenten", "today").
Status ValidateGeneratorOptions(const GeneratorOptions& options);

// True for a dossier that makes a good demo sample: ISI actief, alive, living in the Netherlands,
// no code geheim, with handhaving, at least one voorziening and at least one exam.
bool IsRichDossier(const Dossier& dossier);

class Generator {
 public:
  // Precondition: ValidateGeneratorOptions(options).ok(); throws std::invalid_argument otherwise.
  explicit Generator(GeneratorOptions options);

  // Replaces the contents of *persons and *signalen with the next at most `max` persons (max > 0)
  // and all their signals. Returns false, leaving both empty, once all persons were produced.
  // Dossier ids (voorziening/vrijstelling/signal ids) are 0: the store assigns them. The signal
  // counts in each dossier match its signals.
  bool NextBatch(size_t max, std::vector<Dossier>* persons, std::vector<Signaal>* signalen);

  // Number of persons produced so far.
  int64_t produced() const { return next_index_; }
  // The options in effect (gemeenten filled in when they were left empty).
  const GeneratorOptions& options() const { return options_; }

 private:
  void MakePerson(int64_t index, Dossier* dossier, std::vector<Signaal>* signalen);
  std::string NextBsn();
  std::string NextANummer();

  GeneratorOptions options_;
  int64_t next_index_ = 0;
  // The BSN and A-nummer walks: position in a keyed permutation of the 8-digit prefixes.
  uint64_t bsn_cursor_ = 0;
  uint64_t anummer_cursor_ = 0;
  std::array<uint64_t, 4> bsn_keys_{};
  std::array<uint64_t, 4> anummer_keys_{};
  std::vector<uint32_t> gemeente_weights_;  // cumulative, parallel to options_.gemeenten
};

}  // namespace isi
