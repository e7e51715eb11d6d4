"""Parquet and load() carry the real types: nullable Int64 money and years,
dates, booleans, and every column's description."""
from __future__ import annotations

import datetime
import sqlite3

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import vnlegal
from vnlegal.dataset import write_parquet
from vnlegal.store import TABLES, build_database
from vnlegal.typed import arrow_schema, arrow_table


def _records():
    yield "a", {"source": {"ocr": True, "pages": 3}, "meta": {"issued_date": "2017-04-28", "locality": "Hưng Yên"},
                "budget": {"total_vnd": 8_360_000_000},
                "targets": [{"value": 95.5, "unit": "%", "deadline": 2025, "relative": True}]}
    yield "b", {"source": {}, "meta": {"legal_bases": [{"number": "1419/QĐ-TTg", "date": "2009-09-07"}, {"number": "x"}]},
                "targets": [{"value": 3, "relative": False}]}


def test_money_years_dates_and_flags_keep_their_types(tmp_path):
    db = tmp_path / "vnlegal.sqlite"
    build_database(db, _records())
    write_parquet(db, tmp_path / "parquet")
    docs = pd.read_parquet(tmp_path / "parquet" / "documents.parquet").set_index("doc_id")
    assert str(docs.budget_total_vnd.dtype) == "Int64" and docs.budget_total_vnd["a"] == 8_360_000_000
    assert docs.budget_total_vnd.isna()["b"] and str(docs.issued_year.dtype) == "Int64"
    assert docs.issued_date["a"] == datetime.date(2017, 4, 28) and pd.isna(docs.issued_date["b"])
    assert str(docs.ocr.dtype) == "boolean" and docs.ocr.tolist() == [True, False]
    targets = pd.read_parquet(tmp_path / "parquet" / "targets.parquet")
    assert targets.relative.tolist() == [True, False] and str(targets.deadline.dtype) == "Int64"
    bases = pq.read_schema(tmp_path / "parquet" / "legal_bases.parquet")
    assert bases.field("date").type == pa.date32()
    loaded = vnlegal.load(tmp_path)
    for table in TABLES:
        assert loaded[table].dtypes.to_dict() == pd.read_parquet(tmp_path / "parquet" / f"{table}.parquet").dtypes.to_dict()


def test_every_parquet_column_says_what_it_holds(tmp_path):
    for table in TABLES:
        schema = arrow_schema(table)
        assert schema.metadata[b"description"]
        assert all(f.metadata and f.metadata[b"description"] for f in schema), table
    assert arrow_schema("budget_items").field("amount_vnd").metadata[b"description"].startswith(b"VND")


def test_an_empty_table_is_still_typed(tmp_path):
    db = tmp_path / "vnlegal.sqlite"
    build_database(db, [])
    con = sqlite3.connect(db)
    assert arrow_table(con, "budget_items").schema.field("amount_vnd").type == pa.int64()
    con.close()
