"""HTML pages saved from legal portals: paragraphs, <br> line breaks, tables
with colspan/rowspan. Scripts, styles and navigation are dropped."""
from __future__ import annotations

from pathlib import Path

import regex

from ..models.document import Block, Document, SourceInfo, grid_from_rows
from ..models.errors import ExtractError
from .encoding import decode_text
from .layout import block_kind

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "center", "blockquote", "pre", "section", "article", "td", "th", "body"}
_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "head", "iframe", "form", "button", "select"}
_WS = regex.compile(r"[ \t\r\n\u00a0]+")
_CHARSET = regex.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", regex.I)


def read_html(path: Path, data: bytes | None = None) -> Document:
    import lxml.html

    data = path.read_bytes() if data is None else data
    m = _CHARSET.search(data[:4000])
    declared = m.group(1).decode("ascii").lower() if m else None
    if declared and declared not in ("utf-8", "utf8"):
        try:
            text, encoding = data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            text, encoding = decode_text(data, path)
    else:
        text, encoding = decode_text(data, path)
    try:
        parser = lxml.html.HTMLParser()
        root = lxml.html.fromstring(text, parser=parser)
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            # libxml2 drops what lies deeper than 256 elements (or a text node over
            # 10 MB): the page is parsed again with its nesting capped and the
            # huge-text limit lifted, every word kept
            root = lxml.html.fromstring(cap_nesting(text, MAX_DEPTH), parser=lxml.html.HTMLParser(huge_tree=True))
    except Exception as e:
        raise ExtractError(path, f"unreadable HTML ({type(e).__name__})") from None
    blocks: list[Block] = []
    _walk(root, blocks)
    if not any(b.text.strip() for b in blocks):
        raise ExtractError(path, "no text in HTML page")
    source = SourceInfo.of(path, data, format="html",
                           pages=None, ocr=False, encoding=encoding)
    return Document(source=source, blocks=blocks)


MAX_DEPTH = 200  # below libxml2's 256, and far below Python's recursion limit in _walk
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def cap_nesting(text: str, depth: int) -> str:
    """The page re-written with elements deeper than ``depth`` unwrapped: their
    text stays where it was, a block element's edges become line breaks. Read
    with the standard library's tokenizer, which has no depth limit and does not
    recurse. Pages nested that deep are machine-made wrappers; no layout a
    reader needs lives at level 200."""
    import html
    from html.parser import HTMLParser

    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, written)

    class Capper(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in _VOID:
                out.append(self.get_starttag_text() or "")
                return
            written = len(stack) < depth
            stack.append((tag, written))
            out.append(self.get_starttag_text() or "" if written else "\n" if tag in _BLOCK_TAGS else "")

        def handle_startendtag(self, tag, attrs):
            out.append(self.get_starttag_text() or "")

        def handle_endtag(self, tag):
            if not any(t == tag for t, _ in stack):
                return  # a stray end tag, as the HTML parser would ignore it
            while stack:
                t, written = stack.pop()
                out.append(f"</{t}>" if written else "\n" if t in _BLOCK_TAGS else "")
                if t == tag:
                    break

        def handle_data(self, data):
            out.append(html.escape(data, quote=False))

        def handle_decl(self, decl):
            out.append(f"<!{decl}>")

    capper = Capper(convert_charrefs=True)
    capper.feed(text)
    capper.close()
    return "".join(out)


def _walk(el, blocks: list[Block]) -> None:
    buf: list[str] = []
    bold = [True]

    def flush():
        text = "".join(buf)
        buf.clear()
        for line in text.split("\n"):
            line = _WS.sub(" ", line).strip()
            if line:
                blocks.append(Block(kind=block_kind(line, bold[0]), text=line, bold=bold[0]))
        bold[0] = True

    def visit(node, in_bold=False):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP:
            if node.tail:
                buf.append(node.tail)
            return
        if tag == "table":
            flush()
            table = _table(node)
            if table.rows:
                blocks.append(Block(kind="table", text=table.text(), table=table))
            if node.tail:
                buf.append(node.tail)
            return
        is_block = tag in _BLOCK_TAGS
        if is_block:
            flush()
        b = in_bold or tag in ("b", "strong") or tag.startswith("h") and tag[1:].isdigit()
        if tag == "br":
            buf.append("\n")
        if node.text:
            buf.append(node.text)
            if node.text.strip() and not b:
                bold[0] = False
        for child in node:
            visit(child, b)
        if is_block:
            flush()
        if node.tail:
            buf.append(node.tail)
            if node.tail.strip():
                bold[0] = False

    visit(el)
    flush()


def _table(table):
    rows = []
    for tr in table.iter("tr"):
        row = []
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            html_text = "".join(_cell_text(cell))
            text = "\n".join(_WS.sub(" ", l).strip() for l in html_text.split("\n") if l.strip())
            row.append((text, int(cell.get("colspan", "1") or 1), int(cell.get("rowspan", "1") or 1)))
        if row:
            rows.append(row)
    t = grid_from_rows(rows)
    from .layout import header_rows
    t.header_rows = sum(1 for tr in table.iter("tr") if tr.find("th") is not None and tr.find("td") is None) or header_rows(t.rows)
    return t


def _cell_text(cell):
    if cell.text:
        yield cell.text
    for child in cell:
        if child.tag == "br" or child.tag in ("p", "div", "li"):
            yield "\n"
        yield from _cell_text(child)
        if child.tag in ("p", "div", "li"):
            yield "\n"
        if child.tail:
            yield child.tail
