"""Turn order: sides act in turn (I-go-you-go); a new turn refills action points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import events as ev
from . import sight
from .actions import Action, EndTurn
from .rules import PROPOSERS, Handler, Why, handles
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState


def check_end_turn(state: GameState, action: EndTurn) -> Why | None:
    if not isinstance(action.side, str):
        return Why.MALFORMED
    if action.side != state.active_side.id:
        return Why.NOT_YOUR_TURN
    return None


def apply_end_turn(state: GameState, action: EndTurn) -> list[ev.Event]:
    events: list[ev.Event] = [ev.TurnEnded(side=action.side, turn=state.turn)]
    state.active = (state.active + 1) % len(state.sides)
    if state.active == 0:
        state.turn += 1
    side = state.active_side
    for unit in state.units.values():
        if unit.side == side.id and unit.alive:
            start_of_turn(state, unit)
    events.append(ev.TurnStarted(side=side.id, turn=state.turn))
    events.extend(sight.refresh(state))
    return events


def start_of_turn(state: GameState, unit: Unit) -> None:
    """Refill AP and count down timed conditions (a condition at 0 lasts until removed)."""
    unit.ap = state.utype(unit).ap
    for name, left in list(unit.status.items()):
        if left > 1:
            unit.status[name] = left - 1
        elif left == 1:
            del unit.status[name]


def propose(state: GameState, unit: Unit) -> list[Action]:
    return [EndTurn(side=unit.side)]


handles(EndTurn)(Handler(check_end_turn, apply_end_turn))
PROPOSERS.append(propose)
