"""`vnlegal check`: the budget shown, the checks recomputed, failures marked."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import CORPUS
from vnlegal.cli import cli
from vnlegal.pipeline import process_file


def _record(tmp_path, tamper=None):
    rec = process_file(CORPUS / "000_7343a46bed8251c6.txt")
    if tamper:
        tamper(rec)
    path = tmp_path / "000.json"
    path.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_shows_the_corrected_cell_and_passes(tmp_path):
    out = CliRunner().invoke(cli, ["check", str(_record(tmp_path))], terminal_width=200)
    assert out.exit_code == 0, out.output
    assert "budget.cell_corrected at IV.3 2017" in out.output
    assert "112 of 112 checks hold" in out.output


def test_check_fails_on_a_record_whose_figures_disagree(tmp_path):
    def tamper(rec):
        rec["budget"]["table"]["groups"][1]["by_year"]["2018"] = 999_000_000
    out = CliRunner().invoke(cli, ["check", str(_record(tmp_path, tamper))], terminal_width=200)
    assert out.exit_code == 1
    assert "✗ items vs group at II 2018" in out.output


def test_check_names_a_file_that_is_not_a_record(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    out = CliRunner().invoke(cli, ["check", str(bad)])
    assert out.exit_code == 1 and "bad.json" in out.output


def test_every_check_recomputed_is_one_the_pipeline_names(tmp_path):
    from vnlegal.normalize.reconcile import CHECKS
    from vnlegal.check import budget_checks
    rec = process_file(CORPUS / "000_7343a46bed8251c6.txt")
    assert {c.name for c in budget_checks(rec)} <= set(CHECKS)
    assert {name for i in rec["issues"] for name in i.get("checks") or [] if i["code"].startswith("budget.")} <= set(CHECKS)


@pytest.mark.parametrize("text", ['[1, 2]', '{"meta": "x"}', '{"meta": {}, "budget": {"table": {"groups": 5}}}',
                                  '{"meta": {}, "budget": {"table": {"items": [{"by_year": 3}]}}}'])
def test_check_names_a_malformed_record_and_goes_on(tmp_path, text):
    bad = tmp_path / "odd.json"
    bad.write_text(text, encoding="utf-8")
    good = _record(tmp_path)
    out = CliRunner().invoke(cli, ["check", str(bad), str(good)], terminal_width=200)
    assert out.exit_code == 1
    assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
    assert f"{bad}:" in out.output and "112 of 112 checks hold" in out.output


@pytest.mark.parametrize("tamper,failure", [
    (lambda rec: rec["budget"]["table"]["groups"][2].update(code="IV"), "✗ group sequence at IV"),
    (lambda rec: rec["budget"]["categories"][0].update(amount_vnd=1), "✗ categories vs groups at I"),
    (lambda rec: rec["budget"]["table"]["grand_total"].update(total_vnd=1), "✗ years vs total at grand total"),
])
def test_check_recomputes_the_sequence_the_categories_and_the_sum_row(tmp_path, tamper, failure):
    out = CliRunner().invoke(cli, ["check", str(_record(tmp_path, tamper))], terminal_width=200)
    assert out.exit_code == 1 and failure in out.output, out.output[-600:]
