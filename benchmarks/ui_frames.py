"""Frame time of the desktop game, scene by scene, headless at 1280x720.

    .venv/bin/python benchmarks/ui_frames.py [--frames 600] [--size 1280x720]

For each scene a frame is what the real loop does: handle the (no) events, `update(dt)`,
`draw()`. The baseline, measured in the same run, is a bare frame: only the background blit
every scene starts with. Printed: p50 and p99 in milliseconds and p99 as a ratio of the
baseline's p99. The budget is p99 <= 2 ms per frame (a 60 FPS frame has 16.7 ms).
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
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import pygame  # noqa: E402

from conftest import play_args  # noqa: E402
from game.engine import Settings  # noqa: E402
from game.ui.app import start  # noqa: E402
from game.ui.scenes import menus, play  # noqa: E402
from game.ui.scenes.title import TitleScene  # noqa: E402


def timed_frames(app, frames: int, frame) -> list[float]:
    times = []
    for _ in range(frames):
        began = time.perf_counter()
        frame()
        times.append((time.perf_counter() - began) * 1000)
    return times


def p99(times: list[float]) -> float:
    return sorted(times)[int(len(times) * 0.99) - 1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--size", default="1280x720")
    options = parser.parse_args()
    width, height = (int(v) for v in options.size.split("x"))
    app = start(play_args(Path(tempfile.mkdtemp(prefix="osmosis-bench-"))))
    if (width, height) != app.window.get_size():
        app.window = pygame.display.set_mode((width, height), pygame.RESIZABLE)
        app.view.resize((width, height))

    def full_frame():
        for event in pygame.event.get():
            app.handle(event)
        app.update(1 / 60 if app.top.name != "question" else 0.001)  # the question's timer must not run out
        app.draw()

    def bare_frame():
        pygame.event.get()
        app.background.draw(app.window, app.view)

    scenes = {
        "title": lambda: TitleScene(app),
        "setup": lambda: play.SetupScene(app),
        "settings": lambda: menus.SettingsScene(app),
        "question": lambda: _question(app),
        "high-scores": lambda: menus.HighScoresScene(app),
    }
    baseline = timed_frames(app, options.frames, bare_frame)
    base_p99 = p99(baseline)
    print(f"{options.frames} frames per scene at {width}x{height}")
    print(f"{'scene':<14} {'p50 ms':>8} {'p99 ms':>8} {'p99 / bare':>11}")
    print(f"{'bare frame':<14} {statistics.median(baseline):>8.3f} {base_p99:>8.3f} {1.0:>11.1f}")
    worst = 0.0
    for name, build in scenes.items():
        app.reset(build())
        times = timed_frames(app, options.frames, full_frame)
        worst = max(worst, p99(times))
        print(f"{name:<14} {statistics.median(times):>8.3f} {p99(times):>8.3f} {p99(times) / base_p99:>11.1f}")
    print(f"worst p99: {worst:.3f} ms (budget 2 ms): {'ok' if worst <= 2 else 'OVER BUDGET'}")
    pygame.quit()
    return 0


def _question(app):
    session = play.Session(app, Settings(seed=1, timer=True))
    session.game.start_round()
    return session.scene()


if __name__ == "__main__":
    sys.exit(main())
