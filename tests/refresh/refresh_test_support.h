// Helpers for the refresh tests: a store with hand-made persons, mutation files written from
// RuweMutatie, the refresh run in-process, and the signals it raised.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/dossier.h"
#include "model/mutatie.h"
#include "store/refresh_store.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"
#include "tools/refresh/mutatie_xml.h"
#include "tools/refresh/refresh.h"

namespace isi::testing {

using refresh::RuweMutatie;

// The peildatum most tests use.
inline const Date kPeil{2025, 3, 10};

// A person of `gemeente` with what the rules look at filled in realistically: ISI actief,
// Wi2007, born 1980, living at an address, obliged, nationality Marokkaanse, permanent lawful
// residence.
Dossier Persoon(int n, const std::string& gemeente);

// A mutation of `soort` for `bsn` on `datum` with `waarden`.
RuweMutatie Mut(MutatieSoort soort, const std::string& bsn, Date datum = kPeil,
                std::vector<Waarde> waarden = {});

class RefreshOmgeving {
 public:
  RefreshOmgeving();

  Store& store() { return *store_; }
  const std::string& pad() const { return pad_; }
  std::string File(const std::string& naam) const { return dir_.File(naam); }

  void Voeg(const Dossier& d);
  // Gives `gemeente` an application key: it then has a CVS (SS065).
  void Cvs(const std::string& gemeente);

  // Writes a mutation file of `bron` with `mutaties`; returns its path.
  std::string Bestand(Bron bron, const std::string& id, const std::vector<RuweMutatie>& mutaties,
                      Date aanmaak = kPeil);
  // Writes `xml` as a file; returns its path.
  std::string Tekst(const std::string& naam, const std::string& xml);

  // Runs the refresh in-process; REQUIREs Ok unless `status` is given.
  refresh::RefreshRapport Refresh(Date peildatum, const std::vector<std::string>& paden,
                                  Status* status = nullptr);
  // Convenience: one file of `bron` with these mutations, refreshed on kPeil.
  refresh::RefreshRapport EenBestand(Bron bron, const std::vector<RuweMutatie>& mutaties,
                                     Date peildatum = kPeil);

  // Signals in the store, "gemeente:code" for `bsn`, in id order.
  std::vector<std::string> Signalen(const std::string& bsn);
  // All signals, "bsn:gemeente:code", in id order.
  std::vector<std::string> AlleSignalen();
  // The dossier as municipality `gemeente` sees it; REQUIREs it is visible.
  Dossier Lees(const std::string& gemeente, const std::string& bsn);
  // Whether `gemeente` sees the person.
  bool Ziet(const std::string& gemeente, const std::string& bsn);

 private:
  TempDir dir_;
  std::string pad_;
  std::unique_ptr<Store> store_;
  int bestanden_ = 0;
};

}  // namespace isi::testing
