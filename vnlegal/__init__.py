"""vnlegal: Vietnamese legal decisions into structured, checked records."""
__version__ = "0.1.0"
