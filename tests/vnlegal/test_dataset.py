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
from vnlegal.models.errors import OutputError
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
    ("dau tu", None, "Ha Noi", ("001_96d3c82f377dc371", "003_8818a6dd09bafe72"), "đầu tư"),  # Mê Linh is in Hà Nội
    ("Hưng Yên", None, None, "000_7343a46bed8251c6", "Hưng Yên"),
    ("danh gia san xuat sach hon", None, None, None, "đánh giá sản xuất sạch hơn"),
])
def test_search_with_or_without_accents(dataset, query, kind, province, doc, word):
    _, out = dataset
    hits = search(out / "vnlegal.sqlite", query, kind=kind, province=province)
    assert hits
    assert all(h.kind == kind for h in hits) if kind else True
    assert all(h.doc_id == doc or h.doc_id in doc for h in hits) if doc else True
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
    assert bad.exit_code == 1 and "read-only" in bad.output


# --- a build is a transaction on its folder --------------------------------

def _copy_corpus(dst, n=5):
    dst.mkdir(parents=True, exist_ok=True)
    for f in sorted(CORPUS_TXT.glob("*.txt"))[:n]:
        shutil.copy(f, dst / f.name)
    return dst


def _counts(out):
    """Documents as each output of the dataset sees them."""
    import pandas as pd
    con = _db(out)
    n_sql = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    con.close()
    n_jsonl = len((out / "decisions.jsonl").read_text(encoding="utf-8").splitlines())
    n_parquet = len(pd.read_parquet(out / "parquet" / "documents.parquet"))
    n_json = len(list((out / "json").rglob("*.json")))
    n_state = len(json.loads((out / "state.json").read_text(encoding="utf-8")))
    return n_sql, n_jsonl, n_parquet, n_json, n_state


def _temps(out):
    return sorted(p.name for p in out.rglob(".*") if p.is_file())


def _vnlegal(*args, prelude=""):
    """The CLI in a fresh process; ``prelude`` runs first (to arrange a fault)."""
    import subprocess
    import sys
    code = prelude + "\nfrom vnlegal.cli import main\nimport sys\nsys.argv = ['vnlegal', *sys.argv[1:]]\nmain()\n"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, timeout=300)


def test_a_build_killed_while_writing_the_database_is_repaired_by_the_next(tmp_path):
    src = _copy_corpus(tmp_path / "in")
    out = tmp_path / "out"
    assert build([src], out, workers=1).documents == 5
    (src / sorted(p.name for p in src.iterdir())[0]).write_text(
        (CORPUS_TXT / sorted(p.name for p in src.iterdir())[0]).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    # SIGKILL in the middle of the SQLite write: the third record's rows
    killed = _vnlegal("build", src, "-o", out, "-j", "1", "-q", prelude=(
        "import os, signal, vnlegal.store as s\n"
        "_add = s.add_record\n"
        "def add(con, doc_id, r, n=[0]):\n"
        "    n[0] += 1\n"
        "    if n[0] == 3: os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return _add(con, doc_id, r)\n"
        "s.add_record = add\n"))
    assert killed.returncode == -9
    assert _temps(out)  # the killed run left its temporary database behind
    assert _counts(out) == (5, 5, 5, 5, 5)  # and the previous dataset is whole
    again = build([src], out, workers=1)
    assert again.documents == 5 and _counts(out) == (5, 5, 5, 5, 5)
    assert _temps(out) == []


def test_a_full_disk_keeps_the_previous_dataset_and_says_so_in_one_line(tmp_path):
    src = _copy_corpus(tmp_path / "in", 3)
    out = tmp_path / "out"
    build([src], out, workers=1)
    before = (out / "vnlegal.sqlite").read_bytes()
    _copy_corpus(src, 5)
    # files larger than 150 KB cannot be written: the records can, the database cannot
    full = _vnlegal("build", src, "-o", out, "-j", "1", "-q", prelude=(
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))\n"))
    assert full.returncode == 1, full.stderr
    lines = full.stderr.strip().splitlines()
    assert len(lines) == 1 and "previous files are kept" in lines[0], full.stderr
    assert (out / "vnlegal.sqlite").read_bytes() == before
    assert _temps(out) == []
    assert _counts(out)[:3] == (3, 3, 3)


def test_concurrent_builds_take_turns(tmp_path):
    import subprocess
    import sys
    src = _copy_corpus(tmp_path / "in")
    out = tmp_path / "out"
    procs = [subprocess.Popen([sys.executable, "-m", "vnlegal.cli", "build", str(src), "-o", str(out), "-j", "1",
                               "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    assert [r[2] for r in results] == [0, 0, 0], results
    assert sum("5 extracted" in r[1] for r in results) == 1  # the others found it done
    assert _counts(out) == (5, 5, 5, 5, 5) and _temps(out) == []


def test_a_damaged_record_is_extracted_again(tmp_path):
    src = _copy_corpus(tmp_path / "in", 2)
    out = tmp_path / "out"
    build([src], out, workers=1)
    victim = sorted((out / "json").glob("*.json"))[0]
    victim.write_text('{"meta": {"number": ', encoding="utf-8")
    again = build([src], out, workers=1)
    assert (again.extracted, again.unchanged, again.failed) == (1, 1, 0)
    assert json.loads(victim.read_text(encoding="utf-8"))["meta"]["number"]


def test_a_build_from_other_inputs_does_not_drop_a_dataset_silently(tmp_path):
    a = _copy_corpus(tmp_path / "a", 2)
    b = tmp_path / "b"
    b.mkdir()
    shutil.copy(sorted(CORPUS_TXT.glob("*.txt"))[4], b)
    out = tmp_path / "out"
    build([a], out, workers=1)
    refused = CliRunner().invoke(cli, ["build", str(b), "-o", str(out), "-q"])
    assert refused.exit_code == 1
    assert "holds 2 records of inputs not given here" in refused.output and "--replace" in refused.output
    assert _counts(out) == (2, 2, 2, 2, 2)
    both = build([a, b], out, workers=1)
    # a's records move below a/ (the inputs' common folder) without being read again
    assert (both.documents, both.extracted, both.unchanged) == (3, 1, 2)
    assert sorted(p.relative_to(out / "json").as_posix() for p in (out / "json").rglob("*.json")) == [
        "a/000_7343a46bed8251c6.json", "a/001_96d3c82f377dc371.json", "b/004_9fca6763afc4146e.json"]
    replaced = CliRunner().invoke(cli, ["build", str(b), "-o", str(out), "-q", "--replace"])
    assert replaced.exit_code == 0 and _counts(out)[0] == 1
    assert [p.name for p in (out / "json").iterdir()] == ["004_9fca6763afc4146e.json"]  # no empty a/, b/ left


def test_an_output_that_is_a_file_is_one_line_before_any_work(tmp_path):
    src = _copy_corpus(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert str(out) in result.output and "output folder" in result.output


def test_every_output_file_gets_the_users_umask(dataset):
    # records, SQLite, decisions.jsonl, datasette.json, state.json, Parquet: readable by a
    # colleague or a Datasette service user under umask 022, as any file the user creates
    from vnlegal.io import current_umask
    _, out = dataset
    files = [p for p in out.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} >= {".json", ".sqlite", ".jsonl", ".parquet"}
    assert {p.stat().st_mode & 0o777 for p in files} == {0o666 & ~current_umask()}


def test_a_new_input_with_the_bytes_of_an_old_one_is_not_taken_for_it(tmp_path):
    """Records are named by the inputs' common folder: a new input can land on
    the name of an old record with the same bytes; it is still read."""
    p = tmp_path / "p"
    (p / "a").mkdir(parents=True)
    (p / "b").mkdir()
    shutil.copy(sorted(CORPUS_TXT.glob("*.txt"))[0], p / "a" / "x.txt")
    shutil.copy(sorted(CORPUS_TXT.glob("*.txt"))[1], p / "b" / "y.txt")
    out = tmp_path / "out"
    build([p], out, workers=1)
    (tmp_path / "a").mkdir()
    shutil.copy(p / "a" / "x.txt", tmp_path / "a" / "x.txt")
    again = build([tmp_path / "a", p], out, workers=1)
    assert (again.documents, again.extracted, again.unchanged) == (3, 1, 2)
    assert sorted(q.relative_to(out / "json").as_posix() for q in (out / "json").rglob("*.json")) == [
        "a/x.json", "p/a/x.json", "p/b/y.json"]


def test_a_refused_build_touches_no_record(tmp_path):
    a = _copy_corpus(tmp_path / "a", 1)
    b = _copy_corpus(tmp_path / "b", 2)
    (b / sorted(p.name for p in b.iterdir())[0]).unlink()
    out = tmp_path / "out"
    build([a, b], out, workers=1)
    before = sorted(q.relative_to(out).as_posix() for q in out.rglob("*") if q.is_file())
    with pytest.raises(OutputError):
        build([a], out, workers=1)
    assert sorted(q.relative_to(out).as_posix() for q in out.rglob("*") if q.is_file()) == before
