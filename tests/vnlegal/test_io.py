"""The one atomic writer: the new file whole, or the old one untouched."""
from __future__ import annotations

import sqlite3

import pytest

from vnlegal.io import atomic_path, write_json_atomic
from vnlegal.store import build_database


def test_json_is_written_whole_and_nothing_is_left_beside_it(tmp_path):
    path = tmp_path / "out" / "r.json"
    write_json_atomic(path, {"tên": "Kế hoạch"})
    assert path.read_text(encoding="utf-8") == '{\n "tên": "Kế hoạch"\n}'
    assert [p.name for p in path.parent.iterdir()] == ["r.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "r.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(path) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("stopped")
    assert path.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_the_database_is_written_through_the_same_writer(tmp_path):
    path = tmp_path / "db" / "vnlegal.db"
    assert build_database(path, []) == 0
    con = sqlite3.connect(path)
    assert con.execute("select count(*) from documents").fetchone() == (0,)
    con.close()
    assert [p.name for p in path.parent.iterdir()] == ["vnlegal.db"]


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_get_the_users_umask_not_mkstemps_0600(tmp_path, umask, mode):
    import os
    old = os.umask(umask)
    try:
        write_json_atomic(tmp_path / "r.json", {})
        build_database(tmp_path / "vnlegal.sqlite", [])
    finally:
        os.umask(old)
    assert {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()} == {"r.json": mode, "vnlegal.sqlite": mode}
