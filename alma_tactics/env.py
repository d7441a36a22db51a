"""Alma Tactics as a library: an environment for training or testing your own agents.

`AlmaEnv` plays one side of a scenario, without a window, through the same doorway as
the game (`Match.submit`); every other side is played by the computer (`AiPlayer`) or
by a seeded random agent. The interface follows gymnasium's (`reset` gives
`(obs, info)`, `step` gives `(obs, reward, terminated, truncated, info)`) without
depending on it::

    env = AlmaEnv(max_turns=10)
    obs, info = env.reset("night-yard", seed=1)
    obs, reward, terminated, truncated, info = env.step(0)  # 0 is always EndTurn

The same scenario, seed and actions give the same observations and `state_hash`.

Observation (a dict of numpy arrays; only what the side knows, never an enemy it
does not see now — `state.knowledge[side].spotted` — except as a ghost):

- `terrain`   uint8 [H, W]: terrain kind index (`env.terrain_kinds` names them); the
  whole map, as the computer players read it (the ground is known from scouting);
- `elevation` int8 [H, W]: the terrain's elevation level;
- `visible`   bool [H, W]: tiles the side sees now (`sight.visible_tiles`);
- `explored`  bool [H, W]: tiles the side has ever seen;
- `lit`       bool [H, W]: tiles in light (`light.lit_mask`), False where not visible;
- `smoke`     uint8 [H, W]: turns of smoke left, 0 where not visible;
- `units`     float32 [N, 11]: the side's living units, by id (`info["unit_ids"]`);
- `friends`   float32 [N, 11]: units of allied sides (same team), by id;
- `enemies`   float32 [N, 11]: enemies the side sees now, by id;
- `ghosts`    float32 [N, 4]: where unseen enemies were last seen;
- `heard`     float32 [N, 3]: noises the side heard;
- `turn`      int32 []: the turn number (it goes up when the first side's turn starts).

Unit columns (`UNIT_COLUMNS`): x, y, hp, max_hp, ap, max_ap, facing (0 = north,
clockwise, `grid.DIRECTIONS`), alertness (0 unaware, 1 suspicious, 2 alert), type
(index into `env.unit_types`), overwatch (1 on overwatch), carried (1 riding in a
transport, at the transport's tile). Ghost columns (`GHOST_COLUMNS`): x, y, age
(turns since last seen), type. Heard columns (`HEARD_COLUMNS`): x, y, age.

Actions: `info["legal_actions"]` lists `Action`s that pass `rules.check` now, built
from the rules' own proposals for the side's units with AP left: index 0 is always
`EndTurn`, then each unit's actions (sorted by unit id) with its moves capped to
`moves_per_unit` destinations spread over the eight directions (per direction the
nearest and the farthest reachable tile by default). `step` takes an index into that
list or any `Action` (illegal ones raise `rules.IllegalAction` and change nothing).
Ending the turn lets the other sides play until the agent's turn comes again.

Reward, per step, for what happened during it (the opponents' turns included):
+1 if the agent's team wins and -1 if it loses (only when the battle ends), +0.1 per
enemy unit killed, -0.1 per own unit lost, +0.5 when an objective of the side turns
"done" and -0.5 when one turns "failed". `terminated` means the battle is decided
(`state.winner`), `truncated` that `state.turn > max_turns` first.

`info`: `legal_actions`, `events` (what happened since the last observation as
dicts, leaving out events about enemies the side saw neither before nor after them),
`state_hash`, `unit_ids`, `friend_ids`, `enemy_ids`, `side`, `turn`, `winner`.
"""

from __future__ import annotations

import math
import operator
import random
from pathlib import Path

import numpy as np

from .ai import AiPlayer
from .ai.view import SideView
from .core import events as ev
from .core import moves, rules
from .core.actions import Action, EndTurn, Move, Turn
from .core.grid import DIRECTIONS
from .core.light import lit_mask
from .core.movement import reachable
from .core.sight import visible_tiles
from .core.state import GameState
from .core.units import ALERTNESS, Unit
from .match import Match
from .scenario import Scenario, find_scenario, load_scenario

UNIT_COLUMNS = (
    "x",
    "y",
    "hp",
    "max_hp",
    "ap",
    "max_ap",
    "facing",
    "alertness",
    "type",
    "overwatch",
    "carried",
)
GHOST_COLUMNS = ("x", "y", "age", "type")
HEARD_COLUMNS = ("x", "y", "age")

WIN_REWARD = 1.0
KILL_REWARD = 0.1
LOSS_REWARD = -0.1
OBJECTIVE_DONE_REWARD = 0.5
OBJECTIVE_FAILED_REWARD = -0.5

OPPONENTS = ("ai", "random")
MAX_OPPONENT_ACTIONS = 100_000  # per hand-over: a guard against a player that never ends
PRIVATE_EVENTS = (ev.UnitSpotted, ev.UnitLost, ev.NoiseHeard, ev.AreaRevealed)


class AlmaEnv:
    """One side of a scenario as an environment; see the module docstring.

    `side`: the side the agent plays (default: the scenario's first side with a human
    controller, else its first side). `opponent`: "ai" (the computer player at
    `difficulty`; None uses each side's difficulty from the scenario) or "random"
    (a seeded agent choosing uniformly from its legal actions). `max_turns`: the
    episode is truncated once `state.turn` passes it (None: never).
    `moves_per_unit`: how many move destinations each unit lists (None: all).
    """

    def __init__(
        self,
        side: str | None = None,
        opponent: str = "ai",
        difficulty: str | None = "normal",
        max_turns: int | None = 60,
        *,
        moves_per_unit: int | None = 16,
    ) -> None:
        if opponent not in OPPONENTS:
            raise ValueError(f"opponent must be one of {OPPONENTS}, not {opponent!r}")
        if moves_per_unit is not None and moves_per_unit < 1:
            raise ValueError("moves_per_unit must be at least 1 (or None for every move)")
        self.requested_side = side
        self.opponent = opponent
        self.difficulty = difficulty
        self.max_turns = max_turns
        self.moves_per_unit = moves_per_unit
        self.side = ""
        self.scenario: Scenario | None = None
        self.match: Match | None = None
        self.unit_types: tuple[str, ...] = ()
        self.terrain_kinds: tuple[str, ...] = ()
        self._type_index: dict[str, int] = {}
        self._players: dict[str, AiPlayer] = {}
        self._rng = random.Random(0)
        self._legal: list[Action] = []
        self._tally: tuple[int, int, dict[str, str]] = (0, 0, {})
        self._done = True

    # --- the gymnasium-style interface ------------------------------------------------------
    @property
    def state(self) -> GameState:
        """The true state (everything, hidden enemies included): for tools, not agents."""
        if self.match is None:
            raise RuntimeError("call reset(scenario, seed) first")
        return self.match.state

    def reset(self, scenario: str | Path | Scenario, seed: int = 0) -> tuple[dict, dict]:
        """Start `scenario` (a built-in name, a path or a loaded `Scenario`) with `seed`.

        If the agent's side does not move first, the sides before it play first.
        """
        if not isinstance(scenario, Scenario):
            scenario = load_scenario(find_scenario(str(scenario)))
        ids = [s["id"] for s in scenario.sides]
        if self.requested_side is None:
            humans = [s["id"] for s in scenario.sides if s["controller"] == "human"]
            side = (humans or ids)[0]
        elif self.requested_side in ids:
            side = self.requested_side
        else:
            raise ValueError(f"no side {self.requested_side!r} in {scenario.name} (sides: {ids})")
        self.scenario, self.side = scenario, side
        self.match = Match(
            scenario.new_state(seed), seed, scenario_doc=scenario.doc, scenario_name=scenario.name
        )
        state = self.match.state
        catalog = state.catalog
        self.unit_types = tuple(catalog.units)
        self.terrain_kinds = tuple(k.id for k in catalog.terrain)
        self._type_index = {t: i for i, t in enumerate(self.unit_types)}
        self._players = {
            s.id: AiPlayer(s.id, self.difficulty or s.difficulty)
            for s in state.sides
            if s.id != self.side
        }
        self._rng = random.Random(f"alma-env-opponent:{seed}")
        self._done = False
        self._tally = self._count()
        events = self._known_events(self.match.opening_events, set())
        events += self._play_others()
        self._tally = self._count()  # the reward counts from the agent's first turn
        obs, info, terminated, truncated = self._observe(events)
        self._done = terminated or truncated
        return obs, info

    def step(self, action: Action | int) -> tuple[dict, float, bool, bool, dict]:
        """Apply the agent's `action` (an `Action`, or an index into the last
        `info["legal_actions"]`); after an `EndTurn` the other sides play their turns."""
        if self.match is None:
            raise RuntimeError("call reset(scenario, seed) first")
        if self._done:
            raise RuntimeError("the episode is over: call reset(scenario, seed) to play again")
        action = self._as_action(action)
        before = set(self.match.state.knowledge[self.side].spotted)
        done = self.match.submit(action)  # raises IllegalAction, changing nothing
        events = self._known_events(done, before)
        events += self._play_others()
        reward = self._reward()
        obs, info, terminated, truncated = self._observe(events)
        self._done = terminated or truncated
        return obs, reward, terminated, truncated, info

    def render_text(self) -> str:
        """The board as the agent's side knows it (`render.text.draw`)."""
        from .render.text import draw

        return draw(self.state, self.side)

    def legal_actions(self) -> list[Action]:
        """The actions listed in the last observation's `info["legal_actions"]`."""
        return list(self._legal)

    # --- actions ------------------------------------------------------------------------------
    def _as_action(self, action: Action | int) -> Action:
        if isinstance(action, Action):
            return action
        if isinstance(action, bool):
            raise TypeError("an action is an Action or an int index, not a bool")
        try:
            index = operator.index(action)
        except TypeError:
            raise TypeError(
                f"an action is an Action or an int index, not {type(action).__name__}"
            ) from None
        if not 0 <= index < len(self._legal):
            raise IndexError(
                f"action index {index} is out of range: there are {len(self._legal)} legal "
                f"actions (0..{len(self._legal) - 1}) in info['legal_actions']"
            )
        return self._legal[index]

    def _legal_actions(self, side: str) -> list[Action]:
        """EndTurn, then each unit's actions (moves capped), every one passing `check`.

        The same proposals as `rules.legal_actions`, with two short cuts: moves are
        picked from the unit's reach before their paths are traced, and an action
        aimed at an enemy the side does not see is never proposed (it could not pass
        the check, and listing it would give the enemy away).
        """
        state = self.state
        if state.winner or state.active_side.id != side:
            return []
        rules.load_rules()  # as `rules.legal_actions` does before reading PROPOSERS
        spotted = state.knowledge[side].spotted
        found: list[Action] = [EndTurn(side=side)]
        units = [u for u in state.units.values() if u.side == side and u.alive and u.ap > 0]
        for unit in sorted(units, key=lambda u: u.id):
            for propose in rules.PROPOSERS:
                if propose is moves.propose:
                    proposed = self._moves(state, unit)
                else:
                    proposed = propose(state, unit)
                for action in proposed:
                    if isinstance(action, EndTurn):
                        continue
                    target = state.units.get(getattr(action, "target", None) or "")
                    if (
                        target is not None
                        and state.are_enemies(side, target.side)
                        and target.id not in spotted
                    ):
                        continue
                    if rules.check(state, action) is None:
                        found.append(action)
        return found

    def _moves(self, state: GameState, unit: Unit) -> list[Action]:
        """What `moves.propose` offers, with the moves capped: per direction (eight
        sectors), destinations evenly spaced from the nearest to the farthest
        (`moves_per_unit // 8` of them, so the nearest and the farthest with 16)."""
        if rules.check_actor(state, unit.id) is not None:
            return []
        turns: list[Action] = [
            Turn(unit=unit.id, facing=f) for f in range(len(DIRECTIONS)) if f != unit.facing
        ]
        reach = reachable(state, unit)
        tiles = [(pos, cost) for pos, cost in reach.tiles() if pos != unit.pos]
        if self.moves_per_unit is not None and len(tiles) > self.moves_per_unit:
            per = max(1, self.moves_per_unit // 8)
            sectors: dict[int, list[tuple[int, int, int, int]]] = {}
            for (x, y), cost in tiles:
                dx, dy = x - unit.x, y - unit.y
                sector = round(math.atan2(dx, -dy) / (math.pi / 4)) % 8  # 0 north, clockwise
                sectors.setdefault(sector, []).append((dx * dx + dy * dy, cost, y, x))
            goals: list[tuple[int, int]] = []
            for sector in sorted(sectors):
                ranked = sorted(sectors[sector])
                n = len(ranked)
                picks = (
                    [n - 1] if per == 1 else [round(i * (n - 1) / (per - 1)) for i in range(per)]
                )
                goals.extend((ranked[i][3], ranked[i][2]) for i in sorted(picks))
            goals = goals[: self.moves_per_unit]
        else:
            goals = [pos for pos, _ in tiles]
        found: list[Action] = []
        for goal in goals:
            path = reach.path_to(goal)
            if path:
                found.append(Move(unit=unit.id, path=tuple(path)))
        return found + turns

    # --- the other sides ----------------------------------------------------------------------
    def _play_others(self) -> list[dict]:
        """Play every other side until it is the agent's turn, the battle ends or the
        turn limit passes. Returns the events the agent's side may know of."""
        match = self.match
        assert match is not None
        events: list[dict] = []
        for _ in range(MAX_OPPONENT_ACTIONS):
            state = match.state
            if state.winner or state.active_side.id == self.side or self._past_limit():
                return events
            active = state.active_side.id
            if self.opponent == "random":
                action = self._rng.choice(self._legal_actions(active))
            else:
                action = self._players[active].next_action(state)
            before = set(state.knowledge[self.side].spotted)
            events += self._known_events(match.submit(action), before)
        raise RuntimeError(f"the other sides took over {MAX_OPPONENT_ACTIONS} actions")

    def _past_limit(self) -> bool:
        return self.max_turns is not None and self.state.turn > self.max_turns

    # --- what the side knows --------------------------------------------------------------------
    def _known_events(self, events: list[ev.Event], spotted_before: set[str]) -> list[dict]:
        """The events as dicts, without those about enemies the side saw neither before
        nor after them; an unseen attacker (`by`) is left blank."""
        state = self.state
        known = spotted_before | state.knowledge[self.side].spotted

        def hidden(unit_id: object) -> bool:
            unit = state.units.get(unit_id) if isinstance(unit_id, str) else None
            return (
                unit is not None
                and state.are_enemies(self.side, unit.side)
                and unit_id not in known
            )

        out: list[dict] = []
        for event in events:
            if isinstance(event, PRIVATE_EVENTS) and event.side != self.side:
                continue
            data = event.to_dict()
            if isinstance(event, ev.NoiseMade) and (hidden(event.by) or not event.by):
                continue  # the side learns of a noise by hearing it (NoiseHeard)
            if "by" in data and hidden(data["by"]):
                data["by"] = ""
            if any(hidden(v) for k, v in data.items() if k not in ("by", "type")):
                continue
            out.append(data)
        return out

    def _observe(self, events: list[dict]) -> tuple[dict, dict, bool, bool]:
        state = self.state
        side = self.side
        view = SideView(state, side)
        grid = state.grid
        visible = visible_tiles(state, side).copy()
        mine = sorted(view.my_all(), key=lambda u: u.id)
        friends = sorted(
            (u for u in view.friends() if u.side != side and u.on_map), key=lambda u: u.id
        )
        enemies = [u for u in view.seen_enemies() if u.on_map]
        ghosts = [g for _, g in sorted(view.know.ghosts.items())]
        obs = {
            "terrain": grid.kind.copy(),
            "elevation": grid.elevation.astype(np.int8),
            "visible": visible,
            "explored": view.know.explored.copy(),
            "lit": lit_mask(state) & visible,
            "smoke": np.where(visible, grid.smoke, 0).astype(np.uint8),
            "units": self._unit_rows(mine),
            "friends": self._unit_rows(friends),
            "enemies": self._unit_rows(enemies),
            "ghosts": _rows(
                [[g.x, g.y, state.turn - g.turn, self._type_index[g.type_id]] for g in ghosts],
                len(GHOST_COLUMNS),
            ),
            "heard": _rows(
                [[x, y, state.turn - turn] for x, y, turn in view.know.heard], len(HEARD_COLUMNS)
            ),
            "turn": np.array(state.turn, dtype=np.int32),
        }
        terminated = bool(state.winner)
        truncated = not terminated and self._past_limit()
        self._legal = [] if terminated or truncated else self._legal_actions(side)
        info = {
            "legal_actions": list(self._legal),
            "events": events,
            "state_hash": state.state_hash(),
            "unit_ids": [u.id for u in mine],
            "friend_ids": [u.id for u in friends],
            "enemy_ids": [u.id for u in enemies],
            "side": side,
            "turn": state.turn,
            "winner": state.winner,
        }
        return obs, info, terminated, truncated

    def _unit_rows(self, units: list[Unit]) -> np.ndarray:
        state = self.state
        rows = []
        for unit in units:
            utype = state.utype(unit)
            x, y = unit.pos
            if unit.carried_by and unit.carried_by in state.units:
                x, y = state.units[unit.carried_by].pos
            rows.append(
                [
                    x,
                    y,
                    unit.hp,
                    utype.hp,
                    unit.ap,
                    utype.ap,
                    unit.facing,
                    ALERTNESS.index(unit.alertness) if unit.alertness in ALERTNESS else 2,
                    self._type_index[unit.type_id],
                    1 if unit.overwatch else 0,
                    1 if unit.carried_by else 0,
                ]
            )
        return _rows(rows, len(UNIT_COLUMNS))

    # --- reward ---------------------------------------------------------------------------------
    def _count(self) -> tuple[int, int, dict[str, str]]:
        """(enemy units dead, own units dead, the side's objectives' statuses)."""
        state = self.state
        enemies_dead = own_dead = 0
        for unit in state.units.values():
            if unit.hp > 0:
                continue
            if unit.side == self.side:
                own_dead += 1
            elif state.are_enemies(self.side, unit.side):
                enemies_dead += 1
        objectives = {
            o["id"]: o.get("status", "open") for o in state.objectives if o.get("side") == self.side
        }
        return enemies_dead, own_dead, objectives

    def _reward(self) -> float:
        state = self.state
        enemies_before, own_before, objectives_before = self._tally
        self._tally = enemies_now, own_now, objectives_now = self._count()
        reward = KILL_REWARD * (enemies_now - enemies_before)
        reward += LOSS_REWARD * (own_now - own_before)
        for oid, status in objectives_now.items():
            if status != objectives_before.get(oid, "open"):
                if status == "done":
                    reward += OBJECTIVE_DONE_REWARD
                elif status == "failed":
                    reward += OBJECTIVE_FAILED_REWARD
        if state.winner:
            won = state.team(state.winner) == state.team(self.side)
            reward += WIN_REWARD if won else -WIN_REWARD
        return round(reward, 6)


def _rows(rows: list[list[int]], width: int) -> np.ndarray:
    return np.array(rows, dtype=np.float32).reshape(len(rows), width)
