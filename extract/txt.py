"""Plain text as saved from legal portals and office exports.

Besides paragraphs, two table dumps occur: the tab dump that Word's "save as
text" and portal copy-paste produce (each cell on a line with a tab in front,
a blank line between rows, long cells running over several lines), and
Markdown pipe tables. Both become table blocks. ``**bold**`` markers from
Markdown exports become the bold flag.
"""
from __future__ import annotations

from pathlib import Path

import regex

from ..lang.patterns import rx
from ..models.document import Block, Document, SourceInfo, Table
from ..models.errors import ExtractError
from .encoding import decode_text
from .layout import block_kind, header_rows

_TAB_LINE = regex.compile(r"^ ?\t")
_PIPE_ROW = regex.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = regex.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BOLD = regex.compile(r"\*\*(.+?)\*\*", regex.S)


def read_txt(path: Path, data: bytes | None = None) -> Document:
    data = path.read_bytes() if data is None else data
    text, encoding = decode_text(data, path)
    blocks = parse_text(text)
    if not any(b.text.strip() or b.table for b in blocks):
        raise ExtractError(path, "no text in file")
    pages = 1 + sum(1 for b in blocks if b.kind == "page_break")
    source = SourceInfo.of(path, data, format="txt",
                           pages=pages if pages > 1 else None, ocr=False, encoding=encoding)
    return Document(source=source, blocks=blocks)


def parse_text(text: str) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    blocks: list[Block] = []
    wrapped = _is_hard_wrapped(lines)
    page = 1
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\f" in line:
            before, _, after = line.partition("\f")
            if before.strip():
                blocks.extend(_paragraphs(before, page))
            blocks.append(Block(kind="page_break", page=page))
            page += 1
            lines[i] = after
            continue
        if _TAB_LINE.match(line):
            table, i = _tab_table(lines, i)
            if table.rows:
                blocks.append(Block(kind="table", text=table.text(), page=None, table=table))
            continue
        if _PIPE_ROW.match(line) and i + 1 < len(lines) and (_PIPE_RULE.match(lines[i + 1]) or _PIPE_ROW.match(lines[i + 1])):
            table, i = _pipe_table(lines, i)
            blocks.append(Block(kind="table", text=table.text(), table=table))
            continue
        if line.strip() and line.strip() != "|":
            if wrapped:
                # hard-wrapped paragraphs: join lines up to the next blank line
                j = i + 1
                while j < len(lines) and lines[j].strip() and lines[j].strip() != "|" \
                        and not _TAB_LINE.match(lines[j]) and not _PIPE_ROW.match(lines[j]) \
                        and not _STARTS_ITEM.match(lines[j]) and "\f" not in lines[j]:
                    line = line.rstrip() + " " + lines[j].strip()
                    j += 1
                blocks.extend(_paragraphs(line, None))
                i = j
                continue
            blocks.extend(_paragraphs(line, None))
        i += 1
    return blocks


_STARTS_ITEM = regex.compile(r"^\s*(?:[-–+•]\s|[IVX]+\.\s|\d{1,2}(?:\.\d{1,2})*\.\s|[a-zđ]\)\s|Điều\s+\d|Căn cứ\b|\*\*)")


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Portal exports that wrap lines at a fixed width and separate paragraphs
    by blank lines; Word exports put one paragraph on a line."""
    text = [len(x) for x in lines if x.strip() and not _TAB_LINE.match(x)]
    if len(text) < 10:
        return False
    blanks = sum(1 for x in lines if not x.strip())
    widths = sorted(text)
    p80 = widths[int(len(widths) * 0.8)]
    return blanks / len(text) > 0.2 and p80 <= 100 and widths[-1] <= 160


def _paragraphs(line: str, page) -> list[Block]:
    bold = bool(_BOLD.search(line)) and not _BOLD.sub("", line).strip(" *_")
    clean = _BOLD.sub(r"\1", line).replace("**", "")
    clean = rx(r"^\s*#{1,6}\s+").sub("", clean)
    clean = clean.strip()
    if not clean:
        return []
    return [Block(kind=block_kind(clean, bold=bold), text=clean, page=page, bold=bold)]


def _tab_table(lines: list[str], i: int) -> tuple[Table, int]:
    """Read a tab dump starting at line i; return the table and the next line index."""
    rows: list[list[str]] = []
    row: list[str] = []
    n = len(lines)
    while i < n:
        line = lines[i]
        if _TAB_LINE.match(line):
            cells = _TAB_LINE.sub("", line, count=1).split("\t")
            row.extend(c for c in cells)
            i += 1
            continue
        if line == "":
            # blank lines end the row; text without a tab after them still
            # belongs to the cell when the table resumes a few lines later
            j = i
            while j < n and lines[j] == "":
                j += 1
            if j >= n:
                i = j
                break
            if _TAB_LINE.match(lines[j]):
                if row:
                    rows.append(row)
                    row = []
                i = j
                continue
            if row and _continues_cell(lines, j, blank_run=j - i):
                row[-1] += "\n"
                i = j
                continue
            i = j
            break
        # a line without a tab continues the cell above
        if row:
            row[-1] += "\n" + line
        i += 1
    if row:
        rows.append(row)
    rows = [[_clean_cell(c) for c in r] for r in rows]
    width = max((len(r) for r in rows), default=0)
    # Ragged rows (a dump drops empty cells of merged areas) are padded on the
    # right; aligning them is the budget reconciler's job, which can check sums.
    rows = [r + [""] * (width - len(r)) for r in rows]
    return Table(rows=rows, header_rows=header_rows(rows)), i


def _continues_cell(lines: list[str], j: int, blank_run: int = 1, max_lines: int = 15) -> bool:
    """Is the non-tab text at j still inside a cell? Only when a tab line
    follows within a few lines (a cell holds bullet points, not a chapter), or
    when a single blank line separates the document's last few lines from the
    last row (Word's text export ends a table with two)."""
    text_lines = 0
    end = min(len(lines), j + 4 * max_lines)
    for k in range(j, end):
        if _TAB_LINE.match(lines[k]):
            return True
        if lines[k].strip():
            text_lines += 1
            if text_lines > max_lines:
                return False
    if end == len(lines):
        return blank_run == 1 and text_lines <= 3
    return False


def _clean_cell(c: str) -> str:
    parts = [p.strip() for p in c.split("\n")]
    return "\n".join(p for p in parts if p).strip()


def _pipe_table(lines: list[str], i: int) -> tuple[Table, int]:
    rows = []
    while i < len(lines) and (_PIPE_ROW.match(lines[i]) or _PIPE_RULE.match(lines[i])):
        if not _PIPE_RULE.match(lines[i]):
            cells = lines[i].strip().strip("|").split("|")
            rows.append([_BOLD.sub(r"\1", c).replace("<br>", "\n").strip() for c in cells])
        i += 1
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return Table(rows=rows, header_rows=header_rows(rows)), i
