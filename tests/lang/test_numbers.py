"""Numbers, dates, money and number words, beyond the corpus."""
from __future__ import annotations

import pytest
from vnlegal.lang.numbers import parse_date, parse_money, parse_number, words_to_int
from vnlegal.lang.text import clean, fold, key
from tests.named_patterns import check, ids
from vnlegal.lang import numbers


@pytest.mark.parametrize("text,value", [
    ("1.820", 1820), ("2,950,000", 2950000), ("45,8", 45.8), ("8.360", 8360), ("12.5", 12.5),
    ("1.234.567,5", 1234567.5), ("1,234,567.5", 1234567.5), ("150", 150), ("0", 0),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parse_number_with_known_grouping():
    # a table that groups with ',' reads "4,5" as 45 only if told so; by default a decimal
    assert parse_number("4,500", thousands=",") == 4500
    assert parse_number("4.5", thousands=",") == 4.5
    assert parse_number("abc") is None and parse_number("") is None


@pytest.mark.parametrize("text,iso", [
    ("Hà Nội, ngày 29 tháng 10 năm 2015", "2015-10-29"), ("ngày 28/4/2017", "2017-04-28"),
    ("ngày 07/9/2009 của", "2009-09-07"), ("ngày  3 tháng 1 năm 2024", "2024-01-03"), ("ngày 31/13/2020", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text,vnd", [
    ("dự kiến 8.360 triệu đồng", 8_360_000_000), ("là 1,5 tỷ đồng", 1_500_000_000),
    ("250 nghìn đồng", 250_000), ("3.000.000 đồng", 3_000_000), ("2 nghìn tỷ", 2_000_000_000_000),
])
def test_parse_money(text, vnd):
    assert parse_money(text)[0] == vnd


@pytest.mark.parametrize("words,value", [
    ("Mười bảy tỷ bảy trăm triệu đồng", 17_700_000_000),
    ("Tám tỷ, ba trăm, sáu mươi triệu đồng chẵn", 8_360_000_000),
    ("một trăm linh năm", 105), ("mười lăm", 15), ("hai mươi mốt", 21), ("hai trăm ba mươi tư", 234),
    ("một nghìn không trăm linh năm", 1005), ("ba nghìn tỷ", 3_000_000_000_000),
    ("năm trăm triệu đồng", 500_000_000), ("một tỷ hai trăm nghìn", 1_000_200_000),
    ("bốn mươi lăm nghìn tỷ", 45_000_000_000_000),
])
def test_number_words(words, value):
    assert words_to_int(words) == value


def test_text_normaliser():
    assert clean("QUYẾT \u00d0ỊNH  số\u00a0 1") == "QUYẾT ĐỊNH số 1"
    assert key("Hoà Bình, Uỷ ban") == key("Hòa Bình, Ủy ban")
    assert fold("Đà Nẵng đầu tư") == "Da Nang dau tu"


def test_total_in_words_on_a_long_text_without_words():
    """A long annex full of "(" and no amount in words: the pattern must not
    backtrack without end (it once hung a 100-page PDF)."""
    from vnlegal.normalize.budget import extract_budget
    text = "Kinh phí thực hiện dự kiến 8.360 triệu đồng (" + "Tám tỷ ba trăm " * 40 + "\n"
    annex = ("(Kèm theo Quyết định số 1233/QĐ-UBND ngày 28/4/2017 của UBND tỉnh) " + "ab cd ef gh " * 50) * 40
    budget, _ = extract_budget([text], annex)
    assert budget.total_vnd == 8_360_000_000 and budget.in_words is None

# issue 12: the module's named patterns, each on a real figure and a near miss
PATTERNS = [
    ("_FIGURES", "match", "1.820", 0, "1.820", "1.820triệu"),
    ("_MARKS", "search", "2,950,000", 0, ",", "2950000"),
    ("_THOUSANDS_END", "search", "1.820", 0, ".820", "45,8"),
    ("_WORD", "search", "Mười bảy tỷ bảy trăm triệu đồng", 0, "Mười", "17.700.000.000"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(numbers, name), how, line, group, want, miss)


def test_number_words_a_scan_misread_a_tone_of():
    """"tắm mươi" on a scan is "tám mươi" (80): letters without tones that name
    one number word; "muoi" is both "mười" and "mươi", so it stays unread."""
    from vnlegal.lang.numbers import words_to_int
    assert words_to_int("Hai mươi bốn triệu bốn trăm tắm mươi nghìn đồng") == 24_480_000
    assert words_to_int("Hai mươi bốn triệu bốn trăm tám mươi nghìn đồng") == 24_480_000
    assert words_to_int("Hai muoi") == 2


def test_a_date_in_words_whose_ones_a_scan_read_as_letters():
    from vnlegal.lang.numbers import parse_date
    assert parse_date("Luật Tổ chức HĐND và UBND ngày 26 tháng I1 năm 2003") == "2003-11-26"
    assert parse_date("ngày lO tháng 0I năm 2O11") == "2011-01-10"
    assert parse_date("Quý I năm 2003") is None
