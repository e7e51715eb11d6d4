"""The full-text index of the dataset and its search language, one contract
shared by the CLI and Datasette.

SQLite's tokenizers cannot match Vietnamese both ways: ``unicode61
remove_diacritics 2`` folds the tones but keeps đ, so "dau tu" never finds
"đầu tư" and "đầu tư" never finds an index folded by hand. So each indexed
value is written twice, as printed (NFC, modern tone placement) and folded
(no marks, đ → d, i for a final y), and the tokenizer keeps the marks
(``remove_diacritics 0``): a syllable typed with its accents matches the
printed half only, one typed without matches the folded half. A query becomes, for each of its phrases, "as typed" OR "folded", so
"đầu tư", "Đầu Tư", "dau tu" find the same sections, and a section that has
the phrase as typed matches twice and ranks first.

A Vietnamese word is several syllables ("Đồng Tháp", "đầu tư"), so the
syllables a user types together are one phrase: "Đồng Tháp" does not find a
section that has "hành động" and "thu thập" apart. Quotes separate phrases;
OR, AND, NOT (in capitals) and parentheses combine them; a * at the end of a
phrase matches its last syllable as a prefix.
"""
from __future__ import annotations

import unicodedata

import regex

from vnlegal.lang.text import fold_chars, modern_tones

TOKENIZER = "unicode61 remove_diacritics 0"

_PIECE = regex.compile(r'"[^"]*"?|[()]|[^\s"()]+')
_WORD = regex.compile(r"\w+")
OPERATORS = ("AND", "OR", "NOT")
_SEAM = "\ue000"


class SearchSyntaxError(ValueError):
    """A query whose operators or parentheses do not combine two searches."""


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def printed(text: str | None) -> str:
    """The form a syllable is matched in with its accents: NFC, Đ for a look-alike
    Ð, tones placed the modern way ("Uỷ ban" and "Ủy ban", "hoà" and "hòa" are one
    word as typed). One character for one, so offsets fall on the original text."""
    return modern_tones(nfc(text).replace("\u00d0", "Đ").replace("\u00f0", "đ"))


# Vietnamese writes a final i or y after a consonant both ways ("tỉ lệ" and
# "tỷ lệ", "kĩ thuật" and "kỹ thuật", "quí" and "quý": the 1984 spelling rules
# and common usage differ), so the folded form writes i for both; one
# character for one, so offsets still fall on the original text
_CONSONANT_Y = regex.compile(r"(?<!\w)(ngh|ch|gh|kh|nh|ph|th|tr|ng|qu|[bcdhklmnprstvx])y(?!\w)")


def folded(text: str | None) -> str:
    """No marks, đ → d, lower case, i for a final y after a consonant: what a
    syllable typed without accents is."""
    return _CONSONANT_Y.sub(r"\1i", fold_chars(nfc(text)).casefold())


def index_text(text: str | None) -> str:
    """The value written to the index for one column: the text as printed, a
    private-use character, the text folded. The tokenizer keeps private-use
    characters as a token, so no phrase runs from one half into the other."""
    if not text:
        return ""
    as_printed = printed(text)
    return f"{as_printed}\n{_SEAM}\n{folded(as_printed)}"


def _phrase(words: list[str], prefix: bool, exact_only: bool) -> str:
    typed = printed(" ".join(words))
    star = " *" if prefix else ""
    plain = folded(typed)
    if exact_only or plain == typed.casefold():
        return f'"{typed}"{star}'
    return f'("{typed}"{star} OR "{plain}"{star})'


def _pieces(query: str) -> list[tuple[str, object]]:
    """('phrase', (words, prefix)) | ('op', 'OR') | ('(', None) | (')', None)."""
    out: list[tuple[str, object]] = []
    run: list[str] = []
    prefix = False

    def close_run():
        nonlocal run, prefix
        if run:
            out.append(("phrase", (run, prefix)))
        run, prefix = [], False

    for m in _PIECE.finditer(nfc(query)):
        piece = m.group()
        if piece in OPERATORS or piece in "()":
            close_run()
            out.append(("op", piece) if piece in OPERATORS else (piece, None))
        elif piece.startswith('"'):
            close_run()
            run, prefix = _WORD.findall(piece), piece.rstrip('"').endswith("*")
            close_run()
        else:
            if prefix:  # a star closes the phrase it ends
                close_run()
            run += _WORD.findall(piece)
            prefix = piece.endswith("*") and bool(run)
    close_run()
    return out


# a search of more words than this is refused: the cost of matching and of
# marking hits grows with their number, and no reader types a thousand words
MAX_WORDS = 100


def to_match(query: str, exact_only: bool = False) -> str:
    """The FTS5 MATCH expression for a query, '' when it has no word.
    ``exact_only`` leaves out the folded forms (to tell the hits that have the
    phrase as typed). Raises SearchSyntaxError for an operator without a search
    on each side, an unbalanced parenthesis, or more than MAX_WORDS words."""
    out: list[str] = []
    last = None  # kind of the previous piece emitted
    depth = 0
    pieces = _pieces(query)
    words = sum(len(value[0]) for kind, value in pieces if kind == "phrase")
    if words > MAX_WORDS:
        raise SearchSyntaxError(f"a search of {words} words is over the limit of {MAX_WORDS}")
    for kind, value in pieces:
        if kind == "phrase":
            words, prefix = value
            if last in ("phrase", ")"):
                out.append("AND")
            out.append(_phrase(words, prefix, exact_only))
        elif kind == "op":
            if last not in ("phrase", ")"):
                raise SearchSyntaxError(f"{value} needs a search before it, e.g. 'a {value} b'")
            out.append(value)
        elif kind == "(":
            if last in ("phrase", ")"):
                out.append("AND")
            depth += 1
            out.append("(")
        else:
            if depth == 0:
                raise SearchSyntaxError("a ')' closes no '('")
            if last in ("op", "("):
                raise SearchSyntaxError("nothing to search before ')'")
            depth -= 1
            out.append(")")
        last = kind
    if last == "op":
        raise SearchSyntaxError(f"{out[-1]} needs a search after it, e.g. 'a {out[-1]} b'")
    if depth:
        raise SearchSyntaxError("a '(' is not closed")
    return " ".join(out)


def to_match_lenient(query: str) -> str:
    """``to_match`` for callers that cannot show an error (Datasette's search
    box): a query that does not parse is searched for as plain words, and one
    without a word (an empty box, a lone quote) finds every row, through the
    seam every indexed text holds, as if there were no search."""
    try:
        match = to_match(query)
    except SearchSyntaxError:
        words = _WORD.findall(nfc(query))[:MAX_WORDS]
        match = _phrase(words, False, False) if words else ""
    return match or f'"{_SEAM}"'


def phrases(query: str) -> list[list[str]]:
    """The phrases of a query as words, for finding and marking hits in text."""
    out: list[list[str]] = []
    for kind, value in _pieces(query):
        if kind == "phrase" and value[0] not in out:  # "a" OR "a": marked once
            out.append(value[0])
    return out
