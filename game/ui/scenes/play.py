"""A game, scene by scene: setup, round card, question (tiles or typed), feedback, round summary.

The rules live in `game.engine.Game`; these scenes only show its state and pass the player's
choices to it. Each scene replaces itself with the one for the game's next phase.
"""
from __future__ import annotations

from datetime import date

import pygame

from ...engine import (DEFAULT_ROUNDS, LIFELINES, ROUND_CHOICES, Game, Outcome, Phase, Settings,
                       daily_settings, mode_name, rounds_for, streak_bonus)
from .. import theme
from ..widgets import (AnswerTile, Button, Menu, TextInput, draw_mark, draw_panel, draw_shape, draw_text,
                       draw_timer_bar, inside, on_off)
from .base import Scene, confirmed, draw_heading, draw_hint

STANDARD_ROUND_COUNT = len(DEFAULT_ROUNDS)


LIFELINE_LABELS = {"fifty-fifty": "50:50", "skip": "Skip", "extra-time": "+Time", "double-chance": "2nd chance"}
LIFELINE_KEYS = ("Q", "W", "E", "R")
LIFELINE_PITCH, LIFELINE_WIDTH = 198, 186  # wide enough that "R  2nd chance" keeps the others' size


class Session:
    """One game being played in the window: the engine's Game and how it was started."""

    def __init__(self, app, settings: Settings, misses: dict[str, int] | None = None, game: Game | None = None):
        self.app = app
        self.settings = settings
        self.game = game if game is not None else self.new_game(app, settings, misses)
        self.saved = False

    @staticmethod
    def new_game(app, settings: Settings, misses: dict[str, int] | None = None) -> Game:
        facts, generator = app.question_source(settings)
        return Game(facts, settings, clock=app.clock, misses=misses, generator=generator)

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

    def advance(self, scene: Scene) -> None:
        """Move the game on and show the scene for where it went."""
        self.game.next()
        if self.app.stack and self.app.top is scene:
            self.app.replace(self.scene())


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
    name = "setup"

    def __init__(self, app):
        super().__init__(app)
        packs = [(None, "All packs")] + [(p.id, p.title) for p in app.library.packs]
        self.options: dict[str, tuple[list, int]] = {
            "rounds": (list(range(1, len(ROUND_CHOICES) + 1)), STANDARD_ROUND_COUNT - 1),
            "questions": ([3, 5, 8, 10], 1),
            "difficulty": (["easy", "medium", "hard"], 1),
            "spoilers": ([True, False], 0),
            "timer": ([True, False], 0 if app.prefs.timer else 1),
            "packs": (packs, 0),
        }
        self.menu = Menu([("rounds", "Rounds"), ("questions", "Questions per round"), ("difficulty", "Difficulty"),
                          ("spoilers", "Spoilers"), ("timer", "Timer"), ("packs", "Packs"), ("start", "Start"),
                          ("back", "Back")], (240, 134, 800, 0), row_height=50, gap=10)
        self.menu.focus = self.menu.buttons.index(self.menu.button("start"))
        self._refresh()

    def value(self, key: str):
        values, index = self.options[key]
        return values[index]

    def _refresh(self):
        for button in self.menu.buttons:
            if button.key in self.options:
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
        values, index = self.options[key]
        self.options[key] = (values, (index + step) % len(values))
        self.app.sound.play("select")
        self._refresh()

    def settings(self) -> Settings:
        pack = self.value("packs")[0]
        chosen = [p for p in self.app.library.packs if p.id == pack]
        return Settings(rounds=rounds_for(self.value("rounds"), chosen), questions_per_round=self.value("questions"),
                        difficulty=self.value("difficulty"), spoilers=self.value("spoilers"),
                        timer=self.value("timer"), packs=(pack,) if pack else (),
                        mode=mode_name("classic", self.value("timer")))

    def start(self) -> None:
        game = self.planned_game
        self.app.replace(Session(self.app, game.settings, game=game).scene())

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.dismiss()
        focused = self.menu.focused_key
        if action is not None and action.name in ("left", "right"):
            if focused in self.options:
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
        return "Rounds: " + " → ".join(played) + note

    def draw(self, surface):
        draw_heading(surface, self.view, "New game", "Choose how you want to play.")
        self.menu.draw(surface, self.view)
        draw_text(surface, self.view, (theme.MARGIN, 630, 1280 - 2 * theme.MARGIN, 44), self.rounds_preview,
                  size=theme.SIZE_SMALL, color=theme.ACCENT, align="center", valign="center")
        draw_hint(surface, self.view, "Up/Down choose  ·  Left/Right change  ·  Enter start  ·  Esc back")


# --- shared pieces of the in-game scenes --------------------------------------------------------

class GameScene(Scene):
    def __init__(self, app, session: Session):
        super().__init__(app)
        self.session = session
        self.game = session.game

    def pause(self) -> None:
        self.game.pause()
        from .overlays import PauseScene
        self.app.push(PauseScene(self.app), self._after_pause)

    def _after_pause(self, choice) -> None:
        self.game.resume()
        if choice == "quit":
            self.dismiss()

    def draw_status(self, surface) -> None:
        """Round, progress, score and streak along the top."""
        view, game = self.view, self.game
        rnd = game.current_round
        if rnd is None:
            return
        draw_text(surface, view, (theme.MARGIN, 22, 520, 40), f"Round {rnd.index + 1}/{len(game.rounds)} · {rnd.title}",
                  size=theme.SIZE_BODY, weight="semibold", color=theme.INK, valign="center")
        if game.phase in (Phase.QUESTION, Phase.FEEDBACK):
            draw_text(surface, view, (560, 22, 200, 40), f"Question {rnd.position + 1} of {len(rnd.questions)}",
                      size=theme.SIZE_SMALL, color=theme.INK_MUTED, align="center", valign="center")
        streak = f"Streak {game.streak}  ·  " if game.streak > 1 else ""
        draw_text(surface, view, (780, 22, 452, 40), f"{streak}Score {game.scoreboard.total:,}",
                  size=theme.SIZE_BODY, weight="bold", color=theme.ACCENT, align="right", valign="center")

    def handle_event(self, event, action):
        if event.type == pygame.WINDOWFOCUSLOST and self.game.phase is Phase.QUESTION:
            return self.pause()  # a player who looks away does not lose the clock
        super().handle_event(event, action)


class CardScene(GameScene):
    """A scene between questions (round card, feedback, round summary): Esc pauses, anything
    that means "go on" moves the game to its next phase."""

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.pause()
        if confirmed(event, action):
            self.app.sound.play("select")
            self.session.advance(self)


# --- round card ---------------------------------------------------------------------------------

class RoundCardScene(CardScene):
    name = "round-card"

    def draw(self, surface):
        view, game = self.view, self.game
        rnd = game.current_round
        self.draw_status(surface)
        draw_panel(surface, view, (200, 150, 880, 420), fill=theme.PANEL, edge=theme.ACCENT, width=3)
        draw_text(surface, view, (240, 180, 800, 40), f"Round {rnd.index + 1} of {len(game.rounds)}",
                  size=theme.SIZE_BODY, weight="semibold", color=theme.ACCENT, align="center")
        draw_text(surface, view, (240, 230, 800, 100), rnd.title, size=theme.SIZE_TITLE, weight="bold",
                  align="center", valign="center")
        draw_text(surface, view, (260, 350, 760, 100), rnd.blurb, size=theme.SIZE_BODY, color=theme.INK,
                  align="center", valign="center")
        limit = game.time_limit
        detail = f"{len(rnd.questions)} questions · " + (f"{limit:g} seconds each" if limit else "no timer")
        draw_text(surface, view, (260, 470, 760, 40), detail, size=theme.SIZE_SMALL, color=theme.INK_MUTED,
                  align="center")
        for i, style in enumerate(view.palette.tiles):  # the four answer shapes, as a reminder of the keys
            draw_shape(surface, style.shape, view.point(565 + i * 50, 535), view.px(12), style.fill)
        draw_hint(surface, view, "Enter, Space or click to start  ·  Esc pause")


# --- question -----------------------------------------------------------------------------------

def tile_boxes(count: int, top: float = 350, bottom: float = 620) -> list[tuple[float, float, float, float]]:
    """Two tiles side by side (true/false), or a 2x2 grid."""
    width = (1280 - 2 * theme.MARGIN - 24) / 2
    if count <= 2:
        return [(theme.MARGIN + i * (width + 24), top, width, bottom - top) for i in range(count)]
    height = (bottom - top - 20) / 2
    return [(theme.MARGIN + (i % 2) * (width + 24), top + (i // 2) * (height + 20), width, height)
            for i in range(count)]


class QuestionScene(GameScene):
    name = "question"

    def __init__(self, app, session):
        super().__init__(app, session)
        self.question = self.game.question
        self.focus = 0
        self.last_tick = None
        self.lifeline_buttons = [Button((theme.MARGIN + i * LIFELINE_PITCH, 636, LIFELINE_WIDTH, 48),
                                        f"{LIFELINE_KEYS[i]}  {LIFELINE_LABELS[name]}", name, size=theme.SIZE_SMALL)
                                 for i, name in enumerate(LIFELINES)]
        self.refresh_lifelines()

    def refresh_lifelines(self) -> None:
        """Grey out the lifelines already spent (and 50:50 on a typed question: nothing to remove)."""
        for button in self.lifeline_buttons:
            button.enabled = button.key in self.game.lifelines_left and not (
                self.question.is_typed and button.key == "fifty-fifty")

    def tiles(self) -> list[AnswerTile]:
        """The answer tiles, built from the game's state rather than kept: 50:50 and a wrong first
        pick fade tiles, and they keep their places so keys 1-4 still mean the same answers."""
        visible = set(self.game.choices)
        return [AnswerTile(box, i, choice, "normal" if choice in visible else "faded")
                for i, (box, choice) in enumerate(zip(tile_boxes(len(self.question.choices)), self.question.choices))]

    def focusables(self) -> int:
        return len(self.question.choices) + len(self.lifeline_buttons)

    def choose(self, index: int) -> None:
        if self.game.phase is not Phase.QUESTION or self.game.paused:
            return
        if not 0 <= index < len(self.question.choices):
            return
        choice = self.question.choices[index]
        if choice not in self.game.choices:
            return
        self.submit(choice)

    def submit(self, response: str) -> None:
        outcome = self.game.answer(response)
        if outcome is None:  # a wrong first pick with the second chance armed
            self.app.sound.play("wrong")
            return
        self.app.replace(FeedbackScene(self.app, self.session))

    def use_lifeline(self, index: int) -> None:
        name = LIFELINES[index]
        if self.game.use_lifeline(name):
            self.app.sound.play("select")
            self.refresh_lifelines()
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
                step = 2 if tiles > 2 else tiles
                self.focus = (self.focus + (step if action.name == "down" else -step)) % self.focusables()
            elif action.name == "confirm":
                if self.focus < tiles:
                    self.choose(self.focus)
                else:
                    self.use_lifeline(self.focus - tiles)
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
                    self.use_lifeline(i)
                return

    def update(self, dt):
        if self.game.phase is not Phase.QUESTION or self.app.top is not self:
            return
        outcome = self.game.update()
        if outcome is not None:
            self.app.replace(FeedbackScene(self.app, self.session))
            return
        left = self.game.time_left()
        if left is not None and 0 < left <= 5 and self.last_tick != int(left):
            self.last_tick = int(left)
            self.app.sound.play("tick")

    def draw_timer(self, surface) -> None:
        left, limit = self.game.time_left(), self.game.time_limit
        if left is None or not limit:
            draw_text(surface, self.view, (theme.MARGIN, 74, 400, 30), "No timer: take your time",
                      size=theme.SIZE_SMALL, color=theme.INK_MUTED, valign="center")
            return
        draw_timer_bar(surface, self.view, (theme.MARGIN, 80, 1100, 18), left / limit, left)
        draw_text(surface, self.view, (1160, 70, 72, 38), f"{left:0.0f}s" if left >= 10 else f"{left:0.1f}s",
                  size=theme.SIZE_BODY, weight="bold", align="right", valign="center",
                  color=theme.INK if left > 5 else self.view.palette.timer_low)

    def draw_prompt(self, surface, box=(theme.MARGIN, 120, 1280 - 2 * theme.MARGIN, 210)) -> None:
        draw_panel(surface, self.view, box)
        x, y, w, h = box
        draw_text(surface, self.view, (x + 32, y + 20, w - 64, h - 40), self.question.prompt, size=theme.SIZE_PROMPT,
                  weight="semibold", align="center", valign="center")

    def draw_lifelines(self, surface, hint: str = "1–4 or A–D answer  ·  Esc pause") -> None:
        tiles = len(self.question.choices)
        for i, button in enumerate(self.lifeline_buttons):
            button.draw(surface, self.view, self.focus == tiles + i)
        if self.game.double_chance_armed:
            hint = "Second chance armed  ·  Esc pause"
        hint_x = theme.MARGIN + 4 * LIFELINE_PITCH
        draw_text(surface, self.view, (hint_x, 636, 1280 - theme.MARGIN - hint_x, 48),
                  hint, size=theme.SIZE_SMALL, color=theme.INK_MUTED, align="right", valign="center")

    def draw_hidden(self, surface) -> None:
        """While paused the question is hidden: a pause is not extra time to think."""
        draw_panel(surface, self.view, (theme.MARGIN, 120, 1280 - 2 * theme.MARGIN, 500))

    def draw(self, surface):
        self.draw_status(surface)
        self.draw_timer(surface)
        if self.game.paused:
            return self.draw_hidden(surface)
        self.draw_prompt(surface)
        for tile in self.tiles():
            tile.draw(surface, self.view, tile.index == self.focus)
        self.draw_lifelines(surface)


class TypedQuestionScene(QuestionScene):
    """A question answered by typing a name: text arrives as TEXTINPUT events, accents and all."""

    name = "typed-answer"
    wants_text = True

    def __init__(self, app, session):
        super().__init__(app, session)
        self.input = TextInput((240, 380, 800, 90), max_length=40)
        self.focus = -1
        # Letters type here, so the lifelines have no letter keys: Down reaches them, or a click.
        for button in self.lifeline_buttons:
            button.label = LIFELINE_LABELS[button.key]

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
            for i, button in enumerate(self.lifeline_buttons):
                if inside(button.box, event.pos) and getattr(event, "button", 1) == 1 and button.enabled:
                    self.use_lifeline(i)

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
            self.use_lifeline(self.focus)
            self.focus = -1
        return True

    def update(self, dt):
        self.input.update(dt)
        super().update(dt)

    def draw(self, surface):
        self.draw_status(surface)
        self.draw_timer(surface)
        if self.game.paused:
            return self.draw_hidden(surface)
        self.draw_prompt(surface, (theme.MARGIN, 120, 1280 - 2 * theme.MARGIN, 220))
        # A pack's own typed questions may ask for anything, not only a character's name.
        by_name = self.question.kind == "typed"
        self.input.draw(surface, self.view, placeholder="Type the name…" if by_name else "Type your answer…")
        draw_text(surface, self.view, (240, 486, 800, 60),
                  "Enter to answer. Accents optional; small typos are forgiven"
                  + (", another character's name is not." if by_name else "."),
                  size=theme.SIZE_SMALL, color=theme.INK_MUTED, align="center")
        self.draw_lifelines(surface, "Down for the lifelines  ·  Esc pause")


# --- feedback -----------------------------------------------------------------------------------

class FeedbackScene(CardScene):
    name = "feedback"

    def __init__(self, app, session):
        super().__init__(app, session)
        self.outcome = self.game.outcome
        app.sound.play("right" if self.outcome.correct else "wrong")

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
        draw_answer_key(surface, self.view, self.outcome, self.aside())
        draw_hint(surface, self.view, "Enter, Space or click to continue")


def verdict(outcome: Outcome, palette: theme.Palette) -> tuple[str, theme.Color]:
    if outcome.correct:
        return f"Right!  +{outcome.points:,} points", palette.right
    if outcome.timed_out:
        return "Time's up", palette.wrong
    return "Not quite", palette.wrong


def draw_answer_key(surface, view, outcome: Outcome, aside: str = "", bottom: float = 662) -> None:
    """An answered question: the verdict, the prompt, the right answer (and a wrong pick) marked,
    and why. The feedback after an answer and the review of a miss at the end show the same card."""
    question = outcome.question
    text, color = verdict(outcome, view.palette)
    draw_panel(surface, view, (theme.MARGIN, 76, 1184, 74), fill=theme.PANEL, edge=color, width=3)
    draw_mark(surface, view, view.point(theme.MARGIN + 44, 113), outcome.correct, color)
    draw_text(surface, view, (theme.MARGIN + 84, 84, 620, 58), text, size=theme.SIZE_HEADING * 0.85,
              weight="bold", color=color, valign="center")
    if not outcome.correct and not question.is_typed:
        # A long answer (a whole twist) does not fit beside the verdict: point at its ticked tile.
        shown = question.answer if len(question.answer) <= 32 else \
            theme.KEY_LABELS[question.choices.index(question.answer)]
        aside, aside_color = f"Answer: {shown}", view.palette.right
    else:
        aside_color = theme.ACCENT
    if aside:
        draw_text(surface, view, (720, 84, 500, 58), aside, size=theme.SIZE_BODY, weight="semibold",
                  color=aside_color, align="right", valign="center")
    draw_text(surface, view, (theme.MARGIN, 164, 1184, 70), question.prompt, size=theme.SIZE_BODY,
              weight="semibold", color=theme.INK, align="center", valign="center")
    if question.is_typed:
        _draw_typed_answer(surface, view, outcome)
    else:
        for i, (box, choice) in enumerate(zip(tile_boxes(len(question.choices), 246, 430), question.choices)):
            state = "right" if choice == question.answer else "wrong" if choice == outcome.response else "faded"
            AnswerTile(box, i, choice, state).draw(surface, view, False)
    draw_panel(surface, view, (theme.MARGIN, 452, 1184, bottom - 452))
    draw_text(surface, view, (theme.MARGIN + 28, 462, 1128, 30), "Why", size=theme.SIZE_SMALL, weight="bold",
              color=theme.ACCENT)
    draw_text(surface, view, (theme.MARGIN + 28, 496, 1128, bottom - 506),
              question.explanation or f"The answer: {question.answer}.", size=theme.SIZE_BODY, color=theme.INK)


def _draw_typed_answer(surface, view, outcome: Outcome) -> None:
    typed = outcome.response if outcome.response is not None else "(nothing)"
    draw_panel(surface, view, (theme.MARGIN, 250, 1184, 176))
    draw_text(surface, view, (theme.MARGIN + 28, 266, 1128, 60), f"You typed: {typed}", size=theme.SIZE_BODY,
              color=theme.INK if outcome.correct else view.palette.wrong, align="center", valign="center")
    draw_text(surface, view, (theme.MARGIN + 28, 336, 1128, 70), f"Answer: {outcome.question.answer}",
              size=theme.SIZE_PROMPT, weight="bold", color=view.palette.right, align="center", valign="center")


# --- round summary ------------------------------------------------------------------------------

class RoundSummaryScene(CardScene):
    name = "round-summary"

    def __init__(self, app, session):
        super().__init__(app, session)
        app.sound.play("round_end")

    def draw(self, surface):
        view, game = self.view, self.game
        title, points, right, asked = game.round_results()
        self.draw_status(surface)
        draw_panel(surface, view, (240, 130, 800, 460), fill=theme.PANEL, edge=theme.ACCENT, width=3)
        draw_text(surface, view, (280, 160, 720, 50), f"End of {title}", size=theme.SIZE_HEADING, weight="bold",
                  align="center", valign="center")
        stats = [("Points this round", f"{points:,}"), ("Right answers", f"{right} of {asked}"),
                 ("Best streak so far", str(game.scoreboard.best_streak)),
                 ("Total score", f"{game.scoreboard.total:,}")]
        for i, (label, value) in enumerate(stats):
            y = 250 + i * 70
            draw_text(surface, view, (300, y, 420, 56), label, size=theme.SIZE_BODY, color=theme.INK_MUTED,
                      valign="center")
            draw_text(surface, view, (720, y, 260, 56), value, size=theme.SIZE_HEADING * 0.8, weight="bold",
                      color=theme.ACCENT if i == 3 else theme.INK, align="right", valign="center")
        last = game.round_index >= len(game.rounds) - 1
        draw_hint(surface, view, "Enter, Space or click for " + ("the results" if last else "the next round"))
