"""The one text normaliser: NFC, Đ, single spaces, and a matching key that
ignores case and old/new tone placement (hoà/hòa, uỷ/ủy)."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_TONE_PLACEMENT = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
# only at the end of a syllable: "hoà" → "hòa", but "soát", "khoáng" keep theirs
_TONE_RE = regex.compile("(?:" + "|".join(_TONE_PLACEMENT) + r")(?!\w)", regex.I)
_SPACES = regex.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
# C0 controls but tab and line feed, DEL, C1 controls: never part of a legal text
# (NUL from a damaged file, C1 from a wrongly decoded one); a vertical tab, form
# feed or carriage return inside a line still separates two words
_CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]+")
_BREAKING_CONTROLS = regex.compile(r"[\x0b\x0c\r]+")


@lru_cache(maxsize=16384)  # every stage cleans the same lines again
def clean(text: str) -> str:
    """NFC, Đ/đ as U+0110/U+0111, single spaces, no stray Markdown emphasis."""
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ").replace("\u00f0", "đ")
    text = text.replace("**", "")
    return _SPACES.sub(" ", text).strip()


def drop_controls(text: str) -> str:
    """``text`` without control characters other than tab and line feed."""
    if text.isprintable() or not text:
        return text
    return _CONTROLS.sub("", _BREAKING_CONTROLS.sub(" ", text))


def modern_tones(text: str) -> str:
    def fix(m):
        got = m.group(0)
        new = _TONE_PLACEMENT[got.lower()]
        if got.isupper():
            return new.upper()
        return new[0].upper() + new[1:] if got[0].isupper() else new
    return _TONE_RE.sub(fix, text)


def key(text: str) -> str:
    """For matching only: casefolded, modern tones, single spaces."""
    return modern_tones(clean(text).casefold())


def fold(text: str) -> str:
    """Diacritics removed, đ→d: what a user types without accents."""
    return "".join(c for c in fold_chars(clean(text)) if unicodedata.category(c) != "Mn")


def fold_chars(text: str | None) -> str:
    """``fold`` one character per character, without cleaning, so that an
    offset in the folded text is an offset in the original (search snippets)."""
    if not text:
        return ""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d" if ch == "đ" else "D")
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base if unicodedata.category(base) != "Mn" else ch)
    return "".join(out)


_LETTERS = regex.compile(r"\p{L}")
_CAPITALS = regex.compile(r"\p{Lu}")


def letter_counts(text: str) -> tuple[int, int]:
    """(letters, capital letters) of a line."""
    return len(_LETTERS.findall(text)), len(_CAPITALS.findall(text))


def is_upper_line(text: str, counts: tuple[int, int] | None = None) -> bool:
    letters, capitals = counts or letter_counts(text)
    return letters >= 4 and capitals / letters > 0.9
