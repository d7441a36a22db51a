"""A match: submit through the rules, undo what revealed nothing, replay the log."""

from __future__ import annotations

import json

import maps
import pytest

from alma_tactics.core import events as ev
from alma_tactics.core.actions import EndTurn, Move, Turn
from alma_tactics.core.rules import IllegalAction, Why
from alma_tactics.match import Match

CORRIDOR = [
    "#######",
    "a.....#",
    "###.###",
    "###.###",
    "###e###",
]
UNITS = {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")}


def new_match(seed: int = 1) -> Match:
    return Match(maps.make_state(CORRIDOR, UNITS), seed=seed)


def test_undo_of_a_move_that_revealed_nothing_restores_the_exact_state() -> None:
    match = new_match()
    before = match.state.state_hash()
    move = Move(unit="a", path=((1, 1), (2, 1)))
    events = match.submit(move)
    assert not maps.of_type(events, ev.UnitSpotted)
    assert match.state.state_hash() != before
    assert match.log == [move] and match.can_undo()
    assert match.undo() == move
    assert match.state.state_hash() == before
    assert match.log == [] and match.history == []
    assert not match.can_undo()
    assert match.state.units["a"].pos == (0, 1)


def test_several_quiet_actions_undo_one_by_one() -> None:
    match = new_match()
    hashes = [match.state.state_hash()]
    for action in (
        Move(unit="a", path=((1, 1),)),
        Turn(unit="a", facing=4),
        Move(unit="a", path=((2, 1),)),
    ):
        match.submit(action)
        hashes.append(match.state.state_hash())
    for expected in reversed(hashes[:-1]):
        match.undo()
        assert match.state.state_hash() == expected
    with pytest.raises(IllegalAction) as refused:
        match.undo()
    assert refused.value.why == Why.NOT_ALLOWED


def test_undo_is_refused_after_a_move_that_spotted_an_enemy() -> None:
    match = new_match()
    match.submit(Move(unit="a", path=((1, 1),)))
    assert match.can_undo()
    events = match.submit(Move(unit="a", path=((2, 1), (3, 1))))
    assert ev.UnitSpotted(side="alliance", unit="e", x=3, y=4) in events
    assert not match.can_undo(), "information once given cannot be taken back"
    after = match.state.state_hash()
    with pytest.raises(IllegalAction):
        match.undo()
    assert match.state.state_hash() == after
    assert len(match.log) == 2


def test_undo_is_refused_after_the_turn_ends() -> None:
    match = new_match()
    match.submit(Move(unit="a", path=((1, 1),)))
    match.submit(EndTurn(side="alliance"))
    assert not match.can_undo()


def test_an_illegal_action_is_not_logged_and_changes_nothing() -> None:
    match = new_match()
    before = match.state.state_hash()
    with pytest.raises(IllegalAction):
        match.submit(Move(unit="a", path=((0, 2),)))
    assert match.log == [] and match.state.state_hash() == before


def test_a_match_rebuilt_by_replaying_its_log_has_the_same_hash() -> None:
    match = new_match(seed=9)
    for action in (
        Move(unit="a", path=((1, 1), (2, 1))),
        Turn(unit="a", facing=4),
        Move(unit="a", path=((3, 1), (4, 1))),  # stops at (3, 1): the soldier is spotted
        EndTurn(side="alliance"),
        Move(unit="e", path=((3, 3), (3, 2))),
        EndTurn(side="calendrea"),
        Move(unit="a", path=((4, 1), (5, 1))),
    ):
        match.submit(action)
    replayed = Match.replay(maps.make_state(CORRIDOR, UNITS), 9, list(match.log))
    assert replayed.state.state_hash() == match.state.state_hash()
    assert replayed.history == match.history
    assert match.rebuild(match.log).state_hash() == match.state.state_hash()


def test_the_seed_is_part_of_the_match() -> None:
    one, two = new_match(seed=1), new_match(seed=2)
    assert one.state.state_hash() != two.state.state_hash()
    assert new_match(seed=1).state.state_hash() == one.state.state_hash()


def test_a_snapshot_does_not_change_as_play_goes_on() -> None:
    match = new_match()
    snapshot = match.state.to_dict()
    text = json.dumps(snapshot, sort_keys=True)
    match.submit(Move(unit="a", path=((1, 1), (2, 1), (3, 1))))
    match.submit(EndTurn(side="alliance"))
    match.submit(EndTurn(side="calendrea"))
    assert json.dumps(snapshot, sort_keys=True) == text


def test_the_initial_state_never_changes_as_play_goes_on() -> None:
    """A save writes `match.initial`; rebuilds and replays start from it."""
    state = maps.make_state(
        [
            "#########",
            "a.......#",
            "###.#####",
            "###.#####",
            "###e#####",
        ],
        UNITS,
    )
    match = Match(state, seed=3)
    text = json.dumps(match.initial, sort_keys=True)
    match.submit(Move(unit="a", path=((1, 1), (2, 1), (3, 1))))  # sees the soldier
    match.submit(EndTurn(side="alliance"))
    match.submit(Turn(unit="e", facing=2))
    match.submit(EndTurn(side="calendrea"))
    assert json.dumps(match.initial, sort_keys=True) == text
    assert match.rebuild(match.log).state_hash() == match.state.state_hash()
