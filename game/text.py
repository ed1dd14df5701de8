"""Comparing what a player typed with the names we accept.

Players type without accents, in any case, with small slips; but a slip must
never turn one character's name into another's (Ana is not Anna's typo of Ann).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

_NON_WORD = re.compile(r"[^\w]+")
# The accents NFKD splits off letters: the Unicode blocks of combining marks.
_COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def graphemes(text: str) -> list[str]:
    """What a reader sees as one character each (Unicode extended grapheme clusters): a family
    emoji of four people joined by zero-width joiners, a flag, a letter and its accents."""
    import regex  # here: only typed names need it, and it costs ~10 ms to import
    return regex.findall(r"\X", text)


def visible_text(text: str) -> str:
    """`text` with each control, formatting or space character that stands on its own turned
    into a space; one that is part of a visible character (the joiners in a family emoji) stays."""
    return "".join(g if g[0].isprintable() and not g[0].isspace() else " " for g in graphemes(text))


def normalize(text: str) -> str:
    """Lowercase, accent-free, punctuation-free, single-spaced."""
    return _NON_WORD.sub(" ", fold(text)).strip()


def fold(text: str) -> str:
    """Lowercase and accent-free, punctuation kept: normalize's first step, and cheap, so a
    caller can rule a text out with substring tests before paying for the word split."""
    if text.isascii():  # most text: nothing to decompose (several times faster)
        return text.lower()
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def folded_words(folded: str) -> list[str]:
    """The words of a `fold`ed text: `normalize(text).split()` is `folded_words(fold(text))`."""
    return _NON_WORD.sub(" ", folded).split()


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def typo_allowance(text: str) -> int:
    """How many slips a name of this length forgives: none for short names."""
    length = len(text.replace(" ", ""))
    return 0 if length < 4 else 1 if length < 8 else 2


def sound(name: str) -> str:
    """A name as it sounds in French or English spelling habits, for the misspellings fans
    make: y for i or ie (Billy, Billie), ph for f, doubled letters (Anna, Ana), a silent final e."""
    text = normalize(name)
    text = re.sub(r"ph", "f", text)
    text = re.sub(r"(ie|y)\b", "i", text).replace("y", "i")
    text = re.sub(r"(\w)\1+", r"\1", text)
    return re.sub(r"(?<=[^aeiou ])e\b", "", text)


def is_accepted(typed: str, accepted: Iterable[str], rejected: Iterable[str] = ()) -> bool:
    """True when `typed` is one of `accepted` up to case, accents and a small typo (each accepted
    form with its own allowance: a slip on "Anna" counts even though "Ana" is shorter), or sounds
    like one of them ("Billy" for Billie); and it is never as close to any of `rejected` (the
    other characters' names) as to the accepted form it matched."""
    guess = normalize(typed)
    if not guess:
        return False
    targets = {normalize(name) for name in accepted}
    if guess in targets:
        return True
    others = {normalize(name) for name in rejected} - targets
    if guess in others:
        return False
    distances = {other: edit_distance(guess, other) for other in others}
    for target in sorted(targets):
        distance = edit_distance(guess, target)
        if distance <= typo_allowance(target) and all(d > distance for d in distances.values()):
            return True
    # By sound only when no other character's name is as near: "Billy" is Billie, unless a Bill is about.
    heard = sound(guess)
    return any(sound(target) == heard for target in targets) and all(
        sound(other) != heard and distance > typo_allowance(other) for other, distance in distances.items())
