"""Sections and metadata on the real decisions, all formats."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, FIXTURES
from vnlegal.extract import read_document
from vnlegal.normalize.sections import classify
from vnlegal.pipeline import normalize


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
