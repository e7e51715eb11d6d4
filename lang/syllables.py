"""What a Vietnamese syllable is: the structural check (onset, rhyme, coda,
at most one tone) and the inventory of syllables really in use.

The inventory is the set of syllables of underthesea's Viet74K word list
(shipped with the package, read offline), filtered by the structural check so
that loan words in the list do not count as syllables. Two-syllable words of
the same list break ties where a glued word can be split several ways.
"""
from __future__ import annotations

import importlib.util
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import regex

TONES = frozenset({"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"})
_SYLLABLE = regex.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(" + "|".join(sorted(
        "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô "
        "uơ uy ưa ưi ươ ưu ya yê oai oay oao oeo uây uôi ươi ươu uya uyê uyu yêu iêu".split(), key=len, reverse=True))
    + r")(ch|ng|nh|[cmnpt])?$"
)
# a word with a non-ASCII letter; anchored at a word start so a long ASCII run costs linear time
ACCENTED_WORD = regex.compile(r"(?<!\p{L})[A-Za-z]*[^\x00-\x7F\P{L}]\p{L}*")


def viet_score(text: str, sample: int = 200_000) -> float:
    """Share of accented words that are valid Vietnamese syllables (1.0 when none)."""
    counts = Counter(ACCENTED_WORD.findall(text[:sample]))  # counted in C: each distinct word is checked once
    considered = sum(counts.values())
    valid = sum(n for w, n in counts.items() if is_syllable(w))
    return valid / considered if considered else 1.0


@lru_cache(maxsize=65536)  # a document repeats a few thousand syllables many times over
def is_syllable(word: str) -> bool:
    d = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in d if c in TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
    m = _SYLLABLE.match(base)
    if not m:
        return False
    # the diphthongs ươ, uô, iê, yê never end a syllable: "lượ" is half of "lượng"
    return not (m.group(3) is None and m.group(2).endswith(("ươ", "uô", "iê", "yê")))


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


