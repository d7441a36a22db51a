"""Checks of `[[side]]` and `[[squad]]`: who plays, and the groups units belong to.

`check_sides` and `check_squads` define the side and squad ids the later checks
refer to. `check_side_hints` reads each side's `ai = { ... }` hints, which name
areas, so it runs after `script_checks.check_areas`.
"""

from __future__ import annotations

from ..core.catalog import FACTIONS
from ..core.units import ALERTNESS
from .checker import Checker
from .schema import (
    COLOUR,
    CONTROLLERS,
    DIFFICULTIES,
    SIDE_AI_KEYS,
    SIDE_KEYS,
    SQUAD_KEYS,
)


def check_sides(c: Checker) -> None:
    if not c.doc.get("side"):
        where = ("side",) if "side" in c.doc else ()
        c.problem(where, (), "a scenario needs at least one [[side]]")
    for index, table in c.array("side"):
        path = ("side", index)
        values = c.fields(path, table, SIDE_KEYS)
        side_id = values.get("id")
        if side_id is not None and c.new_id(path, "side", side_id, c.refs.sides):
            c.refs.sides[side_id] = values
        for key, allowed in (
            ("faction", FACTIONS),
            ("controller", CONTROLLERS),
            ("difficulty", DIFFICULTIES),
            ("alertness", ALERTNESS),
        ):
            if key in values:
                c.choice(path, (key,), values[key], allowed)
        colour = values.get("colour")
        if colour is not None and not COLOUR.fullmatch(colour):
            c.problem(path, ("colour",), f"must be a colour like \"#3c8cdc\", not '{colour}'")
        for i, rect in enumerate(values.get("deploy", ())):
            c.check_rect(path, ("deploy", i), rect)


def check_squads(c: Checker) -> None:
    for index, table in c.array("squad"):
        path = ("squad", index)
        values = c.fields(path, table, SQUAD_KEYS)
        side = values.get("side")
        if side is not None and not c.side_ref(path, ("side",), side):
            side = None
        squad_id = values.get("id")
        if squad_id is not None and c.new_id(path, "squad", squad_id, c.refs.squads):
            c.refs.squads[squad_id] = side


def check_side_hints(c: Checker) -> None:
    """`[[side]] ai = { base = A, defend = [A, ...], keep = N, attack = A, wait_turns = N }`."""
    for index, table in c.array("side"):
        if "ai" not in table or not isinstance(table["ai"], dict):
            continue  # a wrong type is reported with the side's other keys
        path = ("side", index)
        values = c.sub(path, ("ai",), table["ai"], SIDE_AI_KEYS)
        if values is None:
            continue
        base = values.get("base")
        if base is not None:
            c.area_ref(path, ("ai", "base"), base)
        defend = values.get("defend", [])
        seen: set[str] = set()
        for i, area in enumerate(defend):
            keys = ("ai", "defend", i)
            if not isinstance(area, str):
                c.area_ref(path, keys, area)
            elif area == base:
                c.problem(path, keys, f"'{area}' is the base itself: leave it out")
            elif area in seen:
                c.problem(path, keys, f"'{area}' is named twice")
            else:
                c.area_ref(path, keys, area)
                seen.add(area)
        keep = values.get("keep")
        if keep is not None and keep < 0:
            c.problem(path, ("ai", "keep"), f"must be a count (0 or more), not {keep}")
        attack = values.get("attack")
        if attack is not None:
            c.area_ref(path, ("ai", "attack"), attack)
        wait = values.get("wait_turns")
        if wait is not None and wait < 0:
            c.problem(path, ("ai", "wait_turns"), f"must be 0 or more, not {wait}")
