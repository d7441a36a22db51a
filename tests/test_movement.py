"""Walking: step costs, AP limits, friends, a brute's bulk, and moves that stop short."""

from __future__ import annotations

import dataclasses

import maps
import pytest

from alma_tactics.core import events as ev
from alma_tactics.core import rules
from alma_tactics.core.actions import EndTurn, Move
from alma_tactics.core.movement import path_cost, reachable
from alma_tactics.core.rules import Why


def line(rows, units=None):
    return maps.make_state(rows, units or {"a": ("marine", "alliance")})


@pytest.mark.parametrize(
    ("terrain", "straight", "diagonal"),
    [(".", 2, 3), ("=", 2, 3), (",", 4, 6), ("T", 4, 6), ("H", 6, 9), ("n", 4, 6), (":", 4, 6)],
)
def test_a_step_costs_two_or_three_times_the_terrain(terrain, straight, diagonal) -> None:
    state = line(["a" + terrain * 2, "." + terrain * 2])
    unit = state.units["a"]
    assert path_cost(state, unit, [(1, 0)]) == straight
    assert path_cost(state, unit, [(1, 1)]) == diagonal
    assert path_cost(state, unit, [(1, 0), (2, 0)]) == 2 * straight


def test_a_path_through_rough_ground_costs_more_and_is_avoided() -> None:
    state = line(
        [
            ".....",
            "a,,,.",
            ".....",
        ]
    )
    unit = state.units["a"]
    through = [(1, 1), (2, 1), (3, 1), (4, 1)]
    around = [(1, 0), (2, 0), (3, 0), (4, 1)]
    assert path_cost(state, unit, through) == 4 + 4 + 4 + 2
    assert path_cost(state, unit, around) == 3 + 2 + 2 + 3
    reach = reachable(state, unit)
    assert reach.cost_to((4, 1)) == 10
    assert path_cost(state, unit, reach.path_to((4, 1))) == 10


def test_reach_respects_ap_exactly() -> None:
    state = line(["a.....", "......", "......", "......"])
    unit = state.units["a"]
    unit.ap = 6
    reach = reachable(state, unit)
    assert reach.cost_to((3, 0)) == 6
    assert reach.cost_to((4, 0)) is None
    assert reach.cost_to((2, 2)) == 6
    assert reach.cost_to((3, 3)) is None
    assert rules.check(state, Move(unit="a", path=((1, 0), (2, 0), (3, 0)))) is None
    assert rules.check(state, Move(unit="a", path=((1, 0), (2, 0), (3, 0), (4, 0)))) == (
        Why.OUT_OF_AP
    )
    assert rules.check(state, Move(unit="a", path=((1, 1), (2, 2)))) is None
    assert rules.check(state, Move(unit="a", path=((1, 1), (2, 2), (3, 3)))) == Why.OUT_OF_AP
    rules.apply(state, Move(unit="a", path=((1, 1), (2, 2))))
    assert unit.ap == 0


def test_a_unit_passes_through_a_friend_but_cannot_stop_on_it() -> None:
    rows = [
        "#####",
        "ab..#",
        "#####",
    ]
    state = maps.make_state(rows, {"a": ("marine", "alliance"), "b": ("marine", "alliance")})
    assert rules.check(state, Move(unit="a", path=((1, 1),))) == Why.OCCUPIED
    assert (1, 1) not in dict(reachable(state, state.units["a"]).tiles())
    rules.apply(state, Move(unit="a", path=((1, 1), (2, 1))))
    assert maps.draw(state) == [
        "#####",
        ".ba.#",
        "#####",
    ]


def test_a_visible_enemy_blocks_the_way() -> None:
    rows = [
        "#####",
        "ae..#",
        "#####",
    ]
    state = maps.make_state(rows, {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")})
    assert "e" in state.knowledge["alliance"].spotted
    assert rules.check(state, Move(unit="a", path=((1, 1), (2, 1)))) == Why.BLOCKED
    assert rules.check(state, Move(unit="a", path=((1, 1),))) == Why.BLOCKED


GAP_1 = [
    "..........",
    "..........",
    "####.#####",
    "..........",
    "..........",
]


def test_a_brute_cannot_squeeze_through_a_one_tile_gap_but_a_marine_can() -> None:
    rows = ["m.....d..."] + GAP_1[1:]
    state = maps.make_state(rows, {"d": ("brute", "calendrea"), "m": ("marine", "alliance")})
    marine = state.units["m"]
    below = {p for p, _ in reachable(state, marine).tiles() if p[1] >= 3}
    assert below, "the marine slips through the gap"
    assert rules.check(state, Move(unit="m", path=((1, 1), (2, 1), (3, 1), (4, 2), (4, 3)))) is None
    rules.apply(state, EndTurn(side="alliance"))
    brute = state.units["d"]
    assert state.size(brute) == 2
    assert not [p for p, _ in reachable(state, brute).tiles() if p[1] >= 2]
    for path in (((5, 1),), ((4, 1),), ((5, 1), (4, 2)), ((5, 1), (4, 2), (4, 3))):
        assert rules.check(state, Move(unit="d", path=path)) == Why.BLOCKED, path


def test_a_brute_goes_through_a_two_tile_gap() -> None:
    rows = [r.replace("####.#", "###..#") for r in GAP_1]
    rows[0] = "...d......"
    state = maps.make_state(rows, {"d": ("brute", "calendrea")})
    rules.apply(state, EndTurn(side="alliance"))
    brute = state.units["d"]
    reach = reachable(state, brute)
    assert reach.cost_to((3, 3)) == 6
    rules.apply(state, Move(unit="d", path=tuple(reach.path_to((3, 3)))))
    assert brute.pos == (3, 3)
    assert state.unit_at((4, 4)) is brute


def blind_catalog(catalog):
    """The shipped catalog plus a marine with no night sight: in the dark it sees only
    lit tiles, so (unlike every shipped type) it can bump into an enemy next to it."""
    marine = catalog.units["marine"]
    blind = dataclasses.replace(marine, id="blind", night_sight=0)
    return dataclasses.replace(catalog, units={**catalog.units, "blind": blind})


def test_a_move_into_a_hidden_enemy_stops_before_it(catalog) -> None:
    rows = [
        "#######",
        "a..e..#",
        "#######",
    ]
    state = maps.make_state(
        rows,
        {"a": ("blind", "alliance"), "e": ("soldier", "calendrea")},
        ambient="night",
        cat=blind_catalog(catalog),
    )
    assert "e" not in state.knowledge["alliance"].spotted
    move = Move(unit="a", path=((1, 1), (2, 1), (3, 1), (4, 1)))
    assert rules.check(state, move) is None, "the side cannot know the enemy is there"
    events = rules.apply(state, move)
    assert maps.walked(events, "a") == [(1, 1), (2, 1)]
    assert maps.ap_spent(events, "a") == 4
    assert maps.of_type(events, ev.MoveInterrupted) == [
        ev.MoveInterrupted(unit="a", x=2, y=1, reason="blocked")
    ]
    assert state.units["a"].pos == (2, 1)
    assert state.units["a"].ap == 24 - 4
    assert state.units["e"].pos == (3, 1)


CORRIDOR = [
    "#######",
    "a.....#",
    "###.###",
    "###.###",
    "###e###",
]


def test_a_move_stops_when_a_new_enemy_comes_into_view() -> None:
    state = maps.make_state(CORRIDOR, {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")})
    assert not state.knowledge["alliance"].spotted
    events = rules.apply(state, Move(unit="a", path=tuple((x, 1) for x in range(1, 6))))
    assert maps.walked(events, "a") == [(1, 1), (2, 1), (3, 1)]
    assert maps.ap_spent(events, "a") == 6
    assert ev.UnitSpotted(side="alliance", unit="e", x=3, y=4) in events
    assert maps.of_type(events, ev.MoveInterrupted) == [
        ev.MoveInterrupted(unit="a", x=3, y=1, reason="enemy_spotted")
    ]
    assert state.units["a"].pos == (3, 1)
    assert state.units["a"].ap == 24 - 6
    assert state.knowledge["alliance"].spotted == {"e"}


def test_the_last_step_spotting_an_enemy_is_no_interruption() -> None:
    state = maps.make_state(CORRIDOR, {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")})
    events = rules.apply(state, Move(unit="a", path=((1, 1), (2, 1), (3, 1))))
    assert not maps.of_type(events, ev.MoveInterrupted)
    assert ev.UnitSpotted(side="alliance", unit="e", x=3, y=4) in events
    assert state.units["a"].pos == (3, 1)


def test_a_path_that_comes_back_still_stops_at_the_first_sighting() -> None:
    state = maps.make_state(CORRIDOR, {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")})
    there_and_back = ((1, 1), (2, 1), (3, 1), (4, 1), (3, 1))
    events = rules.apply(state, Move(unit="a", path=there_and_back))
    assert maps.walked(events, "a") == [(1, 1), (2, 1), (3, 1)]
    assert maps.of_type(events, ev.MoveInterrupted) == [
        ev.MoveInterrupted(unit="a", x=3, y=1, reason="enemy_spotted")
    ]
    assert state.units["a"].ap == 24 - 6


def test_an_interrupted_move_never_ends_on_a_friend() -> None:
    # the sniper sees further (14) than the marine it walks through (12): the enemy
    # comes into view while the sniper stands on the marine's tile
    rows = [
        "................",
        "ab............e.",
        "................",
    ]
    units = {
        "a": ("sniper", "alliance"),
        "b": ("marine", "alliance"),
        "e": ("soldier", "calendrea"),
    }
    state = maps.make_state(rows, units)
    assert not state.knowledge["alliance"].spotted
    events = rules.apply(state, Move(unit="a", path=((1, 1), (2, 1), (3, 1))))
    assert ev.UnitSpotted(side="alliance", unit="e", x=14, y=1) in events
    assert maps.walked(events, "a") == [(1, 1), (2, 1)]
    assert maps.of_type(events, ev.MoveInterrupted) == [
        ev.MoveInterrupted(unit="a", x=2, y=1, reason="enemy_spotted")
    ]
    assert maps.draw(state)[1] == ".ba...........e."
