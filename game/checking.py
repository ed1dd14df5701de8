"""`check` and `packs`: what a pack author runs to see whether packs load, and why not."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .models import Library
from .packs import display_path, file_key, find_pack_files, library_files, load_files, load_library


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
        library = load_library(args.packs)
    for refused in library.refused:
        for problem in refused.problems:
            print(problem)
    for pack in library.packs:
        print(f"ok  {display_path(pack.path)}: {_counts(pack)}")
    for folder in empty_folders:  # named on purpose, so finding nothing there is worth saying
        print(f"{display_path(folder)}: a folder with no packs in it (packs are .yaml or .yml files)")
    total = len(library.packs) + len(library.refused)
    if total:
        problems = sum(1 + p.more for r in library.refused for p in r.problems)
        print(f"{_plural(total, 'pack')} checked: {len(library.packs)} valid, "
              f"{len(library.refused)} refused, {_plural(problems, 'problem')}")
    elif not empty_folders:
        print("no packs found")
    return 1 if library.refused or empty_folders or not total else 0


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
