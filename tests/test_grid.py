"""The map's numpy layers come from terrain.toml, and follow the terrain when it changes."""

from __future__ import annotations

import numpy as np
import pytest

from alma_tactics.core.grid import Grid, distance


def test_layers_follow_terrain_kinds(catalog) -> None:
    grid = Grid.from_rows(catalog, [".#TH,"])
    wall, forest, tower, rough = (1, 0), (2, 0), (3, 0), (4, 0)
    assert grid.passable((0, 0))
    assert not grid.passable(wall), "a wall blocks movement"
    assert grid.transparency(0).tolist() == [[True, False, True, True, True]]
    assert grid.passable(forest) and grid.move_cost[0, 2] == 2
    assert grid.elevation[tower[1], tower[0]] == 2, "a guard tower is elevated"
    assert grid.elevation.tolist() == [[0, 0, 0, 2, 0]]
    assert grid.move_cost[rough[1], rough[0]] == catalog.terrain_by_id("rough").move_cost
    assert grid.cover[0, 3] == catalog.terrain_by_id("tower").cover


def test_every_layer_is_the_catalog_table_indexed_by_kind(catalog) -> None:
    rows = ["".join(k.char for k in catalog.terrain)]
    grid = Grid.from_rows(catalog, rows)
    for n, kind in enumerate(catalog.terrain):
        assert grid.terrain_at((n, 0)) == kind
        assert grid.move_cost[0, n] == kind.move_cost
        assert bool(grid.blocks_sight[0, n]) == kind.blocks_sight
        assert grid.sight_height[0, n] == kind.height
        assert grid.elevation[0, n] == kind.elevation


def test_a_tower_top_sees_over_a_wall_but_not_over_a_building(catalog) -> None:
    grid = Grid.from_rows(catalog, [".#B%"])
    assert grid.transparency(2).tolist() == [[True, True, False, False]]
    assert grid.transparency(0).tolist() == [[True, False, False, False]]


def test_breaching_a_wall_leaves_passable_transparent_rubble(catalog) -> None:
    grid = Grid.from_rows(catalog, [".#."])
    before = grid.version
    assert not grid.passable((1, 0)) and not grid.transparency(0)[0, 1]
    grid.set_kind((1, 0), "rubble")
    assert grid.rows() == [".:."]
    assert grid.passable((1, 0))
    assert grid.transparency(0)[0, 1], "the cached transparency must be rebuilt"
    assert grid.cover[0, 1] == catalog.terrain_by_id("rubble").cover
    assert grid.version > before


def test_smoke_blocks_sight_at_every_level(catalog) -> None:
    grid = Grid.from_rows(catalog, ["..."])
    assert grid.transparency(2)[0, 1]
    smoke = np.zeros_like(grid.smoke)
    smoke[0, 1] = 3
    grid.set_smoke(smoke)
    assert not grid.transparency(0)[0, 1] and not grid.transparency(2)[0, 1]
    assert grid.passable((1, 0)), "smoke hides, it does not wall off"


def test_grid_round_trips_through_its_dict(catalog) -> None:
    grid = Grid.from_rows(catalog, ["..#", "H,T"])
    smoke = np.zeros_like(grid.smoke)
    smoke[1, 2] = 2
    grid.set_smoke(smoke)
    again = Grid.from_dict(catalog, grid.to_dict())
    assert again.rows() == ["..#", "H,T"]
    assert again.smoke.tolist() == grid.smoke.tolist()


@pytest.mark.parametrize("rows", [["..", "."], ["a."]])
def test_bad_rows_are_refused(catalog, rows) -> None:
    with pytest.raises(ValueError):
        Grid.from_rows(catalog, rows)


def test_neighbors_stay_on_the_map_and_distance_is_kings_steps(catalog) -> None:
    grid = Grid.from_rows(catalog, ["...", "..."])
    assert sorted(grid.neighbors((0, 0))) == [(0, 1), (1, 0), (1, 1)]
    assert len(list(grid.neighbors((1, 0)))) == 5
    assert distance((0, 0), (3, 2)) == 3
