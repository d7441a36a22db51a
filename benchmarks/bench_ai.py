"""Speed of the computer players, and the balance of the story battles.

Run from the repository root: `python -m benchmarks.bench_ai [--games N]`. Figures
(the AI issue's targets):

- one Calendrea turn in the outpost raid (thinking and applying): median <= 150 ms;
- 100 AI units against 100 on a 128x128 map: a whole side's turn <= 1 s at the
  95th percentile, and no single decision over 100 ms;
- the four-target assault's Calendrea turn <= 1 s;
- a whole outpost raid, computer against computer: <= 10 s;
- balance over N seeds (default 50): the Alliance wins the outpost raid in 35-80 %
  of games with a stealthy start (no alarm before the breach) in at least 25 %;
  in the four-target assault the main base sends reinforcements in every game where
  the diversions attack, and the Alliance wins 30-80 %.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from alma_tactics.ai import AiPlayer
from alma_tactics.ai.simulate import play_many
from alma_tactics.core.actions import EndTurn
from alma_tactics.match import Match
from alma_tactics.scenario import find_scenario, load_scenario

from .common import build_state


def side_turns(match: Match, side: str, turns: int) -> tuple[list[float], list[float]]:
    """Play `turns` rounds with the AI on every side; time `side`'s whole turns and
    each of its single decisions (seconds)."""
    players = {s.id: AiPlayer(s.id) for s in match.state.sides}
    whole: list[float] = []
    started = None
    last_turn = match.state.turn
    while not match.state.winner and match.state.turn < last_turn + turns:
        active = match.state.active_side.id
        if active == side and started is None:
            started = time.perf_counter()
        action = players[active].next_action(match.state)
        match.submit(action)
        if active == side and isinstance(action, EndTurn):
            whole.append(time.perf_counter() - started)
            started = None
    return whole, players[side].timings


def scenario_match(name: str, seed: int = 1) -> Match:
    scenario = load_scenario(find_scenario(name))
    return Match(scenario.new_state(seed), seed, scenario_doc=scenario.doc, undo=False)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def row(name: str, value: str, target: str, ok: bool) -> bool:
    print(f"{name:52} {value:>22}  {target:24} {'PASS' if ok else 'FAIL'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=50, help="seeds for the balance figures")
    parser.add_argument("--skip-balance", action="store_true")
    args = parser.parse_args(argv)
    ok = True

    whole, _ = side_turns(scenario_match("outpost-raid"), "calendrea", 10)
    median = statistics.median(whole) * 1e3
    ok &= row(
        "outpost raid: one Calendrea turn", f"{median:.1f} ms median", "<= 150 ms", median <= 150
    )

    big = build_state(size=128, units_per_side=100, lights=10, smoke_clouds=2)
    for unit in big.units.values():
        unit.alertness = "alert"
    whole, single = side_turns(Match(big, 1, undo=False), "calendrea", 3)
    ok &= row(
        "100 vs 100, 128x128: a side's turn", f"{p95(whole):.2f} s p95", "<= 1 s", p95(whole) <= 1
    )
    worst = max(single) * 1e3
    ok &= row("100 vs 100: slowest single decision", f"{worst:.1f} ms", "<= 100 ms", worst <= 100)

    whole, _ = side_turns(scenario_match("four-target-assault"), "calendrea", 4)
    ok &= row(
        "four-target assault: a Calendrea turn",
        f"{p95(whole):.2f} s p95",
        "<= 1 s",
        p95(whole) <= 1,
    )

    started = time.perf_counter()
    from alma_tactics.ai.simulate import play

    result = play("outpost-raid", 1).result
    took = time.perf_counter() - started
    ok &= row(
        "a whole outpost raid, computer vs computer",
        f"{took:.2f} s, {result['turns']} turns",
        "<= 10 s",
        took <= 10,
    )

    if not args.skip_balance:
        seeds = list(range(1, args.games + 1))
        raids = play_many("outpost-raid", seeds, workers=2)
        wins = sum(r["winner"] == "alliance" for r in raids) / len(raids)
        quiet = sum(r["stealthy"] for r in raids) / len(raids)
        ok &= row(
            f"outpost raid: Alliance wins ({len(raids)} seeds)",
            f"{wins:.0%}",
            "35-80 %",
            0.35 <= wins <= 0.80,
        )
        ok &= row(
            "outpost raid: no alarm before the breach", f"{quiet:.0%}", ">= 25 %", quiet >= 0.25
        )
        assaults = play_many("four-target-assault", seeds, workers=2)
        sent = sum(r["reinforcements_sent"] > 0 for r in assaults) / len(assaults)
        alliance = {"alliance", "arlana", "diversion_b", "diversion_c"}
        won = sum(r["winner"] in alliance for r in assaults) / len(assaults)
        ok &= row("four-target: reinforcements sent", f"{sent:.0%} of games", "100 %", sent == 1.0)
        ok &= row(
            f"four-target: Alliance wins ({len(assaults)} seeds)",
            f"{won:.0%}",
            "30-80 %",
            0.30 <= won <= 0.80,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
