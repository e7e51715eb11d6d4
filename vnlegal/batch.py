"""Run the pipeline over many files: locally in worker processes, streaming
each record to disk as soon as it is done. One bad file never stops a batch."""
from __future__ import annotations

import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from vnlegal.extract import READERS
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
        line = f"{o.job.input}: {o.error}"
        self.errors.append(line)
        print(f"vnlegal: error: {line}", file=sys.stderr, flush=True)


def plan(paths: list[Path], out_dir: Path) -> tuple[list[Job], list[Path]]:
    """Inputs → jobs with their output paths; also the files skipped for their type.

    A folder is searched recursively and mirrored under ``out_dir``. Two inputs
    of one folder sharing a stem are both named ``<file name>.json``.
    """
    entries: list[tuple[Path, Path]] = []  # (input, path relative to out_dir without suffix)
    skipped: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not f.is_file() or f.name.startswith("."):
                    continue
                if f.suffix.lower() in SUPPORTED:
                    entries.append((f, f.relative_to(p).parent))
                else:
                    skipped.append(f)
        else:
            entries.append((p, Path(".")))
    by_dir: dict[tuple[Path, str], int] = {}
    for f, rel in entries:
        by_dir[(rel, f.stem)] = by_dir.get((rel, f.stem), 0) + 1
    jobs = []
    for f, rel in entries:
        name = f.name if by_dir[(rel, f.stem)] > 1 else f.stem
        jobs.append(Job(input=f, output=out_dir / rel / f"{name}.json"))
    return jobs, skipped


def run_job_gather(job: Job) -> tuple[Outcome, dict | None]:
    """Process one file and return the record with the outcome; never raises
    (for cluster workers that cannot reach the output folder, and for run_job)."""
    from vnlegal.pipeline import process_file

    t0 = time.perf_counter()
    try:
        record = process_file(job.input)
    except VnlegalError as e:
        return Outcome(job, False, e.reason, time.perf_counter() - t0), None
    except MemoryError:
        return Outcome(job, False, "out of memory", time.perf_counter() - t0), None
    except Exception as e:  # a bug must not take the batch down with it
        return Outcome(job, False, f"internal error ({type(e).__name__}: {str(e)[:120]})", time.perf_counter() - t0), None
    return Outcome(job, True, seconds=time.perf_counter() - t0, pages=record["source"].get("pages"),
                   peak_rss_mb=_peak_rss_mb()), record


def run_job(job: Job) -> Outcome:
    """Process one file in a worker and write its record; never raises."""
    from vnlegal.io import write_json_atomic

    outcome, record = run_job_gather(job)
    if record is not None:
        try:
            write_json_atomic(job.output, record)
        except Exception as e:
            return Outcome(job, False, f"internal error ({type(e).__name__}: {str(e)[:120]})", outcome.seconds)
    return outcome


def run_dask(jobs: list[Job], scheduler: str | None = None, workers: int = 2, gather: bool = False,
             fail_fast: bool = False, progress=None) -> Summary:
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
        fn = run_job_gather if gather else run_job
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


def run_local(jobs: list[Job], workers: int = 1, fail_fast: bool = False, progress=None, on_outcome=None) -> Summary:
    """Run jobs with ``workers`` processes (1: in this process)."""
    summary = Summary()
    t0 = time.perf_counter()

    def handle(o: Outcome) -> bool:
        summary.add(o)
        if on_outcome:
            on_outcome(o)
        if progress:
            progress()
        return not o.ok and fail_fast

    if workers <= 1:
        for job in jobs:
            if handle(run_job(job)):
                break
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
            pending = set()
            it = iter(jobs)
            stop = False
            # keep a bounded window in flight: results stream to disk, memory stays flat
            for job in it:
                pending.add(pool.submit(run_job, job))
                if len(pending) >= workers * 4:
                    break
            while pending and not stop:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    if handle(f.result()):
                        stop = True
                if not stop:
                    for job in it:
                        pending.add(pool.submit(run_job, job))
                        if len(pending) >= workers * 4:
                            break
            for f in pending:
                f.cancel()
    summary.seconds = time.perf_counter() - t0
    return summary
