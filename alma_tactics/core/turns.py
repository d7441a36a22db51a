"""Turn order: sides act in turn (I-go-you-go); a new turn refills action points.

Rule modules add start-of-turn effects (the alarm, bleeding, smoke thinning, EMP
wearing off) by appending to TURN_START_HOOKS; each gets the state and the id of
the side whose turn is starting and returns events.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from . import awareness, sight, triggers
from . import events as ev
from .actions import Action, EndTurn
from .rules import PROPOSERS, Handler, Why, handles
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState

TURN_START_HOOKS: list[Callable[[GameState, str], list[ev.Event]]] = []
# conditions that take a unit's whole turn while they last
DISABLING = ("stunned", "emp")


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
    for hook in [awareness.at_turn_start, triggers.count_held, *TURN_START_HOOKS]:
        events.extend(hook(state, side.id))
    events.extend(sight.refresh(state))
    events.extend(awareness.notice_all(state))
    return events


def start_of_turn(state: GameState, unit: Unit) -> None:
    """Refill AP, end overwatch, count down timed conditions (0 lasts until removed).

    A stunned unit, or an electronic one knocked out by EMP, loses the turn.
    """
    utype = state.utype(unit)
    unit.ap = utype.ap
    unit.overwatch = []
    if "stunned" in unit.status or ("emp" in unit.status and utype.electronic):
        unit.ap = 0
    for name, left in list(unit.status.items()):
        if left > 1:
            unit.status[name] = left - 1
        elif left == 1:
            del unit.status[name]


def propose(state: GameState, unit: Unit) -> list[Action]:
    return [EndTurn(side=unit.side)]


handles(EndTurn)(Handler(check_end_turn, apply_end_turn))
PROPOSERS.append(propose)
