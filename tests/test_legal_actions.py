"""`legal_actions` offers exactly what `check` allows, within the unit's AP."""

from __future__ import annotations

import heapq
import random

import maps
import pytest

from alma_tactics.core import rules
from alma_tactics.core.actions import EndTurn, Move, Turn
from alma_tactics.core.movement import path_cost, reachable

ROWS = [
    "..........##....",
    "..a..,,,..##..,.",
    "...b.,,,......c.",
    "..T....#####..H.",
    "..TT...#........",
    ".....d.#.......^",
    ".......#....^^^^",
]
UNITS = {
    "a": ("marine", "alliance"),
    "b": ("elf", "alliance"),
    "c": ("soldier", "calendrea"),
    "d": ("brute", "calendrea"),
}


def oracle(state, unit) -> dict[tuple[int, int], int]:
    """Reachable anchors and their AP cost, by a plain Dijkstra written for this test."""
    cat, grid = state.catalog, state.grid
    size = state.size(unit)
    seen_enemies = state.knowledge[unit.side].spotted
    blocked = set()
    others = set()
    for other in state.units.values():
        if other.on_map and other.id != unit.id:
            tiles = other.footprint(state.size(other))
            if other.id in seen_enemies:
                blocked.update(tiles)
            if other.id in seen_enemies or not state.are_enemies(unit.side, other.side):
                others.update(tiles)  # crossable (friends) but no place to stop

    def step_cost(pos):
        worst = 0
        for tile in unit.footprint(size, at=pos):
            if not grid.passable(tile) or tile in blocked:
                return 0
            worst = max(worst, int(grid.move_cost[tile[1], tile[0]]))
        return worst

    dist = {unit.pos: 0}
    queue = [(0, unit.pos)]
    while queue:
        d, here = heapq.heappop(queue)
        if d > dist[here] or d > unit.ap:
            continue
        for nxt in grid.neighbors(here):
            tile = step_cost(nxt)
            if tile == 0:
                continue
            diagonal = nxt[0] != here[0] and nxt[1] != here[1]
            nd = d + tile * (cat.step_diagonal if diagonal else cat.step_straight)
            if nd <= unit.ap and nd < dist.get(nxt, 1 << 30):
                dist[nxt] = nd
                heapq.heappush(queue, (nd, nxt))
    return {
        p: d
        for p, d in dist.items()
        if p != unit.pos and not any(t in others for t in unit.footprint(size, at=p))
    }


def moves_of(actions) -> dict:
    return {a.path[-1]: a for a in actions if isinstance(a, Move)}


@pytest.mark.parametrize("unit_id", ["a", "b", "c", "d"])
@pytest.mark.parametrize("ap", [0, 1, 2, 3, 7, 12, 24])
def test_moves_reach_exactly_the_tiles_within_ap(unit_id, ap) -> None:
    state = maps.make_state(ROWS, UNITS)
    unit = state.units[unit_id]
    if unit.side != state.active_side.id:
        rules.apply(state, EndTurn(side=state.active_side.id))
    unit.ap = ap
    expected = oracle(state, unit)
    moves = moves_of(rules.legal_actions(state, unit))
    assert set(moves) == set(expected)
    for end, move in moves.items():
        assert path_cost(state, unit, list(move.path)) == expected[end], end
    assert {p: c for p, c in reachable(state, unit).tiles() if p != unit.pos} == expected


def test_every_legal_action_passes_check_and_can_be_applied() -> None:
    state = maps.make_state(ROWS, UNITS)
    for unit_id in ("a", "b"):
        actions = rules.legal_actions(state, state.units[unit_id])
        assert actions
        for action in actions:
            assert rules.check(state, action) is None, action
            trial = state.clone()
            rules.apply(trial, action)


def test_end_turn_is_always_offered_to_the_active_side_only() -> None:
    state = maps.make_state(ROWS, UNITS)
    rng = random.Random(5)
    for _ in range(6):
        active = state.active_side.id
        for unit in state.units.values():
            offered = rules.legal_actions(state, unit)
            if unit.side == active:
                assert EndTurn(side=active) in offered
            else:
                assert offered == [], "the side that is waiting may do nothing"
        mine = [u for u in state.units.values() if u.side == active]
        unit = rng.choice(mine)
        unit.ap = 0
        tired = rules.legal_actions(state, unit)
        assert EndTurn(side=active) in tired
        assert not [a for a in tired if isinstance(a, Move | Turn)], "no AP, no moving"
        rules.apply(state, EndTurn(side=active))


def test_turns_are_offered_for_the_seven_other_facings() -> None:
    state = maps.make_state(ROWS, UNITS)
    turns = {a.facing for a in rules.legal_actions(state, state.units["a"]) if isinstance(a, Turn)}
    assert turns == set(range(1, 8))


def test_offered_moves_do_not_reveal_a_hidden_enemy() -> None:
    rows = [
        "a.........",
        ".....#....",
        ".....#.e..",
        ".....#....",
        "..........",
    ]
    with_enemy = maps.make_state(rows, {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")})
    assert "e" not in with_enemy.knowledge["alliance"].spotted
    without = maps.make_state([r.replace("e", ".") for r in rows], {"a": ("marine", "alliance")})
    offered = set(moves_of(rules.legal_actions(with_enemy, with_enemy.units["a"])))
    blind = set(moves_of(rules.legal_actions(without, without.units["a"])))
    assert (7, 2) in blind, "the enemy's tile is within reach"
    walk = moves_of(rules.legal_actions(without, without.units["a"]))[(7, 2)]
    assert rules.check(with_enemy, walk) is None, "check allows walking into the unseen enemy"
    assert offered == blind
