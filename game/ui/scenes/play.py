"""A game, scene by scene: setup, round card, question (tiles or typed), feedback, round summary.

The rules live in `game.engine.Game`; these scenes only show its state and pass the player's
choices to it. Each scene replaces itself with the one for the game's next phase.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pygame

from ...engine import (DEFAULT_ROUNDS, LIFELINES, ROUND_CHOICES, Game, Outcome, Phase, Settings,
                       daily_settings, mode_name, rounds_for, streak_bonus)
from .. import theme
from ..widgets import (MOTION_SECONDS, AnswerTile, Button, Menu, Motion, TextInput, column_of, draw_counting,
                       draw_mark, draw_panel, draw_shape, draw_text, draw_tiles, draw_timer_bar, ease_out, fit_text,
                       inside, on_off, pulse, typeset)
from .base import HEADING_BOTTOM, Scene, confirmed, draw_heading, draw_hint

STANDARD_ROUND_COUNT = len(DEFAULT_ROUNDS)


LIFELINE_LABELS = {"fifty-fifty": "50:50", "skip": "Skip", "extra-time": "+Time", "double-chance": "2nd chance"}
LIFELINE_KEYS = ("Q", "W", "E", "R")


class PhaseScenes:
    """A game shown one scene per engine phase: the solo Session and the PartySession each say
    which scene a phase gets (`scene`); moving on and replacing the shown scene is shared."""

    def scene(self) -> Scene:
        raise NotImplementedError

    def advance(self, scene: Scene) -> None:
        """Move the game on and show the scene for where it went."""
        self.game.next()
        self.show_next(scene)

    def show_next(self, scene: Scene) -> None:
        """Replace `scene` with the one for the game's phase, unless something (pause, a
        confirmation) now stands on top of it."""
        if self.app.stack and self.app.top is scene:
            self.app.replace(self.scene())


class Session(PhaseScenes):
    """One game being played in the window: the engine's Game and how it was started."""

    def __init__(self, app, settings: Settings, misses: dict[str, int] | None = None, game: Game | None = None):
        self.app = app
        self.settings = settings
        self.game = game if game is not None else self.new_game(app, settings, misses)
        self.saved = False
        self.counted_from: int | None = None  # the score before the last answer: it counts up from there
        self.pressed: int | None = None  # the tile pressed for the last answer: it presses in on feedback

    @staticmethod
    def new_game(app, settings: Settings, misses: dict[str, int] | None = None) -> Game:
        """A game for the player whose name the title shows: the results and the scores say it too."""
        facts, generator = app.question_source(settings)
        return Game(facts, settings, players=(app.prefs.name,), clock=app.clock, misses=misses, generator=generator)

    def scene(self) -> Scene:
        """The scene for the game's current phase."""
        phase = self.game.phase
        if phase is Phase.ROUND_INTRO:
            return RoundCardScene(self.app, self)
        if phase is Phase.QUESTION:
            return (TypedQuestionScene if self.game.question.is_typed else QuestionScene)(self.app, self)
        if phase is Phase.FEEDBACK:
            return FeedbackScene(self.app, self)
        if phase is Phase.ROUND_SUMMARY:
            return RoundSummaryScene(self.app, self)
        from .results import ResultsScene
        return ResultsScene(self.app, self)


def start_game(app, settings: Settings, misses: dict[str, int] | None = None) -> Session:
    session = Session(app, settings, misses)
    app.push(session.scene())
    return session


def start_daily(app) -> Session:
    """Today's challenge: the engine's one definition of the day's quiz (the terminal plays the same),
    on every loaded pack; untimed when the player turned the timer off (its own table then). It
    names no packs, which means all of them: listing every id made App.question_source build a
    second generator for the facts a game on all packs already has."""
    return start_game(app, daily_settings(date.today(), timer=app.prefs.timer))


def start_practice(app) -> str | None:
    """A game weighted towards the questions this player missed; a notice when there are none."""
    store = app.store
    misses = store.misses(app.prefs.name) if store is not None else {}
    if not misses:
        return f"No missed questions saved for {app.prefs.name} yet. Play a game first, then practise here."
    settings = Settings(timer=app.prefs.timer, mode=mode_name("practice", app.prefs.timer))
    start_game(app, settings, misses)
    return None


# --- setup ------------------------------------------------------------------------------------

class SetupScene(Scene):
    """Choose the game: each round on or off, then questions, difficulty, spoilers, timer and
    packs. It opens on the last game's choices (kept with the settings) and saves them on Start."""

    name = "setup"
    OPTIONS = (("questions", "Questions per round"), ("difficulty", "Difficulty"), ("spoilers", "Spoilers"),
               ("timer", "Timer"), ("packs", "Packs"))

    def __init__(self, app):
        super().__init__(app)
        prefs = app.prefs
        packs = [(None, "All packs")] + [(p.id, p.title) for p in app.library.packs]
        pack_ids = [pid or "" for pid, _ in packs]

        def remembered_option(values, value, default):  # a saved value no longer offered: the default
            return values, values.index(value) if value in values else default

        self.options: dict[str, tuple[list, int]] = {
            "questions": remembered_option([3, 5, 8, 10], prefs.game_questions, 1),
            "difficulty": remembered_option(["easy", "medium", "hard"], prefs.game_difficulty, 1),
            "spoilers": remembered_option([True, False], prefs.game_spoilers, 0),
            "timer": remembered_option([True, False], prefs.timer, 0),
            "packs": (packs, pack_ids.index(prefs.game_pack) if prefs.game_pack in pack_ids else 0),
        }
        remembered = set(prefs.game_rounds) & {spec.title for spec in ROUND_CHOICES}
        self.rounds_on = {spec.title: spec.title in (remembered or {r.title for r in DEFAULT_ROUNDS})
                          for spec in ROUND_CHOICES}
        # Rounds down the left, the other options and Start/Back down the right.
        items = [(f"round:{spec.title}", spec.title) for spec in ROUND_CHOICES] + list(self.OPTIONS) + \
            [("start", "Start"), ("back", "Back")]
        self.menu = Menu(items, (0, 0, 0, 0), row_height=50, gap=10, columns=2, size=theme.SIZE_BODY)
        self.menu.focus = self.menu.buttons.index(self.menu.button("start"))
        self._refresh()

    def layout(self) -> None:
        view = self.view
        x, w = view.column(1080)
        height = self.menu.height_for(view)
        top = view.middle(height + 80, HEADING_BOTTOM)
        self.menu.place((x, top, w, 0), view)
        self.preview_box = (x, top + height + 8, w, max(56.0, min(80.0, view.hint_top - top - height - 8)))

    def value(self, key: str):
        values, index = self.options[key]
        return values[index]

    def _refresh(self):
        for button in self.menu.buttons:
            if button.key.startswith("round:"):
                button.hint = on_off(self.rounds_on[button.key[6:]])
            elif button.key in self.options:
                value = self.value(button.key)
                if button.key == "packs":
                    value = value[1]
                elif isinstance(value, bool):
                    value = on_off(value)
                button.hint = str(value).capitalize() if button.key == "difficulty" else str(value)
        # The game these options make, drawn once per change, not per frame: the preview lists
        # the rounds it really has (the engine leaves out a round with no questions, e.g. Spot
        # the Reveal without spoilers or Name Them on easy) and Start plays this very game.
        self.planned_game = Session.new_game(self.app, self.settings())
        self.rounds_preview = self._describe_rounds()

    def change(self, key: str, step: int) -> None:
        if key.startswith("round:"):
            title = key[6:]
            if self.rounds_on[title] and sum(self.rounds_on.values()) == 1:
                self.app.sound.play("wrong")  # a game needs a round: the last one stays on
                return
            self.rounds_on[title] = not self.rounds_on[title]
        else:
            values, index = self.options[key]
            self.options[key] = (values, (index + step) % len(values))
        self.app.sound.play("select")
        self._refresh()

    def chosen_rounds(self) -> tuple:
        return tuple(spec for spec in ROUND_CHOICES if self.rounds_on[spec.title])

    def settings(self) -> Settings:
        pack = self.value("packs")[0]
        chosen = [p for p in self.app.library.packs if p.id == pack]
        return Settings(rounds=rounds_for(self.chosen_rounds(), chosen), questions_per_round=self.value("questions"),
                        difficulty=self.value("difficulty"), spoilers=self.value("spoilers"),
                        timer=self.value("timer"), packs=(pack,) if pack else (),
                        mode=mode_name("classic", self.value("timer")))

    def remember(self) -> None:
        """Keep these choices for the next setup (and the next session)."""
        from dataclasses import replace
        self.app.set_prefs(replace(
            self.app.prefs, game_rounds=tuple(spec.title for spec in self.chosen_rounds()),
            game_questions=self.value("questions"), game_difficulty=self.value("difficulty"),
            game_spoilers=self.value("spoilers"), timer=self.value("timer"), game_pack=self.value("packs")[0] or ""))

    def start(self) -> None:
        self.remember()
        game = self.planned_game
        self.app.replace(Session(self.app, game.settings, game=game).scene())

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.dismiss()
        focused = self.menu.focused_key
        if action is not None and action.name in ("left", "right"):
            if focused in self.options or focused.startswith("round:"):
                self.change(focused, -1 if action.name == "left" else 1)
            return
        chosen = self.menu.handle(event, action)
        if chosen == "start":
            self.app.sound.play("select")
            self.start()
        elif chosen == "back":
            self.dismiss()
        elif chosen is not None:
            self.change(chosen, 1)

    def _describe_rounds(self) -> str:
        played = [rnd.title for rnd in self.planned_game.rounds]
        left_out = [spec.title for spec in self.settings().rounds if spec.title not in played]
        if not played:
            return "No questions with these options: try other packs, or spoilers on."
        note = f"\nLeft out, no questions with these options: {', '.join(left_out)}" if left_out else ""
        return "Rounds: " + " → ".join(runs(played)) + note

    def draw(self, surface):
        draw_heading(surface, self.view, "New game", "Choose how you want to play.")
        self.menu.draw(surface, self.view)
        draw_text(surface, self.view, self.preview_box, self.rounds_preview,
                  size=theme.SIZE_SMALL, color=theme.ACCENT, align="center", valign="center")
        draw_hint(surface, self.view, "Up/Down choose  ·  Left/Right change  ·  Enter start  ·  Esc back")


def runs(titles: list[str]) -> list[str]:
    """Round titles with a run of the same one said once: a pack of hand-written questions plays
    'Lighthouse (1)', 'Lighthouse (2)'...; the preview says 'Lighthouse × 5 rounds'."""
    import re
    from itertools import groupby
    bare = [re.sub(r" \(\d+\)$", "", title) for title in titles]
    return [f"{title} × {count} rounds" if count > 1 else title
            for title, count in ((title, len(list(group))) for title, group in groupby(bare))]


# --- shared pieces of the in-game scenes --------------------------------------------------------

MODE_TAGS = {"daily": "Daily challenge", "practice": "Practice"}


class GameScene(Scene):
    def __init__(self, app, session: Session):
        super().__init__(app)
        self.session = session
        self.game = session.game
        self.motion = Motion(app.view)

    def pause(self) -> None:
        self.game.pause()
        from .overlays import PauseScene
        self.app.push(PauseScene(self.app), self._after_pause)

    def _after_pause(self, choice) -> None:
        self.game.resume()
        if choice == "quit":
            self.dismiss()

    def update(self, dt):
        self.motion.update(dt)

    def shown_total(self) -> int:
        """The score as shown: it counts up to the new total after a right answer."""
        total = self.game.scoreboard.total
        start = self.session.counted_from
        if start is None or start >= total:
            return total
        return round(start + (total - start) * ease_out(self.motion.progress("count")))

    def mode_tag(self) -> str:
        """'Daily challenge' or 'Practice' while playing one: they look like a normal game otherwise."""
        mode = self.game.settings.mode
        return next((tag for key, tag in MODE_TAGS.items() if mode.startswith(key)), "")

    def draw_status(self, surface) -> None:
        """Mode, round, progress, streak and score along the top."""
        view, game = self.view, self.game
        rnd = game.current_round
        if rnd is None:
            return
        x, w = view.column()
        left = x
        tag = self.mode_tag()
        if tag:
            tag_size = theme.SIZE_SMALL * 0.85
            tag_w = 24 + theme.font("bold", view.font_px(tag_size)).size(tag)[0] / view.scale
            draw_panel(surface, view, (left, 26, tag_w, 32), fill=theme.WARNING, edge=None, radius=16)
            draw_text(surface, view, (left + 6, 26, tag_w - 12, 32), tag, size=tag_size, weight="bold",
                      color=theme.INK_DARK, align="center", valign="center")
            left += tag_w + 12
        draw_text(surface, view, (left, 22, x + w * 0.45 - left, 40), f"Round {rnd.index + 1}/{len(game.rounds)} · {rnd.title}",
                  size=theme.SIZE_BODY, weight="semibold", color=theme.INK, valign="center")
        if game.phase in (Phase.QUESTION, Phase.FEEDBACK):
            draw_text(surface, view, (x + w * 0.45, 22, w * 0.2, 40), f"Question {rnd.position + 1} of {len(rnd.questions)}",
                      size=theme.SIZE_SMALL, color=theme.INK_MUTED, align="center", valign="center")
        score_w = w * 0.2
        score_box, total = (x + w - score_w, 22, score_w, 40), game.scoreboard.total
        shown = self.shown_total()
        if shown == total:
            draw_text(surface, view, score_box, f"Score {total:,}", size=theme.SIZE_BODY, weight="bold",
                      color=theme.ACCENT, align="right", valign="center")
        else:
            draw_counting(surface, view, score_box, f"Score {shown:,}", f"Score {total:,}", size=theme.SIZE_BODY,
                          weight="bold", color=theme.ACCENT, align="right", valign="center")
        if game.streak > 1:
            self.draw_streak(surface, (x + w * 0.65, 22, w * 0.15 - 8, 40))

    def draw_streak(self, surface, box) -> None:
        """The streak as a pill that grows with it (up to the bonus's cap) and pops when it grows."""
        view, streak = self.view, self.game.streak
        x, y, w, h = box
        grow = min(streak, 6) / 6
        pill_h = 26 + 12 * grow
        pill_w = min(w, 96 + 40 * grow)
        pop = pulse(self.motion.progress("streak")) if self.motion.active("streak") else 0.0
        pill = (x + w - pill_w, y + (h - pill_h) / 2, pill_w, pill_h)
        fill = theme.mix(theme.ACCENT_SOFT, theme.WARNING, grow)
        if pop:
            rect = view.rect(pill).inflate(view.px(10 * pop), view.px(10 * pop))
            pygame.draw.rect(surface, theme.mix(fill, theme.INK, 0.4), rect, border_radius=rect.h // 2)
        draw_panel(surface, view, pill, fill=fill, edge=None, radius=pill_h / 2)
        draw_text(surface, view, pill, f"Streak ×{streak}", size=theme.SIZE_SMALL * (0.85 + 0.3 * grow),
                  weight="bold", color=theme.ink_on(fill), align="center", valign="center")

    def handle_event(self, event, action):
        if event.type == pygame.WINDOWFOCUSLOST and self.game.phase is Phase.QUESTION:
            return self.pause()  # a player who looks away does not lose the clock
        super().handle_event(event, action)


class CardScene(GameScene):
    """A scene between questions (round card, feedback, round summary): Esc pauses, anything
    that means "go on" moves the game to its next phase (at once, even mid-animation)."""

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.pause()
        if confirmed(event, action):
            self.app.sound.play("select")
            self.session.advance(self)


def slide(motion: Motion, name: str, distance: float = 60.0) -> float:
    """How far below its place a panel sliding in still is."""
    return distance * (1 - ease_out(motion.progress(name)))


# --- round card ---------------------------------------------------------------------------------

class RoundCardScene(CardScene):
    name = "round-card"

    def __init__(self, app, session):
        super().__init__(app, session)
        self.motion.start("slide", 0.3)

    def draw(self, surface):
        view, game = self.view, self.game
        rnd = game.current_round
        self.draw_status(surface)
        px, py, pw, ph = view.centred(880, 420, view.middle(420, 80))
        py += slide(self.motion, "slide")
        cx, cw = px + 40, pw - 80
        draw_panel(surface, view, (px, py, pw, ph), fill=theme.PANEL, edge=theme.ACCENT, width=3)
        draw_text(surface, view, (cx, py + 30, cw, 40), f"Round {rnd.index + 1} of {len(game.rounds)}",
                  size=theme.SIZE_BODY, weight="semibold", color=theme.ACCENT, align="center")
        draw_text(surface, view, (cx, py + 80, cw, 100), rnd.title, size=theme.SIZE_TITLE, weight="bold",
                  align="center", valign="center")
        draw_text(surface, view, (cx + 20, py + 194, cw - 40, 110), rnd.blurb, size=theme.SIZE_BODY, color=theme.INK,
                  align="center", valign="center")
        limit = game.time_limit
        detail = f"{len(rnd.questions)} questions · " + (f"{limit:g} seconds each" if limit else "no timer")
        draw_text(surface, view, (cx + 20, py + 312, cw - 40, 44), detail, size=theme.SIZE_SMALL, color=theme.INK_MUTED,
                  align="center", valign="center")
        for i, style in enumerate(view.palette.tiles):  # the four answer shapes, as a reminder of the keys
            draw_shape(surface, style.shape, view.point(px + pw / 2 - 75 + i * 50, py + 385), view.px(12), style.fill)
        draw_hint(surface, view, "Enter, Space or click to start  ·  Esc pause")


# --- question -----------------------------------------------------------------------------------

def tile_boxes(count: int, top: float = 350, bottom: float = 620, *, x: float = theme.MARGIN,
               width: float = 1280 - 2 * theme.MARGIN, columns: int = 2, gap: float = 20,
               max_row: float | None = None) -> list[tuple[float, float, float, float]]:
    """The answer tiles' boxes between `top` and `bottom`: two side by side (true/false) or a 2x2
    grid, or one column (`columns=1`, a portrait window). Rows are at most `max_row` tall and the
    grid is then centred in the space."""
    columns = max(1, min(columns, count))
    rows = -(-count // columns)
    tile_w = (width - gap * (columns - 1)) / columns
    row_h = (bottom - top - gap * (rows - 1)) / rows
    if max_row is not None and row_h > max_row:
        top += (row_h - max_row) * rows / 2
        row_h = max_row
    return [(x + (i % columns) * (tile_w + gap), top + (i // columns) * (row_h + gap), tile_w, row_h)
            for i in range(count)]


TILE_ROW_MAX = 150  # a tile taller than this is empty space, better given to the prompt or the Why
TRUE_FALSE_ROW_MAX = 120


def grid_boxes(view, count: int, top: float, bottom: float) -> list:
    """tile_boxes for this window: one column on a portrait window, rows never taller than needed."""
    x, w = view.column()
    return tile_boxes(count, top, bottom, x=x, width=w, columns=1 if view.portrait else 2,
                      max_row=TRUE_FALSE_ROW_MAX if count <= 2 else TILE_ROW_MAX)


def answer_keys(count: int) -> str:
    """The keys that answer a question with `count` choices: '1–2 or A–B' for true/false."""
    return f"1–{count} or A–{'ABCD'[count - 1]}"


class QuestionScene(GameScene):
    name = "question"

    def __init__(self, app, session):
        super().__init__(app, session)
        self.question = self.game.question
        self.focus = 0
        self.last_tick = None
        self.notice = ""  # e.g. why pressing a removed tile did nothing
        # +Time is not offered in a game without a timer: there is no clock to give time to.
        offered = [name for name in LIFELINES if not (name == "extra-time" and self.game.time_limit is None)]
        self.lifeline_buttons = [Button((0, 0, 0, 0), f"{LIFELINE_KEYS[LIFELINES.index(name)]}  {LIFELINE_LABELS[name]}",
                                        name, size=theme.SIZE_SMALL) for name in offered]
        self.refresh_lifelines()
        self.motion.start("appear", 0.3)
        session.pressed = None

    def layout(self) -> None:
        view = self.view
        x, w = view.column()
        row_y = view.hint_top - 56
        button_w = min(230.0, (w - 3 * 12) / 4)
        for i, button in enumerate(self.lifeline_buttons):
            button.box = (x + i * (button_w + 12), row_y, button_w, 48)
        self.timer_box = (x, 80, w - 96, 18)  # the bar; its seconds are written to its right
        top, bottom = 116, row_y - 18
        rows = len(self.question.choices) if view.portrait else -(-len(self.question.choices) // 2)
        tiles_h = min((bottom - top) * 0.6, rows * (TILE_ROW_MAX + 20))
        prompt_h = min(bottom - top - tiles_h - 16, 320 if not view.portrait else 420)
        self.prompt_box = (x, top, w, prompt_h)
        self.tile_area = (top + prompt_h + 16, bottom)

    def refresh_lifelines(self) -> None:
        """Mark the lifelines already spent (and 50:50 on a typed question: nothing to remove)."""
        for button in self.lifeline_buttons:
            button.spent = button.key not in self.game.lifelines_left
            button.enabled = not button.spent and not (self.question.is_typed and button.key == "fifty-fifty")

    def tiles(self) -> list[AnswerTile]:
        """The answer tiles, built from the game's state rather than kept: 50:50 removes tiles and
        a second chance's first pick is crossed out; they keep their places, so keys 1-4 still
        mean the same answers."""
        self.ensure_layout()
        visible = set(self.game.choices)
        first = self.game.first_pick
        boxes = grid_boxes(self.view, len(self.question.choices), *self.tile_area)
        return [AnswerTile(box, i, choice, "normal" if choice in visible else "wrong" if choice == first else "removed",
                           "1st pick" if choice == first else "")
                for i, (box, choice) in enumerate(zip(boxes, self.question.choices))]

    def focusables(self) -> int:
        return len(self.question.choices) + len(self.lifeline_buttons)

    def choose(self, index: int) -> None:
        if self.game.phase is not Phase.QUESTION or self.game.paused:
            return
        if not 0 <= index < len(self.question.choices):
            return
        choice = self.question.choices[index]
        if choice not in self.game.choices:
            # Pressed a tile that is gone: say why nothing happened, rather than nothing at all.
            self.notice = ("You already picked that one: pick another" if choice == self.game.first_pick
                           else "Removed by 50:50: pick one of the others")
            self.motion.start(f"nudge:{index}", 0.25)
            self.app.sound.play("tick")
            return
        self.session.pressed = index
        self.submit(choice)

    def submit(self, response: str) -> None:
        before = self.game.scoreboard.total
        outcome = self.game.answer(response)
        if outcome is None:  # a wrong first pick with the second chance armed
            self.app.sound.play("wrong")
            self.notice = ""
            self.motion.start("second-chance", 0.3)
            return
        self.session.counted_from = before
        self.app.replace(FeedbackScene(self.app, self.session))

    def use_lifeline(self, index: int) -> None:
        """Use the lifeline LIFELINES[index] (the Q W E R order), when it is offered."""
        name = LIFELINES[index]
        if not any(button.key == name for button in self.lifeline_buttons):
            return
        if self.game.use_lifeline(name):
            self.app.sound.play("select")
            self.refresh_lifelines()
            self.notice = ""
            if self.game.question is not self.question:  # skipped: a new question, maybe of a new sort
                self.app.replace(self.session.scene())

    def handle(self, event, action):
        if action is not None:
            if action.name == "back":
                return self.pause()
            if action.name == "choice":
                return self.choose(action.index)
            if action.name == "lifeline":
                return self.use_lifeline(action.index)
            tiles = len(self.question.choices)
            if action.name in ("left", "right"):
                self.focus = (self.focus + (1 if action.name == "right" else -1)) % self.focusables()
            elif action.name in ("up", "down"):
                step = 2 if tiles > 2 and not self.view.portrait else 1 if self.view.portrait else tiles
                self.focus = (self.focus + (step if action.name == "down" else -step)) % self.focusables()
            elif action.name == "confirm":
                if self.focus < tiles:
                    self.choose(self.focus)
                else:
                    self.use_lifeline(LIFELINES.index(self.lifeline_buttons[self.focus - tiles].key))
            return
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN) and hasattr(event, "pos"):
            self.click(event)

    def click(self, event) -> None:
        clicked = event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1
        for tile in self.tiles():
            if inside(tile.box, event.pos):
                self.focus = tile.index
                if clicked:
                    self.choose(tile.index)
                return
        for i, button in enumerate(self.lifeline_buttons):
            if inside(button.box, event.pos):
                self.focus = len(self.question.choices) + i
                if clicked:
                    self.use_lifeline(LIFELINES.index(button.key))
                return

    def update(self, dt):
        super().update(dt)
        if self.game.phase is not Phase.QUESTION or self.app.top is not self:
            return
        outcome = self.game.update()
        if outcome is not None:
            self.session.counted_from = None
            self.app.replace(FeedbackScene(self.app, self.session))
            return
        left = self.game.time_left()
        if left is not None and 0 < left <= 5 and self.last_tick != int(left):
            self.last_tick = int(left)
            self.app.sound.play("tick")

    def draw_timer(self, surface) -> None:
        left, limit = self.game.time_left(), self.game.time_limit
        x, w = self.view.column()
        if left is None or not limit:
            draw_text(surface, self.view, (x, 70, w, 36), "No timer: take your time",
                      size=theme.SIZE_SMALL, color=theme.INK_MUTED, valign="center")
            return
        draw_timer_bar(surface, self.view, self.timer_box, left / limit, left)
        draw_text(surface, self.view, (x + w - 84, 68, 84, 42), f"{left:0.0f}s" if left >= 10 else f"{left:0.1f}s",
                  size=theme.SIZE_BODY, weight="bold", align="right", valign="center",
                  color=theme.INK if left > 5 else self.view.palette.timer_low)

    def draw_prompt(self, surface, box=None) -> None:
        x, y, w, h = box or self.prompt_box
        second_chance = self.game.first_pick is not None
        draw_panel(surface, self.view, (x, y, w, h), edge=self.view.palette.wrong if second_chance else theme.PANEL_EDGE,
                   width=3 if second_chance else 2)
        banner = 46 if second_chance else 0
        draw_text(surface, self.view, (x + 32, y + 16, w - 64, h - 32 - banner), self.question.prompt,
                  size=theme.SIZE_PROMPT, weight="semibold", align="center", valign="center")
        if second_chance:
            # Said in words, not only by a dimmed tile: the first pick was wrong, one more try.
            pop = 8 * pulse(self.motion.progress("second-chance"))
            draw_panel(surface, self.view, (x + w / 2 - 300 - pop, y + h - 50, 600 + 2 * pop, 40),
                       fill=self.view.palette.wrong, edge=None, radius=20)
            draw_text(surface, self.view, (x + w / 2 - 290, y + h - 50, 580, 40),
                      "Wrong — pick again (2nd chance, half points)", size=theme.SIZE_SMALL, weight="bold",
                      color=theme.ink_on(self.view.palette.wrong), align="center", valign="center")

    def lifeline_hint(self) -> str:
        return f"{answer_keys(len(self.question.choices))} answer  ·  Q W E R lifelines  ·  Esc pause"

    def draw_lifelines(self, surface, hint: str | None = None) -> None:
        tiles = len(self.question.choices)
        for i, button in enumerate(self.lifeline_buttons):
            button.draw(surface, self.view, self.focus == tiles + i)
        if self.game.double_chance_armed and self.game.first_pick is None:
            hint = "2nd chance armed: a wrong pick gets one more try  ·  Esc pause"
        if self.notice:
            hint = self.notice
        draw_hint(surface, self.view, hint or self.lifeline_hint())

    def draw_hidden(self, surface) -> None:
        """While paused the question is hidden: a pause is not extra time to think."""
        x, w = self.view.column()
        draw_panel(surface, self.view, (x, 116, w, self.view.hint_top - 130))

    def tile_motion(self, tiles) -> tuple[list, list]:
        appear = ease_out(self.motion.progress("appear"))
        lifts = [(1 - appear) * (30 + 12 * i) for i in range(len(tiles))]
        squeezes = [pulse(self.motion.progress(f"nudge:{i}")) if self.motion.active(f"nudge:{i}") else 0.0
                    for i in range(len(tiles))]
        return lifts, squeezes

    def draw(self, surface):
        self.draw_status(surface)
        self.draw_timer(surface)
        if self.game.paused:
            return self.draw_hidden(surface)
        self.draw_prompt(surface)
        tiles = self.tiles()
        lifts, squeezes = self.tile_motion(tiles)
        draw_tiles(surface, self.view, tiles, self.focus, lifts=lifts, squeezes=squeezes)
        self.draw_lifelines(surface)


class TypedQuestionScene(QuestionScene):
    """A question answered by typing a name: text arrives as TEXTINPUT events, accents and all."""

    name = "typed-answer"
    wants_text = True

    def __init__(self, app, session):
        super().__init__(app, session)
        self.input = TextInput((0, 0, 0, 0), max_length=40)
        self.focus = -1
        # Letters type here, so the lifelines have no letter keys: Down reaches them, or a click.
        for button in self.lifeline_buttons:
            button.label = LIFELINE_LABELS[button.key]

    def layout(self) -> None:
        super().layout()
        x, y, w, h = self.prompt_box
        top, bottom = self.tile_area
        prompt_h = min(h + (bottom - top) - 240, 360)
        y = self.view.middle(prompt_h + 24 + 170, y, bottom)  # the block centred in a tall window
        self.prompt_box = (x, y, w, prompt_h)
        field_w = min(800.0, w)
        field_y = y + prompt_h + 24
        self.input.box = (x + (w - field_w) / 2, field_y, field_w, 90)
        self.note_box = (x + (w - field_w) / 2, field_y + 100, field_w, 70)

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.pause()
        if action is not None and self.focus_lifelines(action):
            return
        if event.type == pygame.TEXTINPUT:
            self.focus = -1  # typing goes back to the answer field
        result = self.input.handle(event)
        if result == "submit" and self.input.text.strip() and self.game.phase is Phase.QUESTION:
            self.submit(self.input.text)
            if self.app.top is self:  # a wrong first try with the second chance armed: type again
                self.input.text = ""
            return
        if event.type == pygame.MOUSEBUTTONDOWN and hasattr(event, "pos"):
            for button in self.lifeline_buttons:
                if inside(button.box, event.pos) and getattr(event, "button", 1) == 1 and button.enabled:
                    self.use_lifeline(LIFELINES.index(button.key))

    def focus_lifelines(self, action) -> bool:
        """Arrows between the answer field (focus -1) and the lifeline row; Enter on a lifeline
        uses it. True when the action was about the lifelines."""
        usable = [i for i, button in enumerate(self.lifeline_buttons) if button.enabled]
        if self.focus < 0:
            if action.name == "down" and usable:
                self.focus = usable[0]
                return True
            return False
        if action.name == "up" or not usable:
            self.focus = -1
        elif action.name in ("left", "right"):
            step = 1 if action.name == "right" else -1
            self.focus = usable[(usable.index(self.focus) + step) % len(usable)] if self.focus in usable else usable[0]
        elif action.name == "confirm":
            self.use_lifeline(LIFELINES.index(self.lifeline_buttons[self.focus].key))
            self.focus = -1
        return True

    def update(self, dt):
        self.input.update(dt)
        super().update(dt)

    def draw_lifelines(self, surface, hint: str | None = None) -> None:
        tiles = len(self.question.choices)  # 0: focus i is lifeline i
        for i, button in enumerate(self.lifeline_buttons):
            button.draw(surface, self.view, self.focus == tiles + i)
        if self.game.first_pick is not None:
            hint = "Wrong — type again (2nd chance, half points)"
        draw_hint(surface, self.view, self.notice or hint or "Down for the lifelines  ·  Esc pause")

    def draw(self, surface):
        self.draw_status(surface)
        self.draw_timer(surface)
        if self.game.paused:
            return self.draw_hidden(surface)
        x, y, w, h = self.prompt_box
        draw_panel(surface, self.view, self.prompt_box)
        draw_text(surface, self.view, (x + 32, y + 16, w - 64, h - 32), self.question.prompt,
                  size=theme.SIZE_PROMPT, weight="semibold", align="center", valign="center")
        # A pack's own typed questions may ask for anything, not only a character's name.
        by_name = self.question.kind == "typed"
        self.input.draw(surface, self.view, placeholder="Type the name…" if by_name else "Type your answer…")
        draw_text(surface, self.view, self.note_box,
                  "Enter to answer. Accents optional; small typos are forgiven"
                  + (", another character's name is not." if by_name else "."),
                  size=theme.SIZE_SMALL, color=theme.INK_MUTED, align="center")
        self.draw_lifelines(surface)


# --- feedback -----------------------------------------------------------------------------------

class FeedbackScene(CardScene):
    name = "feedback"

    def __init__(self, app, session):
        super().__init__(app, session)
        self.outcome = self.game.outcome
        app.sound.play("right" if self.outcome.correct else "wrong")
        self.motion.start("reveal", MOTION_SECONDS)
        if self.outcome.correct:
            self.motion.start("count", MOTION_SECONDS)
            if self.outcome.streak > 1:
                self.motion.start("streak", 0.3)
                app.sound.play("select")  # the streak grew: a second, lighter beat

    def aside(self) -> str:
        """What the points are made of, beside the verdict: the streak bonus, or why only half."""
        outcome = self.outcome
        if not outcome.correct:
            return ""
        if outcome.second_pick:
            return "Second pick: half points"
        bonus = streak_bonus(outcome.streak) if self.game.settings.streak_bonus else 0
        return f"incl. +{bonus:,} streak bonus" if bonus else ""

    def draw(self, surface):
        self.draw_status(surface)
        points = round(self.outcome.points * ease_out(self.motion.progress("count")))
        draw_answer_key(surface, self.view, self.outcome, self.aside(), reveal=self.motion.progress("reveal"),
                        points=points, pressed=self.session.pressed)
        draw_hint(surface, self.view, "Enter, Space or click to continue")


def verdict(outcome: Outcome, palette: theme.Palette, points: int | None = None) -> tuple[str, theme.Color]:
    if outcome.correct:
        return f"Right!  +{outcome.points if points is None else points:,} points", palette.right
    if outcome.timed_out:
        return "Time's up", palette.wrong
    return "Not quite", palette.wrong


WHY_MIN = 110  # the Why box is never smaller than this, and grows with the explanation


@dataclass(frozen=True)
class AnswerKeyLayout:
    """Where an answered question's pieces go: the tiles (or the typed answer's box) and the Why."""

    tiles: tuple  # one box per choice; empty for a typed question
    typed: tuple | None
    why: tuple


def answer_key_layout(view, question, bottom: float | None = None) -> AnswerKeyLayout:
    bottom = view.hint_top - 8 if bottom is None else bottom
    return _answer_key_layout(view.size, view.scale, view.text_scale, view.portrait, question.explanation or
                              f"The answer: {question.answer}.", len(question.choices), question.is_typed, bottom)


@lru_cache(maxsize=32)
def _answer_key_layout(size, scale, text_scale, portrait, explanation, count, typed, bottom) -> AnswerKeyLayout:
    """The Why box takes what its explanation needs at full size, the tiles the rest up to their
    cap; left-over room is split around the Why box rather than stretching it empty."""
    x, w = column_of(size[0])
    top = 160 + 80 + 8
    text_w = round((w - 56) * scale)
    needed = fit_text(typeset(explanation), "regular", round(theme.SIZE_BODY * scale * text_scale), text_w,
                      10**6).height / scale
    why_need = max(WHY_MIN, needed + 60)
    typed_box, boxes = None, ()
    if typed:
        tiles_bottom = min(top + 180, bottom - why_need - 16)
        typed_box = (x, top, w, tiles_bottom - top)
    else:
        rows = count if portrait else -(-count // 2)
        row_max = TRUE_FALSE_ROW_MAX if count <= 2 else 110
        tiles_bottom = max(top + rows * 60, min(top + rows * (row_max + 16), bottom - why_need - 16))
        boxes = tuple(tile_boxes(count, top, tiles_bottom, x=x, width=w, columns=1 if portrait else 2, gap=14,
                                 max_row=row_max))
    why_top = tiles_bottom + 16
    why_h = bottom - why_top
    if why_h > why_need + 40:  # more room than it needs: the box hugs its text, centred in the space
        why_top += (why_h - why_need) / 2
        why_h = why_need
    return AnswerKeyLayout(boxes, typed_box, (x, why_top, w, why_h))


def draw_answer_key(surface, view, outcome: Outcome, aside: str = "", bottom: float | None = None, *,
                    reveal: float = 1.0, points: int | None = None, pressed: int | None = None) -> None:
    """An answered question: the verdict, the prompt, the right answer (and a wrong pick, and a
    second chance's first pick) marked, and why. The feedback after an answer and the review of a
    miss at the end show the same card. `reveal` (0-1) drives the right tile's pulse; `points`
    the verdict's count-up."""
    question = outcome.question
    x, w = view.column()
    layout = answer_key_layout(view, question, bottom)
    text, color = verdict(outcome, view.palette, points)
    draw_panel(surface, view, (x, 76, w, 74), fill=theme.PANEL, edge=color, width=3)
    draw_mark(surface, view, view.point(x + 44, 113), outcome.correct, color)
    verdict_box = (x + 84, 84, w * 0.5 - 84, 58)
    if points is None or points == outcome.points:
        draw_text(surface, view, verdict_box, text, size=theme.SIZE_HEADING * 0.85, weight="bold", color=color,
                  valign="center")
    else:  # still counting up
        draw_counting(surface, view, verdict_box, text, verdict(outcome, view.palette)[0],
                      size=theme.SIZE_HEADING * 0.85, weight="bold", color=color, valign="center")
    if not outcome.correct and not question.is_typed:
        # A long answer (a whole twist) does not fit beside the verdict: point at its ticked tile.
        shown = question.answer if len(question.answer) <= 32 else \
            theme.KEY_LABELS[question.choices.index(question.answer)]
        aside, aside_color = f"Answer: {shown}", view.palette.right
    else:
        aside_color = theme.ACCENT
    if aside:
        draw_text(surface, view, (x + w * 0.5, 84, w * 0.5 - 24, 58), aside, size=theme.SIZE_BODY, weight="semibold",
                  color=aside_color, align="right", valign="center")
    draw_text(surface, view, (x, 160, w, 80), question.prompt, size=theme.SIZE_BODY,
              weight="semibold", color=theme.INK, align="center", valign="center")
    if question.is_typed:
        _draw_typed_answer(surface, view, outcome, layout.typed)
    else:
        tiles = []
        for i, (box, choice) in enumerate(zip(layout.tiles, question.choices)):
            state = "right" if choice == question.answer else "wrong" if choice in (outcome.response, outcome.first_pick) \
                else "faded"
            tag = "1st pick" if outcome.first_pick is not None and choice == outcome.first_pick else \
                "2nd pick" if outcome.first_pick is not None and choice == outcome.response else ""
            tiles.append(AnswerTile(box, i, choice, state, tag))
        glows = [pulse(reveal) if tile.state == "right" and reveal < 1 else 0.0 for tile in tiles]
        squeezes = [pulse(min(1.0, reveal * 3)) if i == pressed and reveal < 1 / 3 else 0.0 for i in range(len(tiles))]
        draw_tiles(surface, view, tiles, glows=glows, squeezes=squeezes)
    wx, wy, ww, wh = layout.why
    draw_panel(surface, view, layout.why)
    draw_text(surface, view, (wx + 28, wy + 10, ww - 56, 30), "Why", size=theme.SIZE_SMALL, weight="bold",
              color=theme.ACCENT)
    draw_text(surface, view, (wx + 28, wy + 44, ww - 56, wh - 52), question.explanation or
              f"The answer: {question.answer}.", size=theme.SIZE_BODY, color=theme.INK)


def _draw_typed_answer(surface, view, outcome: Outcome, box) -> None:
    x, y, w, h = box
    typed = outcome.response if outcome.response is not None else "(nothing)"
    if outcome.first_pick is not None:
        typed = f"{outcome.first_pick}, then {typed}"
    draw_panel(surface, view, box)
    draw_text(surface, view, (x + 28, y + 10, w - 56, h * 0.4), f"You typed: {typed}", size=theme.SIZE_BODY,
              color=theme.INK if outcome.correct else view.palette.wrong, align="center", valign="center")
    draw_text(surface, view, (x + 28, y + h * 0.45, w - 56, h * 0.5), f"Answer: {outcome.question.answer}",
              size=theme.SIZE_PROMPT, weight="bold", color=view.palette.right, align="center", valign="center")


# --- round summary ------------------------------------------------------------------------------

class RoundSummaryScene(CardScene):
    name = "round-summary"

    def __init__(self, app, session):
        super().__init__(app, session)
        app.sound.play("round_end")
        self.motion.start("slide", 0.35)

    def draw(self, surface):
        view, game = self.view, self.game
        title, points, right, asked = game.round_results()
        self.draw_status(surface)
        px, py, pw, ph = view.centred(800, 460, view.middle(460, 80))
        py += slide(self.motion, "slide", 80)
        draw_panel(surface, view, (px, py, pw, ph), fill=theme.PANEL, edge=theme.ACCENT, width=3)
        draw_text(surface, view, (px + 40, py + 30, pw - 80, 50), f"End of {title}", size=theme.SIZE_HEADING,
                  weight="bold", align="center", valign="center")
        stats = [("Points this round", f"{points:,}"), ("Right answers", f"{right} of {asked}"),
                 ("Best streak so far", str(game.scoreboard.best_streak)),
                 ("Total score", f"{game.scoreboard.total:,}")]
        for i, (label, value) in enumerate(stats):
            y = py + 120 + i * 70
            draw_text(surface, view, (px + 60, y, pw * 0.55 - 60, 56), label, size=theme.SIZE_BODY,
                      color=theme.INK_MUTED, valign="center")
            draw_text(surface, view, (px + pw * 0.55, y, pw * 0.45 - 60, 56), value, size=theme.SIZE_HEADING * 0.8,
                      weight="bold", color=theme.ACCENT if i == 3 else theme.INK, align="right", valign="center")
        last = game.round_index >= len(game.rounds) - 1
        draw_hint(surface, view, "Enter, Space or click for " + ("the results" if last else "the next round"))
