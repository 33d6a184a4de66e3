// The rules of the daily refresh, in three tables (see signaalregels.h):
//   kMutatieregels  what each mutation kind changes in ISI, and when it is refused;
//   kSignaalregels  which signal a mutation raises, on which condition;
//   kTijdregels     which signal a date raises.
// The "oorzaak" columns quote seed 000 §3.7; where a rule interprets the manual, its
// "voorwaarde" says so.
#include "model/signaalregels.h"

#include <algorithm>
#include <utility>

#include "model/examenregels.h"
#include "model/isi_status_rules.h"

namespace isi {
namespace {

// ---------------------------------------------------------------------------------------------
// Helpers on a dossier.

constexpr const char* kRni = "1999";
// Wi2007 took effect on this date; SS060 concerns lawful residence from then on.
constexpr Date kWi2007{2007, 1, 1};

Status Weiger(std::string reden) { return Status::Conflict(std::move(reden)); }

bool IsVrijwillig(const Dossier& d) { return d.indicatie.vrijwillig_inburgeraar; }

bool HeeftDiploma(const Dossier& d) {
  return d.examens.inburgeringsdiploma_behaald || d.persoonsgegevens.indicatie_diploma_behaald;
}

// The municipality itself registered the person as fully exempt (plicht nee, reason 1). Then
// DUO no longer processes NT2 results automatically (seed 003 "Registratie NT2-diploma").
bool DoorGemeenteVrijgesteld(const Dossier& d) {
  return d.indicatie.inburgeringsplichtig == false &&
         d.indicatie.reden_niet_inburgeringsplichtig ==
             RedenNietInburgeringsplichtig::kGeheelVrijgesteld;
}

// A voorziening running on `datum`.
bool HeeftLopendeVoorziening(const Dossier& d, Date datum) {
  return std::any_of(d.voorzieningen.begin(), d.voorzieningen.end(),
                     [&](const Inburgeringsvoorziening& v) {
                       return v.datum_start <= datum && (!v.datum_einde || *v.datum_einde >= datum);
                     });
}

// A temporary exemption (by DUO or the municipality) running on `datum`.
bool IsLopendTijdelijk(const Vrijstelling& v, Date datum) {
  return v.soort == SoortVrijstelling::kTijdelijk && v.datum_start <= datum &&
         (!v.datum_einde || *v.datum_einde >= datum);
}

Vrijstelling* LopendeTijdelijkeVrijstelling(Dossier& d, Date datum) {
  for (Vrijstelling& v : d.vrijstellingen)
    if (IsLopendTijdelijk(v, datum)) return &v;
  return nullptr;
}

bool HeeftLopendeTijdelijkeVrijstelling(const Dossier& d, Date datum) {
  return std::any_of(d.vrijstellingen.begin(), d.vrijstellingen.end(),
                     [&](const Vrijstelling& v) { return IsLopendTijdelijk(v, datum); });
}

// Lived in the Netherlands for eight years during compulsory school age (5 to 16): settled here
// by the age of eight (SS033).
bool AchtJaarInNederlandTijdensLeerplicht(const Dossier& d) {
  const auto& vestiging = d.persoonsgegevens.datum_vestiging_in_nederland;
  return vestiging && *vestiging <= d.kop.geboortedatum.AddYears(8);
}

bool GelijkAdres(const Adres& a, const Adres& b) {
  return a.postcode == b.postcode && a.woonplaats == b.woonplaats && a.straatnaam == b.straatnaam &&
         a.huisnummer == b.huisnummer && a.huisnummertoevoeging == b.huisnummertoevoeging &&
         a.huisnummeraanduiding == b.huisnummeraanduiding &&
         a.locatieomschrijving == b.locatieomschrijving;
}

// The data WijzigingPersoonsgegevens can change differ between a and b.
bool PersoonsOfAdresgegevensAnders(const Dossier& a, const Dossier& b) {
  const auto& pa = a.persoonsgegevens;
  const auto& pb = b.persoonsgegevens;
  return a.kop.naam.voornamen != b.kop.naam.voornamen ||
         a.kop.naam.voorvoegsels != b.kop.naam.voorvoegsels ||
         a.kop.naam.achternaam != b.kop.naam.achternaam || pa.geslacht != pb.geslacht ||
         pa.geboorteland != pb.geboorteland || pa.geboorteplaats != pb.geboorteplaats ||
         pa.datum_vestiging_in_nederland != pb.datum_vestiging_in_nederland ||
         pa.code_geheim != pb.code_geheim || !GelijkAdres(pa.adres, pb.adres);
}

Adres AdresUit(const Mutatie& m) {
  Adres a;
  a.postcode = m.OptTekst(Veld::kPostcode);
  a.woonplaats = m.OptTekst(Veld::kWoonplaats);
  a.straatnaam = m.OptTekst(Veld::kStraatnaam);
  a.huisnummer = m.Int(Veld::kHuisnummer);
  a.huisnummertoevoeging = m.OptTekst(Veld::kHuisnummertoevoeging);
  a.huisnummeraanduiding = m.OptTekst(Veld::kHuisnummeraanduiding);
  a.locatieomschrijving = m.OptTekst(Veld::kLocatieomschrijving);
  return a;
}

// Refuses a municipality that cannot be a place of residence.
Status ControleerWoongemeente(const std::string& gemeente, const RegelContext& ctx) {
  if (gemeente == kRni) {
    return Weiger("gemeente 1999 (RNI) is geen woongemeente; lever VertrekBuitenland");
  }
  if (!ctx.gemeente_bekend || !ctx.gemeente_bekend(gemeente)) {
    return Weiger("onbekende gemeente " + gemeente);
  }
  return Status::Ok();
}

// Registers the inburgeringsdiploma (seed 003 "Combinatie inburgeringsplicht en
// inburgeringsdiploma": the plicht indication stays as it was; the person becomes "gewezen
// inburgeringsplichtig"). An open exam application is done with.
void ZetDiploma(Dossier& d, Date datum, NiveauDiploma niveau,
                std::optional<IndicatieGeslaagd> geslaagd) {
  Examens& x = d.examens;
  x.inburgeringsdiploma_behaald = true;
  x.datum_diploma_behaald = datum;
  x.diploma_gemeente = GemeenteVan(d);
  x.indicatie_geslaagd = geslaagd;
  x.examenaanvraag = ExamenaanvraagKader::kGeenExamenaanvraag;
  d.persoonsgegevens.indicatie_diploma_behaald = true;
  d.persoonsgegevens.niveau_inburgeringsdiploma = niveau;
  d.persoonsgegevens.examenaanvraag_aanwezig = ExamenaanvraagKader::kGeenExamenaanvraag;
}

// After a new exam result or partial exemption: the diploma when all parts are now passed or
// exempted.
void ControleerDiploma(Dossier& d) {
  if (HeeftDiploma(d)) return;
  std::optional<Diplomauitslag> u = BepaalDiploma(d);
  if (!u) return;
  const IndicatieGeslaagd geslaagd =
      u->herkansing ? (u->met_vrijstelling ? IndicatieGeslaagd::kMetHerkansingEnVrijstelling
                                           : IndicatieGeslaagd::kMetHerkansingZonderVrijstelling)
                    : (u->met_vrijstelling ? IndicatieGeslaagd::kZonderHerkansingMetVrijstelling
                                           : IndicatieGeslaagd::kZonderHerkansingEnVrijstelling);
  ZetDiploma(d, u->datum, u->niveau, geslaagd);
  d.examens.deelgenomen_volledig_examen = true;
  d.examens.gemeente_volledige_deelname = GemeenteVan(d);
}

// ---------------------------------------------------------------------------------------------
// Table 1: what each mutation kind changes in ISI.
//
// Each function checks the mutation against the person and changes `p` (a copy; it is thrown
// away when the function refuses). General refusals (unknown, deceased or purged person, date
// after the peildatum, wrong A-nummer) are checked before, in PasMutatieToe.

using Toepassing = Status (*)(const Mutatie& m, PersoonToestand& p, const RegelContext& ctx);

struct Mutatieregel {
  MutatieSoort soort;
  const char* wijziging;  // what changes in ISI
  const char* weigering;  // the kind's own reasons to refuse
  Toepassing toepassen;
};

Status Verhuizing(const Mutatie& m, PersoonToestand& p, const RegelContext& ctx) {
  Dossier& d = p.dossier;
  const std::string& naar = *m.Tekst(Veld::kGemeente);
  if (d.kop.woongemeente == kRni) {
    return Weiger("persoon woont in het buitenland; lever VestigingUitBuitenland");
  }
  if (naar == d.kop.woongemeente) {
    return Weiger("verhuizing binnen de gemeente; lever WijzigingPersoonsgegevens met het adres");
  }
  if (Status s = ControleerWoongemeente(naar, ctx); !s.ok()) return s;
  d.kop.woongemeente = naar;
  d.kop.vorige_woongemeente.reset();
  d.persoonsgegevens.adres = AdresUit(m);
  d.persoonsgegevens.indicatie_betrouwbaar_adres = true;
  return Status::Ok();
}

Status VertrekBuitenland(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  Dossier& d = p.dossier;
  if (d.kop.woongemeente == kRni) return Weiger("persoon woont al in het buitenland (RNI)");
  d.kop.vorige_woongemeente = d.kop.woongemeente;
  d.kop.woongemeente = kRni;
  d.persoonsgegevens.adres = Adres{};
  d.persoonsgegevens.indicatie_betrouwbaar_adres.reset();
  d.persoonsgegevens.datum_vertrek_uit_nederland = m.datum;
  return Status::Ok();
}

Status VestigingUitBuitenland(const Mutatie& m, PersoonToestand& p, const RegelContext& ctx) {
  Dossier& d = p.dossier;
  const std::string& naar = *m.Tekst(Veld::kGemeente);
  if (d.kop.woongemeente != kRni) return Weiger("persoon woont niet in het buitenland");
  if (Status s = ControleerWoongemeente(naar, ctx); !s.ok()) return s;
  d.kop.woongemeente = naar;
  d.kop.vorige_woongemeente.reset();
  d.persoonsgegevens.adres = AdresUit(m);
  d.persoonsgegevens.indicatie_betrouwbaar_adres = true;
  d.persoonsgegevens.datum_vertrek_uit_nederland.reset();
  return Status::Ok();
}

Status Overlijden(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  p.dossier.persoonsgegevens.datum_overlijden = m.datum;
  Schoon(&p);
  return Status::Ok();
}

Status WijzigingGeboortedatum(const Mutatie& m, PersoonToestand& p, const RegelContext& ctx) {
  const Date nieuw = *m.DatumVan(Veld::kGeboortedatum);
  if (nieuw > ctx.peildatum) return Weiger("nieuwe geboortedatum ligt na de peildatum");
  p.dossier.kop.geboortedatum = nieuw;
  p.dossier.persoonsgegevens.geboortedatum = nieuw;
  return Status::Ok();
}

Status WijzigingNationaliteit(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  std::optional<std::string> n1 = m.OptTekst(Veld::kNationaliteit1);
  std::optional<std::string> n2 = m.OptTekst(Veld::kNationaliteit2);
  if (n1 == n2) return Weiger("Nationaliteit1 en Nationaliteit2 zijn gelijk");
  p.dossier.persoonsgegevens.nationaliteit1 = std::move(n1);
  p.dossier.persoonsgegevens.nationaliteit2 = std::move(n2);
  return Status::Ok();
}

// Lawful residence gained after 2007-01-01 by someone who lived here on that date without it
// makes the person a nieuwkomer from that date (SS060).
Status WijzigingVerblijfsrecht(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  Persoonsgegevens& pg = p.dossier.persoonsgegevens;
  const bool rechtmatig = *m.Bool(Veld::kRechtmatigVerblijf);
  const bool was_rechtmatig = pg.indicatie_rechtmatig_verblijf.value_or(false);
  const Date sinds = m.DatumVan(Veld::kDatumBeslissing).value_or(m.datum);
  if (rechtmatig && !was_rechtmatig && pg.datum_vestiging_in_nederland &&
      *pg.datum_vestiging_in_nederland < kWi2007 && sinds >= kWi2007 &&
      p.dossier.wet == Wet::kWi2007) {
    p.dossier.indicatie.categorie = Categorie::kNieuwkomer;
  }
  pg.indicatie_rechtmatig_verblijf = rechtmatig;
  if (m.Heeft(Veld::kDatumBeslissing)) pg.datum_beslissing_verblijfsrecht = sinds;
  return Status::Ok();
}

Status WijzigingAsielindicatie(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  p.dossier.persoonsgegevens.indicatie_asielgerechtigd = *m.Bool(Veld::kAsielgerechtigd);
  return Status::Ok();
}

Status WijzigingPersoonsgegevens(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  Dossier& d = p.dossier;
  Persoonsgegevens& pg = d.persoonsgegevens;
  if (m.Heeft(Veld::kAdres) && d.kop.woongemeente == kRni) {
    return Weiger("persoon woont in het buitenland; een adres hoort bij VestigingUitBuitenland");
  }
  if (auto v = m.OptTekst(Veld::kVoornamen)) d.kop.naam.voornamen = *v;
  if (auto v = m.OptTekst(Veld::kVoorvoegsels)) d.kop.naam.voorvoegsels = *v;
  if (auto v = m.OptTekst(Veld::kAchternaam)) d.kop.naam.achternaam = *v;
  if (auto v = m.Enum<Geslacht>(Veld::kGeslacht)) pg.geslacht = *v;
  if (auto v = m.OptTekst(Veld::kGeboorteland)) pg.geboorteland = *v;
  if (auto v = m.OptTekst(Veld::kGeboorteplaats)) pg.geboorteplaats = *v;
  if (auto v = m.DatumVan(Veld::kDatumVestigingInNederland)) pg.datum_vestiging_in_nederland = *v;
  if (auto v = m.Enum<CodeGeheim>(Veld::kCodeGeheim)) pg.code_geheim = *v;
  if (m.Heeft(Veld::kAdres)) pg.adres = AdresUit(m);
  return Status::Ok();
}

Status VerblijfsdoelIND(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  p.dossier.persoonsgegevens.indicatie_verblijfsdoel = *m.Enum<Verblijfsdoel>(Veld::kVerblijfsdoel);
  return Status::Ok();
}

// A person ISI does not know yet is added (ISI actief, Wi2007, nieuwkomer); a known person is
// marked nieuwkomer. The person data of a known person stay as the GBA delivered them.
Status NieuwkomerIND(const Mutatie& m, PersoonToestand& p, const RegelContext& ctx) {
  if (p.bestaat) {
    p.dossier.indicatie.categorie = Categorie::kNieuwkomer;
    return Status::Ok();
  }
  for (Veld v : {Veld::kAchternaam, Veld::kGeboortedatum, Veld::kGeslacht, Veld::kGemeente}) {
    if (!m.Heeft(v)) {
      return Weiger(std::string("onbekende persoon: een nieuwkomer die ISI nog niet kent heeft ") +
                    Token(v) + " nodig");
    }
  }
  const std::string& gemeente = *m.Tekst(Veld::kGemeente);
  if (Status s = ControleerWoongemeente(gemeente, ctx); !s.ok()) return s;
  if (m.anummer && ctx.anummer_in_gebruik && ctx.anummer_in_gebruik(*m.anummer)) {
    return Weiger("A-nummer is al van een andere persoon");
  }
  const Date geboren = *m.DatumVan(Veld::kGeboortedatum);
  if (geboren > m.datum) return Weiger("geboortedatum ligt na de datum van de mutatie");
  Dossier d;
  d.kop.bsn = m.bsn;
  d.kop.anummer = m.anummer;
  d.kop.naam.voornamen = m.OptTekst(Veld::kVoornamen).value_or("");
  d.kop.naam.voorvoegsels = m.OptTekst(Veld::kVoorvoegsels).value_or("");
  d.kop.naam.achternaam = *m.Tekst(Veld::kAchternaam);
  d.kop.geboortedatum = geboren;
  d.kop.herkomst = Herkomst::kIsiActief;
  d.kop.woongemeente = gemeente;
  Persoonsgegevens& pg = d.persoonsgegevens;
  pg.geboortedatum = geboren;
  pg.geslacht = *m.Enum<Geslacht>(Veld::kGeslacht);
  pg.geboorteland = m.OptTekst(Veld::kGeboorteland);
  pg.nationaliteit1 = m.OptTekst(Veld::kNationaliteit1);
  if (m.Heeft(Veld::kAdres)) {
    pg.adres = AdresUit(m);
    pg.indicatie_betrouwbaar_adres = true;
  }
  pg.datum_vestiging_in_nederland = m.DatumVan(Veld::kDatumVestigingInNederland).value_or(m.datum);
  pg.indicatie_rechtmatig_verblijf = true;
  d.indicatie.categorie = Categorie::kNieuwkomer;
  d.wet = Wet::kWi2007;
  p = PersoonToestand{};
  p.bestaat = true;
  p.dossier = std::move(d);
  return Status::Ok();
}

Status EindeInschrijving(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  Vrijstelling* v = LopendeTijdelijkeVrijstelling(p.dossier, m.datum);
  if (v == nullptr) return Weiger("persoon heeft geen lopende tijdelijke vrijstelling");
  v->datum_einde = m.datum;
  return Status::Ok();
}

Status DiplomaDUO(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  Dossier& d = p.dossier;
  switch (*m.Enum<Diplomasoort>(Veld::kDiplomasoort)) {
    case Diplomasoort::kInburgeringsdiploma:
      if (HeeftDiploma(d)) return Weiger("inburgeringsdiploma is al geregistreerd");
      ZetDiploma(d, m.datum, m.Enum<NiveauDiploma>(Veld::kNiveau).value_or(NiveauDiploma::kA2),
                 std::nullopt);
      return Status::Ok();
    case Diplomasoort::kStaatsexamenNt2:
    case Diplomasoort::kVrijstellendDiploma:
      if (DoorGemeenteVrijgesteld(d)) {
        return Weiger(
            "de gemeente heeft de persoon zelf geheel vrijgesteld; DUO verwerkt het "
            "diploma dan niet automatisch (handleiding ISI, Registratie NT2-diploma)");
      }
      if (d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo) {
        return Weiger("persoon is al geheel vrijgesteld door DUO");
      }
      d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo = true;
      if (*m.Enum<Diplomasoort>(Veld::kDiplomasoort) == Diplomasoort::kStaatsexamenNt2) {
        d.examens.volledige_deelname_nt2 = VolledigeDeelnameNt2::kVoorAlleOnderdelenGeslaagd;
        d.examens.datum_volledige_deelname_nt2 = m.datum;
        d.examens.gemeente_volledige_deelname_nt2 = GemeenteVan(d);
      }
      return Status::Ok();
  }
  return Status::Ok();
}

Status Examenuitslag(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  Dossier& d = p.dossier;
  Examenonderdeel x;
  x.examen = *m.Enum<Examen>(Veld::kExamen);
  if (x.examen == Examen::kKorteVrijstellingstoets) {
    return Weiger("de korte vrijstellingstoets wordt geleverd als KorteVrijstellingstoets");
  }
  x.niveau = m.Enum<ExamenNiveau>(Veld::kExamenniveau);
  x.uitslag = *m.Enum<Uitslag>(Veld::kUitslag);
  x.profiel = m.OptTekst(Veld::kProfiel);
  x.variant = m.OptTekst(Veld::kVariant);
  x.datum_deelname = m.datum;
  if (x.uitslag == Uitslag::kGeslaagd) x.gemeente_behaald = GemeenteVan(d);
  for (const Examenonderdeel& y : d.examens.onderdelen) {
    if (y.examen == x.examen && y.datum_deelname == x.datum_deelname && y.uitslag == x.uitslag) {
      return Weiger("deze uitslag is al verwerkt");
    }
  }
  d.examens.onderdelen.push_back(std::move(x));
  ControleerDiploma(d);
  return Status::Ok();
}

Status Examenaanmelding(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  const ExamenaanvraagKader kader = *m.Enum<ExamenaanvraagKader>(Veld::kKader);
  p.dossier.examens.examenaanvraag = kader;
  p.dossier.persoonsgegevens.examenaanvraag_aanwezig = kader;
  if (auto profiel = m.OptTekst(Veld::kProfiel)) p.profiel_laatste_aanmelding = *profiel;
  return Status::Ok();
}

Status KorteVrijstellingstoets(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  Dossier& d = p.dossier;
  if (d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo) {
    return Weiger("persoon is al geheel vrijgesteld door DUO");
  }
  if (DoorGemeenteVrijgesteld(d))
    return Weiger("de gemeente heeft de persoon al geheel vrijgesteld");
  Examenonderdeel x;
  x.examen = Examen::kKorteVrijstellingstoets;
  x.uitslag = Uitslag::kGeslaagd;
  x.datum_deelname = m.datum;
  x.gemeente_behaald = GemeenteVan(d);
  d.examens.onderdelen.push_back(std::move(x));
  d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo = true;
  return Status::Ok();
}

// A DUO partial exemption cannot be overwritten, only exceeded (seed 003 "Vrijstelling door
// DUO"): the same exemption twice is refused, a new one is added beside the old.
Status GedeeltelijkeVrijstelling(const Mutatie& m, PersoonToestand& p, const RegelContext&) {
  Dossier& d = p.dossier;
  Vrijstelling v;
  v.soort = SoortVrijstelling::kGedeeltelijk;
  v.door = VrijstellingDoor::kDuo;
  v.datum_start = m.datum;
  v.examenonderdeel = m.Enum<VrijgesteldExamenonderdeel>(Veld::kExamenonderdeel);
  v.niveau = m.Enum<NiveauDiploma>(Veld::kNiveau);
  for (const Vrijstelling& w : d.vrijstellingen) {
    if (w.soort == v.soort && w.examenonderdeel == v.examenonderdeel && w.niveau == v.niveau) {
      return Weiger("deze gedeeltelijke vrijstelling is al geregistreerd");
    }
  }
  d.vrijstellingen.push_back(std::move(v));
  ControleerDiploma(d);
  return Status::Ok();
}

const Mutatieregel kMutatieregels[] = {
    // --- GBA (BRP) ---
    {MutatieSoort::kVerhuizing,
     "woongemeente wordt de nieuwe gemeente, met het nieuwe adres (betrouwbaar); handhaving en "
     "voorzieningen blijven zoals ze zijn (handleiding ISI: de nieuwe gemeente mag de voorziening "
     "van de oude niet wijzigen)",
     "persoon woont in het buitenland; zelfde gemeente; gemeente 1999 of onbekend", Verhuizing},
    {MutatieSoort::kVertrekBuitenland,
     "woongemeente wordt 1999 (RNI), vorige woongemeente de oude; adres vervalt; datum vertrek "
     "uit Nederland is de datum van de mutatie (het land wordt niet in ISI bewaard)",
     "persoon woont al in het buitenland", VertrekBuitenland},
    {MutatieSoort::kVestigingUitBuitenland,
     "woongemeente wordt de gemeente van vestiging, met het adres; vorige woongemeente en datum "
     "vertrek vervallen",
     "persoon woont niet in het buitenland; gemeente 1999 of onbekend", VestigingUitBuitenland},
    {MutatieSoort::kOverlijden,
     "datum overlijden; daarna worden de persoonsgegevens geschoond (Schoon): de persoon is niet "
     "meer zichtbaar, alleen BSN, wet en overlijden blijven voor 'Onder welke wet'",
     "-", Overlijden},
    {MutatieSoort::kWijzigingGeboortedatum, "geboortedatum (kop en persoonsgegevens)",
     "nieuwe geboortedatum na de peildatum", WijzigingGeboortedatum},
    {MutatieSoort::kWijzigingNationaliteit,
     "nationaliteit 1 en 2 (zonder Nationaliteit2 vervalt de tweede)",
     "beide nationaliteiten gelijk", WijzigingNationaliteit},
    {MutatieSoort::kWijzigingVerblijfsrecht,
     "indicatie rechtmatig verblijf (en datum beslissing); wie op 1-1-2007 hier woonde zonder "
     "rechtmatig verblijf en het daarna kreeg, wordt nieuwkomer",
     "-", WijzigingVerblijfsrecht},
    {MutatieSoort::kWijzigingAsielindicatie,
     "indicatie asielgerechtigd (persoonsgegevens; de indicatie van de gemeente blijft)", "-",
     WijzigingAsielindicatie},
    {MutatieSoort::kWijzigingPersoonsgegevens,
     "de geleverde velden: naam, geslacht, geboorteland en -plaats, datum vestiging, code "
     "geheim, adres binnen de gemeente",
     "adres voor een persoon in het buitenland", WijzigingPersoonsgegevens},
    // --- IND ---
    {MutatieSoort::kVerblijfsdoel, "indicatie verblijfsdoel (permanent of tijdelijk)", "-",
     VerblijfsdoelIND},
    {MutatieSoort::kNieuwkomer,
     "een persoon die ISI nog niet kent wordt opgenomen (ISI actief, Wi2007, nieuwkomer); een "
     "bekende persoon wordt nieuwkomer",
     "onbekende persoon zonder achternaam, geboortedatum, geslacht of gemeente; A-nummer van een "
     "ander",
     NieuwkomerIND},
    // --- DUO ---
    {MutatieSoort::kEindeInschrijving,
     "de lopende tijdelijke vrijstelling eindigt op de datum van de mutatie",
     "geen lopende tijdelijke vrijstelling", EindeInschrijving},
    {MutatieSoort::kDiploma,
     "inburgeringsdiploma: diploma behaald (datum, niveau); staatsexamen NT2 of vrijstellend "
     "diploma: gehele vrijstelling door DUO (NT2 ook: volledige deelname NT2 geslaagd)",
     "diploma al geregistreerd; al geheel vrijgesteld; door de gemeente zelf vrijgesteld",
     DiplomaDUO},
    {MutatieSoort::kExamenuitslag,
     "examenonderdeel met uitslag; zijn daarmee alle onderdelen behaald of vrijgesteld, dan het "
     "inburgeringsdiploma",
     "dezelfde uitslag al verwerkt; korte vrijstellingstoets als examenuitslag", Examenuitslag},
    {MutatieSoort::kExamenaanmelding,
     "examenaanvraag aanwezig i.h.k.v. het kader; het profiel wordt onthouden (SS062)", "-",
     Examenaanmelding},
    {MutatieSoort::kKorteVrijstellingstoets,
     "examenonderdeel korte vrijstellingstoets geslaagd; gehele vrijstelling door DUO",
     "al geheel vrijgesteld", KorteVrijstellingstoets},
    {MutatieSoort::kGedeeltelijkeVrijstelling,
     "gedeeltelijke vrijstelling door DUO; zijn daarmee alle onderdelen behaald of vrijgesteld, "
     "dan het inburgeringsdiploma",
     "dezelfde vrijstelling al geregistreerd", GedeeltelijkeVrijstelling},
};

const Mutatieregel* RegelVoor(MutatieSoort soort) {
  for (const Mutatieregel& r : kMutatieregels)
    if (r.soort == soort) return &r;
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Table 2: the signals a mutation raises.
//
// A row raises its signal when the mutation was applied and `geldt` holds for the person
// before (voor) and after (na) it. The signal goes to GemeenteVan(na).

struct Feit {
  const Mutatie& m;
  const PersoonToestand& voor;
  const PersoonToestand& na;
  const RegelContext& ctx;
  const Dossier& v() const { return voor.dossier; }
  const Dossier& n() const { return na.dossier; }
};

struct Signaalregel {
  const char* code;
  MutatieSoort bij;
  const char* voorwaarde;  // in words
  bool (*geldt)(const Feit&);
  const char* oorzaak;  // seed 000 §3.7, "Oorzaak"
};

bool Altijd(const Feit&) { return true; }

// Settled here again within a year of leaving (SS010); after longer, or without a known date of
// departure, the person simply moved into the municipality (SS001).
bool BinnenJaarTerug(const Feit& f) {
  const auto& vertrek = f.v().persoonsgegevens.datum_vertrek_uit_nederland;
  return vertrek && f.m.datum <= vertrek->AddYears(1);
}

bool WordtNieuwkomer(const Feit& f) {
  return !f.voor.bestaat || (f.v().indicatie.categorie != Categorie::kNieuwkomer &&
                             f.n().indicatie.categorie == Categorie::kNieuwkomer);
}

bool HeeftCvs(const Feit& f) { return f.ctx.heeft_cvs && f.ctx.heeft_cvs(GemeenteVan(f.n())); }

bool VrijwilligerWordtAchtJaar(const Feit& f) {
  return IsVrijwillig(f.n()) && AchtJaarInNederlandTijdensLeerplicht(f.n()) &&
         !AchtJaarInNederlandTijdensLeerplicht(f.v());
}

bool IsVrijstellendDiploma(const Feit& f) {
  return f.m.Enum<Diplomasoort>(Veld::kDiplomasoort) != Diplomasoort::kInburgeringsdiploma;
}

bool DiplomaDoorDezeMutatie(const Feit& f) { return !HeeftDiploma(f.v()) && HeeftDiploma(f.n()); }

bool AanmeldingBijVoorziening(const Feit& f) { return HeeftLopendeVoorziening(f.n(), f.m.datum); }

const Signaalregel kSignaalregels[] = {
    // --- GBA (BRP) ---
    {"SS001", MutatieSoort::kVerhuizing, "altijd (voor de nieuwe gemeente)", Altijd,
     "De persoon is intergemeentelijk verhuisd en heeft zich bij uw gemeente ingeschreven. De "
     "persoon staat in ISI geregistreerd."},
    {"SS001", MutatieSoort::kVestigingUitBuitenland,
     "vertrek uit Nederland meer dan een jaar geleden of onbekend (binnen een jaar: SS010); "
     "interpretatie: de persoon is in uw gemeente komen wonen",
     [](const Feit& f) { return !BinnenJaarTerug(f); },
     "De persoon is intergemeentelijk verhuisd en heeft zich bij uw gemeente ingeschreven. De "
     "persoon staat in ISI geregistreerd."},
    {"SS010", MutatieSoort::kVestigingUitBuitenland, "gevestigd binnen een jaar na vertrek",
     BinnenJaarTerug,
     "De persoon heeft zich volgens de GBA binnen een jaar na vertrek uit Nederland in uw gemeente "
     "gevestigd."},
    {"SS011", MutatieSoort::kVertrekBuitenland,
     "altijd (voor de gemeente die de persoon verlaat: hij blijft daar gewezen ingezetene)", Altijd,
     "De persoon heeft zich volgens de GBA buiten Nederland gevestigd."},
    {"SS008", MutatieSoort::kOverlijden, "altijd; daarna worden de gegevens geschoond", Altijd,
     "De persoon is volgens de GBA overleden."},
    {"SS009", MutatieSoort::kWijzigingGeboortedatum, "de geboortedatum is echt anders",
     [](const Feit& f) { return f.v().kop.geboortedatum != f.n().kop.geboortedatum; },
     "De persoon heeft volgens de GBA een gewijzigde geboortedatum die mogelijk van invloed is op "
     "de inburgeringsplicht."},
    {"SS033", MutatieSoort::kWijzigingGeboortedatum,
     "vrijwillig inburgeraar die hierdoor acht jaar in NL woonde tussen 5 en 16 jaar (gevestigd "
     "uiterlijk op zijn achtste)",
     VrijwilligerWordtAchtJaar,
     "Persoon heeft volgens de GBA gedurende acht jaar in NL gewoond tijdens de leerplichtige "
     "leeftijd. Dit is mogelijk van invloed op de status van de vrijwillige inburgeraar."},
    {"SS012", MutatieSoort::kWijzigingNationaliteit, "een nationaliteit is echt anders",
     [](const Feit& f) {
       const auto& a = f.v().persoonsgegevens;
       const auto& b = f.n().persoonsgegevens;
       return a.nationaliteit1 != b.nationaliteit1 || a.nationaliteit2 != b.nationaliteit2;
     },
     "De persoon heeft volgens de GBA een gewijzigde nationaliteit die mogelijk van invloed kan "
     "zijn op de inburgeringsplicht."},
    {"SS003", MutatieSoort::kWijzigingVerblijfsrecht,
     "rechtmatig verblijf gaat van nee (of onbekend) naar ja, of van ja naar nee",
     [](const Feit& f) {
       return f.v().persoonsgegevens.indicatie_rechtmatig_verblijf.value_or(false) !=
              f.n().persoonsgegevens.indicatie_rechtmatig_verblijf.value_or(false);
     },
     "De persoon was onrechtmatig en is nu rechtmatig in Nederland. Of de persoon was rechtmatig "
     "en is nu onrechtmatig in Nederland."},
    {"SS060", MutatieSoort::kWijzigingVerblijfsrecht,
     "de persoon is hierdoor nieuwkomer geworden (woonde hier op 1-1-2007 zonder rechtmatig "
     "verblijf, rechtmatig sinds 1-1-2007 of later)",
     WordtNieuwkomer,
     "Persoon verbleef op 1 januari 2007 in Nederland en stond in BPI, maar had toen geen "
     "rechtmatig verblijf. Inmiddels verblijft de persoon hier rechtmatig. De persoon is per de "
     "datum van het rechtmatig verblijf nieuwkomer en is als zodanig opgenomen in ISI."},
    {"SS015", MutatieSoort::kWijzigingAsielindicatie, "de indicatie is echt anders",
     [](const Feit& f) {
       return f.v().persoonsgegevens.indicatie_asielgerechtigd !=
              f.n().persoonsgegevens.indicatie_asielgerechtigd;
     },
     "De persoon heeft volgens de GBA een gewijzigde verblijfstitel."},
    {"SS052", MutatieSoort::kWijzigingPersoonsgegevens, "een geleverd gegeven is echt anders",
     [](const Feit& f) { return PersoonsOfAdresgegevensAnders(f.v(), f.n()); },
     "Persoons- en/of adresgegevens zijn volgens de GBA gewijzigd."},
    {"SS033", MutatieSoort::kWijzigingPersoonsgegevens,
     "vrijwillig inburgeraar die hierdoor acht jaar in NL woonde tussen 5 en 16 jaar (gevestigd "
     "uiterlijk op zijn achtste)",
     VrijwilligerWordtAchtJaar,
     "Persoon heeft volgens de GBA gedurende acht jaar in NL gewoond tijdens de leerplichtige "
     "leeftijd. Dit is mogelijk van invloed op de status van de vrijwillige inburgeraar."},
    // --- IND ---
    {"SS002", MutatieSoort::kVerblijfsdoel, "het verblijfsdoel wordt tijdelijk",
     [](const Feit& f) {
       return f.n().persoonsgegevens.indicatie_verblijfsdoel == Verblijfsdoel::kTijdelijkVerblijf &&
              f.v().persoonsgegevens.indicatie_verblijfsdoel != Verblijfsdoel::kTijdelijkVerblijf;
     },
     "IND heeft een wijziging doorgegeven van het verblijfsdoel van de persoon."},
    {"SS050", MutatieSoort::kVerblijfsdoel,
     "het verblijfsdoel wordt permanent en de persoon is (nog) niet inburgeringsplichtig "
     "(handleiding ISI: bij permanent verblijfsdoel kan de gemeente hem inburgeringsplichtig "
     "maken)",
     [](const Feit& f) {
       return f.n().persoonsgegevens.indicatie_verblijfsdoel == Verblijfsdoel::kPermanentVerblijf &&
              f.v().persoonsgegevens.indicatie_verblijfsdoel != Verblijfsdoel::kPermanentVerblijf &&
              f.n().indicatie.inburgeringsplichtig != true;
     },
     "Op basis van wijzigingen in GBA- of IND-gegevens is de persoon mogelijk inburgeringsplichtig "
     "geworden."},
    {"SS064", MutatieSoort::kNieuwkomer,
     "de persoon is nieuw in ISI opgenomen, of was nog geen nieuwkomer", WordtNieuwkomer,
     "De IND heeft de persoon aangemerkt als nieuwkomer en is als zodanig opgenomen in ISI."},
    // --- DUO ---
    {"SS005", MutatieSoort::kEindeInschrijving, "de persoon heeft geen inburgeringsdiploma",
     [](const Feit& f) { return !HeeftDiploma(f.n()); },
     "De persoon staat niet meer ingeschreven in het register bij DUO en volgt dus geen "
     "onderwijs. De persoon is daarmee potentieel inburgeringsplichtig geworden."},
    {"SS006", MutatieSoort::kDiploma,
     "staatsexamen NT2 of vrijstellend diploma, en geen vrijwillig inburgeraar",
     [](const Feit& f) { return IsVrijstellendDiploma(f) && !IsVrijwillig(f.n()); },
     "De persoon is volgens DUO in het bezit van een vrijstellend diploma."},
    {"SS031", MutatieSoort::kDiploma,
     "staatsexamen NT2 of vrijstellend diploma, voor een vrijwillig inburgeraar",
     [](const Feit& f) { return IsVrijstellendDiploma(f) && IsVrijwillig(f.n()); },
     "De persoon is volgens DUO in het bezit van een diploma die van invloed kan zijn op de status "
     "van de vrijwillige inburgeraar."},
    {"SS016", MutatieSoort::kDiploma, "inburgeringsdiploma", DiplomaDoorDezeMutatie,
     "Persoon is geslaagd of (gedeeltelijk) vrijgesteld voor alle onderdelen van het "
     "inburgeringsexamen en is daarmee niet meer inburgeringsplichtig."},
    {"SS016", MutatieSoort::kExamenuitslag,
     "met deze uitslag zijn alle onderdelen behaald of vrijgesteld", DiplomaDoorDezeMutatie,
     "Persoon is geslaagd of (gedeeltelijk) vrijgesteld voor alle onderdelen van het "
     "inburgeringsexamen en is daarmee niet meer inburgeringsplichtig."},
    {"SS065", MutatieSoort::kExamenuitslag, "de gemeente heeft een cliëntvolgsysteem", HeeftCvs,
     "Het signaal wordt verstrekt naar aanleiding van het deelnemen aan 1 of meerdere "
     "inburgeringsexamens of na toekenning van een gedeeltelijke vrijstelling door DUO."},
    {"SS061", MutatieSoort::kExamenaanmelding,
     "lopende inburgeringsvoorziening en een gedeeltelijke vrijstelling voor dit examen",
     [](const Feit& f) {
       return AanmeldingBijVoorziening(f) &&
              IsVrijgesteldVoor(f.n(), *f.m.Enum<Examen>(Veld::kExamen));
     },
     "De persoon hoeft het betreffende examen niet af te leggen, in verband met een gedeeltelijke "
     "vrijstelling, zoals geregistreerd staat bij DUO."},
    {"SS062", MutatieSoort::kExamenaanmelding,
     "lopende inburgeringsvoorziening en een ander profiel dan bij de vorige aanmelding",
     [](const Feit& f) {
       const auto profiel = f.m.OptTekst(Veld::kProfiel);
       return AanmeldingBijVoorziening(f) && profiel && f.voor.profiel_laatste_aanmelding &&
              *profiel != *f.voor.profiel_laatste_aanmelding;
     },
     "De persoon moet in het kader van zijn inburgeringsvoorziening een examen met een anders "
     "profiel doen dan waarvoor hij/zij zich heeft aangemeld."},
    {"SS017", MutatieSoort::kKorteVrijstellingstoets, "altijd", Altijd,
     "Persoon is geslaagd voor de korte vrijstellingstoets en is daarmee niet meer "
     "inburgeringsplichtig."},
    {"SS065", MutatieSoort::kGedeeltelijkeVrijstelling, "de gemeente heeft een cliëntvolgsysteem",
     HeeftCvs,
     "Het signaal wordt verstrekt naar aanleiding van het deelnemen aan 1 of meerdere "
     "inburgeringsexamens of na toekenning van een gedeeltelijke vrijstelling door DUO."},
    {"SS016", MutatieSoort::kGedeeltelijkeVrijstelling,
     "met deze vrijstelling zijn alle onderdelen behaald of vrijgesteld", DiplomaDoorDezeMutatie,
     "Persoon is geslaagd of (gedeeltelijk) vrijgesteld voor alle onderdelen van het "
     "inburgeringsexamen en is daarmee niet meer inburgeringsplichtig."},
};

// ---------------------------------------------------------------------------------------------
// Table 3: the signals a date raises.
//
// A row raises its signal for a person when its event date lies in (vorige, peildatum] and
// `geldt` holds on the peildatum; once per BSN, code and event date (the caller remembers).

struct Tijdregel {
  const char* code;
  const char* gebeurtenis;  // in words
  std::optional<Date> (*datum)(const Dossier&);
  const char* voorwaarde;  // in words
  bool (*geldt)(const Dossier&, const RegelContext&);
  const char* oorzaak;  // seed 000 §3.7, "Oorzaak"
};

// "De persoon staat in ISI en wordt door u gehandhaafd": ISI actief, alive, with a handhaving
// by the municipality the person is of. (After a move the new municipality is not handhavend
// until it registers its own handhaving; SS001 asked it to decide.)
bool DoorEigenGemeenteGehandhaafd(const Dossier& d, const RegelContext&) {
  return d.kop.herkomst == Herkomst::kIsiActief && !d.persoonsgegevens.datum_overlijden &&
         d.handhaving && d.handhaving->gehandhaafd_door_gemeente == GemeenteVan(d) &&
         !HeeftDiploma(d);
}

std::optional<Date> EindeTermijn(const Dossier& d) {
  if (!d.handhaving) return std::nullopt;
  return d.handhaving->einde_handhavingstermijn;
}

const Tijdregel kTijdregels[] = {
    {"SS004", "zes maanden vóór het einde van de (verlengde) handhavingstermijn",
     [](const Dossier& d) -> std::optional<Date> {
       if (!d.handhaving) return std::nullopt;
       return d.handhaving->einde_handhavingstermijn.AddMonths(-6);
     },
     "ISI actief, gehandhaafd door de eigen gemeente, geen diploma", DoorEigenGemeenteGehandhaafd,
     "De persoon staat in ISI en wordt door u gehandhaafd. Over zes maanden is de "
     "handhavingstermijn voor de persoon verstreken."},
    {"SS066", "einde van de (verlengde) handhavingstermijn", EindeTermijn,
     "ISI actief, gehandhaafd door de eigen gemeente, geen diploma", DoorEigenGemeenteGehandhaafd,
     "De persoon staat in ISI en wordt door u gehandhaafd. De handhavingstermijn voor de persoon "
     "is verstreken."},
    {"SS007", "18e verjaardag",
     [](const Dossier& d) -> std::optional<Date> { return d.kop.geboortedatum.AddYears(18); },
     "ISI actief, in leven, geen lopende tijdelijke vrijstelling, geen gehele vrijstelling door "
     "DUO en geen diploma",
     [](const Dossier& d, const RegelContext& ctx) {
       return d.kop.herkomst == Herkomst::kIsiActief && !d.persoonsgegevens.datum_overlijden &&
              !HeeftLopendeTijdelijkeVrijstelling(d, ctx.peildatum) &&
              !d.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo && !HeeftDiploma(d);
     },
     "De persoon is 18 jaar geworden. Volgens DUO heeft de persoon geen vrijstelling in verband "
     "met een opleiding of diploma."},
};

// Whether an applied mutation changed anything in ISI (else it is counted "zonder wijziging").
bool Gewijzigd(const Mutatie& m, const PersoonToestand& voor, const PersoonToestand& na) {
  const Dossier& a = voor.dossier;
  const Dossier& b = na.dossier;
  const auto& pa = a.persoonsgegevens;
  const auto& pb = b.persoonsgegevens;
  switch (m.soort) {
    case MutatieSoort::kWijzigingGeboortedatum:
      return a.kop.geboortedatum != b.kop.geboortedatum;
    case MutatieSoort::kWijzigingNationaliteit:
      return pa.nationaliteit1 != pb.nationaliteit1 || pa.nationaliteit2 != pb.nationaliteit2;
    case MutatieSoort::kWijzigingVerblijfsrecht:
      return pa.indicatie_rechtmatig_verblijf != pb.indicatie_rechtmatig_verblijf ||
             pa.datum_beslissing_verblijfsrecht != pb.datum_beslissing_verblijfsrecht ||
             a.indicatie.categorie != b.indicatie.categorie;
    case MutatieSoort::kWijzigingAsielindicatie:
      return pa.indicatie_asielgerechtigd != pb.indicatie_asielgerechtigd;
    case MutatieSoort::kWijzigingPersoonsgegevens:
      return PersoonsOfAdresgegevensAnders(a, b);
    case MutatieSoort::kVerblijfsdoel:
      return pa.indicatie_verblijfsdoel != pb.indicatie_verblijfsdoel;
    case MutatieSoort::kNieuwkomer:
      return !voor.bestaat || a.indicatie.categorie != b.indicatie.categorie;
    case MutatieSoort::kExamenaanmelding:
      return a.examens.examenaanvraag != b.examens.examenaanvraag ||
             voor.profiel_laatste_aanmelding != na.profiel_laatste_aanmelding;
    default:  // moves, death, DUO registrations: an applied one always changes something
      return true;
  }
}

// Refusals that hold for every kind.
Status AlgemeneWeigering(const Mutatie& m, const PersoonToestand& p, const RegelContext& ctx) {
  if (m.datum > ctx.peildatum) {
    return Status::InvalidArgument("datum " + m.datum.ToString() + " ligt na de peildatum " +
                                   ctx.peildatum.ToString());
  }
  if (!p.bestaat) {
    if (m.soort == MutatieSoort::kNieuwkomer) return Status::Ok();
    return Status::NotFound("onbekende persoon: BSN staat niet in ISI");
  }
  if (p.geschoond) return Weiger("persoon is overleden; de gegevens zijn geschoond");
  const Dossier& d = p.dossier;
  if (d.persoonsgegevens.datum_overlijden && m.soort != MutatieSoort::kOverlijden) {
    return Weiger("persoon is overleden");
  }
  if (m.anummer && d.kop.anummer && *m.anummer != *d.kop.anummer) {
    return Weiger("A-nummer hoort niet bij dit BSN");
  }
  if (m.datum < d.kop.geboortedatum && m.soort != MutatieSoort::kWijzigingGeboortedatum) {
    return Status::InvalidArgument("datum ligt vóór de geboortedatum");
  }
  return Status::Ok();
}

}  // namespace

std::string GemeenteVan(const Dossier& d) {
  if (d.kop.woongemeente == kRni && d.kop.vorige_woongemeente) return *d.kop.vorige_woongemeente;
  return d.kop.woongemeente;
}

void Schoon(PersoonToestand* p) {
  const Dossier& oud = p->dossier;
  Dossier d;
  d.kop.bsn = oud.kop.bsn;
  d.kop.naam = Naam{};
  d.kop.geboortedatum = Date{1800, 1, 1};
  d.kop.herkomst = Herkomst::kIsiDefinitief;
  d.kop.woongemeente = oud.kop.woongemeente;
  d.kop.vorige_woongemeente = oud.kop.vorige_woongemeente;
  d.persoonsgegevens.geboortedatum = Date{1800, 1, 1};
  d.persoonsgegevens.datum_overlijden = oud.persoonsgegevens.datum_overlijden;
  d.wet = oud.wet;
  d.versie = oud.versie;
  p->dossier = std::move(d);
  p->geschoond = true;
  p->profiel_laatste_aanmelding.reset();
}

MutatieUitkomst PasMutatieToe(const Mutatie& m, PersoonToestand* p, const RegelContext& ctx) {
  MutatieUitkomst uit;
  const Mutatieregel* regel = RegelVoor(m.soort);
  if (regel == nullptr) {
    uit.status = Status::InvalidArgument("onbekende mutatiesoort");
    return uit;
  }
  if (Status s = AlgemeneWeigering(m, *p, ctx); !s.ok()) {
    uit.status = s;
    return uit;
  }
  PersoonToestand na = *p;
  if (Status s = regel->toepassen(m, na, ctx); !s.ok()) {
    uit.status = s;
    return uit;
  }
  const Feit feit{m, *p, na, ctx};
  const std::string gemeente = GemeenteVan(na.dossier);
  for (const Signaalregel& r : kSignaalregels) {
    if (r.bij == m.soort && r.geldt(feit)) {
      uit.signalen.push_back(SignaalOpdracht{r.code, gemeente, std::nullopt});
    }
  }
  uit.geschoond = na.geschoond && !p->geschoond;
  uit.gewijzigd = Gewijzigd(m, *p, na);
  *p = std::move(na);
  uit.status = Status::Ok();
  return uit;
}

std::vector<SignaalOpdracht> TijdSignalen(const PersoonToestand& p, Date vorige,
                                          const RegelContext& ctx) {
  std::vector<SignaalOpdracht> out;
  if (!p.bestaat || p.geschoond) return out;
  const Dossier& d = p.dossier;
  for (const Tijdregel& r : kTijdregels) {
    const std::optional<Date> wanneer = r.datum(d);
    if (!wanneer || *wanneer <= vorige || *wanneer > ctx.peildatum) continue;
    if (!r.geldt(d, ctx)) continue;
    out.push_back(SignaalOpdracht{r.code, GemeenteVan(d), *wanneer});
  }
  return out;
}

TijdVensters VenstersVoor(Date vorige, Date peildatum) {
  TijdVensters v;
  // SS066: the end in (vorige, peil]. SS004: the end minus six months in (vorige, peil], i.e.
  // the end about six months later (a few days either side for month-end clamping).
  v.einde_van = vorige.AddDays(1);
  v.einde_tot = peildatum;
  v.einde_over_zes_maanden_van = vorige.AddMonths(6).AddDays(-3);
  v.einde_over_zes_maanden_tot = peildatum.AddMonths(6).AddDays(3);
  // SS007: the 18th birthday in (vorige, peil] (a day either side for 29 February).
  v.geboren_van = vorige.AddYears(-18).AddDays(-1);
  v.geboren_tot = peildatum.AddYears(-18).AddDays(1);
  v.geboren_uiterlijk = peildatum.AddYears(-kPensioenleeftijd);
  v.vertrokken_uiterlijk = peildatum.AddYears(-1);
  return v;
}

std::vector<RegelBeschrijving> Signaalregels() {
  std::vector<RegelBeschrijving> out;
  for (const Signaalregel& r : kSignaalregels) {
    out.push_back({r.code, Token(r.bij), r.voorwaarde, r.oorzaak});
  }
  for (const Tijdregel& r : kTijdregels) {
    out.push_back({r.code, r.gebeurtenis, r.voorwaarde, r.oorzaak});
  }
  return out;
}

std::vector<MutatieregelBeschrijving> Mutatieregels() {
  std::vector<MutatieregelBeschrijving> out;
  for (const Mutatieregel& r : kMutatieregels) out.push_back({r.soort, r.wijziging, r.weigering});
  return out;
}

}  // namespace isi
