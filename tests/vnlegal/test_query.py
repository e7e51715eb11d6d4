"""`vnlegal query` and the read-only door: no statement and no path a user
types can change the dataset, copy it or open another file; values print as
text; a runaway query stops at its time limit."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from vnlegal.cli import cli
from vnlegal.query import QueryError, database_uri, open_readonly, run
from vnlegal.store import build_database


@pytest.fixture()
def db(tmp_path) -> Path:
    """A small dataset database, built by the real store from a real-shaped record."""
    record = {"meta": {"doc_type": "Quyết định", "number": "12/QĐ-UBND", "title": "Kế hoạch [/i] số [a]",
                       "locality": "Hưng Yên"},
              "sections": [{"kind": "objectives", "heading": "Mục tiêu", "text": "Thu hút đầu tư vào tỉnh",
                            "children": []}]}
    path = tmp_path / "vnlegal.sqlite"
    build_database(path, [("doc", record)])
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sql", [
    "CREATE TABLE z(x)",
    "INSERT INTO documents(doc_id) VALUES ('x')",
    "DELETE FROM documents",
    "UPDATE documents SET number = 'x'",
    "DROP TABLE documents",
    "CREATE TEMP TABLE z(x)",
    "PRAGMA user_version = 7",
    "PRAGMA journal_mode = WAL",
    "WITH x AS (SELECT 1) INSERT INTO documents(doc_id) SELECT 'y' FROM x",
    "SELECT load_extension('/tmp/evil')",
    "ALTER TABLE documents ADD COLUMN z",
    "REINDEX",
    "ANALYZE",
])
def test_statements_that_write_are_refused_and_the_file_is_unchanged(db, sql):
    before = _digest(db)
    con = open_readonly(db)
    with pytest.raises(QueryError, match="refused|readonly|read-only"):
        run(con, sql)
    con.close()
    assert _digest(db) == before
    assert {p.name for p in db.parent.iterdir()} == {"vnlegal.sqlite"}  # no journal, no copy


@pytest.mark.parametrize("sql", ["VACUUM INTO '{copy}'", "ATTACH '{copy}' AS other", "VACUUM"])
def test_no_copy_and_no_other_file_is_created(db, tmp_path, sql):
    copy = tmp_path / "elsewhere" / "copy.sqlite"
    copy.parent.mkdir()
    con = open_readonly(db)
    with pytest.raises(QueryError):
        run(con, sql.format(copy=copy))
    assert not copy.exists() and list(copy.parent.iterdir()) == []


def test_a_question_mark_in_the_folder_name_is_part_of_the_path(tmp_path, db):
    """`--db 'odd?dir/vnlegal.sqlite'` once opened ./odd read-write."""
    odd = tmp_path / "odd?mode=rwc&x#y"
    odd.mkdir()
    target = odd / "vnlegal.sqlite"
    target.write_bytes(db.read_bytes())
    assert "%3F" in database_uri(target) and "%23" in database_uri(target)
    con = open_readonly(target)
    assert run(con, "SELECT number FROM documents").rows == [("12/QĐ-UBND",)]
    with pytest.raises(QueryError):
        run(con, "CREATE TABLE z(x)")
    assert not (tmp_path / "odd").exists()


def test_reading_still_works_including_full_text_and_schema_pragmas(db):
    con = open_readonly(db)
    assert run(con, "SELECT COUNT(*) FROM sections_fts WHERE sections_fts MATCH 'dau'").rows[0][0] >= 1
    names = [r[1] for r in run(con, "PRAGMA table_info(documents)").rows]
    assert "number" in names and "locality" in names
    rec = run(con, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5) SELECT SUM(x) FROM c")
    assert rec.rows == [(15,)]


def test_a_runaway_query_stops_at_the_time_limit(db):
    con = open_readonly(db, seconds=0.5)
    with pytest.raises(QueryError, match="time limit"):
        run(con, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c")
    # the limit is per statement: the connection stays usable
    assert run(con, "SELECT 1").rows == [(1,)]


def test_the_row_limit_says_it_cut(db):
    con = open_readonly(db)
    r = run(con, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50) SELECT x FROM c",
            max_rows=10)
    assert len(r.rows) == 10 and r.truncated


def test_a_file_that_is_not_sqlite_is_one_line(tmp_path):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("hello", encoding="utf-8")
    with pytest.raises(QueryError, match="not an SQLite database"):
        open_readonly(bogus)
    for args in (["query", "SELECT 1", "--db", str(bogus)], ["stats", "--db", str(bogus)],
                 ["search", "dau tu", "--db", str(bogus)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, args
        assert result.output.count("\n") == 1 and "not an SQLite database" in result.output, args
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert bogus.read_text(encoding="utf-8") == "hello"


def test_values_print_as_text_not_markup(db):
    """A title containing "[/i]" crashed `query` (rich markup); "[a]" vanished."""
    result = CliRunner().invoke(cli, ["query", "SELECT title AS '[b]' FROM documents", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Kế hoạch [/i] số [a]" in result.output and "[b]" in result.output


def test_the_cli_refuses_writes_in_one_line(db):
    before = _digest(db)
    result = CliRunner().invoke(cli, ["query", "DROP TABLE documents", "--db", str(db)])
    assert result.exit_code == 1 and result.output.startswith("vnlegal: error: refused")
    assert _digest(db) == before
    sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()


def test_a_statement_that_never_reaches_a_loop_still_stops_at_the_time_limit(db):
    """Costly expressions in a row run straight past SQLite's progress handler;
    the query runs in a process that is killed at the limit."""
    import time
    from vnlegal.query import run_bounded
    costly = "length(replace(hex(zeroblob(1200000)),'0','ab'))"
    started = time.monotonic()
    with pytest.raises(QueryError, match="time limit"):
        run_bounded(db, "SELECT " + ",".join([costly] * 600), seconds=0.5)
    assert time.monotonic() - started < 10  # unbounded, it takes about 20 s
    assert run_bounded(db, "SELECT number FROM documents", seconds=5).rows == [("12/QĐ-UBND",)]
    with pytest.raises(QueryError, match="too big"):
        run_bounded(db, "SELECT hex(zeroblob(100000000))", seconds=5)


def test_json_output_holds_blobs_and_infinite_numbers(db):
    import json
    result = CliRunner().invoke(cli, ["query", "SELECT x'00ff' AS b, 1e999 AS big", "-f", "json", "--db", str(db)])
    assert result.exit_code == 0 and json.loads(result.output) == [{"b": "00ff", "big": None}]
