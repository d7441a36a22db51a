"""Shooting as the story has it: superheat rounds, eye shots, cover, overwatch."""

from __future__ import annotations

import statistics

import maps
import pytest

from alma_tactics.core import combat, rules, sight
from alma_tactics.core.actions import Move, Overwatch, Reload, Shoot
from alma_tactics.core.events import MoveInterrupted, ShotFired, UnitKilled
from alma_tactics.core.rng import Rng
from alma_tactics.core.rules import Why

RANGE_8 = [
    "..........",
    "m........s",  # marine at x=0, soldier at x=9: nine tiles apart
    "..........",
]


def shooting_range(enemy: str = "soldier", alertness: str = "alert", seed: int = 0, rows=None):
    state = maps.make_state(
        rows or RANGE_8,
        {"m": ("marine", "alliance"), "s": (enemy, "calendrea")},
        seed=seed,
    )
    state.units["s"].alertness = alertness
    return state


def fire(state, weapon_id: str, mode: str, aim: str = "body"):
    shooter, target = state.units["m"], state.units["s"]
    weapon = state.catalog.weapons[weapon_id]
    shooter.ammo[weapon_id] = weapon.magazine
    return combat.resolve_shot(state, shooter, target, weapon, mode, aim)


def total_damage(events) -> int:
    return sum(getattr(e, "amount", 0) for e in events)


def test_superheat_rounds_melt_through_hide_where_ordinary_rounds_are_stopped():
    superheat = ordinary = 0
    for seed in range(300):
        state = shooting_range(seed=seed)
        state.units["s"].hp = 10_000  # measure damage, not deaths
        superheat += total_damage(fire(state, "assault_rifle", "burst"))
        state.rng = Rng(seed)
        ordinary += total_damage(fire(state, "calendrea_rifle", "burst"))
    assert superheat > 1000
    assert ordinary * 10 < superheat  # hide stops nearly all of an ordinary round


def test_on_average_about_three_60_bursts_drop_a_soldier():
    bursts_needed = []
    for seed in range(400):
        state = shooting_range(seed=seed)
        bursts = 0
        while state.units["s"].alive:
            fire(state, "assault_rifle", "burst")
            bursts += 1
        bursts_needed.append(bursts)
    mean = statistics.mean(bursts_needed)
    assert 2.5 <= mean <= 3.6, mean
    state = shooting_range()
    low, high = combat.damage_range(state, state.catalog.weapons["assault_rifle"], state.units["s"])
    assert high < state.units["s"].hp  # one body round never kills: it takes several


def test_an_eye_hit_kills_a_sentry_outright():
    kills = 0
    for seed in range(200):
        state = shooting_range("sentry", seed=seed)
        events = fire(state, "assault_rifle", "aimed", aim="eye")
        if any(isinstance(e, ShotFired) and any(e.hits) for e in events):
            assert not state.units["s"].alive
            assert any(isinstance(e, UnitKilled) and e.cause == "eye" for e in events)
            kills += 1
        else:
            assert state.units["s"].hp == state.utype(state.units["s"]).hp
    assert kills > 0


def test_an_eye_hit_on_a_brute_is_a_heavy_critical_not_a_kill():
    state = maps.make_state(
        ["............", "m.......s...", "............"],
        {"m": ("sniper", "alliance"), "s": ("brute", "calendrea")},
    )
    brute = state.units["s"]
    for seed in range(200):
        state.rng = Rng(seed)
        before = brute.hp
        events = fire(state, "sniper_rifle", "aimed", aim="eye")
        if any(isinstance(e, ShotFired) and any(e.hits) for e in events):
            assert before - brute.hp == state.catalog.constant("brute_eye_critical_damage")
            assert brute.alive
            return
    pytest.fail("no eye hit on the brute in 200 seeds")


def test_eye_shots_are_much_harder_than_body_shots_and_snipers_do_better():
    state = shooting_range("sentry")
    marine, sentry = state.units["m"], state.units["s"]
    body = combat.hit_chance(state, marine, sentry, "aimed", "assault_rifle")
    eye = combat.hit_chance(state, marine, sentry, "aimed", "assault_rifle", "eye")
    assert eye <= body - 30
    sniper_state = maps.make_state(
        RANGE_8, {"m": ("sniper", "alliance"), "s": ("sentry", "calendrea")}
    )
    sniper_eye = combat.hit_chance(
        sniper_state,
        sniper_state.units["m"],
        sniper_state.units["s"],
        "aimed",
        "sniper_rifle",
        "eye",
    )
    assert sniper_eye > eye


def test_unaware_targets_and_short_range_make_eye_shots_easier():
    far = shooting_range("sentry")
    alert = combat.hit_chance(far, far.units["m"], far.units["s"], "aimed", "assault_rifle", "eye")
    unaware = shooting_range("sentry", alertness="unaware")
    caught = combat.hit_chance(
        unaware, unaware.units["m"], unaware.units["s"], "aimed", "assault_rifle", "eye"
    )
    near = shooting_range("sentry", rows=["....", "m.s.", "...."])
    close = combat.hit_chance(
        near, near.units["m"], near.units["s"], "aimed", "assault_rifle", "eye"
    )
    assert caught > alert
    assert close > alert


@pytest.mark.parametrize(
    ("between", "label"),
    [(".T.", "forest"), (".n.", "half wall"), ("..:", "rubble")],
)
def test_cover_along_the_line_lowers_the_hit_chance(between, label):
    open_state = maps.make_state(
        ["m....s"], {"m": ("marine", "alliance"), "s": ("soldier", "calendrea")}
    )
    covered = maps.make_state(
        ["m." + between + "s"], {"m": ("marine", "alliance"), "s": ("soldier", "calendrea")}
    )
    args = ("burst", "assault_rifle")
    plain = combat.hit_chance(open_state, open_state.units["m"], open_state.units["s"], *args)
    behind = combat.hit_chance(covered, covered.units["m"], covered.units["s"], *args)
    assert behind < plain, label


def test_a_tower_guard_behind_its_parapet_is_hard_to_hit_from_the_ground():
    rows = ["m....#g"]
    state = maps.make_state(
        rows, {"m": ("marine", "alliance"), "g": ("tower_guard", "calendrea", "H")}
    )
    flat = maps.make_state(
        ["m.....g"], {"m": ("marine", "alliance"), "g": ("tower_guard", "calendrea")}
    )
    args = ("burst", "assault_rifle")
    assert combat.hit_chance(state, state.units["m"], state.units["g"], *args) < combat.hit_chance(
        flat, flat.units["m"], flat.units["g"], *args
    )


def test_darkness_hurts_aim_unless_infrared_sees_warm_blood():
    rows = ["m..s"]
    day = maps.make_state(rows, {"m": ("soldier", "calendrea"), "s": ("marine", "alliance")})
    night = maps.make_state(
        rows, {"m": ("soldier", "calendrea"), "s": ("marine", "alliance")}, ambient="night"
    )
    args = ("snap", "calendrea_rifle")
    assert combat.hit_chance(night, night.units["m"], night.units["s"], *args) < combat.hit_chance(
        day, day.units["m"], day.units["s"], *args
    )


def test_shoot_refuses_with_the_reason_and_changes_nothing():
    state = maps.make_state(
        ["m....#.....s", "............", "...........t"],
        {
            "m": ("marine", "alliance"),
            "s": ("soldier", "calendrea"),
            "t": ("soldier", "calendrea"),
        },
    )
    before = state.state_hash()
    cases = [
        (Shoot("m", "nobody", "assault_rifle", "burst"), Why.NO_TARGET),
        (Shoot("m", "t", "sniper_rifle", "aimed"), Why.NO_WEAPON),
        (Shoot("m", "t", "assault_rifle", "lob"), Why.MALFORMED),
        (Shoot("m", "t", "assault_rifle", "burst", "eye"), Why.NOT_ALLOWED),  # not an aimed mode
    ]
    state.units["m"].x = 0
    for action, why in cases:
        assert rules.check(state, action) == why
        with pytest.raises(rules.IllegalAction) as raised:
            rules.apply(state, action)
        assert raised.value.why == why
    assert state.state_hash() == before
    state.units["m"].ammo["assault_rifle"] = 0
    assert rules.check(state, Shoot("m", "t", "assault_rifle", "burst")) == Why.NO_AMMO
    state.units["m"].ammo["assault_rifle"] = 30
    state.units["m"].ap = 3
    assert rules.check(state, Shoot("m", "t", "assault_rifle", "burst")) == Why.OUT_OF_AP


def test_a_target_behind_a_wall_is_unseen():
    state = maps.make_state(
        ["m..#..s"], {"m": ("marine", "alliance"), "s": ("soldier", "calendrea")}
    )
    assert rules.check(state, Shoot("m", "s", "assault_rifle", "burst")) == Why.TARGET_UNSEEN


def test_an_eye_shot_at_a_human_is_not_allowed():
    state = maps.make_state(
        ["m...s"], {"m": ("marine", "blue"), "s": ("marine", "red")}, sides=maps.duel_sides()
    )
    assert rules.check(state, Shoot("m", "s", "assault_rifle", "aimed", "eye")) == Why.NOT_ALLOWED


def test_reloading_costs_ap_and_fills_the_magazine():
    state = shooting_range()
    marine = state.units["m"]
    assert rules.check(state, Reload("m", "assault_rifle")) == Why.ALREADY
    marine.ammo["assault_rifle"] = 2
    rules.apply(state, Reload("m", "assault_rifle"))
    assert marine.ammo["assault_rifle"] == 30
    assert marine.ap == state.utype(marine).ap - state.catalog.weapons["assault_rifle"].reload_ap


def test_overwatch_fires_at_the_first_enemy_that_moves_in_sight_and_stops_the_move():
    state = maps.make_state(
        ["m.......", "........", "#######.", "s......."],
        {"m": ("marine", "alliance"), "s": ("soldier", "calendrea")},
    )
    rules.apply(state, Overwatch("m", "assault_rifle", "snap"))
    assert state.units["m"].ap == 0
    from alma_tactics.core.actions import EndTurn

    rules.apply(state, EndTurn("alliance"))
    soldier = state.units["s"]
    path = ((1, 3), (2, 3), (3, 3), (4, 3), (5, 3), (6, 3), (7, 2), (7, 1), (7, 0))
    events = rules.apply(state, Move("s", path))
    shots = [e for e in events if isinstance(e, ShotFired)]
    assert len(shots) == 1 and shots[0].unit == "m"
    assert (soldier.x, soldier.y) == (7, 1)  # stopped where it came into sight
    assert any(isinstance(e, MoveInterrupted) and e.reason == "reaction" for e in events)
    assert state.units["m"].overwatch == []  # one reaction only
    unmoved = state.units["m"]
    expected = combat.hit_chance(state, unmoved, soldier, "snap", "assault_rifle", moving=True)
    assert shots[0].chance == expected


def test_hit_chance_is_pure():
    state = shooting_range()
    before = state.state_hash()
    draws = state.rng.draws
    for mode in ("snap", "burst", "aimed"):
        combat.hit_chance(state, state.units["m"], state.units["s"], mode, "assault_rifle")
        combat.expected_damage(state, state.units["m"], state.units["s"], "assault_rifle", mode)
    assert state.state_hash() == before and state.rng.draws == draws


def test_legal_shots_are_only_at_enemies_in_sight():
    state = maps.make_state(
        ["m...s..#..t"],
        {"m": ("marine", "alliance"), "s": ("soldier", "calendrea"), "t": ("soldier", "calendrea")},
    )
    shots = [a for a in rules.legal_actions(state, state.units["m"]) if isinstance(a, Shoot)]
    assert shots and {a.target for a in shots} == {"s"}
    assert sight.can_see(state, state.units["m"], state.units["s"])
