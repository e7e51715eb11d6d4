"""Section segmentation: headings found by numbering (I., 1., a)), capitals and
position, classified into the record's kinds from their Vietnamese wording."""
from __future__ import annotations

import regex

from ..lang.patterns import rx
from ..lang.text import fold, key
from ..models.record import Section
from .lines import Line
from .vocabulary import load


def _kind_words() -> list[tuple[str, str]]:
    return [(k, p) for k, p in load("section_kinds.json")["kinds"]]


# wording → kind, checked in order; the first match wins (normalize/data/section_kinds.json)
KIND_WORDS: list[tuple[str, str]] = _kind_words()
_ANYWHERE = set(load("section_kinds.json")["anywhere"])
_KIND_RE = [(k, regex.compile(p)) for k, p in KIND_WORDS]
# the same wordings without diacritics: a scan reads "THỰC" as "THỤC", a typist drops marks
_KIND_FOLDED = [(k, regex.compile(fold(p).lower())) for k, p in KIND_WORDS]
_ROMAN = regex.compile(r"^([IVXL]+)\s*[.:/)-]\s*(\S.*)$")
_ARABIC = regex.compile(r"^(\d{1,2})\s*[.)]\s*(\S.*)$")
# a Roman numeral as OCR reads it: "H. NỘI DUNG" for "II.", "HI." for "III.", "L." for "I." ("1." is a
# numbered paragraph's own)
_OCR_ROMAN = regex.compile(r"^([IHLl|]{1,4})\s*[.:]\s*(\S.*)$")
_OCR_NUMERAL = str.maketrans({"H": "II", "L": "I", "l": "I", "|": "I"})
_LETTER = regex.compile(r"^([a-zđ])\s*\)\s*(\S.*)$")
# a heading's number in its key (lower case), cut before its words are classified: "ii. " of "ii. nhiệm vụ
# và giải pháp", "3) " of "3) tổ chức thực hiện"
_HEADING_NUMBER = rx(r"^([ivxlh]+|\d{1,2}|[a-zđ])\s*[.:/)-]\s*")  # "h", "hi": a scan's "II", "III"
# a "V/V …" subject line under the number (a letter's trích yếu), never a heading
_SUBJECT_LINE = rx(r"^V/V\b")
# a full stop or semicolon with words after it: "1. Thực hiện tốt công tác. Các sở …" is a sentence, not a heading
_SENTENCE_INSIDE = rx(r"[.;]\s*\S")
# what a heading's words open with: a letter, a quote or a bracket
_WORDS_START = rx(r"^[\p{L}\"“(]")


def classify(heading: str) -> str:
    k = key(heading)
    k = _HEADING_NUMBER.sub("", k)
    for table, text in ((_KIND_RE, k), (_KIND_FOLDED, fold(k).lower())):
        for kind, pattern in table:
            if pattern.match(text) or (kind in _ANYWHERE and pattern.search(text[:60])):
                return kind
    return "other"


def _heading(line: Line) -> tuple[str | None, int] | None:
    t = line.text
    if len(t) > 160 or t.endswith((";", ",")) or _SUBJECT_LINE.match(t):
        return None
    m = _ROMAN.match(t)
    if m and _words(m.group(2)):
        return m.group(1), 1
    m = _OCR_ROMAN.match(t) if line.ocr else None
    if m and _words(m.group(2)) and classify(m.group(2)) != "other":
        # a scan's numeral ("H", "HI") before a section's own words: the numeral it was, checked in order by segment
        return m.group(1).translate(_OCR_NUMERAL), 1
    m = _ARABIC.match(t)
    if m and len(t) <= 120 and _words(m.group(2)) and not _SENTENCE_INSIDE.search(m.group(2)[:-1]):
        return m.group(1), 2
    return None


_NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _next_numeral(flat: list[tuple[Section, int]]) -> str | None:
    """The Roman numeral the next top-level heading should carry."""
    last = next((sec.number for sec, _ in reversed(flat) if sec.level == 1 and sec.number in _NUMERALS), None)
    k = _NUMERALS.index(last) + 1 if last else 0
    return _NUMERALS[k] if k < len(_NUMERALS) else None


def _words(text: str) -> bool:
    """A heading's words start with a letter: "1.1" or "80.000 đồng" of a flattened table do not."""
    return bool(_WORDS_START.match(text))


# "Chương I", "CHƯƠNG II. NỘI DUNG QUẢN LÝ": a regulation's chapters
_CHAPTER = regex.compile(r"^(?:Chương|CHƯƠNG)\s+([IVXLC]+|\d{1,2})\b\.?\s*(.*)$")
_ARTICLE = regex.compile(r"^[ĐÐ]iều\s+(\d{1,3})\s*[.:]\s*(\S.*)?$")
# the enacting words alone on their line, "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:": the articles follow
_ENACTING_WORDS = rx(r"^QUYẾT (?:ĐỊNH|NGHỊ)\s*:?$")
# "Điều 1. Ban hành kèm theo Quyết định này …": the articles start here when no enacting words stand alone
_FIRST_ARTICLE = rx(r"^[ĐÐ]iều\s+1\s*[.:]")
# the signature block: the authority ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH") or the chair's position alone
_AUTHORITY = rx(r"^(KT\.|TM\.)")
_CHAIR = rx(r"^(PHÓ )?CHỦ TỊCH$")
# an annex: "PHỤ LỤC I", or a table's title in capitals ("DANH MỤC NHIỆM VỤ …", "PHÂN CÔNG THỰC HIỆN …")
_ANNEX = rx(r"^PHỤ LỤC\b")
_ANNEX_TABLE = rx(r"^(PHÂN CÔNG|DANH MỤC|BẢNG)")


def segment(lines: list[Line]) -> tuple[list[Section], list[tuple[Section, int, int]]]:
    """Return the section tree and, flat, each section with its line span."""
    flat: list[tuple[Section, int]] = []
    preamble_done = articles_done = in_chapter = False
    signature_seen = False
    for i, line in enumerate(lines):
        t = line.text
        if not preamble_done and t.startswith("Căn cứ"):
            flat.append((Section(kind="preamble", heading="Căn cứ", number=None, level=0), i))
            preamble_done = True
            continue
        if not articles_done and _ENACTING_WORDS.match(t) and preamble_done:
            flat.append((Section(kind="articles", heading=t.rstrip(":"), number=None, level=0), i))
            articles_done = True
            continue
        if not articles_done and preamble_done and _FIRST_ARTICLE.match(t):
            # the enacting words run into the text since Law 64/2025 ("Ủy ban nhân dân ban hành Quyết định …"):
            # the articles start at "Điều 1"
            flat.append((Section(kind="articles", heading=t, number=None, level=0), i))
            articles_done = True
            continue
        m = _CHAPTER.match(t)
        if m and not line.in_table:
            title = m.group(2) or (lines[i + 1].text if i + 1 < len(lines) and lines[i + 1].text.isupper() else "")
            flat.append((Section(kind=classify(title) if title else "other", heading=t, number=m.group(1), level=1), i))
            in_chapter = True
            continue
        m = _ARTICLE.match(t)
        if m and in_chapter and not line.in_table:
            flat.append((Section(kind=classify(m.group(2) or ""), heading=t, number=m.group(1), level=2), i))
            continue
        if m and articles_done and not line.in_table and classify(m.group(2) or "") in ("implementation", "reporting"):
            # "Điều 6. Tổ chức thực hiện" of a resolution or decision: who is given what
            flat.append((Section(kind=classify(m.group(2)), heading=t, number=m.group(1), level=1), i))
            continue
        if _AUTHORITY.match(t) or _CHAIR.match(t):
            if not signature_seen:
                flat.append((Section(kind="signature", heading=t, number=None, level=0), i))
                signature_seen = True
            continue
        if _ANNEX.match(t) or (t.isupper() and _ANNEX_TABLE.match(t) and len(t) < 120):
            flat.append((Section(kind="annex", heading=t, number=None, level=0), i))
            continue
        h = _heading(line)
        if h is None or line.in_table:
            continue
        number, level = h
        if line.ocr and level == 1 and not _ROMAN.match(t) and number != _next_numeral(flat):
            continue  # a scan's numeral out of the document's order: no heading of ours
        flat.append((Section(kind=classify(t), heading=t, number=number, level=level), i))
    spans = []
    for n, (sec, start) in enumerate(flat):
        end = len(lines)
        for other, s in flat[n + 1:]:
            if other.level <= sec.level or sec.level == 0:
                end = s
                break
        sec.text = "\n".join(l.text for l in lines[start + 1:end])
        spans.append((sec, start, end))
    # nest: a section holds the deeper ones that follow it
    roots: list[Section] = []
    stack: list[Section] = []
    for sec, _ in flat:
        while stack and (stack[-1].level >= sec.level or stack[-1].level == 0):
            stack.pop()
        (stack[-1].children if stack else roots).append(sec)
        if sec.level > 0 or sec.kind in ("annex",):
            stack.append(sec)
    return roots, spans


def innermost(spans: list[tuple[Section, int, int]], n_lines: int) -> list[Section | None]:
    """For each line, the deepest section that holds it (None before the first)."""
    out: list[Section | None] = [None] * n_lines
    depth = [-1] * n_lines
    for sec, start, end in spans:
        level = sec.level if sec.level > 0 else 0
        for i in range(start, min(end, n_lines)):
            if level >= depth[i]:
                out[i], depth[i] = sec, level
    return out
