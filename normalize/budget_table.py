"""The budget appendix table: its unit, years and columns, groups, items,
continuation rows and grand total, from the DOCX or PDF table or a text dump.

Columns come from the header (TT | Nội dung | Đơn vị tính | Đơn giá | Năm … :
Số lượng, Thành tiền | Tổng cộng | Nguồn kinh phí); when a text dump lost the
header, from the width of the rows and the plan's period. Figures are read and
checked in ``reconcile``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from ..lang.glued import split_glued
from ..lang.numbers import unit_multiplier
from ..lang.patterns import rx
from ..lang.text import clean, key
from ..models.document import Document, Table
from ..models.record import (
    BudgetGroup,
    BudgetItem,
    BudgetTable,
    GrandTotal,
    Issue,
    YearCell,
)
from . import reconcile as rc

_UNIT_LINE = regex.compile(r"(?i)(?:đơn vị tính|đvt)\s*[:：]?\s*((?:1[.,]?000\s*đồng|1[.,]?000\s*đ|nghìn\s*đồng|ngàn\s*đồng|triệu\s*đồng|tỷ\s*đồng|đồng|vnđ))")
_ROMAN = regex.compile(r"^[IVXL]+$")
_CODE = regex.compile(r"^(\d{1,2}(?:\.\d{1,2})*|[a-zđ])\.?$")
_REPEATED_HEADER = regex.compile(r"(?i)số lượng|thành tiền")
_YEAR_CELL = regex.compile(r"^\s*(19|20)\d\d\s*$")
_MONEY_HEAD = regex.compile(r"(?i)thành tiền|đơn giá|kinh phí|dự toán|số tiền|số lượng")
_TOTAL = regex.compile(r"(?i)^(tổng\s*cộng|tổng\s*số|tổng\s*kinh\s*phí|cộng)\b")


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


def _score(table: Table) -> int:
    cells = [c for row in table.rows for c in row]
    # the header (the rows before the first numbered one) speaks of money
    head = [c for row in table.rows[:max(1, _header_rows(table))] for c in row]
    words = sum(1 for c in head if _MONEY_HEAD.search(c))
    numbers = sum(1 for c in cells if rc.is_number_cell(c) and not _YEAR_CELL.match(c))
    return numbers if words and table.n_cols >= 4 and numbers >= 6 else 0


def find_table(doc: Document) -> tuple[int, Table] | None:
    """The budget table: the one with budget wording in its header and the most figures."""
    best = None
    for i, b in enumerate(doc.blocks):
        if b.kind == "table" and b.table is not None:
            s = _score(b.table)
            if s and (best is None or s > best[0]):
                best = (s, i, b.table)
    return (best[1], best[2]) if best else None


def table_unit(doc: Document, index: int, table: Table) -> tuple[str, int] | None:
    """"Đơn vị tính: triệu đồng" above the table, or in its header."""
    texts = [doc.blocks[j].text for j in range(max(0, index - 8), index) if doc.blocks[j].kind != "table"][::-1]
    texts += [c for row in table.rows[:3] for c in row]
    for t in texts:
        m = _UNIT_LINE.search(clean(t))
        if m:
            mult = unit_multiplier(m.group(1))
            if mult:
                return m.group(1), mult
    return None


def _header_rows(table: Table) -> int:
    """Rows before the first numbered one (I, 1): the header, at most four."""
    for r, row in enumerate(table.rows[:4]):
        if any(rx(r"^([IVXL]+|\d{1,2})\.?$").match(c.strip()) for c in row[:2]):
            return r
    return min(4, len(table.rows))


def _header_layout(table: Table) -> Layout | None:
    # header words compacted: a scan or a narrow cell breaks "Số lượng" into "Số\nlượ\nng"
    head = [[rx(r"\s+").sub("", key(c)) for c in row] for row in table.rows[:_header_rows(table)]]
    find = lambda pattern: next(((r, c) for r, row in enumerate(head) for c, t in enumerate(row) if rx(pattern).search(t)), None)
    year_cells = [(r, c, int(m.group(1))) for r, row in enumerate(head) for c, t in enumerate(row)
                  for m in [rx(r"(?:năm|^)(20\d\d|19\d\d)(?!\d)").search(t)] if m]
    if not year_cells:
        return None
    yr = year_cells[0][0]
    year_cells = [y for y in year_cells if y[0] == yr]
    below = head[yr + 1] if yr + 1 < len(head) else []
    years: list[tuple[Optional[int], int]] = []
    for n, (_, c, _) in enumerate(year_cells):
        nxt = year_cells[n + 1][1] if n + 1 < len(year_cells) else c + 2
        sub = {k: below[k] for k in range(c, min(nxt, len(below)))} if below else {}
        q = next((k for k, t in sub.items() if rx(r"sốlượ|khốilượ|^sl$").search(t)), None)
        a = next((k for k, t in sub.items() if rx(r"thànhtiền|kinhphí|sốtiền|^tt$").search(t)), None)
        years.append((q, a if a is not None else c))
    last = max(a for _, a in years)
    first = min(q if q is not None else a for q, a in years)
    total = next((c for r, row in enumerate(head) for c, t in enumerate(row) if c > last and rx(r"tổng|cộng").search(t)), None)
    src = find(r"nguồn")
    tt, desc = find(r"^(s?tt|sốtt)$"), find(r"nộidung|hạngmục|nhiệmvụ|tên|diễngiải")
    unit, price = find(r"đơnvị|đvt"), find(r"đơngiá|địnhmức")
    tt, desc, unit, price = (x and x[1] for x in (tt, desc, unit, price))
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


def _inferred_layout(table: Table, period: tuple[int, int] | None) -> Layout | None:
    """The usual layout when a dump lost the header: TT, Nội dung, ĐVT, Đơn giá,
    (Số lượng, Thành tiền) per year, Tổng cộng[, Nguồn]."""
    n = table.n_cols
    last = [row[-1] for row in table.rows if row and row[-1].strip()]
    from .budget import SOURCE_KINDS
    has_source = sum(1 for t in last if any(p.search(t) for p, _ in SOURCE_KINDS)) >= max(1, len(last) // 3)
    n_years, odd = divmod(n - 5 - int(has_source), 2)
    if odd or n_years < 1:
        return None
    labels: list[Optional[int]] = [None] * n_years
    if period and period[1] - period[0] + 1 == n_years:
        labels = list(range(period[0], period[1] + 1))
    first = 0
    while first < len(table.rows) and not any(rx(r"^([IVXL]+|\d{1,2})$").match(c.strip()) for c in table.rows[first][:2]):
        first += 1
    return Layout(tt=0, desc=1, unit=2, price=3, years=[(4 + 2 * k, 5 + 2 * k) for k in range(n_years)],
                  total=4 + 2 * n_years, source=n - 1 if has_source else None, n_cols=n, first_row=first, year_labels=labels)


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


def _cell(row: list[str], col: Optional[int]) -> str:
    return clean(row[col]) if col is not None and col < len(row) else ""


def _rows(table: Table, lay: Layout) -> list[Row]:
    out = []
    numeric = lay.numeric_columns()
    text_cols = [c for c in (lay.desc, lay.unit, lay.source) if c is not None]
    last_col = max(c for c in [lay.tt, lay.desc, lay.unit, lay.price, lay.total, lay.source, *numeric] if c is not None)
    for r in range(lay.first_row, len(table.rows)):
        cells = [clean(c) for c in table.rows[r]]
        if not any(cells):
            continue
        tt = rx(r"[\s_.,:;'\"’‘|-]+$").sub("", _cell(cells, lay.tt))  # "2 _", "3." as a scan or a typist left them
        desc = split_glued(_cell(cells, lay.desc))
        if not rx(r"[\p{L}\d]").search(desc):
            desc = ""  # ":" or "-" that a scan left in an empty cell
        label_cells = [c for c in cells if c and not rc.is_value_cell(c)]
        total_row = any(_TOTAL.match(c) for c in label_cells[:2])
        if _ROMAN.match(tt):
            kind = "group"
        elif total_row:
            kind = "total"
        elif _CODE.match(tt):
            kind = "item"
        elif not tt and not desc and any(rc.is_value_cell(c) for c in cells):
            kind = "continuation"
        elif not tt and desc and any(rc.is_number_cell(c) for c in cells) and out:
            kind = "item"  # an item the table left unnumbered
        else:
            continue
        if any(_REPEATED_HEADER.match(c) for c in cells):
            continue  # a repeated header
        aligned = (not any(cells[last_col + 1:])  # a cell past the last column: something was added
                   and all(not c or rc.is_figure_like(c) for k, c in enumerate(cells) if k in numeric)
                   and all(not rc.is_number_cell(_cell(cells, k)) for k in text_cols)
                   and (lay.total is None or bool(_cell(cells, lay.total)) or not any(rc.is_number_cell(c) for c in cells)))
        source = _cell(cells, lay.source) if lay.source is not None else None
        if source and rc.is_value_cell(source):
            source = None
        if not aligned and lay.source is not None:
            # the cells moved: the source is the last words of the row
            source = next((c for c in reversed(cells) if c and not rc.is_value_cell(c)), None)
            source = source if source and _source_kind(source) != "other" or (source and "nguồn" in key(source)) else None
        unit = _cell(cells, lay.unit) if aligned else next((c for c in cells[2:4] if c and not rc.is_value_cell(c)), "")
        label = desc if kind != "total" else next((c for c in label_cells if _TOTAL.match(c)), "")
        if kind == "group" and not aligned:
            label = next((c for c in cells[1:] if c and not rc.is_value_cell(c)), desc)
        out.append(Row(r, cells, kind, tt or None, label, unit or None, source or None, aligned))
    return out


def _source_kind(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    text = " ".join(text.split())  # "Ngân sách\nTrung\nương" in a narrow cell
    from .budget import SOURCE_KINDS
    for pattern, kind in SOURCE_KINDS:
        if pattern.search(text):
            return kind
    return "other"


def _loose_figures(row: Row, thousands: str) -> list[rc.Figure]:
    """The figures of a ragged row, in order, after its label and unit."""
    cells = row.cells
    start = 0
    for k, c in enumerate(cells):
        if c and not rc.is_value_cell(c) and not _ROMAN.match(c) and not _CODE.match(c):
            start = k + 1
    figs = [rc.read(c, thousands) for c in cells[start:] if c and rc.is_value_cell(c)]
    return [f for f in figs if f is not None]


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
            pf = rc.read(_cell(row.cells, lay.price), self.th, True) if lay.price is not None else None
            if pf is not None and not pf.blank:
                price = pf.values[0]
            figs: list[rc.Figure] = []
            for q, a in lay.years:
                if q is not None:
                    figs.append(rc.read(_cell(row.cells, q), self.th, True) or rc.Figure("", [0.0], blank=True))
                figs.append(rc.read(_cell(row.cells, a), self.th, True) or rc.Figure("", [0.0], blank=True))
            tf = rc.read(_cell(row.cells, lay.total), self.th, True) if lay.total is not None else None
            res = self._fixed(figs, tf, price)
        else:
            figs = _loose_figures(row, self.th)
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
                          by_year=by_year, total_vnd=self.vnd(total), source=_source_kind(row.source_text),
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
            figs = [rc.read(_cell(row.cells, a), self.th, True) or rc.Figure("", [0.0], blank=True) for _, a in lay.years]
            figs.append(rc.read(_cell(row.cells, lay.total), self.th, True) or rc.Figure("", [0.0], blank=True))
            positional = figs
        loose = _loose_figures(row, self.th)
        values, dropped, score = rc.pick(loose, expected)
        # the cells where the header puts them, unless the figures read in order
        # (a cell lost or added before them) agree better with the rows they sum
        if positional is not None and rc.agree(positional, expected) >= score:
            values, dropped = [], []
            for f, e in zip(positional, expected):
                hit = next((v for v in f.values if rc.close(v, e)), None) if e is not None else None
                values.append((hit if hit is not None else f.values[0], f))
            for (q, _), y in zip(lay.years, self.years):
                f = rc.read(_cell(row.cells, q), self.th, True) if q is not None else None
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
    lay = _header_layout(table) or _inferred_layout(table, period)
    if lay is None or not lay.years:
        return None, [Issue(code="budget.table_layout_unknown", where="table", severity="warning",
                            detail="the budget table's columns could not be told apart")]
    years = [y for y in lay.year_labels if y is not None]
    if len(years) != len(lay.years):
        return None, [Issue(code="budget.table_years_unknown", where="table", severity="warning",
                            detail="the budget table's header lost its years and the plan's period does not match")]
    thousands = rc.thousands_mark([c for row in table.rows for c in row])
    b = _Builder(lay, unit[1], thousands, years)
    rows = _rows(table, lay)
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
