// Mutual TLS with application keys bound to client certificates (issue 7): the real isi-server
// with --client-ca over real TLS, client certificates of the test CA with different subjects,
// and a real SQLite store. Every request is a real RaadplegenPersoon; the test checks what the
// CVS sees (the dossier, or the HTTP status and fault code) and what the administrator sees in
// the store (failed logins, lock). The real isi-client is run with and without --cert.
#include <openssl/ssl.h>

#include <catch2/catch.hpp>
#include <ctime>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "store/password.h"
#include "store/store.h"
#include "tests/support/fixtures.h"
#include "tests/support/raw_tls.h"
#include "tests/support/test_env.h"

using namespace isi;
using namespace isi::testing;

namespace {

const char kBsn[] = "111222333";  // a person of Almere (0034)
const char kANummer[] = "4020209358";
const char kPassword[] = "client-cert-test-password-0034";
const char kAction[] = "urn:nl:isi-koppeling:berichten_v1#RaadplegenPersoon";

// Two CVS installations of Almere with certificates of the same CA.
const char kSubjectA[] = "/C=NL/O=Gemeente Almere/CN=cvs-a.almere.nl";
const char kSubjectB[] = "/C=NL/O=Gemeente Almere/CN=cvs-b.almere.nl";
// Subject A as an administrator types it, in RFC 4514 order (the stored form differs in case
// and spacing only).
const char kTypedA[] = "cn=cvs-a.almere.nl, o=Gemeente Almere, c=NL";

// The keys of the store (password kPassword, role 2, gemeente 0034).
const char kKeyA[] = "ak_0034_gebonden_a";         // bound to subject A
const char kKeyPinned[] = "ak_0034_vastgepind_a";  // bound to subject A and certificate a.pem
const char kKeyUnbound[] = "ak_0034_ongebonden";   // bound to no certificate
const char kKeyLock[] = "ak_0034_slot_a";          // bound to A; locked by the lock test
const char kKeyRebind[] = "ak_0034_eerst_b";       // bound to B, rebound to A by a test

const char kBody[] =
    "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
    "xmlns:isi=\"urn:nl:isi-koppeling:berichten_v1\"><soapenv:Body><isi:RaadplegenPersoon>"
    "<isi:Gemeentecode>0034</isi:Gemeentecode><isi:BSN>111222333</isi:BSN>"
    "</isi:RaadplegenPersoon></soapenv:Body></soapenv:Envelope>";

struct World {
  TempDir dir;
  std::string store_path = dir.File("isi.db");
  std::string certs = dir.File("certs");
  std::string ca_file = dir.File("certs/ca.pem");

  World() {
    MakeDevCerts(certs);
    MakeClientCert(certs, "a", kSubjectA);
    MakeClientCert(certs, "b", kSubjectB);
    MakeClientCert(certs, "a2", kSubjectA);  // subject A again: a renewed certificate
    std::unique_ptr<Store> store;
    StoreOptions options;
    options.create_if_missing = true;
    Require(OpenSqliteStore(store_path, options, &store));
    Require(store->InsertPersons({RichDossier(kBsn, kANummer, "0034")}, {}));
    std::string sha256_a, subject_a;
    Require(ReadCertificateIdentity(certs + "/a.pem", &subject_a, &sha256_a));
    AddKey(*store, kKeyA, kTypedA, "");
    AddKey(*store, kKeyPinned, kSubjectA, sha256_a);
    AddKey(*store, kKeyUnbound, "", "");
    AddKey(*store, kKeyLock, kSubjectA, "");
    AddKey(*store, kKeyRebind, kSubjectB, "");
  }
  static void AddKey(Store& store, const char* id, const std::string& subject,
                     const std::string& sha256) {
    ApplicationKey key;
    key.key_id = id;
    key.gemeentecode = "0034";
    key.roles = {2};
    key.created_at = 1700000000;
    key.certificate_subject = subject;
    key.certificate_sha256 = sha256;
    Require(HashPassword(kPassword, &key.password_hash));
    Require(store.CreateKey(key));
  }
  static void Require(const Status& s) {
    if (!s.ok()) throw std::runtime_error("test setup: " + s.ToString());
  }
  std::unique_ptr<Store> OpenStore() const {
    std::unique_ptr<Store> store;
    Require(OpenSqliteStore(store_path, StoreOptions{}, &store));
    return store;
  }
  // TLS options presenting client certificate `name` ("a", "b", "a2"); "" presents none.
  TlsOptions Tls(const std::string& name) const {
    TlsOptions o;
    o.ca_file = ca_file;
    if (!name.empty()) {
      o.client_cert = certs + "/" + name + ".pem";
      o.client_key = certs + "/" + name + ".key";
    }
    return o;
  }
  // isi-server on this store with `extra` arguments; its stderr into `stderr_path` if given.
  std::unique_ptr<ServerProcess> Start(std::vector<std::string> extra,
                                       const std::string& stderr_path = "") const {
    extra.insert(extra.begin(), {"--workers", "2"});
    return std::make_unique<ServerProcess>(store_path, certs, extra, stderr_path);
  }
  std::vector<std::string> MutualTls() const { return {"--client-ca", ca_file}; }
};

World& W() {
  static World world;
  return world;
}

// What the CVS gets back for one request.
struct Answer {
  bool connected = false;  // the TLS handshake completed
  int status = 0;          // HTTP status; 0 when no answer
  std::string code;        // <isi:Code> of a fault
  std::string melding;     // <isi:Melding> of a fault
  std::string text;
};

std::string Find(const std::string& text, const char* re) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(re)) ? m[1].str() : std::string();
}

// RaadplegenPersoon for kBsn with `key`/`password`, on a new connection presenting certificate
// `cert` (see World::Tls).
Answer Ask(const ServerProcess& server, const std::string& cert, const std::string& key,
           const std::string& password = kPassword) {
  Answer a;
  TlsConnection c(server.port(), W().Tls(cert));
  a.connected = c.ok();
  if (!a.connected) return a;
  c.Send(SoapPost(kBody, key, password, kAction));
  a.text = c.ReadUntilClose();
  a.status = HttpStatus(a.text);
  a.code = Find(a.text, "<isi:Code>([^<]*)</isi:Code>");
  a.melding = Find(a.text, "<isi:Melding>([^<]*)</isi:Melding>");
  return a;
}

bool GotDossier(const Answer& a) {
  return a.status == 200 && a.text.find("<isi:BSN>111222333</isi:BSN>") != std::string::npos &&
         a.code.empty();
}

int FailedCount(const std::string& key_id) {
  ApplicationKey key;
  World::Require(W().OpenStore()->FindKey(key_id, &key));
  return key.failed_count;
}

}  // namespace

TEST_CASE("Client certificates: the store holds the subject in its canonical form",
          "[mtls][client-cert]") {
  ApplicationKey key;
  World::Require(W().OpenStore()->FindKey(kKeyA, &key));
  CHECK(key.certificate_subject == "CN=cvs-a.almere.nl,O=Gemeente Almere,C=NL");
  std::string subject;
  World::Require(ReadCertificateIdentity(W().certs + "/a.pem", &subject, nullptr));
  CHECK(subject == key.certificate_subject);
}

TEST_CASE(
    "Client certificates: under --client-ca a key answers only with the certificate it is "
    "bound to",
    "[mtls][client-cert]") {
  auto server = W().Start(W().MutualTls());

  SECTION("the right certificate with the right key and password gets the dossier") {
    const Answer a = Ask(*server, "a", kKeyA);
    INFO(a.text);
    CHECK(GotDossier(a));
  }
  SECTION("a key bound to subject A with certificate B is NietGeauthenticeerd (401)") {
    REQUIRE(GotDossier(Ask(*server, "a", kKeyA)));  // the password is now cached as verified
    const int before = FailedCount(kKeyA);
    const Answer a = Ask(*server, "b", kKeyA);
    INFO(a.text);
    CHECK(a.connected);
    CHECK(a.status == 401);
    CHECK(a.code == "NietGeauthenticeerd");
    CHECK(a.text.find("<isi:BSN>") == std::string::npos);
    // It counts as a failed login of the key, like a wrong password.
    CHECK(FailedCount(kKeyA) == before + 1);
    // The key still works with its own certificate, which clears the count.
    CHECK(GotDossier(Ask(*server, "a", kKeyA)));
    CHECK(FailedCount(kKeyA) == 0);
  }
  SECTION(
      "the refusal says nothing about the key: the same answer as an unknown key or a wrong "
      "password") {
    const Answer wrong_cert = Ask(*server, "b", kKeyA);
    const Answer unknown_key = Ask(*server, "b", "ak_0034_bestaat_niet");
    const Answer wrong_password = Ask(*server, "a", kKeyA, "niet-het-wachtwoord");
    const Answer unbound = Ask(*server, "a", kKeyUnbound);
    for (const Answer* a : {&wrong_cert, &unknown_key, &wrong_password, &unbound}) {
      INFO(a->text);
      CHECK(a->status == 401);
      CHECK(a->code == "NietGeauthenticeerd");
      CHECK(a->melding == "Applicatiesleutel, wachtwoord of clientcertificaat onjuist");
    }
  }
  SECTION("a key bound to no certificate is refused by default") {
    const Answer a = Ask(*server, "a", kKeyUnbound);
    INFO(a.text);
    CHECK(a.status == 401);
    CHECK(a.code == "NietGeauthenticeerd");
  }
  SECTION("a pinned key answers only with that very certificate, not a renewed one") {
    CHECK(GotDossier(Ask(*server, "a", kKeyPinned)));
    const Answer renewed = Ask(*server, "a2", kKeyPinned);
    CHECK(renewed.status == 401);
    CHECK(renewed.code == "NietGeauthenticeerd");
    // A key bound by subject only accepts the renewed certificate.
    CHECK(GotDossier(Ask(*server, "a2", kKeyA)));
  }
  SECTION("without a client certificate there is no TLS connection at all") {
    TlsOptions o = W().Tls("");
    o.min_version = o.max_version = TLS1_2_VERSION;  // TLS 1.3 refuses after the handshake
    TlsConnection c(server->port(), o);
    CHECK_FALSE(c.ok());
    CHECK_FALSE(Ask(*server, "", kKeyA).status == 200);
  }
  SECTION("binding a key anew takes effect at the next request, without a restart") {
    const Answer before = Ask(*server, "a", kKeyRebind);
    CHECK(before.status == 401);
    World::Require(W().OpenStore()->SetKeyCertificate(kKeyRebind, kTypedA, ""));
    CHECK(GotDossier(Ask(*server, "a", kKeyRebind)));
    CHECK(Ask(*server, "b", kKeyRebind).status == 401);
    World::Require(W().OpenStore()->SetKeyCertificate(kKeyRebind, kSubjectB, ""));
    World::Require(W().OpenStore()->ResetAuthFailures(kKeyRebind));
  }
}

TEST_CASE("Client certificates: refusals for the certificate lock the key like wrong passwords",
          "[mtls][client-cert][lock]") {
  auto server = W().Start({"--client-ca", W().ca_file, "--max-auth-failures", "3"});
  for (int i = 0; i < 3; ++i) {
    const Answer a = Ask(*server, "b", kKeyLock);  // the right password, the wrong certificate
    CHECK(a.status == 401);
    CHECK(a.code == "NietGeauthenticeerd");
  }
  // Locked now: even the right certificate gets SleutelGeblokkeerd until isi-admin key unlock.
  const Answer locked = Ask(*server, "a", kKeyLock);
  INFO(locked.text);
  CHECK(locked.code == "SleutelGeblokkeerd");
  ApplicationKey key;
  World::Require(W().OpenStore()->FindKey(kKeyLock, &key));
  CHECK(key.locked_until.has_value());
  World::Require(W().OpenStore()->ResetAuthFailures(kKeyLock));
  CHECK(GotDossier(Ask(*server, "a", kKeyLock)));
}

TEST_CASE(
    "Client certificates: --client-cert-binding registered lets keys bound to no "
    "certificate in, and still checks the bound ones",
    "[mtls][client-cert]") {
  auto server = W().Start({"--client-ca", W().ca_file, "--client-cert-binding", "registered"});
  CHECK(GotDossier(Ask(*server, "a", kKeyUnbound)));
  CHECK(GotDossier(Ask(*server, "b", kKeyUnbound)));
  CHECK(GotDossier(Ask(*server, "a", kKeyA)));
  const Answer wrong = Ask(*server, "b", kKeyA);
  CHECK(wrong.status == 401);
  CHECK(wrong.code == "NietGeauthenticeerd");
  World::Require(W().OpenStore()->ResetAuthFailures(kKeyA));
}

TEST_CASE("Client certificates: without --client-ca nothing changes", "[mtls][client-cert]") {
  auto server = W().Start({});
  // No client certificate is asked for; a bound key answers as before, with the old message.
  CHECK(GotDossier(Ask(*server, "", kKeyA)));
  CHECK(GotDossier(Ask(*server, "", kKeyUnbound)));
  const Answer wrong = Ask(*server, "", kKeyA, "niet-het-wachtwoord");
  CHECK(wrong.status == 401);
  CHECK(wrong.melding == "Applicatiesleutel of wachtwoord onjuist");
  World::Require(W().OpenStore()->ResetAuthFailures(kKeyA));
}

TEST_CASE("Client certificates: isi-server refuses --client-cert-binding without --client-ca",
          "[mtls][client-cert]") {
  CHECK_THROWS(W().Start({"--client-cert-binding", "required"}));
}

TEST_CASE(
    "isi-client: --cert and --cert-key present the client certificate, so a bound key gets its "
    "answer under --client-ca",
    "[mtls][client-cert][client]") {
  auto server = W().Start(W().MutualTls());
  const std::string& certs = W().certs;
  auto run = [&](const std::vector<std::string>& cert_args, std::string* out, std::string* err) {
    std::vector<std::string> argv = {ISI_CLIENT_PATH, "--endpoint", server->endpoint(), "--cafile",
                                     W().ca_file, "--key", kKeyA, "--password", kPassword};
    argv.insert(argv.end(), cert_args.begin(), cert_args.end());
    argv.insert(argv.end(), {"RaadplegenPersoon", "--gemeente", "0034", "--bsn", kBsn});
    return RunCommand(argv, out, err);
  };
  std::string out, err;

  SECTION("with the certificate the key is bound to it prints the dossier") {
    CHECK(run({"--cert", certs + "/a.pem", "--cert-key", certs + "/a.key"}, &out, &err) == 0);
    INFO(err);
    CHECK(out.find("<isi:BSN>111222333</isi:BSN>") != std::string::npos);
  }
  SECTION("without --cert the server refuses the connection: a transport error (exit 1)") {
    CHECK(run({}, &out, &err) == 1);
    INFO(err);
    CHECK(out.empty());
    CHECK(err.find("isi-client: fout Transport") != std::string::npos);
  }
  SECTION("with another certificate of the CA the key is NietGeauthenticeerd (exit 3)") {
    CHECK(run({"--cert", certs + "/b.pem", "--cert-key", certs + "/b.key"}, &out, &err) == 3);
    CHECK(out.empty());
    CHECK(err.find("NietGeauthenticeerd") != std::string::npos);
    World::Require(W().OpenStore()->ResetAuthFailures(kKeyA));
  }
  SECTION("--cert without --cert-key, and the other way round, are usage errors (exit 2)") {
    CHECK(run({"--cert", certs + "/a.pem"}, &out, &err) == 2);
    CHECK(err.find("--cert-key") != std::string::npos);
    CHECK(run({"--cert-key", certs + "/a.key"}, &out, &err) == 2);
    CHECK(err.find("--cert") != std::string::npos);
  }
  SECTION("a key that is not the certificate's stops before connecting (exit 2) and says so") {
    CHECK(run({"--cert", certs + "/a.pem", "--cert-key", certs + "/b.key"}, &out, &err) == 2);
    INFO(err);
    CHECK(err.find("does not belong to client certificate") != std::string::npos);
    CHECK(out.empty());
  }
  SECTION("a missing file, a file that is no certificate, an encrypted key: exit 2") {
    CHECK(run({"--cert", certs + "/missing.pem", "--cert-key", certs + "/a.key"}, &out, &err) == 2);
    CHECK(err.find("missing.pem") != std::string::npos);
    CHECK(run({"--cert", certs + "/a.csr", "--cert-key", certs + "/a.key"}, &out, &err) == 2);
    CHECK(err.find("holds no usable PEM certificate") != std::string::npos);
    // Encrypted: refused at once, never a passphrase prompt on the terminal.
    REQUIRE(RunCommand({"/usr/bin/openssl", "pkey", "-in", certs + "/a.key", "-aes256", "-passout",
                        "pass:geheim", "-out", certs + "/a-encrypted.key"}) == 0);
    const std::string encrypted = certs + "/a-encrypted.key";
    CHECK(run({"--cert", certs + "/a.pem", "--cert-key", encrypted}, &out, &err) == 2);
    CHECK(err.find("not an unencrypted PEM private key") != std::string::npos);
  }
}

TEST_CASE(
    "Refused logins: one line each on the server's stderr with time, address, key, reason and "
    "certificate subject, never the password",
    "[mtls][client-cert][log]") {
  const std::string log = W().dir.File("refusals.log");
  auto server = W().Start(W().MutualTls(), log);
  const std::time_t started = std::time(nullptr);
  CHECK(Ask(*server, "a", kKeyA, "fout-wachtwoord-<geheim>").status == 401);
  CHECK(Ask(*server, "b", kKeyA).status == 401);  // the right password, another certificate
  CHECK(Ask(*server, "a", "ak_0034\n<script>x", "nog-een-geheim-wachtwoord").status == 401);
  CHECK(GotDossier(Ask(*server, "a", kKeyA)));  // an accepted login is not logged
  World::Require(W().OpenStore()->ResetAuthFailures(kKeyA));

  // The server writes the line before it answers: it is there once the answer is.
  const std::string text = ReadFile(log);
  INFO(text);
  std::vector<std::string> lines;
  for (size_t at = 0, end; (end = text.find('\n', at)) != std::string::npos; at = end + 1)
    if (text.substr(at, end - at).find("aanmelding geweigerd") != std::string::npos)
      lines.push_back(text.substr(at, end - at));
  REQUIRE(lines.size() == 3);
  const std::string time = "([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)";
  const std::string subject_a = "certificaat=\"CN=cvs-a\\.almere\\.nl,O=Gemeente Almere,C=NL\"";
  const std::string subject_b = "certificaat=\"CN=cvs-b\\.almere\\.nl,O=Gemeente Almere,C=NL\"";
  std::smatch m;
  CHECK(std::regex_match(lines[0], m,
                         std::regex("^" + time +
                                    " aanmelding geweigerd ip=127\\.0\\.0\\.1 "
                                    "sleutel=ak_0034_gebonden_a reden=wachtwoord-onjuist " +
                                    subject_a + "$")));
  // The time is now, in UTC.
  if (!m.empty()) {
    std::tm tm{};
    REQUIRE(strptime(m[1].str().c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) != nullptr);
    const std::time_t logged = timegm(&tm);
    CHECK(logged >= started - 1);
    CHECK(logged <= std::time(nullptr) + 1);
  }
  CHECK(std::regex_match(lines[1], std::regex("^" + time +
                                              " aanmelding geweigerd ip=127\\.0\\.0\\.1 "
                                              "sleutel=ak_0034_gebonden_a "
                                              "reden=certificaat-onjuist " +
                                              subject_b + "$")));
  // The line break and markup of the key id are '?': still one line, no "<script>".
  CHECK(std::regex_match(lines[2], std::regex("^" + time +
                                              " aanmelding geweigerd ip=127\\.0\\.0\\.1 "
                                              "sleutel=ak_0034\\?\\?script\\?x "
                                              "reden=onbekende-sleutel " +
                                              subject_a + "$")));
  CHECK(text.find("<script>") == std::string::npos);
  CHECK(text.find("fout-wachtwoord") == std::string::npos);
  CHECK(text.find("geheim") == std::string::npos);
}
