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
def extract(paths, out_dir, jobs, fail_fast, quiet):
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
    if show:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
        with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), transient=True) as bar:
            task = bar.add_task("extracting", total=len(jobs_list))
            summary = run_local(jobs_list, workers, fail_fast, progress=lambda: bar.advance(task))
    else:
        summary = run_local(jobs_list, workers, fail_fast)
    summary.skipped = len(skipped)
    failed = summary.failed + len(missing)
    click.echo(f"{summary.done} done, {failed} failed, {summary.skipped} skipped in {summary.seconds:.1f} s", err=True)
    sys.exit(1 if failed else 0)


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
