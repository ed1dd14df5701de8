#!/usr/bin/env python3
"""Draw Osmosis Quiz's icon into assets/icon.png (256x256, transparent corners).

The four answer-tile shapes of the game (circle, diamond, triangle, square, in the standard
palette's colours) inside a teal membrane ring, on the game's blue-teal gradient: what a player
sees on every question, readable down to a 16-pixel taskbar icon. Drawn four times larger and
scaled down so every edge is smooth. Output is deterministic: the same pixels on every run.

Run from the repository root, with the game installed (`pip install -e .`):

    python assets/make_icon.py
"""
from __future__ import annotations

import math

import pygame

from game.paths import icon_path
from game.ui import theme

SIZE = 256
SCALE = 4  # drawn at 4x, then smooth-scaled down: pygame's shapes have no anti-aliasing


def gradient(size: int) -> pygame.Surface:
    seed = pygame.Surface((1, 2))
    seed.set_at((0, 0), theme.BACKGROUND_TOP)
    seed.set_at((0, 1), theme.BACKGROUND_BOTTOM)
    return pygame.transform.smoothscale(pygame.transform.smoothscale(seed, (1, size)), (size, size))


def rounded(surface: pygame.Surface, radius: int) -> pygame.Surface:
    """`surface` with its corners cut to a transparent rounded square."""
    mask = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    shaped = surface.convert_alpha()
    shaped.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return shaped


def draw_shape(surface: pygame.Surface, style: theme.TileStyle, centre: tuple[int, int], r: int) -> None:
    x, y = centre
    if style.shape == "circle":
        pygame.draw.circle(surface, style.fill, centre, r)
    elif style.shape == "diamond":
        pygame.draw.polygon(surface, style.fill, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
    elif style.shape == "triangle":
        h = r * math.sqrt(3) / 2
        pygame.draw.polygon(surface, style.fill, [(x, y - r), (x + h * 1.15, y + r * 0.75), (x - h * 1.15, y + r * 0.75)])
    else:
        side = int(r * 1.6)
        pygame.draw.rect(surface, style.fill, pygame.Rect(x - side // 2, y - side // 2, side, side),
                         border_radius=r // 6)


def draw_icon() -> pygame.Surface:
    big = SIZE * SCALE
    canvas = gradient(big)
    middle = big // 2
    # The membrane: a ring round the four tiles, and a fainter one just outside it.
    pygame.draw.circle(canvas, theme.mix(theme.BACKGROUND_BOTTOM, theme.ACCENT, 0.35), (middle, middle),
                       int(big * 0.47), int(big * 0.012))
    pygame.draw.circle(canvas, theme.ACCENT, (middle, middle), int(big * 0.40), int(big * 0.03))
    offset, r = int(big * 0.14), int(big * 0.105)
    spots = [(middle - offset, middle - offset), (middle + offset, middle - offset),
             (middle - offset, middle + offset), (middle + offset, middle + offset)]
    for style, spot in zip(theme.STANDARD.tiles, spots):
        draw_shape(canvas, style, spot, r)
    return pygame.transform.smoothscale(rounded(canvas, int(big * 0.18)), (SIZE, SIZE))


def main() -> None:
    pygame.display.init()
    pygame.display.set_mode((1, 1), pygame.HIDDEN)  # convert_alpha needs a display format
    out = icon_path()  # assets/icon.png in a clone with the editable install
    pygame.image.save(draw_icon(), str(out))
    pygame.quit()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
