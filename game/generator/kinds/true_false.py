"""Lightning: true or false. A true statement per fact and, when a wrong character fits the
sentence, a false one with that character swapped in. The swap is picked when listing, not when
building: its name is part of the question's id."""
from __future__ import annotations

import random
from dataclasses import replace
from typing import Iterator

from ..compose import Candidate
from ..index import example_ground
from ..kit import Kit
from ..wording import sentence
from .spot_the_reveal import twist_explained

KIND = "true-false"


def candidates(kit: Kit) -> Iterator[Candidate]:
    index = kit.index
    for trope in index.tropes_in_order:
        for cid in index.main_characters(trope):
            n, example, spoiler = index.best_example(trope, cid)
            if kit.left_out(spoiler):
                continue  # dropped anyway: spare the swap pick
            base = f"tf-{trope.id}-{cid}"
            grounds = (example_ground(trope, n),)
            yield kit.candidate(f"{base}-true", grounds, spoiler, example_statement, kit, trope, cid, example, None)
            swap = kit.wrong_characters(random.Random(base), cid, index.involved[trope.id], spoiler)
            if swap:
                yield kit.candidate(f"{base}-swap-{index.ids_by_name[swap[0]]}", grounds, spoiler,
                                    example_statement, kit, trope, cid, example, swap[0])
    for edge in index.askable_edges:
        if not edge.stored or kit.left_out(edge.spoiler):
            continue
        base = f"tf-{edge.subject}-{edge.relation}-{edge.other}"
        yield kit.candidate(f"{base}-true", (edge.ground,), edge.spoiler, relation_statement, kit, edge, None)
        swap = kit.wrong_characters(random.Random(base), edge.other, index.tied_to(edge.subject),
                                    edge.spoiler, near=(edge.subject,))
        if swap:
            yield kit.candidate(f"{base}-swap-{index.ids_by_name[swap[0]]}", (edge.ground,), edge.spoiler,
                                relation_statement, kit, edge, swap[0])
    for reveal in kit.facts.reveals:
        yield kit.candidate(f"tf-{reveal.id}", (f"reveal:{reveal.id}",), True, kit.true_false,
                            sentence(reveal.statement), True, twist_explained(reveal, "True: it is one of the series' twists."),
                            (("reveal", reveal.id),), reveal.pack)
    for herring in kit.facts.red_herrings:
        yield kit.candidate(f"tf-{herring.id}", (f"herring:{herring.id}",), True, kit.true_false,
                            sentence(herring.statement), False, "False: made up; it never happens in the series.",
                            (("red herring", herring.id),), herring.pack)
    for character in index.characters_in_order:
        if character.id in index.self_naming or kit.left_out(character.spoiler):
            continue
        base = f"tf-{character.id}-description"
        grounds = (f"character:{character.id}",)
        yield kit.candidate(f"{base}-true", grounds, character.spoiler, description_statement, kit, character, None)
        swap = kit.wrong_characters(random.Random(base), character.id, index.mentioned(character.description),
                                    character.spoiler)
        if swap:
            yield kit.candidate(f"{base}-swap-{index.ids_by_name[swap[0]]}", grounds, character.spoiler,
                                description_statement, kit, character, swap[0])


# A builder states the fact as it is when `swap` is None, else with the display name `swap` in
# place of the right character.

def example_statement(qid, spoiler, kit: Kit, trope, cid, example, swap):
    name = kit.name(cid)
    if swap is None:
        return kit.true_false(qid, spoiler, kit.example_of(cid, trope), True, f"True. {sentence(example.clue)}",
                              (("trope", trope.name), ("character", name)), trope.pack)
    return kit.true_false(qid, spoiler, kit.example_of(kit.index.ids_by_name[swap], trope), False,
                          f"False: {trope.name} fits {name}, not {swap}.",
                          (("trope", trope.name), ("character", swap), ("instead of", name)), trope.pack)


def relation_statement(qid, spoiler, kit: Kit, edge, swap):
    explanation = kit.relation_explanation(edge)
    pack = kit.facts.characters[edge.subject].pack
    if swap is None:
        return kit.true_false(qid, spoiler, kit.relation_statement(edge.subject, edge.relation, edge.other), True,
                              f"True. {explanation}", kit.relation_facts(edge), pack)
    swapped = replace(edge, other=kit.index.ids_by_name[swap])
    return kit.true_false(qid, spoiler, kit.relation_statement(swapped.subject, swapped.relation, swapped.other),
                          False, f"False. {explanation}",
                          (*kit.relation_facts(swapped), ("instead of", kit.name(edge.other))), pack)


def description_statement(qid, spoiler, kit: Kit, character, swap):
    description = sentence(character.description)
    if swap is None:
        fits = "fit" if character.role == "group" and character.name.endswith("s") else "fits"  # the Humanists fit
        return kit.true_false(qid, spoiler, f"{character.name} {fits} this description: “{description}”",
                              True, f"True: that is {character.name}.", (("character", character.name),),
                              character.pack)
    return kit.true_false(qid, spoiler, f"{swap} fits this description: “{description}”", False,
                          f"False: that is {character.name}, not {swap}.",
                          (("character", swap), ("instead of", character.name)), character.pack)
