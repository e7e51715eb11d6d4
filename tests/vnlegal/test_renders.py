"""One decision, one row: renders of one decision share a key, the best read
one is preferred, and the views count the decision once."""
from __future__ import annotations

import sqlite3

from vnlegal.renders import decision_key
from vnlegal.store import build_database


def record(fmt: str, *, ocr: bool = False, number: str | None = "12/QĐ-UBND", targets: int = 2, amount: int = 100,
           sha: str = "a") -> dict:
    return {
        "source": {"file": f"x.{fmt}", "sha256": sha, "format": fmt, "ocr": ocr},
        "meta": {"doc_type": "Quyết định", "number": number, "issued_date": "2016-05-02",
                 "issuer": "Ủy ban nhân dân tỉnh Thái Bình", "issuer_level": "province", "locality": "Thái Bình",
                 "province_at_issue": "Thái Bình", "province_today": "Hưng Yên", "legal_bases": []},
        "targets": [{"text": "t", "value": k} for k in range(targets)],
        "budget": {"table": {"items": [{"group": "I", "code": "1", "description": "d",
                                        "by_year": {"2016": {"qty": 1, "amount_vnd": amount}}}]}},
        "issues": [],
    }


def test_the_key_is_number_issuer_and_date_or_the_file_hash():
    assert decision_key(record("txt")) == decision_key(record("pdf", sha="b")) \
        == "12/QĐ-UBND|ủy ban nhân dân tỉnh thái bình|2016-05-02"
    assert decision_key(record("docx", number=None, sha="c")) == "sha256:c"


def _built(tmp_path, records):
    db = tmp_path / "d.sqlite"
    build_database(db, records)
    return sqlite3.connect(db)


def test_a_decision_in_three_files_counts_once_and_born_digital_text_is_preferred(tmp_path):
    con = _built(tmp_path, [("a.pdf", record("pdf", ocr=True, targets=5, sha="1")),
                            ("a.txt", record("txt", targets=2, sha="2")),
                            ("a.docx", record("docx", targets=3, sha="3"))])
    rows = con.execute("SELECT doc_id, preferred, renders FROM documents ORDER BY doc_id").fetchall()
    # the scan read more, but OCR text is the last resort; of the born-digital two, the one that read more
    assert rows == [("a.docx", 1, 3), ("a.pdf", 0, 3), ("a.txt", 0, 3)]
    assert con.execute("SELECT locality, year, amount_vnd, documents FROM budget_by_locality_year").fetchall() == \
        [("Thái Bình", 2016, 100, 1)]
    assert con.execute("SELECT province_today, province_at_issue, amount_vnd FROM budget_by_province_year").fetchall() == \
        [("Hưng Yên", "Thái Bình", 100)]
    why, others = con.execute("SELECT preferred_why, other_renders FROM decisions").fetchone()
    # five meta fields, three targets and one budget item against five, two and one
    assert why == "preferred over 2 other renders: more read (9 facts against 8)"
    assert sorted(others.split("; ")) == ["a.pdf", "a.txt"]
    assert con.execute("SELECT COUNT(*) FROM targets_by_metric").fetchone()[0] == 3


def test_drafts_without_a_number_are_never_merged(tmp_path):
    con = _built(tmp_path, [("d1", record("docx", number=None, sha="1")), ("d2", record("docx", number=None, sha="2"))])
    assert con.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 2
    assert con.execute("SELECT SUM(documents) FROM budget_by_locality_year").fetchone()[0] == 2
