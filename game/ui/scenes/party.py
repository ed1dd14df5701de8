"""A party game on one screen, scene by scene: round card, the shared question with each player's
locked marker, the reveal with everyone's picks on the tiles, standings, round summary, podium.

The rules live in `game.party.PartyGame`; these scenes show its state and pass each player's
presses to it (`ui/party_input.py` says whose press an event is). Each scene replaces itself
with the one for the game's next phase; a pause or a lost gamepad is an overlay.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pygame

from ...engine import Phase
from ...party import PARTY_LIFELINES, Pick, PartyGame, ranks
from .. import theme
from ..party_input import SeatInput, press_for, unbound_pad
from ..widgets import AnswerTile, draw_mark, draw_panel, draw_text, draw_timer_bar, grid_px
from .base import Scene, confirmed, draw_heading, draw_hint
from .play import TILE_ROW_MAX, PhaseScenes

LIFELINE_NAMES = {"double-chance": "2nd chance", "extra-time": "+time"}
SETTLE_SECONDS = 0.6  # a card ignores "go on" this long: a player still mashing a key does not skip it
TILE_GAP, LANE_WIDTH, LANE_GAP = 24, 92, 8
PANEL_HEIGHT = 150
HINT_ROOM = 44  # the controls line at the bottom of every scene


def canvas(view) -> tuple[float, float]:
    """The logical size the scene lays out on: the View's own where it has one (windows of any
    shape), else the fixed logical canvas."""
    return getattr(view, "width", theme.LOGICAL_SIZE[0]), getattr(view, "height", theme.LOGICAL_SIZE[1])


@dataclass(frozen=True)
class PartySeat:
    """A player as the screen shows them: name, marker and how they answer."""

    name: str
    style: theme.PlayerStyle
    input: SeatInput


class PartySession(PhaseScenes):
    """One party game in the window: the engine's PartyGame and who sits where."""

    def __init__(self, app, game: PartyGame, seats: list[PartySeat]):
        self.app = app
        self.game = game
        self.seats = list(seats)
        self.saved = False

    @property
    def inputs(self) -> list[SeatInput]:
        return [seat.input for seat in self.seats]

    def seat_of(self, player: str) -> PartySeat:
        return next(seat for seat in self.seats if seat.name == player)

    def press_for(self, event):
        return press_for(event, self.inputs, frozenset(self.app.controllers))

    def unplugged_seat(self) -> int | None:
        """The first player whose gamepad was taken out, if any."""
        gone = self.app.unplugged
        return next((i for i, s in enumerate(self.seats) if s.input.uses_pad and s.input.pad in gone), None)

    def rebind(self, seat: int, pad: int) -> None:
        self.seats[seat] = replace(self.seats[seat], input=SeatInput(pad=pad))

    def scene(self) -> Scene:
        """The scene for the game's current phase."""
        phase = self.game.phase
        if phase is Phase.ROUND_INTRO:
            return PartyRoundCardScene(self.app, self)
        if phase is Phase.QUESTION:
            return PartyQuestionScene(self.app, self)
        if phase is Phase.FEEDBACK:
            return PartyRevealScene(self.app, self)
        if phase is Phase.ROUND_SUMMARY:
            return PartyRoundSummaryScene(self.app, self)
        return PodiumScene(self.app, self)

    def save(self) -> None:
        """Every player's score, once, under the game's mode ("party")."""
        store = self.app.store
        if self.saved or store is None:
            return
        self.saved = True
        for player in self.game.players:
            store.save_game(self.game.results(player), self.game.settings)


# --- drawing a player ---------------------------------------------------------------------------

def shape_points(shape: str, center: tuple[int, int], r: int) -> list[tuple[float, float]]:
    x, y = center
    if shape == "star":
        return [(x + (r if i % 2 == 0 else r * 0.45) * math.sin(i * math.pi / 5),
                 y - (r if i % 2 == 0 else r * 0.45) * math.cos(i * math.pi / 5)) for i in range(10)]
    if shape == "hexagon":
        return [(x + r * math.cos(i * math.pi / 3), y + r * math.sin(i * math.pi / 3)) for i in range(6)]
    arm = r * 0.36  # plus
    return [(x - arm, y - r), (x + arm, y - r), (x + arm, y - arm), (x + r, y - arm), (x + r, y + arm),
            (x + arm, y + arm), (x + arm, y + r), (x - arm, y + r), (x - arm, y + arm), (x - r, y + arm),
            (x - r, y - arm), (x - arm, y - arm)]


def draw_player_shape(surface, shape: str, center: tuple[int, int], r: int, color) -> None:
    if shape == "ring":
        pygame.draw.circle(surface, color, center, r, max(2, r // 3))
    else:
        pygame.draw.polygon(surface, color, shape_points(shape, center, r))


def draw_marker(surface, view, center_logical: tuple[float, float], radius: float, style: theme.PlayerStyle) -> None:
    """A player's marker: their shape in their colour on a dark disc edged in their colour."""
    center = view.point(*center_logical)
    pygame.draw.circle(surface, theme.INK_DARK, center, view.px(radius))
    pygame.draw.circle(surface, style.fill, center, view.px(radius), max(1, view.px(2.5)))
    draw_player_shape(surface, style.shape, center, view.px(radius * 0.6), style.fill)


def draw_key_chip(surface, view, box, style: theme.PlayerStyle, label: str) -> None:
    """A player's key for a tile, in the player's colour."""
    draw_panel(surface, view, box, fill=style.fill, edge=None, radius=8)
    draw_text(surface, view, box, label, size=theme.SIZE_SMALL, weight="bold", color=theme.ink_on(style.fill),
              align="center", valign="center")


def lane_cells(lane, count: int) -> list[tuple[float, float, float, float]]:
    """Up to four cells in a tile's lane: one row for two, a 2x2 grid for three or four."""
    x, y, w, h = lane
    rows, cols = (1 if count <= 2 else 2), 2
    cell_w = (w - 12) / cols
    cell_h = (h - 12) / 2 if rows == 2 else min(h - 12, 44)
    top = y + (h - cell_h * rows - (rows - 1) * 4) / 2
    return [(x + 4 + (i % cols) * (cell_w + 4), top + (i // cols) * (cell_h + 4), cell_w - 4, cell_h)
            for i in range(count)]


# --- layout ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuestionLayout:
    prompt: tuple
    tiles: list  # (tile box, lane box) per choice
    panels: list  # one box per player


def question_layout(view, choices: int, players: int, prompt_height: float = 150) -> QuestionLayout:
    width, height = canvas(view)
    left, span = view.column()  # the main column: as wide as the window, capped on a 21:9 one
    panel_top = height - HINT_ROOM - PANEL_HEIGHT
    prompt = (left, 104, span, prompt_height)
    tiles_top, tiles_bottom = 104 + prompt_height + 14, panel_top - 16
    column = (span - TILE_GAP) / 2
    rows = 1 if choices <= 2 else 2
    # Rows no taller than a tile needs (a tall window's extra room goes around them, not into them).
    row_h = min((tiles_bottom - tiles_top - (rows - 1) * 16) / rows, TILE_ROW_MAX + 30)
    tiles_top += max(0.0, (tiles_bottom - tiles_top - rows * row_h - (rows - 1) * 16) / 2)
    tiles = []
    for i in range(choices):
        x = left + (i % 2) * (column + TILE_GAP)
        y = tiles_top + (i // 2) * (row_h + 16)
        tiles.append(((x, y, column - LANE_WIDTH - LANE_GAP, row_h),
                      (x + column - LANE_WIDTH, y, LANE_WIDTH, row_h)))
    gap = 12
    panel_w = (span - (players - 1) * gap) / players
    panels = [(left + i * (panel_w + gap), panel_top, panel_w, PANEL_HEIGHT - 8) for i in range(players)]
    return QuestionLayout(prompt, tiles, panels)


# --- scenes ------------------------------------------------------------------------------------

class PartyScene(Scene):
    """What every party scene shares: Esc or a pad's Start pauses, and a player's gamepad taken
    out pauses the game with a message naming them until it is back."""

    def __init__(self, app, session: PartySession):
        super().__init__(app)
        self.session = session
        self.game = session.game

    def handle_event(self, event, action):
        if event.type == pygame.WINDOWFOCUSLOST and self.game.phase is Phase.QUESTION:
            return self.pause()  # a room that looks away does not lose the clock
        press = self.session.press_for(event)
        if press is not None and press.kind == "pause":
            return self.pause()
        if press is None and action is not None and action.name == "back":
            return self.pause()
        self.handle_press(event, action, press)

    def handle_press(self, event, action, press) -> None:
        """An event with the party press it is (or None)."""

    def update(self, dt):
        if self.app.top is not self:
            return
        missing = self.session.unplugged_seat()
        if missing is not None and self.game.phase is not Phase.FINISHED:  # the podium needs no pads
            self.game.pause()
            self.app.push(PadMissingScene(self.app, self.session, missing), self._after_pause)

    def pause(self) -> None:
        self.game.pause()
        from .overlays import PauseScene
        self.app.push(PauseScene(self.app), self._after_pause)

    def _after_pause(self, choice) -> None:
        self.game.resume()
        if choice == "quit":
            self.dismiss()

    def draw_status(self, surface, detail: str = "") -> None:
        """Round and question along the top."""
        view, game = self.view, self.game
        width, _ = canvas(view)
        rnd = game.current_round
        if rnd is None:
            return
        draw_text(surface, view, (theme.MARGIN, 22, width / 2 - theme.MARGIN, 40),
                  f"Round {rnd.index + 1}/{len(game.rounds)} · {rnd.title}", size=theme.SIZE_BODY,
                  weight="semibold", valign="center")
        if detail:
            draw_text(surface, view, (width / 2, 22, width / 2 - theme.MARGIN, 40), detail, size=theme.SIZE_SMALL,
                      color=theme.INK_MUTED, align="right", valign="center")

    def question_detail(self) -> str:
        rnd = self.game.current_round
        return f"Question {rnd.position + 1} of {len(rnd.questions)}"


class PartyCardScene(PartyScene):
    """A scene between questions: Enter, Space, a click or a pad's A goes on (after a moment)."""

    def __init__(self, app, session):
        super().__init__(app, session)
        self.shown_for = 0.0

    def update(self, dt):
        self.shown_for += dt
        super().update(dt)

    def handle_press(self, event, action, press):
        if confirmed(event, action) and self.shown_for >= SETTLE_SECONDS:
            self.app.sound.play("select")
            self.go_on()

    def go_on(self) -> None:
        self.session.advance(self)


class PartyRoundCardScene(PartyCardScene):
    name = "party-round-card"

    def draw(self, surface):
        view, game = self.view, self.game
        width, height = canvas(view)
        rnd = game.current_round
        box = ((width - 880) / 2, 120, 880, min(440, height - HINT_ROOM - 150))
        x, y, w, h = box
        draw_panel(surface, view, box, fill=theme.PANEL, edge=theme.ACCENT, width=3)
        draw_text(surface, view, (x + 40, y + 30, w - 80, 40), f"Round {rnd.index + 1} of {len(game.rounds)}",
                  size=theme.SIZE_BODY, weight="semibold", color=theme.ACCENT, align="center")
        draw_text(surface, view, (x + 40, y + 80, w - 80, 100), rnd.title, size=theme.SIZE_TITLE, weight="bold",
                  align="center", valign="center")
        draw_text(surface, view, (x + 60, y + 200, w - 120, 100), rnd.blurb, size=theme.SIZE_BODY,
                  align="center", valign="center")
        limit = game.time_limit
        detail = (f"{len(rnd.questions)} questions · " + (f"{limit:g} seconds each" if limit else "no timer")
                  + " · everyone answers every question")
        draw_text(surface, view, (x + 60, y + h - 70, w - 120, 40), detail, size=theme.SIZE_SMALL,
                  color=theme.INK_MUTED, align="center", valign="center")
        draw_player_row(surface, view, self.session, (x, y + h + 14, w, 56))
        draw_hint(surface, view, "Enter, Space or a pad's A to start  ·  Esc pause")


def draw_player_row(surface, view, session: PartySession, box) -> None:
    """Every player's marker and name in one row (the round card's reminder of who is playing)."""
    x, y, w, h = box
    count = len(session.seats)
    cell = w / count
    for i, seat in enumerate(session.seats):
        left = x + i * cell
        draw_marker(surface, view, (left + 30, y + h / 2), 20, seat.style)
        draw_text(surface, view, (left + 58, y, cell - 66, h), seat.name, size=theme.SIZE_BODY, weight="semibold",
                  valign="center")


class PartyQuestionScene(PartyScene):
    """Everyone sees the same question; each player's press locks their hidden pick."""

    name = "party-question"

    def __init__(self, app, session):
        super().__init__(app, session)
        self.question = self.game.question
        self.last_tick = None
        self.lanes = [StillPicture() for _ in self.question.choices]
        self.panels = {seat.name: StillPicture() for seat in session.seats}

    def handle_press(self, event, action, press):
        if press is None or self.game.phase is not Phase.QUESTION:
            return
        player = self.session.seats[press.seat].name
        if press.kind == "choice" and press.index < len(self.question.choices):
            result = self.game.answer(player, self.question.choices[press.index])
            if result in (Pick.LOCKED, Pick.PICK_AGAIN):
                self.app.sound.play("select")
        elif press.kind == "lifeline":
            wanted = self.lifelines_for(player) if press.index < 0 else [PARTY_LIFELINES[press.index]]
            if any(self.game.use_lifeline(player, name) for name in wanted if name in self.lifelines_for(player)):
                self.app.sound.play("select")
        if self.game.phase is Phase.FEEDBACK:
            self.session.show_next(self)

    def lifelines_for(self, player: str) -> list[str]:
        """The player's lifelines left, in the order their one key tries them."""
        left = self.game.lifelines_left(player)
        return [name for name in PARTY_LIFELINES if name in left]

    def update(self, dt):
        if self.app.top is not self:
            return
        self.game.update()
        if self.game.phase is not Phase.QUESTION:  # closed by the clock, or by answers from elsewhere
            return self.session.show_next(self)
        left = self.game.time_left()
        if left is not None and 0 < left <= 5 and self.last_tick != int(left):
            self.last_tick = int(left)
            self.app.sound.play("tick")
        super().update(dt)

    def draw_timer(self, surface) -> None:
        width, _ = canvas(self.view)
        left, limit = self.game.time_left(), self.game.time_limit
        if left is None or not limit:
            draw_text(surface, self.view, (theme.MARGIN, 66, 600, 30), "No timer: everyone takes their time",
                      size=theme.SIZE_SMALL, color=theme.INK_MUTED, valign="center")
            return
        draw_timer_bar(surface, self.view, (theme.MARGIN, 74, width - 2 * theme.MARGIN - 100, 16),
                       min(1.0, left / limit), left)
        draw_text(surface, self.view, (width - theme.MARGIN - 90, 62, 90, 38),
                  f"{left:0.0f}s" if left >= 10 else f"{left:0.1f}s", size=theme.SIZE_BODY, weight="bold",
                  align="right", valign="center", color=theme.INK if left > 5 else self.view.palette.timer_low)

    def draw(self, surface):
        view = self.view
        self.draw_status(surface, self.question_detail())
        self.draw_timer(surface)
        layout = question_layout(view, len(self.question.choices), len(self.session.seats))
        if self.game.paused:  # the question is hidden while paused: a pause is not time to think
            draw_panel(surface, view, (layout.prompt[0], layout.prompt[1], layout.prompt[2],
                                       layout.panels[0][1] - layout.prompt[1] - 16))
        else:
            draw_prompt(surface, view, layout.prompt, self.question.prompt)
            px = grid_px(view, [AnswerTile(tile, i, choice) for i, ((tile, _), choice)
                                in enumerate(zip(layout.tiles, self.question.choices))])  # one size for the grid
            for i, ((tile, lane), choice) in enumerate(zip(layout.tiles, self.question.choices)):
                AnswerTile(tile, i, choice).draw(surface, view, False, px=px)
                self.lanes[i].draw(surface, view, lane, lambda: self.draw_keys(surface, lane, i))
        for box, seat in zip(layout.panels, self.session.seats):
            self.draw_player(surface, box, seat)
        draw_hint(surface, view, "Each player presses their key for a tile (shown beside it)  ·  Esc pause")

    def draw_keys(self, surface, lane, tile: int) -> None:
        """Every player's key for the tile, in their colour."""
        draw_lane(surface, self.view, lane)
        for cell, seat in zip(lane_cells(lane, len(self.session.seats)), self.session.seats):
            draw_key_chip(surface, self.view, cell, seat.style, seat.input.answer_names()[tile])

    def draw_player(self, surface, box, seat: PartySeat) -> None:
        game, player = self.game, seat.name
        if game.is_away(player):
            status, color = "Away", theme.INK_MUTED
        elif player not in game.in_question:
            status, color = "Joins next question", theme.INK_MUTED
        elif game.has_locked(player):
            status, color = "Locked in", seat.style.fill
        elif game.picks_made(player):
            status, color = "Second pick…", theme.WARNING
        elif game.double_chance_armed(player):
            status, color = "2nd chance on: pick…", theme.WARNING
        else:
            status, color = "Thinking…", theme.INK_MUTED
        left = {PARTY_LIFELINES.index(name): LIFELINE_NAMES[name] for name in self.lifelines_for(player)}
        lifelines = (seat.input.lifeline_hint(left) if left else
                     "No lifelines left" if game.lifelines else "Lifelines off")
        shown = (seat, game.scoreboards[player].total, status, color, lifelines, game.has_locked(player))
        self.panels[player].draw(surface, self.view, box,
                                 lambda: draw_player_panel(surface, self.view, box, *shown[:5], locked=shown[5]), shown)


def draw_prompt(surface, view, box, prompt: str, note: str = "") -> None:
    x, y, w, h = box
    draw_panel(surface, view, box)
    if note:
        draw_text(surface, view, (x + 28, y + 10, w - 56, h * 0.5 - 10), prompt, size=theme.SIZE_BODY,
                  weight="semibold", align="center", valign="center")
        draw_text(surface, view, (x + 28, y + h * 0.5 + 2, w - 56, h * 0.5 - 12), note, size=theme.SIZE_SMALL,
                  color=theme.INK_MUTED, align="center", valign="center")
    else:
        draw_text(surface, view, (x + 32, y + 16, w - 64, h - 32), prompt, size=theme.SIZE_PROMPT,
                  weight="semibold", align="center", valign="center")


def draw_lane(surface, view, lane) -> None:
    draw_panel(surface, view, lane, fill=theme.SHADOW, edge=theme.PANEL_EDGE, width=1)


class StillPicture:
    """A part of a scene that seldom changes (a tile's lane of key chips or markers, a player's
    panel), drawn once per window size, text size, palette and content, then blitted: four
    players' chips and panels are most of what a party question draws beyond a solo one. The text reports of the
    first drawing are reported again on every frame, so the fit checks still see them."""

    def __init__(self):
        self.key = None
        self.picture: pygame.Surface | None = None
        self.rect: pygame.Rect | None = None
        self.reports: list = []

    def draw(self, surface, view, box, paint, content=None) -> None:
        """Blit the picture, or `paint()` it anew when the window, text size, palette or the
        `content` it shows (anything comparable) changed."""
        key = (surface.get_size(), view.window_size, view.text_scale, view.palette, content)
        if key == self.key:
            surface.blit(self.picture, self.rect)
            view.reports.extend(self.reports)
            return
        first = len(view.reports)
        paint()
        rect = view.rect(box).clip(surface.get_rect())
        if rect.w and rect.h:  # what was just drawn there, over the background it sits on
            self.key, self.rect, self.reports = key, rect, view.reports[first:]
            self.picture = surface.subsurface(rect).copy()


def draw_player_panel(surface, view, box, seat: PartySeat, total: int, status: str, status_color, footer: str,
                      locked: bool = False) -> None:
    """A player's corner of the screen: marker, name, score, what they are doing, and a footer."""
    x, y, w, h = box
    draw_panel(surface, view, box, fill=theme.PANEL, edge=seat.style.fill if locked else theme.PANEL_EDGE,
               width=3 if locked else 2)
    draw_marker(surface, view, (x + 32, y + 32), 20, seat.style)
    draw_text(surface, view, (x + 60, y + 10, w * 0.62 - 60, 44), seat.name, size=theme.SIZE_BODY, weight="bold",
              valign="center")
    draw_text(surface, view, (x + w * 0.62, y + 10, w * 0.38 - 14, 44), f"{total:,}", size=theme.SIZE_BODY,
              weight="bold", color=theme.ACCENT, align="right", valign="center")
    draw_text(surface, view, (x + 16, y + 58, w - 32, 38), status, size=theme.SIZE_BODY, weight="semibold",
              color=status_color, valign="center")
    draw_text(surface, view, (x + 16, y + 98, w - 32, h - 106), footer, size=theme.SIZE_SMALL,
              color=theme.INK_MUTED, valign="center")


class PartyRevealScene(PartyCardScene):
    """Every pick at once: each player's markers on the tiles they chose, and their points."""

    name = "party-reveal"

    def __init__(self, app, session):
        super().__init__(app, session)
        self.reveal = self.game.reveal
        self.lanes = [StillPicture() for _ in self.reveal.question.choices]
        self.panels = {seat.name: StillPicture() for seat in session.seats}
        app.sound.play("right" if any(a.outcome.correct for a in self.reveal.answers) else "wrong")

    def go_on(self) -> None:
        self.app.replace(StandingsScene(self.app, self.session))

    def draw(self, surface):
        view, reveal = self.view, self.reveal
        question = reveal.question
        self.draw_status(surface, self.question_detail())
        layout = question_layout(view, len(question.choices), len(self.session.seats), prompt_height=160)
        draw_prompt(surface, view, layout.prompt, question.prompt,
                    question.explanation or f"The answer: {question.answer}.")
        px = grid_px(view, [AnswerTile(tile, i, choice) for i, ((tile, _), choice)
                            in enumerate(zip(layout.tiles, question.choices))])  # one size for the grid
        for i, ((tile, lane), choice) in enumerate(zip(layout.tiles, question.choices)):
            pickers = reveal.pickers(choice)
            state = "right" if choice == question.answer else "wrong" if pickers else "faded"
            AnswerTile(tile, i, choice, state).draw(surface, view, False, px=px)
            self.lanes[i].draw(surface, view, lane, lambda: self.draw_pickers(surface, lane, pickers))
        for box, seat in zip(layout.panels, self.session.seats):
            self.draw_player(surface, box, seat)
        draw_hint(surface, view, "Enter, Space or a pad's A for the standings  ·  Esc pause")

    def draw_pickers(self, surface, lane, pickers) -> None:
        """The markers of the players who picked the tile."""
        draw_lane(surface, self.view, lane)
        for cell, player in zip(lane_cells(lane, len(self.session.seats)), pickers):
            cx, cy, cw, ch = cell
            draw_marker(surface, self.view, (cx + cw / 2, cy + ch / 2), min(cw, ch) / 2,
                        self.session.seat_of(player).style)

    def draw_player(self, surface, box, seat: PartySeat) -> None:
        """The same all the while the reveal is up: drawn once, then blitted."""
        self.panels[seat.name].draw(surface, self.view, box, lambda: self.paint_player(surface, box, seat))

    def paint_player(self, surface, box, seat: PartySeat) -> None:
        answer = self.reveal.answer_of(seat.name)
        total = self.game.scoreboards[seat.name].total
        palette = self.view.palette
        if answer is None:
            status, color, footer = "Joins next question", theme.INK_MUTED, ""
        elif answer.missed:
            status, color, footer = "Missed: 0", palette.wrong, "No answer in time"
        elif answer.outcome.correct:
            outcome = answer.outcome
            status, color = f"Right  +{outcome.points:,}", palette.right
            footer = ("Second pick: half points" if outcome.second_pick else
                      f"{outcome.elapsed:.1f} s · streak {outcome.streak}")
        else:
            status, color, footer = "Wrong: 0", palette.wrong, f"Picked {self.tile_keys(answer.picks)}"
        draw_player_panel(surface, self.view, box, seat, total, status, color, footer)
        if answer is not None:
            x, y, w, _ = box
            draw_mark(surface, self.view, self.view.point(x + w - 26, y + 77), bool(answer.outcome.correct), color)

    def tile_keys(self, picks) -> str:
        """The tiles a player picked, by their number (1-4) as on the tiles."""
        choices = self.reveal.question.choices
        return " then ".join(theme.KEY_LABELS[choices.index(pick)] for pick in picks)


class StandingsScene(PartyCardScene):
    """Between questions: everyone by rank, with who moved up or down and the points just won."""

    name = "standings"

    def draw(self, surface):
        view, game = self.view, self.game
        width, height = canvas(view)
        rnd = game.current_round
        draw_heading(surface, view, "Standings",
                     f"After question {rnd.position + 1} of {len(rnd.questions)} · {rnd.title}")
        table = game.standings()
        # Everyone level before (the first question, or no points yet): nobody moved from anywhere.
        level_before = all(s.previous_rank == 1 for s in table)
        row_h = min(96.0, (height - HINT_ROOM - 150) / len(table) - 10)
        x, w = (width - 960) / 2, 960
        for i, standing in enumerate(table):
            y = 148 + i * (row_h + 10)
            seat = self.session.seat_of(standing.player)
            lead = standing.rank == 1
            draw_panel(surface, view, (x, y, w, row_h), fill=theme.PANEL_RAISED if lead else theme.PANEL,
                       edge=seat.style.fill if lead else theme.PANEL_EDGE, width=3 if lead else 2)
            draw_text(surface, view, (x + 20, y, 60, row_h), str(standing.rank), size=theme.SIZE_HEADING,
                      weight="bold", color=theme.ACCENT if lead else theme.INK, align="center", valign="center")
            draw_marker(surface, view, (x + 118, y + row_h / 2), min(24, row_h / 2 - 6), seat.style)
            draw_text(surface, view, (x + 156, y, 330, row_h), standing.player, size=theme.SIZE_BODY * 1.1,
                      weight="bold", valign="center")
            draw_movement(surface, view, (x + 500, y, 170, row_h), 0 if level_before else standing.moved)
            draw_text(surface, view, (x + 680, y, 110, row_h), f"+{standing.gained:,}" if standing.gained else "",
                      size=theme.SIZE_BODY, color=view.palette.right, align="right", valign="center")
            draw_text(surface, view, (x + 800, y, w - 820, row_h), f"{standing.total:,}", size=theme.SIZE_BODY * 1.1,
                      weight="bold", color=theme.ACCENT, align="right", valign="center")
        last = rnd.position + 1 >= len(rnd.questions)
        after = "the round summary" if last else "the next question"
        draw_hint(surface, view, f"Enter, Space or a pad's A for {after}  ·  Esc pause")


def draw_movement(surface, view, box, moved: int) -> None:
    """Up (green triangle) or down (red, pointing down) and by how many places; a dash for none."""
    x, y, w, h = box
    cx, cy = x + 22, y + h / 2
    if moved == 0:
        draw_text(surface, view, (x, y, w, h), "–", size=theme.SIZE_BODY, color=theme.INK_MUTED, valign="center")
        return
    color = view.palette.right if moved > 0 else view.palette.wrong
    r, tip = 13, -1 if moved > 0 else 1
    base = cy - tip * r * 0.8
    points = [view.point(cx, cy + tip * r), view.point(cx - r, base), view.point(cx + r, base)]
    pygame.draw.polygon(surface, color, points)
    word = f"up {moved}" if moved > 0 else f"down {-moved}"
    draw_text(surface, view, (x + 44, y, w - 44, h), word, size=theme.SIZE_SMALL, weight="semibold", color=color,
              valign="center")


class PartyRoundSummaryScene(PartyCardScene):
    """The round per player: right answers, points this round and the total."""

    name = "party-round-summary"

    def __init__(self, app, session):
        super().__init__(app, session)
        app.sound.play("round_end")

    def draw(self, surface):
        view, game = self.view, self.game
        width, height = canvas(view)
        rnd = game.current_round
        draw_heading(surface, view, f"End of {rnd.title}", f"Round {rnd.index + 1} of {len(game.rounds)}")
        rows = sorted(game.players, key=lambda p: -game.scoreboards[p].total)
        row_h = min(96.0, (height - HINT_ROOM - 150) / len(rows) - 10)
        x, w = (width - 960) / 2, 960
        for i, player in enumerate(rows):
            y = 148 + i * (row_h + 10)
            seat = self.session.seat_of(player)
            _, points, right, asked = game.round_results(player)
            draw_panel(surface, view, (x, y, w, row_h))
            draw_marker(surface, view, (x + 44, y + row_h / 2), min(24, row_h / 2 - 6), seat.style)
            draw_text(surface, view, (x + 84, y, 260, row_h), player, size=theme.SIZE_BODY * 1.1, weight="bold",
                      valign="center")
            draw_text(surface, view, (x + 350, y, 160, row_h), f"{right} of {asked} right", size=theme.SIZE_BODY,
                      color=theme.INK_MUTED, valign="center")
            draw_text(surface, view, (x + 510, y, 280, row_h), f"+{points:,} this round", size=theme.SIZE_BODY,
                      color=view.palette.right if points else theme.INK_MUTED, align="right", valign="center")
            draw_text(surface, view, (x + 800, y, w - 820, row_h), f"{game.scoreboards[player].total:,}",
                      size=theme.SIZE_BODY * 1.1, weight="bold", color=theme.ACCENT, align="right", valign="center")
        last = game.round_index >= len(game.rounds) - 1
        draw_hint(surface, view, "Enter, Space or a pad's A for " + ("the podium" if last else "the next round"))


class PodiumScene(PartyCardScene):
    """The end: the top three on a podium (shared places share a step's number), the rest below.
    Every player's score is saved when it opens."""

    name = "podium"
    PODIUM_HEIGHTS = {1: 210, 2: 150, 3: 100}

    def __init__(self, app, session):
        super().__init__(app, session)
        session.save()
        app.sound.play("round_end")
        totals = {p: self.game.scoreboards[p].total for p in self.game.players}
        places = ranks(totals)
        self.order = sorted(self.game.players, key=lambda p: places[p])
        self.places = places
        self.totals = totals

    def go_on(self) -> None:
        from .menus import HighScoresScene
        best = self.order[0]
        self.app.replace(HighScoresScene(self.app, self.game.settings.mode, (best, self.totals[best])))

    def draw(self, surface):
        view = self.view
        width, height = canvas(view)
        winners = [p for p in self.order if self.places[p] == 1]
        draw_heading(surface, view, f"{' and '.join(winners)} win{'s' if len(winners) == 1 else ''}!",
                     "Final standings · every score is saved in the party table")
        floor = height - HINT_ROOM - 70
        step_w = 260
        centres = (width / 2, width / 2 - 290, width / 2 + 290)  # the best in the middle, then left, right
        for cx, player in zip(centres, self.order[:3]):
            place = self.places[player]
            seat = self.session.seat_of(player)
            rise = self.PODIUM_HEIGHTS.get(place, 80)
            top = floor - rise
            draw_panel(surface, view, (cx - step_w / 2, top, step_w, rise), fill=theme.PANEL_RAISED,
                       edge=seat.style.fill, width=3)
            draw_text(surface, view, (cx - step_w / 2, top + 8, step_w, min(rise - 16, 80)), str(place),
                      size=theme.SIZE_TITLE, weight="bold", color=seat.style.fill, align="center", valign="center")
            draw_marker(surface, view, (cx, top - 150), 34, seat.style)
            draw_text(surface, view, (cx - step_w / 2, top - 108, step_w, 44), player, size=theme.SIZE_BODY * 1.15,
                      weight="bold", align="center", valign="center")
            draw_text(surface, view, (cx - step_w / 2, top - 62, step_w, 44), f"{self.totals[player]:,}",
                      size=theme.SIZE_BODY * 1.15, weight="bold", color=theme.ACCENT, align="center", valign="center")
        rest = self.order[3:]
        if rest:
            line = "  ·  ".join(f"{self.places[p]}. {p}  {self.totals[p]:,}" for p in rest)
            draw_text(surface, view, (theme.MARGIN, floor + 14, width - 2 * theme.MARGIN, 44), line,
                      size=theme.SIZE_BODY, color=theme.INK, align="center", valign="center")
        draw_hint(surface, view, "Enter, Space or a pad's A for the high scores")

    def handle_event(self, event, action):
        if action is not None and action.name == "back":
            return self.dismiss()  # the game is over: Esc goes back to the title, no pause
        super().handle_event(event, action)


class PadMissingScene(Scene):
    """A player's gamepad was taken out: the game is paused, naming the player, until a pad no
    one else holds is pressed (the same one plugged back in, or another)."""

    name = "pad-missing"
    overlay = True

    def __init__(self, app, session: PartySession, seat: int):
        super().__init__(app)
        self.session = session
        self.seat = seat

    def handle_event(self, event, action):
        pad = unbound_pad(event, self.session.inputs, frozenset(self.app.controllers))
        if pad is not None and pad not in self.app.unplugged:
            self.session.rebind(self.seat, pad)
            self.app.sound.play("select")
            return self.dismiss("resume")
        if action is not None and action.name == "back":
            from .overlays import PauseScene
            self.app.push(PauseScene(self.app), lambda choice: choice == "quit" and self.dismiss("quit"))

    def draw(self, surface):
        view = self.view
        width, height = canvas(view)
        seat = self.session.seats[self.seat]
        box = ((width - 640) / 2, (height - 300) / 2, 640, 300)
        x, y, w, h = box
        draw_panel(surface, view, box, fill=theme.PANEL, edge=theme.WARNING, width=3)
        draw_marker(surface, view, (x + w / 2, y + 56), 28, seat.style)
        draw_text(surface, view, (x + 30, y + 96, w - 60, 60), f"{seat.name}'s gamepad is unplugged",
                  size=theme.SIZE_HEADING * 0.75, weight="bold", color=theme.WARNING, align="center", valign="center")
        draw_text(surface, view, (x + 40, y + 164, w - 80, 80),
                  "The game is paused. Plug it back in (or take another) and press any of its buttons.",
                  size=theme.SIZE_BODY, align="center", valign="center")
        draw_text(surface, view, (x + 40, y + h - 50, w - 80, 36), "Esc: pause menu", size=theme.SIZE_SMALL,
                  color=theme.INK_MUTED, align="center", valign="center")
