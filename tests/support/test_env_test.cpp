// The test support itself (tests/support/test_env.h) where a mistake would hide behind other
// tests: a server started by a test must not outlive the test process.
#include "tests/support/test_env.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

#include "store/store.h"

using namespace isi;
using namespace isi::testing;

namespace {

using Clock = std::chrono::steady_clock;

// True when every write end of `fd`'s pipe is closed before `deadline` (what ctest waits for on
// a test's output); reads and drops what arrives meanwhile.
bool ClosesBefore(int fd, Clock::time_point deadline) {
  char buf[4096];
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0 && errno != EINTR) return false;
  }
}

// Reaps `pid` (a child, or an orphan of a child while this process is a subreaper) before
// `deadline`; true when it has exited.
bool ReapedBefore(pid_t pid, Clock::time_point deadline) {
  for (;;) {
    const pid_t r = waitpid(pid, nullptr, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno != EINTR) return false;
    if (Clock::now() >= deadline) return false;
    usleep(5000);
  }
}

}  // namespace

TEST_CASE("ServerProcess: the server dies with a test process that aborts", "[support]") {
  TempDir dir;
  const std::string certs = dir.File("certs");
  const std::string store_path = dir.File("isi.db");
  MakeDevCerts(certs);
  {
    std::unique_ptr<Store> store;
    StoreOptions options;
    options.create_if_missing = true;
    REQUIRE(OpenSqliteStore(store_path, options, &store).ok());
  }
  // The server becomes an orphan when the test process dies. As a subreaper this process gets
  // it, so it can reap it; otherwise a dead server could linger as a zombie of init, which
  // kill(pid, 0) cannot tell from a live one.
  REQUIRE(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
  int report[2], output[2];
  REQUIRE(pipe2(report, O_CLOEXEC) == 0);  // the test process -> us: the server's pid
  REQUIRE(pipe2(output, O_CLOEXEC) == 0);  // its stderr, which its server inherits: ctest's pipe

  const pid_t test_process = fork();
  REQUIRE(test_process >= 0);
  if (test_process == 0) {
    // The test process that crashes: no Catch2 here, every path ends in abort() or _exit().
    dup2(output[1], 2);
    try {
      ServerProcess server(store_path, certs, {"--workers", "1"});
      const pid_t pid = server.pid();
      if (write(report[1], &pid, sizeof pid) != sizeof pid) _exit(3);
      rlimit no_core{0, 0};
      setrlimit(RLIMIT_CORE, &no_core);
      signal(SIGABRT, SIG_DFL);  // not Catch2's handler
      std::abort();              // no destructor runs: ServerProcess does not stop the server
    } catch (...) {
      _exit(4);
    }
  }
  close(report[1]);
  close(output[1]);
  pid_t server_pid = 0;
  const bool reported = read(report[0], &server_pid, sizeof server_pid) == sizeof server_pid;
  close(report[0]);
  int status = 0;
  waitpid(test_process, &status, 0);
  const auto died = Clock::now();
  CHECK(WIFSIGNALED(status));
  CHECK((WIFSIGNALED(status) ? WTERMSIG(status) : 0) == SIGABRT);
  REQUIRE(reported);
  REQUIRE(server_pid > 0);

  // The deadline is generous for a loaded machine or a sanitizer build; it takes milliseconds.
  const auto deadline = died + std::chrono::seconds(5);
  const bool closed = ClosesBefore(output[0], deadline);
  const bool reaped = ReapedBefore(server_pid, deadline);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - died);
  close(output[0]);
  if (!reaped) {  // the server outlived its test: do not leave it behind
    kill(server_pid, SIGKILL);
    waitpid(server_pid, nullptr, 0);
  }
  prctl(PR_SET_CHILD_SUBREAPER, 0);
  INFO("server gone " << took.count() << " ms after the test process died");
  CHECK(closed);
  CHECK(reaped);
  CHECK(kill(server_pid, 0) == -1);
}
