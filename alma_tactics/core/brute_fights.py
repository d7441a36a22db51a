"""Taking on a brute: the knife fighter's moves, the rider's dismount, the combat
mech's grapple, and the bleeding that follows a cut carotid.

A unit with a knife next to a brute chooses a `BruteFight` move: roll under and
slash (and dodge the brute's next attack), hamstring (it limps), mount, and from the
back sever the tail (`tail_sever_cuts` cuts) or go for the carotid (a hit bleeds it
out over a few turns). A combat mech (tag "grapple") can tear a brute apart.
Tail-cut progress is one "tail_cut_N" status per cut (status values are turn
counters, so a count cannot be kept in one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import combat, turns
from . import events as ev
from .actions import Action
from .brutes import _pain, _ring, gap, is_brute, melee_chance, rider_of, tail_cuts
from .events import Event
from .melee import adjacent
from .movement import blocked_by_objects
from .rules import PROPOSERS, Handler, Why, check_actor, handles
from .shooting import after_violence
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState

GROUND_MOVES = ("roll_under", "hamstring", "mount")
RIDER_MOVES = ("sever_tail", "carotid")
MOVE_AP = {
    "roll_under": "roll_under_ap",
    "hamstring": "hamstring_ap",
    "mount": "mount_ap",
    "sever_tail": "tail_cut_ap",
    "carotid": "carotid_ap",
}
MOVE_BONUS = {
    "roll_under": "roll_under_bonus",
    "hamstring": "hamstring_bonus",
    "mount": "mount_bonus",
    "sever_tail": "tail_cut_bonus",
}


# --- actions ------------------------------------------------------------------------------
@dataclass(frozen=True)
class BruteFight(Action):
    """A knife fighter's move against brute `target`: see GROUND_MOVES and RIDER_MOVES."""

    unit: str
    target: str
    move: str


@dataclass(frozen=True)
class Dismount(Action):
    """The rider leaps off its brute onto the free tile (x, y) next to it."""

    unit: str
    x: int
    y: int


@dataclass(frozen=True)
class Grapple(Action):
    unit: str
    target: str


# --- events -------------------------------------------------------------------------------
@dataclass(frozen=True)
class BruteFought(Event):
    """A knife fighter's move (see `BruteFight`): on a hit, roll_under leaves it dodging,
    hamstring lames the brute, mount puts it on the brute's back, carotid bleeds it."""

    unit: str
    target: str
    move: str
    chance: int
    hit: bool


@dataclass(frozen=True)
class UnitDismounted(Event):
    unit: str
    brute: str
    x: int
    y: int


@dataclass(frozen=True)
class TailCut(Event):
    unit: str  # the brute
    by: str
    cuts: int
    needed: int
    severed: bool


@dataclass(frozen=True)
class Grappled(Event):
    unit: str
    target: str
    chance: int
    torn: bool


def fight_chance(state: GameState, fighter: Unit, brute: Unit, move: str) -> int:
    """Percent chance a knife fighter's move against a brute succeeds (the screen shows it)."""
    c = state.catalog.constant
    if move == "carotid":
        return c("carotid_hit_chance")
    return melee_chance(state, fighter, brute, c(MOVE_BONUS[move]))


# --- the knife fighter's moves ------------------------------------------------------------
def check_brute_fight(state: GameState, action: BruteFight) -> Why | None:
    move = action.move
    if not isinstance(move, str) or move not in GROUND_MOVES + RIDER_MOVES:
        return Why.MALFORMED
    c = state.catalog.constant
    why = check_actor(state, action.unit, c(MOVE_AP[move]))
    if why:
        return why
    fighter = state.units[action.unit]
    if "knife" not in state.utype(fighter).weapons:
        return Why.NO_WEAPON
    brute = state.units.get(action.target) if isinstance(action.target, str) else None
    if brute is None or not brute.on_map or not state.are_enemies(fighter.side, brute.side):
        return Why.NO_TARGET
    if not is_brute(state, brute):
        return Why.NOT_ALLOWED
    if fighter.mounted_on != (brute.id if move in RIDER_MOVES else ""):
        return Why.NOT_ALLOWED  # ground moves from the ground, the rest from its back
    if not adjacent(state, fighter, brute):
        return Why.NOT_ADJACENT
    if move == "mount" and rider_of(state, brute):
        return Why.OCCUPIED
    done = {"hamstring": "hamstrung", "sever_tail": "tail_severed", "carotid": "bleeding"}
    return Why.ALREADY if done.get(move) in brute.status else None


def apply_brute_fight(state: GameState, action: BruteFight) -> list[ev.Event]:
    c = state.catalog.constant
    fighter, brute, move = state.units[action.unit], state.units[action.target], action.move
    fighter.ap -= c(MOVE_AP[move])
    chance = fight_chance(state, fighter, brute, move)
    hit = state.rng.percent() <= chance
    events: list[ev.Event] = [BruteFought(fighter.id, brute.id, move, chance, hit)]
    if not hit:
        return events + after_violence(state, [fighter.id])
    knife = state.catalog.weapons["knife"]
    if move == "roll_under":
        fighter.status["dodging"] = c("dodge_turns")
        damage = combat.roll_damage(state, knife, brute)
        events += combat.damage_unit(state, brute, damage, "knife", fighter.id)
    elif move == "hamstring":
        brute.status["hamstrung"] = 0
    elif move == "mount":
        fighter.mounted_on = brute.id
        fighter.x, fighter.y, fighter.facing = brute.x, brute.y, brute.facing
        state.units_changed()
    elif move == "sever_tail":
        cuts, needed = tail_cuts(brute) + 1, c("tail_sever_cuts")
        brute.status[f"tail_cut_{cuts}"] = 0
        events.append(TailCut(brute.id, fighter.id, cuts, needed, cuts >= needed))
        if cuts >= needed:
            for name in [n for n in brute.status if n.startswith("tail_cut_")]:
                del brute.status[name]
            brute.status["tail_severed"] = 0
        damage = combat.roll_damage(state, knife, brute)
        events += combat.damage_unit(state, brute, damage, "knife", fighter.id)
    else:  # carotid
        brute.status["bleeding"] = 0
    events += _pain(state, brute, fighter)
    return events + after_violence(state, [fighter.id, brute.id])


def check_dismount(state: GameState, action: Dismount) -> Why | None:
    why = check_actor(state, action.unit, state.catalog.constant("dismount_ap"))
    if why:
        return why
    rider = state.units[action.unit]
    brute = state.units.get(rider.mounted_on)
    if brute is None:
        return Why.NOT_ALLOWED
    at = (action.x, action.y)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in at):
        return Why.MALFORMED
    if gap(state, brute, at) != 1:
        return Why.NOT_ADJACENT
    if not state.grid.passable(at) or at in blocked_by_objects(state):
        return Why.BLOCKED
    return Why.OCCUPIED if at in state.occupancy() else None


def apply_dismount(state: GameState, action: Dismount) -> list[ev.Event]:
    rider = state.units[action.unit]
    brute = rider.mounted_on
    rider.ap -= state.catalog.constant("dismount_ap")
    rider.mounted_on = ""
    rider.x, rider.y = action.x, action.y
    state.units_changed()
    return [UnitDismounted(rider.id, brute, rider.x, rider.y)] + after_violence(state, [rider.id])


# --- the combat mech's grapple ------------------------------------------------------------
def check_grapple(state: GameState, action: Grapple) -> Why | None:
    why = check_actor(state, action.unit, state.catalog.constant("grapple_ap"))
    if why:
        return why
    mech = state.units[action.unit]
    if "grapple" not in state.utype(mech).tags:
        return Why.NOT_ALLOWED
    brute = state.units.get(action.target) if isinstance(action.target, str) else None
    if brute is None or not brute.on_map or not state.are_enemies(mech.side, brute.side):
        return Why.NO_TARGET
    if not is_brute(state, brute):
        return Why.NOT_ALLOWED
    return None if adjacent(state, mech, brute) else Why.NOT_ADJACENT


def apply_grapple(state: GameState, action: Grapple) -> list[ev.Event]:
    c = state.catalog.constant
    mech, brute = state.units[action.unit], state.units[action.target]
    mech.ap -= c("grapple_ap")
    chance = melee_chance(state, mech, brute, c("grapple_bonus"))
    torn = state.rng.percent() <= chance
    events: list[ev.Event] = [Grappled(mech.id, brute.id, chance, torn)]
    if torn:
        events += combat.kill_unit(state, brute, "torn apart", mech.id)
    else:
        events += combat.damage_unit(state, mech, c("mech_grapple_damage"), "claws", brute.id)
    events += _pain(state, brute, mech)
    return events + after_violence(state, [mech.id, brute.id])


# --- start of turn: bleeding --------------------------------------------------------------
def bleed(state: GameState, side_id: str) -> list[ev.Event]:
    """A brute with its carotid cut loses `carotid_bleed_per_turn` at each of its turns."""
    amount = state.catalog.constant("carotid_bleed_per_turn")
    events: list[ev.Event] = []
    bled = []
    for unit in sorted(state.units.values(), key=lambda u: u.id):
        if unit.side == side_id and unit.alive and "bleeding" in unit.status:
            events += combat.damage_unit(state, unit, amount, "bleeding", "")
            bled.append(unit.id)
    return events + (after_violence(state, bled) if bled else [])


# --- candidates ---------------------------------------------------------------------------
def propose(state: GameState, unit: Unit) -> list[Action]:
    utype = state.utype(unit)
    if check_actor(state, unit.id) is not None:
        return []
    found: list[Action] = []
    if unit.mounted_on:
        found += [BruteFight(unit.id, unit.mounted_on, m) for m in RIDER_MOVES]
        brute = state.units.get(unit.mounted_on)
        if brute is not None:
            found += [Dismount(unit.id, x, y) for x, y in _ring(state, brute, 1, 1)]
        return found
    if "knife" not in utype.weapons and "grapple" not in utype.tags:
        return []
    brutes_near = [
        o
        for o in state.units.values()
        if o.on_map
        and state.are_enemies(unit.side, o.side)
        and is_brute(state, o)
        and adjacent(state, unit, o)
    ]
    if "knife" in utype.weapons:
        found += [BruteFight(unit.id, b.id, m) for b in brutes_near for m in GROUND_MOVES]
    if "grapple" in utype.tags:
        found += [Grapple(unit.id, b.id) for b in brutes_near]
    return found


for _action, _check, _apply in (
    (BruteFight, check_brute_fight, apply_brute_fight),
    (Dismount, check_dismount, apply_dismount),
    (Grapple, check_grapple, apply_grapple),
):
    handles(_action)(Handler(_check, _apply))
PROPOSERS.append(propose)
turns.TURN_START_HOOKS.append(bleed)
