"""vnlegal's Datasette plugin: the Vietnamese search language behind
escape_fts for vnlegal databases only, money with separators, no 'None'
labels."""
from __future__ import annotations

import json
import sqlite3

from tests.vnlegal.conftest import datasette_get
from vnlegal.store import build_database


def _tiny(tmp_path, untitled=True):
    out = tmp_path
    records = [("a", {"meta": {"title": None if untitled else "Kế hoạch", "locality": "Hưng Yên"},
                      "sections": [{"kind": "objectives", "heading": "Mục tiêu",
                                    "text": "Chương trình hành động; thu thập số liệu"},
                                   {"kind": "budget", "heading": "Kinh phí", "text": "Đầu tư tỉnh Đồng Tháp"}],
                      "budget": {"table": {"items": [{"description": "Tập huấn", "by_year": {
                          "2020": {"amount_vnd": 17_700_000_000}}}]}}})]
    build_database(out / "vnlegal.sqlite", records)
    from vnlegal.datasette_meta import metadata
    (out / "datasette.json").write_text(json.dumps(metadata(), ensure_ascii=False), encoding="utf-8")
    return out


def test_search_is_a_folded_phrase_on_vnlegal_databases_only(tmp_path):
    out = _tiny(tmp_path)
    ours, theirs = [datasette_get(out, ("/vnlegal/sections.json", {"_search": "dong thap", "_shape": "objects"}),
                                  metadata=meta)[0]
                    for meta in (None, {"databases": {"vnlegal": {"tables": {"sections": {"fts_table": "sections_fts"}}}}})]
    assert [r["heading"] for r in ours["rows"]] == ["Kinh phí"]
    # without vnlegal's config, Datasette's own escape_fts ANDs the words: the doubled index
    # still folds both ways, but 'hành động; thu thập' matches too
    assert {r["heading"] for r in theirs["rows"]} == {"Mục tiêu", "Kinh phí"}
    (by_words,) = datasette_get(out, ("/vnlegal/sections.json", {"_search": "động thập", "_shape": "objects"}))
    # 'hành động; thu thập' holds both apart: not a hit; Đồng Tháp is, folded
    assert [r["heading"] for r in by_words["rows"]] == ["Kinh phí"]


def test_money_is_shown_with_separators_and_an_untitled_decision_by_its_id(tmp_path):
    out = _tiny(tmp_path)
    (page,) = datasette_get(out, ("/vnlegal/budget_items", {}))
    assert "17.700.000.000" in page and "17700000000" not in page.split("<tbody>")[1]
    assert ">None<" not in page and 'href="/vnlegal/documents/a"' in page
    (data,) = datasette_get(out, ("/vnlegal/budget_items.json", {"_shape": "objects"}))
    assert data["rows"][0]["amount_vnd"] == 17_700_000_000  # JSON and CSV keep the number
    con = sqlite3.connect(out / "vnlegal.sqlite")
    assert con.execute("SELECT amount_vnd FROM budget_items").fetchone() == (17_700_000_000,)
