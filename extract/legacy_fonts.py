"""Text set in a pre-Unicode Vietnamese font, found inside Word, PDF and HTML
files, decoded to Unicode.

Before 2001 (and in many offices long after) Vietnamese was typed in fonts
that drew Vietnamese letters at the places of Western ones: the .VnTime
family (TCVN3/ABC) and VNI-Times (VNI-Windows). The file stores Western
characters, so "Quyết định" comes out of a .doc, its PDF or an old portal
page as "QuyÕt ®Þnh". The TXT reader decodes such bytes already
(encoding.py); the other formats hand over text, so here the text is turned
back into the bytes the font drew (Windows-1252) and decoded like a TXT.

The decision is made on content, as for TXT: the whole document's text is
tried in each font encoding and the one that reads as Vietnamese (valid
syllables) wins; each block is then decoded only when that makes it read
better, so Unicode passages of a mixed document stay as they are ("Không"
is never made "Khụng"). A document
typed in Unicode is recognised at once by its Vietnamese letters that no
Western code page has (ă, đ, ơ, ư, ạ, …) and left alone.
"""
from __future__ import annotations

import unicodedata

import regex

from ..lang.syllables import ACCENTED_WORD, is_syllable
from ..models.document import Document, ReadingNote
from .encoding import decode_tcvn3, decode_vni

# letters of Unicode Vietnamese outside every Western code page
_UNICODE_VIETNAMESE = regex.compile(r"[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")
_HIGH = regex.compile(r"[\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
# the letters legacy fonts drew Đ and đ at (TCVN3 §, ®; VNI Ñ, ñ), touching a
# letter: "Q§-UBND", "®Þnh", "QÑ": no Unicode Vietnamese word has them
_FONT_D = regex.compile(r"\p{L}[§®Ññ]|[§®Ññ]\p{L}")
_DECODERS = {"tcvn3": decode_tcvn3, "vni": decode_vni}


def as_font_bytes(text: str) -> bytes | None:
    """The bytes a legacy font drew as ``text`` (Windows-1252; the C1 range as
    itself, as Word keeps it), or None when the text holds other characters."""
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                out.append(ord(ch))
            else:
                return None
    return bytes(out)


def _valid_syllables(text: str) -> int:
    return sum(1 for w in ACCENTED_WORD.findall(text) if is_syllable(w))


_TONES = regex.compile("[\u0300\u0301\u0303\u0309\u0323]")


def _reading(text: str) -> int:
    """Valid accented syllables less invalid ones: how well ``text`` reads.
    Abbreviations in capitals without a tone (QĐ, HĐND) are no syllables and
    are not counted against the text."""
    words = [w for w in ACCENTED_WORD.findall(text)
             if not (w.isupper() and not _TONES.search(unicodedata.normalize("NFD", w)))]
    valid = sum(1 for w in words if is_syllable(w))
    return 2 * valid - len(words)


def _texts(doc: Document):
    """(getter, setter) of every text of the document: block texts and table cells."""
    for b in doc.blocks:
        if b.text:
            yield b, None, None
        if b.table is not None:
            for r, row in enumerate(b.table.rows):
                for c, cell in enumerate(row):
                    if cell:
                        yield b, r, c


def _get(b, r, c) -> str:
    return b.text if r is None else b.table.rows[r][c]


def _set(b, r, c, value: str) -> None:
    if r is None:
        b.text = value
    else:
        b.table.rows[r][c] = value


def decode_legacy_fonts(doc: Document) -> Document:
    """Decode, in place, the passages of ``doc`` typed in a legacy font; a
    reading note says which encoding was found."""
    # a passage with a Vietnamese letter no Western code page has is Unicode
    places = [p for p in _texts(doc) if _HIGH.search(_get(*p)) and not _UNICODE_VIETNAMESE.search(_get(*p))]
    candidates = [(p, as_font_bytes(_get(*p))) for p in places]
    candidates = [(p, raw) for p, raw in candidates if raw is not None and any(b >= 0x80 for b in raw)]
    if not candidates:
        return doc
    sample = b"\n".join(raw for _, raw in candidates)
    before = _valid_syllables("\n".join(_get(*p) for p, _ in candidates))
    best, best_valid = None, 0
    for name, decode in _DECODERS.items():
        valid = _valid_syllables(decode(sample))
        if valid > best_valid:
            best, best_valid = name, valid
    # a clear win only: many more real syllables than the text as given had
    if best is None or best_valid < max(10, 3 * before):
        return doc
    decode = _DECODERS[best]
    changed = 0
    for p, raw in candidates:
        text = _get(*p)
        decoded = decode(raw)
        # decoded when that reads better; a tie ("Không"/"Khụng", "Sè"/"Số")
        # keeps the text, unless a font's Đ/đ sits in a word ("Q§-UBND")
        gain = _reading(decoded) - _reading(text)
        if gain > 0 or (gain == 0 and _FONT_D.search(text)):
            _set(*p, decoded)
            changed += 1
    if changed:
        font = {"tcvn3": "TCVN3 (.VnTime)", "vni": "VNI-Windows (VNI-Times)"}[best]
        doc.notes.append(ReadingNote(code="read.legacy_font",
                                     detail=f"{changed} passages typed in a pre-Unicode {font} font, decoded to Unicode"))
    return doc
