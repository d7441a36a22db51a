"""Line of sight: tcod's symmetric shadowcasting, walls, smoke and guard towers."""

from __future__ import annotations

import maps
import numpy as np
import tcod.map
from hypothesis import given, settings
from hypothesis import strategies as st

from alma_tactics.core import sight
from alma_tactics.core.grid import Grid
from alma_tactics.core.sight import FOV


@st.composite
def open_maps(draw, terrain: str = "......#", max_side: int = 26):
    """(rows, viewer position) on a random map with one standable viewer tile."""
    width = draw(st.integers(1, max_side))
    height = draw(st.integers(1, max_side))
    rows = [
        "".join(draw(st.lists(st.sampled_from(terrain), min_size=width, max_size=width)))
        for _ in range(height)
    ]
    x, y = draw(st.integers(0, width - 1)), draw(st.integers(0, height - 1))
    rows[y] = rows[y][:x] + "a" + rows[y][x + 1 :]
    return rows, (x, y)


def full_fov(transparency: np.ndarray, pos, radius: int) -> np.ndarray:
    return tcod.map.compute_fov(transparency, (pos[1], pos[0]), radius, True, FOV)


@settings(max_examples=50, deadline=None)
@given(open_maps(), st.integers(1, 20))  # radius 0 means "unlimited" to tcod
def test_windowed_fov_equals_the_full_map_call(drawn, radius) -> None:
    rows, pos = drawn
    catalog = maps.catalog()
    grid = Grid.from_rows(catalog, [r.replace("a", ".") for r in rows])
    x0, y0, window = sight.fov(grid.transparency(0), pos, radius)
    placed = np.zeros((grid.height, grid.width), dtype=bool)
    placed[y0 : y0 + window.shape[0], x0 : x0 + window.shape[1]] = window
    expected = full_fov(grid.transparency(0), pos, radius)
    assert np.array_equal(placed, expected), maps.show(
        [
            a + "  " + b
            for a, b in zip(maps.mask_rows(placed), maps.mask_rows(expected), strict=True)
        ]
    )


@settings(max_examples=50, deadline=None)
@given(open_maps(), st.sampled_from(["marine", "sentry", "sniper", "scout_mech", "elf"]))
def test_a_units_view_by_day_is_tcods_field_of_view(drawn, type_id) -> None:
    rows, pos = drawn
    catalog = maps.catalog()
    state = maps.make_state(rows, {"a": (type_id, "alliance")}, cat=catalog)
    radius = catalog.units[type_id].sight
    expected = full_fov(state.grid.transparency(0), pos, radius)
    seen = maps.view_mask(state, "a")
    assert np.array_equal(seen, expected), maps.show(
        [a + "  " + b for a, b in zip(maps.mask_rows(seen), maps.mask_rows(expected), strict=True)]
    )
    assert np.array_equal(sight.visible_tiles(state, "alliance"), expected)


def test_walls_block_sight() -> None:
    state = maps.make_state(
        [
            "...#...",
            ".a.#.e.",
            "...#...",
        ],
        {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")},
    )
    assert maps.draw(state, "alliance") == [
        "...#   ",
        ".a.#   ",
        "...#   ",
    ]
    assert not state.knowledge["alliance"].spotted
    assert not state.knowledge["calendrea"].spotted
    assert not sight.has_line_of_sight(state.grid, (1, 1), (5, 1))
    assert not sight.can_see(state, state.units["a"], state.units["e"])


def test_forest_and_rubble_do_not_block_sight() -> None:
    state = maps.make_state(
        [".a.TTT:::.e."],
        {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")},
    )
    assert state.knowledge["alliance"].spotted == {"e"}
    assert sight.can_see(state, state.units["a"], state.units["e"])


def smoke_state(rows, units, smoke_tiles):
    state = maps.make_state(rows, units, refresh=False)
    smoke = np.zeros_like(state.grid.smoke)
    for x, y in smoke_tiles:
        smoke[y, x] = 3
    state.grid.set_smoke(smoke)
    sight.refresh(state)
    return state


def test_smoke_blocks_sight_like_a_wall() -> None:
    rows = [
        ".......",
        ".a...e.",
        ".......",
    ]
    units = {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")}
    clear = maps.make_state(rows, units)
    assert clear.knowledge["alliance"].spotted == {"e"}
    smoky = smoke_state(rows, units, [(3, 0), (3, 1), (3, 2)])
    assert not smoky.knowledge["alliance"].spotted
    assert not smoky.knowledge["calendrea"].spotted
    assert maps.draw(smoky, "alliance") == [
        "...*   ",
        ".a.*   ",
        "...*   ",
    ], "the smoke's near face is seen, nothing behind it"


def test_a_unit_in_smoke_is_seen_only_from_next_to_it() -> None:
    rows = [
        "a.........",
        ".....e....",
        "..........",
    ]
    cloud = [(x, y) for x in (4, 5, 6) for y in (0, 1, 2)]
    units = {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")}
    state = smoke_state(rows, units, cloud)
    for pos, seen in [((0, 1), False), ((3, 1), False), ((4, 0), True), ((6, 2), True)]:
        maps.place(state, "a", pos)
        sight.refresh(state, moved=["a"])
        assert ("e" in state.knowledge["alliance"].spotted) == seen, pos
        assert sight.can_see(state, state.units["a"], state.units["e"]) == seen, pos


TOWER = [
    "........",
    "..g.s...",
    "########",
    "........",
    "..a.....",
]
TOWER_UNITS = {
    "g": ("tower_guard", "calendrea", "H"),
    "s": ("soldier", "calendrea"),
    "a": ("marine", "alliance"),
}


def test_a_tower_guard_sees_over_the_wall_and_is_seen_back() -> None:
    state = maps.make_state(TOWER, TOWER_UNITS)
    grid = state.grid
    g, s, a = (state.units[u].pos for u in "gsa")
    assert grid.elevation[g[1], g[0]] == 2
    assert sight.has_line_of_sight(grid, g, a) and sight.has_line_of_sight(grid, a, g)
    assert not sight.has_line_of_sight(grid, s, a) and not sight.has_line_of_sight(grid, a, s)
    assert state.knowledge["calendrea"].spotted == {"a"}, "the guard sees the marine"
    assert state.knowledge["alliance"].spotted == {"g"}, "seen back, but not the soldier"
    assert sight.can_see(state, state.units["g"], state.units["a"])
    assert sight.can_see(state, state.units["a"], state.units["g"])
    assert not sight.can_see(state, state.units["a"], state.units["s"])
    assert not sight.can_see(state, state.units["s"], state.units["a"])
    assert maps.draw(state, "alliance", fog="~") == [
        "~~~~~~~~",
        "~~g~~~~~",
        "########",
        "........",
        "..a.....",
    ]


def test_without_the_tower_the_guard_is_behind_the_wall_too() -> None:
    units = dict(TOWER_UNITS, g=("tower_guard", "calendrea", "."))
    state = maps.make_state(TOWER, units)
    assert not state.knowledge["calendrea"].spotted
    assert not state.knowledge["alliance"].spotted


def test_a_building_is_too_tall_to_see_over_from_a_tower() -> None:
    rows = [r.replace("#", "B") for r in TOWER]
    state = maps.make_state(rows, TOWER_UNITS)
    assert not state.knowledge["calendrea"].spotted
    assert not state.knowledge["alliance"].spotted


@st.composite
def maps_with_smoke(draw):
    width = draw(st.integers(2, 20))
    height = draw(st.integers(2, 20))
    kinds = st.sampled_from("....#H,TB")
    rows = ["".join(draw(st.lists(kinds, min_size=width, max_size=width))) for _ in range(height)]
    smoke = draw(
        st.lists(st.tuples(st.integers(0, width - 1), st.integers(0, height - 1)), max_size=12)
    )
    return rows, smoke


@settings(max_examples=50, deadline=None)
@given(maps_with_smoke(), st.data())
def test_line_of_sight_is_symmetric(drawn, data) -> None:
    rows, smoke_tiles = drawn
    catalog = maps.catalog()
    grid = Grid.from_rows(catalog, rows)
    smoke = np.zeros_like(grid.smoke)
    for x, y in smoke_tiles:
        smoke[y, x] = 2
    grid.set_smoke(smoke)
    # a unit can stand (or be looked at) on any tile but a sight blocker, smoke included
    standable = [
        (x, y) for y in range(grid.height) for x in range(grid.width) if not grid.blocks_sight[y, x]
    ]
    if len(standable) < 2:
        return
    for _ in range(10):
        a = data.draw(st.sampled_from(standable))
        b = data.draw(st.sampled_from(standable))
        there = sight.has_line_of_sight(grid, a, b)
        back = sight.has_line_of_sight(grid, b, a)
        assert there == back, (a, b, rows)


def test_line_of_sight_is_symmetric_when_one_end_is_in_smoke(catalog) -> None:
    grid = Grid.from_rows(catalog, ["..", "..", ".#", ".."])
    a, b = (1, 3), (0, 0)
    smoke = np.zeros_like(grid.smoke)
    smoke[a[1], a[0]] = 3
    grid.set_smoke(smoke)
    assert sight.has_line_of_sight(grid, a, b) == sight.has_line_of_sight(grid, b, a)


def test_a_unit_in_smoke_is_seen_only_by_the_side_whose_unit_stands_beside_it() -> None:
    """Two Alliance sides (one team) keep their own sight: when one side's marine steps
    next to an enemy in smoke, that side sees it and the other does not, whether the
    sight is updated step by step or rebuilt from scratch, and whoever moves."""
    from alma_tactics.core.units import Side

    rows = [
        "a.........",
        ".....e....",
        "b.........",
    ]
    sides = [
        Side(id="alliance", name="Alliance", faction="alliance", team="alliance"),
        Side(id="arlana", name="Arlana", faction="alliance", team="alliance"),
        Side(id="calendrea", name="Calendrea", faction="calendrea", team="calendrea"),
    ]
    units = {"a": ("marine", "alliance"), "b": ("marine", "arlana"), "e": ("soldier", "calendrea")}
    cloud = [(x, y) for x in (4, 5, 6) for y in (0, 1, 2)]
    for mover, at in (("a", (4, 1)), ("e", (5, 0))):  # the marine steps up, or the enemy
        state = maps.make_state(rows, units, sides=sides, refresh=False)
        smoke = np.zeros_like(state.grid.smoke)
        for x, y in cloud:
            smoke[y, x] = 3
        state.grid.set_smoke(smoke)
        if mover == "e":
            maps.place(state, "a", (4, 1))
        sight.refresh(state)
        maps.place(state, mover, at)
        sight.refresh(state, moved=[mover])
        assert "e" in state.knowledge["alliance"].spotted, mover
        assert "e" not in state.knowledge["arlana"].spotted, mover
        rebuilt = state.clone()
        sight.rebuild(rebuilt)
        for side in ("alliance", "arlana"):
            assert rebuilt.knowledge[side].spotted == state.knowledge[side].spotted, (mover, side)
