"""PDFs as offices re-make them: a page placed inside another (form XObject,
scaled and moved), a rotated page. pdfium must read them as pdfplumber does."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from vnlegal.extract import read_document

from tests.conftest import FIXTURES

BUDGET_PDF = FIXTURES / "pdf" / "000_7343a46bed8251c6.pdf"
BUDGET_PAGE = 9  # the first page of its budget table


def _both_readers(path, monkeypatch):
    from vnlegal.extract import pdf as pdf_reader
    monkeypatch.setattr(pdf_reader, "FAST", True)
    fast = read_document(path)
    monkeypatch.setattr(pdf_reader, "FAST", False)
    slow = read_document(path)
    return fast, slow


def _tables(doc):
    return [b.table.rows for b in doc.blocks if b.kind == "table"]


def test_table_inside_a_scaled_form_xobject(tmp_path, monkeypatch):
    src = pdfium.PdfDocument(str(BUDGET_PDF))
    out = pdfium.PdfDocument.new()
    width, height = src[BUDGET_PAGE].get_size()
    page = out.new_page(width, height)
    placed = src.page_as_xobject(BUDGET_PAGE, out).as_pageobject()
    placed.transform(pdfium.PdfMatrix().scale(0.9, 0.9).translate(30, 20))
    page.insert_obj(placed)
    page.gen_content()
    path = tmp_path / "placed.pdf"
    out.save(str(path))

    fast, slow = _both_readers(path, monkeypatch)
    assert _tables(fast) == _tables(slow)
    rows = _tables(fast)[0]
    assert rows[0][:4] == ["TT", "Nội dung công việc", "Đơn vị tính", "Đơn giá"]
    assert rows[2][-2] == "1.820"  # group I, five-year total


@pytest.mark.parametrize("rotation", [90, 180])
def test_rotated_page_is_read(tmp_path, monkeypatch, rotation):
    pdf = pdfium.PdfDocument(str(FIXTURES / "pdf" / "003_8818a6dd09bafe72.pdf"))
    pdf[1].set_rotation(rotation)
    path = tmp_path / "rotated.pdf"
    pdf.save(str(path))

    fast, slow = _both_readers(path, monkeypatch)
    texts = [(b.kind, b.page, b.text) for b in fast.blocks]
    assert texts == [(b.kind, b.page, b.text) for b in slow.blocks]
    assert any(b.page == 2 and len(b.text) > 40 for b in fast.blocks)
