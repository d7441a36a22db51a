"""The occupancy map patched step by step equals one rebuilt from scratch.

Walks patch `GameState.occupancy` in place (`unit_moved`); squads cross each other's
tiles, and a 2x2 brute overlaps several men at once, so the patch must list the same
unit on each shared tile that a rebuild would (the later one in `units` order).
"""

from __future__ import annotations

import maps
from hypothesis import given, settings
from hypothesis import strategies as st

from alma_tactics.core.grid import DIRECTIONS
from alma_tactics.core.movement import path_cost, step_cost

ROWS = [
    "a.b.c...",
    "........",
    "..d.....",
    "........",
    "....,,..",
    "....,,..",
]
UNITS = {
    "a": ("marine", "alliance"),
    "b": ("marine", "alliance"),
    "c": ("elf", "alliance"),
    "d": ("brute", "alliance"),
}


def _rebuilt(state):
    """(tile -> unit id, shared tile -> unit ids) from a fresh rebuild."""
    saved = dict(state.cache)
    state.cache.pop("occupancy", None)
    table = {tile: u.id for tile, u in state.occupancy().items()}
    shared = {tile: [u.id for u in us] for tile, us in state.cache["occupancy_shared"].items()}
    state.cache.clear()
    state.cache.update(saved)
    return table, shared


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 7)), max_size=40))
def test_patched_occupancy_equals_a_rebuild(steps) -> None:
    state = maps.make_state(ROWS, UNITS)
    state.occupancy()
    for uid, direction in steps:
        unit = state.units[uid]
        dx, dy = DIRECTIONS[direction]
        size = state.size(unit)
        x, y = unit.x + dx, unit.y + dy
        if not (0 <= x <= state.grid.width - size and 0 <= y <= state.grid.height - size):
            continue
        old = unit.pos
        unit.x, unit.y = x, y
        state.unit_moved(unit, old)
        patched = {tile: u.id for tile, u in state.occupancy().items()}
        shared = {t: [u.id for u in us] for t, us in state.cache["occupancy_shared"].items()}
        assert (patched, shared) == _rebuilt(state)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from("abcd"), st.integers(0, 7), st.integers(0, 7), st.integers(0, 5))
def test_a_steps_cost_is_the_paths_cost(uid, direction, x, y) -> None:
    """What a walk pays per step (`step_cost`) is what `check` priced (`path_cost`)."""
    state = maps.make_state(ROWS, UNITS)
    unit = state.units[uid]
    unit.x, unit.y = x, y
    dx, dy = DIRECTIONS[direction]
    step = (x + dx, y + dy)
    expected = path_cost(state, unit, [step])
    if expected is not None:
        assert step_cost(state, unit, step) == expected
