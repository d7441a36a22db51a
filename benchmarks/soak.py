"""Determinism soak: many computer-vs-computer games, saved, then replayed elsewhere.

Run from the repository root: `python -m benchmarks.soak [--games 200] [--turns 40]`.
Plays `--games` seeded games of each story battle on both cores, saves every one,
then replays every save in a fresh process with a different PYTHONHASHSEED and
checks each final state hash. Exits non-zero, naming the saves, if any differ.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

STORY_BATTLES = ("outpost-raid", "four-target-assault")

VERIFY = """
import sys
from alma_tactics.match.saves import SaveError, load_save
bad = 0
for path in sys.argv[1:]:
    try:
        ok = load_save(path).verified
    except SaveError as exc:
        ok = False
        print(path, exc)
    if not ok:
        bad += 1
        print("MISMATCH", path)
print(f"{len(sys.argv) - 1 - bad} of {len(sys.argv) - 1} saves replay to the same hash")
sys.exit(1 if bad else 0)
"""


def _play_and_save(job: tuple[str, int, int, str]) -> str:
    from alma_tactics.ai.simulate import play
    from alma_tactics.match.saves import write_save

    scenario, seed, turns, folder = job
    match = play(scenario, seed, turns).match
    path = Path(folder) / f"{scenario}-{seed}.json"
    write_save(match, path)
    return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=200, help="games of each story battle")
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="alma-soak-")
    jobs = [
        (scenario, seed, args.turns, folder)
        for scenario in STORY_BATTLES
        for seed in range(1, args.games + 1)
    ]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        saves = list(pool.map(_play_and_save, jobs))
    print(
        f"played and saved {len(saves)} games in {time.perf_counter() - started:.0f} s ({folder})"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4242"}  # another hash seed than ours
    halves = [saves[i :: args.workers] for i in range(args.workers)]
    procs = [
        subprocess.Popen([sys.executable, "-c", VERIFY, *half], env=env) for half in halves if half
    ]
    failed = sum(p.wait() != 0 for p in procs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
