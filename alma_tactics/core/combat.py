"""Shooting arithmetic and wounds: hit chances, damage through hide, deaths.

`hit_chance` is pure (the screen shows it before the shot); `resolve_shot` rolls
the state's dice. Everything is integer percent and hit points; every number is a
constant in `assets/rules/constants.toml` or a weapon's or unit's data.

The story's rules live here: .60/.80 superheat rounds *pierce* most of the
Calendrea hide where ordinary rounds are stopped by it; an aimed shot at the eye
kills a Calendrea soldier, sentry or tower guard outright (units tagged
`eye_kill`) and is a heavy critical on a brute (`eye_critical`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import events as ev
from .catalog import WeaponType
from .light import lit_mask
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState

EYE_TAGS = ("eye_kill", "eye_critical")


def weapon_of(state: GameState, unit: Unit, weapon_id: str) -> WeaponType | None:
    """The unit's weapon of that id, or None if its type does not carry one."""
    if weapon_id not in state.utype(unit).weapons:
        return None
    return state.catalog.weapons.get(weapon_id)


def ranged_weapons(state: GameState, unit: Unit) -> list[WeaponType]:
    """The unit's guns (not knives, claws or launchers), in its type's order."""
    return state.catalog.ranged(unit.type_id)


def can_eye_shot(state: GameState, target: Unit) -> bool:
    return any(tag in state.utype(target).tags for tag in EYE_TAGS)


def _line_cover(state: GameState, shooter: Unit, target: Unit) -> int:
    """Cover for the target: its own tile or the one in front of it, whichever is
    better, plus a little for each cover-giving tile the shot passes through.

    The shot's line is the straight integer line from target to shooter (tile k of
    n is the nearest to k/n of the way), walked in plain Python: it is the hottest
    loop of the AI's shot scoring, and short lines are faster without numpy."""
    cover, through = _cover_rows(state)
    tx, ty = target.x, target.y
    dx, dy = shooter.x - tx, shooter.y - ty
    n = max(abs(dx), abs(dy))
    own = cover[ty][tx]
    if n <= 1:
        return own
    ax, ay, sx, sy, twice = abs(dx), abs(dy), (1 if dx >= 0 else -1), (1 if dy >= 0 else -1), 2 * n
    front = cover[ty + sy * ((2 * ay + n) // twice)][tx + sx * ((2 * ax + n) // twice)]
    between = 0
    for k in range(2, n):
        between += through[ty + sy * ((2 * k * ay + n) // twice)][
            tx + sx * ((2 * k * ax + n) // twice)
        ]
    return max(own, front) + min(between, state.catalog.constants["cover_through_max"])


def _cover_rows(state: GameState) -> tuple[list[list[int]], list[list[int]]]:
    """The cover layer, and the cover a shot passing through each tile adds, as nested
    lists (cheap to index one tile at a time); cached per terrain version."""
    key = state.grid.version
    cached = state.cache.get("cover_rows")
    if cached is None or cached[0] != key:
        grid = state.grid
        percent = state.catalog.constants["cover_through_percent"]
        through = np.where(grid.blocks_sight, 0, grid.cover.astype(np.int32) * percent // 100)
        cached = (key, (grid.cover.tolist(), through.tolist()))
        state.cache["cover_rows"] = cached
    return cached[1]


def hit_modifiers(
    state: GameState,
    shooter: Unit,
    target: Unit,
    weapon: WeaponType,
    mode_id: str,
    aim: str = "body",
    moving: bool = False,
) -> list[tuple[str, int]]:
    """The named terms that add up to a hit chance (the screen explains them)."""
    c = state.catalog.constants
    units = state.catalog.units
    shooter_type, target_type = units[shooter.type_id], units[target.type_id]
    mode = weapon.mode(mode_id)
    dist = max(abs(shooter.x - target.x), abs(shooter.y - target.y))
    terms: list[tuple[str, int]] = [
        ("aim", shooter_type.aim),
        ("weapon", weapon.accuracy + (mode.accuracy if mode else 0)),
    ]
    over = dist - c["range_free_tiles"]
    if over > 0:
        terms.append(("range", -over * c["range_penalty_per_tile"]))
    cover = _line_cover(state, shooter, target)
    if cover:
        terms.append(("cover", -cover))
    grid = state.grid
    tx, ty = target.x, target.y
    if grid.elevation.item(shooter.y, shooter.x) > grid.elevation.item(ty, tx):
        terms.append(("high ground", c["high_ground_bonus"]))
    if target.alertness == "unaware":
        terms.append(("unaware", c["unaware_bonus"]))
    if moving:
        terms.append(("moving target", -c["overwatch_penalty"]))
    if target.mounted_on:
        terms.append(("clinging to a brute", -c["mounted_penalty"]))
    if grid.smoke.item(ty, tx):
        terms.append(("smoke", -c["smoke_penalty"]))
    infrared = shooter_type.infrared and target_type.blood == "warm"
    if not infrared and not lit_mask(state).item(ty, tx):
        terms.append(("darkness", -c["dark_penalty"]))
    if aim == "eye":
        terms.append(("eye", -c["eye_shot_penalty"]))
        if weapon.kind == "sniper":
            terms.append(("sniper at the eye", c["eye_shot_sniper_bonus"]))
        if dist <= c["eye_shot_short_range"]:
            terms.append(("close to the eye", c["eye_shot_short_range_bonus"]))
        if "eye_critical" in target_type.tags:
            terms.append(("small eyes", -c["brute_small_eye_penalty"]))
    return terms


def hit_chance(
    state: GameState,
    shooter: Unit,
    target: Unit,
    mode: str,
    weapon_id: str | None = None,
    aim: str = "body",
    moving: bool = False,
) -> int:
    """Percent chance that one round of this shot hits (clamped; 0 if out of range)."""
    weapon = (
        weapon_of(state, shooter, weapon_id)
        if weapon_id
        else next(iter(ranged_weapons(state, shooter)), None)
    )
    if weapon is None or max(abs(shooter.x - target.x), abs(shooter.y - target.y)) > weapon.range:
        return 0
    c = state.catalog.constants
    total = 0
    for _, value in hit_modifiers(state, shooter, target, weapon, mode, aim, moving):
        total += value
    return max(c["min_hit"], min(c["max_hit"], total))


def damage_range(state: GameState, weapon: WeaponType, target: Unit) -> tuple[int, int]:
    """Least and most damage one hit of `weapon` does to `target` through its armour."""
    spread = weapon.damage // 4
    armour = state.utype(target).armour * (100 - weapon.pierce) // 100
    return max(0, weapon.damage - spread - armour), max(0, weapon.damage + spread - armour)


def expected_damage(
    state: GameState, shooter: Unit, target: Unit, weapon_id: str, mode: str, aim: str = "body"
) -> float:
    """Mean hit points one shot takes off (for the screen's preview only)."""
    weapon = weapon_of(state, shooter, weapon_id)
    if weapon is None:
        return 0.0
    chance = hit_chance(state, shooter, target, mode, weapon_id, aim) / 100
    if aim == "eye":
        if "eye_kill" in state.utype(target).tags:
            return chance * target.hp
        return chance * state.catalog.constant("brute_eye_critical_damage")
    low, high = damage_range(state, weapon, target)
    fire = weapon.mode(mode)
    rounds = max(1, fire.rounds if fire else 1)
    return rounds * chance * (low + high) / 2


def roll_damage(state: GameState, weapon: WeaponType, target: Unit) -> int:
    low, high = damage_range(state, weapon, target)
    return state.rng.between(low, high)


def resolve_shot(
    state: GameState,
    shooter: Unit,
    target: Unit,
    weapon: WeaponType,
    mode_id: str,
    aim: str = "body",
    moving: bool = False,
) -> list[ev.Event]:
    """Fire: spend the rounds, roll each, wound the target. AP is the caller's business."""
    mode = weapon.mode(mode_id)
    rounds = max(1, mode.rounds if mode else 1)
    if weapon.magazine:
        rounds = min(rounds, shooter.ammo.get(weapon.id, 0))
        shooter.ammo[weapon.id] = shooter.ammo.get(weapon.id, 0) - rounds
    chance = hit_chance(state, shooter, target, mode_id, weapon.id, aim, moving)
    from .grid import facing_towards

    shooter.facing = facing_towards(shooter.pos, target.pos)
    hits = tuple(state.rng.percent() <= chance for _ in range(rounds))
    events: list[ev.Event] = [
        ev.ShotFired(
            unit=shooter.id,
            target=target.id,
            weapon=weapon.id,
            mode=mode_id,
            aim=aim,
            chance=chance,
            hits=hits,
        )
    ]
    for hit in hits:
        if not hit or not target.alive:
            continue
        if aim == "eye":
            if "eye_kill" in state.utype(target).tags:
                events += kill_unit(state, target, "eye", shooter.id)
            else:
                c = state.catalog.constant
                events += damage_unit(
                    state, target, c("brute_eye_critical_damage"), "eye", shooter.id
                )
                target.status["stunned"] = max(target.status.get("stunned", 0), 1)
        else:
            events += damage_unit(
                state, target, roll_damage(state, weapon, target), "shot", shooter.id
            )
    return events


def damage_unit(state: GameState, unit: Unit, amount: int, cause: str, by: str) -> list[ev.Event]:
    """Take `amount` hit points off (never below zero); kill at zero."""
    if not unit.alive or amount <= 0:
        return []
    unit.hp = max(0, unit.hp - amount)
    events: list[ev.Event] = [
        ev.UnitHurt(unit=unit.id, amount=amount, hp=unit.hp, cause=cause, by=by)
    ]
    if unit.hp == 0:
        return events + kill_unit(state, unit, cause, by)
    from .awareness import wounded  # a wound wakes anyone, seen shooter or not

    return events + wounded(state, unit)


def kill_unit(state: GameState, unit: Unit, cause: str, by: str) -> list[ev.Event]:
    """The unit dies where it stands; its body stays (others may find it)."""
    if unit.hp > 0:
        unit.hp = 0
    events: list[ev.Event] = [ev.UnitKilled(unit=unit.id, cause=cause, by=by, x=unit.x, y=unit.y)]
    unit.overwatch = []
    unit.status.pop("saw_enemy", None)
    unit.status.pop("raise_alarm", None)
    for rider in state.units.values():
        if rider.mounted_on == unit.id:
            rider.mounted_on = ""
    for passenger in state.units.values():
        if passenger.carried_by == unit.id and passenger.alive:
            events += _spill(state, unit, passenger)
    state.units_changed()
    return events


def _spill(state: GameState, transport: Unit, passenger: Unit) -> list[ev.Event]:
    """A destroyed transport hurts those inside and throws them out next to it."""
    c = state.catalog.constant
    passenger.carried_by = ""
    occupied = state.occupancy()
    spot = None
    for radius in range(1, 4):
        for dy in range(-radius, radius + 1):
            for dx in range(-radius, radius + 1):
                p = (transport.x + dx, transport.y + dy)
                if state.grid.passable(p) and p not in occupied:
                    spot = p
                    break
            if spot:
                break
        if spot:
            break
    if spot is None:
        return kill_unit(state, passenger, "wreck", transport.id)
    passenger.x, passenger.y = spot
    state.units_changed()
    events: list[ev.Event] = [
        ev.UnitUnloaded(unit=passenger.id, transport=transport.id, x=spot[0], y=spot[1])
    ]
    return events + damage_unit(state, passenger, c("wreck_damage"), "wreck", transport.id)
