// Atomic publication of files: a file is written under a temporary name in the directory where
// it will live, made durable (fsync), and only then renamed onto its final name, after which the
// directory is fsynced too. A reader therefore sees either the old file or the whole new one,
// never a half-written file under the final name, even after a crash or a kill.
//
// Temporary names start with kTempPrefix (".tmp-"), so they never collide with published names
// (which do not start with a dot) and are easy to sweep after a crash (RemoveStaleTempFiles).
#pragma once

#include <string>
#include <string_view>

#include "model/status.h"

namespace isi::extract {

inline constexpr const char* kTempPrefix = ".tmp-";

// A temporary file next to `final_path`, to be filled by the caller (through temp_path()) and
// then published. Removed on destruction unless published. Move-only.
class StagedFile {
 public:
  StagedFile() = default;
  StagedFile(StagedFile&& other) noexcept;
  StagedFile& operator=(StagedFile&& other) noexcept;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  ~StagedFile();

  // Creates an empty temporary file ".tmp-<name>-XXXXXX" in the directory of `final_path`
  // (which must exist). Internal when it cannot be created.
  static Status Create(const std::string& final_path, StagedFile* out);

  const std::string& temp_path() const { return temp_path_; }
  const std::string& final_path() const { return final_path_; }

  // fsyncs the temporary file, renames it onto final_path (replacing an existing file
  // atomically) and fsyncs the directory. Internal on any failure; the final name then still
  // holds what it held before.
  Status Publish();

 private:
  void Remove();

  std::string final_path_;
  std::string temp_path_;  // empty once published or moved from
};

// Writes `contents` to `final_path` atomically (StagedFile + write + Publish).
Status WriteFileAtomically(const std::string& final_path, std::string_view contents);

// fsync of a directory, so that a rename or unlink in it is durable.
Status SyncDirectory(const std::string& dir);

// Removes files named kTempPrefix* in `dir` (left by a killed build). Only call this while
// holding the directory's lock (DirectoryLock), so no live build's temporary file is removed.
void RemoveStaleTempFiles(const std::string& dir);

// An exclusive advisory lock (flock) on `<dir>/.lock`, held while the object lives. Serialises
// builds of the same directory across processes.
class DirectoryLock {
 public:
  DirectoryLock() = default;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  ~DirectoryLock();

  // Takes the lock without waiting. Unavailable when another process holds it (a build of the
  // same directory is running); Internal when the lock file cannot be opened.
  Status Acquire(const std::string& dir);

 private:
  int fd_ = -1;
};

}  // namespace isi::extract
