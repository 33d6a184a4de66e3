// Test support: temporary directories, development certificates, the real isi-server as a
// child process on a free loopback port, and a raw HTTPS client for hand-made requests.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace isi::testing {

// A fresh directory under $TMPDIR, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Runs certs/make-dev-certs.sh into `dir` (ca.pem, server.pem, server.key, ...). Throws on failure.
void MakeDevCerts(const std::string& dir);

// Makes a client certificate `dir`/`name`.pem (key `name`.key, P-256) for clientAuth with
// `subject` in OpenSSL's slash form ("/C=NL/O=Gemeente Almere/CN=cvs.almere.nl", UTF-8),
// signed by the development CA that MakeDevCerts put in `dir`. Each call makes a new key and
// certificate, also for a subject used before. Throws on failure.
void MakeClientCert(const std::string& dir, const std::string& name, const std::string& subject);

// Runs a command (argv[0] is the program) and returns its exit code (128 + signal when a signal
// ended it); stdout goes to `out`, and stderr to `err` when given (else to the test's stderr).
// Like ServerProcess, the command gets SIGTERM if the test dies first.
int RunCommand(const std::vector<std::string>& argv, std::string* out = nullptr,
               std::string* err = nullptr);

// The real isi-server, started with --port 0 and stopped with SIGTERM on destruction.
// The server also gets SIGTERM when the thread that started it ends (PR_SET_PDEATHSIG): a test
// process that crashes, aborts or is killed takes its servers with it, instead of leaving them
// to hold ctest's output pipe open until ctest's timeout. So start a server on a thread that
// outlives it (the main thread, as every test does). A wrapper (ISI_SERVER_WRAPPER) must run
// the server in its own process, as valgrind does, or pass the signal on.
class ServerProcess {
 public:
  // Starts `ISI_SERVER_PATH --store store --cert dir/server.pem --key dir/server.key --port 0`
  // plus `extra` arguments, and waits for the port it prints. Throws when it does not start.
  // With the environment variable ISI_SERVER_WRAPPER set, its words (the first an absolute path)
  // come before that command: ISI_SERVER_WRAPPER="/usr/bin/valgrind --log-file=/tmp/vg.%p" runs
  // every server under valgrind (tools/test-sanitize --valgrind); it then gets 120 s to start.
  // With `stderr_path`, the server's stderr goes to that file (created or emptied; appended to
  // by each write, so its log lines are whole) instead of the test's stderr.
  ServerProcess(const std::string& store, const std::string& cert_dir,
                const std::vector<std::string>& extra = {}, const std::string& stderr_path = "");
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // The server's process id (for /proc/<pid>/status), or -1 once stopped.
  pid_t pid() const { return pid_; }
  std::string endpoint() const { return "https://localhost:" + std::to_string(port_) + "/"; }
  // Sends SIGTERM and returns the exit status (as from waitpid), or -1 if already stopped.
  int Stop();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// A raw HTTPS exchange: sends `request` (complete HTTP message, as bytes) to 127.0.0.1:port,
// trusting `ca_file`, and returns everything the server sent until it closed the connection or
// `timeout_ms` passed. `status` gets the HTTP status code (0 when there was no answer).
std::string RawHttps(int port, const std::string& ca_file, const std::string& request,
                     int* status, int timeout_ms = 5000);

// Builds a POST of `body` with HTTP Basic credentials and the given SOAPAction.
std::string SoapPost(const std::string& body, const std::string& key, const std::string& password,
                     const std::string& soap_action);

// Reads a whole file (throws when missing).
std::string ReadFile(const std::string& path);

}  // namespace isi::testing
