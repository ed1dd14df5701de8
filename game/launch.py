"""How this copy of the game is started, and `install-desktop`, which tells the desktop.

A player may have the console script (pip, pipx), a clone run with `python main.py`, `python -m
game`, or the standalone build. Messages that tell them what to type, and the desktop entry that
starts the game from a menu, use the command that really started this process, never a guess.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from .paths import APP_NAME, icon_path

ICON_SIZE = "256x256"  # assets/icon.png's size: the hicolor theme folder it belongs in


def launch_command() -> list[str]:
    """The command, with absolute paths, that starts the game the way this process was started:
    the standalone binary, the console script, `python main.py` or else `python -m game`, each
    with the interpreter actually in use."""
    if getattr(sys, "frozen", False):  # the standalone build (PyInstaller sets sys.frozen)
        return [os.path.abspath(sys.executable)]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    if Path(script.name).stem == APP_NAME:  # the console script (osmosis-quiz, osmosis-quiz.exe)
        return [os.path.abspath(script)]
    if script.suffix == ".py" and script.name != "__main__.py" and script.is_file():
        return [sys.executable, os.path.abspath(script)]
    return [sys.executable, "-m", "game"]


def shown_command(*words: str) -> str:
    """launch_command() followed by `words`, as the player would type it here: the console script
    by its name when that name finds it, paths relative to the current folder when inside it."""
    command = launch_command()
    found = shutil.which(APP_NAME)
    if found and _same_file(found, command[0]):
        command[0] = APP_NAME
    else:
        command = [_relative(arg, i == 0) for i, arg in enumerate(command)]
    return _join([*command, *words])


def command_line(*words: str) -> str:
    """launch_command() followed by `words`, with absolute paths: what works from any folder
    later, e.g. in a file the game writes."""
    return _join([*launch_command(), *words])


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _relative(arg: str, program: bool) -> str:
    """A path under the current folder made relative to it (`./x` for a program right in it:
    the shell looks a bare name up on PATH)."""
    path = Path(arg)
    if not path.is_absolute():
        return arg
    try:
        inside = path.relative_to(Path.cwd())
    except ValueError:
        return arg
    return os.path.join(".", inside) if program and len(inside.parts) == 1 else str(inside)


def _join(words: list[str]) -> str:
    return subprocess.list2cmdline(words) if sys.platform == "win32" else shlex.join(words)


# -- install-desktop ----------------------------------------------------------------------

def desktop_entry(command: list[str]) -> str:
    """A freedesktop.org desktop entry that starts `command`."""
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Osmosis Quiz",
        "GenericName=Trivia game",
        "Comment=A trivia game about the French series Osmosis (2019)",
        f"Exec={' '.join(_exec_word(word) for word in command)}",
        f"Icon={APP_NAME}",
        "Terminal=false",
        "Categories=Game;",
        "Keywords=quiz;trivia;Osmosis;Netflix;",
        f"StartupWMClass={APP_NAME}",  # matches the window's class (set in ui.app.start)
        "",
    ])


def _exec_word(word: str) -> str:
    """One Exec argument: quoted when the desktop entry spec requires it, with `%` doubled and
    backslashes escaped again for the string value the Exec key is."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if any(char in reserved for char in word):
        word = '"' + "".join("\\" + c if c in '"`$\\' else c for c in word) + '"'
    return word.replace("%", "%%").replace("\\", "\\\\")


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share as the XDG Base Directory spec says when it is unset."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def install_desktop() -> tuple[Path, Path]:
    """Write the desktop entry and the icon into the user's data folder; their paths."""
    entry = data_home() / "applications" / f"{APP_NAME}.desktop"
    icon = data_home() / "icons" / "hicolor" / ICON_SIZE / "apps" / f"{APP_NAME}.png"
    for path in (entry, icon):
        path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(icon_path(), icon)
    entry.write_text(desktop_entry(launch_command()), encoding="utf-8")
    return entry, icon


def run(args) -> int:
    if sys.platform in ("win32", "darwin"):
        print(f"{APP_NAME} install-desktop: desktop entries are for Linux and other freedesktop.org "
              "desktops; on this system start the game from a terminal or pin the standalone build",
              file=sys.stderr)
        return 1
    try:
        entry, icon = install_desktop()
    except OSError as error:
        print(f"{APP_NAME} install-desktop: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {entry}\nwrote {icon}\nOsmosis Quiz is in your applications menu; it runs: {command_line()}")
    return 0
