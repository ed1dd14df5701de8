"""Every scene: text fits its box at any window size, the window scales crisply, and the
settings, packs, scores, practice and daily scenes do what they say."""
import pygame
import pytest

from conftest import Pilot
from game.engine import Game, RoundSpec, Settings
from game.generator import Generator
from game.packs import load_library
from game.ui import theme
from game.ui.scenes import menus, play
from game.ui.scenes.overlays import ConfirmScene, PauseScene
from game.ui.scenes.results import NameEntryScene
from game.ui.scenes.title import TitleScene
from game.ui.widgets import fit_text

WINDOW_SIZES = [(1280, 720), (1920, 1080), (854, 480), (1024, 768), (720, 1280)]


def overflows_at_every_size(app) -> list:
    """Draw the current scene stack at several window sizes and text sizes; what did not fit."""
    bad = []
    for size in WINDOW_SIZES:
        for text_scale in theme.TEXT_SIZES.values():
            app.view.resize(size)
            app.view.text_scale = text_scale
            app.draw(pygame.Surface(size))
            bad += [(app.top.name, size, text_scale, r.text) for r in app.view.reports if not r.fit.fitted]
    app.view.resize(app.window.get_size())
    app.view.text_scale = 1.0
    return bad


def test_every_scene_of_a_game_fits_at_every_window_and_text_size(pilot):
    app = pilot.app
    visited, bad = set(), []

    def check():
        if app.top.name not in visited:
            visited.add(app.top.name)
            bad.extend(overflows_at_every_size(app))

    check()  # title
    for scene in (menus.SettingsScene(app), menus.HelpScene(app), menus.PacksScene(app),
                  menus.HighScoresScene(app), play.SetupScene(app)):
        app.push(scene)
        check()
        app.pop()
    play.start_game(app, Settings(rounds=play.ROUND_CHOICES, questions_per_round=2, seed=5))
    for _ in range(200):
        check()
        name = app.top.name
        if name == "question":
            if "pause" not in visited:
                app.push(PauseScene(app))
                check()
                app.push(ConfirmScene(app, "Quit this game? Its score will not be saved."))
                check()
                app.pop()
                app.pop()
            pilot.press(pygame.K_1)
        elif name == "typed-answer":
            pilot.type("Paul")
            pilot.press(pygame.K_RETURN)
        elif name == "results":
            pilot.press(pygame.K_LEFT, pygame.K_RETURN)  # review the misses
            check()
            pilot.press(pygame.K_ESCAPE)
            app.push(NameEntryScene(app, 12345, "A very long player name"))
            check()
            break
        else:
            pilot.press(pygame.K_RETURN)
    assert {"title", "settings", "help", "packs", "high-scores", "setup", "round-card", "question", "typed-answer",
            "feedback", "round-summary", "results", "review", "pause", "confirm", "name-entry"} <= visited
    assert bad == []


class FixedQuestions:
    """Stands in for the generator so that a game plays exactly the questions given."""

    def __init__(self, questions):
        self.questions = questions

    def quiz(self, count, seed, kinds=None, exclude=frozenset(), weights=None):
        return [q for q in self.questions if q.id not in exclude][:count]


def test_every_question_the_generator_builds_fits_its_question_and_feedback_screens(make_app):
    app = make_app()
    pilot = Pilot(app)
    questions = Generator(app.library.facts).pool()
    assert len(questions) > 100
    app.set_prefs(app.prefs.__class__(text_size="large"))
    for question in questions:
        settings = Settings(rounds=(RoundSpec(question.kind, (question.kind,), "one question"),),
                            questions_per_round=1)
        game = Game(None, settings, clock=app.clock, generator=FixedQuestions([question]))
        session = play.Session(app, settings, game=game)
        app.reset(session.scene())
        pilot.press(pygame.K_RETURN)
        assert pilot.scene.question == question
        if question.is_typed:
            pilot.type("nobody at all")
            pilot.press(pygame.K_RETURN)
        else:
            pilot.press(pygame.K_2)  # the long explanation of a wrong answer, with both tiles marked
        assert pilot.scene.name == "feedback"
    assert pilot.overflows == []


def test_text_is_rendered_at_the_real_pixel_size_not_scaled_up(pilot):
    app = pilot.app
    app.draw()
    small = {r.text: r.fit.px for r in app.view.reports}
    app.view.resize((2560, 1440))
    app.draw(pygame.Surface((2560, 1440)))
    large = {r.text: r.fit.px for r in app.view.reports}
    assert large["OSMOSIS"] >= 2 * small["OSMOSIS"] - 1
    assert large["Play"] >= 2 * small["Play"] - 1


def test_resizing_the_window_keeps_clicks_on_target(pilot):
    app = pilot.app
    app.window = pygame.display.set_mode((1600, 1000), pygame.RESIZABLE)
    pilot.post(pygame.VIDEORESIZE, size=(1600, 1000), w=1600, h=1000)
    pilot.step()
    # 16:10 is laid out as 16:10, not letterboxed: the canvas covers the window edge to edge.
    assert app.view.scale * app.view.width == pytest.approx(1600)
    assert app.view.scale * app.view.height == pytest.approx(1000)
    assert app.view.size == pytest.approx((1152, 720))
    pilot.click_box(app.top.menu.button("help").box)
    assert pilot.scene.name == "help"


def test_fit_text_wraps_then_shrinks_and_reports_what_cannot_fit():
    pygame.font.init()
    theme.font.cache_clear()
    long_text = "The implant finds your one true match. " * 6
    fit = fit_text(long_text, "regular", 40, 600, 200, 12)
    assert fit.fitted and len(fit.lines) > 1 and fit.px < 40 and fit.height <= 200 and fit.width <= 600
    roomy = fit_text("Paul", "regular", 40, 600, 200, 12)
    assert roomy.fitted and roomy.px == 40 and roomy.lines == ("Paul",)
    impossible = fit_text("Supercalifragilisticexpialidocious" * 3, "bold", 40, 100, 30, 12)
    assert not impossible.fitted


@pytest.mark.parametrize("palette", list(theme.PALETTES.values()), ids=list(theme.PALETTES))
def test_answer_tiles_are_readable_and_differ_by_shape_too(palette):
    for tile in palette.tiles:
        assert theme.contrast(theme.ink_on(tile.fill), tile.fill) >= 4.5
    assert len({tile.shape for tile in palette.tiles}) == 4
    assert len({tile.fill for tile in palette.tiles}) == 4
    for fill in (palette.right, palette.wrong):
        assert theme.contrast(theme.ink_on(fill), fill) >= 4.5
        assert theme.contrast(fill, theme.PANEL) >= 3  # large verdict text on a panel


def test_settings_change_the_palette_and_are_remembered(make_app, tmp_path):
    app = make_app()
    pilot = Pilot(app)
    pilot.click_box(app.top.menu.button("settings").box)
    assert pilot.scene.name == "settings"
    settings = pilot.scene
    settings.menu.focus = [b.key for b in settings.menu.buttons].index("palette")
    pilot.press(pygame.K_RIGHT)
    assert app.view.palette is theme.COLOUR_BLIND_SAFE
    settings.menu.focus = [b.key for b in settings.menu.buttons].index("text_size")
    pilot.press(pygame.K_RIGHT)
    assert app.prefs.text_size == "large"
    # the preview tile at the bottom is drawn in the new palette
    px, py, _, ph = settings.preview
    x, y = app.view.point(px + 100, py + ph - 4)
    assert tuple(app.window.get_at((x, y)))[:3] == theme.COLOUR_BLIND_SAFE.tiles[0].fill
    pygame.quit()
    again = make_app()
    assert again.prefs.palette == "colour-blind" and again.prefs.text_size == "large"


def test_m_mutes_except_while_typing_a_name(pilot):
    app = pilot.app
    pilot.press(pygame.K_m)
    assert app.prefs.sound is False
    app.sound.played.clear()
    pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_m)
    assert app.prefs.sound is True
    app.push(NameEntryScene(app, 100, ""))
    pilot.step()
    pilot.press(pygame.K_m)
    pilot.type("m")
    assert app.prefs.sound is True and app.top.input.text == "m"


def test_a_gamepad_drives_the_menus(pilot):
    pilot.post(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_DPAD_DOWN, instance_id=0)
    pilot.post(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_DPAD_UP, instance_id=0)
    pilot.post(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_A, instance_id=0)
    pilot.step()
    assert pilot.scene.name == "setup"
    pilot.post(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_B, instance_id=0)
    pilot.step()
    assert pilot.scene.name == "title"
    pilot.post(pygame.JOYHATMOTION, value=(0, -1), instance_id=5, joy=5, hat=0)
    pilot.step()
    assert pilot.scene.menu.focused_key == "party"  # the item under Play


def test_the_pack_browser_lists_refused_packs_with_their_reason(make_app, tmp_path):
    extra = tmp_path / "more-packs"
    extra.mkdir()
    (extra / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    app = make_app(packs=[extra])
    pilot = Pilot(app)
    pilot.click_box(app.top.menu.button("packs").box)
    assert pilot.scene.name == "packs"
    texts = [r.text for r in app.view.reports]
    assert any("Refused: broken.yaml" in t for t in texts)
    refused = app.library.refused[0]
    assert refused.reason in texts and "broken.yaml" in refused.reason
    assert any(p.title in t for p in app.library.packs for t in texts)
    assert pilot.overflows == []


def test_the_pack_browser_tags_every_pack_with_where_it_comes_from(make_app, tmp_path):
    extra = tmp_path / "more-packs"
    extra.mkdir()
    (extra / "mine.yaml").write_text(
        'id: mine\ntitle: "Mine"\nquestions:\n  - id: q1\n    prompt: "Who runs Osmosis?"\n'
        '    choices: [Paul, Ana]\n    answer: Paul\n    explanation: "Paul and Esther founded it."\n',
        encoding="utf-8")
    app = make_app(packs=[extra])
    assert [p.id for p in app.library.packs] == ["osmosis", "world", "mine"], app.library.refused
    app.push(menus.PacksScene(app))
    pilot = Pilot(app)
    pilot.step()
    tags = [r.text for r in app.view.reports if r.box[0] > 800 and r.text]
    assert tags == ["Built-in", "Built-in", "From more-packs/"]
    texts = [r.text for r in app.view.reports]
    world = next(p for p in app.library.packs if p.id == "world")
    assert any(t.startswith(f"by {world.author} · ") for t in texts)  # the author joins the counts


def test_a_save_problem_is_shown_on_the_title_and_the_game_still_plays(make_app, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    app = make_app(data_dir=blocked)
    pilot = Pilot(app)
    pilot.step()  # the first frame shows before the save file is opened
    assert "loading packs…" in " ".join(r.text for r in app.view.reports)
    pilot.step()
    assert app.store.warning
    warning = app.store.warning
    assert warning[0].upper() + warning[1:] in [r.text for r in app.view.reports]  # shown as a sentence
    pilot.press(pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN)
    assert pilot.scene.name == "question"


def test_practice_needs_saved_misses_then_plays_them(pilot, tmp_path):
    app = pilot.app
    practice = app.top.menu.button("practice")
    pilot.click_box(practice.box)
    assert pilot.scene.name == "title"
    assert any("No missed questions saved" in r.text for r in app.view.reports)
    # a finished game with misses, saved for this player
    game = Game(app.library.facts, Settings(seed=3, questions_per_round=2), clock=app.clock)
    while game.phase.value != "finished":
        if game.phase.value == "question":
            game.answer("definitely not it")
        else:
            game.next()
    assert app.store.save_game(game.results(), game.settings, app.prefs.name)
    pilot.click_box(practice.box)
    assert pilot.scene.name == "round-card"
    assert pilot.scene.session.settings.mode == "practice"
    missed = {o.question.id for o in game.results().missed}
    assert set(pilot.scene.game.weights) == missed


def test_the_daily_challenge_is_the_same_quiz_twice(make_app):
    def first_question_ids(app):
        pilot = Pilot(app)
        pilot.click_box(app.top.menu.button("daily").box)
        assert pilot.scene.name == "round-card" and pilot.scene.session.settings.mode == "daily"
        return [q.id for q in pilot.scene.game.current_round.questions]

    first = first_question_ids(make_app())
    pygame.quit()
    assert first == first_question_ids(make_app())
    # and the terminal's daily challenge is the same quiz
    from argparse import Namespace

    from game.terminal import game_settings
    library = load_library()
    args = Namespace(daily=True, practice=False, no_spoilers=False, difficulty="hard", seed=None)
    terminal = Game(library.facts, game_settings(args, True, library.packs), clock=None)
    assert [q.id for q in terminal.current_round.questions] == first


def test_the_daily_challenge_without_the_timer_goes_to_its_own_table(make_app):
    timed = make_app()
    pilot = Pilot(timed)
    pilot.click_box(timed.top.menu.button("daily").box)
    timed_ids = [q.id for q in pilot.scene.game.current_round.questions]
    timed.set_prefs(timed.prefs.__class__(timer=False))
    timed.reset(TitleScene(timed))
    pilot.click_box(timed.top.menu.button("daily").box)
    session = pilot.scene.session
    assert (session.settings.mode, session.settings.timer) == ("daily relaxed", False)
    assert [q.id for q in pilot.scene.game.current_round.questions] == timed_ids  # the same quiz


def test_high_scores_filter_by_mode(pilot):
    app = pilot.app
    store = app.store
    for mode, seed in (("classic", 1), ("daily", 2)):
        game = Game(app.library.facts, Settings(seed=seed, questions_per_round=1, mode=mode, timer=False), clock=app.clock)
        while game.phase.value != "finished":
            if game.phase.value == "question":
                game.answer(game.question.answer)
            else:
                game.next()
        store.save_game(game.results(), game.settings, f"{mode} player")
    pilot.click_box(app.top.menu.button("scores").box)
    names = lambda: {r.text for r in app.view.reports}  # noqa: E731
    assert {"classic player", "daily player"} <= names()
    pilot.press(pygame.K_RIGHT)  # every mode -> classic
    assert "classic player" in names() and "daily player" not in names()


def test_f11_switches_full_screen_and_back_keeping_the_layout(pilot):
    app = pilot.app
    pilot.press(pygame.K_F11)
    assert app.prefs.fullscreen is True
    assert pygame.display.get_surface().get_flags() & pygame.FULLSCREEN
    assert app.view.window_size == app.window.get_size()
    pilot.press(pygame.K_F11)
    assert app.prefs.fullscreen is False
    assert app.window.get_size() == theme.LOGICAL_SIZE
    pilot.press(pygame.K_RETURN)
    assert pilot.scene.name == "setup"


def test_a_pack_of_hand_written_questions_plays_as_its_own_rounds(pilot):
    app = pilot.app
    world = next((p for p in app.library.packs if not p.is_fact_pack), None)
    if world is None:
        pytest.skip("no pack of hand-written questions only is shipped")
    pilot.press(pygame.K_RETURN)
    setup = pilot.scene
    setup.menu.focus = [b.key for b in setup.menu.buttons].index("packs")
    while setup.value("packs")[0] != world.id:
        pilot.press(pygame.K_RIGHT)
    setup.menu.focus = [b.key for b in setup.menu.buttons].index("start")
    pilot.press(pygame.K_RETURN)
    assert pilot.scene.name == "round-card"
    pilot.press(pygame.K_RETURN)
    question = pilot.scene.question
    assert question.kind == "pack" and question.pack == world.id
    assert question.prompt in {q.prompt for q in world.questions}


def test_a_long_file_path_breaks_after_a_slash_instead_of_overflowing():
    pygame.font.init()
    theme.font.cache_clear()
    path = "/home/someone/" + "/".join(["a-rather-long-folder-name"] * 6) + "/test-mode-flags-20261125-114501.txt"
    fit = fit_text(path, "semibold", 24, 400, 300, 12)
    assert fit.fitted and len(fit.lines) > 1 and "".join(fit.lines) == path
    assert all(line.endswith("/") for line in fit.lines[:-1])


def test_a_damaged_settings_file_falls_back_to_defaults_per_value(make_app, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "ui-settings.json").write_text(
        '{"volume": "loud", "sound": false, "palette": "neon", "text_size": "large", "fullscreen": 1}')
    app = make_app(data_dir=data)
    assert (app.prefs.volume, app.prefs.sound, app.prefs.palette, app.prefs.text_size, app.prefs.fullscreen) == \
        (0.7, False, "standard", "large", False)
    (data / "ui-settings.json").write_text("[not json")
    pygame.quit()
    from game.ui.app import Prefs
    assert make_app(data_dir=data).prefs == Prefs()


def test_setup_lists_the_rounds_the_game_will_really_have(pilot):
    pilot.press(pygame.K_RETURN)
    setup = pilot.scene
    setup.menu.focus = [b.key for b in setup.menu.buttons].index("spoilers")
    pilot.press(pygame.K_RIGHT)  # spoilers off: no twist can be asked
    assert setup.value("spoilers") is False
    drawn = [r.text for r in pilot.app.view.reports]
    preview = "Rounds: Who's Who → Trope Match → Lightning\nLeft out, no questions with these options: Spot the Reveal"
    assert preview in drawn
    setup.menu.focus = [b.key for b in setup.menu.buttons].index("start")
    pilot.press(pygame.K_RETURN)
    assert [rnd.title for rnd in pilot.scene.game.rounds] == ["Who's Who", "Trope Match", "Lightning"]
    assert pilot.scene.name == "round-card" and "Round 1 of 3" in [r.text for r in pilot.app.view.reports]


def test_m_says_what_it_did_on_any_screen_then_the_notice_goes(pilot):
    drawn = lambda: [r.text for r in pilot.app.view.reports]  # noqa: E731
    pilot.press(pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN)  # a question: no sound setting in sight
    pilot.press(pygame.K_m)
    assert "Sound off" in drawn() and pilot.app.prefs.sound is False
    pilot.step(dt=1.0, frames=2)
    assert "Sound off" not in drawn()
    pilot.press(pygame.K_m)
    assert "Sound on" in drawn()
    assert pilot.overflows == []


@pytest.mark.parametrize("content, reason", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("[not json", "not valid JSON at line 1"),
    ('["a list", "not settings"]', "not a JSON object"),
    (b"\xff\xfe{}", "not UTF-8 text"),
])
def test_an_unreadable_settings_file_starts_with_the_defaults_and_one_line_saying_so(
        make_app, tmp_path, capsys, content, reason):
    data = tmp_path / "data"
    data.mkdir()
    settings = data / "ui-settings.json"
    settings.write_bytes(content if isinstance(content, bytes) else content.encode())
    from game.ui.app import Prefs
    assert make_app(data_dir=data).prefs == Prefs()
    assert capsys.readouterr().err.splitlines() == [
        f"osmosis-quiz: cannot read the settings in {settings} ({reason}); using the default settings"]


def test_a_family_emoji_typed_as_a_name_stays_whole_and_is_erased_whole(pilot):
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"
    app = pilot.app
    app.push(NameEntryScene(app, 100, ""))
    pilot.step()
    pilot.type("Al" + family)  # one code point per event: the joiners arrive on their own
    assert app.top.input.text == "Al" + family
    pilot.press(pygame.K_BACKSPACE)
    assert app.top.input.text == "Al"
