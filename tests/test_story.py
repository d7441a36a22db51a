"""The story's beats, each on a small hand-made map, played through `rules.apply`.

"Davis loaded an EMP grenade into the under barrel of his gun and fired. It arced
into the compound, seconds later the lights went dead." ... and so on, to the brute.
"""

from __future__ import annotations

import maps
import pytest

from alma_tactics.core import awareness, light, rules, sight
from alma_tactics.core.actions import EndTurn, Move, Shoot, Stab
from alma_tactics.core.brute_fights import BruteFight, Grapple
from alma_tactics.core.brutes import Charge
from alma_tactics.core.events import AlarmRaised, UnitKilled
from alma_tactics.core.explosives import Detonate, Launch, PlaceCharge
from alma_tactics.core.rng import Rng

# A walled compound at night: a lamp on the west wall fed by the generator inside,
# a tower (H) in the north-west corner. `d` Davis, `k` a knife man, `s` a sentry.
COMPOUND = [
    "....................",
    "........##########..",
    "........#H.......#..",
    "........#........#..",
    "........#........#..",
    "........#........#..",
    "........#........#..",
    "........##########..",
    "....................",
]


def compound(units: dict, seed: int = 0, ambient: str = "night"):
    """The compound with `units` = {marker: (type, side, (x, y))} drawn in."""
    rows = [list(r) for r in COMPOUND]
    specs = {}
    for marker, (type_id, side, (x, y)) in units.items():
        specs[marker] = (type_id, side, rows[y][x])
        rows[y][x] = marker
    state = maps.make_state(
        ["".join(r) for r in rows],
        specs,
        ambient=ambient,
        seed=seed,
        objects=[
            maps.generator("gen", (13, 4)),
            maps.spotlight("lamp", (8, 4), radius=6, generator="gen", direction=180, cone=120),
        ],
    )
    for unit in state.units.values():
        if unit.side == "calendrea":
            unit.alertness = "unaware"
    sight.refresh(state)
    return state


def first_success(build, attempt, tries: int = 200):
    """Replay a chancy beat on fresh seeds until it comes off; return that state."""
    for seed in range(tries):
        state = build(seed)
        if attempt(state):
            return state
    pytest.fail("the beat never came off")


def test_an_emp_round_arcs_into_the_compound_and_the_lights_go_dead():
    state = compound({"d": ("davis", "alliance", (1, 4)), "s": ("sentry", "calendrea", (6, 4))})
    assert light.lit_mask(state)[4, 6]
    assert "s" in state.knowledge["alliance"].spotted
    rules.apply(state, Launch("d", "emp", 13, 4))
    assert not light.lit_mask(state).any(), "every light in the compound is dead"
    assert not state.objects["gen"].on
    assert "s" not in state.knowledge["alliance"].spotted, "the sentry is back in the dark"


def test_sentries_are_knifed_in_the_dark_and_no_alarm_is_raised():
    state = compound(
        {
            "k": ("marine", "alliance", (1, 8)),
            "s": ("sentry", "calendrea", (4, 8)),
            "c": ("soldier", "calendrea", (12, 3)),  # inside, sees and hears nothing
        }
    )
    state.units["s"].facing = 2  # looking east along the wall
    sight.refresh(state)
    rules.apply(state, Move("k", ((2, 8), (3, 8))))  # slides up behind it
    events = rules.apply(state, Stab("k", "s"))
    assert any(isinstance(e, UnitKilled) and e.cause == "takedown" for e in events)
    events = rules.apply(state, EndTurn("alliance"))
    assert not any(isinstance(e, AlarmRaised) for e in events)


def test_a_sniper_takes_out_a_tower_guard_with_an_eye_shot():
    units = {"n": ("sniper", "alliance"), "g": ("tower_guard", "calendrea", "H")}

    def build(seed):
        rows = [r.replace("H", ".") for r in COMPOUND]
        rows[2] = rows[2][:9] + "g" + rows[2][10:]
        rows[4] = "n" + rows[4][1:].replace("d", ".")
        state = maps.make_state(rows, units, seed=seed, ambient="day")
        state.units["g"].alertness = "unaware"
        return state

    def shoot(state):
        assert rules.check(state, Shoot("n", "g", "sniper_rifle", "aimed", "eye")) is None
        events = rules.apply(state, Shoot("n", "g", "sniper_rifle", "aimed", "eye"))
        return any(isinstance(e, UnitKilled) and e.cause == "eye" for e in events)

    state = first_success(build, shoot)
    assert not state.units["g"].alive


def test_shaped_charges_breach_the_paracrete_wall():
    state = compound({"d": ("davis", "alliance", (7, 5)), "k": ("marine", "alliance", (2, 2))})
    rules.apply(state, PlaceCharge("d", 8, 5))
    rules.apply(state, Move("d", ((6, 5), (5, 5), (4, 5))))  # a safe distance away
    charge = next(o.id for o in state.objects.values() if o.kind == "charge")
    rules.apply(state, Detonate("k", charge))
    assert state.grid.terrain_at((8, 5)).id == "rubble"
    assert rules.check(state, Move("d", ((5, 5), (6, 5), (7, 5), (8, 5), (9, 5)))) is None


def test_smoke_hides_the_breach_from_the_tower():
    state = compound(
        {
            "d": ("davis", "alliance", (3, 5)),
            "m": ("marine", "alliance", (9, 5)),  # in the breach
            "g": ("tower_guard", "calendrea", (9, 2)),
        },
        ambient="day",
    )
    state.grid.set_kind((8, 5), "rubble")
    sight.refresh(state)
    guard, marine = state.units["g"], state.units["m"]
    guard.alertness = "alert"
    sight.refresh(state)
    assert sight.can_see(state, guard, marine)
    rules.apply(state, Launch("d", "smoke", 9, 5))
    assert not sight.can_see(state, guard, marine)


def test_a_brute_charge_crushes_a_marine():
    state = maps.make_state(
        ["..........", ".b....m...", "..........", ".........."],
        {"b": ("brute", "calendrea"), "m": ("marine", "alliance")},
    )
    rules.apply(state, EndTurn("alliance"))
    events = rules.apply(state, Charge("b", 1, 0))
    assert any(isinstance(e, UnitKilled) and e.unit == "m" for e in events)


def test_a_knife_fighter_hamstrings_mounts_and_bleeds_a_brute_to_death():
    def build(seed):
        state = maps.make_state(
            [".......", "..db...", ".......", "......."],
            {"d": ("davis", "alliance"), "b": ("brute", "calendrea")},
            seed=seed,
        )
        return state

    def fight(state):
        for move in ("hamstring", "mount"):
            state.units["d"].ap = 24
            events = rules.apply(state, BruteFight("d", "b", move))
            if not events[0].hit:
                return False
        for _ in range(4):
            state.units["d"].ap = 24
            events = rules.apply(state, BruteFight("d", "b", "carotid"))
            if events[0].hit:
                return True
        return False

    state = first_success(build, fight)
    brute = state.units["b"]
    assert "hamstrung" in brute.status and "bleeding" in brute.status
    assert state.units["d"].mounted_on == "b"
    for _ in range(20):
        if not brute.alive:
            break
        rules.apply(state, EndTurn(state.active_side.id))
    assert not brute.alive


def test_a_combat_mech_tears_a_brute_apart():
    def build(seed):
        return maps.make_state(
            [".......", "..cb...", ".......", "......."],
            {"c": ("combat_mech", "alliance"), "b": ("brute", "calendrea")},
            seed=seed,
        )

    def grapple(state):
        events = rules.apply(state, Grapple("c", "b"))
        return any(isinstance(e, UnitKilled) and e.cause == "torn apart" for e in events)

    assert not first_success(build, grapple).units["b"].alive


def test_the_loud_plan_unsilenced_fire_alerts_the_whole_compound():
    state = compound(
        {
            "d": ("davis", "alliance", (2, 4)),
            "a": ("soldier", "calendrea", (10, 3)),
            "b": ("soldier", "calendrea", (16, 6)),
            "c": ("sentry", "calendrea", (3, 0)),
        }
    )
    state.rng = Rng(1)
    noise = state.catalog.weapons["calendrea_rifle"].noise
    awareness.make_noise(state, state.units["d"].pos, noise, state.units["d"])
    events = rules.apply(state, EndTurn("alliance"))
    assert any(isinstance(e, AlarmRaised) for e in events)
    assert all(state.units[u].alertness == "alert" for u in "abc")
