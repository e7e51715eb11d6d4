"""The dataset: records of a folder of decisions, kept up to date incrementally,
and the files researchers open (JSON Lines, SQLite, Parquet).

    outputs/json/…/<stem>.json   one record per input (mirrors the input folders)
    outputs/decisions.jsonl      every record, one per line, without the page blocks
    outputs/vnlegal.sqlite       normalised tables, views, full-text index
    outputs/parquet/<table>.parquet
    outputs/datasette.json       Datasette metadata for the database
    outputs/state.json           what each record was built from (sha256, pipeline version)

An input whose sha256 and pipeline version are unchanged is not extracted
again; a deleted input's record leaves the dataset. Every file is written to a
temporary name and renamed, so a reader never sees half of one.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from vnlegal.batch import Job, plan, run_local
from vnlegal.io import atomic_path, write_atomic, write_json_atomic
from vnlegal.pipeline import PIPELINE_VERSION
from vnlegal.datasette_meta import metadata as datasette_metadata
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
        return json.loads((out / STATE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def build(inputs: list[Path], out: Path, workers: int = 1, progress=None, on_plan=None) -> BuildSummary:
    import time
    t0 = time.perf_counter()
    out = Path(out)
    json_dir = out / "json"
    jobs, skipped = plan(inputs, json_dir)
    state = _load_state(out)
    summary = BuildSummary(skipped=len(skipped))
    current: dict[str, Job] = {}
    todo: list[Job] = []
    hashes: dict[str, str] = {}
    for job in jobs:
        rel = job.output.relative_to(json_dir).as_posix()
        current[rel] = job
        sha = _sha256(job.input)
        hashes[rel] = sha
        old = state.get(rel)
        if old and old.get("sha256") == sha and old.get("pipeline_version") == PIPELINE_VERSION and job.output.exists():
            summary.unchanged += 1
            continue
        todo.append(job)
    # inputs that are gone take their records with them
    for rel in list(state):
        if rel not in current:
            (json_dir / rel).unlink(missing_ok=True)
            del state[rel]
            summary.removed += 1
    if on_plan:
        on_plan(len(todo))
    failed: set[Path] = set()
    done = run_local(todo, workers, progress=progress,
                     on_outcome=lambda o: None if o.ok else failed.add(o.job.output))
    summary.failed, summary.errors = done.failed, done.errors
    for job in todo:
        rel = job.output.relative_to(json_dir).as_posix()
        if job.output in failed:
            # a file that no longer reads must not leave its old record behind
            job.output.unlink(missing_ok=True)
            state.pop(rel, None)
        else:
            state[rel] = {"input": str(job.input), "sha256": hashes[rel], "pipeline_version": PIPELINE_VERSION}
            summary.extracted += 1
    write_json_atomic(out / STATE, state)
    summary.documents = write_outputs(out, [json_dir / rel for rel in sorted(state)])
    summary.seconds = time.perf_counter() - t0
    return summary


def write_outputs(out: Path, record_paths: list[Path]) -> int:
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

    n = build_database(out / "vnlegal.sqlite", records())
    write_atomic(out / "decisions.jsonl", ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8"))
    write_parquet(out / "vnlegal.sqlite", out / "parquet")
    write_json_atomic(out / "datasette.json", datasette_metadata())
    return n


def write_parquet(db: Path, folder: Path) -> None:
    import sqlite3

    import pyarrow.parquet as pq

    from vnlegal.typed import arrow_table

    folder.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(db)
    try:
        for table in TABLES:
            with atomic_path(folder / f"{table}.parquet") as tmp:
                pq.write_table(arrow_table(con, table), tmp)
    finally:
        con.close()


def load(path: str | Path = "outputs") -> dict:
    """The dataset's tables as pandas DataFrames, for notebooks, typed as
    the Parquet files are (nullable Int64 money and years, dates, booleans):

    >>> tables = vnlegal.load("outputs")
    >>> tables["budget_items"].groupby("year").amount_vnd.sum()
    """
    import sqlite3

    from vnlegal.typed import arrow_table

    path = Path(path)
    db = path if path.suffix == ".sqlite" else path / "vnlegal.sqlite"
    if not db.exists():
        raise FileNotFoundError(f"{db}: no dataset here (run `make corpus` or `vnlegal build`)")
    con = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
    try:
        return {t: arrow_table(con, t).to_pandas() for t in TABLES}
    finally:
        con.close()
