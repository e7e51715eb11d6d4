"""One batch over broken files mixed with good ones: every error reported on
its own line, every good record written, nothing else left on disk."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile

from tests.conftest import CORPUS, FIXTURES

ENCRYPTED_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
3 0 obj << /Filter /Standard /V 1 /R 2 /O <""" + b"11" * 32 + b"""> /U <""" + b"22" * 32 + b"""> /P -4 >> endobj
trailer << /Root 1 0 R /Encrypt 3 0 R /ID [<""" + b"33" * 16 + b"><" + b"33" * 16 + b""">] /Size 4 >>
%%EOF
"""


def _blank_png() -> bytes:
    import io

    from PIL import Image
    buf = io.BytesIO()
    Image.new("L", (800, 1100), 255).save(buf, format="PNG")
    return buf.getvalue()


def _make_batch(root):
    good = root / "in"
    (good / "sub").mkdir(parents=True)
    shutil.copy(CORPUS / "003_8818a6dd09bafe72.txt", good / "decision.txt")
    shutil.copy(FIXTURES / "docx" / "003_8818a6dd09bafe72.docx", good / "sub" / "decision.docx")
    shutil.copy(FIXTURES / "pdf" / "003_8818a6dd09bafe72.pdf", good / "sub" / "decision.pdf")
    pdf = (FIXTURES / "pdf" / "003_8818a6dd09bafe72.pdf").read_bytes()
    docx = (FIXTURES / "docx" / "003_8818a6dd09bafe72.docx").read_bytes()
    bad = {
        "empty.txt": b"",
        "blank.pdf": b"   \n",
        "truncated.pdf": pdf[: len(pdf) // 3],
        "junk.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 20,
        "encrypted.pdf": ENCRYPTED_PDF,
        "not-a-pdf.pdf": b"<html><body>Trang web</body></html>",
        "truncated.docx": docx[: len(docx) // 2],
        "text-named.docx": "Quyết định số 1/QĐ-UBND".encode(),
        "binary.txt": bytes(range(256)) * 40,
        "russian.txt": ("Постановление правительства о бюджете " * 30).encode("koi8-r"),
        "blank-scan.png": _blank_png(),  # a scan of an empty page: OCR finds nothing
        "english.txt": b"Minutes of the sports club meeting. We agreed to buy new balls.\n" * 20,
    }
    for name, data in bad.items():
        (good / "sub" / name).write_bytes(data)
    (good / "notes.xlsx").write_bytes(b"PK\x03\x04")
    zipfile.ZipFile(good / "sub" / "empty.docx", "w").close()
    return good, set(bad) | {"empty.docx"}


def test_batch_survives_bad_files(tmp_path):
    src, bad = _make_batch(tmp_path)
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "vnlegal.cli", "extract", str(src), "-o", str(out), "-j", "2"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 1
    errors = [l for l in r.stderr.splitlines() if l.startswith("vnlegal: error: ")]
    named = {l.split(": ")[2].rsplit("/", 1)[-1] for l in errors}
    assert named == bad, r.stderr
    reasons = {l.split(": ")[2].rsplit("/", 1)[-1]: l.split(": ", 3)[3] for l in errors}
    assert reasons["empty.txt"] == "empty file"
    assert "encrypted" in reasons["encrypted.pdf"]
    assert "OCR" in reasons["blank-scan.png"]
    assert "encoding" in reasons["russian.txt"]
    assert "not a Vietnamese legal" in reasons["english.txt"]
    assert r.stderr.strip().splitlines()[-1] == f"3 done, {len(bad)} failed, 1 skipped in " + r.stderr.strip().splitlines()[-1].split(" in ")[1]
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    assert written == ["decision.json", "sub", "sub/decision.docx.json", "sub/decision.pdf.json"]
    rec = json.loads((out / "sub" / "decision.pdf.json").read_text())
    assert rec["source"]["format"] == "pdf" and rec["source"]["pages"] == 4
    assert len(rec["source"]["sha256"]) == 64


def test_fail_fast_stops_at_first_failure(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    r = subprocess.run([sys.executable, "-m", "vnlegal.cli", "extract", str(tmp_path / "a.txt"),
                        str(CORPUS / "003_8818a6dd09bafe72.txt"), "-o", str(tmp_path / "o"), "-j", "1", "--fail-fast"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1
    assert not (tmp_path / "o" / "003_8818a6dd09bafe72.json").exists()


def test_missing_input_is_reported(tmp_path):
    r = subprocess.run([sys.executable, "-m", "vnlegal.cli", "extract", str(tmp_path / "nope.pdf"), "-o", str(tmp_path / "o")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "nope.pdf: no such file" in r.stderr
