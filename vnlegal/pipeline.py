"""extract → normalize → record, for one file. The stages themselves are
registered in ``normalize/stages.py``."""
from __future__ import annotations

from pathlib import Path

from vnlegal.extract import Limits, read_document
from vnlegal.models.document import Document
from vnlegal.models.plain import plain
from vnlegal.normalize import normalize

PIPELINE_VERSION = "0.4.0"  # bumped when records may change: dataset builds re-extract on a new one

__all__ = ["PIPELINE_VERSION", "document_json", "normalize", "process_file"]


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


def process_file(path: Path | str, limits: Limits | None = None) -> dict:
    """Read and normalize one file within ``limits`` (the defaults when None);
    the record as JSON-ready dict."""
    document = read_document(path, limits)
    record = normalize(document)
    record.document = document_json(document)
    record.pipeline_version = PIPELINE_VERSION
    return record.to_json()
