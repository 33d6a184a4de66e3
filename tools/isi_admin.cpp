// isi-admin: the administrator's tool for an ISI store.
//
//   isi-admin init --store PATH
//   isi-admin generate --store PATH --persons N --seed S [--gemeenten C,C,...] [--today D] [--json]
//   isi-admin key create --store PATH --gemeente CODE --roles 2,3,5,6 [--acts-for C,...]
//                        [--omschrijving TEXT]
//                        [--certificaat-subject DN | --certificaat PEM] [--certificaat-sha256 HEX]
//                        [--json]
//   isi-admin key list --store PATH [--json]
//   isi-admin key revoke --store PATH --key KEY
//   isi-admin key grant --store PATH --key KEY --gemeente CODE     (uitbesteding: act for CODE)
//   isi-admin key ungrant --store PATH --key KEY --gemeente CODE   (take that back)
//   isi-admin key unlock --store PATH --key KEY   (clear failed logins and a brute-force lock)
//   isi-admin key set-certificate --store PATH --key KEY
//                        (--certificaat-subject DN | --certificaat PEM) [--certificaat-sha256 HEX]
//                        (mutual TLS: bind the key to a client certificate)
//   isi-admin key clear-certificate --store PATH --key KEY   (and no longer)
//   isi-admin audit verify --store PATH [--json]
//   isi-admin audit export --store PATH (--bsn BSN | --van YYYY-MM-DD --tot YYYY-MM-DD)
//                          [--format csv|json]    (--tot is exclusive)
//   isi-admin refresh ... / generate-mutations ...   (daily refresh: tools/admin_refresh.h)
//
// Exit codes: 0 success, 1 failure (store, hashing, ...), 2 usage (bad option or value).
// Errors go to stderr prefixed "isi-admin: ". Uses model and store only, never gSOAP.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "model/clock.h"
#include "model/date.h"
#include "model/gemeenten.h"
#include "model/identifiers.h"
#include "store/password.h"
#include "store/protocol_log.h"
#include "store/store.h"
#include "tools/admin_extract.h"
#include "tools/admin_refresh.h"
#include "tools/admin_support.h"
#include "tools/generator.h"

namespace isi {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr size_t kBatchSize = 10'000;
constexpr size_t kSamplesPerGemeente = 3;

int Fail(const std::string& message, int exit_code) {
  std::cerr << "isi-admin: " << message << "\n";
  return exit_code;
}

// Opens an existing store. A missing file is reported with a hint instead of SQLite's error.
Status OpenExistingStore(const std::string& path, std::unique_ptr<Store>* store) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return Status::NotFound("store '" + path +
                            "' bestaat niet; maak hem eerst met: isi-admin init --store " + path);
  return OpenSqliteStore(path, StoreOptions{}, store);
}

// Opens the protocol file of an existing store (after the store itself, which checks it is one).
Status OpenExistingProtocol(const std::string& path, std::unique_ptr<ProtocolLog>* protocol) {
  std::unique_ptr<Store> store;
  if (Status s = OpenExistingStore(path, &store); !s.ok()) return s;
  std::error_code ec;
  if (!std::filesystem::exists(ProtocolLogPath(path), ec))
    return Status::NotFound("protocolbestand '" + ProtocolLogPath(path) +
                            "' bestaat niet; isi-admin init --store " + path +
                            " of de start van isi-server maakt het");
  return OpenProtocolLog(path, ProtocolLogOptions{}, protocol);
}

// --- init ------------------------------------------------------------------------------------

int RunInit(const std::string& path) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(path, ec);
  std::unique_ptr<Store> store;
  StoreOptions options;
  options.create_if_missing = !existed;
  if (Status s = OpenSqliteStore(path, options, &store); !s.ok())
    return Fail("kan store '" + path + "' niet openen: " + s.message(), kExitFailure);
  // The protocol file beside it (and, for a store of an earlier release, its records moved).
  std::unique_ptr<ProtocolLog> protocol;
  ProtocolLogOptions log_options;
  log_options.create_if_missing = true;
  if (Status s = OpenProtocolLog(path, log_options, &protocol); !s.ok())
    return Fail("kan protocolbestand '" + ProtocolLogPath(path) + "' niet openen: " + s.message(),
                kExitFailure);
  if (existed) {
    std::cout << "Store bestaat al: " << path << " (schema is bijgewerkt naar de laatste versie)\n";
  } else {
    std::cout << "Store aangemaakt: " << path << "\n";
  }
  return kExitOk;
}

// --- generate --------------------------------------------------------------------------------

struct GenerateArgs {
  std::string store;
  std::string persons;
  std::string seed;
  std::vector<std::string> gemeenten;
  std::string today;
  bool json = false;
};

struct GemeenteSummary {
  int64_t persons = 0;                 // woonachtig: woongemeente is this municipality
  int64_t gewezen_ingezetenen = 0;     // left for abroad (RNI) from this municipality
  std::vector<std::string> samples;    // rich dossiers (IsRichDossier)
  std::vector<std::string> fallbacks;  // other ISI actief, alive persons, when too few are rich
};

const char* OptionOf(const std::string& field) {
  if (field == "persons") return "--persons";
  if (field == "gemeenten") return "--gemeenten";
  if (field == "today") return "--today";
  return "--?";
}

void ShowProgress(int64_t done, int64_t total) {
  const int64_t percent = total == 0 ? 100 : done * 100 / total;
  std::cerr << "\rgenereren: " << done << " / " << total << " personen (" << percent << "%)"
            << std::flush;
}

int RunGenerate(const GenerateArgs& args) {
  GeneratorOptions options;
  if (!admin::ParseUint64(args.seed, &options.seed))
    return Fail("--seed moet een geheel getal van 0 tot en met 18446744073709551615 zijn, niet '" +
                    args.seed + "'",
                kExitUsage);
  if (!admin::ParseInt64(args.persons, &options.persons))
    return Fail("--persons moet een geheel getal zijn, niet '" + args.persons + "'", kExitUsage);
  options.gemeenten = admin::SplitCommas(args.gemeenten);
  if (args.today.empty()) {
    options.today = SystemClock().Today();
  } else if (std::optional<Date> today = Date::Parse(args.today)) {
    options.today = *today;
  } else {
    return Fail("--today moet een datum JJJJ-MM-DD zijn, niet '" + args.today + "'", kExitUsage);
  }
  if (Status s = ValidateGeneratorOptions(options); !s.ok())
    return Fail(std::string(OptionOf(s.field())) + ": " + s.message(), kExitUsage);

  std::unique_ptr<Store> store;
  if (Status s = OpenExistingStore(args.store, &store); !s.ok())
    return Fail(s.message(), kExitFailure);
  int64_t existing = 0;
  if (Status s = store->CountPersons(&existing); !s.ok())
    return Fail("kan personen niet tellen: " + s.message(), kExitFailure);
  if (existing > 0)
    return Fail("store '" + args.store + "' bevat al " + std::to_string(existing) +
                    " personen; genereer in een nieuwe store (isi-admin init --store NIEUW_PAD), "
                    "anders botsen BSN's",
                kExitFailure);

  Generator generator(options);
  const std::vector<std::string>& gemeenten = generator.options().gemeenten;
  std::map<std::string, GemeenteSummary> summary;
  const bool progress = isatty(STDERR_FILENO) == 1;
  const auto started = std::chrono::steady_clock::now();
  std::vector<Dossier> persons;
  std::vector<Signaal> signalen;
  int64_t total_signalen = 0;
  while (generator.NextBatch(kBatchSize, &persons, &signalen)) {
    if (Status s = store->InsertPersons(persons, signalen); !s.ok()) {
      if (progress) std::cerr << "\n";
      return Fail("opslaan mislukt na " +
                      std::to_string(generator.produced() - static_cast<int64_t>(persons.size())) +
                      " personen: " + s.message(),
                  kExitFailure);
    }
    total_signalen += static_cast<int64_t>(signalen.size());
    for (const Dossier& d : persons) {
      // A gewezen ingezetene counts for the municipality they left, apart from its residents,
      // and is never a sample.
      if (d.kop.vorige_woongemeente) {
        ++summary[*d.kop.vorige_woongemeente].gewezen_ingezetenen;
        continue;
      }
      GemeenteSummary& g = summary[d.kop.woongemeente];
      ++g.persons;
      if (g.samples.size() < kSamplesPerGemeente && IsRichDossier(d)) {
        g.samples.push_back(d.kop.bsn);
      } else if (g.fallbacks.size() < kSamplesPerGemeente &&
                 d.kop.herkomst == Herkomst::kIsiActief && !d.persoonsgegevens.datum_overlijden) {
        g.fallbacks.push_back(d.kop.bsn);
      }
    }
    if (progress) ShowProgress(generator.produced(), options.persons);
  }
  if (progress) std::cerr << "\n";
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (auto& [code, g] : summary) {
    for (size_t i = 0; g.samples.size() < kSamplesPerGemeente && i < g.fallbacks.size(); ++i)
      g.samples.push_back(g.fallbacks[i]);
  }

  if (args.json) {
    std::string out = "{\"store\": " + admin::JsonQuote(args.store) +
                      ", \"persons\": " + std::to_string(options.persons) +
                      ", \"seed\": " + std::to_string(options.seed) + ", \"gemeenten\": {";
    for (size_t i = 0; i < gemeenten.size(); ++i) {
      const GemeenteSummary& g = summary[gemeenten[i]];
      if (i > 0) out += ", ";
      out += admin::JsonQuote(gemeenten[i]) +
             ": {\"naam\": " + admin::JsonQuote(FindGemeente(gemeenten[i])->naam) +
             ", \"persons\": " + std::to_string(g.persons) +
             ", \"gewezen_ingezetenen\": " + std::to_string(g.gewezen_ingezetenen) +
             ", \"sample_bsns\": [";
      for (size_t j = 0; j < g.samples.size(); ++j) {
        if (j > 0) out += ", ";
        out += admin::JsonQuote(g.samples[j]);
      }
      out += "]}";
    }
    out += "}}";
    std::cout << out << "\n";
    return kExitOk;
  }

  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.1f", seconds);
  std::cout << "Store:      " << args.store << "\n"
            << "Personen:   " << options.persons << " met " << total_signalen << " signalen, in "
            << elapsed << " s\n"
            << "Seed:       " << options.seed << ", peildatum " << options.today.ToString()
            << "\n\n";
  char line[128];
  std::snprintf(line, sizeof line, "%-4s  %-24s %10s %8s  %s\n", "Code", "Gemeente", "Woonachtig",
                "Gewezen", "Voorbeeld-BSN's (ISI actief, met handhaving, voorziening en examen)");
  std::cout << line;
  for (const std::string& code : gemeenten) {
    const GemeenteSummary& g = summary[code];
    std::string samples;
    for (const auto& bsn : g.samples) samples += (samples.empty() ? "" : " ") + bsn;
    std::snprintf(line, sizeof line, "%-4s  %-24s %10lld %8lld  ", code.c_str(),
                  FindGemeente(code)->naam, static_cast<long long>(g.persons),
                  static_cast<long long>(g.gewezen_ingezetenen));
    std::cout << line << samples << "\n";
  }
  std::cout << "\nWoonachtig: woont in de gemeente. Gewezen: vertrokken naar het buitenland "
               "(woongemeente 1999, RNI);\nde gemeente waar ze vertrokken blijft ze zien.\n";
  return kExitOk;
}

// --- key create / list / revoke --------------------------------------------------------------

// The client certificate a key is bound to (mutual TLS), as the options give it.
struct CertificateArgs {
  std::string subject;  // --certificaat-subject
  std::string file;     // --certificaat: a PEM certificate to take the subject from
  std::string sha256;   // --certificaat-sha256
};

struct KeyCreateArgs {
  std::string store;
  std::string gemeente;
  std::vector<std::string> roles;
  std::vector<std::string> acts_for;
  std::string omschrijving;
  CertificateArgs certificate;
  bool json = false;
};

// The subject and fingerprint the options name, canonical (store.h), into *subject and *sha256
// (both empty when no option was given). Usage error for a refused subject or fingerprint, a
// file without a certificate, or a fingerprint without a subject.
int CertificateBinding(const CertificateArgs& args, std::string* subject, std::string* sha256) {
  subject->clear();
  sha256->clear();
  if (!args.file.empty()) {
    if (Status s = ReadCertificateIdentity(args.file, subject, nullptr); !s.ok())
      return Fail("--certificaat: " + s.message(), kExitUsage);
  } else if (!args.subject.empty()) {
    if (Status s = CanonicalCertificateSubject(args.subject, subject); !s.ok())
      return Fail("--certificaat-subject: " + s.message(), kExitUsage);
  }
  if (!args.sha256.empty()) {
    if (subject->empty())
      return Fail("--certificaat-sha256 alleen samen met --certificaat-subject of --certificaat",
                  kExitUsage);
    if (Status s = CanonicalCertificateSha256(args.sha256, sha256); !s.ok())
      return Fail("--certificaat-sha256: " + s.message(), kExitUsage);
  }
  return kExitOk;
}

// "Certificaat: <subject>" and, when pinned, "Certificaat SHA-256: <hex>" lines.
void PrintCertificate(const ApplicationKey& key) {
  if (key.certificate_subject.empty()) return;
  std::cout << "Certificaat: " << key.certificate_subject << "\n";
  if (!key.certificate_sha256.empty())
    std::cout << "Certificaat SHA-256: " << key.certificate_sha256 << "\n";
}

std::string JsonOrNull(const std::string& s) { return s.empty() ? "null" : admin::JsonQuote(s); }

// --certificaat-subject, --certificaat and --certificaat-sha256 on `command`.
void AddCertificateOptions(CLI::App* command, CertificateArgs* args) {
  CLI::Option* subject =
      command
          ->add_option("--certificaat-subject", args->subject,
                       "Mutual TLS: het subject van het clientcertificaat waarmee de sleutel "
                       "moet komen, in RFC 4514-volgorde zoals openssl x509 -noout -subject "
                       "-nameopt RFC2253 het toont (\"CN=cvs.almere.nl,O=Gemeente Almere,C=NL\"), "
                       "of in de /-vorm van openssl req -subj (\"/C=NL/O=Gemeente Almere/"
                       "CN=cvs.almere.nl\"); opgeslagen en vergeleken in de RFC 4514-vorm")
          ->type_name("DN");
  command
      ->add_option("--certificaat", args->file,
                   "Mutual TLS: neem het subject over uit dit certificaat (PEM), in plaats van "
                   "--certificaat-subject")
      ->type_name("PEM")
      ->check(CLI::ExistingFile)
      ->excludes(subject);
  command
      ->add_option("--certificaat-sha256", args->sha256,
                   "Bind ook aan precies dit certificaat: de SHA-256-vingerafdruk, zoals openssl "
                   "x509 -noout -fingerprint -sha256 hem toont (na vernieuwing van het certificaat "
                   "opnieuw zetten); alleen samen met een subject")
      ->type_name("HEX");
}

// Usage error for a malformed code, failure when the store cannot answer, usage error when the
// store does not know the municipality.
int CheckGemeente(Store* store, const std::string& option, const std::string& code) {
  bool exists = false;
  if (Status s = store->GemeenteExists(code, &exists); !s.ok())
    return Fail("kan gemeente " + code + " niet opzoeken: " + s.message(), kExitFailure);
  if (!exists) return Fail(option + ": onbekende gemeente '" + code + "'", kExitUsage);
  return kExitOk;
}

int RunKeyCreate(const KeyCreateArgs& args) {
  if (!IsWellFormedGemeentecode(args.gemeente))
    return Fail("--gemeente moet een CBS-code van 4 cijfers zijn (bijvoorbeeld 0034), niet '" +
                    args.gemeente + "'",
                kExitUsage);
  std::vector<int> roles;
  if (Status s = admin::ParseRoles(args.roles, &roles); !s.ok())
    return Fail("--roles: " + s.message(), kExitUsage);
  std::vector<std::string> acts_for;
  for (const auto& code : admin::SplitCommas(args.acts_for)) {
    if (!IsWellFormedGemeentecode(code))
      return Fail("--acts-for: '" + code + "' is geen CBS-code van 4 cijfers", kExitUsage);
    if (code != args.gemeente &&
        std::find(acts_for.begin(), acts_for.end(), code) == acts_for.end())
      acts_for.push_back(code);
  }

  std::unique_ptr<Store> store;
  if (Status s = OpenExistingStore(args.store, &store); !s.ok())
    return Fail(s.message(), kExitFailure);
  if (int rc = CheckGemeente(store.get(), "--gemeente", args.gemeente); rc != kExitOk) return rc;
  for (const auto& code : acts_for)
    if (int rc = CheckGemeente(store.get(), "--acts-for", code); rc != kExitOk) return rc;
  std::string certificate_subject, certificate_sha256;
  if (int rc = CertificateBinding(args.certificate, &certificate_subject, &certificate_sha256);
      rc != kExitOk)
    return rc;

  admin::KeyCredentials credentials;
  if (Status s = admin::NewKeyCredentials(args.gemeente, admin::OpenSslRandomBytes, &credentials);
      !s.ok())
    return Fail(s.message(), kExitFailure);
  ApplicationKey key;
  key.key_id = credentials.key_id;
  key.gemeentecode = args.gemeente;
  key.roles = roles;
  key.acts_for = acts_for;
  key.omschrijving = args.omschrijving;
  key.certificate_subject = certificate_subject;
  key.certificate_sha256 = certificate_sha256;
  key.created_at = SystemClock().NowUnixSeconds();
  if (Status s = HashPassword(credentials.password, &key.password_hash); !s.ok())
    return Fail("kan wachtwoord niet hashen: " + s.message(), kExitFailure);
  if (Status s = store->CreateKey(key); !s.ok())
    return Fail("kan applicatiesleutel niet opslaan: " + s.message(), kExitFailure);

  if (args.json) {
    std::cout << "{\"key\": " << admin::JsonQuote(key.key_id)
              << ", \"password\": " << admin::JsonQuote(credentials.password)
              << ", \"gemeente\": " << admin::JsonQuote(key.gemeentecode) << ", \"roles\": ["
              << admin::JoinInts(roles, ", ")
              << "], \"certificaat_subject\": " << JsonOrNull(key.certificate_subject)
              << ", \"certificaat_sha256\": " << JsonOrNull(key.certificate_sha256) << "}\n";
    return kExitOk;
  }
  const Gemeente* g = FindGemeente(key.gemeentecode);
  std::cout << "Applicatiesleutel: " << key.key_id << "\n"
            << "Wachtwoord: " << credentials.password << " (wordt niet opnieuw getoond)\n"
            << "Gemeente: " << key.gemeentecode
            << (g != nullptr ? std::string(" (") + g->naam + ")" : "") << "\n"
            << "Rollen: " << admin::JoinInts(roles, ",") << "\n";
  if (!acts_for.empty()) {
    std::cout << "Namens: ";
    for (size_t i = 0; i < acts_for.size(); ++i) std::cout << (i > 0 ? "," : "") << acts_for[i];
    std::cout << "\n";
  }
  PrintCertificate(key);
  return kExitOk;
}

// The end of the brute-force lock of `key` when it is in force at `now`.
std::optional<int64_t> LockedUntil(const ApplicationKey& key, int64_t now) {
  if (key.locked_until && *key.locked_until > now) return key.locked_until;
  return std::nullopt;
}

int RunKeyList(const std::string& path, bool json) {
  std::unique_ptr<Store> store;
  if (Status s = OpenExistingStore(path, &store); !s.ok()) return Fail(s.message(), kExitFailure);
  std::vector<ApplicationKey> keys;
  if (Status s = store->ListKeys(&keys); !s.ok())
    return Fail("kan applicatiesleutels niet lezen: " + s.message(), kExitFailure);
  const int64_t now = SystemClock().NowUnixSeconds();

  // Never the password hash.
  if (json) {
    std::string out = "{\"keys\": [";
    for (size_t i = 0; i < keys.size(); ++i) {
      const ApplicationKey& k = keys[i];
      const std::optional<int64_t> until = LockedUntil(k, now);
      if (i > 0) out += ", ";
      out += "{\"key\": " + admin::JsonQuote(k.key_id) +
             ", \"gemeente\": " + admin::JsonQuote(k.gemeentecode) + ", \"roles\": [" +
             admin::JoinInts(k.roles, ", ") + "], \"acts_for\": [";
      for (size_t j = 0; j < k.acts_for.size(); ++j)
        out += (j > 0 ? ", " : "") + admin::JsonQuote(k.acts_for[j]);
      out += "], \"omschrijving\": " + admin::JsonQuote(k.omschrijving) +
             ", \"created_at\": " + admin::JsonQuote(admin::FormatUtc(k.created_at)) +
             ", \"revoked_at\": " +
             (k.revoked_at ? admin::JsonQuote(admin::FormatUtc(*k.revoked_at)) : "null") +
             ", \"failed_count\": " + std::to_string(k.failed_count) + ", \"locked_until\": " +
             (until ? admin::JsonQuote(admin::FormatUtc(*until)) : "null") +
             ", \"certificaat_subject\": " + JsonOrNull(k.certificate_subject) +
             ", \"certificaat_sha256\": " + JsonOrNull(k.certificate_sha256) + "}";
    }
    out += "]}";
    std::cout << out << "\n";
    return kExitOk;
  }
  if (keys.empty()) {
    std::cout << "Geen applicatiesleutels in " << path << "\n";
    return kExitOk;
  }
  for (const ApplicationKey& k : keys) {
    std::cout << k.key_id << "  gemeente " << k.gemeentecode << "  rollen "
              << admin::JoinInts(k.roles, ",");
    if (!k.acts_for.empty()) {
      std::cout << "  namens ";
      for (size_t j = 0; j < k.acts_for.size(); ++j)
        std::cout << (j > 0 ? "," : "") << k.acts_for[j];
    }
    std::cout << "  aangemaakt " << admin::FormatUtc(k.created_at) << "  "
              << (k.revoked_at ? "INGETROKKEN " + admin::FormatUtc(*k.revoked_at) : "actief")
              << "  mislukte aanmeldingen " << k.failed_count;
    if (const std::optional<int64_t> until = LockedUntil(k, now))
      std::cout << "  geblokkeerd tot " << admin::FormatUtc(*until);
    if (!k.certificate_subject.empty()) std::cout << "  certificaat " << k.certificate_subject;
    if (!k.certificate_sha256.empty()) std::cout << "  sha256 " << k.certificate_sha256;
    if (!k.omschrijving.empty()) std::cout << "  omschrijving: " << k.omschrijving;
    std::cout << "\n";
  }
  return kExitOk;
}

int RunKeyRevoke(const std::string& path, const std::string& key_id) {
  std::unique_ptr<Store> store;
  if (Status s = OpenExistingStore(path, &store); !s.ok()) return Fail(s.message(), kExitFailure);
  ApplicationKey key;
  if (Status s = store->FindKey(key_id, &key); !s.ok()) {
    if (s.code() == Status::Code::kNotFound)
      return Fail("onbekende applicatiesleutel '" + key_id + "'", kExitFailure);
    return Fail("kan applicatiesleutel niet lezen: " + s.message(), kExitFailure);
  }
  if (key.revoked_at) {
    std::cout << "Applicatiesleutel " << key_id << " was al ingetrokken op "
              << admin::FormatUtc(*key.revoked_at) << "\n";
    return kExitOk;
  }
  if (Status s = store->RevokeKey(key_id, SystemClock().NowUnixSeconds()); !s.ok())
    return Fail("kan applicatiesleutel niet intrekken: " + s.message(), kExitFailure);
  std::cout << "Applicatiesleutel " << key_id << " ingetrokken\n";
  return kExitOk;
}

// Opens the store and reads `key_id`; on failure returns the exit code (unknown key: failure).
int OpenStoreAndKey(const std::string& path, const std::string& key_id,
                    std::unique_ptr<Store>* store, ApplicationKey* key) {
  if (Status s = OpenExistingStore(path, store); !s.ok()) return Fail(s.message(), kExitFailure);
  if (Status s = (*store)->FindKey(key_id, key); !s.ok()) {
    if (s.code() == Status::Code::kNotFound)
      return Fail("onbekende applicatiesleutel '" + key_id + "'", kExitFailure);
    return Fail("kan applicatiesleutel niet lezen: " + s.message(), kExitFailure);
  }
  return kExitOk;
}

std::string GemeenteText(const std::string& code) {
  const Gemeente* g = FindGemeente(code);
  return g != nullptr ? code + " (" + g->naam + ")" : code;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) out += (out.empty() ? "" : ",") + code;
  return out.empty() ? "geen" : out;
}

struct KeyGrantArgs {
  std::string store;
  std::string key;
  std::string gemeente;
};

// key grant (`grant` true) and key ungrant.
int RunKeyGrant(const KeyGrantArgs& args, bool grant) {
  if (!IsWellFormedGemeentecode(args.gemeente))
    return Fail("--gemeente moet een CBS-code van 4 cijfers zijn (bijvoorbeeld 0363), niet '" +
                    args.gemeente + "'",
                kExitUsage);
  std::unique_ptr<Store> store;
  ApplicationKey key;
  if (int rc = OpenStoreAndKey(args.store, args.key, &store, &key); rc != kExitOk) return rc;
  if (args.gemeente == key.gemeentecode) {
    std::cout << "Applicatiesleutel " << key.key_id << " hoort zelf bij gemeente "
              << GemeenteText(key.gemeentecode) << "; daarvoor is geen uitbesteding nodig. "
              << "Niets gewijzigd.\n";
    return kExitOk;
  }
  const bool had =
      std::find(key.acts_for.begin(), key.acts_for.end(), args.gemeente) != key.acts_for.end();
  if (grant) {
    if (int rc = CheckGemeente(store.get(), "--gemeente", args.gemeente); rc != kExitOk) return rc;
    if (Status s = store->GrantActFor(key.key_id, args.gemeente); !s.ok())
      return Fail("kan uitbesteding niet opslaan: " + s.message(), kExitFailure);
  } else if (had) {
    if (Status s = store->RevokeActFor(key.key_id, args.gemeente); !s.ok())
      return Fail("kan uitbesteding niet intrekken: " + s.message(), kExitFailure);
  }
  // Read back what the store now holds, so the administrator sees the result, not the intent.
  if (Status s = store->FindKey(key.key_id, &key); !s.ok())
    return Fail("kan applicatiesleutel niet lezen: " + s.message(), kExitFailure);
  const std::string namens = GemeenteText(args.gemeente);
  if (grant) {
    std::cout << "Applicatiesleutel " << key.key_id
              << (had ? " mocht al optreden namens " : " mag nu ook optreden namens ") << namens
              << "\n";
  } else {
    std::cout << "Applicatiesleutel " << key.key_id
              << (had ? " mag niet meer optreden namens " : " mocht al niet optreden namens ")
              << namens << (had ? "" : "; niets gewijzigd") << "\n";
  }
  std::cout << "Namens: " << JoinCodes(key.acts_for) << "\n";
  if (key.revoked_at)
    std::cout << "Let op: deze sleutel is ingetrokken op " << admin::FormatUtc(*key.revoked_at)
              << " en werkt niet\n";
  return kExitOk;
}

int RunKeyUnlock(const std::string& path, const std::string& key_id) {
  std::unique_ptr<Store> store;
  ApplicationKey key;
  if (int rc = OpenStoreAndKey(path, key_id, &store, &key); rc != kExitOk) return rc;
  if (Status s = store->ResetAuthFailures(key.key_id); !s.ok())
    return Fail("kan applicatiesleutel niet ontgrendelen: " + s.message(), kExitFailure);
  const std::optional<int64_t> until = LockedUntil(key, SystemClock().NowUnixSeconds());
  std::cout << "Applicatiesleutel " << key.key_id
            << (until ? " ontgrendeld (was geblokkeerd tot " + admin::FormatUtc(*until) + ")"
                      : " was niet geblokkeerd")
            << "; teller mislukte aanmeldingen van " << key.failed_count << " naar 0\n";
  return kExitOk;
}

struct KeyCertificateArgs {
  std::string store;
  std::string key;
  CertificateArgs certificate;
};

// key set-certificate (`set` true: bind to the certificate the options name) and key
// clear-certificate (remove the binding).
int RunKeyCertificate(const KeyCertificateArgs& args, bool set) {
  std::string subject, sha256;
  if (set) {
    if (args.certificate.subject.empty() && args.certificate.file.empty())
      return Fail("geef --certificaat-subject of --certificaat", kExitUsage);
    if (int rc = CertificateBinding(args.certificate, &subject, &sha256); rc != kExitOk) return rc;
  }
  std::unique_ptr<Store> store;
  ApplicationKey key;
  if (int rc = OpenStoreAndKey(args.store, args.key, &store, &key); rc != kExitOk) return rc;
  const std::string before = key.certificate_subject;
  if (!set && before.empty()) {
    std::cout << "Applicatiesleutel " << key.key_id
              << " was niet aan een clientcertificaat gebonden; niets gewijzigd\n";
    return kExitOk;
  }
  if (Status s = store->SetKeyCertificate(key.key_id, subject, sha256); !s.ok())
    return Fail("kan certificaat van de applicatiesleutel niet opslaan: " + s.message(),
                kExitFailure);
  // Read back what the store now holds, so the administrator sees the result, not the intent.
  if (Status s = store->FindKey(key.key_id, &key); !s.ok())
    return Fail("kan applicatiesleutel niet lezen: " + s.message(), kExitFailure);
  if (set) {
    std::cout << "Applicatiesleutel " << key.key_id
              << " is gebonden aan het clientcertificaat met dit subject"
              << (key.certificate_sha256.empty() ? "" : " en deze vingerafdruk") << "\n";
    PrintCertificate(key);
    if (!before.empty() && before != key.certificate_subject)
      std::cout << "Was: " << before << "\n";
    std::cout << "Dit geldt als isi-server draait met --client-ca: elk verzoek met deze sleutel "
                 "moet dan over een verbinding met dit clientcertificaat komen\n";
  } else {
    std::cout << "Applicatiesleutel " << key.key_id
              << " is niet meer aan een clientcertificaat gebonden (was: " << before << ")\n"
              << "Let op: isi-server met --client-ca weigert hem nu, tenzij met "
                 "--client-cert-binding registered\n";
  }
  if (key.revoked_at)
    std::cout << "Let op: deze sleutel is ingetrokken op " << admin::FormatUtc(*key.revoked_at)
              << " en werkt niet\n";
  return kExitOk;
}

// --- audit verify / export -------------------------------------------------------------------

int RunAuditVerify(const std::string& path, bool json) {
  std::unique_ptr<ProtocolLog> protocol;
  if (Status s = OpenExistingProtocol(path, &protocol); !s.ok())
    return Fail(s.message(), kExitFailure);
  int64_t checked = 0;
  int64_t bad = 0;
  if (Status s = protocol->Verify(&checked, &bad); !s.ok())
    return Fail("kan het protocol niet controleren: " + s.message(), kExitFailure);
  if (json) {
    std::cout << "{\"records_checked\": " << checked
              << ", \"intact\": " << (bad == 0 ? "true" : "false")
              << ", \"first_bad_id\": " << (bad == 0 ? "null" : std::to_string(bad)) << "}\n";
  } else if (bad == 0) {
    std::cout << "OK: " << checked << " protocolrecords gecontroleerd, de hashketen is intact\n";
  } else {
    std::cout << "VERBROKEN: protocolrecord " << bad
              << " is gewijzigd of past niet op zijn voorganger (" << checked
              << " records gecontroleerd, tot en met dit record)\n";
  }
  if (bad != 0)
    return Fail("de hashketen van het protocol is verbroken bij record " + std::to_string(bad),
                kExitFailure);
  return kExitOk;
}

struct AuditExportArgs {
  std::string store;
  std::string bsn;
  std::string van;
  std::string tot;
  std::string format = "csv";
};

int RunAuditExport(const AuditExportArgs& args) {
  const bool by_bsn = !args.bsn.empty();
  const bool by_period = !args.van.empty() || !args.tot.empty();
  if (by_bsn == by_period)
    return Fail("geef precies één van --bsn BSN of --van JJJJ-MM-DD --tot JJJJ-MM-DD", kExitUsage);
  if (args.format != "csv" && args.format != "json")
    return Fail("--format moet csv of json zijn, niet '" + args.format + "'", kExitUsage);
  int64_t from = 0;
  int64_t to = 0;
  if (by_bsn) {
    if (!IsValidBsn(args.bsn))
      return Fail("--bsn: '" + args.bsn + "' is geen geldig BSN (9 cijfers, elfproef)", kExitUsage);
  } else {
    if (args.van.empty() || args.tot.empty())
      return Fail("een periode heeft zowel --van als --tot nodig", kExitUsage);
    if (Status s = admin::ParsePeriod(args.van, args.tot, &from, &to); !s.ok())
      return Fail(s.message(), kExitUsage);
  }

  std::unique_ptr<ProtocolLog> protocol;
  if (Status s = OpenExistingProtocol(args.store, &protocol); !s.ok())
    return Fail(s.message(), kExitFailure);
  std::vector<AuditRecord> records;
  if (Status s = by_bsn ? protocol->List(args.bsn, &records)
                        : protocol->ListPeriod(from, to, &records);
      !s.ok())
    return Fail("kan het protocol niet lezen: " + s.message(), kExitFailure);

  std::string out;
  if (args.format == "json") {
    out = by_bsn ? "{\"bsn\": " + admin::JsonQuote(args.bsn)
                 : "{\"van\": " + admin::JsonQuote(args.van) +
                       ", \"tot\": " + admin::JsonQuote(args.tot);
    out += ", \"count\": " + std::to_string(records.size()) + ", \"records\": [";
    for (size_t i = 0; i < records.size(); ++i)
      out += (i > 0 ? ", " : "") + admin::AuditJson(records[i]);
    out += "]}\n";
  } else {
    out = admin::AuditCsvHeader();
    for (const AuditRecord& r : records) out += admin::AuditCsvLine(r);
  }
  std::cout << out << std::flush;
  if (!std::cout) return Fail("kan de export niet schrijven", kExitFailure);
  return kExitOk;
}

// --- command line ----------------------------------------------------------------------------

// The deepest subcommand the parser reached, for "see --help" hints.
std::string CommandPath(const CLI::App& app) {
  std::string path = app.get_name();
  const CLI::App* current = &app;
  for (;;) {
    const auto subs = current->get_subcommands();
    if (subs.empty()) return path;
    current = subs.front();
    path += " " + current->get_name();
  }
}

int Main(int argc, char** argv) {
  CLI::App app{
      "Beheer van een ISI-store: aanmaken, synthetische gegevens genereren, "
      "applicatiesleutels voor cliëntvolgsystemen uitgeven en beheren, en het protocol "
      "(protocollering) controleren en exporteren.",
      "isi-admin"};
  app.set_help_flag("-h,--help", "Toon deze hulp en stop");
  app.require_subcommand(1);
  app.footer(
      "Exitcodes: 0 gelukt, 1 mislukt (store, hashing, ...), 2 verkeerd gebruik.\n"
      "Hulp per opdracht: isi-admin <opdracht> --help");

  std::string store_path;
  const char* kStoreHelp = "Pad van de SQLite-store (ISI-register)";

  CLI::App* init = app.add_subcommand(
      "init",
      "Maak een nieuwe store met het actuele schema; een bestaande store wordt alleen "
      "naar het laatste schema gebracht");
  init->add_option("--store", store_path, kStoreHelp)->required()->type_name("PATH");

  GenerateArgs gen;
  CLI::App* generate = app.add_subcommand(
      "generate",
      "Vul een lege store met synthetische personen (dossiers en signalen), reproduceerbaar per "
      "seed; toont daarna per gemeente het aantal woonachtigen, het aantal gewezen ingezetenen "
      "(ongeveer 3%: naar het buitenland vertrokken, nu in de RNI) en 3 voorbeeld-BSN's van "
      "woonachtigen");
  generate->add_option("--store", gen.store, kStoreHelp)->required()->type_name("PATH");
  generate->add_option("--persons", gen.persons, "Aantal personen, 0 tot en met 10000000")
      ->required()
      ->type_name("N");
  generate
      ->add_option("--seed", gen.seed,
                   "Seed (0 .. 2^64-1): dezelfde seed en opties geven dezelfde gegevens")
      ->required()
      ->type_name("S");
  generate
      ->add_option("--gemeenten", gen.gemeenten,
                   "CBS-codes, met komma's gescheiden, waarover de personen verdeeld worden "
                   "(standaard 0014,0034,0344,0363,0599; 1999 = RNI)")
      ->type_name("CODES");
  generate
      ->add_option("--today", gen.today,
                   "Peildatum JJJJ-MM-DD (2013-01-01 .. 2050-12-31): geen datum ligt erna "
                   "(standaard vandaag)")
      ->type_name("DATUM");
  generate->add_flag("--json", gen.json,
                     "Samenvatting als één JSON-object op stdout: {\"store\", \"persons\", "
                     "\"seed\", \"gemeenten\": {code: {\"naam\", \"persons\", "
                     "\"gewezen_ingezetenen\", \"sample_bsns\"}}}. Per gemeente is persons het "
                     "aantal woonachtigen; gewezen_ingezetenen zijn naar het buitenland vertrokken "
                     "(woongemeente 1999, vorige woongemeente deze gemeente) en tellen niet mee in "
                     "persons, ook niet bij 1999");

  CLI::App* key = app.add_subcommand(
      "key",
      "Applicatiesleutels: aanmaken, tonen, intrekken, uitbesteding toekennen en intrekken, "
      "ontgrendelen, aan een clientcertificaat binden");
  key->require_subcommand(1);

  KeyCreateArgs create_args;
  CLI::App* create = key->add_subcommand(
      "create",
      "Maak een applicatiesleutel met een sterk willekeurig wachtwoord; sleutel en wachtwoord "
      "worden één keer getoond, de store bewaart alleen een argon2id-hash");
  create->add_option("--store", create_args.store, kStoreHelp)->required()->type_name("PATH");
  create->add_option("--gemeente", create_args.gemeente, "CBS-code van de gemeente van de sleutel")
      ->required()
      ->type_name("CODE");
  create
      ->add_option("--roles", create_args.roles,
                   "Rollen, met komma's gescheiden: 2 raadplegen op BSN, 3 ook selecties, "
                   "5 ook muteren, 6 alles inclusief signalen")
      ->required()
      ->type_name("ROLLEN");
  create
      ->add_option("--acts-for", create_args.acts_for,
                   "CBS-codes van gemeenten waarvoor de sleutel ook mag optreden (uitbesteding)")
      ->type_name("CODES");
  create
      ->add_option("--omschrijving", create_args.omschrijving,
                   "Vrije tekst voor de beheerder, bijvoorbeeld het cliëntvolgsysteem")
      ->type_name("TEKST");
  AddCertificateOptions(create, &create_args.certificate);
  create->add_flag("--json", create_args.json,
                   "Uitvoer als JSON: {\"key\", \"password\", \"gemeente\", \"roles\", "
                   "\"certificaat_subject\", \"certificaat_sha256\"} (null als niet gegeven)");

  bool list_json = false;
  CLI::App* list =
      key->add_subcommand("list", "Toon alle applicatiesleutels (nooit wachtwoorden of hashes)");
  list->add_option("--store", store_path, kStoreHelp)->required()->type_name("PATH");
  list->add_flag("--json", list_json,
                 "Uitvoer als JSON: {\"keys\": [{\"key\", \"gemeente\", \"roles\", \"acts_for\", "
                 "\"omschrijving\", \"created_at\", \"revoked_at\", \"failed_count\", "
                 "\"locked_until\", \"certificaat_subject\", \"certificaat_sha256\"}]}; tijden "
                 "in UTC (JJJJ-MM-DDTuu:mm:ssZ), revoked_at en locked_until null als de sleutel "
                 "niet ingetrokken of niet geblokkeerd is; failed_count is het aantal mislukte "
                 "aanmeldingen in het lopende venster; certificaat_subject en certificaat_sha256 "
                 "null als de sleutel niet aan een clientcertificaat gebonden is");

  std::string key_id;
  CLI::App* revoke = key->add_subcommand(
      "revoke",
      "Trek een applicatiesleutel in; hij werkt daarna niet meer (opnieuw intrekken mag)");
  revoke->add_option("--store", store_path, kStoreHelp)->required()->type_name("PATH");
  revoke->add_option("--key", key_id, "De applicatiesleutel, bijvoorbeeld ak_0034_0123456789abcdef")
      ->required()
      ->type_name("KEY");

  KeyGrantArgs grant_args;
  CLI::App* grant = key->add_subcommand(
      "grant",
      "Uitbesteding: laat de sleutel ook optreden namens een andere gemeente (opnieuw toekennen "
      "mag); elk verzoek noemt de gemeente waarvoor het optreedt");
  CLI::App* ungrant = key->add_subcommand(
      "ungrant", "Trek de uitbesteding in: de sleutel mag niet meer optreden namens de gemeente");
  for (CLI::App* sub : {grant, ungrant}) {
    sub->add_option("--store", grant_args.store, kStoreHelp)->required()->type_name("PATH");
    sub->add_option("--key", grant_args.key, "De applicatiesleutel")->required()->type_name("KEY");
    sub->add_option("--gemeente", grant_args.gemeente,
                    "CBS-code van de gemeente waarvoor de sleutel optreedt (uitbesteding)")
        ->required()
        ->type_name("CODE");
  }

  CLI::App* unlock = key->add_subcommand(
      "unlock",
      "Hef een tijdelijke blokkade na te veel mislukte aanmeldingen op en zet de teller op 0 "
      "(key list toont teller en blokkade)");
  unlock->add_option("--store", store_path, kStoreHelp)->required()->type_name("PATH");
  unlock->add_option("--key", key_id, "De applicatiesleutel")->required()->type_name("KEY");

  KeyCertificateArgs certificate_args;
  CLI::App* set_certificate = key->add_subcommand(
      "set-certificate",
      "Mutual TLS: bind de sleutel aan het clientcertificaat van het cliëntvolgsysteem (subject, "
      "en desgewenst ook de SHA-256-vingerafdruk); vervangt een eerdere binding. Geldt als "
      "isi-server draait met --client-ca: een verzoek met deze sleutel over een verbinding met "
      "een ander certificaat wordt dan geweigerd (NietGeauthenticeerd)");
  CLI::App* clear_certificate = key->add_subcommand(
      "clear-certificate",
      "Maak de binding aan een clientcertificaat ongedaan (isi-server met --client-ca weigert de "
      "sleutel dan, tenzij met --client-cert-binding registered)");
  for (CLI::App* sub : {set_certificate, clear_certificate}) {
    sub->add_option("--store", certificate_args.store, kStoreHelp)->required()->type_name("PATH");
    sub->add_option("--key", certificate_args.key, "De applicatiesleutel")
        ->required()
        ->type_name("KEY");
  }
  AddCertificateOptions(set_certificate, &certificate_args.certificate);

  CLI::App* audit = app.add_subcommand(
      "audit", "Protocollering: de hashketen controleren, records exporteren per BSN of periode");
  audit->require_subcommand(1);

  bool verify_json = false;
  CLI::App* verify = audit->add_subcommand(
      "verify",
      "Controleer de hashketen van het protocol vanaf het eerste record; exitcode 1 en het id "
      "van het eerste gewijzigde record als de keten verbroken is");
  verify->add_option("--store", store_path, kStoreHelp)->required()->type_name("PATH");
  verify->add_flag("--json", verify_json,
                   "Uitvoer als JSON: {\"records_checked\", \"intact\", \"first_bad_id\" (null "
                   "als de keten intact is)}");

  AuditExportArgs export_args;
  CLI::App* exporter = audit->add_subcommand(
      "export",
      "Exporteer protocolrecords naar stdout, oudste eerst: voor één BSN, of voor een periode "
      "(--van tot --tot). Geef precies één van de twee");
  exporter->add_option("--store", export_args.store, kStoreHelp)->required()->type_name("PATH");
  exporter->add_option("--bsn", export_args.bsn, "Alle records over deze persoon (BSN, elfproef)")
      ->type_name("BSN");
  exporter
      ->add_option("--van", export_args.van,
                   "Begin van de periode, JJJJ-MM-DD, inclusief (00:00:00 UTC)")
      ->type_name("DATUM");
  exporter
      ->add_option("--tot", export_args.tot,
                   "Einde van de periode, JJJJ-MM-DD, exclusief: records tot 00:00:00 UTC op die "
                   "dag (--van 2025-03-01 --tot 2025-04-01 is heel maart)")
      ->type_name("DATUM");
  exporter
      ->add_option("--format", export_args.format,
                   "csv (standaard): UTF-8, ';'-gescheiden, kopregel id;at;key_id;gemeentecode;"
                   "operation;bsn;outcome;prev_hash;hash, tijden ISO 8601 in UTC; json: "
                   "{\"bsn\" of \"van\"/\"tot\", \"count\", \"records\": [{dezelfde velden}]}")
      ->type_name("csv|json");

  admin::ExtractCommand extract(&app);  // isi-admin extract build|install-pdf|list
  admin::RefreshCommand refresh(&app);  // isi-admin refresh, generate-mutations

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "isi-admin: " << e.what() << "\n"
              << "Zie: " << CommandPath(app) << " --help\n";
    return kExitUsage;
  }

  if (init->parsed()) return RunInit(store_path);
  if (generate->parsed()) return RunGenerate(gen);
  if (create->parsed()) return RunKeyCreate(create_args);
  if (list->parsed()) return RunKeyList(store_path, list_json);
  if (revoke->parsed()) return RunKeyRevoke(store_path, key_id);
  if (grant->parsed()) return RunKeyGrant(grant_args, /*grant=*/true);
  if (ungrant->parsed()) return RunKeyGrant(grant_args, /*grant=*/false);
  if (unlock->parsed()) return RunKeyUnlock(store_path, key_id);
  if (set_certificate->parsed()) return RunKeyCertificate(certificate_args, /*set=*/true);
  if (clear_certificate->parsed()) return RunKeyCertificate(certificate_args, /*set=*/false);
  if (verify->parsed()) return RunAuditVerify(store_path, verify_json);
  if (exporter->parsed()) return RunAuditExport(export_args);
  if (extract.parsed()) return extract.Run();
  if (refresh.parsed()) return refresh.Run();
  return Fail("geen opdracht; zie isi-admin --help", kExitUsage);
}

}  // namespace
}  // namespace isi

int main(int argc, char** argv) {
  try {
    return isi::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "isi-admin: interne fout: " << e.what() << "\n";
    return 1;
  }
}
