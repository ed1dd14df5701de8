"""Mutation testing of the core modules: do the tests notice a small bug in each line?

mutmut makes one small change at a time (`<` for `<=`, `+ 1`, a dropped call, ...) and runs the
tests that reach the changed function; a change no test notices "survives". Every survivor is
either killed by a new test or listed as equivalent (it cannot change what a player sees) in
tests/MUTATION.md.

    .venv/bin/pip install -e '.[mutation]'
    .venv/bin/python benchmarks/mutation.py                 # every core module, in turn
    .venv/bin/python benchmarks/mutation.py engine text     # some of them
    .venv/bin/python benchmarks/mutation.py generator --keep out/mutation/work
                                                    # a long run: watch it, stop it, resume it

Each module runs in a fresh copy of the working tree (tracked and new files, not ignored ones)
with mutmut's settings written into that copy's pyproject.toml: the module to mutate and only
the test files that exercise it, so a mutant in `text.py` never waits for the UI tests.
With --keep DIR the copy is DIR/<module> and stays, so `mutmut results` can be read there while
it runs and a stopped run resumes where it was. A resumed run re-checks only the mutants of
functions whose code changed: a mutant checked before keeps its old result even when tests added
since would kill it. After adding tests, name those mutants again with --mutants, or delete
DIR/<module>/mutants to start over.
Nothing is written to the working tree but the report: out/mutation/<module>.txt lists each
survivor with its diff, and the score table is printed at the end. Not run in CI: the whole
set takes the better part of an hour on two cores (see the README's development section).
"""
from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "out" / "mutation"

PACK_TESTS = ["tests/test_packs.py", "tests/test_hostile_packs.py", "tests/test_schema.py"]

# Tests deselected under mutation, with why: each is slow, and a faster test reaches the same code.
LEFT_OUT = [
    # `check` in a child process: mutmut cannot see which functions a child calls, so these would
    # never be picked for a mutant anyway; they only cost the first, whole run.
    "tests/test_packs.py::test_check_reports_what_the_questions_built_from_a_pack_get_wrong_at_the_entry_they_come_from",
    "tests/test_packs.py::test_check_passes_the_shipped_packs_through_the_real_command_editorial_checks_and_all",
    "tests/test_packs.py::test_check_never_prints_a_traceback_on_hostile_files",
    "tests/test_packs.py::test_check_refuses_files_that_are_not_files_without_hanging",
    # 5,000 nested lists through PyYAML's pure-Python parser (20 s): the libyaml case and
    # test_nesting_deeper_than_the_cap_but_parseable reach the same lines.
    "tests/test_packs.py::test_nesting_too_deep[pure-python]",
    # 300,000 values (5 s, and far more through mutmut's trampolines): the cap's message and its
    # exact boundary are tested with a cap of 10 in test_a_pack_of_exactly_the_value_cap_loads...
    "tests/test_hostile_packs.py::test_a_pack_past_the_value_cap_is_refused_at_the_cap_in_one_line",
]

# module -> (files to mutate, as mutmut globs; the test files that exercise them)
MODULES: dict[str, tuple[list[str], list[str]]] = {
    "engine": (["game/engine.py"], ["tests/test_engine.py"]),
    # Party mode's engine (PartyGame on the engine's BaseGame): rounds and scoring like the engine.
    "party": (["game/party.py"], ["tests/test_party.py"]),
    "text": (["game/text.py"], ["tests/test_text.py", "tests/test_terminal.py",
                                "tests/test_generator.py::test_typed_names_take_aliases_and_small_typos_but_never_"
                                "another_characters_name"]),
    # The pack reader: real pack files through load_files and `check`, in-process. The hypothesis
    # fuzz tests (tests/test_pack_fuzz.py) are left out: they assert only "a pack or a clean
    # refusal", and 450 random files per mutant made a run take a minute a mutant.
    "packs": (["game/packs.py"], PACK_TESTS),
    "yamlsafe": (["game/yamlsafe.py"], PACK_TESTS),
    "storage": (["game/storage.py"], ["tests/test_storage.py"]),
    "terminal": (["game/terminal.py"], ["tests/test_terminal.py"]),
    "ui/actions": (["game/ui/actions.py"], ["tests/test_ui_actions.py", "tests/test_ui_flow.py"]),
    # test_party_input.py drives every key and button directly in a second; the whole-window
    # party tests stay selected for what they add, but take a minute a run on a shared machine.
    "ui/party_input": (["game/ui/party_input.py"], ["tests/test_party_input.py", "tests/test_ui_party.py"]),
    "editorial": (["game/editorial.py"], ["tests/test_editorial.py"]),
    # Last, and long (about 1,800 mutants): sample it with --mutants, or run it with --keep.
    "generator": (["game/generator/*"], ["tests/test_generator.py", "tests/test_export.py",
                                         "tests/test_editorial.py", "tests/test_question_kinds.py"]),
}
DETECTED = ("killed", "timeout", "caught by type check")


def working_tree_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    return [Path(name) for name in listed if name and (ROOT / name).is_file()]


def copy_tree(into: Path) -> None:
    for relative in working_tree_files():
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, target)


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def configure(copy: Path, mutate: list[str], tests: list[str]) -> None:
    """mutmut reads its settings from pyproject.toml only: the copy's (just copied afresh) gets
    them appended.

    Each mutant's tests run in a process forked from a fork server that has only collected the
    tests, not from mutmut's main process (the default, "fork"), which has run them all once:
    there the tests' caches (the generator tests keep one Generator per setting, its questions
    built) hold what the unmutated code computed, and a mutant in the code that filled them
    "survives" tests that do fail on it."""
    files = {test.split("::")[0] for test in tests}
    deselect = [arg for test in LEFT_OUT if test.split("::")[0] in files for arg in ("--deselect", test)]
    settings = f"""
[tool.mutmut]
process_isolation = "forkserver"
source_paths = ["game/"]
only_mutate = {toml_list(mutate)}
also_copy = ["questions/", "assets/", "main.py"]
pytest_add_cli_args = {toml_list(["-x", "-q", "-p", "no:cacheprovider", *deselect])}
pytest_add_cli_args_test_selection = {toml_list(tests)}
"""
    with (copy / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(settings)
    with (copy / "tests" / "conftest.py").open("a", encoding="utf-8") as handle:
        handle.write(FRESH_CACHES_FOR_STATS)


# mutmut runs a mutant against the tests that reached its function when it ran them all once
# ("stats"). A test served a Generator that an earlier test built and cached never reaches the
# code that built it, so a mutant there would not be run against it (the choice-count and
# pool-shuffle tests were left out of every Kit.question mutant's run). While mutmut records
# stats, every test starts with the project's caches empty.
FRESH_CACHES_FOR_STATS = """

# Added by benchmarks/mutation.py to its working copy only (see FRESH_CACHES_FOR_STATS there).
def pytest_runtest_setup(item):
    import functools, os, sys
    if os.environ.get("MUTANT_UNDER_TEST") != "stats":
        return
    here = os.getcwd()
    for module in list(sys.modules.values()):
        if (getattr(module, "__file__", None) or "").startswith(here):
            for value in list(vars(module).values()):
                if isinstance(value, functools._lru_cache_wrapper):
                    value.cache_clear()
"""


def mutmut(copy: Path, *args: str, log=None) -> str:
    done = subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=copy, text=True,
                          stdout=log or subprocess.PIPE, stderr=subprocess.STDOUT)
    return done.stdout or ""


# `mutmut show` for every survivor in one process: a process per mutant takes seconds each.
SHOW = """
import sys
from mutmut.__main__ import find_mutant, get_diff_for_mutant
for name in sys.argv[1:]:
    print(f"# {name}")
    print(get_diff_for_mutant(name, path=find_mutant(name).path))
"""


def diffs(copy: Path, mutants: list[str]) -> str:
    if not mutants:
        return ""
    return subprocess.run([sys.executable, "-c", SHOW, *mutants], cwd=copy, text=True, capture_output=True).stdout


def scratch_copy(name: str, keep: Path | None):
    """Where a module's mutants are made: a temporary folder, or a kept one under `keep`."""
    if keep is None:
        return tempfile.TemporaryDirectory(prefix="osmosis-mutation-")
    folder = keep / name.replace("/", "-")
    folder.mkdir(parents=True, exist_ok=True)
    return contextlib.nullcontext(str(folder))


def run_module(name: str, max_children: int, patterns: list[str],
               keep: Path | None = None) -> tuple[Counter, float, list[str]]:
    mutate, tests = MODULES[name]
    with scratch_copy(name, keep) as scratch:
        copy = Path(scratch)
        copy_tree(copy)  # copy2 keeps times: mutmut remakes only the mutants of changed files
        configure(copy, mutate, [t for t in tests if (copy / t.split("::")[0]).exists()])
        REPORTS.mkdir(parents=True, exist_ok=True)
        slug = name.replace("/", "-")
        started = time.perf_counter()
        with (REPORTS / f"{slug}.log").open("w", encoding="utf-8") as log:
            mutmut(copy, "run", "--max-children", str(max_children), *patterns, log=log)
        seconds = time.perf_counter() - started
        statuses = Counter()
        survivors = []
        for line in mutmut(copy, "results", "--all", "true").splitlines():
            match = re.match(r"\s+(\S+): (.+)$", line)
            if match and match[2] != "not checked":  # left out of a sample (--mutants)
                statuses[match[2]] += 1
                if match[2] not in DETECTED:
                    survivors.append(match[1])
        (REPORTS / f"{slug}.txt").write_text(diffs(copy, survivors), encoding="utf-8")
    return statuses, seconds, survivors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"any of {', '.join(MODULES)} (default: all, in that order)")
    parser.add_argument("--max-children", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--mutants", action="append", default=[], metavar="GLOB",
                        help="only mutants whose name matches, e.g. 'game.generator.kinds.*' (repeatable)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="run each module in DIR/<module> and keep it: watch with `mutmut results` "
                             "there, and a second run resumes (old results kept for unchanged functions)")
    args = parser.parse_args()
    unknown = [name for name in args.modules if name not in MODULES]
    if unknown:
        parser.error(f"unknown module {unknown[0]!r}; choose from {', '.join(MODULES)}")
    rows = []
    for name in args.modules or MODULES:
        statuses, seconds, survivors = run_module(name, args.max_children, args.mutants, args.keep)
        total = sum(statuses.values())
        detected = sum(statuses[s] for s in DETECTED)
        rows.append((name, total, detected, total - detected, seconds))
        print(f"{name}: {detected}/{total} detected in {seconds:.0f} s; {dict(statuses)}", flush=True)
        for mutant in survivors:
            print(f"  {mutant}")
    print("\n| module | mutants | detected | not detected | score | time |\n|---|---|---|---|---|---|")
    for name, total, detected, missed, seconds in rows:
        score = f"{100 * detected / total:.1f}%" if total else "n/a"
        print(f"| {name} | {total} | {detected} | {missed} | {score} | {seconds / 60:.1f} min |")
    print(f"\nSurvivors with their diffs: {REPORTS.relative_to(ROOT)}/<module>.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
