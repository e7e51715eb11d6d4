"""assignments: the rows of a real assignment table in every format."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, FIXTURES
from vnlegal.extract import read_document
from vnlegal.pipeline import normalize


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
