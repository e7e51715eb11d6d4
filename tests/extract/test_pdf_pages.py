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
