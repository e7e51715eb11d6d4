"""targets: the quantified goals of the plan, with their deadlines.

Goals are read in the objectives sections, and elsewhere only from sentences
that set one ("phấn đấu", "mục tiêu"); assessment sections report past results
and are never read. A phase line ("a) Giai đoạn đến năm 2015:") or a lead-in
("Đến năm 2020, … đạt các mục tiêu sau:") sets the deadline of the goals that
follow it; otherwise the plan's last year does.
"""
from __future__ import annotations

import json
from pathlib import Path

import regex

from ..lang.numbers import parse_number
from ..lang.patterns import rx
from ..models.record import Section, Target
from .lines import Line
from .sections import innermost

_N = r"\d+(?:[.,]\d+)?"
# counting nouns a goal may be measured in ("có 01 cán bộ", "10 mô hình"): data/count_units.json
COUNT_UNITS = tuple(json.loads((Path(__file__).parent / "data" / "count_units.json").read_text(encoding="utf-8"))["units"])
_RANGE = regex.compile(rf"(?:từ\s+)?(?P<a>{_N})\s*%?\s*(?:-|–|÷|đến)\s*(?P<b>{_N})\s*%")
# a percentage; a figure glued to a capital ("B0%" on a scan, for "80%" or "50%") is no figure we can read
_PCT = regex.compile(rf"(?<![\d.,A-Z])(?P<a>{_N})\s*%")
# a count, thousands marked with a dot ("1.700 ha", "3.000 lượt")
_COUNT = regex.compile(rf"(?<![\d.,/])(?P<a>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,4}})\s+(?P<u>{'|'.join(COUNT_UNITS)})\b")
# a rank to reach: "thuộc top 03 vùng Đồng bằng sông Cửu Long"
_RANK = regex.compile(r"(?i)\b(?P<u>top)\s+(?P<a>\d{1,2})\b")
_PHASE = regex.compile(r"giai đoạn\s+(?:(?:từ\s+)?(?:năm\s+)?\d{4}\s*(?:-|–|đến)\s*(?:năm\s+)?|đến\s+năm\s+)(\d{4})", regex.I)
_BY_YEAR = regex.compile(r"(?:đến|tới|trước)\s+năm\s+(\d{4})", regex.I)
_GOAL_CUE = regex.compile(r"phấn đấu|mục tiêu|chỉ tiêu", regex.I)
_RELATIVE = regex.compile(r"(?:tăng|giảm)(?:\s+thêm)?(?:\s+(?:ít nhất|tối thiểu|khoảng))?\s*$", regex.I)
_BASELINE = regex.compile(r"so với[^;.]*?năm\s+(\d{4})", regex.I)
_CLAUSE = regex.compile(r";|\.\s+(?=\p{Lu})")
_LEAD = regex.compile(r"^(?:[-–+•]|[a-zđ]\)|\d+[.)])\s*")
# a parenthesis, "(tương ứng khoảng 500 cơ sở)": it restates a goal, it sets none
_PARENTHESIS = rx(r"\([^()]*\)")
# "năm" just before a count: "năm 2030" is a year, not 2030 of something
_YEAR_WORD_BEFORE = rx(r"năm\s*$")
# the separators before a goal's metric: "Đến năm 2030, tỷ lệ …: 95%" keeps what follows the last
_METRIC_SEPARATOR = rx(r"[,:]")
# the verbs around a goal's figure, cut from its metric: "phấn đấu đạt 95% …", "giảm ít nhất 10% …"
_GOAL_VERBS = rx(r"(?i)\b(phấn đấu|đạt|được|từ|có|khoảng|ít nhất|tối thiểu|tăng thêm|giảm thêm|tăng|giảm)\b")
# where the metric after a figure ends: its baseline ("so với năm 2025") or a second figure (", có 12 …")
_METRIC_END = rx(r"\bso với\b|,\s*(?=có\s+\d)")
_SPACES = rx(r"\s+")
# a plural word opening a metric, "các xã đạt chuẩn nông thôn mới": dropped
_PLURAL = rx(r"^(các|những)\s+")


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(text) if c.strip()]


def _without_parentheses(text: str) -> str:
    # "(tương ứng khoảng 500 cơ sở)" restates, it does not set a goal
    return _PARENTHESIS.sub(lambda m: " " * len(m.group(0)), text)


def _matches(clause: str):
    """(start, end, value, value_max, unit) of each quantity, left to right."""
    seen: list[tuple[int, int]] = []
    out = []
    masked = _without_parentheses(clause)
    for pattern, kind in ((_RANGE, "range"), (_PCT, "pct"), (_RANK, "rank"), (_COUNT, "count")):
        for m in pattern.finditer(masked):
            if any(s < m.end() and m.start() < e for s, e in seen):
                continue
            if kind == "count" and _YEAR_WORD_BEFORE.search(masked[: m.start()]):
                continue
            a = parse_number(m.group("a"))
            if a is None:
                continue
            b = parse_number(m.group("b")) if kind == "range" else None
            unit = m.group("u").lower() if kind in ("count", "rank") else "%"
            seen.append((m.start(), m.end()))
            out.append((m.start(), m.end(), a, b, unit))
    return sorted(out)


def _metric(clause: str, prev_end: int, start: int, end: int, next_start: int) -> str:
    before = clause[prev_end:start]
    before = _METRIC_SEPARATOR.split(before)[-1]
    before = _GOAL_VERBS.sub(" ", before)
    after = clause[end:next_start]
    after = _METRIC_END.split(after)[0]
    metric = _SPACES.sub(" ", f"{before} {after}").strip(" ,.;:-")
    return _PLURAL.sub("", metric)


def _num(x: float | None):
    if x is None:
        return None
    return int(x) if x == int(x) else x


def targets_in(text: str, deadline: int | None) -> list[Target]:
    out = []
    for clause in _clauses(text):
        found = _matches(clause)
        own_year = _BY_YEAR.search(clause)
        year = int(own_year.group(1)) if own_year else deadline
        for n, (s, e, a, b, unit) in enumerate(found):
            nxt = found[n + 1][0] if n + 1 < len(found) else len(clause)
            relative = bool(_RELATIVE.search(clause[:s]))
            base = _BASELINE.search(clause, e) if relative else None
            out.append(Target(
                text=clause, value=_num(a), value_max=_num(b), unit=unit,
                metric=_metric(clause, found[n - 1][1] if n else 0, s, e, nxt) or None, deadline=year,
                relative=relative, baseline_year=int(base.group(1)) if base else None,
            ))
    return out


# a sub-heading that names the year its goals are due: "2.1. Đến năm 2030", "2. Mục tiêu cụ thể đến năm 2030",
# "b) Định hướng đến năm 2035"
_DUE_HEADING = regex.compile(
    r"^(?:(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[IVX]+)\s*[.)]\s*)?(?:[\p{L} ]{0,40}?\s)?(?:đến|tới)\s+năm\s+(\d{4})\s*:?$",
    regex.I)


def _phase_year(text: str) -> int | None:
    m = _PHASE.search(text) or _DUE_HEADING.match(text)
    return int(m.group(1)) if m and len(text) < 90 else None


def extract_targets(lines: list[Line], spans: list[tuple[Section, int, int]], plan_end: int | None) -> list[Target]:
    where = innermost(spans, len(lines))
    past = set()  # lines under an assessment heading, however deep
    for sec, start, end in spans:
        if sec.kind == "assessment":
            past.update(range(start, end))
    found: list[tuple[bool, Target]] = []
    current: Section | None = None
    deadline = plan_end
    for i, line in enumerate(lines):
        sec = where[i]
        if sec is not current:
            current, deadline = sec, plan_end
        if sec is None or i in past or sec.kind in ("assessment", "annex", "budget", "preamble", "signature"):
            continue
        text = _LEAD.sub("", line.text)
        phase = _phase_year(text)
        if phase:
            deadline = phase
            continue
        in_objectives = sec.kind == "objectives"
        if not in_objectives and not _GOAL_CUE.search(text):
            continue
        got = targets_in(text, deadline)
        if not got:
            m = _BY_YEAR.search(text)
            if m and in_objectives and (text.endswith(":") or _GOAL_CUE.search(text)):
                deadline = int(m.group(1))  # a lead-in: "Đến năm 2020, … đạt các mục tiêu sau:"
            continue
        found.extend((in_objectives, t) for t in got)
    # a goal restated outside the objectives is kept once
    keys = {(t.value, t.value_max, t.unit, t.deadline) for obj, t in found if obj}
    return [t for obj, t in found if obj or (t.value, t.value_max, t.unit, t.deadline) not in keys]
