// RefreshStore: what the daily refresh (issue 5) needs from the ISI store, apart from the
// Store interface the service uses.
//
// The refresh works in two phases so that it never holds the write lock for long (the service
// writes a protocol record for every read, and those writes wait for the lock):
//  1. Read: within one snapshot (BeginSnapshot .. EndSnapshot) the refresh reads what it needs
//     (applied files, candidates for time-driven signals, the persons concerned) and computes
//     every change in memory. Nothing is written; readers and writers are not hindered (WAL).
//  2. Write: Commit() applies the precomputed changes in one short IMMEDIATE transaction: all or
//     nothing. Before writing a person it checks that the person's versie is still the one read
//     in phase 1; if anything changed in between (or another refresh applied one of the files),
//     Commit() returns Conflict and writes nothing, and the refresh recomputes.
// A kill -9 at any moment leaves the store as it was before the refresh, or (after COMMIT) as
// after it: SQLite's WAL journal and one transaction give that.
//
// One RefreshStore wraps its own database connection and is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/date.h"
#include "model/dossier.h"
#include "model/mutatie.h"
#include "model/signaalregels.h"
#include "model/status.h"
#include "store/store.h"

namespace isi {

// One personen column's new value (store-internal encoding: tokens, 'YYYY-MM-DD', 0/1).
struct KolomWaarde {
  enum class Soort { kNull, kGetal, kTekst };
  const char* kolom = "";  // a column name with static storage
  Soort soort = Soort::kNull;
  int64_t getal = 0;
  std::string tekst;
  bool operator==(const KolomWaarde& o) const {
    return soort == o.soort && getal == o.getal && tekst == o.tekst;
  }
};

// The change of one person, compact, made by MaakPersoonWijziging from the person before and
// after the refresh's rules.
struct PersoonWijziging {
  enum class Soort {
    kBijwerken,  // update the changed columns and sub-records
    kNieuw,      // insert a new person (IND newcomer)
    kSchonen,    // purge (deceased): update columns, delete every sub-record
  };
  Soort soort = Soort::kBijwerken;
  std::string bsn;
  int64_t versie = 0;  // the person's versie when read; Commit() checks it (not for kNieuw)
  std::vector<KolomWaarde> kolommen;  // personen columns that change (kNieuw: all of them)
  std::vector<Vrijstelling> nieuwe_vrijstellingen;
  std::vector<std::pair<int64_t, Date>> vrijstelling_einde;  // (id, new datum_einde)
  std::vector<Examenonderdeel> nieuwe_examenonderdelen;

  // Nothing to write.
  bool Leeg() const {
    return soort == Soort::kBijwerken && kolommen.empty() && nieuwe_vrijstellingen.empty() &&
           vrijstelling_einde.empty() && nieuwe_examenonderdelen.empty();
  }
};

// The change from `voor` (as loaded) to `na` (after the rules). The rules only append
// vrijstellingen (id 0) and examenonderdelen, end a vrijstelling, or purge; anything else in
// the sub-records is InvalidArgument (a bug in the rules). A person that did not exist before
// becomes kNieuw, a purge kSchonen; herkomst and every other personen column are diffed.
Status MaakPersoonWijziging(const PersoonToestand& voor, const PersoonToestand& na,
                            PersoonWijziging* out);

// A delivered file to record as applied.
struct BestandRegistratie {
  std::string bestand_id;
  Bron bron = Bron::kGba;
  Date aanmaakdatum;
};

// A signal to insert (status Nieuw, versie 1, dated `datum`).
struct NieuwSignaal {
  std::string bsn;
  std::string gemeentecode;
  std::string code;
  Date datum;
  // The person's achternaam and A-nummer after this refresh (the signal list sorts on copies).
  std::string achternaam;
  std::optional<std::string> anummer;
  // Time-driven signals: the event date; the signal is inserted only when (bsn, code,
  // gebeurtenis) was never raised before (checked in the write transaction).
  std::optional<Date> gebeurtenis;
};

// The counts recorded with the run (refresh_runs).
struct RefreshTellingen {
  int64_t bestanden = 0;
  int64_t toegepast = 0;
  int64_t geweigerd = 0;
  int64_t naar_definitief = 0;
  int64_t naar_actief = 0;
  int64_t geschoond = 0;
};

struct RefreshCommit {
  Date peildatum;
  int64_t started_at = 0;  // unix seconds
  int64_t now = 0;         // unix seconds: updated_at, created_at, applied_at
  std::vector<BestandRegistratie> bestanden;
  std::vector<PersoonWijziging> personen;  // at most one per BSN
  // Inserted (and numbered in the change feed) in this order; sorting them by BSN keeps the
  // index writes of the commit local.
  std::vector<NieuwSignaal> signalen;
  RefreshTellingen tellingen;
};

struct CommitResultaat {
  int64_t refresh_id = 0;
  std::map<std::string, int64_t> signalen_per_code;  // signals actually inserted
  int64_t tijdsignalen_al_gegeven = 0;  // time-driven signals skipped: raised on an earlier day
  double seconden_in_transactie = 0;    // how long the write lock was held, of which:
  double seconden_personen = 0;         //   writing the persons
  double seconden_signalen = 0;         //   inserting the signals
  double seconden_commit = 0;           //   COMMIT (the WAL write and fsync)
};

struct CommitOpties {
  // Called with (persons written, total) during the write, at most every 1000 persons.
  std::function<void(int64_t, int64_t)> voortgang;
  // Called inside the transaction after everything was written, just before COMMIT (tests kill
  // the process here).
  std::function<void()> voor_commit;
};

class RefreshStore {
 public:
  virtual ~RefreshStore() = default;

  // --- Phase 1: reading, within one snapshot ---------------------------------------------

  // Starts a read snapshot; every read until EndSnapshot() sees the store as of now.
  virtual Status BeginSnapshot() = 0;
  virtual Status EndSnapshot() = 0;

  // Which of `ids` are recorded as applied.
  virtual Status AppliedFiles(const std::vector<std::string>& ids,
                              std::set<std::string>* applied) = 0;
  // The peildatum of the latest refresh run; nullopt when there was none.
  virtual Status LaatstePeildatum(std::optional<Date>* out) = 0;
  // The municipalities the store knows.
  virtual Status Gemeenten(std::set<std::string>* out) = 0;
  // Municipalities with a CVS: an unrevoked application key of their own, or one that may act
  // for them (uitbesteding).
  virtual Status CvsGemeenten(std::set<std::string>* out) = 0;
  // Which of `anummers` belong to a person in the store.
  virtual Status ANummersInGebruik(const std::vector<std::string>& anummers,
                                   std::set<std::string>* used) = 0;
  // BSNs (ascending, unique) of the persons that may be due for a time-driven signal or move
  // (a superset; the rules decide): a handhavingstermijn ending in one of the windows, an 18th
  // birthday in its window, actief persons of pension age, actief persons abroad for a year.
  virtual Status TijdKandidaten(const TijdVensters& vensters, std::vector<std::string>* bsns) = 0;
  // Loads the persons with these BSNs (ascending, unique), including purged ones, and calls
  // `fn` for each BSN in that order (bestaat false for a BSN the store does not know). Loads
  // in batches; memory does not grow with the number of BSNs. Stops at fn's first error.
  virtual Status LoadPersons(
      const std::vector<std::string>& bsns,
      const std::function<Status(const std::string& bsn, PersoonToestand&& p)>& fn) = 0;
  // BSNs (ascending) of all persons that are not purged and not deceased.
  virtual Status LevendePersonen(std::vector<std::string>* bsns) = 0;

  // --- Phase 2: writing ---------------------------------------------------------------------

  // Applies `commit` in one IMMEDIATE transaction and records the run and its files. Conflict
  // when a file is already recorded as applied, a person's versie differs from
  // PersoonWijziging::versie, or a new person's BSN or A-nummer exists (nothing is written;
  // recompute and retry); Unavailable when the write lock cannot be had within the busy
  // timeout; Internal otherwise. Must not be called inside a snapshot.
  virtual Status Commit(const RefreshCommit& commit, const CommitOpties& opties,
                        CommitResultaat* out) = 0;
};

// Opens the SQLite store at `path` for the refresh (migrating it like OpenSqliteStore). Same
// errors as OpenSqliteStore.
Status OpenSqliteRefreshStore(const std::string& path, const StoreOptions& options,
                              std::unique_ptr<RefreshStore>* out);

}  // namespace isi
