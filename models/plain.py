"""Dataclasses to plain JSON-ready values.

``dataclasses.asdict`` deep-copies every leaf it does not recognise and looks
up the fields of each object anew; on a record of a few thousand small
objects that was a fifth of the text pipeline. Records hold only dataclasses,
lists, dicts and scalars, so this walks them with the field names cached per
class. Containers are always new, as with asdict: the caller may change them.
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import lru_cache
from typing import Any

_SCALARS = (str, int, float, bool, type(None))


@lru_cache(maxsize=None)
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def plain(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [plain(v) for v in value]  # as JSON would write it
    if is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _names(type(value))}
    raise TypeError(f"cannot make {type(value).__name__} plain")
