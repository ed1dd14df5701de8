"""The rules of a game: rounds, the per-question timer, scoring, streaks, lifelines and results.

No pygame and no input/output: the terminal and the pygame scenes both drive a `Game`.
Time comes from an injected clock, so tests advance a `FakeClock` instead of sleeping.
"""
from __future__ import annotations

import enum
import hashlib
import random
import time
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Protocol

from .models import FactBase, Question

DIFFICULTY_FACTORS = {"easy": 1.0, "medium": 1.25, "hard": 1.5}
INSTANT_SECONDS = 0.5  # an answer quicker than this counts as instant: full points
STREAK_STEP = 100
STREAK_CAP = 500
LIFELINES = ("fifty-fifty", "skip", "extra-time", "double-chance")


class Clock(Protocol):
    def now(self) -> float: ...


class SystemClock:
    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: float = 0.0):
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, dt: float) -> None:
        self._now += dt


@dataclass(frozen=True)
class RoundSpec:
    title: str
    kinds: tuple[str, ...]
    blurb: str
    seconds: float | None = None  # overrides Settings.timer_seconds for this round


DEFAULT_ROUNDS = (
    RoundSpec("Who's Who", ("trope-to-character",), "A trope is described. Which character fits it?"),
    RoundSpec("Trope Match", ("character-to-trope",), "A character, or the show itself, is described. Which trope fits?"),
    RoundSpec("Spot the Reveal", ("spot-the-reveal",),
              "Real twists hide among made-up ones: pick the one that really happens."),
    RoundSpec("Lightning", ("true-false",), "True or false, and be quick about it.", seconds=8.0),
)

# Every round a game can have, in play order; a game of N rounds takes the first N. The
# standard game is DEFAULT_ROUNDS, in every front end, so scores in one table compare.
ROUND_CHOICES = (
    *DEFAULT_ROUNDS,
    RoundSpec("Name Them", ("typed",), "Type the character's name. Accents optional, small typos forgiven.",
              seconds=30.0),
    RoundSpec("From the Packs", ("pack",), "Hand-written questions from the packs you loaded."),
    RoundSpec("Who Loves Whom", ("relationship",), "Families, couples and rivals: who is tied to whom?"),
)


def rounds_for(count, packs) -> tuple[RoundSpec, ...]:
    """The rounds for a game on the chosen `packs` (none chosen: all packs): `count` is how many
    of ROUND_CHOICES (the first ones), or the RoundSpecs the player picked. Packs of hand-written
    questions only (no characters or tropes to build the other rounds from) play as many rounds
    of those questions instead; chosen fact packs that also carry hand-written questions get the
    From the Packs round added."""
    if not isinstance(count, int):
        picked = tuple(count)
        count = len(picked)
    else:
        picked = ROUND_CHOICES[:count]
    if packs and not any(pack.is_fact_pack for pack in packs):
        title = packs[0].title if len(packs) == 1 else "From the Packs"
        return tuple(RoundSpec(f"{title} ({i + 1})" if count > 1 else title, ("pack",),
                               "Hand-written questions from this pack.") for i in range(count))
    rounds = picked
    if any(pack.questions for pack in packs) and not any("pack" in r.kinds for r in rounds):
        # Chosen packs with questions of their own get a round of them.
        rounds += tuple(r for r in ROUND_CHOICES if "pack" in r.kinds)
    return rounds


@dataclass(frozen=True)
class Settings:
    rounds: tuple[RoundSpec, ...] = DEFAULT_ROUNDS
    questions_per_round: int = 5
    difficulty: str = "medium"
    spoilers: bool = True
    timer: bool = True
    timer_seconds: float = 20.0
    streak_bonus: bool = True
    seed: int | None = None
    packs: tuple[str, ...] = ()
    mode: str = "classic"


class Phase(enum.Enum):
    ROUND_INTRO = "round-intro"
    QUESTION = "question"
    FEEDBACK = "feedback"
    ROUND_SUMMARY = "round-summary"
    FINISHED = "finished"


class GameStateError(RuntimeError):
    """A front end asked for something the current phase does not allow."""


@dataclass(frozen=True)
class Outcome:
    question: Question
    response: str | None  # None when the timer ran out
    correct: bool
    points: int
    streak: int  # the player's streak after this answer
    elapsed: float  # seconds of the timer used (pauses excluded)
    timed_out: bool
    round_index: int = 0
    player: str = ""
    lifelines: tuple[str, ...] = ()  # lifelines used on this question
    second_pick: bool = False  # answered with double chance's second pick: half the points when right
    first_pick: str | None = None  # with double chance: the wrong first pick, before the second


@dataclass(frozen=True)
class Results:
    """One player's finished (or stopped) game; every figure is worked out from the answers."""

    player: str
    outcomes: tuple[Outcome, ...]  # every answer, in the order played
    titles: tuple[str, ...]  # the game's round titles, in play order

    @property
    def total(self) -> int:
        return sum(o.points for o in self.outcomes)

    @property
    def rounds(self) -> list[tuple[str, int, int, int]]:
        """(title, points, right, asked) of every round with at least one answer."""
        summaries = (round_summary(title, [o for o in self.outcomes if o.round_index == index])
                     for index, title in enumerate(self.titles))
        return [summary for summary in summaries if summary[3]]

    @property
    def right(self) -> int:
        return sum(o.correct for o in self.outcomes)

    @property
    def asked(self) -> int:
        return len(self.outcomes)

    @property
    def accuracy(self) -> float:
        """right / asked, 0.0 when nothing was asked."""
        return self.right / self.asked if self.outcomes else 0.0

    @property
    def best_streak(self) -> int:
        return max((o.streak for o in self.outcomes), default=0)

    @property
    def missed(self) -> list[Outcome]:
        """Wrong and timed-out answers, in the order played."""
        return [o for o in self.outcomes if not o.correct]


def round_summary(title: str, played: list[Outcome]) -> tuple[str, int, int, int]:
    return title, sum(o.points for o in played), sum(o.correct for o in played), len(played)


def difficulty_factor(difficulty: str) -> float:
    return DIFFICULTY_FACTORS.get(difficulty, 1.0)


def time_points(elapsed: float, limit: float) -> int:
    """1000 for an instant answer, 500 at the buzzer, linear in between."""
    t = 0.0 if elapsed < INSTANT_SECONDS else min(elapsed, limit)
    return round(1000 * (1 - (t / limit) / 2))


def streak_bonus(streak: int) -> int:
    """+100 per consecutive right answer after the first, at most +500."""
    return min(STREAK_STEP * max(streak - 1, 0), STREAK_CAP)


def daily_seed(day: Date) -> int:
    """The same seed on every machine for the same date (hash() is salted per process)."""
    digest = hashlib.sha256(f"osmosis-daily:{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def mode_name(kind: str, timer: bool) -> str:
    """The high-score table a game goes to: untimed games earn full points on every right answer,
    so they rank apart from timed ones."""
    if timer:
        return kind
    return "relaxed" if kind == "classic" else f"{kind} relaxed"


def daily_settings(day: Date, timer: bool = True) -> Settings:
    """The day's challenge, one definition for every front end: the default rounds and difficulty,
    seeded by the date, so every player gets the same quiz that day."""
    return Settings(seed=daily_seed(day), timer=timer, mode=mode_name("daily", timer))


def miss_weights(misses: dict[str, int]) -> dict[str, float]:
    """Generator weights: a question missed n times is 1 + 2n times as likely (n capped at 3)."""
    return {qid: 1.0 + 2.0 * min(count, 3) for qid, count in misses.items() if count > 0}


def _topics(question: Question) -> set:
    """What makes two questions the same to a player: the facts they are built on, whichever way
    round they ask, or the prompt (characters sharing one example get the same clue)."""
    return {frozenset(question.facts) or question.id, question.prompt}


def _derived_seed(seed: int, *parts: object) -> int:
    text = ":".join(str(p) for p in (seed, *parts))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


@dataclass
class ScoreBoard:
    """One player's answers so far; hot-seat games keep one per player."""

    player: str
    outcomes: list[Outcome] = field(default_factory=list)
    lifelines_left: set[str] = field(default_factory=lambda: set(LIFELINES))

    @property
    def total(self) -> int:
        return sum(o.points for o in self.outcomes)

    @property
    def streak(self) -> int:
        return self.outcomes[-1].streak if self.outcomes else 0

    @property
    def best_streak(self) -> int:
        return max((o.streak for o in self.outcomes), default=0)

    def record(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)

    def results(self, titles: list[str]) -> Results:
        return Results(self.player, tuple(self.outcomes), tuple(titles))


@dataclass
class Round:
    """A round being played: its spec and the questions drawn for it when it starts."""

    spec: RoundSpec
    index: int
    questions: list[Question] = field(default_factory=list)
    position: int = 0  # index of the current question in `questions`

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def blurb(self) -> str:
        return self.spec.blurb

    @property
    def kinds(self) -> tuple[str, ...]:
        return self.spec.kinds

    @property
    def seconds(self) -> float | None:
        return self.spec.seconds


class BaseGame:
    """What every way of playing shares: the rounds, drawn from the seed before play; the phase
    machine; the question clock with its pauses. `Game` (one answer at a time, hot-seat turns) and
    `party.PartyGame` (every player answers the same question at once) add how answers are taken.

    Phases: ROUND_INTRO --start_round()--> QUESTION --answers/timeout--> FEEDBACK --next()-->
    QUESTION ... --next()--> ROUND_SUMMARY --next()--> ROUND_INTRO ... --next()--> FINISHED.
    """

    def __init__(self, facts: FactBase | None, settings: Settings = Settings(), players=("Player",),
                 clock: Clock | None = None, misses: dict[str, int] | None = None, generator=None):
        if not players:
            raise ValueError("a game needs at least one player")
        self.settings = settings
        self.clock = clock or SystemClock()
        self.seed = settings.seed if settings.seed is not None else random.randrange(2**63)
        if generator is None:
            from .generator import Generator
            generator = Generator(facts, difficulty=settings.difficulty, spoilers=settings.spoilers)
        self.generator = self._question_source(generator)
        self.weights = miss_weights(misses) if misses else None
        self.players = tuple(players)
        self.scoreboards = {name: self._new_scoreboard(name) for name in self.players}
        self.round_index = 0
        self.paused = False
        self._used_ids: set[str] = set()
        self._topics: set = set()  # the facts and prompts of every question drawn so far
        self._reset_question_state()
        self.rounds = self._draw_rounds()
        self.phase = Phase.ROUND_INTRO if self.rounds else Phase.FINISHED

    # -- what front ends read ------------------------------------------------------------

    @property
    def current_round(self) -> Round | None:
        return self.rounds[self.round_index] if self.round_index < len(self.rounds) else None

    @property
    def question(self) -> Question | None:
        rnd = self.current_round
        if self.phase in (Phase.QUESTION, Phase.FEEDBACK) and rnd and rnd.position < len(rnd.questions):
            return rnd.questions[rnd.position]
        return None

    @property
    def time_limit(self) -> float | None:
        """Seconds on the clock for the current round, or None in a game without a timer."""
        if not self.settings.timer:
            return None
        rnd = self.current_round
        return rnd.seconds if rnd and rnd.seconds else self.settings.timer_seconds

    def elapsed(self) -> float:
        """Seconds the current question has been on the clock, pauses excluded."""
        if self._started_at is None:
            return 0.0
        now = self._paused_at if self.paused and self._paused_at is not None else self.clock.now()
        return max(0.0, now - self._started_at - self._paused_total)

    def results(self, player: str | None = None) -> Results:
        board = self.scoreboards[player or self.players[0]]
        return board.results([r.title for r in self.rounds])

    # -- what front ends do --------------------------------------------------------------

    def start_round(self) -> None:
        self._require(Phase.ROUND_INTRO)
        self.phase = Phase.QUESTION
        self._start_question()

    def next(self) -> None:
        """Move on: to the next question, the round summary, the next round card or the end."""
        if self.phase is Phase.ROUND_INTRO:
            return self.start_round()
        if self.phase is Phase.FEEDBACK:
            rnd = self.current_round
            rnd.position += 1
            self._leave_feedback()
            if rnd.position < len(rnd.questions):
                self.phase = Phase.QUESTION
                self._start_question()
            else:
                self.phase = Phase.ROUND_SUMMARY
        elif self.phase is Phase.ROUND_SUMMARY:
            self.round_index += 1
            self.phase = Phase.ROUND_INTRO if self.current_round else Phase.FINISHED
        elif self.phase is Phase.QUESTION:
            raise GameStateError("answer the question first")

    def pause(self) -> None:
        if not self.paused and self.phase is not Phase.FINISHED:
            self.paused = True
            self._paused_at = self.clock.now()

    def resume(self) -> None:
        if self.paused:
            self._paused_total += self.clock.now() - self._paused_at
            self.paused = False
            self._paused_at = None

    # -- for subclasses ------------------------------------------------------------------

    def _points(self, elapsed: float, streak: int) -> int:
        """A right answer's points: the speed formula (flat 1000 untimed) times the difficulty
        factor, plus the streak bonus."""
        limit = self.time_limit
        base = time_points(elapsed, limit) if limit else 1000
        bonus = streak_bonus(streak) if self.settings.streak_bonus else 0
        return round(base * difficulty_factor(self.settings.difficulty)) + bonus

    def _question_source(self, generator):
        """What this way of playing draws its questions from: the generator itself, or a filter on it."""
        return generator

    def _new_scoreboard(self, player: str) -> "ScoreBoard":
        return ScoreBoard(player)

    def _questions_per_round(self) -> int:
        return self.settings.questions_per_round

    def _leave_feedback(self) -> None:
        """Forget the answer shown in FEEDBACK before the next question."""

    def _require(self, phase: Phase) -> None:
        if self.phase is not phase:
            raise GameStateError(f"not allowed during {self.phase.value}; expected {phase.value}")

    def _draw_rounds(self) -> list[Round]:
        """Every round's questions, drawn from the seed alone before play: lifelines used on the way
        cannot change later rounds (the daily quiz stays the same for everyone), and skip never
        fetches a question a later round will ask. Rounds the facts cannot fill are left out, so
        "round 3 of 3" is the last one."""
        count = self._questions_per_round()
        drawn = [(spec, self._draw(count, spec.kinds, ("round", index)))
                 for index, spec in enumerate(self.settings.rounds)]
        playable = [(spec, questions) for spec, questions in drawn if questions]
        return [Round(spec, index, questions) for index, (spec, questions) in enumerate(playable)]

    def _draw(self, count: int, kinds, *salt) -> list[Question]:
        """`count` questions not drawn before in this game. A question on facts or with a prompt
        already drawn (the clue of "which character?" asked again as "which trope?") would give its
        answer away, so those only fill a round the fresh ones cannot; each fact or prompt drawn
        so far may cost a spare."""
        offered = self.generator.quiz(count + len(self._topics), _derived_seed(self.seed, *salt),
                                      kinds=tuple(kinds), exclude=frozenset(self._used_ids), weights=self.weights)
        fresh, repeats, seen = [], [], set(self._topics)
        for question in offered:
            (repeats if _topics(question) & seen else fresh).append(question)
            seen |= _topics(question)
        kept = {q.id for q in fresh[:count] + repeats[:max(0, count - len(fresh))]}
        questions = [q for q in offered if q.id in kept]  # in the generator's order: kinds stay mixed
        for question in questions:
            self._topics |= _topics(question)
        self._used_ids.update(q.id for q in questions)
        return questions

    def _reset_question_state(self) -> None:
        self._started_at: float | None = None
        self._paused_total = 0.0
        self._paused_at: float | None = None

    def _start_question(self) -> None:
        self._reset_question_state()
        self._restart_clock()

    def _restart_clock(self) -> None:
        self._started_at = self.clock.now()
        self._paused_total = 0.0
        self._paused_at = self._started_at if self.paused else None  # a game paused between questions stays paused


class Game(BaseGame):
    """One game from the first round card to the results, one answer at a time. With several
    players they take turns question by question (hot-seat), each round asking
    questions_per_round questions of each player.
    """

    def __init__(self, facts: FactBase | None, settings: Settings = Settings(), players=("Player",),
                 clock: Clock | None = None, misses: dict[str, int] | None = None, generator=None):
        self.outcome: Outcome | None = None  # the last answer, shown in FEEDBACK
        self._turn = 0  # questions played so far: whose turn it is in hot-seat games
        super().__init__(facts, settings, players, clock, misses, generator)

    @property
    def choices(self) -> tuple[str, ...]:
        """The current question's choices still on show (after 50:50 or a wrong double-chance pick)."""
        question = self.question
        if question is None:
            return ()
        return tuple(c for c in question.choices if c not in self._hidden)

    @property
    def player(self) -> str:
        return self.players[self._turn % len(self.players)]

    @property
    def scoreboard(self) -> ScoreBoard:
        return self.scoreboards[self.player]

    @property
    def streak(self) -> int:
        return self.scoreboard.streak

    @property
    def lifelines_left(self) -> frozenset[str]:
        return frozenset(self.scoreboard.lifelines_left)

    @property
    def double_chance_armed(self) -> bool:
        return self._double_chance

    @property
    def first_pick(self) -> str | None:
        """The wrong first pick of a double chance on the current question, once made."""
        return self._first_pick

    def time_left(self) -> float | None:
        limit = self.time_limit
        if limit is None or self.phase is not Phase.QUESTION:
            return None
        return max(0.0, limit - self.elapsed())

    # -- what front ends do --------------------------------------------------------------

    def update(self) -> Outcome | None:
        """Call often (every frame); returns the timed-out Outcome when the buzzer went."""
        if self.phase is Phase.QUESTION and not self.paused and self.time_left() == 0.0:
            return self._finish(None, timed_out=True)
        return None

    def answer(self, response: str) -> Outcome | None:
        """Score a chosen choice or typed answer. None: a wrong first pick with double chance armed."""
        self._require(Phase.QUESTION)
        if self.paused:
            raise GameStateError("the game is paused")
        limit = self.time_limit
        if limit is not None and self.elapsed() > limit:
            return self._finish(None, timed_out=True)
        question = self.question
        if question.is_right(response):
            return self._finish(response, timed_out=False)
        if self._double_chance and not self._second_pick:
            self._second_pick = True
            self._first_pick = response
            self._hidden.add(response)
            return None
        return self._finish(response, timed_out=False)

    def use_lifeline(self, name: str) -> bool:
        """Use one of LIFELINES on the current question; False when it is spent or does not apply."""
        if name not in LIFELINES:
            raise ValueError(f"unknown lifeline {name!r}; expected one of {', '.join(LIFELINES)}")
        if self.phase is not Phase.QUESTION or self.paused or name not in self.scoreboard.lifelines_left:
            return False
        if self.time_left() == 0.0:
            return False  # the buzzer has gone: too late to restart the clock or swap the question
        used = {"fifty-fifty": self._fifty_fifty, "skip": self._skip,
                "extra-time": self._extra_time, "double-chance": self._arm_double_chance}[name]()
        if used:
            self.scoreboard.lifelines_left.discard(name)
            self._lifelines_used.append(name)
        return used

    def round_results(self, player: str | None = None) -> tuple[str, int, int, int]:
        """(title, points, right, asked) of the current round so far, for the round summary."""
        rnd = self.current_round
        played = [o for o in self.scoreboards[player or self.player].outcomes if o.round_index == self.round_index]
        return round_summary(rnd.title if rnd else "", played)

    # -- inside --------------------------------------------------------------------------

    def _questions_per_round(self) -> int:
        return self.settings.questions_per_round * len(self.players)  # each player gets their turns

    def _leave_feedback(self) -> None:
        self.outcome = None

    def _reset_question_state(self) -> None:
        super()._reset_question_state()
        self._hidden: set[str] = set()
        self._double_chance = False
        self._second_pick = False
        self._first_pick: str | None = None
        self._lifelines_used: list[str] = []

    def _finish(self, response: str | None, timed_out: bool) -> Outcome:
        question = self.question
        board = self.scoreboard
        correct = not timed_out and response is not None and question.is_right(response)
        elapsed = self.elapsed()
        streak = board.streak + 1 if correct else 0
        points = self._points(elapsed, streak) if correct else 0
        if correct and self._second_pick:
            points = round(points / 2)
        limit = self.time_limit
        outcome = Outcome(question, response, correct, points, streak,
                          min(elapsed, limit) if limit else elapsed, timed_out,
                          self.round_index, board.player, tuple(self._lifelines_used), self._second_pick,
                          self._first_pick)
        board.record(outcome)
        self.outcome = outcome
        self._turn += 1
        self.phase = Phase.FEEDBACK
        return outcome

    def _fifty_fifty(self) -> bool:
        question = self.question
        wrong = [c for c in self.choices if c != question.answer]
        if len(wrong) < 2:
            return False  # typed, true/false, or already down to two choices
        # Seeded by the game and the question: the same game removes the same two. With three
        # choices on show only one goes, or the answer would be left alone on the screen.
        rng = random.Random(_derived_seed(self.seed, "fifty-fifty", question.id))
        self._hidden.update(rng.sample(wrong, min(2, len(wrong) - 1)))
        return True

    def _skip(self) -> bool:
        question = self.question
        rnd = self.current_round
        fresh = self._draw(1, (question.kind,), "skip", question.id, self._turn)
        if not fresh:
            return False
        rnd.questions[rnd.position] = fresh[0]
        self._start_question()
        return True

    def _extra_time(self) -> bool:
        if self.time_limit is None:
            return False
        self._restart_clock()
        return True

    def _arm_double_chance(self) -> bool:
        if len(self.choices) == 2 or self._double_chance:
            return False  # with two choices left a second pick could not be wrong
        self._double_chance = True
        return True
