"""A hostile pack just under the size cap: `questions` is one flow list of millions of `1,`.

    python benchmarks/hostile_pack.py [--items N] [--no-full-load]

Times `python main.py check FILE` and `python main.py packs --packs DIR` on it (wall time,
lines and bytes printed) against libyaml's own work on the same text, measured in
the same run: the bare event parse (`yaml.parse` with the C parser, nothing built) and, unless
--no-full-load, PyYAML's C-backed `yaml.load` (every node built and constructed). By default
the list has as many items as fit under the 8 MiB cap (4,194,294 at the time of writing).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from game.yamlsafe import MAX_FILE_BYTES  # noqa: E402

HEAD = "title: Hostile\nquestions: ["
TAIL = "1]\n"


def hostile_text(items: int | None) -> str:
    if items is None:  # as many `1,` as fit under the cap
        items = (MAX_FILE_BYTES - len(HEAD) - len(TAIL)) // 2 + 1
    return HEAD + "1," * (items - 1) + TAIL


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
    return dict(seconds=seconds, lines=lines, bytes=out_file.stat().st_size, exit=result.returncode, first=first.rstrip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=None, help="list items (default: fill the 8 MiB cap)")
    parser.add_argument("--no-full-load", action="store_true", help="skip the yaml.load baseline")
    args = parser.parse_args()
    text = hostile_text(args.items)
    items = text.count("1")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "packs"
        folder.mkdir()
        pack = folder / "hostile.yaml"
        pack.write_text(text, encoding="utf-8")
        events = timed(lambda: sum(1 for _ in yaml.parse(text, Loader=loader)))
        full = None if args.no_full_load else timed(lambda: yaml.load(text, Loader=loader))
        check = run_command(["check", str(pack)], Path(tmp), Path(tmp) / "check.out")
        packs = run_command(["packs", "--packs", str(folder)], Path(tmp), Path(tmp) / "packs.out")
    print(f"hostile pack: {len(text):,} bytes ({len(text) / 2**20:.2f} MiB), {items:,} list items\n")
    print("| figure | time | vs libyaml event parse | output | exit |")
    print("|---|---|---|---|---|")
    print(f"| libyaml event parse (baseline) | {events:.2f} s | 1.00x | - | - |")
    if full is not None:
        print(f"| PyYAML yaml.load, CSafeLoader | {full:.2f} s | {full / events:.2f}x | - | - |")
    for name, figures in (("check FILE", check), ("packs --packs DIR", packs)):
        print(f"| {name} | {figures['seconds']:.2f} s | {figures['seconds'] / events:.2f}x "
              f"| {figures['lines']:,} lines, {figures['bytes']:,} bytes | {figures['exit']} |")
    print(f"\nfirst lines of check:\n{check['first']}")


if __name__ == "__main__":
    main()
