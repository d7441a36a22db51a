"""Terrain tools (brush, line, rectangle, flood fill, erase, eyedropper, symmetry) and
the history that undoes them (strokes as one step, the dirty marker, the limit)."""

from __future__ import annotations

from collections import deque

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_editor_document import snapshot, yard

from alma_tactics.editor import History, MapDocument, Shape, Symmetry
from alma_tactics.editor import painting as P


def drawn(doc: MapDocument) -> list[str]:
    """The map as rows of terrain characters, for readable asserts."""
    chars = [k.char for k in doc.catalog.terrain]
    return ["".join(chars[k] for k in row) for row in doc.terrain]


def blank(width: int = 9, height: int = 7) -> MapDocument:
    return MapDocument.new(width, height)


def apply(doc: MapDocument, edit) -> History:
    history = History(doc)
    history.do(edit)
    return history


# --- brushes ----------------------------------------------------------------------------------


def test_square_brush_sizes() -> None:
    doc = blank()
    apply(doc, P.brush(doc, 4, 3, "T", size=3))
    assert drawn(doc) == [
        ".........",
        ".........",
        "...TTT...",
        "...TTT...",
        "...TTT...",
        ".........",
        ".........",
    ]
    doc = blank()
    apply(doc, P.brush(doc, 4, 3, "T", size=2))  # even sizes reach right and down
    assert drawn(doc)[3:5] == ["....TT...", "....TT..."]


def test_round_brush_is_a_disc() -> None:
    doc = blank()
    apply(doc, P.brush(doc, 4, 3, "~", size=5, shape=Shape.ROUND))
    assert drawn(doc) == [
        ".........",
        "...~~~...",
        "..~~~~~..",
        "..~~~~~..",
        "..~~~~~..",
        "...~~~...",
        ".........",
    ]


def test_brush_at_the_edge_is_cut_to_the_map_and_no_change_is_no_edit() -> None:
    doc = blank()
    edit = P.brush(doc, 0, 0, "#", size=5)
    assert len(edit) == 9
    apply(doc, edit)
    assert P.brush(doc, 0, 0, "#", size=3) is None  # already a wall: nothing to do
    assert P.brush(doc, -10, -10, "#", size=3) is None


def test_line_is_bresenham_and_takes_a_brush() -> None:
    doc = blank()
    apply(doc, P.line(doc, 0, 0, 8, 3, "="))
    assert (doc.terrain > 0).sum() == 9
    xs, ys = P.line_cells(0, 0, 8, 3)
    assert list(zip(xs.tolist(), ys.tolist(), strict=True))[0] == (0, 0)
    assert (int(xs[-1]), int(ys[-1])) == (8, 3)
    assert len(xs) == 9  # one cell per column on a shallow line
    assert (np.abs(np.diff(xs)) <= 1).all() and (np.abs(np.diff(ys)) <= 1).all()
    xs, ys = P.line_cells(3, 6, 3, 0)
    assert xs.tolist() == [3] * 7 and ys.tolist() == [6, 5, 4, 3, 2, 1, 0]
    doc = blank()
    apply(doc, P.line(doc, 1, 3, 7, 3, "#", size=3))
    assert drawn(doc)[1:6] == [
        ".........",
        "#########",
        "#########",
        "#########",
        ".........",
    ]


def test_rectangles_filled_and_outlined() -> None:
    doc = blank()
    apply(doc, P.rectangle(doc, 6, 5, 2, 1, "#", filled=False))
    assert drawn(doc) == [
        ".........",
        "..#####..",
        "..#...#..",
        "..#...#..",
        "..#...#..",
        "..#####..",
        ".........",
    ]
    apply(doc, P.rectangle(doc, 3, 2, 5, 4, "_"))
    assert drawn(doc)[2:5] == ["..#___#..", "..#___#..", "..#___#.."]


def test_eyedropper_and_erase(catalog) -> None:
    doc = yard()
    assert P.pick(doc, 2, 1) == catalog.terrain_by_id("wall").index
    assert P.terrain_kind(doc, 8, 2).id == "rough"
    apply(doc, P.erase(doc, 3, 1, size=3))
    assert drawn(doc)[0:3] == ["............", ".....#......", ".....#..,..."]
    assert P.pick(doc, 3, 1) == 0
    assert [k.id for k in P.palette(doc)][0] == "open"


def test_tools_take_an_index_an_id_or_a_character(catalog) -> None:
    doc = blank()
    forest = catalog.terrain_by_id("forest").index
    for kind in (forest, "forest", "T"):
        assert P.brush(doc, 1, 1, kind).kinds.tolist() == [forest]
    with pytest.raises(ValueError):
        P.brush(doc, 1, 1, 200)


def test_place_tower_paints_tower_terrain(catalog) -> None:
    doc = blank()
    apply(doc, P.place_tower(doc, 1, 1, Symmetry.BOTH))
    tower = catalog.terrain_by_id("tower").index
    assert {(int(x), int(y)) for y, x in zip(*np.nonzero(doc.terrain == tower), strict=True)} == {
        (1, 1),
        (7, 1),
        (1, 5),
        (7, 5),
    }


# --- symmetry ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symmetry", "expected"),
    [
        (Symmetry.NONE, {(1, 1)}),
        (Symmetry.HORIZONTAL, {(1, 1), (7, 1)}),
        (Symmetry.VERTICAL, {(1, 1), (1, 5)}),
        (Symmetry.POINT, {(1, 1), (7, 5)}),
        (Symmetry.BOTH, {(1, 1), (7, 1), (1, 5), (7, 5)}),
    ],
)
def test_symmetry_mirrors_every_painted_cell(symmetry, expected) -> None:
    doc = blank()
    apply(doc, P.brush(doc, 1, 1, "#", symmetry=symmetry))
    painted = {(int(x), int(y)) for y, x in zip(*np.nonzero(doc.terrain), strict=True)}
    assert painted == expected
    assert set(P.symmetric_points(doc, 1, 1, symmetry)) == expected


def test_symmetric_painting_gives_a_symmetric_map() -> None:
    doc = blank(16, 10)
    history = History(doc)
    rng = np.random.default_rng(3)
    for _ in range(20):
        x, y = (int(v) for v in rng.integers(0, 16, 2))
        history.do(P.brush(doc, x, y % 10, int(rng.integers(0, 5)), 3, symmetry=Symmetry.BOTH))
    assert (doc.terrain == doc.terrain[:, ::-1]).all()
    assert (doc.terrain == doc.terrain[::-1, :]).all()


def test_symmetric_points_of_a_big_footprint() -> None:
    doc = blank(10, 8)
    assert P.symmetric_points(doc, 1, 2, Symmetry.HORIZONTAL, size=2) == [(1, 2), (7, 2)]


@pytest.mark.parametrize(
    "symmetry", [Symmetry.HORIZONTAL, Symmetry.VERTICAL, Symmetry.POINT, Symmetry.BOTH]
)
def test_symmetrize_copies_the_first_half(symmetry) -> None:
    doc = yard()
    history = apply(doc, P.symmetrize(doc, symmetry))
    t = doc.terrain
    if symmetry in (Symmetry.HORIZONTAL, Symmetry.BOTH):
        assert (t == t[:, ::-1]).all()
    if symmetry in (Symmetry.VERTICAL, Symmetry.BOTH):
        assert (t == t[::-1, :]).all()
    if symmetry is Symmetry.POINT:
        assert (t == t[::-1, ::-1]).all()
    assert (t[:4, :6] == yard().terrain[:4, :6]).all()  # the top-left is the source
    history.undo()
    assert snapshot(doc) == snapshot(yard())


# --- flood fill -------------------------------------------------------------------------------


def reference_fill(terrain: np.ndarray, x: int, y: int, diagonal: bool) -> set[tuple[int, int]]:
    """A plain breadth-first flood, for comparison."""
    h, w = terrain.shape
    target = terrain[y, x]
    seen = {(x, y)}
    queue = deque([(x, y)])
    steps = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    if diagonal:
        steps += [(1, 1), (1, -1), (-1, 1), (-1, -1)]
    while queue:
        cx, cy = queue.popleft()
        for dx, dy in steps:
            nx, ny = cx + dx, cy + dy
            if 0 <= nx < w and 0 <= ny < h and (nx, ny) not in seen and terrain[ny, nx] == target:
                seen.add((nx, ny))
                queue.append((nx, ny))
    return seen


@given(
    cells=st.lists(st.integers(0, 2), min_size=1, max_size=144),
    width=st.integers(1, 12),
    seed=st.integers(0, 10_000),
    diagonal=st.booleans(),
)
def test_flood_fill_matches_a_plain_bfs(cells, width, seed, diagonal) -> None:
    height = max(1, len(cells) // width)
    terrain = np.resize(np.array(cells, np.uint8), (height, width))
    doc = MapDocument.new(width, height)
    doc.terrain[:] = terrain
    x, y = seed % width, (seed // width) % height
    got = P.flood_cells(doc, x, y, diagonal)
    expected = reference_fill(terrain, x, y, diagonal)
    assert sorted(got.tolist()) == sorted(cy * width + cx for cx, cy in expected)
    assert len(set(got.tolist())) == len(got)


def test_flood_fill_stays_inside_walls() -> None:
    doc = yard()
    before = doc.terrain.copy()
    history = apply(doc, P.flood_fill(doc, 3, 2, "~"))  # the hut's floor
    assert drawn(doc)[1:5] == ["..####......", "..#~~#..,...", "..#~~+......", "..####..TT.."]
    assert (doc.terrain != before).sum() == 4
    assert P.flood_fill(doc, 3, 2, "~") is None
    history.undo()
    assert (doc.terrain == before).all()


def test_flood_fill_with_symmetry_fills_the_mirrored_region_too() -> None:
    doc = blank(9, 3)
    doc.terrain[:, 4] = 5  # a wall down the middle
    apply(doc, P.flood_fill(doc, 0, 0, "T", symmetry=Symmetry.HORIZONTAL))
    assert drawn(doc) == ["TTTT#TTTT"] * 3


# --- history ----------------------------------------------------------------------------------


def test_a_stroke_is_one_undo_step_and_redo_is_exact() -> None:
    doc = yard()
    original = snapshot(doc)
    history = History(doc)
    history.begin_stroke("Paint")
    for x in range(0, 12, 2):
        history.do(P.brush(doc, x, x % 8, "T", size=3))
    assert history.in_stroke and history.undo_label == "Paint"
    history.end_stroke()
    painted = snapshot(doc)
    assert history.undo_count == 1
    assert history.undo()
    assert snapshot(doc) == original
    assert history.redo()
    assert snapshot(doc) == painted
    assert not history.can_redo


def test_undo_during_a_stroke_closes_it_first() -> None:
    doc = blank()
    history = History(doc)
    history.begin_stroke()
    history.do(P.brush(doc, 1, 1, "#"))
    history.do(P.brush(doc, 2, 1, "#"))
    assert history.undo()
    assert not doc.terrain.any()
    assert not history.end_stroke()


def test_dirty_follows_the_saved_state(tmp_path) -> None:
    doc = yard()
    history = History(doc)
    assert not history.dirty
    history.do(P.brush(doc, 0, 0, "T"))
    assert history.dirty
    history.undo()
    assert not history.dirty  # back to what is on disk
    history.redo()
    doc.save(tmp_path / "x.toml")
    history.mark_saved()
    assert not history.dirty
    history.undo()
    assert history.dirty
    history.redo()
    assert not history.dirty
    history.undo()
    history.do(P.brush(doc, 5, 5, "#"))  # a new branch: the saved state is gone
    assert history.dirty
    assert not history.can_redo


def test_at_least_two_hundred_undo_steps() -> None:
    doc = blank(30, 30)
    history = History(doc)
    original = snapshot(doc)
    for i in range(250):
        history.do(P.brush(doc, i % 30, i // 30, 1 + i % 4))
    assert history.undo_all() == 250
    assert snapshot(doc) == original
    small = History(blank(10, 7), limit=200)
    for i in range(300):
        assert small.do(P.brush(small.doc, i % 10, (i // 10) % 7, 1 + i % 3))
    assert small.undo_all() == 200


def test_nothing_to_do_is_not_a_step() -> None:
    doc = blank()
    history = History(doc)
    assert not history.do(None)
    assert not history.can_undo and not history.dirty
    assert not history.undo() and not history.redo()
