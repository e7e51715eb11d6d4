"""Stages declare what they need and give; a partial run resolves what it
needs, and an order that leaves a need unmet is refused at start-up."""
from __future__ import annotations

from pathlib import Path

import pytest
from vnlegal.extract import read_document
from vnlegal.normalize import ORDER, normalize
from vnlegal.normalize.registry import STAGES, plan

SEED = Path(__file__).resolve().parents[2] / "corpus" / "txt" / "000_7343a46bed8251c6.txt"


def test_a_partial_run_brings_in_what_it_needs():
    assert [s.name for s in plan(ORDER, ["meta"])] == ["lines", "sections", "meta"]
    rec = normalize(read_document(SEED), stages=["meta"])
    assert rec.meta.number and rec.meta.issued_date
    assert rec.targets == [] and rec.budget is None  # stages not asked for did not run


def test_an_order_with_an_unmet_need_is_refused():
    with pytest.raises(ValueError, match="'sections' requires 'lines'"):
        plan(["sections", "lines"])
    with pytest.raises(ValueError, match="unknown stage"):
        plan(ORDER, ["budgets"])


def test_every_stage_is_in_the_order():
    assert sorted(STAGES) == sorted(ORDER)
