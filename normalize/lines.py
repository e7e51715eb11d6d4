"""The document as lines of clean text, in reading order: paragraphs, and the
cells of small layout tables (the two-column header, the signature block),
which carry metadata rather than data."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..lang.glued import split_glued
from ..lang.text import clean
from ..models.document import Document


@dataclass
class Line:
    text: str
    block: int
    page: Optional[int]
    bold: bool = False
    in_table: bool = False


def document_lines(doc: Document) -> list[Line]:
    out: list[Line] = []
    for i, b in enumerate(doc.blocks):
        if b.kind == "table" and b.table is not None:
            t = b.table
            if t.n_cols <= 3 and t.n_rows <= 4:
                for col in range(t.n_cols):
                    for row in t.rows:
                        if col < len(row):
                            for part in row[col].split("\n"):
                                text = split_glued(clean(part))
                                if text:
                                    out.append(Line(text, i, b.page, in_table=True))
            continue
        for part in b.text.split("\n"):
            text = split_glued(clean(part))
            if text:
                out.append(Line(text, i, b.page, bold=b.bold))
    return out
