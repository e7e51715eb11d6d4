"""rows: groups, items, continuations and the grand total, and a row's loose figures."""
from __future__ import annotations

import pytest

from vnlegal.normalize.budget_table.columns import header_layout
from vnlegal.normalize.budget_table.rows import CODE, NUMBER_TAIL, ROMAN, Row, loose_figures, table_rows


def test_rows_are_told_apart(plan_table):
    rows = table_rows(plan_table, header_layout(plan_table))
    assert [(r.kind, r.code, r.label, r.unit) for r in rows] == [
        ("group", "I", "Tuyên truyền", None), ("item", "1", "Phóng sự", "Phóng sự"),
        ("continuation", None, "", "Bài viết"), ("total", None, "Tổng cộng", None)]
    assert [r.source_text for r in rows[1:3]] == ["Ngân sách tỉnh", "Ngân sách Trung ương"] and all(r.aligned for r in rows)


@pytest.mark.parametrize("text,roman,code", [("IV", True, False), ("1.2", False, True), ("đ", False, True), ("3.", False, True)])
def test_numbers_of_groups_and_items(text, roman, code):
    assert (bool(ROMAN.match(text)), bool(CODE.match(text))) == (roman, code)


def test_what_a_scan_leaves_after_a_number():
    assert NUMBER_TAIL.sub("", "2 _") == "2" and NUMBER_TAIL.sub("", "3.") == "3"


def test_the_figures_of_a_ragged_row_follow_its_label():
    row = Row(5, ["2", "Hội thảo", "Cuộc", "15", "1", "15", "15"], "item", "2", "Hội thảo", "Cuộc", None, False)
    assert [f.printed for f in loose_figures(row, ".")] == ["15", "1", "15", "15"]


def test_an_item_number_a_scan_garbled_leaves_an_item_without_a_code():
    """OCR reads a one-digit item number in a narrow column as marks ("Z7",
    "S)"): the row is still an item, its code not guessed."""
    from tests.normalize.budget_table.conftest import BODY, HEADER
    from vnlegal.models.document import Table
    garbled = [list(r) for r in HEADER + BODY[:2]] + [
        ["Z7", "Hội thảo", "Cuộc", "10", "1", "10", "1", "10", "20", "Ngân sách tỉnh"]] + [list(BODY[3])]
    table = Table(garbled)
    rows = table_rows(table, header_layout(table))
    assert [(r.kind, r.code, r.label) for r in rows][2] == ("item", None, "Hội thảo")


def test_a_header_whose_words_wrap_in_a_cell_is_a_money_header():
    from vnlegal.normalize.budget_table.words import header_words
    assert header_words().money.search("Thành\ntiền") and header_words().money.search("Thànhtiền")
    assert header_words().total_row.match("Tổng\ncộng")
