"""The raider's tools, as scored options for any behaviour (see OPTION_SOURCES): EMP the
generator so the lights die, breach the wall with shaped charges, smoke the breach
before going through, frag a cluster of enemies.

The story's plan falls out of these scores rather than a script: while the lights
burn, the man with the launcher goes for the generator; leaders carrying charges
blow the wall their route runs through; smoke covers the gap from the towers.
"""

from __future__ import annotations

import numpy as np

from ..core import rules
from ..core.actions import Action
from ..core.explosives import Detonate, Launch, PlaceCharge, Throw
from ..core.grid import Pos, distance
from ..core.light import is_powered
from ..core.units import Unit
from . import routes
from .behaviours import OPTION_SOURCES, Turn, objective_for

EMP_VALUE = 6.0
BREACH_VALUE = 5.0
SMOKE_VALUE = 4.0
FRAG_VALUE = 1.5  # per enemy caught


def raid_options(turn: Turn, unit: Unit) -> list[tuple[float, Action]]:
    state = turn.state
    if unit.alertness != "alert" or state.utype(unit).species == "mech":
        return []
    options: list[tuple[float, Action]] = []
    options += _emp(turn, unit)
    options += _charges(turn, unit)
    options += _smoke(turn, unit)
    options += _frag(turn, unit)
    return options


def _round_action(turn: Turn, unit: Unit, kind: str, target: Pos) -> Action | None:
    """Launch the round if the unit has a launcher, else throw a grenade of that kind."""
    state = turn.state
    if unit.inventory.get(kind, 0) <= 0:
        return None
    for action in (Launch(unit.id, kind, *target), Throw(unit.id, kind, *target)):
        if rules.check(state, action) is None:
            return action
    return None


def _burning_generators(turn: Turn) -> list[Pos]:
    state = turn.state
    feeds = {
        obj.props.get("generator")
        for obj in state.objects.values()
        if obj.kind == "spotlight" and is_powered(state, obj)
    }
    return sorted(state.objects[g].pos for g in feeds if g and g in state.objects)


def _emp(turn: Turn, unit: Unit) -> list[tuple[float, Action]]:
    if unit.inventory.get("emp", 0) <= 0:
        return []
    options: list[tuple[float, Action]] = []
    for generator in _burning_generators(turn):
        action = _round_action(turn, unit, "emp", generator)
        if action is not None:
            options.append((EMP_VALUE, action))
        else:  # out of range: close in through the dark, keeping AP for the shot
            keep = turn.state.catalog.weapons["launcher"].modes[0].ap
            move = routes.advance(turn.view, unit, generator, keep_ap=keep, avoid=_exposed(turn))
            if move is not None:
                options.append((EMP_VALUE / 2, move))
    return options


def _charges(turn: Turn, unit: Unit) -> list[tuple[float, Action]]:
    state = turn.state
    options: list[tuple[float, Action]] = []
    mine = [o for o in state.objects.values() if o.kind == "charge" and o.side == unit.side]
    for charge in mine:
        clear = all(
            distance(u.pos, charge.pos) > 2
            for u in state.units.values()
            if u.on_map and not state.are_enemies(unit.side, u.side)
        )
        action = Detonate(unit.id, charge.id)
        if clear and rules.check(state, action) is None:
            options.append((BREACH_VALUE, action))
        elif not clear and distance(unit.pos, charge.pos) <= 2:  # get clear of the blast
            goal = objective_for(turn, unit.side) or _away_from(turn, unit, charge.pos)
            away = routes.advance(turn.view, unit, goal, forbid=routes.blast_zone(turn.view))
            if away is not None:
                options.append((BREACH_VALUE - 1, away))
    goal = objective_for(turn, unit.side)
    if unit.inventory.get("charge", 0) > 0 and goal is not None and not mine:
        wall = routes.breach_point(turn.view, unit, goal)
        if wall is not None:
            action = PlaceCharge(unit.id, *wall)
            if rules.check(state, action) is None:
                options.append((BREACH_VALUE, action))
    return options


def _away_from(turn: Turn, unit: Unit, pos: Pos) -> Pos:
    dx, dy = unit.x - pos[0], unit.y - pos[1]
    grid = turn.view.grid
    x = min(grid.width - 1, max(0, unit.x + 4 * (1 if dx >= 0 else -1)))
    y = min(grid.height - 1, max(0, unit.y + 4 * (1 if dy >= 0 else -1) * (dy != 0)))
    return (x, y)


def _smoke(turn: Turn, unit: Unit) -> list[tuple[float, Action]]:
    """Smoke a fresh breach that known enemies can see, before going through."""
    if unit.inventory.get("smoke", 0) <= 0:
        return []
    state = turn.state
    goal = objective_for(turn, unit.side)
    if goal is None:
        return []
    grid = turn.view.grid
    rubble = state.catalog.terrain_by_id("rubble").index
    threat = turn.threat()
    ys, xs = np.nonzero(grid.kind == rubble)
    options: list[tuple[float, Action]] = []
    for x, y in zip(xs.tolist(), ys.tolist(), strict=True):
        tile = (x, y)
        if distance(tile, unit.pos) > 10 or grid.smoke[y, x] or not threat.at(tile):
            continue
        action = _round_action(turn, unit, "smoke", tile)
        if action is not None:
            options.append((SMOKE_VALUE, action))
            break
    return options


def _frag(turn: Turn, unit: Unit) -> list[tuple[float, Action]]:
    if unit.inventory.get("frag", 0) <= 0:
        return []
    state = turn.state
    radius = state.catalog.constant("frag_radius")
    enemies = turn.view.seen_enemies()
    friends = [
        u for u in state.units.values() if u.on_map and not state.are_enemies(unit.side, u.side)
    ]
    options: list[tuple[float, Action]] = []
    for enemy in enemies:
        caught = sum(1 for e in enemies if distance(e.pos, enemy.pos) <= radius)
        if caught < 2 or any(distance(f.pos, enemy.pos) <= radius + 1 for f in friends):
            continue
        action = _round_action(turn, unit, "frag", enemy.pos)
        if action is not None:
            options.append((FRAG_VALUE * caught, action))
    return options


def _exposed(turn: Turn) -> np.ndarray:
    """Tiles a stealthy raider would rather not stand on: lit, or watched by a contact."""
    from ..core.light import lit_mask

    return lit_mask(turn.state) | (turn.threat().spots > 0)


OPTION_SOURCES.append(raid_options)
