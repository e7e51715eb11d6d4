"""``make eval``: every gold set under ../shared extracted and graded by its
scorer (../shared/eval/score.py), one table set × field, then the notes of the
weakest documents.

    python -m vnlegal.evaluate [--shared ../shared] [--scans] [--own-scans [NAME,...]] [--min SET:FIELD=VALUE ...]

Sets: the seeds as TXT, DOCX, PDF (and with --scans their scanned copies),
and the real documents of gold-real. With --own-scans, the seeds' PDFs scanned
by us at each setting of ``vnlegal.own_scans`` (150–300 dpi, tilt, speckle,
JPEG; made once into .cache/own-scans/), one set per setting. With --min, exits 1 when a figure falls
below its floor (CI runs it so that no set regresses).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vnlegal import own_scans
from vnlegal.batch import plan, run_local

FIELDS = ["meta", "legal_bases_f1", "sections", "targets_f1", "agencies_f1", "assignments",
          "budget_totals", "budget_cells", "overall"]


@dataclass
class GoldSet:
    name: str
    inputs: list[Path]
    gold: Path
    slow: bool = False


def gold_sets(shared: Path, root: Path) -> list[GoldSet]:
    fx = shared / "fixtures"
    return [
        GoldSet("seeds-txt", [root / "corpus" / "txt"], shared / "gold"),
        GoldSet("seeds-docx", [fx / "docx"], shared / "gold"),
        GoldSet("seeds-pdf", [fx / "pdf"], shared / "gold"),
        GoldSet("seeds-scan", [fx / "scanned"], shared / "gold", slow=True),
        GoldSet("real", [shared / "corpus-real", fx / "real"], shared / "gold-real"),
    ]


def own_scan_sets(shared: Path, root: Path, names: list[str] | None) -> list[GoldSet]:
    """One set per scan setting: the seeds' PDFs scanned by ``own_scans``."""
    pdfs = sorted((shared / "fixtures" / "pdf").glob("*.pdf"))
    sets = []
    for setting in own_scans.SETTINGS if not names else [own_scans.by_name(n) for n in names]:
        # the folder is named for the setting's values: a changed setting is scanned anew
        key = hashlib.sha256(repr(setting).encode()).hexdigest()[:8]
        folder = root / ".cache" / "own-scans" / f"{setting.name}-{key}"
        own_scans.make_scans(pdfs, folder, setting)
        sets.append(GoldSet(f"scan-{setting.name}", [folder], shared / "gold", slow=True))
    return sets


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("vnlegal_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(out: Path) -> dict[str, dict]:
    preds = {}
    for f in out.rglob("*.json"):
        stem = f.stem
        for ext in (".txt", ".docx", ".pdf", ".html", ".htm"):
            stem = stem[: -len(ext)] if stem.lower().endswith(ext) else stem
        preds.setdefault(stem, json.loads(f.read_text(encoding="utf-8")))
    return preds


def grade(gs: GoldSet, scorer, out: Path, workers: int) -> tuple[dict, list[tuple[float, str, list[str], dict]]]:
    """Extract the set into ``out`` and grade it: (summary, [(overall, document, notes, its summary)])."""
    jobs, _ = plan([p for p in gs.inputs if p.exists()], out)
    run_local(jobs, workers=workers)
    preds = _records(out)
    total = scorer.Tally()
    docs = []
    for gf in sorted(gs.gold.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        stem = gold.get("document", gf.stem)
        if stem not in preds and not any(next(p.rglob(stem + ".*"), None) for p in gs.inputs if p.exists()):
            continue  # gold for a document this set does not hold (the scans are two of the five seeds)
        pred = preds.get(stem, {})
        doc = scorer.Tally()
        notes = scorer.score_doc(gold, pred, doc)
        scorer.score_doc(gold, pred, total)
        docs.append((scorer.summary(doc)["overall"], stem, notes, scorer.summary(doc)))
    return scorer.summary(total), docs


def _floors(specs: list[str]) -> dict[tuple[str, str], float]:
    out = {}
    for spec in specs:
        where, _, value = spec.partition("=")
        name, _, field = where.partition(":")
        out[(name, field)] = float(value)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[1]
    ap.add_argument("--shared", type=Path, default=root.parent / "shared")
    ap.add_argument("--scans", action="store_true", help="also the scanned seeds (OCR, about a minute)")
    ap.add_argument("--own-scans", nargs="?", const="", metavar="NAME,...",
                    help="also the seeds' PDFs scanned by us (all settings, or those named: "
                         + ", ".join(s.name for s in own_scans.SETTINGS) + ")")
    ap.add_argument("--sets", help="comma-separated set names (default: all; none: only the --own-scans sets)")
    ap.add_argument("--weakest", type=int, default=4, help="documents whose notes are printed")
    ap.add_argument("--by-doc", action="store_true", help="also one row per document and set")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("-o", "--out", type=Path, help="keep the records here (default: a temporary folder)")
    ap.add_argument("--min", action="append", default=[], metavar="SET:FIELD=VALUE")
    a = ap.parse_args(argv)
    if not (a.shared / "eval" / "score.py").exists():
        print(f"vnlegal eval: error: no scorer at {a.shared / 'eval' / 'score.py'}", file=sys.stderr)
        return 2
    scorer = _scorer(a.shared)
    wanted = set(a.sets.split(",")) if a.sets else None
    sets = [g for g in gold_sets(a.shared, root) if (wanted is None and (a.scans or not g.slow)) or (wanted and g.name in wanted)]
    if a.own_scans is not None:
        sets += own_scan_sets(a.shared, root, [n for n in a.own_scans.split(",") if n] or None)
    floors = _floors(a.min)
    rows, weakest, by_doc = [], [], []
    with tempfile.TemporaryDirectory(prefix="vnlegal-eval-") as tmp:
        base = a.out or Path(tmp)
        for gs in sets:
            summary, docs = grade(gs, scorer, base / gs.name, a.jobs)
            summary["documents"] = len(docs)
            rows.append((gs.name, summary))
            weakest += [(s, f"{gs.name}/{stem}", notes) for s, stem, notes, _ in docs]
            by_doc += [(gs.name, stem, summary) for _, stem, _, summary in docs]
    print("| set | docs | " + " | ".join(FIELDS) + " |")
    print("|---|---|" + "---|" * len(FIELDS))
    for name, s in rows:
        cells = [f"{s[f]:.2f}" if s.get(f) is not None else "—" for f in FIELDS]
        print(f"| {name} | {s['documents']} | " + " | ".join(cells) + " |")
    if a.by_doc:
        print("\n| set | document | " + " | ".join(FIELDS) + " |")
        print("|---|---|" + "---|" * len(FIELDS))
        for name, stem, s in by_doc:
            cells = [f"{s[f]:.2f}" if s.get(f) is not None else "—" for f in FIELDS]
            print(f"| {name} | {stem[:3]} | " + " | ".join(cells) + " |")
    for score, name, notes in sorted(weakest)[: a.weakest]:
        print(f"\n{name}: overall {score:.3f}")
        for n in notes[:25]:
            print("   -", n)
    failed = [f"{name}:{field} = {dict(rows)[name].get(field)} < {v}" for (name, field), v in floors.items()
              if name in dict(rows) and (dict(rows)[name].get(field) or 0) < v]
    for f in failed:
        print(f"vnlegal eval: below floor: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
