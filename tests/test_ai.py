"""Computer players: legal, blind to what their side cannot see, deterministic."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from alma_tactics.ai import AiPlayer
from alma_tactics.ai.simulate import play
from alma_tactics.core import rules, sight
from alma_tactics.core.actions import EndTurn
from alma_tactics.core.patrol import next_waypoint
from alma_tactics.match import Match
from alma_tactics.scenario import find_scenario, load_scenario


def new_match(name: str = "night-yard", seed: int = 1) -> Match:
    return Match(load_scenario(find_scenario(name)).new_state(seed), seed)


@pytest.mark.parametrize("seed", range(4))
def test_every_action_the_ai_returns_passes_check(seed):
    match = new_match(seed=seed)
    players = {s.id: AiPlayer(s.id) for s in match.state.sides}
    for _ in range(300):
        if match.state.winner or match.state.turn > 12:
            break
        action = players[match.state.active_side.id].next_action(match.state)
        assert rules.check(match.state, action) is None, action
        match.submit(action)


def _decisions(match: Match, side: str, count: int) -> list:
    player = AiPlayer(side)
    out = []
    for _ in range(count):
        if match.state.active_side.id != side:
            break
        action = player.next_action(match.state)
        out.append(action)
        match.submit(action)
    return out


def test_the_ai_never_reads_where_an_unseen_enemy_really_is():
    base = new_match()
    base.submit(EndTurn("alliance"))
    hidden = [
        u
        for u in base.state.units_of("alliance")
        if u.id not in base.state.knowledge["calendrea"].spotted
    ]
    assert hidden, "the test needs an Alliance unit the Calendrea cannot see"
    first = _decisions(base, "calendrea", 12)
    moved = new_match()
    moved.submit(EndTurn("alliance"))
    unit = moved.state.units[hidden[0].id]
    unit.x, unit.y = 2, 12  # somewhere else, still unseen
    moved.state.units_changed()
    sight.refresh(moved.state)
    assert unit.id not in moved.state.knowledge["calendrea"].spotted
    assert _decisions(moved, "calendrea", 12) == first


def test_sentries_walk_their_round():
    route = [(9, 10), (9, 1), (21, 1), (21, 10)]
    assert next_waypoint((9, 10), route) == (9, 1)
    assert next_waypoint((9, 5), route) == (9, 1)
    assert next_waypoint((15, 1), route) == (21, 1)
    assert next_waypoint((21, 10), route) == (9, 10)


def test_the_same_seed_gives_the_same_battle():
    one = play("night-yard", 3, turns=8).result
    two = play("night-yard", 3, turns=8).result
    assert one == two


def test_simulation_is_the_same_in_another_process():
    here = play("night-yard", 5, turns=6).result["state_hash"]
    code = (
        "import json; from alma_tactics.ai.simulate import play; "
        "print(json.dumps(play('night-yard', 5, turns=6).result['state_hash']))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "123", "PATH": ""},
    )
    assert json.loads(out.stdout) == here


def test_simulate_json_is_the_same_for_the_same_seed(capsys):
    from alma_tactics.cli import main

    outs = []
    for _ in range(2):
        assert main(["simulate", "night-yard", "--seed", "3", "--turns", "6", "--json"]) == 0
        outs.append(json.loads(capsys.readouterr().out))
    assert outs[0] == outs[1]
    for key in ("winner", "turns", "casualties", "alarm_turn", "state_hash"):
        assert key in outs[0]


def test_simulate_games_prints_win_rates_using_both_cores(capsys):
    from alma_tactics.cli import main

    assert main(["simulate", "night-yard", "--games", "3", "--turns", "4", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["games"] == 3 and abs(sum(out["win_rates"].values()) - 1) < 1e-9
