// Continuation tokens of the paged operations (keyset paging, not OFFSET).
//
// A token is opaque to callers: a version prefix and base64url of where the last page ended,
// plus a fingerprint of the query it belongs to. A token from another query, or a token that
// was tampered with, is refused with InvalidArgument naming the field; a token can never widen
// what a caller sees, because every page is filtered by the acting municipality anyway.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/selectie.h"
#include "model/status.h"

namespace isi {

// A short fingerprint of a query's criteria (the same criteria give the same fingerprint).
std::string Fingerprint(const PersoonSelectie& selectie);
std::string Fingerprint(const SignaalSelectie& selectie);

// ZoekenPersonen: the page ended at `last_bsn`.
std::string EncodePersonenToken(const std::string& last_bsn, const std::string& fingerprint);
// Decodes `token` (from field `field`) for a query with `fingerprint` into the last BSN.
Status DecodePersonenToken(const std::string& token, const std::string& fingerprint,
                           const char* field, std::string* last_bsn);

// ZoekenSignalen: the page ended at `position`.
std::string EncodeSignalenToken(const SignaalPositie& position, const std::string& fingerprint);
Status DecodeSignalenToken(const std::string& token, const std::string& fingerprint,
                           const char* field, SignaalPositie* position);

// ZoekenSignaalwijzigingen: the caller has seen every change up to `since`.
std::string EncodeWijzigingenToken(int64_t since);
Status DecodeWijzigingenToken(const std::string& token, const char* field, int64_t* since);

}  // namespace isi
