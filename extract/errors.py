"""Errors an ingestor raises for input it cannot read."""
from __future__ import annotations


class ExtractError(Exception):
    """A file that cannot be turned into a Document; ``reason`` is one line."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
