"""Word 97–2003 documents (.doc), still common in provincial archives and on
portals: converted to DOCX by LibreOffice in headless mode, then read by the
DOCX reader, so paragraphs, the header table and budget tables come out as
they do from a .docx.

No Python library reads the binary Word format with its tables (antiword and
catdoc give plain text; olefile only the streams), and LibreOffice's import
filter is the one offices themselves use to open these files. Each conversion
runs with its own throw-away LibreOffice profile: two workers sharing the
user profile would block each other, and the second would fail silently.

Portals often serve a file named .doc that is something else (a DOCX, an
HTML page saved by Word, RTF): it is read by what its bytes are.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..models.document import Document, ReadingNote
from ..models.errors import ExtractError
from . import limits

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of .doc, .xls, .ppt
SECONDS = 120  # a conversion that takes longer is a file LibreOffice cannot read


def soffice() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: Path, data: bytes | None = None) -> Document:
    path = Path(path)
    data = path.read_bytes() if data is None else data
    head = data[:512].lstrip()
    if data.startswith(b"PK\x03\x04"):
        from .docx import read_docx  # a .docx renamed .doc
        return read_docx(path, data)
    if head[:5].lower() in (b"<html", b"<!doc", b"<?xml") or b"<html" in head.lower():
        from .html import read_html  # "Save as Web page" or a portal's export
        return read_html(path, data)
    if not (data.startswith(OLE2) or data.startswith(b"{\\rtf")):
        raise ExtractError(path, "not a Word document (no .doc or RTF header)")
    # LibreOffice runs in its own process group, out of reach of the worker's
    # kill: its own time limit ends before the batch's per-file one
    per_file = limits.current().timeout
    docx = convert_to_docx(path, data, min(SECONDS, 0.8 * per_file) if per_file else SECONDS)
    from .docx import read_docx
    doc = read_docx(path, docx)
    # the record describes the file the user has, not the conversion
    doc.source = doc.source.of(path, data, "doc", pages=doc.source.pages)
    doc.notes.append(ReadingNote(code="read.converted", detail="a Word 97–2003 file, read through LibreOffice's conversion to DOCX"))
    return doc


def convert_to_docx(path: Path, data: bytes, seconds: float = SECONDS) -> bytes:
    """The DOCX LibreOffice makes of ``data``; ExtractError when it cannot."""
    command = soffice()
    if command is None:
        raise ExtractError(path, "a .doc file needs LibreOffice to be read (install libreoffice-writer, "
                                 "or save the file as .docx)")
    with tempfile.TemporaryDirectory(prefix="vnlegal-doc-") as tmp:
        tmp = Path(tmp)
        # a plain name inside our own folder: the user's file name may hold
        # characters LibreOffice's command line reads as options or URL parts
        source = tmp / "input.doc"
        source.write_bytes(data)
        out = tmp / "out"
        args = [command, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
                "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)]
        try:
            # its own process group, so a timeout kills LibreOffice's helpers too
            proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    start_new_session=True, env={**os.environ, "HOME": str(tmp)})
            try:
                _, err = proc.communicate(timeout=seconds)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                raise ExtractError(path, f"LibreOffice did not convert the .doc within {seconds:g} s") from None
        except OSError as e:
            raise ExtractError(path, f"cannot run LibreOffice ({e.strerror or e})") from None
        result = out / "input.docx"
        if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            why = (err or b"").decode("utf-8", "replace").strip().splitlines()
            raise ExtractError(path, "LibreOffice could not convert this .doc"
                                     + (f" ({why[-1][:120]})" if why else " (damaged or not a Word file)"))
        return result.read_bytes()
