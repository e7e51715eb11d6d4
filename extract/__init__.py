"""Ingestors: bytes of one file → Document. One module per format; READERS maps
a file suffix to its reader, the one place a format is chosen."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable

from ..lang.text import drop_controls
from ..models.document import Document
from ..models.errors import ExtractError
from . import limits as _limits
from .limits import Limits, human_size


def _txt(path, data=None):
    from .txt import read_txt
    return read_txt(path, data)


def _docx(path, data=None):
    from .docx import read_docx
    return read_docx(path, data)


def _doc(path, data=None):
    from .doc import read_doc
    return read_doc(path, data)


def _pdf(path, data=None):
    from .pdf import read_pdf
    return read_pdf(path, data)


def _html(path, data=None):
    from .html import read_html
    return read_html(path, data)


def _image(path, data=None):
    from .ocr import read_image
    return read_image(path, data)


READERS: dict[str, Callable[..., Document]] = {
    ".txt": _txt, ".docx": _docx, ".doc": _doc, ".rtf": _doc, ".pdf": _pdf, ".html": _html, ".htm": _html,
    ".png": _image, ".jpg": _image, ".jpeg": _image, ".tif": _image, ".tiff": _image,
}


def read_document(path: Path | str, limits: Limits | None = None) -> Document:
    """Read any supported file into a Document; ExtractError for what cannot be
    read or is over one of ``limits`` (the defaults when None)."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ExtractError(path, f"unsupported file type '{path.suffix}'")
    with _limits.use(limits) as bounds:
        data = read_input(path, bounds)
        if not data.strip():
            raise ExtractError(path, "empty file")
        document = reader(path, data)
    drop_controls_in(document)
    if reader is not _txt:  # a TXT's bytes were decoded whole by encoding.py
        from .legacy_fonts import decode_legacy_fonts
        decode_legacy_fonts(document)
    return document


def special_file(mode: int) -> str | None:
    """What a file that is no regular file is, for the line that names it."""
    for test, what in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_input(path: Path, bounds: Limits) -> bytes:
    """The bytes of ``path``, refused before reading when it is no regular file
    (a FIFO named x.txt would block the worker forever) or over the size bound.
    Opened with O_NONBLOCK so that a file swapped for a FIFO after the check
    cannot block either."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        raise ExtractError(path, f"cannot read file ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        what = special_file(st.st_mode)
        if what:
            raise ExtractError(path, f"{what}, not a document file")
        if bounds.max_size and st.st_size > bounds.max_size:
            raise ExtractError(path, f"file of {human_size(st.st_size)} is over the size limit of "
                                     f"{human_size(bounds.max_size)} (--max-size)")
        with os.fdopen(fd, "rb", closefd=False) as f:
            # one byte more than the bound: a file that grew after the check is still caught
            data = f.read(bounds.max_size + 1 if bounds.max_size else -1)
    except OSError as e:
        raise ExtractError(path, f"cannot read file ({e.strerror})") from None
    finally:
        os.close(fd)
    if bounds.max_size and len(data) > bounds.max_size:
        raise ExtractError(path, f"file is over the size limit of {human_size(bounds.max_size)} (--max-size)")
    return data


def drop_controls_in(document: Document) -> None:
    """NUL and the other control characters (tab and line feed kept) out of
    every text a reader produced: they are no part of a legal text, and a NUL
    in a record breaks the consumers that read it (C strings, SQLite tools)."""
    for block in document.blocks:
        block.text = drop_controls(block.text)
        if block.table is not None:
            block.table.rows = [[drop_controls(c) for c in row] for row in block.table.rows]


__all__ = ["READERS", "ExtractError", "Limits", "read_document", "read_input", "special_file"]
