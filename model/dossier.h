// The dossier of a person in ISI: what the portal shows on "Scherm van de persoon"
// (seed 000 §3.4, digest in shared/DOMAIN.md "A person in ISI").
//
// Plain values, no behaviour. std::optional marks what ISI may leave empty; the WSDL marks
// the same fields minOccurs="0". Gemeentecodes are 4-digit strings, BSNs 9-digit strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/codes.h"
#include "model/date.h"

namespace isi {

struct Naam {
  std::string voornamen;
  std::string voorvoegsels;  // empty when none
  std::string achternaam;
};

struct Kop {
  Naam naam;
  std::string bsn;
  std::optional<std::string> anummer;
  Date geboortedatum;
  Herkomst herkomst = Herkomst::kIsiActief;
  std::string woongemeente;  // the municipality the person belongs to (1999 = RNI)
  // For a person who left for abroad (woongemeente 1999): the municipality they left. Such a
  // person is a "gewezen ingezetene" of that municipality and stays visible to it. Not on the
  // wire.
  std::optional<std::string> vorige_woongemeente;
};

struct Signaaltelling {
  int totaal = 0;
  int nieuw = 0;
  int in_behandeling = 0;
  int afgehandeld = 0;
};

struct Adres {
  std::optional<std::string> postcode;  // 1234AB
  std::optional<std::string> woonplaats;
  std::optional<std::string> straatnaam;
  std::optional<int> huisnummer;
  std::optional<std::string> huisnummertoevoeging;
  std::optional<std::string> huisnummeraanduiding;
  std::optional<std::string> locatieomschrijving;
};

struct Persoonsgegevens {
  Date geboortedatum;
  Geslacht geslacht = Geslacht::kOnbekend;
  std::optional<std::string> geboorteland;
  std::optional<std::string> geboorteplaats;
  std::optional<std::string> nationaliteit1;
  std::optional<std::string> nationaliteit2;
  Adres adres;
  std::optional<bool> indicatie_betrouwbaar_adres;
  std::optional<Date> datum_vestiging_in_nederland;
  std::optional<Date> datum_vertrek_uit_nederland;
  std::optional<bool> recht_op_lening_en_vergoeding;
  std::optional<bool> indicatie_asielgerechtigd;
  std::optional<Verblijfsdoel> indicatie_verblijfsdoel;
  std::optional<bool> indicatie_rechtmatig_verblijf;
  std::optional<bool> indicatie_pardonregeling;
  std::optional<bool> indicatie_persoonsvolgend_budget;
  std::optional<bool> persoonsvolgend_budget_gebruikt;
  std::optional<bool> in_azc_gehuisvest;
  std::optional<Date> datum_beslissing_verblijfsrecht;
  bool indicatie_diploma_behaald = false;
  std::optional<NiveauDiploma> niveau_inburgeringsdiploma;
  bool indicatie_schuld_aanwezig = false;
  bool indicatie_gehele_vrijstelling_door_duo = false;
  ExamenaanvraagKader examenaanvraag_aanwezig = ExamenaanvraagKader::kGeenExamenaanvraag;
  CodeGeheim code_geheim = CodeGeheim::kGeenBeperking;
  std::optional<Date> datum_overlijden;
};

struct Ontheffing {
  SoortOntheffing soort = SoortOntheffing::kMedischeGronden;
  Date datum;
};

struct Indicatie {
  std::optional<bool> inburgeringsplichtig;  // empty: not yet determined by the municipality
  std::optional<Date> datum_inburgeringsplicht;
  std::optional<RedenNietInburgeringsplichtig> reden_niet_inburgeringsplichtig;
  bool vrijwillig_inburgeraar = false;
  std::optional<Categorie> categorie;
  bool pardonregeling = false;
  bool asielgerechtigd = false;
  std::optional<Ontheffing> ontheffing;
};

struct Verlenging {
  Date datum_verlenging;
  Date nieuwe_einddatum;
  std::string reden_verlenging;
};

struct Handhaving {
  std::string gehandhaafd_door_gemeente;
  std::string eerste_handhaving_door_gemeente;
  Date begin_handhaving;
  Date einde_handhavingstermijn;  // the current end, after any extensions
  std::vector<Verlenging> verlengingen;  // oldest first
};

struct Inburgeringsvoorziening {
  int64_t id = 0;  // store identity, used by registrations
  std::string aanbod_door_gemeente;
  std::string geregistreerd_door_gemeente;
  Doelgroep doelgroep = Doelgroep::kWerkende;
  SoortVoorziening soort = SoortVoorziening::kRegulier;
  bool indicatie_pib = false;
  std::optional<VormDuaalTraject> vorm_duaal_traject;  // only when soort == kDuaal
  Date datum_start;
  std::optional<Date> datum_einde;
  std::optional<std::string> reden_einde;
};

struct Vrijstelling {
  int64_t id = 0;
  SoortVrijstelling soort = SoortVrijstelling::kGedeeltelijk;
  VrijstellingDoor door = VrijstellingDoor::kGemeente;
  Date datum_start;
  std::optional<Date> datum_einde;  // tijdelijk only
  std::optional<VrijgesteldExamenonderdeel> examenonderdeel;
  std::optional<NiveauDiploma> niveau;
};

struct Boete {
  Date datum_toekennen;
  std::string reden;
  int64_t bedrag_centen = 0;  // euros * 100
  std::string soort;
};

struct Examenonderdeel {
  Examen examen = Examen::kKennisNederlandseMaatschappij;
  std::optional<ExamenNiveau> niveau;
  Uitslag uitslag = Uitslag::kGeslaagd;
  std::optional<std::string> profiel;
  std::optional<std::string> variant;
  Date datum_deelname;
  std::optional<std::string> gemeente_behaald;
  bool indicatie_vrijgesteld = false;
};

struct Examens {
  bool inburgeringsdiploma_behaald = false;
  std::optional<Date> datum_diploma_behaald;
  std::optional<std::string> diploma_gemeente;
  std::optional<IndicatieGeslaagd> indicatie_geslaagd;
  bool deelgenomen_volledig_examen = false;
  std::optional<std::string> gemeente_volledige_deelname;
  VolledigeDeelnameNt2 volledige_deelname_nt2 = VolledigeDeelnameNt2::kGeenVolledigeDeelname;
  std::optional<Date> datum_volledige_deelname_nt2;
  std::optional<std::string> gemeente_volledige_deelname_nt2;
  ExamenaanvraagKader examenaanvraag = ExamenaanvraagKader::kGeenExamenaanvraag;
  std::vector<Examenonderdeel> onderdelen;  // by datum_deelname
};

struct Dossier {
  Kop kop;
  Signaaltelling signalen;
  Persoonsgegevens persoonsgegevens;
  Indicatie indicatie;
  std::optional<Handhaving> handhaving;
  std::vector<Inburgeringsvoorziening> voorzieningen;  // by datum_start
  std::vector<Vrijstelling> vrijstellingen;            // by datum_start
  std::vector<Boete> boetes;                           // by datum_toekennen
  Examens examens;
  int64_t versie = 1;  // bumped by every registration (optimistic concurrency)
  Wet wet = Wet::kWi2007;  // which law applies (OnderWelkeWet)
};

// A signal raised for a person in a municipality (seed 000 §3.5-3.7).
struct Signaal {
  int64_t id = 0;
  std::string code;  // "SS001"
  SignaalStatus status = SignaalStatus::kNieuw;
  Date datum;
  std::string bsn;
  std::string gemeentecode;  // the municipality that received the signal
  int64_t versie = 1;
};

}  // namespace isi
