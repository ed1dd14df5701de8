"""The building blocks every scene draws with: the view (logical -> real pixels), text that
always fits its box, buttons, menus, answer tiles, the timer bar and the text input.

Widgets are laid out in logical 1280x720 coordinates and drawn at the window's real size;
text is rendered at the real pixel size, never scaled up from a small surface.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field

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
    """Maps the 1280x720 logical canvas onto the real window, letterboxed, and collects a
    report of every text box drawn (tests assert that each one fitted)."""

    def __init__(self, window_size=theme.LOGICAL_SIZE, text_scale: float = 1.0,
                 palette: theme.Palette = theme.STANDARD):
        self.text_scale = text_scale
        self.palette = palette
        self.reports: list[FitReport] = []
        self.resize(window_size)

    def resize(self, window_size) -> None:
        width, height = max(1, window_size[0]), max(1, window_size[1])
        logical_w, logical_h = theme.LOGICAL_SIZE
        self.window_size = (width, height)
        # Room for about one window of cached text: every text of a screen and the next.
        TEXT_CACHE.max_bytes = max(4 * 2**20, width * height * 4)
        self.scale = min(width / logical_w, height / logical_h)
        self.offset = ((width - logical_w * self.scale) / 2, (height - logical_h * self.scale) / 2)

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
        return max(1, round(theme.SIZE_MIN * self.scale))


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
        for word in paragraph.split(" "):
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
              align: str = "left", valign: str = "top") -> Fit:
    """Draw `text` inside the logical `box`: wrapped, then shrunk until it fits."""
    rect = view.rect(box)
    key = (text, weight, view.font_px(size), rect.w, rect.h, color, align, view.min_font_px())

    def build():
        fit = fit_text(text, weight, view.font_px(size), rect.w, rect.h, view.min_font_px())
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
    box = (490, 12, 300, 48)
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

    def draw(self, surface: pygame.Surface, view: View, focused: bool) -> None:
        x, y, w, h = self.box
        fill = theme.FOCUS_FILL if focused and self.enabled else theme.PANEL
        edge = theme.ACCENT if focused and self.enabled else theme.PANEL_EDGE
        draw_panel(surface, view, self.box, fill=fill, edge=edge, width=3 if focused else 2)
        ink = theme.INK if self.enabled else theme.INK_MUTED
        if self.hint:
            draw_text(surface, view, (x + 20, y + 6, w * 0.55 - 20, h - 12), self.label, size=self.size,
                      weight="semibold", color=ink, valign="center")
            draw_text(surface, view, (x + w * 0.55, y + 6, w * 0.45 - 20, h - 12), self.hint,
                      size=self.size * 0.85,
                      color=theme.INK if focused else theme.ACCENT if self.enabled else theme.INK_MUTED,
                      align="right", valign="center")
        else:
            draw_text(surface, view, (x + 16, y + 6, w - 32, h - 12), self.label, size=self.size,
                      weight="semibold", color=ink, align="center", valign="center")


class Menu:
    """A column of buttons driven by up/down + confirm, the mouse, or a gamepad."""

    def __init__(self, items: list[tuple[str, str]], box: LogicalRect, *, row_height: float = 56,
                 gap: float = 12, size: float = theme.SIZE_BUTTON, columns: int = 1):
        x, y, w, _ = box
        self.buttons: list[Button] = []
        col_w = (w - gap * (columns - 1)) / columns
        rows = (len(items) + columns - 1) // columns
        for i, (key, label) in enumerate(items):
            col, row = divmod(i, rows)
            self.buttons.append(Button((x + col * (col_w + gap), y + row * (row_height + gap), col_w, row_height),
                                       label, key, size=size))
        self.focus = 0

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
        for i, button in enumerate(self.buttons):
            button.draw(surface, view, i == self.focus)


@dataclass
class AnswerTile:
    box: LogicalRect
    index: int
    text: str
    state: str = "normal"  # normal, right, wrong, faded (removed by 50:50 or not chosen)

    def draw(self, surface: pygame.Surface, view: View, focused: bool) -> None:
        style = view.palette.tiles[self.index]
        x, y, w, h = self.box
        fill = style.fill
        if self.state == "faded":
            fill = theme.PANEL_RAISED
        elif self.state == "right":
            fill = view.palette.right
        elif self.state == "wrong":
            fill = view.palette.wrong
        rect = view.rect(self.box)
        pygame.draw.rect(surface, theme.SHADOW, rect.move(0, view.px(5)), border_radius=view.px(theme.RADIUS))
        pygame.draw.rect(surface, fill, rect, border_radius=view.px(theme.RADIUS))
        if focused:
            pygame.draw.rect(surface, theme.INK, rect.inflate(view.px(10), view.px(10)),
                             width=view.px(4), border_radius=view.px(theme.RADIUS + 4))
        ink = theme.ink_on(fill)
        # Badge: the shape and the key label, on a dark disc so both read on any fill. Once
        # answered, a tick or a cross takes the shape's place: the answer keeps the tile's full
        # width instead of shrinking beside a mark.
        badge_center = view.point(x + 44, y + h / 2)
        pygame.draw.circle(surface, theme.INK_DARK, badge_center, view.px(30))
        if self.state in ("right", "wrong"):
            draw_mark(surface, view, badge_center, self.state == "right", fill)
        else:
            draw_shape(surface, style.shape, badge_center, view.px(18), style.fill)
        draw_text(surface, view, (x + 80, y + 8, 44, h - 16), theme.KEY_LABELS[self.index],
                  size=theme.SIZE_BODY, weight="bold", color=ink, valign="center")
        draw_text(surface, view, (x + 120, y + 10, w - 140, h - 20),
                  self.text, size=theme.SIZE_TILE, weight="semibold", color=ink, valign="center")


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
        rect = view.rect((0, 0, *theme.LOGICAL_SIZE)).clip(target.get_rect())
        if rect.size != target.get_size():
            target.fill(theme.LETTERBOX)  # only letterboxed windows have bars to clear
        if self.column is None or self.size != rect.size:
            self.size = rect.size
            seed = pygame.Surface((1, 2))
            seed.set_at((0, 0), theme.BACKGROUND_TOP)
            seed.set_at((0, 1), theme.BACKGROUND_BOTTOM)
            self.column = pygame.transform.smoothscale(seed, (1, max(1, rect.h)))
        pygame.transform.scale(self.column, rect.size, target.subsurface(rect))
        centre = (rect.right - view.px(120), rect.y + view.px(120))
        ring = view.px(300)
        pygame.draw.circle(target, self.RING, centre, ring, view.px(3))
        pygame.draw.circle(target, self.RING_FAINT, centre, ring + view.px(40), view.px(2))
