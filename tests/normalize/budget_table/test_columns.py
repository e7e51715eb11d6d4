"""columns: from the header's words, or the usual layout fitted to a dump's rows."""
from __future__ import annotations

from vnlegal.models.document import Table
from vnlegal.normalize.budget_table.columns import ROW_NUMBER, YEAR_HEADING, header_layout, inferred_layout

from .conftest import BODY


def test_the_header_names_every_column(plan_table):
    lay = header_layout(plan_table)
    assert (lay.tt, lay.desc, lay.unit, lay.price, lay.total, lay.source) == (0, 1, 2, 3, 8, 9)
    assert lay.years == [(4, 5), (6, 7)] and lay.year_labels == [2016, 2017] and lay.first_row == 2


def test_a_header_broken_over_lines_by_a_narrow_cell():
    rows = [["STT", "Nội\ndung", "ĐVT", "Đơn\ngiá", "Năm\n2016", "", "Tổng"], ["", "", "", "", "Số\nlượ\nng", "Thành\ntiền", ""],
            ["1", "Lớp", "Lớp", "5", "1", "5", "5"]]
    lay = header_layout(Table(rows))
    assert (lay.tt, lay.desc, lay.unit, lay.price, lay.years, lay.total) == (0, 1, 2, 3, [(4, 5)], 6)


def test_year_headings_and_row_numbers():
    assert YEAR_HEADING.search("năm2018").group(1) == "2018" and not YEAR_HEADING.search("20181")
    assert ROW_NUMBER.match("III") and not ROW_NUMBER.match("1.")


def test_a_dump_without_its_header_takes_the_usual_layout_and_the_plan_period():
    lay = inferred_layout(Table([list(r) for r in BODY]), (2016, 2017))
    assert lay.years == [(4, 5), (6, 7)] and lay.total == 8 and lay.source == 9 and lay.year_labels == [2016, 2017]
