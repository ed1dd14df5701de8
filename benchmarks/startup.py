"""Start to first frame, and peak memory, of the game vs a bare pygame-ce window.

    .venv/bin/python benchmarks/startup.py [--runs 15]

Each run is a fresh Python process, headless (SDL dummy drivers). The clock starts just
before the process is spawned and stops when the process presents its first frame
(`pygame.display.flip`, recorded by a wrapper so the game carries no benchmark hook).
The baseline is a bare pygame-ce window that draws one line of text; the two are run
alternately and the medians compared. Peak memory is the child's maximum resident set
size: the bare window vs a whole headless game (the seeded tour of `--screenshot`, 30 frames
on every scene: title, setup, a game through results and name entry, scores, packs...).
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

ROOT = Path(__file__).resolve().parent.parent

# Runs in the child: stop the clock at the first flip, then let the program finish.
FIRST_FLIP = """
import os, sys, time, pygame
_flip = pygame.display.flip
def flip(*args):
    if not getattr(flip, "done", False):
        flip.done = True
        os.write(int(os.environ["BENCH_FD"]), repr(time.time()).encode())
    return _flip(*args)
pygame.display.flip = flip
"""

BARE = """
import pygame
pygame.init()
window = pygame.display.set_mode((1280, 720))
font = pygame.font.Font(None, 32)
window.blit(font.render("Osmosis Quiz", True, (255, 255, 255)), (20, 20))
pygame.display.flip()
pygame.quit()
"""

WHOLE_GAME = f"""
import argparse, sys, tempfile
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
from game.ui.app import start
from game.ui.screenshots import tour
def frame(name):
    for _ in range(30):
        app.update(1 / 60)
        app.draw()
with tempfile.TemporaryDirectory() as data:
    app = start(argparse.Namespace(command="play", test_mode=False, pack=None, frames=None,
                                   screenshot=None, packs=[], data_dir=Path(data)))
    tour(app, frame)
"""

GAME = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
sys.argv = ["main.py"] + sys.argv[1:]
from game.cli import main
raise SystemExit(main())
"""


def child_env() -> dict[str, str]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    # A player's Python caches compiled modules; measure that, not a recompile on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def first_frame(program: str, argv: list[str]) -> float:
    """Seconds from spawning `program` to its first flip."""
    read_end, write_end = os.pipe()
    env = child_env()
    env["BENCH_FD"] = str(write_end)
    start = time.time()
    process = subprocess.Popen([sys.executable, "-c", FIRST_FLIP + program, *argv], env=env,
                               pass_fds=(write_end,), cwd=ROOT)
    os.close(write_end)
    stamp = os.read(read_end, 64)
    os.close(read_end)
    if process.wait() != 0 or not stamp:
        raise SystemExit(f"benchmark child failed: {program[:40]!r} {argv}")
    return float(stamp) - start


def peak_memory_kib(program: str, argv: list[str]) -> int:
    process = subprocess.Popen([sys.executable, "-c", program, *argv], env=child_env(), cwd=ROOT,
                               stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"benchmark child failed: {argv}")
    return usage.ru_maxrss  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    data = tempfile.TemporaryDirectory(prefix="osmosis-bench-")
    # As a player starts it: no --data-dir, so the user data folder is looked up (in a
    # throwaway XDG_DATA_HOME, which --frames 1 only reads: it stops before anything is saved).
    os.environ["XDG_DATA_HOME"] = data.name
    game_argv = ["--frames", "1"]
    bare_times, game_times = [], []
    first_frame(BARE, []), first_frame(GAME, game_argv)  # warm the disk cache for both
    for _ in range(args.runs):
        bare_times.append(first_frame(BARE, []))
        game_times.append(first_frame(GAME, game_argv))
    bare, game = statistics.median(bare_times), statistics.median(game_times)
    bare_mem = statistics.median(peak_memory_kib(BARE, []) for _ in range(3))
    game_mem = statistics.median(peak_memory_kib(WHOLE_GAME, []) for _ in range(3))
    data.cleanup()
    print("| figure | game | baseline | ratio | budget |")
    print("|---|---|---|---|---|")
    print(f"| start to first frame (median of {args.runs}, alternating) | {game * 1000:.0f} ms "
          f"| {bare * 1000:.0f} ms (bare window, one line of text) | {game / bare:.2f}x | <= 1.3x |")
    print(f"| peak memory, whole headless game vs bare window | {game_mem / 1024:.1f} MiB "
          f"| {bare_mem / 1024:.1f} MiB | {game_mem / bare_mem:.2f}x | <= 2x |")


if __name__ == "__main__":
    main()
