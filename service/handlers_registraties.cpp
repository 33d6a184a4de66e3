// Handlers of the registrations (issue 6, role 5): MuterenHandhaving, MuterenVoorziening,
// MuterenVrijstelling, MuterenIndicatie, MuterenOntheffing.
//
// Each maps its request onto an opdracht of model/registratie.h; the rules run inside the
// store's write transaction (Store::SaveRegistration), which persists the dossier. The protocol
// records the attempt before and the outcome after. The answer is the changed section and the
// new version.
#include <cstdio>

#include "model/registratie.h"
#include "service/dossier_mapping.h"
#include "service/fault.h"
#include "service/isi_service.h"
#include "service/request_fields.h"

namespace isi {
namespace {

template <typename Model, typename Generated>
std::optional<Model> OptEnum(struct soap* soap, const Generated* v,
                             const char* (*to_string)(struct soap*, Generated)) {
  return v != nullptr ? FromSoap<Model>(soap, *v, to_string) : std::nullopt;
}

std::optional<std::string> OptStr(const std::string* v) {
  return v != nullptr ? std::optional<std::string>(*v) : std::nullopt;
}

}  // namespace

int IsiService::Registreer(const std::string& gemeentecode, const std::string& bsn, LONG64 versie,
                           const std::function<Status(const RegistratieContext&, Dossier*)>& apply,
                           Dossier* after, isi__Dossier** mapped) {
  if (Status s = ActFor(gemeentecode); !s.ok()) return SendFault(soap, s);
  std::optional<std::string> checked;
  if (Status s = OptionalBsn(&bsn, "BSN", &checked); !s.ok()) return SendFault(soap, s);
  const RegistratieContext ctx{gemeentecode, env_->clock->Today()};
  // The attempt is on record before the store changes: no dossier leaves unrecorded, even when
  // the process stops between the two writes.
  if (Status p = Protocolleer(gemeentecode, bsn, "Aangevraagd"); !p.ok()) return SendFault(soap, p);
  Status s = store_->SaveRegistration(gemeentecode, bsn, versie,
                                      [&](Dossier* d) { return apply(ctx, d); },
                                      env_->clock->NowUnixSeconds(), after);
  const std::string outcome =
      s.ok() ? "Geregistreerd"
             : std::string("Geweigerd:") + (s.reason().empty() ? FaultCodeFor(s.code()) : s.reason());
  if (Status p = Protocolleer(gemeentecode, bsn, outcome); !p.ok() && s.ok()) {
    // The registration is durable and its attempt on record; failing the request now would make
    // the caller repeat a change that was made. The outcome is missing from the protocol.
    std::fprintf(stderr, "isi-server: protocolrecord van de uitkomst van %s niet geschreven: %s\n",
                 operation_ != nullptr ? operation_->element : "?", p.message().c_str());
  }
  if (s.code() == Status::Code::kNotFound)
    return SendFault(soap, Status::NotFound("Geen persoon met dit BSN in ISI van gemeente " + gemeentecode +
                                            "; gemeenten kunnen zelf geen personen opvoeren in ISI (seed 003, "
                                            "Mutatie verzoek ISI): vraag DUO met het mutatieformulier")
                               .WithReason("PersoonNietInIsi"));
  if (!s.ok()) return SendFault(soap, s);
  if (Status m = ToSoap(soap, *after, mapped); !m.ok()) return SendFault(soap, m);
  return SOAP_OK;
}

int IsiService::MuterenHandhaving(_isi__MuterenHandhaving* req, _isi__MuterenHandhavingResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  HandhavingOpdracht o;
  auto actie = FromSoap<Actie>(soap, req->Actie, soap_isi__Actie2s);
  if (!actie) return SendFault(soap, Status::InvalidArgument("Onbekende actie", "Actie"));
  o.actie = *actie;
  if (Status s = OptionalDate(req->BeginHandhaving, "BeginHandhaving", &o.begin_handhaving); !s.ok()) return SendFault(soap, s);
  if (Status s = OptionalDate(req->EindeHandhavingstermijn, "EindeHandhavingstermijn", &o.einde_handhavingstermijn); !s.ok())
    return SendFault(soap, s);
  o.reden_verlenging = OptStr(req->RedenVerlenging);
  Dossier after;
  isi__Dossier* mapped = nullptr;
  if (int rc = Registreer(req->Gemeentecode, req->BSN, req->Versie,
                          [&](const RegistratieContext& c, Dossier* d) { return ApplyHandhaving(c, o, d); },
                          &after, &mapped); rc != SOAP_OK)
    return rc;
  resp.Handhaving = mapped->Handhaving;
  resp.NieuweVersie = after.versie;
  return SOAP_OK;
}

int IsiService::MuterenVoorziening(_isi__MuterenVoorziening* req, _isi__MuterenVoorzieningResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  VoorzieningOpdracht o;
  auto actie = FromSoap<Actie>(soap, req->Actie, soap_isi__Actie2s);
  if (!actie) return SendFault(soap, Status::InvalidArgument("Onbekende actie", "Actie"));
  o.actie = *actie;
  if (req->VoorzieningId != nullptr) o.id = *req->VoorzieningId;
  if (req->AanbodDoorGemeente != nullptr) {
    if (Status s = CheckGemeentecode(*req->AanbodDoorGemeente); !s.ok())
      return SendFault(soap, Status::InvalidArgument("AanbodDoorGemeente moet 4 cijfers zijn", "AanbodDoorGemeente"));
    o.aanbod_door_gemeente = *req->AanbodDoorGemeente;
  }
  o.doelgroep = OptEnum<Doelgroep>(soap, req->Doelgroep, soap_isi__Doelgroep2s);
  o.soort = OptEnum<SoortVoorziening>(soap, req->Soort, soap_isi__SoortVoorziening2s);
  if (req->IndicatiePib != nullptr) o.indicatie_pib = *req->IndicatiePib;
  o.vorm_duaal_traject = OptEnum<VormDuaalTraject>(soap, req->VormDuaalTraject, soap_isi__VormDuaalTraject2s);
  if (Status s = OptionalDate(req->DatumStart, "DatumStart", &o.datum_start); !s.ok()) return SendFault(soap, s);
  if (Status s = OptionalDate(req->DatumEinde, "DatumEinde", &o.datum_einde); !s.ok()) return SendFault(soap, s);
  o.reden_einde = OptStr(req->RedenEinde);
  Dossier after;
  isi__Dossier* mapped = nullptr;
  if (int rc = Registreer(req->Gemeentecode, req->BSN, req->Versie,
                          [&](const RegistratieContext& c, Dossier* d) { return ApplyVoorziening(c, o, d); },
                          &after, &mapped); rc != SOAP_OK)
    return rc;
  resp.Inburgeringsvoorziening = mapped->Inburgeringsvoorziening;
  resp.NieuweVersie = after.versie;
  return SOAP_OK;
}

int IsiService::MuterenVrijstelling(_isi__MuterenVrijstelling* req, _isi__MuterenVrijstellingResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  VrijstellingOpdracht o;
  auto actie = FromSoap<Actie>(soap, req->Actie, soap_isi__Actie2s);
  if (!actie) return SendFault(soap, Status::InvalidArgument("Onbekende actie", "Actie"));
  o.actie = *actie;
  if (req->VrijstellingId != nullptr) o.id = *req->VrijstellingId;
  o.soort = OptEnum<GevraagdeVrijstelling>(soap, req->Soort, soap_isi__GevraagdeVrijstelling2s);
  if (Status s = OptionalDate(req->DatumStart, "DatumStart", &o.datum_start); !s.ok()) return SendFault(soap, s);
  if (Status s = OptionalDate(req->DatumEinde, "DatumEinde", &o.datum_einde); !s.ok()) return SendFault(soap, s);
  o.examenonderdeel = OptEnum<VrijgesteldExamenonderdeel>(soap, req->Examenonderdeel, soap_isi__VrijgesteldExamenonderdeel2s);
  o.niveau = OptEnum<NiveauDiploma>(soap, req->Niveau, soap_isi__NiveauDiploma2s);
  Dossier after;
  isi__Dossier* mapped = nullptr;
  if (int rc = Registreer(req->Gemeentecode, req->BSN, req->Versie,
                          [&](const RegistratieContext& c, Dossier* d) { return ApplyVrijstelling(c, o, d); },
                          &after, &mapped); rc != SOAP_OK)
    return rc;
  resp.Vrijstelling = mapped->Vrijstelling;
  resp.NieuweVersie = after.versie;
  return SOAP_OK;
}

int IsiService::MuterenIndicatie(_isi__MuterenIndicatie* req, _isi__MuterenIndicatieResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  IndicatieOpdracht o;
  auto actie = FromSoap<Actie>(soap, req->Actie, soap_isi__Actie2s);
  if (!actie) return SendFault(soap, Status::InvalidArgument("Onbekende actie", "Actie"));
  o.actie = *actie;
  if (req->Inburgeringsplichtig != nullptr) o.inburgeringsplichtig = *req->Inburgeringsplichtig;
  if (Status s = OptionalDate(req->Datum, "Datum", &o.datum); !s.ok()) return SendFault(soap, s);
  o.reden = OptEnum<RedenNietInburgeringsplichtig>(soap, req->Reden, soap_isi__RedenNietInburgeringsplichtig2s);
  Dossier after;
  isi__Dossier* mapped = nullptr;
  if (int rc = Registreer(req->Gemeentecode, req->BSN, req->Versie,
                          [&](const RegistratieContext& c, Dossier* d) { return ApplyIndicatie(c, o, d); },
                          &after, &mapped); rc != SOAP_OK)
    return rc;
  resp.Indicatie = mapped->Indicatie;
  resp.NieuweVersie = after.versie;
  return SOAP_OK;
}

int IsiService::MuterenOntheffing(_isi__MuterenOntheffing* req, _isi__MuterenOntheffingResponse& resp) {
  if (req == nullptr) return SendFault(soap, Status::InvalidArgument("Leeg verzoek"));
  OntheffingOpdracht o;
  auto actie = FromSoap<Actie>(soap, req->Actie, soap_isi__Actie2s);
  if (!actie) return SendFault(soap, Status::InvalidArgument("Onbekende actie", "Actie"));
  o.actie = *actie;
  o.soort = OptEnum<SoortOntheffing>(soap, req->Soort, soap_isi__SoortOntheffing2s);
  if (Status s = OptionalDate(req->Datum, "Datum", &o.datum); !s.ok()) return SendFault(soap, s);
  Dossier after;
  isi__Dossier* mapped = nullptr;
  if (int rc = Registreer(req->Gemeentecode, req->BSN, req->Versie,
                          [&](const RegistratieContext& c, Dossier* d) { return ApplyOntheffing(c, o, d); },
                          &after, &mapped); rc != SOAP_OK)
    return rc;
  resp.Indicatie = mapped->Indicatie;
  resp.NieuweVersie = after.versie;
  return SOAP_OK;
}

}  // namespace isi
