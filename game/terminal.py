"""`text`: the whole game on standard input/output, one answer per line; `scores`: the table.

Works piped (`yes 1 | python main.py text`): without a terminal there is no timer, no name
prompt, and the end of input ends the game cleanly without saving it.
"""
from __future__ import annotations

import shutil
import sys
import textwrap
import unicodedata
from dataclasses import replace
from datetime import date
from typing import TextIO

from .engine import (DEFAULT_ROUNDS, Game, Outcome, Phase, Results, Settings, daily_settings,
                     mode_name, rounds_for)
from .models import Library
from .storage import HighScore, Store, clean_name
from .text import is_accepted, normalize

COMMANDS = {"50": "fifty-fifty", "50:50": "fifty-fifty", "skip": "skip", "time": "extra-time",
            "double": "double-chance"}
LIFELINE_LABELS = {"fifty-fifty": "50 (50:50)", "skip": "skip", "extra-time": "time (extra time)",
                   "double-chance": "double (double chance)"}
LIFELINE_NAMES = {"fifty-fifty": "50:50", "skip": "Skip", "extra-time": "Extra time",
                  "double-chance": "Double chance"}
HELP = "Answer with a number or the text. Lifelines, once per game: {lifelines}. Also: pause, quit."
NOT_WITH_DAILY = ("practice", "seed", "pack")  # each would make the daily quiz differ from everyone else's
NOT_WITH_PLAYERS = ("name", "daily", "practice")  # a party plays its own game, saved under "party"
PARTY_SIZE = (2, 4)


def full_stop(text: str) -> str:
    return text if text.rstrip().endswith((".", "!", "?")) else f"{text}."


class InputEnded(Exception):
    """Standard input ran out (or the player typed quit) before the game was over."""


def run(args) -> int:
    return show_scores(args) if args.command == "scores" else play(args)


# -- scores --------------------------------------------------------------------------------

def show_scores(args) -> int:
    # Only read: looking at the scores must not leave a folder and a file behind (a mistyped
    # --data-dir), set a damaged file aside, or fail on read-only media.
    store = Store.read(args.data_dir)
    if store.warning:
        print(f"osmosis-quiz scores: {store.warning}", file=sys.stderr)
        return 1  # "No scores yet" would be untrue of a file we cannot read
    # One table per mode: an untimed game scores more than any timed one, so one ranking would hide them.
    tables = [f"High scores ({mode}):\n{format_scores(store.high_scores(mode))}" for mode in store.modes()]
    print("\n\n".join(tables) or format_scores([]))
    return 0


def format_scores(scores: list[HighScore]) -> str:
    if not scores:
        from .launch import shown_command
        return f"No scores yet: play a game with `{shown_command('text')}` or `{shown_command()}`."
    lines = [f"{'#':>3}  {'name':<24}  {'score':>7}  {'mode':<16}  date", "-" * 66]
    lines += [f"{h.rank:>3}  {pad(h.name, 24)}  {h.score:>7}  {h.mode:<16}  {h.date}" for h in scores]
    return "\n".join(lines)


def pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns: wide characters (CJK, emoji) take two, accents none."""
    columns = sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
                  for ch in text)
    return text + " " * max(0, width - columns)


# -- the game ------------------------------------------------------------------------------

def play(args, inp: TextIO | None = None, out: TextIO | None = None) -> int:
    """The game on `inp` and `out` (standard input and output unless given): 0 once played or stopped."""
    inp, out = inp or sys.stdin, out or sys.stdout  # read now: a default bound at import misses redirections
    clashing = [f"--{flag}" for flag in NOT_WITH_DAILY if args.daily and getattr(args, flag)]
    if clashing:
        print(f"osmosis-quiz text: --daily is the same quiz for everyone; it cannot be combined with "
              f"{' or '.join(clashing)}", file=sys.stderr)
        return 2
    try:
        party = party_names(args)
    except ValueError as exc:
        print(f"osmosis-quiz text: {exc}", file=sys.stderr)
        return 2
    try:
        library = _library(args)
    except ValueError as exc:  # a --pack id that no loaded pack has
        print(f"osmosis-quiz text: {exc}", file=sys.stderr)
        return 1
    if not library.packs:
        from .launch import shown_command
        print(f"osmosis-quiz text: no pack to play; see `{shown_command('packs')}`", file=sys.stderr)
        return 1
    _tolerate_undecodable(inp)
    store = Store.open(args.data_dir)
    interactive = inp.isatty()
    ui = Terminal(inp, out)
    if store.warning:
        ui.say(store.warning)
    try:
        if party:
            return _play_party(args, ui, store, library, interactive, party)
        return _play_and_save(args, ui, store, library, interactive)
    except InputEnded as stopped:
        ui.say("\n" + (str(stopped) or "Input ended before the game was over: nothing saved."))
        return 0
    finally:
        store.close()


def _play_and_save(args, ui: "Terminal", store: Store, library: Library, interactive: bool) -> int:
    """One player's game; InputEnded when the input runs out or the player quits."""
    name = clean_name(args.name if args.name is not None else (ui.ask("Your name: ") if interactive else None))
    misses = store.misses(name) if args.practice else None
    if args.practice and not misses:
        ui.say(f"No missed questions on record for {name} yet: this is a normal game.")
    today = date.today()
    settings = game_settings(args, timed=interactive and not args.relaxed, packs=library.packs,
                             practice=bool(misses), today=today)
    game = Game(library.facts, settings, players=(name,), misses=misses)
    if not game.rounds:
        return _nothing_to_play(settings)
    ui.header(settings, name, today, interactive)
    results = ui.play(game)
    ui.show_results(results)
    ui.finish(store, results, settings)
    return 0


def party_names(args) -> tuple[str, ...]:
    """The players of `--players "Ann,Bob"` (none without it); ValueError says what is wrong."""
    if args.players is None:
        return ()
    clashing = [f"--{flag}" for flag in NOT_WITH_PLAYERS if getattr(args, flag)]
    if clashing:
        raise ValueError(f"--players plays a party game; it cannot be combined with {' or '.join(clashing)}")
    names = tuple(clean_name(name) for name in args.players.split(",") if name.strip())
    low, high = PARTY_SIZE
    if not low <= len(names) <= high:
        raise ValueError(f"--players needs {low} to {high} names separated by commas, got {len(names)}")
    if len({name.casefold() for name in names}) != len(names):
        raise ValueError("--players needs a different name for each player")
    return names


def _play_party(args, ui: "Terminal", store: Store, library: Library, interactive: bool,
                names: tuple[str, ...]) -> int:
    """Hot-seat turns: one question each in turn, each player's own streak and lifelines;
    InputEnded when the input runs out or a player quits."""
    from .party import PARTY_MODE
    timed = interactive and not args.relaxed
    settings = replace(game_settings(args, timed=timed, packs=library.packs), mode=mode_name(PARTY_MODE, timed))
    game = Game(library.facts, settings, players=names)
    if not game.rounds:
        return _nothing_to_play(settings)
    ui.header(settings, " and ".join([", ".join(names[:-1]), names[-1]]), date.today(), interactive)
    ui.play(game)
    everyone = [game.results(name) for name in names]
    ui.show_party_results(everyone)
    ui.finish_party(store, everyone, settings)
    return 0


def _nothing_to_play(settings: Settings) -> int:
    # Said and stopped: else an empty game would be "played" and saved as a score of 0.
    print("osmosis-quiz text: no question fits these options"
          f"{' (spoilers are off)' if not settings.spoilers else ''}; nothing to play", file=sys.stderr)
    return 1


def _library(args) -> Library:
    from .packs import choose_packs, load_library
    from .paths import builtin_pack_dir
    library = load_library(args.packs or ())
    for refused in library.refused:
        print(f"osmosis-quiz text: skipped a pack: {refused.reason}", file=sys.stderr)
    library = choose_packs(library, args.pack)
    if args.daily:  # packs a player added would change the daily quiz for that player alone
        bundled = builtin_pack_dir().resolve()
        return replace(library, packs=tuple(p for p in library.packs if p.path.resolve().is_relative_to(bundled)))
    return library


def _tolerate_undecodable(inp: TextIO) -> None:
    """A stray byte that is not text in the input's encoding must not end the game with a traceback."""
    if hasattr(inp, "reconfigure"):
        inp.reconfigure(errors="replace")


def game_settings(args, timed: bool, packs, practice: bool = False, today: date | None = None) -> Settings:
    """The rules a game is played by; `practice` when the player has misses to practise."""
    if args.daily:
        return replace(daily_settings(today or date.today(), timer=timed), spoilers=not args.no_spoilers,
                       packs=tuple(p.id for p in packs))
    return Settings(
        # A pack of hand-written questions alone plays as rounds of its own questions.
        rounds=rounds_for(len(DEFAULT_ROUNDS), packs if args.pack else ()),
        difficulty=args.difficulty,
        spoilers=not args.no_spoilers,
        timer=timed,
        seed=args.seed,
        packs=tuple(p.id for p in packs),
        mode=mode_name("practice" if practice else "classic", timed),
    )


def _turn_on_line_editing() -> None:
    """Importing readline (GNU readline or libedit) is what makes input() edit lines. Not every
    Python has it (some Windows builds): input() then reads plain lines, as readline() would."""
    try:
        import readline  # noqa: F401
    except ImportError:
        pass


class Terminal:
    """Plays a Game on a pair of text streams: prints the cards, questions and feedback, reads one
    line per answer or command."""

    def __init__(self, inp: TextIO, out: TextIO):
        self.inp = inp
        self.out = out
        self.width = max(40, min(80, shutil.get_terminal_size().columns) - 1)  # 80 when unknown (a pipe)
        # In a real terminal, lines are read with input() and readline: arrows move in the line
        # and bring back earlier answers instead of printing ^[[A. (play() has asked isatty already.)
        self.line_editing = inp is sys.stdin and out is sys.stdout and inp.isatty()
        if self.line_editing:
            _turn_on_line_editing()

    # -- output helpers --

    def say(self, text: str = "", indent: str = "", hanging: str | None = None) -> None:
        """Print `text` wrapped to the terminal; `hanging` indents the lines after the first."""
        for paragraph in text.split("\n"):
            # A blank paragraph fills to "": an empty line, never a line of indent alone.
            print(textwrap.fill(paragraph, self.width, initial_indent=indent,
                                subsequent_indent=indent if hanging is None else hanging), file=self.out)
        self.out.flush()

    def ask(self, prompt: str) -> str:
        if self.line_editing:
            try:
                return input(prompt).strip()
            except EOFError:
                raise InputEnded from None
        print(prompt, end="", file=self.out, flush=True)
        line = self.inp.readline()
        if not line:
            raise InputEnded
        if not self.inp.isatty():
            print(line.strip(), file=self.out)  # piped answers are not echoed: show them in the transcript
        return line.strip()

    def header(self, settings: Settings, name: str, today: date, interactive: bool) -> None:
        kind = settings.mode.split()[0]
        title = {"daily": f"Daily challenge for {today.isoformat()}",
                 "practice": "Practice: your misses", "party": "Party game"}.get(kind, "Osmosis Quiz")
        timer = (f"{settings.timer_seconds:g} s per question" if settings.timer else
                 "no timer" if interactive else "no timer (answers come from a pipe)")
        self.say(f"{title} for {name}: difficulty {settings.difficulty}, {timer}"
                 f"{', no spoilers' if not settings.spoilers else ''}.")

    # -- the game loop --

    def play(self, game: Game) -> Results:
        while game.phase is not Phase.FINISHED:
            if game.phase is Phase.ROUND_INTRO:
                self.round_card(game)
                game.start_round()
            elif game.phase is Phase.QUESTION:
                self.question(game)
            elif game.phase is Phase.FEEDBACK:
                self.feedback(game, game.outcome)
                game.next()
            elif game.phase is Phase.ROUND_SUMMARY:
                self.round_end(game)
                game.next()
        return game.results()

    def round_end(self, game: Game) -> None:
        if len(game.players) == 1:
            title, points, right, asked = game.round_results()
            self.say(f"End of {title}: {right} of {asked} right, {points} points.")
            return
        self.say(f"End of {game.current_round.title}:")
        for player in game.players:
            _, points, right, asked = game.round_results(player)
            self.say(f"  {player}: {right} of {asked} right, {points} points (total {game.scoreboards[player].total}).")

    def round_card(self, game: Game) -> None:
        rnd = game.current_round
        count = len(rnd.questions) // len(game.players)  # hot-seat: the round asks each player their share
        self.say()
        self.say(f"=== Round {rnd.index + 1} of {len(game.rounds)}: {rnd.title} ===".center(self.width).rstrip())
        each = " each" if len(game.players) > 1 else ""
        self.say(f"{rnd.blurb} {count} question{'s' if count != 1 else ''}{each}.")

    def question(self, game: Game) -> None:
        rnd = game.current_round
        question = game.question
        self.say()
        turn = f", {game.player}'s turn" if len(game.players) > 1 else ""  # hot-seat: who answers this one
        self.say(f"Question {rnd.position + 1} of {len(rnd.questions)}{turn}: {question.prompt}")
        self.show_choices(game)
        if question.is_typed:
            self.say("  (type your answer)")
        if rnd.position == 0:
            self.say(self.help_line(game))
        self.take_answer(game, question)

    def take_answer(self, game: Game, question) -> None:
        """Read lines until the question is answered, timed out or skipped."""
        pending = ""  # a line typed at the pause prompt instead of a bare Enter
        while game.phase is Phase.QUESTION and game.question is question:
            left = game.time_left()
            line = pending or self.ask(f"[{left:.0f} s] > " if left is not None else "> ")
            pending = ""
            if game.update() is not None:
                # The buzzer went while the player was typing: the feedback says so, and a
                # lifeline asked for then is said to be too late (it is not spent).
                lifeline = COMMANDS.get(line.casefold())
                if lifeline is not None:
                    self.say(f"Too late for {LIFELINE_NAMES[lifeline]}: time was up before you typed it. "
                             "It is not spent.")
                return
            if line.casefold() in ("pause", "p"):
                pending = self.pause(game)
            elif not self.command(game, line):
                self.answer(game, line)

    def pause(self, game: Game) -> str:
        game.pause()
        clock = ": the clock is stopped" if game.time_limit is not None else ""
        line = self.ask(f"Paused{clock}. Press Enter to go on. ")
        game.resume()
        return line

    def answer(self, game: Game, line: str) -> None:
        response = self.response(game, line)
        if response is None:
            self.say("Type your answer, or help." if game.question.is_typed else
                     f"Type a number from 1 to {len(game.choices)} or the text of a choice, or help.")
        elif game.answer(response) is not None:
            return
        elif game.question.is_typed:
            self.say("Wrong, but you have a second try (double chance).")
        else:
            self.say("Wrong, but you have a second pick (double chance):")
            self.show_choices(game)

    def show_choices(self, game: Game) -> None:
        for number, choice in enumerate(game.choices, 1):
            print(textwrap.fill(choice, self.width, initial_indent=f"  {number}) ", subsequent_indent="     "),
                  file=self.out)

    def help_line(self, game: Game) -> str:
        left = [label for name, label in LIFELINE_LABELS.items() if name in game.lifelines_left
                and (name != "extra-time" or game.time_limit is not None)]
        return HELP.format(lifelines=", ".join(left) or "none left")

    def command(self, game: Game, line: str) -> bool:
        """Handle a lifeline or quit/help; False when the line is an answer."""
        word = line.casefold()
        if word in ("quit", "exit"):
            raise InputEnded("You stopped the game before the end: nothing saved.")
        if word in ("help", "?"):
            self.say(self.help_line(game))
            return True
        lifeline = COMMANDS.get(word)
        if lifeline is None:
            return False
        shown = len(game.choices)
        if not game.use_lifeline(lifeline):
            spent = lifeline not in game.lifelines_left
            self.say(f"{LIFELINE_NAMES[lifeline]}: " + ("already used in this game." if spent else
                     "not available without a timer." if lifeline == "extra-time" else
                     "not available for this question."))
            return True
        if lifeline == "fifty-fifty":
            self.say("Two wrong choices are gone:" if shown - len(game.choices) == 2 else "A wrong choice is gone:")
            self.show_choices(game)
        elif lifeline == "skip":
            self.say("Skipped: here is a fresh question.")
        elif lifeline == "extra-time":
            self.say(f"Extra time: the clock is back to {game.time_left():.0f} s.")
        else:
            self.say("Double chance: if your first pick is wrong, you get a second one for half the points.")
        return True

    def response(self, game: Game, line: str) -> str | None:
        """The choice a line means (its number, or its text give or take a small typo), or the
        typed text itself; None when it means nothing."""
        if not normalize(line):
            return None  # a stray Enter is not an answer, even to a typed question
        if game.question.is_typed:
            return line
        choices = game.choices
        # isdecimal, not isdigit: "²" is a digit int() refuses; the length cap keeps int() fast and safe.
        if line.isdecimal() and len(line) < 4:
            return choices[int(line) - 1] if 1 <= int(line) <= len(choices) else None
        return next((c for c in choices if is_accepted(line, (c,), [o for o in choices if o != c])), None)

    def feedback(self, game: Game, outcome: Outcome) -> None:
        board = game.scoreboards[outcome.player]
        score = f"{outcome.player}'s score" if len(game.players) > 1 else "Score"
        if outcome.correct:
            second = " (second pick: half the points)" if outcome.second_pick else ""
            self.say(f"Right! +{outcome.points} points{second}. {score} {board.total}, streak {outcome.streak}.")
        else:
            why = "Time's up" if outcome.timed_out else "Wrong"
            self.say(f"{why}: the answer is {full_stop(outcome.question.answer)} {score} {board.total}, streak 0.")
        if outcome.question.explanation:
            self.say(outcome.question.explanation, indent="  ")

    # -- the end --

    def show_results(self, results: Results) -> None:
        self.say()
        self.say(f"=== Results for {results.player} ===".center(self.width).rstrip())
        for title, points, right, asked in results.rounds:
            self.say(f"  {title:<20} {right:>2}/{asked:<2} right  {points:>7} points")
        self.say(f"Total: {results.total} points. Accuracy {results.accuracy:.0%}, "
                 f"best streak {results.best_streak}.")
        if results.missed:
            self.say("\nMissed questions:")
            for outcome in results.missed:
                given = "no answer in time" if outcome.timed_out else outcome.response
                self.say(f"- {outcome.question.prompt}", hanging="  ")
                self.say(f"You: {full_stop(given)} Right answer: {full_stop(outcome.question.answer)}", indent="    ")
                if outcome.question.explanation:
                    self.say(outcome.question.explanation, indent="    ")

    def show_party_results(self, everyone: list[Results]) -> None:
        from .party import ranks
        places = ranks({r.player: r.total for r in everyone})
        self.say()
        self.say("=== Final standings ===".center(self.width).rstrip())
        for results in sorted(everyone, key=lambda r: places[r.player]):
            self.say(f"  {places[results.player]}. {pad(results.player, 24)} {results.total:>7} points  "
                     f"{results.right:>2}/{results.asked:<2} right  best streak {results.best_streak}")

    def finish_party(self, store: Store, everyone: list[Results], settings: Settings) -> None:
        if not store.can_save:
            self.say("The scores were not saved (see the note at the start).")
            return
        saved = False
        for results in everyone:
            if store.save_game(results, settings):
                saved = True
            else:
                self.say(f"{results.player}'s score was not saved: {store.warning}.")
        if not saved:  # no table saying "No scores yet: play a game" right after one was played
            return
        self.say(f"\nHigh scores ({settings.mode}):")
        print(format_scores(store.high_scores(settings.mode)), file=self.out)

    def finish(self, store: Store, results: Results, settings: Settings) -> None:
        if not store.can_save:
            self.say("Your score was not saved (see the note at the start).")
            return
        high = store.is_high_score(results.total, settings.mode)
        if not store.save_game(results, settings):
            self.say(full_stop(store.warning[:1].upper() + store.warning[1:]))  # "This game could not be saved (...)"
            return
        if high:
            self.say(f"A new high score for {settings.mode} games!")
        self.say(f"\nHigh scores ({settings.mode}):")
        print(format_scores(store.high_scores(settings.mode)), file=self.out)
