"""Reconciliation: reading figures, aligning ragged rows, and the budget
tables of the real decisions in every format."""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from vnlegal.extract import read_document
from vnlegal.normalize import reconcile as rc

from tests.conftest import CORPUS, FIXTURES
from tests.named_patterns import check, ids
from vnlegal.pipeline import normalize, process_file


@pytest.mark.parametrize("text,mark,values", [
    ("1.820", ".", [1820.0]), ("2,950,000", ",", [2950000.0]), ("45,8", ".", [45.8]),
    ("4.00", ".", [4.0, 400.0, 4000.0]),  # malformed for a "." table: a decimal, or a digit lost
    ("2,950,00", ",", [295000.0, 2950000.0]), ("-", ".", [0.0]), ("", ".", [0.0]),
])
def test_a_printed_figure_and_what_it_can_mean(text, mark, values):
    assert rc.read(text, mark).values == values


@pytest.mark.parametrize("text,value", [
    ("240,000 -", 240000.0), ("570,000 :", 570000.0), ("1,500,0 - 00", 1500000.0), ("240,000.", 240000.0),
])
def test_a_mark_a_speck_left_beside_a_figure_is_no_part_of_it(text, value):
    """A scan's speck or a rule's end read as a mark next to a figure: the
    figure is read, flagged as garbled so its reading is said."""
    f = rc.read(text, ",", garbled_ok=True)
    assert f.values == [value] and f.garbled
    assert rc.is_figure_like(text)
    if " " in text:
        assert rc.read(text, ",") is None  # outside a figure's cell, the words are no figure


@pytest.mark.parametrize("text,like", [
    ("1/150000", True), ("3,B10,000", True), ("Ì", True), (":", True),
    ("Ngân sách", False), ("Hội thảo 3", False), ("1a2b3c4d", False),
])
def test_what_a_scan_made_of_a_figure(text, like):
    assert rc.is_figure_like(text) is like


def test_thousands_mark_is_decided_per_table():
    assert rc.thousands_mark(["1.820", "340", "4.840", "8.360"]) == "."
    assert rc.thousands_mark(["2,950,000", "570,000", "8"]) == ","


def _figs(*texts, mark=","):
    return [rc.read(t, mark) for t in texts]


def test_a_row_that_lost_its_empty_cells_is_aligned_by_its_checks():
    # price 400,000; 2016: 1 × 400,000; then four years printed as one "0" each; total
    row = rc.align_item(_figs("1", "400,000", "0", "0", "0", "0", "400,000"), 400000, 5)
    assert [(y.qty, y.amount) for y in row.years] == [(1, 400000), (None, 0), (None, 0), (None, 0), (None, 0)]
    assert row.total == 400000 and not [n for n in row.notes if n.kind == "stray"]


def test_a_stray_figure_in_a_row_is_dropped():
    row = rc.align_item(_figs("2", "100", "9", "1", "50", "150", mark="."), 50, 2)
    assert [(y.qty, y.amount) for y in row.years] == [(2, 100), (1, 50)] and row.total == 150
    assert [n.figure.printed for n in row.notes if n.kind == "stray"] == ["9"]


def test_sum_rows_keep_the_figures_the_items_agree_with():
    values, dropped, _ = rc.pick(_figs("640,000", "640,000", "8", "640,000", "3,200,000"), [640000, 640000, 640000, 1920000 + 1280000])
    assert [v for v, _ in values][:3] == [640000, 640000, 640000] and [d.printed for d in dropped] == ["8"]


def test_a_budget_named_without_figures_invents_none():
    rec = normalize(read_document(CORPUS / "002_ecc70ffef244afd1.txt"))
    assert rec.budget.total_vnd is None and rec.budget.table is None
    assert rec.budget.sources and all(s.amount_vnd is None for s in rec.budget.sources)


def test_an_amount_that_disagrees_with_quantity_times_price_is_mended_when_the_total_agrees():
    # 2 × 50 printed "90"; the row total 150 agrees with 100 + 50
    res = rc.fixed_row(_figs("2", "90", "1", "50", mark="."), rc.read("150", "."), 50, 2, True)
    total, found = rc.check_item(res, "I.2", [2016, 2017])
    assert [y.amount for y in res.years] == [100, 50] and total == 150
    assert found == [rc.AmountByQtyPrice("I.2 2016", "90", 100)]
    assert rc.issue(found[0], 10**6).value == 100_000_000


def test_a_row_whose_years_miss_its_total_fails_its_check():
    res = rc.fixed_row(_figs("1", "50", "1", "50", mark="."), rc.read("120", "."), 50, 2, True)
    total, found = rc.check_item(res, "II.1", [2016, 2017])
    assert total == 100 and found == [rc.RowTotalCorrected("II.1 total", "120", 100)]


def test_a_sum_row_keeps_what_its_rows_give_and_says_so():
    ys, total, found = rc.check_sum_row(_figs("60", "45", "100", mark="."), [], [(2016, None), (2017, None)],
                                        [60, 40, 100], "I", [2016, 2017])
    assert (ys, total) == ([60, 40], 100) and found == [rc.SumCellCorrected("I 2017", "45", 40, rc.ITEMS_VS_GROUP)]


def test_every_finding_has_its_wording():
    import dataclasses
    kinds = [c for c in vars(rc).values() if isinstance(c, type) and issubclass(c, rc.Finding) and c is not rc.Finding]
    for kind in kinds:
        special = {"reason": "unit", "check": rc.ITEMS_VS_GROUP}
        args = {f.name: special.get(f.name, "x" if f.type in ("str", "str | None") else 1) for f in dataclasses.fields(kind)}
        got = rc.issue(kind(**args))
        assert got.code.startswith("budget.") and set(got.checks) <= set(rc.CHECKS)

# issue 12: the module's named patterns, each on a real cell and a near miss
PATTERNS = [
    ("_DIGIT", "search", "1O", 0, "1", "Ìl"),
    ("_NOT_FIGURE", "search", "1.2O0", 0, "O", "1.200"),
    ("_WORDLIKE", "search", "Ngân sách tỉnh", 0, "Ngân", "1O0"),
]


@pytest.mark.parametrize("name, how, line, group, want, miss", PATTERNS, ids=ids(PATTERNS))
def test_named_pattern(name, how, line, group, want, miss):
    check(getattr(rc, name), how, line, group, want, miss)


ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {"lang": "vnlegal.lang", "models": "vnlegal.models", "extract": "vnlegal.extract",
            "normalize": "vnlegal.normalize", "vnlegal": "vnlegal"}


def _checks_written() -> dict[str, list[str]]:
    """Every name written in a ``checks=[…]`` of the package, with where: a string written out, or a
    constant resolved in its module (or in reconcile, where the constants are, for a stage that imports
    them in its body). A finding's own ``f.check`` is set from those constants where it is made."""
    found: dict[str, list[str]] = {}
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            parts = [p for p in path.relative_to(ROOT / folder).with_suffix("").parts if p != "__init__"]
            module = ".".join([package, *parts])
            for node in ast.walk(tree):
                if not isinstance(node, ast.keyword) or node.arg != "checks" or not isinstance(node.value, ast.List):
                    continue
                for elt in node.value.elts:
                    where = f"{path.relative_to(ROOT)}:{elt.lineno}"
                    if isinstance(elt, ast.Constant):
                        found.setdefault(elt.value, []).append(where)
                    elif isinstance(elt, ast.Name):
                        mod = importlib.import_module(module)
                        value = getattr(mod, elt.id, None) or getattr(rc, elt.id)
                        found.setdefault(value, []).append(where)
    return found


def test_every_check_an_issue_names_is_in_the_table_of_checks():
    written = _checks_written()
    # the header's, the gazetteer's, the number's and the reader's checks are written too, not only the budget's
    assert {rc.HEADER_NUMBER, rc.HEADER_DATE, rc.NUMBER_FORMAT, rc.READING, rc.QTY_PRICE} <= set(written)
    unknown = {name: where for name, where in written.items() if name not in rc.CHECKS}
    assert not unknown
    # and each is written through its constant, once: no check name spelled out at a call site
    assert not [w for name, where in written.items() for w in where if _spelled_out(w)]


def _spelled_out(where: str) -> bool:
    path, line = where.rsplit(":", 1)
    text = (ROOT / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    return any(f'"{name}"' in text for name in rc.CHECKS)


@pytest.mark.parametrize("path", ["real/R04_LaiChau_1629_2025.pdf", "docx/000_7343a46bed8251c6.docx",
                                  "docx/001_96d3c82f377dc371.docx"])
def test_the_checks_of_real_records_are_in_the_table(path):
    rec = process_file(FIXTURES / path)
    names = {n for i in rec["issues"] for n in i.get("checks") or []}
    assert names and names <= set(rc.CHECKS)
