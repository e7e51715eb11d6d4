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


def test_a_figure_wrapped_in_a_narrow_cell_is_one_number():
    w = lambda text, top: ocr.Word(text, 0, top, 50, top + 20, 0.9, 1, 1, 1)  # noqa: E731
    assert ocr._cell_text([w("2,950,00", 0), w("0", 30)]) == "2,950,000"
    assert ocr._cell_text([w("1,250,0_", 0), w("00", 30)]) == "1,250,000"
    assert ocr._cell_text([w("Số", 0), w("lượng", 30)]) == "Số lượng"


def test_words_wrapped_in_a_cell_are_one_line_and_a_new_bullet_a_new_one():
    """A cell of the assignment table: "Sở Khoa học và" over "Công nghệ" is one
    agency, "Hàng" over "năm" one timeline; a dash starts the next entry."""
    def line(texts, top):
        return [ocr.Word(t, 100 * k, top, 100 * k + 80, top + 20, 0.9, 1, 1, top) for k, t in enumerate(texts)]
    cell = line(["-", "Sở", "Khoa", "học", "và"], 0) + line(["Công", "nghệ;"], 30) + line(["-", "Sở", "Tài", "chính"], 60)
    assert ocr._cell_text(cell) == "- Sở Khoa học và Công nghệ;\n- Sở Tài chính"
    assert ocr._cell_text(line(["Hàng"], 0) + line(["năm"], 30)) == "Hàng năm"


def test_the_two_column_header_read_across_the_page_is_taken_apart():
    """Tesseract gives "ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" as one
    line (300 dpi pixels); the issuer's column is read before the motto's."""
    def words(spec, top, line_no):
        out, x = [], None
        for k, (text, x0) in enumerate(spec):
            out.append(ocr.Word(text, x0, top, x0 + 24 * len(text), top + 40, 0.9, 1, 1, line_no))
        return out
    ws = (words([("ỦY", 250), ("BAN", 340), ("NHÂN", 450), ("DÂN", 590), ("CỘNG", 1150), ("HÒA", 1300),
                 ("XÃ", 1420), ("HỘI", 1500), ("CHỦ", 1620), ("NGHĨA", 1740), ("VIỆT", 1920)], 200, 1)
          + words([("TỈNH", 300), ("HƯNG", 430), ("YÊN", 570), ("NAM", 1600)], 260, 2)
          + words([("Số:", 300), ("35/QĐ-UBND", 390), ("Hưng", 1250), ("Yên,", 1380), ("ngày", 1510)], 380, 3)
          + words([("QUYẾT", 1110), ("ĐỊNH", 1290)], 520, 4))
    lines = ocr.page_lines(ws, 2480 * 72 / ocr.DPI, 1)
    assert [l["text"] for l in lines] == ["ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN", "Số: 35/QĐ-UBND",
                                          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "NAM", "Hưng Yên, ngày", "QUYẾT ĐỊNH"]


@pytest.mark.slow
@needs_tesseract
def test_an_own_scan_of_a_born_digital_plan_reads_its_budget_table(tmp_path):
    """Seed 001 rendered at 300 dpi, every page an image: the table runs over
    two pages, narrow cells wrap figures, item numbers come out as marks."""
    from vnlegal import own_scans
    from vnlegal.pipeline import process_file
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(own_scans.scan_pdf((FIXTURES / "pdf" / "001_96d3c82f377dc371.pdf").read_bytes(),
                                        own_scans.by_name("300dpi")))
    rec = process_file(scan)
    table = rec["budget"]["table"]
    assert table["grand_total"]["total_vnd"] == 17_700_000_000 and len(table["items"]) == 11
    assert [i["total_vnd"] for i in table["items"]][:3] == [750_000_000, 1_200_000_000, 880_000_000]


def test_a_group_row_whose_numeral_reads_as_a_bar_is_no_header_row():
    """The header of a grid table ends at the first row that holds figures,
    though its "I" was read as "|"."""
    from vnlegal.extract.ocr import Grid, grid_table
    import numpy as np
    ys = [(0, 1), (50, 51), (100, 101), (150, 151), (200, 201)]
    xs = [(0, 1), (100, 101), (400, 401), (500, 501), (600, 601)]
    ink = np.zeros((202, 602), dtype=bool)
    for a, b in ys:
        ink[a:b + 1, :] = True
    for a, b in xs:
        ink[:, a:b + 1] = True
    def word(text, col, row):
        x, y = (xs[col][1] + 10, ys[row][1] + 10)
        return ocr.Word(text, x, y, x + 60, y + 25, 0.9, 1, 1, row)
    words = [word("TT", 0, 0), word("Nội", 1, 0), word("2017", 2, 0), word("Tổng", 3, 0),
             word("|", 0, 1), word("TUYÊN", 1, 1), word("340", 2, 1), word("1.820", 3, 1),
             word("1", 0, 2), word("Phóng", 1, 2), word("150", 2, 2), word("600", 3, 2),
             word("2", 0, 3), word("Hội", 1, 3), word("70", 2, 3), word("280", 3, 3)]
    table = grid_table(Grid(ys, xs, ink), words)
    assert table.header_rows == 1 and table.rows[1][:2] == ["|", "TUYÊN"]


def test_specks_are_removed_and_strokes_and_dots_kept():
    """Dust and toner specks (a pixel or two, gray after JPEG) turn white; a
    stroke, the dot of an "i" (4×4 at 300 dpi) and a thin rule stay."""
    import numpy as np
    from PIL import Image
    arr = np.full((60, 60), 255, dtype=np.uint8)
    arr[10:40, 10:13] = 0      # a stroke
    arr[5:9, 30:34] = 0        # a dot over an "i"
    arr[50, 5:55] = 0          # a one-pixel rule
    arr[20, 45] = 0            # a speck
    arr[30:32, 40:42] = 150    # a speck softened by JPEG
    out = np.asarray(ocr.despeckle(Image.fromarray(arr)))
    assert out[20, 45] == 255 and (out[30:32, 40:42] == 255).all()
    assert (out[10:40, 10:13] == 0).all() and (out[5:9, 30:34] == 0).all() and (out[50, 5:55] == 0).all()
    clean = Image.fromarray(np.where(arr == 150, 255, arr).astype(np.uint8))
    clean.putpixel((45, 20), 255)
    assert ocr.despeckle(clean) is clean  # nothing to remove: the page is left as it is
