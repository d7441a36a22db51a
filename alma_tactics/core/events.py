"""What happened, in the past tense. The renderer animates these and builds the log's
words from them; the core never produces text or colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .records import Record


@dataclass(frozen=True)
class Event(Record):
    registry: ClassVar[dict] = {}


@dataclass(frozen=True)
class TurnStarted(Event):
    side: str
    turn: int


@dataclass(frozen=True)
class TurnEnded(Event):
    side: str
    turn: int


@dataclass(frozen=True)
class UnitMoved(Event):
    unit: str
    path: tuple  # the tiles stepped onto, in order
    ap_spent: int


@dataclass(frozen=True)
class MoveInterrupted(Event):
    """A move stopped short: an enemy came into view or blocked the way."""

    unit: str
    x: int
    y: int
    reason: str


@dataclass(frozen=True)
class UnitTurned(Event):
    unit: str
    facing: int


@dataclass(frozen=True)
class UnitSpotted(Event):
    """`side` now sees enemy `unit` at (x, y)."""

    side: str
    unit: str
    x: int
    y: int


@dataclass(frozen=True)
class UnitLost(Event):
    """`side` lost sight of `unit`; a ghost stays at (x, y)."""

    side: str
    unit: str
    x: int
    y: int


@dataclass(frozen=True)
class BattleWon(Event):
    side: str
    reason: str
