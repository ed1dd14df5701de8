"""A party game played through the window with posted key and joystick events: setup, hidden
picks, the reveal, standings, a gamepad unplugged and plugged back, the podium, saved scores."""
import sqlite3

import pygame
import pytest

from game.engine import difficulty_factor, streak_bonus, time_points
from game.storage import Store
from game.ui.party_input import KEY_BLOCKS
from game.ui.scenes.party import PartyQuestionScene
from test_ui_scenes import overflows_at_every_size

PAD = 7  # instance id of the made-up gamepad
PAD_AGAIN = 9  # the same pad plugged back in: SDL gives it a new id


def pad_button(pilot, instance_id: int, button: int) -> None:
    pilot.post(pygame.JOYBUTTONDOWN, instance_id=instance_id, joy=instance_id, button=button)
    pilot.post(pygame.JOYBUTTONUP, instance_id=instance_id, joy=instance_id, button=button)
    pilot.step()


def texts(pilot) -> list[str]:
    return [r.text for r in pilot.app.view.reports]


def set_up_three_players(pilot) -> None:
    """Title → Party; three players: Ann (keys 1-4), Bob (keys 7-0), Cyd (a gamepad)."""
    pilot.click_box(pilot.app.top.menu.button("party").box)
    setup = pilot.scene
    assert setup.name == "party-setup"
    pilot.press(*[pygame.K_UP] * 8)
    assert setup.focus == "players"
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_DOWN, pygame.K_RETURN)  # edit Player 1's name
    pilot.type("Ann")
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_DOWN, pygame.K_RETURN)
    pilot.type("Bob")
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_DOWN, pygame.K_RETURN)
    pilot.type("Cyd")
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RIGHT, pygame.K_RIGHT)  # Cyd: the last free key block, then a gamepad
    assert setup.seats[2].input.uses_pad and not setup.seats[2].input.ready
    assert "Cyd: press any button on your gamepad to take it." in texts(pilot)
    pilot.post(pygame.JOYDEVICEADDED, device_index=0, guid="")  # plugged in now (no such device here)
    pilot.step()
    pad_button(pilot, PAD, 3)
    assert setup.seats[2].input.pad == PAD
    assert [s.name for s in setup.seats[:3]] == ["Ann", "Bob", "Cyd"]
    pilot.press(*[pygame.K_DOWN] * 5, pygame.K_RETURN)  # Start
    assert pilot.scene.name == "party-round-card"


def right_index(pilot) -> int:
    question = pilot.scene.question
    return question.choices.index(question.answer)


def expected_points(outcome, game) -> int:
    if not outcome.correct:
        return 0
    base = round(time_points(outcome.elapsed, game.time_limit) * difficulty_factor(game.settings.difficulty))
    points = base + streak_bonus(outcome.streak)
    return round(points / 2) if outcome.second_pick else points


def test_a_whole_party_game_with_keys_and_a_gamepad(pilot, tmp_path):
    set_up_three_players(pilot)
    pilot.step(dt=1.0)
    pilot.press(pygame.K_SPACE)
    seen, unplugged, double_chance = [], False, False
    for _ in range(400):
        scene = pilot.scene
        seen.append(scene.name)
        if scene.name == "party-question":
            game, right = scene.game, right_index(pilot)
            wrong = (right + 1) % len(scene.question.choices)
            if not double_chance and len(scene.question.choices) > 2:
                pilot.press(pygame.K_q)  # Ann's lifeline key: second chance
                assert game.double_chance_armed("Ann")
                pilot.press(KEY_BLOCKS[0].answers[wrong])
                double_chance = True
            pilot.step(dt=2.0)
            pilot.press(KEY_BLOCKS[0].answers[right])  # Ann: right
            assert game.has_locked("Ann") and game.reveal is None and pilot.scene is scene  # hidden, waiting
            assert "Locked in" in texts(pilot)
            if not unplugged:
                pilot.post(pygame.JOYDEVICEREMOVED, instance_id=PAD)
                pilot.step()
                assert pilot.scene.name == "pad-missing" and game.paused
                assert "Cyd's gamepad is unplugged" in texts(pilot)
                pilot.step(dt=30.0)  # a long wait while unplugged costs nobody time
                pad_button(pilot, PAD_AGAIN, 5)
                assert pilot.scene is scene and not game.paused
                unplugged = True
            pilot.step(dt=3.0)
            pad_button(pilot, PAD_AGAIN, right)  # Cyd: right, later
            pilot.press(KEY_BLOCKS[1].answers[wrong])  # Bob: wrong
            assert pilot.scene.name == "party-reveal"
            reveal = pilot.scene.reveal
            assert reveal.pickers(reveal.question.answer) == ("Ann", "Cyd")
            assert reveal.pickers(reveal.question.choices[wrong])[-1] == "Bob"
            shown = texts(pilot)
            for answer in reveal.answers:
                assert answer.outcome.points == expected_points(answer.outcome, game)
                assert (f"Right  +{answer.outcome.points:,}" if answer.outcome.correct else "Wrong: 0") in shown
            assert reveal.answer_of("Cyd").outcome.elapsed == pytest.approx(
                reveal.answer_of("Ann").outcome.elapsed + 3.0 + 1 / 60, abs=0.05)
        elif scene.name in ("party-reveal", "standings", "party-round-card", "party-round-summary"):
            pilot.step(dt=1.0)  # a card ignores "go on" for a moment: a masher does not skip it
            pilot.press(pygame.K_RETURN)
        else:
            break
    assert scene.name == "podium", seen[-5:]
    assert {"party-round-card", "party-question", "party-reveal", "standings", "party-round-summary"} <= set(seen)
    game = scene.game
    totals = {p: game.scoreboards[p].total for p in game.players}
    assert totals["Bob"] == 0 and totals["Cyd"] > 0 and totals["Ann"] > totals["Cyd"]
    first_ann = game.scoreboards["Ann"].outcomes[0]
    assert first_ann.second_pick and first_ann.points == expected_points(first_ann, game)
    assert "Ann wins!" in texts(pilot)
    assert pilot.overflows == []

    with sqlite3.connect(tmp_path / "data" / "scores.sqlite3") as db:
        saved = dict(db.execute("SELECT p.name, g.score FROM games g JOIN players p ON p.id = g.player_id "
                                "WHERE g.mode = 'party'"))
    assert saved == totals
    table = Store.open(tmp_path / "data").high_scores("party")
    assert [(s.name, s.score) for s in table] == [("Ann", totals["Ann"]), ("Cyd", totals["Cyd"])]
    pilot.step(dt=1.0)
    pilot.press(pygame.K_RETURN)
    assert pilot.scene.name == "high-scores"


def start_party(pilot, players=2, **setup):
    """A party of `players` on the keyboard blocks, at the first question."""
    pilot.click_box(pilot.app.top.menu.button("party").box)
    scene = pilot.scene
    scene.count = players
    for key, value in setup.items():
        setattr(scene, key, value)
    scene.start()
    pilot.step(dt=1.0)
    pilot.press(pygame.K_RETURN)
    assert isinstance(pilot.scene, PartyQuestionScene)
    return pilot.scene


def test_time_up_reveals_everyone_and_a_player_who_did_not_answer_scores_zero(pilot):
    scene = start_party(pilot)
    pilot.press(KEY_BLOCKS[0].answers[right_index(pilot)])
    pilot.step(dt=scene.game.time_limit)
    assert pilot.scene.name == "party-reveal"
    assert pilot.scene.reveal.answer_of("Player 2").missed
    assert "Missed: 0" in texts(pilot) and "No answer in time" in texts(pilot)


def test_four_players_on_one_keyboard_each_with_their_own_block(pilot):
    scene = start_party(pilot, players=4)
    for block in KEY_BLOCKS:
        pilot.press(block.answers[KEY_BLOCKS.index(block) % len(scene.question.choices)])
    reveal = pilot.scene.reveal
    assert [answer.picks for answer in reveal.answers] == [(scene.question.choices[i % len(scene.question.choices)],)
                                                          for i in range(4)]


def test_lifelines_off_leaves_the_lifeline_keys_doing_nothing(pilot):
    scene = start_party(pilot, lifelines=False)
    pilot.press(pygame.K_q)
    assert not scene.game.double_chance_armed("Player 1")
    assert "Lifelines off" in texts(pilot)


def test_escape_pauses_and_hides_the_question(pilot):
    scene = start_party(pilot)
    pilot.press(pygame.K_ESCAPE)
    assert pilot.scene.name == "pause" and scene.game.paused
    left = scene.game.time_left()
    pilot.step(dt=60.0)
    assert scene.game.time_left() == left
    pilot.press(pygame.K_ESCAPE)
    assert pilot.scene is scene and not scene.game.paused


def test_party_scenes_fit_at_every_window_and_text_size(pilot):
    scene = start_party(pilot, players=4)
    app, bad = pilot.app, []
    bad += overflows_at_every_size(app)
    for block in KEY_BLOCKS:
        pilot.press(block.answers[0])
    bad += overflows_at_every_size(app)  # the reveal
    pilot.step(dt=1.0)
    pilot.press(pygame.K_RETURN)
    assert pilot.scene.name == "standings"
    bad += overflows_at_every_size(app)
    for wanted in ("party-round-summary", "podium"):
        play_until(pilot, wanted)
        bad += overflows_at_every_size(app)
    assert bad == [] and pilot.overflows == []
    assert scene.game.phase.value == "finished"


def play_until(pilot, wanted: str) -> None:
    """Every player on the keyboard answers the first tile; cards are passed, until `wanted`."""
    for _ in range(300):
        if pilot.scene.name == wanted:
            return
        if pilot.scene.name == "party-question":
            for block in KEY_BLOCKS[:len(pilot.scene.session.seats)]:
                pilot.press(block.answers[0])
        else:
            pilot.step(dt=1.0)
            pilot.press(pygame.K_RETURN)
    raise AssertionError(f"never reached {wanted}")


def test_standings_show_who_moved_up(pilot):
    def play_question(right_block: int, after: float) -> None:
        """The player on `right_block` answers right `after` seconds in, the other wrong at once."""
        right = right_index(pilot)
        wrong = (right + 1) % len(pilot.scene.question.choices)
        pilot.press(KEY_BLOCKS[1 - right_block].answers[wrong])
        pilot.step(dt=after)
        pilot.press(KEY_BLOCKS[right_block].answers[right])
        pilot.step(dt=1.0)
        pilot.press(pygame.K_RETURN)
        assert pilot.scene.name == "standings"

    start_party(pilot)
    play_question(right_block=0, after=4.0)
    assert [s.player for s in pilot.scene.game.standings()] == ["Player 1", "Player 2"]
    assert not {"up 1", "down 1"} & set(texts(pilot))  # everyone was level before: nobody moved
    pilot.step(dt=1.0)
    pilot.press(pygame.K_RETURN)
    play_question(right_block=1, after=0.0)  # Player 2 right at once: more than Player 1's slower one
    assert [s.player for s in pilot.scene.game.standings()] == ["Player 2", "Player 1"]
    assert {"up 1", "down 1"} <= set(texts(pilot))


def test_resizing_and_full_screen_mid_question_keep_the_game_going(pilot):
    scene = start_party(pilot, players=3)
    app = pilot.app
    pilot.press(KEY_BLOCKS[0].answers[0])
    app.window = pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
    pilot.post(pygame.VIDEORESIZE, size=(1600, 900), w=1600, h=900)
    pilot.step()
    assert app.view.window_size == (1600, 900) and pilot.scene is scene
    pilot.press(pygame.K_F11)
    assert app.prefs.fullscreen and pilot.scene is scene
    pilot.press(pygame.K_F11)
    assert not app.prefs.fullscreen
    assert scene.game.has_locked("Player 1") and not scene.game.paused  # the pick made before is kept
    pilot.press(KEY_BLOCKS[1].answers[1], KEY_BLOCKS[2].answers[2])
    assert pilot.scene.name == "party-reveal" and pilot.overflows == []


def test_the_question_follows_answers_given_outside_the_window(pilot):
    """Phone buzzers (issue 13) answer through the engine, not through pygame events."""
    scene = start_party(pilot)
    for player in scene.game.players:
        scene.game.answer(player, scene.question.answer)
    pilot.step()
    assert pilot.scene.name == "party-reveal"


def test_a_pad_has_a_shoulder_button_per_lifeline(pilot):
    from dataclasses import replace

    from game.ui.party_input import SeatInput
    pilot.click_box(pilot.app.top.menu.button("party").box)
    setup = pilot.scene
    setup.seats[1] = replace(setup.seats[1], input=SeatInput(pad=PAD))
    setup.start()
    pilot.step(dt=1.0)
    pilot.press(pygame.K_RETURN)
    game = pilot.scene.game
    assert "LB 2nd chance · RB +time" in texts(pilot)
    pilot.step(dt=5.0)
    pad_button(pilot, PAD, 5)  # RB: +time first, though 2nd chance comes first on a key
    assert game.lifelines_left("Player 2") == {"double-chance"}
    assert game.time_left("Player 2") == pytest.approx(game.time_limit, abs=0.05)
    pad_button(pilot, PAD, 4)  # LB: 2nd chance
    assert game.double_chance_armed("Player 2")


def test_a_pad_taken_out_during_setup_must_be_taken_again(pilot):
    pilot.click_box(pilot.app.top.menu.button("party").box)
    setup = pilot.scene
    setup.focus = "seat1"
    pad_button(pilot, PAD, 0)  # pressed while Player 2's row is chosen: their pad now
    assert setup.seats[1].input.pad == PAD
    pilot.post(pygame.JOYDEVICEREMOVED, instance_id=PAD)
    pilot.step()
    assert setup.seats[1].input.uses_pad and not setup.seats[1].input.ready
    assert "Player 2's gamepad was unplugged: press any button on a pad to take one." in texts(pilot)
    setup.start()
    pilot.step()
    assert pilot.scene is setup and "Player 2: press any button on your gamepad to take it." in texts(pilot)
    pad_button(pilot, PAD_AGAIN, 2)
    setup.start()
    assert pilot.scene.name == "party-round-card"


def test_no_questions_to_play_is_said_in_the_setup_not_a_podium_of_zeros(pilot, tmp_path):
    class NoQuestions:
        def quiz(self, count, seed, kinds=None, exclude=frozenset(), weights=None):
            return []

    app = pilot.app
    app.question_source = lambda settings: (None, NoQuestions())
    pilot.click_box(app.top.menu.button("party").box)
    pilot.scene.start()
    pilot.step()
    assert pilot.scene.name == "party-setup"
    assert "No questions to play: see Packs on the title screen." in texts(pilot)
    assert Store.open(tmp_path / "data").high_scores("party") == []


def test_quitting_a_party_from_the_pause_menu_saves_nothing(pilot, tmp_path):
    start_party(pilot)
    pilot.press(KEY_BLOCKS[0].answers[right_index(pilot)])
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_DOWN, pygame.K_DOWN, pygame.K_DOWN, pygame.K_RETURN)  # Quit to title
    assert pilot.scene.name == "confirm"
    pilot.press(pygame.K_RIGHT, pygame.K_RETURN)  # Quit game
    assert pilot.scene.name == "title"
    assert Store.open(tmp_path / "data").high_scores("party") == []
