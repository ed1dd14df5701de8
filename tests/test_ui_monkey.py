"""A monkey at the controls: thousands of random events (keys, text, mouse, wheel, gamepad,
resizes, focus loss) and made-up frame times across every scene, seeded and bounded.
Nothing may raise, and no text may leave its box."""
import random

import pygame

from conftest import Pilot
from game.engine import Settings
from game.ui.scenes import menus, play
from game.ui.scenes.overlays import ConfirmScene, PauseScene
from game.ui.scenes.results import NameEntryScene, ReviewScene
from game.ui.scenes.testmode import TestModeScene
from game.ui.scenes.title import TitleScene

KEYS = [pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_RETURN, pygame.K_SPACE,
        pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_m, pygame.K_f, pygame.K_q, pygame.K_w, pygame.K_e,
        pygame.K_r, pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_a, pygame.K_b, pygame.K_c,
        pygame.K_d, pygame.K_z, pygame.K_TAB, pygame.K_KP_ENTER, pygame.K_F1]
TEXT = ["a", "é", "Ö", "ç", "Paul", "Joséphine", " ", "🙂", "\u0301", "ß", "汉", "\t", "x" * 30]
SIZES = [(1280, 720), (800, 600), (1920, 1080), (640, 360), (1000, 1000)]
EVENTS_PER_SCENE = 350


def random_event(rng: random.Random) -> pygame.event.Event:
    kind = rng.random()
    if kind < 0.45:
        return pygame.event.Event(pygame.KEYDOWN, key=rng.choice(KEYS), mod=0, unicode="", scancode=0)
    if kind < 0.6:
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXT))
    pos = (rng.randint(-50, 1400), rng.randint(-50, 800))
    if kind < 0.7:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    if kind < 0.8:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice([1, 1, 1, 2, 3]))
    if kind < 0.84:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-1, 1]), flipped=False)
    if kind < 0.92:
        return pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=0, button=rng.randint(0, 14))
    if kind < 0.95:
        return pygame.event.Event(pygame.JOYHATMOTION, instance_id=3, joy=3, hat=0,
                                  value=rng.choice([(0, 1), (0, -1), (1, 0), (-1, 0), (0, 0)]))
    if kind < 0.98:
        size = rng.choice(SIZES)
        return pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
    if kind < 0.99:
        return pygame.event.Event(pygame.WINDOWFOCUSLOST)
    return pygame.event.Event(pygame.JOYDEVICEADDED, device_index=rng.randint(0, 3))  # no such pad here


def scenes_to_start_from(app):
    """Every scene, built the way the game builds it."""
    def game_at(phase_steps: int):
        def build():
            session = play.Session(app, Settings(rounds=play.ROUND_CHOICES, questions_per_round=2,
                                                 seed=phase_steps))
            for step in range(phase_steps):
                if session.game.phase.value == "finished":
                    break
                if session.game.phase.value == "question":
                    question = session.game.question
                    session.game.answer(question.answer if step % 3 else "not the answer")
                else:
                    session.game.next()
            return session.scene()
        return build

    def review():
        results = game_at(400)()  # the results of a finished game, with misses
        assert results.name == "results" and results.results.missed
        return ReviewScene(app, results.results, 1)

    return [
        lambda: TitleScene(app), lambda: play.SetupScene(app), lambda: menus.SettingsScene(app),
        lambda: menus.HelpScene(app), lambda: menus.PacksScene(app), lambda: menus.HighScoresScene(app),
        game_at(0), game_at(1), game_at(2), game_at(5), game_at(9), game_at(400), review,
        lambda: PauseScene(app), lambda: ConfirmScene(app, "Quit?"), lambda: NameEntryScene(app, 5000, "Ana"),
        lambda: TestModeScene(app, None),
    ]


def test_random_events_on_every_scene_never_crash_and_text_always_fits(make_app, tmp_path):
    app = make_app(data_dir=tmp_path / "data")
    app.data_dir = tmp_path / "data"
    pilot = Pilot(app)
    rng = random.Random(20191226)
    visited = set()
    for build in scenes_to_start_from(app):
        app.running = True
        app.reset(TitleScene(app))
        app.push(build())
        for _ in range(EVENTS_PER_SCENE):
            if not app.running or not app.stack:
                app.running = True
                app.reset(TitleScene(app))
            event = random_event(rng)
            if event.type == pygame.VIDEORESIZE:
                app.view.resize(event.size)  # the dummy window cannot really resize
                continue
            app.handle(event)
            visited.add(app.top.name if app.stack else "")
            if rng.random() < 0.3 and app.stack:
                pilot.step(dt=rng.choice([0.0, 1 / 60, 0.25, 3.0, 25.0]))
    assert {"results", "review"} <= visited and len(visited) >= 16, visited
    assert pilot.overflows == []
