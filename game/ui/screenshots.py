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
        # Each scene as it settles: the pictures show the final state, not a frame of an animation.
        motion, app.view.reduce_motion = app.view.reduce_motion, True
        app.draw()
        app.view.reduce_motion = motion
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
        app.reset(TitleScene(app))
        visit("title")
        app.push(play.SetupScene(app))
        visit("setup")
        app.pop()
        play.start_game(app, settings)
        visit("round-card")
        press(app, pygame.K_RETURN)
        app.update(6.5)  # some time gone: the timer bar part-way down
        visit("question")
        question = app.top.question
        press(app, pygame.K_1 + next(i for i, c in enumerate(question.choices) if c != question.answer))
        visit("feedback")
        press(app, pygame.K_RETURN)
        press(app, pygame.K_ESCAPE)
        visit("pause")
        press(app, pygame.K_DOWN, pygame.K_DOWN, pygame.K_DOWN, pygame.K_RETURN)
        visit("confirm-quit")
        press(app, pygame.K_ESCAPE, pygame.K_ESCAPE)
        _play_until(app, "round-summary")
        visit("round-summary")
        _play_until(app, "typed-answer")
        for ch in "Lucas":
            app.handle(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        visit("typed-answer")
        _play_until(app, "results")
        visit("results")
        press(app, pygame.K_LEFT, pygame.K_RETURN)  # Review misses
        visit("review")
        press(app, pygame.K_ESCAPE, pygame.K_RIGHT, pygame.K_RETURN)  # back, then Continue
        if app.top.name == "name-entry":
            for ch in "Joséphine":
                app.handle(pygame.event.Event(pygame.TEXTINPUT, text=ch))
            visit("name-entry")
            press(app, pygame.K_RETURN)
        if app.top.name != "high-scores":
            app.reset(menus.HighScoresScene(app, "classic"))
        visit("high-scores")
        app.reset(menus.PacksScene(app))
        visit("packs")
        app.reset(menus.SettingsScene(app))
        visit("settings")
        app.reset(menus.HelpScene(app))
        visit("help")
        from .scenes.testmode import TestModeScene
        app.test_mode = True
        app.reset(TestModeScene(app, None))
        visit("test-mode")
        app.test_mode = False
        _party_tour(app, visit)
        app._store.close()


PARTY_NAMES = ("Ana", "Niels", "Lucas", "Esther")


def _party_tour(app, visit) -> None:
    """A seeded party of four on the keyboard: setup, a question with two players locked in, the
    reveal, standings, then on to the podium."""
    from .party_input import KEY_BLOCKS
    from .scenes.party_setup import PartySetupScene

    setup = PartySetupScene(app, seed=SEED)
    app.reset(setup)
    press(app, *[pygame.K_UP] * 5, pygame.K_RIGHT, pygame.K_RIGHT)  # four players
    for name in PARTY_NAMES:
        press(app, pygame.K_DOWN, pygame.K_RETURN)
        for ch in name:
            app.handle(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        press(app, pygame.K_RETURN)
    visit("party-setup")
    setup.start()
    app.update(1.0)  # a party card takes "go on" only after a moment
    press(app, pygame.K_RETURN)
    app.update(5.5)
    question = app.top.question
    right = question.choices.index(question.answer)
    press(app, KEY_BLOCKS[0].answers[right], KEY_BLOCKS[2].answers[(right + 1) % len(question.choices)])
    visit("party-question")
    press(app, KEY_BLOCKS[1].answers[right], KEY_BLOCKS[3].answers[right])
    visit("party-reveal")
    app.update(1.0)
    press(app, pygame.K_RETURN)
    visit("standings")
    for turn in range(400):
        scene = app.top
        if scene.name == "podium":
            break
        if scene.name == "party-question":
            right = scene.question.choices.index(scene.question.answer)
            for seat, block in enumerate(KEY_BLOCKS):  # each player misses now and then, at their own rate
                pick = right if (turn + seat) % (seat + 2) else (right + 1) % len(scene.question.choices)
                press(app, block.answers[pick])
        else:
            app.update(1.0)
            press(app, pygame.K_RETURN)
    visit("podium")


def press(app, *keys) -> None:
    """Keys pressed as a player would, a frame's time apart."""
    for key in keys:
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        app.update(1 / 60)


def _play_until(app, wanted: str, limit: int = 200) -> None:
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
            press(app, pygame.K_1 + index)
        elif scene.name == "typed-answer":
            for ch in scene.question.answer:
                app.handle(pygame.event.Event(pygame.TEXTINPUT, text=ch))
            press(app, pygame.K_RETURN)
        else:
            press(app, pygame.K_RETURN)
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
