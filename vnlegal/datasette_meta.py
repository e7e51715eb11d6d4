"""The Datasette metadata written beside the database (datasette.json): every
table and column described, the searchable tables wired to their full-text
index, facets, label columns and the canned queries a researcher starts from.

The descriptions come from store.TABLES and store.VIEWS, so the database, the
Parquet files and Datasette say the same thing about a column.
"""
from __future__ import annotations

from urllib.parse import quote

from vnlegal.store import SEARCHABLE, TABLES, VIEWS, describe

DATABASE = "vnlegal"  # Datasette names a database after its file, vnlegal.sqlite

# what a researcher filters by first, per table
FACETS = {
    "documents": ["province_today", "locality", "issued_year", "doc_type", "issuer_level", "format", "preferred"],
    "sections": ["kind", "level"],
    "targets": ["unit", "deadline", "relative"],
    "agencies": ["role"],
    "budget_items": ["year", "source"],
    "budget_groups": ["year"],
    "budget_sources": ["kind"],
    "issues": ["severity", "code"],
    "legal_bases": ["doc_type"],
    "budget_by_locality_year": ["locality", "year"],
    "budget_by_province_year": ["province_today", "year"],
    "citations": ["instrument_key", "doc_type"],
    "agencies_by_role": ["role"],
}

# the column Datasette shows for a row another table points to
LABELS = {
    "documents": "number",  # short and what decisions are cited by (the title runs to lines)
    "sections": "heading",
    "agencies": "name",
    "budget_categories": "label",
    "budget_groups": "label",
}

QUERIES = {
    "search_sections": {
        "title": "Search the sections, best hits first",
        "description": "Accents optional (dau tu = đầu tư); the words typed together are one phrase; "
                       "\"quotes\", OR, NOT and (parentheses) for more. Sections with the phrase as typed come first.",
        "sql": """SELECT s.id, d.locality, d.number, d.title, s.kind, s.heading, s.text
FROM sections_fts JOIN sections s ON s.id = sections_fts.rowid JOIN documents d ON d.doc_id = s.doc_id
WHERE sections_fts MATCH escape_fts(:q)
ORDER BY s.id IN (SELECT rowid FROM sections_fts WHERE sections_fts MATCH vnlegal_exact_fts(:q)) DESC,
         bm25(sections_fts, 2.0, 1.0)""",
    },
    "budget_by_province_and_year": {
        "title": "Budget by province and year",
        "description": "Planned budget (VND) from the budget tables, by province on today's map (after the 2025 "
                       "merger) and year; each decision once, through its preferred file.",
        "sql": """SELECT coalesce(d.province_today, d.locality) AS province, i.year, SUM(i.amount_vnd) AS amount_vnd,
       COUNT(DISTINCT d.doc_id) AS decisions
FROM budget_items i JOIN documents d USING (doc_id)
WHERE i.amount_vnd IS NOT NULL AND d.preferred = 1
GROUP BY 1, i.year ORDER BY 1, i.year""",
    },
    "who_leads_what": {
        "title": "Who leads what",
        "description": "Each body given the lead, with the decision and its tasks there.",
        "sql": """SELECT a.name AS agency, d.locality, d.number, d.issued_date, d.title,
       (SELECT group_concat(t.task, ' · ') FROM agency_tasks t WHERE t.agency_id = a.id) AS tasks
FROM agencies a JOIN documents d USING (doc_id)
WHERE a.role = 'lead' AND d.preferred = 1
ORDER BY a.name, d.issued_date""",
    },
    "targets_for_a_metric": {
        "title": "Targets for a metric",
        "description": "Quantified goals whose metric or clause matches the words given (accents optional).",
        "sql": """SELECT t.metric, t.value, t.value_max, t.unit, t.deadline, d.locality, d.number, t.text
FROM targets t JOIN documents d USING (doc_id)
WHERE t.id IN (SELECT rowid FROM targets_fts WHERE targets_fts MATCH escape_fts(:metric)) AND d.preferred = 1
ORDER BY t.deadline, d.locality""",
    },
}


# Datasette lists column descriptions one per two lines above the rows; with
# every column described that pushes the rows off the first screen, so the
# list is set as a grid of three "column  description" pairs a line, smaller
COMPACT_DESCRIPTIONS = (
    "dl.column-descriptions{display:grid;grid-template-columns:repeat(3,max-content minmax(0,1fr));"
    "gap:.15em .8em;font-size:.8em;margin:0 0 1em}"
    "dl.column-descriptions dt{font-weight:bold}"
    "dl.column-descriptions dd{margin:0;color:#555}"
)


def metadata(title: str = "vnlegal decisions") -> dict:
    tables = {}
    for name, (desc, _, _) in TABLES.items():
        tables[name] = {"description": desc, "columns": describe(name)}
    for name, (desc, _) in VIEWS.items():
        tables[name] = {"description": desc}
    for name, facets in FACETS.items():
        if name in tables:
            tables[name]["facets"] = facets
    for name, column in LABELS.items():
        tables[name]["label_column"] = column
    for name in SEARCHABLE:
        # searchmode stays "escaped": vnlegal's plugin makes escape_fts read
        # the Vietnamese search language (fts.py) for this database
        tables[name].update(fts_table=f"{name}_fts", fts_pk="id" if name != "documents" else "rowid")
        tables[f"{name}_fts"] = {"hidden": True}
    # Datasette lists ?_search= hits in table order; the ranked search is a canned query
    tables["sections"]["description_html"] = (
        f"{TABLES['sections'][0]} Search with or without accents; for the best hits first "
        "(the phrase with its accents as typed), use <a href=\"search_sections\">Search the sections</a>.")
    return {
        "title": title,
        "extra_css_urls": ["data:text/css," + quote(COMPACT_DESCRIPTIONS)],
        "description": "Vietnamese legal decisions as structured records, built by vnlegal. "
                       "Search any table with accents or without (dau tu = đầu tư); money in VND.",
        "databases": {DATABASE: {
            "tables": tables,
            "queries": QUERIES,
            "plugins": {"vnlegal": {"search": "vietnamese", "money_suffix": "_vnd"}},
        }},
    }
