"""The gazetteer of administrative units before and after the merger of
1 July 2025: which province a unit belonged to then, and which holds it now."""
from __future__ import annotations

import pytest

from vnlegal.normalize.places import exists_on, locate, province_named, province_today, unit_of
from vnlegal.normalize.vocabulary import load
from tests.named_patterns import check, ids
from vnlegal.normalize import places


def test_the_two_maps_have_63_and_34_provinces():
    data = load("admin_units.json")
    assert len(data["before_2025"]) == 63 and len(data["since_2025"]) == 34
    # every old province lies in one new one, and every new one keeps an old name
    assert {p["today"] for p in data["before_2025"].values()} == set(data["since_2025"])
    # 3,321 communes, wards and special zones since 1 July 2025, names differing only by a tone kept apart
    assert sum(len(p["communes"]) for p in data["since_2025"].values()) == 3321
    assert {"Xã Cẩm Giang", "Xã Cẩm Giàng"} <= set(data["since_2025"]["Hải Phòng"]["communes"])


@pytest.mark.parametrize("then, now", [
    ("Thái Bình", "Hưng Yên"), ("Hưng Yên", "Hưng Yên"), ("Yên Bái", "Lào Cai"), ("Hải Dương", "Hải Phòng"),
    ("Bình Dương", "Hồ Chí Minh"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"), ("Tiền Giang", "Đồng Tháp"),
    ("Thừa Thiên Huế", "Huế"), ("Hà Nội", "Hà Nội"),
])
def test_a_merged_province_is_found_in_the_province_that_holds_it_today(then, now):
    place = locate("province", "tỉnh", then, "2016-05-01")
    assert (place.province_at_issue, place.province_today) == (then, now)


def test_names_are_matched_as_a_scan_or_a_header_in_capitals_prints_them():
    assert province_named("HỖ CHÍ MINH") == "Hồ Chí Minh"
    assert province_named("Bà Rịa-Vũng Tàu") == "Bà Rịa - Vũng Tàu"
    assert province_named("Ban") is None and province_named("Yên Bái Ban") is None


def test_a_district_before_2025_and_a_commune_after_it():
    assert locate("district", "huyện", "Mê Linh", "2018-03-28") == \
        type(locate("district", "huyện", "Mê Linh", None))("Mê Linh", "Hà Nội", "Hà Nội")
    commune = locate("commune", "phường", "Yên Bái", "2026-01-10")  # the old provincial town, now a ward of Lào Cai
    assert (commune.province_at_issue, commune.province_today) == ("Lào Cai", "Lào Cai")
    assert locate("district", "huyện", "Ban", "2018-03-28") is None


def test_a_district_name_several_provinces_have_is_told_by_the_province_above_it():
    assert locate("district", "huyện", "Châu Thành", "2018-01-01").province_at_issue is None
    place = locate("district", "huyện", "Châu Thành", "2018-01-01", within="Tiền Giang")
    assert (place.province_at_issue, place.province_today) == ("Tiền Giang", "Đồng Tháp")


def test_which_provinces_exist_on_a_date():
    assert exists_on("Thái Bình", "2024-12-31") and not exists_on("Thái Bình", "2025-07-01")
    assert exists_on("Hưng Yên", "2026-01-01") and exists_on("Thái Bình", None)
    assert province_today("Bắc Kạn") == "Thái Nguyên"
    assert unit_of("Đắk Lắk", "Buôn Ma Thuột") and not unit_of("Đắk Lắk", "Mê Linh")
    # a district of Yên Bái is in Lào Cai today, not in 2016
    assert unit_of("Lào Cai", "Lục Yên", "2026-01-01") and not unit_of("Lào Cai", "Lục Yên", "2016-01-01")

# issue 12: the module's named patterns, each on a real name and a near miss
PATTERNS = [
    ("_SPACES", "search", "Bà Rịa  - Vũng Tàu", 0, " ", "Huế"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(places, name), how, line, group, want, miss)
