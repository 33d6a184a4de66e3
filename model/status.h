// Status: the outcome of an operation that can fail in an expected way.
//
// Model, store and service return a Status for every expected failure (bad input, unknown
// person, wrong password, ...). Exceptions are reserved for what should never happen.
// The service turns a Status into a SOAP fault in exactly one place (service/fault.h).
#pragma once

#include <string>
#include <utility>

namespace isi {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,   // the request is malformed or a field is out of range
    kNotFound,          // no such person/record visible to the caller
    kUnauthenticated,   // unknown key, wrong password, revoked key
    kForbidden,         // authenticated, but not allowed (role, municipality)
    kLocked,            // key temporarily locked after too many failures
    kConflict,          // stale version or a state transition that is not allowed
    kUnavailable,       // the store is busy or unreachable; retrying may help
    kInternal,          // a bug or an unexpected store error
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg, std::string field = {}) {
    return Status(Code::kInvalidArgument, std::move(msg), std::move(field));
  }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status Unauthenticated(std::string msg) {
    return Status(Code::kUnauthenticated, std::move(msg));
  }
  static Status Forbidden(std::string msg) { return Status(Code::kForbidden, std::move(msg)); }
  static Status Locked(std::string msg) { return Status(Code::kLocked, std::move(msg)); }
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status Unavailable(std::string msg) { return Status(Code::kUnavailable, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // Human-readable message (Dutch where it reaches a caller).
  const std::string& message() const { return message_; }
  // The request field that caused an kInvalidArgument, or empty.
  const std::string& field() const { return field_; }
  // A more specific, stable reason than the code (e.g. "VersieVerouderd" for a kConflict), or
  // empty. The service uses it as the fault code when set (README "Foutcodes").
  const std::string& reason() const { return reason_; }
  // This status with `reason` set.
  Status WithReason(std::string reason) const {
    Status s = *this;
    s.reason_ = std::move(reason);
    return s;
  }
  // "InvalidArgument: message (field)" for logs and test failures.
  std::string ToString() const;

 private:
  Status(Code code, std::string msg, std::string field = {})
      : code_(code), message_(std::move(msg)), field_(std::move(field)) {}

  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
  std::string reason_;
};

const char* CodeName(Status::Code code);

}  // namespace isi
