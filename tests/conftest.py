"""Shared test setup. The pygame scenes run headless: SDL's dummy video and audio drivers are
chosen before anything imports pygame."""
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import argparse  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


def play_args(data_dir: Path, **overrides) -> argparse.Namespace:
    """The arguments `python main.py` would give the desktop game."""
    values = dict(command="play", test_mode=False, pack=None, frames=None, screenshot=None, packs=[],
                  data_dir=data_dir, bind="127.0.0.1")  # a party hosted from a test listens on loopback only
    values.update(overrides)
    return argparse.Namespace(**values)


class Pilot:
    """Drives the real App like a player: posts real pygame events, then steps the loop by a
    made-up dt (nothing sleeps). Every drawn frame's text boxes are checked to fit."""

    def __init__(self, app):
        import pygame
        self.pygame = pygame
        self.app = app
        self.overflows: list = []  # (scene, text) of every text box that did not fit

    @property
    def scene(self):
        return self.app.top

    def post(self, event_type, **attributes) -> None:
        self.pygame.event.post(self.pygame.event.Event(event_type, attributes))

    def press(self, *keys, step: bool = True) -> None:
        for key in keys:
            self.post(self.pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
            self.post(self.pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)
            if step:
                self.step()

    def keystroke(self, key: int, text: str) -> None:
        """A printable key as a real keyboard sends it: KEYDOWN, then the TEXTINPUT it types."""
        self.post(self.pygame.KEYDOWN, key=key, mod=0, unicode=text, scancode=0)
        self.post(self.pygame.TEXTINPUT, text=text)
        self.post(self.pygame.KEYUP, key=key, mod=0, unicode=text, scancode=0)
        self.step()

    def type(self, text: str) -> None:
        for ch in text:
            self.post(self.pygame.TEXTINPUT, text=ch)
        self.step()

    def window_pos(self, x: float, y: float) -> tuple[int, int]:
        return self.app.view.point(x, y)

    def click(self, x: float, y: float) -> None:
        """Click at logical (x, y), as the mouse would at the window's real size."""
        pos = self.window_pos(x, y)
        self.post(self.pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        self.post(self.pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
        self.post(self.pygame.MOUSEBUTTONUP, pos=pos, button=1)
        self.step()

    def click_box(self, box) -> None:
        x, y, w, h = box
        self.click(x + w / 2, y + h / 2)

    def step(self, dt: float = 1 / 60, frames: int = 1) -> None:
        for _ in range(frames):
            for event in self.pygame.event.get():
                self.app.handle(event)
            if not self.app.stack:
                return
            self.app.update(dt)
            if not self.app.stack:
                return
            self.app.draw()
            self.overflows.extend((self.scene.name, r.text) for r in self.app.view.reports if not r.fit.fitted)


@pytest.fixture
def make_app(tmp_path):
    """Builds the real App (window, title scene) the way `python main.py` does."""
    pygame = pytest.importorskip("pygame")
    from game.ui.app import start
    started = []

    def make(**overrides):
        overrides.setdefault("data_dir", tmp_path / "data")
        app = start(play_args(**overrides))
        started.append(app)
        return app

    yield make
    pygame.quit()


@pytest.fixture
def pilot(make_app):
    return Pilot(make_app())
