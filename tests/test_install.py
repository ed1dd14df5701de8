"""The game installed as a player gets it: `python -m build` makes the sdist and the wheel from it,
the wheel goes into a fresh virtual environment, and the game runs from another folder, with
nothing of the clone in reach."""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAYS = "=== Results for Player ==="  # the terminal game's results heading: a whole game was played

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # a build on a busy machine


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a fresh virtual environment holding only the built wheel and its dependencies."""
    work = tmp_path_factory.mktemp("install")
    dist = work / "dist"
    run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], cwd=work)
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=work)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    # This environment's pip installs into the new one: the same as pipx's venv, without the
    # seconds that copying pip into it would take.
    run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install", "--quiet",
         *map(str, dist.glob("*.whl"))], cwd=work)
    return bin_dir


def run(command: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=player_env(), timeout=600, **kwargs)
    assert result.returncode == 0, f"{shlex.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


def player_env(**extra: str) -> dict[str, str]:
    """A player's shell: no PYTHONPATH pointing into the clone, no display, no sound card."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "VIRTUAL_ENV")}
    return {**env, "SDL_AUDIODRIVER": "dummy", **extra}


def shipped(package_folder: str, repo_folder: Path) -> set[str]:
    """Every file of a repository folder, named as the wheel names it under `package_folder`."""
    return {f"{package_folder}/{path.relative_to(repo_folder).as_posix()}" for path in repo_folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}


def test_the_wheel_carries_the_code_the_fonts_the_sounds_the_icon_and_the_packs(installed):
    wheel = next((installed.parent.parent / "dist").glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = shipped("game", ROOT / "game") | shipped("game/assets", ROOT / "assets") \
        | shipped("game/questions", ROOT / "questions")
    assert not expected - names, f"missing from the wheel: {sorted(expected - names)}"
    assert {"game/assets/fonts/Inter-Bold.otf", "game/assets/icon.png", "game/questions/osmosis.yaml"} <= names


def test_the_installed_game_lists_its_packs_from_another_folder(installed, tmp_path):
    where = run([str(installed / "python"), "-c", "import game; print(game.__file__)"], cwd=tmp_path).stdout
    assert Path(where.strip()).is_relative_to(installed.parent)  # the installed copy, not the clone
    packs = run([str(installed / "osmosis-quiz"), "packs"], cwd=tmp_path)
    lines = packs.stdout.splitlines()
    assert any(line.split()[:1] == ["osmosis"] for line in lines) and any(line.split()[:1] == ["world"] for line in lines)
    assert "refused" not in packs.stdout.lower() and packs.stderr == ""


def test_the_installed_desktop_game_runs_headless(installed, tmp_path):
    result = subprocess.run([str(installed / "osmosis-quiz"), "--frames", "5", "--data-dir", str(tmp_path / "data")],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120,
                            env=player_env(SDL_VIDEODRIVER="dummy"))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def test_the_installed_terminal_game_plays_a_piped_game(installed, tmp_path):
    result = run([str(installed / "osmosis-quiz"), "text", "--seed", "3", "--data-dir", str(tmp_path / "data")],
                 cwd=tmp_path, input="1\n" * 60)
    assert PLAYS in result.stdout and "Total:" in result.stdout


def test_without_a_display_the_installed_game_names_the_console_script_and_it_plays(installed, tmp_path):
    # As after `pipx install`: the console script is found on PATH by its name.
    env = player_env(PATH=f"{installed}{os.pathsep}{os.environ.get('PATH', '')}")
    refused = subprocess.run(["osmosis-quiz"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith("play in the terminal with: osmosis-quiz text"), refused.stderr
    played = subprocess.run(["osmosis-quiz", "text", "--seed", "3", "--data-dir", str(tmp_path / "data")],
                            input="1\n" * 60, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert played.returncode == 0 and PLAYS in played.stdout, played.stderr
