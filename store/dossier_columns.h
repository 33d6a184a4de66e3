// How the parts of a Dossier map onto table columns, internal to the store.
//
// Each Visit...Columns function lists the columns of one table in one place, as
// (column name, field) pairs; the same list builds the INSERT and SELECT texts, binds the
// parameters and reads the row, so the column order cannot drift between them. Visitors are
// called as v(const char* column, field) where field is a reference to the model field (const
// when writing) or a small proxy for a field that spans two columns.
//
// Value conventions (see store/schema.cpp): enumerations as wire tokens, dates as
// 'YYYY-MM-DD', booleans 0/1, std::nullopt as NULL.
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "model/codes.h"
#include "model/date.h"
#include "model/dossier.h"
#include "store/sqlite.h"

namespace isi::columns {

template <typename T, typename U>
concept Is = std::same_as<std::remove_const_t<T>, U>;

template <typename E>
concept Enum = std::is_enum_v<E>;

// --- Writing one value -------------------------------------------------------------------

inline void BindValue(sqlite::Stmt& s, int i, const std::string& v) { s.BindText(i, v); }
inline void BindValue(sqlite::Stmt& s, int i, const std::optional<std::string>& v) {
  s.BindOptText(i, v);
}
inline void BindValue(sqlite::Stmt& s, int i, const Date& v) { s.BindText(i, v.ToString()); }
inline void BindValue(sqlite::Stmt& s, int i, const std::optional<Date>& v) {
  if (v) {
    s.BindText(i, v->ToString());
  } else {
    s.BindNull(i);
  }
}
inline void BindValue(sqlite::Stmt& s, int i, const bool& v) { s.BindInt(i, v ? 1 : 0); }
inline void BindValue(sqlite::Stmt& s, int i, const std::optional<bool>& v) {
  if (v) {
    s.BindInt(i, *v ? 1 : 0);
  } else {
    s.BindNull(i);
  }
}
inline void BindValue(sqlite::Stmt& s, int i, const int& v) { s.BindInt(i, v); }
inline void BindValue(sqlite::Stmt& s, int i, const std::optional<int>& v) {
  if (v) {
    s.BindInt(i, *v);
  } else {
    s.BindNull(i);
  }
}
inline void BindValue(sqlite::Stmt& s, int i, const int64_t& v) { s.BindInt(i, v); }
template <Enum E>
void BindValue(sqlite::Stmt& s, int i, const E& v) {
  s.BindText(i, Token(v));
}
template <Enum E>
void BindValue(sqlite::Stmt& s, int i, const std::optional<E>& v) {
  if (v) {
    s.BindText(i, Token(*v));
  } else {
    s.BindNull(i);
  }
}

// --- Reading one value (false: the stored value is not what the schema promises) ---------

inline bool ReadValue(const sqlite::Stmt& s, int i, std::string& v) {
  v = s.Text(i);
  return true;
}
inline bool ReadValue(const sqlite::Stmt& s, int i, std::optional<std::string>& v) {
  if (s.IsNull(i)) {
    v.reset();
  } else {
    v = s.Text(i);
  }
  return true;
}
inline bool ReadValue(const sqlite::Stmt& s, int i, Date& v) {
  std::optional<Date> d = Date::Parse(s.Text(i));
  if (!d) return false;
  v = *d;
  return true;
}
inline bool ReadValue(const sqlite::Stmt& s, int i, std::optional<Date>& v) {
  if (s.IsNull(i)) {
    v.reset();
    return true;
  }
  v.emplace();
  return ReadValue(s, i, *v);
}
inline bool ReadValue(const sqlite::Stmt& s, int i, bool& v) {
  v = s.Int(i) != 0;
  return true;
}
inline bool ReadValue(const sqlite::Stmt& s, int i, std::optional<bool>& v) {
  if (s.IsNull(i)) {
    v.reset();
  } else {
    v = s.Int(i) != 0;
  }
  return true;
}
inline bool ReadValue(const sqlite::Stmt& s, int i, int64_t& v) {
  v = s.Int(i);
  return true;
}
inline bool ReadValue(const sqlite::Stmt& s, int i, int& v) {
  int64_t x = s.Int(i);
  if (x < std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max()) return false;
  v = static_cast<int>(x);
  return true;
}
inline bool ReadValue(const sqlite::Stmt& s, int i, std::optional<int>& v) {
  if (s.IsNull(i)) {
    v.reset();
    return true;
  }
  v.emplace();
  return ReadValue(s, i, *v);
}
template <Enum E>
bool ReadValue(const sqlite::Stmt& s, int i, E& v) {
  std::optional<E> e = ParseToken<E>(s.Text(i));
  if (!e) return false;
  v = *e;
  return true;
}
template <Enum E>
bool ReadValue(const sqlite::Stmt& s, int i, std::optional<E>& v) {
  if (s.IsNull(i)) {
    v.reset();
    return true;
  }
  v = ParseToken<E>(s.Text(i));
  return v.has_value();
}

// --- Indicatie.ontheffing: one optional struct in two columns ----------------------------

template <typename O>  // std::optional<Ontheffing>, const when writing
struct OntheffingSoort {
  O* ontheffing;
};
template <typename O>
struct OntheffingDatum {
  O* ontheffing;
};
// Written out: clang 14 (the fuzz build) has no deduction for aggregates (C++20 P1816).
template <typename O>
OntheffingSoort(O*) -> OntheffingSoort<O>;
template <typename O>
OntheffingDatum(O*) -> OntheffingDatum<O>;

inline void BindValue(sqlite::Stmt& s, int i, OntheffingSoort<const std::optional<Ontheffing>> p) {
  if (*p.ontheffing) {
    s.BindText(i, Token((*p.ontheffing)->soort));
  } else {
    s.BindNull(i);
  }
}
inline void BindValue(sqlite::Stmt& s, int i, OntheffingDatum<const std::optional<Ontheffing>> p) {
  if (*p.ontheffing) {
    s.BindText(i, (*p.ontheffing)->datum.ToString());
  } else {
    s.BindNull(i);
  }
}
// The soort column comes first and decides whether there is an ontheffing.
inline bool ReadValue(const sqlite::Stmt& s, int i, OntheffingSoort<std::optional<Ontheffing>> p) {
  if (s.IsNull(i)) {
    p.ontheffing->reset();
    return true;
  }
  p.ontheffing->emplace();
  return ReadValue(s, i, (*p.ontheffing)->soort);
}
inline bool ReadValue(const sqlite::Stmt& s, int i, OntheffingDatum<std::optional<Ontheffing>> p) {
  if (!*p.ontheffing) return s.IsNull(i);
  return ReadValue(s, i, (*p.ontheffing)->datum);
}

// --- Column lists ------------------------------------------------------------------------

// personen: Kop, Persoonsgegevens, Indicatie, scalar Examens, wet, versie. (The table also has
// purged and updated_at, which are not part of the Dossier.)
template <Is<Dossier> D, typename V>
void VisitColumns(D& d, V&& v) {
  auto& kop = d.kop;
  v("bsn", kop.bsn);
  v("anummer", kop.anummer);
  v("voornamen", kop.naam.voornamen);
  v("voorvoegsels", kop.naam.voorvoegsels);
  v("achternaam", kop.naam.achternaam);
  v("geboortedatum", kop.geboortedatum);
  v("herkomst", kop.herkomst);
  v("woongemeente", kop.woongemeente);
  v("vorige_woongemeente", kop.vorige_woongemeente);  // schema version 2

  auto& pg = d.persoonsgegevens;
  v("geboortedatum_persoonsgegevens", pg.geboortedatum);
  v("geslacht", pg.geslacht);
  v("geboorteland", pg.geboorteland);
  v("geboorteplaats", pg.geboorteplaats);
  v("nationaliteit1", pg.nationaliteit1);
  v("nationaliteit2", pg.nationaliteit2);
  v("postcode", pg.adres.postcode);
  v("woonplaats", pg.adres.woonplaats);
  v("straatnaam", pg.adres.straatnaam);
  v("huisnummer", pg.adres.huisnummer);
  v("huisnummertoevoeging", pg.adres.huisnummertoevoeging);
  v("huisnummeraanduiding", pg.adres.huisnummeraanduiding);
  v("locatieomschrijving", pg.adres.locatieomschrijving);
  v("indicatie_betrouwbaar_adres", pg.indicatie_betrouwbaar_adres);
  v("datum_vestiging_in_nederland", pg.datum_vestiging_in_nederland);
  v("datum_vertrek_uit_nederland", pg.datum_vertrek_uit_nederland);
  v("recht_op_lening_en_vergoeding", pg.recht_op_lening_en_vergoeding);
  v("indicatie_asielgerechtigd", pg.indicatie_asielgerechtigd);
  v("indicatie_verblijfsdoel", pg.indicatie_verblijfsdoel);
  v("indicatie_rechtmatig_verblijf", pg.indicatie_rechtmatig_verblijf);
  v("indicatie_pardonregeling", pg.indicatie_pardonregeling);
  v("indicatie_persoonsvolgend_budget", pg.indicatie_persoonsvolgend_budget);
  v("persoonsvolgend_budget_gebruikt", pg.persoonsvolgend_budget_gebruikt);
  v("in_azc_gehuisvest", pg.in_azc_gehuisvest);
  v("datum_beslissing_verblijfsrecht", pg.datum_beslissing_verblijfsrecht);
  v("indicatie_diploma_behaald", pg.indicatie_diploma_behaald);
  v("niveau_inburgeringsdiploma", pg.niveau_inburgeringsdiploma);
  v("indicatie_schuld_aanwezig", pg.indicatie_schuld_aanwezig);
  v("indicatie_gehele_vrijstelling_door_duo", pg.indicatie_gehele_vrijstelling_door_duo);
  v("examenaanvraag_aanwezig", pg.examenaanvraag_aanwezig);
  v("code_geheim", pg.code_geheim);
  v("datum_overlijden", pg.datum_overlijden);

  auto& ind = d.indicatie;
  v("inburgeringsplichtig", ind.inburgeringsplichtig);
  v("datum_inburgeringsplicht", ind.datum_inburgeringsplicht);
  v("reden_niet_inburgeringsplichtig", ind.reden_niet_inburgeringsplichtig);
  v("vrijwillig_inburgeraar", ind.vrijwillig_inburgeraar);
  v("categorie", ind.categorie);
  v("plicht_pardonregeling", ind.pardonregeling);
  v("plicht_asielgerechtigd", ind.asielgerechtigd);
  v("ontheffing_soort", OntheffingSoort{&ind.ontheffing});
  v("ontheffing_datum", OntheffingDatum{&ind.ontheffing});

  auto& ex = d.examens;
  v("inburgeringsdiploma_behaald", ex.inburgeringsdiploma_behaald);
  v("datum_diploma_behaald", ex.datum_diploma_behaald);
  v("diploma_gemeente", ex.diploma_gemeente);
  v("indicatie_geslaagd", ex.indicatie_geslaagd);
  v("deelgenomen_volledig_examen", ex.deelgenomen_volledig_examen);
  v("gemeente_volledige_deelname", ex.gemeente_volledige_deelname);
  v("volledige_deelname_nt2", ex.volledige_deelname_nt2);
  v("datum_volledige_deelname_nt2", ex.datum_volledige_deelname_nt2);
  v("gemeente_volledige_deelname_nt2", ex.gemeente_volledige_deelname_nt2);
  v("examens_examenaanvraag", ex.examenaanvraag);

  v("wet", d.wet);
  v("versie", d.versie);
}

// handhavingen (the verlengingen have their own table).
template <Is<Handhaving> H, typename V>
void VisitColumns(H& h, V&& v) {
  v("gehandhaafd_door_gemeente", h.gehandhaafd_door_gemeente);
  v("eerste_handhaving_door_gemeente", h.eerste_handhaving_door_gemeente);
  v("begin_handhaving", h.begin_handhaving);
  v("einde_handhavingstermijn", h.einde_handhavingstermijn);
}

template <Is<Verlenging> T, typename V>
void VisitColumns(T& x, V&& v) {
  v("datum_verlenging", x.datum_verlenging);
  v("nieuwe_einddatum", x.nieuwe_einddatum);
  v("reden_verlenging", x.reden_verlenging);
}

// voorzieningen; `id` is assigned by the store and read back separately.
template <Is<Inburgeringsvoorziening> T, typename V>
void VisitColumns(T& x, V&& v) {
  v("aanbod_door_gemeente", x.aanbod_door_gemeente);
  v("geregistreerd_door_gemeente", x.geregistreerd_door_gemeente);
  v("doelgroep", x.doelgroep);
  v("soort", x.soort);
  v("indicatie_pib", x.indicatie_pib);
  v("vorm_duaal_traject", x.vorm_duaal_traject);
  v("datum_start", x.datum_start);
  v("datum_einde", x.datum_einde);
  v("reden_einde", x.reden_einde);
}

// vrijstellingen; `id` as for voorzieningen.
template <Is<Vrijstelling> T, typename V>
void VisitColumns(T& x, V&& v) {
  v("soort", x.soort);
  v("door", x.door);
  v("datum_start", x.datum_start);
  v("datum_einde", x.datum_einde);
  v("examenonderdeel", x.examenonderdeel);
  v("niveau", x.niveau);
}

template <Is<Boete> T, typename V>
void VisitColumns(T& x, V&& v) {
  v("datum_toekennen", x.datum_toekennen);
  v("reden", x.reden);
  v("bedrag_centen", x.bedrag_centen);
  v("soort", x.soort);
}

template <Is<Examenonderdeel> T, typename V>
void VisitColumns(T& x, V&& v) {
  v("examen", x.examen);
  v("niveau", x.niveau);
  v("uitslag", x.uitslag);
  v("profiel", x.profiel);
  v("variant", x.variant);
  v("datum_deelname", x.datum_deelname);
  v("gemeente_behaald", x.gemeente_behaald);
  v("indicatie_vrijgesteld", x.indicatie_vrijgesteld);
}

// signalen; `id` is assigned by the store, created_at/updated_at are bookkeeping.
template <Is<Signaal> T, typename V>
void VisitColumns(T& x, V&& v) {
  v("bsn", x.bsn);
  v("gemeentecode", x.gemeentecode);
  v("code", x.code);
  v("status", x.status);
  v("datum", x.datum);
  v("versie", x.versie);
}

// Records whose `id` is the store's row id.
template <typename T>
concept HasId = requires(T t) {
  { t.id } -> std::convertible_to<int64_t>;
};

// --- Whole rows ---------------------------------------------------------------------------

// The column names of T, in visiting order.
template <typename T>
std::vector<const char*> ColumnNames() {
  std::vector<const char*> names;
  T sample{};
  VisitColumns(sample, [&](const char* name, auto&&) { names.push_back(name); });
  return names;
}

// "a, b, c"
template <typename T>
std::string ColumnList() {
  std::string list;
  for (const char* name : ColumnNames<T>()) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

// Binds the columns of `x` to parameters first, first + 1, ...; returns the next free one.
template <typename T>
int BindColumns(sqlite::Stmt& s, int first, const T& x) {
  int i = first;
  VisitColumns(x, [&](const char*, auto&& field) { BindValue(s, i++, field); });
  return i;
}

// Reads the columns of `x` from result columns first, first + 1, ...; false when a stored
// value does not parse (a token or date that this release does not know).
template <typename T>
bool ReadColumns(const sqlite::Stmt& s, int first, T& x) {
  int i = first;
  bool ok = true;
  VisitColumns(x, [&](const char*, auto&& field) {
    if (!ReadValue(s, i++, field)) ok = false;
  });
  return ok;
}

}  // namespace isi::columns
