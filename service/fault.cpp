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
  soap_faultdetail(soap);  // allocates the detail of the fault's SOAP version
  if (soap->fault == nullptr) return;
  // A SOAP 1.2 request (refused as such) gets its fault in SOAP 1.2, with the same detail.
  SOAP_ENV__Detail* detail = soap->version == 2 ? soap->fault->SOAP_ENV__Detail : soap->fault->detail;
  if (detail == nullptr) return;
  auto* fout = soap_new__isi__Fout(soap);
  if (fout == nullptr) return;
  fout->Code = code;
  fout->Melding = melding;
  if (veld != nullptr && *veld != '\0') {
    fout->Veld = soap_new_std__string(soap, -1);
    *fout->Veld = veld;
  }
  detail->isi__Fout = fout;
  detail->__any = nullptr;
}

bool HasOurDetail(struct soap* soap) {
  if (soap->fault == nullptr) return false;
  const SOAP_ENV__Detail* detail = soap->version == 2 ? soap->fault->SOAP_ENV__Detail : soap->fault->detail;
  return detail != nullptr && detail->isi__Fout != nullptr;
}

// gSOAP's own error codes, mapped onto the catalogue with a Dutch message; `veld` names the
// element whose value was refused, when there is one.
struct Mapped {
  const char* code;
  std::string melding;
  std::string veld;
};

// The local name of a tag ("isi:BSN" -> "BSN").
std::string LocalName(const std::string& tag) {
  const auto colon = tag.find(':');
  return colon == std::string::npos ? tag : tag.substr(colon + 1);
}

Mapped MapEngineError(struct soap* soap, int error) {
  // The tag as the client sent it, cut short: a hostile name may be 1 KiB (SOAP_TAGLEN) long.
  std::string tag = soap->tag[0] != '\0' ? std::string(soap->tag) : std::string();
  if (tag.size() > 80) tag = tag.substr(0, 80) + "...";
  const std::string at = tag.empty() ? "" : " (bij element " + tag + ")";
  switch (error) {
    case kIsiErrorDtd:
      return {kFoutOngeldigVerzoek, "Een DOCTYPE (DTD) of ENTITY is in SOAP-berichten niet toegestaan", ""};
    case kIsiErrorUtf8:
      return {kFoutOngeldigVerzoek, "Het bericht is geen geldige UTF-8", ""};
    case kIsiErrorAttributes:
      return {kFoutOngeldigVerzoek, "Een element heeft te veel attributen", ""};
    case kIsiErrorNotSoap:
      return {kFoutOngeldigVerzoek, "Het bericht is geen SOAP 1.1-envelope (namespace http://schemas.xmlsoap.org/soap/envelope/)", ""};
    case kIsiErrorSoapVersion:
      return {kFoutOngeldigVerzoek, "SOAP 1.2 wordt niet ondersteund: gebruik SOAP 1.1 (namespace http://schemas.xmlsoap.org/soap/envelope/)", ""};
    case SOAP_TAG_MISMATCH:
    case SOAP_NO_TAG:
      return {kFoutOngeldigVerzoek, "Onverwacht of ontbrekend element" + at, ""};
    case SOAP_NO_METHOD:
      return {kFoutOngeldigVerzoek, "Onbekende operatie" + at, ""};
    case SOAP_NO_DATA:
    case SOAP_EMPTY:
      return {kFoutOngeldigVerzoek, "Het bericht is leeg of bevat geen operatie", ""};
    case SOAP_OCCURS:
      return {kFoutOngeldigVerzoek, "Een verplicht element ontbreekt of een element komt te vaak voor" + at, ""};
    case SOAP_LENGTH:
      return {kFoutOngeldigVerzoek, "Een waarde is te lang of te kort" + at, LocalName(tag)};
    case SOAP_PATTERN:
      return {kFoutOngeldigVerzoek, "Een waarde heeft niet de vorm die het contract voorschrijft" + at, LocalName(tag)};
    case SOAP_LEVEL:
      return {kFoutOngeldigVerzoek, "Het bericht is te diep genest", ""};
    case SOAP_TYPE:
    case SOAP_FIXED:
      return {kFoutOngeldigVerzoek, "Een waarde heeft niet het type of de waarde die het contract voorschrijft" + at, LocalName(tag)};
    case SOAP_NULL:
    case SOAP_REQUIRED:
    case SOAP_PROHIBITED:
      return {kFoutOngeldigVerzoek, "Een verplichte waarde of attribuut ontbreekt, of een attribuut is niet toegestaan" + at, ""};
    case SOAP_SYNTAX_ERROR:
    case SOAP_END_TAG:
    case SOAP_EOF:
    case SOAP_EOM:
      return {kFoutOngeldigVerzoek, "Het bericht is geen welgevormde XML of is onvolledig", ""};
    case SOAP_NAMESPACE:
    case SOAP_VERSIONMISMATCH:
      return {kFoutOngeldigVerzoek, "Verkeerde namespace of SOAP-versie: verwacht SOAP 1.1 met namespace urn:nl:isi-koppeling:berichten_v1", ""};
    case SOAP_DUPLICATE_ID:
    case SOAP_MISSING_ID:
    case SOAP_HREF:
      return {kFoutOngeldigVerzoek, "Verwijzingen (id/href) zijn in dit contract niet toegestaan", ""};
    case SOAP_IOB:
    case SOAP_MOE:
    case SOAP_MIME_ERROR:
    case SOAP_MIME_HREF:
    case SOAP_MIME_END:
    case SOAP_DIME_ERROR:
    case SOAP_DIME_HREF:
    case SOAP_DIME_MISMATCH:
    case SOAP_DIME_END:
    case SOAP_ZLIB_ERROR:
      return {kFoutOngeldigVerzoek, "Het bericht past niet bij het contract" + at, ""};
    case SOAP_UTF_ERROR:
      return {kFoutOngeldigVerzoek, "Ongeldige tekencodering: alleen UTF-8 is toegestaan", ""};
    case SOAP_MUSTUNDERSTAND:
      return {kFoutOngeldigVerzoek, "Een SOAP-header met mustUnderstand wordt niet ondersteund", ""};
    case SOAP_HTTP_ERROR:
    case SOAP_HTTP_METHOD:
      return {kFoutOngeldigVerzoek, "Ongeldig HTTP-verzoek", ""};
    case SOAP_HDR:
    case kHttpHeaderTooLarge:
      return {kFoutOngeldigVerzoek, "De HTTP-header is te groot of heeft te veel velden", ""};
    case kHttpPayloadTooLarge:
      return {kFoutOngeldigVerzoek, "Het verzoek is te groot", ""};
    case kHttpUnsupportedMediaType:
      return {kFoutOngeldigVerzoek, "Niet-ondersteund inhoudstype (verwacht text/xml; charset=utf-8, ongecomprimeerd)", ""};
    default:
      if (error >= 400 && error < 500)
        return {kFoutOngeldigVerzoek, "Ongeldig verzoek (HTTP " + std::to_string(error) + ")", ""};
      return {kFoutInterneFout, "Interne fout bij het verwerken van het verzoek", ""};
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
  // The guard's reason, when it refused the request, explains the engine error it caused.
  const int violation = GuardViolation(soap);
  Mapped m = MapEngineError(soap, violation != 0 ? violation : soap->error);
  std::string qname = std::string("isi:") + m.code;
  *c = soap_strdup(soap, qname.c_str());
  *s = soap_strdup(soap, m.melding.c_str());
  SetDetail(soap, m.code, m.melding.c_str(), m.veld.c_str());
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
