"""Metadata on every layout of the family: excerpts written for the tests,
read through the TXT reader and the lines stage as a user's file would be."""
from __future__ import annotations

from vnlegal.extract.txt import parse_text
from vnlegal.models.document import Document, SourceInfo
from vnlegal.normalize.lines import document_lines
from vnlegal.normalize.meta import person_name, read_meta

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
    assert [i.code for i in issues] == ["meta.date_from_attachment"]
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
