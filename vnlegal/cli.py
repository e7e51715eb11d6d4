"""The `vnlegal` command: a thin shell over the library."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click


class ByteSize(click.ParamType):
    """A size as a user writes it: 200M, 1.5G, 512k, or bytes."""
    name = "size"
    _UNITS = {"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "m": 1 << 20, "mb": 1 << 20, "g": 1 << 30, "gb": 1 << 30}

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip().lower()
        number = text.rstrip("bkmg")
        unit = text[len(number):]
        try:
            n = float(number)
        except ValueError:
            n = -1
        if n < 0 or unit not in self._UNITS:
            self.fail(f"{value!r} is not a size (e.g. 200M, 1G, 0 for no limit)", param, ctx)
        return int(n * self._UNITS[unit])


def limit_options(f):
    """The bounds on one input, shared by extract and build (defaults: extract/limits.py)."""
    from vnlegal.extract.limits import MB, Limits
    d = Limits()
    options = [
        click.option("--timeout", type=click.FloatRange(min=0), default=d.timeout, show_default=True,
                     help="Seconds one file may take; its worker is then killed and replaced, the batch goes on "
                          "(0: no limit)."),
        click.option("--max-size", type=ByteSize(), default=f"{d.max_size // MB}M", show_default=True,
                     help="Largest input file read (0: no limit)."),
        click.option("--max-part-size", type=ByteSize(), default=f"{d.max_part_size // MB}M", show_default=True,
                     help="Largest a part of a DOCX may expand to, checked before it is unpacked (0: no limit)."),
        click.option("--max-pages", type=click.IntRange(min=0), default=d.max_pages, show_default=True,
                     help="Most pages of a PDF read (0: no limit)."),
        click.option("--max-ocr-megapixels", type=click.FloatRange(min=0), default=d.max_ocr_megapixels,
                     show_default=True,
                     help="Largest page rendered for OCR, in megapixels at 300 DPI (A4: 8.7); a larger "
                          "image-only page is not rendered (0: no limit)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _limits(timeout, max_size, max_part_size, max_pages, max_ocr_megapixels):
    from vnlegal.extract.limits import Limits
    return Limits(timeout=timeout, max_size=max_size, max_part_size=max_part_size, max_pages=max_pages,
                  max_ocr_megapixels=max_ocr_megapixels)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vnlegal")
def cli():
    """Vietnamese legal decisions into structured, checked records."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=Path), help="Folder for the JSON records.")
@click.option("-j", "--jobs", "jobs", type=int, default=None, help="Worker processes (default: CPU count).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that fails.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes here; dask: a Dask cluster (pip install 'vnlegal[dask]').")
@click.option("--scheduler", default=None, help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
@click.option("--gather", is_flag=True, help="Dask: send records back to this machine instead of writing them on the workers.")
@limit_options
def extract(paths, out_dir, jobs, fail_fast, quiet, engine, scheduler, gather, **bounds):
    """Extract one record per input file (TXT, DOCX, PDF, HTML) into OUT_DIR.

    Folders are searched recursively and mirrored in OUT_DIR (inputs from
    several folders: below their common folder). Exit status 1 when any file
    failed; each failure is one line on stderr, special files (pipes,
    devices, link loops) and unreadable ones included.
    """
    from vnlegal.batch import Summary, plan, run_local

    limits = _limits(**bounds)
    if out_dir.exists() and not out_dir.is_dir():
        click.echo(f"vnlegal: error: {out_dir}: the output is a file, not a folder", err=True)
        sys.exit(1)
    found = plan(list(paths), out_dir)
    refused = Summary()
    for o in found.refused:
        refused.add(o)  # one line each, before any work
    for note in found.notes:
        click.echo(f"vnlegal: note: {note}", err=True)
    jobs_list, skipped = found
    workers = jobs or os.cpu_count() or 1
    workers = max(1, min(workers, len(jobs_list) or 1))
    show = not quiet and sys.stderr.isatty()
    if engine == "dask":
        from vnlegal.batch import run_dask

        def run(progress=None):
            return run_dask(jobs_list, scheduler, workers, gather, fail_fast, progress, limits)
    else:
        def run(progress=None):
            return run_local(jobs_list, workers, fail_fast, progress=progress, limits=limits)
    try:
        if show:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TimeElapsedColumn,
            )
            with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), transient=True) as bar:
                task = bar.add_task("extracting", total=len(jobs_list))
                summary = run(progress=lambda: bar.advance(task))
        else:
            summary = run()
    except (RuntimeError, OSError) as e:
        click.echo(f"vnlegal: error: {e}", err=True)
        sys.exit(1)
    summary.skipped = len(skipped)
    failed = summary.failed + refused.failed
    click.echo(f"{summary.done} done, {failed} failed, {summary.skipped} skipped in {summary.seconds:.1f} s", err=True)
    sys.exit(1 if failed else 0)


DB = "outputs/vnlegal.sqlite"


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out_dir", default="outputs", show_default=True, type=click.Path(path_type=Path),
              help="Dataset folder.")
@click.option("-j", "--jobs", "jobs", type=int, default=None, help="Worker processes (default: CPU count).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@limit_options
def build(paths, out_dir, jobs, quiet, **bounds):
    """Build or update the dataset in OUT_DIR from the decisions in PATHS.

    Only inputs that are new or changed (sha256, pipeline version) are
    extracted; records of deleted inputs are dropped. Then decisions.jsonl,
    vnlegal.sqlite and parquet/ are rewritten, each atomically.
    """
    from vnlegal.dataset import build as build_dataset

    workers = jobs or os.cpu_count() or 1
    limits = _limits(**bounds)
    show = not quiet and sys.stderr.isatty()
    if show:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TimeElapsedColumn,
        )
        with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), transient=True) as bar:
            task = bar.add_task("extracting", total=None)
            s = build_dataset(list(paths), out_dir, workers, progress=lambda: bar.advance(task),
                              on_plan=lambda n: bar.update(task, total=n), limits=limits)
    else:
        s = build_dataset(list(paths), out_dir, workers, limits=limits)
    click.echo(f"{s.extracted} extracted, {s.unchanged} unchanged, {s.removed} removed, {s.failed} failed, "
               f"{s.skipped} skipped; {s.documents} documents in {out_dir} ({s.seconds:.1f} s)", err=True)
    sys.exit(1 if s.failed else 0)


@cli.command()
@click.argument("query")
@click.option("--kind", help="Only sections of this kind (objectives, budget, implementation, …).")
@click.option("--province", help="Only documents of this locality (accents optional).")
@click.option("-n", "--limit", default=20, show_default=True)
@click.option("--db", default=DB, show_default=True, type=click.Path(path_type=Path))
def search(query, kind, province, limit, db):
    """Full-text search of section texts, with or without accents (d for đ)."""
    from rich.console import Console
    from rich.markup import escape

    from vnlegal.search import search as run_search

    try:
        hits = run_search(db, query, kind, province, limit)
    except FileNotFoundError as e:
        click.echo(f"vnlegal: error: {e}", err=True)
        sys.exit(1)
    console = Console()
    for h in hits:
        parts, last = [], 0
        for a, b in h.spans:
            parts += [escape(h.snippet[last:a]), f"[bold yellow]{escape(h.snippet[a:b])}[/bold yellow]"]
            last = b
        parts.append(escape(h.snippet[last:]))
        console.print(f"[bold]{escape(h.doc_id)}[/bold] {escape(h.number or '')} {escape(h.locality or '')} · "
                      f"{h.kind} · {escape(h.heading[:80])}")
        console.print("   …" + "".join(parts).replace("\n", " ") + "…")
    if not hits:
        click.echo("no hits", err=True)


@cli.command()
@click.argument("sql")
@click.option("--db", default=DB, show_default=True, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(sql, db, fmt):
    """Run SQL on the dataset (read-only) and print the rows."""
    import csv
    import sqlite3

    from vnlegal.store import connect_readonly

    try:
        con = connect_readonly(db)
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description or []]
        rows = cur.fetchall()
    except (sqlite3.Error, FileNotFoundError) as e:
        click.echo(f"vnlegal: error: {e}", err=True)
        sys.exit(1)
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(rows)
    elif fmt == "json":
        click.echo(json.dumps([dict(zip(cols, r)) for r in rows], ensure_ascii=False, indent=1))
    else:
        from rich.console import Console
        from rich.table import Table
        t = Table(*cols)
        for r in rows:
            t.add_row(*["" if v is None else str(v) for v in r])
        Console().print(t)


@cli.command()
@click.option("--db", default=DB, show_default=True, type=click.Path(path_type=Path))
def stats(db):
    """Summarise the dataset: documents by locality, year and type; budgets; issues."""
    from rich.console import Console
    from rich.table import Table

    from vnlegal.store import connect_readonly

    try:
        con = connect_readonly(db)
    except FileNotFoundError as e:
        click.echo(f"vnlegal: error: {e}", err=True)
        sys.exit(1)
    console = Console()
    queries = [
        ("Documents by locality", "SELECT coalesce(locality, '?') AS locality, issuer_level, COUNT(*) AS documents "
                                  "FROM documents GROUP BY 1, 2 ORDER BY 3 DESC"),
        ("Documents by year and type", "SELECT issued_year AS year, doc_type, COUNT(*) AS documents FROM documents "
                                       "GROUP BY 1, 2 ORDER BY 1, 2"),
        ("Budgets", "SELECT COUNT(budget_total_vnd) AS with_total, SUM(budget_total_vnd) AS text_totals_vnd, "
                    "COUNT(table_total_vnd) AS with_table, SUM(table_total_vnd) AS table_totals_vnd FROM documents"),
        ("Extracted facts", "SELECT (SELECT COUNT(*) FROM targets) AS targets, (SELECT COUNT(*) FROM agencies) AS agencies, "
                            "(SELECT COUNT(*) FROM assignments) AS assignments, "
                            "(SELECT COUNT(DISTINCT doc_id || item_ord) FROM budget_items) AS budget_items"),
        ("Issues", "SELECT code, severity, COUNT(*) AS n FROM issues GROUP BY 1, 2 ORDER BY 3 DESC"),
    ]
    for title, sql in queries:
        cur = con.execute(sql)
        t = Table(*[d[0] for d in cur.description], title=title)
        for r in cur.fetchall():
            t.add_row(*["" if v is None else f"{v:,}" if isinstance(v, int) and v > 9999 else str(v) for v in r])
        console.print(t)
    con.close()


@cli.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check(records):
    """Show each record's budget as a table and recompute its checks.

    Cells the pipeline corrected or doubted are marked "!", cells whose check
    fails "✗". Exit status 1 when a check fails or a record cannot be read.
    """
    from rich.console import Console

    from vnlegal.check import render

    console = Console()
    ok = True
    for path in records:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            click.echo(f"vnlegal: error: {path}: not a JSON record ({e})", err=True)
            ok = False
            continue
        ok = render(record, console) and ok
    sys.exit(0 if ok else 1)


@cli.command()
def schema():
    """Print the JSON Schema of the record."""
    from vnlegal.models.record import record_json_schema
    click.echo(json.dumps(record_json_schema(), ensure_ascii=False, indent=1))


def main():
    cli(prog_name="vnlegal")


if __name__ == "__main__":
    main()
