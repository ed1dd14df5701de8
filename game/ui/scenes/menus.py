"""Settings, help, the pack browser and the high-score table."""
from __future__ import annotations

from dataclasses import replace

import pygame

from .. import theme
from ..widgets import Menu, common_px, draw_panel, draw_shape, draw_text, on_off
from .base import HEADING_BOTTOM, Scene, draw_heading, draw_hint


class SettingsScene(Scene):
    name = "settings"
    VOLUMES = [round(v / 10, 1) for v in range(0, 11)]
    SWITCHES = ("sound", "fullscreen", "reduce_motion", "timer")

    def __init__(self, app):
        super().__init__(app)
        self.menu = Menu([("sound", "Sound"), ("volume", "Volume"), ("fullscreen", "Full screen"),
                          ("text_size", "Text size"), ("palette", "Colours"), ("reduce_motion", "Reduce motion"),
                          ("timer", "Timer in new games"), ("back", "Back")], (0, 0, 0, 0), row_height=50, gap=8,
                         size=theme.SIZE_BODY)
        self._refresh()

    def layout(self) -> None:
        view = self.view
        x, w = view.column(900)
        # One column of rows; two when larger text leaves no room for the tile preview under them.
        self.menu.columns = 1
        if HEADING_BOTTOM + self.menu.height_for(view) + 72 > view.hint_top:
            x, w = view.column(1180)
            self.menu.columns = 2
        height = self.menu.height_for(view)
        top = view.middle(height + 72, HEADING_BOTTOM)
        self.menu.place((x, top, w, 0), view)
        self.preview = (x, top + height + 16, w, 56)

    def _refresh(self):
        prefs = self.shown = self.app.prefs
        hints = {"sound": on_off(prefs.sound), "volume": f"{round(prefs.volume * 100)}%",
                 "fullscreen": on_off(prefs.fullscreen),
                 "text_size": f"{prefs.text_size.capitalize()} ({round(theme.TEXT_SIZES[prefs.text_size] * 100)}%)",
                 "palette": theme.PALETTES[prefs.palette].name.capitalize(),
                 "reduce_motion": on_off(prefs.reduce_motion), "timer": on_off(prefs.timer)}
        for button in self.menu.buttons:
            button.hint = hints.get(button.key, "")

    def update(self, dt):
        if self.shown is not self.app.prefs:  # changed from outside this screen: M mutes anywhere
            self._refresh()

    def change(self, key: str, step: int) -> None:
        prefs = self.app.prefs
        if key in self.SWITCHES:
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
        x, y, w, h = self.preview
        tile_w = (w - 3 * 16) / 4
        for i, style in enumerate(view.palette.tiles):
            box = (x + i * (tile_w + 16), y, tile_w, h)
            draw_panel(surface, view, box, fill=style.fill, edge=None)
            draw_shape(surface, style.shape, view.point(box[0] + 34, box[1] + h / 2), view.px(16), theme.ink_on(style.fill))
            draw_text(surface, view, (box[0] + 62, box[1] + 6, 60, h - 12), theme.KEY_LABELS[i], size=theme.SIZE_BODY,
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

    def layout(self) -> None:
        """Two columns of cards (one on a portrait window) filling the space under the heading."""
        view = self.view
        x, w = view.column()
        columns = 1 if view.portrait else 2
        rows = -(-len(HELP_SECTIONS) // columns)
        gap = 16
        card_w = (w - gap * (columns - 1)) / columns
        card_h = min(320.0, (view.hint_top - 8 - HEADING_BOTTOM - gap * (rows - 1)) / rows)
        top = view.middle(rows * card_h + gap * (rows - 1), HEADING_BOTTOM)
        self.cards = [(x + (i % columns) * (card_w + gap), top + (i // columns) * (card_h + gap), card_w, card_h)
                      for i in range(len(HELP_SECTIONS))]

    def handle(self, event, action):
        if action is not None and action.name in ("back", "confirm"):
            self.dismiss()
        elif event.type == pygame.MOUSEBUTTONDOWN:  # any click closes help
            self.dismiss()

    def draw(self, surface):
        view = self.view
        draw_heading(surface, view, "How to play", "Rounds of questions about Osmosis: be right, and be quick about it.")
        bodies = [((x + 24, y + 62, w - 48, h - 74), body) for (x, y, w, h), (_, body) in zip(self.cards, HELP_SECTIONS)]
        px = common_px(view, [(body, box) for box, body in bodies], theme.SIZE_BODY * 0.9)  # one size for all cards
        for box, (title, _), (body_box, body) in zip(self.cards, HELP_SECTIONS, bodies):
            draw_panel(surface, view, box)
            draw_text(surface, view, (box[0] + 24, box[1] + 14, box[2] - 48, 44), title,
                      size=theme.SIZE_BODY * 1.1, weight="bold", color=theme.ACCENT)
            draw_text(surface, view, body_box, body, size=theme.SIZE_BODY * 0.9, color=theme.INK, px=px)
        draw_hint(surface, view, "Esc or Enter to go back")


class _ScrollList(Scene):
    """A scene showing rows that scroll with up/down, the wheel, or a gamepad."""

    VISIBLE = 5

    def __init__(self, app):
        super().__init__(app)
        self.first = 0
        self.visible = self.VISIBLE  # how many rows show; a scene may fit more to its window
        self.grow = 1.0  # how much taller rows are for the text size

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
            self.first = max(0, min(self.first + step, max(0, len(self.rows()) - self.visible)))


class PacksScene(_ScrollList):
    name = "packs"
    VISIBLE = 4

    def __init__(self, app):
        super().__init__(app)
        # The packs do not change while this screen is open: every line (and each pack's
        # origin, which reads the file system) is worked out once, not every frame.
        library = app.library
        from ...paths import user_pack_dir
        self.subtitle = (f"{len(library.packs)} loaded, {len(library.refused)} refused  ·  add your own packs to "
                         f"{_home_relative(user_pack_dir())}")
        self._rows = [("pack", _pack_lines(p)) for p in library.packs] + \
                     [("refused", (f"Refused: {r.path.name}", r.reason)) for r in library.refused]

    def rows(self):
        return self._rows

    def layout(self) -> None:
        """As many pack cards as the window has room for."""
        room = self.view.hint_top - 8 - HEADING_BOTTOM
        self.grow = max(1.0, self.view.text_scale)  # larger text: taller cards, not smaller text
        self.visible = max(1, int((room + 12) // (130 * self.grow)))
        self.first = max(0, min(self.first, len(self.rows()) - self.visible))

    def draw(self, surface):
        view = self.view
        draw_heading(surface, view, "Packs", self.subtitle)
        rows = self.rows()
        x, w = view.column()
        g = self.grow
        for slot, (kind, lines) in enumerate(rows[self.first:self.first + self.visible]):
            y = HEADING_BOTTOM + 4 + slot * 130 * g
            box = (x, y, w, 118 * g)
            if kind == "pack":
                title, description, details, origin = lines
                draw_panel(surface, view, box)
                draw_text(surface, view, (x + 24, y + 10 * g, w * 0.68 - 24, 36 * g), title,
                          size=theme.SIZE_BODY, weight="semibold", valign="center")
                draw_text(surface, view, (x + 24, y + 48 * g, w - 48, 32 * g), description,
                          size=theme.SIZE_SMALL, color=theme.INK, clip=True)
                draw_text(surface, view, (x + 24, y + 82 * g, w - 48, 28 * g), details, size=theme.SIZE_SMALL,
                          color=theme.INK_MUTED, clip=True)
                draw_text(surface, view, (x + w * 0.7, y + 10 * g, w * 0.3 - 24, 36 * g), origin,
                          size=theme.SIZE_SMALL, color=theme.ACCENT, align="right", valign="center")
            else:
                title, reason = lines
                draw_panel(surface, view, box, edge=theme.WARNING)
                draw_text(surface, view, (x + 24, y + 10 * g, w - 48, 36 * g), title,
                          size=theme.SIZE_BODY, weight="semibold", color=theme.WARNING, valign="center")
                draw_text(surface, view, (x + 24, y + 50 * g, w - 48, 60 * g), reason, size=theme.SIZE_SMALL,
                          color=theme.INK)
        if not rows:
            draw_text(surface, view, (x, 300, w, 60), "No packs found.", size=theme.SIZE_BODY, align="center")
        more = len(rows) - self.first - self.visible
        draw_hint(surface, view, ("Up/Down scroll  ·  " if len(rows) > self.visible else "")
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
# x and width as fractions of the table's width, heading, align
SCORE_COLUMNS = ((0.02, 0.04, "#", "right"), (0.08, 0.34, "Name", "left"), (0.43, 0.13, "Score", "right"),
                 (0.60, 0.16, "Mode", "left"), (0.78, 0.20, "Date", "left"))


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
        left, width = view.column()
        columns = [(left + x * width, w * width, label, align) for x, w, label, align in SCORE_COLUMNS]
        pitch = min(56.0, (view.hint_top - 8 - HEADING_BOTTOM - 44) / self.visible)
        for x, w, label, align in columns:
            draw_text(surface, view, (x, HEADING_BOTTOM + 4, w, 32), label, size=theme.SIZE_SMALL, weight="semibold",
                      color=theme.ACCENT, align=align)
        scores = self.scores()
        for slot, score in enumerate(scores[:self.visible]):
            y = HEADING_BOTTOM + 44 + slot * pitch
            mine = self.highlight is not None and (score.name, score.score) == self.highlight
            draw_panel(surface, view, (left, y, width, pitch - 6),
                       fill=theme.PANEL_RAISED if mine else theme.PANEL, edge=theme.ACCENT if mine else None)
            values = (str(score.rank), score.name, f"{score.score:,}", score.mode, str(score.date)[:10])
            for (x, w, _, align), value in zip(columns, values):
                draw_text(surface, view, (x, y + 3, w, pitch - 12), value, size=theme.SIZE_BODY * 0.85,
                          weight="semibold" if mine else "regular", align=align, valign="center")
        if not scores:
            message = "No scores yet: play a game!" if self.app.store is not None else "Scores are not kept in test mode."
            draw_text(surface, view, (left, 320, width, 60), message, size=theme.SIZE_BODY,
                      color=theme.INK_MUTED, align="center")
        draw_hint(surface, view, "Left/Right mode  ·  Esc or Enter back")
