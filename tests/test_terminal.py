"""The terminal game as a player runs it: `main.py text` with answers piped in, then `main.py scores`."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from game.engine import FakeClock, Game, Phase, RoundSpec, Settings
from game.packs import load_library
from game.terminal import InputEnded, Terminal
from game.text import normalize

ROOT = Path(__file__).resolve().parent.parent  # the repository: main.py runs from its clone

FACTS = load_library().facts


def run_main(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


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
    done = run_main("text", "--seed", "3", "--name", "ann", "--data-dir", str(tmp_path), stdin="1\n" * 300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Round 1 of 4: Who's Who" in out and "Round 4 of 4: Lightning" in out
    assert "Results for ann" in out and "Accuracy" in out and "best streak" in out
    assert out.count("Question ") >= 20 and "High scores (relaxed):" in out
    assert all(len(line) <= 80 for line in out.splitlines()), max(out.splitlines(), key=len)
    assert done.stderr == ""

    scores = run_main("scores", "--data-dir", str(tmp_path))
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
    assert "A new high score" in done.stdout


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
    assert "Input ended before the game was over: nothing saved." in done.stdout
    assert "Results for" not in done.stdout
    assert "No scores yet" in run_main("scores", "--data-dir", str(tmp_path)).stdout


def test_an_unusable_data_folder_still_plays_the_whole_game(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = run_main("text", "--seed", "1", "--data-dir", str(blocker / "data"), stdin="1\n" * 300)
    assert done.returncode == 0, done.stderr
    assert "scores won't be saved" in done.stdout.splitlines()[0]
    assert "Results for Player" in done.stdout and "Your score was not saved" in done.stdout


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
    assert "Wrong, but you have a second pick (double chance):" in out
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
    assert out.count("Type your answer, or help.") == 2 and "Right! +1250 points." in out
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
    assert "Time's up: the answer is" in out and "Extra time:" not in out
    assert "extra-time" in game.lifelines_left  # not spent on a lost question


def test_pause_in_a_game_without_a_timer_does_not_mention_a_clock():
    game = one_round(["trope-to-character"], timer=False)
    out = play_lines(game, ["pause", ""])
    assert "Paused. Press Enter to go on." in out and "clock" not in out


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
    assert "Wrong, but you have a second try (double chance)." in out
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


def test_a_pack_of_hand_written_questions_alone_is_played(tmp_path):
    """`text --pack world` plays the world pack's own questions, not four empty rounds."""
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "text", "--pack", "world", "--seed", "2",
                             "--name", "ann", "--data-dir", str(tmp_path)],
                            input="1\n" * 40, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    world = next(p for p in load_library().packs if p.id == "world")
    asked = [line for line in result.stdout.splitlines() if line.startswith("Question ")]
    assert len(asked) == 20
    assert any(q.prompt[:40] in result.stdout.replace("\n", " ") for q in world.questions)
    assert f"=== Round 1 of 4: {world.title} (1) ===" in result.stdout


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
