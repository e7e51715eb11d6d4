"""Sections and metadata on the real decisions, all formats."""
from __future__ import annotations

import pytest
from vnlegal.extract import read_document
from vnlegal.normalize.sections import classify

from tests.conftest import CORPUS, FIXTURES
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
