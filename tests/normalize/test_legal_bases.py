"""Every instrument a decision cites, however the "Căn cứ" lines print them.
Excerpts written for the tests, in the family's wording."""
from __future__ import annotations

import pytest

from tests.named_patterns import check, ids
from vnlegal.normalize import legal_bases as lb
from vnlegal.normalize.legal_bases import legal_bases


def cited(*lines: str) -> list[tuple]:
    return [(b.doc_type, b.number, b.date) for b in legal_bases(list(lines))]


def test_several_instruments_on_one_line_and_party_numbers():
    got = cited("Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học; "
                "Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ và Chương trình hành động số 10- CTr/TU ngày "
                "13/8/2025 của Ban Thường vụ Tỉnh ủy về thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024;")
    assert got == [("Nghị quyết", "57-NQ/TW", "2024-12-22"), ("Nghị quyết", "71/NQ-CP", "2025-04-01"),
                   ("Chương trình hành động", "10-CTr/TU", "2025-08-13")]


def test_an_instrument_named_as_the_subject_of_another_is_not_cited():
    got = cited("Căn cứ Quyết định số 88/QĐ-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh về việc triển khai "
                "thực hiện Quyết định số 150/QĐ-TTg ngày 28/01/2022 của Thủ tướng Chính phủ;")
    assert got == [("Quyết định", "88/QĐ-UBND", "2021-03-02")]


def test_laws_by_date_by_number_and_amended_by():
    got = cited("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
                "Căn cứ Luật Ngân sách nhà nước số 89/2025/QH15 được sửa đổi, bổ sung bởi Luật số 90/2025/QH15;",
                "Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Đầu tư và Luật Doanh nghiệp ngày 11 tháng 1 năm 2022;")
    assert got == [("Luật", None, "2025-06-16"), ("Luật", "89/2025/QH15", None), ("Luật", "90/2025/QH15", None),
                   ("Luật", None, "2022-01-11")]


def test_bare_numbers_repeat_the_type_and_share_a_date():
    got = cited("Căn cứ Công điện số 11/CĐ-UBND ngày 17/11/2025, số 12/CĐ-UBND và số 13/CĐ-UBND ngày 19/11/2025 "
                "của UBND tỉnh về ứng phó mưa lũ;")
    assert got == [("Công điện", "11/CĐ-UBND", "2025-11-17"), ("Công điện", "12/CĐ-UBND", "2025-11-19"),
                   ("Công điện", "13/CĐ-UBND", "2025-11-19")]


def test_a_proposal_is_no_basis():
    got = cited("Căn cứ Quyết định số 27/2015/QĐ-UBND ngày 16/9/2015 của UBND Thành phố; Xét đề nghị của Sở Công "
                "Thương tại Tờ trình số 3597/TTr-SCT ngày 12/10/2015;")
    assert got == [("Quyết định", "27/2015/QĐ-UBND", "2015-09-16")]


def test_type_without_so_and_spaces_in_the_number():
    got = cited("Căn cứ Chỉ thị 42-CT/TW ngày 24 tháng 3 năm 2020 của Ban Bí thư; Kế hoạch 223/KH- UBND ngày 24/10/2025;")
    assert got == [("Chỉ thị", "42-CT/TW", "2020-03-24"), ("Kế hoạch", "223/KH-UBND", "2025-10-24")]


def test_without_can_cu_the_opening_thuc_hien_sentence():
    got = cited("KẾ HOẠCH", "Thực hiện Quyết định số 2270/QĐ-TTg ngày 14/10/2025 của Thủ tướng Chính phủ, "
                "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:")
    assert got == [("Quyết định", "2270/QĐ-TTg", "2025-10-14")]


def test_an_instruction_of_the_plan_is_no_basis_and_the_opening_sentence_is_used():
    got = cited("KẾ HOẠCH", "Triển khai Kế hoạch hành động số 328-KH/TU ngày 10/10/2025 của Ban Thường vụ Tỉnh ủy, "
                "UBND tỉnh ban hành Kế hoạch như sau:", "I. MỤC ĐÍCH", "- Căn cứ kế hoạch này, các sở xây dựng kế hoạch;")
    assert got == [("Kế hoạch", "328-KH/TU", "2025-10-10")]


def test_a_law_named_in_passing_is_not_cited():
    got = cited("Căn cứ Nghị định số 66/2021/NĐ-CP ngày 06/7/2021 của Chính phủ quy định chi tiết một số điều của "
                "Luật Phòng, chống thiên tai và Luật Sửa đổi, bổ sung một số điều của Luật Đê điều;")
    assert got == [("Nghị định", "66/2021/NĐ-CP", "2021-07-06")]


def test_a_scans_debris_and_dots_do_not_hide_the_bases():
    got = cited("KẾ HOẠCH", ". Căn cứ Nghị định số 42/2010/NĐ-CP ngày 15.4.2010 của Chính phủ;",
                "Căn cứ Quyết. định sô 4180/2006/QĐ-UBND ngày 04/12/2006 của UBND tỉnh;")
    assert got == [("Nghị định", "42/2010/NĐ-CP", "2010-04-15"), ("Quyết định", "4180/2006/QĐ-UBND", "2006-12-04")]


def test_the_opening_sentence_over_a_scans_physical_lines():
    got = cited("KẾ HOẠCH", "Thực hiện Kế hoạch số 4963/KH-UBND ngày 22/12/2020 của Ủy ban",
                "nhân dân Thành phố về công tác kiểm tra năm 2021 và Quyết định số 5467/QĐ-BYT ngày",
                "29/12/2020 của Bộ Y tế. Sở Y tế xây dựng kế hoạch như sau:")
    assert [n for _, n, _ in got] == ["4963/KH-UBND", "5467/QĐ-BYT"]


def test_one_key_per_instrument_whatever_the_citing_line_looks_like():
    a = legal_bases(["Căn cứ Quyết định số 1419/QĐ-TTg ngày 07/9/2009 của Thủ tướng Chính phủ;",
                     "Căn cứ Luật Tổ chức Chính quyền địa phương ngày 19 tháng 6 năm 2015;"])
    b = legal_bases(["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Quyết định 1419/QĐ-TTg "
                     "ngày 07 tháng 9 năm 2009 của Thủ tướng Chính phủ phê duyệt Chiến lược sản xuất sạch hơn;"])
    assert [x.key for x in a] == ["1419/QĐ-TTg", "Luật tổ chức chính quyền địa phương 2015-06-19"]
    assert sorted(x.key for x in b) == sorted(x.key for x in a)
    # the laws of one name adopted in February and in June 2025 are two instruments
    c = legal_bases(["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
                     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"])
    assert len({x.key for x in c}) == 2


# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("TYPE_CODE", "match", "2858/QĐ-UBND", 1, "QĐ", "QĐ-UBND số 2858"),
    ("TYPE_CODE", "match", "78/2021/NĐ-CP", 1, "NĐ", "78/2021"),
    ("_SPACES", "search", "10- CTr/TU", 0, " ", "10-CTr/TU"),
    ("_STRAY_DOT", "search", "Quyết. định", 0, ".", "Quyết định số 12/QĐ-UBND."),
    ("_BULLET", "match", "- Căn cứ kế hoạch này, các sở xây dựng kế hoạch", 0, "- ", "-Căn cứ Luật Đất đai"),
    ("_CITES_ITSELF", "match", "Căn cứ Kế hoạch này, các sở, ngành xây dựng kế hoạch", 0, "Căn cứ Kế hoạch này",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
    ("_LEADING_MARKS", "search", ". Căn cứ Luật Đất đai", 0, ". ", "Căn cứ Luật Đất đai"),
    ("_PROPOSAL", "search", "Luật Ngân sách nhà nước; Xét đề nghị của Sở Tài chính tại Tờ trình số 45/TTr-STC", 0,
     "; Xét đề nghị của Sở Tài chính tại Tờ trình số 45/TTr-STC", "Luật Quy hoạch về xét duyệt quy hoạch"),
    ("_CONTINUES", "match", "2025 của Chính phủ quy định chi tiết", 0, "2", "Căn cứ Luật Đất đai"),
    ("_OPENING", "match", "Thực hiện Quyết định số 2858/QĐ-UBND ngày 19/11/2025", 0, "Thực hiện", "Tổ chức thực hiện"),
    ("_OPENING_WORDS", "match", "Triển khai: Kế hoạch hành động số 328-KH/TU ngày", 0, "Triển khai: ",
     "Để triển khai Kế hoạch hành động số 328-KH/TU"),
    ("_ISSUER_TURN", "search", "Quyết định số 2858/QĐ-UBND ngày 19/11/2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch",
     0, ", Ủy ban", "Chỉ thị số 11-CT/TU của Ban Thường vụ Tỉnh ủy"),
    ("_CLAUSE_END", "search", "Nghị quyết số 57-NQ/TW; Nghị quyết số 71/NQ-CP", 0, ";",
     "Nghị quyết số 57-NQ/TW, Nghị quyết số 71/NQ-CP"),
    ("_LAW_LISTED", "search", "sung bởi ", 0, "bởi ", "một số điều của "),
    ("_AND_AT_END", "search", "Luật Phòng, chống thiên tai và ", 0, "và ",
     "Luật Phòng, chống thiên tai và Luật Đê điều"),
    ("_ONLY_AND", "match", " và ", 0, " và ", " ngày 19/11/2025"),
    ("_LAW_NAME_END", "search", "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025", 0, " ngày 1",
     "Luật Phòng, chống thiên tai"),
    ("_TRAILING_YEAR", "search", "Luật Đất đai năm 2024", 0, " năm 2024", "Luật Đất đai năm 2024 sửa đổi"),
    ("_SLASH_BEFORE_ISSUER", "match", "26/2014/TTLT/BTC-BCT", 1, "26/2014/TTLT", "26/2014/TTLT-BTC-BCT"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(lb, name), how, line, group, want, miss)


def test_starts_pattern_finds_a_type_a_bare_number_and_a_capitalised_law():
    p = lb._starts_pattern()
    check(p, "search", "Căn cứ Chỉ thị 42-CT/TW ngày 16/4/2020", 1, "Chỉ thị", "theo quy định của pháp luật về đất đai")
    check(p, "search", "và số 009/CĐ-UBND ngày 19/11/2025", 0, "số ", "số lượng 12 người")
    check(p, "search", "Luật Đất đai ngày 18 tháng 01 năm 2024", 0, "Luật", "pháp luật")
