"""The terminal game as a player runs it: `main.py text` with answers piped in, then `main.py scores`."""
from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from game import terminal
from game.cli import build_parser, main as cli_main
from game.engine import FakeClock, Game, Phase, RoundSpec, Settings
from game.packs import load_library
from game.terminal import InputEnded, Terminal
from game.text import normalize

ROOT = Path(__file__).resolve().parent.parent  # the repository: main.py runs from its clone

FACTS = load_library().facts


def run_process(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """`python main.py ARGS` in a process of its own, `stdin` piped in."""
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def run_main(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """What `run_process` gives, from the same parser and command code run in this process: faster,
    and visible to mutation testing, which cannot follow a test into a child process. The whole
    game below still runs a real process."""
    argv = list(args)
    parsed = build_parser(argv).parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        if parsed.command == "text":
            code = terminal.play(parsed, io.StringIO(stdin), out)
        elif parsed.command == "scores":
            code = terminal.show_scores(parsed)
        else:
            code = cli_main(argv)
    return subprocess.CompletedProcess(["main.py", *argv], code, out.getvalue(), err.getvalue())


def questions_of(seed: int) -> list:
    """The questions `text --seed SEED` asks, in order, from the same engine the terminal drives."""
    game = Game(FACTS, Settings(seed=seed, timer=False), clock=FakeClock())
    asked = []
    while game.phase is not Phase.FINISHED:
        if game.phase is Phase.QUESTION:
            asked.append(game.question)
            game.answer(game.question.answer)
        game.next()
    return asked


def test_a_whole_game_from_piped_numbers_is_saved_and_listed_by_scores(tmp_path):
    done = run_process("text", "--seed", "3", "--name", "ann", "--data-dir", str(tmp_path), stdin="1\n" * 300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Round 1 of 4: Who's Who" in out and "Round 4 of 4: Lightning" in out
    assert "Results for ann" in out and "Accuracy" in out and "best streak" in out
    assert out.count("Question ") >= 20 and "High scores (relaxed):" in out
    assert all(len(line) <= 80 for line in out.splitlines()), max(out.splitlines(), key=len)
    assert done.stderr == ""

    scores = run_process("scores", "--data-dir", str(tmp_path))
    assert scores.returncode == 0
    row = next(line for line in scores.stdout.splitlines() if "ann" in line)
    assert row.split()[0] == "1" and "relaxed" in row


def test_right_answers_typed_as_choice_text_score_every_point(tmp_path):
    answers = "".join(q.answer.lower() + "\n" for q in questions_of(8))  # the text, in any case
    done = run_main("text", "--seed", "8", "--name", "Cleo", "--data-dir", str(tmp_path), stdin=answers)
    assert done.returncode == 0, done.stderr
    # No timer when piped: 1000 x 1.25 (medium) per answer, plus streak bonuses 0+100+...+500 then 500 each.
    streak = sum(min(100 * n, 500) for n in range(20))
    assert f"Total: {20 * 1250 + streak} points. Accuracy 100%, best streak 20." in done.stdout
    assert "Missed questions" not in done.stdout
    assert "A new high score for relaxed games!" in done.stdout.splitlines()


def picks_by_position(typing) -> tuple[list, list, object, str]:
    """Plays `text --seed 12` in process, answering question i with choice number 1 + i % n
    (typed as `typing(number, choice)` says): the questions, the numbers, the results and the
    transcript. Typed questions get their answer."""
    asked = questions_of(12)
    numbers = [1 + i % len(q.choices) if q.choices else 0 for i, q in enumerate(asked)]
    lines = [typing(n, q.choices[n - 1]) if n else q.answer for n, q in zip(numbers, asked)]
    out = io.StringIO()
    results = Terminal(io.StringIO("".join(f"{line}\n" for line in lines)), out).play(
        Game(FACTS, Settings(seed=12, timer=False), clock=FakeClock()))
    assert [o.question.id for o in results.outcomes] == [q.id for q in asked]
    return asked, numbers, results, out.getvalue()


def test_typing_n_picks_the_choice_shown_as_n():
    asked, numbers, results, transcript = picks_by_position(lambda number, choice: str(number))
    transcript = " ".join(transcript.split())  # long choices wrap onto indented lines
    assert {n for n in numbers if n} == {1, 2, 3, 4}  # every place is typed at least once
    for question, number, outcome in zip(asked, numbers, results.outcomes):
        if number:
            shown = question.choices[number - 1]
            assert f" {number}) {shown}" in transcript
            assert outcome.response == shown and outcome.correct == (shown == question.answer), question.id


def test_typing_a_choices_text_picks_that_choice_whatever_its_place():
    asked, numbers, results, _ = picks_by_position(lambda number, choice: normalize(choice))
    for question, number, outcome in zip(asked, numbers, results.outcomes):
        if number:
            assert outcome.response == question.choices[number - 1], question.id


def test_missed_questions_are_listed_with_the_right_answer_and_explanation(tmp_path):
    asked = questions_of(9)
    wrong_first = next(c for c in asked[0].choices if c != asked[0].answer)
    answers = [wrong_first] + [q.answer for q in asked[1:]]
    done = run_main("text", "--seed", "9", "--data-dir", str(tmp_path), stdin="\n".join(answers) + "\n")
    results = done.stdout.split("Missed questions:")[1]
    assert "Results for Player" in done.stdout  # no --name and no terminal: "Player"
    assert asked[0].answer.split()[0] in results and asked[0].explanation.split()[0] in results
    assert f"You: {wrong_first}" in results  # what the player said, beside the right answer
    assert "Accuracy 95%, best streak 19." in done.stdout


def test_input_ending_mid_game_saves_nothing(tmp_path):
    done = run_main("text", "--seed", "3", "--name", "eve", "--data-dir", str(tmp_path), stdin="1\n2\n3\n")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    # A line of its own after the last prompt (exact: mutation testing found padding unnoticed).
    assert done.stdout.endswith("> \nInput ended before the game was over: nothing saved.\n")
    assert "Results for" not in done.stdout
    assert "No scores yet" in run_main("scores", "--data-dir", str(tmp_path)).stdout


def test_an_unusable_data_folder_still_plays_the_whole_game(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = run_main("text", "--seed", "1", "--data-dir", str(blocker / "data"), stdin="1\n" * 300)
    assert done.returncode == 0, done.stderr
    assert "scores won't be saved" in done.stdout.splitlines()[0]
    assert "Results for Player" in done.stdout
    assert done.stdout.endswith("\nYour score was not saved (see the note at the start).\n")  # and no table


def test_a_pack_that_does_not_exist_is_a_one_line_error(tmp_path):
    # beside a pack that exists too: a typo is not quietly dropped from the packs chosen
    done = run_main("text", "--pack", "world", "--pack", "no-such-pack", "--data-dir", str(tmp_path), stdin="1\n")
    assert done.returncode == 1 and done.stdout == "" and done.stderr.count("\n") == 1
    assert "no pack with id 'no-such-pack'; loaded packs: " in done.stderr and "world" in done.stderr


def test_options_that_leave_no_question_are_an_error_not_an_empty_game(tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "twists.yaml").write_text("title: Twists only\nquestions:\n  - prompt: Who is behind it all?\n"
                                       "    choices: [Somebody, Nobody]\n    answer: Somebody\n    spoiler: true\n",
                                       encoding="utf-8")
    done = run_main("text", "--packs", str(packs), "--pack", "twists", "--no-spoilers", "--name", "z",
                    "--data-dir", str(tmp_path / "data"), stdin="1\n")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "osmosis-quiz text: no question fits these options (spoilers are off); nothing to play\n"
    assert "No scores yet" in run_main("scores", "--data-dir", str(tmp_path / "data")).stdout


# -- lifelines and commands, driven in-process with a fake clock ----------------------------

def play_lines(game: Game, lines: list[str]) -> str:
    out = io.StringIO()
    terminal = Terminal(io.StringIO("".join(f"{line}\n" for line in lines)), out)
    try:
        terminal.play(game)
    except InputEnded:  # the lines ran out mid-game; the transcript is what we check
        pass
    return out.getvalue()


def one_round(kinds, **settings) -> Game:
    rounds = (RoundSpec("Test", tuple(kinds), "Testing."),)
    settings.setdefault("seed", 21)
    return Game(FACTS, Settings(rounds=rounds, questions_per_round=3, **settings), clock=FakeClock())


def test_lifeline_commands_work_once_each():
    game = one_round(["trope-to-character"])
    out = play_lines(game, ["50", "50", "skip", "double", "time"])
    assert "Two wrong choices are gone:" in out and "50:50: already used in this game." in out
    assert "Skipped: here is a fresh question." in out and "Double chance:" in out
    assert "Extra time: the clock is back to 20 s." in out
    assert "[20 s] >" in out  # a timed game shows the clock in the prompt
    assert game.lifelines_left == frozenset()


def test_double_chance_in_the_terminal_allows_a_second_pick_for_half_points():
    game = one_round(["trope-to-character"])
    game.start_round()
    question = game.question
    wrong = next(c for c in question.choices if c != question.answer)
    game_lines = ["double", wrong, question.answer]
    out = play_lines(game, game_lines)
    assert out.splitlines().count("Wrong, but you have a second pick (double chance):") == 1
    assert "Right! +625 points (second pick: half the points)." in out  # half of 1000 x 1.25, instant


def test_typed_answers_are_matched_leniently_and_fifty_fifty_is_refused():
    game = one_round(["typed"], timer=False)
    game.start_round()
    question = game.question
    sloppy = normalize(question.answer)  # lower case, no accents, no punctuation
    out = play_lines(game, ["50", "time", sloppy])
    assert "50:50: not available for this question." in out
    assert "Extra time: not available without a timer." in out
    assert "Right! +1250 points." in out


def test_a_question_answered_after_the_buzzer_times_out():
    game = one_round(["true-false"])
    game.start_round()

    class LateInput(io.StringIO):
        def readline(self, *args):
            game.clock.advance(30)  # the player takes 30 s to type
            return super().readline(*args)

    out = io.StringIO()
    terminal = Terminal(LateInput("True\n" * 3), out)
    results = terminal.play(game)
    assert out.getvalue().count("Time's up: the answer is") == 3 and results.total == 0


# -- odd input, pause, the buzzer, flags and the scores table --------------------------------

class ScriptedInput(io.StringIO):
    """A player who takes `seconds` (on the game's fake clock) before each line they type."""

    def __init__(self, clock: FakeClock, script: list[tuple[float, str]]):
        super().__init__("".join(f"{line}\n" for _, line in script))
        self.clock, self.delays = clock, [seconds for seconds, _ in script]

    def readline(self, *args):
        if self.delays:
            self.clock.advance(self.delays.pop(0))
        return super().readline(*args)


def play_script(game: Game, script: list[tuple[float, str]]) -> str:
    out = io.StringIO()
    try:
        Terminal(ScriptedInput(game.clock, script), out).play(game)
    except InputEnded:
        pass
    return out.getvalue()


def test_odd_lines_get_a_hint_and_never_a_traceback(tmp_path):
    odd = ["", "   ", "0", "-1", "5", "99999999999999999999", "9" * 5000, "²", "①", "日本語", "\x1b[A", "Ω≈ç√"]
    done = run_main("text", "--seed", "3", "--data-dir", str(tmp_path), stdin="\n".join(odd) + "\n")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.count("Type a number from 1 to 4 or the text of a choice, or help.") == len(odd)
    assert "Input ended before the game was over: nothing saved." in done.stdout


def test_bytes_that_are_not_text_are_a_wrong_line_not_a_crash(tmp_path):
    env = {"PYTHONIOENCODING": "utf-8", "PATH": ""}  # strict decoding, as some terminals set it
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "text", "--seed", "3", "--data-dir", str(tmp_path)],
                          input=b"caf\xe9\n1\n", capture_output=True, cwd=ROOT, timeout=120, env=env)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert b"Wrong: the answer is" in done.stdout or b"Right!" in done.stdout


def test_a_choice_typed_with_a_small_slip_still_counts():
    # The first seed whose opening answer is long enough to forgive two swapped letters.
    game = next(g for seed in range(50) if len((g := one_round(["trope-to-character"], timer=False, seed=seed))
                                                .rounds[0].questions[0].answer) >= 8)
    game.start_round()
    answer = game.question.answer
    slip = answer[0] + answer[2] + answer[1] + answer[3:]  # two letters swapped, in lower case
    out = play_lines(game, [slip.lower()])
    assert "Right! +1250 points." in out


def test_an_empty_line_is_not_an_answer_to_a_typed_question():
    game = one_round(["typed"], timer=False)
    game.start_round()
    answer = game.question.answer
    out = play_lines(game, ["", "...", answer])  # nothing, or nothing but punctuation
    assert "  (type your answer)" in out.splitlines()  # in place of the choices
    assert out.splitlines().count("Type your answer, or help.") == 2 and "Right! +1250 points." in out
    assert game.results().missed == []


def test_pause_stops_the_clock_and_a_line_typed_at_the_pause_prompt_is_the_answer():
    game = one_round(["trope-to-character"])
    game.start_round()
    answer = game.question.answer
    out = play_script(game, [(1, "pause"), (300, answer)])  # five minutes on pause
    assert "Paused: the clock is stopped." in out
    assert "Right! +1219 points." in out  # 1 s on the clock: round(1000 x (1 - 1/40)) x 1.25


def test_a_lifeline_typed_after_the_buzzer_is_too_late():
    game = one_round(["trope-to-character"])
    out = play_script(game, [(25, "time")])
    assert "Too late for Extra time: time was up before you typed it. It is not spent." in out
    assert "Time's up: the answer is" in out and "Extra time: the clock" not in out
    assert "extra-time" in game.lifelines_left  # not spent on a lost question


def test_a_real_terminal_gets_line_editing(tmp_path):
    """Run in a pseudo-terminal: arrow keys edit the line (readline) instead of landing in the
    answer as ^[[D: Left then Backspace fix a slip typed before the answer."""
    pytest.importorskip("readline", reason="this Python has no line editing to offer")
    import os
    import pty
    import select
    import time
    pid, fd = pty.fork()
    if pid == 0:  # the child: the game in a terminal
        os.execvp(sys.executable, [sys.executable, str(ROOT / "main.py"), "text", "--name", "ann", "--seed", "3", "--relaxed",
                                   "--data-dir", str(tmp_path)])
    out = b""

    def read_until(marker: bytes, seconds: float = 20) -> None:
        nonlocal out
        end = time.monotonic() + seconds
        while marker not in out and time.monotonic() < end:
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    out += os.read(fd, 4096)
                except OSError:
                    break

    read_until(b"> ")
    os.write(fd, b"x1\x1b[D\x7f\r")  # "x1", Left, Backspace (deletes the x), Enter: the answer is "1"
    read_until(b"points" if b"Right" in out else b"answer is")
    read_until(b"> ")
    os.write(fd, b"quit\r")
    read_until(b"nothing saved")
    os.close(fd)
    os.waitpid(pid, 0)
    text = out.decode("utf-8", "replace")
    assert "^[[D" not in text
    assert "Type a number" not in text  # "x1" would have been no answer at all
    assert "Right!" in text or "Wrong: the answer is" in text


def test_pause_in_a_game_without_a_timer_does_not_mention_a_clock():
    game = one_round(["trope-to-character"], timer=False)
    out = play_lines(game, ["pause", "", "P", ""])  # "p" for short, in either case (found by mutation testing)
    assert out.count("Paused. Press Enter to go on.") == 2 and "clock" not in out


def test_daily_refuses_flags_that_would_make_it_a_different_quiz(tmp_path):
    for flag in (["--practice"], ["--seed", "4"], ["--pack", "osmosis"]):
        done = run_main("text", "--daily", *flag, "--data-dir", str(tmp_path), stdin="1\n")
        assert done.returncode == 2 and done.stderr.count("\n") == 1 and flag[0] in done.stderr
        assert done.stdout == ""


def test_daily_is_the_same_quiz_whatever_packs_a_player_added(tmp_path):
    extra = tmp_path / "packs"
    extra.mkdir()
    (extra / "mine.yaml").write_text("""\
title: Mine
characters:
  - {id: mine-rosa, name: Rosa Quill, role: other, description: A newcomer.}
tropes:
  - id: mine-new-girl
    name: New Girl in Town
    definition: Someone arrives and everything changes.
    examples:
      - {characters: [mine-rosa], clue: She turns up on the first day and stirs everyone up.}
""", encoding="utf-8")

    def daily_questions(*args: str) -> list[str]:
        done = run_main("text", "--daily", "--name", "dee", "--data-dir", str(tmp_path), *args, stdin="1\n" * 300)
        assert done.returncode == 0, done.stderr
        assert "High scores (daily relaxed):" in done.stdout  # untimed: not ranked with timed dailies
        return [line for line in done.stdout.splitlines() if line.startswith(("Question ", "  1) "))]

    assert "Rosa Quill" in run_main("export", "--all", "--packs", str(extra)).stdout  # the pack itself plays
    assert daily_questions("--packs", str(extra)) == daily_questions()


def test_practice_without_misses_is_scored_as_a_normal_game(tmp_path):
    done = run_main("text", "--practice", "--seed", "2", "--name", "new", "--data-dir", str(tmp_path),
                    stdin="1\n" * 300)
    assert "No missed questions on record for new yet: this is a normal game." in done.stdout
    assert "High scores (relaxed):" in done.stdout and "practice" not in done.stdout.split("Results for")[1]


def test_scores_of_a_folder_with_no_score_file_leave_nothing_behind(tmp_path):
    typo = tmp_path / "mistyped" / "data"
    done = run_main("scores", "--data-dir", str(typo))
    assert done.returncode == 0 and done.stderr == "" and "No scores yet" in done.stdout
    assert not (tmp_path / "mistyped").exists()


def test_scores_rank_each_mode_on_its_own(tmp_path):
    from game.storage import Store
    store = Store.open(tmp_path)
    for seed, (name, mode) in enumerate((("Rita", "relaxed"), ("Tim", "classic"), ("Tara", "classic"))):
        game = Game(FACTS, Settings(seed=seed, timer=mode == "classic", mode=mode), clock=FakeClock())
        play_lines(game, ["1"] * 60)
        assert store.save_game(game.results(), game.settings, name)
    store.close()
    out = run_main("scores", "--data-dir", str(tmp_path)).stdout
    tables = {}
    for block in out.split("High scores (")[1:]:
        mode, rows = block.split("):", 1)
        tables[mode] = [line.split() for line in rows.strip().splitlines()[2:]]
    assert {mode: {row[1] for row in rows} for mode, rows in tables.items()} == \
        {"classic": {"Tim", "Tara"}, "relaxed": {"Rita"}}
    for rows in tables.values():  # each table ranked from 1, best first
        assert [row[0] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
        assert [int(row[2]) for row in rows] == sorted((int(row[2]) for row in rows), reverse=True)


def test_double_chance_on_a_typed_question_gives_a_second_try():
    game = one_round(["typed"], timer=False)
    game.start_round()
    answer = game.question.answer
    out = play_lines(game, ["double", "Nobody Atall", answer])
    assert out.splitlines().count("Wrong, but you have a second try (double chance).") == 1
    assert "Right! +625 points (second pick: half the points)." in out


def test_the_scores_table_stays_aligned_with_wide_and_accented_names(tmp_path):
    from game.storage import Store
    columns = {"Ann": 3, "Élodie ✨": 9, "山田太郎": 8, "Zoe\u0301": 3}  # as a terminal draws them
    store = Store.open(tmp_path)
    for seed, name in enumerate(columns):
        game = Game(FACTS, Settings(seed=seed, timer=False, mode="relaxed", questions_per_round=1), clock=FakeClock())
        play_lines(game, [q.answer for r in game.rounds for q in r.questions])
        assert store.save_game(game.results(), game.settings, name)
    store.close()
    rows = run_main("scores", "--data-dir", str(tmp_path)).stdout.splitlines()[3:]
    score_starts = set()
    for name, width in columns.items():
        before, after = next(row for row in rows if name in row).split(name)
        score_starts.add(len(before) + width + len(after) - len(after.lstrip(" ")))
    assert len(rows) == 4 and len(score_starts) == 1, rows


def test_scores_from_a_newer_version_are_not_reported_as_none(tmp_path):
    import sqlite3

    from game.storage import DB_NAME, SCHEMA_VERSION
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    done = run_main("scores", "--data-dir", str(tmp_path))
    assert done.returncode == 1 and done.stdout == ""
    assert "newer version" in done.stderr and done.stderr.count("\n") == 1


def test_a_piped_hot_seat_party_names_whose_turn_and_saves_every_players_score(tmp_path):
    import re
    import sqlite3
    asked = questions_of_party(5, ("Ann", "Bob"))
    # Ann answers every question right, Bob every one wrong: the scores tell the turns apart.
    lines = [q.answer if turn % 2 == 0 else next(c for c in q.choices if c != q.answer)
             for turn, q in enumerate(asked)]
    done = run_main("text", "--players", "Ann, Bob", "--seed", "5", "--data-dir", str(tmp_path),
                    stdin="".join(line + "\n" for line in lines))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Question 1 of 10, Ann's turn:" in out and "Question 2 of 10, Bob's turn:" in out
    assert "5 questions each" in out
    ann = 20 * 1250 + sum(min(100 * n, 500) for n in range(20))  # medium, untimed, streak bonus
    assert re.search(rf"1\. Ann +{ann} points +20/20 right", out)
    assert re.search(r"2\. Bob +0 points +0/20 right", out)

    scores = run_main("scores", "--data-dir", str(tmp_path))
    assert "High scores (party relaxed):" in scores.stdout
    rows = [line.split()[1:3] for line in scores.stdout.splitlines() if line.endswith(tuple("0123456789"))]
    assert rows == [["Ann", str(ann)]]  # a score of 0 never enters a table, but Bob's game is saved:
    with sqlite3.connect(tmp_path / "scores.sqlite3") as db:
        saved = db.execute("SELECT p.name, g.score, g.mode FROM games g JOIN players p ON p.id = g.player_id "
                           "ORDER BY p.name").fetchall()
    assert saved == [("Ann", ann, "party relaxed"), ("Bob", 0, "party relaxed")]


def test_players_must_be_two_to_four_different_names_and_not_mixed_with_solo_options(tmp_path):
    for args, message in ((("--players", "Ann"), "2 to 4 names"), (("--players", "Ann,ann"), "different name"),
                          (("--players", "Ann,Bob", "--name", "Cyd"), "--name")):
        done = run_main("text", *args, "--data-dir", str(tmp_path))
        assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def questions_of_party(seed: int, players) -> list:
    """The questions a hot-seat `text --players` game asks, in turn order."""
    game = Game(FACTS, Settings(seed=seed, timer=False), players=players, clock=FakeClock())
    asked = []
    while game.phase is not Phase.FINISHED:
        if game.phase is Phase.QUESTION:
            asked.append(game.question)
            game.answer(game.question.answer if len(asked) % 2 else next(
                c for c in game.question.choices if c != game.question.answer))
        game.next()
    return asked


# -- found by mutation testing (benchmarks/mutation.py): each one a change no test noticed -------

from game.models import Question  # noqa: E402


class Questions:
    """Serves these questions through the generator's quiz() contract: a transcript we can predict."""

    def __init__(self, questions):
        self.questions = questions

    def quiz(self, count, seed, kinds=None, exclude=frozenset(), weights=None):
        return [q for q in self.questions if q.id not in exclude][:count]


def names_question(n: int, choices=("Anna Vale", "Anne Vale", "Paul Roy", "Lucas Bay")) -> Question:
    return Question(id=f"names-{n}", kind="trope-to-character", prompt=f"Who is number {n}?", answer=choices[0],
                    choices=choices, explanation=f"Number {n} is {choices[0]}.")


def scripted_game(count: int = 2, **settings) -> Game:
    base = dict(rounds=(RoundSpec("Names", ("trope-to-character",), "Name them."),), questions_per_round=count,
                timer=False, seed=1)
    base.update(settings)
    return Game(None, Settings(**base), clock=FakeClock(),
                generator=Questions([names_question(n) for n in range(1, 6)]))


def test_a_round_card_and_questions_are_numbered_from_one_and_help_comes_once_a_round():
    out = play_lines(scripted_game(2), ["1", "1"])
    assert "=== Round 1 of 1: Names ===".center(79).rstrip() in out.splitlines()
    assert "Name them. 2 questions." in out and "Question 1 of 2: Who is number 1?" in out
    assert "Question 2 of 2: Who is number 2?" in out and out.count("Lifelines, once per game") == 1
    assert "Name them. 1 question." in play_lines(scripted_game(1), ["1"])


def test_feedback_says_wrong_or_right_and_gives_the_explanation_indented():
    out = play_lines(scripted_game(2), ["3", "1"])
    assert "> 3\nWrong: the answer is Anna Vale. Score 0, streak 0.\n  Number 1 is Anna Vale." in out
    assert "Right! +1250 points. Score 1250, streak 1.\n  Number 2 is Anna Vale." in out


def test_typing_a_slip_between_two_choices_picks_neither():
    out = play_lines(scripted_game(1), ["Ann Vale", "anna vale"])
    assert out.count("Type a number from 1 to 4 or the text of a choice, or help.") == 1
    assert "Right! +1250 points." in out


def test_numbers_out_of_range_pick_nothing():
    out = play_lines(scripted_game(1), ["0", "5", "-1", "1"])
    assert out.count("Type a number from 1 to 4 or the text of a choice, or help.") == 3


def test_help_quit_and_the_lifelines_say_what_they_did():
    out = " ".join(play_lines(scripted_game(3), ["help", "50", "1", "?", "double", "skip", "quit"]).split())
    assert out.count("Answer with a number or the text. Lifelines, once per game: 50 (50:50), skip, "
                     "double (double chance). Also: pause, quit.") == 2  # the first question's, and `help`
    assert "Two wrong choices are gone: 1) Anna Vale 2) " in out
    assert "Lifelines, once per game: skip, double (double chance)." in out  # after 50:50, for `?`
    assert "Type a number" not in out  # help is no answer, not even a wrong one
    # Each message just after the command typed, as typed (found by mutation testing: padding unseen).
    assert ("> double Double chance: if your first pick is wrong, you get a second one for half the points. "
            "> skip Skipped: here is a fresh question. ") in out
    assert "Who is number 4?" in out  # skip brought a question not in the round


def test_quit_and_exit_stop_the_game_unsaved(tmp_path):
    for word in ("quit", "EXIT"):
        done = run_main("text", "--seed", "3", "--data-dir", str(tmp_path), stdin=f"{word}\n")
        assert done.returncode == 0
        assert done.stdout.endswith(f"> {word}\n\nYou stopped the game before the end: nothing saved.\n")
        assert "Results for" not in done.stdout


def test_the_header_says_the_mode_the_timer_and_spoilers(tmp_path):
    def first_line(*args):
        return " ".join(run_main("text", "--data-dir", str(tmp_path), *args, stdin="quit\n").stdout.split("\n\n")[0].split())
    assert first_line("--seed", "1", "--name", "Ann") == (
        "Osmosis Quiz for Ann: difficulty medium, no timer (answers come from a pipe).")
    assert first_line("--seed", "1", "--no-spoilers", "--difficulty", "hard").endswith(
        "difficulty hard, no timer (answers come from a pipe), no spoilers.")
    assert first_line("--daily").startswith("Daily challenge for ")
    run_main("text", "--seed", "3", "--name", "Pat", "--data-dir", str(tmp_path), stdin="2\n" * 300)  # misses
    assert first_line("--practice", "--seed", "1", "--name", "Pat").startswith("Practice: your misses for Pat")


from game.storage import Store  # noqa: E402
from game.terminal import full_stop, pad  # noqa: E402


def test_answers_in_the_results_end_with_one_stop():
    assert [full_stop(t) for t in ("Osmosis", "Who knows?", "Yes!", "Done.", "Done.  ")] == [
        "Osmosis.", "Who knows?", "Yes!", "Done.", "Done.  "]


def test_names_are_padded_to_columns_as_a_terminal_shows_them():
    assert pad("東京", 6) == "東京  "  # two wide characters take four columns
    assert pad("Le\u0301a", 5) == "Le\u0301a  "  # the accent takes none
    assert pad("x" * 24, 24) == "x" * 24


def test_the_scores_table_has_its_header_and_lined_up_columns(tmp_path):
    run_main("text", "--seed", "3", "--name", "東京 Ann", "--data-dir", str(tmp_path), stdin="1\n" * 300)
    lines = run_main("scores", "--data-dir", str(tmp_path)).stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.strip().startswith("#"))
    title, rule, row = lines[header], lines[header + 1], lines[header + 2]
    assert title.split() == ["#", "name", "score", "mode", "date"] and rule == "-" * 66
    score = row.split()[-3]  # rank, two name words, score, mode, date
    # Right edges of 'score' and of the number line up; the name's wide characters count double.
    assert title.index("score") + len("score") == row.index(score) + len(score) + 2
    assert "No scores yet: play a game with `" in run_main("scores", "--data-dir", str(tmp_path / "none")).stdout
    assert " text`" in run_main("scores", "--data-dir", str(tmp_path / "none")).stdout


class TtyInput(io.StringIO):
    """Lines typed at a terminal: the game asks for a name and runs the clock."""

    def isatty(self):
        return True


def test_at_a_terminal_the_game_asks_a_name_and_times_the_answers(tmp_path):
    argv = ["text", "--seed", "3", "--data-dir", str(tmp_path)]
    out = io.StringIO()
    answers = [q.answer for q in questions_of(3)]
    code = terminal.play(build_parser(argv).parse_args(argv), TtyInput("Zoé\n" + "\n".join(answers) + "\n"), out)
    text = out.getvalue()
    assert code == 0 and text.startswith("Your name: Osmosis Quiz for Zoé")  # asked once, first
    assert text.count("Your name: ") == 1
    assert "Osmosis Quiz for Zoé: difficulty medium, 20 s per question." in " ".join(text.split())
    assert "[20 s] > " in text and "Results for Zoé" in text and "High scores (classic):" in text
    assert [s.name for s in Store.read(tmp_path).high_scores("classic")] == ["Zoé"]


def test_the_results_list_each_miss_with_what_was_said_and_why(tmp_path):
    game = scripted_game(2, timer=True)
    clock = game.clock
    out = io.StringIO()
    ui = Terminal(ScriptedInput(clock, [(1.0, "3"), (25.0, "1")]), out)
    ui.show_results(ui.play(game))
    lines = out.getvalue().splitlines()
    start = lines.index("Missed questions:")
    assert lines[start + 1:start + 7] == [
        "- Who is number 1?", "    You: Paul Roy. Right answer: Anna Vale.", "    Number 1 is Anna Vale.",
        "- Who is number 2?", "    You: no answer in time. Right answer: Anna Vale.", "    Number 2 is Anna Vale."]
    assert "=== Results for Player ===".center(ui.width).rstrip() in lines


def test_a_finished_game_prints_its_high_score_table_with_the_new_row(tmp_path):
    done = run_main("text", "--seed", "8", "--name", "Cleo", "--data-dir", str(tmp_path), stdin="1\n" * 300)
    after = done.stdout.split("High scores (relaxed):")[1].splitlines()
    assert after[1].split() == ["#", "name", "score", "mode", "date"] and after[3].split()[1] == "Cleo"
    assert "Results for Cleo" in done.stdout


def test_a_long_missed_question_wraps_under_its_own_text():
    """Found by mutation testing: the hanging indent of a wrapped miss was never seen."""
    long = Question(id="long", kind="trope-to-character", answer="Anna Vale", choices=("Anna Vale", "Paul Roy"),
                    prompt="Who is the recruit the Osmosis programme keeps testing again and again when the "
                           "implants fail at night?",
                    explanation="Anna Vale volunteers for every trial, and the night shift writes each failure "
                                "down in the same blue notebook.")
    game = Game(None, Settings(rounds=(RoundSpec("Names", ("trope-to-character",), "Name them."),),
                               questions_per_round=1, timer=False, seed=1),
                clock=FakeClock(), generator=Questions([long]))
    out = io.StringIO()
    ui = Terminal(io.StringIO("2\n"), out)
    ui.show_results(ui.play(game))
    lines = out.getvalue().splitlines()
    start = lines.index("Missed questions:")
    assert lines[start + 1:start + 6] == [
        "- Who is the recruit the Osmosis programme keeps testing again and again when",
        "  the implants fail at night?",  # under the text, not under the dash
        "    You: Paul Roy. Right answer: Anna Vale.",
        "    Anna Vale volunteers for every trial, and the night shift writes each",
        "    failure down in the same blue notebook."]  # an explanation keeps its indent when it wraps


def perfect_results(seed: int, mode: str):
    """A game of `mode` with every answer right, played on the engine: its results and settings."""
    game = Game(FACTS, Settings(seed=seed, timer=False, mode=mode), clock=FakeClock())
    for question in questions_of(seed):
        if game.phase is Phase.ROUND_INTRO:
            game.start_round()
        game.answer(question.answer)
        game.next()
        if game.phase is Phase.ROUND_SUMMARY:
            game.next()
    return game.results(), game.settings


def test_a_score_below_a_full_top_ten_is_saved_but_not_called_a_high_score(tmp_path):
    """Found by mutation testing: "A new high score" was never checked to be absent, nor the
    table to hold only the game's own mode."""
    store = Store.open(tmp_path)
    assert store.save_game(*perfect_results(4, "classic"), "Timed Tim")  # first: a tie would put Tim on top
    results, settings = perfect_results(8, "relaxed")
    for n in range(10):
        assert store.save_game(results, settings, f"Top {n}")
    store.close()
    done = run_main("text", "--seed", "3", "--name", "Low", "--data-dir", str(tmp_path), stdin="1\n" * 300)
    assert done.returncode == 0, done.stderr
    assert "A new high score" not in done.stdout
    table = done.stdout.split("High scores (relaxed):\n")[1].splitlines()
    assert [row.split()[1:3] for row in table[2:]] == [["Top", str(n)] for n in range(10)]  # not Low, not Tim
    assert [s.name for s in Store.read(tmp_path).high_scores("relaxed")] == [f"Top {n}" for n in range(10)]


def refuse_saves(data_dir: Path, reason: str) -> None:
    """A real score file that takes no more games: SQLite itself refuses each one with `reason`."""
    import sqlite3
    Store.open(data_dir).close()
    with sqlite3.connect(data_dir / "scores.sqlite3") as db:
        db.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON games BEGIN SELECT RAISE(ABORT, '{reason}'); END")


def test_a_finished_game_that_cannot_be_saved_says_why_in_a_sentence(tmp_path):
    """Found by mutation testing: the message for a save that fails at the end was never shown."""
    refuse_saves(tmp_path, "disk is full")
    done = run_main("text", "--seed", "8", "--name", "Cleo", "--data-dir", str(tmp_path), stdin="1\n" * 300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\nThis game could not be saved (disk is full).\n")  # and no table
    assert "High scores" not in done.stdout and "A new high score" not in done.stdout


def test_practice_draws_its_quiz_weighted_by_the_players_misses(tmp_path):
    """Found by mutation testing: the practice game must get the misses, not only its name."""
    import sqlite3
    run_main("text", "--seed", "3", "--name", "Pat", "--data-dir", str(tmp_path), stdin="2\n" * 300)
    misses = Store.read(tmp_path).misses("Pat")
    assert misses  # choice 2 is wrong often enough
    done = run_main("text", "--practice", "--seed", "1", "--name", "Pat", "--data-dir", str(tmp_path),
                    stdin="1\n" * 300)
    assert "High scores (practice relaxed):" in done.stdout
    with sqlite3.connect(tmp_path / "scores.sqlite3") as db:
        asked = [row[0] for row in db.execute("SELECT question_id FROM answers WHERE game_id = "
                                              "(SELECT MAX(id) FROM games) ORDER BY position")]
    weighted = Game(FACTS, Settings(seed=1, timer=False), clock=FakeClock(), misses=misses)
    assert asked == [q.id for r in weighted.rounds for q in r.questions]
    assert asked != [q.id for q in questions_of(1)]  # the same seed without the misses is another quiz


# -- the hot-seat party in the terminal (found by mutation testing: its own lines were never checked) --

def party_game(tmp_path, names: str, stdin: str, *args: str) -> subprocess.CompletedProcess:
    return run_main("text", "--players", names, "--seed", "5", "--data-dir", str(tmp_path), *args, stdin=stdin)


def party_answers(players, right: str) -> str:
    """Lines answering each turn: right for the players in `right`, wrong for the others."""
    asked = questions_of_party(5, players)
    return "".join((q.answer if players[turn % len(players)] in right else
                    next(c for c in q.choices if c != q.answer)) + "\n" for turn, q in enumerate(asked))


def test_a_piped_party_shows_each_round_and_the_standings_line_by_line(tmp_path):
    done = party_game(tmp_path, "Ann,Bob", party_answers(("Ann", "Bob"), right="Ann"))
    assert done.returncode == 0, done.stderr
    assert " ".join(done.stdout.split("\n\n")[0].split()) == (
        "Party game for Ann and Bob: difficulty medium, no timer (answers come from a pipe).")
    lines = done.stdout.splitlines()
    feedback = [line for line in lines if line.startswith(("Right!", "Wrong:"))]
    assert feedback[0] == "Right! +1250 points. Ann's score 1250, streak 1."  # whose score, in a party
    assert feedback[1].startswith("Wrong: the answer is ") and feedback[1].endswith(" Bob's score 0, streak 0.")
    title = Game(FACTS, Settings(seed=5, timer=False), players=("Ann", "Bob"), clock=FakeClock()).rounds[0].title
    first = lines.index(f"End of {title}:")
    round_one = 5 * 1250 + 100 + 200 + 300 + 400  # five right answers, the streak bonus growing
    assert lines[first + 1:first + 3] == [f"  Ann: 5 of 5 right, {round_one} points (total {round_one}).",
                                          "  Bob: 0 of 5 right, 0 points (total 0)."]
    ann = 20 * 1250 + sum(min(100 * n, 500) for n in range(20))
    standings = lines.index("=== Final standings ===".center(79).rstrip())
    assert lines[standings + 1:standings + 3] == [
        f"  1. {'Ann':<24} {ann:>7} points  20/20 right  best streak 20",
        f"  2. {'Bob':<24} {0:>7} points   0/20 right  best streak 0"]
    assert "not saved" not in done.stdout
    table = done.stdout.split("\nHigh scores (party relaxed):\n")[1].splitlines()
    assert table[0].split() == ["#", "name", "score", "mode", "date"]
    assert [row.split()[:4] for row in table[2:]] == [["1", "Ann", str(ann), "party"]]


def test_a_party_at_a_terminal_is_timed_names_everyone_and_ranks_apart(tmp_path):
    store = Store.open(tmp_path)  # a solo score already on record: the party's table leaves it out
    assert store.save_game(*perfect_results(8, "classic"), "Solo Sam")
    store.close()
    players = ("Ann", "Bob", "Cyd")
    argv = ["text", "--players", ",".join(players), "--seed", "5", "--data-dir", str(tmp_path)]
    out = io.StringIO()
    code = terminal.play(build_parser(argv).parse_args(argv), TtyInput(party_answers(players, right="AnnBobCyd")), out)
    text = out.getvalue()
    assert code == 0 and text.startswith("Party game for Ann, Bob and Cyd: difficulty medium, 20 s per question.\n")
    assert "[20 s] > " in text and "Your name" not in text
    table = text.split("\nHigh scores (party):\n")[1]
    assert "Solo Sam" not in table and {row.split()[1] for row in table.splitlines()[2:]} == set(players)
    assert {s.name for s in Store.read(tmp_path).high_scores("party")} == set(players)


def test_a_party_that_runs_out_of_input_or_questions_saves_nothing(tmp_path):
    done = party_game(tmp_path, "Ann,Bob", "1\n2\n")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.endswith("> \nInput ended before the game was over: nothing saved.\n")
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "twists.yaml").write_text("title: Twists only\nquestions:\n  - prompt: Who is behind it all?\n"
                                       "    choices: [Somebody, Nobody]\n    answer: Somebody\n    spoiler: true\n",
                                       encoding="utf-8")
    done = party_game(tmp_path, "Ann,Bob", "1\n", "--packs", str(packs), "--pack", "twists", "--no-spoilers")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "osmosis-quiz text: no question fits these options (spoilers are off); nothing to play\n"
    assert "No scores yet" in run_main("scores", "--data-dir", str(tmp_path)).stdout


def test_a_party_whose_scores_cannot_be_saved_says_so_for_each_player(tmp_path):
    refuse_saves(tmp_path, "disk is full")
    done = party_game(tmp_path, "Ann,Bob", party_answers(("Ann", "Bob"), right="Ann"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\nAnn's score was not saved: this game could not be saved (disk is full)."
                                "\nBob's score was not saved: this game could not be saved (disk is full)."
                                "\n")  # and no table that says "No scores yet"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = party_game(blocker / "data", "Ann,Bob", party_answers(("Ann", "Bob"), right="Ann"))
    assert "scores won't be saved" in done.stdout.splitlines()[0]
    assert done.stdout.endswith("\nThe scores were not saved (see the note at the start).\n")


def test_a_daily_game_that_crosses_midnight_is_the_quiz_its_header_names(tmp_path, monkeypatch):
    """Found by mutation testing: the header's date and the quiz's seed must be the same day, read
    once, even when the clock passes midnight between the two."""
    from datetime import date

    from game.engine import daily_settings
    days = iter([date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)])

    class MidnightDate(date):
        @classmethod
        def today(cls):
            return next(days)

    monkeypatch.setattr(terminal, "date", MidnightDate)
    done = run_main("text", "--daily", "--name", "Nat", "--data-dir", str(tmp_path), stdin="quit\n")
    assert done.stdout.startswith("Daily challenge for 2026-11-30 for Nat:")
    first = Game(FACTS, daily_settings(date(2026, 11, 30), timer=False), clock=FakeClock()).rounds[0]
    assert f"Question 1 of 5: {first.questions[0].prompt}" in " ".join(done.stdout.split())


def test_a_relaxed_game_at_a_terminal_says_no_timer_and_nothing_of_a_pipe(tmp_path):
    """Found by mutation testing: the header of an untimed game typed at a terminal, solo or party."""
    for who, header in ((["--name", "Ann"], "Osmosis Quiz for Ann"),
                        (["--players", "Ann,Bob"], "Party game for Ann and Bob")):
        argv = ["text", "--relaxed", *who, "--seed", "3", "--data-dir", str(tmp_path)]
        out = io.StringIO()
        assert terminal.play(build_parser(argv).parse_args(argv), TtyInput("quit\n"), out) == 0
        assert out.getvalue().startswith(f"{header}: difficulty medium, no timer.\n")


def test_a_pack_whose_only_character_cannot_be_asked_about_is_nothing_to_play(tmp_path):
    """Found by mutation testing: with spoilers on, "no question fits" must not blame spoilers."""
    packs = tmp_path / "packs"
    packs.mkdir()
    description = ("A newcomer who stirs everyone up on the very first day of the programme. " * 4)[:299].strip()
    (packs / "lone.yaml").write_text(f'title: Lone\ncharacters:\n  - {{id: lone-rosa, name: Rosa Quill, role: other, '
                                     f'description: "{description}"}}\n', encoding="utf-8")  # too long to ask
    done = run_main("text", "--packs", str(packs), "--pack", "lone", "--data-dir", str(tmp_path / "data"), stdin="1\n")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "osmosis-quiz text: no question fits these options; nothing to play\n"


def test_the_text_and_scores_commands_run_on_standard_input_and_output(tmp_path, monkeypatch, capsys):
    """Found by mutation testing: `run` was reached only in child processes, which mutmut cannot see."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("quit\n"))
    # Piped, an answer is echoed after its prompt so that the transcript shows it.
    for argv, said in ((["text", "--seed", "3", "--data-dir", str(tmp_path)],
                        "> quit\n\nYou stopped the game before the end"),
                       (["scores", "--data-dir", str(tmp_path)], "No scores yet: play a game with `")):
        assert terminal.run(build_parser(argv).parse_args(argv)) == 0
        assert said in capsys.readouterr().out


def test_bytes_that_are_not_text_in_the_input_are_a_line_that_means_nothing(tmp_path):
    """In process, so that mutation testing sees it (the test above runs a real process): a byte
    that is not UTF-8 is replaced, never a UnicodeDecodeError."""
    argv = ["text", "--seed", "3", "--data-dir", str(tmp_path)]
    out = io.StringIO()
    raw = io.TextIOWrapper(io.BytesIO(b"caf\xe9\n1\n"), encoding="utf-8")  # strict, as a real stdin may be
    assert terminal.play(build_parser(argv).parse_args(argv), raw, out) == 0
    lines = out.getvalue().splitlines()
    assert "> caf\ufffd" in lines  # the transcript shows the byte as a replacement character
    assert lines.count("Type a number from 1 to 4 or the text of a choice, or help.") == 1
    assert any(line.startswith(("Right!", "Wrong: the answer is")) for line in lines)  # "1" answered


def test_a_broken_pack_is_named_on_stderr_and_the_game_plays_without_it(tmp_path):
    """Found by mutation testing: the line about a refused pack was never checked."""
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "broken.yaml").write_text("title: Broken\ncharacters: [\n", encoding="utf-8")
    (refused,) = load_library([packs]).refused
    for daily in ([], ["--daily"]):
        done = run_main("text", "--packs", str(packs), *daily, "--data-dir", str(tmp_path / "data"), stdin="quit\n")
        assert done.returncode == 0 and done.stderr == f"osmosis-quiz text: skipped a pack: {refused.reason}\n"
        assert "Question 1 of 5" in done.stdout and "broken.yaml" not in done.stdout


def test_fifty_fifty_on_three_choices_takes_one_and_says_so():
    """Found by mutation testing: only the four-choice message was ever seen."""
    game = Game(None, Settings(rounds=(RoundSpec("Names", ("trope-to-character",), "Name them."),),
                               questions_per_round=1, timer=False, seed=1), clock=FakeClock(),
                generator=Questions([names_question(1, ("Anna Vale", "Paul Roy", "Lucas Bay"))]))
    lines = play_lines(game, ["50", "1"]).splitlines()
    gone = lines.index("> 50") + 1
    assert lines[gone] == "A wrong choice is gone:" and lines[gone + 1].startswith("  1) ")
    assert lines[gone + 3] == "> 1"  # two choices left on show


def test_a_number_of_four_digits_is_never_a_choice_even_with_leading_zeros():
    """Found by mutation testing: numbers are read up to three digits ("001" is 1); longer lines are
    no number, so int() never reads a huge one."""
    out = play_lines(scripted_game(1), ["0001", "001"])
    assert out.splitlines().count("Type a number from 1 to 4 or the text of a choice, or help.") == 1
    assert "Right! +1250 points." in out


def test_players_flags_errors_name_every_clash_and_four_players_may_play(tmp_path):
    """Found by mutation testing: the exact wording of each --players error, and the upper bound."""
    for args, message in ((("--players", "Ann,Bob", "--name", "Cyd", "--practice"),
                           "--players plays a party game; it cannot be combined with --name or --practice"),
                          (("--players", "Ann,Bob,Cyd,Dee,Eve"),
                           "--players needs 2 to 4 names separated by commas, got 5"),
                          (("--players", "Ann,ann"), "--players needs a different name for each player")):
        done = run_main("text", *args, "--data-dir", str(tmp_path))
        assert (done.returncode, done.stdout, done.stderr) == (2, "", f"osmosis-quiz text: {message}\n")
    done = run_main("text", "--players", "Ann,Bob,Cyd,Dee", "--data-dir", str(tmp_path), stdin="quit\n")
    assert done.returncode == 0 and done.stdout.startswith("Party game for Ann, Bob, Cyd and Dee:")


def test_daily_flag_clashes_are_named_in_one_sentence(tmp_path):
    done = run_main("text", "--daily", "--seed", "4", "--pack", "osmosis", "--data-dir", str(tmp_path))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("osmosis-quiz text: --daily is the same quiz for everyone; it cannot be combined with "
                           "--seed or --pack\n")


def test_an_install_with_no_pack_at_all_says_where_to_look(tmp_path, monkeypatch):
    """Found by mutation testing: the message when not one pack loads (an empty questions folder)."""
    from game import packs
    from game.launch import shown_command
    monkeypatch.setattr(packs, "pack_dirs", lambda extra=(): [tmp_path / "empty"])
    done = run_main("text", "--data-dir", str(tmp_path / "data"), stdin="1\n")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"osmosis-quiz text: no pack to play; see `{shown_command('packs')}`\n"


def saved_settings(data_dir: Path) -> dict:
    """The settings saved with the last game in the score file."""
    import json
    import sqlite3
    with sqlite3.connect(data_dir / "scores.sqlite3") as db:
        return json.loads(db.execute("SELECT settings FROM games ORDER BY id DESC LIMIT 1").fetchone()[0])


def test_a_daily_game_keeps_spoilers_as_asked_and_its_timer_at_a_terminal(tmp_path):
    """Found by mutation testing: the daily settings' spoilers, packs and timer."""
    def header(*args: str) -> str:
        done = run_main("text", "--daily", "--name", "Dee", *args, "--data-dir", str(tmp_path), stdin="quit\n")
        return " ".join(done.stdout.split("\n\n")[0].split())
    assert header().endswith(": difficulty medium, no timer (answers come from a pipe).")
    assert header("--no-spoilers").endswith(": difficulty medium, no timer (answers come from a pipe), no spoilers.")
    argv = ["text", "--daily", "--name", "Dee", "--data-dir", str(tmp_path)]
    out = io.StringIO()
    answers = "".join(f"{q.answer}\n" for r in Game(FACTS, daily_settings_today(), clock=FakeClock()).rounds
                      for q in r.questions)
    assert terminal.play(build_parser(argv).parse_args(argv), TtyInput(answers), out) == 0
    assert "difficulty medium, 20 s per question." in out.getvalue() and "High scores (daily):" in out.getvalue()
    settings = saved_settings(tmp_path)
    assert (settings["mode"], settings["timer"], settings["spoilers"]) == ("daily", True, True)
    assert sorted(settings["packs"]) == sorted(p.id for p in load_library().packs)


def daily_settings_today():
    from datetime import date

    from game.engine import daily_settings
    return daily_settings(date.today(), timer=True)


def test_a_hand_written_pack_chosen_alone_is_played_and_saved_as_played(tmp_path):
    """In process (mutation testing sees it): `--pack world` plays rounds of the world pack's own
    questions, and the saved game names that pack."""
    done = run_main("text", "--pack", "world", "--seed", "2", "--name", "ann", "--data-dir", str(tmp_path),
                    stdin="1\n" * 40)
    assert done.returncode == 0, done.stderr
    world = next(p for p in load_library().packs if p.id == "world")
    assert f"=== Round 1 of 4: {world.title} (1) ===" in done.stdout
    assert len([line for line in done.stdout.splitlines() if line.startswith("Question ")]) == 20
    assert any(q.prompt[:40] in done.stdout.replace("\n", " ") for q in world.questions)
    assert saved_settings(tmp_path)["packs"] == ["world"]
    done = run_main("text", "--seed", "2", "--name", "ann", "--data-dir", str(tmp_path), stdin="1\n" * 300)
    assert sorted(saved_settings(tmp_path)["packs"]) == sorted(p.id for p in load_library().packs)


def test_at_a_real_terminal_lines_are_read_with_input(tmp_path, monkeypatch, capsys):
    """In process (mutation testing sees it): at a terminal the game reads lines with input(), whose
    prompt is the game's own; the end of input there still ends the game cleanly. (That arrows
    edit the line shows only in a real terminal: test_a_real_terminal_gets_line_editing.)"""
    monkeypatch.setattr(sys, "stdin", TtyInput("Zoé\n 1 \n"))  # spaces around an answer are no matter
    argv = ["text", "--seed", "3", "--data-dir", str(tmp_path)]
    assert terminal.play(build_parser(argv).parse_args(argv)) == 0
    out = capsys.readouterr().out
    assert out.startswith("Your name: Osmosis Quiz for Zoé: difficulty medium, 20 s per question.")
    assert "Type a number" not in out and ("Right!" in out or "Wrong: the answer is" in out)
    assert "\n[20 s] > \nInput ended before the game was over: nothing saved.\n" in out


class ScreenOut(io.StringIO):
    """Standard output as a terminal or a pipe buffers it: what is written shows only once flushed."""

    def __init__(self):
        super().__init__()
        self.unflushed = ""

    def write(self, text):
        self.unflushed += text
        return super().write(text)

    def flush(self):
        self.unflushed = ""
        super().flush()


def test_the_prompt_is_on_screen_before_the_game_waits_for_a_line():
    """Found by mutation testing: without a flush the prompt (and the choices) would stay in the
    buffer while the game waits, and a player would see nothing to answer."""
    out = ScreenOut()
    unseen_while_waiting = []

    class Watched(io.StringIO):
        def readline(self, *args):
            unseen_while_waiting.append(out.unflushed)
            return super().readline(*args)

    Terminal(Watched("1\n2\n"), out).play(scripted_game(2))
    assert unseen_while_waiting == ["", ""] and "Question 2 of 2" in out.getvalue()


def test_help_lists_the_lifelines_left_extra_time_only_with_a_clock():
    """Found by mutation testing: help in a timed game, and once every lifeline is spent."""
    lines = ["help", "50", "skip", "double", "time", "help"]
    out = " ".join(play_lines(one_round(["trope-to-character"]), lines).split())
    assert out.count("Answer with a number or the text. Lifelines, once per game: 50 (50:50), skip, "
                     "time (extra time), double (double chance). Also: pause, quit.") == 2  # shown first, then asked
    assert "> help Answer with a number or the text. Lifelines, once per game: none left. Also: pause, quit." in out


def test_a_long_choice_wraps_under_its_own_text():
    """Found by mutation testing: a choice too long for one line continues under its first word."""
    long = "Anna Vale, the recruit who keeps volunteering for every single trial the programme runs at night"
    game = Game(None, Settings(rounds=(RoundSpec("Names", ("trope-to-character",), "Name them."),),
                               questions_per_round=1, timer=False, seed=1), clock=FakeClock(),
                generator=Questions([names_question(1, (long, "Paul Roy"))]))
    lines = play_lines(game, ["1"]).splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(("  1) Anna", "  2) Anna")))
    assert lines[first][5:] + " " + lines[first + 1][5:] == long and lines[first + 1] == "     programme runs at night"


def test_the_end_of_a_game_goes_to_the_terminals_own_stream(tmp_path, capsys):
    """Found by mutation testing: the high-score table after a game, written where the rest went."""
    store = Store.open(tmp_path)
    results, settings = perfect_results(8, "relaxed")
    out = io.StringIO()
    Terminal(io.StringIO(), out).finish(store, results, settings)
    Terminal(io.StringIO(), out).finish_party(store, [results], replace(settings, mode="party relaxed"))
    store.close()
    tables = out.getvalue().split("High scores (")[1:]
    assert [table.splitlines()[3].split()[1] for table in tables] == ["Player", "Player"]
    assert capsys.readouterr().out == ""


def test_text_is_wrapped_to_the_terminal_one_column_short_between_40_and_79(monkeypatch):
    """Found by mutation testing: only the 80-column default was ever seen. The last column is left
    free (a character there makes some terminals wrap early); a narrow one still gets 40."""
    widths = {}
    for columns in (30, 41, 60, 80, 200):
        monkeypatch.setenv("COLUMNS", str(columns))
        widths[columns] = Terminal(io.StringIO(), io.StringIO()).width
    assert widths == {30: 40, 41: 40, 60: 59, 80: 79, 200: 79}
    monkeypatch.setenv("COLUMNS", "60")
    out = play_lines(Game(None, Settings(rounds=(RoundSpec("Names", ("trope-to-character",), "Name them."),),
                                         questions_per_round=1, timer=False, seed=1), clock=FakeClock(),
                          generator=Questions([names_question(1)])), ["help"])
    assert max(len(line) for line in out.splitlines()) <= 59  # the help line, twice that, wrapped to fit
