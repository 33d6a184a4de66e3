#include "service/server.h"

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include <cstdio>
#include <string>

#include "service/tls.h"
#include "service/wsdl_text.h"

namespace isi {
namespace {

const char kWsdlPlaceholder[] = "https://localhost:8443/";

std::string WithAddress(std::string wsdl, const std::string& url) {
  const auto at = wsdl.find(kWsdlPlaceholder);
  if (at != std::string::npos) wsdl.replace(at, sizeof kWsdlPlaceholder - 1, url);
  return wsdl;
}

int BoundPort(SOAP_SOCKET s) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return 0;
  if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
  return 0;
}

}  // namespace

StoreOptions StoreOptionsFor(const ServerConfig& config) {
  StoreOptions options;
  options.busy_timeout_ms = config.store_busy_timeout_ms;
  options.mmap_bytes = int64_t{config.store_mmap_mb} * 1024 * 1024;
  return options;
}

ProtocolLogOptions ProtocolLogOptionsFor(const ServerConfig& config) {
  ProtocolLogOptions options;
  options.create_if_missing = true;
  options.busy_timeout_ms = config.store_busy_timeout_ms;
  return options;
}

ConnectionLimits ConnectionLimitsFor(const ServerConfig& c) {
  ConnectionLimits limits;
  limits.silence = std::chrono::seconds(c.recv_timeout_s);
  limits.request_time = std::chrono::seconds(c.transfer_timeout_s);
  limits.max_connections = c.max_connections;
  limits.requests_per_connection = c.max_keep_alive;
  limits.framing.max_header_bytes = static_cast<size_t>(c.max_header_bytes);
  limits.framing.max_body_bytes = static_cast<uint64_t>(c.max_request_bytes);
  // Header and body at their limits, and room for chunk framing and a pipelined request's start.
  limits.max_request_bytes =
      static_cast<size_t>(c.max_header_bytes) + static_cast<size_t>(c.max_request_bytes) + 16 * 1024;
  return limits;
}

Status RaiseDescriptorLimit(const ServerConfig& c) {
  // Per connection one socket; per worker a store connection (database, WAL, shared memory)
  // and an extract file; the protocol file's two connections; listening socket, epoll, stdio.
  const rlim_t need = static_cast<rlim_t>(c.max_connections) + static_cast<rlim_t>(c.workers) * 4 + 64;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return Status::Internal("getrlimit(RLIMIT_NOFILE) failed");
  if (limit.rlim_cur >= need) return Status::Ok();
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < need)
    return Status::InvalidArgument("--max-connections " + std::to_string(c.max_connections) + " and --workers " +
                                       std::to_string(c.workers) + " need " + std::to_string(need) +
                                       " file descriptors; the hard limit (ulimit -Hn) is " +
                                       std::to_string(limit.rlim_max),
                                   "--max-connections");
  limit.rlim_cur = need;
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) return Status::Internal("setrlimit(RLIMIT_NOFILE) failed");
  return Status::Ok();
}

Status Server::Start(const ServerConfig& config, const Clock& clock, std::unique_ptr<Server>* out) {
  if (Status s = RaiseDescriptorLimit(config); !s.ok()) return s;
  std::unique_ptr<Server> server(new Server());
  server->config_ = config;
  server->authenticator_ =
      std::make_unique<Authenticator>(clock, config.auth_cache_seconds, config.max_parallel_hashes);
  server->authenticator_->SetLockPolicy(config.max_auth_failures, config.auth_failure_window_s,
                                        config.auth_lock_s);
  server->env_.config = &server->config_;
  server->env_.authenticator = server->authenticator_.get();
  server->env_.clock = &clock;

  server->master_ = soap_new();
  if (server->master_ == nullptr) return Status::Internal("out of memory");
  ConfigureServiceContext(server->master_, server->config_);
  if (Status s = ConfigureServerTls(server->master_, server->config_); !s.ok()) return s;

  // The protocol file beside the store (created at the first start), shared by all workers.
  {
    if (Status s = OpenProtocolLog(config.store_path, ProtocolLogOptionsFor(config),
                                   &server->protocol_);
        !s.ok())
      return Status::InvalidArgument("--store " + config.store_path + ": " + s.message(), "--store");
    server->env_.protocol = server->protocol_.get();
  }

  // One store connection per worker, opened now so that a bad store stops start-up.
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < config.workers; ++i) {
    std::unique_ptr<Store> store;
    if (Status s = OpenSqliteStore(config.store_path, StoreOptionsFor(config), &store); !s.ok())
      return Status::InvalidArgument("--store " + config.store_path + ": " + s.message(), "--store");
    stores.push_back(std::move(store));
  }

  if (!soap_valid_socket(soap_bind(server->master_, config.listen.c_str(), config.port, 128))) {
    char buf[256];
    soap_sprint_fault(server->master_, buf, sizeof buf);
    return Status::InvalidArgument("cannot listen on " + config.listen + " port " +
                                       std::to_string(config.port) + ": " + buf,
                                   "--port");
  }
  server->port_ = BoundPort(server->master_->master);
  server->env_.wsdl_url = config.public_url.empty()
                              ? "https://localhost:" + std::to_string(server->port_) + "/"
                              : config.public_url;
  server->env_.wsdl = WithAddress(ContractWsdl(), server->env_.wsdl_url);

  for (auto& store : stores) {
    struct soap* copy = soap_copy(server->master_);
    if (copy == nullptr) return Status::Internal("out of memory");
    copy->master = SOAP_INVALID_SOCKET;  // workers never accept
    server->services_.push_back(std::make_unique<IsiService>(copy, &server->env_, std::move(store)));
  }
  std::vector<RequestAnswerer*> answerers;
  for (auto& service : server->services_) answerers.push_back(service.get());
  if (Status s = ConnectionServer::Start(server->master_->master, server->master_->ctx,
                                         ConnectionLimitsFor(config), answerers,
                                         &server->connections_);
      !s.ok()) {
    return s;
  }
  *out = std::move(server);
  return Status::Ok();
}

Server::~Server() {
  Shutdown();
  connections_.reset();
  services_.clear();
  if (master_ != nullptr) {
    soap_destroy(master_);
    soap_end(master_);
    soap_free(master_);
  }
}

void Server::Shutdown() {
  if (connections_ != nullptr) connections_->Shutdown();
  if (master_ != nullptr && soap_valid_socket(master_->master)) {
    ::close(master_->master);
    master_->master = SOAP_INVALID_SOCKET;
  }
}

}  // namespace isi
