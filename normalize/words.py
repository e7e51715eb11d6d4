"""Words that HTML-to-text conversion glued together ("trênđịa bàn",
"côngnghiệp", "PHÊDUYỆT") split again.

The syllable inventory is the set of syllables of underthesea's Viet74K word
list (shipped with the package, read offline), filtered by the structural
syllable check so that loan words in the list do not become "syllables".
Two-syllable words of the same list break ties between possible splits.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import regex

from vnlegal.extract.encoding import is_syllable

# glued Vietnamese always carries a mark somewhere: only words with a non-ASCII
# letter are looked at (anchored at a word start, so a long ASCII run costs linear time)
_MARKED_TOKEN = regex.compile(r"(?<!\p{L})[A-Za-z]*[^\x00-\x7F\P{L}]\p{L}*")


def _wordlist() -> list[str]:
    # find_spec locates the package without importing it (its import costs 0.6 s)
    spec = importlib.util.find_spec("underthesea")
    if spec is None or spec.origin is None:
        raise RuntimeError("underthesea is not installed: its Viet74K word list is the syllable inventory")
    path = Path(spec.origin).parent / "corpus" / "data" / "Viet74K.txt"
    return path.read_text(encoding="utf-8").splitlines()


@lru_cache(maxsize=1)
def inventory() -> tuple[frozenset[str], frozenset[str]]:
    """(syllables, two-syllable words), lower-case NFC."""
    words = [w.lower().split() for w in _wordlist()]
    tokens = {t for parts in words for t in parts}
    syllables = frozenset(t for t in tokens if is_syllable(t))
    pairs = frozenset(" ".join(p) for p in words if len(p) == 2 and p[0] in syllables and p[1] in syllables)
    return syllables, pairs


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
