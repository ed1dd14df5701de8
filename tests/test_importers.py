"""`import` (trope pages, Open Trivia DB, GIFT) and `new-pack`, driven through the real command
line on fixtures written for this project; every output must load with the real loader and pass
`check`, and every skipped item must be reported with its line."""
from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from game import paths
from game.cli import main
from game.generator import Generator
from game.models import FactBase
from game.packs import display_path, load_files, load_library

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def user_folder(tmp_path, monkeypatch):
    """Every test gets its own user data folder: nothing touches the real one."""
    folder = tmp_path / "user-data"
    monkeypatch.setattr(paths, "user_data_dir", lambda: folder)
    return folder


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def imported(capsys, tmp_path, fmt: str, fixture: str, name: str = "draft.yaml"):
    output = tmp_path / name
    code, out, err = run(capsys, "import", fmt, FIXTURES / fixture, "-o", output)
    assert code == 0, err
    library = load_files([output])
    assert not library.refused, [str(p) for r in library.refused for p in r.problems]
    return library.packs[0], out, output


def skipped_lines(out: str, fixture: str) -> dict[int, str]:
    prefix = re.escape(display_path(FIXTURES / fixture))
    return {int(m.group(1)): m.group(2) for m in re.finditer(rf"^{prefix}:(\d+): skipped: (.*)$", out, re.M)}


def passes_check(capsys, path: Path) -> None:
    code, out, err = run(capsys, "check", path)
    assert code == 0, out + err
    assert f"ok  {display_path(path)}" in out


# --- Open Trivia DB ---------------------------------------------------------------------

def test_opentdb_questions_arrive_decoded_with_difficulty_category_and_licence(capsys, tmp_path):
    pack, out, output = imported(capsys, tmp_path, "opentdb", "opentdb-sample.json")
    by_answer = {q.answer: q for q in pack.questions}
    mash = by_answer["Radar"]
    # Set in the house style (curly quotes and apostrophes), as the built-in packs are written.
    assert mash.prompt == "In the TV show ‘M*A*S*H’, what was the nickname of Corporal Walter O’Reilly?"
    assert sorted(mash.choices) == ["Hawkeye", "Hot Lips", "Radar", "Trapper"]
    # Open Trivia DB lists the right answer apart; written first every time, a pack author
    # reading the file (or a player of an export) would learn that the first choice is right.
    assert any(q.choices.index(q.answer) > 0 for q in pack.questions)
    assert mash.difficulty == "easy"
    assert mash.source == "Open Trivia DB: Entertainment: Television"
    assert "Δr" in by_answer["Δr"].choices
    camra = by_answer["True"]
    assert camra.choices == ("True", "False") and camra.difficulty == "medium"
    assert "CC BY-SA 4.0" in pack.description
    assert "CC BY-SA 4.0" in output.read_text(encoding="utf-8").splitlines()[1]
    assert "3 questions imported, 0 skipped" in out
    # The draft passes `check` at once, editorial checks included (straight quotes would not).
    passes_check(capsys, output)


def test_opentdb_reports_every_item_it_skips_with_its_line(capsys, tmp_path):
    pack, out, _ = imported(capsys, tmp_path, "opentdb", "opentdb-bad-items.json")
    skipped = skipped_lines(out, "opentdb-bad-items.json")
    assert set(skipped) == {10, 15, 21, 27, 41}
    assert "correct_answer" in skipped[10]
    assert "matching" in skipped[15]
    assert "'Same'" in skipped[21]
    assert "True or False" in skipped[27]
    assert "same question as line 2" in skipped[41]
    assert "2 questions imported, 5 skipped" in out
    assert "difficulty 'extreme'" in out  # kept, but the dropped difficulty is said out loud
    prompts = [q.prompt for q in pack.questions]
    assert prompts == ['Which tide comes “twice” a day?', "Lighthouses & lightships both warn sailors."]
    assert "Neap & spring" in pack.questions[0].choices


# --- GIFT -------------------------------------------------------------------------------

def test_gift_carries_every_kind_of_choice_question(capsys, tmp_path):
    pack, out, output = imported(capsys, tmp_path, "gift", "sample.gift")
    by_prompt = {q.prompt: q for q in pack.questions}
    lamp = by_prompt["Which colour is a harbour’s port-side light?"]
    assert lamp.answer == "Red" and lamp.choices == ("Green", "Red", "Blue")
    assert lamp.explanation == "Port is red, starboard is green."
    assert lamp.id == "draft-lamp-colour"
    assert lamp.source == "GIFT category: Lighthouses"
    assert by_prompt["Lighthouse keepers trimmed the _____ every night."].answer == "wicks"
    assert by_prompt["The first lighthouse lamps burned oil."].answer == "True"
    never = by_prompt["A lighthouse lamp never needs cleaning."]
    assert (never.choices, never.answer) == (("True", "False"), "False")
    assert never.explanation == "Salt and soot meant daily cleaning."
    assert by_prompt["The tide turns twice a day."].answer == "True"
    assert by_prompt["Which of these is not a sea bird & fisher?"].answer == "Badger"
    knot = by_prompt["Which knot holds a loop that never slips?"]
    # The explanation is shown to every player, so the answer's praise ("Well done!") is dropped.
    assert knot.answer == "Bowline" and knot.explanation == ""
    symbols = by_prompt["Which symbol opens the answers block?"]
    assert symbols.choices == ("=", "{", "#", "}") and symbols.answer == "{"
    assert by_prompt["Escaped marks stay in the text: is 3 = 3?"].answer == "True"
    partial = by_prompt["Half credit counts as a wrong choice."]
    assert partial.answer == "yes" and "partly" in partial.choices
    starboard = by_prompt["Which light marks the starboard side?"]
    assert (starboard.answer, starboard.explanation) == ("Green", "Starboard is green, port is red.")
    assert "White" in starboard.choices
    tower = by_prompt["Name the stone tower that warns ships."]  # a short answer: typed
    assert (tower.choices, tower.answer, tower.accepted) == ((), "lighthouse", ("light house",))
    assert len(pack.questions) == 12
    passes_check(capsys, output)


def test_gift_reports_what_a_pack_cannot_carry_with_the_line(capsys, tmp_path):
    _, out, _ = imported(capsys, tmp_path, "gift", "sample.gift")
    skipped = skipped_lines(out, "sample.gift")
    expected = {24: "numerical", 27: "matching", 33: "essay", 35: "description",
                52: "multiple-answer", 58: "more than one answer", 60: "same question as line 6",
                62: "same question as line 6"}
    assert set(skipped) == set(expected)
    for line, fragment in expected.items():
        assert fragment in skipped[line], (line, skipped[line])
    assert "12 questions imported, 8 skipped" in out


def test_imported_questions_play_in_the_terminal_on_their_own(capsys, tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    pack, _, _ = imported(capsys, packs, "gift", "sample.gift", "harbour.yaml")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "data"), "text",
                             "--seed", "1", "--packs", str(packs), "--pack", "harbour"],
                            input="1\n" * 100, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    asked = re.findall(r"^Question \d+ of \d+: (.*)$", result.stdout, re.M)
    assert len(asked) == len(set(asked)) == len(pack.questions)  # each question once
    # Long prompts wrap, so each line shown is the start of one of the pack's prompts.
    assert all(any(q.prompt.startswith(line.strip()) for q in pack.questions) for line in asked), asked


# --- trope pages ------------------------------------------------------------------------

# What the made-up Tidewater page says: trope -> [(main character, others named), ...]
TIDEWATER = {
    "Amateur Sleuth": [("Mette", {"Jonas"})],
    "Cool Old Lady": [("Birgitte", set())],
    "Red Herring": [("Rasmus", {"Oskar"}), ("Henrik Dahl", {"Jonas"})],
    "Lighthouse Keeper": [("Oskar", set()), ("Mette", {"Oskar"})],
    "Secret Keeper": [("Birgitte", {"Henrik Dahl"})],
    "Snowed-In": [("Rasmus", {"Mette"})],
    "Fish out of Water": [("Maëlle", {"Oskar"})],
    "Butt-Monkey": [("Oskar", set())],
    "Loads and Loads of Characters": [("Rasmus", set())],
}


def test_trope_page_becomes_a_draft_with_the_characters_of_each_trope(capsys, tmp_path):
    pack, out, output = imported(capsys, tmp_path, "tropes", "tidewater-tropes.txt")
    names = {c.id: c.name for c in pack.characters}
    found = {t.name: [(names[e.characters[0]], {names[c] for c in e.also}) for e in t.examples]
             for t in pack.tropes}
    assert found == TIDEWATER
    # "Mette and Jonas." is too thin for a clue: each bare name becomes a typed question instead.
    named = [(q.answer, q.about) for q in pack.questions]
    ids = {c.name: c.id for c in pack.characters}
    assert named == [("Mette", (ids["Mette"], ids["Jonas"])), ("Henrik Dahl", (ids["Henrik Dahl"], ids["Birgitte"]))]
    assert all("Will They or Won't They?" in q.prompt and q.explanation for q in pack.questions)
    # Multiple choice among characters the entry never names: every wrong option is wrong.
    assert [sorted(q.choices) for q in pack.questions] == [["Maëlle", "Mette", "Oskar", "Rasmus"],
                                                           ["Henrik Dahl", "Maëlle", "Oskar", "Rasmus"]]
    assert pack.series.title == "Tidewater"
    passes_check(capsys, output)


def test_trope_draft_finds_names_not_sentence_starts_places_or_titles(capsys, tmp_path):
    pack, _, _ = imported(capsys, tmp_path, "tropes", "tidewater-tropes.txt")
    aliases = {c.name: set(c.aliases) for c in pack.characters}
    # Spelling variants are one character; the first name alone is an alias of the full name.
    assert aliases == {"Henrik Dahl": {"Henrik"}, "Mette": set(), "Oskar": {"Oksar"},
                       "Birgitte": {"Birgite"}, "Rasmus": set(), "Jonas": set(), "Maëlle": {"Maelle"}}
    assert all(c.role == "other" and c.description.startswith("TODO") for c in pack.characters)
    assert all(t.definition.startswith("TODO") for t in pack.tropes)


def test_trope_clues_mask_the_main_character_and_flag_giveaways(capsys, tmp_path):
    pack, _, output = imported(capsys, tmp_path, "tropes", "tidewater-tropes.txt")
    names = {c.id: c for c in pack.characters}
    for trope in pack.tropes:
        for example in trope.examples:
            main_character = names[example.characters[0]]
            for name in main_character.names:
                assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", example.clue), example.clue
            assert "___" in example.clue
            assert len(example.clue) <= 400
    herring = next(t for t in pack.tropes if t.name == "Red Herring")
    assert [e.spoiler for e in herring.examples] == [True, False]  # "turns out" gives it away
    keeper = next(t for t in pack.tropes if t.name == "Lighthouse Keeper")
    assert [e.spoiler for e in keeper.examples] == [False, True]  # who is arrested is a twist
    fish = next(t for t in pack.tropes if t.name == "Fish out of Water").examples[0]
    # Every character's names are masked, not only the main one's.
    assert fish.clue == "___ arrives from the mainland and hates the fog. Someone teaches ___ to read the tides, " \
                        "and ___’s boots never dry."  # in the house style: curly apostrophes and quotes
    header = output.read_text(encoding="utf-8").splitlines()[:4]
    assert any("tidewater-tropes.txt" in line for line in header)
    assert any("own words" in line for line in header)


def test_trope_page_reports_entries_it_cannot_use(capsys, tmp_path):
    _, out, _ = imported(capsys, tmp_path, "tropes", "tidewater-tropes.txt")
    skipped = skipped_lines(out, "tidewater-tropes.txt")
    assert set(skipped) == {25, 30, 31}
    assert "Shout-Out" in skipped[25] and "Title Drop" in skipped[30]
    assert "Trope Name: text" in skipped[31]
    assert "13 trope examples imported, 3 skipped" in out
    assert "7 characters found" in out


INSTALLED_TIDEWATER = """\
id: tw
title: Tidewater facts
series: {{title: {title}}}
characters:
  - {{id: tw-mette, name: Mette, role: other, description: The harbour master's daughter.}}
  - {{id: tw-oskar, name: Oskar, aliases: [Oksar], role: other, description: The lighthouse keeper.}}
  - {{id: tw-henrik, name: Henrik Dahl, aliases: [Henrik], role: other, description: The harbour master.}}
"""


def test_a_page_about_an_installed_series_links_to_its_characters(capsys, tmp_path):
    installed = tmp_path / "installed"
    installed.mkdir()
    (installed / "tw.yaml").write_text(INSTALLED_TIDEWATER.format(title="Tidewater"), encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    output = drafts / "draft.yaml"
    code, out, err = run(capsys, "--packs", installed, "import", "tropes", FIXTURES / "tidewater-tropes.txt",
                         "-o", output)
    assert code == 0, err
    assert "warning" not in out and "3 of them already in the installed Tidewater pack" in out
    # Repeating Mette or Oskar would make `check` refuse the draft: a name has one owner.
    code, checked, _ = run(capsys, "--packs", installed, "--packs", drafts, "check")
    assert code == 0, checked
    library = load_library([installed, drafts])
    draft = next(p for p in library.packs if p.id == "draft")
    assert sorted(c.name for c in draft.characters) == ["Birgitte", "Jonas", "Maëlle", "Rasmus"]
    examples = {t.name: t.examples for t in draft.tropes}
    assert examples["Butt-Monkey"][0].characters == ("tw-oskar",)  # "Oksar", the installed alias
    assert examples["Red Herring"][1].characters == ("tw-henrik",)
    # The draft plays with the installed pack's characters (a game plays one series: Tidewater here).
    questions = Generator(library.only({"draft"}).facts).pool(["trope-to-character"])
    assert {"Mette", "Oskar", "Henrik Dahl"} <= {q.answer for q in questions if q.id.startswith("t2c-draft-")}


def test_a_linked_draft_whose_id_clashes_is_still_written_with_a_warning(capsys, tmp_path):
    installed = tmp_path / "installed"
    installed.mkdir()
    (installed / "tw.yaml").write_text(INSTALLED_TIDEWATER.format(title="Tidewater"), encoding="utf-8")
    output = tmp_path / "tw.yaml"  # the same pack id as the installed one
    code, out, err = run(capsys, "--packs", installed, "import", "tropes", FIXTURES / "tidewater-tropes.txt",
                         "-o", output)
    assert code == 0, err
    assert "pack id 'tw' is already used" in out and output.exists()


def test_a_page_is_not_linked_to_another_series_that_shares_names(capsys, tmp_path):
    installed = tmp_path / "installed"
    installed.mkdir()
    (installed / "tw.yaml").write_text(INSTALLED_TIDEWATER.format(title="Harbour Lights"), encoding="utf-8")
    output = tmp_path / "draft.yaml"
    code, out, err = run(capsys, "--packs", installed, "import", "tropes", FIXTURES / "tidewater-tropes.txt",
                         "-o", output)
    assert code == 0, err
    assert "already in the installed" not in out
    # Names and ids belong to their series: the other series' Mette is no clash.
    assert "warning" not in out
    library = load_library([installed, tmp_path])
    assert not library.refused, [r.reason for r in library.refused]
    mettes = {(c.pack, c.id) for p in library.packs for c in p.characters if c.name == "Mette"}
    assert mettes == {("tw", "tw-mette"), ("draft", "draft-mette")}


def test_trope_entries_after_a_heading_line_are_still_read(capsys, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Series / Quayside\n\nNora and Ivo run a ferry.\n\nQuayside provides examples of:\n\n"
                    "Tropes A to M\n\n  * Grumpy Bear: Ivo scowls at Nora when her radio plays too loud.\n\nTropes N to Z\n\n"
                    "  - Plucky Girl: Nora fixes the engine while Ivo naps.\n\nTop\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "quay.yaml")
    assert code == 0, err
    pack = load_files([tmp_path / "quay.yaml"]).packs[0]
    assert [(t.name, t.examples[0].clue) for t in pack.tropes] == [
        ("Grumpy Bear", "___ scowls at someone when her radio plays too loud."),
        ("Plucky Girl", "___ fixes the engine while someone naps.")]


def test_trope_draft_plays_at_once(capsys, tmp_path):
    pack, _, _ = imported(capsys, tmp_path, "tropes", "tidewater-tropes.txt")
    questions = Generator(FactBase.merge([pack])).pool(["trope-to-character"])
    assert len(questions) >= len(pack.tropes)
    character_names = {c.name for c in pack.characters}
    for question in questions:
        assert question.answer in character_names and question.answer in question.choices
        assert not re.search(rf"(?<!\w){re.escape(question.answer)}(?!\w)", question.prompt), question.prompt


# --- writing the output -----------------------------------------------------------------

def test_an_existing_pack_is_never_overwritten_without_force(capsys, tmp_path):
    output = tmp_path / "mine.yaml"
    output.write_text("title: keep me\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "opentdb", FIXTURES / "opentdb-sample.json", "-o", output)
    assert code == 1
    assert "already exists" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert output.read_text(encoding="utf-8") == "title: keep me\n"
    code, _, _ = run(capsys, "import", "opentdb", FIXTURES / "opentdb-sample.json", "-o", output, "--force")
    assert code == 0 and "Radar" in output.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name != "user-data"] == ["mine.yaml"]  # no temp left
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    code, _, err = run(capsys, "import", "opentdb", FIXTURES / "opentdb-sample.json", "-o", folder)
    assert code == 1 and "is a folder" in err and "--force" not in err  # --force would not help


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_written_pack_is_readable_like_any_file_the_user_makes(capsys, tmp_path):
    output = tmp_path / "shared.yaml"
    mask = os.umask(0o022)
    try:
        code, _, err = run(capsys, "import", "opentdb", FIXTURES / "opentdb-sample.json", "-o", output)
    finally:
        os.umask(mask)
    assert code == 0, err
    assert stat.S_IMODE(output.stat().st_mode) == 0o644  # not the 0600 of a private temporary file


def bad_inputs(tmp_path: Path) -> list[tuple[str, Path, str]]:
    not_json = tmp_path / "broken.json"
    not_json.write_text('{"results": [\n  {"question": "x",\n  oops\n]}', encoding="utf-8")
    latin1 = tmp_path / "latin1.gift"
    latin1.write_bytes("Who?{=A ~B}\n\nCafé?{=oui ~non}\n".encode("latin-1"))
    no_list = tmp_path / "notes.txt"
    no_list.write_text("Just some notes about a show.\n", encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    binary = tmp_path / "picture.gift"
    binary.write_bytes(bytes(range(256)) * 4)
    truncated = tmp_path / "cut.json"
    truncated.write_text('{"response_code": 0, "results": [\n  {"question": "Which tide', encoding="utf-8")
    # An unclosed { would swallow the questions after it: the import stops at its line.
    unclosed = tmp_path / "unclosed.gift"
    unclosed.write_text("Q1?{=a ~b}\n\nWhich tower? {=Lighthouse ~Mill\n\nQ3?{T}\n", encoding="utf-8")
    at_the_end = tmp_path / "open-at-end.gift"
    at_the_end.write_text("Q1?{=a ~b}\n\nWhich tower? {=Lighthouse\n~Mill\n", encoding="utf-8")
    utf16 = tmp_path / "page-utf16.txt"
    utf16.write_text("Series / Quayside\n\n  * Grumpy Bear: Ivo scowls at Nora.\n", encoding="utf-16")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:  # 50 MB without writing them: a sparse file
        stream.truncate(50 * 10**6)
    blank = tmp_path / "blank.txt"
    blank.write_text("\n   \n", encoding="utf-8")
    code_list = tmp_path / "code-list.json"
    code_list.write_text('{"response_code": [1, 2], "results": []}', encoding="utf-8")
    code_object = tmp_path / "code-object.json"
    code_object.write_text('{"response_code": {"why": "no"}}', encoding="utf-8")
    return [("opentdb", not_json, ":3: not valid JSON"), ("gift", latin1, ":3:"),
            ("tropes", no_list, "no list of tropes"), ("opentdb", tmp_path / "missing.json", "cannot read"),
            ("gift", tmp_path, "is a folder"), ("opentdb", empty, "is empty"),
            ("gift", binary, "not valid UTF-8"), ("opentdb", truncated, ":2: not valid JSON"),
            ("gift", unclosed, ":3: the { opened on line 3 is never closed"),
            ("gift", at_the_end, ":3: the { opened on line 3 is never closed"),
            ("tropes", utf16, "is UTF-16 text"), ("tropes", huge, "the input file is 47.7 MiB"),
            ("tropes", blank, "is empty"), ("opentdb", code_list, "response_code [1, 2]"),
            ("opentdb", code_object, "response_code {\"why\": \"no\"}")]


def test_bad_input_is_one_clear_line_and_exit_1(capsys, tmp_path):
    for fmt, source, fragment in bad_inputs(tmp_path):
        output = tmp_path / "out.yaml"
        code, out, err = run(capsys, "import", fmt, source, "-o", output)
        assert code == 1, (fmt, source)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and display_path(source) in lines[0] and fragment in lines[0], err
        assert not output.exists()


def test_bad_input_through_main_py_shows_no_traceback(tmp_path):
    _, source, _ = bad_inputs(tmp_path)[0]
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "opentdb", str(source),
                             "-o", str(tmp_path / "out.yaml")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "not valid JSON" in result.stderr


def test_nothing_importable_writes_nothing(capsys, tmp_path):
    source = tmp_path / "only-numerical.gift"
    source.write_text("How tall is the tower in metres?{#42}\n", encoding="utf-8")
    output = tmp_path / "out.yaml"
    code, out, err = run(capsys, "import", "gift", source, "-o", output)
    assert code == 1 and "nothing could be imported" in err
    assert f"{display_path(source)}:1: skipped: a numerical question" in out
    assert not output.exists()


# --- new-pack ---------------------------------------------------------------------------

def test_new_pack_writes_a_commented_starter_that_passes_check(capsys, user_folder):
    code, out, err = run(capsys, "new-pack", "Harbour Nights")
    assert code == 0, err
    path = user_folder / "packs" / "harbour-nights.yaml"
    assert str(path) in out
    text = path.read_text(encoding="utf-8")
    assert text.count("\n#") > 20  # fields explained in comments
    passes_check(capsys, path)
    pack = next(p for p in load_library().packs if p.id == "harbour-nights")
    assert pack.title == "Harbour Nights" and len(pack.questions) == 2


def test_new_pack_sample_character_and_trope_pass_check_once_uncommented(capsys, user_folder):
    run(capsys, "new-pack", "harbour")
    path = user_folder / "packs" / "harbour.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# characters:"))
    uncommented = lines[:start] + [re.sub(r"^# ?", "", line) for line in lines[start:]]
    path.write_text("\n".join(uncommented) + "\n", encoding="utf-8")
    passes_check(capsys, path)
    pack = next(p for p in load_library().packs if p.id == "harbour")
    assert [c.id for c in pack.characters] == ["harbour-someone"] and len(pack.tropes) == 1


def test_new_pack_refuses_to_overwrite_or_reuse_a_taken_id(capsys, user_folder):
    assert run(capsys, "new-pack", "harbour")[0] == 0
    path = user_folder / "packs" / "harbour.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    code, _, err = run(capsys, "new-pack", "harbour")
    assert code == 1 and "--force" in err and path.read_text(encoding="utf-8").endswith("# my edits\n")
    assert run(capsys, "new-pack", "harbour", "--force")[0] == 0
    assert not path.read_text(encoding="utf-8").endswith("# my edits\n")
    # world.yaml refers to osmosis.yaml's characters, so it does not load on its own: its id
    # must still count as taken.
    for taken in ("osmosis", "world"):
        code, _, err = run(capsys, "new-pack", taken)
        assert code == 1 and "already used by" in err and len(err.strip().splitlines()) == 1, err
        assert not (user_folder / "packs" / f"{taken}.yaml").exists()


# --- the second built-in pack -----------------------------------------------------------

def test_world_pack_has_thirty_checked_questions_of_every_difficulty():
    library = load_library()
    world = next(p for p in library.packs if p.id == "world")
    assert len(world.questions) >= 30
    assert {q.difficulty for q in world.questions} == {"easy", "medium", "hard"}
    assert all(q.id.startswith("world-") and q.explanation for q in world.questions)
    assert any(q.spoiler for q in world.questions) and not all(q.spoiler for q in world.questions)
    facts = FactBase.merge(library.packs)
    for question in world.questions:
        for ref in question.about:
            assert ref in facts.characters or ref in facts.tropes, (question.id, ref)


def page_with(entries: str) -> str:
    return ("Series / Quayside\n\nQuayside is a comedy created by Lena Strand. Nora and her brother Ivo run "
            "the ferry.\n\nTropes in this show include:\n\n" + entries)


def test_an_example_is_pinned_on_who_it_is_about_and_everyone_else_is_involved(capsys, tmp_path):
    page = tmp_path / "quayside.txt"
    page.write_text(page_with(
        "  • Action Mom: Unlike the rest of the Dahl family, Birgitte fights the smugglers herself while Ivo hides.\n"
        "  • Big Brother Instinct: When the storm hits, Nora's brother Ivo rows out alone to bring Nora home.\n"),
        encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "quay.yaml")
    assert code == 0, err
    pack = load_files([tmp_path / "quay.yaml"]).packs[0]
    names = {c.id: c.name for c in pack.characters}
    pinned = {t.name: (names[t.examples[0].characters[0]], {names[c] for c in t.examples[0].also})
              for t in pack.tropes}
    assert pinned["Action Mom"] == ("Birgitte", {"The Dahls", "Ivo"})
    assert pinned["Big Brother Instinct"] == ("Ivo", {"Nora"})
    assert "Lena Strand" not in names.values()  # the creator is not a character
    brother = next(t for t in pack.tropes if t.name == "Big Brother Instinct").examples[0]
    assert brother.clue == "When the storm hits, someone’s brother ___ rows out alone to bring someone home."


def test_a_long_clue_is_cut_around_its_character_and_dying_is_a_spoiler(capsys, tmp_path):
    filler = " ".join(["The ferry timetable changes every week and nobody can keep track of it."] * 6)
    page = tmp_path / "quayside.txt"
    page.write_text(page_with(f"  • Late Reveal: {filler} In the last scene Nora dies at the helm.\n"), encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "quay.yaml")
    assert code == 0, err
    example = load_files([tmp_path / "quay.yaml"]).packs[0].tropes[0].examples[0]
    assert len(example.clue) <= 400 and "___ dies at the helm" in example.clue
    assert example.spoiler


def test_a_cast_named_only_in_the_intro_is_found_and_a_glued_note_marker_is_no_obstacle(capsys, tmp_path):
    page = tmp_path / "saltmarsh.txt"
    page.write_text(
        "Follow TV Tropes\n\nSeries / Saltmarsh\n\nGo To\n\n\"Nobody leaves the marsh.\"\nEdda Rowe\n\n"
        "Saltmarsh is a horror series based on the novel of the same name by Karin Lund. The lock keeper "
        "Edda Rowe and her husband Tobias move to the marsh with their children (Pip, Marit, and Sol).\n\n"
        "The main characters:\n\n  • Edda Rowe: a lock keeper who hears bells under the water.\n"
        "  • Tobias Rowe: a carpenter who never sleeps.\n\nThis show provides examples ofnote :\n\n"
        "  • Creepy Child: Marit hums the bells' tune before anyone has heard it.\n"
        "  • Advertisement:\n"
        "  • Parental Neglect: Tobias works through the night while Sol wanders into the reeds alone.\n",
        encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "marsh.yaml")
    assert code == 0, err
    pack = load_files([tmp_path / "marsh.yaml"]).packs[0]
    assert pack.series.title == "Saltmarsh"
    cast = {c.name: set(c.aliases) for c in pack.characters}
    assert cast == {"Edda Rowe": set(), "Tobias Rowe": {"Tobias"}, "Pip": set(), "Marit": set(), "Sol": set()}
    assert [t.name for t in pack.tropes] == ["Creepy Child", "Parental Neglect"]  # no "Advertisement"
    neglect = pack.tropes[1].examples[0]
    assert neglect.clue == "___ works through the night while someone wanders into the reeds alone."
    header = (tmp_path / "marsh.yaml").read_text(encoding="utf-8")
    assert "#   Karin Lund: credited with making the work" in header


def test_a_series_named_after_its_hero_keeps_the_hero(capsys, tmp_path):
    page = tmp_path / "vesper.txt"
    page.write_text("Series / Vesper\n\nVesper is a crime drama about a night-shift medic.\n\n"
                    "Tropes in this show include:\n\n"
                    "  • Sleep Deprivation: Vesper works three nights in a row and starts seeing her patients twice.\n"
                    "  • Big Sister Instinct: Vesper's sister Dagny covers her shifts without a word.\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "vesper.yaml")
    assert code == 0, err
    pack = load_files([tmp_path / "vesper.yaml"]).packs[0]
    assert [c.name for c in pack.characters] == ["Vesper", "Dagny"]


def test_a_cast_listed_in_the_intro_is_found_even_when_the_entries_skip_someone(capsys, tmp_path):
    page = tmp_path / "ferryhouse.txt"
    page.write_text("Series / Ferryhouse\n\nFerryhouse follows three lock keepers: the cold Martin, the cheerful "
                    "Lea and the shy Bastien.\n\nTropes in this show include:\n\n"
                    "  • Grumpy Old Man: Martin scolds every boat that passes the lock too slowly.\n"
                    "  • Genki Girl: Lea sings to the ducks each morning before the first barge.\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "ferry.yaml")
    assert code == 0, err
    pack = load_files([tmp_path / "ferry.yaml"]).packs[0]
    assert [c.name for c in pack.characters] == ["Martin", "Lea", "Bastien"]


def test_a_clue_never_names_its_own_trope_and_is_in_the_house_style(capsys, tmp_path):
    page = tmp_path / "quayside.txt"
    page.write_text(page_with('  • Butt-Monkey: Every "friendly" wave soaks Ivo , the harbour\'s   butt-monkey.\n'),
                    encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "quay.yaml")
    assert code == 0, err
    clue = load_files([tmp_path / "quay.yaml"]).packs[0].tropes[0].examples[0].clue
    assert clue == "Every “friendly” wave soaks ___, the harbour’s this trope."


def test_a_name_that_is_also_a_common_word_is_found_when_used_like_a_name(capsys, tmp_path):
    page = tmp_path / "quayside.txt"
    page.write_text(page_with("  • Cheerful Child: Nora's son Will whistles while the storm will not stop.\n"
                              "  • Lost Item Quest: Will's bike goes missing and Ivo searches the harbour for it.\n"),
                    encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "quay.yaml")
    assert code == 0, err
    pack = load_files([tmp_path / "quay.yaml"]).packs[0]
    assert "Will" in {c.name for c in pack.characters}
    assert pack.tropes[0].examples[0].clue == "Someone’s son ___ whistles while the storm will not stop."


def test_an_example_about_an_unnamed_relative_is_not_pinned_on_the_one_named(capsys, tmp_path):
    page = tmp_path / "quayside.txt"
    page.write_text(page_with("  • Annoying Younger Sibling: Nora shares the cabin with her brother, who snores and "
                              "eats all her biscuits.\n"
                              "  • Overprotective Dad: Ivo's father Anders checks the knots on every rope Ivo ties.\n"),
                    encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "quay.yaml")
    assert code == 0, err
    assert "about Nora's brother, whom it does not name" in out
    pack = load_files([tmp_path / "quay.yaml"]).packs[0]
    names = {c.id: c.name for c in pack.characters}
    assert [(t.name, names[t.examples[0].characters[0]]) for t in pack.tropes] == [("Overprotective Dad", "Anders")]


def test_a_family_named_with_a_plural_possessive_is_one_group(capsys, tmp_path):
    page = tmp_path / "quayside.txt"
    page.write_text(page_with("  • Big Fancy House: The Dahls' villa towers over the harbour, and Nora envies it.\n"
                              "  • Old Money: Everyone in town owes the Dahls a favour, even Ivo.\n"), encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "quay.yaml")
    assert code == 0, err
    pack = load_files([tmp_path / "quay.yaml"]).packs[0]
    dahls = [c for c in pack.characters if "Dahls" in c.names]
    assert len(dahls) == 1 and dahls[0].role == "group" and dahls[0].name == "The Dahls"
    house = pack.tropes[0].examples[0]
    assert house.characters == (dahls[0].id,) and house.clue.startswith("___’ villa towers")


def test_bullets_as_a_browser_saves_them_nest(capsys, tmp_path):
    page = tmp_path / "quayside.txt"
    page.write_text(page_with("• Running Gag:\n◦ Ivo falls into the harbour every single episode.\n"
                              "◦ Nora keeps a tally of his falls on the cabin wall.\n"
                              "* Plucky Girl: Nora fixes the engine in a storm.\n"
                              "** She also rows the lifeboat when the ferry breaks down.\n"), encoding="utf-8")
    code, out, err = run(capsys, "import", "tropes", page, "-o", tmp_path / "quay.yaml")
    assert code == 0, err
    pack = load_files([tmp_path / "quay.yaml"]).packs[0]
    assert [(t.name, len(t.examples)) for t in pack.tropes] == [("Running Gag", 2), ("Plucky Girl", 1)]
    # "She also rows...": a nested example naming no one is reported, not lost.
    assert re.search(r":\d+: skipped: no character named in this example of 'Plucky Girl'", out)
