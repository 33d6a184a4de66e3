// Validation of request fields that gSOAP does not check itself (it does not enforce
// xs:pattern, and dates arrive as strings). Every failure is InvalidArgument naming the field.
#pragma once

#include <optional>
#include <string>

#include "model/date.h"
#include "model/status.h"

namespace isi {

// `code` is a 4-digit gemeentecode.
Status CheckGemeentecode(const std::string& code);
// An optional xsd:date ("YYYY-MM-DD", a real date).
Status OptionalDate(const std::string* in, const char* field, std::optional<Date>* out);
// An optional BSN (elfproef) / A-nummer (A-nummerproef) / signal code (one of the manual's).
Status OptionalBsn(const std::string* in, const char* field, std::optional<std::string>* out);
Status OptionalANummer(const std::string* in, const char* field, std::optional<std::string>* out);
Status OptionalSignaalcode(const std::string* in, const char* field, std::optional<std::string>* out);
// A page size: `in` when given and within 1..100, else `default_size`.
Status PageSize(const int* in, int default_size, int* out);
// `from` is not after `to` when both are given.
Status CheckRange(const std::optional<Date>& from, const std::optional<Date>& to,
                  const char* to_field);

}  // namespace isi
