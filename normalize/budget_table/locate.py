"""Finding the budget table among a document's tables, and reading its unit.

The budget table is the one whose header speaks of money ("Thành tiền",
"Đơn giá", "Kinh phí", …) and that holds the most figures; its unit is the
"Đơn vị tính: triệu đồng" line above it or in its header.
"""
from __future__ import annotations

import regex

from ...lang.numbers import unit_multiplier
from ...lang.text import clean
from ...models.document import Document, Table
from .. import reconcile as rc
from .words import header_words

# the unit line: "Đơn vị tính: triệu đồng", "ĐVT: 1.000đ"; group 1 is the unit as printed
UNIT_LINE = regex.compile(r"(?i)(?:đơn vị tính|đvt)\s*[:：]?\s*((?:1[.,]?000\s*đồng|1[.,]?000\s*đ|nghìn\s*đồng|ngàn\s*đồng|triệu\s*đồng|tỷ\s*đồng|đồng|vnđ))")
# a cell holding only a year ("2016"): a header label, not a figure
YEAR_CELL = regex.compile(r"^\s*(19|20)\d\d\s*$")
# the first cell of a numbered row: "I", "II.", "1", "12."
NUMBERED_CELL = regex.compile(r"^([IVXL]+|\d{1,2})\.?$")
# how many blocks above the table may hold its unit line
_UNIT_LOOKBACK = 8


def header_rows(table: Table) -> int:
    """Rows before the first numbered one (I, 1): the header, at most four."""
    for r, row in enumerate(table.rows[:4]):
        if any(NUMBERED_CELL.match(c.strip()) for c in row[:2]):
            return r
    return min(4, len(table.rows))


def _score(table: Table) -> int:
    cells = [c for row in table.rows for c in row]
    # the header (the rows before the first numbered one) speaks of money
    head = [c for row in table.rows[:max(1, header_rows(table))] for c in row]
    words = sum(1 for c in head if header_words().money.search(c))
    numbers = sum(1 for c in cells if rc.is_number_cell(c) and not YEAR_CELL.match(c))
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
    texts = [doc.blocks[j].text for j in range(max(0, index - _UNIT_LOOKBACK), index) if doc.blocks[j].kind != "table"][::-1]
    texts += [c for row in table.rows[:3] for c in row]
    for t in texts:
        m = UNIT_LINE.search(clean(t))
        if m:
            mult = unit_multiplier(m.group(1))
            if mult:
                return m.group(1), mult
    return None
