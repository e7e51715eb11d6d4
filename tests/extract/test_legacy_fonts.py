"""Word, PDF and HTML files typed in pre-Unicode fonts (.VnTime = TCVN3,
VNI-Times = VNI-Windows) come out in Unicode; Unicode documents, and the
Unicode passages of a mixed one, are left as they are."""
from __future__ import annotations

import docx
import pytest

from tests.conftest import FIXTURES
from vnlegal.extract import read_document
from vnlegal.extract.encoding import encode_tcvn3, encode_vni
from vnlegal.extract.legacy_fonts import decode_legacy_fonts
from vnlegal.models.document import Block, Document, SourceInfo, Table

LINES = [
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
    "Số: 1234/QĐ-UBND",
    "Quảng Ninh, ngày 15 tháng 3 năm 2004",
    "Quyết định về việc phê duyệt kế hoạch phát triển du lịch giai đoạn 2004 - 2010",
    "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
    "Giao Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với các sở, ngành liên quan tổ chức thực hiện.",
]


def _as_font_text(line: str, encode) -> str:
    """What Word shows for a line typed in the legacy font: its bytes as Windows-1252."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in encode(line))


def _doc(texts, cells=None) -> Document:
    blocks = [Block(kind="paragraph", text=t) for t in texts]
    if cells:
        blocks.append(Block(kind="table", table=Table(rows=cells)))
    return Document(source=SourceInfo(file="x.docx", sha256="0", format="docx"), blocks=blocks)


@pytest.mark.parametrize("encode,font", [(encode_vni, "VNI"), (encode_tcvn3, "TCVN3")])
def test_a_document_typed_in_a_legacy_font_is_decoded(encode, font):
    typed = [_as_font_text(line, encode) for line in LINES]
    assert typed[2] != LINES[2]  # "Qu¶ng Ninh" and the like
    doc = decode_legacy_fonts(_doc(typed, cells=[[_as_font_text("Nội dung", encode), "2004"]]))
    texts = [b.text for b in doc.blocks if b.kind == "paragraph"]
    expected = LINES if font == "VNI" else [l if l != LINES[0] else l.lower() for l in LINES]
    # TCVN3 has no toned capitals: offices typed them as small letters in a capital font
    assert [t.casefold() for t in texts] == [l.casefold() for l in expected]
    assert doc.blocks[-1].table.rows[0] == ["Nội dung", "2004"]
    assert [n.code for n in doc.notes] == ["read.legacy_font"] and font in doc.notes[0].detail


def test_unicode_passages_of_a_mixed_document_stay():
    typed = [_as_font_text(line, encode_tcvn3) for line in LINES[:4]] + LINES[4:] + ["Hà Nội", "Tổng: 1.250"]
    doc = decode_legacy_fonts(_doc(typed))
    texts = [b.text for b in doc.blocks]
    assert texts[2:] == [LINES[2], LINES[3], LINES[4], LINES[5], "Hà Nội", "Tổng: 1.250"]


def test_a_unicode_document_is_untouched():
    doc = decode_legacy_fonts(_doc(LINES + ["Café à la carte – naïve façade"]))
    assert [b.text for b in doc.blocks] == LINES + ["Café à la carte – naïve façade"] and not doc.notes


def test_a_western_text_is_not_taken_for_a_legacy_font():
    french = ["Décision du préfet: réglementation des élèves à l'école élémentaire, été 2004."] * 5
    doc = decode_legacy_fonts(_doc(french))
    assert [b.text for b in doc.blocks] == french and not doc.notes


def test_a_docx_typed_in_vnTime_reads_as_the_decision(tmp_path):
    d = docx.Document()
    for line in LINES:
        run = d.add_paragraph().add_run(_as_font_text(line, encode_tcvn3))
        run.font.name = ".VnTime"
    path = tmp_path / "legacy.docx"
    d.save(path)
    text = read_document(path).text()
    assert "Căn cứ Luật Tổ chức Hội đồng nhân dân" in text and "1234/QĐ-UBND" in text


def test_the_seed_documents_are_unchanged():
    for fmt in ("docx", "pdf"):
        path = sorted((FIXTURES / fmt).glob(f"*.{fmt}"))[0]
        assert not [n for n in read_document(path).notes if n.code == "read.legacy_font"]


def test_short_unicode_passages_of_a_legacy_document_are_never_damaged():
    """Vietnamese words whose letters Windows-1252 also has ('Không', 'Tháng')
    read as well decoded ('Khụng', 'Thỏng'): a tie keeps the text."""
    typed = [_as_font_text(line, encode_tcvn3) for line in LINES]
    unicode = ["Không", "Có", "Tháng 12", "Khánh Hòa", "100 m²", "25°C", "© UBND tỉnh"]
    doc = decode_legacy_fonts(_doc(typed + unicode, cells=[unicode]))
    assert [b.text for b in doc.blocks if b.kind == "paragraph"][len(LINES):] == unicode
    assert doc.blocks[-1].table.rows[0] == unicode
    assert doc.blocks[1].text == "Số: 1234/QĐ-UBND"  # decoded: a font's Đ in a word
