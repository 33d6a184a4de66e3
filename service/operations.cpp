#include "service/operations.h"

namespace isi {
namespace {

#define ISI_ACTION(op) "urn:nl:isi-koppeling:berichten_v1#" op

// The role table of README "Operations and roles".
const OperationInfo kOperations[] = {
    {"RaadplegenPersoon", ISI_ACTION("RaadplegenPersoon"), Rol::kRaadplegenBsn},
    {"OnderWelkeWet", ISI_ACTION("OnderWelkeWet"), Rol::kRaadplegenBsn},
    {"ZoekenPersonen", ISI_ACTION("ZoekenPersonen"), Rol::kRaadplegenSelectie},
    {"ZoekenSignalen", ISI_ACTION("ZoekenSignalen"), Rol::kAlleInclusiefSignalen},
    {"ZoekenSignaalwijzigingen", ISI_ACTION("ZoekenSignaalwijzigingen"), Rol::kAlleInclusiefSignalen},
    {"WijzigenSignaalstatus", ISI_ACTION("WijzigenSignaalstatus"), Rol::kAlleInclusiefSignalen},
    {"OpvragenBestandenlijst", ISI_ACTION("OpvragenBestandenlijst"), Rol::kRaadplegenSelectie},
    {"OphalenBestand", ISI_ACTION("OphalenBestand"), Rol::kRaadplegenSelectie},
    {"MuterenHandhaving", ISI_ACTION("MuterenHandhaving"), Rol::kMuteren},
    {"MuterenVoorziening", ISI_ACTION("MuterenVoorziening"), Rol::kMuteren},
    {"MuterenVrijstelling", ISI_ACTION("MuterenVrijstelling"), Rol::kMuteren},
    {"MuterenIndicatie", ISI_ACTION("MuterenIndicatie"), Rol::kMuteren},
    {"MuterenOntheffing", ISI_ACTION("MuterenOntheffing"), Rol::kMuteren},
};

#undef ISI_ACTION

}  // namespace

const OperationInfo* FindOperation(std::string_view element) {
  if (auto colon = element.find(':'); colon != std::string_view::npos)
    element.remove_prefix(colon + 1);
  for (const auto& op : kOperations)
    if (element == op.element) return &op;
  return nullptr;
}

}  // namespace isi
