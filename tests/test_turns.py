"""Turn order: I-go-you-go; the turn number counts rounds; AP refill on a side's turn."""

from __future__ import annotations

import maps
import pytest

from alma_tactics.core import events as ev
from alma_tactics.core import rules
from alma_tactics.core.actions import EndTurn, Move
from alma_tactics.core.rules import Why
from alma_tactics.core.units import Side

ROWS = ["a....", ".....", "....e"]
UNITS = {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")}


def test_end_turn_passes_to_the_next_side_and_counts_rounds() -> None:
    state = maps.make_state(ROWS, UNITS)
    assert (state.turn, state.active_side.id) == (1, "alliance")
    events = rules.apply(state, EndTurn(side="alliance"))
    assert events[:2] == [
        ev.TurnEnded(side="alliance", turn=1),
        ev.TurnStarted(side="calendrea", turn=1),
    ]
    assert (state.turn, state.active_side.id) == (1, "calendrea")
    events = rules.apply(state, EndTurn(side="calendrea"))
    assert ev.TurnStarted(side="alliance", turn=2) in events
    assert (state.turn, state.active_side.id) == (2, "alliance")


def test_three_sides_take_turns_in_order() -> None:
    sides = maps.default_sides() + [Side(id="rebels", name="Rebels", faction="alliance", team="x")]
    state = maps.make_state(ROWS, UNITS, sides=sides)
    order = []
    for _ in range(7):
        order.append((state.turn, state.active_side.id))
        rules.apply(state, EndTurn(side=state.active_side.id))
    assert order == [
        (1, "alliance"),
        (1, "calendrea"),
        (1, "rebels"),
        (2, "alliance"),
        (2, "calendrea"),
        (2, "rebels"),
        (3, "alliance"),
    ]


def test_ap_is_refilled_only_for_the_side_whose_turn_starts() -> None:
    state = maps.make_state(ROWS, UNITS)
    a, e = state.units["a"], state.units["e"]
    rules.apply(state, Move(unit="a", path=((1, 0), (2, 0))))
    assert a.ap == 20
    e.ap = 5
    rules.apply(state, EndTurn(side="alliance"))
    assert e.ap == state.utype(e).ap, "the side whose turn starts is refilled"
    assert a.ap == 20, "the side that just ended keeps what it had"
    rules.apply(state, EndTurn(side="calendrea"))
    assert a.ap == state.utype(a).ap


def test_timed_conditions_count_down_at_the_start_of_the_units_turn() -> None:
    state = maps.make_state(ROWS, UNITS)
    state.units["e"].status.update({"stunned": 2, "marked": 0})
    rules.apply(state, EndTurn(side="alliance"))
    status = state.units["e"].status
    assert (status.get("stunned"), status.get("marked")) == (1, 0)
    assert rules.check(state, Move(unit="e", path=((3, 2),))) == Why.STUNNED
    rules.apply(state, EndTurn(side="calendrea"))
    rules.apply(state, EndTurn(side="alliance"))
    assert "stunned" not in status and status.get("marked") == 0, "0 lasts until removed"


@pytest.mark.parametrize("side", ["calendrea", "nobody"])
def test_only_the_active_side_can_end_the_turn(side) -> None:
    state = maps.make_state(ROWS, UNITS)
    assert rules.check(state, EndTurn(side=side)) == Why.NOT_YOUR_TURN
