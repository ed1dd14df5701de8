"""Open Trivia DB JSON (an API response or a bare list of results) -> a question pack."""
from __future__ import annotations

import hashlib
import html
import json

from .. import schema
from ..packs import question_id
from .common import Draft, InputError, Skip, add_question

ATTRIBUTION = ("Questions from the Open Trivia Database (opentdb.com), "
               "licensed under CC BY-SA 4.0.")
_RESPONSE_CODES = {1: "no results", 2: "invalid parameter", 3: "token not found", 4: "token empty",
                   5: "rate limit"}
_decoder = json.JSONDecoder()


def convert(text: str, display: str, pack_id: str) -> Draft:
    results, lines = _results(text, display)
    draft = Draft(pack={"id": pack_id, "title": f"{pack_id} (Open Trivia DB)",
                        "description": f"Imported from {display}. {ATTRIBUTION}",
                        "source": "Open Trivia DB, https://opentdb.com", "questions": []},
                  header=f"Imported from {display} by `osmosis-quiz import opentdb`.\n{ATTRIBUTION}",
                  noun="questions")
    first_line: dict[str, int] = {}
    for result, line in zip(results, lines):
        question, reason = _question(result, pack_id)
        if question is None:
            draft.skipped.append(Skip(line, reason))
            continue
        if not add_question(draft, question, line, first_line):
            continue
        difficulty = result.get("difficulty")
        if difficulty is not None and difficulty not in schema.DIFFICULTIES:
            draft.notes.append(f"{display}:{line}: note: difficulty {difficulty!r} is not easy, medium "
                               f"or hard; left out (medium)")
    return draft


def _question(result, pack_id: str) -> tuple[dict | None, str]:
    if not isinstance(result, dict):
        return None, "each result must be an object with question, correct_answer, incorrect_answers"
    missing = [k for k in ("question", "correct_answer", "incorrect_answers") if k not in result]
    if missing:
        return None, f"missing {', '.join(missing)}"
    wrong = result["incorrect_answers"]
    texts = [result["question"], result["correct_answer"], *(wrong if isinstance(wrong, list) else [])]
    if not isinstance(wrong, list) or not all(isinstance(t, str) for t in texts):
        return None, "question, correct_answer and each of incorrect_answers must be text"
    kind = result.get("type", "multiple")
    prompt = _clean(result["question"])
    answer = _clean(result["correct_answer"])
    wrong = [_clean(w) for w in wrong]
    if kind == "boolean":
        if answer not in ("True", "False"):
            return None, f"a boolean question's answer must be True or False, not {answer!r}"
        choices = ["True", "False"]
    elif kind == "multiple":
        choices = _placed(answer, wrong, prompt)
    else:
        return None, f"question type {kind!r} is not multiple or boolean"
    question = {"id": question_id(pack_id, prompt), "prompt": prompt, "choices": choices, "answer": answer}
    if result.get("difficulty") in schema.DIFFICULTIES:
        question["difficulty"] = result["difficulty"]
    category = result.get("category")
    if isinstance(category, str) and category.strip():
        question["source"] = f"Open Trivia DB: {_clean(category)}"
    return question, ""


def _clean(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _placed(answer: str, wrong: list[str], prompt: str) -> list[str]:
    """The right answer at a position fixed by the prompt, so it is not always first."""
    position = int(hashlib.sha1(prompt.encode()).hexdigest(), 16) % (len(wrong) + 1)
    return [*wrong[:position], answer, *wrong[position:]]


def _results(text: str, display: str) -> tuple[list, list[int]]:
    """The results and the line each one starts on."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(display, f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    if isinstance(data, dict):
        code = data.get("response_code", 0)
        if code != 0 and not data.get("results"):
            # Any JSON may stand here (a list, an object): only a known number has a meaning.
            meaning = _RESPONSE_CODES.get(code, "an error") if isinstance(code, int) else "not a number"
            code = json.dumps(code)[:40]
            raise InputError(display, f"the Open Trivia DB response carries no questions "
                                      f"(response_code {code}: {meaning})")
        if not isinstance(data.get("results"), list):
            raise InputError(display, "expected an Open Trivia DB response with a \"results\" list, "
                                      "or a list of results")
        results, start = data["results"], _value_start(text, "results")
    elif isinstance(data, list):
        results, start = data, _skip_space(text, 0)
    else:
        raise InputError(display, "expected an Open Trivia DB response or a list of results")
    return results, _item_lines(text, start)


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _value_start(text: str, wanted: str) -> int:
    """Where the value of the top-level key `wanted` starts (the text is known-valid JSON)."""
    index = _skip_space(text, 0) + 1  # past "{"
    while True:
        index = _skip_space(text, index)
        key, index = _decoder.raw_decode(text, index)
        index = _skip_space(text, index) + 1  # past ":"
        index = _skip_space(text, index)
        if key == wanted:
            return index
        _, index = _decoder.raw_decode(text, index)
        index = _skip_space(text, index) + 1  # past ","


def _item_lines(text: str, start: int) -> list[int]:
    """The line of each item of the array starting at `start`."""
    lines = []
    index = _skip_space(text, start + 1)
    while index < len(text) and text[index] != "]":
        lines.append(text.count("\n", 0, index) + 1)
        _, index = _decoder.raw_decode(text, index)
        index = _skip_space(text, index)
        if text[index] == ",":
            index = _skip_space(text, index + 1)
    return lines
