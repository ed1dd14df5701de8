"""From the Packs: the hand-written questions of the packs, as their authors wrote them."""
from __future__ import annotations

import random
from typing import Iterator, Sequence

from ...models import PackQuestion, Question
from ..compose import Candidate
from ..index import pack_question_id
from ..kit import Kit

KIND = "pack"


def candidates(kit: Kit) -> Iterator[Candidate]:
    for question in kit.facts.questions:
        build = multiple_choice if question.choices else typed
        yield kit.candidate(pack_question_id(question.id), (f"pack:{question.id}",),
                            spoiler_of(kit, question), build, kit, question)


def multiple_choice(qid, spoiler, kit: Kit, question: PackQuestion) -> Question | None:
    rng = random.Random(question.id)
    wrong = [c for c in question.choices if c != question.answer]
    if qid not in kit.index.foreign and not spoiler:
        # A spoiler character must not even show up as a wrong option.
        wrong = [c for c in wrong if not kit.index.spoiler_names.find(c)]
    rng.shuffle(wrong)
    if kit.difficulty == "easy":
        wrong = wrong[: kit.choice_count - 1]
    if not wrong:
        return None
    choices = [question.answer, *wrong]
    rng.shuffle(choices)
    return Question(id=qid, kind=KIND, prompt=question.prompt, answer=question.answer,
                    choices=tuple(choices), explanation=question.explanation,
                    difficulty=question.difficulty, spoiler=spoiler,
                    facts=(("pack", question.pack), *about_facts(kit, question.about)),
                    source=question.source, pack=question.pack)


def typed(qid, spoiler, kit: Kit, question: PackQuestion) -> Question:
    """A hand-written question answered by typing: the author's accepted answers count."""
    return Question(id=qid, kind=KIND, prompt=question.prompt, answer=question.answer,
                    accepted=(question.answer, *question.accepted), explanation=question.explanation,
                    difficulty=question.difficulty, spoiler=spoiler,
                    facts=(("pack", question.pack), *about_facts(kit, question.about)),
                    source=question.source, pack=question.pack)


def spoiler_of(kit: Kit, question: PackQuestion) -> bool:
    """Spoiler when marked so, when about a spoiler character, or about a trope whose examples
    touching the question's characters are all spoilers."""
    if question.spoiler:
        return True
    index = kit.index
    characters = {item for item in question.about if item in kit.facts.characters}
    if any(index.is_spoiler_character(cid) for cid in characters):
        return True
    for item in question.about:
        trope = kit.facts.tropes.get(item)
        if trope is None:
            continue
        examples = [e for e in trope.examples if not characters or e.involved & characters] or trope.examples
        if all(index.example_spoiler(e) for e in examples):
            return True
    return False


def about_facts(kit: Kit, about: Sequence[str]) -> tuple:
    """What a hand-written question is about, by display name, one label each."""
    characters = [kit.name(item) for item in about if item in kit.facts.characters]
    tropes = [kit.facts.tropes[item].name for item in about if item in kit.facts.tropes]
    return tuple((label, ", ".join(names)) for label, names in
                 (("characters", characters), ("tropes", tropes)) if names)
