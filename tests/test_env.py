"""The library environment: a random agent plays to the end, sees only what its side
knows, gets the documented reward, and the same seed replays to the same hash."""

from __future__ import annotations

import random
import subprocess
import sys
import time

import numpy as np
import pytest

from alma_tactics.core import rules
from alma_tactics.core.actions import EndTurn, Move, Turn
from alma_tactics.env import GHOST_COLUMNS, HEARD_COLUMNS, UNIT_COLUMNS, AlmaEnv
from alma_tactics.render.text import draw

GRID_KEYS = ("terrain", "elevation", "visible", "explored", "lit", "smoke")
ROW_KEYS = {
    "units": len(UNIT_COLUMNS),
    "friends": len(UNIT_COLUMNS),
    "enemies": len(UNIT_COLUMNS),
    "ghosts": len(GHOST_COLUMNS),
    "heard": len(HEARD_COLUMNS),
}


def enemy_ids_in(event: dict, env: AlmaEnv) -> set[str]:
    state = env.state
    return {
        v
        for k, v in event.items()
        if k != "type"
        and isinstance(v, str)
        and v in state.units
        and state.are_enemies(env.side, state.units[v].side)
    }


def assert_knows_only_what_it_sees(env: AlmaEnv, obs: dict, info: dict, seen: set[str]) -> None:
    """The observation shows exactly the enemies the side spots now, and events name
    only enemies the side has seen at some point."""
    state = env.state
    know = state.knowledge[env.side]
    spotted = {u for u in know.spotted if state.units[u].on_map}
    assert set(info["enemy_ids"]) == spotted
    assert len(obs["enemies"]) == len(spotted)
    for row, uid in zip(obs["enemies"], info["enemy_ids"], strict=True):
        unit = state.units[uid]
        assert (row[0], row[1]) == (unit.x, unit.y)
    for row, uid in zip(obs["units"], info["unit_ids"], strict=True):
        assert state.units[uid].side == env.side
        assert row[2] == state.units[uid].hp
    assert len(obs["ghosts"]) == len(know.ghosts)
    assert not (obs["lit"] & ~obs["visible"]).any()
    assert not obs["smoke"][~obs["visible"]].any()
    seen |= spotted | set(know.ghosts)
    seen |= {e["unit"] for e in info["events"] if e["type"] == "UnitSpotted"}
    for event in info["events"]:
        assert enemy_ids_in(event, env) <= seen, event


def expected_total(env: AlmaEnv, start: dict) -> float:
    """The documented reward, summed over a whole episode, from the final state."""
    state = env.state
    side = env.side
    dead = {u.id for u in state.units.values() if u.hp <= 0}
    total = 0.1 * len({u for u in dead if state.are_enemies(side, state.units[u].side)})
    total -= 0.1 * len({u for u in dead if state.units[u].side == side})
    total += -0.1 * start["enemies_dead"] + 0.1 * start["own_dead"]
    for objective in state.objectives:
        if objective["side"] == side and objective["id"] in start["open"]:
            total += {"done": 0.5, "failed": -0.5}.get(objective["status"], 0.0)
    if state.winner:
        total += 1.0 if state.team(state.winner) == state.team(side) else -1.0
    return total


def play_random(
    scenario: str, seed: int, max_turns: int, opponent: str = "ai", side: str | None = None
) -> dict:
    """A seeded random agent plays to the end; checks every observation on the way."""
    env = AlmaEnv(side=side, opponent=opponent, max_turns=max_turns)
    obs, info = env.reset(scenario, seed=seed)
    state = env.state
    start = {
        "enemies_dead": sum(
            u.hp <= 0 and state.are_enemies(env.side, u.side) for u in state.units.values()
        ),
        "own_dead": sum(u.hp <= 0 and u.side == env.side for u in state.units.values()),
        "open": {o["id"] for o in state.objectives if o["status"] == "open"},
    }
    rng = random.Random(seed)
    seen: set[str] = set()
    hashes = [info["state_hash"]]
    total = 0.0
    steps = 0
    terminated = truncated = False
    assert_knows_only_what_it_sees(env, obs, info, seen)
    while not (terminated or truncated):
        legal = info["legal_actions"]
        assert legal and legal[0] == EndTurn(side=env.side)
        assert all(rules.check(env.state, a) is None for a in legal)
        obs, reward, terminated, truncated, info = env.step(rng.randrange(len(legal)))
        total += reward
        steps += 1
        hashes.append(info["state_hash"])
        assert info["state_hash"] == env.state.state_hash()
        assert_knows_only_what_it_sees(env, obs, info, seen)
        assert steps < 5000
    assert info["legal_actions"] == []
    assert terminated == bool(env.state.winner)
    assert truncated == (not terminated and env.state.turn > max_turns)
    assert total == pytest.approx(expected_total(env, start))
    return {"env": env, "hashes": hashes, "total": total, "steps": steps, "obs": obs}


def test_a_random_agent_plays_night_yard_to_the_end() -> None:
    started = time.perf_counter()
    result = play_random("night-yard", seed=3, max_turns=8)
    assert time.perf_counter() - started < 20
    assert result["steps"] > 8  # it played several turns, not just end turn
    env = result["env"]
    assert env.state.winner or env.state.turn > 8


def test_the_same_seed_replays_to_the_same_hash() -> None:
    first = play_random("night-yard", seed=5, max_turns=6)
    second = play_random("night-yard", seed=5, max_turns=6)
    assert first["hashes"] == second["hashes"]
    for key, array in first["obs"].items():
        assert np.array_equal(array, second["obs"][key]), key


def test_a_random_opponent_is_seeded_too() -> None:
    first = play_random("night-yard", seed=2, max_turns=5, opponent="random")
    second = play_random("night-yard", seed=2, max_turns=5, opponent="random")
    assert first["hashes"] == second["hashes"]


@pytest.mark.parametrize(
    ("scenario", "seed", "side"),
    [("brute-pit", 1, None), ("firing-range", 2, None), ("night-yard", 4, "calendrea")],
)
def test_the_reward_is_the_documented_one(scenario: str, seed: int, side: str | None) -> None:
    play_random(scenario, seed=seed, max_turns=4, side=side)  # asserts the total inside


def test_the_observation_has_fixed_shapes_and_dtypes() -> None:
    env = AlmaEnv()
    obs, info = env.reset("night-yard", seed=0)
    state = env.state
    shape = (state.grid.height, state.grid.width)
    assert env.side == "alliance"  # the first side with a human controller
    assert set(obs) == {*GRID_KEYS, *ROW_KEYS, "turn"}
    dtypes = {
        "terrain": np.uint8,
        "elevation": np.int8,
        "visible": np.bool_,
        "explored": np.bool_,
        "lit": np.bool_,
        "smoke": np.uint8,
    }
    for key, dtype in dtypes.items():
        assert obs[key].shape == shape, key
        assert obs[key].dtype == dtype, key
    for key, width in ROW_KEYS.items():
        assert obs[key].dtype == np.float32, key
        assert obs[key].ndim == 2 and obs[key].shape[1] == width, key
    assert obs["units"].shape == (2, len(UNIT_COLUMNS))
    assert info["unit_ids"] == ["davis", "m1"]
    assert obs["turn"].shape == () and obs["turn"].dtype == np.int32 and int(obs["turn"]) == 1
    assert np.array_equal(obs["terrain"], state.grid.kind)
    assert not np.shares_memory(obs["terrain"], state.grid.kind)  # the agent cannot edit it
    assert obs["visible"].any() and obs["explored"][obs["visible"]].all()
    assert env.unit_types[int(obs["units"][0][UNIT_COLUMNS.index("type")])] == "davis"
    assert set(info) >= {"legal_actions", "events", "state_hash", "unit_ids", "enemy_ids"}
    assert env.render_text() == draw(state, "alliance")


def test_legal_actions_are_the_rules_own_with_moves_capped() -> None:
    env = AlmaEnv()
    _, info = env.reset("brute-pit", seed=0)  # shots, launches and throws on offer
    state = env.state
    listed = info["legal_actions"]
    assert listed[0] == EndTurn(side=env.side)
    assert len(set(listed)) == len(listed)
    full: list = []
    for unit in state.units_of(env.side):
        if unit.ap > 0:
            full += rules.legal_actions(state, unit)
    full_set = set(full)
    assert set(listed) <= full_set
    others = {a for a in full if not isinstance(a, Move | EndTurn)}
    assert others <= set(listed)  # everything but moves is offered in full
    for unit in state.units_of(env.side):
        moves = [a for a in listed if isinstance(a, Move) and a.unit == unit.id]
        assert 0 < len(moves) <= 16
        assert len({a.path[-1] for a in moves}) == len(moves)
    assert any(type(a).__name__ == "Shoot" for a in listed)


def test_an_index_out_of_range_is_refused_and_changes_nothing() -> None:
    env = AlmaEnv()
    _, info = env.reset("night-yard", seed=0)
    before = env.state.state_hash()
    n = len(info["legal_actions"])
    for bad in (n, -1, 10**6):
        with pytest.raises(IndexError, match=r"out of range.*legal_actions"):
            env.step(bad)
    with pytest.raises(TypeError):
        env.step("EndTurn")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        env.step(True)
    illegal = Turn(unit="sentry1", facing=0)  # not the agent's unit, not its turn
    with pytest.raises(rules.IllegalAction):
        env.step(illegal)
    assert env.state.state_hash() == before
    assert env.match is not None and env.match.log == []
    # still playable: a numpy integer index is fine
    obs, _, terminated, truncated, info = env.step(np.int64(1))
    assert len(env.match.log) == 1 and not (terminated or truncated)


def test_an_action_object_and_the_episode_end() -> None:
    env = AlmaEnv(max_turns=2)
    with pytest.raises(RuntimeError, match="reset"):
        env.step(0)
    env.reset("night-yard", seed=0)
    done = False
    while not done:
        _, _, terminated, truncated, _ = env.step(EndTurn(side="alliance"))
        done = terminated or truncated
    assert truncated and env.state.turn == 3
    with pytest.raises(RuntimeError, match="over"):
        env.step(0)


def test_playing_the_second_side_lets_the_first_play_first() -> None:
    env = AlmaEnv(side="calendrea")
    obs, info = env.reset("night-yard", seed=0)
    assert env.state.active_side.id == "calendrea" and info["turn"] == 1
    assert len(obs["units"]) == 3
    with pytest.raises(ValueError, match="no side"):
        AlmaEnv(side="martians").reset("night-yard")
    with pytest.raises(ValueError, match="opponent"):
        AlmaEnv(opponent="chess")


def test_the_environment_imports_without_pygame() -> None:
    program = "import sys, alma_tactics.env; assert 'pygame' not in sys.modules"
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
