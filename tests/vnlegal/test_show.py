"""`vnlegal show`: the decision as a page, every fact highlighted where it was
read and listed by kind, the budget with its checks; Markdown too."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES
from vnlegal.cli import cli
from vnlegal.pipeline import process_file
from vnlegal.show import render_html, render_markdown


@pytest.fixture(scope="module")
def record():
    return process_file(FIXTURES / "pdf" / "001_96d3c82f377dc371.pdf")


class _Page(HTMLParser):
    """The parts of the page a reader relies on: marks and their text, anchor
    ids, links in the side panel."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.marks, self._mark = set(), [], [], None
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag == "mark":
            self._mark = [a.get("class", ""), ""]
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data):
        if self._mark is not None:
            self._mark[1] += data

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            self.marks.append(tuple(self._mark))
            self._mark = None


def test_every_placed_fact_is_highlighted_and_linked(record):
    page = _Page()
    page.feed(render_html(record))
    assert page.scripts == 0  # readable offline, no framework
    assert all(link in page.ids for link in page.links)  # no dead link in the panel
    targets = [f"f-target-{i}" for i, t in enumerate(record["targets"]) if t["provenance"]]
    assert targets and all(t in page.links and t in page.ids for t in targets)
    marked = " ".join(text for cls, text in page.marks if "k-target" in cls)
    assert "90% cơ sở sản xuất công nghiệp" in marked
    assert any("k-meta" in cls and text == "5768/QĐ-UBND" for cls, text in page.marks)


def test_the_budget_table_shows_its_checks_and_issues(record):
    html = render_html(record)
    assert "96 of 96 checks hold" in html
    stray = next(i for i, x in enumerate(record["issues"]) if x["code"] == "budget.stray_cell")
    # the doubted cell links to its issue, and the issue is listed with its place
    assert re.search(rf'<td class="n flagged">640\.000 <a href="#f-issue-{stray}"', html)
    assert f'id="list-issue-{stray}"' in html
    assert "Tổng cộng" in html and "17.700.000" in html


def test_vietnamese_text_and_hostile_values_are_escaped(record):
    rec = json.loads(json.dumps(record))
    rec["meta"]["title"] = '<script>alert("x")</script> Kế hoạch'
    rec["document"]["blocks"][0]["text"] = "<b>ỦY BAN</b> & NHÂN DÂN"
    html = render_html(rec)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;ỦY BAN&lt;/b&gt; &amp;" in html
    assert '<meta charset="utf-8">' in html and 'lang="vi"' in html


def test_markdown_footnotes_say_what_was_read_where(record):
    md = render_markdown(record)
    assert md.startswith("# Quyết định 5768/QĐ-UBND")
    number = re.search(r"\*\*5768/QĐ-UBND\*\*\[\^(\d+)\]", md)
    assert number and f"[^{number.group(1)}]: Document: Number (5768/QĐ-UBND)" in md
    assert "| TT | Nội dung công việc |" in md


def test_the_command_writes_beside_the_record_and_refuses_what_is_not_one(tmp_path, record):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = CliRunner().invoke(cli, ["show", str(path)])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    md = CliRunner().invoke(cli, ["show", str(path), "--to", "md", "-o", "-"])
    assert md.exit_code == 0 and md.output.startswith("# Quyết định")
    bad = tmp_path / "bad.json"
    bad.write_text('{"meta": {}}', encoding="utf-8")
    refused = CliRunner().invoke(cli, ["show", str(bad)])
    assert refused.exit_code == 1 and refused.output.count("\n") == 1 and "bad.json" in refused.output


def test_markdown_passes_no_html_through(record):
    rec = json.loads(json.dumps(record))
    rec["meta"]["title"] = '<script>alert("x")</script> Kế hoạch'
    rec["document"]["blocks"][0]["text"] = "<img src=x onerror=alert(1)> ỦY BAN"
    md = render_markdown(rec)
    assert "<script>" not in md and "<img" not in md and "&lt;img src=x" in md
