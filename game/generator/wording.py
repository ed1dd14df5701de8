"""How generated questions are worded: names, quotes, sentences, and fitting the card."""
from __future__ import annotations

import re
from typing import Sequence

PROMPT_LIMIT = 220  # characters; longer prompts do not fit the question card


def possessive(name: str) -> str:
    return name + ("'" if name.startswith("The ") and name.endswith("s") else "'s")


OWNED = re.compile(r"\{a's ([^}]+)\}")  # the relations are worded from the subject's side


def render(template: str, a: str, b: str) -> str:
    """A relation template with its names filled in; "Esther (the first daughter)'s parent"
    reads badly, so a name ending in a bracket becomes "the parent of Esther (the first daughter)"."""
    def owned(match: re.Match) -> str:
        return f"the {match[1]} of {a}" if a.endswith(")") else f"{possessive(a)} {match[1]}"
    return OWNED.sub(owned, template).replace("{a}", a).replace("{b}", b)


def quoted(name: str) -> str:
    """A trope name in curly quotes, unless it carries its own (“Not So Different” Remark)."""
    return name if '"' in name or "“" in name else f"“{name}”"


def sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?…\"”" else text + "."


CLOSED = re.compile(r"[?!][”\"]*$")  # a question or exclamation mark, maybe inside closing quotes


def ending(text: str, mark: str) -> str:
    """`text` closed by `mark`, unless a quoted name already closes it (“Will They or Won't They?”)."""
    return text if CLOSED.search(text) else text + mark


def labelled(label: str, text: str) -> str:
    return f"{label} {text}" if label[-1:] in ("?", "!") else f"{label}: {text}"


def join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def fit(*prompts: str | None) -> str | None:
    """The first (richest) prompt that fits the question card."""
    for prompt in prompts:
        if prompt and len(prompt) <= PROMPT_LIMIT:
            return prompt
    return None
