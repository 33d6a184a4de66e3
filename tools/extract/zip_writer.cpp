#include "tools/extract/zip_writer.h"

#include <zip.h>

#include <ctime>

namespace isi::extract {
namespace {

// Unix mode of every entry (a regular file, rw-r--r--), in the high half of the attributes.
constexpr zip_uint32_t kRegularFile0644 = 0100644u << 16;

Status ZipFailure(const std::string& what, zip_t* za) {
  return Status::Internal(what + ": " + zip_strerror(za));
}

}  // namespace

Status WriteZip(const std::string& path, const std::vector<ZipEntry>& entries, int64_t mtime) {
  int code = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (za == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    Status s = Status::Internal("kan zip " + path + " niet maken: " + zip_error_strerror(&error));
    zip_error_fini(&error);
    return s;
  }
  // From here every early return discards the archive: nothing is written.
  for (const ZipEntry& e : entries) {
    zip_source_t* src =
        e.source_path.empty()
            ? zip_source_buffer(za, e.contents.data(), e.contents.size(), 0)
            : zip_source_file(za, e.source_path.c_str(), 0, 0);  // streamed at zip_close
    if (src == nullptr) {
      Status s = ZipFailure("kan " + e.name + " niet aan zip toevoegen", za);
      zip_discard(za);
      return s;
    }
    const zip_int64_t index = zip_file_add(za, e.name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);
      Status s = ZipFailure("kan " + e.name + " niet aan zip toevoegen", za);
      zip_discard(za);
      return s;
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(za, i, ZIP_CM_DEFLATE, 0) != 0 ||
        zip_file_set_mtime(za, i, static_cast<time_t>(mtime), 0) != 0 ||
        zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_UNIX, kRegularFile0644) != 0) {
      Status s = ZipFailure("kan " + e.name + " niet instellen", za);
      zip_discard(za);
      return s;
    }
  }
  // zip_close reads the sources and writes the archive (to a temporary file beside `path`,
  // renamed onto it); on failure the archive stays open and must be discarded.
  if (zip_close(za) != 0) {
    Status s = ZipFailure("kan zip " + path + " niet schrijven", za);
    zip_discard(za);
    return s;
  }
  return Status::Ok();
}

}  // namespace isi::extract
