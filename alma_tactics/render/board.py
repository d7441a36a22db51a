"""The battle board drawn as one side knows it: terrain, light and fog, objects, smoke,
ghosts, units with their pips and status icons, and the screen's overlay.

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

import math
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np
import pygame

from ..core.grid import DIRECTIONS
from ..core.light import generator_running, is_powered
from ..core.patrol import next_waypoint
from ..core.state import GameState
from ..core.units import MapObject, Unit
from . import palette as pal
from .camera import Camera
from .overlay import Overlay
from .sideview import SideView, side_view
from .sprites import Sprites, shared, terrain_masks

CHUNK_PX = 512  # the pixel size a terrain chunk aims for at any zoom
CHUNK_CACHE = 64  # chunks kept per layer (a 1080p view shows about 20)
TEXT_CACHE = 256
LIGHTING_CLASSES = {"bright": None, "dark": (150, 160, 200), "memory": (110, 112, 128)}


class _TerrainData:
    """Per-map tile choices derived from the terrain kinds: join masks, variants,
    shadows under tall tiles, and a gentle large-scale brightness variation."""

    def __init__(self, sprites: Sprites, state: GameState) -> None:
        catalog = state.catalog
        kind = state.grid.kind
        self.kind = kind.copy()
        self.ids = [k.id for k in catalog.terrain]
        n = len(self.ids)
        joins_by_index: list[np.ndarray | None] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        for tid in self.ids:
            cols, rows, joins = sprites.terrain_layout(tid)
            self.cols.append(cols)
            self.rows.append(rows)
            if joins:
                joins_by_index.append(np.array([other in joins for other in self.ids], np.bool_))
            else:
                joins_by_index.append(None)
        self.joined = [j is not None for j in joins_by_index]
        self.masks = terrain_masks(kind, joins_by_index)
        h, w = kind.shape
        ys, xs = np.mgrid[0:h, 0:w]
        hashed = ((xs * 73856093) ^ (ys * 19349663) ^ (xs * ys * 83492791)) & 0x7FFFFFFF
        self.hashed = hashed
        count = np.array([self.rows[i] if self.joined[i] else self.cols[i] for i in range(n)])
        self.variant = (hashed // 7) % np.maximum(count[kind], 1)
        tall_kind = catalog.table("blocks_sight", np.bool_) | (
            catalog.table("elevation", np.int8) > 0
        )
        tall = tall_kind[kind]
        self.shadow_n = np.zeros_like(tall)
        self.shadow_n[1:] = tall[:-1] & ~tall[1:]
        self.shadow_w = np.zeros_like(tall)
        self.shadow_w[:, 1:] = tall[:, :-1] & ~tall[:, 1:]
        rng = np.random.default_rng(20_240_611)
        noise = rng.random((h + 6, w + 6))
        smooth = sum(noise[dy : dy + h, dx : dx + w] for dy in range(7) for dx in range(7)) / 49
        smooth = (smooth - smooth.min()) / max(1e-9, float(np.ptp(smooth)))
        macro = np.clip(222 + smooth * 33, 0, 255).astype(np.uint8)
        self.macro = np.pad(
            np.repeat(macro[:, :, None], 3, axis=2), ((1, 1), (1, 1), (0, 0)), "edge"
        )

    def changed_tiles(self, kind: np.ndarray) -> np.ndarray | None:
        if kind.shape != self.kind.shape:
            return None
        return kind != self.kind


def _upscale(region: np.ndarray, tp: int, smooth: bool):
    """A per-tile RGB array with one extra tile all round, scaled to `tp` px per tile and
    trimmed of that border; smooth scaling blends between tile centres."""
    region = np.ascontiguousarray(region)
    h, w = region.shape[:2]
    small = pygame.image.frombuffer(region.tobytes(), (w, h), "RGB")
    size = (w * tp, h * tp)
    big = (
        pygame.transform.smoothscale(small, size) if smooth else pygame.transform.scale(small, size)
    )
    return big.subsurface((tp, tp, (w - 2) * tp, (h - 2) * tp))


class _Shade:
    """One side's per-tile light-and-fog multiplier, and which chunks it changed."""

    def __init__(self) -> None:
        self.inputs: tuple | None = None
        self.padded: np.ndarray | None = None
        self.visible: np.ndarray | None = None
        self.explored: np.ndarray | None = None
        self.lit: np.ndarray | None = None
        self.version = 0

    def update(self, view: SideView, ambient: str) -> np.ndarray | bool:
        """Recompute if the side's sight, memory or light changed. Returns False when
        nothing changed, True when everything must be redrawn, else a bool [y, x] of
        the tiles whose shade changed."""
        lit = view.lit
        same = (
            self.inputs is not None
            and self.inputs[0] == ambient
            and self.inputs[1] == view.side
            and self.lit is not None
            and np.array_equal(self.lit, lit)
            and _same(self.visible, view.visible)
            and _same(self.explored, view.explored)
        )
        if same:
            return False
        shade = _shade(view, ambient)
        padded = np.pad(shade, ((1, 1), (1, 1), (0, 0)), "edge")
        if self.padded is None or self.padded.shape != padded.shape:
            changed: np.ndarray | bool = True
        else:
            changed = np.any(padded[1:-1, 1:-1] != self.padded[1:-1, 1:-1], axis=2)
            if not changed.any():
                changed = np.zeros(shade.shape[:2], np.bool_)
        self.padded = padded
        self.inputs = (ambient, view.side)
        self.lit = lit.copy()
        self.visible = None if view.visible is None else view.visible.copy()
        self.explored = None if view.explored is None else view.explored.copy()
        self.version += 1
        return changed


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.shape == b.shape and np.array_equal(a, b)


def _shade(view: SideView, ambient: str) -> np.ndarray:
    """uint8 [y, x, 3]: the colour each tile's daylight art is multiplied by."""
    lit = view.lit
    h, w = lit.shape
    if view.ambient_lit:
        light = np.full((h, w, 3), 255, np.float32)
    else:
        dark = pal.LIGHT_DUSK if ambient == "dusk" else pal.LIGHT_NIGHT
        light = np.where(
            lit[..., None], np.array(pal.LIGHT_LAMP, np.float32), np.array(dark, np.float32)
        )
    if view.visible is not None:
        opaque = view.state.grid.blocks_sight
        visible = _fill_solid(view.visible, opaque)
        explored = _fill_solid(view.explored, opaque)
        remembered = explored & ~visible
        light[remembered] *= pal.REMEMBERED
        light[~explored] = pal.NEVER_SEEN
    return light.astype(np.uint8)


def _fill_solid(seen: np.ndarray, opaque: np.ndarray, steps: int = 12) -> np.ndarray:
    """`seen` spread across the solid blocks (roofs, rock) whose edge is seen: nobody sees
    the middle of a roof from the ground, but a roof dark in the middle looks wrong."""
    out = seen.copy()
    grow = seen & opaque
    for _ in range(steps):
        if not grow.any():
            break
        near = grow.copy()
        near[1:] |= grow[:-1]
        near[:-1] |= grow[1:]
        near[:, 1:] |= grow[:, :-1]
        near[:, :-1] |= grow[:, 1:]
        grow = near & opaque & ~out
        out |= grow
    return out


class _ChunkCache:
    def __init__(self, limit: int = CHUNK_CACHE) -> None:
        self.items: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self.limit = limit
        self.version = 0  # bumps whenever chunks are thrown away (their pictures changed)

    def get(self, key: tuple) -> pygame.Surface | None:
        surf = self.items.get(key)
        if surf is not None:
            self.items.move_to_end(key)
        return surf

    def put(self, key: tuple, surf: pygame.Surface) -> None:
        self.items[key] = surf
        self.items.move_to_end(key)
        while len(self.items) > self.limit:
            self.items.popitem(last=False)

    def drop(self, keep) -> None:
        doomed = [k for k in self.items if not keep(k)]
        for key in doomed:
            del self.items[key]
        if doomed:
            self.version += 1

    def clear(self) -> None:
        if self.items:
            self.version += 1
        self.items.clear()


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
        self._terrain: _TerrainData | None = None
        self._terrain_state: int | None = None
        self._terrain_chunks = _ChunkCache()
        self._baked = _ChunkCache()
        self._shade = _Shade()
        self._shade_side: object = "unset"
        self._styles: dict[str, pal.SideStyle] = {}
        self._styles_key: tuple | None = None
        self._clone_cache: dict = {}
        self._text: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._fonts: dict[int, pygame.font.Font] = {}
        self._outline_cache: tuple | None = None
        self._minimap: tuple | None = None
        self._view_image: pygame.Surface | None = None  # the lit terrain of the view
        self._view_key: tuple | None = None  # what `_view_image` shows
        self._pending_key: tuple | None = None  # the view drawn last frame, if not composed
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
            self._baked.clear()
            self._shade = _Shade()
            self._outline_cache = None
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

    # --- caches ----------------------------------------------------------------------------------
    def _sync_terrain(self, state: GameState) -> _TerrainData:
        grid = state.grid
        key = (id(grid), grid.version)
        data = self._terrain
        if data is not None and key == self._terrain_state:
            return data
        self._terrain_state = key
        if data is None or data.kind.shape != grid.kind.shape:
            self._terrain = data = _TerrainData(self.sprites, state)
            self._terrain_chunks.clear()
            self._baked.clear()
            return data
        changed = data.changed_tiles(grid.kind)
        if changed is not None and changed.any():
            # a breach: re-derive the tile choices and rebuild only the chunks around it
            self._terrain = data = _TerrainData(self.sprites, state)
            self._drop_chunks(_grow(changed))
        return data

    def chunk_tiles(self, tp: int) -> int:
        return max(4, CHUNK_PX // tp)

    def _drop_chunks(self, tiles: np.ndarray) -> None:
        ys, xs = np.nonzero(tiles)
        if len(xs) == 0:
            return
        doomed: set[tuple[int, int, int]] = set()
        for key in list(self._terrain_chunks.items) + list(self._baked.items):
            tp = key[0]
            n = self.chunk_tiles(tp)
            doomed.update(
                (tp, cx, cy)
                for cx, cy in set(zip((xs // n).tolist(), (ys // n).tolist(), strict=True))
            )
        self._terrain_chunks.drop(lambda k: k[:3] not in doomed)
        self._baked.drop(lambda k: k[:3] not in doomed)

    def _terrain_chunk(self, data: _TerrainData, tp: int, cx: int, cy: int) -> pygame.Surface:
        key = (tp, cx, cy)
        surf = self._terrain_chunks.get(key)
        if surf is not None:
            return surf
        n = self.chunk_tiles(tp)
        h, w = data.kind.shape
        x0, y0 = cx * n, cy * n
        x1, y1 = min(w, x0 + n), min(h, y0 + n)
        surf = pygame.Surface(((x1 - x0) * tp, (y1 - y0) * tp))
        if pygame.display.get_surface() is not None:
            surf = surf.convert()
        sprites, ids, joined = self.sprites, data.ids, data.joined
        kind, masks, variant = data.kind, data.masks, data.variant
        blits = []
        for y in range(y0, y1):
            py = (y - y0) * tp
            krow, mrow, vrow = kind[y], masks[y], variant[y]
            for x in range(x0, x1):
                k = int(krow[x])
                mask = int(mrow[x]) if joined[k] else 0
                blits.append((sprites.terrain(ids[k], tp, mask, int(vrow[x])), ((x - x0) * tp, py)))
        surf.fblits(blits)
        shadow_n, shadow_w = sprites.effect("shadow_n", tp), sprites.effect("shadow_w", tp)
        shadows = [
            (shadow_n, ((x - x0) * tp, (y - y0) * tp))
            for y, x in zip(*np.nonzero(data.shadow_n[y0:y1, x0:x1]), strict=True)
            for x, y in [(x + x0, y + y0)]
        ]
        shadows += [
            (shadow_w, ((x - x0) * tp, (y - y0) * tp))
            for y, x in zip(*np.nonzero(data.shadow_w[y0:y1, x0:x1]), strict=True)
            for x, y in [(x + x0, y + y0)]
        ]
        if shadows:
            surf.fblits(shadows)
        self._terrain_chunks.put(key, surf)
        return surf

    def _baked_chunk(self, data: _TerrainData, tp: int, cx: int, cy: int) -> pygame.Surface:
        key = (tp, cx, cy, self._shade_side)
        surf = self._baked.get(key)
        if surf is not None:
            return surf
        surf = self._terrain_chunk(data, tp, cx, cy).copy()
        shade = self._shade
        n = self.chunk_tiles(tp)
        h, w = data.kind.shape
        x0, y0 = cx * n, cy * n
        x1, y1 = min(w, x0 + n), min(h, y0 + n)
        if shade.padded is not None:
            region = shade.padded[y0 : y1 + 2, x0 : x1 + 2]
            if not self.colour_blind:  # the ground's gentle large-scale variation, same pass
                macro = data.macro[y0 : y1 + 2, x0 : x1 + 2]
                region = (region.astype(np.uint16) * macro // 255).astype(np.uint8)
            mult = _upscale(region, tp, not self.colour_blind)
            surf.blit(mult, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
            if self.colour_blind:
                self._pattern_fog(surf, tp, x0, y0, x1, y1)
        self._baked.put(key, surf)
        return surf

    def _pattern_fog(
        self, surf: pygame.Surface, tp: int, x0: int, y0: int, x1: int, y1: int
    ) -> None:
        """High-contrast fog and light: hatching on remembered tiles, a dashed outline round
        lit ground and round what the side sees."""
        shade = self._shade
        hatch = self.sprites.cached(
            ("cb-hatch", tp), lambda: pal.pattern_tile("hatch", tp, (0, 0, 0), 150)
        )
        blits = []
        if shade.visible is not None and shade.explored is not None:
            remembered = shade.explored[y0:y1, x0:x1] & ~shade.visible[y0:y1, x0:x1]
            blits += [
                (hatch, ((x) * tp, (y) * tp)) for y, x in zip(*np.nonzero(remembered), strict=True)
            ]
        if blits:
            surf.fblits(blits)
        width = max(1, tp // 12)
        if shade.lit is not None and not self._ambient_lit:
            _edges(surf, shade.lit, x0, y0, x1, y1, tp, pal.SWEEP, width, dashed=True)
        if shade.visible is not None:
            _edges(surf, shade.visible, x0, y0, x1, y1, tp, (240, 240, 250), width, dashed=False)

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
        self._ambient_lit = view.ambient_lit
        if self._shade_side != side:
            self._shade = _Shade()
            self._shade_side = side
            self._baked.clear()
        changed = self._shade.update(view, state.ambient)
        if changed is True:
            self._baked.clear()
        elif changed is not False:
            self._drop_baked(_grow(changed), side)
        self._snapshot_positions(state)

        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip) if clip else rect)
        ox, oy = camera.origin()
        bx, by = rect.x - ox, rect.y - oy  # screen position of the map's top-left
        h, w = data.kind.shape
        self.draw_terrain(surface, rect, data, camera)
        tx0, ty0, tx1, ty1 = camera.visible_tiles(rect)
        tx0, ty0 = max(0, tx0), max(0, ty0)
        tx1, ty1 = min(w, tx1), min(h, ty1)
        if tx0 < tx1 and ty0 < ty1:
            bounds = (tx0, ty0, tx1, ty1)
            self._draw_objects(surface, state, view, tp, bx, by, bounds)
            if overlay is not None:
                self._draw_overlay_under(surface, state, view, tp, bx, by, bounds, overlay)
            self._draw_smoke(surface, state, view, tp, bx, by, bounds)
            self._draw_memory(surface, state, view, tp, bx, by, bounds)
            self._draw_units(surface, state, view, tp, bx, by, bounds, overlay)
            if overlay is not None:
                self._draw_overlay_over(surface, state, view, tp, bx, by, bounds, overlay)
        surface.set_clip(clip)

    def draw_terrain(self, surface, rect: pygame.Rect, data: _TerrainData, camera: Camera) -> None:
        """The lit terrain of the view. While the camera moves, the cached chunks are
        blitted straight to the screen with `fblits`; once it stays put for a frame they
        are composed into one viewport-sized picture, and every later frame is a single
        blit of it until the camera moves or a chunk on it changes."""
        tp = camera.tile_px
        ox, oy = camera.origin()
        key = (tp, ox, oy, rect.size, self._baked.version, id(data))
        if key == self._view_key and self._view_image is not None:
            surface.blit(self._view_image, rect.topleft)
            return
        if key != self._pending_key:  # moving: draw the chunks directly
            self._pending_key = key
            self._compose(surface, rect, data, camera)
            return
        view = self._view_image
        if view is None or view.get_size() != rect.size:
            view = pygame.Surface(rect.size)
            if pygame.display.get_surface() is not None:
                view = view.convert()
            self._view_image = view
        self._compose(view, view.get_rect(), data, camera)
        self._view_key = (tp, ox, oy, rect.size, self._baked.version, id(data))
        surface.blit(view, rect.topleft)

    def _compose(self, surface, rect: pygame.Rect, data: _TerrainData, camera: Camera) -> None:
        """The view's lit chunks (and the background past the map's edges) onto `rect`."""
        tp = camera.tile_px
        ox, oy = camera.origin()
        h, w = data.kind.shape
        bx, by = rect.x - ox, rect.y - oy
        map_rect = pygame.Rect(bx, by, w * tp, h * tp)
        if not map_rect.contains(rect):
            for strip in _outside(rect, map_rect):
                surface.fill(pal.BACKGROUND, strip)
        n = self.chunk_tiles(tp)
        tx0, ty0, tx1, ty1 = camera.visible_tiles(rect)
        tx0, ty0 = max(0, tx0), max(0, ty0)
        tx1, ty1 = min(w, tx1), min(h, ty1)
        if tx0 < tx1 and ty0 < ty1:
            surface.fblits(
                [
                    (self._baked_chunk(data, tp, cx, cy), (bx + cx * n * tp, by + cy * n * tp))
                    for cy in range(ty0 // n, (ty1 - 1) // n + 1)
                    for cx in range(tx0 // n, (tx1 - 1) // n + 1)
                ]
            )

    def _drop_baked(self, tiles: np.ndarray, side) -> None:
        ys, xs = np.nonzero(tiles)
        if len(xs) == 0:
            return
        doomed = set()
        for tp in {k[0] for k in self._baked.items}:
            n = self.chunk_tiles(tp)
            doomed.update(
                (tp, cx, cy) for cx, cy in zip((xs // n).tolist(), (ys // n).tolist(), strict=True)
            )
        self._baked.drop(lambda k: k[:3] not in doomed)

    def _snapshot_positions(self, state: GameState) -> None:
        key = (id(state), state.cache.get("units_version", 0))
        if key == self._positions_key:
            return
        self.previous_positions = self.positions
        self.positions = {u.id: (u.x, u.y) for u in state.units.values() if u.on_map}
        self._positions_key = key

    # --- objects, smoke, ghosts ------------------------------------------------------------------
    def lighting_class(self, view: SideView, pos: tuple[int, int]) -> str:
        x, y = pos
        if view.visible is not None and not view.visible[y, x]:
            return "memory"
        if view.ambient_lit or view.lit[y, x]:
            return "bright"
        return "dark"

    def object_state(self, state: GameState, obj: MapObject) -> str:
        if obj.kind == "spotlight":
            if obj.status.get("destroyed") or (obj.hp <= 0 and obj.props.get("max_hp", 0) > 0):
                return "broken"
            return "on" if is_powered(state, obj) else "off"
        if obj.kind == "generator":
            if obj.status.get("destroyed") or (obj.hp <= 0 and obj.props.get("max_hp", 0) > 0):
                return "wrecked"
            return "running" if generator_running(obj) else "off"
        if obj.kind == "charge":
            return "armed" if int(self.time * 2) % 2 == 0 else "blink"
        return "normal"

    def _draw_objects(self, surface, state, view, tp, bx, by, bounds) -> None:
        x0, y0, x1, y1 = bounds
        blits = []
        glows = []
        labels = []
        for obj in state.objects.values():
            x, y = obj.x, obj.y
            if not (x0 - 1 <= x < x1 + 1 and y0 - 1 <= y < y1 + 1):
                continue
            if not (0 <= y < view.lit.shape[0] and 0 <= x < view.lit.shape[1]):
                continue
            if not view.knows_tile((x, y)):
                continue
            enemy_charge = (
                obj.kind == "charge"
                and view.side is not None
                and bool(obj.side)
                and state.are_enemies(view.side, obj.side)
            )
            if enemy_charge and not view.sees_tile((x, y)):
                continue  # an enemy's charge is known only while it is in sight
            lighting = self.lighting_class(view, (x, y))
            look = self.object_state(state, obj)
            direction = 0
            if obj.kind == "spotlight":
                direction = round(((float(obj.props.get("direction", 90)) + 90) % 360) / 45) % 8
                if look == "on" and not view.ambient_lit:
                    glows.append((x, y))
            sprite = self.sprites.object(obj.kind, tp, look, direction, LIGHTING_CLASSES[lighting])
            blits.append((sprite, (bx + x * tp, by + y * tp)))
            label = obj.props.get("label")
            if label and obj.kind == "marker" and tp >= 20:
                labels.append((label, (bx + x * tp + tp // 2, by + y * tp + tp)))
        if glows:
            size = tp * 2
            glow = self.sprites.effect("glow", size)
            surface.fblits(
                [
                    (glow, (bx + x * tp + tp // 2 - size // 2, by + y * tp + tp // 2 - size // 2))
                    for x, y in glows
                ],
                pygame.BLEND_RGB_ADD,
            )
        if blits:
            surface.fblits(blits)
        for text, (cx, top) in labels:
            label = self.text(text, max(10, tp * 3 // 8), (235, 240, 250), shadow=True)
            surface.blit(label, (cx - label.get_width() // 2, top - 2))

    def _draw_smoke(self, surface, state, view, tp, bx, by, bounds) -> None:
        x0, y0, x1, y1 = bounds
        smoke = state.grid.smoke[y0:y1, x0:x1]
        if not smoke.any():
            return
        size = tp * 3 // 2
        off = (size - tp) // 2
        blits = []
        t = self.time
        for y, x in zip(*np.nonzero(smoke), strict=True):
            x, y = int(x) + x0, int(y) + y0
            if not view.knows_tile((x, y)):
                continue
            thick = min(3, int(smoke[y - y0, x - x0]))
            lighting = self.lighting_class(view, (x, y))
            variant = (x * 7 + y * 13) % 4
            puff = self.sprites.cached(
                ("smoke", size, variant, thick, lighting),
                lambda v=variant, k=thick, c=lighting: self._puff(size, v, k, c),
            )
            dx = round(math.sin(t * 0.6 + x * 1.7 + y * 0.9) * tp * 0.08)
            dy = round(math.cos(t * 0.5 + x * 0.8 + y * 1.3) * tp * 0.06)
            blits.append((puff, (bx + x * tp - off + dx, by + y * tp - off + dy)))
        if blits:
            surface.fblits(blits)

    def _puff(self, size: int, variant: int, thick: int, lighting: str) -> pygame.Surface:
        tint = LIGHTING_CLASSES[lighting]
        puff = self.sprites.effect("smoke", size, variant, tint).copy()
        puff.set_alpha((0, 120, 180, 235)[thick])
        out = pygame.Surface(puff.get_size(), pygame.SRCALPHA)
        out.blit(puff, (0, 0))
        if self.colour_blind:
            cross = pal.pattern_tile("cross", size, (240, 240, 240), 90)
            out.blit(cross, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        return out

    def _draw_memory(self, surface, state, view, tp, bx, by, bounds) -> None:
        """Ghosts where enemies were last seen, and the places the side heard something."""
        know = view.knowledge
        if know is None:
            return
        x0, y0, x1, y1 = bounds
        blits = []
        icon = self.sprites.status("ghost", tp)
        spotted = know.spotted
        for ghost in know.ghosts.values():
            if ghost.unit in spotted or not (x0 - 2 <= ghost.x < x1 and y0 - 2 <= ghost.y < y1):
                continue
            unit = state.units.get(ghost.unit)
            facing = unit.facing if unit is not None else 4
            side_id = unit.side if unit is not None else ""
            shape = self.style_of(state, side_id).shape if side_id else "angular"
            blits.append(
                (
                    self.sprites.ghost(ghost.type_id, facing, tp, shape),
                    (bx + ghost.x * tp, by + ghost.y * tp),
                )
            )
            blits.append((icon, (bx + ghost.x * tp + tp - icon.get_width(), by + ghost.y * tp)))
        heard = self.sprites.status("heard", tp)
        recent = state.turn - 1
        for x, y, turn in know.heard:
            if turn >= recent and x0 <= x < x1 and y0 <= y < y1:
                cx, cy = bx + x * tp + tp // 2, by + y * tp + tp // 2
                pygame.draw.circle(surface, pal.NOISE, (cx, cy), tp * 2 // 3, max(1, tp // 16))
                blits.append((heard, (cx - heard.get_width() // 2, cy - heard.get_height() // 2)))
        if blits:
            surface.fblits(blits)

    # --- units -----------------------------------------------------------------------------------
    def _draw_units(self, surface, state, view, tp, bx, by, bounds, overlay) -> None:
        x0, y0, x1, y1 = bounds
        sprites = self.sprites
        units_cat = self.catalog.units
        selected = overlay.selected if overlay is not None else None
        blits: list[tuple[pygame.Surface, tuple[int, int]]] = []
        extras: list[tuple[pygame.Surface, tuple[int, int]]] = []
        riders: list[Unit] = []
        cargo: dict[str, int] = {}
        for unit in state.units.values():
            if unit.carried_by and unit.hp > 0:
                cargo[unit.carried_by] = cargo.get(unit.carried_by, 0) + 1
        for unit in state.units.values():
            if unit.hp <= 0 or unit.carried_by or unit.id in self.hidden:
                continue
            if not (x0 - 2 <= unit.x < x1 and y0 - 2 <= unit.y < y1):
                continue
            if not view.knows_unit(unit):
                continue
            if unit.mounted_on:
                riders.append(unit)
                continue
            utype = units_cat[unit.type_id]
            size = utype.size
            px, py = bx + unit.x * tp, by + unit.y * tp
            friend = view.is_friend(unit)
            if view.infrared_only(unit, size):
                blits.append((sprites.infrared(unit.type_id, unit.facing, tp), (px, py)))
                continue
            style = self.style_of(state, unit.side)
            if unit.id == selected:
                self._selection_ring(surface, px, py, tp * size)
            blits.append((sprites.unit(unit.type_id, unit.facing, tp, style), (px, py)))
            self._unit_marks(
                extras, state, view, unit, utype, tp, px, py, friend, cargo.get(unit.id, 0)
            )
        for rider in riders:
            brute = state.units.get(rider.mounted_on)
            if brute is None or brute.id in self.hidden:
                continue
            size = units_cat[brute.type_id].size
            px = bx + brute.x * tp + (size - 1) * tp // 2
            py = by + brute.y * tp + (size - 1) * tp // 2 - tp // 4
            style = self.style_of(state, rider.side)
            blits.append((sprites.unit(rider.type_id, rider.facing, tp, style), (px, py)))
            self._unit_marks(
                extras,
                state,
                view,
                rider,
                units_cat[rider.type_id],
                tp,
                px,
                py,
                view.is_friend(rider),
                0,
            )
        if blits:
            surface.fblits(blits)
        if extras:
            surface.fblits(extras)

    def _selection_ring(self, surface, px, py, span) -> None:
        pulse = 0.5 + 0.5 * math.sin(self.time * 5)
        r = span // 2 + max(1, span // 16) + round(pulse * span / 20)
        centre = (px + span // 2, py + span // 2)
        pygame.draw.circle(surface, pal.PATH_SHADOW, centre, r + 1, max(2, span // 10))
        pygame.draw.circle(surface, pal.SELECTED, centre, r, max(1, span // 14))

    def unit_icons(self, state: GameState, view: SideView, unit: Unit) -> list[str]:
        """The status icons a unit shows, in order (the screen's tooltips can reuse this)."""
        icons = []
        if unit.alertness != "alert":
            icons.append(unit.alertness)
        elif not view.is_friend(unit) or (view.side is None and unit.side != state.sides[0].id):
            icons.append("alert")
        if unit.overwatch or "overwatch" in unit.status:
            icons.append("overwatch")
        if unit.mounted_on:
            icons.append("mounted")
        for name in ("emp", "stunned", "bleeding", "hamstrung", "dodging", "tail_severed"):
            if name in unit.status:
                icons.append(name)
        return icons

    def _unit_marks(self, out, state, view, unit, utype, tp, px, py, friend, carried) -> None:
        span = tp * utype.size
        sprites = self.sprites
        if tp >= 20:
            isz = sprites.icon_px(tp)
            others = 0
            for name in self.unit_icons(state, view, unit):
                if name in ("unaware", "suspicious", "alert"):
                    pos = (px - isz // 4, py - isz // 4)
                elif others < 3:
                    pos = (px + span - isz + isz // 4, py - isz // 4 + others * (isz - 1))
                    others += 1
                else:
                    continue
                out.append((sprites.status(name, tp), pos))
            if carried:
                cargo_icon = sprites.status("cargo", tp)
                out.append((cargo_icon, (px - isz // 4, py + span - isz)))
                count = self.text(str(carried), max(10, isz + 2), (255, 255, 255), shadow=True)
                out.append((count, (px + isz * 3 // 4, py + span - isz)))
        # pips: health for every known unit, action points for the side's own
        hp_max = max(1, utype.hp)
        bar_h = max(2, tp // 11)
        y_hp = py + span - bar_h - 1
        out.append((self._hp_bar(unit.hp, hp_max, span, bar_h), (px + 2, y_hp)))
        if friend and (view.side is None or unit.side == view.side) and utype.ap > 0:
            out.append((self._ap_bar(unit.ap, utype.ap, span, bar_h), (px + 2, y_hp - bar_h - 1)))

    def _hp_bar(self, hp: int, hp_max: int, span: int, bar_h: int) -> pygame.Surface:
        total = min(10, hp_max)
        per = hp_max / total
        filled = min(total, max(0, math.ceil(hp / per - 1e-9)))
        frac = hp / hp_max
        colour = (90, 220, 90) if frac > 0.6 else (240, 200, 60) if frac > 0.3 else (240, 70, 50)
        if self.colour_blind:
            colour = (245, 245, 245)
        key = ("hp", filled, total, span, bar_h, colour)
        return self.sprites.cached(key, lambda: _pip_bar(filled, total, span - 4, bar_h, colour))

    def _ap_bar(self, ap: int, ap_max: int, span: int, bar_h: int) -> pygame.Surface:
        per = 4
        total = max(1, min(10, ap_max // per))
        filled = min(total, max(0, ap // per))
        colour = (90, 210, 250)
        key = ("ap", filled, total, span, bar_h)
        return self.sprites.cached(
            key, lambda: _pip_bar(filled, total, (span - 4) * 2 // 3, bar_h, colour)
        )

    # --- overlay ---------------------------------------------------------------------------------
    def _draw_overlay_under(
        self, surface, state, view, tp, bx, by, bounds, overlay: Overlay
    ) -> None:
        x0, y0, x1, y1 = bounds
        if overlay.reachable:
            layer = self._reach_layer(overlay.reachable, tp)
            if layer is not None:  # the whole range pre-drawn: one blit a frame
                image, (rx, ry) = layer
                surface.blit(image, (bx + rx * tp, by + ry * tp))
            else:
                self._reach_tiles(surface, overlay.reachable, tp, bx, by, bounds)
        if overlay.watched:
            tick = self.sprites.cached(
                ("watched", tp, self.colour_blind), lambda: _watched_tile(tp, self.colour_blind)
            )
            blits = [
                (tick, (bx + x * tp, by + y * tp))
                for x, y in overlay.watched
                if x0 <= x < x1 and y0 <= y < y1
            ]
            if blits:
                surface.fblits(blits)
        if overlay.blast is not None:
            (cx, cy), blast, scatter = overlay.blast
            fill = self.sprites.cached(
                ("blast", tp, self.colour_blind), lambda: _blast_tile(tp, self.colour_blind)
            )
            blits = [
                (fill, (bx + x * tp, by + y * tp))
                for y in range(max(y0, cy - blast), min(y1, cy + blast + 1))
                for x in range(max(x0, cx - blast), min(x1, cx + blast + 1))
            ]
            if blits:
                surface.fblits(blits)
            width = max(1, tp // 12)
            reach = scatter + blast
            _dashed_rect(
                surface,
                pal.SCATTER,
                pygame.Rect(
                    bx + (cx - scatter) * tp,
                    by + (cy - scatter) * tp,
                    (2 * scatter + 1) * tp,
                    (2 * scatter + 1) * tp,
                ),
                width,
                tp // 3,
            )
            if reach > blast:
                _dashed_rect(
                    surface,
                    pal.BLAST,
                    pygame.Rect(
                        bx + (cx - reach) * tp,
                        by + (cy - reach) * tp,
                        (2 * reach + 1) * tp,
                        (2 * reach + 1) * tp,
                    ),
                    width,
                    tp // 5,
                )
        if overlay.path:
            pts = [(bx + x * tp + tp // 2, by + y * tp + tp // 2) for x, y in overlay.path]
            if len(pts) > 1:
                pygame.draw.lines(surface, pal.PATH_SHADOW, False, pts, max(3, tp // 6))
                pygame.draw.lines(surface, pal.PATH, False, pts, max(1, tp // 12))
            for p in pts[1:-1]:
                pygame.draw.circle(surface, pal.PATH, p, max(2, tp // 12))

    def _reach_tile(self, tp: int, bucket: int, colour) -> pygame.Surface:
        def make():
            surf = pygame.Surface((tp, tp), pygame.SRCALPHA)
            if self.colour_blind:
                surf.blit(pal.pattern_tile(pal.REACH_PATTERNS[bucket], tp, colour, 220), (0, 0))
            else:
                surf.fill((*colour, 70))
                pygame.draw.rect(surf, (*colour, 130), surf.get_rect(), max(1, tp // 16))
            return surf

        return self.sprites.cached(("reach", tp, bucket, colour, self.colour_blind), make)

    def _reach_layer(self, reachable: dict, tp: int):
        """The movement range drawn once onto its own surface (tiles coloured by AP left,
        outlined), kept while the range and zoom stay the same."""
        key = (len(reachable), hash(frozenset(reachable.items())), tp, self.colour_blind)
        cached = self._outline_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        xs = [p[0] for p in reachable]
        ys = [p[1] for p in reachable]
        x0, y0 = min(xs), min(ys)
        w, h = (max(xs) - x0 + 1) * tp, (max(ys) - y0 + 1) * tp
        layer = None
        if w * h <= 2400 * 2400:
            image = pygame.Surface((w + 2, h + 2), pygame.SRCALPHA)
            self._reach_tiles(image, reachable, tp, -x0 * tp, -y0 * tp, None)
            image = image.convert_alpha() if pygame.display.get_surface() is not None else image
            layer = (image, (x0, y0))
        self._outline_cache = (key, layer)
        return layer

    def _reach_tiles(self, surface, reachable: dict, tp: int, bx: int, by: int, bounds) -> None:
        ap_max = max(reachable.values(), default=0)
        blits = []
        for (x, y), left in reachable.items():
            if bounds is None or (bounds[0] <= x < bounds[2] and bounds[1] <= y < bounds[3]):
                bucket, colour = pal.reach_colour(left, ap_max, self.colour_blind)
                blits.append((self._reach_tile(tp, bucket, colour), (bx + x * tp, by + y * tp)))
        if blits:
            surface.fblits(blits)
        width = max(2, tp // 10) if self.colour_blind else max(1, tp // 16)
        colour = (255, 255, 255) if self.colour_blind else (200, 255, 200)
        line = pygame.draw.line
        for x, y in reachable:  # the outline: edges towards tiles out of range
            left, top = bx + x * tp, by + y * tp
            if (x, y - 1) not in reachable:
                line(surface, colour, (left, top), (left + tp, top), width)
            if (x, y + 1) not in reachable:
                line(surface, colour, (left, top + tp), (left + tp, top + tp), width)
            if (x - 1, y) not in reachable:
                line(surface, colour, (left, top), (left, top + tp), width)
            if (x + 1, y) not in reachable:
                line(surface, colour, (left + tp, top), (left + tp, top + tp), width)

    def _draw_overlay_over(
        self, surface, state, view, tp, bx, by, bounds, overlay: Overlay
    ) -> None:
        x0, y0, x1, y1 = bounds
        if overlay.intent:
            self._draw_intent(surface, state, view, tp, bx, by, bounds)
        for (cx, cy), radius in overlay.noise_rings:
            centre = (bx + cx * tp + tp // 2, by + cy * tp + tp // 2)
            r = int((radius + 0.5) * tp)
            if self.colour_blind:
                _dashed_circle(surface, pal.NOISE, centre, r, max(2, tp // 10), 24)
            else:
                ring = self.sprites.cached(
                    ("noise-fill", r), lambda r=r: _disc(r, (*pal.NOISE, 28))
                )
                surface.blit(ring, (centre[0] - r, centre[1] - r))
                pygame.draw.circle(surface, pal.NOISE, centre, r, max(1, tp // 14))
            label = self.text(f"noise {radius}", max(10, tp * 3 // 8), pal.NOISE, shadow=True)
            surface.blit(
                label, (centre[0] - label.get_width() // 2, centre[1] - r - label.get_height())
            )
            heard = self.sprites.status("heard", tp)
            for pos in self._known_enemy_positions(state, view):
                dx, dy = pos[0] - cx, pos[1] - cy
                if dx * dx + dy * dy <= radius * radius:
                    surface.blit(
                        heard,
                        (
                            bx + pos[0] * tp + tp // 2 - heard.get_width() // 2,
                            by + pos[1] * tp - heard.get_height() // 2,
                        ),
                    )
        if overlay.hover is not None:
            hx, hy = overlay.hover
            r = pygame.Rect(bx + hx * tp, by + hy * tp, tp, tp)
            pygame.draw.rect(surface, pal.PATH_SHADOW, r.inflate(2, 2), max(1, tp // 16) + 1)
            pygame.draw.rect(surface, pal.HOVER, r, max(1, tp // 16))
        if overlay.path:
            end = overlay.path[-1]
            ex, ey = bx + end[0] * tp, by + end[1] * tp
            pygame.draw.circle(surface, pal.PATH_SHADOW, (ex + tp // 2, ey + tp // 2), tp // 5 + 2)
            pygame.draw.circle(surface, pal.PATH, (ex + tp // 2, ey + tp // 2), tp // 5)
            marks = []
            lit = view.ambient_lit or bool(view.lit[end[1], end[0]])
            if not view.ambient_lit:
                marks.append("lit" if lit else "dark")
            if overlay.watched and tuple(end) in overlay.watched:
                marks.append("watched")
            x = ex + tp
            if overlay.path_cost is not None:
                label = self.text(
                    f"{overlay.path_cost} AP",
                    max(11, tp * 7 // 16),
                    (255, 255, 255),
                    shadow=True,
                    box=True,
                )
                surface.blit(label, (x, ey - label.get_height() // 2))
                x += label.get_width() + 2
            for name in marks:
                icon = self.sprites.status(name, max(tp, 32))
                surface.blit(icon, (x, ey - icon.get_height() // 2))
                x += icon.get_width() + 1
        if overlay.target is not None:
            unit = state.units.get(overlay.target)
            if unit is not None and unit.on_map and view.knows_unit(unit):
                size = self.catalog.units[unit.type_id].size
                self._reticle(
                    surface,
                    (bx + unit.x * tp + size * tp // 2, by + unit.y * tp + size * tp // 2),
                    size * tp,
                )
        if overlay.target_object is not None:
            obj = state.objects.get(overlay.target_object)
            if obj is not None:
                self._reticle(surface, (bx + obj.x * tp + tp // 2, by + obj.y * tp + tp // 2), tp)
        for (x, y), text in overlay.labels:
            label = self.text(text, max(10, tp * 3 // 8), (255, 255, 255), shadow=True, box=True)
            surface.blit(
                label,
                (bx + x * tp + tp // 2 - label.get_width() // 2, by + y * tp - label.get_height()),
            )

    def _reticle(self, surface, centre, span) -> None:
        r = span // 2 + 2
        w = max(2, span // 12)
        pygame.draw.circle(surface, pal.PATH_SHADOW, centre, r + 1, w + 2)
        pygame.draw.circle(surface, pal.TARGET, centre, r, w)
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            a = (centre[0] + dx * (r - span // 5), centre[1] + dy * (r - span // 5))
            b = (centre[0] + dx * (r + span // 5), centre[1] + dy * (r + span // 5))
            pygame.draw.line(surface, pal.TARGET, a, b, w)

    def _known_enemy_positions(self, state, view) -> list[tuple[int, int]]:
        if view.side is None:
            return []
        out = []
        know = view.knowledge
        for uid in know.spotted:
            unit = state.units.get(uid)
            if unit is not None and unit.on_map:
                out.append((unit.x, unit.y))
        out += [(g.x, g.y) for g in know.ghosts.values() if g.unit not in know.spotted]
        return out

    def _draw_intent(self, surface, state, view, tp, bx, by, bounds) -> None:
        """Faint arrows along the next steps of known patrols; arcs where lamps shine."""
        width = max(1, tp // 16)
        for unit in state.units.values():
            if (
                not unit.patrol
                or not unit.on_map
                or not view.knows_unit(unit)
                or view.is_friend(unit)
                and view.side is not None
            ):
                continue
            if unit.alertness == "alert" and view.side is not None:
                continue  # an alert unit has left its beat
            route = [tuple(p) for p in unit.patrol]
            goal = next_waypoint(unit.pos, route)
            utype = self.catalog.units[unit.type_id]
            steps = max(1, utype.ap // 2 // max(1, self.catalog.step_straight))
            path = _line(unit.pos, goal)[: steps + 1]
            for (ax, ay), (cx, cy) in zip(path, path[1:], strict=False):
                a = (bx + ax * tp + tp // 2, by + ay * tp + tp // 2)
                c = (bx + cx * tp + tp // 2, by + cy * tp + tp // 2)
                _chevron(surface, pal.INTENT, a, c, tp, width)
        for obj in state.objects.values():
            if (
                obj.kind != "spotlight"
                or not view.knows_tile(obj.pos)
                or not is_powered(state, obj)
            ):
                continue
            radius = int(obj.props.get("radius", 4))
            cone = int(obj.props.get("cone", 360))
            direction = float(obj.props.get("direction", 0))
            sweep = float(obj.props.get("sweep", 0))
            centre = (bx + obj.x * tp + tp // 2, by + obj.y * tp + tp // 2)
            r = (radius + 0.5) * tp
            half = cone / 2 + sweep / 2
            if cone >= 360:
                _dashed_circle(surface, pal.SWEEP, centre, int(r), width, 32)
                continue
            a0, a1 = direction - half, direction + half
            for a in (a0, a1):
                end = (
                    centre[0] + r * math.cos(math.radians(a)),
                    centre[1] + r * math.sin(math.radians(a)),
                )
                pygame.draw.line(surface, pal.SWEEP, centre, end, width)
            steps = max(4, int(half / 5))
            arc = [
                (
                    centre[0] + r * math.cos(math.radians(a0 + (a1 - a0) * i / steps)),
                    centre[1] + r * math.sin(math.radians(a0 + (a1 - a0) * i / steps)),
                )
                for i in range(steps + 1)
            ]
            pygame.draw.lines(surface, pal.SWEEP, False, arc, width)
            if sweep:
                for end, back in ((arc[-1], arc[-2]), (arc[0], arc[1])):
                    _arrow_head(surface, pal.SWEEP, back, end, max(4, tp // 4))

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
    def _terrain_colours(self, state: GameState) -> np.ndarray:
        table = np.array(
            [self.sprites.terrain_colour(k.id) for k in state.catalog.terrain], np.uint8
        )
        return table[state.grid.kind]

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
        colours = self._terrain_colours(state).astype(np.float32)
        shade = _shade(view, state.ambient).astype(np.float32) / 255.0
        rgb = np.clip(colours * np.maximum(shade, 0.06) * 1.15, 0, 255).astype(np.uint8)
        surf = self._map_surface(rgb, size)
        self._minimap_units(surf, state, view, rgb.shape[1], rgb.shape[0], size)
        self._minimap = (key, surf)
        return surf

    def minimap_view_rect(
        self, state: GameState, camera: Camera, view: pygame.Rect, size: tuple[int, int]
    ) -> pygame.Rect:
        """The part of a `size` minimap the camera shows (to draw as a frame on it)."""
        h, w = state.grid.kind.shape
        scale, ox, oy = _fit(w, h, size)
        tp = camera.tile_px
        return pygame.Rect(
            round(ox + camera.x * scale),
            round(oy + camera.y * scale),
            round(view.width / tp * scale),
            round(view.height / tp * scale),
        )

    def minimap_tile(
        self, state: GameState, pixel: tuple[int, int], size: tuple[int, int]
    ) -> tuple[int, int]:
        """The map tile under a pixel of a `size` minimap (for click-to-jump)."""
        h, w = state.grid.kind.shape
        scale, ox, oy = _fit(w, h, size)
        x = int((pixel[0] - ox) / scale)
        y = int((pixel[1] - oy) / scale)
        return min(max(x, 0), w - 1), min(max(y, 0), h - 1)

    def _map_surface(self, rgb: np.ndarray, size: tuple[int, int]) -> pygame.Surface:
        h, w = rgb.shape[:2]
        small = pygame.image.frombuffer(np.ascontiguousarray(rgb).tobytes(), (w, h), "RGB")
        scale, ox, oy = _fit(w, h, size)
        out = pygame.Surface(size)
        out.fill(pal.BACKGROUND)
        scaled_size = (max(1, round(w * scale)), max(1, round(h * scale)))
        if scale >= 1:
            scaled = pygame.transform.scale(small, scaled_size)
        else:
            scaled = pygame.transform.smoothscale(small, scaled_size)
        out.blit(scaled, (round(ox), round(oy)))
        return out

    def _minimap_units(self, surf, state, view: SideView, w, h, size) -> None:
        scale, ox, oy = _fit(w, h, size)
        dot = max(2, round(scale * 1.2))
        for unit in state.units.values():
            if not unit.on_map or unit.mounted_on or not view.knows_unit(unit):
                continue
            style = self.style_of(state, unit.side)
            span = self.catalog.units[unit.type_id].size
            x = round(ox + (unit.x + span / 2) * scale)
            y = round(oy + (unit.y + span / 2) * scale)
            r = max(dot, round(span * scale / 2))
            if style.shape == "angular":
                pts = [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]
                pygame.draw.polygon(
                    surf, (0, 0, 0), [(a + (1 if a > x else -1 if a < x else 0), b) for a, b in pts]
                )
                pygame.draw.polygon(surf, style.colour, pts)
            else:
                pygame.draw.circle(surf, (0, 0, 0), (x, y), r + 1)
                pygame.draw.circle(surf, style.colour, (x, y), r)
        if view.knowledge is not None:
            for g in view.knowledge.ghosts.values():
                if g.unit in view.knowledge.spotted:
                    continue
                x, y = round(ox + (g.x + 0.5) * scale), round(oy + (g.y + 0.5) * scale)
                pygame.draw.circle(surf, (200, 200, 210), (x, y), dot, 1)

    def thumbnail(self, state: GameState, size: tuple[int, int]) -> pygame.Surface:
        """The whole map by day with every unit, `size` px, for the scenario list."""
        rgb = self._terrain_colours(state)
        surf = self._map_surface(rgb, size)
        view = side_view(state, None)
        self._minimap_units(surf, state, view, rgb.shape[1], rgb.shape[0], size)
        return surf


# --- small helpers ------------------------------------------------------------------------------
def _grow(tiles: np.ndarray) -> np.ndarray:
    """A bool mask grown by one tile in the 8 directions (shade and joins reach neighbours)."""
    out = tiles.copy()
    out[1:] |= tiles[:-1]
    out[:-1] |= tiles[1:]
    grown = out.copy()
    grown[:, 1:] |= out[:, :-1]
    grown[:, :-1] |= out[:, 1:]
    return grown


def _outside(rect: pygame.Rect, inner: pygame.Rect) -> Iterable[pygame.Rect]:
    """The parts of `rect` not covered by `inner`."""
    clipped = inner.clip(rect)
    if clipped.width == 0 or clipped.height == 0:
        yield rect
        return
    if clipped.top > rect.top:
        yield pygame.Rect(rect.left, rect.top, rect.width, clipped.top - rect.top)
    if clipped.bottom < rect.bottom:
        yield pygame.Rect(rect.left, clipped.bottom, rect.width, rect.bottom - clipped.bottom)
    if clipped.left > rect.left:
        yield pygame.Rect(rect.left, clipped.top, clipped.left - rect.left, clipped.height)
    if clipped.right < rect.right:
        yield pygame.Rect(clipped.right, clipped.top, rect.right - clipped.right, clipped.height)


def _fit(w: int, h: int, size: tuple[int, int]) -> tuple[float, float, float]:
    scale = min(size[0] / w, size[1] / h)
    return scale, (size[0] - w * scale) / 2, (size[1] - h * scale) / 2


def _pip_bar(filled: int, total: int, width: int, height: int, colour) -> pygame.Surface:
    width = max(total * 2, width)
    surf = pygame.Surface((width, height + 2), pygame.SRCALPHA)
    surf.fill((0, 0, 0, 200))
    gap = 1 if width >= total * 3 else 0
    pip_w = (width - 2 - gap * (total - 1)) / total
    dim = tuple(max(0, c // 4) for c in colour)
    for i in range(total):
        x = 1 + round(i * (pip_w + gap))
        x_end = 1 + round(i * (pip_w + gap) + pip_w)
        pygame.draw.rect(surf, colour if i < filled else dim, (x, 1, max(1, x_end - x), height))
    return surf


def _disc(r: int, colour) -> pygame.Surface:
    surf = pygame.Surface((2 * r + 1, 2 * r + 1), pygame.SRCALPHA)
    pygame.draw.circle(surf, colour, (r, r), r)
    return surf


def _watched_tile(tp: int, colour_blind: bool) -> pygame.Surface:
    surf = pygame.Surface((tp, tp), pygame.SRCALPHA)
    if colour_blind:
        surf.blit(pal.pattern_tile("backhatch", tp, pal.WATCHED, 160), (0, 0))
        return surf
    surf.fill((*pal.WATCHED, 34))
    k = max(3, tp // 5)
    w = max(1, tp // 16)
    for x, y, dx, dy in (
        (0, 0, 1, 1),
        (tp - 1, 0, -1, 1),
        (0, tp - 1, 1, -1),
        (tp - 1, tp - 1, -1, -1),
    ):
        pygame.draw.line(surf, (*pal.WATCHED, 200), (x, y), (x + dx * k, y), w)
        pygame.draw.line(surf, (*pal.WATCHED, 200), (x, y), (x, y + dy * k), w)
    return surf


def _blast_tile(tp: int, colour_blind: bool) -> pygame.Surface:
    surf = pygame.Surface((tp, tp), pygame.SRCALPHA)
    if colour_blind:
        surf.blit(pal.pattern_tile("cross", tp, pal.BLAST, 220), (0, 0))
    else:
        surf.fill((*pal.BLAST, 80))
        pygame.draw.rect(surf, (*pal.BLAST, 160), surf.get_rect(), 1)
    return surf


def _edges(surf, mask, x0, y0, x1, y1, tp, colour, width, dashed) -> None:
    """Lines on the tile edges where `mask` changes, within the chunk [x0,x1) x [y0,y1)."""
    h, w = mask.shape
    sub = mask[y0:y1, x0:x1]
    # the row above and the column left of each tile (a map edge counts as the same)
    padded = np.pad(mask, 1, mode="edge")
    above = padded[y0:y1, x0 + 1 : x1 + 1]
    left = padded[y0 + 1 : y1 + 1, x0:x1]
    dash = max(2, tp // 4)
    for y, x in zip(*np.nonzero(sub != above), strict=True):
        a, b = (x * tp, y * tp), ((x + 1) * tp, y * tp)
        _segment(surf, colour, a, b, width, dash if dashed else 0)
    for y, x in zip(*np.nonzero(sub != left), strict=True):
        a, b = (x * tp, y * tp), (x * tp, (y + 1) * tp)
        _segment(surf, colour, a, b, width, dash if dashed else 0)


def _segment(surf, colour, a, b, width, dash) -> None:
    if not dash:
        pygame.draw.line(surf, colour, a, b, width)
        return
    length = math.dist(a, b)
    n = max(1, int(length // dash))
    for i in range(0, n, 2):
        t0, t1 = i / n, min(1.0, (i + 1) / n)
        pygame.draw.line(
            surf,
            colour,
            (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
            (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1),
            width,
        )


def _dashed_rect(surf, colour, rect: pygame.Rect, width: int, dash: int) -> None:
    corners = [rect.topleft, rect.topright, rect.bottomright, rect.bottomleft]
    for i in range(4):
        _segment(surf, colour, corners[i], corners[(i + 1) % 4], width, max(2, dash))


def _dashed_circle(surf, colour, centre, r, width, segments) -> None:
    segments = max(segments, int(2 * math.pi * r / max(6, width * 4)))
    segments += segments % 2
    for i in range(0, segments, 2):
        a0, a1 = 2 * math.pi * i / segments, 2 * math.pi * (i + 1) / segments
        pygame.draw.line(
            surf,
            colour,
            (centre[0] + r * math.cos(a0), centre[1] + r * math.sin(a0)),
            (centre[0] + r * math.cos(a1), centre[1] + r * math.sin(a1)),
            width,
        )


def _chevron(surf, colour, a, b, tp, width) -> None:
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1
    ux, uy = dx / n, dy / n
    s = tp * 0.18
    tip = (mx + ux * s, my + uy * s)
    left = (mx - ux * s - uy * s, my - uy * s + ux * s)
    right = (mx - ux * s + uy * s, my - uy * s - ux * s)
    pygame.draw.lines(surf, colour, False, [left, tip, right], width + 1)


def _arrow_head(surf, colour, back, tip, size) -> None:
    dx, dy = tip[0] - back[0], tip[1] - back[1]
    n = math.hypot(dx, dy) or 1
    ux, uy = dx / n, dy / n
    left = (tip[0] - ux * size - uy * size * 0.6, tip[1] - uy * size + ux * size * 0.6)
    right = (tip[0] - ux * size + uy * size * 0.6, tip[1] - uy * size - ux * size * 0.6)
    pygame.draw.polygon(surf, colour, [tip, left, right])


def _line(a: tuple[int, int], b: tuple[int, int]) -> list[tuple[int, int]]:
    """King's-move steps from a to b (diagonal first), a included."""
    out = [a]
    x, y = a
    while (x, y) != tuple(b):
        x += (b[0] > x) - (b[0] < x)
        y += (b[1] > y) - (b[1] < y)
        out.append((x, y))
    return out


__all__ = ["BoardRenderer", "next_waypoint", "DIRECTIONS"]
