"""The rows of a budget table, each told for what it is: a group (I, II, …),
an item (1, 2, a, 1.2, or unnumbered with a description and figures), a
continuation (figures only: the same item split by source or by unit) or the
grand total; whether its cells sit in the header's columns ("aligned") or a
text dump moved them; and a row's figures, read where the layout puts them or
in order."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ...lang.glued import split_glued
from ...lang.text import clean, key
from ...models.document import Table
from .. import reconcile as rc
from ..budget import source_kind
from .columns import Layout
from .words import header_words

# a group's number: "I", "IV", "XII"
ROMAN = regex.compile(r"^[IVXL]+$")
# an item's number: "1", "1.2", "a", "đ" (a trailing dot allowed: "3.")
CODE = regex.compile(r"^(\d{1,2}(?:\.\d{1,2})*|[a-zđ])\.?$")
# what a scan or a typist left after a number: "2 _", "3.", "4 |"
NUMBER_TAIL = regex.compile(r"[\s_.,:;'\"’‘|-]+$")
# a cell with a letter or digit: not ":" or "-" that a scan left in an empty cell
HAS_TEXT = regex.compile(r"[\p{L}\d]")


@dataclass
class Row:
    index: int
    cells: list[str]
    kind: str  # group | item | continuation | total
    code: Optional[str]
    label: str
    unit: Optional[str]
    source_text: Optional[str]
    aligned: bool
    group_shape: bool = False  # numbered "1" but shaped as a group (capitals, sums, no unit or price)


def cell(row: list[str], col: Optional[int]) -> str:
    return clean(row[col]) if col is not None and col < len(row) else ""


# what OCR makes of a one- or two-digit item number in a narrow column: a mark
# or two that are no code ("Z7", "S)", "Kì", "5/")
UNREAD_CODE = regex.compile(r"^\S{1,2}$")


# a group's heading: in capitals, a few words long ("TRUYỀN THÔNG NÂNG CAO NHẬN THỨC")
GROUP_LABEL = regex.compile(r"^(?=(?:[^\p{L}]*\p{Lu}){8})[^\p{Ll}]+$")


def _group_label(desc: str) -> bool:
    return bool(GROUP_LABEL.match(desc))


def table_rows(table: Table, lay: Layout) -> list[Row]:
    """The rows below the header that carry a group, an item, a continuation or the total."""
    words = header_words()
    out = []
    numeric = lay.numeric_columns()
    text_cols = [c for c in (lay.desc, lay.unit, lay.source) if c is not None]
    last_col = max(c for c in [lay.tt, lay.desc, lay.unit, lay.price, lay.total, lay.source, *numeric] if c is not None)
    for r in range(lay.first_row, len(table.rows)):
        cells = [clean(c) for c in table.rows[r]]
        if not any(cells):
            continue
        tt = NUMBER_TAIL.sub("", cell(cells, lay.tt))
        desc = split_glued(cell(cells, lay.desc))
        if not HAS_TEXT.search(desc):
            desc = ""
        label_cells = [c for c in cells if c and not rc.is_value_cell(c)]
        total_row = any(words.total_row.match(c) for c in label_cells[:2])
        group_shape = (_group_label(desc) and not cell(cells, lay.unit) and not cell(cells, lay.price)
                       and any(rc.is_number_cell(c) for c in cells))
        if ROMAN.match(tt):
            kind = "group"
        elif total_row:
            kind = "total"
        elif CODE.match(tt):
            kind = "item"
        elif not CODE.match(tt) and group_shape:
            kind, tt = "group", ""  # a group whose numeral a scan lost ("|" for "I"): numbered by its place
        elif not tt and not desc and any(rc.is_value_cell(c) for c in cells):
            kind = "continuation"
        elif not tt and desc and any(rc.is_number_cell(c) for c in cells) and out:
            kind = "item"  # an item the table left unnumbered
        elif UNREAD_CODE.match(tt) and desc and any(rc.is_number_cell(c) for c in cells) and out:
            kind, tt = "item", ""  # its number unreadable on a scan ("Z7", "S)"): an item, code not guessed
        else:
            continue
        if any(words.repeated_header.match(c) for c in cells):
            continue  # a repeated header
        aligned = (not any(cells[last_col + 1:])  # a cell past the last column: something was added
                   and all(not c or rc.is_figure_like(c) for k, c in enumerate(cells) if k in numeric)
                   and all(not rc.is_number_cell(cell(cells, k)) for k in text_cols)
                   and (lay.total is None or bool(cell(cells, lay.total)) or not any(rc.is_number_cell(c) for c in cells)))
        source = cell(cells, lay.source) if lay.source is not None else None
        if source and rc.is_value_cell(source):
            source = None
        if not aligned and lay.source is not None:
            # the cells moved: the source is the last words of the row
            source = next((c for c in reversed(cells) if c and not rc.is_value_cell(c)), None)
            source = source if source and source_kind(source) != "other" or (source and "nguồn" in key(source)) else None
        unit = cell(cells, lay.unit) if aligned else next((c for c in cells[2:4] if c and not rc.is_value_cell(c)), "")
        label = desc if kind != "total" else next((c for c in label_cells if words.total_row.match(c)), "")
        if kind == "group" and not aligned:
            label = next((c for c in cells[1:] if c and not rc.is_value_cell(c)), desc)
        row = Row(r, cells, kind, tt or None, label, unit or None, source or None, aligned)
        if kind == "item" and tt == "1" and group_shape:
            row.group_shape = True  # "I" read as "1": a group if the table's other groups are numbered I, II, …
        out.append(row)
    if any(r.kind == "group" and r.code and ROMAN.match(r.code) for r in out):
        for r in out:
            if r.group_shape:
                r.kind, r.code = "group", None
    return out


def loose_figures(row: Row, thousands: str) -> list[rc.Figure]:
    """The figures of a ragged row, in order, after its label and unit."""
    cells = row.cells
    start = 0
    for k, c in enumerate(cells):
        if c and not rc.is_value_cell(c) and not ROMAN.match(c) and not CODE.match(c):
            start = k + 1
    figs = [rc.read(c, thousands) for c in cells[start:] if c and rc.is_value_cell(c)]
    return [f for f in figs if f is not None]


def figure_at(row: Row, col: Optional[int], thousands: str) -> Optional[rc.Figure]:
    """The figure in one column (a cell where only a figure belongs); None
    without the column, or when the cell holds words."""
    return rc.read(cell(row.cells, col), thousands, True) if col is not None else None


def _or_blank(f: Optional[rc.Figure]) -> rc.Figure:
    return f or rc.Figure("", [0.0], blank=True)


def item_figures(row: Row, lay: Layout, thousands: str) -> tuple[Optional[rc.Figure], list[rc.Figure], Optional[rc.Figure]]:
    """An aligned item row where the header puts its figures: (unit price,
    quantity and amount of each year in order, total)."""
    figs: list[rc.Figure] = []
    for q, a in lay.years:
        if q is not None:
            figs.append(_or_blank(figure_at(row, q, thousands)))
        figs.append(_or_blank(figure_at(row, a, thousands)))
    return figure_at(row, lay.price, thousands), figs, figure_at(row, lay.total, thousands)


def sum_figures(row: Row, lay: Layout, thousands: str) -> list[rc.Figure]:
    """An aligned sum row where the header puts its figures: each year's amount, then the total."""
    return [_or_blank(figure_at(row, a, thousands)) for _, a in lay.years] + [_or_blank(figure_at(row, lay.total, thousands))]
