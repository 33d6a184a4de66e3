#include "tests/support/raw_tls.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <regex>
#include <vector>

// OpenSSL's SSL_CTX_* / SSL_* macros use C casts.
#pragma GCC diagnostic ignored "-Wold-style-cast"

namespace isi::testing {
namespace {

std::string LastOpenSslError() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "no OpenSSL error" : out;
}

int ConnectLoopback(int port, int timeout_ms) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

TlsConnection::TlsConnection(int port, const TlsOptions& o, int timeout_ms) {
  // A server that refuses early closes while we still write: that must not kill the test.
  std::signal(SIGPIPE, SIG_IGN);
  ERR_clear_error();
  ctx_ = SSL_CTX_new(TLS_client_method());
  if (ctx_ == nullptr) {
    error_ = LastOpenSslError();
    return;
  }
  if (o.legacy) SSL_CTX_set_security_level(ctx_, 0);
  if (o.min_version != 0) SSL_CTX_set_min_proto_version(ctx_, o.min_version);
  if (o.max_version != 0) SSL_CTX_set_max_proto_version(ctx_, o.max_version);
  if (!o.ciphers.empty() && SSL_CTX_set_cipher_list(ctx_, o.ciphers.c_str()) != 1) {
    error_ = "cipher list: " + LastOpenSslError();
    return;
  }
  if (!o.groups.empty() && SSL_CTX_set1_groups_list(ctx_, o.groups.c_str()) != 1) {
    error_ = "groups: " + LastOpenSslError();
    return;
  }
  SSL_CTX_load_verify_locations(ctx_, o.ca_file.c_str(), nullptr);
  SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
  if (!o.client_cert.empty() &&
      (SSL_CTX_use_certificate_chain_file(ctx_, o.client_cert.c_str()) != 1 ||
       SSL_CTX_use_PrivateKey_file(ctx_, o.client_key.c_str(), SSL_FILETYPE_PEM) != 1)) {
    error_ = "client certificate: " + LastOpenSslError();
    return;
  }
  fd_ = ConnectLoopback(port, timeout_ms);
  if (fd_ < 0) {
    error_ = "connect failed";
    return;
  }
  ssl_ = SSL_new(ctx_);
  SSL_set_fd(ssl_, fd_);
  SSL_set_tlsext_host_name(ssl_, "localhost");
  SSL_set1_host(ssl_, "localhost");
  if (SSL_connect(ssl_) == 1) {
    ok_ = true;
  } else {
    error_ = LastOpenSslError();
  }
}

TlsConnection::~TlsConnection() {
  if (ssl_ != nullptr) SSL_free(ssl_);
  if (fd_ >= 0) ::close(fd_);
  if (ctx_ != nullptr) SSL_CTX_free(ctx_);
}

std::string TlsConnection::version() const { return ssl_ != nullptr ? SSL_get_version(ssl_) : ""; }

std::string TlsConnection::cipher() const {
  const char* name = ssl_ != nullptr ? SSL_get_cipher_name(ssl_) : nullptr;
  return name != nullptr ? name : "";
}

bool TlsConnection::Send(const std::string& bytes) {
  if (!ok_) return false;
  size_t sent = 0;
  while (sent < bytes.size()) {
    const int chunk = static_cast<int>(std::min<size_t>(bytes.size() - sent, 16384));
    const int n = SSL_write(ssl_, bytes.data() + sent, chunk);
    if (n <= 0) {
      error_ = LastOpenSslError();
      return false;
    }
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string TlsConnection::ReadUntilClose() {
  std::string out;
  if (ssl_ == nullptr) return out;
  char buf[4096];
  for (;;) {
    const int n = SSL_read(ssl_, buf, sizeof buf);
    if (n <= 0) {
      if (SSL_get_error(ssl_, n) != SSL_ERROR_ZERO_RETURN) error_ = LastOpenSslError();
      break;
    }
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

bool TlsConnection::Renegotiate() {
  if (!ok_) return false;
  if (SSL_renegotiate(ssl_) != 1) {
    error_ = LastOpenSslError();
    return false;
  }
  // The new ClientHello goes out now; a server that refuses answers with a no_renegotiation
  // alert (or not at all, and the read times out).
  if (SSL_do_handshake(ssl_) != 1) {
    error_ = LastOpenSslError();
    return false;
  }
  return true;
}

int HttpStatus(const std::string& response) {
  static const std::regex status_line("^HTTP/1\\.[01] ([0-9]{3})");
  std::smatch m;
  return std::regex_search(response, m, status_line) ? std::stoi(m[1]) : 0;
}

int ServerHelloCompression(int port) {
  auto u16 = [](std::vector<uint8_t>* v, unsigned x) {
    v->push_back(static_cast<uint8_t>(x >> 8));
    v->push_back(static_cast<uint8_t>(x));
  };
  std::vector<uint8_t> ext;
  // supported_groups: x25519, secp256r1, secp384r1
  u16(&ext, 0x000a), u16(&ext, 8), u16(&ext, 6), u16(&ext, 0x001d), u16(&ext, 0x0017), u16(&ext, 0x0018);
  // ec_point_formats: uncompressed
  u16(&ext, 0x000b), u16(&ext, 2), ext.push_back(1), ext.push_back(0);
  // signature_algorithms: ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256
  u16(&ext, 0x000d), u16(&ext, 8), u16(&ext, 6), u16(&ext, 0x0403), u16(&ext, 0x0804), u16(&ext, 0x0401);
  // renegotiation_info (empty)
  u16(&ext, 0xff01), u16(&ext, 1), ext.push_back(0);

  std::vector<uint8_t> hello;  // ClientHello body
  u16(&hello, 0x0303);          // TLS 1.2
  for (int i = 0; i < 32; ++i) hello.push_back(static_cast<uint8_t>(i * 7 + 1));  // random
  hello.push_back(0);                                                          // no session id
  const unsigned suites[] = {0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8};  // ECDHE + AEAD
  u16(&hello, sizeof suites / sizeof suites[0] * 2);
  for (unsigned s : suites) u16(&hello, s);
  hello.push_back(2), hello.push_back(1), hello.push_back(0);  // compression: DEFLATE, null
  u16(&hello, static_cast<unsigned>(ext.size()));
  hello.insert(hello.end(), ext.begin(), ext.end());

  std::vector<uint8_t> record = {22, 3, 1};  // handshake record, TLS 1.0 on the record layer
  u16(&record, static_cast<unsigned>(hello.size() + 4));
  record.push_back(1);  // ClientHello
  record.push_back(0);
  u16(&record, static_cast<unsigned>(hello.size()));
  record.insert(record.end(), hello.begin(), hello.end());

  int fd = ConnectLoopback(port, 5000);
  if (fd < 0) return -1;
  int result = -1;
  if (::send(fd, record.data(), record.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(record.size())) {
    // Record header (5) + handshake header (4) + version (2) + random (32) + session id length.
    std::vector<uint8_t> in;
    uint8_t buf[4096];
    while (in.size() < 44) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      in.insert(in.end(), buf, buf + n);
    }
    if (in.size() >= 44 && in[0] == 22 && in[5] == 2) {  // a ServerHello
      const size_t at = 43 + 1 + in[43] + 2;             // after session id and cipher suite
      while (in.size() <= at) {
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        in.insert(in.end(), buf, buf + n);
      }
      if (in.size() > at) result = in[at];
    }
  }
  ::close(fd);
  return result;
}

}  // namespace isi::testing
