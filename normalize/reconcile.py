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

from dataclasses import dataclass, field
from itertools import combinations

import regex

from ..lang.patterns import rx
from ..models.record import Issue

# The checks, named once. Issues carry these names in ``checks`` and
# `vnlegal check` shows them (with "_" read as a space). Two text checks are
# written with underscores where the table checks use spaces: records keep the
# names they have always carried until a schema version unifies them.
QTY_PRICE = "qty×price"
ROW_TOTAL = "row total"
ITEMS_VS_GROUP = "items vs group"
GROUPS_VS_GRAND_TOTAL = "groups vs grand total"
YEARS_VS_TOTAL = "years vs total"
GROUP_SEQUENCE = "group sequence"
GRAND_TOTAL_VS_TEXT = "grand total vs text total"
GRAND_TOTAL_VS_WORDS = "grand total vs words"
CATEGORIES_VS_GROUPS = "categories vs groups"
TOTAL_VS_WORDS = "total_vs_words"
SOURCES_VS_TOTAL = "sources_vs_total"

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
}


def check_label(name: str) -> str:
    """A check's name as `vnlegal check` prints it: "total_vs_words" → "total vs words"."""
    return name.replace("_", " ")


BLANK = regex.compile(r"^\s*[-–—]?\s*$")
_DASH = regex.compile(r"^\s*[-–—]\s*$")
_DOTS = regex.compile(r"^\d{1,3}(?:\.\d{3})+$")
_COMMAS = regex.compile(r"^\d{1,3}(?:,\d{3})+$")
_DIGITS = regex.compile(r"^\d[\d.,]*$")
_WORDLIKE = regex.compile(r"\p{L}{3,}")
# a well-formed figure for each thousands mark (the other mark is the decimal point)
_WELL = {".": regex.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$"), ",": regex.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$")}
_NUMERIC = regex.compile(r"^\s*\d[\d.,\s]*\s*$")


def is_number_cell(text: str) -> bool:
    return bool(_NUMERIC.match(text or ""))


def is_value_cell(text: str) -> bool:
    """A cell that holds a figure: a number, or "-" for nothing."""
    return is_number_cell(text) or bool(_DASH.match(text or ""))


def is_figure_like(text: str) -> bool:
    """A figure, or what a scan made of one ("Ì" for 1, ":" for "-")."""
    t = (text or "").strip()
    if is_value_cell(t) or _DASHLIKE.match(t):
        return True
    return len(t.replace(" ", "")) <= 5 and not rx(r"\p{L}{3,}").search(t) and bool(rx(r"\d").search(t) or len(t) <= 3)


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


def read(text: str, thousands: str, garbled_ok: bool = False) -> Figure | None:
    """The values a printed cell can mean. With ``garbled_ok`` (a cell where
    only a figure belongs), letters OCR puts for digits are read as candidates
    too, and a cell of dots and dashes is a dash."""
    text = (text or "").strip()
    if BLANK.match(text) or (garbled_ok and _DASHLIKE.match(text)):
        return Figure(text, [0.0], blank=True)
    s = text.replace(" ", "")
    if not _DIGITS.match(s):
        if not garbled_ok or _WORDLIKE.search(s):
            return None
        values = []
        for cand in (s.translate(_CONFUSED), rx(r"[^\d.,]").sub("", s)):
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
class RowResult:
    price: float | None
    years: list[YearValue]
    total: float | None
    printed_total: str | None = None
    issues: list[Issue] = field(default_factory=list)
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
                            [("malformed", a, hit)] if a.malformed else []))
            else:
                out.append((YearValue(qv, a.values[0], q.printed, a.printed), 2, 4.0, [("mismatch", a, want)]))
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
        res.issues = [("stray", f) for f in figs]  # type: ignore[list-item]
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
                    best.issues = [("stray", s) for s in stray] + list(notes)  # type: ignore[list-item]
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
            walk(i + used, y + 1, years + [yv], cost + c, notes + [(y, *n) for n in note])
        # a stray figure before this year
        if i < len(figs) and cost + 4.0 < (best.cost if best else 1e9):
            walk(i + 1, y, years, cost + 4.0, notes + [("stray", figs[i])])

    walk(0, 0, [], 0.0, [])
    assert best is not None
    return best


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


def cross_check(budget) -> list[Issue]:
    """The table against the text: grand total vs the stated total and the total
    in words, and the text's categories vs the table's groups."""
    issues: list[Issue] = []
    table = budget.table
    if table is None or table.grand_total is None or table.grand_total.total_vnd is None:
        return issues
    grand = table.grand_total.total_vnd
    if budget.total_vnd is not None and budget.total_vnd != grand:
        issues.append(Issue(code="budget.total_disagrees", where="grand total", severity="warning",
                            detail=f"the table adds up to {grand}, the text says {budget.total_text!r}",
                            printed=budget.total_text, value=budget.total_vnd, checks=[GRAND_TOTAL_VS_TEXT]))
    if budget.in_words and budget.in_words.amount_vnd is not None and budget.in_words.amount_vnd != grand:
        issues.append(Issue(code="budget.words_disagree", where="grand total", severity="warning",
                            detail=f"the table adds up to {grand}, the words say {budget.in_words.text!r}",
                            printed=budget.in_words.text, value=budget.in_words.amount_vnd, checks=[GRAND_TOTAL_VS_WORDS]))
    cats = [c for c in budget.categories if c.amount_vnd is not None]
    if cats and len(cats) == len(table.groups):
        for c, g in zip(cats, table.groups):
            if g.total_vnd is not None and c.amount_vnd != g.total_vnd:
                issues.append(Issue(code="budget.category_disagrees", where=g.code, severity="warning",
                                    detail=f"category {c.label[:60]!r} is {c.amount_vnd}, group {g.code} adds up to {g.total_vnd}",
                                    printed=c.text, value=c.amount_vnd, checks=[CATEGORIES_VS_GROUPS]))
    return issues
