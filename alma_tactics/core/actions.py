"""What a player (or the AI, or a replay) asks for. Plain data recording every choice,
so a replay never has to re-derive one. Verbs, in the imperative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .records import Record


@dataclass(frozen=True)
class Action(Record):
    registry: ClassVar[dict] = {}

    @classmethod
    def load_kinds(cls) -> None:
        from .rules import load_rules  # the rule modules define the other actions

        load_rules()


@dataclass(frozen=True)
class Move(Action):
    """Walk `unit` along `path` (the tiles to step onto, start excluded)."""

    unit: str
    path: tuple


@dataclass(frozen=True)
class Turn(Action):
    """Face another of the eight directions (see `grid.DIRECTIONS`)."""

    unit: str
    facing: int


@dataclass(frozen=True)
class EndTurn(Action):
    side: str


@dataclass(frozen=True)
class Shoot(Action):
    """Fire `weapon` in `mode` at `target`; `aim` is "body" or "eye" (aimed modes only)."""

    unit: str
    target: str
    weapon: str
    mode: str
    aim: str = "body"


@dataclass(frozen=True)
class Reload(Action):
    unit: str
    weapon: str


@dataclass(frozen=True)
class Overwatch(Action):
    """Spend the rest of the turn watching: fire at the first enemy that moves in sight."""

    unit: str
    weapon: str
    mode: str


@dataclass(frozen=True)
class Stab(Action):
    """A knife attack on an adjacent enemy: a silent takedown when it is caught unaware."""

    unit: str
    target: str
