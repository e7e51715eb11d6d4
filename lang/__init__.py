"""The language layer: Vietnamese text tools every stage shares.

Compiled patterns (``patterns``), the one text normaliser and fold (``text``),
syllables and their inventory (``syllables``), glued-word splitting
(``glued``), numbers, dates, money and number words (``numbers``). It imports
nothing above it: ``extract`` and ``normalize`` build on it, never the reverse.
"""
