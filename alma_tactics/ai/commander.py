"""The main base's commander: who to send where, by land transport and drop ship.

A scenario names what a side holds: `[[side]] ai = { base = A, defend = [A, ...],
keep = N }` (docs/scenario-format.md). At the start of each of the side's turns
`plan` weighs what the side *knows* of every area it defends, through its
`SideView` only: enemies seen near the area or lost sight of there lately, noises
heard there, its own units hurt there (`state.flags["attacked:<area>"]`, which
records the side's own units being hit). An area still held and under threat asks
for help in proportion to the threat, less what its garrison can do itself; the
base sends what it can spare (keeping `keep` at home) by loading transports and
driving them there, nearest and neediest first. No timers: if nothing is
attacked nobody moves; a light attack draws a little help; if the base itself is
attacked, transports come home and nobody else leaves.

Nothing is remembered between turns: a loaded transport drives to whichever area
needs it most *now* (what is already on its way there counted), so a reloaded game
plans the same. `next_action` then turns the orders into actions one at a time:
boarders walk to their transport and `Board`, transports `Move` along a whole-map
path (drop ships over anything flyable), riders `Unload` on arrival.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import tcod.path

from ..core import rules
from ..core.actions import Action, Move
from ..core.grid import DIRECTIONS, Pos, distance
from ..core.melee import adjacent
from ..core.movement import blocked_by_objects, reachable
from ..core.state import GameState
from ..core.transports import Board, Unload, can_ride, exits, is_transport, passengers, room_left
from ..core.units import Unit
from .view import SideView

MARGIN = 6  # tiles around an area in which enemies and noises count as attacking it
RECENT = 2  # turns for which a ghost, a noise or a wound still counts
ARRIVE = 2  # a transport this close to its area has arrived: its riders get out
RECALL_THREAT = 2  # the least base threat that may call everyone home
DEFAULT_KEEP = 6  # riders the base keeps at home unless the scenario says otherwise
LOAD_TURNS = 2  # an empty transport waits for boarders at most this many turns away
MAX_STEPS = 12  # actions per unit per turn under orders: a guard against dithering
FAR = np.iinfo(np.int32).max


@dataclass
class Orders:
    """One turn's orders for a side, from `plan`. Unit ids only, so a rebuilt state
    (undo) is fine."""

    base: str  # "" for a side without hints: its transports just let riders out
    threat: dict[str, int] = field(default_factory=dict)  # area -> how hard attacked
    need: dict[str, int] = field(default_factory=dict)  # area worth saving -> riders wanted
    board: dict[str, str] = field(default_factory=dict)  # unit -> transport to board
    drive: dict[str, str] = field(default_factory=dict)  # transport -> area to drive to
    unload: set[str] = field(default_factory=set)  # transports whose riders get out here
    wait: set[str] = field(default_factory=set)  # empty transports that wait for boarders
    recall: bool = False

    @property
    def sending(self) -> bool:
        return any(area != self.base for area in self.drive.values()) or bool(self.board)

    def commands(self, unit_id: str) -> bool:
        """Whether the unit acts under these orders (and only under them) this turn."""
        return unit_id in self.board or unit_id in self.drive or unit_id in self.unload


# --- what the side knows ----------------------------------------------------------------------
def _grow(rect: list[int], margin: int) -> list[int]:
    x0, y0, x1, y1 = rect
    return [x0 - margin, y0 - margin, x1 + margin, y1 + margin]


def _inside(pos: Pos, rect: list[int]) -> bool:
    return rect[0] <= pos[0] <= rect[2] and rect[1] <= pos[1] <= rect[3]


def centre(rect: list[int]) -> Pos:
    return ((rect[0] + rect[2]) // 2, (rect[1] + rect[3]) // 2)


def strength(state: GameState, type_id: str) -> int:
    """How much an enemy of this type counts in an attack (a rifleman is 2)."""
    utype = state.catalog.units[type_id]
    if utype.capacity:
        return 1  # an unarmed transport: someone is coming, not yet fighting
    if utype.species == "mech" or utype.size > 1:
        return 4
    return 3 if utype.hero else 2


def area_threat(view: SideView, area: str) -> int:
    """How hard the side believes `area` is being attacked, from its knowledge only:
    enemies seen near it now or lost sight of there lately, noises heard there
    (at most three: one gun firing all turn is still one gun), a recent wound."""
    state = view.state
    rect = state.areas.get(area)
    if rect is None:
        return 0
    near = _grow(rect, MARGIN)
    score = 0
    for contact in view.contacts():
        if (contact.seen or view.turn - contact.turn <= RECENT) and _inside(contact.pos, near):
            score += strength(state, contact.type_id)
    score += min(3, sum(1 for pos in view.heard(view.turn - RECENT) if _inside(pos, near)))
    attacked = state.flags.get(f"attacked:{area}")
    if attacked is not None and view.turn - attacked <= RECENT:
        score += 3
    return score


def holders(view: SideView, area: str) -> list[Unit]:
    """The side's units standing in `area` (not its vehicles): its garrison there."""
    state = view.state
    rect = state.areas[area]
    return [u for u in view.my_units() if _inside(u.pos, rect) and not is_transport(state, u)]


# --- the plan ---------------------------------------------------------------------------------
def plan(view: SideView) -> Orders:
    """This turn's orders for the side, derived from its knowledge and its own units."""
    state = view.state
    hints = state.side(view.side).ai or {}
    transports = sorted((u for u in view.my_units() if is_transport(state, u)), key=lambda u: u.id)
    base = hints.get("base")
    if not isinstance(base, str) or base not in state.areas:
        # no commander: whoever rides somewhere gets out and fights
        return Orders("", unload={t.id for t in transports if passengers(state, t)})
    defend = [a for a in hints.get("defend", []) if a in state.areas and a != base]
    threat = {a: area_threat(view, a) for a in [base, *defend]}
    orders = Orders(base, threat)
    base_rect = state.areas[base]
    at_home = [t for t in transports if _inside(t.pos, base_rect)]
    away = [t for t in transports if not _inside(t.pos, base_rect)]
    if _base_attacked(view, base, threat[base]):
        # the base itself is attacked: everyone comes home, riders get out at home
        orders.recall = True
        for t in at_home:
            if passengers(state, t):
                orders.unload.add(t.id)
        for t in away:
            orders.drive[t.id] = base
        return orders
    for area in defend:
        garrison = len(holders(view, area))
        if threat[area] > 0 and garrison:  # a target nobody holds any more is lost
            orders.need[area] = max(1, threat[area] - garrison // 2)
    remaining = dict(orders.need)
    for t in away:  # already out: on to where they are needed most, or home
        if not passengers(state, t):
            orders.drive[t.id] = base
            continue
        goal = _choose(state, t, remaining, positive_only=False)
        orders.drive[t.id] = goal or base
        if goal:
            remaining[goal] -= len(passengers(state, t))
    spare = _spare(view, base_rect, at_home, int(hints.get("keep", DEFAULT_KEEP)))
    for t in at_home:
        riders = len(passengers(state, t))
        goal = _choose(state, t, remaining, positive_only=True)
        if goal is None:
            if riders:
                orders.unload.add(t.id)  # help is no longer wanted: back to the garrison
            continue
        want = min(room_left(state, t), remaining[goal])
        turns = LOAD_TURNS if not riders else 1
        chosen = _boarders(state, t, spare, want, turns)
        for unit in chosen:
            orders.board[unit.id] = t.id
            spare.remove(unit)
        if riders or chosen:
            orders.drive[t.id] = goal
            remaining[goal] -= riders + len(chosen)
            if not riders:
                orders.wait.add(t.id)
    return orders


def _base_attacked(view: SideView, base: str, threat: int) -> bool:
    """Shots have just landed in the base, or the enemies seen near it outweigh what
    is left of its garrison (a lone scout seen near a full base recalls nobody)."""
    if threat < RECALL_THREAT:
        return False
    hit = view.state.flags.get(f"attacked:{base}")
    if hit is not None and view.turn - hit <= RECENT:
        return True
    return threat > len(holders(view, base)) // 2


def _choose(
    state: GameState, transport: Unit, remaining: dict[str, int], positive_only: bool
) -> str | None:
    """The area this transport serves best: most help still wanted per turn of driving."""
    best: tuple[tuple[float, int], str] | None = None
    speed = max(1, state.utype(transport).ap)
    flies = state.utype(transport).flies
    for area, wanted in sorted(remaining.items()):
        if positive_only and wanted <= 0:
            continue
        cost = int(area_field(state, area, flies)[transport.y, transport.x])
        if cost == FAR:
            continue  # it cannot get there
        key = (max(wanted, 0) / (1 + cost / speed), -cost)
        if best is None or key > best[0]:
            best = (key, area)
    return best[1] if best else None


def _spare(view: SideView, base_rect: list[int], transports: list[Unit], keep: int) -> list[Unit]:
    """The base's riders beyond the `keep` that stay home: those nearest a transport
    go, in id order on ties. Guards, brutes and units in towers stay at their posts."""
    state = view.state
    board_ap = state.catalog.constant("board_ap")
    riders = []
    for unit in view.my_units():
        utype = state.utype(unit)
        if (
            _inside(unit.pos, base_rect)
            and can_ride(state, unit)
            and utype.size == 1
            and not {"guard", "brute"} & set(utype.tags)
            and state.grid.elevation[unit.y, unit.x] == 0
            and not unit.mounted_on
            and not unit.status.get("stunned")
            and unit.ap >= board_ap
        ):
            riders.append(unit)
    if not transports:
        return []

    def nearest(unit: Unit) -> tuple[int, str]:
        return (min(distance(unit.pos, t.pos) for t in transports), unit.id)

    riders.sort(key=nearest)
    return riders[: max(0, len(riders) - keep)]


def _boarders(state: GameState, transport: Unit, spare: list[Unit], want: int, turns: int):
    """Up to `want` spare units that can reach `transport` and board within `turns`."""
    if want <= 0 or not spare:
        return []
    walk = boarding_field(state, transport)
    board_ap = state.catalog.constant("board_ap")
    options = []
    for unit in spare:
        cost = int(walk[unit.y, unit.x])
        if cost != FAR and cost <= turns * state.utype(unit).ap - board_ap:
            options.append((cost, unit.id, unit))
    options.sort(key=lambda o: o[:2])
    return [unit for _, _, unit in options[:want]]


# --- whole-map paths ---------------------------------------------------------------------------
def _field(state: GameState, name: tuple, goals: list[Pos], flies: bool) -> np.ndarray:
    """AP from every tile to the nearest of `goals` (named `name`), by terrain and
    blocking objects only (units are the local mover's business). Cached per terrain
    version in the state's cache of derived data."""
    blocked = tuple(sorted(blocked_by_objects(state))) if not flies else ()
    key = (state.grid.version, flies, name, blocked)
    cache = state.cache.setdefault("commander_fields", {})
    found = cache.get(key)
    if found is not None:
        return found
    grid = state.grid
    cost = (grid.flyable if flies else grid.move_cost).astype(np.int32)
    for x, y in blocked:
        cost[y, x] = 0
    dist = np.full(cost.shape, FAR, np.int32)
    for x, y in goals:
        if cost[y, x]:
            dist[y, x] = 0
    cat = state.catalog
    tcod.path.dijkstra2d(dist, cost, cat.step_straight, cat.step_diagonal, out=dist)
    if len(cache) > 64:
        cache.clear()
    cache[key] = dist
    return dist


def area_field(state: GameState, area: str, flies: bool) -> np.ndarray:
    """AP to the nearest tile of `area`, from anywhere (for a flier or a walker)."""
    rect = state.areas[area]
    x0, y0, x1, y1 = rect
    goals = [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]
    goals = [p for p in goals if state.grid.in_bounds(p)]
    return _field(state, ("area", *rect), goals, flies)


def boarding_field(state: GameState, transport: Unit) -> np.ndarray:
    """Walking AP to a tile next to `transport`, from anywhere."""
    size = state.size(transport)
    tiles = set(transport.footprint(size))
    goals = {(x + dx, y + dy) for x, y in tiles for dx, dy in DIRECTIONS} - tiles
    goals = sorted(p for p in goals if state.grid.in_bounds(p))
    return _field(state, ("next to", *transport.pos, size), goals, flies=False)


def step_along(view: SideView, unit: Unit, dist: np.ndarray) -> Move | None:
    """A legal move down the distance field `dist`, as far as the unit's AP goes."""
    state = view.state
    here = int(dist[unit.y, unit.x])
    reach = reachable(state, unit)
    best = None
    for pos, cost in reach.tiles():
        value = int(dist[pos[1], pos[0]])
        key = (value, cost, pos)
        if value < here and (best is None or key < best):
            best = key
    if best is None:
        return None
    path = reach.path_to(best[2])
    if not path:
        return None
    action = Move(unit.id, tuple(path))
    return action if rules.check(state, action) is None else None


# --- acting on the orders ----------------------------------------------------------------------
@dataclass
class Progress:
    """What the orders have done so far this turn (rebuilt each turn, never saved)."""

    done: set[str] = field(default_factory=set)  # units with nothing more to do
    steps: dict[str, int] = field(default_factory=dict)

    def count(self, unit_id: str) -> bool:
        """Note one more action for the unit; False once it has had enough."""
        self.steps[unit_id] = self.steps.get(unit_id, 0) + 1
        return self.steps[unit_id] <= MAX_STEPS


def next_action(view: SideView, orders: Orders, progress: Progress) -> Action | None:
    """The commander's next step: boarders walk and board, transports drive, riders
    get out at their destination. None when it has nothing left this turn."""
    state = view.state
    for unit_id, transport_id in sorted(orders.board.items()):
        if unit_id in progress.done:
            continue
        unit, transport = state.units.get(unit_id), state.units.get(transport_id)
        action: Action | None = None
        if unit is not None and unit.on_map and transport is not None and transport.on_map:
            if adjacent(state, unit, transport):
                action = Board(unit_id, transport_id)
            else:
                action = step_along(view, unit, boarding_field(state, transport))
        if action is not None and rules.check(state, action) is None and progress.count(unit_id):
            return action
        progress.done.add(unit_id)
    for transport_id in sorted({*orders.drive, *orders.unload}):
        transport = state.units.get(transport_id)
        if transport is None or not transport.on_map:
            continue
        area = orders.drive.get(transport_id)
        if area is None:  # riders get out where it stands
            action = _unload_one(view, transport, transport.pos)
            if action is not None:
                return action
            continue
        rect = state.areas[area]
        arrived = _inside(transport.pos, _grow(rect, ARRIVE))
        if transport_id in progress.done:  # stuck short of the area: out if near enough
            arrived = _inside(transport.pos, _grow(rect, MARGIN))
        if arrived:
            action = _unload_one(view, transport, centre(rect))
            if action is not None:
                return action
            continue
        if transport_id in progress.done:
            continue
        if not passengers(state, transport) and area != orders.base:
            continue  # its boarders never came: it stays
        if transport_id in orders.wait and _waiting(state, orders, transport):
            continue  # loading: most boarders still walking up, it leaves next turn
        flies = state.utype(transport).flies
        move = step_along(view, transport, area_field(state, area, flies))
        if move is not None and progress.count(transport_id):
            return move
        progress.done.add(transport_id)
        if _inside(transport.pos, _grow(rect, MARGIN)):
            action = _unload_one(view, transport, centre(rect))
            if action is not None:
                return action
    return None


def _waiting(state: GameState, orders: Orders, transport: Unit) -> bool:
    """Fewer than half of this transport's boarders are aboard: the rest are still
    walking up (they can board next turn), so it waits for them."""
    walking = 0
    for unit_id, t in orders.board.items():
        unit = state.units.get(unit_id)
        if t == transport.id and unit is not None and unit.on_map:
            walking += 1
    return walking > len(passengers(state, transport))


def _unload_one(view: SideView, transport: Unit, towards: Pos) -> Action | None:
    """One rider out onto the free tile next to the transport nearest `towards`."""
    state = view.state
    riders = passengers(state, transport)
    if not riders:
        return None
    tiles = sorted(exits(state, transport), key=lambda p: (distance(p, towards), p))
    for rider in riders:
        for tile in tiles:
            action = Unload(rider.id, tile[0], tile[1])
            if rules.check(state, action) is None:
                return action
    return None


__all__ = [
    "Orders",
    "Progress",
    "area_threat",
    "holders",
    "next_action",
    "plan",
    "strength",
]
