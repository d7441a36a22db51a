"""Correctness checks run before the timings: fast paths must give the slow answers.

- sight on flat ground (daylight, no elevation, no smoke) equals tcod's full-map
  symmetric shadowcasting cell for cell, for every unit;
- the incremental `sight.refresh(state, moved=[...])` after random moves, deaths,
  boarding, EMP and smoke gives the same events, sight counts and knowledge as a
  from-scratch refresh of a copy of the state;
- a refresh that re-reads only the units marked changed gives the unit table and
  occupancy a full scan and rebuild give;
- `movement.reachable` and `path_cost` equal a straightforward reference (loops over
  every unit, one full-map `dijkstra2d`) inside the unit's AP.

Each check raises AssertionError with a description on the first difference.
"""

from __future__ import annotations

import random

import numpy as np
import tcod.constants
import tcod.map
import tcod.path

from alma_tactics.core import movement, sight
from alma_tactics.core.state import GameState

from .common import build_state

FOV = tcod.constants.FOV_SYMMETRIC_SHADOWCAST


def check_flat_fov(seed: int = 3) -> int:
    """Every unit's view equals a bare full-map tcod call where only walls matter."""
    state = build_state(
        size=96, units_per_side=40, lights=0, smoke_clouds=0, towers=0, seed=seed, ambient="day"
    )
    vision = sight.vision_of(state)
    transparency = state.grid.transparency(0)
    checked = 0
    for unit in state.units.values():
        if not unit.on_map or state.size(unit) != 1:
            continue
        radius = state.utype(unit).sight
        oracle = tcod.map.compute_fov(transparency, (unit.y, unit.x), radius, True, FOV)
        view = vision.views[unit.id]
        ours = np.zeros_like(oracle)
        h, w = view.seen.shape
        ours[view.y0 : view.y0 + h, view.x0 : view.x0 + w] = view.seen
        assert np.array_equal(ours, oracle), f"flat-ground sight of {unit.id} differs from tcod"
        x0, y0, window = sight.fov(transparency, unit.pos, radius)
        assert np.array_equal(window, oracle[y0 : y0 + h, x0 : x0 + w]), "sight.fov differs"
        checked += 1
    return checked


def _compare(a: GameState, b: GameState, what: str) -> None:
    va, vb = sight.vision_of(a), sight.vision_of(b)
    for side in va.seen:
        assert np.array_equal(va.seen[side], vb.seen[side]), f"{what}: {side} sight counts"
        assert np.array_equal(va.infrared[side], vb.infrared[side]), f"{what}: {side} infrared"
    assert va.views.keys() == vb.views.keys(), f"{what}: viewers differ"
    for side, ka in a.knowledge.items():
        kb = b.knowledge[side]
        assert ka.spotted == kb.spotted, f"{what}: {side} spotted {ka.spotted ^ kb.spotted}"
        assert ka.ghosts == kb.ghosts, f"{what}: {side} ghosts"
        assert np.array_equal(ka.explored, kb.explored), f"{what}: {side} explored"


def _random_change(state: GameState, twin: GameState, rng: random.Random) -> list[str]:
    """Change both states the same way; return the ids to pass as `moved`."""
    uid = rng.choice(list(state.units))
    units = (state.units[uid], twin.units[uid])
    roll = rng.random()
    if roll < 0.7:
        unit = units[0]
        size = state.size(unit)
        dx, dy = rng.choice([(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1)])
        if rng.random() < 0.1:
            dx, dy = dx * rng.randint(2, 9), dy * rng.randint(2, 9)
        x = min(max(0, unit.x + dx), state.grid.width - size)
        y = min(max(0, unit.y + dy), state.grid.height - size)
        for u in units:
            u.x, u.y = x, y
    elif roll < 0.8:
        for u in units:
            if "emp" in u.status:
                del u.status["emp"]
            else:
                u.status["emp"] = 2
    elif roll < 0.87:
        for u in units:
            u.hp = 0 if u.hp > 0 else 3
    elif roll < 0.94:
        for u in units:
            u.carried_by = "" if u.carried_by else "somewhere"
    else:  # drift the smoke: a from-scratch rebuild on both
        h, w = state.grid.height, state.grid.width
        smoke = np.zeros((h, w), np.uint8)
        ys, xs = np.mgrid[0:h, 0:w]
        for _ in range(rng.randint(1, 6)):
            cx, cy, r = rng.randrange(w), rng.randrange(h), rng.randint(1, 4)
            smoke[(xs - cx) ** 2 + (ys - cy) ** 2 <= r * r] = 2
        state.grid.set_smoke(smoke)
        twin.grid.set_smoke(smoke)
    state.units_changed()
    twin.units_changed()
    return uid


def check_incremental(seed: int = 5, steps: int = 150) -> int:
    """Incremental refresh == from-scratch refresh, on a crowded smoky map with towers."""
    rng = random.Random(seed)
    state = build_state(
        size=48,
        units_per_side=30,
        lights=6,
        smoke_clouds=10,
        walls=0.12,
        forest=0.1,
        towers=8,
        seed=seed,
    )
    events = 0
    for step in range(steps):
        twin = state.clone()  # same knowledge, no caches: its refresh starts from scratch
        uid = _random_change(state, twin, rng)
        moved = [uid] if rng.random() < 0.8 else []  # a forgotten `moved` must be found too
        ours = sight.refresh(state, moved=moved)
        # the twin starts from scratch; the changed unit looks anew there too (ghosts a
        # unit sees empty vanish only when that unit looks)
        theirs = sight.refresh(twin, moved=[uid])
        assert ours == theirs, f"step {step}: events {ours} != {theirs}"
        _compare(state, twin, f"step {step}")
        if step % 25 == 0:
            side = rng.choice([s.id for s in state.sides])
            assert sight.rebuild(state, side) == [], f"step {step}: rebuild changed something"
            _compare(state, twin, f"step {step} rebuild")
        events += len(ours)
    return events


def check_tracked_scan(seed: int = 11, steps: int = 200) -> int:
    """A refresh that re-reads only the units marked changed (`sight.track_changes`, as
    a walk does between steps) sees the same unit table as a scan of every unit."""
    rng = random.Random(seed)
    state = build_state(size=48, units_per_side=30, lights=4, smoke_clouds=0, seed=seed)
    sight.refresh(state)
    patched = 0
    for step in range(steps):
        sight.track_changes(state)
        unit = state.units[rng.choice(list(state.units))]
        roll = rng.random()
        if roll < 0.6 and unit.on_map:
            old = unit.pos
            x = min(max(0, unit.x + rng.choice((-1, 0, 1))), state.grid.width - state.size(unit))
            y = min(max(0, unit.y + rng.choice((-1, 0, 1))), state.grid.height - state.size(unit))
            unit.x, unit.y = x, y
            unit.facing = rng.randrange(8)
            sight.mark_changed(state, unit.id)
            state.unit_moved(unit, old)
        elif roll < 0.8:
            unit.alertness = rng.choice(("unaware", "suspicious", "alert"))
            sight.mark_changed(state, unit.id)
        else:  # a death or an EMP nobody marked: the walk stops tracking around those
            sight.stop_tracking(state)
            unit.status["emp"] = 2
            if rng.random() < 0.5:
                unit.hp = 0
                state.units_changed()
        patched += "scan_changed" in state.cache
        sight.refresh(state, moved=[unit.id])
        table = state.cache["vision_units"]
        full = movement.UnitTable(state, movement.scan_units(state))
        assert (table.ids, table.xs, table.ys, table.emps) == (
            full.ids,
            full.xs,
            full.ys,
            full.emps,
        ), f"step {step}: the tracked unit table differs from a full scan"
        assert np.array_equal(table.x, full.x) and np.array_equal(table.y, full.y)
        occupancy = dict(state.occupancy())
        state.units_changed()
        assert occupancy == state.occupancy(), f"step {step}: occupancy differs from a rebuild"
    return patched


def reference_costs(state: GameState, unit, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    """`movement.tile_costs` the plain way: a loop over every unit (1x1 movers only)."""
    base = state.grid.move_cost[y0:y1, x0:x1].astype(np.int32)
    known = state.knowledge[unit.side].spotted
    for other in state.units.values():
        enemy = other.id in known and state.are_enemies(unit.side, other.side)
        if other.on_map and other.id != unit.id and enemy:
            for ox, oy in other.footprint(state.size(other)):
                if x0 <= ox < x1 and y0 <= oy < y1:
                    base[oy - y0, ox - x0] = 0
    for pos in movement.blocked_by_objects(state):
        if x0 <= pos[0] < x1 and y0 <= pos[1] < y1:
            base[pos[1] - y0, pos[0] - x0] = 0
    return base


def check_reachable(seed: int = 7, units: int = 40) -> int:
    """Reach within AP equals one full-map Dijkstra on the reference costs."""
    state = build_state(size=128, units_per_side=100, seed=seed, mixed=False)
    rng = random.Random(seed)
    cat = state.catalog
    h, w = state.grid.height, state.grid.width
    movers = [u for u in state.units.values() if u.on_map and state.size(u) == 1]
    for unit in rng.sample(movers, units):
        ap = rng.choice([8, 16, 24, 32])
        reach = movement.reachable(state, unit, ap=ap)
        cost = reference_costs(state, unit, 0, 0, w, h)
        dist = tcod.path.maxarray((h, w), np.int32)
        dist[unit.y, unit.x] = 0
        tcod.path.dijkstra2d(dist, cost, cat.step_straight, cat.step_diagonal, out=dist)
        occupied = np.zeros((h, w), np.bool_)
        for other in state.units.values():  # friends: crossable, not a destination
            friend = not state.are_enemies(unit.side, other.side)
            if other.on_map and other.id != unit.id and friend:
                for ox, oy in other.footprint(state.size(other)):
                    occupied[oy, ox] = True
        want = {
            (int(x), int(y)): int(dist[y, x])
            for y, x in zip(*np.nonzero((dist <= ap) & ~occupied), strict=True)
        }
        got = dict(reach.tiles())
        assert got == want, f"reach of {unit.id} with {ap} AP differs from the reference"
        for goal in rng.sample(sorted(got), min(5, len(got))):
            path = reach.path_to(goal)
            if path:
                assert movement.path_cost(state, unit, path) == got[goal], "path cost differs"
    return units


def run_all() -> dict[str, int]:
    return {
        "flat_fov_units": check_flat_fov(),
        "incremental_events": check_incremental(),
        "tracked_scans": check_tracked_scan(),
        "reach_units": check_reachable(),
    }
