"""The end of a game: the results with a review of the misses, then the name for a high score."""
from __future__ import annotations

from dataclasses import replace

import pygame

from .. import theme
from ..widgets import (MOTION_SECONDS, Menu, Motion, TextInput, common_px, draw_counting, draw_panel, draw_text,
                       ease_out)
from .base import HEADING_BOTTOM, Scene, confirmed, draw_heading, draw_hint
from .play import draw_answer_key

MISS_CARD_HEIGHT = 92  # a missed question's card: two lines of prompt and its answer
MISS_CARD_GAP = 8
CONFETTI = 28  # pieces thrown over the podium when the results come in


class ResultsScene(Scene):
    name = "results"

    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.results = session.game.results()
        self.page = 0
        self.per_page = 1
        missed = len(self.results.missed)
        self.menu = Menu([("review", f"Review misses ({missed})" if missed else "No misses to review"),
                          ("continue", "Continue")], (0, 0, 0, 0), row_height=50, columns=2, gap=12,
                         size=theme.SIZE_BODY)
        self.menu.button("review").enabled = bool(missed)
        self.menu.focus = 1
        self.motion = Motion(app.view)
        if self.results.asked:
            self.motion.start("podium", MOTION_SECONDS)
            app.sound.play("round_end")  # the celebration's sound, with the podium rising

    def layout(self) -> None:
        """Score and podium on the left, the misses on the right (stacked on a portrait window);
        as many missed questions a page as the window has room for."""
        view = self.view
        x, w = view.column()
        buttons_y = view.hint_top - 8 - self.menu.row_height_for(view)
        if view.portrait:
            self.score_box = (x, HEADING_BOTTOM, w, 560)
            self.misses_box = (x, HEADING_BOTTOM + 576, w, buttons_y - HEADING_BOTTOM - 592)
            self.menu.place((x, buttons_y, w, 0), view)
        else:
            score_w = min(520.0, w * 0.42)
            self.score_box = (x, HEADING_BOTTOM, score_w, view.hint_top - 8 - HEADING_BOTTOM)
            self.misses_box = (x + score_w + 24, HEADING_BOTTOM, w - score_w - 24, buttons_y - 12 - HEADING_BOTTOM)
            self.menu.place((self.misses_box[0], buttons_y, self.misses_box[2], 0), view)
        room = self.misses_box[3] - 56
        self.per_page = max(1, int((room + MISS_CARD_GAP) // (MISS_CARD_HEIGHT + MISS_CARD_GAP)))
        self.page = min(self.page, self.pages - 1)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.results.missed) // self.per_page))

    def update(self, dt):
        self.motion.update(dt)

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
            # From the first miss, whatever page is showing: a review is read from the start.
            self.app.push(ReviewScene(self.app, self.results, 0), self._after_review)
        elif chosen == "continue":
            self.finish()

    def _after_review(self, index) -> None:
        """Back from the review: show the page of the miss last looked at."""
        if index is not None:
            self.page = index // self.per_page

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
            draw_text(surface, view, view.centred(880, 160),
                      "No question could be built with these settings and packs. Try other packs, "
                      "turn spoilers on, or add a pack.", size=theme.SIZE_BODY, align="center", valign="center")
            draw_hint(surface, view, "Enter to go back")
            return
        mode = self.session.settings.mode
        draw_heading(surface, view, f"Results for {results.player}", f"{mode.capitalize()} game")
        self.draw_score(surface)
        self.draw_misses(surface)
        self.menu.draw(surface, view)
        draw_hint(surface, view, ("Up/Down page the misses  ·  " if self.pages > 1 else "")
                  + "Left/Right choose  ·  Enter confirm  ·  Esc continue")

    def draw_score(self, surface) -> None:
        view, results = self.view, self.results
        x, y, w, h = self.score_box
        rise = ease_out(self.motion.progress("podium"))
        draw_panel(surface, view, (x, y, w, h), fill=theme.PANEL, edge=theme.ACCENT, width=3)
        # The podium: three steps that rise under the final score (which counts up with them),
        # the player's name on the top one.
        for left, width, height, fill in ((0.14, 0.18, 38, theme.PANEL_RAISED), (0.68, 0.18, 24, theme.PANEL_RAISED),
                                          (0.3, 0.4, 64, theme.ACCENT_SOFT)):
            step_h = height * rise
            if step_h >= 2:
                draw_panel(surface, view, (x + w * left, y + 186 - step_h, w * width, step_h), fill=fill,
                           edge=None, radius=4)
        draw_text(surface, view, (x + 24, y + 12, w - 48, 40), "Final score", size=theme.SIZE_BODY,
                  color=theme.INK_MUTED, align="center")
        score_box, final = (x + 24, y + 44, w - 48, 80), f"{results.total:,}"
        if rise < 1:  # counting up with the podium
            draw_counting(surface, view, score_box, f"{round(results.total * rise):,}", final, size=theme.SIZE_TITLE,
                          weight="bold", color=theme.ACCENT, align="center", valign="center")
        else:
            draw_text(surface, view, score_box, final, size=theme.SIZE_TITLE, weight="bold", color=theme.ACCENT,
                      align="center", valign="center")
        if self.motion.active("podium"):
            self.draw_confetti(surface, (x + w / 2, y + 84), self.motion.progress("podium"))
        draw_text(surface, view, (x + w * 0.3 + 8, y + 128, w * 0.4 - 16, 52), results.player, size=theme.SIZE_BODY,
                  weight="semibold", color=theme.INK, align="center", valign="center")
        draw_text(surface, view, (x + 24, y + 196, w - 48, 52),
                  f"{results.right} of {results.asked} right · {results.accuracy:.0%} · best streak {results.best_streak}",
                  size=theme.SIZE_SMALL, align="center", valign="center")
        rounds = results.rounds
        top = y + 256
        pitch = min(50.0, (y + h - 16 - top) / max(1, len(rounds)))  # every round listed, however many
        title_px = common_px(view, [(title, (x + 28, 0, w * 0.5 - 28, pitch - 4)) for title, *_ in rounds],
                             theme.SIZE_SMALL, "semibold")  # the rounds' names at one size
        for i, (title, points, right, asked) in enumerate(rounds):
            row = top + i * pitch
            draw_text(surface, view, (x + 28, row, w * 0.5 - 28, pitch - 4), title, size=theme.SIZE_SMALL,
                      weight="semibold", valign="center", px=title_px)
            draw_text(surface, view, (x + w * 0.5, row, w * 0.2, pitch - 4), f"{right}/{asked}", size=theme.SIZE_SMALL,
                      color=theme.INK_MUTED, align="right", valign="center")
            draw_text(surface, view, (x + w * 0.7, row, w * 0.3 - 28, pitch - 4), f"{points:,}", size=theme.SIZE_SMALL,
                      weight="semibold", align="right", valign="center")

    def draw_confetti(self, surface, centre, t: float) -> None:
        """A small burst in the answer tiles' colours, thrown out and falling as `t` goes 0 -> 1."""
        import math
        view = self.view
        colours = [style.fill for style in view.palette.tiles] + [view.palette.right]
        for i in range(CONFETTI):
            angle = 2 * math.pi * i / CONFETTI + 0.4 * (i % 3)
            reach = (120 + 60 * (i % 4)) * ease_out(t)
            px = centre[0] + math.cos(angle) * reach
            py = centre[1] + math.sin(angle) * reach * 0.6 + 80 * t * t
            size = view.px(8 - 4 * t)
            pygame.draw.rect(surface, colours[i % len(colours)], (*view.point(px, py), size, size))

    def draw_misses(self, surface) -> None:
        view, missed = self.view, self.results.missed
        x, y, w, h = self.misses_box
        draw_panel(surface, view, (x, y, w, h))
        heading = f"Missed ({len(missed)})" + (f" · page {self.page + 1}/{self.pages}" if self.pages > 1 else "")
        draw_text(surface, view, (x + 24, y + 8, w - 48, 40), heading if missed else "No misses. Flawless!",
                  size=theme.SIZE_BODY, weight="bold", color=theme.INK if missed else view.palette.right,
                  valign="center")
        shown = missed[self.page * self.per_page:(self.page + 1) * self.per_page]
        for i, outcome in enumerate(shown):
            card_y = y + 52 + i * (MISS_CARD_HEIGHT + MISS_CARD_GAP)
            draw_panel(surface, view, (x + 16, card_y, w - 32, MISS_CARD_HEIGHT), fill=theme.PANEL_RAISED, edge=None)
            # Every card at the same size, cut with "…" when long: Review misses shows them whole.
            draw_text(surface, view, (x + 32, card_y + 6, w - 64, 54), outcome.question.prompt,
                      size=theme.SIZE_SMALL, color=theme.INK, clip=True)
            draw_text(surface, view, (x + 32, card_y + 60, w - 64, 30), f"Answer: {outcome.question.answer}",
                      size=theme.SIZE_SMALL, weight="semibold", color=view.palette.right, clip=True)


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
                         (0, 0, 0, 0), row_height=48, columns=3, gap=16, size=theme.SIZE_BODY)
        self.menu.focus = 1

    def layout(self) -> None:
        x, w = self.view.column()
        self.menu.place((x, self.view.hint_top - 8 - self.menu.row_height_for(self.view), w, 0), self.view)

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
        x, w = view.column()
        draw_text(surface, view, (x, 22, w * 0.5, 40), f"Missed question {self.index + 1} of {len(self.missed)}",
                  size=theme.SIZE_BODY, weight="semibold", valign="center")
        if outcome.round_index < len(self.titles):
            draw_text(surface, view, (x + w * 0.5, 22, w * 0.5, 40), self.titles[outcome.round_index],
                      size=theme.SIZE_BODY, weight="semibold", color=theme.ACCENT, align="right", valign="center")
        draw_answer_key(surface, view, outcome, bottom=self.menu.buttons[0].box[1] - 12)
        self.menu.draw(surface, view)
        draw_hint(surface, view, "Left/Right previous or next  ·  Esc back to results")


class NameEntryScene(Scene):
    """Asks the player's name for the high-score table; dismisses with the name (or None)."""

    name = "name-entry"
    wants_text = True

    def __init__(self, app, score: int, name: str = ""):
        super().__init__(app)
        self.score = score
        self.input = TextInput((0, 0, 0, 0), max_length=24, text=name)

    def layout(self) -> None:
        self.panel = self.view.centred(800, 420)
        x, y, w, _ = self.panel
        self.input.box = (x + 50, y + 220, w - 100, 90)

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.dismiss(None)
        if self.input.handle(event) == "submit":
            self.dismiss(self.input.text.strip() or None)

    def update(self, dt):
        self.input.update(dt)

    def draw(self, surface):
        view = self.view
        x, y, w, h = self.panel
        draw_panel(surface, view, self.panel, fill=theme.PANEL, edge=theme.ACCENT, width=3)
        draw_text(surface, view, (x + 40, y + 30, w - 80, 60), "New high score!", size=theme.SIZE_HEADING, weight="bold",
                  color=theme.ACCENT, align="center", valign="center")
        draw_text(surface, view, (x + 40, y + 96, w - 80, 76), f"{self.score:,}", size=theme.SIZE_TITLE, weight="bold",
                  align="center", valign="center")
        draw_text(surface, view, (x + 50, y + 176, w - 100, 40), "Your name", size=theme.SIZE_SMALL, color=theme.INK_MUTED)
        self.input.draw(surface, view, placeholder="Your name…")
        draw_text(surface, view, (x + 50, y + 326, w - 100, 70), "Enter to save  ·  Esc to save as the last name used",
                  size=theme.SIZE_SMALL, color=theme.INK_MUTED, align="center", valign="center")
