"""The normalizing stages, registered with what they need and give, and the
one list that orders them. Each stage imports its module on first use, so
that ``vnlegal --help`` and plain extraction do not pay for the NLP start-up."""
from __future__ import annotations

from typing import Optional

from ..lang.patterns import rx
from ..models.document import Document
from ..models.errors import NotADecision
from ..models.record import Budget, Issue, Record
from .registry import Context, plan, stage

# the words every decision carries; a file with fewer than two of them is not one
_LEGAL_MARKERS = (
    r"(?i)(quyết\s*định|kế\s*hoạch|chương\s*trình|nghị\s*quyết|chỉ\s*thị|căn\s*cứ|ủy\s*ban\s*nhân\s*dân|ubnd|hội\s*đồng\s*nhân\s*dân|thông\s*tư|công\s*văn)"
)

ORDER = ["gate", "reading", "lines", "sections", "meta", "budget", "targets", "assignments", "agencies",
         "provenance"]


@stage("gate", requires=("document",))
def is_decision(ctx: Context) -> None:
    """A file with none of the words every decision carries is not one."""
    text = ctx.document.text()
    if len(rx(_LEGAL_MARKERS).findall(text[:20000])) < 2:
        raise NotADecision(ctx.document.source.file, "not a Vietnamese legal decision (no Quyết định/Kế hoạch/Căn cứ/UBND wording)")


@stage("reading", requires=("document",))
def reading_notes(ctx: Context) -> None:
    """What the reader decided (pages read by OCR, form fields preferred) as issues."""
    from .reconcile import READING
    for n in ctx.document.notes:
        ctx.record.issues.append(Issue(code=n.code, where=f"page {n.page}" if n.page else "document", detail=n.detail,
                                       severity="info", printed=n.printed, value=n.value, checks=[READING]))


@stage("lines", requires=("document",), assigns=("lines",))
def prepare_lines(ctx: Context) -> None:
    from .lines import document_lines
    ctx.lines = document_lines(ctx.document)


@stage("sections", requires=("lines",), assigns=("record.sections", "section_spans"))
def sections(ctx: Context) -> None:
    from .sections import segment
    roots, spans = segment(ctx.lines)
    ctx.record.sections = roots
    ctx.section_spans = spans


@stage("meta", requires=("lines", "record.sections"), assigns=("record.meta",))
def meta(ctx: Context) -> None:
    from .meta import normalisation_issues, read_meta
    ctx.record.meta, issues = read_meta(ctx.lines)
    ctx.record.issues.extend(issues)
    ctx.record.issues.extend(normalisation_issues(ctx.record.meta))


@stage("budget", requires=("document", "section_spans", "record.meta"), assigns=("record.budget",))
def budget(ctx: Context) -> None:
    from .budget import extract_budget
    from .budget_table import parse_budget_table
    from .reconcile import GRAND_TOTAL_VS_TEXT, cross_check
    texts = [s.text for s, _, _ in ctx.section_spans if s.kind == "budget"]
    annex = "\n".join(s.text for s, _, _ in ctx.section_spans if s.kind == "annex")
    b, issues = extract_budget(texts, annex)
    ctx.record.issues.extend(issues)
    if b is None:
        # no budget section: the sum the articles grant, from "QUYẾT ĐỊNH:" to the signature (their numbered
        # lists may be sections of their own)
        from .budget import stated_total
        starts = {s.kind: start for s, start, _ in reversed(ctx.section_spans)}
        if "articles" in starts:
            end = min([start for s, start, _ in ctx.section_spans if s.kind == "signature" and start > starts["articles"]]
                      or [len(ctx.lines)])
            b = stated_total("\n".join(line.text for line in ctx.lines[starts["articles"]:end]))
    period = ctx.record.meta.period if ctx.record.meta else None
    table, issues = parse_budget_table(ctx.document, (period.from_, period.to) if period and period.from_ and period.to else None)
    if table is not None and _unreliable_scan(ctx.document, table, b):
        # read by OCR and agreeing with neither the text's total nor its words:
        # a wrong table is worse than none
        ctx.record.issues.append(Issue(
            code="budget.table_unreliable", where="table", severity="warning", checks=[GRAND_TOTAL_VS_TEXT],
            detail=f"the budget table read by OCR adds up to {table.grand_total.total_vnd:,} đồng where the text says "
                   f"{(b.total_vnd or b.in_words.amount_vnd):,}: left out".replace(",", ".")))
        table = None
    else:
        ctx.record.issues.extend(issues)
    if table is not None:
        b = b or Budget()
        b.table = table
        ctx.record.issues.extend(cross_check(b))
    ctx.record.budget = b


def _unreliable_scan(doc: Document, table, b: Optional[Budget]) -> bool:
    """A budget table read by OCR whose grand total the text contradicts."""
    pages = doc.source.ocr_pages or (list(range(1, (doc.source.pages or 0) + 1)) if doc.source.ocr else [])
    if not pages or table.page not in pages or table.grand_total is None or table.grand_total.total_vnd is None:
        return False
    stated = {v for v in ((b.total_vnd if b else None), (b.in_words.amount_vnd if b and b.in_words else None)) if v}
    return bool(stated) and table.grand_total.total_vnd not in stated


@stage("targets", requires=("lines", "section_spans", "record.meta"), assigns=("record.targets",))
def targets(ctx: Context) -> None:
    from .targets import extract_targets
    period = ctx.record.meta.period if ctx.record.meta else None
    ctx.record.targets = extract_targets(ctx.lines, ctx.section_spans, period.to if period else None)


@stage("assignments", requires=("document",), assigns=("record.assignments",))
def assignments(ctx: Context) -> None:
    from .assignments import extract_assignments
    ctx.record.assignments = extract_assignments(ctx.document)


@stage("agencies", requires=("lines", "section_spans", "record.assignments"), assigns=("record.agencies",))
def agencies(ctx: Context) -> None:
    from .agencies import extract_agencies
    ctx.record.agencies = extract_agencies(ctx.lines, ctx.section_spans, ctx.record.assignments)


@stage("provenance", requires=("document", "record.meta", "record.sections", "record.budget", "record.targets",
                                "record.assignments", "record.agencies"))
def provenance(ctx: Context) -> None:
    """Where every fact (and every issue that has a place) was read. Last, so
    that the issues of every stage are placed too."""
    from .provenance import locate_record
    locate_record(ctx.record, ctx.document)


plan(ORDER)  # at import: every requirement is given by an earlier stage


def normalize(document: Document, stages: Optional[list[str]] = None) -> Record:
    """Document → Record: every stage in ``ORDER``, or those named in ``stages``
    and the stages they need."""
    ctx = Context(document=document, record=Record(source=document.source))
    for s in plan(ORDER, stages):
        s.fn(ctx)
    return ctx.record
