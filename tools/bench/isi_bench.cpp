// isi-bench: load generator for the service benchmark (tools/bench-service, BENCHMARKS.md).
//
// N threads, each with its own IsiClient: one TLS connection kept alive across requests (the
// client reconnects by itself when the server ends the connection, e.g. after max_keep_alive
// requests). Every thread sends requests back to back for --warmup seconds (not counted: TLS
// handshakes, the first argon2 check of the key, cold caches) and then for --duration seconds,
// which are measured. Prints one JSON object on stdout:
//   requests and errors completed in the window, requests/s, latency p50/p99/max (ms), how
//   many connections got an answer in the window and the oldest request still unanswered at
//   its end (queued connections are in no latency figure otherwise),
//   with --server-pid: the server's CPU seconds in the window (utime+stime of all its threads,
//   /proc/PID/stat) per request, and its memory at the end of the window (/proc/PID/status:
//   VmRSS, RssAnon, RssFile, VmHWM; /proc/PID/smaps_rollup: Pss) and the highest RssAnon seen
//   in it (sampled every 100 ms), the load generator's own CPU per request, and the
//   persons or signals per answer (a page without any writes no protocol record).
//
// Workloads (--op):
//   lookup   RaadplegenPersoon by BSN, uniformly random from --bsns (lines "gemeente bsn")
//   select   ZoekenPersonen, page of 20: a random municipality and birth year, all pages walked
//            with the continuation key, then the next random selection
//   signals  ZoekenSignalen, page of 10: a random municipality, 30-day window and status
//            (or none), pages walked as above
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "service/client.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Target {
  std::string gemeente;
  std::string bsn;
};

struct Options {
  isi::ClientOptions client;
  std::string op = "lookup";
  int connections = 1;
  double duration_s = 10;
  double warmup_s = 1;
  std::string bsns_file;
  std::vector<std::string> gemeenten;
  int server_pid = 0;
  uint64_t seed = 1;
};

// The measured window, set by main before the threads start.
struct Window {
  Clock::time_point begin;
  Clock::time_point end;
};

struct ThreadResult {
  std::vector<uint32_t> latencies_us;  // requests completed inside the window
  uint64_t errors = 0;                 // faults completed inside the window
  uint64_t errors_outside = 0;         // faults during warm-up or after the window
  uint64_t rows = 0;                   // persons or signals delivered inside the window
  uint64_t empty = 0;                  // answers inside the window without any
  // When the request in flight was sent (steady_clock ticks), 0 between requests: at the end of
  // the window main sees how long a connection has been waiting (e.g. queued for a worker).
  std::atomic<int64_t> in_flight_since{0};
};

std::mutex g_fault_mu;
std::string g_first_fault;  // guarded by g_fault_mu

void NoteFault(const isi::ClientFault& fault) {
  std::lock_guard<std::mutex> lock(g_fault_mu);
  if (g_first_fault.empty()) g_first_fault = fault.code + ": " + fault.melding;
}

std::string Date(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

// One workload: Next() sends one request and says whether it was answered without a fault.
class Workload {
 public:
  Workload(const Options& options, const std::vector<Target>* targets, uint64_t seed)
      : options_(options), targets_(targets), client_(options.client), rng_(seed) {}

  // Sends one request; true when it was answered without a fault. `*rows` gets the number of
  // persons or signals in the answer.
  bool Next(size_t* rows) {
    isi::ClientFault fault;
    *rows = 0;
    bool ok = false;
    if (options_.op == "lookup") {
      const Target& t = (*targets_)[Pick(targets_->size())];
      ok = client_.RaadplegenPersoon(t.gemeente, t.bsn, std::nullopt, &fault) != nullptr;
      *rows = ok ? 1 : 0;
    } else if (options_.op == "select") {
      ok = Select(&fault, rows);
    } else {
      ok = Signals(&fault, rows);
    }
    if (!ok) {
      NoteFault(fault);
      continuation_.reset();  // a fault ends the connection and the walk
    }
    return ok;
  }

 private:
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  void NewSelection() {
    gemeente_ = options_.gemeenten[Pick(options_.gemeenten.size())];
    if (options_.op == "select") {
      const int year = Between(1950, 2000);
      from_ = Date(year, 1, 1);
      to_ = Date(year, 12, 31);
      status_.reset();
    } else {
      // A 30-day window somewhere in 2008..2024, with a status filter half of the time.
      const int year = Between(2008, 2024), month = Between(1, 12);
      from_ = Date(year, month, 1);
      const int to_month = month == 12 ? 1 : month + 1, to_year = month == 12 ? year + 1 : year;
      to_ = Date(to_year, to_month, 1);
      const int s = Between(0, 3);
      if (s < 2)
        status_.reset();
      else
        status_ = s == 2 ? isi__SignaalStatus::Nieuw : isi__SignaalStatus::InBehandeling;
    }
  }

  bool Select(isi::ClientFault* fault, size_t* rows) {
    if (!continuation_) NewSelection();
    _isi__ZoekenPersonen req;
    int page = 20;
    req.Gemeentecode = gemeente_;
    req.GeboortedatumVanaf = &from_;
    req.GeboortedatumTotEnMet = &to_;
    req.PaginaGrootte = &page;
    req.Vervolgsleutel = continuation_ ? &*continuation_ : nullptr;
    const _isi__ZoekenPersonenResponse* resp = client_.ZoekenPersonen(req, fault);
    if (resp == nullptr) return false;
    *rows = resp->Persoon.size();
    SetContinuation(resp->VolgendePagina);
    return true;
  }

  bool Signals(isi::ClientFault* fault, size_t* rows) {
    if (!continuation_) NewSelection();
    _isi__ZoekenSignalen req;
    int page = 10;
    req.Gemeentecode = gemeente_;
    req.DatumVanaf = &from_;
    req.DatumTotEnMet = &to_;
    req.Status = status_ ? &*status_ : nullptr;
    req.PaginaGrootte = &page;
    req.Vervolgsleutel = continuation_ ? &*continuation_ : nullptr;
    const _isi__ZoekenSignalenResponse* resp = client_.ZoekenSignalen(req, fault);
    if (resp == nullptr) return false;
    *rows = resp->Signaal.size();
    SetContinuation(resp->VolgendePagina);
    return true;
  }

  void SetContinuation(const std::string* next) {
    if (next != nullptr)
      continuation_ = *next;  // copied: the response is freed by the next call
    else
      continuation_.reset();
  }

  const Options& options_;
  const std::vector<Target>* targets_;
  isi::IsiClient client_;
  std::mt19937_64 rng_;
  std::string gemeente_, from_, to_;
  std::optional<isi__SignaalStatus> status_;
  std::optional<std::string> continuation_;
};

void RunThread(const Options& options, const std::vector<Target>* targets, uint64_t seed,
               const Window& window, const std::atomic<bool>& stop, ThreadResult* out) {
  Workload workload(options, targets, seed);
  out->latencies_us.reserve(1 << 16);
  while (!stop.load(std::memory_order_relaxed)) {
    const Clock::time_point t0 = Clock::now();
    out->in_flight_since.store(t0.time_since_epoch().count());
    size_t rows = 0;
    const bool ok = workload.Next(&rows);
    const Clock::time_point t1 = Clock::now();
    out->in_flight_since.store(0);
    const bool inside = t1 >= window.begin && t1 < window.end;
    if (!ok) {
      ++(inside ? out->errors : out->errors_outside);
      continue;
    }
    if (inside) {
      out->rows += rows;
      if (rows == 0) ++out->empty;
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(t1 - t0).count();
      out->latencies_us.push_back(static_cast<uint32_t>(std::min<int64_t>(us, UINT32_MAX)));
    }
  }
}

// --- the server process, from /proc ------------------------------------------------------------

struct ProcSample {
  double cpu_s = 0;  // utime + stime of all threads
  double sys_s = 0;  // stime alone (kernel: TLS sockets, SQLite file I/O and fsync)
  long rss_kb = 0, anon_kb = 0, file_kb = 0, hwm_kb = 0;
  // Proportional set size: each page once, however many mappings share it. With the store
  // read through mmap, every worker's connection maps the file, so VmRSS (and VmHWM) count
  // its pages once per worker; Pss counts them once.
  long pss_kb = 0;
  bool ok = false;
};

// The memory lines of /proc/PID/status (VmRSS, RssAnon, RssFile, VmHWM) into `s`.
void ReadStatus(int pid, ProcSample* s) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    std::istringstream in(line);
    std::string key;
    long kb = 0;
    in >> key >> kb;
    if (key == "VmRSS:") s->rss_kb = kb;
    if (key == "RssAnon:") s->anon_kb = kb;
    if (key == "RssFile:") s->file_kb = kb;
    if (key == "VmHWM:") s->hwm_kb = kb;
  }
}

// RssAnon of `pid` in kB, 0 when unreadable.
long AnonKb(int pid) {
  ProcSample s;
  ReadStatus(pid, &s);
  return s.anon_kb;
}

ProcSample SampleProcess(int pid) {
  ProcSample s;
  if (pid <= 0) return s;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return s;
  const auto paren = line.rfind(')');
  if (paren == std::string::npos) return s;
  std::istringstream fields(line.substr(paren + 2));
  std::string field;
  // After "(comm) ": state is field 3; utime and stime are fields 14 and 15.
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  s.cpu_s = static_cast<double>(utime + stime) / ticks;
  s.sys_s = static_cast<double>(stime) / ticks;
  ReadStatus(pid, &s);
  std::ifstream rollup("/proc/" + std::to_string(pid) + "/smaps_rollup");
  while (std::getline(rollup, line)) {
    if (line.rfind("Pss:", 0) == 0) s.pss_kb = std::atol(line.c_str() + 4);
  }
  s.ok = true;
  return s;
}

double SelfCpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto sec = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  return sec(ru.ru_utime) + sec(ru.ru_stime);
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

bool ReadTargets(const std::string& path, std::vector<Target>* out) {
  std::ifstream in(path);
  if (!in) return false;
  Target t;
  while (in >> t.gemeente >> t.bsn) out->push_back(t);
  return !out->empty();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"isi-bench: load generator for the ISI-koppeling benchmark (tools/bench-service)"};
  Options o;
  app.add_option("--endpoint", o.client.endpoint, "https://localhost:PORT/")->required();
  app.add_option("--cafile", o.client.ca_file, "PEM CA of the server certificate")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--key", o.client.key_id, "Application key (role 6, acting for --gemeenten)")
      ->required();
  app.add_option("--password", o.client.password, "Its password (or ISI_PASSWORD)");
  app.add_option("--op", o.op, "lookup | select | signals")
      ->capture_default_str()
      ->check(CLI::IsMember({"lookup", "select", "signals"}));
  app.add_option("--connections", o.connections, "Threads, each with its own keep-alive connection")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  app.add_option("--duration", o.duration_s, "Measured seconds")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  app.add_option("--warmup", o.warmup_s, "Seconds before the measurement starts")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 600.0));
  app.add_option("--bsns", o.bsns_file, "File of 'gemeente bsn' lines (lookup)")
      ->check(CLI::ExistingFile);
  app.add_option("--gemeenten", o.gemeenten, "Municipalities to select in (select, signals)")
      ->delimiter(',');
  app.add_option("--server-pid", o.server_pid, "Process to measure CPU and memory of");
  app.add_option("--seed", o.seed, "Seed of the random choices")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  if (o.client.password.empty())
    if (const char* pw = std::getenv("ISI_PASSWORD")) o.client.password = pw;
  std::vector<Target> targets;
  if (o.op == "lookup" && (o.bsns_file.empty() || !ReadTargets(o.bsns_file, &targets))) {
    std::cerr << "isi-bench: --op lookup needs --bsns with 'gemeente bsn' lines\n";
    return 2;
  }
  if (o.op != "lookup" && o.gemeenten.empty()) {
    std::cerr << "isi-bench: --op " << o.op << " needs --gemeenten\n";
    return 2;
  }

  soap_ssl_init();  // once, before the threads set up their TLS contexts
  Window window;
  const Clock::time_point start = Clock::now();
  window.begin = start + std::chrono::duration_cast<Clock::duration>(
                             std::chrono::duration<double>(o.warmup_s));
  window.end = window.begin + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(o.duration_s));
  std::atomic<bool> stop{false};
  std::vector<ThreadResult> results(static_cast<size_t>(o.connections));
  std::vector<std::thread> threads;
  for (int i = 0; i < o.connections; ++i)
    threads.emplace_back(RunThread, std::cref(o), &targets,
                         o.seed * 1000003u + static_cast<uint64_t>(i), std::cref(window),
                         std::cref(stop), &results[static_cast<size_t>(i)]);

  std::this_thread::sleep_until(window.begin);
  const ProcSample before = SampleProcess(o.server_pid);
  const double self_before = SelfCpuSeconds();
  long anon_peak_kb = before.anon_kb;
  while (Clock::now() < window.end) {
    std::this_thread::sleep_until(std::min(window.end, Clock::now() + std::chrono::milliseconds(100)));
    if (o.server_pid > 0) anon_peak_kb = std::max(anon_peak_kb, AnonKb(o.server_pid));
  }
  const ProcSample after = SampleProcess(o.server_pid);
  const double self_after = SelfCpuSeconds();
  // The longest wait still open at the end of the window: a request that never completed in it
  // (a connection queued behind busy workers) is in no latency figure, but shows here.
  int64_t oldest_pending = 0;
  const int64_t now_ticks = Clock::now().time_since_epoch().count();
  for (auto& r : results) {
    const int64_t since = r.in_flight_since.load();
    if (since != 0) oldest_pending = std::max(oldest_pending, now_ticks - since);
  }
  stop.store(true);
  for (auto& t : threads) t.join();

  std::vector<uint32_t> all;
  uint64_t errors = 0, errors_outside = 0, rows = 0, empty = 0;
  int served = 0;  // connections with at least one answer inside the window
  for (auto& r : results) {
    if (!r.latencies_us.empty()) ++served;
    rows += r.rows;
    empty += r.empty;
    all.insert(all.end(), r.latencies_us.begin(), r.latencies_us.end());
    errors += r.errors;
    errors_outside += r.errors_outside;
  }
  std::sort(all.begin(), all.end());
  auto pct = [&all](double p) -> double {
    if (all.empty()) return 0;
    size_t i = static_cast<size_t>(std::ceil(p * static_cast<double>(all.size())));
    i = std::clamp<size_t>(i, 1, all.size()) - 1;
    return static_cast<double>(all[i]) / 1000.0;
  };
  const double n = static_cast<double>(all.size());
  const double per_req = n > 0 ? 1000.0 / n : 0;  // seconds -> ms per request

  std::ostringstream json;
  json.setf(std::ios::fixed);
  json.precision(3);
  json << "{\"op\": " << JsonString(o.op) << ", \"connections\": " << o.connections
       << ", \"seconds\": " << o.duration_s << ", \"requests\": " << all.size()
       << ", \"errors\": " << errors << ", \"errors_outside_window\": " << errors_outside
       << ", \"rps\": " << n / o.duration_s << ", \"p50_ms\": " << pct(0.50)
       << ", \"p99_ms\": " << pct(0.99) << ", \"max_ms\": " << pct(1.0)
       << ", \"served_connections\": " << served << ", \"oldest_pending_ms\": "
       << std::chrono::duration<double, std::milli>(Clock::duration(oldest_pending)).count()
       << ", \"rows_per_req\": " << (n > 0 ? static_cast<double>(rows) / n : 0)
       << ", \"empty_answers\": " << empty
       << ", \"client_cpu_ms_per_req\": " << (self_after - self_before) * per_req;
  if (before.ok && after.ok) {
    json << ", \"server_cpu_s\": " << after.cpu_s - before.cpu_s
         << ", \"server_cpu_ms_per_req\": " << (after.cpu_s - before.cpu_s) * per_req
         << ", \"server_sys_ms_per_req\": " << (after.sys_s - before.sys_s) * per_req
         << ", \"server_rss_mb\": " << static_cast<double>(after.rss_kb) / 1024
         << ", \"server_anon_mb\": " << static_cast<double>(after.anon_kb) / 1024
         << ", \"server_file_mb\": " << static_cast<double>(after.file_kb) / 1024
         << ", \"server_hwm_mb\": " << static_cast<double>(after.hwm_kb) / 1024
         << ", \"server_pss_mb\": " << static_cast<double>(after.pss_kb) / 1024
         << ", \"server_anon_peak_mb\": "
         << static_cast<double>(std::max(anon_peak_kb, after.anon_kb)) / 1024;
  }
  {
    std::lock_guard<std::mutex> lock(g_fault_mu);
    if (!g_first_fault.empty()) json << ", \"first_fault\": " << JsonString(g_first_fault);
  }
  json << "}\n";
  std::cout << json.str();
  return all.empty() ? 1 : 0;
}
