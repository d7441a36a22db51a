"""The battle board drawn as one side knows it: terrain, light and fog, objects, smoke,
ghosts, units with their pips and status icons, and the screen's overlay.

`BoardRenderer` ties the layers together; each lives in a module of its own, listed
here bottom to top:

- `terrain_chunks`: the terrain, pre-rendered into cached chunks and lit by `fog`,
  the side's light-and-fog multiplier;
- `objects_layer`: map objects, then (over the overlay's range and path) smoke and
  the side's memory: ghosts and what it heard;
- `overlay_layer`: the screen's `Overlay`, partly under the units, partly over them;
- `units_layer`: units with their pips and status icons;
- `minimap`: the whole map small, for the minimap and the scenario list's thumbnail.

Speed comes from caching what does not change every frame:

- terrain is pre-rendered into chunks of about 512 px, rebuilt only where the
  terrain changes (a breached wall rebuilds its chunk, not the map);
- light and fog are one per-tile colour multiplier per side, recomputed only when
  what the side sees, remembers or has lit changes, and *baked* into copies of the
  terrain chunks (smoothly scaled up, so pools of light and the edge of sight are
  soft), so a frame blits each on-screen chunk once with `fblits`;
- sprites are composed once per (type, facing, size, side style).

The renderer reads the state and its events only: it never changes game state.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

from ..core.grid import DIRECTIONS
from ..core.patrol import next_waypoint
from ..core.state import GameState
from ..core.units import MapObject, Unit
from . import minimap
from . import palette as pal
from .board_frame import BoardFrame
from .camera import Camera
from .objects_layer import draw_memory, draw_objects, draw_smoke, lighting_class, object_state
from .overlay import Overlay
from .overlay_layer import OverlayLayer
from .sideview import SideView, side_view
from .sprites import shared
from .terrain_chunks import TerrainData, TerrainLayer
from .units_layer import draw_units, unit_icons

TEXT_CACHE = 256


class BoardRenderer:
    """Draws a state as a side knows it. One renderer per screen; keep it between frames
    (its caches are what make a frame cheap)."""

    def __init__(
        self,
        catalog,
        tile: int = 32,
        colour_blind: bool = False,
        side_colours: dict[str, tuple[int, int, int]] | None = None,
    ) -> None:
        self.catalog = catalog
        self.tile = tile
        self._colour_blind = bool(colour_blind)
        self.side_colours = dict(side_colours or {})
        self.sprites = shared()
        self.time = 0.0  # seconds; the animator (or the screen) advances it: blinking, drifting
        self.hidden: set[str] = set()  # units the animator is drawing itself
        self.positions: dict[str, tuple[int, int]] = {}  # where each unit was last drawn
        self.previous_positions: dict[str, tuple[int, int]] = {}
        self._positions_key: object = None
        self._terrain = TerrainLayer(self.sprites, self._colour_blind)
        self._overlay = OverlayLayer()
        self._styles: dict[str, pal.SideStyle] = {}
        self._styles_key: tuple | None = None
        self._clone_cache: dict = {}
        self._text: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._fonts: dict[int, pygame.font.Font] = {}
        self._minimap: tuple | None = None
        self.view: SideView | None = None  # what the side knew at the last draw

    # --- settings --------------------------------------------------------------------------------
    @property
    def colour_blind(self) -> bool:
        """The colour-blind / high-contrast setting: overlays (movement range, fog, light,
        noise) as patterns and outlines, and the Okabe-Ito side colours."""
        return self._colour_blind

    @colour_blind.setter
    def colour_blind(self, on: bool) -> None:
        self.set_colour_blind(on)

    def set_colour_blind(self, on: bool) -> None:
        on = bool(on)
        if on != getattr(self, "_colour_blind", None):
            self._colour_blind = on
            self._styles_key = None
            self._terrain.set_colour_blind(on)
            self._overlay.forget()
            self._minimap = None

    def styles(self, state: GameState) -> dict[str, pal.SideStyle]:
        """Each side's colour, stand shape and pattern."""
        key = (tuple((s.id, s.faction) for s in state.sides), self.colour_blind)
        if key != self._styles_key:
            self._styles = pal.side_styles(state.sides, self.side_colours, self.colour_blind)
            self._styles_key = key
        return self._styles

    def style_of(self, state: GameState, side_id: str) -> pal.SideStyle:
        styles = self.styles(state)
        style = styles.get(side_id)
        if style is None:
            style = pal.SideStyle((200, 200, 200), "round", 0)
        return style

    # --- the frame -------------------------------------------------------------------------------
    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        state: GameState,
        side: str | None,
        camera: Camera,
        overlay: Overlay | None = None,
    ) -> None:
        """Draw the board into `rect` of `surface` as `side` knows it (None: everything)."""
        rect = pygame.Rect(rect)
        tp = camera.tile_px
        self.sprites.refresh_display()
        view = side_view(state, side, self._clone_cache)
        self.view = view
        data = self._sync_terrain(state)
        self._terrain.relight(view, side, state.ambient)
        self._snapshot_positions(state)

        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip) if clip else rect)
        ox, oy = camera.origin()
        h, w = data.kind.shape
        self.draw_terrain(surface, rect, data, camera)
        tx0, ty0, tx1, ty1 = camera.visible_tiles(rect)
        tx0, ty0 = max(0, tx0), max(0, ty0)
        tx1, ty1 = min(w, tx1), min(h, ty1)
        if tx0 < tx1 and ty0 < ty1:
            frame = BoardFrame(
                surface=surface,
                state=state,
                view=view,
                tp=tp,
                bx=rect.x - ox,
                by=rect.y - oy,
                bounds=(tx0, ty0, tx1, ty1),
                sprites=self.sprites,
                catalog=self.catalog,
                colour_blind=self.colour_blind,
                time=self.time,
                text=self.text,
                style_of=self.style_of,
            )
            draw_objects(frame)
            if overlay is not None:
                self._overlay.draw_under(frame, overlay)
            draw_smoke(frame)
            draw_memory(frame)
            draw_units(frame, overlay, self.hidden)
            if overlay is not None:
                self._overlay.draw_over(frame, overlay)
        surface.set_clip(clip)

    def draw_terrain(
        self, surface: pygame.Surface, rect: pygame.Rect, data: TerrainData, camera: Camera
    ) -> None:
        """The lit terrain of the view (`TerrainLayer.draw`)."""
        self._terrain.draw(surface, rect, data, camera)

    def _sync_terrain(self, state: GameState) -> TerrainData:
        """The terrain's tile choices, its caches brought up to date (the benchmark's
        terrain pass uses this too)."""
        return self._terrain.sync(state)

    def chunk_tiles(self, tp: int) -> int:
        """Tiles along a side of a terrain chunk at `tp` px a tile."""
        return self._terrain.chunk_tiles(tp)

    def _snapshot_positions(self, state: GameState) -> None:
        key = (id(state), state.cache.get("units_version", 0))
        if key == self._positions_key:
            return
        self.previous_positions = self.positions
        self.positions = {u.id: (u.x, u.y) for u in state.units.values() if u.on_map}
        self._positions_key = key

    # --- what things look like (the screen's tooltips can reuse these) --------------------------
    def lighting_class(self, view: SideView, pos: tuple[int, int]) -> str:
        return lighting_class(view, pos)

    def object_state(self, state: GameState, obj: MapObject) -> str:
        return object_state(state, obj, self.time)

    def unit_icons(self, state: GameState, view: SideView, unit: Unit) -> list[str]:
        """The status icons a unit shows, in order."""
        return unit_icons(state, view, unit)

    # --- text ------------------------------------------------------------------------------------
    def text(
        self, text: str, size: int, colour, shadow: bool = False, box: bool = False
    ) -> pygame.Surface:
        key = (text, size, tuple(colour), shadow, box)
        surf = self._text.get(key)
        if surf is not None:
            self._text.move_to_end(key)
            return surf
        font = self._fonts.get(size)
        if font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            font = self._fonts[size] = pygame.font.Font(None, size)
        fg = font.render(text, True, colour)
        pad = 2 if box else 0
        surf = pygame.Surface(
            (fg.get_width() + 1 + 2 * pad, fg.get_height() + 1 + 2 * pad), pygame.SRCALPHA
        )
        if box:
            surf.fill((10, 12, 16, 200))
        if shadow:
            surf.blit(font.render(text, True, (0, 0, 0)), (pad + 1, pad + 1))
        surf.blit(fg, (pad, pad))
        self._text[key] = surf
        while len(self._text) > TEXT_CACHE:
            self._text.popitem(last=False)
        return surf

    # --- minimap and thumbnail -------------------------------------------------------------------
    def minimap(self, state: GameState, side: str | None, size: tuple[int, int]) -> pygame.Surface:
        """The whole map in `size` px as the side knows it: terrain, light and fog, own and
        friendly units, spotted enemies. The surface is the renderer's (reused while nothing
        changes): copy it to keep it."""
        view = side_view(state, side, self._clone_cache)
        key = (
            id(state),
            side,
            tuple(size),
            state.grid.version,
            state.cache.get("units_version", 0),
            len(view.knowledge.spotted) if view.knowledge is not None else -1,
            hash(view.visible.tobytes()) if view.visible is not None else 0,
            state.light_version,
            self.colour_blind,
        )
        if self._minimap is not None and self._minimap[0] == key:
            return self._minimap[1]
        surf = minimap.picture(state, view, size, self.sprites, self.catalog, self.style_of)
        self._minimap = (key, surf)
        return surf

    def minimap_view_rect(
        self, state: GameState, camera: Camera, view: pygame.Rect, size: tuple[int, int]
    ) -> pygame.Rect:
        """The part of a `size` minimap the camera shows (to draw as a frame on it)."""
        return minimap.view_rect(state, camera, view, size)

    def minimap_tile(
        self, state: GameState, pixel: tuple[int, int], size: tuple[int, int]
    ) -> tuple[int, int]:
        """The map tile under a pixel of a `size` minimap (for click-to-jump)."""
        return minimap.tile_at(state, pixel, size)

    def thumbnail(self, state: GameState, size: tuple[int, int]) -> pygame.Surface:
        """The whole map by day with every unit, `size` px, for the scenario list."""
        return minimap.thumbnail(state, size, self.sprites, self.catalog, self.style_of)


__all__ = ["BoardRenderer", "next_waypoint", "DIRECTIONS"]
