"""The shipped JSON Schema is the loader's format, so editors flag what `check` would refuse."""
from __future__ import annotations

import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from game import schema
from game.packs import builtin_pack_dir, find_pack_files, load_files

SCHEMA_FILE = builtin_pack_dir() / "pack.schema.json"

BASE = """\
title: Agreement
characters:
  - id: someone
    name: Someone
    role: other
    description: A person.
    relationships:
      - {type: sibling, with: someone}
tropes:
  - id: a-trope
    name: A Trope
    definition: A thing that happens.
    examples:
      - characters: [someone]
        clue: It happens to them.
questions:
  - prompt: Who?
    choices: [Someone, No one]
    answer: Someone
    difficulty: easy
"""

# Each case changes BASE in one structural way; both the loader and the schema must refuse it.
STRUCTURAL_BREAKS = {
    "missing title": ("title: Agreement\n", ""),
    "unknown top field": ("title: Agreement\n", "title: Agreement\ntitel: typo\n"),
    "unknown question field": ("    difficulty: easy\n", "    dificulty: easy\n"),
    "bad difficulty": ("difficulty: easy", "difficulty: brutal"),
    "one choice": ("choices: [Someone, No one]", "choices: [Someone]"),
    "choices not a list": ("choices: [Someone, No one]", "choices: Someone"),
    "duplicate choices": ("choices: [Someone, No one]", "choices: [Someone, Someone]"),
    "bad role": ("role: other", "role: villain"),
    "bad relation": ("type: sibling", "type: cousin"),
    "bad id": ("id: a-trope", "id: A Trope"),
    "no examples": ("    examples:\n      - characters: [someone]\n        clue: It happens to them.\n",
                    "    examples: []\n"),
    "empty characters": ("characters: [someone]", "characters: []"),
    "missing description": ("    description: A person.\n", ""),
    "number as prompt": ("prompt: Who?", "prompt: 42"),
    "prompt too long": ("prompt: Who?", "prompt: " + "Who? " * 81),
    "blank prompt": ("prompt: Who?", "prompt: '   '"),
}


def loader_accepts(tmp_path: Path, text: str) -> bool:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return bool(load_files([path]).packs)


def schema_accepts(text: str) -> bool:
    try:
        jsonschema.validate(yaml.safe_load(text), schema.json_schema())
    except jsonschema.ValidationError:
        return False
    return True


def test_shipped_schema_file_is_generated_from_the_format():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema.json_schema_text(), \
        "questions/pack.schema.json is stale: run python -m game.schema"


def test_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(schema.json_schema())


def test_every_shipped_pack_passes_the_schema():
    files = find_pack_files([builtin_pack_dir()])
    assert files
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema.json_schema())


def test_the_base_case_passes_both(tmp_path):
    assert loader_accepts(tmp_path, BASE)
    assert schema_accepts(BASE)


@pytest.mark.parametrize("case", sorted(STRUCTURAL_BREAKS))
def test_loader_and_schema_refuse_the_same_structural_mistakes(tmp_path, case):
    old, new = STRUCTURAL_BREAKS[case]
    assert old in BASE
    text = BASE.replace(old, new, 1)
    assert not loader_accepts(tmp_path, text), case
    assert not schema_accepts(text), case
