"""`vnlegal serve`: one clear line when something is missing, else Datasette
on the built database with its metadata."""
from __future__ import annotations

import importlib.util
import sys

from click.testing import CliRunner

from vnlegal.cli import cli
from vnlegal.store import build_database


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
