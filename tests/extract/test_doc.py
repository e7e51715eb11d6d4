"""Word 97–2003 files: read through LibreOffice into the same record as the
DOCX they were saved from; files named .doc that are something else are read
by what they are; a damaged .doc is one line."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import FIXTURES
from vnlegal.extract import ExtractError, read_document
from vnlegal.extract.doc import soffice
from vnlegal.pipeline import process_file

needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


def _save_as_doc(docx, folder):
    """The .doc Word 97 would have written: LibreOffice's own export filter."""
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return folder / (docx.stem + ".doc")


@needs_libreoffice
@pytest.mark.parametrize("stem", ["000_7343a46bed8251c6", "001_96d3c82f377dc371"])
def test_a_doc_gives_the_record_of_its_docx(tmp_path, stem):
    source = FIXTURES / "docx" / f"{stem}.docx"
    doc = _save_as_doc(source, tmp_path)
    assert doc.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    from_doc, from_docx = process_file(doc), process_file(source)
    for part in ("meta", "sections", "targets", "agencies", "assignments", "budget"):
        assert from_doc[part] == from_docx[part], part
    assert from_doc["source"]["format"] == "doc" and from_doc["source"]["file"] == doc.name
    assert any(i["code"] == "read.converted" for i in from_doc["issues"])


def test_a_docx_or_a_web_page_named_doc_is_read_as_what_it_is(tmp_path):
    renamed = tmp_path / "decision.doc"
    shutil.copy(FIXTURES / "docx" / "003_8818a6dd09bafe72.docx", renamed)
    assert read_document(renamed).source.format == "docx"
    page = tmp_path / "page.doc"
    page.write_text("<html><body><p>QUYẾT ĐỊNH</p><p>Căn cứ Luật Tổ chức chính quyền địa phương</p></body></html>",
                    encoding="utf-8")
    assert [b.text for b in read_document(page).blocks][:1] == ["QUYẾT ĐỊNH"]


def test_a_file_that_is_no_word_document_is_one_line(tmp_path):
    bogus = tmp_path / "notes.doc"
    bogus.write_bytes(b"\x00\x01garbage" * 50)
    with pytest.raises(ExtractError, match="not a Word document"):
        read_document(bogus)


@needs_libreoffice
def test_a_damaged_doc_is_one_line(tmp_path):
    damaged = tmp_path / "damaged.doc"
    damaged.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ExtractError) as e:
        read_document(damaged)
    assert "LibreOffice" in e.value.reason or "empty" in e.value.reason
