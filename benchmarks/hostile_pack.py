"""Hostile packs under the 8 MiB size cap: what `check` and `packs` cost on them.

    python benchmarks/hostile_pack.py [--items N] [--repeats R] [--no-full-load]

Two files: `questions` as one flow list of `1,` items filling the size cap (4,194,290 items),
and `questions` as 20,000-odd lists of fourteen `1`s, just under the value cap (the most a
pack can make the loader build and check). For each, `python main.py check FILE` (and for the
first `packs --packs DIR`) is timed, with the lines and bytes it prints, against libyaml's own
work on the same text measured in the same run: the bare event parse (`yaml.parse` with the C
parser, nothing built) and, unless --no-full-load, PyYAML's C-backed `yaml.load`. The event
parse and each command alternate R times (default 3) and each figure is the median, so a busy
core moves both sides alike.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from game import yamlsafe  # noqa: E402

HEAD = "title: Hostile\nquestions: ["
TAIL = "1]\n"
NESTED_ITEMS = 14  # a list of fourteen 1s is fifteen values


def flat_text(items: int | None) -> str:
    """`questions` as one flow list of `1,`: as many as fit under the size cap by default."""
    if items is None:
        items = (yamlsafe.MAX_FILE_BYTES - len(HEAD) - len(TAIL)) // 2 + 1
    return HEAD + "1," * (items - 1) + TAIL


def nested_text() -> str:
    """As many lists of NESTED_ITEMS `1`s as stay under the value cap (5 values come before)."""
    lists = (getattr(yamlsafe, "MAX_NODES", 300_000) - 5) // (NESTED_ITEMS + 1)
    row = "  - [" + ", ".join(["1"] * NESTED_ITEMS) + "]\n"
    return "title: Hostile\nquestions:\n" + row * lists


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run_command(args: list[str], home: Path, out_file: Path) -> dict:
    """Run `python main.py ARGS` with its own empty user folders; its output goes to a file."""
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"), PYTHONDONTWRITEBYTECODE="1")
    with open(out_file, "wb") as out:
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], stdout=out,
                                stderr=subprocess.STDOUT, env=env)
        seconds = time.perf_counter() - start
    lines = 0
    first = ""
    with open(out_file, "rb") as printed:
        for line in printed:
            if lines < 3:
                first += line.decode("utf-8", "replace")
            lines += 1
    return dict(seconds=seconds, lines=lines, bytes=out_file.stat().st_size, exit=result.returncode,
                first=first.rstrip())


def measure(name: str, text: str, tmp: Path, full_load: bool, with_packs: bool,
            repeats: int) -> tuple[list[str], str]:
    """Table rows for one file, and the first lines `check` printed on it."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    folder = tmp / name
    folder.mkdir()
    pack = folder / f"{name}.yaml"
    pack.write_text(text, encoding="utf-8")
    commands = [("check FILE", ["check", str(pack)])]
    if with_packs:
        commands.append(("packs --packs DIR", ["packs", "--packs", str(folder)]))
    parses: list[float] = []
    runs: dict[str, list[dict]] = {label: [] for label, _ in commands}
    for _ in range(repeats):  # alternating: a busy moment slows the baseline and the commands alike
        parses.append(timed(lambda: sum(1 for _ in yaml.parse(text, Loader=loader))))
        for label, args in commands:
            runs[label].append(run_command(args, tmp, tmp / f"{name}.out"))
    events = statistics.median(parses)
    rows = [f"| {name}: libyaml event parse (baseline) | {events:.2f} s | 1.00x | - | - |"]
    if full_load:
        full = timed(lambda: yaml.load(text, Loader=loader))
        rows.append(f"| {name}: PyYAML yaml.load, CSafeLoader | {full:.2f} s | {full / events:.2f}x | - | - |")
    for label, _ in commands:
        figures = runs[label][-1]
        seconds = statistics.median(run["seconds"] for run in runs[label])
        rows.append(f"| {name}: {label} | {seconds:.2f} s | {seconds / events:.2f}x "
                    f"| {figures['lines']:,} lines, {figures['bytes']:,} bytes | {figures['exit']} |")
        if label.startswith("check"):
            checked = figures["first"]
    return rows, checked


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=None, help="flat list items (default: fill the 8 MiB cap)")
    parser.add_argument("--repeats", type=int, default=3, help="alternating runs; figures are medians")
    parser.add_argument("--no-full-load", action="store_true", help="skip the yaml.load baseline")
    args = parser.parse_args()
    flat, nested = flat_text(args.items), nested_text()
    print(f"flat: {len(flat):,} bytes, {flat.count('1'):,} list items; "
          f"nested: {len(nested):,} bytes, {nested.count('1'):,} numbers in lists of {NESTED_ITEMS}\n")
    print("| figure | time | vs libyaml event parse | output | exit |")
    print("|---|---|---|---|---|")
    printed = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, text, with_packs in (("flat", flat, True), ("nested", nested, False)):
            rows, checked = measure(name, text, Path(tmp), not args.no_full_load, with_packs, args.repeats)
            print("\n".join(rows))
            printed.append(f"check on {name}:\n{checked.replace(tmp, 'TMP')}")
    print("\n" + "\n\n".join(printed))


if __name__ == "__main__":
    main()
