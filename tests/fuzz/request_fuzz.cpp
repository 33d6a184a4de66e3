// request_fuzz: a libFuzzer target that feeds raw bytes, as what one client sends on one
// connection (request line, headers, body; more requests when kept alive), to the service's
// request handling in process: the request framing, the input guard, gSOAP's HTTP and XML
// parsing, authentication, dispatch, the handlers, the store and the protocol, and the answer
// (discarded).
//
// The path is isi-server's without epoll and TLS: the bytes are framed into requests by the
// RequestFramer with the server's limits (ConnectionLimitsFor), read in 16 KiB pieces as the
// connection server reads them, and each request goes to IsiService::Answer as a worker hands
// it over, until the service ends the connection, the requests per connection run out, or the
// input does (a request that never arrives whole is not answered, as on the server). The gSOAP
// context is configured by ConfigureServiceContext with the server's default ServerConfig; the
// socket is one end of a socketpair nobody reads (answers go to fsend, which drops them) and
// there is no TLS object. Built and run by tools/fuzz (CMake option ISI_FUZZ, clang only).
//
// The world (created once, in LLVMFuzzerInitialize, in a temporary directory under
// $ISI_FUZZ_TMPDIR, else /dev/shm when there is one, so that the protocol's fsyncs cost nothing,
// else $TMPDIR):
//   - a store with six synthetic persons of Almere (0034), in the states the registration rules
//     need, and one of Groningen (0014), with signals: the persons tests/requests/ names;
//   - one application key kFuzzKey / kFuzzPassword of 0034 with role 6 (every operation),
//     acting for 0363 as well; tests/fuzz/make_seeds.py puts it in the seeds' Authorization;
//   - an extract directory with two files for 0034 and a shared one (OpvragenBestandenlijst,
//     OphalenBestand inline and MTOM);
//   - a fixed clock (2026-11-23) so that date rules do not drift.
// Every input meets the same store: when an input changed it (a registration, a status change),
// the pristine store is copied back before the next one, so that a crash reproduces from its
// input alone. The protocol (which only grows) is emptied every kResetEvery inputs.
//
// Environment: ISI_FUZZ_SHOW=1 writes every answer to stderr (to check that the seeds reach the
// handlers: `ISI_FUZZ_SHOW=1 build-fuzz/tests/fuzz/request_fuzz build-fuzz/seeds/*`).
#include <argon2.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/clock.h"
#include "service/auth.h"
#include "service/config.h"
#include "service/http_framing.h"
#include "service/isi_service.h"
#include "service/server.h"
#include "service/wsdl_text.h"
#include "store/extract_catalogue.h"
#include "store/password.h"
#include "store/protocol_log.h"
#include "store/store.h"
#include "tests/fuzz/fuzz_credentials.h"
#include "tests/support/fixtures.h"

namespace {

namespace fs = std::filesystem;

constexpr uint64_t kResetEvery = 5000;

// --- argon2id, replaced ------------------------------------------------------------------------
// Every request without the right credentials costs an argon2id check of ~50 ms (by design: the
// same work as a wrong password). Mutated inputs very often lose or damage the Authorization
// header, so the fuzzer would spend nearly all its time hashing. This definition takes the place
// of libargon2's for this binary only (the linker prefers the executable's symbol): it knows the
// hashes it was told about (the key's, made in LLVMFuzzerInitialize with the real argon2) with
// their passwords and answers as argon2 would, in microseconds. store/password.cpp's own code
// (parsing and bounding the encoded hash) still runs; argon2 itself is tested by store_test.
std::unordered_map<std::string, std::string>& KnownHashes() {
  static std::unordered_map<std::string, std::string> known;
  return known;
}
bool g_fast_verify = false;  // false while the world is built: the real argon2 runs then

}  // namespace

extern "C" int argon2id_verify(const char* encoded, const void* pwd, const size_t pwdlen) {
  if (!g_fast_verify) return argon2_verify(encoded, pwd, pwdlen, Argon2_id);
  const auto it = KnownHashes().find(encoded);
  const bool match = it != KnownHashes().end() && it->second.size() == pwdlen &&
                     std::memcmp(it->second.data(), pwd, pwdlen) == 0;
  return match ? ARGON2_OK : ARGON2_VERIFY_MISMATCH;
}

namespace {

// --- Output ----------------------------------------------------------------------------------
bool g_show = false;

// gSOAP's fsend: the answer goes nowhere (or to stderr with ISI_FUZZ_SHOW=1).
int FuzzSend(struct soap*, const char* s, size_t n) {
  if (g_show) std::fwrite(s, 1, n, stderr);
  return SOAP_OK;
}

// --- The world ---------------------------------------------------------------------------------
void Require(const isi::Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "request_fuzz: %s: %s\n", what, s.ToString().c_str());
    std::abort();
  }
}

std::string TempBase() {
  if (const char* d = std::getenv("ISI_FUZZ_TMPDIR")) return d;
  if (::access("/dev/shm", W_OK) == 0) return "/dev/shm";
  const char* t = std::getenv("TMPDIR");
  return t != nullptr ? t : "/tmp";
}

// One file of the extract directory, listed in `catalogue_dir`'s catalogue.
isi::extract::ExtractFile AddExtractFile(const std::string& catalogue_dir, const std::string& naam,
                                         isi::extract::ExtractKind soort,
                                         const std::string& bytes) {
  fs::create_directories(catalogue_dir);
  const std::string path = catalogue_dir + "/" + naam;
  std::ofstream(path, std::ios::binary) << bytes;
  isi::extract::ExtractFile f;
  f.naam = naam;
  f.soort = soort;
  f.omschrijving = isi::extract::Omschrijving(soort);
  f.datum = isi::Date{2026, 11, 23};
  Require(isi::extract::Sha256File(path, &f.sha256, &f.grootte), "extract sha256");
  return f;
}

class FuzzWorld {
 public:
  FuzzWorld() : clock_(1795435200, isi::Date{2026, 11, 23}) {
    char templ[256];
    std::snprintf(templ, sizeof templ, "%s/isi-fuzz-XXXXXX", TempBase().c_str());
    if (::mkdtemp(templ) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = templ;
    pristine_ = dir_ + "/pristine.db";
    config_.store_path = dir_ + "/isi.db";
    config_.extracts_dir = dir_ + "/extracts";
    CreatePristineStore();
    CreateExtracts();

    authenticator_ = std::make_unique<isi::Authenticator>(clock_, config_.auth_cache_seconds,
                                                          config_.max_parallel_hashes);
    // No brute-force lock: it would write to the store on every wrong password and, once the
    // key locks, turn every later input into the same refusal.
    authenticator_->SetLockPolicy(0, config_.auth_failure_window_s, config_.auth_lock_s);
    env_.config = &config_;
    env_.authenticator = authenticator_.get();
    env_.clock = &clock_;
    env_.wsdl = isi::ContractWsdl();

    limits_ = isi::ConnectionLimitsFor(config_);
    // The connection's socket: valid, so that gSOAP treats the request as the server's (keep-alive,
    // the fault for a body that is not SOAP), but never written to: fsend drops the answers.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sockets_) != 0)
      throw std::runtime_error("socketpair failed");
    master_ = soap_new();
    master_->fsend = FuzzSend;
    isi::ConfigureServiceContext(master_, config_);
    Reset();
  }

  ~FuzzWorld() {
    service_.reset();
    protocol_.reset();
    soap_destroy(master_);
    soap_end(master_);
    soap_free(master_);
    ::close(sockets_[0]);
    ::close(sockets_[1]);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Serves the connection on which a client sent data[0, size) and then closed its side, as
  // ConnectionServer::ReadRequest, Dispatch, WorkerLoop and TakeBack do.
  void Serve(const uint8_t* data, size_t size) {
    if (++inputs_ % kResetEvery == 0) {
      Reset();
    } else if (StoreStamp() != store_stamp_) {
      ResetStore();  // the previous input changed the store
    }
    const char* in = reinterpret_cast<const char*>(data);
    isi::RequestFramer framer(limits_.framing);
    size_t start = 0;  // the current request's first byte
    for (int served = 0; start < size; ++served) {
      // Read as the reactor does: 16 KiB at a time until the framer has a whole request or
      // the buffer is full.
      framer.Reset();
      const size_t room = std::min(size - start, limits_.max_request_bytes);
      size_t have = 0;
      while (framer.state() == isi::RequestFramer::State::kIncomplete && have < room) {
        const size_t n = std::min<size_t>(16384, room - have);
        framer.Feed(in + start, have, have + n);
        have += n;
      }
      const bool complete = framer.state() == isi::RequestFramer::State::kComplete;
      // The client closed before the request was whole (and within the limits): the server
      // closes the connection without an answer.
      if (framer.state() == isi::RequestFramer::State::kIncomplete &&
          have < limits_.max_request_bytes)
        break;
      const size_t length = complete ? framer.request_length() : have;
      const bool keep = service_->Answer(sockets_[0], nullptr, std::string_view(in + start, length),
                                         complete, limits_.requests_per_connection - served);
      if (g_show) std::fprintf(stderr, "\n--- end of answer (keep %d) ---\n", keep ? 1 : 0);
      if (!keep) break;
      start += length;
    }
  }

 private:
  void CreatePristineStore() {
    std::unique_ptr<isi::Store> store;
    isi::StoreOptions options;
    options.create_if_missing = true;
    Require(isi::OpenSqliteStore(pristine_, options, &store), "create store");

    auto person = [](const char* bsn, const char* gemeente) {
      isi::Dossier d = isi::testing::RichDossier(bsn, "", gemeente);
      d.kop.anummer.reset();
      return d;
    };
    isi::Dossier plichtig = person("200000007", "0034");
    plichtig.voorzieningen[1].geregistreerd_door_gemeente = "0363";
    isi::Dossier zonder = person("200000019", "0034");
    zonder.handhaving.reset();
    zonder.voorzieningen.clear();
    isi::Dossier diploma = person("200000032", "0034");
    diploma.examens.inburgeringsdiploma_behaald = true;
    diploma.examens.datum_diploma_behaald = isi::Date{2012, 6, 1};
    diploma.persoonsgegevens.indicatie_diploma_behaald = true;
    isi::Dossier duo = person("200000044", "0034");
    duo.vrijstellingen = {isi::Vrijstelling{0, isi::SoortVrijstelling::kGedeeltelijk,
                                            isi::VrijstellingDoor::kDuo, isi::Date{2009, 9, 1},
                                            std::nullopt, isi::VrijgesteldExamenonderdeel::kTaal,
                                            isi::NiveauDiploma::kA1}};
    std::vector<isi::Signaal> signalen;
    auto signaal = [&](const char* code, isi::SignaalStatus status, const char* bsn) {
      isi::Signaal s;
      s.code = code;
      s.status = status;
      s.datum = {2013, 8, 26};
      s.bsn = bsn;
      s.gemeentecode = "0034";
      signalen.push_back(s);
    };
    signaal("SS001", isi::SignaalStatus::kNieuw, "111222333");
    signaal("SS016", isi::SignaalStatus::kNieuw, "111222333");
    signaal("SS064", isi::SignaalStatus::kInBehandeling, "111222333");
    signaal("SS052", isi::SignaalStatus::kAfgehandeld, "200000007");
    Require(store->InsertPersons({isi::testing::RichDossier("111222333", "4020209358", "0034"),
                                  plichtig, zonder, diploma, duo, person("200000056", "0034"),
                                  isi::testing::RichDossier("123456782", "4020208962", "0014")},
                                 signalen),
            "insert persons");

    isi::ApplicationKey key;
    key.key_id = isi::fuzz::kFuzzKey;
    key.gemeentecode = "0034";
    key.roles = {6};
    key.acts_for = {"0363"};
    key.created_at = 1700000000;
    Require(isi::HashPassword(isi::fuzz::kFuzzPassword, &key.password_hash), "hash password");
    Require(store->CreateKey(key), "create key");
    KnownHashes()[key.password_hash] = isi::fuzz::kFuzzPassword;
    // The unknown-key path verifies against this one; nobody knows its password.
    KnownHashes()[isi::DummyPasswordHash()] = std::string(1, '\0') + "no password matches";
    g_fast_verify = true;
  }

  void CreateExtracts() {
    using isi::extract::ExtractKind;
    const std::string own = config_.extracts_dir + "/0034";
    const std::string shared = config_.extracts_dir + "/" + isi::extract::kSharedDirName;
    Require(isi::extract::WriteCatalogue(
                own, {AddExtractFile(own, "isi_0034_2026-11-23.zip", ExtractKind::kIsi,
                                     std::string(3000, 'z')),
                      AddExtractFile(own, "signaallijst_0034_2026-11-23.zip",
                                     ExtractKind::kSignaallijst, "PK\x03\x04 synthetic")}),
            "extract catalogue");
    Require(isi::extract::WriteCatalogue(
                shared, {AddExtractFile(shared, isi::extract::kDiplomamodellenboekName,
                                        ExtractKind::kDiplomamodellenboek, "%PDF-1.4 synthetic")}),
            "shared catalogue");
  }

  // Copies the pristine store back, with an empty protocol, and serves from a fresh service.
  void Reset() {
    service_.reset();
    protocol_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::error_code ec;
      fs::remove(isi::ProtocolLogPath(config_.store_path) + suffix, ec);
    }
    ResetStore();
    Require(isi::OpenProtocolLog(config_.store_path, isi::ProtocolLogOptionsFor(config_),
                                 &protocol_),
            "open protocol");
    env_.protocol = protocol_.get();
  }

  // Copies the pristine store back and serves from a fresh service (the protocol stays).
  void ResetStore() {
    service_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::error_code ec;
      fs::remove(config_.store_path + suffix, ec);
    }
    fs::copy_file(pristine_, config_.store_path);
    std::unique_ptr<isi::Store> store;
    Require(isi::OpenSqliteStore(config_.store_path, isi::StoreOptionsFor(config_), &store),
            "open store");
    struct soap* copy = soap_copy(master_);
    if (copy == nullptr) throw std::runtime_error("soap_copy failed");
    copy->master = SOAP_INVALID_SOCKET;
    service_ = std::make_unique<isi::IsiService>(copy, &env_, std::move(store));
    store_stamp_ = StoreStamp();
  }

  // Size and modification time of the store's WAL: they change with every committed write.
  std::string StoreStamp() const {
    struct stat st {};
    if (::stat((config_.store_path + "-wal").c_str(), &st) != 0) return "none";
    return std::to_string(st.st_size) + "/" + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
  }

  isi::FixedClock clock_;
  std::string dir_;
  std::string pristine_;
  isi::ServerConfig config_;
  isi::ConnectionLimits limits_;
  int sockets_[2] = {-1, -1};
  std::unique_ptr<isi::Authenticator> authenticator_;
  std::unique_ptr<isi::ProtocolLog> protocol_;
  isi::ServiceEnvironment env_;
  struct soap* master_ = nullptr;
  std::unique_ptr<isi::IsiService> service_;
  uint64_t inputs_ = 0;
  std::string store_stamp_;  // StoreStamp() after the last ResetStore()
};

FuzzWorld* g_world = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_show = std::getenv("ISI_FUZZ_SHOW") != nullptr;
  g_world = new FuzzWorld();
  // Removed at exit (libFuzzer leaves through exit() after a run with -runs or -max_total_time).
  std::atexit([] {
    delete g_world;
    g_world = nullptr;
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  g_world->Serve(data, size);
  return 0;
}
