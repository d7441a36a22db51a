"""Light and fog of war as one side knows them: a per-tile colour multiplier.

Each tile's daylight art is multiplied by a colour: full daylight, lamp light or the
dark of dusk and night, dimmed where the side only remembers the ground and nearly
black where it has never looked. `Shade` keeps one side's multiplier and recomputes it
only when what the side sees, remembers or has lit changes, saying which tiles changed
so the terrain layer re-lights only those chunks. The minimap uses the same `shade`.
In colour-blind mode the fog is also drawn as patterns: `pattern_fog`.
"""

from __future__ import annotations

import numpy as np
import pygame

from . import palette as pal
from .shapes import Colour, segment
from .sideview import SideView
from .sprites import Sprites


class Shade:
    """One side's per-tile light-and-fog multiplier, and which chunks it changed."""

    def __init__(self) -> None:
        self.inputs: tuple | None = None
        self.padded: np.ndarray | None = None
        self.visible: np.ndarray | None = None
        self.explored: np.ndarray | None = None
        self.lit: np.ndarray | None = None
        self.version = 0

    def update(self, view: SideView, ambient: str) -> np.ndarray | bool:
        """Recompute if the side's sight, memory or light changed. Returns False when
        nothing changed, True when everything must be redrawn, else a bool [y, x] of
        the tiles whose shade changed."""
        lit = view.lit
        same = (
            self.inputs is not None
            and self.inputs[0] == ambient
            and self.inputs[1] == view.side
            and self.lit is not None
            and np.array_equal(self.lit, lit)
            and _same(self.visible, view.visible)
            and _same(self.explored, view.explored)
        )
        if same:
            return False
        multiplier = shade(view, ambient)
        padded = np.pad(multiplier, ((1, 1), (1, 1), (0, 0)), "edge")
        if self.padded is None or self.padded.shape != padded.shape:
            changed: np.ndarray | bool = True
        else:
            changed = np.any(padded[1:-1, 1:-1] != self.padded[1:-1, 1:-1], axis=2)
            if not changed.any():
                changed = np.zeros(multiplier.shape[:2], np.bool_)
        self.padded = padded
        self.inputs = (ambient, view.side)
        self.lit = lit.copy()
        self.visible = None if view.visible is None else view.visible.copy()
        self.explored = None if view.explored is None else view.explored.copy()
        self.version += 1
        return changed


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.shape == b.shape and np.array_equal(a, b)


def shade(view: SideView, ambient: str) -> np.ndarray:
    """uint8 [y, x, 3]: the colour each tile's daylight art is multiplied by."""
    lit = view.lit
    h, w = lit.shape
    if view.ambient_lit:
        light = np.full((h, w, 3), 255, np.float32)
    else:
        dark = pal.LIGHT_DUSK if ambient == "dusk" else pal.LIGHT_NIGHT
        light = np.where(
            lit[..., None], np.array(pal.LIGHT_LAMP, np.float32), np.array(dark, np.float32)
        )
    if view.visible is not None:
        opaque = view.state.grid.blocks_sight
        visible = _fill_solid(view.visible, opaque)
        explored = _fill_solid(view.explored, opaque)
        remembered = explored & ~visible
        light[remembered] *= pal.REMEMBERED
        light[~explored] = pal.NEVER_SEEN
    return light.astype(np.uint8)


def _fill_solid(seen: np.ndarray, opaque: np.ndarray, steps: int = 12) -> np.ndarray:
    """`seen` spread across the solid blocks (roofs, rock) whose edge is seen: nobody sees
    the middle of a roof from the ground, but a roof dark in the middle looks wrong."""
    out = seen.copy()
    grow = seen & opaque
    for _ in range(steps):
        if not grow.any():
            break
        near = grow.copy()
        near[1:] |= grow[:-1]
        near[:-1] |= grow[1:]
        near[:, 1:] |= grow[:, :-1]
        near[:, :-1] |= grow[:, 1:]
        grow = near & opaque & ~out
        out |= grow
    return out


def pattern_fog(
    surf: pygame.Surface,
    shade: Shade,
    sprites: Sprites,
    ambient_lit: bool,
    tp: int,
    x0: int,
    y0: int,
    x1: int,
    y1: int,
) -> None:
    """High-contrast fog and light on the chunk of tiles [x0,x1) x [y0,y1): hatching on
    remembered tiles, a dashed outline round lit ground and round what the side sees."""
    hatch = sprites.cached(("cb-hatch", tp), lambda: pal.pattern_tile("hatch", tp, (0, 0, 0), 150))
    blits = []
    if shade.visible is not None and shade.explored is not None:
        remembered = shade.explored[y0:y1, x0:x1] & ~shade.visible[y0:y1, x0:x1]
        blits += [
            (hatch, ((x) * tp, (y) * tp)) for y, x in zip(*np.nonzero(remembered), strict=True)
        ]
    if blits:
        surf.fblits(blits)
    width = max(1, tp // 12)
    if shade.lit is not None and not ambient_lit:
        _edges(surf, shade.lit, x0, y0, x1, y1, tp, pal.SWEEP, width, dashed=True)
    if shade.visible is not None:
        _edges(surf, shade.visible, x0, y0, x1, y1, tp, (240, 240, 250), width, dashed=False)


def _edges(
    surf: pygame.Surface,
    mask: np.ndarray,
    x0: int,
    y0: int,
    x1: int,
    y1: int,
    tp: int,
    colour: Colour,
    width: int,
    dashed: bool,
) -> None:
    """Lines on the tile edges where `mask` changes, within the chunk [x0,x1) x [y0,y1)."""
    sub = mask[y0:y1, x0:x1]
    # the row above and the column left of each tile (a map edge counts as the same)
    padded = np.pad(mask, 1, mode="edge")
    above = padded[y0:y1, x0 + 1 : x1 + 1]
    left = padded[y0 + 1 : y1 + 1, x0:x1]
    dash = max(2, tp // 4)
    for y, x in zip(*np.nonzero(sub != above), strict=True):
        a, b = (x * tp, y * tp), ((x + 1) * tp, y * tp)
        segment(surf, colour, a, b, width, dash if dashed else 0)
    for y, x in zip(*np.nonzero(sub != left), strict=True):
        a, b = (x * tp, y * tp), (x * tp, (y + 1) * tp)
        segment(surf, colour, a, b, width, dash if dashed else 0)
