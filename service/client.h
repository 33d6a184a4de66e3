// IsiClient: a thin client over the generated proxy, for isi-client and the integration tests.
//
// Sets up TLS (the CA to trust; TLS 1.2+), HTTP Basic with the application key, and turns the
// answer into either the generated response object or a ClientFault carrying the fault code
// and detail of the contract.
#pragma once

#include <memory>
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
};

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

  // Calls RaadplegenPersoon. On success returns the response (owned by this client until the
  // next call) and leaves `fault` empty; otherwise returns null and fills `fault`.
  const _isi__RaadplegenPersoonResponse* RaadplegenPersoon(const std::string& gemeentecode,
                                                           const std::optional<std::string>& bsn,
                                                           const std::optional<std::string>& anummer,
                                                           ClientFault* fault);

  // Writes the last successful response as indented XML to `out`.
  void WriteLastResponse(std::ostream& out);

 private:
  bool Prepare(ClientFault* fault);
  void Collect(ClientFault* fault);

  ClientOptions options_;
  IsiBindingProxy proxy_;
  _isi__RaadplegenPersoonResponse raadplegen_response_;
  bool tls_ready_ = false;
};

}  // namespace isi
