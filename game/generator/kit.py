"""What every question kind builds with: the settings (difficulty, spoilers), the shared fact
index, and the one way to make each shape of question and to pick wrong options."""
from __future__ import annotations

import random
from typing import Callable, Iterable, Sequence

from ..editorial import contains_answer
from ..models import Character, Question, Trope
from .compose import Candidate
from .index import INVERSE, RELATIONS, Edge, FactIndex
from .wording import ending, fit, join_names, labelled, quoted, render, sentence

CHOICE_COUNT = {"easy": 3, "medium": 4, "hard": 4}
CHOICE_LIMIT = 110  # reveal statements are the longest choices (about 100 characters)
TRUE, FALSE = "True", "False"


def sample(rng: random.Random, population: Sequence, ok: Callable[[object], bool], k: int,
           chosen: list) -> None:
    """Add up to k-len(chosen) distinct items of `population` passing `ok` to `chosen`.

    Random probing first, so picking from a large pack costs about k tries, not a
    scan of the whole pack; a scan from a random start fills in when few items pass."""
    n = len(population)
    if not n:
        return
    for _ in range(4 * k + 8):
        if len(chosen) >= k:
            return
        item = population[rng.randrange(n)]
        if item not in chosen and ok(item):
            chosen.append(item)
    start = rng.randrange(n)
    for offset in range(n):
        if len(chosen) >= k:
            return
        item = population[(start + offset) % n]
        if item not in chosen and ok(item):
            chosen.append(item)


class Kit:
    def __init__(self, index: FactIndex, difficulty: str, spoilers: bool):
        self.index = index
        self.facts = index.facts
        self.difficulty = difficulty
        self.spoilers = spoilers
        self.choice_count = CHOICE_COUNT[difficulty]
        self._wrong_candidates = {
            (spoiler, group): frozenset(c.id for c in index.characters_in_order
                                        if (spoiler or not c.spoiler) and (group or c.role != "group"))
            for spoiler in (True, False) for group in (True, False)}

    def name(self, cid: str) -> str:
        return self.facts.name(cid)

    def left_out(self, spoiler: bool) -> bool:
        """Whether a question will be dropped for being a spoiler, so need not be built nor even
        enumerated. Skipping one changes no other question, as each draws its random choices
        from a generator seeded by its own id."""
        return spoiler and not self.spoilers

    def candidate(self, qid: str, grounds: tuple[str, ...], spoiler: bool, builder: Callable[..., Question | None],
                  *args) -> Candidate:
        # One fact stored several ways is one fact: a quiz that asked the drowning as a twist does
        # not ask it again as a Death of a Child example.
        return Candidate(qid, self.index.with_same_fact(grounds), spoiler, builder, args)

    # ---- the shapes of question -------------------------------------------

    def question(self, qid: str, spoiler: bool, kind: str, prompt: str | None, answer: str,
                 wrong: Sequence[str], explanation: str, facts: tuple, pack: str,
                 rng: random.Random) -> Question | None:
        """A multiple-choice question, or None when it cannot be built well enough."""
        if prompt is None or len(wrong) < self.choice_count - 1 or contains_answer(prompt, answer):
            return None
        choices = [answer, *wrong]  # every kind asks for exactly the wrong options it needs
        if max(map(len, choices)) > CHOICE_LIMIT:
            return None
        rng.shuffle(choices)
        return Question(id=qid, kind=kind, prompt=prompt, answer=answer, choices=tuple(choices),
                        explanation=explanation, difficulty=self.difficulty, spoiler=spoiler,
                        facts=facts, pack=pack)

    def true_false(self, qid: str, spoiler: bool, statement: str, truth: bool, explanation: str,
                   facts: tuple, pack: str) -> Question | None:
        prompt = fit(f"True or false: {statement}")
        if prompt is None:
            return None
        return Question(id=qid, kind="true-false", prompt=prompt, answer=TRUE if truth else FALSE,
                        choices=(TRUE, FALSE), explanation=explanation, difficulty=self.difficulty,
                        spoiler=spoiler, facts=facts, pack=pack)

    def typed(self, qid: str, spoiler: bool, prompt: str | None, character: Character,
              explanation: str, facts: tuple) -> Question | None:
        if prompt is None or character.id in self.index.sharing_a_name or contains_answer(prompt, character.name):
            return None
        return Question(id=qid, kind="typed", prompt=prompt, answer=character.name, accepted=character.names,
                        rejected=self.index.rejected_names(character.id, spoiler), explanation=explanation,
                        difficulty=self.difficulty, spoiler=spoiler, facts=facts, pack=character.pack)

    # ---- wrong options ------------------------------------------------------

    def wrong_characters(self, rng: random.Random, answer: str, excluded: frozenset[str],
                         spoiler: bool, near: Iterable[str] = ()) -> list[str]:
        """Display names of wrong characters, none of them `excluded`: random ones, or close ones
        (same circle, same role) when hard. Spoiler characters only in spoiler questions,
        groups only against a group."""
        index = self.index
        answer_role = self.facts.characters[answer].role
        candidates = self._wrong_candidates[spoiler, answer_role == "group"]

        def allowed(cid: str) -> bool:  # called for every probe: set lookups only
            return cid != answer and cid in candidates and cid not in excluded

        need = self.choice_count - 1
        chosen: list[str] = []
        if self.difficulty == "hard":
            close = sorted(set(index.circle(answer)).union(*(index.circle(cid) for cid in near)))
            rng.shuffle(close)
            sample(rng, close, allowed, need, chosen)
            sample(rng, index.by_role[answer_role], allowed, need, chosen)  # the answer's own role: never missing
        sample(rng, index.character_ids, allowed, need, chosen)
        return [self.name(cid) for cid in chosen]

    def wrong_tropes(self, rng: random.Random, excluded: Iterable[str], spoiler: bool,
                     near: Iterable[str] = ()) -> list[str]:
        """Names of tropes a character can fit (never one about the series), none `excluded`;
        at hard, first the tropes of the people in `near`."""
        mine = set(excluded)
        visible = self.index.visible_tropes

        def allowed(tid: str) -> bool:
            return tid not in mine and (spoiler or tid in visible) and not self.facts.tropes[tid].about_series

        need = self.choice_count - 1
        chosen: list[str] = []
        if self.difficulty == "hard":
            close = sorted({tid for other in near for tid in self.index.tropes_of.get(other, ())})
            rng.shuffle(close)
            sample(rng, close, allowed, need, chosen)
        sample(rng, self.index.character_trope_ids, allowed, need, chosen)
        return [self.facts.tropes[tid].name for tid in chosen]

    # ---- wording shared by several kinds -------------------------------------

    @staticmethod
    def defined(trope: Trope) -> str:
        """The trope's name and what it means: "Irony: Events turn out..." """
        return labelled(trope.name, sentence(trope.definition))

    def example_of(self, cid: str, trope: Trope) -> str:
        character = self.facts.characters[cid]
        verb = "are" if character.role == "group" and character.name.endswith("s") else "is"
        return ending(f"{character.name} {verb} an example of {quoted(trope.name)}", ".")

    def fits_explained(self, trope: Trope, example, cid: str) -> str:
        """Why `trope` fits `cid`, without making them the clue's subject when they are not (the
        clue "A beta tester with a boyfriend cheats…" is Lucas's story, not Léopold's)."""
        name = self.name(cid)
        if example.characters and example.characters[0] != cid:
            return f"{trope.name} fits {name}, who is part of this storyline: {sentence(example.clue)}"
        return f"{trope.name} fits {name}: {sentence(example.clue)}"

    def who_is(self, character: Character, lead: str = "It's") -> str:
        """ "It's Billie", with the tropes she is a main example of (spoiler-free ones only,
        unless the character is a spoiler herself)."""
        index = self.index
        tropes = [quoted(self.facts.tropes[tid].name) for tid in index.tropes_of.get(character.id, ())
                  if not self.facts.tropes[tid].device and any(not index.example_spoiler(e) or character.spoiler
                         for _, e in index.main_examples(self.facts.tropes[tid], character.id))]
        if not tropes:
            return f"{lead} {character.name}."
        return ending(f"{lead} {character.name}, an example of {join_names(tropes)}", ".")

    def relation_ask(self, edge: Edge) -> str:
        return render(RELATIONS[edge.relation].ask, self.name(edge.subject), self.name(edge.other))

    def relation_statement(self, subject: str, relation: str, other: str) -> str:
        return render(RELATIONS[relation].state, self.name(subject), self.name(other))

    def relation_explanation(self, edge: Edge) -> str:
        """The fact as the pack states it (its note is written from the owner's side), with the note."""
        if edge.stored:
            statement = self.relation_statement(edge.subject, edge.relation, edge.other)
        else:
            statement = self.relation_statement(edge.other, INVERSE.get(edge.relation, edge.relation), edge.subject)
        return f"{statement[:-1]}: {edge.note}." if edge.note else statement

    def relation_facts(self, edge: Edge) -> tuple:
        return (("character", self.name(edge.subject)), ("relation", RELATIONS[edge.relation].label),
                ("other", self.name(edge.other)))
