"""Sections and metadata on the real decisions, all formats."""
from __future__ import annotations

import pytest
from vnlegal.extract import read_document
from vnlegal.normalize.sections import classify

from tests.conftest import CORPUS, FIXTURES
from vnlegal.pipeline import normalize
from tests.named_patterns import check, ids
from vnlegal.normalize import sections


@pytest.mark.parametrize("heading,kind", [
    ("I. MỤC TIÊU SẢN XUẤT SẠCH HƠN GIAI ĐOẠN 2016 - 2020", "objectives"),
    ("III. Nhiệm vụ và giải pháp chủ yếu", "solutions"), ("IV. Phân công nhiệm vụ", "implementation"),
    ("V. CHẾ ĐỘ THÔNG TIN, BÁO CÁO, KHEN THƯỞNG - KỶ LUẬT", "reporting"), ("5. Kinh phí thực hiện", "budget"),
    ("I. ĐÁNH GIÁ THỰC TRẠNG HOẠT ĐỘNG", "assessment"), ("I. MỤC ĐÍCH, YÊU CẦU", "purpose"),
    ("II. KẾ HOẠCH HÀNH ĐỘNG SẢN XUẤT SẠCH HƠN", "other"),
])
def test_classify(heading, kind):
    assert classify(heading) == kind


@pytest.mark.parametrize("path", [CORPUS / "001_96d3c82f377dc371.txt", FIXTURES / "docx" / "001_96d3c82f377dc371.docx",
                                  FIXTURES / "pdf" / "001_96d3c82f377dc371.pdf"])
def test_meta_of_a_city_decision(path):
    rec = normalize(read_document(path))
    m = rec.meta
    assert (m.doc_type, m.number, m.issued_date) == ("Quyết định", "5768/QĐ-UBND", "2015-10-29")
    assert (m.issuer, m.issuer_level, m.locality) == ("Ủy ban nhân dân thành phố Hà Nội", "province", "Hà Nội")
    assert m.signer.name == "Nguyễn Ngọc Tuấn" and m.signer.position == "Phó Chủ tịch"
    assert (m.period.from_, m.period.to) == (2016, 2020)
    numbers = {b.number for b in m.legal_bases}
    assert {"45/2012/NĐ-CP", "1419/QĐ-TTg", "27/2015/QĐ-UBND"} <= numbers
    assert not any(b.number and "TTr" in b.number for b in m.legal_bases)  # a Tờ trình is no basis


def test_district_plan_without_header():
    rec = normalize(read_document(CORPUS / "003_8818a6dd09bafe72.txt"))
    assert rec.meta.issuer_level == "district" and rec.meta.locality == "Mê Linh"
    assert [b.number for b in rec.meta.legal_bases] == ["1048/KH-SCT"]
    kinds = [s.kind for s in rec.sections]
    assert kinds[:4] == ["purpose", "content", "solutions", "implementation"]


@pytest.mark.parametrize("path", [CORPUS / "000_7343a46bed8251c6.txt", FIXTURES / "docx" / "000_7343a46bed8251c6.docx"])
def test_budget_totals_and_sources(path):
    b = normalize(read_document(path)).budget
    assert b.total_vnd == 8_360_000_000 and b.in_words.amount_vnd == 8_360_000_000
    amounts = {(s.kind, s.amount_vnd) for s in b.sources if s.kind != "other"}
    assert amounts == {("central", 1_080_000_000), ("local", 7_280_000_000)}
    assert [c.amount_vnd for c in b.categories] == [1_820_000_000, 1_080_000_000, 620_000_000, 4_840_000_000]
    assert {s.kind: s.amount_vnd for s in b.categories[0].sources} == {"central": 170_000_000, "local": 1_650_000_000}
    assert all(s.text for s in b.sources)  # every amount keeps its words


def test_named_sources_without_amounts_invent_nothing():
    b = normalize(read_document(CORPUS / "002_ecc70ffef244afd1.txt")).budget
    assert b.total_vnd is None and b.in_words is None
    assert {s.kind for s in b.sources} == {"central", "local", "other"}
    assert all(s.amount_vnd is None for s in b.sources)


@pytest.mark.parametrize("printed,number", [
    ("26/2014/TTLT /BTC-BCT", "26/2014/TTLT-BTC-BCT"), ("45/2012/NĐ-CP", "45/2012/NĐ-CP"),
    ("1419/QĐ-TTg", "1419/QĐ-TTg"), ("108 /KH-UBND", "108/KH-UBND"),
])
def test_document_numbers_are_normalised(printed, number):
    from vnlegal.normalize.meta import normalise_number
    assert normalise_number(printed) == number


def test_a_normalised_number_is_reported():
    rec = normalize(read_document(CORPUS / "001_96d3c82f377dc371.txt"))
    assert "26/2014/TTLT-BTC-BCT" in {b.number for b in rec.meta.legal_bases}
    assert [(i.printed, i.value) for i in rec.issues if i.code == "meta.number_normalised"] == \
        [("26/2014/TTLT /BTC-BCT", "26/2014/TTLT-BTC-BCT")]


def _sections_of(text: str):
    from vnlegal.extract.txt import parse_text
    from vnlegal.models.document import Document, SourceInfo
    from vnlegal.normalize.lines import document_lines
    from vnlegal.normalize.sections import segment
    doc = Document(source=SourceInfo(file="x.txt", sha256="", format="txt"), blocks=parse_text(text))
    roots, spans = segment(document_lines(doc))
    return [(s.kind, s.heading, s.level) for s, _, _ in spans]


@pytest.mark.parametrize("heading, kind", [
    ("III. LỘ TRÌNH THỰC HIỆN", "content"), ("III. NHIỆM VỤ, GIẢI PHÁP", "solutions"),
    ("IV. NHIỆM VỤ CỤ THỂ", "implementation"), ("III. PHẠM VI, ĐỐI TƯỢNG, NHU CẦU", "content"),
    ("VI. TỔ CHỨC THEO DÕI, KIỂM TRA VÀ CHẾ ĐỘ BÁO CÁO", "reporting"), ("II. CHỈ TIÊU CHỦ YẾU", "objectives"),
])
def test_classify_the_family_wording(heading, kind):
    assert classify(heading) == kind


def test_regulation_chapters_and_articles_without_quyet_dinh_line():
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\n"
            "Ủy ban nhân dân ban hành Quyết định ban hành Quy chế quản lý chợ.\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý chợ.\n\nĐiều 2. Hiệu lực thi hành.\n\n"
            "QUY CHẾ\n\nChương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\nQuy chế này quy định việc quản lý chợ.\n\n"
            "Chương II\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều 5. Trách nhiệm của Sở Công Thương\n\nChủ trì, hướng dẫn.\n")
    got = _sections_of(text)
    assert got[:2] == [("preamble", "Căn cứ", 0), ("articles", "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý chợ.", 0)]
    assert ("other", "Chương I", 1) in got and ("implementation", "Chương II", 1) in got
    assert ("implementation", "Điều 5. Trách nhiệm của Sở Công Thương", 2) in got


def test_flattened_table_numbers_and_v_v_are_no_headings():
    text = ("KẾ HOẠCH\n\nV/V HỖ TRỢ NHU YẾU PHẨM\n\nI. MỤC TIÊU\n\nHỗ trợ kịp thời.\n\n|\n1.1\n|\n80.000 đồng/người/ buổi\n|\n"
            "2. Nhu cầu hỗ trợ\n\nGạo, nước uống.\n")
    got = _sections_of(text)
    assert [h for _, h, _ in got] == ["I. MỤC TIÊU", "2. Nhu cầu hỗ trợ"]

# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("_HEADING_NUMBER", "match", "ii. nhiệm vụ và giải pháp", 0, "ii. ", "nhiệm vụ và giải pháp"),
    ("_SUBJECT_LINE", "match", "V/V TRIỂN KHAI KẾ HOẠCH", 0, "V/V", "V/v triển khai kế hoạch"),
    ("_SENTENCE_INSIDE", "search", "Thực hiện tốt công tác. Các sở", 0, ". C", "Mục đích, yêu cầu"),
    ("_WORDS_START", "match", "Tổ chức thực hiện", 0, "T", "80.000 đồng"),
    ("_ENACTING_WORDS", "match", "QUYẾT ĐỊNH:", 0, "QUYẾT ĐỊNH:", "QUYẾT ĐỊNH SỐ 12"),
    ("_FIRST_ARTICLE", "match", "Điều 1. Ban hành kèm theo Quyết định này", 0, "Điều 1.", "Điều 10. Tổ chức thực hiện"),
    ("_AUTHORITY", "match", "TM. ỦY BAN NHÂN DÂN", 1, "TM.", "TM ỦY BAN NHÂN DÂN"),
    ("_CHAIR", "match", "PHÓ CHỦ TỊCH", 0, "PHÓ CHỦ TỊCH", "CHỦ TỊCH ỦY BAN NHÂN DÂN"),
    ("_ANNEX", "match", "PHỤ LỤC I", 0, "PHỤ LỤC", "Phụ lục I"),
    ("_ANNEX_TABLE", "match", "DANH MỤC NHIỆM VỤ", 1, "DANH MỤC", "NHIỆM VỤ VÀ GIẢI PHÁP"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(sections, name), how, line, group, want, miss)


def test_a_scans_roman_numerals_in_order_are_headings():
    """OCR reads "II." as "H." and "III." as "HI.": before a section's own words
    and in the document's order they are its top headings; out of order, or on
    a typed page, they are not; "1." stays a numbered paragraph."""
    from vnlegal.normalize.lines import Line
    from vnlegal.normalize.sections import segment
    texts = ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "H. NỘI DUNG", "1. Tuyên truyền", "HI. GIẢI PHÁP THỰC HIỆN",
             "H. TỔ CHỨC THỰC HIỆN"]
    lines = [Line(t, k, 1, ocr=True) for k, t in enumerate(texts)]
    roots, _ = segment(lines)
    assert [(s.number, s.kind, s.heading) for s in roots] == [
        ("I", "purpose", "I. MỤC ĐÍCH, YÊU CẦU"), ("II", "content", "H. NỘI DUNG"),
        ("III", "solutions", "HI. GIẢI PHÁP THỰC HIỆN")]
    assert [c.number for c in roots[0].children] == ["1"]
    typed = [Line(t, k, 1) for k, t in enumerate(texts)]
    assert [s.heading for s in segment(typed)[0]] == ["I. MỤC ĐÍCH, YÊU CẦU"]
