"""Legal bases: the instruments a decision cites on its "Căn cứ" lines (or,
without them, in its opening "Thực hiện …" sentence), one record each.

A "Căn cứ" line may cite several instruments ("Căn cứ Nghị quyết số 57-NQ/TW
…; Nghị quyết số 71/NQ-CP … và Chương trình hành động số 10-CTr/TU …"), a
number may follow its type without "số" ("Chỉ thị 42-CT/TW"), a bare "số
008/CĐ-UBND" repeats the type before it, and a law is cited by its name with
a number or a date ("Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm
2025"). Every instrument with a number or a date is kept once.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..lang.numbers import parse_date
from ..lang.patterns import rx
from ..lang.text import clean
from ..models.record import Issue, LegalBasis
from .reconcile import NUMBER_FORMAT
from .vocabulary import doc_types, type_by_code

# "57-NQ/TW", "10- CTr/TU", "223/CĐ-TTg", "26/2014/TTLT /BTC-BCT", "78/2021/NĐ -CP",
# "49/QCPH-UBND-UBMT-HCTĐ": a serial, maybe a year, then the type code and the issuer's
NUMBER = regex.compile(
    r"(?<![\d/])\d{1,5}\s*(?:/\s*\d{4}\s*)?[/-]\s*[\p{Lu}Đ][\p{L}\d]*(?:\s*[-/.]\s*[\p{Lu}Đ][\p{L}\d]*)*")
# a law's own number: "số 85/2015/QH13", or as printed without its code ("số 64/2025")
LAW_NUMBER = regex.compile(r"\bsố\s+(\d{1,5}\s*/\s*\d{4}(?:\s*/\s*QH\d+)?)")
# one date in any of the printed forms: "ngày 22/12/2024", "ngày 16 tháng 6 năm 2025"
# (in words, a scan's "I1" for the month 11 as lang.numbers.parse_date reads it)
DATE = regex.compile(r"(?:ngày\s*)?\d{1,2}\s*(?:tháng\s*[\dIlO]{1,2}\s*năm\s*\d[\dIlO]{3}|[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})",
                     regex.I)
# where the list of bases ends: the proposal, the enacting words, the first article
END = regex.compile(r"^(?:Xét\b|Theo đề nghị|Trên cơ sở|QUYẾT ĐỊNH|QUYẾT NGHỊ|Điều\s+1\b|I\.\s)")
# where the body starts: the first part, article or the enacting words
BODY_START = regex.compile(r"^(?:[IVX]+\.\s|Điều\s+1\b|QUYẾT ĐỊNH\s*:|QUYẾT NGHỊ|PHẦN\s+(?:I|THỨ)|Phần\s+I\b|A\.\s)")
# the issuer after "của", up to where the instrument's subject starts
ISSUER = regex.compile(
    r"\bcủa\s+(.+?)(?=\s+(?:về|phê duyệt|quy định|hướng dẫn|ban hành|thông qua|sửa đổi|thực hiện|triển khai|"
    r"tại|đối với|trong|và|năm)\b|[;,“\"(]|$)")
_LAWS = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh")
# the type code after a number's serial (and year): "QĐ" of "2858/QĐ-UBND", "NĐ" of "78/2021/NĐ-CP";
# it names the type of a bare "số …" and of a document without a tên loại line
TYPE_CODE = rx(r"^\d+(?:/\d{4})?[/-]([\p{Lu}Đ][\p{L}]*)")
# any run of white space: a number is compared and kept without it ("10- CTr/TU" is "10-CTr/TU")
_SPACES = rx(r"\s+")


def _types_pattern() -> str:
    names = [t.name for t in doc_types() if t.cited and t.name not in _LAWS]
    # a scan's stray dot between the words ("Quyết. định") does not hide the type
    return "|".join(regex.escape(n).replace(r"\ ", r"\.?\s+") for n in names)


def _cited() -> set[str]:
    return {t.name for t in doc_types() if t.cited}


# a dot a scan put between the words of a type, "Quyết. định số 12/QĐ-UBND": dropped to name the type
_STRAY_DOT = rx(r"\.(?=\s)")


def _type_name(printed: str) -> str:
    k = _STRAY_DOT.sub("", clean(printed)).lower()
    return next(t.name for t in doc_types() if t.name.lower() == k)


# a list item, "- Căn cứ kế hoạch này, các sở xây dựng …": an instruction of the body, never a basis
_BULLET = rx(r"^[-–+•]\s")
# "Căn cứ Kế hoạch này, …", "Căn cứ vào nội dung Kế hoạch này": the plan citing itself in its body
_CITES_ITSELF = rx(r"^Căn cứ\s+(?:vào\s+)?(?:\p{L}+\s+){0,3}này\b")
# the marks before "Căn cứ" on a line: "*Căn cứ" (Markdown), a scan's ". Căn cứ"
_LEADING_MARKS = rx(r"^[\W_]+")
# the proposal closing a line of bases, "…; Xét đề nghị của Sở Tài chính tại Tờ trình số 45/TTr-STC": cut away
_PROPOSAL = rx(r"(?:^|[;.,]\s*)(?:Xét|Theo đề nghị)\b.*$")
# a line that continues the one before (a lower-case word or a figure): "2025 của Chính phủ quy định …"
_CONTINUES = rx(r"^[\p{Ll}\d]")
# the opening sentence of a plan without "Căn cứ": "Thực hiện Quyết định số 2858/QĐ-UBND ngày …"
_OPENING = rx(r"^(?:Tiếp tục thực hiện|Thực hiện|Triển khai)\b")
# its opening words, cut to keep the instruments: "Triển khai Kế hoạch hành động số 328-KH/TU ngày …"
_OPENING_WORDS = rx(r"^(?:Tiếp tục thực hiện|Thực hiện|Triển khai)\s*:?\s*")
# where the opening sentence turns to the plan: "…, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau"
_ISSUER_TURN = rx(r",\s*(?:UBND|Ủy ban|ỦY BAN|Uỷ ban|Hội đồng|Sở|Ban)\b")


def basis_lines(texts: list[str]) -> list[str]:
    """The text of the decision's "Căn cứ" lines, without the words "Căn cứ";
    else the instruments part of an opening "Thực hiện …" sentence."""
    out: list[str] = []
    for t in texts[:200]:
        if not out and BODY_START.match(t):
            break  # the bases stand before the body: a "Căn cứ" below it is a sentence of the plan
        if _BULLET.match(t) or _CITES_ITSELF.match(t):
            if out:
                break
            continue  # "- Căn cứ kế hoạch này, …": an instruction, not a basis
        t = _LEADING_MARKS.sub("", t)  # "*Căn cứ", a scan's ". Căn cứ"
        if t.startswith("Căn cứ"):
            # "…; Xét đề nghị của Sở … tại Tờ trình số …": a proposal is no basis
            out.append(_PROPOSAL.sub("", t[len("Căn cứ"):]).strip())
        elif out and (END.match(t) or not _CONTINUES.match(t)):
            break
        elif out:
            out[-1] += " " + t  # the rest of a line broken by a page
    if out:
        return out
    opening = next((t for t in texts[:80] if _OPENING.match(t)), None)
    if opening is None:
        return []
    k = texts.index(opening)
    for more in texts[k + 1: k + 8]:
        if opening.rstrip().endswith((":", ".")) or not _CONTINUES.match(more):
            break
        opening += " " + more  # a scan's physical lines of the same sentence
    opening = _OPENING_WORDS.sub("", opening)
    # "…, Ủy ban nhân dân tỉnh ban hành Kế hoạch …": the rest is the plan, not a basis
    return [_ISSUER_TURN.split(opening)[0]]


# the clauses of a line of bases, each citing its instruments
_CLAUSE_END = rx(r";")


def legal_bases(texts: list[str]) -> list[LegalBasis]:
    out: list[LegalBasis] = []
    seen: set = set()
    for line in basis_lines(texts):
        previous: Optional[str] = None  # "…; số 010/CĐ-UBND": the type of the clause before
        for clause in _CLAUSE_END.split(line):
            bases = _clause_bases(clause.strip(" .,"), previous)
            for basis in bases:
                key = _SPACES.sub("", basis.number).upper() if basis.number else (basis.doc_type, basis.date)
                if key not in seen:
                    seen.add(key)
                    basis.key = instrument_key(basis)
                    out.append(basis)
            previous = bases[-1].doc_type if bases else previous
    return out


# the words after which an instrument is the subject of the one before, not a basis
# ("… về thực hiện Nghị quyết số 57-NQ/TW", "… sửa đổi một số điều của Nghị định số 37/2010/NĐ-CP")
_NESTING = regex.compile(r"(?:\b(?:của|thực hiện|triển khai|về|theo|tại|với|kèm theo|hướng dẫn|sửa đổi|bổ sung|thay thế|"
                         r"quy định|ban hành|phê duyệt|chi tiết)|\p{Ll}\s+việc)\s*$", regex.I)
# "… được sửa đổi, bổ sung bởi Luật số 83/2025/QH15": the amending instrument is cited too
_AMENDED_BY = regex.compile(r"\bbởi\s*$")
# what stands just before a law listed after another: "Luật Đất đai, Luật Xây dựng", "… và Luật Đầu tư",
# "… được sửa đổi, bổ sung bởi Luật số 83/2025/QH15"
_LAW_LISTED = rx(r"(?:[,;:]|\bvà|\bbởi)\s*$")
# a law's name ending in "và": "Luật Sửa đổi, bổ sung một số điều của Luật Phòng, chống thiên tai và", one law
# with the next ("… và Luật Đê điều ngày 17/6/2020")
_AND_AT_END = rx(r"\bvà\s*$")


@lru_cache(maxsize=1)
def _starts_pattern() -> regex.Pattern:
    """Where an instrument starts: a cited type ("Nghị quyết số", "Chỉ thị 42-CT/TW"; group 1), a bare
    "số 008/CĐ-UBND", or a law by its capitalised word ("Luật Đất đai ngày 18/01/2024", never "pháp luật")."""
    types = _types_pattern()
    laws = "|".join(_LAWS)  # capitalised: "pháp luật" is no law
    return rx(rf"(?<!\p{{L}})({types})(?:\s+s[ốôo])?\s*(?=\d)|(?<!\p{{L}})số\s+(?=\d)|(?<!\p{{L}})(?-i:{laws})\b", regex.I)


def _starts(clause: str) -> list[tuple[int, int, Optional[str]]]:
    """Where each instrument of the clause begins: (start, end of its type
    word, type or None for a bare "số")."""
    found: list[tuple[int, int, Optional[str]]] = []
    lead = len(clause) - len(clause.lstrip())
    for m in _starts_pattern().finditer(clause):
        if m.group(1) is not None:
            found.append((m.start(), m.end(), _type_name(m.group(1))))
        elif m.group(0).lower().startswith("số"):
            if not (found and found[-1][2] in _LAWS):  # "Luật … số 72/2025/QH15" is the law's own number
                found.append((m.start(), m.end(), None))
        elif m.start() <= lead or _LAW_LISTED.search(clause[max(0, m.start() - 12): m.start()]):
            # a law at the head of the clause, or listed after another ("… bởi Luật số 83/2025/QH15");
            # only the words just before it are looked at: a long line names many laws
            found.append((m.start(), m.end(), _type_name(m.group(0))))
    return found


def _clause_bases(clause: str, previous: Optional[str] = None) -> list[LegalBasis]:
    """The instruments one clause (the text between two semicolons) cites."""
    starts = _starts(clause)
    out: list[LegalBasis] = []
    nested = False
    last_end = 0
    merged_into_next = -1
    for k, (start, end, doc_type) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else len(clause)
        segment = clause[start:stop]
        gap = clause[last_end:start]
        if k > 0:
            if _AMENDED_BY.search(gap):
                nested = False
            elif _NESTING.search(gap):
                nested = True
        last_end = stop
        if doc_type in _LAWS:
            if k > 0 and merged_into_next == k:
                continue
            if k + 1 < len(starts) and starts[k + 1][2] in _LAWS and not (LAW_NUMBER.search(segment) or DATE.search(segment)) \
                    and _AND_AT_END.search(segment):
                # "Luật Sửa đổi … của Luật Phòng, chống thiên tai và Luật Đê điều ngày 17/6/2020": one law
                stop = starts[k + 2][0] if k + 2 < len(starts) else len(clause)
                segment = clause[start:stop]
                last_end = stop
                merged_into_next = k + 1
            basis = _law(doc_type, segment)
            if basis is not None and not nested:
                out.append(basis)
            continue
        num = NUMBER.match(clause, end)
        if num is None:
            continue
        last_end = num.end()
        number = normalise_number(num.group(0))
        code = TYPE_CODE.match(number)
        if doc_type is None:
            # a bare "số …": the type its code names ("TTr" a Tờ trình), else the one before
            by_code = type_by_code().get(code.group(1).upper()) if code else None
            doc_type = by_code or previous
        previous = doc_type
        if doc_type is None or nested or doc_type not in _cited():
            continue
        # the gap to the next instrument is read from after this one's number
        rest = clause[num.end():stop]
        out.append(LegalBasis(doc_type=doc_type, number=number, date=_date(rest, clause[stop:]), issuer=_issuer(rest),
                              title=None, text=clean("Căn cứ " + segment.strip(" ,"))))
    return out


# nothing but "và" and commas between a number and the next: "số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025"
_ONLY_AND = rx(r"^[\s,]*(?:và)?[\s,]*$")


def _date(after: str, rest: str) -> Optional[str]:
    """The date printed after the number; "số 008/CĐ-UBND và số 009/CĐ-UBND ngày
    19/11/2025": a number followed only by "và" or "," shares the next one's."""
    m = DATE.match(after.strip(" ,"))
    if m:
        return parse_date(m.group(0))
    if _ONLY_AND.match(after):
        m = DATE.search(rest[:120])
        return parse_date(m.group(0)) if m and m.start() < 40 else None
    return None


# where a law's name ends: "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025", "… số 72/2025/QH15"
_LAW_NAME_END = rx(r"\s+(?:số\s+\d|ngày\s*\d|được\s|đã\s)")


def _law(doc_type: str, segment: str) -> Optional[LegalBasis]:
    num = LAW_NUMBER.search(segment)
    date = DATE.search(segment)
    name = clean(_LAW_NAME_END.split(segment)[0])
    if not (num or date):
        return None  # a law named in passing ("… của Luật Phòng, chống thiên tai và Luật …"), not cited
    issuer = "Quốc hội" if doc_type != "Pháp lệnh" else "Ủy ban Thường vụ Quốc hội"
    return LegalBasis(doc_type=doc_type, number=normalise_number(num.group(1)) if num else None,
                      date=parse_date(date.group(0)) if date else None, issuer=issuer,
                      title=name if name.lower() != doc_type.lower() else None, text=clean("Căn cứ " + segment.strip(" ,")))


def _issuer(segment: str) -> Optional[str]:
    m = ISSUER.search(segment)
    if not m:
        return None
    return clean(m.group(1)).replace("UBND", "Ủy ban nhân dân")


# a year or a date closing a law's name, "Luật Đất đai năm 2024", "Luật Đầu tư 2020": the key has the date itself
_TRAILING_YEAR = rx(r"\s+(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|năm\s+\d{4}|\d{4})\s*$")


def instrument_key(basis: LegalBasis) -> Optional[str]:
    """The key the citations of one instrument share across decisions: its
    normalised number; without one (a law cited by name and date), its type and
    name in lower case with the date of adoption ("Luật tổ chức chính quyền địa
    phương 2015-06-19"), so that "Chính quyền" and "chính quyền" cite the same
    law while the two laws of that name of 2025 (February and June) stay two."""
    if basis.number:
        return basis.number
    if basis.date is None:
        return None  # neither number nor date: nothing tells two such citations apart
    name = basis.title or basis.doc_type
    if not name:
        return None
    name = _TRAILING_YEAR.sub("", clean(name))
    head, _, rest = name.partition(" ")
    return clean(f"{head} {rest.lower()} {basis.date}")


# number/year/type, then a slash where the issuer's hyphen belongs: "26/2014/TTLT/BTC-BCT" → "26/2014/TTLT-BTC-BCT"
_SLASH_BEFORE_ISSUER = rx(r"^(\d+/\d{4}/[\p{Lu}Đ]+)/(?=[\p{Lu}Đ])")


def normalise_number(printed: str) -> str:
    """'26/2014/TTLT /BTC-BCT' → '26/2014/TTLT-BTC-BCT': after number/year/type
    the issuing bodies follow a hyphen; a slash there is a typing slip. No code
    doubles a letter: "QĐĐ" is "QĐ" read twice. Inner spaces go ("10- CTr/TU")."""
    n = _SPACES.sub("", printed).replace("ĐĐ", "Đ")  # "QĐĐ": a letter read twice
    return _SLASH_BEFORE_ISSUER.sub(r"\1-", n)


def normalisation_issues(bases: list[LegalBasis]) -> list[Issue]:
    """A legal basis whose number was normalised, with the number as printed."""
    out = []
    for b in bases:
        m = NUMBER.search(b.text)
        if not (b.number and m):
            continue
        printed = _SPACES.sub("", m.group(0))
        if printed != b.number:
            out.append(Issue(code="meta.number_normalised", where=f"legal_bases {b.number}", severity="info",
                             detail=f"printed {m.group(0)!r}, read as {b.number!r}", printed=m.group(0),
                             value=b.number, checks=[NUMBER_FORMAT]))
    return out
