"""Scans of our own: a born-digital PDF printed to page images the way an
office scanner would give them (a resolution, a tilt, speckles, JPEG), saved as
an image-only PDF. ``make eval`` reads the seeds' PDFs scanned this way at
each setting and grades them against the seeds' gold, so scans are measured
on every table we have, not only on the two scans under ../shared.

The settings span what portal scans show: 150–300 dpi, up to 2° of tilt,
speckle from dust and toner, heavy JPEG. Every setting is deterministic (a
fixed random seed), so a score moves only when the reader does.
"""
from __future__ import annotations

import io
import random
import time
from dataclasses import dataclass
from pathlib import Path

from .io import write_atomic


@dataclass(frozen=True)
class Setting:
    name: str
    dpi: int
    tilt: float = 0.0  # degrees, counter-clockwise
    speckle: float = 0.0  # share of pixels turned black, and as many white
    blur: float = 0.0  # Gaussian radius in pixels: a scanner's soft focus
    quality: int = 85  # JPEG quality of the page images
    contrast: float = 1.0  # below 1, a faded scan or a light photocopy: black ink comes out gray


SETTINGS = [
    Setting("300dpi", 300),
    Setting("200dpi", 200),
    Setting("150dpi", 150, quality=75),
    Setting("300dpi-tilt2", 300, tilt=2.0),
    Setting("200dpi-tilt-1", 200, tilt=-1.0, blur=0.6),
    Setting("300dpi-speckle", 300, speckle=0.002, blur=0.8),
    Setting("200dpi-jpeg40", 200, tilt=0.5, quality=40),
    Setting("200dpi-faded", 200, tilt=-0.5, contrast=0.4),
]


def by_name(name: str) -> Setting:
    for s in SETTINGS:
        if s.name == name:
            return s
    raise KeyError(f"no scan setting {name!r}; known: {', '.join(s.name for s in SETTINGS)}")


def scan_page(image, setting: Setting, rnd: random.Random):
    """One rendered page (gray) as the scanner gives it back."""
    from PIL import Image, ImageFilter
    import numpy as np
    im = image.convert("L")
    if setting.contrast != 1.0:
        im = im.point(lambda v: int(255 - (255 - v) * setting.contrast))
    if setting.blur:
        im = im.filter(ImageFilter.GaussianBlur(setting.blur))
    if setting.tilt:
        # the sheet turned on the glass: the page keeps its size, corners go white
        im = im.rotate(setting.tilt, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if setting.speckle:
        arr = np.asarray(im).copy()
        gen = np.random.default_rng(rnd.randrange(2**32))
        n = int(arr.size * setting.speckle)
        ys, xs = gen.integers(0, arr.shape[0], n), gen.integers(0, arr.shape[1], n)
        arr[ys, xs] = 0
        ys, xs = gen.integers(0, arr.shape[0], n), gen.integers(0, arr.shape[1], n)
        arr[ys, xs] = 255
        im = Image.fromarray(arr)
    return im


def scan_pdf(data: bytes, setting: Setting) -> bytes:
    """The PDF ``data`` as an image-only PDF scanned at ``setting``."""
    import pypdfium2 as pdfium
    from PIL import Image
    rnd = random.Random(7)
    pdf = pdfium.PdfDocument(data)
    pages = []
    try:
        for page in pdf:
            image = page.render(scale=setting.dpi / 72, grayscale=True).to_pil()
            pages.append(scan_page(image, setting, rnd))
            page.close()
    finally:
        pdf.close()
    out = io.BytesIO()
    # each page a JPEG at the setting's quality, sized by its resolution; fixed dates keep the bytes the same
    when = time.gmtime(1577836800)  # 2020-01-01
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=setting.dpi,
                  quality=setting.quality, creationDate=when, modDate=when)
    return out.getvalue()


def make_scans(pdfs: list[Path], out: Path, setting: Setting) -> list[Path]:
    """Each PDF scanned at ``setting`` into ``out`` (same file names); a scan
    already there from an earlier run is kept, since the settings are fixed."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for src in pdfs:
        dest = out / src.name
        if not dest.exists():
            write_atomic(dest, scan_pdf(src.read_bytes(), setting))
        made.append(dest)
    return made
