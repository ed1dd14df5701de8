"""The facts and packs the quiz is built from: plain frozen data, no behaviour beyond lookups."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


@dataclass(frozen=True)
class Series:
    title: str
    year: int | None = None
    language: str = ""
    network: str = ""
    creator: str = ""
    genre: str = ""
    premise: str = ""
    tagline: str = ""


@dataclass(frozen=True)
class Relationship:
    """`<owner> <type> <other>`, e.g. paul sibling esther."""

    type: str
    other: str
    note: str = ""
    spoiler: bool = False
    inferred: str = ""  # why we read it so: the source does not state it, so it never keys an answer
    pos: tuple[int, int] = field(default=(0, 0), compare=False)  # line, column in its pack file (0: not from a file)


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    role: str
    description: str
    aliases: tuple[str, ...] = ()
    spoiler: bool = False
    relationships: tuple[Relationship, ...] = ()
    pack: str = ""
    pos: tuple[int, int] = field(default=(0, 0), compare=False)  # line, column in its pack file (0: not from a file)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class TropeExample:
    characters: tuple[str, ...]
    clue: str
    also: tuple[str, ...] = ()
    spoiler: bool = False
    inferred: str = ""  # why we read it so: the source does not list it, so it never keys an answer
    pos: tuple[int, int] = field(default=(0, 0), compare=False)  # line, column in its pack file (0: not from a file)

    @property
    def involved(self) -> frozenset[str]:
        return frozenset(self.characters) | frozenset(self.also)


@dataclass(frozen=True)
class Trope:
    id: str
    name: str
    definition: str
    examples: tuple[TropeExample, ...]
    pack: str = ""
    about_series: bool = False  # describes the show as a whole: never pinned on a character
    device: bool = False  # a storytelling device: only "part of this example", never "fits X"
    ask_trope: bool = True  # False when every clue names the trope: never "which trope fits"
    pos: tuple[int, int] = field(default=(0, 0), compare=False)  # line, column in its pack file (0: not from a file)

    @property
    def involved(self) -> frozenset[str]:
        """Everyone any example of this trope touches: never a wrong answer for it."""
        return frozenset().union(*(example.involved for example in self.examples))


@dataclass(frozen=True)
class Reveal:
    id: str
    statement: str
    clues: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    spoiler: bool = True
    pack: str = ""
    detail: str = ""  # what else the page says: the explanation when no clue is listed
    same_as: tuple[str, ...] = ()  # other grounds of the same fact: a quiz asks it once
    pos: tuple[int, int] = field(default=(0, 0), compare=False)  # line, column in its pack file (0: not from a file)


@dataclass(frozen=True)
class RedHerring:
    id: str
    statement: str
    characters: tuple[str, ...] = ()
    pack: str = ""
    truth: str = ""  # what really happens instead: the explanation of its False
    same_as: tuple[str, ...] = ()  # grounds of the fact it contradicts: a quiz asks it once
    pos: tuple[int, int] = field(default=(0, 0), compare=False)  # line, column in its pack file (0: not from a file)


@dataclass(frozen=True)
class PackQuestion:
    """A hand-written question from a pack: multiple choice, or typed when it has no choices."""

    id: str
    prompt: str
    choices: tuple[str, ...]  # empty: the player types the answer
    answer: str
    accepted: tuple[str, ...] = ()  # typed: other answers that count as right
    explanation: str = ""
    difficulty: str = "medium"
    spoiler: bool = False
    about: tuple[str, ...] = ()
    source: str = ""
    pack: str = ""
    line: int = 0
    pos: tuple[int, int] = field(default=(0, 0), compare=False)  # line, column in its pack file


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    path: Path
    description: str = ""
    author: str = ""
    source: str = ""
    series: Series | None = None
    characters: tuple[Character, ...] = ()
    tropes: tuple[Trope, ...] = ()
    reveals: tuple[Reveal, ...] = ()
    red_herrings: tuple[RedHerring, ...] = ()
    questions: tuple[PackQuestion, ...] = ()
    scope: str = ""  # the series its ids belong to ("" for a pack that builds on no series)

    @property
    def is_fact_pack(self) -> bool:
        return bool(self.characters or self.tropes or self.reveals)


@dataclass(frozen=True)
class RefusedPack:
    path: Path
    problems: tuple  # of yamlsafe.Problem

    @property
    def reason(self) -> str:
        return str(self.problems[0]) if self.problems else f"{self.path}: refused"


def _characters_referred_to(pack: Pack) -> set[str]:
    ids = {r.other for c in pack.characters for r in c.relationships}
    ids.update(cid for t in pack.tropes for e in t.examples for cid in e.involved)
    ids.update(cid for r in (*pack.reveals, *pack.red_herrings) for cid in r.characters)
    ids.update(item for q in pack.questions for item in q.about)
    return ids


@dataclass(frozen=True)
class Library:
    """Every pack that loaded, every pack that was refused, and the facts they add up to."""

    packs: tuple[Pack, ...] = ()
    refused: tuple[RefusedPack, ...] = ()
    support: tuple[Pack, ...] = ()  # packs whose characters the chosen ones build on; not played

    def only(self, pack_ids: set[str] | None) -> "Library":
        """Just these packs, plus (as support) the packs of their series defining characters they
        refer to: a pack may build its tropes on another pack's characters."""
        if not pack_ids:
            return self
        chosen = tuple(p for p in self.packs if p.id in pack_ids)
        scope = next((p.scope for p in chosen if p.scope), "")
        others = [p for p in self.packs if p.id not in pack_ids and p.scope in ("", scope)]
        needed = set().union(*map(_characters_referred_to, chosen))
        supporting: set[str] = set()
        grew = True
        while grew:  # a support pack may build on yet another, in whatever order they loaded
            grew = False
            for pack in others:
                if pack.id not in supporting and needed & {c.id for c in pack.characters}:
                    supporting.add(pack.id)
                    needed |= _characters_referred_to(pack)
                    grew = True
        return Library(chosen, self.refused, tuple(p for p in others if p.id in supporting))

    @cached_property
    def playing(self) -> tuple[Pack, ...]:
        """The packs a game plays: one series (ids are only unique within a series), the first
        one loaded (the bundled one) when the library holds several, with the packs of no series."""
        scope = next((p.scope for p in self.packs if p.scope), "")
        return tuple(p for p in self.packs if p.scope in ("", scope))

    @cached_property
    def facts(self) -> "FactBase":
        return FactBase.merge(self.playing, support=self.support)


@dataclass(frozen=True)
class FactBase:
    """The facts of one series, merged across its packs (ids are unique within a series by
    validation)."""

    series: Series | None = None
    characters: dict[str, Character] = field(default_factory=dict)
    tropes: dict[str, Trope] = field(default_factory=dict)
    reveals: tuple[Reveal, ...] = ()
    red_herrings: tuple[RedHerring, ...] = ()
    questions: tuple[PackQuestion, ...] = ()

    @classmethod
    def merge(cls, packs, support=()) -> "FactBase":
        """The facts of `packs`; `support` packs lend only their characters."""
        packs = tuple(packs)
        return cls(
            series=next((p.series for p in (*packs, *support) if p.series), None),
            characters={c.id: c for p in (*support, *packs) for c in p.characters},
            tropes={t.id: t for p in packs for t in p.tropes},
            reveals=tuple(r for p in packs for r in p.reveals),
            red_herrings=tuple(r for p in packs for r in p.red_herrings),
            questions=tuple(q for p in packs for q in p.questions),
        )

    def name(self, character_id: str) -> str:
        return self.characters[character_id].name


KINDS = ("trope-to-character", "character-to-trope", "spot-the-reveal", "relationship",
         "true-false", "typed", "pack")


@dataclass(frozen=True)
class Question:
    """One question as every front end shows it: built by the generator, played by the engine."""

    id: str  # stable across runs: the same facts give the same id
    kind: str  # one of KINDS
    prompt: str
    answer: str  # the exact text of the right choice, or the canonical typed answer
    choices: tuple[str, ...] = ()  # empty for typed questions
    accepted: tuple[str, ...] = ()  # typed: every form that counts as right
    rejected: tuple[str, ...] = ()  # typed: other names that must never count as right
    explanation: str = ""
    difficulty: str = "medium"
    spoiler: bool = False
    facts: tuple[tuple[str, str], ...] = ()  # what it is built on, e.g. (("trope", "Irony"),)
    source: str = ""
    pack: str = ""
    grounds: tuple[str, ...] = ()  # the facts it rests on ("example:irony:1", "pair:lucas:leopold"):
    # a quiz asks about each once

    @property
    def is_typed(self) -> bool:
        return not self.choices

    def is_right(self, response: str) -> bool:
        """Whether a chosen choice, or a typed answer, is right."""
        if not self.is_typed:
            return response == self.answer
        from .text import is_accepted
        return is_accepted(response, self.accepted or (self.answer,), self.rejected)
