// ProtocolLog: protocollering, the append-only hash chain of who saw which person, in its own
// SQLite file beside the store (ProtocolLogPath).
//
// Why a file of its own: every read of a person writes a record. In the store's file those
// writes queue behind any other writer (a daily refresh commits for seconds), so reads would
// pause. In a file of their own, reads of the store never take its write lock, and the records
// of concurrent requests are written together in one transaction (group commit, by whichever
// caller is first in line): one fsync serves every request waiting at that moment.
//
// Durability: WAL with synchronous=FULL; Append returns Ok only once its records are on disk.
// Records are chained as described in store/audit_chain.h, in the order the Append calls
// queued (and, within one call, in the given order).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/status.h"
#include "store/store.h"

namespace isi {

class ProtocolLog {
 public:
  virtual ~ProtocolLog() = default;

  // Appends `records` (chained in the given order, consecutive in the chain) and returns Ok
  // once they are durable; then each record's id, prev_hash and hash are set. Thread-safe:
  // concurrent calls are committed together. On failure nothing of this call is written,
  // `records` are untouched, and the Status is Unavailable (busy, disk) or Internal.
  virtual Status Append(std::vector<AuditRecord>* records) = 0;
  // One record; as Append.
  virtual Status Append(AuditRecord* record) = 0;

  // Records for one BSN (all when bsn is empty), oldest first. There is no index on bsn (it
  // would cost every request a random page write): this reads the whole file, about 5 million
  // records a second.
  virtual Status List(const std::string& bsn, std::vector<AuditRecord>* out) = 0;
  // Records with from <= at < to, oldest first.
  virtual Status ListPeriod(int64_t from, int64_t to, std::vector<AuditRecord>* out) = 0;
  // Recomputes the chain from the first record (prev_hash 64 zeros) in id order within one
  // snapshot. *records_checked: records examined; *first_bad_id: the id of the first record
  // whose prev_hash is not its predecessor's hash or whose hash does not match its contents,
  // 0 when intact. Ok whenever the check could run, intact or not.
  virtual Status Verify(int64_t* records_checked, int64_t* first_bad_id) = 0;
};

struct ProtocolLogOptions {
  bool create_if_missing = false;  // create the protocol file when the store has none yet
  int busy_timeout_ms = 30000;     // another process holding the file's write lock
  // A commit that leaves this many frames (pages) in the WAL wakes the log's checkpoint
  // thread; at four times as many the committing caller checkpoints itself, so the WAL stays
  // bounded when the thread cannot keep up. 1000 is SQLite's own automatic checkpoint.
  int checkpoint_frames = 1000;
};

// The protocol file of the store at `store_path`: store_path + "-protocol".
std::string ProtocolLogPath(const std::string& store_path);

// Opens the protocol file of the store at `store_path` (which must exist) and starts its
// checkpoint thread. A store written by an earlier release keeps its records in the store's own
// `protocol` table: they are moved into the protocol file first (ids and hashes kept, so the
// chain continues), and then removed from the store; a move cut off halfway is completed at
// the next opening. InvalidArgument when the store or (without create_if_missing) the protocol
// file does not exist, or when a file is not what it should be. Destroy the log only after
// every Append call has returned.
Status OpenProtocolLog(const std::string& store_path, const ProtocolLogOptions& options,
                       std::unique_ptr<ProtocolLog>* out);

}  // namespace isi
