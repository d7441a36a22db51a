"""Scenario triggers: conditions on the state that fire effects, and the end of battle.

A trigger is plain data from the scenario file (see docs/scenario-format.md):
`when` is a list of conditions that must all hold, `then` a list of effects.
Triggers are evaluated at the end of every `rules.apply`, so they fire inside
the one doorway and replays fire them identically. Their bookkeeping (fired,
turns held) lives in the state and is hashed with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import events as ev
from .grid import Pos
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState

Rect = list[int]


def in_rect(pos: Pos, rect: Rect) -> bool:
    x0, y0, x1, y1 = rect
    return x0 <= pos[0] <= x1 and y0 <= pos[1] <= y1


def units_in_area(state: GameState, area: str, side: str | None = None) -> list[Unit]:
    rect = state.areas.get(area)
    if rect is None:
        return []
    from .movement import unit_table

    table = unit_table(state)
    x0, y0, x1, y1 = rect
    return [
        u
        for u in (table.units[i] for i in table.touching(x0, y0, x1 + 1, y1 + 1))
        if (side is None or u.side == side) and in_rect(u.pos, rect)
    ]


def has_forces(state: GameState, side: str) -> bool:
    """Whether `side` has a living unit (on the map or riding); cached per unit change."""
    version = state.cache.get("units_version", 0)
    cached = state.cache.get("sides_with_forces")
    if cached is None or cached[0] != version:
        cached = (version, {u.side for u in state.units.values() if u.hp > 0})
        state.cache["sides_with_forces"] = cached
    return side in cached[1]


def _destroyed(state: GameState, thing: str) -> bool:
    unit = state.units.get(thing)
    if unit is not None:
        return not unit.alive
    obj = state.objects.get(thing)
    if obj is None:
        return False  # not (yet) on the battlefield: reinforcements still to come
    return bool(obj.status.get("destroyed")) or (obj.kind == "generator" and obj.hp <= 0)


def holds(state: GameState, trigger: dict, condition: dict[str, Any]) -> bool:
    """Whether one condition of a trigger holds now."""
    ((kind, arg),) = condition.items()
    if kind == "turn":
        return state.turn >= int(arg)
    if kind == "enters":
        return bool(units_in_area(state, arg["area"], arg["side"]))
    if kind == "destroyed":
        return _destroyed(state, arg)
    if kind == "alarm":
        return state.side(arg).alarm
    if kind == "no_units":
        return not has_forces(state, arg)
    if kind == "held":
        return trigger.get(_held_key(trigger, condition), 0) >= int(arg["turns"])
    if kind == "attacked":
        return f"attacked:{arg}" in state.flags
    raise ValueError(f"unknown trigger condition {kind!r}")


def evaluate(state: GameState, events: list[ev.Event]) -> list[ev.Event]:
    """Note attacks, fire every trigger whose conditions hold, and end a decided battle."""
    _note_attacks(state, events)
    fired: list[ev.Event] = []
    for trigger in state.triggers:
        if state.winner or (trigger.get("fired") and trigger.get("once", True)):
            continue
        if all(holds(state, trigger, c) for c in trigger.get("when", [])):
            trigger["fired"] = True
            fired.append(ev.TriggerFired(trigger=trigger.get("id", "")))
            for effect in trigger.get("then", []):
                fired += _effect(state, effect)
    if not state.winner:
        fired += _last_team_standing(state)
    return fired


def _note_attacks(state: GameState, events: list[ev.Event]) -> None:
    if not state.areas:
        return
    for event in events:
        if isinstance(event, ev.UnitHurt | ev.UnitKilled):
            victim = state.units.get(event.unit)
            attacker = state.units.get(event.by)
            if victim is None or (attacker and not state.are_enemies(victim.side, attacker.side)):
                continue
            for area, rect in state.areas.items():
                if in_rect(victim.pos, rect):
                    state.flags[f"attacked:{area}"] = state.turn  # the latest hit


def _effect(state: GameState, effect: dict[str, Any]) -> list[ev.Event]:
    ((kind, arg),) = effect.items()
    if kind == "message":
        return [ev.MessageShown(text=str(arg))]
    if kind == "victory":
        return _win(state, arg, "victory")
    if kind == "defeat":
        winners = [s.id for s in state.sides if state.are_enemies(s.id, arg)]
        return _win(state, winners[0], "defeat") if winners else []
    if kind == "controller":
        state.side(arg["side"]).controller = arg["to"]
        return [ev.ControllerChanged(side=arg["side"], controller=arg["to"])]
    if kind == "alertness":
        from .awareness import raise_to

        out: list[ev.Event] = []
        for unit in state.units.values():
            if unit.side == arg["side"]:
                out += raise_to(state, unit, arg["level"], "order")
        return out
    if kind == "reveal":
        x0, y0, x1, y1 = state.areas[arg["area"]]
        state.knowledge[arg["side"]].explored[y0 : y1 + 1, x0 : x1 + 1] = True
        return [ev.AreaRevealed(side=arg["side"], area=arg["area"])]
    if kind == "objective":  # the first verdict stands: done stays done, failed failed
        for objective in state.objectives:
            if objective["id"] == arg["id"] and objective.get("status", "open") == "open":
                objective["status"] = arg["status"]
                return [ev.ObjectiveChanged(objective=arg["id"], status=arg["status"])]
        return []
    if kind == "reinforce":
        return _reinforce(state, arg)
    raise ValueError(f"unknown trigger effect {kind!r}")


def _win(state: GameState, side: str, reason: str) -> list[ev.Event]:
    state.winner = side
    return [ev.BattleWon(side=side, reason=reason)]


def _last_team_standing(state: GameState) -> list[ev.Event]:
    """One team left with units, after another team that fielded some lost them all.

    (A map with only one side's units, a firing range or a play-test, never ends by
    itself.)"""
    alive: set[str] = set()
    for side in state.sides:
        if has_forces(state, side.id):
            state.flags.setdefault(f"fielded:{side.id}", state.turn)
            alive.add(side.team)
    wiped = {s.team for s in state.sides if f"fielded:{s.id}" in state.flags} - alive
    if len(alive) == 1 and wiped:
        (team,) = alive
        winner = next(s.id for s in state.sides if s.team == team and has_forces(state, s.id))
        return _win(state, winner, "last_standing")
    return []


def _reinforce(state: GameState, arg: dict[str, Any]) -> list[ev.Event]:
    """Units arrive at their tiles, or the nearest free passable tile."""
    from .units import Unit

    out: list[ev.Event] = []
    side = arg["side"]
    for spec in arg["units"]:
        utype = state.catalog.units[spec["type"]]
        spot = free_tile_near(state, tuple(spec["at"]), utype.size)
        if spot is None:
            continue
        n = len(state.units) + 1
        while f"r{n}" in state.units:
            n += 1
        unit = Unit.spawn(spec.get("id", f"r{n}"), utype, side, spot, alertness="alert")
        unit.ammo = state.catalog.magazines(utype)
        state.units[unit.id] = unit
        out.append(ev.UnitArrived(unit=unit.id, side=side, x=spot[0], y=spot[1]))
    state.units_changed()
    return out


def free_tile_near(state: GameState, pos: Pos, size: int = 1) -> Pos | None:
    """The nearest tile (ring by ring) where a unit of `size` could stand."""
    occupied = state.occupancy()
    grid = state.grid
    for radius in range(0, 8):
        for dy in range(-radius, radius + 1):
            for dx in range(-radius, radius + 1):
                if max(abs(dx), abs(dy)) != radius:
                    continue
                anchor = (pos[0] + dx, pos[1] + dy)
                tiles = [(anchor[0] + i, anchor[1] + j) for j in range(size) for i in range(size)]
                if all(grid.passable(t) and t not in occupied for t in tiles):
                    return anchor
    return None


def _held_key(trigger: dict, condition: dict) -> str:
    """Where a trigger keeps the turn count of one of its `held` conditions: "held" for
    the first (as saves have always had it), "held.2", "held.3"... for the next ones,
    so a trigger can ask for two areas held at once."""
    helds = [c for c in trigger.get("when", []) if "held" in c]
    k = helds.index(condition)
    return "held" if k == 0 else f"held.{k + 1}"


def count_held(state: GameState, side_id: str) -> list[ev.Event]:
    """Turn-start hook: count turns a side has held an area with no enemy in it."""
    for trigger in state.triggers:
        for condition in trigger.get("when", []):
            arg = condition.get("held")
            if not arg or arg["side"] != side_id:
                continue
            mine = units_in_area(state, arg["area"], side_id)
            enemies = [
                u for u in units_in_area(state, arg["area"]) if state.are_enemies(side_id, u.side)
            ]
            key = _held_key(trigger, condition)
            trigger[key] = trigger.get(key, 0) + 1 if mine and not enemies else 0
    return []
