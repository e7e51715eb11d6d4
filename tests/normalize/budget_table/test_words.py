"""words: the header words come from the data file, written as ``key`` writes them."""
from __future__ import annotations

import json

from vnlegal.lang.text import key
from vnlegal.normalize.budget_table import words


def test_the_data_words_are_casefolded_in_modern_tones():
    data = json.loads(words._DATA.read_text(encoding="utf-8"))
    assert data["_source"]
    every = data["money"] + data["repeated_header"] + data["total_row"]
    every += [w for spec in data["columns"].values() for w in spec.get("words", []) + spec.get("exact", [])]
    assert every and all(key(w) == w for w in every)


def test_header_words_match_compacted_cells():
    w = words.header_words()
    assert w.columns["quantity"].search(words.compact(key("Số\nlượ\nng"))) and w.columns["tt"].search("stt")
    assert not w.columns["tt"].search("sốttx") and w.total_row.match("Tổng  cộng:") and w.money.search("Thành tiền")
