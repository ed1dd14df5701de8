"""Safe, bounded YAML reading that keeps line numbers.

PyYAML's own `safe_load` is not enough for packs written by anyone: it keeps the
last of two duplicate keys silently, reads `no` as False and `1:20` as 80, and an
alias bomb composes cheaply but explodes when walked; and a file under the size cap
can still hold millions of values that take a minute to build. So we build the value
ourselves from libyaml's event stream, one event at a time: counting values and
stopping at MAX_NODES, refusing aliases where they are written and custom tags,
flagging duplicate keys, noting YAML 1.1 surprises, and recording where every value
came from so that errors can say `file:line:col`.
"""
from __future__ import annotations

import errno
import functools
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)
from yaml.nodes import ScalarNode

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32
# Values (scalars, lists, mappings) in one pack. A 10,000-question pack holds about 210,000;
# the millions a file under MAX_FILE_BYTES can hold would take a minute to build and check.
MAX_NODES = 300_000
_NODE_EVENTS = frozenset((ScalarEvent, SequenceStartEvent, MappingStartEvent, AliasEvent))
# What YAML may contain (its "printable" set); anything else stops libyaml's reader.
_NOT_YAML = re.compile(r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = yaml.constructor.SafeConstructor()
_resolver = yaml.resolver.Resolver()  # YAML 1.1's reading of plain scalars, as SafeLoader's

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP, _MERGE = (_TAG + t for t in ("str", "seq", "map", "merge"))
_STANDARD_TAGS = {_TAG + t for t in ("str", "null", "bool", "int", "float", "timestamp", "map", "seq")}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack, printed as `path:line:col: message`."""

    path: str
    line: int | None
    col: int | None
    message: str
    more: int = 0  # how many more problems of the same kind it stands for (see one_per_kind)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}:{self.col}"
        return f"{where}: {self.message}" + (f" (and {self.more:,} more like it)" if self.more else "")


# What differs between two problems of one kind: the values they quote and the numbers they give.
_SPECIFICS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d[\d,]*")


def one_per_kind(problems: list[Problem]) -> tuple[Problem, ...]:
    """The first problem of each kind, carrying the count of the others: a list of a million
    bad items is one line saying how many, not a million lines saying the same thing.
    `problems` are as found, each standing for itself (`more` is 0): it groups once."""
    firsts: dict[str, Problem] = {}
    counts: dict[str, int] = {}
    kinds: dict[str, str] = {}  # message -> kind: repeated problems mostly repeat word for word
    for problem in problems:
        kind = kinds.get(problem.message)
        if kind is None:
            kind = kinds[problem.message] = _SPECIFICS.sub("_", problem.message)
        firsts.setdefault(kind, problem)
        counts[kind] = counts.get(kind, 0) + 1
    return tuple(replace(first, more=counts[kind] - 1) for kind, first in firsts.items())


@dataclass(frozen=True)
class Surprise:
    """A plain scalar that YAML read as something other than text."""

    kind: str  # bool, int, float, null, timestamp
    raw: str


class YMap(dict):
    """A mapping that remembers where it and each of its keys stand."""

    __slots__ = ("pos", "key_pos", "surprises")


class YSeq(list):
    """A sequence that remembers where it and each of its items stand."""

    __slots__ = ("pos", "item_pos", "surprises")


class YamlRefused(Exception):
    """The text cannot be read as a pack at all; carries the problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__(str(problems[0]))
        self.problems = problems


def read_text(path: Path, display: str) -> str:
    """Read a pack file's text: size-capped before reading, strict UTF-8, BOM allowed."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            os.listdir(path)  # a folder we may not list says why (permission denied ...)
            raise YamlRefused([Problem(display, None, None, "cannot read file: it is a folder")])
        if not stat.S_ISREG(status.st_mode):
            # Opening a FIFO or a device would wait for a writer forever.
            raise YamlRefused([Problem(display, None, None, "cannot read file: it is not a regular file")])
        size = status.st_size
        if size > MAX_FILE_BYTES:  # in bytes: "8.0 MiB; the limit is 8 MiB" would read as no excess
            raise YamlRefused([Problem(display, None, None,
                                       f"file is {size:,} bytes; packs are limited to {MAX_FILE_BYTES:,} "
                                       f"bytes ({MAX_FILE_BYTES // 2**20} MiB)")])
        data = path.read_bytes()
    except OSError as exc:
        reason = "it is a symlink loop (a link that leads back to itself)" if exc.errno == errno.ELOOP \
            else exc.strerror or exc
        raise YamlRefused([Problem(display, None, None, f"cannot read file: {reason}")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlRefused([Problem(display, line, col,
                                   f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8")])


def parse(text: str, display: str) -> object:
    """Read `text` into YMap/YSeq/scalars from libyaml's event stream, or raise YamlRefused."""
    loader = None
    try:
        loader = Loader(text)  # PyYAML's own reader checks every character here, libyaml's later
        builder = _Builder(display, loader.get_event)
        value = builder.document()
    except yaml.MarkedYAMLError as exc:
        raise YamlRefused([_syntax_problem(exc, display, text)])
    except yaml.reader.ReaderError:
        raise YamlRefused([_unreadable_character(text, display)])
    except (yaml.YAMLError, RecursionError, UnicodeError, ValueError, MemoryError) as exc:
        raise YamlRefused([Problem(display, None, None, f"cannot be read as YAML: {_one_line(exc)}")])
    finally:
        if loader is not None:
            loader.dispose()
    if builder.problems:
        raise YamlRefused(builder.problems)
    return value


def _unreadable_character(text: str, display: str) -> Problem:
    """libyaml's reader stops at a control character with a byte offset; say where it is."""
    found = _NOT_YAML.search(text)
    if found is None:
        return Problem(display, None, None, "cannot be read as YAML: it holds a character YAML does not allow")
    line = text.count("\n", 0, found.start()) + 1
    col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    character = found.group()
    name = "a NUL byte" if character == "\0" else f"the control character U+{ord(character):04X}"
    return Problem(display, line, col, f"{name} is not allowed in a pack (is this a text file?); remove it")


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    # Every error PyYAML's and libyaml's scanners and parsers raise has a problem and its mark;
    # the fallbacks only keep an unexpected one from becoming a traceback.
    mark = exc.problem_mark
    message = exc.problem or "syntax error"
    if "maximum nesting depth" in message:
        message = "nested too deeply"
    line = col = None
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
        lines = text.splitlines()
        # A tab at or before the fault on its line is the fault: libyaml calls it "a tab character
        # that violates indentation" or stumbles further on, PyYAML "found character '\\t' ...".
        if line <= len(lines) and "\t" in lines[line - 1][:col]:
            message = "a tab is used for indentation; YAML needs spaces"
    return Problem(display, line, col, f"YAML syntax error: {_one_line(message)}")


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:200]


class _Builder:
    """Builds the value straight from the event stream, one event at a time: no node tree is
    composed first (PyYAML's compose resolves every scalar in Python and costs most of a load),
    every value is counted as it comes so that MAX_NODES stops a huge file early, and an alias
    is refused where it is written (`*name`, not the `&name` it points at) without expanding it."""

    def __init__(self, display: str, get_event):
        self.display = display
        self.get_event = get_event  # the loader's own: yaml.parse's generator around it costs a fifth
        self.problems: list[Problem] = []
        self.nodes = 0

    def problem(self, event, message: str) -> None:
        self.problems.append(Problem(self.display, *_pos(event), message))

    def next(self):
        event = self.get_event()
        if type(event) in _NODE_EVENTS:  # the hot loop: a set lookup beats isinstance on a tuple
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise YamlRefused([Problem(self.display, *_pos(event),
                                           f"more than {MAX_NODES:,} values (keys, list items, texts); "
                                           f"a pack may hold {MAX_NODES:,}: split it up")])
            if type(event) is AliasEvent:
                self.problem(event, f"alias *{event.anchor} is not allowed in packs; write the value out")
        return event

    def document(self):
        """The value of the stream's one document."""
        self.next()  # StreamStartEvent
        event = self.next()
        if isinstance(event, StreamEndEvent):
            raise YamlRefused([Problem(self.display, 1, 1, "the file is empty; a pack needs at least a title")])
        root = self.next()  # after the DocumentStartEvent
        value = self.value(root, 0)
        if isinstance(value, Surprise):
            value = _surprise_value(value.kind, value.raw)
        self.next()  # DocumentEndEvent
        event = self.next()
        if not isinstance(event, StreamEndEvent):
            raise YamlRefused([Problem(self.display, *_pos(event), "a second YAML document starts here; "
                                       "a pack is one document (remove the '---' line or split the file)")])
        return value

    def value(self, event, depth: int):
        """The value of the node that `event` starts; its whole subtree is read."""
        if isinstance(event, AliasEvent):
            return None  # refused in next()
        tag = _tag_of(event)
        if tag not in _STANDARD_TAGS:
            self.problem(event, f"tag {tag!r} is not allowed in packs; remove it")
            return self.skip(event)
        if depth > MAX_DEPTH:
            self.problem(event, f"nested more than {MAX_DEPTH} levels deep")
            return self.skip(event)
        if isinstance(event, ScalarEvent):
            if tag == _STR or event.style:  # libyaml gives plain scalars style "", PyYAML None
                return event.value
            return Surprise(tag[len(_TAG):], event.value)  # for the validator: "quote it"
        if isinstance(event, SequenceStartEvent):
            return self.sequence(event, depth)
        return self.mapping(event, depth)

    def skip(self, event) -> None:
        """Read past the rest of the node `event` starts, still counting what is in it."""
        open_collections = 0 if isinstance(event, (ScalarEvent, AliasEvent)) else 1
        while open_collections:
            event = self.next()
            if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                open_collections += 1
            elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                open_collections -= 1
        return None

    def sequence(self, start, depth: int) -> YSeq:
        seq = YSeq()
        seq.pos = _pos(start)
        seq.item_pos = []
        seq.surprises = {}
        event = self.next()
        while not isinstance(event, SequenceEndEvent):
            value = self.value(event, depth + 1)
            if isinstance(value, Surprise):
                seq.surprises[len(seq)] = value
                value = _surprise_value(value.kind, value.raw)
            seq.append(value)
            seq.item_pos.append(_pos(event))
            event = self.next()
        return seq

    def mapping(self, start, depth: int) -> YMap:
        mapping = YMap()
        mapping.pos = _pos(start)
        mapping.key_pos = {}
        mapping.surprises = {}
        key_event = self.next()
        while not isinstance(key_event, MappingEndEvent):
            if not isinstance(key_event, ScalarEvent) or _tag_of(key_event) == _MERGE:
                self.problem(key_event, "keys must be plain names (no merge keys, lists or mappings as keys)")
                self.skip(key_event)
                self.skip(self.next())
            elif key_event.value in mapping.key_pos:
                first = mapping.key_pos[key_event.value][0]
                self.problem(key_event, f"duplicate key {key_event.value!r} (first given on line {first})")
                self.skip(self.next())
            else:
                key = key_event.value
                value = self.value(self.next(), depth + 1)
                if isinstance(value, Surprise):
                    mapping.surprises[key] = value
                    value = _surprise_value(value.kind, value.raw)
                mapping[key] = value
                mapping.key_pos[key] = _pos(key_event)
            key_event = self.next()
        return mapping


def _tag_of(event) -> str:
    """The node's tag as PyYAML's composer resolves it: the one written, else by its plain text."""
    if event.tag not in (None, "!"):
        return event.tag
    if isinstance(event, ScalarEvent):
        return _plain_tag(event.value) if event.implicit[0] else _STR  # quoted: text
    return _SEQ if isinstance(event, SequenceStartEvent) else _MAP


@functools.lru_cache(maxsize=4096)  # packs repeat their plain words (medium, false, ids' prefixes)
def _plain_tag(value: str) -> str:
    return _resolver.resolve(ScalarNode, value, (True, False))


def _pos(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


@functools.lru_cache(maxsize=4096)  # a list of a million `1`s reads "1" once
def _surprise_value(kind: str, raw: str):
    """What YAML 1.1 reads a Surprise's text as, for the validator to check."""
    node = ScalarNode(_TAG + kind, raw)
    try:
        if kind == "null":
            return None
        if kind == "bool":
            return _scalars.construct_yaml_bool(node)
        if kind == "int":
            return _scalars.construct_yaml_int(node)
        if kind == "float":
            return _scalars.construct_yaml_float(node)
    except (ValueError, yaml.YAMLError):
        pass
    return raw  # timestamps stay raw text; the validator refuses them where text is meant
