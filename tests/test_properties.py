"""Properties over random battles: legal play keeps the board sound; illegal play is
refused without changing anything."""

from __future__ import annotations

import random

import maps
from hypothesis import given, settings
from hypothesis import strategies as st

from alma_tactics.core import rules
from alma_tactics.core.actions import Action, EndTurn, Move
from alma_tactics.core.rules import IllegalAction
from alma_tactics.core.state import GameState

TERRAIN = "......,,T#H=n"
ALLIANCE_TYPES = ["marine", "elf", "sniper", "scout_mech"]
CALENDREA_TYPES = ["soldier", "sentry", "brute", "tower_guard"]
MARKERS = "abcdefgijklm"


def random_battle(seed: int) -> GameState:
    """A small random map with a handful of units of each side, none overlapping."""
    rng = random.Random(seed)
    cat = maps.catalog()
    width, height = rng.randint(6, 16), rng.randint(5, 12)
    rows = [[rng.choice(TERRAIN) for _ in range(width)] for _ in range(height)]
    units: dict[str, tuple] = {}
    taken: set[tuple[int, int]] = set()
    for n, marker in enumerate(MARKERS[: rng.randint(2, len(MARKERS))]):
        side = "alliance" if n % 2 == 0 else "calendrea"
        type_id = rng.choice(ALLIANCE_TYPES if side == "alliance" else CALENDREA_TYPES)
        size = cat.units[type_id].size
        for _ in range(20):
            x, y = rng.randrange(width - size + 1), rng.randrange(height - size + 1)
            tiles = [(x + dx, y + dy) for dy in range(size) for dx in range(size)]
            if any(t in taken or rows[t[1]][t[0]] == "#" for t in tiles):
                continue
            under = rows[y][x]
            rows[y][x] = marker
            units[marker] = (type_id, side, under)
            taken.update(tiles)
            break
    return maps.make_state(
        ["".join(r) for r in rows],
        units,
        ambient=rng.choice(["day", "night", "dusk"]),
        seed=seed,
        cat=cat,
    )


def random_legal_action(state: GameState, rng: random.Random) -> Action:
    side = state.active_side.id
    mine = [u for u in state.units.values() if u.side == side and u.on_map]
    if not mine or rng.random() < 0.08:
        return EndTurn(side=side)
    options = rules.legal_actions(state, rng.choice(mine))
    return options[rng.randrange(len(options))]


def board_problems(state: GameState) -> list[str]:
    problems = []
    owner: dict[tuple[int, int], str] = {}
    for unit in state.units.values():
        if unit.hp < 0:
            problems.append(f"{unit.id} has {unit.hp} hp")
        if unit.ap < 0:
            problems.append(f"{unit.id} has {unit.ap} AP")
        if not unit.on_map or getattr(unit, "mounted_on", ""):
            continue
        for tile in unit.footprint(state.size(unit)):
            if not state.grid.passable(tile):
                problems.append(f"{unit.id} stands on {tile}, off the map or impassable")
            if tile in owner:
                problems.append(f"{unit.id} and {owner[tile]} both stand on {tile}")
            owner[tile] = unit.id
    return problems


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))
def test_random_legal_play_keeps_the_board_sound(map_seed, play_seed) -> None:
    state = random_battle(map_seed)
    assert board_problems(state) == []
    rng = random.Random(play_seed)
    for _ in range(30):
        if state.winner:
            break
        action = random_legal_action(state, rng)
        assert rules.check(state, action) is None
        rules.apply(state, action)
        problems = board_problems(state)
        assert problems == [], f"after {action}:\n{maps.show(maps.draw(state))}"


def illegal_variants(state: GameState, rng: random.Random) -> list[Action]:
    """Actions that no rule allows in `state`, made by spoiling legal ones."""
    side = state.active_side.id
    others = [s.id for s in state.sides if s.id != side]
    bad: list[Action] = [EndTurn(side=s) for s in others]
    bad.append(Move(unit="nobody", path=((0, 0),)))
    waiting = [u for u in state.units.values() if u.side != side]
    for unit in waiting:
        bad.append(Move(unit=unit.id, path=((unit.x + 1, unit.y),)))
    for unit in [u for u in state.units.values() if u.side == side and u.on_map]:
        moves = [a for a in rules.legal_actions(state, unit) if isinstance(a, Move)]
        x, y = unit.pos
        bad += [
            Move(unit=unit.id, path=()),
            Move(unit=unit.id, path=((True, False),)),
            Move(unit=unit.id, path=(("1", "0"),)),
            Move(unit=unit.id, path=((x, y),)),  # a step that goes nowhere
            Move(unit=unit.id, path=((-1, y),)),
            Move(unit=unit.id, path=((x, state.grid.height),)),
        ]
        if moves:
            move = rng.choice(moves)
            path = list(move.path)
            jump = (path[-1][0] + 2, path[-1][1])
            bad.append(Move(unit=unit.id, path=tuple(path + [jump])))
            bad.append(Move(unit=unit.id, path=tuple(path + [path[-1]])))
            step = path[0]
            there_and_back = [step, (x, y)] * (unit.ap // 4 + 1)
            bad.append(Move(unit=unit.id, path=tuple(there_and_back)))
    return bad


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))
def test_illegal_actions_are_refused_and_change_nothing(map_seed, play_seed) -> None:
    state = random_battle(map_seed)
    rng = random.Random(play_seed)
    for _ in range(rng.randint(0, 12)):
        if state.winner:
            return
        rules.apply(state, random_legal_action(state, rng))
    before = state.state_hash()
    for action in illegal_variants(state, rng):
        why = rules.check(state, action)
        assert why is not None, action
        try:
            rules.apply(state, action)
        except IllegalAction as refused:
            assert refused.why == why
        else:
            raise AssertionError(f"{action} was applied")
        assert state.state_hash() == before, action
