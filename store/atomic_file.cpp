#include "store/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace isi::extract {
namespace {

std::string ParentDir(const std::string& path) {
  std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

std::string BaseName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

Status Errno(const std::string& what, const std::string& path) {
  return Status::Internal(what + " '" + path + "': " + std::strerror(errno));
}

mode_t CurrentUmask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

Status SyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("kan niet openen", path);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) return Errno("fsync mislukt voor", path);
  return Status::Ok();
}

}  // namespace

StagedFile::StagedFile(StagedFile&& other) noexcept
    : final_path_(std::move(other.final_path_)), temp_path_(std::exchange(other.temp_path_, {})) {}

StagedFile& StagedFile::operator=(StagedFile&& other) noexcept {
  if (this != &other) {
    Remove();
    final_path_ = std::move(other.final_path_);
    temp_path_ = std::exchange(other.temp_path_, {});
  }
  return *this;
}

StagedFile::~StagedFile() { Remove(); }

void StagedFile::Remove() {
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  temp_path_.clear();
}

Status StagedFile::Create(const std::string& final_path, StagedFile* out) {
  std::string templ = ParentDir(final_path) + "/" + kTempPrefix + BaseName(final_path) + "-XXXXXX";
  const int fd = ::mkstemp(templ.data());
  if (fd < 0) return Errno("kan tijdelijk bestand niet maken voor", final_path);
  // mkstemp creates 0600; give the file the mode an ordinary creation would (0666 & ~umask), so
  // the server may read what the administrator builds when the directory allows it.
  ::fchmod(fd, 0666 & ~CurrentUmask());
  ::close(fd);
  StagedFile staged;
  staged.final_path_ = final_path;
  staged.temp_path_ = templ;
  *out = std::move(staged);
  return Status::Ok();
}

Status StagedFile::Publish() {
  if (temp_path_.empty()) return Status::Internal("niets te publiceren voor " + final_path_);
  if (Status s = SyncFile(temp_path_); !s.ok()) return s;
  if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    return Errno("kan niet publiceren als", final_path_);
  }
  temp_path_.clear();  // it is the final file now
  return SyncDirectory(ParentDir(final_path_));
}

Status WriteFileAtomically(const std::string& final_path, std::string_view contents) {
  StagedFile staged;
  if (Status s = StagedFile::Create(final_path, &staged); !s.ok()) return s;
  std::FILE* f = std::fopen(staged.temp_path().c_str(), "wb");
  if (f == nullptr) return Errno("kan niet schrijven", staged.temp_path());
  const bool written = std::fwrite(contents.data(), 1, contents.size(), f) == contents.size();
  const bool closed = std::fclose(f) == 0;
  if (!written || !closed) return Errno("kan niet schrijven", staged.temp_path());
  return staged.Publish();
}

Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("kan map niet openen", dir);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) return Errno("fsync mislukt voor map", dir);
  return Status::Ok();
}

void RemoveStaleTempFiles(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> stale;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().starts_with(kTempPrefix)) stale.push_back(entry.path());
  }
  for (const auto& path : stale) std::filesystem::remove_all(path, ec);
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

Status DirectoryLock::Acquire(const std::string& dir) {
  const std::string path = dir + "/.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("kan slotbestand niet openen", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int saved = errno;
    ::close(fd);
    if (saved == EWOULDBLOCK) {
      return Status::Unavailable("er loopt al een build in " + dir);
    }
    errno = saved;
    return Errno("kan slot niet nemen op", path);
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  return Status::Ok();
}

}  // namespace isi::extract
