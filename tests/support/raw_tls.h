// Raw TLS for hardening tests: a connection whose protocol versions, ciphers and client
// certificate the test chooses, that can send part of a request and watch the server answer
// or close early, with timeouts on every read and write so that a test never hangs. Plus a
// hand-made TLS 1.2 ClientHello to see which compression method the server picks.
#pragma once

#include <string>

struct ssl_st;
struct ssl_ctx_st;

namespace isi::testing {

struct TlsOptions {
  std::string ca_file;                  // trusted CA (the server certificate is verified)
  std::string client_cert, client_key;  // PEM; empty: no client certificate
  int min_version = 0;                  // e.g. TLS1_2_VERSION; 0: OpenSSL's default
  int max_version = 0;
  std::string ciphers;                  // cipher list for TLS <= 1.2; empty: default
  std::string groups;                   // key exchange groups offered ("ffdhe2048"); empty: default
  bool legacy = false;                  // security level 0, so old versions/ciphers can be offered
};

class TlsConnection {
 public:
  // Connects to 127.0.0.1:`port` and runs the handshake; ok() tells whether it completed.
  // Every later read and write gives up after `timeout_ms`.
  TlsConnection(int port, const TlsOptions& options, int timeout_ms = 5000);
  ~TlsConnection();
  TlsConnection(const TlsConnection&) = delete;
  TlsConnection& operator=(const TlsConnection&) = delete;

  bool ok() const { return ok_; }
  // OpenSSL's reason for the last failure (handshake, read or write), for messages.
  const std::string& error() const { return error_; }
  std::string version() const;  // "TLSv1.3", ...
  std::string cipher() const;   // the negotiated cipher suite

  // Sends all of `bytes`; false when the server stopped reading or closed first.
  bool Send(const std::string& bytes);
  // Everything the server sends until it closes the connection or the timeout passes.
  std::string ReadUntilClose();
  // The client asks for a renegotiation (TLS 1.2); true only when one completed.
  bool Renegotiate();

 private:
  int fd_ = -1;
  ssl_ctx_st* ctx_ = nullptr;
  ssl_st* ssl_ = nullptr;
  bool ok_ = false;
  std::string error_;
};

// The status code of an HTTP response (0 when `response` is not one).
int HttpStatus(const std::string& response);

// Sends a TLS 1.2 ClientHello offering DEFLATE and null compression (with ECDHE/AEAD suites) and
// returns the compression method of the ServerHello: 0 for none, 1 for DEFLATE, -1 when the
// server answered with something else (an alert) or nothing.
int ServerHelloCompression(int port);

}  // namespace isi::testing
