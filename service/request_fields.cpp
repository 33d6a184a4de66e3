#include "service/request_fields.h"

#include "model/codes.h"
#include "model/identifiers.h"

namespace isi {

Status CheckGemeentecode(const std::string& code) {
  if (!IsWellFormedGemeentecode(code))
    return Status::InvalidArgument("Gemeentecode moet 4 cijfers zijn", "Gemeentecode");
  return Status::Ok();
}

Status OptionalDate(const std::string* in, const char* field, std::optional<Date>* out) {
  out->reset();
  if (in == nullptr) return Status::Ok();
  auto d = Date::Parse(*in);
  if (!d) return Status::InvalidArgument(std::string(field) + " is geen geldige datum (JJJJ-MM-DD)", field);
  *out = *d;
  return Status::Ok();
}

Status OptionalBsn(const std::string* in, const char* field, std::optional<std::string>* out) {
  out->reset();
  if (in == nullptr) return Status::Ok();
  if (!IsValidBsn(*in))
    return Status::InvalidArgument(std::string(field) + " is geen geldig burgerservicenummer (9 cijfers, elfproef)", field);
  *out = *in;
  return Status::Ok();
}

Status OptionalANummer(const std::string* in, const char* field, std::optional<std::string>* out) {
  out->reset();
  if (in == nullptr) return Status::Ok();
  if (!IsValidANummer(*in))
    return Status::InvalidArgument(std::string(field) + " is geen geldig A-nummer (10 cijfers, A-nummerproef)", field);
  *out = *in;
  return Status::Ok();
}

Status OptionalSignaalcode(const std::string* in, const char* field, std::optional<std::string>* out) {
  out->reset();
  if (in == nullptr) return Status::Ok();
  if (FindSignaal(*in) == nullptr)
    return Status::InvalidArgument(std::string(field) + " is geen signaalcode uit de handleiding (SS001 ... SS066)", field);
  *out = *in;
  return Status::Ok();
}

Status PageSize(const int* in, int default_size, int* out) {
  if (in == nullptr) {
    *out = default_size;
    return Status::Ok();
  }
  if (*in < 1 || *in > 100)
    return Status::InvalidArgument("PaginaGrootte moet tussen 1 en 100 liggen", "PaginaGrootte");
  *out = *in;
  return Status::Ok();
}

Status CheckRange(const std::optional<Date>& from, const std::optional<Date>& to, const char* to_field) {
  if (from && to && *to < *from)
    return Status::InvalidArgument(std::string(to_field) + " ligt voor de begindatum", to_field);
  return Status::Ok();
}

}  // namespace isi
