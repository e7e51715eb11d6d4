"""locate: the budget table among a document's tables, and its unit."""
from __future__ import annotations

import pytest

from vnlegal.normalize.budget_table.locate import NUMBERED_CELL, UNIT_LINE, YEAR_CELL, find_table, header_rows, table_unit

from .conftest import HEADER, document


@pytest.mark.parametrize("text,unit", [
    ("Đơn vị tính: triệu đồng", "triệu đồng"), ("ĐVT: 1.000đồng", "1.000đồng"), ("(Đơn vị tính : Nghìn đồng)", "Nghìn đồng"),
])
def test_the_unit_line(text, unit):
    assert UNIT_LINE.search(text).group(1) == unit


def test_year_and_numbered_cells():
    assert YEAR_CELL.match(" 2016 ") and not YEAR_CELL.match("2016,5")
    assert [bool(NUMBERED_CELL.match(c)) for c in ("IV", "12.", "1.2", "a")] == [True, True, False, False]


def test_the_header_runs_to_the_first_numbered_row(plan_table):
    assert header_rows(plan_table) == 2


def test_the_table_that_speaks_of_money_is_found_with_its_unit(plan_doc):
    index, table = find_table(plan_doc)
    assert index == 2 and table_unit(plan_doc, index, table) == ("triệu đồng", 10**6)


def test_a_table_of_assignments_is_not_a_budget():
    rows = [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"], ["1", "Tuyên truyền", "Sở Công Thương", "2016"]]
    assert find_table(document(rows)) is None


def test_a_unit_in_the_header_counts_too():
    doc = document([["Đơn vị tính: đồng", "", "", ""], *HEADER], unit_line="PHỤ LỤC")
    assert table_unit(doc, 2, doc.blocks[2].table) == ("đồng", 1)
