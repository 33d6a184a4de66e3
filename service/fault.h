// The fault catalogue: the one place where a Status becomes a SOAP fault.
//
// Every fault is SOAP 1.1 with faultcode isi:<Code> (a QName in the contract namespace),
// faultstring = the Dutch message, and detail = <isi:Fout><Code/><Melding/><Veld/></isi:Fout>.
// The codes below are stable: integrators program against them (README "Foutcodes").
#pragma once

#include <string>

#include "model/status.h"

struct soap;

namespace isi {

// Fault codes. Never rename one; add new ones at the end.
inline constexpr const char* kFoutOngeldigVerzoek = "OngeldigVerzoek";
inline constexpr const char* kFoutNietGeauthenticeerd = "NietGeauthenticeerd";
inline constexpr const char* kFoutNietGeautoriseerd = "NietGeautoriseerd";
inline constexpr const char* kFoutNietGevonden = "NietGevonden";
inline constexpr const char* kFoutSleutelGeblokkeerd = "SleutelGeblokkeerd";
inline constexpr const char* kFoutConflict = "Conflict";
inline constexpr const char* kFoutTijdelijkNietBeschikbaar = "TijdelijkNietBeschikbaar";
inline constexpr const char* kFoutInterneFout = "InterneFout";

// gSOAP error codes of our own (below SOAP_STOP): the body of a POST is not a SOAP envelope;
// the envelope is SOAP 1.2 (the contract is SOAP 1.1 only).
inline constexpr int kIsiErrorNotSoap = 903;
inline constexpr int kIsiErrorSoapVersion = 905;

// The fault code for a (non-ok) Status code.
const char* FaultCodeFor(Status::Code code);

// Sets the SOAP fault for `status` on `soap` (code: status.reason() when set, else the code's
// catalogue entry) and returns the gSOAP error to return from a
// service operation (SOAP_FAULT), or 401 for kUnauthenticated (the response then carries
// WWW-Authenticate: Basic as well as the fault). Precondition: !status.ok().
int SendFault(struct soap* soap, const Status& status);

// Installs the hook that maps gSOAP's own errors (malformed XML, validation, wrong element,
// too large, ...) onto the catalogue: every such error becomes an OngeldigVerzoek fault (or
// InterneFout for server-side failures) with the typed detail, instead of gSOAP's raw text.
// A violation the input guard found in the request (service/input_guard.h) is reported in
// place of the engine error it caused (gSOAP often turns a refused read into EOF). A value
// that breaks its pattern, length or type names its element in Veld.
void InstallFaultMapping(struct soap* soap);

}  // namespace isi
