"""A PDF page through pdfium: characters with their boxes and fonts, text
lines, and the ruling edges of its tables.

pdfium reads a page about fifty times faster than pdfminer. The lines are
grouped the way pdfplumber groups them and the table grid is found by
pdfplumber's own geometry (edges → intersections → cells → tables), fed with
edges from pdfium's path objects, so both readers give the same document.
Pages with tables, and the first page with its two-column header, are read
character by character (``fragments``); body pages a line at a time
(``text_lines``), which gives the same lines for far fewer pdfium calls.
"""
from __future__ import annotations

import bisect
import ctypes
import functools
import operator
import unicodedata

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import regex

_TEXT_TOLERANCE = 3  # pdfplumber's defaults for snapping, joining and intersecting edges
_BREAKS = frozenset((0, 10, 13))
_BLANKS = frozenset((32, 0xA0, 0xFFFE))
_LINE_RUN = regex.compile(r"[^\x00\r\n]+")
_WORD_RUN = regex.compile(r"[^ \xa0]+")
_ODD_UNIT = regex.compile(r"[\ufffe\ud800-\udfff]")


@functools.lru_cache(maxsize=1)
def _text_object_fn():
    """FPDFText_GetTextObject returning the object's address as an int, so
    characters can be grouped by it without a pointer cast each: the same C
    function under a prototype with an integer result."""
    address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(ctypes.c_void_p, *raw.FPDFText_GetTextObject.argtypes)(address)


_DRAWN_OVER = {raw.FPDF_ANNOT_WIDGET, raw.FPDF_ANNOT_FREETEXT, raw.FPDF_ANNOT_STAMP}


class PdfiumDocument:
    def __init__(self, data: bytes):
        self.pdf = pdfium.PdfDocument(data)

    def __len__(self) -> int:
        return len(self.pdf)

    def page(self, index: int) -> "PdfiumPage":
        return PdfiumPage(self.pdf[index])

    def close(self) -> None:
        self.pdf.close()


class PdfiumPage:
    def __init__(self, page):
        self.page = page
        self.width = page.get_width()
        self.height = page.get_height()

    def close(self) -> None:
        self.page.close()

    @property
    def plain(self) -> bool:
        """Unrotated, with the media box at the origin: pdfium's page space is
        then pdfplumber's, flipped. Other pages go to pdfplumber."""
        box = self.page.get_mediabox()
        return self.page.get_rotation() == 0 and abs(box[0]) < 0.01 and abs(box[1]) < 0.01 \
            and self.page.get_cropbox() == box

    def field_rects(self) -> list[tuple[float, float, float, float]]:
        """Boxes (x0, top, x1, bottom) of what is drawn over the page and is no
        part of its text: form fields (widgets), free text and stamps."""
        out = []
        for k in range(raw.FPDFPage_GetAnnotCount(self.page)):
            annot = raw.FPDFPage_GetAnnot(self.page, k)
            try:
                if raw.FPDFAnnot_GetSubtype(annot) in _DRAWN_OVER:
                    r = raw.FS_RECTF()
                    if raw.FPDFAnnot_GetRect(annot, r):
                        out.append((r.left, self.height - r.top, r.right, self.height - r.bottom))
            finally:
                raw.FPDFPage_CloseAnnot(annot)
        return out

    def _text_page(self):
        """The text page, its raw handle, its UTF-16 units, and a box to fill."""
        tp = self.page.get_textpage()
        rect = raw.FS_RECTF()
        return tp, tp.raw, _text_units(tp.raw), rect, ctypes.byref(rect)

    def fragments(self) -> list[list[dict]]:
        """Characters in reading-stream order, cut into runs at line breaks.
        Blank characters are dropped: a character after one is marked ``space``.

        About 2,500 characters a page, so the per-character work is kept to one
        pdfium call for the box and one for the text object; the text comes in
        one call, and size, font and baseline once per text object (a text
        object is one show-text operation, with one font and one baseline).
        """
        height = self.height
        tp, tpr, units, rect, rect_ref = self._text_page()
        box, text_object = raw.FPDFText_GetLooseCharBox, _text_object_fn()
        objects: dict[int | None, tuple[float, str, float, float, float]] = {}
        cur: list[dict] = []
        frags: list[list[dict]] = [cur]
        last = None
        last_bottom = last_x0 = 0.0
        space = False
        for k, u in enumerate(units):
            if u in _BREAKS:
                if cur:
                    cur = []
                    frags.append(cur)
                    last = None
                continue
            if u in _BLANKS:
                if u == 0xFFFE and raw.FPDFText_GetUnicode(tpr, k) == 2:
                    u = 0x2D  # pdfium's mark for a hyphen that ends a line ("NĐ-|CP")
                else:
                    space = True  # a word break however narrow the gap (justified lines)
                    continue
            elif 0xD800 <= u < 0xE000:
                u = raw.FPDFText_GetUnicode(tpr, k)  # outside the BMP: one index, two UTF-16 units
            obj = text_object(tpr, k)
            info = objects.get(obj) if obj else None
            if info is None:
                info = self._object_info(tpr, k, last)
                if obj:  # a character pdfium made up has no object: nothing to share
                    objects[obj] = info
            size, name, base, top, half = info
            box(tpr, k, rect_ref)
            left = rect.left
            if last is not None and (abs(base - last_bottom) > half or left < last_x0 - 50):
                cur = []  # the next line, with no line break in the text stream
                frags.append(cur)
            last = {"text": chr(u), "x0": left, "x1": rect.right, "top": top, "bottom": base,
                    "fontname": name, "size": size, "space": space and bool(cur)}
            last_bottom, last_x0 = base, left
            space = False
            cur.append(last)
        tp.close()
        return [f for f in frags if f]

    def _object_info(self, tpr, k: int, last: dict | None) -> tuple[float, str, float, float, float]:
        """Font size, font name, baseline (pdfplumber's ``bottom``), top, and
        the baseline shift that starts a new line, of the text object holding
        character ``k``."""
        size = round(raw.FPDFText_GetFontSize(tpr, k), 2)
        if size < 1 and last is not None:
            size = last["size"]
        buf = ctypes.create_string_buffer(256)
        raw.FPDFText_GetFontInfo(tpr, k, buf, 256, ctypes.byref(ctypes.c_int()))
        ox, oy = ctypes.c_double(), ctypes.c_double()
        raw.FPDFText_GetCharOrigin(tpr, k, ctypes.byref(ox), ctypes.byref(oy))
        base = self.height - oy.value
        return size, buf.value.decode("latin-1", "replace"), base, base - size, 0.5 * max(size, 1)

    def text_lines(self) -> list[dict] | None:
        """Lines of a page without tables, read a line at a time rather than a
        character at a time: pdfium's own line breaks and spaces, each line's
        box from its first and last characters, its bold share from the font
        of each word. A few pdfium calls a line instead of two a character:
        the same lines as ``merge_lines(fragments())`` for a fraction of the calls.

        Each line carries ``visible`` (characters) and ``bold_chars`` in place
        of its characters. None when a run between pdfium's line breaks is not
        one line (its ends on different baselines, or running backwards): the
        page is then read by characters."""
        height = self.height
        tp, tpr, units, rect, rect_ref = self._text_page()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        text_object = _text_object_fn()
        bold_of: dict[int | None, bool] = {}
        name = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()

        def bold(k: int) -> bool:
            obj = text_object(tpr, k)
            b = bold_of.get(obj) if obj else None
            if b is None:
                raw.FPDFText_GetFontInfo(tpr, k, name, 256, flags)
                b = b"bold" in name.value.lower()
                if obj:
                    bold_of[obj] = b
            return b

        text = "".join(map(chr, units))  # one code point per index: offsets stay pdfium's
        segments: list[dict] = []
        for run in _LINE_RUN.finditer(text):
            start, end = run.span()
            if _ODD_UNIT.search(run.group()):  # a hyphen mark or a character outside the BMP
                seg = self._segment(tpr, units, start, end, bold, rect, rect_ref, ox, oy, height)
            else:
                seg = self._words(tpr, run, bold, rect_ref, rect, ox, oy, height)
            if seg is False:
                tp.close()
                return None
            if seg is not None:
                segments.append(seg)
        tp.close()
        return _merge_segments(segments)

    @staticmethod
    def _words(tpr, run, bold, rect_ref, rect, ox, oy, height) -> dict | None | bool:
        """One run between line breaks, from its words (blanks become one space)."""
        words = list(_WORD_RUN.finditer(run.group()))
        if not words:
            return None
        start = run.start()
        visible = bold_chars = 0
        for w in words:
            n = w.end() - w.start()
            visible += n
            if bold(start + w.start()):
                bold_chars += n
        return _line_box(tpr, start + words[0].start(), start + words[-1].end() - 1,
                         " ".join(w.group() for w in words), visible, bold_chars, rect_ref, rect, ox, oy, height)

    @staticmethod
    def _segment(tpr, units, start, end, bold, rect, rect_ref, ox, oy, height) -> dict | None | bool:
        parts: list[str] = []
        visible = bold_chars = 0
        first = last = -1
        word_start = -1
        word_len = 0
        pending_space = False

        def close_word():
            nonlocal bold_chars
            if word_start >= 0 and bold(word_start):
                bold_chars += word_len

        for k in range(start, end):
            u = units[k]
            if u in _BLANKS and not (u == 0xFFFE and raw.FPDFText_GetUnicode(tpr, k) == 2):
                pending_space = True
                continue
            if u == 0xFFFE:
                u = 0x2D  # pdfium's mark for a hyphen that ends a line
            elif 0xD800 <= u < 0xE000:
                u = raw.FPDFText_GetUnicode(tpr, k)
            if pending_space or first < 0:
                close_word()
                word_start, word_len = k, 0
                if pending_space and parts:
                    parts.append(" ")
                pending_space = False
            parts.append(chr(u))
            word_len += 1
            visible += 1
            if first < 0:
                first = k
            last = k
        if first < 0:
            return None
        close_word()
        return _line_box(tpr, first, last, "".join(parts), visible, bold_chars, rect_ref, rect, ox, oy, height)

    def edges(self) -> list[dict]:
        """Horizontal and vertical edges of the page's path objects (lines,
        rectangle sides, polyline pieces), in pdfplumber's coordinates."""
        height = self.height
        out: list[dict] = []
        x, y = ctypes.c_float(), ctypes.c_float()
        for obj in self.page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=3):
            # a path inside a form XObject is placed by the form's matrix too (and its form's …)
            m = obj.get_matrix()
            form = obj.container
            while form is not None:
                m = m.multiply(form.get_matrix())
                form = form.container
            a, b, c, d, e, f = m.get()
            points: list[tuple[float, float]] = []
            start = None

            def close_run():
                for (x0, y0), (x1, y1) in zip(points, points[1:]):
                    _edge(out, x0, height - y0, x1, height - y1)

            for s in range(raw.FPDFPath_CountSegments(obj.raw)):
                seg = raw.FPDFPath_GetPathSegment(obj.raw, s)
                raw.FPDFPathSegment_GetPoint(seg, x, y)
                p = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
                if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO:
                    close_run()
                    points, start = [p], p
                else:
                    points.append(p)
                if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                    points.append(start)
            close_run()
        return out


def _text_units(tpr) -> list[int]:
    """The text page's UTF-16 units in one call, one per character index
    (pdfium writes its hyphen mark 2 as 0xFFFE here)."""
    n = raw.FPDFText_CountChars(tpr)
    buf = (ctypes.c_ushort * (n + 1))()
    raw.FPDFText_GetText(tpr, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    return buf[:n]


def _line_box(tpr, first, last, text, visible, bold_chars, rect_ref, rect, ox, oy, height) -> dict | bool:
    """The line from its first and last visible characters: their loose boxes
    give x0 and x1, the first one's origin and size give bottom and top.
    False when the two ends are not on one baseline, or run backwards."""
    raw.FPDFText_GetLooseCharBox(tpr, first, rect_ref)
    x0 = rect.left
    raw.FPDFText_GetLooseCharBox(tpr, last, rect_ref)
    x1 = rect.right
    raw.FPDFText_GetCharOrigin(tpr, last, ctypes.byref(ox), ctypes.byref(oy))
    end_base = height - oy.value
    raw.FPDFText_GetCharOrigin(tpr, first, ctypes.byref(ox), ctypes.byref(oy))
    size = round(raw.FPDFText_GetFontSize(tpr, first), 2)
    base = height - oy.value
    if abs(end_base - base) > 0.5 * max(size, 1) or x1 < x0:
        return False
    return {"text": text, "x0": x0, "x1": x1, "top": base - size, "bottom": base,
            "visible": visible, "bold_chars": bold_chars}


def _edge(out: list[dict], x0: float, y0: float, x1: float, y1: float) -> None:
    if abs(x0 - x1) < 0.01:
        top, bottom = min(y0, y1), max(y0, y1)
        out.append({"object_type": "line", "orientation": "v", "x0": x0, "x1": x0, "top": top, "bottom": bottom,
                    "width": 0.0, "height": bottom - top})
    elif abs(y0 - y1) < 0.01:
        left, right = min(x0, x1), max(x0, x1)
        out.append({"object_type": "line", "orientation": "h", "x0": left, "x1": right, "top": y0, "bottom": y0,
                    "width": right - left, "height": 0.0})


def merge_lines(frags: list[list[dict]]) -> list[dict]:
    """Runs on one baseline are one line, as pdfplumber clusters them; a space
    goes wherever two characters stand apart."""
    frags = sorted(frags, key=lambda f: (round(f[0]["bottom"]), f[0]["x0"]))
    merged: list[list[dict]] = []
    for f in frags:
        if merged and abs(merged[-1][0]["bottom"] - f[0]["bottom"]) < 2.5:
            merged[-1].extend(f)
        else:
            merged.append(list(f))
    out = []
    for chars in merged:
        chars.sort(key=_X0)
        parts = [chars[0]["text"]]
        prev_x1 = chars[0]["x1"]
        for c in chars[1:]:
            if c["space"] or c["x0"] - prev_x1 > 0.2 * max(c["size"], 1):
                parts.append(" ")
            parts.append(c["text"])
            prev_x1 = c["x1"]
        # pdfium gives some fonts' letters decomposed ("i" + U+0323); pdfminer composes them
        out.append({"text": unicodedata.normalize("NFC", "".join(parts)), "x0": chars[0]["x0"],
                    "x1": max(map(_X1, chars)), "top": min(map(_TOP, chars)), "bottom": max(map(_BOTTOM, chars)),
                    "chars": chars})
    out.sort(key=lambda l: (l["top"], l["x0"]))
    return out


_X0, _X1, _TOP, _BOTTOM = (operator.itemgetter(k) for k in ("x0", "x1", "top", "bottom"))


def _merge_segments(segments: list[dict]) -> list[dict]:
    """Segments on one baseline are one line, left to right (``merge_lines``)."""
    segments.sort(key=lambda g: (round(g["bottom"]), g["x0"]))
    merged: list[list[dict]] = []
    for g in segments:
        if merged and abs(merged[-1][0]["bottom"] - g["bottom"]) < 2.5:
            merged[-1].append(g)
        else:
            merged.append([g])
    out = []
    for group in merged:
        group.sort(key=_X0)
        out.append({"text": unicodedata.normalize("NFC", " ".join(g["text"] for g in group)),
                    "x0": group[0]["x0"], "x1": max(map(_X1, group)), "top": min(map(_TOP, group)),
                    "bottom": max(map(_BOTTOM, group)), "visible": sum(g["visible"] for g in group),
                    "bold_chars": sum(g["bold_chars"] for g in group)})
    out.sort(key=lambda l: (l["top"], l["x0"]))
    return out


def find_tables(edges: list[dict]) -> list[tuple[tuple, list[list[tuple | None]]]]:
    """Ruled tables as (bbox, rows of cell boxes), by pdfplumber's "lines" strategy."""
    from pdfplumber.table import (
        Table,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )
    from pdfplumber.utils import filter_edges

    edges = filter_edges(edges, min_length=1)
    edges = merge_edges(edges, snap_x_tolerance=_TEXT_TOLERANCE, snap_y_tolerance=_TEXT_TOLERANCE,
                        join_x_tolerance=_TEXT_TOLERANCE, join_y_tolerance=_TEXT_TOLERANCE)
    edges = filter_edges(edges, min_length=3)
    points = edges_to_intersections(edges, _TEXT_TOLERANCE, _TEXT_TOLERANCE)
    tables = [Table(None, group) for group in cells_to_tables(intersections_to_cells(points))]
    return [(t.bbox, [row.cells for row in t.rows]) for t in tables]


def cell_texts(rows: list[list[tuple | None]], runs: list[list[dict]]) -> list[list[str | None]]:
    """The text of each cell: the characters whose centre lies in it (as
    pdfplumber decides), one line per baseline. A missing cell is None."""
    xs = sorted({v for row in rows for box in row if box for v in (box[0], box[2])})
    ys = sorted({v for row in rows for box in row if box for v in (box[1], box[3])})
    slot: dict[tuple[int, int], tuple[int, int]] = {}  # grid slot → (row, column) of the cell covering it
    for r, row in enumerate(rows):
        for k, box in enumerate(row):
            if box is None:
                continue
            for i in range(bisect.bisect_left(xs, box[0]), bisect.bisect_left(xs, box[2])):
                for j in range(bisect.bisect_left(ys, box[1]), bisect.bisect_left(ys, box[3])):
                    slot.setdefault((i, j), (r, k))
    found: dict[tuple[int, int], list[list[dict]]] = {}
    for run in runs:
        prev = None
        for c in run:
            i = bisect.bisect_right(xs, (c["x0"] + c["x1"]) / 2) - 1
            j = bisect.bisect_right(ys, (c["top"] + c["bottom"]) / 2) - 1
            cell = slot.get((i, j))
            if cell is None:
                prev = None
                continue
            if cell != prev:
                found.setdefault(cell, []).append([])
            found[cell][-1].append(c)
            prev = cell
    return [[None if box is None else "\n".join(l["text"] for l in merge_lines(found.get((r, k), [])))
             for k, box in enumerate(row)] for r, row in enumerate(rows)]
