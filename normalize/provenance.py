"""Where each fact was read: a span of the document's blocks for every meta
field, legal basis, section, target, agency and task, assignment row, budget
row and issue.

The normalizers read cleaned lines (spaces collapsed, glued words split,
wrapped lines joined), so a fact's words are found again in the blocks as
printed: both sides are compared without spaces, case or diacritics (a
tone placed the old way, "hoá", still finds "hóa"), and a position in that
comparable stream maps back to a block and a character offset in the
block's text. A fact is looked for after the previous fact of its kind
first (document order), then anywhere; one whose words cannot be found
whole is placed by its first and last words; one that cannot be placed has
no provenance: null beats a guess.
"""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

import numpy as np
import regex

from ..lang.text import fold_chars
from ..models.document import Block, Document
from ..models.record import Budget, Provenance, Record

_ENDS = 24  # comparable characters of a fact's start and end used when it is not found whole


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """One character for one: lower case, no diacritics, đ → d, dashes and
    quotes of one kind; spaces, combining marks and Markdown stars become a
    space and are dropped from the stream."""
    table: dict[int, str] = {}
    for cp in list(range(0x00, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        f = fold_chars(ch).lower()
        if len(f) == 1 and f != ch:
            table[cp] = f
    for cp in range(0x300, 0x370):
        table[cp] = " "
    for ch in "\t\n\r\v\f\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u3000*":
        table[ord(ch)] = " "
    for ch in "‐‑‒–—―−":
        table[ord(ch)] = "-"
    for ch in "“”„‟«»":
        table[ord(ch)] = '"'
    for ch in "‘’‚‛`´":
        table[ord(ch)] = "'"
    table[0xD0] = "d"  # Ð (U+00D0), typed for Đ by some offices
    table[0xF0] = "d"
    return table


def comparable(text: str) -> str:
    """``text`` as the stream holds it (for matching, not for display)."""
    return unicodedata.normalize("NFC", text).translate(_table()).replace(" ", "")


def block_text(b: Block) -> str:
    return b.text if b.text or b.table is None else b.table.text()


class TextIndex:
    """The blocks' texts as one comparable stream, with the way back from a
    stream position to (block, offset)."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.texts = [block_text(b) for b in blocks]
        starts, parts, at = [], [], 0
        for t in self.texts:
            starts.append(at)
            # one char for one: offsets in ``whole`` are offsets in the blocks
            nfc = unicodedata.normalize("NFC", t)
            parts.append(nfc if len(nfc) == len(t) else t)
            at += len(t) + 1
        self.starts = starts
        whole = "\n".join(parts).translate(_table())
        codes = np.frombuffer(whole.encode("utf-32-le"), dtype=np.uint32)
        keep = codes != ord(" ")
        keep &= codes != ord("\n")
        self.positions = np.nonzero(keep)[0]  # stream index → index in ``whole``
        self.stream = codes[keep].tobytes().decode("utf-32-le")

    def _at(self, whole_index: int) -> tuple[int, int]:
        block = bisect.bisect_right(self.starts, whole_index) - 1
        return block, whole_index - self.starts[block]

    def span(self, a: int, b: int) -> Provenance:
        """Stream positions [a, b) as a Provenance (``end`` exclusive)."""
        block, start = self._at(int(self.positions[a]))
        block_end, last = self._at(int(self.positions[b - 1]))
        p = Provenance(block=block, start=start, end=last + 1, block_end=block_end if block_end != block else None,
                       page=self.blocks[block].page)
        if self.blocks[block].table is not None and block_end == block:
            p.row = self.row_of(block, start)
        return p

    def row_of(self, block: int, offset: int) -> Optional[int]:
        table = self.blocks[block].table
        if table is None or self.texts[block] != table.text():
            return None
        at = 0
        for r, row in enumerate(table.rows):
            at += len("\t".join(row)) + 1
            if offset < at:
                return r
        return None

    def row_span(self, block: int, row: int) -> Optional[Provenance]:
        """The whole row ``row`` of the table in ``block``."""
        b = self.blocks[block]
        if b.table is None or self.texts[block] != b.table.text() or not 0 <= row < len(b.table.rows):
            return None
        start = sum(len("\t".join(r)) + 1 for r in b.table.rows[:row])
        end = start + len("\t".join(b.table.rows[row]))
        page = b.table.row_pages[row] if b.table.row_pages and row < len(b.table.row_pages) else b.page
        return Provenance(block=block, start=start, end=end, page=page, row=row)

    def find(self, text: Optional[str], after: int = 0, before: Optional[int] = None,
             last: bool = False) -> Optional[tuple[int, int]]:
        """Stream positions of ``text``: whole, else by its first and last
        words; the first match at or after ``after`` (the last before
        ``before`` when ``last``)."""
        key = comparable(text or "")
        if len(key) < 2:
            return None
        stop = len(self.stream) if before is None else before
        i = self.stream.rfind(key, after, stop) if last else self.stream.find(key, after, stop)
        if i >= 0:
            return i, i + len(key)
        if len(key) < 3 * _ENDS:
            return None
        head, tail = key[:_ENDS], key[-_ENDS:]
        i = self.stream.rfind(head, after, stop) if last else self.stream.find(head, after, stop)
        if i < 0:
            return None
        j = self.stream.find(tail, i + len(head), min(len(self.stream), i + 3 * len(key)))
        return (i, j + len(tail)) if j >= 0 else None

    def find_key(self, key: str) -> Optional[tuple[int, int]]:
        """Stream positions of an already comparable ``key``."""
        i = self.stream.find(key)
        return (i, i + len(key)) if i >= 0 and key else None

    def locate(self, text: Optional[str], cursor: "Cursor | None" = None, **kw) -> Optional[Provenance]:
        """The provenance of ``text``: after the cursor first, then anywhere."""
        hit = None
        if cursor is not None:
            hit = self.find(text, after=cursor.at, **kw)
        if hit is None:
            hit = self.find(text, **kw)
        if hit is None:
            return None
        if cursor is not None:
            cursor.at = hit[0]
        return self.span(*hit)


@dataclass
class Cursor:
    """Where the previous fact of a kind was found: the next one is looked for after it."""
    at: int = 0


def _date_patterns(iso: str) -> list[regex.Pattern]:
    """The date as printed in words (the header's form), then in figures."""
    try:
        y, m, d = (int(x) for x in iso.split("-"))
    except ValueError:
        return []
    return [regex.compile(f"ngay0?{d}thang0?{m}nam{y}"), regex.compile(f"(?<!\\d)0?{d}[/.-]0?{m}[/.-]{y}")]


# how offices shorten the bodies the record names in full
_SHORT = [("uybannhandan", "ubnd"), ("hoidongnhandan", "hdnd"), ("matrantoquoc", "mttq"),
          ("thanhpho", "tp"), ("thitran", "tt")]


_LEAD = regex.compile(r"^(?:Căn cứ|Thực hiện)\s+")
_HEAD = regex.compile(r"^(?:Sở|Ban|Phòng|Cục|Chi cục|Bộ|Ủy ban nhân dân|Hội)\s+(.+)$")


def _short_forms(name: str) -> list[str]:
    key, out = comparable(name), []
    for long, short in _SHORT:
        if long in key:
            key = key.replace(long, short)
            out.append(key)
    return out


def locate_record(record: Record, document: Document) -> None:
    """Fill the provenance of every fact of ``record`` from ``document``."""
    index = TextIndex(document.blocks)
    _meta(record, index)
    bases = Cursor()
    for basis in record.meta.legal_bases:
        # a basis read from an opening "Thực hiện …" sentence is written "Căn cứ …"
        basis.provenance = index.locate(basis.text, bases) or index.locate(_LEAD.sub("", basis.text), bases)
    headings = Cursor()
    for section in _walk(record.sections):
        section.provenance = _heading_block(index, section.heading, headings) or index.locate(section.heading, headings)
    targets = Cursor()
    for t in record.targets:
        t.provenance = index.locate(t.text, targets)
    _agencies(record, index)
    rows = Cursor()
    for a in record.assignments:
        a.provenance = index.locate(a.task, rows)
    if record.budget is not None:
        _budget(record.budget, index)
    _issues(record, index)


def _walk(sections) -> Iterable:
    for s in sections:
        yield s
        yield from _walk(s.children)


def _meta(record: Record, index: TextIndex) -> None:
    m, where = record.meta, record.meta.provenance
    head = Cursor()
    found = {
        "number": index.locate(m.number, head) if m.number else None,
        "doc_type": _heading(index, m.doc_type),
        "title": index.locate(m.title) if m.title else None,
        "issuer": index.locate(m.issuer) if m.issuer else None,
        "signer": (index.span(*hit) if m.signer and (hit := index.find(m.signer.name, last=True)) else None),
    }
    hit = None
    for pattern in _date_patterns(m.issued_date or ""):
        hit = pattern.search(index.stream)
        if hit:
            found["issued_date"] = index.span(hit.start(), hit.end())
            break
    if hit:
        if m.locality:
            # the place is the one named just before the date ("Hưng Yên, ngày …")
            place = index.find(m.locality, after=max(0, hit.start() - 60), before=hit.start(), last=True)
            found["locality"] = index.span(*place) if place else None
    if m.locality and not found.get("locality"):
        found["locality"] = index.locate(m.locality)
    where.update({k: v for k, v in found.items() if v is not None})


def _heading(index: TextIndex, doc_type: Optional[str]) -> Optional[Provenance]:
    """The tên loại line: the first block that is the doc type alone (or
    starts with it, a heading), else its first mention."""
    if not doc_type:
        return None
    key = comparable(doc_type)
    for i, text in enumerate(index.texts):
        c = comparable(text)
        if c.startswith(key) and len(c) <= len(key) + 80 and index.blocks[i].table is None:
            k = index.find(doc_type, after=int(np.searchsorted(index.positions, index.starts[i])))
            if k:
                return index.span(*k)
    return index.locate(doc_type)


def _heading_block(index: TextIndex, heading: str, cursor: Cursor) -> Optional[Provenance]:
    """A heading is a line of its own: the first block at or after the cursor
    that starts with it (so "Quyết định" in a "Căn cứ" line is not taken for
    the heading "QUYẾT ĐỊNH:")."""
    key = comparable(heading)
    if len(key) < 2:
        return None
    for i in range(bisect.bisect_right(index.starts, int(index.positions[cursor.at]) if len(index.positions) else 0) - 1,
                   len(index.blocks)):
        if i < 0 or index.blocks[i].table is not None:
            continue
        start = int(np.searchsorted(index.positions, index.starts[i]))
        if index.stream.startswith(key, start) and start >= cursor.at:
            cursor.at = start
            return index.span(start, start + len(key))
    return None


def _agencies(record: Record, index: TextIndex) -> None:
    tasks = Cursor()
    for agency in record.agencies:
        agency.tasks_provenance = [index.locate(task, tasks) for task in agency.tasks]
        first = next((p for p in agency.tasks_provenance if p is not None), None)
        keys = [comparable(agency.name), *_short_forms(agency.name)]
        if (m := _HEAD.match(agency.name)) and len(m.group(1)) >= 8:
            keys.append(comparable(m.group(1)))  # a shared head: "Các Sở: Tài chính, Khoa học và Công nghệ"
        hit = None
        if first is not None:
            # the body is named with its task: the nearest mention before it, or in it
            at = int(np.searchsorted(index.positions, index.starts[first.block] + first.start))
            end = at + len(comparable(agency.tasks[0])) + 1
            for key in keys:
                i = index.stream.rfind(key, 0, at + 1)
                if i < 0 or at - i > 2000:
                    i = index.stream.find(key, at, end)
                if i >= 0:
                    hit = (i, i + len(key))
                    break
        if hit is None:
            hit = next(filter(None, (index.find_key(k) for k in keys)), None)
        agency.provenance = index.span(*hit) if hit else None


def _budget(budget: Budget, index: TextIndex) -> None:
    budget.provenance = index.locate(budget.total_text) if budget.total_text else None
    if budget.in_words is not None:
        budget.in_words.provenance = index.locate(budget.in_words.text)
    for s in budget.sources:
        s.provenance = index.locate(s.text or s.label)
    for c in budget.categories:
        c.provenance = index.locate(c.text or c.label)
        for s in c.sources:
            s.provenance = index.locate(s.text or s.label)
    table = budget.table
    if table is None:
        return
    block = _table_block(table, index)
    if block is None:
        return
    table.provenance = Provenance(block=block, start=0, end=len(index.texts[block]), page=index.blocks[block].page)
    for row_fact in [*table.groups, *table.items, *([table.grand_total] if table.grand_total else [])]:
        if row_fact.row is not None:
            row_fact.provenance = index.row_span(block, row_fact.row)


def _table_block(table, index: TextIndex) -> Optional[int]:
    """The table block whose rows hold the budget's printed rows."""
    printed = [(it.row, it.printed) for it in table.items if it.row is not None and it.printed]
    for i, b in enumerate(index.blocks):
        if b.table is None:
            continue
        rows = b.table.rows
        if printed and all(r < len(rows) and [c for c in rows[r] if c] [:1] == [c for c in p if c][:1]
                           for r, p in printed[:3]):
            return i
    return None


def _on_page(index: TextIndex, page: int, value: Optional[str]) -> Optional[Provenance]:
    """A value read on ``page`` (a form field's number or date), or the page's
    first block when the issue is about the whole page."""
    blocks = [i for i, b in enumerate(index.blocks) if b.page == page and b.kind != "page_break"]
    if not blocks:
        return None
    if value:
        lo = int(np.searchsorted(index.positions, index.starts[blocks[0]]))
        hi = int(np.searchsorted(index.positions, index.starts[blocks[-1]] + len(index.texts[blocks[-1]])))
        hit = index.find(value, after=lo, before=hi)
        return index.span(*hit) if hit else None  # a value not found is not placed by guess
    first = blocks[0]
    return Provenance(block=first, start=0, end=len(index.texts[first]), page=page)


def _issues(record: Record, index: TextIndex) -> None:
    bases = {b.number: b.provenance for b in record.meta.legal_bases if b.number}
    rows: dict[str, Provenance] = {}
    if record.budget is not None and record.budget.table is not None:
        for g in record.budget.table.groups:
            if g.provenance:
                rows.setdefault(g.code, g.provenance)
        for it in record.budget.table.items:
            if it.provenance and it.code:
                rows.setdefault(f"{it.group}.{it.code}" if it.group else it.code, it.provenance)
    for issue in record.issues:
        where = issue.where or ""
        p = None
        if where.startswith("legal_bases "):
            p = bases.get(where.split(" ", 1)[1])
        elif issue.code.startswith("budget.") and where:
            code = where.split(" ")[0]
            p = rows.get(code) or rows.get(code.split(".")[0])
        elif where == "table" and record.budget is not None and record.budget.table is not None:
            p = record.budget.table.provenance
        elif (m := regex.match(r"page (\d+)$", where)):
            p = _on_page(index, int(m.group(1)), issue.value if isinstance(issue.value, str) else None)
        if p is None and issue.printed and len(comparable(issue.printed)) >= 6:
            p = index.locate(issue.printed)
        issue.provenance = p
