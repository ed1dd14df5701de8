"""Game feel (issue 15): any window shape filled, text at one size per grid and never shrunk into
a mess, every state visible, and motion that never delays input. Real scenes, headless."""
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from conftest import Pilot
from game.engine import Game, RoundSpec, Settings
from game.generator import Generator
from game.ui import theme
from game.ui.scenes import menus, play
from game.ui.widgets import fit_text, typeset

ROOT = Path(__file__).resolve().parent.parent  # the repository: main.py runs from its clone
SHAPES = {"4:3": (800, 600), "16:10": (1280, 800), "16:9": (1280, 720), "big 16:9": (1920, 1080),
          "21:9": (2560, 1080), "portrait": (768, 1024)}


class FixedQuestions:
    def __init__(self, questions):
        self.questions = questions

    def quiz(self, count, seed, kinds=None, exclude=frozenset(), weights=None):
        return [q for q in self.questions if q.id not in exclude][:count]


def question_scene(app, question, **settings):
    """The question scene of a one-question game on exactly `question`."""
    options = Settings(rounds=(RoundSpec("Test", (question.kind,), "one"),), questions_per_round=1, **settings)
    game = Game(None, options, clock=app.clock, generator=FixedQuestions([question]))
    session = play.Session(app, options, game=game)
    app.reset(session.scene())
    Pilot(app).press(pygame.K_RETURN)
    return app.top


def resize(app, size) -> pygame.Surface:
    app.window = pygame.display.set_mode(size, pygame.RESIZABLE)
    app.handle(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
    return app.window


def drawn(app) -> list[str]:
    return [r.text for r in app.view.reports]


def pool(app, kind=None):
    return Generator(app.library.facts).pool([kind] if kind else None)


# --- any window shape ---------------------------------------------------------------------------

@pytest.mark.parametrize("shape", SHAPES)
def test_every_window_shape_is_laid_out_edge_to_edge(pilot, shape):
    app = pilot.app
    size = SHAPES[shape]
    window = resize(app, size)
    view = app.view
    assert (view.width * view.scale, view.height * view.scale) == pytest.approx(size)
    assert min(view.size) >= 720 - 1e-6  # never a canvas smaller than the scenes are laid out for
    question = next(q for q in pool(app, "trope-to-character") if len(q.choices) == 4)
    scene = question_scene(app, question)
    app.draw()
    # The background reaches every corner: no bars, so no seam where the rings crossed them.
    corners = [window.get_at((0, size[1] - 1))[:3], window.get_at((size[0] - 1, size[1] - 1))[:3]]
    assert all(theme.contrast(colour, theme.BACKGROUND_BOTTOM) < 1.15 for colour in corners)
    # Tiles and lifelines inside the canvas, spread across its main column, the hint at its foot.
    boxes = [tile.box for tile in scene.tiles()] + [button.box for button in scene.lifeline_buttons]
    assert all(x >= 0 and y >= 0 and x + w <= view.width and y + h <= view.height for x, y, w, h in boxes)
    left = min(x for x, *_ in boxes)
    right = max(x + w for x, _, w, _ in boxes)
    assert right - left >= min(view.width - 2 * theme.MARGIN, theme.CONTENT_WIDTH) - 1
    hint = next(r for r in app.view.reports if "Esc pause" in r.text)
    assert hint.box[1] + hint.box[3] <= view.height and hint.box[1] > view.height - 60
    bottom = max(y + h for _, y, _, h in boxes)
    assert bottom > view.height - 130  # the layout reaches down the window, not a 720-high strip


def test_portrait_windows_stack_the_title_menu_and_the_tiles(pilot):
    app = pilot.app
    resize(app, SHAPES["portrait"])
    title = app.top
    assert title.menu.buttons[0].box[1] > 500  # under the logo, not beside it
    question = next(q for q in pool(app, "trope-to-character") if len(q.choices) == 4)
    scene = question_scene(app, question)
    assert len({tile.box[0] for tile in scene.tiles()}) == 1  # one column of tiles


def test_a_scene_on_a_fixed_canvas_is_centred_and_clicked_where_it_is_drawn(pilot):
    """A scene still written for 1280x720 (Scene.design) fits the window, centred, the background
    full-window, and a click lands where its button is drawn."""
    from game.ui.scenes.base import Scene
    from game.ui.widgets import Menu

    class Legacy(Scene):
        name = "legacy"
        design = (1280, 720)

        def __init__(self, app):
            super().__init__(app)
            self.menu = Menu([("one", "One"), ("two", "Two")], (400, 300, 480, 0))
            self.chosen = None

        def handle(self, event, action):
            self.chosen = self.menu.handle(event, action) or self.chosen

        def draw(self, surface):
            self.menu.draw(surface, self.view)

    app = pilot.app
    window = resize(app, SHAPES["4:3"])
    scene = Legacy(app)
    app.reset(scene)
    app.draw()
    x, y, w, h = scene.menu.button("two").box
    scale = 800 / 1280
    real = (round((x + w / 2) * scale), round(75 + (y + h / 2) * scale))  # 600 - 720 x 0.625 = 150: 75 above
    assert window.get_at(real)[:3] != window.get_at((real[0], 2))[:3]  # the button is drawn there
    pilot.post(pygame.MOUSEBUTTONDOWN, pos=real, button=1)
    pilot.step()
    assert scene.chosen == "two"
    assert app.view.size == pytest.approx((1024, 768))  # the other scenes keep the window's shape


def test_hints_keep_their_full_size_at_800x600(pilot):
    app = pilot.app
    resize(app, SHAPES["4:3"])
    nominal = app.view.font_px(theme.SIZE_SMALL)
    assert nominal >= 15  # 20 logical px on a 1024-wide canvas, not 12.5 on a letterboxed 1280
    hints = []
    for scene in (menus.SettingsScene(app), menus.HelpScene(app), menus.PacksScene(app),
                  menus.HighScoresScene(app), play.SetupScene(app)):
        app.reset(scene)
        app.draw()
        hints += [r for r in app.view.reports if r.box[1] >= app.view.hint_top - 1]
    assert len(hints) == 5 and all(r.fit.px == nominal for r in hints)


def test_window_option_sets_the_start_size_and_the_screenshots(tmp_path):
    out = tmp_path / "shots"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(out), "--window", "800x600",
                           "--data-dir", str(tmp_path / "data")], capture_output=True, text=True, timeout=300,
                          env={"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    shots = sorted(out.glob("*.png"))
    assert len(shots) >= 15 and all(pygame.image.load(str(p)).get_size() == (800, 600) for p in shots)
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "--window", "big"], capture_output=True, text=True)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "expected WIDTHxHEIGHT, e.g. 800x600, not 'big'" in bad.stderr


# --- text ---------------------------------------------------------------------------------------

def test_a_grid_of_tiles_shows_one_text_size(pilot):
    app = pilot.app
    app.set_prefs(replace(app.prefs, text_size="largest"))
    # Spot the Reveal: whole twists beside short ones, the grid that used to show three sizes.
    question = max(pool(app, "spot-the-reveal"), key=lambda q: max(map(len, q.choices)) - min(map(len, q.choices)))
    question_scene(app, question)
    app.draw()
    sizes = {r.fit.px for r in app.view.reports if r.text in question.choices}
    assert len(sizes) == 1
    pilot.press(pygame.K_1 + (question.choices.index(question.answer) + 1) % len(question.choices))
    assert pilot.scene.name == "feedback"
    sizes = {r.fit.px for r in app.view.reports if r.text in question.choices}
    assert len(sizes) == 1 and pilot.overflows == []
    app.reset(menus.HelpScene(app))  # Help's four cards, at the largest text size too
    app.draw()
    bodies = {r.fit.px for r in app.view.reports if r.text in dict(menus.HELP_SECTIONS).values()}
    assert len(bodies) == 1


def test_a_menu_shows_one_label_size_even_at_the_largest_text_on_a_small_window(pilot):
    app = pilot.app
    resize(app, SHAPES["4:3"])
    app.set_prefs(replace(app.prefs, text_size="largest"))
    pilot.press(pygame.K_RETURN)  # Play: the setup's two columns of switches
    setup = pilot.scene
    labels = {r.fit.px for r in app.view.reports if r.text in {b.label for b in setup.menu.buttons}}
    values = {r.fit.px for r in app.view.reports if r.text in {b.hint for b in setup.menu.buttons if b.hint}}
    assert len(labels) == 1 and len(values) == 1 and max(values) <= max(labels)
    assert max(labels) > app.view.font_px(theme.SIZE_BODY) / 1.5  # bigger than at the normal size


def test_the_why_box_gets_the_room_its_explanation_needs(pilot):
    app = pilot.app
    question = max(pool(app, "trope-to-character"), key=lambda q: len(q.explanation))
    question_scene(app, question)
    pilot.press(pygame.K_1)
    assert pilot.scene.name == "feedback"
    why = next(r for r in app.view.reports if r.text == question.explanation)
    assert why.fit.px == app.view.font_px(theme.SIZE_BODY)  # full size, never shrunk to fit
    assert why.fit.height / app.view.scale > 0.5 * (why.box[3])  # and the box is not mostly empty


def test_text_sizes_go_up_in_steps_that_matter(pilot):
    app = pilot.app
    assert max(theme.TEXT_SIZES.values()) >= 1.5
    steps = sorted(theme.TEXT_SIZES.values())
    assert all(b - a >= 0.099 for a, b in zip(steps, steps[1:]))
    app.draw()
    normal = {r.text: r.fit.px for r in app.view.reports}
    app.set_prefs(replace(app.prefs, text_size="largest"))
    app.draw()
    largest = {r.text: r.fit.px for r in app.view.reports}
    assert largest["Play"] >= 1.45 * normal["Play"]


def test_setup_footer_names_a_pack_once_at_full_size(pilot):
    app = pilot.app
    pilot.press(pygame.K_RETURN)  # Play
    setup = pilot.scene
    world = next(p for p in app.library.packs if not p.is_fact_pack)
    while setup.value("packs")[0] != world.id:
        setup.change("packs", 1)
    setup.rounds_on["Name Them"] = True  # five rounds of the pack's questions
    setup._refresh()
    pilot.step()
    footer = next(r for r in app.view.reports if r.text.startswith("Rounds:"))
    assert footer.text.count(world.title) == 1 and "× 5 rounds" in footer.text
    assert footer.fit.px == app.view.font_px(theme.SIZE_SMALL)


def test_typography_curls_quotes_and_ties_the_last_word():
    assert typeset('An example of “"Not So Different" Remark”?') == "An example of “‘Not So Different’\u00a0Remark”?"
    assert typeset('Is "Paul" right?') == "Is “Paul”\u00a0right?"
    pygame.font.init()
    theme.font.cache_clear()
    text = "The implant finds your one true match, and the company behind it wants everyone to try"
    font = theme.font("regular", 30)
    for width in range(300, 1200, 7):
        lines = fit_text(typeset(text), "regular", 30, width, 10**6).lines
        if len(lines) > 1:
            assert " " in lines[-1].replace("\u00a0", " ").strip(), (width, lines)  # never a lone last word
    assert font  # the font opened: the wrap above measured real glyphs


def test_the_packs_screen_shows_no_developer_text(pilot):
    app = pilot.app
    app.reset(menus.PacksScene(app))
    app.draw()
    assert not any("`" in text for text in drawn(app))


# --- state a player can see ---------------------------------------------------------------------

def test_extra_time_is_not_offered_in_an_untimed_game(pilot):
    app = pilot.app
    question = pool(app, "trope-to-character")[0]
    scene = question_scene(app, question, timer=False)
    assert [b.key for b in scene.lifeline_buttons] == ["fifty-fifty", "skip", "double-chance"]
    pilot.press(pygame.K_e)  # +Time's key does nothing, and nothing is spent
    assert "extra-time" in scene.game.lifelines_left
    assert not any("+Time" in text for text in drawn(app))
    timed = question_scene(app, question)
    assert "extra-time" in [b.key for b in timed.lifeline_buttons]


def test_daily_and_practice_are_labelled_while_playing(pilot):
    app = pilot.app
    play.start_daily(app)
    pilot.press(pygame.K_RETURN)
    assert pilot.scene.name in ("question", "typed-answer")
    assert "Daily challenge" in drawn(app)
    question = pool(app, "trope-to-character")[0]
    question_scene(app, question, mode="practice")
    app.draw()
    assert "Practice" in drawn(app)
    question_scene(app, question)
    app.draw()
    assert "Practice" not in drawn(app) and "Daily challenge" not in drawn(app)


def test_the_results_are_headed_with_the_players_name(pilot):
    app = pilot.app
    app.set_prefs(replace(app.prefs, name="Zoé"))
    session = play.start_game(app, Settings(rounds=play.ROUND_CHOICES[:1], questions_per_round=1, seed=3))
    assert session.game.player == "Zoé"
    for _ in range(10):
        if pilot.scene.name == "results":
            break
        if pilot.scene.name == "question":
            pilot.press(pygame.K_1)
        else:
            pilot.press(pygame.K_RETURN)
    assert pilot.scene.name == "results" and "Results for Zoé" in drawn(app)


def test_m_on_the_settings_screen_updates_the_sound_row(pilot):
    app = pilot.app
    app.reset(menus.SettingsScene(app))
    pilot.step()
    assert app.top.menu.button("sound").hint == "On"
    pilot.press(pygame.K_m)
    assert not app.prefs.sound and app.top.menu.button("sound").hint == "Off"


def test_true_false_tiles_are_a_sensible_height_and_the_hint_says_1_2(pilot):
    app = pilot.app
    question = pool(app, "true-false")[0]
    scene = question_scene(app, question)
    app.draw()
    assert all(tile.box[3] <= play.TRUE_FALSE_ROW_MAX for tile in scene.tiles())
    assert any("1–2 or A–B answer" in text for text in drawn(app))
    assert not any("1–4" in text for text in drawn(app))
    labels = {r.fit.px for r in app.view.reports if r.text in question.choices}
    assert labels == {app.view.font_px(theme.SIZE_TILE)}


def test_setup_remembers_the_last_games_choices(make_app, tmp_path):
    from game.engine import DEFAULT_ROUNDS
    from game.ui.app import Prefs
    assert Prefs().game_rounds == tuple(spec.title for spec in DEFAULT_ROUNDS)  # a first setup: the standard game
    app = make_app()
    pilot = Pilot(app)
    pilot.press(pygame.K_RETURN)
    setup = pilot.scene
    setup.change("round:Trope Match", 1)  # off: rounds are picked one by one
    setup.change("round:Who Loves Whom", 1)  # on
    setup.change("difficulty", 1)  # hard
    setup.change("questions", 1)  # 8
    setup.start()
    assert [r.title for r in pilot.scene.game.rounds][:1] == ["Who's Who"]
    saved = json.loads((tmp_path / "data" / "ui-settings.json").read_text())
    assert saved["game_difficulty"] == "hard" and saved["game_questions"] == 8
    pygame.quit()
    again = make_app()  # a new session: the choices come back from the saved settings
    setup = play.SetupScene(again)
    assert [spec.title for spec in setup.chosen_rounds()] == ["Who's Who", "Spot the Reveal", "Lightning",
                                                            "Who Loves Whom"]
    assert setup.value("difficulty") == "hard" and setup.value("questions") == 8


def test_the_quit_confirmation_replaces_the_pause_panel(pilot):
    app = pilot.app
    question = pool(app, "trope-to-character")[0]
    question_scene(app, question)
    pilot.press(pygame.K_ESCAPE)
    assert pilot.scene.name == "pause" and "Paused" in drawn(app)
    pilot.press(pygame.K_UP, pygame.K_RETURN)  # Quit to title
    assert pilot.scene.name == "confirm"
    pause = app.stack[-2][0]
    under_the_confirmation = pygame.Surface(app.window.get_size())
    pause.draw(under_the_confirmation)
    assert not any(pixels(under_the_confirmation))  # the pause panel steps aside: nothing peeks out
    assert "Quit this game? Its score will not be saved." in drawn(app)


def test_quitting_closes_the_window_before_anything_else(tmp_path, monkeypatch):
    from conftest import play_args
    from game.ui import app as app_module
    order = []
    real_display_quit, real_quit = pygame.display.quit, pygame.quit
    monkeypatch.setattr(pygame.display, "quit", lambda: (order.append("window"), real_display_quit()))
    monkeypatch.setattr(pygame, "quit", lambda: (order.append("everything"), real_quit()))
    assert app_module.run(play_args(tmp_path, frames=2)) == 0
    assert order[:2] == ["window", "everything"]


def test_test_mode_keeps_the_players_palette_text_size_and_gives_every_source_a_line(make_app, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "ui-settings.json").write_text(json.dumps({"palette": "colour-blind", "text_size": "largest"}))
    app = make_app(test_mode=True)
    assert app.view.palette is theme.COLOUR_BLIND_SAFE and app.view.text_scale == 1.5
    scene = app.top
    lines = {}
    for question in scene.questions:
        lines.setdefault(question.pack, []).append(scene.source_line(question))
    assert set(lines) == {p.id for p in app.library.packs}
    for pack, sources in lines.items():
        assert all(source.rsplit(":", 1)[-1].isdigit() for source in sources), pack
    assert json.loads((data / "ui-settings.json").read_text()) == {"palette": "colour-blind", "text_size": "largest"}


# --- motion -------------------------------------------------------------------------------------

def pixels(surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def test_animations_move_in_update_only_and_never_hold_up_input(pilot):
    app = pilot.app
    question = next(q for q in pool(app, "trope-to-character") if len(q.choices) == 4)
    scene = question_scene(app, question)
    scene.motion.start("appear", 0.3)
    assert scene.motion.busy
    first = pygame.Surface(app.window.get_size())
    second = pygame.Surface(app.window.get_size())
    app.draw(first)
    app.draw(second)
    assert pixels(first) == pixels(second)  # drawing twice moved nothing
    app.update(0.1)
    app.draw(second)
    assert pixels(first) != pixels(second)  # time did
    # Mid-animation, a key answers at once: no waiting for the tiles to land.
    pilot.press(pygame.K_1 + question.choices.index(question.answer), step=False)
    pilot.step(dt=0.0)
    assert pilot.scene.name == "feedback"
    assert all(duration <= 0.4 for _, duration in pilot.scene.motion.running.values())


def test_the_right_answer_pulses_the_score_counts_and_the_streak_grows(pilot):
    app = pilot.app
    session = play.start_game(app, Settings(rounds=play.ROUND_CHOICES[:1], questions_per_round=5, seed=4))
    pilot.press(pygame.K_RETURN)
    widths = []
    for _ in range(3):
        question = pilot.scene.question
        pilot.press(pygame.K_1 + question.choices.index(question.answer))
        feedback = pilot.scene
        assert feedback.motion.active("reveal") and feedback.motion.active("count")
        if session.game.streak > 1:
            assert feedback.motion.active("streak") and app.sound.played[-2:] == ["right", "select"]
            pilot.step(dt=0.5)
            widths.append(next(r.box[2] for r in app.view.reports if r.text.startswith("Streak ×")))
        pilot.press(pygame.K_RETURN)
    assert len(widths) == 2 and widths[1] > widths[0]  # the streak's pill grows with the streak


def test_the_round_summary_slides_in_and_the_results_celebrate(pilot):
    app = pilot.app
    play.start_game(app, Settings(rounds=play.ROUND_CHOICES[:1], questions_per_round=1, seed=4))
    pilot.press(pygame.K_RETURN)
    question = pilot.scene.question
    pilot.press(pygame.K_1 + question.choices.index(question.answer), pygame.K_RETURN)
    assert pilot.scene.name == "round-summary"
    title_y = lambda: next(r.box[1] for r in app.view.reports if r.text.startswith("End of"))  # noqa: E731
    sliding = title_y()
    pilot.step(dt=0.5)
    assert title_y() < sliding  # it came up into place
    pilot.press(pygame.K_RETURN)
    results = pilot.scene
    assert results.name == "results" and results.motion.active("podium") and app.sound.played[-1] == "round_end"
    celebrating = pygame.Surface(app.window.get_size())
    app.draw(celebrating)
    pilot.step(dt=0.5)
    assert not results.motion.busy
    settled = pygame.Surface(app.window.get_size())
    app.draw(settled)
    assert pixels(celebrating) != pixels(settled)
    assert f"{results.results.total:,}" in drawn(app)  # the score counted all the way up


def test_reduce_motion_is_a_setting_that_turns_every_animation_off(pilot):
    app = pilot.app
    app.reset(menus.SettingsScene(app))
    pilot.step()
    settings = app.top
    settings.menu.focus = settings.menu.buttons.index(settings.menu.button("reduce_motion"))
    pilot.press(pygame.K_RETURN)
    assert app.prefs.reduce_motion and app.view.reduce_motion
    assert settings.menu.button("reduce_motion").hint == "On"
    play.start_game(app, Settings(rounds=play.ROUND_CHOICES[:1], questions_per_round=1, seed=4))
    assert not pilot.scene.motion.busy
    pilot.press(pygame.K_RETURN)
    question = pilot.scene.question
    pilot.press(pygame.K_1 + question.choices.index(question.answer))
    assert not pilot.scene.motion.busy and pilot.scene.motion.progress("count") == 1.0
