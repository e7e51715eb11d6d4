"""`make bench`: seconds per document per format, the full pipeline against the
raw-text floor (file read / python-docx paragraphs / pdfplumber text) measured
on the same files in the same process. Medians, since machines are noisy.
Writes outputs/bench.md too."""
from __future__ import annotations

import statistics
import time
from pathlib import Path

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


def _median(fn, path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


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
    return ["| scanned PDF (OCR, 300 dpi) | docs | median s/page | | |", "|---|---|---|---|---|",
            f"| pdf | {len(files)} | {statistics.median(per_page):.2f} | | |"]


def _rebuilds(files: list[Path], repeat: int = 3) -> list[str]:
    """Cold (empty output folder) and warm (nothing changed) dataset rebuilds of the corpus."""
    import shutil
    import tempfile

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
    return ["| dataset rebuild of the corpus (-j 1) | docs | median s | | warm/cold |", "|---|---|---|---|---|",
            f"| cold (empty outputs) | {len(files)} | {c:.2f} | | |",
            f"| warm (nothing changed) | {len(files)} | {w:.2f} | | {w / c:.2f}× |"]


def main(repeat: int = 3) -> str:
    groups = {"txt": sorted(Path("corpus").rglob("*.txt")),
              "docx": sorted((SHARED / "fixtures" / "docx").glob("*.docx")),
              "pdf": sorted((SHARED / "fixtures" / "pdf").glob("*.pdf"))}
    rows = ["| format | docs | median s/doc (pipeline) | median s/doc (raw-text floor) | ratio |", "|---|---|---|---|---|"]
    process_file(groups["txt"][0])  # warm-up: imports and data load once
    for fmt, files in groups.items():
        if not files:
            continue
        full = statistics.median(_median(process_file, f, repeat) for f in files)
        floor = statistics.median(_median(_floor, f, repeat) for f in files)
        rows.append(f"| {fmt} | {len(files)} | {full:.4f} | {floor:.4f} | {full / floor if floor else float('nan'):.1f}× |")
    rows += ["", *_ocr(sorted((SHARED / "fixtures" / "scanned").glob("*.pdf")))]
    rows += ["", *_rebuilds(groups["txt"])]
    table = "\n".join(rows)
    out = Path("outputs") / "bench.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(table + "\n", encoding="utf-8")
    print(table)
    return table


if __name__ == "__main__":
    main()
