"""The desktop game as `python main.py` runs it: --frames, --screenshot, --test-mode, and what
happens without a display or a sound card."""
import pygame
import pytest

from conftest import Pilot
from game import cli
from game.generator import Generator
from game.launch import shown_command


def test_frames_runs_the_real_loop_and_exits_0(tmp_path):
    assert cli.main(["--frames", "5", "--data-dir", str(tmp_path)]) == 0
    assert cli.main(["play", "--frames", "3", "--data-dir", str(tmp_path)]) == 0


def test_the_loop_shows_the_title_first_then_opens_packs_and_scores(make_app):
    app = make_app()
    app.run(1)
    assert app.drawn == 1 and not app.ready  # the first frame waits for nothing
    app.run(4)
    assert app.drawn == 4 and app.ready and app.library.packs and app.store is not None


def test_screenshot_writes_one_png_per_scene(tmp_path, capsys):
    out = tmp_path / "shots"
    assert cli.main(["--screenshot", str(out), "--data-dir", str(tmp_path / "data")]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert names[:4] == ["01-title.png", "02-setup.png", "03-round-card.png", "04-question.png"]
    for scene in ("feedback", "pause", "round-summary", "typed-answer", "results", "review", "name-entry", "high-scores",
                  "packs", "settings", "help", "test-mode", "party-setup", "party-question", "party-reveal", "standings",
                  "podium"):
        assert any(name.endswith(f"-{scene}.png") for name in names), scene
    image = pygame.image.load(str(out / "04-question.png"))
    assert image.get_size() == (1280, 720)
    assert not (tmp_path / "data" / "scores.sqlite3").exists()  # screenshots never touch the player's scores
    # the same seed gives the same pictures
    again = tmp_path / "again"
    assert cli.main(["--screenshot", str(again), "--data-dir", str(tmp_path / "data")]) == 0
    assert (again / "04-question.png").read_bytes() == (out / "04-question.png").read_bytes()
    assert (again / "22-podium.png").read_bytes() == (out / "22-podium.png").read_bytes()  # a seeded party too


def test_no_display_is_one_line_naming_the_terminal_game(monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise pygame.error("x11 not available")

    monkeypatch.setattr(pygame.display, "set_mode", refuse)
    assert cli.main(["--frames", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("osmosis-quiz: no display available (x11 not available)")
    assert err.endswith(f"play in the terminal with: {shown_command('text')}\n")  # test_launch runs it


def test_no_audio_device_plays_silently(monkeypatch, tmp_path):
    def no_mixer(*args, **kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_mixer)
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    assert cli.main(["--frames", "3", "--data-dir", str(tmp_path)]) == 0
    from game.ui.sound import Sound
    sound = Sound()
    sound.open()
    assert sound.opened and not sound.available
    sound.play("right")  # no error, no sound


def test_test_mode_flags_land_in_the_report_file(make_app, tmp_path, capsys):
    app = make_app(test_mode=True, data_dir=tmp_path / "data")
    pilot = Pilot(app)
    scene = pilot.scene
    assert scene.name == "test-mode"
    pool = Generator(app.library.facts).pool()
    assert [q.id for q in scene.questions] == [q.id for q in pool]
    first = scene.question
    pilot.press(pygame.K_f)  # flag the first
    pilot.press(pygame.K_RIGHT, pygame.K_RIGHT)
    third = scene.question
    pilot.press(pygame.K_f)
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_f, pygame.K_f)  # flagged then unflagged
    pilot.press(pygame.K_LEFT, pygame.K_LEFT, pygame.K_LEFT, pygame.K_LEFT)
    assert scene.question == pool[-1]  # stepping back from the first wraps to the last
    # the answer key is on screen: the right choice, the facts, the id
    texts = [r.text for r in app.view.reports]
    assert any(pool[-1].id in t for t in texts)
    assert any(t.startswith("Built on:") for t in texts)
    pilot.press(pygame.K_ESCAPE)
    assert pilot.scene.name == "test-mode-end"
    reports = list((tmp_path / "data").glob("test-mode-flags-*.txt"))
    assert len(reports) == 1
    lines = reports[0].read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and "pack: all packs" in lines[1]
    body = [line for line in lines if not line.startswith("#")]
    assert body == [f"{first.id}\t{first.prompt}", f"{third.id}\t{third.prompt}"]
    out = capsys.readouterr().out
    assert str(reports[0]) in out
    assert any(str(reports[0]) in r.text for r in app.view.reports)
    assert not (tmp_path / "data" / "scores.sqlite3").exists()  # test mode saves nothing else
    assert not (tmp_path / "data" / "ui-settings.json").exists()
    pilot.press(pygame.K_RETURN)
    assert not app.running


def test_test_mode_has_no_timer_and_shows_one_packs_questions(make_app, tmp_path):
    app = make_app(test_mode=True, pack=["osmosis"])
    pilot = Pilot(app)
    scene = pilot.scene
    assert scene.questions and {q.pack for q in scene.questions} == {"osmosis"}
    kinds = {q.kind for q in scene.questions}
    assert "pack" in kinds and "trope-to-character" in kinds  # hand-written and generated alike
    pilot.step(dt=60.0, frames=3)
    assert pilot.scene is scene and scene.index == 0


def test_test_mode_does_not_show_every_answer_on_the_first_tile(make_app):
    scene = Pilot(make_app(test_mode=True, pack=["osmosis"])).scene
    multiple_choice = [q for q in scene.questions if q.choices and q.kind != "true-false"]
    first = sum(q.choices[0] == q.answer for q in multiple_choice)
    assert len(multiple_choice) > 200 and first < len(multiple_choice) / 2


def test_test_mode_says_which_file_and_line_a_hand_written_question_is_on(make_app):
    app = make_app(test_mode=True, pack=["world"])
    pilot = Pilot(app)
    pilot.step()
    scene = pilot.scene
    world = next(p for p in app.library.packs if p.id == "world")
    first = next(q for q in world.questions if q.prompt == scene.question.prompt)
    drawn = [r.text for r in app.view.reports]
    from game.packs import display_path
    assert f"Source: {world.source}\nFile: {display_path(world.path)}:{first.line}" in drawn
    assert first.line > 1 and app.view.reports and pilot.overflows == []


def test_test_mode_closing_the_window_still_writes_the_report(make_app, tmp_path):
    app = make_app(test_mode=True, data_dir=tmp_path / "data")
    pilot = Pilot(app)
    pilot.press(pygame.K_f)
    pilot.post(pygame.QUIT)
    pilot.step()
    assert not app.running
    assert len(list((tmp_path / "data").glob("test-mode-flags-*.txt"))) == 1


@pytest.mark.parametrize("packs", [["no-such-pack"], ["osmosis", "no-such-pack"]])
def test_test_mode_with_an_unknown_pack_says_which_packs_exist(make_app, packs):
    """A typo beside a real id is refused too: checking only the real pack would look like
    the typo's pack had no questions worth a flag."""
    app = make_app(test_mode=True, pack=packs)
    pilot = Pilot(app)
    pilot.step()
    assert app.top.question is None
    assert any("'no-such-pack'" in r.text and "osmosis" in r.text for r in app.view.reports)
    assert pilot.overflows == []


@pytest.mark.parametrize("flag", ["--frames", "--screenshot"])
def test_play_options_are_listed_in_help(flag, capsys):
    with pytest.raises(SystemExit):
        cli.main(["play", "--help"])
    assert flag in capsys.readouterr().out


def test_no_window_system_on_linux_is_reported_not_run_invisibly(monkeypatch, capsys, tmp_path):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert cli.main(["--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == ("osmosis-quiz: no display available (DISPLAY and WAYLAND_DISPLAY are not set); "
                   f"play in the terminal with: {shown_command('text')}\n")
    # headless runs asked for explicitly still work
    assert cli.main(["--frames", "2", "--data-dir", str(tmp_path)]) == 0
