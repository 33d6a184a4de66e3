#include "tests/support/test_env.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <stdexcept>

// OpenSSL's BIO_* macros use C casts.
#pragma GCC diagnostic ignored "-Wold-style-cast"

extern char** environ;

namespace isi::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base != nullptr ? base : "/tmp") + "/isi-test-XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

// Starts argv[0] with `argv` and the test's environment, stdout on `stdout_fd` and stderr on
// `stderr_fd` when they are >= 0. The child gets SIGTERM when the thread that started it ends
// (PR_SET_PDEATHSIG), so a test that crashes or is killed leaves no server behind: an orphan
// would keep ctest's output pipe open, and ctest would wait for its own timeout. Throws when the
// program cannot be started (fork or exec failed).
pid_t Spawn(const std::vector<std::string>& argv, int stdout_fd, int stderr_fd = -1) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  // The child reports a failed exec through this pipe; a successful exec closes it (CLOEXEC).
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec: the test may have other threads.
    int error = 0;
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0) error = errno;
    // The parent may have died before prctl: then nobody sends the signal.
    if (error == 0 && getppid() != parent) _exit(127);
    if (error == 0 && stdout_fd >= 0 && dup2(stdout_fd, 1) < 0) error = errno;
    if (error == 0 && stderr_fd >= 0 && dup2(stderr_fd, 2) < 0) error = errno;
    if (error == 0) {
      execve(args[0], args.data(), environ);
      error = errno;
    }
    if (write(report[1], &error, sizeof error) < 0) {
      // Nothing more to do: the parent sees exit code 127.
    }
    _exit(127);
  }
  const int fork_error = errno;
  close(report[1]);
  if (pid < 0) {
    close(report[0]);
    throw std::runtime_error("cannot start " + argv[0] + ": fork: " + std::strerror(fork_error));
  }
  int error = 0;
  ssize_t n;
  do n = read(report[0], &error, sizeof error);
  while (n < 0 && errno == EINTR);
  close(report[0]);
  if (n > 0) {
    waitpid(pid, nullptr, 0);
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(error));
  }
  return pid;
}

// Reads both pipes until each is closed (both at once, so that a child filling one pipe while
// the other is read cannot block); `b` may be -1.
void ReadAll(int a, std::string* a_text, int b, std::string* b_text) {
  pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
  std::string* texts[2] = {a_text, b_text};
  char buf[4096];
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0)
        texts[i]->append(buf, static_cast<size_t>(n));
      else if (n == 0 || errno != EINTR)
        fds[i].fd = -1;
    }
  }
}

}  // namespace

int RunCommand(const std::vector<std::string>& argv, std::string* out, std::string* err) {
  // CLOEXEC: only this child gets the write ends (as stdout/stderr), so that the pipes close
  // when it exits, whatever other children the test runs meanwhile.
  int out_pipe[2];
  int err_pipe[2] = {-1, -1};
  if (pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  if (err != nullptr && pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    throw std::runtime_error("pipe failed");
  }
  pid_t pid = -1;
  try {
    pid = Spawn(argv, out_pipe[1], err_pipe[1]);
  } catch (...) {
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
      if (fd >= 0) close(fd);
    throw;
  }
  close(out_pipe[1]);
  if (err_pipe[1] >= 0) close(err_pipe[1]);
  std::string out_text, err_text;
  ReadAll(out_pipe[0], &out_text, err_pipe[0], &err_text);
  close(out_pipe[0]);
  if (err_pipe[0] >= 0) close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (out != nullptr) *out = out_text;
  if (err != nullptr) *err = err_text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void MakeDevCerts(const std::string& dir) {
  std::string out;
  int rc = RunCommand({"/bin/bash", std::string(ISI_SOURCE_DIR) + "/certs/make-dev-certs.sh", dir}, &out);
  if (rc != 0) throw std::runtime_error("make-dev-certs.sh failed: " + out);
}

void MakeClientCert(const std::string& dir, const std::string& name, const std::string& subject) {
  const std::string base = dir + "/" + name;
  {
    std::ofstream ext(base + ".ext");
    ext << "basicConstraints = critical, CA:FALSE\n"
           "keyUsage = critical, digitalSignature\n"
           "extendedKeyUsage = clientAuth\n";
    if (!ext) throw std::runtime_error("cannot write " + base + ".ext");
  }
  const std::vector<std::vector<std::string>> steps = {
      {"/usr/bin/openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
       "-out", base + ".key"},
      {"/usr/bin/openssl", "req", "-new", "-utf8", "-key", base + ".key", "-subj", subject, "-out",
       base + ".csr"},
      {"/usr/bin/openssl", "x509", "-req", "-sha256", "-days", "2", "-in", base + ".csr", "-CA",
       dir + "/ca.pem", "-CAkey", dir + "/ca.key", "-CAserial", base + ".srl", "-CAcreateserial",
       "-extfile", base + ".ext", "-out", base + ".pem"},
  };
  for (const auto& step : steps) {
    std::string out;
    if (RunCommand(step, &out) != 0)
      throw std::runtime_error("openssl " + step[1] + " for client certificate " + name +
                               " failed: " + out);
  }
}

ServerProcess::ServerProcess(const std::string& store, const std::string& cert_dir,
                             const std::vector<std::string>& extra,
                             const std::string& stderr_path) {
  std::vector<std::string> argv = {ISI_SERVER_PATH, "--store", store,
                                   "--cert", cert_dir + "/server.pem",
                                   "--key", cert_dir + "/server.key", "--port", "0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  // ISI_SERVER_WRAPPER: words put before the server's command line (the first an absolute
  // path), e.g. "/usr/bin/valgrind --log-file=/tmp/vg.%p" (tools/test-sanitize --valgrind).
  const char* wrapper = std::getenv("ISI_SERVER_WRAPPER");
  if (wrapper != nullptr && *wrapper != '\0') {
    std::istringstream words(wrapper);
    std::vector<std::string> prefix{std::istream_iterator<std::string>(words),
                                    std::istream_iterator<std::string>()};
    argv.insert(argv.begin(), prefix.begin(), prefix.end());
  }
  int err_fd = -1;
  if (!stderr_path.empty()) {
    err_fd = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
    if (err_fd < 0) throw std::runtime_error("cannot open " + stderr_path);
  }
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    if (err_fd >= 0) close(err_fd);
    throw std::runtime_error("pipe failed");
  }
  try {
    pid_ = Spawn(argv, fds[1], err_fd);
  } catch (...) {
    close(fds[0]);
    close(fds[1]);
    if (err_fd >= 0) close(err_fd);
    throw;
  }
  close(fds[1]);
  if (err_fd >= 0) close(err_fd);
  // Read until the server prints the port it bound (or exits).
  std::string seen;
  const std::regex port_line("listening on \\S+ port ([0-9]+)");
  // A wrapped server (valgrind) starts much more slowly.
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::seconds(wrapper != nullptr && *wrapper != '\0' ? 120 : 20);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fds[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[512];
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<size_t>(n));
    std::smatch m;
    if (std::regex_search(seen, m, port_line)) {
      port_ = std::stoi(m[1]);
      break;
    }
  }
  // Keep draining the pipe in the child's favour: close our end; the server's later writes to
  // stdout get EPIPE (SIGPIPE is ignored there), which it tolerates.
  close(fds[0]);
  if (port_ == 0) {
    Stop();
    throw std::runtime_error("isi-server did not start: " + seen);
  }
}

ServerProcess::~ServerProcess() { Stop(); }

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

std::string RawHttps(int port, const std::string& ca_file, const std::string& request, int* status,
                     int timeout_ms) {
  *status = 0;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_load_verify_locations(ctx, ca_file.c_str(), nullptr);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  BIO* bio = BIO_new_ssl_connect(ctx);
  std::string target = "127.0.0.1:" + std::to_string(port);
  BIO_set_conn_hostname(bio, target.c_str());
  SSL* ssl = nullptr;
  BIO_get_ssl(bio, &ssl);
  SSL_set_tlsext_host_name(ssl, "localhost");
  SSL_set1_host(ssl, "localhost");
  std::string response;
  if (BIO_do_connect(bio) == 1 && BIO_do_handshake(bio) == 1) {
    int fd = -1;
    BIO_get_fd(bio, &fd);
    size_t sent = 0;
    while (sent < request.size()) {
      int n = BIO_write(bio, request.data() + sent, static_cast<int>(std::min<size_t>(request.size() - sent, 16384)));
      if (n <= 0) break;  // the server may refuse early and close
      sent += static_cast<size_t>(n);
    }
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[4096];
    for (;;) {
      int n = BIO_read(bio, buf, sizeof buf);
      if (n <= 0) break;  // closed by the server, or the timeout
      response.append(buf, static_cast<size_t>(n));
    }
  }
  BIO_free_all(bio);
  SSL_CTX_free(ctx);
  std::smatch m;
  static const std::regex status_line("^HTTP/1\\.[01] ([0-9]{3})");
  if (std::regex_search(response, m, status_line)) *status = std::stoi(m[1]);
  return response;
}

std::string SoapPost(const std::string& body, const std::string& key, const std::string& password,
                     const std::string& soap_action) {
  std::string credentials = key + ":" + password;
  std::string b64(4 * ((credentials.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()),
                          reinterpret_cast<const unsigned char*>(credentials.data()),
                          static_cast<int>(credentials.size()));
  b64.resize(static_cast<size_t>(n));
  std::ostringstream req;
  req << "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml; charset=utf-8\r\n"
      << "Authorization: Basic " << b64 << "\r\n"
      << "SOAPAction: \"" << soap_action << "\"\r\n"
      << "Content-Length: " << body.size() << "\r\nConnection: close\r\n\r\n"
      << body;
  return req.str();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace isi::testing
