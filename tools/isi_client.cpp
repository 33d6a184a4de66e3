// isi-client: calls an operation of the ISI-koppeling and prints the answer as XML.
// For integrators' CI and for trying the service by hand. See `isi-client --help`.
//
// Exit codes: 0 answer printed; 2 usage error; 3 SOAP fault (code on stderr); 1 transport error.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "service/client.h"

int main(int argc, char** argv) {
  CLI::App app{"isi-client: call the ISI-koppeling over TLS and print the answer as XML"};
  isi::ClientOptions options;
  app.add_option("--endpoint", options.endpoint, "Service address, e.g. https://localhost:8443/")->required();
  app.add_option("--cafile", options.ca_file, "PEM CA file to trust for the server certificate")
      ->required()->check(CLI::ExistingFile);
  app.add_option("--key", options.key_id, "Application key (applicatiesleutel)")->required();
  app.add_option("--password", options.password,
                 "Password of the key (or set ISI_PASSWORD to keep it off the command line)");
  app.add_option("--timeout", options.timeout_s, "Seconds to wait for the service")
      ->capture_default_str()->check(CLI::Range(1, 600));
  app.require_subcommand(1);

  std::string gemeente;
  std::optional<std::string> bsn, anummer;
  auto* raadplegen = app.add_subcommand("RaadplegenPersoon", "The whole dossier of a person, by BSN or A-nummer");
  raadplegen->add_option("--gemeente", gemeente, "Gemeentecode to act for (4 digits)")->required();
  raadplegen->add_option("--bsn", bsn, "Burgerservicenummer (9 digits)");
  raadplegen->add_option("--anummer", anummer, "A-nummer (10 digits)");

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

  isi::IsiClient client(options);
  isi::ClientFault fault;
  if (raadplegen->parsed()) {
    if (client.RaadplegenPersoon(gemeente, bsn, anummer, &fault) != nullptr) {
      client.WriteLastResponse(std::cout);
      return 0;
    }
  }
  std::cerr << "isi-client: fout " << fault.code << ": " << fault.melding;
  if (!fault.veld.empty()) std::cerr << " (veld " << fault.veld << ")";
  std::cerr << '\n';
  return fault.code == "Transport" ? 1 : 3;
}
