"""Word documents: paragraphs with their bold/centred/heading look, tables
with merged cells resolved, the two-column header table, text in headers,
footers, text boxes and content controls. The WordprocessingML is read with
lxml (see _Package for why not through python-docx)."""
from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

import regex
from lxml import etree

from ..lang.patterns import rx
from ..models.document import Block, Document, SourceInfo, grid_from_rows
from ..models.errors import ExtractError
from . import limits
from .layout import block_kind
from .limits import human_size

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
P, TBL, T, TAB, BR, TXBX, RUN, SDT = (f"{W}{t}" for t in ("p", "tbl", "t", "tab", "br", "txbxContent", "r", "sdt"))
_PAGE_BREAKS = f".//{W}br[@{W}type='page']"
_SECTION_END = f"{W}pPr/{W}sectPr"
_OFFICE_DOCUMENT = "/officeDocument"
# a DOCX is untrusted input: no entities, no network, no size surprises beyond lxml's limits
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
_WS = regex.compile(r"[ \t\u00a0]+")
# the page count Word saved in docProps/app.xml: "<Pages>3</Pages>"
_PAGES = rx(r"<Pages>(\d+)</Pages>")
# a paragraph style id that opens with a heading's name, in any case: "Heading1", "Title", a Vietnamese
# template's "Tiêuđề1"; the style says heading whatever the text looks like
_HEADING_STYLE = rx(r"(?i)heading|title|tiêu")


def read_docx(path: Path, data: bytes | None = None) -> Document:
    data = path.read_bytes() if data is None else data
    if not data:
        raise ExtractError(path, "empty file")
    package = _Package(path, data)
    body = package.body
    blocks: list[Block] = []
    page = 1
    for p in package.first_section_part("header"):
        text = _paragraph_text(p)
        if text.strip():
            blocks.append(Block(kind="paragraph", text=_clean(text), page=page, style="header"))
    for el in _body_items(body):
        if el.tag == P:
            text = _paragraph_text(el)
            breaks = len(el.findall(_PAGE_BREAKS)) + (1 if el.find(_SECTION_END) is not None else 0)
            if text.strip():
                blocks.append(_paragraph_block(el, text, page))
            for box in el.iter(TXBX):
                for bp in box.iter(P):
                    t = _paragraph_text(bp)
                    if t.strip():
                        blocks.append(Block(kind="paragraph", text=_clean(t), page=page, style="textbox"))
            for _ in range(breaks):
                blocks.append(Block(kind="page_break", page=page))
                page += 1
        else:
            table = _table(el)
            if table.rows:
                blocks.append(Block(kind="table", text=table.text(), page=page, table=table))
    for p in package.first_section_part("footer"):
        text = _paragraph_text(p)
        if text.strip():
            blocks.append(Block(kind="paragraph", text=_clean(text), page=page, style="footer"))
    if not any(b.text.strip() for b in blocks):
        raise ExtractError(path, "no text in document")
    source = SourceInfo.of(path, data, format="docx",
                           pages=max(package.page_count() or 0, page) or None, ocr=False, encoding=None)
    return Document(source=source, blocks=blocks)


def _body_items(parent):
    """Paragraphs and tables in order, including those inside content controls."""
    for el in parent.iterchildren(P, TBL, SDT):
        if el.tag == SDT:
            content = el.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_items(content)
        else:
            yield el


class _Package:
    """The parts of a DOCX the reader needs, and nothing else: the main
    document, the first section's header and footer, the page count.

    python-docx parses every XML part of the package (styles, numbering,
    theme, settings, …) into its own element classes first; that took longer
    than the whole reading, so the parts are found through the package
    relationships and parsed with lxml directly.
    """

    def __init__(self, path: Path, data: bytes):
        self.path = path
        self._rels_read: dict[str, dict[str, tuple[str, str]]] = {}
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            main = self._target("", _OFFICE_DOCUMENT)
            if main is None:
                raise ExtractError(path, "not a readable DOCX (no main document part)")
            self.main = main
            root = self._xml(main)
        except ExtractError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as e:
            raise ExtractError(path, f"not a readable DOCX ({type(e).__name__}: {str(e)[:80]})") from None
        except etree.LxmlError as e:
            raise ExtractError(path, f"damaged DOCX ({type(e).__name__}: {str(e)[:80]})") from None
        body = root.find(f"{W}body")
        if root.tag != f"{W}document" or body is None:
            raise ExtractError(path, f"not a Word document ({main} holds {etree.QName(root).localname})")
        self.body = body

    def _xml(self, name: str):
        return etree.fromstring(self._part(name), _PARSER)

    def _part(self, name: str) -> bytes:
        # the size a part declares in the zip's central directory bounds what
        # zipfile inflates (it stops there and checks the CRC), so a part that
        # would inflate past the bound is refused before a byte is inflated
        bound = limits.current().max_part_size
        size = self.zip.getinfo(name).file_size
        if bound and size > bound:
            raise ExtractError(self.path, f"DOCX part {name} would expand to {human_size(size)}, over the limit of "
                                          f"{human_size(bound)} (--max-part-size)")
        return self.zip.read(name)

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, part name) of ``part`` ("" for the package),
        read once per part (the header and the footer share the main part's)."""
        if part not in self._rels_read:
            self._rels_read[part] = self._read_rels(part)
        return self._rels_read[part]

    def _read_rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, _, file = part.rpartition("/")
        rels_name = f"{folder + '/' if folder else ''}_rels/{file}.rels"
        try:
            root = self._xml(rels_name)
        except KeyError:
            return {}
        out = {}
        for rel in root:
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id")] = (rel.get("Type", ""), name)
        return out

    def _target(self, part: str, rel_type: str) -> str | None:
        for kind, name in self._rels(part).values():
            if kind.endswith(rel_type):
                return name
        return None

    def first_section_part(self, which: str) -> list:
        """Paragraphs of the first section's default header or footer."""
        sect = self.body.find(f"{W}p/{W}pPr/{W}sectPr")
        if sect is None:
            sect = self.body.find(f"{W}sectPr")
        if sect is None:
            return []
        ref = next((r for r in sect.iterchildren(f"{W}{which}Reference") if r.get(f"{W}type", "default") == "default"), None)
        if ref is None:
            return []
        target = self._rels(self.main).get(ref.get(f"{R}id"))
        try:
            return list(self._xml(target[1]).iterchildren(P)) if target else []
        except (KeyError, etree.LxmlError):
            return []  # a broken header does not cost the document

    def page_count(self) -> int | None:
        try:
            app = self._part("docProps/app.xml").decode("utf-8", "replace")
        except KeyError:
            return None
        m = _PAGES.search(app)
        return int(m.group(1)) if m else None


def _paragraph_text(p) -> str:
    parts = []
    boxes = False  # text boxes are read as their own paragraphs
    for node in p.iter(T, TAB, BR, TXBX):
        tag = node.tag
        if tag == TXBX:
            boxes = True
        elif boxes and _inside_textbox(node, p):
            continue
        elif tag == T:
            parts.append(node.text or "")
        elif tag == TAB:
            parts.append(" ")
        elif node.get(f"{W}type") != "page":
            parts.append("\n")
    return "".join(parts)


def _inside_textbox(node, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == TXBX:
            return True
        parent = parent.getparent()
    return False


def _clean(text: str) -> str:
    return "\n".join(_WS.sub(" ", line).strip() for line in text.split("\n")).strip()


def _paragraph_block(p, text: str, page: int) -> Block:
    ppr = p.find(f"{W}pPr")
    style = None
    centered = False
    if ppr is not None:
        st = ppr.find(f"{W}pStyle")
        style = st.get(f"{W}val") if st is not None else None
        jc = ppr.find(f"{W}jc")
        centered = jc is not None and jc.get(f"{W}val") in ("center", "centre")
    runs = [r for r in p.iter(RUN) if "".join(t.text or "" for t in r.iter(T)).strip()]
    bold_runs = [r for r in runs if _run_bold(r)]
    bold = bool(runs) and len(bold_runs) == len(runs)
    text = _clean(text)
    kind = "heading" if style and _HEADING_STYLE.match(style) else block_kind(text, bold, centered)
    return Block(kind=kind, text=text, bold=bold, centered=centered, style=style, page=page)


def _run_bold(r) -> bool:
    rpr = r.find(f"{W}rPr")
    if rpr is None:
        return False
    b = rpr.find(f"{W}b")
    return b is not None and b.get(f"{W}val") not in ("0", "false")


def _table(tbl):
    """Grid with merged cells resolved: gridSpan across, vMerge down."""
    rows = []
    vmerge_origin: dict[int, list] = {}
    for tr in tbl.iterchildren(f"{W}tr"):
        row = []
        col = 0
        for tc in tr.iterchildren(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span = 1
            vmerge = None
            if tcpr is not None:
                gs = tcpr.find(f"{W}gridSpan")
                span = int(gs.get(f"{W}val")) if gs is not None else 1
                vm = tcpr.find(f"{W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{W}val") or "continue"
            text = "\n".join(t for t in (_clean(_paragraph_text(p)) for p in tc.iter(P)) if t)
            if vmerge == "continue" and col in vmerge_origin:
                vmerge_origin[col][2] += 1  # grow the rowspan of the cell above
                # a continued cell occupies its place: keep the grid rectangular
                row.append(None)
            else:
                cell = [text, span, 1]
                row.append(cell)
                if vmerge == "restart":
                    vmerge_origin[col] = cell
                else:
                    vmerge_origin.pop(col, None)
            col += span
        rows.append(row)
    cleaned = [[tuple(c) for c in row if c is not None] for row in rows]
    table = grid_from_rows(cleaned)
    table.header_rows = _header_rows(table.rows, tbl)
    return table


def _header_rows(rows, tbl) -> int:
    marked = sum(1 for tr in tbl.iterchildren(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is not None)
    if marked:
        return marked
    from .layout import header_rows as by_words
    return by_words(rows)
