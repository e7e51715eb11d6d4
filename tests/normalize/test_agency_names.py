"""agency_names: bodies named in wordings of other provinces, as the gazetteer writes them."""
from __future__ import annotations

import pytest

from vnlegal.normalize.agency_names import expand, find_bodies, leading_mentions
from tests.named_patterns import check, ids
from vnlegal.normalize import agency_names


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


def test_abbreviations_are_written_out():
    assert expand("UBND tỉnh, Sở TN&MT và HĐND") == "Ủy ban nhân dân tỉnh, Sở Tài nguyên và Môi trường và Hội đồng nhân dân"


def test_the_names_opening_an_item_stop_at_its_task():
    text = "Sở Tài chính, Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Công Thương bố trí kinh phí"
    assert [m.name for m in leading_mentions(text)] == ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]


def test_people_committees_of_listed_communes_and_a_class_of_bodies_first():
    from vnlegal.normalize.agency_names import expand, leading_mentions
    got = [m.name for m in leading_mentions(expand("Ủy ban nhân dân các xã: Phú Lợi, Tân Hòa và Mỹ Long"))]
    assert got == ["Ủy ban nhân dân xã Phú Lợi", "Ủy ban nhân dân xã Tân Hòa", "Ủy ban nhân dân xã Mỹ Long"]
    got = [m.name for m in leading_mentions(expand("Các sở, ngành có liên quan; UBND các xã, phường, đặc khu"))]
    assert got == ["Ủy ban nhân dân các xã, phường, đặc khu"]

# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("_AMPERSAND", "search", "Sở Văn hóa, Thể thao & Du lịch", 0, " & ", "Sở Văn hóa, Thể thao và Du lịch"),
    ("_WORD_CHAR", "match", "x", 0, "x", " "),
    ("_COMMITTEES_OF_UNITS", "match", "Ủy ban nhân dân các xã", 2, "xã", "Ủy ban nhân dân xã Gia Thuận"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(agency_names, name), how, line, group, want, miss)
