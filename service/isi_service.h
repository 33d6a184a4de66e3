// IsiService: the handwritten implementation of the generated service class.
//
// One instance per worker thread, each with its own gSOAP context (a copy of the listening
// context, sharing its TLS context) and its own store connection. Per request:
//   1. InputGuard refuses DTDs, invalid UTF-8 and compressed bodies while bytes arrive;
//   2. dispatch() authenticates the caller (HTTP Basic: key + password) and checks the role the
//      operation needs and the SOAPAction, before any body is deserialised; a refused
//      authentication is one line on stderr (auth.h: LogRefusedAuthentication);
//   3. the operation handler validates fields, checks the acting municipality, reads the store,
//      writes the protocol record and only then answers.
// Every failure leaves through SendFault (service/fault.h).
#pragma once

#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include "isiIsiBindingService.h"
#include "model/clock.h"
#include "model/registratie.h"
#include "service/auth.h"
#include "service/config.h"
#include "service/connection_server.h"
#include "service/input_guard.h"
#include "service/operations.h"
#include "store/protocol_log.h"
#include "store/store.h"

namespace isi {

// Shared by all workers; read-only once the server runs (the authenticator locks itself).
struct ServiceEnvironment {
  const ServerConfig* config = nullptr;
  Authenticator* authenticator = nullptr;
  const Clock* clock = nullptr;
  ProtocolLog* protocol = nullptr;  // protocollering, shared by all workers
  std::string wsdl;  // the contract with its soap:address set to the public URL
};

// Installs the MTOM streaming callbacks (handlers_bestanden.cpp).
void InstallAttachmentStreaming(struct soap* soap);

// Configures a freshly created listening context: modes, limits, timeouts, hooks (fault
// mapping, input guard, HTTP methods, ?wsdl). Copies made with soap_copy inherit all of it.
void ConfigureServiceContext(struct soap* soap, const ServerConfig& config);

class IsiService final : public IsiBindingService, public RequestAnswerer {
 public:
  // Takes ownership of `soap` (a soap_copy of the configured listening context) and `store`.
  IsiService(struct soap* context, const ServiceEnvironment* env, std::unique_ptr<Store> store);
  ~IsiService() override;
  IsiService(const IsiService&) = delete;
  IsiService& operator=(const IsiService&) = delete;

  // Answers one request read whole by the connection server (service/connection_server.h)
  // on its TLS connection; frees everything the request allocated.
  bool Answer(int socket, SSL* ssl, std::string_view bytes, bool complete,
              int requests_left) override;

  // Not used: workers are created explicitly. Returns nullptr.
  IsiBindingService* copy() override { return nullptr; }
  int dispatch() override;
  // Operations (handlers_personen.cpp, handlers_signalen.cpp).
  int RaadplegenPersoon(_isi__RaadplegenPersoon* request,
                        _isi__RaadplegenPersoonResponse& response) override;
  int OnderWelkeWet(_isi__OnderWelkeWet* request, _isi__OnderWelkeWetResponse& response) override;
  int ZoekenPersonen(_isi__ZoekenPersonen* request, _isi__ZoekenPersonenResponse& response) override;
  int ZoekenSignalen(_isi__ZoekenSignalen* request, _isi__ZoekenSignalenResponse& response) override;
  int ZoekenSignaalwijzigingen(_isi__ZoekenSignaalwijzigingen* request,
                               _isi__ZoekenSignaalwijzigingenResponse& response) override;
  int WijzigenSignaalstatus(_isi__WijzigenSignaalstatus* request,
                            _isi__WijzigenSignaalstatusResponse& response) override;
  // handlers_bestanden.cpp
  int OpvragenBestandenlijst(_isi__OpvragenBestandenlijst* request,
                             _isi__OpvragenBestandenlijstResponse& response) override;
  int OphalenBestand(_isi__OphalenBestand* request, _isi__OphalenBestandResponse& response) override;

  // handlers_registraties.cpp (role 5)
  int MuterenHandhaving(_isi__MuterenHandhaving* request, _isi__MuterenHandhavingResponse& response) override;
  int MuterenVoorziening(_isi__MuterenVoorziening* request, _isi__MuterenVoorzieningResponse& response) override;
  int MuterenVrijstelling(_isi__MuterenVrijstelling* request, _isi__MuterenVrijstellingResponse& response) override;
  int MuterenIndicatie(_isi__MuterenIndicatie* request, _isi__MuterenIndicatieResponse& response) override;
  int MuterenOntheffing(_isi__MuterenOntheffing* request, _isi__MuterenOntheffingResponse& response) override;

  // Closes the attachment being streamed: when `file` is it (the MTOM close callback), or
  // whatever is open when `file` is null (after each request and connection).
  void CloseAttachment(std::FILE* file);

  InputGuard* guard() { return &guard_; }
  const ServiceEnvironment& env() const { return *env_; }

 private:
  // The common part of a registration: checks municipality and BSN, runs `apply` (the rules)
  // inside the store's write transaction, and maps the stored dossier into `*mapped`. The
  // protocol record of the attempt is durable before the store is changed; a second record
  // gives the outcome. Returns SOAP_OK or the fault already set.
  int Registreer(const std::string& gemeentecode, const std::string& bsn, LONG64 versie,
                 const std::function<Status(const RegistratieContext&, Dossier*)>& apply,
                 Dossier* after, isi__Dossier** mapped);
  // The request's Gemeentecode is well-formed and the caller may act for it.
  Status ActFor(const std::string& gemeentecode) const;
  // Writes the protocol record of one lookup; the answer may only leave when this is Ok.
  Status Protocolleer(const std::string& gemeentecode, const std::string& bsn,
                      const std::string& outcome);
  // One protocol record per person delivered (selection and signal lists), consecutive in the
  // chain.
  Status ProtocolleerPersonen(const std::string& gemeentecode, const std::vector<std::string>& bsns,
                              const std::string& outcome);

  const ServiceEnvironment* env_;
  std::unique_ptr<Store> store_;
  InputGuard guard_;
  Caller caller_;                        // the authenticated caller of the current request
  const OperationInfo* operation_ = nullptr;
  std::FILE* attachment_ = nullptr;      // the file an MTOM answer streams from, if any
};

}  // namespace isi
