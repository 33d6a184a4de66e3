// The operations of the contract with the role each requires (README "Rollen").
#pragma once

#include <string_view>

#include "model/codes.h"

namespace isi {

struct OperationInfo {
  const char* element;     // the request element (local name), e.g. "RaadplegenPersoon"
  const char* soap_action; // as in the WSDL binding
  Rol required_role;
};

// The operation whose request element has local name `element` (a prefix such as "isi:" is
// ignored), or nullptr when the contract has none.
const OperationInfo* FindOperation(std::string_view element);

}  // namespace isi
