#include "tools/refresh/mutatie_xml.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <pugixml.hpp>
#include <sstream>

#include "model/identifiers.h"

namespace isi::refresh {
namespace {

struct Schema {
  Bron bron;
  const char* ns;
  const char* root;
};
constexpr Schema kSchemas[] = {
    {Bron::kGba, "urn:isi-koppeling:mutaties:gba:1", "GbaMutaties"},
    {Bron::kInd, "urn:isi-koppeling:mutaties:ind:1", "IndMutaties"},
    {Bron::kDuo, "urn:isi-koppeling:mutaties:duo:1", "DuoMutaties"},
};

std::string_view PrefixVan(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

std::string_view LokaleNaam(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool IsSpatie(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string Trim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && IsSpatie(s[b])) ++b;
  while (e > b && IsSpatie(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// The element children of `node`, and whether it has non-blank text besides.
std::vector<pugi::xml_node> Elementen(pugi::xml_node node, bool* tekst = nullptr) {
  std::vector<pugi::xml_node> out;
  if (tekst != nullptr) *tekst = false;
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element) {
      out.push_back(c);
    } else if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) &&
               tekst != nullptr && !Trim(c.value()).empty()) {
      *tekst = true;
    }
  }
  return out;
}

// The text of a value element (whitespace around it removed, as xsd's collapse does for the
// schema types). InvalidArgument when it has child elements.
Status TekstVan(pugi::xml_node node, std::string* out) {
  std::string text;
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element) {
      return Status::InvalidArgument(std::string("element ") +
                                     std::string(LokaleNaam(node.name())) +
                                     " mag geen onderdelen hebben");
    }
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text += c.value();
  }
  *out = Trim(text);
  return Status::Ok();
}

bool IsBestandId(std::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Parses one mutation element into *m; the reason when it is not well-formed.
class MutatieLezer {
 public:
  MutatieLezer(Bron bron, std::string_view prefix) : bron_(bron), prefix_(prefix) {}

  Status Lees(pugi::xml_node node, Mutatie* m, std::string* bsn) const {
    const std::string_view naam = LokaleNaam(node.name());
    if (PrefixVan(node.name()) != prefix_) {
      return Status::InvalidArgument("element " + std::string(node.name()) +
                                     " staat niet in de namespace van het bestand");
    }
    std::optional<MutatieSoort> soort = ParseToken<MutatieSoort>(naam);
    if (!soort) return Status::InvalidArgument("onbekende mutatiesoort " + std::string(naam));
    if (BronVan(*soort) != bron_) {
      return Status::InvalidArgument("mutatiesoort " + std::string(naam) + " hoort bij bron " +
                                     Token(BronVan(*soort)) + ", niet bij " + Token(bron_));
    }
    m->soort = *soort;
    bool tekst = false;
    const std::vector<pugi::xml_node> kinderen = Elementen(node, &tekst);
    if (tekst) return Status::InvalidArgument("tekst tussen de elementen van de mutatie");

    // Persoon first (so a later refusal can name the BSN), then Datum, then the values.
    bool persoon = false;
    bool datum = false;
    for (pugi::xml_node c : kinderen) {
      if (!Eigen(c) || LokaleNaam(c.name()) != "Persoon") continue;
      if (persoon) return Status::InvalidArgument("Persoon komt meer dan eens voor");
      persoon = true;
      if (Status s = LeesPersoon(c, m, bsn); !s.ok()) return s;
    }
    if (!persoon) return Status::InvalidArgument("Persoon ontbreekt");
    for (pugi::xml_node c : kinderen) {
      if (!Eigen(c)) {
        return Status::InvalidArgument("element " + std::string(c.name()) +
                                       " staat niet in de namespace van het bestand");
      }
      const std::string_view kind = LokaleNaam(c.name());
      if (kind == "Persoon") continue;
      if (kind == "Datum") {
        if (datum) return Status::InvalidArgument("Datum komt meer dan eens voor");
        datum = true;
        std::string t;
        if (Status s = TekstVan(c, &t); !s.ok()) return s;
        std::optional<Date> d = Date::Parse(t);
        if (!d)
          return Status::InvalidArgument("Datum '" + t + "' is geen geldige datum JJJJ-MM-DD");
        m->datum = *d;
        continue;
      }
      if (Status s = LeesVeld(c, kind, m); !s.ok()) return s;
    }
    if (!datum) return Status::InvalidArgument("Datum ontbreekt");
    for (const Veldspec& spec : MutatieVelden(m->soort)) {
      if (spec.verplicht && !m->Heeft(spec.veld)) {
        return Status::InvalidArgument(std::string(Token(spec.veld)) + " ontbreekt");
      }
    }
    if (m->soort == MutatieSoort::kWijzigingPersoonsgegevens && m->waarden.empty()) {
      return Status::InvalidArgument("WijzigingPersoonsgegevens zonder gewijzigd gegeven");
    }
    return Status::Ok();
  }

 private:
  bool Eigen(pugi::xml_node c) const { return PrefixVan(c.name()) == prefix_; }

  Status LeesPersoon(pugi::xml_node node, Mutatie* m, std::string* bsn) const {
    bool heeft_bsn = false;
    for (pugi::xml_node c : Elementen(node)) {
      const std::string_view kind = LokaleNaam(c.name());
      std::string t;
      if (!Eigen(c) || (kind != "BSN" && kind != "ANummer")) {
        return Status::InvalidArgument("onbekend element " + std::string(c.name()) + " in Persoon");
      }
      if (Status s = TekstVan(c, &t); !s.ok()) return s;
      if (kind == "BSN") {
        if (heeft_bsn) return Status::InvalidArgument("BSN komt meer dan eens voor");
        heeft_bsn = true;
        *bsn = t;
        if (!IsValidBsn(t)) {
          return Status::InvalidArgument("ongeldig BSN (9 cijfers met elfproef)");
        }
        m->bsn = t;
      } else {
        if (m->anummer) return Status::InvalidArgument("ANummer komt meer dan eens voor");
        if (!IsValidANummer(t)) return Status::InvalidArgument("ongeldig A-nummer");
        m->anummer = t;
      }
    }
    if (!heeft_bsn) return Status::InvalidArgument("BSN ontbreekt");
    return Status::Ok();
  }

  Status LeesVeld(pugi::xml_node c, std::string_view kind, Mutatie* m) const {
    std::optional<Veld> veld = ParseToken<Veld>(kind);
    const std::vector<Veldspec>& specs = MutatieVelden(m->soort);
    const bool toegestaan = veld && std::any_of(specs.begin(), specs.end(),
                                                [&](const Veldspec& s) { return s.veld == *veld; });
    if (!toegestaan) {
      return Status::InvalidArgument("element " + std::string(kind) + " hoort niet bij " +
                                     Token(m->soort));
    }
    if (m->Heeft(*veld)) {
      return Status::InvalidArgument(std::string(kind) + " komt meer dan eens voor");
    }
    if (*veld != Veld::kAdres) {
      std::string t;
      if (Status s = TekstVan(c, &t); !s.ok()) return s;
      if (Status s = ControleerWaarde(*veld, t); !s.ok()) {
        return Status::InvalidArgument(std::string(kind) + ": " + s.message());
      }
      m->Zet(*veld, std::move(t));
      return Status::Ok();
    }
    m->Zet(Veld::kAdres, "");
    for (pugi::xml_node a : Elementen(c)) {
      const std::string_view deel = LokaleNaam(a.name());
      std::optional<Veld> v = ParseToken<Veld>(deel);
      if (!Eigen(a) || !v || !IsAdresVeld(*v)) {
        return Status::InvalidArgument("onbekend element " + std::string(a.name()) + " in Adres");
      }
      if (m->Heeft(*v))
        return Status::InvalidArgument(std::string(deel) + " komt meer dan eens voor");
      std::string t;
      if (Status s = TekstVan(a, &t); !s.ok()) return s;
      if (Status s = ControleerWaarde(*v, t); !s.ok()) {
        return Status::InvalidArgument(std::string(deel) + ": " + s.message());
      }
      m->Zet(*v, std::move(t));
    }
    for (const Veldspec& spec : AdresVelden()) {
      if (spec.verplicht && !m->Heeft(spec.veld)) {
        return Status::InvalidArgument(std::string("Adres zonder ") + Token(spec.veld));
      }
    }
    return Status::Ok();
  }

  Bron bron_;
  std::string prefix_;
};

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void Element(std::string* out, int indent, std::string_view name, std::string_view value) {
  out->append(static_cast<size_t>(indent), ' ');
  *out += '<';
  *out += name;
  *out += '>';
  *out += Escape(value);
  *out += "</";
  *out += name;
  *out += ">\n";
}

}  // namespace

const char* Namespace(Bron bron) {
  for (const Schema& s : kSchemas)
    if (s.bron == bron) return s.ns;
  return "";
}

const char* RootElement(Bron bron) {
  for (const Schema& s : kSchemas)
    if (s.bron == bron) return s.root;
  return "";
}

Status ParseMutatiebestand(std::string_view xml, const std::string& pad, Mutatiebestand* out) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    return Status::InvalidArgument(std::string("geen geldige XML: ") + parsed.description() +
                                   " (bij byte " + std::to_string(parsed.offset) + ")");
  }
  pugi::xml_node root;
  for (pugi::xml_node c : doc.children()) {
    if (c.type() == pugi::node_element) {
      if (root) return Status::InvalidArgument("geen geldige XML: meer dan één wortelelement");
      root = c;
    } else if (c.type() == pugi::node_pcdata && !Trim(c.value()).empty()) {
      return Status::InvalidArgument("geen geldige XML: tekst buiten het wortelelement");
    }
  }
  if (!root) return Status::InvalidArgument("geen geldige XML: geen wortelelement");

  const std::string_view prefix = PrefixVan(root.name());
  const std::string_view naam = LokaleNaam(root.name());
  const std::string xmlns = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  const std::string_view ns = root.attribute(xmlns.c_str()).value();
  const Schema* schema = nullptr;
  for (const Schema& s : kSchemas)
    if (naam == s.root && ns == s.ns) schema = &s;
  if (schema == nullptr) {
    return Status::InvalidArgument("onbekend wortelelement " + std::string(root.name()) +
                                   " in namespace '" + std::string(ns) +
                                   "' (verwacht GbaMutaties, IndMutaties of DuoMutaties in hun "
                                   "namespace)");
  }

  Mutatiebestand bestand;
  bestand.bron = schema->bron;
  bestand.pad = pad;
  pugi::xml_node mutaties;
  bool heeft_id = false;
  bool heeft_datum = false;
  bool tekst = false;
  for (pugi::xml_node c : Elementen(root, &tekst)) {
    const std::string_view kind = LokaleNaam(c.name());
    const bool eigen = PrefixVan(c.name()) == prefix;
    std::string t;
    if (eigen && kind == "BestandId" && !heeft_id) {
      heeft_id = true;
      if (Status s = TekstVan(c, &t); !s.ok() || !IsBestandId(t)) {
        return Status::InvalidArgument("BestandId moet 1 tot 100 tekens A-Z a-z 0-9 . _ - zijn");
      }
      bestand.bestand_id = t;
    } else if (eigen && kind == "Aanmaakdatum" && !heeft_datum) {
      heeft_datum = true;
      std::optional<Date> d;
      if (Status s = TekstVan(c, &t); s.ok()) d = Date::Parse(t);
      if (!d) return Status::InvalidArgument("Aanmaakdatum is geen geldige datum JJJJ-MM-DD");
      bestand.aanmaakdatum = *d;
    } else if (eigen && kind == "Mutaties" && !mutaties) {
      mutaties = c;
    } else {
      return Status::InvalidArgument("onverwacht element " + std::string(c.name()) + " in " +
                                     schema->root);
    }
  }
  if (tekst) return Status::InvalidArgument("tekst tussen de elementen van " + std::string(naam));
  if (!heeft_id) return Status::InvalidArgument("BestandId ontbreekt");
  if (!heeft_datum) return Status::InvalidArgument("Aanmaakdatum ontbreekt");
  if (!mutaties) return Status::InvalidArgument("Mutaties ontbreekt");

  const MutatieLezer lezer(schema->bron, prefix);
  int volgnummer = 0;
  for (pugi::xml_node c : Elementen(mutaties)) {
    Mutatie m;
    m.volgnummer = ++volgnummer;
    std::string bsn;
    if (Status s = lezer.Lees(c, &m, &bsn); !s.ok()) {
      bestand.weigeringen.push_back(Weigering{bestand.bestand_id, volgnummer, bsn,
                                              std::string(LokaleNaam(c.name())), s.message()});
      continue;
    }
    bestand.mutaties.push_back(std::move(m));
  }
  *out = std::move(bestand);
  return Status::Ok();
}

Status LeesMutatiebestand(const std::string& pad, Mutatiebestand* out) {
  std::ifstream in(pad, std::ios::binary);
  if (!in) return Status::InvalidArgument("kan " + pad + " niet lezen");
  std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::InvalidArgument("kan " + pad + " niet lezen");
  return ParseMutatiebestand(xml, pad, out);
}

RuweMutatie NaarRuw(const Mutatie& m) {
  RuweMutatie r;
  r.element = Token(m.soort);
  r.bsn = m.bsn;
  r.anummer = m.anummer;
  r.datum = m.datum.ToString();
  r.waarden = m.waarden;
  return r;
}

std::string SchrijfMutatiebestand(Bron bron, const std::string& bestand_id,
                                  const std::string& aanmaakdatum,
                                  const std::vector<RuweMutatie>& mutaties) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<";
  out += RootElement(bron);
  out += " xmlns=\"";
  out += Namespace(bron);
  out += "\">\n";
  Element(&out, 2, "BestandId", bestand_id);
  Element(&out, 2, "Aanmaakdatum", aanmaakdatum);
  out += "  <Mutaties>\n";
  for (const RuweMutatie& m : mutaties) {
    out += "    <" + m.element + ">\n      <Persoon>";
    out += "<BSN>" + Escape(m.bsn) + "</BSN>";
    if (m.anummer) out += "<ANummer>" + Escape(*m.anummer) + "</ANummer>";
    out += "</Persoon>\n";
    Element(&out, 6, "Datum", m.datum);
    auto tekst = [&](Veld v) -> const std::string* {
      for (const Waarde& w : m.waarden)
        if (w.veld == v) return &w.tekst;
      return nullptr;
    };
    std::vector<Veld> volgorde;
    if (std::optional<MutatieSoort> soort = ParseToken<MutatieSoort>(m.element)) {
      for (const Veldspec& s : MutatieVelden(*soort)) volgorde.push_back(s.veld);
    } else {
      for (const Waarde& w : m.waarden)
        if (!IsAdresVeld(w.veld)) volgorde.push_back(w.veld);
    }
    for (Veld v : volgorde) {
      const std::string* t = tekst(v);
      if (t == nullptr) continue;
      if (v != Veld::kAdres) {
        Element(&out, 6, Token(v), *t);
        continue;
      }
      out += "      <Adres>\n";
      for (const Veldspec& s : AdresVelden()) {
        if (const std::string* a = tekst(s.veld)) Element(&out, 8, Token(s.veld), *a);
      }
      out += "      </Adres>\n";
    }
    out += "    </" + m.element + ">\n";
  }
  out += "  </Mutaties>\n</";
  out += RootElement(bron);
  out += ">\n";
  return out;
}

}  // namespace isi::refresh
