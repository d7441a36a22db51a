"""What other units do when a unit steps into their sight mid-move.

Rule modules append reaction functions to REACTIONS (overwatch fire is one); the
move rules call `after_step` after every step, which runs them in order and says
whether the move must stop there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .events import Event
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState

REACTIONS: list[Callable[[GameState, Unit], tuple[list[Event], bool]]] = []


def after_step(state: GameState, mover: Unit) -> tuple[list[Event], bool]:
    events: list[Event] = []
    stop = False
    for react in REACTIONS:
        more, halt = react(state, mover)
        events += more
        stop = stop or halt
        if not mover.alive:
            break
    return events, stop
