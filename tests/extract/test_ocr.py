"""Scanned decisions: OCR of images and image-only PDFs, and the clear error
when Tesseract is missing."""
from __future__ import annotations

import pytest
from vnlegal.extract import ExtractError, ocr, read_document

from tests.conftest import FIXTURES
from vnlegal.pipeline import normalize

SCAN = FIXTURES / "scanned" / "003_8818a6dd09bafe72.pdf"
needs_tesseract = pytest.mark.skipif(ocr.unavailable() is not None, reason="Tesseract with 'vie' is not installed")


@needs_tesseract
def test_a_scanned_page_as_an_image(tmp_path):
    image = next(ocr.render_pages(SCAN.read_bytes()))
    path = tmp_path / "page1.png"
    image.save(path)
    doc = read_document(path)
    assert doc.source.ocr and doc.source.format == "png" and doc.source.pages == 1
    texts = [b for b in doc.blocks if b.text.strip()]
    assert all(b.confidence is not None and 0.5 < b.confidence <= 1 for b in texts)
    rec = normalize(doc)
    assert rec.meta.number == "108/KH-UBND" and rec.meta.issued_date == "2018-03-28"


@needs_tesseract
def test_deskew_finds_the_tilt():
    image = next(ocr.render_pages(SCAN.read_bytes()))
    tilted = ocr.to_gray(image).rotate(1.5, fillcolor=255)
    assert abs(ocr.skew_angle(tilted) + 1.5) < 0.3


def test_without_tesseract_the_error_names_the_packages(monkeypatch, tmp_path):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.unavailable.cache_clear()
    try:
        with pytest.raises(ExtractError) as e:
            read_document(SCAN)
        assert "tesseract-ocr-vie" in str(e.value) and SCAN.name in str(e.value)
    finally:
        ocr.unavailable.cache_clear()


def test_a_file_named_png_that_is_no_image(tmp_path):
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"this is not an image at all")
    with pytest.raises(ExtractError) as e:
        read_document(bad)
    assert "scan.png" in str(e.value)


def test_a_red_seal_and_blue_signature_are_no_text_but_black_text_under_them_is():
    from PIL import Image, ImageDraw
    from vnlegal.extract.ocr import to_gray
    image = Image.new("RGB", (200, 100), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 10, 120, 90), outline=(200, 30, 40), width=6)  # the seal's ring
    draw.line((130, 20, 190, 80), fill=(30, 40, 180), width=4)       # a signature in blue ink
    draw.rectangle((60, 45, 90, 55), fill=(10, 10, 10))               # typed text under the seal
    gray = to_gray(image)
    assert gray.getpixel((22, 50)) == 255 and gray.getpixel((160, 50)) == 255
    assert gray.getpixel((75, 50)) < 30
