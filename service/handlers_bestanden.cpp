// Handlers of the extract files (seed 000 §3.8): OpvragenBestandenlijst, OphalenBestand (role 3).
//
// Only files listed in the acting municipality's catalogue (or the shared one) are served; a
// requested name is never joined into a path without that check (ResolveExtract). A download is
// streamed from disk as an MTOM attachment, so memory does not grow with the file; with Inline
// it is read into the message as base64, up to kMaxInlineBytes.
#include <cstdio>
#include <memory>

#include "service/fault.h"
#include "service/isi_service.h"
#include "store/extract_catalogue.h"

namespace isi {
namespace {

constexpr int64_t kMaxInlineBytes = int64_t{64} * 1024 * 1024;

Status ToSoap(struct soap* soap, const extract::ExtractFile& f, isi__Bestand** out) {
  auto* b = soap_new_isi__Bestand(soap);
  b->Naam = f.naam;
  if (soap_s2isi__Bestandssoort(soap, extract::Token(f.soort), &b->Soort) != SOAP_OK) {
    soap->error = SOAP_OK;
    return Status::Internal(std::string("bestandssoort zonder tegenhanger: ") + extract::Token(f.soort));
  }
  b->Omschrijving = f.omschrijving;
  b->Datum = f.datum.ToString();
  b->Grootte = f.grootte;
  b->Sha256 = f.sha256;
  *out = b;
  return Status::Ok();
}

// The MTOM stream callbacks: the attachment's __ptr is the IsiService's open FILE*.
void* MimeReadOpen(struct soap*, void* handle, const char*, const char*, const char*) { return handle; }

size_t MimeRead(struct soap* soap, void* handle, char* buf, size_t len) {
  size_t n = std::fread(buf, 1, len, static_cast<std::FILE*>(handle));
  if (n == 0) soap->error = SOAP_EOF;  // the file shrank under us: abort rather than send short
  return n;
}

void MimeReadClose(struct soap* soap, void* handle) {
  if (auto* svc = static_cast<IsiService*>(soap->user)) svc->CloseAttachment(static_cast<std::FILE*>(handle));
}

}  // namespace

void InstallAttachmentStreaming(struct soap* soap) {
  soap->fmimereadopen = MimeReadOpen;
  soap->fmimeread = MimeRead;
  soap->fmimereadclose = MimeReadClose;
}

void IsiService::CloseAttachment(std::FILE* file) {
  if (attachment_ != nullptr && (file == nullptr || file == attachment_)) {
    std::fclose(attachment_);
    attachment_ = nullptr;
  }
}

int IsiService::OpvragenBestandenlijst(_isi__OpvragenBestandenlijst* req,
                                       _isi__OpvragenBestandenlijstResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  if (Status s = ActFor(req->Gemeentecode); !s.ok()) return SendFault(soap, s);
  if (env_->config->extracts_dir.empty()) return SOAP_OK;  // no files installed: an empty list
  std::vector<extract::ExtractFile> files;
  if (Status s = extract::ReadCatalogue(env_->config->extracts_dir, req->Gemeentecode, &files); !s.ok())
    return SendFault(soap, Status::Unavailable("De bestandenlijst is nu niet leesbaar; probeer het later opnieuw"));
  for (const auto& f : files) {
    isi__Bestand* b = nullptr;
    if (Status s = ToSoap(soap, f, &b); !s.ok()) return SendFault(soap, s);
    resp.Bestand.push_back(b);
  }
  return SOAP_OK;
}

int IsiService::OphalenBestand(_isi__OphalenBestand* req, _isi__OphalenBestandResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  if (Status s = ActFor(req->Gemeentecode); !s.ok()) return SendFault(soap, s);
  if (!extract::IsPlainFileName(req->Naam))
    return SendFault(soap, Status::InvalidArgument("Naam is geen bestandsnaam uit de bestandenlijst", "Naam"));
  const Status not_found = Status::NotFound("Geen bestand met deze naam voor gemeente " + req->Gemeentecode);
  if (env_->config->extracts_dir.empty()) return SendFault(soap, not_found);

  std::string path;
  extract::ExtractFile file;
  Status resolved = extract::ResolveExtract(env_->config->extracts_dir, req->Gemeentecode, req->Naam, &path, &file);
  if (resolved.code() == Status::Code::kNotFound) return SendFault(soap, not_found);
  if (!resolved.ok()) return SendFault(soap, Status::Unavailable("Het bestand is nu niet leesbaar; probeer het later opnieuw"));
  const bool inline_base64 = req->Inline != nullptr && *req->Inline;
  if (inline_base64 && file.grootte > kMaxInlineBytes)
    return SendFault(soap, Status::InvalidArgument("Het bestand is te groot voor Inline; vraag het als MTOM-bijlage", "Inline"));

  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return SendFault(soap, Status::Unavailable("Het bestand is nu niet leesbaar; probeer het later opnieuw"));
  CloseAttachment(nullptr);
  attachment_ = f;

  // A download of personal data is recorded before it leaves (one record per file).
  if (Status s = Protocolleer(req->Gemeentecode, "", "Bestand:" + file.naam); !s.ok()) return SendFault(soap, s);

  if (Status s = ToSoap(soap, file, &resp.Bestand); !s.ok()) return SendFault(soap, s);
  resp.Inhoud.__size = static_cast<int>(file.grootte);
  resp.Inhoud.type = soap_strdup(soap, file.naam.size() > 4 && file.naam.substr(file.naam.size() - 4) == ".pdf"
                                           ? "application/pdf" : "application/zip");
  if (inline_base64) {
    auto* data = static_cast<unsigned char*>(soap_malloc(soap, static_cast<size_t>(file.grootte) + 1));
    size_t got = std::fread(data, 1, static_cast<size_t>(file.grootte), f);
    CloseAttachment(f);
    if (static_cast<int64_t>(got) != file.grootte)
      return SendFault(soap, Status::Unavailable("Het bestand is nu niet leesbaar; probeer het later opnieuw"));
    resp.Inhoud.__ptr = data;
    resp.Inhoud.type = nullptr;  // plain base64 in the message
    return SOAP_OK;
  }
  // MTOM: gSOAP streams the attachment through the fmimeread callbacks, from this FILE*.
  resp.Inhoud.__ptr = reinterpret_cast<unsigned char*>(f);
  resp.Inhoud.id = soap_strdup(soap, ("<" + file.naam + "@isi-koppeling>").c_str());
  resp.Inhoud.options = soap_strdup(soap, file.naam.c_str());
  soap_set_omode(soap, SOAP_ENC_MTOM);
  return SOAP_OK;
}

}  // namespace isi
