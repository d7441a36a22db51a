"""A headless look at the rules: the Alliance creeps towards the yard, turn by turn.

Every change goes through `Match.submit`, exactly as the screen and the AI will.
"""

from __future__ import annotations

from .core import actions as act
from .core.grid import distance
from .core.movement import reachable
from .match import Match
from .render.text import draw
from .scenario import find_scenario, load_scenario


def run_demo(scenario_name: str = "night-yard", seed: int = 1, turns: int = 3) -> Match:
    scenario = load_scenario(find_scenario(scenario_name))
    match = Match(scenario.new_state(seed), seed)
    player = match.state.sides[0].id
    print(f"{scenario.title}: {scenario.description}\n")
    goal = (match.state.grid.width // 2, match.state.grid.height // 2)
    for _ in range(turns):
        state = match.state
        print(f"Turn {state.turn}, {state.active_side.name} to act. As {player} sees it:")
        print(draw(state, player))
        for unit in list(state.units_of(state.active_side.id)):
            if state.active_side.id != player:
                break
            reach = reachable(state, unit)
            tiles = [p for p, _ in reach.tiles() if p != unit.pos]
            if not tiles:
                continue
            target = min(tiles, key=lambda p: (distance(p, goal), p))
            for event in match.submit(act.Move(unit=unit.id, path=tuple(reach.path_to(target)))):
                print("  ", event)
        for side in list(state.sides[state.active :]):
            for event in match.submit(act.EndTurn(side=side.id)):
                print("  ", event)
        print()
    print("Final board as", player, "sees it:")
    print(draw(match.state, player))
    print(f"\nstate hash {match.state.state_hash()[:16]} after {len(match.log)} actions")
    return match
