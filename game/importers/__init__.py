"""`import FORMAT FILE -o PACK.yaml` and `new-pack NAME`: packs from questions written elsewhere.

Each importer turns its input into a `Draft` (plain pack data plus what it skipped and why);
this module reads the input, writes the pack and prints the report. Errors are one line on
standard error and exit status 1, never a traceback.
"""
from __future__ import annotations

import importlib
import sys

from ..packs import display_path
from .common import InputError, dump_pack, installed_packs, print_report, print_skips, read_input, slug, write_pack

# format -> module with convert(text, display, pack_id) -> Draft
FORMATS = {"tropes": "game.importers.tropes", "opentdb": "game.importers.opentdb",
           "gift": "game.importers.gift"}


def run(args) -> int:
    try:
        if args.command == "new-pack":
            from .starter import new_pack
            return new_pack(args.name, args.force)
        return import_file(args)
    except InputError as exc:
        print(f"osmosis-quiz {args.command}: {exc.problem_text}", file=sys.stderr)
        return 1


def import_file(args) -> int:
    text, source_display = read_input(args.source)
    output = args.output
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(display_path(output), "the output must end in .yaml or .yml to be found as a pack")
    converter = importlib.import_module(FORMATS[args.source_format])
    # Loaded once: the tropes importer links to it, and the written pack is checked beside it.
    installed = installed_packs(output, args.packs)
    if args.source_format == "tropes":
        # A page about a series the game already knows links to that series' characters.
        draft = converter.convert(text, source_display, slug(output.stem), installed.packs,
                                  cast=getattr(args, "cast", None))
    elif getattr(args, "cast", None):
        raise InputError(source_display, "--cast is for trope pages only")
    else:
        draft = converter.convert(text, source_display, slug(output.stem))
    if draft.imported == 0:
        print_skips(draft, source_display)
        raise InputError(source_display, f"nothing could be imported as {args.source_format}; "
                                         f"no pack written")
    warnings = write_pack(dump_pack(draft.pack, draft.header), output, args.force, installed)
    print_report(draft, source_display, display_path(output), warnings)
    return 0
