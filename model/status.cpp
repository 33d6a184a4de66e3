#include "model/status.h"

namespace isi {

const char* CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "Ok";
    case Status::Code::kInvalidArgument: return "InvalidArgument";
    case Status::Code::kNotFound: return "NotFound";
    case Status::Code::kUnauthenticated: return "Unauthenticated";
    case Status::Code::kForbidden: return "Forbidden";
    case Status::Code::kLocked: return "Locked";
    case Status::Code::kConflict: return "Conflict";
    case Status::Code::kUnavailable: return "Unavailable";
    case Status::Code::kInternal: return "Internal";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  if (ok()) return "Ok";
  std::string s = CodeName(code_);
  s += ": ";
  s += message_;
  if (!field_.empty()) s += " (" + field_ + ")";
  return s;
}

}  // namespace isi
