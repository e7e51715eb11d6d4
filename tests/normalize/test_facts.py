"""Targets, agencies and assignments: on the real decisions in every format,
and on wordings of other provinces."""
from __future__ import annotations

import pytest
from vnlegal.extract import read_document
from vnlegal.normalize.agencies import find_bodies
from vnlegal.normalize.targets import targets_in

from tests.conftest import CORPUS, FIXTURES
from vnlegal.pipeline import normalize


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


@pytest.mark.parametrize("path", [CORPUS / "001_96d3c82f377dc371.txt", FIXTURES / "docx" / "001_96d3c82f377dc371.docx",
                                  FIXTURES / "pdf" / "001_96d3c82f377dc371.pdf"])
def test_agencies_of_a_city_plan(path):
    rec = normalize(read_document(path))
    names = {a.name: a.role for a in rec.agencies}
    assert set(names) == {
        "Sở Công Thương", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường",
        "Sở Khoa học và Công nghệ", "Ủy ban nhân dân các quận, huyện, thị xã",
        "Ban Quản lý các khu công nghiệp và chế xuất",
    }
    assert names["Sở Tài chính"] == "lead" and names["Sở Kế hoạch và Đầu tư"] == "coordinate"


def test_agencies_of_a_district_plan():
    rec = normalize(read_document(CORPUS / "003_8818a6dd09bafe72.txt"))
    names = {a.name for a in rec.agencies}
    assert {"Phòng Kinh tế", "Phòng Tài nguyên và Môi trường", "Liên đoàn Lao động huyện",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "Ủy ban nhân dân các xã, thị trấn",
            "Trung tâm Văn hóa Thông tin và Thể thao huyện"} <= names
    assert "Sở Công Thương Hà Nội" not in names  # only a recipient, in "Nơi nhận"


@pytest.mark.parametrize("text,want", [
    ("Các Sở: Tài chính, Công Thương, Lao động - Thương binh và Xã hội",
     ["Sở Tài chính", "Sở Công Thương", "Sở Lao động - Thương binh và Xã hội"]),
    ("Sở Công thương, Sở GD&ĐT và UBND các huyện, thị xã phối hợp",
     ["Sở Công Thương", "Sở Giáo dục và Đào tạo", "Ủy ban nhân dân các huyện, thị xã"]),
    ("Đài Phát thanh và Truyền hình tỉnh và Báo Quảng Ngãi", ["Đài Phát thanh và Truyền hình tỉnh", "Báo Quảng Ngãi"]),
    ("Uỷ ban nhân dân cấp xã", ["Ủy ban nhân dân cấp xã"]),
    ("các Sở, ban, ngành liên quan", []),
])
def test_bodies_in_other_wordings(text, want):
    assert [m.name for m in find_bodies(text)] == want


@pytest.mark.parametrize("path", [CORPUS / "004_9fca6763afc4146e.txt", FIXTURES / "docx" / "004_9fca6763afc4146e.docx",
                                  FIXTURES / "pdf" / "004_9fca6763afc4146e.pdf"])
def test_assignment_table(path):
    rec = normalize(read_document(path))
    rows = {a.task: a for a in rec.assignments}
    assert len(rec.assignments) == 9
    a = rows["Về đầu tư và nhập khẩu công nghệ mới để khuyến khích phát triển SXSH"]
    assert set(a.lead) == {"Sở Kế hoạch và Đầu tư", "Sở Khoa học và Công nghệ"} and a.timeline == "2013-2014"
    a = rows["Về công tác tuyên truyền giáo dục"]
    assert a.lead == ["Sở Công Thương"] and "Sở Thông tin và Truyền thông" in a.partners
    assert a.timeline == "Thường xuyên"
