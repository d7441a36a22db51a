"""The pygame board renderer, headless: every scenario draws, a side sees only what it
knows, fog darkens, the camera maps tiles and pixels consistently, the CLI writes a PNG."""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import maps  # noqa: E402
import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from alma_tactics.core import movement  # noqa: E402
from alma_tactics.match import Match  # noqa: E402
from alma_tactics.render.board import BoardRenderer  # noqa: E402
from alma_tactics.render.camera import ZOOM_LEVELS, Camera  # noqa: E402
from alma_tactics.render.overlay import Overlay  # noqa: E402
from alma_tactics.render.snapshot import ensure_display, render_command, render_surface  # noqa: E402
from alma_tactics.scenario import builtin_scenarios, find_scenario, load_scenario  # noqa: E402

STORY = ("outpost-raid", "four-target-assault")


@pytest.fixture(scope="module", autouse=True)
def display():
    ensure_display()
    yield


def pixels(surface: pygame.Surface, rect: pygame.Rect | None = None) -> np.ndarray:
    arr = pygame.surfarray.array3d(surface)
    if rect is not None:
        arr = arr[rect.left : rect.right, rect.top : rect.bottom]
    return arr.astype(np.int32)


def draw(state, side, camera=None, size=(640, 480), renderer=None, overlay=None) -> pygame.Surface:
    surface = pygame.Surface(size)
    renderer = renderer or BoardRenderer(state.catalog)
    camera = camera or Camera(tile=32)
    renderer.draw(surface, surface.get_rect(), state, side, camera, overlay)
    return surface


def story_match(name: str, seed: int = 1) -> Match:
    scenario = load_scenario(find_scenario(name))
    return Match(
        scenario.new_state(seed), seed, scenario_doc=scenario.doc, scenario_name=scenario.name
    )


# --- every scenario, every side -----------------------------------------------------------------
@pytest.mark.parametrize("name", STORY)
def test_every_story_scenario_draws_for_every_side(name: str) -> None:
    match = story_match(name)
    state = match.state
    before = state.state_hash()
    for side in [s.id for s in state.sides] + [None]:
        surface = render_surface(state, side, (480, 300), title=name)
        assert surface.get_size() == (480, 300)
        assert pixels(surface).std() > 5, "the picture is not blank"
    assert state.state_hash() == before, "drawing never changes the game"


def test_every_builtin_scenario_draws_with_its_minimap_and_thumbnail() -> None:
    renderer = None
    for path in builtin_scenarios():
        scenario = load_scenario(path)
        match = Match(scenario.new_state(1), 1)
        state = match.state
        renderer = BoardRenderer(state.catalog, side_colours=scenario.colours)
        side = state.sides[0].id
        draw(state, side, renderer=renderer, size=(320, 200))
        mini = renderer.minimap(state, side, (160, 100))
        thumb = renderer.thumbnail(state, (120, 80))
        assert mini.get_size() == (160, 100)
        assert thumb.get_size() == (120, 80)


# --- a side sees only what it knows -------------------------------------------------------------
HIDDEN = [
    "..........",
    ".a....#...",
    "......#.e.",
    "......#...",
    "..........",
]


def test_an_unspotted_enemy_leaves_no_pixel_on_the_board() -> None:
    with_enemy = maps.make_state(
        HIDDEN, {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")}
    )
    assert "e" not in with_enemy.knowledge["alliance"].spotted
    empty_rows = [row.replace("e", ".") for row in HIDDEN]
    without = maps.make_state(empty_rows, {"a": ("marine", "alliance")})
    camera = Camera(tile=32)
    tile = pygame.Rect(8 * 32, 2 * 32, 32, 32)
    one = draw(with_enemy, "alliance", camera, (320, 160))
    two = draw(without, "alliance", camera, (320, 160))
    assert np.array_equal(pixels(one, tile), pixels(two, tile))
    assert np.array_equal(pixels(one), pixels(two)), "nothing anywhere gives it away"
    # the same enemy in the open is drawn (the comparison above can tell)
    seen = maps.make_state(
        [r.replace("#", ".") for r in HIDDEN],
        {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")},
    )
    assert "e" in seen.knowledge["alliance"].spotted
    clear = maps.make_state(
        [r.replace("#", ".").replace("e", ".") for r in HIDDEN], {"a": ("marine", "alliance")}
    )
    shown = draw(seen, "alliance", camera, (320, 160))
    blank = draw(clear, "alliance", camera, (320, 160))
    assert not np.array_equal(pixels(shown, tile), pixels(blank, tile))


def test_the_all_seeing_view_draws_the_hidden_enemy() -> None:
    with_enemy = maps.make_state(
        HIDDEN, {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")}
    )
    empty = maps.make_state([r.replace("e", ".") for r in HIDDEN], {"a": ("marine", "alliance")})
    tile = pygame.Rect(8 * 32, 2 * 32, 32, 32)
    camera = Camera(tile=32)
    assert not np.array_equal(
        pixels(draw(with_enemy, None, camera, (320, 160)), tile),
        pixels(draw(empty, None, camera, (320, 160)), tile),
    )


def test_a_warm_enemy_in_the_dark_shows_only_as_an_infrared_silhouette() -> None:
    rows = [
        "...............",
        ".a.........b...",
        "...............",
    ]
    sides = maps.duel_sides()
    state = maps.make_state(
        rows, {"a": ("marine", "blue"), "b": ("marine", "red")}, sides=sides, ambient="night"
    )
    assert "b" in state.knowledge["blue"].spotted, "marines' HUDs see warm bodies in the dark"
    renderer = BoardRenderer(state.catalog)
    view_ir = renderer.sprites.infrared("marine", state.units["b"].facing, 32)
    surface = draw(state, "blue", Camera(tile=32), (15 * 32, 96), renderer)
    tile = pygame.Rect(11 * 32, 32, 32, 32)
    patch = pixels(surface, tile)
    assert patch[..., 0].mean() > patch[..., 2].mean() + 20, "hot orange, not the night's blue"
    assert view_ir.get_size() == (32, 32)


# --- fog and light ------------------------------------------------------------------------------
def test_never_seen_tiles_are_darker_than_seen_ones() -> None:
    rows = ["." * 40 for _ in range(6)]
    rows[2] = "." + "a" + "." * 38
    state = maps.make_state(rows, {"a": ("marine", "alliance")})
    explored = state.knowledge["alliance"].explored
    assert explored[2, 3] and not explored[2, 38]
    surface = draw(state, "alliance", Camera(tile=32), (40 * 32, 6 * 32))
    seen = pixels(surface, pygame.Rect(4 * 32, 4 * 32, 32, 32)).mean()
    never = pixels(surface, pygame.Rect(37 * 32, 4 * 32, 32, 32)).mean()
    assert never < seen * 0.4


def test_remembered_tiles_are_between_seen_and_never_seen() -> None:
    from alma_tactics.core import sight

    rows = ["a" + "." * 39] + ["." * 40 for _ in range(4)]
    state = maps.make_state(rows, {"a": ("marine", "alliance")})
    maps.place(state, "a", (25, 0))  # it walked off: where it started is remembered, not seen
    sight.refresh(state, moved=["a"])
    know = state.knowledge["alliance"]
    visible = sight.visible_tiles(state, "alliance")
    assert know.explored[3, 2] and not visible[3, 2]
    surface = draw(state, "alliance", Camera(tile=32), (40 * 32, 5 * 32))
    remembered = pixels(surface, pygame.Rect(2 * 32, 3 * 32, 32, 32)).mean()
    seen = pixels(surface, pygame.Rect(25 * 32, 3 * 32, 32, 32)).mean()
    assert remembered < seen * 0.75


def test_spotlights_light_the_night() -> None:
    rows = ["." * 20 for _ in range(9)]
    rows[4] = "a" + "." * 19
    lamp = maps.spotlight("lamp", (6, 4), radius=3)
    state = maps.make_state(rows, {"a": ("elf", "alliance")}, objects=[lamp], ambient="night")
    surface = draw(state, None, Camera(tile=32), (20 * 32, 9 * 32))
    lit = pixels(surface, pygame.Rect(7 * 32, 5 * 32, 32, 32)).mean()
    dark = pixels(surface, pygame.Rect(15 * 32, 7 * 32, 32, 32)).mean()
    assert lit > dark * 1.4


# --- the camera ---------------------------------------------------------------------------------
@pytest.mark.parametrize("zoom", [0.5, 1.0, 2.0])
def test_camera_maps_tiles_and_pixels_both_ways(zoom: float) -> None:
    view = pygame.Rect(0, 0, 800, 600)
    camera = Camera(tile=32, x=3.37, y=-1.6, zoom=zoom)
    tp = camera.tile_px
    assert tp == round(32 * zoom)
    for pos in [(0, 0), (5, 7), (40, 3), (12, 30)]:
        px = camera.to_screen(pos)
        assert camera.to_tile(px) == pos
        assert camera.to_tile((px[0] + tp - 1, px[1] + tp - 1)) == pos
        assert camera.to_tile((px[0] + tp, px[1])) == (pos[0] + 1, pos[1])
    camera.centre_on((20, 10), view)
    assert camera.to_tile(view.center) == (20, 10)


def test_zoom_steps_through_levels_and_keeps_the_tile_under_the_mouse() -> None:
    view = pygame.Rect(0, 0, 800, 600)
    camera = Camera(tile=32)
    camera.centre_on((30, 30), view)
    mouse = (123, 456)
    under = camera.to_tile(mouse)
    seen = [camera.zoom]
    for _ in range(6):
        camera.zoom_at(1.25, mouse)
        seen.append(camera.zoom)
        assert camera.to_tile(mouse) == under
    assert seen[-1] == 2.0 and all(z in ZOOM_LEVELS for z in seen)
    for _ in range(8):
        camera.zoom_at(0.8, mouse)
        assert camera.to_tile(mouse) == under
    assert camera.zoom == 0.5


def test_camera_pans_and_clamps() -> None:
    view = pygame.Rect(0, 0, 640, 480)
    camera = Camera(tile=32)
    camera.pan(64, 32)
    assert camera.to_tile((0, 0)) == (2, 1)
    camera.pan(-100000, -100000)
    camera.clamp(100, 100, view)
    assert camera.x >= -view.width / 32 / 4 - 1e-9
    small = Camera(tile=32)
    small.clamp(10, 5, view)  # a map smaller than the view is centred
    assert small.to_tile(view.center) == (5, 2)


# --- overlay, colour-blind mode -----------------------------------------------------------------
def test_overlays_and_colour_blind_mode_draw() -> None:
    match = story_match("outpost-raid")
    state = match.state
    unit = state.units["davis"]
    reach = movement.reachable(state, unit)
    tiles = {pos: unit.ap - cost for pos, cost in reach.tiles()}
    far = max(tiles, key=lambda p: abs(p[0] - unit.x) + abs(p[1] - unit.y))
    overlay = Overlay(
        selected="davis",
        reachable=tiles,
        path=reach.path_to(far),
        path_cost=unit.ap - tiles[far],
        hover=far,
        noise_rings=[(unit.pos, 6)],
        blast=((unit.x + 4, unit.y), 1, 2),
        watched={far},
        intent=True,
        labels=[(unit.pos, "Davis")],
    )
    camera = Camera(tile=32)
    camera.centre_on(unit.pos, pygame.Rect(0, 0, 640, 480))
    plain = draw(state, "alliance", camera, renderer=BoardRenderer(state.catalog), overlay=overlay)
    bare = draw(state, "alliance", camera, renderer=BoardRenderer(state.catalog))
    assert not np.array_equal(pixels(plain), pixels(bare))
    renderer = BoardRenderer(state.catalog, colour_blind=True)
    patterned = draw(state, "alliance", camera, renderer=renderer, overlay=overlay)
    assert not np.array_equal(pixels(plain), pixels(patterned))
    renderer.set_colour_blind(False)
    draw(state, "alliance", camera, renderer=renderer, overlay=overlay)


def test_side_styles_differ_by_shape_and_pattern() -> None:
    match = story_match("four-target-assault")
    renderer = BoardRenderer(match.state.catalog, colour_blind=True)
    styles = renderer.styles(match.state)
    looks = {(s.shape, s.pattern) for s in styles.values()}
    assert len(looks) == len(styles), "no two sides look alike even without colour"
    assert styles["alliance"].shape == "round" and styles["calendrea"].shape == "angular"


# --- the CLI ------------------------------------------------------------------------------------
def test_render_command_writes_a_png_of_the_right_size(tmp_path, capsys) -> None:
    out = tmp_path / "night.png"
    args = argparse.Namespace(scenario="night-yard", out=str(out), side="", turn=2, seed=1)
    assert render_command(args) == 0
    assert capsys.readouterr().out.strip() == str(out)
    picture = pygame.image.load(str(out))
    assert picture.get_size() == (1280, 800)


def test_render_command_reports_a_bad_side(tmp_path, capsys) -> None:
    args = argparse.Namespace(
        scenario="night-yard", out=str(tmp_path / "x.png"), side="martians", turn=1, seed=1
    )
    assert render_command(args) == 2
    assert "martians" in capsys.readouterr().err


def test_the_minimap_hides_unspotted_enemies_too() -> None:
    with_enemy = maps.make_state(
        HIDDEN, {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")}
    )
    without = maps.make_state([r.replace("e", ".") for r in HIDDEN], {"a": ("marine", "alliance")})
    one = BoardRenderer(with_enemy.catalog).minimap(with_enemy, "alliance", (100, 50))
    two = BoardRenderer(without.catalog).minimap(without, "alliance", (100, 50))
    assert np.array_equal(pixels(one), pixels(two))


@pytest.mark.parametrize("zoom", ZOOM_LEVELS)
def test_the_board_draws_inside_its_rectangle_at_every_zoom(zoom: float) -> None:
    match = story_match("outpost-raid")
    state = match.state
    surface = pygame.Surface((500, 400))
    surface.fill((255, 0, 255))
    rect = pygame.Rect(60, 40, 300, 200)
    camera = Camera(tile=32, zoom=zoom)
    camera.centre_on((30, 18), rect)
    BoardRenderer(state.catalog).draw(surface, rect, state, "alliance", camera)
    arr = pixels(surface)
    magenta = (arr[..., 0] == 255) & (arr[..., 1] == 0) & (arr[..., 2] == 255)
    assert magenta[:60].all() and magenta[360:].all(), "nothing drawn left or right of it"
    assert magenta[:, :40].all() and magenta[:, 240:].all(), "nothing above or below"
    assert not magenta[60:360, 40:240].any(), "and all of it drawn"


def test_smoke_looks_the_same_whichever_mode_drew_it_first() -> None:
    """Smoke puffs are cached by the sprites all renderers share: a colour-blind renderer
    must not hand its cross-hatched puffs to a plain one (or the other way round)."""
    rows = ["a" + "." * 11] + ["." * 12 for _ in range(7)]
    state = maps.make_state(rows, {"a": ("marine", "alliance")})
    smoke = state.grid.smoke.copy()
    smoke[2:6, 4:9] = 3
    state.grid.set_smoke(smoke)
    camera = Camera(tile=32)

    def both(first_colour_blind: bool) -> tuple[np.ndarray, np.ndarray]:
        from alma_tactics.render import sprites

        sprites.shared()._cache.clear()  # start from no puffs at all
        first = BoardRenderer(state.catalog, colour_blind=first_colour_blind)
        second = BoardRenderer(state.catalog, colour_blind=not first_colour_blind)
        a = pixels(draw(state, "alliance", camera, renderer=first))
        b = pixels(draw(state, "alliance", camera, renderer=second))
        return (a, b) if not first_colour_blind else (b, a)

    plain_first, patterned_after = both(False)
    plain_after, patterned_first = both(True)
    assert np.array_equal(plain_first, plain_after)
    assert np.array_equal(patterned_first, patterned_after)
    assert not np.array_equal(plain_first, patterned_first)


def test_lit_terrain_chunks_join_without_a_seam() -> None:
    """The light of each terrain chunk is scaled on its own: neighbouring chunks must
    give the same pixels where they meet as one piece scaled at once would."""
    from alma_tactics.render.terrain_chunks import _upscale

    rng = np.random.default_rng(3)
    tiles = rng.integers(0, 255, (12, 40, 3)).astype(np.uint8)
    for tp in (16, 24, 32, 48, 64):
        whole = pygame.surfarray.array3d(_upscale(tiles, tp, True)).astype(int)  # tiles 1..38
        for start in (0, 9, 17):  # a chunk of tiles start+1 .. start+10, padded by one
            part = pygame.surfarray.array3d(_upscale(tiles[:, start : start + 12], tp, True))
            x = start * tp  # its first pixel in `whole`
            assert np.array_equal(part.astype(int), whole[x : x + 10 * tp]), (tp, start)
