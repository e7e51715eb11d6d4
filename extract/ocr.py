"""Scanned pages: rendered with pypdfium2, straightened, and read by Tesseract's
Vietnamese model; ruled tables rebuilt from the ruling lines in the image and
the word boxes of Tesseract's TSV, into the same grid the other formats give.

Tesseract runs as a subprocess with OMP_THREAD_LIMIT=1: its own threads only
slow down a batch that already uses every core.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ..models.document import Block, Document, SourceInfo, Span, Table
from ..models.errors import ExtractError
from . import limits
from .paragraphs import append_page, header_columns, join_cell_lines, paragraphs, signature_columns

DPI = 300  # scans are rendered at this resolution before OCR (make bench weighs 200 against it)
TABLE_CROP = True  # a table page's table is read from its own crop, not from the whole page again
_INSTALL = "install the Debian packages tesseract-ocr and tesseract-ocr-vie"


@lru_cache(maxsize=1)
def unavailable() -> str | None:
    """Why OCR cannot run here, or None."""
    if shutil.which("tesseract") is None:
        return f"needs OCR, and Tesseract is not installed ({_INSTALL})"
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as e:
        return f"needs OCR, and Tesseract does not run ({e})"
    if "vie" not in langs.split():
        return f"needs OCR, and Tesseract has no Vietnamese model ({_INSTALL})"
    return None


def model_path() -> Path | None:
    """The Vietnamese model Tesseract loads (Debian's tesseract-ocr-vie is the
    fast integer model; the larger "best" one is in no package we can install)."""
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    folder = regex.search(r'"([^"]+)"', out.splitlines()[0] if out else "")
    path = Path(folder.group(1)) / "vie.traineddata" if folder else None
    return path if path and path.exists() else None


@dataclass
class Word:
    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    conf: float
    block: int
    par: int
    line: int


def tesseract(image, psm: int = 3) -> list[Word]:
    """Words with their boxes and confidence (0..1), from Tesseract's TSV."""
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie", "--psm", str(psm), "tsv"],
                          input=buf.getvalue(), capture_output=True, env=env, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace")[:200])
    words = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
        f = line.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        left, top, w, h = (int(x) for x in f[6:10])
        words.append(Word(f[11], left, top, left + w, top + h, max(0.0, float(f[10])) / 100,
                          int(f[2]), int(f[3]), int(f[4])))
    return words


# ---------------------------------------------------------------- image work

def to_gray(image):
    """The page in gray, the coloured ink of stamps and signatures (red, blue)
    turned white: it is no text, and Tesseract reads the text under a round
    red seal better without it. Black text under the seal stays black."""
    if image.mode not in ("RGB", "RGBA", "P"):
        return image.convert("L")
    import numpy as np
    from PIL import Image
    rgb = np.asarray(image.convert("RGB")).astype(np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    ink = ((r - np.maximum(g, b)) > 60) | ((b - np.maximum(r, g)) > 50)
    gray = np.asarray(image.convert("L")).copy()
    gray[ink] = 255
    return Image.fromarray(gray)


def restore_contrast(gray):
    """A faded scan or a light photocopy, its darkest ink gray (above 100):
    stretched so that its ink is black and its paper white, as the fixed
    thresholds of the ruling-line finder and of ``despeckle`` expect. A page
    with black ink is left as it is."""
    import numpy as np
    from PIL import Image
    arr = np.asarray(gray)
    counts = np.cumsum(np.bincount(arr.ravel(), minlength=256))
    dark = int(np.searchsorted(counts, counts[-1] * 0.005))  # the darkest ink, a few specks aside
    paper = int(np.searchsorted(counts, counts[-1] * 0.5))
    if dark <= 100 or paper - dark < 40:
        return gray
    lut = np.clip((np.arange(256, dtype=np.float32) - dark) * 255.0 / (paper - dark), 0, 255).astype(np.uint8)
    return Image.fromarray(lut[arr])


def despeckle(gray):
    """Specks of dust and toner turned white: a dark spot with next to no ink
    within two pixels of it (at most 6 of the 25) and none a pixel further out.
    The dot of an "i" or a diacritic fills its window; a thin rule runs on past
    it. Tesseract reads specks as marks (":", "'", "."), and in a table's cells
    as figures."""
    import numpy as np
    from PIL import Image
    arr = np.asarray(gray)
    ink = arr < 200  # a speck softened by JPEG is gray, not black
    c = np.zeros((arr.shape[0] + 7, arr.shape[1] + 7), dtype=np.int32)
    c[1:, 1:] = np.pad(ink, 3).cumsum(0, dtype=np.int32).cumsum(1, dtype=np.int32)

    def window(n: int):  # the ink in the n×n around each pixel
        k = (7 - n) // 2
        a = c[k:, k:][: arr.shape[0] + n, : arr.shape[1] + n]
        return a[n:, n:] - a[:-n, n:] - a[n:, :-n] + a[:-n, :-n]

    five = window(5)
    speck = ink & (five <= 6) & (window(7) == five)
    if not speck.any():
        return gray
    out = arr.copy()
    out[speck] = 255
    return Image.fromarray(out)


def skew_angle(gray) -> float:
    """The tilt, in degrees, that makes the text lines most horizontal
    (the sharpest horizontal ink profile)."""
    import numpy as np
    scale = 1000 / max(gray.size)
    small = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))))
    ink = small.point(lambda v: 255 if v < 140 else 0)

    def score(angle: float) -> float:
        rot = np.asarray(ink.rotate(angle, fillcolor=0), dtype=np.float32)
        prof = rot.sum(axis=1)
        return float(np.square(np.diff(prof)).sum())

    best = max((a / 2 for a in range(-8, 9)), key=score)
    return max((best + a / 10 for a in range(-5, 6)), key=score)


def straighten(gray):
    angle = skew_angle(gray)
    if abs(angle) < 0.05:
        return gray, 0.0
    return gray.rotate(angle, resample=3, expand=False, fillcolor=255), angle


def _lines(mask_len, ink, axis: int, min_frac: float):
    """Positions of ruling lines along ``axis`` (0: horizontal lines, as y)."""
    import numpy as np
    a = ink if axis == 0 else ink.T
    L = mask_len
    c = np.cumsum(np.pad(a, ((0, 0), (1, 0))).astype(np.int32), axis=1)
    run = (c[:, L:] - c[:, :-L]) == L  # a window of L ink pixels: part of a line
    count = run.sum(axis=1)
    rows = np.where(count > min_frac * a.shape[1])[0]
    out = []
    for r in rows:
        if out and r - out[-1][-1] <= 3:
            out[-1].append(r)
        else:
            out.append([r])
    return [(g[0], g[-1]) for g in out]


@dataclass
class Grid:
    ys: list[tuple[int, int]]  # horizontal lines (first, last pixel row)
    xs: list[tuple[int, int]]  # vertical lines
    ink: object  # the binary image

    @property
    def bbox(self):
        return self.xs[0][0], self.ys[0][0], self.xs[-1][1], self.ys[-1][1]


def find_grid(gray) -> Grid | None:
    import numpy as np
    ink = np.asarray(gray) < 150
    ys = _lines(60, ink, 0, 0.25)
    if len(ys) < 3:
        return None
    top, bottom = ys[0][0], ys[-1][1]
    band = ink[top:bottom + 1]
    xs_all = _lines(40, band, 1, 0.5)
    if len(xs_all) < 3:
        return None
    # lines outside the ruled block are text underlines, not the table
    left, right = xs_all[0][0], xs_all[-1][1]
    # a rule under merged header cells ("Năm 2016" over its two columns) spans part of the table
    ys = [y for y in ys if ink[y[0]:y[1] + 1, left:right + 1].any(axis=0).mean() > 0.3]
    if len(ys) < 3:
        return None
    return Grid(ys, xs_all, ink)


def _boundary(ink, x: tuple[int, int], y0: int, y1: int) -> bool:
    """Whether the vertical line at ``x`` is drawn between y0 and y1."""
    if y1 - y0 < 6:
        return True
    seg = ink[y0 + 3:y1 - 2, max(0, x[0] - 2):x[1] + 3].any(axis=1)
    return seg.mean() > 0.6


def grid_table(grid: Grid, words: list[Word]) -> Table:
    """Words into the cells of the grid; a cell whose right rule is missing
    spans into its neighbour (the "Năm 2016" over its two columns)."""
    ys, xs, ink = grid.ys, grid.xs, grid.ink
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    cells: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        r = next((i for i in range(n_rows) if ys[i][1] <= cy < ys[i + 1][0] + 1), None)
        c = next((j for j in range(n_cols) if xs[j][1] <= cx < xs[j + 1][0] + 1), None)
        if r is not None and c is not None:
            cells.setdefault((r, c), []).append(w)
    grid_text = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    spans: list[Span] = []
    for r in range(n_rows):
        y0, y1 = ys[r][1], ys[r + 1][0]
        c = 0
        while c < n_cols:
            end = c
            while end + 1 < n_cols and not _boundary(ink, xs[end + 1], y0, y1):
                end += 1
            ws = [w for k in range(c, end + 1) for w in cells.get((r, k), [])]
            grid_text[r][c] = _cell_text(ws)
            if end > c:
                spans.append(Span(row=r, col=c, rows=1, cols=end - c + 1))
            c = end + 1
    header = 0
    for r in range(min(3, n_rows)):
        # the first row numbered "I" or "1", or holding figures, is data (a group whose "I" was read as "|")
        if any(t.strip().upper() in ("I", "1") for t in grid_text[r][:2]) \
                or sum(bool(_FIGURE.match(t)) for t in grid_text[r]) >= 2:
            break
        header = r + 1
    return Table(rows=grid_text, header_rows=header, spans=spans)


def _cell_text(words: list[Word]) -> str:
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(((w.top + w.bottom) / 2) - ((lines[-1][0].top + lines[-1][0].bottom) / 2)) < 12:
            lines[-1].append(w)
        else:
            lines.append([w])
    texts = [" ".join(w.text for w in sorted(l, key=lambda w: w.x0)) for l in lines]
    text = "\n".join(texts)
    if len(lines) > 1 and _FIGURE_LINES.match(text):
        # a figure wrapped in a narrow cell ("2,950,00" over "0"): one number
        return _WRAP.sub("", text)
    # wrapped words of a cell are one line, as the PDF reader gives them; a new bullet starts a new one
    return join_cell_lines(texts)


# a figure alone in its cell: "340", "1.820" (a header's "Năm 2016" is no figure)
_FIGURE = regex.compile(r"^\s*\d[\d.,]*\s*$")
# digits and separators only, over several lines; OCR reads a stroke under a digit as "_"
_FIGURE_LINES = regex.compile(r"^[\d.,_ ]*\d[\d.,_ ]*(?:\n[\d.,_ ]*\d[\d.,_ ]*)+$")
_WRAP = regex.compile(r"[\n_ ]")


# ---------------------------------------------------------------- pages

def _pt() -> float:
    """A pixel of the rendered page, in points."""
    return 72 / DPI


def _text_lines(words: list[Word]) -> list[dict]:
    """Tesseract's lines as the line records the paragraph engine reads, in
    points like a PDF's, so that its gaps and indents mean the same on a scan."""
    from collections import OrderedDict
    groups: OrderedDict = OrderedDict()
    for w in words:
        groups.setdefault((w.block, w.par, w.line), []).append(w)
    out = []
    pt = _pt()
    for ws in groups.values():
        ws.sort(key=lambda w: w.x0)
        out.append({"text": " ".join(w.text for w in ws), "x0": ws[0].x0 * pt, "x1": max(w.x1 for w in ws) * pt,
                    "top": min(w.top for w in ws) * pt, "bottom": max(w.bottom for w in ws) * pt,
                    "chars": [{"text": ch, "x0": w.x0 * pt, "x1": w.x1 * pt, "fontname": ""}
                              for w in ws for ch in (w.text + " ")],
                    "conf": sum(w.conf for w in ws) / len(ws)})
    return out


def page_lines(words: list[Word], width: float, number: int) -> list[dict]:
    """A page's words as lines in reading order: Tesseract reads the two-column
    header (issuer | motto) and the closing block (receivers | signer) across
    the page as one line each; they are taken apart as the PDF reader does."""
    lines = _text_lines(words)
    lines.sort(key=lambda l: (l["top"], l["x0"]))
    if number == 1:
        lines = header_columns(lines, width)
    return signature_columns(lines, width)


def read_page_image(image, number: int) -> list[Block]:
    """One scanned page → blocks (paragraphs and tables), with OCR confidence."""

    gray, _ = straighten(despeckle(restore_contrast(to_gray(image))))
    grid = find_grid(gray)
    blocks: list[tuple[float, Block]] = []
    text_image = gray
    if grid is not None:
        x0, y0, x1, y1 = grid.bbox
        # the table is read on its own, its rules erased so they are not read as letters
        import numpy as np
        from PIL import Image
        arr = np.asarray(gray).copy()
        for a, b in grid.ys:
            arr[max(0, a - 2):b + 3, x0:x1 + 1] = 255
        for a, b in grid.xs:
            arr[y0:y1 + 1, max(0, a - 2):b + 3] = 255
        if TABLE_CROP:
            # only the table's own pixels (and a margin) go to Tesseract; its words are put back in page pixels
            m = 10
            cx0, cy0 = max(0, x0 - m), max(0, y0 - m)
            crop = Image.fromarray(arr[cy0:y1 + m + 1, cx0:x1 + m + 1])
            words = [Word(w.text, w.x0 + cx0, w.top + cy0, w.x1 + cx0, w.bottom + cy0, w.conf, w.block, w.par, w.line)
                     for w in tesseract(crop, psm=6)]
        else:
            words = tesseract(Image.fromarray(arr), psm=6)
        inside = [w for w in words if x0 <= (w.x0 + w.x1) / 2 <= x1 and y0 <= (w.top + w.bottom) / 2 <= y1]
        table = grid_table(grid, inside)
        conf = sum(w.conf for w in inside) / len(inside) if inside else None
        blocks.append((y0 * _pt(), Block(kind="table", text=table.text(), page=number, table=table, confidence=conf)))
        page = np.asarray(gray).copy()
        page[y0:y1 + 1, x0:x1 + 1] = 255
        text_image = Image.fromarray(page)
    words = [w for w in tesseract(text_image, psm=3) if w.text.strip()]
    width = text_image.width * _pt()
    for top, block in paragraphs(page_lines(words, width, number), width):
        block.page = number
        blocks.append((top, block))
    blocks.sort(key=lambda x: x[0])
    return [b for _, b in blocks]


def render_pages(data: bytes, skip: set[int] = frozenset()):
    """Each page of a PDF as an image at DPI; None for the pages in ``skip`` (1-based)."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(data)
    try:
        for n, page in enumerate(pdf, start=1):
            # in colour: stamps are told apart by their ink
            yield None if n in skip else page.render(scale=DPI / 72).to_pil()
            page.close()
    finally:
        pdf.close()


def megapixels(width_pt: float, height_pt: float) -> float:
    """The size of a page rendered at DPI."""
    return (width_pt * DPI / 72) * (height_pt * DPI / 72) / 1e6


def survey(data: bytes, numbers: list[int], max_megapixels: float) -> tuple[set[int], dict[int, str]]:
    """Of the pages ``numbers`` (1-based, pages without text): those with nothing
    drawn on them (no OCR can find text there), and those too large to render
    within ``max_megapixels`` (0: no bound), each with the reason in one line."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    blank: set[int] = set()
    oversize: dict[int, str] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for n in numbers:
            page = pdf[n - 1]
            try:
                if raw.FPDFPage_CountObjects(page.raw) == 0 and raw.FPDFPage_GetAnnotCount(page.raw) == 0:
                    blank.add(n)
                    continue
                w, h = page.get_size()
                mp = megapixels(w, h)
                if max_megapixels and mp > max_megapixels:
                    oversize[n] = (f"a page of {w:.0f}×{h:.0f} pt would be {mp:,.0f} megapixels at {DPI} DPI, "
                                   f"over the OCR limit of {max_megapixels:g} (--max-ocr-megapixels); not rendered")
            finally:
                page.close()
    finally:
        pdf.close()
    return blank, oversize


def render_page(data: bytes, number: int):
    """Page ``number`` (1-based) of a PDF as an image at DPI."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[number - 1]
        image = page.render(scale=DPI / 72).to_pil()  # in colour: stamps are told apart by their ink
        page.close()
        return image
    finally:
        pdf.close()


def ocr_document(path: Path, data: bytes, fmt: str, pages, notes=None) -> Document:
    """Blocks of every page image in ``pages`` (None: a page left unread);
    ExtractError when OCR cannot run."""

    why = unavailable()
    if why:
        raise ExtractError(path, why)
    blocks: list[Block] = []
    n = 0
    for n, image in enumerate(pages, start=1):
        if n > 1:
            blocks.append(Block(kind="page_break", page=n - 1))
        if image is not None:
            append_page(blocks, read_page_image(image, n))
    if not any(b.text.strip() for b in blocks):
        raise ExtractError(path, "OCR found no text")
    source = SourceInfo.of(path, data, format=fmt,
                           pages=n, ocr=True, encoding=None)
    return Document(source=source, blocks=blocks, notes=list(notes or []))


def read_image(path: Path, data: bytes | None = None) -> Document:
    """A scanned page (or a multi-page TIFF) as PNG, JPEG or TIFF."""
    from PIL import Image, ImageSequence, UnidentifiedImageError
    data = path.read_bytes() if data is None else data
    bounds = limits.current()
    frames = []
    try:
        with warnings.catch_warnings():
            # Pillow's own warning is replaced by the bound below, said in one line
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
        # each frame's size is in its header: checked before its pixels are decoded
        for k, frame in enumerate(ImageSequence.Iterator(im), start=1):
            if bounds.max_pages and k > bounds.max_pages:
                raise ExtractError(path, f"image of more than {bounds.max_pages} pages is over the page limit "
                                         f"(--max-pages)")
            mp = frame.width * frame.height / 1e6
            if bounds.max_ocr_megapixels and mp > bounds.max_ocr_megapixels:
                raise ExtractError(path, f"page {k}: an image of {frame.width}×{frame.height} pixels ({mp:,.0f} "
                                         f"megapixels) is over the OCR limit of {bounds.max_ocr_megapixels:g} "
                                         f"(--max-ocr-megapixels)")
            frames.append(frame.copy())
    except (UnidentifiedImageError, OSError) as e:
        raise ExtractError(path, f"not a readable image ({str(e)[:80]})") from None
    except Image.DecompressionBombError as e:
        raise ExtractError(path, f"image too large to read ({str(e)[:80]})") from None
    fmt = path.suffix.lower().lstrip(".").replace("jpeg", "jpg").replace("tiff", "tif")
    return ocr_document(path, data, fmt, frames)
