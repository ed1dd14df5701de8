"""Where things live: the game's own data (packs, fonts, sounds, icon) and the user's folders."""
from __future__ import annotations

from functools import cache
from pathlib import Path

APP_NAME = "osmosis-quiz"


class DataNotInstalled(RuntimeError):
    """The code runs without its data packages: a clone whose editable install predates them, or
    main.py run from a clone beside a non-editable install. The message says how to fix it."""


@cache  # where the game is installed does not change while it runs; fonts ask once per size
def builtin_data_dir(name: str) -> Path:
    """The folder of the game's own data called `name` ("assets" or "questions"): the package
    game.<name>, which pyproject.toml maps to the repository's top-level folder of that name in
    the wheel, the sdist and an editable install alike (the standalone build lays it out the
    same way). The one place that knows where built-in data lives: everything else asks here."""
    from importlib import resources  # here: `import game.paths` stays cheap for every command
    try:
        return Path(str(resources.files(f"game.{name}")))
    except ModuleNotFoundError:
        raise DataNotInstalled(f"the game's {name} folder is not installed with this copy of the code; "
                               "in a clone, run: pip install -e .") from None


def builtin_pack_dir() -> Path:
    return builtin_data_dir("questions")


def assets_dir() -> Path:
    return builtin_data_dir("assets")


def icon_path() -> Path:
    """The game's icon (drawn by assets/make_icon.py): the window's, and the desktop entry's."""
    return assets_dir() / "icon.png"


def user_data_dir() -> Path:
    """The platform's per-user data folder (e.g. ~/.local/share/osmosis-quiz)."""
    import platformdirs  # imported here: only commands that touch user data pay for it
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_pack_dir() -> Path:
    return user_data_dir() / "packs"
