"""Grenades, launcher rounds, rocket salvos, shaped charges and shooting the generator.

Every test plays through the one doorway (`Match.submit` -> `rules.check` ->
`rules.apply`) with a fixed seed, and ends turns with `EndTurn` to count rounds.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import maps
import pytest

from alma_tactics.content import load_catalog
from alma_tactics.core import events as ev
from alma_tactics.core import light, rules, sight
from alma_tactics.core.actions import Action, EndTurn, Move
from alma_tactics.core.explosives import (
    Bombard,
    Detonate,
    Launch,
    LightsOut,
    ObjectDestroyed,
    PlaceCharge,
    RoundLaunched,
    ShootObject,
    TerrainBroken,
    Throw,
    UnitDisabled,
)
from alma_tactics.core.rules import IllegalAction, Why
from alma_tactics.core.state import GameState
from alma_tactics.match import Match
from alma_tactics.scenario import build_state

NIGHT_YARD = Path(__file__).resolve().parents[1] / "scenarios" / "night_yard.toml"


def start(state: GameState, seed: int = 0) -> Match:
    return Match(state, seed)


def end_round(match: Match) -> list[ev.Event]:
    """Every side ends its turn once: the next round begins."""
    events: list[ev.Event] = []
    for side in match.state.sides:
        events += match.submit(EndTurn(side=side.id))
    return events


def landed(events: list[ev.Event]) -> tuple[int, int]:
    launch = next(e for e in events if isinstance(e, RoundLaunched))
    return launch.landed_x, launch.landed_y


def only(rows: list[str], markers: str) -> list[str]:
    """The rows with every unit marker but `markers` turned back into open ground."""
    return ["".join(ch if not ch.isalnum() or ch in markers else "." for ch in r) for r in rows]


def constant(match: Match, name: str) -> int:
    return match.state.catalog.constant(name)


# --- EMP -----------------------------------------------------------------------------------
def night_yard(seed: int) -> Match:
    """The story's opening in miniature: Davis in range of the generator, a marine in
    the pool of light that the wall's spotlight throws outside the wall."""
    doc = tomllib.loads(NIGHT_YARD.read_text())
    spots = {"davis": [8, 7], "m1": [8, 6]}
    for unit in doc["unit"]:
        unit["at"] = spots.get(unit["id"], unit["at"])
    return start(build_state(load_catalog(), doc, seed), seed)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_emp_round_into_the_compound_kills_the_generator_and_the_lights(seed):
    match = night_yard(seed)
    state = match.state
    assert light.lit_mask(state)[6, 8], "the marine starts in the spotlight's pool"
    assert "m1" in state.knowledge["calendrea"].spotted, "and the tower guard sees him"

    events = match.submit(Launch(unit="davis", round="emp", x=17, y=7))

    assert not state.objects["generator"].on
    assert any(isinstance(e, LightsOut) and "lamp_west" in e.objects for e in events)
    assert not light.lit_mask(state).any(), "the whole compound is dark"
    assert "m1" not in state.knowledge["calendrea"].spotted
    assert not any(e.loud for e in events if isinstance(e, ev.NoiseMade)), "a thump, no bang"
    assert state.units["davis"].inventory["emp"] == 1


def test_emp_disables_a_combat_mech_for_emp_turns():
    rows = ["d....k...", "........."]
    state = maps.make_state(
        rows, {"d": ("davis", "blue"), "k": ("combat_mech", "red")}, sides=maps.duel_sides()
    )
    state.units["k"].ammo["rocket_salvo"] = 4
    match = start(state, seed=4)
    events = match.submit(Launch(unit="d", round="emp", x=5, y=0))
    assert UnitDisabled(unit="k", turns=constant(match, "emp_turns"), cause="emp") in events

    mech = match.state.units["k"]
    assert mech.ap == 0, "knocked out at once"
    for _ in range(constant(match, "emp_turns")):
        match.submit(EndTurn(side="blue"))
        assert mech.ap == 0, "its turn starts with no action points"
        why = match.check(Bombard(unit="k", weapon="rocket_salvo", x=0, y=0))
        assert why == Why.OUT_OF_AP
        match.submit(EndTurn(side="red"))
    match.submit(EndTurn(side="blue"))
    assert mech.ap == match.state.utype(mech).ap, "the EMP has worn off"
    assert "emp" not in mech.status


# --- smoke ---------------------------------------------------------------------------------
SMOKE_ROWS = ["...........", "w.........s", "..........."]


def test_smoke_blocks_sight_for_a_few_turns_then_thins_out_and_clears():
    state = maps.make_state(
        SMOKE_ROWS, {"w": ("waller", "alliance"), "s": ("soldier", "calendrea")}
    )
    match = start(state, seed=7)
    state = match.state
    waller, soldier = state.units["w"], state.units["s"]
    assert sight.can_see(state, waller, soldier) and sight.can_see(state, soldier, waller)

    events = match.submit(Throw(unit="w", item="smoke", x=5, y=1))
    assert landed(events) == (5, 1), "seeded: this throw does not scatter"
    smoky = [int((state.grid.smoke > 0).sum())]
    assert not sight.can_see(state, waller, soldier)
    assert not sight.can_see(state, soldier, waller)
    assert "w" not in state.knowledge["calendrea"].spotted

    rounds_blocked = 0
    while not sight.can_see(state, waller, soldier):
        end_round(match)
        smoky.append(int((state.grid.smoke > 0).sum()))
        rounds_blocked += 1
        assert rounds_blocked <= constant(match, "smoke_turns")
    assert rounds_blocked >= 2, "smoke lasts a few turns"
    assert smoky == sorted(smoky, reverse=True) and len(set(smoky)) > 2, "it thins out"
    assert not state.grid.smoke.any(), "and clears"
    assert "w" in state.knowledge["calendrea"].spotted


# --- shaped charges ------------------------------------------------------------------------
BREACH_ROWS = [
    "....#.........................",
    "...a#.s.......................",
    "..b.#.........................",
    "....#........................f",
    "....#.........................",
]


def test_shaped_charge_breaches_the_wall_hurls_debris_inward_and_is_loud():
    units = {
        "a": ("marine", "alliance"),
        "b": ("marine", "alliance"),
        "s": ("soldier", "calendrea"),
        "f": ("soldier", "calendrea"),
    }
    state = maps.make_state(BREACH_ROWS, units)
    for uid in ("s", "f"):
        state.units[uid].alertness = "unaware"
    match = start(state, seed=3)
    state = match.state
    assert match.check(Move(unit="a", path=((3, 1), (4, 1), (5, 1)))) == Why.BLOCKED

    match.submit(PlaceCharge(unit="a", x=4, y=1))
    assert state.units["a"].inventory["charge"] == 0
    match.submit(Move(unit="a", path=((2, 0),)))  # a safe distance away
    events = match.submit(Detonate(unit="b", charge="charge1"))

    assert state.grid.rows()[1][4] == ":", "the wall is rubble"
    assert {(e.x, e.y) for e in events if isinstance(e, TerrainBroken)} == {(4, 0), (4, 1), (4, 2)}
    assert "charge1" not in state.objects
    soldier = state.units["s"]
    assert soldier.hp < state.utype(soldier).hp, "debris hurts the far side"
    assert state.units["a"].hp == 10 and state.units["b"].hp == 10, "nobody near it"
    far = state.units["f"]
    assert far.alertness == "suspicious", "the blast is heard across the map"
    assert "raise_alarm" in far.status, "and it is loud: gunfire or an explosion"
    assert match.check(Move(unit="a", path=((3, 1), (4, 1), (5, 1)))) is None

    events = match.submit(EndTurn(side="alliance"))
    assert any(isinstance(e, ev.AlarmRaised) and e.side == "calendrea" for e in events)
    assert far.alertness == "alert"


def test_the_blast_hurts_whoever_stands_next_to_the_charge_on_the_near_side():
    state = maps.make_state(only(BREACH_ROWS, "a"), {"a": ("marine", "alliance")})
    match = start(state)
    match.submit(PlaceCharge(unit="a", x=4, y=1))
    events = match.submit(Detonate(unit="a", charge="charge1"))
    assert any(isinstance(e, ev.UnitHurt) and e.unit == "a" for e in events)


# --- frag, rockets, scatter ----------------------------------------------------------------
FRAG_ROWS = [
    "............",
    "a.....012.3.",
    "......###...",
    ".......4....",
]


def test_frag_hurts_units_in_the_blast_and_not_outside_or_behind_a_wall():
    units = {"a": ("arlana", "blue")}
    units |= {str(n): ("marine", "red") for n in range(5)}
    state = maps.make_state(FRAG_ROWS, units, sides=maps.duel_sides())
    match = start(state, seed=2)
    events = match.submit(Throw(unit="a", item="frag", x=7, y=1))
    assert landed(events) == (7, 1), "seeded: this throw does not scatter"
    hp = {uid: match.state.units[uid].hp for uid in "01234"}
    assert hp["1"] < hp["0"] < 10 and hp["2"] < 10, "hurt, less with distance"
    assert hp["3"] == 10, "three tiles off: outside the blast"
    assert hp["4"] == 10, "the wall shields"
    assert any(e.loud for e in events if isinstance(e, ev.NoiseMade))


def off_target_count(distance: int, launches: int, seed: int) -> int:
    rows = ["." * 24, "d" + "." * 23, "." * 24]
    state = maps.make_state(rows, {"d": ("davis", "alliance")})
    match = start(state, seed)
    davis = match.state.units["d"]
    missed = 0
    for _ in range(launches):
        davis.ap, davis.inventory["smoke"] = 28, 1
        events = match.submit(Launch(unit="d", round="smoke", x=distance, y=1))
        missed += landed(events) != (distance, 1)
    return missed


def test_lobbed_rounds_scatter_at_long_range_and_hardly_ever_at_point_blank():
    launches = 60
    far = off_target_count(16, launches, seed=11)  # 16 tiles: 80% chance to scatter
    near = off_target_count(1, launches, seed=11)  # 1 tile: 5%
    assert far >= launches // 2
    assert near <= launches // 10
    assert far > near


def test_rocket_salvo_breaks_the_wall_and_wrecks_the_generator():
    rows = ["k.......#.", "........#.", ".........."]
    objects = [maps.generator("gen", (9, 0), hp=10)]
    state = maps.make_state(rows, {"k": ("combat_mech", "alliance")}, objects=objects)
    state.units["k"].ammo["rocket_salvo"] = 1
    match = start(state, seed=5)
    events = match.submit(Bombard(unit="k", weapon="rocket_salvo", x=8, y=0))
    assert any(isinstance(e, TerrainBroken) for e in events)
    assert ":" in "".join(match.state.grid.rows())
    assert match.state.objects["gen"].hp < 10
    assert match.state.units["k"].ammo["rocket_salvo"] == 0
    assert match.check(Bombard(unit="k", weapon="rocket_salvo", x=7, y=1)) == Why.NO_AMMO


# --- the generator ---------------------------------------------------------------------------
def test_destroying_the_generator_by_rifle_fire_darkens_every_lamp_it_feeds():
    rows = ["..........", "..........", "a.........", "..........", ".........."]
    objects = [
        maps.generator("gen", (6, 2), hp=20),
        maps.spotlight("lamp1", (6, 0), radius=3, generator="gen"),
        maps.spotlight("lamp2", (8, 4), radius=2, generator="gen"),
        maps.spotlight("torch", (1, 4), radius=1),  # self-powered: stays lit
    ]
    state = maps.make_state(rows, {"a": ("marine", "alliance")}, objects=objects, ambient="night")
    state.units["a"].ammo["assault_rifle"] = 30
    match = start(state, seed=9)
    state = match.state
    assert light.lit_mask(state)[2, 6] and light.lit_mask(state)[4, 8]

    events: list[ev.Event] = []
    for _ in range(30):
        if state.objects["gen"].hp == 0:
            break
        if state.units["a"].ap < 10:
            end_round(match)
        events += match.submit(
            ShootObject(unit="a", object="gen", weapon="assault_rifle", mode="burst")
        )
    assert ObjectDestroyed(object="gen", by="a") in events
    out = next(e for e in events if isinstance(e, LightsOut))
    assert set(out.objects) == {"lamp1", "lamp2"}
    lit = light.lit_mask(state)
    assert not lit[0:4, 3:10].any() and not lit[4, 8]
    assert lit[4, 1], "a lamp with its own power burns on"
    assert match.check(ShootObject("a", "gen", "assault_rifle", "burst")) == Why.NO_TARGET


# --- illegal actions -----------------------------------------------------------------------
ILLEGAL_ROWS = [
    "d.#...........................",
    ".m#..^.......................g",
    "k.#...........................",
    "........#.....................",
]


def yard() -> Match:
    units = {
        "d": ("davis", "alliance"),
        "m": ("marine", "alliance"),
        "k": ("combat_mech", "alliance"),
        "g": ("soldier", "calendrea"),
    }
    state = maps.make_state(
        ILLEGAL_ROWS, units, objects=[maps.generator("gen", (20, 3), hp=0)], ambient="day"
    )
    state.units["k"].ammo["rocket_salvo"] = 0
    state.units["m"].ammo["assault_rifle"] = 30
    state.units["d"].inventory["emp"] = 0
    return start(state, seed=1)


def calendrea_turn(match: Match) -> None:
    match.submit(EndTurn(side="alliance"))


def with_charge(match: Match) -> None:
    match.submit(PlaceCharge(unit="m", x=2, y=0))
    match.state.units["m"].inventory["charge"] = 1


def no_charge(match: Match) -> None:
    match.state.units["m"].inventory["charge"] = 0


def tired(match: Match) -> None:
    match.state.units["m"].ap = 3


CASES = [
    ("no charge to place", PlaceCharge("m", 2, 1), no_charge, Why.NO_ITEM),
    ("charge not next to the wall", PlaceCharge("m", 8, 3), None, Why.NOT_ADJACENT),
    ("charge on open ground", PlaceCharge("m", 1, 2), None, Why.NO_TARGET),
    ("charge on bedrock", PlaceCharge("m", 5, 1), None, Why.NO_TARGET),
    ("charge off the map", PlaceCharge("m", -1, 1), None, Why.NO_TARGET),
    ("charge without the AP", PlaceCharge("m", 2, 1), tired, Why.OUT_OF_AP),
    ("second charge on a tile", PlaceCharge("m", 2, 0), with_charge, Why.ALREADY),
    ("charge at a string", PlaceCharge("m", "2", 1), None, Why.MALFORMED),
    (
        "wrong side detonates",
        Detonate("g", "charge1"),
        lambda m: (with_charge(m), calendrea_turn(m)),
        Why.NOT_YOURS,
    ),
    ("no such charge", Detonate("m", "charge9"), None, Why.NO_TARGET),
    ("detonate a generator", Detonate("m", "gen"), None, Why.NO_TARGET),
    ("launch out of range", Launch("d", "smoke", 25, 1), None, Why.OUT_OF_RANGE),
    ("throw out of range", Throw("d", "smoke", 12, 0), None, Why.OUT_OF_RANGE),
    ("launch off the map", Launch("d", "smoke", 0, 9), None, Why.NO_TARGET),
    ("no EMP rounds left", Launch("d", "emp", 6, 1), None, Why.NO_ITEM),
    ("no launcher", Launch("m", "smoke", 6, 1), None, Why.NO_WEAPON),
    ("not a launcher round", Launch("d", "charge", 6, 1), None, Why.NOT_ALLOWED),
    ("not a grenade", Throw("d", "rocket", 6, 1), None, Why.NOT_ALLOWED),
    ("no grenade of that kind", Throw("m", "frag", 6, 1), None, Why.NO_ITEM),
    ("salvo with no rockets left", Bombard("k", "rocket_salvo", 6, 1), None, Why.NO_AMMO),
    ("salvo from a marine", Bombard("m", "assault_rifle", 6, 1), None, Why.NO_WEAPON),
    (
        "shoot a wrecked generator",
        ShootObject("m", "gen", "assault_rifle", "burst"),
        None,
        Why.NO_TARGET,
    ),
    (
        "shoot with no such mode",
        ShootObject("m", "gen", "assault_rifle", "lob"),
        None,
        Why.MALFORMED,
    ),
    ("launch in the enemy's turn", Launch("d", "smoke", 6, 1), calendrea_turn, Why.NOT_YOUR_TURN),
]


@pytest.mark.parametrize(
    ("action", "setup", "why"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_illegal_explosives_name_why_and_change_nothing(action: Action, setup, why: Why):
    match = yard()
    if setup:
        setup(match)
    state = match.state
    before = state.state_hash()
    assert rules.check(state, action) == why
    with pytest.raises(IllegalAction) as raised:
        rules.apply(state, action)
    assert raised.value.why == why
    assert state.state_hash() == before


def test_salvo_needs_ground_its_side_has_seen_and_a_shot_needs_the_generator_in_sight():
    rows = ["k" + "." * 29, "." + "#" * 29, "." * 30]
    objects = [maps.generator("gen", (10, 2), hp=20)]
    state = maps.make_state(rows, {"k": ("combat_mech", "alliance")}, objects=objects)
    state.units["k"].ammo |= {"rocket_salvo": 4, "gatling": 200}
    match = start(state)
    assert match.check(Bombard("k", "rocket_salvo", 20, 2)) == Why.TARGET_UNSEEN
    assert match.check(Bombard("k", "rocket_salvo", 10, 1)) is None, "the wall is in view"
    assert match.check(Bombard("k", "rocket_salvo", 25, 0)) == Why.OUT_OF_RANGE
    assert match.check(ShootObject("k", "gen", "gatling", "burst")) == Why.TARGET_UNSEEN


# --- the doorway's promises ------------------------------------------------------------------
def test_legal_actions_offer_the_breach_and_the_lob():
    rows = only(BREACH_ROWS, "as")
    state = maps.make_state(rows, {"a": ("davis", "alliance"), "s": ("soldier", "calendrea")})
    offered = rules.legal_actions(state, state.units["a"])
    assert PlaceCharge("a", 4, 1) in offered and PlaceCharge("a", 4, 0) in offered
    assert not any(isinstance(a, Launch) and a.round == "frag" for a in offered), "has none"


def test_a_raid_replays_to_the_same_state():
    state = maps.make_state(
        only(BREACH_ROWS, "abs"),
        {"a": ("davis", "alliance"), "b": ("marine", "alliance"), "s": ("soldier", "calendrea")},
    )
    log: list[Action] = [
        PlaceCharge("a", 4, 1),
        Move("a", ((2, 0),)),
        Detonate("b", "charge1"),
        Launch("a", "smoke", 6, 1),
        EndTurn("alliance"),
        EndTurn("calendrea"),
    ]
    first = Match.replay(state.clone(), 21, log)
    second = Match.replay(state.clone(), 21, [Action.from_dict(a.to_dict()) for a in log])
    assert first.state.state_hash() == second.state.state_hash()
    copy = GameState.from_dict(first.state.catalog, first.state.to_dict())
    assert copy.state_hash() == first.state.state_hash()
    for events in first.history:
        for event in events:
            assert ev.Event.from_dict(event.to_dict()) == event
