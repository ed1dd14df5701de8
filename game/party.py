"""Party play: several players answer the same question at once, Buzz!-style.

No pygame and no input/output: the desktop party scenes (keyboard blocks and gamepads) and the
phone buzzers drive a `PartyGame` the same way. Each player's pick is locked and kept hidden until
everyone still waited for has answered or run out of time; then one `Reveal` shows every pick and
the points each earned, scored like a solo game on the player's own answer time (same speed
formula, difficulty factor and streak bonus, a streak per player).

Lifelines: a set per player (`PARTY_LIFELINES`), or none (`lifelines=False`). 50:50 and skip are
left out: on a shared screen 50:50 would show every player the removed choices, and skip would
change the question for everyone.

Players can join between questions (`add_player`; one added during a question plays from the next
one) and be marked away (`set_away`: not waited for; a question they miss scores 0).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from .engine import (DEFAULT_ROUNDS, BaseGame, Clock, Outcome, Phase, RoundSpec, ScoreBoard,
                     Settings, mode_name, round_summary)
from .models import FactBase, Question

PARTY_MODE = "party"
PARTY_LIFELINES = ("double-chance", "extra-time")


def party_settings(timer: bool = True, **choices) -> Settings:
    """A party game's settings: the standard rounds, saved under "party" ("party relaxed" untimed)."""
    return Settings(**{"rounds": DEFAULT_ROUNDS, **choices, "timer": timer, "mode": mode_name(PARTY_MODE, timer)})


def without_typed(rounds: tuple[RoundSpec, ...]) -> tuple[RoundSpec, ...]:
    """The rounds a party can play: typed answers are left out (one keyboard, or four buttons)."""
    kept = (replace(spec, kinds=tuple(k for k in spec.kinds if k != "typed")) for spec in rounds)
    return tuple(spec for spec in kept if spec.kinds)


class Pick(enum.Enum):
    """What `PartyGame.answer` did with a player's pick."""

    LOCKED = "locked"  # the player's answer is in, hidden until the reveal
    PICK_AGAIN = "pick-again"  # double chance: the first pick is in, a second one is awaited
    TOO_LATE = "too-late"  # the player's time was up: locked with no answer (or their first pick)
    IGNORED = "ignored"  # not taken: already locked, not in this question, not a choice, paused, no question


@dataclass(frozen=True)
class PartyAnswer:
    """One player's part of a question, shown at the reveal."""

    player: str
    picks: tuple[str, ...]  # every choice the player locked, in order (two with double chance)
    outcome: Outcome  # scored as in a solo game; `response` is the pick that counted

    @property
    def missed(self) -> bool:
        """No pick at all: away, or the time ran out."""
        return not self.picks


@dataclass(frozen=True)
class Reveal:
    """Everyone's picks on one question, revealed together."""

    question: Question
    answers: tuple[PartyAnswer, ...]  # the players in the question, in seat order

    def pickers(self, choice: str) -> tuple[str, ...]:
        """The players who locked `choice` (first or second pick), in seat order."""
        return tuple(a.player for a in self.answers if choice in a.picks)

    def answer_of(self, player: str) -> PartyAnswer | None:
        return next((a for a in self.answers if a.player == player), None)


@dataclass(frozen=True)
class Standing:
    """A player's place after the last reveal, and where they were before it."""

    player: str
    rank: int  # 1 = leading; equal totals share a rank (1, 1, 3)
    total: int
    previous_rank: int  # the rank before the last reveal
    gained: int  # points earned at the last reveal

    @property
    def moved(self) -> int:
        """Places gained at the last reveal: positive moved up, negative moved down."""
        return self.previous_rank - self.rank


def ranks(totals: dict[str, int]) -> dict[str, int]:
    """Competition ranking: equal totals share a rank and the next rank skips (1, 1, 3)."""
    return {player: 1 + sum(other > total for other in totals.values()) for player, total in totals.items()}


@dataclass
class _Seat:
    """One player's state on the current question; thrown away at the next one."""

    clock_start: float = 0.0  # question-clock time this player's own clock started (moved by extra time)
    picks: list[str] = field(default_factory=list)
    pick_times: list[float] = field(default_factory=list)  # the player's own elapsed time at each pick
    locked: bool = False
    double_chance: bool = False
    lifelines_used: list[str] = field(default_factory=list)


class _WithoutTyped:
    """A generator that never offers typed questions (hand-written pack questions may be typed)."""

    def __init__(self, generator):
        self.generator = generator

    def quiz(self, count, seed, kinds=None, exclude=frozenset(), weights=None):
        asked = count
        while True:
            offered = self.generator.quiz(asked, seed, kinds=kinds, exclude=exclude, weights=weights)
            fitting = [q for q in offered if not q.is_typed]
            if len(fitting) >= count or len(offered) < asked:
                return fitting[:count]
            asked *= 2


class PartyGame(BaseGame):
    """Every player answers the same question at once; rounds of questions_per_round questions.

    Phases as in `Game`: ROUND_INTRO --start_round()--> QUESTION --everyone locked, or time up
    (update())--> FEEDBACK (`reveal` is set) --next()--> QUESTION ... ROUND_SUMMARY ... FINISHED.
    """

    def __init__(self, facts: FactBase | None, settings: Settings | None = None, players=("Player 1", "Player 2"),
                 clock: Clock | None = None, generator=None, lifelines: bool = True):
        settings = settings or party_settings()
        settings = replace(settings, rounds=without_typed(settings.rounds))
        if len({name.casefold() for name in players}) != len(players):
            raise ValueError("party players need different names")
        self.lifelines = lifelines
        self.reveal: Reveal | None = None  # set in FEEDBACK: everyone's picks and points
        self._away: set[str] = set()
        self._last_gain: dict[str, int] = {}
        super().__init__(facts, settings, players, clock, None, generator)

    # -- what front ends read ------------------------------------------------------------

    @property
    def choices(self) -> tuple[str, ...]:
        """The current question's choices, the same for everyone (no 50:50 in party play)."""
        question = self.question
        return question.choices if question else ()

    @property
    def in_question(self) -> tuple[str, ...]:
        """The players taking part in the current question, in seat order (a late joiner is not)."""
        return tuple(p for p in self.players if p in self._seats)

    def waiting_for(self) -> tuple[str, ...]:
        """Players in the question who have not locked an answer yet and are not away."""
        if self.phase is not Phase.QUESTION:
            return ()
        return tuple(p for p in self.in_question if not self._seats[p].locked and p not in self._away)

    def has_locked(self, player: str) -> bool:
        """Whether the player's answer is in (what they picked stays hidden until the reveal)."""
        seat = self._seats.get(player)
        return bool(seat and seat.locked)

    def picks_made(self, player: str) -> int:
        """How many picks the player has locked on this question (2 only with double chance)."""
        seat = self._seats.get(player)
        return len(seat.picks) if seat else 0

    def is_away(self, player: str) -> bool:
        return player in self._away

    def time_left(self, player: str | None = None) -> float | None:
        """Seconds left on `player`'s own clock; with no player, the most any player still waited
        for has (the question closes when it reaches 0). None untimed or outside a question."""
        limit = self.time_limit
        if limit is None or self.phase is not Phase.QUESTION:
            return None
        if player is not None:
            seat = self._seats.get(player)
            return max(0.0, limit - self._own_elapsed(seat)) if seat and not seat.locked else 0.0
        return max((self.time_left(p) for p in self.waiting_for()), default=0.0)

    def lifelines_left(self, player: str) -> frozenset[str]:
        return frozenset(self.scoreboards[player].lifelines_left)

    def double_chance_armed(self, player: str) -> bool:
        seat = self._seats.get(player)
        return bool(seat and seat.double_chance)

    def standings(self) -> tuple[Standing, ...]:
        """Every player by rank (ties in seat order), with the rank they had before the last reveal."""
        totals = {p: self.scoreboards[p].total for p in self.players}
        before = {p: total - self._last_gain.get(p, 0) for p, total in totals.items()}
        now, then = ranks(totals), ranks(before)
        table = [Standing(p, now[p], totals[p], then[p], self._last_gain.get(p, 0)) for p in self.players]
        return tuple(sorted(table, key=lambda s: s.rank))

    def round_results(self, player: str) -> tuple[str, int, int, int]:
        """(title, points, right, asked) of `player` in the current round so far."""
        rnd = self.current_round
        played = [o for o in self.scoreboards[player].outcomes if o.round_index == self.round_index]
        return round_summary(rnd.title if rnd else "", played)

    # -- what front ends do --------------------------------------------------------------

    def add_player(self, name: str) -> None:
        """Seat a new player with no points; during a question they play from the next one."""
        if not name or name.casefold() in {p.casefold() for p in self.players}:
            raise ValueError(f"a player is already called {name!r}" if name else "a player needs a name")
        self.players += (name,)
        self.scoreboards[name] = self._new_scoreboard(name)

    def set_away(self, player: str, away: bool = True) -> None:
        """An away player is not waited for: a question closes without them (0 points, streak lost)."""
        self._check_player(player)
        if away:
            self._away.add(player)
            self._reveal_when_all_in()
        else:
            self._away.discard(player)

    def answer(self, player: str, choice: str) -> Pick:
        """Lock `player`'s pick. Presses that race the reveal or a pause are IGNORED, not errors."""
        self._check_player(player)
        seat = self._seats.get(player)
        if (self.phase is not Phase.QUESTION or self.paused or seat is None or seat.locked
                or choice not in self.choices or choice in seat.picks):
            return Pick.IGNORED
        limit = self.time_limit
        own = self._own_elapsed(seat)
        if limit is not None and own > limit:
            self._lock(seat)
            return Pick.TOO_LATE
        seat.picks.append(choice)
        seat.pick_times.append(own)
        if seat.double_chance and len(seat.picks) == 1:
            return Pick.PICK_AGAIN
        self._lock(seat)
        return Pick.LOCKED

    def use_lifeline(self, player: str, name: str) -> bool:
        """Use one of `player`'s PARTY_LIFELINES on the current question; False when spent, off,
        or not applicable (double chance before a first pick and with 3+ choices; extra time timed)."""
        if name not in PARTY_LIFELINES:
            raise ValueError(f"unknown party lifeline {name!r}; expected one of {', '.join(PARTY_LIFELINES)}")
        self._check_player(player)
        seat = self._seats.get(player)
        board = self.scoreboards[player]
        if (self.phase is not Phase.QUESTION or self.paused or seat is None or seat.locked
                or name not in board.lifelines_left or self.time_left(player) == 0.0):
            return False
        if name == "double-chance":
            # Before a first pick: a pick locks the player unless double chance is already armed,
            # and it is once per game. With two choices a second pick could not be wrong.
            if len(self.choices) <= 2:
                return False
            seat.double_chance = True
        else:
            if self.time_limit is None:
                return False
            seat.clock_start = self.elapsed()  # the player's own clock starts again
        board.lifelines_left.discard(name)
        seat.lifelines_used.append(name)
        return True

    def update(self) -> Reveal | None:
        """Call often (every frame): locks players whose time is up; returns the Reveal when the
        question closes on this call."""
        if self.phase is not Phase.QUESTION or self.paused:
            return None
        limit = self.time_limit
        if limit is not None:
            for player in self.waiting_for():
                seat = self._seats[player]
                if self._own_elapsed(seat) >= limit:
                    self._lock(seat)
        self._reveal_when_all_in()  # everyone may be away
        return self.reveal  # None while the question is open: set when it closes, cleared by next()

    # -- inside --------------------------------------------------------------------------

    def _question_source(self, generator):
        return _WithoutTyped(generator)

    def _new_scoreboard(self, player: str) -> ScoreBoard:
        return ScoreBoard(player, lifelines_left=set(PARTY_LIFELINES) if self.lifelines else set())

    def _check_player(self, player: str) -> None:
        if player not in self.scoreboards:
            raise ValueError(f"no player called {player!r} in this game")

    def _own_elapsed(self, seat: _Seat) -> float:
        return max(0.0, self.elapsed() - seat.clock_start)

    def _reset_question_state(self) -> None:
        super()._reset_question_state()
        self._seats: dict[str, _Seat] = {}  # who takes part in the current question

    def _start_question(self) -> None:
        super()._start_question()
        self._seats = {player: _Seat() for player in self.players}

    def _leave_feedback(self) -> None:
        self.reveal = None

    def _lock(self, seat: _Seat) -> None:
        seat.locked = True
        self._reveal_when_all_in()

    def _reveal_when_all_in(self) -> None:
        if self.phase is Phase.QUESTION and self._seats and not self.waiting_for():
            self._reveal()

    def _reveal(self) -> None:
        question = self.question
        answers = tuple(PartyAnswer(p, tuple(self._seats[p].picks), self._score(p, question))
                        for p in self.in_question)
        for answer in answers:
            self.scoreboards[answer.player].record(answer.outcome)
        self._last_gain = {a.player: a.outcome.points for a in answers}
        self.reveal = Reveal(question, answers)
        self.phase = Phase.FEEDBACK

    def _score(self, player: str, question: Question) -> Outcome:
        """The pick that counts: the first, or with double chance a second after a wrong first
        (half the points when right). No pick (time up, or away): timed out, 0 points, the whole
        timer used (untimed: the time until the question closed)."""
        seat = self._seats[player]
        counted = 0 if not seat.picks or question.is_right(seat.picks[0]) else len(seat.picks) - 1
        response = seat.picks[counted] if seat.picks else None
        elapsed = seat.pick_times[counted] if seat.picks else (self.time_limit or self._own_elapsed(seat))
        correct = response is not None and question.is_right(response)
        streak = self.scoreboards[player].streak + 1 if correct else 0
        second_pick = counted == 1
        points = self._points(elapsed, streak) if correct else 0
        if second_pick:
            points = round(points / 2)
        # No clamp to the timer as in Game._finish: a pick later than the player's own timer is
        # refused (TOO_LATE), so every time here is within it.
        return Outcome(question, response, correct, points, streak, elapsed, response is None, self.round_index,
                       player, tuple(seat.lifelines_used), second_pick)


__all__ = ["PARTY_LIFELINES", "PARTY_MODE", "PartyAnswer", "PartyGame", "Pick", "Reveal",
           "Standing", "party_settings", "ranks", "without_typed"]
