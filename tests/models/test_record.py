"""The record's JSON Schema is generated from the types; the copy in the repo
(models/record.schema.json, for readers who do not run Python) stays current."""
from __future__ import annotations

import json
from pathlib import Path

from vnlegal.models.record import record_json_schema

from vnlegal.pipeline import process_file

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "txt" / "000_7343a46bed8251c6.txt"


def test_schema_file_is_current():
    on_disk = json.loads((ROOT / "models" / "record.schema.json").read_text(encoding="utf-8"))
    assert on_disk == record_json_schema(), "run: vnlegal schema > models/record.schema.json"


def test_schema_names_every_field_a_record_has():
    schema = record_json_schema()
    record = process_file(SEED)
    assert set(record) == set(schema["properties"])
    assert set(record["meta"]) == set(schema["$defs"]["Meta"]["properties"])
    assert set(record["source"]) == set(schema["$defs"]["SourceInfo"]["properties"])
    assert record["pipeline_version"] and "pipeline_version" in schema["properties"]


def test_field_descriptions_reach_the_schema():
    meta = record_json_schema()["$defs"]["Meta"]["properties"]
    assert "Trích yếu" in meta["title"]["description"]
    assert all("description" in p for p in meta.values())
