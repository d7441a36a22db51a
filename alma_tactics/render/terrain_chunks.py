"""The lit terrain of the board, pre-rendered into cached chunks.

The ground is the most of every frame's pixels and changes least, so it is drawn
once into chunks of about 512 px and kept:

- a terrain chunk is the daylight art of its tiles (joined walls, variants, shadows
  under tall tiles), rebuilt only where the terrain changes (a breached wall rebuilds
  its chunk, not the map);
- a baked chunk is a copy of it multiplied by the side's light and fog (`fog.Shade`,
  smoothly scaled up, so pools of light and the edge of sight are soft), rebuilt only
  where that changes;
- the view: while the camera moves the baked chunks are blitted straight to the
  screen with `fblits`; once it stays put they are composed into one viewport-sized
  picture, and later frames are a single blit of it;
- a new zoom level settles over a few frames instead of stalling one: building the
  ~20 chunks of a 1080p view at a tile size not drawn yet takes 40-70 ms, so the
  frame that changes zoom shows a stand-in (the last complete zoom's chunks scaled,
  a picture of one colour per tile where those do not reach) and later frames build
  the missing chunks within a small time budget, nearest the centre first. Once all
  are built the view is exactly what drawing them at once gives.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

import numpy as np
import pygame

from ..core.state import GameState
from . import palette as pal
from .camera import Camera
from .fog import Shade, pattern_fog
from .sideview import SideView
from .sprites import Sprites, terrain_masks

CHUNK_PX = 512  # the pixel size a terrain chunk aims for at any zoom
CHUNK_CACHE = 64  # chunks kept per layer (a 1080p view shows about 20)
BUILD_BUDGET = 0.006  # s of building a frame while a zoom settles: such frames stay near 8 ms
BUILD_LIMIT = 8  # and at most this many chunks a frame


class TerrainData:
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


class ChunkCache:
    """The most recently used chunk pictures, by (tile px, chunk x, chunk y, ...)."""

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

    def drop(self, keep: Callable[[tuple], bool]) -> None:
        doomed = [k for k in self.items if not keep(k)]
        for key in doomed:
            del self.items[key]
        if doomed:
            self.version += 1

    def clear(self) -> None:
        if self.items:
            self.version += 1
        self.items.clear()


class _Settling:
    """A view whose chunks are still being built: `image` holds the stand-in with the
    chunks drawn over it so far (`drawn`), for one camera position (`geometry`)."""

    __slots__ = ("geometry", "image", "drawn", "version")

    def __init__(self, geometry: tuple, image: pygame.Surface, version: int) -> None:
        self.geometry = geometry
        self.image = image
        self.drawn: set[tuple[int, int]] = set()
        self.version = version  # the lit chunks' version `drawn` is true for


class TerrainLayer:
    """The terrain chunks, their lit copies for the side being drawn, and the view
    composed from them. One per renderer; it lives as long as its caches pay."""

    def __init__(self, sprites: Sprites, colour_blind: bool) -> None:
        self.sprites = sprites
        self.colour_blind = colour_blind  # lit chunks get patterns, not smooth shading
        self.ambient_lit = False  # daylight at the last draw (no outline round lamp light)
        self.shade = Shade()
        self._shade_side: object = "unset"
        self._data: TerrainData | None = None
        self._data_key: tuple | None = None
        self._chunks = ChunkCache()
        self._baked = ChunkCache()
        self._view_image: pygame.Surface | None = None  # the lit terrain of the view
        self._view_key: tuple | None = None  # what `_view_image` shows
        self._pending_key: tuple | None = None  # the view drawn last frame, if not composed
        self.build_budget = BUILD_BUDGET  # s of chunk building a frame, while settling
        self.build_limit = BUILD_LIMIT  # chunks a frame, while settling
        self.built = 0  # lit chunks built so far (tests count them per frame)
        self._settling: _Settling | None = None  # a new zoom's view, chunks still missing
        self._solid_tp: int | None = None  # the tile size of the last complete view
        self._last_tp: int | None = None  # the tile size drawn last frame
        self._chunk_cost = 0.003  # s: a running estimate of what one lit chunk takes
        self._idle = 0  # settling frames in a row that built no chunk
        self._lowres: tuple | None = None  # (data, shade, shade version, picture)

    @property
    def settled(self) -> bool:
        """Whether the last view drawn was complete (no stand-in left in it)."""
        return self._settling is None

    def set_colour_blind(self, on: bool) -> None:
        """Switch the look of light and fog: every lit chunk is re-lit."""
        self.colour_blind = on
        self._baked.clear()
        self.shade = Shade()

    def chunk_tiles(self, tp: int) -> int:
        return max(4, CHUNK_PX // tp)

    # --- keeping the caches true -----------------------------------------------------------------
    def sync(self, state: GameState) -> TerrainData:
        """The tile choices for the state's terrain; chunks whose terrain changed are
        thrown away."""
        grid = state.grid
        key = (id(grid), grid.version)
        data = self._data
        if data is not None and key == self._data_key:
            return data
        self._data_key = key
        if data is None or data.kind.shape != grid.kind.shape:
            self._data = data = TerrainData(self.sprites, state)
            self._chunks.clear()
            self._baked.clear()
            return data
        changed = data.changed_tiles(grid.kind)
        if changed is not None and changed.any():
            # a breach: re-derive the tile choices and rebuild only the chunks around it
            self._data = data = TerrainData(self.sprites, state)
            self._drop_chunks(_grow(changed))
        return data

    def relight(self, view: SideView, side: str | None, ambient: str) -> None:
        """Bring the light and fog up to what `side` knows now, throwing away the lit
        chunks it changed (all of them when the side drawn changes)."""
        self.ambient_lit = view.ambient_lit
        if self._shade_side != side:
            self.shade = Shade()
            self._shade_side = side
            self._baked.clear()
            self._settling = None  # its stand-in shows the other side's sight
        changed = self.shade.update(view, ambient)
        if changed is True:
            self._baked.clear()
        elif changed is not False:
            self._drop_baked(_grow(changed))

    def _drop_chunks(self, tiles: np.ndarray) -> None:
        ys, xs = np.nonzero(tiles)
        if len(xs) == 0:
            return
        doomed: set[tuple[int, int, int]] = set()
        for key in list(self._chunks.items) + list(self._baked.items):
            tp = key[0]
            n = self.chunk_tiles(tp)
            doomed.update(
                (tp, cx, cy)
                for cx, cy in set(zip((xs // n).tolist(), (ys // n).tolist(), strict=True))
            )
        self._chunks.drop(lambda k: k[:3] not in doomed)
        self._baked.drop(lambda k: k[:3] not in doomed)

    def _drop_baked(self, tiles: np.ndarray) -> None:
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

    # --- chunks ----------------------------------------------------------------------------------
    def _terrain_chunk(self, data: TerrainData, tp: int, cx: int, cy: int) -> pygame.Surface:
        key = (tp, cx, cy)
        surf = self._chunks.get(key)
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
        self._chunks.put(key, surf)
        return surf

    def _baked_chunk(self, data: TerrainData, tp: int, cx: int, cy: int) -> pygame.Surface:
        key = (tp, cx, cy, self._shade_side)
        surf = self._baked.get(key)
        if surf is not None:
            return surf
        self.built += 1
        surf = self._terrain_chunk(data, tp, cx, cy).copy()
        shade = self.shade
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
                pattern_fog(surf, shade, self.sprites, self.ambient_lit, tp, x0, y0, x1, y1)
        self._baked.put(key, surf)
        return surf

    # --- the view --------------------------------------------------------------------------------
    def draw(
        self, surface: pygame.Surface, rect: pygame.Rect, data: TerrainData, camera: Camera
    ) -> None:
        """The lit terrain of the view. While the camera moves, the cached chunks are
        blitted straight to the screen with `fblits`; once it stays put for a frame they
        are composed into one viewport-sized picture, and every later frame is a single
        blit of it until the camera moves or a chunk on it changes. At a zoom whose
        chunks are not built yet the view settles over frames (`_draw_settling`)."""
        tp = camera.tile_px
        ox, oy = camera.origin()
        key = (tp, ox, oy, rect.size, self._baked.version, id(data))
        if key == self._view_key and self._view_image is not None:
            surface.blit(self._view_image, rect.topleft)
            self._last_tp = tp
            return
        if self._settling is not None or (
            self._solid_tp not in (None, tp) and self._missing(data, camera, rect)
        ):
            self._draw_settling(surface, rect, data, camera)
            self._last_tp = tp
            return
        self._solid_tp = self._last_tp = tp
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

    def _cells(self, data: TerrainData, camera: Camera, rect: pygame.Rect) -> list[tuple[int, int]]:
        """The chunks under the view (none if it shows no map)."""
        h, w = data.kind.shape
        n = self.chunk_tiles(camera.tile_px)
        tx0, ty0, tx1, ty1 = _visible(camera, rect, w, h)
        if tx0 >= tx1 or ty0 >= ty1:
            return []
        return [
            (cx, cy)
            for cy in range(ty0 // n, (ty1 - 1) // n + 1)
            for cx in range(tx0 // n, (tx1 - 1) // n + 1)
        ]

    def _missing(self, data: TerrainData, camera: Camera, rect: pygame.Rect) -> bool:
        """Whether a lit chunk under the view is not built yet."""
        tp, side, items = camera.tile_px, self._shade_side, self._baked.items
        return any((tp, cx, cy, side) not in items for cx, cy in self._cells(data, camera, rect))

    def _draw_settling(
        self, surface: pygame.Surface, rect: pygame.Rect, data: TerrainData, camera: Camera
    ) -> None:
        """A view whose chunks are not all built: a stand-in with the chunks built so far
        drawn over it, kept in the view picture. A frame that changes zoom builds none (it
        already pays for the stand-in and for the new size's sprites and overlays); the
        others build nearest the centre first, within `build_budget` and `build_limit`.
        At least one chunk every third frame, however slow they are. Once every chunk is
        in, the picture is the composed view."""
        start = time.perf_counter()
        tp = camera.tile_px
        ox, oy = camera.origin()
        geometry = (tp, ox, oy, rect.size, id(data))
        state = self._settling
        if state is None:
            self._idle = 0
        if state is None or state.geometry != geometry:
            image = self._view_image
            if image is None or image.get_size() != rect.size:
                image = pygame.Surface(rect.size)
                if pygame.display.get_surface() is not None:
                    image = image.convert()
                self._view_image = image
            self._view_key = None
            self._stand_in(image, data, camera)
            state = self._settling = _Settling(geometry, image, self._baked.version)
        elif state.version != self._baked.version:  # some chunks were re-lit meanwhile
            state.drawn.clear()
            state.version = self._baked.version
        image, drawn = state.image, state.drawn
        n = self.chunk_tiles(tp)
        step = n * tp
        cells = self._cells(data, camera, rect)
        side, items = self._shade_side, self._baked.items
        todo = []
        ready = []
        for cell in cells:
            if cell in drawn:
                continue
            surf = items.get((tp, cell[0], cell[1], side))
            if surf is None:
                todo.append(cell)
            else:
                ready.append((surf, (cell[0] * step - ox, cell[1] * step - oy)))
                drawn.add(cell)
        if ready:
            image.fblits(ready)
        built = 0
        if todo:
            mx, my = (ox + rect.width / 2) / step - 0.5, (oy + rect.height / 2) / step - 0.5
            todo.sort(key=lambda c: (c[0] - mx) ** 2 + (c[1] - my) ** 2)
            may = tp == self._last_tp  # not the frame that changed zoom
            must = self._idle >= 2  # two frames in a row built none
            clock = time.perf_counter
            for cx, cy in todo:
                if built >= self.build_limit:
                    break
                if not (must and built == 0) and (
                    not may or clock() - start + self._chunk_cost > self.build_budget
                ):
                    break
                t0 = clock()
                surf = self._baked_chunk(data, tp, cx, cy)
                self._chunk_cost = 0.7 * self._chunk_cost + 0.3 * (clock() - t0)
                image.blit(surf, (cx * step - ox, cy * step - oy))
                drawn.add((cx, cy))
                built += 1
        self._idle = 0 if built else self._idle + 1
        surface.blit(image, rect.topleft)
        if len(drawn) == len(cells):  # settled: the picture is the composed view
            self._settling = None
            self._solid_tp = tp
            self._view_key = self._pending_key = (
                tp,
                ox,
                oy,
                rect.size,
                self._baked.version,
                id(data),
            )

    def _stand_in(self, image: pygame.Surface, data: TerrainData, camera: Camera) -> None:
        """What the view looks like until its chunks are built: the lit chunks of the last
        complete zoom scaled to this one, over a picture of one colour per tile (the
        terrain's average colour, lit and fogged) where those do not reach."""
        tp = camera.tile_px
        ox, oy = camera.origin()
        rect = image.get_rect()
        h, w = data.kind.shape
        map_rect = pygame.Rect(-ox, -oy, w * tp, h * tp)
        if not map_rect.contains(rect):
            for strip in _outside(rect, map_rect):
                image.fill(pal.BACKGROUND, strip)
        tx0, ty0, tx1, ty1 = _visible(camera, rect, w, h)
        if tx0 >= tx1 or ty0 >= ty1:
            return
        old = self._solid_tp
        pieces = []
        gaps = [(tx0, ty0, tx1, ty1)]  # tiles no chunk of the last zoom covers
        if old is not None:
            gaps = []
            n = self.chunk_tiles(old)
            side, items = self._shade_side, self._baked.items
            for cy in range(ty0 // n, (ty1 - 1) // n + 1):
                for cx in range(tx0 // n, (tx1 - 1) // n + 1):
                    # the chunk's tiles in view, scaled tile for tile
                    x0, y0 = max(tx0, cx * n), max(ty0, cy * n)
                    x1, y1 = min(tx1, cx * n + n), min(ty1, cy * n + n)
                    surf = items.get((old, cx, cy, side))
                    if surf is None:
                        gaps.append((x0, y0, x1, y1))
                        continue
                    part = surf.subsurface(
                        ((x0 - cx * n) * old, (y0 - cy * n) * old, (x1 - x0) * old, (y1 - y0) * old)
                    )
                    size = ((x1 - x0) * tp, (y1 - y0) * tp)
                    pieces.append((_resize(part, size), (x0 * tp - ox, y0 * tp - oy)))
        if gaps:
            low = self._lowres_picture(data)
            for x0, y0, x1, y1 in gaps:
                part = low.subsurface((x0, y0, x1 - x0, y1 - y0))
                size = ((x1 - x0) * tp, (y1 - y0) * tp)
                pieces.append((pygame.transform.scale(part, size), (x0 * tp - ox, y0 * tp - oy)))
        if pieces:
            image.fblits(pieces)

    def _lowres_picture(self, data: TerrainData) -> pygame.Surface:
        """The lit map at one pixel a tile: each tile its terrain's average colour (and the
        ground's large-scale variation) times the side's light and fog."""
        shade = self.shade
        cached = self._lowres
        if (
            cached is not None
            and cached[0] is data
            and cached[1] is shade
            and cached[2] == shade.version
        ):
            return cached[3]
        table = np.array([self.sprites.terrain_colour(tid) for tid in data.ids], np.uint16)
        rgb = table[data.kind]
        if not self.colour_blind:
            rgb = rgb * data.macro[1:-1, 1:-1] // 255
        if shade.padded is not None:
            rgb = rgb * shade.padded[1:-1, 1:-1] // 255
        h, w = data.kind.shape
        picture = pygame.image.frombuffer(
            np.ascontiguousarray(rgb.astype(np.uint8)).tobytes(), (w, h), "RGB"
        )
        # the display's format, so scaling and blitting it need no conversion
        picture = picture.convert() if pygame.display.get_surface() is not None else picture.copy()
        self._lowres = (data, shade, shade.version, picture)
        return picture

    def _compose(
        self, surface: pygame.Surface, rect: pygame.Rect, data: TerrainData, camera: Camera
    ) -> None:
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


def _visible(camera: Camera, rect: pygame.Rect, w: int, h: int) -> tuple[int, int, int, int]:
    """The tiles the view shows, clipped to a `w` x `h` map (x1, y1 exclusive)."""
    tx0, ty0, tx1, ty1 = camera.visible_tiles(rect)
    return max(0, tx0), max(0, ty0), min(w, tx1), min(h, ty1)


def _resize(part: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    """A stand-in piece scaled: smoothly when enlarged (blurred beats blocky), nearest
    pixel when shrunk (smooth shrinking reads every source pixel: too slow for one frame)."""
    if size[0] > part.get_width():
        return pygame.transform.smoothscale(part, size)
    return pygame.transform.scale(part, size)


def _upscale(region: np.ndarray, tp: int, smooth: bool) -> pygame.Surface:
    """A per-tile RGB array with one extra tile all round, scaled to `tp` px per tile and
    trimmed of that border; smooth scaling blends between tile centres.

    SDL's smooth scaling maps the first and last source pixels onto the first and last
    output pixels, so scaling w tiles to w * tp pixels stretches by (w - 1) / w and
    neighbouring chunks disagree at their shared edge (a seam every chunk). Scaling to
    (w - 1) * tp pixels makes it exactly tp pixels from one tile centre to the next,
    whatever the chunk: trimmed by half a tile, the chunks join without a seam.
    """
    region = np.ascontiguousarray(region)
    h, w = region.shape[:2]
    small = pygame.image.frombuffer(region.tobytes(), (w, h), "RGB")
    if not smooth:
        big = pygame.transform.scale(small, (w * tp, h * tp))
        return big.subsurface((tp, tp, (w - 2) * tp, (h - 2) * tp))
    big = pygame.transform.smoothscale(small, ((w - 1) * tp, (h - 1) * tp))
    half = tp // 2
    return big.subsurface((half, half, (w - 2) * tp, (h - 2) * tp))


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
