// RefreshStore on SQLite (store/refresh_store.h): the reads of the refresh's snapshot phase and
// the one short write transaction of its commit.
//
// The column lists, binders and readers are those of dossier_columns.h, shared with the Store
// implementation, so a person written here reads back exactly as GetDossierByBsn reads it.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/dossier_columns.h"
#include "store/refresh_store.h"
#include "store/sqlite.h"

namespace isi {
namespace {

using columns::BindColumns;
using columns::ColumnList;
using columns::ColumnNames;
using columns::OntheffingDatum;
using columns::OntheffingSoort;
using columns::ReadColumns;
using KW = KolomWaarde;

// Persons per batch of LoadPersons (one json_each array per query).
constexpr size_t kLaadBatch = 500;

// The refresh connection is tuned so that the write transaction holds the lock as briefly as
// possible (measured: tools/bench-refresh):
//  - a page cache large enough for the dirty pages of a big refresh, so they are not spilled
//    to the WAL halfway through the transaction (KiB, as PRAGMA cache_size takes negatives);
//  - synchronous = NORMAL: COMMIT does not wait for an fsync of the WAL (the next checkpoint
//    syncs it). A commit stays atomic, also after kill -9; only a power failure right after
//    it can lose the refresh, and then its files are not recorded as applied either, so the
//    next refresh applies them again;
//  - no automatic checkpoint inside COMMIT: the refresh checkpoints (PASSIVE, without the write
//    lock) right after it, so the service's next audit write does not inherit that work.
constexpr int kCacheKiB = 262144;

// --- Column values -----------------------------------------------------------------------------

KW Null() { return KW{}; }
KW Getal(int64_t v) {
  KW k;
  k.soort = KW::Soort::kGetal;
  k.getal = v;
  return k;
}
KW Tekst(std::string v) {
  KW k;
  k.soort = KW::Soort::kTekst;
  k.tekst = std::move(v);
  return k;
}

// One overload per field type of dossier_columns.h, encoding as its BindValue does.
KW Waarde(const std::string& v) { return Tekst(v); }
KW Waarde(const std::optional<std::string>& v) { return v ? Tekst(*v) : Null(); }
KW Waarde(const Date& v) { return Tekst(v.ToString()); }
KW Waarde(const std::optional<Date>& v) { return v ? Tekst(v->ToString()) : Null(); }
KW Waarde(const bool& v) { return Getal(v ? 1 : 0); }
KW Waarde(const std::optional<bool>& v) { return v ? Getal(*v ? 1 : 0) : Null(); }
KW Waarde(const std::optional<int>& v) { return v ? Getal(*v) : Null(); }
KW Waarde(const int64_t& v) { return Getal(v); }
template <columns::Enum E>
KW Waarde(const E& v) {
  return Tekst(Token(v));
}
template <columns::Enum E>
KW Waarde(const std::optional<E>& v) {
  return v ? Tekst(Token(*v)) : Null();
}
KW Waarde(OntheffingSoort<const std::optional<Ontheffing>> p) {
  return *p.ontheffing ? Tekst(Token((*p.ontheffing)->soort)) : Null();
}
KW Waarde(OntheffingDatum<const std::optional<Ontheffing>> p) {
  return *p.ontheffing ? Tekst((*p.ontheffing)->datum.ToString()) : Null();
}

void Bind(sqlite::Stmt& stmt, int param, const KW& k) {
  switch (k.soort) {
    case KW::Soort::kNull:
      stmt.BindNull(param);
      break;
    case KW::Soort::kGetal:
      stmt.BindInt(param, k.getal);
      break;
    case KW::Soort::kTekst:
      stmt.BindText(param, k.tekst);
      break;
  }
}

// The personen columns of a person: the Dossier's (dossier_columns.h), then purged and
// profiel_laatste_aanmelding (schema version 3).
std::vector<KW> Kolommen(const PersoonToestand& p) {
  std::vector<KW> out;
  out.reserve(80);
  columns::VisitColumns(p.dossier, [&](const char* name, auto&& field) {
    KW k = Waarde(field);
    k.kolom = name;
    out.push_back(std::move(k));
  });
  KW purged = Getal(p.geschoond ? 1 : 0);
  purged.kolom = "purged";
  out.push_back(std::move(purged));
  KW profiel = p.profiel_laatste_aanmelding ? Tekst(*p.profiel_laatste_aanmelding) : Null();
  profiel.kolom = "profiel_laatste_aanmelding";
  out.push_back(std::move(profiel));
  return out;
}

std::string PersonenSelectSql() {
  return "SELECT " + ColumnList<Dossier>() +
         ", purged, profiel_laatste_aanmelding FROM personen WHERE bsn IN "
         "(SELECT value FROM json_each(?1))";
}

// "["123456782","..."]" for json_each (BSNs are digits: nothing to escape).
std::string JsonArray(std::vector<std::string>::const_iterator from,
                      std::vector<std::string>::const_iterator to) {
  std::string s = "[";
  for (auto it = from; it != to; ++it) {
    if (it != from) s += ',';
    s += '"';
    s += *it;
    s += '"';
  }
  s += ']';
  return s;
}

Status Corrupt(const char* table) {
  return Status::Internal(std::string("onleesbare waarde in tabel ") + table +
                          " (onbekend token of datum)");
}

// Sub-records of the persons in `json`: SELECT bsn, [id,] columns ... ORDER BY bsn, order.
template <typename T>
std::string KinderenSql(const char* table, const char* order_by) {
  std::string sql = "SELECT bsn, ";
  if constexpr (columns::HasId<T>) sql += "id, ";
  sql += ColumnList<T>() + " FROM " + table + " WHERE bsn IN (SELECT value FROM json_each(?1))";
  sql += std::string(" ORDER BY bsn") + (order_by != nullptr ? std::string(", ") + order_by : "");
  return sql;
}

// Reads the sub-records of `table` for the batch; `place` returns where a row of `bsn` goes
// (nullptr: drop it).
template <typename T, typename Place>
Status LaadKinderen(sqlite::Connection* conn, const std::string& sql, const char* table,
                    const std::string& json, Place place) {
  sqlite::Stmt stmt;
  if (Status s = conn->Prepare(sql, &stmt); !s.ok()) return s;
  stmt.BindText(1, json);
  for (;;) {
    bool row = false;
    if (Status s = stmt.Step(&row); !s.ok()) return s;
    if (!row) return Status::Ok();
    T x{};
    int first = 1;
    if constexpr (columns::HasId<T>) x.id = stmt.Int(first++);
    if (!ReadColumns(stmt, first, x)) return Corrupt(table);
    if (T* slot = place(stmt.Text(0), std::move(x)); slot == nullptr) continue;
  }
}

// The constraint failures of the write transaction that mean "someone else got there first".
bool IsConstraint(int rc) { return (rc & 0xff) == SQLITE_CONSTRAINT; }

class SqliteRefreshStore final : public RefreshStore {
 public:
  explicit SqliteRefreshStore(std::unique_ptr<sqlite::Connection> conn) : conn_(std::move(conn)) {}

  Status BeginSnapshot() override;
  Status EndSnapshot() override;
  Status AppliedFiles(const std::vector<std::string>& ids, std::set<std::string>* applied) override;
  Status LaatstePeildatum(std::optional<Date>* out) override;
  Status Gemeenten(std::set<std::string>* out) override;
  Status CvsGemeenten(std::set<std::string>* out) override;
  Status ANummersInGebruik(const std::vector<std::string>& anummers,
                           std::set<std::string>* used) override;
  Status TijdKandidaten(const TijdVensters& vensters, std::vector<std::string>* bsns) override;
  Status LoadPersons(
      const std::vector<std::string>& bsns,
      const std::function<Status(const std::string& bsn, PersoonToestand&& p)>& fn) override;
  Status LevendePersonen(std::vector<std::string>* bsns) override;
  Status Commit(const RefreshCommit& commit, const CommitOpties& opties,
                CommitResultaat* out) override;

 private:
  Status ReadStrings(const std::string& sql, const std::vector<std::string>* bind_json,
                     const std::function<void(std::string)>& add);
  Status LaadBatch(const std::vector<std::string>& bsns, size_t from, size_t to,
                   std::vector<PersoonToestand>* out);
  Status SchrijfPersoon(const PersoonWijziging& w, int64_t now);

  std::unique_ptr<sqlite::Connection> conn_;
  std::unique_ptr<sqlite::Transaction> snapshot_;
};

Status SqliteRefreshStore::BeginSnapshot() {
  if (snapshot_) return Status::Internal("snapshot is al geopend");
  auto tx = std::make_unique<sqlite::Transaction>(conn_.get());
  if (Status s = tx->Begin(sqlite::Transaction::Mode::kDeferred); !s.ok()) return s;
  // A deferred transaction takes its snapshot at its first read.
  int64_t ignored = 0;
  if (Status s = conn_->QueryInt("SELECT count(*) FROM gemeenten", &ignored); !s.ok()) return s;
  snapshot_ = std::move(tx);
  return Status::Ok();
}

Status SqliteRefreshStore::EndSnapshot() {
  if (!snapshot_) return Status::Ok();
  Status s = snapshot_->Commit();
  snapshot_.reset();
  return s;
}

Status SqliteRefreshStore::ReadStrings(const std::string& sql,
                                       const std::vector<std::string>* bind_json,
                                       const std::function<void(std::string)>& add) {
  sqlite::Stmt stmt;
  if (Status s = conn_->Prepare(sql, &stmt); !s.ok()) return s;
  if (bind_json != nullptr) stmt.BindText(1, JsonArray(bind_json->begin(), bind_json->end()));
  for (;;) {
    bool row = false;
    if (Status s = stmt.Step(&row); !s.ok()) return s;
    if (!row) return Status::Ok();
    add(stmt.Text(0));
  }
}

Status SqliteRefreshStore::AppliedFiles(const std::vector<std::string>& ids,
                                        std::set<std::string>* applied) {
  applied->clear();
  if (ids.empty()) return Status::Ok();
  // File identifiers are free text: bind each rather than building JSON by hand.
  sqlite::Stmt stmt;
  if (Status s = conn_->Prepare("SELECT 1 FROM applied_files WHERE file_id = ?1", &stmt); !s.ok()) {
    return s;
  }
  for (const std::string& id : ids) {
    stmt.BindText(1, id);
    bool row = false;
    if (Status s = stmt.Step(&row); !s.ok()) return s;
    if (row) applied->insert(id);
    stmt.Reset();
  }
  return Status::Ok();
}

Status SqliteRefreshStore::LaatstePeildatum(std::optional<Date>* out) {
  out->reset();
  return ReadStrings("SELECT max(peildatum) FROM refresh_runs", nullptr, [&](std::string s) {
    if (!s.empty()) *out = Date::Parse(s);
  });
}

Status SqliteRefreshStore::Gemeenten(std::set<std::string>* out) {
  out->clear();
  return ReadStrings("SELECT code FROM gemeenten", nullptr,
                     [&](std::string s) { out->insert(std::move(s)); });
}

Status SqliteRefreshStore::CvsGemeenten(std::set<std::string>* out) {
  out->clear();
  return ReadStrings(
      "SELECT gemeentecode FROM applicatiesleutels WHERE revoked_at IS NULL "
      "UNION SELECT s.gemeentecode FROM sleutel_gemeenten s "
      "JOIN applicatiesleutels a ON a.key_id = s.key_id WHERE a.revoked_at IS NULL",
      nullptr, [&](std::string s) { out->insert(std::move(s)); });
}

Status SqliteRefreshStore::ANummersInGebruik(const std::vector<std::string>& anummers,
                                             std::set<std::string>* used) {
  used->clear();
  if (anummers.empty()) return Status::Ok();
  return ReadStrings(
      "SELECT anummer FROM personen WHERE anummer IN (SELECT value FROM json_each(?1))", &anummers,
      [&](std::string s) { used->insert(std::move(s)); });
}

Status SqliteRefreshStore::TijdKandidaten(const TijdVensters& v, std::vector<std::string>* bsns) {
  // Each part walks an index, never the table: handhavingen_einde (schema version 3) for the
  // terms, personen_geboortedatum (woongemeente, geboortedatum, ..., herkomst, purged) per
  // municipality for the birth dates, and the partial index personen_actief_vertrokken
  // (version 4) for the actief persons abroad.
  sqlite::Stmt stmt;
  if (Status s = conn_->Prepare(
          "SELECT bsn FROM handhavingen WHERE einde_handhavingstermijn BETWEEN ?1 AND ?2 "
          "UNION SELECT bsn FROM handhavingen WHERE einde_handhavingstermijn BETWEEN ?3 AND ?4 "
          "UNION SELECT bsn FROM personen INDEXED BY personen_geboortedatum "
          "  WHERE woongemeente IN (SELECT code FROM gemeenten) "
          "  AND geboortedatum BETWEEN ?5 AND ?6 AND purged = 0 "
          "UNION SELECT bsn FROM personen INDEXED BY personen_geboortedatum "
          "  WHERE woongemeente IN (SELECT code FROM gemeenten) AND geboortedatum <= ?7 "
          "  AND herkomst = 'IsiActief' AND purged = 0 "
          "UNION SELECT bsn FROM personen INDEXED BY personen_actief_vertrokken "
          "  WHERE woongemeente = '1999' AND herkomst = 'IsiActief' AND purged = 0 "
          "  AND datum_vertrek_uit_nederland <= ?8 "
          "ORDER BY 1",
          &stmt);
      !s.ok()) {
    return s;
  }
  stmt.BindText(1, v.einde_van.ToString());
  stmt.BindText(2, v.einde_tot.ToString());
  stmt.BindText(3, v.einde_over_zes_maanden_van.ToString());
  stmt.BindText(4, v.einde_over_zes_maanden_tot.ToString());
  stmt.BindText(5, v.geboren_van.ToString());
  stmt.BindText(6, v.geboren_tot.ToString());
  stmt.BindText(7, v.geboren_uiterlijk.ToString());
  stmt.BindText(8, v.vertrokken_uiterlijk.ToString());
  bsns->clear();
  for (;;) {
    bool row = false;
    if (Status s = stmt.Step(&row); !s.ok()) return s;
    if (!row) return Status::Ok();
    bsns->push_back(stmt.Text(0));
  }
}

Status SqliteRefreshStore::LevendePersonen(std::vector<std::string>* bsns) {
  bsns->clear();
  return ReadStrings(
      "SELECT bsn FROM personen WHERE purged = 0 AND datum_overlijden IS NULL ORDER BY bsn",
      nullptr, [&](std::string s) { bsns->push_back(std::move(s)); });
}

Status SqliteRefreshStore::LaadBatch(const std::vector<std::string>& bsns, size_t from, size_t to,
                                     std::vector<PersoonToestand>* out) {
  out->assign(to - from, PersoonToestand{});
  std::unordered_map<std::string, size_t> positie;
  positie.reserve(to - from);
  for (size_t i = from; i < to; ++i) positie.emplace(bsns[i], i - from);
  const std::string json = JsonArray(bsns.begin() + static_cast<std::ptrdiff_t>(from),
                                     bsns.begin() + static_cast<std::ptrdiff_t>(to));
  auto plek = [&](const std::string& bsn) -> PersoonToestand* {
    auto it = positie.find(bsn);
    if (it == positie.end()) return nullptr;
    PersoonToestand& p = (*out)[it->second];
    return p.bestaat ? &p : nullptr;
  };

  {
    static const std::string sql = PersonenSelectSql();
    const int extra = static_cast<int>(ColumnNames<Dossier>().size());
    sqlite::Stmt stmt;
    if (Status s = conn_->Prepare(sql, &stmt); !s.ok()) return s;
    stmt.BindText(1, json);
    for (;;) {
      bool row = false;
      if (Status s = stmt.Step(&row); !s.ok()) return s;
      if (!row) break;
      Dossier d;
      if (!ReadColumns(stmt, 0, d)) return Corrupt("personen");
      auto it = positie.find(d.kop.bsn);
      if (it == positie.end()) continue;
      PersoonToestand& p = (*out)[it->second];
      p.bestaat = true;
      p.geschoond = stmt.Int(extra) != 0;
      if (!stmt.IsNull(extra + 1)) p.profiel_laatste_aanmelding = stmt.Text(extra + 1);
      p.dossier = std::move(d);
    }
  }

  static const std::string handhavingen = KinderenSql<Handhaving>("handhavingen", nullptr);
  static const std::string verlengingen =
      KinderenSql<Verlenging>("verlengingen", "datum_verlenging, id");
  static const std::string voorzieningen =
      KinderenSql<Inburgeringsvoorziening>("voorzieningen", "datum_start, id");
  static const std::string vrijstellingen =
      KinderenSql<Vrijstelling>("vrijstellingen", "datum_start, id");
  static const std::string boetes = KinderenSql<Boete>("boetes", "datum_toekennen, id");
  static const std::string onderdelen =
      KinderenSql<Examenonderdeel>("examenonderdelen", "datum_deelname, id");

  Status s = LaadKinderen<Handhaving>(conn_.get(), handhavingen, "handhavingen", json,
                                      [&](const std::string& bsn, Handhaving&& h) -> Handhaving* {
                                        PersoonToestand* p = plek(bsn);
                                        if (p == nullptr) return nullptr;
                                        p->dossier.handhaving = std::move(h);
                                        return &*p->dossier.handhaving;
                                      });
  if (s.ok()) {
    s = LaadKinderen<Verlenging>(
        conn_.get(), verlengingen, "verlengingen", json,
        [&](const std::string& bsn, Verlenging&& v) -> Verlenging* {
          PersoonToestand* p = plek(bsn);
          if (p == nullptr || !p->dossier.handhaving) return nullptr;
          return &p->dossier.handhaving->verlengingen.emplace_back(std::move(v));
        });
  }
  auto append = [&](auto member) {
    return [&, member](const std::string& bsn, auto&& x) -> std::remove_cvref_t<decltype(x)>* {
      PersoonToestand* p = plek(bsn);
      if (p == nullptr) return nullptr;
      return &member(p->dossier).emplace_back(std::move(x));
    };
  };
  if (s.ok()) {
    s = LaadKinderen<Inburgeringsvoorziening>(
        conn_.get(), voorzieningen, "voorzieningen", json,
        append([](Dossier & d) -> auto& { return d.voorzieningen; }));
  }
  if (s.ok()) {
    s = LaadKinderen<Vrijstelling>(conn_.get(), vrijstellingen, "vrijstellingen", json,
                                   append([](Dossier & d) -> auto& { return d.vrijstellingen; }));
  }
  if (s.ok()) {
    s = LaadKinderen<Boete>(conn_.get(), boetes, "boetes", json,
                            append([](Dossier & d) -> auto& { return d.boetes; }));
  }
  if (s.ok()) {
    s = LaadKinderen<Examenonderdeel>(
        conn_.get(), onderdelen, "examenonderdelen", json,
        append([](Dossier & d) -> auto& { return d.examens.onderdelen; }));
  }
  return s;
}

Status SqliteRefreshStore::LoadPersons(
    const std::vector<std::string>& bsns,
    const std::function<Status(const std::string& bsn, PersoonToestand&& p)>& fn) {
  std::vector<PersoonToestand> batch;
  for (size_t from = 0; from < bsns.size(); from += kLaadBatch) {
    const size_t to = std::min(bsns.size(), from + kLaadBatch);
    if (Status s = LaadBatch(bsns, from, to, &batch); !s.ok()) return s;
    for (size_t i = from; i < to; ++i) {
      if (Status s = fn(bsns[i], std::move(batch[i - from])); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

// --- Writing -----------------------------------------------------------------------------------

template <typename T>
std::string InsertKindSql(const char* table) {
  std::string sql =
      std::string("INSERT INTO ") + table + " (bsn, " + ColumnList<T>() + ") VALUES (?1";
  for (size_t i = 0; i < ColumnNames<T>().size(); ++i) sql += ", ?" + std::to_string(i + 2);
  return sql + ")";
}

Status Conflict(const std::string& wat) {
  return Status::Conflict(wat + "; de refresh wordt opnieuw berekend");
}

Status SqliteRefreshStore::SchrijfPersoon(const PersoonWijziging& w, int64_t now) {
  if (w.soort == PersoonWijziging::Soort::kNieuw) {
    std::string names;
    std::string params;
    int n = 0;
    for (const KW& k : w.kolommen) {
      names += std::string(k.kolom) + ", ";
      params += "?" + std::to_string(++n) + ", ";
    }
    const std::string sql = "INSERT INTO personen (" + names + "updated_at) VALUES (" + params +
                            "?" + std::to_string(n + 1) + ")";
    sqlite::Stmt insert;
    if (Status s = conn_->Prepare(sql, &insert); !s.ok()) return s;
    int i = 0;
    for (const KW& k : w.kolommen) Bind(insert, ++i, k);
    insert.BindInt(n + 1, now);
    if (Status s = insert.Run(); !s.ok()) {
      if (IsConstraint(insert.last_rc())) {
        return Conflict("BSN of A-nummer van nieuwe persoon " + w.bsn + " bestaat intussen");
      }
      return s;
    }
  } else {
    // Every written person gets its versie checked and bumped, also when only sub-records
    // change: a CVS holding the old versie must not register over the refresh's change.
    std::string sql = "UPDATE personen SET ";
    int n = 2;
    for (const KW& k : w.kolommen)
      sql += std::string(k.kolom) + " = ?" + std::to_string(++n) + ", ";
    sql += "versie = versie + 1, updated_at = ?2 WHERE bsn = ?1 AND versie = ?" +
           std::to_string(n + 1);
    sqlite::Stmt update;
    if (Status s = conn_->Prepare(sql, &update); !s.ok()) return s;
    update.BindText(1, w.bsn);
    update.BindInt(2, now);
    int i = 2;
    for (const KW& k : w.kolommen) Bind(update, ++i, k);
    update.BindInt(n + 1, w.versie);
    if (Status s = update.Run(); !s.ok()) return s;
    if (conn_->Changes() != 1) return Conflict("persoon " + w.bsn + " is intussen gewijzigd");
  }

  if (w.soort == PersoonWijziging::Soort::kSchonen) {
    for (const char* sql :
         {"DELETE FROM verlengingen WHERE bsn = ?1", "DELETE FROM handhavingen WHERE bsn = ?1",
          "DELETE FROM voorzieningen WHERE bsn = ?1", "DELETE FROM vrijstellingen WHERE bsn = ?1",
          "DELETE FROM boetes WHERE bsn = ?1", "DELETE FROM examenonderdelen WHERE bsn = ?1"}) {
      sqlite::Stmt del;
      if (Status s = conn_->Prepare(sql, &del); !s.ok()) return s;
      del.BindText(1, w.bsn);
      if (Status s = del.Run(); !s.ok()) return s;
    }
  }
  if (!w.nieuwe_vrijstellingen.empty()) {
    static const std::string sql = InsertKindSql<Vrijstelling>("vrijstellingen");
    sqlite::Stmt insert;
    if (Status s = conn_->Prepare(sql, &insert); !s.ok()) return s;
    for (const Vrijstelling& v : w.nieuwe_vrijstellingen) {
      insert.BindText(1, w.bsn);
      BindColumns(insert, 2, v);
      if (Status s = insert.Run(); !s.ok()) return s;
      insert.Reset();
    }
  }
  for (const auto& [id, einde] : w.vrijstelling_einde) {
    sqlite::Stmt update;
    if (Status s = conn_->Prepare(
            "UPDATE vrijstellingen SET datum_einde = ?2 WHERE id = ?1 AND bsn = ?3", &update);
        !s.ok()) {
      return s;
    }
    update.BindInt(1, id);
    update.BindText(2, einde.ToString());
    update.BindText(3, w.bsn);
    if (Status s = update.Run(); !s.ok()) return s;
    if (conn_->Changes() != 1)
      return Conflict("vrijstelling van " + w.bsn + " is intussen gewijzigd");
  }
  if (!w.nieuwe_examenonderdelen.empty()) {
    static const std::string sql = InsertKindSql<Examenonderdeel>("examenonderdelen");
    sqlite::Stmt insert;
    if (Status s = conn_->Prepare(sql, &insert); !s.ok()) return s;
    for (const Examenonderdeel& x : w.nieuwe_examenonderdelen) {
      insert.BindText(1, w.bsn);
      BindColumns(insert, 2, x);
      if (Status s = insert.Run(); !s.ok()) return s;
      insert.Reset();
    }
  }
  return Status::Ok();
}

Status SqliteRefreshStore::Commit(const RefreshCommit& c, const CommitOpties& opties,
                                  CommitResultaat* out) {
  if (snapshot_) return Status::Internal("Commit binnen een snapshot");
  using Klok = std::chrono::steady_clock;
  sqlite::Transaction tx(conn_.get());
  if (Status s = tx.Begin(sqlite::Transaction::Mode::kImmediate); !s.ok()) return s;
  const auto locked = Klok::now();
  CommitResultaat r;

  {
    sqlite::Stmt run;
    if (Status s = conn_->Prepare(
            "INSERT INTO refresh_runs (peildatum, started_at, committed_at, bestanden, toegepast, "
            "geweigerd, signalen, naar_definitief, naar_actief, geschoond) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9)",
            &run);
        !s.ok()) {
      return s;
    }
    run.BindText(1, c.peildatum.ToString());
    run.BindInt(2, c.started_at);
    run.BindInt(3, c.now);
    run.BindInt(4, c.tellingen.bestanden);
    run.BindInt(5, c.tellingen.toegepast);
    run.BindInt(6, c.tellingen.geweigerd);
    run.BindInt(7, c.tellingen.naar_definitief);
    run.BindInt(8, c.tellingen.naar_actief);
    run.BindInt(9, c.tellingen.geschoond);
    if (Status s = run.Run(); !s.ok()) return s;
    r.refresh_id = conn_->LastInsertRowid();
  }
  {
    sqlite::Stmt file;
    if (Status s = conn_->Prepare(
            "INSERT INTO applied_files (file_id, applied_at, bron, aanmaakdatum, refresh_id) "
            "VALUES (?1, ?2, ?3, ?4, ?5)",
            &file);
        !s.ok()) {
      return s;
    }
    for (const BestandRegistratie& b : c.bestanden) {
      file.BindText(1, b.bestand_id);
      file.BindInt(2, c.now);
      file.BindText(3, Token(b.bron));
      file.BindText(4, b.aanmaakdatum.ToString());
      file.BindInt(5, r.refresh_id);
      if (Status s = file.Run(); !s.ok()) {
        if (IsConstraint(file.last_rc())) {
          return Conflict("bestand " + b.bestand_id + " is intussen toegepast");
        }
        return s;
      }
      file.Reset();
    }
  }

  const auto personen_start = Klok::now();
  const auto total = static_cast<int64_t>(c.personen.size());
  int64_t done = 0;
  for (const PersoonWijziging& w : c.personen) {
    if (Status s = SchrijfPersoon(w, c.now); !s.ok()) return s;
    if (++done % 1000 == 0 && opties.voortgang) opties.voortgang(done, total);
  }
  if (opties.voortgang) opties.voortgang(done, total);
  const auto signalen_start = Klok::now();
  r.seconden_personen = std::chrono::duration<double>(signalen_start - personen_start).count();

  // Time-driven signals: only those never raised before (atomically with this transaction).
  std::vector<const NieuwSignaal*> signalen;
  signalen.reserve(c.signalen.size());
  {
    sqlite::Stmt once;
    if (Status s = conn_->Prepare(
            "INSERT OR IGNORE INTO tijdsignalen (bsn, code, gebeurtenisdatum) VALUES (?1, ?2, ?3)",
            &once);
        !s.ok()) {
      return s;
    }
    for (const NieuwSignaal& sig : c.signalen) {
      if (sig.gebeurtenis) {
        once.BindText(1, sig.bsn);
        once.BindText(2, sig.code);
        once.BindText(3, sig.gebeurtenis->ToString());
        if (Status s = once.Run(); !s.ok()) return s;
        once.Reset();
        if (conn_->Changes() == 0) {
          ++r.tijdsignalen_al_gegeven;
          continue;
        }
      }
      signalen.push_back(&sig);
    }
  }
  if (!signalen.empty()) {
    int64_t number = 0;
    {
      // As SqliteStore::TakeChangeNumbers: consecutive change numbers, visible at commit.
      sqlite::Stmt take;
      if (Status s = conn_->Prepare(
              "UPDATE signaal_wijzigingsteller SET laatste = laatste + ?1 WHERE id = 1 "
              "RETURNING laatste",
              &take);
          !s.ok()) {
        return s;
      }
      take.BindInt(1, static_cast<int64_t>(signalen.size()));
      bool row = false;
      if (Status s = take.Step(&row); !s.ok()) return s;
      if (!row) return Status::Internal("tabel signaal_wijzigingsteller is leeg");
      number = take.Int(0) - static_cast<int64_t>(signalen.size()) + 1;
    }
    sqlite::Stmt insert;
    if (Status s = conn_->Prepare(
            "INSERT INTO signalen (bsn, gemeentecode, code, status, datum, versie, created_at, "
            "updated_at, wijzigingsvolgnummer, achternaam, anummer) VALUES (?1, ?2, ?3, 'Nieuw', "
            "?4, 1, ?5, ?5, ?6, ?7, ?8)",
            &insert);
        !s.ok()) {
      return s;
    }
    for (const NieuwSignaal* sig : signalen) {
      insert.BindText(1, sig->bsn);
      insert.BindText(2, sig->gemeentecode);
      insert.BindText(3, sig->code);
      insert.BindText(4, sig->datum.ToString());
      insert.BindInt(5, c.now);
      insert.BindInt(6, number++);
      insert.BindText(7, sig->achternaam);
      insert.BindOptText(8, sig->anummer);
      if (Status s = insert.Run(); !s.ok()) return s;
      insert.Reset();
      ++r.signalen_per_code[sig->code];
    }
  }
  {
    sqlite::Stmt run;
    if (Status s = conn_->Prepare("UPDATE refresh_runs SET signalen = ?2 WHERE id = ?1", &run);
        !s.ok()) {
      return s;
    }
    run.BindInt(1, r.refresh_id);
    run.BindInt(2, static_cast<int64_t>(signalen.size()));
    if (Status s = run.Run(); !s.ok()) return s;
  }

  const auto commit_start = Klok::now();
  r.seconden_signalen = std::chrono::duration<double>(commit_start - signalen_start).count();
  if (opties.voor_commit) opties.voor_commit();
  if (Status s = tx.Commit(); !s.ok()) return s;
  const auto klaar = Klok::now();
  r.seconden_commit = std::chrono::duration<double>(klaar - commit_start).count();
  r.seconden_in_transactie = std::chrono::duration<double>(klaar - locked).count();
  // Copy the refresh's pages into the database file now, outside the write lock; a checkpoint
  // that cannot finish (readers on older snapshots) is completed by a later one.
  (void)conn_->Exec("PRAGMA wal_checkpoint(PASSIVE)");
  *out = std::move(r);
  return Status::Ok();
}

}  // namespace

Status MaakPersoonWijziging(const PersoonToestand& voor, const PersoonToestand& na,
                            PersoonWijziging* out) {
  PersoonWijziging w;
  w.bsn = na.dossier.kop.bsn;
  if (!na.bestaat) return Status::InvalidArgument("persoon zonder gegevens", "bsn");
  const Dossier& a = voor.dossier;
  const Dossier& b = na.dossier;
  if (!voor.bestaat) {
    w.soort = PersoonWijziging::Soort::kNieuw;
    w.kolommen = Kolommen(na);
    if (b.handhaving || !b.voorzieningen.empty() || !b.boetes.empty()) {
      return Status::InvalidArgument("nieuwe persoon met handhaving, voorziening of boete", "bsn");
    }
    w.nieuwe_vrijstellingen = b.vrijstellingen;
    w.nieuwe_examenonderdelen = b.examens.onderdelen;
    *out = std::move(w);
    return Status::Ok();
  }
  w.versie = a.versie;
  const std::vector<KW> oud = Kolommen(voor);
  std::vector<KW> nieuw = Kolommen(na);
  for (size_t i = 0; i < nieuw.size(); ++i) {
    const std::string_view kolom = nieuw[i].kolom;
    if (kolom == "bsn" || kolom == "versie") continue;
    if (!(oud[i] == nieuw[i])) w.kolommen.push_back(std::move(nieuw[i]));
  }
  if (na.geschoond && !voor.geschoond) {
    w.soort = PersoonWijziging::Soort::kSchonen;
    *out = std::move(w);
    return Status::Ok();
  }
  if (b.handhaving.has_value() != a.handhaving.has_value() ||
      b.voorzieningen.size() != a.voorzieningen.size() || b.boetes.size() != a.boetes.size() ||
      b.examens.onderdelen.size() < a.examens.onderdelen.size()) {
    return Status::InvalidArgument(
        "de regels wijzigden handhaving, voorzieningen, boetes of "
        "examenonderdelen van " +
            w.bsn,
        "bsn");
  }
  for (const Vrijstelling& v : b.vrijstellingen) {
    if (v.id == 0) {
      w.nieuwe_vrijstellingen.push_back(v);
      continue;
    }
    auto it = std::find_if(a.vrijstellingen.begin(), a.vrijstellingen.end(),
                           [&](const Vrijstelling& x) { return x.id == v.id; });
    if (it == a.vrijstellingen.end()) {
      return Status::InvalidArgument("onbekende vrijstelling bij " + w.bsn, "bsn");
    }
    if (it->datum_einde != v.datum_einde) {
      if (!v.datum_einde) return Status::InvalidArgument("einde vrijstelling gewist", "bsn");
      w.vrijstelling_einde.emplace_back(v.id, *v.datum_einde);
    }
  }
  w.nieuwe_examenonderdelen.assign(
      b.examens.onderdelen.begin() + static_cast<std::ptrdiff_t>(a.examens.onderdelen.size()),
      b.examens.onderdelen.end());
  *out = std::move(w);
  return Status::Ok();
}

Status OpenSqliteRefreshStore(const std::string& path, const StoreOptions& options,
                              std::unique_ptr<RefreshStore>* out) {
  // The ordinary open checks that this is an ISI store, sets WAL and migrates.
  {
    std::unique_ptr<Store> store;
    if (Status s = OpenSqliteStore(path, options, &store); !s.ok()) return s;
  }
  std::unique_ptr<sqlite::Connection> conn;
  if (Status s = sqlite::Connection::Open(path, /*create=*/false, &conn); !s.ok()) return s;
  const std::string pragmas =
      "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms) +
      "; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 0;"
      " PRAGMA temp_store = MEMORY; PRAGMA cache_size = -" +
      std::to_string(kCacheKiB) + ";";
  if (Status s = conn->Exec(pragmas.c_str()); !s.ok()) return s;
  {
    sqlite::Stmt mode;
    if (Status s = conn->Prepare("PRAGMA journal_mode", &mode); !s.ok()) return s;
    bool row = false;
    if (Status s = mode.Step(&row); !s.ok()) return s;
    if (!row || mode.Text(0) != "wal") {
      return Status::Internal("store " + path + " staat niet in WAL-modus");
    }
  }
  *out = std::make_unique<SqliteRefreshStore>(std::move(conn));
  return Status::Ok();
}

}  // namespace isi
