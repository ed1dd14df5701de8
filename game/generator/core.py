"""The public generator: facts → questions, where every wrong choice is wrong according to the facts.

The hard part is not writing prompts but choosing distractors: characters with
several tropes, tropes with several characters and one-sided relationships all
hide second right answers. So (see `index` and `kit`):

* a character is never a wrong option for a trope that involves them in any
  example, and a trope never for a character it involves;
* relationships are read both ways (parent-of ↔ child-of, loves ↔ loved-by, ...)
  and a wrong option for "who is X's ...?" is never linked to X at all, nor a
  child of X's parents (Paul has two sisters called Esther), nor anyone working
  where X works (a colleague's colleague is a colleague);
* an avatar and the one behind it are one being (Tom is Martin);
* a trope about the series is pinned on no one and offered for no one; an inferred
  fact keeps people out of the wrong options and keys no answer;
* a question is a spoiler when any fact it uses is one; a question that is not a
  spoiler takes its wrong options only from non-spoiler facts, so switching
  spoilers off only removes questions and never changes the others.

The pool (every question, one instance each) depends only on the facts and the
difficulty; each question's own random choices are seeded by its id. A quiz
draws from the pool with `random.Random(seed)`, under the rules of `compose`,
and reshuffles the choices. Each kind (one module in `kinds/`) lists cheap
candidates; a quiz builds only the few it draws.
"""
from __future__ import annotations

import random
from dataclasses import replace
from functools import cached_property
from typing import Iterable

from ..models import KINDS, FactBase, Question
from .compose import Candidate, QuizQueue, QuizRules, group_by_ground, grouped_order, take, weighted_order
from .index import FactIndex
from .kinds import MODULES
from .kit import CHOICE_COUNT, Kit


class Generator:
    def __init__(self, facts: FactBase, difficulty: str = "medium", spoilers: bool = True):
        if difficulty not in CHOICE_COUNT:
            raise ValueError(f"unknown difficulty {difficulty!r}; use easy, medium or hard")
        self.index = FactIndex(facts)
        self.kit = Kit(self.index, difficulty, spoilers)
        self._candidate_lists: dict[str, list[Candidate]] = {}
        self._groups: dict[str, list[tuple[Candidate, ...]]] = {}
        self._built: dict[Candidate, Question | None] = {}
        self._kind_ids: dict[str, frozenset[str]] = {}

    # ---- public contract -------------------------------------------------

    def pool(self, kinds: Iterable[str] | None = None) -> list[Question]:
        """Every question this generator can build, one instance each, in a stable order."""
        return [question for kind in check_kinds(kinds) for candidate in self._candidates(kind)
                if (question := self._question_of(candidate)) is not None]

    def quiz(self, count: int, seed: int, kinds: Iterable[str] | None = None,
             exclude: frozenset = frozenset(), weights: dict[str, float] | None = None) -> list[Question]:
        """`count` questions (fewer if the facts run out), kinds taken in turn, composed by the
        rules of `compose.QuizRules`: no fact twice, nothing handed over, answers spread."""
        rng = random.Random(seed)
        queues: dict[str, QuizQueue] = {}
        for kind in check_kinds(kinds):
            if weights and any(qid in self._ids_of_kind(kind) for qid in weights):
                order = iter(weighted_order(rng, self._candidates(kind), weights))
            else:
                order = grouped_order(rng, self._groups_of(kind))  # draws only what the quiz needs
            queues[kind] = QuizQueue(order, exclude)
        turns = sorted(queues)
        rng.shuffle(turns)
        picked: list[Question] = []
        rules = QuizRules()
        for qid in exclude:  # asked earlier in the same game: their facts are used up, their explanations seen
            candidate = self._by_id.get(qid)
            question = self._question_of(candidate) if candidate is not None else None
            if question is not None:
                rules.recall(candidate, question)
        while len(picked) < count:
            turns = [kind for kind in turns if not queues[kind].empty()]
            if not turns:
                break
            for kind in list(turns):
                if len(picked) >= count:
                    break
                candidate = take(queues[kind], rules, self._question_of)
                if candidate is None:  # nothing left this quiz may ask: the kind is done
                    turns.remove(kind)
                    continue
                question = self._question_of(candidate)
                picked.append(question)
                rules.add(candidate, question)
        return [self._reshuffled(question, rng) for question in picked]

    # ---- inside -------------------------------------------------------------

    @cached_property
    def _by_id(self) -> dict[str, Candidate]:
        """Every candidate by id: what `exclude` names (asked earlier in the game), whatever was
        built before, so the same seed gives the same quiz from a fresh generator or a used one."""
        return {c.id: c for kind in KINDS for c in self._candidates(kind)}

    def _ids_of_kind(self, kind: str) -> frozenset[str]:
        if kind not in self._kind_ids:
            self._kind_ids[kind] = frozenset(candidate.id for candidate in self._candidates(kind))
        return self._kind_ids[kind]

    @staticmethod
    def _reshuffled(question: Question, rng: random.Random) -> Question:
        if question.is_typed or question.kind == "true-false":
            return question
        choices = list(question.choices)
        rng.shuffle(choices)
        return replace(question, choices=tuple(choices))

    def _candidates(self, kind: str) -> list[Candidate]:
        """One kind's candidates, one per id, enumerated on first use and kept: a quiz never
        enumerates again. With spoilers off, those known to be spoilers are dropped here."""
        if kind not in self._candidate_lists:
            seen: set[str] = set()
            kept = []
            for candidate in MODULES[kind].candidates(self.kit):
                if candidate.id not in seen and not self.kit.left_out(candidate.spoiler):
                    seen.add(candidate.id)
                    kept.append(candidate)
            self._candidate_lists[kind] = kept
        return self._candidate_lists[kind]

    def _groups_of(self, kind: str) -> list[tuple[Candidate, ...]]:
        if kind not in self._groups:
            self._groups[kind] = group_by_ground(self._candidates(kind))
        return self._groups[kind]

    def _question_of(self, candidate: Candidate) -> Question | None:
        """A candidate built once, with its final spoiler flag; None when it cannot be built well
        enough or, with spoilers off, turns out to be a spoiler after all (see the safety net)."""
        if candidate not in self._built:
            question = candidate.build()
            if question is not None:
                question = self._spoiler_safety_net(replace(question, grounds=candidate.grounds))
                if self.kit.left_out(question.spoiler):
                    question = None
            self._built[candidate] = question
        return self._built[candidate]

    def _spoiler_safety_net(self, question: Question) -> Question:
        """Text written by pack authors may name a spoiler character; such a question is a spoiler."""
        index = self.index
        if question.spoiler or not index.spoiler_names or not index.about_our_characters(question):
            return question
        texts = (question.prompt, question.answer, question.explanation, *question.choices, *question.accepted)
        if any(map(index.spoiler_names.find, texts)):
            return replace(question, spoiler=True)
        return question


def check_kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    """The kinds asked for, in the standard order; ValueError naming any unknown one."""
    if kinds is None:
        return KINDS
    wanted = list(kinds)
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown question kind {unknown[0]!r}; known kinds: {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in wanted)
