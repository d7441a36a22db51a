"""The main base's commander: reinforcements go where the side knows it is attacked.

Small hand-built battlefields (a base with ten soldiers and a land transport, two
targets held by two soldiers each, Alliance units outside) prove the decision
reacts to what is attacked and how hard, never to a timer or to enemies nobody
has seen; the four-target assault proves it in the story's battle.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from test_scenario_files import replaced, write

from alma_tactics.ai import AiPlayer, commander
from alma_tactics.ai.simulate import play
from alma_tactics.ai.view import SideView
from alma_tactics.content import load_catalog
from alma_tactics.core import events as ev
from alma_tactics.core import sight
from alma_tactics.core.actions import EndTurn, Move
from alma_tactics.core.grid import distance
from alma_tactics.core.transports import Board, UnitBoarded
from alma_tactics.match import Match
from alma_tactics.scenario import build_state, load_scenario, validate

CATALOG = load_catalog()
W, H = 40, 20
BASE_RECT = [0, 0, 12, 12]
TARGET_A = [28, 0, 35, 5]
TARGET_B = [28, 13, 35, 19]
BUNKERS = [(18, 15, 22, 19), (35, 7, 39, 11)]  # closed wall boxes: who is inside is unseen
GARRISON = [(x, y) for y in (4, 8) for x in range(4, 9)]  # ten soldiers round the truck


def rows() -> list[str]:
    grid = [["."] * W for _ in range(H)]
    for x0, y0, x1, y1 in BUNKERS:
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                if x in (x0, x1) or y in (y0, y1):
                    grid[y][x] = "#"
    return ["".join(r) for r in grid]


def unit(uid: str, utype: str, side: str, at=None, **extra) -> dict:
    table = {"id": uid, "type": utype, "side": side, **extra}
    if at is not None:
        table["at"] = list(at)
    return table


def scenario(alliance: list[tuple[str, str, tuple[int, int]]] = (), extra=()) -> dict:
    """The test battlefield; `alliance` adds (id, type, tile) attackers, `extra` units."""
    units = [unit("truck", "land_transport", "calendrea", (6, 6))]
    units += [unit(f"s{i}", "soldier", "calendrea", at) for i, at in enumerate(GARRISON, 1)]
    units += [
        unit("a1", "soldier", "calendrea", (31, 2)),
        unit("a2", "soldier", "calendrea", (32, 3)),
    ]
    units += [
        unit("b1", "soldier", "calendrea", (31, 15)),
        unit("b2", "soldier", "calendrea", (32, 16)),
    ]
    units.append(unit("hidden", "marine", "alliance", (20, 17)))  # inside the first bunker
    units += [unit(uid, utype, "alliance", at) for uid, utype, at in alliance]
    units += [copy.deepcopy(u) for u in extra]
    return {
        "scenario": {"title": "Commander test", "description": "", "version": 1},
        "map": {"width": W, "height": H, "rows": "\n".join(rows()) + "\n"},
        "side": [
            {
                "id": "calendrea",
                "faction": "calendrea",
                "controller": "ai",
                "ai": {"base": "base", "defend": ["target_a", "target_b"], "keep": 2},
            },
            {"id": "alliance", "faction": "alliance"},
        ],
        "unit": units,
        "area": [
            {"id": "base", "rect": BASE_RECT},
            {"id": "target_a", "rect": TARGET_A},
            {"id": "target_b", "rect": TARGET_B},
        ],
    }


def new_match(doc: dict, flags: dict[str, int] | None = None, hurt: str = "") -> Match:
    state = build_state(CATALOG, doc, seed=1)
    state.flags.update(flags or {})  # what the rules note when a unit in an area is hit
    if hurt:
        state.units[hurt].hp -= 3
    return Match(state, 1)


def calendrea_turn(match: Match, player: AiPlayer | None = None) -> list:
    """Play the Calendrea turn to its end; the (action, events) pairs."""
    player = player or AiPlayer("calendrea")
    out = []
    for _ in range(1000):
        action = player.next_action(match.state)
        out.append((action, match.submit(action)))
        if isinstance(action, EndTurn):
            return out
    raise AssertionError("the Calendrea turn never ended")


def alliance_waits(match: Match) -> None:
    match.submit(EndTurn("alliance"))


def boarded(turn: list) -> list[str]:
    return [e.unit for _, events in turn for e in events if isinstance(e, UnitBoarded)]


def unloaded(turn: list) -> list[ev.UnitUnloaded]:
    return [e for _, events in turn for e in events if isinstance(e, ev.UnitUnloaded)]


def to_rect(pos, rect) -> int:
    """Tiles from `pos` to the nearest tile of `rect`."""
    x = min(max(pos[0], rect[0]), rect[2])
    y = min(max(pos[1], rect[1]), rect[3])
    return distance(pos, (x, y))


# --- (a) nothing attacked: nobody is sent ------------------------------------------------------
def test_no_target_attacked_sends_nobody():
    match = new_match(scenario())
    start = match.state.units["truck"].pos
    for _ in range(3):
        orders = commander.plan(SideView(match.state, "calendrea"))
        assert not orders.sending and not orders.recall
        turn = calendrea_turn(match)
        assert boarded(turn) == []
        assert not any(getattr(a, "unit", "") == "truck" for a, _ in turn)
        alliance_waits(match)
    assert match.state.units["truck"].pos == start


# --- (b) a light attack draws a little help, a heavy one more ----------------------------------
LIGHT = {
    "marine seen": ({"alliance": [("m1", "marine", (38, 2))]}, {}, ""),
    "soldier hurt": ({}, {"attacked:target_a": 1}, "a1"),
}
HEAVY = [
    ("m1", "marine", (38, 1)),
    ("m2", "marine", (38, 2)),
    ("m3", "marine", (38, 3)),
    ("m4", "marine", (39, 4)),
    ("k1", "combat_mech", (39, 0)),
]
SPARE = len(GARRISON) - 2  # the scenario keeps two at home


@pytest.mark.parametrize("how", sorted(LIGHT))
def test_a_light_attack_draws_a_little_help_towards_it(how):
    kwargs, flags, hurt = LIGHT[how]
    match = new_match(scenario(**kwargs), flags, hurt)
    orders = commander.plan(SideView(match.state, "calendrea"))
    assert orders.need.keys() == {"target_a"} and not orders.recall
    start = match.state.units["truck"].pos
    turn = calendrea_turn(match)
    riders = boarded(turn)
    assert 0 < len(riders) < SPARE
    assert set(riders) <= set(orders.board)
    truck = match.state.units["truck"]
    assert to_rect(truck.pos, TARGET_A) < to_rect(start, TARGET_A)
    # units under orders do nothing else: boarders only walk and board
    for action, _ in turn:
        if getattr(action, "unit", "") in orders.board:
            assert isinstance(action, Move | Board), action


def test_a_heavier_attack_sends_more():
    light = calendrea_turn(new_match(scenario(), {"attacked:target_a": 1}, "a1"))
    heavy = calendrea_turn(new_match(scenario(alliance=HEAVY)))
    assert len(boarded(heavy)) > len(boarded(light)) > 0
    assert len(boarded(heavy)) <= SPARE  # the garrison it keeps stays home


def test_the_trip_goes_on_from_the_state_alone_and_riders_get_out_there():
    """A fresh player each turn (as after loading a save) drives on and unloads at A."""
    match = new_match(scenario(), {"attacked:target_a": 1}, "a1")
    riders = boarded(calendrea_turn(match))
    assert riders
    alliance_waits(match)
    second = calendrea_turn(match, AiPlayer("calendrea"))
    out = unloaded(second)
    assert {e.unit for e in out} == set(riders)
    assert all(e.transport == "truck" for e in out)
    assert all(to_rect((e.x, e.y), TARGET_A) <= commander.ARRIVE + 1 for e in out)
    assert boarded(second) == []  # A's need is met by those on their way


# --- (c) the base attacked: everyone comes home ------------------------------------------------
OUT_THERE = [unit("truck2", "land_transport", "calendrea", (20, 4))] + [
    unit(f"r{i}", "soldier", "calendrea", carried_by="truck2") for i in (1, 2, 3)
]
AT_THE_GATE = [("g1", "marine", (16, 9)), ("g2", "marine", (16, 11)), ("g3", "marine", (15, 13))]
AT_THE_GATE += [("g4", "marine", (17, 10))]


@pytest.mark.parametrize("how", ["enemies at the gate", "a soldier hurt at home"])
def test_an_attack_on_the_base_recalls_the_loaded_transport(how):
    away = new_match(scenario(alliance=HEAVY, extra=OUT_THERE))
    orders = commander.plan(SideView(away.state, "calendrea"))
    assert orders.drive["truck2"] == "target_a" and orders.board  # without the attack
    if how == "enemies at the gate":
        match = new_match(scenario(alliance=HEAVY + AT_THE_GATE, extra=OUT_THERE))
    else:
        match = new_match(scenario(alliance=HEAVY, extra=OUT_THERE), {"attacked:base": 1}, "s1")
    orders = commander.plan(SideView(match.state, "calendrea"))
    assert orders.recall and orders.drive == {"truck2": "base"} and not orders.board
    start = match.state.units["truck2"].pos
    turn = calendrea_turn(match)
    assert boarded(turn) == []
    assert to_rect(match.state.units["truck2"].pos, BASE_RECT) < to_rect(start, BASE_RECT)
    assert match.state.units["truck"].pos == (6, 6)


def test_a_lone_scout_seen_near_a_full_base_recalls_nobody():
    match = new_match(scenario(alliance=[("x1", "marine", (16, 9))]), {"attacked:target_a": 1})
    orders = commander.plan(SideView(match.state, "calendrea"))
    assert orders.threat["base"] > 0 and not orders.recall and orders.board


# --- (d) only what the side knows --------------------------------------------------------------
def test_the_commander_never_reads_unseen_enemies():
    flags = {"attacked:target_a": 1}
    one = new_match(scenario(), flags, "a1")
    other = new_match(scenario(), flags, "a1")
    hidden = other.state.units["hidden"]
    hidden.x, hidden.y = 37, 9  # into the bunker right by target A: still unseen
    other.state.units_changed()
    sight.refresh(other.state)
    for match in (one, other):
        assert "hidden" not in match.state.knowledge["calendrea"].spotted
    orders = [commander.plan(SideView(m.state, "calendrea")) for m in (one, other)]
    assert orders[0] == orders[1] and orders[0].board
    turns = [[a for a, _ in calendrea_turn(m)] for m in (one, other)]
    assert turns[0] == turns[1]


def test_a_side_without_hints_lets_its_riders_out():
    doc = scenario(extra=OUT_THERE)
    del doc["side"][0]["ai"]
    match = new_match(doc)
    orders = commander.plan(SideView(match.state, "calendrea"))
    assert orders.unload == {"truck2"} and not orders.drive and not orders.board
    assert len(unloaded(calendrea_turn(match))) == 3


# --- (e) the story's battle --------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_four_target_assault_sends_reinforcements_once_the_diversions_attack(seed):
    outcome = play("four-target-assault", seed, turns=1)
    state = outcome.match.state
    attacked = {k for k in state.flags if k.startswith("attacked:target_")}
    assert attacked, "the diversions should open fire on turn 1"
    riders = [
        e.unit
        for events in outcome.match.history
        for e in events
        if isinstance(e, UnitBoarded) and state.units[e.unit].side == "calendrea"
    ]
    assert riders
    start = build_state(CATALOG, outcome.match.scenario_doc, seed)
    left = [
        t.id
        for t in state.units.values()
        if t.id.startswith(("drop_ship", "land_transport")) and t.pos != start.units[t.id].pos
    ]
    assert left


# --- the hints in scenario files ---------------------------------------------------------------
HINTED = replaced(
    'alertness = "unaware"\n',
    'alertness = "unaware"\nai = { base = "hut", defend = ["yard"], keep = 3 }\n',
    replaced(
        "rect = [3, 2, 4, 3]\n",
        'rect = [3, 2, 4, 3]\n\n[[area]]\nid = "yard"\nrect = [6, 0, 9, 5]\n',
    ),
)


def test_side_hints_validate_and_reach_the_state(tmp_path: Path):
    assert validate(write(tmp_path, HINTED)) == []
    state = load_scenario(write(tmp_path, HINTED)).new_state(1)
    assert state.side("calendrea").ai == {"base": "hut", "defend": ["yard"], "keep": 3}
    assert state.side("alliance").ai == {}


@pytest.mark.parametrize(
    "hints, message, at",
    [
        (
            '{ base = "hut", defend = ["yard"], kept = 3 }',
            "unknown key 'kept' (did you mean 'keep'?)",
            "kept",
        ),
        (
            '{ base = "hat", defend = ["yard"] }',
            "ai.base: unknown area 'hat' (did you mean 'hut'?)",
            "base",
        ),
        ('{ base = "hut", defend = ["yard", "yrd"] }', "ai.defend[1]: unknown area 'yrd'", '"yrd"'),
        ('{ base = "hut", defend = ["hut"] }', "'hut' is the base itself", '"hut"]'),
        ('{ base = "hut", defend = ["yard", "yard"] }', "'yard' is named twice", '"yard"]'),
        ('{ base = "hut", keep = -1 }', "ai.keep: must be a count (0 or more), not -1", "keep"),
        ('{ base = "hut", keep = "six" }', "ai.keep: must be an integer, not string", "keep"),
        ('{ base = "hut", defend = "yard" }', "ai.defend: must be an array", "defend"),
        ('"hut"', "side[1].ai: must be a table, not string", "ai"),
    ],
)
def test_bad_side_hints_are_reported_where_they_are(tmp_path: Path, hints, message, at):
    text = HINTED.replace('{ base = "hut", defend = ["yard"], keep = 3 }', hints)
    problems = validate(write(tmp_path, text))
    assert len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert message in problem.message
    line_start = text.index("ai = ")
    line = text.count("\n", 0, line_start) + 1
    assert problem.line == line
    col = text.index(at, line_start) - line_start + 1
    assert problem.col == col, str(problem)
