#include "service/input_guard.h"

#include <strings.h>

#include <atomic>

#include "isiH.h"

namespace isi {
namespace {

std::atomic<InputGuard* (*)(struct soap*)> g_get_guard{nullptr};
std::atomic<int (*)(struct soap*, const char*, const char*)> g_default_parsehdr{nullptr};
std::atomic<int (*)(struct soap*)> g_default_parse{nullptr};
std::atomic<size_t (*)(struct soap*, char*, size_t)> g_default_recv{nullptr};

InputGuard* GuardFor(struct soap* soap) {
  auto get = g_get_guard.load();
  return get != nullptr ? get(soap) : nullptr;
}

int PrepareRecv(struct soap* soap, const char* data, size_t n) {
  InputGuard* guard = GuardFor(soap);
  return guard == nullptr ? SOAP_OK : guard->Scan(data, n);
}

// After the HTTP header: remember where the body ends.
int ParseHttp(struct soap* soap) {
  int rc = g_default_parse.load()(soap);
  InputGuard* guard = GuardFor(soap);
  if (rc == SOAP_OK && guard != nullptr && soap->length > 0 && !(soap->imode & SOAP_IO_CHUNK))
    guard->SetBodyLength(soap->length, soap->buflen - soap->bufidx);
  return rc;
}

// Never read beyond the declared body: at its end the parser sees EOF at once.
size_t Recv(struct soap* soap, char* buf, size_t len) {
  InputGuard* guard = GuardFor(soap);
  if (guard == nullptr) return g_default_recv.load()(soap, buf, len);
  size_t allowed = guard->BodyAllowance(len);
  if (allowed == 0) return 0;
  size_t n = g_default_recv.load()(soap, buf, allowed);
  guard->ConsumeBody(n);
  return n;
}

// Compressed request bodies are refused outright (415) instead of being inflated.
int ParseHeader(struct soap* soap, const char* key, const char* val) {
  if (strcasecmp(key, "Content-Encoding") == 0 && strcasecmp(val, "identity") != 0) return 415;
  if (strcasecmp(key, "Transfer-Encoding") == 0 && strcasecmp(val, "chunked") != 0) return 415;
  auto fallback = g_default_parsehdr.load();
  return fallback != nullptr ? fallback(soap, key, val) : SOAP_OK;
}

}  // namespace

int InputGuard::ScanBytes(const char* data, size_t n) {
  bytes_ += n;
  for (size_t i = 0; i < n; ++i) {
    const auto b = static_cast<unsigned char>(data[i]);
    if (need_ > 0) {
      if (b < lo_ || b > hi_) return kIsiErrorUtf8;
      lo_ = 0x80;
      hi_ = 0xBF;
      --need_;
      markup_ = 0;
      continue;
    }
    if (b < 0x80) {
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') return kIsiErrorUtf8;
      if (markup_ == 2 && b != '-' && b != '[') return kIsiErrorDtd;
      markup_ = b == '<' ? 1 : (markup_ == 1 && b == '!') ? 2 : 0;
      continue;
    }
    if (markup_ == 2) return kIsiErrorDtd;
    markup_ = 0;
    if (b >= 0xC2 && b <= 0xDF) {
      need_ = 1;
    } else if (b == 0xE0) {
      need_ = 2, lo_ = 0xA0;
    } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
      need_ = 2;
    } else if (b == 0xED) {
      need_ = 2, hi_ = 0x9F;  // no UTF-16 surrogates
    } else if (b == 0xF0) {
      need_ = 3, lo_ = 0x90;
    } else if (b >= 0xF1 && b <= 0xF3) {
      need_ = 3;
    } else if (b == 0xF4) {
      need_ = 3, hi_ = 0x8F;  // nothing above U+10FFFF
    } else {
      return kIsiErrorUtf8;
    }
  }
  return 0;
}

bool RequestBytesSeen(struct soap* soap) {
  InputGuard* guard = GuardFor(soap);
  return guard != nullptr && guard->bytes_seen() > 0;
}

void InstallInputGuard(struct soap* soap, InputGuard* (*get)(struct soap*)) {
  g_get_guard.store(get);
  if (soap->fparsehdr != ParseHeader) {
    g_default_parsehdr.store(soap->fparsehdr);
    soap->fparsehdr = ParseHeader;
  }
  if (soap->fparse != ParseHttp) {
    g_default_parse.store(soap->fparse);
    soap->fparse = ParseHttp;
  }
  if (soap->frecv != Recv) {
    g_default_recv.store(soap->frecv);
    soap->frecv = Recv;
  }
  soap->fpreparerecv = PrepareRecv;
}

}  // namespace isi
