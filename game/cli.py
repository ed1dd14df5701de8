"""The command line: `python main.py [COMMAND] [options]`; plays the desktop game by default.

Each command's module is imported only when that command runs, so `check` never
loads pygame and the game never loads the importers.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from .paths import DataNotInstalled

# command -> (module, help); the module has run(args) -> int
COMMANDS = {
    "play": ("game.ui.app", "play the desktop game (the default)"),
    "text": ("game.terminal", "play in the terminal; reads answers line by line from standard input"),
    "check": ("game.checking", "validate packs; exit 0 when all are valid, 1 when any is not"),
    "packs": ("game.checking", "list the packs found and the refused ones with their first reason"),
    "export": ("game.export", "write questions as JSON to standard output"),
    "scores": ("game.terminal", "show the high-score table"),
    "import": ("game.importers", "turn a trope page, Open Trivia DB JSON or GIFT file into a pack"),
    "new-pack": ("game.importers", "write a commented starter pack into your pack folder"),
    "host": ("game.phone.host", "host a party that players join from their phones on the local network"),
    "install-desktop": ("game.launch", "add the game and its icon to your Linux desktop's applications menu"),
}


class _Parser(argparse.ArgumentParser):
    """Bad options are one line naming the mistake, as every other error here, not a usage block
    above it; subcommand parsers are made of the same class."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message}; see {self.prog} --help\n")


def _common(parser: argparse.ArgumentParser, top: bool) -> None:
    # Subcommands repeat the common options with SUPPRESS so that a value given
    # before the command is not reset to the default by the subparser.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--packs", metavar="DIR", type=Path, action="append",
                        default=[] if top else argparse.SUPPRESS,
                        help="also load the packs in DIR (may be repeated)")
    parser.add_argument("--data-dir", metavar="DIR", type=Path, default=default,
                        help="where scores are saved (default: your user data folder)")


def _game_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, help="seed for a reproducible quiz")
    parser.add_argument("--no-spoilers", action="store_true", help="leave out every question that touches a twist")
    parser.add_argument("--difficulty", choices=("easy", "medium", "hard"), default="medium")
    # SUPPRESS, as in _common: `--pack ID` given before the command is kept, not reset to None.
    parser.add_argument("--pack", action="append", metavar="ID", default=argparse.SUPPRESS,
                        help="only use this pack (may be repeated)")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The full parser; given `argv`, only the subcommand it names is built (or none when it
    names none), since building all of them costs the game's start a few milliseconds."""
    parser = _Parser(prog="osmosis-quiz", description="A trivia game about the series Osmosis (2019).")
    _common(parser, top=True)
    play_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _wanted_commands(argv, parser):
        command = sub.add_parser(name, help=COMMANDS[name][1])
        _common(command, top=False)
        _SUBCOMMAND_OPTIONS[name](command)
    return parser


def _wanted_commands(argv: list[str] | None, top: argparse.ArgumentParser) -> list[str]:
    if argv is None or any(arg in ("-h", "--help") for arg in argv):
        return list(COMMANDS)
    # Read off the parser (no public API lists its options), so a new option cannot be forgotten here.
    takes_value = {option for option, action in top._option_string_actions.items() if action.nargs != 0}
    args = iter(argv)
    for arg in args:
        if arg in takes_value:
            next(args, None)
        elif not arg.startswith("-"):
            # An unknown word: build them all, so argparse can say which commands exist.
            return [arg] if arg in COMMANDS else list(COMMANDS)
    return []



def _text_options(text: argparse.ArgumentParser) -> None:
    _game_options(text)
    text.add_argument("--name", default=None, help="your player name (asked when absent)")
    text.add_argument("--daily", action="store_true", help="today's daily challenge: the same quiz for everyone")
    text.add_argument("--practice", action="store_true", help="practise the questions you missed before")
    text.add_argument("--relaxed", action="store_true", help="no timer")
    text.add_argument("--players", metavar="NAMES", default=None,
                      help='a party of 2-4 taking turns, e.g. "Ann,Bob,Cyd"; each score is saved')


def _check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="pack files or folders (default: every pack found)")


def _export_options(export: argparse.ArgumentParser) -> None:
    _game_options(export)
    export.add_argument("--count", type=int, default=30, help="questions in the quiz (default 30)")
    export.add_argument("--all", action="store_true", help="every question the generator can build, one instance each")
    export.add_argument("--kinds", help="comma-separated question kinds to include")
    export.add_argument("--format", choices=("json", "opentdb"), default="json")


def _import_options(imp: argparse.ArgumentParser) -> None:
    imp.add_argument("source_format", choices=("tropes", "opentdb", "gift"), metavar="FORMAT",
                     help="tropes, opentdb or gift")
    imp.add_argument("source", type=Path, metavar="FILE")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="PACK.yaml")
    imp.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    imp.add_argument("--cast", metavar='"NAME, NAME..."',
                     help="tropes only: the characters, given by hand (full names welcome); replaces the "
                          "cast the importer finds")


def _new_pack_options(new_pack: argparse.ArgumentParser) -> None:
    new_pack.add_argument("name", help="the pack's name, e.g. my-osmosis-questions")
    new_pack.add_argument("--force", action="store_true", help="overwrite the pack if it exists")


def play_options(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    default = argparse.SUPPRESS if suppress else None
    flag_default = argparse.SUPPRESS if suppress else False
    parser.add_argument("--test-mode", action="store_true", default=flag_default,
                        help="check answers: the answer key on every question, no timer, nothing saved")
    parser.add_argument("--pack", action="append", metavar="ID", default=default,
                        help="with --test-mode: only this pack's questions")
    parser.add_argument("--frames", type=int, metavar="N", default=default, help="run N frames and exit")
    parser.add_argument("--screenshot", type=Path, metavar="DIR", default=default,
                        help="render every scene to PNG files in DIR and exit")
    parser.add_argument("--window", type=window_size, metavar="WxH", default=default,
                        help="the window's size at start, e.g. 800x600 (also the screenshots' size)")


def window_size(text: str) -> tuple[int, int]:
    """'800x600' -> (800, 600); argparse turns the ValueError into a one-line error."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 800x600, not {text!r}") from None
    if not (200 <= width <= 10000 and 200 <= height <= 10000):
        raise argparse.ArgumentTypeError(f"a window of {width}x{height}: each side must be 200 to 10000 pixels")
    return width, height


def _host_options(host: argparse.ArgumentParser) -> None:
    host.add_argument("--bind", metavar="ADDR", help="address to listen on (default: this machine's local-network address)")
    host.add_argument("--port", type=int, default=0, metavar="N", help="port to listen on (default 0: any free port)")
    host.add_argument("--headless", action="store_true", help="no window: the party in the terminal")
    host.add_argument("--seed", type=int, help="seed for a reproducible quiz")
    host.add_argument("--rounds", type=int, choices=range(1, 5), metavar="N", help="rounds to play (1-4, default 4)")
    host.add_argument("--questions", type=int, choices=range(1, 21), metavar="N", help="questions per round (1-20, default 5)")
    host.add_argument("--frames", type=int, metavar="N", help="with a window: run N frames and end the party")


_SUBCOMMAND_OPTIONS = {
    "play": lambda parser: play_options(parser, suppress=True),
    "text": _text_options,
    "check": _check_options,
    "packs": lambda parser: None,
    "export": _export_options,
    "scores": lambda parser: None,
    "import": _import_options,
    "new-pack": _new_pack_options,
    "host": _host_options,
    "install-desktop": lambda parser: None,
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    args.command = args.command or "play"
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except DataNotInstalled as error:
        print(f"osmosis-quiz: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # stdout closed early (e.g. `| head`): not an error for the user. Python would still
        # report the failed flush of stdout at exit, on stderr; closing stderr keeps that quiet.
        sys.stderr.close()
        return 0
