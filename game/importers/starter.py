"""`new-pack NAME`: a commented starter pack in the user's pack folder that passes `check` as is."""
from __future__ import annotations

import json
from pathlib import Path

from ..launch import command_line, shown_command
from ..packs import display_path, library_files, read_pack_value
from ..paths import user_pack_dir
from ..yamlsafe import YamlRefused
from .common import InputError, installed_packs, slug, write_pack

TEMPLATE = '''\
# {title_comment}: an Osmosis Quiz pack. Lines starting with # are comments.
# Check it with:  {check_command}
# Every field is described in questions/README.md.

# id: lowercase letters, digits and dashes; unique among all packs. The file name when absent.
id: {pack_id}
# title: shown in the pack list.
title: {title}
# description, author, source: optional; source says where the facts can be checked.
description: "My own questions about Osmosis."
author: "Your name"
source: "Osmosis (Netflix, 2019), season 1"

# questions: hand-written multiple-choice questions.
questions:
  # id: optional but recommended (test-mode flags use it); start it with the pack id.
  - id: {pack_id}-implant
    # prompt: the question, at most 400 characters.
    prompt: "What does the Osmosis implant promise the people who use it?"
    # choices: 2 to 6 different answers; quote anything YAML could read as a number or yes/no.
    choices: ["Their one true match", "A perfect memory", "Eternal youth", "Instant fluency in French"]
    # answer: the exact text of the right choice.
    answer: "Their one true match"
    # explanation: shown after answering.
    explanation: "The implant reads its user's mind to pick out the person they are meant for."
    # difficulty: easy, medium or hard (medium when absent).
    difficulty: easy
    # spoiler: true when the question gives away a twist; hidden when spoilers are off.
    spoiler: false
    # about: ids of characters or tropes the question concerns (see questions/osmosis.yaml).
    about: [paul, esther]
    # source: where the answer can be checked.
    source: "Episode 1"

  - id: {pack_id}-ai-name
    prompt: "What is the AI behind the implants called?"
    choices: ["Martin", "Tom", "Simon"]
    answer: "Martin"
    explanation: "Esther built the AI, Martin, that runs every implant."
    difficulty: medium
    about: [martin, esther]

# A fact pack also describes characters and tropes; the game then builds questions from them.
# Remove the # in front of these lines to use them (ids must be new: start them with the pack id).
#
# characters:
#   - id: {pack_id}-someone
#     name: "Someone"
#     aliases: ["Another spelling"]
#     role: other          # co-founder, beta-tester, employee, family, ai, group or other
#     description: "One line about them, in your own words."
#     spoiler: false
#
# tropes:
#   - id: {pack_id}-love-triangle
#     name: "Love Triangle"
#     definition: "Three people caught in competing romantic attachments."
#     examples:
#       - characters: [{pack_id}-someone]   # the character(s) the clue is about
#         also: [paul]                     # everyone else it touches
#         clue: "How the trope plays out, without naming the main character."
#         spoiler: false
'''


def new_pack(name: str, force: bool) -> int:
    if not any(ch.isalnum() for ch in name):
        raise InputError(repr(name), "a pack name needs at least one letter or digit")
    pack_id = slug(name)
    folder = user_pack_dir()
    path = folder / f"{pack_id}.yaml"
    owner = _owner_of(pack_id, path)
    if owner:
        raise InputError(display_path(path), f"the pack id {pack_id!r} is already used by {owner}; "
                                             f"choose another name")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(display_path(folder), f"cannot create the pack folder: {exc.strerror or exc}") from None
    title = " ".join(name.split())
    # JSON strings are valid YAML double-quoted scalars: any title is written safely.
    # As this copy of the game is run: absolute in the file, which is read later from anywhere.
    text = TEMPLATE.format(pack_id=pack_id, title_comment=title, title=json.dumps(title, ensure_ascii=False),
                           check_command=command_line("check", str(path)))
    write_pack(text, path, force, installed_packs(path))
    print(f"wrote {path}")
    print(f"edit it, then run: {shown_command('check', str(path))}")
    return 0


def _owner_of(pack_id: str, path: Path) -> str:
    """The file of another installed pack with this id, if any. Its id is read from the file
    itself, so a pack refused for other reasons (a reference to another pack) still counts."""
    target = path.resolve()
    for file in library_files():
        if file.resolve() == target:
            continue
        try:
            file_id = read_pack_value(file).get("id") or slug(file.stem)
        except YamlRefused:
            file_id = slug(file.stem)
        if file_id == pack_id:
            return display_path(file)
    return ""
