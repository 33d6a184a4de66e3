// Code tables of ISI: the enumerations of the manual (seed 000 §3.4) and the signal codes
// (seed 000 §3.7). Each enumeration has a stable wire token (the xs:enumeration value in
// wsdl/isi.wsdl, also used in the store) via Token() and a strict inverse via Parse...().
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace isi {

enum class Herkomst { kIsiActief, kIsiDefinitief };
enum class Geslacht { kMan, kVrouw, kOnbekend };
enum class Verblijfsdoel { kPermanentVerblijf, kTijdelijkVerblijf };
enum class ExamenaanvraagKader { kGeenExamenaanvraag, kNaturalisatie, kWetInburgering };
enum class CodeGeheim { kGeenBeperking, kGeheim };
enum class NiveauDiploma { kA1, kA2 };
enum class RedenNietInburgeringsplichtig {
  kGeheelVrijgesteld,             // 1
  kOntheffingMedischeGronden,     // 2
  kOntheffingEvidentIngeburgerd,  // 3
  kValtNietOnderWerkingWet,       // 4
};
enum class Categorie { kOudkomer, kNieuwkomer };
enum class SoortOntheffing { kMedischeGronden, kEvidentIngeburgerd };
enum class Doelgroep { kWerkende, kUitkeringsgerechtigde, kNietUitkeringsgerechtigdeEnGeenWerk };
enum class SoortVoorziening { kRegulier, kDuaal, kGeestelijkBedienaar, kTaalkennis };
enum class VormDuaalTraject {
  kInburgeringMetReIntegratie,
  kInburgeringMetWerk,
  kInburgeringMetOndernemerschap,
  kInburgeringMetBeroepsopleiding,
  kInburgeringMetVrijwilligerswerk,
  kInburgeringMetOpvoedingsondersteuning,
  kMaatschappelijkeActivering,
  kOverig,
};
enum class SoortVrijstelling { kTijdelijk, kGedeeltelijk };
enum class VrijstellingDoor { kGemeente, kDuo };
enum class VrijgesteldExamenonderdeel { kTaal, kKnsCertificaatNederland, kTgnWibEnKns, kTgnWib };
enum class IndicatieGeslaagd {
  kMetHerkansingEnVrijstelling,
  kMetHerkansingZonderVrijstelling,
  kZonderHerkansingMetVrijstelling,
  kZonderHerkansingEnVrijstelling,
};
enum class VolledigeDeelnameNt2 {
  kGeenVolledigeDeelname,         // leeg
  kAanAlleOnderdelenDeelgenomen,  // 1
  kVoorAlleOnderdelenGeslaagd,    // 2
};
enum class Examen {
  kKennisNederlandseMaatschappij,
  kToetsGesprokenNederlands,
  kPraktijkexamen,
  kLeesvaardigheid,
  kLuistervaardigheid,
  kSpreekvaardigheid,
  kSchrijfvaardigheid,
  kKorteVrijstellingstoets,
};
enum class ExamenNiveau { kA1, kA2, kP1, kP2 };
enum class Uitslag { kGeslaagd, kNietGeslaagd, kNietOpKomenDagen, kOngeldigeUitslag };
enum class SignaalStatus { kNieuw, kInBehandeling, kAfgehandeld };
enum class Wet { kWi2007, kWi2013, kWi2021, kGeen };

// Roles of an application key (seed 003 "Autorisaties").
enum class Rol {
  kRaadplegenBsn = 2,           // query by BSN/A-nummer, which law applies
  kRaadplegenSelectie = 3,      // 2 + selection and extract files
  kMuteren = 5,                 // 3 + registrations
  kAlleInclusiefSignalen = 6,   // everything, including signals
};

// Wire tokens ("IsiActief", "Man", ...). Never null.
const char* Token(Herkomst v);
const char* Token(Geslacht v);
const char* Token(Verblijfsdoel v);
const char* Token(ExamenaanvraagKader v);
const char* Token(CodeGeheim v);
const char* Token(NiveauDiploma v);
const char* Token(RedenNietInburgeringsplichtig v);
const char* Token(Categorie v);
const char* Token(SoortOntheffing v);
const char* Token(Doelgroep v);
const char* Token(SoortVoorziening v);
const char* Token(VormDuaalTraject v);
const char* Token(SoortVrijstelling v);
const char* Token(VrijstellingDoor v);
const char* Token(VrijgesteldExamenonderdeel v);
const char* Token(IndicatieGeslaagd v);
const char* Token(VolledigeDeelnameNt2 v);
const char* Token(Examen v);
const char* Token(ExamenNiveau v);
const char* Token(Uitslag v);
const char* Token(SignaalStatus v);
const char* Token(Wet v);

// Parse a wire token; nullopt when it is not one of the enumeration's tokens (case-sensitive).
// Usage: auto g = ParseToken<Geslacht>("Vrouw");
template <typename E>
std::optional<E> ParseToken(std::string_view token);

// The signal codes of the manual (seed 000 §3.7).
struct SignaalDefinitie {
  const char* code;          // "SS001"
  const char* omschrijving;  // the text the portal shows
};
// All 25 signal codes in code order.
const std::vector<SignaalDefinitie>& Signaalcodes();
// The definition of `code`, or nullptr when it is not a signal code of the manual.
const SignaalDefinitie* FindSignaal(std::string_view code);

}  // namespace isi
