"""Pictures the menus draw themselves: the backdrop, map thumbnails and the strength chart.

The map thumbnail comes from the board renderer when it is installed
(`alma_tactics.render.board.BoardRenderer.thumbnail`); until then, and for
scenarios the renderer cannot draw, a plain picture of the terrain with a dot
per unit in its side's colour.
"""

from __future__ import annotations

import math
import random
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pygame
import pygame_gui

if TYPE_CHECKING:
    from ..core.catalog import Catalog
    from ..scenario.files import Scenario

FONT_PATH = Path(pygame_gui.__file__).parent / "data" / "NotoSans-Regular.ttf"
BOLD_FONT_PATH = FONT_PATH.with_name("NotoSans-Bold.ttf")

# Terrain id -> colour of the fallback thumbnail (unknown ids are mid grey).
TERRAIN_COLOURS = {
    "open": (52, 60, 50),
    "road": (88, 84, 74),
    "rough": (70, 66, 52),
    "rock": (96, 92, 88),
    "forest": (30, 74, 40),
    "wall": (150, 150, 160),
    "rubble": (110, 100, 90),
    "building": (120, 110, 130),
    "floor": (72, 72, 80),
    "door": (170, 130, 80),
    "tower": (200, 200, 215),
    "water": (36, 70, 120),
    "ravine": (24, 22, 28),
    "cavern_wall": (64, 54, 50),
    "pad": (90, 100, 110),
    "half_wall": (125, 125, 135),
}
NIGHT = 0.6  # night and dusk maps are drawn darker


@lru_cache(maxsize=8)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    """The theme's font (Noto Sans, as pygame_gui ships it) for drawing and measuring."""
    return pygame.font.Font(BOLD_FONT_PATH if bold else FONT_PATH, size)


def hex_colour(text: str) -> tuple[int, int, int]:
    c = pygame.Color(text)
    return c.r, c.g, c.b


# --- the backdrop behind the menus ------------------------------------------------------------


@lru_cache(maxsize=2)
def backdrop(size: tuple[int, int]) -> pygame.Surface:
    """Night sky over Alma: a gradient, stars, a faint tactical grid and Platana's rim."""
    w, h = size
    t = np.linspace(0.0, 1.0, h)[:, None]
    top, bottom = np.array([4, 7, 12]), np.array([12, 24, 34])
    column = (top + (bottom - top) * t).astype(np.uint8)  # (h, 3)
    pixels = np.broadcast_to(column[None, :, :], (w, h, 3)).copy()
    surface = pygame.surfarray.make_surface(pixels)
    rng = random.Random(7)  # the same sky every time
    for _ in range(w * h // 2600):
        x, y = rng.randrange(w), rng.randrange(int(h * 0.8))
        v = rng.randrange(90, 230)
        surface.set_at((x, y), (v, v, min(255, v + 20)))
    grid = pygame.Surface(size, pygame.SRCALPHA)
    step = max(24, w // 40)
    for x in range(0, w, step):
        pygame.draw.line(grid, (79, 214, 240, 10), (x, 0), (x, h))
    for y in range(0, h, step):
        pygame.draw.line(grid, (79, 214, 240, 10), (0, y), (w, y))
    surface.blit(grid, (0, 0))
    # Platana, the gas giant Alma orbits, rising at the bottom right
    planet = pygame.Surface(size, pygame.SRCALPHA)
    radius = int(h * 0.9)
    centre = (int(w * 0.86), int(h * 1.55))
    for i in range(14, 0, -1):
        alpha = int(5 + 3 * (14 - i))
        pygame.draw.circle(planet, (40, 110, 140, alpha), centre, radius + i * 3)
    pygame.draw.circle(planet, (10, 26, 36, 255), centre, radius)
    for k in range(1, 6):  # cloud bands
        ry = radius - k * radius // 7
        band = pygame.Rect(0, 0, int(math.sqrt(max(radius**2 - ry**2, 0))) * 2, 6)
        band.center = (centre[0], centre[1] - ry)
        pygame.draw.ellipse(planet, (30, 70, 90, 60), band)
    pygame.draw.circle(planet, (79, 214, 240, 120), centre, radius, 2)
    surface.blit(planet, (0, 0))
    return surface.convert() if pygame.display.get_surface() else surface


# --- map thumbnails ---------------------------------------------------------------------------


def fit(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """`size` scaled to fit inside `box`, keeping its shape."""
    scale = min(box[0] / size[0], box[1] / size[1])
    return max(1, int(size[0] * scale)), max(1, int(size[1] * scale))


def thumbnail(scenario: Scenario, box: tuple[int, int], catalog: Catalog) -> pygame.Surface:
    """A picture of the scenario's map, fitted inside `box`."""
    try:
        from ..render.board import BoardRenderer
    except ImportError:
        return terrain_thumbnail(scenario, box, catalog)
    colours = {side: hex_colour(colour) for side, colour in scenario.colours.items()}
    renderer = BoardRenderer(catalog, 8, False, colours)
    return renderer.thumbnail(scenario.new_state(0, catalog), fit(scenario.size, box))


def terrain_thumbnail(scenario: Scenario, box: tuple[int, int], catalog: Catalog) -> pygame.Surface:
    """The fallback: one pixel per tile in its terrain's colour, a dot per unit, scaled up."""
    w, h = scenario.size
    palette = np.full((256, 3), 128, np.uint8)
    index = {}
    for kind in catalog.terrain:
        palette[kind.index] = TERRAIN_COLOURS.get(kind.id, (128, 128, 128))
        index[kind.char] = kind.index
    rows = scenario.doc["map"]["rows"].splitlines()
    kinds = np.zeros((h, w), np.uint8)
    for y, row in enumerate(rows[:h]):
        kinds[y, : len(row)] = [index.get(ch, 0) for ch in row[:w]]
    rgb = palette[kinds]
    if scenario.ambient in ("night", "dusk"):
        rgb = (rgb * NIGHT).astype(np.uint8)
    out_size = fit((w, h), box)
    tiles = pygame.transform.scale(pygame.surfarray.make_surface(rgb.swapaxes(0, 1)), out_size)
    colours = {k: hex_colour(v) for k, v in scenario.colours.items()}
    sx, sy = out_size[0] / w, out_size[1] / h
    dot = max(2, int(min(sx, sy) * 0.45))
    for unit in scenario.doc.get("unit", []):
        at = unit.get("at")
        if not at:
            continue
        centre = (int((at[0] + 0.5) * sx), int((at[1] + 0.5) * sy))
        pygame.draw.circle(tiles, (0, 0, 0), centre, dot + 1)
        pygame.draw.circle(tiles, colours.get(unit["side"], (230, 230, 230)), centre, dot)
    pygame.draw.rect(tiles, (42, 111, 134), tiles.get_rect(), 1)
    return tiles


# --- the after-action chart -------------------------------------------------------------------

MARKERS = ("circle", "square", "triangle", "diamond", "cross")


def _marker(surface: pygame.Surface, kind: str, colour, at: tuple[int, int], r: int) -> None:
    x, y = at
    if kind == "circle":
        pygame.draw.circle(surface, colour, at, r)
    elif kind == "square":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r))
    elif kind == "triangle":
        pygame.draw.polygon(
            surface, colour, [(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)]
        )
    elif kind == "diamond":
        pygame.draw.polygon(
            surface, colour, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]
        )
    else:
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), 3)
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), 3)


def strength_chart(
    series: list[tuple[str, tuple[int, int, int], list[int]]],
    size: tuple[int, int],
    scale: float = 1.0,
) -> pygame.Surface:
    """A line per side of its units alive at each of its turn starts, with a legend.

    Each side also has its own marker shape, so the lines tell apart without colour.
    """
    w, h = size
    surface = pygame.Surface(size, pygame.SRCALPHA)
    surface.fill((11, 20, 29, 216))
    pygame.draw.rect(surface, (31, 78, 96), surface.get_rect(), 1)
    small = font(max(10, round(13 * scale)))
    title = font(max(11, round(15 * scale)))
    surface.blit(title.render("Units standing at each turn", True, (127, 182, 200)), (12, 8))
    longest = max((len(v) for _, _, v in series), default=0)
    peak = max((max(v) for _, _, v in series if v), default=0)
    r = max(3, round(4 * scale))
    legend, x, row = [], 12, 0  # (name, at) of each legend entry, wrapped into rows
    for name, _, _ in series:
        width = 2 * r + 6 + small.size(name)[0]
        if x + width > w - 12 and x > 12:
            x, row = 12, row + 1
        legend.append((x, row))
        x += width + 18
    line = small.get_linesize() + 2
    legend_h = (row + 1) * line + 6
    plot = pygame.Rect(0, 0, 0, 0)
    plot.left = 12 + small.size(str(max(peak, 1)))[0] + 8
    plot.top = 14 + title.get_linesize()
    plot.width = w - plot.left - 16
    plot.height = h - plot.top - small.get_linesize() - legend_h - 12
    if plot.width < 20 or plot.height < 20:
        return surface
    top = max(peak, 1)
    ticks = sorted({0, top, top // 2})
    for value in ticks:
        y = plot.bottom - value * plot.height // top
        pygame.draw.line(surface, (31, 60, 74), (plot.left, y), (plot.right, y))
        label = small.render(str(value), True, (125, 147, 161))
        surface.blit(label, (plot.left - 6 - label.get_width(), y - label.get_height() // 2))
    pygame.draw.line(surface, (79, 130, 150), plot.bottomleft, plot.bottomright)
    pygame.draw.line(surface, (79, 130, 150), plot.topleft, plot.bottomleft)
    span = max(longest - 1, 1)
    step = max(1, math.ceil(longest / 10))
    for turn in range(0, longest, step):
        x = plot.left + turn * plot.width // span
        label = small.render(str(turn + 1), True, (125, 147, 161))
        surface.blit(label, (x - label.get_width() // 2, plot.bottom + 3))
    if not longest:
        note = small.render("no turns were played", True, (125, 147, 161))
        surface.blit(note, note.get_rect(center=plot.center))
    for n, (_, colour, values) in enumerate(series):
        points = [
            (plot.left + i * plot.width // span, plot.bottom - v * plot.height // top)
            for i, v in enumerate(values)
        ]
        if len(points) > 1:
            pygame.draw.lines(surface, colour, False, points, max(2, round(2 * scale)))
        for p in points if len(points) <= 40 else points[:: math.ceil(len(points) / 40)]:
            _marker(surface, MARKERS[n % len(MARKERS)], colour, p, r)
    for n, ((name, colour, _), (x, row)) in enumerate(zip(series, legend, strict=True)):
        y = h - legend_h + 2 + row * line
        _marker(surface, MARKERS[n % len(MARKERS)], colour, (x + r, y + line // 2), r)
        surface.blit(small.render(name, True, (207, 227, 238)), (x + 2 * r + 6, y))
    return surface
