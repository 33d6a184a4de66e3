// The signal codes of the manual, with the text the portal shows (seed 000 §3.7).
#include "model/codes.h"

namespace isi {

const std::vector<SignaalDefinitie>& Signaalcodes() {
  static const std::vector<SignaalDefinitie> kCodes = {
      {"SS001", "Persoon is volgens GBA naar uw gemeente verhuisd"},
      {"SS002", "Tijdelijk verblijfsdoel volgens IND"},
      {"SS003", "Verblijfsrecht gewijzigd volgens de GBA"},
      {"SS004", "Einde (verlengde) handhavingstermijn nadert"},
      {"SS005", "Tijdelijke vrijstelling voor deze persoon is vervallen (zonder dat het diploma is behaald) na controle bij het inschrijvingsregister van DUO"},
      {"SS006", "Er is een gehele vrijstelling verleend door DUO aan deze persoon wegens behalen diploma, zoals gebleken na controle bij het gedigitaliseerde diplomaregister van DUO"},
      {"SS007", "Persoon heeft de inburgeringsplichtige leeftijd bereikt"},
      {"SS008", "Persoon is volgens GBA overleden"},
      {"SS009", "Persoon heeft volgens GBA een gewijzigde geboortedatum"},
      {"SS010", "Persoon verblijft weer in Nederland volgens GBA"},
      {"SS011", "Persoon verblijft volgens GBA buiten Nederland"},
      {"SS012", "Persoon heeft volgens GBA een gewijzigde nationaliteit"},
      {"SS015", "Persoon heeft volgens de GBA een gewijzigde indicatie asielgerechtigd"},
      {"SS016", "Persoon heeft inburgeringsdiploma behaald"},
      {"SS017", "Er is een gehele vrijstelling verleend door DUO aan deze persoon wegens met goed gevolg afleggen van de korte vrijstellingstoets"},
      {"SS031", "Persoon is vrijwillig inburgeraar en heeft diploma behaald dat recht geeft op een volledige vrijstelling"},
      {"SS033", "Persoon is vrijwillig inburgeraar en heeft acht jaar in NL gewoon tijdens de leerplichtige leeftijd"},
      {"SS050", "Persoon is volgens gegevens bij DUO mogelijkerwijs inburgeringsplichtig geworden"},
      {"SS052", "Persoons- en/of adresgegevens zijn volgens de GBA gewijzigd"},
      {"SS060", "Persoon is als nieuwkomer aangemerkt op basis van aanlevering door GBA van rechtmatig verblijf na 1 januari 2007"},
      {"SS061", "Persoon met een inburgeringsvoorziening meldt zich aan voor een examen terwijl hij/zij gedeeltelijk is vrijgesteld"},
      {"SS062", "Persoon met een inburgeringsvoorziening meldt zich aan voor een examen met een ander profiel dan bij een eerdere aanmelding"},
      {"SS064", "Persoon o.b.v. gegevens IND als nieuwkomer in ISI opgenomen"},
      {"SS065", "Persoon heeft deelgenomen aan 1 of meerdere onderdelen van het inburgeringsexamen of heeft een door DUO toegekende gedeeltelijke vrijstelling verkregen"},
      {"SS066", "Persoon heeft het einde van de (verlengde) handhavingstermijn bereikt"},
  };
  return kCodes;
}

const SignaalDefinitie* FindSignaal(std::string_view code) {
  for (const auto& s : Signaalcodes())
    if (code == s.code) return &s;
  return nullptr;
}

}  // namespace isi
