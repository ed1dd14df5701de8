"""Frame time of the desktop game, scene by scene, headless at 1280x720.

    .venv/bin/python benchmarks/ui_frames.py [--frames 300] [--size 1280x720] [--clock wall|cpu]

The scenes are those of `--screenshot` (the same seeded tour: title, setup, round card,
question, feedback, pause, results, scores, packs, settings, help, test mode, then a party of
four: party setup, party question, reveal, standings, podium). On each,
a frame is what the real loop does: handle events, `update(dt)`, `draw()`. The first
frames of a scene fill its text and font caches once and are not counted (the one-time
cost of opening packs and scores is in benchmarks/startup.py). The baseline, measured in
the same run and alternating frame by frame with each scene, is a bare frame: only the
background blit every scene starts with. Budget: p99 <= 2 ms (a 60 FPS frame has 16.7 ms).

Motion is on (the player's default): time moves 1 ms a frame, so a scene's animations (tiles
landing, the right answer's pulse, the count-up, the podium...) run through the whole
measurement; the "animating" column says on how many measured frames one was running.
`--clock cpu` times each frame with this thread's CPU time instead of the wall clock: on a
machine shared with other work, the wall clock's p99 measures the scheduler, not the frame.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame  # noqa: E402

from game.ui.app import start  # noqa: E402
from game.ui.screenshots import tour  # noqa: E402

WARM_UP_FRAMES = 10
BUDGET_MS = 2.0


def p99(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.99) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    options = parser.parse_args()
    width, height = (int(v) for v in options.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="osmosis-bench-") as data:  # never the player's settings
        return measure_tour(options, width, height, Path(data))


def measure_tour(options, width: int, height: int, data: Path) -> int:
    args = argparse.Namespace(command="play", test_mode=False, pack=None, frames=None, screenshot=None,
                               packs=[], data_dir=data)
    app = start(args)
    if (width, height) != app.window.get_size():
        app.window = pygame.display.set_mode((width, height), pygame.RESIZABLE)
        app.view.resize((width, height))

    def scene_frame():
        for event in pygame.event.get():
            app.handle(event)
        app.update(0.001)  # time barely moves: a timer must not run out while we measure
        app.draw()

    def bare_frame():
        pygame.event.get()
        app.background.draw(app.window, app.view)

    rows = []
    now = time.thread_time if options.clock == "cpu" else time.perf_counter

    def measure(name: str) -> None:
        for _ in range(WARM_UP_FRAMES):
            scene_frame()
        scene, bare, animating = [], [], 0
        for _ in range(options.frames):
            for frame, times in ((bare_frame, bare), (scene_frame, scene)):
                began = now()
                frame()
                times.append((now() - began) * 1000)
            motion = getattr(app.top, "motion", None)
            animating += bool(motion is not None and motion.busy)
        rows.append((name, statistics.median(scene), p99(scene), statistics.median(bare), p99(bare),
                     animating / options.frames))

    tour(app, measure)
    pygame.quit()
    print(f"{options.frames} frames per scene at {width}x{height}, after {WARM_UP_FRAMES} warm-up frames "
          f"({'thread CPU time' if options.clock == 'cpu' else 'wall clock'}, motion on).\n")
    print("| scene | p50 ms | p99 ms | bare p99 ms | p99 / bare p99 | animating |")
    print("|---|---|---|---|---|---|")
    for name, p50, p99_ms, _, bare_p99, animating in rows:
        print(f"| {name} | {p50:.3f} | {p99_ms:.3f} | {bare_p99:.3f} | {p99_ms / bare_p99:.1f}x | {animating:.0%} |")
    worst = max(rows, key=lambda row: row[2])
    verdict = "within budget" if worst[2] <= BUDGET_MS else "OVER BUDGET"
    print(f"worst p99: {worst[2]:.3f} ms ({worst[0]}); budget {BUDGET_MS} ms: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
