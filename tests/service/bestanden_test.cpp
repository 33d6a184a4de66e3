// Integration tests of the extract files over the service (issue 4): the real isi-admin builds
// the extracts of a synthetic store, the real isi-server serves them, and the generated client
// (and raw requests) list and download them, as MTOM attachments and as inline base64.
#include <catch2/catch.hpp>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "service/client.h"
#include "store/audit_chain.h"
#include "store/store.h"
#include "tests/support/server_world.h"
#include "tools/generator.h"

using namespace isi;
using namespace isi::testing;

namespace {

const char kPassword[] = "bestanden-test-password";
const char kK3[] = "ak_0034_bestanden", kK2[] = "ak_0034_alleen_rol2";

struct World : ServerWorld {
  std::string extracts = dir.File("extracts");

  World() {
    auto store = CreateStore();
    GeneratorOptions g;
    g.seed = 4;
    g.persons = 600;
    g.gemeenten = {"0034", "0014"};
    g.today = Date{2026, 11, 1};
    Generator gen(g);
    std::vector<Dossier> batch;
    std::vector<Signaal> sigs;
    while (gen.NextBatch(500, &batch, &sigs)) Require(store->InsertPersons(batch, sigs));
    AddKey(*store, kK3, "0034", {3}, kPassword);
    AddKey(*store, kK2, "0034", {2}, kPassword);
    store.reset();
    std::string out;
    for (const char* g2 : {"0034", "0014"})
      if (RunCommand({ISI_ADMIN_PATH, "extract", "build", "--store", store_path, "--dir", extracts,
                      "--gemeente", g2, "--datum", "2026-11-23"}, &out) != 0)
        throw std::runtime_error("extract build: " + out);
    std::ofstream(dir.File("boek.pdf")) << "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    if (RunCommand({ISI_ADMIN_PATH, "extract", "install-pdf", "--dir", extracts, "--file", dir.File("boek.pdf")}, &out) != 0)
      throw std::runtime_error("install-pdf: " + out);
    Start({"--extracts", extracts});
  }
  ClientOptions Options(const std::string& key = kK3) const { return ServerWorld::Options(key, kPassword); }
};

World& W() {
  static World world;
  return world;
}

struct Listed {
  std::string naam, soort, sha256;
  int64_t grootte;
};

std::vector<Listed> List(IsiClient& client, const std::string& gemeente = "0034") {
  _isi__OpvragenBestandenlijst req;
  req.Gemeentecode = gemeente;
  ClientFault fault;
  auto* r = client.OpvragenBestandenlijst(req, &fault);
  INFO(fault.code << ": " << fault.melding);
  REQUIRE(r != nullptr);
  std::vector<Listed> out;
  for (auto* b : r->Bestand)
    out.push_back({b->Naam, soap_isi__Bestandssoort2s(client.soap(), b->Soort), b->Sha256, b->Grootte});
  return out;
}

}  // namespace

TEST_CASE("OpvragenBestandenlijst: the municipality's four extracts and the shared PDF", "[integration][bestanden]") {
  IsiClient client(W().Options());
  auto files = List(client);
  REQUIRE(files.size() == 5);
  std::vector<std::string> soorten;
  for (const auto& f : files) {
    soorten.push_back(f.soort);
    if (f.soort != "diplomamodellenboek") {
      CHECK(f.naam.find("_0034_2026-11-23.zip") != std::string::npos);
      std::string bytes = ReadFile(W().extracts + "/0034/" + f.naam);
      CHECK(static_cast<int64_t>(bytes.size()) == f.grootte);
      CHECK(Sha256Hex(bytes) == f.sha256);
    }
  }
  CHECK(soorten == std::vector<std::string>{"isi", "signaallijst", "isi_vanaf2011",
                                            "termijnoverschrijdingen", "diplomamodellenboek"});
}

TEST_CASE("OphalenBestand: MTOM and inline downloads give the listed bytes", "[integration][bestanden]") {
  IsiClient client(W().Options());
  for (const auto& f : List(client)) {
    for (bool inline_base64 : {false, true}) {
      INFO(f.naam << (inline_base64 ? " inline" : " mtom"));
      _isi__OphalenBestand req;
      req.Gemeentecode = "0034";
      req.Naam = f.naam;
      bool flag = inline_base64;
      req.Inline = &flag;
      ClientFault fault;
      auto* r = client.OphalenBestand(req, &fault);
      INFO(fault.code << ": " << fault.melding);
      REQUIRE(r != nullptr);
      std::string bytes(reinterpret_cast<const char*>(r->Inhoud.__ptr), static_cast<size_t>(r->Inhoud.__size));
      CHECK(static_cast<int64_t>(bytes.size()) == f.grootte);
      CHECK(Sha256Hex(bytes) == f.sha256);
      CHECK(r->Bestand->Sha256 == f.sha256);
    }
  }
}

TEST_CASE("OphalenBestand: on the wire, MTOM by default and plain base64 with Inline", "[integration][bestanden]") {
  IsiClient client(W().Options());
  const std::string naam = List(client).front().naam;
  auto body = [&](const char* inline_flag) {
    return "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
           "xmlns:isi=\"urn:nl:isi-koppeling:berichten_v1\"><s:Body><isi:OphalenBestand>"
           "<isi:Gemeentecode>0034</isi:Gemeentecode><isi:Naam>" + naam + "</isi:Naam>" +
           std::string(inline_flag) + "</isi:OphalenBestand></s:Body></s:Envelope>";
  };
  int status = 0;
  std::string mtom = RawHttps(W().server->port(), W().ca_file,
                              SoapPost(body(""), kK3, kPassword, "urn:nl:isi-koppeling:berichten_v1#OphalenBestand"), &status);
  CHECK(status == 200);
  CHECK(mtom.find("multipart/related") != std::string::npos);
  CHECK(mtom.find("application/xop+xml") != std::string::npos);
  CHECK(mtom.find("xop:Include") != std::string::npos);
  std::string b64 = RawHttps(W().server->port(), W().ca_file,
                             SoapPost(body("<isi:Inline>true</isi:Inline>"), kK3, kPassword,
                                      "urn:nl:isi-koppeling:berichten_v1#OphalenBestand"), &status);
  CHECK(status == 200);
  CHECK(b64.find("multipart/related") == std::string::npos);
  CHECK(b64.find("<isi:Inhoud>UEsD") != std::string::npos);  // base64 of a zip's "PK\3\4"
}

TEST_CASE("OphalenBestand: only the acting municipality's listed files, never a path", "[integration][bestanden]") {
  IsiClient client(W().Options());
  ClientFault fault;
  _isi__OphalenBestand req;
  req.Gemeentecode = "0034";
  SECTION("a file of another municipality is not found") {
    req.Naam = "isi_0014_2026-11-23.zip";
    CHECK(client.OphalenBestand(req, &fault) == nullptr);
    CHECK(fault.code == "NietGevonden");
  }
  SECTION("a path is refused before anything is opened") {
    for (const char* naam : {"../0014/isi_0014_2026-11-23.zip", "/etc/passwd", "..", "catalogus.tsv"}) {
      INFO(naam);
      req.Naam = naam;
      CHECK(client.OphalenBestand(req, &fault) == nullptr);
      CHECK((fault.code == "OngeldigVerzoek" || fault.code == "NietGevonden"));
    }
  }
  SECTION("role 2 may not download") {
    IsiClient rol2(W().Options(kK2));
    req.Naam = List(client).front().naam;
    CHECK(rol2.OphalenBestand(req, &fault) == nullptr);
    CHECK(fault.code == "NietGeautoriseerd");
  }
}

TEST_CASE("isi-client: OphalenBestand writes the file and checks its SHA-256", "[integration][bestanden][client]") {
  IsiClient client(W().Options());
  const Listed f = List(client).front();
  for (bool inline_base64 : {false, true}) {
    std::vector<std::string> argv = {ISI_CLIENT_PATH, "--endpoint", W().server->endpoint(), "--cafile", W().ca_file,
                                     "--key", kK3, "--password", kPassword, "OphalenBestand", "--gemeente", "0034",
                                     "--naam", f.naam, "--uit", W().dir.File("download.zip")};
    if (inline_base64) argv.push_back("--inline");
    std::string out;
    CHECK(RunCommand(argv, &out) == 0);
    CHECK(out.find(f.sha256) != std::string::npos);
    CHECK(Sha256Hex(ReadFile(W().dir.File("download.zip"))) == f.sha256);
  }
}
