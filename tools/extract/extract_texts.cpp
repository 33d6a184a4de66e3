#include "tools/extract/extract_texts.h"

#include <string_view>

#include "model/gemeenten.h"
#include "tools/extract/csv_writer.h"
#include "tools/extract/extract_tables.h"

namespace isi::extract {
namespace {

// Lines joined with CRLF, after a BOM.
class Text {
 public:
  Text() { text_ = std::string(kUtf8Bom); }
  Text& Line(std::string_view line = {}) {
    text_.append(line);
    text_ += "\r\n";
    return *this;
  }
  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
};

template <typename Row>
void ColumnList(Text& t, const Columns<Row>& columns) {
  int n = 0;
  for (const Column<Row>& c : columns) {
    t.Line(std::to_string(++n) + ". " + c.header + ": " + c.omschrijving);
  }
}

void Header(Text& t, ExtractKind kind, const std::string& gemeentecode, const Date& datum) {
  const Gemeente* g = FindGemeente(gemeentecode);
  t.Line(std::string("LEGENDA - ") + Omschrijving(kind));
  t.Line("Gemeente: " + gemeentecode + (g != nullptr ? std::string(" ") + g->naam : ""));
  t.Line("Datum van het bestand: " + DutchDate(datum) +
         " (de stand van ISI op die dag; de datum staat ook in de bestandsnaam)");
  t.Line();
}

void CsvFormat(Text& t) {
  t.Line(
      "Formaat: CSV zoals Nederlandstalige spreadsheetprogramma's het zonder importwizard "
      "openen:");
  t.Line("- tekenset UTF-8 met byte order mark, scheidingsteken puntkomma (;), regeleinde CRLF;");
  t.Line(
      "- velden met een puntkomma, aanhalingsteken of regeleinde staan tussen dubbele "
      "aanhalingstekens (RFC 4180);");
  t.Line(
      "- datums als dd-mm-jjjj (bijvoorbeeld 23-11-2026); Ja/Nee voor ja-nee-velden; een leeg "
      "veld betekent dat ISI geen waarde heeft;");
  t.Line(
      "- een tekst die begint met =, +, -, @, tab of CR krijgt een apostrof ervoor, zodat het "
      "spreadsheetprogramma hem niet als formule uitvoert;");
  t.Line("- codes zijn de waarden uit het berichtenboek (bijvoorbeeld IsiActief, InBehandeling);");
  t.Line(
      "- BSN (9 cijfers) en A-nummer (10 cijfers) staan er met voorloopnullen; Excel laat die "
      "weg als u het bestand dubbelklikt. Wilt u ze houden, open het dan via Gegevens > Uit "
      "tekst/CSV en kies voor die kolommen het type Tekst;");
  t.Line("- bij een persoon met code geheim worden geen adresgegevens geleverd.");
  t.Line();
}

}  // namespace

std::string DisclaimerText() {
  Text t;
  t.Line("DISCLAIMER");
  t.Line();
  t.Line("Houd bij het gebruik van dit bestand rekening met het volgende:");
  t.Line();
  t.Line(
      "- De actuele datum van de bestanden staat vermeld achter de bestandsnaam. De ISI "
      "bestanden worden dagelijks bijgewerkt op basis van onder andere mutaties van de GBA. "
      "Controleer bij gebruik van de bestanden altijd of u met de meest recente versie werkt.");
  t.Line(
      "- We verzoeken u al het mogelijke te doen om oneigenlijk gebruik van de gegevens uit "
      "deze bestanden te voorkomen en de gegevens plus eventuele kopieën na afloop van de "
      "analyse te vernietigen. Het gebruik van de gegevens voor andere doeleinden dan de "
      "uitvoering van de Wet inburgering is niet toegestaan.");
  return t.Take();
}

std::string LegendText(ExtractKind kind, const std::string& gemeentecode, const Date& datum) {
  Text t;
  Header(t, kind, gemeentecode, datum);
  switch (kind) {
    case ExtractKind::kIsi: {
      const IsiSheets& s = IsiExtractSheets();
      t.Line(
          "Inhoud: alle personen van de gemeente in ISI actief en ISI definitief, met de "
          "belangrijkste gegevens van hun dossier. Personen van de gemeente zijn de inwoners "
          "en de gewezen ingezetenen (vertrokken naar het buitenland, woongemeente 1999).");
      t.Line(
          "Formaat: Excel-werkmap (.xlsx). Elk werkblad heeft een kopregel met filters; datums "
          "zijn echte Excel-datums (getoond als dd-mm-jjjj), ja-nee-velden Ja/Nee, codes de "
          "waarden uit het berichtenboek. Bij code geheim blijven de adreskolommen leeg. "
          "Een werkblad dat vol raakt (1.048.575 rijen) loopt door op een werkblad met "
          "dezelfde naam en (2), (3), ...");
      t.Line("De werkbladen naast Personen hebben een rij per registratie; koppel ze op BSN.");
      t.Line();
      t.Line("Werkblad Personen (een rij per persoon):");
      ColumnList(t, s.personen);
      t.Line();
      t.Line("Werkblad Handhaving (een rij per persoon met handhaving):");
      ColumnList(t, s.handhaving);
      t.Line();
      t.Line("Werkblad Verlengingen (een rij per verlenging van de handhavingstermijn):");
      ColumnList(t, s.verlengingen);
      t.Line();
      t.Line("Werkblad Voorzieningen (een rij per inburgeringsvoorziening):");
      ColumnList(t, s.voorzieningen);
      t.Line();
      t.Line("Werkblad Vrijstellingen (een rij per vrijstelling):");
      ColumnList(t, s.vrijstellingen);
      t.Line();
      t.Line("Werkblad Boetes (een rij per boete):");
      ColumnList(t, s.boetes);
      t.Line();
      t.Line("Werkblad Examens (een rij per afgelegd examenonderdeel):");
      ColumnList(t, s.examens);
      break;
    }
    case ExtractKind::kSignaallijst:
      t.Line("Inhoud: alle signalen van de gemeente, op datum (oudste eerst).");
      CsvFormat(t);
      t.Line("Kolommen:");
      ColumnList(t, SignaallijstColumns());
      break;
    case ExtractKind::kIsiVanaf2011:
      t.Line(
          "Inhoud: de personen van de gemeente die vanaf 1 januari 2011 in ISI zijn "
          "ingestroomd: de datum inburgeringsplicht of de datum vestiging in Nederland ligt op "
          "of na 01-01-2011. Een rij per persoon, met indicatie, handhaving, de laatste "
          "inburgeringsvoorziening (op startdatum) en examengegevens.");
      CsvFormat(t);
      t.Line("Kolommen:");
      ColumnList(t, Vanaf2011Columns());
      break;
    case ExtractKind::kTermijnoverschrijdingen:
      t.Line(
          "Inhoud: de personen van de gemeente in ISI actief, niet overleden, zonder "
          "inburgeringsdiploma, van wie de (eventueel verlengde) handhavingstermijn voor de "
          "datum van het bestand is verstreken. Per persoon de groep uit de handleiding (Lijst "
          "handhaving en termijnoverschrijding) en de actie die de handleiding voorstelt. Filter "
          "op de kolom Groep om een groep te selecteren.");
      t.Line(
          "Groepen, in deze volgorde (de eerste die past staat in Groep, de andere in Overige "
          "groepen):");
      for (TermijnGroep g :
           {TermijnGroep::kNederlandseNationaliteit, TermijnGroep::kTurkseNationaliteit,
            TermijnGroep::kOuderDan65, TermijnGroep::kVrijgesteldDoorDuo,
            TermijnGroep::kVertrokkenUitNederland, TermijnGroep::kOverig}) {
        t.Line(std::string("- ") + GroepNaam(g) + ": " + VoorgesteldeActie(g));
      }
      t.Line(
          "Toelichting: Nederlandse/Turkse nationaliteit = nationaliteit 1 of 2; ouder dan 65 "
          "jaar = 65 jaar of ouder op de datum van het bestand; vrijstelling DUO = indicatie "
          "gehele vrijstelling door DUO; vertrokken uit Nederland = datum vertrek uit Nederland "
          "minstens een jaar voor de datum van het bestand.");
      t.Line();
      CsvFormat(t);
      t.Line("Kolommen:");
      ColumnList(t, TermijnoverschrijdingenColumns());
      break;
    case ExtractKind::kDiplomamodellenboek:
      t.Line("Het diplomamodellenboek is een vast PDF-document.");
      break;
  }
  t.Line();
  t.Line("Zie ook DISCLAIMER.txt.");
  return t.Take();
}

}  // namespace isi::extract
