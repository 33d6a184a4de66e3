// Server: binds, accepts and serves isi-koppeling over TLS with a bounded worker pool.
//
// One acceptor thread puts accepted sockets on a bounded queue; a fixed number of workers take
// them, each with its own IsiService (gSOAP context + store connection). When the queue is full
// the acceptor stops accepting, so the kernel backlog absorbs the excess. Timeouts bound how
// long an idle or slow client can hold a worker.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "model/clock.h"
#include "model/status.h"
#include "service/auth.h"
#include "service/config.h"
#include "service/isi_service.h"

namespace isi {

class Server {
 public:
  // Opens one store connection per worker, sets up TLS, binds and starts serving. Errors in the
  // configuration (files, address in use, store) come back as a Status with a clear message;
  // nothing is left running then. `clock` must outlive the server.
  static Status Start(const ServerConfig& config, const Clock& clock, std::unique_ptr<Server>* out);

  ~Server();  // Shutdown() if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound (useful with port 0).
  int port() const { return port_; }
  // The URL published in the WSDL.
  const std::string& public_url() const { return env_.wsdl_url; }

  // Stops accepting, lets workers answer the request they are serving, ends idle keep-alive
  // connections at once, and joins all threads. Idempotent.
  void Shutdown();

 private:
  struct Env : ServiceEnvironment {
    std::string wsdl_url;
  };
  Server() = default;
  void AcceptLoop();
  void WorkerLoop(IsiService* service);

  ServerConfig config_;
  Env env_;
  std::unique_ptr<Authenticator> authenticator_;
  struct soap* master_ = nullptr;  // listening context; owns the TLS context
  int port_ = 0;

  std::vector<std::unique_ptr<IsiService>> services_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;

  std::mutex mu_;
  std::condition_variable queue_not_empty_;
  std::condition_variable queue_not_full_;
  std::deque<SOAP_SOCKET> queue_;  // guarded by mu_
  std::atomic<bool> stopping_{false};
};

}  // namespace isi
