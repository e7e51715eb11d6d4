"""The closed vocabularies of the record, apart from the record's types so
that the command line can offer them without loading the models."""
from __future__ import annotations

from typing import Literal, get_args

SectionKind = Literal[
    "preamble", "articles", "assessment", "purpose", "objectives", "content", "solutions",
    "budget", "implementation", "reporting", "annex", "signature", "other",
]
SourceKind = Literal["central", "local", "other"]

SECTION_KINDS: tuple[str, ...] = get_args(SectionKind)
