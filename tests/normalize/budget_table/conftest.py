"""A budget appendix written for the tests, in the layout of the real ones:
TT | Nội dung | Đơn vị tính | Đơn giá | Năm …: Số lượng, Thành tiền | Tổng cộng | Nguồn."""
from __future__ import annotations

import pytest

from vnlegal.models.document import Block, Document, SourceInfo, Table

HEADER = [
    ["TT", "Nội dung", "Đơn vị tính", "Đơn giá", "Năm 2016", "", "Năm 2017", "", "Tổng cộng", "Nguồn kinh phí"],
    ["", "", "", "", "Số lượng", "Thành tiền", "Số lượng", "Thành tiền", "", ""],
]
BODY = [
    ["I", "Tuyên truyền", "", "", "", "80", "", "40", "120", ""],
    ["1", "Phóng sự", "Phóng sự", "20", "3", "60", "2", "40", "100", "Ngân sách tỉnh"],
    ["", "", "Bài viết", "10", "2", "20", "", "-", "20", "Ngân sách Trung ương"],
    ["", "Tổng cộng", "", "", "", "80", "", "40", "120", ""],
]


def document(rows, unit_line="Đơn vị tính: triệu đồng") -> Document:
    blocks = [Block("paragraph", "PHỤ LỤC DỰ TOÁN KINH PHÍ"), Block("paragraph", unit_line),
              Block("table", table=Table([list(r) for r in rows]), page=3)]
    return Document(SourceInfo("plan.docx", "0" * 64, "docx"), blocks)


@pytest.fixture
def plan_table() -> Table:
    return Table([list(r) for r in HEADER + BODY])


@pytest.fixture
def plan_doc() -> Document:
    return document(HEADER + BODY)
