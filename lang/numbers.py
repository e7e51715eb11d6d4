"""The one parser for numbers, dates, money and Vietnamese number words."""
from __future__ import annotations

import regex

from .patterns import rx
from .text import clean, fold

_NUM = regex.compile(r"^\d{1,3}(?:([.,])\d{3})+(?:([.,])\d+)?$|^\d+(?:[.,]\d+)?$")
# figures and their marks only, "1.820", "2,950,000", "45,8": anything else ("1.820 triệu") is no number
_FIGURES = rx(r"^\d[\d.,]*$")
# the marks of a number, "." and ",": two kinds are thousands then decimals ("1.250,5")
_MARKS = rx(r"[.,]")
# one mark before exactly three last digits, "1.820": it groups thousands ("45,8" marks decimals)
_THOUSANDS_END = rx(r"[.,]\d{3}$")


def parse_number(s: str, thousands: str | None = None) -> float | None:
    """'1.820' → 1820, '2,950,000' → 2950000, '45,8' → 45.8.

    ``thousands`` ('.' or ',') is the document's or table's grouping mark when
    known; otherwise a mark followed by exactly three digits groups thousands.
    """
    if s is None:
        return None
    s = s.strip().replace(" ", "")
    if not s or not _FIGURES.match(s):
        return None
    marks = _MARKS.findall(s)
    if not marks:
        return float(s)
    if thousands is None:
        if len(set(marks)) == 2:
            thousands = marks[0]
        elif len(marks) > 1:
            thousands = marks[0]
        else:
            thousands = marks[0] if _THOUSANDS_END.search(s) else ("," if marks[0] == "." else ".")
    decimal = "," if thousands == "." else "."
    s = s.replace(thousands, "")
    if s.count(decimal) > 1:
        return None
    try:
        return float(s.replace(decimal, "."))
    except ValueError:
        return None


def as_int(x: float | None) -> int | None:
    return None if x is None else int(round(x))


# a date in words; a scan may read a 1 as "I" or "l" and a 0 as "O" in it ("ngày 26 tháng I1 năm 2003")
_DATE_WORDS = regex.compile(r"ngày\s*([\dIlO]{1,2})\s*tháng\s*([\dIlO]{1,2})\s*năm\s*(\d[\dIlO]{3})", regex.I)
_OCR_DIGITS = str.maketrans({"I": "1", "i": "1", "l": "1", "L": "1", "O": "0", "o": "0"})
_DATE_SLASH = regex.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")


def parse_date(text: str) -> str | None:
    """First date in text as ISO: 'ngày 29 tháng 10 năm 2015', '29/10/2015'."""
    m = _DATE_WORDS.search(text) or _DATE_SLASH.search(text)
    if not m:
        return None
    d, mth, y = (int(g.translate(_OCR_DIGITS)) for g in m.groups())
    if not (1 <= d <= 31 and 1 <= mth <= 12):
        return None
    return f"{y:04d}-{mth:02d}-{d:02d}"


UNITS = [  # longest first
    (regex.compile(r"nghìn\s*tỷ|ngàn\s*tỷ", regex.I), 10**12),
    (regex.compile(r"tỷ|tỉ", regex.I), 10**9),
    (regex.compile(r"triệu", regex.I), 10**6),
    (regex.compile(r"nghìn|ngàn|1\.?000\s*đ", regex.I), 10**3),
    (regex.compile(r"đồng|VNĐ|VND|đ\b", regex.I), 1),
]
MONEY = regex.compile(r"(\d[\d.,]*)\s*(nghìn\s*tỷ|ngàn\s*tỷ|tỷ|tỉ|triệu\s*đồng|triệu|nghìn\s*đồng|ngàn\s*đồng|đồng|VNĐ)", regex.I)


def unit_multiplier(label: str) -> int | None:
    label = clean(label)
    for pattern, mult in UNITS:
        if pattern.search(label):
            return mult
    return None


def parse_money(text: str, thousands: str | None = None) -> tuple[int, str] | None:
    """First amount of money in text → (VND, the words it was read from)."""
    m = MONEY.search(text)
    if not m:
        return None
    value = parse_number(m.group(1), thousands)
    mult = unit_multiplier(m.group(2))
    if value is None or mult is None:
        return None
    return int(round(value * mult)), m.group(0)


_DIGITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
           "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mươi": None}
_SCALES = {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}


# a word of an amount in words: "Mười", "bảy", "tỷ" of "Mười bảy tỷ bảy trăm triệu đồng"
_WORD = rx(r"\p{L}+")


def _by_letters() -> dict[str, str]:
    """Number words by their letters without tones, where the letters name one
    value: a scan's "tắm" is "tám" (8); "muoi" is both "mười" and "mươi", so neither."""
    values: dict[str, set] = {}
    for w, v in [*_DIGITS.items(), *_SCALES.items()]:
        values.setdefault(fold(w), set()).add((v, w if v is None else None))
    return {f: next(w for w, v in [*_DIGITS.items(), *_SCALES.items()] if fold(w) == f)
            for f, vs in values.items() if len(vs) == 1}


_BY_LETTERS = _by_letters()


def words_to_int(text: str) -> int | None:
    """Vietnamese number words → integer: 'Mười bảy tỷ bảy trăm triệu' → 17700000000.

    'linh'/'lẻ' mark a zero tens digit; 'mươi' multiplies by ten; scales nest
    (nghìn tỷ = 10^12)."""
    words = _WORD.findall(clean(text).lower())
    total = 0      # completed groups of tỷ
    group = 0      # below the current big scale
    small = 0      # below a thousand
    current = None
    seen = False
    for w in words:
        if w in ("linh", "lẻ", "và", "đồng", "chẵn", "chẳn"):
            continue
        if w not in _DIGITS and w not in _SCALES:
            w = _BY_LETTERS.get(fold(w), w)  # a tone a scan misread: "tắm mươi" is "tám mươi"
        if w == "mươi":
            small += (current or 0) * 10
            current = None
            seen = True
            continue
        if w in _DIGITS:
            v = _DIGITS[w]
            if v == 10:
                small += 10
            elif current is not None and w not in ("mốt", "lăm", "tư"):
                return None
            else:
                if w in ("mốt", "lăm", "tư", "nhăm") and small % 100 == 0 and current is None and not small:
                    current = v
                elif w in ("mốt", "lăm", "tư") and current is None:
                    small += v
                    current = None
                    seen = True
                    continue
                else:
                    current = v
            seen = True
            continue
        if w in _SCALES:
            scale = _SCALES[w]
            seen = True
            if scale == 100:
                small += (current if current is not None else 1) * 100
                current = None
                continue
            if current is not None:
                small += current
                current = None
            if scale == 10**9:
                group += small
                total = (total + (group or 1)) * 10**9 if total else (group or 1) * 10**9
                group = small = 0
            else:
                if total and group == 0 and small == 0 and scale == 1000:
                    total *= 1000  # nghìn tỷ
                    continue
                group += (small or 1) * scale
                small = 0
            continue
        if seen:
            break  # the number is over
    if current is not None:
        small += current
    if not seen:
        return None
    return total + group + small
