#include "service/dossier_mapping.h"

#include <string>
#include <type_traits>

namespace isi {
namespace {

// Builds the answer; remembers the first token that the contract does not know.
class Mapper {
 public:
  explicit Mapper(struct soap* soap) : soap_(soap) {}

  std::string* Str(const std::string& v) {
    auto* p = soap_new_std__string(soap_, -1);
    *p = v;
    return p;
  }
  template <typename T>
  T* Box(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    auto* p = static_cast<T*>(soap_malloc(soap_, sizeof(T)));
    *p = v;
    return p;
  }
  std::string* Opt(const std::optional<std::string>& v) { return v ? Str(*v) : nullptr; }
  std::string* Opt(const std::optional<Date>& v) { return v ? Str(v->ToString()) : nullptr; }
  bool* Opt(const std::optional<bool>& v) { return v ? Box(*v) : nullptr; }
  int* Opt(const std::optional<int>& v) { return v ? Box(*v) : nullptr; }

  // Model enum -> generated enum, through the wire token.
  template <typename Out, typename In>
  Out Enum(In v, int (*s2)(struct soap*, const char*, Out*)) {
    Out out{};
    if (s2(soap_, Token(v), &out) != SOAP_OK) {
      soap_->error = SOAP_OK;
      if (bad_token_.empty()) bad_token_ = Token(v);
    }
    return out;
  }
  template <typename Out, typename In>
  Out* OptEnum(const std::optional<In>& v, int (*s2)(struct soap*, const char*, Out*)) {
    return v ? Box(Enum(*v, s2)) : nullptr;
  }

  const std::string& bad_token() const { return bad_token_; }
  struct soap* soap() const { return soap_; }

 private:
  struct soap* soap_;
  std::string bad_token_;
};

isi__Kop* MapKop(Mapper& m, const Kop& k) {
  auto* out = soap_new_isi__Kop(m.soap());
  out->Naam = soap_new_isi__Naam(m.soap());
  out->Naam->Voornamen = k.naam.voornamen.empty() ? nullptr : m.Str(k.naam.voornamen);
  out->Naam->Voorvoegsels = k.naam.voorvoegsels.empty() ? nullptr : m.Str(k.naam.voorvoegsels);
  out->Naam->Achternaam = k.naam.achternaam;
  out->BSN = k.bsn;
  out->ANummer = m.Opt(k.anummer);
  out->Geboortedatum = k.geboortedatum.ToString();
  out->Herkomst = m.Enum(k.herkomst, soap_s2isi__Herkomst);
  out->Woongemeente = k.woongemeente;
  return out;
}

isi__Persoonsgegevens* MapPersoonsgegevens(Mapper& m, const Persoonsgegevens& p) {
  auto* out = soap_new_isi__Persoonsgegevens(m.soap());
  out->Geboortedatum = p.geboortedatum.ToString();
  out->Geslacht = m.Enum(p.geslacht, soap_s2isi__Geslacht);
  out->Geboorteland = m.Opt(p.geboorteland);
  out->Geboorteplaats = m.Opt(p.geboorteplaats);
  out->Nationaliteit1 = m.Opt(p.nationaliteit1);
  out->Nationaliteit2 = m.Opt(p.nationaliteit2);
  const Adres& a = p.adres;
  const bool has_address = a.postcode || a.woonplaats || a.straatnaam || a.huisnummer ||
                           a.huisnummertoevoeging || a.huisnummeraanduiding ||
                           a.locatieomschrijving;
  if (has_address && p.code_geheim == CodeGeheim::kGeenBeperking) {
    out->Adres = soap_new_isi__Adres(m.soap());
    out->Adres->Postcode = m.Opt(a.postcode);
    out->Adres->Woonplaats = m.Opt(a.woonplaats);
    out->Adres->Straatnaam = m.Opt(a.straatnaam);
    out->Adres->Huisnummer = m.Opt(a.huisnummer);
    out->Adres->Huisnummertoevoeging = m.Opt(a.huisnummertoevoeging);
    out->Adres->Huisnummeraanduiding = m.Opt(a.huisnummeraanduiding);
    out->Adres->Locatieomschrijving = m.Opt(a.locatieomschrijving);
  }
  out->IndicatieBetrouwbaarAdres = m.Opt(p.indicatie_betrouwbaar_adres);
  out->DatumVestigingInNederland = m.Opt(p.datum_vestiging_in_nederland);
  out->DatumVertrekUitNederland = m.Opt(p.datum_vertrek_uit_nederland);
  out->RechtOpLeningEnVergoeding = m.Opt(p.recht_op_lening_en_vergoeding);
  out->IndicatieAsielgerechtigd = m.Opt(p.indicatie_asielgerechtigd);
  out->IndicatieVerblijfsdoel = m.OptEnum(p.indicatie_verblijfsdoel, soap_s2isi__Verblijfsdoel);
  out->IndicatieRechtmatigVerblijf = m.Opt(p.indicatie_rechtmatig_verblijf);
  out->IndicatiePardonregeling = m.Opt(p.indicatie_pardonregeling);
  out->IndicatiePersoonsvolgendBudget = m.Opt(p.indicatie_persoonsvolgend_budget);
  out->PersoonsvolgendBudgetGebruikt = m.Opt(p.persoonsvolgend_budget_gebruikt);
  out->InAzcGehuisvest = m.Opt(p.in_azc_gehuisvest);
  out->DatumBeslissingVerblijfsrecht = m.Opt(p.datum_beslissing_verblijfsrecht);
  out->IndicatieDiplomaBehaald = p.indicatie_diploma_behaald;
  out->NiveauInburgeringsdiploma =
      m.OptEnum(p.niveau_inburgeringsdiploma, soap_s2isi__NiveauDiploma);
  out->IndicatieSchuldAanwezig = p.indicatie_schuld_aanwezig;
  out->IndicatieGeheleVrijstellingDoorDuo = p.indicatie_gehele_vrijstelling_door_duo;
  out->ExamenaanvraagAanwezig = m.Enum(p.examenaanvraag_aanwezig, soap_s2isi__ExamenaanvraagKader);
  out->CodeGeheim = m.Enum(p.code_geheim, soap_s2isi__CodeGeheim);
  out->DatumOverlijden = m.Opt(p.datum_overlijden);
  return out;
}

isi__Indicatie* MapIndicatie(Mapper& m, const Indicatie& i) {
  auto* out = soap_new_isi__Indicatie(m.soap());
  out->Inburgeringsplichtig = m.Opt(i.inburgeringsplichtig);
  out->DatumInburgeringsplicht = m.Opt(i.datum_inburgeringsplicht);
  out->RedenNietInburgeringsplichtig =
      m.OptEnum(i.reden_niet_inburgeringsplichtig, soap_s2isi__RedenNietInburgeringsplichtig);
  out->VrijwilligInburgeraar = i.vrijwillig_inburgeraar;
  out->Categorie = m.OptEnum(i.categorie, soap_s2isi__Categorie);
  out->Pardonregeling = i.pardonregeling;
  out->Asielgerechtigd = i.asielgerechtigd;
  if (i.ontheffing) {
    out->Ontheffing = soap_new_isi__Ontheffing(m.soap());
    out->Ontheffing->Soort = m.Enum(i.ontheffing->soort, soap_s2isi__SoortOntheffing);
    out->Ontheffing->Datum = i.ontheffing->datum.ToString();
  }
  return out;
}

isi__Handhaving* MapHandhaving(Mapper& m, const Handhaving& h) {
  auto* out = soap_new_isi__Handhaving(m.soap());
  out->GehandhaafdDoorGemeente = h.gehandhaafd_door_gemeente;
  out->EersteHandhavingDoorGemeente = h.eerste_handhaving_door_gemeente;
  out->BeginHandhaving = h.begin_handhaving.ToString();
  out->EindeHandhavingstermijn = h.einde_handhavingstermijn.ToString();
  for (const auto& v : h.verlengingen) {
    auto* o = soap_new_isi__Verlenging(m.soap());
    o->DatumVerlenging = v.datum_verlenging.ToString();
    o->NieuweEinddatum = v.nieuwe_einddatum.ToString();
    o->RedenVerlenging = v.reden_verlenging;
    out->Verlenging.push_back(o);
  }
  return out;
}

isi__Inburgeringsvoorziening* MapVoorziening(Mapper& m, const Inburgeringsvoorziening& v) {
  auto* out = soap_new_isi__Inburgeringsvoorziening(m.soap());
  out->AanbodDoorGemeente = v.aanbod_door_gemeente;
  out->GeregistreerdDoorGemeente = v.geregistreerd_door_gemeente;
  out->Doelgroep = m.Enum(v.doelgroep, soap_s2isi__Doelgroep);
  out->Soort = m.Enum(v.soort, soap_s2isi__SoortVoorziening);
  out->IndicatiePib = v.indicatie_pib;
  out->VormDuaalTraject = m.OptEnum(v.vorm_duaal_traject, soap_s2isi__VormDuaalTraject);
  out->DatumStart = v.datum_start.ToString();
  out->DatumEinde = m.Opt(v.datum_einde);
  out->RedenEinde = m.Opt(v.reden_einde);
  out->VoorzieningId = v.id != 0 ? m.Box(static_cast<LONG64>(v.id)) : nullptr;
  return out;
}

isi__Vrijstelling* MapVrijstelling(Mapper& m, const Vrijstelling& v) {
  auto* out = soap_new_isi__Vrijstelling(m.soap());
  out->Soort = m.Enum(v.soort, soap_s2isi__SoortVrijstelling);
  out->Door = m.Enum(v.door, soap_s2isi__VrijstellingDoor);
  out->DatumStart = v.datum_start.ToString();
  out->DatumEinde = m.Opt(v.datum_einde);
  out->Examenonderdeel = m.OptEnum(v.examenonderdeel, soap_s2isi__VrijgesteldExamenonderdeel);
  out->Niveau = m.OptEnum(v.niveau, soap_s2isi__NiveauDiploma);
  out->VrijstellingId = v.id != 0 ? m.Box(static_cast<LONG64>(v.id)) : nullptr;
  return out;
}

std::string Euros(int64_t cents) {
  const int64_t abs = cents < 0 ? -cents : cents;
  std::string frac = std::to_string(abs % 100);
  if (frac.size() < 2) frac.insert(0, "0");
  return (cents < 0 ? "-" : "") + std::to_string(abs / 100) + "." + frac;
}

isi__Boete* MapBoete(Mapper& m, const Boete& b) {
  auto* out = soap_new_isi__Boete(m.soap());
  out->DatumToekennen = b.datum_toekennen.ToString();
  out->Reden = b.reden;
  out->Bedrag = Euros(b.bedrag_centen);
  out->Soort = b.soort;
  return out;
}

isi__Examens* MapExamens(Mapper& m, const Examens& e) {
  auto* out = soap_new_isi__Examens(m.soap());
  out->InburgeringsdiplomaBehaald = e.inburgeringsdiploma_behaald;
  out->DatumDiplomaBehaald = m.Opt(e.datum_diploma_behaald);
  out->DiplomaGemeente = m.Opt(e.diploma_gemeente);
  out->IndicatieGeslaagd = m.OptEnum(e.indicatie_geslaagd, soap_s2isi__IndicatieGeslaagd);
  out->DeelgenomenVolledigExamen = e.deelgenomen_volledig_examen;
  out->GemeenteVolledigeDeelname = m.Opt(e.gemeente_volledige_deelname);
  out->VolledigeDeelnameNt2 = m.Enum(e.volledige_deelname_nt2, soap_s2isi__VolledigeDeelnameNt2);
  out->DatumVolledigeDeelnameNt2 = m.Opt(e.datum_volledige_deelname_nt2);
  out->GemeenteVolledigeDeelnameNt2 = m.Opt(e.gemeente_volledige_deelname_nt2);
  out->Examenaanvraag = m.Enum(e.examenaanvraag, soap_s2isi__ExamenaanvraagKader);
  for (const auto& o : e.onderdelen) {
    auto* x = soap_new_isi__Examenonderdeel(m.soap());
    x->Examen = m.Enum(o.examen, soap_s2isi__Examen);
    x->Niveau = m.OptEnum(o.niveau, soap_s2isi__ExamenNiveau);
    x->Uitslag = m.Enum(o.uitslag, soap_s2isi__Uitslag);
    x->Profiel = m.Opt(o.profiel);
    x->Variant = m.Opt(o.variant);
    x->DatumDeelname = o.datum_deelname.ToString();
    x->GemeenteBehaald = m.Opt(o.gemeente_behaald);
    x->IndicatieVrijgesteld = o.indicatie_vrijgesteld;
    out->Examenonderdeel.push_back(x);
  }
  return out;
}

Status Finish(const Mapper& m) {
  if (!m.bad_token().empty())
    return Status::Internal("model token without counterpart in the contract: " + m.bad_token());
  return Status::Ok();
}

}  // namespace

Status ToSoap(struct soap* soap, const PersoonRij& row, isi__GevondenPersoon** out) {
  Mapper m(soap);
  auto* r = soap_new_isi__GevondenPersoon(soap);
  r->BSN = row.bsn;
  r->ANummer = m.Opt(row.anummer);
  r->Voornamen = row.voornamen.empty() ? nullptr : m.Str(row.voornamen);
  r->Voorvoegsels = row.voorvoegsels.empty() ? nullptr : m.Str(row.voorvoegsels);
  r->Achternaam = row.achternaam;
  r->Geboortedatum = row.geboortedatum.ToString();
  r->Geslacht = m.Enum(row.geslacht, soap_s2isi__Geslacht);
  r->Herkomst = m.Enum(row.herkomst, soap_s2isi__Herkomst);
  r->DatumOverlijden = m.Opt(row.datum_overlijden);
  r->SignaalAanwezig = row.signaal_aanwezig;
  *out = r;
  return Finish(m);
}

Status ToSoap(struct soap* soap, const SignaalRij& row, isi__Signaal** out) {
  Mapper m(soap);
  auto* r = soap_new_isi__Signaal(soap);
  r->SignaalId = row.id;
  r->Status = m.Enum(row.status, soap_s2isi__SignaalStatus);
  r->BSN = row.bsn;
  r->ANummer = m.Opt(row.anummer);
  r->Achternaam = row.achternaam;
  r->Code = row.code;
  r->Omschrijving = row.omschrijving;
  r->Datum = row.datum.ToString();
  r->Versie = row.versie;
  r->Wijzigingsvolgnummer = row.wijzigingsvolgnummer;
  *out = r;
  return Finish(m);
}

Status ToSoap(struct soap* soap, const Dossier& d, isi__Dossier** out) {
  Mapper m(soap);
  auto* r = soap_new_isi__Dossier(soap);
  r->Kop = MapKop(m, d.kop);
  r->Signalen = soap_new_isi__Signaaltelling(soap);
  r->Signalen->Totaal = d.signalen.totaal;
  r->Signalen->Nieuw = d.signalen.nieuw;
  r->Signalen->InBehandeling = d.signalen.in_behandeling;
  r->Signalen->Afgehandeld = d.signalen.afgehandeld;
  r->Persoonsgegevens = MapPersoonsgegevens(m, d.persoonsgegevens);
  r->Indicatie = MapIndicatie(m, d.indicatie);
  if (d.handhaving) r->Handhaving = MapHandhaving(m, *d.handhaving);
  for (const auto& v : d.voorzieningen) r->Inburgeringsvoorziening.push_back(MapVoorziening(m, v));
  for (const auto& v : d.vrijstellingen) r->Vrijstelling.push_back(MapVrijstelling(m, v));
  for (const auto& b : d.boetes) r->Boete.push_back(MapBoete(m, b));
  r->Examens = MapExamens(m, d.examens);
  r->Versie = d.versie;
  if (!m.bad_token().empty())
    return Status::Internal("model token without counterpart in the contract: " + m.bad_token());
  *out = r;
  return Status::Ok();
}

}  // namespace isi
