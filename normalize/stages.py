"""The registered normalizing stages, in the order they run."""
from __future__ import annotations

import regex

from vnlegal.extract.errors import ExtractError
from vnlegal.models.record import Budget
from vnlegal.pipeline import stage

_LEGAL_MARKERS = regex.compile(
    r"(?i)(quyết\s*định|kế\s*hoạch|chương\s*trình|nghị\s*quyết|chỉ\s*thị|căn\s*cứ|ủy\s*ban\s*nhân\s*dân|ubnd|hội\s*đồng\s*nhân\s*dân|thông\s*tư|công\s*văn)"
)


@stage("gate")
def is_decision(ctx) -> None:
    """A file with none of the words every decision carries is not one."""
    text = ctx.document.text()
    if len(_LEGAL_MARKERS.findall(text[:20000])) < 2:
        raise ExtractError(ctx.document.source.file, "not a Vietnamese legal decision (no Quyết định/Kế hoạch/Căn cứ/UBND wording)")


@stage("lines")
def prepare_lines(ctx) -> None:
    from vnlegal.normalize.lines import document_lines
    ctx.data["lines"] = document_lines(ctx.document)


@stage("sections")
def sections(ctx) -> None:
    from vnlegal.normalize.sections import segment
    roots, spans = segment(ctx.data["lines"])
    ctx.record.sections = roots
    ctx.data["section_spans"] = spans


@stage("meta")
def meta(ctx) -> None:
    from vnlegal.normalize.meta import extract_meta, normalisation_issues
    ctx.record.meta = extract_meta(ctx.data["lines"], ctx.record.sections)
    ctx.record.issues.extend(normalisation_issues(ctx.record.meta))


@stage("budget")
def budget(ctx) -> None:
    from vnlegal.normalize.budget import extract_budget
    texts = [s.text for s, _, _ in ctx.data["section_spans"] if s.kind == "budget"]
    annex = "\n".join(s.text for s, _, _ in ctx.data["section_spans"] if s.kind == "annex")
    b, issues = extract_budget(texts, annex)
    ctx.record.issues.extend(issues)
    from vnlegal.normalize.budget_table import parse_budget_table
    from vnlegal.normalize.reconcile import cross_check
    period = ctx.record.meta.period if ctx.record.meta else None
    table, issues = parse_budget_table(ctx.document, (period.from_, period.to) if period and period.from_ and period.to else None)
    ctx.record.issues.extend(issues)
    if table is not None:
        b = b or Budget()
        b.table = table
        ctx.record.issues.extend(cross_check(b))
    ctx.record.budget = b


@stage("targets")
def targets(ctx) -> None:
    from vnlegal.normalize.targets import extract_targets
    period = ctx.record.meta.period if ctx.record.meta else None
    ctx.record.targets = extract_targets(ctx.data["lines"], ctx.data["section_spans"], period.to if period else None)


@stage("assignments")
def assignments(ctx) -> None:
    from vnlegal.normalize.assignments import extract_assignments
    ctx.record.assignments = extract_assignments(ctx.document)


@stage("agencies")
def agencies(ctx) -> None:
    from vnlegal.normalize.agencies import extract_agencies
    ctx.record.agencies = extract_agencies(ctx.data["lines"], ctx.data["section_spans"], ctx.record.assignments)
