// Handlers of the signal operations: ZoekenSignalen, ZoekenSignaalwijzigingen,
// WijzigenSignaalstatus (role 6).
#include <vector>

#include "service/dossier_mapping.h"
#include "service/fault.h"
#include "service/isi_service.h"
#include "service/paging.h"
#include "service/request_fields.h"

namespace isi {
namespace {

std::vector<std::string> BsnsOf(const std::vector<SignaalRij>& rows) {
  std::vector<std::string> bsns;
  for (const auto& r : rows) bsns.push_back(r.bsn);
  return bsns;
}

Status AppendRows(struct soap* soap, const std::vector<SignaalRij>& rows,
                  std::vector<isi__Signaal*>* out) {
  for (const auto& r : rows) {
    isi__Signaal* s = nullptr;
    if (Status st = ToSoap(soap, r, &s); !st.ok()) return st;
    out->push_back(s);
  }
  return Status::Ok();
}

}  // namespace

int IsiService::ZoekenSignalen(_isi__ZoekenSignalen* req, _isi__ZoekenSignalenResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  if (Status s = ActFor(req->Gemeentecode); !s.ok()) return SendFault(soap, s);

  SignaalSelectie sel;
  sel.gemeentecode = req->Gemeentecode;
  if (Status s = OptionalBsn(req->BSN, "BSN", &sel.bsn); !s.ok()) return SendFault(soap, s);
  if (Status s = OptionalANummer(req->ANummer, "ANummer", &sel.anummer); !s.ok()) return SendFault(soap, s);
  if (Status s = OptionalSignaalcode(req->Code, "Code", &sel.code); !s.ok()) return SendFault(soap, s);
  if (Status s = OptionalDate(req->DatumVanaf, "DatumVanaf", &sel.datum_vanaf); !s.ok()) return SendFault(soap, s);
  if (Status s = OptionalDate(req->DatumTotEnMet, "DatumTotEnMet", &sel.datum_tot_en_met); !s.ok())
    return SendFault(soap, s);
  if (Status s = CheckRange(sel.datum_vanaf, sel.datum_tot_en_met, "DatumTotEnMet"); !s.ok())
    return SendFault(soap, s);
  if (req->Status != nullptr) sel.status = FromSoap<SignaalStatus>(soap, *req->Status, soap_isi__SignaalStatus2s);
  if (req->Sortering != nullptr) {
    // "Omschrijving" sorts as the code it describes.
    if (*req->Sortering == isi__Signaalsortering::Omschrijving) {
      sel.sortering = SignaalSortering::kCode;
    } else {
      auto sort = FromSoap<SignaalSortering>(soap, *req->Sortering, soap_isi__Signaalsortering2s);
      if (!sort) return SendFault(soap, Status::InvalidArgument("Onbekende sortering", "Sortering"));
      sel.sortering = *sort;
    }
  }
  if (req->Volgorde != nullptr) sel.aflopend = *req->Volgorde == isi__Volgorde::Aflopend;
  int page = 0;
  if (Status s = PageSize(req->PaginaGrootte, 10, &page); !s.ok()) return SendFault(soap, s);
  const std::string fingerprint = Fingerprint(sel);
  std::optional<SignaalPositie> after;
  if (req->Vervolgsleutel != nullptr) {
    SignaalPositie pos;
    if (Status s = DecodeSignalenToken(*req->Vervolgsleutel, fingerprint, "Vervolgsleutel", &pos); !s.ok())
      return SendFault(soap, s);
    after = pos;
  }

  std::vector<SignaalRij> rows;
  int64_t total = 0, open = 0;
  if (Status s = store_->SelectSignals(sel, after, page + 1, &rows, &total, &open); !s.ok())
    return SendFault(soap, s);
  const bool more = rows.size() > static_cast<size_t>(page);
  if (more) rows.resize(static_cast<size_t>(page));
  if (Status s = ProtocolleerPersonen(sel.gemeentecode, BsnsOf(rows), "Geleverd"); !s.ok())
    return SendFault(soap, s);

  resp.NietAfgehandeld = static_cast<int>(open);
  resp.Totaal = static_cast<int>(total);
  if (Status s = AppendRows(soap, rows, &resp.Signaal); !s.ok()) return SendFault(soap, s);
  if (more) {
    resp.VolgendePagina = soap_new_std__string(soap, -1);
    *resp.VolgendePagina = EncodeSignalenToken(
        SignaalPositie{Store::SortValue(rows.back(), sel.sortering), rows.back().id}, fingerprint);
  }
  return SOAP_OK;
}

int IsiService::ZoekenSignaalwijzigingen(_isi__ZoekenSignaalwijzigingen* req,
                                         _isi__ZoekenSignaalwijzigingenResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  if (Status s = ActFor(req->Gemeentecode); !s.ok()) return SendFault(soap, s);
  int64_t since = 0;
  if (req->Sinds != nullptr)
    if (Status s = DecodeWijzigingenToken(*req->Sinds, "Sinds", &since); !s.ok()) return SendFault(soap, s);
  int maximum = 100;
  if (req->Maximum != nullptr) {
    if (*req->Maximum < 1 || *req->Maximum > 1000)
      return SendFault(soap, Status::InvalidArgument("Maximum moet tussen 1 en 1000 liggen", "Maximum"));
    maximum = *req->Maximum;
  }
  std::vector<SignaalRij> rows;
  if (Status s = store_->SignalChanges(req->Gemeentecode, since, maximum + 1, &rows); !s.ok())
    return SendFault(soap, s);
  const bool more = rows.size() > static_cast<size_t>(maximum);
  if (more) rows.resize(static_cast<size_t>(maximum));
  if (Status s = ProtocolleerPersonen(req->Gemeentecode, BsnsOf(rows), "Geleverd"); !s.ok())
    return SendFault(soap, s);
  if (Status s = AppendRows(soap, rows, &resp.Signaal); !s.ok()) return SendFault(soap, s);
  resp.Wijzigingstoken = EncodeWijzigingenToken(rows.empty() ? since : rows.back().wijzigingsvolgnummer);
  resp.Meer = more;
  return SOAP_OK;
}

int IsiService::WijzigenSignaalstatus(_isi__WijzigenSignaalstatus* req,
                                      _isi__WijzigenSignaalstatusResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  if (Status s = ActFor(req->Gemeentecode); !s.ok()) return SendFault(soap, s);
  auto to = FromSoap<SignaalStatus>(soap, req->NieuweStatus, soap_isi__SignaalStatus2s);
  if (!to) return SendFault(soap, Status::InvalidArgument("Onbekende status", "NieuweStatus"));
  if (req->SignaalId <= 0) return SendFault(soap, Status::InvalidArgument("SignaalId moet positief zijn", "SignaalId"));

  SignaalRij row;
  Status changed = store_->ChangeSignalStatus(req->Gemeentecode, req->SignaalId, req->Versie, *to,
                                              caller_.key_id, env_->clock->NowUnixSeconds(), &row);
  if (changed.code() == Status::Code::kNotFound)
    return SendFault(soap, Status::NotFound("Geen signaal met dit id voor gemeente " + req->Gemeentecode));
  if (!changed.ok()) return SendFault(soap, changed);
  if (Status s = Protocolleer(req->Gemeentecode, row.bsn, std::string("Status:") + Token(row.status)); !s.ok())
    return SendFault(soap, s);
  isi__Signaal* out = nullptr;
  if (Status s = ToSoap(soap, row, &out); !s.ok()) return SendFault(soap, s);
  resp.GewijzigdSignaal = out;
  return SOAP_OK;
}

}  // namespace isi
