"""The registered normalizing stages, in the order they run."""
from __future__ import annotations
