"""assignments: the rows of an assignment table
(TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện)."""
from __future__ import annotations

import regex

from ..lang.glued import split_glued
from ..lang.patterns import rx
from ..lang.text import clean, key
from ..models.document import Document, Table
from ..models.record import Assignment
from .agency_names import find_bodies

_COLUMNS = {
    "lead": regex.compile(r"chủ trì"),
    "partners": regex.compile(r"phối hợp"),
    "timeline": regex.compile(r"thời gian|tiến độ|thời hạn"),
    "task": regex.compile(r"nhiệm vụ|nội dung|công việc|hoạt động|tên"),
    "tt": regex.compile(r"^(tt|stt|số tt)$"),
}


def _columns(table: Table) -> tuple[dict[str, int], int] | None:
    """Column of each role, and the first data row, when this is an assignment table."""
    for r, row in enumerate(table.rows[:3]):
        cols: dict[str, int] = {}
        for c, cell in enumerate(row):
            k = key(cell)
            for name, pattern in _COLUMNS.items():
                if name not in cols and pattern.search(k):
                    cols[name] = c
                    break
        if "lead" in cols and "task" in cols:
            return cols, r + 1
    return None


def _cell(row: list[str], col: int | None) -> list[str]:
    if col is None or col >= len(row):
        return []
    return [t for t in (split_glued(clean(x)) for x in row[col].split("\n")) if t]


def _unique(items):
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


# two years with a dash between, spaced or not: "2025 - 2030" is written "2025-2030"
_YEAR_RANGE = rx(r"(\d{4})\s*[-–]\s*(\d{4})")
# a phrase repeated, "Năm 2026 Năm 2026": a merged cell read once per sub-row
_REPEATED = rx(r"^(.+?)(?:\s+\1)+$")
# the colon closing a task's cell, "Tổ chức tập huấn:": dropped
_TRAILING_COLON = rx(r"\s*:\s*$")


def _timeline(text: str) -> str:
    text = _YEAR_RANGE.sub(r"\1-\2", text)
    # a merged cell read as one line repeats its phrase once per sub-row
    return _REPEATED.sub(r"\1", text)


def _bodies(lines: list[str]) -> list[str]:
    names = [m.name for line in lines for m in find_bodies(line)]
    # a cell that names no body ("Các Sở, ngành liên quan") is kept as printed
    return _unique(names) if names else _unique(l.rstrip(" .;,") for l in lines)


def table_assignments(table: Table) -> list[Assignment]:
    found = _columns(table)
    if not found:
        return []
    cols, first = found
    out: list[Assignment] = []
    for row in table.rows[first:]:
        task_lines = _cell(row, cols["task"])
        tt = _cell(row, cols.get("tt"))
        if not tt and out and (not task_lines or "tt" in cols):
            # no TT: a row that a page break or a long cell cut; it continues the row above
            a = out[-1]
            a.lead = _unique(a.lead + _bodies(_cell(row, cols["lead"])))
            a.partners = _unique(a.partners + _bodies(_cell(row, cols.get("partners"))))
            more = [_timeline(t) for t in _cell(row, cols.get("timeline"))]
            a.timeline = "; ".join(_unique(([a.timeline] if a.timeline else []) + more)) or None
            continue
        if not task_lines:
            continue
        times = _unique(_timeline(t) for t in _cell(row, cols.get("timeline")))
        out.append(Assignment(
            task=_TRAILING_COLON.sub("", task_lines[0]),
            lead=_bodies(_cell(row, cols["lead"])),
            partners=_bodies(_cell(row, cols.get("partners"))),
            timeline="; ".join(times) or None,
        ))
    return out


def extract_assignments(document: Document) -> list[Assignment]:
    out: list[Assignment] = []
    for block in document.blocks:
        if block.kind == "table" and block.table is not None:
            out.extend(table_assignments(block.table))
    return out
