"""The big screen of a party played on phones: the lobby (join address, QR code, PIN, players
arriving), then the question, the reveal, the standings and the podium as the room moves on.

The phone room (`game.phone.room.Room`) paces the party and the PartyGame keeps the score; these
scenes only show them and pass on the host's keys (start, go on, remove a player, end).
"""
from __future__ import annotations

import pygame

from ...phone.room import Stage
from .. import theme
from ..widgets import AnswerTile, Menu, draw_panel, draw_text, draw_timer_bar, grid_px
from .base import HEADING_BOTTOM, Scene, confirmed, draw_heading, draw_hint
from .party import draw_movement, draw_prompt
from .play import grid_boxes

LOBBY_COLUMNS = 4  # 20 players in five rows: names stay big enough to read across the room
QR_BORDER = 2  # modules of white around the code: phones read it more easily with a quiet zone


def start_hosting(app) -> str | None:
    """Open a phone party from the title: the server starts and the lobby shows; or the one-line
    reason it cannot (no network address to use, port refused)."""
    from ...phone.host import open_party
    from ...phone.server import BindError
    args = app.args
    try:
        party = open_party(args, clock=app.clock, library=app.library, store=app.store)
    except (ValueError, BindError) as error:
        return str(error)
    party.room.tiles = tuple((tile.fill, tile.shape) for tile in app.view.palette.tiles)  # as on the big screen
    app.push(HostLobbyScene(app, party))
    return None


def qr_surface(text: str, pixels: int) -> pygame.Surface:
    """`text` as a QR code (segno's matrix, quiet zone included), scaled to `pixels` square with
    hard edges so every module stays sharp."""
    import segno
    code = segno.make(text, error="m")
    rows = [list(row) for row in code.matrix_iter(scale=1, border=QR_BORDER)]
    small = pygame.Surface((len(rows[0]), len(rows)))
    small.fill((255, 255, 255))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                small.set_at((x, y), (0, 0, 0))
    return pygame.transform.scale(small, (pixels, pixels))


def draw_dot(surface, view, center, radius: float, colour) -> None:
    pygame.draw.circle(surface, colour, view.point(*center), view.px(radius))


class HostScene(Scene):
    """What both host scenes share: the room, its clock beat, and Esc to end the party."""

    def __init__(self, app, party):
        super().__init__(app)
        self.party = party
        self.room = party.room
        self.chosen: str | None = None  # the player Tab chose, whom Delete removes

    def choose_or_remove(self, event) -> bool:
        """Tab chooses the next player, Delete (or Backspace) removes the chosen one: in the lobby
        and mid-game alike (a late joiner's name may be one the room should not see)."""
        if event.type != pygame.KEYDOWN:
            return False
        names = self.room.players_by_name()
        if event.key == pygame.K_TAB:
            if names:
                after = names.index(self.chosen) + 1 if self.chosen in names else 0
                self.chosen = names[after % len(names)]
            return True
        if event.key in (pygame.K_DELETE, pygame.K_BACKSPACE) and self.chosen in names:
            self.room.remove(self.chosen)
            self.chosen = None
            return True
        return False

    def removal_hint(self) -> str:
        return f"Delete removes {self.chosen}" if self.chosen in self.room.players_by_name() else "Tab choose a player"

    def update(self, dt):
        self.room.update()  # the buzzer, and the reveal and standings moving on by themselves
        if self.room.stage is Stage.CLOSED and self.app.top is self:
            self.end()

    def ask_to_end(self) -> None:
        from .overlays import ConfirmScene
        self.app.push(ConfirmScene(self.app, "End the party for everyone?", yes="End party", no="Keep playing"),
                      lambda sure: sure and self.end())

    def end(self) -> None:
        self.party.close()  # phones are told, the server stops listening
        if self.app.stack and self.app.top is self:
            self.dismiss()

    def on_quit(self) -> None:
        self.party.close()


class HostLobbyScene(HostScene):
    """Join here: the address, its QR code and the PIN; the players as they arrive."""

    name = "host-lobby"

    def __init__(self, app, party):
        super().__init__(app, party)
        self.menu = Menu([("start", "Start"), ("end", "End party")], (0, 0, 460, 0), row_height=56, columns=2,
                         gap=16)
        self._qr: pygame.Surface | None = None

    def layout(self) -> None:
        """The QR code's panel on the left, the address, PIN and players on the right, for the
        window's own shape (see View)."""
        view = self.view
        x, w = view.column()
        self.qr_box = (x, HEADING_BOTTOM + 4, 420, min(460.0, view.hint_top - 90 - HEADING_BOTTOM))
        self.right = (x + 452, w - 452)
        menu_w = min(460.0, self.right[1])
        self.menu.place((x + w - menu_w, view.hint_top - 8 - self.menu.row_height_for(view), menu_w, 0), view)

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.ask_to_end()
        if self.choose_or_remove(event):
            return
        chosen = self.menu.handle(event, action)
        if chosen == "start":
            if self.room.start():
                self.app.sound.play("select")
                self.app.replace(HostGameScene(self.app, self.party))
        elif chosen == "end":
            self.ask_to_end()

    def qr(self, pixels: int) -> pygame.Surface:
        if self._qr is None or self._qr.get_width() != pixels:
            self._qr = qr_surface(f"{self.party.url}#pin={self.room.pin}", pixels)
        return self._qr

    def draw(self, surface):
        view, room = self.view, self.room
        draw_heading(surface, view, "Host a party", "Everyone joins on their phone, on this network")
        qx, qy, qw, qh = self.qr_box
        rx, rw = self.right
        draw_panel(surface, view, self.qr_box)
        side = min(360.0, qh - 100)
        surface.blit(self.qr(view.px(side)), view.point(qx + (qw - side) / 2, qy + 20))
        draw_text(surface, view, (qx + 12, qy + qh - 70, qw - 24, 56), "Scan to join (the PIN is filled in)",
                  size=theme.SIZE_SMALL, color=theme.INK_MUTED, align="center", valign="center")
        draw_text(surface, view, (rx, qy, 260, 34), "Or open", size=theme.SIZE_SMALL, color=theme.INK_MUTED)
        draw_text(surface, view, (rx, qy + 32, rw, 60), self.party.url, size=theme.SIZE_HEADING * 0.8, weight="bold",
                  color=theme.ACCENT)
        draw_text(surface, view, (rx, qy + 98, 260, 34), "Room PIN", size=theme.SIZE_SMALL, color=theme.INK_MUTED)
        draw_text(surface, view, (rx, qy + 128, rw, 80), " ".join(room.pin), size=theme.SIZE_TITLE, weight="bold")
        players_top = qy + 220
        self.draw_players(surface, (rx, players_top, rw, self.menu.buttons[0].box[1] - 12 - players_top))
        self.menu.button("start").enabled = bool(room.players)
        self.menu.draw(surface, view)
        draw_hint(surface, view, f"Enter start  ·  {self.removal_hint()}  ·  Esc end the party")

    def draw_players(self, surface, box) -> None:
        view = self.view
        x, y, w, h = box
        standings = self.room.standings()
        count = len(standings)
        title = "Waiting for players…" if not count else f"{count} player{'s' if count != 1 else ''} (up to {self.room.max_players})"
        draw_text(surface, view, (x, y, w, 34), title, size=theme.SIZE_BODY, weight="semibold")
        rows = (self.room.max_players + LOBBY_COLUMNS - 1) // LOBBY_COLUMNS
        row_h = (h - 40) / rows
        col_w = w / LOBBY_COLUMNS
        for i, standing in enumerate(standings):
            col, row = divmod(i, rows)
            cx, cy = x + col * col_w, y + 40 + row * row_h
            if standing.name == self.chosen:
                draw_panel(surface, view, (cx, cy, col_w - 12, row_h), fill=theme.FOCUS_FILL, edge=theme.ACCENT,
                           radius=6)
            draw_dot(surface, view, (cx + 14, cy + row_h / 2), min(8, row_h / 2 - 1), standing.colour)
            label = standing.name if standing.connected else f"{standing.name} (away)"
            draw_text(surface, view, (cx + 30, cy, col_w - 48, row_h), label, size=theme.SIZE_SMALL, valign="center")


class HostGameScene(HostScene):
    """The question with its four tiles, the reveal, the standings and the podium, as the room's
    stage says; Enter moves on sooner than the room would by itself."""

    name = "host-game"

    def __init__(self, app, party):
        super().__init__(app, party)
        self.heard = self.room.stage  # the stage last announced with a sound

    def update(self, dt):
        super().update(dt)
        stage = self.room.stage
        if stage is not self.heard:
            self.heard = stage
            self.announce(stage)

    def announce(self, stage: Stage) -> None:
        """The room hears the reveal (right if anyone got it) and the podium, as in a party on one screen."""
        if stage is Stage.REVEAL:
            reveal = self.room.game.reveal
            self.app.sound.play("right" if any(a.outcome.correct for a in reveal.answers) else "wrong")
        elif stage is Stage.PODIUM:
            self.app.sound.play("round_end")

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.ask_to_end()
        if self.choose_or_remove(event):
            return
        if confirmed(event, action):
            if self.room.stage is Stage.PODIUM:
                return self.end()
            self.room.advance()

    def draw(self, surface):
        with self.room.lock:  # the phones' answers arrive on the server's thread
            stage = self.room.stage
            if stage is Stage.QUESTION:
                self.draw_question(surface)
            elif stage is Stage.REVEAL:
                self.draw_question(surface, revealed=True)
            elif stage is Stage.STANDINGS:
                self.draw_standings(surface)
            elif stage is Stage.PODIUM:
                self.draw_podium(surface)

    def draw_status(self, surface) -> None:
        view, room = self.view, self.room
        rnd = room.game.current_round
        x, w = view.column()
        draw_text(surface, view, (x, 22, w * 0.55, 40), f"Question {room.number} of {room.total_questions}"
                  + (f" · {rnd.title}" if rnd else ""), size=theme.SIZE_BODY, weight="semibold", valign="center")
        draw_text(surface, view, (x + w * 0.55, 22, w * 0.45, 40), f"PIN {room.pin}  ·  {self.party.url}",
                  size=theme.SIZE_SMALL, color=theme.INK_MUTED, align="right", valign="center")

    def draw_question(self, surface, revealed: bool = False) -> None:
        view, room, game = self.view, self.room, self.room.game
        reveal = game.reveal if revealed else None
        question = reveal.question if reveal else game.question
        self.draw_status(surface)
        note = (question.explanation or f"The answer: {question.answer}.") if reveal else ""
        x, w = view.column()
        players_top = view.hint_top - 100
        draw_prompt(surface, view, (x, 76, w, 170), question.prompt, note)
        if not revealed:
            limit, left = game.time_limit, game.time_left()
            if limit and left is not None:
                draw_timer_bar(surface, view, (x, 256, w, 12), left / limit, left)
        standings = room.standings()  # once a frame: the chips and every tile's pickers read it
        colours = {s.name: s.colour for s in standings}
        boxes = grid_boxes(view, len(question.choices), 280, players_top - 14)
        px = grid_px(view, [AnswerTile(box, i, choice) for i, (box, choice) in enumerate(zip(boxes, question.choices))])
        for i, (box, choice) in enumerate(zip(boxes, question.choices)):
            state = "normal"
            if reveal:
                state = "right" if choice == question.answer else "wrong" if reveal.pickers(choice) else "faded"
            AnswerTile(box, i, choice, state).draw(surface, view, False, px=px)  # one size for the grid
            if reveal:
                self.draw_pickers(surface, box, reveal.pickers(choice), colours)
        self.draw_players(surface, (x, players_top, w, 96), reveal, standings)
        draw_hint(surface, view, ("Enter for the standings" if revealed else "Answer on your phone")
                  + f"  ·  {self.removal_hint()}  ·  Esc end the party")

    def draw_pickers(self, surface, box, pickers, colours) -> None:
        """The colours of who picked this tile, in a row along its bottom edge (names are below)."""
        x, y, w, h = box
        for i, name in enumerate(p for p in pickers if p in colours):
            draw_dot(surface, self.view, (x + w - 18 - i * 20, y + h - 16), 8, colours[name])

    def draw_players(self, surface, box, reveal, standings) -> None:
        """Every player as a chip: who has answered (never what) during the question; after it,
        right or wrong and the points."""
        view = self.view
        x, y, w, h = box
        answered = self.room.answered()
        per_row = 10
        chip_w, chip_h = w / per_row, h / 2
        for i, standing in enumerate(standings):
            cx, cy = x + (i % per_row) * chip_w, y + (i // per_row) * chip_h
            colour, text = theme.INK_MUTED, standing.name
            answer = reveal.answer_of(standing.name) if reveal else None
            if answer is not None:
                right = answer.outcome.correct
                colour = view.palette.right if right else view.palette.wrong
                text = f"{standing.name} +{answer.outcome.points:,}" if right else f"{standing.name} ✗"
            elif not reveal and standing.name in answered:
                colour, text = theme.INK, f"{standing.name} ✓"
            if standing.name == self.chosen:
                draw_panel(surface, view, (cx, cy + 2, chip_w - 4, chip_h - 4), fill=theme.FOCUS_FILL,
                           edge=theme.ACCENT, radius=6)
            draw_dot(surface, view, (cx + 10, cy + chip_h / 2), 7, standing.colour)
            draw_text(surface, view, (cx + 22, cy + 2, chip_w - 26, chip_h - 4), text, size=theme.SIZE_SMALL * 0.85,
                      color=colour, valign="center")

    def draw_standings(self, surface) -> None:
        view, room = self.view, self.room
        draw_heading(surface, view, "Standings", f"After question {room.number} of {room.total_questions}")
        moved = {s.player: s for s in room.game.standings()}
        table = room.standings()[:10]
        level_before = all(s.previous_rank == 1 for s in moved.values())
        row_h = min(52.0, (view.hint_top - 140) / max(len(table), 1) - 6)
        x, w = view.column(960)
        for i, standing in enumerate(table):
            y = 136 + i * (row_h + 6)
            lead = standing.rank == 1
            draw_panel(surface, view, (x, y, w, row_h), fill=theme.PANEL_RAISED if lead else theme.PANEL,
                       edge=standing.colour if lead else theme.PANEL_EDGE, width=3 if lead else 2, radius=8)
            draw_text(surface, view, (x + 12, y, 56, row_h), str(standing.rank), size=theme.SIZE_BODY, weight="bold",
                      color=theme.ACCENT if lead else theme.INK, align="center", valign="center")
            draw_dot(surface, view, (x + 90, y + row_h / 2), min(12, row_h / 2 - 4), standing.colour)
            draw_text(surface, view, (x + 116, y, 380, row_h), standing.name, size=theme.SIZE_BODY, weight="bold",
                      valign="center")
            engine = moved.get(standing.name)
            if engine is not None:
                draw_movement(surface, view, (x + 510, y, 170, row_h), 0 if level_before else engine.moved)
                draw_text(surface, view, (x + 680, y, 110, row_h), f"+{engine.gained:,}" if engine.gained else "",
                          size=theme.SIZE_BODY, color=view.palette.right, align="right", valign="center")
            draw_text(surface, view, (x + 800, y, w - 820, row_h), f"{standing.total:,}", size=theme.SIZE_BODY,
                      weight="bold", color=theme.ACCENT, align="right", valign="center")
        draw_hint(surface, view, f"Enter for the next question  ·  {self.removal_hint()}  ·  Esc end the party")

    def draw_podium(self, surface) -> None:
        view = self.view
        table = self.room.standings()
        winners = [s.name for s in table if s.rank == 1]
        title = (f"{winners[0]} wins!" if len(winners) == 1 else f"{' and '.join(winners)} win!" if len(winners) == 2
                 else f"{len(winners)} players share first place!")
        draw_heading(surface, view, title,
                     "Final standings · every score is saved in the party table")
        floor, step_w = view.hint_top - 114, 260
        heights = {1: 200, 2: 140, 3: 96}
        middle = view.width / 2
        for cx, standing in zip((middle, middle - 290, middle + 290), table[:3]):
            rise = heights.get(standing.rank, 80)
            top = floor - rise
            draw_panel(surface, view, (cx - step_w / 2, top, step_w, rise), fill=theme.PANEL_RAISED,
                       edge=standing.colour, width=3)
            draw_text(surface, view, (cx - step_w / 2, top + 8, step_w, min(rise - 16, 80)), str(standing.rank),
                      size=theme.SIZE_TITLE, weight="bold", color=standing.colour, align="center", valign="center")
            draw_dot(surface, view, (cx, top - 124), 22, standing.colour)
            draw_text(surface, view, (cx - step_w / 2, top - 96, step_w, 44), standing.name, size=theme.SIZE_BODY * 1.1,
                      weight="bold", align="center", valign="center")
            draw_text(surface, view, (cx - step_w / 2, top - 52, step_w, 44), f"{standing.total:,}",
                      size=theme.SIZE_BODY * 1.1, weight="bold", color=theme.ACCENT, align="center", valign="center")
        rest = table[3:]
        if rest:
            line = "  ·  ".join(f"{s.rank}. {s.name}  {s.total:,}" for s in rest)
            x, w = view.column()
            draw_text(surface, view, (x, floor + 12, w, 100), line,
                      size=theme.SIZE_SMALL, align="center", valign="center")
        draw_hint(surface, view, "Enter: end the party and back to the title")
