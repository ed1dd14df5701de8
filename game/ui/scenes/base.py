"""What every scene is: it handles events, moves on with `update(dt)`, and draws itself."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..actions import Action

if TYPE_CHECKING:
    import pygame

    from ..app import App


class Scene:
    name = "scene"
    overlay = False  # True: the scene below stays visible (pause, confirm quit)
    wants_text = False  # True: letter keys type text instead of being shortcuts
    # None: laid out for the window's own shape (see View). A scene written for a fixed canvas
    # may say (1280, 720): it is then scaled to fit and centred, the background still full-window.
    design: tuple[int, int] | None = None

    def __init__(self, app: "App"):
        self.app = app
        self._laid_out_for = None

    def ensure_layout(self) -> None:
        """Lay the scene out for the window's current shape, once per shape: the App calls this
        before a scene handles an event or draws, so menus and tiles are where the player sees them."""
        view = self.app.view
        size = (view.window_size, view.text_scale)  # larger text may need larger rows
        if self._laid_out_for != size:
            self._laid_out_for = size
            with view.fixed(self.design):
                self.layout()

    def layout(self) -> None:
        """Place what depends on the window's shape (menus, tiles); `self.view.width`/`height`
        are the logical canvas. Scenes that draw from the view on each frame need nothing here."""

    @property
    def view(self):
        return self.app.view

    def handle_event(self, event: "pygame.event.Event", action: Action | None) -> None:
        """Every event the App passes on, with the action it already mapped it to (once, for
        the App's own keys and the scene's); a scene that must see an event before `handle`
        (e.g. focus loss) overrides this."""
        self.handle(event, action)

    def handle(self, event: "pygame.event.Event", action: Action | None) -> None:
        """Most scenes only need the event and the action it maps to."""

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: "pygame.Surface") -> None:
        pass

    def on_resume(self) -> None:
        """Called when the scene above was popped and this one is on top again."""

    def on_quit(self) -> None:
        """Called on every open scene when the window closes (e.g. test mode writes its report)."""

    def dismiss(self, result=None) -> None:
        """Close this scene and hand `result` to whoever pushed it."""
        self.app.pop(result, scene=self)


def confirmed(event: "pygame.event.Event", action: Action | None) -> bool:
    """Enter, Space, the gamepad's A, or a left click anywhere: "go on" on a scene with one way on."""
    import pygame
    if action is not None:
        return action.name == "confirm"
    return event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1


def draw_heading(surface, view, title: str, subtitle: str = "") -> None:
    """The title band every full-screen scene shares, across the main column."""
    from .. import theme
    from ..widgets import draw_text
    x, w = view.column()
    draw_text(surface, view, (x, 28, w, 60), title, size=theme.SIZE_HEADING, weight="bold", color=theme.INK)
    if subtitle:
        draw_text(surface, view, (x, 90, w, 40), subtitle, size=theme.SIZE_SMALL, color=theme.INK_MUTED)


HEADING_BOTTOM = 136  # where a scene's content starts under draw_heading


def draw_hint(surface, view, text: str) -> None:
    """The controls line at the bottom of a scene, always at its full size: the whole window
    width is its room."""
    from .. import theme
    from ..widgets import draw_text
    draw_text(surface, view, (theme.MARGIN / 2, view.hint_top, view.width - theme.MARGIN, theme.HINT_HEIGHT), text,
              size=theme.SIZE_SMALL, color=theme.INK_MUTED, align="center", valign="center")
