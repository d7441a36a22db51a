"""How long loading and checking the biggest scenario takes.

Run from the repository root:

    python -m benchmarks.bench_scenario [--runs 30] [--file FILE]

Times `validate(path)` + `load_scenario(path)` + `Scenario.new_state()` of the
biggest shipped scenario (the four-target assault; before it exists, a
synthetic 128x96 file with 150 units, written with `save_scenario`), the way
`alma-tactics play` and `validate` read it: from disk, the rules catalog
already loaded. Median of the runs (garbage collector off while timing).
Target: <= 150 ms. Exits 1 on a miss (or if the file is not valid).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from alma_tactics.content import load_catalog
from alma_tactics.scenario import load_scenario, save_scenario, validate
from alma_tactics.scenario.files import SCENARIO_DIR

TARGET_MS = 150.0
BIG = SCENARIO_DIR / "four_target_assault.toml"


def synthetic_doc(width: int = 128, height: int = 96, units: int = 150, seed: int = 7) -> dict:
    """A night map with walls, forest and towers, lights on generators, and two sides."""
    rng = np.random.default_rng(seed)
    grid = np.full((height, width), ".", dtype="<U1")
    roll = rng.random((height, width))
    grid[roll < 0.05] = "#"
    grid[(roll >= 0.05) & (roll < 0.09)] = "T"
    grid[(roll >= 0.09) & (roll < 0.11)] = ","
    free = {(int(x), int(y)) for y, x in zip(*np.nonzero(grid == "."), strict=True)}
    order = sorted(free)
    rng.shuffle(order)
    spots = iter(order)
    doc: dict = {
        "scenario": {
            "title": "Synthetic benchmark",
            "author": "benchmarks",
            "description": "A big generated map for timing the loader.",
            "briefing": "Generated.\nTwo sides, many units.\n",
            "version": 1,
            "ambient": "night",
        },
        "map": {
            "width": width,
            "height": height,
            "rows": "".join("".join(row) + "\n" for row in grid),
        },
        "side": [
            {"id": "alliance", "name": "Alliance", "faction": "alliance", "colour": "#3c8cdc"},
            {"id": "calendrea", "faction": "calendrea", "controller": "ai", "difficulty": "hard"},
        ],
        "squad": [{"id": f"sq{i}", "side": "alliance", "name": f"Squad {i}"} for i in range(10)],
        "unit": [],
        "object": [],
        "area": [],
        "objective": [{"id": "win", "text": "Win", "side": "alliance"}],
        "trigger": [],
    }
    for i in range(units):
        side = "alliance" if i % 2 == 0 else "calendrea"
        utype = ("marine", "elf", "sniper") if side == "alliance" else ("soldier", "sentry")
        x, y = next(spots)
        unit = {"id": f"u{i:03d}", "type": utype[i % len(utype)], "side": side, "at": [x, y]}
        unit["facing"] = i % 8
        if side == "alliance":
            unit["squad"] = f"sq{i % 10}"
            unit["inventory"] = {"smoke": 1}
        elif i % 5 == 1:
            unit["patrol"] = [[x, y], list(next(spots))]
        doc["unit"].append(unit)
    for g in range(5):
        doc["object"].append(
            {"id": f"gen{g}", "kind": "generator", "at": list(next(spots)), "hp": 20}
        )
    for n in range(25):
        doc["object"].append(
            {
                "id": f"lamp{n}",
                "kind": "spotlight",
                "at": list(next(spots)),
                "radius": 6,
                "direction": 45 * (n % 8),
                "cone": 90,
                "generator": f"gen{n % 5}",
            }
        )
    for a in range(8):
        x0, y0 = a * (width - 13) // 8, a * (height - 9) // 8
        doc["area"].append({"id": f"area{a}", "rect": [x0, y0, x0 + 12, y0 + 8]})
        doc["trigger"].append(
            {
                "id": f"t{a}",
                "when": [{"enters": {"side": "alliance", "area": f"area{a}"}}, {"turn": 2}],
                "then": [
                    {"message": f"Area {a} reached."},
                    {
                        "reinforce": {
                            "side": "calendrea",
                            "units": [{"type": "soldier", "at": [0, 0]}],
                        }
                    },
                ],
            }
        )
    return doc


def load_everything(path: Path) -> None:
    problems = validate(path)
    if problems:
        raise SystemExit("\n".join(map(str, problems[:10])))
    load_scenario(path).new_state(seed=1)


def time_runs(path: Path, runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        load_everything(path)
    samples = []
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            start = time.perf_counter()
            load_everything(path)
            samples.append(time.perf_counter() - start)
    finally:
        if was_enabled:
            gc.enable()
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs (at least 30)")
    parser.add_argument("--file", type=Path, help="time this scenario file instead")
    args = parser.parse_args(argv)
    runs = max(30, args.runs)

    with tempfile.TemporaryDirectory() as tmp:
        if args.file is not None:
            path = args.file
        elif BIG.exists():
            path = BIG
        else:
            path = Path(tmp) / "synthetic.toml"
            save_scenario(synthetic_doc(), path)
        start = time.perf_counter()
        load_catalog()  # once per process, as the game does
        load_everything(path)
        cold = (time.perf_counter() - start) * 1e3
        scenario = load_scenario(path)
        what = (
            f"{path.name}: {scenario.width}x{scenario.height}, "
            f"{len(scenario.doc.get('unit', []))} units, "
            f"{len(scenario.doc.get('object', []))} objects, "
            f"{len(scenario.doc.get('trigger', []))} triggers, {path.stat().st_size} bytes"
        )
        samples = time_runs(path, runs)

    median = statistics.median(samples) * 1e3
    worst = max(samples) * 1e3
    passed = median <= TARGET_MS
    print(f"scenario: {what}")
    print(f"validate + load + build, median of {runs}: {median:.1f} ms (max {worst:.1f} ms)")
    print(f"(first time in this process, reading the rules catalog too: {cold:.1f} ms)")
    print(f"target <= {TARGET_MS:.0f} ms: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
