"""vnlegal: Vietnamese legal decisions into structured, checked records."""
__version__ = "0.1.0"


def load(path="outputs"):
    """The dataset's tables as pandas DataFrames: ``vnlegal.load("outputs")``."""
    from vnlegal.dataset import load as _load
    return _load(path)
