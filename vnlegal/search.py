"""Full-text search over section texts, with or without diacritics.

The query language and the index are vnlegal/fts.py's: the syllables typed
together are one phrase, accents optional ("dau tu" finds "đầu tư", d for
đ), quotes, OR, AND, NOT and parentheses for those who want them. Sections
that have a phrase as typed (accents included) come first, then by BM25.
The hit is shown and marked in the original text.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from vnlegal.fts import folded, nfc, phrases, printed, to_match
from vnlegal.store import connect_readonly, fold


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
    exact: bool = False  # a phrase is in the text as typed, accents included


def _pattern(words: list[str]) -> regex.Pattern:
    return regex.compile(r"(?<!\w)" + r"\W+".join(regex.escape(w) for w in words) + r"(?!\w)")


def _snippet(text: str, query_phrases: list[list[str]], width: int = 90) -> tuple[str, list[tuple[int, int]]]:
    """The part of ``text`` around the first hit, and where the hits are in it;
    a phrase as typed is looked for in the text, one without accents in the
    folded text (same offsets: folding keeps one character per character)."""
    text = nfc(text)
    low, flat = printed(text).casefold(), folded(text)
    pos = []
    for words in query_phrases:
        typed = [printed(w).casefold() for w in words]
        plain = [folded(w) for w in words]
        exact = [(m.start(), m.end()) for m in _pattern(typed).finditer(low)] if len(low) == len(text) else []
        pos += exact or [(m.start(), m.end()) for m in _pattern(plain).finditer(flat)]
    if not pos:
        return text[: 2 * width], []
    pos.sort()
    start = max(0, pos[0][0] - width)
    end = min(len(text), pos[0][1] + width)
    spans: list[tuple[int, int]] = []
    for a, b in pos:
        if a >= start and b <= end and (not spans or a >= spans[-1][1]):  # one mark per place
            spans.append((a - start, b - start))
    return text[start:end], spans


def highlight(snippet: str, spans: list[tuple[int, int]], open_: str = "[", close: str = "]") -> str:
    out, last = [], 0
    for a, b in spans:
        out += [snippet[last:a], open_, snippet[a:b], close]
        last = b
    out.append(snippet[last:])
    return "".join(out)


def search(db: Path, query: str, kind: str | None = None, province: str | None = None, limit: int = 20) -> list[Hit]:
    """Sections matching ``query``. Raises fts.SearchSyntaxError for a query
    whose operators or parentheses do not parse."""
    match = to_match(query)
    if not match:
        return []
    con = connect_readonly(db)
    con.create_function("vn_fold", 1, lambda s: fold(s).casefold() if s else "", deterministic=True)
    try:
        # heading hits weigh twice a hit in the body
        sql = ["""SELECT s.doc_id, d.number, d.locality, s.kind, s.heading, s.text, bm25(sections_fts, 2.0, 1.0) AS rank,
                         s.id IN (SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?) AS exact
                  FROM sections_fts JOIN sections s ON s.id = sections_fts.rowid JOIN documents d ON d.doc_id = s.doc_id
                  WHERE sections_fts MATCH ? AND d.preferred = 1"""]  # a decision in several files: once
        args: list = [to_match(query, exact_only=True), match]
        if kind:
            sql.append("AND s.kind = ?")
            args.append(kind)
        if province:
            # the place as printed, or the province it was in then or is in today:
            # "Hà Nội" finds Mê Linh's decisions, "Hưng Yên" Thái Bình's of 2016
            sql.append("AND ? IN (vn_fold(d.locality), vn_fold(d.province_at_issue), vn_fold(d.province_today))")
            args.append(fold(province).casefold())
        sql.append("ORDER BY exact DESC, rank LIMIT ?")
        args.append(limit * 3)
        rows = con.execute(" ".join(sql), args).fetchall()
    finally:
        con.close()
    query_phrases = phrases(query)
    hits: list[Hit] = []
    seen = set()
    for doc_id, number, locality, kind_, heading, text, rank, exact in rows:
        snippet, spans = _snippet(text or heading or "", query_phrases)
        if (doc_id, snippet) in seen:
            continue  # a parent section repeats its child's text
        seen.add((doc_id, snippet))
        hits.append(Hit(doc_id, number, locality, kind_, heading, snippet, spans, rank, bool(exact)))
        if len(hits) >= limit:
            break
    return hits
