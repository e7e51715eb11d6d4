"""The dataset's SQLite database: normalised tables built from records, a
full-text index that matches with or without diacritics (đ/d included), and
views for the common questions.

The tables are described once, below; the DDL and the Datasette metadata are
both generated from that description.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable

from vnlegal.fts import TOKENIZER, index_text
from vnlegal.io import atomic_path
from vnlegal.lang.text import (
    fold_chars as fold,  # offsets kept: snippets show the original
)
from vnlegal.renders import decision_key, facts_read, mark_preferred

# name → (description, [(column, SQL type, description)], extra constraints)
TABLES: dict[str, tuple[str, list[tuple[str, str, str]], list[str]]] = {
    "documents": ("One row per file read; a decision read from several files (TXT, DOCX, PDF) has a row for "
                  "each, one of them preferred (the decisions view lists each decision once).", [
        ("doc_id", "TEXT PRIMARY KEY", "the record's path under json/, without .json"),
        ("file", "TEXT", "input file name"), ("sha256", "TEXT", "of the input file"),
        ("format", "TEXT", "txt, docx, pdf, html"), ("pages", "INTEGER", "pages of a PDF or scan"), ("ocr", "INTEGER", "1 when read by OCR"),
        ("encoding", "TEXT", "of a text input"), ("doc_type", "TEXT", "Quyết định, Kế hoạch, …"),
        ("number", "TEXT", "e.g. 5768/QĐ-UBND"), ("issued_date", "TEXT", "ISO date"), ("issued_year", "INTEGER", "year of issued_date"),
        ("issuer", "TEXT", "full form"), ("issuer_level", "TEXT", "central, province, district, commune"),
        ("locality", "TEXT", "the issuer's province or district"),
        ("province_at_issue", "TEXT", "the issuer's province on the date of issue (63 before 1 July 2025, 34 since)"),
        ("province_today", "TEXT", "the province that holds the issuer's place on the 2025 map"),
        ("title", "TEXT", "trích yếu"),
        ("signer_name", "TEXT", "who signed"), ("signer_position", "TEXT", "e.g. KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), ("period_from", "INTEGER", "first year of the plan's period"),
        ("period_to", "INTEGER", "last year of the plan's period"), ("budget_total_vnd", "INTEGER", "total stated in the text"),
        ("budget_total_text", "TEXT", "as printed"), ("budget_in_words_vnd", "INTEGER", "the total in words, parsed"),
        ("table_total_vnd", "INTEGER", "grand total of the budget table"), ("n_issues", "INTEGER", "rows in issues for this document"),
        ("pipeline_version", "TEXT", "vnlegal pipeline that read it"),
        ("decision_key", "TEXT", "number|issuer|date, or sha256:… when one is blank: the renders of one decision share it"),
        ("renders", "INTEGER", "how many files of the dataset render this decision"),
        ("preferred", "INTEGER", "1 for the render views and stats count: born-digital over OCR, more read, fewer issues"),
        ("preferred_why", "TEXT", "why this render was (or which render was) preferred"),
        ("facts_read", "INTEGER", "meta fields filled plus legal bases, targets, agencies, assignments, budget items"),
    ], []),
    "legal_bases": ("Instruments cited on the 'Căn cứ' lines.", [
        ("id", "INTEGER PRIMARY KEY", ""), ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""),
        ("doc_type", "TEXT", "Luật, Nghị định, Quyết định, …"), ("number", "TEXT", "e.g. 1419/QĐ-TTg"), ("date", "TEXT", "ISO date, when printed"), ("issuer", "TEXT", "who issued the instrument cited"),
        ("title", "TEXT", "what it is about"), ("text", "TEXT", "the line as printed"),
        ("instrument_key", "TEXT", "one key per instrument across the dataset: 1419/QĐ-TTg, or a law's name and date"),
    ], []),
    "sections": ("The section tree, flattened.", [
        ("id", "INTEGER PRIMARY KEY", ""), ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""),
        ("parent_id", "INTEGER REFERENCES sections(id)", "the enclosing section (sections.id), null at the top"), ("ord", "INTEGER", "order in the document"),
        ("kind", "TEXT", "objectives, budget, implementation, …"), ("heading", "TEXT", "as printed"), ("number", "TEXT", "I, 1, a), … as printed"),
        ("level", "INTEGER", "depth in the outline: 0 for the preamble, the decision and appendices, 1 for I, II, …"), ("text", "TEXT", "the section's text as printed"),
    ], []),
    "targets": ("Quantified goals.", [
        ("id", "INTEGER PRIMARY KEY", ""), ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""),
        ("ord", "INTEGER", ""), ("value", "REAL", "the figure (in unit)"), ("value_max", "REAL", "upper end of a range"),
        ("unit", "TEXT", "% or a counting noun"), ("metric", "TEXT", "what is measured, from the clause"), ("deadline", "INTEGER", "year due"),
        ("relative", "INTEGER", "1 for 'tăng thêm … so với'"), ("baseline_year", "INTEGER", "year compared with, for relative goals"),
        ("text", "TEXT", "the clause it was read from"),
    ], []),
    "agencies": ("Bodies given work, one row per body and document.", [
        ("id", "INTEGER PRIMARY KEY", ""), ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""),
        ("name", "TEXT", "full form, matched against the gazetteer"), ("role", "TEXT", "lead, coordinate, support"),
    ], []),
    "agency_tasks": ("The tasks of each body.", [
        ("id", "INTEGER PRIMARY KEY", ""), ("agency_id", "INTEGER NOT NULL REFERENCES agencies(id)", "the body (agencies.id)"),
        ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""), ("ord", "INTEGER", ""), ("task", "TEXT", "as printed"),
    ], []),
    "assignments": ("Rows of assignment tables.", [
        ("id", "INTEGER PRIMARY KEY", ""), ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""),
        ("ord", "INTEGER", ""), ("task", "TEXT", "as printed"), ("lead", "TEXT", "'; '-separated"),
        ("partners", "TEXT", "'; '-separated"), ("timeline", "TEXT", "as printed"),
    ], []),
    "budget_categories": ("Budget categories named in the text (a), b), …).", [
        ("id", "INTEGER PRIMARY KEY", ""), ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""),
        ("ord", "INTEGER", ""), ("label", "TEXT", "as printed"), ("amount_vnd", "INTEGER", "VND"), ("text", "TEXT", "as printed"),
    ], []),
    "budget_sources": ("Funding sources, of the whole budget (category_id null) or of a category.", [
        ("id", "INTEGER PRIMARY KEY", ""), ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""),
        ("category_id", "INTEGER REFERENCES budget_categories(id)", "the category (budget_categories.id), null for the whole budget"), ("kind", "TEXT", "central, local, other"),
        ("label", "TEXT", "as printed"), ("amount_vnd", "INTEGER", "null when the text names the source only"),
        ("text", "TEXT", "as printed"),
    ], []),
    "budget_groups": ("Groups of the budget table, one row per group and year.", [
        ("id", "INTEGER PRIMARY KEY", ""), ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""),
        ("code", "TEXT", "I, II, …"), ("label", "TEXT", "as printed"), ("year", "INTEGER", "year of the column"), ("amount_vnd", "INTEGER", "VND, the group in that year"),
        ("group_total_vnd", "INTEGER", "VND, the group over all years"),
    ], ["UNIQUE (doc_id, code, year)"]),
    "budget_items": ("Items of the budget table, one row per item and year.", [
        ("id", "INTEGER PRIMARY KEY", ""), ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""),
        ("item_ord", "INTEGER", "the item's row order in the table"), ("group_code", "TEXT", "its group (budget_groups.code)"), ("code", "TEXT", "1, 2, … as printed"),
        ("description", "TEXT", "as printed"), ("unit", "TEXT", "unit of qty (người, lớp, …)"), ("unit_price_vnd", "INTEGER", "VND per unit"),
        ("source", "TEXT", "central, local, other"), ("year", "INTEGER", "year of the column"), ("qty", "REAL", "quantity in that year"),
        ("amount_vnd", "INTEGER", "VND, the item in that year"), ("item_total_vnd", "INTEGER", "VND, the item over all years"), ("table_row", "INTEGER", "row in the source table"),
    ], []),
    "issues": ("Figures the checks corrected or doubted, and other findings.", [
        ("id", "INTEGER PRIMARY KEY", ""), ("doc_id", "TEXT NOT NULL REFERENCES documents(doc_id)", ""),
        ("code", "TEXT", "kind of finding, e.g. budget.row_realigned"), ("where_", "TEXT", "cell or field"), ("severity", "TEXT", "info, warning, error"),
        ("detail", "TEXT", "what was found"), ("printed", "TEXT", "as printed"), ("value", "TEXT", "the value kept (JSON)"),
        ("checks", "TEXT", "the checks that decided (JSON list)"),
    ], []),
}

# Where each fact was read (models.record.Provenance), kept beside it: the page
# for a quick filter, the whole span as JSON for `vnlegal show` and for readers
# who open the record's document.blocks.
PROVENANCE_COLUMNS = [
    ("page", "INTEGER", "page where it was read (PDF pages, DOCX page breaks, scans)"),
    ("provenance", "TEXT", "where it was read, as JSON: block, start, end (character offsets in the record's "
                           "document.blocks), block_end, page, row (of a table)"),
]
for _table in ("legal_bases", "sections", "targets", "agencies", "agency_tasks", "assignments", "budget_categories",
               "budget_sources", "budget_groups", "budget_items", "issues"):
    TABLES[_table][1].extend(PROVENANCE_COLUMNS)
TABLES["documents"][1].append(("meta_provenance", "TEXT", "where each meta field was read, as JSON by field name"))


def _where(fact: dict | None) -> dict:
    """The provenance columns of a row, from a fact of the record."""
    return _at((fact or {}).get("provenance"))


def _at(p: dict | None) -> dict:
    """The provenance columns of a row, from a provenance."""
    return {"page": p.get("page"), "provenance": json.dumps(p)} if isinstance(p, dict) else \
        {"page": None, "provenance": None}


# columns many tables share, described once
COMMON_COLUMNS = {
    "id": "row id",
    "doc_id": "the decision (documents.doc_id)",
    "ord": "order in the document",
}


def describe(table: str) -> dict[str, str]:
    """column → description, for Datasette and the Parquet field metadata;
    a money column (named *_vnd) says its unit."""
    out = {}
    for c, _, d in TABLES[table][1]:
        d = d or COMMON_COLUMNS.get(c, "")
        if c.endswith("_vnd") and "VND" not in d:
            d = f"VND, {d}" if d else "VND"
        out[c] = d
    return out


INDEXES = [
    "CREATE INDEX ix_docs_locality ON documents(locality, issued_year)",
    "CREATE INDEX ix_docs_decision ON documents(decision_key, preferred)",
    "CREATE INDEX ix_docs_number ON documents(number)",
    "CREATE INDEX ix_bases_instrument ON legal_bases(instrument_key)",
    *[f"CREATE INDEX ix_{t}_doc ON {t}(doc_id)" for t in TABLES if t != "documents"],
    "CREATE INDEX ix_agencies_name ON agencies(name, role)",
    "CREATE INDEX ix_sections_kind ON sections(kind)",
    "CREATE INDEX ix_targets_deadline ON targets(deadline)",
    "CREATE INDEX ix_items_year ON budget_items(year)",
]

VIEWS = {
    # every view reads the preferred render of each decision only: a decision as TXT, DOCX and PDF counts once
    "budget_by_document_year": (
        "Planned budget by decision and year, from the budget tables (the preferred render of each decision).",
        """SELECT d.doc_id, d.locality, d.province_today, d.doc_type, d.number, i.year, SUM(i.amount_vnd) AS amount_vnd
           FROM budget_items i JOIN documents d USING (doc_id) WHERE d.preferred = 1 GROUP BY d.doc_id, i.year"""),
    "budget_by_locality_year": (
        "Planned budget by locality and year, each decision counted once.",
        """SELECT d.locality, i.year, SUM(i.amount_vnd) AS amount_vnd, COUNT(DISTINCT d.decision_key) AS documents
           FROM budget_items i JOIN documents d USING (doc_id) WHERE d.preferred = 1 GROUP BY d.locality, i.year"""),
    "budget_by_province_year": (
        "Planned budget by province on the 2025 map and year, with the province of the date of issue: "
        "Thái Bình 2016 and Hưng Yên 2026 side by side under Hưng Yên.",
        """SELECT d.province_today, d.province_at_issue, i.year, SUM(i.amount_vnd) AS amount_vnd,
                  COUNT(DISTINCT d.decision_key) AS documents
           FROM budget_items i JOIN documents d USING (doc_id) WHERE d.preferred = 1
           GROUP BY d.province_today, d.province_at_issue, i.year"""),
    "targets_by_metric": (
        "Targets with their decision, by metric and deadline.",
        """SELECT t.metric, t.value, t.value_max, t.unit, t.deadline, t.relative, t.baseline_year,
                  d.locality, d.doc_id, d.number FROM targets t JOIN documents d USING (doc_id)
           WHERE d.preferred = 1 ORDER BY t.metric, t.deadline"""),
    "agencies_by_role": (
        "How many decisions give each body each role.",
        """SELECT a.name, a.role, COUNT(DISTINCT d.decision_key) AS documents
           FROM agencies a JOIN documents d USING (doc_id) WHERE d.preferred = 1 GROUP BY a.name, a.role
           ORDER BY documents DESC, a.name"""),
    "decisions": (
        "One row per decision: the preferred render, why, and every file that renders it.",
        """SELECT d.decision_key, d.doc_id AS preferred_doc_id, d.format, d.doc_type, d.number, d.issued_date,
                  d.issuer, d.locality, d.province_at_issue, d.province_today, d.title, d.renders, d.preferred_why,
                  (SELECT group_concat(o.doc_id, '; ') FROM documents o
                    WHERE o.decision_key = d.decision_key AND o.preferred = 0) AS other_renders
           FROM documents d WHERE d.preferred = 1"""),
    "citations": (
        "Which decisions cite each instrument (one row per citing decision), and the instrument's own "
        "document when it is in the dataset: the same number and date, or without a date on one side, the "
        "same number in the citing decision's province (every province numbers its own 12/QĐ-UBND).",
        """SELECT b.instrument_key, b.doc_type, b.number, b.date, b.issuer, d.doc_id AS citing_doc_id,
                  d.number AS citing_number, d.issued_date AS citing_date, d.locality AS citing_locality,
                  (SELECT c.doc_id FROM documents c WHERE c.preferred = 1 AND c.number = b.number
                     AND (c.issued_date = b.date
                          OR (b.date IS NULL OR c.issued_date IS NULL) AND c.province_today IS d.province_today)
                   ORDER BY c.doc_id LIMIT 1) AS cited_doc_id
           FROM legal_bases b JOIN documents d USING (doc_id)
           WHERE d.preferred = 1 AND b.instrument_key IS NOT NULL"""),
    "instruments": (
        "Each instrument the decisions cite, most cited first, and its own document when it is in the dataset.",
        """SELECT instrument_key, MIN(doc_type) AS doc_type, MIN(date) AS date, MIN(issuer) AS issuer,
                  COUNT(DISTINCT citing_doc_id) AS citing_decisions, MAX(cited_doc_id) AS cited_doc_id
           FROM citations GROUP BY instrument_key ORDER BY citing_decisions DESC, instrument_key"""),
}


# tables with a full-text index, and the columns it covers (vnlegal/fts.py says
# what is indexed and how queries match it)
SEARCHABLE: dict[str, list[str]] = {
    "sections": ["heading", "text"],
    "documents": ["title", "issuer", "number"],
    "targets": ["metric", "text"],
    "agency_tasks": ["task"],
}


def _rowid(table: str) -> str:
    return "id" if any(c == "id" for c, _, _ in TABLES[table][1]) else "rowid"


def fts_ddl(table: str) -> str:
    # external content (content="table"): Datasette and datasette-search-all
    # find the index of a table by this clause, and reading a column of the
    # index gives the table's text as printed, not the doubled indexed form.
    # The index is written once, from the built tables (never 'rebuild' it:
    # that would index the plain text and lose the folded half).
    rowid, cols = _rowid(table), ", ".join(SEARCHABLE[table])
    return (f"CREATE VIRTUAL TABLE {table}_fts USING fts5({cols}, content=\"{table}\", content_rowid=\"{rowid}\", "
            f"tokenize=\"{TOKENIZER}\")")


def fill_fts(con: sqlite3.Connection) -> None:
    con.create_function("vnlegal_index_text", 1, index_text, deterministic=True)
    for table, cols in SEARCHABLE.items():
        con.execute(f"INSERT INTO {table}_fts (rowid, {', '.join(cols)}) SELECT {_rowid(table)}, "
                    f"{', '.join(f'vnlegal_index_text({c})' for c in cols)} FROM {table}")


def ddl() -> list[str]:
    stmts = []
    for name, (_, cols, extra) in TABLES.items():
        body = ", ".join(f"{c} {t}" for c, t, _ in cols) + "".join(f", {e}" for e in extra)
        stmts.append(f"CREATE TABLE {name} ({body})")
    stmts += INDEXES
    stmts += [f"CREATE VIEW {name} AS {sql}" for name, (_, sql) in VIEWS.items()]
    stmts += [fts_ddl(table) for table in SEARCHABLE]
    return stmts


def _insert(con: sqlite3.Connection, table: str, row: dict) -> int:
    cols = list(row)
    cur = con.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                      [row[c] for c in cols])
    return cur.lastrowid


def add_record(con: sqlite3.Connection, doc_id: str, r: dict) -> None:
    m = r.get("meta") or {}
    b = r.get("budget") or {}
    t = b.get("table") or {}
    src = r.get("source") or {}
    signer = m.get("signer") or {}
    period = m.get("period") or {}
    date = m.get("issued_date")
    _insert(con, "documents", {
        "doc_id": doc_id, "file": src.get("file"), "sha256": src.get("sha256"), "format": src.get("format"),
        "pages": src.get("pages"), "ocr": int(bool(src.get("ocr"))), "encoding": src.get("encoding"),
        "doc_type": m.get("doc_type"), "number": m.get("number"), "issued_date": date,
        "issued_year": int(date[:4]) if date else None, "issuer": m.get("issuer"), "issuer_level": m.get("issuer_level"),
        "locality": m.get("locality"), "province_at_issue": m.get("province_at_issue"),
        "province_today": m.get("province_today"), "title": m.get("title"), "signer_name": signer.get("name"),
        "signer_position": signer.get("position"), "period_from": period.get("from"), "period_to": period.get("to"),
        "budget_total_vnd": b.get("total_vnd"), "budget_total_text": b.get("total_text"),
        "budget_in_words_vnd": (b.get("in_words") or {}).get("amount_vnd"),
        "table_total_vnd": (t.get("grand_total") or {}).get("total_vnd"), "n_issues": len(r.get("issues") or []),
        "pipeline_version": r.get("pipeline_version"),
        "decision_key": decision_key(r), "facts_read": facts_read(r),  # renders, preferred: mark_preferred
        "meta_provenance": json.dumps(m.get("provenance") or {}, ensure_ascii=False),
    })
    for lb in m.get("legal_bases") or []:
        _insert(con, "legal_bases", {"doc_id": doc_id, **{k: lb.get(k) for k in ("doc_type", "number", "date", "issuer", "title", "text")},
                                     "instrument_key": lb.get("key"), **_where(lb)})
    order = [0]

    def sections(items, parent):
        for s in items or []:
            order[0] += 1
            sid = _insert(con, "sections", {"doc_id": doc_id, "parent_id": parent, "ord": order[0], "kind": s.get("kind"),
                                            "heading": s.get("heading"), "number": s.get("number"),
                                            "level": s.get("level"), "text": s.get("text"), **_where(s)})
            sections(s.get("children"), sid)
    sections(r.get("sections"), None)
    for n, x in enumerate(r.get("targets") or []):
        _insert(con, "targets", {"doc_id": doc_id, "ord": n, **{k: x.get(k) for k in (
            "value", "value_max", "unit", "metric", "deadline", "baseline_year", "text")}, "relative": int(bool(x.get("relative"))),
            **_where(x)})
    for a in r.get("agencies") or []:
        aid = _insert(con, "agencies", {"doc_id": doc_id, "name": a.get("name"), "role": a.get("role"), **_where(a)})
        where_tasks = a.get("tasks_provenance") or []
        for n, task in enumerate(a.get("tasks") or []):
            _insert(con, "agency_tasks", {"agency_id": aid, "doc_id": doc_id, "ord": n, "task": task,
                                          **_at(where_tasks[n] if n < len(where_tasks) else None)})
    for n, a in enumerate(r.get("assignments") or []):
        _insert(con, "assignments", {"doc_id": doc_id, "ord": n, "task": a.get("task"), "lead": "; ".join(a.get("lead") or []),
                                     "partners": "; ".join(a.get("partners") or []), "timeline": a.get("timeline"), **_where(a)})
    for s in b.get("sources") or []:
        _insert(con, "budget_sources", {"doc_id": doc_id, "category_id": None,
                                        **{k: s.get(k) for k in ("kind", "label", "amount_vnd", "text")}, **_where(s)})
    for n, c in enumerate(b.get("categories") or []):
        cid = _insert(con, "budget_categories", {"doc_id": doc_id, "ord": n,
                                                 **{k: c.get(k) for k in ("label", "amount_vnd", "text")}, **_where(c)})
        for s in c.get("sources") or []:
            _insert(con, "budget_sources", {"doc_id": doc_id, "category_id": cid,
                                            **{k: s.get(k) for k in ("kind", "label", "amount_vnd", "text")}, **_where(s)})
    for g in t.get("groups") or []:
        for y, v in (g.get("by_year") or {}).items():
            _insert(con, "budget_groups", {"doc_id": doc_id, "code": g.get("code"), "label": g.get("label"), "year": int(y),
                                           "amount_vnd": v, "group_total_vnd": g.get("total_vnd"), **_where(g)})
    for n, it in enumerate(t.get("items") or []):
        for y, c in (it.get("by_year") or {}).items():
            _insert(con, "budget_items", {
                "doc_id": doc_id, "item_ord": n, "group_code": it.get("group"), "code": it.get("code"),
                "description": it.get("description"), "unit": it.get("unit"), "unit_price_vnd": it.get("unit_price_vnd"),
                "source": it.get("source"), "year": int(y), "qty": c.get("qty"), "amount_vnd": c.get("amount_vnd"),
                "item_total_vnd": it.get("total_vnd"), "table_row": it.get("row"), **_where(it)})
    for i in r.get("issues") or []:
        _insert(con, "issues", {"doc_id": doc_id, "code": i.get("code"), "where_": i.get("where"), "severity": i.get("severity"),
                                "detail": i.get("detail"), "printed": i.get("printed"),
                                "value": json.dumps(i.get("value"), ensure_ascii=False),
                                "checks": json.dumps(i.get("checks") or [], ensure_ascii=False), **_where(i)})


def build_database(path: Path, records: Iterable[tuple[str, dict]]) -> int:
    """Write the database to a temporary file beside ``path`` and rename it
    over ``path``: a reader sees the old database or the new, never half of one."""
    n = 0
    with atomic_path(path) as tmp:
        con = sqlite3.connect(tmp)
        try:
            for stmt in ddl():
                con.execute(stmt)
            for doc_id, record in records:
                add_record(con, doc_id, record)
                n += 1
            mark_preferred(con)
            fill_fts(con)
            con.commit()
        finally:
            con.close()
    return n


def connect_readonly(path: Path, seconds: float | None = None) -> sqlite3.Connection:
    """The database opened so that nothing can change or copy it (see vnlegal.query)."""
    from .query import open_readonly
    return open_readonly(path, seconds)
