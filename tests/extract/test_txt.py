"""Portal text read as logical lines: the layout marks of HTML-to-text
conversion are hints, not text, and hard-wrapped lines are one paragraph again.
Each excerpt is written for its test in the way portals print decisions."""
from __future__ import annotations

import pytest

from vnlegal.extract.txt import parse_text
from tests.named_patterns import check, ids
from vnlegal.extract import txt


def texts(source: str) -> list[str]:
    return [b.text for b in parse_text(source) if b.text]


def test_emphasis_run_over_two_lines_is_one_heading():
    blocks = parse_text("**II. MỤC\nTIÊU, NHIỆM VỤ**\n\n**1. Mục tiêu chung**\n")
    assert [(b.text, b.bold, b.kind) for b in blocks] == [
        ("II. MỤC TIÊU, NHIỆM VỤ", True, "heading"), ("1. Mục tiêu chung", True, "heading")]


def test_place_and_date_printed_over_two_lines():
    assert texts("|\nSố: 120/KH-UBND\n|\n*Vĩnh Long,\nngày 3 tháng 12 năm 2025*\n|\n") == [
        "Số: 120/KH-UBND", "Vĩnh Long, ngày 3 tháng 12 năm 2025"]


def test_header_cells_rules_and_motto_stay_apart():
    source = ("|\n**ỦY BAN NHÂN\nDÂN**\n**TỈNH AN GIANG**\n--------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc**\n---------------\n|\n")
    assert texts(source) == ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                             "Độc lập - Tự do - Hạnh phúc"]


def test_hard_wrapped_paragraphs_are_unwrapped():
    para = ("Căn cứ Nghị quyết số\n12/NQ-CP ngày 05/02/2024 của Chính phủ về phát triển kinh tế số và xã hội\n"
            "số; Kế hoạch số 45/KH-UBND ngày 10/3/2024 của Ủy ban nhân dân Tỉnh về triển\n"
            "khai thực hiện Nghị quyết số 12/NQ-CP ngày 05/02/2024 của Chính phủ trên địa\n"
            "bàn Tỉnh;\n\n")
    body = ("- Phát triển hạ tầng số đồng bộ, hiện đại, bảo đảm kết nối thông suốt từ tỉnh\n"
            "đến cơ sở, phục vụ người dân và doanh nghiệp.\n\n") * 5
    got = texts(para + body)
    assert got[0].startswith("Căn cứ Nghị quyết số 12/NQ-CP ngày 05/02/2024")
    assert got[0].endswith("trên địa bàn Tỉnh;")
    assert got[1] == ("- Phát triển hạ tầng số đồng bộ, hiện đại, bảo đảm kết nối thông suốt từ tỉnh "
                      "đến cơ sở, phục vụ người dân và doanh nghiệp.")


def test_signature_block_keeps_one_line_each():
    source = "|\n**TM. ỦY BAN NHÂN\nDÂN**\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n"
    assert texts(source) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]


def test_one_paragraph_a_line_is_left_alone():
    # Word's "save as text": every line a paragraph, headings without a full stop
    source = "2. Kết quả\nHoạt động khuyến công đạt nhiều kết quả.\nCăn cứ Luật Đầu tư ngày 17/6/2020;\n"
    assert texts(source) == ["2. Kết quả", "Hoạt động khuyến công đạt nhiều kết quả.", "Căn cứ Luật Đầu tư ngày 17/6/2020;"]


def test_escaped_line_ends():
    source = "QUYẾT ĐỊNH\\r\\nVề việc ban hành Kế hoạch\\r\\n" * 12
    assert texts(source)[:2] == ["QUYẾT ĐỊNH", "Về việc ban hành Kế hoạch"]


def test_layout_dump_reads_the_header_by_columns():
    source = ("ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              " TỈNH YÊN BÁI                         Độc lập - Tự do - Hạnh phúc\n\n"
              "Số: 7 /2024/QĐ-UBND                   Yên Bái, ngày 2 tháng 3 năm 2024\n\n"
              "                            QUYẾT ĐỊNH\n"
              "     Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa\n"
              "đổi, bổ sung một số điều của Luật Tổ chức Chính phủ ngày 22 tháng 11 năm 2019;\n")
    got = texts(source)
    assert got[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", "Số: 7 /2024/QĐ-UBND"]
    assert "Yên Bái, ngày 2 tháng 3 năm 2024" in got
    assert got[-1].startswith("Căn cứ Luật Tổ chức chính quyền địa phương") and got[-1].endswith("ngày 22 tháng 11 năm 2019;")


FLATTENED = """|
Nơi nhận:
- Như trên;
|
**KT. CHỦ TỊCH**
Trần Văn Bình
|
**PHỤ LỤC**
|
**STT**
|
**NHIỆM VỤ**
|
**CHỦ TRÌ**
|
**PHỐI HỢP**
|
**THỜI GIAN**
|
|
**I**
|
**NHÓM GIẢI PHÁP VỀ
CƠ CHẾ**
|
|
1
|
Rà soát cơ chế khuyến khích
đầu tư đổi mới công nghệ.
|
Sở Tài chính
|
Sở, ban, ngành có liên quan
|
Thường xuyên
|

Đoạn văn sau bảng.
"""


def test_a_portal_table_flattened_one_cell_a_line_is_a_table_again():
    blocks = parse_text(FLATTENED)
    tables = [b.table for b in blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].rows == [["STT", "NHIỆM VỤ", "CHỦ TRÌ", "PHỐI HỢP", "THỜI GIAN"],
                              ["I", "NHÓM GIẢI PHÁP VỀ CƠ CHẾ", "", "", ""],
                              ["1", "Rà soát cơ chế khuyến khích đầu tư đổi mới công nghệ.", "Sở Tài chính",
                               "Sở, ban, ngành có liên quan", "Thường xuyên"]]
    text = [b.text for b in blocks if b.kind != "table"]
    # the layout cells before it stay text, and so does what follows
    assert "KT. CHỦ TỊCH" in text and "PHỤ LỤC" in text and text[-1] == "Đoạn văn sau bảng."


def test_a_run_of_markdown_rules_alone_is_no_table():
    assert texts("| --- | --- |\n| --- | --- |\nCăn cứ Luật Đầu tư ngày 17/6/2020;\n") == ["Căn cứ Luật Đầu tư ngày 17/6/2020;"]

# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("_SENTENCE_CASE", "match", "Độc lập - Tự do - Hạnh phúc", 0, "Độc lập - Tự do - Hạnh phúc",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("_EMPHASIS_MARKS", "search", "**KẾ HOẠCH**", 0, "*", "KẾ HOẠCH"),
    ("_FIRST_LETTER_OR_DIGIT", "search", "- thủy sản giai đoạn 2026 - 2030", 0, "t", "- … –"),
    ("_COLUMN_GAP", "search", "ỦY BAN NHÂN DÂN           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0,
     "N           C", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"),
    ("_COLUMN_SPACES", "search", "Số: 120 /KH-UBND          Vĩnh Long, ngày 3 tháng 12 năm 2025", 0,
     "          ", "Số: 120 /KH-UBND  Vĩnh Long"),
    ("_MARKDOWN_HEADING", "match", "## I. MỤC ĐÍCH, YÊU CẦU", 0, "## ", "#I. MỤC ĐÍCH"),
    ("_ITALIC_MARK", "search", "*Hà Nội, ngày 10 tháng 6 năm 2025*", 0, "*", "diện tích 5 * 3 m"),
    ("CODE_AFTER_HYPHEN", "match", "CP ngày 14/7/2021", 0, "CP", "Nội, ngày 10 tháng 6"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(txt, name), how, line, group, want, miss)
