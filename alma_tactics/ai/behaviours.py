"""What each kind of unit does on its turn, Calendrea and Alliance alike.

A behaviour looks at one unit through the side's view and returns the next action
for it, or None when it is done for the turn. Roles come from the unit's type and
situation: sentries walk their rounds, tower guards watch, soldiers rest until
something happens; alert units fight from cover; raiders knife what they can reach
unseen and shoot what they must.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..core import rules
from ..core.actions import Action, Overwatch, Stab
from ..core.grid import Pos, distance
from ..core.light import lit_mask
from ..core.melee import adjacent, is_takedown, stab_ap
from ..core.patrol import next_waypoint
from ..core.triggers import in_rect
from ..core.units import Unit
from . import routes, tactics
from .tactics import ThreatMap
from .view import SideView

# Extra options from other rule modules (brutes, explosives): each returns scored
# candidate actions for a unit; the best one over `threshold` is taken.
OptionSource = Callable[["Turn", Unit], list[tuple[float, Action]]]
OPTION_SOURCES: list[OptionSource] = []
SHOT_THRESHOLD = 0.12  # below this a shot is a waste of AP and noise: move instead


@dataclass
class Turn:
    """One side's turn as the AI sees it; rebuilt threat map when contacts change."""

    view: SideView
    level: dict
    activations: dict[str, int] = field(default_factory=dict)
    _threat_key: tuple = ()
    _threat: ThreatMap | None = None

    @property
    def state(self):
        return self.view.state

    def threat(self) -> ThreatMap:
        contacts = self.view.contacts()
        key = tuple((c.id, c.x, c.y) for c in contacts)
        if self._threat is None or key != self._threat_key:
            self._threat = ThreatMap.build(self.view, contacts)
            self._threat_key = key
        return self._threat


def role(turn: Turn, unit: Unit) -> str:
    utype = turn.state.utype(unit)
    if "brute" in utype.tags:
        return "brute"
    if utype.capacity:
        return "transport"
    if "guard" in utype.tags or turn.view.grid.elevation[unit.y, unit.x] > 0:
        return "guard"
    if "sniper" in utype.tags:
        return "sniper"
    return "fighter"


def decide(turn: Turn, unit: Unit) -> Action | None:
    """The next action for `unit`, or None when it has nothing (more) to do."""
    if unit.ap <= 0 or unit.overwatch:
        return None
    if waiting(turn, unit.side):  # lie low: only a sure kill close by is worth it
        shot = tactics.best_shot(turn.view, unit, turn.level)
        return shot[1] if shot is not None and shot[0] >= 1.0 else None
    extra = _best_extra(turn, unit)
    if extra is not None:
        return extra
    if unit.alertness == "unaware":
        return _patrol(turn, unit)
    if unit.alertness == "suspicious":
        return _investigate(turn, unit)
    return _fight(turn, unit)


def _best_extra(turn: Turn, unit: Unit) -> Action | None:
    options = [o for source in OPTION_SOURCES for o in source(turn, unit)]
    options = [o for o in options if o[0] > 0 and rules.check(turn.state, o[1]) is None]
    if not options:
        return None
    return max(options, key=lambda o: o[0])[1]


# --- unaware and suspicious ----------------------------------------------------------------
def _patrol(turn: Turn, unit: Unit) -> Action | None:
    """Walk the patrol route a leg at a time; units without one rest."""
    if not unit.patrol or unit.ap < turn.state.utype(unit).ap:
        return None  # one leg per turn, then look around
    goal = next_waypoint(unit.pos, [tuple(p) for p in unit.patrol])
    half = turn.state.utype(unit).ap // 2
    return tactics.move_towards(turn.view, unit, goal, max_ap=half)


def _investigate(turn: Turn, unit: Unit) -> Action | None:
    """Carefully towards the newest sound heard; half the AP, keeping the rest."""
    heard = turn.view.heard(turn.state.turn - 2)
    if not heard or unit.ap < turn.state.utype(unit).ap:
        return None
    goal = min(heard[-3:], key=lambda p: distance(unit.pos, p))
    if role(turn, unit) == "guard":
        return None
    return tactics.move_towards(turn.view, unit, goal, max_ap=turn.state.utype(unit).ap // 2)


# --- alert ---------------------------------------------------------------------------------
def _fight(turn: Turn, unit: Unit) -> Action | None:
    view, level = turn.view, turn.level
    kind = role(turn, unit)
    if kind == "transport":
        return None
    takedown = _knife(turn, unit) or (_stalk(turn, unit) if kind == "fighter" else None)
    if takedown is not None:
        return takedown
    shot = tactics.best_shot(view, unit, level)
    hopeless = unit.hp * 10 <= turn.state.utype(unit).hp * 3 and turn.threat().at(unit.pos)
    if hopeless and (shot is None or shot[0] < 1.0) and kind != "guard":
        move = tactics.retreat(view, unit, turn.threat())
        if move is not None:
            return move
    if shot is not None and shot[0] > SHOT_THRESHOLD:
        return shot[1]
    if kind == "guard":
        return _watch(turn, unit)
    contacts = view.contacts()
    seen = [c for c in contacts if c.seen]
    if turn.activations.get(unit.id, 0) >= 3:
        return _watch(turn, unit)
    keep = min(
        (m.ap for w in tactics.combat.ranged_weapons(turn.state, unit) for m in w.modes), default=0
    )
    objective = objective_for(turn, unit.side)
    if seen:
        towards = objective or min(seen, key=lambda c: distance(unit.pos, c.pos)).pos
        move = tactics.choose_tile(view, unit, level, turn.threat(), seen, keep, towards)
        if move is not None:
            return move
    if objective is not None and _lights_first(turn, unit):
        return None  # hold in the dark until the man with the EMP has put the lights out
    if objective is not None:  # attackers make for the objective, through the dark
        avoid = _exposed(turn) if not view.alarm_seen() else None
        move = routes.advance(
            view,
            unit,
            objective,
            keep_ap=keep,
            breach=True,
            avoid=avoid,
            forbid=routes.blast_zone(view),
        )
        if move is not None:
            return move
    elif not seen and (post := _post(turn, unit)) is not None:
        if in_area(turn.state, unit.pos, post):
            return _watch(turn, unit)  # hold the post
        x0, y0, x1, y1 = turn.state.areas[post]
        move = routes.advance(view, unit, ((x0 + x1) // 2, (y0 + y1) // 2), keep_ap=keep)
        if move is not None:
            return move
    elif not seen:
        goal = _goal(turn, unit, contacts)
        if goal is not None:
            move = tactics.choose_tile(view, unit, level, turn.threat(), [], keep, goal)
            if move is not None:
                return move
    return _watch(turn, unit)


def waiting(turn: Turn, side: str) -> bool:
    """A side told to wait (`ai = { wait_turns = N }`) holds still for its first N turns,
    as Davis did until the transports had left the main base."""
    return turn.state.turn <= int(turn.state.side(side).ai.get("wait_turns", 0))


def _lights_first(turn: Turn, unit: Unit) -> bool:
    """Whether this raider should wait: lights still burn and a comrade (not itself)
    carries an EMP round to kill them."""
    state = turn.state
    if unit.inventory.get("emp", 0) > 0:
        return False
    carrier = any(u.inventory.get("emp", 0) > 0 and u.alive for u in state.units_of(unit.side))
    if not carrier or state.side(unit.side).alarm or turn.view.alarm_seen():
        return False
    from ..core.light import is_powered

    return any(o.kind == "spotlight" and is_powered(state, o) for o in state.objects.values())


def _post(turn: Turn, unit: Unit) -> str | None:
    """For a defender with the alarm up: the nearest area its side must hold (the
    scenario's `ai = { defend = [...] }`), if it is not a tower guard."""
    state = turn.state
    areas = [a for a in state.side(unit.side).ai.get("defend", []) if a in state.areas]
    if not areas or not state.side(unit.side).alarm or role(turn, unit) == "guard":
        return None

    def gap(area: str) -> int:
        x0, y0, x1, y1 = state.areas[area]
        return max(x0 - unit.x, unit.x - x1, y0 - unit.y, unit.y - y1, 0)

    return min(areas, key=lambda a: (gap(a), a))


def _exposed(turn: Turn):
    """Where a stealthy unit would be spotted: lit tiles, and tiles a known enemy sees
    within its night sight."""
    return lit_mask(turn.state) | (turn.threat().spots > 0)


def _watch(turn: Turn, unit: Unit) -> Action | None:
    """Overwatch with the cheapest mode if an enemy may come."""
    if not turn.view.contacts() and not turn.view.heard(turn.state.turn - 2):
        return None
    for weapon in tactics.combat.ranged_weapons(turn.state, unit):
        for mode in sorted(weapon.modes, key=lambda m: m.ap):
            action = Overwatch(unit.id, weapon.id, mode.id)
            if rules.check(turn.state, action) is None:
                return action
    return None


def _goal(turn: Turn, unit: Unit, contacts) -> Pos | None:
    """Where this unit is heading: the nearest known enemy, a noise, or the objective."""
    if contacts:
        return min(contacts, key=lambda c: (not c.seen, distance(unit.pos, c.pos))).pos
    heard = turn.view.heard(turn.state.turn - 3)
    if heard:
        return min(heard, key=lambda p: distance(unit.pos, p))
    return objective_for(turn, unit.side)


def objective_for(turn: Turn, side: str) -> Pos | None:
    """Where `side` attacks: the centre of an area whose entry or holding wins it the
    battle, else the area its scenario hints name (`ai = { attack = ... }`)."""
    state = turn.state
    for trigger in state.triggers:
        wins = any(e.get("victory") == side for e in trigger.get("then", []))
        for condition in trigger.get("when", []):
            arg = condition.get("enters") or condition.get("held")
            if wins and arg and arg.get("side") == side and arg["area"] in state.areas:
                x0, y0, x1, y1 = state.areas[arg["area"]]
                return ((x0 + x1) // 2, (y0 + y1) // 2)
    attack = state.side(side).ai.get("attack")
    if attack in state.areas:
        x0, y0, x1, y1 = state.areas[attack]
        return ((x0 + x1) // 2, (y0 + y1) // 2)
    return None


def _knife(turn: Turn, unit: Unit) -> Action | None:
    """Raiders: a takedown on an adjacent enemy caught unaware."""
    if "knife" not in turn.state.utype(unit).weapons:
        return None
    for enemy in turn.view.seen_enemies():
        if adjacent(turn.state, unit, enemy) and is_takedown(turn.state, unit, enemy):
            action = Stab(unit.id, enemy.id)
            if rules.check(turn.state, action) is None and unit.ap >= stab_ap(
                turn.state, unit, enemy
            ):
                return action
    return None


def _stalk(turn: Turn, unit: Unit) -> Action | None:
    """Raiders: creep next to an unaware enemy, out of every other contact's sight,
    keeping the AP for the knife."""
    state = turn.state
    if "knife" not in state.utype(unit).weapons:
        return None
    prey = [
        e
        for e in turn.view.seen_enemies()
        if e.alertness == "unaware" and state.utype(e).size == 1 and role(turn, e) != "guard"
    ]
    if not prey:
        return None
    threat = turn.threat()
    knife_ap = state.catalog.constant("knife_takedown_ap")
    reach = tactics.reachable(state, unit, max(0, unit.ap - knife_ap))
    best = None
    for enemy in sorted(prey, key=lambda e: distance(unit.pos, e.pos)):
        for tile, cost in reach.tiles():
            if distance(tile, enemy.pos) == 1 and threat.at(tile) <= 1:
                key = (cost, tile)
                if best is None or key < best[0]:
                    best = (key, tile)
        if best:
            return tactics._move(turn.view, unit, reach, best[1])
    return None


def in_area(state, pos: Pos, area: str) -> bool:
    rect = state.areas.get(area)
    return rect is not None and in_rect(pos, rect)
