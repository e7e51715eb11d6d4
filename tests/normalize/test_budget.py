"""budget: the text's total, words, sources and categories; funding words as data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnlegal.normalize import budget
from vnlegal.normalize.budget import extract_budget, source_kind
from tests.named_patterns import check, ids


@pytest.mark.parametrize("text,kind", [
    ("Ngân sách\nTrung\nương", "central"), ("Ngân sách tỉnh", "local"), ("Nguồn xã hội hóa", "other"),
    ("Kinh phí sự nghiệp", "other"), ("", None),
])
def test_the_kind_of_a_funding_label(text, kind):
    assert source_kind(text) == kind


def test_funding_words_are_data_with_their_source():
    data = json.loads((Path(budget.__file__).parent / "data" / "funding_sources.json").read_text(encoding="utf-8"))
    assert data["_source"] and [k for k, _ in data["kinds"]] == ["central", "local", "other"]


def test_a_total_its_words_and_its_sources_that_disagree():
    text = ("Tổng kinh phí dự kiến: 1.200 triệu đồng (Bằng chữ: Một tỷ hai trăm triệu đồng chẵn)\n"
            "Ngân sách tỉnh: 700 triệu đồng; Ngân sách Trung ương: 400 triệu đồng")
    got, issues = extract_budget([text], text)
    assert got.total_vnd == 1_200_000_000 and got.in_words.amount_vnd == 1_200_000_000
    assert [(s.kind, s.amount_vnd) for s in got.sources] == [("central", 400_000_000), ("local", 700_000_000)]
    assert [(i.code, i.detail, i.checks) for i in issues] == [
        ("budget.sources_disagree", "sources sum to 1100000000, total is 1200000000", ["sources vs total"])]

# issue 12: the module's named patterns, each on a real line and a near miss
PATTERNS = [
    ("_TOTAL", "search", "Kinh phí thực hiện Kế hoạch hành động sản xuất sạch hơn trong công nghiệp trên địa bàn tỉnh "
     "giai đoạn 2016- 2020, dự kiến 8.360 triệu đồng (Trong đó", 3, "8.360 triệu đồng",
     "Kinh phí thực hiện Kế hoạch từ nguồn ngân sách địa phương"),
    ("_CATEGORY", "match", "a) Kinh phí truyền thông, nâng cao nhận thức về SXSH là 1.820 triệu đồng.", (1, 2),
     ("a", "Kinh phí truyền thông, nâng cao nhận thức về SXSH là 1.820 triệu đồng."),
     "- Ngân sách Trung ương: 170 triệu đồng."),
    ("_CATEGORY_START", "match", "d) Kinh phí đẩy mạnh áp dụng SXSH là 4.840 triệu đồng.", 0, "d)", "1) Kinh phí"),
    ("_SOURCE_AMOUNT", "match", ": 170 triệu đồng.", 1, "170 triệu đồng", " và các nguồn vốn hợp pháp khác"),
    ("_SOURCE_PARTS", "search", "620 triệu đồng. Trong đó", 0, ". ", "1.820 triệu đồng"),
    ("_TOTAL_LINE", "search", "Tổng cộng = 1.820 triệu đồng", 1, "1.820 triệu đồng", "Tổng cộng: 25 nhiệm vụ"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(budget, name), how, line, group, want, miss)


def test_the_sum_an_award_decision_grants_in_its_articles():
    """No budget section: the figure, the same sum in words, and the budget it
    is paid from, all three in the articles; a figure whose words disagree, or
    with no source named, is no total."""
    from vnlegal.normalize.budget import stated_total
    text = ("Điều 2. Mức tiền thưởng cho tập thể được tặng Cờ: 11.320.000 đồng; Nguồn tiền thưởng trong danh sách: "
            "24.480.000 đồng\n(Hai mươi bốn triệu bốn trăm tám mươi nghìn đồng) được cấp từ ngân sách tỉnh qua "
            "Văn phòng Ủy ban nhân dân tỉnh.")
    b = stated_total(text)
    assert (b.total_vnd, b.in_words.amount_vnd) == (24_480_000, 24_480_000)
    assert [(s.kind, s.amount_vnd) for s in b.sources] == [("local", 24_480_000)]
    assert stated_total(text.replace("tám mươi", "sáu mươi")) is None
    assert stated_total(text.replace("được cấp từ ngân sách tỉnh qua", "được chuyển qua")) is None
