#include "service/connection_server.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace isi {
namespace {

using Clock = std::chrono::steady_clock;

constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace

struct ConnectionServer::Connection {
  explicit Connection(const FramingLimits& limits) : framer(limits) {}
  enum class State {
    kHandshake,   // TLS handshake under way
    kReading,     // waiting for (the rest of) a request
    kWithWorker,  // a whole request is queued for or being answered by a worker
  };
  int fd = -1;
  SSL* ssl = nullptr;
  State state = State::kHandshake;
  std::string in;  // bytes received and not yet answered (the request, maybe pipelined ones)
  size_t fed = 0;  // bytes of `in` the framer has seen
  RequestFramer framer;
  bool continue_sent = false;
  Clock::time_point since;       // the handshake's start, or the start of the wait for a request
  Clock::time_point request_since;
  Clock::time_point last_byte;
  uint32_t watched = 0;  // epoll events registered; 0: not registered
  int served = 0;
  // Set by the reactor before a worker gets the connection, read by the worker:
  size_t request_length = 0;
  bool complete = false;
  // Set by the worker, read by the reactor after the hand-back:
  bool keep = false;
};

Status ConnectionServer::Start(int listen_fd, SSL_CTX* ctx, const ConnectionLimits& limits,
                               std::vector<RequestAnswerer*> answerers,
                               std::unique_ptr<ConnectionServer>* out) {
  std::unique_ptr<ConnectionServer> s(new ConnectionServer());
  s->listen_fd_ = listen_fd;
  s->ctx_ = ctx;
  s->limits_ = limits;
  const int flags = ::fcntl(listen_fd, F_GETFL, 0);
  if (flags < 0 || ::fcntl(listen_fd, F_SETFL, flags | O_NONBLOCK) < 0)
    return Status::Internal(std::string("listen socket: ") + std::strerror(errno));
  s->epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  s->wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (s->epoll_fd_ < 0 || s->wake_fd_ < 0)
    return Status::Internal(std::string("epoll: ") + std::strerror(errno));
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = &s->listen_fd_;
  if (::epoll_ctl(s->epoll_fd_, EPOLL_CTL_ADD, listen_fd, &ev) != 0)
    return Status::Internal(std::string("epoll: ") + std::strerror(errno));
  ev.data.ptr = &s->wake_fd_;
  if (::epoll_ctl(s->epoll_fd_, EPOLL_CTL_ADD, s->wake_fd_, &ev) != 0)
    return Status::Internal(std::string("epoll: ") + std::strerror(errno));
  for (RequestAnswerer* a : answerers) s->workers_.emplace_back(&ConnectionServer::WorkerLoop, s.get(), a);
  s->reactor_ = std::thread(&ConnectionServer::ReactorLoop, s.get());
  *out = std::move(s);
  return Status::Ok();
}

ConnectionServer::~ConnectionServer() {
  Shutdown();
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

int ConnectionServer::open_connections() const { return open_.load(); }

void ConnectionServer::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  const uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
  if (reactor_.joinable()) reactor_.join();
  for (std::thread& t : workers_)
    if (t.joinable()) t.join();  // each finishes the answer it is writing
  std::vector<Connection*> all;
  for (auto& entry : connections_) all.push_back(entry.first);
  for (Connection* c : all) Close(c);
}

// --- reactor ------------------------------------------------------------------------------

void ConnectionServer::ReactorLoop() {
  epoll_event events[64];
  Clock::time_point next_reap = Clock::now();
  for (;;) {
    const int n = ::epoll_wait(epoll_fd_, events, 64, 100);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
    }
    for (int i = 0; i < n; ++i) {
      void* p = events[i].data.ptr;
      if (p == &listen_fd_) {
        AcceptAll();
      } else if (p == &wake_fd_) {
        uint64_t count = 0;
        (void)!::read(wake_fd_, &count, sizeof count);
        TakeBack();
      } else {
        auto* c = static_cast<Connection*>(p);
        // Closed earlier in this batch? Then its events are stale.
        if (connections_.count(c) != 0 && c->state != Connection::State::kWithWorker) Advance(c);
      }
    }
    if (Clock::now() >= next_reap) {
      Reap();
      next_reap = Clock::now() + std::chrono::milliseconds(100);
    }
  }
}

void ConnectionServer::AcceptAll() {
  for (;;) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      // EMFILE/ENFILE: out of descriptors; Reap() tries again in 100 ms.
      if (errno == EMFILE || errno == ENFILE) PauseAccepting(true);
      return;
    }
    if (open_.load() >= limits_.max_connections && !EvictOne()) {
      ::close(fd);  // every connection is being answered: let the backlog wait
      PauseAccepting(true);
      return;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    SSL* ssl = SSL_new(ctx_);
    if (ssl == nullptr || SSL_set_fd(ssl, fd) != 1) {
      if (ssl != nullptr) SSL_free(ssl);
      ::close(fd);
      continue;
    }
    SSL_set_accept_state(ssl);
    // Idle connections give their TLS buffers back; gSOAP may retry a write from another buffer.
    SSL_set_mode(ssl, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    auto owned = std::make_unique<Connection>(limits_.framing);
    Connection* c = owned.get();
    c->fd = fd;
    c->ssl = ssl;
    c->since = Clock::now();
    connections_.emplace(c, std::move(owned));
    ++open_;
    Watch(c, EPOLLIN);
    Advance(c);
  }
}

void ConnectionServer::Advance(Connection* c) {
  if (c->state == Connection::State::kHandshake) {
    ERR_clear_error();
    const int r = SSL_do_handshake(c->ssl);
    if (r != 1) {
      const int e = SSL_get_error(c->ssl, r);
      if (e == SSL_ERROR_WANT_READ) return Watch(c, EPOLLIN);
      if (e == SSL_ERROR_WANT_WRITE) return Watch(c, EPOLLOUT);
      return Close(c);  // not TLS, a refused version or certificate, or the peer went away
    }
    c->state = Connection::State::kReading;
    c->since = Clock::now();
  }
  if (c->state == Connection::State::kReading) ReadRequest(c);
}

void ConnectionServer::ReadRequest(Connection* c) {
  const Clock::time_point now = Clock::now();
  if (c->fed < c->in.size()) {  // pipelined bytes of the previous round
    c->request_since = c->last_byte = now;
    c->framer.Feed(c->in.data(), c->fed, c->in.size());
    c->fed = c->in.size();
  }
  char buf[16384];
  while (c->framer.state() == RequestFramer::State::kIncomplete &&
         c->in.size() < limits_.max_request_bytes) {
    const size_t room = std::min(sizeof buf, limits_.max_request_bytes - c->in.size());
    ERR_clear_error();
    const int r = SSL_read(c->ssl, buf, static_cast<int>(room));
    if (r > 0) {
      if (c->in.empty()) c->request_since = now;
      c->last_byte = now;
      c->in.append(buf, static_cast<size_t>(r));
      c->framer.Feed(c->in.data(), c->fed, c->in.size());
      c->fed = c->in.size();
      continue;
    }
    const int e = SSL_get_error(c->ssl, r);
    if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) return Close(c);  // gone
    if (c->framer.wants_continue() && !c->continue_sent) {
      // The client waits for this before sending the body. gSOAP would send it again when it
      // parses the header, so the header line is renamed (same length) before gSOAP sees it.
      std::memcpy(&c->in[c->framer.expect_name_offset()], "X-Cont", 6);
      c->continue_sent = true;
      ERR_clear_error();
      if (SSL_write(c->ssl, kContinue, sizeof kContinue - 1) != sizeof kContinue - 1)
        return Close(c);
    }
    return Watch(c, e == SSL_ERROR_WANT_READ ? EPOLLIN : EPOLLOUT);
  }
  Dispatch(c);
}

void ConnectionServer::Dispatch(Connection* c) {
  Watch(c, 0);
  c->complete = c->framer.state() == RequestFramer::State::kComplete;
  c->request_length = c->complete ? c->framer.request_length() : c->in.size();
  c->state = Connection::State::kWithWorker;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ready_.push_back(c);
  }
  work_.notify_one();
}

void ConnectionServer::TakeBack() {
  std::vector<Connection*> back;
  {
    std::lock_guard<std::mutex> lock(mu_);
    back.swap(returned_);
  }
  const Clock::time_point now = Clock::now();
  for (Connection* c : back) {
    if (!c->keep) {
      Close(c);
      continue;
    }
    c->in.erase(0, c->request_length);
    c->fed = 0;
    c->framer.Reset();
    c->continue_sent = false;
    c->state = Connection::State::kReading;
    c->since = now;
    Watch(c, EPOLLIN);
    ReadRequest(c);  // bytes may be waiting already (pipelined, or in TLS's buffer)
  }
}

void ConnectionServer::Reap() {
  const Clock::time_point now = Clock::now();
  std::vector<Connection*> expired;
  for (auto& entry : connections_) {
    Connection* c = entry.first;
    switch (c->state) {
      case Connection::State::kHandshake:
        if (now - c->since > limits_.silence) expired.push_back(c);
        break;
      case Connection::State::kReading:
        if (c->in.empty() ? now - c->since > limits_.silence
                          : now - c->last_byte > limits_.silence ||
                                now - c->request_since > limits_.request_time)
          expired.push_back(c);
        break;
      case Connection::State::kWithWorker:
        break;
    }
  }
  for (Connection* c : expired) Close(c);
  if (accepting_paused_) PauseAccepting(false);
}

bool ConnectionServer::EvictOne() {
  Connection* oldest = nullptr;
  bool oldest_idle = false;
  for (auto& entry : connections_) {
    Connection* c = entry.first;
    if (c->state == Connection::State::kWithWorker) continue;
    const bool idle = c->state == Connection::State::kReading && c->in.empty();
    // An idle keep-alive connection goes first; among equals, the one waiting longest.
    if (oldest == nullptr || (idle && !oldest_idle) ||
        (idle == oldest_idle && c->since < oldest->since)) {
      oldest = c;
      oldest_idle = idle;
    }
  }
  if (oldest == nullptr) return false;
  Close(oldest);
  return true;
}

void ConnectionServer::Watch(Connection* c, uint32_t events) {
  if (c->watched == events) return;
  epoll_event ev{};
  ev.events = events;
  ev.data.ptr = c;
  if (events == 0) {
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, c->fd, &ev);
  } else {
    ::epoll_ctl(epoll_fd_, c->watched == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, c->fd, &ev);
  }
  c->watched = events;
}

void ConnectionServer::Close(Connection* c) {
  Watch(c, 0);
  if (c->state != Connection::State::kHandshake) {
    ERR_clear_error();
    SSL_shutdown(c->ssl);  // best effort: one close_notify, never waited for
  }
  SSL_free(c->ssl);
  ::close(c->fd);
  --open_;
  connections_.erase(c);
  if (accepting_paused_) PauseAccepting(false);
}

void ConnectionServer::PauseAccepting(bool pause) {
  if (pause == accepting_paused_) return;
  if (!pause && open_.load() >= limits_.max_connections) return;
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = &listen_fd_;
  ::epoll_ctl(epoll_fd_, pause ? EPOLL_CTL_DEL : EPOLL_CTL_ADD, listen_fd_, &ev);
  accepting_paused_ = pause;
}

// --- workers ------------------------------------------------------------------------------

void ConnectionServer::WorkerLoop(RequestAnswerer* answerer) {
  for (;;) {
    Connection* c = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_.wait(lock, [this] { return stopping_ || !ready_.empty(); });
      if (stopping_) return;  // queued connections are closed by Shutdown()
      c = ready_.front();
      ready_.pop_front();
    }
    const int left = limits_.requests_per_connection - c->served;
    c->keep = answerer->Answer(c->fd, c->ssl, std::string_view(c->in.data(), c->request_length),
                               c->complete, left);
    ++c->served;
    {
      std::lock_guard<std::mutex> lock(mu_);
      returned_.push_back(c);
    }
    const uint64_t one = 1;
    (void)!::write(wake_fd_, &one, sizeof one);
  }
}

}  // namespace isi
