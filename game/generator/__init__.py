"""Facts → questions. `Generator(facts, difficulty, spoilers)` with `.pool(kinds)` and
`.quiz(count, seed, kinds, exclude, weights)`; see `core` for what callers can rely on.

    index.py    the shared index of the facts (who is involved where, linked to whom, spoilers)
    kit.py      the shapes of question and the picking of wrong options, for every kind
    kinds/      one module per question kind
    compose.py  the rules a quiz is composed by, in one place
    wording.py  names, quotes and sentences
"""
from .core import Generator, check_kinds
from .index import pack_question_id

__all__ = ["Generator", "check_kinds", "pack_question_id"]
