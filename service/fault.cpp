#include "service/fault.h"

#include <string>

#include "isiH.h"
#include "service/input_guard.h"

namespace isi {
namespace {

bool IsServerSide(Status::Code code) {
  return code == Status::Code::kUnavailable || code == Status::Code::kInternal;
}

// Puts the typed <isi:Fout> detail on the (already allocated) fault.
void SetDetail(struct soap* soap, const char* code, const char* melding, const char* veld) {
  soap_faultdetail(soap);  // allocates soap->fault->detail
  if (soap->fault == nullptr || soap->fault->detail == nullptr) return;
  auto* fout = soap_new__isi__Fout(soap);
  if (fout == nullptr) return;
  fout->Code = code;
  fout->Melding = melding;
  if (veld != nullptr && *veld != '\0') {
    fout->Veld = soap_new_std__string(soap, -1);
    *fout->Veld = veld;
  }
  soap->fault->detail->isi__Fout = fout;
  soap->fault->detail->__any = nullptr;
}

bool HasOurDetail(struct soap* soap) {
  return soap->fault != nullptr && soap->fault->detail != nullptr &&
         soap->fault->detail->isi__Fout != nullptr;
}

// gSOAP's own error codes, mapped onto the catalogue with a Dutch message.
struct Mapped {
  const char* code;
  std::string melding;
};

Mapped MapEngineError(struct soap* soap) {
  const std::string tag = soap->tag[0] != '\0' ? std::string(soap->tag) : std::string();
  const std::string at = tag.empty() ? "" : " (bij element " + tag + ")";
  switch (soap->error) {
    case kIsiErrorDtd:
      return {kFoutOngeldigVerzoek, "Een DOCTYPE (DTD) of ENTITY is in SOAP-berichten niet toegestaan"};
    case kIsiErrorUtf8:
      return {kFoutOngeldigVerzoek, "Het bericht is geen geldige UTF-8"};
    case kIsiErrorNotSoap:
      return {kFoutOngeldigVerzoek, "Het bericht is geen SOAP 1.1-envelope (namespace http://schemas.xmlsoap.org/soap/envelope/)"};
    case SOAP_TAG_MISMATCH:
    case SOAP_NO_TAG:
      return {kFoutOngeldigVerzoek, "Onverwacht of ontbrekend element" + at};
    case SOAP_NO_METHOD:
      return {kFoutOngeldigVerzoek, "Onbekende operatie" + at};
    case SOAP_OCCURS:
      return {kFoutOngeldigVerzoek, "Een verplicht element ontbreekt of een element komt te vaak voor" + at};
    case SOAP_LENGTH:
      return {kFoutOngeldigVerzoek, "Een waarde is te lang of te kort" + at};
    case SOAP_LEVEL:
      return {kFoutOngeldigVerzoek, "Het bericht is te diep genest"};
    case SOAP_TYPE:
    case SOAP_FIXED:
      return {kFoutOngeldigVerzoek, "Een waarde heeft niet het type of de waarde die het contract voorschrijft" + at};
    case SOAP_SYNTAX_ERROR:
    case SOAP_EOF:
    case SOAP_EOM:
      return {kFoutOngeldigVerzoek, "Het bericht is geen welgevormde XML of is onvolledig"};
    case SOAP_NAMESPACE:
    case SOAP_VERSIONMISMATCH:
      return {kFoutOngeldigVerzoek, "Verkeerde namespace of SOAP-versie: verwacht SOAP 1.1 met namespace urn:nl:isi-koppeling:berichten_v1"};
    case SOAP_DUPLICATE_ID:
    case SOAP_MISSING_ID:
    case SOAP_HREF:
      return {kFoutOngeldigVerzoek, "Verwijzingen (id/href) zijn in dit contract niet toegestaan"};
    case SOAP_UTF_ERROR:
      return {kFoutOngeldigVerzoek, "Ongeldige tekencodering: alleen UTF-8 is toegestaan"};
    case SOAP_MUSTUNDERSTAND:
      return {kFoutOngeldigVerzoek, "Een SOAP-header met mustUnderstand wordt niet ondersteund"};
    case SOAP_HTTP_ERROR:
    case SOAP_HTTP_METHOD:
    case 413:
      return {kFoutOngeldigVerzoek, "Ongeldig of te groot HTTP-verzoek"};
    case 415:
      return {kFoutOngeldigVerzoek, "Niet-ondersteund inhoudstype (verwacht text/xml; charset=utf-8, ongecomprimeerd)"};
    default:
      if (soap->error >= 400 && soap->error < 500)
        return {kFoutOngeldigVerzoek, "Ongeldig verzoek (HTTP " + std::to_string(soap->error) + ")"};
      return {kFoutInterneFout, "Interne fout bij het verwerken van het verzoek"};
  }
}

void OnSetError(struct soap* soap, const char** c, const char** s) {
  if (HasOurDetail(soap)) return;  // a fault we made ourselves (SendFault)
  if (soap->error == SOAP_EOF && RequestBytesSeen(soap)) {
    // The HTTP body ended before the XML did. gSOAP answers nothing on EOF while timeouts are
    // set (it assumes the peer left); this peer is waiting for an answer, so lift the timeouts
    // for this one small fault. IsiService restores them before the next connection.
    soap->recv_timeout = 0;
    soap->send_timeout = 0;
  }
  Mapped m = MapEngineError(soap);
  std::string qname = std::string("isi:") + m.code;
  *c = soap_strdup(soap, qname.c_str());
  *s = soap_strdup(soap, m.melding.c_str());
  SetDetail(soap, m.code, m.melding.c_str(), nullptr);
}

}  // namespace

const char* FaultCodeFor(Status::Code code) {
  switch (code) {
    case Status::Code::kOk:
    case Status::Code::kInternal: return kFoutInterneFout;
    case Status::Code::kInvalidArgument: return kFoutOngeldigVerzoek;
    case Status::Code::kNotFound: return kFoutNietGevonden;
    case Status::Code::kUnauthenticated: return kFoutNietGeauthenticeerd;
    case Status::Code::kForbidden: return kFoutNietGeautoriseerd;
    case Status::Code::kLocked: return kFoutSleutelGeblokkeerd;
    case Status::Code::kConflict: return kFoutConflict;
    case Status::Code::kUnavailable: return kFoutTijdelijkNietBeschikbaar;
  }
  return kFoutInterneFout;
}

int SendFault(struct soap* soap, const Status& status) {
  const char* code = status.reason().empty() ? FaultCodeFor(status.code()) : status.reason().c_str();
  // Internal details (SQLite messages) stay in the server log, never in the answer.
  std::string melding = status.code() == Status::Code::kInternal
                            ? std::string("Interne fout bij het verwerken van het verzoek")
                            : status.message();
  const char* qname = soap_strdup(soap, (std::string("isi:") + code).c_str());
  const char* text = soap_strdup(soap, melding.c_str());
  if (IsServerSide(status.code()))
    soap_receiver_fault_subcode(soap, qname, text, nullptr);
  else
    soap_sender_fault_subcode(soap, qname, text, nullptr);
  SetDetail(soap, code, melding.c_str(), status.field().c_str());
  if (status.code() == Status::Code::kUnauthenticated) {
    soap->authrealm = "isi-koppeling";  // 401 with WWW-Authenticate: Basic realm="isi-koppeling"
    soap->error = 401;
    return 401;
  }
  return SOAP_FAULT;
}

void InstallFaultMapping(struct soap* soap) { soap->fseterror = OnSetError; }

}  // namespace isi
