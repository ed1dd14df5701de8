"""`check` and `packs`: what a pack author runs to see whether packs load, and why not."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from typing import Iterable

from .editorial import RULES, check_questions, check_quiz
from .generator import Generator
from .models import FactBase, Library, Question
from .packs import display_path, file_key, find_pack_files, library_files, load_files, load_library
from .schema import DIFFICULTIES
from .yamlsafe import Problem, one_per_kind

# Seeded quizzes per setting that `check` composes to run the quiz checks on: a few, since each
# is built from questions the pool has already built, and the composer follows the same rules.
QUIZ_SEEDS = range(3)
QUIZ_LENGTH = 20
SETTINGS = tuple((difficulty, spoilers) for difficulty in DIFFICULTIES for spoilers in (True, False))


def run(args) -> int:
    return check(args) if args.command == "check" else list_packs(args)


def check(args) -> int:
    empty_folders: list[Path] = []
    if args.paths:
        # lexists: a symlink loop is there, and loading it says it is a loop.
        missing = [p for p in args.paths if not os.path.lexists(p)]
        if missing:
            print(f"osmosis-quiz check: no such file or folder: {missing[0]}", file=sys.stderr)
            return 2
        empty_folders = [p for p in args.paths if p.is_dir() and not find_pack_files([p])]
        files = find_pack_files(args.paths)
        # Checked beside every other pack the game would load with it: their ids may be referred
        # to and must not be taken again.
        context = _context_for(files, args.packs)
        library = load_files(files, context=context)
    else:
        library = context = load_library(args.packs)
    # The questions the valid packs generate, each pack beside the packs it may build on.
    everything = Library(library.packs + tuple(p for p in context.packs if p not in library.packs))
    flawed = editorial_problems(everything, {pack.id for pack in library.packs})
    for refused in library.refused:
        for problem in refused.problems:
            print(problem)
    for problem in flawed:
        print(problem)
    for pack in library.packs:
        count = sum(1 + p.more for p in flawed if p.path == display_path(pack.path))
        if count:
            print(f"{display_path(pack.path)}: loads, but the questions built from it have "
                  f"{_plural(count, 'editorial problem')} (above)")
        else:
            print(f"ok  {display_path(pack.path)}: {_counts(pack)}")
    for folder in empty_folders:  # named on purpose, so finding nothing there is worth saying
        print(f"{display_path(folder)}: a folder with no packs in it (packs are .yaml or .yml files)")
    total = len(library.packs) + len(library.refused)
    if total:
        problems = sum(1 + p.more for r in library.refused for p in r.problems)
        problems += sum(1 + p.more for p in flawed)
        print(f"{_plural(total, 'pack')} checked: {len(library.packs)} valid, "
              f"{len(library.refused)} refused, {_plural(problems, 'problem')}")
    elif not empty_folders:
        print("no packs found")
    return 1 if library.refused or flawed or empty_folders or not total else 0


def editorial_problems(library: Library, pack_ids: Iterable[str] | None = None) -> tuple[Problem, ...]:
    """What the editorial checks (game/editorial.py) find in the questions the packs `pack_ids`
    (default: every pack of `library`) generate, each with the other packs of `library` it builds
    on: the whole pool at every difficulty, spoilers on and off (a pack of questions only: as
    written), and a few seeded quizzes. Each
    problem points at the pack entry the question was built from (or its pack file's line 1),
    repeated problems of one kind grouped as `one_per_kind` does."""
    wanted = set(pack_ids) if pack_ids is not None else {pack.id for pack in library.packs}
    files = {pack.id: display_path(pack.path) for pack in library.packs}
    found: dict[Problem, None] = {}  # in the order found, each once whatever the setting
    for pack in library.packs:
        if pack.id not in wanted:
            continue
        facts = library.only({pack.id}).facts
        # A pack of questions only: its own questions (the facts it leans on are checked with their
        # pack), shown as written at hard with spoilers on; every other setting only drops choices
        # or questions, and building a big pack's pool six times would make check several times slower.
        kinds, settings = (None, SETTINGS) if pack.is_fact_pack else (("pack",), (("hard", True),))
        checked: set[Question] = set()
        for difficulty, spoilers in settings:
            generator = Generator(facts, difficulty, spoilers)
            pool = generator.pool(kinds)
            by_id = {question.id: question for question in pool}
            problems = check_questions([q for q in pool if q not in checked], facts)
            checked.update(pool)  # spoilers off mostly repeats questions already checked
            for seed in QUIZ_SEEDS:
                problems += check_quiz(generator.quiz(QUIZ_LENGTH, seed, kinds))
            for problem in problems:
                question = by_id[problem.question]
                path, (line, col) = _place_of(question, facts, files, files[pack.id])
                found.setdefault(Problem(path, line, col, f"{RULES[problem.rule]}: {problem.message!r} "
                                                          f"(question {problem.question!r})"))
    by_file: dict[str, list[Problem]] = {}
    for problem in sorted(found, key=lambda p: (p.line, p.col)):
        by_file.setdefault(problem.path, []).append(problem)
    return tuple(grouped for problems in by_file.values() for grouped in one_per_kind(problems))


def _place_of(question: Question, facts: FactBase, files: dict[str, str], fallback: str):
    """The file and (line, column) of the pack entry a question was built from: the first of its
    grounds found, else a trope or character it names, else line 1 of its pack's file."""
    for ground in question.grounds:
        kind, _, rest = ground.partition(":")
        entry, pack = None, ""
        if kind == "example":
            trope_id, _, number = rest.rpartition(":")
            trope = facts.tropes.get(trope_id)
            if trope is not None and number.isdigit() and 0 < int(number) <= len(trope.examples):
                entry, pack = trope.examples[int(number) - 1], trope.pack
        elif kind == "pair":
            one, _, other = rest.partition(":")
            for owner, with_ in ((one, other), (other, one)):
                character = facts.characters.get(owner)
                tie = next((r for r in character.relationships if r.other == with_), None) if character else None
                if tie is not None:
                    entry, pack = tie, character.pack
                    break
        elif kind == "character" and rest in facts.characters:
            entry = facts.characters[rest]
            pack = entry.pack
        else:
            items = {"reveal": facts.reveals, "herring": facts.red_herrings, "pack": facts.questions}.get(kind, ())
            entry = next((item for item in items if item.id == rest), None)
            pack = getattr(entry, "pack", "")
        if entry is not None and pack in files:
            return files[pack], entry.pos
    labels = dict(question.facts)
    for label, named in (("trope", facts.tropes.values()), ("character", facts.characters.values())):
        entry = next((item for item in named if item.name == labels.get(label)), None)
        if entry is not None and entry.pack in files:
            return files[entry.pack], entry.pos
    return files.get(question.pack, fallback), (1, 1)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _context_for(files: list[Path], extra: list[Path]) -> Library:
    checked = {file_key(f) for f in files}
    return load_files([f for f in library_files(extra) if file_key(f) not in checked])


def list_packs(args) -> int:
    library = load_library(args.packs)
    if library.packs:
        print(f"{'pack':<22} {'chars':>5} {'tropes':>6} {'questions':>9}  title / file")
    for pack in library.packs:
        print(f"{pack.id:<22} {len(pack.characters):>5} {len(pack.tropes):>6} {len(pack.questions):>9}  "
              f"{pack.title}\n{'':<46}{display_path(pack.path)}")
    for refused in library.refused:
        print(f"refused: {refused.reason}")  # the reason starts with the file and line
    if not library.packs and not library.refused:
        print("no packs found")
    return 0


def _counts(pack) -> str:
    return (f"{len(pack.characters)} characters, {len(pack.tropes)} tropes, "
            f"{len(pack.reveals)} reveals, {len(pack.questions)} questions")
