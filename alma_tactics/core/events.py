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

    @classmethod
    def load_kinds(cls) -> None:
        from .rules import load_rules  # the rule modules define the other events

        load_rules()


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


@dataclass(frozen=True)
class ShotFired(Event):
    """`unit` fired `weapon` in `mode` at `target`; `hits` says which rounds hit."""

    unit: str
    target: str
    weapon: str
    mode: str
    aim: str
    chance: int
    hits: tuple


@dataclass(frozen=True)
class UnitHurt(Event):
    unit: str
    amount: int
    hp: int
    cause: str
    by: str


@dataclass(frozen=True)
class UnitKilled(Event):
    unit: str
    cause: str  # shot, eye, takedown, knife, crush, tail, blast, debris, bleeding, wreck...
    by: str
    x: int
    y: int


@dataclass(frozen=True)
class Reloaded(Event):
    unit: str
    weapon: str


@dataclass(frozen=True)
class OverwatchSet(Event):
    unit: str
    weapon: str
    mode: str


@dataclass(frozen=True)
class NoiseMade(Event):
    """A sound of `radius` tiles at (x, y); `loud` is gunfire or an explosion."""

    x: int
    y: int
    radius: int
    loud: bool
    by: str


@dataclass(frozen=True)
class NoiseHeard(Event):
    """`side` heard something from roughly (x, y)."""

    side: str
    x: int
    y: int
    loud: bool


@dataclass(frozen=True)
class UnitAlerted(Event):
    """`unit`'s alertness changed to `level` (suspicious or alert) because of `cause`."""

    unit: str
    level: str
    cause: str


@dataclass(frozen=True)
class AlarmRaised(Event):
    side: str
    by: str


@dataclass(frozen=True)
class UnitUnloaded(Event):
    unit: str
    transport: str
    x: int
    y: int


@dataclass(frozen=True)
class Stabbed(Event):
    unit: str
    target: str
    takedown: bool
    hit: bool


@dataclass(frozen=True)
class TriggerFired(Event):
    trigger: str


@dataclass(frozen=True)
class MessageShown(Event):
    text: str


@dataclass(frozen=True)
class ControllerChanged(Event):
    side: str
    controller: str


@dataclass(frozen=True)
class AreaRevealed(Event):
    side: str
    area: str


@dataclass(frozen=True)
class ObjectiveChanged(Event):
    objective: str
    status: str


@dataclass(frozen=True)
class UnitArrived(Event):
    """Reinforcements: `unit` of `side` arrived at (x, y)."""

    unit: str
    side: str
    x: int
    y: int
