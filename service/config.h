// ServerConfig: everything isi-server can be told, from flags and/or a config file.
#pragma once

#include <cstdint>
#include <string>

#include "model/status.h"

namespace isi {

// The values of --client-cert-binding.
inline constexpr const char kClientCertBindingRequired[] = "required";
inline constexpr const char kClientCertBindingRegistered[] = "registered";

struct ServerConfig {
  std::string listen = "127.0.0.1";  // address to bind
  int port = 8443;                    // 0 picks a free port
  std::string public_url;             // soap:address in the served WSDL; default https://localhost:<port>/
  std::string cert_file;              // PEM server certificate (chain)
  std::string key_file;               // PEM private key
  std::string client_ca_file;         // when set: client certificates required, signed by this CA
  // Only with --client-ca; every key must then be bound to the client certificate it comes with
  // (isi-admin key create/set-certificate: subject, optionally fingerprint), and a key bound to
  // another is refused. "required" (also when empty, the default): a key bound to none is
  // refused too. "registered": a key bound to none passes with any certificate of the CA (while
  // the keys are being bound).
  std::string client_cert_binding;
  std::string store_path;
  std::string extracts_dir;
  // How long a write (protocol record, status change, registration) waits for the store's write
  // lock, e.g. while `isi-admin refresh` commits, before the caller gets TijdelijkNietBeschikbaar.
  int store_busy_timeout_ms = 30000;
  // The store is read through a memory map of at most this many MiB (StoreOptions::mmap_bytes);
  // 0 reads it with read(). Shared by all workers, so it costs no memory per worker.
  int store_mmap_mb = 2047;           // built by `isi-admin extract build`; empty: no files
  // Worker threads, each with its own store connection. A worker waits for its protocol records
  // to be on disk before it answers, so the number of workers is the most requests that share
  // one fsync (BENCHMARKS.md: 4 workers 2,300 lookups/s, 16 workers 6,100/s).
  int workers = 16;
  int max_connections = 512;          // open client connections (each a file descriptor)
  int recv_timeout_s = 10;            // silence: TLS handshake, between bytes, idle keep-alive
  int send_timeout_s = 10;
  int transfer_timeout_s = 30;        // a whole request or response
  int max_keep_alive = 1000;          // requests per connection
  int64_t max_request_bytes = 64 * 1024;  // the body (after the HTTP header, de-chunked)
  int max_header_bytes = 8 * 1024;        // request line plus HTTP header lines
  int max_header_fields = 50;             // HTTP header lines
  int max_xml_attributes = 64;            // attributes on one element (parsing cost is quadratic)
  int max_xml_depth = 32;
  int max_occurs = 1000;
  int auth_cache_seconds = 300;
  int max_parallel_hashes = 2;        // concurrent argon2id checks (19 MiB each)
  int max_auth_failures = 100;        // failed logins of one key per window before it locks
  int auth_failure_window_s = 3600;
  int auth_lock_s = 3600;
};

// Parses the command line (and --config FILE, INI/TOML with the same keys as the long
// options). Returns -1 when the server should start with `*out`, or the exit code to stop
// with (0 after --help, 2 after a usage error, with a message on stderr).
int ParseServerCommandLine(int argc, char** argv, ServerConfig* out);

// Checks that files exist and are readable and that limits are sane. InvalidArgument with a
// message that names the option.
Status ValidateServerConfig(const ServerConfig& config);

}  // namespace isi
