"""`export`: questions as JSON on standard output, ours or Open Trivia DB-shaped.

Everything is built in memory first, so a bad option never leaves half a JSON
document behind; warnings go to standard error, one line each.
"""
from __future__ import annotations

import html
import json
import random
import sys

from .generator import Generator, check_kinds
from .models import Question
from .packs import choose_packs, load_library

OPENTDB_CATEGORY = "Entertainment: Television"
FORMAT = "osmosis-quiz-export/1"


class ExportError(Exception):
    """Bad options: a one-line message, exit code 2."""


def run(args) -> int:
    try:
        document = build(args)
    except ExportError as exc:
        print(f"osmosis-quiz export: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return 0


def build(args) -> dict:
    kinds = parse_kinds(args.kinds)
    if not args.all and args.count < 1:
        raise ExportError(f"--count must be at least 1, not {args.count}")
    library = load_library(args.packs)
    for refused in library.refused:
        warn(f"skipped a pack: {refused.reason}")  # the reason starts with the file and line
    try:
        library = choose_packs(library, args.pack)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    if not library.packs:
        from .launch import shown_command
        raise ExportError(f"no packs loaded; see `{shown_command('packs')}`")
    generator = Generator(library.facts, difficulty=args.difficulty, spoilers=not args.no_spoilers)
    seed = None
    if args.all:
        questions = generator.pool(kinds)
    else:
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
        questions = generator.quiz(args.count, seed, kinds)
        if len(questions) < args.count:
            warn(f"only {len(questions)} questions match these options; asked for {args.count}")
    if args.format == "opentdb":
        return opentdb_document(questions)
    return {
        "format": FORMAT,
        "seed": seed,
        "difficulty": args.difficulty,
        "spoilers": not args.no_spoilers,
        "packs": [pack.id for pack in library.packs],
        "count": len(questions),
        "questions": [question_json(q) for q in questions],
    }


def parse_kinds(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    wanted = [k.strip() for k in text.split(",") if k.strip()]
    if not wanted:
        raise ExportError("--kinds is empty; give kinds separated by commas, e.g. --kinds typed,pack")
    try:
        return check_kinds(wanted)
    except ValueError as exc:
        raise ExportError(str(exc)) from None


def question_json(question: Question) -> dict:
    data: dict = {"id": question.id, "kind": question.kind, "prompt": question.prompt}
    if not question.is_typed:
        data["choices"] = list(question.choices)
    data["answer"] = question.answer
    if question.is_typed:
        data["accepted"] = list(question.accepted)
    data.update({
        "explanation": question.explanation,
        "difficulty": question.difficulty,
        "spoiler": question.spoiler,
        "facts": dict(question.facts),
        "pack": question.pack,
    })
    if question.source:
        data["source"] = question.source
    return data


def opentdb_document(questions: list[Question]) -> dict:
    """Open Trivia DB's response shape, with its default HTML-entity encoding."""
    typed = sum(1 for q in questions if q.is_typed)
    if typed:
        warn(f"left out {typed} typed question{'s' if typed != 1 else ''}: Open Trivia DB has no typed answers")
    return {"response_code": 0, "results": [opentdb_result(q) for q in questions if not q.is_typed]}


def opentdb_result(question: Question) -> dict:
    boolean = question.kind == "true-false"
    return {
        "type": "boolean" if boolean else "multiple",
        "difficulty": question.difficulty,
        "category": OPENTDB_CATEGORY,
        "question": entities(opentdb_question(question)),
        "correct_answer": entities(question.answer),
        "incorrect_answers": [entities(c) for c in question.choices if c != question.answer],
    }


def opentdb_question(question: Question) -> str:
    """Open Trivia DB's true/false questions are bare statements: no "True or false:" lead-in."""
    prefix = "True or false: "
    if question.kind == "true-false" and question.prompt.startswith(prefix):
        statement = question.prompt[len(prefix):]
        return statement[:1].upper() + statement[1:]
    return question.prompt


def entities(text: str) -> str:
    """Encode as Open Trivia DB does by default (&quot; and &#039;)."""
    return html.escape(text, quote=True).replace("&#x27;", "&#039;")


def warn(message: str) -> None:
    print(f"osmosis-quiz export: {message}", file=sys.stderr)
