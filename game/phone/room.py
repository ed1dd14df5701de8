"""A party room: who is in, what each phone may see, and the pace of the game.

No web framework and no pygame: the server (`server.py`) and the host front ends (the pygame
scenes and `host --headless`) all call one `Room`, from their own threads, and every call takes
its lock. The party engine (`game.party.PartyGame`) stays the single source of truth for
questions, answers and points; the room only decides who may talk to it.

What a phone is told is built here, per player, by `view(token)`: never the right answer before
the reveal, never another player's pick.
"""
from __future__ import annotations

import enum
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from ..engine import Clock, Phase, SystemClock
from ..party import Pick, ranks
from ..storage import clean_name

MAX_PLAYERS = 20
PIN_LENGTH = 6
WRONG_PIN_LIMIT = 5  # wrong PINs (or unknown tokens) from one address ...
WRONG_PIN_WINDOW = 60.0  # ... within this many seconds lock that address out until the oldest ages out
REVEAL_SECONDS = 6.0  # the right answer and everyone's markers on the big screen
STANDINGS_SECONDS = 6.0  # then the standings, before the next question
PODIUM_SECONDS = 30.0  # the podium stays up this long, then the party ends and the server stops
SHORT_CHOICE_CHARS = 24  # choices this short are printed on the phone's buttons too

# One colour per player, far enough apart to tell 20 players apart on the lobby and the podium.
PLAYER_COLOURS = (
    (230, 25, 75), (60, 180, 75), (255, 225, 25), (67, 99, 216), (245, 130, 49),
    (145, 30, 180), (66, 212, 244), (240, 50, 230), (191, 239, 69), (250, 190, 212),
    (70, 153, 144), (220, 190, 255), (154, 99, 36), (255, 250, 200), (128, 0, 0),
    (170, 255, 195), (128, 128, 0), (255, 216, 177), (0, 0, 117), (169, 169, 169),
)


class Stage(enum.Enum):
    LOBBY = "lobby"
    QUESTION = "question"
    REVEAL = "reveal"
    STANDINGS = "standings"
    PODIUM = "podium"
    CLOSED = "closed"


class Refused(Exception):
    """A join, rejoin or answer the room will not take; the message is shown on the phone."""


@dataclass
class Player:
    name: str
    token: str
    colour: tuple[int, int, int]
    connections: int = 0  # open sockets bound to this player (a reload briefly makes two)
    picked: int | None = None  # this question's button, known to this player's phone alone


@dataclass(frozen=True)
class Standing:
    rank: int  # players on the same total share a rank
    name: str
    colour: tuple[int, int, int]
    total: int
    connected: bool


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def new_pin(digits: int = PIN_LENGTH) -> str:
    return f"{secrets.randbelow(10 ** digits):0{digits}d}"


class Throttle:
    """At most `limit` failures per key in any `window` seconds: a phone on the network cannot try
    every PIN (10^6 of them at 5 a minute is about 140 days)."""

    def __init__(self, limit: int = WRONG_PIN_LIMIT, window: float = WRONG_PIN_WINDOW,
                 clock: Callable[[], float] = time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: dict[str, deque[float]] = {}

    def blocked(self, key: str) -> bool:
        failures = self._failures.get(key)
        if not failures:
            return False
        while failures and failures[0] <= self.clock() - self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]  # a forgiven address costs no memory
        return len(failures) >= self.limit

    def fail(self, key: str) -> None:
        self._failures.setdefault(key, deque()).append(self.clock())


@dataclass
class Room:
    """One party: the PIN, the players, the stage, and the PartyGame once started.

    `make_game(players)` builds the PartyGame when the host starts (the front end knows the packs
    and settings); `on_change()` is called (from whichever thread changed something) so the server
    can send fresh views; `on_finish(game)` is called once when the podium is reached (saving), on
    the host's thread: only `start()`, `advance()` and `update()` move to a new question or the
    podium, and phones' threads only ever close a question.
    """

    make_game: Callable[[tuple[str, ...]], object]
    clock: Clock = field(default_factory=SystemClock)
    pin: str = field(default_factory=new_pin)
    tiles: tuple = ()  # (fill, shape) of the four answer buttons, as the big screen draws them
    max_players: int = MAX_PLAYERS
    on_change: Callable[[], None] = lambda: None
    on_finish: Callable[[object], None] = lambda game: None
    throttle: Throttle = field(default_factory=Throttle)

    def __post_init__(self):
        self.lock = threading.RLock()
        self.players: dict[str, Player] = {}  # token -> player, in joining order
        self.stage = Stage.LOBBY
        self.game = None
        self.number = 0  # the question on show (1-based); 0 before the first
        self.total_questions = 0
        self.away_at_reveal: set[str] = set()
        self.stage_until: float | None = None  # when REVEAL, STANDINGS and PODIUM move on by themselves
        if not self.tiles:
            from ..ui.theme import STANDARD  # the palette's data only: theme imports no pygame
            self.tiles = tuple((tile.fill, tile.shape) for tile in STANDARD.tiles)

    # -- phones ------------------------------------------------------------------------------

    def join(self, address: str, pin: str, name: str) -> Player:
        """A new player, or Refused saying why (bad PIN, locked out, name taken, room full)."""
        with self.lock:
            if self.throttle.blocked(address):
                raise Refused("Too many wrong PINs from this device: wait a minute and try again.")
            if not secrets.compare_digest(pin.encode(), self.pin.encode()):
                self.throttle.fail(address)
                raise Refused("Wrong PIN: check the number on the big screen.")
            if self.stage in (Stage.PODIUM, Stage.CLOSED):
                raise Refused("This party is over.")
            if len(self.players) >= self.max_players:
                raise Refused(f"The room is full ({self.max_players} players).")
            cleaned = clean_name(name)
            if any(p.name.casefold() == cleaned.casefold() for p in self.players.values()):
                raise Refused(f"{cleaned} is already playing: pick another name.")
            if self.game is not None and cleaned.casefold() in {p.casefold() for p in self.game.players}:
                # The engine keeps a removed player's seat and score: the name stays theirs.
                raise Refused(f"{cleaned} was in this party: pick another name.")
            player = Player(cleaned, secrets.token_urlsafe(18), self._free_colour())
            self.players[player.token] = player
            if self.game is not None:
                self.game.add_player(player.name)  # during a question: plays from the next one
            self._changed()
            return player

    def rejoin(self, address: str, token: str) -> Player:
        """The player this token was issued to (same name, score, streak), or Refused."""
        with self.lock:
            if self.throttle.blocked(address):
                raise Refused("Too many failed attempts from this device: wait a minute and try again.")
            player = self.players.get(token) if token else None
            if player is None:
                self.throttle.fail(address)  # a forged token is a guess, like a wrong PIN
                raise Refused("This phone is not in the party (any more): join again with the PIN.")
            if self.stage is Stage.CLOSED:
                raise Refused("This party is over.")
            return player

    def connected(self, token: str, delta: int) -> None:
        """A socket bound to this player opened (+1) or closed (-1). A player with no phone
        connected is away: the question does not wait for them (they score 0 unless back in time)."""
        with self.lock:
            player = self.players.get(token)
            if player is None:
                return
            player.connections = max(0, player.connections + delta)
            if self.game is not None:
                self.game.set_away(player.name, player.connections == 0)
                self._follow_game()
            self._changed()

    def answer(self, token: str, number: int, choice: int) -> int:
        """Lock in `choice` for question `number`; returns the button taken, or Refused."""
        with self.lock:
            player = self.players.get(token)
            if player is None:
                raise Refused("You were removed from the party.")
            if self.stage is not Stage.QUESTION or number != self.number:
                raise Refused("Too late: that question is over.")
            if player.name not in self.game.in_question:
                raise Refused("You join in at the next question.")
            if self.game.has_locked(player.name):
                raise Refused("You have already answered.")
            choices = self.game.choices
            if not 0 <= choice < len(choices):
                raise Refused("There is no such answer.")
            pick = self.game.answer(player.name, choices[choice])
            if pick is not Pick.LOCKED:
                self._follow_game()
                raise Refused("Too late: your time was up.")
            player.picked = choice
            self._follow_game()
            self._changed()
            return choice

    def view(self, token: str) -> dict:
        """Everything this player's phone shows now, and nothing it should not know."""
        with self.lock:
            player = self.players.get(token)
            if player is None:
                return {"screen": "removed"}
            me = {"name": player.name, "colour": hex_colour(player.colour)}
            if self.stage is Stage.CLOSED:
                return {"screen": "ended", **me, **self._rank_of(player)}
            if self.stage is Stage.LOBBY:
                return {"screen": "lobby", **me, "players": len(self.players)}
            if self.stage is Stage.PODIUM:
                return {"screen": "final", **me, **self._rank_of(player)}
            if self.stage is Stage.QUESTION and player.name in self.game.in_question:
                return {"screen": "question", **me, **self._question_view(player)}
            if self.stage is not Stage.QUESTION and self.game.reveal and self.game.reveal.answer_of(player.name):
                return {"screen": "result", **me, **self._result_view(player)}
            return {"screen": "wait", **me, **self._rank_of(player)}  # joined late: in from the next question

    # -- the host ----------------------------------------------------------------------------

    def start(self) -> bool:
        """Start the game with everyone in the lobby; False with nobody to play."""
        with self.lock:
            if self.stage is not Stage.LOBBY or not self.players:
                return False
            self.game = self.make_game(tuple(p.name for p in self.players.values()))
            for player in self.players.values():
                self.game.set_away(player.name, player.connections == 0)
            self.total_questions = sum(len(r.questions) for r in self.game.rounds)
            if not self.total_questions:
                return False
            self._next_question()
            return True

    def update(self) -> None:
        """Call every frame: the buzzer, and the reveal and standings moving on in their time."""
        with self.lock:
            if self.stage is Stage.QUESTION:
                self.game.update()  # the buzzer
                self._follow_game()
            elif self.stage_until is not None and self.clock.now() >= self.stage_until:
                self.advance()

    def advance(self) -> None:
        """The host moves on now: reveal -> standings -> next question (or the podium) -> the end."""
        with self.lock:
            if self.stage is Stage.REVEAL:
                self._set_stage(Stage.STANDINGS, STANDINGS_SECONDS)
            elif self.stage is Stage.STANDINGS:
                self._next_question()
            elif self.stage is Stage.PODIUM:
                self.close()

    def remove(self, name: str) -> bool:
        """The host removes a player: their token stops working and their phone is told."""
        with self.lock:
            for token, player in list(self.players.items()):
                if player.name.casefold() == name.casefold():
                    del self.players[token]
                    if self.game is not None:
                        # The engine keeps every seat; an away one is never waited for, and the
                        # room leaves it out of the standings and the saved scores.
                        self.game.set_away(player.name)
                        self._follow_game()
                    self._changed()
                    return True
            return False

    def close(self) -> None:
        with self.lock:
            if self.stage is not Stage.CLOSED:
                self._set_stage(Stage.CLOSED)

    def players_by_name(self) -> list[str]:
        """The names of everyone in the room, in joining order (removed players are not)."""
        with self.lock:
            return [p.name for p in self.players.values()]

    def standings(self) -> list[Standing]:
        """Everyone in the game, best first; before the start, the lobby in joining order."""
        with self.lock:
            players = list(self.players.values())
            totals = {p.name: self._total(p.name) for p in players}
            rank = ranks(totals)
            table = [Standing(rank[p.name], p.name, p.colour, totals[p.name], p.connections > 0) for p in players]
            return sorted(table, key=lambda s: s.rank)  # stable: ties stay in joining order

    def answered(self) -> set[str]:
        """Who has locked in an answer to the question on show (the big screen shows who, not what)."""
        with self.lock:
            return {p.name for p in self.players.values() if self.game is not None and self.game.has_locked(p.name)}

    # -- inside ------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.on_change()

    def _set_stage(self, stage: Stage, seconds: float | None = None) -> None:
        self.stage = stage
        self.stage_until = self.clock.now() + seconds if seconds is not None else None
        self._changed()

    def _free_colour(self) -> tuple[int, int, int]:
        taken = {p.colour for p in self.players.values()}
        return next((c for c in PLAYER_COLOURS if c not in taken), PLAYER_COLOURS[len(self.players) % 20])

    def _next_question(self) -> None:
        """On to the next question (the round cards and summaries are the big screen's business:
        the room goes straight through them), or to the podium after the last."""
        game = self.game
        for player in self.players.values():
            player.picked = None
        while game.phase is not Phase.QUESTION and game.phase is not Phase.FINISHED:
            game.next()  # FEEDBACK -> ... ; ROUND_SUMMARY -> ROUND_INTRO -> (start_round) QUESTION
        if game.phase is Phase.FINISHED:
            self._set_stage(Stage.PODIUM, PODIUM_SECONDS)
            self.on_finish(game)
            return
        self.number += 1
        self._set_stage(Stage.QUESTION)

    def _follow_game(self) -> None:
        """The engine closes the question when everyone waited for has answered, or the time is
        up (it decides, not the room): show the reveal as soon as it has."""
        if self.stage is Stage.QUESTION and self.game.phase is Phase.FEEDBACK:
            # Who was gone when it closed: their phone says "missed", not "time's up", when back.
            self.away_at_reveal = {p.name for p in self.players.values() if p.connections == 0}
            self._set_stage(Stage.REVEAL, REVEAL_SECONDS)

    def _total(self, name: str) -> int:
        board = self.game.scoreboards.get(name) if self.game is not None else None
        return board.total if board is not None else 0

    def _rank_of(self, player: Player) -> dict:
        standing = next(s for s in self.standings() if s.name == player.name)
        return {"rank": standing.rank, "players": len(self.players), "total": standing.total}

    def _question_view(self, player: Player) -> dict:
        question = self.game.question
        choices = question.choices
        show_text = question.kind == "true-false" or all(len(c) <= SHORT_CHOICE_CHARS for c in choices)
        buttons = [{"colour": hex_colour(fill), "shape": shape, "label": text if show_text else None}
                   for (fill, shape), text in zip(self.tiles, choices)]
        left = self.game.time_left(player.name)
        return {"number": self.number, "of": self.total_questions, "buttons": buttons,
                "seconds": None if left is None else round(left, 1), "picked": player.picked}

    def _result_view(self, player: Player) -> dict:
        reveal = self.game.reveal
        outcome = reveal.answer_of(player.name).outcome
        question = reveal.question
        right = question.choices.index(question.answer) if question.answer in question.choices else None
        if outcome.correct:
            result = "right"
        elif outcome.timed_out:
            result = "missed" if player.name in self.away_at_reveal else "timeout"
        else:
            result = "wrong"
        points = outcome.points
        return {"number": self.number, "of": self.total_questions, "result": result, "points": points,
                "picked": player.picked, "answer": right, "streak": self.game.scoreboards[player.name].streak,
                **self._rank_of(player)}
