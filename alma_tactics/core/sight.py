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
next to it (by a unit of the side itself: allied sides do not share sight).

Each side keeps counts of how many of its units see each tile, so when one unit
moves only its window is recomputed (`refresh(state, moved=[unit_id])`). Every
refresh still scans all units (so a forgotten `moved` is found) into a
`movement.UnitTable`, and decides which enemies each side sees with array lookups
over that table rather than a Python loop per unit and side. `rebuild(state, side)`
recomputes one side's views from scratch (the slow path, for checks and timing).
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
from .grid import DIRECTIONS, Grid, Pos, distance
from .knowledge import Ghost
from .light import lit_mask, night_sight_bonus
from .movement import UnitTable
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
    """Pure geometry: can anything at `a` see `b` (ignoring light and range)?

    Smoke on the two end tiles themselves does not count (a unit in smoke and one
    looking at it see the same line), so the answer is the same both ways.
    """
    level = max(int(grid.elevation[a[1], a[0]]), int(grid.elevation[b[1], b[0]]))
    radius = distance(a, b) + 2
    transparency = grid.transparency(level)
    ends_in_smoke = grid.smoke[a[1], a[0]] or grid.smoke[b[1], b[0]]
    if ends_in_smoke:
        clear = ~grid.blocks_sight | (grid.sight_height < level)
        transparency = transparency.copy()
        for x, y in (a, b):
            transparency[y, x] = clear[y, x]
    x0, y0, window = fov(transparency, a, radius)
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
        self.terrain_version = state.grid.terrain_version
        # what the views were computed against (see `_relight`)
        self.clear: np.ndarray = state.grid.smoke == 0
        self.lit: np.ndarray = lit_mask(state)
        self.views: dict[str, View] = {}
        self.seen = {s.id: np.zeros(shape, np.int16) for s in state.sides}
        self.infrared = {s.id: np.zeros(shape, np.int16) for s in state.sides}
        self.elevated: dict[Pos, tuple[int, int, np.ndarray]] = {}
        # no unit's footprint reaches further than this from its anchor (see can_see)
        self.reach = max((t.size for t in state.catalog.units.values()), default=1)
        raised = state.grid.elevation > 0
        self._elevated_tiles = [(int(x), int(y)) for y, x in zip(*np.nonzero(raised), strict=True)]
        # summed-area table of raised tiles: is there any in a window? in O(1)
        self._raised_sum: np.ndarray | None = None
        if self._elevated_tiles:
            table = np.zeros((shape[0] + 1, shape[1] + 1), np.int32)
            np.cumsum(np.cumsum(raised, axis=0, dtype=np.int32), axis=1, out=table[1:, 1:])
            self._raised_sum = table

    def visible(self, side: str) -> np.ndarray:
        return self.seen[side] > 0

    def add(self, state: GameState, unit: Unit, lit: np.ndarray, bonus: int) -> View:
        """Compute `unit`'s view (under light `lit`, night-sight `bonus`) and count it."""
        view = _compute_view(state, unit, self, lit, bonus)
        self.views[unit.id] = view
        self._count(unit.side, view, 1)
        return view

    def remove(self, unit_id: str, side: str) -> None:
        view = self.views.pop(unit_id, None)
        if view is not None:
            self._count(side, view, -1)

    def _count(self, side: str, view: View, sign: int) -> None:
        h, w = view.seen.shape
        window = (slice(view.y0, view.y0 + h), slice(view.x0, view.x0 + w))
        seen = self.seen[side][window]
        if sign > 0:
            seen += view.seen
        else:
            seen -= view.seen
        if view.infrared is not None:
            infrared = self.infrared[side][window]
            if sign > 0:
                infrared += view.infrared
            else:
                infrared -= view.infrared

    def raised_in(self, x0: int, y0: int, x1: int, y1: int) -> bool:
        """Whether any raised tile (elevation > 0) lies in the window [x0, x1) x [y0, y1)."""
        table = self._raised_sum
        if table is None:
            return False
        return bool(table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0])

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
    return _compute_view(state, unit, vision, lit_mask(state), night_sight_bonus(state))


def _compute_view(state: GameState, unit: Unit, vision: Vision, lit, bonus: int) -> View:
    grid, utype = state.grid, state.catalog.units[unit.type_id]
    radius = utype.sight
    if unit.status.get("emp") and utype.electronic:
        radius = min(radius, 2)  # sensors knocked out: only what is at arm's length
    night = utype.night_sight + bonus
    disk = _disk(radius, night)
    size = utype.size
    if size == 1:
        view = _tile_view(grid, vision, (unit.x, unit.y), radius, lit, disk, utype.infrared)
        if unit.alertness == "unaware" and not utype.electronic:
            _face(view, unit, radius)
        return view
    seen_any = None
    infrared_any = None
    x0 = y0 = 0
    for tile in unit.footprint(size):
        part = _tile_view(grid, vision, tile, radius, lit, disk, utype.infrared)
        if seen_any is None:
            x0, y0, seen_any, infrared_any = part.x0, part.y0, part.seen, part.infrared
        else:  # a 2x2 unit: merge its tiles' windows into one
            seen_any, infrared_any, x0, y0 = _merge(
                (x0, y0, seen_any, infrared_any), (part.x0, part.y0, part.seen, part.infrared)
            )
    return View(x0, y0, seen_any, infrared_any)


@lru_cache(maxsize=512)
def _half(radius: int, facing: int) -> np.ndarray:
    """A (2*radius+1)^2 window of the half-plane a unit facing `facing` watches."""
    fx, fy = DIRECTIONS[facing]
    r = np.arange(-radius, radius + 1)
    return (r[None, :] * fx + r[:, None] * fy) >= 0


def _face(view: View, unit: Unit, radius: int) -> None:
    """An unaware unit sees only what lies ahead of it and to its sides, so a raider
    can creep up behind a sentry; once suspicious or alert it looks all round."""
    half = _half(radius, unit.facing)
    h, w = view.seen.shape
    oy, ox = view.y0 - (unit.y - radius), view.x0 - (unit.x - radius)
    window = half[oy : oy + h, ox : ox + w]
    view.seen = view.seen & window
    if view.infrared is not None:
        view.infrared = view.infrared & window


def _tile_view(grid, vision, tile, radius, lit, disk, infrared) -> View:
    """What a viewer on one tile sees: line of sight and (lit or within night sight)."""
    x, y = tile
    level = int(grid.elevation[y, x])
    transparency = grid.transparency(level)
    h, w = transparency.shape
    x0, y0 = max(0, x - radius), max(0, y - radius)
    x1, y1 = min(w, x + radius + 1), min(h, y + radius + 1)
    los = tcod.map.compute_fov(transparency[y0:y1, x0:x1], (y - y0, x - x0), radius, True, FOV)
    if vision.raised_in(x0, y0, x1, y1):
        _add_elevated(grid, vision, tile, level, radius, x0, y0, los)
    oy, ox = y0 - (y - radius), x0 - (x - radius)
    seen = los & (lit[y0:y1, x0:x1] | disk[oy : oy + y1 - y0, ox : ox + x1 - x0])
    return View(x0, y0, seen, los if infrared else None)


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


def _changed(last: UnitTable, now: UnitTable) -> set[str]:
    """Ids of the units whose place or senses differ, or that came or left, between scans."""
    if now is last:
        return set()
    if now.patched_from is not None and now.patched_from[0] == last.serial:
        return set(now.patched_from[1])
    if last.ids == now.ids:
        ids = now.ids
        changed = set()
        if last.xs != now.xs or last.ys != now.ys:
            moved = np.flatnonzero((now.x != last.x) | (now.y != last.y))
            changed.update(ids[i] for i in moved.tolist())
        if last.emps != now.emps:
            changed.update(
                uid for uid, e, le in zip(ids, now.emps, last.emps, strict=True) if e != le
            )
        return changed
    before = dict(zip(last.ids, zip(last.xs, last.ys, last.emps, strict=True), strict=True))
    after = dict(zip(now.ids, zip(now.xs, now.ys, now.emps, strict=True), strict=True))
    return {uid for uid, _ in after.items() ^ before.items()}


def _store_table(state: GameState, table: UnitTable) -> None:
    state.cache["vision_units"] = table
    state.cache["unit_table"] = (state.cache.get("units_version", 0), table)


def _previous_table(state: GameState) -> UnitTable | None:
    cached = state.cache.get("unit_table")
    return cached[1] if cached is not None else None


def vision_of(state: GameState) -> Vision:
    """The state's Vision, brought up to date if smoke or light changed (`_relight`) and
    rebuilt from scratch if terrain or the time of day did."""
    vision = state.cache.get("vision")
    key = _key(state)
    if vision is not None and vision.key != key and not _relight(state, vision, key):
        vision = None
    if vision is None:
        vision = Vision(state)
        table = UnitTable.scan(state, _previous_table(state))
        lit, bonus = lit_mask(state), night_sight_bonus(state)
        for unit in table.units:
            vision.add(state, unit, lit, bonus)
        state.cache["vision"] = vision
        state.cache["explored_synced"] = False
        _store_table(state, table)
    return vision


def _relight(state: GameState, vision: Vision, key: tuple) -> bool:
    """Update `vision` in place to what a rebuild would give, after smoke or lights changed.

    A view depends only on the transparency and light inside its window (and on tower
    tops inside it, whose sight of the viewer crosses only that window), so only the
    views whose window (one tile wider, to be safe) meets a tile that changed are
    recomputed, with those of units that moved or left since the last refresh, as a
    rebuild does. False if the terrain or the time of day changed: rebuild instead.
    """
    grid = state.grid
    if vision.terrain_version != grid.terrain_version or vision.key[2] != key[2]:
        return False
    lit, clear = lit_mask(state), grid.smoke == 0
    diff = (clear != vision.clear) | (lit != vision.lit)
    vision.key, vision.clear, vision.lit = key, clear, lit
    vision.elevated.clear()  # tower tops see through the smoke too
    table = UnitTable.scan(state, _previous_table(state))
    stale = _changed(state.cache["vision_units"], table)
    if diff.any():
        h, w = diff.shape
        area = np.zeros((h + 1, w + 1), np.int32)  # summed-area table: any change in a box
        np.cumsum(np.cumsum(diff, axis=0, dtype=np.int32), axis=1, out=area[1:, 1:])
        for uid, view in vision.views.items():
            vh, vw = view.seen.shape
            x0, y0 = max(0, view.x0 - 1), max(0, view.y0 - 1)
            x1, y1 = min(w, view.x0 + vw + 1), min(h, view.y0 + vh + 1)
            if area[y1, x1] - area[y0, x1] - area[y1, x0] + area[y0, x0]:
                stale.add(uid)
    on_map = table.index()
    bonus = night_sight_bonus(state)
    for uid in sorted(stale):
        unit = state.units[uid]
        vision.remove(uid, unit.side)
        if uid in on_map:
            vision.add(state, unit, lit, bonus)
    state.cache["explored_synced"] = False  # the next refresh recounts every side
    _store_table(state, table)
    return True


def refresh(state: GameState, moved: Iterable[str] = ()) -> list[ev.Event]:
    """Bring every side's sight and knowledge up to date; return what was spotted or lost.

    `moved` names units whose position or senses changed; everything else is found
    by comparing with the last refresh (deaths, boarding), so callers cannot forget.
    """
    return _refresh(state, moved, ())


def rebuild(state: GameState, side: str | None = None) -> list[ev.Event]:
    """Recompute `side`'s sight (every side's if None) from scratch, then `refresh`.

    The result equals `refresh`'s; this is the slow path, kept for checks and timing.
    """
    sides = tuple(s.id for s in state.sides) if side is None else (side,)
    return _refresh(state, (), sides)


def track_changes(state: GameState, marked: set[str] | None = None) -> None:
    """Start listing the units whose row (place, senses) changes, for the next refresh.

    Scanning every unit is the largest part of a refresh, and a walk refreshes after
    every step while little else changes. The move rules call this right after a
    refresh; the next refresh then re-reads only the units named by `mark_changed`
    (the mover, its riders, and any unit whose alertness `awareness.raise_to`
    changes). Around whatever can change other units (a reaction's shot) they call
    `stop_tracking`, and again when the walk ends.
    """
    state.cache["scan_changed"] = set() if marked is None else marked


def mark_changed(state: GameState, *unit_ids: str) -> None:
    """Note units whose place or senses changed, if the changes are being tracked."""
    marked = state.cache.get("scan_changed")
    if marked is not None:
        marked.update(unit_ids)


def stop_tracking(state: GameState) -> set[str] | None:
    """The next refresh scans every unit again; returns the units marked so far."""
    return state.cache.pop("scan_changed", None)


def _scan(state: GameState, last: UnitTable) -> UnitTable:
    """The current units' table: `last` patched if the changes were tracked, else a scan."""
    marked = state.cache.pop("scan_changed", None)
    if marked is not None:
        table = last.patched(state.units[uid] for uid in sorted(marked))
        if table is not None:
            return table
    return UnitTable.scan(state, last)


def _refresh(state: GameState, moved: Iterable[str], reset: tuple[str, ...]) -> list[ev.Event]:
    vision = vision_of(state)
    last: UnitTable = state.cache["vision_units"]
    now = _scan(state, last)
    changed = _changed(last, now)
    on_map = now.index()  # the ids on the map
    if moved:
        changed.update(uid for uid in moved if uid in on_map)
    genuine = set(changed)  # units that moved or changed senses: they look anew
    if reset:
        for side in reset:
            vision.seen[side].fill(0)
            vision.infrared[side].fill(0)
        for uid in [uid for uid in vision.views if state.units[uid].side in reset]:
            del vision.views[uid]
        changed.update(u.id for u in now.units if u.side in reset)
    touched: list[tuple[str, View]] = []
    looking: list[tuple[str, View]] = []
    # per side, the box around every view removed or added: only there did its counts move
    boxes: dict[str, list[int]] | None = None if reset else {}
    if changed:
        lit, bonus = lit_mask(state), night_sight_bonus(state)
        for uid in sorted(changed):
            unit = state.units[uid]
            old = vision.views.get(uid)
            if old is not None:
                vision.remove(uid, unit.side)
                if boxes is not None:
                    _grow(boxes, unit.side, old)
            if uid in on_map:
                view = vision.add(state, unit, lit, bonus)
                touched.append((unit.side, view))
                if boxes is not None:
                    _grow(boxes, unit.side, view)
                if uid in genuine:
                    looking.append((unit.side, view))
    _store_table(state, now)
    return _update_knowledge(state, vision, touched, now, looking, changed, boxes)


def _grow(boxes: dict[str, list[int]], side: str, view: View) -> None:
    """Widen `side`'s box [x0, y0, x1, y1) to hold `view`'s window."""
    h, w = view.seen.shape
    box = boxes.get(side)
    if box is None:
        boxes[side] = [view.x0, view.y0, view.x0 + w, view.y0 + h]
    else:
        box[0], box[1] = min(box[0], view.x0), min(box[1], view.y0)
        box[2], box[3] = max(box[2], view.x0 + w), max(box[3], view.y0 + h)


def _update_knowledge(
    state: GameState,
    vision: Vision,
    touched,
    table: UnitTable,
    looking=(),
    changed=None,
    boxes: dict[str, list[int]] | None = None,
) -> list[ev.Event]:
    events: list[ev.Event] = []
    rebuilt = not state.cache.get("explored_synced")  # every view was just recomputed
    if rebuilt:
        for side in state.sides:
            state.knowledge[side.id].explored |= vision.visible(side.id)
        state.cache["explored_synced"] = True
    else:
        for side_id, view in touched:
            h, w = view.seen.shape
            explored = state.knowledge[side_id].explored
            explored[view.y0 : view.y0 + h, view.x0 : view.x0 + w] |= view.seen
    smoky: np.ndarray | None = None
    smoky_done = False
    # sides whose sight counts moved: a view added, or removed (a viewer died or boarded)
    recounted = {state.units[uid].side for uid in changed} if changed is not None else set()
    changed_teams = {state.team(s) for s in recounted}
    for side in state.sides:
        know = state.knowledge[side.id]
        if rebuilt or changed is None or (side.id in recounted and boxes is None):
            if not smoky_done:
                smoky, smoky_done = _smoky_tiles(state, table), True
            seen_now = _seen_enemies(state, vision, side.id, table, smoky)
        elif side.id not in recounted and changed_teams <= {side.team}:
            continue  # its sight is as it was and only its friends changed: nothing to learn
        else:  # only units that changed, or stand where this side's sight changed, can differ
            seen_now = know.spotted - changed
            box = boxes.get(side.id) if boxes is not None else None
            if box is not None:
                # one tile wider: a friend beside an enemy in smoke sees it (see side_sees_unit)
                x0, y0, x1, y1 = box
                enemy = table.enemies_of(state, side.id)
                ids, units = table.ids, table.units
                for i in table.touching(x0 - 1, y0 - 1, x1 + 1, y1 + 1, among=enemy):
                    if side_sees_unit(state, vision, side.id, units[i]):
                        seen_now.add(ids[i])
                    else:
                        seen_now.discard(ids[i])
            for uid in changed:
                unit = state.units[uid]
                if (
                    unit.on_map
                    and state.are_enemies(side.id, unit.side)
                    and side_sees_unit(state, vision, side.id, unit)
                ):
                    seen_now.add(uid)
        if seen_now == know.spotted:  # the usual step: nobody came into or went out of view
            fresh = lost_now = set()
        else:
            fresh = seen_now - know.spotted
            for uid in sorted(fresh):
                unit = state.units[uid]
                know.ghosts.pop(uid, None)
                events.append(ev.UnitSpotted(side=side.id, unit=uid, x=unit.x, y=unit.y))
            lost_now = know.spotted - seen_now
            for uid in sorted(lost_now):
                unit = state.units[uid]
                x, y = know.last_seen.pop(uid, (unit.x, unit.y))
                if unit.on_map:  # out of sight: leave a ghost where it was last seen
                    know.ghosts[uid] = Ghost(uid, unit.type_id, x, y, state.turn)
                    events.append(ev.UnitLost(side=side.id, unit=uid, x=x, y=y))
        # where each seen enemy was last seen: only units that moved (or came into view)
        # can have a new place since the last refresh
        update = seen_now if changed is None or rebuilt else fresh | (seen_now & changed)
        know.spotted = seen_now
        for uid in update:
            unit = state.units[uid]
            know.last_seen[uid] = [unit.x, unit.y]
        # a unit that moves (or looks anew) and sees a ghost's tile empty clears it; the
        # units that watched the enemy walk off keep its last known place marked
        for view in (v for side_id, v in looking if side_id == side.id) if know.ghosts else ():
            seen = view.seen
            h, w = seen.shape
            x0, y0 = view.x0, view.y0
            for uid in [  # `view.covers`, inlined: this runs for every ghost every step
                g
                for g, ghost in know.ghosts.items()
                if 0 <= ghost.x - x0 < w
                and 0 <= ghost.y - y0 < h
                and seen[ghost.y - y0, ghost.x - x0]
                and g not in lost_now
            ]:
                del know.ghosts[uid]
    return events


def _smoky_tiles(state: GameState, table: UnitTable) -> np.ndarray | None:
    """Which footprint tiles (`table.tiles()`) stand in smoke; None if the map has none."""
    grid = state.grid
    known = state.cache.get("smoke_any")  # smoke changes only through grid.set_smoke
    if known is None or known[0] != grid.version:
        known = state.cache["smoke_any"] = (grid.version, bool(grid.smoke.any()))
    if not known[1]:
        return None
    return np.take(grid.smoke, table.flat_tiles(grid.width)) != 0


def _seen_enemies(
    state: GameState, vision: Vision, side: str, table: UnitTable, smoky: np.ndarray | None
) -> set[str]:
    """Ids of the enemy units `side` sees now: `side_sees_unit` over every unit at once.

    `smoky` marks the footprint tiles (`table.tiles()`) that stand in smoke (None: none).
    """
    if not table.ids:
        return set()
    xs, ys, owner = table.tiles()
    flat = table.flat_tiles(state.grid.width)
    enemy = table.enemies_of(state, side)
    hit = np.take(vision.seen[side], flat) > 0
    hit |= table.warm_tiles() & (np.take(vision.infrared[side], flat) > 0)
    if smoky is not None and smoky.any():
        hit &= ~smoky
        occupancy = state.occupancy()
        for k in np.flatnonzero(smoky & enemy[owner]).tolist():
            if _friend_adjacent(state, occupancy, side, (int(xs[k]), int(ys[k]))):
                hit[k] = True
    if table.max_size > 1:  # any tile of a unit seen: the unit is seen
        hit = np.logical_or.reduceat(hit, table.first_tiles())
    hit &= enemy
    ids = table.ids
    return {ids[i] for i in hit.nonzero()[0].tolist()}


def side_sees_unit(state: GameState, vision: Vision, side: str, unit: Unit, occupancy=None) -> bool:
    """Whether any unit of `side` sees any tile of `unit` now (smoke and infrared aware)."""
    utype = state.utype(unit)
    warm = utype.blood == "warm"
    seen, infrared, smoke = vision.seen[side], vision.infrared[side], state.grid.smoke
    for x, y in unit.footprint(utype.size):
        if smoke[y, x]:
            if occupancy is None:  # only smoke needs it
                occupancy = state.occupancy()
            if _friend_adjacent(state, occupancy, side, (x, y)):
                return True
            continue
        if seen[y, x] > 0 or (warm and infrared[y, x] > 0):
            return True
    return False


def _friend_adjacent(state: GameState, occupancy, side: str, pos: Pos) -> bool:
    """Whether a unit of `side` itself stands next to `pos` (an allied side's unit does
    not count: sides of one team do not share their sight, in smoke or out of it)."""
    for p in state.grid.neighbors(pos):
        other = occupancy.get(p)
        if other is not None and other.side == side:
            return True
    return False


def can_see(state: GameState, viewer: Unit, target: Unit) -> bool:
    """Whether one unit sees another now (used for aiming and for alertness)."""
    vision = state.cache.get("vision")
    if vision is None or vision.key != (state.grid.version, state.light_version, state.ambient):
        vision = vision_of(state)
    view = vision.views.get(viewer.id)
    if view is None or not (target.hp > 0 and not target.carried_by):  # target.on_map
        return False
    seen = view.seen
    h, w = seen.shape
    x, y = target.x, target.y
    ix, iy = x - view.x0, y - view.y0
    far = vision.reach
    if (ix > w or iy > h or ix < -far or iy < -far) and (
        abs(x - viewer.x) > far or abs(y - viewer.y) > far
    ):
        return False  # no tile of the target in the view, nor next to the viewer
    utype = state.catalog.units[target.type_id]
    smoke = state.grid.smoke
    if utype.size == 1:
        if not (0 <= iy < h and 0 <= ix < w):  # out of the view: only smoke's touch is left
            return max(abs(viewer.x - x), abs(viewer.y - y)) <= 1 and bool(smoke[y, x])
        if smoke[y, x]:
            return max(abs(viewer.x - x), abs(viewer.y - y)) <= 1
        if seen[iy, ix]:
            return True
        infrared = view.infrared
        return infrared is not None and utype.blood == "warm" and bool(infrared[iy, ix])
    warm = utype.blood == "warm"
    for tile in target.footprint(utype.size):
        if smoke[tile[1], tile[0]]:
            if distance(viewer.pos, tile) <= 1:
                return True
            continue
        if view.covers(tile, seen) or (warm and view.covers(tile, view.infrared)):
            return True
    return False


def visible_tiles(state: GameState, side: str) -> np.ndarray:
    """Bool [y, x]: tiles the side sees right now."""
    return vision_of(state).visible(side)
