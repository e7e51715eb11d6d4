"""The stage registry: each normalizing stage is registered by name with what
it needs from the shared context and what it gives, the way spaCy registers
pipeline components and checks them with ``analyze_pipes``.

The run order is the one list ``ORDER`` in ``stages.py``; ``plan`` checks at
start-up that every requirement is given by an earlier stage, and resolves a
partial run (``normalize(doc, stages=["meta"])``) to the stages it needs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from ..models.document import Document
from ..models.record import Record
from .lines import Line


@dataclass
class Context:
    """What stages share. ``document`` and ``record`` are there from the start;
    the other fields are filled by the stage that assigns them."""

    document: Document
    record: Record
    lines: Optional[list[Line]] = None
    # (section, first line index, end line index) for every section, in document order
    section_spans: Optional[list] = None
    extras: dict = field(default_factory=dict)


# what a fresh context holds before any stage runs
GIVEN = ("document", "record.source")


@dataclass(frozen=True)
class Stage:
    name: str
    fn: Callable[[Context], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: dict[str, Stage] = {}


def stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    """Register ``fn`` as the stage ``name``. ``requires`` and ``assigns`` name
    context fields ("lines") or record parts ("record.meta")."""
    def register(fn: Callable[[Context], None]) -> Callable[[Context], None]:
        if name in STAGES:
            raise ValueError(f"stage {name!r} registered twice")
        STAGES[name] = Stage(name, fn, tuple(requires), tuple(assigns))
        return fn
    return register


def plan(order: list[str], wanted: Optional[list[str]] = None) -> list[Stage]:
    """The stages to run, in ``order``: all of them, or those ``wanted`` and
    every stage they depend on. Raises ValueError when a stage is unknown or a
    requirement is not given by an earlier stage."""
    unknown = [n for n in (wanted or []) + order if n not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s): {', '.join(unknown)} (known: {', '.join(order)})")
    giver: dict[str, str] = {}
    for name in order:
        for need in STAGES[name].requires:
            if need not in GIVEN and need not in giver:
                raise ValueError(f"stage {name!r} requires {need!r}, which no earlier stage assigns")
        for out in STAGES[name].assigns:
            giver.setdefault(out, name)
    if wanted is None:
        return [STAGES[n] for n in order]
    keep: set[str] = set()
    todo = list(wanted)
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        todo.extend(giver[need] for need in STAGES[name].requires if need in giver)
    return [STAGES[n] for n in order if n in keep]
