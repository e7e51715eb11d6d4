"""Plain text as saved from legal portals and office exports.

Besides paragraphs, two table dumps occur: the tab dump that Word's "save as
text" and portal copy-paste produce (each cell on a line with a tab in front,
a blank line between rows, long cells running over several lines), and
Markdown pipe tables. Both become table blocks. ``**bold**`` markers from
Markdown exports become the bold flag.
"""
from __future__ import annotations

from pathlib import Path

import regex

from ..lang.markers import RECEIVERS
from ..lang.patterns import rx
from ..models.document import Block, Document, SourceInfo, Table
from ..models.errors import ExtractError
from .encoding import decode_text
from .layout import block_kind, header_rows, is_column_title, is_upper_line
from .paragraphs import CODE_AFTER_HYPHEN

_TAB_LINE = regex.compile(r"^ ?\t")
_PIPE_ROW = regex.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = regex.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BOLD = regex.compile(r"\*\*(.+?)\*\*", regex.S)


def read_txt(path: Path, data: bytes | None = None) -> Document:
    data = path.read_bytes() if data is None else data
    text, encoding = decode_text(data, path)
    blocks = parse_text(text)
    if not any(b.text.strip() or b.table for b in blocks):
        raise ExtractError(path, "no text in file")
    pages = 1 + sum(1 for b in blocks if b.kind == "page_break")
    source = SourceInfo.of(path, data, format="txt",
                           pages=pages if pages > 1 else None, ocr=False, encoding=encoding)
    return Document(source=source, blocks=blocks)


def parse_text(text: str) -> list[Block]:
    text = _unescape(text)
    lines = text.split("\n")
    if _is_layout_dump(lines):
        lines = _layout_lines(lines)
    blocks: list[Block] = []
    wrapped = _is_hard_wrapped(lines)
    if wrapped and _blank_separated(lines):
        wrapped = "paragraphs"  # a blank line is the only paragraph end: a ";" or "." inside goes on
    page = 1
    chunk: list[str] = []  # plain lines between two breaks (blank line, cell mark, rule, table)
    no_table_before = 0

    def flush() -> None:
        for line in logical_lines(chunk, wrapped):
            blocks.extend(_paragraphs(line, None))
        chunk.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if "\f" in line:
            before, _, after = line.partition("\f")
            if before.strip():
                chunk.append(before)
            flush()
            blocks.append(Block(kind="page_break", page=page))
            page += 1
            lines[i] = after
            continue
        if _TAB_LINE.match(line):
            flush()
            table, i = _tab_table(lines, i)
            if table.rows:
                blocks.append(Block(kind="table", text=table.text(), page=None, table=table))
            continue
        if _PIPE_ROW.match(line) and i + 1 < len(lines) and (_PIPE_RULE.match(lines[i + 1]) or _PIPE_ROW.match(lines[i + 1])):
            flush()
            table, i = _pipe_table(lines, i)
            if table.rows:  # a run of rules alone ("| --- |") is no table
                blocks.append(Block(kind="table", text=table.text(), table=table))
            continue
        if _LONE_BAR.match(line) and i >= no_table_before:
            found, end = _bar_table(lines, i)
            if found is None:
                no_table_before = end  # the cells of this run hold no table: not tried again at each bar
            else:
                flush()
                (table, before), i = found, end
                for cell in before:
                    chunk.extend(cell.split("\n"))
                    flush()
                blocks.append(Block(kind="table", text=table.text(), table=table))
                continue
        if _BREAK_LINE.match(line):
            flush()  # a blank line, a lone "|" (a cell of an HTML table), a rule, an empty emphasis
        else:
            chunk.append(line)
        i += 1
    flush()
    return blocks


# Markdown and HTML-to-text leave these between paragraphs and cells: a lone
# "|" (one cell of a layout table), rules ("-------" under the issuer and the
# motto), "** **" (an empty bold run)
_BREAK_LINE = regex.compile(r"^\s*(?:\|\s*)*$|^\s*[-_=–—]{3,}\s*$|^\s*(?:\*+\s*)+$|^\s*#+\s*$")
# a line that starts a new paragraph whatever came before: list marks, numbering,
# articles, "Căn cứ", the receivers' list, an emphasis run
_STARTS_ITEM = regex.compile(
    r"^\s*(?:[-–+•]\s|[IVXLC]+\s*[.:/)]\s|\d{1,2}(?:\.\d{1,2})*\s*[.)]\s|[a-zđ]\)\s|[ĐÐ]iều\s+\d|Chương\s+[IVXLC\d]"
    r"|Căn cứ\b|Nơi nhận|\(Kèm|\*)")
# the signer's authority and position, a line each ("KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH")
_SIGNER_LINE = regex.compile(r"^[\s*_]*(?:(?:KT|TM|Q|TL|TUQ)\s*\.|(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN)\b)")
_TERMINAL = regex.compile(r"[.;:!?…][\s*_”\"')]*$")
# a line in sentence case, "Độc lập - Tự do - Hạnh phúc" (a capital, then small letters) below one in
# capitals ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") inside one bold run: two lines, not one
_SENTENCE_CASE = rx(r"^[*_]*\p{Lu}[^*]*\p{Ll}")
# Markdown's emphasis marks, dropped to judge the case of a line ("**KẾ HOẠCH**")
_EMPHASIS_MARKS = rx(r"[*_]")
# the first letter or figure of a line: a small letter goes on with the sentence before ("thủy sản giai đoạn …")
_FIRST_LETTER_OR_DIGIT = rx(r"\p{L}|\d")
# the wide run of spaces between the columns of a ``pdftotext -layout`` header:
# "ỦY BAN NHÂN DÂN           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_COLUMN_GAP = rx(r"\S\s{6,}\S")
_COLUMN_SPACES = rx(r"\s{6,}")
# a Markdown heading's marks: "## I. MỤC ĐÍCH, YÊU CẦU"
_MARKDOWN_HEADING = rx(r"^\s*#{1,6}\s+")
# single "*" of an italic run, at a word's start or end: "*Hà Nội, ngày 10 tháng 6 năm 2025*"; "5 * 3" stays
_ITALIC_MARK = rx(r"(?:(?<=^|\s)\*+(?=\S))|(?:(?<=\S)\*+(?=[\s.,;:!?)]|$))")
_DOC_TYPE_LINE = regex.compile(
    r"(?i)^[\s*_]*(?:quyết\s+định|kế\s+hoạch|chương\s+trình|nghị\s+quyết|chỉ\s+thị|quy\s+chế|quy\s+định"
    r"|thông\s+báo|báo\s+cáo|đề\s+án|phương\s+án|hướng\s+dẫn|công\s+điện)[\s*_:]*$")


def _unescape(text: str) -> str:
    """Line ends as \\n. Some portals export the page's text with its line ends
    escaped ("\\\\r\\\\n" as four characters); such a file has almost no real ones."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    escaped = text.count("\\n")
    if escaped > 20 and escaped > 5 * text.count("\n"):
        text = text.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\t", "\t")
    return text


def _stars(line: str) -> tuple[int, int]:
    """(double, single) emphasis marks of a line: "**" bold, "*" italic."""
    double = line.count("**")
    return double, line.count("*") - 2 * double


def _emphasis_runs(lines: list[str]) -> list[str]:
    """Lines joined while an emphasis run ("**I. MỤC\\nĐÍCH, YÊU CẦU**",
    "*Đồng Tháp,\\nngày 19 tháng 11 năm 2025*") is open: a run is one unit."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k].strip()
        double, single = _stars(line)
        end = k + 1
        # a run that never closes (a stray mark) joins at most a few lines
        while (double % 2 or single % 2) and end < len(lines) and end - k < 8:
            nxt = lines[end].strip()
            d, s = _stars(nxt)
            if _upper(line) and _SENTENCE_CASE.match(nxt) or _SIGNER_LINE.match(nxt):
                # "CỘNG HÒA … VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in one bold run: two lines
                mark = "**" if double % 2 else "*"
                out.append(line + mark)
                line = mark + nxt
            else:
                line = _join(line, nxt)
            double, single = double + d, single + s
            end += 1
        out.append(line)
        k = end
    return out


def _join(a: str, b: str) -> str:
    if a.endswith("-") and not a.endswith(" -") and CODE_AFTER_HYPHEN.match(b):
        return a + b  # "NĐ-\nCP": a document number broken at its hyphen
    return a + " " + b


def _marked(unit: str) -> bool:
    """The whole unit is one emphasis run: a heading, a cell or a date of its own."""
    u = unit.strip()
    return len(u) > 2 and u.startswith("*") and u.endswith("*")


def _upper(text: str) -> bool:
    return is_upper_line(_EMPHASIS_MARKS.sub("", text))


def logical_lines(chunk: list[str], wrapped) -> list[str]:
    """The lines of one chunk (between blank lines or cell marks) as logical
    lines, marks kept: emphasis runs joined, hard-wrapped paragraphs unwrapped."""
    out: list[str] = []
    for u in _emphasis_runs([l for l in chunk if l.strip()]):
        if out and _continues(out[-1], u, wrapped):
            out[-1] = _join(out[-1], u)
        else:
            out.append(u)
    return out


def _continues(a: str, b: str, wrapped) -> bool:
    """Does line ``b`` go on with the paragraph of line ``a``? ``wrapped``: False
    (a line is a paragraph), True (lines wrapped at a width) or "paragraphs"
    (wrapped, and paragraphs end only at blank lines)."""
    if _marked(a) or _marked(b) or _STARTS_ITEM.match(b) or _SIGNER_LINE.match(b) or _DOC_TYPE_LINE.match(a):
        return False
    first = _FIRST_LETTER_OR_DIGIT.search(b)
    if first and first.group(0).islower() and not _TERMINAL.search(a):
        return True  # a sentence does not start with a small letter
    if wrapped != "paragraphs" and (_TERMINAL.search(a) or not wrapped):
        return False
    # "THỰC HIỆN …\nTRÊN ĐỊA BÀN …" goes on, "CỘNG HÒA …\nĐộc lập - Tự do" does not
    return _upper(a) == _upper(b)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Portal pages wrap lines at a fixed width (about 80 characters); Word
    exports put one paragraph on a line. Wrapped: most long lines stop
    mid-sentence, and few lines run far past the width."""
    text = [x.strip() for x in lines if x.strip() and not _TAB_LINE.match(x) and not _BREAK_LINE.match(x)
            and not _PIPE_ROW.match(x)]
    if len(text) < 10:
        return False
    widths = sorted(len(x) for x in text)
    width = widths[int(len(widths) * 0.9)]
    if width > 130:
        return False
    long = [x for x in text if len(x) >= 0.6 * width]
    open_ended = sum(1 for x in long if not _TERMINAL.search(x))
    return len(long) >= 5 and open_ended / len(long) >= 0.4


def _blank_separated(lines: list[str]) -> bool:
    """Paragraphs stand between blank lines (most text lines sit in runs that a blank line ends)."""
    runs = ends = 0
    prev_text = False
    for x in lines:
        text = bool(x.strip()) and not _BREAK_LINE.match(x)
        if prev_text and not x.strip():
            ends += 1
        if text and not prev_text:
            runs += 1
        prev_text = text
    return runs >= 10 and ends / runs > 0.6


def _is_layout_dump(lines: list[str]) -> bool:
    """``pdftotext -layout`` output: the header's two columns side by side, a
    wide run of spaces between them, body paragraphs with a first-line indent."""
    head = [l for l in lines[:15] if l.strip()]
    return sum(1 for l in head if _COLUMN_GAP.search(l)) >= 2


def _layout_lines(lines: list[str]) -> list[str]:
    """A layout dump as plain lines: the header's columns one after the other
    (left, then right), a blank line before every indented line so that each
    paragraph starts anew, and its continuation lines (flush left) go on."""
    header_end = next((k for k, l in enumerate(lines[:30]) if _DOC_TYPE_LINE.match(l)), min(len(lines), 12))
    left: list[str] = []
    right: list[str] = []
    for l in lines[:header_end]:
        parts = [p for p in _COLUMN_SPACES.split(l.strip()) if p]
        if len(parts) >= 2:
            left.append(parts[0])
            right.append(" ".join(parts[1:]))
        elif parts:
            indent = len(l) - len(l.lstrip())
            (right if indent > 25 else left).append(parts[0])
        else:
            left.append("")
            right.append("")
    out = left + [""] + right + [""]
    k = header_end
    while k < len(lines):
        l = lines[k]
        if RECEIVERS.match(l):
            block, k = _closing_columns(lines, k)
            out.extend(block)
            continue
        if l[:1] == " " and l.strip():
            out.append("")
        out.append(l.strip())
        k += 1
    return out


def _closing_columns(lines: list[str], k: int) -> tuple[list[str], int]:
    """The closing block of a layout dump (receivers | authority, position,
    name) by columns, from the "Nơi nhận" line to the next document or 40 lines."""
    left: list[str] = []
    right: list[str] = []
    end = min(len(lines), k + 40)
    j = k
    while j < end:
        l = lines[j]
        if j > k and _DOC_TYPE_LINE.match(l):
            break
        parts = [p for p in _COLUMN_SPACES.split(l.strip()) if p]
        if len(parts) >= 2:
            left.append(parts[0])
            right.append(" ".join(parts[1:]))
        elif parts and len(l) - len(l.lstrip()) > 30:
            right.append(parts[0])
        elif parts:
            left.append(parts[0])
        j += 1
    return [""] + left + [""] + right + [""], j


def _paragraphs(line: str, page) -> list[Block]:
    bold = bool(_BOLD.search(line)) and not _BOLD.sub("", line).strip(" *_")
    clean = _BOLD.sub(r"\1", line).replace("**", "")
    clean = _MARKDOWN_HEADING.sub("", clean)
    clean = _italic(clean).strip()
    if not clean:
        return []
    return [Block(kind=block_kind(clean, bold=bold), text=clean, page=page, bold=bold)]


def _italic(text: str) -> str:
    """Single "*" marks of italic runs dropped ("*Hà Nội, ngày …*"); a star
    between words that is not a mark ("5 * 3") stays."""
    return _ITALIC_MARK.sub("", text)


# a portal's HTML table flattened one cell per line: "|" before every cell, and
# one more "|" where a row ends ("|\nSTT\n|\nNhiệm vụ\n|\n|\n1\n|\n…")
_LONE_BAR = regex.compile(r"^\s*\|\s*$")


def _bar_table(lines: list[str], i: int) -> tuple[tuple[Table, list[str]] | None, int]:
    """The table that starts at the lone "|" of line ``i``, when what follows
    is one: rows of three cells or more under a row of column titles, and the
    layout cells found before its first row (they are text); and the line
    after the run of cells, before which no other table can start. A header's
    or a signature's two layout cells are not read as a table."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    bar_before = False
    j, n = i, len(lines)
    end = i  # after the last bar: lines after it that no bar closes are not the table's
    while j < n:
        line = lines[j]
        if _LONE_BAR.match(line):
            if cell:
                row.append("\n".join(cell))
                cell = []
            elif bar_before and row:
                rows.append(row)  # "|" right after "|": the row ended
                row = []
            bar_before = True
            j += 1
            end = j
            continue
        if not line.strip() or len(cell) > 40:
            break  # a blank line outside the cells, or no cell ends: the table is over
        cell.append(line.strip())
        bar_before = False
        j += 1
    if row:
        rows.append(row)
    def title(cell: str) -> bool:
        return is_column_title(_BOLD.sub(r"\1", cell).strip(" *"))

    # layout cells before the table, with or without a row end ("Nơi nhận" | signature | "PHỤ LỤC" | STT …):
    # the table starts at its first column title
    top = next((k for k, r in enumerate(rows) if any(title(c) for c in r)), None)
    if top is None:
        return None, end
    first = next(k for k, c in enumerate(rows[top]) if title(c))
    before = [c for r in rows[:top] for c in r] + rows[top][:first]
    rows = [rows[top][first:]] + rows[top + 1:]
    if len(rows) < 2 or sum(len(r) >= 3 for r in rows) < 2:
        return None, end
    width = max(len(r) for r in rows)
    cleaned = [[_clean_bar_cell(c) for c in r] + [""] * (width - len(r)) for r in rows]
    head = header_rows(cleaned)
    if not head:
        return None, end  # column titles (STT, Nội dung, Chủ trì, …) make a data table; layout cells have none
    return (Table(rows=cleaned, header_rows=head), before), end


def _clean_bar_cell(text: str) -> str:
    text = " ".join(l for l in logical_lines(text.split("\n"), True))
    return _italic(_BOLD.sub(r"\1", text).replace("**", "")).strip()


def _tab_table(lines: list[str], i: int) -> tuple[Table, int]:
    """Read a tab dump starting at line i; return the table and the next line index."""
    rows: list[list[str]] = []
    row: list[str] = []
    n = len(lines)
    while i < n:
        line = lines[i]
        if _TAB_LINE.match(line):
            cells = _TAB_LINE.sub("", line, count=1).split("\t")
            row.extend(c for c in cells)
            i += 1
            continue
        if line == "":
            # blank lines end the row; text without a tab after them still
            # belongs to the cell when the table resumes a few lines later
            j = i
            while j < n and lines[j] == "":
                j += 1
            if j >= n:
                i = j
                break
            if _TAB_LINE.match(lines[j]):
                if row:
                    rows.append(row)
                    row = []
                i = j
                continue
            if row and _continues_cell(lines, j, blank_run=j - i):
                row[-1] += "\n"
                i = j
                continue
            i = j
            break
        # a line without a tab continues the cell above
        if row:
            row[-1] += "\n" + line
        i += 1
    if row:
        rows.append(row)
    rows = [[_clean_cell(c) for c in r] for r in rows]
    width = max((len(r) for r in rows), default=0)
    # Ragged rows (a dump drops empty cells of merged areas) are padded on the
    # right; aligning them is the budget reconciler's job, which can check sums.
    rows = [r + [""] * (width - len(r)) for r in rows]
    return Table(rows=rows, header_rows=header_rows(rows)), i


def _continues_cell(lines: list[str], j: int, blank_run: int = 1, max_lines: int = 15) -> bool:
    """Is the non-tab text at j still inside a cell? Only when a tab line
    follows within a few lines (a cell holds bullet points, not a chapter), or
    when a single blank line separates the document's last few lines from the
    last row (Word's text export ends a table with two)."""
    text_lines = 0
    end = min(len(lines), j + 4 * max_lines)
    for k in range(j, end):
        if _TAB_LINE.match(lines[k]):
            return True
        if lines[k].strip():
            text_lines += 1
            if text_lines > max_lines:
                return False
    if end == len(lines):
        return blank_run == 1 and text_lines <= 3
    return False


def _clean_cell(c: str) -> str:
    parts = [p.strip() for p in c.split("\n")]
    return "\n".join(p for p in parts if p).strip()


def _pipe_table(lines: list[str], i: int) -> tuple[Table, int]:
    rows = []
    while i < len(lines) and (_PIPE_ROW.match(lines[i]) or _PIPE_RULE.match(lines[i])):
        if not _PIPE_RULE.match(lines[i]):
            cells = lines[i].strip().strip("|").split("|")
            rows.append([_BOLD.sub(r"\1", c).replace("<br>", "\n").strip() for c in cells])
        i += 1
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return Table(rows=rows, header_rows=header_rows(rows)), i
