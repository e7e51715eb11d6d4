"""The same decision read from TXT, DOCX, PDF and HTML says the same thing."""
from __future__ import annotations

import html

import pytest
from vnlegal.extract import read_document

from tests.conftest import CORPUS, FIXTURES, STEMS, similarity


def _original(stem):
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_office_formats_agree_with_text(stem, fmt):
    doc = read_document(FIXTURES / fmt / f"{stem}.{fmt}")
    assert doc.source.format == fmt
    assert similarity(doc.text(), _original(stem)) >= 0.98


@pytest.mark.parametrize("stem", STEMS)
def test_html_page_agrees_with_text(tmp_path, stem):
    doc = read_document(CORPUS / f"{stem}.txt")
    parts = ["<html><head><meta charset='utf-8'><title>Văn bản</title><script>var x=1;</script></head><body><nav>Trang chủ</nav>"]
    for b in doc.blocks:
        if b.kind == "table":
            parts.append("<table>" + "".join("<tr>" + "".join(f"<td>{html.escape(c).replace(chr(10), '<br>')}</td>" for c in row) + "</tr>" for row in b.table.rows) + "</table>")
        elif b.text:
            parts.append(f"<p>{html.escape(b.text)}</p>")
    page = tmp_path / f"{stem}.html"
    page.write_text("".join(parts) + "</body></html>", encoding="utf-8")
    got = read_document(page)
    assert got.source.format == "html"
    assert "Trang chủ" not in got.text() and "var x" not in got.text()
    assert similarity(got.text(), _original(stem)) >= 0.98


def _budget_numbers(doc):
    """The numeric cells of the budget table, row by row, as printed."""
    import re
    table = max((b.table for b in doc.blocks if b.kind == "table"), key=lambda t: t.n_rows * t.n_cols)
    rows = []
    for row in table.rows:
        # zero cells are left out: the TXT dump of 001 drops the empty cells of
        # row III.1 (the budget reconciler realigns that row by its sums)
        nums = [c for c in row if re.fullmatch(r"[\d.,]+", c.strip()) and c.strip() != "0"]
        if nums:
            rows.append(nums)
    return rows


@pytest.mark.parametrize("stem", ["000_7343a46bed8251c6", "001_96d3c82f377dc371"])
def test_budget_table_cells_agree_across_formats(stem):
    txt = _budget_numbers(read_document(CORPUS / f"{stem}.txt"))
    docx = _budget_numbers(read_document(FIXTURES / "docx" / f"{stem}.docx"))
    pdf = _budget_numbers(read_document(FIXTURES / "pdf" / f"{stem}.pdf"))
    assert len(txt) >= 10
    assert txt == docx == pdf


def test_pdf_keeps_diacritics_on_their_letters():
    doc = read_document(FIXTURES / "pdf" / "000_7343a46bed8251c6.pdf")
    text = doc.text()
    assert "ĐỊNH" in text.replace("\u00d0", "Đ") and "Điều 1" in text.replace("\u00d0", "Đ")
    table = [b.table for b in doc.blocks if b.kind == "table"][0]
    assert table.rows[1][4] == "Số lượng"  # a word broken in a narrow cell is whole again
    assert table.rows[0][0] == "TT"


def test_pdf_table_across_pages_is_one_grid():
    doc = read_document(FIXTURES / "pdf" / "000_7343a46bed8251c6.pdf")
    tables = [b.table for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    t = tables[0]
    assert t.header_rows == 2
    # header rows are not repeated in the body, and the grand total closes it
    assert sum(1 for r in t.rows if r[0] == "TT") == 1
    assert t.rows[-1][1] == "Tổng Cộng" and t.rows[-1][14] == "8.360"


def test_docx_merged_cells_are_resolved():
    doc = read_document(FIXTURES / "docx" / "000_7343a46bed8251c6.docx")
    t = [b.table for b in doc.blocks if b.kind == "table"][0]
    assert t.n_cols == 16 and all(len(r) == 16 for r in t.rows)
    assert t.rows[0][4] == "Năm 2016" and t.rows[0][5] == ""  # spanned, not repeated
    assert any(s.row == 0 and s.col == 4 and s.cols == 2 for s in t.spans)
    heading = next(b for b in doc.blocks if b.text.startswith("QUYẾT"))
    assert heading.bold and heading.centered


def test_txt_tab_dump_becomes_a_table():
    doc = read_document(CORPUS / "004_9fca6763afc4146e.txt")
    t = [b.table for b in doc.blocks if b.kind == "table"][-1]
    assert t.rows[0] == ["TT", "Nhiệm vụ cụ thể", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    assert [r[0] for r in t.rows[1:]] == [str(i) for i in range(1, 10)]
    assert t.rows[9][4] == "Hàng năm"  # the last cell ran past a blank line


@pytest.mark.parametrize("path", [FIXTURES / "pdf" / "000_7343a46bed8251c6.pdf", FIXTURES / "pdf" / "004_9fca6763afc4146e.pdf",
                                  FIXTURES / "real" / "B01_LaoCai_1696-QD-UBND_2026_signed.pdf"], ids=lambda p: p.stem[:12])
def test_pdfium_reading_matches_pdfplumber(path, monkeypatch):
    """Every page through pdfium (ruled tables from its path objects) gives
    the document and the record pdfplumber gives."""
    from vnlegal.extract import pdf as pdf_reader

    from vnlegal.pipeline import normalize
    # form fields drawn over the text (B01 is e-signed) are laid in by the pdfium path only
    monkeypatch.setattr(pdf_reader._Readers, "drawn_words", lambda self, number: [])
    monkeypatch.setattr(pdf_reader, "FAST", True)
    fast_doc = read_document(path)
    fast = normalize(fast_doc).to_json()
    monkeypatch.setattr(pdf_reader, "FAST", False)
    slow_doc = read_document(path)
    slow = normalize(slow_doc).to_json()

    def blocks(doc):
        return [(b.kind, b.page, b.text, b.table.rows if b.table else None) for b in doc.blocks]
    assert any(b.kind == "table" for b in fast_doc.blocks)
    assert blocks(fast_doc) == blocks(slow_doc)
    for part in ("meta", "sections", "targets", "agencies", "assignments", "budget", "issues"):
        assert fast[part] == slow[part], part


@pytest.mark.parametrize("path", sorted((FIXTURES / "pdf").glob("*.pdf")) + [FIXTURES / "real" / "B01_LaoCai_1696-QD-UBND_2026_signed.pdf"],
                         ids=lambda p: p.stem[:12])
def test_lines_read_whole_match_lines_read_by_characters(path):
    """Body pages are read a line at a time; each line must be the one the
    character reader builds: text, box and boldness."""
    from vnlegal.extract.paragraphs import _LineLooks
    from vnlegal.extract.pdf import _ruled_tables
    from vnlegal.extract.pdfium_page import PdfiumDocument, merge_lines
    doc = PdfiumDocument(path.read_bytes())
    compared = 0
    try:
        for i in range(len(doc)):
            page = doc.page(i)
            if i == 0 or _ruled_tables(page):  # read by characters: the header's columns, the cells
                page.close()
                continue
            whole, by_chars = page.text_lines(), merge_lines(page.fragments())
            page.close()
            assert whole is not None
            assert [l["text"] for l in whole] == [l["text"] for l in by_chars]
            for a, b in zip(whole, by_chars):
                assert [round(a[k], 2) for k in ("x0", "x1", "top", "bottom")] == \
                       [round(b[k], 2) for k in ("x0", "x1", "top", "bottom")]
                assert _LineLooks(a, {}).bold == _LineLooks(b, {}).bold
                compared += 1
    finally:
        doc.close()
    assert compared > 0
