"""Terrain tools: brush, line, rectangle, flood fill, eyedropper, erase, symmetry.

Each tool is a pure function of the document that returns a `PaintCells` edit
holding only the cells it would change (or None when it would change none);
`History.do` applies it. The `*_cells` functions give the cells a tool would
touch, as `(xs, ys)` arrays, for the screen's previews.

Symmetry (for fair hot-seat maps) is applied by the tools: with
`Symmetry.HORIZONTAL` every cell painted at x is painted at `width-1-x` too.
"""

from __future__ import annotations

import enum
from functools import lru_cache

import numpy as np

from ..core.catalog import TerrainKind
from .document import DEFAULT_KIND, MapDocument
from .edits import PaintCells

Cells = tuple[np.ndarray, np.ndarray]  # xs, ys (intp)


class Symmetry(enum.Enum):
    """How painting is mirrored across the map."""

    NONE = "none"
    HORIZONTAL = "horizontal"  # left <-> right: (x, y) and (W-1-x, y)
    VERTICAL = "vertical"  # top <-> bottom: (x, y) and (x, H-1-y)
    BOTH = "both"  # four quadrants: both mirrors and their combination
    POINT = "point"  # half-turn about the centre: (x, y) and (W-1-x, H-1-y)


class Shape(enum.Enum):
    SQUARE = "square"
    ROUND = "round"


# --- which cells ------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def brush_offsets(size: int, shape: Shape = Shape.SQUARE) -> Cells:
    """The (dx, dy) offsets of a brush `size` tiles across, about its hot spot.

    Odd sizes are centred on the hot spot; even sizes reach one further right
    and down. A round brush keeps the tiles whose centres lie within the disc.
    """
    if size < 1:
        raise ValueError(f"brush size must be at least 1, not {size}")
    lo = -((size - 1) // 2)
    span = np.arange(lo, lo + size)
    dx, dy = np.meshgrid(span, span)
    dx, dy = dx.ravel(), dy.ravel()
    if Shape(shape) is Shape.ROUND and size > 2:
        centre = lo + (size - 1) / 2
        keep = (dx - centre) ** 2 + (dy - centre) ** 2 <= (size / 2) ** 2
        dx, dy = dx[keep], dy[keep]
    dx.flags.writeable = False
    dy.flags.writeable = False
    return dx.astype(np.intp), dy.astype(np.intp)


def brush_cells(x: int, y: int, size: int = 1, shape: Shape = Shape.SQUARE) -> Cells:
    dx, dy = brush_offsets(size, Shape(shape))
    return dx + x, dy + y


def line_cells(x0: int, y0: int, x1: int, y1: int) -> Cells:
    """Bresenham's line from (x0, y0) to (x1, y1), both ends included."""
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    xs, ys = [], []
    x, y = x0, y0
    while True:
        xs.append(x)
        ys.append(y)
        if x == x1 and y == y1:
            break
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x += sx
        if e2 <= dx:
            err += dx
            y += sy
    return np.array(xs, np.intp), np.array(ys, np.intp)


def stamp(cells: Cells, size: int = 1, shape: Shape = Shape.SQUARE) -> Cells:
    """The brush of `size` put down on every cell of `cells`."""
    if size == 1:
        return cells
    dx, dy = brush_offsets(size, Shape(shape))
    xs = (cells[0][:, None] + dx[None, :]).ravel()
    ys = (cells[1][:, None] + dy[None, :]).ravel()
    return xs, ys


def rect_cells(x0: int, y0: int, x1: int, y1: int, filled: bool = True) -> Cells:
    """The cells of a rectangle between two corners (either order), or its outline."""
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    xs, ys = np.meshgrid(np.arange(x0, x1 + 1), np.arange(y0, y1 + 1))
    if not filled:
        edge = (xs == x0) | (xs == x1) | (ys == y0) | (ys == y1)
        return xs[edge].astype(np.intp), ys[edge].astype(np.intp)
    return xs.ravel().astype(np.intp), ys.ravel().astype(np.intp)


def mirror_cells(doc: MapDocument, cells: Cells, symmetry: Symmetry = Symmetry.NONE) -> Cells:
    """`cells` plus their mirror images under `symmetry`."""
    symmetry = Symmetry(symmetry)
    if symmetry is Symmetry.NONE:
        return cells
    xs, ys = cells
    fx, fy = doc.width - 1 - xs, doc.height - 1 - ys
    if symmetry is Symmetry.HORIZONTAL:
        parts = [(xs, ys), (fx, ys)]
    elif symmetry is Symmetry.VERTICAL:
        parts = [(xs, ys), (xs, fy)]
    elif symmetry is Symmetry.POINT:
        parts = [(xs, ys), (fx, fy)]
    else:
        parts = [(xs, ys), (fx, ys), (xs, fy), (fx, fy)]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def symmetric_points(
    doc: MapDocument, x: int, y: int, symmetry: Symmetry = Symmetry.NONE, size: int = 1
) -> list[tuple[int, int]]:
    """(x, y) and its mirror images (top-left tiles of a `size`-wide footprint), no repeats."""
    symmetry = Symmetry(symmetry)
    fx, fy = doc.width - size - x, doc.height - size - y
    points = [(x, y)]
    if symmetry in (Symmetry.HORIZONTAL, Symmetry.BOTH):
        points.append((fx, y))
    if symmetry in (Symmetry.VERTICAL, Symmetry.BOTH):
        points.append((x, fy))
    if symmetry in (Symmetry.POINT, Symmetry.BOTH):
        points.append((fx, fy))
    return list(dict.fromkeys(points))


def clip_cells(doc: MapDocument, cells: Cells) -> Cells:
    xs, ys = cells
    keep = (xs >= 0) & (xs < doc.width) & (ys >= 0) & (ys < doc.height)
    return xs[keep], ys[keep]


# --- the edits --------------------------------------------------------------------------------


def paint_cells(
    doc: MapDocument,
    cells: Cells,
    kind: int | str,
    symmetry: Symmetry = Symmetry.NONE,
    label: str = "Paint",
) -> PaintCells | None:
    """Paint `cells` (and their mirror images) with terrain `kind`; None if nothing changes."""
    kind = _kind_index(doc, kind)
    xs, ys = clip_cells(doc, mirror_cells(doc, cells, symmetry))
    if not len(xs):
        return None
    flat = ys * doc.width + xs
    if len(flat) > 1:
        flat = np.unique(flat)
    flat = flat[doc.terrain.reshape(-1)[flat] != kind]
    if not len(flat):
        return None
    return PaintCells(flat, np.full(len(flat), kind, np.uint8), label)


def brush(
    doc: MapDocument,
    x: int,
    y: int,
    kind: int | str,
    size: int = 1,
    shape: Shape = Shape.SQUARE,
    symmetry: Symmetry = Symmetry.NONE,
) -> PaintCells | None:
    """One dab of the brush at (x, y)."""
    return paint_cells(doc, brush_cells(x, y, size, shape), kind, symmetry, "Paint")


def line(
    doc: MapDocument,
    x0: int,
    y0: int,
    x1: int,
    y1: int,
    kind: int | str,
    size: int = 1,
    shape: Shape = Shape.SQUARE,
    symmetry: Symmetry = Symmetry.NONE,
) -> PaintCells | None:
    """A straight line of brush dabs (also what joins a fast drag's dabs)."""
    cells = stamp(line_cells(x0, y0, x1, y1), size, shape)
    return paint_cells(doc, cells, kind, symmetry, "Line")


def rectangle(
    doc: MapDocument,
    x0: int,
    y0: int,
    x1: int,
    y1: int,
    kind: int | str,
    filled: bool = True,
    symmetry: Symmetry = Symmetry.NONE,
) -> PaintCells | None:
    label = "Rectangle" if filled else "Rectangle outline"
    return paint_cells(doc, rect_cells(x0, y0, x1, y1, filled), kind, symmetry, label)


def erase(
    doc: MapDocument,
    x: int,
    y: int,
    size: int = 1,
    shape: Shape = Shape.SQUARE,
    symmetry: Symmetry = Symmetry.NONE,
) -> PaintCells | None:
    """Paint the default terrain (open ground)."""
    return paint_cells(doc, brush_cells(x, y, size, shape), DEFAULT_KIND, symmetry, "Erase")


def place_tower(
    doc: MapDocument, x: int, y: int, symmetry: Symmetry = Symmetry.NONE
) -> PaintCells | None:
    """A guard tower: towers are terrain (a platform a unit climbs), so this paints one."""
    kind = doc.catalog.terrain_by_id("tower").index
    return paint_cells(doc, brush_cells(x, y), kind, symmetry, "Guard tower")


def flood_cells(doc: MapDocument, x: int, y: int, diagonal: bool = False) -> np.ndarray:
    """Flat indexes of the region of (x, y)'s terrain kind connected to it (sorted).

    A scanline fill over one bytearray per row: spans are found with
    `bytes.find`, so a whole open 128x128 map takes about a row's work per row.
    """
    width, height = doc.width, doc.height
    if not doc.on_map(x, y):
        return np.zeros(0, np.intp)
    target = doc.terrain[y, x]
    mask = (doc.terrain == target).view(np.uint8)
    rows = [bytearray(mask[r].tobytes()) for r in range(height)]  # 1: fillable, not yet filled
    spans: list[tuple[int, int, int]] = []
    stack = [(x, y)]
    reach = 1 if diagonal else 0
    while stack:
        sx, sy = stack.pop()
        row = rows[sy]
        if not row[sx]:
            continue
        left = row.rfind(b"\x00", 0, sx) + 1
        right = row.find(b"\x00", sx)
        if right < 0:
            right = width
        row[left:right] = bytes(right - left)
        spans.append((sy, left, right))
        lo, hi = max(0, left - reach), min(width, right + reach)
        for ny in (sy - 1, sy + 1):
            if not 0 <= ny < height:
                continue
            other = rows[ny]
            i = other.find(1, lo, hi)
            while i >= 0:
                stack.append((i, ny))
                j = other.find(0, i, hi)
                if j < 0:
                    break
                i = other.find(1, j, hi)
    if not spans:
        return np.zeros(0, np.intp)
    starts = np.array([sy * width + left for sy, left, _ in spans], np.intp)
    lengths = np.array([right - left for _, left, right in spans], np.intp)
    # every span's cells at once: a running index, restarted at each span's start
    offsets = np.arange(lengths.sum(), dtype=np.intp)
    offsets -= np.repeat(np.cumsum(lengths) - lengths, lengths)
    cells = np.repeat(starts, lengths) + offsets
    cells.sort()
    return cells


def flood_fill(
    doc: MapDocument,
    x: int,
    y: int,
    kind: int | str,
    symmetry: Symmetry = Symmetry.NONE,
    diagonal: bool = False,
) -> PaintCells | None:
    """Fill the region connected to (x, y) (and its mirror images' regions) with `kind`."""
    kind = _kind_index(doc, kind)
    regions = [
        flood_cells(doc, px, py, diagonal) for px, py in symmetric_points(doc, x, y, symmetry)
    ]
    flat = regions[0] if len(regions) == 1 else np.unique(np.concatenate(regions))
    flat = flat[doc.terrain.reshape(-1)[flat] != kind]
    if not len(flat):
        return None
    return PaintCells(flat, np.full(len(flat), kind, np.uint8), "Fill")


def pick(doc: MapDocument, x: int, y: int) -> int:
    """The eyedropper: the terrain kind index at (x, y)."""
    return int(doc.terrain[y, x])


def terrain_kind(doc: MapDocument, x: int, y: int) -> TerrainKind:
    return doc.catalog.terrain[pick(doc, x, y)]


def palette(doc: MapDocument) -> tuple[TerrainKind, ...]:
    """Every terrain kind, in the rules' order (their index is what tools take)."""
    return doc.catalog.terrain


def symmetrize(doc: MapDocument, symmetry: Symmetry) -> PaintCells | None:
    """Make the map symmetric: copy the first half (left, top, or top-left quarter)
    mirrored over the rest."""
    symmetry = Symmetry(symmetry)
    if symmetry is Symmetry.NONE:
        return None
    t = doc.terrain
    h, w = t.shape
    ys, xs = np.mgrid[0:h, 0:w]
    source = np.ones((h, w), bool)
    if symmetry in (Symmetry.HORIZONTAL, Symmetry.BOTH):
        source &= xs < (w + 1) // 2
    if symmetry in (Symmetry.VERTICAL, Symmetry.BOTH):
        source &= ys < (h + 1) // 2
    if symmetry is Symmetry.POINT:
        source &= (ys * w + xs) <= ((h - 1 - ys) * w + (w - 1 - xs))
    new = t.copy()
    for sym in (
        [Symmetry.HORIZONTAL, Symmetry.VERTICAL, Symmetry.POINT]
        if symmetry is Symmetry.BOTH
        else [symmetry]
    ):
        flipped = {
            Symmetry.HORIZONTAL: new[:, ::-1],
            Symmetry.VERTICAL: new[::-1, :],
            Symmetry.POINT: new[::-1, ::-1],
        }[sym]
        mask = {
            Symmetry.HORIZONTAL: source[:, ::-1],
            Symmetry.VERTICAL: source[::-1, :],
            Symmetry.POINT: source[::-1, ::-1],
        }[sym]
        new = np.where(mask & ~source, flipped, new)
    flat = np.flatnonzero(new != t)
    if not len(flat):
        return None
    return PaintCells(flat.astype(np.intp), new.reshape(-1)[flat], "Make symmetric")


def _kind_index(doc: MapDocument, kind: int | str) -> int:
    """A terrain kind index from an index, a terrain id or a map character."""
    if isinstance(kind, str):
        by_char = doc.catalog.terrain_by_char(kind)
        return by_char.index if by_char else doc.catalog.terrain_by_id(kind).index
    if not 0 <= int(kind) < len(doc.catalog.terrain):
        raise ValueError(f"no terrain kind {kind}")
    return int(kind)
