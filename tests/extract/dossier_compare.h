// Field-by-field comparison of two dossiers for tests, driven by the store's column lists
// (store/dossier_columns.h) so that a field added there is compared here without a change.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/codes.h"
#include "model/dossier.h"
#include "store/dossier_columns.h"

namespace isi::testing {

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

// A field as text, for comparison and for the failure message.
template <typename F>
std::string RenderField(const F& f) {
  if constexpr (requires { f.ontheffing; }) {  // the two-column Ontheffing proxies
    const auto& o = *f.ontheffing;
    return o ? std::string(Token(o->soort)) + "@" + o->datum.ToString() : "null";
  } else if constexpr (IsOptional<F>::value) {
    return f ? RenderField(*f) : "null";
  } else if constexpr (std::is_same_v<F, std::string>) {
    return "'" + f + "'";
  } else if constexpr (std::is_same_v<F, Date>) {
    return f.ToString();
  } else if constexpr (std::is_same_v<F, bool>) {
    return f ? "true" : "false";
  } else if constexpr (std::is_enum_v<F>) {
    return Token(f);
  } else {
    return std::to_string(f);
  }
}

// (name, rendered value) of every column of `x`, names prefixed with `prefix`.
template <typename T>
void RenderColumns(const T& x, const std::string& prefix,
                   std::vector<std::pair<std::string, std::string>>* out) {
  columns::VisitColumns(x, [&](const char* name, const auto& field) {
    out->emplace_back(prefix + name, RenderField(field));
  });
  if constexpr (columns::HasId<T>) out->emplace_back(prefix + "id", std::to_string(x.id));
}

template <typename T>
void RenderList(const std::vector<T>& xs, const std::string& prefix,
                std::vector<std::pair<std::string, std::string>>* out) {
  out->emplace_back(prefix + "size", std::to_string(xs.size()));
  for (size_t i = 0; i < xs.size(); ++i) {
    RenderColumns(xs[i], prefix + "[" + std::to_string(i) + "].", out);
  }
}

inline std::vector<std::pair<std::string, std::string>> RenderDossier(const Dossier& d) {
  std::vector<std::pair<std::string, std::string>> out;
  RenderColumns(d, "", &out);
  out.emplace_back("signalen.totaal", std::to_string(d.signalen.totaal));
  out.emplace_back("signalen.nieuw", std::to_string(d.signalen.nieuw));
  out.emplace_back("signalen.in_behandeling", std::to_string(d.signalen.in_behandeling));
  out.emplace_back("signalen.afgehandeld", std::to_string(d.signalen.afgehandeld));
  out.emplace_back("handhaving", d.handhaving ? "ja" : "nee");
  if (d.handhaving) {
    RenderColumns(*d.handhaving, "handhaving.", &out);
    RenderList(d.handhaving->verlengingen, "verlengingen", &out);
  }
  RenderList(d.voorzieningen, "voorzieningen", &out);
  RenderList(d.vrijstellingen, "vrijstellingen", &out);
  RenderList(d.boetes, "boetes", &out);
  RenderList(d.examens.onderdelen, "examenonderdelen", &out);
  return out;
}

// "field: a != b" for every field that differs; empty when the dossiers are equal.
inline std::vector<std::string> DossierDifferences(const Dossier& a, const Dossier& b) {
  const auto ra = RenderDossier(a);
  const auto rb = RenderDossier(b);
  std::vector<std::string> diffs;
  const size_t n = std::min(ra.size(), rb.size());
  for (size_t i = 0; i < n; ++i) {
    if (ra[i].first != rb[i].first) {
      diffs.push_back("structure differs at " + ra[i].first + " / " + rb[i].first);
      return diffs;
    }
    if (ra[i].second != rb[i].second) {
      diffs.push_back(ra[i].first + ": " + ra[i].second + " != " + rb[i].second);
    }
  }
  if (ra.size() != rb.size()) diffs.push_back("different number of fields");
  return diffs;
}

}  // namespace isi::testing
