#include "service/operations.h"

namespace isi {
namespace {

const OperationInfo kOperations[] = {
    {"RaadplegenPersoon", "urn:nl:isi-koppeling:berichten_v1#RaadplegenPersoon",
     Rol::kRaadplegenBsn},
};

}  // namespace

const OperationInfo* FindOperation(std::string_view element) {
  if (auto colon = element.find(':'); colon != std::string_view::npos)
    element.remove_prefix(colon + 1);
  for (const auto& op : kOperations)
    if (element == op.element) return &op;
  return nullptr;
}

}  // namespace isi
