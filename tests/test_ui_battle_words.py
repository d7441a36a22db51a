"""The combat log's words (`render.words`) and the previews (`ui.battle_preview`):
pure functions over the state, no window needed."""

from __future__ import annotations

import pytest

from alma_tactics.core import events as ev
from alma_tactics.core.actions import Move, Shoot
from alma_tactics.core.movement import reachable
from alma_tactics.match import Match
from alma_tactics.render import words
from alma_tactics.scenario import find_scenario, load_scenario
from alma_tactics.ui import battle_bar
from alma_tactics.ui import battle_preview as preview


@pytest.fixture
def match() -> Match:
    scenario = load_scenario(find_scenario("night-yard"))
    return Match(scenario.new_state(1), 1, scenario_doc=scenario.doc, scenario_name="night-yard")


def spot_sentry(match: Match) -> None:
    """Walk Davis to where he sees the sentry (the first such tile, cheapest first)."""
    state = match.state
    for tile, _ in sorted(
        reachable(state, state.units["davis"]).tiles(), key=lambda t: (t[1], t[0])
    ):
        trial = Match(match.state.clone(), 1)
        path = reachable(trial.state, trial.state.units["davis"]).path_to(tile)
        if not path:
            continue
        trial.submit(Move("davis", tuple(path)))
        if "sentry1" in trial.state.knowledge["alliance"].spotted:
            match.submit(Move("davis", tuple(path)))
            return
    raise AssertionError("no tile spots the sentry")


def test_an_unseen_enemy_is_never_named(match):
    state = match.state
    assert "sentry1" not in state.knowledge["alliance"].spotted
    shot = ev.ShotFired("sentry1", "davis", "calendrea_rifle", "burst", "body", 40, (True, False))
    text = words.describe(shot, state, "alliance")
    assert text is not None and "someone unseen" in text and "Sentry" not in text
    assert words.describe(ev.UnitHurt("sentry1", 3, 9, "shot", "davis"), state, "alliance") is None
    assert not words.visible_to(ev.UnitMoved("sentry1", ((9, 9),), 2), state, "alliance")
    # what the enemy side spots is its own business
    assert not words.visible_to(ev.UnitSpotted("calendrea", "davis", 1, 6), state, "alliance")
    heard = ev.NoiseHeard("alliance", 9, 9, True)
    assert "Heard gunfire" in words.describe(heard, state, "alliance")


def test_the_witness_cuts_a_move_to_the_steps_the_side_watched(match):
    state = match.state
    state.knowledge["alliance"].spotted.add("sentry1")  # as if in sight as it starts
    events = [
        ev.UnitMoved("sentry1", ((9, 9), (9, 8)), 4),
        ev.UnitLost("alliance", "sentry1", 9, 9),
        ev.UnitMoved("sentry1", ((9, 7),), 2),
        ev.UnitSpotted("alliance", "sentry1", 9, 7),
    ]
    seen = words.Witness(state, "alliance", {"sentry1"}).watch(events)
    moves = [s.event for s in seen if isinstance(s.event, ev.UnitMoved)]
    assert moves == [ev.UnitMoved("sentry1", ((9, 9),), 4)]  # the step out of sight is cut
    assert [type(s.event).__name__ for s in seen] == ["UnitMoved", "UnitLost", "UnitSpotted"]
    assert "Spotted Sentry1 at (9, 7)." in [s.text for s in seen]


def test_turn_numbers_follow_the_turns(match):
    events = [
        ev.TurnEnded("alliance", 1),
        ev.TurnStarted("calendrea", 1),
        ev.TurnStarted("alliance", 2),
    ]
    seen = words.Witness(match.state, "alliance").watch(events)
    assert [s.turn for s in seen if s.text] == [1, 2]


def test_shot_options_match_the_rules(match):
    from alma_tactics.core import combat

    spot_sentry(match)
    state = match.state
    davis, sentry = state.units["davis"], state.units["sentry1"]
    options = preview.shot_options(state, davis, sentry)
    assert {o.mode for o in options} == {m.id for m in combat.ranged_weapons(state, davis)[0].modes}
    for o in options:
        assert o.chance == combat.hit_chance(state, davis, sentry, o.mode, o.weapon, o.aim)
        assert o.expected == combat.expected_damage(state, davis, sentry, o.weapon, o.mode, o.aim)
        assert sum(v for _, v in o.modifiers) >= o.chance or o.chance == state.catalog.constant(
            "min_hit"
        )
    assert any(o.aim == "eye" for o in options)


def test_hearers_and_watchers_come_from_the_sides_knowledge_only(match):
    state = match.state
    davis = state.units["davis"]
    shot = Shoot("davis", "sentry1", "assault_rifle", "burst")
    noises = preview.action_noises(state, shot)
    assert noises and noises[0][0] == davis.pos
    # nobody is known yet: nobody is listed, whoever may really be in earshot
    assert preview.hearers(state, "alliance", [(davis.pos, 99)]) == []
    assert preview.watchers(state, "alliance", davis, davis.pos) == []
    assert preview.watched_tiles(state, "alliance") == set()
    spot_sentry(match)
    state = match.state
    davis = state.units["davis"]
    heard = preview.hearers(state, "alliance", [(davis.pos, 99)])
    assert [c.id for c in heard] == ["sentry1"]
    assert any(
        c.id == "sentry1" for c in preview.watchers(state, "alliance", davis, davis.pos)
    ) or (davis.pos not in preview.watched_tiles(state, "alliance"))


def test_a_grenade_preview_shows_its_blast_and_scatter(match):
    from alma_tactics.core.explosives import Throw

    state = match.state
    throw = Throw("davis", "emp", 6, 6)
    blast = preview.blast_of(state, throw)
    assert blast.tile == (6, 6) and blast.radius == state.catalog.constant("emp_radius")
    assert blast.scatter_chance > 0 and blast.scatter >= 1
    assert preview.action_ap(state, throw) == state.catalog.constant("throw_ap")
    assert preview.in_blast(state, "alliance", preview.Blast((1, 6), 1, 0, 0))[0].startswith(
        "Scott Davis"
    )


def test_the_bar_groups_every_legal_action_with_unique_hotkeys(match):
    spot_sentry(match)
    state = match.state
    entries = battle_bar.build_entries(state, state.units["davis"], "alliance")
    groups = [e.group for e in entries]
    assert groups == sorted(groups, key=battle_bar.GROUP_ORDER.index)
    assert {"move", "face", "shoot", "eye", "overwatch", "launch", "throw"} <= set(groups)
    keys = [e.key for e in entries]
    assert all(keys) and len(keys) == len(set(keys))
    shoot = [e for e in entries if e.group == "shoot"]
    assert all("sentry1" in e.targets for e in shoot)
    assert all(e.ap is not None for e in entries if e.group != "move")


def _sample(cls, unseen: str, side: str):
    """An event of type `cls` whose every unit field names `unseen` (an enemy out of
    sight) and whose side fields name `side`."""
    import dataclasses

    values = {}
    for f in dataclasses.fields(cls):
        kind = str(f.type)
        if f.name in words.UNIT_FIELDS:
            values[f.name] = unseen
        elif f.name == "side":
            values[f.name] = side
        elif "tuple" in kind:
            values[f.name] = ()
        elif "bool" in kind:
            values[f.name] = False
        elif "int" in kind:
            values[f.name] = 3
        else:
            values[f.name] = "something"
    return cls(**values)


@pytest.mark.parametrize("side_field", ["calendrea", "alliance"])
def test_no_event_of_any_kind_names_an_enemy_out_of_sight(match, side_field):
    """Every event type the rules can produce, about an enemy the side does not see:
    the log either says nothing or calls it "someone unseen"."""
    from alma_tactics.core import rules

    rules.load_rules()  # every rule module registers its events
    state = match.state
    assert "guard1" not in state.knowledge["alliance"].spotted
    names = ("guard1", "Guard1", "tower guard")
    for cls in sorted(ev.Event.registry.values(), key=lambda c: c.__name__):
        if cls is ev.UnitSpotted and side_field == "alliance":
            continue  # the side spotting it: the one time it is rightly named
        event = _sample(cls, "guard1", side_field)
        text = words.describe(event, state, "alliance") or ""
        assert not any(n in text for n in names), (cls.__name__, text)
        seen = words.Witness(state, "alliance", set()).watch([event])
        for item in seen:
            assert not any(n in (item.text or "") for n in names), (cls.__name__, item.text)
