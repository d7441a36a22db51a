"""Brutes: the 2x2 Calendrea giants and what they do.

The brute (tag "brute") charges in a line, crushing the first unit it runs into and
knocking others aside; sweeps its bladed tail (reach 2, can decapitate); mauls with
its claws; roars; and fights a rider on its back: it slams against a wall, stabs at
the rider with its tail (and may hit its own back), or throws it off. A rider cannot
be reached by the brute's claws, sweep or charge.

The knife fighter's moves against a brute, the rider's dismount and the combat
mech's grapple live in `brute_fights`. Conditions live in the brute's `status`
(0 = until removed): "hamstrung" (every step costs `hamstring_move_divisor` times
as much, see movement.py, and its charge is as much shorter), "tail_severed",
"bleeding"; "dodging" on a fighter who rolled under.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import awareness, combat, reactions, sight
from . import events as ev
from .actions import Action
from .events import Event
from .grid import DIRECTIONS, Pos
from .melee import adjacent
from .movement import blocked_by_objects
from .moves import carry_along
from .rules import PROPOSERS, Handler, Why, check_actor, handles
from .shooting import after_violence
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState


# --- actions ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Charge(Action):
    """The brute runs straight in direction (dx, dy) until blocked or out of breath."""

    unit: str
    dx: int
    dy: int


@dataclass(frozen=True)
class TailSweep(Action):
    unit: str


@dataclass(frozen=True)
class Maul(Action):
    unit: str
    target: str


@dataclass(frozen=True)
class Slam(Action):
    """Slam the rider against a wall next to the brute."""

    unit: str


@dataclass(frozen=True)
class TailStab(Action):
    unit: str


@dataclass(frozen=True)
class ThrowOff(Action):
    unit: str


@dataclass(frozen=True)
class Roar(Action):
    unit: str


# --- events -------------------------------------------------------------------------------
@dataclass(frozen=True)
class BruteCharged(Event):
    unit: str
    dx: int
    dy: int
    path: tuple  # the anchors it ran onto, in order


@dataclass(frozen=True)
class UnitKnockedAside(Event):
    """`unit` was knocked (or dove, when `stunned` is 0) out of `by`'s way to (x, y)."""

    unit: str
    by: str
    x: int
    y: int
    stunned: int


@dataclass(frozen=True)
class BruteAttacked(Event):
    """`unit` (a brute) struck at `target` with `attack`: "claws", "tail_sweep" or
    "tail_stab". A tail stab that missed its rider may have hit its own back."""

    unit: str
    target: str
    attack: str
    chance: int
    hit: bool
    dodged: bool = False  # the target had rolled under: the attack missed
    decapitated: bool = False
    self_hit: bool = False


@dataclass(frozen=True)
class BruteSlammed(Event):
    unit: str
    rider: str
    x: int  # the wall it slammed into
    y: int


@dataclass(frozen=True)
class RiderShaken(Event):
    """The brute tried to throw `rider` off and it held on."""

    unit: str
    rider: str
    chance: int


@dataclass(frozen=True)
class RiderThrown(Event):
    unit: str
    rider: str
    x: int
    y: int
    stunned: int


@dataclass(frozen=True)
class Roared(Event):
    unit: str
    x: int
    y: int


# --- helpers ------------------------------------------------------------------------------
def is_brute(state: GameState, unit: Unit) -> bool:
    return "brute" in state.utype(unit).tags


def rider_of(state: GameState, brute: Unit) -> Unit | None:
    """The living unit clinging to `brute`'s back, if any."""
    return next(
        (
            u
            for u in sorted(state.units.values(), key=lambda u: u.id)
            if u.mounted_on == brute.id and u.alive
        ),
        None,
    )


def tail_cuts(brute: Unit) -> int:
    return sum(1 for name in brute.status if name.startswith("tail_cut_"))


def gap(state: GameState, a: Unit, pos: Pos, size: int = 1) -> int:
    """Chebyshev tiles between `a`'s footprint and a `size` footprint at `pos` (0 = touching
    or overlapping, 1 = next to it)."""
    sa = state.size(a)
    gx = max(pos[0] - (a.x + sa - 1), a.x - (pos[0] + size - 1), 0)
    gy = max(pos[1] - (a.y + sa - 1), a.y - (pos[1] + size - 1), 0)
    return max(gx, gy)


def melee_chance(state: GameState, attacker: Unit, defender: Unit, bonus: int) -> int:
    c = state.catalog.constant
    raw = state.utype(attacker).melee + bonus - state.utype(defender).melee
    return max(c("min_hit"), min(c("max_hit"), raw))


def _free(state: GameState, pos: Pos, blockers: set[Pos]) -> bool:
    return state.grid.passable(pos) and pos not in state.occupancy() and pos not in blockers


def _ring(state: GameState, brute: Unit, low: int, high: int) -> list[Pos]:
    """Free passable tiles `low`..`high` tiles from the brute's footprint, in sight of it."""
    s, blockers = state.size(brute), set(blocked_by_objects(state))
    found = []
    for y in range(brute.y - high, brute.y + s + high):
        for x in range(brute.x - high, brute.x + s + high):
            if not (low <= gap(state, brute, (x, y)) <= high and _free(state, (x, y), blockers)):
                continue
            if any(sight.has_line_of_sight(state.grid, t, (x, y)) for t in brute.footprint(s)):
                found.append((x, y))
    return found


def _landing(state: GameState, brute: Unit) -> list[Pos]:
    c = state.catalog.constant
    return _ring(state, brute, c("throw_off_min"), c("throw_off_max")) or _ring(state, brute, 1, 1)


def _wall_next_to(state: GameState, brute: Unit) -> Pos | None:
    """A wall-like tile (impassable and opaque) or blocking object touching the footprint."""
    grid, blockers = state.grid, set(blocked_by_objects(state))
    s = state.size(brute)
    for y in range(brute.y - 1, brute.y + s + 1):
        for x in range(brute.x - 1, brute.x + s + 1):
            if gap(state, brute, (x, y)) != 1 or not grid.in_bounds((x, y)):
                continue
            if (x, y) in blockers or (not grid.passable((x, y)) and grid.blocks_sight[y, x]):
                return (x, y)
    return None


def _dodged(unit: Unit) -> bool:
    """A fighter who rolled under makes the next brute attack on it miss (and it is spent)."""
    return unit.status.pop("dodging", None) is not None


def _stun(unit: Unit, turns_: int) -> None:
    unit.status["stunned"] = max(unit.status.get("stunned", 0), turns_)


def _throw(state: GameState, brute: Unit, rider: Unit) -> list[ev.Event]:
    """Throw the rider to a random landing tile: it is hurt and stunned."""
    spots = _landing(state, brute)
    if not spots:
        return []
    c = state.catalog.constant
    rider.mounted_on = ""
    rider.x, rider.y = state.rng.choice(spots)
    _stun(rider, c("throw_stun_turns"))
    state.units_changed()
    events: list[ev.Event] = [
        RiderThrown(brute.id, rider.id, rider.x, rider.y, c("throw_stun_turns"))
    ]
    return events + combat.damage_unit(state, rider, c("throw_off_damage"), "thrown", brute.id)


def _pain(state: GameState, brute: Unit, by: Unit) -> list[ev.Event]:
    return awareness.make_noise(state, brute.pos, state.catalog.constant("brute_pain_noise"), by)


# --- the brute's actions ------------------------------------------------------------------
def _check_brute(state: GameState, unit_id: object, ap: int) -> Why | None:
    why = check_actor(state, unit_id)
    if why:
        return why
    if not is_brute(state, state.units[unit_id]):
        return Why.NOT_ALLOWED
    return Why.OUT_OF_AP if state.units[unit_id].ap < ap else None


def charge_range(state: GameState, brute: Unit) -> int:
    c = state.catalog.constant
    limp = c("hamstring_move_divisor") if "hamstrung" in brute.status else 1
    return c("brute_charge_range") // limp


def _clear_for(state: GameState, brute: Unit, at: Pos) -> bool:
    blockers = set(blocked_by_objects(state))
    tiles = brute.footprint(state.size(brute), at=at)
    return all(state.grid.passable(t) and t not in blockers for t in tiles)


def _friends_in(state: GameState, brute: Unit, at: Pos) -> bool:
    occupancy = state.occupancy()
    return any(
        (o := occupancy.get(t)) is not None
        and o.id != brute.id
        and not state.are_enemies(brute.side, o.side)
        for t in brute.footprint(state.size(brute), at=at)
    )


def check_charge(state: GameState, action: Charge) -> Why | None:
    d = (action.dx, action.dy)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in d) or d not in DIRECTIONS:
        return Why.MALFORMED
    why = _check_brute(state, action.unit, state.catalog.constant("brute_charge_ap"))
    if why:
        return why
    brute = state.units[action.unit]
    first = (brute.x + action.dx, brute.y + action.dy)
    if charge_range(state, brute) < 1 or not _clear_for(state, brute, first):
        return Why.BLOCKED
    return Why.BLOCKED if _friends_in(state, brute, first) else None


def _shove(state: GameState, victim: Unit, corridor: set[Pos], d: Pos) -> bool:
    """Move `victim` one tile out of the charge's corridor, sideways rather than ahead."""
    if state.size(victim) != 1:
        return False
    blockers = set(blocked_by_objects(state))
    options = [
        ((sx * d[0] + sy * d[1] > 0, i), (victim.x + sx, victim.y + sy))
        for i, (sx, sy) in enumerate(DIRECTIONS)
        if (victim.x + sx, victim.y + sy) not in corridor
        and _free(state, (victim.x + sx, victim.y + sy), blockers)
    ]
    if not options:
        return False
    victim.x, victim.y = min(options)[1]
    carry_along(state, victim)
    state.units_changed()
    return True


def _run_into(state: GameState, brute: Unit, victim: Unit, crush: bool, corridor, d):
    """One unit in the charge's way: crushed if `crush` (the first it runs into), and if
    it lives knocked aside and stunned; a dodging unit dives aside unhurt. Returns the
    events, whether it was crushed, and whether it is out of the way now."""
    c = state.catalog.constant
    events: list[ev.Event] = []
    dodged = _dodged(victim)
    if crush and not dodged:
        events += combat.damage_unit(state, victim, c("brute_charge_damage"), "crush", brute.id)
        if not victim.alive:
            return events, True, True
    if not _shove(state, victim, corridor, d):
        return events, crush and not dodged, False
    stun = 0 if dodged else c("charge_stun_turns")
    if stun:
        _stun(victim, stun)
    knocked = UnitKnockedAside(victim.id, brute.id, victim.x, victim.y, stun)
    return events + [knocked], crush and not dodged, True


def apply_charge(state: GameState, action: Charge) -> list[ev.Event]:
    c = state.catalog.constant
    brute, d = state.units[action.unit], (action.dx, action.dy)
    brute.ap -= c("brute_charge_ap")
    brute.facing = DIRECTIONS.index(d)
    events = awareness.make_noise(state, brute.pos, c("brute_roar_noise"), brute)
    after: list[ev.Event] = []
    path: list[Pos] = []
    crushed, hit = False, [brute.id]
    steps = charge_range(state, brute)
    size = state.size(brute)
    for step in range(1, steps + 1):
        at = (brute.x + d[0], brute.y + d[1])
        if not _clear_for(state, brute, at) or _friends_in(state, brute, at):
            break
        corridor = {
            t
            for k in range(steps - step + 1)
            for t in brute.footprint(size, at=(at[0] + k * d[0], at[1] + k * d[1]))
        }
        occupancy = state.occupancy()
        tiles = brute.footprint(size, at=at)
        in_way = sorted({occupancy[t].id for t in tiles if t in occupancy} - {brute.id})
        clear = True
        for victim in (state.units[i] for i in in_way):
            more, crush, out = _run_into(state, brute, victim, not crushed, corridor, d)
            crushed, clear = crushed or crush, clear and out
            after += more
            hit.append(victim.id)
        if not clear:
            break
        brute.x, brute.y = at
        carry_along(state, brute)
        state.units_changed()
        path.append(at)
        after += sight.refresh(state, moved=[brute.id]) + awareness.notice(state, [brute.id])
        after += reactions.after_step(state, brute)[0]
        if not brute.alive:
            break
    events.append(BruteCharged(brute.id, d[0], d[1], tuple(path)))
    return events + after + after_violence(state, hit)


def _reach_targets(state: GameState, brute: Unit, reach: int) -> list[Unit]:
    """Enemies (not its rider) within `reach` of the footprint, with nothing solid between."""
    s = state.size(brute)
    return [
        u
        for u in sorted(state.units.values(), key=lambda u: u.id)
        if u.on_map
        and not u.mounted_on
        and state.are_enemies(brute.side, u.side)
        and gap(state, brute, u.pos, state.size(u)) <= reach
        and any(sight.has_line_of_sight(state.grid, t, u.pos) for t in brute.footprint(s))
    ]


def check_tail_sweep(state: GameState, action: TailSweep) -> Why | None:
    tail = state.catalog.weapons["tail"]
    why = _check_brute(state, action.unit, tail.modes[0].ap)
    if why:
        return why
    brute = state.units[action.unit]
    if "tail" not in state.utype(brute).weapons or "tail_severed" in brute.status:
        return Why.NOT_ALLOWED
    return None if _reach_targets(state, brute, tail.range) else Why.NO_TARGET


def apply_tail_sweep(state: GameState, action: TailSweep) -> list[ev.Event]:
    c, tail = state.catalog.constant, state.catalog.weapons["tail"]
    brute = state.units[action.unit]
    brute.ap -= tail.modes[0].ap
    targets = _reach_targets(state, brute, tail.range)
    events: list[ev.Event] = []
    for target in targets:
        chance = melee_chance(state, brute, target, tail.accuracy + c("brute_attack_bonus"))
        if _dodged(target):
            events.append(BruteAttacked(brute.id, target.id, "tail_sweep", chance, False, True))
            continue
        roll = state.rng.percent()
        hit = roll <= chance
        head = hit and roll <= chance * c("tail_decapitate_percent") // 100
        events.append(BruteAttacked(brute.id, target.id, "tail_sweep", chance, hit, False, head))
        if head:
            events += combat.kill_unit(state, target, "decapitated", brute.id)
        elif hit:
            damage = combat.roll_damage(state, tail, target)
            events += combat.damage_unit(state, target, damage, "tail", brute.id)
    events += awareness.make_noise(state, brute.pos, tail.noise, brute)
    return events + after_violence(state, [brute.id] + [t.id for t in targets])


def check_maul(state: GameState, action: Maul) -> Why | None:
    claws = state.catalog.weapons["claws"]
    why = _check_brute(state, action.unit, claws.modes[0].ap)
    if why:
        return why
    brute = state.units[action.unit]
    target = state.units.get(action.target) if isinstance(action.target, str) else None
    if "claws" not in state.utype(brute).weapons:
        return Why.NO_WEAPON
    if target is None or not target.on_map or not state.are_enemies(brute.side, target.side):
        return Why.NO_TARGET
    if target.mounted_on == brute.id:
        return Why.NOT_ALLOWED  # its claws cannot reach its own back
    return None if adjacent(state, brute, target) else Why.NOT_ADJACENT


def apply_maul(state: GameState, action: Maul) -> list[ev.Event]:
    claws = state.catalog.weapons["claws"]
    brute, target = state.units[action.unit], state.units[action.target]
    brute.ap -= claws.modes[0].ap
    bonus = claws.accuracy + state.catalog.constant("brute_attack_bonus")
    chance = melee_chance(state, brute, target, bonus)
    dodged = _dodged(target)
    hit = not dodged and state.rng.percent() <= chance
    events: list[ev.Event] = [BruteAttacked(brute.id, target.id, "claws", chance, hit, dodged)]
    if hit:
        damage = combat.roll_damage(state, claws, target)
        events += combat.damage_unit(state, target, damage, "claws", brute.id)
    events += awareness.make_noise(state, brute.pos, claws.noise, brute)
    return events + after_violence(state, [brute.id, target.id])


def _check_rider_attack(state: GameState, unit_id: object, ap: int) -> Why | None:
    why = _check_brute(state, unit_id, ap)
    if why:
        return why
    return None if rider_of(state, state.units[unit_id]) else Why.NO_TARGET


def check_slam(state: GameState, action: Slam) -> Why | None:
    why = _check_rider_attack(state, action.unit, state.catalog.constant("brute_slam_ap"))
    if why:
        return why
    return None if _wall_next_to(state, state.units[action.unit]) else Why.NOT_ALLOWED


def apply_slam(state: GameState, action: Slam) -> list[ev.Event]:
    c = state.catalog.constant
    brute = state.units[action.unit]
    rider = rider_of(state, brute)
    wall = _wall_next_to(state, brute)
    assert rider is not None and wall is not None  # check() found both
    brute.ap -= c("brute_slam_ap")
    events: list[ev.Event] = [BruteSlammed(brute.id, rider.id, wall[0], wall[1])]
    events += combat.damage_unit(state, rider, c("brute_wall_slam_damage"), "slam", brute.id)
    if rider.alive:
        chance = melee_chance(state, brute, rider, c("slam_throw_bonus"))
        if state.rng.percent() <= chance:
            events += _throw(state, brute, rider)
    events += awareness.make_noise(state, brute.pos, c("brute_pain_noise"), brute)
    return events + after_violence(state, [brute.id, rider.id])


def check_tail_stab(state: GameState, action: TailStab) -> Why | None:
    why = _check_rider_attack(state, action.unit, state.catalog.constant("tail_stab_ap"))
    if why:
        return why
    brute = state.units[action.unit]
    if "tail" not in state.utype(brute).weapons or "tail_severed" in brute.status:
        return Why.NOT_ALLOWED
    return None


def apply_tail_stab(state: GameState, action: TailStab) -> list[ev.Event]:
    c, tail = state.catalog.constant, state.catalog.weapons["tail"]
    brute = state.units[action.unit]
    rider = rider_of(state, brute)
    assert rider is not None
    brute.ap -= c("tail_stab_ap")
    chance = melee_chance(state, brute, rider, tail.accuracy + c("tail_stab_bonus"))
    dodged = _dodged(rider)
    hit = not dodged and state.rng.percent() <= chance
    own = not hit and state.rng.percent() <= c("tail_self_hit_chance")
    stab = BruteAttacked(brute.id, rider.id, "tail_stab", chance, hit, dodged, self_hit=own)
    events: list[ev.Event] = [stab]
    if hit:
        events += combat.damage_unit(
            state, rider, combat.roll_damage(state, tail, rider), "tail", brute.id
        )
    elif own:
        events += combat.damage_unit(
            state, brute, combat.roll_damage(state, tail, brute), "own tail", brute.id
        )
    events += awareness.make_noise(state, brute.pos, tail.noise, brute)
    return events + after_violence(state, [brute.id, rider.id])


def check_throw_off(state: GameState, action: ThrowOff) -> Why | None:
    why = _check_rider_attack(state, action.unit, state.catalog.constant("throw_off_ap"))
    if why:
        return why
    return None if _landing(state, state.units[action.unit]) else Why.BLOCKED


def apply_throw_off(state: GameState, action: ThrowOff) -> list[ev.Event]:
    c = state.catalog.constant
    brute = state.units[action.unit]
    rider = rider_of(state, brute)
    assert rider is not None
    brute.ap -= c("throw_off_ap")
    chance = melee_chance(state, brute, rider, c("throw_off_bonus"))
    if state.rng.percent() > chance:
        return [RiderShaken(brute.id, rider.id, chance)]
    return _throw(state, brute, rider) + after_violence(state, [brute.id, rider.id])


def check_roar(state: GameState, action: Roar) -> Why | None:
    return _check_brute(state, action.unit, state.catalog.constant("roar_ap"))


def apply_roar(state: GameState, action: Roar) -> list[ev.Event]:
    c = state.catalog.constant
    brute = state.units[action.unit]
    brute.ap -= c("roar_ap")
    radius = c("brute_roar_noise")
    events: list[ev.Event] = [Roared(brute.id, brute.x, brute.y)]
    events += awareness.make_noise(state, brute.pos, radius, brute)
    for u in sorted(state.units.values(), key=lambda u: u.id):
        near = (u.x - brute.x) ** 2 + (u.y - brute.y) ** 2 <= radius * radius
        if u.on_map and near and not state.are_enemies(brute.side, u.side):
            events += awareness.raise_to(state, u, "alert", "roar")
    return events


# --- candidates ---------------------------------------------------------------------------
def propose(state: GameState, unit: Unit) -> list[Action]:
    """A brute's own candidate attacks (its fighters' moves are in brute_fights)."""
    if check_actor(state, unit.id) is not None or "brute" not in state.utype(unit).tags:
        return []
    near = [
        o
        for o in state.units.values()
        if o.on_map and state.are_enemies(unit.side, o.side) and adjacent(state, unit, o)
    ]
    found: list[Action] = [Charge(unit.id, dx, dy) for dx, dy in DIRECTIONS]
    found += [TailSweep(unit.id), Slam(unit.id), TailStab(unit.id), ThrowOff(unit.id)]
    return found + [Roar(unit.id)] + [Maul(unit.id, o.id) for o in near]


for _action, _check, _apply in (
    (Charge, check_charge, apply_charge),
    (TailSweep, check_tail_sweep, apply_tail_sweep),
    (Maul, check_maul, apply_maul),
    (Slam, check_slam, apply_slam),
    (TailStab, check_tail_stab, apply_tail_stab),
    (ThrowOff, check_throw_off, apply_throw_off),
    (Roar, check_roar, apply_roar),
):
    handles(_action)(Handler(_check, _apply))
PROPOSERS.append(propose)
