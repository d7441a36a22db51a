"""Draw every sprite of Alma Tactics procedurally and write the PNGs into assets/art/.

    python assets/tools/make_art.py [--check]

All art is the project's own: pygame drawing primitives on a supersampled canvas
(256 px per tile) plus numpy value noise from fixed seeds, box-filtered down to the
shipped sizes (32 px tiles, and 64 px for 2x zoom). The PNG writer is our own
(zlib, no timestamps), so a re-run writes byte-identical files; files whose bytes
did not change are not rewritten. `--check` exits 1 if any file would change.

What is drawn (the ids are the rules' ids, so the renderer finds art by the same
names as the stats):

- terrain/<id>.png: every terrain kind of assets/rules/terrain.toml. Kinds that join
  their neighbours (walls, buildings, rock, water, roads...) have 16 columns, one per
  mask of joined sides (N=1, E=2, S=4, W=8), and a row per variant; the others are one
  row of variants.
- units/<id>.png: every unit type of assets/rules/units.toml, seen from above, in 8
  columns (the facings of `grid.DIRECTIONS`: N, NE, E, ... clockwise) and 2 rows: the
  body, and the "team" layer the renderer multiplies by the side's colour.
- bases.png / bases2.png: the stand under a unit, greyscale for tinting: rows are the
  faction shapes (round Alliance, angular Calendrea), columns the per-side patterns.
- objects/<kind>.png: spotlight (8 directions x on/off/broken), generator
  (running/off/wrecked), charge (LED on/off), crate, marker, transport_wreck.
- status.png: the status icons; effects/<name>.png: explosion frames, flashes,
  blood, smoke puffs, light glow, shadows.

manifest.json lists every sheet, its layout and, for terrain, its average colour
(the minimap's).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import struct
import sys
import tomllib
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ART = ROOT / "assets" / "art"
RULES = ROOT / "assets" / "rules"
SIZES = (32, 64)  # tile sizes shipped
SS = 256  # canvas pixels per tile: 8x supersampling of 32 px, 4x of 64 px
ICON = 0.375  # a status icon is this fraction of a tile (12 px at 32)

Colour = tuple[int, ...]
Pt = tuple[float, float]


# --- colours ------------------------------------------------------------------------------------
def mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=False))


def shade(c: Colour, f: float) -> Colour:
    out = tuple(max(0, min(255, round(v * f))) for v in c[:3])
    return out + tuple(c[3:])


def alpha(c: Colour, a: int) -> Colour:
    return (*c[:3], a)


INK = (18, 20, 24)
WHITE = (250, 250, 245)
GOLD = (244, 198, 56)
TEAM = (236, 236, 236)  # multiplied by the side colour at draw time
TEAM_DARK = (170, 170, 170)

# Alliance kit
ARMOUR = (70, 80, 92)
ARMOUR_LIGHT = (112, 124, 138)
ARMOUR_DARK = (44, 50, 58)
VISOR = (120, 226, 240)
GUN = (34, 34, 38)
GUN_LIGHT = (96, 98, 104)
CLOAK_ELF = (58, 98, 70)
GHILLIE = (84, 92, 58)
# Calendrea
SKIN = (92, 136, 78)
SKIN_DARK = (58, 90, 54)
SKIN_LIGHT = (136, 176, 104)
BONE = (214, 204, 164)
EYE = (255, 206, 40)
HIDE = (128, 106, 66)
CAL_GUN = (70, 58, 44)
CAL_GLOW = (130, 255, 150)
CAL_METAL = (104, 106, 74)


# --- noise --------------------------------------------------------------------------------------
def value_noise(rng: np.random.Generator, size: int, cells: int, octaves: int = 3) -> np.ndarray:
    """Periodic value noise in [0, 1], `size` square: `cells` lattice cells on the first
    octave, doubling each octave with half the amplitude."""
    total = np.zeros((size, size), np.float64)
    amp, norm = 1.0, 0.0
    for o in range(octaves):
        c = cells * 2**o
        grid = rng.random((c, c))
        u = (np.arange(size) + 0.5) * c / size - 0.5
        i0 = np.floor(u).astype(int)
        t = u - i0
        t = t * t * (3 - 2 * t)
        i0 %= c
        i1 = (i0 + 1) % c
        a = grid[i0][:, i0] * (1 - t)[None, :] + grid[i0][:, i1] * t[None, :]
        b = grid[i1][:, i0] * (1 - t)[None, :] + grid[i1][:, i1] * t[None, :]
        total += amp * (a * (1 - t)[:, None] + b * t[:, None])
        norm += amp
        amp *= 0.5
    return total / norm


def blobby(rng: np.random.Generator, n: int, jitter: float) -> list[float]:
    """`n` radius factors around a circle, smoothly wobbling by +-jitter."""
    k = rng.random(6) * 2 * math.pi
    return [
        1
        + jitter
        * (
            0.6 * math.sin(2 * math.pi * 2 * i / n + k[0])
            + 0.4 * math.sin(2 * math.pi * 3 * i / n + k[1])
            + 0.3 * math.sin(2 * math.pi * 5 * i / n + k[2])
        )
        for i in range(n)
    ]


# --- the pen: drawing in tile units on a supersampled canvas ------------------------------------
class Pen:
    """Draws on `surf` in tile units (0..span), rotated `angle` degrees clockwise about
    the centre. Each shape goes to the body canvas and, when a team mask is given, to
    the mask: white if it is a team-coloured part, black if it covers one."""

    def __init__(
        self,
        surf: pygame.Surface,
        span: float = 1.0,
        angle: float = 0.0,
        mask: pygame.Surface | None = None,
        zoom: float = 1.0,
    ) -> None:
        self.surf = surf
        self.mask = mask
        self.zoom = zoom
        self.s = surf.get_width() / span
        self.cx = self.cy = span / 2
        a = math.radians(angle)
        self.cos, self.sin = math.cos(a), math.sin(a)
        self.scratch: pygame.Surface | None = None

    def P(self, x: float, y: float) -> tuple[float, float]:
        dx, dy = (x - self.cx) * self.zoom, (y - self.cy) * self.zoom
        rx = dx * self.cos - dy * self.sin
        ry = dx * self.sin + dy * self.cos
        return ((rx + self.cx) * self.s, (ry + self.cy) * self.s)

    def _draw(self, colour: Colour, pts: list[Pt], team: bool) -> None:
        screen = [self.P(x, y) for x, y in pts]
        if len(colour) == 4 and colour[3] < 255:
            if self.scratch is None:
                self.scratch = pygame.Surface(self.surf.get_size(), pygame.SRCALPHA)
            self.scratch.fill((0, 0, 0, 0))
            pygame.draw.polygon(self.scratch, colour, screen)
            self.surf.blit(self.scratch, (0, 0))
        else:
            pygame.draw.polygon(self.surf, colour[:3] + (255,), screen)
            if self.mask is not None:
                pygame.draw.polygon(self.mask, (255, 255, 255) if team else (0, 0, 0), screen)

    # shapes
    def poly(self, colour: Colour, pts: list[Pt], team: bool = False) -> None:
        if len(pts) >= 3:
            self._draw(colour, pts, team)

    def ellipse(
        self,
        colour: Colour,
        c: Pt,
        rx: float,
        ry: float,
        rot: float = 0.0,
        team: bool = False,
        n: int = 40,
        wobble: list[float] | None = None,
    ) -> None:
        cr, sr = math.cos(math.radians(rot)), math.sin(math.radians(rot))
        pts = []
        for i in range(n):
            t = 2 * math.pi * i / n
            k = wobble[i % len(wobble)] if wobble else 1.0
            ex, ey = math.cos(t) * rx * k, math.sin(t) * ry * k
            pts.append((c[0] + ex * cr - ey * sr, c[1] + ex * sr + ey * cr))
        self._draw(colour, pts, team)

    def circle(self, colour: Colour, c: Pt, r: float, team: bool = False) -> None:
        self.ellipse(colour, c, r, r, team=team, n=max(16, int(r * 160)))

    def rect(
        self, colour: Colour, x: float, y: float, w: float, h: float, team: bool = False
    ) -> None:
        self._draw(colour, [(x, y), (x + w, y), (x + w, y + h), (x, y + h)], team)

    def line(self, colour: Colour, a: Pt, b: Pt, w: float, team: bool = False, cap=True) -> None:
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        ox, oy = -dy / n * w / 2, dx / n * w / 2
        self._draw(
            colour,
            [
                (a[0] + ox, a[1] + oy),
                (b[0] + ox, b[1] + oy),
                (b[0] - ox, b[1] - oy),
                (a[0] - ox, a[1] - oy),
            ],
            team,
        )
        if cap:
            self.circle(colour, a, w / 2, team)
            self.circle(colour, b, w / 2, team)

    def polyline(self, colour: Colour, pts: list[Pt], w: float, team: bool = False) -> None:
        for a, b in zip(pts, pts[1:], strict=False):
            self.line(colour, a, b, w, team)

    def arc(
        self, colour: Colour, c: Pt, r: float, a0: float, a1: float, w: float, n: int = 24
    ) -> None:
        pts = [
            (
                c[0] + r * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
                c[1] + r * math.sin(math.radians(a0 + (a1 - a0) * i / n)),
            )
            for i in range(n + 1)
        ]
        self.polyline(colour, pts, w)

    def star(self, colour: Colour, c: Pt, r: float, points: int = 5, inner: float = 0.45) -> None:
        pts = []
        for i in range(points * 2):
            rr = r if i % 2 == 0 else r * inner
            t = -math.pi / 2 + math.pi * i / points
            pts.append((c[0] + rr * math.cos(t), c[1] + rr * math.sin(t)))
        self._draw(colour, pts, False)


# --- canvas <-> arrays, downsampling, outlines, PNG ---------------------------------------------
def canvas(w_tiles: float, h_tiles: float | None = None) -> pygame.Surface:
    h_tiles = w_tiles if h_tiles is None else h_tiles
    return pygame.Surface((round(SS * w_tiles), round(SS * h_tiles)), pygame.SRCALPHA)


def to_array(surf: pygame.Surface) -> np.ndarray:
    """RGBA float array [y, x, 4] of a surface."""
    rgb = pygame.surfarray.array3d(surf).transpose(1, 0, 2).astype(np.float64)
    a = pygame.surfarray.array_alpha(surf).T.astype(np.float64)
    return np.dstack([rgb, a])


def from_array(arr: np.ndarray) -> pygame.Surface:
    data = np.ascontiguousarray(np.clip(np.round(arr), 0, 255).astype(np.uint8))
    h, w = data.shape[:2]
    return pygame.image.frombuffer(data.tobytes(), (w, h), "RGBA").copy()


def downsample(arr: np.ndarray, factor: int) -> np.ndarray:
    """Box filter by `factor`, averaging colour weighted by alpha (premultiplied)."""
    h, w = arr.shape[:2]
    a = arr[..., 3:4] / 255.0
    prem = np.concatenate([arr[..., :3] * a, a], axis=2)
    small = prem.reshape(h // factor, factor, w // factor, factor, 4).mean(axis=(1, 3))
    out = np.zeros_like(small)
    cover = small[..., 3:4]
    np.divide(small[..., :3], cover, out=out[..., :3], where=cover > 1e-6)
    out[..., 3:4] = cover * 255.0
    return out


def dilate(mask: np.ndarray, r: int) -> np.ndarray:
    """Grow a bool mask by about `r` pixels (alternating 4- and 8-neighbour steps: an octagon)."""
    out = mask.copy()
    for i in range(r):
        grown = out.copy()
        grown[1:, :] |= out[:-1, :]
        grown[:-1, :] |= out[1:, :]
        grown[:, 1:] |= out[:, :-1]
        grown[:, :-1] |= out[:, 1:]
        if i % 2:
            grown[1:, 1:] |= out[:-1, :-1]
            grown[1:, :-1] |= out[:-1, 1:]
            grown[:-1, 1:] |= out[1:, :-1]
            grown[:-1, :-1] |= out[1:, 1:]
        out = grown
    return out


def outlined(arr: np.ndarray, width_tiles: float, colour: Colour = INK) -> np.ndarray:
    """The sprite with a dark outline `width_tiles` wide under it."""
    solid = arr[..., 3] > 127
    ring = dilate(solid, max(1, round(width_tiles * SS))) & ~solid
    under = np.zeros_like(arr)
    under[ring] = (*colour[:3], 235)
    return over(arr, under)


def over(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """Porter-Duff `top` over `bottom` (straight alpha float arrays)."""
    ta, ba = top[..., 3:4] / 255.0, bottom[..., 3:4] / 255.0
    oa = ta + ba * (1 - ta)
    rgb = np.zeros_like(top[..., :3])
    np.divide(top[..., :3] * ta + bottom[..., :3] * ba * (1 - ta), oa, out=rgb, where=oa > 1e-6)
    return np.concatenate([rgb, oa * 255.0], axis=2)


def png_bytes(rgba: np.ndarray) -> bytes:
    """An RGBA PNG, written by hand so the bytes never depend on a library's metadata."""
    data = np.ascontiguousarray(np.clip(np.round(rgba), 0, 255).astype(np.uint8))
    h, w = data.shape[:2]
    raw = b"".join(b"\x00" + data[y].tobytes() for y in range(h))

    def chunk(tag: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(tag + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


# --- sheets -------------------------------------------------------------------------------------
class Sheet:
    """A grid of frames, each `span` tiles square, kept at canvas resolution until written."""

    def __init__(self, cols: int, rows: int, span: float = 1.0) -> None:
        self.cols, self.rows, self.span = cols, rows, span
        cell = round(SS * span)
        self.arr = np.zeros((rows * cell, cols * cell, 4), np.float64)
        self.cell = cell

    def put(self, col: int, row: int, frame: np.ndarray) -> None:
        c = self.cell
        self.arr[row * c : (row + 1) * c, col * c : (col + 1) * c] = frame

    def at(self, size: int) -> np.ndarray:
        return downsample(self.arr, SS // size)


class Writer:
    def __init__(self, check: bool) -> None:
        self.check = check
        self.changed: list[str] = []
        self.written: set[Path] = set()
        self.manifest: dict = {"version": 1, "sizes": list(SIZES), "tile": SIZES[0]}

    def write(self, rel: str, data: bytes) -> None:
        path = ART / rel
        self.written.add(path)
        if path.exists() and path.read_bytes() == data:
            return
        self.changed.append(rel)
        if not self.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def sheet(self, rel: str, sheet: Sheet) -> None:
        for size in SIZES:
            self.write(f"{size}/{rel}", png_bytes(sheet.at(size)))


def frame_of(surf: pygame.Surface) -> np.ndarray:
    return to_array(surf)


# === terrain ===================================================================================
N, E, S, W = 1, 2, 4, 8

# which kinds a kind joins (their masks link); a kind not here is drawn as plain variants
JOINS: dict[str, tuple[str, ...]] = {
    "wall": ("wall", "door", "tower"),
    "building": ("building",),
    "rock": ("rock", "cavern_wall"),
    "cavern_wall": ("cavern_wall", "rock"),
    "water": ("water",),
    "ravine": ("ravine",),
    "road": ("road", "door", "pad"),
    "door": ("wall", "building", "door"),
    "tower": ("tower",),
    "half_wall": ("half_wall", "wall"),
    "pad": ("pad",),
}
VARIANTS_PLAIN = 4
VARIANTS_MASKED = 2

GROUND = (124, 116, 104)
CONCRETE = (176, 174, 164)


def texture(rng: np.random.Generator, base: Colour, amp: float, cells: int = 4, octaves: int = 4):
    """A tile-sized RGBA array: `base` modulated by noise of strength `amp`."""
    n = value_noise(rng, SS, cells, octaves)
    grain = rng.random((SS, SS))
    f = 1 + amp * (n - 0.5) * 2 + 0.05 * (grain - 0.5)
    arr = np.empty((SS, SS, 4))
    for i in range(3):
        arr[..., i] = base[i] * f
    arr[..., 3] = 255
    return arr


def surf_of(arr: np.ndarray) -> pygame.Surface:
    return from_array(arr)


def grain(arr: np.ndarray, rng: np.random.Generator, amp: float, cells: int = 8) -> np.ndarray:
    """Multiply the colour of an array by fine noise (texture over drawn shapes)."""
    n = value_noise(rng, arr.shape[0], cells, 3)
    out = arr.copy()
    out[..., :3] *= (1 + amp * (n - 0.5) * 2)[..., None]
    return out


def pebbles(pen: Pen, rng, count: int, colour: Colour, rmin: float, rmax: float, margin=0.06):
    for _ in range(count):
        x, y = rng.uniform(margin, 1 - margin, 2)
        r = rng.uniform(rmin, rmax)
        wob = blobby(rng, 12, 0.25)
        pen.ellipse(alpha(INK, 70), (x + r * 0.3, y + r * 0.35), r, r * 0.8, n=12, wobble=wob)
        pen.ellipse(colour, (x, y), r, r * 0.8, rot=rng.uniform(0, 180), n=12, wobble=wob)
        pen.ellipse(shade(colour, 1.25), (x - r * 0.25, y - r * 0.25), r * 0.45, r * 0.35, n=10)


def mass_outline(mask: int, inset: float, rng, jitter: float, n_side: int = 6) -> list[Pt]:
    """A polygon filling the tile, pulled in by `inset` (wobbling by `jitter`) on each side
    that does not join a neighbour; joined sides reach a little past the tile edge."""
    out_edge = -0.03

    def edge(side: int) -> float:
        return out_edge if mask & side else inset

    pts: list[Pt] = []
    top, right, bottom, left = edge(N), 1 - edge(E), 1 - edge(S), edge(W)
    corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
    sides = [N, E, S, W]
    for i in range(4):
        a, b = corners[i], corners[(i + 1) % 4]
        side = sides[i]
        for k in range(n_side):
            t = k / n_side
            x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
            if not mask & side and k > 0:
                j = rng.uniform(-jitter, jitter)
                if side in (N, S):
                    y += j
                else:
                    x += j
            pts.append((x, y))
    # round the corners where both sides are free
    rounded: list[Pt] = []
    for i, p in enumerate(pts):
        if i % n_side == 0:
            side_in, side_out = sides[(i // n_side - 1) % 4], sides[i // n_side]
            if not mask & side_in and not mask & side_out:
                prev, nxt = pts[i - 1], pts[(i + 1) % len(pts)]
                rounded.append(((prev[0] + p[0] * 2) / 3, (prev[1] + p[1] * 2) / 3))
                rounded.append(((nxt[0] + p[0] * 2) / 3, (nxt[1] + p[1] * 2) / 3))
                continue
        rounded.append(p)
    return rounded


def shifted(pts: list[Pt], dx: float, dy: float) -> list[Pt]:
    return [(x + dx, y + dy) for x, y in pts]


def bevel_mass(pen: Pen, pts: list[Pt], colour: Colour, light: float = 1.3, dark: float = 0.55):
    pen.poly(alpha(INK, 110), shifted(pts, 0.05, 0.06))
    pen.poly(shade(colour, dark), shifted(pts, 0.025, 0.03))
    pen.poly(shade(colour, light), shifted(pts, -0.018, -0.018))
    pen.poly(colour, pts)


def ground(rng, base: Colour = GROUND, amp: float = 0.12) -> tuple[pygame.Surface, Pen]:
    surf = surf_of(texture(rng, base, amp))
    return surf, Pen(surf)


def t_open(rng, mask):
    surf, pen = ground(rng)
    for _ in range(rng.integers(0, 2)):  # a small crater
        x, y = rng.uniform(0.25, 0.75, 2)
        r = rng.uniform(0.07, 0.13)
        pen.circle(shade(GROUND, 1.18), (x + 0.012, y + 0.012), r * 1.15)
        pen.circle(shade(GROUND, 0.78), (x, y), r)
        pen.circle(shade(GROUND, 0.9), (x + r * 0.2, y + r * 0.2), r * 0.7)
    pebbles(pen, rng, int(rng.integers(3, 7)), shade(GROUND, 0.85), 0.012, 0.03)
    return surf, 0.06


def t_road(rng, mask):
    base = (92, 88, 84)
    surf, pen = ground(rng, base, 0.08)
    joined = [s for s in (N, E, S, W) if mask & s] or [E, W]
    track = shade(base, 0.84)
    for side in joined:  # twin tyre tracks from the centre to each joined side
        for off in (-0.2, 0.2):
            if side in (E, W):
                x1 = 1.05 if side == E else -0.05
                pen.line(track, (0.5, 0.5 + off), (x1, 0.5 + off), 0.1, cap=False)
            else:
                y1 = 1.05 if side == S else -0.05
                pen.line(track, (0.5 + off, 0.5), (0.5 + off, y1), 0.1, cap=False)
    if any(s in joined for s in (E, W)) and any(s in joined for s in (N, S)):
        for off_x in (-0.2, 0.2):  # a junction: close the corners of the tracks
            for off_y in (-0.2, 0.2):
                pen.rect(track, 0.5 + off_x - 0.05, 0.5 + off_y - 0.05, 0.1, 0.1)
    for side in (N, E, S, W):  # a gravel verge on free sides
        if mask & side or (not mask and side in (E, W)):
            continue
        for _ in range(10):
            t = rng.uniform(0, 1)
            d = rng.uniform(0.0, 0.07)
            x, y = {N: (t, d), S: (t, 1 - d), W: (d, t), E: (1 - d, t)}[side]
            pen.circle(shade(GROUND, rng.uniform(0.9, 1.15)), (x, y), rng.uniform(0.01, 0.022))
    return surf, 0.05


def t_rough(rng, mask):
    surf, pen = ground(rng, (116, 108, 96), 0.16)
    pebbles(pen, rng, int(rng.integers(9, 14)), (132, 124, 112), 0.03, 0.075)
    pebbles(pen, rng, 8, (100, 94, 86), 0.015, 0.03)
    return surf, 0.08


def t_rock(rng, mask, base=(92, 88, 90), ground_col=GROUND, strata=False):
    surf, pen = ground(rng, ground_col, 0.1)
    pts = mass_outline(mask, 0.14, rng, 0.05)
    bevel_mass(pen, pts, base)
    for _ in range(5):  # facets
        x, y = rng.uniform(0.2, 0.8, 2)
        r = rng.uniform(0.08, 0.16)
        pen.ellipse(
            shade(base, rng.uniform(1.08, 1.22)), (x, y), r, r * 0.6, rot=rng.uniform(0, 180), n=6
        )
        pen.line(shade(base, 0.7), (x - r * 0.6, y + r * 0.5), (x + r * 0.6, y + r * 0.5), 0.015)
    if strata:
        for k in range(4):
            y = 0.2 + k * 0.2 + rng.uniform(-0.03, 0.03)
            pen.line(shade(base, 0.72), (-0.05, y), (1.05, y + rng.uniform(-0.05, 0.05)), 0.02)
    return surf, 0.12


def t_cavern_wall(rng, mask):
    return t_rock(rng, mask, base=(82, 62, 76), ground_col=(70, 62, 60), strata=True)


def t_forest(rng, mask):
    surf, pen = ground(rng, (66, 72, 54), 0.18)
    pebbles(pen, rng, 5, (84, 80, 58), 0.01, 0.02)
    crowns = []
    for _ in range(int(rng.integers(3, 5))):
        crowns.append((rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8), rng.uniform(0.16, 0.26)))
    crowns.sort(key=lambda c: c[1])
    for x, y, r in crowns:
        pen.ellipse(alpha(INK, 110), (x + 0.06, y + 0.07), r, r * 0.9, n=20)
    for x, y, r in crowns:
        hue = rng.uniform(-1, 1)
        leaf = (round(44 + 10 * hue), round(112 + 14 * hue), round(86 - 10 * hue))
        wob = blobby(rng, 20, 0.12)
        pen.ellipse(shade(leaf, 0.6), (x + 0.01, y + 0.015), r, r, n=20, wobble=wob)
        pen.ellipse(leaf, (x, y), r * 0.93, r * 0.93, n=20, wobble=wob)
        pen.ellipse(shade(leaf, 1.3), (x - r * 0.3, y - r * 0.3), r * 0.42, r * 0.38, n=14)
        for _ in range(3):  # alien seed pods
            a = rng.uniform(0, 2 * math.pi)
            pen.circle(
                (196, 120, 70), (x + math.cos(a) * r * 0.55, y + math.sin(a) * r * 0.55), 0.018
            )
    return surf, 0.06


def wall_body(pen: Pen, mask: int, colour: Colour, cap: Colour, rng) -> None:
    """A paracrete wall tile: bevels on free sides, a cap ridge along the joined sides."""
    pen.rect(colour, 0, 0, 1, 1)
    edge = 0.1
    for side, (x, y, w, h), f in (
        (N, (0, 0, 1, edge), 1.28),
        (W, (0, 0, edge, 1), 1.18),
        (S, (0, 1 - edge, 1, edge), 0.5),
        (E, (1 - edge, 0, edge, 1), 0.62),
    ):
        if not mask & side:
            pen.rect(shade(colour, f), x, y, w, h)
    half = 0.17
    joined = [s for s in (N, E, S, W) if mask & s]
    pen.rect(
        shade(cap, 0.75), 0.5 - half - 0.02, 0.5 - half - 0.02, 2 * half + 0.04, 2 * half + 0.04
    )
    for side in joined:
        x0, y0, x1, y1 = {
            N: (0.5 - half - 0.02, -0.02, 0.5 + half + 0.02, 0.5),
            S: (0.5 - half - 0.02, 0.5, 0.5 + half + 0.02, 1.02),
            W: (-0.02, 0.5 - half - 0.02, 0.5, 0.5 + half + 0.02),
            E: (0.5, 0.5 - half - 0.02, 1.02, 0.5 + half + 0.02),
        }[side]
        pen.rect(shade(cap, 0.75), x0, y0, x1 - x0, y1 - y0)
    pen.rect(cap, 0.5 - half, 0.5 - half, 2 * half, 2 * half)
    for side in joined:
        x0, y0, x1, y1 = {
            N: (0.5 - half, -0.02, 0.5 + half, 0.5),
            S: (0.5 - half, 0.5, 0.5 + half, 1.02),
            W: (-0.02, 0.5 - half, 0.5, 0.5 + half),
            E: (0.5, 0.5 - half, 1.02, 0.5 + half),
        }[side]
        pen.rect(cap, x0, y0, x1 - x0, y1 - y0)
    # panel seams across the run of the wall
    horizontal = bool(mask & (E | W)) or not mask & (N | S)
    for t in (0.0, 0.5):
        if horizontal:
            pen.line(shade(colour, 0.7), (t, 0.08), (t, 0.92), 0.018, cap=False)
        else:
            pen.line(shade(colour, 0.7), (0.08, t), (0.92, t), 0.018, cap=False)
    for _ in range(6):  # pores in the paracrete
        pen.circle(
            shade(colour, 0.78), tuple(rng.uniform(0.12, 0.88, 2)), rng.uniform(0.006, 0.014)
        )


def t_wall(rng, mask):
    surf = surf_of(texture(rng, CONCRETE, 0.06))
    wall_body(Pen(surf), mask, CONCRETE, shade(CONCRETE, 1.1), rng)
    return surf, 0.05


def t_building(rng, mask):
    roof = (78, 88, 80)
    surf = surf_of(texture(rng, roof, 0.08))
    pen = Pen(surf)
    for t in (0.0, 0.5):  # roof panels on a world-aligned half-tile grid
        pen.line(shade(roof, 0.66), (t, -0.05), (t, 1.05), 0.02, cap=False)
        pen.line(shade(roof, 0.66), (-0.05, t), (1.05, t), 0.02, cap=False)
        pen.line(shade(roof, 1.18), (t + 0.02, -0.05), (t + 0.02, 1.05), 0.01, cap=False)
    for x in (0.1, 0.4, 0.6, 0.9):
        for y in (0.1, 0.4, 0.6, 0.9):
            pen.circle(shade(roof, 1.25), (x, y), 0.014)
    kind = rng.integers(0, 3)
    if kind == 0:  # a vent
        pen.rect(shade(roof, 0.5), 0.3, 0.3, 0.4, 0.3)
        for k in range(5):
            pen.line(
                shade(roof, 1.2),
                (0.33, 0.34 + k * 0.055),
                (0.67, 0.34 + k * 0.055),
                0.018,
                cap=False,
            )
    elif kind == 1:  # a hexagonal Calendrea hatch
        pts = [
            (0.5 + 0.16 * math.cos(math.pi / 3 * i), 0.5 + 0.16 * math.sin(math.pi / 3 * i))
            for i in range(6)
        ]
        pen.poly(shade(roof, 0.55), shifted(pts, 0.02, 0.02))
        pen.poly(shade(roof, 1.2), pts)
        pen.circle(shade(roof, 0.8), (0.5, 0.5), 0.06)
    edge = 0.09
    for side, (x, y, w, h), f in (
        (N, (0, 0, 1, edge), 1.45),
        (W, (0, 0, edge, 1), 1.3),
        (S, (0, 1 - edge, 1, edge), 0.45),
        (E, (1 - edge, 0, edge, 1), 0.55),
    ):
        if not mask & side:  # the parapet of the roof
            pen.rect(shade(roof, f), x, y, w, h)
    return surf, 0.05


def t_floor(rng, mask):
    deck = (104, 108, 110)
    surf = surf_of(texture(rng, deck, 0.05, cells=2))
    pen = Pen(surf)
    for t in (0.0, 0.5, 1.0):
        pen.line(shade(deck, 0.74), (t, -0.05), (t, 1.05), 0.016, cap=False)
        pen.line(shade(deck, 0.74), (-0.05, t), (1.05, t), 0.016, cap=False)
    for x in (0.06, 0.44, 0.56, 0.94):
        for y in (0.06, 0.44, 0.56, 0.94):
            pen.circle(shade(deck, 1.22), (x, y), 0.012)
    if rng.random() < 0.5:  # tread plate on one panel
        ox, oy = rng.integers(0, 2, 2) * 0.5
        for i in range(4):
            for j in range(4):
                cx, cy = ox + 0.1 + i * 0.1, oy + 0.1 + j * 0.1
                d = 0.02 if (i + j) % 2 else -0.02
                pen.line(
                    shade(deck, 1.08), (cx - 0.02, cy + d), (cx + 0.02, cy - d), 0.012, cap=False
                )
    if rng.random() < 0.4:  # an oil stain
        x, y = rng.uniform(0.2, 0.8, 2)
        pen.ellipse(
            alpha((30, 32, 30), 70),
            (x, y),
            0.12,
            0.08,
            rot=rng.uniform(0, 180),
            wobble=blobby(rng, 20, 0.2),
        )
    return surf, 0.04


def t_door(rng, mask):
    surf = surf_of(texture(rng, CONCRETE, 0.06))
    pen = Pen(surf)
    wall_body(pen, mask, CONCRETE, shade(CONCRETE, 1.1), rng)
    vertical = bool(mask & (N | S)) and not mask & (E | W)
    slab = (88, 80, 66)
    if vertical:  # a door in a north-south wall: you pass east-west
        pen.rect(shade(slab, 0.5), 0.22, 0.1, 0.56, 0.8)
        pen.rect(slab, 0.26, 0.14, 0.48, 0.72)
        pen.line(INK, (0.5, 0.14), (0.5, 0.86), 0.03, cap=False)
        for y in (0.14, 0.8):
            for k in range(4):
                c = GOLD if k % 2 == 0 else INK
                pen.rect(c, 0.26 + k * 0.12, y, 0.12, 0.06)
    else:
        pen.rect(shade(slab, 0.5), 0.1, 0.22, 0.8, 0.56)
        pen.rect(slab, 0.14, 0.26, 0.72, 0.48)
        pen.line(INK, (0.14, 0.5), (0.86, 0.5), 0.03, cap=False)
        for x in (0.14, 0.8):
            for k in range(4):
                c = GOLD if k % 2 == 0 else INK
                pen.rect(c, x, 0.26 + k * 0.12, 0.06, 0.12)
    return surf, 0.04


def t_rubble(rng, mask):
    surf, pen = ground(rng, (112, 108, 100), 0.14)
    for _ in range(int(rng.integers(9, 14))):
        x, y = rng.uniform(0.1, 0.9, 2)
        r = rng.uniform(0.05, 0.12)
        n = int(rng.integers(4, 7))
        a0 = rng.uniform(0, math.pi)
        pts = [
            (
                x + r * rng.uniform(0.6, 1.1) * math.cos(a0 + 2 * math.pi * i / n),
                y + r * rng.uniform(0.6, 1.1) * math.sin(a0 + 2 * math.pi * i / n),
            )
            for i in range(n)
        ]
        c = shade(CONCRETE, rng.uniform(0.78, 1.02))
        pen.poly(alpha(INK, 120), shifted(pts, 0.02, 0.025))
        pen.poly(shade(c, 0.7), shifted(pts, 0.008, 0.01))
        pen.poly(c, pts)
    for _ in range(2):  # twisted rebar
        x, y = rng.uniform(0.15, 0.85, 2)
        a = rng.uniform(0, math.pi)
        pts = [
            (x + math.cos(a) * t * 0.3, y + math.sin(a) * t * 0.3 + 0.03 * math.sin(t * 6))
            for t in np.linspace(-0.5, 0.5, 6)
        ]
        pen.polyline((132, 74, 44), pts, 0.018)
    pebbles(pen, rng, 8, (150, 146, 136), 0.01, 0.02)
    return surf, 0.06


def t_tower(rng, mask):
    grate = (62, 66, 70)
    surf = surf_of(texture(rng, grate, 0.06))
    pen = Pen(surf)
    for k in range(9):  # grating
        t = k / 8
        pen.line(shade(grate, 1.35), (t, -0.05), (t, 1.05), 0.012, cap=False)
        pen.line(shade(grate, 0.7), (-0.05, t + 0.02), (1.05, t + 0.02), 0.012, cap=False)
    par = (150, 150, 142)
    edge = 0.16
    for side, (x, y, w, h), f in (
        (N, (0, 0, 1, edge), 1.15),
        (W, (0, 0, edge, 1), 1.05),
        (S, (0, 1 - edge, 1, edge), 0.8),
        (E, (1 - edge, 0, edge, 1), 0.85),
    ):
        if not mask & side:  # the parapet
            pen.rect(shade(par, 0.45), x - 0.01, y - 0.01, w + 0.02, h + 0.02)
            pen.rect(shade(par, f), x + 0.015, y + 0.015, w - 0.03, h - 0.03)
    for cx, cy, sides in (
        (0.08, 0.08, N | W),
        (0.92, 0.08, N | E),
        (0.08, 0.92, S | W),
        (0.92, 0.92, S | E),
    ):
        if not mask & sides:
            pen.rect(INK, cx - 0.09, cy - 0.09, 0.18, 0.18)
            pen.rect((196, 60, 44), cx - 0.06, cy - 0.06, 0.12, 0.12)  # a red warning post
    # ladder hatch
    pen.rect(INK, 0.36, 0.36, 0.28, 0.28)
    pen.rect((90, 84, 60), 0.39, 0.39, 0.22, 0.22)
    for k in range(3):
        pen.line(GOLD, (0.41, 0.44 + k * 0.06), (0.59, 0.44 + k * 0.06), 0.02, cap=False)
    return surf, 0.04


def edge_bands(pen: Pen, mask: int, inset: float, colour: Colour, depth: float, steps: int = 6):
    """Translucent bands along each free side, fading inward from the edge at `inset`."""
    for side in (N, E, S, W):
        if mask & side:
            continue
        for k in range(steps):
            a = (
                round(colour[3] * (1 - k / steps))
                if len(colour) == 4
                else round(200 * (1 - k / steps))
            )
            d0 = inset + depth * k / steps
            d1 = inset + depth * (k + 1) / steps
            x0, y0, x1, y1 = {
                N: (-0.05, d0, 1.05, d1),
                S: (-0.05, 1 - d1, 1.05, 1 - d0),
                W: (d0, -0.05, d1, 1.05),
                E: (1 - d1, -0.05, 1 - d0, 1.05),
            }[side]
            pen.rect(alpha(colour, a), x0, y0, x1 - x0, y1 - y0)


def twin_outlines(rng, mask: int, insets: tuple[float, ...], jitter: float) -> list[list[Pt]]:
    """Nested mass outlines with the same wobble (a shore and its water, a rim and its chasm)."""
    seed = int(rng.integers(0, 2**31))
    return [mass_outline(mask, i, np.random.default_rng(seed), jitter) for i in insets]


def t_water(rng, mask):
    surf, pen = ground(rng, (104, 98, 88), 0.1)
    deep = (34, 66, 98)
    shore, water = twin_outlines(rng, mask, (0.12, 0.16), 0.04)
    pen.poly(shade(GROUND, 0.7), shifted(shore, 0.0, 0.02))
    pen.poly((176, 206, 214), shore)
    pen.poly(shade(deep, 1.25), water)
    edge_bands(pen, mask, 0.16, (*shade(deep, 1.9), 90), 0.12, 4)
    return surf, 0.0, lambda pen2: ripples(pen2, rng, deep)


def ripples(pen: Pen, rng, deep):
    for _ in range(5):
        x, y = rng.uniform(0.2, 0.8, 2)
        pen.arc(shade(deep, 1.8), (x, y), rng.uniform(0.06, 0.12), 200, 340, 0.018)


def t_ravine(rng, mask):
    surf, pen = ground(rng, (110, 100, 88), 0.12)
    rim, chasm = twin_outlines(rng, mask, (0.1, 0.15), 0.06)
    pen.poly((168, 146, 118), rim)
    pen.poly((14, 10, 12), chasm)
    edge_bands(pen, mask, 0.15, (112, 86, 68, 230), 0.22, 7)
    return surf, 0.05


def t_pad(rng, mask):
    conc = (134, 136, 138)
    surf = surf_of(texture(rng, conc, 0.05))
    pen = Pen(surf)
    for t in (0.0, 1.0):
        pen.line(shade(conc, 0.8), (t, 0), (t, 1), 0.02, cap=False)
        pen.line(shade(conc, 0.8), (0, t), (1, t), 0.02, cap=False)
    for side in (N, E, S, W):
        if mask & side:
            continue
        for k in range(5):  # hazard band
            c = GOLD if k % 2 == 0 else INK
            if side in (N, S):
                y = 0.02 if side == N else 0.88
                pen.poly(
                    c,
                    [
                        (k * 0.2, y),
                        (k * 0.2 + 0.2, y),
                        (k * 0.2 + 0.14, y + 0.1),
                        (k * 0.2 - 0.06, y + 0.1),
                    ],
                )
            else:
                x = 0.02 if side == W else 0.88
                pen.poly(
                    c,
                    [
                        (x, k * 0.2),
                        (x, k * 0.2 + 0.2),
                        (x + 0.1, k * 0.2 + 0.14),
                        (x + 0.1, k * 0.2 - 0.06),
                    ],
                )
    for x, y in ((0.5, 0.5),):  # a landing light in the middle of each slab
        pen.circle(INK, (x, y), 0.05)
        pen.circle((120, 220, 255), (x, y), 0.032)
    for _ in range(3):  # skid marks
        x, y = rng.uniform(0.2, 0.8, 2)
        pen.line(alpha(INK, 40), (x - 0.12, y), (x + 0.12, y + rng.uniform(-0.04, 0.04)), 0.05)
    return surf, 0.03


def t_half_wall(rng, mask):
    surf, pen = ground(rng)
    pebbles(pen, rng, 3, shade(GROUND, 0.85), 0.012, 0.025)
    joined = [s for s in (N, E, S, W) if mask & s] or [E, W]
    bag = (156, 140, 100)
    horizontal_first = [s for s in joined if s in (E, W)] + [s for s in joined if s in (N, S)]
    for side in horizontal_first:
        steps = (
            [0.5 + 0.24 * k for k in range(3)]
            if side in (E, S)
            else [0.5 - 0.24 * k for k in range(3)]
        )
        for t in steps:
            for row, off in enumerate((-0.1, 0.1)):
                jitter = 0.12 if row else 0.0
                tt = t + (jitter if side in (E, S) else -jitter)
                if side in (E, W):
                    cx, cy, rx, ry = tt, 0.5 + off, 0.13, 0.085
                else:
                    cx, cy, rx, ry = 0.5 + off, tt, 0.085, 0.13
                if not (-0.1 <= cx <= 1.1 and -0.1 <= cy <= 1.1):
                    continue
                c = shade(bag, rng.uniform(0.88, 1.08))
                pen.ellipse(alpha(INK, 110), (cx + 0.03, cy + 0.035), rx, ry, n=20)
                pen.ellipse(shade(c, 0.62), (cx, cy), rx, ry, n=20)
                pen.ellipse(c, (cx - 0.008, cy - 0.01), rx * 0.9, ry * 0.84, n=20)
                if side in (E, W):
                    pen.line(
                        shade(c, 0.7), (cx, cy - ry * 0.7), (cx, cy + ry * 0.7), 0.012, cap=False
                    )
                else:
                    pen.line(
                        shade(c, 0.7), (cx - rx * 0.7, cy), (cx + rx * 0.7, cy), 0.012, cap=False
                    )
    return surf, 0.05


def t_generic(terrain_id: str):
    """Art for a terrain kind this script does not know yet: a hashed colour and hatching."""
    h = hashlib.sha256(terrain_id.encode()).digest()
    base = (60 + h[0] % 140, 60 + h[1] % 140, 60 + h[2] % 140)

    def paint(rng, mask):
        surf = surf_of(texture(rng, base, 0.12))
        pen = Pen(surf)
        for k in range(-4, 5):
            pen.line(shade(base, 0.7), (k * 0.25, 0), (k * 0.25 + 1, 1), 0.02, cap=False)
        return surf, 0.05

    return paint


TERRAIN_PAINTERS: dict[str, Callable] = {
    "open": t_open,
    "road": t_road,
    "rough": t_rough,
    "rock": t_rock,
    "forest": t_forest,
    "wall": t_wall,
    "rubble": t_rubble,
    "building": t_building,
    "floor": t_floor,
    "door": t_door,
    "tower": t_tower,
    "water": t_water,
    "ravine": t_ravine,
    "cavern_wall": t_cavern_wall,
    "pad": t_pad,
    "half_wall": t_half_wall,
}


def paint_terrain(terrain_id: str, mask: int, variant: int) -> np.ndarray:
    seed = int.from_bytes(
        hashlib.sha256(f"{terrain_id}/{mask}/{variant}".encode()).digest()[:8], "little"
    )
    rng = np.random.default_rng(seed)
    painter = TERRAIN_PAINTERS.get(terrain_id) or t_generic(terrain_id)
    result = painter(rng, mask)
    after = None
    if len(result) == 3:
        surf, amp, after = result
    else:
        surf, amp = result
    arr = to_array(surf)
    if amp:
        arr = grain(arr, rng, amp)
    if after is not None:
        surf2 = from_array(arr)
        after(Pen(surf2))
        arr = to_array(surf2)
    arr[..., 3] = 255
    return np.clip(arr, 0, 255)


def terrain_sheet(tid: str) -> Sheet:
    """Every variant (and join mask) of one terrain kind."""
    if JOINS.get(tid):
        sheet = Sheet(16, VARIANTS_MASKED)
        for v in range(VARIANTS_MASKED):
            for mask in range(16):
                sheet.put(mask, v, paint_terrain(tid, mask, v))
        return sheet
    sheet = Sheet(VARIANTS_PLAIN, 1)
    for v in range(VARIANTS_PLAIN):
        sheet.put(v, 0, paint_terrain(tid, 0, v))
    return sheet


def make_terrain(writer: Writer, terrain_ids: list[str]) -> None:
    entries = {}
    for tid in terrain_ids:
        joins = JOINS.get(tid)
        sheet = terrain_sheet(tid)
        writer.sheet(f"terrain/{tid}.png", sheet)
        small = sheet.at(SIZES[0])
        if joins:  # the minimap colour is the colour of the tile in the middle of a mass
            c = SIZES[0]
            small = small[:, 15 * c : 16 * c]
        colour = [round(float(v)) for v in small[..., :3].reshape(-1, 3).mean(axis=0)]
        entries[tid] = {
            "file": f"terrain/{tid}.png",
            "cols": sheet.cols,
            "rows": sheet.rows,
            "joins": list(joins) if joins else [],
            "colour": colour,
        }
    writer.manifest["terrain"] = entries


# === units =====================================================================================
def human(
    pen: Pen,
    rng,
    *,
    elf=False,
    sniper=False,
    launcher=False,
    cap=False,
    hair=False,
    antenna=False,
    hero=False,
    cloak: Colour | None = None,
    cape: Colour | None = None,
) -> None:
    """A soldier of the Alliance from above, facing up."""
    shoulders = 0.165 if elf else 0.195
    if cape:  # a hero's cape trailing behind
        pen.poly(
            shade(cape, 0.55), [(0.32, 0.54), (0.68, 0.54), (0.73, 0.85), (0.5, 0.79), (0.27, 0.85)]
        )
        pen.poly(cape, [(0.34, 0.54), (0.66, 0.54), (0.69, 0.81), (0.5, 0.76), (0.31, 0.81)])
    if sniper:  # ghillie cloak: a ragged shape round the body
        wob = blobby(rng, 28, 0.14)
        c = cloak or GHILLIE
        pen.ellipse(shade(c, 0.62), (0.5, 0.61), 0.24, 0.26, n=28, wobble=wob)
        pen.ellipse(c, (0.5, 0.6), 0.22, 0.24, n=28, wobble=wob)
        for _ in range(12):
            a = rng.uniform(0, 2 * math.pi)
            r = rng.uniform(0.08, 0.21)
            x, y = 0.5 + math.cos(a) * r, 0.6 + math.sin(a) * r
            pen.line(
                shade(c, rng.uniform(0.65, 1.3)),
                (x, y),
                (x + rng.uniform(-0.04, 0.04), y + 0.05),
                0.022,
            )
    elif elf:  # the elf's long cloak
        c = cloak or CLOAK_ELF
        pen.poly(shade(c, 0.6), [(0.33, 0.52), (0.67, 0.52), (0.7, 0.82), (0.5, 0.88), (0.3, 0.82)])
        pen.poly(c, [(0.35, 0.52), (0.65, 0.52), (0.67, 0.79), (0.5, 0.85), (0.33, 0.79)])
        pen.line(shade(c, 1.3), (0.5, 0.56), (0.5, 0.82), 0.02)
    if hair:
        pen.poly(
            (222, 198, 128), [(0.43, 0.5), (0.57, 0.5), (0.59, 0.72), (0.5, 0.8), (0.41, 0.72)]
        )
        pen.line((250, 230, 170), (0.5, 0.52), (0.5, 0.76), 0.015)
    if not sniper and not elf:  # backpack
        pen.rect(ARMOUR_DARK, 0.39, 0.6, 0.22, 0.14)
        pen.rect(shade(ARMOUR_DARK, 1.4), 0.41, 0.62, 0.18, 0.03)
    if antenna:
        pen.line(INK, (0.43, 0.66), (0.3, 0.86), 0.022)
        pen.circle((255, 80, 60), (0.3, 0.86), 0.03)
    body = ARMOUR
    if cap:  # the officer's long coat
        pen.ellipse((46, 54, 80), (0.5, 0.61), shoulders * 0.95, 0.17)
        body = (60, 70, 100)
    pen.ellipse(body, (0.5, 0.56), shoulders, 0.115)
    pen.ellipse(shade(body, 1.25), (0.5, 0.54), shoulders * 0.72, 0.06)
    pen.circle(TEAM, (0.5 - shoulders + 0.025, 0.555), 0.075, team=True)  # shoulder pads
    pen.circle(TEAM, (0.5 + shoulders - 0.025, 0.555), 0.075, team=True)
    if hero:
        pen.star(INK, (0.5, 0.665), 0.085)
        pen.star(GOLD, (0.5, 0.665), 0.066)
    # the gun: rifle (or long sniper rifle) held forward on the right
    gx = 0.57
    tip = 0.1 if sniper else 0.16
    pen.line(ARMOUR_LIGHT, (0.5 + shoulders - 0.04, 0.58), (gx + 0.005, 0.45), 0.065)  # right arm
    pen.line(ARMOUR_LIGHT, (0.5 - shoulders + 0.04, 0.56), (gx - 0.01, 0.34), 0.062)  # left arm
    if launcher:  # the under-barrel launcher: a fat tube
        pen.line((86, 100, 62), (gx + 0.04, 0.52), (gx + 0.04, 0.25), 0.08)
        pen.circle(INK, (gx + 0.04, 0.25), 0.03)
    pen.line(GUN, (gx, 0.62), (gx, tip), 0.05 if not sniper else 0.042)
    pen.line(GUN_LIGHT, (gx, 0.6), (gx, tip + 0.08), 0.015)
    if sniper:
        pen.rect(INK, gx - 0.04, 0.36, 0.08, 0.14)
        pen.circle(VISOR, (gx, 0.36), 0.025)
        pen.line(INK, (gx - 0.05, tip + 0.06), (gx + 0.05, tip + 0.06), 0.02)  # muzzle brake
    else:
        pen.line(INK, (gx, tip + 0.07), (gx, tip), 0.064)  # the silencer
    # head
    if cap:
        pen.circle((34, 40, 62), (0.5, 0.5), 0.092)
        pen.ellipse((34, 40, 62), (0.5, 0.43), 0.09, 0.045)
        pen.circle(GOLD, (0.5, 0.44), 0.022)
    else:
        helmet = (
            CLOAK_ELF if elf and not sniper else (shade(GHILLIE, 0.9) if sniper else ARMOUR_LIGHT)
        )
        if elf:  # long pointed ears out of the hood
            for sx in (-1, 1):
                pen.poly(
                    (232, 200, 170),
                    [(0.5 + sx * 0.06, 0.46), (0.5 + sx * 0.21, 0.52), (0.5 + sx * 0.06, 0.535)],
                )
        pen.circle(helmet, (0.5, 0.5), 0.09)
        pen.circle(shade(helmet, 1.22), (0.49, 0.49), 0.05)
        pen.ellipse(VISOR, (0.5, 0.43), 0.056, 0.026)


def u_marine(pen, rng):
    human(pen, rng)


def u_elf(pen, rng):
    human(pen, rng, elf=True)


def u_sniper(pen, rng):
    human(pen, rng, sniper=True)


def u_elf_sniper(pen, rng):
    human(pen, rng, sniper=True, elf=True, cloak=(96, 112, 74))


def u_davis(pen, rng):
    human(pen, rng, launcher=True, hero=True, cape=(150, 40, 36))
    pen.line((200, 200, 210), (0.42, 0.7), (0.36, 0.64), 0.02)  # the knife on his pack


def u_waller(pen, rng):
    human(pen, rng, cap=True, hero=True, cape=(40, 60, 130))


def u_sotari(pen, rng):
    human(pen, rng, elf=True, hair=True, hero=True, cloak=(226, 226, 236))


def u_arlana(pen, rng):
    human(pen, rng, launcher=True, antenna=True, hero=True, cape=(70, 120, 60))


def u_scout_mech(pen, rng):
    black = (34, 36, 42)
    for sx in (-1, 1):  # digitigrade legs splayed back
        hip = (0.5 + sx * 0.1, 0.56)
        knee = (0.5 + sx * 0.26, 0.62)
        foot = (0.5 + sx * 0.22, 0.84)
        pen.polyline(shade(black, 1.4), [hip, knee, foot], 0.06)
        pen.ellipse(shade(black, 1.6), foot, 0.06, 0.035)
    pen.ellipse(black, (0.5, 0.52), 0.15, 0.2)
    pen.ellipse(shade(black, 1.5), (0.5, 0.5), 0.1, 0.13)
    pen.rect(TEAM, 0.475, 0.46, 0.05, 0.22, team=True)
    pen.line(GUN, (0.64, 0.5), (0.64, 0.22), 0.04)
    pen.line(shade(black, 1.4), (0.58, 0.5), (0.64, 0.5), 0.04)
    pen.circle(shade(black, 1.2), (0.5, 0.33), 0.075)
    pen.ellipse(VISOR, (0.5, 0.3), 0.05, 0.025)
    pen.circle(WHITE, (0.5, 0.3), 0.012)
    pen.line(INK, (0.42, 0.4), (0.34, 0.3), 0.015)  # sensor whisker


def u_combat_mech(pen, rng):
    metal = (80, 88, 96)
    for sx in (-1, 1):  # feet behind
        pen.rect(shade(metal, 0.6), 0.5 + sx * 0.14 - 0.07, 0.7, 0.14, 0.2)
    for sx in (-1, 1):  # rocket pods (team plates) on the shoulders
        x = 0.5 + sx * 0.28
        pen.rect(TEAM, x - 0.1, 0.33, 0.2, 0.3, team=True)
        pen.rect(TEAM_DARK, x - 0.1, 0.57, 0.2, 0.06, team=True)
        for i in range(2):
            for j in range(3):
                pen.circle(INK, (x - 0.045 + i * 0.09, 0.39 + j * 0.07), 0.028)
    pen.rect(shade(metal, 0.7), 0.3, 0.36, 0.4, 0.36)
    pen.rect(metal, 0.32, 0.36, 0.36, 0.32)
    pen.rect(shade(metal, 1.25), 0.36, 0.5, 0.28, 0.12)
    pen.poly((56, 136, 156), [(0.38, 0.36), (0.62, 0.36), (0.58, 0.46), (0.42, 0.46)])  # cockpit
    pen.poly((150, 226, 240), [(0.41, 0.37), (0.5, 0.37), (0.47, 0.41), (0.42, 0.41)])
    for sx in (-1, 1):  # hip gatlings
        x = 0.5 + sx * 0.17
        pen.circle(GUN, (x, 0.6), 0.055)
        for k in (-1, 0, 1):
            pen.line(
                GUN_LIGHT if k == 0 else GUN, (x + k * 0.022, 0.58), (x + k * 0.022, 0.1), 0.02
            )
        pen.rect(INK, x - 0.045, 0.12, 0.09, 0.03)


def u_truck(pen, rng):
    cab = (82, 92, 72)
    for y in (0.22, 0.62, 0.8):  # wheels
        for sx in (-1, 1):
            pen.rect(INK, 0.5 + sx * 0.23 - 0.05, y - 0.07, 0.1, 0.14)
    pen.rect(shade(cab, 0.7), 0.27, 0.06, 0.46, 0.88)
    pen.rect(cab, 0.29, 0.08, 0.42, 0.28)
    pen.rect((70, 150, 170), 0.32, 0.1, 0.36, 0.07)  # windscreen
    pen.rect(shade(cab, 1.2), 0.32, 0.2, 0.36, 0.12)
    pen.rect(TEAM, 0.29, 0.38, 0.42, 0.54, team=True)  # the canvas over the bed
    for k in range(5):
        pen.line(
            TEAM_DARK, (0.29, 0.42 + k * 0.11), (0.71, 0.42 + k * 0.11), 0.02, team=True, cap=False
        )
    pen.circle((250, 240, 190), (0.34, 0.075), 0.025)
    pen.circle((250, 240, 190), (0.66, 0.075), 0.025)


def lizard(
    pen: Pen, rng, *, frill=False, lamp=False, pauldrons=False, long_gun=False, helmet=False
):
    """A Calendrea warrior from above, facing up: snout forward, tail behind."""
    # tail, curving a little
    pen.poly(
        SKIN_DARK,
        [
            (0.44, 0.6),
            (0.56, 0.6),
            (0.56, 0.72),
            (0.53, 0.8),
            (0.51, 0.86),
            (0.49, 0.8),
            (0.45, 0.7),
        ],
    )
    pen.line(SKIN, (0.5, 0.62), (0.51, 0.78), 0.03)
    pen.ellipse(SKIN_DARK, (0.5, 0.55), 0.19, 0.135)
    pen.ellipse(SKIN, (0.5, 0.54), 0.17, 0.115)
    pen.ellipse(TEAM, (0.5, 0.58), 0.12, 0.075, team=True)  # back plate of hide armour
    pen.ellipse(TEAM_DARK, (0.5, 0.6), 0.07, 0.03, team=True)
    for k in range(3):  # spines
        y = 0.5 + k * 0.06
        pen.poly(BONE, [(0.48, y), (0.52, y), (0.5, y - 0.05)])
    if pauldrons:
        for sx in (-1, 1):
            pen.poly(
                TEAM,
                [
                    (0.5 + sx * 0.1, 0.46),
                    (0.5 + sx * 0.26, 0.48),
                    (0.5 + sx * 0.24, 0.62),
                    (0.5 + sx * 0.12, 0.6),
                ],
                team=True,
            )
    gx = 0.6
    tip = 0.12 if long_gun else 0.18
    pen.line(SKIN_LIGHT, (0.64, 0.56), (gx, 0.44), 0.058)  # arms
    pen.line(SKIN_LIGHT, (0.36, 0.55), (gx - 0.02, 0.32), 0.055)
    pen.line(CAL_GUN, (gx, 0.6), (gx, tip), 0.06)
    pen.line(shade(CAL_GUN, 1.6), (gx, 0.56), (gx, tip + 0.08), 0.018)
    pen.circle(CAL_GLOW, (gx, tip), 0.026)
    if lamp:
        pen.circle(INK, (0.33, 0.4), 0.05)
        pen.circle((255, 236, 150), (0.33, 0.4), 0.035)
    if frill:  # a sentry's crest fanned behind the head
        pts = [(0.5, 0.44)] + [
            (0.5 + 0.16 * math.cos(math.radians(a)), 0.44 + 0.12 * math.sin(math.radians(a)))
            for a in range(190, 351, 20)
        ]
        pen.poly((186, 84, 60), [(x, 0.88 - y) for x, y in pts])
        for a in range(200, 341, 35):
            pen.line(
                shade((186, 84, 60), 0.6),
                (0.5, 0.44),
                (0.5 + 0.14 * math.cos(math.radians(a)), 0.44 - 0.1 * math.sin(math.radians(a))),
                0.012,
            )
    # head: a long snout forward
    pen.ellipse(SKIN_DARK, (0.5, 0.36), 0.078, 0.125)
    pen.ellipse(SKIN, (0.5, 0.355), 0.064, 0.11)
    if helmet:
        pen.ellipse(HIDE, (0.5, 0.4), 0.075, 0.065)
        pen.poly(BONE, [(0.48, 0.36), (0.52, 0.36), (0.5, 0.28)])
    pen.circle(EYE, (0.455, 0.33), 0.02)
    pen.circle(EYE, (0.545, 0.33), 0.02)
    pen.circle(INK, (0.455, 0.33), 0.008)
    pen.circle(INK, (0.545, 0.33), 0.008)
    pen.circle(SKIN_DARK, (0.48, 0.26), 0.01)
    pen.circle(SKIN_DARK, (0.52, 0.26), 0.01)


def u_soldier(pen, rng):
    lizard(pen, rng)


def u_sentry(pen, rng):
    lizard(pen, rng, frill=True, lamp=True)


def u_tower_guard(pen, rng):
    lizard(pen, rng, pauldrons=True, long_gun=True, helmet=True)


def u_brute(pen, rng):
    """The 2x2 brute: a hulking back, small head, huge claws, a bladed tail."""
    hide = (70, 102, 60)
    # tail with its blade
    pen.poly(
        shade(hide, 0.8),
        [(0.82, 1.3), (1.18, 1.3), (1.12, 1.6), (1.02, 1.8), (0.98, 1.8), (0.88, 1.6)],
    )
    pen.poly((196, 200, 210), [(0.92, 1.76), (1.08, 1.76), (1.0, 1.97)])
    pen.poly(shade((196, 200, 210), 0.7), [(1.0, 1.76), (1.08, 1.76), (1.0, 1.97)])
    for sx in (-1, 1):  # legs
        pen.ellipse(shade(hide, 0.7), (1.0 + sx * 0.36, 1.32), 0.16, 0.2)
        for k in (-1, 0, 1):
            pen.poly(
                BONE,
                [
                    (1.0 + sx * 0.36 + k * 0.06 - 0.02, 1.48),
                    (1.0 + sx * 0.36 + k * 0.06 + 0.02, 1.48),
                    (1.0 + sx * 0.36 + k * 0.07, 1.56),
                ],
            )
    pen.ellipse(shade(hide, 0.75), (1.0, 1.06), 0.56, 0.44)
    pen.ellipse(hide, (1.0, 1.02), 0.52, 0.4)
    pen.ellipse(shade(hide, 1.2), (1.0, 0.86), 0.44, 0.2)  # the hump of the shoulders
    pen.rect(TEAM, 0.54, 1.06, 0.92, 0.1, team=True)  # harness
    pen.rect(TEAM_DARK, 0.54, 1.14, 0.92, 0.02, team=True)
    for k in range(6):  # spine ridge
        y = 0.76 + k * 0.1
        pen.poly(BONE, [(0.95, y + 0.05), (1.05, y + 0.05), (1.0, y - 0.06)])
    for sx in (-1, 1):  # arms and claws
        sh = (1.0 + sx * 0.42, 0.86)
        hand = (1.0 + sx * 0.5, 0.36)
        pen.line(shade(hide, 0.7), sh, hand, 0.24)
        pen.line(shade(hide, 1.1), sh, hand, 0.17)
        for k in (-1, 0, 1):
            base = (hand[0] + k * 0.07, hand[1] - 0.06)
            pen.poly(
                BONE,
                [
                    (base[0] - 0.03, base[1]),
                    (base[0] + 0.03, base[1]),
                    (base[0] + k * 0.03, base[1] - 0.17),
                ],
            )
    pen.ellipse(shade(hide, 0.7), (1.0, 0.6), 0.15, 0.18)
    pen.ellipse(shade(hide, 1.05), (1.0, 0.58), 0.13, 0.155)
    pen.circle(EYE, (0.955, 0.52), 0.018)
    pen.circle(EYE, (1.045, 0.52), 0.018)
    pen.poly(BONE, [(0.93, 0.45), (0.97, 0.45), (0.95, 0.41)])
    pen.poly(BONE, [(1.03, 0.45), (1.07, 0.45), (1.05, 0.41)])


def u_land_transport(pen, rng):
    hull = CAL_METAL
    for sx in (-1, 1):  # tracks
        x = 0.5 + sx * 0.25
        pen.rect(INK, x - 0.07, 0.14, 0.14, 0.8)
        for k in range(10):
            pen.line(
                (70, 70, 66),
                (x - 0.06, 0.17 + k * 0.08),
                (x + 0.06, 0.17 + k * 0.08),
                0.02,
                cap=False,
            )
    pts = [
        (0.5, 0.04),
        (0.7, 0.18),
        (0.71, 0.86),
        (0.6, 0.95),
        (0.4, 0.95),
        (0.29, 0.86),
        (0.3, 0.18),
    ]
    pen.poly(shade(hull, 0.6), shifted(pts, 0.01, 0.015))
    pen.poly(hull, pts)
    pen.poly(
        TEAM,
        [(0.5, 0.12), (0.62, 0.22), (0.62, 0.3), (0.5, 0.24), (0.38, 0.3), (0.38, 0.22)],
        team=True,
    )
    pen.poly(shade(hull, 1.25), [(0.36, 0.38), (0.64, 0.38), (0.62, 0.84), (0.38, 0.84)])
    pen.circle(shade(hull, 0.7), (0.5, 0.5), 0.08)
    pen.circle(shade(hull, 1.1), (0.5, 0.5), 0.06)
    pen.circle(shade(hull, 0.7), (0.5, 0.72), 0.06)
    pen.line(TEAM, (0.5, 0.84), (0.5, 0.93), 0.06, team=True)
    pen.circle(CAL_GLOW, (0.42, 0.12), 0.02)
    pen.circle(CAL_GLOW, (0.58, 0.12), 0.02)


def u_drop_ship(pen, rng):
    hull = (118, 122, 96)
    wing = [(0.5, 0.06), (0.95, 0.78), (0.62, 0.7), (0.5, 0.86), (0.38, 0.7), (0.05, 0.78)]
    pen.poly(shade(hull, 0.6), shifted(wing, 0.01, 0.015))
    pen.poly(hull, wing)
    pen.poly(TEAM, [(0.2, 0.62), (0.3, 0.56), (0.36, 0.66)], team=True)
    pen.poly(TEAM, [(0.8, 0.62), (0.7, 0.56), (0.64, 0.66)], team=True)
    pen.ellipse(shade(hull, 1.25), (0.5, 0.48), 0.1, 0.36)
    pen.ellipse((60, 150, 170), (0.5, 0.24), 0.05, 0.08)
    pen.ellipse((170, 236, 246), (0.49, 0.22), 0.02, 0.035)
    for sx in (-1, 1):
        pen.circle(INK, (0.5 + sx * 0.13, 0.78), 0.06)
        pen.circle((255, 170, 70), (0.5 + sx * 0.13, 0.78), 0.04)
        pen.circle((255, 240, 200), (0.5 + sx * 0.13, 0.78), 0.018)


def u_generic(pen, rng):
    pen.circle(ARMOUR, (0.5, 0.5), 0.22)
    pen.circle(TEAM, (0.5, 0.5), 0.12, team=True)
    pen.poly(INK, [(0.5, 0.18), (0.56, 0.3), (0.44, 0.3)])


# infantry are drawn larger than the stand so their shapes read at 32 px
FIGURE_ZOOM = {
    "marine": 1.45,
    "elf": 1.45,
    "sniper": 1.4,
    "elf_sniper": 1.4,
    "davis": 1.45,
    "waller": 1.45,
    "sotari": 1.45,
    "arlana": 1.45,
    "soldier": 1.42,
    "sentry": 1.42,
    "tower_guard": 1.42,
    "scout_mech": 1.15,
}

UNIT_PAINTERS: dict[str, Callable] = {
    "marine": u_marine,
    "elf": u_elf,
    "sniper": u_sniper,
    "elf_sniper": u_elf_sniper,
    "davis": u_davis,
    "waller": u_waller,
    "sotari": u_sotari,
    "arlana": u_arlana,
    "scout_mech": u_scout_mech,
    "combat_mech": u_combat_mech,
    "truck": u_truck,
    "soldier": u_soldier,
    "sentry": u_sentry,
    "tower_guard": u_tower_guard,
    "brute": u_brute,
    "land_transport": u_land_transport,
    "drop_ship": u_drop_ship,
}


def paint_unit(type_id: str, span: int, facing: int) -> tuple[np.ndarray, np.ndarray]:
    """(body, team) arrays of one unit type at one facing; the body carries the outline."""
    body = canvas(span)
    mask = pygame.Surface(body.get_size())
    mask.fill((0, 0, 0))
    seed = int.from_bytes(hashlib.sha256(type_id.encode()).digest()[:8], "little")
    rng = np.random.default_rng(seed)  # the same wobbles at every facing
    painter = UNIT_PAINTERS.get(type_id, u_generic)
    zoom = FIGURE_ZOOM.get(type_id, 1.0)
    painter(Pen(body, span, angle=facing * 45.0, mask=mask, zoom=zoom), rng)
    pen = Pen(body, span, angle=facing * 45.0, mask=mask)
    # the facing pointer: a notch on the rim of the stand, in the side's colour
    r = span * 0.5
    tip, back = span * 0.5 - r * 0.97, span * 0.5 - r * 0.8
    pen.poly(
        INK,
        [(r, tip - 0.02), (r - 0.1 * span**0.5, back + 0.02), (r + 0.1 * span**0.5, back + 0.02)],
    )
    pen.poly(
        TEAM, [(r, tip), (r - 0.07 * span**0.5, back), (r + 0.07 * span**0.5, back)], team=True
    )
    arr = to_array(body)
    m = pygame.surfarray.array_red(mask).T.astype(np.float64) / 255.0
    team = arr.copy()
    team[..., 3] *= m
    arr = outlined(arr, 0.022)
    return arr, team


def unit_sheet(type_id: str, span: int) -> Sheet:
    """A unit type at its 8 facings: bodies on row 0, team layers on row 1."""
    sheet = Sheet(8, 2, span)
    for facing in range(8):
        body, team = paint_unit(type_id, span, facing)
        sheet.put(facing, 0, body)
        sheet.put(facing, 1, team)
    return sheet


def make_units(writer: Writer, units: dict[str, dict]) -> None:
    entries = {}
    for type_id, spec in units.items():
        span = int(spec.get("size", 1))
        sheet = unit_sheet(type_id, span)
        writer.sheet(f"units/{type_id}.png", sheet)
        entries[type_id] = {"file": f"units/{type_id}.png", "span": span, "facings": 8}
    writer.manifest["units"] = entries


BASE_SHAPES = ("round", "angular")
PATTERNS = 4


def paint_base(shape: str, pattern: int, span: int) -> np.ndarray:
    surf = canvas(span)
    pen = Pen(surf, span)
    c = span / 2
    r = span * 0.47

    def outline_pts(rr: float) -> list[Pt]:
        if shape == "round":
            return [
                (c + rr * math.cos(2 * math.pi * i / 64), c + rr * math.sin(2 * math.pi * i / 64))
                for i in range(64)
            ]
        return [(c, c - rr), (c + rr, c), (c, c + rr), (c - rr, c)]  # a diamond

    ring = 0.06 * span**0.5
    pen.poly(alpha(INK, 150), shifted(outline_pts(r), 0.02, 0.03))
    pen.poly(INK, outline_pts(r + 0.015))
    pen.poly(TEAM, outline_pts(r))
    inner = outline_pts(r - ring * (1.4 if shape == "angular" else 1))
    pen.poly((84, 84, 84), inner)
    arr = to_array(surf)
    inside = np.zeros(arr.shape[:2], bool)
    probe = canvas(span)
    pygame.draw.polygon(probe, (255, 255, 255, 255), [(x * SS, y * SS) for x, y in inner])
    inside = pygame.surfarray.array_alpha(probe).T > 0
    ys, xs = np.mgrid[0 : arr.shape[0], 0 : arr.shape[1]] / SS
    if pattern == 1:  # diagonal stripes
        band = ((xs + ys) * 6 / span % 1.0) < 0.45
        arr[inside & band, :3] = 200
    elif pattern == 2:  # dots
        gx, gy = (xs * 8 / span) % 1.0, (ys * 8 / span) % 1.0
        dots = (gx - 0.5) ** 2 + (gy - 0.5) ** 2 < 0.09
        arr[inside & dots, :3] = 210
    elif pattern == 3:  # a second inner ring
        d = np.hypot(xs - c, ys - c) if shape == "round" else (np.abs(xs - c) + np.abs(ys - c))
        band = (d > r * 0.55) & (d < r * 0.68)
        arr[inside & band, :3] = 220
    arr[inside, 3] = 150  # the middle of the stand is see-through
    return arr


def make_bases(writer: Writer) -> None:
    for span, name in ((1, "bases.png"), (2, "bases2.png")):
        sheet = Sheet(PATTERNS, len(BASE_SHAPES), span)
        for row, shape in enumerate(BASE_SHAPES):
            for p in range(PATTERNS):
                sheet.put(p, row, paint_base(shape, p, span))
        writer.sheet(name, sheet)
    writer.manifest["bases"] = {
        "shapes": list(BASE_SHAPES),
        "patterns": PATTERNS,
        "files": {"1": "bases.png", "2": "bases2.png"},
    }


# === objects ==================================================================================
def o_generator(pen: Pen, rng, state: int) -> None:
    metal = (84, 92, 84) if state < 2 else (44, 40, 38)
    pen.rect(alpha(INK, 120), 0.16, 0.18, 0.76, 0.74)
    pen.rect(shade(metal, 0.6), 0.1, 0.12, 0.8, 0.78)
    pen.rect(metal, 0.12, 0.12, 0.76, 0.72)
    for k in range(5):  # cooling fins
        pen.line(
            shade(metal, 0.7), (0.16, 0.56 + k * 0.06), (0.84, 0.56 + k * 0.06), 0.02, cap=False
        )
    pen.circle(shade(metal, 0.5), (0.38, 0.34), 0.17)
    blade = (160, 166, 160) if state < 2 else (70, 64, 60)
    for k in range(5):
        a = math.radians(k * 72 + 10)
        pen.line(blade, (0.38, 0.34), (0.38 + 0.14 * math.cos(a), 0.34 + 0.14 * math.sin(a)), 0.035)
    pen.circle(INK, (0.38, 0.34), 0.04)
    # coils and the status lamp
    coil = (230, 150, 50) if state == 0 else (100, 70, 50)
    for k in range(3):
        pen.rect(coil, 0.62, 0.22 + k * 0.07, 0.2, 0.04)
    lamp = {0: (90, 255, 120), 1: (255, 70, 50), 2: (40, 30, 30)}[state]
    pen.circle(INK, (0.76, 0.46), 0.045)
    pen.circle(lamp, (0.76, 0.46), 0.032)
    pen.rect(GOLD, 0.14, 0.84, 0.72, 0.03)
    if state == 2:  # wrecked: scorch and cracks
        pen.ellipse(alpha(INK, 150), (0.5, 0.5), 0.42, 0.38, wobble=blobby(rng, 20, 0.2))
        for _ in range(4):
            a = rng.uniform(0, 2 * math.pi)
            pen.line(
                (230, 120, 40),
                (0.5, 0.5),
                (0.5 + 0.3 * math.cos(a), 0.5 + 0.3 * math.sin(a)),
                0.015,
            )


def o_spotlight(pen: Pen, rng, state: int) -> None:
    # drawn facing up; rotated per direction by the Pen
    pen.circle(INK, (0.5, 0.56), 0.2)
    pen.circle((96, 100, 104), (0.5, 0.56), 0.17)
    pen.circle((60, 62, 66), (0.5, 0.56), 0.08)
    body = (120, 124, 128) if state != 2 else (70, 68, 66)
    pen.poly(INK, [(0.34, 0.52), (0.66, 0.52), (0.72, 0.2), (0.28, 0.2)])
    pen.poly(body, [(0.37, 0.5), (0.63, 0.5), (0.68, 0.22), (0.32, 0.22)])
    lens = {0: (255, 246, 200), 1: (54, 58, 70), 2: (40, 40, 44)}[state]
    pen.ellipse(lens, (0.5, 0.2), 0.2, 0.055)
    if state == 0:
        pen.ellipse(WHITE, (0.5, 0.19), 0.12, 0.025)
    if state == 2:
        pen.line((180, 190, 200), (0.38, 0.2), (0.52, 0.16), 0.012)
        pen.line((180, 190, 200), (0.5, 0.22), (0.62, 0.18), 0.012)


def o_charge(pen: Pen, rng, state: int) -> None:
    pen.rect(alpha(INK, 120), 0.3, 0.3, 0.46, 0.46)
    pen.poly(INK, [(0.24, 0.26), (0.76, 0.26), (0.7, 0.74), (0.3, 0.74)])
    pen.poly((96, 104, 70), [(0.27, 0.29), (0.73, 0.29), (0.68, 0.71), (0.32, 0.71)])
    pen.poly((120, 130, 86), [(0.32, 0.33), (0.68, 0.33), (0.5, 0.52)])
    pen.rect(GOLD, 0.3, 0.6, 0.4, 0.05)
    led = (255, 40, 30) if state == 0 else (90, 20, 20)
    pen.circle(INK, (0.62, 0.42), 0.05)
    pen.circle(led, (0.62, 0.42), 0.035)
    pen.polyline((200, 60, 40), [(0.5, 0.72), (0.56, 0.82), (0.46, 0.88), (0.54, 0.96)], 0.018)


def o_crate(pen: Pen, rng, state: int) -> None:
    wood = (118, 110, 64)
    pen.rect(alpha(INK, 120), 0.2, 0.22, 0.7, 0.7)
    pen.rect(shade(wood, 0.6), 0.14, 0.14, 0.72, 0.72)
    pen.rect(wood, 0.17, 0.17, 0.66, 0.66)
    pen.line(shade(wood, 0.65), (0.2, 0.2), (0.8, 0.8), 0.05)
    pen.line(shade(wood, 0.65), (0.8, 0.2), (0.2, 0.8), 0.05)
    pen.rect(shade(wood, 1.2), 0.17, 0.17, 0.66, 0.05)
    pen.rect(GOLD, 0.42, 0.42, 0.16, 0.16)


def o_marker(pen: Pen, rng, state: int) -> None:
    cyan = (90, 230, 250)
    pen.circle(alpha(cyan, 70), (0.5, 0.5), 0.44)
    pen.arc(cyan, (0.5, 0.5), 0.38, 0, 360, 0.03, n=48)
    pen.arc(shade(cyan, 0.8), (0.5, 0.5), 0.26, 0, 360, 0.02, n=36)
    pen.poly(INK, [(0.5, 0.3), (0.7, 0.5), (0.5, 0.7), (0.3, 0.5)])
    pen.poly(GOLD, [(0.5, 0.34), (0.66, 0.5), (0.5, 0.66), (0.34, 0.5)])
    pen.poly(shade(GOLD, 1.2), [(0.5, 0.34), (0.66, 0.5), (0.5, 0.5)])


def o_transport_wreck(pen: Pen, rng, state: int) -> None:
    burnt = (52, 48, 44)
    pen.ellipse(alpha(INK, 140), (0.5, 0.52), 0.42, 0.44, wobble=blobby(rng, 20, 0.15))
    pen.poly(shade(burnt, 0.7), [(0.3, 0.08), (0.72, 0.1), (0.74, 0.9), (0.28, 0.92)])
    pen.poly(burnt, [(0.32, 0.1), (0.68, 0.12), (0.7, 0.86), (0.3, 0.88)])
    for _ in range(6):
        x, y = rng.uniform(0.3, 0.7), rng.uniform(0.15, 0.85)
        pen.circle(
            (160, 70, 30) if rng.random() < 0.4 else (90, 84, 80), (x, y), rng.uniform(0.02, 0.05)
        )
    pen.line((120, 110, 100), (0.34, 0.3), (0.66, 0.36), 0.03)


def o_unknown(pen: Pen, rng, state: int) -> None:
    pen.rect(INK, 0.25, 0.25, 0.5, 0.5)
    pen.rect((140, 120, 200), 0.28, 0.28, 0.44, 0.44)
    glyph_q(pen, (0.5, 0.5), 0.2, WHITE)


OBJECTS: dict[str, tuple[Callable, list[str], bool]] = {
    # kind: (painter, states (rows), rotates with a direction)
    "spotlight": (o_spotlight, ["on", "off", "broken"], True),
    "generator": (o_generator, ["running", "off", "wrecked"], False),
    "charge": (o_charge, ["armed", "blink"], False),
    "crate": (o_crate, ["normal"], False),
    "marker": (o_marker, ["normal"], False),
    "transport_wreck": (o_transport_wreck, ["normal"], False),
    "unknown": (o_unknown, ["normal"], False),
}


def make_objects(writer: Writer) -> None:
    entries = {}
    for kind, (painter, states, rotates) in OBJECTS.items():
        cols = 8 if rotates else 1
        sheet = Sheet(cols, len(states))
        for row in range(len(states)):
            for col in range(cols):
                surf = canvas(1)
                seed = int.from_bytes(
                    hashlib.sha256(f"{kind}/{row}".encode()).digest()[:8], "little"
                )
                painter(Pen(surf, 1, angle=col * 45.0), np.random.default_rng(seed), row)
                sheet.put(col, row, outlined(to_array(surf), 0.012))
        writer.sheet(f"objects/{kind}.png", sheet)
        entries[kind] = {"file": f"objects/{kind}.png", "states": states, "directions": cols}
    writer.manifest["objects"] = entries


# === status icons =============================================================================
def glyph_q(pen: Pen, c: Pt, r: float, colour: Colour) -> None:
    pts = [
        (
            c[0] + r * 0.55 * math.cos(math.radians(a)),
            c[1] - r * 0.35 + r * 0.5 * math.sin(math.radians(a)),
        )
        for a in range(200, 451, 25)
    ]
    pts.append((c[0], c[1] + r * 0.35))
    pen.polyline(colour, pts, r * 0.32)
    pen.circle(colour, (c[0], c[1] + r * 0.85), r * 0.2)


def glyph_bang(pen: Pen, c: Pt, r: float, colour: Colour) -> None:
    pen.poly(
        colour,
        [
            (c[0] - r * 0.2, c[1] - r),
            (c[0] + r * 0.2, c[1] - r),
            (c[0] + r * 0.11, c[1] + r * 0.4),
            (c[0] - r * 0.11, c[1] + r * 0.4),
        ],
    )
    pen.circle(colour, (c[0], c[1] + r * 0.8), r * 0.19)


def eye(pen: Pen, c: Pt, r: float, colour: Colour, pupil: Colour = INK, closed=False) -> None:
    upper = [
        (c[0] + r * math.cos(math.radians(a)), c[1] + r * 0.62 * math.sin(math.radians(a)))
        for a in range(180, 361, 15)
    ]
    if closed:
        pen.polyline(colour, [(x, 2 * c[1] - y) for x, y in upper], r * 0.2)
        for k in (-1, 0, 1):
            x = c[0] + k * r * 0.5
            pen.line(colour, (x, c[1] + r * 0.45), (x + k * r * 0.15, c[1] + r * 0.75), r * 0.14)
        return
    lower = [
        (c[0] + r * math.cos(math.radians(a)), c[1] + r * 0.62 * math.sin(math.radians(a)))
        for a in range(0, 181, 15)
    ]
    pen.poly(colour, upper + lower)
    pen.circle(pupil, c, r * 0.38)
    pen.circle(colour, (c[0] - r * 0.12, c[1] - r * 0.12), r * 0.1)


def s_unaware(pen, c, r):
    eye(pen, c, r * 0.8, (150, 190, 220), closed=True)


def s_suspicious(pen, c, r):
    glyph_q(pen, c, r * 0.75, (255, 214, 60))


def s_alert(pen, c, r):
    glyph_bang(pen, c, r * 0.78, (255, 70, 50))


def s_overwatch(pen, c, r):
    eye(pen, c, r * 0.8, (110, 220, 255))
    for a in (0, 90, 180, 270):
        x, y = math.cos(math.radians(a)), math.sin(math.radians(a))
        pen.line(
            (110, 220, 255),
            (c[0] + x * r * 0.82, c[1] + y * r * 0.82),
            (c[0] + x * r, c[1] + y * r),
            r * 0.14,
        )


def s_bleeding(pen, c, r):
    pts = [(c[0], c[1] - r * 0.85)]
    pts += [
        (
            c[0] + r * 0.5 * math.cos(math.radians(a)),
            c[1] + r * 0.3 + r * 0.5 * math.sin(math.radians(a)),
        )
        for a in range(-30, 211, 20)
    ]
    pen.poly((235, 60, 50), pts)
    pen.circle((255, 170, 150), (c[0] - r * 0.18, c[1] + r * 0.2), r * 0.12)


def s_hamstrung(pen, c, r):
    leg = (235, 225, 200)
    pen.polyline(
        leg,
        [
            (c[0] - r * 0.2, c[1] - r * 0.8),
            (c[0] + r * 0.2, c[1]),
            (c[0] - r * 0.2, c[1] + r * 0.8),
        ],
        r * 0.22,
    )
    pen.line(
        (255, 70, 50), (c[0] - r * 0.6, c[1] - r * 0.3), (c[0] + r * 0.6, c[1] + r * 0.3), r * 0.18
    )


def s_mounted(pen, c, r):
    hump = [
        (
            c[0] + r * 0.8 * math.cos(math.radians(a)),
            c[1] + r * 0.5 + r * 0.5 * math.sin(math.radians(a)),
        )
        for a in range(180, 361, 15)
    ]
    pen.poly((120, 200, 110), hump)
    pen.circle((255, 214, 60), (c[0], c[1] - r * 0.35), r * 0.3)
    pen.line((255, 214, 60), (c[0], c[1] - r * 0.1), (c[0], c[1] + r * 0.2), r * 0.25)


def s_emp(pen, c, r):
    pen.poly(
        (110, 190, 255),
        [
            (c[0] + r * 0.15, c[1] - r),
            (c[0] - r * 0.5, c[1] + r * 0.15),
            (c[0] - r * 0.02, c[1] + r * 0.12),
            (c[0] - r * 0.2, c[1] + r),
            (c[0] + r * 0.5, c[1] - r * 0.15),
            (c[0] + r * 0.02, c[1] - r * 0.12),
        ],
    )


def s_stunned(pen, c, r):
    for a in (0, 120, 240):
        x = c[0] + r * 0.55 * math.cos(math.radians(a - 90))
        y = c[1] + r * 0.55 * math.sin(math.radians(a - 90))
        pen.star((255, 226, 90), (x, y), r * 0.42)


def s_dodging(pen, c, r):
    pen.arc((170, 240, 170), c, r * 0.6, 200, 470, r * 0.2)
    a = math.radians(470)
    tip = (c[0] + r * 0.6 * math.cos(a), c[1] + r * 0.6 * math.sin(a))
    pen.poly(
        (170, 240, 170),
        [
            (tip[0] - r * 0.35, tip[1] - r * 0.1),
            (tip[0] + r * 0.25, tip[1] - r * 0.3),
            (tip[0] + r * 0.05, tip[1] + r * 0.3),
        ],
    )


def s_tail_severed(pen, c, r):
    pen.polyline(
        (120, 200, 110),
        [
            (c[0] - r * 0.7, c[1] + r * 0.5),
            (c[0], c[1] + r * 0.2),
            (c[0] + r * 0.3, c[1] - r * 0.3),
        ],
        r * 0.25,
    )
    pen.line(
        (255, 70, 50),
        (c[0] + r * 0.05, c[1] - r * 0.8),
        (c[0] + r * 0.65, c[1] + r * 0.05),
        r * 0.16,
    )


def s_ghost(pen, c, r):
    glyph_q(pen, c, r * 0.75, (220, 220, 230))


def s_heard(pen, c, r):
    for k, rr in enumerate((0.3, 0.58, 0.86)):
        pen.arc((255, 200, 90), (c[0] - r * 0.5, c[1]), r * rr, -50, 50, r * (0.16 - k * 0.02))
    pen.circle((255, 200, 90), (c[0] - r * 0.5, c[1]), r * 0.14)


def s_hero(pen, c, r):
    pen.star(GOLD, c, r * 0.85)


def s_cargo(pen, c, r):
    pen.rect((200, 180, 120), c[0] - r * 0.6, c[1] - r * 0.45, r * 1.2, r * 0.9)
    pen.line(INK, (c[0] - r * 0.6, c[1]), (c[0] + r * 0.6, c[1]), r * 0.12)


def s_lit(pen, c, r):
    pen.circle((255, 226, 110), c, r * 0.42)
    for k in range(8):
        a = math.radians(k * 45)
        pen.line(
            (255, 226, 110),
            (c[0] + math.cos(a) * r * 0.58, c[1] + math.sin(a) * r * 0.58),
            (c[0] + math.cos(a) * r * 0.9, c[1] + math.sin(a) * r * 0.9),
            r * 0.14,
        )


def s_dark(pen, c, r):
    pen.circle((180, 190, 230), c, r * 0.7)
    pen.circle((24, 26, 34), (c[0] + r * 0.32, c[1] - r * 0.22), r * 0.62)


def s_watched(pen, c, r):
    eye(pen, c, r * 0.85, (255, 90, 70))


def s_disabled(pen, c, r):
    s_emp(pen, c, r)


STATUS: dict[str, tuple[Callable, Colour]] = {
    "unaware": (s_unaware, (110, 150, 190)),
    "suspicious": (s_suspicious, (255, 214, 60)),
    "alert": (s_alert, (255, 70, 50)),
    "overwatch": (s_overwatch, (110, 220, 255)),
    "bleeding": (s_bleeding, (235, 60, 50)),
    "hamstrung": (s_hamstrung, (255, 140, 60)),
    "mounted": (s_mounted, (120, 200, 110)),
    "emp": (s_emp, (110, 190, 255)),
    "stunned": (s_stunned, (255, 226, 90)),
    "dodging": (s_dodging, (170, 240, 170)),
    "tail_severed": (s_tail_severed, (120, 200, 110)),
    "ghost": (s_ghost, (180, 180, 190)),
    "heard": (s_heard, (255, 200, 90)),
    "hero": (s_hero, GOLD),
    "cargo": (s_cargo, (200, 180, 120)),
    "lit": (s_lit, (255, 226, 110)),
    "dark": (s_dark, (150, 160, 210)),
    "watched": (s_watched, (255, 90, 70)),
}


def make_status(writer: Writer) -> None:
    names = list(STATUS)
    sheet = Sheet(len(names), 1, ICON)
    for i, name in enumerate(names):
        painter, rim = STATUS[name]
        surf = canvas(ICON)
        pen = Pen(surf, ICON)
        c = (ICON / 2, ICON / 2)
        r = ICON / 2
        pen.circle(INK, c, r * 0.98)
        pen.circle(shade(rim, 0.55), c, r * 0.9)
        pen.circle((28, 30, 36), c, r * 0.78)
        painter(pen, c, r * 0.62)
        sheet.put(i, 0, to_array(surf))
    for size in SIZES:
        writer.write(f"{size}/status.png", png_bytes(downsample(sheet.arr, round(SS / size))))
    writer.manifest["status"] = {"file": "status.png", "names": names, "fraction": ICON}


# === effects ==================================================================================
def radial(size_px: int, colour: Colour, power: float = 2.0, peak: float = 255) -> np.ndarray:
    ys, xs = np.mgrid[0:size_px, 0:size_px]
    c = (size_px - 1) / 2
    d = np.hypot(xs - c, ys - c) / (size_px / 2)
    a = np.clip(1 - d, 0, 1) ** power * peak
    arr = np.zeros((size_px, size_px, 4))
    arr[..., :3] = colour[:3]
    arr[..., 3] = a
    return arr


def fx_explosion(frame: int, frames: int) -> np.ndarray:
    rng = np.random.default_rng(1000 + frame)
    t = (frame + 1) / frames
    surf = canvas(1)
    pen = Pen(surf)
    r = 0.18 + 0.3 * math.sqrt(t)
    smoke = (70, 64, 60, round(200 * min(1, t * 1.6)))
    if t > 0.3:
        pen.ellipse(smoke, (0.5, 0.5), r * 1.05, r * 1.05, wobble=blobby(rng, 24, 0.18))
    fire_a = max(0.0, 1 - t) ** 0.7
    if fire_a > 0.05:
        pen.ellipse(
            (255, 120, 30, round(255 * fire_a)),
            (0.5, 0.5),
            r * 0.9,
            r * 0.9,
            wobble=blobby(rng, 24, 0.22),
        )
        pen.ellipse(
            (255, 200, 80, round(255 * fire_a)),
            (0.5, 0.5),
            r * 0.6,
            r * 0.6,
            wobble=blobby(rng, 18, 0.2),
        )
        pen.ellipse(
            (255, 250, 220, round(255 * fire_a)),
            (0.5, 0.5),
            r * 0.3 * (1 - t) + 0.02,
            r * 0.3 * (1 - t) + 0.02,
        )
    for _ in range(8):  # debris sparks flying out
        a = rng.uniform(0, 2 * math.pi)
        d = r * (0.9 + 0.5 * t)
        if d < 0.48:
            pen.circle(
                (255, 220, 120, round(255 * fire_a)) if fire_a > 0.05 else (60, 56, 50, 200),
                (0.5 + d * math.cos(a), 0.5 + d * math.sin(a)),
                0.018,
            )
    return to_array(surf)


def fx_muzzle() -> np.ndarray:
    surf = canvas(1)
    pen = Pen(surf)
    pen.poly(
        (255, 190, 60, 230),
        [(0.5, 0.0), (0.62, 0.34), (0.9, 0.3), (0.64, 0.5), (0.36, 0.5), (0.1, 0.3), (0.38, 0.34)],
    )
    pen.poly((255, 250, 210), [(0.5, 0.12), (0.58, 0.38), (0.5, 0.48), (0.42, 0.38)])
    return to_array(surf)


def fx_blood(colour: Colour, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    surf = canvas(1)
    pen = Pen(surf)
    pen.ellipse(
        alpha(shade(colour, 0.7), 230),
        (0.5, 0.5),
        0.24,
        0.2,
        rot=rng.uniform(0, 180),
        wobble=blobby(rng, 24, 0.3),
    )
    pen.ellipse(
        alpha(colour, 240),
        (0.48, 0.48),
        0.18,
        0.15,
        rot=rng.uniform(0, 180),
        wobble=blobby(rng, 24, 0.3),
    )
    for _ in range(9):
        a = rng.uniform(0, 2 * math.pi)
        d = rng.uniform(0.22, 0.42)
        pen.circle(
            alpha(colour, 230),
            (0.5 + d * math.cos(a), 0.5 + d * math.sin(a)),
            rng.uniform(0.015, 0.04),
        )
    return to_array(surf)


def fx_smoke(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:SS, 0:SS] / SS
    dens = np.zeros((SS, SS))
    for _ in range(7):
        cx, cy = rng.uniform(0.25, 0.75, 2)
        s = rng.uniform(0.14, 0.24)
        dens += np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * s * s))
    dens = dens / dens.max()
    n = value_noise(rng, SS, 4, 3)
    light = 0.78 + 0.32 * n - 0.18 * (ys - 0.5)
    arr = np.zeros((SS, SS, 4))
    for i, v in enumerate((206, 208, 212)):
        arr[..., i] = np.clip(v * light, 0, 255)
    edge = np.clip(np.minimum.reduce([xs, ys, 1 - xs, 1 - ys]) * 6, 0, 1)
    arr[..., 3] = np.clip((dens * 1.4 - 0.15) * (0.75 + 0.4 * n), 0, 1) * 235 * (0.45 + 0.55 * edge)
    return arr


def fx_shadow(side: str) -> np.ndarray:
    arr = np.zeros((SS, SS, 4))
    t = np.linspace(0, 1, SS)
    fall = np.clip(1 - t / 0.42, 0, 1) ** 1.6 * 130
    if side == "n":
        arr[..., 3] = fall[:, None]
    else:
        arr[..., 3] = fall[None, :]
    arr[..., :3] = (8, 10, 16)
    return arr


def fx_spark() -> np.ndarray:
    surf = canvas(1)
    pen = Pen(surf)
    pen.star((255, 230, 140), (0.5, 0.5), 0.3, points=4, inner=0.25)
    pen.circle(WHITE, (0.5, 0.5), 0.06)
    return to_array(surf)


def fx_debris(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    surf = canvas(1)
    pen = Pen(surf)
    for _ in range(7):
        x, y = rng.uniform(0.2, 0.8, 2)
        r = rng.uniform(0.04, 0.09)
        pts = [
            (x + r * math.cos(a), y + r * math.sin(a))
            for a in np.linspace(0, 2 * math.pi, 5, endpoint=False) + rng.uniform(0, 1)
        ]
        pen.poly(shade(CONCRETE, rng.uniform(0.6, 1.0)), pts)
    return to_array(surf)


def make_effects(writer: Writer) -> None:
    frames = 8
    sheets: dict[str, Sheet] = {}
    sheet = Sheet(frames, 1)
    for f in range(frames):
        sheet.put(f, 0, fx_explosion(f, frames))
    sheets["explosion"] = sheet
    sheet = Sheet(1, 1)
    sheet.put(0, 0, fx_muzzle())
    sheets["muzzle"] = sheet
    for name, colour in (
        ("blood_red", (176, 22, 26)),
        ("blood_orange", (238, 128, 20)),
        ("oil", (30, 28, 34)),
    ):
        sheet = Sheet(3, 1)
        for k in range(3):
            sheet.put(k, 0, fx_blood(colour, 40 + k))
        sheets[name] = sheet
    sheet = Sheet(4, 1)
    for k in range(4):
        sheet.put(k, 0, fx_smoke(70 + k))
    sheets["smoke"] = sheet
    sheet = Sheet(1, 1)
    glow = radial(SS, (255, 226, 160), 1.8, 255)
    glow[..., :3] *= glow[..., 3:4] / 255 * 0.55  # premultiplied: drawn with additive blending
    glow[..., 3] = 255
    sheet.arr[:] = glow
    sheets["glow"] = sheet
    for side in ("n", "w"):
        sheet = Sheet(1, 1)
        sheet.arr[:] = fx_shadow(side)
        sheets[f"shadow_{side}"] = sheet
    sheet = Sheet(1, 1)
    sheet.put(0, 0, fx_spark())
    sheets["spark"] = sheet
    sheet = Sheet(2, 1)
    for k in range(2):
        sheet.put(k, 0, fx_debris(90 + k))
    sheets["debris"] = sheet
    entries = {}
    for name, s in sheets.items():
        writer.sheet(f"effects/{name}.png", s)
        entries[name] = {"file": f"effects/{name}.png", "cols": s.cols, "rows": s.rows}
    writer.manifest["effects"] = entries


# === the preview sheet (for people, not the game) ================================================
def make_preview(writer: Writer, terrain_ids: list[str], unit_ids: list[str]) -> None:
    """docs-like contact sheet of the art at 32 px: assets/art/preview.png."""
    size = SIZES[0]
    rows: list[np.ndarray] = []

    def load(rel: str) -> np.ndarray:
        data = ART / f"{size}/{rel}"
        surf = pygame.image.load(str(data))
        return to_array(surf)

    width = 16 * size
    for tid in terrain_ids:
        arr = load(f"terrain/{tid}.png")[:size, : 16 * size]
        row = np.zeros((size, width, 4))
        row[:, : arr.shape[1]] = arr
        rows.append(row)
    for uid in unit_ids:
        arr = load(f"units/{uid}.png")
        span = arr.shape[0] // 2
        body = arr[:span, : 8 * span]
        if span > size:  # a 2x2 unit: shrink to one row
            body = downsample(np.ascontiguousarray(body), 2)
        row = np.full((size, width, 4), (150, 140, 124, 255), np.float64)
        row[:, : body.shape[1]] = over(body, row[:, : body.shape[1]])
        rows.append(row)
    sheet = np.concatenate(rows, axis=0)
    writer.write("preview.png", png_bytes(sheet))


# === main =====================================================================================
def read_rules() -> tuple[list[str], dict[str, dict]]:
    with open(RULES / "terrain.toml", "rb") as fh:
        terrain = tomllib.load(fh)["terrain"]
    with open(RULES / "units.toml", "rb") as fh:
        units = tomllib.load(fh)["unit"]
    return list(terrain), units


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if any file would change")
    parser.add_argument("--no-preview", action="store_true")
    args = parser.parse_args(argv)
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    terrain_ids, units = read_rules()
    writer = Writer(args.check)
    make_terrain(writer, terrain_ids)
    make_units(writer, units)
    make_bases(writer)
    make_objects(writer)
    make_status(writer)
    make_effects(writer)
    manifest = json.dumps(writer.manifest, indent=1, sort_keys=True).encode() + b"\n"
    writer.write("manifest.json", manifest)
    if not args.no_preview and not args.check:
        make_preview(writer, terrain_ids, list(units))
    if args.check:
        for rel in writer.changed:
            print(f"would change: {rel}")
        if not writer.changed:
            print(f"{len(writer.written)} files up to date")
        return 1 if writer.changed else 0
    print(f"{len(writer.written)} files; {len(writer.changed)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
