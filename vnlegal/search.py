"""Full-text search over section texts, with or without diacritics.

Sections are indexed folded (no marks, đ → d) and queries are folded the same
way, so "Da Nang" finds "Đà Nẵng" and "dau tu" finds "đầu tư". Since folding
keeps one character per character, the hit is shown and highlighted in the
original text.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from vnlegal.store import connect_readonly, fold

_WORD = regex.compile(r"\w+")


@dataclass
class Hit:
    doc_id: str
    number: str | None
    locality: str | None
    kind: str
    heading: str
    snippet: str  # original text, matches between [ and ]
    spans: list[tuple[int, int]]  # offsets of the matches in snippet
    rank: float


def _snippet(text: str, terms: list[str], width: int = 90) -> tuple[str, list[tuple[int, int]]]:
    low = fold(text).casefold()
    pos = [(m.start(), m.end()) for t in terms for m in regex.finditer(rf"\b{regex.escape(t)}\b", low)]
    if not pos:
        return text[: 2 * width], []
    pos.sort()
    start = max(0, pos[0][0] - width)
    end = min(len(text), pos[0][1] + width)
    spans = [(a - start, b - start) for a, b in pos if a >= start and b <= end]
    return text[start:end], spans


def highlight(snippet: str, spans: list[tuple[int, int]], open_: str = "[", close: str = "]") -> str:
    out, last = [], 0
    for a, b in spans:
        out += [snippet[last:a], open_, snippet[a:b], close]
        last = b
    out.append(snippet[last:])
    return "".join(out)


def search(db: Path, query: str, kind: str | None = None, province: str | None = None, limit: int = 20) -> list[Hit]:
    terms = [t.casefold() for t in _WORD.findall(fold(query))]
    if not terms:
        return []
    con = connect_readonly(db)
    con.create_function("vn_fold", 1, lambda s: fold(s).casefold() if s else "", deterministic=True)
    try:
        sql = ["""SELECT s.doc_id, d.number, d.locality, s.kind, s.heading, s.text, bm25(sections_fts) AS rank
                  FROM sections_fts JOIN sections s ON s.id = sections_fts.rowid JOIN documents d ON d.doc_id = s.doc_id
                  WHERE sections_fts MATCH ?"""]
        args: list = [" ".join(f'"{t}"' for t in terms)]
        if kind:
            sql.append("AND s.kind = ?")
            args.append(kind)
        if province:
            sql.append("AND vn_fold(d.locality) = ?")
            args.append(fold(province).casefold())
        sql.append("ORDER BY rank LIMIT ?")
        args.append(limit * 3)
        rows = con.execute(" ".join(sql), args).fetchall()
    finally:
        con.close()
    hits: list[Hit] = []
    seen = set()
    for doc_id, number, locality, kind_, heading, text, rank in rows:
        snippet, spans = _snippet(text or heading or "", terms)
        if (doc_id, snippet) in seen:
            continue  # a parent section repeats its child's text
        seen.add((doc_id, snippet))
        hits.append(Hit(doc_id, number, locality, kind_, heading, snippet, spans, rank))
        if len(hits) >= limit:
            break
    return hits
