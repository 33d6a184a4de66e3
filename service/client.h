// IsiClient: a thin client over the generated proxy, for isi-client and the integration tests.
//
// Sets up TLS (the CA to trust; TLS 1.2+; optionally a client certificate for mutual TLS), HTTP
// Basic with the application key, and turns the answer into either the generated response object
// or a ClientFault carrying the fault code and detail of the contract. A response lives until the
// next call on the same client.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "isiIsiBindingProxy.h"

namespace isi {

struct ClientOptions {
  std::string endpoint;  // https://host:port/
  std::string ca_file;   // PEM CA that signed the server certificate
  std::string key_id;
  std::string password;
  int timeout_s = 30;
  // Client certificate for mutual TLS (isi-server --client-ca): the PEM certificate (chain) and
  // its unencrypted PEM private key. Both or neither; empty: no client certificate.
  std::string cert_file;
  std::string cert_key_file;
};

// Checks a client certificate before any connection: `cert_file` must be a readable PEM
// certificate (chain) and `key_file` the readable, unencrypted PEM private key of that
// certificate. Returns an empty string when they are, otherwise a message naming the file and
// what is wrong (missing, unreadable, not PEM, encrypted, or a key of another certificate).
std::string CheckClientCertificate(const std::string& cert_file, const std::string& key_file);

// A SOAP fault as the contract describes it (or a transport failure, code "Transport").
struct ClientFault {
  std::string faultcode;  // e.g. "isi:NietGevonden"
  std::string code;       // detail Code, e.g. "NietGevonden"; "Transport" when no SOAP answer
  std::string melding;
  std::string veld;
  int http_status = 0;
};

class IsiClient {
 public:
  explicit IsiClient(ClientOptions options);
  ~IsiClient();
  IsiClient(const IsiClient&) = delete;
  IsiClient& operator=(const IsiClient&) = delete;

  // The client's gSOAP context, for conversions (soap_s2isi__...). Do not allocate request
  // fields in it: each call first frees what the previous call allocated there. Point optional
  // request fields at the caller's own variables.
  struct soap* soap() { return proxy_.soap; }

  // Each call returns the response, or null with `fault` filled. A client certificate that
  // cannot be used (see CheckClientCertificate, or only one of cert_file/cert_key_file given)
  // is a fault with code "Transport" before anything is sent.
  const _isi__RaadplegenPersoonResponse* RaadplegenPersoon(const std::string& gemeentecode,
                                                           const std::optional<std::string>& bsn,
                                                           const std::optional<std::string>& anummer,
                                                           ClientFault* fault);
  const _isi__OnderWelkeWetResponse* OnderWelkeWet(_isi__OnderWelkeWet& request, ClientFault* fault);
  const _isi__ZoekenPersonenResponse* ZoekenPersonen(_isi__ZoekenPersonen& request, ClientFault* fault);
  const _isi__ZoekenSignalenResponse* ZoekenSignalen(_isi__ZoekenSignalen& request, ClientFault* fault);
  const _isi__ZoekenSignaalwijzigingenResponse* ZoekenSignaalwijzigingen(
      _isi__ZoekenSignaalwijzigingen& request, ClientFault* fault);
  const _isi__WijzigenSignaalstatusResponse* WijzigenSignaalstatus(_isi__WijzigenSignaalstatus& request,
                                                                   ClientFault* fault);
  const _isi__OpvragenBestandenlijstResponse* OpvragenBestandenlijst(_isi__OpvragenBestandenlijst& request,
                                                                     ClientFault* fault);
  // The file arrives as an MTOM attachment (or inline base64 when request.Inline is true);
  // either way response->Inhoud holds its bytes.
  const _isi__OphalenBestandResponse* OphalenBestand(_isi__OphalenBestand& request, ClientFault* fault);

  // Registrations (role 5).
  const _isi__MuterenHandhavingResponse* MuterenHandhaving(_isi__MuterenHandhaving& request, ClientFault* fault);
  const _isi__MuterenVoorzieningResponse* MuterenVoorziening(_isi__MuterenVoorziening& request, ClientFault* fault);
  const _isi__MuterenVrijstellingResponse* MuterenVrijstelling(_isi__MuterenVrijstelling& request, ClientFault* fault);
  const _isi__MuterenIndicatieResponse* MuterenIndicatie(_isi__MuterenIndicatie& request, ClientFault* fault);
  const _isi__MuterenOntheffingResponse* MuterenOntheffing(_isi__MuterenOntheffing& request, ClientFault* fault);

  // Writes the last successful response as indented XML (the body only) to `out`.
  void WriteLastResponse(std::ostream& out);

 private:
  bool Prepare(ClientFault* fault);
  void Collect(ClientFault* fault);
  // Runs `call` (which sends the request and fills the response) and keeps `writer` to print it.
  bool Run(const std::function<int()>& call, std::function<void()> writer, ClientFault* fault);

  ClientOptions options_;
  IsiBindingProxy proxy_;
  bool tls_ready_ = false;
  std::function<void()> write_last_;
};

}  // namespace isi
