// Application keys bound to client certificates (mutual TLS, issue 7): the canonical subject
// and fingerprint forms, CreateKey and SetKeyCertificate, and schema version 5, which adds the
// binding to stores of earlier versions.
#include <catch2/catch.hpp>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "tests/store/store_test_support.h"

using namespace isi;
using namespace isi::testing;

namespace {

// A self-signed certificate made once with
//   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -utf8 -days 36500
//     -subj "/C=NL/O=Gemeente Súdwest-Fryslân/OU=ICT+serialNumber=00000001822/CN=Smit, J. <cvs>"
// It has what makes subjects hard: UTF-8, a multi-valued RDN and characters that need escaping.
const char kFixedPem[] = R"(-----BEGIN CERTIFICATE-----
MIICMDCCAdegAwIBAgIUDOOIRit5XDxssT8q4MvnBTtQcRMwCgYIKoZIzj0EAwIw
bTELMAkGA1UEBhMCTkwxIzAhBgNVBAoMGkdlbWVlbnRlIFPDumR3ZXN0LUZyeXNs
w6JuMSAwCgYDVQQLDANJQ1QwEgYDVQQFEwswMDAwMDAwMTgyMjEXMBUGA1UEAwwO
U21pdCwgSi4gPGN2cz4wIBcNMjYxMTIzMDM1MTE2WhgPMjEyNjEwMzAwMzUxMTZa
MG0xCzAJBgNVBAYTAk5MMSMwIQYDVQQKDBpHZW1lZW50ZSBTw7pkd2VzdC1Gcnlz
bMOibjEgMAoGA1UECwwDSUNUMBIGA1UEBRMLMDAwMDAwMDE4MjIxFzAVBgNVBAMM
DlNtaXQsIEouIDxjdnM+MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEUd/wAIzC
sQeVqzss0uev1hhUlH2dqZwsfXL5SLU8aF85NLyJnfMS+Lw/DsT3PKLeKVFtMdLw
ecf/PXap4pPbTaNTMFEwHQYDVR0OBBYEFInYI2gQgDbMGF2PCXU9iG7BhEeWMB8G
A1UdIwQYMBaAFInYI2gQgDbMGF2PCXU9iG7BhEeWMA8GA1UdEwEB/wQFMAMBAf8w
CgYIKoZIzj0EAwIDRwAwRAIgPLjpLhI1r68kQwEsxiFKD1YRgMNpyCG/F6pHWUhb
u3ECICWuNN2vZIKAiuBbqcM2KBdBJ+DVg+G2P+VFt0nj3bhz
-----END CERTIFICATE-----
)";
// What OpenSSL itself says about it:
//   openssl x509 -noout -subject -nameopt RFC2253,-esc_msb
const char kFixedSubject[] =
    "CN=Smit\\, J. \\<cvs\\>,serialNumber=00000001822+OU=ICT,O=Gemeente Súdwest-Fryslân,C=NL";
//   openssl x509 -noout -fingerprint -sha256
const char kFixedFingerprint[] =
    "sha256 Fingerprint=7D:37:1B:6E:2A:F2:64:03:DD:81:15:4A:E1:31:DB:97:58:02:E3:10:E8:50:6C:F6:"
    "16:A4:9D:9E:37:C4:7A:CB";
const char kFixedSha256[] = "7d371b6e2af26403dd81154ae131db975802e310e8506cf616a49d9e37c47acb";

const char kAlmere[] = "CN=cvs.almere.nl,O=Gemeente Almere,C=NL";

std::string Canonical(const std::string& text) {
  std::string out;
  Status s = CanonicalCertificateSubject(text, &out);
  INFO(text << " -> " << s.ToString());
  REQUIRE(s.ok());
  return out;
}

Status Refused(const std::string& text) {
  std::string out = "unchanged";
  Status s = CanonicalCertificateSubject(text, &out);
  INFO(text << " -> " << s.ToString());
  CHECK(out == "unchanged");
  return s;
}

ApplicationKey Find(Store& store, const std::string& key_id) {
  ApplicationKey key;
  Status s = store.FindKey(key_id, &key);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return key;
}

}  // namespace

TEST_CASE("Certificate subjects: what an administrator types becomes one canonical form",
          "[store][keys][certificate]") {
  // RFC 4514 order, as OpenSSL prints it with -nameopt RFC2253: unchanged.
  CHECK(Canonical(kAlmere) == kAlmere);
  // Spaces after the commas (Java's X500Principal), attribute names in any case, long names.
  CHECK(Canonical("cn=cvs.almere.nl, o=Gemeente Almere, c=NL") == kAlmere);
  CHECK(Canonical("commonName=cvs.almere.nl,organizationName=Gemeente Almere,countryName=NL") ==
        kAlmere);
  // OpenSSL's slash form lists the RDNs in certificate order, the other way round.
  CHECK(Canonical("/C=NL/O=Gemeente Almere/CN=cvs.almere.nl") == kAlmere);
  // Pasted from openssl x509 -noout -subject -nameopt RFC2253, with its prefix and newline.
  CHECK(Canonical("subject=CN=cvs.almere.nl,O=Gemeente Almere,C=NL\n") == kAlmere);
  // The canonical form reads back unchanged.
  CHECK(Canonical(Canonical("cn=cvs.almere.nl, o=Gemeente Almere, c=NL")) == kAlmere);

  SECTION("special characters, UTF-8 and multi-valued RDNs") {
    CHECK(Canonical(kFixedSubject) == kFixedSubject);
    // \XX hex escapes (OpenSSL's -nameopt RFC2253 without -esc_msb) become UTF-8.
    CHECK(Canonical("CN=Smit\\, J. \\<cvs\\>,serialNumber=00000001822+OU=ICT,"
                    "O=Gemeente S\\C3\\BAdwest-Frysl\\C3\\A2n,C=NL") == kFixedSubject);
    CHECK(Canonical("/C=NL/O=Gemeente Súdwest-Fryslân/OU=ICT+serialNumber=00000001822/"
                    "CN=Smit, J. <cvs>") == kFixedSubject);
  }
  SECTION("what cannot be a subject is refused with the reason") {
    for (const char* bad : {"", "   ", "CN", "=x", "CN=", "CN=a,", "CN=a,,O=b", "XX=1",
                            "C=Nederland",  // a country is two letters
                            "CN=a\\", "CN=a\\q", "CN=#0403", "CN=a;b", "CN=\"a\""}) {
      Status s = Refused(bad);
      CHECK(s.code() == Status::Code::kInvalidArgument);
      CHECK(s.field() == "certificate_subject");
    }
    // OpenSSL's default one-line output lists the RDNs in the reverse order: refused with a hint.
    Status s = Refused("C = NL, O = Gemeente Almere, CN = cvs.almere.nl");
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains("-nameopt RFC2253"));
  }
}

TEST_CASE("Certificate fingerprints: SHA-256 in any common notation becomes lowercase hex",
          "[store][keys][certificate]") {
  std::string out;
  REQUIRE(CanonicalCertificateSha256(kFixedFingerprint, &out).ok());
  CHECK(out == kFixedSha256);
  REQUIRE(CanonicalCertificateSha256(
              "7D371B6E2AF26403DD81154AE131DB975802E310E8506CF616A49D9E37C47ACB", &out)
              .ok());
  CHECK(out == kFixedSha256);
  for (const char* bad : {"", "7d:37", "sha1 Fingerprint=7D:37:1B:6E:2A:F2:64:03:DD:81:15:4A:E1",
                          "zz371b6e2af26403dd81154ae131db975802e310e8506cf616a49d9e37c47acb",
                          "7d371b6e2af26403dd81154ae131db975802e310e8506cf616a49d9e37c47acb00"}) {
    INFO(bad);
    Status s = CanonicalCertificateSha256(bad, &out);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.field() == "certificate_sha256");
  }
}

TEST_CASE("Certificate identity: subject and fingerprint of a PEM file are what OpenSSL says",
          "[store][keys][certificate]") {
  TempDir dir;
  const std::string pem = dir.File("client.pem");
  {
    std::ofstream out(pem);
    out << kFixedPem;
  }
  std::string subject, sha256;
  REQUIRE(ReadCertificateIdentity(pem, &subject, &sha256).ok());
  CHECK(subject == kFixedSubject);
  CHECK(sha256 == kFixedSha256);

  const std::string not_pem = dir.File("not.pem");
  {
    std::ofstream out(not_pem);
    out << "no certificate here\n";
  }
  CHECK(ReadCertificateIdentity(not_pem, &subject, &sha256).code() ==
        Status::Code::kInvalidArgument);
  CHECK(ReadCertificateIdentity(dir.File("missing.pem"), &subject, &sha256).code() ==
        Status::Code::kInvalidArgument);
}

TEST_CASE("Keys: a certificate binding is stored canonical, listed, replaced and removed",
          "[store][keys][certificate]") {
  TempDir dir;
  auto store = OpenStore(dir.File("isi.db"));
  ApplicationKey bound = MakeKey("ak_0034_gebonden", "0034");
  bound.certificate_subject = "/C=NL/O=Gemeente Almere/CN=cvs.almere.nl";
  bound.certificate_sha256 = kFixedFingerprint;
  REQUIRE(store->CreateKey(bound).ok());
  REQUIRE(store->CreateKey(MakeKey("ak_0034_los", "0034")).ok());

  ApplicationKey key = Find(*store, "ak_0034_gebonden");
  CHECK(key.certificate_subject == kAlmere);
  CHECK(key.certificate_sha256 == kFixedSha256);
  CHECK(Find(*store, "ak_0034_los").certificate_subject.empty());
  CHECK(Find(*store, "ak_0034_los").certificate_sha256.empty());
  std::vector<ApplicationKey> all;
  REQUIRE(store->ListKeys(&all).ok());
  REQUIRE(all.size() == 2);
  CHECK(all[0].certificate_subject == kAlmere);
  CHECK(all[0].certificate_sha256 == kFixedSha256);
  CHECK(all[1].certificate_subject.empty());

  // Another subject, without a fingerprint: the old fingerprint goes too.
  REQUIRE(store->SetKeyCertificate("ak_0034_gebonden", kFixedSubject, "").ok());
  key = Find(*store, "ak_0034_gebonden");
  CHECK(key.certificate_subject == kFixedSubject);
  CHECK(key.certificate_sha256.empty());
  REQUIRE(store
              ->SetKeyCertificate("ak_0034_los", "cn=cvs.almere.nl, o=Gemeente Almere, c=NL",
                                  kFixedSha256)
              .ok());
  CHECK(Find(*store, "ak_0034_los").certificate_subject == kAlmere);
  CHECK(Find(*store, "ak_0034_los").certificate_sha256 == kFixedSha256);
  // Removed.
  REQUIRE(store->SetKeyCertificate("ak_0034_los", "", "").ok());
  CHECK(Find(*store, "ak_0034_los").certificate_subject.empty());
  CHECK(Find(*store, "ak_0034_los").certificate_sha256.empty());

  SECTION("refused bindings change nothing") {
    Status s = store->SetKeyCertificate("ak_0034_gebonden", "C = NL, CN = x", "");
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.field() == "certificate_subject");
    s = store->SetKeyCertificate("ak_0034_gebonden", "", kFixedSha256);  // fingerprint only
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.field() == "certificate_sha256");
    s = store->SetKeyCertificate("ak_0034_gebonden", kAlmere, "7d:37");
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.field() == "certificate_sha256");
    CHECK(Find(*store, "ak_0034_gebonden").certificate_subject == kFixedSubject);
    CHECK(store->SetKeyCertificate("ak_onbekend", kAlmere, "").code() == Status::Code::kNotFound);

    ApplicationKey fingerprint_only = MakeKey("ak_0034_alleen_vingerafdruk", "0034");
    fingerprint_only.certificate_sha256 = kFixedSha256;
    CHECK(store->CreateKey(fingerprint_only).code() == Status::Code::kInvalidArgument);
    ApplicationKey bad_subject = MakeKey("ak_0034_fout_subject", "0034");
    bad_subject.certificate_subject = "C=Nederland";
    CHECK(store->CreateKey(bad_subject).code() == Status::Code::kInvalidArgument);
    ApplicationKey none;
    CHECK(store->FindKey("ak_0034_fout_subject", &none).code() == Status::Code::kNotFound);
  }
  SECTION("the table refuses a fingerprint without a subject behind the store's back") {
    store.reset();
    RawDb raw(dir.File("isi.db"));
    CHECK(
        raw.Exec("UPDATE applicatiesleutels SET certificaat_subject = '', certificaat_sha256 = '" +
                 std::string(kFixedSha256) + "' WHERE key_id = 'ak_0034_los'") != 0);
  }
}

TEST_CASE("Schema v5: a version 4 store migrates on open; its keys are bound to no certificate",
          "[store][schema][certificate]") {
  TempDir dir;
  const std::string path = dir.File("v4.db");
  {
    std::unique_ptr<sqlite::Connection> conn;
    REQUIRE(sqlite::Connection::Open(path, true, &conn).ok());
    REQUIRE(conn->Exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON").ok());
    std::vector<Migration> up_to_4;
    for (const Migration& m : IsiMigrations())
      if (m.version <= 4) up_to_4.push_back(m);
    REQUIRE(up_to_4.size() == 4);
    REQUIRE(MigrateSchema(conn.get(), up_to_4).ok());
    REQUIRE(
        conn->Exec("INSERT INTO applicatiesleutels (key_id, gemeentecode, roles, password_hash, "
                   "created_at, failed_count, failure_window_start, locked_until) VALUES "
                   "('ak_v4', '0034', '2,6', 'hash', 1, 2, 1600000000, NULL)")
            .ok());
    int64_t version = 0;
    REQUIRE(conn->QueryInt("PRAGMA user_version", &version).ok());
    REQUIRE(version == 4);
  }
  auto store = OpenStore(path, /*create=*/false);
  {
    RawDb raw(path);
    CHECK(raw.Int("PRAGMA user_version") == LatestSchemaVersion());
    CHECK(LatestSchemaVersion() >= 5);
  }
  ApplicationKey key = Find(*store, "ak_v4");
  CHECK(key.roles == std::vector<int>{2, 6});
  CHECK(key.failed_count == 2);  // the rest of the key is kept
  CHECK(key.certificate_subject.empty());
  CHECK(key.certificate_sha256.empty());
  REQUIRE(store->SetKeyCertificate("ak_v4", kAlmere, kFixedSha256).ok());
  key = Find(*store, "ak_v4");
  CHECK(key.certificate_subject == kAlmere);
  CHECK(key.certificate_sha256 == kFixedSha256);
}
