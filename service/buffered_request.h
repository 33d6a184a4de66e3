// Serving one HTTP request that is already in memory, on a TLS connection someone else owns.
//
// The connection server (service/connection_server.h) reads each request whole before a worker
// sees it. A worker then runs the request through a gSOAP service object exactly as the
// generated serve() does for one iteration (soap_begin_serve, dispatch, the serve-loop hook,
// the fault), except that gSOAP reads the request from memory, never from the socket, and does
// not close or free the connection: the connection server decides whether it carries another
// request. Answers are written to the connection by gSOAP as usual (TLS, send timeouts).
#pragma once

#include <openssl/ssl.h>

#include <cstddef>
#include <string_view>

#include "isiIsiBindingService.h"

namespace isi {

// A request read by the connection server and the connection to answer it on.
struct BufferedRequest {
  int socket = -1;
  SSL* ssl = nullptr;               // owned by the connection server
  std::string_view bytes;           // the request, or what arrived of it (complete == false)
  bool complete = true;             // false: a limit was crossed; the answer is the last
  int requests_left = 1;            // this one included; 1 = the last on this connection
};

// Installs on `soap` the receive and close hooks that make gSOAP read from the request in
// memory and leave the connection alone. Call before hooks that wrap frecv (the input guard).
void InstallBufferedRequestIo(struct soap* soap);

// Serves `request` through `service` (whose context has InstallBufferedRequestIo) and frees
// what the request allocated. Returns whether the connection may carry another request: the
// request was complete, gSOAP did not want the connection closed, and requests are left.
// Afterwards the context holds no socket or TLS object.
bool ServeBufferedRequest(IsiBindingService* service, const BufferedRequest& request);

}  // namespace isi
