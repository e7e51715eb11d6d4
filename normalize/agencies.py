"""agencies: the named bodies a plan gives work to, one entry each, with
their role and tasks. The names themselves are found by ``agency_names``.

A body counts when it is the subject of an item of the implementation
sections ("2. Sở Tài chính chủ trì …", "1. Sở Công Thương:" and its bullets),
or a lead or partner in an assignment table; bodies only named in passing
("báo cáo Bộ Công Thương") and the distribution list ("Nơi nhận") do not.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..lang.patterns import rx
from ..models.record import Agency
from .agency_names import expand, find_bodies, leading_mentions

_NUMBERING = regex.compile(r"^(?:[ĐÐ]iều\s+\d{1,3}\s*[.:]|[IVXL]+\s*[.)]|\d{1,2}\s*[.)]|[a-zđ]\s*\)\.?|[-–+•])\s*")
# "Điều 16. Trách nhiệm Sở Công Thương", "3. Nhiệm vụ của Sở Y tế": a body's duties, listed below
_DUTIES = regex.compile(r"(?i)^(?:trách nhiệm|nhiệm vụ(?:,? quyền hạn)?)\s+(?:của\s+)?(?=\p{Lu})")


# the numbering of each depth: "Điều 6." and "II." (1), "2." (2), "a)" (3); bullets are the rest
_DEPTH_1 = rx(r"^(?:[ĐÐ]iều\s+\d|[IVXL]+\s*[.)])")
_DEPTH_2 = rx(r"^\d{1,2}\s*[.)]")
_DEPTH_3 = rx(r"^[a-zđ]\s*\)")


def _depth(text: str) -> int:
    """How deep a numbered line sits: Điều and I. (1), 1. (2), a) (3), bullets (4)."""
    if _DEPTH_1.match(text):
        return 1
    if _DEPTH_2.match(text):
        return 2
    if _DEPTH_3.match(text):
        return 3
    return 4
_CLOSING = regex.compile(r"^(Nơi nhận|KT\.|TM\.|Lưu\s*:)")
_REQUEST = regex.compile(r"(?i)^(giao|đề nghị|yêu cầu|đề xuất)\s+")
# a body the plan makes its lead without "chủ trì": "Sở Khoa học và Công nghệ là cơ quan thường trực, …"
_LEAD_BODY = rx(r"là cơ quan (thường trực|đầu mối|giúp|chủ)")
# a body that works with the lead: "phối hợp với Sở Tài chính …", "có trách nhiệm phối hợp …",
# "theo chức năng, nhiệm vụ được giao, phối hợp …"
_PARTNER = rx(r"^\W*(có trách nhiệm |chịu trách nhiệm |theo chức năng[^,]*, )?phối hợp")
# a numbered line that opens with a body: "2. Sở Tài chính chủ trì …", "a) UBND các xã, phường: …"
_NUMBERED_BODY = rx(r"^(?:\d{1,2}\s*[.)]|[a-zđ]\s*\))\s*(?:Sở|Ban|Ủy ban|UBND|Công an|Bộ Chỉ huy|Văn phòng|Thanh tra)\b")
# a bullet: "- Sở Công Thương: …", "+ Phối hợp …"
_BULLET = rx(r"^[-–+•]")


@dataclass
class _Item:
    names: list[str]
    role: str
    tasks: list[str] = field(default_factory=list)


def _role(text: str, requested: bool) -> str:
    t = text.lower()
    if "chủ trì" in t or _LEAD_BODY.search(t):
        return "lead"
    if requested:
        return "support"
    if _PARTNER.match(t):
        return "coordinate"
    return "lead"


def _subject(line: str) -> tuple[list[str], str, bool]:
    """(bodies the line opens with, what follows them, whether it is a request)."""
    text = _NUMBERING.sub("", expand(line))
    m = _REQUEST.match(text)
    requested = bool(m and m.group(1).lower() == "đề nghị")
    if m:
        text = text[m.end():]
    text = _DUTIES.sub("", text)
    found = leading_mentions(text) if text else []
    if not found:
        return [], text, requested
    return [f.name for f in found], text[found[-1].end:].strip(" :;,.-"), requested


_ORDER = {"lead": 0, "coordinate": 1, "support": 2}


def _merge(entries: list[tuple[str, str, list[str]]]) -> list[Agency]:
    out: dict[str, Agency] = {}
    for name, role, tasks in entries:
        k = name.casefold()
        a = out.get(k)
        if a is None:
            out[k] = Agency(name=name, role=role, tasks=list(tasks))
            continue
        if _ORDER[role] < _ORDER[a.role]:
            a.role = role
        a.tasks.extend(t for t in tasks if t not in a.tasks)
    return list(out.values())


def _named(name: str) -> bool:
    return any(m.name == name for m in find_bodies(name))


def numbered_body(text: str) -> bool:
    """A numbered line that opens with a body ("1. Sở Tài chính: …") names its own subject."""
    return bool(_NUMBERED_BODY.match(text))


def extract_agencies(lines, spans, assignments=()) -> list[Agency]:
    """Bodies given work in the implementation sections and assignment tables."""
    region: list[int] = []
    heads: set[int] = set()
    for sec, start, end in spans:
        if sec.kind in ("implementation", "reporting") and sec.level <= 1:
            for i in range(start + 1, end):
                if _CLOSING.match(lines[i].text):
                    break  # the distribution list names bodies that receive, not act
                region.append(i)
        if sec.kind != "annex":
            heads.add(start)
    entries: list[tuple[str, str, list[str]]] = []
    item: _Item | None = None
    heading_item = False  # "1. Sở Công Thương:" whose tasks are the lines below
    item_depth = 0  # a numbered line deeper than the heading item's is one of its tasks

    def close():
        if item:
            entries.extend((n, item.role, item.tasks) for n in item.names)

    for i in sorted(set(region)):
        text = lines[i].text
        bullet = bool(_BULLET.match(text))
        numbered = not bullet and (bool(_NUMBERING.match(text)) or i in heads)
        names, rest, requested = _subject(text)
        depth = _depth(text) if numbered or bullet else 5
        if names and (numbered or bullet or not heading_item) and not (heading_item and depth > item_depth and not numbered_body(text)):
            close()
            item = _Item(names, _role(rest, requested), [rest] if rest else [])
            heading_item = not rest
            item_depth = depth
        elif numbered and not (heading_item and item is not None and depth > item_depth):
            close()
            item, heading_item = None, False
        elif item is not None and heading_item:
            task = _NUMBERING.sub("", text)
            if not item.tasks:
                item.role = _role(task, requested)
            elif item.role != "lead" and _role(task, False) == "lead" and "chủ trì" in task.lower():
                item.role = "lead"
            item.tasks.append(task)
    close()
    for a in assignments:
        # a cell that names no body ("Sở, ban, ngành có liên quan") stays in the row as printed, not here
        entries.extend((n, "lead", [a.task]) for n in a.lead if _named(n))
        entries.extend((n, "coordinate", [a.task]) for n in a.partners if _named(n))
    return _merge(entries)
