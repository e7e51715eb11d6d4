"""Bounds on what one input may cost to read, set by the user (``vnlegal
extract --max-size …``) and checked by the readers before the expensive step:
the file size before reading it, a DOCX part's declared size before inflating
it, a PDF's page count before walking it, a page's size before rendering it.

An analyst runs batches unattended over folders from many sources; one hostile
or broken file (a zip bomb, a 14,400-pt page, 2,000 blank pages) must cost a
bounded amount and end as one named failure, not take the machine's memory.
The per-file time limit is enforced by the batch runner, which alone can kill
a worker; it is kept here so one object carries every bound to the worker.
"""
from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass
from typing import Iterator

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    # seconds one file may take in a worker before the worker is killed (0: none)
    timeout: float = 600.0
    # bytes of an input file; the largest real decisions (scanned appendices) are tens of MB
    max_size: int = 200 * MB
    # bytes one DOCX part (document.xml, a header) may inflate to; real ones are a few MB
    max_part_size: int = 100 * MB
    # pages of a PDF; the longest plans with their appendices run to a few hundred
    max_pages: int = 2000
    # megapixels of one page rendered for OCR at 300 DPI; an A3 page is 17.4, A1 is 70
    max_ocr_megapixels: float = 80.0


_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar("vnlegal_limits", default=Limits())


def current() -> Limits:
    """The bounds in force for the file being read."""
    return _CURRENT.get()


@contextlib.contextmanager
def use(limits: Limits | None) -> Iterator[Limits]:
    """Read with ``limits`` inside the block (the defaults when None)."""
    token = _CURRENT.set(limits or Limits())
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


def human_size(n: float) -> str:
    """Bytes as a user reads them in a failure line: 3.6 MB, 1.0 GB."""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"
