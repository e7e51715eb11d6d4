"""The database built from the shared corpus, corpus-real and the seeds as
DOCX and PDF: places on the 2025 map, one row per decision in the views, and
citations across the corpus."""
from __future__ import annotations

import sqlite3

import pytest

from vnlegal.dataset import build
from vnlegal.normalize.places import province_named, province_today, unit_of
from vnlegal.normalize.vocabulary import load
from vnlegal.store import build_database


@pytest.fixture(scope="module")
def con(shared, tmp_path_factory):
    out = tmp_path_factory.mktemp("ds")
    inputs = [shared / "corpus", shared / "corpus-real", shared / "fixtures" / "docx", shared / "fixtures" / "pdf"]
    summary = build(inputs, out, workers=2)
    assert summary.failed == 0
    c = sqlite3.connect(out / "vnlegal.sqlite")
    yield c
    c.close()


def test_every_locality_is_a_real_unit_or_null(con):
    rows = con.execute("SELECT doc_id, locality, province_at_issue, province_today FROM documents").fetchall()
    assert len(rows) >= 30
    since = set(load("admin_units.json")["since_2025"])
    for doc_id, locality, then, now in rows:
        if locality is None:
            assert then is None and now is None, doc_id
            continue
        if then is None:  # a district name several provinces share: no province guessed
            assert now is None and province_named(locality) is None, doc_id
            continue
        assert province_named(locality) == locality or unit_of(then, locality), (doc_id, locality)
        assert now in since and province_today(then) == now, (doc_id, then, now)


def test_a_merged_province_is_found_under_the_province_of_today(con):
    # Bình Dương (2016) lies in Hồ Chí Minh City since July 2025; Mê Linh was a district of Hà Nội
    assert set(con.execute("SELECT locality, province_at_issue, province_today FROM documents WHERE preferred = 1 "
                           "AND locality IN ('Bình Dương', 'Mê Linh')").fetchall()) == \
        {("Bình Dương", "Bình Dương", "Hồ Chí Minh"), ("Mê Linh", "Hà Nội", "Hà Nội")}


def test_the_same_decision_as_txt_docx_and_pdf_counts_once(con):
    renders = con.execute("SELECT decision_key, COUNT(*), SUM(preferred) FROM documents WHERE number = '1233/QĐ-UBND' "
                          "GROUP BY 1").fetchall()
    assert [(n, p) for _, n, p in renders] == [(3, 1)]  # one key for the three files, one preferred
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == \
        con.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] + 10  # five seeds, two extra files each
    by_year = con.execute("SELECT documents FROM budget_by_locality_year WHERE locality = 'Hưng Yên'").fetchall()
    assert by_year and {n for (n,) in by_year} == {1}
    one = con.execute("SELECT SUM(amount_vnd) FROM budget_by_locality_year WHERE locality = 'Hưng Yên'").fetchone()[0]
    table_total = con.execute("SELECT table_total_vnd FROM documents WHERE number = '1233/QĐ-UBND' AND preferred = 1"
                              ).fetchone()[0]
    assert one == table_total
    assert con.execute("SELECT MAX(documents) FROM agencies_by_role").fetchone()[0] <= \
        con.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]


def test_the_decisions_citing_an_instrument(con):
    citing = {r[0] for r in con.execute("SELECT citing_doc_id FROM citations WHERE instrument_key = '1419/QĐ-TTg'")}
    # four seeds cite the 2009 cleaner-production strategy; each counted once, through its preferred file
    assert {d.split("/")[-1].split(".")[0] for d in citing} == {"000_7343a46bed8251c6", "001_96d3c82f377dc371",
                                                 "002_ecc70ffef244afd1", "004_9fca6763afc4146e"}
    assert len(citing) == 4
    assert con.execute("SELECT citing_decisions FROM instruments WHERE instrument_key = '1419/QĐ-TTg'").fetchone() == (4,)
    laws = {r[0] for r in con.execute("SELECT citing_doc_id FROM citations "
                                      "WHERE instrument_key = 'Luật tổ chức chính quyền địa phương 2015-06-19'")}
    assert len(laws) == 2


def _cites(number: str, date: str, bases: list[tuple[str, str]], province: str = "Lào Cai") -> dict:
    return {"source": {"sha256": number, "format": "txt"},
            "meta": {"number": number, "issued_date": date, "issuer": f"Ủy ban nhân dân tỉnh {province}",
                     "province_today": province,
                     "legal_bases": [{"doc_type": "Quyết định", "number": n, "date": d, "key": n} for n, d in bases]}}


def test_a_cited_instrument_in_the_dataset_is_linked_to_its_document(tmp_path):
    db = tmp_path / "c.sqlite"
    build_database(db, [("plan", _cites("12/QĐ-UBND", "2026-01-05", [])),
                        ("a", _cites("30/QĐ-UBND", "2026-02-01", [("12/QĐ-UBND", "2026-01-05")])),
                        ("b", _cites("31/QĐ-UBND", "2026-03-01", [("12/QĐ-UBND", None)])),
                        ("c", _cites("32/QĐ-UBND", "2026-03-01", [("12/QĐ-UBND", "2019-01-05")])),
                        ("d", _cites("33/QĐ-UBND", "2026-03-01", [("12/QĐ-UBND", None)], province="Hà Nội"))])
    con = sqlite3.connect(db)
    rows = con.execute("SELECT citing_doc_id, cited_doc_id FROM citations WHERE instrument_key = '12/QĐ-UBND' "
                       "ORDER BY 1").fetchall()
    # another date is another instrument; undated, Hà Nội's 12/QĐ-UBND is not Lào Cai's
    assert rows == [("a", "plan"), ("b", "plan"), ("c", None), ("d", None)]


def test_every_fact_keeps_where_it_was_read(con):
    """The provenance of the records reaches the tables: a JSON span over the
    record's blocks, and the page for a quick filter."""
    import json
    for table in ("legal_bases", "targets", "agency_tasks", "budget_items"):
        n, placed = con.execute(f"SELECT COUNT(*), COUNT(provenance) FROM {table}").fetchone()
        assert n and placed >= 0.9 * n, table
    row = con.execute("SELECT t.provenance, t.page FROM targets t JOIN documents d USING (doc_id) "
                      "WHERE d.format = 'pdf' AND t.provenance IS NOT NULL LIMIT 1").fetchone()
    p = json.loads(row[0])
    assert {"block", "start", "end", "page"} <= set(p) and row[1] == p["page"] and p["page"] >= 1
    meta = json.loads(con.execute("SELECT meta_provenance FROM documents WHERE number = '5768/QĐ-UBND' "
                                  "AND format = 'pdf'").fetchone()[0])
    assert meta["number"]["page"] == 1
