"""What a side knows: ghosts where enemies were last seen, and tiles ever explored."""

from __future__ import annotations

import random

import maps
import numpy as np

from alma_tactics.core import events as ev
from alma_tactics.core import rules, sight
from alma_tactics.core.actions import EndTurn, Move

ALLEY = [
    "#######",
    "a.....#",
    "###.###",
    "###.###",
    "###e..#",
    "#######",
]
UNITS = {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")}


def test_a_ghost_stays_where_an_enemy_was_seen_when_the_viewer_walks_away() -> None:
    state = maps.make_state(ALLEY, UNITS)
    rules.apply(state, Move(unit="a", path=((1, 1), (2, 1), (3, 1))))
    assert state.knowledge["alliance"].spotted == {"e"}
    events = rules.apply(state, Move(unit="a", path=((4, 1), (5, 1))))
    assert ev.UnitLost(side="alliance", unit="e", x=3, y=4) in events
    know = state.knowledge["alliance"]
    assert know.spotted == set()
    ghost = know.ghosts["e"]
    assert (ghost.x, ghost.y, ghost.type_id, ghost.turn) == (3, 4, "soldier", 1)
    assert maps.draw(state, "alliance", fog="~") == [
        "#######",
        ".....a#",
        "###.###",
        "~~#~~~~",
        "~~~?~~~",
        "~~~~~~~",
    ]


def test_a_ghost_vanishes_when_its_tile_is_seen_empty() -> None:
    state = maps.make_state(ALLEY, UNITS)
    rules.apply(state, Move(unit="a", path=((1, 1), (2, 1), (3, 1))))
    rules.apply(state, Move(unit="a", path=((4, 1), (5, 1))))
    rules.apply(state, EndTurn(side="alliance"))
    rules.apply(state, Move(unit="e", path=((4, 4), (5, 4))))  # round the corner, unseen
    rules.apply(state, EndTurn(side="calendrea"))
    assert "e" in state.knowledge["alliance"].ghosts
    rules.apply(state, Move(unit="a", path=((4, 1), (3, 1))))
    know = state.knowledge["alliance"]
    assert "e" not in know.spotted
    assert "e" not in know.ghosts, "the tile where it stood is in view and empty"
    assert maps.draw(state, "alliance", fog="~") == [
        "#######",
        "...a..#",
        "###.###",
        "~~#.#~~",
        "~~#.~~~",
        "~~###~~",
    ]


def test_a_ghost_is_replaced_by_the_enemy_when_it_is_seen_again() -> None:
    state = maps.make_state(ALLEY, UNITS)
    rules.apply(state, Move(unit="a", path=((1, 1), (2, 1), (3, 1))))
    rules.apply(state, Move(unit="a", path=((4, 1),)))
    assert "e" in state.knowledge["alliance"].ghosts
    events = rules.apply(state, Move(unit="a", path=((3, 1),)))
    assert ev.UnitSpotted(side="alliance", unit="e", x=3, y=4) in events
    assert state.knowledge["alliance"].ghosts == {}


def test_a_ghost_stays_put_while_its_tile_is_out_of_sight() -> None:
    state = maps.make_state(ALLEY, UNITS)
    rules.apply(state, Move(unit="a", path=((1, 1), (2, 1), (3, 1))))
    rules.apply(state, Move(unit="a", path=((4, 1), (5, 1))))
    rules.apply(state, EndTurn(side="alliance"))
    rules.apply(state, EndTurn(side="calendrea"))
    rules.apply(state, Move(unit="a", path=((4, 1),)))
    ghost = state.knowledge["alliance"].ghosts["e"]
    assert (ghost.x, ghost.y, ghost.turn) == (3, 4, 1)


def test_a_ghost_stays_where_an_enemy_was_last_seen_when_the_enemy_walks_away() -> None:
    rows = [
        ".....#....",
        ".....#....",
        ".....#....",
        "a......e..",
        "..........",
    ]
    state = maps.make_state(rows, UNITS)
    assert state.knowledge["alliance"].spotted == {"e"}
    rules.apply(state, EndTurn(side="alliance"))
    events = rules.apply(state, Move(unit="e", path=((7, 2), (7, 1), (7, 0))))
    assert not sight.visible_tiles(state, "alliance")[2, 7], "(7, 2) is behind the wall"
    lost = maps.of_type(events, ev.UnitLost)
    assert ev.UnitLost(side="alliance", unit="e", x=7, y=3) in lost
    ghost = state.knowledge["alliance"].ghosts["e"]
    assert (ghost.x, ghost.y) == (7, 3), "\n" + maps.show(maps.draw(state, "alliance"))


FIELD = [
    "..........#.........",
    "..a.......#.........",
    "..........#....#....",
    "....####..#....#....",
    "...........e...#....",
    "........,,,.........",
    "....b....TT.....^^..",
]


def test_explored_tiles_only_grow() -> None:
    state = maps.make_state(
        FIELD,
        {"a": ("marine", "alliance"), "b": ("elf", "alliance"), "e": ("soldier", "calendrea")},
        ambient="night",
    )
    rng = random.Random(11)
    explored = {s: state.knowledge[s].explored.copy() for s in ("alliance", "calendrea")}
    for side in explored:
        assert (explored[side] >= sight.visible_tiles(state, side)).all()
    for _ in range(30):
        side = state.active_side.id
        mine = [u for u in state.units.values() if u.side == side]
        actions = rules.legal_actions(state, rng.choice(mine))
        rules.apply(state, actions[rng.randrange(len(actions))])
        for s, before in explored.items():
            now = state.knowledge[s].explored
            assert (now >= before).all(), "a tile once explored is never forgotten"
            assert (now >= sight.visible_tiles(state, s)).all(), "what is seen is explored"
            explored[s] = now.copy()
    assert explored["alliance"].sum() > np.count_nonzero(explored["alliance"][:1]), "it moved"
