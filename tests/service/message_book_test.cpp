// Integration tests of the message book (issue 3) against the real isi-server over TLS, called
// with the generated client: selection, signals and their workflow, which law applies, roles,
// acting for another municipality, brute-force locking and protocollering. The store is filled
// with synthetic persons whose dossiers the test keeps in memory as the oracle.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/identifiers.h"
#include "service/client.h"
#include "store/store.h"
#include "tests/support/server_world.h"
#include "tools/generator.h"

using namespace isi;
using namespace isi::testing;

namespace {

const char kPassword[] = "message-book-test-password";
const char kK2[] = "ak_0034_rol2", kK3[] = "ak_0034_rol3", kK6[] = "ak_0034_rol6";
const char kK14[] = "ak_0014_rol6", kK14Granted[] = "ak_0014_uitbesteed", kKLock[] = "ak_0034_lock";

bool VisibleTo(const Dossier& d, const std::string& g) {
  return d.kop.woongemeente == g ||
         (d.kop.woongemeente == "1999" && d.kop.vorige_woongemeente.value_or("") == g);
}

struct World : ServerWorld {
  std::vector<Dossier> persons;   // the oracle
  std::vector<Signaal> signalen;  // ids not known (the store assigns them)

  World() {
    auto store = CreateStore();
    GeneratorOptions g;
    g.seed = 20070101;
    g.persons = 3000;
    g.gemeenten = {"0034", "0014"};
    g.today = Date{2026, 6, 1};
    Generator gen(g);
    std::vector<Dossier> batch;
    std::vector<Signaal> sigs;
    while (gen.NextBatch(1000, &batch, &sigs)) {
      Require(store->InsertPersons(batch, sigs));
      persons.insert(persons.end(), batch.begin(), batch.end());
      signalen.insert(signalen.end(), sigs.begin(), sigs.end());
    }
    AddKey(*store, kK2, "0034", {2}, kPassword);
    AddKey(*store, kK3, "0034", {3}, kPassword);
    AddKey(*store, kK6, "0034", {6}, kPassword);
    AddKey(*store, kK14, "0014", {6}, kPassword);
    AddKey(*store, kK14Granted, "0014", {6}, kPassword);
    AddKey(*store, kKLock, "0034", {6}, kPassword);
    Require(store->GrantActFor(kK14Granted, "0034"));
    store.reset();
    Start({"--workers", "2", "--max-auth-failures", "5", "--auth-failure-window", "3600",
           "--auth-lock-seconds", "600"});
  }

  ClientOptions Options(const std::string& key, const std::string& password = kPassword) const {
    return ServerWorld::Options(key, password);
  }
  std::vector<const Dossier*> Matching(const std::function<bool(const Dossier&)>& pred,
                                       const std::string& gemeente = "0034") const {
    std::vector<const Dossier*> out;
    for (const auto& d : persons)
      if (VisibleTo(d, gemeente) && pred(d)) out.push_back(&d);
    return out;
  }
};

World& W() {
  static World world;
  return world;
}

// Criteria of ZoekenPersonen, as values the request fields can point at.
struct Criteria {
  std::optional<std::string> vanaf, tot, nationaliteit;
  std::optional<isi__Geslacht> geslacht;
  std::optional<isi__Herkomst> herkomst;
  std::optional<isi__Verblijf> verblijf;
};

// Pages through ZoekenPersonen; returns every BSN in page order (duplicates kept, to detect them).
std::vector<std::string> SelectAll(IsiClient& client, Criteria c, int page_size, int64_t* totaal,
                                   const std::function<void()>& between_pages = nullptr) {
  std::vector<std::string> bsns;
  std::optional<std::string> token;
  for (int guard = 0; guard < 10000; ++guard) {
    _isi__ZoekenPersonen req;
    req.Gemeentecode = "0034";
    req.GeboortedatumVanaf = c.vanaf ? &*c.vanaf : nullptr;
    req.GeboortedatumTotEnMet = c.tot ? &*c.tot : nullptr;
    req.Nationaliteit = c.nationaliteit ? &*c.nationaliteit : nullptr;
    req.Geslacht = c.geslacht ? &*c.geslacht : nullptr;
    req.Herkomst = c.herkomst ? &*c.herkomst : nullptr;
    req.Verblijf = c.verblijf ? &*c.verblijf : nullptr;
    req.PaginaGrootte = &page_size;
    req.Vervolgsleutel = token ? &*token : nullptr;
    ClientFault fault;
    auto* r = client.ZoekenPersonen(req, &fault);
    INFO(fault.code << ": " << fault.melding);
    REQUIRE(r != nullptr);
    REQUIRE(r->Persoon.size() <= static_cast<size_t>(page_size));
    if (guard == 0) *totaal = r->Totaal;
    for (auto* p : r->Persoon) bsns.push_back(p->BSN);
    if (r->VolgendePagina == nullptr) break;
    token = *r->VolgendePagina;
    if (between_pages) between_pages();
  }
  return bsns;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> BsnsOf(const std::vector<const Dossier*>& ds) {
  std::vector<std::string> v;
  for (auto* d : ds) v.push_back(d->kop.bsn);
  return Sorted(v);
}

}  // namespace

TEST_CASE("ZoekenPersonen: each criterion selects exactly the matching persons, in BSN order", "[integration][selectie]") {
  IsiClient client(W().Options(kK3));
  int64_t totaal = 0;
  SECTION("geslacht") {
    Criteria c;
    c.geslacht = isi__Geslacht::Vrouw;
    auto got = SelectAll(client, c, 37, &totaal);
    auto want = BsnsOf(W().Matching([](const Dossier& d) { return d.persoonsgegevens.geslacht == Geslacht::kVrouw; }));
    REQUIRE_FALSE(want.empty());
    CHECK(got == want);  // already in BSN order, each once
    CHECK(totaal == static_cast<int64_t>(want.size()));
  }
  SECTION("geboortedatum range, inclusive at both ends") {
    Criteria c;
    c.vanaf = "1970-01-01";
    c.tot = "1979-12-31";
    auto got = SelectAll(client, c, 100, &totaal);
    auto want = BsnsOf(W().Matching([](const Dossier& d) {
      return d.kop.geboortedatum >= Date{1970, 1, 1} && d.kop.geboortedatum <= Date{1979, 12, 31};
    }));
    REQUIRE_FALSE(want.empty());
    CHECK(got == want);
  }
  SECTION("nationaliteit (first nationality) with herkomst") {
    const Dossier* any = W().Matching([](const Dossier& d) { return d.persoonsgegevens.nationaliteit1.has_value(); }).front();
    Criteria c;
    c.nationaliteit = *any->persoonsgegevens.nationaliteit1;
    c.herkomst = isi__Herkomst::IsiActief;
    auto got = SelectAll(client, c, 20, &totaal);
    auto want = BsnsOf(W().Matching([&](const Dossier& d) {
      return d.persoonsgegevens.nationaliteit1 == c.nationaliteit && d.kop.herkomst == Herkomst::kIsiActief;
    }));
    CHECK(got == want);
  }
  SECTION("verblijf: woonachtig and gewezen ingezetenen partition the municipality's persons") {
    Criteria woon, gewezen;
    woon.geslacht = gewezen.geslacht = isi__Geslacht::Man;
    woon.verblijf = isi__Verblijf::WoonachtigInGemeente;
    gewezen.verblijf = isi__Verblijf::GewezenIngezetenen;
    auto a = SelectAll(client, woon, 100, &totaal);
    auto b = SelectAll(client, gewezen, 100, &totaal);
    CHECK(a == BsnsOf(W().Matching([](const Dossier& d) {
      return d.persoonsgegevens.geslacht == Geslacht::kMan && d.kop.woongemeente == "0034";
    })));
    CHECK(b == BsnsOf(W().Matching([](const Dossier& d) {
      return d.persoonsgegevens.geslacht == Geslacht::kMan && d.kop.woongemeente == "1999";
    })));
  }
  SECTION("persons of another municipality never appear") {
    Criteria c;
    c.geslacht = isi__Geslacht::Man;
    auto got = SelectAll(client, c, 100, &totaal);
    std::set<std::string> of0014;
    for (auto* d : W().Matching([](const Dossier&) { return true; }, "0014")) of0014.insert(d->kop.bsn);
    for (const auto& b : got) CHECK(of0014.count(b) == 0);
  }
}

TEST_CASE("ZoekenPersonen: paging loses and repeats nothing while persons and signals are added", "[integration][selectie]") {
  IsiClient client(W().Options(kK3));
  Criteria c;
  c.vanaf = "1900-01-01";  // everyone
  auto before = BsnsOf(W().Matching([](const Dossier&) { return true; }));
  auto store = W().OpenStore();
  int added = 0;
  int64_t totaal = 0;
  std::set<std::string> taken(before.begin(), before.end());
  for (const auto& d : W().persons) taken.insert(d.kop.bsn);
  int64_t next = 990000000;
  auto got = SelectAll(client, c, 23, &totaal, [&] {
    // A new person of 0034 and a new signal for an existing one, between every two pages.
    Dossier fresh = W().persons.front();
    while (!IsValidBsn(std::to_string(next)) || taken.count(std::to_string(next))) ++next;
    fresh.kop.bsn = std::to_string(next++);
    taken.insert(fresh.kop.bsn);
    fresh.kop.anummer.reset();
    fresh.kop.woongemeente = "0034";
    fresh.kop.vorige_woongemeente.reset();
    Signaal s;
    s.code = "SS052";
    s.datum = {2026, 5, 1};
    s.bsn = before[static_cast<size_t>(added) % before.size()];
    s.gemeentecode = "0034";
    REQUIRE(store->InsertPersons({fresh}, {s}).ok());
    ++added;
  });
  REQUIRE(added > 10);
  std::set<std::string> unique(got.begin(), got.end());
  CHECK(unique.size() == got.size());  // nothing twice
  for (const auto& b : before) CHECK(unique.count(b) == 1);  // nothing lost
  CHECK(std::is_sorted(got.begin(), got.end()));
}

TEST_CASE("ZoekenPersonen: refused without birth date, sex or nationality, and with a foreign token", "[integration][selectie]") {
  IsiClient client(W().Options(kK3));
  ClientFault fault;
  _isi__ZoekenPersonen req;
  req.Gemeentecode = "0034";
  isi__Herkomst h = isi__Herkomst::IsiActief;
  req.Herkomst = &h;
  CHECK(client.ZoekenPersonen(req, &fault) == nullptr);
  CHECK(fault.code == "OngeldigVerzoek");

  isi__Geslacht g = isi__Geslacht::Man;
  req.Geslacht = &g;
  int page = 5;
  req.PaginaGrootte = &page;
  auto* r = client.ZoekenPersonen(req, &fault);
  REQUIRE(r != nullptr);
  REQUIRE(r->VolgendePagina != nullptr);
  std::string token = *r->VolgendePagina;
  isi__Geslacht other = isi__Geslacht::Vrouw;
  req.Geslacht = &other;  // the token belongs to the query for men
  req.Vervolgsleutel = &token;
  CHECK(client.ZoekenPersonen(req, &fault) == nullptr);
  CHECK(fault.code == "OngeldigVerzoek");
  CHECK(fault.veld == "Vervolgsleutel");
  std::string garbage = "p1.!!!";
  req.Vervolgsleutel = &garbage;
  CHECK(client.ZoekenPersonen(req, &fault) == nullptr);
  CHECK(fault.veld == "Vervolgsleutel");
}

namespace {

struct SigRow {
  int64_t id;
  std::string status, bsn, anummer, achternaam, code, datum;
};

int StatusRank(const std::string& s) { return s == "Nieuw" ? 0 : s == "InBehandeling" ? 1 : 2; }

std::vector<SigRow> AllSignals(IsiClient& client, std::optional<isi__Signaalsortering> sort,
                               std::optional<isi__Volgorde> order, int page, int64_t* totaal,
                               int64_t* open) {
  std::vector<SigRow> rows;
  std::optional<std::string> token;
  for (int guard = 0; guard < 10000; ++guard) {
    _isi__ZoekenSignalen req;
    req.Gemeentecode = "0034";
    req.Sortering = sort ? &*sort : nullptr;
    req.Volgorde = order ? &*order : nullptr;
    req.PaginaGrootte = &page;
    req.Vervolgsleutel = token ? &*token : nullptr;
    ClientFault fault;
    auto* r = client.ZoekenSignalen(req, &fault);
    INFO(fault.code << ": " << fault.melding);
    REQUIRE(r != nullptr);
    if (guard == 0) {
      *totaal = r->Totaal;
      *open = r->NietAfgehandeld;
    }
    for (auto* s : r->Signaal)
      rows.push_back({s->SignaalId, soap_isi__SignaalStatus2s(client.soap(), s->Status), s->BSN,
                      s->ANummer ? *s->ANummer : "", s->Achternaam, s->Code, s->Datum});
    if (r->VolgendePagina == nullptr) break;
    token = *r->VolgendePagina;
  }
  return rows;
}

}  // namespace

TEST_CASE("ZoekenSignalen: every sort column, both directions, pages through all signals once", "[integration][signalen]") {
  IsiClient client(W().Options(kK6));
  const std::vector<std::pair<isi__Signaalsortering, std::function<std::string(const SigRow&)>>> columns = {
      {isi__Signaalsortering::Status, [](const SigRow& r) { return std::to_string(StatusRank(r.status)); }},
      {isi__Signaalsortering::BSN, [](const SigRow& r) { return r.bsn; }},
      {isi__Signaalsortering::ANummer, [](const SigRow& r) { return r.anummer; }},
      {isi__Signaalsortering::Achternaam, [](const SigRow& r) { return r.achternaam; }},
      {isi__Signaalsortering::Code, [](const SigRow& r) { return r.code; }},
      {isi__Signaalsortering::Omschrijving, [](const SigRow& r) { return r.code; }},
      {isi__Signaalsortering::Datum, [](const SigRow& r) { return r.datum; }},
  };
  int64_t expected_total = 0, expected_open = 0;
  for (const auto& s : W().signalen) {
    if (s.gemeentecode != "0034") continue;
    ++expected_total;
    if (s.status != SignaalStatus::kAfgehandeld) ++expected_open;
  }
  REQUIRE(expected_total > 50);
  for (const auto& [column, key] : columns) {
    for (auto order : {isi__Volgorde::Oplopend, isi__Volgorde::Aflopend}) {
      INFO("sortering " << static_cast<int>(column) << " volgorde " << static_cast<int>(order));
      int64_t totaal = 0, open = 0;
      auto rows = AllSignals(client, column, order, 17, &totaal, &open);
      CHECK(totaal >= expected_total);  // other tests may add signals, never remove them
      CHECK(static_cast<int64_t>(rows.size()) == totaal);
      std::set<int64_t> ids;
      for (const auto& r : rows) ids.insert(r.id);
      CHECK(ids.size() == rows.size());
      for (size_t i = 1; i < rows.size(); ++i) {
        auto a = std::make_pair(key(rows[i - 1]), rows[i - 1].id);
        auto b = std::make_pair(key(rows[i]), rows[i].id);
        if (order == isi__Volgorde::Oplopend) CHECK(a < b);
        else CHECK(a > b);
      }
    }
  }
}

TEST_CASE("ZoekenSignalen: NietAfgehandeld counts Nieuw and InBehandeling; filters narrow", "[integration][signalen]") {
  IsiClient client(W().Options(kK6));
  int64_t totaal = 0, open = 0;
  auto rows = AllSignals(client, std::nullopt, std::nullopt, 100, &totaal, &open);
  int64_t counted_open = std::count_if(rows.begin(), rows.end(), [](const SigRow& r) { return r.status != "Afgehandeld"; });
  CHECK(open == counted_open);
  // Filter on one person's BSN and code.
  const SigRow& pick = rows.front();
  _isi__ZoekenSignalen req;
  req.Gemeentecode = "0034";
  std::string bsn = pick.bsn, code = pick.code;
  req.BSN = &bsn;
  req.Code = &code;
  ClientFault fault;
  auto* r = client.ZoekenSignalen(req, &fault);
  REQUIRE(r != nullptr);
  CHECK(r->Totaal >= 1);
  for (auto* s : r->Signaal) {
    CHECK(s->BSN == bsn);
    CHECK(s->Code == code);
  }
  CHECK(r->NietAfgehandeld == open);  // the municipality's figure, whatever the criteria
}

TEST_CASE("WijzigenSignaalstatus: the workflow, refused transitions and stale versions", "[integration][signalen]") {
  IsiClient client(W().Options(kK6));
  int64_t totaal = 0, open = 0;
  auto rows = AllSignals(client, std::nullopt, std::nullopt, 100, &totaal, &open);
  std::vector<SigRow> nieuw;
  for (const auto& r : rows)
    if (r.status == "Nieuw") nieuw.push_back(r);
  REQUIRE(nieuw.size() >= 4);
  auto change = [&](int64_t id, int64_t versie, isi__SignaalStatus to, ClientFault* fault) {
    _isi__WijzigenSignaalstatus req;
    req.Gemeentecode = "0034";
    req.SignaalId = id;
    req.Versie = versie;
    req.NieuweStatus = to;
    return client.WijzigenSignaalstatus(req, fault);
  };
  ClientFault fault;
  SECTION("Nieuw -> InBehandeling -> Afgehandeld, each bumping the version") {
    auto* a = change(nieuw[0].id, 1, isi__SignaalStatus::InBehandeling, &fault);
    INFO(fault.code << ": " << fault.melding);
    REQUIRE(a != nullptr);
    CHECK(a->GewijzigdSignaal->Status == isi__SignaalStatus::InBehandeling);
    const int64_t v2 = a->GewijzigdSignaal->Versie;
    CHECK(v2 == 2);
    CHECK(change(nieuw[0].id, v2, isi__SignaalStatus::Nieuw, &fault) == nullptr);  // back: refused
    CHECK(fault.code == "OngeldigeStatusovergang");
    auto* b = change(nieuw[0].id, v2, isi__SignaalStatus::Afgehandeld, &fault);
    REQUIRE(b != nullptr);
    CHECK(b->GewijzigdSignaal->Versie == 3);
    for (auto to : {isi__SignaalStatus::Nieuw, isi__SignaalStatus::InBehandeling, isi__SignaalStatus::Afgehandeld}) {
      CHECK(change(nieuw[0].id, 3, to, &fault) == nullptr);
      CHECK(fault.code == "OngeldigeStatusovergang");
    }
  }
  SECTION("Nieuw -> Afgehandeld directly") {
    REQUIRE(change(nieuw[1].id, 1, isi__SignaalStatus::Afgehandeld, &fault) != nullptr);
  }
  SECTION("Nieuw -> Nieuw is refused") {
    CHECK(change(nieuw[2].id, 1, isi__SignaalStatus::Nieuw, &fault) == nullptr);
    CHECK(fault.code == "OngeldigeStatusovergang");
  }
  SECTION("a stale version is refused and changes nothing") {
    REQUIRE(change(nieuw[3].id, 1, isi__SignaalStatus::InBehandeling, &fault) != nullptr);
    CHECK(change(nieuw[3].id, 1, isi__SignaalStatus::Afgehandeld, &fault) == nullptr);
    CHECK(fault.code == "VersieVerouderd");
    _isi__ZoekenSignalen req;
    req.Gemeentecode = "0034";
    std::string bsn = nieuw[3].bsn;
    req.BSN = &bsn;
    auto* r = client.ZoekenSignalen(req, &fault);
    REQUIRE(r != nullptr);
    for (auto* s : r->Signaal)
      if (s->SignaalId == nieuw[3].id) CHECK(s->Status == isi__SignaalStatus::InBehandeling);
  }
  SECTION("a signal of another municipality is not found") {
    IsiClient other(W().Options(kK14));
    _isi__ZoekenSignalen req;
    req.Gemeentecode = "0014";
    auto* r = other.ZoekenSignalen(req, &fault);
    REQUIRE(r != nullptr);
    REQUIRE_FALSE(r->Signaal.empty());
    CHECK(change(r->Signaal[0]->SignaalId, r->Signaal[0]->Versie, isi__SignaalStatus::Afgehandeld, &fault) == nullptr);
    CHECK(fault.code == "NietGevonden");
  }
}

TEST_CASE("ZoekenSignaalwijzigingen: polling sees every signal once, then only what changed", "[integration][signalen]") {
  IsiClient client(W().Options(kK6));
  auto poll = [&](std::optional<std::string>* token, std::vector<isi__Signaal>* seen) {
    for (int guard = 0; guard < 1000; ++guard) {
      _isi__ZoekenSignaalwijzigingen req;
      req.Gemeentecode = "0034";
      req.Sinds = *token ? &**token : nullptr;
      int max = 97;
      req.Maximum = &max;
      ClientFault fault;
      auto* r = client.ZoekenSignaalwijzigingen(req, &fault);
      INFO(fault.code << ": " << fault.melding);
      REQUIRE(r != nullptr);
      for (auto* s : r->Signaal) seen->push_back(*s);
      *token = r->Wijzigingstoken;
      if (!r->Meer) break;
    }
  };
  std::optional<std::string> token;
  std::vector<isi__Signaal> all;
  poll(&token, &all);
  std::set<int64_t> ids;
  for (const auto& s : all) ids.insert(s.SignaalId);
  CHECK(ids.size() == all.size());
  int64_t totaal = 0, open = 0;
  auto listed = AllSignals(client, std::nullopt, std::nullopt, 100, &totaal, &open);
  CHECK(ids.size() == listed.size());

  std::vector<isi__Signaal> none;
  poll(&token, &none);
  CHECK(none.empty());

  const SigRow* target = nullptr;
  for (const auto& r : listed)
    if (r.status == "Nieuw") target = &r;
  REQUIRE(target != nullptr);
  _isi__WijzigenSignaalstatus req;
  req.Gemeentecode = "0034";
  req.SignaalId = target->id;
  req.Versie = 1;
  req.NieuweStatus = isi__SignaalStatus::InBehandeling;
  ClientFault fault;
  REQUIRE(client.WijzigenSignaalstatus(req, &fault) != nullptr);
  std::vector<isi__Signaal> changed;
  poll(&token, &changed);
  REQUIRE(changed.size() == 1);
  CHECK(changed[0].SignaalId == target->id);
  CHECK(changed[0].Status == isi__SignaalStatus::InBehandeling);
}

TEST_CASE("OnderWelkeWet: answers for any BSN and reveals only law, death and residence", "[integration][wet]") {
  IsiClient client(W().Options(kK2));
  auto ask = [&](const std::string& bsn) {
    _isi__OnderWelkeWet req;
    req.Gemeentecode = "0034";
    req.BSN = bsn;
    ClientFault fault;
    auto* r = client.OnderWelkeWet(req, &fault);
    INFO(fault.code << ": " << fault.melding);
    REQUIRE(r != nullptr);
    return *r;
  };
  const Dossier* own = W().Matching([](const Dossier& d) {
    return d.kop.woongemeente == "0034" && !d.persoonsgegevens.datum_overlijden && d.wet == Wet::kWi2007;
  }).front();
  auto a = ask(own->kop.bsn);
  CHECK(a.Wet == isi__Wet::Wi2007);
  CHECK(a.WoonachtigInGemeente);
  CHECK_FALSE(a.Overleden);

  const Dossier* other = W().Matching([](const Dossier&) { return true; }, "0014").front();
  auto b = ask(other->kop.bsn);
  CHECK_FALSE(b.WoonachtigInGemeente);
  CHECK(std::string(soap_isi__Wet2s(client.soap(), b.Wet)) == Token(other->wet));

  auto deceased = W().Matching([](const Dossier& d) { return d.persoonsgegevens.datum_overlijden.has_value(); });
  if (!deceased.empty()) CHECK(ask(deceased.front()->kop.bsn).Overleden);

  auto unknown = ask("200000019");
  CHECK(unknown.Wet == isi__Wet::Geen);
  CHECK_FALSE(unknown.WoonachtigInGemeente);
  CHECK_FALSE(unknown.Overleden);
}

TEST_CASE("Roles: each operation refuses a key without its role", "[integration][auth]") {
  ClientFault fault;
  _isi__ZoekenPersonen zp;
  zp.Gemeentecode = "0034";
  isi__Geslacht g = isi__Geslacht::Man;
  zp.Geslacht = &g;
  _isi__ZoekenSignalen zs;
  zs.Gemeentecode = "0034";
  _isi__OnderWelkeWet ow;
  ow.Gemeentecode = "0034";
  ow.BSN = "200000019";

  IsiClient rol2(W().Options(kK2));
  CHECK(rol2.OnderWelkeWet(ow, &fault) != nullptr);
  CHECK(rol2.ZoekenPersonen(zp, &fault) == nullptr);
  CHECK(fault.code == "NietGeautoriseerd");
  IsiClient rol3(W().Options(kK3));
  CHECK(rol3.ZoekenPersonen(zp, &fault) != nullptr);
  CHECK(rol3.ZoekenSignalen(zs, &fault) == nullptr);
  CHECK(fault.code == "NietGeautoriseerd");
  IsiClient rol6(W().Options(kK6));
  CHECK(rol6.ZoekenSignalen(zs, &fault) != nullptr);
  CHECK(rol6.ZoekenPersonen(zp, &fault) != nullptr);
}

TEST_CASE("Uitbesteding: a key acts for another municipality only while that is granted", "[integration][auth]") {
  ClientFault fault;
  _isi__ZoekenSignalen zs;
  zs.Gemeentecode = "0034";
  IsiClient not_granted(W().Options(kK14));
  CHECK(not_granted.ZoekenSignalen(zs, &fault) == nullptr);
  CHECK(fault.code == "NietGeautoriseerd");

  IsiClient granted(W().Options(kK14Granted));
  auto* r = granted.ZoekenSignalen(zs, &fault);
  REQUIRE(r != nullptr);
  CHECK(r->Totaal > 0);
  REQUIRE(W().OpenStore()->RevokeActFor(kK14Granted, "0034").ok());
  CHECK(granted.ZoekenSignalen(zs, &fault) == nullptr);
  CHECK(fault.code == "NietGeautoriseerd");
}

TEST_CASE("Brute force: too many wrong passwords lock the key, even for the right one", "[integration][auth]") {
  ClientFault fault;
  _isi__OnderWelkeWet ow;
  ow.Gemeentecode = "0034";
  ow.BSN = "200000019";
  for (int i = 0; i < 5; ++i) {
    IsiClient wrong(W().Options(kKLock, "wrong-password"));
    CHECK(wrong.OnderWelkeWet(ow, &fault) == nullptr);
    CHECK(fault.code == "NietGeauthenticeerd");
  }
  IsiClient right(W().Options(kKLock));
  CHECK(right.OnderWelkeWet(ow, &fault) == nullptr);
  CHECK(fault.code == "SleutelGeblokkeerd");
  // The administrator unlocks it.
  REQUIRE(W().OpenStore()->ResetAuthFailures(kKLock).ok());
  CHECK(right.OnderWelkeWet(ow, &fault) != nullptr);
}

TEST_CASE("Protocollering: a selection page writes one record per person delivered", "[integration][audit]") {
  auto protocol = W().OpenProtocol();
  std::vector<AuditRecord> before;
  REQUIRE(protocol->List("", &before).ok());
  IsiClient client(W().Options(kK3));
  _isi__ZoekenPersonen req;
  req.Gemeentecode = "0034";
  isi__Geslacht g = isi__Geslacht::Vrouw;
  req.Geslacht = &g;
  int page = 20;
  req.PaginaGrootte = &page;
  ClientFault fault;
  auto* r = client.ZoekenPersonen(req, &fault);
  REQUIRE(r != nullptr);
  REQUIRE(r->Persoon.size() == 20);
  std::vector<AuditRecord> after;
  REQUIRE(protocol->List("", &after).ok());
  REQUIRE(after.size() == before.size() + 20);
  for (size_t i = 0; i < 20; ++i) {
    const AuditRecord& a = after[before.size() + i];
    CHECK(a.operation == "ZoekenPersonen");
    CHECK(a.key_id == kK3);
    CHECK(a.bsn == r->Persoon[i]->BSN);
  }
  int64_t checked = 0, bad = -1;
  REQUIRE(protocol->Verify(&checked, &bad).ok());
  CHECK(bad == 0);
  CHECK(checked == static_cast<int64_t>(after.size()));
}

TEST_CASE("README examples: every request file gets an answer of its operation", "[integration][raw]") {
  const int port = W().server->port();
  const std::vector<std::pair<std::string, std::string>> files = {
      {"ZoekenPersonen", "<isi:ZoekenPersonenResponse>"},
      {"ZoekenSignalen", "<isi:ZoekenSignalenResponse>"},
      {"ZoekenSignaalwijzigingen", "<isi:ZoekenSignaalwijzigingenResponse>"},
      {"OnderWelkeWet", "<isi:OnderWelkeWetResponse>"},
      {"WijzigenSignaalstatus", "<isi:WijzigenSignaalstatusResponse>"},
  };
  for (const auto& [op, answer] : files) {
    INFO(op);
    std::string body = ReadFile(std::string(ISI_SOURCE_DIR) + "/tests/requests/" + op + ".xml");
    int status = 0;
    std::string r = RawHttps(port, W().ca_file,
                             SoapPost(body, kK6, kPassword, "urn:nl:isi-koppeling:berichten_v1#" + op), &status);
    if (op == "WijzigenSignaalstatus" && status == 500) {
      // Signal 1 may belong to the other municipality or have moved on in another test: then the
      // answer is one of the workflow's faults, still an answer of this operation.
      CHECK((r.find("NietGevonden") != std::string::npos || r.find("VersieVerouderd") != std::string::npos ||
             r.find("OngeldigeStatusovergang") != std::string::npos));
      continue;
    }
    CHECK(status == 200);
    CHECK(r.find(answer) != std::string::npos);
  }
}
