"""A whole game played through the window, from the title to the high-score table."""
import pygame

from game.storage import Store
from game.ui import theme


def answer_right(pilot) -> None:
    """Answer the question on screen the way a player who knows it would."""
    scene = pilot.scene
    question = scene.question
    if question.is_typed:
        pilot.type(question.answer)
        pilot.press(pygame.K_RETURN)
    else:
        pilot.press(pygame.K_1 + question.choices.index(question.answer))


def play_to_the_end(pilot, answer=answer_right, limit=400) -> list[str]:
    seen = []
    for _ in range(limit):
        name = pilot.scene.name
        seen.append(name)
        if name in ("question", "typed-answer"):
            answer(pilot)
        elif name in ("round-card", "feedback", "round-summary"):
            pilot.press(pygame.K_RETURN)
        else:
            return seen
    raise AssertionError(f"the game did not end: {seen[-10:]}")


def test_a_whole_game_from_title_to_high_score_table(pilot, tmp_path):
    assert pilot.scene.name == "title"
    pilot.press(pygame.K_RETURN)  # Play
    assert pilot.scene.name == "setup"
    assert pilot.scene.menu.focused_key == "start"
    pilot.press(*[pygame.K_UP] * 8)
    assert pilot.scene.menu.focused_key == "round:Name Them"  # each round has its own switch
    pilot.press(pygame.K_RIGHT)  # a fifth round: Name Them, answered by typing
    assert "Name Them" in [spec.title for spec in pilot.scene.settings().rounds]
    pilot.press(*[pygame.K_DOWN] * 8)
    assert pilot.scene.menu.focused_key == "start"
    pilot.press(pygame.K_RETURN)  # Start
    seen = play_to_the_end(pilot)
    assert {"round-card", "question", "typed-answer", "feedback", "round-summary"} <= set(seen)
    assert pilot.scene.name == "results"
    results = pilot.scene.results
    assert results.asked >= 20 and results.right == results.asked and results.total > 0
    pilot.press(pygame.K_RETURN)
    assert pilot.scene.name == "name-entry"
    assert pilot.scene.input.text == "Player"  # the last name used, replaced by what is typed
    pilot.type("Élodie")
    pilot.press(pygame.K_RETURN)
    assert pilot.scene.name == "high-scores"
    assert pilot.overflows == []
    scores = Store.open(tmp_path / "data").high_scores()
    assert [(s.rank, s.name, s.score, s.mode) for s in scores] == [(1, "Élodie", results.total, "classic")]
    pilot.press(pygame.K_ESCAPE)
    assert pilot.scene.name == "title"


def test_a_wrong_answer_is_marked_and_the_right_one_shown(pilot):
    """What the player sees after a miss: the verdict, the right answer named beside it, its
    tile lit in the 'right' colour and the pick in the 'wrong' one. (The review at the end
    is tested with a finished game below.)"""
    from game.ui import theme
    from game.ui.scenes.play import answer_key_layout
    pilot.press(pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN)  # play, start, round card
    scene = pilot.scene
    assert scene.name == "question"
    question = scene.question
    wrong = next(i for i, c in enumerate(question.choices) if c != question.answer)
    pilot.press(pygame.K_1 + wrong)
    feedback = pilot.scene
    assert feedback.name == "feedback" and not feedback.outcome.correct
    assert feedback.outcome.response == question.choices[wrong]
    assert pilot.app.sound.played[-1] == "wrong"
    drawn = [r.text for r in pilot.app.view.reports]
    right = question.choices.index(question.answer)
    assert "Not quite" in drawn
    assert {f"Answer: {question.answer}", f"Answer: {theme.KEY_LABELS[right]}"} & set(drawn)
    palette = pilot.app.view.palette
    pilot.step(frames=30)  # the reveal's pulse is over
    boxes = answer_key_layout(pilot.app.view, question).tiles
    def fill_of(index):  # a point on the tile's own fill, clear of its badge and text
        x, y, w, _ = boxes[index]
        return tuple(pilot.app.window.get_at(pilot.app.view.point(x + w - 24, y + 5)))[:3]
    assert fill_of(right) == palette.right and fill_of(wrong) == palette.wrong


def test_the_timer_runs_out_without_sleeping(pilot):
    pilot.press(pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN)
    assert pilot.scene.name == "question"
    pilot.step(dt=0.5, frames=41)  # 20.5 s of made-up time
    assert pilot.scene.name == "feedback"
    assert pilot.scene.outcome.timed_out
    assert "tick" in pilot.app.sound.played


def test_pause_stops_the_clock(pilot):
    pilot.press(pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN)
    game = pilot.scene.game
    pilot.press(pygame.K_ESCAPE)
    assert pilot.scene.name == "pause"
    left = game.time_left()
    pilot.step(dt=1.0, frames=60)
    assert game.time_left() == left
    drawn = [r.text for r in pilot.app.view.reports]
    assert game.question.prompt not in drawn  # no free thinking time: the question is hidden
    assert not any(choice in drawn for choice in game.question.choices)
    pilot.press(pygame.K_ESCAPE)
    assert pilot.scene.name == "question"
    assert game.question.prompt in [r.text for r in pilot.app.view.reports]


def test_clicking_a_tile_answers_it(pilot):
    pilot.press(pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN)
    scene = pilot.scene
    tiles = scene.tiles()
    right = next(t for t in tiles if t.text == scene.question.answer)
    pilot.click_box(right.box)
    assert pilot.scene.name == "feedback" and pilot.scene.outcome.correct


def start_first_question(pilot):
    pilot.press(pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN)  # play, start, round card
    assert pilot.scene.name == "question"
    return pilot.scene


def drawn_texts(pilot) -> list[str]:
    return [r.text for r in pilot.app.view.reports]


def test_fifty_fifty_removes_two_wrong_tiles_and_pressing_one_says_so(pilot):
    scene = start_first_question(pilot)
    question = scene.question
    assert len(question.choices) == 4  # Who's Who at medium difficulty
    pilot.press(pygame.K_q)
    removed = [t for t in scene.tiles() if t.state == "removed"]
    assert len(removed) == 2 and all(t.text != question.answer for t in removed)
    # Drawn as gone: no tile fill under the text, only the window's background.
    x, y, w, h = removed[0].box
    fill = tuple(pilot.app.window.get_at(pilot.app.view.point(x + w - 30, y + h / 2)))[:3]
    assert fill not in [style.fill for style in pilot.app.view.palette.tiles]
    pilot.press(pygame.K_1 + removed[0].index)
    assert pilot.scene is scene  # not an answer...
    assert "Removed by 50:50: pick one of the others" in drawn_texts(pilot)  # ...and the player is told why
    assert pilot.app.sound.played[-1] == "tick"
    # The spent lifeline reads as used, not only a shade greyer.
    assert "fifty-fifty" not in scene.game.lifelines_left and scene.lifeline_buttons[0].spent
    assert "Q  50:50  ·  used" in drawn_texts(pilot)


def test_second_chance_says_pick_again_and_the_feedback_shows_the_first_pick(pilot):
    scene = start_first_question(pilot)
    question = scene.question
    pilot.press(pygame.K_r)
    assert scene.game.double_chance_armed
    wrong = next(i for i, c in enumerate(question.choices) if c != question.answer)
    pilot.press(pygame.K_1 + wrong)
    assert pilot.scene is scene and scene.tiles()[wrong].state == "wrong"
    assert "Wrong — pick again (2nd chance, half points)" in drawn_texts(pilot)
    assert "1st pick" in drawn_texts(pilot)
    pilot.press(pygame.K_1 + question.choices.index(question.answer))
    feedback = pilot.scene
    assert feedback.name == "feedback" and feedback.outcome.correct
    assert feedback.outcome.first_pick == question.choices[wrong]
    assert {"1st pick", "2nd pick"} <= set(drawn_texts(pilot))


def test_skip_and_extra_time_by_clicking_the_lifeline_buttons(pilot):
    scene = start_first_question(pilot)
    first = scene.question
    pilot.step(dt=5.0)
    pilot.click_box(scene.lifeline_buttons[2].box)  # +Time
    assert scene.game.time_left() > scene.game.time_limit - 0.1  # the clock started again
    pilot.click_box(scene.lifeline_buttons[1].box)  # Skip
    assert pilot.scene.question != first
    assert pilot.scene.name in ("question", "typed-answer")
    assert {"skip", "extra-time"}.isdisjoint(pilot.scene.game.lifelines_left)


def drawn_lifeline_keys(pilot) -> dict[str, str]:
    """What the lifeline buttons on screen say: {key letter: what it does}, e.g. {"W": "Skip"}."""
    labels = [b.label for b in pilot.scene.lifeline_buttons]
    drawn = {r.text for r in pilot.app.view.reports}
    assert set(labels) <= drawn
    return dict(label.split(None, 1) for label in labels)


def test_keys_w_and_e_do_what_their_buttons_say(pilot):
    scene = start_first_question(pilot)
    game, first = scene.game, scene.question
    keys = drawn_lifeline_keys(pilot)
    assert keys == {"Q": "50:50", "W": "Skip", "E": "+Time", "R": "2nd chance"}
    pilot.step(dt=5.0)
    pilot.press(pygame.K_e)  # +Time: the clock starts again, the question stays
    assert pilot.scene is scene and game.question is first
    assert game.time_left() > game.time_limit - 0.1
    assert game.lifelines_left == {"fifty-fifty", "skip", "double-chance"}
    pilot.press(pygame.K_w)  # Skip: a fresh question, no answer scored
    assert pilot.scene.question != first and pilot.scene.name in ("question", "typed-answer")
    assert game.lifelines_left == {"fifty-fifty", "double-chance"} and game.scoreboard.outcomes == []


def test_keys_q_and_r_do_what_their_buttons_say(pilot):
    scene = start_first_question(pilot)
    game, question = scene.game, scene.question
    assert drawn_lifeline_keys(pilot)["R"] == "2nd chance" and drawn_lifeline_keys(pilot)["Q"] == "50:50"
    pilot.press(pygame.K_r)
    assert game.double_chance_armed and game.lifelines_left == {"fifty-fifty", "skip", "extra-time"}
    pilot.press(pygame.K_q)
    assert len(game.choices) == 2 and question.answer in game.choices
    assert game.lifelines_left == {"skip", "extra-time"}


def timer_bar_share(pilot) -> float:
    """How much of the timer bar's track is drawn in the bar's colours, read from the window's
    pixels along the bar's middle line: what the player sees, whatever computed it."""
    app = pilot.app
    palette = app.view.palette
    (left, y), (right, _) = app.view.point(theme.MARGIN, 89), app.view.point(theme.MARGIN + 1100, 89)
    lit = sum(tuple(app.window.get_at((x, y)))[:3] in (palette.timer_full, palette.timer_low)
              for x in range(left, right))
    return lit / (right - left)


def test_the_timer_bar_shrinks_as_time_passes(pilot):
    scene = start_first_question(pilot)
    limit = scene.game.time_limit
    shares = [timer_bar_share(pilot)]
    for seconds in (5.0, 5.0, 6.0):  # 5, 10 and 16 s of a 20 s timer gone
        pilot.step(dt=seconds)
        assert pilot.scene is scene
        shares.append(timer_bar_share(pilot))
    expected = [1.0, 15 / limit, 10 / limit, 4 / limit]
    assert all(abs(share - want) < 0.03 for share, want in zip(shares, expected)), (shares, expected)
    palette = pilot.app.view.palette
    x, y = pilot.app.view.point(theme.MARGIN + 4, 89)
    assert tuple(pilot.app.window.get_at((x, y)))[:3] == palette.timer_low  # under 30% left: the warning colour


def typed_question_scene(pilot, answer_name: str):
    from game.engine import Game, RoundSpec, Settings
    from game.generator import Generator
    from game.ui.scenes import play

    app = pilot.app
    question = next(q for q in Generator(app.library.facts).pool(["typed"]) if q.answer == answer_name)

    class OneQuestion:
        def quiz(self, count, seed, kinds=None, exclude=frozenset(), weights=None):
            return [question]

    settings = Settings(rounds=(RoundSpec("Name Them", ("typed",), "type"),), questions_per_round=1)
    session = play.Session(app, settings, game=Game(None, settings, clock=app.clock, generator=OneQuestion()))
    app.reset(session.scene())
    pilot.press(pygame.K_RETURN)
    assert pilot.scene.name == "typed-answer"
    return pilot.scene


def test_typed_answers_arrive_as_text_input_accents_optional(pilot):
    scene = typed_question_scene(pilot, "Joséphine")
    for key, ch in ((pygame.K_a, "a"), (pygame.K_1, "1"), (pygame.K_q, "q"), (pygame.K_m, "m")):
        pilot.keystroke(key, ch)  # text here, not answers, lifelines or mute
    from game.engine import LIFELINES
    assert pilot.scene is scene and scene.game.lifelines_left == frozenset(LIFELINES)
    assert scene.input.text == "a1qm" and pilot.app.prefs.sound
    pilot.press(*[pygame.K_BACKSPACE] * 4)
    pilot.type("Jose")
    pilot.press(pygame.K_BACKSPACE)
    pilot.type("éphine")
    assert scene.input.text == "Joséphine"
    pilot.press(pygame.K_RETURN)
    assert pilot.scene.name == "feedback" and pilot.scene.outcome.correct
    assert pilot.scene.outcome.response == "Joséphine"


def test_typing_another_characters_name_is_wrong(pilot):
    typed_question_scene(pilot, "Ana")
    pilot.type("Antoine")
    pilot.press(pygame.K_RETURN)
    feedback = pilot.scene
    assert feedback.name == "feedback" and not feedback.outcome.correct
    assert "Answer: Ana" in [r.text for r in pilot.app.view.reports]


def test_looking_away_pauses_the_game(pilot):
    scene = start_first_question(pilot)
    pilot.post(pygame.WINDOWFOCUSLOST)
    pilot.step()
    assert pilot.scene.name == "pause" and scene.game.paused


def answer_wrong(pilot) -> None:
    scene = pilot.scene
    question = scene.question
    if question.is_typed:
        pilot.type("nobody at all")
        pilot.press(pygame.K_RETURN)
    else:
        pilot.press(pygame.K_1 + (question.choices.index(question.answer) + 1) % len(question.choices))


def finish_a_game(pilot, rounds, answer, per_round=2):
    from game.engine import Settings
    from game.ui.scenes import play
    play.start_game(pilot.app, Settings(rounds=rounds, questions_per_round=per_round, seed=11))
    pilot.step()
    play_to_the_end(pilot, answer)
    assert pilot.scene.name == "results"
    return pilot.scene


def test_the_review_shows_every_missed_question_with_its_explanation(pilot):
    from game.ui.scenes import play
    results = finish_a_game(pilot, play.ROUND_CHOICES[:3], answer_wrong, per_round=3).results
    missed = results.missed
    assert len(missed) == 9
    scene = pilot.scene
    assert scene.per_page >= 4  # at 1280x720: four missed questions a page, not two
    assert scene.pages == 3
    shown = [o.question.answer for o in missed[:scene.per_page]]
    assert all(f"Answer: {answer}" in drawn_texts(pilot) for answer in shown)
    pilot.press(pygame.K_DOWN)  # the second page...
    assert scene.page == 1
    pilot.press(pygame.K_LEFT, pygame.K_RETURN)  # ...then Review misses: from the first miss all the same
    review = pilot.scene
    assert review.name == "review" and review.index == 0
    seen = []
    for _ in missed:
        drawn = drawn_texts(pilot)
        question = review.outcome.question
        assert question.explanation and question.explanation in drawn
        assert question.prompt in drawn
        seen.append(question.id)
        pilot.press(pygame.K_RIGHT)
    assert seen == [o.question.id for o in missed]
    pilot.click_box(review.menu.button("back").box)
    results = pilot.scene
    assert results.name == "results" and results.page == 0  # back on the page of the last miss seen
    pilot.post(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False)  # the wheel pages the misses too
    pilot.step()
    assert results.page == 1
    assert pilot.overflows == []


def test_a_flawless_game_has_nothing_to_review_and_enter_goes_on(pilot):
    from game.ui.scenes import play
    results_scene = finish_a_game(pilot, play.ROUND_CHOICES[:1], answer_right)
    assert not results_scene.menu.button("review").enabled
    pilot.press(pygame.K_LEFT)  # the disabled button cannot take the focus
    pilot.press(pygame.K_RETURN)
    assert pilot.scene.name in ("name-entry", "title")


def test_the_results_list_every_round_played(pilot):
    from game.ui.scenes import play
    results = finish_a_game(pilot, play.ROUND_CHOICES, answer_right, per_round=1).results
    assert len(results.rounds) == len(play.ROUND_CHOICES) == 7
    drawn = [r.text for r in pilot.app.view.reports]
    assert all(title in drawn for title, *_ in results.rounds)
    assert pilot.overflows == []


def test_feedback_says_what_the_points_are_made_of(pilot):
    scene = start_first_question(pilot)
    answer_right(pilot)
    assert pilot.scene.outcome.streak == 1
    assert not any("streak bonus" in r.text for r in pilot.app.view.reports)
    pilot.press(pygame.K_RETURN)
    answer_right(pilot)
    feedback = pilot.scene
    assert feedback.outcome.streak == 2
    # The points count up from 0 and the score from the old total: juice, over in 0.4 s.
    total, points = scene.game.scoreboard.total, feedback.outcome.points
    counting = drawn_texts(pilot)
    assert f"Right!  +{points:,} points" not in counting and f"Score {total:,}" not in counting
    pilot.step(dt=0.1, frames=5)
    drawn = drawn_texts(pilot)
    assert f"Right!  +{points:,} points" in drawn
    assert "incl. +100 streak bonus" in drawn
    assert "Streak ×2" in drawn and f"Score {total:,}" in drawn  # and the new total


def test_reduce_motion_shows_every_state_at_once(pilot):
    from dataclasses import replace
    pilot.app.set_prefs(replace(pilot.app.prefs, reduce_motion=True))
    scene = start_first_question(pilot)
    answer_right(pilot)
    feedback = pilot.scene
    assert f"Right!  +{feedback.outcome.points:,} points" in drawn_texts(pilot)  # the first frame after
    assert f"Score {scene.game.scoreboard.total:,}" in drawn_texts(pilot)
    assert not feedback.motion.busy


def test_a_right_second_pick_says_why_it_scored_half(pilot):
    scene = start_first_question(pilot)
    question = scene.question
    pilot.press(pygame.K_r)
    pilot.press(pygame.K_1 + (question.choices.index(question.answer) + 1) % 4)
    pilot.press(pygame.K_1 + question.choices.index(question.answer))
    assert pilot.scene.name == "feedback" and pilot.scene.outcome.second_pick
    assert "Second pick: half points" in [r.text for r in pilot.app.view.reports]


def test_a_typed_questions_lifelines_are_reachable_from_the_keyboard(pilot):
    scene = typed_question_scene(pilot, "Joséphine")
    pilot.press(pygame.K_DOWN)  # from the answer field to the lifelines (50:50 is greyed out)
    assert scene.lifeline_buttons[scene.focus].key == "skip"
    pilot.press(pygame.K_RIGHT, pygame.K_RETURN)  # +Time
    assert "extra-time" not in scene.game.lifelines_left and pilot.scene is scene
    assert scene.input.text == ""  # Enter used the lifeline, it did not submit an empty answer
    pilot.press(pygame.K_DOWN)
    pilot.type("Jo")  # typing goes back to the field
    assert scene.focus == -1 and scene.input.text == "Jo"
    assert {"skip", "double-chance"} <= scene.game.lifelines_left
