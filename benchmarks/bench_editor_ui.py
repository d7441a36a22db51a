"""How fast the map editor *screen* answers while painting a big map, frame by frame.

Run from the repository root:

    python -m benchmarks.bench_editor_ui [--frames 240] [--runs 3]

The real editor screen (SDL's dummy video driver, config and data folders in a
temporary directory) opens a generated 128x128 night map (walls, forest, 150 units,
lamps on generators). With the brush at 5x5 it is dragged across the view by posted
mouse events, one motion a frame, and each whole frame is timed as the app runs it
(`App.frame`: events, pygame_gui, the screen's update - the edit, the view's
terrain patch, the problem check - and the drawing, then the flip):

- painting frames: median and 95th percentile, target < 16 ms (the slowest frame is
  shown too);
- the frame that ends the stroke (mouse up);
- the frame that undoes (Ctrl+Z) a flood fill of the whole 128x128 map (16384
  cells) and redraws it, target < 50 ms.

Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

FRAME_MS = 16.0
UNDO_FILL_MS = 50.0
SIZE = 128


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def run(frames_per_run: int, runs: int) -> dict[str, list[float]]:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ALMA_TACTICS_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["ALMA_TACTICS_DATA_DIR"] = str(Path(tmp) / "data")
        import numpy as np
        import pygame

        from alma_tactics.editor import painting
        from alma_tactics.scenario import save_scenario
        from alma_tactics.ui.app import App
        from alma_tactics.ui.driver import DT, frames

        from .bench_scenario import synthetic_doc

        path = Path(tmp) / "big.toml"
        save_scenario(synthetic_doc(SIZE, SIZE, units=150), path)
        app = App()
        results: dict[str, list[float]] = {"paint": [], "release": [], "undo_fill": []}
        try:
            app.start(app.editor_screen(path))
            frames(app, 5)
            editor = app.screen
            assert editor.session.doc.size == (SIZE, SIZE)
            post = pygame.event.post
            Event = pygame.event.Event

            def timed_frame() -> float:
                start = time.perf_counter()
                app.frame(DT)
                return (time.perf_counter() - start) * 1e3

            def key(k: int, mod: int = 0) -> None:
                post(Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
                post(Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))

            key(pygame.K_b)
            for _ in range(4):
                key(pygame.K_RIGHTBRACKET)
            frames(app, 3)
            assert editor.tool == "brush" and editor.brush_size == 5
            wall = app.catalog.terrain_by_id("wall").index
            editor.set_terrain(wall)
            view = editor.map_rect
            rng = np.random.default_rng(1)
            gc.collect()
            gc.disable()
            try:
                for run_index in range(runs):
                    # a wandering drag over the view, a few tiles a frame
                    x, y = view.center
                    tp = editor.camera.tile_px
                    post(Event(pygame.MOUSEMOTION, pos=(x, y), rel=(0, 0), buttons=(0, 0, 0)))
                    post(Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1))
                    timed_frame()
                    for _ in range(frames_per_run):
                        nx = int(np.clip(x + rng.integers(-3, 4) * tp, view.x + 5, view.right - 5))
                        ny = int(np.clip(y + rng.integers(-3, 4) * tp, view.y + 5, view.bottom - 5))
                        post(
                            Event(
                                pygame.MOUSEMOTION,
                                pos=(nx, ny),
                                rel=(nx - x, ny - y),
                                buttons=(1, 0, 0),
                            )
                        )
                        x, y = nx, ny
                        results["paint"].append(timed_frame())
                    post(Event(pygame.MOUSEBUTTONUP, pos=(x, y), button=1))
                    results["release"].append(timed_frame())
                    gc.enable()
                    frames(app, 30)  # the problem check of the finished stroke lands
                    gc.collect()
                    gc.disable()
                    # a flood fill of the whole map, then its undo
                    # one kind everywhere first, so that the fill reaches every cell
                    editor.session.do(painting.brush(editor.session.doc, 0, 0, 0, SIZE * 2))
                    frames(app, 3)
                    key(pygame.K_f)
                    frames(app, 2)
                    editor.set_terrain(app.catalog.terrain_by_id("rough").index)
                    cx, cy = view.center
                    post(Event(pygame.MOUSEMOTION, pos=(cx, cy), rel=(0, 0), buttons=(0, 0, 0)))
                    post(Event(pygame.MOUSEBUTTONDOWN, pos=(cx, cy), button=1))
                    post(Event(pygame.MOUSEBUTTONUP, pos=(cx, cy), button=1))
                    frames(app, 3)
                    filled = int((editor.session.doc.terrain == editor.terrain).sum())
                    assert filled == SIZE * SIZE, filled
                    key(pygame.K_z, pygame.KMOD_CTRL)
                    results["undo_fill"].append(timed_frame())
                    assert not (editor.session.doc.terrain == editor.terrain).any()
                    editor.session.undo()  # and the clearing brush: the map as it was
                    frames(app, 3)
                    key(pygame.K_b)
                    frames(app, 2)
                    editor.set_terrain(wall)
                    if run_index == 0:
                        pygame.image.save(app.window, str(Path(tmp) / "shot.png"))
            finally:
                gc.enable()
        finally:
            app.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=240, help="painting frames per run")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    results = run(args.frames, args.runs)
    paint = results["paint"]
    median, p95 = statistics.median(paint), _percentile(paint, 0.95)
    release = max(results["release"])
    undo = max(results["undo_fill"])
    ok_paint = p95 < FRAME_MS and median < FRAME_MS
    ok_undo = undo < UNDO_FILL_MS
    print(f"map editor screen, {SIZE}x{SIZE} map, 5x5 brush, {len(paint)} painting frames")
    print(
        f"  painting frame: median {median:.2f} ms, p95 {p95:.2f} ms, slowest {max(paint):.2f} ms"
        f"  (target < {FRAME_MS:.0f} ms)  {'PASS' if ok_paint else 'FAIL'}"
    )
    print(f"  stroke end (mouse up) frame: slowest {release:.2f} ms")
    print(
        f"  undo of a {SIZE}x{SIZE} flood fill, frame: slowest {undo:.2f} ms"
        f"  (target < {UNDO_FILL_MS:.0f} ms)  {'PASS' if ok_undo else 'FAIL'}"
    )
    passed = ok_paint and ok_undo
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
