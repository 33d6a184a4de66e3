#include "service/server.h"

#include <sys/socket.h>
#include <netinet/in.h>

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

Status Server::Start(const ServerConfig& config, const Clock& clock, std::unique_ptr<Server>* out) {
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

  // One store connection per worker, opened now so that a bad store stops start-up.
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < config.workers; ++i) {
    std::unique_ptr<Store> store;
    StoreOptions options;
    options.busy_timeout_ms = config.store_busy_timeout_ms;
    if (Status s = OpenSqliteStore(config.store_path, options, &store); !s.ok())
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
  for (auto& service : server->services_)
    server->threads_.emplace_back(&Server::WorkerLoop, server.get(), service.get());
  server->acceptor_ = std::thread(&Server::AcceptLoop, server.get());
  *out = std::move(server);
  return Status::Ok();
}

Server::~Server() {
  Shutdown();
  services_.clear();
  if (master_ != nullptr) {
    soap_destroy(master_);
    soap_end(master_);
    soap_free(master_);
  }
}

void Server::AcceptLoop() {
  while (!stopping_.load()) {
    SOAP_SOCKET s = soap_accept(master_);
    if (!soap_valid_socket(s)) continue;  // timeout (to check stopping_) or a failed accept
    master_->socket = SOAP_INVALID_SOCKET;
    std::unique_lock<std::mutex> lock(mu_);
    queue_not_full_.wait(lock, [this] {
      return stopping_.load() || queue_.size() < static_cast<size_t>(config_.queue);
    });
    if (stopping_.load()) {
      ::close(s);
      break;
    }
    queue_.push_back(s);
    queue_not_empty_.notify_one();
  }
}

void Server::WorkerLoop(IsiService* service) {
  for (;;) {
    SOAP_SOCKET s;
    {
      std::unique_lock<std::mutex> lock(mu_);
      queue_not_empty_.wait(lock, [this] { return stopping_.load() || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and nothing left
      s = queue_.front();
      queue_.pop_front();
      queue_not_full_.notify_one();
    }
    if (stopping_.load()) {  // shutting down: do not start serving a new connection
      ::close(s);
      continue;
    }
    service->ServeConnection(s);
  }
}

void Server::Shutdown() {
  if (stopping_.exchange(true)) {
    if (acceptor_.joinable()) acceptor_.join();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_not_empty_.notify_all();
    queue_not_full_.notify_all();
  }
  if (acceptor_.joinable()) acceptor_.join();
  // Nothing new is accepted now; end what the workers are serving once it is answered. Their
  // queues are drained below (each queued socket is served and ends at its first idle wait).
  for (auto& service : services_) service->StopReading();
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (SOAP_SOCKET s : queue_) ::close(s);
    queue_.clear();
  }
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  if (master_ != nullptr && soap_valid_socket(master_->master)) {
    soap_closesock(master_);
    ::close(master_->master);
    master_->master = SOAP_INVALID_SOCKET;
  }
}

}  // namespace isi
