"""The document as lines of clean text, in reading order: paragraphs, and the
cells of small layout tables (the two-column header, the signature block),
which carry metadata rather than data."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..lang.glued import split_glued
from ..lang.patterns import rx
from ..lang.text import clean, fold, is_upper_line
from ..models.document import Document


@dataclass
class Line:
    text: str
    block: int
    page: Optional[int]
    bold: bool = False
    in_table: bool = False
    ocr: bool = False  # read by OCR: its numerals and marks may be a scan's


# the national motto opens every document of the family (Decree 30/2020/NĐ-CP, App. I)
_MOTTO = regex.compile(r"CONG\s*HOA\s*XA\s*HOI\s*CHU\s*NGHIA")
# what may stand above the motto in reading order: the issuer's name (capitals), its number, rules
_HEAD_LINE = regex.compile(r"^(?:S[ốóô]\s*:|[-_=–—]{3,}$)")
# a document's body above the motto, "Căn cứ Luật …" or "Điều 1. …": the header below is an attached plan's own
_BODY_WORDS = rx(r"Căn cứ|Điều\s+\d")


def document_start(lines: list[Line]) -> int:
    """Where the document begins on a saved web page: the issuer's name just
    above the national motto. Menus, notices and the portal's own summary
    ("Số hiệu:", "Người ký:", "Đang tải văn bản...") before it are not the
    document's and are left out. 0 when there is no such preamble."""
    n = min(len(lines), 400)
    # "CHỦ NGHĨA" has "NGH" however a scan drops its tones: only those lines are folded
    motto = next((i for i in range(n) if "NGH" in lines[i].text.upper() and _MOTTO.search(fold(lines[i].text).upper())), None)
    if motto is None or motto < 4:
        return 0
    start = motto
    for j in range(motto - 1, max(-1, motto - 7), -1):
        t = lines[j].text
        if is_upper_line(t) and not t.endswith(":") or _HEAD_LINE.match(t):
            start = j
        else:
            break
    before = " ".join(l.text for l in lines[:start])
    if _BODY_WORDS.search(before):
        return 0  # a document above the motto (an attached plan's own header): nothing to drop
    return start


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
                out.append(Line(text, i, b.page, bold=b.bold, ocr=b.confidence is not None))
    return out[document_start(out):]
