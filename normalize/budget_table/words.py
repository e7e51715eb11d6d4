"""The words of a budget table's header, loaded once from
``normalize/data/budget_table_headers.json`` (where they come from is noted
there) and compiled into the patterns the other modules match with."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

_DATA = Path(__file__).resolve().parents[1] / "data" / "budget_table_headers.json"
# spaces, and the marks a scan leaves in a header cell from its rules ("Số _ lượng", "| Thành tiền")
_SPACES = regex.compile(r"[\s_|]+")


@dataclass(frozen=True)
class HeaderWords:
    money: regex.Pattern  # a header that speaks of money: "Thành tiền", "Kinh phí"
    repeated_header: regex.Pattern  # a header repeated on a new page: "Số lượng", "Thành tiền"
    total_row: regex.Pattern  # the grand total's label: "Tổng cộng", "Cộng"
    columns: dict[str, regex.Pattern]  # column role → its words, in a compacted header cell


def compact(text: str) -> str:
    """Spaces removed: "Số\\nlượ\\nng", "Số lượng" and a scan's "Số _ lượng" meet as
    "sốlượng" (after ``key``)."""
    return _SPACES.sub("", text)


def _spaced(words: str) -> str:
    """A pattern for ``words`` whatever the space between them (none, a line break)."""
    return r"\s*".join(map(regex.escape, words.split()))


def _column(spec: dict) -> regex.Pattern:
    words = [regex.escape(compact(w)) for w in spec.get("words", [])]
    exact = [f"^{regex.escape(compact(w))}$" for w in spec.get("exact", [])]
    return regex.compile("|".join(words + exact))


@lru_cache(maxsize=1)
def header_words() -> HeaderWords:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return HeaderWords(
        # words of a header cell may wrap ("Thành\ntiền") or, read by OCR, touch ("Thànhtiền")
        money=regex.compile("(?i)" + "|".join(map(_spaced, data["money"]))),
        repeated_header=regex.compile("(?i)" + "|".join(map(_spaced, data["repeated_header"]))),
        total_row=regex.compile(r"(?i)^(" + "|".join(map(_spaced, data["total_row"])) + r")\b"),
        columns={role: _column(spec) for role, spec in data["columns"].items()},
    )
