// The contract as built into the server.
#pragma once

namespace isi {

// wsdl/isi.wsdl exactly as it was at build time (UTF-8). The soap:address in it is a
// placeholder, "https://localhost:8443/"; the server replaces it with its public URL.
const char* ContractWsdl();

}  // namespace isi
