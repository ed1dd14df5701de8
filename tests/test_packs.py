"""The shipped fact base, and every way a pack can be refused: each with its file and line."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from game import yamlsafe
from game.cli import main
from game.packs import builtin_pack_dir, display_path, find_pack_files, load_files, load_library

ROOT = Path(__file__).resolve().parent.parent
# The installed pack, the one `check` and the library load (under mutation testing the tests run
# from a copy of the repository, whose own questions/ folder would be a second Osmosis pack).
OSMOSIS = builtin_pack_dir() / "osmosis.yaml"

GOOD = """\
title: A small pack
questions:
  - id: small-one
    prompt: Which company makes the implant?
    choices: [Osmosis, Blue Lagoon]
    answer: Osmosis
"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path, context=None) -> list[str]:
    library = load_files([path], context=context)
    assert not library.packs, "the pack should have been refused"
    return [str(p) for r in library.refused for p in r.problems]


def assert_refused(path: Path, line: int, fragment: str, context=None) -> None:
    messages = problems_of(path, context)
    wanted = [m for m in messages if m.startswith(f"{path}:{line}:") and fragment in m]
    assert wanted, f"expected {path}:{line}: ...{fragment}... in {messages}"


# --- the shipped fact base -------------------------------------------------------------

def seed_trope_names() -> list[str]:
    # The 28 trope names the series' page lists (names are facts; kept here as the checklist).
    return ["Abusive Parents", "A.I. Is a Crapshoot", "Allergic to Routine", "Ambiguous Ending",
            "Artistic License – Engineering", "The Bad Guy Wins", "Brother–Sister Team", "Central Theme",
            "Death of a Child", "Foreshadowing", "Freudian Excuse", "The Heart", "Irony", "Love Triangle",
            "\"Not So Different\" Remark", "Only in It for the Money", "Only Sane Employee",
            "Replacement Goldfish", "The Reveal", "The Runaway", "Sex for Solace", "Spiritual Antithesis",
            "Sympathetic Adulterer", "Team Mom", "Troubled Abuser", "Unrequited Love",
            "Well-Intentioned Extremist", "Will They or Won't They?"]


def test_shipped_fact_base_loads_with_every_trope_and_character():
    library = load_library()
    assert not library.refused, [r.reason for r in library.refused]
    facts = library.facts
    # The pack curls the page's straight quotes (“Not So Different” Remark), as every text shown does.
    curled = [t.name.replace("“", '"').replace("”", '"') for t in facts.tropes.values()]
    assert sorted(curled) == sorted(seed_trope_names())
    names = {c.name for c in facts.characters.values()}
    for expected in ["Paul Vanhove", "Esther Vanhove", "Louise", "Niels", "Ana", "Lucas", "Léopold",
                     "Antoine", "Martin", "Tom", "Billie", "Gabriel", "Joséphine", "Swann", "Claire",
                     "Simon", "The Humanists"]:
        assert expected in names
    assert facts.series.creator == "Audrey Fouché" and facts.series.year == 2019


def test_the_two_esthers_are_distinct_and_spelling_variants_are_aliases():
    facts = load_library().facts
    esthers = [c for c in facts.characters.values() if c.name.startswith("Esther")]
    assert len(esthers) == 2
    aliases = {c.id: {a.casefold() for a in c.names} for c in facts.characters.values()}
    assert "anna" in aliases["ana"] and "antonie" in aliases["antoine"]
    assert "josephine" in aliases["josephine"] and "leopold" in aliases["leopold"]


def test_every_character_is_in_some_trope_and_clues_do_not_name_their_answer():
    from game.text import normalize
    facts = load_library().facts
    involved = set().union(*(t.involved for t in facts.tropes.values()))
    assert involved == set(facts.characters)
    for trope in facts.tropes.values():
        for example in trope.examples:
            clue = f" {normalize(example.clue)} "
            for cid in example.characters:
                for name in facts.characters[cid].names:
                    assert f" {normalize(name)} " not in clue, (trope.name, name)


def test_check_passes_on_the_shipped_packs(capsys):
    assert main(["check"]) == 0
    assert "0 refused" in capsys.readouterr().out


# --- refusals, one per kind ---------------------------------------------------------------

def test_tab_indentation(tmp_path):
    path = write(tmp_path, "title: T\nquestions:\n\t- prompt: x\n")
    assert_refused(path, 3, "tab")


def test_bad_indentation(tmp_path):
    path = write(tmp_path, "title: T\nquestions:\n  - prompt: Who?\n   choices: [a, b]\n")
    assert_refused(path, 4, "YAML syntax error")


def test_non_utf8_bytes(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: T\nquestions:\n  - prompt: Jos\xe9phine?\n".encode("latin-1"))
    assert_refused(path, 3, "not valid UTF-8")


def test_file_over_the_size_cap_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(yamlsafe.MAX_FILE_BYTES + 1)
    [message] = problems_of(path)
    assert message.startswith(f"{path}: ") and "bytes" in message


@pytest.mark.timeout(15)  # a loader that expanded aliases would walk 9**9 values: fail, do not hang
def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["title: bomb", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert_refused(path, 3, "alias *a0 is not allowed")  # the first alias, not the anchor it names


def test_a_single_harmless_alias_is_refused_too(tmp_path):
    # Fails at once, where the bomb above would hang, when aliases are let through. Allowing a
    # harmless one is what would let a small file expand into billions of values.
    path = write(tmp_path, GOOD + """\
  - id: small-two
    prompt: Which company makes the implant, again?
    choices: &companies [Osmosis, Blue Lagoon]
    answer: Osmosis
  - id: small-three
    prompt: And once more?
    choices: *companies
    answer: Osmosis
""")
    messages = problems_of(path)
    # Pointed at the alias (line 13) or at the value it repeats (line 9).
    said = [m[len(str(path)):] for m in messages if m.startswith(str(path))]  # the path names the test
    assert any(m.startswith((":13:", ":9:")) and "alias" in m for m in said), messages


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_nesting_too_deep(tmp_path, monkeypatch, loader):
    if loader == "pure-python":
        monkeypatch.setattr(yamlsafe, "Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    path = write(tmp_path, "title: T\nquestions: " + "[" * 5000 + "]" * 5000 + "\n")
    messages = problems_of(path)
    assert any(m.startswith(str(path)) and ("deep" in m or "nest" in m) for m in messages), messages


def test_nesting_deeper_than_the_cap_but_parseable(tmp_path):
    path = write(tmp_path, "title: T\nquestions: " + "[" * 50 + "]" * 50 + "\n")
    assert_refused(path, 2, "levels deep")


def test_lone_surrogate_escape(tmp_path):
    path = write(tmp_path, 'title: "bad \\ud800 text"\n')
    messages = problems_of(path)
    assert messages and all(m.startswith(str(path)) for m in messages)


def test_duplicate_keys(tmp_path):
    path = write(tmp_path, GOOD + "    answer: Blue Lagoon\n")
    assert_refused(path, 7, "duplicate key 'answer' (first given on line 6)")


@pytest.mark.parametrize("text, found", [("- just\n- a list\n", "a list"), ("42\n", "the number 42"),
                                         ("just text\n", "text 'just text'")])
def test_top_level_not_a_mapping(tmp_path, text, found):
    # Word for word (found by mutation testing: a number read as nothing passed).
    path = write(tmp_path, text)
    assert problems_of(path) == [f"{path}:1:1: the top level of a pack must be a mapping (title:, questions: ...), "
                                 f"found {found}"]


def test_empty_file(tmp_path):
    path = write(tmp_path, "# nothing here\n")
    assert problems_of(path) == [f"{path}:1:1: the file is empty; a pack needs at least a title"]


def test_unknown_field_suggests_the_close_name(tmp_path):
    path = write(tmp_path, GOOD.replace("    answer: Osmosis", "    anwser: Osmosis"))
    messages = problems_of(path)
    assert any(m.startswith(f"{path}:6:") and "did you mean 'answer'" in m for m in messages), messages
    assert any("missing 'answer'" in m for m in messages)


def test_wrong_type(tmp_path):
    path = write(tmp_path, GOOD.replace("choices: [Osmosis, Blue Lagoon]", "choices: Osmosis"))
    assert_refused(path, 5, "expected a list")


@pytest.mark.parametrize("bad, fragment", [
    ("choices: [yes, no]\n    answer: yes", "read by YAML as a true/false value"),
    ("choices: ['1:20', '1:30']\n    answer: 1:20", "read by YAML as a number"),
    ("choices: [2019-01-01, '2020']\n    answer: '2020'", "read by YAML as a date"),
])
def test_yaml_11_surprises_say_quote_it(tmp_path, bad, fragment):
    path = write(tmp_path, GOOD.replace("choices: [Osmosis, Blue Lagoon]\n    answer: Osmosis", bad))
    messages = problems_of(path)
    assert any(fragment in m and "quote it" in m and re.match(rf"{re.escape(str(path))}:[56]:", m)
               for m in messages), messages


def test_octal_looking_number(tmp_path):
    path = write(tmp_path, "title: T\nseries:\n  title: Osmosis\n  year: 012\n")
    assert_refused(path, 4, "plain decimal number")


def test_yes_for_a_boolean_is_refused(tmp_path):
    path = write(tmp_path, GOOD + "    spoiler: yes\n")
    assert_refused(path, 7, "write true or false")


def test_missing_answer(tmp_path):
    path = write(tmp_path, GOOD.replace("    answer: Osmosis\n", ""))
    assert_refused(path, 3, "missing 'answer'")


def test_answer_not_among_choices(tmp_path):
    path = write(tmp_path, GOOD.replace("answer: Osmosis", "answer: osmosis"))
    assert_refused(path, 6, "did you mean 'Osmosis'")


def test_duplicate_choices(tmp_path):
    path = write(tmp_path, GOOD.replace("[Osmosis, Blue Lagoon]", "[Osmosis, Blue Lagoon, osmosis]"))
    assert_refused(path, 5, "duplicate 'osmosis'")


def test_fewer_than_two_choices(tmp_path):
    path = write(tmp_path, GOOD.replace("[Osmosis, Blue Lagoon]", "[Osmosis]"))
    assert_refused(path, 5, "at least 2")


def test_reference_to_a_character_that_does_not_exist(tmp_path):
    path = write(tmp_path, GOOD + "    about: [paull]\n")
    context = load_files([OSMOSIS])
    assert_refused(path, 7, "no character or trope with id 'paull'; did you mean 'paul'?", context)


def test_trope_example_with_unknown_character(tmp_path):
    path = write(tmp_path, """\
        title: T
        tropes:
          - id: my-trope
            name: My Trope
            definition: Something.
            examples:
              - characters: [nobody]
                clue: A clue.
        """)
    assert_refused(path, 7, "no character with id 'nobody'")


def test_ids_clashing_with_another_pack(tmp_path):
    clash = write(tmp_path, """\
        title: Clash
        characters:
          - id: paul
            name: Another Paul
            role: other
            description: Not the same man.
        """)
    assert_refused(clash, 3, f"character id 'paul' is already used by {display_path(OSMOSIS)}",
                   context=load_files([OSMOSIS]))


def test_a_name_already_taken_by_another_character(tmp_path):
    path = write(tmp_path, """\
        title: Names
        characters:
          - id: anna-k
            name: Anna
            role: other
            description: Someone else.
        """)
    assert_refused(path, 4, "the name 'Anna' is already used", context=load_files([OSMOSIS]))


def test_custom_tags_cannot_construct_objects(tmp_path):
    path = write(tmp_path, "title: !!python/object/apply:os.system ['echo pwned']\n")
    assert_refused(path, 1, "tag")


def test_a_bom_is_fine(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    library = load_files([path])
    assert [p.title for p in library.packs] == ["A small pack"]


def test_one_bad_pack_does_not_stop_the_others(tmp_path):
    write(tmp_path, GOOD, "a-good.yaml")
    write(tmp_path, "title: [broken\n", "b-bad.yaml")
    write(tmp_path, GOOD.replace("small-one", "small-two"), "c-good.yaml")
    library = load_files(find_pack_files([tmp_path]))
    assert [p.path.name for p in library.packs] == ["a-good.yaml", "c-good.yaml"]
    assert [r.path.name for r in library.refused] == ["b-bad.yaml"]


def test_user_pack_folder_and_packs_dir_are_found(tmp_path, monkeypatch):
    user = tmp_path / "user"
    (user / "packs").mkdir(parents=True)
    write(user / "packs", GOOD, "mine.yaml")
    extra = tmp_path / "extra"
    extra.mkdir()
    write(extra, GOOD.replace("small-one", "extra-one"), "extra.yaml")
    monkeypatch.setattr("game.paths.user_data_dir", lambda: user)
    library = load_library([extra])
    assert {p.id for p in library.packs} == {"osmosis", "mine", "extra"} | {
        p.stem for p in find_pack_files([builtin_pack_dir()])}


# --- the commands --------------------------------------------------------------------------

def test_check_exit_codes_and_output(tmp_path, capsys):
    bad = write(tmp_path, GOOD.replace("answer: Osmosis", "answer: Nope"), "bad.yaml")
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:6:" in out and "1 refused" in out
    assert main(["check", str(OSMOSIS)]) == 0
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["check", str(tmp_path / "empty")]) == 1  # nothing checked is not "all valid"
    assert "a folder with no packs in it" in capsys.readouterr().out


def test_questions_without_ids_get_distinct_ids_that_survive_edits_elsewhere(tmp_path):
    two = GOOD.replace("id: small-one\n    ", "") + """\
  - prompt: Which series is this?
    choices: [Osmosis, Black Mirror]
    answer: Osmosis
"""
    first = load_files([write(tmp_path, two)]).packs[0].questions
    assert len({q.id for q in first}) == 2
    edited = two.replace("Blue Lagoon", "Blue Lagoon, Humanists").replace("Which series", "Which TV series")
    second = load_files([write(tmp_path, edited)]).packs[0].questions
    assert second[0].id == first[0].id and second[1].id != first[1].id  # the id follows the prompt


def test_a_mistyped_packs_folder_is_reported_not_ignored(tmp_path, capsys):
    typo = tmp_path / "my-packs"
    assert main(["check", "--packs", str(typo)]) == 1
    assert f"{typo}: cannot read file" in capsys.readouterr().out
    # --packs also takes a single pack file
    pack = write(tmp_path, GOOD.replace("small-one", "single-file"), "single.yaml")
    assert main(["packs", "--packs", str(pack)]) == 0
    assert "single" in capsys.readouterr().out.split()


def test_check_of_one_file_resolves_its_references_in_the_packs_folders_given(tmp_path, capsys, monkeypatch):
    """A draft building on a character of a --packs folder or of the user's pack folder plays
    beside it, so check passes it."""
    (tmp_path / "base").mkdir()
    write(tmp_path / "base", "title: Base\ncharacters:\n  - {id: zed-one, name: Zed One, role: other, "
                             "description: A person.}\n", "base.yaml")
    draft = write(tmp_path, GOOD + "    about: [zed-one]\n", "draft.yaml")
    assert main(["check", str(draft)]) == 1
    assert "no character or trope with id 'zed-one'" in capsys.readouterr().out
    assert main(["--packs", str(tmp_path / "base"), "check", str(draft)]) == 0
    assert f"ok  {draft}" in capsys.readouterr().out
    monkeypatch.setattr("game.packs.user_pack_dir", lambda: tmp_path / "base")
    assert main(["check", str(draft)]) == 0


EDITORIAL_DEFECTS = """\
id: tidewater
title: Tidewater
characters:
  - {id: tide-ada, name: Ada Reyes, role: co-founder, description: "Founder of the firm."}
  - {id: tide-bo, name: Bo Lund, role: employee, description: "The firm's quiet engineer."}
  - {id: tide-cy, name: Cy Marr, role: ai, description: "The program that runs the firm."}
  - {id: tide-dee, name: Dee Holt, role: other, description: "The money behind the firm."}
tropes:
  - id: tide-crush
    name: Unrequited Love
    definition: "One person loves another who does not love them back."
    examples:
      - {characters: [tide-bo], also: [tide-ada], clue: "The engineer pines after the founder."}
  - id: tide-mentor
    name: The Mentor
    definition: "An older hand who teaches the hero."
    examples:
      - {characters: [tide-dee], clue: 'The investor teaches the "rules" of money.'}
questions:
  - id: tide-motto
    prompt: Ada Reyes founded the firm. Who founded it?
    choices: [Ada Reyes, Bo Lund, Cy Marr]
    answer: Ada Reyes
"""


def test_check_reports_what_the_questions_built_from_a_pack_get_wrong_at_the_entry_they_come_from(tmp_path):
    """Straight quotes and a prompt holding its answer pass the loader; the questions built on
    them fail the editorial checks, and `check` says so at the example and the question."""
    pack = write(tmp_path, EDITORIAL_DEFECTS, "tidewater.yaml")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(pack)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 1, result.stdout
    lines = EDITORIAL_DEFECTS.splitlines()
    example_line = next(n for n, line in enumerate(lines, 1) if '"rules"' in line)
    question_line = next(n for n, line in enumerate(lines, 1) if "id: tide-motto" in line)
    quotes, = [line for line in result.stdout.splitlines() if "straight double quotes" in line]
    answer, = [line for line in result.stdout.splitlines() if "contains its own answer" in line]
    assert quotes.startswith(f"{pack}:{example_line}:") and answer.startswith(f"{pack}:{question_line}:")
    assert "more like it" in quotes  # one example quoted by several questions: one line
    assert "editorial problem" in result.stdout and "ok  " not in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    clean = write(tmp_path, EDITORIAL_DEFECTS.replace('"rules"', "“rules”").replace("Ada Reyes founded", "She founded"))
    assert subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(clean)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT).returncode == 0


def test_check_passes_the_shipped_packs_through_the_real_command_editorial_checks_and_all():
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert "0 problems" in result.stdout


def test_check_never_prints_a_traceback_on_hostile_files(tmp_path):
    hostile = {
        "bomb.yaml": "a: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n",
        "deep.yaml": "{" * 20000,
        "binary.yaml": "\x00\x01\x02 title",
        "tag.yaml": "!!python/name:os.system\n",
    }
    for name, text in hostile.items():
        write(tmp_path, text, name)
    (tmp_path / "latin.yaml").write_bytes(b"title: caf\xe9\n")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(tmp_path)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "5 refused" in result.stdout
    for name in [*hostile, "latin.yaml"]:
        assert str(tmp_path / name) in result.stdout


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs and symlinks")
def test_check_refuses_files_that_are_not_files_without_hanging(tmp_path):
    """A FIFO would block the read forever; a symlink loop made resolving the path raise."""
    import os
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(tmp_path)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1 and "3 refused" in result.stdout
    assert f"{tmp_path / 'pipe.yaml'}: cannot read file: it is not a regular file" in result.stdout
    assert f"{tmp_path / 'folder.yaml'}: cannot read file: it is a folder" in result.stdout
    assert f"{tmp_path / 'loop.yaml'}: cannot read file:" in result.stdout


def test_packs_lists_loaded_and_refused(tmp_path, capsys):
    write(tmp_path, "title: [broken\n", "broken.yaml")
    assert main(["packs", "--packs", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "osmosis" in out and "28" in out
    broken = str(tmp_path / "broken.yaml")
    assert f"refused: {broken}:2:1: YAML syntax error" in out and out.count(broken) == 1


def test_a_pack_chosen_alone_keeps_the_characters_it_builds_on(tmp_path):
    """`--pack mine` on a pack whose tropes name Osmosis characters: those characters come
    along (as support), the Osmosis tropes and questions do not."""
    from game.generator import Generator
    write(tmp_path, """\
        title: My tropes
        tropes:
          - id: my-pool-trope
            name: Pool Trope
            definition: Something about pools.
            examples:
              - characters: [paul]
                also: [louise]
                clue: He wears headphones by the water.
        """, "mine.yaml")
    library = load_library([tmp_path]).only({"mine"})
    facts = library.facts
    assert [p.id for p in library.packs] == ["mine"] and [p.id for p in library.support] == ["osmosis"]
    assert {"paul", "louise"} <= set(facts.characters)
    assert list(facts.tropes) == ["my-pool-trope"] and not facts.questions
    pool = Generator(facts).pool(["trope-to-character"])
    assert pool and all(q.answer == "Paul Vanhove" for q in pool)


def test_a_pack_chosen_alone_keeps_what_its_support_builds_on_too(tmp_path):
    """mine -> middle's character -> Osmosis's Paul: every character on the way is in the facts,
    although the shipped Osmosis pack loads before the middle pack that needs it."""
    write(tmp_path, "title: Middle\ncharacters:\n  - {id: yan-mid, name: Yannick Midway, role: other, "
                    "description: A cousin., relationships: [{type: sibling, with: paul}]}\n", "middle.yaml")
    write(tmp_path, "title: Mine\ntropes:\n  - id: mine-trope\n    name: Cousin Trope\n    definition: Family.\n"
                    "    examples:\n      - {characters: [yan-mid], clue: He turns up at every reunion.}\n", "mine.yaml")
    library = load_library([tmp_path]).only({"mine"})
    assert [p.id for p in library.support] == ["osmosis", "middle"]
    paul = library.facts.characters["yan-mid"].relationships[0].other
    assert library.facts.name(paul) == "Paul Vanhove"


def test_a_question_without_choices_is_typed_and_accepts_its_listed_answers(tmp_path):
    from game.generator import Generator
    path = write(tmp_path, """\
        title: Typed
        questions:
          - id: typed-implant
            prompt: What is the implant called?
            answer: Osmosis
            accepted: [the Osmosis implant]
        """)
    [pack] = load_files([path]).packs
    [question] = Generator(load_files([path]).facts).pool(["pack"])
    assert question.is_typed and not question.choices
    assert question.is_right("osmosis") and question.is_right("The Osmosis Implant")
    assert not question.is_right("Martin")


def test_accepted_answers_belong_to_typed_questions_only(tmp_path):
    path = write(tmp_path, GOOD + "    accepted: [Lagoon]\n")
    assert_refused(path, 7, "accepted is for typed questions")



def test_a_folder_that_cannot_be_listed_is_refused_by_name(tmp_path, monkeypatch, capsys):
    import os
    locked = tmp_path / "locked"
    locked.mkdir()
    real_listdir = os.listdir

    def listdir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_listdir(path)

    # chmod cannot lock root out (tests may run as root), so the refusal is made where Python lists.
    monkeypatch.setattr(os, "listdir", listdir)
    assert main(["check", "--packs", str(locked)]) == 1
    assert f"{locked}: cannot read file: Permission denied" in capsys.readouterr().out


def test_a_user_pack_folder_that_cannot_be_looked_at_is_refused_and_the_rest_loads(tmp_path, monkeypatch):
    import os
    hidden = tmp_path / "no-entry" / "packs"
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if str(path).startswith(str(hidden.parent)):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr("game.packs.user_pack_dir", lambda: hidden)
    monkeypatch.setattr(os, "stat", stat)
    library = load_library()
    assert {"osmosis", "world"} <= {p.id for p in library.packs}
    assert [r.reason for r in library.refused] == [f"{hidden}: cannot read file: Permission denied"]


# --- ids belong to their series ----------------------------------------------------------

def series_pack(title: str, who: str) -> str:
    """A small fact pack about `title` whose characters are called Lucas and Martin, like two of
    Osmosis's, with a trope about Lucas and `who` as the other one involved."""
    return f"""\
        title: {title} facts
        series: {{title: {title}}}
        characters:
          - {{id: lucas, name: Lucas, role: other, description: The {title} Lucas.}}
          - {{id: martin, name: Martin, role: other, description: The {title} Martin.}}
          - {{id: {who}, name: {who.title()}, role: other, description: Someone in {title}.}}
        tropes:
          - id: odd-couple
            name: Odd Couple
            definition: Two unlike people thrown together.
            examples:
              - {{characters: [lucas], also: [{who}], clue: He shares a flat with a tidy stranger in {title}.}}
        """


def test_two_series_with_the_same_ids_and_names_install_side_by_side(tmp_path):
    from game.generator import Generator
    from game.packs import choose_packs
    write(tmp_path, series_pack("Harbour", "nora"), "harbour.yaml")
    write(tmp_path, series_pack("Skyline", "ivo"), "skyline.yaml")
    library = load_library([tmp_path])
    assert not library.refused, [r.reason for r in library.refused]
    for pack_id, partner in (("harbour", "Nora"), ("skyline", "Ivo")):
        facts = choose_packs(library, [pack_id]).facts
        assert facts.name("lucas") == "Lucas" and facts.name("martin") == "Martin"
        assert facts.tropes["odd-couple"].pack == pack_id
        typed = [q for q in Generator(facts, difficulty="hard").pool(["typed"]) if q.answer == "Lucas"]
        # Within the series the other character's name is still never accepted for Lucas.
        assert typed and all(q.is_right("lucas") and not q.is_right("Martin") for q in typed)
        wrong = {c for q in Generator(facts).pool(["trope-to-character"]) for c in q.choices}
        assert partner not in wrong  # involved in the trope: never a wrong answer
    # With nothing chosen a game plays the bundled series, not a mix of three.
    assert library.facts.series.title == "Osmosis" and library.facts.characters["lucas"].pack == "osmosis"
    with pytest.raises(ValueError, match="different series"):
        choose_packs(library, ["harbour", "skyline"])


def test_a_series_still_refuses_its_own_name_twice(tmp_path):
    first = write(tmp_path, series_pack("Harbour", "nora"), "harbour.yaml")
    again = write(tmp_path, series_pack("Harbour", "ivo").replace("id: lucas,", "id: lucas-2,")
                  .replace("id: martin,", "id: martin-2,").replace("odd-couple", "odd-couple-2")
                  .replace("[lucas]", "[lucas-2]"), "again.yaml")
    messages = problems_of(again, context=load_files([first]))
    assert any("the name 'Lucas' is already used" in m for m in messages), messages


# --- found by mutation testing: what a player or a pack author reads, word for word ------------

def test_a_pack_id_nobody_loaded_is_named_with_the_packs_there_are(tmp_path):
    from game.models import Library
    from game.packs import choose_packs
    library = load_files([write(tmp_path, GOOD, "small.yaml"), OSMOSIS])
    with pytest.raises(ValueError) as raised:
        choose_packs(library, ["zz-typo", "osmosis", "a-typo"])
    assert str(raised.value) == "no pack with id 'a-typo'; loaded packs: osmosis, small"
    with pytest.raises(ValueError) as raised:
        choose_packs(Library(), ["osmosis"])
    assert str(raised.value) == "no pack with id 'osmosis'; loaded packs: none"


def test_packs_of_three_series_are_refused_naming_the_first_two(tmp_path):
    """The series are named by title, or by the series a pack builds on when it has no `series:`
    (harbour-extra: Harbour's Lucas, in a pack of its own)."""
    from game.packs import choose_packs
    write(tmp_path, "title: Harbour extra\ntropes:\n  - id: extra-trope\n    name: Extra Trope\n"
                    "    definition: Something.\n    examples:\n      - {characters: [nora], clue: She waits.}\n",
          "harbour-extra.yaml")
    write(tmp_path, series_pack("Harbour", "nora"), "harbour.yaml")
    write(tmp_path, series_pack("Skyline", "ivo"), "skyline.yaml")
    write(tmp_path, series_pack("Meadow", "pia"), "meadow.yaml")
    library = load_files(find_pack_files([tmp_path]))
    assert not library.refused, [r.reason for r in library.refused]
    with pytest.raises(ValueError) as raised:
        choose_packs(library, ["skyline", "harbour-extra", "meadow"])
    assert str(raised.value) == ("packs 'harbour-extra' and 'meadow' are about different series (harbour, "
                                 "Meadow); a game plays one series")


def test_a_pack_without_an_id_takes_its_files_name_in_plain_letters(tmp_path):
    for name, pack_id in (("[Café] Crème!.yaml", "cafe-creme"), ("!!!.yaml", "pack")):
        [pack] = load_files([write(tmp_path, GOOD.replace("small-one", pack_id + "-q"), name)]).packs
        assert pack.id == pack_id


def test_a_question_without_an_id_keeps_the_id_earlier_versions_saved(tmp_path):
    """Scores and practice weights keep question ids: the id of a prompt may not change between
    versions (this one is as the first loader, of 25 November, made it), whatever the spacing."""
    pack = GOOD.replace("id: small-one\n    ", "").replace("prompt: Which company makes the implant?",
                                                           "prompt: \"Which  company makes\\n the implant?\"")
    [question] = load_files([write(tmp_path, pack, "small.yaml")]).packs[0].questions
    assert question.id == "small-58da58b1"


def test_a_single_pack_checked_beside_the_library_belongs_to_the_series_it_builds_on(tmp_path):
    """Its characters' or tropes' series is found among the packs already loaded: that is what
    refuses a game mixing it with another series."""
    from game.models import Library
    from game.packs import choose_packs
    base = load_files([OSMOSIS, write(tmp_path, series_pack("Harbour", "nora"), "harbour.yaml")])
    on_paul = write(tmp_path, "title: On Paul\ntropes:\n  - id: paul-trope\n    name: Paul Trope\n"
                              "    definition: Something.\n    examples:\n      - {characters: [paul], clue: He runs.}\n",
                    "on-paul.yaml")
    on_a_trope = write(tmp_path, GOOD.replace("small-one", "on-trope-q") + "    about: [abusive-parents]\n",
                       "on-trope.yaml")
    for path in (on_paul, on_a_trope):
        [pack] = load_files([path], context=base).packs
        assert pack.scope == "osmosis"
        with pytest.raises(ValueError, match="different series"):
            choose_packs(Library(base.packs + (pack,)), [pack.id, "harbour"])


def test_an_example_is_pinned_on_characters_unless_its_trope_is_about_the_series(tmp_path):
    """Found by mutation testing: no test pinned an example of a trope about the series on a
    character, nor left a trope's examples without one, so either check could go."""
    path = write(tmp_path, """\
        title: Scopes
        tropes:
          - id: scope-series
            name: Series Trope
            definition: A thing the series does.
            about_series: true
            examples:
              - characters: [paul]
                clue: A clue.
              - {also: [paul], clue: Another clue.}
          - id: scope-people
            name: People Trope
            definition: A thing people do.
            examples:
              - {also: [paul], clue: A clue.}
              - clue: A third clue.
        """)
    assert problems_of(path, context=load_files([OSMOSIS])) == [
        f"{path}:8:9: a trope about the series (about_series: true) is pinned on no character: move these "
        "ids to 'also'",
        f"{path}:15:9: example needs 'characters' (at least one), or the trope needs 'about_series: true' "
        "(and 1 more like it)"]


def test_answers_and_accepted_answers_are_checked_question_by_question(tmp_path):
    """Found by mutation testing: each message word for word at its key, after a typed question
    (which has no choices to check)."""
    path = write(tmp_path, """\
        title: Answers
        questions:
          - prompt: What is the implant called?
            answer: Osmosis
          - prompt: Which company makes the implant?
            choices: [Osmosis, Blue Lagoon]
            answer: "  osmosis "
            accepted: [Osmosis]
          - prompt: Which company lost?
            choices: [Osmosis, Blue Lagoon]
            answer: Humanists
        """)
    assert problems_of(path) == [
        f"{path}:8:5: accepted is for typed questions; a question with choices has exactly one right answer",
        f"{path}:7:5: answer '  osmosis ' is not one of the choices; did you mean 'Osmosis'?",
        f"{path}:11:5: answer 'Humanists' is not one of the choices; the choices are ['Osmosis', 'Blue Lagoon']"]


def test_ids_taken_twice_are_named_at_the_second_with_the_first_line(tmp_path):
    """Found by mutation testing: the messages word for word, for a pack id (at its `id:`, or at
    the top when the id is the file's name) and for two questions with one prompt and no id."""
    first = write(tmp_path, GOOD, "first.yaml")
    clash = write(tmp_path, GOOD.replace("small-one", "small-two").replace("questions:", "id: first\nquestions:"),
                  "clash.yaml")
    (tmp_path / "sub").mkdir()
    named = write(tmp_path / "sub", GOOD.replace("small-one", "small-three"), "first.yaml")
    twice = write(tmp_path, "title: Twice\nquestions:\n  - prompt: Who makes it?\n    id: small-one\n"
                            "    answer: Osmosis\n  - prompt: Which company makes the implant?\n"
                            "    choices: [Osmosis, Bo]\n    answer: Osmosis\n"
                            "  - prompt: Which company makes the implant?\n    answer: Osmosis\n", "twice.yaml")
    library = load_files([first, clash, named, twice, write(tmp_path, GOOD.replace("small-one", "small-four"),
                                                            "fourth.yaml")])
    assert [p.id for p in library.packs] == ["first", "fourth"]
    assert [str(p) for r in library.refused for p in r.problems] == [
        f"{clash}:2:1: pack id 'first' is already used by {display_path(first)}",
        f"{named}:1:1: pack id 'first' is already used by {display_path(first)}",
        f"{twice}:4:5: question id 'small-one' is already used by {display_path(first)}",
        f"{twice}:9:5: question id 'twice-58da58b1' is used twice in this pack (first on line 6)",
    ]


def test_a_name_or_alias_taken_by_another_character_is_named_at_its_key(tmp_path):
    """Found by mutation testing: the message word for word, pointed at `aliases:` or `name:`, the
    owner named by id, within one pack; a character's alias may spell its own name again."""
    ada = """\
        title: Names
        characters:
          - id: ada-one
            name: Ada
            aliases: [ADA, Addie]
            role: other
            description: Someone.
        """
    taken = "; names must be unique so a typed answer means one character: use a fuller name"
    folder = tmp_path / "packs#2"  # a '#' in the path: the owner is named by what follows the last one
    folder.mkdir()
    alias = write(folder, ada + "  - {id: bea, name: Bea, role: other, description: B., aliases: [Addie]}\n")
    assert problems_of(alias) == [f"{alias}:8:56: the name 'Addie' is already used by another character "
                                  f"(ada-one){taken}"]
    name = write(tmp_path, ada + "  - {id: ada-two, role: other, description: A., name: Ada}\n")
    assert problems_of(name) == [f"{name}:8:49: the name 'Ada' is already used by another character "
                                 f"(ada-one){taken}"]


def test_an_id_of_a_pack_of_no_series_is_taken_in_every_series(tmp_path):
    """Found by mutation testing: a pack that builds on no series shares its ids with all of them,
    so a series pack may not define its character again."""
    loose = write(tmp_path, "title: Loose\ncharacters:\n  - {id: nora, name: Nora Free, role: other, "
                            "description: Someone.}\n", "loose.yaml")
    harbour = write(tmp_path, series_pack("Harbour", "nora"), "harbour.yaml")
    library = load_files([loose, harbour])
    assert [p.id for p in library.packs] == ["loose"]
    assert [str(p) for r in library.refused for p in r.problems] == [
        f"{harbour}:6:6: character id 'nora' is already used by {display_path(loose)}"]
