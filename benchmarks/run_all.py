"""Every benchmark, one after the other, as one report (the README's Performance section).

    .venv/bin/python benchmarks/run_all.py

Each script measures its own baseline in the same run (a bare pygame-ce window, a bare
frame, the libyaml parse, the 1x pack) and prints ratios against it; see each script's
docstring for what exactly is timed. Run on an otherwise idle machine: the figures are
medians, but a busy core still moves them.
"""
from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    ("Start to first frame and peak memory", "startup.py", []),
    ("Frame time per scene (1280x720, headless)", "ui_frames.py", []),
    ("Quiz generation", "generate.py", []),
    ("Loading a 10,000-question pack", "load.py", []),
    ("Phones as buzzers (20 phones on loopback)", "phone.py", []),
    ("A hostile pack: four million list items under the size cap", "hostile_pack.py", ["--no-full-load"]),
]


def main() -> int:
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}.\n")
    failed = 0
    for title, script, args in SCRIPTS:
        print(f"### {title}\n")
        result = subprocess.run([sys.executable, str(HERE / script), *args], capture_output=True, text=True)
        report = result.stdout.rstrip()
        if "|---" not in report:  # not a Markdown table: keep its columns lined up
            report = f"```\n{report}\n```"
        print(report + "\n")
        if result.returncode != 0:
            failed += 1
            print(f"({script} failed: {result.stderr.strip().splitlines()[-1:]})\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
