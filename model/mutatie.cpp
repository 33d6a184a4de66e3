// Mutation kinds, their fields and the well-formedness of field values. Keep in step with
// wsdl/mutaties/{gba,ind,duo}.xsd (the XSD tests check the generated files against those).
#include "model/mutatie.h"

#include <utility>

#include "model/identifiers.h"
#include "model/token_table.h"

namespace isi {
namespace {

using token_table::Lookup;
using token_table::Name;

const std::pair<Bron, const char*> kBronnen[] = {
    {Bron::kGba, "GBA"},
    {Bron::kInd, "IND"},
    {Bron::kDuo, "DUO"},
};

const std::pair<MutatieSoort, const char*> kSoorten[] = {
    {MutatieSoort::kVerhuizing, "Verhuizing"},
    {MutatieSoort::kVertrekBuitenland, "VertrekBuitenland"},
    {MutatieSoort::kVestigingUitBuitenland, "VestigingUitBuitenland"},
    {MutatieSoort::kOverlijden, "Overlijden"},
    {MutatieSoort::kWijzigingGeboortedatum, "WijzigingGeboortedatum"},
    {MutatieSoort::kWijzigingNationaliteit, "WijzigingNationaliteit"},
    {MutatieSoort::kWijzigingVerblijfsrecht, "WijzigingVerblijfsrecht"},
    {MutatieSoort::kWijzigingAsielindicatie, "WijzigingAsielindicatie"},
    {MutatieSoort::kWijzigingPersoonsgegevens, "WijzigingPersoonsgegevens"},
    {MutatieSoort::kVerblijfsdoel, "Verblijfsdoel"},
    {MutatieSoort::kNieuwkomer, "Nieuwkomer"},
    {MutatieSoort::kEindeInschrijving, "EindeInschrijving"},
    {MutatieSoort::kDiploma, "Diploma"},
    {MutatieSoort::kExamenuitslag, "Examenuitslag"},
    {MutatieSoort::kExamenaanmelding, "Examenaanmelding"},
    {MutatieSoort::kKorteVrijstellingstoets, "KorteVrijstellingstoets"},
    {MutatieSoort::kGedeeltelijkeVrijstelling, "GedeeltelijkeVrijstelling"},
};

const std::pair<Diplomasoort, const char*> kDiplomasoorten[] = {
    {Diplomasoort::kInburgeringsdiploma, "Inburgeringsdiploma"},
    {Diplomasoort::kStaatsexamenNt2, "StaatsexamenNt2"},
    {Diplomasoort::kVrijstellendDiploma, "VrijstellendDiploma"},
};

const std::pair<Veld, const char*> kVelden[] = {
    {Veld::kGemeente, "Gemeente"},
    {Veld::kAdres, "Adres"},
    {Veld::kPostcode, "Postcode"},
    {Veld::kWoonplaats, "Woonplaats"},
    {Veld::kStraatnaam, "Straatnaam"},
    {Veld::kHuisnummer, "Huisnummer"},
    {Veld::kHuisnummertoevoeging, "Huisnummertoevoeging"},
    {Veld::kHuisnummeraanduiding, "Huisnummeraanduiding"},
    {Veld::kLocatieomschrijving, "Locatieomschrijving"},
    {Veld::kLand, "Land"},
    {Veld::kGeboortedatum, "Geboortedatum"},
    {Veld::kNationaliteit1, "Nationaliteit1"},
    {Veld::kNationaliteit2, "Nationaliteit2"},
    {Veld::kRechtmatigVerblijf, "RechtmatigVerblijf"},
    {Veld::kDatumBeslissing, "DatumBeslissing"},
    {Veld::kAsielgerechtigd, "Asielgerechtigd"},
    {Veld::kVoornamen, "Voornamen"},
    {Veld::kVoorvoegsels, "Voorvoegsels"},
    {Veld::kAchternaam, "Achternaam"},
    {Veld::kGeslacht, "Geslacht"},
    {Veld::kGeboorteland, "Geboorteland"},
    {Veld::kGeboorteplaats, "Geboorteplaats"},
    {Veld::kDatumVestigingInNederland, "DatumVestigingInNederland"},
    {Veld::kCodeGeheim, "CodeGeheim"},
    {Veld::kVerblijfsdoel, "Verblijfsdoel"},
    {Veld::kDiplomasoort, "Diplomasoort"},
    {Veld::kNiveau, "Niveau"},
    {Veld::kExamen, "Examen"},
    {Veld::kExamenniveau, "Examenniveau"},
    {Veld::kUitslag, "Uitslag"},
    {Veld::kProfiel, "Profiel"},
    {Veld::kVariant, "Variant"},
    {Veld::kKader, "Kader"},
    {Veld::kExamenonderdeel, "Examenonderdeel"},
};

constexpr size_t kMaxTekst = 200;  // characters (UTF-8 code points)

// Text without control characters, 1..kMaxTekst characters (0.. when `leeg_mag`).
Status ControleerTekst(std::string_view t, bool leeg_mag) {
  if (t.empty() && !leeg_mag) return Status::InvalidArgument("lege tekst");
  size_t chars = 0;
  for (unsigned char c : t) {
    if (c < 0x20 || c == 0x7f) return Status::InvalidArgument("stuurteken in tekst");
    if ((c & 0xc0) != 0x80) ++chars;
  }
  if (chars > kMaxTekst) {
    return Status::InvalidArgument("tekst langer dan " + std::to_string(kMaxTekst) + " tekens");
  }
  return Status::Ok();
}

template <typename E>
Status ControleerToken(std::string_view t, const char* wat) {
  if (ParseToken<E>(t)) return Status::Ok();
  return Status::InvalidArgument(std::string("onbekende waarde voor ") + wat);
}

}  // namespace

const char* Token(Bron v) { return Name(kBronnen, v); }
template <>
std::optional<Bron> ParseToken<Bron>(std::string_view t) {
  return Lookup(kBronnen, t);
}
const char* Token(MutatieSoort v) { return Name(kSoorten, v); }
template <>
std::optional<MutatieSoort> ParseToken<MutatieSoort>(std::string_view t) {
  return Lookup(kSoorten, t);
}
const char* Token(Diplomasoort v) { return Name(kDiplomasoorten, v); }
template <>
std::optional<Diplomasoort> ParseToken<Diplomasoort>(std::string_view t) {
  return Lookup(kDiplomasoorten, t);
}
const char* Token(Veld v) { return Name(kVelden, v); }
template <>
std::optional<Veld> ParseToken<Veld>(std::string_view t) {
  return Lookup(kVelden, t);
}

Bron BronVan(MutatieSoort soort) {
  switch (soort) {
    case MutatieSoort::kVerblijfsdoel:
    case MutatieSoort::kNieuwkomer:
      return Bron::kInd;
    case MutatieSoort::kEindeInschrijving:
    case MutatieSoort::kDiploma:
    case MutatieSoort::kExamenuitslag:
    case MutatieSoort::kExamenaanmelding:
    case MutatieSoort::kKorteVrijstellingstoets:
    case MutatieSoort::kGedeeltelijkeVrijstelling:
      return Bron::kDuo;
    default:
      return Bron::kGba;
  }
}

const std::vector<MutatieSoort>& MutatieSoorten() {
  static const std::vector<MutatieSoort> kAll = [] {
    std::vector<MutatieSoort> all;
    for (const auto& [soort, name] : kSoorten) all.push_back(soort);
    return all;
  }();
  return kAll;
}

bool IsAdresVeld(Veld v) {
  switch (v) {
    case Veld::kPostcode:
    case Veld::kWoonplaats:
    case Veld::kStraatnaam:
    case Veld::kHuisnummer:
    case Veld::kHuisnummertoevoeging:
    case Veld::kHuisnummeraanduiding:
    case Veld::kLocatieomschrijving:
      return true;
    default:
      return false;
  }
}

const std::vector<Veldspec>& AdresVelden() {
  static const std::vector<Veldspec> kAdres = {
      {Veld::kPostcode, false},
      {Veld::kWoonplaats, true},
      {Veld::kStraatnaam, false},
      {Veld::kHuisnummer, false},
      {Veld::kHuisnummertoevoeging, false},
      {Veld::kHuisnummeraanduiding, false},
      {Veld::kLocatieomschrijving, false},
  };
  return kAdres;
}

const std::vector<Veldspec>& MutatieVelden(MutatieSoort soort) {
  static const std::vector<Veldspec> kGeen = {};
  static const std::vector<Veldspec> kVerhuizing = {{Veld::kGemeente, true}, {Veld::kAdres, true}};
  static const std::vector<Veldspec> kVertrek = {{Veld::kLand, false}};
  static const std::vector<Veldspec> kGeboortedatum = {{Veld::kGeboortedatum, true}};
  static const std::vector<Veldspec> kNationaliteit = {{Veld::kNationaliteit1, true},
                                                       {Veld::kNationaliteit2, false}};
  static const std::vector<Veldspec> kVerblijfsrecht = {{Veld::kRechtmatigVerblijf, true},
                                                        {Veld::kDatumBeslissing, false}};
  static const std::vector<Veldspec> kAsiel = {{Veld::kAsielgerechtigd, true}};
  // At least one of these (the parser checks that).
  static const std::vector<Veldspec> kPersoonsgegevens = {
      {Veld::kVoornamen, false},
      {Veld::kVoorvoegsels, false},
      {Veld::kAchternaam, false},
      {Veld::kGeslacht, false},
      {Veld::kGeboorteland, false},
      {Veld::kGeboorteplaats, false},
      {Veld::kDatumVestigingInNederland, false},
      {Veld::kCodeGeheim, false},
      {Veld::kAdres, false},
  };
  static const std::vector<Veldspec> kVerblijfsdoel = {{Veld::kVerblijfsdoel, true}};
  // All optional in the schema; a person ISI does not know yet needs Achternaam, Geboortedatum,
  // Geslacht and Gemeente (the rules check that).
  static const std::vector<Veldspec> kNieuwkomer = {
      {Veld::kVoornamen, false},      {Veld::kVoorvoegsels, false},
      {Veld::kAchternaam, false},     {Veld::kGeboortedatum, false},
      {Veld::kGeslacht, false},       {Veld::kGeboorteland, false},
      {Veld::kNationaliteit1, false}, {Veld::kGemeente, false},
      {Veld::kAdres, false},          {Veld::kDatumVestigingInNederland, false},
  };
  static const std::vector<Veldspec> kDiploma = {{Veld::kDiplomasoort, true},
                                                 {Veld::kNiveau, false}};
  static const std::vector<Veldspec> kExamenuitslag = {
      {Veld::kExamen, true},   {Veld::kExamenniveau, false}, {Veld::kUitslag, true},
      {Veld::kProfiel, false}, {Veld::kVariant, false},
  };
  static const std::vector<Veldspec> kExamenaanmelding = {
      {Veld::kExamen, true}, {Veld::kKader, true}, {Veld::kProfiel, false}};
  static const std::vector<Veldspec> kGedeeltelijk = {{Veld::kExamenonderdeel, true},
                                                      {Veld::kNiveau, false}};
  switch (soort) {
    case MutatieSoort::kVerhuizing:
    case MutatieSoort::kVestigingUitBuitenland:
      return kVerhuizing;
    case MutatieSoort::kVertrekBuitenland:
      return kVertrek;
    case MutatieSoort::kOverlijden:
    case MutatieSoort::kEindeInschrijving:
    case MutatieSoort::kKorteVrijstellingstoets:
      return kGeen;
    case MutatieSoort::kWijzigingGeboortedatum:
      return kGeboortedatum;
    case MutatieSoort::kWijzigingNationaliteit:
      return kNationaliteit;
    case MutatieSoort::kWijzigingVerblijfsrecht:
      return kVerblijfsrecht;
    case MutatieSoort::kWijzigingAsielindicatie:
      return kAsiel;
    case MutatieSoort::kWijzigingPersoonsgegevens:
      return kPersoonsgegevens;
    case MutatieSoort::kVerblijfsdoel:
      return kVerblijfsdoel;
    case MutatieSoort::kNieuwkomer:
      return kNieuwkomer;
    case MutatieSoort::kDiploma:
      return kDiploma;
    case MutatieSoort::kExamenuitslag:
      return kExamenuitslag;
    case MutatieSoort::kExamenaanmelding:
      return kExamenaanmelding;
    case MutatieSoort::kGedeeltelijkeVrijstelling:
      return kGedeeltelijk;
  }
  return kGeen;
}

Status ControleerWaarde(Veld veld, std::string_view t) {
  switch (veld) {
    case Veld::kAdres:
      return t.empty() ? Status::Ok()
                       : Status::InvalidArgument("Adres heeft onderdelen, geen tekst");
    case Veld::kGemeente:
      if (!IsWellFormedGemeentecode(t)) {
        return Status::InvalidArgument("gemeentecode moet 4 cijfers zijn");
      }
      return Status::Ok();
    case Veld::kPostcode: {
      bool ok = t.size() == 6 && t[0] >= '1' && t[0] <= '9';
      for (size_t i = 1; ok && i < 4; ++i) ok = t[i] >= '0' && t[i] <= '9';
      for (size_t i = 4; ok && i < 6; ++i) ok = t[i] >= 'A' && t[i] <= 'Z';
      return ok ? Status::Ok() : Status::InvalidArgument("postcode moet de vorm 1234AB hebben");
    }
    case Veld::kHuisnummer: {
      bool ok = !t.empty() && t.size() <= 5 && t[0] != '0';
      for (char c : t) ok = ok && c >= '0' && c <= '9';
      return ok ? Status::Ok() : Status::InvalidArgument("huisnummer moet 1 tot en met 99999 zijn");
    }
    case Veld::kGeboortedatum:
    case Veld::kDatumBeslissing:
    case Veld::kDatumVestigingInNederland:
      return Date::Parse(t) ? Status::Ok()
                            : Status::InvalidArgument("geen geldige datum JJJJ-MM-DD");
    case Veld::kRechtmatigVerblijf:
    case Veld::kAsielgerechtigd:
      return t == "true" || t == "false" ? Status::Ok()
                                         : Status::InvalidArgument("moet true of false zijn");
    case Veld::kGeslacht:
      return ControleerToken<Geslacht>(t, "Geslacht");
    case Veld::kCodeGeheim:
      return ControleerToken<CodeGeheim>(t, "CodeGeheim");
    case Veld::kVerblijfsdoel:
      return ControleerToken<Verblijfsdoel>(t, "Verblijfsdoel");
    case Veld::kDiplomasoort:
      return ControleerToken<Diplomasoort>(t, "Diplomasoort");
    case Veld::kNiveau:
      return ControleerToken<NiveauDiploma>(t, "Niveau");
    case Veld::kExamen:
      return ControleerToken<Examen>(t, "Examen");
    case Veld::kExamenniveau:
      return ControleerToken<ExamenNiveau>(t, "Examenniveau");
    case Veld::kUitslag:
      return ControleerToken<Uitslag>(t, "Uitslag");
    case Veld::kKader:
      // An application is made under one of the two; "GeenExamenaanvraag" is no application.
      return t == Token(ExamenaanvraagKader::kNaturalisatie) ||
                     t == Token(ExamenaanvraagKader::kWetInburgering)
                 ? Status::Ok()
                 : Status::InvalidArgument("Kader moet Naturalisatie of WetInburgering zijn");
    case Veld::kExamenonderdeel:
      return ControleerToken<VrijgesteldExamenonderdeel>(t, "Examenonderdeel");
    case Veld::kVoorvoegsels:
    case Veld::kHuisnummertoevoeging:
      return ControleerTekst(t, /*leeg_mag=*/true);
    default:
      return ControleerTekst(t, /*leeg_mag=*/false);
  }
}

const std::string* Mutatie::Tekst(Veld v) const {
  for (const Waarde& w : waarden)
    if (w.veld == v) return &w.tekst;
  return nullptr;
}

std::optional<std::string> Mutatie::OptTekst(Veld v) const {
  const std::string* t = Tekst(v);
  return t == nullptr ? std::nullopt : std::optional<std::string>(*t);
}

std::optional<Date> Mutatie::DatumVan(Veld v) const {
  const std::string* t = Tekst(v);
  return t == nullptr ? std::nullopt : Date::Parse(*t);
}

std::optional<bool> Mutatie::Bool(Veld v) const {
  const std::string* t = Tekst(v);
  if (t == nullptr) return std::nullopt;
  if (*t == "true") return true;
  if (*t == "false") return false;
  return std::nullopt;
}

std::optional<int> Mutatie::Int(Veld v) const {
  const std::string* t = Tekst(v);
  if (t == nullptr || t->empty() || t->size() > 9) return std::nullopt;
  int n = 0;
  for (char c : *t) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

void Mutatie::Zet(Veld v, std::string tekst) {
  for (Waarde& w : waarden) {
    if (w.veld == v) {
      w.tekst = std::move(tekst);
      return;
    }
  }
  waarden.push_back(Waarde{v, std::move(tekst)});
}

}  // namespace isi
