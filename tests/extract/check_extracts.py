#!/usr/bin/python3
"""Checks the extract files with independent readers against the store.

isi-admin generates a synthetic store and builds the extracts of every municipality; this
script then opens the xlsx with openpyxl and the CSVs with Python's csv module (as a Dutch
spreadsheet user would: ';', UTF-8 with BOM) and compares rows and columns with what the store
holds, read directly with sqlite3. Paths come from the environment (set by CTest): ISI_ADMIN.
"""
import csv
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import zipfile

import openpyxl

ADMIN = os.environ["ISI_ADMIN"]
DATUM = datetime.date(2026, 11, 23)
GEMEENTEN = ["0034", "0014"]  # with persons; every other known municipality has none
EMPTY = "0080"
DISCLAIMER_SENTENCES = [
    "De actuele datum van de bestanden staat vermeld achter de bestandsnaam.",
    "Controleer bij gebruik van de bestanden altijd of u met de meest recente versie werkt.",
    "Het gebruik van de gegevens voor andere doeleinden dan de uitvoering van de Wet inburgering "
    "is niet toegestaan.",
]
KINDS = ["isi", "signaallijst", "isi_vanaf2011", "termijnoverschrijdingen"]


def admin(*args, check=True):
    return subprocess.run([ADMIN, *args], check=check, capture_output=True, text=True)


def ddmmyyyy(iso):
    return "" if iso is None else f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]}"


def janee(v):
    return "" if v is None else ("Ja" if v else "Nee")


class World:
    """One store and one extract directory for the whole module."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="isi-extract-")
        self.store = os.path.join(self.dir, "isi.db")
        self.out = os.path.join(self.dir, "extracts")
        admin("init", "--store", self.store)
        admin("generate", "--store", self.store, "--persons", "700", "--seed", "11",
              "--gemeenten", ",".join(GEMEENTEN), "--today", DATUM.isoformat())
        self.pdf = os.path.join(self.dir, "boek.pdf")
        with open(self.pdf, "wb") as f:
            f.write(b"%PDF-1.4\n% synthetisch diplomamodellenboek\n%%EOF\n")
        admin("extract", "install-pdf", "--dir", self.out, "--file", self.pdf,
              "--datum", "2007-12-07")
        self.summary = json.loads(admin("extract", "build", "--store", self.store, "--dir",
                                        self.out, "--all", "--datum", DATUM.isoformat(),
                                        "--json").stdout)
        self.db = sqlite3.connect(self.store)
        self.db.row_factory = sqlite3.Row

    def close(self):
        self.db.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def zip_path(self, kind, gemeente):
        return os.path.join(self.out, gemeente, f"{kind}_{gemeente}_{DATUM.isoformat()}.zip")

    def member(self, kind, gemeente, name):
        with zipfile.ZipFile(self.zip_path(kind, gemeente)) as z:
            return z.read(name)

    def data_name(self, kind, gemeente):
        ext = "xlsx" if kind == "isi" else "csv"
        return f"{kind}_{gemeente}_{DATUM.isoformat()}.{ext}"

    def csv_rows(self, kind, gemeente):
        raw = self.member(kind, gemeente, self.data_name(kind, gemeente))
        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="")
        return raw, list(csv.reader(text, delimiter=";"))

    def workbook(self, gemeente):
        raw = self.member("isi", gemeente, self.data_name("isi", gemeente))
        return openpyxl.load_workbook(io.BytesIO(raw))

    def persons(self, gemeente):
        return self.db.execute(
            "SELECT * FROM personen WHERE purged = 0 AND (woongemeente = ? OR "
            "(woongemeente = '1999' AND vorige_woongemeente = ?)) ORDER BY bsn",
            (gemeente, gemeente)).fetchall()


WORLD = None


def setUpModule():
    global WORLD
    WORLD = World()


def tearDownModule():
    WORLD.close()


class CatalogueTest(unittest.TestCase):
    def test_every_municipality_lists_its_four_zips_and_the_shared_pdf(self):
        codes = [g["code"] for g in WORLD.summary["gemeenten"]]
        self.assertIn(EMPTY, codes)
        self.assertNotIn("1999", codes)
        for code in codes:
            listed = json.loads(admin("extract", "list", "--dir", WORLD.out, "--gemeente", code,
                                      "--json").stdout)["bestanden"]
            self.assertEqual([f["soort"] for f in listed], KINDS + ["diplomamodellenboek"])
            for f in listed:
                if f["soort"] == "diplomamodellenboek":
                    path = os.path.join(WORLD.out, "gedeeld", f["naam"])
                    self.assertEqual(f["datum"], "2007-12-07")
                else:
                    path = os.path.join(WORLD.out, code, f["naam"])
                    self.assertEqual(f["naam"], f"{f['soort']}_{code}_{DATUM.isoformat()}.zip")
                    self.assertEqual(f["datum"], DATUM.isoformat())
                with open(path, "rb") as fh:
                    data = fh.read()
                self.assertEqual(f["grootte"], len(data))
                self.assertEqual(f["sha256"], hashlib.sha256(data).hexdigest())

    def test_catalogue_file_format(self):
        with open(os.path.join(WORLD.out, "0034", "catalogus.tsv"), encoding="utf-8") as f:
            lines = f.read().split("\n")
        self.assertEqual(lines[0], "# isi-koppeling extractcatalogus 1")
        rows = [l.split("\t") for l in lines[1:] if l and not l.startswith("#")]
        self.assertEqual(len(rows), 4)
        self.assertTrue(all(len(r) == 6 for r in rows))
        self.assertEqual(rows[0][2], "ISI extract in excel formaat")

    def test_a_file_that_is_not_a_pdf_is_refused(self):
        bad = os.path.join(WORLD.dir, "nep.pdf")
        with open(bad, "w") as f:
            f.write("<html>geen pdf</html>")
        r = admin("extract", "install-pdf", "--dir", WORLD.out, "--file", bad, check=False)
        self.assertEqual(r.returncode, 2, r.stderr)


class ZipTest(unittest.TestCase):
    def test_each_zip_holds_data_legend_and_disclaimer(self):
        for code in GEMEENTEN + [EMPTY]:
            for kind in KINDS:
                with zipfile.ZipFile(WORLD.zip_path(kind, code)) as z:
                    self.assertIsNone(z.testzip())
                    self.assertEqual(sorted(z.namelist()), sorted(
                        [WORLD.data_name(kind, code), "LEGENDA.txt", "DISCLAIMER.txt"]))
                    disclaimer = z.read("DISCLAIMER.txt").decode("utf-8-sig")
                    for sentence in DISCLAIMER_SENTENCES:
                        self.assertIn(sentence, disclaimer)
                    legend = z.read("LEGENDA.txt").decode("utf-8-sig")
                    self.assertIn("\r\n", legend)
                    self.assertIn(code, legend)
                    self.assertIn("23-11-2026", legend)

    def test_legend_names_every_csv_column(self):
        for kind in KINDS[1:]:
            _, rows = WORLD.csv_rows(kind, "0034")
            legend = WORLD.member(kind, "0034", "LEGENDA.txt").decode("utf-8-sig")
            for i, header in enumerate(rows[0], start=1):
                self.assertIn(f"{i}. {header}: ", legend)
        legend = WORLD.member("isi", "0034", "LEGENDA.txt").decode("utf-8-sig")
        self.assertIn("01-01-2011", WORLD.member("isi_vanaf2011", "0034", "LEGENDA.txt")
                      .decode("utf-8-sig"))
        wb = WORLD.workbook("0034")
        for ws in wb.worksheets:
            self.assertIn(f"Werkblad {ws.title} ", legend)
            for cell in next(ws.iter_rows(max_row=1)):
                self.assertIn(f". {cell.value}: ", legend)


class CsvFormatTest(unittest.TestCase):
    def test_bom_semicolons_and_crlf(self):
        for kind in KINDS[1:]:
            raw, rows = WORLD.csv_rows(kind, "0034")
            self.assertTrue(raw.startswith(b"\xef\xbb\xbf"))
            self.assertTrue(raw.endswith(b"\r\n"))
            self.assertEqual(raw.count(b"\n"), raw.count(b"\r\n"))
            self.assertGreater(len(rows), 1, kind)
            width = len(rows[0])
            self.assertTrue(all(len(r) == width for r in rows), kind)

    def test_empty_municipality_gets_header_only_files(self):
        for kind in KINDS[1:]:
            raw, rows = WORLD.csv_rows(kind, EMPTY)
            self.assertEqual(len(rows), 1, kind)
            self.assertEqual(raw, b"\xef\xbb\xbf" + ";".join(rows[0]).encode() + b"\r\n")
        wb = WORLD.workbook(EMPTY)
        self.assertEqual(wb.sheetnames, ["Personen", "Handhaving", "Verlengingen",
                                         "Voorzieningen", "Vrijstellingen", "Boetes", "Examens"])
        for ws in wb.worksheets:
            self.assertEqual(ws.max_row, 1, ws.title)
        summary = {g["code"]: g for g in WORLD.summary["gemeenten"]}[EMPTY]
        self.assertEqual(summary["personen"], 0)


class XlsxTest(unittest.TestCase):
    def test_personen_sheet_matches_the_store(self):
        for code in GEMEENTEN:
            wb = WORLD.workbook(code)
            ws = wb["Personen"]
            self.assertEqual(ws.freeze_panes, "B2")
            rows = list(ws.iter_rows(values_only=True))
            header, data = rows[0], rows[1:]
            col = {name: i for i, name in enumerate(header)}
            persons = WORLD.persons(code)
            self.assertEqual(len(data), len(persons))
            self.assertTrue(any(p["woongemeente"] == "1999" for p in persons))
            counts = {}
            for r in WORLD.db.execute(
                    "SELECT bsn, status, count(*) n FROM signalen WHERE gemeentecode = ? "
                    "GROUP BY bsn, status", (code,)):
                counts.setdefault(r["bsn"], {})[r["status"]] = r["n"]
            for row, p in zip(data, persons):
                def v(name):
                    return row[col[name]]
                self.assertEqual(v("BSN"), p["bsn"])
                self.assertEqual(v("A-nummer"), p["anummer"])
                self.assertEqual(v("Achternaam"), p["achternaam"])
                self.assertEqual(v("Voorvoegsels"), p["voorvoegsels"] or None)
                self.assertEqual(v("Geboortedatum").date().isoformat(), p["geboortedatum"])
                self.assertEqual(v("Herkomst"), p["herkomst"])
                self.assertEqual(v("Woongemeente"), p["woongemeente"])
                self.assertEqual(v("Vorige woongemeente"), p["vorige_woongemeente"])
                self.assertEqual(v("Nationaliteit 1"), p["nationaliteit1"])
                geheim = p["code_geheim"] == "Geheim"
                self.assertEqual(v("Straatnaam"), None if geheim else p["straatnaam"])
                self.assertEqual(v("Huisnummer"), None if geheim else p["huisnummer"])
                self.assertEqual(v("Postcode"), None if geheim else p["postcode"])
                self.assertEqual(v("Inburgeringsplichtig") or "", janee(p["inburgeringsplichtig"]))
                self.assertEqual(v("Vrijwillig inburgeraar"),
                                 janee(p["vrijwillig_inburgeraar"]))
                dvn = v("Datum vestiging in Nederland")
                self.assertEqual(dvn.date().isoformat() if dvn else None,
                                 p["datum_vestiging_in_nederland"])
                c = counts.get(p["bsn"], {})
                self.assertEqual(v("Signalen nieuw"), c.get("Nieuw", 0))
                self.assertEqual(v("Signalen totaal"), sum(c.values()))

    def test_dates_are_real_excel_dates_with_a_dutch_format(self):
        ws = WORLD.workbook("0034")["Personen"]
        cell = ws.cell(row=2, column=6)  # Geboortedatum
        self.assertIsInstance(cell.value, datetime.datetime)
        self.assertEqual(cell.number_format, "dd-mm-yyyy")
        self.assertEqual(ws.auto_filter.ref[:2], "A1")

    def test_sub_record_sheets_match_the_store(self):
        tables = {"Handhaving": "handhavingen", "Verlengingen": "verlengingen",
                  "Voorzieningen": "voorzieningen", "Vrijstellingen": "vrijstellingen",
                  "Boetes": "boetes", "Examens": "examenonderdelen"}
        for code in GEMEENTEN:
            wb = WORLD.workbook(code)
            bsns = [p["bsn"] for p in WORLD.persons(code)]
            marks = ",".join("?" * len(bsns))
            for sheet, table in tables.items():
                rows = list(wb[sheet].iter_rows(values_only=True))[1:]
                n = WORLD.db.execute(f"SELECT count(*) FROM {table} WHERE bsn IN ({marks})",
                                     bsns).fetchone()[0]
                self.assertEqual(len(rows), n, sheet)
                self.assertGreater(n, 0, sheet)
                self.assertEqual([r[0] for r in rows], sorted(r[0] for r in rows), sheet)
            # Voorzieningen field by field, in the dossier's order (datum_start, id).
            expected = WORLD.db.execute(
                f"SELECT * FROM voorzieningen WHERE bsn IN ({marks}) "
                "ORDER BY bsn, datum_start, id", bsns).fetchall()
            rows = list(wb["Voorzieningen"].iter_rows(values_only=True))[1:]
            for row, e in zip(rows, expected):
                self.assertEqual(row[0], e["bsn"])
                self.assertEqual(row[2], e["aanbod_door_gemeente"])
                self.assertEqual(row[5], e["soort"])
                self.assertEqual(row[6], janee(e["indicatie_pib"]))
                self.assertEqual(row[8].date().isoformat(), e["datum_start"])
            boetes = list(wb["Boetes"].iter_rows(values_only=True))[1:]
            total = WORLD.db.execute(
                f"SELECT sum(bedrag_centen) FROM boetes WHERE bsn IN ({marks})", bsns).fetchone()[0]
            self.assertAlmostEqual(sum(r[4] for r in boetes), total / 100.0, places=2)


class SignaallijstTest(unittest.TestCase):
    def test_rows_match_the_store_in_date_order(self):
        for code in GEMEENTEN:
            _, rows = WORLD.csv_rows("signaallijst", code)
            self.assertEqual(rows[0], ["Status", "Code", "Omschrijving", "Datum", "BSN",
                                       "A-nummer", "Achternaam"])
            expected = WORLD.db.execute(
                "SELECT s.status, s.code, s.datum, s.bsn, p.anummer, p.achternaam "
                "FROM signalen s JOIN personen p ON p.bsn = s.bsn WHERE s.gemeentecode = ? "
                "ORDER BY s.datum, s.id", (code,)).fetchall()
            self.assertEqual(len(rows) - 1, len(expected))
            for row, e in zip(rows[1:], expected):
                self.assertEqual(row[0], e["status"])
                self.assertEqual(row[1], e["code"])
                self.assertTrue(row[2])
                self.assertEqual(row[3], ddmmyyyy(e["datum"]))
                self.assertEqual(row[4], e["bsn"])
                self.assertEqual(row[5], e["anummer"] or "")
                self.assertEqual(row[6], e["achternaam"])


class Vanaf2011Test(unittest.TestCase):
    def test_persons_who_entered_from_2011(self):
        for code in GEMEENTEN:
            _, rows = WORLD.csv_rows("isi_vanaf2011", code)
            got = [r[0] for r in rows[1:]]
            expected = [p["bsn"] for p in WORLD.persons(code)
                        if (p["datum_inburgeringsplicht"] or "") >= "2011-01-01"
                        or (p["datum_vestiging_in_nederland"] or "") >= "2011-01-01"]
            self.assertEqual(got, expected)
            self.assertGreater(len(got), 0)
            col = {name: i for i, name in enumerate(rows[0])}
            by_bsn = {p["bsn"]: p for p in WORLD.persons(code)}
            for r in rows[1:]:
                p = by_bsn[r[0]]
                self.assertEqual(r[col["Datum vestiging in Nederland"]],
                                 ddmmyyyy(p["datum_vestiging_in_nederland"]))
                self.assertEqual(r[col["Inburgeringsplichtig"]], janee(p["inburgeringsplichtig"]))
                n = WORLD.db.execute("SELECT count(*) FROM voorzieningen WHERE bsn = ?",
                                     (p["bsn"],)).fetchone()[0]
                self.assertEqual(r[col["Aantal voorzieningen"]], str(n))


class TermijnoverschrijdingenTest(unittest.TestCase):
    def test_overruns_and_their_groups(self):
        for code in GEMEENTEN:
            _, rows = WORLD.csv_rows("termijnoverschrijdingen", code)
            col = {name: i for i, name in enumerate(rows[0])}
            got = {r[0]: r for r in rows[1:]}
            expected = {}
            for p in WORLD.persons(code):
                h = WORLD.db.execute("SELECT * FROM handhavingen WHERE bsn = ?",
                                     (p["bsn"],)).fetchone()
                if (p["herkomst"] == "IsiActief" and p["datum_overlijden"] is None and h
                        and h["einde_handhavingstermijn"] < DATUM.isoformat()
                        and not p["inburgeringsdiploma_behaald"]
                        and not p["indicatie_diploma_behaald"]):
                    expected[p["bsn"]] = (p, h)
            self.assertEqual(sorted(got), sorted(expected))
            self.assertGreater(len(got), 0)
            for bsn, (p, h) in expected.items():
                r = got[bsn]
                groups = []
                nats = {p["nationaliteit1"], p["nationaliteit2"]}
                if "Nederlandse" in nats:
                    groups.append("Nederlandse nationaliteit")
                if "Turkse" in nats:
                    groups.append("Turkse nationaliteit")
                birth = datetime.date.fromisoformat(p["geboortedatum"])
                age = DATUM.year - birth.year - ((DATUM.month, DATUM.day) < (birth.month, birth.day))
                if age >= 65:
                    groups.append("Ouder dan 65 jaar")
                if p["indicatie_gehele_vrijstelling_door_duo"]:
                    groups.append("Vrijstelling DUO")
                vertrek = p["datum_vertrek_uit_nederland"]
                if vertrek:
                    v = datetime.date.fromisoformat(vertrek)
                    try:
                        year_later = v.replace(year=v.year + 1)
                    except ValueError:  # 29 February
                        year_later = datetime.date(v.year + 1, 2, 28)
                    if year_later <= DATUM:
                        groups.append("Vertrokken uit Nederland")
                groups = groups or ["Overig"]
                self.assertEqual(r[col["Groep"]], groups[0], bsn)
                self.assertEqual(r[col["Overige groepen"]], ", ".join(groups[1:]), bsn)
                self.assertTrue(r[col["Voorgestelde actie"]])
                self.assertEqual(r[col["Einde handhavingstermijn"]],
                                 ddmmyyyy(h["einde_handhavingstermijn"]))
                self.assertEqual(r[col["Leeftijd"]], str(age))
            self.assertIn("Overig", {r[col["Groep"]] for r in got.values()})


if __name__ == "__main__":
    unittest.main(verbosity=2)
