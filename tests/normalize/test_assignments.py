"""assignments: the rows of a real assignment table in every format."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, FIXTURES
from vnlegal.extract import read_document
from vnlegal.pipeline import normalize
from tests.named_patterns import check, ids
from vnlegal.normalize import assignments


@pytest.mark.parametrize("path", [CORPUS / "004_9fca6763afc4146e.txt", FIXTURES / "docx" / "004_9fca6763afc4146e.docx",
                                  FIXTURES / "pdf" / "004_9fca6763afc4146e.pdf"])
def test_assignment_table(path):
    rec = normalize(read_document(path))
    rows = {a.task: a for a in rec.assignments}
    assert len(rec.assignments) == 9
    a = rows["Về đầu tư và nhập khẩu công nghệ mới để khuyến khích phát triển SXSH"]
    assert set(a.lead) == {"Sở Kế hoạch và Đầu tư", "Sở Khoa học và Công nghệ"} and a.timeline == "2013-2014"
    a = rows["Về công tác tuyên truyền giáo dục"]
    assert a.lead == ["Sở Công Thương"] and "Sở Thông tin và Truyền thông" in a.partners
    assert a.timeline == "Thường xuyên"

# issue 12: the module's named patterns, each on a real cell and a near miss
PATTERNS = [
    ("_YEAR_RANGE", "search", "Năm 2025 - 2030", (1, 2), ("2025", "2030"), "Năm 2025, 2030"),
    ("_REPEATED", "match", "Năm 2026 Năm 2026", 1, "Năm 2026", "Năm 2026 Năm 2027"),
    ("_TRAILING_COLON", "search", "Tổ chức tập huấn:", 0, ":", "Tổ chức tập huấn: 2 lớp"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(assignments, name), how, line, group, want, miss)
