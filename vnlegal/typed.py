"""The dataset's tables with their real types, for Parquet and notebooks.

SQLite stores dates as ISO text and flags as 0/1, and pandas reads a nullable
integer column as float64 (8.360000e+09 for a budget). Here each column gets
its type from store.TABLES, with the dates and flags named below: nullable
Int64 for money, years and counts, date32 for dates, booleans for flags, and
its description as Parquet field metadata. ``load()`` and ``pd.read_parquet``
give the same dtypes, since both go through ``arrow_table``.
"""
from __future__ import annotations

import sqlite3

import pandas as pd
import pyarrow as pa

from vnlegal.store import TABLES, describe

# (table, column) whose SQLite text or 0/1 stands for a date or a yes/no
DATES = {("documents", "issued_date"), ("legal_bases", "date")}
FLAGS = {("documents", "ocr"), ("targets", "relative")}


def _arrow_type(table: str, column: str, sql_type: str) -> pa.DataType:
    if (table, column) in DATES:
        return pa.date32()
    if (table, column) in FLAGS:
        return pa.bool_()
    base = sql_type.split()[0].upper()
    return {"INTEGER": pa.int64(), "REAL": pa.float64()}.get(base, pa.string())


def arrow_schema(table: str) -> pa.Schema:
    desc, cols, _ = TABLES[table]
    notes = describe(table)
    fields = [pa.field(c, _arrow_type(table, c, t), nullable=not ("PRIMARY KEY" in t or "NOT NULL" in t),
                       metadata={"description": notes[c]} if notes[c] else None)
              for c, t, _ in cols]
    return pa.schema(fields, metadata={"description": desc})


def _pandas(series: pd.Series, kind: pa.DataType) -> pd.Series:
    if kind == pa.date32():
        # dates come from the date parser as ISO text; anything else stays null here
        # and as printed in the record
        return pd.to_datetime(series, format="%Y-%m-%d", errors="coerce").dt.date.astype(object).where(series.notna(), None)
    if kind == pa.bool_():
        return series.astype("boolean")
    if kind == pa.int64():
        return series.astype("Int64")
    if kind == pa.float64():
        return series.astype("float64")
    return series.astype(object).where(series.notna(), None)


def arrow_table(con: sqlite3.Connection, table: str) -> pa.Table:
    schema = arrow_schema(table)
    df = pd.read_sql_query(f"SELECT {', '.join(schema.names)} FROM {table}", con)
    for field in schema:
        df[field.name] = _pandas(df[field.name], field.type)
    return pa.Table.from_pandas(df, schema=schema, preserve_index=False)
