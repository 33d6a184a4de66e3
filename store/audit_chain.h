// The hash chain of the protocol (audit) records.
//
// Each record carries the hash of its predecessor (prev_hash; 64 zeros for the first record)
// and its own hash:
//   hash = hex(SHA-256(prev_hash "|" at "|" key_id "|" gemeentecode "|" operation "|" bsn "|"
//                      outcome))
// with `at` in decimal. Changing, inserting or removing a record in the middle breaks the chain
// from that record on; Store::VerifyAuditChain finds the first such record.
#pragma once

#include <string>
#include <string_view>

#include "store/store.h"

namespace isi {

// The prev_hash of the first record: 64 '0' characters.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The hash of `record` as defined above, from its prev_hash and fields (its id and hash are
// not used). Lower-case hex, 64 characters.
std::string AuditRecordHash(const AuditRecord& record);

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace isi
