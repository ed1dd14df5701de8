"""The shared index of the facts every question kind reads: who is involved where, who is linked
to whom, what is a spoiler, what may be asked. Built once per fact base, whatever the difficulty.

What a question may ask is narrower than what keeps someone out of the wrong options:
* a trope `about_series` is about the show, so it is pinned on no character (it has no main
  characters), and it is never a wrong option for one either;
* an `inferred` example or relationship (our reading, not the source's) never keys an answer,
  but still counts as involvement: Martin, who loves Esther, is never a "wrong" Unrequited Love.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..models import Character, FactBase, PackQuestion, Trope, TropeExample
from ..text import fold, folded_words, normalize


# A ground standing for a fact stored several ways: used once per quiz (round), while a later
# round of the same game may tell the fact another way (a party's twist round would run dry).
SAME_FACT = "fact:"

# The role the page places outside Osmosis's staff: the beta testers it experiments on.
OUTSIDERS = frozenset({"beta-tester"})


@dataclass(frozen=True)
class RelationWords:
    """How to ask and state `<subject> <relation> <other>`."""

    ask: str  # "{a}" is the subject
    state: str  # "{a}" subject, "{b}" the other
    label: str


# Keyed by the relation as seen from the subject; inverses are derived, not stored.
# "{a's parent}" is rendered "Paul's parent", or "the parent of Esther (the first daughter)".
RELATIONS: dict[str, RelationWords] = {
    "sibling": RelationWords("Who is {a's sibling}?", "{b} is {a's sibling}.", "sibling"),
    "spouse-of": RelationWords("Who is {a} married to?", "{a} is married to {b}.", "spouse"),
    "partner-of": RelationWords("Who is {a's partner}?", "{b} is {a's partner}.", "partner"),
    "ex-of": RelationWords("Who is {a's ex}?", "{b} is {a's ex}.", "ex"),
    "affair-with": RelationWords("Who does {a} have an affair with?", "{a} has an affair with {b}.", "affair"),
    "colleague-of": RelationWords("Who works alongside {a}?", "{a} and {b} work together.", "colleague"),
    "soulmate-of": RelationWords("Who is {a's soulmate}?", "{b} is {a's soulmate}.", "soulmate"),
    "runaway-with": RelationWords("Who does {a} run away with?", "{a} runs away with {b}.", "runs away with"),
    "parent-of": RelationWords("Who is a child of {a}?", "{b} is {a's child}.", "child"),
    "child-of": RelationWords("Who is {a's parent}?", "{b} is {a's parent}.", "parent"),
    "loves": RelationWords("Who is {a} in love with?", "{a} is in love with {b}.", "loves"),
    "loved-by": RelationWords("Who is in love with {a}?", "{b} is in love with {a}.", "is loved by"),
    "creator-of": RelationWords("Which character did {a} create?", "{a} created {b}.", "created"),
    "created-by": RelationWords("Who created {a}?", "{b} created {a}.", "created by"),
    "avatar-of": RelationWords("Whose avatar is {a}?", "{a} is an avatar of {b}.", "avatar of"),
    "has-avatar": RelationWords("Which character is an avatar of {a}?", "{b} is an avatar of {a}.", "has avatar"),
    "replacement-for": RelationWords("Who was {a} meant to replace?", "{a} was meant to replace {b}.",
                                     "replacement for"),
    "replaced-by": RelationWords("Who was meant to replace {a}?", "{b} was meant to replace {a}.",
                                 "replaced by"),
    "abused-by": RelationWords("Who mistreated {a}?", "{b} mistreated {a}.", "mistreated by"),
    "abuser-of": RelationWords("Whom did {a} mistreat?", "{a} mistreated {b}.", "mistreated"),
    "cheated-on": RelationWords("Who did {a} cheat on?", "{a} cheated on {b}.", "cheated on"),
    "cheated-on-by": RelationWords("Who cheated on {a}?", "{b} cheated on {a}.", "cheated on by"),
}
INVERSE = {"parent-of": "child-of", "child-of": "parent-of", "loves": "loved-by", "loved-by": "loves",
           "creator-of": "created-by", "created-by": "creator-of", "avatar-of": "has-avatar",
           "has-avatar": "avatar-of", "replacement-for": "replaced-by", "replaced-by": "replacement-for",
           "abused-by": "abuser-of", "abuser-of": "abused-by", "cheated-on": "cheated-on-by",
           "cheated-on-by": "cheated-on"}  # symmetric relations are their own inverse
# Ties that can turn into one another during the series (a partner becomes an ex, an ex or an
# affair a partner): "who is X's partner?" has no single typed answer when X has two of them.
CHANGING_ROMANCES = ("partner-of", "ex-of", "affair-with")


@dataclass(frozen=True)
class Edge:
    """`subject relation other`, either as stored or derived from the other side."""

    subject: str
    relation: str
    other: str
    note: str
    spoiler: bool
    stored: bool  # as written in the pack (one true/false statement per stored fact)
    inferred: bool = False  # our reading: keeps people out of wrong options, never asked

    @property
    def ground(self) -> str:
        """The fact a question on this edge rests on: the pair, whichever way round it is asked."""
        return "pair:" + ":".join(sorted((self.subject, self.other)))


GENERATED_ID_PREFIXES = ("t2c-", "c2t-", "rev-", "rel-", "tf-", "typed-")


def pack_question_id(written_id: str) -> str:
    """A hand-written question keeps its pack's id, unless it looks like one of ours."""
    return f"pack-{written_id}" if written_id.startswith(GENERATED_ID_PREFIXES) else written_id


def example_ground(trope: Trope, number: int) -> str:
    return f"example:{trope.id}:{number}"


class NameFinder:
    """Which of some names a text mentions, whole words only, up to accents and case.

    Looks up the text's word runs in a dict, so the cost follows the text's length,
    not the number of names (a big pack has thousands)."""

    KEY_LIMIT = 32  # past this many substring tests, splitting the text into words is cheaper

    def __init__(self, names: dict[str, str]):
        self._owners: dict[tuple[str, ...], str] = {}
        for name, owner in names.items():
            words = tuple(normalize(name).split())
            if words:
                self._owners.setdefault(words, owner)
        self._longest = max((len(words) for words in self._owners), default=0)
        self._first_words = {words[0] for words in self._owners}  # most words start no name
        # A text naming someone holds every word of the name, so its longest word as a substring:
        # a few substring tests rule out most texts before the (costlier) split into words.
        keys = {max(words, key=len) for words in self._owners}
        self._keys = keys if len(keys) <= self.KEY_LIMIT else None
        self._memo: dict[str, frozenset[str]] = {}

    def __bool__(self) -> bool:
        return bool(self._owners)

    def find(self, text: str) -> frozenset[str]:
        if text in self._memo:  # the same names and choices come back in question after question
            return self._memo[text]
        folded = fold(text)
        if self._keys is not None and not any(key in folded for key in self._keys):
            found = frozenset()
        else:
            found = self._owners_in(folded_words(folded))
        self._memo[text] = found
        return found

    def _owners_in(self, words: list[str]) -> frozenset[str]:
        if self._first_words.isdisjoint(words):
            return frozenset()
        found: set[str] = set()
        for start, word in enumerate(words):
            if word not in self._first_words:
                continue
            for length in range(1, min(self._longest, len(words) - start) + 1):
                owner = self._owners.get(tuple(words[start:start + length]))
                if owner is not None:
                    found.add(owner)
        return frozenset(found)


def index_by_character(items) -> dict[str, list[int]]:
    """Where each character appears in a list of reveals or red herrings (by position)."""
    index: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        for cid in item.characters:
            index.setdefault(cid, []).append(i)
    return index


class FactIndex:
    def __init__(self, facts: FactBase):
        self.facts = facts
        self._example_spoilers: dict[TropeExample, bool] = {}

    # ---- in a stable order ----------------------------------------------

    @cached_property
    def characters_in_order(self) -> list[Character]:
        return [self.facts.characters[cid] for cid in sorted(self.facts.characters)]

    @cached_property
    def character_ids(self) -> list[str]:
        return [c.id for c in self.characters_in_order]

    @cached_property
    def tropes_in_order(self) -> list[Trope]:
        return [self.facts.tropes[tid] for tid in sorted(self.facts.tropes)]

    @cached_property
    def character_trope_ids(self) -> list[str]:
        """Tropes a character can fit: the ones about the series are never offered for anyone."""
        return [t.id for t in self.tropes_in_order if not t.about_series]

    @cached_property
    def series_tropes(self) -> list[Trope]:
        return [t for t in self.tropes_in_order if t.about_series]

    @cached_property
    def by_role(self) -> dict[str, list[str]]:
        roles: dict[str, list[str]] = {}
        for cid in self.character_ids:
            roles.setdefault(self.facts.characters[cid].role, []).append(cid)
        return roles

    @cached_property
    def ids_by_name(self) -> dict[str, str]:
        return {c.name: c.id for c in self.characters_in_order}

    # ---- what may be asked ----------------------------------------------

    @staticmethod
    def askable_examples(trope: Trope) -> list[tuple[int, TropeExample]]:
        """The examples a question may be built on, numbered from 1 as in the pack: not our
        own readings, and none of a trope about the series when asking about characters."""
        return [(n, e) for n, e in enumerate(trope.examples, 1) if not e.inferred]

    def main_examples(self, trope: Trope, cid: str) -> list[tuple[int, TropeExample]]:
        """The askable examples of `trope` with `cid` as a main character."""
        return self._main_example_index.get((trope.id, cid), [])

    @cached_property
    def _main_example_index(self) -> dict[tuple[str, str], list[tuple[int, TropeExample]]]:
        index: dict[tuple[str, str], list[tuple[int, TropeExample]]] = {}
        for trope in self.facts.tropes.values():
            if trope.about_series:
                continue
            for n, example in self.askable_examples(trope):
                for cid in dict.fromkeys(example.characters):  # a name listed twice counts once
                    index.setdefault((trope.id, cid), []).append((n, example))
        return index

    def main_characters(self, trope: Trope) -> list[str]:
        """The characters a trope may be pinned on, in a stable order."""
        if trope.about_series:
            return []
        return sorted({c for _, e in self.askable_examples(trope) for c in e.characters})

    def best_example(self, trope: Trope, cid: str) -> tuple[int, TropeExample, bool]:
        """The example to quote for `cid` in `trope`: a spoiler-free one when there is one."""
        examples = self.main_examples(trope, cid)
        for n, example in examples:
            if not self.example_spoiler(example):
                return n, example, False
        return examples[0][0], examples[0][1], True

    # ---- spoilers ---------------------------------------------------------

    def example_spoiler(self, example: TropeExample) -> bool:
        """Asked several times per example (by every kind quoting it): worked out once."""
        spoiler = self._example_spoilers.get(example)
        if spoiler is None:
            spoiler = example.spoiler or any(self.is_spoiler_character(cid) for cid in example.involved)
            self._example_spoilers[example] = spoiler
        return spoiler

    def is_spoiler_character(self, cid: str) -> bool:
        return self.facts.characters[cid].spoiler  # the loader refuses an id no pack defines

    @cached_property
    def visible_tropes(self) -> frozenset[str]:
        """Tropes a spoiler-free question may name: those with at least one spoiler-free example."""
        return frozenset(tid for tid, trope in self.facts.tropes.items()
                         if any(not self.example_spoiler(e) for e in trope.examples))

    @cached_property
    def spoiler_names(self) -> NameFinder:
        return NameFinder({name: c.id for c in self.characters_in_order if c.spoiler for name in c.names})

    @cached_property
    def all_names(self) -> NameFinder:
        return NameFinder({name: c.id for c in self.characters_in_order for name in c.names})

    # ---- who is linked to whom ---------------------------------------------

    @cached_property
    def edges(self) -> list[Edge]:
        """Every relationship, as stored and as seen from the other side, in a stable order."""
        edges: dict[tuple[str, str, str], Edge] = {}
        for character in self.characters_in_order:
            for rel in character.relationships:
                if rel.other not in self.facts.characters or rel.other == character.id:
                    continue
                forward = (character.id, rel.type, rel.other)
                backward = (rel.other, INVERSE.get(rel.type, rel.type), character.id)
                spoiler = rel.spoiler or character.spoiler or self.facts.characters[rel.other].spoiler
                inferred = bool(rel.inferred)
                edges[forward] = Edge(*forward, rel.note, spoiler, True, inferred)
                if backward not in edges:
                    edges[backward] = Edge(*backward, rel.note, spoiler, False, inferred)
        return [edges[key] for key in sorted(edges)]

    @cached_property
    def askable_edges(self) -> list[Edge]:
        return [edge for edge in self.edges if not edge.inferred]

    @cached_property
    def _linked(self) -> dict[str, frozenset[str]]:
        """Everyone tied to a character by any relationship, either way, or by sharing a parent."""
        linked: dict[str, set[str]] = {}
        parents: dict[str, set[str]] = {}
        for edge in self.edges:
            linked.setdefault(edge.subject, set()).add(edge.other)
            if edge.relation == "child-of":
                parents.setdefault(edge.other, set()).add(edge.subject)
        for children in parents.values():
            for child in children:
                linked.setdefault(child, set()).update(children - {child})
        for cid, mates in self.workmates.items():
            linked.setdefault(cid, set()).update(mates)
        return {cid: frozenset(others) for cid, others in linked.items()}

    def tied_to(self, subject: str) -> frozenset[str]:
        """The subject of a relationship and everyone linked to them: none is a wrong option for
        "who is X's ...?"."""
        return self._linked[subject] | {subject}

    @cached_property
    def workmates(self) -> dict[str, frozenset[str]]:
        """Everyone working where a character works: colleagues, and their colleagues in turn
        (Gabriel works with Paul, Paul with Billie: Billie works alongside Gabriel too)."""
        groups: dict[str, set[str]] = {}
        for edge in self.edges:
            if edge.relation == "colleague-of":
                mine, theirs = groups.get(edge.subject, {edge.subject}), groups.get(edge.other, {edge.other})
                if mine is theirs:
                    continue
                big, small = (mine, theirs) if len(mine) >= len(theirs) else (theirs, mine)
                big |= small
                for cid in big:
                    groups[cid] = big
        return {cid: frozenset(group - {cid}) for cid, group in groups.items()}

    @cached_property
    def not_known_outsiders(self) -> frozenset[str]:
        """Characters the page does not place outside the company (Simon's job is never given;
        Martin runs the implants): never the false half of "X and Y work together"."""
        return frozenset(c.id for c in self.characters_in_order if c.role not in OUTSIDERS)

    @cached_property
    def same_being(self) -> dict[str, frozenset[str]]:
        """An avatar and the one behind it (Tom and Martin), each mapped to the other."""
        beings: dict[str, set[str]] = {}
        for edge in self.edges:
            if edge.relation in ("avatar-of", "has-avatar"):
                beings.setdefault(edge.subject, set()).add(edge.other)
        return {cid: frozenset(others) for cid, others in beings.items()}

    @cached_property
    def _circles(self) -> dict[str, frozenset[str]]:
        """Who a character moves with: relations plus the main characters of the trope examples
        they are a main character of (an example's `also` can be a whole cast, as with a theme)."""
        circles: dict[str, set[str]] = {cid: set(others) for cid, others in self._linked.items()}
        for trope in self.facts.tropes.values():
            for example in trope.examples:
                for cid in example.characters:
                    circles.setdefault(cid, set()).update(set(example.characters) - {cid})
        return {cid: frozenset(others) for cid, others in circles.items()}

    def circle(self, cid: str) -> frozenset[str]:
        return self._circles.get(cid, frozenset())

    @cached_property
    def tropes_of(self) -> dict[str, list[str]]:
        """Tropes involving each character (in any example, main or not, inferred included)."""
        tropes: dict[str, list[str]] = {}
        for trope in self.tropes_in_order:
            for cid in sorted(self.involved[trope.id]):
                tropes.setdefault(cid, []).append(trope.id)
        return tropes

    @cached_property
    def involved(self) -> dict[str, frozenset[str]]:
        """Who a trope touches, avatars counted with the one behind them: never a wrong answer for it."""
        beings = self.same_being
        return {tid: trope.involved.union(*(beings.get(cid, ()) for cid in trope.involved))
                for tid, trope in self.facts.tropes.items()}

    # ---- names --------------------------------------------------------------

    @cached_property
    def self_naming(self) -> frozenset[str]:
        """Characters whose description names them (useless as a clue)."""
        def names_itself(character: Character) -> bool:
            text = f" {normalize(character.description)} "
            return any(f" {normalize(name)} " in text for name in character.names if normalize(name))
        return frozenset(c.id for c in self.characters_in_order if names_itself(c))

    @cached_property
    def sharing_a_name(self) -> frozenset[str]:
        """Characters a fan could rightly call by another character's name: the first Esther is
        called Esther, the adopted Esther's name. Never a typed answer: the right name would be
        marked wrong."""
        return frozenset(c.id for c in self.characters_in_order
                         if any(self.all_names.find(name) - {c.id} for name in c.names))

    def mentioned(self, text: str) -> frozenset[str]:
        """Characters named in a text: a description mentioning Paul cannot be pinned on Paul."""
        return self.all_names.find(text)

    @cached_property
    def name_lists(self) -> dict[bool, tuple[tuple[str, ...], dict[str, tuple[int, int]]]]:
        """For spoiler questions and for spoiler-free ones: every name, and where each character's are."""
        lists = {}
        for spoiler in (True, False):
            names: list[str] = []
            spans: dict[str, tuple[int, int]] = {}
            for character in self.characters_in_order:
                if spoiler or not character.spoiler:
                    spans[character.id] = (len(names), len(names) + len(character.names))
                    names.extend(character.names)
            lists[spoiler] = (tuple(names), spans)
        return lists

    def rejected_names(self, cid: str, spoiler: bool) -> tuple[str, ...]:
        """Every other character's names (spoiler characters' only in spoiler questions).

        Names are unique across characters (the loader refuses a shared one), so this is the
        flat list of names with the answer's own cut out: two slices, not a scan per question.
        The answer is always in the list: a question whose answer is a spoiler is a spoiler."""
        names, spans = self.name_lists[spoiler]
        start, end = spans[cid]
        return names[:start] + names[end:]

    # ---- hand-written questions -----------------------------------------------

    def about_our_characters(self, question) -> bool:
        """Whether a question's names refer to the fact base's characters: not so for a general
        trivia pack, whose "Tom" is somebody else."""
        if isinstance(question, PackQuestion):
            return question.pack in self.fact_packs or bool(question.about)
        return question.kind != "pack" or question.id not in self.foreign

    @cached_property
    def foreign(self) -> frozenset[str]:
        """Ids of the hand-written questions not about the fact base's characters."""
        return frozenset(pack_question_id(q.id) for q in self.facts.questions if not self.about_our_characters(q))

    @cached_property
    def fact_packs(self) -> frozenset[str]:
        return frozenset(c.pack for c in self.characters_in_order)

    # ---- twists -------------------------------------------------------------

    @cached_property
    def same_fact(self) -> dict[str, str]:
        """Each ground stored elsewhere too (a twist, a trope example, a relationship, a hand-written
        question, a red herring contradicting it) → one ground standing for the whole fact."""
        groups = [(f"reveal:{r.id}", *r.same_as) for r in self.facts.reveals]
        groups += [(f"herring:{h.id}", *h.same_as) for h in self.facts.red_herrings if h.same_as]
        canonical: dict[str, str] = {}
        for group in groups:  # a ground in two groups joins them: the first group's name wins
            name = next((canonical[g] for g in group if g in canonical), group[0])
            for ground in group:
                old = canonical.get(ground)
                if old is not None and old != name:
                    canonical = {g: (name if c == old else c) for g, c in canonical.items()}
                canonical[ground] = name
        return canonical

    def with_same_fact(self, grounds: tuple[str, ...]) -> tuple[str, ...]:
        """`grounds` plus the whole fact each one is part of, as `fact:<ground>`: one per quiz."""
        return grounds + tuple(dict.fromkeys(SAME_FACT + self.same_fact[g] for g in grounds if g in self.same_fact))

    def unknown_grounds(self) -> list[str]:
        """`same_as` grounds naming nothing in the packs (a typo would silently join nothing)."""
        known = {f"reveal:{r.id}" for r in self.facts.reveals} | {f"herring:{h.id}" for h in self.facts.red_herrings}
        known |= {f"pack:{q.id}" for q in self.facts.questions} | {f"character:{c}" for c in self.facts.characters}
        known |= {example_ground(t, n) for t in self.facts.tropes.values() for n in range(1, len(t.examples) + 1)}
        known |= {edge.ground for edge in self.edges}
        return sorted(g for g in self.same_fact if g not in known)

    @cached_property
    def herrings_about(self) -> dict[str, list[int]]:
        """The red herrings (by index) about each character: close wrong options for a hard question."""
        return index_by_character(self.facts.red_herrings)

    @cached_property
    def reveals_about(self) -> dict[str, list[int]]:
        return index_by_character(self.facts.reveals)
