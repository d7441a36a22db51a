"""Edits of what stands on the map: units (kit, ammo, squads, patrols, transports) and
objects (spotlights, generators, charges, crates, markers).

Every function returns an edit (or None when nothing would change) for
`History.do`. Units and objects are named by id (their own or the default
`u3`/`o2`) or by index. New ones get an explicit id, so deleting one never
renumbers the others; deleting one also pins the default ids of those after it,
for the same reason. Renaming an id renames every reference to it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..scenario.build import object_id, unit_id
from .document import MapDocument, as_pos, iter_tables
from .edits import (
    MISSING,
    Edit,
    InsertItem,
    RemoveItem,
    SetValue,
    batch,
    key_position,
    plain,
    set_key,
)
from .refs import rename_edits

UNIT_ORDER = (
    "id",
    "type",
    "side",
    "at",
    "facing",
    "name",
    "squad",
    "alertness",
    "patrol",
    "ammo",
    "inventory",
    "carried_by",
)
OBJECT_ORDER = (
    "id",
    "kind",
    "at",
    "side",
    "hp",
    "on",
    "label",
    "radius",
    "direction",
    "cone",
    "elevation",
    "generator",
    "self_powered",
    "contents",
)
SQUAD_ORDER = ("id", "side", "name")
OBJECT_KINDS = ("spotlight", "generator", "charge", "crate", "marker")
DEFAULT_IDS = {"unit": unit_id, "object": object_id}


# --- shared -----------------------------------------------------------------------------------


def ordered(table: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    """`table` with None values dropped and keys in `order` (unknown keys last)."""
    known = [k for k in order if k in table]
    rest = [k for k in table if k not in order]
    return {k: plain(table[k]) for k in (*known, *rest) if table[k] is not None}


def update(
    doc: MapDocument,
    section: str,
    ref: str | int,
    changes: Mapping[str, Any],
    order: Sequence[str],
    label: str,
    ref_kind: str | None = None,
) -> Edit | None:
    """Set (None: delete) keys of a section's table; an `id` change renames references."""
    index = doc.index_of(section, ref)
    path = (section, index)
    edits: list[Edit | None] = []
    for key, value in changes.items():
        if key == "id" and ref_kind is not None:
            old = doc.ids(section)[index]
            if value and value != old:
                edits.extend(rename_edits(doc, ref_kind, old, value))
        edits.append(set_key(doc, path, key, plain(value), order, label))
    return batch(edits, label)


def pin_ids(doc: MapDocument, section: str, removed: Iterable[int]) -> list[Edit]:
    """Give the tables after the first removed one their default id explicitly, so
    removing tables does not renumber the rest (`u5` stays `u5`)."""
    removed = set(removed)
    if not removed or section not in DEFAULT_IDS:
        return []
    edits: list[Edit] = []
    for i, table in iter_tables(doc, section):
        if i > min(removed) and i not in removed and "id" not in table:
            edits.append(SetValue((section, i, "id"), DEFAULT_IDS[section](table, i + 1), 0))
    return edits


def remove_tables(doc: MapDocument, section: str, refs: Iterable[str | int], label: str):
    indexes = sorted({doc.index_of(section, r) for r in refs})
    if not indexes:
        return None
    edits: list[Edit] = pin_ids(doc, section, indexes)
    edits += [RemoveItem((section,), i, label) for i in reversed(indexes)]
    return batch(edits, label)


# --- units ------------------------------------------------------------------------------------


def add_unit(
    doc: MapDocument,
    type_id: str,
    side: str,
    x: int,
    y: int,
    *,
    facing: int | None = None,
    unit_id: str | None = None,
    **fields: Any,
) -> Edit:
    """A new unit of `type_id` for `side` with its top-left tile at (x, y).

    `fields` are any other unit keys: name, squad, alertness, patrol, ammo,
    inventory, carried_by (docs/scenario-format.md).
    """
    table = {
        "id": unit_id or doc.new_id("unit", type_id),
        "type": type_id,
        "side": side,
        "at": [x, y],
        "facing": facing,
        **fields,
    }
    return InsertItem(("unit",), None, ordered(table, UNIT_ORDER), f"Add {type_id}")


def unit_images(
    doc: MapDocument,
    side: str,
    x: int,
    y: int,
    symmetry: str,
    size: int = 1,
    facing: int | None = None,
) -> list[tuple[str, int, int, int]]:
    """Where the mirror images of a unit placed at (x, y) go under `symmetry` (a
    `painting.Symmetry` value), as (side, x, y, facing), the placed unit not included.

    For a fair map: with one mirror (horizontal, vertical or point) on a map of exactly
    two sides the image is the other side's; otherwise (four quadrants, or more sides)
    it is the same side's. Its facing is mirrored too (no facing is north, 0); an image
    that would fall on the placed unit's own tile (the map's centre line) is left out.
    """
    fx, fy = doc.width - size - x, doc.height - size - y
    mirrors = {  # symmetry -> [(position, facing rule)]
        "horizontal": [((fx, y), lambda f: (8 - f) % 8)],
        "vertical": [((x, fy), lambda f: (4 - f) % 8)],
        "point": [((fx, fy), lambda f: (f + 4) % 8)],
    }
    mirrors["both"] = mirrors["horizontal"] + mirrors["vertical"] + mirrors["point"]
    sides = doc.ids("side")
    other = side
    if symmetry != "both" and len(sides) == 2 and side in sides:
        other = sides[1] if side == sides[0] else sides[0]
    images: list[tuple[str, int, int, int]] = []
    seen = {(x, y)}
    for pos, turn in mirrors.get(symmetry, []):
        if pos in seen:
            continue
        seen.add(pos)
        images.append((other, pos[0], pos[1], turn(facing or 0)))
    return images


def unit_label(doc: MapDocument, ref: str | int) -> str:
    return doc.unit_ids()[doc.index_of("unit", ref)]


def update_unit(doc: MapDocument, ref: str | int, **changes: Any) -> Edit | None:
    """Change unit keys (`name="Davis"`, `ammo={...}`, `inventory={...}`, `id=...`);
    None deletes a key."""
    label = f"Change {unit_label(doc, ref)}"
    return update(doc, "unit", ref, changes, UNIT_ORDER, label, "thing")


def move_unit(doc: MapDocument, ref: str | int, x: int, y: int) -> Edit | None:
    return update(doc, "unit", ref, {"at": [x, y]}, UNIT_ORDER, f"Move {unit_label(doc, ref)}")


def face_unit(doc: MapDocument, ref: str | int, facing: int) -> Edit | None:
    """Face 0..7 (N, NE, E, SE, S, SW, W, NW)."""
    label = f"Turn {unit_label(doc, ref)}"
    return update(doc, "unit", ref, {"facing": facing % 8}, UNIT_ORDER, label)


def turn_unit(doc: MapDocument, ref: str | int, steps: int = 1) -> Edit | None:
    """Turn by `steps` eighths clockwise (the rotate tool)."""
    facing = doc.find("unit", ref).get("facing", 0)
    return face_unit(doc, ref, (facing if type(facing) is int else 0) + steps)


def set_kit(doc: MapDocument, ref: str | int, inventory: Mapping[str, int] | None) -> Edit | None:
    """The unit's inventory overrides (`{emp = 2}`), added to its type's kit."""
    return update_unit(doc, ref, inventory=dict(inventory) if inventory else None)


def set_ammo(doc: MapDocument, ref: str | int, ammo: Mapping[str, int] | None) -> Edit | None:
    """Rounds in each weapon's magazine (`{assault_rifle = 30}`)."""
    return update_unit(doc, ref, ammo=dict(ammo) if ammo else None)


def remove_unit(doc: MapDocument, ref: str | int) -> Edit | None:
    return remove_tables(doc, "unit", [ref], f"Delete {unit_label(doc, ref)}")


def remove_units(doc: MapDocument, refs: Iterable[str | int]) -> Edit | None:
    return remove_tables(doc, "unit", refs, "Delete units")


def board(doc: MapDocument, ref: str | int, transport: str) -> Edit | None:
    """Put a unit in a transport (`carried_by`): it starts inside, not on the map."""
    return update(
        doc,
        "unit",
        ref,
        {"carried_by": transport, "at": None},
        UNIT_ORDER,
        f"Board {unit_label(doc, ref)}",
    )


def unboard(doc: MapDocument, ref: str | int, x: int, y: int) -> Edit | None:
    return update(
        doc,
        "unit",
        ref,
        {"carried_by": None, "at": [x, y]},
        UNIT_ORDER,
        f"Unload {unit_label(doc, ref)}",
    )


# --- patrols ----------------------------------------------------------------------------------


def add_waypoint(
    doc: MapDocument, ref: str | int, x: int, y: int, index: int | None = None
) -> Edit | None:
    """A patrol waypoint (the route tool: each click adds one), at the end or at `index`."""
    i = doc.index_of("unit", ref)
    unit = doc.units[i]
    label = f"Patrol {doc.unit_ids()[i]}"
    patrol = unit.get("patrol")
    if not isinstance(patrol, list):
        position = key_position(unit, "patrol", UNIT_ORDER)
        return SetValue(("unit", i, "patrol"), [[x, y]], position, label)
    return InsertItem(("unit", i, "patrol"), index, [x, y], label)


def move_waypoint(doc: MapDocument, ref: str | int, index: int, x: int, y: int) -> Edit | None:
    i = doc.index_of("unit", ref)
    if as_pos(doc.units[i]["patrol"][index]) == (x, y):
        return None
    return SetValue(("unit", i, "patrol", index), [x, y], None, f"Patrol {doc.unit_ids()[i]}")


def remove_waypoint(doc: MapDocument, ref: str | int, index: int) -> Edit | None:
    """Remove a waypoint; removing the last one removes the patrol."""
    i = doc.index_of("unit", ref)
    label = f"Patrol {doc.unit_ids()[i]}"
    if len(doc.units[i]["patrol"]) == 1:
        return SetValue(("unit", i, "patrol"), MISSING, None, label)
    return RemoveItem(("unit", i, "patrol"), index, label)


def set_patrol(
    doc: MapDocument, ref: str | int, points: Sequence[Sequence[int]] | None
) -> Edit | None:
    label = f"Patrol {unit_label(doc, ref)}"
    value = [list(p) for p in points] if points else None
    return update(doc, "unit", ref, {"patrol": value}, UNIT_ORDER, label)


# --- squads -----------------------------------------------------------------------------------


def add_squad(
    doc: MapDocument, side: str, *, name: str | None = None, squad_id: str | None = None
) -> Edit:
    squad_id = squad_id or doc.new_id("squad", "squad")
    table = ordered({"id": squad_id, "side": side, "name": name}, SQUAD_ORDER)
    return InsertItem(("squad",), None, table, f"Add squad {squad_id}")


def update_squad(doc: MapDocument, ref: str | int, **changes: Any) -> Edit | None:
    """Change a squad's name or side; a new `id` renames its units' `squad` too."""
    label = f"Change squad {doc.ids('squad')[doc.index_of('squad', ref)]}"
    return update(doc, "squad", ref, changes, SQUAD_ORDER, label, "squad")


def remove_squad(doc: MapDocument, ref: str | int) -> Edit | None:
    """Remove a squad; its units stay, in no squad."""
    index = doc.index_of("squad", ref)
    squad = doc.ids("squad")[index]
    label = f"Delete squad {squad}"
    edits: list[Edit | None] = [
        set_key(doc, ("unit", i), "squad", None, UNIT_ORDER, label)
        for i, unit in iter_tables(doc, "unit")
        if unit.get("squad") == squad
    ]
    edits.append(RemoveItem(("squad",), index, label))
    return batch(edits, label)


def assign_squad(doc: MapDocument, refs: Iterable[str | int], squad: str | None) -> Edit | None:
    """Put units in `squad` (None: in no squad)."""
    label = f"Squad {squad}" if squad else "Leave squad"
    edits = [
        set_key(doc, ("unit", doc.index_of("unit", r)), "squad", squad, UNIT_ORDER, label)
        for r in refs
    ]
    return batch(edits, label)


def group_units(
    doc: MapDocument,
    refs: Sequence[str | int],
    *,
    name: str | None = None,
    squad_id: str | None = None,
) -> Edit | None:
    """A new squad of the first unit's side holding `refs` (one undoable step)."""
    if not refs:
        return None
    side = doc.find("unit", refs[0]).get("side", "")
    squad_id = squad_id or doc.new_id("squad", "squad")
    add = add_squad(doc, side, name=name, squad_id=squad_id)
    label = f"Group into {squad_id}"
    return batch([add, assign_squad(doc, refs, squad_id)], label)


# --- objects ----------------------------------------------------------------------------------


def add_object(
    doc: MapDocument, kind: str, x: int, y: int, *, object_id: str | None = None, **fields: Any
) -> Edit:
    """A new object of `kind` (spotlight, generator, charge, crate, marker) at (x, y).

    `fields` are the kind's keys: `label`, `side`, `hp`, `on`; spotlights'
    `radius`, `direction`, `cone`, `elevation`, `generator`/`self_powered`;
    crates' `contents`.
    """
    stem = {"spotlight": "lamp", "generator": "gen"}.get(kind, kind)
    table = {"id": object_id or doc.new_id("object", stem), "kind": kind, "at": [x, y], **fields}
    return InsertItem(("object",), None, ordered(table, OBJECT_ORDER), f"Add {kind}")


def add_spotlight(
    doc: MapDocument,
    x: int,
    y: int,
    *,
    direction: float = 0,
    cone: float = 90,
    radius: int = 6,
    generator: str | None = None,
    self_powered: bool | None = None,
    **fields: Any,
) -> Edit:
    """A spotlight (direction in degrees, 0 east, 90 south; cone width in degrees),
    fed by `generator` (see `nearest_generator`) or `self_powered`."""
    return add_object(
        doc,
        "spotlight",
        x,
        y,
        radius=radius,
        direction=direction,
        cone=cone,
        generator=generator,
        self_powered=self_powered,
        **fields,
    )


def add_generator(doc: MapDocument, x: int, y: int, *, hp: int = 20, **fields: Any) -> Edit:
    return add_object(doc, "generator", x, y, hp=hp, **fields)


def add_charge(doc: MapDocument, x: int, y: int, **fields: Any) -> Edit:
    return add_object(doc, "charge", x, y, **fields)


def add_crate(
    doc: MapDocument, x: int, y: int, contents: Mapping[str, int] | None = None, **fields: Any
) -> Edit:
    return add_object(doc, "crate", x, y, contents=dict(contents) if contents else None, **fields)


def add_marker(doc: MapDocument, x: int, y: int, label: str, **fields: Any) -> Edit:
    """An objective marker (its `label` is shown to players)."""
    return add_object(doc, "marker", x, y, label=label, **fields)


def object_label(doc: MapDocument, ref: str | int) -> str:
    return doc.object_ids()[doc.index_of("object", ref)]


def update_object(doc: MapDocument, ref: str | int, **changes: Any) -> Edit | None:
    """Change object keys (`direction=90`, `cone=60`, `label=...`, `id=...`); None deletes."""
    label = f"Change {object_label(doc, ref)}"
    return update(doc, "object", ref, changes, OBJECT_ORDER, label, "thing")


def move_object(doc: MapDocument, ref: str | int, x: int, y: int) -> Edit | None:
    label = f"Move {object_label(doc, ref)}"
    return update(doc, "object", ref, {"at": [x, y]}, OBJECT_ORDER, label)


def aim_light(
    doc: MapDocument, ref: str | int, direction: float, cone: float | None = None
) -> Edit | None:
    changes: dict[str, Any] = {"direction": direction % 360}
    if cone is not None:
        changes["cone"] = cone
    return update(doc, "object", ref, changes, OBJECT_ORDER, f"Aim {object_label(doc, ref)}")


def link_light(doc: MapDocument, light: str | int, generator: str) -> Edit | None:
    """Feed a spotlight from a generator (drops `self_powered`)."""
    label = f"Link {object_label(doc, light)} to {generator}"
    changes = {"generator": generator, "self_powered": None}
    return update(doc, "object", light, changes, OBJECT_ORDER, label)


def unlink_light(doc: MapDocument, light: str | int, self_powered: bool = False) -> Edit | None:
    """Cut a spotlight from its generator (optionally giving it its own power)."""
    label = f"Unlink {object_label(doc, light)}"
    changes = {"generator": None, "self_powered": True if self_powered else None}
    return update(doc, "object", light, changes, OBJECT_ORDER, label)


def remove_object(doc: MapDocument, ref: str | int) -> Edit | None:
    return remove_tables(doc, "object", [ref], f"Delete {object_label(doc, ref)}")


def remove_objects(doc: MapDocument, refs: Iterable[str | int]) -> Edit | None:
    return remove_tables(doc, "object", refs, "Delete objects")


def nearest_generator(doc: MapDocument, x: int, y: int) -> str | None:
    """The id of the generator closest to (x, y), or None (a default for new lights)."""
    best: tuple[int, str] | None = None
    ids = doc.object_ids()
    for i, table in iter_tables(doc, "object"):
        at = as_pos(table.get("at"))
        if table.get("kind") == "generator" and at is not None:
            d = (at[0] - x) ** 2 + (at[1] - y) ** 2
            if best is None or d < best[0]:
                best = (d, ids[i])
    return best[1] if best else None


def lights_of(doc: MapDocument, generator: str) -> list[str]:
    """The ids of the spotlights a generator feeds (to draw the links)."""
    ids = doc.object_ids()
    return [
        ids[i]
        for i, t in iter_tables(doc, "object")
        if t.get("kind") == "spotlight" and t.get("generator") == generator
    ]


# --- finding things on the map ----------------------------------------------------------------


def footprint(doc: MapDocument, unit: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The tiles a unit covers (none for a rider or a unit without a place)."""
    at = as_pos(unit.get("at"))
    if at is None or "carried_by" in unit:
        return []
    size = doc.unit_size(unit)
    return [(at[0] + dx, at[1] + dy) for dy in range(size) for dx in range(size)]


def things_at(doc: MapDocument, x: int, y: int) -> list[tuple[str, int]]:
    """`(section, index)` of the units covering (x, y) and the objects on it,
    the last drawn (on top) first: what a click there picks."""
    found = [("unit", i) for i, u in iter_tables(doc, "unit") if (x, y) in footprint(doc, u)]
    found += [("object", i) for i, o in iter_tables(doc, "object") if as_pos(o.get("at")) == (x, y)]
    return list(reversed(found))


def things_in(doc: MapDocument, rect: Sequence[int]) -> list[tuple[str, int]]:
    """`(section, index)` of the units and objects whose top-left tile is in `rect`."""
    x0, y0, x1, y1 = rect
    found = []
    for section in ("unit", "object"):
        for i, table in iter_tables(doc, section):
            at = as_pos(table.get("at"))
            inside = at is not None and x0 <= at[0] <= x1 and y0 <= at[1] <= y1
            if inside and "carried_by" not in table:
                found.append((section, i))
    return found


def copy_table(table: Mapping[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(dict(table))
