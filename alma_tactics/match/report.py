"""The after-action record of a battle, counted from the match's events.

Everything here is derived from what happened (the event history) and the final
state, so a replay produces the same report. The story's own numbers, when the
scenario gives them (`[story]`), sit beside the player's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..core import events as ev
from ..core.explosives import TerrainBroken
from ..core.state import GameState


@dataclass
class SideRecord:
    side: str
    name: str
    fielded: int = 0  # units it had over the battle (including reinforcements)
    lost: int = 0
    lost_by_kind: dict[str, int] = field(default_factory=dict)  # infantry / mechs / ...
    shots: int = 0
    rounds: int = 0
    hits: int = 0
    eye_kills: int = 0
    takedowns: int = 0
    strength: list[int] = field(default_factory=list)  # units alive at each of its turn starts


@dataclass
class AfterAction:
    winner: str
    turns: int
    alarm_turn: int | None
    breach_turn: int | None  # the first wall blown open, if any
    sides: dict[str, SideRecord]
    story: dict

    @property
    def stealthy(self) -> bool:
        """No alarm before the first breach (or none at all)."""
        if self.alarm_turn is None:
            return True
        return self.breach_turn is not None and self.alarm_turn >= self.breach_turn

    def to_dict(self) -> dict:
        return asdict(self)


def unit_kind(state: GameState, type_id: str) -> str:
    utype = state.catalog.units[type_id]
    if utype.species == "mech":
        return "vehicles" if utype.capacity else "mechs"
    return "infantry"


def after_action(
    state: GameState, history: list[list[ev.Event]], story: dict | None = None
) -> AfterAction:
    """Count casualties, shots, hits, eye-shot kills and the alarm turn."""
    records = {s.id: SideRecord(s.id, s.name) for s in state.sides}
    for unit in state.units.values():
        records[unit.side].fielded += 1
    side_of = {u.id: u.side for u in state.units.values()}
    arrived = {e.unit for events in history for e in events if isinstance(e, ev.UnitArrived)}
    alive = {s.id: 0 for s in state.sides}
    for unit in state.units.values():
        if unit.id not in arrived:
            alive[unit.side] += 1
    alarm_turn: int | None = None
    breach_turn: int | None = None
    turn = 1
    for events in history:
        for event in events:
            if isinstance(event, ev.TurnStarted):
                turn = event.turn
                records[event.side].strength.append(alive[event.side])
            elif isinstance(event, ev.UnitArrived):
                alive[event.side] += 1
            elif isinstance(event, ev.ShotFired):
                record = records[side_of[event.unit]]
                record.shots += 1
                record.rounds += len(event.hits)
                record.hits += sum(1 for h in event.hits if h)
            elif isinstance(event, ev.UnitKilled):
                victim = state.units[event.unit]
                lost = records[victim.side]
                lost.lost += 1
                alive[victim.side] -= 1
                kind = unit_kind(state, victim.type_id)
                lost.lost_by_kind[kind] = lost.lost_by_kind.get(kind, 0) + 1
                killer = side_of.get(event.by)
                if killer and event.cause == "eye":
                    records[killer].eye_kills += 1
                if killer and event.cause == "takedown":
                    records[killer].takedowns += 1
            elif isinstance(event, ev.AlarmRaised) and alarm_turn is None:
                alarm_turn = turn
            elif isinstance(event, TerrainBroken) and breach_turn is None:
                breach_turn = turn
    return AfterAction(
        state.winner, state.turn, alarm_turn, breach_turn, records, dict(story or {})
    )
