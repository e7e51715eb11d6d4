"""Block-level conventions shared by the ingestors: what a heading looks like
on the page, and how a list item starts. Sections are classified later; this
only tells a heading from body text."""
from __future__ import annotations

import regex

_LIST = regex.compile(r"^\s*(?:[-–+•*]\s+|[a-zđ]\)\s+)")
_NUMBERED = regex.compile(r"^\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))\s+\S")
_LETTERS = regex.compile(r"\p{L}")
_CAPITALS = regex.compile(r"\p{Lu}")


def letter_counts(text: str) -> tuple[int, int]:
    """(letters, capital letters) of a line."""
    return len(_LETTERS.findall(text)), len(_CAPITALS.findall(text))


def is_upper_line(text: str, counts: tuple[int, int] | None = None) -> bool:
    letters, capitals = counts or letter_counts(text)
    return letters >= 4 and capitals / letters > 0.9


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
