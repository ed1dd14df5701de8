"""What every importer shares: reading the input, the skip report, checking items
against the real pack format, and writing the pack without ever leaving half a file."""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import schema
from ..models import Library
from ..packs import _slug, display_path, library_files, load_files, read_pack_value
from ..yamlsafe import MAX_FILE_BYTES, Problem, YamlRefused, parse, read_text


# The pack format's longest id, read from the spec so an importer never makes one `check` refuses.
MAX_ID = schema.Slug().max_len


class InputError(Exception):
    """The input (or the output path) cannot be used at all: one line for the user."""

    def __init__(self, display: str, message: str, line: int | None = None):
        self.problem = Problem(display, line, None, message)
        super().__init__(self.problem_text)

    @property
    def problem_text(self) -> str:
        where = f"{self.problem.path}:{self.problem.line}" if self.problem.line else self.problem.path
        return f"{where}: {self.problem.message}"


@dataclass(frozen=True)
class Skip:
    line: int
    reason: str


@dataclass
class Draft:
    """An importer's result: the pack as plain data, and what was left out and why."""

    pack: dict
    header: str
    noun: str  # what `imported` counts: "questions", "trope examples"
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        """The questions and trope examples in the pack: what the report counts."""
        examples = sum(len(trope["examples"]) for trope in self.pack.get("tropes", ()))
        return len(self.pack.get("questions", ())) + examples


def add_question(draft: Draft, question: dict, line: int, first_line: dict[str, int]) -> bool:
    """Add `question` (read on `line`) to the draft's pack, or skip it with the reason: an
    earlier question with the same prompt (`first_line` maps each prompt added to its line;
    the loader would give both the same id), or what the pack format refuses. Its texts are
    set in the house style first, so an imported 'M*A*S*H' passes `check`'s editorial checks."""
    question = {name: _typeset_field(value) if name in _TEXT_FIELDS else value for name, value in question.items()}
    key = question["prompt"].casefold()
    if key in first_line:
        draft.skipped.append(Skip(line, f"the same question as line {first_line[key]}"))
        return False
    problems = format_problems(schema.QUESTION, question)
    if problems:
        draft.skipped.append(Skip(line, problems[0]))
        return False
    first_line[key] = line
    draft.pack["questions"].append(question)
    return True


_TEXT_FIELDS = frozenset({"prompt", "answer", "choices", "accepted", "explanation"})


def _typeset_field(value):
    if isinstance(value, str):
        return typeset(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [typeset(item) for item in value]
    return value


def curly_double_quotes(text: str) -> str:
    """Big "NO!" -> Big “NO!”: how the built-in packs write quotes, trope names included."""
    return re.sub(r'(^|[\s(\[—–-])"', "\\1“", text).replace('"', "”")


def typeset(text: str) -> str:
    """The house style of the built-in packs: curly quotes and apostrophes, single spaces, no
    space before punctuation."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = curly_double_quotes(text)
    text = re.sub(r"(^|[\s(\[—–-])'", "\\1‘", text)
    return text.replace("'", "’")


def slug(text: str) -> str:
    """The loader's own rule for turning a name into an id, so ids match what it derives."""
    return _slug(text)


def read_input(path: Path) -> tuple[str, str]:
    """(text, display) of an input file: strict UTF-8, size-capped, one-line errors that speak of
    the input file (the pack loader's own messages speak of packs)."""
    display = display_path(path)
    if path.is_dir():
        raise InputError(display, "is a folder, not a file")
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            start = stream.read(4)
    except OSError as exc:
        raise InputError(display, f"cannot read file: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise InputError(display, f"the input file is {size / 2**20:.1f} MiB; an input file can be at "
                                  f"most {MAX_FILE_BYTES // 2**20} MiB")
    if _is_utf16(start):
        raise InputError(display, "is UTF-16 text; save it as UTF-8 and import it again")
    try:
        text = read_text(path, display)
    except YamlRefused as exc:
        problem = exc.problems[0]
        raise InputError(display, problem.message, problem.line) from None
    if not text.strip():
        raise InputError(display, "is empty")
    return text, display


def _is_utf16(start: bytes) -> bool:
    """A UTF-16 byte-order mark, or the zero bytes UTF-16 puts beside every ASCII letter."""
    return start[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(start) == 4 and start.count(0) == 2
                                                        and (start[1] == 0 == start[3] or start[0] == 0 == start[2]))


def format_problems(spec: schema.Spec, value: dict) -> list[str]:
    """What the pack format says is wrong with one item (a question, a trope ...), checked by
    the very spec the loader uses, so an importer never writes an item `check` would refuse."""
    text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
    try:
        parsed = parse(text, "item")
    except YamlRefused as exc:
        return [p.message for p in exc.problems]
    messages: list[str] = []
    # Line numbers would point into the item's own YAML, not the user's file: drop them.
    spec.check(parsed, parsed.pos, None,
               lambda pos, message: messages.append(re.sub(r" \((also|first given) on line \d+\)", "", message)))
    return messages


def dump_pack(pack: dict, header: str) -> str:
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    body = yaml.safe_dump(pack, allow_unicode=True, sort_keys=False, width=100)
    return comment + "\n" + body


def write_pack(text: str, output: Path, force: bool, installed: Library) -> list[str]:
    """Write `text` to `output` atomically after the real loader accepted it beside `installed`
    (see `installed_packs`).

    Returns warnings: clashes with packs already installed, which would make `check` refuse
    one of the two while both are present. Raises InputError when nothing was written."""
    shown = display_path(output)
    if output.is_dir():  # before the exists check: --force cannot help here
        raise InputError(shown, "is a folder; give a file name such as my-pack.yaml")
    if output.exists() and not force:
        raise InputError(shown, "already exists; use --force to overwrite it")
    if not output.parent.is_dir():
        raise InputError(shown, f"folder {display_path(output.parent)} does not exist")
    # The temporary name ends in .tmp so a pack folder never picks it up as a pack.
    handle, temp_name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        # mkstemp makes the file private (0600); a pack is an ordinary file others may read.
        os.chmod(temp, 0o666 & ~_umask())
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        warnings = _problems_beside_installed(temp, output, installed)
        if warnings:
            # Refused beside the installed packs; still worth writing when its own structure is
            # sound (it may refer to installed characters, so it cannot be loaded alone).
            try:
                read_pack_value(temp)
            except YamlRefused as exc:
                raise InputError(shown, "the converted pack does not pass check (a bug in the importer): "
                                        + str(_renamed(exc.problems[0], shown))) from None
        os.replace(temp, output)
    except OSError as exc:
        raise InputError(shown, f"cannot write: {exc.strerror or exc}") from None
    finally:
        temp.unlink(missing_ok=True)
    return warnings


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def installed_packs(output: Path, extra_dirs=()) -> Library:
    """The library the game would load beside `output`; `output` itself is left out, since the
    new pack replaces it."""
    target = output.resolve()
    files = [f for f in library_files(extra_dirs) if f.resolve() != target]
    return load_files(files)


def _problems_beside_installed(temp: Path, output: Path, installed: Library) -> list[str]:
    together = load_files([temp], context=installed)
    return [str(_renamed(p, display_path(output))) for r in together.refused for p in r.problems]


def _renamed(problem: Problem, display: str) -> Problem:
    return Problem(display, problem.line, problem.col, problem.message)


def print_skips(draft: Draft, source_display: str) -> None:
    for skip in sorted(draft.skipped, key=lambda s: s.line):
        print(f"{source_display}:{skip.line}: skipped: {skip.reason}")


def print_report(draft: Draft, source_display: str, output_display: str, warnings: list[str]) -> None:
    print_skips(draft, source_display)
    for note in draft.notes:
        print(note)
    noun = draft.noun.removesuffix("s") if draft.imported == 1 else draft.noun
    print(f"{draft.imported} {noun} imported, {len(draft.skipped)} skipped -> {output_display}")
    if warnings:
        print(f"warning: {output_display} clashes with a pack already installed; `check` will refuse "
              f"one of them while both are there:")
        for warning in warnings[:10]:
            print(f"  {warning}")
        if len(warnings) > 10:
            print(f"  ... and {len(warnings) - 10} more")
