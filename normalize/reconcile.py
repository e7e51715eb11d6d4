"""Reconciliation of a budget table's printed figures, the same for every format.

The checks: quantity × unit price = amount, a row's years = its total, items =
their group, groups = the grand total. A printed figure is read as every value
it could mean ("4.00" in a table that groups thousands with "." is 4 or 400);
the value the checks agree on is kept. A row that a text dump made ragged (a
cell lost, a stray number added) is aligned by the same checks: of all the
ways to lay its numbers over the columns, the one the checks contradict least
wins. Every correction, stray cell or failed check becomes an ``Issue`` with
the text as printed, the value chosen and the checks that decided.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import combinations

import regex

from ..lang.patterns import rx
from ..models.record import Issue

# The checks, named once: issues carry these names in ``checks``. `vnlegal
# check` recomputes the budget's from a record; the others (from HEADER_NUMBER
# on) name what a reading was checked against: the header, the gazetteer, the
# number's format, the reader.
QTY_PRICE = "qty×price"
ROW_TOTAL = "row total"
ITEMS_VS_GROUP = "items vs group"
GROUPS_VS_GRAND_TOTAL = "groups vs grand total"
YEARS_VS_TOTAL = "years vs total"
GROUP_SEQUENCE = "group sequence"
GRAND_TOTAL_VS_TEXT = "grand total vs text total"
GRAND_TOTAL_VS_WORDS = "grand total vs words"
CATEGORIES_VS_GROUPS = "categories vs groups"
TOTAL_VS_WORDS = "total vs words"
SOURCES_VS_TOTAL = "sources vs total"
HEADER_NUMBER = "header number"
HEADER_DATE = "header date"
HEADER_ISSUER = "header issuer"
PLACE_DATE_LINE = "place-and-date line"
GAZETTEER = "gazetteer"
ISSUED_DATE = "issued_date"
NUMBER_FORMAT = "number format"
READING = "reading"

CHECKS: dict[str, str] = {
    QTY_PRICE: "an item's quantity × unit price = its amount, per year",
    ROW_TOTAL: "a row's years add up to its total",
    ITEMS_VS_GROUP: "a group's items add up to the group, per year",
    GROUPS_VS_GRAND_TOTAL: "the groups (or the items of a table without groups) add up to the grand total",
    YEARS_VS_TOTAL: "a sum row's years add up to its total",
    GROUP_SEQUENCE: "groups are numbered I, II, III, … in order",
    GRAND_TOTAL_VS_TEXT: "the table's grand total = the total stated in the text",
    GRAND_TOTAL_VS_WORDS: "the table's grand total = the total written in words",
    CATEGORIES_VS_GROUPS: "the text's categories (a), b), …) = the table's groups",
    TOTAL_VS_WORDS: "the text's total = the total written in words (no table)",
    SOURCES_VS_TOTAL: "the funding sources add up to the text's total",
    HEADER_NUMBER: "the number in the header's \"Số:\" slot (blank, unreadable, or taken from an attached document)",
    HEADER_DATE: "the date of the header's place-and-date line (blank, unreadable, or taken from an attached document)",
    HEADER_ISSUER: "the issuer named in the header, its province on the date of issue",
    PLACE_DATE_LINE: "the place the place-and-date line names agrees with the issuer's province",
    GAZETTEER: "the issuer's unit is in the gazetteer of administrative units",
    ISSUED_DATE: "the unit existed (as that level) on the date of issue",
    NUMBER_FORMAT: "a cited number as printed against its normalised form (spaces, a slash for a hyphen)",
    READING: "what the reader decided: pages read by OCR, form fields preferred to the typed text",
}


BLANK = regex.compile(r"^\s*[-–—]?\s*$")
_DASH = regex.compile(r"^\s*[-–—]\s*$")
_DOTS = regex.compile(r"^\d{1,3}(?:\.\d{3})+$")
_COMMAS = regex.compile(r"^\d{1,3}(?:,\d{3})+$")
_DIGITS = regex.compile(r"^\d[\d.,]*$")
_WORDLIKE = regex.compile(r"\p{L}{3,}")
# a well-formed figure for each thousands mark (the other mark is the decimal point)
_WELL = {".": regex.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$"), ",": regex.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$")}
_NUMERIC = regex.compile(r"^\s*\d[\d.,\s]*\s*$")
# a digit: a short cell with one ("1O", "Ì2") may be a figure a scan garbled
_DIGIT = rx(r"\d")
# all but figures and their marks, dropped for the second reading of a garbled cell: "1.2O0" → "1.20"
_NOT_FIGURE = rx(r"[^\d.,]")


def is_number_cell(text: str) -> bool:
    return bool(_NUMERIC.match(text or ""))


def is_value_cell(text: str) -> bool:
    """A cell that holds a figure: a number, or "-" for nothing."""
    return is_number_cell(text) or bool(_DASH.match(text or ""))


def is_figure_like(text: str) -> bool:
    """A figure, or what a scan made of one ("Ì" for 1, ":" for "-", "1/150000"
    for "1,150,000": a long figure with a slip or two)."""
    t = (text or "").strip()
    if is_value_cell(t) or _DASHLIKE.match(t) or is_number_cell(_without_marks(t)):
        return True
    if _WORDLIKE.search(t):
        return False
    compact = t.replace(" ", "")
    digits = len(_DIGIT.findall(compact))
    slips = len(_NOT_FIGURE.findall(compact))
    return len(compact) <= 5 and bool(digits or len(t) <= 3) or digits >= 4 and slips <= 2


def thousands_mark(cells: list[str]) -> str:
    """The mark this table groups thousands with, from its well-formed numbers."""
    dots = sum(1 for c in cells if _DOTS.match(c.strip()))
    commas = sum(1 for c in cells if _COMMAS.match(c.strip()))
    return "," if commas > dots else "."


@dataclass
class Figure:
    """A printed cell and the values it can mean (the first is the plain reading)."""
    printed: str
    values: list[float]
    blank: bool = False
    garbled: bool = False  # letters where digits belong: an OCR or typing slip
    unreadable: bool = False  # no value can be read from it at all

    @property
    def malformed(self) -> bool:
        return len(self.values) > 1 or self.garbled


# what OCR reads for a digit, and for a dash
_CONFUSED = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "Ì": "1", "Í": "1", "ì": "1",
                           "í": "1", "|": "1", "{": "1", "}": "1", "!": "1", "[": "1", "]": "1", "Ï": "1", "i": "1",
                           "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6", "b": "6", "g": "9", "q": "9"})
_DASHLIKE = regex.compile(r"^[\s\-–—:;.,'\"“”‘’`ˆ~_=*^]+$")
# a mark standing apart among a cell's figures: " -" in "240,000 -", " - " in "1,500,0 - 00"
_STRAY_MARK = regex.compile(r"(?:^|\s+)[\-–—:;.,'\"“”‘’`ˆ~_=*^|]+(?=\s|$)")
# a mark stuck to a figure's end: "240,000." (a figure ends in a digit)
_TRAILING_MARK = regex.compile(r"(?<=\d)[.,:;'`’]+$")


def _without_marks(text: str) -> str:
    """A cell without the marks a speck or a rule's end left beside its figure."""
    return _TRAILING_MARK.sub("", _STRAY_MARK.sub("", text).strip())


def read(text: str, thousands: str, garbled_ok: bool = False) -> Figure | None:
    """The values a printed cell can mean. With ``garbled_ok`` (a cell where
    only a figure belongs), letters OCR puts for digits are read as candidates
    too, and a cell of dots and dashes is a dash."""
    text = (text or "").strip()
    if BLANK.match(text) or (garbled_ok and _DASHLIKE.match(text)):
        return Figure(text, [0.0], blank=True)
    if garbled_ok:
        # a speck or a rule's end beside a figure, read as a mark: "240,000 -", "570,000 :", "1,500,0 - 00", "240,000."
        cleaned = _without_marks(text)
        if cleaned != text and _DIGITS.match(cleaned.replace(" ", "")):
            f = read(cleaned, thousands)
            if f is not None:
                return Figure(text, f.values, garbled=True)
    s = text.replace(" ", "")
    if not _DIGITS.match(s):
        if not garbled_ok or _WORDLIKE.search(s):
            return None
        values = []
        for cand in (s.translate(_CONFUSED), _NOT_FIGURE.sub("", s)):
            cand = cand.strip(".,")
            f = read(cand, thousands) if _DIGITS.match(cand) else None
            for v in f.values if f else []:
                if v not in values:
                    values.append(v)
        return Figure(text, values or [0.0], garbled=True, unreadable=not values)
    decimal = "," if thousands == "." else "."
    if _WELL[thousands].match(s):
        return Figure(text, [float(s.replace(thousands, "").replace(decimal, "."))])
    # malformed for this table: read the mark as a decimal point, and as a
    # thousands mark that lost or gained a digit ("4.00" → 4 or 400)
    values = []
    groups = s.split(thousands)
    padded = thousands.join(groups[:-1] + [groups[-1].ljust(3, "0")]) if len(groups) > 1 and len(groups[-1]) < 3 else s
    for cand in (s.replace(thousands, "."), s.replace(thousands, "").replace(decimal, "."),
                 padded.replace(thousands, "").replace(decimal, ".")):
        try:
            v = float(cand) if cand.count(".") <= 1 else None
        except ValueError:
            v = None
        if v is not None and v not in values:
            values.append(v)
    return Figure(text, values) if values else None


def close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


@dataclass
class YearValue:
    qty: float | None
    amount: float
    printed_qty: str | None = None
    printed_amount: str | None = None


@dataclass
class Note:
    """What laying a row's figures over its columns had to decide: a ``stray``
    figure that fits no column; a quantity read from a garbled cell (``qty``);
    an amount read from a ``malformed`` cell; an amount that disagrees with
    quantity × price (``mismatch``: ``value`` is quantity × price)."""
    kind: str
    figure: Figure
    year: int | None = None
    value: float | None = None


@dataclass
class RowResult:
    price: float | None
    years: list[YearValue]
    total: float | None
    printed_total: str | None = None
    notes: list[Note] = field(default_factory=list)
    cost: float = 0.0


def _year_options(figs: list[Figure], i: int, price: float | None):
    """Ways the figures from ``i`` can fill one year: (YearValue, figures used, cost, notes)."""
    out = []
    if i + 1 < len(figs):
        q, a = figs[i], figs[i + 1]
        qv = None if q.blank else q.values[0]
        if price is not None and qv is not None:
            want = qv * price
            hit = next((v for v in a.values if close(v, want)), None)
            if hit is not None:
                out.append((YearValue(qv, hit, q.printed, a.printed), 2, 0.0 if not a.malformed else 0.5,
                            [Note("malformed", a, value=hit)] if a.malformed else []))
            else:
                out.append((YearValue(qv, a.values[0], q.printed, a.printed), 2, 4.0, [Note("mismatch", a, value=want)]))
        elif qv is None:
            out.append((YearValue(None, a.values[0], q.printed, a.printed), 2, 0.0 if a.blank or price is None else 1.0, []))
    f = figs[i] if i < len(figs) else None
    if f is not None and f.blank or (f is not None and close(f.values[0], 0)):
        out.append((YearValue(None, 0.0, None, f.printed), 1, 1.0, []))
    if f is not None and price and not f.blank and f.values[0] > 0:
        q = f.values[0] / price
        if close(q, round(q)):
            out.append((YearValue(round(q), f.values[0], None, f.printed), 1, 2.0, []))
    out.append((YearValue(None, 0.0), 0, 2.5, []))
    return out


def align_item(figs: list[Figure], price: float | None, n_years: int, has_qty: bool = True) -> RowResult:
    """Lay a row's figures (after the price) over its years and total."""
    best: RowResult | None = None
    if len(figs) > (2 if has_qty else 1) * n_years + 4:
        # far more figures than columns: not one row (two rows run together); none is trusted
        res = RowResult(price, [YearValue(None, 0.0) for _ in range(n_years)], None, cost=99.0)
        res.notes = [Note("stray", f) for f in figs]
        return res

    def total_options(i: int, years: list[YearValue]):
        s = sum(y.amount for y in years)
        rest = figs[i:]
        if not rest:
            return [(None, None, 3.0, [])]
        out = []
        for k, f in enumerate(rest):
            stray = [g for n, g in enumerate(rest) if n != k]
            hit = next((v for v in f.values if close(v, s)), None)
            if hit is not None:
                out.append((hit, f.printed, 4.0 * len(stray) + (0.5 if f.malformed else 0), stray))
            else:
                out.append((f.values[0], f.printed, 5.0 + 4.0 * len(stray), stray))
        return out

    def walk(i: int, y: int, years: list[YearValue], cost: float, notes: list):
        nonlocal best
        if best is not None and cost >= best.cost:
            return
        if y == n_years:
            for total, printed, c, stray in total_options(i, years):
                if best is None or cost + c < best.cost:
                    best = RowResult(price, list(years), total, printed, cost=cost + c)
                    best.notes = [Note("stray", s) for s in stray] + list(notes)
            return
        if has_qty:
            options = _year_options(figs, i, price)
        else:
            options = []
            if i < len(figs):
                f = figs[i]
                options.append((YearValue(None, f.values[0], None, f.printed), 1, 0.0, []))
            options.append((YearValue(None, 0.0), 0, 2.5, []))
        for yv, used, c, note in options:
            walk(i + used, y + 1, years + [yv], cost + c, notes + [replace(n, year=y) for n in note])
        # a stray figure before this year
        if i < len(figs) and cost + 4.0 < (best.cost if best else 1e9):
            walk(i + 1, y, years, cost + 4.0, notes + [Note("stray", figs[i])])

    walk(0, 0, [], 0.0, [])
    assert best is not None
    return best


def fixed_row(figs: list[Figure], total: Figure | None, price: float | None, n_years: int,
              has_qty: bool) -> RowResult:
    """An aligned row: each year reads its own cells (quantity then amount, or
    the amount alone); a cell that can mean two things takes the meaning
    quantity × price or the row total agrees with."""
    years, notes = [], []
    i = 0
    for y in range(n_years):
        q = figs[i] if has_qty else None
        a = figs[i + 1] if has_qty else figs[i]
        i += 2 if has_qty else 1
        q_vals = [None] if q is None or q.blank else ([] if q.unreadable else q.values)
        a_vals = [] if a.unreadable else a.values
        chosen = None
        if price:
            for cand in q_vals:
                hit = next((v for v in a_vals if cand is not None and close(v, cand * price)), None)
                if hit is not None:
                    chosen = (cand, hit)
                    break
            if chosen is None and q is not None and (q.garbled or q.unreadable) and a_vals and not a.blank:
                k = a_vals[0] / price  # the quantity a scan garbled: amount ÷ price
                if k > 0 and close(k, round(k)):
                    chosen = (round(k), a_vals[0])
            if chosen is None and a.unreadable and q_vals and q_vals[0] is not None:
                chosen = (q_vals[0], q_vals[0] * price)
        if chosen is not None:
            qv, value = chosen
            if q is not None and (q.garbled or q.unreadable or len(q.values) > 1):
                notes.append(Note("qty", q, y, qv))
            if a.malformed or a.unreadable:
                notes.append(Note("malformed", a, y, value))
        else:
            qv = q_vals[0] if q_vals else None
            value = a_vals[0] if a_vals else 0.0
            if qv is not None and price is not None:
                notes.append(Note("mismatch", a, y, qv * price))
        years.append(YearValue(qv, value, q.printed if q else None, a.printed))
    row_total = None if total is None or (total.blank and not total.printed) else total.values[0]
    return RowResult(price, years, row_total, total.printed if total else None, notes=notes)


def price_from_years(figs: list[Figure], n_years: int) -> tuple[float, int, int] | None:
    """The unit price an item's years agree on (amount ÷ quantity), when its
    printed price cannot be read: (price, years agreeing, years with both
    figures). Two years at least, and all but one of them, must agree."""
    ratios = []
    for y in range(n_years):
        q, a = figs[2 * y], figs[2 * y + 1]
        if q.blank or a.blank or q.unreadable or a.unreadable or len(q.values) > 1 or len(a.values) > 1:
            continue
        if q.values[0] > 0 and a.values[0] > 0:
            ratios.append(a.values[0] / q.values[0])
    best = max(((r, sum(close(r, o) for o in ratios)) for r in ratios), key=lambda x: x[1], default=None)
    if best is None or best[1] < 2 or best[1] < len(ratios) - 1:
        return None
    return best[0], best[1], len(ratios)


def pick(figs: list[Figure], expected: list[float | None]) -> tuple[list[tuple[float, Figure | None]], list[Figure], int]:
    """Choose, in order, one figure per expected slot (years then total),
    dropping strays, so that most slots agree with what the other rows say.
    Returns the (value, figure) per slot, the dropped figures, and the number
    of slots that agree."""
    n = len(expected)
    best = None
    if abs(len(figs) - n) > 3:
        # too far from the columns to be a lost or stray cell: read in order, let the checks speak
        figs = (figs + [None] * n)[:n]  # type: ignore[list-item]
        values = [(f.values[0] if f is not None else 0.0, f) for f in figs]
        return values, [], agree(figs, expected)
    if len(figs) < n:
        # a lost cell: try every position for the gap
        pads = n - len(figs)
        for gaps in combinations(range(n), pads):
            seq: list[Figure | None] = []
            it = iter(figs)
            for k in range(n):
                seq.append(None if k in gaps else next(it))
            score = agree(seq, expected)
            if best is None or score > best[2]:
                best = (seq, [], score)
    else:
        for keep in combinations(range(len(figs)), n):
            seq = [figs[k] for k in keep]
            dropped = [f for k, f in enumerate(figs) if k not in keep]
            score = agree(seq, expected)
            if best is None or score > best[2]:
                best = (seq, dropped, score)
    seq, dropped, score = best
    values = []
    for f, e in zip(seq, expected):
        if f is None:
            values.append((e if e is not None else 0.0, None))
        else:
            hit = next((v for v in f.values if close(v, e)), None) if e is not None else None
            values.append((hit if hit is not None else f.values[0], f))
    return values, dropped, score


def agree(seq: list[Figure | None], expected: list[float | None]) -> int:
    score = 0
    for f, e in zip(seq, expected):
        if f is not None and e is not None and any(close(v, e) for v in f.values):
            score += 2
    # years that add up to the printed total agree with each other
    if seq and seq[-1] is not None and all(s is not None for s in seq[:-1]):
        if close(sum(s.values[0] for s in seq[:-1]), seq[-1].values[0]):
            score += 1
    return score


def check_item(res: RowResult, where: str, years: list[int]) -> tuple[float, list[Finding]]:
    """An item row after alignment: its notes as findings (an amount that
    disagrees with quantity × price is corrected when the row total agrees with
    quantity × price, in ``res``), then its years against its total. Returns the
    total kept and the findings, in the order they were met."""
    found: list[Finding] = []
    mismatches = [n for n in res.notes if n.kind == "mismatch"]
    # several amounts misread in one row ("2" for "5" in two years): corrected together when the
    # row total agrees with quantity × price for all of them, and with none of them alone
    together = len(mismatches) > 1 and res.total is not None and close(
        sum(v.amount for k, v in enumerate(res.years) if k not in {n.year for n in mismatches})
        + sum(n.value for n in mismatches), res.total)
    for note in res.notes:
        if note.kind == "stray":
            found.append(StrayFigure(where, note.figure.printed))
            continue
        at = f"{where} {years[note.year] if note.year < len(years) else note.year}"
        if note.kind == "qty":
            found.append(QuantityRead(at, note.figure.printed, note.value))
        elif note.kind == "malformed":
            found.append(AmountRead(at, note.figure.printed, note.value))
        else:
            # the printed amount disagrees with quantity × price: keep it if the total agrees with it
            yv = res.years[note.year]
            others = sum(v.amount for k, v in enumerate(res.years) if k != note.year)
            # the amount (or one reading of it: "4.00" for 400) and the row total agree, and the quantity
            # does not ("2" for "25"): the quantity was misread
            # — when another year of the row bears the price out: if none does, the price is the suspect
            borne_out = any(k != note.year and v.qty and res.price and close(v.qty * res.price, v.amount)
                            for k, v in enumerate(res.years))
            fits = [v for v in (note.figure.values if not note.figure.unreadable and borne_out else [])
                    if res.total is not None and res.price and close(others + v, res.total)
                    and v / res.price >= 1 and close(v / res.price, round(v / res.price))]
            if together or res.total is not None and close(others + note.value, res.total):
                yv.amount = note.value
                found.append(AmountByQtyPrice(at, note.figure.printed, note.value))
            elif fits and yv.printed_qty:
                if fits[0] != yv.amount:
                    found.append(AmountRead(at, note.figure.printed, fits[0]))
                yv.amount, yv.qty = fits[0], round(fits[0] / res.price)
                found.append(QuantityRead(at, yv.printed_qty, yv.qty))
            else:
                found.append(QtyPriceFails(at, note.figure.printed, note.value, yv.amount))
    s = sum(y.amount for y in res.years)
    total = res.total
    if total is None:
        total = s
    elif not close(total, s):
        price = res.price
        if all(y.qty is not None and price and close(y.qty * price, y.amount) or y.amount == 0 for y in res.years):
            found.append(RowTotalCorrected(where + " total", res.printed_total, s))
            total = s
        else:
            found.append(RowTotalFails(where + " total", res.printed_total, s, total))
    return total, found


def check_sum_row(positional: list[Figure] | None, loose: list[Figure], quantities: list[tuple[int, Figure | None]],
                  expected: list[float | None], where: str, years: list[int]) -> tuple[list[float], float, list[Finding]]:
    """A group or grand-total row: its years and total, checked against the
    rows it sums (``expected``, years then total). ``positional`` are its
    figures where the header puts them (None for a ragged row), ``loose`` its
    figures in order, ``quantities`` what stands in its quantity columns."""
    found: list[Finding] = []
    values, dropped, score = pick(loose, expected)
    # the cells where the header puts them, unless the figures read in order
    # (a cell lost or added before them) agree better with the rows they sum
    if positional is not None and agree(positional, expected) >= score:
        values, dropped = [], []
        for f, e in zip(positional, expected):
            hit = next((v for v in f.values if close(v, e)), None) if e is not None else None
            values.append((hit if hit is not None else f.values[0], f))
        for y, f in quantities:
            if f is not None and not f.blank:
                # a sum row has no quantity: a figure there fits no column
                found.append(StrayQuantity(f"{where} {y}", where, f.printed))
    else:
        found.extend(StraySumFigure(where, where, f.printed) for f in dropped)
    out = []
    labels = [str(y) for y in years] + ["total"]
    check = GROUPS_VS_GRAND_TOTAL if where == "grand total" else ITEMS_VS_GROUP
    for k, ((v, f), e) in enumerate(zip(values, expected)):
        if e is not None and not close(v, e):
            # the sum of the rows below agrees with the other figures: keep it
            found.append(SumCellCorrected(f"{where} {labels[k]}", f.printed if f else "", e, check))
            v = e
        elif f is not None and f.malformed:
            found.append(SumCellRead(f"{where} {labels[k]}", f.printed, v))
        out.append(v)
    row_years, total = out[:-1], out[-1]
    if not close(sum(row_years), total):
        found.append(SumYearsFail(f"{where} total", sum(row_years), total))
    return row_years, total, found


def cross_check(budget) -> list[Issue]:
    """The table against the text: grand total vs the stated total and the total
    in words, and the text's categories vs the table's groups."""
    found: list[Finding] = []
    table = budget.table
    if table is None or table.grand_total is None or table.grand_total.total_vnd is None:
        return []
    grand = table.grand_total.total_vnd
    if budget.total_vnd is not None and budget.total_vnd != grand:
        found.append(TableVsTextTotal("grand total", grand, budget.total_text, budget.total_vnd))
    if budget.in_words and budget.in_words.amount_vnd is not None and budget.in_words.amount_vnd != grand:
        found.append(TableVsWords("grand total", grand, budget.in_words.text, budget.in_words.amount_vnd))
    cats = [c for c in budget.categories if c.amount_vnd is not None]
    if cats and len(cats) == len(table.groups):
        for c, g in zip(cats, table.groups):
            if g.total_vnd is not None and c.amount_vnd != g.total_vnd:
                found.append(CategoryVsGroup(g.code, c.label, c.text, c.amount_vnd, g.total_vnd))
    return [issue(f) for f in found]


# ---------------------------------------------------------------- findings
# What a check found at one place, typed; ``issue`` words every one of them.
# Figures of the table are in its unit (``issue`` turns them into VND with the
# table's multiplier); figures of the text are in VND already.

@dataclass
class Finding:
    where: str


@dataclass
class TableNotRead(Finding):
    reason: str  # "unit" | "layout" | "years"


@dataclass
class GroupRenumbered(Finding):  # ``where`` is the numeral the sequence wants
    printed: str
    previous: str


@dataclass
class GroupNumbered(Finding):  # ``where`` is the numeral the group's place gives
    printed: str  # what stands in its number cell ("|", or nothing)


@dataclass
class ItemNumbered(Finding):  # ``where`` is the number the item's neighbours leave for it
    printed: str  # what stands in its number cell ("Sì")


@dataclass
class PriceRead(Finding):
    printed: str
    value: float
    agreeing: int  # years whose amount ÷ quantity gives it
    of: int  # years with both figures


@dataclass
class RowRealigned(Finding):
    printed: str  # the row's cells, " | "-joined


@dataclass
class StrayFigure(Finding):
    printed: str


@dataclass
class QuantityRead(Finding):
    printed: str
    value: float


@dataclass
class AmountRead(Finding):
    printed: str
    value: float


@dataclass
class AmountByQtyPrice(Finding):
    printed: str
    value: float


@dataclass
class QtyPriceFails(Finding):
    printed: str
    expected: float
    kept: float


@dataclass
class RowTotalCorrected(Finding):
    printed: str | None
    years_sum: float


@dataclass
class RowTotalFails(Finding):
    printed: str | None
    years_sum: float
    total: float


@dataclass
class StrayQuantity(Finding):
    row: str
    printed: str


@dataclass
class StraySumFigure(Finding):
    row: str
    printed: str


@dataclass
class SumCellCorrected(Finding):
    printed: str
    value: float
    check: str


@dataclass
class SumCellRead(Finding):
    printed: str
    value: float


@dataclass
class SumYearsFail(Finding):
    years_sum: float
    total: float


@dataclass
class TableVsTextTotal(Finding):
    table_vnd: int
    text: str | None
    text_vnd: int


@dataclass
class TableVsWords(Finding):
    table_vnd: int
    words: str
    words_vnd: int


@dataclass
class CategoryVsGroup(Finding):
    label: str
    text: str
    category_vnd: int
    group_vnd: int | None


@dataclass
class TotalVsWords(Finding):
    total_text: str | None
    words: str
    total_vnd: int


@dataclass
class SourcesVsTotal(Finding):
    sources_vnd: int
    total_vnd: int


_NOT_READ = {
    "unit": ("budget.table_unit_unknown", "a budget table without 'Đơn vị tính': its figures are not read"),
    "layout": ("budget.table_layout_unknown", "the budget table's columns could not be told apart"),
    "years": ("budget.table_years_unknown", "the budget table's header lost its years and the plan's period does not match"),
}


def _fig(v: float) -> str:
    """A figure in an issue's words as the table prints it, in its unit:
    1500000, not 1.5e+06."""
    return str(int(v)) if float(v).is_integer() else f"{v:.6g}"


def issue(f: Finding, multiplier: int = 1) -> Issue:
    """The issue a finding becomes: the one place its code, wording, severity
    and checks are written."""
    def vnd(v: float | None) -> int | None:
        return None if v is None else int(round(v * multiplier))

    w = f.where
    match f:
        case TableNotRead():
            code, detail = _NOT_READ[f.reason]
            return Issue(code=code, where=w, severity="warning", detail=detail)
        case GroupRenumbered():
            return Issue(code="budget.code_corrected", where=w, severity="info", printed=f.printed, value=w,
                         detail=f"group numbered {f.printed!r} again after {f.previous}; read as {w}", checks=[GROUP_SEQUENCE])
        case GroupNumbered():
            return Issue(code="budget.code_corrected", where=w, severity="info", printed=f.printed or None, value=w,
                         detail=f"a group heading whose number cell reads {f.printed!r}: numbered {w} by its place",
                         checks=[GROUP_SEQUENCE])
        case ItemNumbered():
            return Issue(code="budget.code_corrected", where=w, severity="info", printed=f.printed, value=w,
                         detail=f"an item whose number cell reads {f.printed!r}: numbered {w} by its place among the group's items",
                         checks=[GROUP_SEQUENCE])
        case PriceRead():
            return Issue(code="budget.cell_corrected", where=w, printed=f.printed, value=vnd(f.value),
                         detail=f"unit price printed {f.printed!r}, read as {_fig(f.value)}: amount ÷ quantity in "
                                f"{f.agreeing} of {f.of} years", checks=[QTY_PRICE])
        case RowRealigned():
            return Issue(code="budget.row_realigned", where=w, severity="info", printed=f.printed,
                         detail="cells of this row were lost or shifted in the source; aligned by quantity × price "
                                "and the row total", checks=[QTY_PRICE, ROW_TOTAL])
        case StrayFigure():
            return Issue(code="budget.stray_cell", where=w, printed=f.printed,
                         detail=f"a figure {f.printed!r} that fits no column: dropped", checks=[QTY_PRICE, ROW_TOTAL])
        case QuantityRead():
            return Issue(code="budget.cell_corrected", where=w, printed=f.printed, value=f.value,
                         detail=f"quantity printed {f.printed!r}, read as {_fig(f.value)} (amount ÷ unit price, and the "
                                "row total, agree)", checks=[QTY_PRICE, ROW_TOTAL])
        case AmountRead():
            return Issue(code="budget.cell_corrected", where=w, printed=f.printed, value=vnd(f.value),
                         detail=f"printed {f.printed!r}, read as {_fig(f.value)} (quantity × unit price and the row total "
                                "agree)", checks=[QTY_PRICE, ROW_TOTAL])
        case AmountByQtyPrice():
            return Issue(code="budget.cell_corrected", where=w, printed=f.printed, value=vnd(f.value),
                         detail=f"printed {f.printed!r}; quantity × price and the row total give {_fig(f.value)}",
                         checks=[QTY_PRICE, ROW_TOTAL])
        case QtyPriceFails():
            return Issue(code="budget.check_failed", where=w, severity="error", printed=f.printed, value=vnd(f.kept),
                         detail=f"quantity × price is {_fig(f.expected)}, printed {f.printed!r}; kept as printed",
                         checks=[QTY_PRICE])
        case RowTotalCorrected():
            return Issue(code="budget.cell_corrected", where=w, printed=f.printed, value=vnd(f.years_sum),
                         detail=f"row total printed {f.printed}, years add up to {_fig(f.years_sum)}", checks=[ROW_TOTAL])
        case RowTotalFails():
            return Issue(code="budget.check_failed", where=w, severity="error", printed=f.printed, value=vnd(f.total),
                         detail=f"years add up to {_fig(f.years_sum)}, total printed {f.printed}", checks=[ROW_TOTAL])
        case StrayQuantity():
            return Issue(code="budget.stray_cell", where=w, printed=f.printed,
                         detail=f"a figure {f.printed!r} in the quantity column of {f.row}, which sums amounts only: "
                                "ignored", checks=[ITEMS_VS_GROUP])
        case StraySumFigure():
            return Issue(code="budget.stray_cell", where=w, printed=f.printed,
                         detail=f"a figure {f.printed!r} that fits no column of {f.row}: dropped",
                         checks=[ITEMS_VS_GROUP, YEARS_VS_TOTAL])
        case SumCellCorrected():
            return Issue(code="budget.cell_corrected", where=w, printed=f.printed, value=vnd(f.value),
                         detail=f"printed {f.printed!r}, the rows it sums give {_fig(f.value)}", checks=[f.check])
        case SumCellRead():
            return Issue(code="budget.cell_corrected", where=w, printed=f.printed, value=vnd(f.value),
                         detail=f"printed {f.printed!r}, read as {_fig(f.value)}", checks=[ITEMS_VS_GROUP])
        case SumYearsFail():
            return Issue(code="budget.check_failed", where=w, severity="error", value=vnd(f.total),
                         detail=f"years add up to {_fig(f.years_sum)}, total is {_fig(f.total)}", checks=[YEARS_VS_TOTAL])
        case TableVsTextTotal():
            return Issue(code="budget.total_disagrees", where=w, severity="warning", printed=f.text, value=f.text_vnd,
                         detail=f"the table adds up to {f.table_vnd}, the text says {f.text!r}", checks=[GRAND_TOTAL_VS_TEXT])
        case TableVsWords():
            return Issue(code="budget.words_disagree", where=w, severity="warning", printed=f.words, value=f.words_vnd,
                         detail=f"the table adds up to {f.table_vnd}, the words say {f.words!r}", checks=[GRAND_TOTAL_VS_WORDS])
        case CategoryVsGroup():
            return Issue(code="budget.category_disagrees", where=w, severity="warning", printed=f.text,
                         value=f.category_vnd, checks=[CATEGORIES_VS_GROUPS],
                         detail=f"category {f.label[:60]!r} is {f.category_vnd}, group {w} adds up to {f.group_vnd}")
        case TotalVsWords():
            return Issue(code="budget.words_disagree", where=w, severity="warning", printed=f.words, value=f.total_vnd,
                         detail=f"total {f.total_text!r} ≠ words {f.words!r}", checks=[TOTAL_VS_WORDS])
        case SourcesVsTotal():
            return Issue(code="budget.sources_disagree", where=w, severity="warning", value=f.total_vnd,
                         detail=f"sources sum to {f.sources_vnd}, total is {f.total_vnd}", checks=[SOURCES_VS_TOTAL])
    raise TypeError(f"no wording for {type(f).__name__}")
