// The rules of seed 003 for the registrations of a municipality (see model/registratie.h).
//
// One short function per section and action. Every Apply* works on a copy of the dossier and
// hands it back only when all rules hold, so a refusal leaves the caller's dossier unchanged.
// Refusal messages quote the manual (Handleiding ISI voor gemeenten, 2019, and for the
// voorziening the portal manual §3.4) in Dutch.
#include "model/registratie.h"

#include <algorithm>
#include <string>
#include <utility>

#include "model/identifiers.h"

namespace isi {
namespace {

// --- Quotes of the manual -----------------------------------------------------------------

constexpr const char* kMutatieformulier =
    " Vraag DUO om de wijziging met het mutatieformulier (Mutatieverzoek gemeente vanaf 2013), "
    "te mailen naar sci@duo.nl.";

constexpr const char* kNaDiplomaQuote =
    "De persoon heeft het inburgeringsdiploma behaald; de gemeente kan de registraties niet meer "
    "zelf wijzigen. Handleiding ISI, 'Mutatie verzoek ISI': \"In de portal kunt u zelf wijzigingen "
    "doorvoeren. Soms is dat niet (meer) mogelijk. Bijvoorbeeld als een kandidaat al het diploma "
    "heeft behaald.\"";

constexpr const char* kPlichtBlijftQuote =
    "De persoon heeft het inburgeringsdiploma behaald en is daarmee gewezen inburgeringsplichtig; "
    "de inburgeringsplicht wordt niet op nee gezet. Handleiding ISI, 'Combinatie "
    "inburgeringsplicht "
    "en inburgeringsdiploma': \"Bij het veld inburgeringsplicht wordt de status dan handmatig "
    "veranderd in nee. Dit is echter niet de bedoeling. Dit veld is specifiek bedoeld om aan te "
    "geven of iemand inburgeringsplichtig is geweest en wijzigt dus niet als iemand het "
    "inburgeringsdiploma heeft gehaald.\"";

constexpr const char* kVereistHandhavingQuote =
    "Handleiding portal §3.4: \"Een voorziening voor een inburgeringsplichtige kan niet worden "
    "geregistreerd als er geen sprake is van handhaving.\" Handleiding ISI, 'Registratie "
    "inburgeraars van andere gemeenten': \"Gemeente Y voert eerst een handhaving op en vervolgens "
    "een voorziening.\"";

constexpr const char* kGeestelijkBedienaarQuote =
    "Handleiding portal §3.4: \"Alle voorzieningen kunnen worden aangeboden aan "
    "inburgeringsplichtige personen en vrijwillige inburgeraars. Uitzondering is de voorziening "
    "met "
    "soort geestelijk bedienaar die niet aan vrijwillige inburgeraars mag worden aangeboden.\"";

constexpr const char* kAndereGemeenteQuote =
    " Handleiding ISI, 'Aanpassen voorziening bij verhuizing': \"Als een gemeente een voorziening "
    "heeft opgevoerd, dan mag deze bij verhuizing van de persoon naar een andere gemeente, niet "
    "door de nieuwe woongemeente geautomatiseerd worden gewijzigd of verwijderd. U kunt als nieuwe "
    "gemeente de voorziening wel zien in ISI. Mocht u de voorziening willen aanpassen, dan kunt u "
    "de oude woongemeente vragen om een mutatieformulier naar het Servicecentrum Inburgering te "
    "mailen, zodat DUO deze aanpassing kan doorvoeren.\"";

constexpr const char* kTermijnQuote =
    " Handleiding ISI, 'Tijdig registreren': \"Een aangeboden inburgeringsvoorziening moet binnen "
    "acht weken na de startdatum (datum beschikking) van de voorziening geregistreerd worden in "
    "ISI. De gemeente zal zich bij overschrijding van de achtwekentermijn tot DUO moeten wenden. "
    "Voor deze mutaties kan het mutatieformulier worden ingevuld en moet u aangeven dat het om "
    "overschrijding van de achtwekentermijn gaat.\" Mail het mutatieformulier (Mutatieverzoek "
    "gemeente vanaf 2013) naar sci@duo.nl.";

constexpr const char* kGeheleVrijstellingQuote =
    "Handleiding ISI, 'Soorten vrijstellingen': \"Een gehele vrijstelling kan niet geregistreerd "
    "worden in het scherm vrijstellingen. Iemand is in het geval van een gehele vrijstelling "
    "namelijk niet inburgeringsplichtig. Dit kunt u aangeven op het scherm Indicaties. Hier zet u "
    "inburgeringsplicht op Nee met als reden Persoon is geheel vrijgesteld.\" Registreer de "
    "indicatie met Inburgeringsplichtig = nee en Reden GeheelVrijgesteld.";

constexpr const char* kTijdelijkeVrijstellingQuote =
    "Handleiding ISI, 'Soorten vrijstellingen': \"Als u een tijdelijke vrijstelling wilt opvoeren, "
    "moet u wel de indicatie inburgeringsplicht op Ja zetten én een handhavingstermijn "
    "opvoeren.\"";

constexpr const char* kDuoVrijstellingQuote =
    " Handleiding ISI, 'Vrijstelling door DUO': \"In de Portal is de herkomst van de vrijstelling "
    "zichtbaar als Gedeeltelijk vrijgesteld door DUO. Deze vrijstelling kan niet worden "
    "overschreven. De gemeente kan wel een gedeeltelijke vrijstelling met een hoger niveau of een "
    "ander profiel registreren dan de gedeeltelijke vrijstelling die eerder door DUO is "
    "vastgelegd.\"";

// --- Small helpers ---------------------------------------------------------------------------

// The days within which a voorziening is registered after its start (eight weeks).
constexpr int64_t kRegistratietermijnDagen = 56;

Status Refuse(const char* reason, std::string message) {
  return Status::Conflict(std::move(message)).WithReason(reason);
}

Status Missing(const char* field, const char* what) {
  return Status::InvalidArgument(std::string(what) + " ontbreekt", field);
}

Status NotAllowed(const char* field, std::string why) {
  return Status::InvalidArgument(std::move(why), field);
}

// `later` must not be before `earlier` (the same day is allowed).
Status NotBefore(const Date& later, const Date& earlier, const char* field, const char* what) {
  if (later < earlier) {
    return Status::InvalidArgument(
        std::string(what) + " " + later.ToString() + " ligt voor " + earlier.ToString(), field);
  }
  return Status::Ok();
}

bool HeeftDiploma(const Dossier& d) {
  return d.examens.inburgeringsdiploma_behaald || d.persoonsgegevens.indicatie_diploma_behaald;
}

Status NaDiploma() {
  return Refuse("NaDiplomaGeenWijziging", std::string(kNaDiplomaQuote) + kMutatieformulier);
}

Status RecordNietGevonden(const char* what, int64_t id) {
  return Refuse("RecordNietGevonden", std::string(what) + " met id " + std::to_string(id) +
                                          " komt niet voor in het dossier van deze persoon");
}

// Runs `change` on a copy of *d and keeps the copy only when it succeeds.
template <typename Change>
Status OnCopy(Dossier* d, Change&& change) {
  Dossier next = *d;
  Status s = change(next);
  if (s.ok()) *d = std::move(next);
  return s;
}

// Inserts `x` after the records with the same or an earlier datum_start (the dossier's order).
template <typename T>
void InsertByStart(std::vector<T>& xs, T x) {
  auto at = std::upper_bound(xs.begin(), xs.end(), x.datum_start,
                             [](const Date& start, const T& y) { return start < y.datum_start; });
  xs.insert(at, std::move(x));
}

template <typename T>
T* FindById(std::vector<T>& xs, int64_t id) {
  for (T& x : xs) {
    if (x.id == id) return &x;
  }
  return nullptr;
}

// --- Handhaving ------------------------------------------------------------------------------

// Wijzigen and Beeindigen act on the acting municipality's own handhaving.
Status CheckEigenHandhaving(const RegistratieContext& ctx, const Dossier& d) {
  if (!d.handhaving) {
    return Refuse("GeenHandhaving",
                  "Deze persoon heeft geen handhaving; registreer eerst een handhaving.");
  }
  if (d.handhaving->gehandhaafd_door_gemeente != ctx.gemeentecode) {
    return Refuse("HandhavingVanAndereGemeente",
                  "De handhaving is ingesteld door gemeente " +
                      d.handhaving->gehandhaafd_door_gemeente +
                      "; alleen die gemeente kan haar wijzigen of beeindigen.");
  }
  return Status::Ok();
}

Status RegistreerHandhaving(const RegistratieContext& ctx, const HandhavingOpdracht& o,
                            Dossier& d) {
  if (!o.begin_handhaving) return Missing("BeginHandhaving", "Begin handhaving");
  if (!o.einde_handhavingstermijn) {
    return Missing("EindeHandhavingstermijn", "Einde handhavingstermijn");
  }
  if (*o.einde_handhavingstermijn <= *o.begin_handhaving) {
    return NotAllowed("EindeHandhavingstermijn",
                      "Het einde van de handhavingstermijn moet na het begin liggen");
  }
  // After a move the new municipality decides whether it enforces (seed 000 §3.7, SS001): it
  // takes over the handhaving of the previous one; the first municipality and the extensions
  // stay on record. Its own existing handhaving is changed or extended, not registered again.
  if (d.handhaving && d.handhaving->gehandhaafd_door_gemeente == ctx.gemeentecode) {
    return Refuse("HandhavingBestaatAl",
                  "Deze persoon wordt al gehandhaafd door gemeente " + ctx.gemeentecode +
                      "; een persoon heeft ten hoogste een handhaving. Wijzig of verleng de "
                      "bestaande handhaving.");
  }
  if (d.handhaving) {
    d.handhaving->gehandhaafd_door_gemeente = ctx.gemeentecode;
    d.handhaving->begin_handhaving = *o.begin_handhaving;
    d.handhaving->einde_handhavingstermijn = *o.einde_handhavingstermijn;
    return Status::Ok();
  }
  Handhaving h;
  h.gehandhaafd_door_gemeente = ctx.gemeentecode;
  h.eerste_handhaving_door_gemeente = ctx.gemeentecode;
  h.begin_handhaving = *o.begin_handhaving;
  h.einde_handhavingstermijn = *o.einde_handhavingstermijn;
  d.handhaving = std::move(h);
  return Status::Ok();
}

// With a reden: an extension (a Verlenging dated today, the new end after the current one).
// Without: a correction of the term (begin and/or end).
Status WijzigHandhaving(const RegistratieContext& ctx, const HandhavingOpdracht& o, Dossier& d) {
  if (!o.einde_handhavingstermijn) {
    return Missing("EindeHandhavingstermijn", "Einde handhavingstermijn");
  }
  if (Status s = CheckEigenHandhaving(ctx, d); !s.ok()) return s;
  Handhaving& h = *d.handhaving;
  const Date einde = *o.einde_handhavingstermijn;
  if (o.reden_verlenging) {
    if (o.reden_verlenging->empty()) return Missing("RedenVerlenging", "Reden verlenging");
    if (o.begin_handhaving) {
      return NotAllowed("BeginHandhaving",
                        "Een verlenging wijzigt alleen het einde van de handhavingstermijn");
    }
    if (einde <= h.einde_handhavingstermijn) {
      return NotAllowed("EindeHandhavingstermijn",
                        "Een verlenging moet na het huidige einde van de handhavingstermijn (" +
                            h.einde_handhavingstermijn.ToString() + ") eindigen");
    }
    h.verlengingen.push_back(Verlenging{ctx.vandaag, einde, *o.reden_verlenging});
    h.einde_handhavingstermijn = einde;
    return Status::Ok();
  }
  const Date begin = o.begin_handhaving.value_or(h.begin_handhaving);
  if (einde <= begin) {
    return NotAllowed("EindeHandhavingstermijn",
                      "Het einde van de handhavingstermijn moet na het begin liggen");
  }
  h.begin_handhaving = begin;
  h.einde_handhavingstermijn = einde;
  return Status::Ok();
}

Status BeeindigHandhaving(const RegistratieContext& ctx, Dossier& d) {
  if (Status s = CheckEigenHandhaving(ctx, d); !s.ok()) return s;
  d.handhaving.reset();
  return Status::Ok();
}

// --- Inburgeringsvoorziening -----------------------------------------------------------------

// The shape of a voorziening after registering or changing it.
Status CheckVoorzieningVorm(const Inburgeringsvoorziening& v) {
  if (!IsWellFormedGemeentecode(v.aanbod_door_gemeente)) {
    return NotAllowed("AanbodDoorGemeente",
                      "Aanbod door gemeente moet een gemeentecode van 4 cijfers zijn");
  }
  if (v.vorm_duaal_traject && v.soort != SoortVoorziening::kDuaal) {
    return NotAllowed("VormDuaalTraject",
                      "Een vorm duaal traject hoort alleen bij een voorziening van soort Duaal");
  }
  if (v.datum_einde) {
    if (Status s = NotBefore(*v.datum_einde, v.datum_start, "DatumEinde", "Datum einde"); !s.ok()) {
      return s;
    }
  }
  if (v.reden_einde && !v.datum_einde) {
    return NotAllowed("RedenEinde", "Een reden einde hoort bij een datum einde");
  }
  if (v.reden_einde && v.reden_einde->empty()) return Missing("RedenEinde", "Reden einde");
  return Status::Ok();
}

Status CheckGeestelijkBedienaar(const Dossier& d, SoortVoorziening soort) {
  if (soort == SoortVoorziening::kGeestelijkBedienaar && d.indicatie.vrijwillig_inburgeraar) {
    return Refuse("GeestelijkBedienaarNietVoorVrijwilliger", kGeestelijkBedienaarQuote);
  }
  return Status::Ok();
}

Status RegistreerVoorziening(const RegistratieContext& ctx, const VoorzieningOpdracht& o,
                             Dossier& d) {
  if (!o.doelgroep) return Missing("Doelgroep", "Doelgroep");
  if (!o.soort) return Missing("Soort", "Soort voorziening");
  if (!o.datum_start) return Missing("DatumStart", "Datum start");
  Inburgeringsvoorziening v;
  v.aanbod_door_gemeente = o.aanbod_door_gemeente.value_or(ctx.gemeentecode);
  v.geregistreerd_door_gemeente = ctx.gemeentecode;
  v.doelgroep = *o.doelgroep;
  v.soort = *o.soort;
  v.indicatie_pib = o.indicatie_pib.value_or(false);
  v.vorm_duaal_traject = o.vorm_duaal_traject;
  v.datum_start = *o.datum_start;
  v.datum_einde = o.datum_einde;
  v.reden_einde = o.reden_einde;
  if (Status s = CheckVoorzieningVorm(v); !s.ok()) return s;

  if (d.indicatie.inburgeringsplichtig == true && !d.handhaving) {
    return Refuse("VoorzieningVereistHandhaving", kVereistHandhavingQuote);
  }
  if (Status s = CheckGeestelijkBedienaar(d, v.soort); !s.ok()) return s;
  const Date uiterlijk = v.datum_start.AddDays(kRegistratietermijnDagen);
  if (ctx.vandaag > uiterlijk) {
    return Refuse("RegistratietermijnVerstreken",
                  "De voorziening is gestart op " + v.datum_start.ToString() +
                      " en had uiterlijk op " + uiterlijk.ToString() +
                      " geregistreerd moeten worden." + kTermijnQuote);
  }
  InsertByStart(d.voorzieningen, std::move(v));
  return Status::Ok();
}

// The voorziening `id`, when it is the acting municipality's own.
Status FindEigenVoorziening(const RegistratieContext& ctx, int64_t id, Dossier& d,
                            Inburgeringsvoorziening** out) {
  if (id == 0) return Missing("VoorzieningId", "VoorzieningId");
  Inburgeringsvoorziening* v = FindById(d.voorzieningen, id);
  if (v == nullptr) return RecordNietGevonden("Een voorziening", id);
  if (v->geregistreerd_door_gemeente != ctx.gemeentecode) {
    return Refuse("VoorzieningVanAndereGemeente",
                  "Deze voorziening is geregistreerd door gemeente " +
                      v->geregistreerd_door_gemeente + "." + kAndereGemeenteQuote);
  }
  *out = v;
  return Status::Ok();
}

// The fields given replace the old ones; a vorm duaal traject goes when the soort is no
// longer Duaal (the caller cannot clear a field otherwise).
Status WijzigVoorziening(const RegistratieContext& ctx, const VoorzieningOpdracht& o, Dossier& d) {
  Inburgeringsvoorziening* v = nullptr;
  if (Status s = FindEigenVoorziening(ctx, o.id, d, &v); !s.ok()) return s;
  Inburgeringsvoorziening w = *v;
  if (o.aanbod_door_gemeente) w.aanbod_door_gemeente = *o.aanbod_door_gemeente;
  if (o.doelgroep) w.doelgroep = *o.doelgroep;
  if (o.soort) {
    w.soort = *o.soort;
    if (w.soort != SoortVoorziening::kDuaal) w.vorm_duaal_traject.reset();
  }
  if (o.indicatie_pib) w.indicatie_pib = *o.indicatie_pib;
  if (o.vorm_duaal_traject) w.vorm_duaal_traject = o.vorm_duaal_traject;
  if (o.datum_start) w.datum_start = *o.datum_start;
  if (o.datum_einde) w.datum_einde = o.datum_einde;
  if (o.reden_einde) w.reden_einde = o.reden_einde;
  if (Status s = CheckVoorzieningVorm(w); !s.ok()) return s;
  if (o.soort) {
    if (Status s = CheckGeestelijkBedienaar(d, *o.soort); !s.ok()) return s;
  }
  const bool moved = w.datum_start != v->datum_start;
  *v = std::move(w);
  if (moved) {
    std::stable_sort(d.voorzieningen.begin(), d.voorzieningen.end(),
                     [](const auto& a, const auto& b) { return a.datum_start < b.datum_start; });
  }
  return Status::Ok();
}

Status BeeindigVoorziening(const RegistratieContext& ctx, const VoorzieningOpdracht& o,
                           Dossier& d) {
  if (!o.datum_einde) return Missing("DatumEinde", "Datum einde");
  if (!o.reden_einde || o.reden_einde->empty()) return Missing("RedenEinde", "Reden einde");
  Inburgeringsvoorziening* v = nullptr;
  if (Status s = FindEigenVoorziening(ctx, o.id, d, &v); !s.ok()) return s;
  if (Status s = NotBefore(*o.datum_einde, v->datum_start, "DatumEinde", "Datum einde"); !s.ok()) {
    return s;
  }
  v->datum_einde = o.datum_einde;
  v->reden_einde = o.reden_einde;
  return Status::Ok();
}

// --- Vrijstelling ----------------------------------------------------------------------------

// The shape of a vrijstelling: a tijdelijke has a start and an optional end, no examenonderdeel;
// a gedeeltelijke has an examenonderdeel (with a niveau for Taal only) and no end.
Status CheckVrijstellingVorm(const Vrijstelling& v) {
  if (v.soort == SoortVrijstelling::kTijdelijk) {
    if (v.examenonderdeel) {
      return NotAllowed("Examenonderdeel",
                        "Een tijdelijke vrijstelling heeft geen examenonderdeel");
    }
    if (v.niveau) return NotAllowed("Niveau", "Een tijdelijke vrijstelling heeft geen niveau");
    if (v.datum_einde) return NotBefore(*v.datum_einde, v.datum_start, "DatumEinde", "Datum einde");
    return Status::Ok();
  }
  if (!v.examenonderdeel) {
    return Missing("Examenonderdeel", "Examenonderdeel van de gedeeltelijke vrijstelling");
  }
  const bool taal = *v.examenonderdeel == VrijgesteldExamenonderdeel::kTaal;
  if (taal && !v.niveau) return Missing("Niveau", "Niveau van de vrijstelling voor Taal");
  if (!taal && v.niveau) {
    return NotAllowed("Niveau", "Alleen een vrijstelling voor Taal heeft een niveau");
  }
  if (v.datum_einde) {
    return NotAllowed("DatumEinde", "Een gedeeltelijke vrijstelling heeft geen datum einde");
  }
  return Status::Ok();
}

Status CheckTijdelijkeVrijstelling(const Dossier& d) {
  if (d.indicatie.inburgeringsplichtig != true || !d.handhaving) {
    return Refuse("TijdelijkeVrijstellingVereistPlichtEnHandhaving", kTijdelijkeVrijstellingQuote);
  }
  return Status::Ok();
}

// A gedeeltelijke vrijstelling `v` may only exceed DUO's: another examenonderdeel, or for the
// same one a higher niveau.
Status CheckBovenDuo(const Dossier& d, const Vrijstelling& v) {
  for (const Vrijstelling& duo : d.vrijstellingen) {
    if (duo.door != VrijstellingDoor::kDuo || duo.soort != SoortVrijstelling::kGedeeltelijk) {
      continue;
    }
    if (duo.examenonderdeel != v.examenonderdeel) continue;
    if (!duo.niveau || !v.niveau || *duo.niveau >= *v.niveau) {
      return Refuse(
          "VrijstellingDuoNietOverschrijven",
          std::string("DUO heeft al een gedeeltelijke vrijstelling voor ") +
              Token(*v.examenonderdeel) +
              (duo.niveau ? std::string(" op niveau ") + Token(*duo.niveau) : std::string()) +
              " vastgelegd." + kDuoVrijstellingQuote);
    }
  }
  return Status::Ok();
}

SoortVrijstelling ToSoort(GevraagdeVrijstelling g) {
  return g == GevraagdeVrijstelling::kTijdelijk ? SoortVrijstelling::kTijdelijk
                                                : SoortVrijstelling::kGedeeltelijk;
}

Status RegistreerVrijstelling(const RegistratieContext& ctx, const VrijstellingOpdracht& o,
                              Dossier& d) {
  if (!o.soort) return Missing("Soort", "Soort vrijstelling");
  Vrijstelling v;
  v.soort = ToSoort(*o.soort);
  v.door = VrijstellingDoor::kGemeente;
  v.datum_einde = o.datum_einde;
  v.examenonderdeel = o.examenonderdeel;
  v.niveau = o.niveau;
  if (v.soort == SoortVrijstelling::kTijdelijk) {
    if (!o.datum_start) return Missing("DatumStart", "Datum start van de tijdelijke vrijstelling");
    v.datum_start = *o.datum_start;
  } else {
    v.datum_start = o.datum_start.value_or(ctx.vandaag);
  }
  if (Status s = CheckVrijstellingVorm(v); !s.ok()) return s;
  if (v.soort == SoortVrijstelling::kTijdelijk) {
    if (Status s = CheckTijdelijkeVrijstelling(d); !s.ok()) return s;
  } else {
    if (Status s = CheckBovenDuo(d, v); !s.ok()) return s;
  }
  InsertByStart(d.vrijstellingen, std::move(v));
  return Status::Ok();
}

// The vrijstelling `id` as the municipality may change it: its own, or a tijdelijke of DUO
// ("U kunt deze tijdelijke vrijstelling aanpassen ..."); never a gedeeltelijke of DUO.
Status FindWijzigbareVrijstelling(int64_t id, Dossier& d, Vrijstelling** out) {
  if (id == 0) return Missing("VrijstellingId", "VrijstellingId");
  Vrijstelling* v = FindById(d.vrijstellingen, id);
  if (v == nullptr) return RecordNietGevonden("Een vrijstelling", id);
  if (v->door == VrijstellingDoor::kDuo && v->soort == SoortVrijstelling::kGedeeltelijk) {
    return Refuse("VrijstellingDuoNietOverschrijven",
                  std::string("Deze gedeeltelijke vrijstelling is vastgelegd door DUO.") +
                      kDuoVrijstellingQuote);
  }
  *out = v;
  return Status::Ok();
}

// The fields given replace the old ones; fields that do not belong to a changed soort (or a
// niveau to a changed examenonderdeel other than Taal) go. A changed vrijstelling is the
// municipality's ("veranderen in een Tijdelijke vrijstelling door gemeente").
Status WijzigVrijstelling(const VrijstellingOpdracht& o, Dossier& d) {
  Vrijstelling* v = nullptr;
  if (Status s = FindWijzigbareVrijstelling(o.id, d, &v); !s.ok()) return s;
  Vrijstelling w = *v;
  w.door = VrijstellingDoor::kGemeente;
  if (o.soort) {
    w.soort = ToSoort(*o.soort);
    if (w.soort == SoortVrijstelling::kTijdelijk) {
      w.examenonderdeel.reset();
      w.niveau.reset();
    } else {
      w.datum_einde.reset();
    }
  }
  if (o.datum_start) w.datum_start = *o.datum_start;
  if (o.datum_einde) w.datum_einde = o.datum_einde;
  if (o.examenonderdeel) {
    if (*o.examenonderdeel != VrijgesteldExamenonderdeel::kTaal) w.niveau.reset();
    w.examenonderdeel = o.examenonderdeel;
  }
  if (o.niveau) w.niveau = o.niveau;
  if (Status s = CheckVrijstellingVorm(w); !s.ok()) return s;
  // Becoming a tijdelijke vrijstelling of the municipality is registering one.
  const bool wordt_tijdelijk =
      v->soort != SoortVrijstelling::kTijdelijk || v->door != VrijstellingDoor::kGemeente;
  if (w.soort == SoortVrijstelling::kTijdelijk && wordt_tijdelijk) {
    if (Status s = CheckTijdelijkeVrijstelling(d); !s.ok()) return s;
  }
  if (w.soort == SoortVrijstelling::kGedeeltelijk) {
    if (Status s = CheckBovenDuo(d, w); !s.ok()) return s;
  }
  const bool moved = w.datum_start != v->datum_start;
  *v = std::move(w);
  if (moved) {
    std::stable_sort(d.vrijstellingen.begin(), d.vrijstellingen.end(),
                     [](const auto& a, const auto& b) { return a.datum_start < b.datum_start; });
  }
  return Status::Ok();
}

// A tijdelijke vrijstelling gets its datum einde; a gedeeltelijke, which has no end, is
// withdrawn (removed).
Status BeeindigVrijstelling(const VrijstellingOpdracht& o, Dossier& d) {
  Vrijstelling* v = nullptr;
  if (Status s = FindWijzigbareVrijstelling(o.id, d, &v); !s.ok()) return s;
  if (v->soort == SoortVrijstelling::kGedeeltelijk) {
    std::erase_if(d.vrijstellingen, [&](const Vrijstelling& x) { return x.id == o.id; });
    return Status::Ok();
  }
  if (!o.datum_einde) return Missing("DatumEinde", "Datum einde");
  if (Status s = NotBefore(*o.datum_einde, v->datum_start, "DatumEinde", "Datum einde"); !s.ok()) {
    return s;
  }
  v->datum_einde = o.datum_einde;
  return Status::Ok();
}

// --- Indicatie inburgeringsplicht ------------------------------------------------------------

// "Ook als u de inburgeringsplicht verandert in 'ja' wordt de tijdelijke vrijstelling [door DUO]
// beëindigd": each running tijdelijke vrijstelling of DUO ends today.
void BeeindigTijdelijkeDuoVrijstellingen(const RegistratieContext& ctx, Dossier& d) {
  for (Vrijstelling& v : d.vrijstellingen) {
    if (v.door != VrijstellingDoor::kDuo || v.soort != SoortVrijstelling::kTijdelijk) continue;
    if (v.datum_einde && *v.datum_einde <= ctx.vandaag) continue;
    v.datum_einde = std::max(ctx.vandaag, v.datum_start);
  }
}

Status ZetIndicatie(const RegistratieContext& ctx, const IndicatieOpdracht& o, Dossier& d) {
  if (!o.inburgeringsplichtig) return Missing("Inburgeringsplichtig", "Inburgeringsplichtig");
  if (!o.datum) return Missing("Datum", "Datum inburgeringsplicht");
  if (*o.inburgeringsplichtig && o.reden) {
    return NotAllowed(
        "Reden", "Een reden niet inburgeringsplichtig hoort alleen bij inburgeringsplicht nee");
  }
  if (!*o.inburgeringsplichtig && !o.reden) {
    return Missing("Reden", "Reden niet inburgeringsplichtig");
  }
  Indicatie& ind = d.indicatie;
  const bool wordt_plichtig = *o.inburgeringsplichtig && ind.inburgeringsplichtig != true;
  ind.inburgeringsplichtig = o.inburgeringsplichtig;
  ind.datum_inburgeringsplicht = o.datum;
  ind.reden_niet_inburgeringsplichtig = o.reden;
  if (wordt_plichtig) BeeindigTijdelijkeDuoVrijstellingen(ctx, d);
  return Status::Ok();
}

void VerwijderIndicatie(Dossier& d) {
  d.indicatie.inburgeringsplichtig.reset();
  d.indicatie.datum_inburgeringsplicht.reset();
  d.indicatie.reden_niet_inburgeringsplichtig.reset();
}

// --- Ontheffing ------------------------------------------------------------------------------

RedenNietInburgeringsplichtig RedenVan(SoortOntheffing soort) {
  return soort == SoortOntheffing::kMedischeGronden
             ? RedenNietInburgeringsplichtig::kOntheffingMedischeGronden
             : RedenNietInburgeringsplichtig::kOntheffingEvidentIngeburgerd;
}

Status GeenOntheffing() {
  return Refuse("RecordNietGevonden", "Deze persoon heeft geen ontheffing");
}

// Registreren sets both fields; Wijzigen replaces the fields given of an existing ontheffing.
// Either way the indication becomes plicht = nee, per the date of the ontheffing, with its reden.
Status ZetOntheffing(const OntheffingOpdracht& o, Dossier& d) {
  Indicatie& ind = d.indicatie;
  Ontheffing ontheffing;
  if (o.actie == Actie::kRegistreren) {
    if (!o.soort) return Missing("Soort", "Soort ontheffing");
    if (!o.datum) return Missing("Datum", "Datum ontheffing");
  } else {
    if (!ind.ontheffing) return GeenOntheffing();
    ontheffing = *ind.ontheffing;
  }
  if (o.soort) ontheffing.soort = *o.soort;
  if (o.datum) ontheffing.datum = *o.datum;
  ind.ontheffing = ontheffing;
  ind.inburgeringsplichtig = false;
  ind.datum_inburgeringsplicht = ontheffing.datum;
  ind.reden_niet_inburgeringsplichtig = RedenVan(ontheffing.soort);
  return Status::Ok();
}

// The ontheffing goes; the indication it set (plicht = nee with its reden) goes with it.
Status BeeindigOntheffing(Dossier& d) {
  Indicatie& ind = d.indicatie;
  if (!ind.ontheffing) return GeenOntheffing();
  if (ind.reden_niet_inburgeringsplichtig == RedenVan(ind.ontheffing->soort)) VerwijderIndicatie(d);
  ind.ontheffing.reset();
  return Status::Ok();
}

}  // namespace

Status ApplyHandhaving(const RegistratieContext& ctx, const HandhavingOpdracht& o, Dossier* d) {
  if (HeeftDiploma(*d)) return NaDiploma();
  return OnCopy(d, [&](Dossier& next) {
    switch (o.actie) {
      case Actie::kRegistreren:
        return RegistreerHandhaving(ctx, o, next);
      case Actie::kWijzigen:
        return WijzigHandhaving(ctx, o, next);
      case Actie::kBeeindigen:
        return BeeindigHandhaving(ctx, next);
    }
    return Status::Internal("onbekende actie");
  });
}

Status ApplyVoorziening(const RegistratieContext& ctx, const VoorzieningOpdracht& o, Dossier* d) {
  if (HeeftDiploma(*d)) return NaDiploma();
  return OnCopy(d, [&](Dossier& next) {
    switch (o.actie) {
      case Actie::kRegistreren:
        return RegistreerVoorziening(ctx, o, next);
      case Actie::kWijzigen:
        return WijzigVoorziening(ctx, o, next);
      case Actie::kBeeindigen:
        return BeeindigVoorziening(ctx, o, next);
    }
    return Status::Internal("onbekende actie");
  });
}

Status ApplyVrijstelling(const RegistratieContext& ctx, const VrijstellingOpdracht& o, Dossier* d) {
  if (HeeftDiploma(*d)) return NaDiploma();
  if (o.soort == GevraagdeVrijstelling::kGeheel && o.actie != Actie::kBeeindigen) {
    return Refuse("GeheleVrijstellingIsIndicatie", kGeheleVrijstellingQuote);
  }
  return OnCopy(d, [&](Dossier& next) {
    switch (o.actie) {
      case Actie::kRegistreren:
        return RegistreerVrijstelling(ctx, o, next);
      case Actie::kWijzigen:
        return WijzigVrijstelling(o, next);
      case Actie::kBeeindigen:
        return BeeindigVrijstelling(o, next);
    }
    return Status::Internal("onbekende actie");
  });
}

Status ApplyIndicatie(const RegistratieContext& ctx, const IndicatieOpdracht& o, Dossier* d) {
  if (HeeftDiploma(*d)) {
    if (o.actie != Actie::kBeeindigen && o.inburgeringsplichtig == false) {
      return Refuse("PlichtBlijftNaDiploma", kPlichtBlijftQuote);
    }
    return NaDiploma();
  }
  return OnCopy(d, [&](Dossier& next) {
    if (o.actie == Actie::kBeeindigen) {
      VerwijderIndicatie(next);
      return Status::Ok();
    }
    return ZetIndicatie(ctx, o, next);
  });
}

Status ApplyOntheffing(const RegistratieContext& /*ctx*/, const OntheffingOpdracht& o, Dossier* d) {
  if (HeeftDiploma(*d)) return NaDiploma();
  return OnCopy(d, [&](Dossier& next) {
    if (o.actie == Actie::kBeeindigen) return BeeindigOntheffing(next);
    return ZetOntheffing(o, next);
  });
}

}  // namespace isi
