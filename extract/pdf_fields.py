"""Values that signing systems draw over a PDF page: the number and the date
of an e-signed decision are filled into form fields (widget annotations) when
it is signed, over blanks in the typed text ("Số:      /QĐ-UBND"). pdfium's
text page holds only the page's own text, and the fields' appearance streams
give it no Unicode; poppler draws annotation appearances when it extracts
text, so their words are taken from ``pdftotext -bbox`` (poppler-utils) and
laid into the page's characters where they are drawn. Typed characters under
a field that has a value are the blank form's placeholders and are dropped:
the field's value is what the signed copy shows.
"""
from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from typing import Optional

from ..lang.patterns import rx
from ..models.document import ReadingNote

# one word of pdftotext -bbox: <word xMin="…" yMin="…" xMax="…" yMax="…">text</word>
_WORD = rx(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = rx(r"<page\b[^>]*>(.*?)</page>", 16)  # regex.S
# typed characters under a field that are a placeholder of a number or a date: "4" of "tháng 4", "…/…/2025"
_PLACEHOLDER = rx(r"^[\d/.\-]+$")
# a field whose value has a figure: "19", "2858" (a signature's name or a stamp's text has none)
_DIGIT = rx(r"\d")


def poppler_words(data: bytes, timeout: float = 30.0) -> Optional[list[list[tuple]]]:
    """Per page, (x0, top, x1, bottom, text) of every word poppler draws,
    annotations included; None when poppler-utils is not installed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        try:
            proc = subprocess.run([exe, "-bbox", "-q", f.name, "-"], capture_output=True, timeout=timeout)
        except (OSError, subprocess.SubprocessError):
            return None
    if proc.returncode != 0:
        return None
    pages = []
    for page in _PAGE.findall(proc.stdout.decode("utf-8", "replace")):
        pages.append([(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(page)])
    return pages


def _centre_in(c: dict, box: tuple) -> bool:
    x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _overlaps(word: tuple, rect: tuple) -> bool:
    """Most of the word's width inside the field's box, and the two on one line."""
    inside = min(word[2], rect[2]) - max(word[0], rect[0])
    return inside > min(3.0, 0.5 * (word[2] - word[0])) and min(word[3], rect[3]) > max(word[1], rect[1])


def overlay(frags: list[list[dict]], rects: list[tuple], words: list[tuple], page: int
            ) -> tuple[list[list[dict]], list[ReadingNote]]:
    """The page's character runs with the value of each filled field laid in
    where it is drawn, on the baseline of the typed line beside it.

    poppler's words inside a field's box are the page's own text plus what the
    field draws (one word when they touch: "ngày15"); the field's part is what
    the page's own characters in that word do not account for. Only short
    values with a digit are read: numbers and dates, not the stamp's words."""
    notes: list[ReadingNote] = []
    chars = [c for f in frags for c in f]
    drop: set[int] = set()
    for rect in rects:
        if rect[3] - rect[1] > 40 or rect[2] - rect[0] > 300:
            continue  # a signature stamp, not a field of the text
        pieces = []
        for w in words:
            if not _overlaps(w, rect):
                continue
            own = sorted((c for c in chars if _centre_in(c, w)), key=lambda c: c["x0"])
            own_text = "".join(c["text"] for c in own)
            text = w[4]
            if own_text == text:
                continue  # the page's own word
            if own_text and text.startswith(own_text):
                text = text[len(own_text):]
            elif own_text and text.endswith(own_text):
                text = text[: -len(own_text)]
                # "54": the typed placeholder digit beside the field's value is no part of the date
                drop.update(id(c) for c in own if c["text"].isdigit())
            elif own_text:
                if not _PLACEHOLDER.match(own_text):
                    continue
                # the value drawn over a typed placeholder ("5" over the "4" of "tháng 4"): the field's value wins
                drop.update(id(c) for c in own)
            pieces.append((w, text))
        value = " ".join(t for _, t in pieces)
        if not value or len(value) > 20 or not _DIGIT.search(value):
            continue
        for c in chars:
            # a typed digit the value is drawn over ("5" over the "4" of "tháng 4") is the blank form's
            if c["text"].isdigit() and _centre_in(c, rect) and any(
                    min(c["x1"], w[2]) - max(c["x0"], w[0]) > 0.5 * (c["x1"] - c["x0"]) for w, _ in pieces):
                drop.add(id(c))
        # the baseline of the typed line the value belongs to: the nearest to where poppler draws it
        drawn = max(w[3] for w, _ in pieces)
        near = [c["bottom"] for c in chars if rect[1] - 6 <= c["bottom"] <= rect[3] + 6
                and rect[0] - 60 <= c["x0"] <= rect[2] + 60]
        base = min(near, key=lambda b: abs(b - drawn)) if near else drawn
        run: list[dict] = []
        for w, text in pieces:
            x0 = max(w[0], rect[0]) if text == w[4] else rect[0]
            step = (min(w[2], rect[2]) - x0) / max(len(text), 1)
            for k, ch in enumerate(text):
                run.append({"text": ch, "x0": x0 + k * step, "x1": x0 + (k + 1) * step, "top": base - (w[3] - w[1]),
                            "bottom": base, "fontname": "", "size": w[3] - w[1], "space": k == 0})
        frags.append(run)
        notes.append(ReadingNote(code="read.form_field", page=page, value=value,
                                 detail=f"a form field drawn over the page (an e-signed copy) reads {value!r}"))
    if drop:
        gone = "".join(c["text"] for c in chars if id(c) in drop)
        frags = [f for f in ([c for c in f if id(c) not in drop] for f in frags) if f]
        notes.append(ReadingNote(code="read.form_field_over_typed", page=page, printed=gone,
                                 detail=f"typed {gone!r} stands beside a form field's value and is dropped: the "
                                        "field's value is kept"))
    return frags, notes
