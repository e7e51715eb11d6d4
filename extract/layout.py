"""Block-level conventions shared by the ingestors: what a heading looks like
on the page, and how a list item starts. Sections are classified later; this
only tells a heading from body text."""
from __future__ import annotations

import regex

from ..lang.text import is_upper_line, letter_counts  # noqa: F401  (used by the page readers)

_LIST = regex.compile(r"^\s*(?:[-–+•*]\s+|[a-zđ]\)\s+)")
_NUMBERED = regex.compile(r"^\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))\s+\S")
def block_kind(text: str, bold: bool = False, centered: bool = False) -> str:
    """heading / list_item / paragraph, from the look of one line or paragraph."""
    t = text.strip()
    if not t:
        return "paragraph"
    short = len(t) <= 200
    if short and (is_upper_line(t) or (bold and (centered or _NUMBERED.match(t)))):
        return "heading"
    if _LIST.match(t):
        return "list_item"
    return "paragraph"


_HEADER_WORDS = regex.compile(r"(?i)^(tt|stt|số tt|nội dung|đơn vị|đơn giá|năm \d{4}|số lượng|thành tiền|tổng|nguồn|cơ quan|thời gian|nhiệm vụ|ghi chú|dự toán|kinh phí)")


def is_column_title(cell: str) -> bool:
    """"STT", "Nội dung", "Đơn vị chủ trì", …: the words that title a table's columns."""
    return bool(_HEADER_WORDS.match(cell.strip()))


def header_rows(rows: list[list[str]]) -> int:
    """Leading rows of a table whose non-empty cells are column titles, not data."""
    n = 0
    for r in rows[:3]:
        cells = [c for c in r if c.strip()]
        if cells and sum(1 for c in cells if _HEADER_WORDS.match(c)) >= max(2, len(cells) // 2):
            n += 1
        else:
            break
    return n
