"""The main base's commander: who to send where, by land transport and drop ship.

Each of its turns the commander weighs what its side knows of every area it
defends (the scenario names them: `[[side]] ai = { base = "...", defend = [...] }`):
enemies seen or last seen near it, noises heard there, its own units hurt there.
An area under threat asks for help in proportion; the base sends what it can
spare (keeping a garrison) by loading transports and driving them there. No
timers: if nothing is attacked, nobody moves; if the base itself is attacked,
loaded transports come home and nobody else leaves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core import rules
from ..core.actions import Action, Move
from ..core.grid import Pos, distance
from ..core.melee import adjacent
from ..core.transports import Board, Unload, exits, passengers, room_left
from ..core.units import Unit
from . import tactics
from .view import SideView

MARGIN = 6  # tiles around an area in which enemies count as attacking it
RECENT = 2  # turns for which a ghost, a noise or a wound still counts


@dataclass
class Orders:
    base: str
    threat: dict[str, int]
    board: dict[str, str] = field(default_factory=dict)  # unit -> transport to board
    drive: dict[str, str] = field(default_factory=dict)  # transport -> area to drive to
    recall: bool = False

    @property
    def sending(self) -> bool:
        return bool(self.board or self.drive)


def _grow(rect: list[int], margin: int) -> list[int]:
    x0, y0, x1, y1 = rect
    return [x0 - margin, y0 - margin, x1 + margin, y1 + margin]


def _inside(pos: Pos, rect: list[int]) -> bool:
    return rect[0] <= pos[0] <= rect[2] and rect[1] <= pos[1] <= rect[3]


def centre(rect: list[int]) -> Pos:
    return ((rect[0] + rect[2]) // 2, (rect[1] + rect[3]) // 2)


def area_threat(view: SideView, area: str) -> int:
    """How hard the side believes `area` is being attacked, from its knowledge only."""
    state = view.state
    rect = state.areas.get(area)
    if rect is None:
        return 0
    near = _grow(rect, MARGIN)
    score = 0
    for contact in view.contacts():
        if (contact.seen or view.turn - contact.turn <= RECENT) and _inside(contact.pos, near):
            heavy = state.catalog.units[contact.type_id].species == "mech"
            score += 4 if heavy else 2
    score += sum(1 for pos in view.heard(view.turn - RECENT) if _inside(pos, near))
    attacked = state.flags.get(f"attacked:{area}")
    if attacked is not None and view.turn - attacked <= RECENT:
        score += 3
    return score


def plan(view: SideView) -> Orders | None:
    """This turn's orders, or None for a side with no base to send from."""
    hints = view.state.side(view.side).ai
    base = hints.get("base")
    if not base or base not in view.state.areas:
        return None
    defend = [a for a in hints.get("defend", []) if a in view.state.areas and a != base]
    threat = {a: area_threat(view, a) for a in [base, *defend]}
    orders = Orders(base, threat, recall=threat[base] > 0)
    state = view.state
    base_rect = state.areas[base]
    transports = [u for u in view.my_units() if state.utype(u).capacity and not u.status.get("emp")]
    if orders.recall:
        for t in transports:
            if passengers(state, t) and not _inside(t.pos, base_rect):
                orders.drive[t.id] = base
        return orders
    need = {a: 2 * t for a, t in threat.items() if a != base and t > 0}
    if not need:
        return orders
    keep = int(hints.get("keep", 4))
    spare = [
        u
        for u in view.my_units()
        if _inside(u.pos, base_rect)
        and not state.utype(u).capacity
        and state.utype(u).species != "mech"
        and "guard" not in state.utype(u).tags
        and u.ap > 0
    ]
    spare = spare[: max(0, len(spare) - keep)]
    for t in sorted(transports, key=lambda u: u.id):
        if passengers(state, t):
            goal = max(need, key=lambda a: (need[a], -distance(t.pos, centre(state.areas[a]))))
            orders.drive[t.id] = goal
            need[goal] -= len(passengers(state, t))
            continue
        if not _inside(t.pos, base_rect) or not spare:
            continue
        goal = max(need, key=lambda a: need[a])
        if need[goal] <= 0:
            break
        room = room_left(state, t)
        spare.sort(key=lambda u: (distance(u.pos, t.pos), u.id))
        chosen = spare[: min(room, need[goal])]
        spare = spare[len(chosen) :]
        for unit in chosen:
            orders.board[unit.id] = t.id
        need[goal] -= len(chosen)
    return orders


def next_action(view: SideView, orders: Orders, done: set[str]) -> Action | None:
    """The commander's next step: boarders walk and board, transports drive, riders
    get out at their destination. None when it has nothing left this turn."""
    state = view.state
    for unit_id, transport_id in sorted(orders.board.items()):
        unit, transport = state.units.get(unit_id), state.units.get(transport_id)
        if unit is None or transport is None or unit.carried_by or unit_id in done:
            continue
        if adjacent(state, unit, transport):
            action: Action | None = Board(unit_id, transport_id)
        else:
            action = tactics.move_towards(view, unit, transport.pos)
        if action is not None and rules.check(state, action) is None:
            return action
        done.add(unit_id)
    for transport_id, area in sorted(orders.drive.items()):
        transport = state.units.get(transport_id)
        if transport is None or not transport.alive:
            continue
        waiting = any(
            t == transport_id and not state.units[u].carried_by for u, t in orders.board.items()
        )
        rect = state.areas[area]
        arrived = _inside(transport.pos, _grow(rect, 2))
        if arrived:
            action = _unload_one(view, transport)
            if action is not None:
                return action
            continue
        if waiting or transport_id in done:
            continue
        move = tactics.move_towards(view, transport, centre(rect))
        done.add(transport_id)
        if move is not None:
            return move
    return None


def _unload_one(view: SideView, transport: Unit) -> Action | None:
    state = view.state
    for rider in passengers(state, transport):
        for tile in exits(state, transport):
            action = Unload(rider.id, tile[0], tile[1])
            if rules.check(state, action) is None:
                return action
    return None


def is_under_orders(orders: Orders | None, unit: Unit) -> bool:
    return orders is not None and (unit.id in orders.board or unit.id in orders.drive)


__all__ = ["Orders", "area_threat", "is_under_orders", "next_action", "plan", "Move"]
