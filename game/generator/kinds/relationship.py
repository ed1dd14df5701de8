"""Who Loves Whom: who is tied to whom (relationships read both ways), and who completes the pair
or trio of a trope example (a love triangle, a will-they-won't-they)."""
from __future__ import annotations

import random
from typing import Iterator

from ..compose import Candidate
from ..index import Edge, example_ground
from ..kit import Kit
from ..wording import fit, join_names, quoted, sentence

KIND = "relationship"


def candidates(kit: Kit) -> Iterator[Candidate]:
    index = kit.index
    for edge in index.askable_edges:
        yield kit.candidate(f"rel-{edge.subject}-{edge.relation}-{edge.other}", (edge.ground,), edge.spoiler,
                            relation_question, kit, edge)
    for trope in index.tropes_in_order:
        if trope.about_series:
            continue
        for n, example in index.askable_examples(trope):
            if 2 <= len(example.characters) <= 3:
                for cid in example.characters:
                    yield kit.candidate(f"rel-{trope.id}-{n}-{cid}", (example_ground(trope, n),),
                                        index.example_spoiler(example), storyline_question, kit, trope, example, cid)


def relation_question(qid, spoiler, kit: Kit, edge: Edge):
    rng = random.Random(qid)
    wrong = kit.wrong_characters(rng, edge.other, kit.index.tied_to(edge.subject), spoiler, near=(edge.subject,))
    return kit.question(qid, spoiler, KIND, fit(kit.relation_ask(edge)), kit.name(edge.other), wrong,
                        kit.relation_explanation(edge), kit.relation_facts(edge),
                        kit.facts.characters[edge.subject].pack, rng)


def storyline_question(qid, spoiler, kit: Kit, trope, example, answer):
    """Who completes a pair or trio of a trope example (a love triangle, a will-they-won't-they...)."""
    others = [c for c in example.characters if c != answer]
    rng = random.Random(qid)
    names = [kit.name(c) for c in others]

    def ask(this: str) -> str:
        # "the “The Reveal” storyline" doubles the article: the name's own "The" does
        t = quoted(trope.name)
        lead = "" if this == "The" and trope.name.startswith("The ") else f"{this} "
        if len(others) == 1:
            return f"Who shares {lead.lower()}{t} storyline with {names[0]}?"
        return f"{lead}{t} storyline involves {', '.join(names)} and one more character. Who?"

    with_clue = fit(f"{ask('This')} {sentence(example.clue)}") if kit.difficulty == "easy" else None
    prompt = with_clue or fit(ask("The"))
    shown = with_clue is not None  # "this" storyline only when the clue is there to point at
    wrong = kit.wrong_characters(rng, answer, kit.index.involved[trope.id], spoiler, near=others)
    everyone = join_names([kit.name(c) for c in example.characters])
    explanation = (f"The storyline involves {everyone}. {kit.defined(trope)}" if shown
                   else f"{everyone}: {sentence(example.clue)}")
    return kit.question(qid, spoiler, KIND, prompt, kit.name(answer), wrong, explanation,
                        (("trope", trope.name), ("character", names[0]) if len(names) == 1 else
                         ("characters", join_names(names)), ("other", kit.name(answer))),
                        trope.pack, rng)
