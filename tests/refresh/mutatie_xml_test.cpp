// Reading mutation files: a corrupt file is refused whole; every malformed mutation is refused
// with its reason and the rest of the file still counts; the writer's output reads back.
#include "tools/refresh/mutatie_xml.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/store/store_test_support.h"

using namespace isi;
using namespace isi::refresh;
using isi::testing::MakeANummer;
using isi::testing::MakeBsn;

namespace {

std::string Gba(const std::string& mutaties, const std::string& kop = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<GbaMutaties xmlns=\"urn:isi-koppeling:mutaties:gba:1\">" +
         (kop.empty() ? "<BestandId>GBA-1</BestandId><Aanmaakdatum>2025-03-10</Aanmaakdatum>"
                      : kop) +
         "<Mutaties>" + mutaties + "</Mutaties></GbaMutaties>";
}

std::string Persoon(const std::string& bsn) { return "<Persoon><BSN>" + bsn + "</BSN></Persoon>"; }

Mutatiebestand Lees(const std::string& xml) {
  Mutatiebestand b;
  Status s = ParseMutatiebestand(xml, "test.xml", &b);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return b;
}

std::string Fout(const std::string& xml) {
  Mutatiebestand b;
  Status s = ParseMutatiebestand(xml, "test.xml", &b);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == Status::Code::kInvalidArgument);
  return s.message();
}

}  // namespace

TEST_CASE("Mutatiebestand: a well-formed GBA file with a move", "[refresh][xml]") {
  const std::string bsn = MakeBsn(1);
  Mutatiebestand b = Lees(Gba("<Verhuizing>" + Persoon(bsn) +
                              "<Datum>2025-03-01</Datum><Gemeente>0034</Gemeente>"
                              "<Adres><Postcode>1311AB</Postcode><Woonplaats>Almere</Woonplaats>"
                              "<Huisnummer>12</Huisnummer></Adres></Verhuizing>"));
  CHECK(b.bron == Bron::kGba);
  CHECK(b.bestand_id == "GBA-1");
  CHECK(b.aanmaakdatum == Date{2025, 3, 10});
  REQUIRE(b.mutaties.size() == 1);
  CHECK(b.weigeringen.empty());
  const Mutatie& m = b.mutaties[0];
  CHECK(m.soort == MutatieSoort::kVerhuizing);
  CHECK(m.bsn == bsn);
  CHECK(m.datum == Date{2025, 3, 1});
  CHECK(*m.Tekst(Veld::kGemeente) == "0034");
  CHECK(m.Heeft(Veld::kAdres));
  CHECK(m.Int(Veld::kHuisnummer) == 12);
  CHECK(m.volgnummer == 1);
}

TEST_CASE("Mutatiebestand: any prefix bound to the source's namespace", "[refresh][xml]") {
  Mutatiebestand b = Lees(
      "<d:DuoMutaties xmlns:d=\"urn:isi-koppeling:mutaties:duo:1\"><d:BestandId>D</d:BestandId>"
      "<d:Aanmaakdatum>2025-03-10</d:Aanmaakdatum><d:Mutaties><d:KorteVrijstellingstoets>"
      "<d:Persoon><d:BSN>" +
      MakeBsn(1) +
      "</d:BSN></d:Persoon><d:Datum>2025-03-01</d:Datum>"
      "</d:KorteVrijstellingstoets></d:Mutaties></d:DuoMutaties>");
  CHECK(b.bron == Bron::kDuo);
  CHECK(b.mutaties.size() == 1);
}

TEST_CASE("Mutatiebestand: a corrupt file is refused whole", "[refresh][xml]") {
  SECTION("not well-formed") {
    CHECK(Fout(Gba("<Overlijden>" + Persoon(MakeBsn(1)) + "<Datum>2025-03-01</Datum>"))
              .find("geen geldige XML") != std::string::npos);
  }
  SECTION("empty") { CHECK(Fout("").find("geen geldige XML") != std::string::npos); }
  SECTION("wrong root") {
    CHECK(Fout("<Mutaties xmlns=\"urn:isi-koppeling:mutaties:gba:1\"/>")
              .find("onbekend wortelelement") != std::string::npos);
  }
  SECTION("right root, wrong namespace") {
    CHECK(Fout("<GbaMutaties xmlns=\"urn:iets-anders\"><BestandId>X</BestandId></GbaMutaties>")
              .find("onbekend wortelelement") != std::string::npos);
  }
  SECTION("missing BestandId") {
    CHECK(Fout(Gba("", "<Aanmaakdatum>2025-03-10</Aanmaakdatum>")) == "BestandId ontbreekt");
  }
  SECTION("malformed BestandId") {
    CHECK(Fout(Gba("", "<BestandId>a b</BestandId><Aanmaakdatum>2025-03-10</Aanmaakdatum>"))
              .find("BestandId") != std::string::npos);
  }
  SECTION("impossible Aanmaakdatum") {
    CHECK(Fout(Gba("", "<BestandId>X</BestandId><Aanmaakdatum>2025-02-30</Aanmaakdatum>"))
              .find("Aanmaakdatum") != std::string::npos);
  }
  SECTION("two root elements") {
    CHECK(Fout(Gba("") + "<GbaMutaties/>").find("geen geldige XML") != std::string::npos);
  }
}

TEST_CASE("Mutatiebestand: each malformed mutation is refused with its reason, the rest counts",
          "[refresh][xml]") {
  const std::string bsn = MakeBsn(1);
  std::string slecht_bsn = bsn;
  slecht_bsn[8] = static_cast<char>('0' + (slecht_bsn[8] - '0' + 1) % 10);
  Mutatiebestand b = Lees(
      Gba("<Overlijden>" + Persoon(bsn) + "<Datum>2025-03-01</Datum></Overlijden>" +         // 1 ok
          "<Overlijden>" + Persoon(slecht_bsn) + "<Datum>2025-03-01</Datum></Overlijden>" +  // 2
          "<Naamswijziging>" + Persoon(bsn) + "<Datum>2025-03-01</Datum></Naamswijziging>" +  // 3
          "<Overlijden>" + Persoon(bsn) + "<Datum>2025-02-30</Datum></Overlijden>" +          // 4
          "<Verhuizing>" + Persoon(bsn) + "<Datum>2025-03-01</Datum></Verhuizing>" +          // 5
          "<Verblijfsdoel>" + Persoon(bsn) +
          "<Datum>2025-03-01</Datum><Verblijfsdoel>PermanentVerblijf</Verblijfsdoel>"
          "</Verblijfsdoel>" +  // 6: an IND kind in a GBA file
          "<WijzigingNationaliteit>" +
          Persoon(bsn) +
          "<Datum>2025-03-01</Datum><Nationaliteit1>Turkse</Nationaliteit1><Land>X</Land>"
          "</WijzigingNationaliteit>" +  // 7: a field of another kind
          "<WijzigingPersoonsgegevens>" +
          Persoon(bsn) +
          "<Datum>2025-03-01</Datum></WijzigingPersoonsgegevens>" +  // 8: nothing changed
          "<Overlijden><Persoon><BSN>" + bsn +
          "</BSN><ANummer>1234567890</ANummer></Persoon>"
          "<Datum>2025-03-01</Datum></Overlijden>" +  // 9: A-nummer fails its checks
          "<WijzigingAsielindicatie>" +
          Persoon(bsn) +
          "<Datum>2025-03-01</Datum><Asielgerechtigd>ja</Asielgerechtigd>"
          "</WijzigingAsielindicatie>" +  // 10: not a boolean
          "<Overlijden><Persoon><BSN>" +
          bsn + "</BSN><ANummer>" + MakeANummer(1) +
          "</ANummer></Persoon><Datum> 2025-03-02 </Datum></Overlijden>"));  // 11 ok
  REQUIRE(b.mutaties.size() == 2);
  CHECK(b.mutaties[0].volgnummer == 1);
  CHECK(b.mutaties[1].volgnummer == 11);
  CHECK(b.mutaties[1].anummer == MakeANummer(1));
  CHECK(b.mutaties[1].datum == Date{2025, 3, 2});
  REQUIRE(b.weigeringen.size() == 9);
  auto reden = [&](int volgnummer) {
    for (const Weigering& w : b.weigeringen)
      if (w.volgnummer == volgnummer) return w.reden;
    return std::string("(niet geweigerd)");
  };
  CHECK(reden(2) == "ongeldig BSN (9 cijfers met elfproef)");
  CHECK(reden(3) == "onbekende mutatiesoort Naamswijziging");
  CHECK(reden(4).find("geen geldige datum") != std::string::npos);
  CHECK(reden(5) == "Gemeente ontbreekt");
  CHECK(reden(6) == "mutatiesoort Verblijfsdoel hoort bij bron IND, niet bij GBA");
  CHECK(reden(7) == "element Land hoort niet bij WijzigingNationaliteit");
  CHECK(reden(8) == "WijzigingPersoonsgegevens zonder gewijzigd gegeven");
  CHECK(reden(9) == "ongeldig A-nummer");
  CHECK(reden(10).find("true of false") != std::string::npos);
  for (const Weigering& w : b.weigeringen) CHECK(w.bestand_id == "GBA-1");
}

TEST_CASE("Mutatiebestand: what the writer writes reads back the same", "[refresh][xml]") {
  for (MutatieSoort soort : MutatieSoorten()) {
    Mutatie m;
    m.soort = soort;
    m.bsn = MakeBsn(3);
    m.anummer = MakeANummer(3);
    m.datum = Date{2025, 3, 1};
    m.volgnummer = 1;
    for (const Veldspec& spec : MutatieVelden(soort)) {
      switch (spec.veld) {
        case Veld::kAdres:
          m.Zet(Veld::kAdres, "");
          m.Zet(Veld::kWoonplaats, "Almere & <omstreken>");
          m.Zet(Veld::kHuisnummer, "7");
          break;
        case Veld::kGemeente:
          m.Zet(spec.veld, "0034");
          break;
        case Veld::kGeboortedatum:
        case Veld::kDatumBeslissing:
        case Veld::kDatumVestigingInNederland:
          m.Zet(spec.veld, "1990-01-02");
          break;
        case Veld::kRechtmatigVerblijf:
        case Veld::kAsielgerechtigd:
          m.Zet(spec.veld, "true");
          break;
        case Veld::kGeslacht:
          m.Zet(spec.veld, "Vrouw");
          break;
        case Veld::kCodeGeheim:
          m.Zet(spec.veld, "Geheim");
          break;
        case Veld::kVerblijfsdoel:
          m.Zet(spec.veld, "TijdelijkVerblijf");
          break;
        case Veld::kDiplomasoort:
          m.Zet(spec.veld, "StaatsexamenNt2");
          break;
        case Veld::kNiveau:
          m.Zet(spec.veld, "A2");
          break;
        case Veld::kExamen:
          m.Zet(spec.veld, "Praktijkexamen");
          break;
        case Veld::kExamenniveau:
          m.Zet(spec.veld, "A1");
          break;
        case Veld::kUitslag:
          m.Zet(spec.veld, "NietOpKomenDagen");
          break;
        case Veld::kKader:
          m.Zet(spec.veld, "Naturalisatie");
          break;
        case Veld::kExamenonderdeel:
          m.Zet(spec.veld, "TgnWib");
          break;
        default:
          m.Zet(spec.veld, "tekst \"met\" tekens");
          break;
      }
    }
    const std::string xml =
        SchrijfMutatiebestand(BronVan(soort), "B-1", "2025-03-10", {NaarRuw(m)});
    Mutatiebestand b = Lees(xml);
    INFO(Token(soort) << "\n" << xml);
    REQUIRE(b.weigeringen.empty());
    REQUIRE(b.mutaties.size() == 1);
    const Mutatie& r = b.mutaties[0];
    CHECK(r.soort == soort);
    CHECK(r.anummer == m.anummer);
    CHECK(r.datum == m.datum);
    for (const Waarde& w : m.waarden) {
      INFO(Token(w.veld));
      REQUIRE(r.Tekst(w.veld) != nullptr);
      CHECK(*r.Tekst(w.veld) == w.tekst);
    }
    CHECK(r.waarden.size() == m.waarden.size());
  }
}
