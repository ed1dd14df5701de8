"""Editorial checks: what a demanding fan editor would refuse in a question or in a quiz.

Pure functions over built questions (and the facts they came from), so the generator's tests,
`check` and the trope importer can all run them:

    problems = check_questions(questions, facts)     # each question on its own
    problems += check_quiz(quiz)                     # a quiz in the order a player meets it

Each problem is `Problem(rule, question_id, message)`; no problems means the editor signs off.
The text rules (`gives_away`, `contains_answer`) are also what the generator composes by.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from .models import FactBase, Question
from .text import fold, normalize

HANDOVER_WORDS = 6  # a run of this many words of a prompt found in an earlier explanation hands it over


@dataclass(frozen=True)
class Problem:
    rule: str  # one of RULES
    question: str  # the question's id
    message: str

    def __str__(self) -> str:
        return f"{self.question}: {self.rule}: {self.message}"


RULES = {
    "series-trope-on-character": "a trope about the series as a whole is pinned on a character, or offered as one a character fits",
    "inferred-keyed": "an answer rests on a fact the pack marks as our own reading (inferred), not the source's",
    "answer-in-prompt": "the prompt contains its own answer",
    "handed-over": "the prompt is given away by an earlier question's explanation",
    "repeated-fact": "two questions of one quiz rest on the same fact",
    "same-answer-running": "the same answer twice in a row",
    "straight-quotes": "straight double quotes (or single ones used as quotation marks) where curly ones are used",
    "spacing": "double spaces, or a space before punctuation",
    "group-as-character": "a group is asked for as a character",
    "device-on-character": "a storytelling device (Foreshadowing, The Reveal) is pinned on a character: "
                           "\"fits X\" or \"X is an example of\"",
}

# The kinds' own wording ("Which of these characters is an example of…"): a run of an earlier prompt
# made of it hands nothing over. A run counts when at least two of its words are the question's own.
GENERIC_WORDS = frozenset("""which what who whose where how of these this that the a an is are it its
    characters character example examples part fits fit here trope tropes describe describes does do
    true or false twist early hint point points to really happens in series show storyline shares
    involves and one more with type name as whole""".split())


# ---- the text rules the generator composes by -------------------------------------------------

@lru_cache(maxsize=8192)  # quizzes look at the same prompts and explanations again and again
def shingles(text: str, size: int = HANDOVER_WORDS) -> frozenset[tuple[str, ...]]:
    """Every run of `size` words of a text, up to case, accents and punctuation."""
    words = normalize(text).split()
    return frozenset(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def asked_runs(prompt: str, answer: str) -> frozenset[tuple[str, ...]]:
    """The runs of an earlier prompt and answer that would hand a later prompt over ("a virus wipes
    out the AI" asked as a clue gives away the twist asked next), the kinds' wording aside."""
    return frozenset(run for run in shingles(prompt) | shingles(answer)
                     if sum(word not in GENERIC_WORDS for word in run) >= 2)


def gives_away(prompt: str, explained: set[tuple[str, ...]]) -> bool:
    """Whether explanations already shown (as `shingles`) hold a run of the prompt's words."""
    return bool(explained) and not explained.isdisjoint(shingles(prompt))


@lru_cache(maxsize=4096)  # answers are mostly names, asked again and again
def _answer_words(answer: str) -> tuple[str, str]:
    wanted = normalize(answer)
    return wanted, max(wanted.split(), key=len, default="")


def contains_answer(prompt: str, answer: str) -> bool:
    """Whether the prompt spells out its own answer (true/false and tiny answers aside)."""
    wanted, longest = _answer_words(answer)
    if wanted in ("true", "false") or len(wanted) < 3 or longest not in fold(prompt):
        return False  # the last test is cheap and rules out most prompts before normalizing
    return f" {wanted} " in f" {normalize(prompt)} "


# ---- checks -----------------------------------------------------------------------------------

def check_questions(questions: Iterable[Question], facts: FactBase) -> list[Problem]:
    """Problems of each question on its own."""
    problems: list[Problem] = []
    lookup = _Lookup.of(facts)  # once per call, not once per question: `check` runs whole pools
    for question in questions:
        problems += _series_trope_problems(question, lookup.series)
        problems += _inferred_problems(question, facts, lookup)
        if contains_answer(question.prompt, question.answer):
            problems.append(Problem("answer-in-prompt", question.id, f"{question.answer!r} is in the prompt"))
        problems += _text_problems(question)
        problems += _group_problems(question, lookup.groups)
        problems += _device_problems(question, lookup.devices)
    return problems


@dataclass(frozen=True)
class _Lookup:
    """The names the checks look facts up by."""

    series: set[str]  # names of the tropes about the series
    tropes: dict  # trope name -> Trope
    characters: dict[str, str]  # display name -> id
    groups: set[str]  # names of the characters that are groups
    devices: set[str]  # names of the storytelling-device tropes (Foreshadowing)

    @classmethod
    def of(cls, facts: FactBase) -> "_Lookup":
        tropes = facts.tropes.values()
        characters = facts.characters.values()
        return cls({t.name for t in tropes if t.about_series}, {t.name: t for t in reversed(list(tropes))},
                   {c.name: c.id for c in characters}, {c.name for c in characters if c.role == "group"},
                   {t.name for t in tropes if t.device})


def check_quiz(quiz: Sequence[Question]) -> list[Problem]:
    """Problems of a quiz as a player meets it, question after question."""
    problems: list[Problem] = []
    explained: set[tuple[str, ...]] = set()
    grounds: dict[str, str] = {}
    previous: Question | None = None
    for question in quiz:
        if gives_away(question.prompt, explained):
            problems.append(Problem("handed-over", question.id, f"{question.prompt!r} is in an earlier explanation"))
        for ground in question.grounds:
            if ground in grounds:
                problems.append(Problem("repeated-fact", question.id, f"{ground} was asked by {grounds[ground]}"))
            grounds.setdefault(ground, question.id)
        if previous is not None and question.kind != "true-false" and question.answer == previous.answer:
            problems.append(Problem("same-answer-running", question.id, f"{question.answer!r} again"))
        explained |= shingles(question.explanation) | asked_runs(question.prompt, question.answer)
        previous = question
    return problems


def _series_trope_problems(question: Question, series_tropes: set[str]) -> list[Problem]:
    facts = dict(question.facts)
    about_character = "character" in facts or "characters" in facts
    pinned = facts.get("trope") in series_tropes and about_character
    # Offered as a trope a character fits (a true/false question's choices are only True and False).
    offered = question.kind == "character-to-trope" and about_character and any(
        choice in series_tropes for choice in (*question.choices, question.answer))
    named = any(f"example of “{name}”" in question.prompt or f"example of {name}" in question.prompt
                for name in series_tropes)
    if pinned or offered or named:
        return [Problem("series-trope-on-character", question.id, question.prompt)]
    return []


def _inferred_problems(question: Question, facts: FactBase, lookup: _Lookup) -> list[Problem]:
    """A keyed answer on an inferred example (trope and character) or relationship."""
    labels = dict(question.facts)
    problems = []
    trope = lookup.tropes.get(labels.get("trope"))
    names = lookup.characters
    character = names.get(labels.get("character"))
    # (A storyline question names a main character of a stated example: never one of these.)
    if trope is not None and character is not None:
        examples = [e for e in trope.examples if character in e.characters]
        if examples and all(e.inferred for e in examples):
            problems.append(Problem("inferred-keyed", question.id, f"{trope.name} for {labels['character']}: "
                                                                 f"{examples[0].inferred}"))
    other = names.get(labels.get("other"))
    if character is not None and other is not None and "relation" in labels:
        ties = [r for c, o in ((character, other), (other, character))
                for r in facts.characters[c].relationships if r.other == o]
        if ties and all(r.inferred for r in ties):
            problems.append(Problem("inferred-keyed", question.id, f"{labels['character']} and {labels['other']}: "
                                                                 f"{ties[0].inferred}"))
    return problems


# A single quote opening a word ('Martin') or closing one (Martin'), plural possessives aside.
_STRAIGHT_SINGLE_QUOTE = re.compile(r"(^|[\s(\[])'\w|[^\Ws]'($|[\s.,;:!?)\]])")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s[,.;:!?]")


def _text_problems(question: Question) -> list[Problem]:
    problems = []
    for text in (question.prompt, question.answer, question.explanation, *question.choices):
        # The `in` tests first: most texts hold no straight quote, and regexes cost a pool's time.
        if '"' in text or ("'" in text and _STRAIGHT_SINGLE_QUOTE.search(text)):
            problems.append(Problem("straight-quotes", question.id, text))
        if "  " in text or text != text.strip() or _SPACE_BEFORE_PUNCTUATION.search(text):
            problems.append(Problem("spacing", question.id, text))
    return problems


def _group_problems(question: Question, groups: set[str]) -> list[Problem]:
    if question.answer in groups and re.search(r"\bthis character\b|\bwhich (of these )?characters?\b",
                                               question.prompt, re.I):
        return [Problem("group-as-character", question.id, question.prompt)]
    return []


def _device_problems(question: Question, devices: set[str]) -> list[Problem]:
    """Foreshadowing is asked as "part of this example", never as something a character is or fits."""
    trope = dict(question.facts).get("trope")
    stated = question.kind == "true-false" and trope in devices
    named = any(re.search(rf"\b(is|are) an example of “?{re.escape(name)}", question.prompt) for name in devices)
    fitted = question.answer in devices and re.search(r"\bfits?\b", question.prompt)
    if stated or named or fitted:
        return [Problem("device-on-character", question.id, question.prompt)]
    return []
