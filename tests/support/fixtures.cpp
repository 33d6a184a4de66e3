#include "tests/support/fixtures.h"

namespace isi::testing {

Dossier RichDossier(const std::string& bsn, const std::string& anummer, const std::string& gemeente,
                    bool geheim) {
  Dossier d;
  d.kop.naam = {"Amina Fatima", "el", "Haddou"};
  d.kop.bsn = bsn;
  d.kop.anummer = anummer;
  d.kop.geboortedatum = {1981, 4, 4};
  d.kop.herkomst = Herkomst::kIsiActief;
  d.kop.woongemeente = gemeente;

  Persoonsgegevens& p = d.persoonsgegevens;
  p.geboortedatum = d.kop.geboortedatum;
  p.geslacht = Geslacht::kVrouw;
  p.geboorteland = "Marokko";
  p.geboorteplaats = "Nador";
  p.nationaliteit1 = "Marokkaanse";
  p.adres.postcode = "1315AB";
  p.adres.woonplaats = "Almere";
  p.adres.straatnaam = "Stadhuisplein";
  p.adres.huisnummer = 1;
  p.adres.huisnummertoevoeging = "A";
  p.indicatie_betrouwbaar_adres = true;
  p.datum_vestiging_in_nederland = Date{2006, 5, 1};
  p.recht_op_lening_en_vergoeding = true;
  p.indicatie_asielgerechtigd = false;
  p.indicatie_verblijfsdoel = Verblijfsdoel::kPermanentVerblijf;
  p.indicatie_rechtmatig_verblijf = true;
  p.indicatie_pardonregeling = false;
  p.persoonsvolgend_budget_gebruikt = false;
  p.indicatie_diploma_behaald = false;
  p.indicatie_schuld_aanwezig = true;
  p.examenaanvraag_aanwezig = ExamenaanvraagKader::kWetInburgering;
  p.code_geheim = geheim ? CodeGeheim::kGeheim : CodeGeheim::kGeenBeperking;

  d.indicatie.inburgeringsplichtig = true;
  d.indicatie.datum_inburgeringsplicht = Date{2008, 3, 1};
  d.indicatie.categorie = Categorie::kOudkomer;

  Handhaving h;
  h.gehandhaafd_door_gemeente = gemeente;
  h.eerste_handhaving_door_gemeente = "0363";
  h.begin_handhaving = {2008, 3, 1};
  h.einde_handhavingstermijn = {2014, 3, 1};
  h.verlengingen.push_back({Date{2013, 2, 1}, Date{2014, 3, 1}, "Ziekte"});
  d.handhaving = h;

  Inburgeringsvoorziening v1;
  v1.aanbod_door_gemeente = gemeente;
  v1.geregistreerd_door_gemeente = gemeente;
  v1.doelgroep = Doelgroep::kUitkeringsgerechtigde;
  v1.soort = SoortVoorziening::kDuaal;
  v1.indicatie_pib = true;
  v1.vorm_duaal_traject = VormDuaalTraject::kInburgeringMetWerk;
  v1.datum_start = {2008, 6, 1};
  v1.datum_einde = Date{2010, 6, 1};
  v1.reden_einde = "Traject afgerond";
  Inburgeringsvoorziening v2 = v1;
  v2.soort = SoortVoorziening::kRegulier;
  v2.vorm_duaal_traject.reset();
  v2.aanbod_door_gemeente = "0363";
  v2.datum_start = {2011, 1, 10};
  v2.datum_einde.reset();
  v2.reden_einde.reset();
  d.voorzieningen = {v1, v2};

  Vrijstelling vr;
  vr.soort = SoortVrijstelling::kGedeeltelijk;
  vr.door = VrijstellingDoor::kDuo;
  vr.datum_start = {2009, 9, 1};
  vr.examenonderdeel = VrijgesteldExamenonderdeel::kTaal;
  vr.niveau = NiveauDiploma::kA2;
  d.vrijstellingen = {vr};

  d.boetes = {Boete{Date{2012, 5, 1}, "Niet tijdig examen behaald", 12550, "Bestuurlijke boete"}};

  d.examens.deelgenomen_volledig_examen = true;
  d.examens.gemeente_volledige_deelname = gemeente;
  d.examens.volledige_deelname_nt2 = VolledigeDeelnameNt2::kAanAlleOnderdelenDeelgenomen;
  d.examens.datum_volledige_deelname_nt2 = Date{2011, 11, 11};
  d.examens.gemeente_volledige_deelname_nt2 = gemeente;
  d.examens.examenaanvraag = ExamenaanvraagKader::kWetInburgering;
  Examenonderdeel e1;
  e1.examen = Examen::kKennisNederlandseMaatschappij;
  e1.uitslag = Uitslag::kGeslaagd;
  e1.datum_deelname = {2010, 3, 15};
  e1.gemeente_behaald = gemeente;
  Examenonderdeel e2;
  e2.examen = Examen::kSpreekvaardigheid;
  e2.niveau = ExamenNiveau::kA2;
  e2.uitslag = Uitslag::kNietGeslaagd;
  e2.profiel = "Werk";
  e2.variant = "Portfolio";
  e2.datum_deelname = {2011, 11, 11};
  d.examens.onderdelen = {e1, e2};
  d.wet = Wet::kWi2007;
  return d;
}

}  // namespace isi::testing
