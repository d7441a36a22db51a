"""The battlefield as numpy layers, indexed `[y, x]`.

`kind` is the only terrain truth; every other terrain layer (move cost, sight,
cover, elevation) is derived from it through the catalog's lookup tables and is
rebuilt only where the terrain changes (a breached wall), so rules code can read
whole-map arrays without recomputing them. Smoke is the one other mutable layer.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .catalog import Catalog

Pos = tuple[int, int]

# The eight neighbours in a fixed order; the index is also a unit's facing.
DIRECTIONS: tuple[Pos, ...] = ((0, -1), (1, -1), (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1))


def distance(a: Pos, b: Pos) -> int:
    """Chebyshev distance: how many king's steps apart two tiles are."""
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]))


def facing_towards(a: Pos, b: Pos) -> int:
    """The DIRECTIONS index that points most nearly from `a` towards `b`."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    step = (int(np.sign(dx)), int(np.sign(dy)))
    return DIRECTIONS.index(step) if step != (0, 0) else 0


class Grid:
    """Terrain layers for a `width` x `height` map."""

    def __init__(self, catalog: Catalog, kind: np.ndarray) -> None:
        self.catalog = catalog
        self.kind = np.ascontiguousarray(kind, dtype=np.uint8)
        self.height, self.width = self.kind.shape
        self.smoke = np.zeros(self.kind.shape, dtype=np.uint8)  # turns of smoke left
        self._tables = {
            "move_cost": catalog.table("move_cost", np.int16),
            "blocks_sight": catalog.table("blocks_sight", np.bool_),
            "height": catalog.table("height", np.int8),
            "cover": catalog.table("cover", np.int16),
            "elevation": catalog.table("elevation", np.int8),
            "breakable": catalog.table("breakable", np.bool_),
            "flyable": catalog.table("flyable", np.bool_),
        }
        self.version = 0  # bumps whenever terrain or smoke changes; caches key on it
        self.terrain_version = 0  # bumps when terrain changes (not smoke)
        self._derive()

    def _derive(self) -> None:
        t, k = self._tables, self.kind
        self.move_cost = t["move_cost"][k]
        self.blocks_sight = t["blocks_sight"][k]
        self.sight_height = t["height"][k]
        self.cover = t["cover"][k]
        self.elevation = t["elevation"][k]
        self.breakable = t["breakable"][k]
        self.flyable = t["flyable"][k]
        self._levels: dict[int, np.ndarray] = {}
        self.version += 1
        self.terrain_version += 1

    # --- queries -------------------------------------------------------------------------
    def in_bounds(self, pos: Pos) -> bool:
        x, y = pos
        return 0 <= x < self.width and 0 <= y < self.height

    def passable(self, pos: Pos) -> bool:
        return self.in_bounds(pos) and bool(self.move_cost[pos[1], pos[0]] > 0)

    def terrain_at(self, pos: Pos):
        return self.catalog.terrain[int(self.kind[pos[1], pos[0]])]

    def neighbors(self, pos: Pos) -> Iterator[Pos]:
        for dx, dy in DIRECTIONS:
            p = (pos[0] + dx, pos[1] + dy)
            if self.in_bounds(p):
                yield p

    def transparency(self, level: int = 0) -> np.ndarray:
        """Tiles a viewer at elevation `level` can see through.

        A blocker shorter than the viewer's elevation is seen over (a tower guard
        looks over the compound wall); smoke blocks at every level.
        """
        cached = self._levels.get(level)
        if cached is None:
            cached = (~self.blocks_sight | (self.sight_height < level)) & (self.smoke == 0)
            self._levels[level] = cached
        return cached

    # --- changes (called by rules.apply only) ----------------------------------------------
    def set_kind(self, pos: Pos, terrain_id: str) -> None:
        self.kind[pos[1], pos[0]] = self.catalog.terrain_by_id(terrain_id).index
        self._derive()

    def set_smoke(self, smoke: np.ndarray) -> None:
        self.smoke = smoke.astype(np.uint8)
        self._levels.clear()
        self.version += 1

    # --- serialisation -----------------------------------------------------------------------
    def rows(self) -> list[str]:
        chars = np.array([k.char for k in self.catalog.terrain])
        return ["".join(row) for row in chars[self.kind]]

    def to_dict(self) -> dict:
        return {"rows": self.rows(), "smoke": _sparse(self.smoke)}

    @classmethod
    def from_dict(cls, catalog: Catalog, data: dict) -> Grid:
        grid = cls.from_rows(catalog, data["rows"])
        smoke = np.zeros_like(grid.smoke)
        for x, y, v in data.get("smoke", []):
            smoke[y, x] = v
        grid.set_smoke(smoke)
        return grid

    @classmethod
    def from_rows(cls, catalog: Catalog, rows: list[str]) -> Grid:
        """Build a grid from rows of terrain characters (every row the same width)."""
        lookup = {k.char: k.index for k in catalog.terrain}
        width = len(rows[0]) if rows else 0
        kind = np.zeros((len(rows), width), dtype=np.uint8)
        for y, row in enumerate(rows):
            if len(row) != width:
                raise ValueError(f"row {y} is {len(row)} wide, expected {width}")
            for x, ch in enumerate(row):
                if ch not in lookup:
                    raise ValueError(f"unknown terrain character {ch!r} at column {x}, row {y}")
                kind[y, x] = lookup[ch]
        return cls(catalog, kind)


def _sparse(layer: np.ndarray) -> list[list[int]]:
    ys, xs = np.nonzero(layer)
    return [[int(x), int(y), int(layer[y, x])] for y, x in zip(ys, xs, strict=True)]
