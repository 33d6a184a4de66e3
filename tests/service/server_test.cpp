// Integration tests: the real isi-server on a loopback port over real TLS, called with the
// client generated from the WSDL (service/client.h) and with hand-made raw requests.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <string>

#include "service/client.h"
#include "store/store.h"
#include "tests/support/fixtures.h"
#include "tests/support/server_world.h"

using namespace isi;
using namespace isi::testing;

namespace {

const char kBsn0034[] = "111222333";      // person of Almere (0034), the README example
const char kANummer0034[] = "4020209358";
const char kBsnGeheim[] = "200000007";    // Almere, secret address
const char kANummerGeheim[] = "4020209343";
const char kBsn0014[] = "123456782";      // person of Groningen (0014)
const char kANummer0014[] = "4020208962";
const char kUnknownBsn[] = "200000019";   // valid, but nobody has it
const char kKey[] = "ak_0034_test";
const char kPassword[] = "correct-horse-battery-0034";
const char kRevokedKey[] = "ak_0034_revoked";
const char kSoapAction[] = "urn:nl:isi-koppeling:berichten_v1#RaadplegenPersoon";

// One store, one set of certificates and one running server for the whole test binary.
struct World : ServerWorld {
  World() {
    auto store = CreateStore();
    std::vector<Signaal> signalen;
    auto signaal = [&](const char* code, SignaalStatus status) {
      Signaal s;
      s.code = code;
      s.status = status;
      s.datum = {2013, 8, 26};
      s.bsn = kBsn0034;
      s.gemeentecode = "0034";
      signalen.push_back(s);
    };
    signaal("SS001", SignaalStatus::kNieuw);
    signaal("SS016", SignaalStatus::kNieuw);
    signaal("SS064", SignaalStatus::kInBehandeling);
    signaal("SS052", SignaalStatus::kAfgehandeld);
    Require(store->InsertPersons({RichDossier(kBsn0034, kANummer0034, "0034"),
                                  RichDossier(kBsnGeheim, kANummerGeheim, "0034", /*geheim=*/true),
                                  RichDossier(kBsn0014, kANummer0014, "0014")},
                                 signalen));
    AddKey(*store, kKey, "0034", {2}, kPassword);
    AddKey(*store, kRevokedKey, "0034", {2}, kPassword);
    Require(store->RevokeKey(kRevokedKey, 1700000000));
    store.reset();
    Start({"--workers", "2"});
  }

  ClientOptions Options(const std::string& key = kKey, const std::string& password = kPassword) const {
    return ServerWorld::Options(key, password);
  }

  std::vector<AuditRecord> Audit(const std::string& bsn) const {
    std::vector<AuditRecord> records;
    Require(OpenProtocol()->List(bsn, &records));
    return records;
  }
};

World& TheWorld() {
  static World world;
  return world;
}

std::string Raw(const std::string& body, const std::string& action = kSoapAction, int* status = nullptr) {
  int st = 0;
  std::string r = RawHttps(TheWorld().server->port(), TheWorld().ca_file,
                           SoapPost(body, kKey, kPassword, action), &st);
  if (status != nullptr) *status = st;
  return r;
}

std::string Envelope(const std::string& inner) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
         "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:isi=\"urn:nl:isi-koppeling:berichten_v1\"><s:Body>" +
         inner + "</s:Body></s:Envelope>";
}

}  // namespace

TEST_CASE("RaadplegenPersoon: the generated client gets the whole dossier by BSN", "[integration]") {
  IsiClient client(TheWorld().Options());
  ClientFault fault;
  auto* r = client.RaadplegenPersoon("0034", std::string(kBsn0034), std::nullopt, &fault);
  INFO(fault.code << ": " << fault.melding);
  REQUIRE(r != nullptr);
  REQUIRE(r->Dossier != nullptr);
  const isi__Dossier& d = *r->Dossier;

  SECTION("header") {
    CHECK(d.Kop->BSN == kBsn0034);
    REQUIRE(d.Kop->ANummer != nullptr);
    CHECK(*d.Kop->ANummer == kANummer0034);
    CHECK(d.Kop->Naam->Achternaam == "Haddou");
    REQUIRE(d.Kop->Naam->Voorvoegsels != nullptr);
    CHECK(*d.Kop->Naam->Voorvoegsels == "el");
    CHECK(d.Kop->Geboortedatum == "1981-04-04");
    CHECK(d.Kop->Herkomst == isi__Herkomst::IsiActief);
    CHECK(d.Kop->Woongemeente == "0034");
  }
  SECTION("signal counts per status") {
    CHECK(d.Signalen->Totaal == 4);
    CHECK(d.Signalen->Nieuw == 2);
    CHECK(d.Signalen->InBehandeling == 1);
    CHECK(d.Signalen->Afgehandeld == 1);
  }
  SECTION("persoonsgegevens with address") {
    const isi__Persoonsgegevens& p = *d.Persoonsgegevens;
    CHECK(p.Geslacht == isi__Geslacht::Vrouw);
    REQUIRE(p.Nationaliteit1 != nullptr);
    CHECK(*p.Nationaliteit1 == "Marokkaanse");
    CHECK(p.Nationaliteit2 == nullptr);
    REQUIRE(p.Adres != nullptr);
    CHECK(*p.Adres->Postcode == "1315AB");
    CHECK(*p.Adres->Huisnummer == 1);
    REQUIRE(p.IndicatieVerblijfsdoel != nullptr);
    CHECK(*p.IndicatieVerblijfsdoel == isi__Verblijfsdoel::PermanentVerblijf);
    CHECK(p.IndicatieSchuldAanwezig);
    CHECK(p.ExamenaanvraagAanwezig == isi__ExamenaanvraagKader::WetInburgering);
    CHECK(p.CodeGeheim == isi__CodeGeheim::GeenBeperking);
    CHECK(p.DatumOverlijden == nullptr);
  }
  SECTION("indicatie, handhaving with verlenging") {
    REQUIRE(d.Indicatie->Inburgeringsplichtig != nullptr);
    CHECK(*d.Indicatie->Inburgeringsplichtig);
    REQUIRE(d.Handhaving != nullptr);
    CHECK(d.Handhaving->EersteHandhavingDoorGemeente == "0363");
    REQUIRE(d.Handhaving->Verlenging.size() == 1);
    CHECK(d.Handhaving->Verlenging[0]->RedenVerlenging == "Ziekte");
  }
  SECTION("voorzieningen, vrijstellingen, boetes") {
    REQUIRE(d.Inburgeringsvoorziening.size() == 2);
    CHECK(d.Inburgeringsvoorziening[0]->Soort == isi__SoortVoorziening::Duaal);
    REQUIRE(d.Inburgeringsvoorziening[0]->VormDuaalTraject != nullptr);
    CHECK(*d.Inburgeringsvoorziening[0]->VormDuaalTraject == isi__VormDuaalTraject::InburgeringMetWerk);
    CHECK(d.Inburgeringsvoorziening[1]->AanbodDoorGemeente == "0363");
    CHECK(d.Inburgeringsvoorziening[1]->DatumEinde == nullptr);
    REQUIRE(d.Vrijstelling.size() == 1);
    CHECK(d.Vrijstelling[0]->Door == isi__VrijstellingDoor::DUO);
    REQUIRE(d.Boete.size() == 1);
    CHECK(d.Boete[0]->Bedrag == "125.50");
  }
  SECTION("examens with examenonderdelen") {
    CHECK(d.Examens->DeelgenomenVolledigExamen);
    CHECK(d.Examens->VolledigeDeelnameNt2 == isi__VolledigeDeelnameNt2::AanAlleOnderdelenDeelgenomen);
    REQUIRE(d.Examens->Examenonderdeel.size() == 2);
    CHECK(d.Examens->Examenonderdeel[1]->Uitslag == isi__Uitslag::NietGeslaagd);
    REQUIRE(d.Examens->Examenonderdeel[1]->Profiel != nullptr);
    CHECK(*d.Examens->Examenonderdeel[1]->Profiel == "Werk");
  }
}

TEST_CASE("RaadplegenPersoon: by A-nummer gives the same person", "[integration]") {
  IsiClient client(TheWorld().Options());
  ClientFault fault;
  auto* r = client.RaadplegenPersoon("0034", std::nullopt, std::string(kANummer0034), &fault);
  REQUIRE(r != nullptr);
  CHECK(r->Dossier->Kop->BSN == kBsn0034);
}

TEST_CASE("RaadplegenPersoon: a secret address is not handed out", "[integration]") {
  IsiClient client(TheWorld().Options());
  ClientFault fault;
  auto* r = client.RaadplegenPersoon("0034", std::string(kBsnGeheim), std::nullopt, &fault);
  REQUIRE(r != nullptr);
  CHECK(r->Dossier->Persoonsgegevens->CodeGeheim == isi__CodeGeheim::Geheim);
  CHECK(r->Dossier->Persoonsgegevens->Adres == nullptr);
}

TEST_CASE("RaadplegenPersoon: wrong password and unknown key get the same fault", "[integration][auth]") {
  ClientFault wrong_password, unknown_key, revoked;
  IsiClient a(TheWorld().Options(kKey, "not-the-password"));
  CHECK(a.RaadplegenPersoon("0034", std::string(kBsn0034), std::nullopt, &wrong_password) == nullptr);
  IsiClient b(TheWorld().Options("ak_0034_nobody", kPassword));
  CHECK(b.RaadplegenPersoon("0034", std::string(kBsn0034), std::nullopt, &unknown_key) == nullptr);
  IsiClient c(TheWorld().Options(kRevokedKey, kPassword));
  CHECK(c.RaadplegenPersoon("0034", std::string(kBsn0034), std::nullopt, &revoked) == nullptr);

  CHECK(wrong_password.code == "NietGeauthenticeerd");
  CHECK(wrong_password.http_status == 401);
  for (const ClientFault* f : {&unknown_key, &revoked}) {
    CHECK(f->code == wrong_password.code);
    CHECK(f->melding == wrong_password.melding);
    CHECK(f->http_status == wrong_password.http_status);
  }
}

TEST_CASE("RaadplegenPersoon: a person of another municipality answers like an unknown one", "[integration]") {
  IsiClient client(TheWorld().Options());
  ClientFault other, unknown;
  CHECK(client.RaadplegenPersoon("0034", std::string(kBsn0014), std::nullopt, &other) == nullptr);
  CHECK(client.RaadplegenPersoon("0034", std::string(kUnknownBsn), std::nullopt, &unknown) == nullptr);
  CHECK(other.code == "NietGevonden");
  CHECK(other.faultcode == "isi:NietGevonden");
  CHECK(unknown.code == other.code);
  CHECK(unknown.melding == other.melding);
  CHECK(client.RaadplegenPersoon("0034", std::nullopt, std::string(kANummer0014), &other) == nullptr);
  CHECK(other.code == "NietGevonden");
}

TEST_CASE("RaadplegenPersoon: acting for a municipality the key was not given is refused", "[integration][auth]") {
  IsiClient client(TheWorld().Options());
  ClientFault fault;
  CHECK(client.RaadplegenPersoon("0014", std::string(kBsn0014), std::nullopt, &fault) == nullptr);
  CHECK(fault.code == "NietGeautoriseerd");
}

TEST_CASE("RaadplegenPersoon: invalid identifiers are refused naming the field", "[integration][validation]") {
  IsiClient client(TheWorld().Options());
  ClientFault fault;
  SECTION("BSN failing the elfproef") {
    CHECK(client.RaadplegenPersoon("0034", std::string("123456789"), std::nullopt, &fault) == nullptr);
    CHECK(fault.code == "OngeldigVerzoek");
    CHECK(fault.veld == "BSN");
  }
  SECTION("A-nummer failing its check") {
    CHECK(client.RaadplegenPersoon("0034", std::nullopt, std::string("4020209357"), &fault) == nullptr);
    CHECK(fault.code == "OngeldigVerzoek");
    CHECK(fault.veld == "ANummer");
  }
  SECTION("both BSN and A-nummer") {
    CHECK(client.RaadplegenPersoon("0034", std::string(kBsn0034), std::string(kANummer0034), &fault) == nullptr);
    CHECK(fault.code == "OngeldigVerzoek");
  }
  SECTION("neither") {
    CHECK(client.RaadplegenPersoon("0034", std::nullopt, std::nullopt, &fault) == nullptr);
    CHECK(fault.code == "OngeldigVerzoek");
  }
  SECTION("gemeentecode not 4 digits") {
    CHECK(client.RaadplegenPersoon("34", std::string(kBsn0034), std::nullopt, &fault) == nullptr);
    CHECK(fault.code == "OngeldigVerzoek");
    CHECK(fault.veld == "Gemeentecode");
  }
}

TEST_CASE("Protocollering: every lookup leaves one audit record before the answer", "[integration][audit]") {
  const auto before = TheWorld().Audit(kBsnGeheim).size();
  IsiClient client(TheWorld().Options());
  ClientFault fault;
  REQUIRE(client.RaadplegenPersoon("0034", std::string(kBsnGeheim), std::nullopt, &fault) != nullptr);
  auto records = TheWorld().Audit(kBsnGeheim);
  REQUIRE(records.size() == before + 1);
  const AuditRecord& r = records.back();
  CHECK(r.key_id == kKey);
  CHECK(r.gemeentecode == "0034");
  CHECK(r.operation == "RaadplegenPersoon");
  CHECK(r.outcome == "Geleverd");
  CHECK(r.hash.size() == 64);
}

TEST_CASE("Raw requests: the README example request gets the dossier", "[integration][raw]") {
  int status = 0;
  std::string body = ReadFile(std::string(ISI_SOURCE_DIR) + "/tests/requests/RaadplegenPersoon.xml");
  std::string r = Raw(body, kSoapAction, &status);
  CHECK(status == 200);
  CHECK(r.find("<isi:BSN>111222333</isi:BSN>") != std::string::npos);
  // ISI_EXAMPLE_ANSWER=FILE keeps the answer, to refresh the example in README.md.
  if (const char* keep = std::getenv("ISI_EXAMPLE_ANSWER")) std::ofstream(keep) << r;
}

TEST_CASE("Raw requests: hostile and malformed input gets a fault, never an empty reply", "[integration][raw]") {
  int status = 0;
  const std::string valid_inner =
      "<isi:RaadplegenPersoon><isi:Gemeentecode>0034</isi:Gemeentecode>"
      "<isi:BSN>111222333</isi:BSN></isi:RaadplegenPersoon>";
  SECTION("malformed XML") {
    std::string r = Raw("<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><oops", kSoapAction, &status);
    CHECK(status == 500);
    CHECK(r.find("OngeldigVerzoek") != std::string::npos);
  }
  SECTION("a DOCTYPE with an external entity") {
    std::string body = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" +
                       Envelope(valid_inner);
    std::string r = Raw(body, kSoapAction, &status);
    CHECK(status == 500);
    CHECK(r.find("OngeldigVerzoek") != std::string::npos);
    CHECK(r.find("DOCTYPE") != std::string::npos);
    CHECK(r.find("root:") == std::string::npos);
  }
  SECTION("invalid UTF-8") {
    std::string r = Raw(Envelope("<isi:RaadplegenPersoon><isi:Gemeentecode>00\xC3\x28</isi:Gemeentecode></isi:RaadplegenPersoon>"), kSoapAction, &status);
    CHECK(status == 500);
    CHECK(r.find("UTF-8") != std::string::npos);
  }
  SECTION("an unknown operation") {
    std::string r = Raw(Envelope("<isi:Verwijder/>"), "", &status);
    CHECK(status == 500);
    CHECK(r.find("OngeldigVerzoek") != std::string::npos);
  }
  SECTION("an element the contract does not have") {
    std::string r = Raw(Envelope("<isi:RaadplegenPersoon><isi:Gemeentecode>0034</isi:Gemeentecode><isi:Extra>1</isi:Extra></isi:RaadplegenPersoon>"), kSoapAction, &status);
    CHECK(status == 500);
    CHECK(r.find("OngeldigVerzoek") != std::string::npos);
  }
  SECTION("a SOAPAction of another operation") {
    std::string r = Raw(Envelope(valid_inner), "urn:nl:isi-koppeling:berichten_v1#ZoekenPersonen", &status);
    CHECK(status == 500);
    CHECK(r.find("SOAPAction") != std::string::npos);
  }
  SECTION("a request without SOAP envelope") {
    std::string r = Raw("hello", kSoapAction, &status);
    CHECK(status >= 400);
    CHECK(r.find("Fault") != std::string::npos);
  }
}

TEST_CASE("HTTP: the WSDL is served with the server's own address; other methods are 405", "[integration][http]") {
  int status = 0;
  const int port = TheWorld().server->port();
  std::string r = RawHttps(port, TheWorld().ca_file,
                           "GET /?wsdl HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", &status);
  CHECK(status == 200);
  CHECK(r.find("wsdl:definitions") != std::string::npos);
  CHECK(r.find("location=\"https://localhost:" + std::to_string(port) + "/\"") != std::string::npos);
  CHECK(r.find("Server: isi-koppeling\r\n") != std::string::npos);  // no product, no version
  CHECK(r.find("gSOAP") == std::string::npos);

  for (const char* method : {"PUT", "DELETE", "OPTIONS"}) {
    RawHttps(port, TheWorld().ca_file,
             std::string(method) + " / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
             &status);
    INFO(method);
    CHECK(status == 405);
  }
  RawHttps(port, TheWorld().ca_file, "GET /other HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", &status);
  CHECK(status == 405);
}

TEST_CASE("isi-client: prints the dossier as XML, and faults with exit code 3", "[integration][client]") {
  const World& w = TheWorld();
  std::vector<std::string> base = {ISI_CLIENT_PATH, "--endpoint", w.server->endpoint(), "--cafile",
                                   w.ca_file, "--key", kKey, "--password", kPassword,
                                   "RaadplegenPersoon", "--gemeente", "0034"};
  std::string out;
  auto ok = base;
  ok.insert(ok.end(), {"--bsn", kBsn0034});
  CHECK(RunCommand(ok, &out) == 0);
  CHECK(out.rfind("<?xml", 0) == 0);  // the XML only, no HTTP headers in front
  CHECK(out.find("<isi:BSN>111222333</isi:BSN>") != std::string::npos);

  auto unknown = base;
  unknown.insert(unknown.end(), {"--bsn", kUnknownBsn});
  CHECK(RunCommand(unknown, &out) == 3);
  CHECK(out.empty());
}
