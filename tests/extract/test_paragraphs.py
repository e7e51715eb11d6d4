"""The paragraph engine's patterns (issue 12): each named pattern on a real
line it must match and a near miss it must not."""
from __future__ import annotations

import pytest

from tests.named_patterns import check, ids
from vnlegal.extract import paragraphs
from vnlegal.extract.paragraphs import broken_word, join_lines

PATTERNS = [
    ("CODE_AFTER_HYPHEN", "match", "CP ngày 14/7/2021 của Chính phủ", 0, "CP", "Nội, ngày 10 tháng 6 năm 2025"),
    ("_FIGURE_END", "search", "Kinh phí 1.250", 0, "1.250", "Kinh phí dự kiến"),
    ("_FIGURE_ONLY", "match", "000", 0, "000", "000 đồng"),
    ("_LAST_LETTERS", "search", "Số lượ", 1, "lượ", "Số lượng 12"),
    ("_FIRST_LETTERS", "match", "ng 12", 1, "ng", "12 người"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(paragraphs, name), how, line, group, want, miss)


def test_a_number_broken_at_its_hyphen_is_joined_and_a_word_broken_in_a_cell_too():
    assert join_lines(["Nghị định số 78/2021/NĐ-", "CP ngày 14/7/2021"]) == "Nghị định số 78/2021/NĐ-CP ngày 14/7/2021"
    assert join_lines(["Hà-", "Nội"]) == "Hà- Nội"
    assert broken_word("Số lượ", "ng") and broken_word("1.250", "000") and not broken_word("Số", "lượng")
