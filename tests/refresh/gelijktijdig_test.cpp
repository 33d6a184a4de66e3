// The service keeps answering while a refresh of 100,000 mutations runs: readers that do what
// the service does per request (read a dossier, then write its protocol record into the
// protocol file, with the store's default busy timeout of 5 s) never get Unavailable, and they see the store before the refresh or
// after it, never in between. Prints the longest a request waited and how long the refresh held
// the write lock.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/protocol_log.h"
#include "tests/refresh/refresh_test_support.h"
#include "tools/generator.h"
#include "tools/refresh/mutatie_generator.h"

using namespace isi;
using namespace isi::testing;

namespace {

const Date kDag{2026, 11, 23};
using Klok = std::chrono::steady_clock;

struct Lezer {
  int64_t verzoeken = 0;
  int64_t tijdens_refresh = 0;
  std::vector<std::string> fouten;
  double langste_ms = 0;
};

}  // namespace

TEST_CASE("Reads with protocol records during a refresh of 100k mutations never fail",
          "[refresh][gelijktijdig]") {
  TempDir dir;
  const std::string pad = dir.File("isi.db");
  std::vector<std::pair<std::string, std::string>> personen;  // (gemeente, bsn)
  {
    auto store = OpenStore(pad);
    GeneratorOptions o;
    o.seed = 17;
    o.persons = 10000;
    o.today = kDag;
    Generator g(o);
    std::vector<Dossier> batch;
    std::vector<Signaal> signalen;
    while (g.NextBatch(5000, &batch, &signalen)) {
      REQUIRE(store->InsertPersons(batch, signalen).ok());
      for (const Dossier& d : batch) personen.emplace_back(GemeenteVan(d), d.kop.bsn);
    }
    REQUIRE(store->CreateKey(MakeKey("ak_0363_lezer", "0363")).ok());
  }
  std::vector<std::string> bestanden;
  {
    std::unique_ptr<RefreshStore> rs;
    REQUIRE(OpenSqliteRefreshStore(pad, StoreOptions{}, &rs).ok());
    refresh::GeneratieOpties go;
    go.peildatum = kDag;
    go.aantal = 100000;
    go.seed = 3;
    go.ongeldig = 0.01;
    std::vector<refresh::GegenereerdBestand> files;
    REQUIRE(refresh::GenereerMutaties(rs.get(), go, &files).ok());
    for (const auto& f : files) {
      bestanden.push_back(dir.File(f.bestand_id + ".xml"));
      std::ofstream(bestanden.back()) << f.xml;
    }
  }
  int64_t signalen_voor = 0;
  {
    auto store = OpenStore(pad, false);
    SignaalSelectie sel;
    sel.gemeentecode = "0363";
    std::vector<SignaalRij> rows;
    int64_t open = 0;
    REQUIRE(store->SelectSignals(sel, std::nullopt, 0, &rows, &signalen_voor, &open).ok());
  }

  std::atomic<bool> refresh_loopt{false};
  std::atomic<bool> stop{false};
  std::mutex tellingen_mutex;
  std::vector<int64_t> gezien_totalen;
  constexpr int kLezers = 3;
  std::vector<Lezer> lezers(kLezers);
  // One protocol file for all readers, as the service shares one between its workers.
  std::unique_ptr<ProtocolLog> protocol;
  {
    ProtocolLogOptions po;
    po.create_if_missing = true;
    REQUIRE(OpenProtocolLog(pad, po, &protocol).ok());
  }
  std::vector<std::thread> threads;
  for (int i = 0; i < kLezers; ++i) {
    threads.emplace_back([&, i] {
      Lezer& l = lezers[static_cast<size_t>(i)];
      std::unique_ptr<Store> store;
      StoreOptions so;  // the service's defaults: busy timeout 5 s
      if (Status s = OpenSqliteStore(pad, so, &store); !s.ok()) {
        l.fouten.push_back(s.ToString());
        return;
      }
      std::mt19937 rng(static_cast<unsigned>(i));
      while (!stop) {
        const auto& [gemeente, bsn] = personen[rng() % personen.size()];
        const auto start = Klok::now();
        Status s;
        if (i == 0 && l.verzoeken % 4 == 0) {
          // The signal list of 0363: the refresh's signals appear all at once or not at all.
          SignaalSelectie sel;
          sel.gemeentecode = "0363";
          std::vector<SignaalRij> rows;
          int64_t totaal = 0, open = 0;
          s = store->SelectSignals(sel, std::nullopt, 20, &rows, &totaal, &open);
          if (s.ok()) {
            std::lock_guard<std::mutex> lock(tellingen_mutex);
            if (gezien_totalen.empty() || gezien_totalen.back() != totaal) {
              gezien_totalen.push_back(totaal);
            }
          }
        } else {
          Dossier d;
          s = store->GetDossierByBsn(gemeente, bsn, &d);
          if (s.code() == Status::Code::kNotFound) s = Status::Ok();  // moved, died: fine
        }
        if (s.ok()) {
          AuditRecord a;
          a.at = 1795000000;
          a.key_id = "ak_0363_lezer";
          a.gemeentecode = gemeente;
          a.operation = "RaadplegenPersoon";
          a.bsn = bsn;
          a.outcome = "Geleverd";
          s = protocol->Append(&a);
        }
        const double ms = std::chrono::duration<double, std::milli>(Klok::now() - start).count();
        l.langste_ms = std::max(l.langste_ms, ms);
        ++l.verzoeken;
        if (refresh_loopt) ++l.tijdens_refresh;
        if (!s.ok()) l.fouten.push_back(s.ToString());
      }
    });
  }

  std::unique_ptr<RefreshStore> rs;
  REQUIRE(OpenSqliteRefreshStore(pad, StoreOptions{}, &rs).ok());
  refresh::RefreshOpties o;
  o.peildatum = kDag;
  o.nu = 1795000000;
  refresh::RefreshRapport r;
  refresh_loopt = true;
  const auto start = Klok::now();
  const Status s = refresh::VoerRefreshUit(rs.get(), bestanden, o, &r);
  const double seconden = std::chrono::duration<double>(Klok::now() - start).count();
  refresh_loopt = false;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop = true;
  for (std::thread& t : threads) t.join();

  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(r.mutaties == 100000);
  CHECK(r.toegepast > 95000);
  int64_t verzoeken = 0;
  int64_t tijdens = 0;
  double langste = 0;
  for (const Lezer& l : lezers) {
    for (const std::string& f : l.fouten) FAIL_CHECK("lezer kreeg: " << f);
    verzoeken += l.verzoeken;
    tijdens += l.tijdens_refresh;
    langste = std::max(langste, l.langste_ms);
  }
  CHECK(tijdens > 0);
  // No long pause: reads and their protocol records never wait for the refresh's write lock
  // (they did while the records lived in the store's own file). Relative to the time the lock
  // was held, so that a slow machine does not make the check flaky.
  CHECK(langste < 1000.0 * r.seconden_schrijfslot / 2);
  // Before, or after: the signal list never shows half a refresh.
  int64_t signalen_na = 0;
  {
    auto store = OpenStore(pad, false);
    SignaalSelectie sel;
    sel.gemeentecode = "0363";
    std::vector<SignaalRij> rows;
    int64_t open = 0;
    REQUIRE(store->SelectSignals(sel, std::nullopt, 0, &rows, &signalen_na, &open).ok());
  }
  CHECK(signalen_na > signalen_voor);
  for (int64_t t : gezien_totalen) CHECK((t == signalen_voor || t == signalen_na));
  WARN("refresh van " << r.mutaties << " mutaties op 10000 personen: " << seconden
                      << " s, schrijfslot " << r.seconden_schrijfslot << " s (personen "
                      << r.seconden_personen << ", signalen " << r.seconden_signalen << ", commit "
                      << r.seconden_commit << "); " << verzoeken
                      << " verzoeken met protocolrecord, " << tijdens
                      << " tijdens de refresh, langste " << langste << " ms, 0 fouten");
}
