"""Trope Match: a character (with a clue, or by name) → which trope fits them; and the tropes
about the series as a whole, asked about the show itself."""
from __future__ import annotations

import random
from typing import Iterator

from ..compose import Candidate
from ..index import example_ground
from ..kit import Kit
from ..wording import fit, sentence
from .trope_to_character import example_slots

KIND = "character-to-trope"


def candidates(kit: Kit) -> Iterator[Candidate]:
    index = kit.index
    for trope in index.tropes_in_order:
        if not trope.ask_trope:
            continue  # its every clue says "siblings": the question would name its answer
        if kit.difficulty != "hard":
            for slot, n, example, cid in example_slots(kit, trope):
                if cid != example.characters[0]:
                    continue  # the clue tells its subject's story: "fits Léopold here?" would pin it on him
                yield kit.candidate(f"c2t-{slot}", (example_ground(trope, n),), index.example_spoiler(example),
                                    with_clue, kit, trope, example, cid)
    for trope in index.series_tropes:
        for n, example in index.askable_examples(trope):
            yield kit.candidate(f"c2t-series-{trope.id}-{n}", (example_ground(trope, n),),
                                index.example_spoiler(example), about_the_series, kit, trope, example)
    if kit.difficulty != "easy":
        for character in index.characters_in_order:
            for tid in index.tropes_of.get(character.id, ()):
                trope = kit.facts.tropes[tid]
                if trope.device or not trope.ask_trope:
                    continue  # a storytelling device fits no one; Brother-Sister Team is named by any description
                if index.main_examples(trope, character.id):
                    n, example, spoiler = index.best_example(trope, character.id)
                    # At medium the prompt quotes the description: that fact is used up too.
                    grounds = (example_ground(trope, n),) + (
                        (f"character:{character.id}",) if kit.difficulty == "medium" else ())
                    yield kit.candidate(f"c2t-{character.id}-{trope.id}", grounds, spoiler or character.spoiler,
                                        by_name, kit, trope, example, character)


def with_clue(qid, spoiler, kit: Kit, trope, example, cid):
    rng = random.Random(qid)
    name = kit.name(cid)
    ask = "Which storytelling device is this?" if trope.device else f"Which trope fits {name} here?"
    prompt = fit(f"{ask} {sentence(example.clue)}", f"Which trope is this? {sentence(example.clue)}")
    # Below hard only: no close wrong options to look for among the tropes of the people around them.
    wrong = kit.wrong_tropes(rng, kit.index.tropes_of[cid], spoiler)
    return kit.question(qid, spoiler, KIND, prompt, trope.name, wrong, kit.defined(trope),
                        (("character", name), ("trope", trope.name)), trope.pack, rng)


def by_name(qid, spoiler, kit: Kit, trope, example, character):
    rng = random.Random(qid)
    ask = f"Which of these tropes fits {character.name}?"
    prompt = fit(f"{sentence(character.description)} {ask}", ask) if kit.difficulty == "medium" else fit(ask)
    explanation = kit.fits_explained(trope, example, character.id)
    wrong = kit.wrong_tropes(rng, kit.index.tropes_of[character.id], spoiler, kit.index.circle(character.id))
    return kit.question(qid, spoiler, KIND, prompt, trope.name, wrong, explanation,
                        (("character", character.name), ("trope", trope.name)), trope.pack, rng)


def about_the_series(qid, spoiler, kit: Kit, trope, example):
    """A trope about the show as a whole, asked as one: its wrong options are tropes of characters,
    none touching anyone this example touches (the virus that ends the show is also The Bad Guy Wins)."""
    rng = random.Random(qid)
    title = kit.facts.series.title if kit.facts.series else "the series"
    prompt = fit(f"Which trope describes {title} as a whole? {sentence(example.clue)}")
    touching = {tid for cid in example.involved for tid in kit.index.tropes_of.get(cid, ())}
    wrong = kit.wrong_tropes(rng, touching | {trope.id}, spoiler)
    explanation = f"{kit.defined(trope)} It describes the show itself, not any one character."
    return kit.question(qid, spoiler, KIND, prompt, trope.name, wrong, explanation,
                        (("trope", trope.name), ("series", title)), trope.pack, rng)
