"""The art of assets/art (made by assets/tools/make_art.py), sliced, scaled and tinted.

Sprites are keyed by the rules' ids: terrain ids, unit type ids, object kinds and
status names. Each surface is made once per (id, size, colour...) and kept: the
sheets are `convert()`ed / `convert_alpha()`ed when a display mode is set (and the
converted copies are the ones kept). Art the manifest does not list is drawn as a
plain placeholder rather than crashing the game (tests check none is missing).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pygame

from ..folders import assets_dir
from .palette import IR_CORE, IR_HOT, RGB, SideStyle

ART_DIR = assets_dir() / "art"
TERRAIN_MASK_SIDES = ((0, -1, 1), (1, 0, 2), (0, 1, 4), (-1, 0, 8))  # dx, dy, bit: N E S W


def _display_ready() -> bool:
    return pygame.display.get_init() and pygame.display.get_surface() is not None


class Sprites:
    """Every sprite of the game at any tile size; see the module docstring."""

    def __init__(self, art_dir: Path = ART_DIR) -> None:
        self.art_dir = Path(art_dir)
        path = self.art_dir / "manifest.json"
        self.manifest: dict = json.loads(path.read_text()) if path.exists() else {}
        self.sizes: list[int] = sorted(self.manifest.get("sizes", [32]))
        self._sheets: dict[tuple[str, int], pygame.Surface | None] = {}
        self._cache: dict[tuple, pygame.Surface] = {}
        self._converted = _display_ready()
        status = self.manifest.get("status", {})
        self.status_names: list[str] = list(status.get("names", []))
        self.icon_fraction: float = float(status.get("fraction", 0.375))

    # --- sheets ----------------------------------------------------------------------------------
    def refresh_display(self) -> None:
        """Drop cached surfaces if a display mode appeared since they were made, so the
        next ones are converted to its pixel format (fast blits)."""
        if not self._converted and _display_ready():
            self._sheets.clear()
            self._cache.clear()
            self._converted = True

    def _source_size(self, px: int) -> int:
        """The shipped size to scale from for `px`: the smallest one at least as big."""
        return next((s for s in self.sizes if s >= px), self.sizes[-1])

    def _sheet(self, rel: str, size: int) -> pygame.Surface | None:
        key = (rel, size)
        if key not in self._sheets:
            path = self.art_dir / str(size) / rel
            surf = None
            if path.exists():
                surf = pygame.image.load(str(path))
                if _display_ready():
                    surf = surf.convert_alpha()
            self._sheets[key] = surf
        return self._sheets[key]

    def _frame(self, rel: str, col: int, row: int, span: float, px: int) -> pygame.Surface | None:
        """One frame of a sheet whose frames are `span` tiles, scaled to `span * px`."""
        size = self._source_size(px)
        sheet = self._sheet(rel, size)
        if sheet is None:
            return None
        cell = round(size * span)
        want = max(1, round(px * span))
        rect = pygame.Rect(col * cell, row * cell, cell, cell)
        if not sheet.get_rect().contains(rect):
            return None
        frame = sheet.subsurface(rect).copy()
        if want != cell:
            frame = pygame.transform.smoothscale(frame, (want, want))
        return frame

    def _alpha(self, surf: pygame.Surface) -> pygame.Surface:
        return surf.convert_alpha() if _display_ready() else surf

    def _opaque(self, surf: pygame.Surface) -> pygame.Surface:
        return surf.convert() if _display_ready() else surf

    # --- terrain ---------------------------------------------------------------------------------
    def terrain_layout(self, terrain_id: str) -> tuple[int, int, tuple[str, ...]]:
        """(columns, rows, joined kinds) of a terrain sheet: joined kinds have 16 mask
        columns and a row per variant; plain kinds one row of variant columns."""
        entry = self.manifest.get("terrain", {}).get(terrain_id)
        if entry is None:
            return 1, 1, ()
        return entry["cols"], entry["rows"], tuple(entry.get("joins", ()))

    def terrain_colour(self, terrain_id: str) -> RGB:
        entry = self.manifest.get("terrain", {}).get(terrain_id)
        if entry is None:
            return (128, 0, 128)
        r, g, b = entry["colour"]
        return (r, g, b)

    def terrain(self, terrain_id: str, px: int, mask: int = 0, variant: int = 0) -> pygame.Surface:
        """An opaque tile of a terrain kind: `mask` of joined sides (N=1 E=2 S=4 W=8) for
        kinds that join, `variant` picks one of the drawn variants."""
        key = ("terrain", terrain_id, px, mask, variant)
        surf = self._cache.get(key)
        if surf is None:
            cols, rows, joins = self.terrain_layout(terrain_id)
            if joins:
                col, row = mask % cols, variant % rows
            else:
                col, row = variant % cols, 0
            frame = self._frame(f"terrain/{terrain_id}.png", col, row, 1, px)
            if frame is None:
                frame = _placeholder(px, terrain_id)
            surf = self._cache[key] = self._opaque(frame)
        return surf

    # --- units -----------------------------------------------------------------------------------
    def unit_span(self, type_id: str) -> int:
        entry = self.manifest.get("units", {}).get(type_id)
        return int(entry["span"]) if entry else 1

    def _unit_layers(self, type_id: str, facing: int, px: int, span: int):
        rel = f"units/{type_id}.png"
        body = self._frame(rel, facing % 8, 0, span, px)
        team = self._frame(rel, facing % 8, 1, span, px)
        if body is None:
            body, team = _placeholder(px * span, type_id, alpha=True), None
        return body, team

    def base(self, style: SideStyle, span: int, px: int) -> pygame.Surface:
        key = ("base", style, span, px)
        surf = self._cache.get(key)
        if surf is None:
            info = self.manifest.get("bases", {})
            rel = info.get("files", {}).get(str(span), "bases.png")
            shapes = info.get("shapes", ["round", "angular"])
            row = shapes.index(style.shape) if style.shape in shapes else 0
            frame = self._frame(rel, style.pattern % max(1, info.get("patterns", 1)), row, span, px)
            if frame is None:
                frame = pygame.Surface((px * span, px * span), pygame.SRCALPHA)
                pygame.draw.circle(
                    frame, (255, 255, 255), frame.get_rect().center, px * span // 2, 2
                )
            frame.fill(style.colour, special_flags=pygame.BLEND_RGB_MULT)
            surf = self._cache[key] = self._alpha(frame)
        return surf

    def unit(self, type_id: str, facing: int, px: int, style: SideStyle) -> pygame.Surface:
        """A unit on its stand, facing `facing` (grid.DIRECTIONS index), in the side's style."""
        key = ("unit", type_id, facing % 8, px, style)
        surf = self._cache.get(key)
        if surf is None:
            span = self.unit_span(type_id)
            body, team = self._unit_layers(type_id, facing, px, span)
            out = self.base(style, span, px).copy()
            out.blit(body, (0, 0))
            if team is not None:
                team = team.copy()
                team.fill(style.colour, special_flags=pygame.BLEND_RGB_MULT)
                out.blit(team, (0, 0))
            surf = self._cache[key] = self._alpha(out)
        return surf

    def figure(
        self, type_id: str, facing: int, px: int, colour: RGB | None = None
    ) -> pygame.Surface:
        """The unit's figure alone (no stand), team parts tinted `colour` if given."""
        key = ("figure", type_id, facing % 8, px, colour)
        surf = self._cache.get(key)
        if surf is None:
            span = self.unit_span(type_id)
            body, team = self._unit_layers(type_id, facing, px, span)
            out = body.copy()
            if team is not None and colour is not None:
                team = team.copy()
                team.fill(colour, special_flags=pygame.BLEND_RGB_MULT)
                out.blit(team, (0, 0))
            surf = self._cache[key] = self._alpha(out)
        return surf

    def ghost(self, type_id: str, facing: int, px: int, shape: str = "round") -> pygame.Surface:
        """Where an enemy was last seen: a pale, see-through figure on a dashed stand."""
        key = ("ghost", type_id, facing % 8, px, shape)
        surf = self._cache.get(key)
        if surf is None:
            span = self.unit_span(type_id)
            body, _ = self._unit_layers(type_id, facing, px, span)
            figure = pygame.transform.grayscale(body)
            figure.fill((200, 210, 230), special_flags=pygame.BLEND_RGB_MULT)
            out = pygame.Surface(figure.get_size(), pygame.SRCALPHA)
            _dashed_stand(out, shape, (220, 226, 240, 200))
            figure.set_alpha(120)
            out.blit(figure, (0, 0))
            surf = self._cache[key] = self._alpha(out)
        return surf

    def infrared(self, type_id: str, facing: int, px: int) -> pygame.Surface:
        """A warm unit seen only on infrared: a glowing silhouette, no detail."""
        key = ("ir", type_id, facing % 8, px)
        surf = self._cache.get(key)
        if surf is None:
            span = self.unit_span(type_id)
            body, _ = self._unit_layers(type_id, facing, px, span)
            mask = pygame.mask.from_surface(body, 100)
            hot = mask.to_surface(setcolor=(*IR_HOT, 255), unsetcolor=(0, 0, 0, 0))
            glow = pygame.transform.smoothscale(
                pygame.transform.smoothscale(hot, (max(1, body.get_width() // 4),) * 2),
                body.get_size(),
            )
            glow.set_alpha(170)
            core = mask.scale((max(1, mask.get_size()[0] * 2 // 3),) * 2)
            core_surf = core.to_surface(setcolor=(*IR_CORE, 255), unsetcolor=(0, 0, 0, 0))
            out = pygame.Surface(body.get_size(), pygame.SRCALPHA)
            out.blit(glow, (0, 0))
            out.blit(hot, (0, 0))
            off = (body.get_width() - core_surf.get_width()) // 2
            out.blit(core_surf, (off, off))
            surf = self._cache[key] = self._alpha(out)
        return surf

    # --- objects, status icons, effects ----------------------------------------------------------
    def object_states(self, kind: str) -> list[str]:
        entry = self.manifest.get("objects", {}).get(kind)
        return list(entry["states"]) if entry else ["normal"]

    def object(
        self, kind: str, px: int, state: str | int = 0, direction: int = 0, tint: RGB | None = None
    ) -> pygame.Surface:
        """A map object; `state` by name or row, `direction` a facing index (lamps turn),
        `tint` multiplies it (objects in the dark or remembered are dimmed)."""
        entry = self.manifest.get("objects", {}).get(kind) or self.manifest.get("objects", {}).get(
            "unknown"
        )
        row = state
        if isinstance(state, str):
            states = entry["states"] if entry else []
            row = states.index(state) if state in states else 0
        cols = entry["directions"] if entry else 1
        col = direction % cols if cols > 1 else 0
        key = ("object", kind, px, row, col, tint)
        surf = self._cache.get(key)
        if surf is None:
            frame = None
            if entry is not None:
                frame = self._frame(entry["file"], col, int(row), 1, px)
            if frame is None:
                frame = _placeholder(px, kind, alpha=True)
            if tint is not None and tint != (255, 255, 255):
                frame.fill(tint, special_flags=pygame.BLEND_RGB_MULT)
            surf = self._cache[key] = self._alpha(frame)
        return surf

    def icon_px(self, tile_px: int) -> int:
        return max(6, round(tile_px * self.icon_fraction))

    def status(self, name: str, tile_px: int) -> pygame.Surface:
        """A status icon (unaware, suspicious, alert, overwatch, bleeding, hamstrung,
        mounted, emp, stunned, ...) sized for a tile of `tile_px`."""
        px = self.icon_px(tile_px)
        key = ("status", name, px)
        surf = self._cache.get(key)
        if surf is None:
            col = self.status_names.index(name) if name in self.status_names else -1
            frame = None
            if col >= 0:
                frame = self._frame(
                    "status.png", col, 0, self.icon_fraction, round(px / self.icon_fraction)
                )
                if frame is not None and frame.get_width() != px:
                    frame = pygame.transform.smoothscale(frame, (px, px))
            if frame is None:
                frame = _placeholder(px, name, alpha=True)
            surf = self._cache[key] = self._alpha(frame)
        return surf

    def effect(self, name: str, px: int, frame: int = 0, tint: RGB | None = None) -> pygame.Surface:
        """Frame `frame` of an effect sheet (explosion, muzzle, blood_red, blood_orange, oil,
        smoke, glow, shadow_n, shadow_w, spark, debris), `px` square."""
        entry = self.manifest.get("effects", {}).get(name)
        cols = entry["cols"] if entry else 1
        key = ("effect", name, px, frame % cols, tint)
        surf = self._cache.get(key)
        if surf is None:
            surf = None
            if entry is not None:
                surf = self._frame(entry["file"], frame % cols, 0, 1, px)
            if surf is None:
                surf = pygame.Surface((px, px), pygame.SRCALPHA)
            if tint is not None:
                surf.fill(tint, special_flags=pygame.BLEND_RGB_MULT)
            surf = self._cache[key] = self._alpha(surf)
        return surf

    def effect_frames(self, name: str) -> int:
        entry = self.manifest.get("effects", {}).get(name)
        return int(entry["cols"]) if entry else 1

    def cached(self, key: tuple, make) -> pygame.Surface:
        """A surface the renderer derives (pip bars, tinted tiles), made once per key."""
        surf = self._cache.get(key)
        if surf is None:
            surf = self._cache[key] = make()
        return surf


def _placeholder(px: int, name: str, alpha: bool = False) -> pygame.Surface:
    """Missing art: a chequered square in a colour hashed from the id."""
    h = sum(ord(c) * 31**i for i, c in enumerate(name)) & 0xFFFFFF
    colour = (80 + (h & 0x7F), 80 + ((h >> 8) & 0x7F), 80 + ((h >> 16) & 0x7F))
    surf = pygame.Surface((px, px), pygame.SRCALPHA if alpha else 0)
    surf.fill(colour)
    half = max(1, px // 2)
    pygame.draw.rect(surf, (20, 20, 20), (0, 0, half, half))
    pygame.draw.rect(surf, (20, 20, 20), (half, half, px - half, px - half))
    return surf


def _dashed_stand(surf: pygame.Surface, shape: str, colour) -> None:
    w = surf.get_width()
    c = w / 2
    r = w * 0.44
    width = max(1, w // 24)
    if shape == "angular":
        pts = [(c, c - r), (c + r, c), (c, c + r), (c - r, c)]
        for i in range(4):
            a, b = pts[i], pts[(i + 1) % 4]
            for k in range(0, 4, 2):
                p0 = (a[0] + (b[0] - a[0]) * k / 4, a[1] + (b[1] - a[1]) * k / 4)
                p1 = (a[0] + (b[0] - a[0]) * (k + 1) / 4, a[1] + (b[1] - a[1]) * (k + 1) / 4)
                pygame.draw.line(surf, colour, p0, p1, width)
        return
    steps = 16
    for k in range(0, steps, 2):
        a0, a1 = 2 * math.pi * k / steps, 2 * math.pi * (k + 1) / steps
        pygame.draw.line(
            surf,
            colour,
            (c + r * math.cos(a0), c + r * math.sin(a0)),
            (c + r * math.cos(a1), c + r * math.sin(a1)),
            width,
        )


_SHARED: Sprites | None = None


def shared() -> Sprites:
    """The process-wide sprite set (loaded once)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = Sprites()
    _SHARED.refresh_display()
    return _SHARED


def terrain_masks(kind, joins_by_index):
    """Per-tile join masks (N=1 E=2 S=4 W=8) for a `kind` array; `joins_by_index[k]` is the
    bool lookup of which kind indices kind k joins (None: a plain kind)."""
    import numpy as np

    h, w = kind.shape
    masks = np.zeros((h, w), np.uint8)
    for k, joins in enumerate(joins_by_index):
        if joins is None:
            continue
        here = kind == k
        if not here.any():
            continue
        padded = np.pad(kind, 1, mode="edge")
        for dx, dy, bit in TERRAIN_MASK_SIDES:
            neighbour = padded[1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w]
            masks[here & joins[neighbour]] |= bit
    return masks
