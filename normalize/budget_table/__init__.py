"""The budget appendix table: its unit, years and columns, groups, items,
continuation rows and grand total, from the DOCX or PDF table or a text dump.

One job per module: ``locate`` finds the table and reads its unit, ``columns``
works out its columns, ``rows`` tells its rows apart and reads their cells;
the figures are checked in ``normalize.reconcile``. This module puts them
together into the record's ``BudgetTable``.
"""
from __future__ import annotations

from typing import Optional

from ...models.document import Document
from ...models.record import (
    BudgetGroup,
    BudgetItem,
    BudgetTable,
    GrandTotal,
    Issue,
    YearCell,
)
from .. import reconcile as rc
from ..budget import source_kind
from .columns import Layout, table_layout
from .locate import find_table, table_unit
from .rows import Row, figure_at, item_figures, loose_figures, sum_figures, table_rows

__all__ = ["parse_budget_table", "find_table", "table_unit"]


# the numerals groups are expected in, to mend a repeated one ("II" read for "III")
ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _vnd(v: Optional[float], multiplier: int) -> Optional[int]:
    return None if v is None else int(round(v * multiplier))


def _num(x):
    return int(x) if x is not None and float(x).is_integer() else x


def _item(row: Row, lay: Layout, thousands: str, years: list[int], group: Optional[str], code: Optional[str],
          desc: str, unit: Optional[str], price: Optional[float], multiplier: int,
          found: list[rc.Finding]) -> tuple[BudgetItem, Optional[float]]:
    """An item row as the record's item, its figures checked; the price it
    used (a continuation row without its own unit keeps it)."""
    where = ".".join(x for x in (group, code) if x) or f"row {row.index}"
    needed = len(lay.years) * (2 if lay.has_qty else 1)
    aligned = row.aligned
    if aligned:
        pf, figs, tf = item_figures(row, lay, thousands)
        # a row with fewer cells than the years need (a scan's lost cells) is read loose
        aligned = len(figs) >= needed
    if aligned:
        if pf is not None and pf.unreadable:
            # a price a scan turned to letters ("bộ" for "5") is no 0: the years' amounts tell it, or nothing does
            got = rc.price_from_years(figs, len(lay.years)) if lay.has_qty else None
            price = got[0] if got else None
            if got:
                found.append(rc.PriceRead(where, pf.printed, *got))
        elif pf is not None and not pf.blank:
            price = pf.values[0]
            # a price every year contradicts ("100" for 100,000, a scan's lost digits) while the years agree
            # on another, and their amounts make the row total: the years' price, said
            got = rc.price_from_years(figs, len(lay.years)) if lay.has_qty and tf is not None and not tf.blank else None
            if got and got[1] == got[2] and not rc.close(got[0], price) and rc.close(
                    sum(a.values[0] for a in figs[1::2] if not a.unreadable), tf.values[0]):
                found.append(rc.PriceRead(where, pf.printed, *got))
                price = got[0]
        res = rc.fixed_row(figs, tf, price, len(lay.years), lay.has_qty)
    else:
        figs = loose_figures(row, thousands)
        if row.unit and figs and lay.price is not None:
            price = figs[0].values[0]
            figs = figs[1:]
        res = rc.align_item(figs, price, len(lay.years), lay.has_qty)
        found.append(rc.RowRealigned(where, " | ".join(c for c in row.cells if c)))
    total, more = rc.check_item(res, where, years)
    found.extend(more)
    by_year = {str(y): YearCell(qty=_num(v.qty) if v.qty else None, amount_vnd=_vnd(v.amount, multiplier))
               for y, v in zip(years, res.years)}
    return BudgetItem(group=group, code=code, description=desc, unit=unit, unit_price_vnd=_vnd(price, multiplier),
                      by_year=by_year, total_vnd=_vnd(total, multiplier), source=source_kind(row.source_text),
                      row=row.index, printed=row.cells), price


def _sum_row(row: Row, lay: Layout, thousands: str, years: list[int], expected: list[Optional[float]], where: str,
             found: list[rc.Finding]) -> tuple[list[float], float]:
    """A group or grand-total row: its years and total, checked against the rows it sums."""
    positional = sum_figures(row, lay, thousands) if row.aligned else None
    quantities = [(y, figure_at(row, q, thousands)) for (q, _), y in zip(lay.years, years)]
    row_years, total, more = rc.check_sum_row(positional, loose_figures(row, thousands), quantities, expected, where, years)
    found.extend(more)
    return row_years, total


def _number_by_place(rows: list[Row], lay: Layout, found: list[rc.Finding]) -> None:
    """An item whose number a scan garbled ("Sì" between items 2 and 4) takes
    the number its neighbours in the group leave for it, and says so; where
    they leave none (a first or only item without a next), it stays without."""
    for k, row in enumerate(rows):
        printed = row.cells[lay.tt].strip() if lay.tt is not None and lay.tt < len(row.cells) else ""
        if row.kind != "item" or not printed:
            continue
        if row.code is not None and not row.code.isdigit():
            continue
        codes = []
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(rows) and rows[j].kind == "continuation":
                j += step
            inside = 0 <= j < len(rows) and rows[j].kind == "item" and rows[j].code and rows[j].code.isdigit()
            codes.append(int(rows[j].code) if inside else None)
        before, after = codes
        if row.code is not None:
            # a number out of order ("22" between 1 and 3): mended only when both neighbours leave the same one
            if before is not None and after == before + 2 and int(row.code) != before + 1:
                found.append(rc.ItemNumbered(str(before + 1), printed))
                row.code = str(before + 1)
            continue
        want = before + 1 if before is not None else (after - 1 if after is not None and after > 1 else None)
        if want is not None and (after is None or after == want + 1) and (before is None or before == want - 1):
            found.append(rc.ItemNumbered(str(want), printed))
            row.code = str(want)


def parse_budget_table(doc: Document, period: tuple[int, int] | None) -> tuple[Optional[BudgetTable], list[Issue]]:
    found_table = find_table(doc)
    if not found_table:
        return None, []
    index, table = found_table
    unit = table_unit(doc, index, table)
    if unit is None:
        return None, [rc.issue(rc.TableNotRead("table", "unit"))]
    lay = table_layout(table, period)
    if lay is None or not lay.years:
        return None, [rc.issue(rc.TableNotRead("table", "layout"))]
    years = [y for y in lay.year_labels if y is not None]
    if len(years) != len(lay.years):
        return None, [rc.issue(rc.TableNotRead("table", "years"))]
    label, mult = unit
    thousands = rc.thousands_mark([c for row in table.rows for c in row])
    found: list[rc.Finding] = []
    out = BudgetTable(unit_label=label, multiplier=mult, years=years, page=doc.blocks[index].page)
    # items first: groups and the grand total are checked against them
    group_rows: list[tuple[Row, list[BudgetItem]]] = []
    total_row = None
    current: list[BudgetItem] = []
    group_code = None
    last: Optional[BudgetItem] = None
    price = None
    rows = table_rows(table, lay)
    _number_by_place(rows, lay, found)
    for row in rows:
        if row.kind == "group":
            want = ROMANS[len(group_rows)] if len(group_rows) < len(ROMANS) else None
            if want and row.code is None:
                found.append(rc.GroupNumbered(want, row.cells[lay.tt] if lay.tt is not None else ""))
                row.code = want
            elif want and row.code != want and row.code in [g.code for g, _ in group_rows]:
                found.append(rc.GroupRenumbered(want, row.code, group_rows[-1][0].code))
                row.code = want
            group_code = row.code
            current = []
            group_rows.append((row, current))
            last = None
        elif row.kind == "total":
            total_row = row
        elif row.kind in ("item", "continuation"):
            if row.kind == "continuation" and last is not None:
                code, desc = last.code, last.description
                unit_name = row.unit or last.unit
                p = price if not row.unit else None
            else:
                code, desc, unit_name, p = row.code, row.label, row.unit, None
            item, price = _item(row, lay, thousands, years, group_code, code, desc, unit_name, p, mult, found)
            out.items.append(item)
            current.append(item)
            last = item
    for row, items in group_rows:
        sums = [sum(i.by_year[str(y)].amount_vnd for i in items) / mult for y in years] if items else [None] * len(years)
        expected = sums + ([sum(sums)] if items else [None])
        ys, total = _sum_row(row, lay, thousands, years, expected, row.code, found)
        out.groups.append(BudgetGroup(code=row.code, label=row.label, by_year={str(y): _vnd(v, mult) for y, v in zip(years, ys)},
                                      total_vnd=_vnd(total, mult), row=row.index))
    if total_row is not None:
        if out.groups:
            sums = [sum(g.by_year[str(y)] for g in out.groups) / mult for y in years]
        else:
            sums = [sum(i.by_year[str(y)].amount_vnd for i in out.items) / mult for y in years]
        ys, total = _sum_row(total_row, lay, thousands, years, sums + [sum(sums)], "grand total", found)
        out.grand_total = GrandTotal(by_year={str(y): _vnd(v, mult) for y, v in zip(years, ys)}, total_vnd=_vnd(total, mult),
                                     row=total_row.index)
    return out, [rc.issue(f, mult) for f in found]
