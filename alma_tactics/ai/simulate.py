"""Headless computer-vs-computer battles: `alma-tactics simulate`.

Every side is played by an AiPlayer through `Match.submit`, to the end or to a
turn limit; the result is the after-action record plus the state hash, so the
same seed gives the same JSON in any process.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..core.transports import UnitBoarded
from ..match import Match
from ..match.report import after_action
from ..scenario import find_scenario, load_scenario
from .player import AiPlayer

DEFAULT_TURN_LIMIT = 40


@dataclass
class Outcome:
    match: Match
    result: dict


def play(
    scenario_name: str, seed: int, turns: int = DEFAULT_TURN_LIMIT, difficulty: str = ""
) -> Outcome:
    scenario = load_scenario(find_scenario(scenario_name))
    match = Match(
        scenario.new_state(seed),
        seed,
        scenario_doc=scenario.doc,
        scenario_name=scenario.name,
        undo=False,  # nobody takes a computer's move back
    )
    players = {s.id: AiPlayer(s.id, difficulty or s.difficulty) for s in match.state.sides}
    limit_actions = 200_000
    while not match.state.winner and match.state.turn <= turns and limit_actions:
        side = match.state.active_side.id
        match.submit(players[side].next_action(match.state))
        limit_actions -= 1
    story = getattr(scenario, "story", None) or scenario.doc.get("story", {})
    record = after_action(match.state, match.history, story)
    casualties = {sid: r.lost for sid, r in record.sides.items()}
    result = {
        "scenario": scenario.name,
        "seed": seed,
        "winner": match.state.winner or None,
        "turns": match.state.turn,
        "casualties": casualties,
        "alarm_turn": record.alarm_turn,
        "breach_turn": record.breach_turn,
        "stealthy": record.stealthy,
        "reinforcements_sent": sum(
            isinstance(e, UnitBoarded) for events in match.history for e in events
        ),
        "actions": len(match.log),
        "state_hash": match.state.state_hash(),
        "sides": {sid: vars(r) for sid, r in record.sides.items()},
    }
    return Outcome(match, result)


def _one(args: tuple[str, int, int, str]) -> dict:
    return play(*args).result


def play_many(
    scenario_name: str,
    seeds: list[int],
    turns: int = DEFAULT_TURN_LIMIT,
    difficulty: str = "",
    workers: int = 2,
) -> list[dict]:
    """Play one game per seed on `workers` processes; results in seed order."""
    jobs = [(scenario_name, seed, turns, difficulty) for seed in seeds]
    if workers <= 1:
        return [_one(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_one, jobs))


def win_rates(results: list[dict]) -> dict[str, float]:
    """Share of games each side won (and "draw" for games nobody won)."""
    counts: dict[str, int] = {}
    for result in results:
        key = result["winner"] or "draw"
        counts[key] = counts.get(key, 0) + 1
    return {k: v / len(results) for k, v in sorted(counts.items())} if results else {}


def summary_text(result: dict) -> str:
    """The after-action report as a few lines of text."""
    lines = [
        f"{result['scenario']} (seed {result['seed']}): "
        + (f"{result['winner']} won" if result["winner"] else "no winner")
        + f" after {result['turns']} turns, {result['actions']} actions",
        f"alarm raised on turn {result['alarm_turn']}" if result["alarm_turn"] else "no alarm",
    ]
    for side, record in result["sides"].items():
        lines.append(
            f"  {side:14} lost {record['lost']}/{record['fielded']}, shots {record['shots']}, "
            f"hits {record['hits']}/{record['rounds']}, eye kills {record['eye_kills']}, "
            f"takedowns {record['takedowns']}"
        )
    lines.append(f"state hash {result['state_hash']}")
    return "\n".join(lines)
