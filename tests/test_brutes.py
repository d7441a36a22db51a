"""Brutes: the charge, the tail, the rider on its back, the knife fighter's moves and the
combat mech's grapple (the outpost raid's brute fight and the four-target assault)."""

from __future__ import annotations

import maps
import pytest

from alma_tactics.core import combat, rules
from alma_tactics.core.actions import EndTurn, Move, Shoot
from alma_tactics.core.brute_fights import (
    BruteFight,
    BruteFought,
    Dismount,
    Grapple,
    TailCut,
)
from alma_tactics.core.brutes import (
    BruteAttacked,
    Charge,
    Maul,
    Roar,
    Slam,
    TailStab,
    TailSweep,
    ThrowOff,
    UnitKnockedAside,
    gap,
)
from alma_tactics.core.rules import IllegalAction, Why

SEEDS = range(60)
# a walled-off marine and soldier in a corner keep the battle from ending when the
# units under test die
RESERVES = {"R": ("marine", "alliance"), "S": ("soldier", "calendrea")}


def arena(rows: list[str], units: dict, seed: int = 0, cat=None):
    width = len(rows[0])
    rows = [*rows, "#" * width, "." * (width - 4) + "#R#S"]
    return maps.make_state(rows, {**units, **RESERVES}, seed=seed, cat=cat)


def to_side(state, side: str) -> list:
    events = []
    while state.active_side.id != side:
        events += rules.apply(state, EndTurn(state.active_side.id))
    return events


def ride(state, rider: str, brute: str) -> None:
    """Set-up only: put `rider` on `brute`'s back."""
    r, b = state.units[rider], state.units[brute]
    r.mounted_on, r.x, r.y = b.id, b.x, b.y
    state.units_changed()


def refused(state, action, why: Why) -> None:
    before = state.state_hash()
    assert rules.check(state, action) == why
    with pytest.raises(IllegalAction):
        rules.apply(state, action)
    assert state.state_hash() == before


def until_hit(make, action, move: str):
    """The first seeded state in which the knife fighter's `move` succeeds."""
    for seed in SEEDS:
        state = make(seed)
        events = rules.apply(state, action)
        if any(isinstance(e, BruteFought) and e.move == move and e.hit for e in events):
            return state
    raise AssertionError(f"{move} never succeeded")


def killed(events, unit: str):
    return next(
        (e.cause for e in events if type(e).__name__ == "UnitKilled" and e.unit == unit), None
    )


# --- the charge ----------------------------------------------------------------------------
LANE = [
    "...........",
    "b..m.......",
    "......k....",
    "...........",
    "...........",
]


def test_charge_crushes_the_first_marine_and_knocks_the_next_aside_stunned(catalog):
    state = arena(
        LANE,
        {"b": ("brute", "calendrea"), "m": ("marine", "alliance"), "k": ("marine", "alliance")},
        cat=catalog,
    )
    to_side(state, "calendrea")
    events = rules.apply(state, Charge("b", 1, 0))
    assert killed(events, "m") == "crush"
    k, b = state.units["k"], state.units["b"]
    assert k.alive and k.status["stunned"] == catalog.constant("charge_stun_turns")
    assert any(isinstance(e, UnitKnockedAside) and e.unit == "k" for e in events)
    assert (k.x, k.y) not in b.footprint(2)
    assert b.pos == (catalog.constant("brute_charge_range"), 1)


def test_a_hero_survives_the_crush_knocked_aside_and_loses_his_turn(catalog):
    lane = [row.replace("k", ".") for row in LANE]
    state = arena(lane, {"b": ("brute", "calendrea"), "m": ("davis", "alliance")}, cat=catalog)
    to_side(state, "calendrea")
    rules.apply(state, Charge("b", 1, 0))
    davis = state.units["m"]
    assert davis.hp == 14 - catalog.constant("brute_charge_damage")
    assert davis.y in (0, 3) and "stunned" in davis.status
    to_side(state, "alliance")
    assert davis.ap == 0


def test_charge_stops_at_a_wall():
    state = arena(["b....#.....", ".....#.....", "..........."], {"b": ("brute", "calendrea")})
    to_side(state, "calendrea")
    rules.apply(state, Charge("b", 1, 0))
    assert state.units["b"].pos == (3, 0)


@pytest.mark.parametrize(
    ("action", "why"),
    [
        (Charge("b", -1, 0), Why.BLOCKED),  # off the map
        (Charge("b", 2, 0), Why.MALFORMED),
        (Charge("b", True, 0), Why.MALFORMED),
        (Charge("m", 1, 0), Why.NOT_YOUR_TURN),
        (Maul("b", "m"), Why.NOT_ADJACENT),
        (TailSweep("b"), Why.NO_TARGET),
        (Slam("b"), Why.NO_TARGET),
        (TailStab("b"), Why.NO_TARGET),
        (ThrowOff("b"), Why.NO_TARGET),
    ],
)
def test_illegal_brute_actions_change_nothing(action, why):
    state = arena(
        [row.replace("k", ".") for row in LANE],
        {"b": ("brute", "calendrea"), "m": ("marine", "alliance")},
    )
    to_side(state, "calendrea")
    state.units["m"].x = 8
    state.units_changed()
    refused(state, action, why)


def test_only_a_brute_charges():
    state = arena(
        [row.replace("k", ".") for row in LANE],
        {"b": ("soldier", "calendrea"), "m": ("marine", "alliance")},
    )
    to_side(state, "calendrea")
    refused(state, Charge("b", 1, 0), Why.NOT_ALLOWED)


# --- hide and tail -------------------------------------------------------------------------
def test_a_full_magazine_of_60_usually_does_not_stop_a_brute(catalog):
    kills = hurt = 0
    for seed in range(40):
        state = arena(
            ["m.....b....", "...........", "..........."],
            {"m": ("marine", "alliance"), "b": ("brute", "calendrea")},
            seed,
            catalog,
        )
        m, b = state.units["m"], state.units["b"]
        while m.ammo.get("assault_rifle", 30) > 0 and b.alive:
            m.ap = 24
            rules.apply(state, Shoot("m", "b", "assault_rifle", "burst"))
        kills += not b.alive
        hurt += b.hp < 60
    assert hurt >= 35  # the rounds do bite...
    assert kills < 10  # ...but a whole magazine rarely stops one


def test_tail_sweep_reaches_two_tiles_and_can_decapitate(catalog):
    causes = []
    for seed in SEEDS:
        state = arena(
            ["b..m.......", "..........."],
            {"b": ("brute", "calendrea"), "m": ("marine", "alliance")},
            seed,
            catalog,
        )
        to_side(state, "calendrea")
        assert gap(state, state.units["b"], state.units["m"].pos) == 2
        causes.append(killed(rules.apply(state, TailSweep("b")), "m"))
    assert causes.count("decapitated") >= 3
    assert causes.count("tail") + causes.count(None) >= 20


def test_tail_sweep_does_not_reach_three_tiles():
    state = arena(
        ["b...m......", "..........."], {"b": ("brute", "calendrea"), "m": ("marine", "alliance")}
    )
    to_side(state, "calendrea")
    refused(state, TailSweep("b"), Why.NO_TARGET)


# --- the knife fighter ---------------------------------------------------------------------
NEXT_TO = ["..d........", "..b........", "...........", "..........."]


def duel(seed: int = 0, fighter: str = "davis"):
    return arena(NEXT_TO, {"d": (fighter, "alliance"), "b": ("brute", "calendrea")}, seed)


def test_rolling_under_cuts_the_legs_and_dodges_the_next_attack():
    state = until_hit(duel, BruteFight("d", "b", "roll_under"), "roll_under")
    assert state.units["b"].hp < 60
    assert "dodging" in state.units["d"].status
    to_side(state, "calendrea")
    events = rules.apply(state, Maul("b", "d"))
    maul = next(e for e in events if isinstance(e, BruteAttacked))
    assert maul.dodged and not maul.hit
    assert "dodging" not in state.units["d"].status


def test_a_hamstrung_brute_moves_half_as_far_next_turn():
    far = Move("b", tuple((2 + i, 1) for i in range(1, 8)))  # 7 tiles: 14 AP
    fresh = duel()
    to_side(fresh, "calendrea")
    assert rules.check(fresh, far) is None
    state = until_hit(duel, BruteFight("d", "b", "hamstring"), "hamstring")
    assert "hamstrung" in state.units["b"].status
    refused(state, BruteFight("d", "b", "hamstring"), Why.ALREADY)
    to_side(state, "calendrea")
    assert state.units["b"].ap == 24  # it can still fight with all its strength
    assert rules.check(state, far) == Why.OUT_OF_AP  # but every step costs double
    assert rules.check(state, Move("b", ((3, 1), (4, 1), (5, 1)))) is None


def test_a_rider_rides_along_and_the_brute_cannot_maul_it():
    state = until_hit(duel, BruteFight("d", "b", "mount"), "mount")
    d, b = state.units["d"], state.units["b"]
    assert d.mounted_on == "b" and d.pos == b.pos
    to_side(state, "calendrea")
    refused(state, Maul("b", "d"), Why.NOT_ALLOWED)
    refused(state, TailSweep("b"), Why.NO_TARGET)  # the rider is out of the tail's sweep
    rules.apply(state, Move("b", ((3, 1), (4, 1))))
    assert d.pos == b.pos == (4, 1) and d.alive
    rules.apply(state, Charge("b", 1, 0))  # a charge does not crush its own rider
    assert d.pos == b.pos and b.x > 4 and d.hp == 14 and d.mounted_on == "b"


def test_severing_the_tail_takes_tail_sever_cuts_and_ends_tail_attacks():
    state = duel(seed=3)
    ride(state, "d", "b")
    davis, brute = state.units["d"], state.units["b"]
    needed = state.catalog.constant("tail_sever_cuts")
    cuts = tries = 0
    while "tail_severed" not in brute.status and tries < 60:
        davis.ap, tries = 28, tries + 1
        events = rules.apply(state, BruteFight("d", "b", "sever_tail"))
        cuts += any(isinstance(e, TailCut) for e in events)
    assert cuts == needed <= tries  # exactly `needed` cuts went in (a miss adds none)
    assert not any(k.startswith("tail_cut_") for k in brute.status)
    refused(state, BruteFight("d", "b", "sever_tail"), Why.ALREADY)
    rules.apply(state, Dismount("d", 4, 1))  # next to it: well within the tail's reach
    to_side(state, "calendrea")
    refused(state, TailSweep("b"), Why.NOT_ALLOWED)


def test_a_cut_carotid_bleeds_the_brute_to_death_over_a_few_turns():
    def mounted(seed):
        state = duel(seed)
        ride(state, "d", "b")
        return state

    state = until_hit(mounted, BruteFight("d", "b", "carotid"), "carotid")
    brute = state.units["b"]
    brute.hp = 20  # already cut about by the fight
    bleed = state.catalog.constant("carotid_bleed_per_turn")
    rules.apply(state, Dismount("d", 1, 0))
    for turn in range(1, 5):
        events = to_side(state, "calendrea")
        if not brute.alive:
            assert killed(events, "b") == "bleeding"
            break
        assert brute.hp == 20 - turn * bleed
        to_side(state, "alliance")
    assert not brute.alive and turn == -(-20 // bleed)


def test_the_carotid_and_the_tail_are_reached_only_from_its_back():
    state = duel()
    refused(state, BruteFight("d", "b", "carotid"), Why.NOT_ALLOWED)
    refused(state, BruteFight("d", "b", "sever_tail"), Why.NOT_ALLOWED)
    refused(state, BruteFight("d", "b", "backflip"), Why.MALFORMED)
    ride(state, "d", "b")
    refused(state, BruteFight("d", "b", "mount"), Why.NOT_ALLOWED)
    refused(state, BruteFight("d", "b", "hamstring"), Why.NOT_ALLOWED)


def test_only_one_rider_and_only_with_a_knife():
    state = arena(
        [".dk........", ".b.........", "...........", "..........."],
        {"d": ("davis", "alliance"), "k": ("combat_mech", "alliance"), "b": ("brute", "calendrea")},
    )
    refused(state, BruteFight("k", "b", "mount"), Why.NO_WEAPON)
    state.units["R"].x, state.units["R"].y = 3, 0  # set-up: a second knife fighter
    state.units_changed()
    ride(state, "d", "b")
    refused(state, BruteFight("R", "b", "mount"), Why.OCCUPIED)


# --- the brute against its rider -----------------------------------------------------------
def test_a_tail_stab_at_the_rider_sometimes_hits_its_own_back(catalog):
    outcomes = []
    for seed in SEEDS:
        state = arena(
            NEXT_TO, {"d": ("marine", "alliance"), "b": ("brute", "calendrea")}, seed, catalog
        )
        ride(state, "d", "b")
        to_side(state, "calendrea")
        events = rules.apply(state, TailStab("b"))
        outcomes.append(next(e for e in events if isinstance(e, BruteAttacked)))
        if outcomes[-1].self_hit:
            assert state.units["b"].hp < 60
    self_hits = sum(e.self_hit for e in outcomes)
    assert sum(e.hit for e in outcomes) >= 5
    assert 5 <= self_hits <= 40


def test_a_thrown_rider_lands_a_few_tiles_away_stunned():
    def mounted(seed):
        state = arena(NEXT_TO, {"d": ("marine", "alliance"), "b": ("brute", "calendrea")}, seed)
        ride(state, "d", "b")
        to_side(state, "calendrea")
        return state

    for seed in SEEDS:
        state = mounted(seed)
        rules.apply(state, ThrowOff("b"))
        d, b = state.units["d"], state.units["b"]
        if not d.mounted_on:
            break
    c = state.catalog.constant
    assert c("throw_off_min") <= gap(state, b, d.pos) <= c("throw_off_max")
    assert "stunned" in d.status and state.grid.passable(d.pos)
    to_side(state, "alliance")
    assert d.ap == 0


def test_a_slam_against_a_wall_hurts_the_rider():
    state = arena(
        ["#d.........", "#b.........", "...........", "..........."],
        {"d": ("marine", "alliance"), "b": ("brute", "calendrea")},
    )
    ride(state, "d", "b")
    to_side(state, "calendrea")
    rules.apply(state, Slam("b"))
    assert state.units["d"].hp == 10 - state.catalog.constant("brute_wall_slam_damage")
    open_field = duel()
    ride(open_field, "d", "b")
    to_side(open_field, "calendrea")
    refused(open_field, Slam("b"), Why.NOT_ALLOWED)


def test_a_roar_turns_its_side_alert():
    state = arena(
        ["b....s.....", "...........", "..........."],
        {"b": ("brute", "calendrea"), "s": ("sentry", "calendrea")},
    )
    to_side(state, "calendrea")
    state.units["s"].alertness = "unaware"
    rules.apply(state, Roar("b"))
    assert state.units["s"].alertness == "alert"


# --- the combat mech -----------------------------------------------------------------------
def test_a_combat_mech_sometimes_tears_a_brute_apart(catalog):
    torn = failed = 0
    for seed in range(30):
        state = arena(
            NEXT_TO, {"d": ("combat_mech", "alliance"), "b": ("brute", "calendrea")}, seed, catalog
        )
        events = rules.apply(state, Grapple("d", "b"))
        if killed(events, "b"):
            assert killed(events, "b") == "torn apart"
            torn += 1
        else:
            assert state.units["d"].hp == 40 - catalog.constant("mech_grapple_damage")
            failed += 1
    assert torn >= 5 and failed >= 5


def test_only_a_working_combat_mech_grapples():
    refused(duel(), Grapple("d", "b"), Why.NOT_ALLOWED)
    state = arena(NEXT_TO, {"d": ("combat_mech", "alliance"), "b": ("brute", "calendrea")})
    state.units["d"].status["emp"] = 2
    to_side(state, "calendrea")
    to_side(state, "alliance")
    refused(state, Grapple("d", "b"), Why.OUT_OF_AP)


def test_legal_actions_offer_the_brute_fight():
    state = duel()
    mine = rules.legal_actions(state, state.units["d"])
    assert {a.move for a in mine if isinstance(a, BruteFight)} == {
        "roll_under",
        "hamstring",
        "mount",
    }
    to_side(state, "calendrea")
    theirs = rules.legal_actions(state, state.units["b"])
    assert Maul("b", "d") in theirs and Charge("b", 1, 0) in theirs and Roar("b") in theirs
    assert not any(isinstance(a, Slam | TailStab | ThrowOff) for a in theirs)


def test_the_rider_is_harder_to_shoot():
    state = duel()
    ride(state, "d", "b")
    m = combat.hit_modifiers(
        state, state.units["R"], state.units["d"], state.catalog.weapons["assault_rifle"], "burst"
    )
    assert ("clinging to a brute", -state.catalog.constant("mounted_penalty")) in m
