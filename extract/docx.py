"""Word documents (python-docx): paragraphs with their bold/centred/heading
look, tables with merged cells resolved, the two-column header table, text in
headers, footers and text boxes."""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import regex

from vnlegal.extract.errors import ExtractError
from vnlegal.extract.layout import block_kind
from vnlegal.models.document import Block, Document, SourceInfo, grid_from_rows

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WS = regex.compile(r"[ \t\u00a0]+")


def read_docx(path: Path, data: bytes | None = None) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    data = path.read_bytes() if data is None else data
    if not data:
        raise ExtractError(path, "empty file")
    try:
        d = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ExtractError(path, f"not a readable DOCX ({type(e).__name__}: {str(e)[:80]})") from None
    except Exception as e:  # lxml errors on a damaged part
        raise ExtractError(path, f"damaged DOCX ({type(e).__name__}: {str(e)[:80]})") from None
    blocks: list[Block] = []
    page = 1
    for section in d.sections[:1]:
        for p in section.header.paragraphs:
            if p.text.strip():
                blocks.append(Block(kind="paragraph", text=_clean(p.text), page=page, style="header"))
    for el in d.element.body.iterchildren():
        tag = el.tag.replace(W, "")
        if tag == "p":
            text = _paragraph_text(el)
            breaks = len(el.findall(f".//{W}br[@{W}type='page']")) + (1 if el.find(f"{W}pPr/{W}sectPr") is not None else 0)
            if text.strip():
                blocks.append(_paragraph_block(el, text, page))
            for box in el.iter(f"{W}txbxContent"):
                for bp in box.iter(f"{W}p"):
                    t = _paragraph_text(bp)
                    if t.strip():
                        blocks.append(Block(kind="paragraph", text=_clean(t), page=page, style="textbox"))
            for _ in range(breaks):
                blocks.append(Block(kind="page_break", page=page))
                page += 1
        elif tag == "tbl":
            table = _table(el)
            if table.rows:
                blocks.append(Block(kind="table", text=table.text(), page=page, table=table))
    for section in d.sections[:1]:
        for p in section.footer.paragraphs:
            if p.text.strip():
                blocks.append(Block(kind="paragraph", text=_clean(p.text), page=page, style="footer"))
    if not any(b.text.strip() for b in blocks):
        raise ExtractError(path, "no text in document")
    source = SourceInfo(file=path.name, sha256=hashlib.sha256(data).hexdigest(), format="docx",
                        pages=max(_page_count(data) or 0, page) or None, ocr=False, encoding=None)
    return Document(source=source, blocks=blocks)


def _page_count(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            app = z.read("docProps/app.xml").decode("utf-8", "replace")
        m = regex.search(r"<Pages>(\d+)</Pages>", app)
        return int(m.group(1)) if m else None
    except (KeyError, zipfile.BadZipFile):
        return None


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}txbxContent"):
        if node.tag == f"{W}txbxContent":
            continue
        if _inside_textbox(node, p):
            continue
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        elif node.tag == f"{W}br" and node.get(f"{W}type") != "page":
            parts.append("\n")
    return "".join(parts)


def _inside_textbox(node, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == f"{W}txbxContent":
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
    runs = [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
    bold_runs = [r for r in runs if _run_bold(r)]
    bold = bool(runs) and len(bold_runs) == len(runs)
    text = _clean(text)
    kind = "heading" if style and regex.match(r"(?i)heading|title|tiêu", style) else block_kind(text, bold, centered)
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
            text = "\n".join(t for t in (_clean(_paragraph_text(p)) for p in tc.iter(f"{W}p")) if t)
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
    from vnlegal.extract.layout import header_rows as by_words
    return by_words(rows)
