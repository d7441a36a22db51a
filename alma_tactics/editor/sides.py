"""Edits of the sides: add, remove, rename; faction, colour, controller, difficulty;
the computer player's hints (`ai = { base, defend, keep, attack, wait_turns }`);
deployment zones painted on the map.

A deployment zone is a list of rectangles in the file (`deploy = [[x0, y0, x1,
y1], ...]`). The rectangle tools add or cut one; the brush paints cells, and the
zone is then written back as few rectangles as a row-by-row merge gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ..scenario.files import DEFAULT_COLOURS, OTHER_COLOURS
from .document import MapDocument, as_rect, iter_tables
from .edits import Edit, InsertItem, RemoveItem, SetValue, batch, key_position, set_key
from .things import OBJECT_ORDER, ordered, remove_tables, update

SIDE_ORDER = (
    "id",
    "name",
    "faction",
    "controller",
    "difficulty",
    "colour",
    "alertness",
    "alarm",
    "team",
    "deploy",
    "ai",
)
AI_ORDER = ("base", "defend", "keep", "attack", "wait_turns")
FACTIONS = ("alliance", "calendrea")
CONTROLLERS = ("human", "ai")
DIFFICULTIES = ("easy", "normal", "hard")
Rect = tuple[int, int, int, int]


def free_colour(doc: MapDocument, faction: str) -> str:
    """The faction's colour if no side has it yet, else the first colour nobody has."""
    taken = {str(s.get("colour", "")).lower() for _, s in iter_tables(doc, "side")}
    for colour in (DEFAULT_COLOURS.get(faction), *OTHER_COLOURS):
        if colour and colour not in taken:
            return colour
    return OTHER_COLOURS[len(doc.sides) % len(OTHER_COLOURS)]


def add_side(
    doc: MapDocument,
    faction: str = "alliance",
    *,
    side_id: str | None = None,
    name: str | None = None,
    controller: str = "human",
    difficulty: str | None = None,
    colour: str | None = None,
    **fields: Any,
) -> Edit:
    """A new side (team, alertness, alarm, deploy may be given too)."""
    ids = doc.ids("side")
    if side_id is None:
        side_id = faction if faction not in ids else doc.new_id("side", faction)
    table = {
        "id": side_id,
        "name": name or side_id.replace("_", " ").capitalize(),
        "faction": faction,
        "controller": controller,
        "difficulty": difficulty,
        "colour": colour or free_colour(doc, faction),
        **fields,
    }
    return InsertItem(("side",), None, ordered(table, SIDE_ORDER), f"Add side {side_id}")


def update_side(doc: MapDocument, ref: str | int, **changes: Any) -> Edit | None:
    """Change side keys (name, faction, controller, difficulty, colour, ...); a new
    `id` renames every reference to the side. None deletes a key."""
    label = f"Change side {doc.ids('side')[doc.index_of('side', ref)]}"
    return update(doc, "side", ref, changes, SIDE_ORDER, label, "side")


def remove_side(doc: MapDocument, ref: str | int, cascade: bool = True) -> Edit | None:
    """Remove a side; with `cascade`, its units, squads and objectives go too and its
    objects become nobody's. Triggers naming it are left for the problem list."""
    index = doc.index_of("side", ref)
    side = doc.ids("side")[index]
    label = f"Delete side {side}"
    edits: list[Edit | None] = []
    if cascade:
        units = [i for i, u in iter_tables(doc, "unit") if u.get("side") == side]
        edits.append(remove_tables(doc, "unit", units, label))
        squads = [i for i, q in iter_tables(doc, "squad") if q.get("side") == side]
        edits.append(remove_tables(doc, "squad", squads, label))
        goals = [i for i, o in iter_tables(doc, "objective") if o.get("side") == side]
        edits.append(remove_tables(doc, "objective", goals, label))
        edits += [
            set_key(doc, ("object", i), "side", None, OBJECT_ORDER, label)
            for i, o in iter_tables(doc, "object")
            if o.get("side") == side
        ]
    edits.append(RemoveItem(("side",), index, label))
    return batch(edits, label)


# --- the computer player's hints ---------------------------------------------------------------


def ai_hints(doc: MapDocument, ref: str | int) -> dict[str, Any]:
    """A side's `ai` hints table (a live dict: read it, change it with `set_ai_hints`), or {}."""
    hints = doc.find("side", ref).get("ai")
    return hints if isinstance(hints, dict) else {}


def set_ai_hints(doc: MapDocument, ref: str | int, **changes: Any) -> Edit | None:
    """Change a side's computer-player hints: `base`, `defend` (a list of areas), `keep`,
    `attack`, `wait_turns`. None (or an empty `defend`) deletes a key, keys not named are
    kept as they are (unknown ones too), and a table left empty removes `ai` itself."""
    index = doc.index_of("side", ref)
    side = doc.sides[index]
    label = f"Computer hints {doc.ids('side')[index]}"
    changes = {
        k: (None if k == "defend" and v is not None and not v else v) for k, v in changes.items()
    }
    current = side.get("ai")
    if not isinstance(current, dict):  # none yet (or not a table: the problem list says so)
        table = ordered(changes, AI_ORDER)
        if not table:
            return None
        return set_key(doc, ("side", index), "ai", table, SIDE_ORDER, label)
    left = {k: v for k, v in {**current, **changes}.items() if v is not None}
    if not left:
        return set_key(doc, ("side", index), "ai", None, SIDE_ORDER, label)
    path = ("side", index, "ai")
    return batch([set_key(doc, path, k, v, AI_ORDER, label) for k, v in changes.items()], label)


# --- deployment zones -------------------------------------------------------------------------


def normal_rect(x0: int, y0: int, x1: int, y1: int) -> list[int]:
    return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]


def deploy_zones(doc: MapDocument, ref: str | int) -> list[Rect]:
    side = doc.find("side", ref)
    rects = side.get("deploy")
    return [r for r in (as_rect(v) for v in (rects if isinstance(rects, list) else [])) if r]


def add_deploy_zone(doc: MapDocument, ref: str | int, rect: Sequence[int]) -> Edit:
    index = doc.index_of("side", ref)
    side = doc.sides[index]
    label = f"Deployment zone {doc.ids('side')[index]}"
    value = normal_rect(*rect)
    if not isinstance(side.get("deploy"), list):
        position = key_position(side, "deploy", SIDE_ORDER)
        return SetValue(("side", index, "deploy"), [value], position, label)
    return InsertItem(("side", index, "deploy"), None, value, label)


def remove_deploy_zone(doc: MapDocument, ref: str | int, zone: int) -> Edit | None:
    """Remove one rectangle of a side's zone (the last one removes `deploy`)."""
    index = doc.index_of("side", ref)
    label = f"Deployment zone {doc.ids('side')[index]}"
    if len(doc.sides[index]["deploy"]) == 1:
        return set_key(doc, ("side", index), "deploy", None, SIDE_ORDER, label)
    return RemoveItem(("side", index, "deploy"), zone, label)


def set_deploy(doc: MapDocument, ref: str | int, rects: Iterable[Sequence[int]]) -> Edit | None:
    index = doc.index_of("side", ref)
    value = [normal_rect(*r) for r in rects] or None
    label = f"Deployment zone {doc.ids('side')[index]}"
    return set_key(doc, ("side", index), "deploy", value, SIDE_ORDER, label)


def cut_deploy(doc: MapDocument, ref: str | int, rect: Sequence[int]) -> Edit | None:
    """Take a rectangle out of a side's zone (rectangles it crosses are split)."""
    cut = normal_rect(*rect)
    rects: list[list[int]] = []
    for r in deploy_zones(doc, ref):
        rects.extend(_subtract(list(r), cut))
    if rects == [list(r) for r in deploy_zones(doc, ref)]:
        return None
    return set_deploy(doc, ref, rects)


def _subtract(r: list[int], c: list[int]) -> list[list[int]]:
    x0, y0, x1, y1 = r
    if c[0] > x1 or c[2] < x0 or c[1] > y1 or c[3] < y0:
        return [r]
    parts = []
    if y0 < c[1]:
        parts.append([x0, y0, x1, c[1] - 1])
    if y1 > c[3]:
        parts.append([x0, c[3] + 1, x1, y1])
    my0, my1 = max(y0, c[1]), min(y1, c[3])
    if x0 < c[0]:
        parts.append([x0, my0, c[0] - 1, my1])
    if x1 > c[2]:
        parts.append([c[2] + 1, my0, x1, my1])
    return parts


def deploy_mask(doc: MapDocument, ref: str | int) -> np.ndarray:
    """A bool [H, W] array: the side's deployment zone (to draw it, or to paint on)."""
    mask = np.zeros((doc.height, doc.width), bool)
    for x0, y0, x1, y1 in deploy_zones(doc, ref):
        mask[max(0, y0) : y1 + 1, max(0, x0) : x1 + 1] = True
    return mask


def mask_rects(mask: np.ndarray) -> list[list[int]]:
    """A bool mask as rectangles: each row's runs, merged down while they repeat."""
    open_rects: dict[tuple[int, int], list[int]] = {}
    done: list[list[int]] = []
    height, width = mask.shape
    for y in range(height + 1):
        runs = set()
        if y < height:
            row = np.concatenate(([0], mask[y].astype(np.int8), [0]))
            edges = np.flatnonzero(np.diff(row))
            runs = {(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)}
        for run in list(open_rects):
            if run not in runs:
                done.append(open_rects.pop(run))
        for run in sorted(runs):
            if run in open_rects:
                open_rects[run][3] = y
            else:
                open_rects[run] = [run[0], y, run[1], y]
    return sorted(done, key=lambda r: (r[1], r[0]))


def paint_deploy(
    doc: MapDocument, ref: str | int, cells: tuple[np.ndarray, np.ndarray], erase: bool = False
) -> Edit | None:
    """Add (or with `erase`, remove) cells to a side's zone: the deploy brush."""
    mask = deploy_mask(doc, ref)
    xs, ys = cells
    keep = (xs >= 0) & (xs < doc.width) & (ys >= 0) & (ys < doc.height)
    xs, ys = xs[keep], ys[keep]
    if (mask[ys, xs] != erase).all():
        return None
    mask[ys, xs] = not erase
    return set_deploy(doc, ref, mask_rects(mask))
