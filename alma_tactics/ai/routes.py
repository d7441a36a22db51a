"""Long routes for computer players: a distance field towards a goal, shared by every
unit of the side heading there, and the wall a raiding party would rather breach.

One field per goal (not per unit) is computed with `tcod.path.dijkstra2d` over the
map and cached until the terrain changes; a unit then picks, among the tiles it can
reach this turn, the one nearest the goal along that field. Breakable walls count
as passable at a high price, so the field runs through the wall where a breach is
much shorter than the way round; `breach_point` says when a unit stands at it.
"""

from __future__ import annotations

import numpy as np
import tcod.path

from ..core import rules
from ..core.actions import Move
from ..core.grid import DIRECTIONS, Pos
from ..core.movement import Reach, reachable
from ..core.units import Unit
from .view import SideView

BREACH_COST = 12  # how many open tiles of detour a breach is worth
FAR = np.iinfo(np.int32).max


def goal_field(view: SideView, goal: Pos, breach: bool) -> np.ndarray:
    """Steps from every tile to `goal` (walls priced as breaches when `breach`)."""
    grid = view.grid
    key = ("goal_field", grid.version, goal, breach)
    cache = view.state.cache.setdefault("ai_fields", {})
    field = cache.get(key)
    if field is None:
        if len(cache) > 32:
            cache.clear()
        cost = grid.move_cost.astype(np.int32)
        if breach:
            cost = np.where((cost == 0) & grid.breakable, BREACH_COST, cost)
        dist = np.full(cost.shape, FAR, np.int32)
        gx, gy = goal
        if 0 <= gy < dist.shape[0] and 0 <= gx < dist.shape[1]:
            dist[gy, gx] = 0
        tcod.path.dijkstra2d(dist, np.maximum(cost, 0), 2, 3, out=dist)
        field = cache[key] = dist
    return field


def advance(
    view: SideView,
    unit: Unit,
    goal: Pos,
    *,
    keep_ap: int = 0,
    breach: bool = False,
    avoid: np.ndarray | None = None,
    forbid: set[Pos] | None = None,
    reach: Reach | None = None,
) -> Move | None:
    """The legal move that brings `unit` furthest along the field towards `goal`.

    `avoid` (bool [y, x]) marks tiles to shun (lit or watched) when another tile is
    nearly as good: each avoided tile costs as much as a few steps. `forbid` tiles
    are never chosen (next to a charge about to blow)."""
    field = goal_field(view, goal, breach)
    reach = reach or reachable(view.state, unit, max(0, unit.ap - keep_ap))
    here = int(field[unit.y, unit.x])
    best: tuple | None = None
    for tile, cost in reach.tiles():
        value = int(field[tile[1], tile[0]])
        if value >= FAR or (forbid and tile in forbid):
            continue
        if avoid is not None and avoid[tile[1], tile[0]]:
            value += 8
        key = (value, cost, tile)
        if best is None or key < best:
            best = key
    if best is None or best[2] == unit.pos:
        return None
    if best[0] >= here and not (forbid and unit.pos in forbid):
        return None  # no better tile (unless standing where it must not stay)
    path = reach.path_to(best[2])
    if not path:
        return None
    action = Move(unit.id, tuple(path))
    return action if rules.check(view.state, action) is None else None


def breach_point(view: SideView, unit: Unit, goal: Pos) -> Pos | None:
    """A breakable wall tile next to `unit` that its breach route runs through."""
    field = goal_field(view, goal, breach=True)
    grid = view.grid
    here = int(field[unit.y, unit.x])
    best = None
    for dx, dy in DIRECTIONS:
        x, y = unit.x + dx, unit.y + dy
        if not grid.in_bounds((x, y)) or grid.move_cost[y, x] > 0 or not grid.breakable[y, x]:
            continue
        value = int(field[y, x])
        if value < here and (best is None or value < best[0]):
            best = (value, (x, y))
    return best[1] if best else None


def blast_zone(view: SideView, radius: int = 2) -> set[Pos]:
    """Tiles within `radius` of the side's own placed charges: keep out until they blow."""
    zone: set[Pos] = set()
    for obj in view.objects():
        if obj.kind == "charge" and obj.side == view.side:
            for dy in range(-radius, radius + 1):
                for dx in range(-radius, radius + 1):
                    zone.add((obj.x + dx, obj.y + dy))
    return zone
