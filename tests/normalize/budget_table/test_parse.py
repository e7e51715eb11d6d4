"""parse_budget_table: the record's table from a written excerpt, and the budget
tables of the real decisions in every format (a misprint, a stray figure)."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, FIXTURES
from vnlegal.extract import read_document
from vnlegal.normalize.budget_table import parse_budget_table
from vnlegal.pipeline import normalize

from .conftest import BODY, HEADER, document


def test_an_excerpt_read_whole_with_its_checks_holding(plan_doc):
    table, issues = parse_budget_table(plan_doc, None)
    assert (table.unit_label, table.multiplier, table.years, table.page) == ("triệu đồng", 10**6, [2016, 2017], 3)
    assert [(i.code, i.unit, i.source, i.total_vnd) for i in table.items] == [
        ("1", "Phóng sự", "local", 100_000_000), ("1", "Bài viết", "central", 20_000_000)]
    assert table.items[0].by_year["2016"].qty == 3 and table.groups[0].total_vnd == 120_000_000
    assert table.grand_total.by_year == {"2016": 80_000_000, "2017": 40_000_000} and issues == []


def test_a_misprinted_figure_is_corrected_by_its_checks():
    rows = [list(r) for r in HEADER + BODY]
    rows[3][5] = "6.0"  # 3 × 20 printed "6.0"
    table, issues = parse_budget_table(document(rows), None)
    assert table.items[0].by_year["2016"].amount_vnd == 60_000_000
    assert [(i.code, i.where, i.printed, i.value, i.checks) for i in issues] == [
        ("budget.cell_corrected", "I.1 2016", "6.0", 60_000_000, ["qty×price", "row total"])]


def test_a_table_without_its_unit_is_not_read():
    table, issues = parse_budget_table(document(HEADER + BODY, unit_line="PHỤ LỤC"), None)
    assert table is None and [i.code for i in issues] == ["budget.table_unit_unknown"]


@pytest.mark.parametrize("path", [CORPUS / "000_7343a46bed8251c6.txt", FIXTURES / "docx" / "000_7343a46bed8251c6.docx",
                                  FIXTURES / "pdf" / "000_7343a46bed8251c6.pdf"])
def test_budget_table_with_a_misprint(path):
    rec = normalize(read_document(path))
    t = rec.budget.table
    assert (t.unit_label, t.multiplier, t.years) == ("triệu đồng", 10**6, [2016, 2017, 2018, 2019, 2020])
    assert t.grand_total.total_vnd == rec.budget.total_vnd == 8_360_000_000
    assert [g.total_vnd for g in t.groups] == [1_820_000_000, 1_080_000_000, 620_000_000, 4_840_000_000]
    iv3 = [i for i in t.items if (i.group, i.code) == ("IV", "3") and i.source == "local"][0]
    assert iv3.by_year["2017"].amount_vnd == 400_000_000 and iv3.by_year["2017"].qty == 2
    flagged = [i for i in rec.issues if i.code == "budget.cell_corrected"]
    assert [(i.where, i.printed, i.value) for i in flagged] == [("IV.3 2017", "4.00", 400_000_000)]
    # continuation rows: a split by source, and a second unit of the same item
    i3 = [(i.unit, i.source, i.total_vnd) for i in t.items if (i.group, i.code) == ("I", "3")]
    assert i3 == [("Phóng sự", "central", 150_000_000), ("Phóng sự", "local", 650_000_000),
                  ("Bài viết", "central", 20_000_000), ("Bài viết", "local", 120_000_000)]


@pytest.mark.parametrize("path", [CORPUS / "001_96d3c82f377dc371.txt", FIXTURES / "docx" / "001_96d3c82f377dc371.docx",
                                  FIXTURES / "pdf" / "001_96d3c82f377dc371.pdf"])
def test_budget_table_with_a_stray_figure(path):
    rec = normalize(read_document(path))
    t = rec.budget.table
    assert t.multiplier == 1000 and t.grand_total.total_vnd == 17_700_000_000
    assert t.groups[1].by_year == {str(y): 640_000_000 for y in range(2016, 2021)}
    stray = [i for i in rec.issues if i.code == "budget.stray_cell"]
    assert len(stray) == 1 and stray[0].printed == "8" and stray[0].where.startswith("II")
    assert not [i for i in rec.issues if i.severity == "error"]


def test_a_scanned_table_the_text_contradicts_is_left_out():
    """Read by OCR, a table whose grand total agrees with neither the text's
    total nor its words is dropped with one issue, not kept with wrong cells."""
    from tests.normalize.budget_table.conftest import BODY, HEADER, document
    from vnlegal.models.document import Block
    from vnlegal.normalize import normalize
    doc = document(HEADER + BODY)
    doc.blocks[:0] = [Block("heading", "QUYẾT ĐỊNH"), Block("paragraph", "Căn cứ Luật Tổ chức chính quyền địa phương;"),
                      Block("heading", "V. KINH PHÍ"),
                      Block("paragraph", "Tổng kinh phí dự kiến là 150 triệu đồng (Bằng chữ: Một trăm năm mươi triệu đồng).")]
    doc.source.ocr, doc.source.pages = True, 3
    rec = normalize(doc)
    assert rec.budget.table is None and rec.budget.total_vnd == 150_000_000
    assert [i.code for i in rec.issues if i.code.startswith("budget.table")] == ["budget.table_unreliable"]
    doc.source.ocr = False  # born-digital: kept, and the disagreement said
    rec = normalize(doc)
    assert rec.budget.table is not None and "budget.total_disagrees" in {i.code for i in rec.issues}


def test_a_group_whose_numeral_a_scan_lost_is_numbered_by_its_place():
    """OCR reads the first group's "I" as "|" and the second's "II" as "I": the
    capitals heading with sums and no unit is still a group, numbered I, and
    the repeated "I" after it is II; both said."""
    from tests.normalize.budget_table.conftest import BODY, HEADER, document
    from vnlegal.normalize.budget_table import parse_budget_table
    rows = [list(r) for r in HEADER] + [
        ["|", "TUYÊN TRUYỀN NÂNG CAO NHẬN THỨC", "", "", "", "60", "", "40", "100", ""],
        ["1", "Phóng sự", "Phóng sự", "20", "3", "60", "2", "40", "100", "Ngân sách tỉnh"],
        ["I", "ĐÀO TẠO NGUỒN NHÂN LỰC", "", "", "", "20", "", "-", "20", ""],
        ["1", "Lớp tập huấn", "Lớp", "10", "2", "20", "", "-", "20", "Ngân sách tỉnh"],
        ["", "Tổng cộng", "", "", "", "80", "", "40", "120", ""],
    ]
    table, issues = parse_budget_table(document(rows), (2016, 2017))
    assert [(g.code, g.total_vnd) for g in table.groups] == [("I", 100_000_000), ("II", 20_000_000)]
    assert [i.group for i in table.items] == ["I", "II"]
    assert [(i.code, i.printed) for i in issues if i.code == "budget.code_corrected"] == [
        ("budget.code_corrected", "|"), ("budget.code_corrected", "I")]
    assert table.grand_total.total_vnd == 120_000_000


def test_two_amounts_misread_in_one_row_are_mended_together():
    """"5" read as "2" in two years: quantity × price gives 5 for each, and the
    row total 20 agrees only when both are mended."""
    from vnlegal.normalize import reconcile as rc
    figs = [rc.read(t, ".") for t in ("1", "5", "1", "2", "1", "2", "1", "5")]
    res = rc.fixed_row(figs, rc.read("20", "."), 5, 4, True)
    total, found = rc.check_item(res, "I.3", [2017, 2018, 2019, 2020])
    assert [y.amount for y in res.years] == [5, 5, 5, 5] and total == 20
    assert found == [rc.AmountByQtyPrice("I.3 2018", "2", 5), rc.AmountByQtyPrice("I.3 2019", "2", 5)]
    # the total agrees with the printed amounts: they are kept, and the failed checks said
    figs = [rc.read(t, ".") for t in ("1", "5", "1", "2", "1", "2", "1", "5")]
    res = rc.fixed_row(figs, rc.read("14", "."), 5, 4, True)
    _, found = rc.check_item(res, "I.3", [2017, 2018, 2019, 2020])
    assert [y.amount for y in res.years] == [5, 2, 2, 5]
    assert [type(f) for f in found] == [rc.QtyPriceFails, rc.QtyPriceFails]


def test_an_item_whose_number_a_scan_garbled_takes_the_number_its_neighbours_leave():
    """"Sì" between items 2 and 4 is item 3, said; a garbled number with no
    numbered neighbour to tell it stays without a code."""
    from tests.normalize.budget_table.conftest import HEADER, document
    from vnlegal.normalize.budget_table import parse_budget_table
    item = lambda code, name: [code, name, "Năm", "10", "1", "10", "1", "10", "20", "Ngân sách tỉnh"]  # noqa: E731
    rows = [list(r) for r in HEADER] + [
        ["I", "TUYÊN TRUYỀN NÂNG CAO NHẬN THỨC", "", "", "", "40", "", "40", "80", ""],
        item("2", "Hội nghị"), item("Sì", "Cập nhật dữ liệu"), item("4", "Sổ tay"), item("5", "Phóng sự"),
        ["II", "ĐÀO TẠO", "", "", "", "10", "", "10", "20", ""],
        item("Z7", "Lớp tập huấn"),
        ["", "Tổng cộng", "", "", "", "50", "", "50", "100", ""],
    ]
    table, issues = parse_budget_table(document(rows), (2016, 2017))
    assert [(i.group, i.code) for i in table.items] == [("I", "2"), ("I", "3"), ("I", "4"), ("I", "5"), ("II", None)]
    said = [i for i in issues if i.code == "budget.code_corrected"]
    assert [(i.printed, i.value) for i in said] == [("Sì", "3")]


def test_a_unit_price_a_scan_turned_to_letters_is_read_from_the_years():
    """"5" read as "bộ" is no price of 0: three of four years give amount ÷
    quantity = 5, and then the fourth year's "2" is mended by quantity × price
    and the row total; with fewer years agreeing, the price stays unknown."""
    from tests.normalize.budget_table.conftest import document
    from vnlegal.normalize.budget_table import parse_budget_table
    header = [["TT", "Nội dung", "Đơn vị tính", "Đơn giá", "Năm 2017", "", "Năm 2018", "", "Năm 2019", "", "Năm 2020", "",
               "Tổng cộng"],
              ["", "", "", "", "Số lượng", "Thành tiền", "Số lượng", "Thành tiền", "Số lượng", "Thành tiền", "Số lượng",
               "Thành tiền", ""]]
    row = ["1", "Bài viết", "Bài", "bộ", "1", "5", "1", "5", "1", "2", "1", "5", "20"]
    table, issues = parse_budget_table(document(header + [row]), (2017, 2020))
    item = table.items[0]
    assert item.unit_price_vnd == 5_000_000 and item.by_year["2019"].amount_vnd == 5_000_000
    assert [(i.printed, i.value) for i in issues if i.code == "budget.cell_corrected"] == [
        ("bộ", 5_000_000), ("2", 5_000_000)]
    row = ["1", "Bài viết", "Bài", "bộ", "1", "5", "1", "2", "1", "2", "1", "5", "14"]
    table, _ = parse_budget_table(document(header + [row]), (2017, 2020))
    assert table.items[0].unit_price_vnd is None


def test_a_faded_scans_slips_in_numbers_and_quantities_are_mended_and_said():
    """"I" read as "1" on a group heading (the table's other groups are numbered
    I, II), "22" between items 1 and 3, and a quantity "2" where the amount and
    the row total give 25: each read by its checks, each said."""
    from tests.normalize.budget_table.conftest import HEADER, document
    from vnlegal.normalize.budget_table import parse_budget_table
    rows = [list(r) for r in HEADER] + [
        ["1", "TUYÊN TRUYỀN NÂNG CAO NHẬN THỨC", "", "", "", "60", "", "1.250", "1.310", ""],
        ["1", "Phóng sự", "Phóng sự", "20", "1", "20", "2", "1.250", "1.270", "Ngân sách tỉnh"],
        ["22", "Hội nghị", "Cuộc", "20", "1", "20", "", "-", "20", "Ngân sách tỉnh"],
        ["3", "Tờ rơi", "Bộ", "20", "1", "20", "", "-", "20", "Ngân sách tỉnh"],
        ["II", "ĐÀO TẠO NGUỒN NHÂN LỰC", "", "", "", "20", "", "-", "20", ""],
        ["1", "Lớp tập huấn", "Lớp", "10", "2", "20", "", "-", "20", "Ngân sách tỉnh"],
        ["", "Tổng cộng", "", "", "", "80", "", "1.250", "1.330", ""],
    ]
    table, issues = parse_budget_table(document(rows), (2016, 2017))
    assert [g.code for g in table.groups] == ["I", "II"]
    assert [(i.group, i.code) for i in table.items] == [("I", "1"), ("I", "2"), ("I", "3"), ("II", "1")]
    # 2 × 20 ≠ 1.250 and 1.250 ÷ 20 is no whole number: the quantity is kept as printed, the check said failed
    assert table.items[0].by_year["2017"].qty == 2
    assert any(i.code == "budget.check_failed" and i.where == "I.1 2017" for i in issues)
    said = [(i.code, i.printed) for i in issues]
    assert ("budget.code_corrected", "22") in said and ("budget.code_corrected", "1") in said


def test_a_quantity_the_amount_and_the_row_total_contradict_is_read_from_them():
    from vnlegal.normalize import reconcile as rc
    figs = [rc.read(t, ".") for t in ("18", "900", "2", "1.250")]
    res = rc.fixed_row(figs, rc.read("2.150", "."), 50, 2, True)
    total, found = rc.check_item(res, "IV.1", [2018, 2019])
    assert [y.qty for y in res.years] == [18, 25] and total == 2150
    assert found == [rc.QuantityRead("IV.1 2019", "2", 25)]


def test_a_misread_quantity_beside_a_malformed_amount_is_read_from_the_row_total():
    """"3" and "4.00" where 2 × 200 = 400: the amount's reading that the row total
    agrees with is 400, and the quantity is 400 ÷ 200; both said."""
    from vnlegal.normalize import reconcile as rc
    figs = [rc.read(t, ".", True) for t in ("3", "4.00", "2", "400", "2", "400", "2", "400")]
    res = rc.fixed_row(figs, rc.read("1.600", "."), 200, 4, True)
    total, found = rc.check_item(res, "IV.3", [2017, 2018, 2019, 2020])
    assert [(y.qty, y.amount) for y in res.years][0] == (2, 400) and total == 1600
    assert found == [rc.AmountRead("IV.3 2017", "4.00", 400), rc.QuantityRead("IV.3 2017", "3", 2)]


def test_a_unit_price_every_year_contradicts_is_the_one_misread():
    """"100,0000" for 100,000 (a scan's slip): every year gives amount ÷
    quantity = 100,000 and the years make the row total, so the price is read
    from them and said; the quantities are not "mended" to 1000."""
    from tests.normalize.budget_table.conftest import document
    from vnlegal.normalize.budget_table import parse_budget_table
    header = [["TT", "Nội dung", "Đơn vị tính", "Đơn giá", "Năm 2017", "", "Năm 2018", "", "Tổng cộng"],
              ["", "", "", "", "Số lượng", "Thành tiền", "Số lượng", "Thành tiền", ""]]
    row = ["3", "Cập nhật dữ liệu", "Năm", "100,0000", "1", "100,000", "2", "200,000", "300,000"]
    table, issues = parse_budget_table(document(header + [row], "Đơn vị tính: nghìn đồng"), (2017, 2018))
    item = table.items[0]
    assert item.unit_price_vnd == 100_000_000 and [c.qty for c in item.by_year.values()] == [1, 2]
    assert [(i.printed, i.value) for i in issues if i.code == "budget.cell_corrected"] == [("100,0000", 100_000_000)]
