"""Noise, alertness and the alarm.

Units are *unaware -> suspicious -> alert*. Hearing a noise makes an unaware unit
suspicious and tells its side roughly where the sound came from; seeing an enemy
makes a unit alert. A unit that saw an enemy, or heard gunfire or an explosion,
and is still alive when its side's turn starts raises the **alarm**: every unit of
its side turns alert. A takedown nobody sees or hears therefore raises nothing.
Finding a friend's body makes an unaware unit suspicious.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from . import events as ev
from .grid import Pos
from .movement import unit_table
from .sight import can_see, mark_changed, vision_of
from .units import Unit

if TYPE_CHECKING:
    from .state import GameState

RANK = {"unaware": 0, "suspicious": 1, "alert": 2}


def raise_to(state: GameState, unit: Unit, level: str, cause: str) -> list[ev.Event]:
    """Make `unit` at least `level` aware; an event only if it changed."""
    if not unit.alive or RANK[unit.alertness] >= RANK[level]:
        return []
    unit.alertness = level
    mark_changed(state, unit.id)  # an unaware unit's view was only the half it faces
    if level == "suspicious":
        unit.status["suspicious"] = state.catalog.constant("suspicious_turns")
    else:
        unit.status.pop("suspicious", None)
    return [ev.UnitAlerted(unit=unit.id, level=level, cause=cause)]


def wounded(state: GameState, unit: Unit) -> list[ev.Event]:
    """A wounded unit is alert, and will raise the alarm if it lives to its turn."""
    if not state.side(unit.side).alarm:
        unit.status["raise_alarm"] = 0
    return raise_to(state, unit, "alert", "wounded")


def make_noise(state: GameState, pos: Pos, radius: int, by: Unit | None) -> list[ev.Event]:
    """A sound at `pos` heard by every enemy of `by` within `radius` tiles.

    Gunfire and explosions (loud noises) are heard by friends too: they know a fight
    has started, turn alert and will raise the alarm at their turn."""
    if radius <= 0:
        return []
    loud = radius >= state.catalog.constant("loud_noise")
    heard_by: dict[str, list[Unit]] = {}
    friends: list[Unit] = []
    table = unit_table(state)
    near = table.touching(
        pos[0] - radius, pos[1] - radius, pos[0] + radius + 1, pos[1] + radius + 1
    )
    for unit in (table.units[i] for i in near):
        dx, dy = unit.x - pos[0], unit.y - pos[1]
        if unit is by or dx * dx + dy * dy > radius * radius:
            continue
        if by is not None and not state.are_enemies(by.side, unit.side):
            if loud:
                friends.append(unit)
        else:
            heard_by.setdefault(unit.side, []).append(unit)
    events: list[ev.Event] = []
    for unit in friends:
        changed = raise_to(state, unit, "alert", "gunfire")
        if changed and not state.side(unit.side).alarm:
            unit.status["raise_alarm"] = 0
        events += changed
    if not heard_by:
        return events  # a sound no enemy hears tells nobody anything new
    events.insert(
        0, ev.NoiseMade(x=pos[0], y=pos[1], radius=radius, loud=loud, by=by.id if by else "")
    )
    jitter = state.catalog.constant("heard_jitter")
    for side_id in sorted(heard_by):
        x = pos[0] + state.rng.between(-jitter, jitter)
        y = pos[1] + state.rng.between(-jitter, jitter)
        state.knowledge[side_id].heard.append([x, y, state.turn])
        events.append(ev.NoiseHeard(side=side_id, x=x, y=y, loud=loud))
        for unit in heard_by[side_id]:
            events += raise_to(state, unit, "suspicious", "noise")
            if loud and not state.side(unit.side).alarm:
                unit.status["raise_alarm"] = 0
    return events


def notice(state: GameState, moved: Iterable[str]) -> list[ev.Event]:
    """After units moved or sight changed: who now sees an enemy, or a friend's body.

    Only pairs the sides' knowledge already links are asked unit by unit: a unit
    can see an enemy only if its side has spotted that enemy (call after
    `sight.refresh`)."""
    vision_of(state)
    events: list[ev.Event] = []
    moved_units = [state.units[u] for u in moved if u in state.units]
    table = unit_table(state)
    reach = _max_sight(state)  # nobody sees further
    knowledge = state.knowledge
    for mover in moved_units:
        if not mover.on_map:
            continue
        watchers = {
            side.id
            for side in state.sides
            if mover.id in knowledge[side.id].spotted and state.are_enemies(mover.side, side.id)
        }
        if watchers:
            size = state.size(mover)
            box = (mover.x - reach, mover.y - reach, mover.x + size + reach, mover.y + size + reach)
            for i in table.touching(*box):
                other = table.units[i]
                if (
                    other.side in watchers
                    and not _settled(state, other)
                    and can_see(state, other, mover)
                ):
                    events += _saw(state, other)
        if not _settled(state, mover):
            units = state.units
            if any(  # one sighting is enough to alert it
                (other := units.get(other_id)) is not None and can_see(state, mover, other)
                for other_id in knowledge[mover.side].spotted
            ):
                events += _saw(state, mover)
    events += _find_bodies(state, moved_units)
    return events


def _max_sight(state: GameState) -> int:
    """The longest sight of any unit type (the catalog never changes mid-battle)."""
    reach = state.cache.get("max_sight")
    if reach is None:
        reach = state.cache["max_sight"] = max(t.sight for t in state.catalog.units.values())
    return reach


def notice_all(state: GameState) -> list[ev.Event]:
    """`notice` for every unit on the map (after lights go out, smoke, a turn starts)."""
    return notice(state, [u.id for u in state.units.values() if u.on_map])


def _settled(state: GameState, unit: Unit) -> bool:
    """Seeing another enemy would change nothing: alert, and the alarm is up or
    already due."""
    return unit.alertness == "alert" and ("saw_enemy" in unit.status or state.side(unit.side).alarm)


def _saw(state: GameState, unit: Unit) -> list[ev.Event]:
    if not state.side(unit.side).alarm:
        unit.status["saw_enemy"] = 0
    return raise_to(state, unit, "alert", "saw")


def _find_bodies(state: GameState, units: list[Unit]) -> list[ev.Event]:
    events: list[ev.Event] = []
    if not any(u.alertness == "unaware" for u in units):
        return events
    bodies = [u for u in state.units.values() if not u.alive and not u.carried_by]
    if not bodies:
        return events
    vision = vision_of(state)
    for unit in units:
        if unit.alertness != "unaware" or not unit.on_map:
            continue
        view = vision.views.get(unit.id)
        if view is None:
            continue
        for body in bodies:
            if body.side == unit.side and view.covers(body.pos, view.seen):
                events += raise_to(state, unit, "suspicious", "body")
                break
    return events


def at_turn_start(state: GameState, side_id: str) -> list[ev.Event]:
    """A living unit that saw an enemy or heard gunfire since its last turn raises the
    alarm; suspicious units that found nothing calm down."""
    side = state.side(side_id)
    events: list[ev.Event] = []
    callers = [
        u
        for u in state.units.values()
        if u.side == side_id and u.alive and ("saw_enemy" in u.status or "raise_alarm" in u.status)
    ]
    everyone_alert = all(u.alertness == "alert" for u in state.units.values() if u.side == side_id)
    if callers and not side.alarm and not everyone_alert:
        side.alarm = True
        events.append(ev.AlarmRaised(side=side_id, by=callers[0].id))
        for unit in state.units.values():
            if unit.side == side_id:
                events += raise_to(state, unit, "alert", "alarm")
    for unit in state.units.values():
        if unit.side == side_id:
            unit.status.pop("saw_enemy", None)
            unit.status.pop("raise_alarm", None)
            if unit.alertness == "suspicious" and "suspicious" not in unit.status:
                unit.alertness = "unaware"
                events.append(ev.UnitAlerted(unit=unit.id, level="unaware", cause="calmed"))
    return events
