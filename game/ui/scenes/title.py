"""The title screen: the way into everything."""
from __future__ import annotations

from .. import theme
from ..widgets import Menu, draw_panel, draw_shape, draw_text, upper_first
from .base import Scene, draw_hint

ITEMS = [("play", "Play"), ("party", "Party (2–4 players)"), ("host", "Host a party (phones)"),
         ("daily", "Daily challenge"), ("practice", "Practice my misses"), ("packs", "Packs"),
         ("scores", "High scores"), ("settings", "Settings"), ("help", "Help"), ("quit", "Quit")]


MENU_WIDTH = 520.0  # room for a label like "Host a party (phones)" at the largest text size


class TitleScene(Scene):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.menu = Menu(ITEMS, (0, 0, 440, 0), row_height=54, gap=12)
        self.notice = ""  # e.g. "no misses saved yet"
        self.origin = (0.0, 0.0)
        self.logo_w = 620.0

    def layout(self) -> None:
        """The logo block, and the menu beside it on a landscape window, under it on a portrait one."""
        view = self.view
        # More items (party, hosting...) or larger text: rows closer, clear of the top edge and the hint.
        self.menu.gap = 12
        for gap in (8, 4):
            if self.menu.height_for(view) > view.hint_top - 60:
                self.menu.gap = gap
        menu_h = self.menu.height_for(view)
        if view.portrait:
            self.logo_w = 620
            logo_x, logo_y = (view.width - 620) / 2, view.middle(490 + menu_h) - 150
            menu_box = ((view.width - MENU_WIDTH) / 2, logo_y + 150 + 490, MENU_WIDTH, 0)
        else:
            gap = 40.0
            room = view.width - 3 * gap
            self.logo_w = min(620.0, room * 0.58)
            menu_w = min(MENU_WIDTH, room - self.logo_w)
            spare = max(0.0, view.width - self.logo_w - menu_w - 3 * gap)
            logo_x = gap + spare / 3
            logo_y = view.middle(480) - 130 + 20
            menu_box = (logo_x + self.logo_w + gap + spare / 3, view.middle(menu_h), menu_w, 0)
        self.menu.place(menu_box, view)
        self.origin = (logo_x, logo_y)

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
        x, y = self.origin
        w = self.logo_w
        draw_text(surface, view, (x, y + 150, w, 110), "OSMOSIS", size=theme.SIZE_TITLE * 1.22,
                  weight="bold", color=theme.INK)
        draw_text(surface, view, (x + 4, y + 262, w, 70), "QUIZ", size=theme.SIZE_TITLE * 0.73,
                  weight="semibold", color=theme.ACCENT)
        for i, style in enumerate(view.palette.tiles):  # the four answer shapes: the game's mark
            draw_shape(surface, style.shape, view.point(x + 182 + i * 46, y + 298), view.px(14), style.fill)
        draw_text(surface, view, (x + 4, y + 350, w - 20, 110),
                  "Tropes, twists and who loves whom in the French series Osmosis (2019). "
                  "Find your match — before the clock does.",
                  size=theme.SIZE_BODY, color=theme.INK_MUTED)
        if self.app.ready:
            packs = len(self.app.library.packs)
            status = f"{packs} pack{'s' if packs != 1 else ''} loaded"
        else:
            status = "loading packs…"
        draw_text(surface, view, (x + 4, y + 456, w - 20, 40), f"Playing as {self.app.prefs.name}  ·  {status}",
                  size=theme.SIZE_SMALL, color=theme.ACCENT)
        self.menu.draw(surface, view)
        store = self.app.store if self.app.ready else None
        warning = self.notice or (store.warning if store is not None else None)
        if warning:
            top = min(y + 500, view.hint_top - 130)
            draw_panel(surface, view, (x, top, w, 120), fill=theme.PANEL, edge=theme.WARNING)
            draw_text(surface, view, (x + 20, top + 12, w - 40, 96), upper_first(warning), size=theme.SIZE_SMALL,
                      color=theme.WARNING, valign="center")
        draw_hint(surface, view, "Arrows + Enter, mouse or gamepad  ·  M mute  ·  F11 full screen  ·  Esc quit")
