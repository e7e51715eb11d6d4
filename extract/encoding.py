"""Decode bytes of Vietnamese text whatever the encoding, always to NFC.

Byte-level detectors find Windows-1258 but not the font encodings Vietnamese
offices used before Unicode (TCVN3/ABC, VNI-Windows, VISCII), because those
are valid single-byte text in any 8-bit code page. So every candidate is
decoded and judged on content: the share of accented words that are valid
Vietnamese syllables. The right decoding scores near 1, the wrong ones low.
"""
from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

from ..lang.syllables import TONES, viet_score
from ..models.errors import ExtractError

_HERE = Path(__file__).parent
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _load_table(name: str) -> dict[int, str]:
    table = {}
    for line in (_HERE / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        byte, char, _ = line.split("\t")
        table[int(byte, 16)] = char
    return table


@lru_cache(maxsize=None)
def _charmap(name: str) -> str:
    """A 256-char decoding table: Windows-1252 below, the font encoding over it."""
    base = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]
    for b, c in _load_table(name).items():
        base[b] = c
    return "".join(base)


def decode_tcvn3(data: bytes) -> str:
    return unicodedata.normalize("NFC", codecs.charmap_decode(data, "strict", _charmap("tcvn3.tsv"))[0])


def decode_viscii(data: bytes) -> str:
    table = _charmap("viscii.tsv")
    # VISCII puts six capitals in the C0 range; keep tab, newline and carriage return.
    table = "".join(chr(i) if i in (9, 10, 13) else c for i, c in enumerate(table))
    return unicodedata.normalize("NFC", codecs.charmap_decode(data, "strict", table)[0])


# VNI-Windows writes a letter as its base plus modifier glyphs of the VNI fonts,
# stored as Windows-1252 bytes. The table is built from the scheme, not listed.
_VNI_TONE_PLAIN = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_TONE_HAT = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_TONE_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


@lru_cache(maxsize=1)
def _vni_table() -> dict[str, str]:
    out: dict[str, str] = {}

    def add(vni: str, uni: str) -> None:
        out[vni] = unicodedata.normalize("NFC", uni)
        up_vni = vni[0].upper() + vni[1:].upper() if len(vni) > 1 else vni.upper()
        out.setdefault(up_vni, unicodedata.normalize("NFC", uni.upper()))

    for v in "aeouy":
        for mark, glyph in _VNI_TONE_PLAIN.items():
            add(v + glyph, v + mark)
    for v in "aeo":
        for mark, glyph in _VNI_TONE_HAT.items():
            add(v + glyph, v + "\u0302" + mark)
    for mark, glyph in _VNI_TONE_BREVE.items():
        add("a" + glyph, "a\u0306" + mark)
    for base, uni in (("ô", "ơ"), ("ö", "ư")):
        add(base, uni)
        for mark, glyph in _VNI_TONE_PLAIN.items():
            add(base + glyph, uni + mark)
    for mark, glyph in _VNI_I.items():
        add(glyph, "i" + mark)
    add("î", "ỵ")
    out["ỵ".upper()] = "Ỵ"
    add("ñ", "đ")
    out["Ñ"] = "Đ"
    out["Î"] = "Ỵ"
    return out


@lru_cache(maxsize=1)
def _vni_pattern():
    keys = sorted(_vni_table(), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(k) for k in keys))


def decode_vni(data: bytes) -> str:
    text = codecs.charmap_decode(data, "strict", _charmap_plain())[0]
    table = _vni_table()
    return unicodedata.normalize("NFC", _vni_pattern().sub(lambda m: table[m.group(0)], text))


@lru_cache(maxsize=1)
def _charmap_plain() -> str:
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


def encode_vni(text: str) -> bytes:
    """Unicode → VNI-Windows bytes (used by tests and by users converting back)."""
    reverse = {v: k for k, v in _vni_table().items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append(reverse.get(ch, ch))
    return "".join(out).encode("cp1252")


def encode_tcvn3(text: str) -> bytes:
    """Unicode → TCVN3 bytes. VN3 has no toned capitals: they are written lower-case,
    as the .VnTimeH fonts did."""
    table = _load_table("tcvn3.tsv")
    reverse = {c: b for b, c in table.items() if len(c) == 1 and unicodedata.category(c) != "Mn"}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse and ch != ch.lower():
            out.append(reverse[ch.lower()])
        else:
            out += ch.encode("cp1252")
    return bytes(out)


_LEGACY = {
    "cp1258": lambda b: unicodedata.normalize("NFC", b.decode("cp1258")),
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
    "viscii": decode_viscii,
}


def _is_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL.findall(text[:100_000]))
    return controls / min(len(text), 100_000) > 0.01


def decode_text(data: bytes, path="<bytes>") -> tuple[str, str]:
    """Return (NFC text, encoding name). Raises ExtractError for what is not text."""
    if not data.strip():
        raise ExtractError(path, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ExtractError(path, "broken UTF-16 text") from None
    elif _looks_utf16_without_bom(data):
        le = data[1::2].count(0) > data[0::2].count(0)
        text, enc = data.decode("utf-16-le" if le else "utf-16-be", errors="replace"), "utf-16"
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = _best_legacy(data, path)
    if _is_binary(text):
        raise ExtractError(path, "not a text file (binary content)")
    text = unicodedata.normalize("NFC", text)
    if enc in ("utf-8", "utf-8-sig") and viet_score(text) < 0.5:
        # UTF-8 read of a legacy file that happened to be valid UTF-8 is rare but
        # possible; a legacy decoding that reads as Vietnamese wins.
        try:
            alt, alt_enc = _best_legacy(data, path)
            if viet_score(alt) > 0.9:
                return alt, alt_enc
        except ExtractError:
            pass
    return text, enc


def _looks_utf16_without_bom(data: bytes) -> bool:
    head = data[:4000]
    return len(head) >= 4 and head.count(0) > len(head) * 0.3


def _best_legacy(data: bytes, path) -> tuple[str, str]:
    best = (-1.0, "", "")
    for name, decode in _LEGACY.items():
        try:
            text = decode(data)
        except (UnicodeDecodeError, ValueError):
            continue
        score = viet_score(text)
        if score > best[0]:
            best = (score, text, name)
    score, text, name = best
    if score < 0.8:
        raise ExtractError(path, f"unknown text encoding (not UTF-8/16, cp1258, TCVN3, VNI or VISCII; best guess {name} at {score:.0%})")
    return text, name


def encode_cp1258(text: str) -> bytes:
    """Unicode → Windows-1258 as Word wrote it: base letters (with their hat, breve
    or horn) precomposed where the code page has them, tones as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        out.append((base + tone).encode("cp1258", errors="replace"))
    return b"".join(out)
