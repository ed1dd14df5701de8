"""Editorial checks: what a demanding fan editor would refuse, run over everything the game can ask.

Each check is first shown to catch its defect in a deliberately broken quiz
(tests/fixtures/editorial/), then run over the whole pool at every difficulty, with spoilers on and
off, over many seeded quizzes and over whole standard games.
"""
from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from game.editorial import RULES, check_questions, check_quiz
from game.engine import DEFAULT_ROUNDS, Game, Settings
from game.generator import Generator
from game.models import Question
from game.packs import load_files, load_library

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "editorial"
DIFFICULTIES = ("easy", "medium", "hard")
SETTINGS = [(d, s) for d in DIFFICULTIES for s in (True, False)]


@lru_cache(maxsize=None)
def shipped_facts():
    library = load_library()
    assert not library.refused, [r.reason for r in library.refused]
    return library.facts


@lru_cache(maxsize=None)
def generator(difficulty: str, spoilers: bool) -> Generator:
    return Generator(shipped_facts(), difficulty, spoilers)


def broken_quiz() -> tuple[list[Question], list[dict]]:
    library = load_files([FIXTURES / "facts.yaml"])
    assert not library.refused, [r.reason for r in library.refused]
    items = json.loads((FIXTURES / "broken-quiz.json").read_text(encoding="utf-8"))["questions"]
    questions = [Question(id=i["id"], kind=i["kind"], prompt=i["prompt"], answer=i["answer"],
                          choices=tuple(i.get("choices", ())), accepted=tuple(i.get("accepted", ())),
                          explanation=i["explanation"], facts=tuple(i["facts"].items()),
                          grounds=tuple(i["grounds"])) for i in items]
    return questions, items, library.facts


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_check_finds_exactly_the_questions_that_break_its_rule_in_a_broken_quiz(rule):
    questions, items, facts = broken_quiz()
    found = {p.question for p in check_questions(questions, facts) + check_quiz(questions) if p.rule == rule}
    expected = {i["id"] for i in items if rule in i["breaks"]}
    assert expected, f"the fixture has no question breaking {rule}"
    assert found == expected


def test_a_broken_quiz_passes_no_check_it_should_not():
    questions, items, facts = broken_quiz()
    problems = check_questions(questions, facts) + check_quiz(questions)
    unexpected = [str(p) for p in problems if p.rule not in next(i["breaks"] for i in items if i["id"] == p.question)]
    assert not unexpected


@pytest.mark.parametrize("difficulty,spoilers", SETTINGS)
def test_every_question_of_the_pool_passes_every_check(difficulty, spoilers):
    problems = check_questions(generator(difficulty, spoilers).pool(), shipped_facts())
    assert not problems, "\n".join(map(str, problems[:20]))


@pytest.mark.parametrize("difficulty,spoilers", SETTINGS)
def test_seeded_quizzes_never_repeat_a_fact_hand_a_prompt_over_or_repeat_an_answer(difficulty, spoilers):
    gen = generator(difficulty, spoilers)
    for seed in range(40):
        quiz = gen.quiz(20, seed)
        assert len(quiz) == 20
        problems = check_quiz(quiz)
        assert not problems, (seed, [str(p) for p in problems])


@pytest.mark.parametrize("difficulty,spoilers", [("medium", True), ("hard", False), ("easy", True)])
def test_whole_standard_games_never_repeat_a_fact_or_hand_a_prompt_over(difficulty, spoilers):
    gen = generator(difficulty, spoilers)
    for seed in range(25):
        game = Game(shipped_facts(), Settings(seed=seed, difficulty=difficulty, spoilers=spoilers), generator=gen)
        asked = [q for rnd in game.rounds for q in rnd.questions]
        problems = [p for p in check_quiz(asked) if p.rule != "same-answer-running"]
        assert not problems, (seed, [str(p) for p in problems])
        for rnd in game.rounds:  # answers are spread within a round
            assert not check_quiz(rnd.questions), (seed, rnd.title)


def test_true_false_keeps_to_its_own_round_in_a_standard_game():
    for seed in range(10):
        game = Game(shipped_facts(), Settings(seed=seed), generator=generator("medium", True))
        for rnd in game.rounds:
            kinds = {q.kind for q in rnd.questions}
            assert kinds == set(rnd.kinds), rnd.title
            assert ("true-false" in kinds) == (rnd.title == "Lightning")


def test_openings_vary_over_thirty_seeds():
    """The first question of a standard game rests on at least 15 different facts over 30 seeds."""
    openers = Counter()
    for seed in range(30):
        game = Game(shipped_facts(), Settings(seed=seed), generator=generator("medium", True))
        openers[game.rounds[0].questions[0].grounds] += 1
    assert len(openers) >= 15, openers


def test_spot_the_reveal_asks_in_the_direction_its_card_says():
    card = next(r for r in DEFAULT_ROUNDS if r.title == "Spot the Reveal").blurb
    assert "really happens" in card
    for difficulty in DIFFICULTIES:
        for q in generator(difficulty, True).pool(["spot-the-reveal"]):
            assert "never" not in q.prompt.lower(), q.id
            assert q.answer in {r.statement for r in shipped_facts().reveals}, q.id


def test_tropes_about_the_series_are_asked_about_the_show():
    series = {t.name for t in shipped_facts().tropes.values() if t.about_series}
    assert {"Central Theme", "Spiritual Antithesis", "Artistic License – Engineering"} <= series
    asked = {q.answer for q in generator("medium", True).pool(["character-to-trope"]) if q.answer in series}
    assert asked == series
    for q in generator("medium", True).pool():
        if q.answer in series:
            assert "as a whole" in q.prompt and "character" not in dict(q.facts), q.id
