"""The errors vnlegal raises for input it cannot turn into a record. The batch
runner catches them once and prints ``reason`` as one line naming the file."""
from __future__ import annotations


class VnlegalError(Exception):
    """A file that cannot become a record; ``reason`` is one line for the user."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ExtractError(VnlegalError):
    """A file that cannot be turned into a Document (unreadable, corrupt, empty)."""


class NotADecision(VnlegalError):
    """A readable document that is not a Vietnamese legal decision."""


class OutputError(VnlegalError):
    """An output folder or file that cannot be written (read-only, full, held
    by another build); ``path`` names it."""
