"""A PDF whose first page is an image (the signed page scanned back in) and
whose other pages have text: the image page is read by OCR on its own, and the
record says so."""
from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont
from vnlegal.extract import read_document
from vnlegal.extract.ocr import unavailable

from tests.extract.pdfmaker import image_page_first, text_pdf

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.mark.slow
def test_an_image_page_among_text_pages_is_ocrd(tmp_path):
    if unavailable():
        pytest.fail(unavailable())
    try:
        font = ImageFont.truetype(FONT, 40)
    except OSError:
        pytest.skip("no DejaVu font to draw the scanned page")
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for k, line in enumerate(["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "Số: 1629/QĐ-UBND", "QUYẾT ĐỊNH",
                              "Về việc công bố thủ tục hành chính"]):
        draw.text((120, 150 + 90 * k), line, fill=0, font=font)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(image_page_first(text_pdf([(72, 760, "Dieu 2. Quyet dinh nay co hieu luc tu ngay ky.")]), image))
    doc = read_document(path)
    assert doc.source.ocr_pages == [1] and doc.source.pages == 2
    text = doc.text()
    assert "QUYẾT ĐỊNH" in text and "1629/QĐ-UBND" in text.replace(" ", "")
    assert "Dieu 2. Quyet dinh nay co hieu luc tu ngay ky." in text
    assert [n.code for n in doc.notes] == ["read.page_ocr"]


@pytest.mark.parametrize("text,why", [
    ("(cid:12)(cid:45)(cid:33) (cid:90)(cid:7)(cid:81)(cid:2) " * 4, "glyph codes"),
    ("\ue012\ue044\ue0a1 \ue013\ue09f\ue011\ue0a0 " * 8, "private-use"),
    ("¦¤¢ £¥§¨ ©ª«¬ ®¯°± ²³µ¶ ·¸¹º " * 3, "symbols"),
    (" ".join(["Quyẫệt", "địựớnh", "vằấ", "viọộc", "phềế", "duyĩỉt"] * 6), "syllables"),
])
def test_a_text_layer_that_is_no_text_is_told(text, why):
    from vnlegal.extract.pdf import unreadable_text
    from vnlegal.models.document import Block
    assert why in unreadable_text([Block(kind="paragraph", text=text)])


@pytest.mark.parametrize("text", [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Quyết định số 1419/QĐ-TTg " * 2,
    "TT\tNội dung\tNăm 2016\n1\tTuyên truyền\t150.000\n2\tHội thảo\t240.000\n3\tPhóng sự\t160.000\n" * 2,
    "QuyÕt ®Þnh vÒ viÖc phª duyÖt kÕ ho¹ch ph¸t triÓn du lÞch giai ®o¹n 2004 - 2010 cña tØnh Qu¶ng Ninh " * 3,
])
def test_text_tables_and_legacy_font_text_are_text(text):
    from vnlegal.extract.pdf import unreadable_text
    from vnlegal.models.document import Block
    assert unreadable_text([Block(kind="paragraph", text=text)]) is None


def test_a_page_whose_text_is_symbols_is_read_from_its_image(tmp_path):
    soup = "¦¤¢ £¥§¨ ©«¬ ®¯°± ¶·¸ ¦§¨ ©¬"
    path = tmp_path / "garbled.pdf"
    path.write_bytes(text_pdf([(72, 700 - 20 * i, soup) for i in range(6)]
                              + [(72, 500, "QUYET DINH ve viec phe duyet ke hoach")]))
    doc = read_document(path)
    notes = [n for n in doc.notes if n.code == "read.page_text_unreadable"]
    assert [n.page for n in notes] == [1] and "symbols, not words" in notes[0].detail
    assert soup not in doc.text()


def test_a_form_with_fill_in_dots_is_text():
    from vnlegal.extract.pdf import unreadable_text
    from vnlegal.models.document import Block
    form = [Block(kind="paragraph", text=f"{label}: ……………………………………………………………") for label in
            ("Họ và tên", "Ngày sinh", "Địa chỉ", "Số điện thoại", "Email", "Nghề nghiệp")]
    dots = [Block(kind="paragraph", text=f"{label}: ..................................................") for label in
            ("Họ và tên", "Ngày sinh", "Địa chỉ", "Số điện thoại", "Email", "Nghề nghiệp")]
    assert unreadable_text(form) is None and unreadable_text(dots) is None
