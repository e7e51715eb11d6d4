"""The DOCX reader finds its parts through the package relationships."""
from __future__ import annotations

import zipfile

import docx
import pytest
from vnlegal.extract import ExtractError, read_document

from tests.conftest import FIXTURES
from tests.named_patterns import check, ids
from vnlegal.extract import docx as docx_reader


def test_header_footer_and_content_control_are_read(tmp_path):
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
    d.sections[0].footer.paragraphs[0].text = "Trang 1"
    d.add_paragraph("QUYẾT ĐỊNH")
    body = d.element.body
    sdt = body.makeelement(docx.oxml.ns.qn("w:sdt"), {})
    content = sdt.makeelement(docx.oxml.ns.qn("w:sdtContent"), {})
    inner = d.add_paragraph("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;")._p
    content.append(inner)  # moved out of the body into the content control
    sdt.append(content)
    body.insert(len(body) - 1, sdt)  # before the final sectPr
    path = tmp_path / "decision.docx"
    d.save(path)

    blocks = read_document(path).blocks
    assert [(b.style, b.text) for b in blocks] == [
        ("header", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"),
        (None, "QUYẾT ĐỊNH"),
        (None, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"),
        ("footer", "Trang 1"),
    ]


def test_a_spreadsheet_named_docx_is_refused(tmp_path):
    path = tmp_path / "budget.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    with pytest.raises(ExtractError) as e:
        read_document(path)
    assert "budget.docx" in str(e.value) and "not a Word document" in str(e.value)


def test_real_draft_header_table_and_task_table():
    doc = read_document(FIXTURES / "real" / "B02_LaoCai_KH-UBND-draft_ChiThi11-khoangsan_2026.docx")
    tables = [b.table for b in doc.blocks if b.kind == "table"]
    assert tables[0].rows[0] == ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "",
                                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"]
    tasks = tables[-1]
    assert tasks.header_rows == 1 and tasks.rows[0][:3] == ["TT", "Tên nhiệm vụ", "Sở, ngành chủ trì tham mưu"]
    assert len(tasks.rows) == 16
    assert doc.source.pages == 15  # from docProps/app.xml

# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("_PAGES", "search", "<Template>Normal.dotm</Template><TotalTime>5</TotalTime><Pages>3</Pages>", 1, "3",
     "<Pages></Pages>"),
    ("_HEADING_STYLE", "match", "Heading1", 0, "Heading", "ListParagraph"),
    ("_HEADING_STYLE", "match", "Title", 0, "Title", "Subtitle"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(docx_reader, name), how, line, group, want, miss)
