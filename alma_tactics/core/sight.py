"""Line of sight and what each side sees, kept up to date incrementally.

Geometry is tcod's symmetric shadowcasting (A sees B's tile iff B sees A's), run on
a window around each viewer: a full-map call costs O(width*height) whatever the
radius, the window gives the same answer many times faster. A tile is in range
when dx*dx + dy*dy < sight*sight (tcod's own radius rule).

Elevation: a viewer at elevation L sees over blockers shorter than L. Between two
tiles the higher one's level is used both ways, which keeps sight symmetric: a
ground unit sees a tower top iff the tower top sees it.

A unit *sees* a tile in its line of sight when the tile is lit or within its night
sight; infrared (Alliance HUDs) also shows warm-blooded units in line of sight in the
dark, never the cold-blooded Calendrea. A unit standing in smoke is seen only from
next to it.

Each side keeps counts of how many of its units see each tile, so when one unit
moves only its window is recomputed (`refresh(state, moved=[unit_id])`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import tcod.constants
import tcod.map

from . import events as ev
from .grid import Grid, Pos, distance
from .knowledge import Ghost
from .light import lit_mask, night_sight_bonus
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState

FOV = tcod.constants.FOV_SYMMETRIC_SHADOWCAST
MAX_SIGHT = 24  # the largest radius an elevated tile's view is cached for


def fov(transparency: np.ndarray, pos: Pos, radius: int) -> tuple[int, int, np.ndarray]:
    """Field of view from `pos` within `radius`: (x0, y0, window of bools).

    Equal, cell for cell, to `tcod.map.compute_fov(transparency, (y, x), radius,
    True, FOV_SYMMETRIC_SHADOWCAST)` clipped to the window.
    """
    h, w = transparency.shape
    x, y = pos
    x0, y0 = max(0, x - radius), max(0, y - radius)
    x1, y1 = min(w, x + radius + 1), min(h, y + radius + 1)
    window = tcod.map.compute_fov(transparency[y0:y1, x0:x1], (y - y0, x - x0), radius, True, FOV)
    return x0, y0, window


def has_line_of_sight(grid: Grid, a: Pos, b: Pos) -> bool:
    """Pure geometry: can anything at `a` see `b` (ignoring light and range)?"""
    level = max(int(grid.elevation[a[1], a[0]]), int(grid.elevation[b[1], b[0]]))
    radius = distance(a, b) + 2
    x0, y0, window = fov(grid.transparency(level), a, radius)
    return bool(window[b[1] - y0, b[0] - x0])


@lru_cache(maxsize=256)
def _disk(radius: int, within: int) -> np.ndarray:
    """A (2*radius+1)^2 window marking offsets with dx^2+dy^2 <= within^2."""
    r = np.arange(-radius, radius + 1)
    return (r[None, :] ** 2 + r[:, None] ** 2) <= within * within


@dataclass
class View:
    """One unit's current sight: a window of the map and what it sees there."""

    x0: int
    y0: int
    seen: np.ndarray  # line of sight and (lit or within night sight)
    infrared: np.ndarray | None  # line of sight, for units with infrared HUDs

    def covers(self, pos: Pos, mask: np.ndarray | None) -> bool:
        if mask is None:
            return False
        x, y = pos[0] - self.x0, pos[1] - self.y0
        return 0 <= y < mask.shape[0] and 0 <= x < mask.shape[1] and bool(mask[y, x])


class Vision:
    """Per-side counts of viewers per tile, and every unit's View."""

    def __init__(self, state: GameState) -> None:
        shape = (state.grid.height, state.grid.width)
        self.key = _key(state)
        self.views: dict[str, View] = {}
        self.seen = {s.id: np.zeros(shape, np.int16) for s in state.sides}
        self.infrared = {s.id: np.zeros(shape, np.int16) for s in state.sides}
        self.elevated: dict[Pos, tuple[int, int, np.ndarray]] = {}
        self._elevated_tiles = [
            (int(x), int(y)) for y, x in zip(*np.nonzero(state.grid.elevation > 0), strict=True)
        ]

    def visible(self, side: str) -> np.ndarray:
        return self.seen[side] > 0

    def add(self, state: GameState, unit: Unit) -> None:
        view = compute_view(state, unit, self)
        self.views[unit.id] = view
        self._count(unit.side, view, 1)

    def remove(self, unit_id: str, side: str) -> None:
        view = self.views.pop(unit_id, None)
        if view is not None:
            self._count(side, view, -1)

    def _count(self, side: str, view: View, sign: int) -> None:
        h, w = view.seen.shape
        self.seen[side][view.y0 : view.y0 + h, view.x0 : view.x0 + w] += sign * view.seen
        if view.infrared is not None:
            self.infrared[side][view.y0 : view.y0 + h, view.x0 : view.x0 + w] += (
                sign * view.infrared
            )

    def elevated_view(self, grid: Grid, tile: Pos) -> tuple[int, int, np.ndarray]:
        """What an elevated tile (a tower top) sees at its own level; cached."""
        cached = self.elevated.get(tile)
        if cached is None:
            level = int(grid.elevation[tile[1], tile[0]])
            cached = fov(grid.transparency(level), tile, MAX_SIGHT)
            self.elevated[tile] = cached
        return cached


def _key(state: GameState) -> tuple:
    return (state.grid.version, state.light_version, state.ambient)


def compute_view(state: GameState, unit: Unit, vision: Vision) -> View:
    """The unit's window of sight: line of sight, light, night sight, elevated tiles."""
    grid, utype = state.grid, state.utype(unit)
    radius = utype.sight
    if unit.status.get("emp") and utype.electronic:
        radius = min(radius, 2)  # sensors knocked out: only what is at arm's length
    night = utype.night_sight + night_sight_bonus(state)
    lit = lit_mask(state)
    seen_any = None
    infrared_any = None
    x0 = y0 = 0
    size = utype.size
    for tile in unit.footprint(size):
        level = int(grid.elevation[tile[1], tile[0]])
        tx0, ty0, los = fov(grid.transparency(level), tile, radius)
        _add_elevated(grid, vision, tile, level, radius, tx0, ty0, los)
        h, w = los.shape
        disk = _disk(radius, night)
        oy, ox = ty0 - (tile[1] - radius), tx0 - (tile[0] - radius)
        seen = los & (lit[ty0 : ty0 + h, tx0 : tx0 + w] | disk[oy : oy + h, ox : ox + w])
        if seen_any is None:
            x0, y0, seen_any = tx0, ty0, seen
            infrared_any = los if utype.infrared else None
        else:  # a 2x2 unit: merge its tiles' windows into one
            seen_any, infrared_any, x0, y0 = _merge(
                (x0, y0, seen_any, infrared_any), (tx0, ty0, seen, los if utype.infrared else None)
            )
    return View(x0, y0, seen_any, infrared_any)


def _add_elevated(grid, vision, tile, level, radius, x0, y0, los) -> None:
    """Mark tower tops above the viewer that can see it (symmetry with their view)."""
    h, w = los.shape
    for tx, ty in vision._elevated_tiles:
        if not (x0 <= tx < x0 + w and y0 <= ty < y0 + h):
            continue
        if grid.elevation[ty, tx] <= level:
            continue
        dx, dy = tx - tile[0], ty - tile[1]
        if dx * dx + dy * dy >= radius * radius:
            continue
        ex0, ey0, eview = vision.elevated_view(grid, (tx, ty))
        ix, iy = tile[0] - ex0, tile[1] - ey0
        inside = 0 <= iy < eview.shape[0] and 0 <= ix < eview.shape[1]
        los[ty - y0, tx - x0] = inside and bool(eview[iy, ix])


def _merge(a, b):
    ax, ay, aseen, air = a
    bx, by, bseen, bir = b
    x0, y0 = min(ax, bx), min(ay, by)
    x1 = max(ax + aseen.shape[1], bx + bseen.shape[1])
    y1 = max(ay + aseen.shape[0], by + bseen.shape[0])
    seen = np.zeros((y1 - y0, x1 - x0), np.bool_)
    ir = np.zeros_like(seen) if air is not None else None
    for ox, oy, s, i in ((ax, ay, aseen, air), (bx, by, bseen, bir)):
        seen[oy - y0 : oy - y0 + s.shape[0], ox - x0 : ox - x0 + s.shape[1]] |= s
        if ir is not None and i is not None:
            ir[oy - y0 : oy - y0 + i.shape[0], ox - x0 : ox - x0 + i.shape[1]] |= i
    return seen, ir, x0, y0


def vision_of(state: GameState) -> Vision:
    """The state's Vision, rebuilt from scratch if terrain, smoke or light changed."""
    vision = state.cache.get("vision")
    if vision is None or vision.key != _key(state):
        vision = Vision(state)
        for unit in state.units.values():
            if unit.on_map:
                vision.add(state, unit)
        state.cache["vision"] = vision
        state.cache["explored_synced"] = False
        state.cache["vision_units"] = {
            u.id: (u.pos, u.status.get("emp", 0)) for u in state.units.values() if u.on_map
        }
    return vision


def refresh(state: GameState, moved: Iterable[str] = ()) -> list[ev.Event]:
    """Bring every side's sight and knowledge up to date; return what was spotted or lost.

    `moved` names units whose position or senses changed; everything else is found
    by comparing with the last refresh (deaths, boarding), so callers cannot forget.
    """
    vision = vision_of(state)
    last: dict[str, tuple] = state.cache["vision_units"]
    now = {u.id: (u.pos, u.status.get("emp", 0)) for u in state.units.values() if u.on_map}
    changed = {uid for uid in set(last) | set(now) if last.get(uid) != now.get(uid)}
    changed.update(uid for uid in moved if uid in now)
    touched: list[tuple[str, View]] = []
    for uid in sorted(changed):
        unit = state.units[uid]
        vision.remove(uid, unit.side)
        if uid in now:
            vision.add(state, unit)
            touched.append((unit.side, vision.views[uid]))
    state.cache["vision_units"] = now
    return _update_knowledge(state, vision, touched)


def _update_knowledge(state: GameState, vision: Vision, touched) -> list[ev.Event]:
    events: list[ev.Event] = []
    if not state.cache.get("explored_synced"):
        for side in state.sides:
            state.knowledge[side.id].explored |= vision.visible(side.id)
        state.cache["explored_synced"] = True
    else:
        for side_id, view in touched:
            h, w = view.seen.shape
            explored = state.knowledge[side_id].explored
            explored[view.y0 : view.y0 + h, view.x0 : view.x0 + w] |= view.seen
    occupancy = state.occupancy()
    for side in state.sides:
        know = state.knowledge[side.id]
        seen_now: set[str] = set()
        for unit in state.units.values():
            if (
                unit.on_map
                and state.are_enemies(side.id, unit.side)
                and side_sees_unit(state, vision, side.id, unit, occupancy)
            ):
                seen_now.add(unit.id)
        for uid in sorted(seen_now - know.spotted):
            unit = state.units[uid]
            know.ghosts.pop(uid, None)
            events.append(ev.UnitSpotted(side=side.id, unit=uid, x=unit.x, y=unit.y))
        for uid in sorted(know.spotted - seen_now):
            unit = state.units[uid]
            if unit.on_map:  # out of sight: leave a ghost where it was last seen
                know.ghosts[uid] = Ghost(uid, unit.type_id, unit.x, unit.y, state.turn)
                events.append(ev.UnitLost(side=side.id, unit=uid, x=unit.x, y=unit.y))
        know.spotted = seen_now
        visible = vision.seen[side.id]
        for uid in [g for g, ghost in know.ghosts.items() if visible[ghost.y, ghost.x] > 0]:
            del know.ghosts[uid]  # the tile is in view and the enemy is not there
    return events


def side_sees_unit(state: GameState, vision: Vision, side: str, unit: Unit, occupancy=None) -> bool:
    """Whether any unit of `side` sees any tile of `unit` now (smoke and infrared aware)."""
    utype = state.utype(unit)
    warm = utype.blood == "warm"
    seen, infrared, smoke = vision.seen[side], vision.infrared[side], state.grid.smoke
    occupancy = occupancy if occupancy is not None else state.occupancy()
    for x, y in unit.footprint(utype.size):
        if smoke[y, x]:
            if _friend_adjacent(state, occupancy, side, (x, y)):
                return True
            continue
        if seen[y, x] > 0 or (warm and infrared[y, x] > 0):
            return True
    return False


def _friend_adjacent(state: GameState, occupancy, side: str, pos: Pos) -> bool:
    for p in state.grid.neighbors(pos):
        other = occupancy.get(p)
        if other is not None and not state.are_enemies(side, other.side):
            return True
    return False


def can_see(state: GameState, viewer: Unit, target: Unit) -> bool:
    """Whether one unit sees another now (used for aiming and for alertness)."""
    vision = vision_of(state)
    view = vision.views.get(viewer.id)
    if view is None or not target.on_map:
        return False
    utype = state.utype(target)
    warm = utype.blood == "warm"
    for tile in target.footprint(utype.size):
        if state.grid.smoke[tile[1], tile[0]]:
            if distance(viewer.pos, tile) <= 1:
                return True
            continue
        if view.covers(tile, view.seen) or (warm and view.covers(tile, view.infrared)):
            return True
    return False


def visible_tiles(state: GameState, side: str) -> np.ndarray:
    """Bool [y, x]: tiles the side sees right now."""
    return vision_of(state).visible(side)
