// Mutation files in XML (wsdl/mutaties/{gba,ind,duo}.xsd): reading them with pugixml, and
// writing them (for generate-mutations and the tests).
//
// A file is
//   <GbaMutaties xmlns="urn:isi-koppeling:mutaties:gba:1">     (IndMutaties, DuoMutaties)
//     <BestandId>GBA-2025-03-01-1</BestandId>
//     <Aanmaakdatum>2025-03-01</Aanmaakdatum>
//     <Mutaties>
//       <Verhuizing>                                          (one element per kind)
//         <Persoon><BSN>123456782</BSN><ANummer>...</ANummer></Persoon>
//         <Datum>2025-02-27</Datum>
//         <Gemeente>0034</Gemeente><Adres>...</Adres>         (the kind's new values)
//       </Verhuizing>
//       ...
// The elements may carry any prefix bound to the source's namespace (the same throughout).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/mutatie.h"
#include "model/status.h"

namespace isi::refresh {

// The namespace and root element of each source's schema.
const char* Namespace(Bron bron);    // "urn:isi-koppeling:mutaties:gba:1"
const char* RootElement(Bron bron);  // "GbaMutaties"

// Parses the XML text of one mutation file. The file is refused whole (InvalidArgument with
// the reason, *out unspecified) when it is not well-formed XML, its root is not one of the
// three roots in its namespace, or BestandId or Aanmaakdatum is missing or malformed
// (BestandId: 1..100 of A-Z a-z 0-9 . _ -). Otherwise Ok, and every element under <Mutaties>
// ends up either in out->mutaties (well-formed: a kind of this source, a valid BSN and
// A-nummer, a valid date, exactly the kind's fields, each well-formed) or in
// out->weigeringen with the reason; nothing is skipped silently.
Status ParseMutatiebestand(std::string_view xml, const std::string& pad, Mutatiebestand* out);

// Reads and parses the file at `pad`; InvalidArgument also when it cannot be read.
Status LeesMutatiebestand(const std::string& pad, Mutatiebestand* out);

// A mutation as written: like Mutatie, but any element name, BSN and date text, so that the
// generator can also write invalid ones.
struct RuweMutatie {
  std::string element;  // the kind's element name
  std::string bsn;
  std::optional<std::string> anummer;
  std::string datum;
  std::vector<Waarde> waarden;  // written in the order of the kind's fields (unknown: as given)
};
RuweMutatie NaarRuw(const Mutatie& m);

// The XML text of a mutation file (UTF-8, indented), elements in schema order.
std::string SchrijfMutatiebestand(Bron bron, const std::string& bestand_id,
                                  const std::string& aanmaakdatum,
                                  const std::vector<RuweMutatie>& mutaties);

}  // namespace isi::refresh
