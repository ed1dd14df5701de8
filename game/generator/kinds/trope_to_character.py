"""Who's Who: a trope (with its clue, or by name at medium and hard) → which character fits it."""
from __future__ import annotations

import random
from typing import Iterator

from ..compose import Candidate
from ..index import example_ground
from ..kit import Kit
from ..wording import ending, fit, join_names, quoted, sentence

KIND = "trope-to-character"


def example_slots(kit: Kit, trope):
    """(id part, number, example, character) for each main character of each askable example: the
    clue questions of both directions are asked once per such slot. None for a trope about the series."""
    if trope.about_series:
        return
    for n, example in kit.index.askable_examples(trope):
        for cid in example.characters:
            yield f"{trope.id}-{n}" + ("" if len(example.characters) == 1 else f"-{cid}"), n, example, cid


def candidates(kit: Kit) -> Iterator[Candidate]:
    index = kit.index
    for trope in index.tropes_in_order:
        if kit.difficulty != "hard":
            for slot, n, example, cid in example_slots(kit, trope):
                yield kit.candidate(f"t2c-{slot}", (example_ground(trope, n),), index.example_spoiler(example),
                                    with_clue, kit, trope, example, cid)
        if kit.difficulty != "easy":
            for cid in index.main_characters(trope):
                n, example, spoiler = index.best_example(trope, cid)
                yield kit.candidate(f"t2c-{trope.id}-{cid}", (example_ground(trope, n),), spoiler,
                                    by_name, kit, trope, example, cid)


def with_clue(qid, spoiler, kit: Kit, trope, example, cid):
    solo = len(example.characters) == 1
    rng = random.Random(qid)
    group = kit.facts.characters[cid].role == "group"  # the Humanists are no "character"
    ask = ("Who does this {t} example describe?" if group else "Which character does this {t} example describe?") \
        if solo else "Which of these characters is part of this {t} example?"
    ask = ask.format(t=quoted(trope.name))
    prompt = fit(f"{ask} {sentence(example.clue)}", f"{quoted(trope.name)}: {sentence(example.clue)} Who is it?")
    names = [kit.name(c) for c in example.characters]
    who = f"It's {names[0]}." if solo else f"It involves {join_names(names)}."
    explanation = f"{who} {kit.defined(trope)}"
    wrong = kit.wrong_characters(rng, cid, kit.index.involved[trope.id], spoiler)
    return kit.question(qid, spoiler, KIND, prompt, kit.name(cid), wrong, explanation,
                        (("trope", trope.name), ("character", kit.name(cid))), trope.pack, rng)


def by_name(qid, spoiler, kit: Kit, trope, example, cid):
    rng = random.Random(qid)
    ask = ending(f"Which of these characters is an example of {quoted(trope.name)}", "?")
    prompt = fit(f"{sentence(trope.definition)} {ask}", ask) if kit.difficulty == "medium" else fit(ask)
    explanation = f"{trope.name} fits {kit.name(cid)}: {sentence(example.clue)}"
    wrong = kit.wrong_characters(rng, cid, kit.index.involved[trope.id], spoiler)
    return kit.question(qid, spoiler, KIND, prompt, kit.name(cid), wrong, explanation,
                        (("trope", trope.name), ("character", kit.name(cid))), trope.pack, rng)
