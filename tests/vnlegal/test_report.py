"""`vnlegal report`: one offline page of charts for a dataset, each chart with
the SQL that made it and the figures that SQL gives."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from tests.conftest import CORPUS
from vnlegal.cli import cli
from vnlegal.dataset import build
from vnlegal.report import CHARTS, render


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    for f in sorted(CORPUS.glob("*.txt")):
        shutil.copy(f, src / f.name)
    out = tmp_path_factory.mktemp("out")
    build([src], out, workers=2)
    return out


def _values(v):
    """A trace's values: a list, or plotly's typed array ({"dtype", "bdata"} in base64)."""
    if isinstance(v, dict) and "bdata" in v:
        import base64

        import numpy as np
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return v


def _figure(html: str, chart_id: str) -> list[dict]:
    """The data plotly draws for one chart, read back from the page."""
    m = re.search(rf'Plotly\.newPlot\(\s*"chart-{chart_id}",\s*(\[.*?\]),\s*\{{', html, re.S)
    assert m, chart_id
    return [{k: _values(v) for k, v in trace.items()} for trace in json.loads(m.group(1))]


def test_the_report_draws_every_chart_from_its_sql(dataset):
    html = render(dataset / "vnlegal.sqlite")
    for chart in CHARTS:
        assert f'id="{chart.id}"' in html and chart.title in html
    # plotly.js is in the page once, and nothing is fetched from the network
    assert html.count("plotly.js v") == 1
    assert not re.search(r'<script[^>]+src="https?:', html)
    leads = _figure(html, "leads")
    names = [n for trace in leads for n in trace["y"]]
    assert "Sở Công Thương" in names
    decisions = _figure(html, "decisions")
    assert sum(sum(t["x"]) for t in decisions) == 5  # the five seed decisions, each once
    assert "5 <" in html.replace("<b>5</b>decisions", "5 <")  # the headline count


def test_the_budget_chart_adds_up_to_the_tables(dataset):
    html = render(dataset / "vnlegal.sqlite")
    budgets = _figure(html, "budgets")
    total = sum(sum(t["y"]) for t in budgets)
    # 000 (8.36 bn) + 001 (17.7 bn): the seeds' budget tables, in billions
    assert round(total, 2) == 26.06


def test_the_command_writes_the_page_and_names_a_missing_dataset(dataset, tmp_path):
    out = CliRunner().invoke(cli, ["report", str(dataset), "-o", str(tmp_path / "r.html")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    missing = CliRunner().invoke(cli, ["report", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and missing.output.count("\n") == 1 and "no dataset here" in missing.output


def test_a_decision_in_several_files_is_counted_once(tmp_path):
    from tests.conftest import FIXTURES
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(CORPUS.glob("*.txt"))[:2] + sorted((FIXTURES / "docx").glob("*.docx"))[:2]:
        shutil.copy(f, src / f.name)
    out = tmp_path / "out"
    build([src], out, workers=2)
    html = render(out / "vnlegal.sqlite")
    assert "<b>2</b>decisions (4 files)" in html
    assert sum(sum(t["x"]) for t in _figure(html, "decisions")) == 2
    budgets = _figure(html, "budgets")
    assert round(sum(sum(t["y"]) for t in budgets), 2) == 26.06  # not twice


def test_the_budget_chart_draws_every_province_of_the_map():
    """34 provinces since 2025: one panel each, however many have budgets."""
    import pandas as pd

    from vnlegal.report import _money_by_year
    df = pd.DataFrame([{"province": f"Tỉnh {i}", "year": 2026, "source": "local", "amount_vnd": 10**9 * (i + 1)}
                       for i in range(34)])
    fig = _money_by_year(df)
    assert len({t.name for t in fig.data}) == 1 and sum(len(t.x) for t in fig.data) == 34
