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

import tcod.los

from . import events as ev
from .catalog import WeaponType
from .grid import distance
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
    return [
        state.catalog.weapons[w]
        for w in state.utype(unit).weapons
        if state.catalog.weapons[w].kind in ("rifle", "sniper", "gatling")
    ]


def can_eye_shot(state: GameState, target: Unit) -> bool:
    return any(tag in state.utype(target).tags for tag in EYE_TAGS)


def _line_cover(state: GameState, shooter: Unit, target: Unit) -> int:
    """Cover for the target: its own tile or the one in front of it, whichever is
    better, plus a little for each cover-giving tile the shot passes through."""
    grid = state.grid
    c = state.catalog.constant
    line = tcod.los.bresenham(target.pos, shooter.pos).tolist()
    own = int(grid.cover[target.y, target.x])
    front = 0
    if len(line) > 2:
        fx, fy = line[1]
        front = int(grid.cover[fy, fx])
    between = 0
    for x, y in line[2:-1]:
        if not grid.blocks_sight[y, x]:
            between += int(grid.cover[y, x]) * c("cover_through_percent") // 100
    return max(own, front) + min(between, c("cover_through_max"))


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
    c = state.catalog.constant
    mode = weapon.mode(mode_id)
    dist = distance(shooter.pos, target.pos)
    terms: list[tuple[str, int]] = [
        ("aim", state.utype(shooter).aim),
        ("weapon", weapon.accuracy + (mode.accuracy if mode else 0)),
    ]
    over = max(0, dist - c("range_free_tiles"))
    if over:
        terms.append(("range", -over * c("range_penalty_per_tile")))
    cover = _line_cover(state, shooter, target)
    if cover:
        terms.append(("cover", -cover))
    grid = state.grid
    high = int(grid.elevation[shooter.y, shooter.x]) - int(grid.elevation[target.y, target.x])
    if high > 0:
        terms.append(("high ground", c("high_ground_bonus")))
    if target.alertness == "unaware":
        terms.append(("unaware", c("unaware_bonus")))
    if moving:
        terms.append(("moving target", -c("overwatch_penalty")))
    if target.mounted_on:
        terms.append(("clinging to a brute", -c("mounted_penalty")))
    if grid.smoke[target.y, target.x]:
        terms.append(("smoke", -c("smoke_penalty")))
    ir = state.utype(shooter).infrared and state.utype(target).blood == "warm"
    if not lit_mask(state)[target.y, target.x] and not ir:
        terms.append(("darkness", -c("dark_penalty")))
    if aim == "eye":
        terms.append(("eye", -c("eye_shot_penalty")))
        if weapon.kind == "sniper":
            terms.append(("sniper at the eye", c("eye_shot_sniper_bonus")))
        if dist <= c("eye_shot_short_range"):
            terms.append(("close to the eye", c("eye_shot_short_range_bonus")))
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
    if weapon is None or distance(shooter.pos, target.pos) > weapon.range:
        return 0
    c = state.catalog.constant
    total = sum(v for _, v in hit_modifiers(state, shooter, target, weapon, mode, aim, moving))
    return max(c("min_hit"), min(c("max_hit"), total))


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
        events += kill_unit(state, unit, cause, by)
    return events


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
