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

from alma_tactics.ai import AiPlayer
from alma_tactics.content import load_catalog
from alma_tactics.match import Match
from alma_tactics.match.saves import load_save, write_save
from alma_tactics.scenario import build_state, find_scenario, load_scenario


def thirty_turns() -> Match:
    """A four-target assault played by the computer for 30 turns: the scenario's own
    turn-19 deadline and its victory triggers are dropped so the game runs that long."""
    scenario = load_scenario(find_scenario("four-target-assault"))
    doc = dict(scenario.doc)
    doc["trigger"] = [t for t in doc.get("trigger", []) if not _ends_battle(t)]
    state = build_state(load_catalog(), doc, 1)
    match = Match(state, 1, scenario_doc=doc, scenario_name=scenario.name, undo=False)
    players = {s.id: AiPlayer(s.id) for s in match.state.sides}
    while match.state.turn <= 30 and not match.state.winner:
        match.submit(players[match.state.active_side.id].next_action(match.state))
    return match


def _ends_battle(trigger: dict) -> bool:
    return any("victory" in e or "defeat" in e for e in trigger.get("then", []))


def main(argv: list[str] | None = None) -> int:
    match = thirty_turns()
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
