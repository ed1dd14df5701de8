"""A trope page saved as plain text -> a draft fact pack that plays as a who-is-it quiz at once.

The layout: a title line ("Series / X"), an intro naming the characters, the line
"X provides examples of:", then bulleted "Trope Name: text" entries ("•", "*" or "-", maybe
indented); bullets nested under an entry are further examples of that trope.

Characters are the capitalized words that behave like names: never seen in lower case, not
a common word, not part of a trope name, and seen mid-sentence (or twice, or in a bare list of
names) in the entries. Spelling variants (Ana/Anna, Antoine/Antonie, Joséphine/Josephine)
become one character with aliases. Each example's clue is the page's own text with its main
character masked, which is why the pack is a draft: the clues must be rewritten before sharing.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import astuple, dataclass, field, fields
from typing import Iterable

from .. import schema
from ..models import Pack
from ..text import edit_distance, normalize
from .common import MAX_ID, Draft, InputError, Skip, slug

TODO_DEFINITION = "TODO: define this trope in your own words"
MASK = "___"
# The pack format's limits, read from its specs so a draft never holds what `check` refuses.
MAX_CLUE = schema.EXAMPLE.fields["clue"].spec.max_len
MAX_TROPE_NAME = schema.TROPE.fields["name"].spec.max_len

_TITLE_LINE = re.compile(r"^\s*[A-Za-z]+\s*/\s*(\S.*?)\s*$")
_EXAMPLES_LINE = re.compile(r"^\s*(\S.*?)\s+provides examples of\s*:?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^(\s*)(•+|[*\-]+(?=\s))\s*(.*)$")
_ENTRY = re.compile(r"^(.+?):(?:\s+|$)(.*)$", re.DOTALL)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_OPENERS = "\"“‘'([*"
_SENTENCE_ENDS = ".!?:;"
_LIST_WORDS = {"and", "or", "and/or", "&", "with"}
# A spoiler flagged wrongly only hides a clue from players who asked for no spoilers; one
# missed gives a twist away, so the list leans towards flagging.
_SPOILER_WORDS = re.compile(r"\b(reveal|reveals|revealed|turns? out|turned out|dies|died|death|dead|twists?|"
                            r"actually|secretly|ending|finale|in the end|kill|kills|killed|murder\w*|"
                            r"destroy|destroys|destroyed|coma|adopt|adopts|adopted|adopting|arrested|"
                            r"betray\w*|cheat|cheats|cheated|cheating|kiss|kisses)\b", re.IGNORECASE)

# Capitalized words that start sentences or titles but are not names.
STOPWORDS = set("""
a about above after again against all also although always am among an and another any anyone
anything are as at back be because been before being below between both but by can could did do
does doing down during each either even eventually ever every everyone everything few finally first
for from further had has have having he her here hers herself him himself his how however i if in
instead into is it its itself just last later lastly let like many maybe me meanwhile more most much
my myself neither never next no nobody none nor not nothing now of off on once one only or other
others otherwise our ours ourselves out over own perhaps rather same second she should similarly
since so some someone something sometimes soon still such than that the their theirs them themselves
then there these they third this those though through thus to together too under unfortunately
unless until up upon us very was we well were what whatever when whenever where whereas whether which
while who whoever whom whose why will with within without would yet you your yours yourself
yourselves mr mrs ms dr sir lady lord miss
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december
season episode series film movie book game show chapter part volume
""".split())


@dataclass
class Example:
    text: str
    line: int


@dataclass
class Entry:
    name: str
    line: int
    examples: list[Example] = field(default_factory=list)


@dataclass
class Person:
    """A character found on the page: every surface form seen, and how often."""

    forms: Counter = field(default_factory=Counter)
    full_names: Counter = field(default_factory=Counter)

    @property
    def name(self) -> str:
        full = self.full_names.most_common(1)
        return full[0][0] if full else self.first_name

    @property
    def first_name(self) -> str:
        # The most used spelling; on a tie, the one seen first (Counter keeps insertion order).
        return self.forms.most_common(1)[0][0]

    @property
    def aliases(self) -> list[str]:
        names = [*self.full_names, *self.forms]
        seen = {self.name.casefold()}
        return [n for n in names if not (n.casefold() in seen or seen.add(n.casefold()))]

    def surfaces(self) -> list[str]:
        """Every way the page writes this character, longest first (for matching and masking)."""
        return sorted({*self.full_names, *self.forms}, key=len, reverse=True)


def convert(text: str, display: str, pack_id: str, installed: Iterable[Pack] = ()) -> Draft:
    """`installed`: the packs already loaded; a page about a series one of them describes links
    to its characters instead of repeating them, since a name may belong to one character only."""
    lines = text.splitlines()
    title, intro, start = _head(lines, display)
    entries, skipped = _entries(lines, start)
    if not entries and not skipped:
        raise InputError(display, "no bulleted \"Trope Name: text\" entries after the "
                                  "\"provides examples of:\" line", start)
    people = find_characters(intro, entries, title)
    draft = Draft(pack={}, noun="trope examples", skipped=skipped,
                  header=_header(display))
    ids = _character_ids(people, pack_id)
    linked = _link_known(people, ids, title, installed)
    tropes, used = _tropes(entries, people, ids, pack_id, draft, display)
    characters = [_character(person, ids[key]) for key, person in people.items()
                  if key in used and key not in linked]
    draft.pack = {
        "id": pack_id,
        "title": f"{title}: trope draft",
        "description": f"A draft fact pack made from a trope page about {title}. "
                       f"TODO: rewrite the clues in your own words.",
        "source": f"Imported from {display} (a trope page)",
        "series": {"title": title},
        "characters": characters,
        "tropes": tropes,
    }
    found = [key for key in people if key in used]
    summary = f"{len(found)} characters found: " + ", ".join(people[key].name for key in found)
    known = [key for key in found if key in linked]
    if known:
        summary += (f" ({len(known)} of them already in the installed {title} pack: linked to its "
                    f"characters, not repeated)")
    draft.notes[:0] = [summary, f"{len(tropes)} tropes"]
    return draft


def _link_known(people: dict[str, "Person"], ids: dict[str, str], title: str, installed) -> dict[str, str]:
    """Point `ids` at the installed characters of the same series (by any name the page uses);
    returns {person key: installed id} for those linked."""
    known: dict[str, str] = {}
    for pack in installed:
        if pack.series and normalize(pack.series.title) == normalize(title):
            for character in pack.characters:
                for name in character.names:
                    known.setdefault(normalize(name), character.id)
    linked: dict[str, str] = {}
    for key, person in people.items():
        keys = (normalize(name) for name in (person.name, *person.surfaces()))
        found = next((known[key] for key in keys if key in known), None)
        if found:
            ids[key] = linked[key] = found
    return linked


def _header(display: str) -> str:
    return (f"Imported from {display} by `osmosis-quiz import tropes`.\n"
            "DRAFT: every clue below is the trope page's own text with the main character masked.\n"
            "Rewrite each clue, definition and description in your own words before sharing\n"
            "this pack, and check the characters found: run `python main.py check` on it after.")


def _head(lines: list[str], display: str) -> tuple[str, list[str], int]:
    """(series title, intro lines, index of the first line after "provides examples of:")."""
    for index, line in enumerate(lines):
        match = _EXAMPLES_LINE.match(line)
        if match:
            break
    else:
        raise InputError(display, "no \"<Title> provides examples of:\" line; is this a trope page "
                                  "saved as text?")
    title_index, title = -1, match.group(1).strip()
    for number, line in enumerate(lines[:index]):
        found = _TITLE_LINE.match(line)
        if found and "://" not in line:
            title_index, title = number, found.group(1)
            break
    intro = [line for line in lines[title_index + 1:index] if line.strip() and "://" not in line]
    return title, intro, index + 1


def _entries(lines: list[str], start: int) -> tuple[list[Entry], list[Skip]]:
    entries: list[Entry] = []
    skipped: list[Skip] = []
    top_indent: int | None = None
    current: Example | None = None
    blank = False
    for number, line in enumerate(lines[start:], start + 1):
        bullet = _BULLET.match(line)
        if not line.strip():
            blank = True
            continue
        if not bullet:
            if current is not None and not blank:
                current.text = f"{current.text} {line.strip()}".strip()
            else:
                current = None  # a heading or footer line between bullets: nothing to attach to
            continue
        blank = False
        indent, markers, body = len(bullet.group(1)), bullet.group(2), bullet.group(3).strip()
        top_indent = indent if top_indent is None else top_indent
        nested = len(markers) > 1 or indent > top_indent
        if nested and entries and entries[-1].line >= 0:
            current = Example(body, number)
            entries[-1].examples.append(current)
            continue
        if nested:
            skipped.append(Skip(number, "a nested bullet with no trope entry above it"))
            current = None
            continue
        entry = _ENTRY.match(body)
        if not entry or len(entry.group(1)) > MAX_TROPE_NAME:
            skipped.append(Skip(number, "not a \"Trope Name: text\" entry"))
            entries.append(Entry("", -1))  # its nested bullets belong to no trope
            current = None
            continue
        entries.append(Entry(entry.group(1).strip(), number))
        current = Example(entry.group(2).strip(), number)
        entries[-1].examples.append(current)
    for entry in entries:
        if entry.line >= 0 and not any(e.text for e in entry.examples):
            skipped.append(Skip(entry.line, f"{entry.name!r} has no text and no nested examples"))
    return [e for e in entries if e.line >= 0], skipped


@dataclass
class _Evidence:
    mid: int = 0  # mid-sentence in an entry: the strongest sign of a name
    start: int = 0  # starting a sentence in an entry, alone
    listed: int = 0  # in a bare list of names ("Simon and Ana.")
    intro: int = 0
    in_run: int = 0  # inside a run of capitalized words ("Black Mirror", "Esther Vanhove")

    def add(self, other: "_Evidence") -> None:
        for counter in fields(self):
            setattr(self, counter.name, getattr(self, counter.name) + getattr(other, counter.name))

    def total(self) -> int:
        return sum(astuple(self))

    def names_someone(self, spelling: str) -> bool:
        # Words that only ever open sentences need to recur and not look like an adverb
        # or participle ("Sufficiently", "Mentioning", "Deconstructed").
        opener_ok = not spelling.endswith(("ly", "ing", "ed"))
        return bool(self.mid or self.listed or (opener_ok and (self.start >= 2 or (self.intro and self.start))))


def find_characters(intro: list[str], entries: list[Entry], title: str) -> dict[str, Person]:
    """The characters a page names, keyed by their main spelling, in order of first mention."""
    entry_texts = [e.text for entry in entries for e in entry.examples if e.text]
    every_text = intro + entry_texts
    lower_words = {w for text in every_text for w in _WORD.findall(text) if w[0].islower()}
    excluded = set(STOPWORDS) | {w.casefold() for w in _WORD.findall(title)}
    excluded |= {w.casefold() for entry in entries for w in _WORD.findall(entry.name)}

    def candidate(word: str) -> bool:
        return (len(word) > 1 and word[0].isupper() and not word.isupper()
                and word.casefold() not in excluded and word.casefold() not in lower_words
                and all(part[:1].isupper() for part in word.split("-")))

    evidence: dict[str, _Evidence] = defaultdict(_Evidence)
    runs: Counter = Counter()
    for source, texts in (("intro", intro), ("entries", entry_texts)):
        for text in texts:
            listed = _is_name_list(text)
            for run in _runs(text, candidate):
                if len(run) > 1:
                    runs[" ".join(word for word, _ in run)] += 1
                for word, at_start in run:
                    seen = evidence[word]  # insertion order = order of first mention
                    if source == "intro":
                        seen.intro += 1
                    elif len(run) > 1:
                        seen.in_run += 1
                    elif listed:
                        seen.listed += 1
                    elif at_start:
                        seen.start += 1
                    else:
                        seen.mid += 1
    people = {}
    for key, (person, seen) in _variant_groups(evidence).items():
        if seen.names_someone(person.first_name):
            people[key] = person
    _attach_full_names(people, runs)
    return people


def _runs(text: str, candidate) -> list[list[tuple[str, bool]]]:
    """Runs of adjacent candidate words (joined by single spaces), each word with whether it
    starts a sentence."""
    runs: list[list[tuple[str, bool]]] = []
    previous_end = -10
    for match in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group())
        if not candidate(word):
            previous_end = -10
            continue
        at_start = _starts_sentence(text, match.start())
        joined = previous_end >= 0 and text[previous_end:match.start()] == " "
        if joined and runs:
            runs[-1].append((word, at_start))
        else:
            runs.append([(word, at_start)])
        previous_end = match.end() if match.group() == word else -10
    return runs


def _starts_sentence(text: str, index: int) -> bool:
    before = text[:index].rstrip().rstrip(_OPENERS).rstrip()
    return not before or before[-1] in _SENTENCE_ENDS


def _is_name_list(text: str) -> bool:
    """A bare list of names, like "Simon and Ana." or "Lucas, Antoine, and/or Leópold."."""
    words = re.sub(r"[,.;!?]", " ", text).split()
    names = [w for w in words if w.casefold() not in _LIST_WORDS]
    return 0 < len(names) <= 6 and all(w[0].isupper() for w in names)


def is_variant(a: str, b: str) -> bool:
    """Two spellings of one name: accents, a doubled letter, or two letters swapped."""
    x, y = normalize(a), normalize(b)
    if x == y:
        return True
    if x[:1] != y[:1]:
        return False
    undoubled = re.compile(r"(.)\1")
    if undoubled.sub(r"\1", x) == undoubled.sub(r"\1", y):
        return True
    return len(x) == len(y) >= 4 and sorted(x) == sorted(y) and edit_distance(x, y) == 1


def _variant_groups(evidence: dict[str, _Evidence]) -> dict[str, tuple[Person, _Evidence]]:
    """Spellings of one name (Ana/Anna) become one person whose evidence is the sum of theirs."""
    groups: dict[str, tuple[Person, _Evidence]] = {}
    for word, seen in evidence.items():
        key = next((k for k, (p, _) in groups.items() if any(is_variant(word, f) for f in p.forms)), word)
        person, total = groups.setdefault(key, (Person(), _Evidence()))
        person.forms[word] += seen.total()
        total.add(seen)
    return groups


def _attach_full_names(people: dict[str, Person], runs: Counter) -> None:
    """"Esther Vanhove" is Esther's full name when it starts with her first name."""
    for run, count in runs.items():
        first, *rest = run.split(" ")
        owners = [p for p in people.values() if first in p.forms]
        if len(owners) == 1 and not any(w in p.forms for w in rest for p in people.values()):
            owners[0].full_names[run] += count


def _character_ids(people: dict[str, Person], pack_id: str) -> dict[str, str]:
    ids: dict[str, str] = {}
    for key, person in people.items():
        ids[key] = _unique_id(pack_id, person.first_name, set(ids.values()))
    return ids


def _unique_id(pack_id: str, name: str, taken: set[str]) -> str:
    base = f"{pack_id}-{slug(name)}"[:MAX_ID - 3].strip("-")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _tropes(entries, people, ids, pack_id, draft, display) -> tuple[list[dict], set[str]]:
    """The tropes as pack data, and the keys of the characters their examples name."""
    tropes: list[dict] = []
    used: set[str] = set()
    taken: set[str] = set()
    for entry in entries:
        examples = []
        for example in entry.examples:
            if not example.text:
                continue
            item, mentioned = _example(entry.name, example, people, ids, draft, display)
            if item is not None:
                examples.append(item)
                used.update(mentioned)
        if not examples:
            continue
        trope_id = _unique_id(pack_id, entry.name, taken)
        taken.add(trope_id)
        tropes.append({"id": trope_id, "name": entry.name, "definition": TODO_DEFINITION,
                       "examples": examples})
    return tropes, used


def _example(trope_name: str, example: Example, people, ids, draft, display) -> tuple[dict | None, list[str]]:
    """One example as pack data (its first named character masked in the clue), and the keys of
    the characters it names; (None, []) and a skip when it names none."""
    mentioned = mentions(example.text, people)
    if not mentioned:
        draft.skipped.append(Skip(example.line, f"no character named in this example of {trope_name!r}"))
        return None, []
    clue = masked(example.text, people[mentioned[0]])
    if len(clue) > MAX_CLUE:
        clue = _shortened(clue)
        draft.notes.append(f"{display}:{example.line}: note: the clue was cut to {MAX_CLUE} characters")
    # Two spellings may lead to one installed character: name each id once.
    linked_ids = list(dict.fromkeys(ids[k] for k in mentioned))
    item = {"characters": linked_ids[:1]}
    if linked_ids[1:]:
        item["also"] = linked_ids[1:]
    item["clue"] = clue
    item["spoiler"] = bool(_SPOILER_WORDS.search(f"{trope_name} {example.text}"))
    return item, mentioned


def mentions(text: str, people: dict[str, Person]) -> list[str]:
    """The characters `text` names, in the order of their first mention."""
    first: dict[str, int] = {}
    for key, person in people.items():
        for surface in person.surfaces():
            found = re.search(_name_pattern(surface), text)
            if found:
                first[key] = min(first.get(key, found.start()), found.start())
    return sorted(first, key=first.get)


def masked(text: str, person: Person) -> str:
    for surface in person.surfaces():
        text = re.sub(_name_pattern(surface), MASK, text)
    return text


def _name_pattern(name: str) -> str:
    return rf"(?<![\w]){re.escape(name)}(?![\w])"


def _shortened(clue: str) -> str:
    cut = clue[:MAX_CLUE - 1]
    sentence_end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if sentence_end > MAX_CLUE // 2:
        return cut[:sentence_end + 1]
    return cut[:cut.rfind(" ")].rstrip(",;:") + "…"


def _character(person: Person, character_id: str) -> dict:
    character = {"id": character_id, "name": person.name}
    if person.aliases:
        character["aliases"] = person.aliases
    character["role"] = "other"
    character["description"] = f"TODO: describe {person.name} in one line, in your own words"
    return character
