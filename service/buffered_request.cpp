#include "service/buffered_request.h"

#include <algorithm>
#include <cstring>

namespace isi {
namespace {

// The request this thread is serving (a worker serves one at a time). gSOAP's hooks get only
// the context; the bytes belong to the request, not to the service object.
struct Current {
  const BufferedRequest* request = nullptr;
  size_t position = 0;       // bytes handed to gSOAP so far
  bool close_wanted = false;  // gSOAP asked to close the connection
};
thread_local Current t_current;

size_t RecvFromMemory(struct soap*, char* buf, size_t len) {
  const BufferedRequest* r = t_current.request;
  if (r == nullptr || t_current.position >= r->bytes.size()) return 0;  // EOF: the request ends
  const size_t n = std::min(len, r->bytes.size() - t_current.position);
  std::memcpy(buf, r->bytes.data() + t_current.position, n);
  t_current.position += n;
  return n;
}

// gSOAP's fclose (tcp_disconnect) would shut TLS down, free the SSL object and close the
// socket; the connection server owns both, so only note that gSOAP wants the connection gone.
int NoteClose(struct soap* soap) {
  t_current.close_wanted = true;
  soap->keep_alive = 0;
  return SOAP_OK;
}

}  // namespace

void InstallBufferedRequestIo(struct soap* soap) {
  soap->frecv = RecvFromMemory;
  soap->fclose = NoteClose;
}

bool ServeBufferedRequest(IsiBindingService* service, const BufferedRequest& request) {
  struct soap* soap = service->soap;
  t_current = Current{&request, 0, false};
  soap->socket = request.socket;
  soap->ssl = request.ssl;
  // As the generated serve() counts down: 0 on the last request makes gSOAP answer with
  // "Connection: close".
  soap->keep_alive = request.requests_left > 1 ? 1 : 0;
  soap->error = SOAP_OK;
  if (soap_begin_serve(soap) == SOAP_OK) {
    if ((service->dispatch() || (soap->fserveloop != nullptr && soap->fserveloop(soap))) &&
        soap->error != SOAP_OK && soap->error < SOAP_STOP) {
      soap_send_fault(soap);
    }
  }
  const bool keep = request.complete && !t_current.close_wanted && soap->keep_alive > 0 &&
                    request.requests_left > 1 && soap_valid_socket(soap->socket);
  service->destroy();  // soap_destroy + soap_end: everything the request allocated
  soap->socket = SOAP_INVALID_SOCKET;
  soap->ssl = nullptr;
  t_current = Current{};
  return keep;
}

}  // namespace isi
