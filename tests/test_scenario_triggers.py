"""Triggers from a scenario file fire in a built state, through the one doorway `rules.apply`."""

from __future__ import annotations

from pathlib import Path

from test_scenario_files import write

from alma_tactics.core import events as ev
from alma_tactics.core import rules
from alma_tactics.core.actions import EndTurn, Move
from alma_tactics.match import Match
from alma_tactics.scenario import load_scenario

FIELD = """\
[scenario]
title = "Trigger field"
description = "Open ground, one goal tile."
version = 1
ambient = "day"

[map]
width = 10
height = 5
rows = \"\"\"
..........
..........
..........
..........
..........
\"\"\"

[[side]]
id = "alliance"
faction = "alliance"

[[side]]
id = "calendrea"
faction = "calendrea"
controller = "ai"

[[unit]]
id = "m"
type = "marine"
side = "alliance"
at = [1, 1]

[[unit]]
id = "s"
type = "soldier"
side = "calendrea"
at = [9, 4]

[[area]]
id = "goal"
rect = [3, 1, 3, 1]

[[objective]]
id = "reach"
text = "Reach the goal"
side = "alliance"

[[trigger]]
id = "reached"
when = [{ enters = { side = "alliance", area = "goal" } }]
then = [{ objective = { id = "reach", status = "done" } }, { victory = "alliance" }]

[[trigger]]
id = "second_turn"
when = [{ turn = 2 }]
then = [
  { message = "Turn two." },
  { reinforce = { side = "calendrea", units = [{ type = "soldier", at = [9, 0], id = "late" }] } },
]
"""


def field_state(tmp_path: Path):
    return load_scenario(write(tmp_path, FIELD)).new_state(seed=2)


def test_entering_an_area_wins(tmp_path: Path) -> None:
    state = field_state(tmp_path)
    events = rules.apply(state, Move(unit="m", path=((2, 1),)))
    assert not state.winner and not any(isinstance(e, ev.TriggerFired) for e in events)
    events = rules.apply(state, Move(unit="m", path=((3, 1),)))
    fired = [e.trigger for e in events if isinstance(e, ev.TriggerFired)]
    assert fired == ["reached"]
    assert state.winner == "alliance"
    assert ev.BattleWon(side="alliance", reason="victory") in events
    assert ev.ObjectiveChanged(objective="reach", status="done") in events
    assert state.objectives[0]["status"] == "done"
    assert state.triggers[0]["fired"] is True


def test_a_turn_trigger_shows_its_message_and_reinforcements_arrive(tmp_path: Path) -> None:
    state = field_state(tmp_path)
    events = rules.apply(state, EndTurn(side="alliance"))
    assert not any(isinstance(e, ev.MessageShown) for e in events)
    events = rules.apply(state, EndTurn(side="calendrea"))
    assert state.turn == 2
    assert ev.MessageShown(text="Turn two.") in events
    arrived = [e for e in events if isinstance(e, ev.UnitArrived)]
    assert arrived == [ev.UnitArrived(unit="late", side="calendrea", x=9, y=0)]
    assert state.units["late"].type_id == "soldier" and state.units["late"].side == "calendrea"
    # fired once: the next turn brings no second wave
    rules.apply(state, EndTurn(side="alliance"))
    events = rules.apply(state, EndTurn(side="calendrea"))
    assert not any(isinstance(e, ev.UnitArrived) for e in events)
    assert [t["fired"] for t in state.triggers] == [False, True]


def test_triggers_replay_identically_in_a_match(tmp_path: Path) -> None:
    match = Match(field_state(tmp_path), seed=2)
    match.submit(EndTurn(side="alliance"))
    match.submit(EndTurn(side="calendrea"))
    match.submit(Move(unit="m", path=((2, 1), (3, 1))))  # stops when it spots the newcomer
    if match.state.units["m"].pos != (3, 1):
        match.submit(Move(unit="m", path=((3, 1),)))
    assert match.state.winner == "alliance"
    assert match.rebuild(match.log).state_hash() == match.state.state_hash()


HOLD = FIELD.replace(
    """[[area]]
id = "goal"
rect = [3, 1, 3, 1]
""",
    """[[area]]
id = "goal"
rect = [3, 1, 3, 1]

[[area]]
id = "west"
rect = [0, 3, 1, 4]

[[area]]
id = "east"
rect = [5, 3, 6, 4]
""",
).replace(
    """[[trigger]]
id = "reached"
when = [{ enters = { side = "alliance", area = "goal" } }]
then = [{ objective = { id = "reach", status = "done" } }, { victory = "alliance" }]
""",
    """[[trigger]]
id = "both_held"
when = [
  { held = { side = "alliance", area = "west", turns = 2 } },
  { held = { side = "alliance", area = "east", turns = 2 } },
]
then = [{ message = "Both held." }]

[[unit]]
id = "m2"
type = "marine"
side = "alliance"
at = [8, 1]
""",
)


def _turn(state) -> list[ev.Event]:
    """The Alliance ends its turn, the Calendrea theirs: one Alliance turn start."""
    return rules.apply(state, EndTurn(side="alliance")) + rules.apply(
        state, EndTurn(side="calendrea")
    )


def test_holding_two_areas_at_once_counts_each_area_separately(tmp_path: Path) -> None:
    """A trigger may ask for two areas held: each `held` keeps its own count, so holding
    one of them (however long) is not enough."""
    state = load_scenario(write(tmp_path, HOLD)).new_state(seed=2)
    m, m2 = state.units["m"], state.units["m2"]
    m.x, m.y = 1, 3  # in the west area; the east is empty
    state.units_changed()
    for _ in range(4):
        events = _turn(state)
        assert ev.MessageShown(text="Both held.") not in events
    assert state.triggers[0]["held"] >= 2 and state.triggers[0]["held.2"] == 0
    m2.x, m2.y = 6, 3  # now the east too
    state.units_changed()
    fired = []
    for _ in range(3):
        fired.append(ev.MessageShown(text="Both held.") in _turn(state))
    assert fired == [False, True, False], "two turns holding both, then once only"
