// A refresh killed with SIGKILL leaves the store exactly as it was before: the refresh runs in a
// child process that stops at a chosen moment (reading, computing, halfway through writing
// inside the transaction, just before COMMIT) and is killed there; the store's whole content is
// compared with a checksum taken before. Then the real isi-admin is killed at random moments:
// each time the store holds either nothing of the refresh or all of it.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/refresh/refresh_test_support.h"
#include "tools/generator.h"
#include "tools/refresh/mutatie_generator.h"

using namespace isi;
using namespace isi::testing;

namespace {

const Date kDag{2026, 11, 23};

// Every row of every table, sorted, as one text: equal texts mean equal stores.
std::string Inhoud(const std::string& pad) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(pad.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::vector<std::string> tabellen;
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY 1",
                             -1, &st, nullptr) == SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW) {
    tabellen.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  }
  sqlite3_finalize(st);
  std::string alles;
  for (const std::string& t : tabellen) {
    std::vector<std::string> rijen;
    REQUIRE(sqlite3_prepare_v2(db, ("SELECT * FROM \"" + t + "\"").c_str(), -1, &st, nullptr) ==
            SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string rij;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* v = sqlite3_column_text(st, i);
        rij += v == nullptr ? "\\N" : reinterpret_cast<const char*>(v);
        rij += '\x1f';
      }
      rijen.push_back(std::move(rij));
    }
    sqlite3_finalize(st);
    std::sort(rijen.begin(), rijen.end());
    alles += "## " + t + " " + std::to_string(rijen.size()) + "\n";
    for (const std::string& r : rijen) alles += r + "\n";
  }
  sqlite3_close(db);
  return alles;
}

struct Wereld {
  TempDir dir;
  std::string pad = dir.File("isi.db");
  std::vector<std::string> bestanden;

  Wereld() {
    auto store = OpenStore(pad);
    GeneratorOptions o;
    o.seed = 4;
    o.persons = 3000;
    o.today = kDag;
    Generator g(o);
    std::vector<Dossier> batch;
    std::vector<Signaal> signalen;
    while (g.NextBatch(1000, &batch, &signalen))
      REQUIRE(store->InsertPersons(batch, signalen).ok());
    REQUIRE(store->CreateKey(MakeKey("ak_0363_kill", "0363")).ok());
    std::unique_ptr<RefreshStore> rs;
    REQUIRE(OpenSqliteRefreshStore(pad, StoreOptions{}, &rs).ok());
    refresh::GeneratieOpties go;
    go.peildatum = kDag;
    go.aantal = 20000;
    go.seed = 8;
    go.ongeldig = 0.02;
    std::vector<refresh::GegenereerdBestand> files;
    REQUIRE(refresh::GenereerMutaties(rs.get(), go, &files).ok());
    for (const auto& f : files) {
      bestanden.push_back(dir.File(f.bestand_id + ".xml"));
      std::ofstream(bestanden.back()) << f.xml;
    }
  }
};

// Runs the refresh in a child that stops where `stop(fase, gedaan)` says (or just before COMMIT
// when `voor_commit`), and kills it there with SIGKILL. True when the child got there.
bool DoodOpMoment(const Wereld& w, const std::string& fase, int64_t vanaf, bool voor_commit) {
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(pipefd[0]);
    auto meld_en_wacht = [&] {
      const char x = 'x';
      (void)!write(pipefd[1], &x, 1);
      for (;;) pause();
    };
    std::unique_ptr<RefreshStore> rs;
    if (!OpenSqliteRefreshStore(w.pad, StoreOptions{}, &rs).ok()) _exit(2);
    refresh::RefreshOpties o;
    o.peildatum = kDag;
    o.nu = 1795000000;
    o.voortgang = [&](std::string_view f, int64_t gedaan, int64_t) {
      if (!voor_commit && f == fase && gedaan >= vanaf) meld_en_wacht();
    };
    if (voor_commit) o.voor_commit = meld_en_wacht;
    refresh::RefreshRapport r;
    (void)refresh::VoerRefreshUit(rs.get(), w.bestanden, o, &r);
    _exit(3);  // not stopped: the test is wrong
  }
  close(pipefd[1]);
  char x = 0;
  const bool gestopt = read(pipefd[0], &x, 1) == 1;
  close(pipefd[0]);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  return gestopt && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

}  // namespace

TEST_CASE("Refresh killed with SIGKILL at any stage leaves the store as it was",
          "[refresh][kill]") {
  Wereld w;
  const std::string voor = Inhoud(w.pad);
  const int64_t laatste_signaal = RawDb(w.pad).Int("SELECT max(id) FROM signalen");
  struct Moment {
    const char* fase;
    int64_t vanaf;
    bool voor_commit;
  };
  for (const Moment& m : {Moment{"lezen", 1, false}, Moment{"berekenen", 1000, false},
                          Moment{"schrijven", 1000, false}, Moment{"", 0, true}}) {
    INFO("gedood bij " << (m.voor_commit ? "vlak voor COMMIT" : m.fase));
    REQUIRE(DoodOpMoment(w, m.fase, m.vanaf, m.voor_commit));
    CHECK(Inhoud(w.pad) == voor);
  }

  // Afterwards the refresh runs normally and lands completely.
  std::unique_ptr<RefreshStore> rs;
  REQUIRE(OpenSqliteRefreshStore(w.pad, StoreOptions{}, &rs).ok());
  refresh::RefreshOpties o;
  o.peildatum = kDag;
  o.nu = 1795000000;
  refresh::RefreshRapport r;
  REQUIRE(refresh::VoerRefreshUit(rs.get(), w.bestanden, o, &r).ok());
  CHECK(r.toegepast > 15000);
  RawDb raw(w.pad);
  CHECK(raw.Int("SELECT count(*) FROM applied_files") == 3);
  CHECK(raw.Int("SELECT count(*) FROM signalen WHERE id > " + std::to_string(laatste_signaal)) ==
        r.signalen);
  CHECK(Inhoud(w.pad) != voor);
}

TEST_CASE("isi-admin refresh killed at random moments: all of the refresh or nothing",
          "[refresh][kill]") {
  Wereld w;
  const std::string voor = Inhoud(w.pad);
  const std::string laatste_signaal =
      std::to_string(RawDb(w.pad).Int("SELECT max(id) FROM signalen"));
  std::mt19937 rng(12345);
  int niets = 0;
  int alles = 0;
  for (int poging = 0; poging < 6 && alles == 0; ++poging) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      std::vector<std::string> args = {ISI_ADMIN_PATH, "refresh", "--store",
                                       w.pad,          "--date",  kDag.ToString()};
      args.insert(args.end(), w.bestanden.begin(), w.bestanden.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      freopen("/dev/null", "w", stdout);
      execv(argv[0], argv.data());
      _exit(127);
    }
    // Later each time, so that some attempt is killed late or not at all.
    const int ms = std::uniform_int_distribution<int>(50, 250)(rng) + poging * 300;
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    RawDb raw(w.pad);
    const int64_t runs = raw.Int("SELECT count(*) FROM refresh_runs");
    if (runs == 0) {
      ++niets;
      CHECK(Inhoud(w.pad) == voor);
    } else {
      ++alles;
      CHECK(runs == 1);
      CHECK(raw.Int("SELECT count(*) FROM applied_files") == 3);
      CHECK(raw.Int("SELECT signalen FROM refresh_runs") ==
            raw.Int("SELECT count(*) FROM signalen WHERE id > " + laatste_signaal));
    }
  }
  INFO("niets: " << niets << ", alles: " << alles);
  CHECK(niets + alles > 0);
}
