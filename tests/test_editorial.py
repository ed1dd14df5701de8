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
        # A fact stored several ways (fact:…) is told once per round; another round may tell it again.
        problems = [p for p in check_quiz(asked) if p.rule != "same-answer-running"
                    and not (p.rule == "repeated-fact" and p.message.startswith("fact:"))]
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


# ---- each check on its own (found by mutation testing: the broken quiz's questions break several
# rules at once, so a check could lose one of its tests and still find them) ----------------------

def fixture_facts():
    return broken_quiz()[2]


def made(qid="q", kind="pack", prompt="Who founded the firm?", answer="Ada", choices=("Ada", "Bo", "Cy"),
         explanation="She did.", facts=(), grounds=()) -> Question:
    return Question(id=qid, kind=kind, prompt=prompt, answer=answer, choices=tuple(choices),
                    explanation=explanation, facts=tuple(facts), grounds=tuple(grounds))


def rules_broken(question: Question) -> set[str]:
    return {p.rule for p in check_questions([question], fixture_facts())}


def test_each_problem_tells_the_pack_author_what_is_wrong():
    """`check` prints each problem's message to the pack's author: it names what is wrong."""
    questions, _, facts = broken_quiz()
    found = {(p.question, p.rule): p.message for p in check_questions(questions, facts) + check_quiz(questions)
             if (p.question, p.rule) != ("straight", "straight-quotes")}
    assert found == {
        ("series-on-bo", "series-trope-on-character"): "Which of these tropes fits Bo?",
        ("series-offered", "series-trope-on-character"): "Which trope fits Bo here? The engineer pines after the founder.",
        ("inferred-tie", "inferred-keyed"): "Cy and Ada: the page never says the program works beside its maker",
        ("inferred-example", "inferred-keyed"): "Unrequited Love for Cy: the page lists only Bo",
        ("answer-inside", "answer-in-prompt"): "'Ada' is in the prompt",
        ("spaced", "spacing"): "Who runs  the firm ?",
        ("group-typed", "group-as-character"): "Type the name of this character: A league that fights the firm.",
        ("device-fitted", "device-on-character"): "Which of these tropes fits Bo?",
        ("group-among-characters", "group-as-character"): "Which of these characters leads the fight against the firm?",
        ("handed", "handed-over"): "'Who started the firm on her own in a garage by the sea?' is in an earlier explanation",
        ("same-answer", "same-answer-running"): "'Bo' again",
        ("repeated", "handed-over"): "'Which character does this “Unrequited Love” example describe? The engineer "
                                     "pines after the founder.' is in an earlier explanation",
        ("repeated", "repeated-fact"): "example:crush:1 was asked by series-offered",
        ("handed-by-prompt", "handed-over"): "'Who found the secret diary hidden under the office floor?' is in an "
                                             "earlier explanation",
    }
    straight = [p.message for p in check_questions(questions, facts) if p.rule == "straight-quotes"]
    assert straight == ['Which trope is the "Not So Different" Remark?', "It is 'a trope' indeed."]


@pytest.mark.parametrize("prompt,rule", [
    ('Who said "enough" to the founder?', "straight-quotes"),
    ("Who calls the founder 'the boss'?", "straight-quotes"),
    ("Who runs  the firm?", "spacing"),
    ("Who runs the firm ?", "spacing"),
    (" Who runs the firm?", "spacing"),
    ("Who runs the firm? ", "spacing"),
    ("Who fixes the engineers' servers?", None),  # a plural possessive is no quotation mark
    ("Who is the firm's engineer?", None),
])
def test_each_text_fault_is_found_on_its_own(prompt, rule):
    assert rules_broken(made(prompt=prompt)) == ({rule} if rule else set())


@pytest.mark.parametrize("text", ['The "boss" did.', "The 'boss' did.", "The  boss did.", "The boss did ."])
def test_text_faults_are_found_in_explanations_and_choices_too(text):
    expected = {"straight-quotes"} if "boss\"" in text or "boss'" in text else {"spacing"}
    assert rules_broken(made(explanation=text)) == expected
    assert rules_broken(made(choices=("Ada", "Bo", text))) == expected


def test_a_series_trope_is_caught_however_it_is_pinned_on_characters():
    pinned = made(kind="trope-to-character", prompt="Which character does this example describe?", answer="Bo",
                  facts=(("trope", "Central Theme"), ("character", "Bo")))
    storyline = made(kind="relationship", prompt="Who shares this storyline with Ada?", answer="Bo",
                     facts=(("trope", "Central Theme"), ("characters", "Ada and Cy"), ("other", "Bo")))
    stated = made(kind="true-false", prompt="True or false: Bo is an example of “Central Theme”.", answer="True",
                  choices=("True", "False"))
    bare = made(prompt="Is Bo an example of Central Theme?", answer="Yes", choices=("Yes", "No"))
    for question in (pinned, storyline, stated, bare):
        assert rules_broken(question) == {"series-trope-on-character"}, question.prompt
    about_the_show = made(kind="character-to-trope", prompt="Which trope describes Tidewater as a whole?",
                          answer="Central Theme", choices=("Central Theme", "Irony", "Unrequited Love"),
                          facts=(("trope", "Central Theme"), ("series", "Tidewater")))
    assert rules_broken(about_the_show) == set()


def test_a_storytelling_device_is_caught_however_it_is_stated_of_a_character():
    stated = made(kind="true-false", prompt="True or false: Bo's odd remark on day one pays off at the end.",
                  answer="True", choices=("True", "False"), facts=(("trope", "Foreshadowing"), ("character", "Bo")))
    named = made(prompt="Which line shows that Bo is an example of “Foreshadowing”?", answer="His odd remark",
                 choices=("His odd remark", "His diary"))
    for question in (stated, named):
        assert rules_broken(question) == {"device-on-character"}, question.prompt
    part_of_it = made(kind="trope-to-character", answer="Bo", choices=("Bo", "Ada", "Cy"),
                      prompt="Which of these characters is part of this example of “Foreshadowing”?",
                      facts=(("trope", "Foreshadowing"), ("character", "Bo")))
    assert rules_broken(part_of_it) == set()


def test_a_tiny_answer_or_true_and_false_never_count_as_being_in_the_prompt():
    assert rules_broken(made(prompt="Is there no way out of the firm?", answer="No", choices=("Yes", "No"))) == set()
    assert rules_broken(made(kind="true-false", prompt="True or false: the founder is Ada.", answer="True",
                             choices=("True", "False"))) == set()
    assert rules_broken(made(prompt="Is Ada the founder of the firm?", answer="Ada")) == {"answer-in-prompt"}


def test_a_run_of_two_words_of_its_own_in_an_earlier_prompt_hands_a_later_one_over():
    """"He is in love with the founder" (two words of its own, "love" and "founder") told who loves
    whom: a later "Who is in love with the founder?" is handed over."""
    earlier = made("earlier", kind="character-to-trope", prompt="Which trope fits Bo here? He is in love with the founder.",
                   answer="Unrequited Love", choices=("Unrequited Love", "Irony", "Foreshadowing"),
                   explanation="Unrequited Love: one person loves another.")
    later = made("later", prompt="Who is in love with the founder?", answer="Bo")
    assert [p.rule for p in check_quiz([earlier, later])] == ["handed-over"]
    # The kinds' own wording ("Which of these characters is an example of") hands nothing over.
    irony = made("irony", kind="trope-to-character", prompt="Which of these characters is an example of “Irony”?",
                 answer="Bo", explanation="Irony fits Bo.")
    crush = made("crush", kind="trope-to-character", answer="Cy", explanation="It fits Cy.",
                 prompt="Which of these characters is an example of “Unrequited Love”?")
    assert check_quiz([irony, crush]) == []


def test_a_tie_with_someone_outside_the_facts_is_not_judged():
    question = made(kind="relationship", prompt="Who works alongside Cy?", answer="Zed",
                    facts=(("character", "Cy"), ("relation", "colleague"), ("other", "Zed")))
    assert rules_broken(question) == set()
    assert rules_broken(made(kind="relationship", prompt="Who works alongside Cy?", answer="Ada",
                             facts=(("character", "Cy"), ("relation", "colleague"), ("other", "Ada")))) == {
        "inferred-keyed"}
