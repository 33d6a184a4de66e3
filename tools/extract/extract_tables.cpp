#include "tools/extract/extract_tables.h"

#include <algorithm>

namespace isi::extract {
namespace {

using W = TableWriter;

// Column widths (characters) by kind of content.
constexpr double kWBsn = 11;
constexpr double kWANummer = 12;
constexpr double kWName = 20;
constexpr double kWDate = 12;
constexpr double kWCode = 18;
constexpr double kWYesNo = 10;
constexpr double kWNumber = 10;
constexpr double kWText = 30;
constexpr double kWGemeente = 10;

// The address as the extract may show it: nothing for a secret address (code geheim).
const Adres& ShownAdres(const Dossier& d) {
  static const Adres kNone;
  return d.persoonsgegevens.code_geheim == CodeGeheim::kGeheim ? kNone : d.persoonsgegevens.adres;
}

bool HasDiploma(const Dossier& d) {
  return d.examens.inburgeringsdiploma_behaald || d.persoonsgegevens.indicatie_diploma_behaald;
}

bool HasNationaliteit(const Dossier& d, const char* nationaliteit) {
  const Persoonsgegevens& p = d.persoonsgegevens;
  return p.nationaliteit1 == nationaliteit || p.nationaliteit2 == nationaliteit;
}

// A voorziening that has started and not ended on `peildatum`.
bool HasLopendeVoorziening(const Dossier& d, const Date& peildatum) {
  return std::any_of(
      d.voorzieningen.begin(), d.voorzieningen.end(), [&](const Inburgeringsvoorziening& v) {
        return v.datum_start <= peildatum && (!v.datum_einde || *v.datum_einde >= peildatum);
      });
}

int AantalVerlengingen(const Dossier& d) {
  return d.handhaving ? static_cast<int>(d.handhaving->verlengingen.size()) : 0;
}

}  // namespace

// --- ISI extract -----------------------------------------------------------------------------

const IsiSheets& IsiExtractSheets() {
  static const IsiSheets kSheets = [] {
    IsiSheets s;
    s.personen = {
        {"BSN", "Burgerservicenummer (9 cijfers)", kWBsn,
         [](const Dossier& d, W& w) { w.Text(d.kop.bsn); }},
        {"A-nummer", "Administratienummer (10 cijfers); leeg als ISI het niet kent", kWANummer,
         [](const Dossier& d, W& w) { w.Text(d.kop.anummer); }},
        {"Voornamen", "Voornamen", kWName,
         [](const Dossier& d, W& w) { w.Text(d.kop.naam.voornamen); }},
        {"Voorvoegsels", "Voorvoegsels van de achternaam", kWCode,
         [](const Dossier& d, W& w) { w.Text(d.kop.naam.voorvoegsels); }},
        {"Achternaam", "Achternaam", kWName,
         [](const Dossier& d, W& w) { w.Text(d.kop.naam.achternaam); }},
        {"Geboortedatum", "Geboortedatum", kWDate,
         [](const Dossier& d, W& w) { w.DateValue(d.kop.geboortedatum); }},
        {"Geslacht", "Man, Vrouw of Onbekend", kWNumber,
         [](const Dossier& d, W& w) { w.Code(d.persoonsgegevens.geslacht); }},
        {"Herkomst", "IsiActief of IsiDefinitief", kWCode,
         [](const Dossier& d, W& w) { w.Code(d.kop.herkomst); }},
        {"Woongemeente",
         "CBS-code van de woongemeente; 1999 = RNI (vertrokken naar het buitenland)", kWGemeente,
         [](const Dossier& d, W& w) { w.Text(d.kop.woongemeente); }},
        {"Vorige woongemeente",
         "Bij woongemeente 1999: CBS-code van de gemeente waaruit de persoon vertrok (gewezen "
         "ingezetene)",
         kWGemeente, [](const Dossier& d, W& w) { w.Text(d.kop.vorige_woongemeente); }},
        {"Geboorteland", "Geboorteland", kWName,
         [](const Dossier& d, W& w) { w.Text(d.persoonsgegevens.geboorteland); }},
        {"Geboorteplaats", "Geboorteplaats", kWName,
         [](const Dossier& d, W& w) { w.Text(d.persoonsgegevens.geboorteplaats); }},
        {"Nationaliteit 1", "Eerste nationaliteit", kWName,
         [](const Dossier& d, W& w) { w.Text(d.persoonsgegevens.nationaliteit1); }},
        {"Nationaliteit 2", "Tweede nationaliteit", kWName,
         [](const Dossier& d, W& w) { w.Text(d.persoonsgegevens.nationaliteit2); }},
        {"Straatnaam", "Straatnaam (leeg bij code geheim)", kWName,
         [](const Dossier& d, W& w) { w.Text(ShownAdres(d).straatnaam); }},
        {"Huisnummer", "Huisnummer (leeg bij code geheim)", kWNumber,
         [](const Dossier& d, W& w) { w.Integer(ShownAdres(d).huisnummer); }},
        {"Huisnummertoevoeging", "Huisnummertoevoeging (leeg bij code geheim)", kWNumber,
         [](const Dossier& d, W& w) { w.Text(ShownAdres(d).huisnummertoevoeging); }},
        {"Huisnummeraanduiding",
         "Huisnummeraanduiding, bijvoorbeeld 'by' of 'to' (leeg bij "
         "code geheim)",
         kWNumber, [](const Dossier& d, W& w) { w.Text(ShownAdres(d).huisnummeraanduiding); }},
        {"Postcode", "Postcode, 1234AB (leeg bij code geheim)", kWNumber,
         [](const Dossier& d, W& w) { w.Text(ShownAdres(d).postcode); }},
        {"Woonplaats", "Woonplaats (leeg bij code geheim)", kWName,
         [](const Dossier& d, W& w) { w.Text(ShownAdres(d).woonplaats); }},
        {"Locatieomschrijving", "Locatieomschrijving (leeg bij code geheim)", kWText,
         [](const Dossier& d, W& w) { w.Text(ShownAdres(d).locatieomschrijving); }},
        {"Code geheim", "GeenBeperking of Geheim; bij Geheim wordt het adres niet geleverd", kWCode,
         [](const Dossier& d, W& w) { w.Code(d.persoonsgegevens.code_geheim); }},
        {"Betrouwbaar adres", "Indicatie betrouwbaar adres (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.persoonsgegevens.indicatie_betrouwbaar_adres); }},
        {"Datum vestiging in Nederland", "Datum vestiging in Nederland", kWDate,
         [](const Dossier& d, W& w) {
           w.DateValue(d.persoonsgegevens.datum_vestiging_in_nederland);
         }},
        {"Datum vertrek uit Nederland", "Datum vertrek uit Nederland", kWDate,
         [](const Dossier& d, W& w) {
           w.DateValue(d.persoonsgegevens.datum_vertrek_uit_nederland);
         }},
        {"Recht op lening en vergoeding", "Recht op lening en vergoeding (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.persoonsgegevens.recht_op_lening_en_vergoeding); }},
        {"Asielgerechtigd (persoon)", "Indicatie asielgerechtigd uit de persoonsgegevens", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.persoonsgegevens.indicatie_asielgerechtigd); }},
        {"Verblijfsdoel", "PermanentVerblijf of TijdelijkVerblijf (IND)", kWCode,
         [](const Dossier& d, W& w) { w.Code(d.persoonsgegevens.indicatie_verblijfsdoel); }},
        {"Rechtmatig verblijf", "Indicatie rechtmatig verblijf (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.persoonsgegevens.indicatie_rechtmatig_verblijf); }},
        {"Pardonregeling (persoon)", "Indicatie pardonregeling uit de persoonsgegevens", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.persoonsgegevens.indicatie_pardonregeling); }},
        {"Persoonsvolgend budget", "Indicatie persoonsvolgend budget (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) {
           w.YesNo(d.persoonsgegevens.indicatie_persoonsvolgend_budget);
         }},
        {"Persoonsvolgend budget gebruikt", "Persoonsvolgend budget gebruikt (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) {
           w.YesNo(d.persoonsgegevens.persoonsvolgend_budget_gebruikt);
         }},
        {"In AZC gehuisvest", "In een asielzoekerscentrum gehuisvest (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.persoonsgegevens.in_azc_gehuisvest); }},
        {"Datum beslissing verblijfsrecht", "Datum beslissing verblijfsrecht", kWDate,
         [](const Dossier& d, W& w) {
           w.DateValue(d.persoonsgegevens.datum_beslissing_verblijfsrecht);
         }},
        {"Diploma behaald (persoon)", "Indicatie diploma behaald uit de persoonsgegevens", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.persoonsgegevens.indicatie_diploma_behaald); }},
        {"Niveau inburgeringsdiploma", "A1 of A2", kWNumber,
         [](const Dossier& d, W& w) { w.Code(d.persoonsgegevens.niveau_inburgeringsdiploma); }},
        {"Schuld aanwezig", "Indicatie schuld aanwezig (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.persoonsgegevens.indicatie_schuld_aanwezig); }},
        {"Gehele vrijstelling door DUO", "Indicatie gehele vrijstelling door DUO (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) {
           w.YesNo(d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo);
         }},
        {"Examenaanvraag aanwezig",
         "Examenaanvraag aanwezig in het kader van: GeenExamenaanvraag, Naturalisatie of "
         "WetInburgering",
         kWCode,
         [](const Dossier& d, W& w) { w.Code(d.persoonsgegevens.examenaanvraag_aanwezig); }},
        {"Datum overlijden", "Datum overlijden", kWDate,
         [](const Dossier& d, W& w) { w.DateValue(d.persoonsgegevens.datum_overlijden); }},
        {"Inburgeringsplichtig", "Ja/Nee; leeg als de gemeente het nog niet heeft bepaald", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.indicatie.inburgeringsplichtig); }},
        {"Datum inburgeringsplicht", "Datum waarop de inburgeringsplicht ingaat", kWDate,
         [](const Dossier& d, W& w) { w.DateValue(d.indicatie.datum_inburgeringsplicht); }},
        {"Reden niet inburgeringsplichtig",
         "GeheelVrijgesteld (1), OntheffingMedischeGronden (2), OntheffingEvidentIngeburgerd "
         "(3), ValtNietOnderWerkingWet (4)",
         kWCode,
         [](const Dossier& d, W& w) { w.Code(d.indicatie.reden_niet_inburgeringsplichtig); }},
        {"Vrijwillig inburgeraar", "Vrijwillig inburgeraar (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.indicatie.vrijwillig_inburgeraar); }},
        {"Categorie", "Oudkomer of Nieuwkomer", kWCode,
         [](const Dossier& d, W& w) { w.Code(d.indicatie.categorie); }},
        {"Pardonregeling (indicatie)", "Pardonregeling volgens de indicatie (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.indicatie.pardonregeling); }},
        {"Asielgerechtigd (indicatie)", "Asielgerechtigd volgens de indicatie (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.indicatie.asielgerechtigd); }},
        {"Ontheffing", "Soort ontheffing: MedischeGronden of EvidentIngeburgerd", kWCode,
         [](const Dossier& d, W& w) {
           if (d.indicatie.ontheffing) {
             w.Code(d.indicatie.ontheffing->soort);
           } else {
             w.Empty();
           }
         }},
        {"Datum ontheffing", "Datum van de ontheffing", kWDate,
         [](const Dossier& d, W& w) {
           if (d.indicatie.ontheffing) {
             w.DateValue(d.indicatie.ontheffing->datum);
           } else {
             w.Empty();
           }
         }},
        {"Inburgeringsdiploma behaald", "Inburgeringsdiploma behaald volgens de examens (Ja/Nee)",
         kWYesNo, [](const Dossier& d, W& w) { w.YesNo(d.examens.inburgeringsdiploma_behaald); }},
        {"Datum diploma behaald", "Datum waarop het inburgeringsdiploma is behaald", kWDate,
         [](const Dossier& d, W& w) { w.DateValue(d.examens.datum_diploma_behaald); }},
        {"Diploma gemeente", "CBS-code van de gemeente waar het diploma is behaald", kWGemeente,
         [](const Dossier& d, W& w) { w.Text(d.examens.diploma_gemeente); }},
        {"Indicatie geslaagd",
         "MetHerkansingEnVrijstelling, MetHerkansingZonderVrijstelling, "
         "ZonderHerkansingMetVrijstelling of ZonderHerkansingEnVrijstelling",
         kWText, [](const Dossier& d, W& w) { w.Code(d.examens.indicatie_geslaagd); }},
        {"Volledig examen deelgenomen", "Aan het volledige examen deelgenomen (Ja/Nee)", kWYesNo,
         [](const Dossier& d, W& w) { w.YesNo(d.examens.deelgenomen_volledig_examen); }},
        {"Gemeente volledige deelname", "CBS-code van de gemeente van de volledige deelname",
         kWGemeente, [](const Dossier& d, W& w) { w.Text(d.examens.gemeente_volledige_deelname); }},
        {"Volledige deelname NT2",
         "GeenVolledigeDeelname (leeg), AanAlleOnderdelenDeelgenomen (1) of "
         "VoorAlleOnderdelenGeslaagd (2)",
         kWText, [](const Dossier& d, W& w) { w.Code(d.examens.volledige_deelname_nt2); }},
        {"Datum volledige deelname NT2", "Datum volledige deelname NT2", kWDate,
         [](const Dossier& d, W& w) { w.DateValue(d.examens.datum_volledige_deelname_nt2); }},
        {"Gemeente volledige deelname NT2", "CBS-code van de gemeente van de deelname NT2",
         kWGemeente,
         [](const Dossier& d, W& w) { w.Text(d.examens.gemeente_volledige_deelname_nt2); }},
        {"Examenaanvraag", "Examenaanvraag volgens de examens (zie Examenaanvraag aanwezig)",
         kWCode, [](const Dossier& d, W& w) { w.Code(d.examens.examenaanvraag); }},
        {"Wet", "Wet die van toepassing is: Wi2007, Wi2013 of Wi2021", kWNumber,
         [](const Dossier& d, W& w) { w.Code(d.wet); }},
        {"Signalen totaal", "Aantal signalen voor deze gemeente", kWNumber,
         [](const Dossier& d, W& w) { w.Integer(d.signalen.totaal); }},
        {"Signalen nieuw", "Aantal signalen met status Nieuw", kWNumber,
         [](const Dossier& d, W& w) { w.Integer(d.signalen.nieuw); }},
        {"Signalen in behandeling", "Aantal signalen met status InBehandeling", kWNumber,
         [](const Dossier& d, W& w) { w.Integer(d.signalen.in_behandeling); }},
        {"Signalen afgehandeld", "Aantal signalen met status Afgehandeld", kWNumber,
         [](const Dossier& d, W& w) { w.Integer(d.signalen.afgehandeld); }},
    };

    s.handhaving = {
        {"BSN", "Burgerservicenummer", kWBsn, [](const Dossier& d, W& w) { w.Text(d.kop.bsn); }},
        {"Achternaam", "Achternaam", kWName,
         [](const Dossier& d, W& w) { w.Text(d.kop.naam.achternaam); }},
        {"Gehandhaafd door gemeente", "CBS-code van de gemeente die nu handhaaft", kWGemeente,
         [](const Dossier& d, W& w) { w.Text(d.handhaving->gehandhaafd_door_gemeente); }},
        {"Eerste handhaving door gemeente", "CBS-code van de gemeente die als eerste handhaafde",
         kWGemeente,
         [](const Dossier& d, W& w) { w.Text(d.handhaving->eerste_handhaving_door_gemeente); }},
        {"Begin handhaving", "Begindatum van de handhaving", kWDate,
         [](const Dossier& d, W& w) { w.DateValue(d.handhaving->begin_handhaving); }},
        {"Einde handhavingstermijn", "Einddatum van de handhavingstermijn, na verlengingen", kWDate,
         [](const Dossier& d, W& w) { w.DateValue(d.handhaving->einde_handhavingstermijn); }},
        {"Aantal verlengingen", "Aantal verlengingen (zie werkblad Verlengingen)", kWNumber,
         [](const Dossier& d, W& w) { w.Integer(AantalVerlengingen(d)); }},
    };

    using VR = SubRow<Verlenging>;
    s.verlengingen = {
        {"BSN", "Burgerservicenummer", kWBsn, [](const VR& r, W& w) { w.Text(r.dossier.kop.bsn); }},
        {"Achternaam", "Achternaam", kWName,
         [](const VR& r, W& w) { w.Text(r.dossier.kop.naam.achternaam); }},
        {"Datum verlenging", "Datum waarop de termijn is verlengd", kWDate,
         [](const VR& r, W& w) { w.DateValue(r.record.datum_verlenging); }},
        {"Nieuwe einddatum", "Einddatum van de termijn na deze verlenging", kWDate,
         [](const VR& r, W& w) { w.DateValue(r.record.nieuwe_einddatum); }},
        {"Reden verlenging", "Reden van de verlenging", kWText,
         [](const VR& r, W& w) { w.Text(r.record.reden_verlenging); }},
    };

    using VZ = SubRow<Inburgeringsvoorziening>;
    s.voorzieningen = {
        {"BSN", "Burgerservicenummer", kWBsn, [](const VZ& r, W& w) { w.Text(r.dossier.kop.bsn); }},
        {"Achternaam", "Achternaam", kWName,
         [](const VZ& r, W& w) { w.Text(r.dossier.kop.naam.achternaam); }},
        {"Aanbod door gemeente", "CBS-code van de gemeente die de voorziening aanbiedt", kWGemeente,
         [](const VZ& r, W& w) { w.Text(r.record.aanbod_door_gemeente); }},
        {"Geregistreerd door gemeente", "CBS-code van de gemeente die registreerde", kWGemeente,
         [](const VZ& r, W& w) { w.Text(r.record.geregistreerd_door_gemeente); }},
        {"Doelgroep", "Werkende, Uitkeringsgerechtigde of NietUitkeringsgerechtigdeEnGeenWerk",
         kWText, [](const VZ& r, W& w) { w.Code(r.record.doelgroep); }},
        {"Soort", "Regulier, Duaal, GeestelijkBedienaar of Taalkennis", kWCode,
         [](const VZ& r, W& w) { w.Code(r.record.soort); }},
        {"Indicatie PIB", "Persoonlijk inburgeringsbudget (Ja/Nee)", kWYesNo,
         [](const VZ& r, W& w) { w.YesNo(r.record.indicatie_pib); }},
        {"Vorm duaal traject", "Alleen bij soort Duaal", kWText,
         [](const VZ& r, W& w) { w.Code(r.record.vorm_duaal_traject); }},
        {"Datum start", "Startdatum", kWDate,
         [](const VZ& r, W& w) { w.DateValue(r.record.datum_start); }},
        {"Datum einde", "Einddatum; leeg als de voorziening loopt", kWDate,
         [](const VZ& r, W& w) { w.DateValue(r.record.datum_einde); }},
        {"Reden einde", "Reden van beëindiging", kWText,
         [](const VZ& r, W& w) { w.Text(r.record.reden_einde); }},
    };

    using VS = SubRow<Vrijstelling>;
    s.vrijstellingen = {
        {"BSN", "Burgerservicenummer", kWBsn, [](const VS& r, W& w) { w.Text(r.dossier.kop.bsn); }},
        {"Achternaam", "Achternaam", kWName,
         [](const VS& r, W& w) { w.Text(r.dossier.kop.naam.achternaam); }},
        {"Soort", "Tijdelijk of Gedeeltelijk", kWCode,
         [](const VS& r, W& w) { w.Code(r.record.soort); }},
        {"Door", "Gemeente of DUO", kWNumber, [](const VS& r, W& w) { w.Code(r.record.door); }},
        {"Datum start", "Startdatum", kWDate,
         [](const VS& r, W& w) { w.DateValue(r.record.datum_start); }},
        {"Datum einde", "Einddatum (alleen bij Tijdelijk)", kWDate,
         [](const VS& r, W& w) { w.DateValue(r.record.datum_einde); }},
        {"Examenonderdeel", "Taal, KnsCertificaatNederland, TgnWibEnKns of TgnWib", kWCode,
         [](const VS& r, W& w) { w.Code(r.record.examenonderdeel); }},
        {"Niveau", "A1 of A2", kWNumber, [](const VS& r, W& w) { w.Code(r.record.niveau); }},
    };

    using BR = SubRow<Boete>;
    s.boetes = {
        {"BSN", "Burgerservicenummer", kWBsn, [](const BR& r, W& w) { w.Text(r.dossier.kop.bsn); }},
        {"Achternaam", "Achternaam", kWName,
         [](const BR& r, W& w) { w.Text(r.dossier.kop.naam.achternaam); }},
        {"Datum toekennen", "Datum waarop de boete is opgelegd", kWDate,
         [](const BR& r, W& w) { w.DateValue(r.record.datum_toekennen); }},
        {"Reden", "Reden van de boete", kWText, [](const BR& r, W& w) { w.Text(r.record.reden); }},
        {"Bedrag (euro)", "Bedrag in euro's", kWNumber,
         [](const BR& r, W& w) { w.Money(r.record.bedrag_centen); }},
        {"Soort", "Soort boete", kWName, [](const BR& r, W& w) { w.Text(r.record.soort); }},
    };

    using ER = SubRow<Examenonderdeel>;
    s.examens = {
        {"BSN", "Burgerservicenummer", kWBsn, [](const ER& r, W& w) { w.Text(r.dossier.kop.bsn); }},
        {"Achternaam", "Achternaam", kWName,
         [](const ER& r, W& w) { w.Text(r.dossier.kop.naam.achternaam); }},
        {"Examen", "Examenonderdeel, bijvoorbeeld KennisNederlandseMaatschappij", kWText,
         [](const ER& r, W& w) { w.Code(r.record.examen); }},
        {"Niveau", "A1, A2, P1 of P2", kWNumber,
         [](const ER& r, W& w) { w.Code(r.record.niveau); }},
        {"Uitslag", "Geslaagd, NietGeslaagd, NietOpKomenDagen of OngeldigeUitslag", kWCode,
         [](const ER& r, W& w) { w.Code(r.record.uitslag); }},
        {"Profiel", "Profiel van het examen", kWCode,
         [](const ER& r, W& w) { w.Text(r.record.profiel); }},
        {"Variant", "Variant van het examen", kWCode,
         [](const ER& r, W& w) { w.Text(r.record.variant); }},
        {"Datum deelname", "Datum van deelname", kWDate,
         [](const ER& r, W& w) { w.DateValue(r.record.datum_deelname); }},
        {"Gemeente behaald", "CBS-code van de gemeente waar het onderdeel is behaald", kWGemeente,
         [](const ER& r, W& w) { w.Text(r.record.gemeente_behaald); }},
        {"Vrijgesteld", "Vrijgesteld voor dit onderdeel (Ja/Nee)", kWYesNo,
         [](const ER& r, W& w) { w.YesNo(r.record.indicatie_vrijgesteld); }},
    };
    return s;
  }();
  return kSheets;
}

// --- Signaallijst ----------------------------------------------------------------------------

const Columns<SignaalRij>& SignaallijstColumns() {
  using R = SignaalRij;
  static const Columns<R> kColumns = {
      {"Status", "Nieuw, InBehandeling of Afgehandeld", kWCode,
       [](const R& r, W& w) { w.Code(r.status); }},
      {"Code", "Signaalcode, SS001 tot en met SS066", kWNumber,
       [](const R& r, W& w) { w.Text(r.code); }},
      {"Omschrijving", "Omschrijving van het signaal (handleiding §3.7)", kWText,
       [](const R& r, W& w) { w.Text(r.omschrijving); }},
      {"Datum", "Datum van het signaal", kWDate, [](const R& r, W& w) { w.DateValue(r.datum); }},
      {"BSN", "Burgerservicenummer van de persoon", kWBsn, [](const R& r, W& w) { w.Text(r.bsn); }},
      {"A-nummer", "Administratienummer; leeg als ISI het niet kent", kWANummer,
       [](const R& r, W& w) { w.Text(r.anummer); }},
      {"Achternaam", "Achternaam van de persoon", kWName,
       [](const R& r, W& w) { w.Text(r.achternaam); }},
  };
  return kColumns;
}

// --- ISI_VANAF2011 ---------------------------------------------------------------------------

bool IsVanaf2011(const Dossier& d) {
  const auto& plicht = d.indicatie.datum_inburgeringsplicht;
  const auto& vestiging = d.persoonsgegevens.datum_vestiging_in_nederland;
  return (plicht && *plicht >= kVanaf2011) || (vestiging && *vestiging >= kVanaf2011);
}

const Columns<Dossier>& Vanaf2011Columns() {
  // The last voorziening by start date (the Dossier keeps them in that order).
  static const auto last = [](const Dossier& d) -> const Inburgeringsvoorziening* {
    return d.voorzieningen.empty() ? nullptr : &d.voorzieningen.back();
  };
  static const Columns<Dossier> kColumns = {
      {"BSN", "Burgerservicenummer", kWBsn, [](const Dossier& d, W& w) { w.Text(d.kop.bsn); }},
      {"A-nummer", "Administratienummer; leeg als ISI het niet kent", kWANummer,
       [](const Dossier& d, W& w) { w.Text(d.kop.anummer); }},
      {"Voornamen", "Voornamen", kWName,
       [](const Dossier& d, W& w) { w.Text(d.kop.naam.voornamen); }},
      {"Voorvoegsels", "Voorvoegsels", kWCode,
       [](const Dossier& d, W& w) { w.Text(d.kop.naam.voorvoegsels); }},
      {"Achternaam", "Achternaam", kWName,
       [](const Dossier& d, W& w) { w.Text(d.kop.naam.achternaam); }},
      {"Geboortedatum", "Geboortedatum", kWDate,
       [](const Dossier& d, W& w) { w.DateValue(d.kop.geboortedatum); }},
      {"Geslacht", "Man, Vrouw of Onbekend", kWNumber,
       [](const Dossier& d, W& w) { w.Code(d.persoonsgegevens.geslacht); }},
      {"Nationaliteit 1", "Eerste nationaliteit", kWName,
       [](const Dossier& d, W& w) { w.Text(d.persoonsgegevens.nationaliteit1); }},
      {"Herkomst", "IsiActief of IsiDefinitief", kWCode,
       [](const Dossier& d, W& w) { w.Code(d.kop.herkomst); }},
      {"Woongemeente", "CBS-code; 1999 = RNI (vertrokken naar het buitenland)", kWGemeente,
       [](const Dossier& d, W& w) { w.Text(d.kop.woongemeente); }},
      {"Wet", "Wi2007, Wi2013 of Wi2021", kWNumber, [](const Dossier& d, W& w) { w.Code(d.wet); }},
      {"Datum vestiging in Nederland", "Datum vestiging in Nederland", kWDate,
       [](const Dossier& d, W& w) {
         w.DateValue(d.persoonsgegevens.datum_vestiging_in_nederland);
       }},
      {"Inburgeringsplichtig", "Ja/Nee; leeg als nog niet bepaald", kWYesNo,
       [](const Dossier& d, W& w) { w.YesNo(d.indicatie.inburgeringsplichtig); }},
      {"Datum inburgeringsplicht", "Datum waarop de inburgeringsplicht ingaat", kWDate,
       [](const Dossier& d, W& w) { w.DateValue(d.indicatie.datum_inburgeringsplicht); }},
      {"Reden niet inburgeringsplichtig",
       "GeheelVrijgesteld (1), OntheffingMedischeGronden (2), OntheffingEvidentIngeburgerd (3), "
       "ValtNietOnderWerkingWet (4)",
       kWCode, [](const Dossier& d, W& w) { w.Code(d.indicatie.reden_niet_inburgeringsplichtig); }},
      {"Vrijwillig inburgeraar", "Ja/Nee", kWYesNo,
       [](const Dossier& d, W& w) { w.YesNo(d.indicatie.vrijwillig_inburgeraar); }},
      {"Categorie", "Oudkomer of Nieuwkomer", kWCode,
       [](const Dossier& d, W& w) { w.Code(d.indicatie.categorie); }},
      {"Ontheffing", "MedischeGronden of EvidentIngeburgerd", kWCode,
       [](const Dossier& d, W& w) {
         if (d.indicatie.ontheffing) {
           w.Code(d.indicatie.ontheffing->soort);
         } else {
           w.Empty();
         }
       }},
      {"Gehandhaafd door gemeente", "CBS-code van de handhavende gemeente; leeg zonder handhaving",
       kWGemeente,
       [](const Dossier& d, W& w) {
         if (d.handhaving) {
           w.Text(d.handhaving->gehandhaafd_door_gemeente);
         } else {
           w.Empty();
         }
       }},
      {"Begin handhaving", "Begindatum van de handhaving", kWDate,
       [](const Dossier& d, W& w) {
         if (d.handhaving) {
           w.DateValue(d.handhaving->begin_handhaving);
         } else {
           w.Empty();
         }
       }},
      {"Einde handhavingstermijn", "Einddatum van de handhavingstermijn, na verlengingen", kWDate,
       [](const Dossier& d, W& w) {
         if (d.handhaving) {
           w.DateValue(d.handhaving->einde_handhavingstermijn);
         } else {
           w.Empty();
         }
       }},
      {"Aantal verlengingen", "Aantal verlengingen van de handhavingstermijn", kWNumber,
       [](const Dossier& d, W& w) { w.Integer(AantalVerlengingen(d)); }},
      {"Aantal voorzieningen", "Aantal inburgeringsvoorzieningen", kWNumber,
       [](const Dossier& d, W& w) { w.Integer(static_cast<int64_t>(d.voorzieningen.size())); }},
      {"Voorziening aanbod door gemeente",
       "Laatste voorziening (op startdatum): CBS-code van de aanbiedende gemeente", kWGemeente,
       [](const Dossier& d, W& w) {
         if (const auto* v = last(d)) {
           w.Text(v->aanbod_door_gemeente);
         } else {
           w.Empty();
         }
       }},
      {"Voorziening soort",
       "Laatste voorziening: Regulier, Duaal, GeestelijkBedienaar of "
       "Taalkennis",
       kWCode,
       [](const Dossier& d, W& w) {
         if (const auto* v = last(d)) {
           w.Code(v->soort);
         } else {
           w.Empty();
         }
       }},
      {"Voorziening doelgroep", "Laatste voorziening: doelgroep", kWText,
       [](const Dossier& d, W& w) {
         if (const auto* v = last(d)) {
           w.Code(v->doelgroep);
         } else {
           w.Empty();
         }
       }},
      {"Voorziening datum start", "Laatste voorziening: startdatum", kWDate,
       [](const Dossier& d, W& w) {
         if (const auto* v = last(d)) {
           w.DateValue(v->datum_start);
         } else {
           w.Empty();
         }
       }},
      {"Voorziening datum einde", "Laatste voorziening: einddatum; leeg als die loopt", kWDate,
       [](const Dossier& d, W& w) {
         if (const auto* v = last(d)) {
           w.DateValue(v->datum_einde);
         } else {
           w.Empty();
         }
       }},
      {"Voorziening reden einde", "Laatste voorziening: reden van beëindiging", kWText,
       [](const Dossier& d, W& w) {
         if (const auto* v = last(d)) {
           w.Text(v->reden_einde);
         } else {
           w.Empty();
         }
       }},
      {"Inburgeringsdiploma behaald", "Ja/Nee", kWYesNo,
       [](const Dossier& d, W& w) { w.YesNo(d.examens.inburgeringsdiploma_behaald); }},
      {"Datum diploma behaald", "Datum waarop het diploma is behaald", kWDate,
       [](const Dossier& d, W& w) { w.DateValue(d.examens.datum_diploma_behaald); }},
      {"Indicatie geslaagd", "Wijze van slagen (zie ISI extract)", kWText,
       [](const Dossier& d, W& w) { w.Code(d.examens.indicatie_geslaagd); }},
      {"Examenaanvraag", "GeenExamenaanvraag, Naturalisatie of WetInburgering", kWCode,
       [](const Dossier& d, W& w) { w.Code(d.examens.examenaanvraag); }},
      {"Aantal examenonderdelen", "Aantal afgelegde examenonderdelen", kWNumber,
       [](const Dossier& d, W& w) {
         w.Integer(static_cast<int64_t>(d.examens.onderdelen.size()));
       }},
      {"Geslaagde examenonderdelen",
       "Examenonderdelen met uitslag Geslaagd, met komma's gescheiden, in volgorde van deelname",
       kWText,
       [](const Dossier& d, W& w) {
         std::string list;
         for (const Examenonderdeel& e : d.examens.onderdelen) {
           if (e.uitslag != Uitslag::kGeslaagd) continue;
           if (!list.empty()) list += ", ";
           list += Token(e.examen);
         }
         w.Text(list);
       }},
      {"Datum laatste examen", "Datum van het laatst afgelegde examenonderdeel", kWDate,
       [](const Dossier& d, W& w) {
         if (d.examens.onderdelen.empty()) {
           w.Empty();
         } else {
           w.DateValue(d.examens.onderdelen.back().datum_deelname);
         }
       }},
  };
  return kColumns;
}

// --- Termijnoverschrijdingen -----------------------------------------------------------------

const char* GroepNaam(TermijnGroep g) {
  switch (g) {
    case TermijnGroep::kNederlandseNationaliteit:
      return "Nederlandse nationaliteit";
    case TermijnGroep::kTurkseNationaliteit:
      return "Turkse nationaliteit";
    case TermijnGroep::kOuderDan65:
      return "Ouder dan 65 jaar";
    case TermijnGroep::kVrijgesteldDoorDuo:
      return "Vrijstelling DUO";
    case TermijnGroep::kVertrokkenUitNederland:
      return "Vertrokken uit Nederland";
    case TermijnGroep::kOverig:
      return "Overig";
  }
  return "Overig";
}

const char* VoorgesteldeActie(TermijnGroep g) {
  switch (g) {
    case TermijnGroep::kNederlandseNationaliteit:
    case TermijnGroep::kTurkseNationaliteit:
    case TermijnGroep::kOuderDan65:
      return "Registreer de persoon als niet-inburgeringsplichtig met reden 4 'valt niet onder de "
             "werking van de wet', of laat de persoon het traject vrijwillig afronden (bied dan "
             "een vrijwillige voorziening aan). Zolang de persoon in ISI actief staat, blijft hij "
             "op deze lijst.";
    case TermijnGroep::kVrijgesteldDoorDuo:
      return "Controleer het diploma. Is de persoon in het bezit van een vrijstellend diploma, "
             "beëindig dan de inburgeringsplicht met reden 1 'gehele vrijstelling'.";
    case TermijnGroep::kVertrokkenUitNederland:
      return "Beëindig de inburgeringsplicht: de persoon woont langer dan een jaar in het "
             "buitenland. Bij terugkomst in Nederland wordt de persoon aangemerkt als "
             "nieuwkomer.";
    case TermijnGroep::kOverig:
      return "Bepaal of de persoon het inburgeringsexamen kan behalen en wat de gevolgen van het "
             "einde van de handhavingstermijn zijn: vrijstelling, boete of verlenging van de "
             "handhaving.";
  }
  return "";
}

bool IsTermijnoverschrijding(const Dossier& d, const Date& peildatum) {
  return d.kop.herkomst == Herkomst::kIsiActief && !d.persoonsgegevens.datum_overlijden &&
         d.handhaving && d.handhaving->einde_handhavingstermijn < peildatum && !HasDiploma(d);
}

std::vector<TermijnGroep> TermijnGroepen(const Dossier& d, const Date& peildatum) {
  std::vector<TermijnGroep> groepen;
  const Persoonsgegevens& p = d.persoonsgegevens;
  if (HasNationaliteit(d, "Nederlandse"))
    groepen.push_back(TermijnGroep::kNederlandseNationaliteit);
  if (HasNationaliteit(d, "Turkse")) groepen.push_back(TermijnGroep::kTurkseNationaliteit);
  if (peildatum.YearsSince(d.kop.geboortedatum) >= 65) {
    groepen.push_back(TermijnGroep::kOuderDan65);
  }
  if (p.indicatie_gehele_vrijstelling_door_duo) {
    groepen.push_back(TermijnGroep::kVrijgesteldDoorDuo);
  }
  if (p.datum_vertrek_uit_nederland && p.datum_vertrek_uit_nederland->AddYears(1) <= peildatum) {
    groepen.push_back(TermijnGroep::kVertrokkenUitNederland);
  }
  if (groepen.empty()) groepen.push_back(TermijnGroep::kOverig);
  return groepen;
}

const Columns<TermijnRij>& TermijnoverschrijdingenColumns() {
  using R = TermijnRij;
  static const Columns<R> kColumns = {
      {"BSN", "Burgerservicenummer", kWBsn, [](const R& r, W& w) { w.Text(r.dossier.kop.bsn); }},
      {"A-nummer", "Administratienummer; leeg als ISI het niet kent", kWANummer,
       [](const R& r, W& w) { w.Text(r.dossier.kop.anummer); }},
      {"Voornamen", "Voornamen", kWName,
       [](const R& r, W& w) { w.Text(r.dossier.kop.naam.voornamen); }},
      {"Voorvoegsels", "Voorvoegsels", kWCode,
       [](const R& r, W& w) { w.Text(r.dossier.kop.naam.voorvoegsels); }},
      {"Achternaam", "Achternaam", kWName,
       [](const R& r, W& w) { w.Text(r.dossier.kop.naam.achternaam); }},
      {"Geboortedatum", "Geboortedatum", kWDate,
       [](const R& r, W& w) { w.DateValue(r.dossier.kop.geboortedatum); }},
      {"Leeftijd", "Leeftijd in jaren op de datum van het bestand", kWNumber,
       [](const R& r, W& w) { w.Integer(r.peildatum.YearsSince(r.dossier.kop.geboortedatum)); }},
      {"Nationaliteit 1", "Eerste nationaliteit", kWName,
       [](const R& r, W& w) { w.Text(r.dossier.persoonsgegevens.nationaliteit1); }},
      {"Nationaliteit 2", "Tweede nationaliteit", kWName,
       [](const R& r, W& w) { w.Text(r.dossier.persoonsgegevens.nationaliteit2); }},
      {"Woongemeente", "CBS-code; 1999 = RNI (vertrokken naar het buitenland)", kWGemeente,
       [](const R& r, W& w) { w.Text(r.dossier.kop.woongemeente); }},
      {"Categorie", "Oudkomer of Nieuwkomer", kWCode,
       [](const R& r, W& w) { w.Code(r.dossier.indicatie.categorie); }},
      {"Inburgeringsplichtig", "Ja/Nee; leeg als nog niet bepaald", kWYesNo,
       [](const R& r, W& w) { w.YesNo(r.dossier.indicatie.inburgeringsplichtig); }},
      {"Reden niet inburgeringsplichtig", "Reden als de persoon niet inburgeringsplichtig is",
       kWCode,
       [](const R& r, W& w) { w.Code(r.dossier.indicatie.reden_niet_inburgeringsplichtig); }},
      {"Gehandhaafd door gemeente", "CBS-code van de handhavende gemeente", kWGemeente,
       [](const R& r, W& w) { w.Text(r.dossier.handhaving->gehandhaafd_door_gemeente); }},
      {"Begin handhaving", "Begindatum van de handhaving", kWDate,
       [](const R& r, W& w) { w.DateValue(r.dossier.handhaving->begin_handhaving); }},
      {"Einde handhavingstermijn", "Einddatum van de (verlengde) handhavingstermijn", kWDate,
       [](const R& r, W& w) { w.DateValue(r.dossier.handhaving->einde_handhavingstermijn); }},
      {"Aantal verlengingen", "Aantal verlengingen van de handhavingstermijn", kWNumber,
       [](const R& r, W& w) { w.Integer(AantalVerlengingen(r.dossier)); }},
      {"Dagen overschreden", "Dagen tussen het einde van de termijn en de datum van het bestand",
       kWNumber,
       [](const R& r, W& w) {
         w.Integer(r.peildatum.ToDays() - r.dossier.handhaving->einde_handhavingstermijn.ToDays());
       }},
      {"Lopende voorziening", "Een voorziening die op de datum van het bestand loopt (Ja/Nee)",
       kWYesNo, [](const R& r, W& w) { w.YesNo(HasLopendeVoorziening(r.dossier, r.peildatum)); }},
      {"Gehele vrijstelling door DUO", "Indicatie gehele vrijstelling door DUO (Ja/Nee)", kWYesNo,
       [](const R& r, W& w) {
         w.YesNo(r.dossier.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo);
       }},
      {"Datum vertrek uit Nederland", "Datum vertrek uit Nederland", kWDate,
       [](const R& r, W& w) {
         w.DateValue(r.dossier.persoonsgegevens.datum_vertrek_uit_nederland);
       }},
      {"Groep",
       "Eerste groep uit de handleiding waartoe de persoon behoort (Nederlandse nationaliteit, "
       "Turkse nationaliteit, Ouder dan 65 jaar, Vrijstelling DUO, Vertrokken uit Nederland), "
       "anders Overig",
       kWText, [](const R& r, W& w) { w.Text(GroepNaam(r.groepen.front())); }},
      {"Overige groepen", "Andere groepen waartoe de persoon ook behoort, met komma's gescheiden",
       kWText,
       [](const R& r, W& w) {
         std::string list;
         for (size_t i = 1; i < r.groepen.size(); ++i) {
           if (!list.empty()) list += ", ";
           list += GroepNaam(r.groepen[i]);
         }
         w.Text(list);
       }},
      {"Voorgestelde actie", "Wat de handleiding voor deze groep voorstelt", 60,
       [](const R& r, W& w) { w.Text(VoorgesteldeActie(r.groepen.front())); }},
  };
  return kColumns;
}

}  // namespace isi::extract
