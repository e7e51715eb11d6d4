"""`make bench`: speed and memory of the pipeline, measured in one session.

Builds its corpus (the bundled decisions and the DOCX/PDF fixtures copied to
at least 500 files, plus a 100-page PDF made of fixture pages), runs it with
-j 1 and -j 2 (twice each, alternating), and prints one table: per format
documents/s and pages/s per core, median and p95 seconds per document, peak
RSS per worker, and the raw-text floor (file read / python-docx paragraphs /
pdfium text) as a ratio, the floor and the pipeline timed alternately on the
same files. Also OCR seconds per page and dataset rebuild times. Written to
outputs/bench.md too. Medians, since machines are noisy.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vnlegal.batch import plan, run_local
from vnlegal.pipeline import process_file

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _floor(path: Path) -> None:
    if path.suffix == ".txt":
        path.read_bytes()
    elif path.suffix == ".docx":
        import docx
        "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    elif path.suffix == ".pdf":
        import pypdfium2
        pdf = pypdfium2.PdfDocument(str(path))
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()


def _median_time(fn, path: Path, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _floor_ratio(files: list[Path], rounds: int = 5) -> tuple[float, float]:
    """Median floor seconds per file, and the median over files of pipeline ÷
    floor, the two timed alternately on each file so that both see the same
    machine."""
    floors, ratios = [], []
    for f in files:
        raw, full = [], []
        for _ in range(rounds):
            raw.append(_median_time(_floor, f, repeat=1))
            full.append(_median_time(process_file, f, repeat=1))
        floors.append(statistics.median(raw))
        ratios.append(statistics.median(full) / max(statistics.median(raw), 1e-9))
    return statistics.median(floors), statistics.median(ratios)


def _sources() -> dict[str, list[Path]]:
    return {"txt": sorted(Path("corpus").rglob("*.txt")),
            "docx": sorted((SHARED / "fixtures" / "docx").glob("*.docx")),
            "pdf": sorted((SHARED / "fixtures" / "pdf").glob("*.pdf"))}


def build_corpus(root: Path, n_files: int = 510) -> Path:
    src = _sources()
    unique = [f for fs in src.values() for f in fs]
    copies = -(-n_files // len(unique))
    for k in range(copies):
        for f in unique:
            d = root / f.suffix.lstrip(".")
            d.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, d / f"{f.stem}_{k:03d}{f.suffix}")
    return root


def long_pdf(path: Path, pages: int = 100) -> Path:
    """A born-digital PDF of ``pages`` pages, made of the fixture PDFs' pages."""
    import pypdfium2 as pdfium
    out = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(str(f)) for f in _sources()["pdf"]]
    while len(out) < pages:
        for s in sources:
            take = min(len(s), pages - len(out))
            if take <= 0:
                break
            out.import_pages(s, list(range(take)))
    out.save(str(path))
    for s in sources:
        s.close()
    return path


def _run(files_root: Path, out: Path, workers: int):
    jobs, _ = plan([files_root], out)
    outcomes = []
    t0 = time.perf_counter()
    summary = run_local(jobs, workers, on_outcome=outcomes.append)
    return time.perf_counter() - t0, outcomes, summary


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def _one_file_rss(path: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one file in a fresh process."""
    code = ("import resource,time,sys;from vnlegal.pipeline import process_file;t=time.perf_counter();"
            "process_file(sys.argv[1]);print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> str:
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        root = build_corpus(tmp / "in")
        n = sum(1 for _ in root.rglob("*.*"))
        process_file(_sources()["txt"][0])  # warm-up: imports and data load once in this process
        # -j 1 and -j 2 twice, alternating, so that a slow spell of the machine hits both
        walls: dict[int, list[float]] = {1: [], 2: []}
        outs1, outs2 = [], []
        for round_ in range(2):
            for workers in (1, 2):
                wall, outs, _ = _run(root, tmp / f"out{workers}_{round_}", workers)
                walls[workers].append(wall)
                (outs1 if workers == 1 else outs2).extend(outs)
        wall1, wall2 = statistics.median(walls[1]), statistics.median(walls[2])
        floors, ratios = {}, {}
        for fmt, fs in _sources().items():
            if fs:
                floors[fmt], ratios[fmt] = _floor_ratio(fs)
        rows += [f"Corpus: {n} files (bundled decisions and fixtures, copied). Pipeline {sys.version.split()[0]}.", "",
                 "| format | docs timed (2 runs) | docs/s per core | pages/s per core | median s/doc | p95 s/doc | floor s/doc | pipeline ÷ floor | peak RSS per worker (MB) |",
                 "|---|---|---|---|---|---|---|---|---|"]
        for fmt in ("txt", "docx", "pdf"):
            mine = [o for o in outs1 if o.ok and o.job.input.suffix == f".{fmt}"]
            if not mine:
                continue
            secs = [o.seconds for o in mine]
            pages = sum(o.pages or 1 for o in mine)
            med = statistics.median(secs)
            rss = max((o.peak_rss_mb or 0) for o in outs1 + outs2 if o.job.input.suffix == f".{fmt}")
            floor = floors.get(fmt, 0.0)
            ratio = f"{ratios[fmt]:.1f}×" if floor > 1e-4 else "— (file read)"
            rows.append(f"| {fmt} | {len(mine)} | {len(mine) / sum(secs):.1f} | {pages / sum(secs):.1f} | {med:.4f} | "
                        f"{_p95(secs):.4f} | {floor:.4f} | {ratio} | {rss:.0f} |")
        n_files = len(outs1) // 2
        rows += ["", "| workers (median of 2 alternating runs) | wall s for the whole corpus | docs/s | speed-up |", "|---|---|---|---|",
                 f"| -j 1 | {wall1:.1f} | {n_files / wall1:.1f} | 1.00× |",
                 f"| -j 2 | {wall2:.1f} | {n_files / wall2:.1f} | {wall1 / wall2:.2f}× |"]
        big = long_pdf(tmp / "long.pdf", 100)
        small = _sources()["pdf"][0]
        t_big, rss_big = _one_file_rss(big)
        t_small, rss_small = _one_file_rss(small)
        rows += ["", "| one PDF, fresh process | pages | s | pages/s | peak RSS (MB) |", "|---|---|---|---|---|",
                 f"| {small.name} | {process_file(small)['source']['pages']} | {t_small:.2f} | — | {rss_small:.0f} |",
                 f"| generated long PDF | 100 | {t_big:.2f} | {100 / t_big:.1f} | {rss_big:.0f} |"]
    rows += ["", *_ocr(sorted((SHARED / "fixtures" / "scanned").glob("*.pdf")))]
    rows += ["", *_ocr_choices()]
    rows += ["", *_rebuilds(_sources()["txt"])]
    table = "\n".join(rows)
    out = Path("outputs") / "bench.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(table + "\n", encoding="utf-8")
    print(table)
    return table


def _ocr(files: list[Path]) -> list[str]:
    """Scanned PDFs: seconds per page of the whole pipeline (render, deskew, OCR, tables)."""
    from vnlegal.extract.ocr import unavailable
    if not files or unavailable():
        return [f"OCR not measured: {unavailable() or 'no scanned fixtures'}"]
    per_page = []
    for f in files:
        t0 = time.perf_counter()
        rec = process_file(f)
        per_page.append((time.perf_counter() - t0) / (rec["source"]["pages"] or 1))
    return ["| scanned PDF (OCR, 300 dpi) | docs | median s/page |", "|---|---|---|",
            f"| pdf | {len(files)} | {statistics.median(per_page):.2f} |"]


# what OCR could trade for speed: the resolution pages are rendered at before
# Tesseract reads them (its time grows with the pixels), and reading a table
# page's table from its own crop rather than from the whole page
OCR_CHOICES = [("300 dpi, table from its crop (default)", 300, True),
               ("300 dpi, table from the whole page", 300, False),
               ("200 dpi, table from its crop", 200, True)]


def _ocr_choices() -> list[str]:
    """Each OCR choice on the scanned seeds and our own 300-dpi scans of the
    seeds with tables (001, 004): seconds per page against the scores."""
    import json

    from vnlegal import own_scans
    from vnlegal.evaluate import _scorer
    from vnlegal.extract import ocr
    if ocr.unavailable() or not (SHARED / "eval" / "score.py").exists():
        return [f"OCR choices not measured: {ocr.unavailable() or 'no scorer under ../shared'}"]
    scorer = _scorer(SHARED)
    rows = ["| OCR choice (scanned seeds 000, 003 + own scans of 001, 004) | pages | median s/page | overall | "
            "budget cells | assignments |", "|---|---|---|---|---|---|"]
    saved = ocr.DPI, ocr.TABLE_CROP
    with tempfile.TemporaryDirectory() as tmp:
        seeds = [SHARED / "fixtures" / "pdf" / f for f in ("001_96d3c82f377dc371.pdf", "004_9fca6763afc4146e.pdf")]
        files = sorted((SHARED / "fixtures" / "scanned").glob("*.pdf")) + own_scans.make_scans(
            [f for f in seeds if f.exists()], Path(tmp), own_scans.by_name("300dpi"))
        try:
            for name, dpi, crop in OCR_CHOICES:
                ocr.DPI, ocr.TABLE_CROP = dpi, crop
                per_page, pages, tally = [], 0, scorer.Tally()
                for f in files:
                    t0 = time.perf_counter()
                    rec = process_file(f)
                    n = rec["source"]["pages"] or 1
                    per_page.append((time.perf_counter() - t0) / n)
                    pages += n
                    gold = SHARED / "gold" / (f.stem + ".json")
                    if gold.exists():
                        scorer.score_doc(json.loads(gold.read_text(encoding="utf-8")), rec, tally)
                s = scorer.summary(tally)
                cell = lambda k: f"{s[k]:.3f}" if s.get(k) is not None else "—"  # noqa: E731
                rows.append(f"| {name} | {pages} | {statistics.median(per_page):.2f} | {cell('overall')} | "
                            f"{cell('budget_cells')} | {cell('assignments')} |")
        finally:
            ocr.DPI, ocr.TABLE_CROP = saved
    model = ocr.model_path()
    rows.append(f"\nTesseract's Vietnamese model: {model.name if model else 'not found'}"
                + (f" ({model.stat().st_size // 1024} KB, the package's fast integer model)" if model else ""))
    return rows


def _rebuilds(files: list[Path], repeat: int = 3) -> list[str]:
    """Cold (empty output folder) and warm (nothing changed) dataset rebuilds of the corpus."""
    from vnlegal.dataset import build
    cold, warm = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in"
            src.mkdir()
            for f in files:
                shutil.copy(f, src / f.name)
            t0 = time.perf_counter()
            build([src], Path(tmp) / "out", workers=1)
            cold.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            build([src], Path(tmp) / "out", workers=1)
            warm.append(time.perf_counter() - t0)
    c, w = statistics.median(cold), statistics.median(warm)
    return ["| dataset rebuild of the corpus (-j 1) | docs | median s | warm ÷ cold |", "|---|---|---|---|",
            f"| cold (empty outputs) | {len(files)} | {c:.2f} | |",
            f"| warm (nothing changed) | {len(files)} | {w:.2f} | {w / c:.2f} |"]


if __name__ == "__main__":
    main()
