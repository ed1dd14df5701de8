"""The end of a game: the results with a review of the misses, then the name for a high score."""
from __future__ import annotations

from dataclasses import replace

import pygame

from .. import theme
from ..widgets import TextInput, draw_panel, draw_text
from .base import Scene, draw_heading, draw_hint

MISSES_PER_PAGE = 3


class ResultsScene(Scene):
    name = "results"

    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.results = session.game.results()
        self.page = 0

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.results.missed) // MISSES_PER_PAGE))

    def handle(self, event, action):
        if action is not None and action.name in ("up", "left"):
            self.page = max(0, self.page - 1)
        elif action is not None and action.name in ("down", "right"):
            self.page = min(self.pages - 1, self.page + 1)
        elif action is not None and action.name in ("confirm", "back"):
            self.finish()
        elif event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1:
            self.finish()

    def finish(self) -> None:
        """Save the game (asking a name first for a high score), then show where it ranks."""
        store = self.app.store
        if self.session.saved or store is None or not store.can_save or not self.results.asked:
            return self.dismiss()
        if store.is_high_score(self.results.total, self.session.settings.mode):
            self.app.push(NameEntryScene(self.app, self.results.total, self.app.prefs.name),
                          lambda name: self.save(name, high_score=True))
        else:
            self.save(None, high_score=False)

    def save(self, name: str | None, high_score: bool) -> None:
        from ...storage import clean_name
        name = clean_name(name or self.app.prefs.name)
        self.session.saved = self.app.store.save_game(self.results, self.session.settings, name)
        if name != self.app.prefs.name:
            self.app.set_prefs(replace(self.app.prefs, name=name))
        if high_score and self.session.saved:
            from .menus import HighScoresScene
            self.app.replace(HighScoresScene(self.app, self.session.settings.mode, (name, self.results.total)))
        else:
            self.dismiss()

    def draw(self, surface):
        view, results = self.view, self.results
        if not results.asked:
            draw_heading(surface, view, "No questions", "")
            draw_text(surface, view, (200, 250, 880, 160),
                      "No question could be built with these settings and packs. Try other packs, "
                      "turn spoilers on, or add a pack.", size=theme.SIZE_BODY, align="center", valign="center")
            draw_hint(surface, view, "Enter to go back")
            return
        mode = self.session.settings.mode
        draw_heading(surface, view, "Results", f"{mode.capitalize()} game  ·  {results.player}")
        draw_panel(surface, view, (theme.MARGIN, 140, 520, 520), fill=theme.PANEL, edge=theme.ACCENT, width=3)
        draw_text(surface, view, (theme.MARGIN + 24, 156, 472, 40), "Final score", size=theme.SIZE_BODY,
                  color=theme.INK_MUTED, align="center")
        draw_text(surface, view, (theme.MARGIN + 24, 196, 472, 90), f"{results.total:,}", size=theme.SIZE_TITLE,
                  weight="bold", color=theme.ACCENT, align="center", valign="center")
        draw_text(surface, view, (theme.MARGIN + 24, 290, 472, 40),
                  f"{results.right} of {results.asked} right · {results.accuracy:.0%} · best streak {results.best_streak}",
                  size=theme.SIZE_SMALL, align="center", valign="center")
        for i, (title, points, right, asked) in enumerate(results.rounds[:6]):
            y = 346 + i * 50
            draw_text(surface, view, (theme.MARGIN + 28, y, 250, 40), title, size=theme.SIZE_SMALL,
                      weight="semibold", valign="center")
            draw_text(surface, view, (theme.MARGIN + 280, y, 90, 40), f"{right}/{asked}", size=theme.SIZE_SMALL,
                      color=theme.INK_MUTED, align="right", valign="center")
            draw_text(surface, view, (theme.MARGIN + 380, y, 112, 40), f"{points:,}", size=theme.SIZE_SMALL,
                      weight="semibold", align="right", valign="center")
        self.draw_misses(surface)
        draw_hint(surface, view, ("Up/Down page the misses  ·  " if self.pages > 1 else "") + "Enter to finish")

    def draw_misses(self, surface) -> None:
        view, missed = self.view, self.results.missed
        x, w = 600, 632
        draw_panel(surface, view, (x, 140, w, 520))
        heading = f"Missed ({len(missed)})" + (f" · page {self.page + 1}/{self.pages}" if self.pages > 1 else "")
        draw_text(surface, view, (x + 24, 152, w - 48, 40), heading if missed else "No misses. Flawless!",
                  size=theme.SIZE_BODY, weight="bold", color=theme.INK if missed else view.palette.right)
        shown = missed[self.page * MISSES_PER_PAGE:(self.page + 1) * MISSES_PER_PAGE]
        for i, outcome in enumerate(shown):
            y = 204 + i * 150
            draw_panel(surface, view, (x + 16, y, w - 32, 140), fill=theme.PANEL_RAISED, edge=None)
            draw_text(surface, view, (x + 32, y + 8, w - 64, 74), outcome.question.prompt, size=theme.SIZE_SMALL,
                      color=theme.INK)
            given = "time ran out" if outcome.timed_out else f"you said {outcome.response}"
            draw_text(surface, view, (x + 32, y + 86, w - 64, 46), f"Answer: {outcome.question.answer}  ({given})",
                      size=theme.SIZE_SMALL, weight="semibold", color=view.palette.right)


class NameEntryScene(Scene):
    """Asks the player's name for the high-score table; dismisses with the name (or None)."""

    name = "name-entry"
    wants_text = True

    def __init__(self, app, score: int, name: str = ""):
        super().__init__(app)
        self.score = score
        self.input = TextInput((290, 360, 700, 90), max_length=24, text=name)

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.dismiss(None)
        if self.input.handle(event) == "submit":
            self.dismiss(self.input.text.strip() or None)

    def update(self, dt):
        self.input.update(dt)

    def draw(self, surface):
        view = self.view
        draw_panel(surface, view, (240, 140, 800, 420), fill=theme.PANEL, edge=theme.ACCENT, width=3)
        draw_text(surface, view, (280, 170, 720, 60), "New high score!", size=theme.SIZE_HEADING, weight="bold",
                  color=theme.ACCENT, align="center", valign="center")
        draw_text(surface, view, (280, 236, 720, 70), f"{self.score:,}", size=theme.SIZE_TITLE, weight="bold",
                  align="center", valign="center")
        draw_text(surface, view, (290, 318, 700, 36), "Your name", size=theme.SIZE_SMALL, color=theme.INK_MUTED)
        self.input.draw(surface, view, placeholder="Your name…")
        draw_text(surface, view, (290, 470, 700, 60), "Enter to save  ·  Esc to save as the last name used",
                  size=theme.SIZE_SMALL, color=theme.INK_MUTED, align="center", valign="center")
