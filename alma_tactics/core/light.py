"""Light and darkness: which tiles are lit, from the ambient level and the spotlights.

A spotlight shines a disc, or a cone when it has a direction, and only where it
has a line of sight (walls cast shadows). It burns only while it and the
generator feeding it are intact, switched on and not knocked out by an EMP.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import tcod.constants
import tcod.map

from .units import MapObject

if TYPE_CHECKING:
    from .state import GameState


def is_powered(state: GameState, obj: MapObject) -> bool:
    """Whether an object that needs power (a spotlight) is burning now."""
    if not obj.on or obj.status.get("emp") or obj.status.get("destroyed"):
        return False
    if obj.hp <= 0 and obj.props.get("max_hp", 0) > 0:
        return False  # a lamp with hit points, shot out
    feed = obj.props.get("generator", "")
    if not feed:
        return True  # a self-powered lamp
    generator = state.objects.get(feed)
    return generator is not None and generator_running(generator)


def generator_running(generator: MapObject) -> bool:
    return generator.on and generator.hp > 0 and not generator.status.get("emp")


def ambient_lit(state: GameState) -> bool:
    return bool(state.catalog.ambient.get(state.ambient, {}).get("lit", 0))


def night_sight_bonus(state: GameState) -> int:
    return int(state.catalog.ambient.get(state.ambient, {}).get("night_sight_bonus", 0))


def lit_mask(state: GameState) -> np.ndarray:
    """Bool `[y, x]` of tiles in light now. Cached until terrain or a light changes."""
    key = (state.grid.version, state.light_version, state.ambient)
    cache = state.cache
    if cache.get("lit_key") == key:
        return cache["lit"]
    grid = state.grid
    if ambient_lit(state):
        lit = np.ones((grid.height, grid.width), dtype=np.bool_)
    else:
        lit = np.zeros((grid.height, grid.width), dtype=np.bool_)
        for obj in state.objects.values():
            if obj.kind == "spotlight" and is_powered(state, obj):
                _add_spotlight(state, obj, lit)
    cache["lit_key"], cache["lit"] = key, lit
    return lit


def _add_spotlight(state: GameState, light: MapObject, lit: np.ndarray) -> None:
    grid = state.grid
    radius = int(light.props.get("radius", 4))
    level = int(light.props.get("elevation", 2))  # lamps sit on wall tops and masts
    x0, y0 = max(0, light.x - radius), max(0, light.y - radius)
    x1, y1 = min(grid.width, light.x + radius + 1), min(grid.height, light.y + radius + 1)
    window = grid.transparency(level)[y0:y1, x0:x1]
    seen = tcod.map.compute_fov(  # tcod keeps d^2 < r^2: one more to reach the rim
        window,
        (light.y - y0, light.x - x0),
        radius + 1,
        True,
        tcod.constants.FOV_SYMMETRIC_SHADOWCAST,
    )
    ys, xs = np.mgrid[y0:y1, x0:x1]
    dx, dy = xs - light.x, ys - light.y
    inside = seen & (dx * dx + dy * dy <= radius * radius)
    cone = int(light.props.get("cone", 360))
    if cone < 360:
        angle = np.radians(float(light.props.get("direction", 0)))  # 0 = east, 90 = south
        along = dx * np.cos(angle) + dy * np.sin(angle)
        norm = np.sqrt(dx * dx + dy * dy)
        within = along >= norm * np.cos(np.radians(cone / 2)) - 1e-9
        inside &= within | ((dx == 0) & (dy == 0))
    lit[y0:y1, x0:x1] |= inside
