"""agencies: who is given work, with which role, in real plans of every format."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, FIXTURES
from vnlegal.extract import read_document
from vnlegal.pipeline import normalize
from tests.named_patterns import check, ids
from vnlegal.normalize import agencies


@pytest.mark.parametrize("path", [CORPUS / "001_96d3c82f377dc371.txt", FIXTURES / "docx" / "001_96d3c82f377dc371.docx",
                                  FIXTURES / "pdf" / "001_96d3c82f377dc371.pdf"])
def test_agencies_of_a_city_plan(path):
    rec = normalize(read_document(path))
    names = {a.name: a.role for a in rec.agencies}
    assert set(names) == {
        "Sở Công Thương", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường",
        "Sở Khoa học và Công nghệ", "Ủy ban nhân dân các quận, huyện, thị xã",
        "Ban Quản lý các khu công nghiệp và chế xuất",
    }
    assert names["Sở Tài chính"] == "lead" and names["Sở Kế hoạch và Đầu tư"] == "coordinate"


def test_agencies_of_a_district_plan():
    rec = normalize(read_document(CORPUS / "003_8818a6dd09bafe72.txt"))
    names = {a.name for a in rec.agencies}
    assert {"Phòng Kinh tế", "Phòng Tài nguyên và Môi trường", "Liên đoàn Lao động huyện",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "Ủy ban nhân dân các xã, thị trấn",
            "Trung tâm Văn hóa Thông tin và Thể thao huyện"} <= names
    assert "Sở Công Thương Hà Nội" not in names  # only a recipient, in "Nơi nhận"


def _agencies_of(text: str):
    from vnlegal.extract.txt import parse_text
    from vnlegal.models.document import Document, SourceInfo
    from vnlegal.normalize import normalize as run
    doc = Document(source=SourceInfo(file="x.txt", sha256="", format="txt"), blocks=parse_text(text))
    return {a.name: (a.role, len(a.tasks)) for a in run(doc, stages=["agencies"]).agencies}


def test_a_regulation_article_naming_a_body_and_its_numbered_duties():
    text = ("Chương III\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều 16. Trách nhiệm Sở Công Thương\n\n"
            "1. Chủ trì giúp Ủy ban nhân dân tỉnh quản lý cụm công nghiệp.\n\n2. Báo cáo định kỳ về cụm công nghiệp.\n\n"
            "Điều 17. Trách nhiệm của Sở Tài chính\n\n1. Bố trí kinh phí hạ tầng cụm công nghiệp.\n")
    got = _agencies_of(text)
    assert got == {"Sở Công Thương": ("lead", 2), "Sở Tài chính": ("lead", 1)}


def test_a_table_cell_that_names_no_body_is_no_agency():
    text = ("V. TỔ CHỨC THỰC HIỆN\n\nCác sở, ngành triển khai.\n\n|\nSTT\n|\nNhiệm vụ\n|\nChủ trì\n|\nPhối hợp\n|\n"
            "Thời gian\n|\n|\n1\n|\nRà soát cơ chế.\n|\nSở Tài chính\n|\nSở, ban, ngành có liên quan\n|\n2026\n|\n|\n"
            "2\n|\nHỗ trợ doanh nghiệp.\n|\nSở Công Thương\n|\nViện, Trường; Doanh nghiệp\n|\n2027\n|\n")
    assert set(_agencies_of(text)) == {"Sở Tài chính", "Sở Công Thương"}


def test_the_article_on_implementation_of_a_resolution_and_bodies_of_2025():
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\nQUYẾT NGHỊ:\n\n"
            "Điều 1. Phạm vi điều chỉnh\n\nNghị quyết này quy định mức chi.\n\nĐiều 2. Tổ chức thực hiện\n\n"
            "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.\n\n"
            "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh giám sát việc thực hiện.\n\n"
            "3. Công ty Điện lực Bắc Ninh, Thuế tỉnh phối hợp bảo đảm điện, thu ngân sách.\n")
    got = _agencies_of(text)
    assert set(got) == {"Ủy ban nhân dân tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Công ty Điện lực Bắc Ninh",
                        "Thuế tỉnh"}
    assert got["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"][0] == "support"


def test_the_merged_provincial_press_of_2025_heads_a_list_of_bodies():
    """Since 2025 a province's newspaper and broadcaster are one body, 'Báo và
    Phát thanh, Truyền hình …'; named first in a heading, it and the Sở after it
    are both given the work."""
    text = ("KẾ HOẠCH\n\nIV. TỔ CHỨC THỰC HIỆN\n\n**9.\nBáo và Phát thanh - Truyền hình Đắk Lắk, Sở Văn hóa, Thể thao "
            "và Du lịch, Cổng\nThông tin điện tử tỉnh:**\n\nTheo chức năng, nhiệm vụ tăng cường thông tin, tuyên truyền "
            "về kế hoạch hỗ trợ.\n")
    got = _agencies_of(text)
    assert {"Báo và Phát thanh - Truyền hình Đắk Lắk", "Sở Văn hóa, Thể thao và Du lịch"} <= set(got)
    assert "Báo cáo" not in " ".join(got)

# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("_DEPTH_1", "match", "Điều 6. Tổ chức thực hiện", 0, "Điều 6", "2. Sở Tài chính"),
    ("_DEPTH_1", "match", "II. NHIỆM VỤ VÀ GIẢI PHÁP", 0, "II.", "Ii. nhiệm vụ"),
    ("_DEPTH_2", "match", "2. Sở Tài chính chủ trì", 0, "2.", "2025 của Chính phủ"),
    ("_DEPTH_3", "match", "a) UBND các xã, phường", 0, "a)", "a. UBND các xã, phường"),
    ("_LEAD_BODY", "search", "sở khoa học và công nghệ là cơ quan thường trực, ", 1, "thường trực",
     "là cơ quan nhà nước"),
    ("_PARTNER", "match", "có trách nhiệm phối hợp với sở tài chính", 0, "có trách nhiệm phối hợp",
     "chủ trì, phối hợp với sở tài chính"),
    ("_NUMBERED_BODY", "match", "2. Sở Tài chính chủ trì", 0, "2. Sở", "2. Các sở, ban, ngành"),
    ("_BULLET", "match", "- Sở Công Thương: ", 0, "-", "Sở Công Thương"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(agencies, name), how, line, group, want, miss)
