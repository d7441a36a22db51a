"""Shared helpers for the battle screen's tests (no tests here).

Stand-ins for the renderer's classes, used only when `alma_tactics.render` does not
provide them yet: they follow the agreed API (Camera, Overlay, BoardRenderer,
Animator) closely enough to drive the screen, and the minimap stand-in draws
only what the side knows (so the leak tests mean something with it too).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import SimpleNamespace

import pygame
import ui_support

from alma_tactics.core import sight
from alma_tactics.ui import battle as _battle

ORIGINAL_RENDER_API = _battle.render_api


@dataclass
class StubCamera:
    tile: int = 32
    x: float = 0.0
    y: float = 0.0
    zoom: float = 1.0

    @property
    def tile_px(self) -> int:
        return max(4, round(self.tile * self.zoom))

    def to_screen(self, tile):
        return (tile[0] * self.tile_px - self.x, tile[1] * self.tile_px - self.y)

    def to_tile(self, pixel):
        return (
            math.floor((pixel[0] + self.x) / self.tile_px),
            math.floor((pixel[1] + self.y) / self.tile_px),
        )

    def centre_on(self, tile, view):
        self.x = tile[0] * self.tile_px + self.tile_px / 2 - view.w / 2
        self.y = tile[1] * self.tile_px + self.tile_px / 2 - view.h / 2

    def pan(self, dx, dy):
        self.x += dx
        self.y += dy

    def zoom_at(self, factor, pixel):
        wx, wy = (pixel[0] + self.x) / self.tile_px, (pixel[1] + self.y) / self.tile_px
        self.zoom = min(3.0, max(0.25, self.zoom * factor))
        self.x, self.y = wx * self.tile_px - pixel[0], wy * self.tile_px - pixel[1]

    def clamp(self, w, h, view):
        self.x = min(max(self.x, -view.w / 2), w * self.tile_px - view.w / 2)
        self.y = min(max(self.y, -view.h / 2), h * self.tile_px - view.h / 2)


@dataclass
class StubOverlay:
    selected: object = None
    reachable: dict = field(default_factory=dict)
    path: list = field(default_factory=list)
    path_cost: int = 0
    hover: object = None
    target: object = None
    noise_rings: list = field(default_factory=list)
    blast: object = None
    watched: set = field(default_factory=set)
    intent: bool = False


class StubRenderer:
    def __init__(self, catalog, tile=32, colour_blind=False, side_colours=None):
        self.catalog = catalog
        self.tile = tile
        self.colour_blind = colour_blind
        self.side_colours = side_colours or {}
        self.drawn: list = []

    def _known_units(self, state, side):
        spotted = state.knowledge[side].spotted
        for unit in state.units.values():
            if unit.on_map and (not state.are_enemies(side, unit.side) or unit.id in spotted):
                yield unit

    def draw(self, surface, rect, state, side, camera, overlay):
        self.drawn.append(overlay)
        explored = state.knowledge[side].explored
        visible = sight.visible_tiles(state, side)
        size = camera.tile_px
        for y in range(state.grid.height):
            for x in range(state.grid.width):
                sx, sy = camera.to_screen((x, y))
                r = pygame.Rect(rect.x + sx, rect.y + sy, size, size)
                if not r.colliderect(rect) or not explored[y, x]:
                    continue
                wall = state.grid.blocks_sight[y, x]
                base = (70, 70, 78) if wall else (34, 52, 40)
                if not visible[y, x]:
                    base = tuple(c // 2 for c in base)
                surface.fill(base, r)
                if (x, y) in (overlay.reachable or {}):
                    pygame.draw.rect(surface, (60, 150, 220), r, 1)
        for unit in self._known_units(state, side):
            sx, sy = camera.to_screen(unit.pos)
            colour = (60, 140, 220) if not state.are_enemies(side, unit.side) else (210, 80, 60)
            pygame.draw.circle(
                surface, colour, (rect.x + sx + size // 2, rect.y + sy + size // 2), size // 3
            )

    def minimap(self, state, side, size):
        image = pygame.Surface(size)
        image.fill((0, 0, 0))
        explored = state.knowledge[side].explored
        sx, sy = size[0] / state.grid.width, size[1] / state.grid.height
        for y in range(state.grid.height):
            for x in range(state.grid.width):
                if explored[y, x]:
                    image.fill(
                        (40, 60, 45),
                        pygame.Rect(int(x * sx), int(y * sy), max(1, int(sx)), max(1, int(sy))),
                    )
        for unit in self._known_units(state, side):
            colour = (60, 140, 220) if not state.are_enemies(side, unit.side) else (210, 80, 60)
            image.fill(
                colour,
                pygame.Rect(int(unit.x * sx), int(unit.y * sy), max(2, int(sx)), max(2, int(sy))),
            )
        return image


class StubAnimator:
    def __init__(self, renderer, speed=1.0):
        self.renderer = renderer
        self.speed = speed
        self.queue: list = []
        self.played: list = []
        self.left = 0.0

    def play(self, events, state, side):
        self.played.extend(events)
        self.queue.extend(events)
        self.left = 0.05 * len(self.queue)

    @property
    def busy(self):
        return bool(self.queue)

    def update(self, dt):
        self.left -= dt * self.speed
        if self.left <= 0:
            self.queue = []

    def skip(self):
        self.queue = []
        self.left = 0

    def draw(self, surface, rect, camera):
        pass


def stub_api() -> SimpleNamespace:
    return SimpleNamespace(
        Camera=StubCamera, Overlay=StubOverlay, BoardRenderer=StubRenderer, Animator=StubAnimator
    )


def api_or_stub() -> SimpleNamespace:
    """The renderer's real classes where they exist, stand-ins for the rest."""
    try:
        return ORIGINAL_RENDER_API()
    except ImportError:
        pass
    import importlib

    found = vars(stub_api()).copy()
    for module, names in (
        ("camera", ("Camera",)),
        ("overlay", ("Overlay",)),
        ("board", ("BoardRenderer",)),
        ("animations", ("Animator",)),
        ("animation", ("Animator",)),
        ("animate", ("Animator",)),
        ("animator", ("Animator",)),
    ):
        try:
            mod = importlib.import_module(f"alma_tactics.render.{module}")
        except ImportError:
            continue
        for name in names:
            if hasattr(mod, name):
                found[name] = getattr(mod, name)
    return SimpleNamespace(**found)


# --- driving a battle ----------------------------------------------------------------------------
def open_battle(monkeypatch, tmp_path, scenario="night-yard", humans=("alliance",), seed=1, **kw):
    """A real App (dummy video, temporary folders) showing a BattleScreen."""
    ui_support.use_temp_dirs(monkeypatch, tmp_path)
    monkeypatch.setattr(_battle, "render_api", api_or_stub)
    from alma_tactics.scenario import find_scenario, load_scenario
    from alma_tactics.ui.app import App
    from alma_tactics.ui.driver import frames

    app = App()
    app.running = True
    found = load_scenario(find_scenario(scenario))
    screen = app.start_battle(found, seed, list(humans))
    for name, value in kw.items():
        setattr(screen, name, value)
    frames(app, 2)
    return app, screen


def tile_centre(screen, tile) -> tuple[int, int]:
    x, y = screen._screen_of(tile)
    size = int(getattr(screen.camera, "tile_px", 32))
    return (x + size // 2, y + size // 2)


def hover(app, pos, n: int = 2) -> None:
    from alma_tactics.ui.driver import frames

    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    frames(app, n)


def bar_button(screen, group: str, label: str | None = None):
    for button, entry in screen.bar_buttons.items():
        if entry.group == group and (label is None or entry.label == label):
            return button, entry
    raise LookupError(f"no {group} button in {[e.label for e in screen.bar_buttons.values()]}")


def log_text(screen, side: str | None = None) -> str:
    return "\n".join(line.text for line in screen.logs[side or screen.viewer])


def quiet_tile(screen, unit_id: str):
    """A reachable tile whose move reveals nothing (so it can be undone), tried on a copy."""
    from alma_tactics.core.actions import Move
    from alma_tactics.core.movement import reachable
    from alma_tactics.match import Match

    match = screen.match
    unit = match.state.units[unit_id]
    for tile, _cost in sorted(reachable(match.state, unit).tiles(), key=lambda t: (t[1], t[0])):
        if tile == unit.pos:
            continue
        copy = Match.replay(
            match.state.__class__.from_dict(match.catalog, match.initial), match.seed, match.log
        )
        path = reachable(copy.state, copy.state.units[unit_id]).path_to(tile)
        copy.submit(Move(unit_id, tuple(path)))
        if copy.can_undo() and copy.state.units[unit_id].pos == tile:
            return tile
    raise LookupError("no quiet tile")


def spotting_tile(screen, unit_id: str, enemy: str):
    """A reachable tile from which the unit would spot `enemy` (tried on a copy)."""
    from alma_tactics.core.actions import Move
    from alma_tactics.core.movement import reachable
    from alma_tactics.match import Match

    match = screen.match
    unit = match.state.units[unit_id]
    for tile, _cost in sorted(reachable(match.state, unit).tiles(), key=lambda t: (t[1], t[0])):
        copy = Match.replay(
            match.state.__class__.from_dict(match.catalog, match.initial), match.seed, match.log
        )
        path = reachable(copy.state, copy.state.units[unit_id]).path_to(tile)
        if not path:
            continue
        copy.submit(Move(unit_id, tuple(path)))
        if (
            enemy in copy.state.knowledge[unit.side].spotted
            and copy.state.units[unit_id].pos == tile
        ):
            return tile
    raise LookupError("no tile spots it")
