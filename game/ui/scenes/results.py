"""The end of a game: the results with a review of the misses, then the name for a high score."""
from __future__ import annotations

from dataclasses import replace

import pygame

from .. import theme
from ..widgets import Menu, TextInput, draw_panel, draw_text
from .base import Scene, confirmed, draw_heading, draw_hint
from .play import draw_answer_key

MISSES_PER_PAGE = 2  # room for the whole prompt and answer at full size; the review shows the rest
PANEL_BOTTOM = 604  # the panels end here; the buttons sit below them


class ResultsScene(Scene):
    name = "results"

    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.results = session.game.results()
        self.page = 0
        missed = len(self.results.missed)
        self.menu = Menu([("review", f"Review misses ({missed})" if missed else "No misses to review"),
                          ("continue", "Continue")], (600, 616, 632, 0), row_height=50, columns=2, gap=12,
                         size=theme.SIZE_BODY)
        self.menu.button("review").enabled = bool(missed)
        self.menu.focus = 1

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.results.missed) // MISSES_PER_PAGE))

    def handle(self, event, action):
        if not self.results.asked:
            if confirmed(event, action) or (action is not None and action.name == "back"):
                self.dismiss()
            return
        step = 0
        if action is not None and action.name in ("up", "down"):
            step = 1 if action.name == "down" else -1
        elif event.type == pygame.MOUSEWHEEL:
            step = -1 if getattr(event, "y", 0) > 0 else 1
        if step:
            self.page = min(self.pages - 1, max(0, self.page + step))
            return
        if action is not None and action.name == "back":
            return self.finish()
        chosen = self.menu.handle(event, action)
        if chosen == "review":
            self.app.sound.play("select")
            self.app.push(ReviewScene(self.app, self.results, self.page * MISSES_PER_PAGE), self._after_review)
        elif chosen == "continue":
            self.finish()

    def _after_review(self, index) -> None:
        """Back from the review: show the page of the miss last looked at."""
        if index is not None:
            self.page = index // MISSES_PER_PAGE

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
        self.draw_score(surface)
        self.draw_misses(surface)
        self.menu.draw(surface, view)
        draw_hint(surface, view, ("Up/Down page the misses  ·  " if self.pages > 1 else "")
                  + "Left/Right choose  ·  Enter confirm  ·  Esc continue")

    def draw_score(self, surface) -> None:
        view, results = self.view, self.results
        x, w = theme.MARGIN, 520
        draw_panel(surface, view, (x, 140, w, 528), fill=theme.PANEL, edge=theme.ACCENT, width=3)
        draw_text(surface, view, (x + 24, 156, w - 48, 40), "Final score", size=theme.SIZE_BODY,
                  color=theme.INK_MUTED, align="center")
        draw_text(surface, view, (x + 24, 196, w - 48, 90), f"{results.total:,}", size=theme.SIZE_TITLE,
                  weight="bold", color=theme.ACCENT, align="center", valign="center")
        draw_text(surface, view, (x + 24, 290, w - 48, 40),
                  f"{results.right} of {results.asked} right · {results.accuracy:.0%} · best streak {results.best_streak}",
                  size=theme.SIZE_SMALL, align="center", valign="center")
        rounds = results.rounds
        pitch = min(50.0, 310 / max(1, len(rounds)))  # every round listed, however many were played
        for i, (title, points, right, asked) in enumerate(rounds):
            y = 344 + i * pitch
            draw_text(surface, view, (x + 28, y, 250, pitch - 4), title, size=theme.SIZE_SMALL,
                      weight="semibold", valign="center")
            draw_text(surface, view, (x + 280, y, 90, pitch - 4), f"{right}/{asked}", size=theme.SIZE_SMALL,
                      color=theme.INK_MUTED, align="right", valign="center")
            draw_text(surface, view, (x + 380, y, 112, pitch - 4), f"{points:,}", size=theme.SIZE_SMALL,
                      weight="semibold", align="right", valign="center")

    def draw_misses(self, surface) -> None:
        view, missed = self.view, self.results.missed
        x, w = 600, 632
        draw_panel(surface, view, (x, 140, w, PANEL_BOTTOM - 140))
        heading = f"Missed ({len(missed)})" + (f" · page {self.page + 1}/{self.pages}" if self.pages > 1 else "")
        draw_text(surface, view, (x + 24, 150, w - 48, 40), heading if missed else "No misses. Flawless!",
                  size=theme.SIZE_BODY, weight="bold", color=theme.INK if missed else view.palette.right,
                  valign="center")
        shown = missed[self.page * MISSES_PER_PAGE:(self.page + 1) * MISSES_PER_PAGE]
        for i, outcome in enumerate(shown):
            y = 196 + i * 202
            draw_panel(surface, view, (x + 16, y, w - 32, 194), fill=theme.PANEL_RAISED, edge=None)
            fit = draw_text(surface, view, (x + 32, y + 10, w - 64, 96), outcome.question.prompt,
                            size=theme.SIZE_SMALL, color=theme.INK)
            below = y + 10 + fit.height / view.scale + 10  # the answer follows the prompt, however long
            draw_text(surface, view, (x + 32, below, w - 64, y + 186 - below), f"Answer: {outcome.question.answer}",
                      size=theme.SIZE_SMALL, weight="semibold", color=view.palette.right)


class ReviewScene(Scene):
    """The misses one by one, as the feedback showed them: the right answer marked, the wrong
    pick crossed out, and the explanation. Dismisses with the index last shown."""

    name = "review"

    def __init__(self, app, results, index: int = 0):
        super().__init__(app)
        self.missed = results.missed
        self.titles = results.titles
        self.index = min(max(0, index), len(self.missed) - 1)
        self.menu = Menu([("previous", "Previous"), ("next", "Next"), ("back", "Back to results")],
                         (theme.MARGIN, 616, 1184, 0), row_height=48, columns=3, gap=16,
                         size=theme.SIZE_BODY)
        self.menu.focus = 1

    @property
    def outcome(self):
        return self.missed[self.index]

    def step(self, by: int) -> None:
        self.index = (self.index + by) % len(self.missed)

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.dismiss(self.index)
        if action is not None and action.name in ("left", "right"):
            return self.step(1 if action.name == "right" else -1)
        if event.type == pygame.MOUSEWHEEL:
            return self.step(-1 if getattr(event, "y", 0) > 0 else 1)
        chosen = self.menu.handle(event, action)
        if chosen == "back":
            self.dismiss(self.index)
        elif chosen is not None:
            self.step(1 if chosen == "next" else -1)

    def draw(self, surface):
        view, outcome = self.view, self.outcome
        draw_text(surface, view, (theme.MARGIN, 22, 600, 40), f"Missed question {self.index + 1} of {len(self.missed)}",
                  size=theme.SIZE_BODY, weight="semibold", valign="center")
        if outcome.round_index < len(self.titles):
            draw_text(surface, view, (660, 22, 572, 40), self.titles[outcome.round_index], size=theme.SIZE_BODY,
                      weight="semibold", color=theme.ACCENT, align="right", valign="center")
        draw_answer_key(surface, view, outcome, bottom=604)
        self.menu.draw(surface, view)
        draw_hint(surface, view, "Left/Right previous or next  ·  Esc back to results")


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
