"""Name Them: the player types the name (a character from their description, the one character of
a trope example, or the only right answer to a relationship at hard)."""
from __future__ import annotations

from typing import Iterator

from ..compose import Candidate
from ..index import CHANGING_ROMANCES, Edge, example_ground
from ..kit import Kit
from ..wording import fit, quoted, sentence

KIND = "typed"


def candidates(kit: Kit) -> Iterator[Candidate]:
    if kit.difficulty == "easy":
        return
    index = kit.index
    for character in index.characters_in_order:
        if character.id not in index.self_naming:
            yield kit.candidate(f"typed-{character.id}", (f"character:{character.id}",), character.spoiler,
                                described, kit, character)
    for trope in index.tropes_in_order:
        if trope.about_series:
            continue
        for n, example in index.askable_examples(trope):
            if len(example.characters) == 1:
                cid = example.characters[0]
                yield kit.candidate(f"typed-{trope.id}-{n}", (example_ground(trope, n),),
                                    index.example_spoiler(example), trope_example, kit, trope, example,
                                    kit.facts.characters[cid])
    if kit.difficulty != "hard":
        return
    answers: dict[tuple[str, str], list[Edge]] = {}
    for edge in index.edges:  # inferred ties count here: they make a second right answer
        answers.setdefault((edge.subject, edge.relation), []).append(edge)
    for (subject, relation), edges in sorted(answers.items()):
        right = {edge.other for edge in edges}
        if relation == "colleague-of":
            right |= index.workmates.get(subject, frozenset())
        if relation in CHANGING_ROMANCES:
            # Lucas leaves his partner for his ex: over the series either name is his partner.
            right |= {e.other for r in CHANGING_ROMANCES for e in answers.get((subject, r), ())}
        edge = edges[0]
        if len(right) != 1 or edge.inferred:
            continue  # a typed answer must be the only right one, and a stated one
        yield kit.candidate(f"typed-rel-{subject}-{relation}-{edge.other}", (edge.ground,),
                            edge.spoiler, relative, kit, edge)


def described(qid, spoiler, kit: Kit, character):
    what = "group" if character.role == "group" else "character"
    prompt = fit(f"Type the name of this {what}: {sentence(character.description)}")
    return kit.typed(qid, spoiler, prompt, character, kit.who_is(character), (("character", character.name),))


def trope_example(qid, spoiler, kit: Kit, trope, example, character):
    what = "group" if character.role == "group" else "character"
    prompt = fit(f"Type the name of the {what} in this {quoted(trope.name)} example: "
                 f"{sentence(example.clue)}",
                 f"{quoted(trope.name)}: {sentence(example.clue)} Type the name.")
    return kit.typed(qid, spoiler, prompt, character, f"It's {character.name}. {kit.defined(trope)}",
                     (("trope", trope.name), ("character", character.name)))


def relative(qid, spoiler, kit: Kit, edge):
    return kit.typed(qid, spoiler, fit(f"{kit.relation_ask(edge)} Type the name."),
                     kit.facts.characters[edge.other], kit.relation_explanation(edge), kit.relation_facts(edge))
