"""targets: goals of real plans in every format, and wordings of other provinces."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, FIXTURES
from vnlegal.extract import read_document
from vnlegal.normalize.targets import targets_in
from vnlegal.pipeline import normalize
from tests.named_patterns import check, ids
from vnlegal.normalize import targets


def _key(t):
    return (t.value, t.value_max, t.unit, t.deadline, t.relative, t.baseline_year)


def test_targets_of_a_plan_with_phases():
    rec = normalize(read_document(CORPUS / "004_9fca6763afc4146e.txt"))
    assert {_key(t) for t in rec.targets} == {
        (50, None, "%", 2015, False, None), (25, None, "%", 2015, False, None), (5, 8, "%", 2015, False, None),
        (90, None, "%", 2020, False, None), (50, None, "%", 2020, False, None), (8, 13, "%", 2020, False, None),
    }
    assert sum(1 for t in rec.targets if t.value == 90) == 2  # two goals of 90 % by 2020, kept apart


@pytest.mark.parametrize("path", [CORPUS / "003_8818a6dd09bafe72.txt", FIXTURES / "pdf" / "003_8818a6dd09bafe72.pdf"])
def test_relative_targets_and_counts(path):
    rec = normalize(read_document(path))
    assert {_key(t) for t in rec.targets} == {
        (20, None, "%", 2018, True, 2017), (10, None, "%", 2018, True, 2017),
        (8, 13, "%", 2018, False, None), (1, None, "cán bộ", 2018, False, None),
    }


def test_past_results_in_the_assessment_are_not_targets():
    rec = normalize(read_document(CORPUS / "000_7343a46bed8251c6.txt"))
    values = {t.value for t in rec.targets}
    assert 45.8 not in values and 25 not in values
    assert {(t.value, t.value_max) for t in rec.targets} == {(90, None), (50, None), (8, 13)}


@pytest.mark.parametrize("text,deadline,want", [
    ("Phấn đấu đến năm 2025 có 75% xã đạt chuẩn nông thôn mới", 2030, [(75, None, "%", 2025)]),
    ("giảm từ 5,5 đến 7,5% tỷ lệ hộ nghèo", 2030, [(5.5, 7.5, "%", 2030)]),
    ("xây dựng 12 mô hình điểm; 100% cơ sở được kiểm tra", 2027, [(12, None, "mô hình", 2027), (100, None, "%", 2027)]),
    ("Tỷ lệ che phủ rừng đạt 45,5% (tương ứng khoảng 120 xã)", 2030, [(45.5, None, "%", 2030)]),
])
def test_targets_in_other_wordings(text, deadline, want):
    got = [(t.value, t.value_max, t.unit, t.deadline) for t in targets_in(text, deadline)]
    assert got == want


def test_a_percentage_glued_to_a_capital_is_no_figure():
    """OCR reads "50%" as "B0%": the goal's figure cannot be read, so no
    target of 0% is made of it; a figure in words or after a space still is."""
    assert targets_in("B0% cơ sở sản xuất công nghiệp áp dụng sản xuất sạch hơn", 2020) == []
    assert [t.value for t in targets_in("Phấn đấu 80% cơ sở áp dụng", 2020)] == [80]


def test_count_units_are_data_with_their_source():
    import json
    from pathlib import Path

    from vnlegal.normalize import targets
    data = json.loads((Path(targets.__file__).parent / "data" / "count_units.json").read_text(encoding="utf-8"))
    assert data["_source"] and targets.COUNT_UNITS == tuple(data["units"])
    assert [(t.value, t.unit) for t in targets_in("tổ chức 5 hội thảo cho 200 học viên", 2020)] == [(5, "hội thảo"), (200, "học viên")]


def test_a_sub_heading_names_the_year_its_goals_are_due():
    from vnlegal.extract.txt import parse_text
    from vnlegal.models.document import Document, SourceInfo
    text = ("KẾ HOẠCH\n\nĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035\n\nII. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\n2.1. Đến năm 2030\n\n"
            "Phấn đấu trên 50% diện tích sản xuất ứng dụng công nghệ thông minh.\n\n2.2. Định hướng đến năm 2035\n\n"
            "100% hợp tác xã ứng dụng công nghệ số.\n")
    doc = Document(source=SourceInfo(file="x.txt", sha256="", format="txt"), blocks=parse_text(text))
    got = [(t.value, t.unit, t.deadline) for t in normalize(doc, stages=["targets"]).targets]
    assert got == [(50, "%", 2030), (100, "%", 2035)]


def test_counts_with_thousands_units_of_area_and_a_rank():
    got = [(t.value, t.unit) for t in targets_in(
        "Phấn đấu trồng mới 1.700 ha rừng ngập mặn, hình thành ít nhất 02 vùng nuôi thủy sản công nghệ cao, "
        "đào tạo 3.000 lượt nhân lực và thuộc top 03 vùng Đồng bằng sông Cửu Long", 2030)]
    assert got == [(1700, "ha"), (2, "vùng"), (3000, "lượt"), (3, "top")]

# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("_PARENTHESIS", "search", "đạt 100% (tương ứng khoảng 500 cơ sở)", 0, "(tương ứng khoảng 500 cơ sở)",
     "tương ứng khoảng 500 cơ sở"),
    ("_YEAR_WORD_BEFORE", "search", "Đến năm ", 0, "năm ", "Đến năm 2030, có "),
    ("_METRIC_SEPARATOR", "search", "Đến năm 2030, tỷ lệ", 0, ",", "tỷ lệ hộ nghèo"),
    ("_GOAL_VERBS", "search", "phấn đấu đạt", 0, "phấn đấu", "phấn khởi"),
    ("_METRIC_END", "search", "xã đạt chuẩn so với năm 2025", 0, "so với", "xã đạt chuẩn nông thôn mới"),
    ("_SPACES", "search", "tỷ lệ  hộ", 0, " ", "tỷ"),
    ("_PLURAL", "match", "các xã đạt chuẩn nông thôn mới", 1, "các", "tỷ lệ các xã"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(targets, name), how, line, group, want, miss)
