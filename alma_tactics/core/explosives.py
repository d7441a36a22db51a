"""Explosives: grenades, launcher rounds, mech rocket salvos, shaped charges, and
shooting out the generator that feeds the lights.

Grenades (`Throw`) and under-barrel launcher rounds (`Launch`) fly in an arc: no line
of sight is needed, only a tile on the map within reach, and the further they fly
the likelier they scatter. Where one lands it bursts: frag and rockets hurt what
the blast reaches (walls shield, damage falls off to the rim, through armour) and a
rocket breaks the breakable tile it hits; smoke fills a disc thickest at its centre
that blocks sight and thins by one each round, so the rim clears first; an EMP
switches off generators (their lamps die with them), knocks out spotlights for
`emp_turns` rounds and costs electronic units (mechs) their next `emp_turns` turns.

A combat mech's `Bombard` fires a salvo at a tile its side has explored, each rocket
scattering on its own. A shaped charge is set on a breakable wall next to the unit
(`PlaceCharge`) and blown by any unit of the side from anywhere (`Detonate`): the
wall becomes rubble, debris flies on through the breach away from where it was set,
and the bang is heard far off. `ShootObject` puts rifle fire into a generator (or a
spotlight with hit points); a dead generator darkens every lamp it feeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import tcod.constants
import tcod.map

from . import awareness, combat, turns
from . import events as ev
from .actions import Action
from .catalog import FireMode, WeaponType
from .grid import DIRECTIONS, Grid, Pos, distance, facing_towards
from .light import is_powered
from .rules import PROPOSERS, Handler, Why, check_actor, handles
from .shooting import SHOOTABLE_KINDS, after_violence
from .sight import has_line_of_sight, visible_tiles
from .units import MapObject, Unit

if TYPE_CHECKING:
    from .state import GameState

GRENADES = ("frag", "smoke", "emp")  # items thrown by hand
TARGET_OBJECTS = ("generator", "spotlight")  # objects that can be shot at


# --- actions -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Launch(Action):
    """Fire a `round` (rocket, emp, smoke, frag) from the under-barrel launcher at (x, y)."""

    unit: str
    round: str
    x: int
    y: int


@dataclass(frozen=True)
class Throw(Action):
    """Throw a hand grenade (`item`: frag, smoke or emp) at (x, y)."""

    unit: str
    item: str
    x: int
    y: int


@dataclass(frozen=True)
class Bombard(Action):
    """Fire a rocket salvo (a `weapon` of kind rockets) at (x, y)."""

    unit: str
    weapon: str
    x: int
    y: int


@dataclass(frozen=True)
class ShootObject(Action):
    """Fire `weapon` in `mode` at a map object: a generator, or a spotlight with hp."""

    unit: str
    object: str
    weapon: str
    mode: str


@dataclass(frozen=True)
class PlaceCharge(Action):
    """Set a shaped charge on the breakable tile (x, y) next to the unit."""

    unit: str
    x: int
    y: int


@dataclass(frozen=True)
class Detonate(Action):
    """Blow the side's shaped charge `charge` (a map object id), from anywhere."""

    unit: str
    charge: str


# --- events ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RoundLaunched(ev.Event):
    """A round (or, `thrown`, a hand grenade) aimed at (x, y) came down at landed_x/y."""

    unit: str
    round: str
    x: int
    y: int
    landed_x: int
    landed_y: int
    thrown: bool = False


@dataclass(frozen=True)
class SalvoFired(ev.Event):
    unit: str
    weapon: str
    x: int
    y: int
    impacts: tuple  # ((x, y), ...) where each rocket came down


@dataclass(frozen=True)
class Burst(ev.Event):
    """A `kind` (frag, rocket, charge, smoke, emp) went off over `radius` tiles at (x, y)."""

    kind: str
    x: int
    y: int
    radius: int
    by: str


@dataclass(frozen=True)
class SmokeThinned(ev.Event):
    tiles: int  # tiles still smoky; 0 = all clear


@dataclass(frozen=True)
class TerrainBroken(ev.Event):
    x: int
    y: int
    was: str
    now: str


@dataclass(frozen=True)
class LightsOut(ev.Event):
    objects: tuple  # spotlight ids that stopped burning
    by: str


@dataclass(frozen=True)
class LightsRestored(ev.Event):
    objects: tuple


@dataclass(frozen=True)
class UnitDisabled(ev.Event):
    unit: str
    turns: int
    cause: str


@dataclass(frozen=True)
class ObjectShot(ev.Event):
    unit: str
    object: str
    weapon: str
    mode: str
    chance: int
    hits: tuple


@dataclass(frozen=True)
class ObjectDamaged(ev.Event):
    object: str
    amount: int
    hp: int
    by: str


@dataclass(frozen=True)
class ObjectDestroyed(ev.Event):
    object: str
    by: str


@dataclass(frozen=True)
class ChargePlaced(ev.Event):
    unit: str
    charge: str
    x: int
    y: int


# --- lobbing: Launch and Throw -----------------------------------------------------------------
def scatter_chance(state: GameState, origin: Pos, target: Pos) -> int:
    """Percent chance that a round lobbed from `origin` at `target` lands off target."""
    return min(100, distance(origin, target) * state.catalog.constant("scatter_percent_per_tile"))


def _fly(state: GameState, unit: Unit, target: Pos) -> Pos:
    """Where a round comes down: on target, or 1..(1 + dist/spread) tiles off it."""
    if state.rng.percent() > scatter_chance(state, unit.pos, target):
        return target
    dx, dy = DIRECTIONS[state.rng.below(len(DIRECTIONS))]
    spread = distance(unit.pos, target) // state.catalog.constant("scatter_spread_tiles")
    off = state.rng.between(1, 1 + spread)
    x = min(max(target[0] + dx * off, 0), state.grid.width - 1)
    return x, min(max(target[1] + dy * off, 0), state.grid.height - 1)


def launcher_of(state: GameState, unit: Unit) -> WeaponType | None:
    weapons = (state.catalog.weapons[w] for w in state.utype(unit).weapons)
    return next((w for w in weapons if w.kind == "launcher"), None)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _lob_costs(state: GameState, action: Launch | Throw) -> tuple[str, int, int] | Why:
    """(item, reach, AP) of a launch or throw, or why the unit cannot make it at all."""
    if isinstance(action, Throw):
        c = state.catalog.constant
        ok = action.item in GRENADES
        return (action.item, c("throw_range"), c("throw_ap")) if ok else Why.NOT_ALLOWED
    weapon = launcher_of(state, state.units[action.unit])
    if weapon is None:
        return Why.NO_WEAPON
    if action.round not in weapon.rounds:
        return Why.NOT_ALLOWED
    return action.round, weapon.range, weapon.modes[0].ap


def check_lob(state: GameState, action: Launch | Throw) -> Why | None:
    item = action.item if isinstance(action, Throw) else action.round
    if not (isinstance(item, str) and _is_int(action.x) and _is_int(action.y)):
        return Why.MALFORMED
    why = check_actor(state, action.unit)
    if why:
        return why
    costs = _lob_costs(state, action)
    if isinstance(costs, Why):
        return costs
    unit, (item, reach, ap) = state.units[action.unit], costs
    if unit.inventory.get(item, 0) < 1:
        return Why.NO_ITEM
    if unit.mounted_on:
        return Why.NOT_ALLOWED
    if not state.grid.in_bounds((action.x, action.y)):
        return Why.NO_TARGET
    if distance(unit.pos, (action.x, action.y)) > reach:
        return Why.OUT_OF_RANGE
    return Why.OUT_OF_AP if unit.ap < ap else None


def apply_lob(state: GameState, action: Launch | Throw) -> list[ev.Event]:
    unit, before = state.units[action.unit], _snapshot(state)
    costs = _lob_costs(state, action)
    assert not isinstance(costs, Why)  # check_lob passed
    item, _, ap = costs
    launcher = None if isinstance(action, Throw) else launcher_of(state, unit)
    target = (action.x, action.y)
    unit.ap -= ap
    unit.inventory[item] -= 1
    unit.overwatch = []
    unit.facing = facing_towards(unit.pos, target)
    landed = _fly(state, unit, target)
    thrown = launcher is None
    events: list[ev.Event] = [RoundLaunched(unit.id, item, *target, *landed, thrown=thrown)]
    if launcher is not None:
        events += awareness.make_noise(state, unit.pos, launcher.noise, unit)
    events += _burst(state, item, landed, unit, launcher)
    return _finish(state, before, unit, events)


# --- rocket salvos -----------------------------------------------------------------------------
def check_bombard(state: GameState, action: Bombard) -> Why | None:
    if not (isinstance(action.weapon, str) and _is_int(action.x) and _is_int(action.y)):
        return Why.MALFORMED
    why = check_actor(state, action.unit)
    if why:
        return why
    unit, target = state.units[action.unit], (action.x, action.y)
    weapon = combat.weapon_of(state, unit, action.weapon)
    if weapon is None or weapon.kind != "rockets":
        return Why.NO_WEAPON
    if unit.ammo.get(weapon.id, 0) < weapon.modes[0].rounds:
        return Why.NO_AMMO
    if not state.grid.in_bounds(target):
        return Why.NO_TARGET
    if distance(unit.pos, target) > weapon.range:
        return Why.OUT_OF_RANGE
    if not state.knowledge[unit.side].explored[target[1], target[0]]:
        return Why.TARGET_UNSEEN  # rockets go where the side has looked
    return Why.OUT_OF_AP if unit.ap < weapon.modes[0].ap else None


def apply_bombard(state: GameState, action: Bombard) -> list[ev.Event]:
    unit, before = state.units[action.unit], _snapshot(state)
    weapon, target = state.catalog.weapons[action.weapon], (action.x, action.y)
    c = state.catalog.constant
    unit.ap -= weapon.modes[0].ap
    unit.ammo[weapon.id] -= weapon.modes[0].rounds
    unit.overwatch = []
    unit.facing = facing_towards(unit.pos, target)
    impacts = tuple(_fly(state, unit, target) for _ in range(c("salvo_rockets")))
    events: list[ev.Event] = [SalvoFired(unit.id, weapon.id, *target, impacts)]
    events += awareness.make_noise(state, unit.pos, weapon.noise, unit)
    for pos in impacts:
        events += _explode(state, "rocket", pos, weapon.area, weapon.damage, weapon.pierce, unit)
    events += awareness.make_noise(state, target, c("explosion_noise"), unit)
    return _finish(state, before, unit, events)


# --- what happens where it lands ---------------------------------------------------------------
def _burst(
    state: GameState, kind: str, pos: Pos, unit: Unit, launcher: WeaponType | None
) -> list[ev.Event]:
    c = state.catalog.constant
    if kind == "smoke":
        extra = c("launcher_smoke_extra_radius") if launcher else 0
        return _smoke(state, pos, c("smoke_radius") + extra, unit)
    if kind == "emp":
        return _emp(state, pos, unit)
    if kind == "rocket" and launcher is not None:
        events = _explode(state, kind, pos, launcher.area, launcher.damage, launcher.pierce, unit)
    else:
        events = _explode(
            state, "frag", pos, c("frag_radius"), c("frag_damage"), c("frag_pierce"), unit
        )
    return events + awareness.make_noise(state, pos, c("explosion_noise"), unit)


def _explode(
    state: GameState, kind: str, pos: Pos, radius: int, damage: int, pierce: int, unit: Unit
) -> list[ev.Event]:
    """A frag or rocket blast; a rocket first breaks the breakable tile it hits."""
    events: list[ev.Event] = [Burst(kind, pos[0], pos[1], radius, unit.id)]
    if kind == "rocket":
        events += _break(state, [pos])
    return events + _blast(state, pos, radius, damage, pierce, unit.id)


def _reach(grid: Grid, centre: Pos, radius: int) -> dict[Pos, int]:
    """Tiles a blast at `centre` reaches within `radius` (Chebyshev) -> their distance.
    Walls shield what is behind them (smoke does not); wall faces are reached."""
    x, y = centre
    x0, y0 = max(0, x - radius), max(0, y - radius)
    x1, y1 = min(grid.width, x + radius + 1), min(grid.height, y + radius + 1)
    fov = tcod.constants.FOV_SYMMETRIC_SHADOWCAST
    seen = tcod.map.compute_fov(~grid.blocks_sight[y0:y1, x0:x1], (y - y0, x - x0), 0, True, fov)
    tiles = [(int(tx) + x0, int(ty) + y0) for ty, tx in zip(*np.nonzero(seen), strict=True)]
    return {t: distance(centre, t) for t in tiles}


def _falloff(damage: int, d: int, radius: int) -> int:
    """Full damage at the centre, a share less per tile out to the rim."""
    return damage - damage * max(0, d) // (radius + 1)


def _blast(
    state: GameState,
    centre: Pos,
    radius: int,
    damage: int,
    pierce: int,
    by: str,
    keep: Callable[[Pos], bool] | None = None,
    shift: int = 0,
) -> list[ev.Event]:
    """Hurt every unit and object with hit points a blast reaches, through armour
    (amount - armour*(100-pierce)/100). `keep(tile)` limits it to one side of a
    breach; damage falls off from `shift` tiles out."""
    reach = {t: d for t, d in _reach(state.grid, centre, radius).items() if keep is None or keep(t)}
    events: list[ev.Event] = []
    for unit in list(state.units.values()):
        hit = [reach[t] for t in unit.footprint(state.size(unit)) if t in reach]
        if unit.on_map and hit:
            armour = state.utype(unit).armour * (100 - pierce) // 100
            amount = _falloff(damage, min(hit) - shift, radius - shift) - armour
            events += combat.damage_unit(state, unit, amount, "blast", by)
    armour = state.catalog.constant("object_armour") * (100 - pierce) // 100
    for obj in list(state.objects.values()):
        if obj.hp > 0 and obj.pos in reach:
            amount = _falloff(damage, reach[obj.pos] - shift, radius - shift) - armour
            events += _damage_object(state, obj, amount, by)
    return events


def _break(state: GameState, tiles: list[Pos]) -> list[ev.Event]:
    events: list[ev.Event] = []
    for pos in tiles:
        kind = state.grid.terrain_at(pos)
        if kind.breakable and kind.breaks_into:
            state.grid.set_kind(pos, kind.breaks_into)
            events.append(TerrainBroken(pos[0], pos[1], kind.id, kind.breaks_into))
    return events


def _smoke(state: GameState, pos: Pos, radius: int, unit: Unit) -> list[ev.Event]:
    """A disc of smoke, `smoke_turns` thick at the centre, thinner towards the rim."""
    c, grid = state.catalog.constant, state.grid
    smoke = grid.smoke.copy()
    for (x, y), d in _reach(grid, pos, radius).items():
        inside = (x - pos[0]) ** 2 + (y - pos[1]) ** 2 <= radius * radius
        if inside and not grid.blocks_sight[y, x]:
            smoke[y, x] = max(int(smoke[y, x]), c("smoke_turns") - d, 1)
    grid.set_smoke(smoke)
    events: list[ev.Event] = [Burst("smoke", pos[0], pos[1], radius, unit.id)]
    return events + awareness.make_noise(state, pos, c("smoke_noise"), unit)


def _emp(state: GameState, pos: Pos, unit: Unit) -> list[ev.Event]:
    c = state.catalog.constant
    radius, left = c("emp_radius"), c("emp_turns")
    events: list[ev.Event] = [Burst("emp", pos[0], pos[1], radius, unit.id)]
    for obj in state.objects.values():
        if distance(obj.pos, pos) <= radius and obj.kind == "spotlight":
            obj.status["emp"] = max(obj.status.get("emp", 0), left)
        elif distance(obj.pos, pos) <= radius and obj.kind == "generator":
            obj.on = False  # it stays off: nobody restarts it mid-raid
    for other in state.units.values():
        near = any(distance(t, pos) <= radius for t in other.footprint(state.size(other)))
        if near and other.on_map and state.utype(other).electronic:
            other.status["emp"] = max(other.status.get("emp", 0), left)
            other.ap, other.overwatch = 0, []
            events.append(UnitDisabled(other.id, left, "emp"))
    return events + awareness.make_noise(state, pos, c("emp_noise"), unit)


def _damage_object(state: GameState, obj: MapObject, amount: int, by: str) -> list[ev.Event]:
    if obj.hp <= 0 or amount <= 0:
        return []
    obj.hp = max(0, obj.hp - amount)
    events: list[ev.Event] = [ObjectDamaged(obj.id, amount, obj.hp, by)]
    if obj.hp == 0:
        obj.on = False
        events.append(ObjectDestroyed(obj.id, by))
    return events


def _lit_lamps(state: GameState) -> set[str]:
    return {o.id for o in state.objects.values() if o.kind == "spotlight" and is_powered(state, o)}


def _snapshot(state: GameState) -> tuple[dict, set[str]]:
    objects = {o.id: (o.hp, o.on, sorted(o.status.items())) for o in state.objects.values()}
    return objects, _lit_lamps(state)


def _finish(state: GameState, before, unit: Unit, events: list[ev.Event]) -> list[ev.Event]:
    """Tell the light caches about changed objects, report dead lamps, refresh sight."""
    objects, lamps = before
    if _snapshot(state)[0] != objects:
        state.light_version += 1
    out = sorted(lamps - _lit_lamps(state))
    if out:
        events.append(LightsOut(tuple(out), unit.id))
    hurt = [e.unit for e in events if isinstance(e, ev.UnitHurt)]
    return events + after_violence(state, [unit.id, *hurt])


# --- shooting at generators and lamps ----------------------------------------------------------
def object_hit_chance(
    state: GameState, unit: Unit, obj: MapObject, weapon: WeaponType, mode: FireMode
) -> int:
    """Percent chance one round hits: aim + weapon + mode + a big still target - range."""
    c = state.catalog.constant
    over = max(0, distance(unit.pos, obj.pos) - c("range_free_tiles"))
    total = state.utype(unit).aim + weapon.accuracy + mode.accuracy + c("object_hit_bonus")
    return max(c("min_hit"), min(c("max_hit"), total - over * c("range_penalty_per_tile")))


def check_shoot_object(state: GameState, action: ShootObject) -> Why | None:
    if not all(isinstance(v, str) for v in (action.object, action.weapon, action.mode)):
        return Why.MALFORMED
    why = check_actor(state, action.unit)
    if why:
        return why
    unit, obj = state.units[action.unit], state.objects.get(action.object)
    weapon = combat.weapon_of(state, unit, action.weapon)
    if weapon is None or weapon.kind not in SHOOTABLE_KINDS:
        return Why.NO_WEAPON
    mode = weapon.mode(action.mode)
    if mode is None:
        return Why.MALFORMED
    if obj is None or obj.kind not in TARGET_OBJECTS or obj.hp <= 0:
        return Why.NO_TARGET
    if unit.ap < mode.ap:
        return Why.OUT_OF_AP
    if weapon.magazine and unit.ammo.get(weapon.id, 0) <= 0:
        return Why.NO_AMMO
    if distance(unit.pos, obj.pos) > weapon.range:
        return Why.OUT_OF_RANGE
    seen = visible_tiles(state, unit.side)[obj.y, obj.x]  # a spotter's eyes count
    if not (seen and has_line_of_sight(state.grid, unit.pos, obj.pos)):
        return Why.TARGET_UNSEEN
    return None


def apply_shoot_object(state: GameState, action: ShootObject) -> list[ev.Event]:
    unit, obj, before = state.units[action.unit], state.objects[action.object], _snapshot(state)
    weapon = state.catalog.weapons[action.weapon]
    mode = weapon.mode(action.mode)
    assert mode is not None
    unit.ap -= mode.ap
    unit.overwatch = []
    unit.facing = facing_towards(unit.pos, obj.pos)
    rounds = max(1, mode.rounds)
    if weapon.magazine:
        rounds = min(rounds, unit.ammo.get(weapon.id, 0))
        unit.ammo[weapon.id] -= rounds
    chance = object_hit_chance(state, unit, obj, weapon, mode)
    hits = tuple(state.rng.percent() <= chance for _ in range(rounds))
    events: list[ev.Event] = [ObjectShot(unit.id, obj.id, weapon.id, mode.id, chance, hits)]
    armour = state.catalog.constant("object_armour") * (100 - weapon.pierce) // 100
    for _ in range(sum(hits)):
        events += _damage_object(state, obj, weapon.damage - armour, unit.id)
    events += awareness.make_noise(state, unit.pos, weapon.noise, unit)
    return _finish(state, before, unit, events)


# --- shaped charges ----------------------------------------------------------------------------
def check_place_charge(state: GameState, action: PlaceCharge) -> Why | None:
    if not (_is_int(action.x) and _is_int(action.y)):
        return Why.MALFORMED
    why = check_actor(state, action.unit)
    if why:
        return why
    unit, target = state.units[action.unit], (action.x, action.y)
    if unit.inventory.get("charge", 0) < 1:
        return Why.NO_ITEM
    if not state.grid.in_bounds(target) or not state.grid.breakable[target[1], target[0]]:
        return Why.NO_TARGET
    if min(distance(t, target) for t in unit.footprint(state.size(unit))) != 1:
        return Why.NOT_ADJACENT
    if unit.mounted_on:
        return Why.NOT_ALLOWED
    if any(o.kind == "charge" and o.pos == target for o in state.objects.values()):
        return Why.ALREADY
    return Why.OUT_OF_AP if unit.ap < state.catalog.constant("charge_place_ap") else None


def apply_place_charge(state: GameState, action: PlaceCharge) -> list[ev.Event]:
    unit, n = state.units[action.unit], 1
    unit.ap -= state.catalog.constant("charge_place_ap")
    unit.inventory["charge"] -= 1
    while f"charge{n}" in state.objects:  # a deterministic id: replays name it the same
        n += 1
    where = {"side": unit.side, "props": {"from": [unit.x, unit.y]}}
    charge = MapObject(f"charge{n}", "charge", action.x, action.y, **where)
    state.objects[charge.id] = charge
    unit.facing = facing_towards(unit.pos, charge.pos)
    return [ChargePlaced(unit.id, charge.id, action.x, action.y)]


def check_detonate(state: GameState, action: Detonate) -> Why | None:
    if not isinstance(action.charge, str):
        return Why.MALFORMED
    why = check_actor(state, action.unit)
    if why:
        return why
    unit, charge = state.units[action.unit], state.objects.get(action.charge)
    if charge is None or charge.kind != "charge":
        return Why.NO_TARGET
    if charge.side != unit.side:
        return Why.NOT_YOURS
    return Why.OUT_OF_AP if unit.ap < state.catalog.constant("charge_detonate_ap") else None


def apply_detonate(state: GameState, action: Detonate) -> list[ev.Event]:
    """Breakable tiles round the charge become rubble; debris flies on through the
    breach, away from where the charge was set; the near side takes the blast."""
    c = state.catalog.constant
    unit, before = state.units[action.unit], _snapshot(state)
    unit.ap -= c("charge_detonate_ap")
    charge = state.objects.pop(action.charge)
    (cx, cy), radius = charge.pos, c("charge_radius")
    fx, fy = charge.props.get("from", [cx, cy])
    ox, oy = int(np.sign(cx - fx)), int(np.sign(cy - fy))

    def far(tile: Pos) -> bool:
        return (tile[0] - cx) * ox + (tile[1] - cy) * oy > 0

    events: list[ev.Event] = [Burst("charge", cx, cy, radius, unit.id)]
    span = range(-radius, radius + 1)
    events += _break(
        state, [p for dy in span for dx in span if state.grid.in_bounds(p := (cx + dx, cy + dy))]
    )
    damage, pierce = c("charge_damage"), c("charge_pierce")
    events += _blast(state, charge.pos, radius, damage, pierce, unit.id, lambda t: not far(t))
    debris = c("charge_debris_range")
    events += _blast(state, charge.pos, debris, damage, pierce, unit.id, far, shift=1)
    events += awareness.make_noise(state, charge.pos, c("explosion_noise"), unit)
    return _finish(state, before, unit, events)


# --- turn start, proposals, registration -------------------------------------------------------
def at_round_start(state: GameState, side_id: str) -> list[ev.Event]:
    """Once a round (as the first side's turn starts): smoke thins, EMP'd lamps recover."""
    if state.active != 0:
        return []
    events: list[ev.Event] = []
    smoke, lamps = state.grid.smoke, _lit_lamps(state)
    if smoke.any():
        state.grid.set_smoke(smoke - (smoke > 0).astype(np.uint8))
        events.append(SmokeThinned(int(np.count_nonzero(state.grid.smoke))))
    knocked_out = [o for o in state.objects.values() if o.status.get("emp")]
    for obj in knocked_out:
        obj.status["emp"] -= 1
        if not obj.status["emp"]:
            del obj.status["emp"]
    if knocked_out:
        state.light_version += 1
        back = sorted(_lit_lamps(state) - lamps)
        events += [LightsRestored(tuple(back))] if back else []
    return events


def _aim_points(state: GameState, side: str) -> list[Pos]:
    """Where a side would lob or fire: enemies it sees, generators and lamps it knows."""
    know = state.knowledge[side]
    points = {state.units[u].pos for u in know.spotted if state.units[u].on_map}
    objects = [o for o in state.objects.values() if o.kind in TARGET_OBJECTS]
    return sorted(points | {o.pos for o in objects if know.explored[o.y, o.x]})


def propose(state: GameState, unit: Unit) -> list[Action]:
    if check_actor(state, unit.id) is not None:
        return []
    found: list[Action] = []
    points, kit, launcher = _aim_points(state, unit.side), unit.inventory, launcher_of(state, unit)
    for item in launcher.rounds if launcher else ():
        found += [Launch(unit.id, item, x, y) for x, y in points if kit.get(item, 0) > 0]
    for item in GRENADES:
        found += [Throw(unit.id, item, x, y) for x, y in points if kit.get(item, 0) > 0]
    for wid in state.utype(unit).weapons:
        if state.catalog.weapons[wid].kind == "rockets":
            found += [Bombard(unit.id, wid, x, y) for x, y in points]
    targets = [o for o in state.objects.values() if o.kind in TARGET_OBJECTS and o.hp > 0]
    for weapon in combat.ranged_weapons(state, unit) if targets else ():
        found += [
            ShootObject(unit.id, o.id, weapon.id, m.id) for o in targets for m in weapon.modes
        ]
    if kit.get("charge", 0) > 0:
        walls = [p for p in state.grid.neighbors(unit.pos) if state.grid.breakable[p[1], p[0]]]
        found += [PlaceCharge(unit.id, x, y) for x, y in walls]
    charges = [o for o in state.objects.values() if o.kind == "charge" and o.side == unit.side]
    return found + [Detonate(unit.id, o.id) for o in charges]


for _action, _check, _apply in (
    (Launch, check_lob, apply_lob),
    (Throw, check_lob, apply_lob),
    (Bombard, check_bombard, apply_bombard),
    (ShootObject, check_shoot_object, apply_shoot_object),
    (PlaceCharge, check_place_charge, apply_place_charge),
    (Detonate, check_detonate, apply_detonate),
):
    handles(_action)(Handler(_check, _apply))
PROPOSERS.append(propose)
turns.TURN_START_HOOKS.append(at_round_start)
