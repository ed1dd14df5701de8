"""Loading and validating a 10,000-question pack vs parsing the same file with libyaml alone.

    python benchmarks/load.py [--questions N] [--repeats R]

Prints one table; the baseline (bare `yaml.load` with CSafeLoader) is measured in the same run,
alternating with the real loader, and each figure is the median of the repeats.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from game.packs import load_files  # noqa: E402


def synthetic_pack(count: int) -> str:
    lines = ["title: Ten thousand questions", "questions:"]
    for i in range(count):
        lines += [f"  - id: q-{i}",
                  f"    prompt: \"Question number {i}: which of these is the right answer?\"",
                  f"    choices: [\"Right {i}\", \"Wrong A {i}\", \"Wrong B {i}\", \"Wrong C {i}\"]",
                  f"    answer: \"Right {i}\"",
                  f"    explanation: \"Because {i} is what the facts say.\"",
                  "    difficulty: medium", "    spoiler: false"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        path.write_text(synthetic_pack(args.questions), encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        bare, ours = [], []
        for _ in range(args.repeats):
            start = time.perf_counter()
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
            bare.append(time.perf_counter() - start)
            start = time.perf_counter()
            library = load_files([path])
            ours.append(time.perf_counter() - start)
            assert library.packs and len(library.packs[0].questions) == args.questions
        size = path.stat().st_size
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"| figure | value | baseline | ratio | budget |")
    print(f"|---|---|---|---|---|")
    print(f"| load+validate {args.questions:,} questions ({size / 2**20:.1f} MiB) | {o * 1000:.0f} ms "
          f"| {b * 1000:.0f} ms (libyaml parse alone) | {o / b:.2f}x | <= 1.5x |")


if __name__ == "__main__":
    main()
