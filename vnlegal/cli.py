"""The `vnlegal` command: a thin shell over the library."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click


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
def extract(paths, out_dir, jobs, fail_fast, quiet, engine, scheduler, gather):
    """Extract one record per input file (TXT, DOCX, PDF, HTML) into OUT_DIR.

    Folders are searched recursively and mirrored in OUT_DIR. Exit status 1
    when any file failed; each failure is one line on stderr.
    """
    from vnlegal.batch import plan, run_local

    missing = [p for p in paths if not p.exists()]
    for p in missing:
        click.echo(f"vnlegal: error: {p}: no such file or folder", err=True)
    jobs_list, skipped = plan([p for p in paths if p.exists()], out_dir)
    workers = jobs or os.cpu_count() or 1
    workers = max(1, min(workers, len(jobs_list) or 1))
    show = not quiet and sys.stderr.isatty()
    if engine == "dask":
        from vnlegal.batch import run_dask

        def run(progress=None):
            return run_dask(jobs_list, scheduler, workers, gather, fail_fast, progress)
    else:
        def run(progress=None):
            return run_local(jobs_list, workers, fail_fast, progress=progress)
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
    failed = summary.failed + len(missing)
    click.echo(f"{summary.done} done, {failed} failed, {summary.skipped} skipped in {summary.seconds:.1f} s", err=True)
    sys.exit(1 if failed else 0)


DB = "outputs/vnlegal.sqlite"


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out_dir", default="outputs", show_default=True, type=click.Path(path_type=Path),
              help="Dataset folder.")
@click.option("-j", "--jobs", "jobs", type=int, default=None, help="Worker processes (default: CPU count).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build(paths, out_dir, jobs, quiet):
    """Build or update the dataset in OUT_DIR from the decisions in PATHS.

    Only inputs that are new or changed (sha256, pipeline version) are
    extracted; records of deleted inputs are dropped. Then decisions.jsonl,
    vnlegal.sqlite and parquet/ are rewritten, each atomically.
    """
    from vnlegal.dataset import build as build_dataset

    workers = jobs or os.cpu_count() or 1
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
                              on_plan=lambda n: bar.update(task, total=n))
    else:
        s = build_dataset(list(paths), out_dir, workers)
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
    """Full-text search of section texts, with or without accents (d for đ).

    The words typed together match as one phrase; "quotes" separate phrases,
    OR, AND, NOT (in capitals) and (parentheses) combine them, a * ends a
    prefix. Sections with the phrase as typed, accents included, come first."""
    from rich.console import Console
    from rich.markup import escape

    from vnlegal.fts import SearchSyntaxError
    from vnlegal.search import highlight
    from vnlegal.search import search as run_search

    try:
        hits = run_search(db, query, kind, province, limit)
    except FileNotFoundError as e:
        click.echo(f"vnlegal: error: {e}", err=True)
        sys.exit(1)
    except SearchSyntaxError as e:
        click.echo(f"vnlegal: error: {e}", err=True)
        sys.exit(2)
    console = Console()
    for h in hits:
        if console.is_terminal:
            parts, last = [], 0
            for a, b in h.spans:
                parts += [escape(h.snippet[last:a]), f"[bold yellow]{escape(h.snippet[a:b])}[/bold yellow]"]
                last = b
            parts.append(escape(h.snippet[last:]))
            console.print(f"[bold]{escape(h.doc_id)}[/bold] {escape(h.number or '')} {escape(h.locality or '')} · "
                          f"{h.kind} · {escape(h.heading[:80])}")
            console.print("   …" + "".join(parts).replace("\n", " ") + "…")
        else:  # piped: no colours, so the hits are marked [like this]
            click.echo(f"{h.doc_id} {h.number or ''} {h.locality or ''} · {h.kind} · {h.heading[:80]}")
            click.echo("   …" + highlight(h.snippet, h.spans).replace("\n", " ") + "…")
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
@click.argument("outputs", default="outputs", type=click.Path(path_type=Path))
@click.option("-p", "--port", default=8001, show_default=True, help="Port to serve on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 for a network).")
@click.option("-o", "--open", "open_browser", is_flag=True, help="Open the page in a browser.")
def serve(outputs, port, host, open_browser):
    """Open a built dataset (vnlegal build) in Datasette: tables with facets,
    search with or without accents, canned queries, money with separators.

    Needs the datasette extra: pip install 'vnlegal[datasette]'."""
    import importlib.util

    db, meta = outputs / "vnlegal.sqlite", outputs / "datasette.json"
    missing = next((p for p in (db, meta) if not p.is_file()), None)
    if missing:
        click.echo(f"vnlegal: error: {missing}: no dataset here (run `vnlegal build … -o {outputs}`)", err=True)
        sys.exit(1)
    if importlib.util.find_spec("datasette") is None:
        click.echo("vnlegal: error: Datasette is not installed; pip install 'vnlegal[datasette]'", err=True)
        sys.exit(1)
    # section texts run to pages: cut long cells in the HTML tables (the row page and JSON keep them whole)
    args = [sys.executable, "-m", "datasette", "serve", str(db), "-m", str(meta), "-p", str(port), "-h", host,
            "--setting", "truncate_cells_html", "400"]
    if open_browser:
        args.append("-o")
    click.echo(f"vnlegal: Datasette on http://{host}:{port}/ (Ctrl-C stops it)", err=True)
    os.execv(sys.executable, args)  # Datasette takes over the process: its signals, its exit status


@cli.command()
def schema():
    """Print the JSON Schema of the record."""
    from vnlegal.models.record import record_json_schema
    click.echo(json.dumps(record_json_schema(), ensure_ascii=False, indent=1))


def main():
    cli(prog_name="vnlegal")


if __name__ == "__main__":
    main()
