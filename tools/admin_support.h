// Building blocks of isi-admin that are worth testing on their own: strict parsing of the
// command-line values, JSON output, and the credentials of a new application key.
//
// No CLI11, no store here; isi_admin.cpp wires these to the command line and the Store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/status.h"

namespace isi::admin {

// Strict decimal parsing: only ASCII digits (ParseInt64 also allows one leading '-'), no
// spaces, no '+', no empty string; false on overflow.
bool ParseUint64(std::string_view text, uint64_t* out);
bool ParseInt64(std::string_view text, int64_t* out);

// Parses "2,3,5,6" (the elements CLI11 already split at commas are passed as `items`; each may
// itself still contain commas) into ascending distinct roles. InvalidArgument (field "roles")
// for anything but 2, 3, 5 or 6, or for no role at all.
Status ParseRoles(const std::vector<std::string>& items, std::vector<int>* roles);

// Splits every item at commas and drops empty pieces: {"0014,0034", "0363"} ->
// {"0014", "0034", "0363"}.
std::vector<std::string> SplitCommas(const std::vector<std::string>& items);

// `text` as a JSON string literal, quotes included. Escapes '"', '\\' and control characters;
// other bytes (UTF-8) pass through unchanged.
std::string JsonQuote(std::string_view text);

// "2,3,5,6" / "[2,3,5,6]".
std::string JoinInts(const std::vector<int>& values, std::string_view separator);

// Unix seconds as "YYYY-MM-DDTHH:MM:SSZ" (UTC).
std::string FormatUtc(int64_t unix_seconds);

// Fills `n` bytes at `out` with cryptographically strong randomness; Internal on failure.
using RandomBytes = std::function<Status(unsigned char* out, size_t n)>;
// RandomBytes from OpenSSL RAND_bytes.
Status OpenSslRandomBytes(unsigned char* out, size_t n);

// The characters of generated passwords: letters and digits without the easily confused
// 0 O o 1 l I.
inline constexpr std::string_view kPasswordAlphabet =
    "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
// Length of generated passwords: 28 characters of 56 possible, about 162 bits.
inline constexpr size_t kPasswordLength = 28;

struct KeyCredentials {
  std::string key_id;    // "ak_<gemeente>_<16 lowercase hex digits>"
  std::string password;  // kPasswordLength characters of kPasswordAlphabet, uniformly chosen
};

// New credentials for an application key of `gemeentecode`. Errors of `random` are returned.
Status NewKeyCredentials(const std::string& gemeentecode, const RandomBytes& random,
                         KeyCredentials* out);

}  // namespace isi::admin
