"""Metadata on every layout of the family: excerpts written for the tests,
read through the TXT reader and the lines stage as a user's file would be."""
from __future__ import annotations

import pytest

from vnlegal.extract.txt import parse_text
from vnlegal.models.document import Document, SourceInfo
from vnlegal.normalize.lines import document_lines
from vnlegal.normalize.meta import person_name, read_meta
from tests.named_patterns import check, ids
from vnlegal.normalize import meta as m

PORTAL_HEADER = """|
**ỦY BAN NHÂN
DÂN**
**TỈNH VĨNH LONG**
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 120 /KH-UBND
|
*Vĩnh Long,
ngày 3 tháng 12 năm 2025*
|

**KẾ HOẠCH**

THỰC HIỆN CHUYỂN ĐỔI SỐ TRONG NÔNG NGHIỆP GIAI ĐOẠN 2026 -
2030 TRÊN ĐỊA BÀN TỈNH VĨNH LONG

Căn cứ Quyết định số 45/QĐ-TTg ngày 10/01/2025 của Thủ tướng Chính phủ;
"""

CLOSING = """
|
Nơi nhận:
- Như trên;
- Lưu: VT.
|
**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
Lê Thị Thu Hà
"""


def meta_of(text: str):
    doc = Document(source=SourceInfo(file="x.txt", sha256="", format="txt"), blocks=parse_text(text))
    return read_meta(document_lines(doc))


def test_portal_header_split_over_lines_and_cells():
    meta, issues = meta_of(PORTAL_HEADER + CLOSING)
    assert (meta.doc_type, meta.number, meta.issued_date) == ("Kế hoạch", "120/KH-UBND", "2025-12-03")
    assert (meta.issuer, meta.issuer_level, meta.locality) == ("Ủy ban nhân dân tỉnh Vĩnh Long", "province", "Vĩnh Long")
    assert meta.title == "THỰC HIỆN CHUYỂN ĐỔI SỐ TRONG NÔNG NGHIỆP GIAI ĐOẠN 2026 - 2030 TRÊN ĐỊA BÀN TỈNH VĨNH LONG"
    assert (meta.period.from_, meta.period.to) == (2026, 2030)
    assert (meta.signer.name, meta.signer.position) == ("Lê Thị Thu Hà", "Phó Chủ tịch")
    assert issues == []


def test_blank_number_and_date_of_a_signed_copy_fall_back_to_the_attachment():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: /QĐ-UBND\n\nLào Cai, ngày tháng 4 năm 2026\n\nQUYẾT ĐỊNH\n\n"
            "Về việc ban hành Kế hoạch phòng, chống thiên tai\n\nCăn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;\n\n"
            "KẾ HOẠCH\n\n(Kèm theo Quyết định số 88/QĐ-UBND ngày 15/5/2026 của UBND tỉnh Lào Cai)\n")
    meta, issues = meta_of(text)
    assert meta.number == "88/QĐ-UBND" and meta.issued_date == "2026-05-15"
    assert [i.code for i in issues] == ["meta.number_from_attachment", "meta.date_from_attachment"]
    assert meta.title == "Về việc ban hành Kế hoạch phòng, chống thiên tai"


def test_department_under_its_committee_and_a_scan_spelling_of_the_city():
    text = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHÓ HỖ CHÍ MINH Độc lập - Tự do - Hạnh phúc\n"
            "SỞ Y TẾ\n\nSố: 851/KH-SYT Thành phố Hồ Chí Minh, ngày 09 tháng 02 năm 2021\n\nKẾ HOẠCH\n\n"
            "Kiểm tra văn bản quy phạm pháp luật năm 2021\n")
    meta, _ = meta_of(text)
    assert meta.number == "851/KH-SYT" and meta.issued_date == "2021-02-09"
    assert (meta.issuer, meta.issuer_level, meta.locality) == ("Sở Y tế Thành phố Hồ Chí Minh", "province", "Hồ Chí Minh")


def test_a_word_that_is_no_province_is_never_a_locality():
    text = "ỦY BAN NHÂN DÂN\nTỈNH BAN HÀNH\n\nSố: 5/KH-UBND\n\nKẾ HOẠCH\n\nVề việc thử\n"
    meta, _ = meta_of(text)
    assert meta.locality is None and meta.issuer_level is None


def test_people_council_resolution():
    text = ("**HỘI ĐỒNG NHÂN\nDÂN **\nTHÀNH PHỐ HÀ NỘI\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n"
            "Số: 82/2025/NQ-HĐND\n|\n*Hà Nội, ngày 27\ntháng 11 năm 2025 *\n|\n**NGHỊ QUYẾT**\nVỀ\nVIỆC QUY ĐỊNH MỨC CHI\n"
            "*Căn cứ Luật Ngân sách Nhà nước số 89/2025/QH15;*\n")
    meta, _ = meta_of(text)
    assert (meta.doc_type, meta.number, meta.issued_date) == ("Nghị quyết", "82/2025/NQ-HĐND", "2025-11-27")
    assert (meta.issuer, meta.issuer_level) == ("Hội đồng nhân dân thành phố Hà Nội", "province")
    assert meta.title == "VỀ VIỆC QUY ĐỊNH MỨC CHI"


def test_person_names():
    assert person_name("Nguyễn Tuấn Anh") == "Nguyễn Tuấn Anh"
    assert person_name("HỒ THỊ NGUYÊN THẢO") == "Hồ Thị Nguyên Thảo"
    assert person_name("Đã ký: Trần Thanh Liêm") == "Trần Thanh Liêm"
    assert person_name("PHÓ CHỦ TỊCH") is None and person_name("Sở Tài chính") is None


def test_scanned_type_line_and_a_name_without_its_position():
    # a scan splits "QUYÉT" into two syllables and loses the position under the stamp
    text = ("UỶ BAN NHÂN DÂN\nTÍNH LAI CHÂU\n\nSố: 1629 /QĐ-UBND\n\nQUY ÉT ĐỊNH\n\nVề việc công bố thủ tục hành chính\n\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\n\n"
            "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nLê Văn Lương\n")
    meta, _ = meta_of(text)
    assert (meta.doc_type, meta.issuer, meta.title) == ("Quyết định", "Ủy ban nhân dân tỉnh Lai Châu",
                                                       "Về việc công bố thủ tục hành chính")
    assert (meta.signer.name, meta.signer.position) == ("Lê Văn Lương", None)


def test_a_scan_reads_the_position_above_the_receivers_and_the_name_below_them():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HẢI DƯƠNG\n\nQUYẾT ĐỊNH\n\nVề việc khen thưởng\n\nĐiều 1. Khen thưởng.\n\n"
            "KT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH THƯỜNG TRỰC\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nLê Hồng Văn\n")
    meta, _ = meta_of(text)
    assert (meta.signer.name, meta.signer.position) == ("Lê Hồng Văn", "Phó Chủ tịch Thường trực")


def _header(body: str, place_date: str) -> str:
    return (f"ỦY BAN NHÂN DÂN\n{body}\n\nSố: 12/QĐ-UBND\n\n{place_date}\n\nQUYẾT ĐỊNH\n\n"
            "Về việc ban hành Kế hoạch phòng, chống thiên tai\n")


def test_the_province_then_and_today_of_a_merged_province():
    then, issues = meta_of(_header("TỈNH THÁI BÌNH", "Thái Bình, ngày 28 tháng 4 năm 2016"))
    assert (then.locality, then.province_at_issue, then.province_today) == ("Thái Bình", "Thái Bình", "Hưng Yên")
    assert issues == []
    now, issues = meta_of(_header("TỈNH HƯNG YÊN", "Hưng Yên, ngày 10 tháng 1 năm 2026"))
    assert (now.province_at_issue, now.province_today) == ("Hưng Yên", "Hưng Yên") and issues == []


def test_a_province_that_no_longer_exists_on_the_date_is_an_issue():
    meta, issues = meta_of(_header("TỈNH THÁI BÌNH", "Thái Bình, ngày 28 tháng 8 năm 2026"))
    assert meta.province_today == "Hưng Yên"
    assert [i.code for i in issues] == ["meta.province_not_on_map"]


def test_a_district_the_gazetteer_does_not_know_is_no_locality():
    meta, issues = meta_of(_header("HUYỆN BAN", "Ngày 28 tháng 4 năm 2016"))
    assert meta.issuer_level == "district" and meta.locality is None and meta.province_today is None
    assert [i.code for i in issues] == ["meta.locality_unknown"]


def test_a_district_and_a_commune_gain_their_province():
    meta, issues = meta_of(_header("HUYỆN MÊ LINH", "Mê Linh, ngày 28 tháng 3 năm 2018"))
    assert (meta.locality, meta.province_at_issue, meta.province_today) == ("Mê Linh", "Hà Nội", "Hà Nội")
    meta, issues = meta_of(_header("XÃ TẢ VAN", "Tả Van, ngày 29 tháng 10 năm 2025"))
    assert (meta.issuer_level, meta.locality, meta.province_today) == ("commune", "Tả Van", "Lào Cai") and issues == []


def test_the_place_line_against_the_issuer():
    # since 2025 Lào Cai's offices sit in Yên Bái: the same province today, no disagreement
    meta, issues = meta_of(_header("TỈNH LÀO CAI", "Yên Bái, ngày 29 tháng 1 năm 2026"))
    assert meta.locality == "Lào Cai" and issues == []
    meta, issues = meta_of(_header("TỈNH LÀO CAI", "Hà Nội, ngày 29 tháng 1 năm 2016"))
    assert meta.locality == "Lào Cai" and [i.code for i in issues] == ["meta.place_disagrees"]
    meta, issues = meta_of(_header("TỈNH LÀO CAI", "Yên Bái, ngày 29 tháng 1 năm 2016"))  # two provinces then
    assert [i.code for i in issues] == ["meta.place_disagrees"]


def test_the_place_line_beside_the_number_is_read_from_its_last_words():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH DƯƠNG\n\nSố: 85/KH-UBND Thành phố Hồ Chí Minh, ngày 09 tháng 02 năm 2021\n\n"
            "KẾ HOẠCH\n\nKiểm tra văn bản năm 2021\n")
    meta, issues = meta_of(text)
    assert (meta.locality, meta.province_today) == ("Bình Dương", "Hồ Chí Minh")
    # in 2021 Bình Dương and Hồ Chí Minh City were two provinces (merged only in July 2025)
    assert [i.code for i in issues] == ["meta.place_disagrees"]
    meta, issues = meta_of(text.replace("Thành phố Hồ Chí Minh", "Thủ Dầu Một"))  # its provincial town
    assert issues == []


def test_a_district_name_several_provinces_have_is_placed_by_the_place_line():
    meta, issues = meta_of(_header("HUYỆN CHÂU THÀNH", "Tiền Giang, ngày 3 tháng 9 năm 2020"))
    assert (meta.locality, meta.province_at_issue, meta.province_today) == ("Châu Thành", "Tiền Giang", "Đồng Tháp")
    assert issues == []
    meta, issues = meta_of(_header("HUYỆN CHÂU THÀNH", "Châu Thành, ngày 3 tháng 9 năm 2020"))
    assert (meta.locality, meta.province_at_issue) == ("Châu Thành", None)  # nothing tells which: no guess
    assert [i.code for i in issues] == ["meta.province_ambiguous"]


def test_a_handwritten_number_and_day_on_a_scan_are_said_not_guessed():
    text = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HẢI DƯƠNG Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: qŸ /QĐ-UBND Hải Dương, ngày - tháng 01 năm 2011\n\nQUYẾT ĐỊNH\n\nVề việc khen thưởng\n\n"
            "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;\n")
    meta, issues = meta_of(text)
    assert (meta.number, meta.issued_date) == (None, None)
    found = {i.code: i for i in issues}
    assert found["meta.number_unreadable"].printed == "Số: qŸ /QĐ-UBND"
    assert "'qŸ'" in found["meta.number_unreadable"].detail
    assert found["meta.date_blank"].printed == "ngày - tháng 01 năm 2011"
    _, issues = meta_of(text.replace("ngày - tháng", "ngày([Ÿ tháng"))
    assert "meta.date_unreadable" in {i.code for i in issues}


def test_a_number_left_blank_for_signing_is_said_as_blank():
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSỞ Y TẾ\n\nSố: /KH-SYT\n\n"
            "Thành phố Hồ Chí Minh, ngày tháng 02 năm 2021\n\nKẾ HOẠCH\n\nKiểm tra văn bản\n")
    meta, issues = meta_of(text)
    assert (meta.number, meta.issued_date) == (None, None)
    assert [(i.code, i.severity) for i in issues if i.code.startswith(("meta.number", "meta.date"))] == [
        ("meta.number_blank", "info"), ("meta.date_blank", "info")]


def test_a_scan_read_across_its_two_columns_still_gives_the_signer():
    """The position in capitals ends a line of the receivers' block; the name,
    with a stroke's marks before it, closes the document."""
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSỞ Y TẾ\n\nSố: 851/KH-SYT\n\nKẾ HOẠCH\n\nKiểm tra văn bản\n\n"
            "Trên đây là Kế hoạch của Sở Y tế.\n\nKo CÓ NG KT. GIÁM ĐÓC\n\n- VP UBND t phô; z F .\n\n"
            "- Sở Tư pháp; PHO GIAM ĐỌC\n\n- Các phòng ban thuộc Sở;\n\n- Lưu:VT, VPS.\n\n-=Ñguyễn Hoài Nam\n")
    meta, _ = meta_of(text)
    assert (meta.signer.name, meta.signer.position) == ("Nguyễn Hoài Nam", "Phó Giám đốc")
    meta, _ = meta_of(text.replace("- Sở Tư pháp; PHO GIAM ĐỌC", "- Sở Tư pháp;").replace(
        "- Lưu:VT, VPS.", "Nơi nhận: CHỦ TỊCH\n\n- Lưu:VT, VPS."))
    assert (meta.signer.name, meta.signer.position) == ("Nguyễn Hoài Nam", "Chủ tịch")


@pytest.mark.parametrize("line, name", [
    ("-=ZÑguyễn Hoài Nam", "Nguyễn Hoài Nam"),  # the stroke crossed the first letter too
    ("-=Ñguyễn Hoài Nam", "Nguyễn Hoài Nam"),
    ("ZNguyễn Hoài Nam", None),  # no stroke's marks before it: nothing to drop
    ("-=XYZ Hoài", None),
])
def test_a_signed_name_that_a_pen_stroke_crossed(line, name):
    from vnlegal.normalize.meta import person_name
    assert person_name(line) == name


def test_a_position_in_a_receivers_line_is_not_taken_for_the_signer():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\n\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nVề việc công bố\n\n"
            "Nơi nhận:\n\n- Chủ tịch, các PCT UBND tỉnh;\n\n- Lưu: VT.\n\nLê Văn Lương\n")
    meta, _ = meta_of(text)
    assert (meta.signer.name, meta.signer.position) == ("Lê Văn Lương", None)


def test_a_blank_number_with_its_year_printed_is_blank_not_illegible():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: /2026/QĐ-UBND\n\nLào Cai, ngày tháng 4 năm 2026\n\n"
            "QUYẾT ĐỊNH\n\nBan hành Quy định\n")
    _, issues = meta_of(text)
    assert "meta.number_blank" in {i.code for i in issues} and "meta.number_unreadable" not in {i.code for i in issues}

# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("_NOT_PLAIN_LETTER", "search", "quyet dinh", 0, " ", "quyetdinh"),
    ("_LETTER", "search", "2858/QĐ-UBND", 0, "Q", "16 /2026/"),
    ("_NUMBER_LABEL_INSIDE", "search", "SỞ Y TẾ Số: 851/KH-SYT", 0, "Số: ", "Số: 851/KH-SYT"),
    ("_YEAR_ONLY", "match", "/2026", 0, "/2026", "15/2026"),
    ("_LETTER_OR_DIGIT", "search", "1l5", 0, "1", "…. ___"),
    ("_PLACE_DATE_DAY", "search", "Đồng Tháp, ngày 19 tháng 11 năm 2025", 0, ", ngày",
     "từ ngày 01 tháng 01 năm 2026"),
    ("_DAY_MARK", "search", "(đã ký)", 0, "(", " .... "),
    ("_OPENING_VERB", "match", "Thực hiện Quyết định số 2858/QĐ-UBND", 0, "Thực hiện",
     "THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035"),
    ("_LOWER_START", "match", "cảnh báo môi trường nuôi trồng thủy sản", 0, "c", "Cảnh báo môi trường"),
    ("_BODY_NAME_FOLDED", "match", "UY BAN NHAN DAN TINH LAO CAI", 0, "UY BAN NHAN DAN", "BAN HANH KE HOACH"),
    ("_PROVINCE_UNIT_WORD", "match", "Thành phố Hồ Chí Minh", 0, "Thành phố ", "Hồ Chí Minh"),
    ("_NAME_WORDS", "match", "SỞ Y TẾ +-—---..o", 0, "SỞ Y TẾ", "_ ỦY BAN NHÂN DÂN"),
    ("_NAME_WORDS", "match", "BÀ RỊA - VŨNG TÀU", 0, "BÀ RỊA - VŨNG TÀU", "+-—---..o"),
    ("_BODY_ABBREVIATION", "match", "UBND tỉnh Đắk Lắk", 0, "UBND", "Ủy ban nhân dân tỉnh Đắk Lắk"),
    ("_UNIT_WORD_FOLDED", "match", "tinh lao cai", 0, "tinh", "uy ban nhan dan tinh lao cai"),
    ("_LETTERS_ONLY", "match", "TẾ", 0, "TẾ", "T-_--...o"),
    ("_SIGNATURE_LINE", "search", "Đã ký: Trần Thanh Liêm", 0, "Đã ký", "Trần Thanh Liêm"),
    ("_AUTHORITY_BEFORE", "search", "KT. ", 0, "KT. ", "KT. CHU TICH"),
    ("_SIGNED_NOTE", "match", "Đã ký: Trần Thanh Liêm", 0, "Đã ký: ", "Trần Thanh Liêm"),
    ("_TITLE_PERIOD", "search", "cảnh báo môi trường nuôi trồng thủy sản giai đoạn 2026 - 2030", (1, 2),
     ("2026", "2030"), "giai đoạn 2026"),
    ("_YEAR_RANGE", "search", "KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2025-2030", (1, 2), ("2025", "2030"), "năm 2025, 2030"),
    ("_UNTIL_YEAR", "search", "THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035", 1, "2035", "đến tháng 6/2035"),
    ("_IN_YEAR", "search", "Kế hoạch phòng, chống thiên tai năm 2026", 1, "2026", "năm học 2025"),
    ("_PHASE", "search", "(giai đoạn 2025 - 2030 và giai đoạn 2031 - 2035)", (1, 2), ("2025", "2030"),
     "giai đoạn I"),
    ("NUMBER_LABEL", "match", "Só: 16 /2026/QĐ-UBND", 0, "Só: ", "Sở Y tế"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(m, name), how, line, group, want, miss)


def test_a_body_and_its_unit_read_from_the_folded_header():
    check(m._body_form("Ủy ban nhân dân"), "match", "uy ban nhan dan tinh dong thap", 0, "uy ban nhan dan ",
          "hoi dong nhan dan tinh dong thap")
    check(m._unit_split(False), "match", "y te tinh lao cai", (1, 2, 3), ("y te", "tinh", "lao cai"), "y te")
    check(m._unit_split(True), "match", "tinh dong thap", (1, 2, 3), ("", "tinh", "dong thap"), "y te tinh")
