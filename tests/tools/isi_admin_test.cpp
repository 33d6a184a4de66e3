// Runs the real isi-admin binary (ISI_ADMIN_PATH) against stores in a temporary directory.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "store/password.h"
#include "store/store.h"
#include "tools/generator.h"

#ifndef ISI_ADMIN_PATH
#error "ISI_ADMIN_PATH must name the isi-admin binary"
#endif

using namespace isi;
namespace fs = std::filesystem;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "isi_admin_test.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ShellQuote(const std::string& arg) {
  std::string q = "'";
  for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs isi-admin with `args`, stdin from /dev/null, stdout and stderr captured.
Result Run(const TempDir& dir, const std::vector<std::string>& args) {
  std::string cmd = ShellQuote(ISI_ADMIN_PATH);
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  const std::string out = dir.File("stdout.txt");
  const std::string err = dir.File("stderr.txt");
  cmd += " </dev/null >" + ShellQuote(out) + " 2>" + ShellQuote(err);
  const int status = std::system(cmd.c_str());
  Result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  return r;
}

// The string value of "key" in a flat JSON object (enough for isi-admin's output).
std::string JsonString(const std::string& json, const std::string& key) {
  std::smatch m;
  if (!std::regex_search(json, m, std::regex("\"" + key + "\": \"([^\"]*)\""))) return "";
  return m[1];
}

// The sample BSNs of municipality `code` in the output of generate --json.
std::vector<std::string> SampleBsns(const std::string& json, const std::string& code) {
  std::smatch m;
  if (!std::regex_search(json, m,
                         std::regex("\"" + code + "\": \\{[^}]*\"sample_bsns\": \\[([^\\]]*)\\]")))
    return {};
  std::vector<std::string> out;
  const std::string list = m[1];
  const std::regex bsn("\"([0-9]{9})\"");
  for (auto it = std::sregex_iterator(list.begin(), list.end(), bsn); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1]);
  return out;
}

int64_t JsonInt(const std::string& json, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(json, m, std::regex(pattern + "([0-9]+)"))) return -1;
  return std::stoll(m[1]);
}

std::unique_ptr<Store> OpenStore(const std::string& path) {
  std::unique_ptr<Store> store;
  const Status s = OpenSqliteStore(path, StoreOptions{}, &store);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

}  // namespace

TEST_CASE("isi-admin: init creates a store, and a second init leaves it in place", "[admin]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  Result r = Run(dir, {"init", "--store", db});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(db));
  CHECK(r.out.find("aangemaakt") != std::string::npos);

  r = Run(dir, {"init", "--store", db});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("bestaat al") != std::string::npos);
}

TEST_CASE("isi-admin: init refuses a file that is not an ISI store", "[admin]") {
  TempDir dir;
  const std::string other = dir.File("other.txt");
  std::ofstream(other) << "dit is geen database";
  const Result r = Run(dir, {"init", "--store", other});
  CHECK(r.exit_code == 1);
  CHECK(r.err.rfind("isi-admin: ", 0) == 0);
}

TEST_CASE("isi-admin: generate --json reports persons per municipality and rich sample BSNs",
          "[admin]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);
  const Result r = Run(dir, {"generate", "--store", db, "--persons", "3000", "--seed", "5",
                             "--gemeenten", "0014,0363", "--today", "2025-06-15", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());  // no progress indicator when stderr is not a terminal
  // Exactly one JSON object on one line.
  CHECK(r.out.front() == '{');
  CHECK(r.out.find('\n') == r.out.size() - 1);
  CHECK(JsonString(r.out, "store") == db);
  CHECK(JsonInt(r.out, "\"persons\": ") == 3000);
  CHECK(JsonInt(r.out, "\"seed\": ") == 5);
  CHECK(JsonString(r.out, "naam") == "Groningen");
  const int64_t groningen = JsonInt(r.out, "\"0014\": \\{\"naam\": \"Groningen\", \"persons\": ");
  const int64_t amsterdam = JsonInt(r.out, "\"0363\": \\{\"naam\": \"Amsterdam\", \"persons\": ");
  const int64_t groningen_gewezen = JsonInt(r.out, "\"0014\": \\{[^}]*\"gewezen_ingezetenen\": ");
  const int64_t amsterdam_gewezen = JsonInt(r.out, "\"0363\": \\{[^}]*\"gewezen_ingezetenen\": ");
  CHECK(groningen > 0);
  CHECK(amsterdam > 0);
  // persons counts residents; gewezen ingezetenen (about 3%) are counted apart.
  CHECK(groningen_gewezen > 0);
  CHECK(amsterdam_gewezen > amsterdam / 50);
  CHECK(amsterdam_gewezen < amsterdam / 20);
  CHECK(groningen + amsterdam + groningen_gewezen + amsterdam_gewezen == 3000);

  auto store = OpenStore(db);
  int64_t count = 0;
  REQUIRE(store->CountPersons(&count).ok());
  CHECK(count == 3000);
  for (const std::string code : {"0014", "0363"}) {
    const auto samples = SampleBsns(r.out, code);
    REQUIRE(samples.size() == 3);
    for (const auto& bsn : samples) {
      Dossier d;
      const Status s = store->GetDossierByBsn(code, bsn, &d);
      INFO(code << " " << bsn << " " << s.ToString());
      REQUIRE(s.ok());
      CHECK(IsRichDossier(d));
    }
  }

  SECTION("gewezen ingezetenen are stored as RNI persons, visible to the municipality they left") {
    GeneratorOptions options;
    options.seed = 5;
    options.persons = 3000;
    options.gemeenten = {"0014", "0363"};
    options.today = Date{2025, 6, 15};
    Generator generator(options);
    std::vector<Dossier> persons;
    std::vector<Signaal> signalen;
    int checked = 0;
    while (generator.NextBatch(1000, &persons, &signalen)) {
      for (const Dossier& generated : persons) {
        if (!generated.kop.vorige_woongemeente || checked == 5) continue;
        ++checked;
        Dossier d;
        const Status s =
            store->GetDossierByBsn(*generated.kop.vorige_woongemeente, generated.kop.bsn, &d);
        INFO(generated.kop.bsn << " " << s.ToString());
        REQUIRE(s.ok());
        CHECK(d.kop.woongemeente == "1999");
        CHECK(d.kop.vorige_woongemeente == generated.kop.vorige_woongemeente);
        CHECK(d.persoonsgegevens.datum_vertrek_uit_nederland ==
              generated.persoonsgegevens.datum_vertrek_uit_nederland);
        CHECK_FALSE(d.persoonsgegevens.adres.postcode);
      }
    }
    CHECK(checked == 5);
  }

  SECTION("a store that already holds persons is refused") {
    const Result again = Run(dir, {"generate", "--store", db, "--persons", "10", "--seed", "6"});
    CHECK(again.exit_code == 1);
    CHECK(again.err.find("bevat al 3000 personen") != std::string::npos);
  }
}

TEST_CASE("isi-admin: generate with the same seed gives the same summary in another store",
          "[admin]") {
  TempDir dir;
  std::string outputs[2];
  for (int i = 0; i < 2; ++i) {
    const std::string db = dir.File("isi" + std::to_string(i) + ".db");
    REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);
    const Result r = Run(dir, {"generate", "--store", db, "--persons", "500", "--seed", "77",
                               "--today", "2024-01-31", "--json"});
    REQUIRE(r.exit_code == 0);
    outputs[i] = r.out.substr(r.out.find("\"persons\""));
  }
  CHECK(outputs[0] == outputs[1]);
  CHECK(SampleBsns(outputs[0], "0599").size() == 3);
}

TEST_CASE("isi-admin: key create shows the password once; the store keeps only its hash",
          "[admin]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);

  const Result created = Run(dir, {"key", "create", "--store", db, "--gemeente", "0034", "--roles",
                                   "6,2,3,5", "--omschrijving", "CVS \"Almere\"", "--json"});
  INFO(created.err);
  REQUIRE(created.exit_code == 0);
  const std::string key_id = JsonString(created.out, "key");
  const std::string password = JsonString(created.out, "password");
  CHECK(std::regex_match(key_id, std::regex("ak_0034_[0-9a-f]{16}")));
  CHECK(password.size() >= 24);
  CHECK(JsonString(created.out, "gemeente") == "0034");
  CHECK(created.out.find("\"roles\": [2, 3, 5, 6]") != std::string::npos);

  auto store = OpenStore(db);
  ApplicationKey key;
  REQUIRE(store->FindKey(key_id, &key).ok());
  CHECK(key.gemeentecode == "0034");
  CHECK(key.roles == std::vector<int>{2, 3, 5, 6});
  CHECK(key.omschrijving == "CVS \"Almere\"");
  CHECK(key.password_hash.find(password) == std::string::npos);
  CHECK(VerifyPassword(key.password_hash, password));
  CHECK_FALSE(VerifyPassword(key.password_hash, password + "x"));

  for (const bool json : {false, true}) {
    std::vector<std::string> args = {"key", "list", "--store", db};
    if (json) args.push_back("--json");
    const Result listed = Run(dir, args);
    REQUIRE(listed.exit_code == 0);
    CHECK(listed.out.find(key_id) != std::string::npos);
    CHECK(listed.out.find(password) == std::string::npos);
    CHECK(listed.out.find("argon2") == std::string::npos);
    CHECK(listed.out.find(key.password_hash) == std::string::npos);
  }

  SECTION("text output names key and password on clear lines") {
    const Result text =
        Run(dir, {"key", "create", "--store", db, "--gemeente", "0363", "--roles", "2"});
    REQUIRE(text.exit_code == 0);
    CHECK(std::regex_search(text.out, std::regex("Applicatiesleutel: ak_0363_[0-9a-f]{16}\n")));
    CHECK(std::regex_search(text.out,
                            std::regex("Wachtwoord: [^ ]{24,} \\(wordt niet opnieuw getoond\\)")));
  }
}

TEST_CASE("isi-admin: key revoke marks the key revoked; an unknown key fails", "[admin]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);
  const Result created =
      Run(dir, {"key", "create", "--store", db, "--gemeente", "0599", "--roles", "2", "--json"});
  REQUIRE(created.exit_code == 0);
  const std::string key_id = JsonString(created.out, "key");

  Result listed = Run(dir, {"key", "list", "--store", db, "--json"});
  CHECK(listed.out.find("\"revoked_at\": null") != std::string::npos);

  CHECK(Run(dir, {"key", "revoke", "--store", db, "--key", key_id}).exit_code == 0);
  listed = Run(dir, {"key", "list", "--store", db, "--json"});
  CHECK(listed.out.find("\"revoked_at\": null") == std::string::npos);
  ApplicationKey key;
  REQUIRE(OpenStore(db)->FindKey(key_id, &key).ok());
  CHECK(key.revoked_at.has_value());

  CHECK(Run(dir, {"key", "revoke", "--store", db, "--key", key_id}).exit_code == 0);
  const Result unknown = Run(dir, {"key", "revoke", "--store", db, "--key", "ak_0599_nope"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("ak_0599_nope") != std::string::npos);
}

TEST_CASE("isi-admin: bad input gives an isi-admin: message and a non-zero exit", "[admin]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);
  const std::string missing = dir.File("missing.db");
  struct Case {
    std::vector<std::string> args;
    int exit_code;
  };
  const std::vector<Case> cases = {
      {{}, 2},
      {{"frobnicate"}, 2},
      {{"init"}, 2},
      {{"generate", "--store", db, "--seed", "1"}, 2},
      {{"generate", "--store", db, "--persons", "-1", "--seed", "1"}, 2},
      {{"generate", "--store", db, "--persons", "10000001", "--seed", "1"}, 2},
      {{"generate", "--store", db, "--persons", "tien", "--seed", "1"}, 2},
      {{"generate", "--store", db, "--persons", "10", "--seed", "x"}, 2},
      {{"generate", "--store", db, "--persons", "10", "--seed", "-3"}, 2},
      {{"generate", "--store", db, "--persons", "10", "--seed", "1", "--gemeenten", "0014,9999"},
       2},
      {{"generate", "--store", db, "--persons", "10", "--seed", "1", "--today", "2025-13-01"}, 2},
      {{"generate", "--store", db, "--persons", "10", "--seed", "1", "--bogus"}, 2},
      {{"generate", "--store", missing, "--persons", "10", "--seed", "1"}, 1},
      {{"key"}, 2},
      {{"key", "create", "--store", db, "--gemeente", "0034", "--roles", "4"}, 2},
      {{"key", "create", "--store", db, "--gemeente", "34", "--roles", "2"}, 2},
      {{"key", "create", "--store", db, "--gemeente", "9999", "--roles", "2"}, 2},
      {{"key", "create", "--store", db, "--gemeente", "0034"}, 2},
      {{"key", "list", "--store", missing}, 1},
      {{"key", "revoke", "--store", db}, 2},
  };
  for (const auto& c : cases) {
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    INFO("isi-admin " << joined);
    const Result r = Run(dir, c.args);
    CHECK(r.exit_code == c.exit_code);
    CHECK(r.err.rfind("isi-admin: ", 0) == 0);
  }
  CHECK_FALSE(fs::exists(missing));  // failing commands do not create stores
}

TEST_CASE("isi-admin: --help explains every option of every command", "[admin]") {
  TempDir dir;
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> helps = {
      {{"--help"}, {"init", "generate", "key"}},
      {{"init", "--help"}, {"--store"}},
      {{"generate", "--help"},
       {"--store", "--persons", "--seed", "--gemeenten", "--today", "--json"}},
      {{"key", "--help"}, {"create", "list", "revoke"}},
      {{"key", "create", "--help"},
       {"--store", "--gemeente", "--roles", "--acts-for", "--omschrijving", "--json"}},
      {{"key", "list", "--help"}, {"--store", "--json"}},
      {{"key", "revoke", "--help"}, {"--store", "--key"}},
  };
  for (const auto& [args, words] : helps) {
    const Result r = Run(dir, args);
    INFO(args.front() << " " << args.back());
    CHECK(r.exit_code == 0);
    for (const auto& w : words) CHECK(r.out.find(w) != std::string::npos);
  }
}
