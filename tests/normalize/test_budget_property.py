"""Property: a generated budget table, printed as a Word text dump and as a
DOCX table with one cell misprinted, comes back with every value right and
exactly that cell flagged."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vnlegal.extract import read_document

from vnlegal.pipeline import normalize

UNITS = [("triệu đồng", 10**6), ("1000đồng", 1000), ("nghìn đồng", 1000), ("đồng", 1)]
ITEM_UNITS = ["Năm", "Lớp", "Hội thảo", "Phóng sự", "Bài viết", "DN", "Đoàn", "Trang tin"]
SOURCES = ["Ngân sách Trung ương", "Ngân sách địa phương"]
ROMAN = ["I", "II", "III", "IV", "V"]


@dataclass
class Line:
    code: str  # "" on a continuation row
    unit: str  # "" when inherited
    price: int
    qty: list[int]
    source: str
    shown_price: bool = True

    def amounts(self) -> list[int]:
        return [q * self.price for q in self.qty]


@dataclass
class Plan:
    unit: tuple[str, int]
    mark: str
    start: int
    groups: list[list[Line]] = field(default_factory=list)
    with_source: bool = True

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.start + len(self.groups[0][0].qty)))


@st.composite
def plans(draw):
    n_years = draw(st.integers(2, 5))
    with_source = draw(st.booleans())
    groups = []
    for _ in range(draw(st.integers(1, 3))):
        lines = []
        for code in range(1, draw(st.integers(1, 3)) + 1):
            unit = draw(st.sampled_from(ITEM_UNITS))
            price = draw(st.integers(1, 400)) * draw(st.sampled_from([1, 5, 10]))
            qty = draw(st.lists(st.integers(0, 12), min_size=n_years, max_size=n_years))
            lines.append(Line(str(code), unit, price, qty, SOURCES[1]))
            extra = draw(st.sampled_from(["none", "source", "unit"]))
            if extra == "source" and with_source:
                # the same item, paid from another source: unit and price inherited
                lines[-1].source = SOURCES[0]
                lines.append(Line("", "", price, draw(st.lists(st.integers(0, 12), min_size=n_years, max_size=n_years)),
                                  SOURCES[1], shown_price=False))
            elif extra == "unit":
                other = draw(st.sampled_from([u for u in ITEM_UNITS if u != unit]))
                lines.append(Line("", other, draw(st.integers(1, 90)),
                                  draw(st.lists(st.integers(0, 12), min_size=n_years, max_size=n_years)), SOURCES[1]))
        if not any(sum(l.qty) for l in lines):
            lines[0].qty[0] = 1
        groups.append(lines)
    return Plan(unit=draw(st.sampled_from(UNITS)), mark=draw(st.sampled_from([".", ","])),
                start=draw(st.integers(2015, 2024)), groups=groups, with_source=with_source)


def fmt(v: int, mark: str) -> str:
    return f"{v:,}".replace(",", mark)


def cells_of(plan: Plan) -> tuple[list[list[str]], dict]:
    """The printed rows, and for each item line its (row index, where)."""
    head1 = ["TT", "Nội dung công việc", "Đơn vị tính", "Đơn giá"]
    head2 = ["", "", "", ""]
    for y in plan.years:
        head1 += [f"Năm {y}", ""]
        head2 += ["Số lượng", "Thành tiền"]
    head1 += ["Tổng cộng"] + (["Nguồn kinh phí"] if plan.with_source else [])
    head2 += [""] + ([""] if plan.with_source else [])
    rows = [head1, head2]
    where = {}
    grand = [0] * len(plan.years)
    for g, lines in enumerate(plan.groups):
        sums = [sum(l.amounts()[k] for l in lines) for k in range(len(plan.years))]
        grand = [a + b for a, b in zip(grand, sums)]
        row = [ROMAN[g], f"NHÓM NHIỆM VỤ SỐ {g + 1}", "", ""]
        for s in sums:
            row += ["", fmt(s, plan.mark) if s else "-"]
        rows.append(row + [fmt(sum(sums), plan.mark)] + ([""] if plan.with_source else []))
        code = None
        for n, l in enumerate(lines):
            code = l.code or code
            row = [l.code, f"Hoạt động {g + 1}.{code} của kế hoạch" if l.code else "", l.unit,
                   fmt(l.price, plan.mark) if l.shown_price or l.unit else ""]
            for q, a in zip(l.qty, l.amounts()):
                row += [str(q) if q else "-", fmt(a, plan.mark) if a else "-"]
            row += [fmt(sum(l.amounts()), plan.mark)] + ([l.source] if plan.with_source else [])
            where[(g, n)] = (len(rows), f"{ROMAN[g]}.{code}")
            rows.append(row)
    rows.append(["", "Tổng cộng", "", ""] + sum((["", fmt(s, plan.mark) if s else "-"] for s in grand), [])
                + [fmt(sum(grand), plan.mark)] + ([""] if plan.with_source else []))
    return rows, where


def preamble(plan: Plan) -> list[str]:
    end = plan.years[-1]
    return ["ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "Số: 12/KH-UBND", "KẾ HOẠCH",
            f"Thực hiện sản xuất sạch hơn giai đoạn {plan.years[0]} - {end}",
            "Căn cứ Quyết định số 1419/QĐ-TTg ngày 07/9/2009 của Thủ tướng Chính phủ;",
            "PHỤ LỤC", f"DỰ TOÁN KINH PHÍ GIAI ĐOẠN {plan.years[0]} - {end}",
            f"Đơn vị tính: {plan.unit[0]}"]


def write_txt(plan: Plan, rows: list[list[str]], path: Path) -> None:
    out = [*preamble(plan), ""]
    for row in rows:
        out += ["\t" + c for c in row] + [""]
    out += ["", "Nơi nhận:"]
    path.write_text("\n".join(out), encoding="utf-8")


def write_docx(plan: Plan, rows: list[list[str]], path: Path) -> None:
    import docx
    d = docx.Document()
    for p in preamble(plan):
        d.add_paragraph(p)
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    for k in range(len(plan.years)):  # "Năm 2016" spans its two columns
        t.cell(0, 4 + 2 * k).merge(t.cell(0, 5 + 2 * k))
        t.cell(0, 4 + 2 * k).text = f"Năm {plan.years[k]}"
    d.add_paragraph("Nơi nhận:")
    d.save(str(path))


def corrupt(plan: Plan, rows, where, choice: int, how: str, fmt_name: str = "txt"):
    """Misprint one cell; returns (where, printed) of what must be flagged.

    "digit", "decimal", "off": an item's amount misprinted; "stray": a number
    that belongs nowhere added to a group row (in a text dump it shifts the
    cells after it, in a DOCX it sits in a quantity column)."""
    if how == "stray":
        group_rows = [r for r, row in enumerate(rows) if row[0] in ROMAN]
        r = group_rows[choice % len(group_rows)]
        k = choice % len(plan.years)
        if fmt_name == "txt":
            rows[r].insert(5 + 2 * k, "8")
            return rows[r][0], "8"
        rows[r][4 + 2 * k] = "8"
        return f"{rows[r][0]} {plan.years[k]}", "8"
    cells = [(g, n, k) for (g, n) in where for k, q in enumerate(plan.groups[g][n].qty) if q]
    g, n, k = cells[choice % len(cells)]
    r, w = where[(g, n)]
    col = 5 + 2 * k
    true = plan.groups[g][n].amounts()[k]
    if how == "digit":
        printed = fmt(true * 10 + 7, plan.mark)  # a digit too many
    elif how == "decimal" and true >= 1000:
        s = fmt(true, plan.mark)
        printed = s[:-1]  # "4.00" for "400", "1.82" for "1.820": the mark now reads as a decimal point
    else:
        printed = fmt(true + plan.groups[g][n].price, plan.mark)
    rows[r][col] = printed
    return f"{w} {plan.years[k]}", printed


def check(plan: Plan, rec, want_where: str, printed: str):
    t = rec.budget.table
    mult = plan.unit[1]
    assert t is not None and t.years == plan.years and t.multiplier == mult
    items = [l for lines in plan.groups for l in lines]
    assert len(t.items) == len(items)
    for got, l in zip(t.items, items):
        assert got.unit_price_vnd == l.price * mult
        assert [got.by_year[str(y)].amount_vnd for y in plan.years] == [a * mult for a in l.amounts()]
        assert [got.by_year[str(y)].qty or 0 for y in plan.years] == l.qty
        assert got.total_vnd == sum(l.amounts()) * mult
        assert got.source == ("central" if l.source == SOURCES[0] else "local" if plan.with_source else None)
    for got, lines in zip(t.groups, plan.groups):
        assert got.total_vnd == sum(sum(l.amounts()) for l in lines) * mult
    assert t.grand_total.total_vnd == sum(sum(l.amounts()) for l in items) * mult
    flagged = [i for i in rec.issues if i.code.startswith("budget.") and i.severity != "info"]
    assert [(i.where, i.printed) for i in flagged] == [(want_where, printed)], flagged


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.integers(0, 1000), st.sampled_from(["digit", "decimal", "off", "stray"]),
       st.sampled_from(["txt", "docx"]))
def test_generated_tables_recover_every_value_and_flag_the_misprint(plan, choice, how, fmt_name):
    rows, where = cells_of(plan)
    want_where, printed = corrupt(plan, rows, where, choice, how, fmt_name)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"plan.{fmt_name}"
        (write_txt if fmt_name == "txt" else write_docx)(plan, rows, path)
        rec = normalize(read_document(path))
    check(plan, rec, want_where, printed)
