"""Spot the Reveal: which of these really happens (a twist among made-up ones), and which twist an
early hint points to. Every question asks for the real twist, as the round's card says: a question
asking for the made-up one instead would trap a quick reader."""
from __future__ import annotations

import random
from typing import Iterator

from ..compose import Candidate
from ..kit import Kit, sample
from ..wording import fit, sentence

KIND = "spot-the-reveal"


def candidates(kit: Kit) -> Iterator[Candidate]:
    # Every question of this kind is about a twist: all are spoilers.
    for reveal in kit.facts.reveals:
        grounds = (f"reveal:{reveal.id}",)
        yield kit.candidate(f"rev-{reveal.id}", grounds, True, reveal_question, kit, reveal)
        for n, clue in enumerate(reveal.clues, 1):
            yield kit.candidate(f"rev-{reveal.id}-clue-{n}", grounds, True, clue_question, kit, reveal, clue)


def twist_explained(reveal, lead: str) -> str:
    """A twist's explanation: the first hint the show gave of it, when the pack lists one (without
    one, repeating the statement the player has just read would say nothing)."""
    return f"{lead} An early hint: {sentence(reveal.clues[0])}" if reveal.clues else lead


def made_up_statements(kit: Kit, rng, characters) -> list[str]:
    """Wrong options: red herrings; at hard, first those about the same characters."""
    herrings = kit.facts.red_herrings
    need = kit.choice_count - 1
    chosen: list[int] = []
    if kit.difficulty == "hard":
        close = sorted({i for cid in characters for i in kit.index.herrings_about.get(cid, ())})
        rng.shuffle(close)
        sample(rng, close, lambda i: True, need, chosen)
    sample(rng, range(len(herrings)), lambda i: True, need, chosen)
    return [herrings[i].statement for i in chosen]


def reveal_question(qid, spoiler, kit: Kit, reveal):
    rng = random.Random(qid)
    wrong = made_up_statements(kit, rng, reveal.characters)
    return kit.question(qid, spoiler, KIND, fit("Which of these really happens in the series?"),
                        reveal.statement, wrong, twist_explained(reveal, "It really happens; the others are made up."),
                        (("reveal", reveal.id),), reveal.pack, rng)


def clue_question(qid, spoiler, kit: Kit, reveal, clue):
    rng = random.Random(qid)
    reveals, herrings = kit.facts.reveals, kit.facts.red_herrings
    need = kit.choice_count - 1
    mine = set(reveal.characters)

    def unrelated(i: int) -> bool:  # another twist about the same people could be what the hint points to
        return reveals[i].id != reveal.id and not mine & set(reveals[i].characters) and clue not in reveals[i].clues

    chosen: list[int] = []
    sample(rng, range(len(reveals)), unrelated, need, chosen)
    wrong = [reveals[i].statement for i in chosen]
    herring_picks: list[int] = []
    sample(rng, range(len(herrings)), lambda i: True, need - len(wrong), herring_picks)
    wrong += [herrings[i].statement for i in herring_picks]
    prompt = fit(f"Which twist does this early hint point to? {sentence(clue)}")
    other_hints = [c for c in reveal.clues if c != clue]
    explanation = f"The hint pays off: {sentence(reveal.statement)}" + (
        f" Another hint: {sentence(other_hints[0])}" if other_hints else "")
    return kit.question(qid, spoiler, KIND, prompt, reveal.statement, wrong, explanation,
                        (("reveal", reveal.id), ("clue", clue)), reveal.pack, rng)
