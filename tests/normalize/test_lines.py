"""The lines stage: a saved web page begins where the document does."""
from __future__ import annotations

from vnlegal.extract.txt import parse_text
from vnlegal.models.document import Document, SourceInfo
from vnlegal.normalize.lines import document_lines

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
