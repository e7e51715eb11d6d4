"""The Datasette metadata: every column described, searchable tables wired,
facets and canned queries that run on the real dataset."""
from __future__ import annotations

from tests.vnlegal.conftest import datasette_get
from vnlegal.datasette_meta import QUERIES, metadata
from vnlegal.store import SEARCHABLE, TABLES


def test_every_column_has_a_description_and_money_says_vnd():
    tables = metadata()["databases"]["vnlegal"]["tables"]
    for name, (_, cols, _) in TABLES.items():
        described = tables[name]["columns"]
        assert [c for c, _, _ in cols if not described.get(c)] == [], name
        assert all("VND" in described[c] for c, _, _ in cols if c.endswith("_vnd")), name
    for name in SEARCHABLE:
        assert tables[name]["fts_table"] == f"{name}_fts" and tables[f"{name}_fts"]["hidden"]


def test_facets_and_canned_queries_run_on_the_real_dataset(real_dataset):
    docs, leads, metric, budget, items = datasette_get(
        real_dataset,
        ("/vnlegal/documents.json", {"_extra": "facet_results"}),
        ("/vnlegal/who_leads_what.json", {"_shape": "objects"}),
        ("/vnlegal/targets_for_a_metric.json", {"metric": "san xuat sach hon", "_shape": "objects"}),
        ("/vnlegal/budget_by_province_and_year.json", {"_shape": "objects"}),
        ("/vnlegal/budget_items.json", {"_extra": "facet_results"}))
    facets = docs["facet_results"]["results"] if "results" in docs["facet_results"] else docs["facet_results"]
    assert {"province_today", "locality", "issued_year", "doc_type", "preferred"} <= set(facets)
    years = {r["value"] for r in facets["issued_year"]["results"]}
    assert {2025, 2026} <= years
    assert leads["rows"] and all(r["agency"] for r in leads["rows"])
    assert any(r["agency"] == "Sở Công Thương" for r in leads["rows"])
    assert metric["rows"] and all("sản xuất sạch hơn" in (r["metric"] or "") + r["text"] for r in metric["rows"])
    assert {r["province"] for r in budget["rows"]} >= {"Hà Nội", "Hưng Yên"}
    # each decision once: 5768/QĐ-UBND's table, whichever of its files is preferred
    assert sum(r["amount_vnd"] for r in budget["rows"] if r["province"] == "Hà Nội") == 17_700_000_000
    assert "year" in (items["facet_results"].get("results") or items["facet_results"])
    assert set(QUERIES) == {"search_sections", "budget_by_province_and_year", "who_leads_what", "targets_for_a_metric"}
