"""Same scenario + seed + actions => the same state_hash, in this process or another."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import maps
import pytest

from alma_tactics.core import rules, sight
from alma_tactics.core.actions import Action, EndTurn
from alma_tactics.core.state import GameState
from alma_tactics.match import Match
from alma_tactics.scenario import build_state, load_scenario

NIGHT_YARD = Path(__file__).resolve().parents[1] / "scenarios" / "night_yard.toml"


def night_yard(seed: int = 0) -> GameState:
    return build_state(maps.catalog(), load_scenario(NIGHT_YARD).doc, seed)


def random_actions(state: GameState, count: int, seed: int) -> list[Action]:
    """`count` legal actions picked with a seeded random index, applied to `state`."""
    rng = random.Random(seed)
    played: list[Action] = []
    for _ in range(count):
        if state.winner:
            break
        side = state.active_side.id
        units = [u for u in state.units.values() if u.side == side and u.on_map]
        options = rules.legal_actions(state, rng.choice(units)) if units else []
        options = options or [EndTurn(side=side)]
        action = options[rng.randrange(len(options))]
        rules.apply(state, action)
        played.append(action)
    return played


def play(actions: list[Action], seed: int = 0) -> str:
    state = night_yard(seed)
    sight.refresh(state)
    for action in actions:
        rules.apply(state, action)
    return state.state_hash()


@pytest.fixture(scope="module")
def script() -> list[Action]:
    state = night_yard()
    sight.refresh(state)
    return random_actions(state, 40, seed=3)


def test_the_same_actions_give_the_same_hash(script) -> None:
    assert len(script) == 40
    first = play(script)
    assert play(script) == first
    assert first != play([]), "the script changed something"
    assert {type(a).__name__ for a in script} >= {"Move", "EndTurn"}


def test_a_state_rebuilt_from_its_dict_hashes_the_same(script) -> None:
    state = night_yard()
    sight.refresh(state)
    for action in script[:25]:
        rules.apply(state, action)
        again = GameState.from_dict(state.catalog, json.loads(json.dumps(state.to_dict())))
        assert again.state_hash() == state.state_hash()
    sight.refresh(again)
    assert again.state_hash() == state.state_hash(), "a refresh on a rebuilt state adds nothing"
    for action in script[25:]:
        rules.apply(state, action)
        rules.apply(again, action)
    assert again.state_hash() == state.state_hash()


def test_the_state_carries_its_own_dice() -> None:
    a, b = night_yard(seed=7), night_yard(seed=7)
    assert [a.rng.below(1000) for _ in range(5)] == [b.rng.below(1000) for _ in range(5)]
    assert a.state_hash() == b.state_hash()
    assert night_yard(seed=8).state_hash() != night_yard(seed=7).state_hash()
    clone = a.clone()
    assert [clone.rng.percent() for _ in range(5)] == [a.rng.percent() for _ in range(5)]


def test_the_hash_does_not_depend_on_the_interpreters_hash_seed(script) -> None:
    log = json.dumps([a.to_dict() for a in script])
    expected = play(script)
    program = textwrap.dedent(
        """
        import json, sys
        from alma_tactics.content import load_catalog
        from alma_tactics.core import rules, sight
        from alma_tactics.core.actions import Action
        from alma_tactics.scenario import build_state, load_scenario

        state = build_state(load_catalog(), load_scenario(sys.argv[1]).doc, 0)
        sight.refresh(state)
        for data in json.loads(sys.stdin.read()):
            rules.apply(state, Action.from_dict(data))
        print(state.state_hash())
        """
    )
    hashes = set()
    for hash_seed in ("0", "12345", "random"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        done = subprocess.run(
            [sys.executable, "-c", program, str(NIGHT_YARD)],
            input=log,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        hashes.add(done.stdout.strip())
    assert hashes == {expected}


def test_a_match_replayed_from_its_json_log_agrees(script) -> None:
    match = Match(night_yard(), seed=0)
    for action in script:
        match.submit(action)
    log = json.loads(json.dumps([a.to_dict() for a in match.log]))
    again = Match.replay(night_yard(), 0, [Action.from_dict(a) for a in log])
    assert again.state.state_hash() == match.state.state_hash()
