"""Actions and events are plain data that survive JSON unchanged (saves, replays)."""

from __future__ import annotations

import json

import pytest

from alma_tactics.core import events as ev
from alma_tactics.core.actions import Action, EndTurn, Move, Turn
from alma_tactics.core.events import Event

ACTIONS = [
    Move(unit="m1", path=((1, 2), (2, 3), (3, 3))),
    Turn(unit="m1", facing=5),
    EndTurn(side="alliance"),
]

EVENTS = [
    ev.TurnStarted(side="calendrea", turn=2),
    ev.TurnEnded(side="alliance", turn=1),
    ev.UnitMoved(unit="m1", path=((1, 2), (2, 2)), ap_spent=4),
    ev.MoveInterrupted(unit="m1", x=2, y=2, reason="enemy_spotted"),
    ev.UnitTurned(unit="m1", facing=3),
    ev.UnitSpotted(side="alliance", unit="s1", x=9, y=9),
    ev.UnitLost(side="alliance", unit="s1", x=9, y=8),
    ev.BattleWon(side="alliance", reason="all enemies down"),
]


def through_json(record) -> dict:
    return json.loads(json.dumps(record.to_dict()))


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: type(a).__name__)
def test_actions_round_trip_through_json(action) -> None:
    data = through_json(action)
    assert data["type"] == type(action).__name__
    again = Action.from_dict(data)
    assert again == action
    assert type(again) is type(action)
    assert hash(again) == hash(action)


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_events_round_trip_through_json(event) -> None:
    assert Event.from_dict(through_json(event)) == event


def test_a_path_given_as_lists_is_stored_as_tuples() -> None:
    move = Move(unit="m1", path=[[1, 2], [2, 2]])
    assert move.path == ((1, 2), (2, 2))
    assert move == Move(unit="m1", path=((1, 2), (2, 2)))


@pytest.mark.parametrize(
    "data",
    [
        {"type": "Teleport", "unit": "m1"},
        {"unit": "m1", "path": [[1, 1]]},
        {"type": 7},
        {"type": "UnitMoved", "unit": "m1", "path": [], "ap_spent": 0},  # an event, not an action
        {"type": "Move", "unit": "m1", "path": [[1, 1]], "speed": 3},
        {"type": "Move", "unit": "m1"},
        ["Move", "m1"],
    ],
)
def test_malformed_action_data_raises_value_error(data) -> None:
    with pytest.raises(ValueError):
        Action.from_dict(data)


def test_an_action_is_not_an_event() -> None:
    with pytest.raises(ValueError):
        Event.from_dict(EndTurn(side="alliance").to_dict())


def test_actions_and_events_of_every_rule_module_parse_without_importing_the_rules() -> None:
    """A save's log names actions (and events) that rule modules define; reading one
    must not depend on something else having imported those modules first."""
    import subprocess
    import sys

    code = (
        "from alma_tactics.core.actions import Action\n"
        "from alma_tactics.core.events import Event\n"
        "a = Action.from_dict({'type': 'Detonate', 'unit': 'm1', 'charge': 'c1'})\n"
        "e = Event.from_dict({'type': 'UnitDismounted', 'unit': 'r', 'brute': 'b',"
        " 'x': 1, 'y': 2})\n"
        "print(type(a).__name__, a.charge, type(e).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["Detonate", "c1", "UnitDismounted"]
