#include "service/client.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ostream>

namespace isi {
namespace {

// OpenSSL's reason for the last failure; empties the error queue.
std::string OpenSslError() {
  const unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  if (e == 0) return "unknown error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

// Never ask for a passphrase on the terminal: an encrypted key fails to load instead.
int NoPassphrase(char*, int, int, void*) { return 0; }

// Empty when `path` can be opened for reading, else why not.
std::string Unreadable(const char* what, const std::string& path) {
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    std::fclose(f);
    return "";
  }
  return std::string("cannot read ") + what + " " + path + ": " + std::strerror(errno);
}

// Loads the client certificate and its key into `ctx`; empty, or what is wrong (as
// CheckClientCertificate describes).
std::string LoadClientCertificate(SSL_CTX* ctx, const std::string& cert_file,
                                  const std::string& key_file) {
  if (cert_file.empty() || key_file.empty())
    return "a client certificate needs both the certificate and its private key";
  if (std::string e = Unreadable("client certificate", cert_file); !e.empty()) return e;
  if (std::string e = Unreadable("private key", key_file); !e.empty()) return e;
  ERR_clear_error();
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_file.c_str()) != 1)
    return "client certificate " + cert_file + " holds no usable PEM certificate (" +
           OpenSslError() + ")";
  // The key is read on its own first: SSL_CTX_use_PrivateKey_file reports a key of another
  // certificate and an unreadable key alike.
  EVP_PKEY* key = nullptr;
  if (BIO* in = BIO_new_file(key_file.c_str(), "r")) {
    key = PEM_read_bio_PrivateKey(in, nullptr, NoPassphrase, nullptr);
    BIO_free(in);
  }
  if (key == nullptr)
    return "private key " + key_file + " is not an unencrypted PEM private key (" + OpenSslError() +
           ")";
  const bool matches = SSL_CTX_use_PrivateKey(ctx, key) == 1 && SSL_CTX_check_private_key(ctx) == 1;
  EVP_PKEY_free(key);
  if (!matches) {
    ERR_clear_error();
    return "private key " + key_file + " does not belong to client certificate " + cert_file;
  }
  return "";
}

}  // namespace

std::string CheckClientCertificate(const std::string& cert_file, const std::string& key_file) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == nullptr) return "TLS context: " + OpenSslError();
  std::string problem = LoadClientCertificate(ctx, cert_file, key_file);
  SSL_CTX_free(ctx);
  return problem;
}

IsiClient::IsiClient(ClientOptions options)
    : options_(std::move(options)),
      proxy_(SOAP_IO_KEEPALIVE | SOAP_XML_STRICT | SOAP_C_UTFSTRING) {
  proxy_.soap_endpoint = options_.endpoint.c_str();
  proxy_.soap->connect_timeout = options_.timeout_s;
  proxy_.soap->send_timeout = options_.timeout_s;
  proxy_.soap->recv_timeout = options_.timeout_s;
}

IsiClient::~IsiClient() { proxy_.destroy(); }

bool IsiClient::Prepare(ClientFault* fault) {
  if (!tls_ready_) {
    if (soap_ssl_client_context(proxy_.soap, SOAP_SSL_DEFAULT | SOAP_TLSv1_2 | SOAP_TLSv1_3,
                                nullptr, nullptr, options_.ca_file.c_str(), nullptr, nullptr)) {
      Collect(fault);
      return false;
    }
    if (!options_.cert_file.empty() || !options_.cert_key_file.empty()) {
      std::string problem =
          proxy_.soap->ctx == nullptr
              ? "TLS context: " + OpenSslError()
              : LoadClientCertificate(proxy_.soap->ctx, options_.cert_file, options_.cert_key_file);
      if (!problem.empty()) {
        *fault = ClientFault{};
        fault->code = "Transport";
        fault->melding = std::move(problem);
        return false;
      }
    }
    tls_ready_ = true;
  }
  proxy_.soap->userid = options_.key_id.c_str();
  proxy_.soap->passwd = options_.password.c_str();
  return true;
}

void IsiClient::Collect(ClientFault* fault) {
  struct soap* soap = proxy_.soap;
  *fault = ClientFault{};
  fault->http_status = soap->status;
  if (soap->fault != nullptr && soap->fault->faultcode != nullptr)
    fault->faultcode = soap->fault->faultcode;
  const char* fs = soap_fault_string(soap);
  if (fs != nullptr) fault->melding = fs;
  if (soap->fault != nullptr && soap->fault->detail != nullptr &&
      soap->fault->detail->isi__Fout != nullptr) {
    const _isi__Fout* f = soap->fault->detail->isi__Fout;
    fault->code = f->Code;
    fault->melding = f->Melding;
    if (f->Veld != nullptr) fault->veld = *f->Veld;
  } else if (soap->error == 401) {
    // gSOAP clients do not read the body of a 401; the service sends NietGeauthenticeerd with it.
    fault->code = "NietGeauthenticeerd";
    fault->melding = "HTTP 401: applicatiesleutel of wachtwoord onjuist";
  } else {
    fault->code = "Transport";
    if (fault->melding.empty()) {
      char buf[512];
      soap_sprint_fault(soap, buf, sizeof buf);
      fault->melding = buf;
    }
  }
}

bool IsiClient::Run(const std::function<int()>& call, std::function<void()> writer,
                    ClientFault* fault) {
  write_last_ = nullptr;
  if (!Prepare(fault)) return false;
  if (call() != SOAP_OK) {
    Collect(fault);
    return false;
  }
  *fault = ClientFault{};
  write_last_ = std::move(writer);
  return true;
}

// Allocates the response in the proxy's context (freed at the next call), calls, keeps a writer.
#define ISI_CLIENT_CALL(Op, request, fault)                                                   \
  do {                                                                                        \
    proxy_.destroy();                                                                         \
    auto* response = soap_new__isi__##Op##Response(proxy_.soap);                             \
    struct soap* ctx = proxy_.soap;                                                           \
    if (!Run([&] { return proxy_.Op(&(request), *response); },                                \
             [ctx, response] { soap_write__isi__##Op##Response(ctx, response); }, fault))     \
      return nullptr;                                                                         \
    return response;                                                                          \
  } while (0)

const _isi__RaadplegenPersoonResponse* IsiClient::RaadplegenPersoon(
    const std::string& gemeentecode, const std::optional<std::string>& bsn,
    const std::optional<std::string>& anummer, ClientFault* fault) {
  _isi__RaadplegenPersoon request;
  request.Gemeentecode = gemeentecode;
  std::string bsn_value = bsn.value_or(""), anummer_value = anummer.value_or("");
  request.BSN = bsn ? &bsn_value : nullptr;
  request.ANummer = anummer ? &anummer_value : nullptr;
  ISI_CLIENT_CALL(RaadplegenPersoon, request, fault);
}

const _isi__OnderWelkeWetResponse* IsiClient::OnderWelkeWet(_isi__OnderWelkeWet& request,
                                                            ClientFault* fault) {
  ISI_CLIENT_CALL(OnderWelkeWet, request, fault);
}

const _isi__ZoekenPersonenResponse* IsiClient::ZoekenPersonen(_isi__ZoekenPersonen& request,
                                                              ClientFault* fault) {
  ISI_CLIENT_CALL(ZoekenPersonen, request, fault);
}

const _isi__ZoekenSignalenResponse* IsiClient::ZoekenSignalen(_isi__ZoekenSignalen& request,
                                                              ClientFault* fault) {
  ISI_CLIENT_CALL(ZoekenSignalen, request, fault);
}

const _isi__ZoekenSignaalwijzigingenResponse* IsiClient::ZoekenSignaalwijzigingen(
    _isi__ZoekenSignaalwijzigingen& request, ClientFault* fault) {
  ISI_CLIENT_CALL(ZoekenSignaalwijzigingen, request, fault);
}

const _isi__WijzigenSignaalstatusResponse* IsiClient::WijzigenSignaalstatus(
    _isi__WijzigenSignaalstatus& request, ClientFault* fault) {
  ISI_CLIENT_CALL(WijzigenSignaalstatus, request, fault);
}

const _isi__OpvragenBestandenlijstResponse* IsiClient::OpvragenBestandenlijst(
    _isi__OpvragenBestandenlijst& request, ClientFault* fault) {
  ISI_CLIENT_CALL(OpvragenBestandenlijst, request, fault);
}

const _isi__OphalenBestandResponse* IsiClient::OphalenBestand(_isi__OphalenBestand& request,
                                                              ClientFault* fault) {
  ISI_CLIENT_CALL(OphalenBestand, request, fault);
}

const _isi__MuterenHandhavingResponse* IsiClient::MuterenHandhaving(_isi__MuterenHandhaving& request, ClientFault* fault) {
  ISI_CLIENT_CALL(MuterenHandhaving, request, fault);
}

const _isi__MuterenVoorzieningResponse* IsiClient::MuterenVoorziening(_isi__MuterenVoorziening& request, ClientFault* fault) {
  ISI_CLIENT_CALL(MuterenVoorziening, request, fault);
}

const _isi__MuterenVrijstellingResponse* IsiClient::MuterenVrijstelling(_isi__MuterenVrijstelling& request, ClientFault* fault) {
  ISI_CLIENT_CALL(MuterenVrijstelling, request, fault);
}

const _isi__MuterenIndicatieResponse* IsiClient::MuterenIndicatie(_isi__MuterenIndicatie& request, ClientFault* fault) {
  ISI_CLIENT_CALL(MuterenIndicatie, request, fault);
}

const _isi__MuterenOntheffingResponse* IsiClient::MuterenOntheffing(_isi__MuterenOntheffing& request, ClientFault* fault) {
  ISI_CLIENT_CALL(MuterenOntheffing, request, fault);
}

#undef ISI_CLIENT_CALL

void IsiClient::WriteLastResponse(std::ostream& out) {
  if (!write_last_) return;
  struct soap* soap = proxy_.soap;
  std::ostream* previous = soap->os;
  // SOAP_ENC_PLAIN: the XML only. The context still holds the keep-alive HTTP state of the
  // call, and would otherwise write HTTP headers in front of it.
  soap_set_omode(soap, SOAP_XML_INDENT | SOAP_ENC_PLAIN);
  soap->os = &out;
  write_last_();
  soap->os = previous;
  soap_clr_omode(soap, SOAP_XML_INDENT | SOAP_ENC_PLAIN);
  out << '\n';
}

}  // namespace isi
