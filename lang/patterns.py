"""Compiled patterns, cached.

A module-level call such as ``regex.match(pattern, text)`` looks its pattern
up in the regex module's own cache on every call, which cost a fifth of the
text pipeline; ``rx(pattern).match(text)`` finds it in an lru_cache instead.
"""
from __future__ import annotations

from functools import lru_cache

import regex


@lru_cache(maxsize=1024)
def rx(pattern: str, flags: int = 0) -> regex.Pattern:
    return regex.compile(pattern, flags)
