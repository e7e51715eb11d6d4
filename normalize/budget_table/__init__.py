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
from .rows import Row, cell, loose_figures, table_rows

__all__ = ["parse_budget_table", "find_table", "table_unit"]


class _Builder:
    def __init__(self, lay: Layout, mult: int, thousands: str, years: list[int]):
        self.lay, self.mult, self.th, self.years = lay, mult, thousands, years
        self.issues: list[Issue] = []

    def vnd(self, v: Optional[float]) -> Optional[int]:
        return None if v is None else int(round(v * self.mult))

    def issue(self, code, where, detail, printed=None, value=None, checks=(), severity="warning"):
        self.issues.append(Issue(code=code, where=where, detail=detail, severity=severity, printed=printed,
                                 value=value, checks=list(checks)))

    # ------------------------------------------------------------------ items
    def item(self, row: Row, group: Optional[str], code: Optional[str], desc: str, unit: Optional[str],
             price: Optional[float]) -> tuple[BudgetItem, Optional[float]]:
        lay, where = self.lay, ".".join(x for x in (group, code) if x) or f"row {row.index}"
        if row.aligned:
            pf = rc.read(cell(row.cells, lay.price), self.th, True) if lay.price is not None else None
            if pf is not None and not pf.blank:
                price = pf.values[0]
            figs: list[rc.Figure] = []
            for q, a in lay.years:
                if q is not None:
                    figs.append(rc.read(cell(row.cells, q), self.th, True) or rc.Figure("", [0.0], blank=True))
                figs.append(rc.read(cell(row.cells, a), self.th, True) or rc.Figure("", [0.0], blank=True))
            tf = rc.read(cell(row.cells, lay.total), self.th, True) if lay.total is not None else None
            res = self._fixed(figs, tf, price)
        else:
            figs = loose_figures(row, self.th)
            if row.unit and figs and lay.price is not None:
                price = figs[0].values[0]
                figs = figs[1:]
            res = rc.align_item(figs, price, len(lay.years), lay.has_qty)
            self.issue("budget.row_realigned", where, "cells of this row were lost or shifted in the source; "
                       "aligned by quantity × price and the row total", printed=" | ".join(c for c in row.cells if c),
                       checks=[rc.QTY_PRICE, rc.ROW_TOTAL], severity="info")
        self._notes(res, where)
        s = sum(y.amount for y in res.years)
        total = res.total
        if total is None:
            total = s
        elif not rc.close(total, s):
            if all(y.qty is not None and price and rc.close(y.qty * price, y.amount) or y.amount == 0 for y in res.years):
                self.issue("budget.cell_corrected", where + " total", f"row total printed {res.printed_total}, years add up to {s:g}",
                           printed=res.printed_total, value=self.vnd(s), checks=[rc.ROW_TOTAL])
                total = s
            else:
                self.issue("budget.check_failed", where + " total", f"years add up to {s:g}, total printed {res.printed_total}",
                           printed=res.printed_total, value=self.vnd(total), checks=[rc.ROW_TOTAL], severity="error")
        by_year = {str(y): YearCell(qty=_num(v.qty) if v.qty else None, amount_vnd=self.vnd(v.amount))
                   for y, v in zip(self.years, res.years)}
        return BudgetItem(group=group, code=code, description=desc, unit=unit, unit_price_vnd=self.vnd(price),
                          by_year=by_year, total_vnd=self.vnd(total), source=source_kind(row.source_text),
                          row=row.index, printed=row.cells), price

    def _fixed(self, figs: list[rc.Figure], tf: Optional[rc.Figure], price: Optional[float]) -> rc.RowResult:
        """An aligned row: each year reads its own cells; a cell that can mean
        two things takes the meaning quantity × price or the row total agrees with."""
        years, notes = [], []
        i = 0
        has_qty = self.lay.has_qty
        for y in range(len(self.lay.years)):
            q = figs[i] if has_qty else None
            a = figs[i + 1] if has_qty else figs[i]
            i += 2 if has_qty else 1
            q_vals = [None] if q is None or q.blank else ([] if q.unreadable else q.values)
            a_vals = [] if a.unreadable else a.values
            chosen = None
            if price:
                for cand in q_vals:
                    hit = next((v for v in a_vals if cand is not None and rc.close(v, cand * price)), None)
                    if hit is not None:
                        chosen = (cand, hit)
                        break
                if chosen is None and q is not None and (q.garbled or q.unreadable) and a_vals and not a.blank:
                    k = a_vals[0] / price  # the quantity a scan garbled: amount ÷ price
                    if k > 0 and rc.close(k, round(k)):
                        chosen = (round(k), a_vals[0])
                if chosen is None and a.unreadable and q_vals and q_vals[0] is not None:
                    chosen = (q_vals[0], q_vals[0] * price)
            if chosen is not None:
                qv, value = chosen
                if q is not None and (q.garbled or q.unreadable or len(q.values) > 1):
                    notes.append((y, "qty", q, qv))
                if a.malformed or a.unreadable:
                    notes.append((y, "malformed", a, value))
            else:
                qv = q_vals[0] if q_vals else None
                value = a_vals[0] if a_vals else 0.0
                if qv is not None and price is not None:
                    notes.append((y, "mismatch", a, qv * price))
            years.append(rc.YearValue(qv, value, q.printed if q else None, a.printed))
        total = None if tf is None or (tf.blank and not tf.printed) else tf.values[0]
        res = rc.RowResult(price, years, total, tf.printed if tf else None)
        res.issues = notes  # type: ignore[assignment]
        return res

    def _notes(self, res: rc.RowResult, where: str) -> None:
        for note in res.issues:
            if note[0] == "stray":
                f = note[1]
                self.issue("budget.stray_cell", where, f"a figure {f.printed!r} that fits no column: dropped",
                           printed=f.printed, checks=[rc.QTY_PRICE, rc.ROW_TOTAL])
                continue
            y, what, fig, value = note
            year = self.years[y] if y < len(self.years) else y
            if what == "qty":
                self.issue("budget.cell_corrected", f"{where} {year}", f"quantity printed {fig.printed!r}, read as "
                           f"{value:g} (amount ÷ unit price, and the row total, agree)", printed=fig.printed,
                           value=value, checks=[rc.QTY_PRICE, rc.ROW_TOTAL])
            elif what == "malformed":
                self.issue("budget.cell_corrected", f"{where} {year}", f"printed {fig.printed!r}, read as {value:g} "
                           "(quantity × unit price and the row total agree)", printed=fig.printed,
                           value=self.vnd(value), checks=[rc.QTY_PRICE, rc.ROW_TOTAL])
            else:
                # the printed amount disagrees with quantity × price: keep it if the total agrees with it
                yv = res.years[y]
                others = sum(v.amount for k, v in enumerate(res.years) if k != y)
                if res.total is not None and rc.close(others + value, res.total):
                    yv.amount = value
                    self.issue("budget.cell_corrected", f"{where} {year}", f"printed {fig.printed!r}; quantity × price "
                               f"and the row total give {value:g}", printed=fig.printed, value=self.vnd(value),
                               checks=[rc.QTY_PRICE, rc.ROW_TOTAL])
                else:
                    self.issue("budget.check_failed", f"{where} {year}", f"quantity × price is {value:g}, printed "
                               f"{fig.printed!r}; kept as printed", printed=fig.printed, value=self.vnd(yv.amount),
                               checks=[rc.QTY_PRICE], severity="error")

    # ------------------------------------------------------------ aggregates
    def aggregate(self, row: Row, expected: list[Optional[float]], where: str) -> tuple[list[float], float]:
        """A group or grand-total row: its years and total, checked against the rows it sums."""
        lay = self.lay
        positional = None
        if row.aligned:
            figs = [rc.read(cell(row.cells, a), self.th, True) or rc.Figure("", [0.0], blank=True) for _, a in lay.years]
            figs.append(rc.read(cell(row.cells, lay.total), self.th, True) or rc.Figure("", [0.0], blank=True))
            positional = figs
        loose = loose_figures(row, self.th)
        values, dropped, score = rc.pick(loose, expected)
        # the cells where the header puts them, unless the figures read in order
        # (a cell lost or added before them) agree better with the rows they sum
        if positional is not None and rc.agree(positional, expected) >= score:
            values, dropped = [], []
            for f, e in zip(positional, expected):
                hit = next((v for v in f.values if rc.close(v, e)), None) if e is not None else None
                values.append((hit if hit is not None else f.values[0], f))
            for (q, _), y in zip(lay.years, self.years):
                f = rc.read(cell(row.cells, q), self.th, True) if q is not None else None
                if f is not None and not f.blank:
                    # a sum row has no quantity: a figure there fits no column
                    self.issue("budget.stray_cell", f"{where} {y}", f"a figure {f.printed!r} in the quantity column of "
                               f"{where}, which sums amounts only: ignored", printed=f.printed,
                               checks=[rc.ITEMS_VS_GROUP])
        else:
            for f in dropped:
                self.issue("budget.stray_cell", where, f"a figure {f.printed!r} that fits no column of {where}: dropped",
                           printed=f.printed, checks=[rc.ITEMS_VS_GROUP, rc.YEARS_VS_TOTAL])
        out = []
        labels = [str(y) for y in self.years] + ["total"]
        for k, ((v, f), e) in enumerate(zip(values, expected)):
            if e is not None and not rc.close(v, e):
                printed = f.printed if f else ""
                # the sum of the rows below agrees with the other figures: keep it
                self.issue("budget.cell_corrected", f"{where} {labels[k]}", f"printed {printed!r}, the rows it sums give {e:g}",
                           printed=printed, value=self.vnd(e), checks=[rc.ITEMS_VS_GROUP if where != "grand total" else rc.GROUPS_VS_GRAND_TOTAL])
                v = e
            elif f is not None and f.malformed:
                self.issue("budget.cell_corrected", f"{where} {labels[k]}", f"printed {f.printed!r}, read as {v:g}",
                           printed=f.printed, value=self.vnd(v), checks=[rc.ITEMS_VS_GROUP])
            out.append(v)
        years, total = out[:-1], out[-1]
        if not rc.close(sum(years), total):
            self.issue("budget.check_failed", f"{where} total", f"years add up to {sum(years):g}, total is {total:g}",
                       value=self.vnd(total), checks=[rc.YEARS_VS_TOTAL], severity="error")
        return years, total


def _num(x):
    return int(x) if x is not None and float(x).is_integer() else x


def parse_budget_table(doc: Document, period: tuple[int, int] | None) -> tuple[Optional[BudgetTable], list[Issue]]:
    found = find_table(doc)
    if not found:
        return None, []
    index, table = found
    unit = table_unit(doc, index, table)
    issues: list[Issue] = []
    if unit is None:
        return None, [Issue(code="budget.table_unit_unknown", where="table", severity="warning",
                            detail="a budget table without 'Đơn vị tính': its figures are not read")]
    lay = table_layout(table, period)
    if lay is None or not lay.years:
        return None, [Issue(code="budget.table_layout_unknown", where="table", severity="warning",
                            detail="the budget table's columns could not be told apart")]
    years = [y for y in lay.year_labels if y is not None]
    if len(years) != len(lay.years):
        return None, [Issue(code="budget.table_years_unknown", where="table", severity="warning",
                            detail="the budget table's header lost its years and the plan's period does not match")]
    thousands = rc.thousands_mark([c for row in table.rows for c in row])
    b = _Builder(lay, unit[1], thousands, years)
    rows = table_rows(table, lay)
    out = BudgetTable(unit_label=unit[0], multiplier=unit[1], years=years, page=doc.blocks[index].page)
    # items first: groups and the grand total are checked against them
    group_rows: list[tuple[Row, list[BudgetItem]]] = []
    total_row = None
    current: list[BudgetItem] = []
    group_code = None
    last: Optional[BudgetItem] = None
    price = None
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    for row in rows:
        if row.kind == "group":
            want = romans[len(group_rows)] if len(group_rows) < len(romans) else None
            if want and row.code != want and row.code in [g.code for g, _ in group_rows]:
                # a repeated numeral where the sequence says the next one: "II" read for "III"
                b.issue("budget.code_corrected", want, f"group numbered {row.code!r} again after {group_rows[-1][0].code}; "
                        f"read as {want}", printed=row.code, value=want, checks=[rc.GROUP_SEQUENCE], severity="info")
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
            item, price = b.item(row, group_code, code, desc, unit_name, p)
            out.items.append(item)
            current.append(item)
            last = item
    for row, items in group_rows:
        sums = [sum(i.by_year[str(y)].amount_vnd for i in items) / unit[1] for y in years] if items else [None] * len(years)
        expected = sums + ([sum(sums)] if items else [None])
        ys, total = b.aggregate(row, expected, row.code)
        out.groups.append(BudgetGroup(code=row.code, label=row.label, by_year={str(y): b.vnd(v) for y, v in zip(years, ys)},
                                      total_vnd=b.vnd(total), row=row.index))
    if total_row is not None:
        if out.groups:
            sums = [sum(g.by_year[str(y)] for g in out.groups) / unit[1] for y in years]
        else:
            sums = [sum(i.by_year[str(y)].amount_vnd for i in out.items) / unit[1] for y in years]
        ys, total = b.aggregate(total_row, sums + [sum(sums)], "grand total")
        out.grand_total = GrandTotal(by_year={str(y): b.vnd(v) for y, v in zip(years, ys)}, total_vnd=b.vnd(total), row=total_row.index)
    return out, issues + b.issues
