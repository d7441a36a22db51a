"""Speed and memory figures of the rules core, against bare tcod baselines.

Run from the repository root:

    python -m benchmarks.bench_core [--runs 40] [--json results.json] [--skip-checks]

Protocol: one process; fixed seeds; the self-checks run first (fast paths must
equal the slow answers); every case is warmed up, then baseline and ours run A/B
interleaved with the garbage collector off; median and p95 of the runs. Exits 1 if
a check fails or any figure misses its target.

Figures (100 units per side on a 256x256 night map, 20 lights, smoke, towers):

- vision, one side: `sight.rebuild(state, side)` recomputes the side's 100 views from
  scratch and updates knowledge. Baseline, the naive way: one full-map
  `tcod.map.compute_fov` per unit plus a `tcod.los.bresenham` line check for every
  (own unit, enemy unit) pair. Target: median <= 10 ms and >= 5x faster.
- vision, incremental: one unit has stepped one tile; `sight.refresh(state,
  moved=[id])`. Target: median <= 1 ms.
- reachable: `movement.reachable(state, unit, ap=32)` (16 steps) against one bare
  `tcod.path.dijkstra2d` on a 33x33 window. Target: <= 1.5x the bare call.
- apply move: `rules.apply(state, Move(id, (step,)))`, one tile, back and forth, with
  sight, spotting, noise and reaction checks. Target: median <= 1 ms.
- memory: everything a 256x256 state with both sides' knowledge and sight caches
  allocates (tracemalloc peak while building and refreshing it). Target: <= 16 MB.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tracemalloc
from dataclasses import dataclass

import numpy as np
import tcod.constants
import tcod.los
import tcod.map
import tcod.path

from alma_tactics.core import movement, rules, sight
from alma_tactics.core.actions import Move
from alma_tactics.core.state import GameState

from . import selfcheck
from .common import Timing, build_state, interleaved, load_catalog

FOV = tcod.constants.FOV_SYMMETRIC_SHADOWCAST
SIDE = "alliance"


@dataclass
class Figure:
    name: str
    ours: Timing | None
    baseline: Timing | None
    target: str
    passed: bool
    value: float | None = None  # for figures that are not timings (MB)
    unit: str = "ms"
    note: str = ""

    def row(self) -> dict:
        return {
            "name": self.name,
            "ours_median": self.value if self.ours is None else round(self.ours.median_ms, 4),
            "ours_p95": None if self.ours is None else round(self.ours.p95_ms, 4),
            "baseline_median": None if self.baseline is None else round(self.baseline.median_ms, 4),
            "ratio": None if self.ratio is None else round(self.ratio, 4),
            "unit": self.unit,
            "target": self.target,
            "pass": self.passed,
            "note": self.note,
        }

    @property
    def ratio(self) -> float | None:
        if self.ours is None or self.baseline is None:
            return None
        return self.ours.median_ms / self.baseline.median_ms


# --- baselines -------------------------------------------------------------------------------


def naive_side_vision(state: GameState, side: str) -> tuple[np.ndarray, set[str]]:
    """The naive way: a full-map FOV per unit, a line check for every unit pair."""
    transparency = state.grid.transparency(0)
    own = [u for u in state.units.values() if u.on_map and u.side == side]
    enemies = [u for u in state.units.values() if u.on_map and state.are_enemies(side, u.side)]
    visible = np.zeros(transparency.shape, np.bool_)
    spotted: set[str] = set()
    for unit in own:
        radius = state.utype(unit).sight
        visible |= tcod.map.compute_fov(transparency, (unit.y, unit.x), radius, True, FOV)
        r2 = radius * radius
        for enemy in enemies:
            line = tcod.los.bresenham((unit.x, unit.y), (enemy.x, enemy.y))[1:-1]
            dx, dy = enemy.x - unit.x, enemy.y - unit.y
            if dx * dx + dy * dy < r2 and transparency[line[:, 1], line[:, 0]].all():
                spotted.add(enemy.id)
    return visible, spotted


# --- cases -----------------------------------------------------------------------------------


def _steppers(state: GameState, side: str, count: int) -> list[tuple[str, tuple, tuple]]:
    """Units of `side` with a free, passable tile to the east: (id, here, there)."""
    occupancy = state.occupancy()
    found = []
    for unit in state.units.values():
        if unit.side != side or not unit.on_map or state.size(unit) != 1:
            continue
        there = (unit.x + 1, unit.y)
        if state.grid.passable(there) and there not in occupancy and not state.object_at(there):
            found.append((unit.id, unit.pos, there))
        if len(found) == count:
            break
    return found


def bench_vision(state: GameState, runs: int) -> list[Figure]:
    naive = interleaved(
        {
            "naive": (None, lambda: naive_side_vision(state, SIDE)),
            "ours": (None, lambda: sight.rebuild(state, SIDE)),
        },
        runs=runs,
        warmup=3,
    )
    ours, base = naive["ours"], naive["naive"]
    speedup = base.median_ms / ours.median_ms
    full = Figure(
        "vision: one side, 100 units",
        ours,
        base,
        "<=10 ms, >=5x faster",
        ours.median_ms <= 10.0 and speedup >= 5.0,
        note=f"{speedup:.1f}x faster than the naive way",
    )

    movers = _steppers(state, SIDE, 10)
    turn = {"i": 0}

    def step() -> None:
        uid, here, there = movers[turn["i"] % len(movers)]
        unit = state.units[uid]
        unit.x, unit.y = there if unit.pos == here else here
        state.units_changed()
        turn["i"] += 1

    def refresh() -> None:
        uid = movers[(turn["i"] - 1) % len(movers)][0]
        sight.refresh(state, moved=[uid])

    inc = interleaved({"ours": (step, refresh)}, runs=max(runs, 60), warmup=10)["ours"]
    for uid, here, _ in movers:  # put everybody back
        state.units[uid].x, state.units[uid].y = here
    state.units_changed()
    sight.refresh(state)
    incremental = Figure(
        "vision: incremental, 1 unit moved", inc, None, "<=1 ms", inc.median_ms <= 1.0
    )
    return [full, incremental]


def bench_reachable(state: GameState, runs: int) -> Figure:
    cat = state.catalog
    ap = 16 * cat.step_straight
    steps = ap // cat.step_straight
    units = [
        u
        for u in state.units.values()
        if u.on_map
        and u.side == SIDE
        and steps <= u.x < state.grid.width - steps
        and steps <= u.y < state.grid.height - steps
    ][:20]
    windows = []
    for u in units:
        cost = state.grid.move_cost[u.y - steps : u.y + steps + 1, u.x - steps : u.x + steps + 1]
        cost = cost.astype(np.int32)
        start = tcod.path.maxarray(cost.shape, np.int32)
        start[steps, steps] = 0
        windows.append((cost, start))
    turn = {"ours": 0, "base": 0}
    box = {}

    def base_setup() -> None:
        cost, start = windows[turn["base"] % len(windows)]
        box["cost"], box["dist"] = cost, start.copy()
        turn["base"] += 1

    def base() -> None:
        tcod.path.dijkstra2d(
            box["dist"], box["cost"], cat.step_straight, cat.step_diagonal, out=box["dist"]
        )

    def ours() -> None:
        movement.reachable(state, units[turn["ours"] % len(units)], ap=ap)
        turn["ours"] += 1

    result = interleaved(
        {"dijkstra2d": (base_setup, base), "ours": (None, ours)}, runs=max(runs, 200), warmup=20
    )
    fig = Figure(
        "reachable: 16 steps of AP",
        result["ours"],
        result["dijkstra2d"],
        "<=1.5x one dijkstra2d (33x33)",
        False,
    )
    fig.passed = fig.ratio is not None and fig.ratio <= 1.5
    return fig


def bench_apply(state: GameState, runs: int) -> Figure:
    movers = _steppers(state, state.active_side.id, 10)
    turn = {"i": 0}
    box = {}

    def setup() -> None:
        uid, here, there = movers[turn["i"] % len(movers)]
        turn["i"] += 1
        unit = state.units[uid]
        unit.ap = state.utype(unit).ap
        box["action"] = Move(uid, (there if unit.pos == here else here,))

    def body() -> None:
        rules.apply(state, box["action"])

    result = interleaved({"ours": (setup, body)}, runs=max(runs, 100), warmup=20)["ours"]
    return Figure("apply: one-tile move", result, None, "<=1 ms", result.median_ms <= 1.0)


def bench_memory() -> Figure:
    catalog = load_catalog()
    tracemalloc.start()
    state = build_state(catalog=catalog)
    sight.refresh(state)
    for unit in list(state.units.values())[:20]:  # the reach and table caches too
        movement.reachable(state, unit)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    arrays = _array_bytes(state)
    mb = peak / 2**20
    fig = Figure("memory: 256x256 state + knowledge", None, None, "<=16 MB", mb <= 16.0, mb, "MB")
    fig.value = round(mb, 3)
    fig.note = (
        f"tracemalloc current {current / 2**20:.2f} MB, peak {mb:.2f} MB; "
        f"numpy arrays held by the state {arrays / 2**20:.2f} MB"
    )
    return fig


def _array_bytes(state: GameState) -> int:
    """Bytes of the numpy arrays the state holds: grid layers, knowledge, sight caches."""
    grid = state.grid
    total = sum(v.nbytes for v in vars(grid).values() if isinstance(v, np.ndarray))
    total += sum(v.nbytes for v in grid._levels.values())
    total += sum(k.explored.nbytes for k in state.knowledge.values())
    vision = state.cache.get("vision")
    if vision is not None:
        total += sum(a.nbytes for a in vision.seen.values())
        total += sum(a.nbytes for a in vision.infrared.values())
        for view in vision.views.values():
            total += view.seen.nbytes
            if view.infrared is not None:
                total += view.infrared.base.nbytes if view.infrared.base is not None else 0
        total += sum(e[2].nbytes for e in vision.elevated.values())
    lit = state.cache.get("lit")
    total += lit.nbytes if lit is not None else 0
    return total


# --- report ----------------------------------------------------------------------------------


def print_table(figures: list[Figure]) -> None:
    head = (
        f"{'figure':36} {'median':>9} {'p95':>9} {'baseline':>9} {'ratio':>7}  {'target':30} result"
    )
    print(head)
    print("-" * len(head))
    for f in figures:
        if f.ours is None:
            med, p95, base, ratio = f"{f.value:.2f}{f.unit}", "", "", ""
        else:
            med, p95 = f"{f.ours.median_ms:.3f}", f"{f.ours.p95_ms:.3f}"
            base = "" if f.baseline is None else f"{f.baseline.median_ms:.3f}"
            ratio = "" if f.ratio is None else f"{f.ratio:.3f}"
        print(
            f"{f.name:36} {med:>9} {p95:>9} {base:>9} {ratio:>7}  {f.target:30} "
            f"{'PASS' if f.passed else 'FAIL'}"
        )
    print("(times in ms; ratio = ours / baseline median)")
    for f in figures:
        if f.note:
            print(f"  {f.name}: {f.note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="timed runs per case (>= 30)")
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON")
    parser.add_argument("--skip-checks", action="store_true", help="skip the self-checks")
    args = parser.parse_args(argv)
    runs = max(30, args.runs)

    checks: dict = {}
    if not args.skip_checks:
        try:
            checks = selfcheck.run_all()
        except AssertionError as exc:
            print(f"SELF-CHECK FAILED: {exc}")
            return 1
        print(f"self-checks passed: {checks}")

    figures: list[Figure] = [bench_memory()]
    state = build_state()
    figures += bench_vision(state, runs)
    figures.append(bench_reachable(state, runs))
    figures.append(bench_apply(build_state(), runs))
    print()
    print_table(figures)

    if args.json:
        with open(args.json, "w") as out:
            json.dump(
                {
                    "python": platform.python_version(),
                    "tcod": tcod.__version__,
                    "numpy": np.__version__,
                    "runs": runs,
                    "checks": checks,
                    "figures": [f.row() for f in figures],
                },
                out,
                indent=2,
            )
    return 0 if all(f.passed for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
