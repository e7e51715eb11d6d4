"""Shared fixtures: the real documents in ../shared, and text comparison."""
from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
FIXTURES = SHARED / "fixtures"
GOLD = SHARED / "gold"
STEMS = sorted(p.stem for p in CORPUS.glob("*.txt"))


def comparable(text: str) -> str:
    """Text reduced to what every format must agree on: NFC, Đ, case, no layout."""
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ").casefold()
    text = re.sub(r"[*_#|\t]", " ", text)
    return re.sub(r"\s+", "", text)


def similarity(a: str, b: str) -> float:
    a, b = comparable(a), comparable(b)
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@pytest.fixture(scope="session")
def shared():
    if not SHARED.exists():
        pytest.skip("../shared is not beside the project")
    return SHARED
