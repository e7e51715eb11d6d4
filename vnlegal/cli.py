"""The `vnlegal` command: a thin shell over the library."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from vnlegal.models.kinds import SECTION_KINDS


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
                     help="A PDF of more pages is refused whole (0: no limit)."),
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


def _progress():
    """The progress bar on stderr. Its console never wraps: an error line
    printed while the bar runs stays one line, path and reason together."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
    return Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), transient=True, console=Console(stderr=True, soft_wrap=True))


def _name_skipped(skipped) -> None:
    """Files of a folder that are no input kind are named, never passed over in silence."""
    from vnlegal.batch import SUPPORTED
    for path in skipped:
        click.echo(f"vnlegal: skipped: {path} (not a kind of file read: {' '.join(sorted(SUPPORTED))})", err=True)


def _database(path: Path) -> Path:
    """The dataset's database, given the dataset folder or the file itself."""
    return path / "vnlegal.sqlite" if path.is_dir() else path


def _console():
    """Rich console for tables on stdout; piped, it does not cut values to a terminal's width."""
    from rich.console import Console
    return Console() if sys.stdout.isatty() else Console(width=100_000, soft_wrap=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vnlegal")
def cli():
    """Vietnamese legal decisions into structured, checked records."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=Path), help="Folder for the JSON records.")
@click.option("-j", "--jobs", "jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: CPU count).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that fails.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes here; dask: a Dask cluster (pip install 'vnlegal[dask]').")
@click.option("--scheduler", default=None, help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
@click.option("--gather", is_flag=True, help="Dask: send records back to this machine instead of writing them on the workers.")
@limit_options
def extract(paths, out_dir, jobs, fail_fast, quiet, engine, scheduler, gather, **bounds):
    """Extract one record per input file into the -o folder: TXT (any
    Vietnamese encoding, Markdown text included), DOCX, DOC and RTF, PDF
    (born-digital, e-signed, scanned), HTML, page images.

    Folders are searched recursively and mirrored in the -o folder (inputs from
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
    _name_skipped(skipped)
    try:
        if show:
            with _progress() as bar:
                task = bar.add_task("extracting", total=len(jobs_list))
                summary = run(progress=lambda: bar.advance(task))
        else:
            summary = run()
    except (RuntimeError, OSError) as e:
        click.echo(f"vnlegal: error: {e}", err=True)
        sys.exit(1)
    summary.skipped = len(skipped)
    failed = summary.failed + refused.failed
    untried = len(jobs_list) - summary.done - summary.failed
    click.echo(f"{summary.done} done, {failed} failed, {summary.skipped} skipped"
               + (f", {untried} not tried (--fail-fast)" if fail_fast and untried > 0 else "")
               + f" in {summary.seconds:.1f} s", err=True)
    sys.exit(1 if failed else 0)


DB = "outputs"
DB_HELP = "The dataset: its folder (vnlegal build -o) or its vnlegal.sqlite."


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out_dir", default="outputs", show_default=True, type=click.Path(path_type=Path),
              help="Dataset folder.")
@click.option("-j", "--jobs", "jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: CPU count).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--replace", is_flag=True,
              help="Drop records of inputs that still exist but are not among PATHS (another dataset's).")
@limit_options
def build(paths, out_dir, jobs, quiet, replace, **bounds):
    """Build or update the dataset in the -o folder from the decisions in PATHS.

    Only inputs that are new or changed (sha256, pipeline version) are
    extracted; records of deleted inputs are dropped. Then decisions.jsonl,
    vnlegal.sqlite and parquet/ are rewritten together: a reader sees the old
    dataset or the new. One build at a time per folder: a second one waits.
    """
    from vnlegal.dataset import build as build_dataset
    from vnlegal.models.errors import OutputError

    def waiting():
        click.echo(f"vnlegal: another build is writing {out_dir}; waiting for it to end", err=True)

    workers = jobs or os.cpu_count() or 1
    limits = _limits(**bounds)
    show = not quiet and sys.stderr.isatty()
    if show:
        with _progress() as bar:
            task = bar.add_task("extracting", total=None)
            try:
                s = build_dataset(list(paths), out_dir, workers, progress=lambda: bar.advance(task),
                                  on_plan=lambda n: bar.update(task, total=n), replace=replace, on_wait=waiting,
                                  limits=limits)
            except OutputError as e:
                bar.stop()
                _fail(e)
    else:
        try:
            s = build_dataset(list(paths), out_dir, workers, replace=replace, on_wait=waiting, limits=limits)
        except OutputError as e:
            _fail(e)
    click.echo(f"{s.extracted} extracted, {s.unchanged} unchanged, {s.removed} removed, {s.failed} failed, "
               f"{s.skipped} skipped; {s.documents} documents in {out_dir} ({s.seconds:.1f} s)", err=True)
    sys.exit(1 if s.failed else 0)


@cli.command()
@click.argument("query")
@click.option("--kind", type=click.Choice(SECTION_KINDS), help="Only sections of this kind.")
@click.option("--province", help="Only documents of this place or province, then or today (accents optional).")
@click.option("-n", "--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Hits shown at most.")
@click.option("--db", default=DB, show_default=True, type=click.Path(path_type=Path), help=DB_HELP)
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

    from vnlegal.query import QueryError

    try:
        hits = run_search(_database(db), query, kind, province, limit)
    except (QueryError, FileNotFoundError) as e:
        _fail(e)
    except SearchSyntaxError as e:
        _fail(e, 2)
    console = Console()
    for h in hits:
        if console.is_terminal:
            parts, last = [], 0
            for a, b in h.spans:
                parts += [escape(h.snippet[last:a]), f"[bold yellow]{escape(h.snippet[a:b])}[/bold yellow]"]
                last = b
            parts.append(escape(h.snippet[last:]))
            console.print(f"[bold]{escape(h.doc_id)}[/bold] {escape(h.number or '')} {escape(h.locality or '')} · "
                          f"{escape(h.kind or '')} · {escape(h.heading[:80])}")
            console.print("   …" + "".join(parts).replace("\n", " ") + "…")
        else:  # piped: no colours, so the hits are marked [like this]
            click.echo(f"{h.doc_id} {h.number or ''} {h.locality or ''} · {h.kind} · {h.heading[:80]}")
            click.echo("   …" + highlight(h.snippet, h.spans).replace("\n", " ") + "…")
    if not hits:
        click.echo("no hits", err=True)


@cli.command()
@click.argument("sql")
@click.option("--db", default=DB, show_default=True, type=click.Path(path_type=Path), help=DB_HELP)
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=0),
              help="Rows printed at most (0: all); a line on stderr says when more were there.")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=0),
              help="Seconds a query may run (0: no limit).")
def query(sql, db, fmt, max_rows, timeout):
    """Run one SQL statement on the dataset and print the rows.

    The database is opened read-only: statements that would change it, copy
    it (VACUUM INTO) or open other files (ATTACH) are refused.
    """
    import csv

    from vnlegal.query import QueryError, open_readonly, run_bounded

    try:
        open_readonly(_database(db)).close()  # what is wrong with the file, said before the child starts
        result = run_bounded(_database(db), sql, max_rows=max_rows or None, seconds=timeout or None)
    except (QueryError, FileNotFoundError) as e:
        _fail(e)
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(result.columns)
        w.writerows(result.rows)
    elif fmt == "json":
        click.echo(json.dumps([dict(zip(result.columns, map(_json_value, r))) for r in result.rows],
                              ensure_ascii=False, indent=1, allow_nan=False))
    else:
        _print_table(result.columns, result.rows)
    if result.truncated:
        click.echo(f"vnlegal: only the first {max_rows:,} rows shown (--max-rows 0 for all)", err=True)


def _json_value(v):
    """A value JSON can hold: a blob as hex, an infinite or NaN number as null."""
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return None
    return v


def _print_table(columns, rows, title=None, fmt=str) -> None:
    """Rows as a terminal table. Values are text, never rich markup: a title
    containing "[/i]" is printed as it is, not parsed."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title and Text(title))
    for c in columns:
        t.add_column(Text(str(c)))
    for r in rows:
        t.add_row(*[Text("" if v is None else fmt(v)) for v in r])
    _console().print(t)


def _fail(e: Exception, status: int = 1):
    """One line for the user, then exit."""
    click.echo(f"vnlegal: error: {e}", err=True)
    sys.exit(status)


@cli.command()
@click.option("--db", default=DB, show_default=True, type=click.Path(path_type=Path), help=DB_HELP)
def stats(db):
    """Summarise the dataset, each decision once (its preferred file): by locality, year and type;
    budgets; issues; and which files render the same decision."""
    from vnlegal.query import QueryError, open_readonly, run

    try:
        con = open_readonly(_database(db), seconds=60)
    except (QueryError, FileNotFoundError) as e:
        _fail(e)
    # each decision counted once, through its preferred render (vnlegal/renders.py); the files
    # that render one decision are listed under "Decisions in several files"
    preferred = "SELECT doc_id FROM documents WHERE preferred = 1"
    queries = [
        ("Decisions by locality", "SELECT coalesce(locality, '?') AS locality, coalesce(province_today, '?') AS "
                                  "province_today, issuer_level, COUNT(*) AS decisions "
                                  "FROM documents WHERE preferred = 1 GROUP BY 1, 2, 3 ORDER BY 4 DESC"),
        ("Decisions by year and type", "SELECT issued_year AS year, doc_type, COUNT(*) AS decisions FROM documents "
                                       "WHERE preferred = 1 GROUP BY 1, 2 ORDER BY 1, 2"),
        ("Decisions in several files", "SELECT preferred_doc_id AS preferred, other_renders, preferred_why AS why "
                                       "FROM decisions WHERE renders > 1 ORDER BY 1"),
        ("Budgets", "SELECT COUNT(budget_total_vnd) AS with_total, SUM(budget_total_vnd) AS text_totals_vnd, "
                    "COUNT(table_total_vnd) AS with_table, SUM(table_total_vnd) AS table_totals_vnd FROM documents "
                    "WHERE preferred = 1"),
        ("Extracted facts", f"SELECT (SELECT COUNT(*) FROM targets WHERE doc_id IN ({preferred})) AS targets, "
                            f"(SELECT COUNT(*) FROM agencies WHERE doc_id IN ({preferred})) AS agencies, "
                            f"(SELECT COUNT(*) FROM assignments WHERE doc_id IN ({preferred})) AS assignments, "
                            f"(SELECT COUNT(DISTINCT doc_id || item_ord) FROM budget_items WHERE doc_id IN ({preferred})) "
                            "AS budget_items"),
        ("Issues", f"SELECT code, severity, COUNT(*) AS n FROM issues WHERE doc_id IN ({preferred}) "
                   "GROUP BY 1, 2 ORDER BY 3 DESC"),
    ]
    for title, sql in queries:
        try:
            result = run(con, sql)
        except QueryError as e:  # a database that is not a vnlegal dataset
            _fail(f"{db}: {e} (not a vnlegal dataset?)")
        _print_table(result.columns, result.rows, title=title,
                     fmt=lambda v: f"{v:,}".replace(",", ".") if isinstance(v, int) and v > 9999 else str(v))
    con.close()


@cli.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check(records):
    """Show each record's budget as a table and recompute its checks.

    Cells the pipeline corrected or doubted are marked "!", cells whose check
    fails "✗". Exit status 1 when a check fails or a record cannot be read.
    """
    from vnlegal.check import render

    console = _console()
    ok = True
    for path in records:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            click.echo(f"vnlegal: error: {path}: not a JSON record ({e})", err=True)
            ok = False
            continue
        if not isinstance(record, dict) or not isinstance(record.get("meta"), dict):
            click.echo(f"vnlegal: error: {path}: not a vnlegal record (no 'meta')", err=True)
            ok = False
            continue
        try:
            ok = render(record, console) and ok
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            # a record edited by hand or from another tool: name it, go on
            click.echo(f"vnlegal: error: {path}: malformed record ({type(e).__name__}: {e})", err=True)
            ok = False
    sys.exit(0 if ok else 1)


@cli.command()
@click.argument("record", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Where to write the page (default: beside the record, .html or .md; '-' for stdout).")
@click.option("--to", "fmt", type=click.Choice(["html", "md"]), default="html", show_default=True)
def show(record, output, fmt):
    """One decision as a page to read and check: its text with every fact
    highlighted where it was read, the facts by kind, the budget table with
    its checks and issues (HTML that works offline, or Markdown)."""
    from vnlegal.show import render_html, render_markdown

    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError, OSError) as e:
        _fail(f"{record}: not a JSON record ({e})")
    if not isinstance(data, dict) or not isinstance(data.get("meta"), dict) or not data.get("document"):
        _fail(f"{record}: not a vnlegal record with its document (no 'meta' or 'document')")
    try:
        page = render_html(data) if fmt == "html" else render_markdown(data)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
        _fail(f"{record}: malformed record ({type(e).__name__}: {e})")
    if output is not None and str(output) == "-":
        click.echo(page, nl=False)
        return
    from vnlegal.io import write_atomic
    target = output or record.with_suffix(f".{fmt}")
    write_atomic(target, page.encode("utf-8"))
    click.echo(f"wrote {target}", err=True)


@cli.command()
@click.argument("outputs", default="outputs", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The page to write (default: OUTPUTS/report.html).")
def report(outputs, output):
    """One HTML page of charts for the dataset in OUTPUTS: decisions by
    province, year and type; budgets by province and year; targets; lead
    bodies; the most cited instruments. Each chart shows its SQL; the page
    works offline."""
    from vnlegal.io import write_atomic
    from vnlegal.query import QueryError
    from vnlegal.report import render

    db = _database(outputs)
    try:
        page = render(db)
    except (QueryError, FileNotFoundError) as e:
        _fail(e)
    target = output or db.parent / "report.html"
    write_atomic(target, page.encode("utf-8"))
    click.echo(f"wrote {target}", err=True)


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

    db = _database(outputs)
    outputs = db.parent
    meta = outputs / "datasette.json"
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
    """The console script. Every failure a command foresees is one line and a
    status already; anything else is still one line (with the traceback only
    when VNLEGAL_DEBUG is set), never a screen of Python."""
    try:
        cli(prog_name="vnlegal", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("vnlegal: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except (BrokenPipeError, KeyboardInterrupt) as e:
        # `vnlegal query … | head`: the reader left; nothing to say
        sys.exit(130 if isinstance(e, KeyboardInterrupt) else 0)
    except Exception as e:  # noqa: BLE001 — the last line of defence
        if os.environ.get("VNLEGAL_DEBUG"):
            raise
        click.echo(f"vnlegal: internal error: {type(e).__name__}: {e} (VNLEGAL_DEBUG=1 shows where)", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
