"""Safe, bounded YAML reading that keeps line numbers.

PyYAML's own `safe_load` is not enough for packs written by anyone: it keeps the
last of two duplicate keys silently, reads `no` as False and `1:20` as 80, and an
alias bomb composes cheaply but explodes when walked. So we only *compose* (C
libyaml when present), then walk the node tree ourselves: refusing aliases and
custom tags, flagging duplicate keys, noting YAML 1.1 surprises, and recording
where every value came from so that errors can say `file:line:col`.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32

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

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


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
        if size > MAX_FILE_BYTES:
            raise YamlRefused([Problem(display, None, None,
                                       f"file is {size / 2**20:.1f} MiB; packs are limited to "
                                       f"{MAX_FILE_BYTES // 2**20} MiB")])
        data = path.read_bytes()
    except OSError as exc:
        raise YamlRefused([Problem(display, None, None, f"cannot read file: {exc.strerror or exc}")])
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
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlRefused([_syntax_problem(exc, display, text)])
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
        self.seen: set[int] = set()

    def problem(self, node, message: str) -> None:
        self.problems.append(Problem(self.display, node.start_mark.line + 1,
                                     node.start_mark.column + 1, message))

    def walk(self, node, depth: int):
        if id(node) in self.seen:
            # An alias yields the very same node object again.
            self.problem(node, "aliases (*name) are not allowed in packs; write the value out")
            return None
        self.seen.add(id(node))
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
