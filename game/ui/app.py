"""The desktop game: one App owns the window, the frame clock and a stack of scenes.

`run(args)` is what `python main.py` calls. Nothing here opens a window or loads an asset at
import time.
"""
from __future__ import annotations

import os
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

import pygame

from . import theme
from .actions import Action, action_for
from .sound import Sound
from .widgets import Background, View, dim, draw_toast

NO_DISPLAY = "osmosis-quiz: no display available ({reason}); play in the terminal with: {command}"
PREFS_FILE = "ui-settings.json"
TOAST_SECONDS = 1.5


@dataclass(frozen=True)
class Prefs:
    """The player's settings for the desktop game (not the rules of a game)."""

    sound: bool = True
    volume: float = 0.7
    fullscreen: bool = False
    text_size: str = "normal"
    palette: str = "standard"
    timer: bool = True
    name: str = "Player"  # the last name entered for a high score: whose misses to practise
    reduce_motion: bool = False  # no animations: everything shows at once in its final state
    # The last game set up, offered again by the setup screen (the timer is `timer` above).
    game_rounds: tuple[str, ...] = ("Who's Who", "Trope Match", "Spot the Reveal", "Lightning")
    game_questions: int = 5
    game_difficulty: str = "medium"
    game_spoilers: bool = True
    game_pack: str = ""  # "": all packs

    @classmethod
    def load(cls, data_dir: Path | None) -> "Prefs":
        """The saved settings; any value that is missing, of the wrong type or unknown is the
        default. A file that cannot be read at all gives the defaults, and one line saying so."""
        if data_dir is None:
            return cls()
        path = data_dir / PREFS_FILE
        try:
            text = path.read_text(encoding="utf-8")
            import json  # here, not at the top: a first start has no settings file to parse
            saved = json.loads(text)
            if not isinstance(saved, dict):
                raise ValueError("not a JSON object")
        except FileNotFoundError:
            return cls()  # a first start
        except (OSError, ValueError, RecursionError) as exc:  # RecursionError: JSON nested too deeply
            print(f"osmosis-quiz: cannot read the settings in {path} ({_unreadable(exc)}); "
                  "using the default settings", file=sys.stderr)
            return cls()
        defaults = cls()
        kept = {}
        for name in cls.__dataclass_fields__:
            value, default = saved.get(name), getattr(defaults, name)
            if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if isinstance(default, tuple) and isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = tuple(value)  # JSON has lists only
            if type(value) is type(default):
                kept[name] = value
        prefs = cls(**kept)
        if prefs.text_size not in theme.TEXT_SIZES:
            prefs = replace(prefs, text_size=defaults.text_size)
        if prefs.palette not in theme.PALETTES:
            prefs = replace(prefs, palette=defaults.palette)
        return replace(prefs, volume=min(1.0, max(0.0, prefs.volume)))

    def save(self, data_dir: Path | None) -> None:
        if data_dir is None:
            return
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            import json
            write_atomically(data_dir / PREFS_FILE, json.dumps(asdict(self), indent=1))
        except OSError:
            pass  # settings that cannot be saved still apply for this session


def _unreadable(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    import json
    return f"not valid JSON at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else str(exc)


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file then rename, so a crash never leaves half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


class LoopClock:
    """The game's clock: it moves only when the loop (or a test) passes time in, so a paused
    or stalled window never eats the player's timer."""

    def __init__(self):
        self.time = 0.0

    def now(self) -> float:
        return self.time

    def advance(self, dt: float) -> None:
        self.time += max(0.0, dt)


class App:
    def __init__(self, args=None, window: pygame.Surface | None = None):
        self.args = args
        self.test_mode = bool(getattr(args, "test_mode", False))
        self.window = window if window is not None else pygame.display.get_surface()
        self.clock = LoopClock()
        self.frame_clock = pygame.time.Clock()
        self.stack: list[tuple[object, Callable | None]] = []
        self.running = True
        self._library = None
        self._store = None
        self.data_dir = self._data_dir()
        # Test mode reads the player's settings too (a colour-blind tester keeps the palette and
        # text size) but never writes them.
        self.prefs = Prefs.load(self.data_dir)
        self.view = View(self.window.get_size(), theme.TEXT_SIZES[self.prefs.text_size],
                         theme.PALETTES[self.prefs.palette])
        self.view.reduce_motion = self.prefs.reduce_motion
        self.sound = Sound(self.prefs.sound, self.prefs.volume)
        self.background = Background()
        self.controllers: dict[int, object] = {}
        self.unplugged: set[int] = set()  # instance ids of pads taken out (SDL never reuses one)
        self.drawn = 0  # frames drawn, by the loop or a test pilot
        self._under = None  # (key, picture) of the scenes under the top overlay
        self._generators: dict = {}  # (packs, difficulty, spoilers) -> (facts, Generator)
        self.toast: tuple[str, float] | None = None  # (message, clock time it goes) e.g. "Sound off"

    # -- things scenes use ---------------------------------------------------------------

    def _data_dir(self) -> Path | None:
        given = getattr(self.args, "data_dir", None)
        if given:
            return Path(given)
        try:
            from ..paths import user_data_dir
            return user_data_dir()
        except Exception:  # no platformdirs or no home folder: play without saving
            return None

    @property
    def library(self):
        if self._library is None:
            from ..packs import load_library
            self._library = load_library(getattr(self.args, "packs", None) or [])
        return self._library

    @property
    def store(self):
        """The save file, opened on first use; test mode never opens it (it saves nothing)."""
        if self._store is None and not self.test_mode:
            from ..storage import Store
            self._store = Store.open(self.data_dir)
        return self._store

    def question_source(self, settings):
        """The facts and the generator for a game with these settings. A generator keeps the
        questions it has built, so only a session's first game on some packs pays for them."""
        key = (frozenset(settings.packs), settings.difficulty, settings.spoilers)
        if key not in self._generators:
            from ..generator import Generator
            facts = self.library.only(set(settings.packs)).facts  # no packs named: all of them
            self._generators[key] = (facts, Generator(facts, settings.difficulty, settings.spoilers))
        return self._generators[key]

    @property
    def ready(self) -> bool:
        """Whether packs and the save file are open; until then the title says so."""
        return self._library is not None and (self._store is not None or self.test_mode)

    def warm_up(self) -> None:
        """Open packs and scores right after the first frame is shown, so the window
        appears as fast as a bare one and no later screen waits for them."""
        self.library
        self.store
        self.sound.open()
        show_icon()
        try:
            pygame.joystick.init()  # pads already plugged in now arrive as JOYDEVICEADDED
        except pygame.error:
            pass  # no gamepad support: keyboard and mouse still work

    def set_prefs(self, prefs: Prefs) -> None:
        old = self.prefs
        self.prefs = prefs
        self.sound.enabled = prefs.sound
        self.sound.volume = prefs.volume
        self.view.text_scale = theme.TEXT_SIZES[prefs.text_size]
        self.view.palette = theme.PALETTES[prefs.palette]
        self.view.reduce_motion = prefs.reduce_motion
        if prefs.fullscreen != old.fullscreen:
            self._set_fullscreen(prefs.fullscreen)
        if not self.test_mode:
            prefs.save(self.data_dir)

    def action_for(self, event) -> Action | None:
        typing = bool(self.stack) and self.top.wants_text
        return action_for(event, typing, frozenset(self.controllers))

    # -- the scene stack -----------------------------------------------------------------

    @property
    def top(self):
        return self.stack[-1][0]

    def push(self, scene, on_result: Callable | None = None) -> None:
        self.stack.append((scene, on_result))
        self._text_input(scene)

    def pop(self, result=None, scene=None) -> None:
        if not self.stack or (scene is not None and self.top is not scene):
            return  # already gone (e.g. two events dismissed it in one frame)
        _, on_result = self.stack.pop()
        if self.stack:
            self._text_input(self.top)
            self.top.on_resume()
        if on_result is not None:
            on_result(result)
        if not self.stack:
            self.running = False

    def replace(self, scene) -> None:
        """Swap the top scene for `scene`; whoever pushed the old one gets no result."""
        on_result = self.stack.pop()[1] if self.stack else None
        self.stack.append((scene, on_result))
        self._text_input(scene)

    def reset(self, scene) -> None:
        """Back to a single scene (e.g. the title after a game)."""
        self.stack = [(scene, None)]
        self._text_input(scene)

    def quit(self) -> None:
        self.running = False

    @staticmethod
    def _text_input(scene) -> None:
        """A scene coming on top: laid out at once (a click may come before its first frame),
        and given the keyboard as text when it wants it."""
        scene.ensure_layout()
        if scene.wants_text:
            pygame.key.start_text_input()
        else:
            pygame.key.stop_text_input()

    # -- one frame -----------------------------------------------------------------------

    def handle(self, event) -> None:
        if event.type == pygame.QUIT:
            for scene, _ in self.stack:
                scene.on_quit()
            self.running = False
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.window = pygame.display.get_surface() or self.window
            self.view.resize(self.window.get_size())
            if self.stack:
                self.top.ensure_layout()
            return
        if event.type in (pygame.JOYDEVICEADDED, pygame.JOYDEVICEREMOVED, pygame.CONTROLLERDEVICEADDED):
            self._controller_event(event)
            return
        if hasattr(event, "pos") and event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            # Scenes think in logical coordinates only.
            with self.view.fixed(self.top.design if self.stack else None):
                event = pygame.event.Event(event.type, {**event.dict, "pos": self.view.to_logical(event.pos)})
        action = self.action_for(event)
        if action is not None and action.name == "mute":
            self.set_prefs(replace(self.prefs, sound=not self.prefs.sound))
            # M works on every screen, most of which show no sound setting: say what it did.
            self.toast = ("Sound on" if self.prefs.sound else "Sound off", self.clock.time + TOAST_SECONDS)
            return
        if action is not None and action.name == "fullscreen":
            self.set_prefs(replace(self.prefs, fullscreen=not self.prefs.fullscreen))
            return
        if self.stack:
            self.top.ensure_layout()
            with self.view.fixed(self.top.design):
                self.top.handle_event(event, action)

    def update(self, dt: float) -> None:
        self.clock.advance(dt)
        if self.drawn and not self.ready:
            self.warm_up()
        if self.stack:
            with self.view.fixed(self.top.design):
                self.top.update(dt)

    def draw(self, surface: pygame.Surface | None = None) -> None:
        surface = surface or self.window
        self.view.reports.clear()
        # Draw from the last opaque scene up, so overlays sit on what they cover.
        first = len(self.stack) - 1
        while first > 0 and self.stack[first][0].overlay:
            first -= 1
        below, top = self.stack[max(first, 0):-1], self.stack[-1:]
        if below:
            self._draw_under_overlay(surface, [scene for scene, _ in below])
        else:
            self.background.draw(surface, self.view)
        for scene, _ in top:
            scene.ensure_layout()
            with self.view.fixed(scene.design):
                scene.draw(surface)
        if self.toast is not None and self.clock.time < self.toast[1]:
            draw_toast(surface, self.view, self.toast[0])
        self.drawn += 1

    def _draw_under_overlay(self, surface: pygame.Surface, scenes: list) -> None:
        """What lies under the top overlay is frozen while it is open (the game is paused),
        so it is drawn and dimmed once, then blitted: an overlay frame costs one blit."""
        key = (tuple(map(id, scenes)), surface.get_size(), self.view.text_scale, self.view.palette)
        if self._under is None or self._under[0] != key:
            self.background.draw(surface, self.view)
            for scene in scenes:
                scene.ensure_layout()
                with self.view.fixed(scene.design):
                    scene.draw(surface)
            dim(surface)
            picture = self._under[1] if self._under and self._under[1].get_size() == surface.get_size() else None
            if picture is None:
                picture = surface.copy()
            else:
                picture.blit(surface, (0, 0))  # reuse the picture's pixels: no new allocation
            self._under = (key, picture)
        else:
            surface.blit(self._under[1], (0, 0))

    def run(self, frames: int | None = None) -> int:
        dt = 0.0
        while self.running and self.stack and (frames is None or self.drawn < frames):
            for event in pygame.event.get():
                self.handle(event)
            self.update(min(dt, 0.25))  # a long stall (window dragged) is not time the player had
            if not self.running:
                break
            self.draw()
            pygame.display.flip()
            # The 60 FPS cap waits after a frame is shown, never before the first one.
            dt = self.frame_clock.tick(theme.FPS) / 1000
        return 0

    # -- window and devices --------------------------------------------------------------

    def _set_fullscreen(self, on: bool) -> None:
        try:
            if on:
                self.window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                self.window = pygame.display.set_mode(window_size(self.args), pygame.RESIZABLE)
        except pygame.error:
            return  # stay as we are if the display refuses
        self.view.resize(self.window.get_size())

    def _controller_event(self, event) -> None:
        if event.type == pygame.JOYDEVICEREMOVED:  # a party game pauses for a player's lost pad
            self.controllers.pop(event.instance_id, None)
            self.unplugged.add(event.instance_id)
            return
        if event.type != pygame.JOYDEVICEADDED:
            return
        try:
            from pygame._sdl2 import controller
            if not controller.get_init():
                controller.init()
            if controller.is_controller(event.device_index):
                pad = controller.Controller(event.device_index)
                self.controllers[pad.as_joystick().get_instance_id()] = pad
            else:
                pygame.joystick.Joystick(event.device_index)  # opened: its events start arriving
        except (pygame.error, ImportError, AttributeError):
            pass  # a pad we cannot open is ignored; keyboard and mouse still work


def window_size(args) -> tuple[int, int]:
    """The window's size at start: `--window WxH`, else 1280x720."""
    return tuple(getattr(args, "window", None) or theme.LOGICAL_SIZE)


def open_window(size=theme.LOGICAL_SIZE) -> pygame.Surface:
    pygame.display.set_caption("Osmosis Quiz")
    return pygame.display.set_mode(size, pygame.RESIZABLE)


def show_icon() -> None:
    """The game's icon on the window, the taskbar and alt-tab. Set once the first frame is up:
    it costs more than that frame's share of the start-up budget, and SDL updates a shown window."""
    try:
        from ..paths import icon_path
        pygame.display.set_icon(pygame.image.load(str(icon_path())))
    except (pygame.error, OSError):
        pass  # a missing or unreadable icon leaves the system's default one: not worth stopping for


def no_window_system() -> bool:
    """On Linux without X11 or Wayland, SDL would quietly fall back to an invisible window."""
    return (sys.platform.startswith("linux") and not os.environ.get("SDL_VIDEODRIVER")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def start(args) -> App:
    """Open the window and build the app with its first scene; raises pygame.error without a display."""
    if no_window_system():
        if getattr(args, "frames", None) is None and not getattr(args, "screenshot", None):
            raise pygame.error("DISPLAY and WAYLAND_DISPLAY are not set")
        os.environ["SDL_VIDEODRIVER"] = "dummy"  # headless runs need no window system
    # The window's class and app id: how docks match it to the installed desktop entry and its icon.
    os.environ.setdefault("SDL_VIDEO_X11_WMCLASS", "osmosis-quiz")
    os.environ.setdefault("SDL_VIDEO_WAYLAND_WMCLASS", "osmosis-quiz")
    # Only what the first frame needs: gamepads and the mixer start after it (see warm_up).
    pygame.display.init()
    pygame.font.init()
    theme.font.cache_clear()  # fonts opened before a pygame.quit() are dead
    window = open_window(window_size(args))
    pygame.key.set_repeat(400, 40)
    app = App(args, window)
    if app.prefs.fullscreen:
        app._set_fullscreen(True)
    if app.test_mode:
        from .scenes.testmode import TestModeScene
        app.push(TestModeScene(app, getattr(args, "pack", None)))
    else:
        from .scenes.title import TitleScene
        app.push(TitleScene(app))
    return app


def run_host(args, party, clock: LoopClock) -> int:
    """`python main.py host` with a window: the phone party's lobby instead of the title; the
    room already runs on `clock`, which becomes the app's."""
    try:
        app = start(args)
    except pygame.error as error:
        reason = str(error).strip().rstrip(".") or "the display could not be opened"
        from ..launch import shown_command
        print(NO_DISPLAY.format(reason=reason, command=shown_command("host", "--headless")), file=sys.stderr)
        return 1
    try:
        from .scenes.host import HostLobbyScene
        app.clock = clock
        party.room.tiles = tuple((tile.fill, tile.shape) for tile in app.view.palette.tiles)
        app.reset(HostLobbyScene(app, party))
        return app.run(getattr(args, "frames", None))
    finally:
        pygame.quit()


def run(args) -> int:
    try:
        app = start(args)
    except pygame.error as error:
        reason = str(error).strip().rstrip(".") or "the display could not be opened"
        from ..launch import shown_command
        print(NO_DISPLAY.format(reason=reason, command=shown_command("text")), file=sys.stderr)
        return 1
    try:
        if getattr(args, "screenshot", None):
            from .screenshots import save_screenshots
            return save_screenshots(app, Path(args.screenshot))
        return app.run(getattr(args, "frames", None))
    finally:
        # The window goes first: closing the mixer and the rest can take a moment, and a player
        # who chose Quit must not watch a black window while it does.
        pygame.display.quit()
        pygame.quit()
