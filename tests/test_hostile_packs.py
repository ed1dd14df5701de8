"""Hostile pack files through `check`: bounded work, bounded output, and messages that say
where the fault is in words a pack author understands."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from game import yamlsafe
from game.cli import main


@pytest.fixture(params=["libyaml", "pure-python"])
def either_loader(request, monkeypatch):
    """PyYAML built without libyaml reads with its own Python parser: the same answers are due."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlsafe, "Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")


def check(capsys, *paths: Path) -> tuple[int, list[str]]:
    code = main(["check", *map(str, paths)])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).splitlines()


def flat_list_pack(folder: Path, items: int) -> Path:
    """The hostile shape: `questions` is one flow list of `1,` items."""
    path = folder / "flat.yaml"
    path.write_text("title: Flat\nquestions: [" + "1," * (items - 1) + "1]\n", encoding="utf-8")
    return path


def test_a_pack_past_the_value_cap_is_refused_at_the_cap_in_one_line(tmp_path, capsys):
    path = flat_list_pack(tmp_path, yamlsafe.MAX_NODES + 10)
    code, lines = check(capsys, path)
    assert code == 1
    # The top mapping, `title` and its text, `questions` and its list are five values before
    # the first item: the item that crosses the cap is number MAX_NODES - 4.
    where = f"{path}:2:{len('questions: [') + 1 + 2 * (yamlsafe.MAX_NODES - 5)}:"
    assert lines == [f"{where} more than {yamlsafe.MAX_NODES:,} values (keys, list items, texts); "
                     f"a pack may hold {yamlsafe.MAX_NODES:,}: split it up",
                     "1 pack checked: 0 valid, 1 refused, 1 problem"]


def test_many_items_with_one_fault_are_one_line_with_a_count(tmp_path, capsys, either_loader):
    path = flat_list_pack(tmp_path, 3000)
    code, lines = check(capsys, path)
    assert code == 1
    assert lines == [f"{path}:2:13: each question must be a mapping of fields, found the number 1 "
                     "(and 2,999 more like it)",
                     "1 pack checked: 0 valid, 1 refused, 3,000 problems"]


def test_problems_of_one_kind_quoting_different_values_count_as_one_kind(tmp_path, capsys):
    questions = "".join(f"  - prompt: Question {n}?\n    choices: [a, b]\n    answer: c{n}\n" for n in range(5))
    path = tmp_path / "answers.yaml"
    path.write_text("title: Answers\nquestions:\n" + questions, encoding="utf-8")
    code, lines = check(capsys, path)
    assert lines == [f"{path}:5:5: answer 'c0' is not one of the choices; the choices are ['a', 'b'] "
                     "(and 4 more like it)",
                     "1 pack checked: 0 valid, 1 refused, 5 problems"]


def test_an_alias_is_reported_where_it_is_written_once_per_alias(tmp_path, capsys, either_loader):
    path = tmp_path / "alias.yaml"
    path.write_text("title: A\ndescription: &text Shared\nauthor: *text\nsource: *text\n", encoding="utf-8")
    code, lines = check(capsys, path)
    assert code == 1
    assert lines == [f"{path}:3:9: alias *text is not allowed in packs; write the value out (and 1 more like it)",
                     "1 pack checked: 0 valid, 1 refused, 2 problems"]


def test_a_nul_byte_is_located_and_named(tmp_path, capsys, either_loader):
    path = tmp_path / "nul.yaml"
    path.write_bytes("title: Café\ndescription: \"a\x00b\"\n".encode())
    code, lines = check(capsys, path)
    assert lines[0] == f"{path}:2:16: a NUL byte is not allowed in a pack (is this a text file?); remove it"


def test_a_file_just_over_the_size_cap_gives_both_sizes_in_bytes(tmp_path, capsys):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(yamlsafe.MAX_FILE_BYTES + 1)
    code, lines = check(capsys, path)
    assert lines[0] == f"{path}: file is 8,388,609 bytes; packs are limited to 8,388,608 bytes (8 MiB)"


def test_a_symlink_loop_named_directly_is_called_a_loop(tmp_path, capsys):
    os.symlink(tmp_path / "b.yaml", tmp_path / "a.yaml")
    os.symlink(tmp_path / "a.yaml", tmp_path / "b.yaml")
    code, lines = check(capsys, tmp_path / "a.yaml")
    assert code == 1
    assert lines[0] == f"{tmp_path / 'a.yaml'}: cannot read file: it is a symlink loop (a link that leads back to itself)"


def test_a_folder_named_like_a_pack_is_said_to_hold_no_packs(tmp_path, capsys):
    folder = tmp_path / "y.yaml"
    folder.mkdir()
    code, lines = check(capsys, folder)
    assert code == 1
    assert lines == [f"{folder}: a folder with no packs in it (packs are .yaml or .yml files)"]


@pytest.mark.parametrize("name", ["y.yaml", "packs"])
def test_an_empty_folder_beside_a_good_pack_is_still_reported(tmp_path, capsys, name):
    good = tmp_path / "good.yaml"
    good.write_text("title: Good\nquestions:\n  - prompt: Who?\n    answer: Me\n", encoding="utf-8")
    (tmp_path / name).mkdir()
    code, lines = check(capsys, good, tmp_path / name)
    assert code == 1 and f"{tmp_path / name}: a folder with no packs in it (packs are .yaml or .yml files)" in lines


def test_a_list_over_its_item_cap_is_refused_for_its_length_alone(tmp_path, capsys):
    path = flat_list_pack(tmp_path, 20_001)  # questions may number 20,000 at most
    code, lines = check(capsys, path)
    assert lines == [f"{path}:2:1: has 20,001 items; at most 20,000",
                     "1 pack checked: 0 valid, 1 refused, 1 problem"]


def test_a_pack_of_exactly_the_value_cap_loads_and_one_more_is_refused(tmp_path, monkeypatch):
    from game.packs import load_files
    pack = "title: Capped\nquestions:\n  - prompt: Who?\n    answer: Me\n"
    # The top mapping, title and its text, questions and its list, the question's mapping and
    # its two keys and two texts: ten values.
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 10)
    path = tmp_path / "capped.yaml"
    path.write_text(pack, encoding="utf-8")
    assert [p.id for p in load_files([path]).packs] == ["capped"]
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 9)
    [refused] = load_files([path]).refused
    assert [str(p) for p in refused.problems] == [
        f"{path}:4:13: more than 9 values (keys, list items, texts); a pack may hold 9: split it up"]


# --- exact messages for what the YAML reader refuses (found by mutation testing: the tests above
# checked a fragment of these, so a message that lost its words, its line or its column passed) ---

def only_line(capsys, path: Path) -> str:
    code, lines = check(capsys, path)
    assert code == 1 and len(lines) == 2, lines
    return lines[0]


@pytest.mark.parametrize("text, where", [
    ("title: T\nquestions:\n\t- prompt: Who?\n", "3:1:"),  # the tab is the indentation
    ("title: T\n\tdescription: A pack.\n", "2:1:"),  # on the last line, after a line without a tab
    ("title: T\n  \tdescription: [\n", "2:"),  # libyaml stumbles past the tab, on to the colon
])
def test_a_tab_in_the_indentation_is_named_at_its_line(tmp_path, capsys, either_loader, text, where):
    path = tmp_path / "tabs.yaml"
    path.write_text(text, encoding="utf-8")
    line = only_line(capsys, path)
    assert line.startswith(f"{path}:{where}")
    assert line.endswith(": YAML syntax error: a tab is used for indentation; YAML needs spaces")


def test_a_syntax_error_gives_the_parsers_words_on_one_line(tmp_path, capsys, either_loader):
    path = tmp_path / "broken.yaml"
    path.write_text("title: T\ndescription: [unclosed\n", encoding="utf-8")
    assert only_line(capsys, path) in (
        f"{path}:3:1: YAML syntax error: did not find expected ',' or ']'",  # libyaml
        f"{path}:3:1: YAML syntax error: expected ',' or ']', but got '<stream end>'")  # PyYAML


def test_nesting_past_libyamls_limit_is_one_line_either_way(tmp_path, capsys, either_loader):
    path = tmp_path / "deep.yaml"
    path.write_text("title: T\nquestions: " + "[" * 1001 + "]" * 1001 + "\n", encoding="utf-8")
    assert only_line(capsys, path) in (
        f"{path}:2:1011: YAML syntax error: nested too deeply",  # libyaml stops at 1,000 levels
        f"{path}:2:44: nested more than {yamlsafe.MAX_DEPTH} levels deep")  # the 33rd list, read by us


def test_a_second_document_is_refused_where_it_starts(tmp_path, capsys, either_loader):
    path = tmp_path / "two.yaml"
    path.write_text("title: One\n---\ntitle: Two\n", encoding="utf-8")
    assert only_line(capsys, path) == (f"{path}:2:1: a second YAML document starts here; a pack is one "
                                       "document (remove the '---' line or split the file)")


def test_a_long_syntax_message_is_cut_to_200_characters(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(yamlsafe, "Loader", yaml.SafeLoader)  # it quotes the undefined tag handle
    path = tmp_path / "handle.yaml"
    handle = "!" + "h" * 250 + "!"
    path.write_text(f"title: {handle}x Title\n", encoding="utf-8")
    words = f"found undefined tag handle {handle!r}"
    assert only_line(capsys, path) == f"{path}:1:8: YAML syntax error: {words[:200]}"


@pytest.mark.parametrize("text, where, name", [
    ('\ntitle: T\ndescription: "a\x07b"\n', "3:16", "the control character U+0007"),
    ("\ntitle: a\x1bb\n", "2:9", "the control character U+001B"),
    ("title: T\n\n\nauthor: \x00\n", "4:9", "a NUL byte"),
])
def test_a_control_character_is_named_at_its_line_and_column(tmp_path, capsys, either_loader, text, where, name):
    path = tmp_path / "control.yaml"
    path.write_text(text, encoding="utf-8")
    assert only_line(capsys, path) == f"{path}:{where}: {name} is not allowed in a pack (is this a text file?); remove it"


@pytest.mark.parametrize("text, problems", [
    ("title: T\n<<: {description: A pack.}\ntitle: Again\n",
     ["2:1: keys must be plain names (no merge keys, lists or mappings as keys)",
      "3:1: duplicate key 'title' (first given on line 1)"]),
    ("title: T\n? [a, b]\n: {x: [1, 2]}\nauthor: *x\ntitle: Again\n",
     ["2:3: keys must be plain names (no merge keys, lists or mappings as keys)",
      "4:9: alias *x is not allowed in packs; write the value out",
      "5:1: duplicate key 'title' (first given on line 1)"]),
    ("? {a: [1]}\n: [v, w]\ntitle: T\ntitle: Again\n",
     ["1:3: keys must be plain names (no merge keys, lists or mappings as keys)",
      "4:1: duplicate key 'title' (first given on line 3)"]),
])
def test_a_key_that_is_not_a_plain_name_is_refused_and_the_rest_still_read(tmp_path, capsys, either_loader,
                                                                           text, problems):
    """Found by mutation testing: no test wrote a merge key or a list or mapping as a key. The
    key and its value are skipped whole, so what follows is still read and its faults reported."""
    path = tmp_path / "keys.yaml"
    path.write_text(text, encoding="utf-8")
    code, lines = check(capsys, path)
    assert lines == [f"{path}:{problem}" for problem in problems] + [
        f"1 pack checked: 0 valid, 1 refused, {len(problems)} problems"]


@pytest.mark.parametrize("levels", [yamlsafe.MAX_DEPTH, yamlsafe.MAX_DEPTH + 1])
def test_lists_nest_32_levels_and_not_one_more(tmp_path, capsys, levels):
    """Found by mutation testing: counting a list's items two levels down refused 17 levels."""
    path = tmp_path / "nest.yaml"
    path.write_text("title: T\nquestions: " + "[" * levels + "]" * levels + "\n", encoding="utf-8")
    line = only_line(capsys, path)
    if levels > yamlsafe.MAX_DEPTH:  # pointed at the list one level too deep
        assert line == f"{path}:2:{len('questions: ') + levels}: nested more than 32 levels deep"
    else:  # read, and refused for its shape
        assert line == f"{path}:2:13: each question must be a mapping of fields, found a list"


@pytest.mark.parametrize("text, problems", [
    ("title: !!python/name:os.system x\nauthor: *a\ntitle: again\n",
     ["1:8: tag 'tag:yaml.org,2002:python/name:os.system' is not allowed in packs; remove it",
      "2:9: alias *a is not allowed in packs; write the value out",
      "3:1: duplicate key 'title' (first given on line 1)"]),
    ("questions: " + "[" * 32 + "x" + "]" * 32 + "\nauthor: *a\ntitle: T\ntitle: U\n",
     ["1:44: nested more than 32 levels deep",
      "2:9: alias *a is not allowed in packs; write the value out",
      "4:1: duplicate key 'title' (first given on line 3)"]),
])
def test_a_refused_text_is_skipped_alone_and_the_rest_still_read(tmp_path, capsys, either_loader, text, problems):
    """Found by mutation testing: skipping a refused text as if it opened a list swallowed the
    faults after it."""
    path = tmp_path / "skip.yaml"
    path.write_text(text, encoding="utf-8")
    code, lines = check(capsys, path)
    assert lines == [f"{path}:{problem}" for problem in problems] + [
        f"1 pack checked: 0 valid, 1 refused, {len(problems)} problems"]


@pytest.mark.parametrize("levels, problem", [
    (31, "2:10: unknown field 'a' in series; known fields: title, year, language, network, creator, genre, "
         "premise, tagline"),  # read: its faults are the format's
    (32, f"2:{len('series: ') + 4 * 32 + 1}: nested more than 32 levels deep"),  # the innermost {}
])
def test_mappings_nest_32_levels_and_not_one_more(tmp_path, capsys, levels, problem):
    """Found by mutation testing, like the lists' boundary."""
    path = tmp_path / "nest.yaml"
    path.write_text("title: T\nseries: " + "{a: " * levels + "{}" + "}" * levels + "\n", encoding="utf-8")
    code, lines = check(capsys, path)
    assert lines[0] == f"{path}:{problem}"


@pytest.mark.parametrize("text, problem", [
    ("title: ! yes\n", "1:1: 'yes' is read by YAML as a true/false value, not text; quote it: \"yes\""),
    ('"<<": x\ntitle: T\n', "1:1: unknown field '<<' in pack; known fields: id, title, description, author, "
                            "source, series, characters, tropes, reveals, red_herrings, questions"),
])
def test_yamls_own_reading_of_a_bare_tag_and_a_quoted_merge_key(tmp_path, capsys, either_loader, text, problem):
    """Found by mutation testing. `!` alone is no tag (PyYAML reads `! yes` as true, so it must be
    quoted like any yes); a quoted "<<" is a name, not YAML's merge key."""
    path = tmp_path / "quirks.yaml"
    path.write_text(text, encoding="utf-8")
    assert only_line(capsys, path) == f"{path}:{problem}"


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_text_libyaml_cannot_take_is_refused_in_one_line():
    """Found by mutation testing. Files are decoded strictly, but the importers check the YAML
    they write from other formats, whose text may hold a lone surrogate: libyaml cannot encode it."""
    with pytest.raises(yamlsafe.YamlRefused) as raised:
        yamlsafe.parse("title: a\ud800b\n", "item")
    assert [str(p) for p in raised.value.problems] == [
        "item: cannot be read as YAML: 'utf-8' codec can't encode character '\\ud800' in position 8: "
        "surrogates not allowed"]


# --- found by mutation testing: read_text's refusals, in-process (only a test that starts `check`
# in a child process saw the folder and FIFO cases, and mutmut cannot follow it there) ----------

def refusal_of(path: Path) -> list[str]:
    from game.packs import load_files
    return [str(p) for r in load_files([path]).refused for p in r.problems]


def test_a_folder_or_a_fifo_given_as_a_pack_is_refused_by_what_it_is(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert refusal_of(folder) == [f"{folder}: cannot read file: it is a folder"]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.yaml"
        os.mkfifo(fifo)
        assert refusal_of(fifo) == [f"{fifo}: cannot read file: it is not a regular file"]


def test_a_missing_pack_says_why_in_the_systems_words(tmp_path):
    missing = tmp_path / "missing.yaml"
    assert refusal_of(missing) == [f"{missing}: cannot read file: No such file or directory"]


def test_a_file_of_exactly_the_size_cap_is_read(tmp_path):
    path = tmp_path / "full.yaml"
    with path.open("wb") as handle:
        handle.truncate(yamlsafe.MAX_FILE_BYTES)  # read, and refused for what it holds
    assert refusal_of(path) == [f"{path}:1:1: a NUL byte is not allowed in a pack (is this a text file?); remove it"]


@pytest.mark.parametrize("data, where, byte", [
    (b"title: T\n\nauthor: Jos\xe9\n", "3:12", "0xe9"),
    (b"\ntitle: caf\xc3\n", "2:11", "0xc3"),
    (b"title: \xff\n", "1:8", "0xff"),
])
def test_bytes_that_are_not_utf8_are_located_and_shown(tmp_path, data, where, byte):
    path = tmp_path / "latin.yaml"
    path.write_bytes(data)
    assert refusal_of(path) == [f"{path}:{where}: not valid UTF-8 (byte {byte}); save the file as UTF-8"]
