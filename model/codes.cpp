// Wire tokens of the enumerations in codes.h. Keep in step with wsdl/isi.wsdl.
#include "model/codes.h"
#include "model/registratie.h"
#include "model/selectie.h"
#include "model/token_table.h"

#include <utility>

namespace isi {
namespace {

using token_table::Lookup;
using token_table::Name;

const std::pair<Herkomst, const char*> kHerkomst[] = {
    {Herkomst::kIsiActief, "IsiActief"},
    {Herkomst::kIsiDefinitief, "IsiDefinitief"},
};
const std::pair<Geslacht, const char*> kGeslacht[] = {
    {Geslacht::kMan, "Man"},
    {Geslacht::kVrouw, "Vrouw"},
    {Geslacht::kOnbekend, "Onbekend"},
};
const std::pair<Verblijfsdoel, const char*> kVerblijfsdoel[] = {
    {Verblijfsdoel::kPermanentVerblijf, "PermanentVerblijf"},
    {Verblijfsdoel::kTijdelijkVerblijf, "TijdelijkVerblijf"},
};
const std::pair<ExamenaanvraagKader, const char*> kExamenaanvraagKader[] = {
    {ExamenaanvraagKader::kGeenExamenaanvraag, "GeenExamenaanvraag"},
    {ExamenaanvraagKader::kNaturalisatie, "Naturalisatie"},
    {ExamenaanvraagKader::kWetInburgering, "WetInburgering"},
};
const std::pair<CodeGeheim, const char*> kCodeGeheim[] = {
    {CodeGeheim::kGeenBeperking, "GeenBeperking"},
    {CodeGeheim::kGeheim, "Geheim"},
};
const std::pair<NiveauDiploma, const char*> kNiveauDiploma[] = {
    {NiveauDiploma::kA1, "A1"},
    {NiveauDiploma::kA2, "A2"},
};
const std::pair<RedenNietInburgeringsplichtig, const char*> kRedenNietInburgeringsplichtig[] = {
    {RedenNietInburgeringsplichtig::kGeheelVrijgesteld, "GeheelVrijgesteld"},
    {RedenNietInburgeringsplichtig::kOntheffingMedischeGronden, "OntheffingMedischeGronden"},
    {RedenNietInburgeringsplichtig::kOntheffingEvidentIngeburgerd, "OntheffingEvidentIngeburgerd"},
    {RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet, "ValtNietOnderWerkingWet"},
};
const std::pair<Categorie, const char*> kCategorie[] = {
    {Categorie::kOudkomer, "Oudkomer"},
    {Categorie::kNieuwkomer, "Nieuwkomer"},
};
const std::pair<SoortOntheffing, const char*> kSoortOntheffing[] = {
    {SoortOntheffing::kMedischeGronden, "MedischeGronden"},
    {SoortOntheffing::kEvidentIngeburgerd, "EvidentIngeburgerd"},
};
const std::pair<Doelgroep, const char*> kDoelgroep[] = {
    {Doelgroep::kWerkende, "Werkende"},
    {Doelgroep::kUitkeringsgerechtigde, "Uitkeringsgerechtigde"},
    {Doelgroep::kNietUitkeringsgerechtigdeEnGeenWerk, "NietUitkeringsgerechtigdeEnGeenWerk"},
};
const std::pair<SoortVoorziening, const char*> kSoortVoorziening[] = {
    {SoortVoorziening::kRegulier, "Regulier"},
    {SoortVoorziening::kDuaal, "Duaal"},
    {SoortVoorziening::kGeestelijkBedienaar, "GeestelijkBedienaar"},
    {SoortVoorziening::kTaalkennis, "Taalkennis"},
};
const std::pair<VormDuaalTraject, const char*> kVormDuaalTraject[] = {
    {VormDuaalTraject::kInburgeringMetReIntegratie, "InburgeringMetReIntegratie"},
    {VormDuaalTraject::kInburgeringMetWerk, "InburgeringMetWerk"},
    {VormDuaalTraject::kInburgeringMetOndernemerschap, "InburgeringMetOndernemerschap"},
    {VormDuaalTraject::kInburgeringMetBeroepsopleiding, "InburgeringMetBeroepsopleiding"},
    {VormDuaalTraject::kInburgeringMetVrijwilligerswerk, "InburgeringMetVrijwilligerswerk"},
    {VormDuaalTraject::kInburgeringMetOpvoedingsondersteuning, "InburgeringMetOpvoedingsondersteuning"},
    {VormDuaalTraject::kMaatschappelijkeActivering, "MaatschappelijkeActivering"},
    {VormDuaalTraject::kOverig, "Overig"},
};
const std::pair<SoortVrijstelling, const char*> kSoortVrijstelling[] = {
    {SoortVrijstelling::kTijdelijk, "Tijdelijk"},
    {SoortVrijstelling::kGedeeltelijk, "Gedeeltelijk"},
};
const std::pair<VrijstellingDoor, const char*> kVrijstellingDoor[] = {
    {VrijstellingDoor::kDuo, "DUO"},
    {VrijstellingDoor::kGemeente, "Gemeente"},
};
const std::pair<VrijgesteldExamenonderdeel, const char*> kVrijgesteldExamenonderdeel[] = {
    {VrijgesteldExamenonderdeel::kTaal, "Taal"},
    {VrijgesteldExamenonderdeel::kKnsCertificaatNederland, "KnsCertificaatNederland"},
    {VrijgesteldExamenonderdeel::kTgnWibEnKns, "TgnWibEnKns"},
    {VrijgesteldExamenonderdeel::kTgnWib, "TgnWib"},
};
const std::pair<IndicatieGeslaagd, const char*> kIndicatieGeslaagd[] = {
    {IndicatieGeslaagd::kMetHerkansingEnVrijstelling, "MetHerkansingEnVrijstelling"},
    {IndicatieGeslaagd::kMetHerkansingZonderVrijstelling, "MetHerkansingZonderVrijstelling"},
    {IndicatieGeslaagd::kZonderHerkansingMetVrijstelling, "ZonderHerkansingMetVrijstelling"},
    {IndicatieGeslaagd::kZonderHerkansingEnVrijstelling, "ZonderHerkansingEnVrijstelling"},
};
const std::pair<VolledigeDeelnameNt2, const char*> kVolledigeDeelnameNt2[] = {
    {VolledigeDeelnameNt2::kGeenVolledigeDeelname, "GeenVolledigeDeelname"},
    {VolledigeDeelnameNt2::kAanAlleOnderdelenDeelgenomen, "AanAlleOnderdelenDeelgenomen"},
    {VolledigeDeelnameNt2::kVoorAlleOnderdelenGeslaagd, "VoorAlleOnderdelenGeslaagd"},
};
const std::pair<Examen, const char*> kExamen[] = {
    {Examen::kKennisNederlandseMaatschappij, "KennisNederlandseMaatschappij"},
    {Examen::kToetsGesprokenNederlands, "ToetsGesprokenNederlands"},
    {Examen::kPraktijkexamen, "Praktijkexamen"},
    {Examen::kLeesvaardigheid, "Leesvaardigheid"},
    {Examen::kLuistervaardigheid, "Luistervaardigheid"},
    {Examen::kSpreekvaardigheid, "Spreekvaardigheid"},
    {Examen::kSchrijfvaardigheid, "Schrijfvaardigheid"},
    {Examen::kKorteVrijstellingstoets, "KorteVrijstellingstoets"},
};
const std::pair<ExamenNiveau, const char*> kExamenNiveau[] = {
    {ExamenNiveau::kA1, "A1"},
    {ExamenNiveau::kA2, "A2"},
    {ExamenNiveau::kP1, "P1"},
    {ExamenNiveau::kP2, "P2"},
};
const std::pair<Uitslag, const char*> kUitslag[] = {
    {Uitslag::kGeslaagd, "Geslaagd"},
    {Uitslag::kNietGeslaagd, "NietGeslaagd"},
    {Uitslag::kNietOpKomenDagen, "NietOpKomenDagen"},
    {Uitslag::kOngeldigeUitslag, "OngeldigeUitslag"},
};
const std::pair<SignaalStatus, const char*> kSignaalStatus[] = {
    {SignaalStatus::kNieuw, "Nieuw"},
    {SignaalStatus::kInBehandeling, "InBehandeling"},
    {SignaalStatus::kAfgehandeld, "Afgehandeld"},
};
const std::pair<Wet, const char*> kWet[] = {
    {Wet::kWi2007, "Wi2007"},
    {Wet::kWi2013, "Wi2013"},
    {Wet::kWi2021, "Wi2021"},
    {Wet::kGeen, "Geen"},
};
const std::pair<Verblijf, const char*> kVerblijf[] = {
    {Verblijf::kWoonachtigInGemeente, "WoonachtigInGemeente"},
    {Verblijf::kGewezenIngezetenen, "GewezenIngezetenen"},
};
const std::pair<SignaalSortering, const char*> kSignaalSortering[] = {
    {SignaalSortering::kStatus, "Status"},   {SignaalSortering::kBsn, "BSN"},
    {SignaalSortering::kANummer, "ANummer"}, {SignaalSortering::kAchternaam, "Achternaam"},
    {SignaalSortering::kCode, "Code"},       {SignaalSortering::kDatum, "Datum"},
};
const std::pair<Actie, const char*> kActie[] = {
    {Actie::kRegistreren, "Registreren"}, {Actie::kWijzigen, "Wijzigen"}, {Actie::kBeeindigen, "Beeindigen"}};
const std::pair<GevraagdeVrijstelling, const char*> kGevraagdeVrijstelling[] = {
    {GevraagdeVrijstelling::kTijdelijk, "Tijdelijk"},
    {GevraagdeVrijstelling::kGedeeltelijk, "Gedeeltelijk"},
    {GevraagdeVrijstelling::kGeheel, "Geheel"}};

}  // namespace

const char* Token(Herkomst v) { return Name(kHerkomst, v); }
template <>
std::optional<Herkomst> ParseToken<Herkomst>(std::string_view t) { return Lookup(kHerkomst, t); }
const char* Token(Geslacht v) { return Name(kGeslacht, v); }
template <>
std::optional<Geslacht> ParseToken<Geslacht>(std::string_view t) { return Lookup(kGeslacht, t); }
const char* Token(Verblijfsdoel v) { return Name(kVerblijfsdoel, v); }
template <>
std::optional<Verblijfsdoel> ParseToken<Verblijfsdoel>(std::string_view t) { return Lookup(kVerblijfsdoel, t); }
const char* Token(ExamenaanvraagKader v) { return Name(kExamenaanvraagKader, v); }
template <>
std::optional<ExamenaanvraagKader> ParseToken<ExamenaanvraagKader>(std::string_view t) { return Lookup(kExamenaanvraagKader, t); }
const char* Token(CodeGeheim v) { return Name(kCodeGeheim, v); }
template <>
std::optional<CodeGeheim> ParseToken<CodeGeheim>(std::string_view t) { return Lookup(kCodeGeheim, t); }
const char* Token(NiveauDiploma v) { return Name(kNiveauDiploma, v); }
template <>
std::optional<NiveauDiploma> ParseToken<NiveauDiploma>(std::string_view t) { return Lookup(kNiveauDiploma, t); }
const char* Token(RedenNietInburgeringsplichtig v) { return Name(kRedenNietInburgeringsplichtig, v); }
template <>
std::optional<RedenNietInburgeringsplichtig> ParseToken<RedenNietInburgeringsplichtig>(std::string_view t) { return Lookup(kRedenNietInburgeringsplichtig, t); }
const char* Token(Categorie v) { return Name(kCategorie, v); }
template <>
std::optional<Categorie> ParseToken<Categorie>(std::string_view t) { return Lookup(kCategorie, t); }
const char* Token(SoortOntheffing v) { return Name(kSoortOntheffing, v); }
template <>
std::optional<SoortOntheffing> ParseToken<SoortOntheffing>(std::string_view t) { return Lookup(kSoortOntheffing, t); }
const char* Token(Doelgroep v) { return Name(kDoelgroep, v); }
template <>
std::optional<Doelgroep> ParseToken<Doelgroep>(std::string_view t) { return Lookup(kDoelgroep, t); }
const char* Token(SoortVoorziening v) { return Name(kSoortVoorziening, v); }
template <>
std::optional<SoortVoorziening> ParseToken<SoortVoorziening>(std::string_view t) { return Lookup(kSoortVoorziening, t); }
const char* Token(VormDuaalTraject v) { return Name(kVormDuaalTraject, v); }
template <>
std::optional<VormDuaalTraject> ParseToken<VormDuaalTraject>(std::string_view t) { return Lookup(kVormDuaalTraject, t); }
const char* Token(SoortVrijstelling v) { return Name(kSoortVrijstelling, v); }
template <>
std::optional<SoortVrijstelling> ParseToken<SoortVrijstelling>(std::string_view t) { return Lookup(kSoortVrijstelling, t); }
const char* Token(VrijstellingDoor v) { return Name(kVrijstellingDoor, v); }
template <>
std::optional<VrijstellingDoor> ParseToken<VrijstellingDoor>(std::string_view t) { return Lookup(kVrijstellingDoor, t); }
const char* Token(VrijgesteldExamenonderdeel v) { return Name(kVrijgesteldExamenonderdeel, v); }
template <>
std::optional<VrijgesteldExamenonderdeel> ParseToken<VrijgesteldExamenonderdeel>(std::string_view t) { return Lookup(kVrijgesteldExamenonderdeel, t); }
const char* Token(IndicatieGeslaagd v) { return Name(kIndicatieGeslaagd, v); }
template <>
std::optional<IndicatieGeslaagd> ParseToken<IndicatieGeslaagd>(std::string_view t) { return Lookup(kIndicatieGeslaagd, t); }
const char* Token(VolledigeDeelnameNt2 v) { return Name(kVolledigeDeelnameNt2, v); }
template <>
std::optional<VolledigeDeelnameNt2> ParseToken<VolledigeDeelnameNt2>(std::string_view t) { return Lookup(kVolledigeDeelnameNt2, t); }
const char* Token(Examen v) { return Name(kExamen, v); }
template <>
std::optional<Examen> ParseToken<Examen>(std::string_view t) { return Lookup(kExamen, t); }
const char* Token(ExamenNiveau v) { return Name(kExamenNiveau, v); }
template <>
std::optional<ExamenNiveau> ParseToken<ExamenNiveau>(std::string_view t) { return Lookup(kExamenNiveau, t); }
const char* Token(Uitslag v) { return Name(kUitslag, v); }
template <>
std::optional<Uitslag> ParseToken<Uitslag>(std::string_view t) { return Lookup(kUitslag, t); }
const char* Token(SignaalStatus v) { return Name(kSignaalStatus, v); }
template <>
std::optional<SignaalStatus> ParseToken<SignaalStatus>(std::string_view t) { return Lookup(kSignaalStatus, t); }
const char* Token(Wet v) { return Name(kWet, v); }
template <>
std::optional<Wet> ParseToken<Wet>(std::string_view t) { return Lookup(kWet, t); }
const char* Token(Actie v) { return Name(kActie, v); }
template <>
std::optional<Actie> ParseToken<Actie>(std::string_view t) { return Lookup(kActie, t); }
const char* Token(GevraagdeVrijstelling v) { return Name(kGevraagdeVrijstelling, v); }
template <>
std::optional<GevraagdeVrijstelling> ParseToken<GevraagdeVrijstelling>(std::string_view t) {
  return Lookup(kGevraagdeVrijstelling, t);
}
const char* Token(Verblijf v) { return Name(kVerblijf, v); }
template <>
std::optional<Verblijf> ParseToken<Verblijf>(std::string_view t) { return Lookup(kVerblijf, t); }
const char* Token(SignaalSortering v) { return Name(kSignaalSortering, v); }
template <>
std::optional<SignaalSortering> ParseToken<SignaalSortering>(std::string_view t) {
  return Lookup(kSignaalSortering, t);
}

}  // namespace isi
