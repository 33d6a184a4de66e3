// Building blocks of isi-admin that are worth testing on their own: strict parsing of the
// command-line values, JSON and CSV output (also of protocol records), and the credentials of a
// new application key.
//
// No CLI11 and no Store here (only the plain AuditRecord struct of store/store.h);
// isi_admin.cpp wires these to the command line and the Store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/status.h"
#include "store/store.h"

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

// --- Protocol (audit) export ------------------------------------------------------------------

// The period of `audit export --van VAN --tot TOT`: both "YYYY-MM-DD", read as UTC midnight;
// `*from` = VAN 00:00:00 UTC and `*to` = TOT 00:00:00 UTC in unix seconds, so TOT itself is
// not included (--van 2025-03-01 --tot 2025-04-01 is all of March). InvalidArgument with field
// "van" or "tot" for a malformed date, and with field "tot" when TOT is not after VAN.
Status ParsePeriod(std::string_view van, std::string_view tot, int64_t* from, int64_t* to);

// One field of a ';'-separated CSV line. A text a spreadsheet would run as a formula (first
// character '=', '+', '-', '@', TAB or CR) gets a leading apostrophe: key ids of failed logins
// are chosen by whoever tried them. The field is then quoted ("..." with '"' doubled) when it
// contains ';', '"', CR or LF. UTF-8 passes through unchanged.
std::string CsvField(std::string_view text);

// The CSV export: a header line, then one line per record, fields in this order, ';'
// separated, lines ending in "\n", UTF-8 without byte order mark:
//   id;at;key_id;gemeentecode;operation;bsn;outcome;prev_hash;hash
// `at` as FormatUtc (ISO 8601, UTC). Both with the trailing "\n".
std::string AuditCsvHeader();
std::string AuditCsvLine(const AuditRecord& record);
// A record as one JSON object with the same names: {"id": 17, "at": "2025-03-01T09:30:00Z",
// "key_id": "...", "gemeentecode": "...", "operation": "...", "bsn": "...", "outcome": "...",
// "prev_hash": "...", "hash": "..."}.
std::string AuditJson(const AuditRecord& record);

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
