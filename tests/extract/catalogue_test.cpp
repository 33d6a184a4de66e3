// The extract catalogue: its file format, and name -> path resolution that serves only what a
// municipality's catalogue lists.
#include "store/extract_catalogue.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/test_env.h"
#include "store/atomic_file.h"

using namespace isi;
using namespace isi::extract;
namespace fs = std::filesystem;

namespace {

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A file with `contents` in `dir`, described as an entry of `kind` dated `datum`.
ExtractFile Make(const std::string& dir, const std::string& name, ExtractKind kind,
                 const Date& datum, const std::string& contents) {
  fs::create_directories(dir);
  WriteText(dir + "/" + name, contents);
  ExtractFile f;
  f.naam = name;
  f.soort = kind;
  f.omschrijving = Omschrijving(kind);
  f.datum = datum;
  REQUIRE(Sha256File(dir + "/" + name, &f.sha256, &f.grootte).ok());
  return f;
}

// DIR with catalogues for 0034 and 0014 and a shared pdf.
struct Layout {
  testing::TempDir tmp;
  std::string dir = tmp.path();
  ExtractFile own;
  ExtractFile other;
  ExtractFile pdf;

  Layout() {
    const Date d{2026, 11, 23};
    own = Make(dir + "/0034", ZipName(ExtractKind::kIsi, "0034", d), ExtractKind::kIsi, d, "een");
    REQUIRE(WriteCatalogue(dir + "/0034", {own}).ok());
    other =
        Make(dir + "/0014", ZipName(ExtractKind::kIsi, "0014", d), ExtractKind::kIsi, d, "twee");
    REQUIRE(WriteCatalogue(dir + "/0014", {other}).ok());
    pdf = Make(dir + "/gedeeld", kDiplomamodellenboekName, ExtractKind::kDiplomamodellenboek,
               Date{2007, 12, 7}, "%PDF-1.4\n");
    REQUIRE(WriteCatalogue(dir + "/gedeeld", {pdf}).ok());
  }
};

}  // namespace

TEST_CASE("Catalogue: kinds, tokens and descriptions follow §3.8's table", "[extract][catalogue]") {
  CHECK(std::string(Token(ExtractKind::kIsiVanaf2011)) == "isi_vanaf2011");
  CHECK(ParseExtractKind("termijnoverschrijdingen") == ExtractKind::kTermijnoverschrijdingen);
  CHECK(!ParseExtractKind("ISI").has_value());
  CHECK(std::string(Omschrijving(ExtractKind::kSignaallijst)) == "Signaallijst in csv formaat");
  CHECK(ZipName(ExtractKind::kIsi, "0034", Date{2026, 11, 23}) == "isi_0034_2026-11-23.zip");
  CHECK(GeneratedKinds().size() == 4);
}

TEST_CASE("Catalogue: written and read back unchanged", "[extract][catalogue]") {
  Layout l;
  std::vector<ExtractFile> files;
  REQUIRE(ReadCatalogueFile(l.dir + "/0034", &files).ok());
  REQUIRE(files.size() == 1);
  CHECK(files[0].naam == l.own.naam);
  CHECK(files[0].soort == ExtractKind::kIsi);
  CHECK(files[0].omschrijving == "ISI extract in excel formaat");
  CHECK(files[0].datum == Date{2026, 11, 23});
  CHECK(files[0].grootte == 3);
  CHECK(files[0].sha256 == l.own.sha256);
}

TEST_CASE("Catalogue: a municipality sees its own files, then the shared ones",
          "[extract][catalogue]") {
  Layout l;
  std::vector<ExtractFile> files;
  REQUIRE(ReadCatalogue(l.dir, "0034", &files).ok());
  REQUIRE(files.size() == 2);
  CHECK(files[0].naam == "isi_0034_2026-11-23.zip");
  CHECK(files[1].naam == "Diplomamodellenboek.pdf");

  SECTION("a municipality without a catalogue sees only the shared files") {
    REQUIRE(ReadCatalogue(l.dir, "0080", &files).ok());
    REQUIRE(files.size() == 1);
    CHECK(files[0].soort == ExtractKind::kDiplomamodellenboek);
  }
  SECTION("a malformed gemeentecode is InvalidArgument") {
    CHECK(ReadCatalogue(l.dir, "../0014", &files).code() == Status::Code::kInvalidArgument);
    CHECK(ReadCatalogue(l.dir, "34", &files).code() == Status::Code::kInvalidArgument);
  }
  SECTION("a missing extract directory is Internal") {
    CHECK(ReadCatalogue(l.dir + "/bestaat-niet", "0034", &files).code() == Status::Code::kInternal);
  }
}

TEST_CASE("Catalogue: a malformed catalogue is Internal, never half read", "[extract][catalogue]") {
  testing::TempDir tmp;
  const std::string dir = tmp.path() + "/0034";
  fs::create_directories(dir);
  const std::string header = "# isi-koppeling extractcatalogus 1\n";
  const std::string hash(64, 'a');
  std::vector<ExtractFile> files;
  for (const std::string& text : {
           std::string("naam\tisi\tx\t2026-11-23\t1\t" + hash + "\n"),  // no header line
           header + "../x.zip\tisi\tx\t2026-11-23\t1\t" + hash + "\n",
           header + "a.zip\tonbekend\tx\t2026-11-23\t1\t" + hash + "\n",
           header + "a.zip\tisi\tx\t2026-13-01\t1\t" + hash + "\n",
           header + "a.zip\tisi\tx\t2026-11-23\t-1\t" + hash + "\n",
           header + "a.zip\tisi\tx\t2026-11-23\t1\tABC\n",
           header + "a.zip\tisi\tx\t2026-11-23\t1\n",
           std::string(""),
       }) {
    CAPTURE(text);
    WriteText(dir + "/" + kCatalogueFileName, text);
    CHECK(ReadCatalogue(tmp.path(), "0034", &files).code() == Status::Code::kInternal);
  }
}

TEST_CASE("ResolveExtract: only names the municipality's catalogue lists", "[extract][catalogue]") {
  Layout l;
  std::string path;
  ExtractFile file;
  REQUIRE(ResolveExtract(l.dir, "0034", l.own.naam, &path, &file).ok());
  CHECK(path == l.dir + "/0034/" + l.own.naam);
  CHECK(file.sha256 == l.own.sha256);
  REQUIRE(ResolveExtract(l.dir, "0014", "Diplomamodellenboek.pdf", &path).ok());
  CHECK(path == l.dir + "/gedeeld/Diplomamodellenboek.pdf");

  const auto refused = [&](const std::string& gemeente, const std::string& name) {
    std::string p = "unchanged";
    Status s = ResolveExtract(l.dir, gemeente, name, &p);
    CHECK(p == "unchanged");
    return s.code();
  };
  SECTION("path traversal and absolute paths") {
    CHECK(refused("0034", "../0014/" + l.other.naam) == Status::Code::kNotFound);
    CHECK(refused("0034", "../x") == Status::Code::kNotFound);
    CHECK(refused("0034", "..") == Status::Code::kNotFound);
    CHECK(refused("0034", "/etc/passwd") == Status::Code::kNotFound);
    CHECK(refused("0034", l.dir + "/0034/" + l.own.naam) == Status::Code::kNotFound);
    CHECK(refused("0034", "") == Status::Code::kNotFound);
    CHECK(refused(std::string("../0014"), l.other.naam) == Status::Code::kInvalidArgument);
  }
  SECTION("another municipality's file, even though it exists on disk") {
    CHECK(refused("0034", l.other.naam) == Status::Code::kNotFound);
  }
  SECTION("files in the directory that the catalogue does not list") {
    WriteText(l.dir + "/0034/onbekend.zip", "x");
    CHECK(refused("0034", "onbekend.zip") == Status::Code::kNotFound);
    CHECK(refused("0034", "catalogus.tsv") == Status::Code::kNotFound);
    CHECK(refused("0034", ".lock") == Status::Code::kNotFound);
  }
  SECTION("a listed file that has disappeared") {
    fs::remove(l.dir + "/0034/" + l.own.naam);
    CHECK(refused("0034", l.own.naam) == Status::Code::kNotFound);
  }
}

TEST_CASE("Catalogue: WriteCatalogue refuses names that are not plain file names",
          "[extract][catalogue]") {
  testing::TempDir tmp;
  ExtractFile f;
  f.sha256 = std::string(64, '0');
  for (const char* bad : {"../x.zip", "a/b.zip", ".verborgen", "", "met spatie.zip"}) {
    f.naam = bad;
    CHECK(WriteCatalogue(tmp.path(), {f}).code() == Status::Code::kInvalidArgument);
  }
  CHECK(!fs::exists(tmp.path() + "/" + kCatalogueFileName));
}

TEST_CASE("Sha256File: the digest and size of a file", "[extract][catalogue]") {
  testing::TempDir tmp;
  WriteText(tmp.File("abc"), "abc");
  std::string hex;
  int64_t size = 0;
  REQUIRE(Sha256File(tmp.File("abc"), &hex, &size).ok());
  CHECK(hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(size == 3);
  CHECK(Sha256File(tmp.File("missing"), &hex, &size).code() == Status::Code::kInternal);
}

TEST_CASE("WriteFileAtomically: replaces the file and leaves no temporary file",
          "[extract][catalogue]") {
  testing::TempDir tmp;
  REQUIRE(WriteFileAtomically(tmp.File("f.txt"), "oud").ok());
  REQUIRE(WriteFileAtomically(tmp.File("f.txt"), "nieuw").ok());
  std::ifstream in(tmp.File("f.txt"));
  std::string text;
  std::getline(in, text);
  CHECK(text == "nieuw");
  int entries = 0;
  for (const auto& e : fs::directory_iterator(tmp.path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);
}

TEST_CASE("StagedFile: removed when not published", "[extract][catalogue]") {
  testing::TempDir tmp;
  std::string temp;
  {
    StagedFile staged;
    REQUIRE(StagedFile::Create(tmp.File("x.zip"), &staged).ok());
    temp = staged.temp_path();
    CHECK(fs::path(temp).filename().string().starts_with(kTempPrefix));
    CHECK(fs::exists(temp));
  }
  CHECK(!fs::exists(temp));
  CHECK(!fs::exists(tmp.File("x.zip")));
}
