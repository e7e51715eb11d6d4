"""SQL on the dataset that can only read: the library door behind
``vnlegal query`` and ``vnlegal stats``.

A research group serves the database to others, so "read-only" must hold for
any statement and any path a user types:

- the file is opened through a ``file:`` URI whose path is percent-encoded
  (a ``?`` or ``#`` in a folder name is part of the name, not the start of
  URI parameters) with ``mode=ro``, and only when it starts with SQLite's
  header (a stray text file is refused, not "opened" by SQLite's lazy open);
- ``PRAGMA query_only`` and an authorizer that allows reading and nothing
  else: no ATTACH (which also stops ``VACUUM INTO``, since SQLite attaches
  the target file to copy into it), no writes, no temp tables, no pragma
  that changes anything;
- a time limit enforced by SQLite's progress handler (a recursive CTE that
  never ends is interrupted) and a row limit on what is fetched.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

SQLITE_HEADER = b"SQLite format 3\x00"
MAX_VALUE = 5_000_000  # bytes of one string or blob a query may make

# What a read needs, by the authorizer's action codes: SELECT, reading a
# column, calling a function, a recursive CTE. Everything else is refused.
_READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
                 getattr(sqlite3, "SQLITE_RECURSIVE", 33)}
# Pragmas that only look: those that take a table or index name, and those
# asked without a value (with one they would set it). data_version is read
# by the full-text tables when they open.
_NAMED_PRAGMAS = {"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list"}
_READ_PRAGMAS = {"database_list", "compile_options", "user_version", "schema_version", "page_count",
                 "page_size", "encoding", "collation_list", "function_list", "data_version"}
# Functions that reach outside the database.
_REFUSED_FUNCTIONS = {"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"}


class ReadOnlyConnection(sqlite3.Connection):
    """A connection that carries its per-statement time limit."""
    seconds: float | None = None
    deadline: float = float("inf")

    def _expired(self) -> int:
        return int(time.monotonic() > self.deadline)


class QueryError(Exception):
    """A query that cannot run; ``str()`` is one line for the user."""


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]
    truncated: bool  # more rows than the limit were there


def _authorizer(action, arg1, arg2, db_name, trigger):
    if action in _READ_ACTIONS:
        if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in _REFUSED_FUNCTIONS:
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA:
        name = (arg1 or "").lower()
        if name in _NAMED_PRAGMAS or (name in _READ_PRAGMAS and arg2 is None):
            return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_UPDATE and arg1 in ("sqlite_master", "sqlite_temp_master"):
        # asked when a full-text table is opened (SQLite parses its schema as
        # if declaring it); SQLite itself never lets a statement change the
        # schema table, and the file is open read-only besides
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def database_uri(path: Path) -> str:
    """A read-only URI for ``path``; every character that means something in a
    URI is escaped, so the path is taken whole."""
    return "file:" + quote(str(Path(path).resolve()), safe="/") + "?mode=ro"


def open_readonly(path: Path, seconds: float | None = None) -> sqlite3.Connection:
    """Open the dataset's database so that nothing can change or copy it.

    ``seconds`` bounds every statement run on the connection (None: no bound).
    Raises FileNotFoundError when there is no file, QueryError when the file
    is not an SQLite database."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no dataset here (build one with `vnlegal build INPUTS -o FOLDER`, "
                                f"then give --db FOLDER)")
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise QueryError(f"{path}: cannot read ({e.strerror or e})") from None
    if head != SQLITE_HEADER:
        raise QueryError(f"{path}: not an SQLite database")
    con = sqlite3.connect(database_uri(path), uri=True, factory=ReadOnlyConnection)
    con.execute("PRAGMA query_only = ON")
    con.set_authorizer(_authorizer)
    # no value larger than this: a replace() over a huge zeroblob is one step
    # of SQLite, which no progress handler interrupts
    con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE)
    if seconds is not None:
        con.seconds = seconds
        con.deadline = time.monotonic() + seconds
        # the handler runs every N virtual-machine steps (at jumps); non-zero interrupts
        con.set_progress_handler(con._expired, 1000)
    return con


def run(con: sqlite3.Connection, sql: str, params: tuple | dict = (), max_rows: int | None = None) -> Result:
    """Run one statement on a connection from :func:`open_readonly` and fetch
    at most ``max_rows`` rows. Errors come back as one-line QueryErrors."""
    seconds = getattr(con, "seconds", None)
    if seconds is not None:
        con.deadline = time.monotonic() + seconds
    try:
        cur = con.execute(sql, params)
        columns = [d[0] for d in cur.description or []]
        if max_rows is None:
            return Result(columns, cur.fetchall(), False)
        rows = cur.fetchmany(max_rows + 1)
        return Result(columns, rows[:max_rows], len(rows) > max_rows)
    except sqlite3.OperationalError as e:
        if str(e) == "interrupted" and seconds is not None:
            raise QueryError(f"stopped after {seconds:g} s (the time limit; raise it with --timeout)") from None
        if any(w in str(e) for w in ("not authorized", "authorization denied", "prohibited", "readonly")):
            raise QueryError(f"refused: the dataset is read-only here ({e})") from None
        raise QueryError(str(e)) from None
    except sqlite3.DatabaseError as e:
        if any(w in str(e) for w in ("not authorized", "authorization denied")):
            raise QueryError(f"refused: the dataset is read-only here ({e})") from None
        raise QueryError(str(e)) from None
    except (sqlite3.Error, sqlite3.Warning, ValueError, OverflowError) as e:
        # several statements at once, a NUL in the text, a number too large, …
        raise QueryError(str(e)) from None



def run_bounded(path: Path, sql: str, max_rows: int | None = None, seconds: float | None = None) -> Result:
    """:func:`run` in a child process that is killed at the time limit. SQLite
    checks its progress handler only where a statement loops; a statement of
    many costly expressions in a row (a thousand replace() calls over large
    strings) runs straight through it, and only a process can be stopped
    whatever it does."""
    import multiprocessing as mp

    if seconds is None:
        return run(open_readonly(path), sql, max_rows=max_rows)
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, Path(path), sql, max_rows, seconds), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds + 1.0):
            raise QueryError(f"stopped after {seconds:g} s (the time limit; raise it with --timeout)")
        try:
            kind, value = receive.recv()
        except EOFError:
            raise QueryError("the query's process ended without an answer (out of memory?)") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "error":
        raise QueryError(value)
    if kind == "missing":
        raise FileNotFoundError(value)
    return value


def _child(send, path: Path, sql: str, max_rows, seconds) -> None:
    try:
        send.send(("ok", run(open_readonly(path, seconds), sql, max_rows=max_rows)))
    except QueryError as e:
        send.send(("error", str(e)))
    except FileNotFoundError as e:
        send.send(("missing", str(e)))
    except Exception as e:  # noqa: BLE001 — said in the parent as one line
        send.send(("error", f"{type(e).__name__}: {e}"))
