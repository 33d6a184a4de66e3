#include "service/config.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

namespace isi {

int ParseServerCommandLine(int argc, char** argv, ServerConfig* c) {
  CLI::App app{"isi-server: ISI-koppeling SOAP service (Wet inburgering 2007) over TLS"};
  app.set_config("--config", "", "Configuration file (INI/TOML; keys as the long options, e.g. port = 8443)");
  app.add_option("--listen", c->listen, "Address to listen on")->capture_default_str();
  app.add_option("--port", c->port, "TCP port; 0 picks a free port and prints it")
      ->capture_default_str()->check(CLI::Range(0, 65535));
  app.add_option("--public-url", c->public_url,
                 "Address published as soap:address in the WSDL (default https://localhost:<port>/)");
  app.add_option("--cert", c->cert_file, "PEM file with the server certificate (chain)")->required();
  app.add_option("--key", c->key_file, "PEM file with the server's private key")->required();
  app.add_option("--client-ca", c->client_ca_file,
                 "PEM CA file; when given, every client must present a certificate signed by it, "
                 "and every key must be bound to the certificate it comes with (isi-admin key "
                 "create/set-certificate --certificaat-subject)");
  app.add_option("--client-cert-binding", c->client_cert_binding,
                 "Only with --client-ca: 'required' (the default): a key bound to no certificate "
                 "is refused; 'registered': such a key passes with any certificate of the CA "
                 "(while keys are being bound). A key bound to another certificate is always "
                 "refused")
      ->check(CLI::IsMember({kClientCertBindingRequired, kClientCertBindingRegistered}));
  app.add_option("--store", c->store_path, "The ISI store (SQLite file made by isi-admin init)")->required();
  app.add_option("--extracts", c->extracts_dir,
                 "Directory of the extract files (isi-admin extract build --dir); without it the file list is empty");
  app.add_option("--store-busy-timeout-ms", c->store_busy_timeout_ms,
                 "How long a write waits for the store's write lock (a refresh commit) before giving up")
      ->capture_default_str()->check(CLI::Range(100, 600000));
  app.add_option("--store-mmap-mb", c->store_mmap_mb,
                 "Read the store through a memory map of at most this many MiB (0: with read()); "
                 "an I/O error on the disk then stops the server instead of failing a request")
      ->capture_default_str()->check(CLI::Range(0, 2047));
  app.add_option("--workers", c->workers, "Worker threads")->capture_default_str()->check(CLI::Range(1, 256));
  app.add_option("--max-connections", c->max_connections,
                 "Open client connections at most; beyond it the longest-waiting connection that is "
                 "not being answered is closed, or new ones wait in the listen backlog")
      ->capture_default_str()->check(CLI::Range(8, 65536));
  app.add_option("--recv-timeout", c->recv_timeout_s,
                 "Seconds a connection may stay silent (TLS handshake, between bytes, idle keep-alive)")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  app.add_option("--send-timeout", c->send_timeout_s, "Seconds a send may stall")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  app.add_option("--transfer-timeout", c->transfer_timeout_s,
                 "Seconds for a whole request (from its first byte) or response")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  app.add_option("--max-keep-alive", c->max_keep_alive, "Requests per connection")
      ->capture_default_str()->check(CLI::Range(1, 1000000));
  app.add_option("--max-request-bytes", c->max_request_bytes, "Largest request body accepted (larger: HTTP 413)")
      ->capture_default_str()->check(CLI::Range(int64_t{1024}, int64_t{16} * 1024 * 1024));
  app.add_option("--max-header-bytes", c->max_header_bytes, "Largest HTTP request header accepted (larger: HTTP 431)")
      ->capture_default_str()->check(CLI::Range(1024, 65536));
  app.add_option("--max-header-fields", c->max_header_fields, "Most HTTP header lines accepted (more: HTTP 431)")
      ->capture_default_str()->check(CLI::Range(8, 1000));
  app.add_option("--max-xml-attributes", c->max_xml_attributes, "Most attributes accepted on one XML element")
      ->capture_default_str()->check(CLI::Range(8, 1024));
  app.add_option("--max-xml-depth", c->max_xml_depth, "Deepest XML nesting accepted")
      ->capture_default_str()->check(CLI::Range(8, 1000));
  app.add_option("--max-occurs", c->max_occurs, "Most repetitions of one element accepted")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  app.add_option("--auth-cache-seconds", c->auth_cache_seconds,
                 "How long a verified password is remembered (0: verify every request)")
      ->capture_default_str()->check(CLI::Range(0, 86400));
  app.add_option("--max-parallel-hashes", c->max_parallel_hashes,
                 "Concurrent argon2id password checks (19 MiB each)")
      ->capture_default_str()->check(CLI::Range(1, 64));
  app.add_option("--max-auth-failures", c->max_auth_failures,
                 "Failed logins of one key within the window before it is locked (0: no limit)")
      ->capture_default_str()->check(CLI::Range(0, 1000000));
  app.add_option("--auth-failure-window", c->auth_failure_window_s, "Window for counting failed logins, seconds")
      ->capture_default_str()->check(CLI::Range(1, 86400 * 7));
  app.add_option("--auth-lock-seconds", c->auth_lock_s, "How long a key stays locked, seconds")
      ->capture_default_str()->check(CLI::Range(1, 86400 * 7));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return -1;
}

Status ValidateServerConfig(const ServerConfig& c) {
  auto readable = [](const std::string& path, const char* option) -> Status {
    if (access(path.c_str(), R_OK) != 0)
      return Status::InvalidArgument(std::string(option) + ": cannot read " + path, option);
    return Status::Ok();
  };
  if (Status s = readable(c.cert_file, "--cert"); !s.ok()) return s;
  if (Status s = readable(c.key_file, "--key"); !s.ok()) return s;
  if (!c.client_ca_file.empty())
    if (Status s = readable(c.client_ca_file, "--client-ca"); !s.ok()) return s;
  // Without --client-ca no key is checked against a certificate: refuse a setting that says
  // otherwise rather than run without the check it asks for.
  if (!c.client_cert_binding.empty()) {
    if (c.client_cert_binding != kClientCertBindingRequired &&
        c.client_cert_binding != kClientCertBindingRegistered)
      return Status::InvalidArgument("--client-cert-binding must be 'required' or 'registered'",
                                     "--client-cert-binding");
    if (c.client_ca_file.empty())
      return Status::InvalidArgument(
          "--client-cert-binding needs --client-ca (without it no client certificate is asked for)",
          "--client-cert-binding");
  }
  if (Status s = readable(c.store_path, "--store"); !s.ok()) return s;
  if (!c.extracts_dir.empty())
    if (Status s = readable(c.extracts_dir, "--extracts"); !s.ok()) return s;
  struct Limit {
    const char* option;
    int64_t value, min, max;
  };
  const Limit limits[] = {
      {"--port", c.port, 0, 65535},
      {"--workers", c.workers, 1, 256},
      {"--store-busy-timeout-ms", c.store_busy_timeout_ms, 100, 600000},
      {"--store-mmap-mb", c.store_mmap_mb, 0, 2047},
      {"--max-connections", c.max_connections, 8, 65536},
      {"--recv-timeout", c.recv_timeout_s, 1, 3600},
      {"--send-timeout", c.send_timeout_s, 1, 3600},
      {"--transfer-timeout", c.transfer_timeout_s, 1, 3600},
      {"--max-keep-alive", c.max_keep_alive, 1, 1000000},
      {"--max-request-bytes", c.max_request_bytes, 1024, int64_t{16} * 1024 * 1024},
      {"--max-header-bytes", c.max_header_bytes, 1024, 65536},
      {"--max-header-fields", c.max_header_fields, 8, 1000},
      {"--max-xml-attributes", c.max_xml_attributes, 8, 1024},
      {"--max-xml-depth", c.max_xml_depth, 8, 1000},
      {"--max-occurs", c.max_occurs, 1, 100000},
      {"--auth-cache-seconds", c.auth_cache_seconds, 0, 86400},
      {"--max-parallel-hashes", c.max_parallel_hashes, 1, 64},
      {"--max-auth-failures", c.max_auth_failures, 0, 1000000},
      {"--auth-failure-window", c.auth_failure_window_s, 1, 86400 * 7},
      {"--auth-lock-seconds", c.auth_lock_s, 1, 86400 * 7},
  };
  for (const Limit& l : limits)
    if (l.value < l.min || l.value > l.max)
      return Status::InvalidArgument(std::string(l.option) + " must be between " + std::to_string(l.min) +
                                         " and " + std::to_string(l.max),
                                     l.option);
  if (!c.public_url.empty() && c.public_url.rfind("https://", 0) != 0 &&
      c.public_url.rfind("http://", 0) != 0)
    return Status::InvalidArgument("--public-url must start with https://", "--public-url");
  return Status::Ok();
}

}  // namespace isi
