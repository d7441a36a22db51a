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

import itertools
from collections.abc import Iterable
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


_SERIALS = itertools.count()


class UnitTable:
    """The on-map units as arrays, in `state.units` order: a snapshot for fast lookups.

    `unit_table(state)` keeps one per `units_version`, so, like `state.occupancy()`,
    it relies on every move, death or boarding calling `GameState.units_changed`;
    `sight.refresh`, which scans every unit anyway, stores a fresh one each time.
    It lets `tile_costs` and `reachable` look only at the few units near their window
    instead of looping over every unit in Python.
    """

    __slots__ = (
        "units",
        "ids",
        "side_of",
        "type_ids",
        "xs",
        "ys",
        "emps",
        "x",
        "y",
        "side_list",
        "side_code",
        "size",
        "sizes",
        "max_size",
        "warm",
        "_shape",
        "_tiles",
        "_flat",
        "_index",
        "enemy_masks",
        "serial",
        "patched_from",
        "rows",
    )

    def __init__(
        self, state: GameState, rows: list[tuple], previous: UnitTable | None = None
    ) -> None:
        """`rows` as `scan_units` gives them."""
        self.rows = rows  # kept to tell a later scan that found nothing new (see `scan`)
        if rows:
            units, ids, sides, types, xs, ys, emps = zip(*rows, strict=True)
        else:
            units = ids = sides = types = xs = ys = emps = ()
        self.units: tuple[Unit, ...] = units
        self.ids: tuple[str, ...] = ids
        self.side_of: tuple[str, ...] = sides
        self.type_ids: tuple[str, ...] = types
        self.xs: tuple[int, ...] = xs
        self.ys: tuple[int, ...] = ys
        self.emps: tuple = emps  # each unit's senses key (see scan_units)
        self._tiles = None
        self._flat = None
        self._index: dict[str, int] | None = None
        self.serial = next(_SERIALS)
        # (serial of the table this one patched, ids of the units whose rows changed)
        self.patched_from: tuple[int, frozenset[str]] | None = None
        if (
            previous is not None
            and previous.ids == ids
            and previous.side_of == sides
            and previous.type_ids == types
        ):
            self.side_list, self.side_code = previous.side_list, previous.side_code
            self.size, self.max_size, self.warm = previous.size, previous.max_size, previous.warm
            self.sizes = previous.sizes
            self._shape = previous._shape
            self._index, self.enemy_masks = previous._index, previous.enemy_masks
            if previous.xs == xs and previous.ys == ys:  # nobody moved: share the arrays
                self.x, self.y = previous.x, previous.y
                self._tiles, self._flat = previous._tiles, previous._flat
            else:
                self.x = np.array(xs, dtype=np.intp)
                self.y = np.array(ys, dtype=np.intp)
            return
        self.x = np.array(xs, dtype=np.intp)
        self.y = np.array(ys, dtype=np.intp)
        self.enemy_masks: dict[str, np.ndarray] = {}  # side -> its enemies (see sight)
        catalog_units = state.catalog.units
        kinds = {t: catalog_units[t] for t in set(types)}
        codes: dict[str, int] = {}
        self.side_code = np.array([codes.setdefault(s, len(codes)) for s in sides], np.intp)
        self.side_list = list(codes)  # side id of each code
        self.sizes: tuple[int, ...] = tuple(kinds[t].size for t in types)  # for Python loops
        self.size = np.array(self.sizes, dtype=np.intp)
        self.max_size = max((k.size for k in kinds.values()), default=1)
        self.warm = np.array([kinds[t].blood == "warm" for t in types], dtype=np.bool_)
        self._shape = _footprint_shape(self.size, self.max_size, self.warm)

    def index(self) -> dict[str, int]:
        """Unit id -> row (shared by every table of the same units)."""
        if self._index is None:
            self._index = {uid: i for i, uid in enumerate(self.ids)}
        return self._index

    def patched(self, units: Iterable[Unit]) -> UnitTable | None:
        """This table with the rows of `units` read again, the others kept as they are.

        For callers that know every unit that changed since this table was scanned
        (see `sight.track_changes`); None if one of them came onto or left the map,
        which changes the rows' order: scan every unit instead.
        """
        index = self.index()
        xs, ys, emps = self.xs, self.ys, self.emps
        new: dict[int, tuple] = {}
        for unit in units:
            i = index.get(unit.id)
            if (i is not None) != (unit.hp > 0 and not unit.carried_by):  # Unit.on_map
                return None
            if i is not None:
                row = _row(unit)
                if row[4] != xs[i] or row[5] != ys[i] or row[6] != emps[i]:
                    new[i] = row
        if not new:
            return self
        table = UnitTable.__new__(UnitTable)  # `copy` is slow on slotted classes
        for name in UnitTable.__slots__:
            setattr(table, name, getattr(self, name))
        xs, ys, emps = list(xs), list(ys), list(emps)
        table.x, table.y = self.x.copy(), self.y.copy()
        for i, row in new.items():
            xs[i], ys[i], emps[i] = row[4:]
            table.x[i], table.y[i] = row[4], row[5]
        table.xs, table.ys, table.emps = tuple(xs), tuple(ys), tuple(emps)
        table._tiles = table._flat = None
        table.serial = next(_SERIALS)
        table.patched_from = (self.serial, frozenset(self.ids[i] for i in new))
        table.rows = rows = list(self.rows)
        for i, row in new.items():
            rows[i] = row
        return table

    @classmethod
    def scan(cls, state: GameState, previous: UnitTable | None = None) -> UnitTable:
        """The table of every unit now: `previous` itself if no row changed (a scan finds
        nothing new far more often than not), else a new one sharing what it can."""
        rows = scan_units(state)
        if previous is not None and previous.rows == rows:
            return previous
        return cls(state, rows, previous)

    def enemies_of(self, state: GameState, side: str) -> np.ndarray:
        """Bool per row: is the unit an enemy of `side` (kept while the rows are the same
        units, since teams never change)."""
        enemy = self.enemy_masks.get(side)
        if enemy is None:
            code = np.array([state.are_enemies(side, s) for s in self.side_list], np.bool_)
            enemy = self.enemy_masks[side] = code[self.side_code]
        return enemy

    def touching(
        self, x0: int, y0: int, x1: int, y1: int, grow: int = 0, among: np.ndarray | None = None
    ) -> list[int]:
        """Indexes of units whose footprint, grown by `grow` up and left, meets the box
        (only rows where `among` is True, if given)."""
        reach = self.max_size - 1  # how far a footprint extends right of and below its anchor
        lo_x, lo_y = x0 - reach, y0 - reach
        # anchors in [lo, x1 + grow): one unsigned compare per axis (negatives wrap high)
        hit = ((self.x - lo_x).view(np.uintp) < x1 + grow - lo_x) & (
            (self.y - lo_y).view(np.uintp) < y1 + grow - lo_y
        )
        if among is not None:
            hit &= among
        found = hit.nonzero()[0].tolist()
        if reach and found:
            xs, ys, size = self.xs, self.ys, self.sizes
            found = [i for i in found if xs[i] + size[i] > x0 and ys[i] + size[i] > y0]
        return found

    def tiles(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every tile of every unit's footprint: (xs, ys, index of the unit)."""
        if self._tiles is None:
            if self.max_size == 1:
                self._tiles = (self.x, self.y, self._shape[0])
            else:
                owner, dx, dy = self._shape[:3]
                self._tiles = (self.x[owner] + dx, self.y[owner] + dy, owner)
        return self._tiles

    def flat_tiles(self, width: int) -> np.ndarray:
        """`tiles()` as indexes into a flattened [y, x] map `width` wide."""
        if self._flat is None or self._flat[0] != width:
            xs, ys, _ = self.tiles()
            self._flat = (width, ys * width + xs)
        return self._flat[1]

    def warm_tiles(self) -> np.ndarray:
        """For each footprint tile, whether its unit is warm-blooded."""
        return self._shape[3]

    def first_tiles(self) -> np.ndarray:
        """Index of each unit's first footprint tile in `tiles()` (they come grouped)."""
        return self._shape[4]


def _footprint_shape(sizes: np.ndarray, max_size: int, warm: np.ndarray):
    """(unit index, dx, dy, warm, first tile of each unit) of every footprint tile."""
    owner = np.arange(len(sizes))
    if max_size == 1:
        return owner, None, None, warm, owner
    counts = sizes * sizes
    owner = np.repeat(owner, counts)
    starts = np.cumsum(counts) - counts
    k = np.arange(len(owner)) - np.repeat(starts, counts)  # tile number within the unit
    size = sizes[owner]
    return owner, k % size, k // size, warm[owner], starts


def scan_units(state: GameState) -> list[tuple]:
    """(unit, id, side, type, x, y, senses) of every unit on the map, in order.

    `senses` is what else shapes a unit's view: its EMP status, and the way it faces
    while unaware (an unaware unit watches only the half it faces).
    """
    return [
        (
            u,
            u.id,
            u.side,
            u.type_id,
            u.x,
            u.y,
            (u.status.get("emp", 0), u.facing if u.alertness == "unaware" else -1),
        )
        for u in state.units.values()
        if u.hp > 0 and not u.carried_by  # Unit.on_map
    ]


def _row(u: Unit) -> tuple:
    """One unit's `scan_units` row (the loop above is inlined: it runs for every unit)."""
    return (
        u,
        u.id,
        u.side,
        u.type_id,
        u.x,
        u.y,
        (u.status.get("emp", 0), u.facing if u.alertness == "unaware" else -1),
    )


def unit_table(state: GameState) -> UnitTable:
    """The `UnitTable` of the state's current `units_version` (built at most once each)."""
    version = state.cache.get("units_version", 0)
    cached = state.cache.get("unit_table")
    if cached is not None and cached[0] == version:
        return cached[1]
    table = UnitTable.scan(state, cached[1] if cached is not None else None)
    state.cache["unit_table"] = (version, table)
    return table


def tile_costs(state: GameState, unit: Unit, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    """Per-tile cost multiplier for `unit`'s anchor in a window; 0 where it cannot stand.

    Enemies the unit's side can see and blocking objects are 0; a 2x2 unit's anchor
    takes the worst tile of its footprint.
    """
    grid = state.grid
    utype = state.catalog.units[unit.type_id]
    size = utype.size
    ex1, ey1 = min(grid.width, x1 + size - 1), min(grid.height, y1 + size - 1)
    if utype.flies:
        base = grid.flyable[y0:ey1, x0:ex1].astype(np.int32)
    else:
        base = grid.move_cost[y0:ey1, x0:ex1].astype(np.int32)
    known = state.knowledge[unit.side].spotted
    if known:
        table = unit_table(state)
        for i in table.touching(x0, y0, ex1, ey1):
            other = table.units[i]
            if (
                other.id != unit.id
                and not other.mounted_on  # a rider blocks only through its brute
                and other.id in known
                and state.are_enemies(unit.side, other.side)
            ):
                s, ox, oy = table.sizes[i], table.xs[i], table.ys[i]
                base[
                    max(oy, y0) - y0 : min(oy + s, ey1) - y0,
                    max(ox, x0) - x0 : min(ox + s, ex1) - x0,
                ] = 0
    if not utype.flies:
        for obj in state.objects.values():
            if obj.kind in BLOCKING_OBJECTS and obj.hp >= 0:
                ox, oy = obj.x, obj.y
                if x0 <= ox < ex1 and y0 <= oy < ey1:
                    base[oy - y0, ox - x0] = 0
    if unit.status.get("hamstrung") is not None:  # a cut tendon: every step costs more
        base *= state.catalog.constant("hamstring_move_divisor")
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
    # a friend's tiles can be crossed but not stopped on; a seen enemy's are blocked in
    # `cost`, and an unseen enemy's must look free (the mover bumps into it instead)
    size = state.size(unit)
    taken = np.zeros(cost.shape, np.bool_)
    table = unit_table(state)
    for i in table.touching(x0, y0, x1, y1, grow=size - 1):
        other = table.units[i]
        if other.id != unit.id and not state.are_enemies(unit.side, other.side):
            s, ox, oy = table.sizes[i], table.xs[i], table.ys[i]
            ox0, oy0 = max(x0, ox - size + 1), max(y0, oy - size + 1)
            ox1, oy1 = min(x1, ox + s), min(y1, oy + s)
            if ox0 < ox1 and oy0 < oy1:
                taken[oy0 - y0 : oy1 - y0, ox0 - x0 : ox1 - x0] = True
    return Reach(
        unit.id, unit.pos, ap, x0, y0, dist, cost, taken, cat.step_straight, cat.step_diagonal
    )


def step_cost(state: GameState, unit: Unit, step: Pos) -> int:
    """AP for `unit` to step onto the neighbouring `step`, from the terrain alone.

    For a walk `path_cost` has already approved (it also checks units and objects in
    the way); a walk pays each step as it goes, and this skips the window `tile_costs`
    builds. Raises ValueError if the terrain says the step cannot be taken.
    """
    grid, cat = state.grid, state.catalog
    utype = cat.units[unit.type_id]
    terrain = grid.flyable if utype.flies else grid.move_cost
    x, y, size = step[0], step[1], utype.size
    if size == 1:
        tile = int(terrain[y, x])
    else:
        window = terrain[y : y + size, x : x + size]
        tile = 0 if window.shape != (size, size) or not window.all() else int(window.max())
    if tile <= 0:
        raise ValueError(f"{unit.id} cannot step onto {step}")
    if unit.status.get("hamstrung") is not None:
        tile *= cat.constant("hamstring_move_divisor")
    dx, dy = step[0] - unit.x, step[1] - unit.y
    return tile * (cat.step_straight if dx == 0 or dy == 0 else cat.step_diagonal)


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
