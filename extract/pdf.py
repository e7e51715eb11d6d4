"""Born-digital PDFs: pages read through pdfium (extract/pdfium_page.py),
pdfplumber only for pages pdfium's coordinates do not fit (rotated, offset).

Lines are rebuilt into paragraphs from geometry (gaps, indents, short last
lines); ruled tables are read as grids, wrapped cell text joined; a table that
runs onto the next page is joined to its first part and the repeated header
rows are dropped. Pages without a text layer are left to the OCR reader.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import statistics
from collections import Counter
from pathlib import Path

import regex

from vnlegal.extract.encoding import is_syllable
from vnlegal.extract.errors import ExtractError
from vnlegal.extract.layout import block_kind, is_upper_line, letter_counts
from vnlegal.models.document import Block, Document, SourceInfo, Table
from vnlegal.patterns import rx

_ITEM_START = regex.compile(r"^(?:[-–+•]\s|[IVX]+\.\s|\d{1,2}(?:\.\d{1,2})*\.\s|[a-zđ]\)\s|[ĐÐ]iều\s+\d|Căn cứ\b|\(Kèm|Nơi nhận)")
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf(path: Path, data: bytes | None = None) -> Document:
    data = path.read_bytes() if data is None else data
    if not data:
        raise ExtractError(path, "empty file")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ExtractError(path, "not a PDF (no %PDF header)")
    blocks: list[Block] = []
    with _Readers(path, data) as readers:
        n_pages = readers.n_pages
        empty_pages = 0
        for number in range(1, n_pages + 1):
            page_blocks = readers.read_page(number)
            if not page_blocks:
                empty_pages += 1
            _append_page(blocks, page_blocks)
            if number < n_pages:
                blocks.append(Block(kind="page_break", page=number))
    if n_pages == 0:
        raise ExtractError(path, "PDF has no pages")
    if empty_pages == n_pages:
        # no text layer: a scan, read by OCR
        from vnlegal.extract.ocr import ocr_document, render_pages
        return ocr_document(path, data, "pdf", render_pages(data))
    source = SourceInfo(file=path.name, sha256=hashlib.sha256(data).hexdigest(), format="pdf",
                        pages=n_pages, ocr=False, encoding=None)
    return Document(source=source, blocks=blocks)


FAST = os.environ.get("VNLEGAL_PDF_FAST", "1") != "0"  # 0: every page through pdfplumber (for comparison)


class _Readers:
    """pdfium for every plain page; pdfplumber, opened only when needed, for
    rotated or offset pages (and for every page with VNLEGAL_PDF_FAST=0).
    Errors of either library become one ExtractError naming the file."""

    def __init__(self, path: Path, data: bytes):
        self.path, self.data = path, data
        self.fast = None
        self.plumber = None

    def __enter__(self):
        with self._errors():
            if FAST:
                from vnlegal.extract.pdfium_page import PdfiumDocument
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
                        return _read_pdfium_page(page, number)
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


def _ruled_tables(page) -> list[tuple[tuple, list]]:
    """(bbox, rows of cell boxes) of the page's ruled tables of two columns or more."""
    from vnlegal.extract.pdfium_page import find_tables

    edges = page.edges()
    if len(edges) < 4:
        return []
    return [(bbox, rows) for bbox, rows in find_tables(edges) if rows and len(rows[0]) >= 2]


def _read_pdfium_page(page, number: int) -> list[Block]:
    """The pdfplumber reading of a page (ruled tables as grids, the rest as
    paragraphs), from pdfium's characters and path objects."""
    from vnlegal.extract.pdfium_page import cell_texts, merge_lines

    tables = _ruled_tables(page)
    if not tables and number > 1:
        # body text: whole lines are enough (the first page's two-column header is split by characters)
        lines = page.text_lines()
        if lines is not None:
            return _blocks_from_lines(lines, page.width, number)
    frags = page.fragments()
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
        lines = _header_columns(lines, page.width)
    items: list[tuple[float, Block]] = list(_paragraphs(lines, page.width))
    for bbox, rows in tables:
        grid = cell_texts(rows, inside)
        table = _table_from_grid(grid)
        if table.rows:
            items.append((bbox[1], Block(kind="table", text=table.text(), page=number, table=table)))
    items.sort(key=lambda x: x[0])
    for _, b in items:
        b.page = number
    return [b for _, b in items]


def _append_page(blocks: list[Block], page_blocks: list[Block]) -> None:
    """Join a table continued from the previous page onto its first part."""
    if page_blocks and page_blocks[0].kind == "table":
        prev = [b for b in blocks if b.kind != "page_break"]
        if prev and prev[-1].kind == "table" and prev[-1].table.n_cols == page_blocks[0].table.n_cols:
            first, cont = prev[-1].table, page_blocks[0].table
            rows = cont.rows
            head = first.rows[: first.header_rows]
            while head and rows[: len(head)] == head:
                rows = rows[len(head):]
            # a header repeated without its merged top row still matches its last row
            if first.header_rows and rows and rows[0] == first.rows[first.header_rows - 1]:
                rows = rows[1:]
            first.rows.extend(rows)
            first.row_pages = (first.row_pages or [prev[-1].page] * (len(first.rows) - len(rows))) + [page_blocks[0].page] * len(rows)
            prev[-1].text = first.text()
            page_blocks = page_blocks[1:]
    elif page_blocks and page_blocks[0].kind in ("paragraph", "list_item"):
        # a paragraph running over the page break: joined, it keeps its first page
        prev = [b for b in blocks if b.kind != "page_break"]
        first = page_blocks[0].text
        if prev and prev[-1].kind in ("paragraph", "list_item") and first[:1].islower() \
                and not prev[-1].text.rstrip().endswith((".", ":", ";", "!", "?")):
            prev[-1].text = prev[-1].text.rstrip() + " " + first
            page_blocks = page_blocks[1:]
    blocks.extend(page_blocks)


def _blocks_from_lines(lines: list[dict], width: float, number: int) -> list[Block]:
    if number == 1:
        lines = _header_columns(lines, width)
    out = []
    for top, b in sorted(_paragraphs(lines, width), key=lambda x: x[0]):
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
        lines = _header_columns(lines, page.width)
    items: list[tuple[float, Block]] = []
    for para in _paragraphs(lines, page.width):
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


def _split_line(line: dict, gap: float) -> list[dict]:
    """A line whose words stand apart by more than ``gap`` is two lines side by side."""
    chars = [c for c in line.get("chars", []) if c["text"].strip()]
    parts: list[list[dict]] = []
    for c in chars:
        if parts and c["x0"] - parts[-1][-1]["x1"] > gap:
            parts.append([c])
        elif parts:
            parts[-1].append(c)
        else:
            parts.append([c])
    if len(parts) < 2:
        return [line]
    out = []
    for p in parts:
        text, prev = "", None
        for c in p:
            if prev is not None and c["x0"] - prev["x1"] > 0.15 * max(c.get("size", 10), 1):
                text += " "
            text += c["text"]
            prev = c
        out.append({**line, "text": text, "x0": p[0]["x0"], "x1": p[-1]["x1"], "chars": p})
    return out


def _header_columns(lines: list[dict], width: float) -> list[dict]:
    """The two-column header of a decision (issuer | motto, number | place and
    date) is read column by column: left column first, then right."""
    mid = width / 2
    run_end = 0
    left: list[dict] = []
    right: list[dict] = []
    for line in lines:
        chars = [c for c in line.get("chars", []) if c["text"].strip()]
        gaps = sorted(b["x0"] - a["x1"] for a, b in zip(chars, chars[1:]) if b["x0"] - a["x1"] > 1)
        word_gap = gaps[len(gaps) // 2] if gaps else 4.0
        parts = _split_line(line, gap=max(20.0, 4 * word_gap))
        x0, x1 = parts[0]["x0"], parts[-1]["x1"]
        if len(parts) == 1 and (x0 < width * 0.3 and x1 > width * 0.6 or abs((x0 + x1) / 2 - mid) < 20):
            break  # a line across the page, or centred on it (the title): the header is over
        if len(parts) > 2:
            break
        for p in parts:
            (left if (p["x0"] + p["x1"]) / 2 < mid else right).append(p)
        run_end += 1
    if not left or not right or run_end > 12:
        return lines
    # paragraphs are placed by their top: the right column goes just below the left one
    last = max(l["top"] for l in left)
    right = [{**r, "sort": last + 0.001 * (k + 1)} for k, r in enumerate(right)]
    return left + right + lines[run_end:]


def _paragraphs(lines: list[dict], width: float):
    if not lines:
        return
    left = min(l["x0"] for l in lines)
    right = max(l["x1"] for l in lines)
    gaps = [b["top"] - a["bottom"] for a, b in zip(lines, lines[1:]) if 0 <= b["top"] - a["bottom"] < 30]
    normal_gap = statistics.median(gaps) if gaps else 3.0
    bold_fonts: dict[str, bool] = {}
    looks = [_LineLooks(l, bold_fonts) for l in lines]
    current: list[dict] = []
    first = 0  # index of current[0] in lines

    def flush():
        if not current:
            return None
        text = _join_lines([l["text"] for l in current])
        mine = looks[first:first + len(current)]
        visible = sum(l.visible for l in mine)
        bold = visible > 0 and sum(l.bold_chars for l in mine) / visible > 0.8
        mid = (current[0]["x0"] + current[0]["x1"]) / 2
        centered = abs(mid - width / 2) < 20 and current[0]["x0"] > left + 30
        confs = [l["conf"] for l in current if "conf" in l]  # OCR lines carry Tesseract's confidence
        confidence = round(sum(confs) / len(confs), 3) if confs else None
        return current[0].get("sort", current[0]["top"]), Block(kind=block_kind(text, bold, centered), text=text, bold=bold,
                                                                 centered=centered, confidence=confidence)

    for i, line in enumerate(lines):
        if current:
            prev = current[-1]
            was, now = looks[i - 1], looks[i]
            gap = line["top"] - prev["bottom"]
            new = (
                gap > normal_gap * 1.3 + 0.5
                or gap < -2  # a column break or a line above
                or (_ended_short(prev, line, right) and not (_is_centered(prev, left, right) and _is_centered(line, left, right)))
                or line["x0"] > left + 15 and abs(line["x0"] - prev["x0"]) > 5 and prev["x0"] <= line["x0"] - 15  # first-line indent
                or _ITEM_START.match(line["text"])
                or was.bold != now.bold
                or _case_changed(was, now)
            )
            if new:
                p = flush()
                if p:
                    yield p
                current = []
                first = i
        current.append(line)
    p = flush()
    if p:
        yield p


def _ended_short(prev, line, right) -> bool:
    """The previous line stopped although the next line's first word would have fit.

    OCR lines carry the blanks between words; PDF lines carry none (neither
    pdfplumber's nor ours), so there the whole next line is measured. Lines
    read whole (no characters) measure the same."""
    chars = line.get("chars")
    if not chars:
        return right - prev["x1"] > line["x1"] - line["x0"] + 8
    first = 0.0
    for c in chars:
        if c["text"] == " ":
            break
        first = c["x1"] - chars[0]["x0"]
    return right - prev["x1"] > first + 8


def _is_centered(l, left, right) -> bool:
    return l["x0"] > left + 20 and l["x1"] < right - 20 and abs((l["x0"] + l["x1"]) / 2 - (left + right) / 2) < 15


class _LineLooks:
    """What the paragraph rules ask of a line, worked out once per line."""

    __slots__ = ("visible", "bold_chars", "bold", "letters", "upper", "capitals")

    def __init__(self, line: dict, bold_fonts: dict[str, bool]):
        self.visible, self.bold_chars = _bold_count(line, bold_fonts)
        self.bold = self.visible > 0 and self.bold_chars / self.visible > 0.8
        text = line["text"]
        counts = letter_counts(text)
        self.letters, self.capitals = counts
        self.upper = is_upper_line(text, counts)


def _bold_count(line: dict, bold_fonts: dict[str, bool]) -> tuple[int, int]:
    """(visible characters, of them in a bold font) of a line. Lines read whole
    (pdfium_page.text_lines) bring their counts; the others their characters,
    whose font names are looked at once each."""
    if "visible" in line:
        return line["visible"], line["bold_chars"]
    visible = bold = 0
    for name, n in Counter(c.get("fontname", "") for c in line.get("chars", []) if not c["text"].isspace()).items():
        b = bold_fonts.get(name)
        if b is None:
            b = bold_fonts[name] = "bold" in name.lower()
        visible += n
        bold += n * b
    return visible, bold


def _case_changed(a: _LineLooks, b: _LineLooks) -> bool:
    """"QUYẾT ĐỊNH" above "Về việc …", or "… 2016 - 2020" above "CHỦ TỊCH ỦY BAN NHÂN DÂN"."""
    if min(a.letters, b.letters) < 4:
        return False  # "N 2016 - 2020": the tail of a broken word, no case to speak of
    return a.upper != b.upper and (a.capitals if a.upper else b.capitals) >= 8


def _join_lines(lines: list[str]) -> str:
    out = ""
    for l in lines:
        l = l.strip()
        if not out:
            out = l
        elif out.endswith("-") and not out.endswith(" -") and rx(r"^\p{Lu}{1,3}\b").match(l):
            out += l  # "NĐ-\nCP": a document number broken at its hyphen
        else:
            out += " " + l
    return out


def _table(t) -> Table:
    return _table_from_grid(t.extract())


def _table_from_grid(grid: list[list[str | None]]) -> Table:
    rows = []
    for r in grid:
        rows.append([_cell_text(c) for c in r])
    from vnlegal.extract.layout import header_rows
    return Table(rows=rows, header_rows=header_rows(rows))


def _cell_text(c) -> str:
    if c is None:
        return ""
    lines = [l.strip() for l in c.split("\n") if l.strip()]
    return _join_lines_cell(lines)


def _broken_word(before: str, after: str) -> bool:
    """A narrow cell breaks words mid-syllable ("lượ|ng", "T|T")."""
    if rx(r"\d[\d.,]*$").search(before) and rx(r"^[\d.,]+$").match(after):
        return True  # a number wrapped in a narrow cell
    a = rx(r"(\p{L}+)$").search(before)
    b = rx(r"^(\p{L}+)").match(after)
    if not a or not b:
        return False
    a, b = a.group(1), b.group(1)
    if len(a) == 1 and len(b) == 1 and a.isupper() and b.isupper():
        return True
    return is_syllable(a + b) and not (is_syllable(a) and is_syllable(b))


def _join_lines_cell(lines: list[str]) -> str:
    # wrapped text inside a cell is one line; a new bullet starts a new line
    out: list[str] = []
    for l in lines:
        if out and not _ITEM_START.match(l):
            if out[-1].endswith("-") and rx(r"^\p{Lu}{1,3}\b").match(l) or _broken_word(out[-1], l):
                out[-1] += l
            else:
                out[-1] += " " + l
        else:
            out.append(l)
    return "\n".join(out)
