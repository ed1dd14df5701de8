"""The room's pace and its rules for phones that come and go, on a fake clock (no server, no
sleeping): the buzzer, the reveal and standings moving on by themselves, a dropped phone's 0, and
the end of the party."""
from __future__ import annotations

from game.engine import FakeClock, RoundSpec
from game.party import PartyGame, party_settings
from game.phone.room import (PODIUM_SECONDS, REVEAL_SECONDS, STANDINGS_SECONDS, Refused, Room, Stage,
                             Throttle)
from test_party import QuestionList, mcq

LIMIT = 20.0


def room_with(*names: str, questions: int = 2) -> tuple[Room, FakeClock, dict]:
    clock = FakeClock()
    settings = party_settings(rounds=(RoundSpec("Test", ("trope-to-character",), "Testing."),),
                              questions_per_round=questions, seed=1, timer_seconds=LIMIT)
    finished = []

    def make_game(players):
        return PartyGame(None, settings, players, clock=clock, lifelines=False,
                         generator=QuestionList([mcq(n) for n in range(questions)]))

    room = Room(make_game, clock=clock, on_finish=finished.append,
                throttle=Throttle(clock=clock.now))
    tokens = {}
    for name in names:
        player = room.join("10.0.0.2", room.pin, name)
        room.connected(player.token, +1)
        tokens[name] = player.token
    return room, clock, tokens


def right(room: Room) -> int:
    question = room.game.question
    return question.choices.index(question.answer)


def test_the_buzzer_closes_the_question_and_the_room_moves_on_by_itself_to_the_end():
    room, clock, tokens = room_with("Ann", "Bob", questions=2)
    assert room.start() and room.stage is Stage.QUESTION
    room.answer(tokens["Ann"], 1, right(room))
    clock.advance(LIMIT - 0.1)
    room.update()
    assert room.stage is Stage.QUESTION  # Bob still has a moment
    clock.advance(0.2)
    room.update()
    assert room.stage is Stage.REVEAL
    assert room.view(tokens["Bob"])["result"] == "timeout" and room.view(tokens["Bob"])["points"] == 0
    clock.advance(REVEAL_SECONDS)
    room.update()
    assert room.stage is Stage.STANDINGS
    clock.advance(STANDINGS_SECONDS)
    room.update()
    assert room.stage is Stage.QUESTION and room.number == 2
    room.answer(tokens["Ann"], 2, right(room))
    room.answer(tokens["Bob"], 2, right(room))
    assert room.stage is Stage.REVEAL  # everyone in: no waiting for the buzzer
    room.advance()
    room.advance()
    assert room.stage is Stage.PODIUM
    assert room.view(tokens["Ann"])["screen"] == "final" and room.view(tokens["Ann"])["rank"] == 1
    clock.advance(PODIUM_SECONDS)
    room.update()
    assert room.stage is Stage.CLOSED and room.view(tokens["Ann"])["screen"] == "ended"


def test_a_phone_that_drops_is_not_waited_for_and_its_missed_question_scores_0():
    room, clock, tokens = room_with("Ann", "Bob")
    room.start()
    room.answer(tokens["Ann"], 1, right(room))
    room.answer(tokens["Bob"], 1, right(room))
    room.advance()
    room.advance()
    room.connected(tokens["Bob"], -1)  # Bob's Wi-Fi goes
    room.answer(tokens["Ann"], 2, right(room))
    assert room.stage is Stage.REVEAL  # nobody waits for Bob
    room.connected(tokens["Bob"], +1)
    bob = room.view(tokens["Bob"])
    assert (bob["result"], bob["points"], bob["streak"]) == ("missed", 0, 0)
    assert bob["total"] > 0  # the first question's points are still his


def test_five_wrong_pins_lock_an_address_out_for_a_minute_then_it_may_try_again():
    room, clock, _ = room_with()
    wrong = "999999" if room.pin != "999999" else "000000"
    for _ in range(5):
        try:
            room.join("10.0.0.9", wrong, "Mallory")
        except Refused as refusal:
            assert "Wrong PIN" in str(refusal)
    for pin in (wrong, room.pin):
        try:
            room.join("10.0.0.9", pin, "Mallory")
            raise AssertionError("joined while locked out")
        except Refused as refusal:
            assert "Too many" in str(refusal)
    assert room.join("10.0.0.10", room.pin, "Neighbour").name == "Neighbour"  # another phone is not locked out
    clock.advance(60.0)
    assert room.join("10.0.0.9", room.pin, "Mallory").name == "Mallory"


def test_a_removed_player_cannot_take_their_name_back_during_the_game():
    room, clock, tokens = room_with("Ann", "Bob")
    room.start()
    assert room.remove("Bob")
    try:
        room.join("10.0.0.3", room.pin, "bob")
        raise AssertionError("the removed player's name was taken back")
    except Refused as refusal:
        assert "was in this party" in str(refusal)
    assert room.join("10.0.0.3", room.pin, "Bobby").name == "Bobby"
    assert [s.name for s in room.standings()] == ["Ann", "Bobby"]
