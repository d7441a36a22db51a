"""How fast the map editor's model paints and undoes on a 128x128 map.

Run from the repository root:

    python -m benchmarks.bench_editor [--dabs 400] [--runs 40]

- A brush stroke: 5x5 dabs walking over a 128x128 map (a generated night map
  with walls, forest, 150 units, lamps and triggers), each dab timed as a
  frame would see it: build the edit, apply it through `History` (inside a
  stroke), and take what the screen redraws (`take_changes()` and the changed
  block of the terrain). Target: every dab (the slowest one) under 16 ms.
  The same with four-way symmetry, and the mouse-up that closes the stroke.
- Undo of a flood fill over the whole 128x128 map (16384 cells). Target: < 50 ms.
- For the record (no target): the flood fill itself, the live problem list,
  `to_doc()`, and an autosave.

Garbage collector off while timing. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from alma_tactics.content import load_catalog
from alma_tactics.editor import Autosaver, History, MapDocument, Symmetry, problems
from alma_tactics.editor import painting as P

from .bench_scenario import synthetic_doc

SIZE = 128
FRAME_MS = 16.0
UNDO_FILL_MS = 50.0


def big_doc() -> MapDocument:
    return MapDocument.from_doc(synthetic_doc(SIZE, SIZE, units=150), load_catalog())


def timed(body: Callable[[], object]) -> float:
    start = time.perf_counter()
    body()
    return (time.perf_counter() - start) * 1e3


def stroke_path(count: int, seed: int = 1) -> list[tuple[int, int]]:
    """A wandering drag across the map, a few tiles per frame."""
    rng = np.random.default_rng(seed)
    x, y = SIZE // 2, SIZE // 2
    points = []
    for _ in range(count):
        x = int(np.clip(x + rng.integers(-3, 4), 0, SIZE - 1))
        y = int(np.clip(y + rng.integers(-3, 4), 0, SIZE - 1))
        points.append((x, y))
    return points


def dab_times(doc: MapDocument, dabs: int, symmetry: Symmetry) -> tuple[list[float], float, int]:
    """Each dab's milliseconds, the closing of the stroke (mouse-up), cells it changed."""
    history = History(doc)
    kinds = [doc.catalog.terrain_by_id(t).index for t in ("forest", "rough", "water", "wall")]
    samples = []
    last = None

    def frame(x: int, y: int, kind: int) -> None:
        nonlocal last
        # joining the previous dab like a fast drag would, with a 5x5 brush
        if last is None:
            edit = P.brush(doc, x, y, kind, size=5, symmetry=symmetry)
        else:
            edit = P.line(doc, *last, x, y, kind, size=5, symmetry=symmetry)
        history.do(edit)
        last = (x, y)
        changes = doc.take_changes()
        if changes.rect is not None:  # what the screen redraws
            x0, y0, x1, y1 = changes.rect
            doc.terrain[y0 : y1 + 1, x0 : x1 + 1].copy()

    doc.take_changes()
    before = doc.terrain.copy()
    history.begin_stroke("Paint")
    for i, (x, y) in enumerate(stroke_path(dabs)):
        kind = kinds[(i // 50) % len(kinds)]
        samples.append(timed(lambda x=x, y=y, kind=kind: frame(x, y, kind)))
    close = timed(history.end_stroke)
    changed = int((doc.terrain != before).sum())
    return samples, close, changed


def undo_fill_times(runs: int) -> tuple[list[float], list[float], int]:
    """(undo ms, fill ms, cells): a flood fill of a whole open 128x128 map, undone."""
    doc = MapDocument.new(SIZE, SIZE, catalog=load_catalog())
    history = History(doc)
    forest = doc.catalog.terrain_by_id("forest").index
    fills, undos = [], []
    cells = 0
    for _ in range(runs):
        start = time.perf_counter()
        edit = P.flood_fill(doc, 5, 5, forest)
        fills.append((time.perf_counter() - start) * 1e3)
        cells = len(edit)
        history.do(edit)
        undos.append(timed(history.undo))
        assert not doc.terrain.any()
    return undos, fills, cells


def record_times(doc: MapDocument, runs: int) -> dict[str, float]:
    """Medians of what the screen does after an edit, or now and then."""
    out: dict[str, list[float]] = {"problems": [], "to_doc": [], "autosave": []}
    with tempfile.TemporaryDirectory() as tmp:
        saver = Autosaver(Path(tmp))
        for _ in range(max(5, runs // 4)):
            out["problems"].append(timed(lambda: problems(doc)))
            out["to_doc"].append(timed(doc.to_doc))
            out["autosave"].append(timed(lambda: saver.save(doc)))
    return {k: statistics.median(v) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dabs", type=int, default=400, help="dabs in the timed stroke")
    parser.add_argument("--runs", type=int, default=40, help="timed flood-fill undos")
    args = parser.parse_args(argv)

    doc = big_doc()
    dab_times(big_doc(), 50, Symmetry.NONE)  # warm up
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        plain, plain_close, plain_cells = dab_times(doc, args.dabs, Symmetry.NONE)
        mirrored, mirrored_close, mirrored_cells = dab_times(big_doc(), args.dabs, Symmetry.BOTH)
        undos, fills, cells = undo_fill_times(max(10, args.runs))
    finally:
        if was_enabled:
            gc.enable()
    extra = record_times(doc, args.runs)

    def p95(samples: list[float]) -> float:
        return float(np.percentile(samples, 95))

    worst_dab = max(max(plain), max(mirrored), plain_close, mirrored_close)
    dab_ok = worst_dab < FRAME_MS
    undo_ok = max(undos) < UNDO_FILL_MS
    print(f"map {SIZE}x{SIZE}, {len(doc.units)} units, {len(doc.objects)} objects")
    for name, samples, close, changed in (
        ("5x5 brush dab", plain, plain_close, plain_cells),
        ("5x5 brush dab, 4-way symmetry", mirrored, mirrored_close, mirrored_cells),
    ):
        print(
            f"{name} (edit + apply + redraw data), {len(samples)} dabs "
            f"({changed} cells changed): median {statistics.median(samples):.3f} ms, "
            f"p95 {p95(samples):.3f} ms, max {max(samples):.3f} ms; "
            f"closing the stroke {close:.3f} ms"
        )
    print(f"target: every dab < {FRAME_MS:.0f} ms: {'PASS' if dab_ok else 'FAIL'}")
    print(
        f"undo of a whole-map flood fill ({cells} cells), {len(undos)} runs: "
        f"median {statistics.median(undos):.3f} ms, max {max(undos):.3f} ms "
        f"(the fill itself: median {statistics.median(fills):.2f} ms)"
    )
    print(f"target: undo < {UNDO_FILL_MS:.0f} ms: {'PASS' if undo_ok else 'FAIL'}")
    print(
        "for the record (medians): live problem list "
        f"{extra['problems']:.1f} ms, to_doc {extra['to_doc']:.1f} ms, "
        f"autosave {extra['autosave']:.1f} ms"
    )
    passed = dab_ok and undo_ok
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
