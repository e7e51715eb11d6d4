"""The dataset: records of a folder of decisions, kept up to date incrementally,
and the files researchers open (JSON Lines, SQLite, Parquet).

    outputs/json/…/<stem>.json   one record per input (mirrors the input folders)
    outputs/decisions.jsonl      every record, one per line, without the page blocks
    outputs/vnlegal.sqlite       normalised tables, views, full-text index
    outputs/parquet/<table>.parquet
    outputs/datasette.json       Datasette metadata for the database
    outputs/state.json           what each record was built from (sha256, pipeline version)

An input whose sha256 and pipeline version are unchanged is not extracted
again; a deleted input's record leaves the dataset. A build is a transaction
on its folder:

- one build at a time: the folder is locked (flock on the folder itself), a
  second build waits for the first and says so;
- the JSONL, SQLite, Parquet and Datasette files are all written to temporary
  names first and renamed together at the end, so a reader sees the old
  dataset or the new, never a mix; a build killed half-way leaves temporary
  files that the next build removes before it starts;
- what cannot work is said in one line before any extraction: an output
  folder that cannot be written, records of inputs that still exist but were
  not given (another dataset's, kept unless ``replace``);
- a damaged record in json/ is extracted again, an unreadable input is a
  named failure.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from vnlegal.batch import Job, Summary, plan, run_local
from vnlegal.datasette_meta import metadata as datasette_metadata
from vnlegal.extract import Limits
from vnlegal.io import atomic_path
from vnlegal.models.errors import OutputError
from vnlegal.pipeline import PIPELINE_VERSION
from vnlegal.store import TABLES, build_database

STATE = "state.json"


@dataclass
class BuildSummary:
    extracted: int = 0
    unchanged: int = 0
    failed: int = 0
    removed: int = 0
    skipped: int = 0
    documents: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _load_state(out: Path) -> dict:
    try:
        state = json.loads((out / STATE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return {}
    return state if isinstance(state, dict) else {}


@contextmanager
def locked(out: Path, on_wait=None) -> Iterator[None]:
    """Hold the dataset folder for one build. The lock is taken on the folder
    itself, so no lock file is left behind, and the kernel drops it when the
    process dies however it dies. ``on_wait`` is called once if another build
    holds it (this one then waits for it to end)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as e:
        raise OutputError(out, f"cannot create or open the output folder ({e.strerror or e})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _check_writable(out: Path) -> None:
    """Write and remove a probe file: a read-only or full folder is found before
    any extraction, not after an hour of it."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".probe.", suffix=".tmp", dir=out)
        try:
            os.write(fd, b"x")
        finally:
            os.close(fd)
            os.unlink(probe)
    except OSError as e:
        raise OutputError(out, f"cannot write here ({e.strerror or e})") from None


def remove_build_temps(out: Path) -> int:
    """Temporary files of a build that was killed (atomic writers name them
    ``.<name>.<random>.tmp``; SQLite adds ``-journal``). Called under the lock,
    so no live build owns them."""
    n = 0
    for folder in (out, out / "json", out / "parquet"):
        if not folder.is_dir():
            continue
        paths = folder.rglob(".*") if folder.name == "json" else folder.glob(".*")
        for p in paths:
            if p.is_file() and (p.name.endswith((".tmp", ".tmp-journal", ".tmp-wal", ".tmp-shm"))):
                p.unlink(missing_ok=True)
                n += 1
    return n


def _remove_empty_folders(root: Path) -> None:
    """Folders of json/ left empty by records removed or moved."""
    if not root.is_dir():
        return
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            pass


def _where(path) -> str:
    """An input's place, the same however it was given (relative or absolute)."""
    return os.path.abspath(os.fsdecode(path))


def _current(entry, sha: str, job: Job) -> bool:
    """A state entry that describes this input (the same file, not only the
    same bytes) as it is, read by this pipeline."""
    return (isinstance(entry, dict) and entry.get("sha256") == sha and entry.get("pipeline_version") == PIPELINE_VERSION
            and bool(entry.get("input")) and _where(entry["input"]) == _where(job.input))


def _record_ok(path: Path) -> bool:
    """A record that parses and has its meta: anything else is extracted again."""
    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(rec, dict) and isinstance(rec.get("meta"), dict)


def build(inputs: list[Path], out: Path, workers: int = 1, progress=None, on_plan=None,
          replace: bool = False, on_wait=None, limits: Limits | None = None) -> BuildSummary:
    """Bring the dataset in ``out`` up to date with ``inputs``.

    Raises OutputError, before extracting anything, when ``out`` cannot be
    written or when the build would drop records of inputs that still exist
    but were not given (unless ``replace``)."""
    out = Path(out)
    with locked(out, on_wait):
        _check_writable(out)
        remove_build_temps(out)
        return _build(inputs, out, workers, progress, on_plan, replace, limits)


def _build(inputs, out: Path, workers, progress, on_plan, replace, limits) -> BuildSummary:
    import time
    t0 = time.perf_counter()
    json_dir = out / "json"
    found = plan(inputs, json_dir)
    jobs, skipped = found
    state = _load_state(out)
    summary = BuildSummary(skipped=len(skipped))
    # special files, unreadable ones, loops: named failures before any work
    refused = Summary()
    for o in found.refused:
        refused.add(o)
    for note in found.notes:
        print(f"vnlegal: note: {note}", file=sys.stderr, flush=True)
    current: dict[str, Job] = {}
    todo: list[Job] = []
    hashes: dict[str, str] = {}
    unreadable: list[tuple[str, str]] = []
    # records are named by the inputs' common folder: adding a folder to a build
    # moves every record; a record whose input is unchanged moves with it
    was_at = {_where(e["input"]): rel for rel, e in state.items() if isinstance(e, dict) and e.get("input")}
    given = {_where(job.input) for job in jobs}
    # inputs that still exist but were not given belong to another dataset:
    # refused before any file is touched, unless told
    kept_elsewhere = [rel for rel, e in state.items() if isinstance(e, dict) and e.get("input")
                      and _where(e["input"]) not in given and Path(e["input"]).exists()]
    if kept_elsewhere and not replace:
        raise OutputError(out, f"holds {len(kept_elsewhere)} records of inputs not given here "
                               f"(e.g. {state[kept_elsewhere[0]]['input']}); build them together, "
                               f"use another output folder, or pass --replace to drop them")
    for job in jobs:
        rel = job.output.relative_to(json_dir).as_posix()
        current[rel] = job
        try:
            sha = _sha256(job.input)
        except OSError as e:
            unreadable.append((rel, f"{job.input}: cannot read ({e.strerror or e})"))
            continue
        hashes[rel] = sha
        moved_from = was_at.get(_where(job.input))
        if moved_from and moved_from != rel and rel not in state and _current(state.get(moved_from), sha, job) \
                and _record_ok(json_dir / moved_from):
            job.output.parent.mkdir(parents=True, exist_ok=True)
            os.replace(json_dir / moved_from, job.output)
            state[rel] = state.pop(moved_from)
        if _current(state.get(rel), sha, job) and job.output.exists() and _record_ok(job.output):
            summary.unchanged += 1
            continue
        todo.append(job)
    # inputs that are gone take their records with them
    gone = [rel for rel in state if rel not in current]
    for rel in gone:
        (json_dir / rel).unlink(missing_ok=True)
        del state[rel]
        summary.removed += 1
    _remove_empty_folders(json_dir)
    for rel, line in unreadable:
        (json_dir / rel).unlink(missing_ok=True)
        state.pop(rel, None)
        summary.failed += 1
        summary.errors.append(line)
        print(f"vnlegal: error: {line}", file=sys.stderr, flush=True)
    if on_plan:
        on_plan(len(todo))
    failed: set[Path] = set()
    done = run_local(todo, workers, progress=progress,
                     on_outcome=lambda o: None if o.ok else failed.add(o.job.output), limits=limits)
    summary.failed += done.failed + refused.failed
    summary.errors += refused.errors + done.errors
    for job in todo:
        rel = job.output.relative_to(json_dir).as_posix()
        if job.output in failed:
            # a file that no longer reads must not leave its old record behind
            job.output.unlink(missing_ok=True)
            state.pop(rel, None)
        else:
            # a name whose bytes are not UTF-8 is kept with them escaped: JSON takes no lone surrogates
            state[rel] = {"input": os.fsencode(os.path.abspath(job.input)).decode("utf-8", "backslashreplace"),
                          "sha256": hashes[rel], "pipeline_version": PIPELINE_VERSION}
            summary.extracted += 1
    summary.documents = write_outputs(out, [json_dir / rel for rel in sorted(state)], state)
    summary.seconds = time.perf_counter() - t0
    return summary


def write_outputs(out: Path, record_paths: list[Path], state: dict | None = None) -> int:
    """Write every dataset file to a temporary name, then rename them all: if
    anything fails (a full disk, a kill) the old files stay as they were."""
    json_dir = out / "json"

    lines: list[str] = []

    def records():
        # each record is read once: into the database, and its line for decisions.jsonl
        for p in record_paths:
            rec = json.loads(p.read_text(encoding="utf-8"))
            rec.pop("document", None)  # the page blocks stay in the per-document JSON
            doc_id = p.relative_to(json_dir).with_suffix("").as_posix()
            lines.append(json.dumps({"doc_id": doc_id, **rec}, ensure_ascii=False))
            yield doc_id, rec

    try:
        with ExitStack() as stage:
            if state is not None:
                # entered first, renamed last (the stage unwinds in reverse):
                # state.json never describes files that are not there yet
                _write_json(stage.enter_context(atomic_path(out / STATE)), state)
            db = stage.enter_context(atomic_path(out / "vnlegal.sqlite"))
            n = build_database(db, records())
            with open(stage.enter_context(atomic_path(out / "decisions.jsonl")), "wb") as f:
                f.write(("\n".join(lines) + ("\n" if lines else "")).encode("utf-8"))
            write_parquet(db, out / "parquet", stage)
            _write_json(stage.enter_context(atomic_path(out / "datasette.json")), datasette_metadata())
    except OSError as e:
        raise OutputError(getattr(e, "filename", None) or out,
                          f"cannot write the dataset ({e.strerror or e}); the previous files are kept") from None
    except sqlite3.OperationalError as e:
        raise OutputError(out / "vnlegal.sqlite", f"cannot write the database ({e}); the previous files are kept") from None
    return n


def _write_json(path: Path, obj) -> None:
    with open(path, "wb") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=1).encode("utf-8"))



def write_parquet(db: Path, folder: Path, stage: ExitStack | None = None) -> None:
    """One Parquet file per table, typed (vnlegal/typed.py). With ``stage``,
    each file is renamed into place when the stage closes (with the rest of
    the dataset)."""
    import pyarrow.parquet as pq

    from vnlegal.typed import arrow_table

    folder.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(db)
    try:
        with ExitStack() as own:
            for table in TABLES:
                pq.write_table(arrow_table(con, table),
                               (stage or own).enter_context(atomic_path(folder / f"{table}.parquet")))
    finally:
        con.close()


def load(path: str | Path = "outputs") -> dict:
    """The dataset's tables as pandas DataFrames, for notebooks, typed as
    the Parquet files are (nullable Int64 money and years, dates, booleans):

    >>> tables = vnlegal.load("outputs")
    >>> tables["budget_items"].groupby("year").amount_vnd.sum()
    """
    from vnlegal.store import connect_readonly
    from vnlegal.typed import arrow_table

    path = Path(path)
    db = path if path.suffix == ".sqlite" else path / "vnlegal.sqlite"
    if not db.exists():
        raise FileNotFoundError(f"{db}: no dataset here (run `make corpus` or `vnlegal build`)")
    con = connect_readonly(db)
    try:
        return {t: arrow_table(con, t).to_pandas() for t in TABLES}
    finally:
        con.close()
