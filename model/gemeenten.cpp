#include "model/gemeenten.h"

namespace isi {

const std::vector<Gemeente>& BekendeGemeenten() {
  static const std::vector<Gemeente> kGemeenten = {
      {"0014", "Groningen"},  {"0034", "Almere"},      {"0080", "Leeuwarden"},
      {"0153", "Enschede"},   {"0193", "Zwolle"},      {"0202", "Arnhem"},
      {"0268", "Nijmegen"},   {"0344", "Utrecht"},     {"0363", "Amsterdam"},
      {"0392", "Haarlem"},    {"0518", "'s-Gravenhage"}, {"0599", "Rotterdam"},
      {"0758", "Breda"},      {"0772", "Eindhoven"},   {"0855", "Tilburg"},
      {"0935", "Maastricht"}, {"1999", "RNI (niet-ingezetenen)"},
  };
  return kGemeenten;
}

const Gemeente* FindGemeente(std::string_view code) {
  for (const auto& g : BekendeGemeenten())
    if (code == g.code) return &g;
  return nullptr;
}

}  // namespace isi
