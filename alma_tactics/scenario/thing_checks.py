"""Checks of what stands on the map: `[[object]]`s, then `[[unit]]`s.

Objects come first: they claim ids and the tiles units may not stand on
(`Checker.blocking`), and spotlights name their generators. Units are then read
one by one, and compared with each other at the end: who rides in which
transport, and who stands where.
"""

from __future__ import annotations

from typing import Any

from ..content import dotted
from ..content.schema import suggestion
from ..core.catalog import UnitType
from ..core.units import ALERTNESS
from .build import object_id, unit_id
from .checker import Checker, UnitEntry, show
from .schema import BLOCKING_OBJECTS, OBJECT_COMMON, OBJECT_KEYS, OBJECT_KINDS, UNIT_KEYS


# --- objects ------------------------------------------------------------------------------------
def check_objects(c: Checker) -> None:
    spotlights: list[tuple[tuple[str, int], dict[str, Any], dict[str, Any]]] = []
    for index, table in c.array("object"):
        path = ("object", index)
        kind = table.get("kind")
        if isinstance(kind, str) and kind in OBJECT_KINDS:
            spec = {**OBJECT_COMMON, **OBJECT_KEYS[kind]}
        else:
            spec = OBJECT_COMMON
            if isinstance(kind, str):
                c.choice(path, ("kind",), kind, OBJECT_KINDS)
                kind = None
        values = c.fields(path, table, spec)
        thing_id = object_id(table, index + 1) if isinstance(table.get("id", ""), str) else None
        if thing_id:
            c.define_thing(path, ("id",) if "id" in table else (), thing_id)
            if kind is not None:
                c.refs.objects[thing_id] = kind
        at = values.get("at")
        if at is not None and not c.on_map(at):
            c.problem(path, ("at",), f"{show(list(at))} is off the map ({c.map_size()})")
        elif at is not None and kind in BLOCKING_OBJECTS and thing_id:
            c.blocking.setdefault(at, thing_id)
        if "side" in values:
            c.side_ref(path, ("side",), values["side"])
        hp = values.get("hp")
        if hp is not None and hp < 0:
            c.problem(path, ("hp",), f"must not be negative (got {hp})")
        if kind == "generator" and "hp" not in table:
            c.problem(path, (), "a generator needs hp (at least 1): with none it is wrecked")
        elif kind == "generator" and hp == 0:
            c.problem(path, ("hp",), "a generator needs at least 1 hp: with 0 it is wrecked")
        if kind == "spotlight":
            _check_spotlight_numbers(c, path, values)
            spotlights.append((path, table, values))
    for path, table, values in spotlights:  # after every object, so a generator may come later
        _check_feed(c, path, table, values)


def _check_spotlight_numbers(c: Checker, path: tuple[str, int], values: dict[str, Any]) -> None:
    radius = values.get("radius")
    if radius is not None and radius < 1:
        c.problem(path, ("radius",), f"must be at least 1, not {radius}")
    direction = values.get("direction")
    if direction is not None and not 0 <= direction < 360:
        c.problem(path, ("direction",), f"must be degrees from 0 up to 360, not {direction}")
    cone = values.get("cone")
    if cone is not None and not 0 < cone <= 360:
        c.problem(path, ("cone",), f"must be degrees, more than 0 and at most 360, not {cone}")
    elevation = values.get("elevation")
    if elevation is not None and elevation < 0:
        c.problem(path, ("elevation",), f"must not be negative (got {elevation})")


def _check_feed(
    c: Checker, path: tuple[str, int], table: dict[str, Any], values: dict[str, Any]
) -> None:
    feed = values.get("generator")
    if feed is None:
        if values.get("self_powered") is not True and "generator" not in table:
            c.problem(
                path,
                (),
                'the spotlight is fed by no generator: add generator = "ID" '
                "(or self_powered = true for a lamp with its own power)",
            )
        return
    if values.get("self_powered") is True:
        c.problem(path, ("self_powered",), "is true, but a generator feeds it too: choose one")
    kind = c.refs.objects.get(feed)
    if kind is None:
        generators = [o for o, k in c.refs.objects.items() if k == "generator"]
        c.problem(
            path,
            ("generator",),
            f"no generator '{feed}' in the [[object]]s{suggestion(feed, generators)}",
        )
    elif kind != "generator":
        c.problem(path, ("generator",), f"'{feed}' is a {kind}, not a generator")


# --- units --------------------------------------------------------------------------------------
def check_units(c: Checker) -> None:
    for index, table in c.array("unit"):
        path = ("unit", index)
        values = c.fields(path, table, UNIT_KEYS)
        raw_id = table.get("id", "")
        unit = UnitEntry(index, table, unit_id(table, index + 1) if isinstance(raw_id, str) else "")
        if unit.id:
            c.define_thing(path, ("id",) if "id" in table else (), unit.id)
        utype = values.get("type")
        if utype is not None and c.choice(path, ("type",), utype, c.catalog.units, "unit type"):
            unit.utype = c.catalog.units[utype]
        if "side" in values and c.side_ref(path, ("side",), values["side"]):
            unit.side = values["side"]
        unit.at = values.get("at")
        if "at" not in table and "carried_by" not in table:
            c.problem(path, (), "missing required key 'at'")
        unit.carried_by = values.get("carried_by")
        facing = values.get("facing")
        if facing is not None and not 0 <= facing <= 7:
            c.problem(path, ("facing",), f"must be 0..7 (N, NE, E, SE, S, SW, W, NW), not {facing}")
        if "alertness" in values:
            c.choice(path, ("alertness",), values["alertness"], ALERTNESS)
        squad = values.get("squad")
        if squad is not None and c.choice(path, ("squad",), squad, c.refs.squads, "squad"):
            squad_side = c.refs.squads[squad]
            if unit.side and squad_side and squad_side != unit.side:
                c.problem(
                    path,
                    ("squad",),
                    f"squad '{squad}' is of side '{squad_side}', not '{unit.side}'",
                )
        if unit.utype is not None:
            for i, waypoint in enumerate(values.get("patrol", ())):
                why = c.stand_problem(unit.utype, waypoint)
                if why:
                    c.problem(path, ("patrol", i), f"waypoint {why}")
            _check_ammo(c, path, unit.utype, values.get("ammo", {}))
        c.units.append(unit)
    _check_carriers(c)
    _check_placement(c)


def _check_ammo(c: Checker, path: tuple[str, int], utype: UnitType, ammo: dict[str, int]) -> None:
    magazines = c.catalog.magazines(utype)
    for weapon, count in ammo.items():
        if weapon not in magazines:
            c.problem(
                path,
                ("ammo", weapon),
                f"{utype.id} has no weapon '{weapon}' that takes ammunition"
                f"{suggestion(weapon, magazines)}",
            )
        elif count > magazines[weapon]:
            c.problem(
                path,
                ("ammo", weapon),
                f"{count} rounds do not fit the magazine of {magazines[weapon]}",
            )


def _check_carriers(c: Checker) -> None:
    """Each rider names a transport of its side, with room for it, not itself carried."""
    by_id = {u.id: u for u in c.units if u.id}
    riders: dict[str, int] = {}
    for unit in c.units:
        if unit.carried_by is None:
            continue
        path = ("unit", unit.index)
        carrier = by_id.get(unit.carried_by)
        if carrier is None:
            transports = [u.id for u in c.units if u.utype and u.utype.capacity]
            c.problem(
                path,
                ("carried_by",),
                f"no unit '{unit.carried_by}'{suggestion(unit.carried_by, transports)}",
            )
        elif carrier is unit:
            c.problem(path, ("carried_by",), "a unit cannot carry itself")
        elif carrier.utype is not None and not carrier.utype.capacity:
            c.problem(
                path,
                ("carried_by",),
                f"'{carrier.id}' ({carrier.utype.id}) is not a transport",
            )
        elif carrier.carried_by is not None:
            c.problem(
                path,
                ("carried_by",),
                f"'{carrier.id}' is itself carried: transports do not nest",
            )
        elif unit.side and carrier.side and unit.side != carrier.side:
            c.problem(
                path,
                ("carried_by",),
                f"'{carrier.id}' belongs to side '{carrier.side}', not '{unit.side}'",
            )
        else:
            riders[carrier.id] = riders.get(carrier.id, 0) + 1
            capacity = carrier.utype.capacity if carrier.utype else None
            if capacity is not None and riders[carrier.id] == capacity + 1:
                c.problem(
                    path,
                    ("carried_by",),
                    f"'{carrier.id}' is full: a {carrier.utype.id} carries {capacity}",
                )


def _check_placement(c: Checker) -> None:
    """Units stand on the map, on ground they can stand on, apart from each other."""
    taken: dict[tuple[int, int], UnitEntry] = {}
    for unit in c.units:
        if unit.carried_by is not None or unit.at is None or unit.utype is None:
            continue
        path = ("unit", unit.index)
        why = c.stand_problem(unit.utype, unit.at)
        if why:
            c.problem(path, ("at",), why)
            continue
        size = unit.utype.size
        clashes: list[UnitEntry] = []
        for dy in range(size):
            for dx in range(size):
                tile = (unit.at[0] + dx, unit.at[1] + dy)
                other = taken.get(tile)
                if other is not None and other not in clashes:
                    clashes.append(other)
                taken.setdefault(tile, unit)
                thing = c.blocking.get(tile)
                if thing is not None and not unit.utype.flies:
                    c.problem(path, ("at",), f"stands on the {c.refs.objects[thing]} '{thing}'")
        for other in clashes:
            c.problem(
                path,
                ("at",),
                f"overlaps unit '{other.id}' ({dotted(('unit', other.index))}, "
                f"at {show(list(other.at))})",
            )
