"""Transports: the Alliance truck, Calendrea land transports and drop ships carry units.

A unit `Board`s an adjacent friendly transport (one with `capacity`) and leaves the
map: it rides inside (`carried_by`), unseen and taking no tile, and moves with the
transport (the Move rule's `carry_along`). A passenger `Unload`s onto a free
passable tile next to the transport. Drop ships fly (movement uses the flyable
layer for units that fly), so water and ravines do not stop them. A destroyed
transport throws its passengers out hurt (`combat.kill_unit`). Transports carry no
weapons of their own.

Room: a unit of size s takes s*s of the capacity (a brute fills four seats); mechs
and vehicles do not ride in transports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import awareness, sight
from . import events as ev
from .actions import Action
from .events import Event
from .grid import DIRECTIONS, Pos, facing_towards
from .melee import adjacent
from .movement import blocked_by_objects
from .rules import PROPOSERS, Handler, Why, check_actor, handles
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState


@dataclass(frozen=True)
class Board(Action):
    """Climb into the adjacent friendly `transport`."""

    unit: str
    transport: str


@dataclass(frozen=True)
class Unload(Action):
    """A passenger steps out onto the free tile (x, y) next to its transport."""

    unit: str
    x: int
    y: int


@dataclass(frozen=True)
class UnitBoarded(Event):
    unit: str
    transport: str


# --- queries --------------------------------------------------------------------------------
def is_transport(state: GameState, unit: Unit) -> bool:
    return state.utype(unit).capacity > 0


def passengers(state: GameState, transport: Unit) -> list[Unit]:
    """The living units riding inside `transport`, in id order."""
    return sorted(
        (u for u in state.units.values() if u.carried_by == transport.id and u.alive),
        key=lambda u: u.id,
    )


def room_taken(state: GameState, unit: Unit) -> int:
    """How much of a transport's capacity `unit` fills."""
    return state.size(unit) ** 2


def room_left(state: GameState, transport: Unit) -> int:
    used = sum(room_taken(state, u) for u in passengers(state, transport))
    return state.utype(transport).capacity - used


def can_ride(state: GameState, unit: Unit) -> bool:
    """Infantry and brutes ride; mechs and vehicles (transports included) do not."""
    utype = state.utype(unit)
    return utype.species != "mech" and utype.capacity == 0


def exits(state: GameState, transport: Unit) -> list[Pos]:
    """The free passable tiles next to the transport where a passenger may step out."""
    occupied = state.occupancy()
    blockers = set(blocked_by_objects(state))
    size = state.size(transport)
    tiles = set(transport.footprint(size))
    found = {
        (x + dx, y + dy) for x, y in tiles for dx, dy in DIRECTIONS if (x + dx, y + dy) not in tiles
    }
    return sorted(
        p for p in found if state.grid.passable(p) and p not in occupied and p not in blockers
    )


# --- Board ----------------------------------------------------------------------------------
def check_board(state: GameState, action: Board) -> Why | None:
    why = check_actor(state, action.unit, state.catalog.constant("board_ap"))
    if why:
        return why
    unit = state.units[action.unit]
    transport = state.units.get(action.transport) if isinstance(action.transport, str) else None
    if transport is None or transport.id == unit.id or not transport.on_map:
        return Why.NO_TARGET
    if not is_transport(state, transport) or state.are_enemies(unit.side, transport.side):
        return Why.NOT_ALLOWED
    if not can_ride(state, unit) or unit.mounted_on:
        return Why.NOT_ALLOWED
    if any(u.mounted_on == unit.id and u.alive for u in state.units.values()):
        return Why.NOT_ALLOWED  # a brute with a knife fighter on its back
    if not adjacent(state, unit, transport):
        return Why.NOT_ADJACENT
    if room_left(state, transport) < room_taken(state, unit):
        return Why.FULL
    return None


def apply_board(state: GameState, action: Board) -> list[ev.Event]:
    unit, transport = state.units[action.unit], state.units[action.transport]
    unit.ap -= state.catalog.constant("board_ap")
    unit.overwatch = []
    unit.carried_by = transport.id
    unit.x, unit.y = transport.x, transport.y
    state.units_changed()
    events: list[ev.Event] = [UnitBoarded(unit=unit.id, transport=transport.id)]
    return events + sight.refresh(state)


# --- Unload ---------------------------------------------------------------------------------
def check_unload(state: GameState, action: Unload) -> Why | None:
    why = check_actor(state, action.unit, state.catalog.constant("unboard_ap"), aboard=True)
    if why:
        return why
    at = (action.x, action.y)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in at):
        return Why.MALFORMED
    unit = state.units[action.unit]
    transport = state.units[unit.carried_by]
    size = state.size(transport)
    gap_x = max(at[0] - (transport.x + size - 1), transport.x - at[0], 0)
    gap_y = max(at[1] - (transport.y + size - 1), transport.y - at[1], 0)
    if max(gap_x, gap_y) != 1:
        return Why.NOT_ADJACENT
    tiles = unit.footprint(state.size(unit), at=at)
    blockers = set(blocked_by_objects(state))
    if any(not state.grid.passable(t) or t in blockers for t in tiles):
        return Why.BLOCKED
    occupied = state.occupancy()
    return Why.OCCUPIED if any(t in occupied for t in tiles) else None


def apply_unload(state: GameState, action: Unload) -> list[ev.Event]:
    unit = state.units[action.unit]
    transport = unit.carried_by
    unit.ap -= state.catalog.constant("unboard_ap")
    unit.facing = facing_towards(state.units[transport].pos, (action.x, action.y))
    unit.carried_by = ""
    unit.x, unit.y = action.x, action.y
    state.units_changed()
    events: list[ev.Event] = [
        ev.UnitUnloaded(unit=unit.id, transport=transport, x=unit.x, y=unit.y)
    ]
    events += sight.refresh(state, moved=[unit.id])
    return events + awareness.notice(state, [unit.id])


# --- candidates -----------------------------------------------------------------------------
def propose(state: GameState, unit: Unit) -> list[Action]:
    if unit.carried_by:
        transport = state.units.get(unit.carried_by)
        if transport is None or check_actor(state, unit.id, 0, aboard=True):
            return []
        return [Unload(unit.id, x, y) for x, y in exits(state, transport)]
    if check_actor(state, unit.id) is not None or not can_ride(state, unit):
        return []
    return [
        Board(unit.id, other.id)
        for other in state.units.values()
        if other.on_map
        and other.id != unit.id
        and is_transport(state, other)
        and not state.are_enemies(unit.side, other.side)
        and adjacent(state, unit, other)
    ]


handles(Board)(Handler(check_board, apply_board))
handles(Unload)(Handler(check_unload, apply_unload))
PROPOSERS.append(propose)
