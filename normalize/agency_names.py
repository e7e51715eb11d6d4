"""agency_names: the names of bodies in a text, as the gazetteer writes them.

Names are found by a spaCy EntityRuler over a gazetteer we ship
(``data/agencies.json``): a blank Vietnamese pipeline (no pyvi) on our own
tokens, phrase patterns matched case-insensitively, so "Sở Công thương" comes
out as the canonical "Sở Công Thương" and names that contain "và" ("Sở Kế
hoạch và Đầu tư", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân") are not
cut in two. Around the gazetteer: a locality after a name ("… tỉnh",
"… Bình Dương"), "Ủy ban nhân dân các huyện, thị xã, thành phố", shared heads
("Các Sở: Tài chính, Công Thương") and unlisted bodies that start with a known
head ("Báo Hưng Yên", "Phòng Kinh tế").

Used by ``agencies`` (who is given work in the implementation sections) and
``assignments`` (the lead and partner cells of an assignment table).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ..lang.patterns import rx
from ..lang.text import clean, modern_tones

_DATA = Path(__file__).parent / "data" / "agencies.json"
_TOKEN = regex.compile(r"\w+|[^\w\s]")
# an ampersand and the spaces around it, written "và": "Sở Văn hóa, Thể thao & Du lịch"
_AMPERSAND = rx(r"\s*&\s*")
# a word character: a name matched at the start of the rest must end there ("Sở Y tế" is not "Sở Y tếx")
_WORD_CHAR = rx(r"\w")
# the people's committees of several units at once, group 2 the unit: "Ủy ban nhân dân các xã" of
# "Ủy ban nhân dân các xã: Gia Thuận, Tân Điền và Tân Phú Đông"
_COMMITTEES_OF_UNITS = rx(r"^(Ủy ban nhân dân) các (\p{Ll}+(?: \p{Ll}+)?)$")


@lru_cache(maxsize=1)
def gazetteer() -> dict:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    names = [f"Sở {d}" for d in data["departments"]] + [f"Phòng {o}" for o in data["offices"]] + data["bodies"]
    data["names"] = sorted(set(names), key=len, reverse=True)
    data["role_re"] = regex.compile(r"(?i)^(?:" + "|".join(map(regex.escape, data["role_words"])) + r")\b")
    data["head_re"] = regex.compile(r"^(?:" + "|".join(map(regex.escape, sorted(data["heads"], key=len, reverse=True))) + r")\b")
    data["admin_re"] = regex.compile(r"(?i)^(?:" + "|".join(sorted(data["admin_units"], key=len, reverse=True)) + r")\b")
    abbr = data["abbreviations"]
    data["abbr_re"] = regex.compile(r"(?<![\w&])(" + "|".join(map(regex.escape, sorted(abbr, key=len, reverse=True))) + r")(?![\w&])")
    return data


@lru_cache(maxsize=1)
def _nlp():
    import spacy
    # use_pyvi=false: pyvi is not installed, and its word segmentation would cut
    # "45/2012/NĐ-CP" apart; our tokens are given to the pipeline as they are
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([{"label": "ORG", "pattern": _canon(n).lower(), "id": n} for n in gazetteer()["names"]])
    return nlp


def _canon(text: str) -> str:
    return " ".join(m.group(0) for m in _TOKEN.finditer(modern_tones(text)))


def expand(text: str) -> str:
    """UBND → Ủy ban nhân dân, HĐND → Hội đồng nhân dân, & → và, modern tones."""
    g = gazetteer()
    text = g["abbr_re"].sub(lambda m: g["abbreviations"][m.group(1)], modern_tones(clean(text)))
    return _AMPERSAND.sub(" và ", text)


@dataclass
class _Tok:
    text: str
    start: int
    end: int


@dataclass
class Mention:
    name: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_title(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or (len(word) > 1 and word.isupper() and word.isalpha())


class _Scanner:
    def __init__(self, text: str):
        from spacy.tokens import Doc
        self.text = text
        self.toks = _tokens(text)
        nlp = _nlp()
        doc = Doc(nlp.vocab, words=[t.text for t in self.toks] or [""])
        doc = nlp.get_pipe("entity_ruler")(doc)
        self.ents = {e.start: (e.end, e.ent_id_) for e in doc.ents} if self.toks else {}
        self.g = gazetteer()

    def rest(self, i: int) -> str:
        return self.text[self.toks[i].start:] if i < len(self.toks) else ""

    def _admin(self, i: int) -> int:
        """Index after an administrative unit word at i, or i."""
        m = self.g["admin_re"].match(self.rest(i))
        if not m:
            return i
        end = self.toks[i].start + m.end()
        while i < len(self.toks) and self.toks[i].start < end:
            i += 1
        return i

    def _proper(self, i: int) -> int:
        """Index after a proper name ("Bình Dương", "Việt Nam - Singapore")."""
        j = i
        while j < len(self.toks) and _is_title(self.toks[j].text) and not self.g["head_re"].match(self.rest(j)):
            j += 1
            if j + 1 < len(self.toks) and self.toks[j].text == "-" and _is_title(self.toks[j + 1].text) and j > i:
                j += 1
        return j

    def _qualifier(self, i: int, name: str) -> int:
        if name.endswith("Ủy ban nhân dân") and i < len(self.toks) and self.toks[i].text.lower() == "các":
            j = self._admin(i + 1)
            if j == i + 1:
                return i
            while j < len(self.toks) and self.toks[j].text in (",", "và") and self._admin(j + 1) > j + 1:
                j = self._admin(j + 1)
            return j
        if i < len(self.toks) and self.toks[i].text.lower() == "cấp" and self._admin(i + 1) > i + 1:
            return self._admin(i + 1)  # "Ủy ban nhân dân cấp xã"
        j = self._admin(i)
        return self._proper(j)

    def _stop(self, i: int) -> bool:
        t = self.toks[i].text
        if t in (",", ";", ":", "(", ")", ".", "/") or self.g["role_re"].match(self.rest(i)):
            return True
        return t == "và" and i + 1 < len(self.toks) and (
            self.toks[i + 1].text.lower() == "các" or self.g["head_re"].match(self.rest(i + 1)) is not None)

    def name_at(self, i: int) -> tuple[str, int] | None:
        """(name, index after it) of a body starting at token i."""
        if i in self.ents:
            end, canon = self.ents[i]
            q = self._qualifier(end, canon)
            tail = self.text[self.toks[end].start:self.toks[q - 1].end] if q > end else ""
            return (f"{canon} {tail}".strip(), q)
        m = self.g["head_re"].match(self.rest(i))
        if not m or not self.toks[i].text[:1].isupper():
            return None
        j = i
        while j < len(self.toks) and self.toks[j].start < self.toks[i].start + m.end():
            j += 1
        if j >= len(self.toks) or not _is_title(self.toks[j].text):
            return None  # "Sở, ngành", "Ban ngành": a class of bodies, not one body
        k = j
        while k < len(self.toks) and not self._stop(k):
            k += 1
        if k == j:
            return None
        return (self.text[self.toks[i].start:self.toks[k - 1].end], k)

    def shared_head(self, i: int) -> tuple[list[Mention], int] | None:
        """'Các Sở: Tài nguyên và Môi trường, Khoa học và Công nghệ' → two Sở."""
        if i + 1 >= len(self.toks) or self.toks[i].text.lower() != "các":
            return None
        head = self.toks[i + 1].text
        pool = {"Sở": self.g["departments"], "Phòng": self.g["offices"]}.get(head.capitalize())
        if pool is None:
            return None
        j = i + 2
        if j < len(self.toks) and self.toks[j].text == ":":
            j += 1
        found: list[Mention] = []
        by_len = sorted(pool, key=len, reverse=True)
        while j < len(self.toks):
            rest = _canon(self.rest(j)).lower()
            hit = next((p for p in by_len if rest.startswith(_canon(p).lower()) and
                        not _WORD_CHAR.match(rest[len(_canon(p)):len(_canon(p)) + 1])), None)
            if hit is None:
                break
            n = len(_tokens(_canon(hit)))
            found.append(Mention(f"{head.capitalize()} {hit}", self.toks[j].start, self.toks[j + n - 1].end))
            j += n
            if j < len(self.toks) and self.toks[j].text in (",", "và") and j + 1 < len(self.toks):
                j += 1
            else:
                break
        return (found, j) if found else None

    def mentions(self, leading_only: bool) -> list[Mention]:
        """Bodies named in the text; with ``leading_only``, only the run of
        names that opens it (the subject of an item)."""
        out: list[Mention] = []
        i = 0
        while i < len(self.toks):
            shared = self.shared_head(i)
            if shared:
                out.extend(shared[0])
                i = shared[1]
                continue
            got = self.name_at(i)
            if got:
                name, j = got
                listed = self.unit_list(name, j)
                if listed:
                    out.extend(listed[0])
                    i = listed[1]
                    continue
                out.append(Mention(name, self.toks[i].start, self.toks[j - 1].end))
                i = j
                continue
            if leading_only and out == [] and self.toks[i].text[:1].islower():
                # "Các sở, ngành có liên quan; Ủy ban nhân dân các xã, phường": a class of bodies first
                semi = next((k for k in range(i, min(len(self.toks), i + 12)) if self.toks[k].text == ";"), None)
                if semi is not None:
                    i = semi + 1
                    continue
            if leading_only and not (self.toks[i].text in (",", ";", "và", "-") or
                                     (self.toks[i].text.lower() == "các" and out == [])):
                break
            i += 1
        return out

    def unit_list(self, name: str, j: int) -> tuple[list[Mention], int] | None:
        """"Ủy ban nhân dân các xã: Gia Thuận, Tân Điền và Tân Phú Đông" → one
        body a commune, "Ủy ban nhân dân xã Gia Thuận", …"""
        m = _COMMITTEES_OF_UNITS.match(name)
        if not m or j >= len(self.toks) or self.toks[j].text != ":":
            return None
        found: list[Mention] = []
        k = j + 1
        while k < len(self.toks):
            end = self._proper(k)
            if end == k:
                break
            place = self.text[self.toks[k].start:self.toks[end - 1].end]
            found.append(Mention(f"{m.group(1)} {m.group(2)} {place}", self.toks[k].start, self.toks[end - 1].end))
            k = end
            if k < len(self.toks) and self.toks[k].text in (",", "và"):
                k += 1
            else:
                break
        return (found, k) if found else None


_HEAD_CHARS = 320  # the subject of an item is near its start: the names are matched there first


def leading_mentions(text: str) -> list[Mention]:
    """The run of names opening ``text``. Items run to hundreds of words and
    the matcher's cost grows with them, so the opening is scanned first, and
    the whole text only when the run of names reaches the cut."""
    if len(text) > _HEAD_CHARS:
        found = _Scanner(text[:_HEAD_CHARS]).mentions(leading_only=True)
        if not found or found[-1].end < _HEAD_CHARS - 120:
            return found
    return _Scanner(text).mentions(leading_only=True)


def find_bodies(text: str, leading_only: bool = False) -> list[Mention]:
    text = expand(text)
    if not text:
        return []
    return _Scanner(text).mentions(leading_only)
