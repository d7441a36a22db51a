"""Transports: boarding, riding, unloading, wrecks, and drop ships that fly."""

from __future__ import annotations

import maps
import pytest

from alma_tactics.core import combat, rules
from alma_tactics.core.actions import EndTurn, Move
from alma_tactics.core.rules import IllegalAction, Why
from alma_tactics.core.transports import Board, UnitBoarded, Unload, passengers, room_left
from alma_tactics.core.units import Unit

# a walled-off marine and soldier keep the battle from ending by itself
RESERVES = {"R": ("marine", "alliance"), "S": ("soldier", "calendrea")}
YARD = [
    "..........",
    ".mt.......",
    ".k.#......",
    "...#......",
]


def arena(rows, units, seed: int = 0):
    width = len(rows[0])
    rows = [*rows, "#" * width, "." * (width - 4) + "#R#S"]
    return maps.make_state(rows, {**units, **RESERVES}, seed=seed)


def yard():
    return arena(
        YARD, {"m": ("marine", "alliance"), "t": ("truck", "alliance"), "k": ("marine", "alliance")}
    )


def refused(state, action, why: Why) -> None:
    before = state.state_hash()
    assert rules.check(state, action) == why
    with pytest.raises(IllegalAction):
        rules.apply(state, action)
    assert state.state_hash() == before


def test_board_a_truck_ride_it_and_unload_next_to_it():
    state = yard()
    m, t = state.units["m"], state.units["t"]
    events = rules.apply(state, Board("m", "t"))
    assert UnitBoarded(unit="m", transport="t") in events
    assert m.carried_by == "t" and not m.on_map and state.unit_at(m.pos) is t
    assert m.ap == 24 - state.catalog.constant("board_ap")
    assert passengers(state, t) == [m]
    rules.apply(state, Move("t", ((3, 1), (4, 1), (5, 1))))
    assert m.pos == t.pos == (5, 1)
    events = rules.apply(state, Unload("m", 6, 2))
    assert any(type(e).__name__ == "UnitUnloaded" and e.unit == "m" for e in events)
    assert m.on_map and m.pos == (6, 2) and state.unit_at((6, 2)) is m
    assert passengers(state, t) == []


def test_passengers_cannot_act_inside_except_to_unload():
    state = yard()
    rules.apply(state, Board("m", "t"))
    refused(state, Move("m", ((2, 0),)), Why.NOT_ON_MAP)
    unloads = [a for a in rules.legal_actions(state, state.units["m"]) if isinstance(a, Unload)]
    assert Unload("m", 3, 0) in unloads and Unload("m", 1, 1) in unloads
    assert Unload("m", 3, 2) not in unloads  # a wall
    assert Unload("m", 1, 2) not in unloads  # k stands there


@pytest.mark.parametrize(
    ("at", "why"),
    [
        ((3, 2), Why.BLOCKED),
        ((1, 2), Why.OCCUPIED),
        ((5, 1), Why.NOT_ADJACENT),
        ((2, 1), Why.NOT_ADJACENT),
        ((True, 0), Why.MALFORMED),
    ],
)
def test_unloading_onto_a_wall_a_unit_or_far_away_is_illegal(at, why):
    state = yard()
    rules.apply(state, Board("m", "t"))
    refused(state, Unload("m", *at), why)


def test_unload_off_the_map_is_blocked():
    state = arena(["t....", "m...."], {"t": ("truck", "alliance"), "m": ("marine", "alliance")})
    rules.apply(state, Board("m", "t"))
    refused(state, Unload("m", -1, 0), Why.BLOCKED)


def test_only_a_passenger_unloads():
    refused(yard(), Unload("m", 3, 0), Why.NOT_ALLOWED)


def test_boarding_needs_a_friendly_transport_next_to_the_unit_with_room():
    state = arena(
        YARD,
        {
            "m": ("marine", "alliance"),
            "t": ("land_transport", "calendrea"),
            "k": ("marine", "alliance"),
        },
    )
    refused(state, Board("m", "t"), Why.NOT_ALLOWED)  # the enemy's
    state = yard()
    refused(state, Board("k", "m"), Why.NOT_ALLOWED)  # not a transport
    refused(state, Board("R", "t"), Why.NOT_ADJACENT)
    refused(state, Board("m", "zz"), Why.NO_TARGET)
    t = state.units["t"]
    for i in range(room_left(state, t)):
        extra = Unit.spawn(f"p{i}", state.catalog.units["marine"], "alliance", t.pos)
        extra.carried_by = "t"
        state.units[extra.id] = extra
    state.units_changed()
    refused(state, Board("m", "t"), Why.FULL)


def test_mechs_do_not_ride():
    state = arena(
        YARD,
        {"m": ("combat_mech", "alliance"), "t": ("truck", "alliance"), "k": ("marine", "alliance")},
    )
    refused(state, Board("m", "t"), Why.NOT_ALLOWED)


def test_a_destroyed_transport_hurts_its_passengers_and_throws_them_out():
    state = yard()
    rules.apply(state, Board("m", "t"))
    rules.apply(state, Board("k", "t"))
    t = state.units["t"]
    combat.damage_unit(state, t, t.hp, "shot", "S")
    wreck = state.catalog.constant("wreck_damage")
    for uid in ("m", "k"):
        unit = state.units[uid]
        assert unit.on_map and unit.hp == 10 - wreck and not unit.carried_by
        assert unit.pos != t.pos and state.grid.passable(unit.pos)
    assert state.units["m"].pos != state.units["k"].pos


WATER = [
    "..~v..",
    "ds~v..",
    "..~v..",
]


def test_a_drop_ship_flies_over_water_and_ravines_a_truck_cannot_cross():
    path = ((1, 1), (2, 1), (3, 1), (4, 1))
    ship = arena(WATER, {"d": ("drop_ship", "calendrea"), "s": ("soldier", "calendrea")})
    rules.apply(ship, EndTurn("alliance"))
    rules.apply(ship, Board("s", "d"))
    assert rules.check(ship, Move("d", path)) is None
    rules.apply(ship, Move("d", path))
    assert ship.units["s"].pos == (4, 1)
    rules.apply(ship, Unload("s", 5, 1))
    assert ship.units["s"].on_map
    truck = arena(WATER, {"d": ("truck", "alliance"), "s": ("marine", "alliance")})
    refused(truck, Move("d", path), Why.BLOCKED)
