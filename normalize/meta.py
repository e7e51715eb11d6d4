"""meta: what the header, the title block and the signature say of a decision.

Every Vietnamese administrative document has the layout of Decree 30/2020/NĐ-CP
(before it Circular 01/2011/TT-BNV): the issuing body (under its superior) and
the national motto side by side, then số và ký hiệu beside địa danh và ngày
tháng, then tên loại (QUYẾT ĐỊNH, KẾ HOẠCH, …) and trích yếu, the "Căn cứ"
lines, the body, and the closing block: receivers ("Nơi nhận") beside the
signer's authority (TM./KT./Q.), position and name. The readers give these as
logical lines in reading order (left column, then right); this module finds
each part by what it says, wherever the layout put it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..lang.markers import RECEIVERS
from ..lang.numbers import parse_date
from ..lang.patterns import rx
from ..lang.syllables import is_syllable
from ..lang.text import clean, fold, fold_chars
from ..models.record import Issue, Meta, Period, Signer
from .legal_bases import NUMBER, TYPE_CODE, legal_bases, normalise_number  # noqa: F401  (normalise_number: API)
from .legal_bases import normalisation_issues as basis_issues
from .lines import Line
from .places import MERGER_DATE, exists_on, is_central_city, locate, province_named, province_today, unit_of
from .reconcile import GAZETTEER, HEADER_DATE, HEADER_ISSUER, HEADER_NUMBER, ISSUED_DATE, PLACE_DATE_LINE
from .vocabulary import doc_types, load, type_by_code

# "Số: 2858/QĐ-UBND", "Só: 16 /2026/QĐ-UBND", "Số 20/2014/QĐ.UB": the document's own number is
# written as those it cites (legal_bases.NUMBER)
OWN_NUMBER = NUMBER
NUMBER_LABEL = regex.compile(r"^S[ốóôo0]\s*[:.]?\s*", regex.I)
# "Đồng Tháp, ngày 19 tháng 11 năm 2025", "Hà Nội, ngày 10/6/2025"
PLACE_DATE = regex.compile(r"(?:^|\s)([\p{L} .\-]{2,40}),\s*ngày\b", regex.I)
# the attached plan repeats its parent's number and date: "(Kèm theo Quyết định số 12/QĐ-UBND ngày …)"
ATTACHED = regex.compile(r"^\(?\s*(?:Ban hành\s+)?(?:kèm|km) theo", regex.I)
# a label line under the title ("Địa điểm: …", "Chủ đầu tư: …") belongs to the body
LABEL = regex.compile(r"^\p{Lu}[\p{Ll} ]{2,25}:\s")
MOTTO = regex.compile(r"CONG\s*HOA\s*XA\s*HOI|DOC\s*LAP\s*-?\s*TU\s*DO")
# what ends the title block
TITLE_END = regex.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|Xét|Theo đề nghị|\(|Điều\s+\d|Chương\s+[IVX\d]|Phần\s+[IVX\d]|[IVX]+\.\s|Số\b)")
# "UBND tỉnh Hưng Yên", "Ủy ban nhân dân huyện Mê Linh" in the body of a plan without a header
ISSUER_IN_TEXT = regex.compile(
    r"\b(?:UBND|(?:Ủy|Uỷ) ban nhân dân)\s+(?:tỉnh|thành phố|huyện|quận|thị xã)\s+(?:\p{Lu}\p{Ll}*\s?){1,4}")
AUTHORITY = regex.compile(r"^(?:(?:KT|TM|Q|TL|TUQ)\s*\.)")
# all but the plain letters of a folded line: a type line is known by its letters alone, so that a
# scan's "QUY ÉT ĐỊNH" is "quyetdinh" as "QUYẾT ĐỊNH" is
_NOT_PLAIN_LETTER = rx(r"[^a-z]")
# one letter, accented or not: a line is in capitals when its letters are ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
_LETTER = rx(r"\p{L}")


@lru_cache(maxsize=1)
def _issuers() -> dict:
    return load("issuers.json")


@lru_cache(maxsize=1)
def _type_names() -> dict[str, str]:
    """Issued types by their letters alone: a scan's "QUYÉT ĐỊNH" (or "QUY ÉT
    ĐỊNH", split as two syllables) is "QUYẾT ĐỊNH"."""
    return {_letters(t.name): t.name for t in doc_types() if t.issued}


def _letters(text: str) -> str:
    return _NOT_PLAIN_LETTER.sub("", fold(text).lower())


def _upper(text: str) -> bool:
    letters = _LETTER.findall(text)
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def extract_meta(lines: list[Line], sections=None) -> Meta:
    return read_meta(lines)[0]


def read_meta(lines: list[Line]) -> tuple[Meta, list[Issue]]:
    texts = [l.text for l in lines]
    meta = Meta()
    issues: list[Issue] = []
    type_at = _type_line_index(texts)
    header = texts[: type_at if type_at is not None else min(len(texts), 12)]
    attached = next((t for t in texts if ATTACHED.match(t)), None)
    meta.number = _number(header)
    if meta.number is None and attached:
        m = OWN_NUMBER.search(attached)
        if m:
            meta.number = normalise_number(m.group(0))
            issues.append(Issue(code="meta.number_from_attachment", where="meta.number", severity="info",
                                detail="the header's number is blank or cannot be read; taken from the attached "
                                       "document's reference to it", printed=clean(attached), value=meta.number,
                                checks=[HEADER_NUMBER]))
    if type_at is not None:
        meta.doc_type = _type_name(texts[type_at])
    elif meta.number:
        code = TYPE_CODE.match(meta.number)
        meta.doc_type = type_by_code().get(code.group(1).upper()) if code else None
    meta.issued_date = _date(header)
    if meta.issued_date is None and attached:
        date = parse_date(attached)
        if date:
            meta.issued_date = date
            issues.append(Issue(code="meta.date_from_attachment", where="meta.issued_date", severity="info",
                                detail="the header's date cannot be read; taken from the attached document's "
                                       "reference to it", printed=clean(attached), value=date,
                                checks=[HEADER_DATE]))
    issues += _unread_header(header, meta)
    if type_at is not None:
        meta.title = _title(texts, type_at)
    place_issues: list[Issue] = []
    _issuer(header, meta, place_issues)
    if meta.issuer is None:
        # no header (a plan published without it): the enacting body's line, then the body's own words
        _issuer([t for t in texts[:60] if _is_body_name(t)][:1], meta, place_issues)
    if meta.issuer is None:
        m = ISSUER_IN_TEXT.search(" ".join(texts[:200]))
        if m:
            _issuer([m.group(0).upper()], meta, place_issues)
    issues += place_issues + _place_line_issues(header, meta)
    meta.signer = signer(texts)
    meta.period = _period(meta.title or "", texts)
    meta.legal_bases = legal_bases(texts)
    return meta, issues


def _type_line_index(texts: list[str]) -> Optional[int]:
    """The tên loại line: a document type alone on its line, in capitals, near the top."""
    for i, t in enumerate(texts[:60]):
        if _upper(t) and len(t) < 40 and _letters(t) in _type_names():
            return i
    return None


def _type_name(line: str) -> str:
    return _type_names()[_letters(line)]


# "Số:" after the other column's words on a line a scan read across both columns:
# "SỞ Y TẾ Số: 851/KH-SYT" (the label opening a line is NUMBER_LABEL)
_NUMBER_LABEL_INSIDE = rx(r"(?<=\s)S[ốóô]\s*:\s*")


def _number_label(line: str):
    """The "Số:" label, opening the line or after the other column's words on it."""
    return NUMBER_LABEL.match(line) or _NUMBER_LABEL_INSIDE.search(line)


def _number(header: list[str]) -> Optional[str]:
    for i, t in enumerate(header):
        m = _number_label(t)
        if not m:
            continue
        rest = t[m.end():]
        if not rest.strip() and i + 1 < len(header):
            rest = header[i + 1]  # "Số:" and the number on the next line
        n = OWN_NUMBER.match(rest.strip())
        if n:
            return normalise_number(n.group(0))
        return None  # "Số: /QĐ-UBND": left blank for the signing system to fill
    return None


_NUMBER_SLOT = regex.compile(r"^(.*?)(/\s*[\p{Lu}Đ][\p{L}\d&-]*|[\p{Lu}Đ]{2,}[\p{L}\d&]*-[\p{Lu}Đ][\p{L}\d&-]*)")
_DATE_SLOT = regex.compile(r"(?i)ngày\s*(.{0,12}?)\s*tháng\s*(.{0,6}?)\s*năm\s*(\S{0,6})")
# the year alone before the type in the number's slot, "Số: /2026/QĐ-UBND": the serial is left blank
_YEAR_ONLY = rx(r"^/?\s*\d{4}\s*$")
# a letter or a figure: what is left in the number's slot is marks someone wrote ("Số: 1l5 /QĐ-UBND")
_LETTER_OR_DIGIT = rx(r"[\p{L}\d]")
# the date of the place-and-date line, "Đồng Tháp, ngày 19 tháng 11 năm 2025" or "ngày 19 …" opening its line
# (a sentence's "từ ngày …" is not it)
_PLACE_DATE_DAY = rx(r"(?i),\s*ngày\b|^ngày\b")
# a mark where the day is, "ngày 1O tháng 6", "ngày (đã ký) tháng": not blank; dots and dashes
# ("ngày ... tháng 11", "ngày      tháng") are left blank
_DAY_MARK = rx(r"[\p{L}\d\p{S}(\[]")


def _unread_header(header: list[str], meta: Meta) -> list[Issue]:
    """What the header holds where the number or the date should be, when it
    could not be read: blank (a copy before signing; on a scan, often a number
    written by hand that OCR cannot see) or unreadable marks. Said in
    ``issues``; the field stays null, never guessed."""
    out: list[Issue] = []
    if meta.number is None:
        for t in header:
            m = _number_label(t)
            if not m:
                continue
            rest = t[m.end():].strip()
            slot = _NUMBER_SLOT.match(rest)
            if slot is None:
                break
            # "Số: /2026/QĐ-UBND": the year printed, the number left blank
            marks = _YEAR_ONLY.sub("", slot.group(1).strip(" .:_-…")).strip(" /")
            printed = clean(t[m.start():m.end()] + rest[:slot.end()])
            if _LETTER_OR_DIGIT.search(marks):
                out.append(Issue(code="meta.number_unreadable", where="meta.number", severity="warning",
                                 detail=f"the number before {slot.group(2).strip()!r} reads {marks!r} (handwritten "
                                        "or illegible): left null", printed=printed, checks=[HEADER_NUMBER]))
            else:
                out.append(Issue(code="meta.number_blank", where="meta.number", severity="info",
                                 detail=f"no number before {slot.group(2).strip()!r} (left blank before signing, "
                                        "or written by hand on the paper copy): left null",
                                 printed=printed, checks=[HEADER_NUMBER]))
            break
    if meta.issued_date is None:
        for t in header:
            m = _DATE_SLOT.search(t)
            if m and _PLACE_DATE_DAY.search(t):
                # only dots, dashes or nothing where the day is: left blank (or written by hand)
                blank = not _DAY_MARK.search(m.group(1) or "")
                out.append(Issue(code="meta.date_blank" if blank else "meta.date_unreadable", where="meta.issued_date",
                                 severity="info" if blank else "warning",
                                 detail=("the day is left blank (before signing, or written by hand on the paper "
                                         "copy)" if blank else
                                         "the date cannot be read whole (a handwritten or illegible day or month)")
                                        + ": left null", printed=clean(m.group(0)), checks=[HEADER_DATE]))
                break
    return out


def _date(header: list[str]) -> Optional[str]:
    """The date of the place-and-date line ("Hà Nội, ngày 10 tháng 6 năm
    2025"), also when broken over two lines ("Đồng Tháp,\nngày 19 …")."""
    for i, t in enumerate(header):
        if not (_PLACE_DATE_DAY.search(t) or t.rstrip().endswith(",")):
            continue
        date = parse_date(t + " " + (header[i + 1] if i + 1 < len(header) else ""))
        if date:
            return date
    return None


# "Thực hiện Chỉ thị số 11-CT/TU …", "Triển khai công nghệ cao …": may be the trích yếu itself
_OPENING_VERB = rx(r"^(?:Thực hiện|Triển khai)\b")
# a line opening with a lower-case letter continues a sentence: "cảnh báo môi trường nuôi trồng thủy sản …"
_LOWER_START = rx(r"^\p{Ll}")


def _title(texts: list[str], type_at: int) -> Optional[str]:
    """The trích yếu: the lines under the tên loại up to the "Căn cứ" lines, the
    enacting body's line ("ỦY BAN NHÂN DÂN TỈNH …"), a label or the body."""
    parts: list[str] = []
    for t in texts[type_at + 1: type_at + 8]:
        # "Triển khai thực hiện Chỉ thị số 11-CT/TU …" may be the trích yếu itself: it ends a title, never starts one
        opening = parts or not _OPENING_VERB.match(t) or t.rstrip().endswith(":")
        if opening and TITLE_END.match(t) or LABEL.match(t) or _is_body_name(t) or ATTACHED.match(t) or len(t) > 400:
            break
        if parts and _upper(" ".join(parts)) and not _upper(t) and len(_LETTER.findall(t)) >= 4 \
                and not _LOWER_START.match(t):
            break  # a capitalised title, then the first sentence of the body
        parts.append(t.strip("*_ "))
    title = clean(" ".join(parts))
    return title or None


# an issuing body's name, folded to capitals without tones: "UY BAN NHAN DAN TINH LAO CAI", "SO Y TE",
# "BAN QUAN LY …"; "BAN HANH …" (to issue) opens a title instead
_BODY_NAME_FOLDED = rx(r"^(?:UY BAN NHAN DAN|HOI DONG NHAN DAN|CHU TICH\b|UBND|HDND|SO\s|BAN\s(?!HANH\b))")


def _is_body_name(text: str) -> bool:
    """An issuing body's name standing alone in capitals ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI")."""
    if not _upper(text):
        return False
    k = fold(text).upper()
    # "BAN HÀNH …" (to issue) opens a title, "BAN QUẢN LÝ …" names a body
    return bool(_BODY_NAME_FOLDED.match(k))


def _issuer(header: list[str], meta: Meta, issues: Optional[list[Issue]] = None) -> None:
    """Issuer, level and locality from the body's name in the header: the
    lowest body named, in the place of the one above it when it has none
    ("UBND THÀNH PHỐ HỒ CHÍ MINH" / "SỞ Y TẾ" → Sở Y tế Thành phố Hồ Chí Minh).
    The place is looked up in the gazetteer on the date of issue (``places``);
    what it does not know is no locality, and ``issues`` says so."""
    names = _header_bodies(header)
    if not names:
        return
    body, unit, place = None, None, None
    within = None  # the province of a body named above a district's or commune's ("UBND TỈNH …" / "UBND HUYỆN …")
    for name in names:
        b, u, pl = _parse_body(name)
        if b is None:
            continue
        if u is not None:
            if unit is not None and place is not None and _level(unit, _province(place)) == "province":
                within = _province(place)
            unit, place = u, pl
        body = b if b else body
        if u is None and unit is not None:
            body = b  # a department under the people's committee named above it
    if body is None:
        return
    if place is not None and unit is not None:
        known = _province(place)
        level = _level(unit, known)
        if level == "province" and known is None:
            return  # not a province: never emitted as one
        found = locate(level, unit, known or place, meta.issued_date, within)
        if found is not None and found.province_at_issue is None:
            # a district or commune name several provinces have: the province the place-and-date line names
            line = _place_line(header)
            if line and line[2]:
                found = locate(level, unit, known or place, meta.issued_date, line[2])
        place = found.name if found else place
        meta.issuer_level = level
        _locality(meta, level, unit, place, found, issues if issues is not None else [])
        meta.issuer = f"{body} {unit} {place}" if not body.startswith(("Sở", "Ban", "Văn phòng")) or body in ("Ban",) \
            else f"{body} {unit.capitalize() if unit == 'thành phố' else unit} {place}"
    else:
        meta.issuer = body


def _locality(meta: Meta, level: str, unit: str, printed: str, found, issues: list[Issue]) -> None:
    """The locality and its provinces then and now, or none, with the issues of
    a unit the gazetteer does not know or that did not exist on the date."""
    where = "meta.locality"
    if found is None:
        meta.locality = meta.province_at_issue = meta.province_today = None
        issues.append(Issue(code="meta.locality_unknown", where=where, severity="warning",
                            detail=f"the header names {unit} {printed}, which the gazetteer of administrative units "
                                   "does not know: no locality", printed=f"{unit} {printed}", value=None,
                            checks=[GAZETTEER]))
        return
    meta.locality, meta.province_at_issue, meta.province_today = found.name, found.province_at_issue, found.province_today
    date = meta.issued_date
    if level == "province" and not exists_on(found.name, date):
        issues.append(Issue(code="meta.province_not_on_map", where=where, severity="warning",
                            detail=f"{found.name} is not a province on the map in force on {date} (the 2025 merger "
                                   f"took effect on {MERGER_DATE}); today it is part of {found.province_today}",
                            printed=f"{unit} {printed}", value=found.name, checks=[GAZETTEER, ISSUED_DATE]))
    elif level == "district" and date is not None and date >= MERGER_DATE:
        issues.append(Issue(code="meta.district_after_merger", where=where, severity="warning",
                            detail=f"districts were abolished on {MERGER_DATE}, yet {unit} {found.name} issued this "
                                   f"on {date}", printed=f"{unit} {printed}", value=found.name,
                            checks=[GAZETTEER, ISSUED_DATE]))
    if found.province_at_issue is None:
        issues.append(Issue(code="meta.province_ambiguous", where="meta.province_at_issue", severity="info",
                            detail=f"several provinces have a {unit} {found.name} and the header names none of them",
                            printed=f"{unit} {printed}", value=None, checks=[GAZETTEER]))


def _place_line_issues(header: list[str], meta: Meta) -> list[Issue]:
    """The place of the place-and-date line against the issuer's province on
    the date of issue: another province, and no town of it, disagrees; since
    the 2025 merger an old province merged into the issuer's agrees ("Yên Bái,
    ngày …" of Lào Cai in 2026, not in 2016)."""
    if meta.province_at_issue is None:
        return []
    found = _place_line(header)
    if found is None:
        return []
    line, printed, other = found
    date = meta.issued_date
    if other is None or other == meta.province_at_issue or unit_of(meta.province_at_issue, printed, date):
        return []
    if (date is None or date >= MERGER_DATE) and province_today(other) == meta.province_today:
        return []  # the old name of a part of the merged province (or the date is unknown)
    return [Issue(code="meta.place_disagrees", where="meta.locality", severity="warning",
                  detail=f"the issuer is of {meta.province_at_issue} but the place-and-date line names "
                         f"{other}; the issuer's province is kept", printed=line, value=meta.province_at_issue,
                  checks=[HEADER_ISSUER, PLACE_DATE_LINE])]


# the unit word before a province's name on the place-and-date line: "Thành phố Hồ Chí Minh, ngày …",
# "TP. Cần Thơ, ngày …": the province is named without it
_PROVINCE_UNIT_WORD = rx(r"^(?:(?:Thành phố|Tỉnh|TP\.?)\s+)", regex.I)


def _place_line(header: list[str]) -> Optional[tuple[str, str, Optional[str]]]:
    """(the line, the place it names, the province that place is, if one) of
    the place-and-date line; the place is the last words before ", ngày"
    ("Số: 851/KH-SYT Thành phố Hồ Chí Minh, ngày …")."""
    for t in header:
        m = PLACE_DATE.search(t)
        if not m:
            continue
        words = clean(m.group(1)).split()
        for k in range(max(0, len(words) - 7), len(words)):
            printed = _PROVINCE_UNIT_WORD.sub("", " ".join(words[k:]))
            province = province_named(printed)
            if province:
                return clean(t), printed, province
        return clean(t), " ".join(words[-5:]), None
    return None


# the words of a body's name up to a scan's debris: "SỞ Y TẾ" of "SỞ Y TẾ +-—---..o", "ỦY BAN NHÂN DÂN" of
# "ỦY BAN NHÂN DÂN _"; a hyphen only between words ("BÀ RỊA - VŨNG TÀU")
_NAME_WORDS = rx(r"^(?:[\p{L}\d]+|-)(?:\s+(?:[\p{L}\d]+|-(?=\s+\p{L})))*")
# a body's abbreviation opening a header line not in capitals: "UBND tỉnh Đắk Lắk", "HĐND thành phố"
_BODY_ABBREVIATION = rx(r"^(?:UBND|HĐND)\b")
# a unit word opening a folded line, "tinh lao cai" of "TỈNH LÀO CAI": the second line of a body's name
_UNIT_WORD_FOLDED = rx(r"^(?:tinh|thanh\s+pho|huyen|quan|thi\s+xa|xa|phuong|thi\s+tran|dac\s+khu)\b")


def _header_bodies(header: list[str]) -> list[str]:
    """The lines of the header that name bodies, the motto cut away (a scan
    reads both columns onto one line), "ỦY BAN NHÂN DÂN" and "TỈNH …" joined."""
    out: list[str] = []
    for t in header:
        k = fold(t).upper()
        m = MOTTO.search(k)
        if m:
            t = t[: m.start()].strip()
        # the words of the name, up to a scan's debris ("ỦY BAN NHÂN DÂN _", "SỞ Y TẾ +-—---..o")
        words = _NAME_WORDS.match(t.strip())
        t = words.group(0).strip(" -") if words else ""
        if not t or NUMBER_LABEL.match(t) or PLACE_DATE.search(t) or not _upper(t) and not _BODY_ABBREVIATION.match(t):
            continue
        unit_only = _UNIT_WORD_FOLDED.match(fold(t).lower())
        if unit_only and out:
            out[-1] += " " + t
        else:
            out.append(t)
    return out


def _body_form(form: str) -> regex.Pattern:
    """A body's name or abbreviation of issuers.json opening a folded header line, its spaces any white
    space: "uy ban nhan dan" of "uy ban nhan dan tinh dong thap" (``rx`` keeps one per form)."""
    return rx(r"^" + regex.escape(fold_chars(form).lower()).replace("\\ ", r"\s+") + r"\b\s*")


def _parse_body(name: str) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """("Ủy ban nhân dân", "tỉnh", "Đồng Tháp") from "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP".
    Words are matched without tones (a scan's "THÀNH PHÓ" is "thành phố"); the
    place keeps its printed letters, one folded character per printed one."""
    t = clean(name).strip(" -*_")
    k = fold_chars(t).lower()
    for body in _issuers()["bodies"]:
        for form in [body["name"]] + body.get("abbr", []):
            m = _body_form(form).match(k)
            if not m:
                continue
            rest, rest_k = t[m.end():].strip(), k[m.end():].strip()
            full = body["name"]
            if body.get("field"):
                # "SỞ Y TẾ" → "Sở Y tế": a department's field, then maybe its place
                field, unit, place = _split_unit(rest, rest_k)
                field = _field(field)
                return (f"{full} {field}".strip() if field else full), unit, place
            unit, place = _split_unit(rest, rest_k, leading=True)[1:]
            if unit:
                return full, unit, place
            return (full, None, None) if not rest else (None, None, None)
    return None, None, None


@lru_cache(maxsize=2)
def _unit_split(leading: bool) -> regex.Pattern:
    """(words before, unit word, place) of a folded name, the unit words of issuers.json longest first:
    "y te tinh lao cai" → "y te", "tinh", "lao cai"; ``leading``: the unit opens it ("tinh dong thap")."""
    units = sorted((fold_chars(u["word"]).lower() for u in _issuers()["units"]), key=len, reverse=True)
    alt = "|".join(regex.escape(u).replace("\\ ", r"\s+") for u in units)
    return rx((r"^()" if leading else r"^(.*?)\s+") + rf"({alt})\s+(\S.*)$")


def _split_unit(rest: str, rest_k: str, leading: bool = False) -> tuple[str, Optional[str], Optional[str]]:
    """(what comes before the unit word, unit, place) of "Y TẾ TỈNH LÀO CAI"."""
    m = _unit_split(leading).match(rest_k)
    if not m:
        return rest, None, None
    return rest[: m.end(1)].strip(), _unit(rest[m.start(2): m.end(2)]), _place(rest[m.start(3):])


# a word of letters only: "TẾ" of "Y TẾ T-_--...o"; "T-_--...o" is debris
_LETTERS_ONLY = rx(r"^\p{L}+$")


def _field(text: str) -> str:
    """The field of a department, its OCR debris cut ("Y TẾ T-_--...o" → "Y tế")."""
    words = []
    for w in text.split():
        if not _LETTERS_ONLY.match(w) or not (is_syllable(w) or w.isupper() and len(w) <= 4):
            break
        words.append(w)
    return _sentence(" ".join(words))


def _unit(word: str) -> str:
    w = fold(word).lower()
    for u in _issuers()["units"]:
        if fold(u["word"]) == w:
            return u["word"]
    return word.lower()


def _sentence(text: str) -> str:
    """"Y TẾ" → "Y tế", "KHOA HỌC VÀ CÔNG NGHỆ" → "Khoa học và Công nghệ" (as departments are named)."""
    if any(c.islower() for c in text):
        return text
    words = text.lower().split()
    out = []
    for k, w in enumerate(words):
        out.append(w.capitalize() if k == 0 or (k > 0 and words[k - 1] == "và") else w)
    return " ".join(out)


def _place(name: str) -> Optional[str]:
    """A place name as printed, title-cased; None when it is no name (a sentence ran on)."""
    name = clean(name).strip(" -*_.,")
    words = name.split()
    if not words or len(words) > 5 or any(not (w == "-" or w[:1].isupper() or w[:1].isdigit()) for w in words):
        return None
    return " ".join(w if w == "-" or w.isdigit() else w[:1].upper() + w[1:].lower() for w in words)


def _province(place: str) -> Optional[str]:
    """The gazetteer's spelling of a province or city, matched without tones so
    that a scan's "HỖ CHÍ MINH" is "Hồ Chí Minh"; None when it is none."""
    return province_named(place)


def _level(unit: str, province: Optional[str]) -> str:
    for u in _issuers()["units"]:
        if u["word"] == unit:
            if unit == "thành phố" and province is not None and is_central_city(province):
                return u["central_level"]
            if unit == "thành phố" and province is not None:
                return "province"  # a province's name after "thành phố": a centrally-run city of another spelling
            return u["level"]
    return "district"


# the signer's position, the last one printed ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": Phó Chủ tịch)
def _positions() -> list[str]:
    return sorted(_issuers()["positions"], key=len, reverse=True)


# what may stand between the position and the name: "(Đã ký)", "Đã ký: Trần Thanh Liêm", "[Chữ ký số]", "(ký, đóng dấu)"
_SIGNATURE_LINE = rx(r"^\(|Đã ký|ký|\[")
# the authority just before a position, "KT. CHỦ TỊCH" of "KT. CHỦ TỊCH PHÓ CHỦ TỊCH": not the signer's position
_AUTHORITY_BEFORE = rx(r"(?:KT|TM|Q|TL|TUQ)\s*\.\s*$")
# "Đã ký: ", "(Đã ký)", "[Chữ ký số]" before a name: "Đã ký: Trần Thanh Liêm" is "Trần Thanh Liêm"
_SIGNED_NOTE = rx(r"^(?:\(?Đã ký\)?|\[?Chữ ký[^\]]*\]?)\s*:?\s*")


def signer(texts: list[str]) -> Optional[Signer]:
    """Name and position from the first closing block: the authority line
    (TM./KT./Q.) or a position in capitals, then the name, within a few lines."""
    before_receivers: Optional[str] = None  # a position printed just above "Nơi nhận" (a scan's column order)
    for i, t in enumerate(texts):
        if not (AUTHORITY.match(t) or len(t) < 120 and _upper(t) and _position(t)):
            continue
        position = None
        for j in range(i, min(len(texts), i + 8)):
            tj = texts[j]
            p = _position(tj) if _upper(tj) or AUTHORITY.match(tj) else None
            if p:
                position = p
                continue
            name = person_name(tj)
            if name and position:
                return Signer(name=name, position=position)
            if RECEIVERS.match(tj) and position and before_receivers is None and _position(texts[j - 1]):
                before_receivers = position
            if j > i + 1 and not name and not _SIGNATURE_LINE.search(tj):
                break
        # an authority line with no name under it (a draft, a form): keep looking below
    # a scan read across its two columns: the position in capitals ends a line of the
    # receivers' block ("Nơi nhận: CHỦ TỊCH", "- Sở Tư pháp; PHO GIÁM ĐỐC"), the name follows it
    for i, t in enumerate(texts):
        caps = TRAILING_CAPITALS.search(t) if len(t) < 160 else None
        position = _position(caps.group(0)) if caps else None
        if not position:
            continue
        for tj in texts[i + 1: i + 12]:
            name = person_name(tj)
            if name:
                return Signer(name=name, position=position)
            if not tj.startswith(("-", "+", "•")) and not TRAILING_CAPITALS.search(tj):
                break
    # the name closing the receivers' block, with the position read above it, if any (none printed, or
    # unread under a stamp: null)
    for i, t in enumerate(texts):
        if RECEIVERS.match(t):
            for tj in texts[i + 1: i + 30]:
                if tj.startswith(("-", "+", "•")):
                    continue
                name = person_name(tj)
                if name:
                    return Signer(name=name, position=before_receivers)
                break
            break
    return None




# two or more words in capitals closing a line (a position beside the receivers)
TRAILING_CAPITALS = regex.compile(r"(?:(?<=^)|(?<=[\s;:,]))(?:[\p{Lu}Đ]{2,}\.?\s+){1,4}[\p{Lu}Đ]{2,}\s*$")
# what a pen stroke through the line leaves before a signed name on a scan
SIGNATURE_MARKS = regex.compile(r"^[^\p{L}]+")
# letters no Vietnamese name has, read by OCR for the one a stroke crossed
_OCR_NAME_LETTERS = str.maketrans({"Ñ": "N", "ñ": "n"})


@lru_cache(maxsize=1)
def _position_patterns() -> tuple[tuple[str, str, regex.Pattern], ...]:
    """(position, its letters without tones, a pattern finding them), longest first."""
    out = []
    for p in _positions():
        fp = fold(p).upper()
        out.append((p, fp, regex.compile(rf"(?<![A-Z]){regex.escape(fp)}(?![A-Z])")))
    return tuple(out)


@lru_cache(maxsize=4096)
def _position(text: str) -> Optional[str]:
    if len(text) > 120:
        return None  # a position stands alone on its line, or beside the authority
    k = fold(text).upper()
    found = None
    for p, fp, pattern in _position_patterns():
        for m in pattern.finditer(k):
            # "KT. CHỦ TỊCH" is the authority, not the position; the one after it is
            if _AUTHORITY_BEFORE.search(k[: m.start()]):
                continue
            if found is None or m.end() > found[0] or (m.end() == found[0] and len(fp) > found[2]):
                found = (m.end(), p, len(fp))
    return found[1] if found else None


def person_name(text: str) -> Optional[str]:
    """A Vietnamese full name alone on its line: two to five syllables, each
    capitalised ("Nguyễn Tuấn Anh", "HỒ THỊ NGUYÊN THẢO" → "Hồ Thị Nguyên Thảo").
    On a scan the signature's strokes leave marks before it ("-=Ñguyễn"): dropped."""
    t = _SIGNED_NOTE.sub("", clean(text)).strip(" .*_")
    marked = bool(SIGNATURE_MARKS.match(t))
    t = SIGNATURE_MARKS.sub("", t).translate(_OCR_NAME_LETTERS)
    words = t.split()
    if marked and words and not is_syllable(words[0]):
        # the stroke crossed the name's first letter too ("-=ZÑguyễn"): a letter or two of it dropped
        first = words[0]
        words[0] = next((first[k:] for k in (1, 2) if first[k:][:1].isupper() and is_syllable(first[k:])), first)
    if not 2 <= len(words) <= 5:
        return None
    if not all(w[:1].isupper() and is_syllable(w) for w in words):
        return None
    if all(w.isupper() for w in words):
        words = [w[:1] + w[1:].lower() for w in words]
    if _position(" ".join(words)) or _is_body_name(t):
        return None
    return " ".join(words)


# the period a title names: "… thủy sản giai đoạn 2026 - 2030", "nhiệm kỳ 2021-2026"
_TITLE_PERIOD = rx(r"(?:giai đoạn|thời kỳ|nhiệm kỳ)\s*(\d{4})\s*[-–]\s*(\d{4})", regex.I)
# two years joined by a dash, "KẾ HOẠCH … NĂM 2025-2030"
_YEAR_RANGE = rx(r"(\d{4})\s*[-–]\s*(\d{4})")
# the year a title runs to: "THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035"
_UNTIL_YEAR = rx(r"đến năm\s*(\d{4})", regex.I)
# one year: "Kế hoạch phòng, chống thiên tai năm 2026"
_IN_YEAR = rx(r"năm\s*(\d{4})", regex.I)
# a phase the body names, "(giai đoạn 2025 - 2030 và giai đoạn 2031 - 2035)": the first starts the plan
_PHASE = rx(r"giai đoạn\s*(\d{4})\s*[-–]\s*(\d{4})", regex.I)


def _period(title: str, texts: list[str]) -> Optional[Period]:
    m = _TITLE_PERIOD.search(title)
    if m:
        return Period(int(m.group(1)), int(m.group(2)))
    m = _YEAR_RANGE.search(title)
    if m:
        return Period(int(m.group(1)), int(m.group(2)))
    m = _UNTIL_YEAR.search(title)
    if m:
        end = int(m.group(1))
        return Period(_first_phase(texts, end), end)
    m = _IN_YEAR.search(title)
    if m:
        return Period(int(m.group(1)), int(m.group(1)))
    return None


def _first_phase(texts: list[str], end: int) -> Optional[int]:
    """"… đến năm 2035" in the title, "giai đoạn 2025 - 2030 và giai đoạn 2031 -
    2035" in the body: the plan starts with its first phase."""
    phases = [(int(a), int(b)) for t in texts[:400] for a, b in _PHASE.findall(t)]
    starts = [a for a, b in phases if b <= end and a < b]
    return min(starts) if starts and any(b == end for _, b in phases) else None


def normalisation_issues(meta: Meta) -> list[Issue]:
    """A legal basis whose number was normalised, with the number as printed."""
    return basis_issues(meta.legal_bases)
