"""The whole map in a small picture: the battle screen's minimap and the scenario
list's thumbnail.

One pixel colour per tile (the terrain's average art colour), lit and fogged as the
side knows it for the minimap, fitted into the picture and centred; units as dots in
their side's colour and stand shape, ghosts as rings. Also the mapping between the
picture's pixels and the map's tiles (the camera's frame on it, click-to-jump).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pygame

from ..core.catalog import Catalog
from ..core.state import GameState
from . import palette as pal
from .camera import Camera
from .fog import shade
from .sideview import SideView, side_view
from .sprites import Sprites

StyleOf = Callable[[GameState, str], pal.SideStyle]


def picture(
    state: GameState,
    view: SideView,
    size: tuple[int, int],
    sprites: Sprites,
    catalog: Catalog,
    style_of: StyleOf,
) -> pygame.Surface:
    """The map in `size` px as `view`'s side knows it: terrain, light and fog, own and
    friendly units, spotted enemies and ghosts."""
    colours = _terrain_colours(sprites, state).astype(np.float32)
    multiplier = shade(view, state.ambient).astype(np.float32) / 255.0
    rgb = np.clip(colours * np.maximum(multiplier, 0.06) * 1.15, 0, 255).astype(np.uint8)
    surf = _map_surface(rgb, size)
    _draw_units(surf, state, view, catalog, style_of, rgb.shape[1], rgb.shape[0], size)
    return surf


def thumbnail(
    state: GameState, size: tuple[int, int], sprites: Sprites, catalog: Catalog, style_of: StyleOf
) -> pygame.Surface:
    """The map in `size` px by day, with every unit."""
    rgb = _terrain_colours(sprites, state)
    surf = _map_surface(rgb, size)
    view = side_view(state, None)
    _draw_units(surf, state, view, catalog, style_of, rgb.shape[1], rgb.shape[0], size)
    return surf


def view_rect(
    state: GameState, camera: Camera, view: pygame.Rect, size: tuple[int, int]
) -> pygame.Rect:
    """The part of a `size` minimap the camera shows in `view`."""
    h, w = state.grid.kind.shape
    scale, ox, oy = _fit(w, h, size)
    tp = camera.tile_px
    return pygame.Rect(
        round(ox + camera.x * scale),
        round(oy + camera.y * scale),
        round(view.width / tp * scale),
        round(view.height / tp * scale),
    )


def tile_at(state: GameState, pixel: tuple[int, int], size: tuple[int, int]) -> tuple[int, int]:
    """The map tile under a pixel of a `size` minimap (clamped to the map)."""
    h, w = state.grid.kind.shape
    scale, ox, oy = _fit(w, h, size)
    x = int((pixel[0] - ox) / scale)
    y = int((pixel[1] - oy) / scale)
    return min(max(x, 0), w - 1), min(max(y, 0), h - 1)


def _terrain_colours(sprites: Sprites, state: GameState) -> np.ndarray:
    table = np.array([sprites.terrain_colour(k.id) for k in state.catalog.terrain], np.uint8)
    return table[state.grid.kind]


def _fit(w: int, h: int, size: tuple[int, int]) -> tuple[float, float, float]:
    """The scale fitting a `w` x `h` tile map into `size` px, and its offset to centre it."""
    scale = min(size[0] / w, size[1] / h)
    return scale, (size[0] - w * scale) / 2, (size[1] - h * scale) / 2


def _map_surface(rgb: np.ndarray, size: tuple[int, int]) -> pygame.Surface:
    h, w = rgb.shape[:2]
    small = pygame.image.frombuffer(np.ascontiguousarray(rgb).tobytes(), (w, h), "RGB")
    scale, ox, oy = _fit(w, h, size)
    out = pygame.Surface(size)
    out.fill(pal.BACKGROUND)
    scaled_size = (max(1, round(w * scale)), max(1, round(h * scale)))
    if scale >= 1:
        scaled = pygame.transform.scale(small, scaled_size)
    else:
        scaled = pygame.transform.smoothscale(small, scaled_size)
    out.blit(scaled, (round(ox), round(oy)))
    return out


def _draw_units(
    surf: pygame.Surface,
    state: GameState,
    view: SideView,
    catalog: Catalog,
    style_of: StyleOf,
    w: int,
    h: int,
    size: tuple[int, int],
) -> None:
    scale, ox, oy = _fit(w, h, size)
    dot = max(2, round(scale * 1.2))
    for unit in state.units.values():
        if not unit.on_map or unit.mounted_on or not view.knows_unit(unit):
            continue
        style = style_of(state, unit.side)
        span = catalog.units[unit.type_id].size
        x = round(ox + (unit.x + span / 2) * scale)
        y = round(oy + (unit.y + span / 2) * scale)
        r = max(dot, round(span * scale / 2))
        if style.shape == "angular":
            pts = [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]
            pygame.draw.polygon(
                surf, (0, 0, 0), [(a + (1 if a > x else -1 if a < x else 0), b) for a, b in pts]
            )
            pygame.draw.polygon(surf, style.colour, pts)
        else:
            pygame.draw.circle(surf, (0, 0, 0), (x, y), r + 1)
            pygame.draw.circle(surf, style.colour, (x, y), r)
    if view.knowledge is not None:
        for g in view.knowledge.ghosts.values():
            if g.unit in view.knowledge.spotted:
                continue
            x, y = round(ox + (g.x + 0.5) * scale), round(oy + (g.y + 0.5) * scale)
            pygame.draw.circle(surf, (200, 200, 210), (x, y), dot, 1)
