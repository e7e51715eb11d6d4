"""One representation of a document, whatever format it came from.

Ingestors emit ordered blocks; normalizers never learn which format a block
came from. A table is a rectangular grid: a merged cell's text sits at its
top-left position, the positions it covers hold "" and the span is kept in
``spans`` so a consumer can rebuild the layout.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Optional

BlockKind = Literal["heading", "paragraph", "list_item", "table", "page_break"]


@dataclass
class Span:
    row: int
    col: int
    rows: int = 1
    cols: int = 1


@dataclass
class Table:
    rows: list[list[str]]
    header_rows: int = 0
    spans: list[Span] = field(default_factory=list)
    # page of each row, when the table ran across pages
    row_pages: Optional[list[Optional[int]]] = None

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def text(self) -> str:
        return "\n".join("\t".join(c for c in row) for row in self.rows)


@dataclass
class Block:
    kind: BlockKind
    text: str = ""
    page: Optional[int] = None
    bold: bool = False
    centered: bool = False
    style: Optional[str] = None
    table: Optional[Table] = None
    confidence: Optional[float] = None  # OCR confidence, 0..1


@dataclass
class SourceInfo:
    file: str
    sha256: str
    format: str
    pages: Optional[int] = None
    ocr: bool = False
    encoding: Optional[str] = None
    ocr_pages: Optional[list[int]] = None  # pages of a PDF with text that had none of their own: read by OCR

    @classmethod
    def of(cls, path, data: bytes, format: str, pages: Optional[int] = None, ocr: bool = False,
           encoding: Optional[str] = None) -> "SourceInfo":
        """What a record says of its input file: name, content hash, how it was read."""
        return cls(file=display_name(path), sha256=hashlib.sha256(data).hexdigest(), format=format,
                   pages=pages, ocr=ocr, encoding=encoding)


def display_name(path) -> str:
    """A file's name as text a record can hold: a name whose bytes are not
    UTF-8 (Python keeps them as lone surrogates, which no JSON or SQLite
    writer accepts) gets U+FFFD for each bad byte; control characters go."""
    name = os.fsencode(Path(path).name).decode("utf-8", "replace")
    return "".join(c for c in name if c.isprintable() or c == " ")


@dataclass
class ReadingNote:
    """Something the reader had to decide that a user should know (a page read
    by OCR, a form field's value preferred over the typed text); the pipeline
    turns each into an ``issues`` entry."""
    code: str
    detail: str
    page: Optional[int] = None
    printed: Optional[str] = None
    value: Optional[str] = None


@dataclass
class Document:
    source: SourceInfo
    blocks: list[Block] = field(default_factory=list)
    notes: list[ReadingNote] = field(default_factory=list)

    def text(self) -> str:
        """Plain text in reading order: tables as tab-separated rows."""
        parts = []
        for b in self.blocks:
            if b.kind == "table" and b.table is not None:
                parts.append(b.table.text())
            elif b.kind != "page_break":
                parts.append(b.text)
        return "\n".join(parts)


def grid_from_rows(rows: list[list[tuple[str, int, int]]], header_rows: int = 0) -> Table:
    """Build a rectangular Table from rows of (text, colspan, rowspan) cells as
    HTML and Word describe them; positions covered by a span hold ""."""
    occupied: dict[tuple[int, int], bool] = {}
    placed: list[tuple[int, int, str, int, int]] = []
    for r, row in enumerate(rows):
        c = 0
        for text, colspan, rowspan in row:
            while occupied.get((r, c)):
                c += 1
            placed.append((r, c, text, max(1, colspan), max(1, rowspan)))
            for dr in range(max(1, rowspan)):
                for dc in range(max(1, colspan)):
                    occupied[(r + dr, c + dc)] = True
            c += max(1, colspan)
    n_rows = max((r for r, _ in occupied), default=-1) + 1
    n_cols = max((c for _, c in occupied), default=-1) + 1
    grid = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    spans = []
    for r, c, text, cs, rs in placed:
        grid[r][c] = text
        if cs > 1 or rs > 1:
            spans.append(Span(row=r, col=c, rows=rs, cols=cs))
    return Table(rows=grid, header_rows=header_rows, spans=spans)
