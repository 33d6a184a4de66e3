// The fault catalogue: Status -> SOAP fault with a stable code and the typed <isi:Fout>
// detail, and gSOAP's own errors mapped onto the same catalogue.
#include "service/fault.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <sstream>
#include <string>

#include "isiH.h"
#include "service/input_guard.h"

using namespace isi;

namespace {

// A bare gSOAP context (with the generated namespace table), freed on destruction. It speaks
// SOAP 1.1, as the server does once a SOAP 1.1 request came in (a context that has seen no
// request would write gSOAP's plain-XML <fault><reason> form).
struct Context {
  struct soap* soap = soap_new();
  Context() { soap_set_version(soap, 1); }
  ~Context() {
    soap_destroy(soap);
    soap_end(soap);
    soap_free(soap);
  }
};

std::string Str(const char* s) { return s != nullptr ? std::string(s) : std::string("<null>"); }

const _isi__Fout* DetailOf(struct soap* soap) {
  if (soap->fault == nullptr || soap->fault->detail == nullptr) return nullptr;
  return soap->fault->detail->isi__Fout;
}

// The same getter as in input_guard_test.cpp: the guard of a context lives in soap->user.
InputGuard* GuardFromUser(struct soap* soap) { return static_cast<InputGuard*>(soap->user); }

// Sets `error` on a context with the fault mapping installed and lets gSOAP build its fault.
struct MappedFault {
  std::string faultcode, faultstring, code, melding;
};
MappedFault MapError(int error, const char* tag = "") {
  Context ctx;
  InstallFaultMapping(ctx.soap);
  std::strncpy(ctx.soap->tag, tag, sizeof ctx.soap->tag - 1);
  ctx.soap->error = error;
  soap_set_fault(ctx.soap);
  MappedFault m;
  m.faultcode = Str(*soap_faultcode(ctx.soap));
  m.faultstring = Str(*soap_faultstring(ctx.soap));
  if (const _isi__Fout* fout = DetailOf(ctx.soap)) {
    m.code = fout->Code;
    m.melding = fout->Melding;
  }
  return m;
}

}  // namespace

TEST_CASE("Fault: every Status code has its stable fault code", "[service]") {
  CHECK(std::string(FaultCodeFor(Status::Code::kInvalidArgument)) == "OngeldigVerzoek");
  CHECK(std::string(FaultCodeFor(Status::Code::kUnauthenticated)) == "NietGeauthenticeerd");
  CHECK(std::string(FaultCodeFor(Status::Code::kForbidden)) == "NietGeautoriseerd");
  CHECK(std::string(FaultCodeFor(Status::Code::kNotFound)) == "NietGevonden");
  CHECK(std::string(FaultCodeFor(Status::Code::kLocked)) == "SleutelGeblokkeerd");
  CHECK(std::string(FaultCodeFor(Status::Code::kConflict)) == "Conflict");
  CHECK(std::string(FaultCodeFor(Status::Code::kUnavailable)) == "TijdelijkNietBeschikbaar");
  CHECK(std::string(FaultCodeFor(Status::Code::kInternal)) == "InterneFout");
  // Ok has no fault; should it ever reach here, it must not look like the caller's mistake.
  CHECK(std::string(FaultCodeFor(Status::Code::kOk)) == "InterneFout");
}

TEST_CASE("Fault: SendFault sets faultcode, faultstring and the typed detail", "[service]") {
  Context ctx;
  int rc = SendFault(ctx.soap, Status::InvalidArgument("BSN voldoet niet aan de elfproef", "BSN"));
  CHECK(rc == SOAP_FAULT);
  REQUIRE(ctx.soap->fault != nullptr);
  CHECK(Str(ctx.soap->fault->faultcode) == "isi:OngeldigVerzoek");
  CHECK(Str(ctx.soap->fault->faultstring) == "BSN voldoet niet aan de elfproef");
  const _isi__Fout* fout = DetailOf(ctx.soap);
  REQUIRE(fout != nullptr);
  CHECK(fout->Code == "OngeldigVerzoek");
  CHECK(fout->Melding == "BSN voldoet niet aan de elfproef");
  REQUIRE(fout->Veld != nullptr);
  CHECK(*fout->Veld == "BSN");
  CHECK(ctx.soap->fault->detail->__any == nullptr);
}

TEST_CASE("Fault: SendFault leaves Veld out when the status names no field", "[service]") {
  Context ctx;
  CHECK(SendFault(ctx.soap, Status::NotFound("Persoon niet gevonden")) == SOAP_FAULT);
  const _isi__Fout* fout = DetailOf(ctx.soap);
  REQUIRE(fout != nullptr);
  CHECK(fout->Code == "NietGevonden");
  CHECK(fout->Veld == nullptr);
  CHECK(Str(ctx.soap->fault->faultcode) == "isi:NietGevonden");
}

TEST_CASE("Fault: SendFault gives every status its code in faultcode and detail", "[service]") {
  const Status statuses[] = {
      Status::InvalidArgument("a"), Status::NotFound("b"), Status::Forbidden("c"),
      Status::Locked("d"),          Status::Conflict("e"), Status::Unavailable("f"),
  };
  for (const Status& status : statuses) {
    Context ctx;
    INFO(status.ToString());
    CHECK(SendFault(ctx.soap, status) == SOAP_FAULT);
    const std::string code = FaultCodeFor(status.code());
    CHECK(Str(ctx.soap->fault->faultcode) == "isi:" + code);
    CHECK(Str(ctx.soap->fault->faultstring) == status.message());
    const _isi__Fout* fout = DetailOf(ctx.soap);
    REQUIRE(fout != nullptr);
    CHECK(fout->Code == code);
    CHECK(fout->Melding == status.message());
  }
}

TEST_CASE("Fault: Unauthenticated answers 401 with a Basic realm", "[service]") {
  Context ctx;
  int rc = SendFault(ctx.soap, Status::Unauthenticated("Applicatiesleutel of wachtwoord onjuist"));
  CHECK(rc == 401);
  CHECK(ctx.soap->error == 401);
  CHECK(Str(ctx.soap->authrealm) == "isi-koppeling");
  CHECK(Str(ctx.soap->fault->faultcode) == "isi:NietGeauthenticeerd");
  const _isi__Fout* fout = DetailOf(ctx.soap);
  REQUIRE(fout != nullptr);
  CHECK(fout->Code == "NietGeauthenticeerd");
  CHECK(fout->Melding == "Applicatiesleutel of wachtwoord onjuist");
}

TEST_CASE("Fault: an Internal status never leaks its message", "[service]") {
  Context ctx;
  const Status internal =
      Status::Internal("sqlite3_step: database disk image is malformed (BSN 111222333)");
  CHECK(SendFault(ctx.soap, internal) == SOAP_FAULT);
  CHECK(Str(ctx.soap->fault->faultcode) == "isi:InterneFout");
  const std::string faultstring = Str(ctx.soap->fault->faultstring);
  CHECK(faultstring == "Interne fout bij het verwerken van het verzoek");
  const _isi__Fout* fout = DetailOf(ctx.soap);
  REQUIRE(fout != nullptr);
  CHECK(fout->Code == "InterneFout");
  CHECK(fout->Melding == "Interne fout bij het verwerken van het verzoek");
  CHECK(fout->Melding.find("sqlite") == std::string::npos);
  CHECK(fout->Melding.find("111222333") == std::string::npos);
  CHECK(faultstring.find("111222333") == std::string::npos);
}

TEST_CASE("Fault: the serialised fault carries the isi code and the Dutch message", "[service]") {
  Context ctx;
  std::ostringstream out;
  ctx.soap->os = &out;
  SendFault(ctx.soap, Status::InvalidArgument("Ongeldig BSN", "BSN"));
  soap_send_fault(ctx.soap);
  ctx.soap->os = nullptr;
  const std::string xml = out.str();
  INFO(xml);
  CHECK(xml.find("<faultcode>isi:OngeldigVerzoek</faultcode>") != std::string::npos);
  CHECK(xml.find("<faultstring>Ongeldig BSN</faultstring>") != std::string::npos);
  CHECK(xml.find("<isi:Fout>") != std::string::npos);
  CHECK(xml.find("<isi:Veld>BSN</isi:Veld>") != std::string::npos);
  CHECK(xml.find("urn:nl:isi-koppeling:berichten_v1") != std::string::npos);
}

TEST_CASE("Fault: gSOAP's own errors become OngeldigVerzoek with a Dutch message", "[service]") {
  SECTION("wrong element names the element") {
    MappedFault m = MapError(SOAP_TAG_MISMATCH, "isi:Bsn");
    CHECK(m.faultcode == "isi:OngeldigVerzoek");
    CHECK(m.faultstring == "Onverwacht of ontbrekend element (bij element isi:Bsn)");
    CHECK(m.code == "OngeldigVerzoek");
    CHECK(m.melding == m.faultstring);
  }
  SECTION("wrong element without a tag") {
    MappedFault m = MapError(SOAP_NO_TAG);
    CHECK(m.faultstring == "Onverwacht of ontbrekend element");
  }
  SECTION("DTD refused by the input guard") {
    MappedFault m = MapError(kIsiErrorDtd);
    CHECK(m.faultcode == "isi:OngeldigVerzoek");
    CHECK(m.faultstring == "Een DOCTYPE (DTD) of ENTITY is in SOAP-berichten niet toegestaan");
    CHECK(m.code == "OngeldigVerzoek");
  }
  SECTION("invalid UTF-8 refused by the input guard") {
    MappedFault m = MapError(kIsiErrorUtf8);
    CHECK(m.faultcode == "isi:OngeldigVerzoek");
    CHECK(m.faultstring == "Het bericht is geen geldige UTF-8");
  }
  SECTION("not a SOAP envelope") {
    MappedFault m = MapError(kIsiErrorNotSoap);
    CHECK(m.faultcode == "isi:OngeldigVerzoek");
    CHECK_THAT(m.faultstring, Catch::StartsWith("Het bericht is geen SOAP 1.1-envelope"));
  }
  SECTION("nested too deeply") {
    MappedFault m = MapError(SOAP_LEVEL);
    CHECK(m.faultcode == "isi:OngeldigVerzoek");
    CHECK(m.faultstring == "Het bericht is te diep genest");
  }
  SECTION("malformed XML") {
    MappedFault m = MapError(SOAP_SYNTAX_ERROR);
    CHECK(m.faultstring == "Het bericht is geen welgevormde XML of is onvolledig");
  }
  SECTION("unknown operation") {
    MappedFault m = MapError(SOAP_NO_METHOD, "isi:Onbekend");
    CHECK(m.faultstring == "Onbekende operatie (bij element isi:Onbekend)");
  }
  SECTION("compressed body") {
    MappedFault m = MapError(415);
    CHECK(m.faultcode == "isi:OngeldigVerzoek");
    CHECK_THAT(m.faultstring, Catch::StartsWith("Niet-ondersteund inhoudstype"));
  }
  SECTION("another HTTP client error names its status") {
    MappedFault m = MapError(405);
    CHECK(m.faultcode == "isi:OngeldigVerzoek");
    CHECK(m.faultstring == "Ongeldig verzoek (HTTP 405)");
  }
}

TEST_CASE("Fault: a server-side gSOAP error becomes InterneFout", "[service]") {
  MappedFault m = MapError(SOAP_SSL_ERROR);
  CHECK(m.faultcode == "isi:InterneFout");
  CHECK(m.faultstring == "Interne fout bij het verwerken van het verzoek");
  CHECK(m.code == "InterneFout");
}

TEST_CASE("Fault: the mapping keeps a fault that SendFault made", "[service]") {
  Context ctx;
  InstallFaultMapping(ctx.soap);
  REQUIRE(SendFault(ctx.soap, Status::NotFound("Persoon niet gevonden")) == SOAP_FAULT);
  ctx.soap->error = SOAP_FAULT;
  soap_set_fault(ctx.soap);
  CHECK(Str(*soap_faultcode(ctx.soap)) == "isi:NietGevonden");
  CHECK(Str(*soap_faultstring(ctx.soap)) == "Persoon niet gevonden");
  const _isi__Fout* fout = DetailOf(ctx.soap);
  REQUIRE(fout != nullptr);
  CHECK(fout->Code == "NietGevonden");
}

TEST_CASE("Fault: a mapped engine error is serialised with the typed detail", "[service]") {
  Context ctx;
  InstallFaultMapping(ctx.soap);
  std::ostringstream out;
  ctx.soap->os = &out;
  ctx.soap->error = kIsiErrorDtd;
  soap_send_fault(ctx.soap);
  ctx.soap->os = nullptr;
  const std::string xml = out.str();
  INFO(xml);
  CHECK(xml.find("<faultcode>isi:OngeldigVerzoek</faultcode>") != std::string::npos);
  CHECK(xml.find("Een DOCTYPE (DTD) of ENTITY is in SOAP-berichten niet toegestaan") !=
        std::string::npos);
  CHECK(xml.find("<isi:Code>OngeldigVerzoek</isi:Code>") != std::string::npos);
}

TEST_CASE("Fault: a body that ends before the XML lifts the timeouts for its fault", "[service]") {
  Context ctx;
  InputGuard guard;
  ctx.soap->user = &guard;
  InstallInputGuard(ctx.soap, GuardFromUser);
  InstallFaultMapping(ctx.soap);
  ctx.soap->recv_timeout = 10;
  ctx.soap->send_timeout = 10;

  SECTION("the peer sent part of a request") {
    guard.Scan("<SOAP-ENV:Envelope", 18);
    ctx.soap->error = SOAP_EOF;
    soap_set_fault(ctx.soap);
    CHECK(ctx.soap->recv_timeout == 0);
    CHECK(ctx.soap->send_timeout == 0);
    CHECK(Str(*soap_faultcode(ctx.soap)) == "isi:OngeldigVerzoek");
    CHECK(Str(*soap_faultstring(ctx.soap)) ==
          "Het bericht is geen welgevormde XML of is onvolledig");
  }
  SECTION("a silent connection keeps its timeouts") {
    ctx.soap->error = SOAP_EOF;
    soap_set_fault(ctx.soap);
    CHECK(ctx.soap->recv_timeout == 10);
    CHECK(ctx.soap->send_timeout == 10);
  }
  ctx.soap->user = nullptr;
}
