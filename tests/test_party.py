"""Party rules (everyone answers the same question at once), driven with a fake clock."""
from __future__ import annotations

import pytest

from game.engine import FakeClock, Phase, RoundSpec
from game.models import Question
from game.party import PartyGame, Pick, party_settings, ranks, without_typed

PLAYERS = ("Ann", "Bob", "Cyd")
ONE_ROUND = (RoundSpec("Test", ("trope-to-character",), "Testing."),)


def mcq(n: int) -> Question:
    return Question(id=f"q-{n}", kind="trope-to-character", prompt=f"Question {n}?", answer=f"right {n}",
                    choices=(f"right {n}", f"wrong {n}a", f"wrong {n}b", f"wrong {n}c"))


def typed(n: int) -> Question:
    return Question(id=f"typed-{n}", kind="trope-to-character", prompt=f"Name {n}?", answer="Esther")


class QuestionList:
    """Hand-made questions through the generator's quiz() contract."""

    def __init__(self, questions):
        self.questions = list(questions)

    def quiz(self, count, seed, kinds=None, exclude=frozenset(), weights=None):
        return [q for q in self.questions if (not kinds or q.kind in kinds) and q.id not in exclude][:count]


def party(players=PLAYERS, questions=None, lifelines=True, **choices) -> PartyGame:
    settings = party_settings(**{"rounds": ONE_ROUND, "questions_per_round": 4, "difficulty": "easy", "seed": 3,
                                 "streak_bonus": False, **choices})
    game = PartyGame(None, settings, players=players, clock=FakeClock(), lifelines=lifelines,
                     generator=QuestionList(questions if questions is not None else [mcq(n) for n in range(12)]))
    game.start_round()
    return game


def wrong(game: PartyGame) -> str:
    return next(c for c in game.choices if c != game.question.answer)


def pick_at(game: PartyGame, seconds: float, player: str, right: bool = True) -> Pick:
    """Move the clock to `seconds` into the question, then `player` picks."""
    game.clock.advance(seconds - game.elapsed())
    return game.answer(player, game.question.answer if right else wrong(game))


def test_picks_stay_hidden_until_everyone_has_answered_then_each_scores_on_their_own_time():
    game = party()
    assert pick_at(game, 0.3, "Ann") is Pick.LOCKED
    assert pick_at(game, 5.0, "Cyd", right=False) is Pick.LOCKED
    assert game.phase is Phase.QUESTION and game.reveal is None  # Bob still thinking: nothing shown
    assert game.has_locked("Ann") and not game.has_locked("Bob")
    assert game.waiting_for() == ("Bob",)
    assert pick_at(game, 10.0, "Bob") is Pick.LOCKED
    assert game.phase is Phase.FEEDBACK
    points = {a.player: a.outcome.points for a in game.reveal.answers}
    assert points == {"Ann": 1000, "Bob": 750, "Cyd": 0}  # the solo speed formula, per player's time
    assert game.reveal.pickers(game.question.answer) == ("Ann", "Bob")
    assert game.reveal.pickers(wrong(game)) == ("Cyd",)
    assert {p: game.scoreboards[p].total for p in PLAYERS} == {"Ann": 1000, "Bob": 750, "Cyd": 0}


def test_a_locked_pick_cannot_be_changed_and_presses_after_the_reveal_are_ignored():
    game = party(players=("Ann", "Bob"))
    pick_at(game, 1.0, "Ann", right=False)
    assert game.answer("Ann", game.question.answer) is Pick.IGNORED
    pick_at(game, 2.0, "Bob")
    assert game.reveal.answer_of("Ann").picks == (wrong(game),)
    assert game.answer("Bob", wrong(game)) is Pick.IGNORED
    assert game.answer("Ann", "not a choice") is Pick.IGNORED
    with pytest.raises(ValueError):
        game.answer("Zed", game.question.answer)


def test_time_up_closes_the_question_and_a_player_who_missed_it_scores_zero():
    game = party(players=("Ann", "Bob"))
    pick_at(game, 4.0, "Ann")
    game.clock.advance(15.9)
    assert game.update() is None and game.time_left() == pytest.approx(0.1)
    game.clock.advance(0.1)
    reveal = game.update()
    assert reveal is not None and game.phase is Phase.FEEDBACK
    bob = reveal.answer_of("Bob")
    assert bob.missed and bob.outcome.timed_out and bob.outcome.points == 0
    assert reveal.answer_of("Ann").outcome.points == 900


def test_streaks_are_per_player():
    game = party(players=("Ann", "Bob"), streak_bonus=True)
    for bob_right in (True, False, True):
        pick_at(game, 0.0, "Ann")
        pick_at(game, 0.0, "Bob", right=bob_right)
        game.next()
    assert game.scoreboards["Ann"].streak == 3 and game.scoreboards["Bob"].streak == 1
    assert [o.points for o in game.scoreboards["Ann"].outcomes] == [1000, 1100, 1200]
    assert [o.points for o in game.scoreboards["Bob"].outcomes] == [1000, 0, 1000]


def test_pauses_do_not_count_in_anyones_time():
    game = party(players=("Ann", "Bob"))
    game.clock.advance(2.0)
    game.pause()
    game.clock.advance(30.0)
    assert game.answer("Ann", game.question.answer) is Pick.IGNORED  # the question is hidden while paused
    assert game.update() is None
    game.resume()
    game.answer("Ann", game.question.answer)
    game.answer("Bob", game.question.answer)
    assert [a.outcome.elapsed for a in game.reveal.answers] == [2.0, 2.0]


def test_double_chance_takes_a_second_hidden_pick_for_half_the_points():
    game = party(players=("Ann", "Bob"))
    assert game.use_lifeline("Ann", "double-chance")
    assert pick_at(game, 0.0, "Ann", right=False) is Pick.PICK_AGAIN
    assert not game.has_locked("Ann") and game.picks_made("Ann") == 1
    assert pick_at(game, 0.0, "Ann") is Pick.LOCKED
    pick_at(game, 0.0, "Bob")
    ann = game.reveal.answer_of("Ann")
    assert ann.picks == (wrong(game), game.question.answer)
    assert ann.outcome.second_pick and ann.outcome.points == 500
    assert "double-chance" not in game.lifelines_left("Ann") and "double-chance" in game.lifelines_left("Bob")


def test_double_chance_must_come_before_the_first_pick():
    game = party(players=("Ann", "Bob"))
    game.answer("Ann", wrong(game))
    assert not game.use_lifeline("Ann", "double-chance")
    assert "double-chance" in game.lifelines_left("Ann")  # refused, so not spent


def test_extra_time_restarts_only_that_players_clock():
    game = party(players=("Ann", "Bob"))
    pick_at(game, 1.0, "Bob")
    game.clock.advance(15.0)
    assert game.use_lifeline("Ann", "extra-time")
    game.clock.advance(19.0)
    assert game.update() is None  # the first 20 s are gone, but Ann's own clock started again
    assert game.time_left("Ann") == pytest.approx(1.0)
    game.answer("Ann", game.question.answer)
    assert game.reveal.answer_of("Ann").outcome.points == round(1000 * (1 - 19 / 40))
    assert game.reveal.answer_of("Ann").outcome.lifelines == ("extra-time",)


def test_lifelines_off_gives_nobody_any():
    game = party(players=("Ann", "Bob"), lifelines=False)
    assert game.lifelines_left("Ann") == frozenset()
    assert not game.use_lifeline("Ann", "double-chance")
    with pytest.raises(ValueError):
        game.use_lifeline("Ann", "fifty-fifty")  # 50:50 would show everyone the removed choices


def test_a_late_joiner_plays_from_the_next_question():
    game = party(players=("Ann", "Bob"))
    game.add_player("Cyd")
    assert game.in_question == ("Ann", "Bob")
    assert game.answer("Cyd", game.question.answer) is Pick.IGNORED
    pick_at(game, 0.0, "Ann")
    pick_at(game, 0.0, "Bob")  # the question closes without waiting for Cyd
    assert game.reveal.answer_of("Cyd") is None
    game.next()
    assert game.in_question == ("Ann", "Bob", "Cyd")
    assert game.waiting_for() == ("Ann", "Bob", "Cyd")
    with pytest.raises(ValueError):
        game.add_player("ann")


def test_an_away_player_is_not_waited_for_and_scores_zero():
    game = party(players=("Ann", "Bob"))
    pick_at(game, 1.0, "Ann")
    game.set_away("Bob")
    assert game.phase is Phase.FEEDBACK
    assert game.reveal.answer_of("Bob").missed and game.scoreboards["Bob"].total == 0
    game.next()
    game.set_away("Bob", False)
    assert game.waiting_for() == ("Ann", "Bob")


def test_standings_show_who_moved_up():
    game = party()
    pick_at(game, 0.0, "Ann")
    pick_at(game, 10.0, "Bob")
    pick_at(game, 10.0, "Cyd", right=False)
    game.next()
    assert [(s.player, s.rank) for s in game.standings()] == [("Ann", 1), ("Bob", 2), ("Cyd", 3)]
    pick_at(game, 0.0, "Cyd")
    pick_at(game, 0.0, "Bob")
    pick_at(game, 0.0, "Ann", right=False)
    table = {s.player: s for s in game.standings()}
    assert (table["Bob"].rank, table["Bob"].moved, table["Bob"].gained) == (1, 1, 1000)
    assert (table["Cyd"].rank, table["Cyd"].previous_rank, table["Cyd"].moved) == (2, 3, 1)  # level with Ann
    assert (table["Ann"].rank, table["Ann"].moved, table["Ann"].gained) == (2, -1, 0)


def test_equal_totals_share_a_rank():
    assert ranks({"Ann": 500, "Bob": 500, "Cyd": 100}) == {"Ann": 1, "Bob": 1, "Cyd": 3}


def test_round_summary_and_results_per_player():
    game = party(players=("Ann", "Bob"), questions_per_round=2)
    for _ in range(2):
        pick_at(game, 0.0, "Ann")
        pick_at(game, 0.0, "Bob", right=False)
        game.next()
    assert game.phase is Phase.ROUND_SUMMARY
    assert game.round_results("Ann") == ("Test", 2000, 2, 2)
    assert game.round_results("Bob") == ("Test", 0, 0, 2)
    game.next()
    assert game.phase is Phase.FINISHED
    assert game.results("Ann").total == 2000 and game.results("Bob").asked == 2


def test_typed_rounds_and_typed_questions_are_left_out():
    rounds = (RoundSpec("Name Them", ("typed",), "Type."), *ONE_ROUND)
    assert without_typed(rounds) == ONE_ROUND
    questions = [typed(n) if n % 2 else mcq(n) for n in range(16)]
    game = party(questions=questions, rounds=rounds)
    assert len(game.rounds) == 1 and len(game.current_round.questions) == 4
    assert not any(q.is_typed for q in game.current_round.questions)


def test_party_games_are_saved_under_their_own_mode():
    assert party_settings().mode == "party" and party_settings(timer=False).mode == "party relaxed"


def test_untimed_party_waits_for_everyone():
    game = party(players=("Ann", "Bob"), timer=False)
    pick_at(game, 100.0, "Ann")
    game.clock.advance(1000.0)
    assert game.update() is None and game.waiting_for() == ("Bob",)
    pick_at(game, 1200.0, "Bob")
    assert [a.outcome.points for a in game.reveal.answers] == [1000, 1000]


def test_every_players_score_is_saved_in_the_party_table(tmp_path):
    from game.storage import Store
    game = party(players=("Ann", "Bob"), questions_per_round=1)
    pick_at(game, 0.0, "Ann")
    pick_at(game, 10.0, "Bob")
    store = Store.open(tmp_path)
    for player in game.players:
        assert store.save_game(game.results(player), game.settings)
    assert [(h.name, h.score, h.mode) for h in store.high_scores("party")] == [("Ann", 1000, "party"),
                                                                                ("Bob", 750, "party")]
    store.close()


# -- found by mutation testing (benchmarks/mutation.py party) ------------------------------------

from game.party import PARTY_LIFELINES  # noqa: E402


def three_choices(n: int) -> Question:
    return Question(id=f"q3-{n}", kind="trope-to-character", prompt=f"Three {n}?", answer=f"right {n}",
                    choices=(f"right {n}", f"wrong {n}a", f"wrong {n}b"))


def true_false(n: int) -> Question:
    return Question(id=f"tf-{n}", kind="trope-to-character", prompt=f"Statement {n}.", answer="True",
                    choices=("True", "False"))


def test_a_party_on_the_osmosis_pack_is_fixed_by_its_seed_and_keeps_to_each_rounds_kinds():
    from game.packs import load_library
    facts = load_library().facts

    def game(seed, **choices):
        return PartyGame(facts, party_settings(seed=seed, **choices), players=("Ann", "Bob"), clock=FakeClock())

    def drawn(party_game):
        return [[(q.id, q.choices) for q in r.questions] for r in party_game.rounds]
    first = game(5)
    assert drawn(first) == drawn(game(5)) != drawn(game(6))  # the same seed, the same party
    assert [r.title for r in first.rounds] == ["Who's Who", "Trope Match", "Spot the Reveal", "Lightning"]
    assert all(q.kind in r.kinds and not q.is_typed for r in first.rounds for q in r.questions)
    assert all(len(r.questions) == 5 for r in first.rounds)
    careful = game(5, spoilers=False)
    assert not any(q.spoiler for r in careful.rounds for q in r.questions)
    assert first.lifelines_left("Ann") == first.lifelines_left("Bob") == frozenset(PARTY_LIFELINES)


def test_a_round_the_questions_cannot_fill_never_repeats_one_from_an_earlier_round():
    rounds = (RoundSpec("A", ("trope-to-character",), "a"), RoundSpec("B", ("trope-to-character",), "b"))
    game = party(questions=[mcq(n) for n in range(6)], rounds=rounds)
    ids = [q.id for r in game.rounds for q in r.questions]
    assert [len(r.questions) for r in game.rounds] == [4, 2] and len(set(ids)) == 6


def test_a_press_after_the_players_own_time_is_too_late_even_before_the_next_update():
    game = party(players=("Ann", "Bob"))
    game.clock.advance(20.0)
    assert game.answer("Ann", game.question.answer) is Pick.LOCKED  # at the buzzer: still in, 500
    game.clock.advance(0.5)  # no update() yet: the front end has not drawn the next frame
    assert game.answer("Bob", game.question.answer) is Pick.TOO_LATE
    ann, bob = game.reveal.answers
    assert ann.outcome.points == 500 and ann.outcome.elapsed == 20.0
    assert bob.missed and bob.outcome.timed_out and bob.outcome.points == 0 and bob.outcome.elapsed == 20.0


def test_a_press_that_is_no_choice_or_the_same_pick_again_is_ignored_and_locks_nothing():
    game = party(players=("Ann", "Bob"))
    assert game.answer("Ann", "not a choice") is Pick.IGNORED and not game.has_locked("Ann")
    assert game.use_lifeline("Bob", "double-chance")
    first = wrong(game)
    assert game.answer("Bob", first) is Pick.PICK_AGAIN
    assert game.answer("Bob", first) is Pick.IGNORED and game.picks_made("Bob") == 1  # still one pick to make


def test_a_right_first_pick_with_double_chance_counts_in_full_whatever_the_second():
    game = party(players=("Ann", "Bob"))
    assert game.use_lifeline("Ann", "double-chance") and game.double_chance_armed("Ann")
    assert not game.double_chance_armed("Bob")
    right = game.question.answer
    assert pick_at(game, 0.0, "Ann") is Pick.PICK_AGAIN  # hidden: nobody may learn it was right
    game.answer("Ann", wrong(game))
    pick_at(game, 0.0, "Bob", right=False)
    ann = game.reveal.answer_of("Ann").outcome
    assert (ann.response, ann.correct, ann.points, ann.second_pick) == (right, True, 1000, False)
    assert ann.player == "Ann" and ann.lifelines == ("double-chance",)
    assert game.reveal.answer_of("Bob").outcome.response == wrong(game)
    assert game.reveal.question is game.question  # the reveal shows the question it closed


def test_a_missed_question_records_the_whole_timer_and_an_untimed_one_the_time_it_was_open():
    game = party(players=("Ann", "Bob"))
    game.set_away("Bob")
    pick_at(game, 3.0, "Ann")
    bob = game.reveal.answer_of("Bob").outcome
    assert (bob.timed_out, bob.points, bob.elapsed) == (True, 0, 20.0)  # as a solo time-out records it
    relaxed = party(players=("Ann", "Bob"), timer=False)
    relaxed.set_away("Bob")
    pick_at(relaxed, 40.0, "Ann")
    bob = relaxed.reveal.answer_of("Bob").outcome
    assert (bob.timed_out, bob.points, bob.elapsed) == (True, 0, 40.0)


def test_each_players_clock_reads_zero_once_locked_and_no_clock_shows_outside_a_timed_question():
    game = party(players=("Ann", "Bob"))
    pick_at(game, 5.0, "Ann")
    game.add_player("Cyd")  # plays from the next question
    assert game.time_left("Ann") == 0.0 and game.time_left("Cyd") == 0.0
    assert game.time_left("Bob") == game.time_left() == 15.0
    pick_at(game, 6.0, "Bob")
    assert game.time_left() is None and game.time_left("Bob") is None  # the reveal: no clock
    relaxed = party(players=("Ann", "Bob"), timer=False)
    assert relaxed.time_left() is None and relaxed.time_left("Ann") is None


def test_a_question_that_opens_with_everyone_away_shows_an_empty_clock_and_closes_at_the_next_update():
    game = party(players=("Ann", "Bob"))
    pick_at(game, 1.0, "Ann")
    pick_at(game, 1.0, "Bob")
    game.set_away("Ann")
    game.set_away("Bob")
    assert game.is_away("Ann") and game.is_away("Bob")
    game.next()
    assert game.phase is Phase.QUESTION and game.waiting_for() == () and game.time_left() == 0.0
    reveal = game.update()
    assert reveal is not None and all(a.missed for a in reveal.answers)
    assert game.update() is None  # the reveal is returned once, on the call that closed the question


def test_no_reveal_comes_back_while_the_next_question_is_open():
    game = party(players=("Ann", "Bob"))
    pick_at(game, 1.0, "Ann")
    pick_at(game, 1.0, "Bob")
    game.next()
    pick_at(game, 2.0, "Ann")
    assert game.update() is None and game.reveal is None  # Bob still thinking: nothing is shown


def test_a_late_joiner_has_made_no_pick_has_no_double_chance_and_plays_under_their_own_name():
    game = party(players=("Ann", "Bob"))
    game.add_player("Cyd")
    assert not game.is_away("Cyd") and game.picks_made("Cyd") == 0 and not game.double_chance_armed("Cyd")
    assert not game.use_lifeline("Cyd", "extra-time")  # not in this question: nothing to extend
    assert game.lifelines_left("Cyd") == frozenset(PARTY_LIFELINES)
    pick_at(game, 0.0, "Ann")
    pick_at(game, 0.0, "Bob")
    game.next()
    for player in ("Cyd", "Ann", "Bob"):
        pick_at(game, 0.0, player)
    assert game.results("Cyd").player == "Cyd" and game.results("Cyd").total == 1000


def test_standings_before_any_reveal_and_for_a_late_joiner():
    game = party(players=("Ann", "Bob"))
    assert [(s.rank, s.previous_rank, s.moved, s.gained, s.total) for s in game.standings()] == [(1, 1, 0, 0, 0)] * 2
    pick_at(game, 0.0, "Ann")
    pick_at(game, 0.0, "Bob", right=False)
    game.add_player("Cyd")
    table = {s.player: s for s in game.standings()}
    assert table["Ann"].total == 1000
    # Cyd joined with nothing, as Bob scored nothing: the same place, before and after.
    assert (table["Cyd"].rank, table["Cyd"].previous_rank, table["Cyd"].gained) == \
           (table["Bob"].rank, table["Bob"].previous_rank, table["Bob"].gained) == (2, 1, 0)


def test_no_lifeline_while_paused_after_the_players_own_buzzer_or_where_it_cannot_help():
    game = party(players=("Ann", "Bob"))
    game.pause()
    assert not game.use_lifeline("Ann", "extra-time") and not game.use_lifeline("Ann", "double-chance")
    game.resume()
    game.clock.advance(15.0)
    assert game.use_lifeline("Bob", "extra-time")
    game.clock.advance(5.5)  # Ann's time is up; Bob's is not; no update() has run yet
    assert not game.use_lifeline("Ann", "extra-time") and game.lifelines_left("Ann") == frozenset(PARTY_LIFELINES)
    two = party(players=("Ann", "Bob"), questions=[true_false(1)])
    assert not two.use_lifeline("Ann", "double-chance")  # a second pick could not be wrong
    three = party(players=("Ann", "Bob"), questions=[three_choices(1)])
    assert three.use_lifeline("Ann", "double-chance")
    relaxed = party(players=("Ann", "Bob"), timer=False)
    assert not relaxed.use_lifeline("Ann", "extra-time") and "extra-time" in relaxed.lifelines_left("Ann")
    assert "double-chance" in two.lifelines_left("Ann")


def test_a_press_on_the_round_card_before_the_first_question_is_ignored():
    settings = party_settings(rounds=ONE_ROUND, questions_per_round=4, seed=3)
    game = PartyGame(None, settings, players=("Ann", "Bob"), clock=FakeClock(),
                     generator=QuestionList([mcq(n) for n in range(4)]))
    assert game.phase is Phase.ROUND_INTRO
    assert game.answer("Ann", "right 0") is Pick.IGNORED and not game.has_locked("Ann")
    assert game.picks_made("Ann") == 0 and game.time_left("Ann") is None


class CountingQuestionList(QuestionList):
    """Hand-made questions that note how many each quiz() call asks for."""

    def __init__(self, questions):
        super().__init__(questions)
        self.asked: list[int] = []

    def quiz(self, count, seed, kinds=None, exclude=frozenset(), weights=None):
        self.asked.append(count)
        return super().quiz(count, seed, kinds, exclude, weights)


def test_a_round_asks_the_generator_again_only_while_typed_questions_keep_it_short():
    """Found by mutation testing: asking again although enough questions had come back, until the
    generator ran out, gave the same questions but composed the real packs' whole pool first (a
    party on the Osmosis pack then took ten times the CPU to start)."""
    settings = party_settings(rounds=ONE_ROUND, questions_per_round=4, seed=3)
    plain = CountingQuestionList([mcq(n) for n in range(40)])
    PartyGame(None, settings, players=("Ann", "Bob"), clock=FakeClock(), generator=plain)
    assert plain.asked == [4]
    mixed = CountingQuestionList([typed(n) if n % 2 else mcq(n) for n in range(40)])
    game = PartyGame(None, settings, players=("Ann", "Bob"), clock=FakeClock(), generator=mixed)
    assert len(game.rounds[0].questions) == 4 and mixed.asked[0] == 4 and len(mixed.asked) == 2
