"""One decision, one row: the renders of one decision (the same Quyết định as
TXT, DOCX and PDF, a scan beside the signed file) share a canonical key, and
one of them is preferred, so that views and statistics count the decision once.

The key is what identifies an issued document (Decree 30/2020/NĐ-CP: số và ký
hiệu, the issuing body, the date); a draft or a file whose header could not be
read has no such identity and keys on its content hash, so it stands alone.
"""
from __future__ import annotations

import sqlite3
from typing import Optional

from vnlegal.lang.text import key as match_key

# the last tie-break between renders that read equally well: the formats that carry the
# document's structure (paragraphs, table cells) before those that carry only its text or its page
FORMAT_ORDER = {"docx": 0, "html": 1, "txt": 2, "pdf": 3}
_META_FIELDS = ("doc_type", "number", "issued_date", "issuer", "locality", "title", "signer", "period")


def decision_key(record: dict) -> str:
    """"1233/QĐ-UBND|ủy ban nhân dân tỉnh hưng yên|2017-04-28", or
    "sha256:…" of the file when the number, issuer or date is blank."""
    m = record.get("meta") or {}
    number, issuer, date = m.get("number"), m.get("issuer"), m.get("issued_date")
    if number and issuer and date:
        return f"{number.replace(' ', '').upper()}|{match_key(issuer)}|{date}"
    return f"sha256:{(record.get('source') or {}).get('sha256') or ''}"


def facts_read(record: dict) -> int:
    """How much a render gave: the meta fields filled, and the legal bases,
    targets, agencies, assignments and budget table items read."""
    m = record.get("meta") or {}
    table = (record.get("budget") or {}).get("table") or {}
    return (sum(1 for f in _META_FIELDS if m.get(f)) + len(m.get("legal_bases") or [])
            + len(record.get("targets") or []) + len(record.get("agencies") or [])
            + len(record.get("assignments") or []) + len(table.get("items") or []))


def _rank(row: dict) -> tuple:
    # born-digital text before OCR, then the render that read more, then the one with fewer doubts
    return (row["ocr"], -row["facts_read"], row["n_issues"], FORMAT_ORDER.get(row["format"], 9), row["doc_id"])


def _why(best: dict, runner_up: dict, others: int) -> str:
    if best["ocr"] != runner_up["ocr"]:
        reason = "born-digital text over OCR"
    elif best["facts_read"] != runner_up["facts_read"]:
        reason = f"more read ({best['facts_read']} facts against {runner_up['facts_read']})"
    elif best["n_issues"] != runner_up["n_issues"]:
        reason = f"fewer issues ({best['n_issues']} against {runner_up['n_issues']})"
    elif best["format"] != runner_up["format"]:
        reason = f"read the same; {best['format']} keeps the structure better than {runner_up['format']}"
    else:
        reason = f"read the same from two {best['format']} files; the first by name"
    return f"preferred over {others} other render{'s' if others > 1 else ''}: {reason}"


def mark_preferred(con: sqlite3.Connection) -> None:
    """Fill documents.renders, preferred and preferred_why for every decision key."""
    cols = ("doc_id", "decision_key", "ocr", "facts_read", "n_issues", "format")
    groups: dict[str, list[dict]] = {}
    for values in con.execute(f"SELECT {', '.join(cols)} FROM documents"):
        row = dict(zip(cols, values))
        groups.setdefault(row["decision_key"], []).append(row)
    for rows in groups.values():
        rows.sort(key=_rank)
        best = rows[0]
        for k, row in enumerate(rows):
            why: Optional[str]
            if k == 0:
                why = _why(best, rows[1], len(rows) - 1) if len(rows) > 1 else None
            else:
                why = f"another render of {best['doc_id']}"
            con.execute("UPDATE documents SET renders = ?, preferred = ?, preferred_why = ? WHERE doc_id = ?",
                        (len(rows), int(k == 0), why, row["doc_id"]))
