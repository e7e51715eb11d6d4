"""The paragraph engine every page reader feeds: lines with their boxes (from
pdfium, pdfplumber or Tesseract) rebuilt into paragraphs from geometry (gaps,
indents, short last lines, bold and case changes), the two-column header read
column by column, a table or paragraph running over a page break joined, and
wrapped cell text joined.

A line is a dict: ``text``, ``x0``, ``x1``, ``top``, ``bottom``, and either its
``chars`` (each with ``text``, ``x0``, ``x1``, ``fontname``, ``size``) or, for
lines read whole, ``visible`` and ``bold_chars`` counts; OCR lines add ``conf``.
"""
from __future__ import annotations

import statistics
from collections import Counter

import regex

from ..lang.markers import RECEIVERS
from ..lang.patterns import rx
from ..lang.syllables import is_syllable
from ..models.document import Block
from .layout import block_kind, is_upper_line, letter_counts

ITEM_START = regex.compile(r"^(?:[-–+•]\s|[IVX]+\.\s|\d{1,2}(?:\.\d{1,2})*\.\s|[a-zđ]\)\s|[ĐÐ]iều\s+\d|Căn cứ\b|\(Kèm|Nơi nhận)")
# the rest of a document number broken at its hyphen: "CP" of "78/2021/NĐ-" + "CP ngày 14/7/2021", joined
# without a space ("Nội" of "Hà-" + "Nội" is no code: more than three capitals or small letters follow)
CODE_AFTER_HYPHEN = rx(r"^\p{Lu}{1,3}\b")


def append_page(blocks: list[Block], page_blocks: list[Block]) -> None:
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


def split_line(line: dict, gap: float) -> list[dict]:
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




def signature_columns(lines: list[dict], width: float) -> list[dict]:
    """The closing block (receivers | authority, position, signature, name) is
    read column by column like the header, from the "Nơi nhận" line down."""
    start = next((k for k, l in enumerate(lines) if RECEIVERS.match(l["text"])), None)
    if start is None:
        return lines
    return lines[:start] + header_columns(lines[start:], width, longest=40)


def header_columns(lines: list[dict], width: float, longest: int = 12) -> list[dict]:
    """The two-column header of a decision (issuer | motto, number | place and
    date) is read column by column: left column first, then right. A run of
    more than ``longest`` lines is no header."""
    mid = width / 2
    run_end = 0
    left: list[dict] = []
    right: list[dict] = []
    for line in lines:
        chars = [c for c in line.get("chars", []) if c["text"].strip()]
        gaps = sorted(b["x0"] - a["x1"] for a, b in zip(chars, chars[1:]) if b["x0"] - a["x1"] > 1)
        word_gap = gaps[len(gaps) // 2] if gaps else 4.0
        parts = split_line(line, gap=max(20.0, 4 * word_gap))
        x0, x1 = parts[0]["x0"], parts[-1]["x1"]
        if len(parts) == 1 and (x0 < width * 0.3 and x1 > width * 0.6 or abs((x0 + x1) / 2 - mid) < 20):
            break  # a line across the page, or centred on it (the title): the header is over
        if len(parts) > 2:
            break
        for p in parts:
            (left if (p["x0"] + p["x1"]) / 2 < mid else right).append(p)
        run_end += 1
    if not left or not right or run_end > longest:
        return lines
    # paragraphs are placed by their top: the right column goes just below the left one
    last = max(l["top"] for l in left)
    right = [{**r, "sort": last + 0.001 * (k + 1)} for k, r in enumerate(right)]
    return left + right + lines[run_end:]


def paragraphs(lines: list[dict], width: float):
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
        text = join_lines([l["text"] for l in current])
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
                or ITEM_START.match(line["text"])
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


def join_lines(lines: list[str]) -> str:
    out = ""
    for l in lines:
        l = l.strip()
        if not out:
            out = l
        elif out.endswith("-") and not out.endswith(" -") and CODE_AFTER_HYPHEN.match(l):
            out += l  # "NĐ-\nCP": a document number broken at its hyphen
        else:
            out += " " + l
    return out


# a figure closing a cell's line and one alone on the next, "1.250" + "000": a number a narrow cell wrapped
_FIGURE_END = rx(r"\d[\d.,]*$")
_FIGURE_ONLY = rx(r"^[\d.,]+$")
# the letters closing a line and opening the next: "lượ" + "ng" of a word a narrow cell broke
_LAST_LETTERS = rx(r"(\p{L}+)$")
_FIRST_LETTERS = rx(r"^(\p{L}+)")


def broken_word(before: str, after: str) -> bool:
    """A narrow cell breaks words mid-syllable ("lượ|ng", "T|T")."""
    if _FIGURE_END.search(before) and _FIGURE_ONLY.match(after):
        return True  # a number wrapped in a narrow cell
    a = _LAST_LETTERS.search(before)
    b = _FIRST_LETTERS.match(after)
    if not a or not b:
        return False
    a, b = a.group(1), b.group(1)
    if len(a) == 1 and len(b) == 1 and a.isupper() and b.isupper():
        return True
    return is_syllable(a + b) and not (is_syllable(a) and is_syllable(b))


def join_cell_lines(lines: list[str]) -> str:
    # wrapped text inside a cell is one line; a new bullet starts a new line
    out: list[str] = []
    for l in lines:
        if out and not ITEM_START.match(l):
            if out[-1].endswith("-") and CODE_AFTER_HYPHEN.match(l) or broken_word(out[-1], l):
                out[-1] += l
            else:
                out[-1] += " " + l
        else:
            out.append(l)
    return "\n".join(out)
