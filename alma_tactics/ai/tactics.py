"""Shared judgement for computer players: which shot, which tile, how exposed.

Everything is computed from a SideView. The threat map is built from what the side
knows of the enemy (seen units and ghosts): each contact's field of view, windowed,
which by symmetry is also where we could shoot it from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core import combat, rules
from ..core.actions import Action, Move, Shoot
from ..core.grid import Pos, distance
from ..core.light import lit_mask, night_sight_bonus
from ..core.movement import Reach, reachable
from ..core.sight import fov
from ..core.units import Unit
from .view import Contact, SideView

LEVELS = {
    # how well each difficulty thinks: tiles weighed per move, focus fire, threat-aware
    "easy": {"tiles": 8, "focus": False, "threat": 0.3, "eye": False},
    "normal": {"tiles": 40, "focus": True, "threat": 1.0, "eye": True},
    "hard": {"tiles": 120, "focus": True, "threat": 1.5, "eye": True},
}


@dataclass
class ThreatMap:
    """How many known enemies see each tile (`seen_by`: their line of sight, where
    they can shoot), and how many would *spot* a unit there (`spots`: line of sight
    and lit, or within their night sight, one tile of margin), as whole-map arrays."""

    seen_by: np.ndarray
    spots: np.ndarray

    @classmethod
    def build(cls, view: SideView, contacts: list[Contact]) -> ThreatMap:
        grid = view.grid
        seen_by = np.zeros((grid.height, grid.width), np.int16)
        spots = np.zeros_like(seen_by)
        lit = lit_mask(view.state)
        bonus = night_sight_bonus(view.state)
        for contact in contacts:
            utype = view.catalog.units[contact.type_id]
            level = int(grid.elevation[contact.y, contact.x])
            x0, y0, window = fov(grid.transparency(level), contact.pos, utype.sight)
            h, w = window.shape
            seen_by[y0 : y0 + h, x0 : x0 + w] += window
            ys, xs = np.ogrid[y0 : y0 + h, x0 : x0 + w]
            near = utype.night_sight + bonus + 1
            close = (xs - contact.x) ** 2 + (ys - contact.y) ** 2 <= near * near
            spots[y0 : y0 + h, x0 : x0 + w] += window & (lit[y0 : y0 + h, x0 : x0 + w] | close)
        return cls(seen_by, spots)

    def at(self, pos: Pos) -> int:
        return int(self.seen_by[pos[1], pos[0]])


def cover_map(view: SideView) -> np.ndarray:
    """Best cover a unit standing on each tile can hope for: its own tile, or a
    blocker next to it (a wall, a rock, a half wall). Cached per terrain version."""
    cache = view.state.cache
    key = ("ai_cover", view.grid.version)
    if cache.get("ai_cover_key") == key:
        return cache["ai_cover"]
    grid = view.grid
    cover = grid.cover.astype(np.int16)
    best = cover.copy()
    padded = np.pad(cover, 1)
    h, w = cover.shape
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            if dx or dy:
                best = np.maximum(best, padded[1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w])
    best[grid.move_cost == 0] = 0
    cache["ai_cover_key"], cache["ai_cover"] = key, best
    return best


def shot_options(view: SideView, unit: Unit, level: dict) -> list[tuple[float, Action]]:
    """Every legal shot at a seen enemy, scored by expected harm to the enemy."""
    state = view.state
    options: list[tuple[float, Action]] = []
    for enemy in view.seen_enemies():
        if not enemy.on_map or distance(unit.pos, enemy.pos) > 40:
            continue
        for weapon in combat.ranged_weapons(state, unit):
            if distance(unit.pos, enemy.pos) > weapon.range:
                continue
            for mode in weapon.modes:
                aims = ["body"]
                if level["eye"] and mode.aimed and combat.can_eye_shot(state, enemy):
                    aims.append("eye")
                for aim in aims:
                    action = Shoot(unit.id, enemy.id, weapon.id, mode.id, aim)
                    if rules.check(state, action) is not None:
                        continue
                    options.append((shot_value(view, unit, enemy, weapon.id, mode.id, aim), action))
    return options


def shot_value(view: SideView, unit: Unit, enemy: Unit, weapon: str, mode: str, aim: str) -> float:
    """Chance of a kill and harm done, weighted by how dangerous the enemy is.

    Against an enemy that has not noticed anything, a shot that fails to kill wakes
    it (and the alarm follows), so while the quiet lasts only likely kills are worth
    taking: the rest of the value is spent on the risk."""
    state = view.state
    kill = kill_chance(state, unit, enemy, weapon, mode, aim)
    harm = min(1.0, combat.expected_damage(state, unit, enemy, weapon, mode, aim) / enemy.hp)
    danger = 1.0 + state.utype(enemy).aim / 100 + (0.5 if enemy.alertness == "alert" else 0)
    if enemy.alertness != "alert" and not view.alarm_seen():
        return kill * danger - (1 - kill) * 1.5
    return max(kill, harm) * danger


def kill_chance(state, unit: Unit, enemy: Unit, weapon_id: str, mode_id: str, aim: str) -> float:
    """Probability that this one shot kills: an eye hit on an eye-kill target, or enough
    body hits (binomial over the rounds, each hit counted at its average damage)."""
    chance = combat.hit_chance(state, unit, enemy, mode_id, weapon_id, aim) / 100
    if aim == "eye":
        return chance if "eye_kill" in state.utype(enemy).tags else 0.0
    weapon = state.catalog.weapons[weapon_id]
    fire = weapon.mode(mode_id)
    rounds = max(1, fire.rounds if fire else 1)
    low, high = combat.damage_range(state, weapon, enemy)
    average = (low + high) / 2
    if average <= 0 or high * rounds < enemy.hp:
        return 0.0
    needed = max(1, math.ceil(enemy.hp / average))
    if needed > rounds:
        return 0.0
    return sum(
        math.comb(rounds, k) * chance**k * (1 - chance) ** (rounds - k)
        for k in range(needed, rounds + 1)
    )


def best_shot(view: SideView, unit: Unit, level: dict) -> tuple[float, Action] | None:
    options = shot_options(view, unit, level)
    if level["focus"]:  # coordination: finish what a comrade has wounded
        options = [
            (value * 1.25 if _wounded(view, action) else value, action) for value, action in options
        ]
    if not options:
        return None
    return max(options, key=lambda o: (o[0], -_ap(view, o[1])))


def _wounded(view: SideView, action: Action) -> bool:
    target = view.state.units.get(getattr(action, "target", ""))
    return target is not None and target.hp < view.state.utype(target).hp


def _ap(view: SideView, action: Action) -> int:
    if isinstance(action, Shoot):
        return view.catalog.weapons[action.weapon].mode(action.mode).ap
    return 0


def move_towards(
    view: SideView, unit: Unit, goal: Pos, reach: Reach | None = None, max_ap: int | None = None
) -> Move | None:
    """A legal move that ends as close to `goal` as the unit can get this turn."""
    reach = reach or reachable(view.state, unit, max_ap)
    tiles = reach.tiles()
    if not tiles:
        return None
    best = min(tiles, key=lambda t: (distance(t[0], goal), t[1], t[0]))
    if best[0] == unit.pos or distance(best[0], goal) >= distance(unit.pos, goal):
        return None
    return _move(view, unit, reach, best[0])


def _move(view: SideView, unit: Unit, reach: Reach, goal: Pos) -> Move | None:
    path = reach.path_to(goal)
    if not path:
        return None
    action = Move(unit.id, tuple(path))
    return action if rules.check(view.state, action) is None else None


def choose_tile(
    view: SideView,
    unit: Unit,
    level: dict,
    threat: ThreatMap,
    targets: list[Contact],
    keep_ap: int,
    towards: Pos | None = None,
) -> Move | None:
    """The best tile to move to: covered, able to shoot a target, not over-exposed.

    Only the `level["tiles"]` most promising tiles (by distance to the fight) are
    weighed in full, which is what the difficulty levels trade.
    """
    state = view.state
    reach = reachable(state, unit, max(0, unit.ap - keep_ap))
    tiles = [t for t in reach.tiles() if t[0] != unit.pos]
    if not tiles:
        return None
    cover = cover_map(view)
    goal = towards or (targets[0].pos if targets else None)
    if goal is not None:
        tiles.sort(key=lambda t: (distance(t[0], goal), t[1], t[0]))
    candidates = tiles[: level["tiles"]]
    weapon_range = max((w.range for w in combat.ranged_weapons(state, unit)), default=1)

    def score(tile: Pos, cost: int) -> float:
        value = cover[tile[1], tile[0]] / 25
        seen = threat.at(tile)
        value -= level["threat"] * seen * (1 - cover[tile[1], tile[0]] / 100)
        if seen and any(distance(tile, c.pos) <= weapon_range for c in targets):
            value += 3.0  # can shoot from here next
        if goal is not None:
            value -= distance(tile, goal) / 8
        return value

    here = score(unit.pos, 0)
    best = max(candidates, key=lambda t: (score(*t), -t[1], t[0]))
    if score(*best) <= here + 0.25:
        return None
    return _move(view, unit, reach, best[0])


def retreat(view: SideView, unit: Unit, threat: ThreatMap) -> Move | None:
    """A badly hurt unit under the enemy's eyes falls back to the least watched tile."""
    reach = reachable(view.state, unit)
    here = threat.at(unit.pos)
    best = None
    for tile, cost in reach.tiles():
        seen = threat.at(tile)
        if seen < here and (best is None or (seen, cost, tile) < best[0]):
            best = ((seen, cost, tile), tile)
    return _move(view, unit, reach, best[1]) if best else None
