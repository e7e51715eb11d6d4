"""Glued words and tone placement, on cases beyond the corpus."""
from __future__ import annotations

import pytest
from vnlegal.lang.glued import split_glued
from vnlegal.lang.text import key, modern_tones


@pytest.mark.parametrize("glued,split", [
    ("trênđịa bàn", "trên địa bàn"), ("côngnghiệp", "công nghiệp"), ("PHÊDUYỆT", "PHÊ DUYỆT"),
    ("SởCông Thương", "Sở Công Thương"), ("thườngxuyên", "thường xuyên"), ("ngânsách", "ngân sách"),
    ("Ủy bannhân dân", "Ủy ban nhân dân"), ("kinhphí thực hiện", "kinh phí thực hiện"),
    ("TỔCHỨC THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"), ("giaiđoạn", "giai đoạn"),
])
def test_glued_words_are_split(glued, split):
    assert split_glued(glued) == split


@pytest.mark.parametrize("text", [
    "45/2012/NĐ-CP", "1419/QĐ-TTg", "SXSH", "Singapore", "Website", "nghiêng", "khuyến khích",
    "Nguyễn Ngọc Tuấn", "ISO 14001", "TTLT-BTC-BCT", "Hoà Bình", "thuỷ lợi",
])
def test_words_that_are_not_glued_are_kept(text):
    assert split_glued(text) == text


@pytest.mark.parametrize("old,new", [
    ("Hoà Bình", "Hòa Bình"), ("Uỷ ban", "Ủy ban"), ("thuỷ lợi", "thủy lợi"), ("HOÀ BÌNH", "HÒA BÌNH"),
    ("khoẻ", "khỏe"), ("hoá chất", "hóa chất"),
    # a tone mark on a closed syllable is already where both styles put it
    ("rà soát", "rà soát"), ("khoáng sản", "khoáng sản"), ("toàn tỉnh", "toàn tỉnh"),
])
def test_tone_placement_is_unified(old, new):
    assert modern_tones(old) == new


def test_key_matches_either_tone_style_and_case():
    assert key("ỦY BAN NHÂN DÂN tỉnh Hoà Bình") == key("Uỷ ban nhân dân Tỉnh Hòa Bình")
