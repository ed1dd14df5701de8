"""The building blocks every scene draws with: the view (logical -> real pixels), text that
always fits its box, buttons, menus, answer tiles, the timer bar and the text input.

Widgets are laid out in logical coordinates on a canvas of the window's own shape (see View)
and drawn at the window's real size; text is rendered at the real pixel size, never scaled up
from a small surface.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import pygame

from ..text import graphemes
from . import theme
from .theme import Color

LogicalRect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Fit:
    """How a text was laid out in its box: `fitted` is False when even the smallest size
    overflows (the text is then drawn anyway, and tests fail on it)."""

    lines: tuple[str, ...]
    px: int
    line_height: int
    width: int
    height: int
    fitted: bool


@dataclass(frozen=True)
class FitReport:
    text: str
    box: LogicalRect
    fit: Fit


class View:
    """Maps the logical canvas onto the real window and collects a report of every text box
    drawn (tests assert that each one fitted).

    The logical canvas has the window's own shape, with no letterbox: it is at least
    MIN_LOGICAL (1024x720) logical pixels and exactly that in one direction, so a 16:9 window
    is 1280x720 as ever, 4:3 is 1024x768, 21:9 is about 1700x720 and a portrait window is
    1024 wide and taller. Scenes lay out from `width` and `height` (and `column()`), never
    from constants; one logical pixel is `scale` real pixels in both directions."""

    def __init__(self, window_size=theme.LOGICAL_SIZE, text_scale: float = 1.0,
                 palette: theme.Palette = theme.STANDARD):
        self.text_scale = text_scale
        self.palette = palette
        self.reduce_motion = False
        self.reports: list[FitReport] = []
        self.resize(window_size)

    def resize(self, window_size) -> None:
        width, height = max(1, window_size[0]), max(1, window_size[1])
        min_w, min_h = theme.MIN_LOGICAL
        self.window_size = (width, height)
        # Room for about one window of cached text: every text of a screen and the next.
        TEXT_CACHE.max_bytes = max(4 * 2**20, width * height * 4)
        self.scale = min(width / min_w, height / min_h)
        self.width = width / self.scale
        self.height = height / self.scale
        self.offset = (0.0, 0.0)  # no letterbox; only a fixed-design scene is centred (see fixed)

    @property
    def size(self) -> tuple[float, float]:
        return self.width, self.height

    @contextmanager
    def fixed(self, design: tuple[int, int] | None):
        """For a scene still laid out on a fixed canvas (`Scene.design`, e.g. (1280, 720)): the
        canvas is that size, scaled to fit and centred in the window, while the background
        still fills the whole window. No design: the window's own shape, as every scene should."""
        if design is None:
            yield self
            return
        saved = (self.scale, self.width, self.height, self.offset)
        width, height = self.window_size
        self.scale = min(width / design[0], height / design[1])
        self.width, self.height = design
        self.offset = ((width - design[0] * self.scale) / 2, (height - design[1] * self.scale) / 2)
        try:
            yield self
        finally:
            self.scale, self.width, self.height, self.offset = saved

    @property
    def portrait(self) -> bool:
        """Taller than wide: scenes stack what sits side by side on a landscape window."""
        return self.height > self.width

    def column(self, max_width: float = theme.CONTENT_WIDTH, margin: float = theme.MARGIN) -> tuple[float, float]:
        """(x, width) of the main column: the width between the margins, capped so lines stay
        readable on a 21:9 window, and centred."""
        return column_of(self.width, max_width, margin)

    def centred(self, width: float, height: float, top: float | None = None) -> LogicalRect:
        """A box of this size centred in the canvas (horizontally; vertically unless `top`)."""
        width = min(width, self.width - 2 * theme.MARGIN)
        return ((self.width - width) / 2, (self.height - height) / 2 if top is None else top, width, height)

    def middle(self, height: float, top: float = 0.0, bottom: float | None = None) -> float:
        """The top of a block `height` tall centred between `top` and `bottom` (default: the hint)."""
        bottom = self.hint_top if bottom is None else bottom
        return top + max(0.0, (bottom - top - height) / 2)

    @property
    def hint_top(self) -> float:
        """Where the controls line at the bottom of every scene starts."""
        return self.height - theme.HINT_HEIGHT - 6

    def rect(self, box: LogicalRect) -> pygame.Rect:
        x, y, w, h = box
        left, top = self.point(x, y)
        right, bottom = self.point(x + w, y + h)
        return pygame.Rect(left, top, max(1, right - left), max(1, bottom - top))

    def point(self, x: float, y: float) -> tuple[int, int]:
        return round(self.offset[0] + x * self.scale), round(self.offset[1] + y * self.scale)

    def to_logical(self, pos) -> tuple[float, float]:
        return (pos[0] - self.offset[0]) / self.scale, (pos[1] - self.offset[1]) / self.scale

    def px(self, length: float) -> int:
        return max(1, round(length * self.scale))

    def font_px(self, size: float) -> int:
        return max(1, round(size * self.scale * self.text_scale))

    def min_font_px(self) -> int:
        return max(theme.MIN_READABLE_PX, round(theme.SIZE_MIN * self.scale))


def column_of(canvas_width: float, max_width: float = theme.CONTENT_WIDTH,
              margin: float = theme.MARGIN) -> tuple[float, float]:
    """View.column for a canvas this wide (for layouts cached by size, without a View)."""
    width = min(canvas_width - 2 * margin, max_width)
    return (canvas_width - width) / 2, width


# --- text -----------------------------------------------------------------------------------

def wrap(text: str, font, width: int) -> list[str] | None:
    """Greedy word wrap; a word too wide for a line may break after a "/" (file paths).
    None when some piece is still wider than `width`."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if font.size(paragraph)[0] <= width:  # most labels fit on one line: one measurement
            lines.append(paragraph)
            continue
        line = ""
        for word in _words(paragraph, font, width):
            pieces = [word] if font.size(word)[0] <= width else re.split(r"(?<=/)(?=.)", word)
            for n, piece in enumerate(pieces):
                glue = "" if n > 0 or not line else " "
                candidate = f"{line}{glue}{piece}"
                if font.size(candidate)[0] <= width:
                    line = candidate
                    continue
                if font.size(piece)[0] > width:
                    return None
                lines.append(line)
                line = piece
        lines.append(line)
    return lines


def _words(paragraph: str, font, width: int):
    """The paragraph's words; two tied by `typeset` stay together unless together they are
    wider than a line."""
    for word in paragraph.split(" "):
        if _NO_BREAK in word and font.size(word)[0] > width:
            yield from word.split(_NO_BREAK)
        else:
            yield word


def fit_text(text: str, weight: str, px: int, width: int, height: int, min_px: int = 1) -> Fit:
    """Wrap `text` into a `width` x `height` pixel box, shrinking from `px` down to `min_px`
    until it fits. The result says whether it fitted."""
    size = max(1, px)
    fallback: Fit | None = None
    while True:
        font = theme.font(weight, size)
        line_height = font.get_linesize()
        lines = wrap(text, font, width)
        if lines is not None:
            text_w = max((font.size(line)[0] for line in lines), default=0)
            text_h = line_height * len(lines)
            fit = Fit(tuple(lines), size, line_height, text_w, text_h, text_h <= height)
            if fit.fitted:
                return fit
            fallback = fit
        if size <= min_px:
            break
        size = max(min_px, size - max(1, size // 10))
    if fallback is None:  # a word too wide even at the smallest size: one line per word
        font = theme.font(weight, size)
        words = tuple(text.split())
        fallback = Fit(words, size, font.get_linesize(),
                       max((font.size(w)[0] for w in words), default=0),
                       font.get_linesize() * len(words), False)
    return Fit(fallback.lines, fallback.px, fallback.line_height, fallback.width, fallback.height, False)


def clip_text(text: str, weight: str, px: int, width: int, height: int) -> Fit:
    """`text` wrapped at `px`, cut to the lines that fit `height`, the last ending in "…"."""
    font = theme.font(weight, px)
    line_height = font.get_linesize()
    lines = wrap(text, font, width) or [text]
    room = max(1, height // line_height)
    if len(lines) > room:
        lines = lines[:room]
        last = lines[-1]
        while last and font.size(last + "…")[0] > width:
            last = last[:-1]
        lines[-1] = last.rstrip(" ,;:·\u00a0") + "…"
    text_w = max((font.size(line)[0] for line in lines), default=0)
    return Fit(tuple(lines), px, line_height, min(text_w, width), line_height * len(lines), True)


class _TextCache:
    """Rendered text surfaces, keyed by everything that changes their pixels: static text is
    rendered once, not every frame. Bounded by pixel bytes, not by count: one wrapped
    paragraph at full width weighs as much as a hundred labels."""

    def __init__(self, max_bytes: int = 4 * 2**20):
        self.max_bytes = max_bytes
        self.used = 0
        self.entries: OrderedDict = OrderedDict()

    def get(self, key, build):
        entry = self.entries.get(key)
        if entry is None:
            entry = build()
            self.entries[key] = entry
            self.used += _bytes_of(entry)
            while self.used > self.max_bytes and len(self.entries) > 1:
                self.used -= _bytes_of(self.entries.popitem(last=False)[1])
        else:
            self.entries.move_to_end(key)
        return entry


def _bytes_of(entry) -> int:
    block = entry[0]
    return block.get_width() * block.get_height() * block.get_bytesize()


TEXT_CACHE = _TextCache()


def draw_text(surface: pygame.Surface, view: View, box: LogicalRect, text: str, *,
              size: float = theme.SIZE_BODY, weight: str = "regular", color: Color = theme.INK,
              align: str = "left", valign: str = "top", px: int | None = None, clip: bool = False) -> Fit:
    """Draw `text` inside the logical `box`: wrapped, then shrunk until it fits. `px` starts at
    that real pixel size instead of `size` (a grid's one size, from `common_px`). `clip`: never
    shrink; the lines that fit, the last one ending in "…" (a list's card: the whole text is
    one step away, e.g. in the review)."""
    rect = view.rect(box)
    start_px = px if px is not None else view.font_px(size)
    key = (text, weight, start_px, rect.w, rect.h, color, align, view.min_font_px(), clip)

    def build():
        if clip:
            fit = clip_text(typeset(text), weight, start_px, rect.w, rect.h)
        else:
            fit = fit_text(typeset(text), weight, start_px, rect.w, rect.h, view.min_font_px())
        font = theme.font(weight, fit.px)
        # As wide as the text, not the box: short labels in wide boxes cost little memory.
        block = pygame.Surface((max(1, fit.width), max(1, fit.height)), pygame.SRCALPHA)
        for i, line in enumerate(fit.lines):
            rendered = font.render(line, True, color)
            x = {"left": 0, "center": (fit.width - rendered.get_width()) // 2,
                 "right": fit.width - rendered.get_width()}[align]
            block.blit(rendered, (x, i * fit.line_height))
        return block, fit

    block, fit = TEXT_CACHE.get(key, build)
    x = {"left": rect.x, "center": rect.x + (rect.w - block.get_width()) // 2,
         "right": rect.right - block.get_width()}[align]
    y = rect.y
    if valign == "center":
        y = rect.y + (rect.h - block.get_height()) // 2
    elif valign == "bottom":
        y = rect.bottom - block.get_height()
    surface.blit(block, (max(rect.x, x), max(rect.y, y)))
    view.reports.append(FitReport(text, box, fit))
    return fit


def common_px(view: View, texts_and_boxes, size: float, weight: str = "regular") -> int:
    """The one real pixel size at which every text fits its box: a grid of tiles shows one size,
    not each tile shrinking on its own. Worked out once per grid and window (cached)."""
    key = tuple((text, view.rect(box).size) for text, box in texts_and_boxes)
    return _common_px(key, view.font_px(size), weight, view.min_font_px())


@lru_cache(maxsize=64)
def _common_px(texts_and_sizes, start_px: int, weight: str, min_px: int) -> int:
    px = start_px
    for text, (width, height) in texts_and_sizes:
        px = min(px, fit_text(typeset(text), weight, px, width, height, min_px).px)
    return px


_NO_BREAK = "\u00a0"


@lru_cache(maxsize=1024)
def typeset(text: str) -> str:
    """Text as a typesetter would set it: straight double quotes are curled, and single inside
    curly double ones (“"Not So Different" Remark” reads “‘Not So Different’ Remark”), and the last two words
    of a paragraph are tied, so a wrapped paragraph never ends on a lone word."""
    if '"' in text:
        # Inside curly double quotes a quote becomes single; elsewhere a straight pair is curled.
        text = re.sub(r'“([^”]*)”', lambda m: "“" + re.sub(r'"([^"]+)"', r"‘\1’", m.group(1)) + "”", text)
        text = re.sub(r'"([^"\n]+)"', r"“\1”", text)
    paragraphs = []
    for paragraph in text.split("\n"):
        head, space, last = paragraph.rpartition(" ")
        if space and head and len(last) <= 12 and " " in head.strip():
            paragraph = f"{head}{_NO_BREAK}{last}"
        paragraphs.append(paragraph)
    return "\n".join(paragraphs)


def draw_counting(surface: pygame.Surface, view: View, box: LogicalRect, text: str, final: str, *,
                  size: float = theme.SIZE_BODY, weight: str = "regular", color: Color = theme.INK,
                  align: str = "left", valign: str = "top") -> Fit:
    """A one-line text that changes every frame while it counts up to `final` (the points, the
    score): drawn from cached single characters, at the size `final` fits its box, instead of a
    whole new text rendered each frame. Once settled, draw `final` with draw_text."""
    px = common_px(view, [(final, box)], size, weight)
    font = theme.font(weight, px)
    glyphs = [TEXT_CACHE.get(("glyph", ch, weight, px, color), lambda ch=ch: (font.render(ch, True, color), None))[0]
              for ch in text]
    rect = view.rect(box)
    width, height = sum(g.get_width() for g in glyphs), font.get_linesize()
    x = {"left": rect.x, "center": rect.x + (rect.w - width) // 2, "right": rect.right - width}[align]
    y = {"top": rect.y, "center": rect.y + (rect.h - height) // 2, "bottom": rect.bottom - height}[valign]
    for glyph in glyphs:
        surface.blit(glyph, (x, y))
        x += glyph.get_width()
    fit = Fit((text,), px, height, width, height, True)
    view.reports.append(FitReport(text, box, fit))
    return fit


def upper_first(message: str) -> str:
    """A message from the core (which writes them in lower case, for `osmosis-quiz: ...` lines)
    as a sentence on screen."""
    return message[:1].upper() + message[1:]


def on_off(value: bool) -> str:
    """A switch's state as every settings row shows it."""
    return "On" if value else "Off"


def dim(surface: pygame.Surface) -> None:
    """Darken what lies under an overlay (pause, confirm), in place: multiply towards black,
    then add a touch of the deep blue. No full-screen veil surface is allocated or blended."""
    surface.fill((64, 64, 64), special_flags=pygame.BLEND_RGB_MULT)
    surface.fill((1, 6, 10), special_flags=pygame.BLEND_RGB_ADD)


# --- shapes and panels ------------------------------------------------------------------------

def draw_panel(surface: pygame.Surface, view: View, box: LogicalRect, fill: Color = theme.PANEL,
               edge: Color | None = theme.PANEL_EDGE, radius: float = theme.RADIUS, width: float = 2) -> None:
    rect = view.rect(box)
    pygame.draw.rect(surface, fill, rect, border_radius=view.px(radius))
    if edge is not None:
        pygame.draw.rect(surface, edge, rect, width=view.px(width), border_radius=view.px(radius))


def draw_shape(surface: pygame.Surface, shape: str, center: tuple[int, int], radius: int, color: Color) -> None:
    """The tile icons: a shape as well as a colour, so colour is never the only cue."""
    x, y = center
    r = max(2, radius)
    if shape == "circle":
        pygame.draw.circle(surface, color, center, r)
    elif shape == "diamond":
        pygame.draw.polygon(surface, color, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
    elif shape == "triangle":
        pygame.draw.polygon(surface, color, [(x, y - r), (x + r, y + round(r * 0.8)), (x - r, y + round(r * 0.8))])
    else:
        side = round(r * 0.85)
        pygame.draw.rect(surface, color, pygame.Rect(x - side, y - side, 2 * side, 2 * side))


def draw_mark(surface: pygame.Surface, view: View, center: tuple[int, int], right: bool, color: Color) -> None:
    """A tick or a cross: right and wrong are told by shape too, not only by colour."""
    x, y = center
    r = view.px(14)
    width = view.px(5)
    if right:
        pygame.draw.lines(surface, color, False, [(x - r, y), (x - r // 3, y + r * 2 // 3), (x + r, y - r * 2 // 3)], width)
    else:
        pygame.draw.line(surface, color, (x - r, y - r), (x + r, y + r), width)
        pygame.draw.line(surface, color, (x - r, y + r), (x + r, y - r), width)


def draw_toast(surface: pygame.Surface, view: View, message: str) -> None:
    """A short notice at the top centre, over whatever scene is showing."""
    box = ((view.width - 300) / 2, 12, 300, 48)
    draw_panel(surface, view, box, fill=theme.PANEL_RAISED, edge=theme.ACCENT)
    draw_text(surface, view, (box[0] + 12, box[1] + 4, box[2] - 24, box[3] - 8), message, size=theme.SIZE_BODY,
              weight="semibold", align="center", valign="center")


def inside(box: LogicalRect, pos) -> bool:
    x, y, w, h = box
    return x <= pos[0] < x + w and y <= pos[1] < y + h


# --- interactive widgets ----------------------------------------------------------------------

@dataclass
class Button:
    box: LogicalRect
    label: str
    key: str = ""
    enabled: bool = True
    size: float = theme.SIZE_BUTTON
    hint: str = ""  # a short line under the label, e.g. the current value of a setting
    spent: bool = False  # used up (a lifeline): drawn hollow, struck through, marked "used"

    def label_box(self) -> LogicalRect:
        x, y, w, h = self.box
        return (x + 20, y + 3, w * 0.62 - 20, h - 6) if self.hint else (x + 16, y + 3, w - 32, h - 6)

    def hint_box(self) -> LogicalRect:
        x, y, w, h = self.box
        return (x + w * 0.62, y + 3, w * 0.38 - 20, h - 6)

    def draw(self, surface: pygame.Surface, view: View, focused: bool, *, label_px: int | None = None,
             hint_px: int | None = None) -> None:
        """`label_px`/`hint_px`: the menu's one size for its labels and values (see Menu.draw)."""
        if self.spent:
            return self._draw_spent(surface, view)
        fill = theme.FOCUS_FILL if focused and self.enabled else theme.PANEL
        edge = theme.ACCENT if focused and self.enabled else theme.PANEL_EDGE
        draw_panel(surface, view, self.box, fill=fill, edge=edge, width=3 if focused else 2)
        ink = theme.INK if self.enabled else theme.INK_MUTED
        if self.hint:
            draw_text(surface, view, self.label_box(), self.label, size=self.size,
                      weight="semibold", color=ink, valign="center", px=label_px)
            draw_text(surface, view, self.hint_box(), self.hint, size=self.size * 0.85,
                      color=theme.INK if focused else theme.ACCENT if self.enabled else theme.INK_MUTED,
                      align="right", valign="center", px=hint_px)
        else:
            draw_text(surface, view, self.label_box(), self.label, size=self.size,
                      weight="semibold", color=ink, align="center", valign="center", px=label_px)


    def _draw_spent(self, surface: pygame.Surface, view: View) -> None:
        x, y, w, h = self.box
        draw_panel(surface, view, self.box, fill=theme.SHADOW, edge=None)
        fit = draw_text(surface, view, (x + 12, y + 4, w - 24, h - 8), f"{self.label}  ·  used", size=self.size,
                        color=theme.INK_MUTED, align="center", valign="center")
        rect = view.rect((x + 12, y + 4, w - 24, h - 8))
        left = rect.x + (rect.w - fit.width) // 2
        pygame.draw.line(surface, theme.INK_MUTED, (left, rect.centery), (left + fit.width, rect.centery), view.px(2))


class Menu:
    """A column of buttons driven by up/down + confirm, the mouse, or a gamepad."""

    def __init__(self, items: list[tuple[str, str]], box: LogicalRect, *, row_height: float = 56,
                 gap: float = 12, size: float = theme.SIZE_BUTTON, columns: int = 1):
        self.row_height, self.gap, self.columns = row_height, gap, columns
        self.buttons: list[Button] = [Button(box, label, key, size=size) for key, label in items]
        self.place(box)
        self.focus = 0

    def place(self, box: LogicalRect, view: "View | None" = None) -> None:
        """Lay the buttons out in `box` (x, y, width; the height follows from the rows): a scene
        calls it again when the window changes shape, and the buttons keep labels and state.
        Given the view, rows grow with the text size so a larger label is not shrunk back."""
        x, y, w, _ = box
        columns, gap = self.columns, self.gap
        row_height = self.row_height if view is None else self.row_height_for(view)
        col_w = (w - gap * (columns - 1)) / columns
        rows = (len(self.buttons) + columns - 1) // columns
        for i, button in enumerate(self.buttons):
            col, row = divmod(i, rows)
            button.box = (x + col * (col_w + gap), y + row * (row_height + gap), col_w, row_height)

    def row_height_for(self, view: "View") -> float:
        """The row height, or more: a label at the chosen text size needs its line height and a margin."""
        size = max(button.size for button in self.buttons) if self.buttons else theme.SIZE_BUTTON
        return max(self.row_height, size * view.text_scale * theme.LINE_HEIGHT + 10)

    def height_for(self, view: "View") -> float:
        rows = (len(self.buttons) + self.columns - 1) // self.columns
        return rows * (self.row_height_for(view) + self.gap) - self.gap

    @property
    def height(self) -> float:
        rows = (len(self.buttons) + self.columns - 1) // self.columns
        return rows * (self.row_height + self.gap) - self.gap

    @property
    def focused_key(self) -> str:
        return self.buttons[self.focus].key

    def button(self, key: str) -> Button:
        return next(b for b in self.buttons if b.key == key)

    def move(self, step: int) -> None:
        for _ in range(len(self.buttons)):
            self.focus = (self.focus + step) % len(self.buttons)
            if self.buttons[self.focus].enabled:
                return

    def handle(self, event, action) -> str | None:
        """The key of the chosen button, if this event chose one."""
        if action is not None:
            if action.name in ("up", "left"):
                self.move(-1)
            elif action.name in ("down", "right"):
                self.move(1)
            elif action.name == "confirm" and self.buttons[self.focus].enabled:
                return self.focused_key
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN) and hasattr(event, "pos"):
            for i, button in enumerate(self.buttons):
                if button.enabled and inside(button.box, event.pos):
                    self.focus = i
                    if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1:
                        return button.key
        return None

    def draw(self, surface: pygame.Surface, view: View) -> None:
        # One size for every label (and one for every value): a menu is a grid too, and a long
        # label shrinking alone made rows of three sizes.
        size = max(button.size for button in self.buttons)
        label_px = common_px(view, [(b.label, b.label_box()) for b in self.buttons if not b.spent], size, "semibold")
        hinted = [(b.hint, b.hint_box()) for b in self.buttons if b.hint and not b.spent]
        hint_px = min(common_px(view, hinted, size * 0.85), label_px) if hinted else None  # never above its label
        for i, button in enumerate(self.buttons):
            button.draw(surface, view, i == self.focus, label_px=label_px, hint_px=hint_px)


TILE_STATES = ("normal", "right", "wrong", "removed", "faded")


@dataclass
class AnswerTile:
    box: LogicalRect
    index: int
    text: str
    # normal; right / wrong once answered (wrong also for a second chance's first pick);
    # removed: taken away by 50:50, drawn as an empty outline, not a tile to press;
    # faded: not chosen, on an answered question.
    state: str = "normal"
    tag: str = ""  # a word on the tile's corner, e.g. "1st pick"

    def text_box(self) -> LogicalRect:
        x, y, w, h = self.box
        return (x + 120, y + 10, w - 140, h - 20)

    def draw(self, surface: pygame.Surface, view: View, focused: bool, *, px: int | None = None,
             lift: float = 0.0, glow: float = 0.0, squeeze: float = 0.0) -> None:
        """`px`: the grid's one text size; `lift` moves the tile down (logical px, a reveal);
        `glow` (0-1) rings it (the right answer's pulse); `squeeze` (0-1) presses it in."""
        style = view.palette.tiles[self.index]
        x, y, w, h = self.box
        y += lift
        if self.state == "removed":
            return self._draw_removed(surface, view, (x, y, w, h), px)
        fill = {"faded": theme.PANEL_RAISED, "right": view.palette.right,
                "wrong": view.palette.wrong}.get(self.state, style.fill)
        rect = view.rect((x, y, w, h))
        if squeeze:
            rect = rect.inflate(-round(rect.w * 0.04 * squeeze), -round(rect.h * 0.08 * squeeze))
        pygame.draw.rect(surface, theme.SHADOW, rect.move(0, view.px(5 * (1 - squeeze))),
                         border_radius=view.px(theme.RADIUS))
        if glow:
            ring = view.px(4 + 10 * glow)
            pygame.draw.rect(surface, theme.mix(fill, theme.INK, 0.5), rect.inflate(ring * 2, ring * 2),
                             width=view.px(3), border_radius=view.px(theme.RADIUS + 6))
        pygame.draw.rect(surface, fill, rect, border_radius=view.px(theme.RADIUS))
        if focused:
            pygame.draw.rect(surface, theme.INK, rect.inflate(view.px(10), view.px(10)),
                             width=view.px(4), border_radius=view.px(theme.RADIUS + 4))
        ink = theme.ink_on(fill)
        # Badge: the shape and the key label, on a dark disc so both read on any fill. Once
        # answered, a tick or a cross takes the shape's place: the answer keeps the tile's full
        # width instead of shrinking beside a mark.
        badge_center = view.point(x + 44, y + h / 2)
        pygame.draw.circle(surface, theme.INK_DARK, badge_center, view.px(min(30, h / 2 - 6)))
        if self.state in ("right", "wrong"):
            draw_mark(surface, view, badge_center, self.state == "right", fill)
        else:
            draw_shape(surface, style.shape, badge_center, view.px(min(18, h / 2 - 16)), style.fill)
        draw_text(surface, view, (x + 80, y + 8, 44, h - 16), theme.KEY_LABELS[self.index],
                  size=theme.SIZE_BODY, weight="bold", color=ink, valign="center")
        tx, ty, tw, th = self.text_box()
        draw_text(surface, view, (tx, ty + lift, tw, th), self.text, size=theme.SIZE_TILE, weight="semibold",
                  color=ink, valign="center", px=px)
        if self.tag:
            draw_text(surface, view, (x + w - 150, y + 4, 140, 26), self.tag, size=theme.SIZE_SMALL * 0.9,
                      weight="bold", color=ink, align="right")

    def _draw_removed(self, surface, view, box, px) -> None:
        """Gone from the question: an empty dashed outline and the answer struck through, in the
        muted ink, so it cannot be taken for a tile to press."""
        rect = view.rect(box)
        dash, gap = view.px(14), view.px(10)
        for edge_y in (rect.top, rect.bottom - view.px(2)):
            for x in range(rect.left + view.px(theme.RADIUS), rect.right - view.px(theme.RADIUS), dash + gap):
                pygame.draw.line(surface, theme.PANEL_EDGE, (x, edge_y), (min(x + dash, rect.right), edge_y), view.px(2))
        for edge_x in (rect.left, rect.right - view.px(2)):
            for y in range(rect.top + view.px(theme.RADIUS), rect.bottom - view.px(theme.RADIUS), dash + gap):
                pygame.draw.line(surface, theme.PANEL_EDGE, (edge_x, y), (edge_x, min(y + dash, rect.bottom)), view.px(2))
        x, y, w, h = box
        fit = draw_text(surface, view, (x + 120, y + 10, w - 140, h - 20), self.text, size=theme.SIZE_TILE,
                        color=theme.INK_MUTED, valign="center", px=px)
        text_rect = view.rect((x + 120, y + 10, w - 140, h - 20))
        middle = text_rect.y + (text_rect.h - fit.height) // 2
        for i in range(len(fit.lines)):
            line_y = middle + i * fit.line_height + fit.line_height // 2
            pygame.draw.line(surface, theme.INK_MUTED, (text_rect.x, line_y),
                             (text_rect.x + fit.width, line_y), view.px(2))
        draw_text(surface, view, (x + 16, y + 8, 96, h - 16), "50:50", size=theme.SIZE_SMALL * 0.9,
                  weight="semibold", color=theme.INK_MUTED, valign="center")


def grid_px(view: View, tiles: list[AnswerTile]) -> int:
    """The one text size of a grid of tiles (for a scene that draws each tile itself)."""
    return common_px(view, [(tile.text, tile.text_box()) for tile in tiles], theme.SIZE_TILE, "semibold")


def draw_tiles(surface: pygame.Surface, view: View, tiles: list[AnswerTile], focus: int = -1, *,
               lifts=None, glows=None, squeezes=None) -> int:
    """A grid of answer tiles with one text size for all of them; the size used."""
    px = grid_px(view, tiles)
    for i, tile in enumerate(tiles):
        tile.draw(surface, view, tile.index == focus, px=px, lift=lifts[i] if lifts else 0.0,
                  glow=glows[i] if glows else 0.0, squeeze=squeezes[i] if squeezes else 0.0)
    return px


def draw_timer_bar(surface: pygame.Surface, view: View, box: LogicalRect, fraction: float, seconds_left: float) -> None:
    fraction = min(1.0, max(0.0, fraction))
    draw_panel(surface, view, box, fill=theme.SHADOW, edge=None, radius=box[3] / 2)
    x, y, w, h = box
    if fraction > 0:
        color = view.palette.timer_full if fraction > 0.3 else view.palette.timer_low
        draw_panel(surface, view, (x, y, max(h, w * fraction), h), fill=color, edge=None, radius=h / 2)


class TextInput:
    """A one-line text field fed by TEXTINPUT events, so accents typed with dead keys or an
    input method arrive as the characters the player meant."""

    def __init__(self, box: LogicalRect, max_length: int = 40, text: str = ""):
        self.box = box
        self.max_length = max_length
        self.text = "".join(graphemes(text)[:max_length])  # lengths count what a reader sees
        self.selected = bool(self.text)  # a suggested text is replaced by the first key typed
        self.caret_time = 0.0

    def handle(self, event) -> str | None:
        """'submit' on Enter, 'changed' when the text changed, else None."""
        if event.type == pygame.TEXTINPUT:
            # Whole characters, judged with the text before them (a family emoji may come in
            # pieces): the joiners inside one stay, a control on its own goes.
            before = "" if self.selected else self.text
            typed = "".join([g for g in graphemes(before + event.text) if g[0].isprintable()][: self.max_length])
            if typed != before:
                self.text, self.selected = typed, False
                return "changed"
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_BACKSPACE and self.text:
                self.text = "" if self.selected else "".join(graphemes(self.text)[:-1])
                self.selected = False
                return "changed"
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_END, pygame.K_HOME):
                self.selected = False
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return "submit"
        return None

    def update(self, dt: float) -> None:
        self.caret_time = (self.caret_time + dt) % 1.0

    def draw(self, surface: pygame.Surface, view: View, placeholder: str = "") -> None:
        x, y, w, h = self.box
        draw_panel(surface, view, self.box, fill=theme.SHADOW, edge=theme.ACCENT, width=3)
        shown = self.text or placeholder
        color = theme.INK if self.text else theme.INK_MUTED
        if self.selected:
            font = theme.font("semibold", view.font_px(theme.SIZE_PROMPT))
            text_w, text_h = font.size(self.text)
            rect = view.rect(self.box)
            highlight = pygame.Rect(rect.x + view.px(16), rect.centery - text_h // 2,
                                    min(text_w + view.px(8), rect.w - view.px(32)), text_h)
            pygame.draw.rect(surface, theme.ACCENT_SOFT, highlight, border_radius=view.px(4))
        fit = draw_text(surface, view, (x + 20, y + 8, w - 40, h - 16), shown or " ", size=theme.SIZE_PROMPT,
                        weight="semibold", color=color, valign="center")
        if self.caret_time < 0.5:
            font = theme.font("semibold", fit.px)
            caret_x = view.rect(self.box).x + view.px(20) + (font.size(self.text)[0] if self.text else 0) + view.px(3)
            rect = view.rect(self.box)
            pygame.draw.line(surface, theme.ACCENT, (caret_x, rect.y + view.px(14)),
                             (caret_x, rect.bottom - view.px(14)), view.px(3))


@dataclass
class Background:
    """The vertical blue-teal gradient with its faint membrane rings (a nod to the series' lab
    imagery). Only a one-pixel-wide column is kept: SDL stretches it straight into the
    window each frame, as fast as blitting a full-size copy that would cost a window's
    worth of memory."""

    size: tuple[int, int] = (0, 0)
    column: pygame.Surface | None = field(default=None, repr=False)

    RING = theme.mix(theme.BACKGROUND_BOTTOM, theme.ACCENT, 0.12)
    RING_FAINT = theme.mix(theme.BACKGROUND_BOTTOM, theme.ACCENT, 0.08)

    def draw(self, target: pygame.Surface, view: View) -> None:
        # The whole window, whatever its shape: there are no bars, so nothing for a ring to cross.
        size = target.get_size()
        if self.column is None or self.size != size:
            self.size = size
            seed = pygame.Surface((1, 2))
            seed.set_at((0, 0), theme.BACKGROUND_TOP)
            seed.set_at((0, 1), theme.BACKGROUND_BOTTOM)
            self.column = pygame.transform.smoothscale(seed, (1, max(1, size[1])))
        pygame.transform.scale(self.column, size, target)
        centre = (size[0] - view.px(120), view.px(120))
        ring = view.px(300)
        pygame.draw.circle(target, self.RING, centre, ring, view.px(3))
        pygame.draw.circle(target, self.RING_FAINT, centre, ring + view.px(40), view.px(2))


# --- motion -----------------------------------------------------------------------------------

MOTION_SECONDS = 0.4  # the longest any animation runs: juice, never a wait


class Motion:
    """A scene's short animations. Each is named, started by an event (a press, a reveal, a
    new score) and runs from 0 to 1 in at most MOTION_SECONDS; `update(dt)` moves them (from the
    scene's update, never its draw) and `progress(name)` is where one is, 1.0 when it is over or
    never started. With "Reduce motion" on, everything is at once in its final state. Nothing
    waits for an animation: input is handled as before, whatever is playing."""

    def __init__(self, view: "View"):
        self.view = view
        self.running: dict[str, tuple[float, float]] = {}  # name -> (seconds gone, duration)

    def start(self, name: str, seconds: float = MOTION_SECONDS) -> None:
        if self.view.reduce_motion:
            self.running.pop(name, None)
            return
        self.running[name] = (0.0, min(MOTION_SECONDS, max(0.01, seconds)))

    def update(self, dt: float) -> None:
        for name, (gone, duration) in list(self.running.items()):
            if gone + dt >= duration:
                del self.running[name]
            else:
                self.running[name] = (gone + dt, duration)

    def progress(self, name: str) -> float:
        if self.view.reduce_motion or name not in self.running:
            return 1.0
        gone, duration = self.running[name]
        return gone / duration

    def active(self, name: str) -> bool:
        return not self.view.reduce_motion and name in self.running

    @property
    def busy(self) -> bool:
        return bool(self.running) and not self.view.reduce_motion


def ease_out(t: float) -> float:
    """Fast then settling: things arrive rather than crawl."""
    t = min(1.0, max(0.0, t))
    return 1 - (1 - t) ** 3


def pulse(t: float) -> float:
    """0 -> 1 -> 0 over the animation: a beat."""
    import math
    return math.sin(math.pi * min(1.0, max(0.0, t)))
