"""The pack format, written once.

Both the loader's structural checks and the shipped JSON Schema
(`questions/pack.schema.json`, for editors) are derived from the `PACK` spec
below, so the two cannot drift apart. Rules JSON Schema cannot say (the answer
is one of the choices, references resolve, ids are unique) live in `packs.py`.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Callable

from .yamlsafe import Problem, Surprise, YMap, YSeq

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

ROLES = ("co-founder", "beta-tester", "employee", "family", "ai", "group", "other")
DIFFICULTIES = ("easy", "medium", "hard")
SYMMETRIC_RELATIONS = ("sibling", "spouse-of", "partner-of", "ex-of", "affair-with",
                       "colleague-of", "soulmate-of", "runaway-with")
DIRECTED_RELATIONS = ("parent-of", "child-of", "loves", "creator-of", "created-by",
                      "avatar-of", "replacement-for", "abused-by", "cheated-on")
RELATIONS = SYMMETRIC_RELATIONS + DIRECTED_RELATIONS

# Why a fact is our reading rather than something the source states: such a fact keeps people out of
# wrong options (Martin, who loves Esther, is never a "wrong" Unrequited Love) but never keys an answer.
INFERRED_HELP = ("Our reading, not stated by the source: say why. It keeps the people it names out of "
                 "wrong options but never keys an answer")

Report = Callable[[tuple[int, int] | None, str], None]


class Spec:
    """A node of the format: validates a located value and describes itself as JSON Schema."""

    description = ""

    def check(self, value, pos, surprise: Surprise | None, report: Report) -> None:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError


def _quote_hint(surprise: Surprise) -> str:
    readings = {"bool": "a true/false value", "int": "a number", "float": "a number",
                "null": "an empty value", "timestamp": "a date"}
    return (f"{surprise.raw!r} is read by YAML as {readings.get(surprise.kind, surprise.kind)}, "
            f"not text; quote it: \"{surprise.raw}\"")


@dataclass(frozen=True)
class Text(Spec):
    min_len: int = 1
    max_len: int = 2000
    pattern: str | None = None
    pattern_hint: str = ""
    description: str = ""

    def check(self, value, pos, surprise, report):
        if surprise is not None and surprise.kind != "null":
            report(pos, _quote_hint(surprise))
            return
        if not isinstance(value, str):
            report(pos, f"expected text, found {_kind(value)}")
            return
        if _BAD_CHARS.search(value):
            report(pos, "text contains a control character or a lone surrogate")
        elif len(value.strip()) < self.min_len:
            report(pos, "text is empty")
        elif len(value) > self.max_len:
            report(pos, f"text is {len(value)} characters long; at most {self.max_len}")
        elif self.pattern and not re.match(self.pattern, value):
            report(pos, f"{value!r} is not valid: {self.pattern_hint}")

    def json_schema(self):
        schema = {"type": "string", "minLength": self.min_len, "maxLength": self.max_len}
        # Blank text is refused by the loader; "\\S" says the same to editors.
        schema["pattern"] = self.pattern or r"\S"
        return _described(schema, self.description)


def Slug(description: str = "") -> Text:
    return Text(max_len=80, pattern=SLUG, pattern_hint="ids use lowercase letters, digits and dashes",
                description=description)


@dataclass(frozen=True)
class Choice(Spec):
    values: tuple[str, ...]
    description: str = ""

    def check(self, value, pos, surprise, report):
        if surprise is not None:
            report(pos, _quote_hint(surprise))
        elif value not in self.values:
            close = difflib.get_close_matches(str(value), self.values, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            report(pos, f"{value!r} is not one of {', '.join(self.values)}{hint}")

    def json_schema(self):
        return _described({"type": "string", "enum": list(self.values)}, self.description)


@dataclass(frozen=True)
class Int(Spec):
    minimum: int
    maximum: int
    description: str = ""

    def check(self, value, pos, surprise, report):
        if isinstance(value, bool) or not isinstance(value, int):
            report(pos, f"expected a whole number, found {_kind(value)}")
        elif surprise is not None and not re.fullmatch(r"-?(0|[1-9][0-9]*)", surprise.raw):
            report(pos, f"{surprise.raw!r} is read by YAML 1.1 as {value}; write a plain decimal number")
        elif not self.minimum <= value <= self.maximum:
            report(pos, f"{value} is out of range ({self.minimum}..{self.maximum})")

    def json_schema(self):
        return _described({"type": "integer", "minimum": self.minimum, "maximum": self.maximum},
                          self.description)


@dataclass(frozen=True)
class Bool(Spec):
    description: str = ""

    def check(self, value, pos, surprise, report):
        if not isinstance(value, bool):
            report(pos, f"expected true or false, found {_kind(value)}")
        elif surprise is not None and surprise.raw.lower() not in ("true", "false"):
            report(pos, f"{surprise.raw!r} is read by YAML 1.1 as {str(value).lower()}; write true or false")

    def json_schema(self):
        return _described({"type": "boolean"}, self.description)


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    min_items: int = 0
    max_items: int = 100_000
    unique: bool = False
    description: str = ""

    def check(self, value, pos, surprise, report):
        if not isinstance(value, YSeq):
            report(pos, f"expected a list, found {_kind(value)}")
            return
        if len(value) < self.min_items:
            report(pos, f"needs at least {self.min_items} item{'s' if self.min_items > 1 else ''}, "
                        f"found {len(value)}")
        if len(value) > self.max_items:
            report(pos, f"has {len(value):,} items; at most {self.max_items:,}")
            return  # refused for its length: what is wrong with each of its items is noise
        first_seen: dict = {}
        for index, item in enumerate(value):
            item_pos = value.item_pos[index]
            self.item.check(item, item_pos, value.surprises.get(index), report)
            if self.unique and isinstance(item, str):
                key = item.strip().casefold()
                if key in first_seen:
                    report(item_pos, f"duplicate {item!r} (also on line {first_seen[key][0]})")
                else:
                    first_seen[key] = item_pos

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items,
                  "maxItems": self.max_items}
        if self.unique:
            schema["uniqueItems"] = True
        return _described(schema, self.description)


@dataclass(frozen=True)
class Field:
    spec: Spec
    required: bool = False


@dataclass(frozen=True)
class Record(Spec):
    name: str
    fields: dict[str, Field] = field(default_factory=dict)
    description: str = ""

    def check(self, value, pos, surprise, report):
        if not isinstance(value, YMap):
            report(pos, f"each {self.name} must be a mapping of fields, found {_kind(value)}")
            return
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else f"; known fields: {', '.join(self.fields)}"
                report(value.key_pos[key], f"unknown field {key!r} in {self.name}{hint}")
        for name, fld in self.fields.items():
            if name in value:
                fld.spec.check(value[name], value.key_pos[name], value.surprises.get(name), report)
            elif fld.required:
                report(value.pos, f"{self.name} is missing {name!r}")

    def json_schema(self):
        return _described({
            "type": "object",
            "properties": {name: fld.spec.json_schema() for name, fld in self.fields.items()},
            "required": [name for name, fld in self.fields.items() if fld.required],
            "additionalProperties": False,
        }, self.description)


def _described(schema: dict, description: str) -> dict:
    if description:
        schema["description"] = description
    return schema


def _kind(value) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _text(description: str = "", max_len: int = 2000) -> Text:
    return Text(max_len=max_len, description=description)


def _ids(description: str, min_items: int = 0) -> ListOf:
    return ListOf(Slug(), min_items=min_items, unique=True, description=description)


SERIES = Record("series", {
    "title": Field(_text("The series' title"), required=True),
    "year": Field(Int(1900, 2100, "Year of first release")),
    "language": Field(_text()),
    "network": Field(_text()),
    "creator": Field(_text()),
    "genre": Field(_text()),
    "premise": Field(_text("What the series is about, in your own words")),
    "tagline": Field(_text("The series' tagline, exactly as published", 300)),
}, "The series the facts are about")

RELATIONSHIP = Record("relationship", {
    "type": Field(Choice(RELATIONS, "Read as: <this character> <type> <with>"), required=True),
    "with": Field(Slug("Id of the other character"), required=True),
    "note": Field(_text(max_len=200)),
    "spoiler": Field(Bool("True when knowing this gives away a twist")),
    "inferred": Field(_text(INFERRED_HELP, 300)),
})

CHARACTER = Record("character", {
    "id": Field(Slug("Unique id, used by tropes and relationships"), required=True),
    "name": Field(_text("Display name", 80), required=True),
    "aliases": Field(ListOf(_text(max_len=80), unique=True,
                            description="Other names a player may type: spellings, accent-free forms")),
    "role": Field(Choice(ROLES), required=True),
    "description": Field(_text("One line about the character", 300), required=True),
    "spoiler": Field(Bool("True when the character's existence gives away a twist")),
    "relationships": Field(ListOf(RELATIONSHIP)),
})

EXAMPLE = Record("example", {
    "characters": Field(_ids("The characters the example is about; leave out in a trope about the series", 1)),
    "also": Field(_ids("Everyone else the example touches")),
    "clue": Field(_text("How the trope plays out, without naming the main characters", 400), required=True),
    "spoiler": Field(Bool()),
    "inferred": Field(_text(INFERRED_HELP, 300)),
})

TROPE = Record("trope", {
    "id": Field(Slug(), required=True),
    "name": Field(_text("The trope's exact name", 120), required=True),
    "definition": Field(_text("What the trope means in general", 400), required=True),
    "about_series": Field(Bool("True when the trope describes the series as a whole (its theme, its ending, "
                               "its technology), not a character: asked about the show, never pinned on anyone")),
    "examples": Field(ListOf(EXAMPLE, min_items=1), required=True),
})

REVEAL = Record("reveal", {
    "id": Field(Slug(), required=True),
    "statement": Field(_text("The twist, as a true statement", 300), required=True),
    "clues": Field(ListOf(_text(max_len=300), description="Foreshadowing that points at it")),
    "characters": Field(_ids("Characters the twist concerns")),
    "spoiler": Field(Bool("Reveals are spoilers unless said otherwise")),
})

RED_HERRING = Record("red herring", {
    "id": Field(Slug(), required=True),
    "statement": Field(_text("A plausible twist that is false in the series", 300), required=True),
    "characters": Field(_ids("Characters it names")),
})

QUESTION = Record("question", {
    "id": Field(Slug("Stable id, used by test-mode flags; made from the prompt when absent")),
    "prompt": Field(_text("The question", 400), required=True),
    "choices": Field(ListOf(_text(max_len=160), min_items=2, max_items=6, unique=True,
                            description="2 to 6 choices; leave out for a typed answer")),
    "answer": Field(_text("The exact text of the right choice, or the answer to type", 160), required=True),
    "accepted": Field(ListOf(_text(max_len=160), unique=True,
                             description="Typed questions only: other answers that also count as right")),
    "explanation": Field(_text("Shown after answering", 500)),
    "difficulty": Field(Choice(DIFFICULTIES)),
    "spoiler": Field(Bool()),
    "about": Field(_ids("Characters or tropes the question concerns")),
    "source": Field(_text("Where the answer can be checked", 300)),
})

PACK = Record("pack", {
    "id": Field(Slug("Pack id; the file name when absent")),
    "title": Field(_text("Shown in the pack list", 120), required=True),
    "description": Field(_text(max_len=500)),
    "author": Field(_text(max_len=120)),
    "source": Field(_text("Where the facts come from", 300)),
    "series": Field(SERIES),
    "characters": Field(ListOf(CHARACTER)),
    "tropes": Field(ListOf(TROPE)),
    "reveals": Field(ListOf(REVEAL)),
    "red_herrings": Field(ListOf(RED_HERRING)),
    "questions": Field(ListOf(QUESTION, max_items=20_000)),
}, "An Osmosis Quiz question pack")


def check_structure(value, display: str) -> list[Problem]:
    """Every structural problem of a parsed pack, each with its line and column."""
    problems: list[Problem] = []

    def report(pos, message):
        line, col = pos if pos else (None, None)
        problems.append(Problem(display, line, col, message))

    if not isinstance(value, YMap):
        pos = value.pos if isinstance(value, YSeq) else (1, 1)
        report(pos, f"the top level of a pack must be a mapping (title:, questions: ...), found {_kind(value)}")
        return problems
    PACK.check(value, value.pos, None, report)
    return problems


def json_schema() -> dict:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://osmosis-quiz.invalid/pack.schema.json",
              "title": "Osmosis Quiz pack"}
    schema.update(PACK.json_schema())
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    # Regenerate the shipped schema: python -m game.schema
    from .paths import builtin_pack_dir
    (builtin_pack_dir() / "pack.schema.json").write_text(json_schema_text(), encoding="utf-8")
