// isi-client: calls an operation of the ISI-koppeling and prints the answer as XML.
// For integrators' CI and for trying the service by hand. See `isi-client --help`.
//
// Exit codes: 0 answer printed; 2 usage error; 3 SOAP fault (code on stderr); 1 transport error.
#include <openssl/evp.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "service/client.h"

namespace {

// Optional request fields point at main's own variables (they outlive the call).
template <typename T>
T* Opt(std::optional<T>& v) {
  return v ? &*v : nullptr;
}

// An enumeration value given as its token on the command line ("Vrouw", "InBehandeling"),
// kept in `storage`; `*out` points at it.
template <typename E>
bool Enum(struct soap* soap, const std::optional<std::string>& token,
          int (*s2)(struct soap*, const char*, E*), std::optional<E>* storage, E** out,
          const char* option) {
  *out = nullptr;
  if (!token) return true;
  E value{};
  if (s2(soap, token->c_str(), &value) != SOAP_OK) {
    std::cerr << "isi-client: " << option << ": onbekende waarde '" << *token << "'\n";
    return false;
  }
  *storage = value;
  *out = &**storage;
  return true;
}

std::string Sha256Hex(const unsigned char* data, size_t size) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data, size, md, &len, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"isi-client: call the ISI-koppeling over TLS and print the answer as XML"};
  isi::ClientOptions options;
  app.add_option("--endpoint", options.endpoint, "Service address, e.g. https://localhost:8443/")->required();
  app.add_option("--cafile", options.ca_file, "PEM CA file to trust for the server certificate")
      ->required()->check(CLI::ExistingFile);
  auto* cert = app.add_option("--cert", options.cert_file,
                              "PEM client certificate for mutual TLS (with --cert-key)")
                   ->check(CLI::ExistingFile);
  auto* cert_key =
      app.add_option("--cert-key", options.cert_key_file, "Unencrypted PEM private key of --cert")
          ->check(CLI::ExistingFile);
  cert->needs(cert_key);
  cert_key->needs(cert);
  app.add_option("--key", options.key_id, "Application key (applicatiesleutel)")->required();
  app.add_option("--password", options.password,
                 "Password of the key (or set ISI_PASSWORD to keep it off the command line)");
  app.add_option("--timeout", options.timeout_s, "Seconds to wait for the service")
      ->capture_default_str()->check(CLI::Range(1, 600));
  app.require_subcommand(1);

  std::string gemeente;
  std::optional<std::string> bsn, anummer, code, van, tot, geslacht, nationaliteit, herkomst, verblijf,
      status, sortering, volgorde, vervolgsleutel, sinds;
  std::optional<int> pagina, maximum;
  long long signaal_id = 0, versie = 0;
  std::string nieuwe_status;

  auto* raadplegen = app.add_subcommand("RaadplegenPersoon", "The whole dossier of a person, by BSN or A-nummer (role 2)");
  auto* wet = app.add_subcommand("OnderWelkeWet", "Which law applies to a BSN (role 2)");
  auto* personen = app.add_subcommand("ZoekenPersonen", "Select persons (role 3)");
  auto* signalen = app.add_subcommand("ZoekenSignalen", "Search signals (role 6)");
  auto* wijzigingen = app.add_subcommand("ZoekenSignaalwijzigingen", "Signals created or changed since a token (role 6)");
  auto* wijzig = app.add_subcommand("WijzigenSignaalstatus", "Change the status of a signal (role 6)");
  auto* lijst = app.add_subcommand("OpvragenBestandenlijst", "The extract files of the municipality (role 3)");
  auto* ophalen = app.add_subcommand("OphalenBestand", "Download an extract file into --uit, checking its SHA-256 (role 3)");
  std::string naam, uit;
  bool inline_base64 = false;
  ophalen->add_option("--naam", naam, "File name from OpvragenBestandenlijst")->required();
  ophalen->add_option("--uit", uit, "Where to write the file")->required();
  ophalen->add_flag("--inline", inline_base64, "Ask for inline base64 instead of an MTOM attachment");
  for (auto* sub : {raadplegen, wet, personen, signalen, wijzigingen, wijzig, lijst, ophalen})
    sub->add_option("--gemeente", gemeente, "Gemeentecode to act for (4 digits)")->required();
  raadplegen->add_option("--bsn", bsn, "Burgerservicenummer (9 digits)");
  raadplegen->add_option("--anummer", anummer, "A-nummer (10 digits)");
  wet->add_option("--bsn", bsn, "Burgerservicenummer")->required();
  personen->add_option("--geboortedatum-vanaf", van, "YYYY-MM-DD");
  personen->add_option("--geboortedatum-tot-en-met", tot, "YYYY-MM-DD");
  personen->add_option("--geslacht", geslacht, "Man, Vrouw or Onbekend");
  personen->add_option("--nationaliteit", nationaliteit, "First nationality, e.g. Marokkaanse");
  personen->add_option("--herkomst", herkomst, "IsiActief or IsiDefinitief (default both)");
  personen->add_option("--verblijf", verblijf, "WoonachtigInGemeente or GewezenIngezetenen (default both)");
  for (auto* sub : {personen, signalen}) {
    sub->add_option("--pagina-grootte", pagina, "Rows per page (1-100)");
    sub->add_option("--vervolgsleutel", vervolgsleutel, "VolgendePagina of the previous answer");
  }
  signalen->add_option("--bsn", bsn, "BSN");
  signalen->add_option("--anummer", anummer, "A-nummer");
  signalen->add_option("--code", code, "Signal code, e.g. SS016");
  signalen->add_option("--datum-vanaf", van, "YYYY-MM-DD");
  signalen->add_option("--datum-tot-en-met", tot, "YYYY-MM-DD");
  signalen->add_option("--status", status, "Nieuw, InBehandeling or Afgehandeld");
  signalen->add_option("--sortering", sortering, "Status, BSN, ANummer, Achternaam, Code, Omschrijving or Datum");
  signalen->add_option("--volgorde", volgorde, "Oplopend or Aflopend");
  wijzigingen->add_option("--sinds", sinds, "Wijzigingstoken of the previous answer (omit: from the start)");
  wijzigingen->add_option("--maximum", maximum, "At most this many signals (1-1000)");
  wijzig->add_option("--signaal-id", signaal_id, "SignaalId")->required();
  wijzig->add_option("--versie", versie, "Versie of the signal as last seen")->required();
  wijzig->add_option("--status", nieuwe_status, "New status: InBehandeling or Afgehandeld")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (options.password.empty()) {
    const char* env = std::getenv("ISI_PASSWORD");
    if (env == nullptr) {
      std::cerr << "isi-client: give --password or set ISI_PASSWORD\n";
      return 2;
    }
    options.password = env;
  }

  if (!options.cert_file.empty()) {
    if (std::string problem = isi::CheckClientCertificate(options.cert_file, options.cert_key_file);
        !problem.empty()) {
      std::cerr << "isi-client: --cert/--cert-key: " << problem << '\n';
      return 2;
    }
  }

  isi::IsiClient client(options);
  struct soap* soap = client.soap();
  isi::ClientFault fault;
  bool ok = false;
  if (raadplegen->parsed()) {
    ok = client.RaadplegenPersoon(gemeente, bsn, anummer, &fault) != nullptr;
  } else if (wet->parsed()) {
    _isi__OnderWelkeWet req;
    req.Gemeentecode = gemeente;
    req.BSN = *bsn;
    ok = client.OnderWelkeWet(req, &fault) != nullptr;
  } else if (personen->parsed()) {
    _isi__ZoekenPersonen req;
    req.Gemeentecode = gemeente;
    req.GeboortedatumVanaf = Opt(van);
    req.GeboortedatumTotEnMet = Opt(tot);
    req.Nationaliteit = Opt(nationaliteit);
    req.PaginaGrootte = Opt(pagina);
    req.Vervolgsleutel = Opt(vervolgsleutel);
    std::optional<isi__Geslacht> g;
    std::optional<isi__Herkomst> h;
    std::optional<isi__Verblijf> v;
    if (!Enum(soap, geslacht, soap_s2isi__Geslacht, &g, &req.Geslacht, "--geslacht") ||
        !Enum(soap, herkomst, soap_s2isi__Herkomst, &h, &req.Herkomst, "--herkomst") ||
        !Enum(soap, verblijf, soap_s2isi__Verblijf, &v, &req.Verblijf, "--verblijf"))
      return 2;
    ok = client.ZoekenPersonen(req, &fault) != nullptr;
  } else if (signalen->parsed()) {
    _isi__ZoekenSignalen req;
    req.Gemeentecode = gemeente;
    req.BSN = Opt(bsn);
    req.ANummer = Opt(anummer);
    req.Code = Opt(code);
    req.DatumVanaf = Opt(van);
    req.DatumTotEnMet = Opt(tot);
    req.PaginaGrootte = Opt(pagina);
    req.Vervolgsleutel = Opt(vervolgsleutel);
    std::optional<isi__SignaalStatus> st;
    std::optional<isi__Signaalsortering> so;
    std::optional<isi__Volgorde> vo;
    if (!Enum(soap, status, soap_s2isi__SignaalStatus, &st, &req.Status, "--status") ||
        !Enum(soap, sortering, soap_s2isi__Signaalsortering, &so, &req.Sortering, "--sortering") ||
        !Enum(soap, volgorde, soap_s2isi__Volgorde, &vo, &req.Volgorde, "--volgorde"))
      return 2;
    ok = client.ZoekenSignalen(req, &fault) != nullptr;
  } else if (wijzigingen->parsed()) {
    _isi__ZoekenSignaalwijzigingen req;
    req.Gemeentecode = gemeente;
    req.Sinds = Opt(sinds);
    req.Maximum = Opt(maximum);
    ok = client.ZoekenSignaalwijzigingen(req, &fault) != nullptr;
  } else if (wijzig->parsed()) {
    _isi__WijzigenSignaalstatus req;
    req.Gemeentecode = gemeente;
    req.SignaalId = signaal_id;
    req.Versie = versie;
    if (soap_s2isi__SignaalStatus(soap, nieuwe_status.c_str(), &req.NieuweStatus) != SOAP_OK) {
      std::cerr << "isi-client: --status: onbekende waarde '" << nieuwe_status << "'\n";
      return 2;
    }
    ok = client.WijzigenSignaalstatus(req, &fault) != nullptr;
  } else if (lijst->parsed()) {
    _isi__OpvragenBestandenlijst req;
    req.Gemeentecode = gemeente;
    ok = client.OpvragenBestandenlijst(req, &fault) != nullptr;
  } else if (ophalen->parsed()) {
    _isi__OphalenBestand req;
    req.Gemeentecode = gemeente;
    req.Naam = naam;
    req.Inline = inline_base64 ? &inline_base64 : nullptr;
    const auto* r = client.OphalenBestand(req, &fault);
    if (r != nullptr) {
      const auto size = static_cast<size_t>(r->Inhoud.__size);
      const std::string sha = Sha256Hex(r->Inhoud.__ptr, size);
      if (r->Bestand == nullptr || sha != r->Bestand->Sha256 || static_cast<long long>(size) != r->Bestand->Grootte) {
        std::cerr << "isi-client: het ontvangen bestand klopt niet met de opgegeven grootte/SHA-256\n";
        return 1;
      }
      std::ofstream out(uit, std::ios::binary);
      out.write(reinterpret_cast<const char*>(r->Inhoud.__ptr), static_cast<std::streamsize>(size));
      if (!out) {
        std::cerr << "isi-client: kan " << uit << " niet schrijven\n";
        return 1;
      }
      std::cout << r->Bestand->Naam << '\t' << size << '\t' << sha << '\n';
      return 0;
    }
  }
  if (ok) {
    client.WriteLastResponse(std::cout);
    return 0;
  }
  std::cerr << "isi-client: fout " << fault.code << ": " << fault.melding;
  if (!fault.veld.empty()) std::cerr << " (veld " << fault.veld << ")";
  std::cerr << '\n';
  return fault.code == "Transport" ? 1 : 3;
}
