"""Noise, alertness and the alarm; the silent knife."""

from __future__ import annotations

import maps

from alma_tactics.core import awareness, rules, sight
from alma_tactics.core.actions import EndTurn, Shoot, Stab
from alma_tactics.core.events import AlarmRaised, NoiseHeard, Stabbed, UnitAlerted, UnitKilled

# A compound at night: sentry `s` outside the west wall, soldiers `a` and `b`
# inside, far apart. The raiders `k` (knife) and `r` (rifle) creep in the dark.
COMPOUND = [
    "......................",
    "........##########....",
    "........#........#....",
    "..k.s...#..a.....#....",
    "........#........#....",
    "........#.....b..#....",
    "........##########....",
    "r.....................",
]
UNITS = {
    "k": ("marine", "alliance"),
    "r": ("marine", "alliance"),
    "s": ("sentry", "calendrea"),
    "a": ("soldier", "calendrea"),
    "b": ("soldier", "calendrea"),
}


def night_compound(seed: int = 0):
    state = maps.make_state(COMPOUND, UNITS, ambient="night", seed=seed)
    for uid in "sab":
        state.units[uid].alertness = "unaware"
    return state


def end_alliance_turn(state):
    return rules.apply(state, EndTurn("alliance"))


def test_a_silent_knife_kill_out_of_sight_raises_no_alarm():
    state = night_compound()
    maps.place(state, "k", (3, 3))  # right behind the sentry, in the dark
    events = rules.apply(state, Stab("k", "s"))
    assert any(isinstance(e, Stabbed) and e.takedown for e in events)
    assert any(isinstance(e, UnitKilled) and e.cause == "takedown" for e in events)
    assert not [e for e in events if isinstance(e, NoiseHeard | UnitAlerted)]
    events = end_alliance_turn(state)
    assert not any(isinstance(e, AlarmRaised) for e in events)
    assert not state.side("calendrea").alarm
    assert state.units["a"].alertness == state.units["b"].alertness == "unaware"


def test_a_takedown_is_certain_against_an_unaware_enemy():
    for seed in range(30):
        state = night_compound(seed)
        maps.place(state, "k", (3, 3))
        rules.apply(state, Stab("k", "s"))
        assert not state.units["s"].alive


def test_against_an_alert_enemy_the_knife_is_an_ordinary_melee_roll():
    outcomes = set()
    for seed in range(40):
        state = night_compound(seed)
        state.units["s"].alertness = "alert"
        maps.place(state, "k", (3, 3))
        events = rules.apply(state, Stab("k", "s"))
        stab = next(e for e in events if isinstance(e, Stabbed))
        assert not stab.takedown
        outcomes.add(stab.hit)
    assert outcomes == {True, False}


def test_a_takedown_seen_by_a_witness_raises_the_alarm_at_their_next_turn():
    state = night_compound()
    maps.place(state, "k", (3, 3))
    state.ambient = "day"  # in daylight the second sentry sees it happen
    maps.place(state, "b", (6, 3))
    state.cache.clear()
    sight.refresh(state)
    state.units["b"].alertness = "unaware"
    state.units["b"].status.clear()
    rules.apply(state, Stab("k", "s"))
    assert state.units["b"].alertness == "alert"
    events = end_alliance_turn(state)
    assert any(isinstance(e, AlarmRaised) for e in events)
    assert all(
        u.alertness == "alert" for u in state.units.values() if u.side == "calendrea" and u.alive
    )


def test_a_sentry_that_sees_an_enemy_and_lives_raises_the_alarm():
    state = night_compound()
    maps.place(state, "k", (5, 3))  # next to the sentry: within its night sight
    awareness.notice(state, ["k"])
    assert state.units["s"].alertness == "alert"
    events = end_alliance_turn(state)
    assert [e.by for e in events if isinstance(e, AlarmRaised)] == ["s"]
    assert state.side("calendrea").alarm


def test_a_sentry_killed_before_its_turn_raises_nothing():
    state = night_compound()
    maps.place(state, "k", (5, 3))
    awareness.notice(state, ["k"])
    assert state.units["s"].alertness == "alert"
    state.units["s"].hp = 0  # killed in the same turn it saw the raider
    events = end_alliance_turn(state)
    assert not any(isinstance(e, AlarmRaised) for e in events)


def test_silenced_shots_are_heard_only_nearby():
    state = night_compound()
    state.ambient = "day"
    state.cache.clear()
    maps.place(state, "r", (3, 5))
    sight.refresh(state)
    for uid in "sab":
        state.units[uid].alertness = "unaware"
        state.units[uid].status.clear()
    rules.apply(state, Shoot("r", "s", "assault_rifle", "snap"))
    assert state.units["a"].alertness == "unaware"  # inside, eight tiles away: heard nothing
    assert state.units["b"].alertness == "unaware"


def test_the_loud_plan_unsilenced_fire_alerts_the_whole_compound():
    state = night_compound()
    noise = state.catalog.weapons["calendrea_rifle"].noise
    events = awareness.make_noise(state, (2, 3), noise, state.units["k"])
    assert any(isinstance(e, NoiseHeard) and e.loud for e in events)
    assert {state.units[u].alertness for u in "sab"} == {"suspicious"}
    events = end_alliance_turn(state)
    assert any(isinstance(e, AlarmRaised) for e in events)
    assert {state.units[u].alertness for u in "sab"} == {"alert"}


def test_a_heard_noise_tells_the_side_roughly_where_it_came_from():
    state = night_compound(seed=3)
    awareness.make_noise(state, (2, 3), 5, state.units["k"])
    x, y, _turn = state.knowledge["calendrea"].heard[-1]
    jitter = state.catalog.constant("heard_jitter")
    assert abs(x - 2) <= jitter and abs(y - 3) <= jitter
    assert state.units["s"].alertness == "suspicious"
    assert state.units["a"].alertness == "unaware"  # too far to hear a quiet sound


def test_suspicion_fades_when_nothing_more_is_found():
    state = night_compound()
    maps.place(state, "k", (0, 0))  # out of the sentry's night sight
    awareness.make_noise(state, (2, 3), 5, state.units["k"])
    assert state.units["s"].alertness == "suspicious"
    for _ in range(state.catalog.constant("suspicious_turns")):  # its own turns
        rules.apply(state, EndTurn("alliance"))
        assert state.active_side.id == "calendrea"
        rules.apply(state, EndTurn("calendrea"))
    assert state.units["s"].alertness == "unaware"


def test_finding_a_body_makes_a_unit_suspicious():
    state = night_compound()
    maps.place(state, "k", (3, 3))
    rules.apply(state, Stab("k", "s"))
    state.units["a"].alertness = "unaware"
    maps.place(state, "a", (4, 4))  # walks up to the body in the dark
    maps.place(state, "k", (0, 0))
    sight.refresh(state)
    events = awareness.notice(state, ["a"])
    assert state.units["a"].alertness in ("suspicious", "alert")
    assert any(isinstance(e, UnitAlerted) for e in events)


def test_an_unaware_sentry_watches_ahead_so_a_raider_can_creep_up_behind():
    rows = ["..........", "..........", ".k...s....", "..........", ".........."]
    state = maps.make_state(
        rows, {"k": ("marine", "alliance"), "s": ("sentry", "calendrea")}, ambient="day"
    )
    sentry = state.units["s"]
    sentry.alertness = "unaware"
    maps.place(state, "s", (5, 2))
    sentry.facing = 2  # east
    maps.place(state, "k", (1, 2))  # behind it, in broad daylight
    sight.refresh(state)
    assert "k" not in state.knowledge["calendrea"].spotted
    assert not sight.can_see(state, sentry, state.units["k"])
    maps.place(state, "k", (9, 2))  # in front of it
    sight.refresh(state)
    assert sight.can_see(state, sentry, state.units["k"])
    sentry.alertness = "alert"  # once alert it looks all round
    maps.place(state, "k", (1, 2))
    sight.refresh(state)
    assert sight.can_see(state, sentry, state.units["k"])
