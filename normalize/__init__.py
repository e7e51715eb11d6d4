"""Normalizers: Document → Record. Stages are registered in ``stages.py``,
in the order of its ``ORDER`` list; ``normalize`` runs them."""
from .stages import ORDER, normalize

__all__ = ["ORDER", "normalize"]
