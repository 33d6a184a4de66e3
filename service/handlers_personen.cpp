// Handlers of the person operations: RaadplegenPersoon, OnderWelkeWet, ZoekenPersonen.
// Each validates its fields, checks the acting municipality, reads the store, records the
// persons it delivers (protocollering) and only then answers.
#include <vector>

#include "model/identifiers.h"
#include "service/dossier_mapping.h"
#include "service/fault.h"
#include "service/isi_service.h"
#include "service/paging.h"
#include "service/request_fields.h"

namespace isi {

int IsiService::RaadplegenPersoon(_isi__RaadplegenPersoon* req,
                                  _isi__RaadplegenPersoonResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  if (Status s = ActFor(req->Gemeentecode); !s.ok()) return SendFault(soap, s);

  const bool by_bsn = req->BSN != nullptr;
  const bool by_anummer = req->ANummer != nullptr;
  if (by_bsn == by_anummer)
    return SendFault(soap, Status::InvalidArgument("Geef precies een van BSN en ANummer",
                                                   by_bsn ? "ANummer" : "BSN"));
  std::optional<std::string> bsn, anummer;
  if (Status s = OptionalBsn(req->BSN, "BSN", &bsn); !s.ok()) return SendFault(soap, s);
  if (Status s = OptionalANummer(req->ANummer, "ANummer", &anummer); !s.ok()) return SendFault(soap, s);

  Dossier dossier;
  Status found = bsn ? store_->GetDossierByBsn(req->Gemeentecode, *bsn, &dossier)
                     : store_->GetDossierByANummer(req->Gemeentecode, *anummer, &dossier);
  if (!found.ok() && found.code() != Status::Code::kNotFound) return SendFault(soap, found);

  // The lookup is recorded before any answer leaves, found or not.
  const std::string who = found.ok() ? dossier.kop.bsn : bsn.value_or("");
  if (Status s = Protocolleer(req->Gemeentecode, who, found.ok() ? "Geleverd" : "NietGevonden"); !s.ok())
    return SendFault(soap, s);
  if (!found.ok())
    return SendFault(soap, Status::NotFound("Geen persoon gevonden in ISI van gemeente " + req->Gemeentecode));

  isi__Dossier* out = nullptr;
  if (Status s = ToSoap(soap, dossier, &out); !s.ok()) return SendFault(soap, s);
  resp.Dossier = out;
  return SOAP_OK;
}

int IsiService::OnderWelkeWet(_isi__OnderWelkeWet* req, _isi__OnderWelkeWetResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  if (Status s = ActFor(req->Gemeentecode); !s.ok()) return SendFault(soap, s);
  std::optional<std::string> bsn;
  if (Status s = OptionalBsn(&req->BSN, "BSN", &bsn); !s.ok()) return SendFault(soap, s);

  WetInfo info;
  if (Status s = store_->WhichLaw(*bsn, req->Gemeentecode, &info); !s.ok()) return SendFault(soap, s);
  if (Status s = Protocolleer(req->Gemeentecode, *bsn, std::string("Wet:") + Token(info.wet)); !s.ok())
    return SendFault(soap, s);
  isi__Wet wet{};
  if (soap_s2isi__Wet(soap, Token(info.wet), &wet) != SOAP_OK)
    return SendFault(soap, Status::Internal(std::string("wet zonder tegenhanger: ") + Token(info.wet)));
  resp.Wet = wet;
  resp.Overleden = info.overleden;
  resp.WoonachtigInGemeente = info.woonachtig_in_gemeente;
  return SOAP_OK;
}

int IsiService::ZoekenPersonen(_isi__ZoekenPersonen* req, _isi__ZoekenPersonenResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  if (Status s = ActFor(req->Gemeentecode); !s.ok()) return SendFault(soap, s);

  PersoonSelectie sel;
  sel.gemeentecode = req->Gemeentecode;
  if (Status s = OptionalDate(req->GeboortedatumVanaf, "GeboortedatumVanaf", &sel.geboortedatum_vanaf); !s.ok())
    return SendFault(soap, s);
  if (Status s = OptionalDate(req->GeboortedatumTotEnMet, "GeboortedatumTotEnMet", &sel.geboortedatum_tot_en_met); !s.ok())
    return SendFault(soap, s);
  if (Status s = CheckRange(sel.geboortedatum_vanaf, sel.geboortedatum_tot_en_met, "GeboortedatumTotEnMet"); !s.ok())
    return SendFault(soap, s);
  if (req->Geslacht != nullptr) sel.geslacht = FromSoap<Geslacht>(soap, *req->Geslacht, soap_isi__Geslacht2s);
  if (req->Nationaliteit != nullptr) sel.nationaliteit = *req->Nationaliteit;
  if (req->Herkomst != nullptr) sel.herkomst = FromSoap<Herkomst>(soap, *req->Herkomst, soap_isi__Herkomst2s);
  if (req->Verblijf != nullptr) sel.verblijf = FromSoap<Verblijf>(soap, *req->Verblijf, soap_isi__Verblijf2s);
  if (!sel.geboortedatum_vanaf && !sel.geboortedatum_tot_en_met && !sel.geslacht && !sel.nationaliteit)
    return SendFault(soap, Status::InvalidArgument(
                               "Vul minstens een van geboortedatum, geslacht of nationaliteit in",
                               "GeboortedatumVanaf"));
  int page = 0;
  if (Status s = PageSize(req->PaginaGrootte, 20, &page); !s.ok()) return SendFault(soap, s);
  const std::string fingerprint = Fingerprint(sel);
  std::string after;
  if (req->Vervolgsleutel != nullptr)
    if (Status s = DecodePersonenToken(*req->Vervolgsleutel, fingerprint, "Vervolgsleutel", &after); !s.ok())
      return SendFault(soap, s);

  // One row more than the page tells whether there is a next page.
  std::vector<PersoonRij> rows;
  int64_t total = 0;
  if (Status s = store_->SelectPersons(sel, after, page + 1, &rows, &total); !s.ok())
    return SendFault(soap, s);
  const bool more = rows.size() > static_cast<size_t>(page);
  if (more) rows.resize(static_cast<size_t>(page));

  std::vector<std::string> bsns;
  for (const auto& r : rows) bsns.push_back(r.bsn);
  if (Status s = ProtocolleerPersonen(sel.gemeentecode, bsns, "Geleverd"); !s.ok()) return SendFault(soap, s);

  resp.Totaal = static_cast<int>(total);
  for (const auto& r : rows) {
    isi__GevondenPersoon* p = nullptr;
    if (Status s = ToSoap(soap, r, &p); !s.ok()) return SendFault(soap, s);
    resp.Persoon.push_back(p);
  }
  if (more) {
    resp.VolgendePagina = soap_new_std__string(soap, -1);
    *resp.VolgendePagina = EncodePersonenToken(rows.back().bsn, fingerprint);
  }
  return SOAP_OK;
}

}  // namespace isi
