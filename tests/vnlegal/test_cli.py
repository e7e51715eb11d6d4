"""The command line: `stats` on a small database built for the test; `serve`
says in one line what is missing, else runs Datasette on the built database
with its metadata."""
from __future__ import annotations

import importlib.util
import sys

from click.testing import CliRunner

from tests.vnlegal.test_renders import record
from vnlegal.cli import cli
from vnlegal.store import build_database


def test_stats_counts_a_decision_once_and_names_the_preferred_file(tmp_path):
    db = tmp_path / "d.sqlite"
    build_database(db, [("seed.pdf", record("pdf", ocr=True, sha="1")), ("seed.txt", record("txt", sha="2")),
                        ("other.docx", record("docx", number="13/QĐ-UBND", sha="3"))])
    result = CliRunner().invoke(cli, ["stats", "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    by_locality = next(line for line in lines if "Thái Bình" in line and "Hưng Yên" in line)
    assert by_locality.split("│")[-2].strip() == "2"  # two decisions, not three files
    several = next(line for line in lines if "seed.txt" in line)
    assert "seed.pdf" in several and "born-digital text over OCR" in several


def test_serve_without_a_dataset_says_so_in_one_line(tmp_path):
    r = CliRunner().invoke(cli, ["serve", str(tmp_path)])
    assert r.exit_code == 1
    assert r.output.strip().splitlines() == [f"vnlegal: error: {tmp_path / 'vnlegal.sqlite'}: no dataset here "
                                             f"(run `vnlegal build … -o {tmp_path}`)"]


def _dataset(tmp_path):
    build_database(tmp_path / "vnlegal.sqlite", [])
    (tmp_path / "datasette.json").write_text("{}", encoding="utf-8")


def test_serve_without_datasette_says_how_to_get_it(tmp_path, monkeypatch):
    _dataset(tmp_path)
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasette" else real(name, *a))
    r = CliRunner().invoke(cli, ["serve", str(tmp_path)])
    assert r.exit_code == 1
    assert r.output.strip().splitlines() == ["vnlegal: error: Datasette is not installed; pip install 'vnlegal[datasette]'"]


def test_serve_runs_datasette_on_the_database_with_its_metadata(tmp_path, monkeypatch):
    _dataset(tmp_path)
    ran = []
    monkeypatch.setattr("os.execv", lambda exe, args: ran.append(args))
    r = CliRunner().invoke(cli, ["serve", str(tmp_path), "-p", "9001"])
    assert r.exit_code == 0, r.output
    args = ran[0]
    assert args[:4] == [sys.executable, "-m", "datasette", "serve"]
    assert args[4] == str(tmp_path / "vnlegal.sqlite") and args[args.index("-m", 4) + 1] == str(tmp_path / "datasette.json")
    assert args[args.index("-p") + 1] == "9001" and args[args.index("-h") + 1] == "127.0.0.1"
