"""meta: type, number, date, issuer, title, signer, period and legal bases."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import regex

from ..lang.numbers import parse_date
from ..lang.patterns import rx
from ..lang.text import clean
from ..models.record import Issue, Meta, Period, Signer
from .legal_bases import legal_bases, normalise_number  # noqa: F401  (normalise_number: API)
from .legal_bases import normalisation_issues as basis_issues
from .lines import Line

DOC_CODES = {"QĐ": "Quyết định", "KH": "Kế hoạch", "CTr": "Chương trình", "CTR": "Chương trình",
             "NQ": "Nghị quyết", "CT": "Chỉ thị", "TB": "Thông báo", "CV": "Công văn", "HD": "Hướng dẫn"}
DOC_TYPES = ["Thông tư liên tịch", "Nghị quyết liên tịch", "Nghị định", "Quyết định", "Thông tư", "Nghị quyết",
             "Chỉ thị", "Kế hoạch", "Chương trình", "Công văn", "Pháp lệnh", "Hiến pháp", "Luật", "Thông báo", "Hướng dẫn"]
_TYPE_ALT = "|".join(DOC_TYPES)
_NUMBER = regex.compile(r"\b\d{1,5}\s*/\s*(?:\d{4}\s*/\s*)?[\p{Lu}Đ][\p{L}\d]*(?:\s*[-/]\s*[\p{Lu}Đ][\p{L}\d]*)*")
_ISSUER_SHORT = regex.compile(r"\bUBND\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+((?:\p{Lu}[\p{Ll}]*\s?){1,4})")
_PLACE_DATE = regex.compile(r"^([\p{L} .\-]{2,40}),\s*ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}")


@lru_cache(maxsize=1)
def localities() -> dict:
    return json.loads((Path(__file__).parent / "data" / "localities.json").read_text(encoding="utf-8"))


def _title_place(name: str) -> str:
    name = clean(name).strip(" -")
    words = name.split()
    return " ".join(w if w == "-" else w[:1].upper() + w[1:].lower() for w in words)


def extract_meta(lines: list[Line], sections) -> Meta:
    texts = [l.text for l in lines]
    head = texts[:60]
    meta = Meta()
    # number
    for t in head:
        m = rx(r"^Số\s*:?\s*(.+)$").match(t)
        if m and _NUMBER.search(m.group(1)):
            meta.number = rx(r"\s+").sub("", _NUMBER.search(m.group(1)).group(0))
            break
    kem = next((t for t in texts if rx(r"^\(?\s*(Ban hành )?[Kk]èm theo").match(t)), None)
    if meta.number is None and kem:
        m = _NUMBER.search(kem)
        if m:
            meta.number = rx(r"\s+").sub("", m.group(0))
    if meta.number:
        code = rx(r"/(?:\d{4}/)?([\p{Lu}Đ]+)").search(meta.number)
        if code:
            meta.doc_type = DOC_CODES.get(code.group(1))
    # issued date and place
    for t in head:
        m = _PLACE_DATE.match(t.strip("*_ "))
        if m:
            meta.issued_date = parse_date(t)
            break
    if meta.issued_date is None and kem:
        meta.issued_date = parse_date(kem)
    # doc type line and title
    title_start = None
    for i, t in enumerate(head):
        m = rx(rf"^({_TYPE_ALT})\s*$", regex.I).match(t)
        if m and t.isupper():
            if meta.doc_type is None:
                meta.doc_type = next(d for d in DOC_TYPES if d.lower() == t.strip().lower())
            title_start = i + 1
            break
    if title_start is not None:
        parts = []
        for t in texts[title_start:title_start + 6]:
            if rx(r"^(Căn cứ|Thực hiện|Xét|\(|ỦY BAN|UỶ BAN|CHỦ TỊCH|HỘI ĐỒNG|Số\b)").match(t) or len(t) > 250:
                break
            parts.append(t.strip("*_ "))
        title = " ".join(parts).strip()
        if title:
            if title.isupper():
                title = title[:1] + title[1:].lower()
            meta.title = title
    # issuer
    cand = None
    for i, t in enumerate(head):
        if rx(r"^(ỦY|UỶ) BAN NHÂN DÂN", regex.I).match(t):
            rest = t[len("ỦY BAN NHÂN DÂN"):].strip()
            if not rest and i + 1 < len(head) and rx(r"^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)\b", regex.I).match(head[i + 1]):
                rest = head[i + 1]
            mm = rx(r"^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\s+(.+)$", regex.I).match(rest.strip("*_ -"))
            if mm:
                cand = (mm.group(1).lower(), _title_place(mm.group(2)))
                break
    if cand is None:
        body = " ".join(texts[:200])
        mm = _ISSUER_SHORT.search(body) or rx(r"(?:Ủy|Uỷ) ban nhân dân\s+(tỉnh|thành phố|huyện|quận|thị xã)\s+((?:\p{Lu}[\p{Ll}]*\s?){1,4})").search(body)
        if mm:
            cand = (mm.group(1).lower(), _title_place(mm.group(2)))
    if cand:
        unit, place = cand
        meta.issuer = f"Ủy ban nhân dân {unit} {place}"
        meta.locality = place
        if unit == "tỉnh" or (unit == "thành phố" and place in localities()["central_cities"]):
            meta.issuer_level = "province"
        elif unit in ("xã", "phường", "thị trấn"):
            meta.issuer_level = "commune"
        else:
            meta.issuer_level = "district"
    meta.signer = _signer(texts)
    meta.period = _period(meta.title or "")
    meta.legal_bases = legal_bases(texts)
    return meta


def _signer(texts: list[str]) -> Signer | None:
    for i, t in enumerate(texts):
        if rx(r"(KT\.|TM\.)\s*(CHỦ TỊCH|ỦY BAN|UBND)").search(t) or rx(r"^(PHÓ )?CHỦ TỊCH$").match(t):
            position = None
            j = i
            while j < min(len(texts), i + 8):
                tj = texts[j]
                if rx(r"PHÓ CHỦ TỊCH").search(tj):
                    position = "Phó Chủ tịch"
                elif position is None and rx(r"(?<!KT\.\s?)CHỦ TỊCH\s*$").search(tj) and not rx(r"KT\.\s*CHỦ TỊCH\s*$").search(tj):
                    position = "Chủ tịch"
                name = rx(r"^(Đã ký|\(Đã ký\))\s*:?\s*").sub("", tj).strip()
                if j > i and rx(r"(\p{Lu}\p{Ll}+\s){1,4}\p{Lu}\p{Ll}+").fullmatch(name):
                    return Signer(name=name, position=position)
                j += 1
            break
    return None


def _period(title: str) -> Period | None:
    m = rx(r"(?:giai đoạn|thời kỳ)\s*(\d{4})\s*[-–]\s*(\d{4})", regex.I).search(title)
    if m:
        return Period(int(m.group(1)), int(m.group(2)))
    m = rx(r"(\d{4})\s*[-–]\s*(\d{4})").search(title)
    if m:
        return Period(int(m.group(1)), int(m.group(2)))
    m = rx(r"đến năm\s*(\d{4})", regex.I).search(title)
    if m:
        return Period(None, int(m.group(1)))
    m = rx(r"năm\s*(\d{4})", regex.I).search(title)
    if m:
        return Period(int(m.group(1)), int(m.group(1)))
    return None


def normalisation_issues(meta: Meta) -> list[Issue]:
    """A legal basis whose number was normalised, with the number as printed."""
    return basis_issues(meta.legal_bases)
