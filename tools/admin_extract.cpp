#include "tools/admin_extract.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "model/clock.h"
#include "model/gemeenten.h"
#include "model/identifiers.h"
#include "store/store.h"
#include "tools/admin_support.h"
#include "store/extract_catalogue.h"
#include "tools/extract/extract_builder.h"

namespace isi::admin {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int Fail(const std::string& message, int exit_code) {
  std::cerr << "isi-admin: " << message << "\n";
  return exit_code;
}

using Clock = std::chrono::steady_clock;

// A one-line progress bar on stderr, redrawn at most ten times a second; only on a terminal.
class ProgressBar {
 public:
  ProgressBar(bool enabled, std::string label, std::optional<int64_t> total)
      : enabled_(enabled), label_(std::move(label)), total_(total) {}

  void Update(int64_t done, bool force = false) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::string line = "\r" + label_ + " ";
    if (total_ && *total_ > 0) {
      constexpr int kWidth = 30;
      const int64_t shown = std::min(done, *total_);
      const auto filled = static_cast<int>(shown * kWidth / *total_);
      line += "[" + std::string(static_cast<size_t>(filled), '#') +
              std::string(static_cast<size_t>(kWidth - filled), '.') + "] " +
              std::to_string(shown * 100 / *total_) + "%  " + std::to_string(done) + "/" +
              std::to_string(*total_) + " personen";
    } else {
      line += std::to_string(done) + " personen";
    }
    std::cerr << line << "   " << std::flush;
  }

  void Finish(const std::string& what) {
    if (!enabled_) return;
    std::cerr << "\r" << label_ << " " << what << std::string(40, ' ') << "\n" << std::flush;
  }

 private:
  bool enabled_;
  std::string label_;
  std::optional<int64_t> total_;
  Clock::time_point last_{};
};

std::string HumanSize(int64_t bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else if (bytes >= 1024) {
    std::snprintf(buf, sizeof buf, "%.1f kB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  }
  return buf;
}

std::string GemeenteNaam(const std::string& code) {
  const Gemeente* g = FindGemeente(code);
  return g != nullptr ? g->naam : "";
}

// The number of persons the build will stream, for the progress bar; nullopt when the store
// cannot tell.
std::optional<int64_t> CountPersonsOf(Store* store, const std::string& gemeentecode) {
  PersoonSelectie selectie;
  selectie.gemeentecode = gemeentecode;
  std::vector<PersoonRij> rows;
  int64_t total = 0;
  if (!store->SelectPersons(selectie, "", 1, &rows, &total).ok()) return std::nullopt;
  return total;
}

std::optional<Date> ParseDatum(const std::string& text) {
  if (text.empty()) return SystemClock().Today();
  return Date::Parse(text);
}

}  // namespace

struct ExtractCommand::Impl {
  CLI::App* extract = nullptr;
  CLI::App* build = nullptr;
  CLI::App* install_pdf = nullptr;
  CLI::App* list = nullptr;

  std::string store_path;
  std::string dir;
  std::string gemeente;
  bool all = false;
  std::string datum;
  int bewaar = 2;
  bool json = false;
  std::string pdf;

  int RunBuild();
  int RunInstallPdf();
  int RunList();
};

ExtractCommand::ExtractCommand(CLI::App* app) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.extract = app->add_subcommand(
      "extract",
      "Extractbestanden per gemeente (handleiding §3.8): ISI extract, signaallijst, "
      "ISI_VANAF2011, termijnoverschrijdingen en diplomamodellenboek");
  m.extract->require_subcommand(1);
  const char* kDirHelp =
      "Extractmap: per gemeente een submap met de zips en catalogus.tsv (die de server leest)";

  m.build = m.extract->add_subcommand(
      "build",
      "Bouw de vier bestanden van een gemeente (of alle) voor een datum, als zip met legenda en "
      "disclaimer; atomair gepubliceerd, daarna worden bestanden van oudere datums opgeruimd");
  m.build->add_option("--store", m.store_path, "Pad van de SQLite-store")
      ->required()
      ->type_name("PATH");
  m.build->add_option("--dir", m.dir, kDirHelp)->required()->type_name("DIR");
  auto* gemeente =
      m.build->add_option("--gemeente", m.gemeente, "CBS-code van de gemeente")->type_name("CODE");
  auto* all = m.build->add_flag("--all", m.all, "Alle bekende gemeenten (behalve 1999, RNI)");
  gemeente->excludes(all);
  m.build->add_option("--datum", m.datum, "Datum van de bestanden JJJJ-MM-DD (standaard vandaag)")
      ->type_name("DATUM");
  m.build
      ->add_option("--bewaar", m.bewaar,
                   "Aantal datums dat bewaard en aangeboden blijft, nieuwste eerst (standaard 2)")
      ->type_name("N");
  m.build->add_flag("--json", m.json,
                    "Samenvatting als JSON: {\"datum\", \"dir\", \"gemeenten\": [{\"code\", "
                    "\"personen\", \"signalen\", \"vanaf2011\", \"termijnoverschrijdingen\", "
                    "\"seconden\", \"bestanden\": [{\"naam\", \"soort\", \"grootte\", "
                    "\"sha256\"}], \"verwijderd\": [...]}]}");

  m.install_pdf = m.extract->add_subcommand(
      "install-pdf",
      "Installeer het diplomamodellenboek (PDF) voor alle gemeenten; vervangt een eerder "
      "geïnstalleerde versie");
  m.install_pdf->add_option("--dir", m.dir, kDirHelp)->required()->type_name("DIR");
  m.install_pdf->add_option("--file", m.pdf, "Het PDF-bestand")->required()->type_name("PDF");
  m.install_pdf
      ->add_option("--datum", m.datum, "Datum van het document JJJJ-MM-DD (standaard vandaag)")
      ->type_name("DATUM");

  m.list = m.extract->add_subcommand(
      "list", "Toon de bestanden die een gemeente kan downloaden (zoals de server ze aanbiedt)");
  m.list->add_option("--dir", m.dir, kDirHelp)->required()->type_name("DIR");
  m.list->add_option("--gemeente", m.gemeente, "CBS-code van de gemeente")
      ->required()
      ->type_name("CODE");
  m.list->add_flag("--json", m.json,
                   "Uitvoer als JSON: {\"bestanden\": [{\"naam\", \"soort\", \"omschrijving\", "
                   "\"datum\", \"grootte\", \"sha256\"}]}");
}

ExtractCommand::~ExtractCommand() = default;

bool ExtractCommand::parsed() const { return impl_->extract->parsed(); }

int ExtractCommand::Run() {
  if (impl_->build->parsed()) return impl_->RunBuild();
  if (impl_->install_pdf->parsed()) return impl_->RunInstallPdf();
  if (impl_->list->parsed()) return impl_->RunList();
  return Fail("geen extract-opdracht; zie isi-admin extract --help", kExitUsage);
}

int ExtractCommand::Impl::RunBuild() {
  std::optional<Date> date = ParseDatum(datum);
  if (!date)
    return Fail("--datum moet een datum JJJJ-MM-DD zijn, niet '" + datum + "'", kExitUsage);
  if (bewaar < 1) return Fail("--bewaar moet minstens 1 zijn", kExitUsage);
  if (!all && gemeente.empty()) return Fail("geef --gemeente CODE of --all", kExitUsage);
  if (!all && !IsWellFormedGemeentecode(gemeente)) {
    return Fail("--gemeente moet een CBS-code van 4 cijfers zijn, niet '" + gemeente + "'",
                kExitUsage);
  }

  std::error_code ec;
  if (!std::filesystem::exists(store_path, ec)) {
    return Fail("store '" + store_path + "' bestaat niet", kExitFailure);
  }
  std::unique_ptr<Store> store;
  if (Status s = OpenSqliteStore(store_path, StoreOptions{}, &store); !s.ok()) {
    return Fail("kan store '" + store_path + "' niet openen: " + s.message(), kExitFailure);
  }

  std::vector<std::string> codes;
  if (all) {
    for (const Gemeente& g : BekendeGemeenten()) {
      if (std::string(g.code) != "1999") codes.emplace_back(g.code);
    }
  } else {
    codes.push_back(gemeente);
  }
  for (const std::string& code : codes) {
    bool exists = false;
    if (Status s = store->GemeenteExists(code, &exists); !s.ok()) {
      return Fail("kan gemeente " + code + " niet opzoeken: " + s.message(), kExitFailure);
    }
    if (!exists) return Fail("--gemeente: onbekende gemeente '" + code + "'", kExitUsage);
  }

  const bool tty = isatty(STDERR_FILENO) == 1;
  std::string summary = "{\"datum\": " + JsonQuote(date->ToString()) +
                        ", \"dir\": " + JsonQuote(dir) + ", \"gemeenten\": [";
  std::string table;
  char line[160];
  std::snprintf(line, sizeof line, "%-4s  %-24s %9s %9s %10s %9s %8s\n", "Code", "Gemeente",
                "Personen", "Signalen", "Vanaf2011", "Termijn", "Tijd");
  table += line;
  for (size_t i = 0; i < codes.size(); ++i) {
    const std::string& code = codes[i];
    extract::BuildOptions options;
    options.dir = dir;
    options.gemeentecode = code;
    options.datum = *date;
    options.now = SystemClock().NowUnixSeconds();
    options.keep_dates = bewaar;
    ProgressBar bar(tty, code + " " + GemeenteNaam(code),
                    tty ? CountPersonsOf(store.get(), code) : std::nullopt);
    options.progress = [&](int64_t n) { bar.Update(n); };
    const auto started = Clock::now();
    extract::BuildResult result;
    if (Status s = extract::BuildExtracts(store.get(), options, &result); !s.ok()) {
      bar.Finish("mislukt");
      return Fail("gemeente " + code + ": " + s.message(), kExitFailure);
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    bar.Finish("klaar: " + std::to_string(result.personen) + " personen");

    std::snprintf(line, sizeof line, "%-4s  %-24s %9lld %9lld %10lld %9lld %6.1f s\n", code.c_str(),
                  GemeenteNaam(code).c_str(), static_cast<long long>(result.personen),
                  static_cast<long long>(result.signalen), static_cast<long long>(result.vanaf2011),
                  static_cast<long long>(result.termijnoverschrijdingen), seconds);
    table += line;
    if (i > 0) summary += ", ";
    std::snprintf(line, sizeof line, "%.3f", seconds);
    summary += "{\"code\": " + JsonQuote(code) +
               ", \"personen\": " + std::to_string(result.personen) +
               ", \"signalen\": " + std::to_string(result.signalen) +
               ", \"vanaf2011\": " + std::to_string(result.vanaf2011) +
               ", \"termijnoverschrijdingen\": " + std::to_string(result.termijnoverschrijdingen) +
               ", \"seconden\": " + line + ", \"bestanden\": [";
    for (size_t j = 0; j < result.files.size(); ++j) {
      const extract::ExtractFile& f = result.files[j];
      if (j > 0) summary += ", ";
      summary += "{\"naam\": " + JsonQuote(f.naam) +
                 ", \"soort\": " + JsonQuote(extract::Token(f.soort)) +
                 ", \"grootte\": " + std::to_string(f.grootte) +
                 ", \"sha256\": " + JsonQuote(f.sha256) + "}";
      if (!json) table += "      " + f.naam + "  " + HumanSize(f.grootte) + "\n";
    }
    summary += "], \"verwijderd\": [";
    for (size_t j = 0; j < result.removed.size(); ++j) {
      summary += (j > 0 ? ", " : "") + JsonQuote(result.removed[j]);
    }
    summary += "]}";
  }
  summary += "]}";
  if (json) {
    std::cout << summary << "\n";
  } else {
    std::cout << "Extractbestanden van " << date->ToString() << " in " << dir << "\n\n" << table;
  }
  return kExitOk;
}

int ExtractCommand::Impl::RunInstallPdf() {
  std::optional<Date> date = ParseDatum(datum);
  if (!date)
    return Fail("--datum moet een datum JJJJ-MM-DD zijn, niet '" + datum + "'", kExitUsage);
  extract::ExtractFile installed;
  if (Status s = extract::InstallDiplomamodellenboek(dir, pdf, *date, &installed); !s.ok()) {
    return Fail(s.message(),
                s.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFailure);
  }
  std::cout << "Geïnstalleerd: " << dir << "/" << extract::kSharedDirName << "/" << installed.naam
            << " (" << HumanSize(installed.grootte) << ", sha256 " << installed.sha256
            << "), voor alle gemeenten\n";
  return kExitOk;
}

int ExtractCommand::Impl::RunList() {
  std::vector<extract::ExtractFile> files;
  if (Status s = extract::ReadCatalogue(dir, gemeente, &files); !s.ok()) {
    return Fail(s.message(),
                s.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFailure);
  }
  if (json) {
    std::string out = "{\"bestanden\": [";
    for (size_t i = 0; i < files.size(); ++i) {
      const extract::ExtractFile& f = files[i];
      if (i > 0) out += ", ";
      out += "{\"naam\": " + JsonQuote(f.naam) +
             ", \"soort\": " + JsonQuote(extract::Token(f.soort)) +
             ", \"omschrijving\": " + JsonQuote(f.omschrijving) +
             ", \"datum\": " + JsonQuote(f.datum.ToString()) +
             ", \"grootte\": " + std::to_string(f.grootte) +
             ", \"sha256\": " + JsonQuote(f.sha256) + "}";
    }
    std::cout << out << "]}\n";
    return kExitOk;
  }
  if (files.empty()) {
    std::cout << "Geen bestanden voor gemeente " << gemeente << " in " << dir << "\n";
    return kExitOk;
  }
  for (const extract::ExtractFile& f : files) {
    std::cout << f.datum.ToString() << "  " << f.naam << "  " << HumanSize(f.grootte) << "  "
              << f.omschrijving << "  sha256 " << f.sha256 << "\n";
  }
  return kExitOk;
}

}  // namespace isi::admin
