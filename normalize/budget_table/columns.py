"""Working out a budget table's columns.

From the header when there is one (TT | Nội dung | Đơn vị tính | Đơn giá |
Năm …: Số lượng, Thành tiền | Tổng cộng | Nguồn kinh phí); when a text dump
lost the header, from the width of the rows and the plan's period.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from ...lang.text import key
from ...models.document import Table
from ..budget import SOURCE_KINDS
from .locate import header_rows
from .words import compact, header_words

# a year in a compacted header cell: "năm2016", "2017" (group 1 is the year)
YEAR_HEADING = regex.compile(r"(?:năm|^)(20\d\d|19\d\d)(?!\d)")
# the first cell of a data row when the header is lost: "I", "12" (no dot: a dump keeps only the figure)
ROW_NUMBER = regex.compile(r"^([IVXL]+|\d{1,2})$")


@dataclass
class Layout:
    tt: Optional[int]
    desc: Optional[int]
    unit: Optional[int]
    price: Optional[int]
    years: list[tuple[Optional[int], int]]  # (qty column, amount column) per year
    total: Optional[int]
    source: Optional[int]
    n_cols: int
    first_row: int
    year_labels: list[Optional[int]] = field(default_factory=list)

    @property
    def has_qty(self) -> bool:
        return any(q is not None for q, _ in self.years)

    def numeric_columns(self) -> set[int]:
        cols = {a for _, a in self.years} | {q for q, _ in self.years if q is not None}
        return cols | {c for c in (self.price, self.total) if c is not None}


def header_layout(table: Table) -> Layout | None:
    """The columns named by the table's header, or None when it names no year."""
    columns = header_words().columns
    # header words compacted: a scan or a narrow cell breaks "Số lượng" into "Số\nlượ\nng"
    head = [[compact(key(c)) for c in row] for row in table.rows[:header_rows(table)]]

    def find(role: str) -> Optional[tuple[int, int]]:
        return next(((r, c) for r, row in enumerate(head) for c, t in enumerate(row) if columns[role].search(t)), None)

    year_cells = [(r, c, int(m.group(1))) for r, row in enumerate(head) for c, t in enumerate(row)
                  for m in [YEAR_HEADING.search(t)] if m]
    if not year_cells:
        return None
    yr = year_cells[0][0]
    year_cells = [y for y in year_cells if y[0] == yr]
    below = head[yr + 1] if yr + 1 < len(head) else []
    years: list[tuple[Optional[int], int]] = []
    for n, (_, c, _) in enumerate(year_cells):
        nxt = year_cells[n + 1][1] if n + 1 < len(year_cells) else c + 2
        sub = {k: below[k] for k in range(c, min(nxt, len(below)))} if below else {}
        q = next((k for k, t in sub.items() if columns["quantity"].search(t)), None)
        a = next((k for k, t in sub.items() if columns["amount"].search(t)), None)
        years.append((q, a if a is not None else c))
    last = max(a for _, a in years)
    first = min(q if q is not None else a for q, a in years)
    total = next((c for r, row in enumerate(head) for c, t in enumerate(row) if c > last and columns["total"].search(t)), None)
    src = find("source")
    tt, desc, unit, price = (x and x[1] for x in (find("tt"), find("description"), find("unit"), find("price")))
    if tt is None and desc == 1:
        tt = 0  # the numbering column, its "TT" split over two lines
    # the columns between the description and the first year are unit, then unit price,
    # even when a scan garbled their header ("Đơn gá")
    if desc is not None and first - desc == 3 and any(q is not None for q, _ in years):
        unit = desc + 1 if unit is None else unit
        price = desc + 2 if price is None else price
    rows_head = max(yr + (2 if below and any(q is not None for q, _ in years) else 1), table.header_rows)
    return Layout(tt=tt, desc=desc, unit=unit, price=price, years=years,
                  total=total, source=src and src[1], n_cols=table.n_cols, first_row=rows_head,
                  year_labels=[y for _, _, y in year_cells])


def inferred_layout(table: Table, period: tuple[int, int] | None) -> Layout | None:
    """The usual layout when a dump lost the header: TT, Nội dung, ĐVT, Đơn giá,
    (Số lượng, Thành tiền) per year, Tổng cộng[, Nguồn]."""
    n = table.n_cols
    last = [row[-1] for row in table.rows if row and row[-1].strip()]
    has_source = sum(1 for t in last if any(p.search(t) for p, _ in SOURCE_KINDS)) >= max(1, len(last) // 3)
    n_years, odd = divmod(n - 5 - int(has_source), 2)
    if odd or n_years < 1:
        return None
    labels: list[Optional[int]] = [None] * n_years
    if period and period[1] - period[0] + 1 == n_years:
        labels = list(range(period[0], period[1] + 1))
    first = 0
    while first < len(table.rows) and not any(ROW_NUMBER.match(c.strip()) for c in table.rows[first][:2]):
        first += 1
    return Layout(tt=0, desc=1, unit=2, price=3, years=[(4 + 2 * k, 5 + 2 * k) for k in range(n_years)],
                  total=4 + 2 * n_years, source=n - 1 if has_source else None, n_cols=n, first_row=first, year_labels=labels)


def table_layout(table: Table, period: tuple[int, int] | None) -> Layout | None:
    """The columns from the header, else the usual ones fitted to the rows' width."""
    return header_layout(table) or inferred_layout(table, period)
