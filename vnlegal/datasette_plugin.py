"""vnlegal's Datasette plugin: the Vietnamese search language behind
Datasette's own ``?_search=`` (and so datasette-search-all), money with
thousands separators, and a link instead of "None" for an untitled decision.

Datasette builds ``?_search=`` as ``… MATCH escape_fts(:search)``; its
escape_fts ANDs the words one by one, so "Đồng Tháp" would match "hành động …
thu thập". For a database whose metadata says
``"plugins": {"vnlegal": {"search": "vietnamese"}}`` (the datasette.json vnlegal
writes), escape_fts is vnlegal's fts.to_match instead: phrases, accents
optional both ways, quotes and OR/AND/NOT. Other databases keep Datasette's.
Installed with vnlegal through the ``datasette`` entry point.
"""
from __future__ import annotations

import markupsafe
from datasette import hookimpl
from datasette.utils import tilde_encode

from vnlegal.fts import to_match, to_match_lenient


def _config(datasette, database) -> dict:
    return datasette.plugin_config("vnlegal", database=database) or {}


def _exact(query: str) -> str:
    # the hits that have the phrase as typed: to rank them first
    try:
        return to_match(query, exact_only=True)
    except ValueError:
        return to_match_lenient(query)


@hookimpl(trylast=True)  # after Datasette's own prepare_connection, whose escape_fts this replaces
def prepare_connection(conn, database, datasette):
    if _config(datasette, database).get("search") == "vietnamese":
        conn.create_function("escape_fts", 1, lambda q: to_match_lenient(q or ""), deterministic=True)
        conn.create_function("vnlegal_exact_fts", 1, lambda q: _exact(q or ""), deterministic=True)


def _money(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # as printed in the decisions: 17.700.000.000


@hookimpl
def render_cell(value, column, table, database, datasette):
    config = _config(datasette, database)
    if not config:
        return None
    suffix = config.get("money_suffix")
    if suffix and column.endswith(suffix) and isinstance(value, int) and not isinstance(value, bool):
        return markupsafe.Markup('<div style="text-align:right;white-space:nowrap">{}</div>').format(_money(value))
    if isinstance(value, dict) and value.get("label") in (None, "") and table:
        return _link_without_label(datasette, database, table, column, value["value"])
    return None


def _link_without_label(datasette, database, table, column, value):
    async def inner():
        fks = await datasette.get_database(database).foreign_keys_for_table(table)
        other = next((fk["other_table"] for fk in fks if fk["column"] == column), None)
        if other is None:
            return None
        href = datasette.urls.row(database, other, tilde_encode(str(value)))
        return markupsafe.Markup('<a href="{}">{}</a>').format(href, value)
    return inner
