"""Moodle GIFT -> a question pack.

Carried: multiple choice (`=right ~wrong`, partial-credit `~%50%` kept as wrong choices),
true/false (`{T}` `{TRUE}` `{F}` `{FALSE}`), short answer (`{=one =another}`: typed, every
fully right answer accepted), missing word (the blank becomes `_____`),
feedback (the right answer's, or true/false's, becomes the explanation), `::titles::`,
`//` comments, `$CATEGORY:`, escapes and `[html]`/`[moodle]`/`[markdown]`/`[plain]` markers.
Skipped with the line and reason: numerical, matching, essay, descriptions and
multiple-answer questions, which a pack question cannot carry.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import NamedTuple

from ..packs import question_id
from .common import MAX_ID, Draft, InputError, Skip, add_question, slug

# Escaped characters stand in as private-use code points while the text is taken apart.
_ESCAPES = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003", "\\{": "\ue004",
            "\\}": "\ue005", "\\:": "\ue006", "\\n": "\ue007"}
_RESTORE = str.maketrans({v: ("\\" if k == "\\\\" else " " if k == "\\n" else k[1]) for k, v in _ESCAPES.items()})
_FORMAT_MARKER = re.compile(r"^\s*\[(html|moodle|markdown|plain)\]", re.IGNORECASE)
_TITLE = re.compile(r"^\s*::(.*?)::", re.DOTALL)
_TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)(#.*)?$", re.IGNORECASE | re.DOTALL)
_ANSWER_START = re.compile(r"[=~]")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_TAG = re.compile(r"<[^>]*>")
# Moodle shows an answer's feedback to whoever picked it; our explanation is shown to everyone,
# so a leading "Correct!" or "Well done!" would congratulate the players who got it wrong.
_PRAISE = re.compile(r"^(?:(?:yes|correct|right|right answer|very good|good|good job|well done|excellent|"
                     r"excellent answer|great|that'?s right|that is right|exactly|bravo|perfect)\s*[.!]+\s*)+",
                     re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    line: int
    text: str  # comments removed, escapes replaced by stand-ins
    category: str


class Option(NamedTuple):
    marker: str  # "=" right, "~" wrong unless its weight says otherwise
    weight: float | None  # the `%50%` percentage, None when not given
    text: str
    feedback: str

    @property
    def fully_right(self) -> bool:
        return self.weight == 100 or (self.marker == "=" and self.weight is None)


def convert(text: str, display: str, pack_id: str) -> Draft:
    draft = Draft(pack={"id": pack_id, "title": f"{pack_id} (GIFT)", "description": f"Imported from {display}.",
                        "questions": []},
                  header=f"Imported from {display} by `osmosis-quiz import gift`.", noun="questions")
    first_line: dict[str, int] = {}
    for block in _blocks(text, display):
        question, reason = _question(block)
        if question is None:
            draft.skipped.append(Skip(block.line, reason))
            continue
        title = question.pop("title", "")
        add_question(draft, {"id": _question_ref(title, question["prompt"], pack_id, draft), **question},
                     block.line, first_line)
    return draft


def _question_ref(title: str, prompt: str, pack_id: str, draft: Draft) -> str:
    """The id made from the `::title::`, which a pack author recognises, or the loader's own id
    made from the prompt when the title gives none or one already taken."""
    ref = f"{pack_id}-{slug(title)}" if any(ch.isalnum() for ch in title) else ""
    taken = {question["id"] for question in draft.pack["questions"]}
    if not ref or ref in taken or len(ref) > MAX_ID:
        return question_id(pack_id, prompt)
    return ref


def _blocks(text: str, display: str):
    """Questions are separated by blank lines; `//` lines are comments; `$CATEGORY:` sets the
    category of the questions after it. A blank line inside an open `{...}` does not split.

    A `{` left open would swallow every question after it, so it stops the import (InputError)
    rather than turning the rest of the file into one garbled question."""
    lines: list[str] = []
    start = 0
    category = ""
    opened_on = 0  # the line of the `{` not yet closed, 0 when none is open
    for number, raw in enumerate(text.splitlines() + [""], 1):
        line = _hide_escapes(raw)
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.upper().startswith("$CATEGORY:") and not opened_on:
            # Moodle writes "$course$/top/Name"; the name is the part a player cares about.
            category = re.sub(r"^(\$\w+\$/)?(top/)?", "", stripped[len("$CATEGORY:"):].strip())
            category = category.translate(_RESTORE)
            continue
        if stripped:
            if not lines:
                start = number
            lines.append(line)
            opened_on = _brace_state(line, number, opened_on, display)
            continue
        if lines and not opened_on:
            yield Block(start, "\n".join(lines), category)
            lines = []
    if opened_on:
        raise InputError(display, f"the {{ opened on line {opened_on} is never closed "
                                  f"(write \\{{ for a literal brace)", opened_on)


def _brace_state(line: str, number: int, opened_on: int, display: str) -> int:
    """The line of the `{` still open after `line`, or 0; a second `{` before the `}` means
    the first was never closed."""
    for char in line:
        if char == "{":
            if opened_on:
                raise InputError(display, f"the {{ opened on line {opened_on} is never closed: another "
                                          f"{{ follows on line {number} (write \\{{ for a literal brace)",
                                 opened_on)
            opened_on = number
        elif char == "}":
            opened_on = 0
    return opened_on


def _hide_escapes(line: str) -> str:
    return re.sub(r"\\[\\~=#{}:n]", lambda m: _ESCAPES[m.group()], line)


def _question(block: Block) -> tuple[dict | None, str]:
    text = block.text
    title = ""
    match = _TITLE.match(text)
    if match:
        title, text = _plain(match.group(1)), text[match.end():]
    marker = _FORMAT_MARKER.match(text)
    text_format = marker.group(1).lower() if marker else "moodle"
    if marker:
        text = text[marker.end():]
    opening = text.find("{")
    closing = text.find("}", opening + 1)
    if opening < 0:
        return None, "no {answers}: a description, not a question"
    before, answers, after = text[:opening], text[opening + 1:closing].strip(), text[closing + 1:]
    if "{" in after:
        return None, "more than one {answers} block (an embedded-answers question)"
    before, after = _plain(before, text_format), _plain(after, text_format)
    prompt = _with_blank(before, after) if after else before
    if not prompt:
        return None, "the question has no text"
    fields, reason = _answers(answers)
    if fields is None:
        return None, reason
    question = {"title": title, "prompt": prompt, **fields}
    if block.category:
        question["source"] = f"GIFT category: {block.category}"
    return question, ""


def _answers(answers: str) -> tuple[dict | None, str]:
    """(fields, "") for a question we can carry, else (None, the reason)."""
    # `####text` closes the answers with feedback for everyone: the best explanation there is.
    answers, _, general = answers.partition("####")
    answers, general = answers.strip(), _plain(general)
    if not answers:
        return None, "an essay question (empty {}) has no answer to choose"
    if answers.startswith("#"):
        return None, "a numerical question ({#...}) has no choices"
    if "->" in answers:
        return None, "a matching question (->) cannot be carried"
    true_false = _TRUE_FALSE.match(answers)
    if true_false:
        answer = "True" if true_false.group(1).upper().startswith("T") else "False"
        feedback = [_plain(f) for f in (true_false.group(2) or "").split("#")[1:]]
        fields = {"choices": ["True", "False"], "answer": answer}
        explanation = next((f for f in feedback if f), "")
        return _with_explanation(fields, general or explanation), ""
    options = _options(answers)
    if not options:
        return None, "no answers found inside {}"
    if not any(option.marker == "~" for option in options):
        return _short_answer(options, general)
    right = [option for option in options if option.fully_right]
    partly = [option for option in options if option.weight is not None and 0 < option.weight < 100]
    if not right:
        if len(partly) > 1:
            return None, "a multiple-answer question (several partly right answers) cannot be carried"
        return None, "no answer is marked right (=)"
    if len(right) > 1:
        return None, "more than one answer is marked fully right"
    fields = {"choices": [option.text for option in options], "answer": right[0].text}
    return _with_explanation(fields, general or right[0].feedback), ""


def _short_answer(options: list[Option], general: str) -> tuple[dict | None, str]:
    """Only `=` answers: the player types one; every fully right answer is accepted."""
    right = [option.text for option in options if option.fully_right and option.text]
    if not right:
        return None, "a short-answer question with no fully right answer cannot be carried"
    fields = {"answer": right[0]}
    if len(right) > 1:
        fields["accepted"] = list(dict.fromkeys(right[1:]))
    feedback = next((option.feedback for option in options if option.text == right[0] and option.feedback), "")
    return _with_explanation(fields, general or feedback), ""


def _options(answers: str) -> list[Option]:
    """Each `=`/`~` answer, in order."""
    starts = [m.start() for m in _ANSWER_START.finditer(answers)]
    if not starts or answers[:starts[0]].strip():
        return []
    options = []
    for begin, end in zip(starts, starts[1:] + [len(answers)]):
        marker, body = answers[begin], answers[begin + 1:end]
        weight = None
        match = _WEIGHT.match(body.strip())
        if match:
            weight = float(match.group(1))
            body = body.strip()[match.end():]
        text, _, feedback = body.partition("#")
        options.append(Option(marker, weight, _plain(text), _plain(feedback)))
    return options


def _with_blank(before: str, after: str) -> str:
    """A missing-word question: the answers' place becomes a blank."""
    joint = "" if after[0] in ",.;:?!)" else " "
    return f"{before} _____{joint}{after}".strip()


def _with_explanation(fields: dict, explanation: str) -> dict:
    explanation = _PRAISE.sub("", explanation)
    return {**fields, "explanation": explanation} if explanation else fields


def _plain(text: str, text_format: str = "moodle") -> str:
    """One line of ordinary text: markup gone, escapes restored, spaces collapsed."""
    if text_format == "html":
        text = html.unescape(_TAG.sub(" ", text))
    elif text_format == "markdown":
        text = re.sub(r"(\*\*|__)(\S.*?\S|\S)\1", r"\2", text)
    return " ".join(text.translate(_RESTORE).split())
