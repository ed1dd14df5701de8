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
