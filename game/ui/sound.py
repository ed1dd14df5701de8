"""Short sound effects; silent when there is no audio device (or the mixer fails), never an error."""
from __future__ import annotations

import os
from contextlib import contextmanager

import pygame

from ..paths import assets_dir

EFFECTS = ("right", "wrong", "tick", "round_end", "select")


class Sound:
    def __init__(self, enabled: bool = True, volume: float = 0.7):
        self.enabled = enabled
        self.volume = volume
        self.available = False
        self.effects: dict[str, pygame.mixer.Sound] = {}
        self.played: list[str] = []  # what was asked for, so tests can hear without speakers
        self.opened = False

    def open(self) -> None:
        """Start the mixer and load the effects. Called after the first frame: opening a real
        audio device can take longer than drawing the whole title screen."""
        if self.opened:
            return
        self.opened = True
        try:
            if not pygame.mixer.get_init():
                with _quiet_stderr():  # the sound library lists every device it failed to open
                    pygame.mixer.init()
            for name in EFFECTS:
                self.effects[name] = pygame.mixer.Sound(str(assets_dir() / "sounds" / f"{name}.wav"))
            self.available = True
        except (pygame.error, FileNotFoundError, OSError):
            self.effects.clear()

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        self.played.append(name)
        del self.played[:-50]
        self.open()
        effect = self.effects.get(name)
        if effect is not None:
            try:
                effect.set_volume(self.volume)
                effect.play()
            except pygame.error:
                pass


@contextmanager
def _quiet_stderr():
    """Silence C libraries writing to file descriptor 2 for the duration."""
    try:
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        yield
        return
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
