"""The knife: a silent, certain takedown of an enemy caught unaware, otherwise a
melee roll. (Brute and mech close combat have their own module.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import combat
from . import events as ev
from .actions import Action, Stab
from .grid import facing_towards
from .rules import PROPOSERS, Handler, Why, check_actor, handles
from .shooting import after_violence
from .sight import can_see
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState


def adjacent(state: GameState, a: Unit, b: Unit) -> bool:
    """Whether any tile of `a` touches any tile of `b` (2x2 brutes included)."""
    sa, sb = state.size(a), state.size(b)
    gap_x = max(b.x - (a.x + sa - 1), a.x - (b.x + sb - 1), 0)
    gap_y = max(b.y - (a.y + sa - 1), a.y - (b.y + sb - 1), 0)
    return max(gap_x, gap_y) <= 1


def is_takedown(state: GameState, attacker: Unit, target: Unit) -> bool:
    """Caught unaware, or not alert and unable to see the knife coming."""
    utype = state.utype(target)
    if utype.size > 1 or utype.species == "mech":
        return False
    if target.alertness == "unaware":
        return True
    return target.alertness != "alert" and not can_see(state, target, attacker)


def stab_ap(state: GameState, attacker: Unit, target: Unit) -> int:
    if is_takedown(state, attacker, target):
        return state.catalog.constant("knife_takedown_ap")
    return state.catalog.weapons["knife"].modes[0].ap


def stab_chance(state: GameState, attacker: Unit, target: Unit) -> int:
    """Percent chance an ordinary (not takedown) stab lands."""
    if is_takedown(state, attacker, target):
        return 100
    c = state.catalog.constant
    chance = state.utype(attacker).melee + 50 - state.utype(target).melee
    return max(c("min_hit"), min(c("max_hit"), chance))


def check_stab(state: GameState, action: Stab) -> Why | None:
    why = check_actor(state, action.unit)
    if why:
        return why
    attacker = state.units[action.unit]
    if "knife" not in state.utype(attacker).weapons:
        return Why.NO_WEAPON
    target = state.units.get(action.target) if isinstance(action.target, str) else None
    if target is None or not target.on_map or not state.are_enemies(attacker.side, target.side):
        return Why.NO_TARGET
    if attacker.mounted_on:
        return Why.NOT_ALLOWED  # a rider uses the brute moves instead
    if not adjacent(state, attacker, target):
        return Why.NOT_ADJACENT
    if attacker.ap < stab_ap(state, attacker, target):
        return Why.OUT_OF_AP
    return None


def apply_stab(state: GameState, action: Stab) -> list[ev.Event]:
    attacker, target = state.units[action.unit], state.units[action.target]
    attacker.ap -= stab_ap(state, attacker, target)
    attacker.facing = facing_towards(attacker.pos, target.pos)
    knife = state.catalog.weapons["knife"]
    if is_takedown(state, attacker, target):
        events: list[ev.Event] = [
            ev.Stabbed(unit=attacker.id, target=target.id, takedown=True, hit=True)
        ]
        events += combat.kill_unit(state, target, "takedown", attacker.id)
    else:
        hit = state.rng.percent() <= stab_chance(state, attacker, target)
        events = [ev.Stabbed(unit=attacker.id, target=target.id, takedown=False, hit=hit)]
        if hit:
            events += combat.damage_unit(
                state, target, combat.roll_damage(state, knife, target), "knife", attacker.id
            )
    return events + after_violence(state, [attacker.id])


def propose(state: GameState, unit: Unit) -> list[Action]:
    if "knife" not in state.utype(unit).weapons:
        return []
    return [
        Stab(unit.id, other.id)
        for other in state.units.values()
        if other.on_map
        and state.are_enemies(unit.side, other.side)
        and adjacent(state, unit, other)
    ]


handles(Stab)(Handler(check_stab, apply_stab))
PROPOSERS.append(propose)
