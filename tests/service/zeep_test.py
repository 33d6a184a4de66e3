#!/usr/bin/python3
"""Integration test with an independent SOAP client: python3-zeep against the real isi-server.

Sets up like a new integrator would: isi-admin creates a store with synthetic persons and an
application key, isi-server runs on a free loopback port over TLS, and zeep imports the WSDL
the server serves, untouched. Paths come from the environment (set by CTest):
ISI_SERVER, ISI_ADMIN, ISI_SOURCE_DIR.
"""
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unittest

import requests
import zeep
from zeep.exceptions import Fault
from zeep.transports import Transport

SERVER = os.environ["ISI_SERVER"]
ADMIN = os.environ["ISI_ADMIN"]
SOURCE = os.environ["ISI_SOURCE_DIR"]
NS = "urn:nl:isi-koppeling:berichten_v1"
ACTION = NS + "#RaadplegenPersoon"


def admin(*args):
    out = subprocess.run([ADMIN, *args], check=True, capture_output=True, text=True)
    return out.stdout


class World:
    """One store, key and server for the whole module."""

    def __init__(self):
        self._clients = {}
        self.dir = tempfile.mkdtemp(prefix="isi-zeep-")
        self.store = os.path.join(self.dir, "isi.db")
        certs = os.path.join(self.dir, "certs")
        subprocess.run(["bash", os.path.join(SOURCE, "certs/make-dev-certs.sh"), certs],
                       check=True, capture_output=True)
        self.ca = os.path.join(certs, "ca.pem")
        admin("init", "--store", self.store)
        self.generated = json.loads(admin("generate", "--store", self.store, "--persons", "300",
                                          "--seed", "7", "--gemeenten", "0034,0014", "--json"))
        key = json.loads(admin("key", "create", "--store", self.store, "--gemeente", "0034",
                               "--roles", "2", "--json"))
        self.key, self.password = key["key"], key["password"]
        key6 = json.loads(admin("key", "create", "--store", self.store, "--gemeente", "0034",
                                "--roles", "6", "--json"))
        self.key6, self.password6 = key6["key"], key6["password"]
        self.extracts = os.path.join(self.dir, "extracts")
        admin("extract", "build", "--store", self.store, "--dir", self.extracts, "--gemeente", "0034")
        self.proc = subprocess.Popen(
            [SERVER, "--store", self.store, "--cert", os.path.join(certs, "server.pem"),
             "--key", os.path.join(certs, "server.key"), "--port", "0", "--workers", "2",
             "--extracts", self.extracts],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"port (\d+)", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("isi-server did not start: " + line)
        self.port = int(m.group(1))
        self.url = "https://localhost:%d/" % self.port

    def session(self, key=None, password=None):
        s = requests.Session()
        s.trust_env = False  # REQUESTS_CA_BUNDLE must not override our CA
        s.verify = self.ca
        s.auth = requests.auth.HTTPBasicAuth(key or self.key, password or self.password)
        return s

    def client(self, key=None, password=None):
        # One zeep client per credential: parsing the WSDL is the slow part.
        creds = (key or self.key, password or self.password)
        if creds not in self._clients:
            self._clients[creds] = zeep.Client(self.url + "?wsdl",
                                               transport=Transport(session=self.session(*creds)))
        return self._clients[creds]

    def samples(self, gemeente):
        return self.generated["gemeenten"][gemeente]["sample_bsns"]

    def close(self):
        self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(timeout=20)
        shutil.rmtree(self.dir, ignore_errors=True)
        return rc


WORLD = None


def setUpModule():
    global WORLD
    WORLD = World()


def tearDownModule():
    rc = WORLD.close()
    assert rc == 0, "isi-server did not shut down cleanly on SIGTERM: %r" % rc


def fault_code(fault):
    return fault.detail.find("{%s}Fout/{%s}Code" % (NS, NS)).text


class WsdlTest(unittest.TestCase):
    def test_served_wsdl_imports_untouched_and_points_at_the_server(self):
        client = WORLD.client()
        service = client.wsdl.services["IsiService"]
        port = service.ports["IsiPort"]
        self.assertEqual(port.binding_options["address"], WORLD.url)
        self.assertIn("RaadplegenPersoon", port.binding._operations)


class RaadplegenPersoonTest(unittest.TestCase):
    def test_dossier_by_bsn_is_typed_and_complete(self):
        bsn = WORLD.samples("0034")[0]
        d = WORLD.client().service.RaadplegenPersoon(Gemeentecode="0034", BSN=bsn)
        self.assertEqual(d.Kop.BSN, bsn)
        self.assertEqual(d.Kop.Woongemeente, "0034")
        self.assertIsInstance(d.Kop.Geboortedatum, datetime.date)
        self.assertIn(d.Kop.Herkomst, ("IsiActief", "IsiDefinitief"))
        s = d.Signalen
        self.assertEqual(s.Totaal, s.Nieuw + s.InBehandeling + s.Afgehandeld)
        self.assertIn(d.Persoonsgegevens.Geslacht, ("Man", "Vrouw", "Onbekend"))
        self.assertIsInstance(d.Persoonsgegevens.IndicatieDiplomaBehaald, bool)
        # The generator's samples are rich dossiers: handhaving, a voorziening and an exam.
        self.assertIsNotNone(d.Handhaving)
        self.assertIsInstance(d.Handhaving.BeginHandhaving, datetime.date)
        self.assertGreaterEqual(len(d.Inburgeringsvoorziening), 1)
        self.assertIsInstance(d.Inburgeringsvoorziening[0].DatumStart, datetime.date)
        self.assertGreaterEqual(len(d.Examens.Examenonderdeel), 1)
        self.assertIsInstance(d.Versie, int)

    def test_by_anummer_gives_the_same_person(self):
        client = WORLD.client()
        by_bsn = client.service.RaadplegenPersoon(Gemeentecode="0034", BSN=WORLD.samples("0034")[1])
        if by_bsn.Kop.ANummer is None:
            self.skipTest("sample without A-nummer")
        by_anr = client.service.RaadplegenPersoon(Gemeentecode="0034", ANummer=by_bsn.Kop.ANummer)
        self.assertEqual(by_anr.Kop.BSN, by_bsn.Kop.BSN)

    def test_wrong_password_and_unknown_key_give_the_same_fault(self):
        bsn = WORLD.samples("0034")[0]
        faults = []
        for key, password in ((WORLD.key, "wrong-password"), ("ak_0034_0000000000000000", WORLD.password)):
            with self.assertRaises(Fault) as ctx:
                WORLD.client(key, password).service.RaadplegenPersoon(Gemeentecode="0034", BSN=bsn)
            faults.append((fault_code(ctx.exception), ctx.exception.message))
        self.assertEqual(faults[0][0], "NietGeauthenticeerd")
        self.assertEqual(faults[0], faults[1])

    def test_person_of_another_municipality_is_not_found(self):
        with self.assertRaises(Fault) as ctx:
            WORLD.client().service.RaadplegenPersoon(Gemeentecode="0034", BSN=WORLD.samples("0014")[0])
        self.assertEqual(fault_code(ctx.exception), "NietGevonden")
        self.assertTrue(ctx.exception.code.endswith("NietGevonden"))

    def test_acting_for_a_municipality_not_granted_is_refused(self):
        with self.assertRaises(Fault) as ctx:
            WORLD.client().service.RaadplegenPersoon(Gemeentecode="0014", BSN=WORLD.samples("0014")[0])
        self.assertEqual(fault_code(ctx.exception), "NietGeautoriseerd")

    def test_invalid_bsn_names_the_field(self):
        with self.assertRaises(Fault) as ctx:
            WORLD.client().service.RaadplegenPersoon(Gemeentecode="0034", BSN="123456789")
        self.assertEqual(fault_code(ctx.exception), "OngeldigVerzoek")
        self.assertEqual(ctx.exception.detail.find("{%s}Fout/{%s}Veld" % (NS, NS)).text, "BSN")

    def test_both_bsn_and_anummer_is_refused(self):
        with self.assertRaises(Fault) as ctx:
            WORLD.client().service.RaadplegenPersoon(Gemeentecode="0034", BSN=WORLD.samples("0034")[0],
                                                     ANummer="4020209358")
        self.assertEqual(fault_code(ctx.exception), "OngeldigVerzoek")


class MessageBookTest(unittest.TestCase):
    """The operations of issue 3, through zeep (role 6 key; role 2 where stated)."""

    @classmethod
    def setUpClass(cls):
        cls.client = WORLD.client(WORLD.key6, WORLD.password6)

    def test_zoeken_personen_pages_through_every_woman_once_in_bsn_order(self):
        seen, token, total = [], None, None
        while True:
            r = self.client.service.ZoekenPersonen(Gemeentecode="0034", Geslacht="Vrouw",
                                                   PaginaGrootte=7, Vervolgsleutel=token)
            total = r.Totaal if total is None else total
            self.assertLessEqual(len(r.Persoon), 7)
            seen += [p.BSN for p in r.Persoon]
            for p in r.Persoon:
                self.assertEqual(p.Geslacht, "Vrouw")
                self.assertIsInstance(p.Geboortedatum, datetime.date)
                self.assertIsInstance(p.SignaalAanwezig, bool)
            token = r.VolgendePagina
            if token is None:
                break
        self.assertGreater(total, 7)
        self.assertEqual(len(seen), total)
        self.assertEqual(seen, sorted(set(seen)))

    def test_zoeken_personen_without_a_main_criterion_is_refused(self):
        with self.assertRaises(Fault) as ctx:
            self.client.service.ZoekenPersonen(Gemeentecode="0034", Herkomst="IsiActief")
        self.assertEqual(fault_code(ctx.exception), "OngeldigVerzoek")

    def test_role_2_may_not_select(self):
        with self.assertRaises(Fault) as ctx:
            WORLD.client().service.ZoekenPersonen(Gemeentecode="0034", Geslacht="Man")
        self.assertEqual(fault_code(ctx.exception), "NietGeautoriseerd")

    def test_zoeken_signalen_sorted_by_achternaam_with_open_count(self):
        rows, token = [], None
        while True:
            r = self.client.service.ZoekenSignalen(Gemeentecode="0034", Sortering="Achternaam",
                                                   Volgorde="Oplopend", PaginaGrootte=9, Vervolgsleutel=token)
            rows += r.Signaal
            token = r.VolgendePagina
            if token is None:
                break
        self.assertEqual(len(rows), r.Totaal)
        keys = [(s.Achternaam, s.SignaalId) for s in rows]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(r.NietAfgehandeld, sum(1 for s in rows if s.Status != "Afgehandeld"))
        self.assertIsInstance(rows[0].Datum, datetime.date)

    def test_wijzigen_signaalstatus_and_a_stale_version(self):
        r = self.client.service.ZoekenSignalen(Gemeentecode="0034", Status="Nieuw", PaginaGrootte=1)
        s = r.Signaal[0]
        changed = self.client.service.WijzigenSignaalstatus(
            Gemeentecode="0034", SignaalId=s.SignaalId, Versie=s.Versie, NieuweStatus="InBehandeling")
        self.assertEqual(changed.Status, "InBehandeling")
        self.assertEqual(changed.Versie, s.Versie + 1)
        with self.assertRaises(Fault) as ctx:
            self.client.service.WijzigenSignaalstatus(
                Gemeentecode="0034", SignaalId=s.SignaalId, Versie=s.Versie, NieuweStatus="Afgehandeld")
        self.assertEqual(fault_code(ctx.exception), "VersieVerouderd")
        with self.assertRaises(Fault) as ctx:
            self.client.service.WijzigenSignaalstatus(
                Gemeentecode="0034", SignaalId=s.SignaalId, Versie=changed.Versie, NieuweStatus="Nieuw")
        self.assertEqual(fault_code(ctx.exception), "OngeldigeStatusovergang")

    def test_polling_signal_changes_sees_each_signal_once(self):
        ids, token = [], None
        while True:
            r = self.client.service.ZoekenSignaalwijzigingen(Gemeentecode="0034", Sinds=token, Maximum=50)
            ids += [s.SignaalId for s in r.Signaal]
            token = r.Wijzigingstoken
            if not r.Meer:
                break
        self.assertEqual(len(ids), len(set(ids)))
        total = self.client.service.ZoekenSignalen(Gemeentecode="0034", PaginaGrootte=1).Totaal
        self.assertEqual(len(ids), total)
        again = self.client.service.ZoekenSignaalwijzigingen(Gemeentecode="0034", Sinds=token)
        self.assertEqual(len(again.Signaal), 0)
        self.assertFalse(again.Meer)

    def test_onder_welke_wet_for_own_and_other_municipality(self):
        client2 = WORLD.client()  # role 2 suffices
        own = client2.service.OnderWelkeWet(Gemeentecode="0034", BSN=WORLD.samples("0034")[0])
        self.assertTrue(own.WoonachtigInGemeente)
        self.assertIn(own.Wet, ("Wi2007", "Wi2013", "Wi2021", "Geen"))
        other = client2.service.OnderWelkeWet(Gemeentecode="0034", BSN=WORLD.samples("0014")[0])
        self.assertFalse(other.WoonachtigInGemeente)
        unknown = client2.service.OnderWelkeWet(Gemeentecode="0034", BSN="200000019")
        self.assertEqual((unknown.Wet, unknown.Overleden, unknown.WoonachtigInGemeente), ("Geen", False, False))


class BestandenTest(unittest.TestCase):
    """Extract files (issue 4): list, then download as MTOM and as inline base64."""

    def test_list_and_download_both_ways_with_matching_sha256(self):
        import hashlib
        client = WORLD.client(WORLD.key6, WORLD.password6)
        files = client.service.OpvragenBestandenlijst(Gemeentecode="0034")
        self.assertEqual([f.Soort for f in files],
                         ["isi", "signaallijst", "isi_vanaf2011", "termijnoverschrijdingen"])
        for f in files:
            self.assertIsInstance(f.Datum, datetime.date)
            for inline in (False, True):
                r = client.service.OphalenBestand(Gemeentecode="0034", Naam=f.Naam, Inline=inline)
                data = r.Inhoud
                self.assertEqual(len(data), f.Grootte, (f.Naam, inline))
                self.assertEqual(hashlib.sha256(data).hexdigest(), f.Sha256, (f.Naam, inline))
                self.assertEqual(data[:2], b"PK")

    def test_a_name_not_in_the_list_is_not_found(self):
        client = WORLD.client(WORLD.key6, WORLD.password6)
        with self.assertRaises(Fault) as ctx:
            client.service.OphalenBestand(Gemeentecode="0034", Naam="isi_0014_2026-01-01.zip")
        self.assertEqual(fault_code(ctx.exception), "NietGevonden")


class RawTest(unittest.TestCase):
    def post(self, body):
        return WORLD.session().post(WORLD.url, data=body, headers={
            "Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"%s"' % ACTION})

    def test_malformed_xml_gets_a_fault(self):
        r = self.post(b"<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body><x")
        self.assertEqual(r.status_code, 500)
        self.assertIn(b"OngeldigVerzoek", r.content)

    def test_doctype_gets_a_fault_and_nothing_is_expanded(self):
        body = (b"<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY a 'aaaaaaaaaa'>"
                b"<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
                b"<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/' xmlns:i='" + NS.encode() +
                b"'><s:Body><i:RaadplegenPersoon><i:Gemeentecode>&b;</i:Gemeentecode></i:RaadplegenPersoon>"
                b"</s:Body></s:Envelope>")
        r = self.post(body)
        self.assertEqual(r.status_code, 500)
        self.assertIn(b"DOCTYPE", r.content)
        self.assertIn(b"OngeldigVerzoek", r.content)


if __name__ == "__main__":
    unittest.main(verbosity=2)
