"""Synthetic game states for the benchmarks, built in memory (no scenario files).

`build_state()` makes a night map with random walls, forest, a few guard towers,
spotlights fed by generators, smoke clouds and two sides of units, all from a
fixed seed, and refreshes sight once so the state is ready to play.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from alma_tactics.core import sight
from alma_tactics.core.catalog import Catalog
from alma_tactics.core.grid import Grid
from alma_tactics.core.state import GameState
from alma_tactics.core.units import MapObject, Side, Unit

ALLIANCE_MIX = ("marine", "marine", "marine", "elf", "sniper", "scout_mech")
CALENDREA_MIX = ("soldier", "soldier", "soldier", "sentry", "tower_guard", "brute")


def load_catalog() -> Catalog:
    """The shipped catalog, retried for a while if the content package is still being written."""
    last: Exception | None = None
    for _ in range(10):
        try:
            from alma_tactics.content import load_catalog as load

            return load()
        except ImportError as exc:  # pragma: no cover - only while another helper works
            last = exc
            time.sleep(6)
    raise RuntimeError(f"alma_tactics.content.load_catalog is not available: {last}")


def terrain_index(catalog: Catalog, terrain_id: str) -> int:
    return catalog.terrain_by_id(terrain_id).index


def make_kind(
    catalog: Catalog,
    rng: np.random.Generator,
    size: int,
    walls: float = 0.05,
    forest: float = 0.04,
    towers: int = 6,
) -> np.ndarray:
    """A `size` x `size` terrain array: open ground, random walls and forest, towers."""
    kind = np.full((size, size), terrain_index(catalog, "open"), np.uint8)
    roll = rng.random((size, size))
    kind[roll < walls] = terrain_index(catalog, "wall")
    kind[(roll >= walls) & (roll < walls + forest)] = terrain_index(catalog, "forest")
    tower = terrain_index(catalog, "tower")
    for _ in range(towers):
        tx, ty = (int(v) for v in rng.integers(4, size - 6, 2))
        kind[ty : ty + 2, tx : tx + 2] = tower
    return kind


def make_smoke(rng: np.random.Generator, size: int, clouds: int, radius: int = 3) -> np.ndarray:
    smoke = np.zeros((size, size), np.uint8)
    ys, xs = np.mgrid[0:size, 0:size]
    for _ in range(clouds):
        cx, cy = (int(v) for v in rng.integers(radius, size - radius, 2))
        smoke[(xs - cx) ** 2 + (ys - cy) ** 2 <= radius * radius] = 3
    return smoke


@dataclass
class Scenario:
    state: GameState
    seed: int
    notes: dict = field(default_factory=dict)


def build_state(
    size: int = 256,
    units_per_side: int = 100,
    lights: int = 20,
    smoke_clouds: int = 6,
    seed: int = 1,
    ambient: str = "night",
    mixed: bool = True,
    refresh: bool = True,
    catalog: Catalog | None = None,
    walls: float = 0.05,
    forest: float = 0.04,
    towers: int = 6,
) -> GameState:
    """A synthetic battle: two sides of `units_per_side` units on a `size`^2 map.

    `mixed=False` fields only marines against soldiers (all 1x1, sight 12).
    """
    catalog = catalog or load_catalog()
    rng = np.random.default_rng(seed)
    kind = make_kind(catalog, rng, size, walls=walls, forest=forest, towers=towers)
    grid = Grid(catalog, kind)
    if smoke_clouds:
        grid.set_smoke(make_smoke(rng, size, smoke_clouds))
    sides = [
        Side("alliance", "Alliance", "alliance"),
        Side("calendrea", "Calendrea", "calendrea"),
    ]
    objects: list[MapObject] = []
    taken = np.zeros((size, size), np.bool_)
    passable = grid.move_cost > 0

    def free_tile(span: int = 1) -> tuple[int, int]:
        while True:
            x, y = (int(v) for v in rng.integers(0, size - span + 1, 2))
            block = (slice(y, y + span), slice(x, x + span))
            if passable[block].all() and not taken[block].any():
                taken[block] = True
                return x, y

    n_gens = max(1, lights // 5) if lights else 0
    for g in range(n_gens):
        x, y = free_tile()
        objects.append(MapObject(f"gen{g}", "generator", x, y, hp=20))
    for i in range(lights):
        x, y = free_tile()
        objects.append(
            MapObject(
                f"light{i}",
                "spotlight",
                x,
                y,
                props={
                    "radius": 6 + i % 3,
                    "direction": int(rng.integers(0, 8)) * 45,
                    "cone": 120 if i % 4 else 360,
                    "generator": f"gen{i % n_gens}",
                },
            )
        )
    units: list[Unit] = []
    tower_tiles = [(int(x), int(y)) for y, x in zip(*np.nonzero(grid.elevation > 0), strict=True)]
    for side, mix in (("alliance", ALLIANCE_MIX), ("calendrea", CALENDREA_MIX)):
        for i in range(units_per_side):
            type_id = (
                mix[i % len(mix)] if mixed else ("marine" if side == "alliance" else "soldier")
            )
            utype = catalog.units[type_id]
            if type_id == "tower_guard" and tower_tiles:
                spot = next((t for t in tower_tiles if not taken[t[1], t[0]]), None)
                if spot is not None:
                    taken[spot[1], spot[0]] = True
                    units.append(Unit.spawn(f"{side[:3]}{i:03d}", utype, side, spot))
                    continue
            pos = free_tile(utype.size)
            units.append(Unit.spawn(f"{side[:3]}{i:03d}", utype, side, pos))
    state = GameState(catalog, grid, sides, units, objects, seed=seed, ambient=ambient)
    if refresh:
        sight.refresh(state)
    return state


# --- timing ----------------------------------------------------------------------------------


@dataclass
class Timing:
    name: str
    samples: list[float]  # seconds

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples) * 1e3

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1e3


def interleaved(
    cases: dict[str, tuple[Callable[[], object] | None, Callable[[], object]]],
    runs: int = 40,
    warmup: int = 5,
) -> dict[str, Timing]:
    """Time each case's callables A/B interleaved: (setup, body) per case, in turn.

    `setup` (untimed) runs before every timed `body`. The garbage collector is off
    while timing; every case runs `warmup` times first.
    """
    samples: dict[str, list[float]] = {name: [] for name in cases}
    clock = time.perf_counter
    for _ in range(warmup):
        for setup, body in cases.values():
            if setup is not None:
                setup()
            body()
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            for name, (setup, body) in cases.items():
                if setup is not None:
                    setup()
                t0 = clock()
                body()
                samples[name].append(clock() - t0)
    finally:
        if was_enabled:
            gc.enable()
    return {name: Timing(name, s) for name, s in samples.items()}
