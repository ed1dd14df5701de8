"""Safe, bounded YAML reading that keeps line numbers.

PyYAML's own `safe_load` is not enough for packs written by anyone: it keeps the
last of two duplicate keys silently, reads `no` as False and `1:20` as 80, and an
alias bomb composes cheaply but explodes when walked. So we first screen libyaml's
event stream (cheap: nothing is built), refusing aliases where they are written and
stopping at MAX_NODES, since a file under the size cap can still hold millions of
values that take a minute to build. Only then do we *compose* (C libyaml when
present) and walk the node tree ourselves: refusing custom tags, flagging duplicate
keys, noting YAML 1.1 surprises, and recording where every value came from so that
errors can say `file:line:col`.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32
# Values (scalars, lists, mappings) in one pack. A 10,000-question pack holds about 210,000;
# building 500,000 takes a few seconds, the millions a file under MAX_FILE_BYTES can hold a minute.
MAX_NODES = 500_000
_NODE_EVENTS = (ScalarEvent, SequenceStartEvent, MappingStartEvent, AliasEvent)
# What YAML may contain (its "printable" set); anything else stops libyaml's reader.
_NOT_YAML = re.compile(r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = yaml.constructor.SafeConstructor()

_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = (_TAG + t for t in ("str", "null", "bool", "int", "float"))
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
    bad items is one line saying how many, not a million lines saying the same thing."""
    firsts: dict[str, Problem] = {}
    counts: dict[str, int] = {}
    for problem in problems:
        kind = _SPECIFICS.sub("_", problem.message)
        firsts.setdefault(kind, problem)
        counts[kind] = counts.get(kind, 0) + 1 + problem.more
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
    """Compose `text` and walk it into YMap/YSeq/scalars, or raise YamlRefused."""
    try:
        _screen(text, display)
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlRefused([_syntax_problem(exc, display, text)])
    except yaml.reader.ReaderError:
        raise YamlRefused([_unreadable_character(text, display)])
    except (yaml.YAMLError, RecursionError, UnicodeError, ValueError, MemoryError) as exc:
        raise YamlRefused([Problem(display, None, None, f"cannot be read as YAML: {_one_line(exc)}")])
    if node is None:
        raise YamlRefused([Problem(display, 1, 1, "the file is empty; a pack needs at least a title")])
    walker = _Walker(display)
    value = walker.walk(node, 0)
    if isinstance(value, Surprise):
        value = _surprise_value(node)
    if walker.problems:
        raise YamlRefused(walker.problems)
    return value


def _screen(text: str, display: str) -> None:
    """Read libyaml's event stream before any tree is built: refuse every alias where it is
    written (`*name`, not the `&name` it points at), and stop counting values at MAX_NODES."""
    aliases: list[Problem] = []
    nodes = 0
    for event in yaml.parse(text, Loader=Loader):
        if not isinstance(event, _NODE_EVENTS):
            continue
        nodes += 1
        if nodes > MAX_NODES:
            raise YamlRefused([_at(display, event, f"more than {MAX_NODES:,} values (keys, list items, "
                                                   f"texts); a pack may hold {MAX_NODES:,}: split it up")])
        if isinstance(event, AliasEvent):
            aliases.append(_at(display, event, f"alias *{event.anchor} is not allowed in packs; "
                                               f"write the value out"))
    if aliases:
        raise YamlRefused(aliases)


def _at(display: str, event, message: str) -> Problem:
    return Problem(display, event.start_mark.line + 1, event.start_mark.column + 1, message)


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
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or exc.context or "syntax error"
    if "'\\t'" in message or "\t" in message:
        message = "a tab is used for indentation; YAML needs spaces"
    elif "maximum nesting depth" in message:
        message = "nested too deeply"
    line = col = None
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1][:col]:
            message = "a tab is used for indentation; YAML needs spaces"
    return Problem(display, line, col, f"YAML syntax error: {_one_line(message)}")


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:200]


class _Walker:
    def __init__(self, display: str):
        self.display = display
        self.problems: list[Problem] = []

    def problem(self, node, message: str) -> None:
        self.problems.append(Problem(self.display, node.start_mark.line + 1,
                                     node.start_mark.column + 1, message))

    def walk(self, node, depth: int):
        if node.tag not in _STANDARD_TAGS:
            self.problem(node, f"tag {node.tag!r} is not allowed in packs; remove it")
            return None
        if depth > MAX_DEPTH:
            self.problem(node, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if isinstance(node, SequenceNode):
            return self._sequence(node, depth)
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        self.problem(node, "unsupported YAML node")
        return None

    def _sequence(self, node: SequenceNode, depth: int) -> YSeq:
        seq = YSeq()
        seq.pos = _pos(node)
        seq.item_pos = []
        seq.surprises = {}
        for item in node.value:
            value = self.walk(item, depth + 1)
            if isinstance(value, Surprise):
                seq.surprises[len(seq)] = value
                value = _surprise_value(item)
            seq.append(value)
            seq.item_pos.append(_pos(item))
        return seq

    def _mapping(self, node: MappingNode, depth: int) -> YMap:
        mapping = YMap()
        mapping.pos = _pos(node)
        mapping.key_pos = {}
        mapping.surprises = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _TAG + "merge":
                self.problem(key_node, "keys must be plain names (no merge keys, lists or mappings as keys)")
                continue
            key = key_node.value
            if key in mapping.key_pos:
                first = mapping.key_pos[key][0]
                self.problem(key_node, f"duplicate key {key!r} (first given on line {first})")
                continue
            value = self.walk(value_node, depth + 1)
            if isinstance(value, Surprise):
                mapping.surprises[key] = value
                value = _surprise_value(value_node)
            mapping[key] = value
            mapping.key_pos[key] = _pos(key_node)
        return mapping


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _scalar(node: ScalarNode):
    """Text stays text; a plain scalar read as anything else is a Surprise for the validator."""
    if node.tag == _STR or node.style:  # libyaml gives plain scalars style "", PyYAML None
        return node.value
    return Surprise(node.tag[len(_TAG):], node.value)


def _surprise_value(node: ScalarNode):
    tag = node.tag
    try:
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _scalars.construct_yaml_bool(node)
        if tag == _INT:
            return _scalars.construct_yaml_int(node)
        if tag == _FLOAT:
            return _scalars.construct_yaml_float(node)
    except (ValueError, yaml.YAMLError):
        pass
    return node.value  # timestamps stay raw text; the validator refuses them where text is meant
