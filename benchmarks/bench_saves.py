"""Speed of saves: writing and loading (replaying) a 30-turn four-target assault.

Run from the repository root: `python -m benchmarks.bench_saves`. Targets (the
saves issue): saving <= 100 ms; loading, which replays the whole log through the
rules and checks the state hash, <= 1 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from alma_tactics.ai.simulate import play
from alma_tactics.match.saves import load_save, write_save


def main(argv: list[str] | None = None) -> int:
    match = play("four-target-assault", 1, turns=30).match
    folder = Path(tempfile.mkdtemp(prefix="alma-bench-"))
    path = folder / "game.json"
    saves, loads = [], []
    for _ in range(5):
        started = time.perf_counter()
        write_save(match, path)
        saves.append(time.perf_counter() - started)
    for _ in range(3):
        started = time.perf_counter()
        loaded = load_save(path)
        loads.append(time.perf_counter() - started)
        assert loaded.verified
    save_ms = statistics.median(saves) * 1e3
    load_s = statistics.median(loads)
    size = path.stat().st_size / 1024
    print(f"four-target assault, {match.state.turn} turns, {len(match.log)} actions, {size:.0f} KB")
    ok_save, ok_load = save_ms <= 100, load_s <= 1.0
    print(f"save {save_ms:8.1f} ms   target <= 100 ms  {'PASS' if ok_save else 'FAIL'}")
    print(f"load {load_s * 1e3:8.1f} ms   target <= 1000 ms {'PASS' if ok_load else 'FAIL'}")
    return 0 if ok_save and ok_load else 1


if __name__ == "__main__":
    sys.exit(main())
