"""How fast the desktop game answers: start-up to the main menu, briefing to battle.

Run from the repository root:

    python -m benchmarks.bench_ui [--runs 7]

1. Start-up: a fresh Python process (SDL's dummy video driver, an empty config
   folder) imports `alma_tactics.ui.app`, opens the App and runs frames until the
   main menu is drawn and a posted click on "Settings" is answered. Timed from
   just before the process is spawned until it reports; median of the runs.
   Target: <= 1.5 s.
2. Briefing -> first battle frame: in one process, on each story battle's
   briefing, from pressing Start to the end of the first frame the battle screen
   draws. The first run in the process (cold: sprites, fonts) and the median of
   the runs after it. Target: both <= 1 s. Skipped (with a note) while
   `alma_tactics/ui/battle.py` does not exist.

Exits 1 if a figure misses its target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STARTUP_TARGET_S = 1.5
BATTLE_TARGET_S = 1.0
STORY = ("outpost-raid", "four-target-assault")

CHILD = """
import os, sys
from alma_tactics.ui.app import App
from alma_tactics.ui.driver import click

app = App()
app.start()
app.frame(1 / 60)
click(app, app.screen.buttons["Settings"], n=2)
assert type(app.screen).__name__ == "SettingsScreen", app.screen
sys.stdout.write("ready\\n")
sys.stdout.flush()
app.close()
"""


def startup_runs(runs: int) -> list[float]:
    samples = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.update(
            SDL_VIDEODRIVER="dummy",
            ALMA_TACTICS_CONFIG_DIR=str(Path(tmp) / "config"),
            ALMA_TACTICS_DATA_DIR=str(Path(tmp) / "data"),
            PYGAME_HIDE_SUPPORT_PROMPT="1",
        )
        for _ in range(runs):
            start = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, env=env, text=True
            )
            line = child.stdout.readline()
            took = time.perf_counter() - start
            child.wait(timeout=30)
            if line.strip() != "ready":
                raise SystemExit(f"the start-up child failed (exit {child.returncode})")
            samples.append(took)
    return samples


def battle_runs(runs: int) -> dict[str, list[float]]:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ALMA_TACTICS_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["ALMA_TACTICS_DATA_DIR"] = str(Path(tmp) / "data")
        from alma_tactics.scenario import find_scenario, load_scenario
        from alma_tactics.ui.app import App
        from alma_tactics.ui.driver import click, frames
        from alma_tactics.ui.menus import BriefingScreen

        app = App()
        try:
            results = {}
            for name in STORY:
                scenario = load_scenario(find_scenario(name), app.catalog)
                samples = []
                for _ in range(runs + 1):
                    app.start(BriefingScreen(app, scenario, seed=1))
                    frames(app, 2)
                    start = time.perf_counter()
                    click(app, app.screen.start, n=2)  # press, then the button's event
                    took = time.perf_counter() - start
                    if type(app.screen).__name__ != "BattleScreen":
                        raise SystemExit(f"Start did not open the battle: {app.screen}")
                    samples.append(took)
                results[name] = samples  # [0] is the cold run: fonts, sprites, caches
            return results
        finally:
            app.close()


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    runs = max(3, args.runs)
    ok = True

    samples = startup_runs(runs)
    median = statistics.median(samples)
    passed = median <= STARTUP_TARGET_S
    ok &= passed
    print(
        f"start-up to an interactive main menu, median of {runs} processes: {median:.2f} s "
        f"(min {min(samples):.2f}, max {max(samples):.2f}); "
        f"target <= {STARTUP_TARGET_S} s: {'PASS' if passed else 'FAIL'}"
    )

    from alma_tactics.ui.driver import battle_unavailable

    why = battle_unavailable()
    if why:
        print(f"briefing -> first battle frame: SKIPPED ({why})")
        return 0 if ok else 1
    for name, (cold, *times) in battle_runs(runs).items():
        median = statistics.median(times)
        passed = median <= BATTLE_TARGET_S and cold <= BATTLE_TARGET_S
        ok &= passed
        print(
            f"briefing -> first battle frame, {name}, median of {len(times)}: "
            f"{median * 1e3:.0f} ms (max {max(times) * 1e3:.0f} ms, first in the process "
            f"{cold * 1e3:.0f} ms); target <= {BATTLE_TARGET_S * 1e3:.0f} ms: "
            f"{'PASS' if passed else 'FAIL'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
