"""The one text normaliser's control-character rule: what a damaged file
carries (NUL, escape, C1 controls) goes; tab and line feed, which carry
layout, stay; a form feed or carriage return inside a line still parts words."""
from __future__ import annotations

from vnlegal.lang.text import drop_controls


def test_controls_go_and_layout_stays():
    assert drop_controls("Số:\x00 108/KH-UBND\x07") == "Số: 108/KH-UBND"
    assert drop_controls("Điều 1.\tMục tiêu\nĐiều 2.") == "Điều 1.\tMục tiêu\nĐiều 2."
    assert drop_controls("Ủy ban\x1b[0m nhân dân\x85") == "Ủy ban[0m nhân dân"


def test_a_break_inside_a_line_keeps_two_words_apart():
    assert drop_controls("Kế\x0choạch\rnăm\x0b2025") == "Kế hoạch năm 2025"


def test_vietnamese_text_is_untouched():
    line = "QUYẾT ĐỊNH Về việc phê duyệt Kế hoạch năm 2025 — “Căn cứ” Luật Tổ chức chính quyền địa phương"
    assert drop_controls(line) is line
