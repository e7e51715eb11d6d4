"""The dataset built from the bundled corpus, checked against the gold; search
with and without accents; incremental rebuilds; the read-only query door."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

import vnlegal
from tests.conftest import GOLD
from vnlegal.cli import cli
from vnlegal.dataset import build
from vnlegal.search import search
from vnlegal.store import TABLES, fold

CORPUS_TXT = __import__("pathlib").Path(__file__).resolve().parents[2] / "corpus" / "txt"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    for f in CORPUS_TXT.glob("*.txt"):
        shutil.copy(f, src / f.name)
    out = tmp_path_factory.mktemp("out")
    summary = build([src], out, workers=2)
    assert (summary.extracted, summary.failed) == (5, 0)
    return src, out


def _db(out):
    return sqlite3.connect(out / "vnlegal.sqlite")


def test_the_dataset_agrees_with_the_gold(dataset):
    _, out = dataset
    con = _db(out)
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = f"{gold_file.stem}"
        n_targets = con.execute("SELECT COUNT(*) FROM targets WHERE doc_id = ?", (doc,)).fetchone()[0]
        assert n_targets == len(gold["targets"]), doc
        names = {r[0].casefold() for r in con.execute("SELECT name FROM agencies WHERE doc_id = ?", (doc,))}
        assert {a.casefold() for a in gold["agencies"]} <= names, doc
        table = (gold.get("budget") or {}).get("table")
        n_items = con.execute("SELECT COUNT(DISTINCT item_ord) FROM budget_items WHERE doc_id = ?", (doc,)).fetchone()[0]
        assert n_items == (len(table["items"]) if table else 0), doc
    sums = dict(con.execute("SELECT doc_id, SUM(amount_vnd) FROM budget_items GROUP BY doc_id"))
    assert sums == {"000_7343a46bed8251c6": 8_360_000_000, "001_96d3c82f377dc371": 17_700_000_000}
    by_year = con.execute("SELECT amount_vnd FROM budget_by_document_year WHERE doc_id = '000_7343a46bed8251c6' "
                          "AND year = 2020").fetchone()[0]
    assert by_year == 2_700_000_000
    leads = {r[0] for r in con.execute("SELECT name FROM agencies_by_role WHERE role = 'lead'")}
    assert "Sở Công Thương" in leads


def test_every_table_is_in_parquet_jsonl_and_the_notebook_loader(dataset):
    _, out = dataset
    import pandas as pd
    tables = vnlegal.load(out)
    assert set(tables) == set(TABLES)
    for name, df in tables.items():
        assert pd.read_parquet(out / "parquet" / f"{name}.parquet").shape == df.shape
    assert len(tables["documents"]) == 5
    lines = (out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and all("document" not in json.loads(l) for l in lines)
    meta = json.loads((out / "datasette.json").read_text(encoding="utf-8"))
    assert set(TABLES) <= set(meta["databases"]["vnlegal"]["tables"])
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left behind


def test_fold_keeps_offsets_and_folds_d():
    assert fold("Đà Nẵng, đầu tư") == "Da Nang, dau tu"
    assert len(fold("Quyết định Ủy ban")) == len("Quyết định Ủy ban")


@pytest.mark.parametrize("query,kind,province,doc,word", [
    ("san xuat sach hon", "objectives", None, None, "sản xuất sạch hơn"),
    ("dau tu", None, "Ha Noi", "001_96d3c82f377dc371", "đầu tư"),
    ("Hưng Yên", None, None, "000_7343a46bed8251c6", "Hưng Yên"),
    ("danh gia san xuat sach hon", None, None, None, "đánh giá sản xuất sạch hơn"),
])
def test_search_with_or_without_accents(dataset, query, kind, province, doc, word):
    _, out = dataset
    hits = search(out / "vnlegal.sqlite", query, kind=kind, province=province)
    assert hits
    assert all(h.kind == kind for h in hits) if kind else True
    assert all(h.doc_id == doc for h in hits) if doc else True
    shown = [h.snippet[a:b] for h in hits for a, b in h.spans]
    assert any(s.casefold() == word.casefold() for s in shown)  # the phrase marked in the original text


def test_incremental_rebuilds(dataset, tmp_path):
    src, out = dataset
    again = build([src], out, workers=1)
    assert (again.extracted, again.unchanged, again.removed) == (0, 5, 0)
    changed = sorted(src.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    once = build([src], out, workers=1)
    assert (once.extracted, once.unchanged) == (1, 4)
    gone = sorted(src.glob("*.txt"))[3]
    gone.unlink()
    after = build([src], out, workers=1)
    assert (after.extracted, after.removed, after.documents) == (0, 1, 4)
    con = _db(out)
    assert con.execute("SELECT COUNT(*) FROM documents WHERE doc_id = ?", (gone.stem,)).fetchone()[0] == 0
    assert not (out / "json" / f"{gone.stem}.json").exists()


def test_query_is_read_only_and_prints_csv(dataset):
    _, out = dataset
    db = str(out / "vnlegal.sqlite")
    ok = CliRunner().invoke(cli, ["query", "SELECT COUNT(*) AS n FROM targets", "--db", db, "-f", "csv"])
    assert ok.exit_code == 0 and ok.output.splitlines()[0] == "n"
    bad = CliRunner().invoke(cli, ["query", "DELETE FROM targets", "--db", db])
    assert bad.exit_code == 1 and "readonly" in bad.output


def test_every_output_file_gets_the_users_umask(dataset):
    # records, SQLite, decisions.jsonl, datasette.json, state.json, Parquet: readable by a
    # colleague or a Datasette service user under umask 022, as any file the user creates
    from vnlegal.io import current_umask
    _, out = dataset
    files = [p for p in out.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} >= {".json", ".sqlite", ".jsonl", ".parquet"}
    assert {p.stat().st_mode & 0o777 for p in files} == {0o666 & ~current_umask()}
