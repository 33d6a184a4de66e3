// The daily refresh (issue 5): apply mutation files of the GBA, IND and DUO to the store, raise
// the signals of the manual, the time-driven signals of the day, move persons between ISI
// actief and definitief, purge deceased persons, then rebuild the extracts.
//
// How it stays out of the service's way (see store/refresh_store.h): all files are parsed, and
// every change is computed from one read snapshot, before the write lock is taken; the changes
// then land in one short transaction, all or nothing. A file already applied (by BestandId) is
// reported and skipped. When the store changed between snapshot and commit in a way that
// matters (another refresh, a registration of a person involved), the commit is refused by the
// store and the refresh recomputes, up to three times.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.h"
#include "model/mutatie.h"
#include "model/status.h"
#include "store/refresh_store.h"

namespace isi::refresh {

struct RefreshOpties {
  Date peildatum;        // the refresh's "today"
  int64_t nu = 0;        // unix seconds, for the store's bookkeeping
  int max_pogingen = 3;  // commits refused with Conflict are recomputed this often
  // Progress: phase ("lezen", "berekenen", "schrijven", "extracten"), done, total.
  std::function<void(std::string_view fase, int64_t gedaan, int64_t totaal)> voortgang;
  // Rebuilds the extract files for the peildatum after the commit; empty: no rebuild.
  std::function<Status(Date peildatum)> extracten_bouwen;
  // Test hook: called inside the write transaction just before COMMIT.
  std::function<void()> voor_commit;
};

struct BestandUitkomst {
  enum class Soort {
    kToegepast,    // its mutations were applied (each, or refused with a reason)
    kAlToegepast,  // the same BestandId was applied before (or earlier in this run)
    kGeweigerd,    // corrupt: refused whole, nothing applied, not recorded
  };
  std::string pad;
  std::string bestand_id;  // empty when the file could not be read that far
  std::optional<Bron> bron;
  Soort soort = Soort::kGeweigerd;
  std::string reden;     // for kGeweigerd
  int64_t mutaties = 0;  // elements under <Mutaties>
  int64_t toegepast = 0;
  int64_t geweigerd = 0;
};
const char* Token(BestandUitkomst::Soort soort);

struct RefreshRapport {
  Date peildatum;
  std::optional<Date> vorige_peildatum;  // of the previous run (the time window's start)
  bool doorgevoerd = false;              // committed
  int pogingen = 0;
  std::vector<BestandUitkomst> bestanden;  // in the order given
  int64_t mutaties = 0;                    // in files applied now
  int64_t toegepast = 0;
  int64_t zonder_wijziging = 0;  // applied, but nothing changed (part of toegepast)
  int64_t geweigerd = 0;
  std::vector<Weigering> weigeringen;                // per file in order, then volgnummer
  std::map<std::string, int64_t> signalen_per_code;  // inserted
  int64_t signalen = 0;
  int64_t tijdsignalen_al_gegeven = 0;
  int64_t naar_definitief = 0;
  int64_t naar_actief = 0;
  int64_t geschoond = 0;
  int64_t nieuwe_personen = 0;
  int64_t personen_gewijzigd = 0;
  double seconden_lezen = 0;
  double seconden_berekenen = 0;
  double seconden_schrijfslot = 0;  // the write lock was held this long, of which:
  double seconden_personen = 0;     //   writing persons
  double seconden_signalen = 0;     //   inserting signals
  double seconden_commit = 0;       //   COMMIT (WAL write, fsync)
  double seconden_extracten = 0;
  Status extracten;  // outcome of the rebuild (Ok when none was asked)
};

// Runs the refresh for `paden` (in that order). Ok when the refresh was committed (files may
// still have been refused whole, mutations refused: see the report); otherwise the store's
// error and nothing was changed. The extract rebuild's outcome is in rapport->extracten.
Status VoerRefreshUit(RefreshStore* store, const std::vector<std::string>& paden,
                      const RefreshOpties& opties, RefreshRapport* rapport);

}  // namespace isi::refresh
