"""What one side knows, and nothing more: the AI's only window on the battle.

Own and friendly units are known fully; enemies only while spotted (their true
position then is what the side sees), otherwise as ghosts where last seen and
as noises heard. Functions of the AI take a SideView, never the bare state, so a
hidden enemy's true position cannot leak into a decision.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..core import sight
from ..core.grid import Pos
from ..core.knowledge import Ghost
from ..core.state import GameState
from ..core.units import MapObject, Unit


@dataclass(frozen=True)
class Contact:
    """An enemy as the side knows it: seen now (`unit` set) or a ghost."""

    id: str
    type_id: str
    x: int
    y: int
    seen: bool
    turn: int
    unit: Unit | None = None

    @property
    def pos(self) -> Pos:
        return (self.x, self.y)


class SideView:
    def __init__(self, state: GameState, side: str) -> None:
        self.state = state
        self.side = side
        self.know = state.knowledge[side]
        self.catalog = state.catalog
        self.grid = state.grid

    # --- own side -------------------------------------------------------------------------
    def my_units(self) -> list[Unit]:
        return [u for u in self.state.units.values() if u.side == self.side and u.on_map]

    def friends(self) -> list[Unit]:
        return [
            u
            for u in self.state.units.values()
            if u.on_map and not self.state.are_enemies(self.side, u.side)
        ]

    def my_all(self) -> list[Unit]:
        """Every living unit of the side, including those riding in transports."""
        return [u for u in self.state.units.values() if u.side == self.side and u.alive]

    # --- enemies --------------------------------------------------------------------------
    def seen_enemies(self) -> list[Unit]:
        return [
            self.state.units[uid] for uid in sorted(self.know.spotted) if uid in self.state.units
        ]

    def contacts(self) -> list[Contact]:
        out = [
            Contact(u.id, u.type_id, u.x, u.y, True, self.state.turn, u)
            for u in self.seen_enemies()
        ]
        out += [self._ghost(g) for _, g in sorted(self.know.ghosts.items())]
        return out

    @staticmethod
    def _ghost(g: Ghost) -> Contact:
        return Contact(g.unit, g.type_id, g.x, g.y, False, g.turn)

    def heard(self, since: int) -> list[Pos]:
        return [(x, y) for x, y, turn in self.know.heard if turn >= since]

    def visible(self) -> np.ndarray:
        return sight.visible_tiles(self.state, self.side)

    # --- the board ------------------------------------------------------------------------
    def objects(self) -> Iterator[MapObject]:
        """Map objects: fixed installations are known from the scouting before battle."""
        return iter(self.state.objects.values())

    def alarm_seen(self) -> bool:
        """Whether the side has seen an enemy alert (the quiet part is over)."""
        return any(u.alertness == "alert" for u in self.seen_enemies())

    @property
    def alarm(self) -> bool:
        return self.state.side(self.side).alarm

    @property
    def turn(self) -> int:
        return self.state.turn
