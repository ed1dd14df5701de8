"""Settings, help, the pack browser and the high-score table."""
from __future__ import annotations

from dataclasses import replace

import pygame

from .. import theme
from ..widgets import Menu, draw_panel, draw_shape, draw_text, on_off
from .base import Scene, draw_heading, draw_hint


class SettingsScene(Scene):
    name = "settings"
    VOLUMES = [round(v / 10, 1) for v in range(0, 11)]

    def __init__(self, app):
        super().__init__(app)
        self.menu = Menu([("sound", "Sound"), ("volume", "Volume"), ("fullscreen", "Full screen"),
                          ("text_size", "Text size"), ("palette", "Colours"), ("timer", "Timer in new games"),
                          ("back", "Back")], (240, 140, 800, 0), row_height=54, gap=10)
        self._refresh()

    def _refresh(self):
        prefs = self.app.prefs
        hints = {"sound": on_off(prefs.sound), "volume": f"{round(prefs.volume * 100)}%",
                 "fullscreen": on_off(prefs.fullscreen), "text_size": prefs.text_size.capitalize(),
                 "palette": theme.PALETTES[prefs.palette].name.capitalize(), "timer": on_off(prefs.timer)}
        for button in self.menu.buttons:
            button.hint = hints.get(button.key, "")

    def change(self, key: str, step: int) -> None:
        prefs = self.app.prefs
        if key in ("sound", "fullscreen", "timer"):
            prefs = replace(prefs, **{key: not getattr(prefs, key)})
        elif key == "volume":
            index = min(range(len(self.VOLUMES)), key=lambda i: abs(self.VOLUMES[i] - prefs.volume))
            prefs = replace(prefs, volume=self.VOLUMES[(index + step) % len(self.VOLUMES)])
        elif key == "text_size":
            prefs = replace(prefs, text_size=_cycle(list(theme.TEXT_SIZES), prefs.text_size, step))
        elif key == "palette":
            prefs = replace(prefs, palette=_cycle(list(theme.PALETTES), prefs.palette, step))
        self.app.set_prefs(prefs)
        self.app.sound.play("select")
        self._refresh()

    def handle(self, event, action):
        if action is not None and action.name == "back":
            return self.dismiss()
        if action is not None and action.name in ("left", "right") and self.menu.focused_key != "back":
            return self.change(self.menu.focused_key, -1 if action.name == "left" else 1)
        if action is not None and action.name in ("left", "right"):
            return
        chosen = self.menu.handle(event, action)
        if chosen == "back":
            self.dismiss()
        elif chosen is not None:
            self.change(chosen, 1)

    def draw(self, surface):
        view = self.view
        draw_heading(surface, view, "Settings", "Saved for next time. M mutes and F11 toggles full screen anywhere.")
        self.menu.draw(surface, view)
        # The answer tiles in the chosen palette: changing Colours shows at once what it does.
        for i, style in enumerate(view.palette.tiles):
            box = (240 + i * 205, 590, 185, 64)
            draw_panel(surface, view, box, fill=style.fill, edge=None)
            draw_shape(surface, style.shape, view.point(box[0] + 34, box[1] + 32), view.px(16), theme.ink_on(style.fill))
            draw_text(surface, view, (box[0] + 62, box[1] + 8, 110, 48), theme.KEY_LABELS[i], size=theme.SIZE_BODY,
                      weight="bold", color=theme.ink_on(style.fill), valign="center")
        draw_hint(surface, view, "Up/Down choose  ·  Left/Right or Enter change  ·  Esc back")


def _cycle(values: list[str], current: str, step: int) -> str:
    index = values.index(current) if current in values else 0
    return values[(index + step) % len(values)]


HELP_SECTIONS = [
    ("Answering", "1–4 or A–D pick an answer. Arrows move between the tiles, Enter or Space confirms. "
                  "Click a tile with the mouse. Typed questions: type the name (accents welcome) and press Enter."),
    ("Lifelines", "Once per game each: 50:50 removes two wrong answers, Skip swaps the question, "
                  "+Time restarts the clock, Second chance lets you pick again. Keys Q W E R, or click; "
                  "when typing a name, Down then Enter."),
    ("Scoring", "Up to 1000 points for a fast right answer, at least 500 before the buzzer, times the "
                "difficulty. Each right answer in a row adds 100 more, up to 500."),
    ("Anywhere", "Esc pauses or goes back. M mutes. F11 toggles full screen. "
                 "Gamepad: D-pad moves, A confirms, B goes back, Start pauses, Back mutes."),
]


class HelpScene(Scene):
    name = "help"

    def handle(self, event, action):
        if action is not None and action.name in ("back", "confirm"):
            self.dismiss()
        elif event.type == pygame.MOUSEBUTTONDOWN:  # any click closes help
            self.dismiss()

    def draw(self, surface):
        view = self.view
        draw_heading(surface, view, "How to play", "Rounds of questions about Osmosis: be right, and be quick about it.")
        for i, (title, body) in enumerate(HELP_SECTIONS):
            col, row = i % 2, i // 2
            box = (theme.MARGIN + col * 600, 140 + row * 260, 584, 240)
            draw_panel(surface, view, box)
            draw_text(surface, view, (box[0] + 24, box[1] + 18, box[2] - 48, 40), title,
                      size=theme.SIZE_BODY * 1.1, weight="bold", color=theme.ACCENT)
            draw_text(surface, view, (box[0] + 24, box[1] + 66, box[2] - 48, box[3] - 84), body,
                      size=theme.SIZE_BODY * 0.9, color=theme.INK)
        draw_hint(surface, view, "Esc or Enter to go back")


class _ScrollList(Scene):
    """A scene showing rows that scroll with up/down, the wheel, or a gamepad."""

    VISIBLE = 5

    def __init__(self, app):
        super().__init__(app)
        self.first = 0

    def rows(self) -> list:
        return []

    def handle(self, event, action):
        if action is not None and action.name in ("back", "confirm"):
            return self.dismiss()
        step = 0
        if action is not None and action.name in ("up", "down"):
            step = -1 if action.name == "up" else 1
        elif event.type == pygame.MOUSEWHEEL:
            step = -int(getattr(event, "y", 0))
        if step:
            self.first = max(0, min(self.first + step, max(0, len(self.rows()) - self.VISIBLE)))


class PacksScene(_ScrollList):
    name = "packs"
    VISIBLE = 4

    def __init__(self, app):
        super().__init__(app)
        # The packs do not change while this screen is open: every line (and each pack's
        # origin, which reads the file system) is worked out once, not every frame.
        library = app.library
        from ...paths import user_pack_dir
        self.subtitle = (f"{len(library.packs)} loaded, {len(library.refused)} refused  ·  add your own in "
                         f"{_home_relative(user_pack_dir())}  ·  `python main.py check` explains refusals")
        self._rows = [("pack", _pack_lines(p)) for p in library.packs] + \
                     [("refused", (f"Refused: {r.path.name}", r.reason)) for r in library.refused]

    def rows(self):
        return self._rows

    def draw(self, surface):
        view = self.view
        draw_heading(surface, view, "Packs", self.subtitle)
        rows = self.rows()
        for slot, (kind, lines) in enumerate(rows[self.first:self.first + self.VISIBLE]):
            box = (theme.MARGIN, 140 + slot * 130, 1280 - 2 * theme.MARGIN, 118)
            x, y, w, _ = box
            if kind == "pack":
                title, description, details, origin = lines
                draw_panel(surface, view, box)
                draw_text(surface, view, (x + 24, y + 10, 800, 36), title,
                          size=theme.SIZE_BODY, weight="semibold", valign="center")
                draw_text(surface, view, (x + 24, y + 48, w - 48, 32), description,
                          size=theme.SIZE_SMALL, color=theme.INK)
                draw_text(surface, view, (x + 24, y + 82, w - 48, 28), details, size=theme.SIZE_SMALL,
                          color=theme.INK_MUTED)
                draw_text(surface, view, (x + 840, y + 10, w - 864, 36), origin,
                          size=theme.SIZE_SMALL, color=theme.ACCENT, align="right", valign="center")
            else:
                title, reason = lines
                draw_panel(surface, view, box, edge=theme.WARNING)
                draw_text(surface, view, (x + 24, y + 10, w - 48, 36), title,
                          size=theme.SIZE_BODY, weight="semibold", color=theme.WARNING, valign="center")
                draw_text(surface, view, (x + 24, y + 50, w - 48, 60), reason, size=theme.SIZE_SMALL,
                          color=theme.INK)
        if not rows:
            draw_text(surface, view, (theme.MARGIN, 300, 1184, 60), "No packs found.", size=theme.SIZE_BODY,
                      align="center")
        more = len(rows) - self.first - self.VISIBLE
        draw_hint(surface, view, ("Up/Down scroll  ·  " if len(rows) > self.VISIBLE else "")
                  + (f"{more} more below  ·  " if more > 0 else "") + "Esc back")


def _pack_lines(pack) -> tuple[str, str, str, str]:
    """A pack's card: title, description, author and counts, and where it was found."""
    details = [f"by {pack.author}"] if pack.author else []
    details += [f"{len(things)} {label}" for label, things in (
        ("characters", pack.characters), ("tropes", pack.tropes), ("reveals", pack.reveals),
        ("questions", pack.questions)) if things]
    return (f"{pack.title}  ({pack.id})", pack.description or "No description.", " · ".join(details),
            pack_origin(pack.path))


def pack_origin(path) -> str:
    """Where a pack was found, the same kind of tag for every pack: shipped with the game, the
    player's pack folder, or a folder given with --packs."""
    from ...paths import builtin_pack_dir, user_pack_dir
    folder = path.resolve().parent
    if folder == builtin_pack_dir().resolve():
        return "Built-in"
    try:
        if folder == user_pack_dir().resolve():
            return "Your pack folder"
    except Exception:  # no platformdirs or no home folder: it cannot be the player's folder
        pass
    return f"From {folder.name}/"


def _home_relative(path) -> str:
    from pathlib import Path
    home = str(Path.home())
    return "~" + str(path)[len(home):] if str(path).startswith(home) else str(path)


MODES = [None, "classic", "relaxed", "daily", "practice", "practice relaxed"]
SCORE_COLUMNS = ((72, 48, "#", "right"), (140, 400, "Name", "left"), (560, 160, "Score", "right"),
                 (760, 180, "Mode", "left"), (960, 220, "Date", "left"))  # x, width, heading, align


class HighScoresScene(_ScrollList):
    name = "high-scores"
    VISIBLE = 10

    def __init__(self, app, mode: str | None = None, highlight: tuple[str, int] | None = None):
        super().__init__(app)
        self.mode = mode
        self.highlight = highlight  # (name, score) just saved
        self._scores = None

    def scores(self):
        if self._scores is None:
            store = self.app.store
            self._scores = store.high_scores(mode=self.mode, limit=10) if store is not None else []
        return self._scores

    def rows(self):
        return self.scores()

    def handle(self, event, action):
        if action is not None and action.name in ("left", "right"):
            self.mode = _cycle(MODES, self.mode, -1 if action.name == "left" else 1)
            self._scores = None
            return
        super().handle(event, action)

    def draw(self, surface):
        view = self.view
        draw_heading(surface, view, "High scores", f"Showing: {self.mode or 'every mode'}")
        for x, w, label, align in SCORE_COLUMNS:
            draw_text(surface, view, (x, 140, w, 32), label, size=theme.SIZE_SMALL, weight="semibold",
                      color=theme.ACCENT, align=align)
        scores = self.scores()
        for slot, score in enumerate(scores[:self.VISIBLE]):
            y = 180 + slot * 48
            mine = self.highlight is not None and (score.name, score.score) == self.highlight
            draw_panel(surface, view, (theme.MARGIN, y, 1184, 42),
                       fill=theme.PANEL_RAISED if mine else theme.PANEL, edge=theme.ACCENT if mine else None)
            values = (str(score.rank), score.name, f"{score.score:,}", score.mode, str(score.date)[:10])
            for (x, w, _, align), value in zip(SCORE_COLUMNS, values):
                draw_text(surface, view, (x, y + 5, w, 32), value, size=theme.SIZE_BODY * 0.85,
                          weight="semibold" if mine else "regular", align=align, valign="center")
        if not scores:
            message = "No scores yet: play a game!" if self.app.store is not None else "Scores are not kept in test mode."
            draw_text(surface, view, (theme.MARGIN, 320, 1184, 60), message, size=theme.SIZE_BODY,
                      color=theme.INK_MUTED, align="center")
        draw_hint(surface, view, "Left/Right mode  ·  Esc or Enter back")
