#include "tools/admin_refresh.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "model/clock.h"
#include "model/codes.h"
#include "model/gemeenten.h"
#include "model/isi_status_rules.h"
#include "model/signaalregels.h"
#include "store/refresh_store.h"
#include "store/store.h"
#include "tools/admin_support.h"
#include "tools/extract/extract_builder.h"
#include "tools/refresh/mutatie_generator.h"
#include "tools/refresh/refresh.h"

namespace isi::admin {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr int kExitBestandGeweigerd = 3;
// A write lock held longer than this gets a warning in the summary: the service's own writes
// (a protocol record per request) wait for it, up to their busy timeout (5 s by default).
constexpr double kLangSlot = 2.5;
// Refusals listed in the text summary; --json and --weigeringen have all of them.
constexpr size_t kWeigeringenInTekst = 50;

int Fail(const std::string& message, int exit_code) {
  std::cerr << "isi-admin: " << message << "\n";
  return exit_code;
}

// A one-line progress bar per phase on stderr, redrawn at most ten times a second; only on a
// terminal.
class Voortgangsbalk {
 public:
  explicit Voortgangsbalk(bool aan) : aan_(aan) {}

  void Toon(std::string_view fase, int64_t gedaan, int64_t totaal) {
    if (!aan_) return;
    const auto nu = std::chrono::steady_clock::now();
    const bool nieuwe_fase = fase != fase_;
    if (!nieuwe_fase && gedaan < totaal && nu - laatst_ < std::chrono::milliseconds(100)) return;
    if (nieuwe_fase && !fase_.empty()) std::cerr << "\n";
    fase_ = std::string(fase);
    laatst_ = nu;
    constexpr int kBreedte = 30;
    const int64_t deel = totaal > 0 ? std::min(gedaan, totaal) : 0;
    const auto gevuld = static_cast<int>(totaal > 0 ? deel * kBreedte / totaal : kBreedte);
    char regel[160];
    std::snprintf(regel, sizeof regel, "\r%-10s [%s%s] %3lld%%  %lld/%lld", fase_.c_str(),
                  std::string(static_cast<size_t>(gevuld), '#').c_str(),
                  std::string(static_cast<size_t>(kBreedte - gevuld), '.').c_str(),
                  static_cast<long long>(totaal > 0 ? deel * 100 / totaal : 100),
                  static_cast<long long>(gedaan), static_cast<long long>(totaal));
    std::cerr << regel << std::flush;
  }

  void Klaar() {
    if (aan_ && !fase_.empty()) std::cerr << "\n" << std::flush;
    fase_.clear();
  }

 private:
  bool aan_;
  std::string fase_;
  std::chrono::steady_clock::time_point laatst_{};
};

std::optional<Date> ParseDatum(const std::string& text) {
  if (text.empty()) return SystemClock().Today();
  return Date::Parse(text);
}

std::string Seconden(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

std::string RapportJson(const refresh::RefreshRapport& r, const std::string& extracts_dir) {
  std::string o = "{\"peildatum\": " + JsonQuote(r.peildatum.ToString()) +
                  ", \"vorige_peildatum\": " +
                  (r.vorige_peildatum ? JsonQuote(r.vorige_peildatum->ToString()) : "null") +
                  ", \"doorgevoerd\": " + (r.doorgevoerd ? "true" : "false") +
                  ", \"pogingen\": " + std::to_string(r.pogingen) + ", \"bestanden\": [";
  for (size_t i = 0; i < r.bestanden.size(); ++i) {
    const refresh::BestandUitkomst& b = r.bestanden[i];
    o += (i > 0 ? ", " : "");
    o += "{\"pad\": " + JsonQuote(b.pad) + ", \"bestand_id\": " + JsonQuote(b.bestand_id) +
         ", \"bron\": " + (b.bron ? JsonQuote(Token(*b.bron)) : "null") +
         ", \"uitkomst\": " + JsonQuote(refresh::Token(b.soort)) +
         ", \"reden\": " + JsonQuote(b.reden) + ", \"mutaties\": " + std::to_string(b.mutaties) +
         ", \"toegepast\": " + std::to_string(b.toegepast) +
         ", \"geweigerd\": " + std::to_string(b.geweigerd) + "}";
  }
  o += "], \"mutaties\": " + std::to_string(r.mutaties) +
       ", \"toegepast\": " + std::to_string(r.toegepast) +
       ", \"zonder_wijziging\": " + std::to_string(r.zonder_wijziging) +
       ", \"geweigerd\": " + std::to_string(r.geweigerd) + ", \"weigeringen\": [";
  for (size_t i = 0; i < r.weigeringen.size(); ++i) {
    const Weigering& w = r.weigeringen[i];
    o += (i > 0 ? ", " : "");
    o += "{\"bestand_id\": " + JsonQuote(w.bestand_id) +
         ", \"volgnummer\": " + std::to_string(w.volgnummer) + ", \"bsn\": " + JsonQuote(w.bsn) +
         ", \"soort\": " + JsonQuote(w.soort) + ", \"reden\": " + JsonQuote(w.reden) + "}";
  }
  o += "], \"signalen\": " + std::to_string(r.signalen) + ", \"signalen_per_code\": {";
  bool eerste = true;
  for (const auto& [code, n] : r.signalen_per_code) {
    o += (eerste ? "" : ", ") + JsonQuote(code) + ": " + std::to_string(n);
    eerste = false;
  }
  o += "}, \"tijdsignalen_al_gegeven\": " + std::to_string(r.tijdsignalen_al_gegeven) +
       ", \"naar_definitief\": " + std::to_string(r.naar_definitief) +
       ", \"naar_actief\": " + std::to_string(r.naar_actief) +
       ", \"geschoond\": " + std::to_string(r.geschoond) +
       ", \"nieuwe_personen\": " + std::to_string(r.nieuwe_personen) +
       ", \"personen_gewijzigd\": " + std::to_string(r.personen_gewijzigd) +
       ", \"seconden\": {\"lezen\": " + Seconden(r.seconden_lezen) +
       ", \"berekenen\": " + Seconden(r.seconden_berekenen) +
       ", \"schrijfslot\": " + Seconden(r.seconden_schrijfslot) +
       ", \"schrijven_personen\": " + Seconden(r.seconden_personen) +
       ", \"schrijven_signalen\": " + Seconden(r.seconden_signalen) +
       ", \"commit\": " + Seconden(r.seconden_commit) +
       ", \"extracten\": " + Seconden(r.seconden_extracten) + "}, \"extracten\": ";
  if (extracts_dir.empty()) {
    o += "null";
  } else {
    o += "{\"dir\": " + JsonQuote(extracts_dir) +
         ", \"ok\": " + (r.extracten.ok() ? "true" : "false") +
         ", \"fout\": " + (r.extracten.ok() ? "null" : JsonQuote(r.extracten.message())) + "}";
  }
  return o + "}";
}

void RapportTekst(const refresh::RefreshRapport& r, const std::string& store,
                  const std::string& extracts_dir, std::ostream& out) {
  out << "Refresh " << r.peildatum.ToString() << " van " << store << ": "
      << (r.doorgevoerd ? "doorgevoerd" : "NIET doorgevoerd") << " (poging " << r.pogingen
      << "; schrijfslot " << Seconden(r.seconden_schrijfslot) << " s: personen "
      << Seconden(r.seconden_personen) << " s, signalen " << Seconden(r.seconden_signalen)
      << " s, commit " << Seconden(r.seconden_commit) << " s; berekenen "
      << Seconden(r.seconden_berekenen) << " s)\n";
  if (r.seconden_schrijfslot > kLangSlot) {
    out << "LET OP: het schrijfslot was " << Seconden(r.seconden_schrijfslot)
        << " s bezet; schrijfacties van de service (protocolrecords) wachten zo lang en geven "
           "na hun wachttijd (standaard 5 s) TijdelijkNietBeschikbaar\n";
  }
  out << "Tijdvenster van de tijdsignalen: na "
      << (r.vorige_peildatum ? r.vorige_peildatum->ToString() + " (vorige refresh)"
                             : r.peildatum.AddDays(-1).ToString() + " (eerste refresh)")
      << " tot en met " << r.peildatum.ToString() << "\n\nBestanden:\n";
  if (r.bestanden.empty()) out << "  (geen)\n";
  for (const refresh::BestandUitkomst& b : r.bestanden) {
    out << "  " << (b.bron ? Token(*b.bron) : "?  ") << "  "
        << (b.bestand_id.empty() ? b.pad : b.bestand_id) << ": " << refresh::Token(b.soort);
    if (b.soort == refresh::BestandUitkomst::Soort::kToegepast) {
      out << ", " << b.mutaties << " mutaties (" << b.toegepast << " toegepast, " << b.geweigerd
          << " geweigerd)";
    } else if (b.soort == refresh::BestandUitkomst::Soort::kGeweigerd) {
      out << " (" << b.pad << "): " << b.reden;
    }
    out << "\n";
  }
  out << "\nMutaties: " << r.mutaties << ", toegepast " << r.toegepast << " (waarvan "
      << r.zonder_wijziging << " zonder wijziging), geweigerd " << r.geweigerd << "\n";
  out << "Signalen: " << r.signalen;
  if (r.tijdsignalen_al_gegeven > 0) {
    out << " (" << r.tijdsignalen_al_gegeven << " tijdsignalen waren al eerder gegeven)";
  }
  out << "\n";
  for (const auto& [code, n] : r.signalen_per_code) {
    const SignaalDefinitie* def = FindSignaal(code);
    char regel[64];
    std::snprintf(regel, sizeof regel, "  %s %7lld  ", code.c_str(), static_cast<long long>(n));
    out << regel << (def != nullptr ? def->omschrijving : "") << "\n";
  }
  out << "Naar ISI definitief: " << r.naar_definitief << ", naar ISI actief: " << r.naar_actief
      << ", geschoond (overleden): " << r.geschoond << ", nieuwe personen: " << r.nieuwe_personen
      << ", personen gewijzigd: " << r.personen_gewijzigd << "\n";
  if (!r.weigeringen.empty()) {
    out << "\nGeweigerde mutaties (bestand#volgnummer, BSN, soort: reden):\n";
    const size_t n = std::min(r.weigeringen.size(), kWeigeringenInTekst);
    for (size_t i = 0; i < n; ++i) {
      const Weigering& w = r.weigeringen[i];
      out << "  " << w.bestand_id << "#" << w.volgnummer << "  " << (w.bsn.empty() ? "-" : w.bsn)
          << "  " << w.soort << ": " << w.reden << "\n";
    }
    if (r.weigeringen.size() > n) {
      out << "  ... en " << r.weigeringen.size() - n
          << " meer (alle: --json of --weigeringen BESTAND)\n";
    }
  }
  if (!extracts_dir.empty()) {
    out << "\nExtracten (" << extracts_dir << "): "
        << (r.extracten.ok() ? "opnieuw gebouwd in " + Seconden(r.seconden_extracten) + " s"
                             : "MISLUKT: " + r.extracten.message())
        << "\n";
  }
}

Status SchrijfWeigeringen(const std::string& pad, const std::vector<Weigering>& weigeringen) {
  std::ofstream out(pad, std::ios::binary | std::ios::trunc);
  if (!out) return Status::Internal("kan " + pad + " niet schrijven");
  out << "bestand_id;volgnummer;bsn;soort;reden\n";
  for (const Weigering& w : weigeringen) {
    out << CsvField(w.bestand_id) << ';' << w.volgnummer << ';' << CsvField(w.bsn) << ';'
        << CsvField(w.soort) << ';' << CsvField(w.reden) << '\n';
  }
  out.flush();
  if (!out) return Status::Internal("kan " + pad + " niet schrijven");
  return Status::Ok();
}

}  // namespace

struct RefreshCommand::Impl {
  CLI::App* refresh = nullptr;
  CLI::App* generate = nullptr;
  CLI::App* rules = nullptr;

  std::string store_path;
  std::string datum;
  std::string extracts;
  std::string weigeringen;
  std::vector<std::string> bestanden;
  bool json = false;

  std::string out_dir;
  std::string count;
  std::string seed;
  double invalid_fraction = 0;

  int RunRefresh();
  int RunGenerate();
  int RunRules();
};

RefreshCommand::RefreshCommand(CLI::App* app) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  const char* kStoreHelp = "Pad van de SQLite-store (ISI-register)";
  m.refresh = app->add_subcommand(
      "refresh",
      "Dagelijkse actualisatie (handleiding ISI: 04.00 uur): verwerk mutatiebestanden van GBA, "
      "IND en DUO op volgorde, geef de signalen van de handleiding (§3.7) aan de gemeente van de "
      "persoon, daarna de tijdsignalen van de datum (SS004, SS007, SS066), verplaats personen "
      "tussen ISI actief en definitief, schoon overleden personen en bouw de extracten opnieuw. "
      "Alles of niets; een bestand dat al verwerkt is wordt overgeslagen");
  m.refresh->footer(
      "Exitcodes: 0 doorgevoerd; 1 mislukt, de store is ongewijzigd (of: doorgevoerd, maar de "
      "extracten bouwen mislukte; de melding zegt welke); 2 verkeerd gebruik; 3 doorgevoerd, "
      "maar een bestand is in zijn geheel geweigerd (corrupt).");
  m.refresh->add_option("--store", m.store_path, kStoreHelp)->required()->type_name("PATH");
  m.refresh
      ->add_option("--date", m.datum,
                   "Peildatum JJJJ-MM-DD: de dag van de refresh (standaard vandaag)")
      ->type_name("DATUM");
  m.refresh
      ->add_option("--extracts", m.extracts,
                   "Extractmap: bouw daarna de extracten van alle gemeenten opnieuw (zoals "
                   "isi-admin extract build --all)")
      ->type_name("DIR");
  m.refresh
      ->add_option("--weigeringen", m.weigeringen,
                   "Schrijf alle geweigerde mutaties als CSV (bestand_id;volgnummer;bsn;soort;"
                   "reden) naar dit bestand")
      ->type_name("CSV");
  m.refresh->add_flag("--json", m.json,
                      "Samenvatting als één JSON-object: bestanden, mutaties, weigeringen, "
                      "signalen_per_code, naar_definitief, naar_actief, geschoond, seconden, ...");
  m.refresh
      ->add_option("bestanden", m.bestanden,
                   "Mutatiebestanden (XML volgens wsdl/mutaties/{gba,ind,duo}.xsd), in de "
                   "volgorde van verwerken")
      ->type_name("FILE");

  m.generate = app->add_subcommand(
      "generate-mutations",
      "Schrijf realistische synthetische mutatiebestanden (GBA, IND, DUO) over de personen van "
      "een store, reproduceerbaar per seed; voor tests, demo's en benchmarks");
  m.generate->add_option("--store", m.store_path, kStoreHelp)->required()->type_name("PATH");
  m.generate->add_option("--out", m.out_dir, "Map voor de bestanden (wordt aangemaakt)")
      ->required()
      ->type_name("DIR");
  m.generate->add_option("--count", m.count, "Aantal mutaties over alle bestanden samen")
      ->required()
      ->type_name("N");
  m.generate->add_option("--seed", m.seed, "Seed: dezelfde seed en store geven dezelfde bestanden")
      ->required()
      ->type_name("S");
  m.generate
      ->add_option("--date", m.datum,
                   "Aanmaakdatum JJJJ-MM-DD; mutaties liggen in de 20 dagen ervoor (standaard "
                   "vandaag)")
      ->type_name("DATUM");
  m.generate
      ->add_option("--invalid-fraction", m.invalid_fraction,
                   "Fractie ongeldige mutaties (0..1): fout BSN, onbekende persoon, onmogelijke "
                   "datum, onbekende soort, datum na de aanmaakdatum, verhuizing binnen de "
                   "gemeente")
      ->type_name("F");
  m.generate->add_flag("--json", m.json,
                       "Samenvatting als JSON: {\"bestanden\": [{\"pad\", \"bron\", "
                       "\"bestand_id\", \"mutaties\", \"ongeldig\", \"per_soort\"}]}");
  m.rules = app->add_subcommand(
      "refresh-rules",
      "Toon de regels van de refresh als Markdown-tabellen, om na te lopen tegen de handleiding "
      "(§3.7): wat elke mutatie wijzigt, en welk signaal wanneer voor welke gemeente");
}

RefreshCommand::~RefreshCommand() = default;

namespace {

// A table cell: '|' would end the cell.
std::string Cel(std::string text) {
  for (char& c : text)
    if (c == '|') c = '/';
  return text;
}

}  // namespace

int RefreshCommand::Impl::RunRules() {
  std::cout << "# Regels van de dagelijkse actualisatie (model/signaalregels.cpp)\n\n"
               "Elk signaal gaat naar de gemeente van de persoon na de wijziging; bij een "
               "verhuizing de nieuwe gemeente, bij vertrek naar het buitenland de gemeente die "
               "de persoon verlaat.\n\n## Wat een mutatie in ISI wijzigt\n\n"
               "| Mutatie | Wijziging | Geweigerd als |\n|---|---|---|\n";
  for (const MutatieregelBeschrijving& r : Mutatieregels()) {
    std::cout << "| " << Token(r.soort) << " (" << Token(BronVan(r.soort)) << ") | "
              << Cel(r.wijziging) << " | " << Cel(r.weigering) << " |\n";
  }
  std::cout << "\nAltijd geweigerd: datum na de peildatum, onbekende persoon (behalve een "
               "nieuwkomer van de IND), overleden of geschoonde persoon, A-nummer van een ander, "
               "datum vóór de geboortedatum.\n\n## Welke signalen (handleiding §3.7)\n\n"
               "| Code | Aanleiding | Voorwaarde | Oorzaak volgens de handleiding |\n"
               "|---|---|---|---|\n";
  for (const RegelBeschrijving& r : Signaalregels()) {
    std::cout << "| " << r.code << " | " << Cel(r.aanleiding) << " | " << Cel(r.voorwaarde) << " | "
              << Cel(r.oorzaak) << " |\n";
  }
  std::cout << "\nTijdsignalen worden één keer gegeven per BSN, code en gebeurtenisdatum, voor "
               "gebeurtenissen na de peildatum van de vorige refresh tot en met de huidige.\n\n"
               "## ISI actief en definitief (model/isi_status_rules.cpp)\n\n"
               "ISI definitief wanneer een van deze regels geldt op de peildatum, anders ISI "
               "actief. De refresh verplaatst naar definitief zodra een regel geldt, en terug "
               "naar actief alleen als een regel gold vóór de mutaties van deze refresh en erna "
               "niet meer (wie met de hand in definitief is gezet, blijft daar).\n\n";
  for (const std::string& reden : DefinitiefRedenen()) std::cout << "- " << reden << "\n";
  return kExitOk;
}

bool RefreshCommand::parsed() const {
  return impl_->refresh->parsed() || impl_->generate->parsed() || impl_->rules->parsed();
}

int RefreshCommand::Run() {
  if (impl_->refresh->parsed()) return impl_->RunRefresh();
  if (impl_->rules->parsed()) return impl_->RunRules();
  return impl_->RunGenerate();
}

int RefreshCommand::Impl::RunRefresh() {
  const std::optional<Date> peildatum = ParseDatum(datum);
  if (!peildatum)
    return Fail("--date moet een datum JJJJ-MM-DD zijn, niet '" + datum + "'", kExitUsage);
  std::error_code ec;
  if (!std::filesystem::exists(store_path, ec)) {
    return Fail("store '" + store_path + "' bestaat niet", kExitFailure);
  }
  std::unique_ptr<RefreshStore> store;
  if (Status s = OpenSqliteRefreshStore(store_path, StoreOptions{}, &store); !s.ok()) {
    return Fail("kan store '" + store_path + "' niet openen: " + s.message(), kExitFailure);
  }

  Voortgangsbalk balk(isatty(STDERR_FILENO) == 1);
  refresh::RefreshOpties opties;
  opties.peildatum = *peildatum;
  opties.nu = SystemClock().NowUnixSeconds();
  opties.voortgang = [&](std::string_view fase, int64_t gedaan, int64_t totaal) {
    balk.Toon(fase, gedaan, totaal);
  };
  if (!extracts.empty()) {
    opties.extracten_bouwen = [&](Date d) -> Status {
      std::unique_ptr<Store> lezer;
      if (Status s = OpenSqliteStore(store_path, StoreOptions{}, &lezer); !s.ok()) return s;
      std::vector<std::string> codes;
      for (const Gemeente& g : BekendeGemeenten())
        if (std::string(g.code) != "1999") codes.emplace_back(g.code);
      int64_t gedaan = 0;
      for (const std::string& code : codes) {
        bool bestaat = false;
        if (Status s = lezer->GemeenteExists(code, &bestaat); !s.ok()) return s;
        if (bestaat) {
          extract::BuildOptions o;
          o.dir = extracts;
          o.gemeentecode = code;
          o.datum = d;
          o.now = SystemClock().NowUnixSeconds();
          extract::BuildResult result;
          if (Status s = extract::BuildExtracts(lezer.get(), o, &result); !s.ok()) {
            return Status(s.code() == Status::Code::kInvalidArgument
                              ? Status::InvalidArgument("gemeente " + code + ": " + s.message())
                              : Status::Internal("gemeente " + code + ": " + s.message()));
          }
        }
        balk.Toon("extracten", ++gedaan, static_cast<int64_t>(codes.size()));
      }
      return Status::Ok();
    };
  }

  refresh::RefreshRapport rapport;
  const Status s = refresh::VoerRefreshUit(store.get(), bestanden, opties, &rapport);
  balk.Klaar();
  if (!s.ok()) {
    if (json) std::cout << RapportJson(rapport, extracts) << "\n";
    return Fail("refresh niet doorgevoerd, de store is ongewijzigd: " + s.message(), kExitFailure);
  }
  if (!weigeringen.empty()) {
    if (Status w = SchrijfWeigeringen(weigeringen, rapport.weigeringen); !w.ok()) {
      std::cerr << "isi-admin: " << w.message() << "\n";
    }
  }
  if (json) {
    std::cout << RapportJson(rapport, extracts) << "\n";
  } else {
    RapportTekst(rapport, store_path, extracts, std::cout);
  }
  std::cout << std::flush;
  if (!rapport.extracten.ok()) {
    return Fail("de refresh is doorgevoerd, maar de extracten opnieuw bouwen mislukte: " +
                    rapport.extracten.message(),
                kExitFailure);
  }
  const bool geweigerd = std::any_of(
      rapport.bestanden.begin(), rapport.bestanden.end(),
      [](const auto& b) { return b.soort == refresh::BestandUitkomst::Soort::kGeweigerd; });
  return geweigerd ? kExitBestandGeweigerd : kExitOk;
}

int RefreshCommand::Impl::RunGenerate() {
  refresh::GeneratieOpties o;
  const std::optional<Date> peildatum = ParseDatum(datum);
  if (!peildatum)
    return Fail("--date moet een datum JJJJ-MM-DD zijn, niet '" + datum + "'", kExitUsage);
  o.peildatum = *peildatum;
  if (!ParseInt64(count, &o.aantal) || o.aantal < 0) {
    return Fail("--count moet een geheel getal >= 0 zijn, niet '" + count + "'", kExitUsage);
  }
  if (!ParseUint64(seed, &o.seed)) {
    return Fail("--seed moet een geheel getal van 0 tot en met 18446744073709551615 zijn, niet '" +
                    seed + "'",
                kExitUsage);
  }
  o.ongeldig = invalid_fraction;
  if (!(invalid_fraction >= 0 && invalid_fraction <= 1)) {
    return Fail("--invalid-fraction moet tussen 0 en 1 liggen", kExitUsage);
  }
  std::error_code ec;
  if (!std::filesystem::exists(store_path, ec)) {
    return Fail("store '" + store_path + "' bestaat niet", kExitFailure);
  }
  std::unique_ptr<RefreshStore> store;
  if (Status s = OpenSqliteRefreshStore(store_path, StoreOptions{}, &store); !s.ok()) {
    return Fail("kan store '" + store_path + "' niet openen: " + s.message(), kExitFailure);
  }
  std::vector<refresh::GegenereerdBestand> gemaakt;
  if (Status s = refresh::GenereerMutaties(store.get(), o, &gemaakt); !s.ok()) {
    return Fail(s.message(),
                s.field() == "aantal" || s.field() == "ongeldig" ? kExitUsage : kExitFailure);
  }
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Fail("kan map '" + out_dir + "' niet maken: " + ec.message(), kExitFailure);
  std::string json_out = "{\"bestanden\": [";
  std::string tekst;
  for (size_t i = 0; i < gemaakt.size(); ++i) {
    const refresh::GegenereerdBestand& b = gemaakt[i];
    const std::string pad = (std::filesystem::path(out_dir) / (b.bestand_id + ".xml")).string();
    std::ofstream out(pad, std::ios::binary | std::ios::trunc);
    out << b.xml;
    out.flush();
    if (!out) return Fail("kan " + pad + " niet schrijven", kExitFailure);
    json_out += (i > 0 ? ", " : "");
    json_out += "{\"pad\": " + JsonQuote(pad) + ", \"bron\": " + JsonQuote(Token(b.bron)) +
                ", \"bestand_id\": " + JsonQuote(b.bestand_id) +
                ", \"mutaties\": " + std::to_string(b.mutaties) +
                ", \"ongeldig\": " + std::to_string(b.ongeldig) + ", \"per_soort\": {";
    tekst += pad + ": " + std::to_string(b.mutaties) + " mutaties (" + std::to_string(b.ongeldig) +
             " ongeldig)\n";
    bool eerste = true;
    for (const auto& [soort, n] : b.per_soort) {
      json_out += (eerste ? "" : ", ") + JsonQuote(soort) + ": " + std::to_string(n);
      tekst += "    " + soort + ": " + std::to_string(n) + "\n";
      eerste = false;
    }
    json_out += "}}";
  }
  json_out += "]}";
  std::cout << (json ? json_out + "\n" : tekst) << std::flush;
  return kExitOk;
}

}  // namespace isi::admin
