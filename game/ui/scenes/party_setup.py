"""Party setup: how many play (2-4), each player's name, marker and input (a key block or a
gamepad), lifelines on or off, and the timer."""
from __future__ import annotations

from dataclasses import replace

import pygame

from ...party import PartyGame, party_settings
from ...storage import clean_name
from .. import theme
from ..party_input import KEY_BLOCKS, SeatInput, unbound_pad
from ..widgets import Button, TextInput, draw_panel, draw_text, inside, on_off
from .base import Scene, draw_heading, draw_hint
from .party import PartySeat, PartySession, canvas, draw_marker

MIN_PLAYERS, MAX_PLAYERS = 2, 4
ROW_HEIGHT, ROW_GAP, ROWS_TOP = 54, 8, 132


def default_seats() -> list[PartySeat]:
    return [PartySeat(f"Player {i + 1}", theme.PLAYER_STYLES[i], SeatInput(block=i)) for i in range(MAX_PLAYERS)]


class PartySetupScene(Scene):
    name = "party-setup"

    def __init__(self, app, seed: int | None = None):
        super().__init__(app)
        self.seed = seed  # the screenshot tour's party is the same every time
        self.seats = default_seats()
        self.count = MIN_PLAYERS
        self.lifelines = True
        self.timer = app.prefs.timer
        self.focus = "start"
        self.editing: int | None = None  # the seat whose name is being typed
        self.name_input: TextInput | None = None
        self.notice = ""
        self.wants_text = False

    # -- rows ------------------------------------------------------------------------------

    def rows(self) -> list[str]:
        """The focusable rows, top to bottom; Start and Back share the last line."""
        return ["players", *(f"seat{i}" for i in range(self.count)), "lifelines", "timer", "start", "back"]

    def boxes(self) -> dict[str, tuple]:
        width, _ = canvas(self.view)
        row_w = min(920.0, width - 2 * theme.MARGIN)
        x = (width - row_w) / 2
        boxes = {}
        for i, key in enumerate(self.rows()[:-2]):
            boxes[key] = (x, ROWS_TOP + i * (ROW_HEIGHT + ROW_GAP), row_w, ROW_HEIGHT)
        last = ROWS_TOP + (len(self.rows()) - 2) * (ROW_HEIGHT + ROW_GAP)
        half = (row_w - 16) / 2
        boxes["start"] = (x, last, half, ROW_HEIGHT)
        boxes["back"] = (x + half + 16, last, half, ROW_HEIGHT)
        return boxes

    def option_buttons(self) -> list[Button]:
        boxes = self.boxes()
        values = {"players": ("Players", str(self.count)), "lifelines": ("Lifelines", on_off(self.lifelines)),
                  "timer": ("Timer", on_off(self.timer)), "start": ("Start", ""), "back": ("Back", "")}
        buttons = [Button(boxes[key], label, key, hint=hint) for key, (label, hint) in values.items()]
        for button in buttons:
            button.enabled = button.key != "start" or self.problem() is None
        return buttons

    def problem(self) -> str | None:
        """Why the game cannot start yet, or None."""
        seats = self.seats[:self.count]
        waiting = [seat.name for seat in seats if not seat.input.ready]
        if waiting:
            return f"{waiting[0]}: press any button on your gamepad to take it."
        names = [seat.name.casefold() for seat in seats]
        if len(set(names)) != len(names):
            return "Two players have the same name: give each their own (Enter on a player)."
        return None

    # -- changes ---------------------------------------------------------------------------

    def change(self, key: str, step: int) -> None:
        if key == "players":
            self.count = MIN_PLAYERS + (self.count - MIN_PLAYERS + step) % (MAX_PLAYERS - MIN_PLAYERS + 1)
            self.free_taken_blocks()
        elif key == "lifelines":
            self.lifelines = not self.lifelines
        elif key == "timer":
            self.timer = not self.timer
        elif key.startswith("seat"):
            self.cycle_input(int(key[4:]), step)
        self.app.sound.play("select")

    def cycle_input(self, seat: int, step: int) -> None:
        """The next key block no other player has, or a gamepad (bound by pressing one of its buttons)."""
        taken = {s.input.block for i, s in enumerate(self.seats[:self.count]) if i != seat}
        options = [SeatInput(block=b) for b in range(len(KEY_BLOCKS)) if b not in taken] + [SeatInput()]
        current = self.seats[seat].input
        index = next((i for i, o in enumerate(options) if o.block == current.block), len(options) - 1)
        self.set_input(seat, options[(index + step) % len(options)])

    def set_input(self, seat: int, seat_input: SeatInput) -> None:
        self.seats[seat] = replace(self.seats[seat], input=seat_input)

    def free_taken_blocks(self) -> None:
        """A player added back keeps their key block unless someone took it meanwhile."""
        for seat in range(self.count):
            block = self.seats[seat].input.block
            if block is not None and any(s.input.block == block for s in self.seats[:seat]):
                self.cycle_input(seat, 1)

    def bind_pad(self, pad: int) -> None:
        """A pad no one holds was pressed: it goes to the first player waiting for one, or else to
        the player whose row is chosen."""
        waiting = next((i for i in range(self.count) if not self.seats[i].input.ready), None)
        if waiting is None and self.focus.startswith("seat"):
            waiting = int(self.focus[4:])
        if waiting is None:
            self.notice = "Gamepad found: choose a player's row, then press a button on the pad."
            return
        self.set_input(waiting, SeatInput(pad=pad))
        self.notice = f"{self.seats[waiting].name} plays with that gamepad."
        self.app.sound.play("select")

    # -- names -----------------------------------------------------------------------------

    def edit_name(self, seat: int) -> None:
        x, y, w, h = self.boxes()[f"seat{seat}"]
        self.editing = seat
        self.name_input = TextInput((x + 64, y + 3, w * 0.42 - 64, h - 6), max_length=24, text=self.seats[seat].name)
        self.wants_text = True
        pygame.key.start_text_input()

    def stop_editing(self, keep: bool) -> None:
        if keep and self.name_input.text.strip():
            self.seats[self.editing] = replace(self.seats[self.editing], name=clean_name(self.name_input.text))
        self.editing, self.name_input, self.wants_text = None, None, False
        pygame.key.stop_text_input()

    # -- events ----------------------------------------------------------------------------

    def handle(self, event, action):
        if self.editing is not None:
            if action is not None and action.name == "back":
                return self.stop_editing(keep=False)
            if self.name_input.handle(event) == "submit":
                self.stop_editing(keep=True)
            return
        pad = unbound_pad(event, [s.input for s in self.seats[:self.count]], frozenset(self.app.controllers))
        if pad is not None and pad not in self.app.unplugged:
            return self.bind_pad(pad)
        if action is not None:
            return self.act(action)
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN) and hasattr(event, "pos"):
            self.click(event)

    def act(self, action) -> None:
        rows = self.rows()
        if action.name == "back":
            return self.dismiss()
        if action.name in ("up", "down"):
            index = rows.index(self.focus)
            if self.focus == "back":
                index -= 1  # Back sits beside Start: up from either goes to the row above
            self.focus = rows[max(0, min(len(rows) - 2, index + (1 if action.name == "down" else -1)))]
        elif action.name in ("left", "right"):
            if self.focus in ("start", "back"):
                self.focus = "back" if self.focus == "start" else "start"
            else:
                self.change(self.focus, 1 if action.name == "right" else -1)
        elif action.name == "confirm":
            self.choose(self.focus)

    def choose(self, key: str) -> None:
        if key == "start":
            self.start()
        elif key == "back":
            self.dismiss()
        elif key.startswith("seat"):
            self.edit_name(int(key[4:]))
        else:
            self.change(key, 1)

    def click(self, event) -> None:
        for key, box in self.boxes().items():
            if inside(box, event.pos):
                self.focus = key
                if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1:
                    self.choose(key)
                return

    def start(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.notice = problem
            return
        seats = self.seats[:self.count]
        settings = party_settings(timer=self.timer, seed=self.seed)
        facts, generator = self.app.question_source(settings)
        game = PartyGame(facts, settings, players=[seat.name for seat in seats], clock=self.app.clock,
                         generator=generator, lifelines=self.lifelines)
        if not game.rounds:  # else straight to a podium of zeros, saved as scores
            self.notice = "No questions to play: see Packs on the title screen."
            return
        self.app.sound.play("select")
        self.app.replace(PartySession(self.app, game, seats).scene())

    def update(self, dt):
        for seat in range(self.count):  # a pad taken out is free again: press a button to take one
            if self.seats[seat].input.pad in self.app.unplugged:
                self.set_input(seat, SeatInput())
                self.notice = f"{self.seats[seat].name}'s gamepad was unplugged: press any button on a pad to take one."
        if self.name_input is not None:
            self.name_input.update(dt)

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, surface):
        view = self.view
        width, _ = canvas(view)
        draw_heading(surface, view, "Party",
                     "2 to 4 players answer every question at once; picks stay hidden until everyone is in.")
        boxes = self.boxes()
        for button in self.option_buttons():
            button.draw(surface, view, self.focus == button.key)
        for i in range(self.count):
            self.draw_seat(surface, boxes[f"seat{i}"], i)
        last = boxes["start"][1] + ROW_HEIGHT
        message = (self.notice or self.problem()
                   or "Enter on a player: type a name  ·  Left/Right: their keys or a gamepad")
        draw_text(surface, view, (theme.MARGIN, last + 6, width - 2 * theme.MARGIN, 40), message,
                  size=theme.SIZE_SMALL, color=theme.WARNING if self.problem() else theme.ACCENT, align="center",
                  valign="center")
        draw_hint(surface, view, "Up/Down choose  ·  Left/Right change  ·  Enter edit or start  ·  Esc back")

    def draw_seat(self, surface, box, seat: int) -> None:
        view = self.view
        x, y, w, h = box
        player = self.seats[seat]
        focused = self.focus == f"seat{seat}"
        draw_panel(surface, view, box, fill=theme.FOCUS_FILL if focused else theme.PANEL,
                   edge=theme.ACCENT if focused else theme.PANEL_EDGE, width=3 if focused else 2)
        draw_marker(surface, view, (x + 32, y + h / 2), 19, player.style)
        if self.editing == seat:
            self.name_input.draw(surface, view)
        else:
            draw_text(surface, view, (x + 64, y + 6, w * 0.42 - 64, h - 12), player.name, size=theme.SIZE_BUTTON,
                      weight="semibold", valign="center")
        ready = player.input.ready
        draw_text(surface, view, (x + w * 0.42, y + 6, w * 0.58 - 20, h - 12), player.input.describe(),
                  size=theme.SIZE_SMALL, color=theme.INK if focused else theme.ACCENT if ready else theme.WARNING,
                  align="right", valign="center")
