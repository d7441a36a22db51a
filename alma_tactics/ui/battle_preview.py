"""What an action would cost before it is committed: AP, hit chances, noise, exposure.

Pure functions over the state (no pygame), read by the battle screen's tooltips,
preview box and overlay. Everything about the enemy comes from what the viewing
side knows: enemies it sees now (`knowledge.spotted`) and ghosts where it last saw
others (`knowledge.ghosts`). An enemy it has neither seen nor heard is never
counted, named or drawn, so the preview cannot leak; it says "and anyone unseen"
instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..core import combat, melee, sight
from ..core.actions import Action, Move, Overwatch, Reload, Shoot, Stab, Turn
from ..core.grid import Pos, distance
from ..core.light import ambient_lit, is_powered, lit_mask
from ..core.units import Unit

if TYPE_CHECKING:
    from ..core.state import GameState


# --- what the side knows of the enemy -----------------------------------------------------------
@dataclass(frozen=True)
class Contact:
    """An enemy as the viewing side knows it: in sight now, or a ghost."""

    id: str
    type_id: str
    x: int
    y: int
    seen: bool  # in sight now (else a ghost, last seen on `turn`)
    turn: int

    @property
    def pos(self) -> Pos:
        return (self.x, self.y)


def contacts(state: GameState, side: str) -> list[Contact]:
    """Enemies in sight now, then ghosts, each once, in id order."""
    know = state.knowledge[side]
    out = [
        Contact(u.id, u.type_id, u.x, u.y, True, state.turn)
        for uid in sorted(know.spotted)
        if (u := state.units.get(uid)) is not None and u.on_map
    ]
    out += [
        Contact(g.unit, g.type_id, g.x, g.y, False, g.turn)
        for _, g in sorted(know.ghosts.items())
        if g.unit not in know.spotted
    ]
    return out


def contact_label(state: GameState, contact: Contact) -> str:
    """ "Sentry1", or "Sentry1 (last seen turn 2)" for a ghost."""
    from ..render.words import plain_name

    name = plain_name(state, contact.id)
    return name if contact.seen else f"{name} (last seen turn {contact.turn})"


def contact_at(state: GameState, side: str, tile: Pos) -> Contact | None:
    """The known enemy (seen, else ghost) covering `tile`, if any."""
    for c in contacts(state, side):
        size = state.catalog.units[c.type_id].size
        if c.x <= tile[0] < c.x + size and c.y <= tile[1] < c.y + size:
            return c
    return None


def visible_unit_at(state: GameState, side: str, tile: Pos) -> Unit | None:
    """The unit at `tile` if the side may know of it: its own or a friend's, or an enemy
    in sight. An unseen enemy standing there is *not* returned."""
    unit = state.unit_at(tile)
    if unit is None:
        return None
    if not state.are_enemies(side, unit.side) or unit.id in state.knowledge[side].spotted:
        return unit
    return None


# --- action points -------------------------------------------------------------------------------
def action_ap(state: GameState, action: Action) -> int | None:
    """What `action` costs in AP (None if it cannot be priced; overwatch takes the rest)."""
    c = state.catalog.constants
    unit = state.units.get(getattr(action, "unit", ""))
    name = type(action).__name__
    if unit is None:
        return None
    if isinstance(action, Move):
        from ..core.movement import path_cost

        return path_cost(state, unit, [tuple(p) for p in action.path])
    if isinstance(action, Turn):
        return c.get("turn_ap", 1)
    if isinstance(action, Shoot) or name == "ShootObject":
        weapon = state.catalog.weapons.get(action.weapon)
        mode = weapon.mode(action.mode) if weapon else None
        return mode.ap if mode else None
    if isinstance(action, Overwatch):
        return unit.ap
    if isinstance(action, Reload):
        weapon = state.catalog.weapons.get(action.weapon)
        return weapon.reload_ap if weapon else None
    if isinstance(action, Stab):
        target = state.units.get(action.target)
        return melee.stab_ap(state, unit, target) if target else None
    if name == "Throw":
        return c.get("throw_ap")
    if name == "Launch":
        from ..core.explosives import launcher_of

        launcher = launcher_of(state, unit)
        return launcher.modes[0].ap if launcher else None
    if name == "Bombard":
        weapon = state.catalog.weapons.get(action.weapon)
        return weapon.modes[0].ap if weapon else None
    fixed = {
        "PlaceCharge": "charge_place_ap",
        "Detonate": "charge_detonate_ap",
        "Board": "board_ap",
        "Unload": "unboard_ap",
        "Charge": "brute_charge_ap",
        "Slam": "brute_slam_ap",
        "TailStab": "tail_stab_ap",
        "ThrowOff": "throw_off_ap",
        "Roar": "roar_ap",
        "Dismount": "dismount_ap",
        "Grapple": "grapple_ap",
    }
    if name in fixed:
        return c.get(fixed[name])
    if name in ("TailSweep", "Maul"):
        weapon = state.catalog.weapons.get("tail" if name == "TailSweep" else "claws")
        return weapon.modes[0].ap if weapon else None
    if name == "BruteFight":
        from ..core.brute_fights import MOVE_AP

        key = MOVE_AP.get(action.move)
        return c.get(key) if key else None
    return None


# --- noise ---------------------------------------------------------------------------------------
def action_noises(state: GameState, action: Action) -> list[tuple[Pos, int]]:
    """The sounds `action` would make: (where, radius in tiles). Silent actions give []."""
    c = state.catalog.constants
    unit = state.units.get(getattr(action, "unit", ""))
    if unit is None:
        return []
    name = type(action).__name__
    out: list[tuple[Pos, int]] = []
    if isinstance(action, Move):
        radius = state.utype(unit).move_noise
        if radius > 0:
            out += [(tuple(p), radius) for p in action.path]
    elif isinstance(action, Shoot | Overwatch) or name == "ShootObject":
        weapon = state.catalog.weapons.get(action.weapon)
        if weapon is not None and weapon.noise > 0:
            out.append((unit.pos, weapon.noise))
    elif name in ("Throw", "Launch"):
        item = action.item if name == "Throw" else action.round
        if name == "Launch":
            from ..core.explosives import launcher_of

            launcher = launcher_of(state, unit)
            if launcher is not None and launcher.noise > 0:
                out.append((unit.pos, launcher.noise))
        burst = {"smoke": "smoke_noise", "emp": "emp_noise"}.get(item, "explosion_noise")
        out.append(((action.x, action.y), c.get(burst, 0)))
    elif name == "Bombard":
        weapon = state.catalog.weapons.get(action.weapon)
        if weapon is not None:
            out.append((unit.pos, weapon.noise))
        out.append(((action.x, action.y), c.get("explosion_noise", 0)))
    elif name == "Detonate":
        charge = state.objects.get(action.charge)
        if charge is not None:
            out.append((charge.pos, c.get("explosion_noise", 0)))
    elif name == "Roar":
        out.append((unit.pos, c.get("brute_roar_noise", 0)))
    elif name in ("TailSweep", "Maul"):
        weapon = state.catalog.weapons.get("tail" if name == "TailSweep" else "claws")
        if weapon is not None:
            out.append((unit.pos, weapon.noise))
    return [(p, r) for p, r in out if r > 0]


def ring(noises: list[tuple[Pos, int]]) -> list[tuple[Pos, int]]:
    """The rings worth drawing: the loudest sound at each place, a move's last step only."""
    best: dict[Pos, int] = {}
    for pos, radius in noises:
        best[pos] = max(best.get(pos, 0), radius)
    if len(best) > 2:  # a walk: one ring at its end is enough to read
        last = noises[-1][0]
        return [(last, best[last])]
    return sorted(best.items())


def hearers(state: GameState, side: str, noises: list[tuple[Pos, int]]) -> list[Contact]:
    """Known enemies within earshot of any of `noises` (the rules' dx^2+dy^2 <= r^2)."""
    found = []
    for contact in contacts(state, side):
        for (x, y), radius in noises:
            dx, dy = contact.x - x, contact.y - y
            if dx * dx + dy * dy <= radius * radius:
                found.append(contact)
                break
    return found


def loud(state: GameState, noises: list[tuple[Pos, int]]) -> bool:
    return any(r >= state.catalog.constants.get("loud_noise", 10) for _, r in noises)


# --- light and watchers --------------------------------------------------------------------------
def lamps_lighting(state: GameState, tile: Pos) -> list[str]:
    """Ids of the burning spotlights whose light reaches `tile` (cached per light state)."""
    key = (state.grid.version, state.light_version, state.ambient)
    cache = state.cache.get("ui_lamp_masks")
    if cache is None or cache[0] != key:
        from ..core.light import _add_spotlight

        masks = {}
        shape = (state.grid.height, state.grid.width)
        for obj in state.objects.values():
            if obj.kind == "spotlight" and is_powered(state, obj):
                mask = np.zeros(shape, np.bool_)
                _add_spotlight(state, obj, mask)
                masks[obj.id] = mask
        cache = (key, masks)
        state.cache["ui_lamp_masks"] = cache
    x, y = tile
    return [lamp for lamp, mask in sorted(cache[1].items()) if mask[y, x]]


def _view_of_contact(state: GameState, contact: Contact):
    """What a known enemy sees: its real view when in sight (everything it depends on,
    its place, kind and facing, is in plain view), else an estimate from its ghost's
    tile, looking all round."""
    vision = sight.vision_of(state)
    if contact.seen:
        view = vision.views.get(contact.id)
        if view is not None:
            return view
    phantom = Unit(contact.id, contact.type_id, "", contact.x, contact.y, 1, 0)
    return sight.compute_view(state, phantom, vision)


def watchers(state: GameState, side: str, unit: Unit, tile: Pos) -> list[Contact]:
    """Known enemies that would see `unit` standing at `tile`."""
    utype = state.utype(unit)
    warm = utype.blood == "warm"
    tiles = unit.footprint(utype.size, at=tile)
    found = []
    for contact in contacts(state, side):
        view = _view_of_contact(state, contact)
        for t in tiles:
            if state.grid.smoke[t[1], t[0]]:
                if distance(contact.pos, t) <= 1:
                    found.append(contact)
                    break
                continue
            if view.covers(t, view.seen) or (warm and view.covers(t, view.infrared)):
                found.append(contact)
                break
    return found


def watched_tiles(state: GameState, side: str) -> set[Pos]:
    """Every tile some known enemy sees (the detection-risk overlay), within what the side
    has explored."""
    explored = state.knowledge[side].explored
    mask = np.zeros(explored.shape, np.bool_)
    for contact in contacts(state, side):
        view = _view_of_contact(state, contact)
        h, w = view.seen.shape
        mask[view.y0 : view.y0 + h, view.x0 : view.x0 + w] |= view.seen
    mask &= explored
    ys, xs = np.nonzero(mask)
    return {(int(x), int(y)) for y, x in zip(ys, xs, strict=True)}


def in_tower(state: GameState, contact: Contact) -> bool:
    return bool(state.grid.elevation[contact.y, contact.x] > 0)


@dataclass
class Exposure:
    """How exposed a unit would be at a tile: light, and who would see it."""

    lit: bool
    daylight: bool
    lamps: list[str] = field(default_factory=list)
    watchers: list[Contact] = field(default_factory=list)

    def lines(self, state: GameState) -> list[str]:
        if self.daylight:
            light = "In daylight"
        elif self.lit:
            light = "LIT by " + ", ".join(self.lamps) if self.lamps else "LIT"
        else:
            light = "Dark"
        out = [light]
        if self.watchers:
            names = [
                contact_label(state, c) + (" in a tower" if in_tower(state, c) else "")
                for c in self.watchers
            ]
            out.append("WATCHED by " + ", ".join(names))
        else:
            out.append("Not watched by any known enemy")
        return out


def exposure(state: GameState, side: str, unit: Unit, tile: Pos) -> Exposure:
    lit = bool(lit_mask(state)[tile[1], tile[0]])
    day = ambient_lit(state)
    lamps = [] if day else lamps_lighting(state, tile)
    return Exposure(lit, day, lamps, watchers(state, side, unit, tile))


# --- shooting ------------------------------------------------------------------------------------
@dataclass
class ShotOption:
    weapon: str
    weapon_name: str
    mode: str
    aim: str
    ap: int
    rounds: int
    chance: int
    expected: float
    why_not: str  # "" when the shot is legal now
    modifiers: list[tuple[str, int]]

    @property
    def label(self) -> str:
        return f"eye shot ({self.mode})" if self.aim == "eye" else self.mode


def shot_options(state: GameState, shooter: Unit, target: Unit) -> list[ShotOption]:
    """Every way `shooter` could shoot at `target`, with its hit chance and expected damage
    (from `combat.hit_chance` / `expected_damage` / `hit_modifiers`)."""
    from ..core import rules

    out = []
    for weapon in combat.ranged_weapons(state, shooter):
        for mode in weapon.modes:
            aims = ["body"]
            if mode.aimed and combat.can_eye_shot(state, target):
                aims.append("eye")
            for aim in aims:
                why = rules.check(state, Shoot(shooter.id, target.id, weapon.id, mode.id, aim))
                out.append(
                    ShotOption(
                        weapon=weapon.id,
                        weapon_name=weapon.name,
                        mode=mode.id,
                        aim=aim,
                        ap=mode.ap,
                        rounds=max(1, mode.rounds),
                        chance=combat.hit_chance(state, shooter, target, mode.id, weapon.id, aim),
                        expected=combat.expected_damage(
                            state, shooter, target, weapon.id, mode.id, aim
                        ),
                        why_not=str(why) if why else "",
                        modifiers=combat.hit_modifiers(
                            state, shooter, target, weapon, mode.id, aim
                        ),
                    )
                )
    return out


def modifiers_text(modifiers: list[tuple[str, int]]) -> str:
    return ", ".join(f"{name} {value:+d}" for name, value in modifiers)


def shot_line(option: ShotOption) -> str:
    rounds = f"{option.rounds} x " if option.rounds > 1 else ""
    if option.aim == "eye":
        result = f"{option.chance}% to hit the eye"
    else:
        result = f"{rounds}{option.chance}% · exp. dmg {option.expected:.1f}"
    why = f"  [{option.why_not}]" if option.why_not else ""
    return f"{option.label.capitalize()} ({option.ap} AP): {result}{why}"


def melee_lines(state: GameState, attacker: Unit, target: Unit) -> list[str]:
    """The knife's chance against an adjacent target (takedown when unaware)."""
    if "knife" not in state.utype(attacker).weapons or not melee.adjacent(state, attacker, target):
        return []
    ap = melee.stab_ap(state, attacker, target)
    if melee.is_takedown(state, attacker, target):
        return [f"Knife ({ap} AP): silent takedown, certain"]
    return [f"Knife ({ap} AP): {melee.stab_chance(state, attacker, target)}% to hit, silent"]


# --- blasts --------------------------------------------------------------------------------------
@dataclass
class Blast:
    tile: Pos
    radius: int
    scatter: int  # how many tiles off it may land
    scatter_chance: int  # percent chance it lands off target


def blast_of(state: GameState, action: Action) -> Blast | None:
    """Where a grenade, round, salvo or charge would burst, and how far it may scatter."""
    c = state.catalog.constants
    unit = state.units.get(getattr(action, "unit", ""))
    name = type(action).__name__
    if unit is None:
        return None
    if name in ("Throw", "Launch", "Bombard"):
        from ..core.explosives import launcher_of, scatter_chance

        target = (action.x, action.y)
        item = getattr(action, "item", None) or getattr(action, "round", None) or "rocket"
        if name == "Bombard":
            weapon = state.catalog.weapons.get(action.weapon)
            radius = weapon.area if weapon else 1
        elif item == "smoke":
            radius = c["smoke_radius"] + (
                c["launcher_smoke_extra_radius"] if name == "Launch" else 0
            )
        elif item == "emp":
            radius = c["emp_radius"]
        elif item == "rocket":
            launcher = launcher_of(state, unit)
            radius = launcher.area if launcher else 1
        else:
            radius = c["frag_radius"]
        chance = scatter_chance(state, unit.pos, target)
        spread = distance(unit.pos, target) // c["scatter_spread_tiles"]
        return Blast(target, radius, (1 + spread) if chance else 0, chance)
    if name == "Detonate":
        charge = state.objects.get(action.charge)
        return Blast(charge.pos, c["charge_radius"], 0, 0) if charge else None
    if name == "PlaceCharge":
        return Blast((action.x, action.y), c["charge_radius"], 0, 0)
    return None


def in_blast(state: GameState, side: str, blast: Blast) -> list[str]:
    """Who the side knows of inside the blast (scatter included): own units first."""
    from ..render.words import plain_name

    reach = blast.radius + blast.scatter
    names = []
    for unit in sorted(state.units.values(), key=lambda u: u.id):
        mine = unit.on_map and not state.are_enemies(side, unit.side)
        if mine and distance(unit.pos, blast.tile) <= reach:
            names.append(f"{plain_name(state, unit.id)} (yours!)")
    for contact in contacts(state, side):
        if distance(contact.pos, blast.tile) <= reach:
            names.append(contact_label(state, contact))
    return names
