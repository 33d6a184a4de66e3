#!/usr/bin/python3
"""isi-admin refresh and generate-mutations end to end, and the published XSDs.

Generated mutation files (without invalid ones) must validate against wsdl/mutaties/*.xsd with
lxml; files with invalid mutations must not (an unknown kind, an impossible date). The refresh
is run through the real binary: its JSON summary, exit codes, a corrupt file among good ones, a
second run that applies nothing, the refusals CSV and the extract rebuild. Paths come from the
environment (set by CTest): ISI_ADMIN, ISI_SOURCE_DIR.
"""
import csv
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

from lxml import etree

ADMIN = os.environ["ISI_ADMIN"]
SCHEMAS = os.path.join(os.environ["ISI_SOURCE_DIR"], "wsdl", "mutaties")
DATUM = "2026-11-23"
ALL_KINDS = {
    "GBA": {"Verhuizing", "VertrekBuitenland", "VestigingUitBuitenland", "Overlijden",
            "WijzigingGeboortedatum", "WijzigingNationaliteit", "WijzigingVerblijfsrecht",
            "WijzigingAsielindicatie", "WijzigingPersoonsgegevens"},
    "IND": {"Verblijfsdoel", "Nieuwkomer"},
    "DUO": {"EindeInschrijving", "Diploma", "Examenuitslag", "Examenaanmelding",
            "KorteVrijstellingstoets", "GedeeltelijkeVrijstelling"},
}


def admin(*args):
    return subprocess.run([ADMIN, *args], capture_output=True, text=True)


def schema(source):
    return etree.XMLSchema(etree.parse(os.path.join(SCHEMAS, source.lower() + ".xsd")))


class RefreshCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="isi-refresh-")
        cls.store = os.path.join(cls.dir, "isi.db")
        for args in (("init", "--store", cls.store),
                     ("generate", "--store", cls.store, "--persons", "1500", "--seed", "3",
                      "--today", DATUM),
                     ("key", "create", "--store", cls.store, "--gemeente", "0363", "--roles",
                      "2,3,5,6")):
            r = admin(*args)
            assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def generate(self, out, seed, count, invalid="0"):
        r = admin("generate-mutations", "--store", self.store, "--out", out, "--date", DATUM,
                  "--count", str(count), "--seed", str(seed), "--invalid-fraction", invalid,
                  "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)["bestanden"]

    def test_generated_files_validate_against_the_xsds(self):
        files = self.generate(os.path.join(self.dir, "valid"), 1, 3000)
        self.assertEqual([f["bron"] for f in files], ["GBA", "IND", "DUO"])
        for f in files:
            xs = schema(f["bron"])
            doc = etree.parse(f["pad"])
            self.assertTrue(xs.validate(doc), f"{f['pad']}: {xs.error_log}")
            self.assertEqual(f["ongeldig"], 0)
            # Every kind of the source occurs, so the schema is checked for each; except
            # EindeInschrijving, which needs a running temporary exemption (the synthetic data
            # have none on this date): checked by hand below.
            self.assertEqual(set(f["per_soort"]) | {"EindeInschrijving"},
                             ALL_KINDS[f["bron"]] | {"EindeInschrijving"}, f["pad"])
        einde = etree.fromstring(
            b'<DuoMutaties xmlns="urn:isi-koppeling:mutaties:duo:1"><BestandId>D-1</BestandId>'
            b'<Aanmaakdatum>2026-11-23</Aanmaakdatum><Mutaties><EindeInschrijving><Persoon>'
            b'<BSN>123456782</BSN></Persoon><Datum>2026-11-20</Datum></EindeInschrijving>'
            b'</Mutaties></DuoMutaties>')
        self.assertTrue(schema("DUO").validate(einde))

    def test_same_store_and_seed_give_the_same_files(self):
        a = self.generate(os.path.join(self.dir, "same_a"), 5, 500, "0.1")
        b = self.generate(os.path.join(self.dir, "same_b"), 5, 500, "0.1")
        c = self.generate(os.path.join(self.dir, "other"), 6, 500, "0.1")
        for x, y in zip(a, b):
            with open(x["pad"], "rb") as fx, open(y["pad"], "rb") as fy:
                self.assertEqual(fx.read(), fy.read())
        with open(a[0]["pad"], "rb") as fa, open(c[0]["pad"], "rb") as fc:
            self.assertNotEqual(fa.read(), fc.read())

    def test_invalid_mutations_do_not_validate(self):
        files = self.generate(os.path.join(self.dir, "invalid"), 2, 600, "0.5")
        for f in files:
            self.assertGreater(f["ongeldig"], 0)
            self.assertFalse(schema(f["bron"]).validate(etree.parse(f["pad"])), f["pad"])

    def test_the_xsds_refuse_a_wrong_root_and_a_missing_id(self):
        xs = schema("GBA")
        wrong_root = etree.fromstring(
            b'<Mutaties xmlns="urn:isi-koppeling:mutaties:gba:1"/>')
        self.assertFalse(xs.validate(wrong_root))
        no_id = etree.fromstring(
            b'<GbaMutaties xmlns="urn:isi-koppeling:mutaties:gba:1">'
            b'<Aanmaakdatum>2026-11-23</Aanmaakdatum><Mutaties/></GbaMutaties>')
        self.assertFalse(xs.validate(no_id))

    def test_refresh_end_to_end(self):
        work = os.path.join(self.dir, "e2e")
        store = os.path.join(work, "isi.db")
        os.makedirs(work)
        shutil.copy(self.store, store)
        files = self.generate(os.path.join(work, "m"), 9, 2000, "0.05")
        paths = [f["pad"] for f in files]
        corrupt = os.path.join(work, "kapot.xml")
        with open(corrupt, "w", encoding="utf-8") as f:
            f.write('<GbaMutaties xmlns="urn:isi-koppeling:mutaties:gba:1"><BestandId>X')
        extracts = os.path.join(work, "extracts")
        csv_path = os.path.join(work, "weigeringen.csv")
        before = sqlite3.connect(store).execute("SELECT count(*) FROM signalen").fetchone()[0]

        r = admin("refresh", "--store", store, "--date", DATUM, "--json", "--extracts", extracts,
                  "--weigeringen", csv_path, paths[0], corrupt, *paths[1:])
        self.assertEqual(r.returncode, 3, r.stderr)  # committed, one file refused whole
        s = json.loads(r.stdout)
        self.assertTrue(s["doorgevoerd"])
        self.assertEqual([b["uitkomst"] for b in s["bestanden"]],
                         ["toegepast", "geweigerd", "toegepast", "toegepast"])
        self.assertIn("geen geldige XML", s["bestanden"][1]["reden"])
        invalid = sum(f["ongeldig"] for f in files)
        self.assertEqual(s["mutaties"], 2000)
        self.assertEqual(s["toegepast"] + s["geweigerd"], 2000)
        self.assertGreaterEqual(s["geweigerd"], invalid)
        self.assertEqual(len(s["weigeringen"]), s["geweigerd"])
        for w in s["weigeringen"]:
            self.assertTrue(w["reden"])
        with open(csv_path, encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter=";"))
        self.assertEqual(rows[0], ["bestand_id", "volgnummer", "bsn", "soort", "reden"])
        self.assertEqual(len(rows) - 1, s["geweigerd"])
        after = sqlite3.connect(store).execute("SELECT count(*) FROM signalen").fetchone()[0]
        self.assertEqual(after - before, s["signalen"])
        self.assertEqual(sum(s["signalen_per_code"].values()), s["signalen"])
        self.assertIn("SS001", s["signalen_per_code"])
        self.assertIn("SS065", s["signalen_per_code"])  # 0363 has a CVS
        self.assertTrue(s["extracten"]["ok"])
        self.assertTrue(os.path.exists(os.path.join(extracts, "0363", "catalogus.tsv")))

        # Again: every file already applied, nothing changes.
        r = admin("refresh", "--store", store, "--date", DATUM, "--json", *paths)
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(r.stdout)
        self.assertEqual([b["uitkomst"] for b in s["bestanden"]], ["al toegepast"] * 3)
        self.assertEqual(s["signalen"], 0)
        self.assertEqual(
            sqlite3.connect(store).execute("SELECT count(*) FROM signalen").fetchone()[0], after)

        # The text summary names the codes and the refusals.
        r = admin("refresh", "--store", store, "--date", DATUM, corrupt)
        self.assertEqual(r.returncode, 3)
        self.assertIn("geweigerd", r.stdout)

    def test_usage_errors(self):
        self.assertEqual(admin("refresh", "--store", self.store, "--date", "23-11-2026").returncode,
                         2)
        self.assertEqual(admin("generate-mutations", "--store", self.store, "--out", self.dir,
                               "--count", "x", "--seed", "1").returncode, 2)
        self.assertEqual(admin("generate-mutations", "--store", self.store, "--out", self.dir,
                               "--count", "1", "--seed", "1", "--invalid-fraction",
                               "2").returncode, 2)
        r = admin("refresh", "--store", os.path.join(self.dir, "nope.db"), "--date", DATUM)
        self.assertEqual(r.returncode, 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
