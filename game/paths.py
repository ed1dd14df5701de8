"""Where things live: the shipped packs and assets, and the user's own folders."""
from __future__ import annotations

from pathlib import Path

APP_NAME = "osmosis-quiz"
ROOT = Path(__file__).resolve().parent.parent


def builtin_pack_dir() -> Path:
    return ROOT / "questions"


def assets_dir() -> Path:
    return ROOT / "assets"


def user_data_dir() -> Path:
    """The platform's per-user data folder (e.g. ~/.local/share/osmosis-quiz)."""
    import platformdirs  # imported here: only commands that touch user data pay for it
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_pack_dir() -> Path:
    return user_data_dir() / "packs"
