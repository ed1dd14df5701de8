"""The look of the game, in one place: colours, palettes, fonts, sizes and the logical layout.

Everything is laid out on a logical canvas of the window's shape, at least MIN_LOGICAL (a 16:9
window is 1280x720); fonts are opened at the real pixel size (`View.font_px`) so text stays crisp
at any window size.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..paths import assets_dir

LOGICAL_SIZE = (1280, 720)  # the window's size at start, and the 16:9 canvas
MIN_LOGICAL = (1024, 720)  # the smallest logical canvas: every scene is laid out to fit it
CONTENT_WIDTH = 1400  # the widest a main column grows on a 21:9 window: lines stay readable
FPS = 60

Color = tuple[int, int, int]

# Cool clinical blues and teals: the lab-glass look of the series.
BACKGROUND_TOP: Color = (8, 24, 38)
BACKGROUND_BOTTOM: Color = (10, 52, 66)
PANEL: Color = (16, 48, 64)
PANEL_EDGE: Color = (44, 110, 128)
PANEL_RAISED: Color = (22, 66, 86)
INK: Color = (236, 248, 250)  # main text
INK_MUTED: Color = (160, 200, 210)  # secondary text: still >= 4.5:1 on PANEL
INK_DARK: Color = (6, 20, 30)  # text on light fills
ACCENT: Color = (46, 196, 182)  # teal: focus rings, highlights
ACCENT_SOFT: Color = (30, 120, 130)
FOCUS_FILL: Color = (22, 92, 104)  # the focused button: clearly lit, white text still > 7:1
WARNING: Color = (255, 196, 92)
SHADOW: Color = (2, 8, 14)


@dataclass(frozen=True)
class TileStyle:
    fill: Color
    shape: str  # circle, diamond, triangle, square


@dataclass(frozen=True)
class Palette:
    name: str
    tiles: tuple[TileStyle, TileStyle, TileStyle, TileStyle]
    right: Color
    wrong: Color
    timer_full: Color
    timer_low: Color


STANDARD = Palette(
    "standard",
    (TileStyle((28, 100, 196), "circle"), TileStyle((12, 122, 112), "diamond"),
     TileStyle((214, 150, 40), "triangle"), TileStyle((122, 78, 196), "square")),
    right=(52, 200, 130), wrong=(232, 84, 84),
    timer_full=(46, 196, 182), timer_low=(232, 84, 84),
)

# Okabe-Ito colours: told apart with the common colour-vision deficiencies; shapes and key
# labels carry the same information for everyone else.
COLOUR_BLIND_SAFE = Palette(
    "colour-blind safe",
    (TileStyle((0, 114, 178), "circle"), TileStyle((230, 159, 0), "diamond"),
     TileStyle((0, 158, 115), "triangle"), TileStyle((204, 121, 167), "square")),
    right=(86, 180, 233), wrong=(213, 94, 0),
    timer_full=(86, 180, 233), timer_low=(213, 94, 0),
)

PALETTES = {"standard": STANDARD, "colour-blind": COLOUR_BLIND_SAFE}
KEY_LABELS = ("1", "2", "3", "4")


@dataclass(frozen=True)
class PlayerStyle:
    """A party player's marker: a colour and a shape of its own (not a tile's shape), so players
    are told apart on the tiles without relying on colour."""

    fill: Color
    shape: str  # star, hexagon, plus, ring


# Light, saturated fills that read on every tile colour and on the dark panels; shapes differ too.
PLAYER_STYLES = (PlayerStyle((255, 112, 150), "star"), PlayerStyle((255, 214, 90), "hexagon"),
                 PlayerStyle((120, 232, 150), "plus"), PlayerStyle((150, 206, 255), "ring"))

# Text size setting: a factor on every font size, in steps a player notices (layouts leave room
# for the largest; text that still does not fit shrinks).
TEXT_SIZES = {"small": 0.9, "normal": 1.0, "large": 1.25, "largest": 1.5}

# Font sizes in logical pixels.
SIZE_TITLE = 72
SIZE_HEADING = 44
SIZE_PROMPT = 38
SIZE_BODY = 26
SIZE_BUTTON = 28
SIZE_TILE = 30
SIZE_SMALL = 20
SIZE_MIN = 12  # the smallest size text may shrink to before it counts as not fitting
MIN_READABLE_PX = 10  # ... and never below this many real pixels, however small the window
HINT_HEIGHT = 40  # the controls line at the bottom of a scene

WEIGHTS = {"regular": "Inter-Regular.otf", "semibold": "Inter-SemiBold.otf", "bold": "Inter-Bold.otf"}

LINE_HEIGHT = 1.22  # Inter's line height as a multiple of its size: room a line of text needs

RADIUS = 14
MARGIN = 48


def font_path(weight: str):
    return assets_dir() / "fonts" / WEIGHTS[weight]


@lru_cache(maxsize=24)  # each open size keeps its own glyph cache; fit_text tries many sizes
def font(weight: str, px: int):
    """The font at a real pixel size, opened once (fonts are only opened after pygame.init)."""
    import pygame
    return pygame.font.Font(str(font_path(weight)), max(1, int(px)))


def relative_luminance(color: Color) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@lru_cache(maxsize=64)
def ink_on(fill: Color) -> Color:
    """The text colour (light or dark) that reads best on `fill`."""
    return INK if contrast(INK, fill) >= contrast(INK_DARK, fill) else INK_DARK


def mix(a: Color, b: Color, t: float) -> Color:
    t = min(1.0, max(0.0, t))
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]
