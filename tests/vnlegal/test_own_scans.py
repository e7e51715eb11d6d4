"""Our own scans of born-digital PDFs: image-only, one image per page, at the
setting's resolution and tilt, the same bytes every run."""
from __future__ import annotations

import pypdfium2 as pdfium

from tests.conftest import FIXTURES
from vnlegal import own_scans
from vnlegal.extract import ocr

SEED = FIXTURES / "pdf" / "003_8818a6dd09bafe72.pdf"


def test_a_scan_has_no_text_layer_and_keeps_the_pages_and_their_size():
    data = own_scans.scan_pdf(SEED.read_bytes(), own_scans.by_name("150dpi"))
    src, scan = pdfium.PdfDocument(SEED.read_bytes()), pdfium.PdfDocument(data)
    assert len(scan) == len(src) == 4
    # the page keeps its size, within a pixel's rounding
    assert all(abs(a.get_size()[0] - b.get_size()[0]) < 1.5 for a, b in zip(scan, src))
    assert all(p.get_textpage().count_chars() == 0 for p in scan)
    image = next(o for o in scan[0].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
    assert abs(image.get_px_size()[0] - 8.27 * 150) < 8  # an A4 page at 150 dpi


def test_the_same_setting_gives_the_same_bytes_and_the_tilt_asked_for():
    setting = own_scans.by_name("300dpi-tilt2")
    one, two = own_scans.scan_pdf(SEED.read_bytes(), setting), own_scans.scan_pdf(SEED.read_bytes(), setting)
    assert one == two
    gray = ocr.to_gray(next(ocr.render_pages(one)))
    assert abs(ocr.skew_angle(gray) + 2.0) < 0.3  # straightening turns it back by 2°


def test_an_unknown_setting_names_the_known_ones():
    try:
        own_scans.by_name("600dpi")
    except KeyError as e:
        assert "300dpi-tilt2" in str(e)
    else:
        raise AssertionError("no error")
