"""agencies: who is given work, with which role, in real plans of every format."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, FIXTURES
from vnlegal.extract import read_document
from vnlegal.pipeline import normalize


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
