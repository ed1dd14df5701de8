"""Osmosis Quiz: `python main.py --help` lists the commands."""
import importlib.util
import sys
from pathlib import Path


def map_data_folders() -> None:
    """main.py only ever runs from a clone, whose top-level assets/ and questions/ are the
    game.assets and game.questions packages that pyproject.toml maps for an install. Without an
    install (or beside an install that predates them), map them here, as the install would, so
    `python main.py check` works straight from a clone; an installed mapping is left alone."""
    root = Path(__file__).resolve().parent
    for name in ("assets", "questions"):
        module_name = f"game.{name}"
        if importlib.util.find_spec(module_name) is not None:
            continue
        folder = root / name
        spec = importlib.util.spec_from_file_location(module_name, folder / "__init__.py",
                                                      submodule_search_locations=[str(folder)])
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)


def run() -> int:
    map_data_folders()
    from game.cli import main
    try:
        return main()
    except ModuleNotFoundError as error:  # a clone run by a Python without the game's dependencies
        if (error.name or "").partition(".")[0] == "game":
            raise
        print(f"osmosis-quiz: this Python lacks {error.name!r}, which the game needs; in a clone, run: "
              "python3 -m venv .venv && .venv/bin/pip install -e . (then use .venv/bin/python main.py)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run())
