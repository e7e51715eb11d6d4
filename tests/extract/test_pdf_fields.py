"""E-signed PDFs: the number and the date are form fields drawn over blanks of
the typed text; the reader lays their values into the line where they are
drawn. A small PDF is written for the test (tests/extract/pdfmaker.py)."""
from __future__ import annotations

import shutil

import pytest
from vnlegal.extract import read_document

from tests.extract.pdfmaker import text_pdf
from tests.named_patterns import check, ids
from vnlegal.extract import pdf_fields

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


@needs_poppler
def test_a_filled_field_over_the_blank_of_the_number(tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(text_pdf([(72, 760, "So:              /QD-UBND"), (72, 700, "QUYET DINH")],
                              fields=[((95, 752, 135, 772), "2858")]))
    doc = read_document(path)
    texts = [b.text for b in doc.blocks]
    assert "So: 2858 /QD-UBND" in texts
    assert [(n.code, n.value) for n in doc.notes] == [("read.form_field", "2858")]


@needs_poppler
def test_a_field_drawn_over_a_typed_placeholder_wins(tmp_path):
    path = tmp_path / "signed.pdf"
    # "thang 4" typed, "5" filled in over the "4" when the decision was signed
    path.write_bytes(text_pdf([(72, 760, "Lao Cai, ngay 15 thang"), (200, 760, "4"), (215, 760, "nam 2026")],
                              fields=[((198, 752, 210, 772), "5")]))
    doc = read_document(path)
    assert doc.blocks[0].text == "Lao Cai, ngay 15 thang 5 nam 2026"
    assert ("read.form_field_over_typed", "4") in [(n.code, n.printed) for n in doc.notes]


@needs_poppler
def test_a_stamp_with_words_is_not_read_as_a_value(tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(text_pdf([(72, 760, "QUYET DINH")], fields=[((300, 100, 520, 160), "Signature Not Verified")]))
    doc = read_document(path)
    assert doc.notes == [] and [b.text for b in doc.blocks] == ["QUYET DINH"]


def test_bytes_before_the_pdf_header_are_accepted(tmp_path):
    path = tmp_path / "prefixed.pdf"
    path.write_bytes(b"HTTP/1.1 200 OK\r\n\r\n" + text_pdf([(72, 760, "QUYET DINH")]))
    assert [b.text for b in read_document(path).blocks] == ["QUYET DINH"]

# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("_PLACEHOLDER", "match", "19/11/2025", 0, "19/11/2025", "ngày 19"),
    ("_PLACEHOLDER", "match", "4", 0, "4", "tháng 4"),
    ("_DIGIT", "search", "2858/QĐ-UBND", 0, "2", "Trần Thanh Liêm"),
    ("_PAGE", "search", '<page width="595.2" height="841.9">\n<word xMin="1">Số:</word>\n</page>', 1,
     '\n<word xMin="1">Số:</word>\n', '<page width="595.2" height="841.9"/>'),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(pdf_fields, name), how, line, group, want, miss)
