"""`python main.py export`, driven through the real command line on the shipped packs."""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.generator.index import FactIndex
from game.packs import load_files
from game.models import KINDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def no_user_packs(tmp_path, monkeypatch):
    """Only the shipped packs: the user's own pack folder points at an empty temp folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def export(capsys, *args: str) -> tuple[int, object, str]:
    code = main(["export", "--pack", "osmosis", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_a_seeded_quiz_has_the_documented_shape(capsys):
    code, doc, err = export(capsys, "--seed", "4", "--count", "21")
    assert code == 0 and err == ""
    assert doc["seed"] == 4 and doc["count"] == 21 and len(doc["questions"]) == 21
    assert doc["packs"] == ["osmosis"]
    for q in doc["questions"]:
        assert {"id", "kind", "prompt", "answer", "explanation", "difficulty", "spoiler", "facts"} <= set(q)
        assert q["kind"] in KINDS and isinstance(q["spoiler"], bool) and isinstance(q["facts"], dict)
        if q["kind"] == "typed":
            assert "choices" not in q and q["answer"] in q["accepted"]
        else:
            assert "accepted" not in q and q["answer"] in q["choices"]
        if q["kind"] == "trope-to-character":
            assert "trope" in q["facts"]
        if q["kind"] == "character-to-trope":  # or, for a trope about the whole show, the series
            assert "character" in q["facts"] or "series" in q["facts"]
    assert len({q["kind"] for q in doc["questions"]}) == len(KINDS)  # 21 = 3 of each kind


def test_the_same_seed_gives_the_same_quiz_and_all_is_deterministic(capsys):
    assert export(capsys, "--seed", "9", "--count", "30")[1] == export(capsys, "--seed", "9", "--count", "30")[1]
    assert export(capsys, "--seed", "9")[1] != export(capsys, "--seed", "10")[1]
    first = export(capsys, "--all")[1]
    assert first == export(capsys, "--all")[1]
    assert first["count"] == len(first["questions"]) >= 300


def test_export_all_does_not_put_every_answer_first(capsys):
    # --all is the generator's pool as it is: its choices must be in no telling order.
    multiple_choice = [q for q in export(capsys, "--all")[1]["questions"]
                       if "choices" in q and q["kind"] != "true-false"]
    first = sum(q["choices"][0] == q["answer"] for q in multiple_choice)
    assert len(multiple_choice) > 200 and first < len(multiple_choice) / 2


def test_the_same_quiz_comes_out_of_separate_processes_whatever_the_hash_seed(tmp_path):
    def run(hash_seed: str, *args: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "XDG_DATA_HOME": str(tmp_path / "data")}
        result = subprocess.run([sys.executable, "main.py", "export", "--pack", "osmosis", *args], cwd=ROOT,
                                env=env, capture_output=True, text=True, check=True)
        return result.stdout

    for args in (("--seed", "123", "--count", "40"), ("--all", "--difficulty", "hard")):
        assert run("1", *args) == run("2", *args) != ""


def test_asking_for_more_than_exist_gives_them_all_and_one_warning_line(capsys):
    code, everything, _ = export(capsys, "--all", "--kinds", "spot-the-reveal")
    code, doc, err = export(capsys, "--seed", "1", "--count", "1000", "--kinds", "spot-the-reveal")
    # A quiz asks each fact once (a twist's hints are other questions on it; twists the pack marks
    # as one fact, as the ending's virus and Esther's meeting, count once): one per fact.
    same = FactIndex(load_files(sorted((ROOT / "questions").glob("*.yaml"))).facts).same_fact
    facts_of = {q["facts"]["reveal"]: same.get(f"reveal:{q['facts']['reveal']}", q["facts"]["reveal"])
                for q in everything["questions"]}
    assert code == 0 and doc["count"] == len(set(facts_of.values())) > 0
    asked = [facts_of[q["facts"]["reveal"]] for q in doc["questions"]]
    assert sorted(asked) == sorted(set(facts_of.values()))
    assert len(err.strip().splitlines()) == 1 and "1000" in err


def test_kinds_difficulty_and_spoilers_filter_the_output(capsys):
    _, doc, _ = export(capsys, "--all", "--kinds", "typed,pack")
    assert {q["kind"] for q in doc["questions"]} == {"typed", "pack"}
    _, doc, _ = export(capsys, "--all", "--no-spoilers")
    assert doc["questions"] and not any(q["spoiler"] for q in doc["questions"])
    assert "spot-the-reveal" not in {q["kind"] for q in doc["questions"]}
    _, doc, _ = export(capsys, "--all", "--difficulty", "easy", "--kinds", "trope-to-character")
    assert all(len(q["choices"]) == 3 and q["difficulty"] == "easy" for q in doc["questions"])


@pytest.mark.parametrize("args,message", [
    (("--kinds", "trope-to-character,gossip"), "unknown question kind 'gossip'"),
    (("--kinds", ","), "--kinds is empty"),
    (("--count", "0"), "--count must be at least 1"),
])
def test_bad_options_exit_2_with_one_clear_line_and_no_output(capsys, args, message):
    code, doc, err = export(capsys, *args)
    assert code == 2 and doc is None
    assert message in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args,message", [
    (("export", "--count", "x"), "osmosis-quiz export: argument --count: invalid int value: 'x'"),
    (("text", "--seed", "abc"), "osmosis-quiz text: argument --seed: invalid int value: 'abc'"),
    (("exprot",), "osmosis-quiz: argument COMMAND: invalid choice: 'exprot'"),
])
def test_options_argparse_refuses_are_one_line_too(capsys, args, message):
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    assert exited.value.code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1 and "--help" in err


def test_options_given_before_the_command_count(capsys):
    assert main(["--pack", "world", "export", "--count", "2"]) == 0
    assert json.loads(capsys.readouterr().out)["packs"] == ["world"]
    assert main(["--data-dir", "export", "export", "--pack", "world", "--count", "1"]) == 0  # a value named like a command
    assert json.loads(capsys.readouterr().out)["packs"] == ["world"]


def test_an_unknown_pack_exits_2_naming_the_packs_there_are(capsys):
    code = main(["export", "--pack", "no-such-pack"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "'no-such-pack'" in err and "osmosis" in err


def test_opentdb_format_has_their_shape_and_leaves_typed_questions_out(capsys):
    code, doc, err = export(capsys, "--all", "--format", "opentdb")
    assert code == 0 and doc["response_code"] == 0
    _, ours, _ = export(capsys, "--all")
    typed = sum(1 for q in ours["questions"] if q["kind"] == "typed")
    assert typed and len(doc["results"]) == len(ours["questions"]) - typed
    assert f"left out {typed} typed questions" in err
    for result in doc["results"]:
        assert set(result) == {"type", "difficulty", "category", "question", "correct_answer", "incorrect_answers"}
        assert result["category"] == "Entertainment: Television"
        if result["type"] == "boolean":
            assert {result["correct_answer"], *result["incorrect_answers"]} == {"True", "False"}
        else:
            assert result["type"] == "multiple" and len(result["incorrect_answers"]) >= 2
            assert result["correct_answer"] not in result["incorrect_answers"]
    # Encoded like Open Trivia DB's default: entities that unescape to our exact text.
    prompts = {html.unescape(r["question"]) for r in doc["results"]}
    lead_in = "True or false: "
    statements = {q["prompt"][len(lead_in)].upper() + q["prompt"][len(lead_in) + 1:]
                  for q in ours["questions"] if q["kind"] == "true-false"}
    assert prompts == statements | {q["prompt"] for q in ours["questions"] if q["kind"] not in ("typed", "true-false")}
    assert not any(p.startswith(lead_in) for p in prompts) and any(p.startswith("Ana fits this description") for p in prompts)
    assert any("&#039;" in r["question"] for r in doc["results"])
    assert not any("'" in r["question"] or '"' in r["correct_answer"] for r in doc["results"])
