#include "tests/refresh/refresh_test_support.h"

#include <catch2/catch.hpp>
#include <fstream>

namespace isi::testing {

Dossier Persoon(int n, const std::string& gemeente) {
  Dossier d = MinimalDossier(MakeBsn(n), gemeente);
  d.kop.anummer = MakeANummer(n);
  d.kop.naam = {"Fatima", "", "El Amrani"};
  d.kop.herkomst = Herkomst::kIsiActief;
  Persoonsgegevens& p = d.persoonsgegevens;
  p.geslacht = Geslacht::kVrouw;
  p.geboorteland = "Marokko";
  p.nationaliteit1 = "Marokkaanse";
  p.adres.postcode = "1011AB";
  p.adres.woonplaats = "Amsterdam";
  p.adres.straatnaam = "Kerkstraat";
  p.adres.huisnummer = n % 200 + 1;
  p.indicatie_betrouwbaar_adres = true;
  p.datum_vestiging_in_nederland = Date{2005, 6, 1};
  p.indicatie_rechtmatig_verblijf = true;
  p.indicatie_verblijfsdoel = Verblijfsdoel::kPermanentVerblijf;
  p.indicatie_asielgerechtigd = false;
  d.indicatie.inburgeringsplichtig = true;
  d.indicatie.datum_inburgeringsplicht = Date{2008, 1, 1};
  d.indicatie.categorie = Categorie::kOudkomer;
  d.wet = Wet::kWi2007;
  return d;
}

RuweMutatie Mut(MutatieSoort soort, const std::string& bsn, Date datum,
                std::vector<Waarde> waarden) {
  RuweMutatie m;
  m.element = Token(soort);
  m.bsn = bsn;
  m.datum = datum.ToString();
  m.waarden = std::move(waarden);
  return m;
}

RefreshOmgeving::RefreshOmgeving() : pad_(dir_.File("isi.db")), store_(OpenStore(pad_)) {}

void RefreshOmgeving::Voeg(const Dossier& d) {
  Status s = store_->InsertPersons({d}, {});
  INFO(s.ToString());
  REQUIRE(s.ok());
}

void RefreshOmgeving::Cvs(const std::string& gemeente) {
  REQUIRE(store_->CreateKey(MakeKey("ak_" + gemeente + "_test", gemeente)).ok());
}

std::string RefreshOmgeving::Bestand(Bron bron, const std::string& id,
                                     const std::vector<RuweMutatie>& mutaties, Date aanmaak) {
  return Tekst(id + ".xml", refresh::SchrijfMutatiebestand(bron, id, aanmaak.ToString(), mutaties));
}

std::string RefreshOmgeving::Tekst(const std::string& naam, const std::string& xml) {
  const std::string pad = dir_.File(naam);
  std::ofstream out(pad, std::ios::binary | std::ios::trunc);
  out << xml;
  out.close();
  REQUIRE(out.good());
  return pad;
}

refresh::RefreshRapport RefreshOmgeving::Refresh(Date peildatum,
                                                 const std::vector<std::string>& paden,
                                                 Status* status) {
  std::unique_ptr<RefreshStore> rs;
  REQUIRE(OpenSqliteRefreshStore(pad_, StoreOptions{}, &rs).ok());
  refresh::RefreshOpties o;
  o.peildatum = peildatum;
  o.nu = 1741600000;
  refresh::RefreshRapport r;
  Status s = refresh::VoerRefreshUit(rs.get(), paden, o, &r);
  if (status != nullptr) {
    *status = s;
  } else {
    INFO(s.ToString());
    REQUIRE(s.ok());
  }
  return r;
}

refresh::RefreshRapport RefreshOmgeving::EenBestand(Bron bron,
                                                    const std::vector<RuweMutatie>& mutaties,
                                                    Date peildatum) {
  const std::string id = std::string(Token(bron)) + "-test-" + std::to_string(++bestanden_);
  return Refresh(peildatum, {Bestand(bron, id, mutaties, peildatum)});
}

std::vector<std::string> RefreshOmgeving::Signalen(const std::string& bsn) {
  RawDb raw(pad_);
  std::vector<std::string> out;
  const int64_t n = raw.Int("SELECT count(*) FROM signalen WHERE bsn = '" + bsn + "'");
  for (int64_t i = 0; i < n; ++i) {
    out.push_back(raw.Text("SELECT gemeentecode || ':' || code FROM signalen WHERE bsn = '" + bsn +
                           "' ORDER BY id LIMIT 1 OFFSET " + std::to_string(i)));
  }
  return out;
}

std::vector<std::string> RefreshOmgeving::AlleSignalen() {
  RawDb raw(pad_);
  std::vector<std::string> out;
  const int64_t n = raw.Int("SELECT count(*) FROM signalen");
  for (int64_t i = 0; i < n; ++i) {
    out.push_back(
        raw.Text("SELECT bsn || ':' || gemeentecode || ':' || code FROM signalen "
                 "ORDER BY id LIMIT 1 OFFSET " +
                 std::to_string(i)));
  }
  return out;
}

Dossier RefreshOmgeving::Lees(const std::string& gemeente, const std::string& bsn) {
  Dossier d;
  Status s = store_->GetDossierByBsn(gemeente, bsn, &d);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return d;
}

bool RefreshOmgeving::Ziet(const std::string& gemeente, const std::string& bsn) {
  Dossier d;
  return store_->GetDossierByBsn(gemeente, bsn, &d).ok();
}

}  // namespace isi::testing
