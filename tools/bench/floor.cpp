// isi-bench-floor: the "echo floor" of the service benchmark (tools/bench-service).
//
// The same generated service class, the same gSOAP build (flags from pkg-config through
// isi_soap), the same TLS configuration (service/tls.cpp: TLS 1.2/1.3, ECDHE+AEAD), the same
// gSOAP modes and limits and the same connection server (service/connection_server.h: one event
// loop reading whole requests, a fixed pool of workers answering them) as isi-server, but none of our
// per-request work: no input guard, no authentication (the Basic header is ignored), no store,
// no protocol record, no mapping. RaadplegenPersoon answers with one fixed dossier, mapped once
// per worker at start-up; every other operation is a client fault. So lookup/floor throughput
// measures what our code costs on top of gSOAP + TLS.
//
// The fixed dossier is generated (tools/generator.h, seed 1) and is the one of median XML size
// among the first 201 generated persons, so the floor's answer is as large as a typical lookup.
//
//   isi-bench-floor --cert server.pem --key server.key [--port 0] [--workers N]
// prints "isi-bench-floor: listening on ADDR port N" and serves until SIGTERM/SIGINT.
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "isiIsiBindingService.h"
#include "model/dossier.h"
#include "service/buffered_request.h"
#include "service/config.h"
#include "service/connection_server.h"
#include "service/dossier_mapping.h"
#include "service/server.h"
#include "service/tls.h"
#include "tools/generator.h"

namespace {

// Size of the dossier's XML as gSOAP writes it.
size_t XmlSize(const isi::Dossier& dossier) {
  struct soap* ctx = soap_new1(SOAP_C_UTFSTRING);
  isi__Dossier* out = nullptr;
  size_t size = 0;
  if (isi::ToSoap(ctx, dossier, &out).ok()) {
    std::ostringstream xml;
    ctx->os = &xml;
    if (soap_write_isi__Dossier(ctx, out) == SOAP_OK) size = xml.str().size();
    ctx->os = nullptr;
  }
  soap_destroy(ctx);
  soap_end(ctx);
  soap_free(ctx);
  return size;
}

// The generated dossier of median XML size among the first `count` persons of seed 1.
std::pair<isi::Dossier, size_t> MedianDossier(int count) {
  isi::GeneratorOptions options;
  options.seed = 1;
  options.persons = count;
  isi::Generator generator(options);
  std::vector<std::pair<size_t, isi::Dossier>> sized;
  std::vector<isi::Dossier> batch;
  std::vector<isi::Signaal> signalen;
  while (generator.NextBatch(64, &batch, &signalen))
    for (auto& d : batch) {
      const size_t size = XmlSize(d);
      sized.emplace_back(size, std::move(d));
    }
  if (sized.empty()) throw std::runtime_error("the generator produced no persons");
  std::sort(sized.begin(), sized.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  auto& median = sized[sized.size() / 2];
  return {std::move(median.second), median.first};
}

int FreeRequest(struct soap* soap) {
  soap_destroy(soap);
  soap_end(soap);
  return SOAP_OK;
}

class FloorService final : public IsiBindingService, public isi::RequestAnswerer {
 public:
  // Takes ownership of `context` (a soap_copy of the listening context).
  FloorService(struct soap* context, const isi::Dossier& dossier)
      : IsiBindingService(context), fixed_(soap_new1(SOAP_C_UTFSTRING)) {
    if (!isi::ToSoap(fixed_, dossier, &dossier_).ok())
      throw std::runtime_error("the fixed dossier cannot be mapped");
  }
  ~FloorService() override {
    destroy();
    soap_free(this->soap);
    soap_destroy(fixed_);
    soap_end(fixed_);
    soap_free(fixed_);
  }
  FloorService(const FloorService&) = delete;
  FloorService& operator=(const FloorService&) = delete;

  bool Answer(int socket, SSL* ssl, std::string_view bytes, bool complete,
              int requests_left) override {
    isi::BufferedRequest request;
    request.socket = socket;
    request.ssl = ssl;
    request.bytes = bytes;
    request.complete = complete;
    request.requests_left = requests_left;
    return isi::ServeBufferedRequest(this, request);
  }

  IsiBindingService* copy() override { return nullptr; }
  int RaadplegenPersoon(_isi__RaadplegenPersoon*, _isi__RaadplegenPersoonResponse& resp) override {
    resp.Dossier = dossier_;  // lives in fixed_, not in the request's memory
    return SOAP_OK;
  }
  int OnderWelkeWet(_isi__OnderWelkeWet*, _isi__OnderWelkeWetResponse&) override {
    return NotHere();
  }
  int ZoekenPersonen(_isi__ZoekenPersonen*, _isi__ZoekenPersonenResponse&) override {
    return NotHere();
  }
  int ZoekenSignalen(_isi__ZoekenSignalen*, _isi__ZoekenSignalenResponse&) override {
    return NotHere();
  }
  int ZoekenSignaalwijzigingen(_isi__ZoekenSignaalwijzigingen*,
                               _isi__ZoekenSignaalwijzigingenResponse&) override {
    return NotHere();
  }
  int WijzigenSignaalstatus(_isi__WijzigenSignaalstatus*,
                            _isi__WijzigenSignaalstatusResponse&) override {
    return NotHere();
  }
  int OpvragenBestandenlijst(_isi__OpvragenBestandenlijst*,
                             _isi__OpvragenBestandenlijstResponse&) override {
    return NotHere();
  }
  int OphalenBestand(_isi__OphalenBestand*, _isi__OphalenBestandResponse&) override {
    return NotHere();
  }
  int MuterenHandhaving(_isi__MuterenHandhaving*, _isi__MuterenHandhavingResponse&) override {
    return NotHere();
  }
  int MuterenVoorziening(_isi__MuterenVoorziening*, _isi__MuterenVoorzieningResponse&) override {
    return NotHere();
  }
  int MuterenVrijstelling(_isi__MuterenVrijstelling*, _isi__MuterenVrijstellingResponse&) override {
    return NotHere();
  }
  int MuterenIndicatie(_isi__MuterenIndicatie*, _isi__MuterenIndicatieResponse&) override {
    return NotHere();
  }
  int MuterenOntheffing(_isi__MuterenOntheffing*, _isi__MuterenOntheffingResponse&) override {
    return NotHere();
  }

 private:
  int NotHere() {
    return soap_senderfault("isi-bench-floor answers only RaadplegenPersoon", nullptr);
  }

  struct soap* fixed_;
  isi__Dossier* dossier_ = nullptr;
};

// The connection server of isi::Server (service/connection_server.h) with FloorServices.
class Floor {
 public:
  ~Floor() { Shutdown(); }

  bool Start(const isi::ServerConfig& c, const isi::Dossier& dossier, std::string* error) {
    if (isi::Status s = isi::RaiseDescriptorLimit(c); !s.ok()) {
      *error = s.message();
      return false;
    }
    master_ = soap_new();
    soap_set_mode(master_, SOAP_IO_KEEPALIVE | SOAP_XML_STRICT | SOAP_C_UTFSTRING);
    master_->send_timeout = c.send_timeout_s;
    master_->recv_timeout = c.recv_timeout_s;
    master_->transfer_timeout = c.transfer_timeout_s;
    master_->max_keep_alive = c.max_keep_alive;
    master_->recv_maxlength = static_cast<ULONG64>(c.max_request_bytes);
    master_->maxlevel = static_cast<unsigned int>(c.max_xml_depth);
    master_->maxoccurs = static_cast<size_t>(c.max_occurs);
    master_->maxlength = 4096;
    master_->bind_flags = SO_REUSEADDR;
    master_->fserveloop = FreeRequest;
    isi::InstallBufferedRequestIo(master_);
    if (isi::Status s = isi::ConfigureServerTls(master_, c); !s.ok()) {
      *error = s.message();
      return false;
    }
    if (!soap_valid_socket(soap_bind(master_, c.listen.c_str(), c.port, 128))) {
      char buf[256];
      soap_sprint_fault(master_, buf, sizeof buf);
      *error = std::string("cannot listen: ") + buf;
      return false;
    }
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getsockname(master_->master, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      if (addr.ss_family == AF_INET) port_ = ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
      if (addr.ss_family == AF_INET6)
        port_ = ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
    }
    std::vector<isi::RequestAnswerer*> answerers;
    for (int i = 0; i < c.workers; ++i) {
      struct soap* copy = soap_copy(master_);
      copy->master = SOAP_INVALID_SOCKET;
      services_.push_back(std::make_unique<FloorService>(copy, dossier));
      answerers.push_back(services_.back().get());
    }
    if (isi::Status s = isi::ConnectionServer::Start(master_->master, master_->ctx,
                                                     isi::ConnectionLimitsFor(c), answerers,
                                                     &connections_);
        !s.ok()) {
      *error = s.message();
      return false;
    }
    return true;
  }

  int port() const { return port_; }

  void Shutdown() {
    if (connections_ != nullptr) connections_->Shutdown();
    connections_.reset();
    services_.clear();
    if (master_ != nullptr) {
      if (soap_valid_socket(master_->master)) ::close(master_->master);
      master_->master = SOAP_INVALID_SOCKET;
      soap_destroy(master_);
      soap_end(master_);
      soap_free(master_);
      master_ = nullptr;
    }
  }

 private:
  struct soap* master_ = nullptr;
  int port_ = 0;
  std::vector<std::unique_ptr<FloorService>> services_;
  std::unique_ptr<isi::ConnectionServer> connections_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "isi-bench-floor: gSOAP + TLS floor for the ISI-koppeling benchmark (no store, no auth)"};
  isi::ServerConfig config;  // isi-server's defaults for everything not set here
  app.add_option("--cert", config.cert_file, "PEM server certificate")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--key", config.key_file, "PEM private key")->required()->check(CLI::ExistingFile);
  app.add_option("--listen", config.listen, "Address to bind")->capture_default_str();
  app.add_option("--port", config.port, "Port (0: a free one)")->capture_default_str();
  app.add_option("--workers", config.workers, "Worker threads, as isi-server --workers")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  CLI11_PARSE(app, argc, argv);

  std::signal(SIGPIPE, SIG_IGN);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto [dossier, size] = MedianDossier(201);
  Floor floor;
  std::string error;
  if (!floor.Start(config, dossier, &error)) {
    std::fprintf(stderr, "isi-bench-floor: %s\n", error.c_str());
    return 1;
  }
  std::printf("isi-bench-floor: fixed dossier of %zu bytes of XML (median of 201 generated)\n",
              size);
  std::printf("isi-bench-floor: listening on %s port %d\n", config.listen.c_str(), floor.port());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop_signals, &sig);
  floor.Shutdown();
  std::printf("isi-bench-floor: stopped\n");
  return 0;
}
