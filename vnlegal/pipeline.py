"""extract → normalize → record, for one file.

Normalizing stages are registered here by name, in the order they run, the
way spaCy registers pipeline components; each takes the shared context and
fills its part of the record.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from vnlegal.extract import read_document
from vnlegal.models.document import Document
from vnlegal.models.plain import plain
from vnlegal.models.record import Record

PIPELINE_VERSION = "0.3.0"  # bumped when records may change: dataset builds re-extract on a new one

Stage = Callable[["Context"], None]
STAGES: dict[str, Stage] = {}


def stage(name: str):
    """Register a normalizing stage under ``name`` (runs in registration order)."""
    def register(fn: Stage) -> Stage:
        STAGES[name] = fn
        return fn
    return register


class Context:
    """What the stages share: the document, its prepared text, the record."""

    def __init__(self, document: Document):
        self.document = document
        self.record = Record(source=plain(document.source))
        self.data: dict = {}


def _load_stages() -> None:
    # importing the modules registers their stages; kept lazy so `vnlegal --help`
    # and plain extraction do not pay for the NLP start-up
    import vnlegal.normalize.stages  # noqa: F401


def normalize(document: Document, stages: list[str] | None = None) -> Record:
    _load_stages()
    ctx = Context(document)
    for name, fn in STAGES.items():
        if stages is None or name in stages:
            fn(ctx)
    return ctx.record


def document_json(document: Document) -> dict:
    blocks = []
    for b in document.blocks:
        d = {k: v for k, v in plain(b).items() if v not in (None, False, "") or k == "kind"}
        if b.table is not None:
            t = d["table"]
            if t.get("row_pages") is None:
                t.pop("row_pages", None)
            if not t.get("spans"):
                t.pop("spans", None)
        blocks.append(d)
    return {"blocks": blocks}


def process_file(path: Path | str) -> dict:
    """Read and normalize one file; the record as JSON-ready dict."""
    document = read_document(path)
    record = normalize(document)
    record.document = document_json(document)
    out = record.to_json()
    out["pipeline_version"] = PIPELINE_VERSION
    return out
