"""`--screenshot DIR`: play a seeded game through the real scenes and save each one as a PNG.

The tour itself (`tour`) only drives the scenes and calls `visit(name)` on each one, so the
frame-time benchmark walks exactly the scenes the screenshots show. Scores go to a
throwaway folder, never the player's; the same seed gives the same pictures.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pygame

SEED = 2019
DEMO_PLAYERS = (("Ana", 11), ("Niels", 12), ("Lucas", 13))


def save_screenshots(app, out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []

    def save(name: str) -> None:
        app.update(1 / 60)
        app.draw()
        saved.append(name)
        pygame.image.save(app.window, str(out_dir / f"{len(saved):02d}-{name}.png"))

    tour(app, save)
    print(f"saved {len(saved)} screenshots to {out_dir}")
    return 0


def tour(app, visit) -> None:
    """Walk a seeded game through every scene, calling `visit(scene_name)` on each."""
    from ..engine import Settings
    from ..storage import Store
    from .scenes import menus, play
    from .scenes.title import TitleScene

    with tempfile.TemporaryDirectory(prefix="osmosis-shots-") as scratch:
        app.test_mode = False
        app._store = Store.open(Path(scratch))
        app.data_dir = Path(scratch)
        settings = Settings(rounds=play.ROUND_CHOICES[:play.STANDARD_ROUND_COUNT + 1], questions_per_round=3,
                            seed=SEED, mode="classic")
        _demo_scores(app, settings)
        shots = Shots(app, visit)
        app.reset(TitleScene(app))
        shots.take("title")
        app.push(play.SetupScene(app))
        shots.take("setup")
        app.pop()
        play.start_game(app, settings)
        shots.take("round-card")
        shots.press(pygame.K_RETURN)
        app.update(6.5)  # some time gone: the timer bar part-way down
        shots.take("question")
        question = app.top.question
        shots.press(pygame.K_1 + next(i for i, c in enumerate(question.choices) if c != question.answer))
        shots.take("feedback")
        shots.press(pygame.K_RETURN)
        shots.press(pygame.K_ESCAPE)
        shots.take("pause")
        shots.press(pygame.K_DOWN, pygame.K_DOWN, pygame.K_DOWN, pygame.K_RETURN)
        shots.take("confirm-quit")
        shots.press(pygame.K_ESCAPE, pygame.K_ESCAPE)
        _play_until(app, shots, "round-summary")
        shots.take("round-summary")
        _play_until(app, shots, "typed-answer")
        for ch in "Lucas":
            app.handle(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        shots.take("typed-answer")
        _play_until(app, shots, "results")
        shots.take("results")
        shots.press(pygame.K_LEFT, pygame.K_RETURN)  # Review misses
        shots.take("review")
        shots.press(pygame.K_ESCAPE, pygame.K_RIGHT, pygame.K_RETURN)  # back, then Continue
        if app.top.name == "name-entry":
            for ch in "Joséphine":
                app.handle(pygame.event.Event(pygame.TEXTINPUT, text=ch))
            shots.take("name-entry")
            shots.press(pygame.K_RETURN)
        if app.top.name != "high-scores":
            app.reset(menus.HighScoresScene(app, "classic"))
        shots.take("high-scores")
        app.reset(menus.PacksScene(app))
        shots.take("packs")
        app.reset(menus.SettingsScene(app))
        shots.take("settings")
        app.reset(menus.HelpScene(app))
        shots.take("help")
        from .scenes.testmode import TestModeScene
        app.test_mode = True
        app.reset(TestModeScene(app, None))
        shots.take("test-mode")
        app._store.close()


class Shots:
    def __init__(self, app, visit):
        self.app, self.visit = app, visit

    def press(self, *keys) -> None:
        for key in keys:
            self.app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
            self.app.update(1 / 60)

    def take(self, name: str) -> None:
        self.visit(name)


def _play_until(app, shots: Shots, wanted: str, limit: int = 200) -> None:
    """Answer right (the second question of each round wrong) until the scene `wanted` is on top."""
    for _ in range(limit):
        scene = app.top
        if scene.name == wanted:
            return
        if scene.name == "question":
            question = scene.question
            index = question.choices.index(question.answer)
            if scene.game.current_round.position == 1:
                index = (index + 1) % len(question.choices)
            shots.press(pygame.K_1 + index)
        elif scene.name == "typed-answer":
            for ch in scene.question.answer:
                app.handle(pygame.event.Event(pygame.TEXTINPUT, text=ch))
            shots.press(pygame.K_RETURN)
        else:
            shots.press(pygame.K_RETURN)
    raise RuntimeError(f"screenshots: never reached {wanted}")


def _demo_scores(app, settings) -> None:
    """A few earlier games in the throwaway score file, so the table is not empty."""
    from dataclasses import replace

    from ..engine import FakeClock, Game, Phase
    for name, seed in DEMO_PLAYERS:
        game = Game(app.library.facts, replace(settings, seed=seed), clock=FakeClock())
        while game.phase is not Phase.FINISHED:
            if game.phase is Phase.QUESTION:
                question = game.question
                wrong = len(game.scoreboard.outcomes) % (seed % 4 + 2) == 0
                game.answer(next(c for c in question.choices if c != question.answer) if wrong and question.choices
                            else question.answer)
            else:
                game.next()
        app._store.save_game(game.results(), settings, name)
