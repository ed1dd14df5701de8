"""Saves against real SQLite files: migrations, damage, two games at once, kills, unwritable folders."""
from __future__ import annotations

import ctypes
import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from game.engine import Outcome, Results, Settings
from game.models import Question
from game.storage import DB_NAME, NAME_MAX, SCHEMA_VERSION, Store, clean_name

TESTS = Path(__file__).resolve().parent


def make_results(player: str = "Ann", right: int = 3, wrong: int = 1, points: int = 1000) -> Results:
    """A finished game: `right` right answers worth `points` each, then `wrong` misses."""
    outcomes = []
    for n in range(right + wrong):
        correct = n < right
        question = Question(id=f"q-{n}", kind="trope-to-character", prompt=f"Q{n}?", answer="A",
                            choices=("A", "B", "C", "D"), explanation=f"Because {n}.")
        outcomes.append(Outcome(question, "A" if correct else "B", correct, points if correct else 0,
                                n + 1 if correct else 0, 1.5, False, round_index=min(n // 2, 2), player=player))
    return Results(player, tuple(outcomes), ("One", "Two", "Three"))


@contextmanager
def read_only(*paths: Path):
    """`paths` may not be written by the code run in the block, as for a player whose files they
    are not: their write bits are cleared, and the block runs `as_a_player`, whom they stop."""
    modes = {path: path.stat().st_mode for path in paths}
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        with as_a_player():
            yield
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


# Linux capabilities that let root ignore permission bits (linux/capability.h).
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
_CAPABILITY_VERSION_3 = 0x20080522


class _CapabilityHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapabilitySets(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


@contextmanager
def as_a_player():
    """The block runs as a player's game does, stopped by permission bits. Root (CI runs as root)
    is not, so it sets aside its power to override them (this thread's effective capabilities
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH) and takes it back after. It stays root, the owner of
    the files the test made (and of a clone it made, wherever it is), so only what the test closes
    is closed: a real refusal from the system, seen in this process (mutation testing cannot
    follow a child)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        yield  # permission bits already stop this user
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header, sets = _CapabilityHeader(_CAPABILITY_VERSION_3, 0), (_CapabilitySets * 2)()

    def call(function) -> None:
        if function(ctypes.byref(header), sets) != 0:
            raise OSError(ctypes.get_errno(), f"{function.__name__} failed")

    call(libc.capget)
    powers = sets[0].effective
    sets[0].effective &= ~(1 << CAP_DAC_OVERRIDE | 1 << CAP_DAC_READ_SEARCH)
    call(libc.capset)
    try:
        yield
    finally:
        sets[0].effective = powers
        call(libc.capset)


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_a_saved_game_comes_back_in_the_high_scores_after_reopening(tmp_path):
    store = Store.open(tmp_path)
    assert store.can_save and store.warning is None
    assert store.save_game(make_results("Ann", right=3), Settings(mode="classic"), "Ann")
    assert store.save_game(make_results("Bob", right=5), Settings(mode="classic"), "Bob")
    store.close()

    reopened = Store.open(tmp_path)
    table = reopened.high_scores()
    assert [(h.rank, h.name, h.score, h.mode) for h in table] == [(1, "Bob", 5000, "classic"), (2, "Ann", 3000, "classic")]
    assert len(table[0].date) == 10 and table[0].date[4] == "-"
    assert count(tmp_path / DB_NAME, "answers") == 10
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        settings = db.execute("SELECT settings FROM games WHERE score = 5000").fetchone()[0]
    assert '"mode": "classic"' in settings and '"timer_seconds": 20.0' in settings


def test_high_scores_are_kept_per_mode_and_only_the_top_ten_count(tmp_path):
    store = Store.open(tmp_path)
    for n in range(1, 11):
        store.save_game(make_results("Ann", right=1, points=100 * n), Settings(mode="classic"))
    store.save_game(make_results("Day", right=1, points=50), Settings(mode="daily"))
    assert not store.is_high_score(100, "classic")  # the tenth best is 100: a tie does not enter
    assert store.is_high_score(150, "classic") and store.is_high_score(10, "daily")
    assert [h.name for h in store.high_scores("daily")] == ["Day"]
    assert len(store.high_scores()) == 10 and len(store.high_scores("classic", limit=3)) == 3


def test_a_game_with_no_points_is_saved_but_never_a_high_score(tmp_path):
    store = Store.open(tmp_path)
    assert not store.is_high_score(0, "practice")  # an empty table is not a reason to list a zero
    assert store.is_high_score(1, "practice")  # but any point is (found by mutation testing)
    assert store.save_game(make_results("Zed", right=0, wrong=4), Settings(mode="practice"))
    assert store.high_scores("practice") == [] and count(tmp_path / DB_NAME, "games") == 1


def test_misses_count_the_questions_a_player_got_wrong(tmp_path):
    store = Store.open(tmp_path)
    store.save_game(make_results("Ann", right=2, wrong=2), Settings())
    store.save_game(make_results("ann ", right=3, wrong=1), Settings())  # same player, same name
    store.save_game(make_results("Bob", right=0, wrong=4), Settings())
    assert store.misses("Ann") == {"q-2": 1, "q-3": 2}
    assert store.misses("Nobody") == {}


def test_names_are_stripped_capped_and_stored_as_data(tmp_path):
    store = Store.open(tmp_path)
    hostile = "  Robert'); DROP TABLE games;--" + "x" * 40
    store.save_game(make_results(), Settings(), hostile)
    name = store.high_scores()[0].name
    assert name == clean_name(hostile) and len(name) == NAME_MAX and name.startswith("Robert');")
    assert count(tmp_path / DB_NAME, "games") == 1
    assert clean_name("  \t ") == "Player" and clean_name("Ann\x1b[31m  Lee") == "Ann [31m Lee"


def test_a_database_from_a_newer_version_is_left_untouched(tmp_path):
    path = tmp_path / DB_NAME
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE future (x)")
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    store = Store.open(tmp_path)
    assert not store.can_save and "newer version" in store.warning and "\n" not in store.warning
    assert not store.save_game(make_results(), Settings())
    assert store.high_scores() == [] and store.misses("Ann") == {}
    assert path.read_bytes() == before


def test_a_migration_that_fails_half_way_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    import game.storage as storage
    monkeypatch.setattr(storage, "MIGRATIONS", (storage.MIGRATIONS[0] + ("CREATE TABLE oops (",),))
    store = Store.open(tmp_path)  # the first tables are made, then the last step fails
    assert not store.can_save and "won't be saved" in store.warning
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 0
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == []  # all steps or none
    monkeypatch.undo()
    assert Store.open(tmp_path).save_game(make_results(), Settings())


def test_the_modes_with_high_scores_are_listed_once_each(tmp_path):
    store = Store.open(tmp_path)
    for mode in ("relaxed", "classic", "relaxed", "daily relaxed"):
        store.save_game(make_results(), Settings(mode=mode))
    assert store.modes() == ["classic", "daily relaxed", "relaxed"]


def test_a_database_at_the_current_version_is_not_migrated_again(tmp_path):
    Store.open(tmp_path).save_game(make_results(), Settings())
    store = Store.open(tmp_path)
    assert store.can_save and store.warning is None and len(store.high_scores()) == 1


def _aside(tmp_path: Path) -> list[Path]:
    return sorted(p for p in tmp_path.iterdir() if ".damaged-" in p.name)


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_fresh_one_made(tmp_path):
    (tmp_path / DB_NAME).write_text("these are my notes, not a database\n" * 100)
    (tmp_path / (DB_NAME + "-journal")).write_bytes(b"junk")
    store = Store.open(tmp_path)
    assert store.can_save and "damaged" in store.warning and "\n" not in store.warning
    aside = _aside(tmp_path)
    assert [p.name.endswith("-journal") for p in aside] == [False, True]
    assert aside[0].read_text().startswith("these are my notes")
    assert store.save_game(make_results(), Settings()) and len(store.high_scores()) == 1


def test_a_damaged_database_is_moved_aside_with_its_side_files(tmp_path):
    path = tmp_path / DB_NAME
    store = Store.open(tmp_path)
    for _ in range(40):
        store.save_game(make_results(right=20, wrong=20), Settings())
    store.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
    size = path.stat().st_size
    assert size > page_size * 8
    with open(path, "r+b") as f:  # scribble over pages in the middle of the file
        f.seek(page_size * 3)
        f.write(b"\xa5" * page_size * 3)
    (tmp_path / (DB_NAME + "-wal")).write_bytes(b"")
    store = Store.open(tmp_path)
    assert store.can_save and "damaged" in store.warning
    aside = _aside(tmp_path)
    assert any(p.name.endswith("-wal") for p in aside) and any(p.stat().st_size == size for p in aside)
    assert store.high_scores() == []
    assert store.save_game(make_results(), Settings())


def test_two_games_saving_at_once_are_both_saved(tmp_path):
    Store.open(tmp_path).close()
    start = threading.Barrier(2)
    saved: dict[str, list[bool]] = {}

    def play(name: str) -> None:
        store = Store.open(tmp_path)  # its own connection, as a second game window would have
        start.wait()
        saved[name] = [store.save_game(make_results(name, right=5, wrong=5), Settings()) for _ in range(25)]
        store.close()

    threads = [threading.Thread(target=play, args=(name,)) for name in ("Ann", "Bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert saved == {"Ann": [True] * 25, "Bob": [True] * 25}
    assert count(tmp_path / DB_NAME, "games") == 50 and count(tmp_path / DB_NAME, "answers") == 500


def test_an_unwritable_data_folder_means_no_saving_but_no_crash(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    store = Store.open(blocker / "data")  # fails for root too: nothing can be made under a file
    assert not store.can_save and "won't be saved" in store.warning and "\n" not in store.warning
    assert not store.save_game(make_results(), Settings())
    assert store.high_scores() == [] and not store.is_high_score(5000, "classic")


def test_a_read_only_score_file_means_no_saving(tmp_path):
    Store.open(tmp_path).close()
    path = tmp_path / DB_NAME
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=DELETE")
    uri = f"file:{path}?mode=ro"
    # A read-only handle stands in for a file that became read-only after the game opened it.
    store = Store(sqlite3.connect(uri, uri=True, isolation_level=None), None)
    assert not store.save_game(make_results(), Settings())
    assert "could not be saved" in store.warning


KILL_SCRIPT = """
import os, sys
sys.path.insert(0, {tests!r})
from test_storage import make_results
from game.engine import Settings
from game.storage import Store

store = Store.open({data!r})
assert store.save_game(make_results("Kept", right=4, wrong=0), Settings())
original = Store._insert_answers

def die_half_way(self, game_id, results):
    original(self, game_id, results)  # the game row and its answers are written, not committed
    os._exit(3)

Store._insert_answers = die_half_way
store.save_game(make_results("Lost", right=6), Settings())
"""


def test_a_game_killed_half_way_through_saving_loses_no_finished_game(tmp_path):
    script = KILL_SCRIPT.format(tests=str(TESTS), data=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", script], cwd=TESTS.parent, capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    store = Store.open(tmp_path)
    assert store.warning is None  # healthy: not moved aside
    assert [(h.name, h.score) for h in store.high_scores()] == [("Kept", 4000)]
    assert count(tmp_path / DB_NAME, "answers") == 4
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"  # man, woman, girl, boy joined by ZWJs


def test_a_name_keeps_each_character_whole_as_a_reader_sees_it(tmp_path):
    store = Store.open(tmp_path)
    store.save_game(make_results(), Settings(), FAMILY)
    assert store.high_scores()[0].name == FAMILY  # not four people with spaces between them
    flag, accented = "\U0001F1EB\U0001F1F7", "Zoe\u0301"  # a flag is two code points, é here is two
    assert clean_name(f"{flag} {accented}") == f"{flag} {accented}"
    # The cap counts characters as a reader does, and never cuts one in half.
    assert clean_name("x" * (NAME_MAX - 1) + FAMILY) == "x" * (NAME_MAX - 1) + FAMILY
    assert clean_name("x" * NAME_MAX + FAMILY) == "x" * NAME_MAX
    assert clean_name(flag * NAME_MAX + "\U0001F1EB") == flag * NAME_MAX
    # Joiners and direction marks standing on their own are still not part of a name.
    assert clean_name("Ann \u200d Lee\u202e") == "Ann Lee"


# -- found by mutation testing (benchmarks/mutation.py): each one a change no test noticed -------

def test_without_a_data_dir_scores_go_to_the_users_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    store = Store.open()
    assert store.can_save and store.save_game(make_results(), Settings())
    store.close()
    assert count(tmp_path / "xdg" / "osmosis-quiz" / DB_NAME, "games") == 1


def test_a_data_folder_several_levels_deep_is_made_with_its_parents(tmp_path):
    store = Store.open(tmp_path / "a" / "b" / "c")
    assert store.can_save and store.save_game(make_results(), Settings())


def test_scores_read_an_existing_file_without_creating_a_missing_one(tmp_path):
    missing = Store.read(tmp_path / "none")
    assert (missing.can_save, missing.warning, missing.high_scores()) == (False, None, [])
    assert not (tmp_path / "none").exists()
    store = Store.open(tmp_path)
    store.save_game(make_results("Ann"), Settings(mode="classic"))
    store.close()
    assert [h.name for h in Store.read(tmp_path).high_scores()] == ["Ann"]


def test_every_mode_is_listed_when_no_mode_is_asked_for(tmp_path):
    store = Store.open(tmp_path)
    store.save_game(make_results("Ann", points=900), Settings(mode="classic"))
    store.save_game(make_results("Bob", points=800), Settings(mode="daily"))
    assert [(h.name, h.mode) for h in store.high_scores()] == [("Ann", "classic"), ("Bob", "daily")]


def test_a_name_left_empty_is_player():
    assert clean_name(None) == clean_name("") == "Player"


def test_warnings_say_why_in_the_systems_words(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert Store.open(blocker / "data").warning.endswith("(Not a directory)")  # a folder under a file
    (tmp_path / "data" / DB_NAME).mkdir(parents=True)  # the score file is a folder
    assert Store.open(tmp_path / "data").warning.endswith("scores.sqlite3 (Is a directory)")


def test_a_newer_score_file_is_said_to_be_left_alone(tmp_path):
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    assert Store.open(tmp_path).warning.endswith("is from a newer version of Osmosis Quiz (left untouched)")


def test_a_closed_store_saves_nothing(tmp_path):
    store = Store.open(tmp_path)
    store.close()
    assert not store.can_save and not store.save_game(make_results(), Settings())


@pytest.mark.timeout(30)
def test_damaged_files_moved_aside_in_the_same_second_keep_distinct_dated_names(tmp_path, monkeypatch):
    import re
    from datetime import datetime as real_datetime
    from game import storage

    class FrozenClock(real_datetime):
        @classmethod
        def now(cls, tz=None):
            return real_datetime(2026, 11, 30, 9, 5, 7, tzinfo=tz)

    monkeypatch.setattr(storage, "datetime", FrozenClock)
    for n in range(3):
        (tmp_path / DB_NAME).write_text(f"notes {n}")
        store = Store.open(tmp_path)
        assert "damaged" in store.warning
        store.close()
    names = sorted(p.name for p in tmp_path.glob(f"{DB_NAME}.damaged-*"))
    assert names == [f"{DB_NAME}.damaged-20261130-090507", f"{DB_NAME}.damaged-20261130-090507-2",
                     f"{DB_NAME}.damaged-20261130-090507-3"]
    assert sorted((tmp_path / name).read_text() for name in names) == ["notes 0", "notes 1", "notes 2"]
    assert all(re.fullmatch(r".*\.damaged-\d{8}-\d{6}(-\d)?", name) for name in names)


def test_a_save_that_fails_half_way_keeps_nothing_of_it_and_the_next_save_works(tmp_path, monkeypatch):
    store = Store.open(tmp_path)
    real_insert = Store._insert_answers

    def failing_insert(self, game_id, results):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "_insert_answers", failing_insert)
    assert not store.save_game(make_results("Ann"), Settings())
    assert store.warning == "this game could not be saved (disk I/O error)"
    monkeypatch.setattr(Store, "_insert_answers", real_insert)
    assert store.save_game(make_results("Bob"), Settings())
    assert [h.name for h in store.high_scores()] == ["Bob"] and count(tmp_path / DB_NAME, "games") == 1


def test_a_score_file_locked_by_another_program_is_left_alone_not_moved_aside(tmp_path, monkeypatch):
    from game import storage
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 200)  # wait a fifth of a second, not fifteen
    path = tmp_path / DB_NAME
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE mine (x)")
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of writing
    try:
        store = Store.open(tmp_path)
        assert not store.can_save and store.warning.endswith("(database is locked)")
        assert _aside(tmp_path) == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_side_files_the_player_may_not_open_are_not_taken_for_damage(tmp_path):
    """Found by mutation testing (`_healthy`'s lock test): a game run as another user (sudo) and
    killed while saving leaves -wal and -shm files this player may not open. SQLite then cannot
    open the scores ("unable to open database file"), which says nothing about the file itself:
    it was called damaged and moved aside, and the player's high scores were gone."""
    folder = tmp_path / "data"
    with as_a_player():
        store = Store.open(folder)
        assert store.save_game(make_results("Ann"), Settings(mode="classic"))
        store.close()
        path = folder / DB_NAME
        for suffix in ("-wal", "-shm"):
            path.with_name(DB_NAME + suffix).touch(mode=0)  # the other user's, closed to this one
        reader = Store.read(folder)
        assert reader.warning == f"cannot read the scores in {path} (unable to open database file)"
        store = Store.open(folder)
        assert (store.can_save, store.warning) == (False, f"scores won't be saved: cannot write {path} "
                                                          "(unable to open database file)")
        assert sorted(p.name for p in folder.iterdir()) == [DB_NAME, DB_NAME + "-shm", DB_NAME + "-wal"]
        for suffix in ("-wal", "-shm"):
            path.with_name(DB_NAME + suffix).unlink()  # the other user's game cleaned up
        assert [h.name for h in Store.open(folder).high_scores()] == ["Ann"]


# -- read-only score files and folders, for real: root (CI) gives up overriding permissions ----

def _save(folder: Path, *players: str) -> Path:
    store = Store.open(folder)
    for player in players:
        assert store.save_game(make_results(player), Settings(mode="classic"))
    store.close()
    return folder / DB_NAME


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_a_score_file_the_player_may_not_write_is_read_and_left_as_it_was(tmp_path):
    """Found by mutation testing: as root every file was writable, so nothing checked this."""
    folder = tmp_path / "data"
    path = _save(folder, "Ann")
    before = _snapshot(folder)
    with read_only(path):
        store = Store.open(folder)
        assert (store.can_save, store.warning) == (False, f"scores won't be saved: {path} is read-only")
        assert [h.name for h in store.high_scores()] == ["Ann"] and store.modes() == ["classic"]
        assert store.misses("Ann") == {"q-3": 1} and store.is_high_score(10, "classic")
        store.close()
    assert _snapshot(folder) == before


def test_a_data_folder_the_player_may_not_write_is_read_and_left_as_it_was(tmp_path):
    """Found by mutation testing. SQLite would make its -wal and -shm files in the folder."""
    folder = tmp_path / "data"
    with as_a_player():
        _save(folder, "Ann")  # the player's own file, in a folder they may not write
        before = _snapshot(folder)
        with read_only(folder):
            store = Store.open(folder)
            assert (store.can_save, store.warning) == (False, f"scores won't be saved: the folder {folder} "
                                                              "is read-only")
            assert [h.name for h in store.high_scores()] == ["Ann"]
            store.close()
        assert _snapshot(folder) == before
        empty = tmp_path / "empty"
        empty.mkdir()
        with read_only(empty):  # no score file yet: still said once, at the start
            store = Store.open(empty)
        assert (store.can_save, store.warning, store.high_scores()) == (
            False, f"scores won't be saved: the folder {empty} is read-only", [])


def test_reading_the_scores_says_why_it_cannot(tmp_path):
    """Found by mutation testing: `scores` reads without writing anything, and says in one line
    what is wrong with a file it cannot read, instead of failing on it."""
    damaged = _save(tmp_path / "damaged", *["Ann"] * 40)
    with sqlite3.connect(damaged) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
    with open(damaged, "r+b") as f:  # scribble over pages in the middle of the file
        f.seek(page_size * 3)
        f.write(b"\xa5" * page_size * 3)
    store = Store.read(tmp_path / "damaged")
    assert (store.warning, store.high_scores()) == (
        f"cannot read the scores: {damaged} is damaged (the next game sets it aside and starts a fresh one)", [])
    newer = tmp_path / "newer" / DB_NAME
    newer.parent.mkdir()
    with sqlite3.connect(newer) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    assert Store.read(newer.parent).warning == (f"cannot read the scores: {newer} is from a newer version "
                                                "of Osmosis Quiz")
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, given where the data folder should be")
    for opened, says in ((Store.read(blocker), "cannot read the scores"),
                         (Store.open(blocker), "scores won't be saved")):
        assert (opened.can_save, opened.warning) == (False, f"{says}: {blocker} is a file, not a folder")


def test_a_score_file_made_but_never_set_up_reads_as_no_scores(tmp_path):
    """Found by mutation testing: a game stopped between making the file and setting it up."""
    (tmp_path / DB_NAME).write_bytes(b"")
    store = Store.read(tmp_path)
    assert (store.warning, store.high_scores(), store.modes()) == (None, [], [])


def test_reading_the_scores_from_a_folder_the_player_may_not_enter_says_so(tmp_path):
    """Found by mutation testing."""
    closed = tmp_path / "closed"
    with as_a_player():
        closed.mkdir(mode=0)
        try:
            store = Store.read(closed / "data")
        finally:
            closed.chmod(0o700)
    assert store.warning == "cannot read the scores: no data folder (Permission denied)"


def test_reading_the_scores_without_a_data_dir_reads_the_users_data_folder(tmp_path, monkeypatch):
    """Found by mutation testing."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    _save(tmp_path / "xdg" / "osmosis-quiz", "Ann")
    assert [h.name for h in Store.read().high_scores()] == ["Ann"]


def test_reading_the_scores_while_a_game_is_saving_sees_its_last_save_and_writes_nothing(tmp_path):
    """Found by mutation testing. A game that is open keeps its last saves in the -wal file until
    it closes; a reader must see them. With no game open, SQLite is told the file cannot change,
    or it would make -wal and -shm files beside it."""
    _save(tmp_path, "Ann")
    before = _snapshot(tmp_path)
    assert [h.name for h in Store.read(tmp_path).high_scores()] == ["Ann"]
    assert _snapshot(tmp_path) == before  # nothing made, nothing touched
    playing = Store.open(tmp_path)
    assert playing.save_game(make_results("Bob", right=4), Settings(mode="classic"))
    assert (tmp_path / (DB_NAME + "-wal")).stat().st_size > 0  # Bob's game is in the -wal file
    assert [h.name for h in Store.read(tmp_path).high_scores()] == ["Bob", "Ann"]
    playing.close()


def test_two_games_setting_up_a_new_score_file_at_once_both_save(tmp_path, monkeypatch):
    """Found by mutation testing: two game windows started together both find a new file to set
    up; the second to get the write lock finds it done and must not set it up again."""
    from game import storage
    first_lock = storage._transaction

    class AnotherGameFirst(first_lock):
        def __enter__(self):
            monkeypatch.setattr(storage, "_transaction", first_lock)
            Store.open(tmp_path).close()  # the other game sets the file up just before this one locks it
            return super().__enter__()

    monkeypatch.setattr(storage, "_transaction", AnotherGameFirst)
    store = Store.open(tmp_path)
    assert (store.can_save, store.warning) == (True, None)
    assert store.save_game(make_results(), Settings())


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the time zone is changed through tzset")
def test_games_tied_on_score_rank_by_when_they_were_played_wherever_the_clock_was(tmp_path, monkeypatch):
    """Found by mutation testing: times are saved in UTC with their offset, so the game played
    first keeps the better rank after the computer's time zone changes (a trip, a clock change)."""
    store = Store.open(tmp_path)
    try:
        for player, zone in (("Ann", "EAST-14"), ("Bob", "WEST+11")):  # POSIX: UTC+14, then UTC-11
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            assert store.save_game(make_results(player), Settings(mode="classic"))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert [h.name for h in store.high_scores()] == ["Ann", "Bob"]


def test_a_time_another_program_wrote_in_its_own_format_still_shows_as_a_date(tmp_path):
    """Found by mutation testing: a row added by hand or by another tool has a time the game did
    not write; the table still shows, with the time cut to a date's width."""
    store = Store.open(tmp_path)
    store.save_game(make_results(), Settings(mode="classic"))
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("UPDATE high_scores SET played_at = '30/11/2026 10:05'")
    assert store.high_scores()[0].date == "30/11/2026"


def test_a_save_failing_without_a_message_says_what_failed(tmp_path, monkeypatch):
    """Found by mutation testing: the warning names the error when there is nothing else to say."""
    store = Store.open(tmp_path)

    def failing_insert(self, game_id, results):
        raise sqlite3.DatabaseError()

    monkeypatch.setattr(Store, "_insert_answers", failing_insert)
    assert not store.save_game(make_results(), Settings())
    assert store.warning == "this game could not be saved (DatabaseError)"


def test_a_game_tying_the_tenth_best_score_stays_out_even_if_it_sorts_first(tmp_path, monkeypatch):
    """Found by mutation testing: a tie does not enter the table, even when the computer's clock
    was set back since, so that its time would rank it first among the ties."""
    from datetime import datetime as real_datetime
    from game import storage

    class SetClock(real_datetime):
        day = 2

        @classmethod
        def now(cls, tz=None):
            return real_datetime(2026, 11, cls.day, 12, 0, 0, tzinfo=tz)

    monkeypatch.setattr(storage, "datetime", SetClock)
    store = Store.open(tmp_path)
    for _ in range(10):
        assert store.save_game(make_results("Ann", right=1), Settings(mode="classic"))
    SetClock.day = 1  # the clock set back a day
    assert store.save_game(make_results("Bob", right=1), Settings(mode="classic"))
    assert [h.name for h in store.high_scores("classic")] == ["Ann"] * 10


def test_a_data_folder_whose_name_starts_with_file_colon_is_used_as_named(tmp_path, monkeypatch):
    """Found by mutation testing (the `uri` flag): this SQLite reads any name starting with
    'file:' as a URI, so a relative data folder 'file:...' could not be used at all."""
    monkeypatch.chdir(tmp_path)
    store = Store.open(Path("file:my scores?#%é"))  # and what a URI must escape
    assert (store.can_save, store.warning) == (True, None)
    assert store.save_game(make_results(), Settings())
    store.close()
    assert count(tmp_path / "file:my scores?#%é" / DB_NAME, "games") == 1


def test_reading_the_scores_writes_nothing_even_when_the_game_closes_first(tmp_path):
    """Found by mutation testing (the read-only mode): a reader left last with the game's -wal
    file would copy it into the score file and delete it if it were allowed to write."""
    playing = Store.open(tmp_path)
    assert playing.save_game(make_results("Ann"), Settings(mode="classic"))
    reader = Store.read(tmp_path)
    assert [h.name for h in reader.high_scores()] == ["Ann"]
    playing.close()  # the reader still has the file open, so the game leaves its -wal file
    before = _snapshot(tmp_path)
    reader.close()
    assert _snapshot(tmp_path) == before
