"""Where a unit can go this turn and how: AP-bounded shortest paths with terrain costs.

A step costs the destination's terrain `move_cost` times the catalog's straight or
diagonal step cost. Distances come from one `tcod.path.dijkstra2d` call on a window
just large enough for the unit's AP, never a full-map field. Friendly units can be
walked through but not stopped on; enemies the side can see block; an enemy it
cannot see is only found by bumping into it (see `rules`).

Known limitation: a diagonal step between two diagonally touching blockers is
allowed (tcod's kernel has no corner rule); maps draw walls orthogonally joined.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import tcod.path

from .grid import DIRECTIONS, Pos
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState

UNREACHABLE = np.iinfo(np.int32).max
BLOCKING_OBJECTS = ("generator", "crate", "transport_wreck")


def blocked_by_objects(state: GameState) -> list[Pos]:
    return [o.pos for o in state.objects.values() if o.kind in BLOCKING_OBJECTS and o.hp >= 0]


def tile_costs(state: GameState, unit: Unit, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    """Per-tile cost multiplier for `unit`'s anchor in a window; 0 where it cannot stand.

    Enemies the unit's side can see and blocking objects are 0; a 2x2 unit's anchor
    takes the worst tile of its footprint.
    """
    grid = state.grid
    utype = state.utype(unit)
    size = utype.size
    ex1, ey1 = min(grid.width, x1 + size - 1), min(grid.height, y1 + size - 1)
    if utype.flies:
        base = grid.flyable[y0:ey1, x0:ex1].astype(np.int32)
    else:
        base = grid.move_cost[y0:ey1, x0:ex1].astype(np.int32)
    known = state.knowledge[unit.side].spotted
    for other in state.units.values():
        if (
            other.on_map
            and other.id != unit.id
            and (other.id in known and state.are_enemies(unit.side, other.side))
        ):
            for ox, oy in other.footprint(state.size(other)):
                if x0 <= ox < ex1 and y0 <= oy < ey1:
                    base[oy - y0, ox - x0] = 0
    if not utype.flies:
        for ox, oy in blocked_by_objects(state):
            if x0 <= ox < ex1 and y0 <= oy < ey1:
                base[oy - y0, ox - x0] = 0
    if size == 1:
        return base
    h, w = y1 - y0, x1 - x0
    cost = np.zeros((h, w), np.int32)
    cost[: base.shape[0] - size + 1, : base.shape[1] - size + 1] = _footprint_max(base, size)[
        :h, :w
    ]
    return cost


def _footprint_max(base: np.ndarray, size: int) -> np.ndarray:
    """For each anchor, the worst cost over its size x size footprint (0 if any is 0)."""
    h, w = base.shape[0] - size + 1, base.shape[1] - size + 1
    parts = [base[dy : dy + h, dx : dx + w] for dy in range(size) for dx in range(size)]
    worst = np.maximum.reduce(parts)
    blocked = np.logical_or.reduce([p == 0 for p in parts])
    return np.where(blocked, 0, worst)


@dataclass
class Reach:
    """AP cost from the unit to every tile of a window (UNREACHABLE where it cannot go)."""

    unit: str
    start: Pos
    ap: int
    x0: int
    y0: int
    dist: np.ndarray
    cost: np.ndarray
    taken: np.ndarray  # anchors where another unit stands: crossable, not a destination
    straight: int
    diagonal: int

    def cost_to(self, pos: Pos) -> int | None:
        x, y = pos[0] - self.x0, pos[1] - self.y0
        if 0 <= y < self.dist.shape[0] and 0 <= x < self.dist.shape[1] and not self.taken[y, x]:
            d = int(self.dist[y, x])
            return d if d <= self.ap else None
        return None

    def tiles(self) -> list[tuple[Pos, int]]:
        ys, xs = np.nonzero((self.dist <= self.ap) & ~self.taken)
        return [
            ((int(x) + self.x0, int(y) + self.y0), int(self.dist[y, x]))
            for y, x in zip(ys, xs, strict=True)
        ]

    def path_to(self, goal: Pos) -> list[Pos] | None:
        """The cheapest path to `goal`, start excluded, or None if out of reach."""
        if self.cost_to(goal) is None:
            return None
        path: list[Pos] = []
        here = goal
        while here != self.start:
            path.append(here)
            here = self._predecessor(here)
        path.reverse()
        return path

    def _predecessor(self, pos: Pos) -> Pos:
        hx, hy = pos[0] - self.x0, pos[1] - self.y0
        d = int(self.dist[hy, hx])
        step = int(self.cost[hy, hx])
        h, w = self.dist.shape
        for dx, dy in DIRECTIONS:
            px, py = hx - dx, hy - dy
            if 0 <= px < w and 0 <= py < h:
                edge = step * (self.straight if dx == 0 or dy == 0 else self.diagonal)
                if int(self.dist[py, px]) + edge == d:
                    return (px + self.x0, py + self.y0)
        raise AssertionError("distance field is inconsistent")  # pragma: no cover


def reachable(state: GameState, unit: Unit, ap: int | None = None) -> Reach:
    """Every tile `unit` can reach with `ap` (default: its AP left), and the costs."""
    ap = unit.ap if ap is None else ap
    cat = state.catalog
    steps = max(0, ap // cat.step_straight)
    grid = state.grid
    x0, y0 = max(0, unit.x - steps), max(0, unit.y - steps)
    x1, y1 = min(grid.width, unit.x + steps + 1), min(grid.height, unit.y + steps + 1)
    cost = tile_costs(state, unit, x0, y0, x1, y1)
    dist = np.full(cost.shape, UNREACHABLE, np.int32)
    dist[unit.y - y0, unit.x - x0] = 0
    tcod.path.dijkstra2d(dist, cost, cat.step_straight, cat.step_diagonal, out=dist)
    # the tiles of other units can be crossed (friends) but not stopped on
    size = state.size(unit)
    taken = np.zeros(cost.shape, np.bool_)
    for other in state.units.values():
        if other.on_map and other.id != unit.id:
            ox0, oy0 = max(x0, other.x - size + 1), max(y0, other.y - size + 1)
            ox1, oy1 = min(x1, other.x + state.size(other)), min(y1, other.y + state.size(other))
            if ox0 < ox1 and oy0 < oy1:
                taken[oy0 - y0 : oy1 - y0, ox0 - x0 : ox1 - x0] = True
    return Reach(
        unit.id, unit.pos, ap, x0, y0, dist, cost, taken, cat.step_straight, cat.step_diagonal
    )


def path_cost(state: GameState, unit: Unit, path: list[Pos]) -> int | None:
    """AP to walk `path` (start excluded), or None if a step is impossible."""
    if not path:
        return None
    grid, cat = state.grid, state.catalog
    size = state.size(unit)
    xs = [unit.x] + [p[0] for p in path]
    ys = [unit.y] + [p[1] for p in path]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs) + 1, max(ys) + 1
    if x0 < 0 or y0 < 0 or x1 > grid.width - size + 1 or y1 > grid.height - size + 1:
        return None
    costs = tile_costs(state, unit, x0, y0, x1, y1)
    total = 0
    here = unit.pos
    for step in path:
        dx, dy = step[0] - here[0], step[1] - here[1]
        tile = int(costs[step[1] - y0, step[0] - x0])
        if max(abs(dx), abs(dy)) != 1 or tile <= 0:
            return None
        total += tile * (cat.step_straight if dx == 0 or dy == 0 else cat.step_diagonal)
        here = step
    return total
