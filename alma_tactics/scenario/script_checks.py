"""Checks of the scenario's script: `[[area]]`s, `[[objective]]`s, `[[trigger]]`s, `[story]`.

Areas are checked early (sides' AI hints and triggers name them); objectives,
triggers and the story last, since they refer to everything else. A trigger's
`when` conditions and `then` effects are one-key tables, each checked by kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..content.schema import suggestion
from ..content.toml_source import PathPart
from ..core.units import ALERTNESS
from .checker import MISSING, Checker, show
from .schema import (
    AREA_KEYS,
    CONDITIONS,
    CONTROLLERS,
    EFFECTS,
    LOSS_KINDS,
    OBJECTIVE_KEYS,
    OBJECTIVE_KINDS,
    OBJECTIVE_STATUSES,
    REINFORCEMENT_KEYS,
    STORY_KEYS,
    TRIGGER_KEYS,
    Spec,
)

Keys = tuple[PathPart, ...]


def check_areas(c: Checker) -> None:
    for index, table in c.array("area"):
        path = ("area", index)
        values = c.fields(path, table, AREA_KEYS)
        if "rect" in values:
            c.check_rect(path, ("rect",), values["rect"])
        area_id = values.get("id")
        if area_id is not None and c.new_id(path, "area", area_id, c.refs.areas):
            c.refs.areas.add(area_id)


def check_objectives(c: Checker) -> None:
    for index, table in c.array("objective"):
        path = ("objective", index)
        values = c.fields(path, table, OBJECTIVE_KEYS)
        if "kind" in values:
            c.choice(path, ("kind",), values["kind"], OBJECTIVE_KINDS)
        if "side" in values:
            c.side_ref(path, ("side",), values["side"])
        goal = values.get("id")
        if goal is not None and c.new_id(path, "objective", goal, c.refs.objectives):
            c.refs.objectives.add(goal)


# --- triggers -----------------------------------------------------------------------------------
def check_triggers(c: Checker) -> None:
    triggers = list(c.array("trigger"))
    # reinforcements' own ids may be named by `destroyed`, so collect them first
    for index, table in triggers:
        for keys, thing in _reinforcement_ids(table):
            path = ("trigger", index)
            c.define_thing(path, keys, thing)
            c.refs.reinforcements.add(thing)
            if table.get("once", True) is False:
                c.problem(
                    path,
                    keys,
                    "a trigger with once = false may fire again, and a second unit "
                    "cannot take the same id: leave the id out",
                )
    for index, table in triggers:
        path = ("trigger", index)
        values = c.fields(path, table, TRIGGER_KEYS)
        trigger_id = values.get("id")
        if trigger_id is not None and c.new_id(path, "trigger", trigger_id, c.refs.triggers):
            c.refs.triggers.add(trigger_id)
        for key, kinds, check in (
            ("when", CONDITIONS, _check_condition),
            ("then", EFFECTS, _check_effect),
        ):
            items = values.get(key)
            if items is None:
                continue
            if not items:
                what = "condition (e.g. { turn = 1 })" if key == "when" else "effect"
                c.problem(path, (key,), f"needs at least one {what}")
            for j, item in enumerate(items):
                _check_step(c, path, (key, j), item, kinds, check)


def _check_step(
    c: Checker,
    path: tuple[str, int],
    keys: tuple[str, int],
    item: Any,
    kinds: Sequence[str],
    check: Callable[[Checker, tuple[str, int], Keys, str, Any], None],
) -> None:
    """One condition or effect: a table with one known key, then its argument."""
    what = "condition" if keys[0] == "when" else "effect"
    if not isinstance(item, dict) or len(item) != 1:
        example = "{ turn = 5 }" if what == "condition" else '{ message = "..." }'
        c.problem(path, keys, f"each {what} is a table with one key, like {example}")
        return
    ((kind, arg),) = item.items()
    if kind not in kinds:
        listed = ", ".join(kinds)
        c.problem(
            path,
            (*keys, kind),
            f"unknown {what} '{kind}'{suggestion(kind, kinds)} (one of: {listed})",
        )
        return
    check(c, path, (*keys, kind), kind, arg)


def _refs_in(c: Checker, path: tuple[str, int], keys: Keys, values: dict[str, Any]) -> None:
    """Check the usual references of an argument: side, area."""
    if "side" in values:
        c.side_ref(path, (*keys, "side"), values["side"])
    if "area" in values:
        c.area_ref(path, (*keys, "area"), values["area"])


def _check_condition(c: Checker, path: tuple[str, int], keys: Keys, kind: str, arg: Any) -> None:
    if kind == "turn":
        turn = c.value(path, keys, arg, "int")
        if turn is not MISSING and turn < 1:
            c.problem(path, keys, f"must be a turn number (1 or more), not {turn}")
    elif kind in ("enters", "held"):
        spec: Spec = {"side": ("str", True), "area": ("str", True)}
        if kind == "held":
            spec["turns"] = ("int", True)
        values = c.sub(path, keys, arg, spec)
        if values is not None:
            _refs_in(c, path, keys, values)
            turns = values.get("turns")
            if turns is not None and turns < 1:
                c.problem(path, (*keys, "turns"), f"must be at least 1, not {turns}")
    elif kind == "destroyed":
        if c.value(path, keys, arg, "str") is MISSING:
            return
        if arg not in c.refs.reinforcements:  # a reinforcement's id may be named too
            c.choice(path, keys, arg, c.refs.things, "unit or object")
    elif kind in ("alarm", "no_units"):
        c.side_ref(path, keys, arg)
    elif kind == "attacked":
        c.area_ref(path, keys, arg)


def _check_effect(c: Checker, path: tuple[str, int], keys: Keys, kind: str, arg: Any) -> None:
    if kind == "message":
        c.value(path, keys, arg, "str")
    elif kind in ("victory", "defeat"):
        c.side_ref(path, keys, arg)
    elif kind == "controller":
        values = c.sub(path, keys, arg, {"side": ("str", True), "to": ("str", True)})
        if values is not None:
            _refs_in(c, path, keys, values)
            if "to" in values:
                c.choice(path, (*keys, "to"), values["to"], CONTROLLERS)
    elif kind == "alertness":
        values = c.sub(path, keys, arg, {"side": ("str", True), "level": ("str", True)})
        if values is not None:
            _refs_in(c, path, keys, values)
            if "level" in values:
                c.choice(path, (*keys, "level"), values["level"], ALERTNESS)
    elif kind == "reveal":
        values = c.sub(path, keys, arg, {"side": ("str", True), "area": ("str", True)})
        if values is not None:
            _refs_in(c, path, keys, values)
    elif kind == "objective":
        values = c.sub(path, keys, arg, {"id": ("str", True), "status": ("str", True)})
        if values is not None:
            if "id" in values:
                c.choice(path, (*keys, "id"), values["id"], c.refs.objectives, "objective")
            if "status" in values:
                c.choice(path, (*keys, "status"), values["status"], OBJECTIVE_STATUSES)
    elif kind == "reinforce":
        _check_reinforce(c, path, keys, arg)


def _check_reinforce(c: Checker, path: tuple[str, int], keys: Keys, arg: Any) -> None:
    values = c.sub(path, keys, arg, {"side": ("str", True), "units": ("list", True)})
    if values is None:
        return
    _refs_in(c, path, keys, values)
    units = values.get("units")
    if units is None:
        return
    if not units:
        c.problem(path, (*keys, "units"), "needs at least one { type = T, at = [x, y] }")
    for k, spec in enumerate(units):
        unit_keys = (*keys, "units", k)
        got = c.sub(path, unit_keys, spec, REINFORCEMENT_KEYS)
        if got is None:
            continue
        if "type" in got:
            c.choice(path, (*unit_keys, "type"), got["type"], c.catalog.units, "unit type")
        if "at" in got and not c.on_map(got["at"]):
            c.problem(
                path,
                (*unit_keys, "at"),
                f"{show(list(got['at']))} is off the map ({c.map_size()})",
            )


def _reinforcement_ids(trigger: dict[str, Any]) -> Iterator[tuple[Keys, str]]:
    """(keys, id) of each reinforcement a trigger's effects give an explicit id."""
    effects = trigger.get("then")
    for j, effect in enumerate(effects if isinstance(effects, list) else ()):
        spec = effect.get("reinforce") if isinstance(effect, dict) else None
        units = spec.get("units") if isinstance(spec, dict) else None
        for k, unit in enumerate(units if isinstance(units, list) else ()):
            if isinstance(unit, dict) and isinstance(unit.get("id"), str) and unit["id"]:
                yield ("then", j, "reinforce", "units", k, "id"), unit["id"]


# --- story --------------------------------------------------------------------------------------
def check_story(c: Checker) -> None:
    table = c.table("story", required=False)
    if table is None:
        return
    path = ("story",)
    values = c.fields(path, table, STORY_KEYS)
    turns = values.get("turns")
    if turns is not None and turns < 1:
        c.problem(path, ("turns",), f"must be at least 1, not {turns}")
    names = {*c.refs.sides, *(s.get("faction") for s in c.refs.sides.values())}
    names.discard(None)
    for who, lost in values.get("losses", {}).items():
        keys = ("losses", who)
        c.choice(path, keys, who, sorted(names), "side or faction")
        if isinstance(lost, dict):
            for kind, count in lost.items():
                c.choice(path, (*keys, kind), kind, LOSS_KINDS)
                if type(count) is not int or count < 0:
                    c.problem(path, (*keys, kind), "must be a count (an integer >= 0)")
        elif type(lost) is not int or lost < 0:
            c.problem(
                path,
                keys,
                "must be a count (an integer >= 0) or a table like { infantry = N, mechs = N }",
            )
