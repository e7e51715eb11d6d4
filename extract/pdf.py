"""Born-digital PDFs: pages read through pdfium (extract/pdfium_page.py),
pdfplumber only for pages pdfium's coordinates do not fit (rotated, offset).

Lines are rebuilt into paragraphs from geometry (gaps, indents, short last
lines); ruled tables are read as grids, wrapped cell text joined; a table that
runs onto the next page is joined to its first part and the repeated header
rows are dropped. Pages without a text layer are left to the OCR reader.
"""
from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import regex

from ..lang.markers import RECEIVERS
from ..models.document import Block, Document, ReadingNote, SourceInfo, Table
from ..models.errors import ExtractError
from . import limits
from .paragraphs import append_page, header_columns, join_cell_lines, paragraphs, signature_columns

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf(path: Path, data: bytes | None = None) -> Document:
    data = path.read_bytes() if data is None else data
    if not data:
        raise ExtractError(path, "empty file")
    if b"%PDF-" not in data[:1024]:
        # readers accept the header anywhere in the first 1024 bytes (some servers prepend a few)
        raise ExtractError(path, "not a PDF (no %PDF header in its first 1024 bytes)")
    pages: list[list[Block]] = []
    bounds = limits.current()
    with _Readers(path, data) as readers:
        n_pages = readers.n_pages
        if bounds.max_pages and n_pages > bounds.max_pages:
            raise ExtractError(path, f"PDF of {n_pages} pages is over the page limit of {bounds.max_pages} "
                                     f"(--max-pages)")
        repeated = _repeated_page(data)
        if repeated is not None:
            raise ExtractError(path, f"damaged PDF: its page tree loops (object {repeated} is reached twice), "
                                     f"so its pages cannot be told apart")
        for number in range(1, n_pages + 1):
            pages.append(readers.read_page(number))
        notes: list[ReadingNote] = list(readers.notes)
    if n_pages == 0:
        raise ExtractError(path, "PDF has no pages")
    # a text layer that is no text (glyph codes without a character map, a
    # foreign OCR's guesses) is read again from the page's image, as a scan
    garbled = {n: why for n, page in enumerate(pages, start=1) if page and (why := unreadable_text(page))}
    for n, why in garbled.items():
        pages[n - 1] = []
        notes.append(ReadingNote(code="read.page_text_unreadable", page=n,
                                 detail=f"page {n}'s text layer is not readable text ({why}): read from its image"))
    empty = [n for n, page in enumerate(pages, start=1) if not page]
    if empty:
        from .ocr import survey
        # what OCR would cost is known before anything is rendered: a page with
        # nothing drawn on it needs no OCR, a page too large to render is not rendered
        blank, oversize = survey(data, empty, bounds.max_ocr_megapixels)
        notes += [ReadingNote(code="read.page_too_large", page=n, detail=why) for n, why in oversize.items()]
    if len(empty) == n_pages:
        # no text layer: a scan, read by OCR
        from .ocr import ocr_document, render_pages
        if len(blank) == n_pages:
            raise ExtractError(path, f"PDF has no text and nothing drawn to read by OCR ({n_pages} blank "
                                     f"page{'s' if n_pages > 1 else ''})")
        if len(blank) + len(oversize) == n_pages:
            n, why = next(iter(oversize.items()))
            raise ExtractError(path, f"page {n}: {why}")
        return ocr_document(path, data, "pdf", render_pages(data, skip=blank | set(oversize)), notes)
    ocr_pages: list[int] = []
    if empty:
        # a page without text among pages with text (signed first pages scanned back in): OCR'd on its own
        from .ocr import read_page_image, render_page, unavailable
        why = unavailable()
        for n in empty:
            if n in blank or n in oversize:
                continue
            if why:
                notes.append(ReadingNote(code="read.page_without_text", page=n,
                                         detail=f"page {n} has no text layer and was not read: {why}"))
                continue
            pages[n - 1] = read_page_image(render_page(data, n), n)
            ocr_pages.append(n)
            notes.append(ReadingNote(code="read.page_ocr", page=n,
                                     detail=f"page {n} has no text layer (an image among text pages): read by OCR"))
    blocks: list[Block] = []
    for number, page_blocks in enumerate(pages, start=1):
        append_page(blocks, page_blocks)
        if number < n_pages:
            blocks.append(Block(kind="page_break", page=number))
    source = SourceInfo.of(path, data, format="pdf", pages=n_pages, ocr=bool(ocr_pages), encoding=None)
    source.ocr_pages = ocr_pages or None
    return Document(source=source, blocks=blocks, notes=notes)


_CID = regex.compile(r"\(cid:\d+\)")
_JUNK = regex.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0e-\x1f]")
_SPACE = regex.compile(r"\s+")
_LEADERS = regex.compile(r"[.…_·\-]{2,}|…")
_WORD_OR_SPACE = regex.compile(r"[\p{L}\p{N}\s]+")


def unreadable_text(blocks: list[Block]) -> str | None:
    """Why a page's text layer is not text, or None when it reads: glyph codes
    without a character map ("(cid:123)"), private-use or replacement
    characters, symbols without words, or Vietnamese that no decoding makes
    valid (another OCR's guesses left as an invisible layer). Text typed in a
    pre-Unicode font is text: it is decoded later (legacy_fonts)."""
    # counted by the regex engine on a sample: this runs on every page
    text = "\n".join(b.text if b.table is None else b.table.text() for b in blocks)[:4000]
    text = _LEADERS.sub(" ", text)  # a form's fill-in dots are no symbols
    chars = len(_SPACE.sub("", text))
    if chars < 40:
        return None
    if text.count("(cid:") >= 3 and len(_CID.findall(text)) >= 3:
        return "glyph codes without a character map"
    if len(_JUNK.sub("", text)) <= len(text) - 0.2 * chars:
        return "private-use or replacement characters"
    if chars - len(_WORD_OR_SPACE.sub("", text)) < 0.3 * chars:
        return "symbols, not words"
    from ..lang.syllables import ACCENTED_WORD, is_syllable, viet_score
    sample = text[:1500]  # a few hundred words tell Vietnamese from guesses
    words = ACCENTED_WORD.findall(sample)
    if len(words) >= 30 and sum(map(is_syllable, words)) < 0.5 * len(words):
        from .legacy_fonts import as_font_bytes
        from .encoding import decode_tcvn3, decode_vni
        raw = as_font_bytes(sample)
        if raw is None or max(viet_score(decode_tcvn3(raw)), viet_score(decode_vni(raw))) < 0.8:
            return "words that are not Vietnamese syllables"
    return None


FAST = os.environ.get("VNLEGAL_PDF_FAST", "1") != "0"  # 0: every page through pdfplumber (for comparison)


class _Readers:
    """pdfium for every plain page; pdfplumber, opened only when needed, for
    rotated or offset pages (and for every page with VNLEGAL_PDF_FAST=0).
    Errors of either library become one ExtractError naming the file."""

    def __init__(self, path: Path, data: bytes):
        self.path, self.data = path, data
        self.fast = None
        self.plumber = None
        self.notes: list[ReadingNote] = []
        self._drawn = False  # poppler's words, read once for the first page with fields

    def drawn_words(self, number: int) -> list[tuple] | None:
        if self._drawn is False:
            from .pdf_fields import poppler_words
            self._drawn = poppler_words(self.data)
            if self._drawn is None:
                self.notes.append(ReadingNote(code="read.form_fields_unread", page=number,
                                              detail="the PDF has form fields or stamps drawn over its text "
                                                     "(an e-signed copy) and poppler-utils (pdftotext) is not "
                                                     "installed to read them"))
        if not self._drawn or number > len(self._drawn):
            return None
        return self._drawn[number - 1]

    def __enter__(self):
        with self._errors():
            if FAST:
                from .pdfium_page import PdfiumDocument
                self.fast = PdfiumDocument(self.data)
                self.n_pages = len(self.fast)
            else:
                self.n_pages = len(self._plumber().pages)
        return self

    def __exit__(self, *exc):
        if self.fast is not None:
            self.fast.close()
        if self.plumber is not None:
            self.plumber.close()
        return False

    def _plumber(self):
        if self.plumber is None:
            import pdfplumber
            self.plumber = pdfplumber.open(io.BytesIO(self.data))
        return self.plumber

    def read_page(self, number: int) -> list[Block]:
        with self._errors():
            if self.fast is not None:
                page = self.fast.page(number - 1)
                try:
                    if page.plain:
                        return _read_pdfium_page(page, number, self)
                finally:
                    page.close()
            page = self._plumber().pages[number - 1]
            try:
                return _read_page(page, number)
            finally:
                page.close()  # frees the page's cached objects: flat memory on long files

    @contextlib.contextmanager
    def _errors(self):
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pypdfium2 import PdfiumError

        path, data = self.path, self.data
        try:
            yield
        except ExtractError:
            raise
        except PdfiumError as e:
            if "password" in str(e).lower():
                raise ExtractError(path, "encrypted PDF (password required)") from None
            raise ExtractError(path, f"corrupt PDF ({str(e)[:80]})") from None
        except PDFPasswordIncorrect:
            raise ExtractError(path, "encrypted PDF (password required)") from None
        except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError) as e:
            raise ExtractError(path, f"corrupt PDF ({type(e).__name__}: {str(e)[:80]})") from None
        except Exception as e:
            inner = e.args[0] if e.args else e
            if isinstance(inner, PDFPasswordIncorrect) or b"/Encrypt" in data[-4096:] or "password" in str(e).lower():
                raise ExtractError(path, "encrypted PDF (password required)") from None
            raise ExtractError(path, f"corrupt PDF ({type(e).__name__}: {str(e)[:80]})") from None


def _repeated_page(data: bytes) -> int | None:
    """The object number of a page-tree node reached twice, or None. pdfium
    follows such a loop and gives one page several times over; the tree's
    references are walked here (pdfminer's parser, no page content read)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef

    try:
        stack = [PDFDocument(PDFParser(io.BytesIO(data))).catalog.get("Pages")]
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if isinstance(node, PDFObjRef):
                if node.objid in seen:
                    return node.objid
                seen.add(node.objid)
                node = node.resolve()
            kids = node.get("Kids") if isinstance(node, dict) else None
            if isinstance(kids, PDFObjRef):
                kids = kids.resolve()
            if isinstance(kids, list):
                stack.extend(reversed(kids))
    except Exception:
        return None  # a file pdfminer cannot parse is pdfium's to judge: it opened it
    return None


def _ruled_tables(page) -> list[tuple[tuple, list]]:
    """(bbox, rows of cell boxes) of the page's ruled tables of two columns or more."""
    from .pdfium_page import find_tables

    edges = page.edges()
    if len(edges) < 4:
        return []
    return [(bbox, rows) for bbox, rows in find_tables(edges) if rows and len(rows[0]) >= 2]


def _read_pdfium_page(page, number: int, readers: "_Readers | None" = None) -> list[Block]:
    """The pdfplumber reading of a page (ruled tables as grids, the rest as
    paragraphs), from pdfium's characters and path objects."""
    from .pdfium_page import cell_texts, merge_lines

    tables = _ruled_tables(page)
    fields = page.field_rects() if readers is not None else []
    if not tables and number > 1 and not fields:
        # body text: whole lines are enough (the first page's two-column header is split by characters)
        lines = page.text_lines()
        # the closing block's two columns are told apart by the characters' places
        if lines is not None and not any(RECEIVERS.match(l["text"]) for l in lines):
            return _blocks_from_lines(lines, page.width, number)
    frags = page.fragments()
    if fields:
        words = readers.drawn_words(number)
        if words:
            from .pdf_fields import overlay
            frags, notes = overlay(frags, fields, words, number)
            readers.notes.extend(notes)
    if not tables:
        return _blocks_from_lines(merge_lines(frags), page.width, number)
    bboxes = [bbox for bbox, _ in tables]
    outside: list[list[dict]] = []
    inside: list[list[dict]] = []
    for f in frags:
        run_out: list[dict] = []
        run_in: list[dict] = []
        for c in f:
            x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
            (run_in if any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in bboxes) else run_out).append(c)
        if run_out:
            outside.append(run_out)
        if run_in:
            inside.append(run_in)
    lines = merge_lines(outside)
    if number == 1:
        lines = header_columns(lines, page.width)
    lines = signature_columns(lines, page.width)
    items: list[tuple[float, Block]] = list(paragraphs(lines, page.width))
    for bbox, rows in tables:
        grid = cell_texts(rows, inside)
        table = _table_from_grid(grid)
        if table.rows:
            items.append((bbox[1], Block(kind="table", text=table.text(), page=number, table=table)))
    items.sort(key=lambda x: x[0])
    for _, b in items:
        b.page = number
    return [b for _, b in items]


def _blocks_from_lines(lines: list[dict], width: float, number: int) -> list[Block]:
    if number == 1:
        lines = header_columns(lines, width)
    lines = signature_columns(lines, width)
    out = []
    for top, b in sorted(paragraphs(lines, width), key=lambda x: x[0]):
        b.page = number
        out.append(b)
    return out


def _read_page(page, number: int) -> list[Block]:
    tables = page.find_tables(_TABLE_SETTINGS)
    tables = [t for t in tables if len(t.rows) >= 1 and len(t.rows[0].cells) >= 2]
    bboxes = [t.bbox for t in tables]

    def outside(obj):
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in bboxes)

    text_page = page.filter(outside) if bboxes else page
    lines = text_page.extract_text_lines(return_chars=True, keep_blank_chars=False)
    if number == 1:
        lines = header_columns(lines, page.width)
    lines = signature_columns(lines, page.width)
    items: list[tuple[float, Block]] = []
    for para in paragraphs(lines, page.width):
        items.append((para[0], para[1]))
    for t in tables:
        table = _table(t)
        if table.rows:
            items.append((t.bbox[1], Block(kind="table", text=table.text(), page=number, table=table)))
    items.sort(key=lambda x: x[0])
    out = []
    for _, b in items:
        b.page = number
        out.append(b)
    return out


def _table(t) -> Table:
    return _table_from_grid(t.extract())


def _table_from_grid(grid: list[list[str | None]]) -> Table:
    rows = []
    for r in grid:
        rows.append([_cell_text(c) for c in r])
    from .layout import header_rows
    return Table(rows=rows, header_rows=header_rows(rows))


def _cell_text(c) -> str:
    if c is None:
        return ""
    lines = [l.strip() for l in c.split("\n") if l.strip()]
    return join_cell_lines(lines)


