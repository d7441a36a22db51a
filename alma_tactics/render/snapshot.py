"""Pictures of a battle without a screen: `alma-tactics render SCENARIO --out FILE.png`.

`render_png` draws a state as one side sees it into a PNG using the SDL dummy video
driver; `render_command` is the CLI: it loads the scenario, lets the computer play
every side up to `--turn`, and draws the board from `--side`'s view.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from ..core.state import GameState  # noqa: E402
from . import palette as pal  # noqa: E402
from .board import BoardRenderer  # noqa: E402
from .camera import Camera  # noqa: E402

MIN_FIT = 16  # a map that fits the picture at this size or more is shown whole
CLOSE_TILE = 24  # else this close, on the side's forces, with a minimap inset
MAX_TILE = 48
CAPTION_H = 26


def ensure_display() -> None:
    """A display mode (1x1 on the dummy driver if nothing else set one), so sprites can be
    converted to the screen's pixel format."""
    if not pygame.display.get_init():
        pygame.display.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))


def frame_camera(state: GameState, side: str | None, size: tuple[int, int], top: int = 0) -> Camera:
    """A camera showing the whole map if it fits at >= 16 px a tile, else the 16 px window
    holding the most of the side's units and the enemies it sees."""
    h, w = state.grid.kind.shape
    view_w, view_h = size[0], size[1] - top
    fit = min(view_w / w, view_h / h)
    tile = min(MAX_TILE, int(fit)) if fit >= MIN_FIT else CLOSE_TILE
    camera = Camera(tile=32, zoom=tile / 32)
    view = pygame.Rect(0, 0, view_w, view_h)
    if tile <= fit:
        camera.clamp(w, h, view)
        return camera
    tiles_w, tiles_h = view_w // tile, view_h // tile
    density = np.zeros((h, w), np.float64)
    for unit in state.units.values():
        if not unit.on_map:
            continue
        if side is None or unit.side == side:
            density[unit.y, unit.x] += 3.0
        elif not state.are_enemies(side, unit.side):
            density[unit.y, unit.x] += 0.5
        elif unit.id in state.knowledge[side].spotted:
            density[unit.y, unit.x] += 2.0
    table = np.zeros((h + 1, w + 1))
    table[1:, 1:] = density.cumsum(0).cumsum(1)
    tw, th = min(tiles_w, w), min(tiles_h, h)
    sums = table[th:, tw:] - table[:-th, tw:] - table[th:, :-tw] + table[:-th, :-tw]
    y, x = np.unravel_index(int(np.argmax(sums)), sums.shape)
    camera.x, camera.y = float(x), float(y)
    camera.clamp(w, h, view)
    return camera


def render_surface(
    state: GameState,
    side: str | None,
    size: tuple[int, int] = (1280, 800),
    *,
    title: str = "",
    side_colours: dict | None = None,
    colour_blind: bool = False,
    renderer: BoardRenderer | None = None,
) -> pygame.Surface:
    """The picture as a surface (see `render_png`)."""
    ensure_display()
    renderer = renderer or BoardRenderer(
        state.catalog, colour_blind=colour_blind, side_colours=side_colours
    )
    surface = pygame.Surface(size)
    surface.fill(pal.BACKGROUND)
    top = CAPTION_H if title else 0
    camera = frame_camera(state, side, size, top)
    board = pygame.Rect(0, top, size[0], size[1] - top)
    renderer.draw(surface, board, state, side, camera)
    h, w = state.grid.kind.shape
    tp = camera.tile_px
    if w * tp > board.width + 1 or h * tp > board.height + 1:  # part of the map: show where
        mm_w = min(size[0] // 5, 280)
        mm_size = (mm_w, max(40, round(mm_w * h / w)))
        mini = renderer.minimap(state, side, mm_size)
        at = _quiet_corner(state, renderer, camera, board, mm_size)
        frame = renderer.minimap_view_rect(state, camera, board, mm_size).move(at)
        surface.fill((0, 0, 0), pygame.Rect(at, mm_size).inflate(4, 4))
        surface.blit(mini, at)
        pygame.draw.rect(surface, (240, 240, 240), frame.clip(pygame.Rect(at, mm_size)), 1)
    if title:
        surface.fill((18, 20, 26), (0, 0, size[0], top))
        label = renderer.text(title, 20, (235, 238, 245))
        surface.blit(label, (10, (top - label.get_height()) // 2 + 1))
    return surface


def _quiet_corner(state, renderer, camera, board: pygame.Rect, size) -> tuple[int, int]:
    """The corner of the board where an inset covers the fewest units the side knows."""
    view = renderer.view
    tp = camera.tile_px
    spots = []
    for unit in state.units.values():
        if view is not None and view.knows_unit(unit):
            x, y = camera.to_screen(unit.pos)
            spots.append((board.x + x + tp // 2, board.y + y + tp // 2))
    pad = 10
    corners = [
        (board.right - size[0] - pad, board.bottom - size[1] - pad),
        (board.right - size[0] - pad, board.top + pad),
        (board.left + pad, board.bottom - size[1] - pad),
        (board.left + pad, board.top + pad),
    ]

    def covered(at) -> int:
        rect = pygame.Rect(at, size).inflate(tp, tp)
        return sum(1 for p in spots if rect.collidepoint(p))

    return min(corners, key=covered)


def render_png(
    state: GameState,
    side: str | None,
    path,
    size=(1280, 800),
    *,
    title: str = "",
    side_colours: dict | None = None,
    colour_blind: bool = False,
) -> Path:
    """Draw `state` as `side` sees it (None: everything) into the PNG at `path`."""
    surface = render_surface(
        state, side, tuple(size), title=title, side_colours=side_colours, colour_blind=colour_blind
    )
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(path))
    return path


def play_to_turn(match, turn: int, limit: int = 100_000) -> None:
    """Let the computer play every side until `turn` starts (or the battle ends)."""
    from ..ai.player import AiPlayer

    players = {s.id: AiPlayer(s.id, s.difficulty) for s in match.state.sides}
    while not match.state.winner and match.state.turn < turn and limit:
        side = match.state.active_side.id
        match.submit(players[side].next_action(match.state))
        limit -= 1


def render_command(args) -> int:
    """The `render` subcommand: scenario, --out, --side, --turn, --seed."""
    from ..match import Match
    from ..scenario import ScenarioError, find_scenario, load_scenario

    try:
        scenario = load_scenario(find_scenario(args.scenario))
    except (FileNotFoundError, ScenarioError) as exc:
        problems = getattr(exc, "problems", None)
        print(f"error: {problems[0] if problems else exc}", file=sys.stderr)
        return 2
    seed = int(getattr(args, "seed", 1) or 0)
    match = Match(
        scenario.new_state(seed), seed, scenario_doc=scenario.doc, scenario_name=scenario.name
    )
    state = match.state
    turn = int(getattr(args, "turn", 1) or 1)
    if turn > 1:
        play_to_turn(match, turn)
        state = match.state
    side_ids = [s.id for s in state.sides]
    side = getattr(args, "side", "") or side_ids[0]
    if side in ("all", "none"):
        side = None
    elif side not in side_ids:
        print(
            f"error: no side {side!r} in {scenario.name} (sides: {', '.join(side_ids)})",
            file=sys.stderr,
        )
        return 2
    who = "seen by everyone" if side is None else f"seen by {state.side(side).name}"
    title = f"{scenario.title} - turn {state.turn} - {who}"
    if state.winner:
        title += f" - {state.side(state.winner).name} won"
    path = render_png(state, side, args.out, title=title, side_colours=scenario.colours)
    print(path)
    return 0
