#!/usr/bin/python3
"""Seed corpus and dictionary for request_fuzz (tests/fuzz/request_fuzz.cpp).

    make_seeds.py SOURCE_DIR SEED_DIR DICT_FILE

Seeds: every request body in tests/requests/*.xml (one per operation) wrapped into a complete
HTTP request as a client sends it (POST / HTTP/1.1, Host, Content-Type, SOAPAction, Authorization
Basic with the fuzz world's key from tests/fuzz/fuzz_credentials.h, Content-Length), plus a few
other shapes the server must handle: the extract operations (MTOM and inline), keep-alive with two
requests in one connection, a chunked body, GET ?wsdl, HTTP/1.0, no or wrong credentials, a
SOAP 1.2 envelope, an unknown operation, a multipart (MTOM) request.

Dictionary: the element names and enumeration values of wsdl/isi.wsdl as tags, the namespaces,
and HTTP request lines and header names, in libFuzzer's -dict format.

Both are rewritten on every run (the outputs depend only on the source tree).
"""
import base64
import pathlib
import re
import shutil
import sys

NS = "urn:nl:isi-koppeling:berichten_v1"


def credentials(source: pathlib.Path) -> tuple:
    text = (source / "tests/fuzz/fuzz_credentials.h").read_text()
    key = re.search(r'kFuzzKey\[\] = "([^"]+)"', text).group(1)
    password = re.search(r'kFuzzPassword\[\] = "([^"]+)"', text).group(1)
    return key, password


def envelope(operation: str, inner: str, soap_ns: str = "http://schemas.xmlsoap.org/soap/envelope/") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<s:Envelope xmlns:s="{soap_ns}" xmlns:isi="{NS}">'
            f"<s:Body><isi:{operation}>{inner}</isi:{operation}></s:Body></s:Envelope>\n").encode()


def post(body: bytes, operation: str, auth: str = None, extra: str = "", version: str = "1.1",
         content_type: str = "text/xml; charset=utf-8") -> bytes:
    head = f"POST / HTTP/{version}\r\nHost: localhost\r\nContent-Type: {content_type}\r\n"
    head += f'SOAPAction: "{NS}#{operation}"\r\n'
    if auth is not None:
        head += f"Authorization: Basic {auth}\r\n"
    head += extra
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def chunked(body: bytes, size: int = 100) -> bytes:
    out = b""
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def seeds(source: pathlib.Path) -> dict:
    key, password = credentials(source)
    auth = base64.b64encode(f"{key}:{password}".encode()).decode()
    wrong = base64.b64encode(f"{key}:wrong-password".encode()).decode()
    out = {}
    requests = sorted((source / "tests/requests").glob("*.xml"))
    for path in requests:
        out[f"req_{path.stem}"] = post(path.read_bytes(), path.stem, auth)

    lijst = envelope("OpvragenBestandenlijst", "<isi:Gemeentecode>0034</isi:Gemeentecode>")
    out["req_OpvragenBestandenlijst"] = post(lijst, "OpvragenBestandenlijst", auth)
    ophalen = "<isi:Gemeentecode>0034</isi:Gemeentecode><isi:Naam>isi_0034_2026-11-23.zip</isi:Naam>"
    out["req_OphalenBestand_mtom"] = post(envelope("OphalenBestand", ophalen), "OphalenBestand", auth)
    out["req_OphalenBestand_inline"] = post(
        envelope("OphalenBestand", ophalen + "<isi:Inline>true</isi:Inline>"), "OphalenBestand", auth)
    pdf = "<isi:Gemeentecode>0034</isi:Gemeentecode><isi:Naam>Diplomamodellenboek.pdf</isi:Naam>"
    out["req_OphalenBestand_pdf"] = post(envelope("OphalenBestand", pdf), "OphalenBestand", auth)

    raadplegen = (source / "tests/requests/RaadplegenPersoon.xml").read_bytes()
    zoeken = (source / "tests/requests/ZoekenSignalen.xml").read_bytes()
    out["keepalive_two_requests"] = (post(raadplegen, "RaadplegenPersoon", auth) +
                                     post(zoeken, "ZoekenSignalen", auth, "Connection: close\r\n"))
    head = (f'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml; charset=utf-8\r\n'
            f'SOAPAction: "{NS}#RaadplegenPersoon"\r\nAuthorization: Basic {auth}\r\n'
            f"Transfer-Encoding: chunked\r\n\r\n").encode()
    out["chunked"] = head + chunked(raadplegen)
    out["get_wsdl"] = b"GET /?wsdl HTTP/1.1\r\nHost: localhost\r\n\r\n"
    out["http10"] = post(raadplegen, "RaadplegenPersoon", auth, version="1.0")
    out["no_credentials"] = post(raadplegen, "RaadplegenPersoon")
    out["wrong_password"] = post(raadplegen, "RaadplegenPersoon", wrong)
    out["soap12"] = post(envelope("RaadplegenPersoon",
                                  "<isi:Gemeentecode>0034</isi:Gemeentecode><isi:BSN>111222333</isi:BSN>",
                                  "http://www.w3.org/2003/05/soap-envelope"),
                         "RaadplegenPersoon", auth, content_type="application/soap+xml; charset=utf-8")
    out["unknown_operation"] = post(envelope("Onbekend", "<isi:Gemeentecode>0034</isi:Gemeentecode>"),
                                    "Onbekend", auth)
    boundary = "MIMEBoundary_fuzz"
    mime = (f"--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"\r\n"
            f"Content-Transfer-Encoding: binary\r\nContent-ID: <root@fuzz>\r\n\r\n").encode()
    mime += raadplegen + f"\r\n--{boundary}--\r\n".encode()
    out["mtom_request"] = post(mime, "RaadplegenPersoon", auth,
                               content_type=f'multipart/related; type="application/xop+xml"; '
                                            f'boundary="{boundary}"; start="<root@fuzz>"; start-info="text/xml"')
    return out


def dict_entry(token: str) -> str:
    escaped = ""
    for ch in token.encode():
        if ch in (0x22, 0x5C) or ch < 0x20 or ch > 0x7E:
            escaped += "\\x%02X" % ch
        else:
            escaped += chr(ch)
    return f'"{escaped}"'


def dictionary(source: pathlib.Path) -> list:
    wsdl = (source / "wsdl/isi.wsdl").read_text()
    names = sorted(set(re.findall(r'name="([A-Za-z0-9_]+)"', wsdl)))
    values = sorted(set(re.findall(r'value="([^"]+)"', wsdl)))
    tokens = []
    for n in names:
        tokens += [f"<isi:{n}>", f"</isi:{n}>", n]
    tokens += values
    tokens += [NS, "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope",
               "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/2004/08/xop/include",
               'xmlns:isi="', 'xmlns:s="', "<s:Envelope ", "</s:Envelope>", "<s:Body>", "</s:Body>",
               "<s:Header>", "</s:Header>", '<xop:Include href="cid:', 'xsi:nil="true"', 'xsi:type="',
               '<?xml version="1.0" encoding="UTF-8"?>', "<![CDATA[", "]]>", "<!--", "-->", "<!DOCTYPE",
               "&amp;", "&lt;", "&#x", "&#", "true", "false",
               "POST / HTTP/1.1\r\n", "GET /?wsdl HTTP/1.1\r\n", "HTTP/1.0", "\r\n", "\r\n\r\n",
               "Host: ", "Content-Type: ", "text/xml; charset=utf-8", "application/soap+xml",
               "multipart/related; boundary=", "application/xop+xml", "Content-ID: ", "Content-Length: ",
               "Transfer-Encoding: chunked\r\n", "Content-Encoding: ", "gzip", "SOAPAction: ",
               f'"{NS}#', "Authorization: Basic ", "Connection: close\r\n", "Connection: keep-alive\r\n",
               "Expect: 100-continue\r\n", "0\r\n\r\n"]
    seen, lines = set(), []
    for t in tokens:
        if t not in seen:
            seen.add(t)
            lines.append(dict_entry(t))
    return lines


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    source, seed_dir, dict_file = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    if seed_dir.exists():
        shutil.rmtree(seed_dir)
    seed_dir.mkdir(parents=True)
    for name, data in seeds(source).items():
        (seed_dir / name).write_bytes(data)
    dict_file.parent.mkdir(parents=True, exist_ok=True)
    dict_file.write_text("# generated by tests/fuzz/make_seeds.py from wsdl/isi.wsdl\n" +
                         "\n".join(dictionary(source)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
