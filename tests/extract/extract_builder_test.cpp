// BuildExtracts: publication, the catalogue, keeping two dates, and what a failed or killed build
// leaves behind (nothing under a final name). The contents of the files are checked with
// independent readers by check_extracts.py.
#include "tools/extract/extract_builder.h"

#include <zip.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_env.h"
#include "store/atomic_file.h"
#include "tools/extract/xlsx_writer.h"
#include "tools/generator.h"

using namespace isi;
using namespace isi::extract;
namespace fs = std::filesystem;

namespace {

const Date kDag1{2026, 11, 21};
const Date kDag2{2026, 11, 22};
const Date kDag3{2026, 11, 23};

std::unique_ptr<Store> GeneratedStore(const std::string& path, int64_t persons) {
  StoreOptions options;
  options.create_if_missing = true;
  std::unique_ptr<Store> store;
  REQUIRE(OpenSqliteStore(path, options, &store).ok());
  GeneratorOptions g;
  g.seed = 5;
  g.persons = persons;
  g.gemeenten = {"0034", "0014"};
  g.today = kDag3;
  Generator generator(g);
  std::vector<Dossier> batch;
  std::vector<Signaal> signalen;
  while (generator.NextBatch(100, &batch, &signalen)) {
    REQUIRE(store->InsertPersons(batch, signalen).ok());
  }
  return store;
}

// A Store whose ForEachDossier fails after `fail_after` dossiers, as a crash of the reader or a
// full disk would stop a build halfway; everything else is delegated.
class FailingStore : public Store {
 public:
  FailingStore(Store* real, int fail_after) : real_(real), fail_after_(fail_after) {}

  Status ForEachDossier(const std::string& g,
                        const std::function<Status(const Dossier&)>& fn) override {
    int n = 0;
    return real_->ForEachDossier(g, [&](const Dossier& d) {
      if (n++ == fail_after_) return Status::Unavailable("schijf vol (gesimuleerd)");
      return fn(d);
    });
  }
  Status ForEachSignal(const std::string& g,
                       const std::function<Status(const SignaalRij&)>& fn) override {
    return real_->ForEachSignal(g, fn);
  }
  Status GetDossierByBsn(const std::string& g, const std::string& b, Dossier* o) override {
    return real_->GetDossierByBsn(g, b, o);
  }
  Status GetDossierByANummer(const std::string& g, const std::string& a, Dossier* o) override {
    return real_->GetDossierByANummer(g, a, o);
  }
  Status SelectPersons(const PersoonSelectie& s, const std::string& a, int l,
                       std::vector<PersoonRij>* r, int64_t* t) override {
    return real_->SelectPersons(s, a, l, r, t);
  }
  Status SelectSignals(const SignaalSelectie& s, const std::optional<SignaalPositie>& a, int l,
                       std::vector<SignaalRij>* r, int64_t* t, int64_t* n) override {
    return real_->SelectSignals(s, a, l, r, t, n);
  }
  Status SignalChanges(const std::string& g, int64_t s, int l,
                       std::vector<SignaalRij>* r) override {
    return real_->SignalChanges(g, s, l, r);
  }
  Status ChangeSignalStatus(const std::string& g, int64_t i, int64_t v, SignaalStatus t,
                            const std::string& k, int64_t a, SignaalRij* o) override {
    return real_->ChangeSignalStatus(g, i, v, t, k, a, o);
  }
  Status WhichLaw(const std::string& b, const std::string& g, WetInfo* o) override {
    return real_->WhichLaw(b, g, o);
  }
  Status SaveRegistration(const std::string& g, const std::string& b, int64_t v,
                          const std::function<Status(Dossier*)>& apply, int64_t a,
                          Dossier* after) override {
    return real_->SaveRegistration(g, b, v, apply, a, after);
  }
  Status InsertPersons(const std::vector<Dossier>& p, const std::vector<Signaal>& s) override {
    return real_->InsertPersons(p, s);
  }
  Status CountPersons(int64_t* o) override { return real_->CountPersons(o); }
  Status GemeenteExists(const std::string& g, bool* o) override {
    return real_->GemeenteExists(g, o);
  }
  Status CreateKey(const ApplicationKey& k) override { return real_->CreateKey(k); }
  Status FindKey(const std::string& k, ApplicationKey* o) override { return real_->FindKey(k, o); }
  Status ListKeys(std::vector<ApplicationKey>* o) override { return real_->ListKeys(o); }
  Status RevokeKey(const std::string& k, int64_t a) override { return real_->RevokeKey(k, a); }
  Status GrantActFor(const std::string& k, const std::string& g) override {
    return real_->GrantActFor(k, g);
  }
  Status RevokeActFor(const std::string& k, const std::string& g) override {
    return real_->RevokeActFor(k, g);
  }
  Status RecordAuthFailure(const std::string& k, int64_t a, int m, int w, int l,
                           bool* locked) override {
    return real_->RecordAuthFailure(k, a, m, w, l, locked);
  }
  Status ResetAuthFailures(const std::string& k) override { return real_->ResetAuthFailures(k); }
  Status SetKeyCertificate(const std::string& k, const std::string& s,
                           const std::string& h) override {
    return real_->SetKeyCertificate(k, s, h);
  }

 private:
  Store* real_;
  int fail_after_;
};

BuildOptions Options(const std::string& dir, const Date& datum) {
  BuildOptions o;
  o.dir = dir;
  o.gemeentecode = "0034";
  o.datum = datum;
  o.now = 1'800'000'000;
  return o;
}

std::set<std::string> Listing(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> ZipNames(const std::string& gemeente, const Date& d) {
  std::set<std::string> names;
  for (ExtractKind k : GeneratedKinds()) names.insert(ZipName(k, gemeente, d));
  return names;
}

// The names of the worksheets in an xlsx (from xl/workbook.xml, read with libzip).
std::vector<std::string> SheetNames(const std::string& xlsx) {
  int err = 0;
  zip_t* za = zip_open(xlsx.c_str(), ZIP_RDONLY, &err);
  REQUIRE(za != nullptr);
  zip_stat_t st;
  REQUIRE(zip_stat(za, "xl/workbook.xml", 0, &st) == 0);
  std::string xml(static_cast<size_t>(st.size), '\0');
  zip_file_t* f = zip_fopen(za, "xl/workbook.xml", 0);
  REQUIRE(f != nullptr);
  REQUIRE(zip_fread(f, xml.data(), st.size) == static_cast<zip_int64_t>(st.size));
  zip_fclose(f);
  zip_close(za);
  std::vector<std::string> names;
  for (size_t pos = 0; (pos = xml.find("<sheet name=\"", pos)) != std::string::npos;) {
    pos += 13;
    names.push_back(xml.substr(pos, xml.find('"', pos) - pos));
  }
  return names;
}

}  // namespace

TEST_CASE("BuildExtracts publishes four zips and a catalogue that matches them",
          "[extract][builder]") {
  testing::TempDir tmp;
  auto store = GeneratedStore(tmp.File("isi.db"), 120);
  int64_t last_progress = -1;
  BuildOptions o = Options(tmp.File("out"), kDag3);
  o.progress = [&](int64_t n) { last_progress = n; };
  o.progress_every = 10;
  BuildResult r;
  Status s = BuildExtracts(store.get(), o, &r);
  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(r.personen > 30);
  CHECK(last_progress == r.personen);
  CHECK(r.signalen > 0);
  CHECK(r.vanaf2011 > 0);
  CHECK(r.termijnoverschrijdingen > 0);
  REQUIRE(r.files.size() == 4);

  const std::string dir = tmp.File("out/0034");
  std::set<std::string> expected = ZipNames("0034", kDag3);
  expected.insert({"catalogus.tsv", ".lock"});
  CHECK(Listing(dir) == expected);

  std::vector<ExtractFile> listed;
  REQUIRE(ReadCatalogue(tmp.File("out"), "0034", &listed).ok());
  REQUIRE(listed.size() == 4);
  for (size_t i = 0; i < listed.size(); ++i) {
    CHECK(listed[i].soort == GeneratedKinds()[i]);
    CHECK(listed[i].naam == r.files[i].naam);
    std::string hex;
    int64_t size = 0;
    REQUIRE(Sha256File(dir + "/" + listed[i].naam, &hex, &size).ok());
    CHECK(listed[i].sha256 == hex);
    CHECK(listed[i].grootte == size);
  }
}

TEST_CASE("BuildExtracts: a build that fails midway leaves no file under a final name",
          "[extract][builder]") {
  testing::TempDir tmp;
  auto store = GeneratedStore(tmp.File("isi.db"), 120);
  const std::string dir = tmp.File("out/0034");

  SECTION("on an empty directory: no zips and no catalogue") {
    FailingStore failing(store.get(), 7);
    BuildResult r;
    CHECK(BuildExtracts(&failing, Options(tmp.File("out"), kDag3), &r).code() ==
          Status::Code::kUnavailable);
    CHECK(Listing(dir) == std::set<std::string>{".lock"});
  }
  SECTION("after an earlier build: its files and catalogue stay exactly as they were") {
    BuildResult r;
    REQUIRE(BuildExtracts(store.get(), Options(tmp.File("out"), kDag2), &r).ok());
    const std::set<std::string> before = Listing(dir);
    const std::string catalogue = Slurp(dir + "/catalogus.tsv");
    const std::string isi = Slurp(dir + "/" + r.files[0].naam);

    FailingStore failing(store.get(), 20);
    CHECK(!BuildExtracts(&failing, Options(tmp.File("out"), kDag3), &r).ok());
    CHECK(Listing(dir) == before);
    CHECK(Slurp(dir + "/catalogus.tsv") == catalogue);
    CHECK(Slurp(dir + "/" + ZipName(ExtractKind::kIsi, "0034", kDag2)) == isi);
  }
}

TEST_CASE("BuildExtracts removes what a killed build left behind", "[extract][builder]") {
  testing::TempDir tmp;
  auto store = GeneratedStore(tmp.File("isi.db"), 40);
  const std::string dir = tmp.File("out/0034");
  fs::create_directories(dir + "/.tmp-work-abc123");
  std::ofstream(dir + "/.tmp-work-abc123/isi_0034_2026-11-23.xlsx") << "half";
  std::ofstream(dir + "/.tmp-isi_0034_2026-11-23.zip-XyZ123") << "half";
  BuildResult r;
  REQUIRE(BuildExtracts(store.get(), Options(tmp.File("out"), kDag3), &r).ok());
  for (const std::string& name : Listing(dir)) CHECK(!name.starts_with(".tmp-"));
}

TEST_CASE("BuildExtracts keeps the newest two dates and then removes older files",
          "[extract][builder]") {
  testing::TempDir tmp;
  auto store = GeneratedStore(tmp.File("isi.db"), 40);
  const std::string out = tmp.File("out");
  BuildResult r;
  REQUIRE(BuildExtracts(store.get(), Options(out, kDag1), &r).ok());
  REQUIRE(BuildExtracts(store.get(), Options(out, kDag2), &r).ok());
  CHECK(r.removed.empty());
  REQUIRE(BuildExtracts(store.get(), Options(out, kDag3), &r).ok());
  CHECK(std::set<std::string>(r.removed.begin(), r.removed.end()) == ZipNames("0034", kDag1));

  std::set<std::string> expected = ZipNames("0034", kDag3);
  expected.merge(ZipNames("0034", kDag2));
  expected.insert({"catalogus.tsv", ".lock"});
  CHECK(Listing(out + "/0034") == expected);

  std::vector<ExtractFile> listed;
  REQUIRE(ReadCatalogue(out, "0034", &listed).ok());
  REQUIRE(listed.size() == 8);
  CHECK(listed[0].naam == ZipName(ExtractKind::kIsi, "0034", kDag3));  // newest first per kind
  CHECK(listed[1].naam == ZipName(ExtractKind::kIsi, "0034", kDag2));

  SECTION("rebuilding a date replaces its files and keeps the other date") {
    REQUIRE(BuildExtracts(store.get(), Options(out, kDag3), &r).ok());
    CHECK(r.removed.empty());
    CHECK(Listing(out + "/0034") == expected);
  }
  SECTION("keep_dates = 1 keeps only the newest") {
    BuildOptions o = Options(out, kDag3);
    o.keep_dates = 1;
    REQUIRE(BuildExtracts(store.get(), o, &r).ok());
    CHECK(std::set<std::string>(r.removed.begin(), r.removed.end()) == ZipNames("0034", kDag2));
  }
}

TEST_CASE("BuildExtracts: a second build of the same municipality at once is Unavailable",
          "[extract][builder]") {
  testing::TempDir tmp;
  auto store = GeneratedStore(tmp.File("isi.db"), 10);
  fs::create_directories(tmp.File("out/0034"));
  DirectoryLock running;
  REQUIRE(running.Acquire(tmp.File("out/0034")).ok());
  BuildResult r;
  CHECK(BuildExtracts(store.get(), Options(tmp.File("out"), kDag3), &r).code() ==
        Status::Code::kUnavailable);
}

TEST_CASE("BuildExtracts: a municipality without persons gets valid, header-only files",
          "[extract][builder]") {
  testing::TempDir tmp;
  auto store = GeneratedStore(tmp.File("isi.db"), 10);
  BuildOptions o = Options(tmp.File("out"), kDag3);
  o.gemeentecode = "0080";
  BuildResult r;
  REQUIRE(BuildExtracts(store.get(), o, &r).ok());
  CHECK(r.personen == 0);
  CHECK(r.signalen == 0);
  CHECK(r.files.size() == 4);
}

TEST_CASE("XlsxWorkbook: a full sheet continues on a new sheet with the same header",
          "[extract][builder]") {
  testing::TempDir tmp;
  for (int rows : {7, 6}) {
    CAPTURE(rows);
    const std::string path = tmp.File("t" + std::to_string(rows) + ".xlsx");
    std::unique_ptr<XlsxWorkbook> book;
    REQUIRE(XlsxWorkbook::Create(path, tmp.path(), 0, &book).ok());
    XlsxSheet* sheet = book->AddSheet("Personen", {"BSN", "Datum"}, {11, 12}, 3);
    XlsxSheet* other = book->AddSheet("Examens", {"BSN"}, {11}, 3);
    for (int i = 0; i < rows; ++i) {
      sheet->Text(std::to_string(100000000 + i));
      sheet->DateValue(Date{2026, 1, 1 + i});
      REQUIRE(sheet->EndRow().ok());
    }
    REQUIRE(book->Close().ok());
    CHECK(sheet->rows() == rows);
    std::vector<std::string> expected = {"Personen", "Examens", "Personen (2)"};
    if (rows == 7) expected.push_back("Personen (3)");  // 6 rows fill exactly two sheets
    CHECK(SheetNames(path) == expected);
    (void)other;
  }
}

TEST_CASE("InstallDiplomamodellenboek installs a PDF for everyone and refuses anything else",
          "[extract][builder]") {
  testing::TempDir tmp;
  std::ofstream(tmp.File("boek.pdf"), std::ios::binary) << "%PDF-1.7\nx\n%%EOF\n";
  std::ofstream(tmp.File("boek.html")) << "<html>";
  ExtractFile f;
  CHECK(InstallDiplomamodellenboek(tmp.File("out"), tmp.File("boek.html"), kDag3, &f).code() ==
        Status::Code::kInvalidArgument);
  CHECK(InstallDiplomamodellenboek(tmp.File("out"), tmp.File("missing.pdf"), kDag3, &f).code() ==
        Status::Code::kInvalidArgument);
  REQUIRE(InstallDiplomamodellenboek(tmp.File("out"), tmp.File("boek.pdf"), Date{2007, 12, 7}, &f)
              .ok());
  CHECK(f.grootte == 17);
  for (const char* gemeente : {"0034", "0599"}) {
    std::string path;
    REQUIRE(ResolveExtract(tmp.File("out"), gemeente, "Diplomamodellenboek.pdf", &path).ok());
    CHECK(Slurp(path) == "%PDF-1.7\nx\n%%EOF\n");
  }
}
