// Runs the real isi-admin binary (ISI_ADMIN_PATH) against stores in a temporary directory.
#include <sqlite3.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "store/audit_chain.h"
#include "store/password.h"
#include "store/protocol_log.h"
#include "store/store.h"
#include "tools/admin_support.h"
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
      {{"key", "grant", "--store", db, "--key", "ak_0034_0123456789abcdef"}, 2},
      {{"key", "ungrant", "--store", db, "--gemeente", "0363"}, 2},
      {{"key", "unlock", "--store", db}, 2},
      {{"key", "unlock", "--store", missing, "--key", "ak_0034_0123456789abcdef"}, 1},
      {{"audit"}, 2},
      {{"audit", "verify"}, 2},
      {{"audit", "verify", "--store", missing}, 1},
      {{"audit", "export", "--store", missing, "--bsn", "111222333"}, 1},
      {{"audit", "frobnicate", "--store", db}, 2},
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
      {{"--help"}, {"init", "generate", "key", "audit"}},
      {{"init", "--help"}, {"--store"}},
      {{"generate", "--help"},
       {"--store", "--persons", "--seed", "--gemeenten", "--today", "--json"}},
      {{"key", "--help"}, {"create", "list", "revoke", "grant", "ungrant", "unlock"}},
      {{"key", "create", "--help"},
       {"--store", "--gemeente", "--roles", "--acts-for", "--omschrijving", "--json"}},
      {{"key", "list", "--help"}, {"--store", "--json"}},
      {{"key", "revoke", "--help"}, {"--store", "--key"}},
      {{"key", "grant", "--help"}, {"--store", "--key", "--gemeente"}},
      {{"key", "ungrant", "--help"}, {"--store", "--key", "--gemeente"}},
      {{"key", "unlock", "--help"}, {"--store", "--key"}},
      {{"audit", "--help"}, {"verify", "export"}},
      {{"audit", "verify", "--help"}, {"--store", "--json", "first_bad_id"}},
      {{"audit", "export", "--help"},
       {"--store", "--bsn", "--van", "--tot", "exclusief", "--format", "csv", "json", "UTC"}},
  };
  for (const auto& [args, words] : helps) {
    const Result r = Run(dir, args);
    INFO(args.front() << " " << args.back());
    CHECK(r.exit_code == 0);
    for (const auto& w : words) CHECK(r.out.find(w) != std::string::npos);
  }
}

namespace {

// Creates a key of `gemeente` with roles 2,3 via isi-admin and returns its id.
std::string CreateKey(const TempDir& dir, const std::string& db, const std::string& gemeente) {
  const Result created = Run(
      dir, {"key", "create", "--store", db, "--gemeente", gemeente, "--roles", "2,3", "--json"});
  INFO(created.err);
  REQUIRE(created.exit_code == 0);
  return JsonString(created.out, "key");
}

// The JSON object of `key_id` in the output of key list --json.
std::string KeyJson(const std::string& list_json, const std::string& key_id) {
  std::smatch m;
  if (!std::regex_search(list_json, m, std::regex("\\{\"key\": \"" + key_id + "\"[^}]*\\}")))
    return "";
  return m[0];
}

// Runs SQL on the store file with a plain sqlite3 connection, bypassing the Store.
void ExecSql(const std::string& db, const std::string& sql) {
  sqlite3* conn = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &conn) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(conn, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(conn);
  INFO(message);
  REQUIRE(rc == SQLITE_OK);
}

// Appends an audit record through the Store and returns it as stored (id and hashes set).
// The protocol file of the store at `db`, which isi-admin init has created.
std::unique_ptr<ProtocolLog> OpenLog(const std::string& db) {
  std::unique_ptr<ProtocolLog> log;
  const Status s = OpenProtocolLog(db, ProtocolLogOptions{}, &log);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return log;
}

AuditRecord Append(ProtocolLog* log, int64_t at, const std::string& bsn,
                   const std::string& key_id = "ak_0034_0123456789abcdef",
                   const std::string& outcome = "Geleverd") {
  AuditRecord r;
  r.at = at;
  r.key_id = key_id;
  r.gemeentecode = "0034";
  r.operation = "RaadplegenPersoon";
  r.bsn = bsn;
  r.outcome = outcome;
  const Status s = log->Append(&r);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return r;
}

int64_t Utc(const std::string& iso_date, int hours, int minutes, int seconds) {
  return Date::Parse(iso_date)->ToDays() * 86'400 + hours * 3600 + minutes * 60 + seconds;
}

// The data lines (header dropped) of a CSV export.
std::vector<std::string> CsvLines(const std::string& csv) {
  std::vector<std::string> lines;
  std::istringstream in(csv);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("isi-admin: key grant and ungrant let a key act for another municipality and back",
          "[admin][uitbesteding]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);
  const std::string key_id = CreateKey(dir, db, "0034");
  auto acts_for = [&] {
    ApplicationKey key;
    REQUIRE(OpenStore(db)->FindKey(key_id, &key).ok());
    return key.acts_for;
  };

  Result r = Run(dir, {"key", "grant", "--store", db, "--key", key_id, "--gemeente", "0363"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("mag nu ook optreden namens 0363 (Amsterdam)") != std::string::npos);
  CHECK(r.out.find("Namens: 0363\n") != std::string::npos);
  CHECK(acts_for() == std::vector<std::string>{"0363"});

  r = Run(dir, {"key", "grant", "--store", db, "--key", key_id, "--gemeente", "0014"});
  REQUIRE(r.exit_code == 0);
  CHECK(acts_for() == std::vector<std::string>{"0014", "0363"});
  r = Run(dir, {"key", "list", "--store", db, "--json"});
  CHECK(KeyJson(r.out, key_id).find("\"acts_for\": [\"0014\", \"0363\"]") != std::string::npos);
  r = Run(dir, {"key", "list", "--store", db});
  CHECK(r.out.find("namens 0014,0363") != std::string::npos);

  SECTION("granting twice is fine and says so") {
    r = Run(dir, {"key", "grant", "--store", db, "--key", key_id, "--gemeente", "0363"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("mocht al optreden namens 0363") != std::string::npos);
    CHECK(acts_for() == std::vector<std::string>{"0014", "0363"});
  }
  SECTION("ungrant takes one municipality back; again changes nothing") {
    r = Run(dir, {"key", "ungrant", "--store", db, "--key", key_id, "--gemeente", "0363"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("mag niet meer optreden namens 0363") != std::string::npos);
    CHECK(acts_for() == std::vector<std::string>{"0014"});
    r = Run(dir, {"key", "ungrant", "--store", db, "--key", key_id, "--gemeente", "0363"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("niets gewijzigd") != std::string::npos);
    CHECK(acts_for() == std::vector<std::string>{"0014"});
    r = Run(dir, {"key", "list", "--store", db, "--json"});
    CHECK(KeyJson(r.out, key_id).find("\"acts_for\": [\"0014\"]") != std::string::npos);
  }
  SECTION("the key's own municipality needs no uitbesteding") {
    r = Run(dir, {"key", "grant", "--store", db, "--key", key_id, "--gemeente", "0034"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("geen uitbesteding nodig") != std::string::npos);
    CHECK(acts_for() == std::vector<std::string>{"0014", "0363"});
  }
  SECTION("unknown key, unknown or malformed municipality") {
    r = Run(dir, {"key", "grant", "--store", db, "--key", "ak_0034_nope", "--gemeente", "0363"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("ak_0034_nope") != std::string::npos);
    r = Run(dir, {"key", "ungrant", "--store", db, "--key", "ak_0034_nope", "--gemeente", "0363"});
    CHECK(r.exit_code == 1);
    r = Run(dir, {"key", "grant", "--store", db, "--key", key_id, "--gemeente", "9999"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("onbekende gemeente '9999'") != std::string::npos);
    r = Run(dir, {"key", "grant", "--store", db, "--key", key_id, "--gemeente", "363"});
    CHECK(r.exit_code == 2);
    CHECK(acts_for() == std::vector<std::string>{"0014", "0363"});
  }
}

TEST_CASE("isi-admin: key list shows failed logins and a lock in force; key unlock clears both",
          "[admin][brute-force]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);
  const std::string locked_id = CreateKey(dir, db, "0034");
  const std::string expired_id = CreateKey(dir, db, "0363");
  const std::string fresh_id = CreateKey(dir, db, "0599");
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  {
    auto store = OpenStore(db);
    bool locked = false;
    for (int i = 0; i < 3; ++i) {
      const Status s = store->RecordAuthFailure(locked_id, now, 3, 3600, 900, &locked);
      INFO(s.ToString());
      REQUIRE(s.ok());
    }
    CHECK(locked);
    // A lock that ran out an hour ago is not shown as a lock.
    for (int i = 0; i < 3; ++i)
      REQUIRE(store->RecordAuthFailure(expired_id, now - 7200, 3, 3600, 900, &locked).ok());
    REQUIRE(store->RecordAuthFailure(fresh_id, now, 3, 3600, 900, &locked).ok());
    CHECK_FALSE(locked);
  }
  const std::string until = admin::FormatUtc(now + 900);

  Result r = Run(dir, {"key", "list", "--store", db, "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(
      KeyJson(r.out, locked_id).find("\"failed_count\": 3, \"locked_until\": \"" + until + "\"") !=
      std::string::npos);
  CHECK(KeyJson(r.out, expired_id).find("\"locked_until\": null") != std::string::npos);
  CHECK(KeyJson(r.out, fresh_id).find("\"failed_count\": 1, \"locked_until\": null") !=
        std::string::npos);
  r = Run(dir, {"key", "list", "--store", db});
  REQUIRE(r.exit_code == 0);
  CHECK(std::regex_search(
      r.out, std::regex(locked_id + ".*mislukte aanmeldingen 3  geblokkeerd tot " + until)));
  CHECK(std::regex_search(r.out, std::regex(fresh_id + ".*mislukte aanmeldingen 1\n")));
  CHECK_FALSE(std::regex_search(r.out, std::regex(expired_id + ".*geblokkeerd")));

  r = Run(dir, {"key", "unlock", "--store", db, "--key", locked_id});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("ontgrendeld (was geblokkeerd tot " + until + ")") != std::string::npos);
  CHECK(r.out.find("van 3 naar 0") != std::string::npos);
  ApplicationKey key;
  REQUIRE(OpenStore(db)->FindKey(locked_id, &key).ok());
  CHECK(key.failed_count == 0);
  CHECK((!key.locked_until || *key.locked_until <= now));
  r = Run(dir, {"key", "list", "--store", db, "--json"});
  CHECK(KeyJson(r.out, locked_id).find("\"failed_count\": 0, \"locked_until\": null") !=
        std::string::npos);

  r = Run(dir, {"key", "unlock", "--store", db, "--key", fresh_id});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("was niet geblokkeerd") != std::string::npos);
  r = Run(dir, {"key", "unlock", "--store", db, "--key", "ak_0034_nope"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("ak_0034_nope") != std::string::npos);
}

TEST_CASE("isi-admin: audit needs the protocol file, which init creates beside the store",
          "[admin][audit]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  {
    std::unique_ptr<Store> store;  // a store made without isi-admin: no protocol file yet
    StoreOptions options;
    options.create_if_missing = true;
    REQUIRE(OpenSqliteStore(db, options, &store).ok());
  }
  Result r = Run(dir, {"audit", "verify", "--store", db});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("protocolbestand '" + ProtocolLogPath(db) + "' bestaat niet") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(ProtocolLogPath(db)));  // not made behind one's back
  REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);
  CHECK(std::filesystem::exists(ProtocolLogPath(db)));
  r = Run(dir, {"audit", "verify", "--store", db});
  CHECK(r.exit_code == 0);
}

TEST_CASE("isi-admin: audit verify reports an intact chain, and the first altered record",
          "[admin][audit]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);

  Result r = Run(dir, {"audit", "verify", "--store", db});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("OK: 0 protocolrecords gecontroleerd") != std::string::npos);

  std::vector<AuditRecord> records;
  {
    auto log = OpenLog(db);
    for (int i = 0; i < 5; ++i)
      records.push_back(Append(log.get(), Utc("2025-03-01", 9, i, 0), "111222333"));
  }
  r = Run(dir, {"audit", "verify", "--store", db});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "OK: 5 protocolrecords gecontroleerd, de hashketen is intact\n");
  CHECK(r.err.empty());
  r = Run(dir, {"audit", "verify", "--store", db, "--json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "{\"records_checked\": 5, \"intact\": true, \"first_bad_id\": null}\n");

  // Someone with write access to the file changes what record 3 says. The table refuses
  // UPDATE through its trigger, so the intruder drops it first.
  const std::string bad = std::to_string(records[2].id);
  ExecSql(ProtocolLogPath(db),
          "DROP TRIGGER protocol_no_update; "
          "UPDATE protocol SET outcome = 'NietGevonden' WHERE id = " +
              bad + ";");
  r = Run(dir, {"audit", "verify", "--store", db});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("VERBROKEN: protocolrecord " + bad + " ") != std::string::npos);
  CHECK(r.err == "isi-admin: de hashketen van het protocol is verbroken bij record " + bad + "\n");
  r = Run(dir, {"audit", "verify", "--store", db, "--json"});
  CHECK(r.exit_code == 1);
  CHECK(r.out == "{\"records_checked\": 3, \"intact\": false, \"first_bad_id\": " + bad + "}\n");

  SECTION("a record rewritten with a matching hash breaks the chain at its successor") {
    AuditRecord altered = records[2];
    altered.outcome = "NietGevonden";
    ExecSql(ProtocolLogPath(db), "UPDATE protocol SET hash = '" + AuditRecordHash(altered) + "' WHERE id = " + bad +
                    ";");
    r = Run(dir, {"audit", "verify", "--store", db, "--json"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "{\"records_checked\": 4, \"intact\": false, \"first_bad_id\": " +
                       std::to_string(records[3].id) + "}\n");
  }
}

TEST_CASE("isi-admin: audit export gives one BSN's records or one period's, as CSV or JSON",
          "[admin][audit]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);
  const std::string a = "111222333";
  const std::string b = "123456782";
  std::vector<AuditRecord> rec;
  {
    auto log = OpenLog(db);
    rec.push_back(Append(log.get(), Utc("2025-02-28", 23, 59, 59), a));  // before March
    rec.push_back(Append(log.get(), Utc("2025-03-01", 0, 0, 0), a));     // first second
    rec.push_back(Append(log.get(), Utc("2025-03-15", 12, 0, 0), b, "ak_0034_0123456789abcdef",
                         "NietGevonden"));
    // A failed login with a key id chosen by the caller.
    rec.push_back(Append(log.get(), Utc("2025-03-20", 8, 0, 0), "", "=cmd|' /C calc'!A0;x",
                         "NietGeauthenticeerd"));
    rec.push_back(Append(log.get(), Utc("2025-03-31", 23, 59, 59), a));  // last second
    rec.push_back(Append(log.get(), Utc("2025-04-01", 0, 0, 0), a));     // --tot: excluded
  }
  const std::string header = "id;at;key_id;gemeentecode;operation;bsn;outcome;prev_hash;hash\n";

  SECTION("by BSN, CSV: all of that person's records, oldest first, every field") {
    const Result r = Run(dir, {"audit", "export", "--store", db, "--bsn", a});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.rfind(header, 0) == 0);
    const auto lines = CsvLines(r.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == std::to_string(rec[0].id) +
                          ";2025-02-28T23:59:59Z;ak_0034_0123456789abcdef;0034;RaadplegenPersoon;" +
                          a + ";Geleverd;" + rec[0].prev_hash + ";" + rec[0].hash);
    CHECK(lines[1].rfind(std::to_string(rec[1].id) + ";2025-03-01T00:00:00Z;", 0) == 0);
    CHECK(lines[2].rfind(std::to_string(rec[4].id) + ";2025-03-31T23:59:59Z;", 0) == 0);
    CHECK(lines[3].rfind(std::to_string(rec[5].id) + ";2025-04-01T00:00:00Z;", 0) == 0);
    CHECK(r.out.find(b) == std::string::npos);
  }
  SECTION("by BSN, JSON") {
    const Result r = Run(dir, {"audit", "export", "--store", db, "--bsn", b, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "{\"bsn\": \"" + b + "\", \"count\": 1, \"records\": [" +
                       admin::AuditJson(rec[2]) + "]}\n");
  }
  SECTION("a valid BSN without records gives just the header") {
    const Result r = Run(dir, {"audit", "export", "--store", db, "--bsn", "999999990"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == header);
  }
  SECTION("by period: --van inclusive, --tot exclusive, in id order") {
    const Result r =
        Run(dir, {"audit", "export", "--store", db, "--van", "2025-03-01", "--tot", "2025-04-01"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto lines = CsvLines(r.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].rfind(std::to_string(rec[1].id) + ";2025-03-01T00:00:00Z;", 0) == 0);
    CHECK(lines[1].rfind(std::to_string(rec[2].id) + ";2025-03-15T12:00:00Z;", 0) == 0);
    // The caller's key id cannot smuggle a formula or a column into the spreadsheet.
    CHECK(lines[2] == std::to_string(rec[3].id) +
                          ";2025-03-20T08:00:00Z;\"'=cmd|' /C calc'!A0;x\";0034;"
                          "RaadplegenPersoon;;NietGeauthenticeerd;" +
                          rec[3].prev_hash + ";" + rec[3].hash);
    CHECK(lines[3].rfind(std::to_string(rec[4].id) + ";2025-03-31T23:59:59Z;", 0) == 0);
  }
  SECTION("by period, JSON") {
    const Result r = Run(dir, {"audit", "export", "--store", db, "--van", "2025-03-15", "--tot",
                               "2025-03-16", "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out ==
          "{\"van\": \"2025-03-15\", \"tot\": \"2025-03-16\", \"count\": 1, \"records\": [" +
              admin::AuditJson(rec[2]) + "]}\n");
  }
  SECTION("exactly one of --bsn or a whole period, a valid BSN, real dates") {
    const std::vector<std::vector<std::string>> bad = {
        {},
        {"--bsn", a, "--van", "2025-03-01", "--tot", "2025-04-01"},
        {"--van", "2025-03-01"},
        {"--tot", "2025-04-01"},
        {"--bsn", "111222334"},
        {"--bsn", "11122233"},
        {"--van", "2025-03-32", "--tot", "2025-04-01"},
        {"--van", "2025-04-01", "--tot", "2025-04-01"},
        {"--van", "2025-04-01", "--tot", "2025-03-01"},
        {"--bsn", a, "--format", "xlsx"},
    };
    for (const auto& extra : bad) {
      std::vector<std::string> args = {"audit", "export", "--store", db};
      args.insert(args.end(), extra.begin(), extra.end());
      std::string joined;
      for (const auto& x : extra) joined += x + " ";
      INFO(joined);
      const Result r = Run(dir, args);
      CHECK(r.exit_code == 2);
      CHECK(r.err.rfind("isi-admin: ", 0) == 0);
      CHECK(r.out.empty());
    }
  }
}

TEST_CASE("isi-admin: a key is bound to a client certificate on create and with set-certificate; "
          "key list shows it; clear-certificate removes it",
          "[admin][mtls]") {
  TempDir dir;
  const std::string db = dir.File("isi.db");
  REQUIRE(Run(dir, {"init", "--store", db}).exit_code == 0);
  const std::string almere = "CN=cvs.almere.nl,O=Gemeente Almere,C=NL";

  // Typed in another notation, stored and shown in the canonical RFC 4514 form.
  const Result created =
      Run(dir, {"key", "create", "--store", db, "--gemeente", "0034", "--roles", "2",
                "--certificaat-subject", "cn=cvs.almere.nl, o=Gemeente Almere, c=NL", "--json"});
  INFO(created.err);
  REQUIRE(created.exit_code == 0);
  const std::string key_id = JsonString(created.out, "key");
  CHECK(JsonString(created.out, "certificaat_subject") == almere);
  CHECK(created.out.find("\"certificaat_sha256\": null") != std::string::npos);

  Result listed = Run(dir, {"key", "list", "--store", db});
  REQUIRE(listed.exit_code == 0);
  CHECK(listed.out.find("certificaat " + almere) != std::string::npos);
  listed = Run(dir, {"key", "list", "--store", db, "--json"});
  REQUIRE(listed.exit_code == 0);
  CHECK(JsonString(KeyJson(listed.out, key_id), "certificaat_subject") == almere);

  SECTION("text output of create names the certificate") {
    const Result text =
        Run(dir, {"key", "create", "--store", db, "--gemeente", "0034", "--roles", "2",
                  "--certificaat-subject", "/C=NL/O=Gemeente Almere/CN=cvs.almere.nl"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("Certificaat: " + almere + "\n") != std::string::npos);
  }
  SECTION("set-certificate takes the subject from the certificate file, and pins it") {
    const std::string pem = dir.File("client.pem");
    const std::string cmd =
        "/usr/bin/openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
        "-subj '/C=NL/O=Gemeente Almere/CN=cvs-nieuw.almere.nl' -keyout " +
        ShellQuote(dir.File("client.key")) + " -out " + ShellQuote(pem) + " 2>/dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const std::string fingerprint_cmd = "/usr/bin/openssl x509 -in " + ShellQuote(pem) +
                                        " -noout -fingerprint -sha256 > " +
                                        ShellQuote(dir.File("fp.txt"));
    REQUIRE(std::system(fingerprint_cmd.c_str()) == 0);
    std::string fingerprint = Slurp(dir.File("fp.txt"));
    while (!fingerprint.empty() && fingerprint.back() == '\n') fingerprint.pop_back();

    const Result set = Run(dir, {"key", "set-certificate", "--store", db, "--key", key_id,
                                 "--certificaat", pem, "--certificaat-sha256", fingerprint});
    INFO(set.err);
    REQUIRE(set.exit_code == 0);
    const std::string nieuw = "CN=cvs-nieuw.almere.nl,O=Gemeente Almere,C=NL";
    CHECK(set.out.find("Certificaat: " + nieuw) != std::string::npos);
    CHECK(set.out.find("Was: " + almere) != std::string::npos);
    // The fingerprint as 64 lowercase hex digits.
    std::string hex;
    for (char c : fingerprint.substr(fingerprint.find('=') + 1))
      if (c != ':') hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    REQUIRE(hex.size() == 64);
    listed = Run(dir, {"key", "list", "--store", db, "--json"});
    const std::string json = KeyJson(listed.out, key_id);
    CHECK(JsonString(json, "certificaat_subject") == nieuw);
    CHECK(JsonString(json, "certificaat_sha256") == hex);
    listed = Run(dir, {"key", "list", "--store", db});
    CHECK(listed.out.find("sha256 " + hex) != std::string::npos);

    const Result cleared = Run(dir, {"key", "clear-certificate", "--store", db, "--key", key_id});
    REQUIRE(cleared.exit_code == 0);
    CHECK(cleared.out.find("niet meer aan een clientcertificaat gebonden") != std::string::npos);
    listed = Run(dir, {"key", "list", "--store", db, "--json"});
    CHECK(KeyJson(listed.out, key_id).find("\"certificaat_subject\": null") != std::string::npos);
    CHECK(Run(dir, {"key", "list", "--store", db}).out.find("certificaat ") == std::string::npos);
    // Clearing again changes nothing and says so.
    const Result again = Run(dir, {"key", "clear-certificate", "--store", db, "--key", key_id});
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("niets gewijzigd") != std::string::npos);
  }
  SECTION("a subject that cannot match is a usage error, and nothing is stored") {
    Result r = Run(dir, {"key", "set-certificate", "--store", db, "--key", key_id,
                         "--certificaat-subject", "C = NL, O = Gemeente Almere, CN = x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("isi-admin: --certificaat-subject:") != std::string::npos);
    CHECK(r.err.find("-nameopt RFC2253") != std::string::npos);
    r = Run(dir, {"key", "set-certificate", "--store", db, "--key", key_id});
    CHECK(r.exit_code == 2);
    r = Run(dir, {"key", "create", "--store", db, "--gemeente", "0034", "--roles", "2",
                  "--certificaat-sha256", std::string(64, 'a')});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--certificaat-sha256") != std::string::npos);
    r = Run(dir, {"key", "set-certificate", "--store", db, "--key", "ak_0034_onbekend",
                  "--certificaat-subject", almere});
    CHECK(r.exit_code == 1);
    listed = Run(dir, {"key", "list", "--store", db, "--json"});
    CHECK(JsonString(KeyJson(listed.out, key_id), "certificaat_subject") == almere);
    CHECK(listed.out.find("ak_0034_onbekend") == std::string::npos);
  }
  SECTION("--help explains the certificate options") {
    for (const char* sub : {"create", "set-certificate"}) {
      const Result help = Run(dir, {"key", sub, "--help"});
      CHECK(help.exit_code == 0);
      for (const char* option :
           {"--certificaat-subject", "--certificaat ", "--certificaat-sha256", "RFC2253"})
        CHECK(help.out.find(option) != std::string::npos);
    }
    CHECK(Run(dir, {"key", "set-certificate", "--help"}).out.find("--client-ca") !=
          std::string::npos);
    CHECK(Run(dir, {"key", "--help"}).out.find("set-certificate") != std::string::npos);
    CHECK(Run(dir, {"key", "--help"}).out.find("clear-certificate") != std::string::npos);
  }
}
