// Maps model values onto the generated gSOAP types of the contract.
//
// Everything is allocated in `soap`'s managed memory and freed with the request
// (soap_destroy/soap_end). Enumerations go through their wire tokens, so the model and the
// contract cannot silently drift apart: an unmapped token is an InternalError, not a wrong value.
#pragma once

#include "isiH.h"
#include "model/dossier.h"
#include "model/selectie.h"
#include "model/status.h"

namespace isi {

// Fills `out` (allocated in `soap`) from `dossier`. Internal when a value has no counterpart in
// the contract (a bug: the model and the WSDL disagree). A secret address (code geheim) is
// left out of the answer.
Status ToSoap(struct soap* soap, const Dossier& dossier, isi__Dossier** out);

// A row of ZoekenPersonen / of the signal lists, allocated in `soap`. Internal as above.
Status ToSoap(struct soap* soap, const PersoonRij& row, isi__GevondenPersoon** out);
Status ToSoap(struct soap* soap, const SignaalRij& row, isi__Signaal** out);

// Generated enum -> model enum through the wire token; nullopt when the model lacks it.
template <typename Model, typename Generated>
std::optional<Model> FromSoap(struct soap* soap, Generated value,
                              const char* (*to_string)(struct soap*, Generated)) {
  const char* token = to_string(soap, value);
  return token != nullptr ? ParseToken<Model>(token) : std::nullopt;
}

}  // namespace isi
