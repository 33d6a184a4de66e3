#include "tools/refresh/refresh.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <set>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "model/isi_status_rules.h"
#include "model/signaalregels.h"
#include "tools/refresh/mutatie_xml.h"

namespace isi::refresh {
namespace {

using Klok = std::chrono::steady_clock;

double Sinds(Klok::time_point t) { return std::chrono::duration<double>(Klok::now() - t).count(); }

// A mutation to apply, with the index of its file in the report.
struct Gepland {
  const Mutatie* m;
  size_t bestand;
};

// A signal with the position that orders it: mutation signals in file and mutation order (and
// rule order within a mutation), then the time-driven ones.
struct GeordendSignaal {
  size_t bestand;
  int volgnummer;
  NieuwSignaal signaal;
};

struct GeordendeWeigering {
  size_t bestand;
  Weigering weigering;
};

// Ends the snapshot on every way out of a computation.
class SnapshotGuard {
 public:
  explicit SnapshotGuard(RefreshStore* store) : store_(store) {}
  ~SnapshotGuard() { (void)store_->EndSnapshot(); }
  SnapshotGuard(const SnapshotGuard&) = delete;
  SnapshotGuard& operator=(const SnapshotGuard&) = delete;

 private:
  RefreshStore* store_;
};

void Voortgang(const RefreshOpties& o, std::string_view fase, int64_t gedaan, int64_t totaal) {
  if (o.voortgang) o.voortgang(fase, gedaan, totaal);
}

// One attempt: snapshot, compute, commit. `gelezen[i]` is the parsed file i (nullopt when it
// was refused whole); `r` starts from the report after reading.
Status Poging(RefreshStore* store, const std::vector<std::optional<Mutatiebestand>>& gelezen,
              const RefreshOpties& opties, RefreshRapport* r) {
  const auto start = Klok::now();
  RefreshCommit commit;
  commit.peildatum = opties.peildatum;
  commit.now = opties.nu;
  commit.started_at = opties.nu;
  std::vector<GeordendSignaal> signalen;
  std::vector<GeordendeWeigering> weigeringen;
  {
    if (Status s = store->BeginSnapshot(); !s.ok()) return s;
    SnapshotGuard guard(store);

    // Which files to apply: not applied before, not twice in this run.
    std::vector<std::string> ids;
    for (const auto& b : gelezen)
      if (b) ids.push_back(b->bestand_id);
    std::set<std::string> al;
    if (Status s = store->AppliedFiles(ids, &al); !s.ok()) return s;
    std::set<std::string> in_deze_run;
    std::vector<Gepland> plan;
    for (size_t i = 0; i < gelezen.size(); ++i) {
      if (!gelezen[i]) continue;
      const Mutatiebestand& b = *gelezen[i];
      BestandUitkomst& u = r->bestanden[i];
      if (al.count(b.bestand_id) > 0 || !in_deze_run.insert(b.bestand_id).second) {
        u.soort = BestandUitkomst::Soort::kAlToegepast;
        continue;
      }
      u.soort = BestandUitkomst::Soort::kToegepast;
      u.geweigerd = static_cast<int64_t>(b.weigeringen.size());
      r->mutaties += u.mutaties;
      for (const Weigering& w : b.weigeringen) weigeringen.push_back({i, w});
      for (const Mutatie& m : b.mutaties) plan.push_back({&m, i});
      commit.bestanden.push_back({b.bestand_id, b.bron, b.aanmaakdatum});
    }
    std::stable_sort(plan.begin(), plan.end(),
                     [](const Gepland& a, const Gepland& b) { return a.m->bsn < b.m->bsn; });

    // The time window: (previous run's peildatum, peildatum]; the day before on a first run.
    std::optional<Date> vorige_run;
    if (Status s = store->LaatstePeildatum(&vorige_run); !s.ok()) return s;
    r->vorige_peildatum = vorige_run;
    Date vorige = opties.peildatum.AddDays(-1);
    if (vorige_run) vorige = std::min(*vorige_run, opties.peildatum);

    std::set<std::string> gemeenten;
    std::set<std::string> cvs;
    if (Status s = store->Gemeenten(&gemeenten); !s.ok()) return s;
    if (Status s = store->CvsGemeenten(&cvs); !s.ok()) return s;
    std::vector<std::string> nieuwe_anummers;
    for (const Gepland& g : plan) {
      if (g.m->soort == MutatieSoort::kNieuwkomer && g.m->anummer) {
        nieuwe_anummers.push_back(*g.m->anummer);
      }
    }
    std::set<std::string> anummers;
    if (Status s = store->ANummersInGebruik(nieuwe_anummers, &anummers); !s.ok()) return s;

    RegelContext ctx;
    ctx.peildatum = opties.peildatum;
    ctx.gemeente_bekend = [&](std::string_view g) { return gemeenten.count(std::string(g)) > 0; };
    ctx.heeft_cvs = [&](std::string_view g) { return cvs.count(std::string(g)) > 0; };
    ctx.anummer_in_gebruik = [&](std::string_view a) { return anummers.count(std::string(a)) > 0; };

    // Everyone to look at: persons with mutations, and candidates for the day's time rules.
    std::vector<std::string> bsns;
    if (Status s = store->TijdKandidaten(VenstersVoor(vorige, opties.peildatum), &bsns); !s.ok()) {
      return s;
    }
    for (const Gepland& g : plan) bsns.push_back(g.m->bsn);
    std::sort(bsns.begin(), bsns.end());
    bsns.erase(std::unique(bsns.begin(), bsns.end()), bsns.end());

    size_t volgende = 0;  // into plan (sorted by BSN like bsns)
    int64_t gedaan = 0;
    const auto totaal = static_cast<int64_t>(bsns.size());
    Status s = store->LoadPersons(bsns, [&](const std::string& bsn, PersoonToestand&& p) -> Status {
      const PersoonToestand voor = p;
      const size_t eerste_signaal = signalen.size();
      for (; volgende < plan.size() && plan[volgende].m->bsn == bsn; ++volgende) {
        const Mutatie& m = *plan[volgende].m;
        const size_t bestand = plan[volgende].bestand;
        const bool bestond = p.bestaat;
        MutatieUitkomst uit = PasMutatieToe(m, &p, ctx);
        BestandUitkomst& u = r->bestanden[bestand];
        if (!uit.status.ok()) {
          ++u.geweigerd;
          weigeringen.push_back(
              {bestand, {u.bestand_id, m.volgnummer, m.bsn, Token(m.soort), uit.status.message()}});
          continue;
        }
        ++u.toegepast;
        ++r->toegepast;
        if (!uit.gewijzigd) ++r->zonder_wijziging;
        if (uit.geschoond) ++r->geschoond;
        if (!bestond && p.bestaat) {
          ++r->nieuwe_personen;
          if (p.dossier.kop.anummer) anummers.insert(*p.dossier.kop.anummer);
        }
        for (SignaalOpdracht& o : uit.signalen) {
          signalen.push_back({bestand,
                              m.volgnummer,
                              {bsn, std::move(o.gemeentecode), std::move(o.code), opties.peildatum,
                               "", std::nullopt, std::nullopt}});
        }
      }
      if (p.bestaat && !p.geschoond) {
        for (SignaalOpdracht& o : TijdSignalen(p, vorige, ctx)) {
          signalen.push_back({std::numeric_limits<size_t>::max(),
                              0,
                              {bsn, std::move(o.gemeentecode), std::move(o.code), opties.peildatum,
                               "", std::nullopt, o.gebeurtenis}});
        }
        const std::optional<Herkomst> naar =
            Verplaatsing(voor.bestaat ? voor.dossier : p.dossier, p.dossier, opties.peildatum);
        if (naar) {
          p.dossier.kop.herkomst = *naar;
          ++(*naar == Herkomst::kIsiDefinitief ? r->naar_definitief : r->naar_actief);
        }
      }
      // The signals carry the person's name and A-nummer as they are after this refresh.
      for (size_t i = eerste_signaal; i < signalen.size(); ++i) {
        signalen[i].signaal.achternaam = p.dossier.kop.naam.achternaam;
        signalen[i].signaal.anummer = p.dossier.kop.anummer;
      }
      if (p.bestaat) {
        PersoonWijziging w;
        if (Status st = MaakPersoonWijziging(voor, p, &w); !st.ok()) return st;
        if (!w.Leeg()) commit.personen.push_back(std::move(w));
      }
      if (++gedaan % 1000 == 0) Voortgang(opties, "berekenen", gedaan, totaal);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    Voortgang(opties, "berekenen", gedaan, totaal);
  }
  r->seconden_berekenen = Sinds(start);

  // The same signal for the same person and municipality once per run; per person in file
  // and mutation order, time-driven last. They were collected per person in BSN order, which
  // is the order the commit inserts them in.
  std::stable_sort(signalen.begin(), signalen.end(),
                   [](const GeordendSignaal& a, const GeordendSignaal& b) {
                     return std::tie(a.signaal.bsn, a.bestand, a.volgnummer) <
                            std::tie(b.signaal.bsn, b.bestand, b.volgnummer);
                   });
  std::unordered_set<std::string> gezien;
  for (GeordendSignaal& g : signalen) {
    const NieuwSignaal& n = g.signaal;
    if (!gezien.insert(n.bsn + n.gemeentecode + n.code).second) continue;
    commit.signalen.push_back(std::move(g.signaal));
  }
  std::stable_sort(weigeringen.begin(), weigeringen.end(),
                   [](const GeordendeWeigering& a, const GeordendeWeigering& b) {
                     return std::tie(a.bestand, a.weigering.volgnummer) <
                            std::tie(b.bestand, b.weigering.volgnummer);
                   });
  for (GeordendeWeigering& w : weigeringen) r->weigeringen.push_back(std::move(w.weigering));
  r->geweigerd = static_cast<int64_t>(r->weigeringen.size());
  r->personen_gewijzigd = static_cast<int64_t>(commit.personen.size());

  commit.tellingen.bestanden = static_cast<int64_t>(commit.bestanden.size());
  commit.tellingen.toegepast = r->toegepast;
  commit.tellingen.geweigerd = r->geweigerd;
  commit.tellingen.naar_definitief = r->naar_definitief;
  commit.tellingen.naar_actief = r->naar_actief;
  commit.tellingen.geschoond = r->geschoond;

  CommitOpties co;
  co.voortgang = [&](int64_t gedaan, int64_t totaal) {
    Voortgang(opties, "schrijven", gedaan, totaal);
  };
  co.voor_commit = opties.voor_commit;
  CommitResultaat res;
  if (Status s = store->Commit(commit, co, &res); !s.ok()) return s;
  r->doorgevoerd = true;
  r->signalen_per_code = std::move(res.signalen_per_code);
  r->signalen = 0;
  for (const auto& [code, n] : r->signalen_per_code) r->signalen += n;
  r->tijdsignalen_al_gegeven = res.tijdsignalen_al_gegeven;
  r->seconden_schrijfslot = res.seconden_in_transactie;
  r->seconden_personen = res.seconden_personen;
  r->seconden_signalen = res.seconden_signalen;
  r->seconden_commit = res.seconden_commit;
  return Status::Ok();
}

}  // namespace

const char* Token(BestandUitkomst::Soort soort) {
  switch (soort) {
    case BestandUitkomst::Soort::kToegepast:
      return "toegepast";
    case BestandUitkomst::Soort::kAlToegepast:
      return "al toegepast";
    case BestandUitkomst::Soort::kGeweigerd:
      return "geweigerd";
  }
  return "?";
}

Status VoerRefreshUit(RefreshStore* store, const std::vector<std::string>& paden,
                      const RefreshOpties& opties, RefreshRapport* rapport) {
  RefreshRapport basis;
  basis.peildatum = opties.peildatum;
  const auto start = Klok::now();
  std::vector<std::optional<Mutatiebestand>> gelezen(paden.size());
  for (size_t i = 0; i < paden.size(); ++i) {
    BestandUitkomst u;
    u.pad = paden[i];
    Mutatiebestand b;
    Status s = LeesMutatiebestand(paden[i], &b);
    if (s.ok() && b.aanmaakdatum > opties.peildatum) {
      s = Status::InvalidArgument("aanmaakdatum " + b.aanmaakdatum.ToString() +
                                  " ligt na de peildatum " + opties.peildatum.ToString());
    }
    if (s.ok()) {
      u.bestand_id = b.bestand_id;
      u.bron = b.bron;
      u.mutaties = static_cast<int64_t>(b.mutaties.size() + b.weigeringen.size());
      gelezen[i] = std::move(b);
    } else {
      u.soort = BestandUitkomst::Soort::kGeweigerd;
      u.reden = s.message();
    }
    basis.bestanden.push_back(std::move(u));
    Voortgang(opties, "lezen", static_cast<int64_t>(i + 1), static_cast<int64_t>(paden.size()));
  }
  basis.seconden_lezen = Sinds(start);

  Status s;
  for (int poging = 1; poging <= std::max(1, opties.max_pogingen); ++poging) {
    RefreshRapport r = basis;
    r.pogingen = poging;
    s = Poging(store, gelezen, opties, &r);
    if (s.ok()) {
      *rapport = std::move(r);
      break;
    }
    *rapport = std::move(r);
    rapport->doorgevoerd = false;
    if (s.code() != Status::Code::kConflict) return s;
  }
  if (!s.ok()) return s;

  if (opties.extracten_bouwen) {
    const auto extract_start = Klok::now();
    rapport->extracten = opties.extracten_bouwen(opties.peildatum);
    rapport->seconden_extracten = Sinds(extract_start);
  }
  return Status::Ok();
}

}  // namespace isi::refresh
