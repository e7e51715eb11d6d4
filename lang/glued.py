"""Words that HTML-to-text conversion glued together ("trênđịa bàn",
"côngnghiệp", "PHÊDUYỆT") split again into syllables of the inventory
(``syllables.inventory``); two-syllable words break ties between splits."""
from __future__ import annotations

from functools import lru_cache

import regex

from .syllables import ACCENTED_WORD, inventory

# glued Vietnamese always carries a mark somewhere: only words with a non-ASCII letter are looked at
_MARKED_TOKEN = ACCENTED_WORD


def _best_split(low: str, syllables: frozenset[str], pairs: frozenset[str]) -> list[int] | None:
    """Cut points splitting ``low`` into the fewest known syllables (2 or 3);
    among equals, the split whose neighbours form known words wins."""
    n = len(low)
    best: tuple[int, list[int]] | None = None
    for i in range(1, n):
        a = low[:i]
        if a not in syllables:
            continue
        rest = low[i:]
        if rest in syllables:
            score = 1 if f"{a} {rest}" in pairs else 0
            if best is None or score > best[0]:
                best = (score, [i])
    if best is not None:
        return best[1]
    for i in range(1, n):
        a = low[:i]
        if a not in syllables:
            continue
        for j in range(i + 1, n):
            b, c = low[i:j], low[j:]
            if b in syllables and c in syllables:
                score = (f"{a} {b}" in pairs) + (f"{b} {c}" in pairs)
                if best is None or score > best[0]:
                    best = (score, [i, j])
    return best[1] if best else None


def split_glued(text: str) -> str:
    """Insert the missing spaces in glued Vietnamese words; other text is kept."""
    # most lines have nothing glued: look first, rebuild only when a word splits
    if all(len(w) < 4 or _split_word(w) == w for w in _MARKED_TOKEN.findall(text)):
        return text
    return _MARKED_TOKEN.sub(_fix, text)


def _fix(m: regex.Match) -> str:
    word = m.group(0)
    return word if len(word) < 4 else _split_word(word)


@lru_cache(maxsize=65536)  # a document repeats a few thousand words many times over
def _split_word(word: str) -> str:
    syllables, pairs = inventory()
    low = word.lower()
    if low in syllables:
        return word
    cuts = _best_split(low, syllables, pairs)
    if not cuts:
        return word
    pieces, start = [], 0
    for c in cuts + [len(word)]:
        pieces.append(word[start:c])
        start = c
    # "ThịXã" style capitals inside a word are a glue sign; "TTg" is not split
    # because "g" alone is no syllable, so casing needs no further check
    return " ".join(pieces)
