"""`rules.check` names why an action is illegal, and `rules.apply` refuses it unchanged."""

from __future__ import annotations

import maps
import pytest

from alma_tactics.core import rules
from alma_tactics.core.actions import Action, EndTurn, Move, Turn
from alma_tactics.core.rules import IllegalAction, Why

ROWS = [
    "a.#....",
    "b.#....",
    ".......",
    "......e",
]
UNITS = {"a": ("marine", "alliance"), "b": ("marine", "alliance"), "e": ("soldier", "calendrea")}


def yard():
    return maps.make_state(ROWS, UNITS)


def dead(state):
    state.units["b"].hp = 0
    state.units_changed()
    return state


def tired(state):
    state.units["a"].ap = 1
    return state


CASES = [
    ("not your turn: enemy unit", Move(unit="e", path=((5, 3),)), None, Why.NOT_YOUR_TURN),
    ("not your turn: end turn", EndTurn(side="calendrea"), None, Why.NOT_YOUR_TURN),
    ("unknown unit", Move(unit="zz", path=((1, 0),)), None, Why.NO_SUCH_UNIT),
    ("unit id not a string", Move(unit=3, path=((1, 0),)), None, Why.MALFORMED),
    ("dead unit", Move(unit="b", path=((1, 1),)), dead, Why.DEAD),
    ("out of AP", Move(unit="a", path=((1, 0),)), tired, Why.OUT_OF_AP),
    (
        "too far for the AP",
        Move(unit="a", path=tuple((1, y) for y in range(1, 4))),
        tired,
        Why.OUT_OF_AP,
    ),
    ("step into a wall", Move(unit="a", path=((1, 0), (2, 0))), None, Why.BLOCKED),
    ("step off the map", Move(unit="a", path=((-1, 0),)), None, Why.BLOCKED),
    ("ends on a friend", Move(unit="a", path=((1, 0), (0, 1))), None, Why.OCCUPIED),
    ("non-adjacent step", Move(unit="a", path=((1, 0), (1, 2))), None, Why.BLOCKED),
    ("standing-still step", Move(unit="a", path=((0, 0),)), None, Why.BLOCKED),
    ("path is a string", Move(unit="a", path="1,0"), None, Why.MALFORMED),
    ("path holds bools", Move(unit="a", path=((True, False),)), None, Why.MALFORMED),
    ("path holds floats", Move(unit="a", path=((1.0, 0),)), None, Why.MALFORMED),
    ("path step of three", Move(unit="a", path=((1, 0, 0),)), None, Why.MALFORMED),
    ("path is empty", Move(unit="a", path=()), None, Why.MALFORMED),
    ("path is not a sequence", Move(unit="a", path=5), None, Why.MALFORMED),
    ("facing out of range", Turn(unit="a", facing=8), None, Why.MALFORMED),
    ("facing is a bool", Turn(unit="a", facing=True), None, Why.MALFORMED),
    ("facing unchanged", Turn(unit="a", facing=0), None, Why.ALREADY),
    (
        "turn without AP",
        Turn(unit="a", facing=2),
        lambda s: (setattr(s.units["a"], "ap", 0), s)[1],
        Why.OUT_OF_AP,
    ),
    ("end turn side not a string", EndTurn(side=0), None, Why.MALFORMED),
]


@pytest.mark.parametrize(
    ("action", "setup", "why"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_check_names_the_reason_and_apply_changes_nothing(action, setup, why) -> None:
    state = yard()
    if setup:
        state = setup(state)
    before = state.state_hash()
    assert rules.check(state, action) == why
    with pytest.raises(IllegalAction) as raised:
        rules.apply(state, action)
    assert raised.value.why == why
    assert raised.value.action == action
    assert state.state_hash() == before


def test_a_legal_move_passes_check_and_walks() -> None:
    state = yard()
    move = Move(unit="a", path=((1, 0), (1, 1)))
    assert rules.check(state, move) is None
    rules.apply(state, move)
    assert state.units["a"].pos == (1, 1)
    assert state.units["a"].ap == state.utype(state.units["a"]).ap - 4


def test_an_unknown_action_type_is_malformed() -> None:
    class Dance(Action):
        pass

    state = yard()
    assert rules.check(state, Dance()) == Why.MALFORMED


def test_nothing_is_legal_once_the_battle_is_won() -> None:
    state = yard()
    state.winner = "alliance"
    assert rules.check(state, Move(unit="a", path=((1, 0),))) == Why.BATTLE_OVER
    assert rules.check(state, EndTurn(side="alliance")) == Why.BATTLE_OVER


def test_a_unit_of_the_wrong_side_may_not_turn() -> None:
    state = yard()
    assert rules.check(state, Turn(unit="e", facing=3)) == Why.NOT_YOUR_TURN
    rules.apply(state, EndTurn(side="alliance"))
    assert rules.check(state, Turn(unit="e", facing=3)) is None
    assert rules.check(state, Turn(unit="a", facing=3)) == Why.NOT_YOUR_TURN
