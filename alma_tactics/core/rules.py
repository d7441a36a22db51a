"""The one doorway: `check` says why an action is illegal, `apply` carries it out.

Each action type has a handler (a `check` and an `apply`) registered here by the
module that defines its rules, so legality lives in exactly one place and the
screen, the AI, replays and tests all go through the same two functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from . import triggers
from .actions import Action
from .events import Event
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState


class Why(StrEnum):
    """Why an action is illegal. The value is a short phrase a screen may show."""

    MALFORMED = "the action is malformed"
    BATTLE_OVER = "the battle is over"
    NOT_YOUR_TURN = "it is not your turn"
    NO_SUCH_UNIT = "there is no such unit"
    DEAD = "the unit is dead"
    NOT_ON_MAP = "the unit is not on the map"
    NOT_YOURS = "the unit is not yours"
    OUT_OF_AP = "not enough action points"
    BLOCKED = "the way is blocked"
    OCCUPIED = "the tile is occupied"
    STUNNED = "the unit is stunned"
    ALREADY = "nothing would change"
    TARGET_UNSEEN = "the target is not in sight"
    NO_TARGET = "there is no such target"
    OUT_OF_RANGE = "the target is out of range"
    NO_AMMO = "the weapon is empty"
    NO_WEAPON = "the unit has no such weapon"
    NO_ITEM = "the unit carries none"
    NOT_ADJACENT = "the target is not next to the unit"
    NOT_ALLOWED = "the unit cannot do that"
    FULL = "the transport is full"


class IllegalAction(Exception):
    def __init__(self, why: Why, action: Action | None = None) -> None:
        super().__init__(str(why))
        self.why = why
        self.action = action


@dataclass(frozen=True)
class Handler:
    check: Callable[[GameState, Action], Why | None]
    apply: Callable[[GameState, Action], list[Event]]


HANDLERS: dict[type[Action], Handler] = {}


def handles(action_type: type[Action]):
    """Class decorator-style registration: `handles(Move)(Handler(check, apply))`."""

    def register(handler: Handler) -> Handler:
        HANDLERS[action_type] = handler
        return handler

    return register


def check(state: GameState, action: Action) -> Why | None:
    """Why `action` is illegal in `state`, or None if it may be applied."""
    load_rules()
    handler = HANDLERS.get(type(action))
    if handler is None:
        return Why.MALFORMED
    if state.winner:
        return Why.BATTLE_OVER
    return handler.check(state, action)


def apply(state: GameState, action: Action) -> list[Event]:
    """Carry out `action`; raise IllegalAction (changing nothing) if it is illegal."""
    why = check(state, action)
    if why is not None:
        raise IllegalAction(why, action)
    events = HANDLERS[type(action)].apply(state, action)
    return events + triggers.evaluate(state, events)


def check_actor(
    state: GameState, unit_id: object, ap: int = 0, *, aboard: bool = False
) -> Why | None:
    """The checks every unit action shares: it exists, lives, is on the map (or, with
    `aboard`, inside a transport), is the active side's, is not stunned and has `ap`
    action points."""
    if not isinstance(unit_id, str):
        return Why.MALFORMED
    unit = state.units.get(unit_id)
    if unit is None:
        return Why.NO_SUCH_UNIT
    if not unit.alive:
        return Why.DEAD
    if unit.side != state.active_side.id:
        return Why.NOT_YOUR_TURN
    if aboard:
        if not unit.carried_by or unit.carried_by not in state.units:
            return Why.NOT_ALLOWED
    elif not unit.on_map:
        return Why.NOT_ON_MAP
    if unit.status.get("stunned"):
        return Why.STUNNED
    if unit.ap < ap:
        return Why.OUT_OF_AP
    return None


def legal_actions(state: GameState, unit: Unit) -> list[Action]:
    """Everything `unit` may do now (each passes `check`). The AI and screen use this."""
    load_rules()
    found: list[Action] = []
    for propose in PROPOSERS:
        found.extend(a for a in propose(state, unit) if check(state, a) is None)
    return found


PROPOSERS: list[Callable[[GameState, Unit], list[Action]]] = []


def load_rules() -> None:
    """Import the rule modules once; each registers its actions, events, handlers and
    proposers (`check`, `apply` and `legal_actions` call it; so may anyone reading
    `HANDLERS` or `PROPOSERS`)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from . import (  # noqa: F401
        brute_fights,
        brutes,
        explosives,
        melee,
        moves,
        shooting,
        transports,
        turns,
    )


_loaded = False
