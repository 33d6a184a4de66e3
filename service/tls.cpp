#include "service/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <string>

#include "isiH.h"

namespace isi {
namespace {

std::string OpenSslError() {
  unsigned long e = ERR_get_error();
  if (e == 0) return "unknown error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return buf;
}

// TLS 1.2 suites: ECDHE only, AEAD only. TLS 1.3 suites are all AEAD with (EC)DHE.
const char kTls12Ciphers[] =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
const char kTls13Suites[] = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
// Key exchange groups: elliptic curves only. OpenSSL's default list also offers the finite
// field groups (ffdhe2048 ...) to TLS 1.3 clients, which is DHE, not ECDHE.
const char kGroups[] = "X25519:P-256:P-384";

}  // namespace

Status ConfigureServerTls(struct soap* soap, const ServerConfig& c) {
  unsigned short flags = SOAP_SSL_DEFAULT | SOAP_SSL_NO_DEFAULT_CA_PATH | SOAP_TLSv1_2 | SOAP_TLSv1_3;
  const char* cafile = nullptr;
  if (!c.client_ca_file.empty()) {
    flags |= SOAP_SSL_REQUIRE_CLIENT_AUTHENTICATION;
    cafile = c.client_ca_file.c_str();
  }
  // No keyfile here: gSOAP wants key and certificate in one file; we load them separately below.
  if (soap_ssl_server_context(soap, flags, nullptr, nullptr, cafile, nullptr, nullptr, nullptr,
                              "isi-koppeling") != SOAP_OK || soap->ctx == nullptr)
    return Status::InvalidArgument("TLS context: " + OpenSslError(), "--client-ca");
  SSL_CTX* ctx = soap->ctx;
  if (SSL_CTX_use_certificate_chain_file(ctx, c.cert_file.c_str()) != 1)
    return Status::InvalidArgument("--cert " + c.cert_file + ": " + OpenSslError(), "--cert");
  if (SSL_CTX_use_PrivateKey_file(ctx, c.key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    return Status::InvalidArgument("--key " + c.key_file + ": " + OpenSslError(), "--key");
  if (SSL_CTX_check_private_key(ctx) != 1)
    return Status::InvalidArgument("--key does not belong to --cert: " + OpenSslError(), "--key");
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
  if (SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1 ||
      SSL_CTX_set_ciphersuites(ctx, kTls13Suites) != 1)
    return Status::Internal("TLS cipher configuration: " + OpenSslError());
  if (SSL_CTX_set1_groups_list(ctx, kGroups) != 1)
    return Status::Internal("TLS group configuration: " + OpenSslError());
  SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE);
  return Status::Ok();
}

}  // namespace isi
