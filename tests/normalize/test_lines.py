"""The lines stage: a saved web page begins where the document does."""
from __future__ import annotations

import pytest

from vnlegal.extract.txt import parse_text
from vnlegal.models.document import Document, SourceInfo
from vnlegal.normalize.lines import document_lines
from tests.named_patterns import check, ids
from vnlegal.normalize import lines as lines_stage

PAGE = """Trang chủ | Văn bản | Hỏi đáp
Đang tải văn bản...
**Số hiệu:**
|
45/2024/NQ-HĐND
|
**Người ký:**
|
Nguyễn Văn A
|
**HỘI ĐỒNG NHÂN DÂN**
TỈNH BẮC NINH
-------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
Số: 45/2024/NQ-HĐND
"""


def lines_of(text: str) -> list[str]:
    doc = Document(source=SourceInfo(file="x.txt", sha256="", format="txt"), blocks=parse_text(text))
    return [l.text for l in document_lines(doc)]


def test_the_portal_preamble_is_left_out():
    assert lines_of(PAGE)[:3] == ["HỘI ĐỒNG NHÂN DÂN", "TỈNH BẮC NINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


def test_a_document_with_its_header_first_keeps_everything():
    text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n\nSố: 5/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nKẾ HOẠCH\n"
    assert lines_of(text)[0] == "ỦY BAN NHÂN DÂN"

# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("_BODY_WORDS", "search", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025", 0, "Căn cứ",
     "ỦY BAN NHÂN DÂN TỈNH LÀO CAI Số: 16/2026/QĐ-UBND"),
    ("_BODY_WORDS", "search", "Điều 1. Ban hành kèm theo Quyết định này", 0, "Điều 1", "Điều khoản thi hành"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(lines_stage, name), how, line, group, want, miss)
