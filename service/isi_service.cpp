#include "service/isi_service.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "service/buffered_request.h"
#include "service/fault.h"
#include "service/request_fields.h"

namespace isi {
namespace {

IsiService* ServiceOf(struct soap* soap) { return static_cast<IsiService*>(soap->user); }

InputGuard* GuardOf(struct soap* soap) {
  IsiService* svc = ServiceOf(soap);
  return svc != nullptr ? svc->guard() : nullptr;
}

bool EndsWithWsdlQuery(const char* path) {
  const char* q = std::strrchr(path, '?');
  return q != nullptr && strcasecmp(q, "?wsdl") == 0;
}

// GET: only "?wsdl" is served; everything else is 405.
int ServeGet(struct soap* soap) {
  IsiService* svc = ServiceOf(soap);
  if (svc == nullptr || !EndsWithWsdlQuery(soap->path)) return 405;
  const std::string& wsdl = svc->env().wsdl;
  soap->http_content = "text/xml; charset=utf-8";
  soap->length = wsdl.size();
  if (soap_response(soap, SOAP_FILE) || soap_send_raw(soap, wsdl.data(), wsdl.size()) ||
      soap_end_send(soap))
    return soap_closesock(soap);
  return SOAP_OK;
}

int MethodNotAllowed(struct soap*) { return 405; }

// Every HTTP header line of an answer passes here: the Server header names no product or
// version (gSOAP's default says "gSOAP/2.8").
std::atomic<int (*)(struct soap*, const char*, const char*)> g_default_posthdr{nullptr};
int PostHeader(struct soap* soap, const char* key, const char* val) {
  if (key != nullptr && strcasecmp(key, "Server") == 0) val = "isi-koppeling";
  return g_default_posthdr.load()(soap, key, val);
}

// gSOAP drops a POST whose body is not a SOAP envelope without a word (error SOAP_POST, which
// is above SOAP_STOP): answer it with a fault just before the connection closes. The fault's
// own close comes back here with another error code and passes through.
int AnswerNonSoapPost(struct soap* soap) {
  if (soap->error != SOAP_POST || !soap_valid_socket(soap->socket)) return SOAP_OK;
  // gSOAP reports a refused read (DTD, bad UTF-8) inside the envelope as SOAP_POST as well.
  InputGuard* guard = GuardOf(soap);
  soap->error = guard != nullptr && guard->violation() != 0 ? guard->violation() : kIsiErrorNotSoap;
  soap->keep_alive = 0;
  soap_send_fault(soap);
  return SOAP_OK;
}

// After the SOAP Header (present or not), before the Body: the contract is SOAP 1.1 only.
// gSOAP accepts a SOAP 1.2 envelope as well and would answer it like any other.
int RefuseSoap12(struct soap* soap) { return soap->version == 1 ? SOAP_OK : kIsiErrorSoapVersion; }

// Frees everything the request allocated before the next keep-alive request.
// After each answered request: free what it allocated and start counting the next one.
int EndOfRequest(struct soap* soap) {
  soap_destroy(soap);
  soap_end(soap);
  soap_clr_omode(soap, SOAP_ENC_MTOM);  // only an OphalenBestand answer is MTOM
  if (IsiService* svc = ServiceOf(soap)) svc->CloseAttachment(nullptr);
  if (InputGuard* guard = GuardOf(soap)) guard->StartRequest();
  return SOAP_OK;
}

// The peer's IP address of `socket` ("?" when unknown); IPv4-mapped IPv6 as plain IPv4.
std::string PeerAddress(int socket) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getpeername(socket, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "?";
  char text[INET6_ADDRSTRLEN] = "?";
  if (addr.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&addr)->sin_addr, text, sizeof text);
  } else if (addr.ss_family == AF_INET6) {
    const in6_addr& a6 = reinterpret_cast<sockaddr_in6*>(&addr)->sin6_addr;
    if (IN6_IS_ADDR_V4MAPPED(&a6))
      inet_ntop(AF_INET, &a6.s6_addr[12], text, sizeof text);
    else
      inet_ntop(AF_INET6, &a6, text, sizeof text);
  }
  return text;
}

// One line on stderr for a refused authentication (auth.h: LogRefusedAuthentication), with the
// key id as sent and the subject of the connection's client certificate, if any.
void LogRefusal(struct soap* soap, const Clock& clock, AuthRefusal refusal,
                const ClientCertificateCheck& certificate) {
  if (refusal == AuthRefusal::kNone || refusal == AuthRefusal::kNoCredentials) return;
  std::string subject;
  if (certificate.certificate != nullptr &&
      !CertificateIdentity(certificate.certificate, &subject, nullptr).ok())
    subject = "?";
  LogRefusedAuthentication(STDERR_FILENO, clock.NowUnixSeconds(), PeerAddress(soap->socket),
                           soap->userid, refusal, subject);
}

}  // namespace

void ConfigureServiceContext(struct soap* soap, const ServerConfig& c) {
  soap_set_mode(soap, SOAP_IO_KEEPALIVE | SOAP_XML_STRICT | SOAP_C_UTFSTRING);
  soap->send_timeout = c.send_timeout_s;
  soap->recv_timeout = c.recv_timeout_s;
  soap->transfer_timeout = c.transfer_timeout_s;
  soap->max_keep_alive = c.max_keep_alive;
  // The input guard enforces the limits on header and body with a reason (413, 431). gSOAP's
  // own limit counts both together and reports plain EOF: a backstop one buffer beyond.
  InputGuardLimits limits;
  limits.max_body_bytes = static_cast<uint64_t>(c.max_request_bytes);
  limits.max_header_bytes = static_cast<size_t>(c.max_header_bytes);
  limits.max_header_fields = c.max_header_fields;
  limits.max_attributes = c.max_xml_attributes;
  soap->recv_maxlength = static_cast<ULONG64>(c.max_request_bytes + c.max_header_bytes + SOAP_BUFLEN);
  soap->maxlevel = static_cast<unsigned int>(c.max_xml_depth);
  soap->maxoccurs = static_cast<size_t>(c.max_occurs);
  soap->maxlength = 4096;  // characters in any one string
  soap->bind_flags = SO_REUSEADDR;
  soap->fget = ServeGet;
  soap->fput = MethodNotAllowed;
  soap->fpatch = MethodNotAllowed;
  soap->fdel = MethodNotAllowed;
  soap->fopt = MethodNotAllowed;
  soap->fhead = MethodNotAllowed;
  soap->fserveloop = EndOfRequest;
  soap->fdisconnect = AnswerNonSoapPost;
  soap->fheader = RefuseSoap12;
  if (soap->fposthdr != PostHeader) {
    g_default_posthdr.store(soap->fposthdr);
    soap->fposthdr = PostHeader;
  }
  InstallFaultMapping(soap);
  InstallBufferedRequestIo(soap);  // first: the input guard wraps its receive hook
  InstallInputGuard(soap, GuardOf, limits);
  InstallAttachmentStreaming(soap);
}

IsiService::IsiService(struct soap* context, const ServiceEnvironment* env,
                       std::unique_ptr<Store> store)
    : IsiBindingService(context), env_(env), store_(std::move(store)) {
  this->soap->user = this;
}

IsiService::~IsiService() {
  destroy();
  soap_free(this->soap);  // a copy: frees the context, not the shared TLS context
}

bool IsiService::Answer(int socket, SSL* ssl, std::string_view bytes, bool complete,
                        int requests_left) {
  soap->recv_timeout = env_->config->recv_timeout_s;  // the fault mapping may have lifted them
  soap->send_timeout = env_->config->send_timeout_s;
  guard_.Reset();
  BufferedRequest request;
  request.socket = socket;
  request.ssl = ssl;
  request.bytes = bytes;
  request.complete = complete;
  request.requests_left = requests_left;
  const bool keep = ServeBufferedRequest(this, request);
  CloseAttachment(nullptr);
  soap_clr_omode(soap, SOAP_ENC_MTOM);
  return keep;
}

int IsiService::dispatch() {
  caller_ = Caller{};
  operation_ = nullptr;
  if (soap_peek_element(soap)) return soap->error;

  // Authentication before anything in the body is deserialised or looked up; under mutual TLS
  // the key must be bound to this connection's client certificate.
  const ClientCertificateCheck certificate = ClientCertificateCheckFor(*env_->config, soap->ssl);
  AuthRefusal refusal = AuthRefusal::kNone;
  Status s = env_->authenticator->Authenticate(*store_, soap->userid, soap->passwd, certificate,
                                               &caller_, &refusal);
  if (!s.ok()) {
    LogRefusal(soap, *env_->clock, refusal, certificate);
    return SendFault(soap, s);
  }

  operation_ = FindOperation(soap->tag);
  if (operation_ == nullptr) return IsiBindingService::dispatch();  // fault: unknown operation

  if (!caller_.HasRole(operation_->required_role))
    return SendFault(soap, Status::Forbidden(std::string("Voor ") + operation_->element + " is rol " +
                                             std::to_string(static_cast<int>(operation_->required_role)) +
                                             " nodig"));
  if (soap->action != nullptr && *soap->action != '\0' &&
      std::strcmp(soap->action, operation_->soap_action) != 0)
    return SendFault(soap, Status::InvalidArgument(
                               std::string("SOAPAction hoort niet bij operatie ") + operation_->element,
                               "SOAPAction"));
  return IsiBindingService::dispatch();
}

Status IsiService::ActFor(const std::string& gemeentecode) const {
  if (Status st = CheckGemeentecode(gemeentecode); !st.ok()) return st;
  return caller_.MayActFor(gemeentecode);
}

Status IsiService::ProtocolleerPersonen(const std::string& gemeentecode,
                                        const std::vector<std::string>& bsns,
                                        const std::string& outcome) {
  if (bsns.empty()) return Status::Ok();
  std::vector<AuditRecord> records(bsns.size());
  const int64_t now = env_->clock->NowUnixSeconds();
  for (size_t i = 0; i < bsns.size(); ++i) {
    records[i].at = now;
    records[i].key_id = caller_.key_id;
    records[i].gemeentecode = gemeentecode;
    records[i].operation = operation_ != nullptr ? operation_->element : "?";
    records[i].bsn = bsns[i];
    records[i].outcome = outcome;
  }
  if (!env_->protocol->Append(&records).ok())
    return Status::Unavailable("Protocollering mislukt; probeer het later opnieuw");
  return Status::Ok();
}

Status IsiService::Protocolleer(const std::string& gemeentecode, const std::string& bsn,
                                const std::string& outcome) {
  AuditRecord record;
  record.at = env_->clock->NowUnixSeconds();
  record.key_id = caller_.key_id;
  record.gemeentecode = gemeentecode;
  record.operation = operation_ != nullptr ? operation_->element : "?";
  record.bsn = bsn;
  record.outcome = outcome;
  Status s = env_->protocol->Append(&record);
  if (!s.ok()) return Status::Unavailable("Protocollering mislukt; probeer het later opnieuw");
  return s;
}

}  // namespace isi
