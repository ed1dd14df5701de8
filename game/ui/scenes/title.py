"""The title screen: the way into everything."""
from __future__ import annotations

from .. import theme
from ..widgets import Menu, draw_panel, draw_shape, draw_text, upper_first
from .base import Scene, draw_hint

ITEMS = [("play", "Play"), ("party", "Party (2–4 players)"), ("host", "Host a party (phones)"),
         ("daily", "Daily challenge"), ("practice", "Practice my misses"), ("packs", "Packs"),
         ("scores", "High scores"), ("settings", "Settings"), ("help", "Help"), ("quit", "Quit")]


class TitleScene(Scene):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.menu = Menu(ITEMS, (760, 92, 440, 0), row_height=50, gap=8)  # ten rows above the hint
        self.notice = ""  # e.g. "no misses saved yet"

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self._confirm_quit()
        chosen = self.menu.handle(event, action)
        if chosen is None:
            return
        self.app.sound.play("select")
        self.notice = ""
        from . import menus, play
        if chosen == "play":
            self.app.push(play.SetupScene(self.app))
        elif chosen == "party":
            from .party_setup import PartySetupScene
            self.app.push(PartySetupScene(self.app))
        elif chosen == "host":
            from .host import start_hosting
            self.notice = start_hosting(self.app) or ""
        elif chosen == "daily":
            play.start_daily(self.app)
        elif chosen == "practice":
            self.notice = play.start_practice(self.app) or ""
        elif chosen == "packs":
            self.app.push(menus.PacksScene(self.app))
        elif chosen == "scores":
            self.app.push(menus.HighScoresScene(self.app))
        elif chosen == "settings":
            self.app.push(menus.SettingsScene(self.app))
        elif chosen == "help":
            self.app.push(menus.HelpScene(self.app))
        elif chosen == "quit":
            self._confirm_quit()

    def _confirm_quit(self):
        from .overlays import ConfirmScene
        self.app.push(ConfirmScene(self.app, "Quit Osmosis Quiz?", yes="Quit", no="Stay"),
                      lambda sure: sure and self.app.quit())

    def draw(self, surface):
        view = self.view
        draw_text(surface, view, (80, 150, 620, 110), "OSMOSIS", size=theme.SIZE_TITLE * 1.22,
                  weight="bold", color=theme.INK)
        draw_text(surface, view, (84, 262, 620, 70), "QUIZ", size=theme.SIZE_TITLE * 0.73,
                  weight="semibold", color=theme.ACCENT)
        for i, style in enumerate(view.palette.tiles):  # the four answer shapes: the game's mark
            draw_shape(surface, style.shape, view.point(262 + i * 46, 298), view.px(14), style.fill)
        draw_text(surface, view, (84, 350, 600, 110),
                  "Tropes, twists and who loves whom in the French series Osmosis (2019). "
                  "Find your match — before the clock does.",
                  size=theme.SIZE_BODY, color=theme.INK_MUTED)
        if self.app.ready:
            packs = len(self.app.library.packs)
            status = f"{packs} pack{'s' if packs != 1 else ''} loaded"
        else:
            status = "loading packs…"
        draw_text(surface, view, (84, 456, 600, 32), f"Playing as {self.app.prefs.name}  ·  {status}",
                  size=theme.SIZE_SMALL, color=theme.ACCENT)
        self.menu.draw(surface, view)
        store = self.app.store if self.app.ready else None
        warning = self.notice or (store.warning if store is not None else None)
        if warning:
            draw_panel(surface, view, (80, 500, 620, 120), fill=theme.PANEL, edge=theme.WARNING)
            draw_text(surface, view, (100, 512, 580, 96), upper_first(warning), size=theme.SIZE_SMALL,
                      color=theme.WARNING, valign="center")
        draw_hint(surface, view, "Arrows + Enter, mouse or gamepad  ·  M mute  ·  F11 full screen  ·  Esc quit")
