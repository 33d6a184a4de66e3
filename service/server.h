// Server: binds and serves isi-koppeling over TLS.
//
// Connections are read by one event loop and whole requests are answered by a fixed number of
// workers, each with its own IsiService (gSOAP context + store connection), sharing one
// protocol file (service/connection_server.h has the limits: silence, request time, open
// connections, request size). So the threads are fixed (workers, the event loop, the protocol
// file's checkpointer) and slow or idle clients never hold a worker.
#pragma once

#include <memory>
#include <vector>

#include "model/clock.h"
#include "model/status.h"
#include "service/auth.h"
#include "service/config.h"
#include "service/connection_server.h"
#include "service/isi_service.h"
#include "store/protocol_log.h"
#include "store/store.h"

namespace isi {

// How each worker's store connection is opened (busy timeout, memory map), and the protocol
// file (created at the first start). The fuzz harness opens them the same way.
StoreOptions StoreOptionsFor(const ServerConfig& config);
ProtocolLogOptions ProtocolLogOptionsFor(const ServerConfig& config);

// The connection limits of `config` (timeouts, open connections, request sizes).
ConnectionLimits ConnectionLimitsFor(const ServerConfig& config);

// Makes sure the process may open the file descriptors `config` needs (raising the soft limit
// up to the hard one); InvalidArgument naming --max-connections when it cannot.
Status RaiseDescriptorLimit(const ServerConfig& config);

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

  // Stops accepting, lets workers finish the answers they are writing, closes every connection
  // (idle keep-alive ones at once) and joins all threads. Idempotent.
  void Shutdown();

 private:
  struct Env : ServiceEnvironment {
    std::string wsdl_url;
  };
  Server() = default;

  ServerConfig config_;
  Env env_;
  std::unique_ptr<Authenticator> authenticator_;
  std::unique_ptr<ProtocolLog> protocol_;  // outlives the workers (declared before services_)
  struct soap* master_ = nullptr;  // listening context; owns the TLS context
  int port_ = 0;

  std::vector<std::unique_ptr<IsiService>> services_;
  std::unique_ptr<ConnectionServer> connections_;
};

}  // namespace isi
