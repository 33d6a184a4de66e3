// isi-server: the ISI-koppeling SOAP service. See `isi-server --help` and README.md.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <malloc.h>
#include <pthread.h>

#include "model/clock.h"
#include "service/config.h"
#include "service/server.h"

int main(int argc, char** argv) {
  isi::ServerConfig config;
  if (int rc = isi::ParseServerCommandLine(argc, argv, &config); rc >= 0) return rc;
  if (isi::Status s = isi::ValidateServerConfig(config); !s.ok()) {
    std::fprintf(stderr, "isi-server: %s\n", s.message().c_str());
    return 2;
  }

  // Allocations of 128 KiB and more (argon2id's 19 MiB per password check) come straight from
  // mmap and go back on free. glibc's default raises this threshold after the first large free,
  // after which each worker thread's arena keeps up to 19 MiB resident for good.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);

  // A client that closes mid-write must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  // SIGTERM/SIGINT are taken by sigwait below; block them before any thread starts.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  isi::SystemClock clock;
  std::unique_ptr<isi::Server> server;
  if (isi::Status s = isi::Server::Start(config, clock, &server); !s.ok()) {
    std::fprintf(stderr, "isi-server: %s\n", s.message().c_str());
    return 1;
  }
  std::printf("isi-server: listening on %s port %d\n", config.listen.c_str(), server->port());
  std::printf("isi-server: endpoint %s  WSDL %s?wsdl\n", server->public_url().c_str(),
              server->public_url().c_str());
  std::fflush(stdout);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::printf("isi-server: signal %d, shutting down\n", sig);
  std::fflush(stdout);
  server->Shutdown();
  std::printf("isi-server: stopped\n");
  return 0;
}
