"""agency_names: bodies named in wordings of other provinces, as the gazetteer writes them."""
from __future__ import annotations

import pytest

from vnlegal.normalize.agency_names import expand, find_bodies, leading_mentions


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
