"""Speed of the combat rules: hit chances for every pair, and a whole side's turn.

Run from the repository root: `python -m benchmarks.bench_combat [--runs N] [--json FILE]`.
Figures (the combat issue's targets):

- `hit_chance` for every shooter-target pair of two 50-unit sides: <= 20 ms in total
  (the line-cover cache is cleared before every run, so each run starts cold);
- a full enemy turn of rules work with no AI thinking, 50 units each moving and
  shooting through `rules.apply`: <= 50 ms.
"""

from __future__ import annotations

import argparse
import json
import sys

from alma_tactics.core import combat, rules
from alma_tactics.core.actions import Action, Move, Shoot
from alma_tactics.core.grid import distance
from alma_tactics.core.movement import reachable
from alma_tactics.core.state import GameState

from .bench_core import Figure, print_table
from .common import build_state, interleaved


def battle(seed: int = 2) -> GameState:
    """Two 50-unit sides close enough that most pairs are within rifle range."""
    return build_state(
        size=40,
        units_per_side=50,
        mixed=False,
        lights=4,
        smoke_clouds=1,
        towers=2,
        seed=seed,
        ambient="day",
    )


def bench_hit_chances(runs: int) -> Figure:
    state = battle()
    shooters = state.units_of("alliance")
    targets = state.units_of("calendrea")
    in_range = sum(1 for a in shooters for b in targets if distance(a.pos, b.pos) <= 20)

    def cold() -> None:
        state.cache.pop("cover_rows", None)

    def body() -> None:
        for shooter in shooters:
            for target in targets:
                combat.hit_chance(state, shooter, target, "snap")

    result = interleaved({"ours": (cold, body)}, runs=runs)["ours"]
    return Figure(
        "hit_chance: 50 x 50 pairs",
        result,
        None,
        "<=20 ms",
        result.median_ms <= 20.0,
        note=f"{len(shooters) * len(targets)} pairs, {in_range} within rifle range",
    )


def plan_turn(state: GameState) -> list[Action]:
    """For each active unit: a short legal move, then a shot at an enemy it sees."""
    scratch = state.clone()
    from alma_tactics.core import sight

    sight.refresh(scratch)
    actions: list[Action] = []
    side = scratch.active_side.id
    for unit in list(scratch.units_of(side)):
        reach = reachable(scratch, unit, 6)
        tiles = sorted(t for t, _ in reach.tiles() if t != unit.pos)
        if tiles:
            move = Move(unit.id, tuple(reach.path_to(tiles[len(tiles) // 2])))
            if rules.check(scratch, move) is None:
                rules.apply(scratch, move)
                actions.append(move)
        for enemy in sorted(scratch.units_of("calendrea"), key=lambda e: distance(unit.pos, e.pos)):
            shot = Shoot(unit.id, enemy.id, "assault_rifle", "snap")
            if rules.check(scratch, shot) is None:
                rules.apply(scratch, shot)
                actions.append(shot)
                break
    return actions


def bench_turn(runs: int) -> Figure:
    state = battle()
    actions = plan_turn(state)
    moves = sum(isinstance(a, Move) for a in actions)
    shots = len(actions) - moves
    box: dict = {}

    def fresh() -> None:
        copy = state.clone()
        from alma_tactics.core import sight

        sight.refresh(copy)
        box["state"] = copy

    def body() -> None:
        copy = box["state"]
        for action in actions:
            rules.apply(copy, action)

    result = interleaved({"ours": (fresh, body)}, runs=runs, warmup=3)["ours"]
    return Figure(
        "turn: 50 units move and shoot",
        result,
        None,
        "<=50 ms",
        result.median_ms <= 50.0,
        note=f"{moves} moves and {shots} shots through rules.apply",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    runs = max(30, args.runs)
    figures = [bench_hit_chances(runs), bench_turn(runs)]
    print_table(figures)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"figures": [f.row() for f in figures]}, out, indent=2)
    return 0 if all(f.passed for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
