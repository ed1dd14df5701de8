"""How the game tells a player to start it, and `install-desktop`: the command in the no-display
message and in the desktop entry must be one that really starts this copy of the game."""
from __future__ import annotations

import configparser
import os
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

import pygame
import pytest

from game.launch import desktop_entry, launch_command, shown_command
from game.paths import icon_path

ROOT = Path(__file__).resolve().parent.parent
PLAYS = "=== Results for Player ==="  # the terminal game's results heading: a whole game was played


def headless_env(**extra: str) -> dict[str, str]:
    """The environment of a machine with no window system at all."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    return {**env, "SDL_AUDIODRIVER": "dummy", **extra}


def suggested_command(command: list[str], cwd: Path) -> list[str]:
    """Start the desktop game with no display; the command its one-line message tells us to type."""
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=headless_env(), timeout=120)
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    before, _, suggestion = result.stderr.strip().partition("play in the terminal with: ")
    assert before.startswith("osmosis-quiz: no display available") and suggestion.endswith(" text")
    return shlex.split(suggestion)


def plays_a_text_game(command: list[str], cwd: Path, data_dir: Path) -> None:
    result = subprocess.run([*command, "--seed", "3", "--data-dir", str(data_dir)], input="1\n" * 60,
                            capture_output=True, text=True, cwd=cwd, env=headless_env(), timeout=120)
    assert result.returncode == 0 and PLAYS in result.stdout, result.stderr


@pytest.mark.parametrize("how", ["main.py", "-m game"])
def test_no_display_message_names_a_command_that_plays_in_the_terminal(how, tmp_path):
    # main.py is run from the clone, `-m game` from any folder (the editable install finds it).
    started = [sys.executable, "main.py"] if how == "main.py" else [sys.executable, "-m", "game"]
    cwd = ROOT if how == "main.py" else tmp_path
    command = suggested_command(started, cwd)
    assert command[-2:-1] == (["main.py"] if how == "main.py" else ["game"])
    assert os.path.samefile(command[0], sys.executable)  # the interpreter in use, not whatever `python` is
    plays_a_text_game(command, cwd, tmp_path / "data")


def test_install_desktop_writes_an_entry_that_starts_this_game_and_its_icon(tmp_path):
    data_home = tmp_path / "xdg"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "install-desktop"], capture_output=True,
                            text=True, cwd=tmp_path, env=headless_env(XDG_DATA_HOME=str(data_home)), timeout=120)
    assert result.returncode == 0, result.stderr
    entry_file = data_home / "applications" / "osmosis-quiz.desktop"
    icon_file = data_home / "icons" / "hicolor" / "256x256" / "apps" / "osmosis-quiz.png"
    assert str(entry_file) in result.stdout and str(icon_file) in result.stdout

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # desktop entry keys are case-sensitive
    entry.read(entry_file, encoding="utf-8")
    fields = entry["Desktop Entry"]
    assert fields["Type"] == "Application" and fields["Name"] == "Osmosis Quiz" and fields["Terminal"] == "false"
    assert fields["Icon"] == "osmosis-quiz" and "Game" in fields["Categories"].split(";")
    assert icon_file.read_bytes() == icon_path().read_bytes()
    assert pygame.image.load(str(icon_file)).get_size() == (256, 256)  # the hicolor folder it sits in

    # What a menu runs: the same interpreter and script, from anywhere; it starts the real game.
    command = shlex.split(fields["Exec"])
    assert command == [sys.executable, str(ROOT / "main.py")]
    started = subprocess.run([*command, "--frames", "3", "--data-dir", str(tmp_path / "data")], capture_output=True,
                             text=True, cwd=tmp_path, env=headless_env(SDL_VIDEODRIVER="dummy"), timeout=120)
    assert started.returncode == 0, started.stderr


def test_desktop_entry_quotes_paths_as_the_spec_says():
    # Desktop Entry Specification, "The Exec key": an argument with a space or a reserved
    # character is double-quoted, with ", `, $ and \ backslash-escaped inside the quotes; `%` is
    # doubled; and the whole value is a string, whose backslashes are escaped once more.
    exec_line = next(line for line in desktop_entry(["/opt/my games/osmosis-quiz", "/a%b/main.py", "/c$d\\e"])
                     .splitlines() if line.startswith("Exec="))
    assert exec_line == 'Exec="/opt/my games/osmosis-quiz" /a%%b/main.py "/c\\\\$d\\\\\\\\e"'


def test_install_desktop_reports_an_unwritable_folder_in_one_line(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "install-desktop"], capture_output=True, text=True,
                            cwd=tmp_path, env=headless_env(XDG_DATA_HOME=str(blocker)), timeout=120)
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("osmosis-quiz install-desktop: cannot write ") and str(blocker) in result.stderr


def test_the_window_gets_the_game_icon_once_the_first_frame_is_up(make_app, monkeypatch):
    icons = []
    monkeypatch.setattr(pygame.display, "set_icon", icons.append)
    app = make_app()
    app.run(1)
    assert icons == []  # not before the first frame: the start-up budget has no room for it
    app.run(2)
    assert len(icons) == 1
    expected = pygame.image.load(str(icon_path()))
    assert icons[0].get_size() == expected.get_size() == (256, 256)
    assert all(icons[0].get_at(spot) == expected.get_at(spot) for spot in ((0, 0), (128, 128), (90, 90)))


def test_the_standalone_build_names_its_own_binary(tmp_path, monkeypatch):
    # What PyInstaller's bootloader sets (the build itself is made and run by hand: see README).
    binary = tmp_path / "osmosis-quiz"
    binary.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(binary))
    monkeypatch.setenv("PATH", str(tmp_path / "elsewhere"))  # not on PATH: a copied folder
    monkeypatch.chdir(tmp_path)
    assert shown_command("text") == "./osmosis-quiz text"  # a bare name would be looked up on PATH
    monkeypatch.chdir(tmp_path.parent)
    assert shown_command("text") == f"{tmp_path.name}/osmosis-quiz text"
    assert launch_command() == [str(binary)]


def run_without_the_install_mapping(*argv: str) -> subprocess.CompletedProcess:
    # Python without site processing: the libraries are on the path but the editable install's
    # mapping of assets/ and questions/ is not, as for a clone beside a plain `pip install .`,
    # or a clone whose editable install predates the mapping.
    libraries = os.pathsep.join(sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}))
    return subprocess.run([sys.executable, "-S", *argv], capture_output=True, text=True, cwd=ROOT,
                          env=headless_env(PYTHONPATH=libraries, SDL_VIDEODRIVER="dummy"), timeout=120)


def test_main_py_in_a_clone_maps_its_own_data_folders_without_an_install():
    checked = run_without_the_install_mapping("main.py", "check")
    assert checked.returncode == 0 and "2 valid, 0 refused, 0 problems" in checked.stdout, checked.stderr
    assert run_without_the_install_mapping("main.py", "--frames", "1").returncode == 0


def test_code_run_without_its_data_packages_says_how_to_fix_it_in_one_line():
    for command in (["packs"], ["--frames", "1"]):
        result = run_without_the_install_mapping("-m", "game", *command)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.splitlines()[-1].startswith("osmosis-quiz: the game's ")
        assert result.stderr.rstrip().endswith("in a clone, run: pip install -e .")


def test_new_pack_names_a_check_command_that_works_from_here_and_one_that_works_from_anywhere(tmp_path):
    env = headless_env(XDG_DATA_HOME=str(tmp_path / "xdg"))
    made = subprocess.run([sys.executable, "main.py", "new-pack", "My pack"], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)
    assert made.returncode == 0, made.stderr
    printed = made.stdout.split("edit it, then run: ", 1)[1].strip()
    pack = tmp_path / "xdg" / "osmosis-quiz" / "packs" / "my-pack.yaml"
    in_file = next(line for line in pack.read_text(encoding="utf-8").splitlines() if "Check it with:" in line)
    for command, cwd in ((printed, ROOT), (in_file.split("Check it with:", 1)[1].strip(), tmp_path)):
        checked = subprocess.run(shlex.split(command), capture_output=True, text=True, cwd=cwd, env=env, timeout=120)
        assert checked.returncode == 0 and "1 valid" in checked.stdout, (command, checked.stderr)

