"""Rules for walking and turning.

A move is walked step by step: sight is refreshed after each step, and the move
stops short when a new enemy comes into view, when the next tile holds an enemy the
mover could not see, or when a reaction (overwatch) says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import awareness, reactions, sight
from . import events as ev
from .actions import Action, Move, Turn
from .grid import DIRECTIONS, facing_towards
from .movement import path_cost, reachable, step_cost, unit_table
from .rules import PROPOSERS, Handler, Why, check_actor, handles
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState


def _as_path(raw: object) -> list[tuple[int, int]] | None:
    if not isinstance(raw, tuple | list) or not raw:
        return None
    path = []
    for step in raw:
        if not (isinstance(step, tuple | list) and len(step) == 2):
            return None
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in step):
            return None
        path.append((step[0], step[1]))
    return path


def check_move(state: GameState, action: Move) -> Why | None:
    why = check_actor(state, action.unit)
    if why:
        return why
    path = _as_path(action.path)
    if path is None:
        return Why.MALFORMED
    unit = state.units[action.unit]
    if unit.mounted_on:
        return Why.NOT_ALLOWED  # a rider clings to the brute: it must dismount first
    if any(
        not state.are_enemies(unit.side, o.side) for o in _others_overlapping(state, unit, path[-1])
    ):
        return Why.OCCUPIED
    cost = path_cost(state, unit, path)
    if cost is None:
        return Why.BLOCKED
    if cost > unit.ap:
        return Why.OUT_OF_AP
    return None


def apply_move(state: GameState, action: Move) -> list[ev.Event]:
    unit = state.units[action.unit]
    path = _as_path(action.path) or []
    events: list[ev.Event] = []
    walked: list[tuple[int, int]] = []
    spent = 0

    def flush() -> None:
        nonlocal walked, spent
        if walked:
            events.append(ev.UnitMoved(unit=unit.id, path=tuple(walked), ap_spent=spent))
            walked, spent = [], 0

    # between a step's refresh and the next, sight re-reads only the units marked
    # changed (see `sight.track_changes`); never once the walk is over
    try:
        pending = ""  # why the move must stop, once the mover stands on a tile of its own
        for i, step in enumerate(path):
            if _stuck_ahead(state, unit, path[i:]):
                flush()
                events.append(
                    ev.MoveInterrupted(unit=unit.id, x=unit.x, y=unit.y, reason="blocked")
                )
                break
            cost = step_cost(state, unit, step)  # check() walked the same path
            unit.facing = facing_towards(unit.pos, step)
            old = unit.pos
            unit.x, unit.y = step
            sight.mark_changed(state, unit.id)
            carry_along(state, unit)
            unit.ap -= cost
            walked.append(step)
            spent += cost
            state.unit_moved(unit, old)
            seen = sight.refresh(state, moved=[unit.id])
            sight.track_changes(state)  # noticing and noise change only alertness
            seen += awareness.notice(state, [unit.id])
            seen += awareness.make_noise(state, unit.pos, state.utype(unit).move_noise, unit)
            # a reaction's shot can hurt, kill or stun anyone: untracked, and if one
            # happened (it reports events), the next refresh scans every unit
            marked = sight.stop_tracking(state)
            reacted, stop = reactions.after_step(state, unit)
            if marked is not None and not (reacted or stop):
                sight.track_changes(state, marked)
            new_enemy = any(isinstance(e, ev.UnitSpotted) and e.side == unit.side for e in seen)
            if seen or reacted:
                flush()
                events.extend(seen)
                events.extend(reacted)
            if (new_enemy or stop) and not pending:
                pending = "reaction" if stop else "enemy_spotted"
            # a friend's tile can be crossed but not stopped on: stop at the next free one
            if pending and i < len(path) - 1 and not _shares_tile(state, unit, step):
                flush()
                events.append(ev.MoveInterrupted(unit=unit.id, x=unit.x, y=unit.y, reason=pending))
                break
            if not unit.alive:
                break
    finally:
        sight.stop_tracking(state)
    flush()
    return events


def _shares_tile(state: GameState, unit: Unit, at) -> bool:
    """Whether `unit` standing at `at` would overlap another unit (a friend it crosses).

    A rider shares its brute's tiles by right."""
    if state.size(unit) == 1:  # one tile: the occupancy answers, unless it shows the mover
        other = state.occupancy().get(at)
        if other is None:
            return False
        if other is not unit:
            return True
    return bool(_others_overlapping(state, unit, at))


def _others_overlapping(state: GameState, unit: Unit, at) -> list[Unit]:
    size = state.size(unit)
    table = unit_table(state)
    return [
        table.units[i]
        for i in table.touching(at[0], at[1], at[0] + size, at[1] + size)
        if table.units[i].id != unit.id and not table.units[i].mounted_on
    ]


def _stuck_ahead(state: GameState, unit: Unit, rest) -> bool:
    """Whether an enemy blocks the next step, or the way out of the friends' tiles the
    next steps cross (the mover would be left standing on a friend)."""
    for step in rest:
        if _hidden_enemy_in_the_way(state, unit, step):
            return True
        if not _shares_tile(state, unit, step):
            return False
    return False


def carry_along(state: GameState, unit: Unit) -> None:
    """Passengers inside a transport and a rider on a brute move with it."""
    utype = state.utype(unit)
    if not utype.capacity and "brute" not in utype.tags:
        return  # nobody rides in or on it
    for other in state.units.values():
        if other.carried_by == unit.id or other.mounted_on == unit.id:
            other.x, other.y = unit.x, unit.y
            sight.mark_changed(state, other.id)


def _hidden_enemy_in_the_way(state: GameState, unit: Unit, step) -> bool:
    size = state.size(unit)
    occupancy = state.occupancy()
    for tile in unit.footprint(size, at=step):
        other = occupancy.get(tile)
        if other is not None and other.id != unit.id and state.are_enemies(unit.side, other.side):
            return True
    return False


def check_turn(state: GameState, action: Turn) -> Why | None:
    cost = state.catalog.constants.get("turn_ap", 1)
    why = check_actor(state, action.unit, cost)
    if why:
        return why
    facing = action.facing
    if not isinstance(facing, int) or isinstance(facing, bool) or not 0 <= facing < len(DIRECTIONS):
        return Why.MALFORMED
    if state.units[action.unit].facing == action.facing:
        return Why.ALREADY
    return None


def apply_turn(state: GameState, action: Turn) -> list[ev.Event]:
    unit = state.units[action.unit]
    unit.ap -= state.catalog.constants.get("turn_ap", 1)
    unit.facing = action.facing
    return [ev.UnitTurned(unit=unit.id, facing=unit.facing)]


def propose(state: GameState, unit: Unit) -> list[Action]:
    if check_actor(state, unit.id) is not None:
        return []
    reach = reachable(state, unit)
    moves: list[Action] = []
    for pos, _cost in reach.tiles():
        if pos != unit.pos:
            path = reach.path_to(pos)
            if path:
                moves.append(Move(unit=unit.id, path=tuple(path)))
    turns = [Turn(unit=unit.id, facing=f) for f in range(len(DIRECTIONS)) if f != unit.facing]
    return moves + turns


handles(Move)(Handler(check_move, apply_move))
handles(Turn)(Handler(check_turn, apply_turn))
PROPOSERS.append(propose)
