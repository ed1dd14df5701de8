"""Facts → questions, where every wrong choice is wrong according to the facts.

The hard part is not writing prompts but choosing distractors: characters with
several tropes, tropes with several characters and one-sided relationships all
hide second right answers. So:

* a character is never a wrong option for a trope that involves them in any
  example, and a trope never for a character it involves;
* relationships are read both ways (parent-of ↔ child-of, loves ↔ loved-by, ...)
  and a wrong option for "who is X's ...?" is never linked to X at all, nor a
  child of X's parents (Paul has two sisters called Esther), nor anyone working
  where X works (a colleague's colleague is a colleague);
* an avatar and the one behind it are one being (Tom is Martin): neither is a
  wrong option for a trope the other is part of;
* a question is a spoiler when any fact it uses is one; a question that is not a
  spoiler takes its wrong options only from non-spoiler facts, so switching
  spoilers off only removes questions and never changes the others.

The pool (every question, one instance each) depends only on the facts and the
difficulty; each question's own random choices are seeded by its id. A quiz
draws from the pool with `random.Random(seed)` and reshuffles the choices.

Each kind first lists its questions as candidates (id, topic, spoiler flag, all
read off the facts) and builds a candidate only when it is needed: a quiz builds
the few dozen it draws, not the hundreds of the pool. Building is deterministic,
so a question is the same whether a quiz or the whole pool built it.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable, Iterable, Iterator, Sequence

from .models import KINDS, Character, FactBase, PackQuestion, Question, Trope, TropeExample
from .text import fold, folded_words, normalize

CHOICE_COUNT = {"easy": 3, "medium": 4, "hard": 4}
PROMPT_LIMIT = 220  # characters; longer prompts do not fit the question card
CHOICE_LIMIT = 110  # reveal statements are the longest choices (about 100 characters)
TRUE, FALSE = "True", "False"
# Ties that can turn into one another during the series (a partner becomes an ex, an ex or an
# affair a partner): "who is X's partner?" has no single typed answer when X has two of them.
CHANGING_ROMANCES = ("partner-of", "ex-of", "affair-with")


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
}
INVERSE = {"parent-of": "child-of", "child-of": "parent-of", "loves": "loved-by", "loved-by": "loves",
           "creator-of": "created-by", "created-by": "creator-of", "avatar-of": "has-avatar",
           "has-avatar": "avatar-of", "replacement-for": "replaced-by", "replaced-by": "replacement-for",
           "abused-by": "abuser-of", "abuser-of": "abused-by"}  # symmetric relations are their own inverse


@dataclass(frozen=True)
class Edge:
    """`subject relation other`, either as stored or derived from the other side."""

    subject: str
    relation: str
    other: str
    note: str
    spoiler: bool
    stored: bool  # as written in the pack (one true/false statement per stored fact)


@dataclass(frozen=True, eq=False, slots=True)  # one candidate is one question: compared (and memoized) by identity
class Candidate:
    """A question not built yet: what a quiz draws on, known from the facts alone, and how to build it.

    Building (seeding a generator with the id, picking wrong options, wording) is most of the
    cost, so a quiz builds only the candidates it draws; `build` returns None when the question
    cannot be built well enough (a prompt too long for the card, too few wrong options)."""

    id: str
    topic: tuple  # the facts it is about: a quiz asks about each once when it can
    spoiler: bool  # as far as the facts tell; the safety net may still find a spoiler name in the text
    builder: Callable[..., Question | None]  # called as builder(id, spoiler, *args)
    args: tuple  # held rather than bound in a closure: a big pack has tens of thousands of candidates

    def build(self) -> Question | None:
        return self.builder(self.id, self.spoiler, *self.args)


def possessive(name: str) -> str:
    return name + ("'" if name.startswith("The ") and name.endswith("s") else "'s")


OWNED = re.compile(r"\{([ab])'s ([^}]+)\}")


def render(template: str, a: str, b: str) -> str:
    """A relation template with its names filled in; "Esther (the first daughter)'s parent"
    reads badly, so a name ending in a bracket becomes "the parent of Esther (the first daughter)"."""
    def owned(match: re.Match) -> str:
        name = a if match[1] == "a" else b
        return f"the {match[2]} of {name}" if name.endswith(")") else f"{possessive(name)} {match[2]}"
    return OWNED.sub(owned, template).replace("{a}", a).replace("{b}", b)


def quoted(name: str) -> str:
    return name if '"' in name or "“" in name else f"“{name}”"


def sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?…\"”" else text + "."


def ending(text: str, mark: str) -> str:
    """`text` closed by `mark`, unless a quoted name already closes it (“Will They or Won't They?”)."""
    return text if text.rstrip("”\"")[-1:] in ("?", "!") else text + mark


def labelled(label: str, text: str) -> str:
    return f"{label} {text}" if label[-1:] in ("?", "!") else f"{label}: {text}"


def join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def fit(*prompts: str | None) -> str | None:
    """The first (richest) prompt that fits the question card."""
    for prompt in prompts:
        if prompt and len(prompt) <= PROMPT_LIMIT:
            return prompt
    return None


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


class Generator:
    def __init__(self, facts: FactBase, difficulty: str = "medium", spoilers: bool = True):
        if difficulty not in CHOICE_COUNT:
            raise ValueError(f"unknown difficulty {difficulty!r}; use easy, medium or hard")
        self.facts = facts
        self.difficulty = difficulty
        self.spoilers = spoilers
        self.choice_count = CHOICE_COUNT[difficulty]
        self._candidate_lists: dict[str, list[Candidate]] = {}
        self._built: dict[Candidate, Question | None] = {}
        self._kind_ids: dict[str, frozenset[str]] = {}
        self._example_spoilers: dict[TropeExample, bool] = {}

    # ---- public contract -------------------------------------------------

    def pool(self, kinds: Iterable[str] | None = None) -> list[Question]:
        """Every question this generator can build, one instance each, in a stable order."""
        return [question for kind in check_kinds(kinds) for candidate in self._candidates(kind)
                if (question := self._question_of(candidate)) is not None]

    def quiz(self, count: int, seed: int, kinds: Iterable[str] | None = None,
             exclude: frozenset = frozenset(), weights: dict[str, float] | None = None) -> list[Question]:
        """`count` questions (fewer if fewer exist), kinds taken in turn, none twice."""
        rng = random.Random(seed)
        queues: dict[str, QuizQueue] = {}
        for kind in check_kinds(kinds):
            candidates = self._candidates(kind)
            if weights and any(qid in self._ids_of_kind(kind) for qid in weights):
                order: Iterator[Candidate] = iter(weighted_order(rng, candidates, weights))
            else:
                order = lazy_shuffle(rng, candidates)  # draws only what the quiz needs
            queues[kind] = QuizQueue(order, exclude)
        turns = sorted(queues)
        rng.shuffle(turns)
        picked: list[Question] = []
        topics: set[tuple] = set()
        prompts: set[str] = set()
        while len(picked) < count:
            turns = [kind for kind in turns if not queues[kind].empty()]
            if not turns:
                break
            for kind in turns:
                if len(picked) >= count:
                    break
                candidate = self._take(queues[kind], topics, prompts)
                if candidate is not None:
                    question = self._question_of(candidate)
                    picked.append(question)
                    topics.add(candidate.topic)
                    prompts.add(question.prompt)
        return [self._reshuffled(question, rng) for question in picked]

    def _ids_of_kind(self, kind: str) -> frozenset[str]:
        if kind not in self._kind_ids:
            self._kind_ids[kind] = frozenset(candidate.id for candidate in self._candidates(kind))
        return self._kind_ids[kind]

    # ---- quiz helpers ----------------------------------------------------

    def _take(self, queue: "QuizQueue", topics: set, prompts: set) -> Candidate | None:
        """The next question of a kind, preferring one about facts (and worded unlike any)
        not asked yet in this quiz; when only repeats are left, the first of them. Only the
        candidates looked at get built; those that build to nothing leave the queue."""
        buffer = queue.ahead(64)  # a big pool nearly always has a fresh one early
        index = 0
        while index < len(buffer):
            candidate = buffer[index]
            if candidate.topic in topics:  # known before building: skipped cheaply
                index += 1
                continue
            question = self._question_of(candidate)
            if question is None:
                buffer.pop(index)
            elif question.prompt not in prompts:
                return buffer.pop(index)
            else:
                index += 1
        while buffer:
            candidate = buffer.pop(0)
            if self._question_of(candidate) is not None:
                return candidate
        return None

    @staticmethod
    def _reshuffled(question: Question, rng: random.Random) -> Question:
        if question.is_typed or question.kind == "true-false":
            return question
        choices = list(question.choices)
        rng.shuffle(choices)
        return replace(question, choices=tuple(choices))

    # ---- building the pool ----------------------------------------------

    def _candidates(self, kind: str) -> list[Candidate]:
        """One kind's candidates, one per id, enumerated on first use and kept: a quiz never
        enumerates again. With spoilers off, those known to be spoilers are dropped here."""
        if kind not in self._candidate_lists:
            enumerate_kind = {
                "trope-to-character": self._trope_to_character,
                "character-to-trope": self._character_to_trope,
                "spot-the-reveal": self._spot_the_reveal,
                "relationship": self._relationship,
                "true-false": self._true_false,
                "typed": self._typed,
                "pack": self._pack,
            }[kind]
            seen: set[str] = set()
            kept = []
            for candidate in enumerate_kind():
                if candidate.id not in seen and not self._left_out(candidate.spoiler):
                    seen.add(candidate.id)
                    kept.append(candidate)
            self._candidate_lists[kind] = kept
        return self._candidate_lists[kind]

    def _question_of(self, candidate: Candidate) -> Question | None:
        """A candidate built once, with its final spoiler flag; None when it cannot be built well
        enough or, with spoilers off, turns out to be a spoiler after all (see the safety net)."""
        if candidate not in self._built:
            question = candidate.build()
            if question is not None:
                question = self._spoiler_safety_net(question)
                if self._left_out(question.spoiler):
                    question = None
            self._built[candidate] = question
        return self._built[candidate]

    def _left_out(self, spoiler: bool) -> bool:
        """Whether a question will be dropped for being a spoiler, so need not be built nor even
        enumerated. Skipping one changes no other question, as each draws its random choices
        from a generator seeded by its own id."""
        return spoiler and not self.spoilers

    @staticmethod
    def _candidate(qid: str, topic: tuple, spoiler: bool, builder: Callable[..., Question | None],
                   *args) -> Candidate:
        return Candidate(qid, topic, spoiler, builder, args)

    def _question(self, qid: str, spoiler: bool, kind: str, prompt: str | None, answer: str,
                  wrong: Sequence[str], explanation: str, facts: tuple, pack: str,
                  rng: random.Random) -> Question | None:
        """A multiple-choice question, or None when it cannot be built well enough."""
        if prompt is None or len(wrong) < self.choice_count - 1:
            return None
        choices = [answer, *wrong[: self.choice_count - 1]]
        if max(map(len, choices)) > CHOICE_LIMIT:
            return None
        rng.shuffle(choices)
        return Question(id=qid, kind=kind, prompt=prompt, answer=answer, choices=tuple(choices),
                        explanation=explanation, difficulty=self.difficulty, spoiler=spoiler,
                        facts=facts, pack=pack)

    def _true_false_question(self, qid: str, spoiler: bool, statement: str, truth: bool, explanation: str,
                             facts: tuple, pack: str) -> Question | None:
        prompt = fit(f"True or false: {statement}")
        if prompt is None:
            return None
        return Question(id=qid, kind="true-false", prompt=prompt, answer=TRUE if truth else FALSE,
                        choices=(TRUE, FALSE), explanation=explanation, difficulty=self.difficulty,
                        spoiler=spoiler, facts=facts, pack=pack)

    def _typed_question(self, qid: str, spoiler: bool, prompt: str | None, character: Character,
                        explanation: str, facts: tuple) -> Question | None:
        if prompt is None or character.id in self._sharing_a_name:
            return None
        return Question(id=qid, kind="typed", prompt=prompt, answer=character.name, accepted=character.names,
                        rejected=self._rejected_names(character.id, spoiler), explanation=explanation,
                        difficulty=self.difficulty, spoiler=spoiler, facts=facts, pack=character.pack)

    @cached_property
    def _sharing_a_name(self) -> frozenset[str]:
        """Characters a fan could rightly call by another character's name: the first Esther is
        called Esther, the adopted Esther's name. Never a typed answer: the right name would be
        marked wrong."""
        return frozenset(c.id for c in self._characters_in_order
                         if any(self._all_names.find(name) - {c.id} for name in c.names))

    def _about_our_characters(self, question: Question | PackQuestion) -> bool:
        """Whether a question's names refer to the fact base's characters: not so for a general
        trivia pack, whose "Tom" is somebody else."""
        if isinstance(question, PackQuestion):
            return question.pack in self._fact_packs or bool(question.about)
        return question.kind != "pack" or question.id not in self._foreign

    @cached_property
    def _foreign(self) -> frozenset[str]:
        """Ids of the hand-written questions not about the fact base's characters."""
        return frozenset(pack_question_id(q.id) for q in self.facts.questions if not self._about_our_characters(q))

    @cached_property
    def _fact_packs(self) -> frozenset[str]:
        return frozenset(c.pack for c in self._characters_in_order)

    def _rejected_names(self, cid: str, spoiler: bool) -> tuple[str, ...]:
        """Every other character's names (spoiler characters' only in spoiler questions).

        Names are unique across characters (the loader refuses a shared one), so this is the
        flat list of names with the answer's own cut out: two slices, not a scan per question."""
        names, spans = self._name_lists[spoiler]
        start, end = spans.get(cid, (0, 0))
        return names[:start] + names[end:]

    @cached_property
    def _name_lists(self) -> dict[bool, tuple[tuple[str, ...], dict[str, tuple[int, int]]]]:
        """For spoiler questions and for spoiler-free ones: every name, and where each character's are."""
        lists = {}
        for spoiler in (True, False):
            names: list[str] = []
            spans: dict[str, tuple[int, int]] = {}
            for character in self._characters_in_order:
                if spoiler or not character.spoiler:
                    spans[character.id] = (len(names), len(names) + len(character.names))
                    names.extend(character.names)
            lists[spoiler] = (tuple(names), spans)
        return lists

    def _spoiler_safety_net(self, question: Question) -> Question:
        """Text written by pack authors may name a spoiler character; such a question is a spoiler."""
        if question.spoiler or not self._spoiler_names or not self._about_our_characters(question):
            return question
        texts = (question.prompt, question.answer, question.explanation, *question.choices, *question.accepted)
        if any(map(self._spoiler_names.find, texts)):
            return replace(question, spoiler=True)
        return question

    # ---- derived facts ---------------------------------------------------

    @cached_property
    def _characters_in_order(self) -> list[Character]:
        return [self.facts.characters[cid] for cid in sorted(self.facts.characters)]

    @cached_property
    def _character_ids(self) -> list[str]:
        return [c.id for c in self._characters_in_order]

    @cached_property
    def _trope_ids(self) -> list[str]:
        return sorted(self.facts.tropes)

    @cached_property
    def _tropes_in_order(self) -> list[Trope]:
        return [self.facts.tropes[tid] for tid in self._trope_ids]

    @cached_property
    def _by_role(self) -> dict[str, list[str]]:
        roles: dict[str, list[str]] = {}
        for cid in self._character_ids:
            roles.setdefault(self.facts.characters[cid].role, []).append(cid)
        return roles

    @cached_property
    def _spoiler_names(self) -> NameFinder:
        return NameFinder({name: c.id for c in self._characters_in_order if c.spoiler for name in c.names})

    @cached_property
    def _all_names(self) -> NameFinder:
        return NameFinder({name: c.id for c in self._characters_in_order for name in c.names})

    @cached_property
    def edges(self) -> list[Edge]:
        """Every relationship, as stored and as seen from the other side, in a stable order."""
        edges: dict[tuple[str, str, str], Edge] = {}
        for character in self._characters_in_order:
            for rel in character.relationships:
                if rel.other not in self.facts.characters or rel.other == character.id:
                    continue
                forward = (character.id, rel.type, rel.other)
                backward = (rel.other, INVERSE.get(rel.type, rel.type), character.id)
                spoiler = rel.spoiler or character.spoiler or self.facts.characters[rel.other].spoiler
                edges[forward] = Edge(*forward, rel.note, spoiler, True)
                if backward not in edges:
                    edges[backward] = Edge(*backward, rel.note, spoiler, False)
        return [edges[key] for key in sorted(edges)]

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
        for cid, mates in self._workmates.items():
            linked.setdefault(cid, set()).update(mates)
        return {cid: frozenset(others) for cid, others in linked.items()}

    @cached_property
    def _workmates(self) -> dict[str, frozenset[str]]:
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
    def _same_being(self) -> dict[str, frozenset[str]]:
        """An avatar and the one behind it (Tom and Martin), each mapped to the other."""
        beings: dict[str, set[str]] = {}
        for edge in self.edges:
            if edge.relation in ("avatar-of", "has-avatar"):
                beings.setdefault(edge.subject, set()).add(edge.other)
        return {cid: frozenset(others) for cid, others in beings.items()}

    def linked(self, cid: str) -> frozenset[str]:
        return self._linked.get(cid, frozenset())

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
    def _tropes_of(self) -> dict[str, list[str]]:
        """Tropes involving each character (in any example, main or not)."""
        tropes: dict[str, list[str]] = {}
        for tid in self._trope_ids:
            for cid in sorted(self._involved[tid]):
                tropes.setdefault(cid, []).append(tid)
        return tropes

    @cached_property
    def _involved(self) -> dict[str, frozenset[str]]:
        """Who a trope touches, avatars counted with the one behind them: never a wrong answer for it."""
        beings = self._same_being
        return {tid: trope.involved.union(*(beings.get(cid, ()) for cid in trope.involved))
                for tid, trope in self.facts.tropes.items()}

    def example_spoiler(self, example: TropeExample) -> bool:
        """Asked several times per example (by every kind quoting it): worked out once."""
        spoiler = self._example_spoilers.get(example)
        if spoiler is None:
            spoiler = example.spoiler or any(self._is_spoiler_character(cid) for cid in example.involved)
            self._example_spoilers[example] = spoiler
        return spoiler

    def _is_spoiler_character(self, cid: str) -> bool:
        character = self.facts.characters.get(cid)
        return character is None or character.spoiler

    @cached_property
    def _visible_tropes(self) -> frozenset[str]:
        """Tropes a spoiler-free question may name: those with at least one spoiler-free example."""
        return frozenset(tid for tid, trope in self.facts.tropes.items()
                         if any(not self.example_spoiler(e) for e in trope.examples))

    def _main_examples(self, trope: Trope, cid: str) -> list[tuple[int, TropeExample]]:
        """The examples of `trope` with `cid` as a main character, numbered from 1."""
        return self._main_example_index.get((trope.id, cid), [])

    @cached_property
    def _main_example_index(self) -> dict[tuple[str, str], list[tuple[int, TropeExample]]]:
        index: dict[tuple[str, str], list[tuple[int, TropeExample]]] = {}
        for trope in self.facts.tropes.values():
            for n, example in enumerate(trope.examples, 1):
                for cid in dict.fromkeys(example.characters):  # a name listed twice counts once
                    index.setdefault((trope.id, cid), []).append((n, example))
        return index

    def _best_example(self, trope: Trope, cid: str) -> tuple[TropeExample, bool]:
        """The example to quote for `cid` in `trope`: a spoiler-free one when there is one."""
        examples = [e for _, e in self._main_examples(trope, cid)]
        for example in examples:
            if not self.example_spoiler(example):
                return example, False
        return examples[0], True

    # ---- distractor picking ----------------------------------------------

    def _wrong_characters(self, rng: random.Random, answer: str, excluded: frozenset[str],
                          spoiler: bool, near: Iterable[str] = ()) -> list[str]:
        """Display names of wrong characters, none of them `excluded`: random ones, or close ones
        (same circle, same role) when hard."""
        answer_role = self.facts.characters[answer].role
        candidates = self._wrong_candidates[spoiler, answer_role == "group"]

        def allowed(cid: str) -> bool:  # called for every probe: set lookups only
            return cid != answer and cid in candidates and cid not in excluded

        need = self.choice_count - 1
        chosen: list[str] = []
        if self.difficulty == "hard":
            close = sorted(set(self.circle(answer)).union(*(self.circle(cid) for cid in near)))
            rng.shuffle(close)
            sample(rng, close, allowed, need, chosen)
            sample(rng, self._by_role.get(answer_role, []), allowed, need, chosen)
        sample(rng, self._character_ids, allowed, need, chosen)
        return [self.facts.name(cid) for cid in chosen]

    @cached_property
    def _wrong_candidates(self) -> dict[tuple[bool, bool], frozenset[str]]:
        """Characters that may be a wrong option, by (spoiler question, group answer): spoiler
        characters only in spoiler questions, groups only against a group."""
        return {(spoiler, group): frozenset(c.id for c in self._characters_in_order
                                            if (spoiler or not c.spoiler) and (group or c.role != "group"))
                for spoiler in (True, False) for group in (True, False)}

    def _wrong_tropes(self, rng: random.Random, cid: str, spoiler: bool) -> list[str]:
        """Names of tropes that involve `cid` in no example at all."""
        mine = set(self._tropes_of.get(cid, ()))
        visible = self._visible_tropes

        def allowed(tid: str) -> bool:
            return tid not in mine and (spoiler or tid in visible)

        need = self.choice_count - 1
        chosen: list[str] = []
        if self.difficulty == "hard":
            close = sorted({tid for other in self.circle(cid) for tid in self._tropes_of.get(other, ())})
            rng.shuffle(close)
            sample(rng, close, allowed, need, chosen)
        sample(rng, self._trope_ids, allowed, need, chosen)
        return [self.facts.tropes[tid].name for tid in chosen]

    # ---- kinds -----------------------------------------------------------

    def _trope_to_character(self) -> Iterator[Candidate]:
        for trope in self._tropes_in_order:
            if self.difficulty != "hard":
                for slot, example, cid in self._example_slots(trope):
                    yield self._candidate(f"t2c-{slot}", ("trope", trope.id, cid), self.example_spoiler(example),
                                          self._t2c_clue, trope, example, cid)
            if self.difficulty != "easy":
                for cid in sorted({c for e in trope.examples for c in e.characters}):
                    example, spoiler = self._best_example(trope, cid)
                    yield self._candidate(f"t2c-{trope.id}-{cid}", ("trope", trope.id, cid), spoiler,
                                          self._t2c_name, trope, example, cid)

    @staticmethod
    def _example_slots(trope):
        """(id part, example, character) for each main character of each example: the clue
        questions of both directions are asked once per such slot."""
        for n, example in enumerate(trope.examples, 1):
            for cid in example.characters:
                yield f"{trope.id}-{n}" + ("" if len(example.characters) == 1 else f"-{cid}"), example, cid

    def _t2c_clue(self, qid, spoiler, trope, example, cid):
        solo = len(example.characters) == 1
        rng = random.Random(qid)
        ask = "Which character does this {t} example describe?" if solo else \
            "Which of these characters is part of this {t} example?"
        ask = ask.format(t=quoted(trope.name))
        prompt = fit(f"{ask} {sentence(example.clue)}", f"{quoted(trope.name)}: {sentence(example.clue)} Who is it?")
        names = [self.facts.name(c) for c in example.characters]
        who = f"It's {names[0]}." if solo else f"It involves {join_names(names)}."
        explanation = f"{who} {self._defined(trope)}"
        wrong = self._wrong_characters(rng, cid, self._involved[trope.id], spoiler)
        return self._question(qid, spoiler, "trope-to-character", prompt, self.facts.name(cid), wrong, explanation,
                              (("trope", trope.name), ("character", self.facts.name(cid))), trope.pack, rng)

    def _t2c_name(self, qid, spoiler, trope, example, cid):
        rng = random.Random(qid)
        ask = ending(f"Which of these characters is an example of {quoted(trope.name)}", "?")
        prompt = fit(f"{sentence(trope.definition)} {ask}", ask) if self.difficulty == "medium" else fit(ask)
        explanation = f"{trope.name} fits {self.facts.name(cid)}: {sentence(example.clue)}"
        wrong = self._wrong_characters(rng, cid, self._involved[trope.id], spoiler)
        return self._question(qid, spoiler, "trope-to-character", prompt, self.facts.name(cid), wrong, explanation,
                              (("trope", trope.name), ("character", self.facts.name(cid))), trope.pack, rng)

    def _character_to_trope(self) -> Iterator[Candidate]:
        for trope in self._tropes_in_order:
            if self.difficulty != "hard":
                for slot, example, cid in self._example_slots(trope):
                    yield self._candidate(f"c2t-{slot}", ("trope", trope.id, cid), self.example_spoiler(example),
                                          self._c2t_clue, trope, example, cid)
        if self.difficulty != "easy":
            for cid in self._character_ids:
                character = self.facts.characters[cid]
                for tid in self._tropes_of.get(cid, ()):
                    trope = self.facts.tropes[tid]
                    if self._main_examples(trope, cid):
                        example, spoiler = self._best_example(trope, cid)
                        yield self._candidate(f"c2t-{cid}-{trope.id}", ("trope", trope.id, cid),
                                              spoiler or character.spoiler, self._c2t_name, trope, example,
                                              character)

    def _c2t_clue(self, qid, spoiler, trope, example, cid):
        rng = random.Random(qid)
        name = self.facts.name(cid)
        prompt = fit(f"Which trope fits {name} here? {sentence(example.clue)}",
                     f"Which trope is this? {sentence(example.clue)}")
        explanation = self._defined(trope)
        wrong = self._wrong_tropes(rng, cid, spoiler)
        return self._question(qid, spoiler, "character-to-trope", prompt, trope.name, wrong, explanation,
                              (("character", name), ("trope", trope.name)), trope.pack, rng)

    def _c2t_name(self, qid, spoiler, trope, example, character):
        rng = random.Random(qid)
        ask = f"Which of these tropes fits {character.name}?"
        prompt = fit(f"{sentence(character.description)} {ask}", ask) if self.difficulty == "medium" else fit(ask)
        explanation = f"{trope.name} fits {character.name}: {sentence(example.clue)}"
        wrong = self._wrong_tropes(rng, character.id, spoiler)
        return self._question(qid, spoiler, "character-to-trope", prompt, trope.name, wrong, explanation,
                              (("character", character.name), ("trope", trope.name)), trope.pack, rng)

    def _relationship(self) -> Iterator[Candidate]:
        for edge in self.edges:
            yield self._candidate(f"rel-{edge.subject}-{edge.relation}-{edge.other}", self._pair_topic(edge),
                                  edge.spoiler, self._relation_question, edge)
        for trope in self._tropes_in_order:
            for n, example in enumerate(trope.examples, 1):
                if 2 <= len(example.characters) <= 3:
                    for cid in example.characters:
                        yield self._candidate(f"rel-{trope.id}-{n}-{cid}", ("trope", trope.id, cid),
                                              self.example_spoiler(example), self._storyline_question,
                                              trope, example, cid)

    @staticmethod
    def _pair_topic(edge: Edge) -> tuple:
        return ("pair", *sorted((edge.subject, edge.other)))

    def _relation_ask(self, edge: Edge) -> str:
        return render(RELATIONS[edge.relation].ask, self.facts.name(edge.subject), self.facts.name(edge.other))

    def _relation_statement(self, subject: str, relation: str, other: str) -> str:
        return render(RELATIONS[relation].state, self.facts.name(subject), self.facts.name(other))

    def _relation_explanation(self, edge: Edge) -> str:
        """The fact as the pack states it (its note is written from the owner's side), with the note."""
        if edge.stored:
            statement = self._relation_statement(edge.subject, edge.relation, edge.other)
        else:
            statement = self._relation_statement(edge.other, INVERSE.get(edge.relation, edge.relation), edge.subject)
        return f"{statement[:-1]}: {edge.note}." if edge.note else statement

    def _relation_facts(self, edge: Edge) -> tuple:
        return (("character", self.facts.name(edge.subject)), ("relation", RELATIONS[edge.relation].label),
                ("other", self.facts.name(edge.other)))

    def _tied_to(self, subject: str) -> frozenset[str]:
        """The subject and everyone linked to them: none is a wrong option for "who is X's ...?"."""
        return self.linked(subject) | {subject}

    def _relation_question(self, qid, spoiler, edge: Edge):
        rng = random.Random(qid)
        ask = self._relation_ask(edge)
        wrong = self._wrong_characters(rng, edge.other, self._tied_to(edge.subject), spoiler, near=(edge.subject,))
        return self._question(qid, spoiler, "relationship", fit(ask), self.facts.name(edge.other), wrong,
                              self._relation_explanation(edge), self._relation_facts(edge),
                              self.facts.characters[edge.subject].pack, rng)

    def _storyline_question(self, qid, spoiler, trope, example, answer):
        """Who completes a pair or trio of a trope example (a love triangle, a will-they-won't-they...)."""
        others = [c for c in example.characters if c != answer]
        rng = random.Random(qid)
        names = [self.facts.name(c) for c in others]
        def ask(this: str) -> str:
            # "the “The Reveal” storyline" doubles the article: the name's own "The" does
            t = quoted(trope.name)
            lead = "" if this == "The" and trope.name.startswith("The ") else f"{this} "
            if len(others) == 1:
                return f"Who shares {lead.lower()}{t} storyline with {names[0]}?"
            return f"{lead}{t} storyline involves {', '.join(names)} and one more character. Who?"

        with_clue = fit(f"{ask('This')} {sentence(example.clue)}") if self.difficulty == "easy" else None
        prompt = with_clue or fit(ask("The"))
        shown = with_clue is not None  # "this" storyline only when the clue is there to point at
        involved = self._involved[trope.id]
        wrong = self._wrong_characters(rng, answer, involved, spoiler, near=others)
        everyone = join_names([self.facts.name(c) for c in example.characters])
        explanation = (f"The storyline involves {everyone}. {self._defined(trope)}" if shown
                       else f"{everyone}: {sentence(example.clue)}")
        return self._question(qid, spoiler, "relationship", prompt, self.facts.name(answer), wrong, explanation,
                              (("trope", trope.name), ("character", names[0]) if len(names) == 1 else
                               ("characters", join_names(names)), ("other", self.facts.name(answer))),
                              trope.pack, rng)

    def _spot_the_reveal(self) -> Iterator[Candidate]:
        # Every question of this kind is about a twist: all are spoilers.
        for reveal in self.facts.reveals:
            topic = ("reveal", reveal.id)
            yield self._candidate(f"rev-{reveal.id}", topic, True, self._reveal_question, reveal)
            for n, clue in enumerate(reveal.clues, 1):
                yield self._candidate(f"rev-{reveal.id}-clue-{n}", topic, True, self._clue_question, reveal, clue)
        for herring in self.facts.red_herrings:
            yield self._candidate(f"rev-not-{herring.id}", ("herring", herring.id), True,
                                  self._not_a_reveal_question, herring)

    def _other_statements(self, rng, items, about: dict[str, list[int]], characters) -> list[str]:
        """Wrong options for a twist question: statements from `items` (red herrings for a
        reveal, reveals for a red herring); at hard, first those about the same characters."""
        need = self.choice_count - 1
        chosen: list[int] = []
        if self.difficulty == "hard":
            close = sorted({i for cid in characters for i in about.get(cid, ())})
            rng.shuffle(close)
            sample(rng, close, lambda i: True, need, chosen)
        sample(rng, range(len(items)), lambda i: True, need, chosen)
        return [items[i].statement for i in chosen]

    def _reveal_question(self, qid, spoiler, reveal):
        rng = random.Random(qid)
        wrong = self._other_statements(rng, self.facts.red_herrings, self._herrings_about, reveal.characters)
        return self._question(qid, spoiler, "spot-the-reveal", fit("Which of these really happens in the series?"),
                              reveal.statement, wrong, self._twist_explained(reveal, "It really happens."),
                              (("reveal", reveal.id),), reveal.pack, rng)

    def _clue_question(self, qid, spoiler, reveal, clue):
        rng = random.Random(qid)
        reveals, herrings = self.facts.reveals, self.facts.red_herrings
        need = self.choice_count - 1
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
        return self._question(qid, spoiler, "spot-the-reveal", prompt, reveal.statement, wrong, explanation,
                              (("reveal", reveal.id), ("clue", clue)), reveal.pack, rng)

    def _not_a_reveal_question(self, qid, spoiler, herring):
        rng = random.Random(qid)
        wrong = self._other_statements(rng, self.facts.reveals, self._reveals_about, herring.characters)
        return self._question(qid, spoiler, "spot-the-reveal", fit("Which of these never happens in the series?"),
                              herring.statement, wrong, "Made up: it never happens. The others are real twists.",
                              (("red herring", herring.id),), herring.pack, rng)

    @cached_property
    def _herrings_about(self) -> dict[str, list[int]]:
        """The red herrings (by index) about each character: close wrong options for a hard question."""
        return index_by_character(self.facts.red_herrings)

    @cached_property
    def _reveals_about(self) -> dict[str, list[int]]:
        return index_by_character(self.facts.reveals)

    @staticmethod
    def _twist_explained(reveal, lead: str) -> str:
        """A twist's explanation: the first hint the show gave of it, when the pack lists one."""
        return f"{lead} An early hint: {sentence(reveal.clues[0])}" if reveal.clues else f"{lead} {sentence(reveal.statement)}"

    def _true_false(self) -> Iterator[Candidate]:
        """A true statement per fact and, when a wrong character fits the sentence, a false one
        with that character swapped in. The swap is picked here, not when building: its name is
        part of the question's id."""
        for trope in self._tropes_in_order:
            for cid in sorted({c for e in trope.examples for c in e.characters}):
                example, spoiler = self._best_example(trope, cid)
                if self._left_out(spoiler):
                    continue  # dropped anyway: spare the swap pick
                base = f"tf-{trope.id}-{cid}"
                topic = ("trope", trope.id, cid)
                yield self._candidate(f"{base}-true", topic, spoiler, self._tf_example, trope, cid, example, None)
                swap = self._wrong_characters(random.Random(base), cid, self._involved[trope.id], spoiler)
                if swap:
                    yield self._candidate(f"{base}-swap-{self._id_of(swap[0])}", topic, spoiler, self._tf_example,
                                          trope, cid, example, swap[0])
        for edge in self.edges:
            if not edge.stored or self._left_out(edge.spoiler):
                continue
            base = f"tf-{edge.subject}-{edge.relation}-{edge.other}"
            topic = self._pair_topic(edge)
            yield self._candidate(f"{base}-true", topic, edge.spoiler, self._tf_relation, edge, None)
            swap = self._wrong_characters(random.Random(base), edge.other, self._tied_to(edge.subject),
                                          edge.spoiler, near=(edge.subject,))
            if swap:
                yield self._candidate(f"{base}-swap-{self._id_of(swap[0])}", topic, edge.spoiler,
                                      self._tf_relation, edge, swap[0])
        for reveal in self.facts.reveals:
            yield self._candidate(f"tf-{reveal.id}", ("reveal", reveal.id), True, self._true_false_question,
                                  sentence(reveal.statement), True,
                                  self._twist_explained(reveal, "True: one of the series' twists."),
                                  (("reveal", reveal.id),), reveal.pack)
        for herring in self.facts.red_herrings:
            yield self._candidate(f"tf-{herring.id}", ("herring", herring.id), True, self._true_false_question,
                                  sentence(herring.statement), False, "False: made up; it never happens in the series.",
                                  (("red herring", herring.id),), herring.pack)
        for character in self._characters_in_order:
            if self._names_itself(character) or self._left_out(character.spoiler):
                continue
            base = f"tf-{character.id}-description"
            topic = ("character", character.id)
            yield self._candidate(f"{base}-true", topic, character.spoiler, self._tf_description, character, None)
            swap = self._wrong_characters(random.Random(base), character.id,
                                          self._mentioned(character.description), character.spoiler)
            if swap:
                yield self._candidate(f"{base}-swap-{self._id_of(swap[0])}", topic, character.spoiler,
                                      self._tf_description, character, swap[0])

    # A true-false builder states the fact as it is when `swap` is None, else with the display
    # name `swap` in place of the right character.

    def _tf_example(self, qid, spoiler, trope, cid, example, swap):
        name = self.facts.name(cid)
        if swap is None:
            return self._true_false_question(qid, spoiler, self._example_of(cid, trope), True,
                                             f"True. {sentence(example.clue)}",
                                             (("trope", trope.name), ("character", name)), trope.pack)
        return self._true_false_question(qid, spoiler, self._example_of(self._id_of(swap), trope), False,
                                         f"False: {trope.name} fits {name}, not {swap}.",
                                         (("trope", trope.name), ("character", swap), ("instead of", name)),
                                         trope.pack)

    def _tf_relation(self, qid, spoiler, edge, swap):
        explanation = self._relation_explanation(edge)
        pack = self.facts.characters[edge.subject].pack
        if swap is None:
            return self._true_false_question(
                qid, spoiler, self._relation_statement(edge.subject, edge.relation, edge.other), True,
                f"True. {explanation}", self._relation_facts(edge), pack)
        swapped = replace(edge, other=self._id_of(swap))
        return self._true_false_question(
            qid, spoiler, self._relation_statement(swapped.subject, swapped.relation, swapped.other), False,
            f"False. {explanation}", (*self._relation_facts(swapped), ("instead of", self.facts.name(edge.other))),
            pack)

    def _tf_description(self, qid, spoiler, character, swap):
        description = sentence(character.description)
        if swap is None:
            return self._true_false_question(qid, spoiler, f"{character.name} fits this description: “{description}”",
                                             True, f"True: that is {character.name}.",
                                             (("character", character.name),), character.pack)
        return self._true_false_question(qid, spoiler, f"{swap} fits this description: “{description}”", False,
                                         f"False: that is {character.name}, not {swap}.",
                                         (("character", swap), ("instead of", character.name)), character.pack)

    def _typed(self) -> Iterator[Candidate]:
        if self.difficulty == "easy":
            return
        for character in self._characters_in_order:
            if not self._names_itself(character):
                yield self._candidate(f"typed-{character.id}", ("character", character.id), character.spoiler,
                                      self._typed_character, character)
        for trope in self._tropes_in_order:
            for n, example in enumerate(trope.examples, 1):
                if len(example.characters) == 1:
                    cid = example.characters[0]
                    yield self._candidate(f"typed-{trope.id}-{n}", ("trope", trope.id, cid),
                                          self.example_spoiler(example), self._typed_example, trope, example,
                                          self.facts.characters[cid])
        if self.difficulty != "hard":
            return
        answers: dict[tuple[str, str], list[Edge]] = {}
        for edge in self.edges:
            answers.setdefault((edge.subject, edge.relation), []).append(edge)
        for (subject, relation), edges in sorted(answers.items()):
            right = {edge.other for edge in edges}
            if relation == "colleague-of":
                right |= self._workmates.get(subject, frozenset())
            if relation in CHANGING_ROMANCES:
                # Lucas leaves his partner for his ex: over the series either name is his partner.
                right |= {e.other for r in CHANGING_ROMANCES for e in answers.get((subject, r), ())}
            if len(right) != 1:
                continue  # a typed answer must be the only right one
            edge = edges[0]
            yield self._candidate(f"typed-rel-{subject}-{relation}-{edge.other}", self._pair_topic(edge),
                                  edge.spoiler, self._typed_relation, edge)

    def _typed_character(self, qid, spoiler, character):
        prompt = fit(f"Type the name of this character: {sentence(character.description)}")
        return self._typed_question(qid, spoiler, prompt, character, self._who_is(character),
                                    (("character", character.name),))

    def _typed_example(self, qid, spoiler, trope, example, character):
        prompt = fit(f"Type the name of the character in this {quoted(trope.name)} example: "
                     f"{sentence(example.clue)}",
                     f"{quoted(trope.name)}: {sentence(example.clue)} Type the name.")
        return self._typed_question(qid, spoiler, prompt, character, f"It's {character.name}. {self._defined(trope)}",
                                    (("trope", trope.name), ("character", character.name)))

    def _typed_relation(self, qid, spoiler, edge):
        return self._typed_question(qid, spoiler, fit(f"{self._relation_ask(edge)} Type the name."),
                                    self.facts.characters[edge.other], self._relation_explanation(edge),
                                    self._relation_facts(edge))

    def _who_is(self, character: Character) -> str:
        """ "It's Billie", with the tropes she is a main example of (spoiler-free ones only,
        unless the character is a spoiler herself)."""
        tropes = [quoted(self.facts.tropes[tid].name) for tid in self._tropes_of.get(character.id, ())
                  if any(not self.example_spoiler(e) or character.spoiler
                         for _, e in self._main_examples(self.facts.tropes[tid], character.id))]
        if not tropes:
            return f"It's {character.name}."
        return ending(f"It's {character.name}, an example of {join_names(tropes)}", ".")

    def _pack(self) -> Iterator[Candidate]:
        for question in self.facts.questions:
            build = self._pack_question if question.choices else self._pack_typed_question
            yield self._candidate(pack_question_id(question.id), ("pack", question.id),
                                  self._pack_question_spoiler(question), build, question)

    def _pack_question(self, qid, spoiler, question: PackQuestion) -> Question | None:
        rng = random.Random(question.id)
        wrong = [c for c in question.choices if c != question.answer]
        if qid not in self._foreign and not spoiler:
            # A spoiler character must not even show up as a wrong option.
            wrong = [c for c in wrong if not self._spoiler_names.find(c)]
        rng.shuffle(wrong)
        if self.difficulty == "easy":
            wrong = wrong[: self.choice_count - 1]
        if not wrong:
            return None
        choices = [question.answer, *wrong]
        rng.shuffle(choices)
        return Question(id=qid, kind="pack", prompt=question.prompt, answer=question.answer,
                        choices=tuple(choices), explanation=question.explanation,
                        difficulty=question.difficulty, spoiler=spoiler,
                        facts=(("pack", question.pack), *self._about_facts(question.about)),
                        source=question.source, pack=question.pack)

    def _pack_typed_question(self, qid, spoiler, question: PackQuestion) -> Question:
        """A hand-written question answered by typing: the author's accepted answers count."""
        return Question(id=qid, kind="pack", prompt=question.prompt, answer=question.answer,
                        accepted=(question.answer, *question.accepted), explanation=question.explanation,
                        difficulty=question.difficulty, spoiler=spoiler,
                        facts=(("pack", question.pack), *self._about_facts(question.about)),
                        source=question.source, pack=question.pack)

    def _pack_question_spoiler(self, question: PackQuestion) -> bool:
        """Spoiler when marked so, when about a spoiler character, or about a trope whose examples
        touching the question's characters are all spoilers."""
        if question.spoiler:
            return True
        characters = {item for item in question.about if item in self.facts.characters}
        if any(self._is_spoiler_character(cid) for cid in characters):
            return True
        for item in question.about:
            trope = self.facts.tropes.get(item)
            if trope is None:
                continue
            examples = [e for e in trope.examples if not characters or e.involved & characters] or trope.examples
            if all(self.example_spoiler(e) for e in examples):
                return True
        return False

    def _about_facts(self, about: Sequence[str]) -> tuple:
        """What a hand-written question is about, by display name, one label each."""
        characters = [self.facts.name(item) for item in about if item in self.facts.characters]
        tropes = [self.facts.tropes[item].name for item in about if item in self.facts.tropes]
        return tuple((label, ", ".join(names)) for label, names in
                     (("characters", characters), ("tropes", tropes)) if names)

    # ---- small lookups ---------------------------------------------------

    @cached_property
    def _ids_by_name(self) -> dict[str, str]:
        return {c.name: c.id for c in self._characters_in_order}

    def _id_of(self, name: str) -> str:
        return self._ids_by_name[name]

    def _defined(self, trope: Trope) -> str:
        """The trope's name and what it means: "Irony: Events turn out..." """
        return labelled(trope.name, sentence(trope.definition))

    def _example_of(self, cid: str, trope: Trope) -> str:
        character = self.facts.characters[cid]
        verb = "are" if character.role == "group" and character.name.endswith("s") else "is"
        name = quoted(trope.name)
        return ending(f"{character.name} {verb} an example of {name}", ".")

    def _names_itself(self, character: Character) -> bool:
        """Whether a description gives the character's own name away (useless as a clue)."""
        return character.id in self._self_naming

    @cached_property
    def _self_naming(self) -> frozenset[str]:
        """Characters whose description names them (asked by two kinds: worked out once)."""
        def names_itself(character: Character) -> bool:
            text = f" {normalize(character.description)} "
            return any(f" {normalize(name)} " in text for name in character.names if normalize(name))
        return frozenset(c.id for c in self._characters_in_order if names_itself(c))

    def _mentioned(self, text: str) -> frozenset[str]:
        """Characters named in a text: a description mentioning Paul cannot be pinned on Paul."""
        return self._all_names.find(text)


GENERATED_ID_PREFIXES = ("t2c-", "c2t-", "rev-", "rel-", "tf-", "typed-")


def pack_question_id(written_id: str) -> str:
    """A hand-written question keeps its pack's id, unless it looks like one of ours."""
    return f"pack-{written_id}" if written_id.startswith(GENERATED_ID_PREFIXES) else written_id


def index_by_character(items: Sequence) -> dict[str, list[int]]:
    """Where each character appears in a list of reveals or red herrings (by position)."""
    index: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        for cid in item.characters:
            index.setdefault(cid, []).append(i)
    return index


def check_kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    """The kinds asked for, in the standard order; ValueError naming any unknown one."""
    if kinds is None:
        return KINDS
    wanted = list(kinds)
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown question kind {unknown[0]!r}; known kinds: {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in wanted)


def lazy_shuffle(rng: random.Random, items: Sequence) -> Iterator:
    """A seeded random order of `items`, drawn one at a time (Fisher–Yates with the swaps
    kept in a dict), so taking k of n items costs k steps, not n."""
    n = len(items)
    moved: dict[int, int] = {}
    for i in range(n):
        j = rng.randrange(i, n)
        yield items[moved.get(j, j)]
        moved[j] = moved.get(i, i)


class QuizQueue:
    """One kind's candidates in quiz order, minus the excluded ids, read ahead on demand."""

    def __init__(self, order: Iterator[Candidate], exclude: frozenset):
        self._order = order
        self._exclude = exclude
        self._buffer: list[Candidate] = []
        self._done = False

    def ahead(self, size: int) -> list[Candidate]:
        """The next `size` candidates (fewer at the end); the caller pops the one it takes."""
        while len(self._buffer) < size and not self._done:
            candidate = next(self._order, None)
            if candidate is None:
                self._done = True
            elif candidate.id not in self._exclude:
                self._buffer.append(candidate)
        return self._buffer

    def empty(self) -> bool:
        return not self.ahead(1)


def weighted_order(rng: random.Random, candidates: list[Candidate], weights: dict[str, float]) -> list[Candidate]:
    """A seeded random order where a question of weight w comes early w times as often
    (Efraimidis–Spirakis keys: u ** (1 / w))."""
    keyed = []
    for index, candidate in enumerate(candidates):
        weight = max(float(weights.get(candidate.id, 1.0)), 1e-6)
        keyed.append((rng.random() ** (1.0 / weight), -index, candidate))
    keyed.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [candidate for _, _, candidate in keyed]
