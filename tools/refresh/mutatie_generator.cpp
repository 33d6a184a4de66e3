#include "tools/refresh/mutatie_generator.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <utility>

#include "model/gemeenten.h"
#include "model/identifiers.h"
#include "model/signaalregels.h"
#include "tools/refresh/mutatie_xml.h"

namespace isi::refresh {
namespace {

constexpr int64_t kMaxAantal = 10'000'000;

// SplitMix64: small, fast, the same everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }
  int Int(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Percent(int p) { return Int(0, 99) < p; }
  double Unit() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }
  template <typename T, size_t N>
  const T& Pick(const T (&xs)[N]) {
    return xs[Below(N)];
  }
  // An index by weight.
  size_t Weighted(std::initializer_list<int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int x = Int(0, total - 1);
    size_t i = 0;
    for (int w : weights) {
      if (x < w) return i;
      x -= w;
      ++i;
    }
    return 0;
  }

 private:
  uint64_t s_;
};

constexpr const char* kStraten[] = {"Stationsstraat", "Kerkstraat",    "Dorpsstraat", "Molenweg",
                                    "Schoolstraat",   "Julianastraat", "Beatrixlaan", "Lindelaan"};
constexpr const char* kLanden[] = {"Marokko", "Turkije",  "Duitsland",
                                   "België",  "Suriname", "Verenigd Koninkrijk",
                                   "Spanje",  "Polen"};
constexpr const char* kNationaliteiten[] = {"Marokkaanse", "Turkse",     "Afghaanse", "Syrische",
                                            "Iraakse",     "Somalische", "Chinese",   "Thaise",
                                            "Surinaamse",  "Nederlandse"};
constexpr const char* kAchternamen[] = {"El Amrani", "Yilmaz", "Haddou",    "Karimi",
                                        "Osman",     "Nguyen", "Mohammadi", "Kaya",
                                        "Bakker",    "Hassan", "Ali",       "Demir"};
constexpr const char* kVoornamen[] = {"Fatima", "Mohamed", "Ayse", "Ahmed", "Amina", "Yusuf",
                                      "Leila",  "Omar",    "Sara", "Ali",   "Noor",  "Hamid"};
constexpr const char* kProfielen[] = {"Werk", "Ondernemerschap",
                                      "Opvoeding, gezondheid en onderwijs",
                                      "Maatschappelijke participatie"};
constexpr Examen kExamens[] = {Examen::kLeesvaardigheid,
                               Examen::kLuistervaardigheid,
                               Examen::kSpreekvaardigheid,
                               Examen::kSchrijfvaardigheid,
                               Examen::kKennisNederlandseMaatschappij,
                               Examen::kPraktijkexamen};
constexpr VrijgesteldExamenonderdeel kOnderdelen[] = {
    VrijgesteldExamenonderdeel::kTaal, VrijgesteldExamenonderdeel::kKnsCertificaatNederland,
    VrijgesteldExamenonderdeel::kTgnWibEnKns, VrijgesteldExamenonderdeel::kTgnWib};

// What the generator knows about a person, kept up to date as it writes mutations.
struct Feiten {
  std::string bsn;
  std::optional<std::string> anummer;
  std::string woongemeente;
  std::optional<std::string> vorige;
  std::optional<Date> vertrek;
  Date geboren;
  std::optional<Date> vestiging;
  bool overleden = false;
  bool vrijwillig = false;
  bool tijdelijk_vrijgesteld = false;  // a running temporary exemption
  bool diploma = false;
  bool geheel_vrijgesteld = false;  // by DUO or by the municipality
  bool rechtmatig = true;
  bool asiel = false;
  std::optional<Verblijfsdoel> verblijfsdoel;
  bool nieuwkomer = false;
  std::string nationaliteit;
  std::set<VrijgesteldExamenonderdeel> vrijstellingen;

  bool InNederland() const { return woongemeente != "1999"; }
};

Feiten FeitenVan(const PersoonToestand& p, Date peil) {
  const Dossier& d = p.dossier;
  Feiten f;
  f.bsn = d.kop.bsn;
  f.anummer = d.kop.anummer;
  f.woongemeente = d.kop.woongemeente;
  f.vorige = d.kop.vorige_woongemeente;
  f.vertrek = d.persoonsgegevens.datum_vertrek_uit_nederland;
  f.geboren = d.kop.geboortedatum;
  f.vestiging = d.persoonsgegevens.datum_vestiging_in_nederland;
  f.overleden = d.persoonsgegevens.datum_overlijden.has_value() || p.geschoond;
  f.vrijwillig = d.indicatie.vrijwillig_inburgeraar;
  for (const Vrijstelling& v : d.vrijstellingen) {
    if (v.soort == SoortVrijstelling::kTijdelijk && v.datum_start <= peil &&
        (!v.datum_einde || *v.datum_einde >= peil)) {
      f.tijdelijk_vrijgesteld = true;
    }
    if (v.soort == SoortVrijstelling::kGedeeltelijk && v.examenonderdeel) {
      f.vrijstellingen.insert(*v.examenonderdeel);
    }
  }
  f.diploma = d.examens.inburgeringsdiploma_behaald || d.persoonsgegevens.indicatie_diploma_behaald;
  f.geheel_vrijgesteld = d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo ||
                         d.indicatie.reden_niet_inburgeringsplichtig ==
                             RedenNietInburgeringsplichtig::kGeheelVrijgesteld;
  f.rechtmatig = d.persoonsgegevens.indicatie_rechtmatig_verblijf.value_or(true);
  f.asiel = d.persoonsgegevens.indicatie_asielgerechtigd.value_or(false);
  f.verblijfsdoel = d.persoonsgegevens.indicatie_verblijfsdoel;
  f.nieuwkomer = d.indicatie.categorie == Categorie::kNieuwkomer;
  f.nationaliteit = d.persoonsgegevens.nationaliteit1.value_or("");
  return f;
}

// A valid BSN drawn at random (elfproef), never 000000000.
std::string WillekeurigBsn(Rng& rng) {
  for (;;) {
    std::string s(9, '0');
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
      const int d = rng.Int(i == 0 ? 1 : 0, 9);
      s[static_cast<size_t>(i)] = static_cast<char>('0' + d);
      sum += d * (9 - i);
    }
    const int check = sum % 11;
    if (check == 10) continue;
    s[8] = static_cast<char>('0' + check);
    if (IsValidBsn(s)) return s;
  }
}

class Generator {
 public:
  // `bekend`: the store's BSNs, ascending.
  Generator(const GeneratieOpties& o, std::vector<Feiten> personen,
            const std::vector<std::string>* bekend, std::vector<std::string> gemeenten)
      : o_(o),
        rng_(o.seed ^ 0x5eed5eed5eed5eedULL),
        personen_(std::move(personen)),
        bekend_(bekend),
        gemeenten_(std::move(gemeenten)) {}

  // Generates the GBA file's mutations first, then the IND's, then the DUO's: the order in
  // which the refresh applies them, so that a newcomer exists before DUO writes about them and
  // nobody gets an IND or DUO mutation after a GBA death.
  void Maak(std::vector<GegenereerdBestand>* out) {
    std::array<int64_t, 3> aantal{};
    for (int64_t i = 0; i < o_.aantal; ++i) ++aantal[rng_.Weighted({60, 10, 30})];
    for (Bron bron : {Bron::kGba, Bron::kInd, Bron::kDuo}) {
      const auto b = static_cast<size_t>(bron);
      if (aantal[b] == 0) continue;
      GegenereerdBestand g;
      g.bron = bron;
      std::vector<RuweMutatie> mutaties;
      for (int64_t i = 0; i < aantal[b]; ++i) {
        const bool ongeldig = o_.ongeldig > 0 && rng_.Unit() < o_.ongeldig;
        RuweMutatie m = ongeldig ? Ongeldig(bron) : Geldig(bron);
        ++g.mutaties;
        if (ongeldig) ++g.ongeldig;
        ++g.per_soort[m.element];
        mutaties.push_back(std::move(m));
      }
      g.bestand_id =
          std::string(Token(bron)) + "-" + o_.peildatum.ToString() + "-s" + std::to_string(o_.seed);
      g.xml = SchrijfMutatiebestand(bron, g.bestand_id, o_.peildatum.ToString(), mutaties);
      out->push_back(std::move(g));
    }
  }

  // A date in the 20 days up to the peildatum, not before `na`.
  Date Datum(std::optional<Date> na = std::nullopt) {
    Date d = o_.peildatum.AddDays(-rng_.Int(0, 20));
    if (na && d <= *na) d = std::min(o_.peildatum, na->AddDays(1));
    return d;
  }

  // A living person for whom `past` holds (nullptr after a fair number of tries).
  template <typename Past>
  Feiten* Kies(Past past) {
    for (int i = 0; i < 64; ++i) {
      Feiten& f = personen_[rng_.Below(personen_.size())];
      if (!f.overleden && past(f)) return &f;
    }
    return nullptr;
  }

  std::string AndereGemeente(const std::string& niet) {
    for (;;) {
      const std::string& g = gemeenten_[rng_.Below(gemeenten_.size())];
      if (g != niet || gemeenten_.size() == 1) return g;
    }
  }

  void ZetAdres(Mutatie& m, const std::string& gemeente) {
    m.Zet(Veld::kAdres, "");
    std::string postcode = std::to_string(rng_.Int(1000, 9999));
    postcode += static_cast<char>('A' + rng_.Int(0, 25));
    postcode += static_cast<char>('A' + rng_.Int(0, 17));  // never SA, SD, SS
    m.Zet(Veld::kPostcode, postcode);
    const Gemeente* g = FindGemeente(gemeente);
    m.Zet(Veld::kWoonplaats, g != nullptr ? g->naam : gemeente);
    m.Zet(Veld::kStraatnaam, rng_.Pick(kStraten));
    m.Zet(Veld::kHuisnummer, std::to_string(rng_.Int(1, 250)));
  }

  Mutatie Basis(MutatieSoort soort, const Feiten& f, Date datum) {
    Mutatie m;
    m.soort = soort;
    m.bsn = f.bsn;
    if (rng_.Percent(70)) m.anummer = f.anummer;
    m.datum = std::max(datum, f.geboren);
    return m;
  }

  // A mutation that fits a person, or nullopt when no suitable person was found.
  std::optional<Mutatie> Probeer(MutatieSoort soort) {
    Feiten* f = nullptr;
    switch (soort) {
      case MutatieSoort::kVerhuizing: {
        if ((f = Kies([](const Feiten& x) { return x.InNederland(); })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum());
        const std::string naar = AndereGemeente(f->woongemeente);
        if (naar == f->woongemeente) return std::nullopt;
        m.Zet(Veld::kGemeente, naar);
        ZetAdres(m, naar);
        f->woongemeente = naar;
        return m;
      }
      case MutatieSoort::kVertrekBuitenland: {
        if ((f = Kies([](const Feiten& x) { return x.InNederland(); })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum());
        m.Zet(Veld::kLand, rng_.Pick(kLanden));
        f->vorige = f->woongemeente;
        f->woongemeente = "1999";
        f->vertrek = m.datum;
        return m;
      }
      case MutatieSoort::kVestigingUitBuitenland: {
        if ((f = Kies([](const Feiten& x) { return !x.InNederland(); })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum(f->vertrek));
        const std::string naar =
            f->vorige && rng_.Percent(60) ? *f->vorige : AndereGemeente("1999");
        m.Zet(Veld::kGemeente, naar);
        ZetAdres(m, naar);
        f->woongemeente = naar;
        f->vorige.reset();
        f->vertrek.reset();
        return m;
      }
      case MutatieSoort::kOverlijden: {
        if ((f = Kies([](const Feiten&) { return true; })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum(f->vertrek));
        f->overleden = true;
        return m;
      }
      case MutatieSoort::kWijzigingGeboortedatum: {
        if ((f = Kies([](const Feiten&) { return true; })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum());
        Date nieuw = f->geboren.AddDays(rng_.Percent(50) ? rng_.Int(1, 400) : -rng_.Int(1, 400));
        if (nieuw > o_.peildatum.AddYears(-1)) nieuw = f->geboren.AddDays(-rng_.Int(1, 400));
        m.Zet(Veld::kGeboortedatum, nieuw.ToString());
        f->geboren = nieuw;
        m.datum = std::max(m.datum, nieuw);
        return m;
      }
      case MutatieSoort::kWijzigingNationaliteit: {
        if ((f = Kies([](const Feiten&) { return true; })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum());
        std::string nieuw = rng_.Pick(kNationaliteiten);
        if (nieuw == f->nationaliteit) nieuw = "Nederlandse";
        if (nieuw == f->nationaliteit) nieuw = "Turkse";
        m.Zet(Veld::kNationaliteit1, nieuw);
        f->nationaliteit = nieuw;
        return m;
      }
      case MutatieSoort::kWijzigingVerblijfsrecht: {
        if ((f = Kies([](const Feiten&) { return true; })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum());
        f->rechtmatig = !f->rechtmatig;
        m.Zet(Veld::kRechtmatigVerblijf, f->rechtmatig ? "true" : "false");
        m.Zet(Veld::kDatumBeslissing, m.datum.ToString());
        return m;
      }
      case MutatieSoort::kWijzigingAsielindicatie: {
        if ((f = Kies([](const Feiten&) { return true; })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum());
        f->asiel = !f->asiel;
        m.Zet(Veld::kAsielgerechtigd, f->asiel ? "true" : "false");
        return m;
      }
      case MutatieSoort::kWijzigingPersoonsgegevens: {
        if ((f = Kies([](const Feiten& x) { return x.InNederland(); })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum());
        switch (rng_.Weighted({60, 28, 6, 6})) {
          case 0:
            ZetAdres(m, f->woongemeente);
            break;
          case 1:
            m.Zet(Veld::kAchternaam, rng_.Pick(kAchternamen));
            break;
          case 2:
            m.Zet(Veld::kVoornamen, rng_.Pick(kVoornamen));
            m.Zet(Veld::kGeslacht, rng_.Percent(50) ? "Vrouw" : "Man");
            break;
          default: {
            // A corrected date of settlement: for a volunteer, as a child (SS033).
            const Date vestiging = f->vrijwillig ? f->geboren.AddYears(rng_.Int(3, 8))
                                                 : f->geboren.AddYears(rng_.Int(17, 30));
            if (vestiging > o_.peildatum) {
              m.Zet(Veld::kAchternaam, rng_.Pick(kAchternamen));
              break;
            }
            m.Zet(Veld::kDatumVestigingInNederland, vestiging.ToString());
            m.datum = std::max(m.datum, vestiging);
            f->vestiging = vestiging;
            break;
          }
        }
        return m;
      }
      case MutatieSoort::kVerblijfsdoel: {
        if ((f = Kies([](const Feiten&) { return true; })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum());
        const Verblijfsdoel nieuw = f->verblijfsdoel == Verblijfsdoel::kTijdelijkVerblijf
                                        ? Verblijfsdoel::kPermanentVerblijf
                                        : Verblijfsdoel::kTijdelijkVerblijf;
        m.Zet(Veld::kVerblijfsdoel, Token(nieuw));
        f->verblijfsdoel = nieuw;
        return m;
      }
      case MutatieSoort::kNieuwkomer: {
        if (rng_.Percent(30)) {
          if ((f = Kies([](const Feiten& x) { return !x.nieuwkomer && x.InNederland(); })) ==
              nullptr) {
            break;
          }
          Mutatie m = Basis(soort, *f, Datum());
          f->nieuwkomer = true;
          return m;
        }
        Feiten nieuw;
        do {
          nieuw.bsn = WillekeurigBsn(rng_);
        } while (Bekend(nieuw.bsn));
        nieuw_.insert(nieuw.bsn);
        nieuw.woongemeente = AndereGemeente("1999");
        nieuw.geboren = Date{rng_.Int(1965, 2002), rng_.Int(1, 12), rng_.Int(1, 28)};
        nieuw.nieuwkomer = true;
        Mutatie m;
        m.soort = soort;
        m.bsn = nieuw.bsn;
        m.datum = Datum();
        const bool vrouw = rng_.Percent(50);
        m.Zet(Veld::kVoornamen, rng_.Pick(kVoornamen));
        m.Zet(Veld::kAchternaam, rng_.Pick(kAchternamen));
        m.Zet(Veld::kGeboortedatum, nieuw.geboren.ToString());
        m.Zet(Veld::kGeslacht, vrouw ? "Vrouw" : "Man");
        m.Zet(Veld::kGeboorteland, rng_.Pick(kLanden));
        nieuw.nationaliteit = rng_.Pick(kNationaliteiten);
        if (nieuw.nationaliteit == "Nederlandse") nieuw.nationaliteit = "Syrische";
        m.Zet(Veld::kNationaliteit1, nieuw.nationaliteit);
        m.Zet(Veld::kGemeente, nieuw.woongemeente);
        ZetAdres(m, nieuw.woongemeente);
        m.Zet(Veld::kDatumVestigingInNederland, m.datum.AddDays(-rng_.Int(30, 400)).ToString());
        personen_.push_back(std::move(nieuw));
        return m;
      }
      case MutatieSoort::kEindeInschrijving: {
        if ((f = Kies([](const Feiten& x) { return x.tijdelijk_vrijgesteld; })) == nullptr) break;
        Mutatie m = Basis(soort, *f, o_.peildatum.AddDays(-rng_.Int(0, 3)));
        f->tijdelijk_vrijgesteld = false;
        return m;
      }
      case MutatieSoort::kDiploma: {
        if ((f = Kies([](const Feiten& x) { return !x.diploma && !x.geheel_vrijgesteld; })) ==
            nullptr) {
          break;
        }
        Mutatie m = Basis(soort, *f, Datum());
        const auto soort_diploma = static_cast<Diplomasoort>(rng_.Weighted({50, 30, 20}));
        m.Zet(Veld::kDiplomasoort, Token(soort_diploma));
        if (soort_diploma == Diplomasoort::kInburgeringsdiploma) {
          m.Zet(Veld::kNiveau, rng_.Percent(85) ? "A2" : "A1");
          f->diploma = true;
        } else {
          f->geheel_vrijgesteld = true;
        }
        return m;
      }
      case MutatieSoort::kExamenuitslag: {
        if ((f = Kies([](const Feiten& x) { return !x.diploma; })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum());
        const Examen e = rng_.Pick(kExamens);
        m.Zet(Veld::kExamen, Token(e));
        if (e != Examen::kKennisNederlandseMaatschappij && e != Examen::kPraktijkexamen) {
          m.Zet(Veld::kExamenniveau, rng_.Percent(85) ? "A2" : "A1");
        }
        m.Zet(Veld::kUitslag, Token(static_cast<Uitslag>(rng_.Weighted({65, 22, 9, 4}))));
        if (e == Examen::kPraktijkexamen) m.Zet(Veld::kProfiel, rng_.Pick(kProfielen));
        return m;
      }
      case MutatieSoort::kExamenaanmelding: {
        if ((f = Kies([](const Feiten& x) { return !x.diploma; })) == nullptr) break;
        Mutatie m = Basis(soort, *f, Datum());
        m.Zet(Veld::kExamen, Token(rng_.Pick(kExamens)));
        m.Zet(Veld::kKader, rng_.Percent(80) ? "WetInburgering" : "Naturalisatie");
        if (rng_.Percent(60)) m.Zet(Veld::kProfiel, rng_.Pick(kProfielen));
        return m;
      }
      case MutatieSoort::kKorteVrijstellingstoets: {
        if ((f = Kies([](const Feiten& x) { return !x.geheel_vrijgesteld && !x.diploma; })) ==
            nullptr) {
          break;
        }
        Mutatie m = Basis(soort, *f, Datum());
        f->geheel_vrijgesteld = true;
        return m;
      }
      case MutatieSoort::kGedeeltelijkeVrijstelling: {
        if ((f = Kies([](const Feiten& x) { return x.vrijstellingen.size() < 4; })) == nullptr) {
          break;
        }
        VrijgesteldExamenonderdeel o = rng_.Pick(kOnderdelen);
        while (f->vrijstellingen.count(o) > 0) o = rng_.Pick(kOnderdelen);
        Mutatie m = Basis(soort, *f, Datum());
        m.Zet(Veld::kExamenonderdeel, Token(o));
        if (o == VrijgesteldExamenonderdeel::kTaal) m.Zet(Veld::kNiveau, "A2");
        f->vrijstellingen.insert(o);
        return m;
      }
    }
    return std::nullopt;
  }

  RuweMutatie Geldig(Bron bron) {
    static constexpr MutatieSoort kGba[] = {MutatieSoort::kVerhuizing,
                                            MutatieSoort::kVertrekBuitenland,
                                            MutatieSoort::kVestigingUitBuitenland,
                                            MutatieSoort::kOverlijden,
                                            MutatieSoort::kWijzigingGeboortedatum,
                                            MutatieSoort::kWijzigingNationaliteit,
                                            MutatieSoort::kWijzigingVerblijfsrecht,
                                            MutatieSoort::kWijzigingAsielindicatie,
                                            MutatieSoort::kWijzigingPersoonsgegevens};
    static constexpr MutatieSoort kInd[] = {MutatieSoort::kVerblijfsdoel,
                                            MutatieSoort::kNieuwkomer};
    static constexpr MutatieSoort kDuo[] = {
        MutatieSoort::kEindeInschrijving,       MutatieSoort::kDiploma,
        MutatieSoort::kExamenuitslag,           MutatieSoort::kExamenaanmelding,
        MutatieSoort::kKorteVrijstellingstoets, MutatieSoort::kGedeeltelijkeVrijstelling};
    for (int poging = 0; poging < 8; ++poging) {
      MutatieSoort soort;
      switch (bron) {
        case Bron::kGba:
          soort = kGba[rng_.Weighted({20, 3, 2, 2, 1, 4, 3, 2, 63})];
          break;
        case Bron::kInd:
          soort = kInd[rng_.Weighted({75, 25})];
          break;
        default:
          soort = kDuo[rng_.Weighted({5, 10, 50, 20, 5, 10})];
          break;
      }
      if (std::optional<Mutatie> m = Probeer(soort)) return NaarRuw(*m);
    }
    // Nobody fits what was drawn (a tiny store): a change anyone alive can have.
    Feiten* f = Kies([](const Feiten&) { return true; });
    if (f == nullptr) f = &personen_.front();
    const MutatieSoort soort = bron == Bron::kGba   ? MutatieSoort::kWijzigingPersoonsgegevens
                               : bron == Bron::kInd ? MutatieSoort::kVerblijfsdoel
                                                    : MutatieSoort::kExamenaanmelding;
    Mutatie m = Basis(soort, *f, Datum());
    switch (soort) {
      case MutatieSoort::kWijzigingPersoonsgegevens:
        m.Zet(Veld::kAchternaam, rng_.Pick(kAchternamen));
        break;
      case MutatieSoort::kVerblijfsdoel:
        m.Zet(Veld::kVerblijfsdoel, Token(Verblijfsdoel::kPermanentVerblijf));
        break;
      default:
        m.Zet(Veld::kExamen, Token(Examen::kKennisNederlandseMaatschappij));
        m.Zet(Veld::kKader, "WetInburgering");
        break;
    }
    return NaarRuw(m);
  }

  // An invalid mutation for the file of `bron`.
  RuweMutatie Ongeldig(Bron bron) {
    const Feiten& f = personen_[rng_.Below(personen_.size())];
    RuweMutatie r;
    r.bsn = f.bsn;
    r.datum = Datum().ToString();
    switch (bron) {
      case Bron::kGba:
        r.element = "WijzigingPersoonsgegevens";
        r.waarden.push_back({Veld::kAchternaam, rng_.Pick(kAchternamen)});
        break;
      case Bron::kInd:
        r.element = "Verblijfsdoel";
        r.waarden.push_back({Veld::kVerblijfsdoel, Token(Verblijfsdoel::kTijdelijkVerblijf)});
        break;
      case Bron::kDuo:
        r.element = "Examenaanmelding";
        r.waarden.push_back({Veld::kExamen, Token(Examen::kPraktijkexamen)});
        r.waarden.push_back({Veld::kKader, "WetInburgering"});
        break;
    }
    switch (rng_.Below(bron == Bron::kGba ? 6 : 5)) {
      case 0:  // elfproef fails
        r.bsn[8] = static_cast<char>('0' + ((r.bsn[8] - '0' + 1) % 10));
        break;
      case 1: {  // a person ISI does not know
        std::string bsn;
        do {
          bsn = WillekeurigBsn(rng_);
        } while (Bekend(bsn));
        r.bsn = bsn;
        break;
      }
      case 2:  // no such day
        r.datum = std::to_string(o_.peildatum.year) + "-02-30";
        break;
      case 3:  // a kind no source has
        r.element = bron == Bron::kGba   ? "Naamswijziging"
                    : bron == Bron::kInd ? "Verblijfsvergunning"
                                         : "Herexamen";
        break;
      case 4:  // after the peildatum
        r.datum = o_.peildatum.AddDays(rng_.Int(1, 30)).ToString();
        break;
      default:  // (GBA) a move within the municipality, refused by the rules
        r.element = "Verhuizing";
        r.waarden.clear();
        r.waarden.push_back({Veld::kGemeente, f.InNederland() ? f.woongemeente : "0363"});
        r.waarden.push_back({Veld::kAdres, ""});
        r.waarden.push_back({Veld::kWoonplaats, "Onbekend"});
        break;
    }
    return r;
  }

  bool Bekend(const std::string& bsn) const {
    return std::binary_search(bekend_->begin(), bekend_->end(), bsn) || nieuw_.count(bsn) > 0;
  }

  const GeneratieOpties& o_;
  Rng rng_;
  std::vector<Feiten> personen_;
  const std::vector<std::string>* bekend_;
  std::set<std::string> nieuw_;  // BSNs of newcomers written so far
  std::vector<std::string> gemeenten_;
};

}  // namespace

Status GenereerMutaties(RefreshStore* store, const GeneratieOpties& o,
                        std::vector<GegenereerdBestand>* out) {
  if (o.aantal < 0 || o.aantal > kMaxAantal) {
    return Status::InvalidArgument("aantal moet tussen 0 en 10000000 liggen", "aantal");
  }
  if (!(o.ongeldig >= 0 && o.ongeldig <= 1)) {
    return Status::InvalidArgument("ongeldig moet een fractie tussen 0 en 1 zijn", "ongeldig");
  }
  out->clear();
  std::vector<std::string> alle;
  std::set<std::string> gemeenten_set;
  std::vector<Feiten> personen;
  {
    if (Status s = store->BeginSnapshot(); !s.ok()) return s;
    Status s = store->LevendePersonen(&alle);
    if (s.ok()) s = store->Gemeenten(&gemeenten_set);
    if (s.ok() && alle.empty()) {
      s = Status::InvalidArgument("de store heeft geen levende personen om mutaties over te maken",
                                  "store");
    }
    // The persons to write about: all, or a random sample of twice the number of mutations.
    std::vector<std::string> pool;
    if (s.ok()) {
      const size_t wil = static_cast<size_t>(std::min<int64_t>(
          static_cast<int64_t>(alle.size()), std::max<int64_t>(64, 2 * o.aantal)));
      if (wil >= alle.size()) {
        pool = alle;
      } else {
        Rng rng(o.seed);
        std::vector<uint32_t> index(alle.size());
        for (size_t i = 0; i < index.size(); ++i) index[i] = static_cast<uint32_t>(i);
        for (size_t i = 0; i < wil; ++i) {
          std::swap(index[i], index[i + rng.Below(index.size() - i)]);
        }
        index.resize(wil);
        std::sort(index.begin(), index.end());
        for (uint32_t i : index) pool.push_back(alle[i]);
      }
      s = store->LoadPersons(pool, [&](const std::string&, PersoonToestand&& p) {
        if (p.bestaat && !p.geschoond) personen.push_back(FeitenVan(p, o.peildatum));
        return Status::Ok();
      });
    }
    Status e = store->EndSnapshot();
    if (!s.ok()) return s;
    if (!e.ok()) return e;
  }
  if (personen.empty()) {
    return Status::InvalidArgument("de store heeft geen levende personen om mutaties over te maken",
                                   "store");
  }
  std::vector<std::string> gemeenten;
  for (const std::string& g : gemeenten_set)
    if (g != "1999") gemeenten.push_back(g);
  Generator g(o, std::move(personen), &alle, std::move(gemeenten));
  g.Maak(out);
  return Status::Ok();
}

}  // namespace isi::refresh
