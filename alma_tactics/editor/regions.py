"""Selections and the whole map: copy / paste (between maps too), mirror and rotate a
selection, delete or move one, and resize the map keeping its content.

A `Clip` is a copied rectangle: its terrain, and the units and objects whose
top-left tile lies in it (positions relative to the rectangle). It is plain
data, independent of the document it came from, so it pastes into another map.
Rectangles are `[x0, y0, x1, y1]`, both corners included, like the file's.
"""

from __future__ import annotations

import copy
import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .document import DEFAULT_KIND, MapDocument, as_pos, as_rect, iter_tables
from .edits import Batch, Chain, Edit, InsertItem, PaintCells, ReplaceAll, batch, set_key
from .things import OBJECT_ORDER, UNIT_ORDER, pin_ids, remove_tables, things_in


class Transform(enum.Enum):
    """What mirroring or rotating does to a selection."""

    FLIP_H = "flip_h"  # mirror left <-> right
    FLIP_V = "flip_v"  # mirror top <-> bottom
    ROTATE_CW = "rotate_cw"  # a quarter turn clockwise (as seen on screen, y down)
    ROTATE_CCW = "rotate_ccw"
    ROTATE_180 = "rotate_180"

    @property
    def swaps_sides(self) -> bool:
        return self in (Transform.ROTATE_CW, Transform.ROTATE_CCW)

    def array(self, a: np.ndarray) -> np.ndarray:
        if self is Transform.FLIP_H:
            return a[:, ::-1]
        if self is Transform.FLIP_V:
            return a[::-1, :]
        if self is Transform.ROTATE_CW:
            return np.rot90(a, -1)
        if self is Transform.ROTATE_CCW:
            return np.rot90(a, 1)
        return a[::-1, ::-1]

    def point(self, lx: int, ly: int, w: int, h: int, size: int = 1) -> tuple[int, int]:
        """Where the top-left tile of a `size` footprint at (lx, ly) of a w x h box goes."""
        if self is Transform.FLIP_H:
            return w - size - lx, ly
        if self is Transform.FLIP_V:
            return lx, h - size - ly
        if self is Transform.ROTATE_CW:
            return h - size - ly, lx
        if self is Transform.ROTATE_CCW:
            return ly, w - size - lx
        return w - size - lx, h - size - ly

    def facing(self, facing: int) -> int:
        """A unit's facing (0..7 from north, clockwise) after the transform."""
        if self is Transform.FLIP_H:
            return (8 - facing) % 8
        if self is Transform.FLIP_V:
            return (4 - facing) % 8
        turn = {Transform.ROTATE_CW: 2, Transform.ROTATE_CCW: 6, Transform.ROTATE_180: 4}[self]
        return (facing + turn) % 8

    def direction(self, degrees: float) -> float:
        """A spotlight's direction (degrees, 0 east, 90 south) after the transform."""
        if self is Transform.FLIP_H:
            return (180 - degrees) % 360
        if self is Transform.FLIP_V:
            return (360 - degrees) % 360
        turn = {Transform.ROTATE_CW: 90, Transform.ROTATE_CCW: 270, Transform.ROTATE_180: 180}[self]
        return (degrees + turn) % 360


class Anchor(enum.Enum):
    """Which part of the map stays put when it is resized: (x, y) in halves."""

    TOP_LEFT = (0, 0)
    TOP = (1, 0)
    TOP_RIGHT = (2, 0)
    LEFT = (0, 1)
    CENTER = (1, 1)
    RIGHT = (2, 1)
    BOTTOM_LEFT = (0, 2)
    BOTTOM = (1, 2)
    BOTTOM_RIGHT = (2, 2)

    def offset(self, old: tuple[int, int], new: tuple[int, int]) -> tuple[int, int]:
        """How far the old content moves in the new map."""
        fx, fy = self.value
        return (new[0] - old[0]) * fx // 2, (new[1] - old[1]) * fy // 2


@dataclass
class Clip:
    """A copied rectangle: terrain [h, w] and things (positions relative to it)."""

    terrain: np.ndarray
    units: list[dict[str, Any]] = field(default_factory=list)
    objects: list[dict[str, Any]] = field(default_factory=list)
    unit_sizes: list[int] = field(default_factory=list)

    @property
    def width(self) -> int:
        return int(self.terrain.shape[1])

    @property
    def height(self) -> int:
        return int(self.terrain.shape[0])

    def transformed(self, transform: Transform) -> Clip:
        """The clip mirrored or rotated (for paste previews and stamping)."""
        w, h = self.width, self.height
        units = [
            _transformed(u, transform, w, h, s, (0, 0, w - 1, h - 1), "unit")
            for u, s in zip(self.units, self.unit_sizes, strict=True)
        ]
        objects = [
            _transformed(o, transform, w, h, 1, (0, 0, w - 1, h - 1), "object")
            for o in self.objects
        ]
        return Clip(transform.array(self.terrain).copy(), units, objects, list(self.unit_sizes))


def clip_rect(doc: MapDocument, rect: Sequence[int]) -> tuple[int, int, int, int] | None:
    """`rect` (corners in either order) cut to the map; None when it misses the map."""
    x0, y0, x1, y1 = rect
    x0, x1 = max(0, min(x0, x1)), min(doc.width - 1, max(x0, x1))
    y0, y1 = max(0, min(y0, y1)), min(doc.height - 1, max(y0, y1))
    if x0 > x1 or y0 > y1:
        return None
    return x0, y0, x1, y1


# --- copy and paste ---------------------------------------------------------------------------


def copy_region(doc: MapDocument, rect: Sequence[int], things: bool = True) -> Clip:
    """Copy a rectangle: its terrain and (with `things`) the units and objects in it,
    riders of the transports in it included."""
    box = clip_rect(doc, rect)
    if box is None:
        raise ValueError(f"{list(rect)} is off the map")
    x0, y0, x1, y1 = box
    clip = Clip(doc.terrain[y0 : y1 + 1, x0 : x1 + 1].copy())
    if not things:
        return clip
    unit_ids, object_ids = doc.unit_ids(), doc.object_ids()
    picked = things_in(doc, box)
    carriers = {unit_ids[i] for s, i in picked if s == "unit"}
    riders = [
        ("unit", i)
        for i, u in iter_tables(doc, "unit")
        if u.get("carried_by") in carriers and ("unit", i) not in picked
    ]
    for section, i in sorted(picked + riders, key=lambda p: (p[0] != "unit", p[1])):
        table = copy.deepcopy(doc.section(section)[i])
        table["id"] = (unit_ids if section == "unit" else object_ids)[i]
        table = {"id": table.pop("id"), **table}
        _shift_table(table, -x0, -y0)
        if section == "unit":
            clip.units.append(table)
            clip.unit_sizes.append(doc.unit_size(table))
        else:
            clip.objects.append(table)
    return clip


def paste(
    doc: MapDocument, clip: Clip, x: int, y: int, things: bool = True, label: str = "Paste"
) -> Edit | None:
    """Paste a clip with its top-left at (x, y): terrain cut to the map, things that
    fit. Ids already taken get fresh ones (their links inside the clip follow)."""
    edits: list[Edit | None] = [_paint_block(doc, clip.terrain, x, y, label)]
    if things:
        edits.extend(_paste_things(doc, clip, x, y, label))
    return batch(edits, label)


def _paint_block(
    doc: MapDocument, block: np.ndarray, x: int, y: int, label: str
) -> PaintCells | None:
    h, w = block.shape
    bx0, by0 = max(0, -x), max(0, -y)
    bx1, by1 = min(w, doc.width - x), min(h, doc.height - y)
    if bx0 >= bx1 or by0 >= by1:
        return None
    part = block[by0:by1, bx0:bx1]
    ys, xs = np.mgrid[by0 + y : by1 + y, bx0 + x : bx1 + x]
    flat = (ys * doc.width + xs).ravel().astype(np.intp)
    values = part.ravel()
    changed = doc.terrain.reshape(-1)[flat] != values
    if not changed.any():
        return None
    return PaintCells(flat[changed], values[changed].astype(np.uint8), label)


def _paste_things(doc: MapDocument, clip: Clip, x: int, y: int, label: str) -> list[Edit]:
    taken = doc.thing_ids()
    names: dict[str, str] = {}
    for table in (*clip.units, *clip.objects):
        old = str(table.get("id", ""))
        new = old if old and old not in taken else _fresh(old or "thing", taken)
        taken.add(new)
        names[old] = new
    squads = set(doc.ids("squad"))
    placed: set[str] = set()
    edits: list[Edit] = []
    for table, size in zip(clip.units, clip.unit_sizes, strict=True):
        if "carried_by" in table:
            continue
        unit = _placed(doc, table, x, y, size)
        if unit is not None:
            placed.add(str(table.get("id")))
            edits.append(_pasted(unit, names, squads, "unit", label))
    for table in clip.units:  # riders go with their transport
        if "carried_by" in table and table["carried_by"] in placed:
            edits.append(_pasted(copy.deepcopy(table), names, squads, "unit", label))
    for table in clip.objects:
        thing = _placed(doc, table, x, y, 1)
        if thing is not None:
            edits.append(_pasted(thing, names, squads, "object", label))
    return edits


def _placed(doc: MapDocument, table: dict[str, Any], x: int, y: int, size: int) -> dict | None:
    """A copy of `table` moved by (x, y), or None if its footprint leaves the map."""
    at = as_pos(table.get("at"))
    if (
        at is None
        or not (doc.on_map(at[0] + x, at[1] + y))
        or not doc.on_map(at[0] + x + size - 1, at[1] + y + size - 1)
    ):
        return None
    table = copy.deepcopy(table)
    _shift_table(table, x, y)
    if isinstance(table.get("patrol"), list):
        patrol = [p for p in table["patrol"] if _fits(doc, as_pos(p), size)]
        if patrol:
            table["patrol"] = patrol
        else:
            del table["patrol"]
    return table


def _fits(doc: MapDocument, at: tuple[int, int] | None, size: int) -> bool:
    return at is not None and doc.on_map(*at) and doc.on_map(at[0] + size - 1, at[1] + size - 1)


def _pasted(
    table: dict[str, Any], names: dict[str, str], squads: set[str], section: str, label: str
) -> InsertItem:
    table["id"] = names.get(str(table.get("id")), table.get("id"))
    for key in ("carried_by", "generator"):
        if key in table and table[key] in names:
            table[key] = names[table[key]]
    if section == "unit" and "squad" in table and table["squad"] not in squads:
        del table["squad"]  # a squad of the other map
    return InsertItem((section,), None, table, label)


def _fresh(old: str, taken: set[str]) -> str:
    stem = re.sub(r"\d+$", "", old) or old
    n = 1
    while f"{stem}{n}" in taken:
        n += 1
    return f"{stem}{n}"


def _shift_table(table: dict[str, Any], dx: int, dy: int) -> None:
    at = as_pos(table.get("at"))
    if at is not None:
        table["at"] = [at[0] + dx, at[1] + dy]
    if isinstance(table.get("patrol"), list):
        table["patrol"] = [[p[0] + dx, p[1] + dy] if as_pos(p) else p for p in table["patrol"]]


# --- mirror, rotate, delete, move a selection -------------------------------------------------


def transform_region(
    doc: MapDocument, rect: Sequence[int], transform: Transform, fill: int = DEFAULT_KIND
) -> Edit | None:
    """Mirror or rotate a selection in place, its things with it (positions, facings,
    spotlight directions, waypoints inside it). A rotated selection keeps its
    top-left corner; cells it leaves get `fill`. ValueError if it would leave the map.
    """
    box = clip_rect(doc, rect)
    if box is None:
        return None
    x0, y0, x1, y1 = box
    w, h = x1 - x0 + 1, y1 - y0 + 1
    nw, nh = (h, w) if transform.swaps_sides else (w, h)
    if x0 + nw > doc.width or y0 + nh > doc.height:
        raise ValueError("the rotated selection does not fit on the map")
    label = "Rotate selection" if transform.name.startswith("ROTATE") else "Mirror selection"
    bw, bh = max(w, nw), max(h, nh)
    block = doc.terrain[y0 : y0 + bh, x0 : x0 + bw].copy()
    block[:h, :w] = fill
    block[:nh, :nw] = transform.array(doc.terrain[y0 : y1 + 1, x0 : x1 + 1])
    edits: list[Edit | None] = [_paint_block(doc, block, x0, y0, label)]
    for section, i in things_in(doc, box):
        table = doc.section(section)[i]
        size = doc.unit_size(table) if section == "unit" else 1
        new = _transformed(table, transform, w, h, size, box, section, (x0, y0))
        order = UNIT_ORDER if section == "unit" else OBJECT_ORDER
        for key in ("at", "facing", "direction", "patrol"):
            if key in new and new[key] != table.get(key):
                edits.append(set_key(doc, (section, i), key, new[key], order, label))
    return batch(edits, label)


def _transformed(
    table: dict[str, Any],
    transform: Transform,
    w: int,
    h: int,
    size: int,
    box: tuple[int, int, int, int],
    section: str,
    origin: tuple[int, int] = (0, 0),
) -> dict[str, Any]:
    """A copy of a unit/object table transformed within a w x h box at `origin`."""
    ox, oy = origin
    table = copy.deepcopy(table)

    def move(p: tuple[int, int]) -> list[int]:
        lx, ly = transform.point(p[0] - ox, p[1] - oy, w, h, size)
        return [lx + ox, ly + oy]

    at = as_pos(table.get("at"))
    if at is not None:
        table["at"] = move(at)
    if section == "unit":
        facing = table.get("facing", 0)
        if type(facing) is int:
            new = transform.facing(facing)
            if new or "facing" in table:
                table["facing"] = new
        if isinstance(table.get("patrol"), list):
            table["patrol"] = [
                move(p) if (q := as_pos(p)) and _inside(q, box) else p for p in table["patrol"]
            ]
    elif table.get("kind") == "spotlight" and type(table.get("direction")) in (int, float):
        d = transform.direction(table["direction"])
        table["direction"] = int(d) if type(table["direction"]) is int else d
    elif (
        table.get("kind") == "spotlight"
        and "direction" not in table
        and table.get("cone", 360) != 360
    ):
        d = transform.direction(0)  # the default direction, which now points elsewhere
        if d:
            table["direction"] = int(d)
    return table


def _inside(p: tuple[int, int], box: Sequence[int]) -> bool:
    return box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]


def flip_region(doc: MapDocument, rect: Sequence[int], horizontal: bool = True) -> Edit | None:
    """Mirror a selection left-right (`horizontal`) or top-bottom."""
    return transform_region(doc, rect, Transform.FLIP_H if horizontal else Transform.FLIP_V)


def rotate_region(doc: MapDocument, rect: Sequence[int], clockwise: bool = True) -> Edit | None:
    return transform_region(doc, rect, Transform.ROTATE_CW if clockwise else Transform.ROTATE_CCW)


def delete_region(
    doc: MapDocument, rect: Sequence[int], things: bool = True, fill: int = DEFAULT_KIND
) -> Edit | None:
    """Clear a selection: its terrain to `fill`, and (with `things`) its units and objects."""
    box = clip_rect(doc, rect)
    if box is None:
        return None
    x0, y0, x1, y1 = box
    block = np.full((y1 - y0 + 1, x1 - x0 + 1), fill, np.uint8)
    label = "Delete selection"
    edits: list[Edit | None] = [_paint_block(doc, block, x0, y0, label)]
    if things:
        picked = things_in(doc, box)
        for section in ("unit", "object"):
            edits.append(remove_tables(doc, section, [i for s, i in picked if s == section], label))
    return batch(edits, label)


def move_region(
    doc: MapDocument, rect: Sequence[int], dx: int, dy: int, fill: int = DEFAULT_KIND
) -> Edit | None:
    """Drag a selection by (dx, dy): its terrain and things move, `fill` is left behind."""
    box = clip_rect(doc, rect)
    if box is None or (dx, dy) == (0, 0):
        return None
    clip = copy_region(doc, box)
    return Chain(
        (
            lambda d: delete_region(d, box, fill=fill),
            lambda d: paste(d, clip, box[0] + dx, box[1] + dy),
        ),
        "Move selection",
    )


# --- the whole map ----------------------------------------------------------------------------


def resize(
    doc: MapDocument,
    width: int,
    height: int,
    anchor: Anchor = Anchor.TOP_LEFT,
    fill: int = DEFAULT_KIND,
) -> Edit | None:
    """Resize the map, keeping its content at `anchor` (new tiles get `fill`).

    Everything moves with the terrain: units, patrols, objects, areas, deployment
    zones, reinforcement tiles. Units and objects that fall off the map are
    removed (with the riders of a removed transport); areas are cut to the map
    (one that falls off entirely shrinks to the nearest edge tile), deployment
    rectangles are cut or dropped, and reinforcement tiles are pulled onto it.
    """
    dx, dy = Anchor(anchor).offset(doc.size, (width, height))
    return shift_map(doc, width, height, dx, dy, fill)


def crop(doc: MapDocument, rect: Sequence[int]) -> Edit | None:
    """Cut the map down to a selection."""
    box = clip_rect(doc, rect)
    if box is None:
        return None
    x0, y0, x1, y1 = box
    return shift_map(doc, x1 - x0 + 1, y1 - y0 + 1, -x0, -y0)


def shift_map(
    doc: MapDocument, width: int, height: int, dx: int, dy: int, fill: int = DEFAULT_KIND
) -> Edit | None:
    """The map resized to width x height with its old content moved by (dx, dy)."""
    if not (1 <= width <= 1024 and 1 <= height <= 1024):
        raise ValueError(f"a map is 1..1024 tiles a side, not {width}x{height}")
    if (width, height, dx, dy) == (doc.width, doc.height, 0, 0):
        return None
    terrain = np.full((height, width), fill, np.uint8)
    old_h, old_w = doc.terrain.shape
    sx0, sy0 = max(0, -dx), max(0, -dy)
    sx1, sy1 = min(old_w, width - dx), min(old_h, height - dy)
    if sx0 < sx1 and sy0 < sy1:
        terrain[sy0 + dy : sy1 + dy, sx0 + dx : sx1 + dx] = doc.terrain[sy0:sy1, sx0:sx1]
    data = _shifted_data(doc, width, height, dx, dy)
    return ReplaceAll(terrain, data, "Resize map")


def _shifted_data(doc: MapDocument, width: int, height: int, dx: int, dy: int) -> dict[str, Any]:
    def on(x: int, y: int, size: int = 1) -> bool:
        return x >= 0 and y >= 0 and x + size <= width and y + size <= height

    def clamp(p: Sequence[int]) -> list[int]:
        return [min(max(p[0], 0), width - 1), min(max(p[1], 0), height - 1)]

    removed: dict[str, list[int]] = {"unit": [], "object": []}
    gone_ids: set[str] = set()
    unit_ids, object_ids = doc.unit_ids(), doc.object_ids()
    for section, ids in (("unit", unit_ids), ("object", object_ids)):
        for i, table in iter_tables(doc, section):
            at = as_pos(table.get("at"))
            size = doc.unit_size(table) if section == "unit" else 1
            if (
                at is not None
                and "carried_by" not in table
                and not on(at[0] + dx, at[1] + dy, size)
            ):
                removed[section].append(i)
                gone_ids.add(ids[i])
    for i, table in iter_tables(doc, "unit"):  # riders of a transport that is gone
        if table.get("carried_by") in gone_ids and i not in removed["unit"]:
            removed["unit"].append(i)
    scratch = MapDocument(doc.catalog, doc.terrain, copy.deepcopy(doc.data))
    for section in ("unit", "object"):  # keep the default ids of the rest
        Batch(tuple(pin_ids(scratch, section, removed[section]))).apply(scratch)
    data = scratch.data
    for section in ("unit", "object"):
        tables = data.get(section)
        if not isinstance(tables, list):
            continue
        kept = []
        for i, table in enumerate(tables):
            if i in removed[section]:
                continue
            if isinstance(table, dict):
                _shift_table(table, dx, dy)
                if isinstance(table.get("patrol"), list):
                    size = doc.unit_size(table)
                    patrol = [p for p in table["patrol"] if not as_pos(p) or on(*as_pos(p), size)]
                    if patrol:
                        table["patrol"] = patrol
                    else:
                        del table["patrol"]
            kept.append(table)
        data[section] = kept
    for area in data.get("area", []):
        rect = as_rect(area.get("rect")) if isinstance(area, dict) else None
        if rect is not None:
            moved = (rect[0] + dx, rect[1] + dy, rect[2] + dx, rect[3] + dy)
            area["rect"] = clamp(moved[:2]) + clamp(moved[2:])
    for side in data.get("side", []):
        if not isinstance(side, dict) or not isinstance(side.get("deploy"), list):
            continue
        zones = []
        for value in side["deploy"]:
            rect = as_rect(value)
            if rect is None:
                zones.append(value)
                continue
            x0, y0 = max(rect[0] + dx, 0), max(rect[1] + dy, 0)
            x1, y1 = min(rect[2] + dx, width - 1), min(rect[3] + dy, height - 1)
            if x0 <= x1 and y0 <= y1:
                zones.append([x0, y0, x1, y1])
        if zones:
            side["deploy"] = zones
        else:
            del side["deploy"]
    for trigger in data.get("trigger", []):
        for effect in trigger.get("then", []) if isinstance(trigger, dict) else []:
            spec = effect.get("reinforce") if isinstance(effect, dict) else None
            for unit in spec.get("units", []) if isinstance(spec, dict) else []:
                at = as_pos(unit.get("at")) if isinstance(unit, dict) else None
                if at is not None:
                    unit["at"] = clamp((at[0] + dx, at[1] + dy))
    return data
