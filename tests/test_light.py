"""Light and darkness: night sight, spotlights and their generator, and infrared."""

from __future__ import annotations

import maps
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alma_tactics.core import events as ev
from alma_tactics.core import sight
from alma_tactics.core.light import lit_mask

FIELD = [
    "................",
    "................",
    "a...............",
    "................",
    "................",
]


def night(viewer: str, enemy_at: int, *, objects=(), enemy="soldier", sides=None, rows=FIELD):
    """A viewer at the west end of row 2 and an enemy `enemy_at` tiles east, at night."""
    rows = list(rows)
    rows[2] = rows[2][:enemy_at] + "e" + rows[2][enemy_at + 1 :]
    sides = sides or maps.default_sides()
    units = {"a": (viewer, sides[0].id), "e": (enemy, sides[1].id)}
    return maps.make_state(rows, units, sides=sides, objects=objects, ambient="night")


def spotted(state, side: str | None = None) -> set[str]:
    return state.knowledge[side or state.sides[0].id].spotted


@pytest.mark.parametrize(("viewer", "reach"), [("marine", 3), ("elf", 6), ("scout_mech", 8)])
def test_in_the_dark_a_unit_sees_only_within_its_night_sight(catalog, viewer, reach) -> None:
    assert catalog.units[viewer].night_sight == reach
    assert spotted(night(viewer, reach)) == {"e"}
    assert spotted(night(viewer, reach + 1)) == set()


def test_an_elf_sees_further_in_the_dark_than_a_human(catalog) -> None:
    assert catalog.units["elf"].night_sight > catalog.units["marine"].night_sight
    assert spotted(night("elf", 5)) == {"e"}
    assert spotted(night("marine", 5)) == set()


def test_by_day_the_same_enemy_is_in_plain_sight() -> None:
    state = night("marine", 9)
    assert not spotted(state)
    state.ambient = "day"
    sight.refresh(state)
    assert spotted(state) == {"e"}


def test_an_enemy_in_a_spotlight_pool_is_seen_beyond_night_sight() -> None:
    lamp = maps.spotlight("lamp", (9, 0), radius=3, elevation=0)
    state = night("marine", 9, objects=[lamp])
    assert lit_mask(state)[2, 9], "the enemy stands in the light"
    assert spotted(state) == {"e"}
    assert spotted(night("marine", 14, objects=[lamp])) == set(), "outside the pool: dark"


def test_turning_the_generator_off_darkens_its_lights() -> None:
    gen = maps.generator("gen", (15, 4))
    lamp = maps.spotlight("lamp", (9, 0), radius=3, generator="gen", elevation=0)
    state = night("marine", 9, objects=[gen, lamp])
    assert spotted(state) == {"e"}
    state.objects["gen"].on = False
    state.light_version += 1
    events = sight.refresh(state)
    assert not lit_mask(state).any()
    assert spotted(state) == set()
    assert ev.UnitLost(side="alliance", unit="e", x=9, y=2) in events
    state.objects["gen"].on = True
    state.light_version += 1
    sight.refresh(state)
    assert spotted(state) == {"e"}


def test_a_wrecked_generator_darkens_its_lights_too() -> None:
    gen = maps.generator("gen", (15, 4))
    lamp = maps.spotlight("lamp", (9, 0), radius=3, generator="gen", elevation=0)
    state = night("marine", 9, objects=[gen, lamp])
    lit_before = lit_mask(state).copy()
    state.objects["gen"].hp = 0
    state.light_version += 1
    sight.refresh(state)
    assert lit_before.sum() > 0 and not lit_mask(state).any()
    assert spotted(state) == set()


def test_a_lamp_on_another_generator_keeps_burning() -> None:
    objects = [
        maps.generator("gen1", (15, 4)),
        maps.generator("gen2", (15, 0)),
        maps.spotlight("lamp1", (3, 0), radius=2, generator="gen1", elevation=0),
        maps.spotlight("lamp2", (12, 0), radius=2, generator="gen2", elevation=0),
    ]
    state = night("marine", 9, objects=objects)
    state.objects["gen1"].on = False
    state.light_version += 1
    lit = lit_mask(state)
    assert not lit[0, 3] and lit[0, 12]


CONE_ROWS = ["." * 11] * 11


def lit_rows(objects, rows=CONE_ROWS):
    return maps.mask_rows(lit_mask(maps.make_state(rows, objects=objects, ambient="night")))


def lit_at(objects, rows=CONE_ROWS) -> set[tuple[int, int]]:
    rows_lit = lit_rows(objects, rows)
    return {(x, y) for y, row in enumerate(rows_lit) for x, ch in enumerate(row) if ch == "*"}


def test_a_spotlight_cone_lights_in_front_and_not_behind() -> None:
    east = maps.spotlight("lamp", (5, 5), radius=4, direction=0, cone=90, elevation=0)
    lit = lit_at([east])
    assert {(5, 5), (6, 5), (8, 5), (7, 4), (7, 6), (8, 7)} <= lit, maps.show(lit_rows([east]))
    assert not lit & {(4, 5), (2, 5), (5, 4), (5, 6), (5, 2), (6, 3), (4, 4)}
    assert all(x >= 5 for x, _ in lit), "nothing behind the lamp"
    south = maps.spotlight("lamp", (5, 5), radius=4, direction=90, cone=90, elevation=0)
    lit = lit_at([south])
    assert {(5, 8), (4, 7), (6, 7)} <= lit
    assert all(y >= 5 for _, y in lit)
    assert (5, 2) not in lit and (8, 5) not in lit


def test_a_narrow_cone_is_narrower() -> None:
    wide = maps.spotlight("lamp", (5, 5), radius=5, direction=180, cone=120, elevation=0)
    narrow = maps.spotlight("lamp", (5, 5), radius=5, direction=180, cone=30, elevation=0)
    assert lit_at([narrow]) < lit_at([wide])
    assert (2, 3) in lit_at([wide]) and (2, 3) not in lit_at([narrow])


def test_a_spotlight_without_a_cone_lights_a_disc() -> None:
    disc = maps.spotlight("lamp", (5, 5), radius=3, elevation=0)
    lit = lit_at([disc])
    assert {(5, 5), (5, 3), (7, 5), (3, 5), (5, 7), (7, 7), (3, 3)} <= lit
    assert not {(x, y) for x, y in lit if (x - 5) ** 2 + (y - 5) ** 2 > 9}


def test_a_spotlight_lights_out_to_its_radius() -> None:
    disc = maps.spotlight("lamp", (5, 5), radius=3, elevation=0)
    assert (8, 5) in lit_at([disc])


def test_walls_shadow_the_light() -> None:
    rows = [
        "...........",
        "...........",
        "......#....",
        "......#....",
        "......#....",
        "...........",
    ]
    lamp = maps.spotlight("lamp", (4, 3), radius=5, elevation=0)
    lit = lit_rows([lamp], rows)
    assert lit[3] == "*******....", "\n" + maps.show(lit)
    assert lit[3][7:] == "...."


@pytest.mark.parametrize(("blocker", "lit"), [("#", True), ("B", False)])
def test_a_lamp_on_a_wall_top_shines_over_walls_but_not_buildings(blocker, lit) -> None:
    rows = ["...X...."] * 5
    rows = [r.replace("X", blocker) for r in rows]
    lamp = maps.spotlight("lamp", (1, 2), radius=6)  # the default elevation: a wall top
    assert (lit_rows([lamp], rows)[2][5] == "*") == lit


# --- infrared ---------------------------------------------------------------------------------


def test_infrared_shows_a_warm_enemy_in_the_dark_within_line_of_sight() -> None:
    state = night("marine", 9, enemy="marine", sides=maps.duel_sides())
    assert state.utype(state.units["a"]).infrared
    assert spotted(state, "blue") == {"e"}
    assert spotted(state, "red") == {"a"}, "the red marine has infrared too"
    lit = lit_mask(state)
    assert not lit.any()


def test_infrared_does_not_see_through_walls_or_beyond_sight() -> None:
    walled = list(FIELD)
    walled = [r[:6] + "#" + r[7:] for r in walled]
    assert (
        spotted(night("marine", 9, enemy="marine", sides=maps.duel_sides(), rows=walled), "blue")
        == set()
    )
    assert spotted(night("marine", 12, enemy="marine", sides=maps.duel_sides()), "blue") == set()


def test_infrared_never_shows_a_cold_blooded_calendrea() -> None:
    for enemy in ("soldier", "sentry", "tower_guard"):
        state = night("marine", 9, enemy=enemy)
        assert state.utype(state.units["e"]).blood == "cold"
        assert spotted(state) == set(), enemy
    brute_rows = list(FIELD)
    state = maps.make_state(
        brute_rows[:2] + ["a........d......"] + brute_rows[3:],
        {"a": ("marine", "alliance"), "d": ("brute", "calendrea")},
        ambient="night",
    )
    assert spotted(state) == set(), "not even a 2x2 brute"


def test_a_unit_without_infrared_does_not_see_a_warm_enemy_in_the_dark() -> None:
    sides = maps.duel_sides()
    state = night("truck", 9, enemy="marine", sides=sides)
    assert not state.utype(state.units["a"]).infrared
    assert spotted(state, "blue") == set()


def test_a_spotlight_with_hit_points_goes_dark_when_destroyed() -> None:
    from alma_tactics.scenario import build_state

    doc = {
        "scenario": {"ambient": "night"},
        "map": {"rows": ["....."] * 3},
        "side": [{"id": "alliance", "faction": "alliance"}],
        "object": [{"id": "lamp", "kind": "spotlight", "at": [2, 1], "radius": 2, "hp": 3}],
    }
    state = build_state(maps.catalog(), doc)
    assert lit_mask(state)[1, 2]
    state.objects["lamp"].hp = 0
    state.light_version += 1
    assert not lit_mask(state).any()


YARD = [
    "..........#.........",
    "..a.......#....e....",
    "..........#.........",
    "....b.........T.....",
    "....................",
    "......f.....###.....",
    "....................",
]


def _yard():
    lamps = [
        maps.spotlight("lamp1", (12, 1), radius=4, elevation=2),
        maps.spotlight("lamp2", (4, 6), radius=3, elevation=0),
    ]
    units = {
        "a": ("marine", "alliance"),
        "b": ("elf", "alliance"),
        "e": ("soldier", "calendrea"),
        "f": ("sentry", "calendrea"),
    }
    return maps.make_state(YARD, units, objects=lamps, ambient="night")


def _knowledge(state):
    return {
        side: (sorted(k.spotted), sorted(k.ghosts), k.explored.tobytes())
        for side, k in state.knowledge.items()
    }


def _bytes(view):
    infrared = None if view.infrared is None else view.infrared.tobytes()
    return (view.x0, view.y0, view.seen.tobytes(), infrared)


def _play(changes, relight: bool, monkeypatch):
    """Apply smoke puffs, lamp switches and steps; refresh after each one."""
    if not relight:
        monkeypatch.setattr(sight, "_relight", lambda *args: False)
    state = _yard()
    seen = []
    for kind, x, y in changes:
        if kind == "smoke":
            smoke = state.grid.smoke.copy()
            smoke[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2] = 2
            state.grid.set_smoke(smoke)
        elif kind == "clear":
            state.grid.set_smoke(state.grid.smoke * 0)
        elif kind == "lamp":
            lamp = state.objects["lamp1" if x % 2 else "lamp2"]
            lamp.on = not lamp.on
            state.light_version += 1
        else:
            unit = state.units["abef"[x % 4]]
            if state.grid.passable((unit.x, y)) and not state.unit_at((unit.x, y)):
                old = unit.pos
                unit.y = y
                state.unit_moved(unit, old)
        sight.refresh(state)
        vision = sight.vision_of(state)
        views = {
            uid: (
                v.x0,
                v.y0,
                v.seen.tobytes(),
                None if v.infrared is None else v.infrared.tobytes(),
            )
            for uid, v in sorted(vision.views.items())
        }
        counts = {s: (vision.seen[s].tobytes(), vision.infrared[s].tobytes()) for s in vision.seen}
        seen.append((views, counts, _knowledge(state)))
    monkeypatch.undo()
    return seen


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["smoke", "clear", "lamp", "step"]),
            st.integers(0, 19),
            st.integers(0, 6),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_smoke_and_lamps_update_sight_in_place_exactly_as_a_rebuild(changes) -> None:
    """Smoke drifting and lamps switching recompute only the views they touch; what
    every side sees and knows is the same as when every view is rebuilt."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _play(changes, True, monkeypatch) == _play(changes, False, monkeypatch)
