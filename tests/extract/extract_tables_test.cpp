// What the extract files contain: selection rules of ISI_VANAF2011 and Termijnoverschrijdingen,
// the groups of seed 003, secret addresses, and columns that match their headers and legend.
#include "tools/extract/extract_tables.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/support/fixtures.h"
#include "tools/extract/extract_texts.h"

using namespace isi;
using namespace isi::extract;

namespace {

// Records the cells of rows as text.
class Recorder final : public TableWriter {
 public:
  using TableWriter::DateValue;
  using TableWriter::Integer;
  using TableWriter::Text;
  using TableWriter::YesNo;
  void Empty() override { row_.emplace_back(); }
  void Text(std::string_view v) override { row_.emplace_back(v); }
  void DateValue(const Date& v) override { row_.push_back("D:" + v.ToString()); }
  void YesNo(bool v) override { row_.emplace_back(v ? "Ja" : "Nee"); }
  void Integer(int64_t v) override { row_.push_back(std::to_string(v)); }
  void Money(int64_t c) override { row_.push_back("EUR:" + std::to_string(c)); }
  Status EndRow() override {
    rows.push_back(std::move(row_));
    row_.clear();
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows;

 private:
  std::vector<std::string> row_;
};

template <typename Row>
std::vector<std::string> Cells(const Columns<Row>& columns, const Row& row) {
  Recorder r;
  REQUIRE(WriteRow(columns, row, r).ok());
  REQUIRE(r.rows.size() == 1);
  REQUIRE(r.rows[0].size() == columns.size());
  return r.rows[0];
}

template <typename Row>
std::string Cell(const Columns<Row>& columns, const Row& row, const std::string& header) {
  const std::vector<std::string> cells = Cells(columns, row);
  for (size_t i = 0; i < columns.size(); ++i) {
    if (header == columns[i].header) return cells[i];
  }
  FAIL("no column " << header);
  return {};
}

const Date kPeil{2026, 11, 23};

// An ISI actief person whose term ended before kPeil, without a diploma, in no special group.
Dossier Overrun() {
  Dossier d = testing::RichDossier("111222333", "1234567890", "0034");
  d.handhaving->einde_handhavingstermijn = Date{2020, 1, 1};
  d.persoonsgegevens.nationaliteit1 = "Marokkaanse";
  d.persoonsgegevens.nationaliteit2.reset();
  d.kop.geboortedatum = Date{1981, 4, 4};
  d.examens.inburgeringsdiploma_behaald = false;
  d.persoonsgegevens.indicatie_diploma_behaald = false;
  d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo = false;
  d.persoonsgegevens.datum_vertrek_uit_nederland.reset();
  d.persoonsgegevens.datum_overlijden.reset();
  return d;
}

}  // namespace

TEST_CASE("Every column list writes one cell per header", "[extract][tables]") {
  const Dossier d = testing::RichDossier("111222333", "1234567890", "0034");
  const IsiSheets& s = IsiExtractSheets();
  Cells(s.personen, d);
  Cells(s.handhaving, d);
  Cells(s.verlengingen, SubRow<Verlenging>{d, d.handhaving->verlengingen.at(0)});
  Cells(s.voorzieningen, SubRow<Inburgeringsvoorziening>{d, d.voorzieningen.at(0)});
  Cells(s.vrijstellingen, SubRow<Vrijstelling>{d, d.vrijstellingen.at(0)});
  Cells(s.boetes, SubRow<Boete>{d, d.boetes.at(0)});
  Cells(s.examens, SubRow<Examenonderdeel>{d, d.examens.onderdelen.at(0)});
  Cells(Vanaf2011Columns(), d);
  Cells(TermijnoverschrijdingenColumns(), TermijnRij{Overrun(), kPeil, {TermijnGroep::kOverig}});
  Cells(SignaallijstColumns(), SignaalRij{});
  CHECK(Cell(s.boetes, SubRow<Boete>{d, d.boetes.at(0)}, "Bedrag (euro)") == "EUR:12550");
}

TEST_CASE("Headers are unique within each file", "[extract][tables]") {
  const auto unique = [](const std::vector<std::string>& headers) {
    std::set<std::string> seen(headers.begin(), headers.end());
    return seen.size() == headers.size();
  };
  CHECK(unique(Headers(IsiExtractSheets().personen)));
  CHECK(unique(Headers(Vanaf2011Columns())));
  CHECK(unique(Headers(TermijnoverschrijdingenColumns())));
  CHECK(unique(Headers(SignaallijstColumns())));
}

TEST_CASE("A secret address (code geheim) is not in the extract", "[extract][tables]") {
  const auto& personen = IsiExtractSheets().personen;
  const Dossier open = testing::RichDossier("111222333", "1234567890", "0034", false);
  const Dossier geheim = testing::RichDossier("111222333", "1234567890", "0034", true);
  for (const char* column : {"Straatnaam", "Huisnummer", "Huisnummertoevoeging", "Postcode",
                             "Woonplaats", "Locatieomschrijving", "Huisnummeraanduiding"}) {
    CAPTURE(column);
    CHECK(Cell(personen, geheim, column).empty());
  }
  CHECK(Cell(personen, open, "Straatnaam") == "Stadhuisplein");
  CHECK(Cell(personen, open, "Huisnummer") == "1");
  CHECK(Cell(personen, geheim, "Code geheim") == "Geheim");
}

TEST_CASE("ISI_VANAF2011: entered from 2011-01-01 by plicht or vestiging date",
          "[extract][tables]") {
  Dossier d;
  CHECK(!IsVanaf2011(d));
  d.indicatie.datum_inburgeringsplicht = Date{2010, 12, 31};
  d.persoonsgegevens.datum_vestiging_in_nederland = Date{2009, 1, 1};
  CHECK(!IsVanaf2011(d));
  d.indicatie.datum_inburgeringsplicht = Date{2011, 1, 1};
  CHECK(IsVanaf2011(d));
  d.indicatie.datum_inburgeringsplicht.reset();
  d.persoonsgegevens.datum_vestiging_in_nederland = Date{2011, 1, 1};
  CHECK(IsVanaf2011(d));
}

TEST_CASE("Termijnoverschrijding: ISI actief, alive, term ended before the date, no diploma",
          "[extract][tables]") {
  Dossier d = Overrun();
  CHECK(IsTermijnoverschrijding(d, kPeil));
  SECTION("the term ends on the date itself: not yet overrun") {
    d.handhaving->einde_handhavingstermijn = kPeil;
    CHECK(!IsTermijnoverschrijding(d, kPeil));
    CHECK(IsTermijnoverschrijding(d, kPeil.AddDays(1)));
  }
  SECTION("a diploma, by the exams or the persoonsgegevens") {
    d.examens.inburgeringsdiploma_behaald = true;
    CHECK(!IsTermijnoverschrijding(d, kPeil));
    d = Overrun();
    d.persoonsgegevens.indicatie_diploma_behaald = true;
    CHECK(!IsTermijnoverschrijding(d, kPeil));
  }
  SECTION("ISI definitief, deceased, or without handhaving") {
    d.kop.herkomst = Herkomst::kIsiDefinitief;
    CHECK(!IsTermijnoverschrijding(d, kPeil));
    d = Overrun();
    d.persoonsgegevens.datum_overlijden = Date{2024, 1, 1};
    CHECK(!IsTermijnoverschrijding(d, kPeil));
    d = Overrun();
    d.handhaving.reset();
    CHECK(!IsTermijnoverschrijding(d, kPeil));
  }
}

TEST_CASE("Termijnoverschrijding groups follow seed 003, in its order", "[extract][tables]") {
  using G = TermijnGroep;
  Dossier d = Overrun();
  CHECK(TermijnGroepen(d, kPeil) == std::vector<G>{G::kOverig});

  SECTION("Dutch or Turkish nationality, first or second") {
    d.persoonsgegevens.nationaliteit2 = "Nederlandse";
    CHECK(TermijnGroepen(d, kPeil) == std::vector<G>{G::kNederlandseNationaliteit});
    d.persoonsgegevens.nationaliteit1 = "Turkse";
    CHECK(TermijnGroepen(d, kPeil) ==
          std::vector<G>{G::kNederlandseNationaliteit, G::kTurkseNationaliteit});
  }
  SECTION("65 or older on the date: the birthday itself counts") {
    d.kop.geboortedatum = kPeil.AddYears(-65);
    CHECK(TermijnGroepen(d, kPeil) == std::vector<G>{G::kOuderDan65});
    d.kop.geboortedatum = kPeil.AddYears(-65).AddDays(1);
    CHECK(TermijnGroepen(d, kPeil) == std::vector<G>{G::kOverig});
  }
  SECTION("fully exempted by DUO") {
    d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo = true;
    CHECK(TermijnGroepen(d, kPeil) == std::vector<G>{G::kVrijgesteldDoorDuo});
  }
  SECTION("left the Netherlands at least a year ago") {
    d.persoonsgegevens.datum_vertrek_uit_nederland = kPeil.AddYears(-1);
    CHECK(TermijnGroepen(d, kPeil) == std::vector<G>{G::kVertrokkenUitNederland});
    d.persoonsgegevens.datum_vertrek_uit_nederland = kPeil.AddYears(-1).AddDays(1);
    CHECK(TermijnGroepen(d, kPeil) == std::vector<G>{G::kOverig});
  }
  SECTION("the row shows the first group, the others, and the first group's action") {
    d.persoonsgegevens.nationaliteit1 = "Turkse";
    d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo = true;
    const TermijnRij row{d, kPeil, TermijnGroepen(d, kPeil)};
    const auto& cols = TermijnoverschrijdingenColumns();
    CHECK(Cell(cols, row, "Groep") == "Turkse nationaliteit");
    CHECK(Cell(cols, row, "Overige groepen") == "Vrijstelling DUO");
    CHECK(Cell(cols, row, "Voorgestelde actie").find("reden 4") != std::string::npos);
    CHECK(Cell(cols, row, "Dagen overschreden") ==
          std::to_string(kPeil.ToDays() - Date{2020, 1, 1}.ToDays()));
  }
  for (G g : {G::kNederlandseNationaliteit, G::kTurkseNationaliteit, G::kOuderDan65,
              G::kVrijgesteldDoorDuo, G::kVertrokkenUitNederland, G::kOverig}) {
    CHECK(std::string(VoorgesteldeActie(g)).size() > 40);
  }
  CHECK(std::string(VoorgesteldeActie(G::kVrijgesteldDoorDuo)).find("reden 1") !=
        std::string::npos);
}

TEST_CASE("The legend lists every column of its file, and the disclaimer is §3.8's",
          "[extract][tables]") {
  const std::string legend = LegendText(ExtractKind::kTermijnoverschrijdingen, "0034", kPeil);
  CHECK(legend.starts_with("\xEF\xBB\xBF"));
  CHECK(legend.find("Almere") != std::string::npos);
  CHECK(legend.find("23-11-2026") != std::string::npos);
  int n = 0;
  for (const auto& c : TermijnoverschrijdingenColumns()) {
    CHECK(legend.find(std::to_string(++n) + ". " + c.header + ": ") != std::string::npos);
  }
  const std::string isi = LegendText(ExtractKind::kIsi, "0034", kPeil);
  for (const auto& c : IsiExtractSheets().examens) {
    CHECK(isi.find(std::string(". ") + c.header + ": ") != std::string::npos);
  }
  const std::string disclaimer = DisclaimerText();
  CHECK(disclaimer.find("De ISI bestanden worden dagelijks bijgewerkt op basis van onder andere "
                        "mutaties van de GBA.") != std::string::npos);
  CHECK(disclaimer.find("\r\n") != std::string::npos);
}
