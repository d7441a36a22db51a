"""Rules for firing, reloading and overwatch (reaction fire during an enemy's move).

The shooter needs the target in its own line of sight and its side must see the
target (a spotter's eyes count in the dark, at a darkness penalty); the weapon must
reach, be loaded and the mode exist. Shots make noise: silenced .60/.80 are quiet,
Calendrea rifles and Gatlings loud.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import awareness, combat, reactions
from . import events as ev
from .actions import Action, Overwatch, Reload, Shoot
from .grid import distance
from .rules import PROPOSERS, Handler, Why, check_actor, handles
from .sight import can_see, has_line_of_sight
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState

SHOOTABLE_KINDS = ("rifle", "sniper", "gatling")


def check_shoot(state: GameState, action: Shoot) -> Why | None:
    if not all(isinstance(v, str) for v in (action.weapon, action.mode, action.aim, action.target)):
        return Why.MALFORMED
    why = check_actor(state, action.unit)
    if why:
        return why
    shooter = state.units[action.unit]
    weapon = combat.weapon_of(state, shooter, action.weapon)
    if weapon is None or weapon.kind not in SHOOTABLE_KINDS:
        return Why.NO_WEAPON
    mode = weapon.mode(action.mode)
    if mode is None or action.aim not in ("body", "eye"):
        return Why.MALFORMED
    if shooter.ap < mode.ap:
        return Why.OUT_OF_AP
    if weapon.magazine and shooter.ammo.get(weapon.id, 0) <= 0:
        return Why.NO_AMMO
    return _check_target(state, shooter, action.target, weapon, mode.aimed, action.aim)


def _check_target(
    state, shooter: Unit, target_id: str, weapon, aimed: bool, aim: str
) -> Why | None:
    target = state.units.get(target_id)
    if target is None or not target.on_map or not state.are_enemies(shooter.side, target.side):
        return Why.NO_TARGET
    if not target.alive:
        return Why.DEAD
    if shooter.mounted_on or target.id == shooter.mounted_on:
        return Why.NOT_ALLOWED
    if aim == "eye" and not (aimed and combat.can_eye_shot(state, target)):
        return Why.NOT_ALLOWED
    if distance(shooter.pos, target.pos) > weapon.range:
        return Why.OUT_OF_RANGE
    if not can_see(state, shooter, target):
        spotted = target.id in state.knowledge[shooter.side].spotted
        if not (spotted and has_line_of_sight(state.grid, shooter.pos, target.pos)):
            return Why.TARGET_UNSEEN
    return None


def apply_shoot(state: GameState, action: Shoot) -> list[ev.Event]:
    shooter, target = state.units[action.unit], state.units[action.target]
    weapon = state.catalog.weapons[action.weapon]
    shooter.ap -= weapon.mode(action.mode).ap
    shooter.overwatch = []
    events = combat.resolve_shot(state, shooter, target, weapon, action.mode, action.aim)
    events += awareness.make_noise(state, shooter.pos, weapon.noise, shooter)
    events += after_violence(state, [shooter.id, target.id])
    return events


def after_violence(state: GameState, unit_ids: list[str]) -> list[ev.Event]:
    """Refresh sight after deaths and shots, and let witnesses notice."""
    from . import sight

    events = sight.refresh(state)
    events += awareness.notice(state, unit_ids)
    return events


def check_reload(state: GameState, action: Reload) -> Why | None:
    why = check_actor(state, action.unit)
    if why:
        return why
    unit = state.units[action.unit]
    weapon = (
        combat.weapon_of(state, unit, action.weapon) if isinstance(action.weapon, str) else None
    )
    if weapon is None or not weapon.magazine:
        return Why.NO_WEAPON
    if weapon.reload_ap <= 0 or unit.ammo.get(weapon.id, 0) >= weapon.magazine:
        return Why.ALREADY if weapon.reload_ap > 0 else Why.NOT_ALLOWED
    if unit.ap < weapon.reload_ap:
        return Why.OUT_OF_AP
    return None


def apply_reload(state: GameState, action: Reload) -> list[ev.Event]:
    unit = state.units[action.unit]
    weapon = state.catalog.weapons[action.weapon]
    unit.ap -= weapon.reload_ap
    unit.ammo[weapon.id] = weapon.magazine
    return [ev.Reloaded(unit=unit.id, weapon=weapon.id)]


def check_overwatch(state: GameState, action: Overwatch) -> Why | None:
    why = check_actor(state, action.unit)
    if why:
        return why
    unit = state.units[action.unit]
    if not isinstance(action.weapon, str) or not isinstance(action.mode, str):
        return Why.MALFORMED
    weapon = combat.weapon_of(state, unit, action.weapon)
    if weapon is None or weapon.kind not in SHOOTABLE_KINDS or weapon.mode(action.mode) is None:
        return Why.NO_WEAPON
    if unit.overwatch:
        return Why.ALREADY
    need = max(weapon.mode(action.mode).ap, state.catalog.constant("overwatch_min_ap"))
    if unit.ap < need:
        return Why.OUT_OF_AP
    if weapon.magazine and unit.ammo.get(weapon.id, 0) <= 0:
        return Why.NO_AMMO
    return None


def apply_overwatch(state: GameState, action: Overwatch) -> list[ev.Event]:
    unit = state.units[action.unit]
    unit.ap = 0
    unit.overwatch = [action.weapon, action.mode]
    return [ev.OverwatchSet(unit=unit.id, weapon=action.weapon, mode=action.mode)]


def overwatch_reaction(state: GameState, mover: Unit) -> tuple[list[ev.Event], bool]:
    """Every watcher that sees `mover` fires once, in order of unit id; the move stops."""
    events: list[ev.Event] = []
    # only a side that has spotted the mover can fire: most steps, none has (no loop)
    spotters = {s.id for s in state.sides if mover.id in state.knowledge[s.id].spotted}
    if not spotters:
        return events, False
    watchers = sorted(
        (u for u in state.units.values() if u.overwatch and u.side in spotters),
        key=lambda u: u.id,
    )
    for watcher in watchers:
        if not (watcher.on_map and mover.alive):
            continue
        if not state.are_enemies(watcher.side, mover.side) or not can_see(state, watcher, mover):
            continue
        weapon = state.catalog.weapons[watcher.overwatch[0]]
        mode = watcher.overwatch[1]
        watcher.overwatch = []
        if distance(watcher.pos, mover.pos) > weapon.range:
            continue
        if weapon.magazine and watcher.ammo.get(weapon.id, 0) <= 0:
            continue
        events += combat.resolve_shot(state, watcher, mover, weapon, mode, "body", moving=True)
        events += awareness.make_noise(state, watcher.pos, weapon.noise, watcher)
    if events:
        events += after_violence(state, [mover.id])
    return events, bool(events)


def propose(state: GameState, unit: Unit) -> list[Action]:
    if check_actor(state, unit.id) is not None:
        return []
    found: list[Action] = []
    enemies = [u for u in state.units.values() if u.on_map and state.are_enemies(unit.side, u.side)]
    for weapon in combat.ranged_weapons(state, unit):
        for mode in weapon.modes:
            for enemy in enemies:
                found.append(Shoot(unit.id, enemy.id, weapon.id, mode.id))
                if mode.aimed and combat.can_eye_shot(state, enemy):
                    found.append(Shoot(unit.id, enemy.id, weapon.id, mode.id, "eye"))
            found.append(Overwatch(unit.id, weapon.id, mode.id))
        if weapon.magazine:
            found.append(Reload(unit.id, weapon.id))
    return found


handles(Shoot)(Handler(check_shoot, apply_shoot))
handles(Reload)(Handler(check_reload, apply_reload))
handles(Overwatch)(Handler(check_overwatch, apply_overwatch))
PROPOSERS.append(propose)
reactions.REACTIONS.append(overwatch_reaction)
