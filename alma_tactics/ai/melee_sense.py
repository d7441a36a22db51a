"""Close-combat judgement: what a brute does, and how a knife fighter or a combat mech
takes one on. Offered to every behaviour as scored options (see OPTION_SOURCES).

Brutes charge the best line, sweep with the tail when surrounded, maul what is in
reach and shake off riders. A knife fighter next to a brute mounts it when the odds
are fair, then goes for the carotid; a combat mech grapples it.
"""

from __future__ import annotations

from ..core import brute_fights, brutes, rules
from ..core.actions import Action
from ..core.grid import distance
from ..core.units import Unit
from .behaviours import OPTION_SOURCES, Turn


def brute_options(turn: Turn, unit: Unit) -> list[tuple[float, Action]]:
    state = turn.state
    utype = state.utype(unit)
    fights = "brute" in utype.tags or "grapple" in utype.tags or unit.mounted_on
    near_brute = "knife" in utype.weapons and any(
        brutes.is_brute(state, e) and distance(unit.pos, e.pos) <= 2
        for e in turn.view.seen_enemies()
    )
    if not (fights or near_brute) or unit.alertness != "alert":
        return []
    options: list[tuple[float, Action]] = []
    for action in brutes.propose(state, unit) + brute_fights.propose(state, unit):
        if rules.check(state, action) is not None:
            continue
        value = _value(turn, unit, action)
        if value > 0:
            options.append((value, action))
    return options


def _value(turn: Turn, unit: Unit, action: Action) -> float:
    state = turn.state
    seen = turn.view.seen_enemies()
    if isinstance(action, brutes.Charge):
        path = _charge_victims(turn, unit, action)
        return 2.5 * path if path else 0.0
    if isinstance(action, brutes.TailSweep):
        in_reach = [e for e in seen if brutes.gap(state, unit, e.pos, state.size(e)) <= 2]
        return 1.2 * len(in_reach) if in_reach else 0.0
    if isinstance(action, brutes.Maul):
        return 1.5
    if isinstance(action, brutes.ThrowOff | brutes.Slam | brutes.TailStab):
        rider = brutes.rider_of(state, unit)
        if rider is None:
            return 0.0
        return {brutes.ThrowOff: 3.0, brutes.Slam: 2.5, brutes.TailStab: 2.0}[type(action)]
    if isinstance(action, brute_fights.Grapple):
        return 4.0
    if isinstance(action, brute_fights.BruteFight):
        target = state.units[action.target]
        chance = brute_fights.fight_chance(state, unit, target, action.move) / 100
        worth = {
            "carotid": 5.0 if "bleeding" not in target.status else 0.0,
            "sever_tail": 2.0 if "tail_severed" not in target.status else 0.0,
            "mount": 3.5,
            "hamstring": 2.0 if "hamstrung" not in target.status else 0.0,
            "roll_under": 1.5,
        }[action.move]
        return chance * worth
    return 0.0  # roars and dismounts: not worth an action by themselves


def _charge_victims(turn: Turn, unit: Unit, action) -> int:
    """How many seen enemies lie along the charge's line within its range."""
    state = turn.state
    reach = brutes.charge_range(state, unit)
    count = 0
    for enemy in turn.view.seen_enemies():
        for step in range(1, reach + 1):
            x, y = unit.x + action.dx * step, unit.y + action.dy * step
            if brutes.gap(state, enemy, (x, y), state.size(unit)) == 0:
                count += 1
                break
    return count


OPTION_SOURCES.append(brute_options)
