"""`vnlegal show`: one decision as a page to read and check. The document's
text in reading order, every extracted fact highlighted where it was read
(from its provenance), a panel listing the facts by kind that jump to their
place, and the budget table with every check and issue marked. HTML (one
self-contained file, no script) or Markdown."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from vnlegal.check import _money, budget_checks
from vnlegal.pages import environment

KINDS = {  # kind → heading of its panel list
    "meta": "Document", "basis": "Legal bases", "section": "Sections", "target": "Targets",
    "agency": "Agencies and tasks", "assignment": "Assignments", "budget": "Budget", "issue": "Issues",
}


@dataclass
class Fact:
    id: str
    kind: str
    label: str
    detail: str = ""
    provenance: Optional[dict] = None
    severity: Optional[str] = None  # issues only


@dataclass
class Segment:
    text: str
    facts: list[str] = field(default_factory=list)  # ids of the facts covering it
    kinds: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # ids of the facts starting here


def _fmt_vnd(v) -> str:
    return "—" if v is None else f"{v:,}".replace(",", ".") + " đồng"


def facts(record: dict) -> list[Fact]:
    """Every fact of the record that a reader may want to find in the text."""
    out: list[Fact] = []
    m = record.get("meta") or {}
    where = m.get("provenance") or {}
    labels = {"doc_type": "Type", "number": "Number", "issued_date": "Date", "issuer": "Issuer",
              "locality": "Locality", "title": "Title", "signer": "Signer"}
    for key, label in labels.items():
        value = m.get(key)
        if key == "signer" and value:
            value = " · ".join(x for x in (value.get("name"), value.get("position")) if x)
        if value:
            out.append(Fact(f"meta-{key}", "meta", label, str(value), where.get(key)))
    for i, b in enumerate(m.get("legal_bases") or []):
        out.append(Fact(f"basis-{i}", "basis", " ".join(x for x in (b.get("doc_type"), b.get("number")) if x)
                        or (b.get("title") or b.get("text", ""))[:60], b.get("date") or "", b.get("provenance")))

    def walk(sections, depth=0):
        for s in sections:
            yield s, depth
            yield from walk(s.get("children") or [], depth + 1)
    for i, (s, depth) in enumerate(walk(record.get("sections") or [])):
        out.append(Fact(f"section-{i}", "section", ("  " * depth) + (s.get("heading") or "")[:80], s.get("kind", ""),
                        s.get("provenance")))
    for i, t in enumerate(record.get("targets") or []):
        value = t.get("value")
        shown = "" if value is None else f"{value:g}" + (f"–{t['value_max']:g}" if t.get("value_max") is not None else "")
        label = f"{shown} {t.get('unit') or ''}".strip() + (f" by {t['deadline']}" if t.get("deadline") else "")
        out.append(Fact(f"target-{i}", "target", label, t.get("metric") or "", t.get("provenance")))
    for i, a in enumerate(record.get("agencies") or []):
        out.append(Fact(f"agency-{i}", "agency", a["name"], a.get("role", ""), a.get("provenance")))
        for j, (task, p) in enumerate(zip(a.get("tasks") or [], a.get("tasks_provenance") or [])):
            out.append(Fact(f"agency-{i}-task-{j}", "agency", f"  task of {a['name']}", task[:140], p))
    for i, a in enumerate(record.get("assignments") or []):
        out.append(Fact(f"assignment-{i}", "assignment", a["task"][:80], ", ".join(a.get("lead") or []),
                        a.get("provenance")))
    b = record.get("budget") or {}
    if b.get("total_text"):
        out.append(Fact("budget-total", "budget", "Total", _fmt_vnd(b.get("total_vnd")), b.get("provenance")))
    if b.get("in_words"):
        out.append(Fact("budget-words", "budget", "In words", _fmt_vnd(b["in_words"].get("amount_vnd")),
                        b["in_words"].get("provenance")))
    for i, s in enumerate(b.get("sources") or []):
        out.append(Fact(f"budget-source-{i}", "budget", s.get("label", ""), _fmt_vnd(s.get("amount_vnd")),
                        s.get("provenance")))
    t = b.get("table")
    if t:
        for i, g in enumerate(t.get("groups") or []):
            out.append(Fact(f"budget-group-{i}", "budget", f"{g['code']} {g['label'][:60]}", _fmt_vnd(g.get("total_vnd")),
                            g.get("provenance")))
        for i, it in enumerate(t.get("items") or []):
            code = ".".join(x for x in (it.get("group"), it.get("code")) if x)
            out.append(Fact(f"budget-item-{i}", "budget", f"{code} {it['description'][:60]}",
                            _fmt_vnd(it.get("total_vnd")), it.get("provenance")))
    for i, issue in enumerate(record.get("issues") or []):
        out.append(Fact(f"issue-{i}", "issue", f"{issue['code']} · {issue.get('where', '')}", issue.get("detail", ""),
                        issue.get("provenance"), severity=issue.get("severity")))
    return out


def _block_spans(p: dict, blocks: list[dict]) -> list[tuple[int, int, int]]:
    """A provenance as (block, start, end) pieces, one per block it covers."""
    last = p.get("block_end")
    if last is None:
        return [(p["block"], p["start"], p["end"])]
    pieces = [(p["block"], p["start"], len(blocks[p["block"]].get("text", "")))]
    pieces += [(i, 0, len(blocks[i].get("text", ""))) for i in range(p["block"] + 1, last)]
    return pieces + [(last, 0, p["end"])]


def _segments(text: str, marks: list[tuple[int, int, Fact]], offset: int = 0) -> list[Segment]:
    """``text`` (which starts at ``offset`` in its block) cut where facts start
    and end; each piece knows the facts covering it."""
    end_of = offset + len(text)
    inside = [(max(a, offset), min(b, end_of), f) for a, b, f in marks if a < end_of and b > offset and b > a]
    cuts = sorted({offset, end_of, *[a for a, _, _ in inside], *[b for _, b, _ in inside]})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [f for x, y, f in inside if x <= a and y >= b]
        out.append(Segment(text[a - offset:b - offset], [f.id for f in covering], sorted({f.kind for f in covering})))
    return out


@dataclass
class View:
    """What the templates get: the record's parts laid out for reading."""
    record: dict
    title: str
    facts: list[Fact]
    by_kind: dict[str, list[Fact]]
    blocks: list[dict]  # {"kind", "page", "segments" | "rows": [[segments per cell]], "row_facts": {row: [ids]}}
    checks: list
    failed: int
    budget_rows: list[dict]
    years: list[str]
    unit: str


def view(record: dict) -> View:
    blocks = (record.get("document") or {}).get("blocks") or []
    fs = facts(record)
    marks: dict[int, list[tuple[int, int, Fact]]] = {}
    starts: dict[int, list[tuple[int, str]]] = {}  # block → (offset, fact id) where facts start
    for f in fs:
        if not f.provenance:
            continue
        for k, (block, a, b) in enumerate(_block_spans(f.provenance, blocks)):
            if block < len(blocks):
                marks.setdefault(block, []).append((a, b, f))
                if k == 0:
                    starts.setdefault(block, []).append((a, f.id))
    laid: list[dict] = []
    for i, b in enumerate(blocks):
        text = b.get("text", "")
        here = marks.get(i, [])
        item = {"index": i, "kind": b["kind"], "page": b.get("page")}
        table = b.get("table")
        if table and text == "\n".join("\t".join(r) for r in table["rows"]):
            rows, at = [], 0
            for row in table["rows"]:
                cells = []
                for cell in row:
                    cells.append(_segments(cell, here, at))
                    at += len(cell) + 1  # the tab, or the newline after the last cell
                rows.append(cells)
            item["rows"] = rows
            item["header_rows"] = table.get("header_rows", 0)
        else:
            item["segments"] = _segments(text, here)
        # the anchor of each fact sits in the piece where it starts
        for a, f_id in starts.get(i, []):
            # the first piece at or after its start (a table row may open with empty cells)
            for seg in _all_segments(item):
                if seg[1] >= a:
                    seg[0].anchors.append(f_id)
                    break
        laid.append(item)
    checks = budget_checks(record)
    t = (record.get("budget") or {}).get("table")
    by_kind: dict[str, list[Fact]] = {k: [] for k in KINDS}
    for f in fs:
        by_kind[f.kind].append(f)
    title = " ".join(x for x in ((record.get("meta") or {}).get("doc_type"), (record.get("meta") or {}).get("number"))
                     if x) or (record.get("source") or {}).get("file", "record")
    return View(record, title, fs, by_kind, laid, checks, sum(1 for c in checks if not c.ok),
                _budget_rows(record, checks) if t else [], [str(y) for y in t["years"]] if t else [],
                (t or {}).get("unit_label") or "")


def _all_segments(item: dict):
    """(segment, offset in the block) for every piece of a laid-out block."""
    if "segments" in item:
        at = 0
        for seg in item["segments"]:
            yield seg, at
            at += len(seg.text)
    else:
        at = 0
        for row in item["rows"]:
            for cell in row:
                start = at
                for seg in cell:
                    yield seg, at
                    at += len(seg.text)
                at = start + sum(len(s.text) for s in cell) + 1


def _budget_rows(record: dict, checks) -> list[dict]:
    """The budget table as rows for the page, each cell marked when a check
    fails there (✗) or an issue applies (!)."""
    t = record["budget"]["table"]
    mult = t["multiplier"]
    years = [str(y) for y in t["years"]]
    failed = {c.where: c for c in checks if not c.ok}
    flagged: dict[str, list[str]] = {}
    for n, i in enumerate(record.get("issues") or []):
        if i.get("code", "").startswith("budget."):
            flagged.setdefault(i.get("where", ""), []).append(f"issue-{n}")

    def cell(where: str, text: str) -> dict:
        return {"text": text, "failed": where in failed, "issues": flagged.get(where, []),
                "detail": failed[where].detail if where in failed else ""}

    rows = []
    groups = t["groups"] or [{"code": None, "label": "", "by_year": {}, "total_vnd": None}]
    items_by_group: dict = {}
    for n, it in enumerate(t["items"]):
        items_by_group.setdefault(it.get("group"), []).append((n, it))
    for gi, g in enumerate(t["groups"] and groups or groups):
        if g["code"] is not None:
            rows.append({"group": True, "code": g["code"], "label": g["label"], "unit": "", "price": "",
                         "fact": f"budget-group-{gi}",
                         "years": [cell(f"{g['code']} {y}", _money(g["by_year"].get(y), mult)) for y in years],
                         "total": cell(g["code"], _money(g.get("total_vnd"), mult)), "source": ""})
        for n, it in items_by_group.get(g["code"], []):
            where = ".".join(x for x in (it.get("group"), it.get("code")) if x)
            cells = []
            for y in years:
                c = it["by_year"].get(y) or {}
                q = c.get("qty")
                cells.append(cell(f"{where} {y}", (f"{q:g} × " if q else "") + _money(c.get("amount_vnd"), mult)))
            rows.append({"group": False, "code": it.get("code") or "", "label": it.get("description") or "",
                         "unit": it.get("unit") or "", "price": _money(it.get("unit_price_vnd"), mult),
                         "fact": f"budget-item-{n}", "years": cells,
                         "total": cell(where, _money(it.get("total_vnd"), mult)), "source": it.get("source") or ""})
    gt = t.get("grand_total")
    if gt:
        rows.append({"group": True, "code": "", "label": "Tổng cộng", "unit": "", "price": "", "fact": None,
                     "years": [cell(f"grand total {y}", _money(gt["by_year"].get(y), mult)) for y in years],
                     "total": cell("grand total", _money(gt.get("total_vnd"), mult)), "source": ""})
    return rows


def render_html(record: dict) -> str:
    """The decision as one self-contained HTML page."""
    return environment().get_template("show.html.j2").render(v=view(record), kinds=KINDS)


def _md_text(text: str) -> str:
    """Text as Markdown shows it: no markup of its own, no HTML passed through."""
    return (text.replace("\n", " ").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]"))


def render_markdown(record: dict) -> str:
    """The decision as Markdown: the text with every fact in bold and a
    footnote saying what was read there; the budget table; the issues."""
    v = view(record)
    numbers: dict[str, int] = {}
    lines: list[str] = [f"# {_md_text(v.title)}", ""]
    for f in v.by_kind["meta"]:
        lines.append(f"- **{f.label}**: {_md_text(f.detail)}")
    lines.append("")

    def md(segments) -> str:
        out = []
        for seg in segments:
            text = _md_text(seg.text)
            if seg.facts and text.strip():
                refs = "".join(f"[^{numbers.setdefault(f, len(numbers) + 1)}]" for f in seg.anchors)
                out.append(f"**{text.strip()}**{refs}" + (" " if text.endswith(" ") else ""))
            else:
                out.append(text)
        return "".join(out)

    for b in v.blocks:
        if b["kind"] == "page_break":
            lines += ["", f"<!-- page {b['page'] or ''} ends -->", ""]
        elif "rows" in b:
            rows = [[md(cell) for cell in row] for row in b["rows"]]
            if rows:
                width = max(len(r) for r in rows)
                rows = [r + [""] * (width - len(r)) for r in rows]
                lines += ["", "| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
                lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                lines.append("")
        elif b["kind"] == "heading":
            lines += ["", f"### {md(b['segments'])}", ""]
        else:
            lines += [md(b["segments"]), ""]
    if v.checks:
        lines += ["", "## Budget checks", "", f"{len(v.checks) - v.failed} of {len(v.checks)} checks hold", ""]
        lines += [f"- ✗ {c.name} at {c.where}: {c.detail}" for c in v.checks if not c.ok]
    by_id = {f.id: f for f in v.facts}
    if numbers:
        lines.append("")
        for f_id, n in sorted(numbers.items(), key=lambda kv: kv[1]):
            f = by_id[f_id]
            lines.append(f"[^{n}]: {KINDS[f.kind]}: {_md_text(f.label.strip())}"
                         + (f" ({_md_text(f.detail[:120])})" if f.detail else ""))
    unplaced = [f for f in v.facts if f.kind == "issue"]
    if unplaced:
        lines += ["", "## Issues", ""]
        lines += [f"- {f.severity}: {_md_text(f.label)}: {_md_text(f.detail)}" for f in unplaced]
    return "\n".join(lines).rstrip() + "\n"
