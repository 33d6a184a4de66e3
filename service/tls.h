// TLS for the server: TLS 1.2 and 1.3 only, ECDHE key exchange with AEAD ciphers only, no
// compression, no renegotiation, optional client certificates.
#pragma once

#include "model/status.h"
#include "service/config.h"

struct soap;

namespace isi {

// Creates the SSL context on `soap` (shared by its copies). InvalidArgument (naming the file)
// when the certificate or key cannot be loaded or do not match.
Status ConfigureServerTls(struct soap* soap, const ServerConfig& config);

}  // namespace isi
