"""Saved games and high scores: one SQLite file in the user data folder.

Saving must never cost the player a game: `Store.open` never raises, and when the file or the
folder cannot be used the game plays on with `can_save` False and a one-line `warning`.
Each finished game is written in one transaction, so a crash or a kill loses at most the game
being written, never one already saved.
"""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from .engine import Results, Settings
from .text import graphemes, visible_text

DB_NAME = "scores.sqlite3"
NAME_MAX = 24
DEFAULT_NAME = "Player"
HIGH_SCORE_LIMIT = 10
BUSY_TIMEOUT_MS = 15000  # another game saving at the same moment waits instead of failing
SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")

# MIGRATIONS[n] brings a database from user_version n to n + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE players (
               id INTEGER PRIMARY KEY,
               name TEXT NOT NULL UNIQUE COLLATE NOCASE,
               created_at TEXT NOT NULL)""",
        """CREATE TABLE games (
               id INTEGER PRIMARY KEY,
               player_id INTEGER NOT NULL REFERENCES players(id),
               mode TEXT NOT NULL,
               score INTEGER NOT NULL,
               right_answers INTEGER NOT NULL,
               asked INTEGER NOT NULL,
               best_streak INTEGER NOT NULL,
               settings TEXT NOT NULL,
               played_at TEXT NOT NULL)""",
        """CREATE TABLE answers (
               id INTEGER PRIMARY KEY,
               game_id INTEGER NOT NULL REFERENCES games(id),
               position INTEGER NOT NULL,
               round_index INTEGER NOT NULL,
               question_id TEXT NOT NULL,
               kind TEXT NOT NULL,
               response TEXT,
               correct INTEGER NOT NULL,
               points INTEGER NOT NULL,
               elapsed REAL NOT NULL,
               timed_out INTEGER NOT NULL)""",
        "CREATE INDEX answers_by_game ON answers(game_id)",
        """CREATE TABLE high_scores (
               id INTEGER PRIMARY KEY,
               game_id INTEGER NOT NULL UNIQUE REFERENCES games(id),
               name TEXT NOT NULL,
               score INTEGER NOT NULL,
               mode TEXT NOT NULL,
               played_at TEXT NOT NULL)""",
        "CREATE INDEX high_scores_by_mode ON high_scores(mode, score DESC)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class HighScore:
    rank: int
    name: str
    score: int
    mode: str
    date: str  # YYYY-MM-DD, local time


def clean_name(name: str | None) -> str:
    """A player name as stored and shown: visible, single-spaced, at most NAME_MAX characters as a
    reader counts them (a family emoji is one, and is never cut in half)."""
    single_spaced = " ".join(visible_text(name or "").split())
    return "".join(graphemes(single_spaced)[:NAME_MAX]).strip() or DEFAULT_NAME


class Store:
    def __init__(self, connection: sqlite3.Connection | None, warning: str | None, read_only: bool = False):
        self._db = connection
        self.warning = warning
        self.read_only = read_only  # scores can be read from the connection, never written

    @property
    def can_save(self) -> bool:
        return self._db is not None and not self.read_only

    @classmethod
    def open(cls, data_dir: Path | None = None) -> "Store":
        """Open (creating or repairing as needed) the score file to play and save; never raises.
        A file or folder we may not write is still read (high scores, practice), and said at once."""
        try:
            folder = Path(data_dir) if data_dir is not None else _default_dir()
            path = folder / DB_NAME
            if _is_file(folder):
                return cls(None, f"scores won't be saved: {folder} is a file, not a folder")
            folder.mkdir(parents=True, exist_ok=True)
            if path.exists() and not _writable(path):
                return cls._open_read_only(path, f"scores won't be saved: {path} is read-only")
            if not _writable(folder):  # SQLite must make its -wal and -shm files there
                return cls._open_read_only(path, f"scores won't be saved: the folder {folder} is read-only")
        except (OSError, ValueError) as exc:
            return cls(None, f"scores won't be saved: cannot use the data folder ({_reason(exc)})")
        try:
            return cls._open_file(path)
        except (sqlite3.Error, OSError) as exc:
            return cls(None, f"scores won't be saved: cannot write {path} ({_reason(exc)})")

    @classmethod
    def read(cls, data_dir: Path | None = None) -> "Store":
        """Open the score file only to read it: nothing is written, renamed or created, so it
        works on read-only media and leaves a damaged file for the next game to set aside.
        Never raises; `warning` says why the scores cannot be read. No file yet: empty, no warning."""
        try:
            folder = Path(data_dir) if data_dir is not None else _default_dir()
            if _is_file(folder):
                return cls(None, f"cannot read the scores: {folder} is a file, not a folder")
        except (OSError, ValueError) as exc:
            return cls(None, f"cannot read the scores: no data folder ({_reason(exc)})")
        return cls._open_read_only(folder / DB_NAME, None)

    @classmethod
    def _open_read_only(cls, path: Path, warning: str | None) -> "Store":
        """A store that reads `path` and never writes it. Its warning is `warning` (why it is
        read-only), or else why the scores cannot be read: none when there are none yet."""
        try:
            db, problem = _read_only_scores(path)
        except (sqlite3.Error, OSError) as exc:
            db, problem = None, f"cannot read the scores in {path} ({_reason(exc)})"
        return cls(db, warning or problem, read_only=True)

    @classmethod
    def _open_file(cls, path: Path) -> "Store":
        warning = None
        db = None if _foreign(path) else _connect(path)
        if db is None or not _healthy(db):
            if db is not None:
                db.close()
            moved = _move_aside(path)
            warning = f"{path} was damaged; moved it to {moved.name} and started a fresh score file"
            db = _connect(path)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.close()
            return cls(None, f"scores won't be saved: {path} is from a newer version of Osmosis Quiz "
                                   "(left untouched)")
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            _migrate(db)
        except sqlite3.Error:
            db.close()
            raise
        return cls(db, warning)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- writing -------------------------------------------------------------------------

    def save_game(self, results: Results, settings: Settings, player: str | None = None) -> bool:
        """Save a finished game (player, game, every answer, high score) in one transaction."""
        if self._db is None:
            return False
        name = clean_name(player or results.player)
        played_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            with _transaction(self._db):
                player_id = self._player_id(name, played_at)
                game_id = self._insert_game(player_id, results, settings, played_at)
                self._insert_answers(game_id, results)
                if self._ranks(results.total, settings.mode):
                    self._db.execute("INSERT INTO high_scores (game_id, name, score, mode, played_at) "
                                     "VALUES (?, ?, ?, ?, ?)", (game_id, name, results.total, settings.mode, played_at))
        except sqlite3.Error as exc:
            self.warning = f"this game could not be saved ({_reason(exc)})"
            return False
        return True

    def _player_id(self, name: str, now: str) -> int:
        self._db.execute("INSERT INTO players (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                         (name, now))
        return self._db.execute("SELECT id FROM players WHERE name = ?", (name,)).fetchone()[0]

    def _insert_game(self, player_id: int, results: Results, settings: Settings, played_at: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO games (player_id, mode, score, right_answers, asked, best_streak, settings, played_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (player_id, settings.mode, results.total, results.right, results.asked, results.best_streak,
             json.dumps(asdict(settings)), played_at))
        return cursor.lastrowid

    def _insert_answers(self, game_id: int, results: Results) -> None:
        self._db.executemany(
            "INSERT INTO answers (game_id, position, round_index, question_id, kind, response, correct, points, "
            "elapsed, timed_out) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(game_id, position, o.round_index, o.question.id, o.question.kind, o.response, int(o.correct),
              o.points, o.elapsed, int(o.timed_out)) for position, o in enumerate(results.outcomes)])

    # -- reading -------------------------------------------------------------------------

    def high_scores(self, mode: str | None = None, limit: int = HIGH_SCORE_LIMIT) -> list[HighScore]:
        if self._db is None:
            return []
        where, params = ("WHERE mode = ?", (mode,)) if mode else ("", ())
        rows = self._db.execute(f"SELECT name, score, mode, played_at FROM high_scores {where} "
                                "ORDER BY score DESC, played_at, id LIMIT ?", (*params, limit)).fetchall()
        return [HighScore(rank, name, score, row_mode, _local_date(played_at))
                for rank, (name, score, row_mode, played_at) in enumerate(rows, 1)]

    def is_high_score(self, score: int, mode: str) -> bool:
        """Whether `score` would enter the top HIGH_SCORE_LIMIT of `mode`."""
        if self._db is None:
            return False
        return self._ranks(score, mode)

    def _ranks(self, score: int, mode: str) -> bool:
        if score <= 0:
            return False
        scores = [row[0] for row in self._db.execute(
            "SELECT score FROM high_scores WHERE mode = ? ORDER BY score DESC LIMIT ?", (mode, HIGH_SCORE_LIMIT))]
        return len(scores) < HIGH_SCORE_LIMIT or score > scores[-1]

    def misses(self, player: str) -> dict[str, int]:
        """How many times `player` got each question wrong (or ran out of time on it)."""
        if self._db is None:
            return {}
        rows = self._db.execute(
            "SELECT a.question_id, COUNT(*) FROM answers a JOIN games g ON g.id = a.game_id "
            "JOIN players p ON p.id = g.player_id WHERE p.name = ? AND a.correct = 0 GROUP BY a.question_id",
            (clean_name(player),))
        return dict(rows.fetchall())

    def modes(self) -> list[str]:
        """Every mode with a high score: scores of untimed and timed games are not comparable."""
        if self._db is None:
            return []
        return [row[0] for row in self._db.execute("SELECT DISTINCT mode FROM high_scores ORDER BY mode")]


def _default_dir() -> Path:
    from .paths import user_data_dir
    return user_data_dir()


def _connect(path: Path, options: str = "") -> sqlite3.Connection:
    """A connection to `path`, always named by its URI: SQLite may read any name that starts with
    'file:' as one (this is a build option), so a folder called 'file:...' must not be given as is."""
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly what we say.
    db = sqlite3.connect(f"{path.absolute().as_uri()}{options}", uri=True, isolation_level=None)
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return db


def _read_only_scores(path: Path) -> tuple[sqlite3.Connection | None, str | None]:
    """A connection reading the scores in `path`, or None and why they cannot be read (no reason
    when there are none: no file, or one made but never set up)."""
    if not path.exists():
        return None, None
    db = _connect_read_only(path)
    try:
        if not _healthy(db):  # a file that is not SQLite's is not healthy either
            problem = f"cannot read the scores: {path} is damaged (the next game sets it aside and starts a fresh one)"
        elif (version := db.execute("PRAGMA user_version").fetchone()[0]) > SCHEMA_VERSION:
            problem = f"cannot read the scores: {path} is from a newer version of Osmosis Quiz"
        elif version > 0:
            return db, None
        else:
            problem = None  # made but never set up: it holds no scores
    except BaseException:
        db.close()
        raise
    db.close()
    return None, problem


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write. SQLite makes -wal and -shm files for any reader of a WAL
    file unless told the file cannot change (immutable). With no -wal file beside it, no game has
    the file open, so it is read as it stands; with one, a game may be saving, and SQLite's own
    locking (through the side files already there) keeps the read consistent."""
    options = "?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        options += "&immutable=1"
    return _connect(path, options)


def _is_file(folder: Path) -> bool:
    """Whether the data folder given is something other than a folder (a mistyped --data-dir)."""
    return folder.exists() and not folder.is_dir()


def _writable(path: Path) -> bool:
    """Whether this process may write `path`, checked with the ids and privileges it writes with
    (the effective ones, which the system checks when SQLite opens the file). A check with the
    real ids gives root back every privilege, and a process acting as another user its own."""
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)


def _foreign(path: Path) -> bool:
    """A non-empty file without the SQLite header: set aside before SQLite touches its side files."""
    try:
        with open(path, "rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return bool(header) and header != SQLITE_HEADER


def _healthy(db: sqlite3.Connection) -> bool:
    """Whether the file checks out. Only damage in the file itself answers no; a file SQLite may
    not use now (locked by another program, side files another user left that we may not open,
    an I/O error) raises, so that it is left where it is, not set aside as damaged."""
    try:
        return db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError:  # "file is not a database", "database disk image is malformed"
        return False


def _move_aside(path: Path) -> Path:
    """Rename a damaged file and its side files with a timestamp suffix; never delete them."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    for suffix in ("", *SIDE_FILES):
        source = path.with_name(path.name + suffix)
        if source.exists():
            os.replace(source, target.with_name(target.name + suffix))
    return target


def _migrate(db: sqlite3.Connection) -> None:
    """Bring the schema up to SCHEMA_VERSION in one transaction (all steps or none)."""
    if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    with _transaction(db):
        # Read again inside the write lock: another process may have migrated meanwhile.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for steps in MIGRATIONS[version:]:
            for statement in steps:
                db.execute(statement)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:
            self.db.execute("ROLLBACK")
        return False


def _local_date(timestamp: str) -> str:
    try:
        return datetime.fromisoformat(timestamp).astimezone().date().isoformat()
    except ValueError:
        return timestamp[:10]


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
