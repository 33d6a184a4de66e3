// ConnectionServer: TLS connections on one event loop, whole requests to a fixed worker pool.
//
// One thread (the reactor) accepts, does the TLS handshake and reads requests, all without
// blocking, on epoll. Only when the bytes of a connection hold a whole HTTP request
// (service/http_framing.h) is the connection handed to a worker, which answers it from memory
// (service/buffered_request.h) and hands the connection back. So a client that connects and
// stays silent, or sends a byte every few seconds, costs a connection slot and a buffer, never a
// worker: workers only ever wait for the store and for sending an answer.
//
// Limits (each closes the connection when crossed; nothing is answered to a request that
// did not arrive whole in time):
//  - silence: the TLS handshake, the gaps between a request's bytes, and the idle time between
//    keep-alive requests are each at most `silence`;
//  - a whole request, from its first byte, takes at most `request_time`;
//  - at most `max_connections` connections are open. A new connection beyond it closes the
//    connection that has waited longest for its client (an idle keep-alive connection first);
//    when every connection is being answered, new ones wait in the listen backlog;
//  - a connection buffers at most `max_request_bytes` (header and body limits plus framing);
//    beyond it, or beyond the framing limits, the request goes to a worker as far as it came,
//    the worker refuses it (413, 431, a fault) and the connection closes;
//  - `requests_per_connection` requests, then the connection closes.
#pragma once

#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "model/status.h"
#include "service/http_framing.h"

namespace isi {

// How a worker answers a request (one object per worker, used by that worker's thread only).
class RequestAnswerer {
 public:
  virtual ~RequestAnswerer() = default;
  // Answers `bytes` on the TLS connection (socket, ssl). `complete` is false when only part of
  // the request arrived (a limit was crossed): the answer is the connection's last.
  // `requests_left` counts this request. Returns whether the connection may carry another
  // request. Must not close the socket or free `ssl`.
  virtual bool Answer(int socket, SSL* ssl, std::string_view bytes, bool complete,
                      int requests_left) = 0;
};

struct ConnectionLimits {
  std::chrono::milliseconds silence{10000};
  std::chrono::milliseconds request_time{30000};
  int max_connections = 512;
  int requests_per_connection = 1000;
  FramingLimits framing;
  size_t max_request_bytes = 8 * 1024 + 64 * 1024 + 16 * 1024;
};

class ConnectionServer {
 public:
  // Serves connections accepted on `listen_fd` (bound and listening; made non-blocking here)
  // with TLS context `ctx`, one worker thread per answerer. Nothing is owned: the listening
  // socket, the context and the answerers must outlive the server.
  static Status Start(int listen_fd, SSL_CTX* ctx, const ConnectionLimits& limits,
                      std::vector<RequestAnswerer*> answerers,
                      std::unique_ptr<ConnectionServer>* out);

  ~ConnectionServer();  // Shutdown()
  ConnectionServer(const ConnectionServer&) = delete;
  ConnectionServer& operator=(const ConnectionServer&) = delete;

  // Stops accepting, lets the workers finish the answers they are writing, closes every
  // connection and joins all threads. Idempotent.
  void Shutdown();

  // Connections open now (for tests and the benchmark's reading of the server).
  int open_connections() const;

 private:
  struct Connection;
  ConnectionServer() = default;

  void ReactorLoop();
  void WorkerLoop(RequestAnswerer* answerer);
  void AcceptAll();
  void Advance(Connection* c);
  void ReadRequest(Connection* c);
  void Dispatch(Connection* c);
  void TakeBack();
  void Reap();
  bool EvictOne();
  void Watch(Connection* c, uint32_t events);
  void Close(Connection* c);
  void PauseAccepting(bool pause);

  int listen_fd_ = -1;
  SSL_CTX* ctx_ = nullptr;
  ConnectionLimits limits_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: connections handed back, or shutdown
  bool accepting_paused_ = false;

  // Reactor thread only (and Shutdown() after the threads are joined).
  std::unordered_map<Connection*, std::unique_ptr<Connection>> connections_;
  std::atomic<int> open_{0};

  std::mutex mu_;
  std::condition_variable work_;
  std::deque<Connection*> ready_;     // whole requests waiting for a worker; guarded by mu_
  std::vector<Connection*> returned_; // answered, back to the reactor; guarded by mu_
  bool stopping_ = false;             // guarded by mu_

  std::thread reactor_;
  std::vector<std::thread> workers_;
  bool shut_down_ = false;
};

}  // namespace isi
