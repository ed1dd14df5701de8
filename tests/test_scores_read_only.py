"""Score files and folders that may not be written: `scores` only reads (nothing written, renamed
or created), and a game says at its start that its score won't be saved."""
from __future__ import annotations

from pathlib import Path

from game.engine import Settings
from game.storage import DB_NAME, Store
from test_storage import make_results, read_only
from test_terminal import run_main


def saved_scores(folder: Path, player: str = "Ann") -> Path:
    store = Store.open(folder)
    assert store.save_game(make_results(player), Settings(timer=False))
    store.close()
    return folder / DB_NAME


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def scores(folder: Path) -> tuple[int, str, str]:
    done = run_main("scores", "--data-dir", str(folder))
    return done.returncode, done.stdout, done.stderr


def said(output: str) -> str:
    """What the terminal game said without its white space: it wraps lines to the terminal's
    width, and breaks long paths after hyphens."""
    return "".join(output.split())


def test_scores_in_a_folder_that_cannot_be_written_are_shown(tmp_path):
    folder = tmp_path / "data"
    saved_scores(folder)
    with read_only(folder):
        code, out, err = scores(folder)
    assert (code, err) == (0, "") and " Ann " in out


def test_looking_at_the_scores_leaves_the_folder_exactly_as_it_was(tmp_path):
    folder = tmp_path / "data"
    saved_scores(folder)
    before = snapshot(folder)
    code, out, err = scores(folder)
    assert code == 0 and " Ann " in out
    assert snapshot(folder) == before  # no -wal or -shm left behind, nothing touched


def test_scores_leave_a_damaged_file_where_it_is_and_say_so(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"these are not the scores you are looking for\n" * 20)
    before = snapshot(folder)
    code, out, err = scores(folder)
    assert (code, out) == (1, "")
    assert err == (f"osmosis-quiz scores: cannot read the scores: {folder / DB_NAME} is damaged "
                   "(the next game sets it aside and starts a fresh one)\n")
    assert snapshot(folder) == before  # not renamed, no fresh file made: reading changes nothing


def test_a_data_dir_that_is_a_file_is_called_a_file(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, given where the data folder should be")
    code, out, err = scores(blocker)
    assert (code, out) == (1, "")
    assert err == f"osmosis-quiz scores: cannot read the scores: {blocker} is a file, not a folder\n"
    done = run_main("text", "--seed", "1", "--data-dir", str(blocker), stdin="1\n" * 300)
    assert said(done.stdout).startswith(said(f"scores won't be saved: {blocker} is a file, not a folder"))


def test_a_read_only_score_file_is_said_at_the_start_once(tmp_path):
    folder = tmp_path / "data"
    path = saved_scores(folder)
    with read_only(path):
        done = run_main("text", "--seed", "1", "--name", "bo", "--data-dir", str(folder), stdin="1\n" * 300)
    assert done.returncode == 0, done.stderr
    text = said(done.stdout)
    assert text.startswith(said(f"scores won't be saved: {path} is read-only"))
    assert "Resultsforbo" in text and text.endswith(said("Your score was not saved (see the note at the start)."))
    assert text.count("saved") == 2  # the note at the start, the reminder at the end


def test_practice_still_finds_the_misses_in_a_read_only_score_file(tmp_path):
    folder = tmp_path / "data"
    path = saved_scores(folder, player="Cy")  # make_results: one miss
    with read_only(path):
        done = run_main("text", "--seed", "1", "--name", "Cy", "--practice", "--data-dir", str(folder),
                        stdin="1\n" * 300)
    assert done.returncode == 0, done.stderr
    assert "No missed questions on record" not in done.stdout
