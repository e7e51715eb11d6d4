"""Run the pipeline over many files: locally in worker processes, streaming
each record to disk as soon as it is done. One bad file never stops a batch."""
from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from vnlegal.extract import READERS, Limits, special_file
from vnlegal.models.errors import VnlegalError

SUPPORTED = tuple(READERS)


@dataclass
class Job:
    input: Path
    output: Path


@dataclass
class Outcome:
    job: Job
    ok: bool
    error: str | None = None
    seconds: float = 0.0
    pages: int | None = None
    peak_rss_mb: float | None = None  # of the worker process so far


def _peak_rss_mb() -> float | None:
    try:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    except (ImportError, OSError):
        return None


@dataclass
class Summary:
    done: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def add(self, o: Outcome) -> None:
        """Count an outcome; a failure is one line on stderr naming the file."""
        if o.ok:
            self.done += 1
            return
        self.failed += 1
        # a name whose bytes are not UTF-8 is shown with its bytes escaped (\xe9), not as lone surrogates
        line = f"{os.fsencode(o.job.input).decode('utf-8', 'backslashreplace')}: {o.error}"
        self.errors.append(line)
        print(f"vnlegal: error: {line}", file=sys.stderr, flush=True)


@dataclass
class Plan:
    """What a batch will do with its inputs: one job per input file, the files
    left out for their type, and the inputs refused before any work (special
    files, unreadable ones, a record that would overwrite a file that is no
    record); each refused one is a named failure. ``notes`` say where an output
    was renamed to keep two inputs apart.

    Unpacks as ``jobs, skipped = plan(...)`` for callers that need no more."""
    jobs: list[Job] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    refused: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter((self.jobs, self.skipped))

    def refuse(self, path: Path, reason: str) -> None:
        self.refused.append(Outcome(Job(input=Path(path), output=Path(os.devnull)), False, reason))


def _safe_part(name: str) -> str:
    """A path part for an output name: the bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates, which no JSON or SQLite writer
    takes) written as %XX, so two such names stay two names."""
    return "".join(f"%{ord(c) - 0xDC00:02X}" if 0xDC80 <= ord(c) <= 0xDCFF else c for c in name)


def _walk(folder: Path, out_dir: Path, found: Plan, files: list[Path], seen: set[tuple[int, int]]) -> None:
    """Every file under ``folder``, depth first in name order, into ``files``;
    what cannot be walked or read is refused by name, never skipped in silence.
    Symbolic links are followed; a folder reached twice (a link loop) is
    refused. The output folder, when it lies inside, is not an input."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        found.refuse(folder, f"cannot read folder ({e.strerror})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files: editor and system litter, and our own temporary files
        path = Path(entry.path)
        try:
            st = entry.stat()  # follows a symbolic link
        except OSError as e:
            what = "symbolic link loop" if e.errno == errno.ELOOP else \
                "broken symbolic link" if entry.is_symlink() else f"cannot read ({e.strerror})"
            found.refuse(path, what)
            continue
        if stat.S_ISDIR(st.st_mode):
            if (st.st_dev, st.st_ino) in seen:
                found.refuse(path, "folder reached twice through a symbolic link (a loop); not read again")
            elif _same(path, out_dir):
                continue
            else:
                seen.add((st.st_dev, st.st_ino))
                _walk(path, out_dir, found, files, seen)
            continue
        what = special_file(st.st_mode)
        if what:
            found.refuse(path, f"{what}, not a document file")
        elif path.suffix.lower() in SUPPORTED:
            if _readable(path, found):
                files.append(path)
        else:
            found.skipped.append(path)


def _readable(path: Path, found: Plan) -> bool:
    """Whether this user may read ``path``; if not it is refused by name (a
    build hashes every input before extracting)."""
    if os.access(path, os.R_OK):
        return True
    found.refuse(path, f"cannot read file ({os.strerror(errno.EACCES)})")
    return False


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _is_record(path: Path) -> bool:
    """Whether ``path`` holds a vnlegal record (which a new run may replace)."""
    import json
    try:
        with open(path, "rb") as f:
            obj = json.load(f)
    except (OSError, ValueError):
        return False
    return isinstance(obj, dict) and "pipeline_version" in obj and "source" in obj


def plan(paths: list[Path], out_dir: Path) -> Plan:
    """Inputs → jobs with their output paths, the files skipped for their type
    and the inputs refused by name.

    Output paths mirror each input's path relative to the inputs' common
    folder, so that two ``x.txt`` from two folders are two records. Two inputs
    of one folder sharing a stem are both named ``<file name>.json``; any
    clash left is resolved by a suffix (``x-2.json``) and said in ``notes``.
    A record never replaces an existing file that is not a record (the output
    folder given as the input folder): that input is refused.
    """
    found = Plan()
    out_dir = Path(out_dir)
    files: list[tuple[Path, Path]] = []  # (input, folder it was given in or found under)
    seen_inputs: set[str] = set()
    for p in paths:
        p = Path(p)
        try:
            st = os.stat(p)
        except OSError as e:
            found.refuse(p, "symbolic link loop" if e.errno == errno.ELOOP else
                         "no such file or folder" if e.errno == errno.ENOENT else f"cannot read ({e.strerror})")
            continue
        if stat.S_ISDIR(st.st_mode):
            under: list[Path] = []
            _walk(p, out_dir, found, under, {(st.st_dev, st.st_ino)})
            files += [(f, p) for f in under]
        elif special_file(st.st_mode):
            found.refuse(p, f"{special_file(st.st_mode)}, not a document file")
        elif _readable(p, found):
            files.append((p, p.parent))
    # the same file given twice (a folder and a file in it, or reached through a link) is one input
    unique: list[tuple[Path, Path]] = []
    for f, base in files:
        key = os.path.realpath(f)
        if key not in seen_inputs:
            seen_inputs.add(key)
            unique.append((f, base))
    bases = [os.path.abspath(b) for _, b in unique]
    root = Path(os.path.commonpath(bases)) if bases else Path(".")
    entries = [(f, Path(os.path.relpath(os.path.abspath(f), root)).parent) for f, _ in unique]
    by_dir: dict[tuple[Path, str], int] = {}
    for f, rel in entries:
        by_dir[(rel, f.stem)] = by_dir.get((rel, f.stem), 0) + 1
    # records land among the inputs only when the output folder is one of them
    # or inside one: then only is a file found there checked for being a record
    out_abs = os.path.abspath(out_dir)
    among_inputs = any(out_abs == b or out_abs.startswith(b.rstrip(os.sep) + os.sep) for b in set(bases))
    taken: dict[Path, Path] = {}
    input_files = {os.path.abspath(f) for f, _ in unique}
    for f, rel in entries:
        name = _safe_part(f.name if by_dir[(rel, f.stem)] > 1 else f.stem)
        rel = Path(*[_safe_part(part) for part in rel.parts]) if rel.parts else rel
        output = out_dir / rel / f"{name}.json"
        n = 1
        while output in taken or os.path.abspath(output) in input_files:
            n += 1
            output = out_dir / rel / f"{name}-{n}.json"
        if n > 1:
            found.notes.append(f"{f}: its record is {output.name}, as {output.with_name(name + '.json')} "
                               f"belongs to another input")
        if among_inputs and output.exists() and not _is_record(output):
            found.refuse(f, f"not extracted: {output} exists and is not a vnlegal record (is the output "
                            f"folder the input folder?); choose another output folder")
            continue
        taken[output] = f
        found.jobs.append(Job(input=f, output=output))
    return found


def run_job_gather(job: Job, limits: Limits | None = None) -> tuple[Outcome, dict | None]:
    """Process one file and return the record with the outcome; never raises
    (for cluster workers that cannot reach the output folder, and for run_job)."""
    from vnlegal.pipeline import process_file

    t0 = time.perf_counter()
    try:
        record = process_file(job.input, limits)
    except VnlegalError as e:
        return Outcome(job, False, e.reason, time.perf_counter() - t0), None
    except MemoryError:
        return Outcome(job, False, "out of memory", time.perf_counter() - t0), None
    except Exception as e:  # a bug must not take the batch down with it
        return Outcome(job, False, f"internal error ({type(e).__name__}: {str(e)[:120]})", time.perf_counter() - t0), None
    return Outcome(job, True, seconds=time.perf_counter() - t0, pages=record["source"].get("pages"),
                   peak_rss_mb=_peak_rss_mb()), record


def run_job(job: Job, limits: Limits | None = None) -> Outcome:
    """Process one file in a worker and write its record; never raises."""
    from vnlegal.io import write_json_atomic

    outcome, record = run_job_gather(job, limits)
    if record is not None:
        try:
            write_json_atomic(job.output, record)
        except OSError as e:  # a full disk, a read-only folder: the file is fine, the output is not
            return Outcome(job, False, f"cannot write {job.output} ({e.strerror or e})", outcome.seconds)
        except Exception as e:
            return Outcome(job, False, f"internal error ({type(e).__name__}: {str(e)[:120]})", outcome.seconds)
    return outcome


def run_dask(jobs: list[Job], scheduler: str | None = None, workers: int = 2, gather: bool = False,
             fail_fast: bool = False, progress=None, limits: Limits | None = None) -> Summary:
    """The same per-document function on a Dask cluster (``scheduler``:
    "tcp://host:8786"; none: a local cluster of ``workers`` processes).
    Workers write each record to the output folder, or with ``gather`` send it
    back and this process writes it. A bounded number of documents is in flight."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise RuntimeError("the Dask engine needs the 'dask' extra: pip install 'vnlegal[dask]'") from None
    from vnlegal.io import write_json_atomic

    summary = Summary()
    t0 = time.perf_counter()
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        scheduler = cluster.scheduler_address
    client = Client(scheduler)
    try:
        # the size and page bounds hold on the cluster too; the time limit needs a
        # worker that can be killed, which Dask's own nanny and timeouts govern
        fn = partial(run_job_gather if gather else run_job, limits=limits)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        window = n_workers * 4
        it = iter(jobs)
        ac = as_completed()
        for job in it:
            ac.add(client.submit(fn, job, pure=False))
            if ac.count() >= window:
                break
        stop = False
        for fut in ac:
            result = fut.result()
            outcome, record = result if gather else (result, None)
            if gather and outcome.ok:
                write_json_atomic(outcome.job.output, record)
            summary.add(outcome)
            stop = stop or (fail_fast and not outcome.ok)
            if progress:
                progress()
            if not stop:
                nxt = next(it, None)
                if nxt is not None:
                    ac.add(client.submit(fn, nxt, pure=False))
            else:
                for f in list(ac.futures):
                    f.cancel()
                break
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - t0
    return summary


def _init_worker() -> None:
    # Tesseract and BLAS threads fight over the cores the pool already uses
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def run_local(jobs: list[Job], workers: int = 1, fail_fast: bool = False, progress=None, on_outcome=None,
              limits: Limits | None = None) -> Summary:
    """Run jobs in ``workers`` processes, each file within ``limits.timeout``
    seconds (a worker over it is killed and replaced). With one worker and no
    time limit the jobs run in this process."""
    from vnlegal.io import remove_stale_temps
    from vnlegal.supervisor import Stopped, Supervisor

    limits = limits or Limits()
    summary = Summary()
    t0 = time.perf_counter()
    # temporary files a killed run left where these records go
    remove_stale_temps([job.output for job in jobs])

    def handle(o: Outcome) -> bool:
        summary.add(o)
        if on_outcome:
            on_outcome(o)
        if progress:
            progress()
        return not o.ok and fail_fast

    workers = min(workers, len(jobs))  # a worker costs an interpreter's start: none without a job
    if not jobs:
        pass
    elif workers <= 1 and not limits.timeout:
        for job in jobs:
            if handle(run_job(job, limits)):
                break
    else:
        pool = Supervisor(partial(run_job, limits=limits), workers, limits.timeout, setup=_init_worker)

        def lost(job: Job, reason: str) -> bool:
            remove_stale_temps([job.output])  # its writer was killed mid-write
            return handle(Outcome(job, False, reason))

        try:
            pool.run(jobs, on_result=lambda job, o: handle(o), on_lost=lost)
        except (Stopped, KeyboardInterrupt) as e:
            remove_stale_temps([job.output for job in pool.in_flight()])
            signum = e.signum if isinstance(e, Stopped) else signal.SIGINT
            print(f"vnlegal: stopped by {signal.Signals(signum).name}: {summary.done} done, "
                  f"{summary.failed} failed, {len(pool.in_flight())} unfinished", file=sys.stderr, flush=True)
            raise SystemExit(128 + signum) from None
    summary.seconds = time.perf_counter() - t0
    return summary
