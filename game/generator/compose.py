"""How a quiz is put together from the candidates of each kind: the composition rules, in one place.

A quiz, as a player meets it (a round is one quiz):
* no two questions rest on the same fact (a trope example, a relationship, a twist, a
  character's description, a hand-written question), whichever way round they ask;
* no prompt is handed over by an earlier explanation, and none contains its own answer
  (that one is refused when the question is built: see `Kit`);
* answers are spread: never the same answer twice running, and one not given yet (with a prompt
  not asked yet) is preferred;
* openings vary: a kind is drawn fact by fact, not question by question, so a fact that many
  questions can be built on (a trope with three characters) opens no more games than another.

Every kind goes through `QuizRules`; `game.editorial` checks the same rules on the result.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from ..editorial import asked_runs, gives_away, shingles
from ..models import Question
from .index import SAME_FACT


@dataclass(frozen=True, eq=False, slots=True)  # one candidate is one question: compared (and memoized) by identity
class Candidate:
    """A question not built yet: what a quiz draws on, known from the facts alone, and how to build it.

    Building (seeding a generator with the id, picking wrong options, wording) is most of the
    cost, so a quiz builds only the candidates it draws; `build` returns None when the question
    cannot be built well enough (a prompt too long for the card, too few wrong options)."""

    id: str
    grounds: tuple[str, ...]  # the facts it rests on, the main one first: a quiz uses each once
    spoiler: bool  # as far as the facts tell; the safety net may still find a spoiler name in the text
    builder: Callable[..., Question | None]  # called as builder(id, spoiler, *args)
    args: tuple  # held rather than bound in a closure: a big pack has tens of thousands of candidates

    def build(self) -> Question | None:
        return self.builder(self.id, self.spoiler, *self.args)


class QuizRules:
    """What one quiz has used so far, and whether a question may join it."""

    def __init__(self) -> None:
        self.grounds: set[str] = set()
        self.prompts: set[str] = set()
        self.explained: set[tuple[str, ...]] = set()  # word runs of every explanation shown so far
        self.answers: set[str] = set()  # given so far in this quiz
        self.last_answer: str | None = None

    def fresh(self, candidate: Candidate) -> bool:
        """Known before building, so stale candidates are skipped cheaply."""
        return self.grounds.isdisjoint(candidate.grounds)

    def allows(self, question: Question) -> bool:
        # A prompt asked before is refused ("Which of these is an example of Irony?" twice reads as
        # a bug), except Spot the Reveal's "Which of these really happens?": its choices are the facts.
        return ((question.kind == "true-false" or question.answer != self.last_answer)
                and (question.prompt not in self.prompts or question.kind == "spot-the-reveal")
                and not gives_away(question.prompt, self.explained))

    def spreads(self, question: Question) -> bool:
        """Worded unlike any question so far ("Which of these really happens?" heads many), with an
        answer not given yet (true/false has only two: always fine)."""
        return question.prompt not in self.prompts and (question.kind == "true-false"
                                                        or question.answer not in self.answers)

    def add(self, candidate: Candidate, question: Question) -> None:
        self.recall(candidate, question)
        self.grounds.update(candidate.grounds)  # with the whole facts it tells: once per quiz
        self.answers.add(question.answer)
        self.last_answer = question.answer

    def recall(self, candidate: Candidate, question: Question) -> None:
        """A question asked before this quiz, in the same game (an earlier round): its facts are
        used up and its explanation seen, but its answer starts no run in this round; a fact stored
        several ways may be told another way (the twist after the Death of a Child example)."""
        self.grounds.update(g for g in candidate.grounds if not g.startswith(SAME_FACT))
        self.prompts.add(question.prompt)
        self.explained |= shingles(question.explanation) | asked_runs(question.prompt, question.answer)


def take(queue: "QuizQueue", rules: QuizRules, build: Callable[[Candidate], Question | None],
         look_ahead: int = 4) -> Candidate | None:
    """The next candidate of a kind the rules allow, preferring one whose answer is new to the
    quiz (within `look_ahead` candidates). Stale and unbuildable candidates leave the queue."""
    fallback: int | None = None
    index = 0
    while True:
        buffer = queue.ahead(index + 1)
        if index >= len(buffer):
            break
        candidate = buffer[index]
        question = build(candidate) if rules.fresh(candidate) else None
        if question is None:
            buffer.pop(index)
            continue
        spreads = rules.spreads(question)  # cheap tests first: the handover test normalizes text
        if (spreads or fallback is None) and rules.allows(question):
            if spreads:
                return buffer.pop(index)
            fallback = index
        index += 1
        if fallback is not None and index >= look_ahead:
            break
    return buffer.pop(fallback) if fallback is not None else None  # `buffer` is the queue's own list


def lazy_shuffle(rng: random.Random, items: Sequence) -> Iterator:
    """A seeded random order of `items`, drawn one at a time (Fisher–Yates with the swaps
    kept in a dict), so taking k of n items costs k steps, not n."""
    n = len(items)
    moved: dict[int, int] = {}
    for i in range(n):
        j = rng.randrange(i, n)
        yield items[moved.get(j, j)]
        moved[j] = moved.get(i, i)


def grouped_order(rng: random.Random, groups: Sequence[Sequence[Candidate]]) -> Iterator[Candidate]:
    """A seeded random order drawn fact by fact: each group (the candidates on one main fact)
    is as likely to come first as any other, whatever its size."""
    for group in lazy_shuffle(rng, groups):
        if len(group) == 1:
            yield group[0]
        else:
            members = list(group)
            rng.shuffle(members)
            yield from members


def group_by_ground(candidates: Sequence[Candidate]) -> list[tuple[Candidate, ...]]:
    """Candidates grouped by their main fact, in order of first appearance."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.grounds[0], []).append(candidate)
    return [tuple(group) for group in groups.values()]


def weighted_order(rng: random.Random, candidates: list[Candidate], weights: dict[str, float]) -> list[Candidate]:
    """A seeded random order where a question of weight w (positive; 1 when not given) comes
    early w times as often (Efraimidis–Spirakis keys: u ** (1 / w), drawn in the candidates'
    order; `sorted` calls the key once per candidate, and keeps ties in that order)."""
    return sorted(candidates, key=lambda candidate: rng.random() ** (1.0 / weights.get(candidate.id, 1.0)),
                  reverse=True)


class QuizQueue:
    """One kind's candidates in quiz order, minus the excluded ids, read ahead on demand."""

    def __init__(self, order: Iterator[Candidate], exclude: frozenset):
        self._order = order
        self._exclude = exclude
        self._buffer: list[Candidate] = []

    def ahead(self, size: int) -> list[Candidate]:
        """The next `size` candidates (fewer at the end); the caller pops the one it takes."""
        while len(self._buffer) < size:
            candidate = next(self._order, None)  # an order once run out stays out
            if candidate is None:
                break
            if candidate.id not in self._exclude:
                self._buffer.append(candidate)
        return self._buffer

    def empty(self) -> bool:
        return not self.ahead(1)
