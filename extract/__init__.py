"""Ingestors: bytes of one file → Document. One module per format; READERS maps
a file suffix to its reader, the one place a format is chosen."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..models.document import Document
from ..models.errors import ExtractError


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


def read_document(path: Path | str) -> Document:
    """Read any supported file into a Document; ExtractError for what cannot be read."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ExtractError(path, f"unsupported file type '{path.suffix}'")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ExtractError(path, f"cannot read file ({e.strerror})") from None
    if not data.strip():
        raise ExtractError(path, "empty file")
    document = reader(path, data)
    if reader is not _txt:  # a TXT's bytes were decoded whole by encoding.py
        from .legacy_fonts import decode_legacy_fonts
        decode_legacy_fonts(document)
    return document


__all__ = ["READERS", "ExtractError", "read_document"]
