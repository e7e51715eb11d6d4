"""Issue 12: every pattern of the package is a named constant with an example
test. A row is (name, how the code applies it, a line it must match, the group
the code reads (0: the whole match; a tuple: several), what that group reads,
a near miss it must not match); the lines are taken from real decisions."""
from __future__ import annotations


def check(pattern, how: str, line: str, group, want, miss: str) -> None:
    find = getattr(pattern, how)
    m = find(line)
    assert m is not None, f"{pattern.pattern!r} does not {how} {line!r}"
    got = m.group(*group) if isinstance(group, tuple) else m.group(group)
    assert got == want
    assert find(miss) is None, f"{pattern.pattern!r} should not {how} {miss!r}"


def ids(rows) -> list[str]:
    return [r[0] for r in rows]
