"""The after-action record counts what the events say happened."""

from __future__ import annotations

import maps

from alma_tactics.core import rules
from alma_tactics.core.actions import EndTurn, Shoot, Stab
from alma_tactics.core.rng import Rng
from alma_tactics.match.report import after_action


def test_the_record_counts_shots_hits_kills_and_the_alarm_turn():
    state = maps.make_state(
        ["k.s.....", "........", "r.....t."],
        {
            "k": ("marine", "alliance"),
            "r": ("sniper", "alliance"),
            "s": ("sentry", "calendrea"),
            "t": ("soldier", "calendrea"),
        },
        ambient="night",
    )
    state.units["s"].alertness = "unaware"
    maps.place(state, "k", (1, 0))
    history = [rules.apply(state, Stab("k", "s"))]
    state.ambient = "day"
    state.cache.clear()
    state.rng = Rng(4)
    from alma_tactics.core import sight

    sight.refresh(state)
    history.append(rules.apply(state, Shoot("r", "t", "sniper_rifle", "aimed")))
    history.append(rules.apply(state, EndTurn("alliance")))
    record = after_action(state, history, {"losses": {"alliance": 2}})
    alliance, calendrea = record.sides["alliance"], record.sides["calendrea"]
    assert alliance.takedowns == 1 and calendrea.lost >= 1
    assert alliance.shots == 1 and alliance.rounds == 1
    assert alliance.hits in (0, 1)
    assert calendrea.lost_by_kind["infantry"] == calendrea.lost
    assert record.alarm_turn == (1 if state.side("calendrea").alarm else None)
    assert calendrea.strength == [2 - calendrea.lost]
    assert record.story == {"losses": {"alliance": 2}}
    assert record.to_dict()["sides"]["alliance"]["takedowns"] == 1
