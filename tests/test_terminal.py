"""The terminal game as a player runs it: `main.py text` with answers piped in, then `main.py scores`."""
from __future__ import annotations

import io
import subprocess
import sys

from game.engine import FakeClock, Game, Phase, RoundSpec, Settings
from game.packs import load_library
from game.paths import ROOT
from game.terminal import InputEnded, Terminal
from game.text import normalize

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
    done = run_main("text", "--pack", "no-such-pack", "--data-dir", str(tmp_path), stdin="1\n")
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "no-such-pack" in done.stderr


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
    return Game(FACTS, Settings(rounds=rounds, questions_per_round=3, seed=21, **settings), clock=FakeClock())


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
    assert "Right! +625 points." in out  # half of 1000 x 1.25 for an answer under half a second


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
