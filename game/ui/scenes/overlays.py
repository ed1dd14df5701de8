"""Scenes drawn over another one: pause and the yes/no confirmation."""
from __future__ import annotations

from .. import theme
from ..widgets import Menu, draw_panel, draw_text
from .base import Scene


class ConfirmScene(Scene):
    """Asks a yes/no question; dismisses with True or False."""

    name = "confirm"
    overlay = True

    def __init__(self, app, question: str, yes: str = "Yes", no: str = "No"):
        super().__init__(app)
        self.question = question
        self.menu = Menu([("no", no), ("yes", yes)], (0, 0, 0, 0), row_height=60, columns=2, gap=24)

    def layout(self) -> None:
        self.panel = self.view.centred(600, 300)
        x, y, w, h = self.panel
        self.menu.place((x + 40, y + h - 24 - self.menu.height_for(self.view), w - 80, 0), self.view)

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.dismiss(False)
        chosen = self.menu.handle(event, action)
        if chosen is not None:
            self.app.sound.play("select")
            self.dismiss(chosen == "yes")

    def draw(self, surface):
        x, y, w, h = self.panel
        draw_panel(surface, self.view, self.panel, fill=theme.PANEL, edge=theme.ACCENT)
        draw_text(surface, self.view, (x + 40, y + 24, w - 80, h - 130), self.question, size=theme.SIZE_HEADING * 0.8,
                  weight="bold", align="center", valign="center")
        self.menu.draw(surface, self.view)


class PauseScene(Scene):
    """The game stops (and its timer with it) until the player resumes; dismisses with
    'resume' or 'quit'."""

    name = "pause"
    overlay = True

    def __init__(self, app):
        super().__init__(app)
        self.menu = Menu([("resume", "Resume"), ("settings", "Settings"), ("help", "Controls"),
                          ("quit", "Quit to title")], (0, 0, 0, 0), row_height=56)

    def layout(self) -> None:
        self.panel = self.view.centred(480, 440)
        x, y, w, h = self.panel
        self.menu.place((x + 40, y + 110, w - 80, 0), self.view)

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.dismiss("resume")
        chosen = self.menu.handle(event, action)
        if chosen is None:
            return
        self.app.sound.play("select")
        if chosen == "settings":
            from .menus import SettingsScene
            self.app.push(SettingsScene(self.app))
        elif chosen == "help":
            from .menus import HelpScene
            self.app.push(HelpScene(self.app))
        elif chosen == "quit":
            self.app.push(ConfirmScene(self.app, "Quit this game? Its score will not be saved.",
                                       yes="Quit game", no="Keep playing"),
                          lambda sure: sure and self.dismiss("quit"))
        else:
            self.dismiss("resume")

    def draw(self, surface):
        if self.app.top is not self and self.app.top.overlay:
            return  # the quit confirmation takes the pause panel's place, not a layer over it
        x, y, w, h = self.panel
        draw_panel(surface, self.view, self.panel, fill=theme.PANEL, edge=theme.ACCENT)
        draw_text(surface, self.view, (x + 40, y + 24, w - 80, 70), "Paused", size=theme.SIZE_HEADING,
                  weight="bold", align="center", valign="center")
        self.menu.draw(surface, self.view)
