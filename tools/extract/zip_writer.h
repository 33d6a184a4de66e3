// Zip archives through libzip, streamed from files on disk (the data file is never held in
// memory). libzip's headers stay out of this header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/status.h"

namespace isi::extract {

struct ZipEntry {
  std::string name;         // name inside the archive, e.g. "LEGENDA.txt"
  std::string source_path;  // read from this file when not empty...
  std::string contents;     // ...else these bytes (small texts)
};

// Writes a new archive at `path` (replacing any file there) with `entries` in order, deflated,
// each with modification time `mtime` (unix seconds). Internal on any failure; `path` is then
// unspecified (write to a StagedFile's temp_path and publish only on success).
Status WriteZip(const std::string& path, const std::vector<ZipEntry>& entries, int64_t mtime);

}  // namespace isi::extract
