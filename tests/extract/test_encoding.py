"""Every encoding an office file may come in decodes to the UTF-8 original."""
from __future__ import annotations

import unicodedata

import pytest
from vnlegal.extract.encoding import (
    decode_text,
    encode_cp1258,
    encode_tcvn3,
    encode_vni,
)
from vnlegal.extract.txt import read_txt
from vnlegal.lang.syllables import is_syllable
from vnlegal.models.errors import ExtractError

from tests.conftest import CORPUS, STEMS, similarity

ENCODERS = {
    "utf-16": lambda s: s.encode("utf-16"),
    "cp1258": encode_cp1258,
    "tcvn3": encode_tcvn3,
    "vni": encode_vni,
    "utf-8": lambda s: unicodedata.normalize("NFD", s).encode("utf-8"),  # NFD copy
    "utf-8-sig": lambda s: s.encode("utf-8-sig"),
}


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("encoding", list(ENCODERS))
def test_legacy_copies_read_back(tmp_path, stem, encoding):
    original = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8").replace("\u00d0", "Đ")
    path = tmp_path / f"{stem}.txt"
    path.write_bytes(ENCODERS[encoding](original))
    doc = read_txt(path)
    assert doc.source.encoding == encoding
    text = doc.text()
    assert unicodedata.is_normalized("NFC", text)
    assert similarity(text, original) >= 0.98


def test_nfd_text_comes_out_nfc():
    text, enc = decode_text(unicodedata.normalize("NFD", "Quyết định số 5768/QĐ-UBND").encode())
    assert text == "Quyết định số 5768/QĐ-UBND"


def test_vni_known_bytes():
    # "Quyết định" as VNI-Windows writes it: base letters plus modifier glyphs
    assert decode_text("Quyeát ñònh cuûa UÛy ban nhaân daân tænh".encode("cp1252"))[0] == "Quyết định của Ủy ban nhân dân tỉnh"


def test_tcvn3_known_bytes():
    # TCVN3 (ABC): "Ủy ban nhân dân tỉnh Hưng Yên", capitals with tones written lower-case
    data = bytes([0xF1]) + b"y ban nh" + bytes([0xA9]) + b"n d" + bytes([0xA9]) + b"n t" + bytes([0xD8]) + b"nh H" + bytes([0xAD]) + b"ng Y" + bytes([0xAA]) + b"n"
    text, enc = decode_text(data + b" " + data)
    assert enc == "tcvn3"
    assert text.startswith("ủy ban nhân dân tỉnh Hưng Yên")


def test_unknown_encoding_is_an_error():
    russian = ("Постановление правительства о бюджете на следующий год " * 20).encode("koi8-r")
    with pytest.raises(ExtractError, match="unknown text encoding"):
        decode_text(russian, "x.txt")


def test_binary_is_not_text():
    with pytest.raises(ExtractError):
        decode_text(bytes(range(256)) * 50, "x.txt")


def test_syllables():
    assert is_syllable("nghiêng") and is_syllable("Quyết") and is_syllable("người")
    assert not is_syllable("lượ") and not is_syllable("Quyeát") and not is_syllable("ñònh")
