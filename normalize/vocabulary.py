"""The word lists the normalizers read, loaded once from ``normalize/data``.
Each file says where its words come from (its ``_source``)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

_DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def load(name: str):
    """A data file of normalize/data, parsed once."""
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class DocType:
    name: str
    code: Optional[str]
    cited: bool
    issued: bool


@lru_cache(maxsize=1)
def doc_types() -> tuple[DocType, ...]:
    """Document types, longest name first (so "Thông tư liên tịch" wins over "Thông tư")."""
    types = [DocType(t["name"], t.get("code"), t.get("cited", False), t.get("issued", False))
             for t in load("doc_types.json")["types"]]
    return tuple(sorted(types, key=lambda t: -len(t.name)))


@lru_cache(maxsize=1)
def type_by_code() -> dict[str, str]:
    """Abbreviation in a number ("QĐ" of 5768/QĐ-UBND) → type name; the first listed wins."""
    out: dict[str, str] = {}
    for t in load("doc_types.json")["types"]:
        if t.get("code"):
            out.setdefault(t["code"].upper(), t["name"])
    return out
