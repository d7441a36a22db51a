"""What other units do when a unit steps into their sight mid-move.

`after_step` is called by the move rules after every step; it returns the events
of any reaction (overwatch fire) and whether the move must stop there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .events import Event
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState


def after_step(state: GameState, mover: Unit) -> tuple[list[Event], bool]:
    """Reactions to `mover` having just stepped. No reaction rules exist yet."""
    return [], False
